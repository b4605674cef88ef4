//! The HTML layout: a page with the headings and prose as paragraphs and the
//! tables as `<table>`s, merged cells as `rowspan` and `colspan`.

use std::fmt::Write;

use super::grid::{Grid, GridCell, rowspans};
use super::{Doc, value_text};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn table(grid: &Grid, blank: &str, out: &mut String) {
    out.push_str("<table border=\"1\" cellspacing=\"0\">\n");
    let spans = rowspans(grid);
    for (row, rowspans) in grid.rows.iter().zip(&spans) {
        out.push_str("<tr>");
        for (cell, &rowspan) in row.iter().zip(rowspans) {
            let text = match cell {
                GridCell::Label { text, .. } => escape(text),
                GridCell::Value { value, .. } => escape(&value_text(value, blank)),
                GridCell::Merged { .. } => continue,
            };
            out.push_str("<td");
            if cell.span() > 1 {
                let _ = write!(out, " colspan=\"{}\"", cell.span());
            }
            if rowspan > 1 {
                let _ = write!(out, " rowspan=\"{rowspan}\"");
            }
            let _ = write!(out, "><p>{text}</p></td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// The document as an HTML page.
pub(super) fn write(doc: &Doc, blank: &str) -> String {
    let mut out = String::from("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<title>{}</title>\n</head>\n<body>",
        escape(&doc.title)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&doc.title));
    for line in &doc.lead {
        let _ = writeln!(out, "<p>{}</p>", escape(line));
    }
    for part in &doc.sections {
        let _ = writeln!(out, "<p><strong>{}</strong></p>", escape(&part.heading));
        for p in &part.paragraphs {
            let _ = writeln!(out, "<p>{}</p>", escape(p));
        }
        if let Some(grid) = &part.table {
            table(grid, blank, &mut out);
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnualReport, Edition};

    #[test]
    fn merged_cells_become_rowspans() {
        let report = AnnualReport::new(Edition::E2019);
        let [_, apps, review] = super::super::grid::of_report(&report);
        let apps = apps.unwrap();
        let spans = rowspans(&apps);
        // the corner note covers the three header rows
        assert_eq!(spans[0][0], 3);
        // 自然人 and 总计 cover two
        assert_eq!(spans[1][1], 2);
        assert_eq!(spans[1][3], 2);
        let review = review.unwrap();
        assert_eq!(rowspans(&review)[1][..5], [2; 5]);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a<b & \"c\">"), "a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
