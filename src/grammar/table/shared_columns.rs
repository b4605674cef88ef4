//! Section 二's columns whose header several parts share, in plain
//! `pdftotext` output that gives the table column by column.
//!
//! `上一年项目数量`, `本年增/减` and `处理决定数量` (2019) and `本年处理决定数量`
//! (2021) head a column of each of the parts (五), (六) and (八) (those that
//! have it), so a block below one of them could be any part's (see
//! [`super::columns`] for the headers of one part). They are read only when
//! the text shows each such header once per part, in the parts' order, every
//! one with exactly as many values right below it as its part has rows, or
//! fewer (a blank cell leaves no line), at least one of them with all its
//! part's rows:
//!
//! ```text
//! shared  := (header value{0..rows of part k})  for each part k in order, and no other header
//! read    := the parts whose header shows value{rows of part k}
//! ```
//!
//! Plain `pdftotext` writes a column's cells in one block with the header
//! above them, so values right below a header are that part's, one per row
//! when there are as many as rows. A header with nothing below it had its
//! cells written elsewhere (`上一年项目数量`, `上一年项目数量`, `12`, `1`, then
//! the first part's `0`, `0` as a block of their own): its part is left open
//! (the figures left over may still fill it, see
//! [`super::reading_order`]). A block with fewer values than its part has
//! rows (`本年增/减`, `0` for `行政处罚` and `行政强制`: a blank cell) shows
//! some of its part's cells but not which: that part stays blank, the
//! others are read. A block with a value more (a value of another block
//! come early: `上一年项目数量`, `12`, `1`, `0`) leaves every block of that
//! header unread.

use super::scan::Scan;
use crate::grammar::Ctx;
use crate::grammar::label::compacts_to;
use crate::grammar::tokens::line_list;
use crate::grammar::value::{HeaderUnit, Scalar};
use crate::model::{
    ActiveColumn as C, ActiveRow as R, ActiveTable, Cell, DiagnosticKind, Edition, Level,
};
use crate::normalize::Norm;

/// A header several parts of section 二 share, with those parts' rows.
struct Shared {
    edition: Edition,
    header: &'static str,
    column: C,
    parts: &'static [&'static [R]],
}

const ITEMS: &[R] = &[R::Licensing, R::OtherServices];
const ENFORCEMENT: &[R] = &[R::Penalty, R::Coercion];

const SHARED: &[Shared] = &[
    Shared {
        edition: Edition::E2019,
        header: "上一年项目数量",
        column: C::LastYear,
        parts: &[ITEMS, ENFORCEMENT, &[R::Fees]],
    },
    Shared {
        edition: Edition::E2019,
        header: "本年增/减",
        column: C::Change,
        parts: &[ITEMS, ENFORCEMENT, &[R::Fees]],
    },
    Shared {
        edition: Edition::E2019,
        header: "处理决定数量",
        column: C::Decisions,
        parts: &[ITEMS, ENFORCEMENT],
    },
    Shared {
        edition: Edition::E2021,
        header: "本年处理决定数量",
        column: C::Decisions,
        parts: &[&[R::Licensing], ENFORCEMENT],
    },
];

/// The values on the lines right after line `i` of `all`, up to a line that
/// is no value (or a new page), at most `most`.
fn block_below(
    doc: &str,
    all: &[(usize, usize)],
    i: usize,
    most: usize,
) -> Vec<(usize, usize, Scalar)> {
    super::columns::values_below(doc, &all[i + 1..], most)
}

