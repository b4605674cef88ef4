//! Section 三 in plain `pdftotext` text whose figures stand before their row
//! labels.
//!
//! Plain `pdftotext` of Chromium's PDF of a page may give each row's figures
//! before its label, one a line; where a label shares its line with a piece
//! of a group label, the piece left over (`开`) stands between the label and
//! the next row's figures:
//!
//! ```text
//! 178 / 79 34 39 / 45 / 44 419          the figures of row 一, before it
//! 一、本年新收政府信息公开申请数量
//! …
//! 12 / 4 / 1 / 2 / 2 / 1 / 22            the figures of (三)4, before it
//! （三）不予公 4.保护第三方合法权益
//! 开
//! 7 / 3 / 1 / 1 / 1 / 2 / 15             the figures of (三)5, not of (三)4
//! 5.属于三类内部事务信息
//! ```
//!
//! The readers that give a label the figures after it read such a text one
//! row off, and the table's sums cannot see it: a permutation of outcome rows
//! keeps every sum. Which order a text has is told by its figures before the
//! first row label, which can be no row's but the first row's:
//!
//! ```text
//! figures first := figures between the header's last text and the first
//!                  row label (plain PDF text only)
//! kept          := rows whose cells all stand on their label's line (the
//!                  same line is the same row, whatever the order)
//! dropped       := every other row's cells: the row is left to the readers
//!                  of the figures' order (section 三's label tails), or blank
//! ```
//!
//! A text that gives the figures after their labels may still give one row's
//! before its label, where its label wraps: the label before it is then
//! followed by two rows' figures, and the figures after its label are the
//! next row's. Once the next row's label is lost (a line dropped by the
//! tool, or by the damage a copy suffers), nothing but that crowd of figures
//! tells; a row after one is not read from the figures after its label:
//!
//! ```text
//! 3.危及“三安全一稳定”
//! 5 1 1 2 / 1 / 2 12                     the figures of (三)3
//! 7 0 1 1 / 2 / 1 12                     the figures of (三)4, before its label
//! （三）不 4.保护第三方合法权益
//! 2 1 0 1 / 0 / 2 6                      the figures of (三)5, its label lost
//!
//! crowded       := a row whose cells all stand after its label's line, after
//!                  more figures since the label before it than one row has,
//!                  so many that with its own they are more than one row's
//! ```

use std::borrow::Cow;
use std::fmt::Display;

use super::scan::Scan;
use crate::grammar::Ctx;
use crate::grammar::tokens::Token;
use crate::grammar::value::scalar;
use crate::model::{DiagnosticKind, Level};

/// True when the figures of `found` come before their row labels: the text
/// holds figures between the header's last text cell and the first row's
/// label (see the module documentation). Only plain PDF text (cells with a
/// place on a page) is asked.
fn figures_first<K>(doc: &str, found: &Scan<'_, K>) -> bool {
    let (Some(first), Some(header)) = (found.rows.first(), found.headers.first()) else {
        return false;
    };
    let Some(last) = header.last() else {
        return false;
    };
    if last.at.is_none() || last.end >= first.label.start {
        return false;
    }
    doc[last.end..first.label.start]
        .split(|c: char| c.is_whitespace() || c == '|')
        .any(|w| !w.is_empty() && scalar(w).is_some())
}

/// Whether every cell of a row stands on the line its label starts on.
fn on_label_line(doc: &str, label_start: usize, cells: &[Token]) -> bool {
    cells
        .iter()
        .all(|t| t.start >= label_start && !doc[label_start..t.start].contains('\n'))
}

/// The scan with the cells of rows read from figures after their label's
/// line taken out, when its text gives the figures before their labels, and
/// of rows after a crowd of figures (see the module documentation), each
/// such row said with a diagnostic. `columns` is the cells of a row.
pub(crate) fn drop_cells_after_labels<'s, 't, K: Copy + Display>(
    ctx: &mut Ctx<'_>,
    found: &'s Scan<'t, K>,
    id: impl Display,
    columns: usize,
) -> Cow<'s, Scan<'t, K>> {
    let first = figures_first(ctx.doc, found);
    let dropped: Vec<(usize, &str)> = (0..found.rows.len())
        .filter_map(|r| {
            let row = &found.rows[r];
            if row.collapsed.is_some()
                || row.cells.is_empty()
                || on_label_line(ctx.doc, row.label.start, &row.cells)
            {
                return None;
            }
            if first {
                return Some((r, "the figures of this text stand before their row labels (some before the first row's)"));
            }
            crowded(ctx.doc, found, r, columns).then_some((r, "more figures than one row has stand between this label and the label before it, so the text does not keep each row's figures after its label there"))
        })
        .collect();
    if dropped.is_empty() {
        return Cow::Borrowed(found);
    }
    let mut out = found.clone();
    for (r, why) in dropped {
        let row = &mut out.rows[r];
        row.cells = Cow::Borrowed(&[]);
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowAmbiguous,
            format!(
                "{id}.{}: {why}, so the ones after the label's line need not be its row's; not read from them",
                row.key
            ),
            Some(row.label),
        );
    }
    Cow::Owned(out)
}

