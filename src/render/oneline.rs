//! The one-line layouts of crawler exports: the text of the page squeezed
//! onto one line by `' '.join(text.split())` (every line break, tab and run
//! of spaces one space), with or without the crawler's metadata header on
//! lines of its own before it, and with table cells run together as crawlers
//! that drop the cells' borders give them (`行政许可3960181`).

use super::grid::{Grid, GridCell};
use super::{Doc, Layout, text, value_text};

/// The text as crawler exports squeeze it: `' '.join(text.split())`.
pub(super) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A table's rows, each the texts of its cells run together; a merged cell
/// has no text.
fn run_together(grid: &Grid, blank: &str) -> Vec<String> {
    grid.rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    GridCell::Label { text, .. } => text.clone(),
                    GridCell::Value { value, .. } => value_text(value, blank),
                    GridCell::Merged { .. } => String::new(),
                })
                .collect::<String>()
        })
        .collect()
}

/// The page's text before it is squeezed: tab rows ([`Layout::TabRows`],
/// the text of a page's table), or rows with their cells run together.
fn page_text(doc: &Doc, cells_run_together: bool, blank: &str) -> String {
    if !cells_run_together {
        return text::write(doc, Layout::TabRows, blank);
    }
    let mut out = vec![doc.title.clone()];
    out.extend(doc.lead.iter().cloned());
    for part in &doc.sections {
        out.push(part.heading.clone());
        out.extend(part.paragraphs.iter().cloned());
        if let Some(grid) = &part.table {
            out.extend(run_together(grid, blank));
        }
    }
    out.join("\n")
}

/// The crawler's metadata header: `标题: …`, `发布时间: …` (when the report
/// has a publication date), `==== 正文 ====`.
fn header(doc: &Doc) -> String {
    let mut out = format!("标题: {}\n", doc.title);
    if let Some(date) = &doc.published {
        out.push_str(&format!("发布时间: {date} 09:00:00\n"));
    }
    out.push_str("==== 正文 ====\n");
    out
}

/// The document on one line, after the crawler's header when `header`.
pub(super) fn write(
    doc: &Doc,
    header_first: bool,
    cells_run_together: bool,
    blank: &str,
) -> String {
    let mut out = if header_first {
        header(doc)
    } else {
        String::new()
    };
    out.push_str(&squeeze(&page_text(doc, cells_run_together, blank)));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnualReport, Edition};

    #[test]
    fn squeezing_leaves_single_spaces() {
        assert_eq!(squeeze(" a\tb\n\n c  d \n"), "a b c d");
    }

    #[test]
    fn run_together_rows_join_their_cells() {
        let report = AnnualReport::new(Edition::E2021);
        let [active, apps, _] = super::super::grid::of_report(&report);
        let rows = run_together(&active.unwrap(), "/");
        assert_eq!(rows[1], "信息内容本年制发件数本年废止件数现行有效件数");
        assert_eq!(rows[2], "规章///");
        let rows = run_together(&apps.unwrap(), "");
        assert!(
            rows.contains(&"（三）不予公开1.属于国家秘密".to_string()),
            "{rows:#?}"
        );
        assert!(rows.contains(&"2.其他法律行政法规禁止公开".to_string()));
    }
}