/// Fills the columns of section 二 under headers its parts share, in
/// `doc[start..end]`, when the text shows them as the module documentation
/// says; `found` tells which rows' labels stood alone.
pub(crate) fn read_shared_columns(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    found: &Scan<R>,
    Norm { start, end }: Norm,
    edition: Edition,
    unit: HeaderUnit,
) {
    let doc = ctx.doc;
    // the lines are listed once a column's rows all stand alone (plain
    // `pdftotext` output only)
    let mut lines_once: Option<Vec<(usize, usize)>> = None;
    let bare = |row: R| {
        found
            .rows
            .iter()
            .find(|r| r.key == row)
            .is_some_and(|r| r.cells.is_empty() && r.collapsed.is_none())
    };
    for shared in SHARED.iter().filter(|s| s.edition == edition) {
        if !shared.parts.iter().flat_map(|p| p.iter()).all(|&r| bare(r)) {
            continue;
        }
        let all = &*lines_once.get_or_insert_with(|| line_list(doc, start, end));
        let headers: Vec<usize> = (0..all.len())
            .filter(|&i| compacts_to(&doc[all[i].0..all[i].1], shared.header))
            .collect();
        if headers.len() != shared.parts.len() {
            continue;
        }
        let blocks: Vec<_> = headers
            .iter()
            .zip(shared.parts)
            .map(|(&i, part)| block_below(doc, all, i, part.len() + 1))
            .collect();
        if !shown_part_by_part(&blocks, shared.parts) {
            continue;
        }
        let Some(typed) = blocks
            .iter()
            .flatten()
            .map(|&(s, e, v)| Some((s, e, v.typed(shared.column.kind(), unit).ok()?)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        // the rows of the parts whose header shows all their values, in
        // order, with those values
        let full = |(p, b): &(&&[R], &Vec<_>)| b.len() == p.len();
        let rows = shared
            .parts
            .iter()
            .zip(&blocks)
            .filter(full)
            .flat_map(|(p, _)| p.iter());
        let mut at = 0;
        let values = shared.parts.iter().zip(&blocks).flat_map(|(p, b)| {
            let range = at..at + b.len();
            at += b.len();
            (b.len() == p.len()).then_some(range).into_iter().flatten()
        });
        let typed: Vec<_> = values.map(|i| typed[i]).collect();
        for (&row, (s, e, value)) in rows.zip(typed) {
            let span = Some(ctx.span(Norm::new(s, e)));
            if let Some(cell) = table.cell_mut(row, shared.column)
                && cell.span.is_none()
            {
                *cell = Cell { value, span };
            }
        }
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowRealigned,
            format!(
                "active: the column `{}` is read from the text below its header, shown once per part in the parts' order with one cell per row",
                shared.column
            ),
            headers
                .iter()
                .zip(&blocks)
                .find(|(_, b)| !b.is_empty())
                .map(|(&i, _)| Norm::new(all[i].0, all[i].1)),
        );
        for ((&i, b), p) in headers.iter().zip(&blocks).zip(shared.parts) {
            if b.is_empty() || b.len() == p.len() {
                continue;
            }
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "active: this header of the column `{}` shows {} value(s) below it for its part's {} rows: which rows hold them is unknown; left blank",
                    shared.column,
                    b.len(),
                    p.len()
                ),
                Some(Norm::new(all[i].0, all[i].1)),
            );
        }
        for (&i, _) in headers.iter().zip(&blocks).filter(|(_, b)| b.is_empty()) {
            ctx.diag(
                Level::Warning,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "active: no value stands below this header of the column `{}`: its part's cells were written elsewhere in the text, and are read only if the figures left over decide them",
                    shared.column
                ),
                Some(Norm::new(all[i].0, all[i].1)),
            );
        }
    }
}