/// Whether row `r`, in plain PDF text (its cells have a place on a page),
/// has its cells only on the lines after its label's and follows more
/// figures than one row has since the label before it (a row's or an extra
/// row's), so many that those past one row and its own cannot all be its
/// row's. Where each row's figures follow its label, at most one row's stand
/// between two labels; more are figures of a row that stand before its label
/// (or of a row whose label was lost between them), and the figures after
/// `r`'s label may then be the next row's. A row's figures split around its
/// label (some before it, the rest after) add up to no more than one row,
/// and a row with figures on its label's line has those on its line.
///
/// ```text
/// before     := figures between the label before r and r's label
/// crowded(r) := no cell of r on its label's line, |before| > columns,
///               and |before| − columns + |cells of r| > columns
/// ```
fn crowded<K>(doc: &str, found: &Scan<'_, K>, r: usize, columns: usize) -> bool {
    let row = &found.rows[r];
    if row.cells.iter().any(|t| t.at.is_none())
        || row
            .cells
            .first()
            .is_some_and(|t| !doc[row.label.start..t.start.max(row.label.start)].contains('\n'))
    {
        return false;
    }
    let start = row.label.start;
    let Some(before) = found
        .rows
        .iter()
        .map(|o| o.label)
        .chain(found.extras.iter().map(|e| e.label))
        .filter(|l| l.end <= start)
        .map(|l| l.end)
        .max()
    else {
        return false;
    };
    let between = doc[before..start]
        .split(|c: char| c.is_whitespace() || c == '|')
        .filter(|w| !w.is_empty() && scalar(w).is_some())
        .count();
    between > columns && between - columns + row.cells.len() > columns
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    /// Section 三 of the 2021 edition as plain `pdftotext` gives Chromium's
    /// PDF: every row's figures one a line before its label; the label of
    /// (三)4 shares its line with the group label, whose last piece (`开`)
    /// stands after it, before the figures of (三)5. Rows (三)4 and (三)5
    /// differ; every other outcome row is 0, and (七)总计 the sum.
    fn page() -> String {
        let mut text = String::from(
            "\u{c}某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n\
             申请人情况\n自然人\n法人或其他组织\n总计\n",
        );
        let row = |text: &mut String, cells: [u32; 7]| {
            for c in cells {
                text.push_str(&format!("{c}\n"));
            }
        };
        let zero = [0; 7];
        row(&mut text, [3, 0, 0, 0, 0, 0, 3]);
        text.push_str("一、本年新收政府信息公开申请数量\n");
        row(&mut text, zero);
        text.push_str("二、上年结转政府信息公开申请数量\n");
        let labels = [
            "（一）予以公开",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "1.属于国家秘密",
            "2.其他法律行政法规禁止公开",
            "3.危及“三安全一稳定”",
        ];
        for label in labels {
            row(&mut text, zero);
            text.push_str(label);
            text.push('\n');
        }
        row(&mut text, [2, 0, 0, 0, 0, 0, 2]);
        text.push_str("（三）不予公 4.保护第三方合法权益\n开\n");
        row(&mut text, [1, 0, 0, 0, 0, 0, 1]);
        text.push_str("5.属于三类内部事务信息\n");
        text
    }

    #[test]
    fn figures_after_a_label_are_not_its_row_s_when_figures_come_first() {
        let r = read(&page());
        // never the figures of (三)5 for (三)4
        let third_party = get(&r, "applications.denied_third_party.natural_person");
        assert_ne!(third_party, "1");
        assert!(
            third_party.is_empty() || third_party == "2",
            "{third_party}"
        );
        assert!(r.diagnostics.iter().any(|d| {
            d.message.contains("denied_third_party") && d.message.contains("stand before")
        }));
    }
}
