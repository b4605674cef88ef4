//! The layouts of `pandoc -f html -t gfm` and `pandoc -f html -t plain` of
//! the HTML page.
//!
//! gfm: the title a `#`
//! heading, the section headings `**…**` (the page's `<strong>`), each
//! paragraph on a line of its own with a blank line after it, and each table
//! a pipe table whose header row is empty (the page's tables have no header
//! row), every row padded to the grid with empty cells where cells are
//! merged, the columns aligned to their widest cell:
//!
//! ```text
//! |                    |              |              |
//! |--------------------|--------------|--------------|
//! | 第二十条第（一）项 |              |              |
//! | 信息内容           | 本年制发件数 | 本年废止件数 |
//! | 规章               | 5            | 2            |
//! ```
//!
//! plain: the title and headings as plain paragraphs, and each table a
//! simple table without a header: the same padded grid, indented by two
//! spaces, each column two wider than its widest cell (every cell but a
//! row's last padded to it), between two lines of dashes as wide as the
//! columns:
//!
//! ```text
//!   -------------------- -------------- --------------
//!   第二十条第（一）项
//!   信息内容             本年制发件数   本年废止件数
//!   规章                 5              2
//!   -------------------- -------------- --------------
//! ```

use super::grid::{Grid, GridCell};
use super::{Doc, value_text};
use crate::normalize::display_width;

/// The columns a text takes (a CJK character two).
fn width(text: &str) -> usize {
    text.chars().map(|c| usize::from(display_width(c))).sum()
}

/// The grid as rows of cell texts, each padded to the widest row: a cell
/// over `n` columns is followed by `n - 1` empty cells, a merged cell is
/// empty.
fn padded(grid: &Grid, blank: &str) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = grid
        .rows
        .iter()
        .map(|row| {
            let mut out = Vec::new();
            for cell in row {
                out.push(match cell {
                    GridCell::Label { text, .. } => text.clone(),
                    GridCell::Value { value, .. } => value_text(value, blank),
                    GridCell::Merged { .. } => String::new(),
                });
                out.extend(std::iter::repeat_n(String::new(), cell.span() - 1));
            }
            out
        })
        .collect();
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut rows {
        row.resize(columns, String::new());
    }
    rows
}

/// A table as pandoc writes it: an empty header row, the separator, the rows.
fn table(grid: &Grid, blank: &str, out: &mut Vec<String>) {
    let rows = padded(grid, blank);
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0).max(1))
        .collect();
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for (cell, &w) in cells.iter().zip(&widths) {
            s.push(' ');
            s.push_str(cell);
            s.push_str(&" ".repeat(w - width(cell) + 1));
            s.push('|');
        }
        s
    };
    out.push(line(&vec![String::new(); columns]));
    let mut rule = String::from("|");
    for w in &widths {
        rule.push_str(&"-".repeat(w + 2));
        rule.push('|');
    }
    out.push(rule);
    for row in &rows {
        out.push(line(row));
    }
    out.push(String::new());
}

/// A table as `pandoc -t plain` writes it: a simple table between rules.
fn simple_table(grid: &Grid, blank: &str, out: &mut Vec<String>) {
    let rows = padded(grid, blank);
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0) + 2)
        .collect();
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    let rule = format!("  {}", rule.join(" "));
    out.push(rule.clone());
    for row in &rows {
        // every cell but the last padded to its column
        let mut line = String::from(" ");
        for (i, (cell, &w)) in row.iter().zip(&widths).enumerate() {
            line.push(' ');
            line.push_str(cell);
            if i + 1 < columns {
                line.push_str(&" ".repeat(w - width(cell)));
            }
        }
        out.push(line);
    }
    out.push(rule);
    out.push(String::new());
}

/// The document as `pandoc -t plain` writes its HTML page.
pub(super) fn write_plain(doc: &Doc, blank: &str) -> String {
    doc.paragraphs(
        |_, h| h.to_string(),
        |grid, out| simple_table(grid, blank, out),
    )
}

/// The document as `pandoc -t gfm` writes its HTML page.
pub(super) fn write(doc: &Doc, blank: &str) -> String {
    let heading = |level, h: &str| match level {
        0 => format!("# {h}"),
        _ => format!("**{h}**"),
    };
    doc.paragraphs(heading, |grid, out| table(grid, blank, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnualReport, Edition};

    #[test]
    fn tables_have_an_empty_header_and_aligned_padded_columns() {
        let report = AnnualReport::new(Edition::E2021);
        let [active, apps, _] = super::super::grid::of_report(&report);
        let mut out = Vec::new();
        table(&active.unwrap(), "", &mut out);
        assert_eq!(
            out[0],
            format!(
                "|{}|{}|{}|{}|",
                " ".repeat(20),
                " ".repeat(28),
                " ".repeat(14),
                " ".repeat(14)
            )
        );
        assert_eq!(
            out[1],
            format!(
                "|{}|{}|{}|{}|",
                "-".repeat(20),
                "-".repeat(28),
                "-".repeat(14),
                "-".repeat(14)
            )
        );
        assert_eq!(
            out[2],
            format!(
                "| 第二十条第（一）项 |{}|{}|{}|",
                " ".repeat(28),
                " ".repeat(14),
                " ".repeat(14)
            )
        );
        let widths: Vec<usize> = out[..out.len() - 1].iter().map(|l| width(l)).collect();
        assert!(widths.iter().all(|&w| w == widths[0]), "{out:#?}");
        let mut out = Vec::new();
        table(&apps.unwrap(), "", &mut out);
        // the corner note's row: the note, then empty cells to 申请人情况
        assert!(out[2].starts_with("| （本列数据的勾稽关系为"), "{}", out[2]);
        assert_eq!(out[2].matches('|').count(), 11);
    }

    #[test]
    fn simple_tables_align_columns_between_rules() {
        let report = AnnualReport::new(Edition::E2021);
        let [active, ..] = super::super::grid::of_report(&report);
        let mut out = Vec::new();
        simple_table(&active.unwrap(), "", &mut out);
        let rule = format!(
            "  {} {} {} {}",
            "-".repeat(20),
            "-".repeat(28),
            "-".repeat(14),
            "-".repeat(14)
        );
        assert_eq!(out[0], rule);
        assert_eq!(out[out.len() - 2], rule);
        // every cell but the row's last padded to its column
        assert_eq!(
            out[1],
            format!(
                "  第二十条第（一）项{}",
                " ".repeat(2 + 1 + 28 + 1 + 14 + 1)
            )
        );
        assert_eq!(
            out[2],
            "  信息内容             本年制发件数                 本年废止件数   现行有效件数"
        );
    }
}