/// Whether the blocks below a shared header's lines show the parts in
/// order: each block holds at most its part's rows of values, and at least
/// one holds exactly its part's rows.
fn shown_part_by_part<T>(blocks: &[Vec<T>], parts: &[&[R]]) -> bool {
    blocks.iter().zip(parts).any(|(b, p)| b.len() == p.len())
        && blocks.iter().zip(parts).all(|(b, p)| b.len() <= p.len())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    const HEAD: &str = "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n规范性文件\n\
        第二十条第（五）项\n信息内容\n行政许可\n其他对外管理服务事项\n第二十条第（六）项\n信息内容\n行政处罚\n行政强制\n\
        第二十条第（八）项\n信息内容\n行政事业性收费\n第二十条第（九）项\n信息内容\n\n";

    #[test]
    fn a_header_shown_once_per_part_is_read_part_by_part() {
        let text = format!(
            "{HEAD}上一年项目数量\n21\n36\n\n本年增/减\n19\n2\n\n处理决定数量\n40\n215\n\n上一年项目数量\n12\n3\n\n本年增/减\n0\n0\n\n\
             处理决定数量\n9\n2\n\n上一年项目数量\n4\n\n本年增/减\n-3\n\n三、收到和处理政府信息公开申请情况\n"
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.licensing.last_year"), "21");
        assert_eq!(get(&r, "active.other_services.decisions"), "215");
        assert_eq!(get(&r, "active.coercion.last_year"), "3");
        assert_eq!(get(&r, "active.penalty.decisions"), "9");
        assert_eq!(get(&r, "active.fees.last_year"), "4");
        assert_eq!(get(&r, "active.fees.change"), "-3");
    }

    /// Section 二 whose first 上一年项目数量 shows nothing, its part's two
    /// cells coming as the block `left` after the second's.
    fn open_part(left: &str) -> String {
        format!(
            "{}\n政府集中采购\n\n本年新制作数量\n0\n0\n上一年项目数量\n\n上一年项目数量\n12\n1\n\n{left}\n\n本年新公开数量\n0\n0\n\n\
             对外公开总数量\n0\n0\n\n本年增/减\n0\n0\n\n处理决定数量\n0\n0\n\n本年增/减\n0\n0\n\n处理决定数量\n0\n0\n\n\
             上一年项目数量\n3\n\n本年增/减\n0\n\n采购项目数量\n2\n\n采购总金额\n5\n\n三、收到和处理政府信息公开申请情况\n",
            HEAD.trim_end()
        )
    }

    #[test]
    fn a_header_with_no_value_below_it_leaves_its_part_to_the_figures_left() {
        // the first 上一年项目数量 shows nothing: its part's cells come as a
        // block of their own after the second's
        let text = open_part("0\n0");
        let r = read(&text);
        assert_eq!(get(&r, "active.penalty.last_year"), "12");
        assert_eq!(get(&r, "active.coercion.last_year"), "1");
        assert_eq!(get(&r, "active.fees.last_year"), "3");
        // the two zeros left over are the only figures for the two cells left
        assert_eq!(get(&r, "active.licensing.last_year"), "0");
        assert_eq!(get(&r, "active.other_services.last_year"), "0");
    }

    #[test]
    fn figures_left_that_do_not_decide_leave_the_part_blank() {
        // the part left open has two cells, and a 5 and a 0 are left over,
        // each a block of its own: not one value, nor one column's block
        let text = open_part("5\n\n0");
        let r = read(&text);
        assert_eq!(get(&r, "active.penalty.last_year"), "12");
        assert_eq!(get(&r, "active.licensing.last_year"), "");
        assert_eq!(get(&r, "active.other_services.last_year"), "");
        // as one block after the labels, they are the open column's cells
        // printed apart, top to bottom (see `column_rests`)
        let r = read(&open_part("5\n0"));
        assert_eq!(get(&r, "active.licensing.last_year"), "5");
        assert_eq!(get(&r, "active.other_services.last_year"), "0");
    }

    #[test]
    fn a_block_short_of_its_rows_leaves_its_part_blank_and_the_others_read() {
        // the second 本年增/减 shows one value for its two rows (a blank
        // cell): which row holds it is unknown; the first is read in full
        let text = format!(
            "{HEAD}上一年项目数量\n21\n36\n\n本年增/减\n19\n2\n\n处理决定数量\n40\n215\n\n上一年项目数量\n12\n3\n\n本年增/减\n7\n\n\
             处理决定数量\n9\n2\n\n上一年项目数量\n4\n\n本年增/减\n\n三、收到和处理政府信息公开申请情况\n"
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.licensing.change"), "19");
        assert_eq!(get(&r, "active.other_services.change"), "2");
        assert_eq!(get(&r, "active.penalty.change"), "");
        assert_eq!(get(&r, "active.coercion.change"), "");
        assert_eq!(get(&r, "active.fees.change"), "");
        assert!(r.diagnostics.iter().any(|d| {
            d.message
                .contains("shows 1 value(s) below it for its part's 2 rows")
        }));
        // no block with all its part's rows: nothing of the header is read
        let text = text.replace("本年增/减\n19\n2\n", "本年增/减\n19\n");
        let r = read(&text);
        assert_eq!(get(&r, "active.licensing.change"), "");
        assert_eq!(get(&r, "active.other_services.change"), "");
        assert_eq!(get(&r, "active.licensing.last_year"), "21");
    }

    #[test]
    fn a_block_of_another_length_leaves_the_header_unread() {
        // the first 上一年项目数量 shows nothing, the second four values
        let text = format!(
            "{HEAD}上一年项目数量\n上一年项目数量\n12\n1\n0\n0\n本年增/减\n0\n0\n处理决定数量\n0\n0\n本年增/减\n0\n0\n处理决定数量\n0\n0\n\
             上一年项目数量\n0\n本年增/减\n0\n\n三、收到和处理政府信息公开申请情况\n"
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.penalty.last_year"), "");
        assert_eq!(get(&r, "active.licensing.last_year"), "");
        // the other shared headers are shown part by part
        assert_eq!(get(&r, "active.penalty.change"), "0");
        assert_eq!(get(&r, "active.other_services.decisions"), "0");
    }
}
