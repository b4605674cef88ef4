//! Section 四 in plain `pdftotext` text of a PDF LibreOffice made: each
//! group of the table printed as its labels' pieces and its figures, the
//! groups scattered over sections 三, 四 and 五.
//!
//! LibreOffice prints section 四's result labels over two lines (`结果 结果` /
//! `维持 纠正`, `其他` / `结果`, `尚未` / `审结`, `总计`), and plain
//! `pdftotext` writes the table group by group, in pieces: the last group's
//! first three columns (`复议后起诉`) among section 三's last lines, the
//! first group (`行政复议`) with all its headers first and its five figures
//! after them, the second group's first three columns below one header line,
//! and after section 五's heading the `尚未审结` and `总计` of the second and
//! the last group:
//!
//! ```text
//! first  := "行政复议" "结果结果" "维持纠正" "其他" "结果" "尚未" "审结" "总计" figure{5}
//! second := "未经复议直接起诉" "结果结果其他" "维持纠正结果" figure{3}
//! last   := "复议后起诉" "结果结果" "维持纠正" figure{2} "其他" "结果" figure
//! tail   := "尚未" "审结" figure "总计" figure
//! region := (first | second | last | tail | other line)*   each a line of its own, blank lines between
//! ```
//!
//! Each run of figures is whole: the line after it is no figure, so a blank
//! cell (which leaves no line) makes its group fail to match, and a blank
//! mark (`/`) is no figure. The header pieces are the template's result
//! labels cut after their second character, so the line `维持纠正结果` is
//! the second half of the first three columns' labels, one value below each
//! in their order.
//!
//! Placement, where the pieces are found:
//!
//! ```text
//! read first := its figures in the order 维持 其他 尚未 总计 纠正 (LibreOffice's) or
//!               维持 纠正 其他 尚未 总计 (the columns'), each kept when the row's
//!               总计 is the sum of its other cells; read when every kept order gives
//!               each cell the same figure
//! read rest  := second and last once each and exactly two tails after second: the
//!               first tail the second group's, the other the last group's (the rows'
//!               order on the page); read when both rows' 总计 hold
//! ```
//!
//! The two tails stand in the rows' order. Where the two groups' first three
//! cells add up alike, the tails given the other way round would keep the sums
//! too: their order is what places them, and the sums confirm it.
//!
//! A cell read already must hold the figure given it, or the group is not
//! read.

use crate::grammar::Ctx;
use crate::grammar::label::{compact, compact_onto, compacts_to};
use crate::grammar::tokens::lines;
use crate::grammar::value::scalar;
use crate::model::{Cell, DiagnosticKind, Level, ReviewColumn, ReviewRow, ReviewTable, Value};
use crate::normalize::Norm;
use crate::template;
use std::sync::LazyLock;

/// A non-blank line of the region: a figure (a count) or text.
#[derive(Debug, Clone, PartialEq)]
enum Piece<'d> {
    /// A line that reads whole as a count: its value and range.
    Figure(u64, Norm),
    /// Any other line, as written (it matches a pattern's text by its
    /// compact form, see [`compacts_to`]).
    Text(&'d str),
}

/// What a pattern expects of a line.
#[derive(Debug, Clone, PartialEq)]
enum Want {
    /// A line of this compacted text.
    Text(String),
    /// A figure.
    Figure,
}

/// The lines of `region` that are not blank, as pieces.
fn pieces(doc: &str, region: Norm) -> Vec<Piece<'_>> {
    // each line compacted in one buffer, to tell a figure from text
    let mut text = String::new();
    lines(doc, region.start, region.end)
        .filter_map(|(s, e)| {
            let line = &doc[s..e];
            text.clear();
            compact_onto(&mut text, line);
            if text.is_empty() {
                return None;
            }
            Some(match scalar(&text).and_then(|v| v.count()) {
                Some(n) => Piece::Figure(n, Norm::new(s, e)),
                None => Piece::Text(line),
            })
        })
        .collect()
}

/// A result column's label cut after its second character: the pieces on
/// LibreOffice's two header lines (`结果维持` → `结果`, `维持`).
fn halves(column: ReviewColumn) -> (String, String) {
    let label = template::review_column(column).label.printed;
    let cut = label.char_indices().nth(2).map_or(label.len(), |(i, _)| i);
    (label[..cut].to_string(), label[cut..].to_string())
}

/// A row's own label as the template prints it.
fn row_label(row: ReviewRow) -> Want {
    Want::Text(compact(template::review_row(row).label.printed))
}

/// The patterns of the groups' pieces, built once: [`first_group`],
/// [`second_group`], [`last_group`] and [`tail`].
static FIRST: LazyLock<Vec<Want>> = LazyLock::new(first_group);
/// See [`FIRST`].
static SECOND: LazyLock<Vec<Want>> = LazyLock::new(second_group);
/// See [`FIRST`].
static LAST: LazyLock<Vec<Want>> = LazyLock::new(last_group);
/// See [`FIRST`].
static TAIL: LazyLock<Vec<Want>> = LazyLock::new(tail);

/// The pattern of the first group (see the module documentation).
///
/// ```text
/// first := "行政复议" "结果结果" "维持纠正" "其他" "结果" "尚未" "审结" "总计" figure{5}
/// ```
fn first_group() -> Vec<Want> {
    use ReviewColumn as C;
    let (u, c, o, p) = (
        halves(C::Upheld),
        halves(C::Corrected),
        halves(C::Other),
        halves(C::Pending),
    );
    let total = halves(C::Total).0;
    let mut want = vec![
        row_label(ReviewRow::Reconsideration),
        Want::Text(format!("{}{}", u.0, c.0)),
        Want::Text(format!("{}{}", u.1, c.1)),
        Want::Text(o.0),
        Want::Text(o.1),
        Want::Text(p.0),
        Want::Text(p.1),
        Want::Text(total),
    ];
    want.extend(std::iter::repeat_n(Want::Figure, 5));
    want
}

/// The pattern of the second group's first three columns.
///
/// ```text
/// second := "未经复议直接起诉" "结果结果其他" "维持纠正结果" figure{3}
/// ```
fn second_group() -> Vec<Want> {
    use ReviewColumn as C;
    let (u, c, o) = (halves(C::Upheld), halves(C::Corrected), halves(C::Other));
    vec![
        row_label(ReviewRow::LitigationDirect),
        Want::Text(format!("{}{}{}", u.0, c.0, o.0)),
        Want::Text(format!("{}{}{}", u.1, c.1, o.1)),
        Want::Figure,
        Want::Figure,
        Want::Figure,
    ]
}

/// The pattern of the last group's first three columns.
///
/// ```text
/// last := "复议后起诉" "结果结果" "维持纠正" figure{2} "其他" "结果" figure
/// ```
fn last_group() -> Vec<Want> {
    use ReviewColumn as C;
    let (u, c, o) = (halves(C::Upheld), halves(C::Corrected), halves(C::Other));
    vec![
        row_label(ReviewRow::LitigationAfterReconsideration),
        Want::Text(format!("{}{}", u.0, c.0)),
        Want::Text(format!("{}{}", u.1, c.1)),
        Want::Figure,
        Want::Figure,
        Want::Text(o.0),
        Want::Text(o.1),
        Want::Figure,
    ]
}

/// The pattern of a group's last two columns.
///
/// ```text
/// tail := "尚未" "审结" figure "总计" figure
/// ```
fn tail() -> Vec<Want> {
    use ReviewColumn as C;
    let p = halves(C::Pending);
    vec![
        Want::Text(p.0),
        Want::Text(p.1),
        Want::Figure,
        Want::Text(halves(C::Total).0),
        Want::Figure,
    ]
}

/// The figures of every match of `want` in `pieces`: the pieces from a
/// start on are the pattern's, and the piece after them is no figure.
fn matches(pieces: &[Piece<'_>], want: &[Want]) -> Vec<Vec<(u64, Norm)>> {
    let mut out = Vec::new();
    for start in 0..pieces.len() {
        let Some(run) = pieces.get(start..start + want.len()) else {
            break;
        };
        let mut figures = Vec::new();
        let fits = run.iter().zip(want).all(|(p, w)| match (p, w) {
            (Piece::Figure(n, at), Want::Figure) => {
                figures.push((*n, *at));
                true
            }
            (Piece::Text(t), Want::Text(w)) => compacts_to(t, w),
            _ => false,
        });
        let whole = !matches!(pieces.get(start + want.len()), Some(Piece::Figure(..)));
        if fits && whole {
            out.push(figures);
        }
    }
    out
}

/// A row's cells as a reading gives them.
type RowCells = Vec<(ReviewColumn, (u64, Norm))>;

/// Whether a row's 总计 is the sum of its other four cells.
fn holds(cells: &RowCells) -> bool {
    let mut total = None;
    let mut sum: u64 = 0;
    for &(c, (n, _)) in cells {
        if c == ReviewColumn::Total {
            total = Some(n);
        } else {
            sum = sum.saturating_add(n);
        }
    }
    cells.len() == ReviewColumn::ALL.len() && total == Some(sum)
}

/// The one reading every kept reading agrees on: each cell the same value.
fn agreed(kept: &[Vec<(ReviewRow, RowCells)>]) -> Option<Vec<(ReviewRow, RowCells)>> {
    let first = kept.first()?;
    let value = |reading: &[(ReviewRow, RowCells)], row: ReviewRow, column: ReviewColumn| {
        reading
            .iter()
            .filter(|(r, _)| *r == row)
            .flat_map(|(_, cells)| cells)
            .find(|(c, _)| *c == column)
            .map(|(_, (n, _))| *n)
    };
    let same = kept.iter().all(|reading| {
        first.iter().all(|(row, cells)| {
            cells
                .iter()
                .all(|&(c, (n, _))| value(reading, *row, c) == Some(n))
        })
    });
    same.then(|| first.clone())
}

/// The first group's readings whose total holds (see the module
/// documentation).
fn first_readings(figures: &[(u64, Norm)]) -> Vec<Vec<(ReviewRow, RowCells)>> {
    use ReviewColumn as C;
    const ORDERS: [[ReviewColumn; 5]; 2] = [
        [C::Upheld, C::Other, C::Pending, C::Total, C::Corrected],
        [C::Upheld, C::Corrected, C::Other, C::Pending, C::Total],
    ];
    ORDERS
        .iter()
        .map(|order| order.iter().copied().zip(figures.iter().copied()).collect())
        .filter(holds)
        .map(|cells| vec![(ReviewRow::Reconsideration, cells)])
        .collect()
}

/// The second and last groups' reading, the first tail (in the text's
/// order, top to bottom on the page) the second group's and the other the
/// last group's, when the two totals hold.
fn rest_reading(
    second: &[(u64, Norm)],
    last: &[(u64, Norm)],
    tails: [&[(u64, Norm)]; 2],
) -> Option<Vec<(ReviewRow, RowCells)>> {
    use ReviewColumn as C;
    let heads = [C::Upheld, C::Corrected, C::Other];
    let ends = [C::Pending, C::Total];
    let row = |head: &[(u64, Norm)], tail: &[(u64, Norm)]| -> RowCells {
        heads
            .iter()
            .copied()
            .zip(head.iter().copied())
            .chain(ends.iter().copied().zip(tail.iter().copied()))
            .collect()
    };
    let reading = vec![
        (ReviewRow::LitigationDirect, row(second, tails[0])),
        (
            ReviewRow::LitigationAfterReconsideration,
            row(last, tails[1]),
        ),
    ];
    reading
        .iter()
        .all(|(_, cells)| holds(cells))
        .then_some(reading)
}

/// Where a match's first figure starts.
fn at(figures: &[(u64, Norm)]) -> usize {
    figures.first().map_or(0, |(_, n)| n.start)
}

/// Writes a reading into `table` when every cell read already holds the
/// figure it gives; returns whether it was written.
fn fill(ctx: &mut Ctx<'_>, table: &mut ReviewTable, reading: &[(ReviewRow, RowCells)]) -> bool {
    let clashes = reading.iter().any(|(row, cells)| {
        cells.iter().any(|&(c, (n, _))| {
            table.cell(*row, c).is_none_or(|old| {
                old.span.is_some() && old.value != Value::Count(n) && !old.value.is_blank()
            })
        })
    });
    if clashes {
        return false;
    }
    for (row, cells) in reading {
        for &(c, (n, at)) in cells {
            let span = ctx.span(at);
            if let Some(cell) = table.cell_mut(*row, c)
                && cell.span.is_none()
            {
                *cell = Cell {
                    value: Value::Count(n),
                    span: Some(span),
                };
            }
        }
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowRealigned,
            format!(
                "review_litigation.{row}: the group's figures stand among its header's pieces as LibreOffice's plain text prints them; read where every reading that keeps the row's 总计 gives each cell the same figure"
            ),
            cells.first().map(|(_, (_, at))| *at),
        );
    }
    true
}

/// Reads section 四's groups from `region` (sections 三 to 五's first
/// lines) where their pieces are found (see the module documentation).
/// Returns how many rows were read.
pub(crate) fn read_review_groups(
    ctx: &mut Ctx<'_>,
    table: &mut ReviewTable,
    region: Norm,
) -> usize {
    let pieces = pieces(ctx.doc, region);
    let mut read = 0;
    if let [first] = &matches(&pieces, &FIRST)[..]
        && let Some(reading) = agreed(&first_readings(first))
        && fill(ctx, table, &reading)
    {
        read += 1;
    }
    let (second, last, tails) = (
        matches(&pieces, &SECOND),
        matches(&pieces, &LAST),
        matches(&pieces, &TAIL),
    );
    if let ([second], [last], [a, b]) = (&second[..], &last[..], &tails[..])
        && at(second) < at(a)
        && at(a) < at(b)
        && let Some(reading) = rest_reading(second, last, [a, b])
        && fill(ctx, table, &reading)
    {
        read += 2;
    }
    read
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    /// A 2021-edition report whose section 四 is laid out as LibreOffice's
    /// plain text prints it: `last` (the last group's first three columns)
    /// after section 三, `first` after the first group's headers, `second`
    /// below the second group's header line, and two tails after section
    /// 五's heading.
    fn text(last: &str, first: &str, second: &str, tails: [&str; 2]) -> String {
        let tail = |t: &str| {
            let (p, total) = t.split_once(' ').unwrap_or((t, ""));
            format!("尚未\n审结\n{p}\n\n总计\n{total}\n\n")
        };
        let lines = |s: &str| s.split(' ').collect::<Vec<_>>().join("\n\n");
        let (l12, l3) = last.rsplit_once(' ').unwrap_or((last, ""));
        format!(
            "某局2022年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n\n\
             复议后起诉\n结果 结果\n维持 纠正\n{}\n\n其他\n结果\n{l3}\n\n\
             四、政府信息公开行政复议、行政诉讼情况\n行政复议\n结果 结果\n维持 纠正\n\n其他\n结果\n\n尚未\n审结\n\n总计\n\n{}\n\n\
             行政诉讼\n未经复议直接起诉\n结果 结果 其他\n维持 纠正 结果\n{}\n\n\
             五、存在的主要问题及改进情况\n\n{}{}\
             （一）存在的主要问题。一是政策解读的形式较为单一，以文字解读为主。\n",
            l12.replace(' ', "\n"),
            lines(first),
            second.replace(' ', "\n"),
            tail(tails[0]),
            tail(tails[1]),
        )
    }

    fn row(r: &crate::model::AnnualReport, row: &str) -> Vec<String> {
        ["upheld", "corrected", "other", "pending", "total"]
            .iter()
            .map(|c| get(r, &format!("review_litigation.{row}.{c}")))
            .collect()
    }

    #[test]
    fn the_groups_are_read_from_their_pieces_where_the_totals_hold() {
        // first group printed 维持 其他 尚未 总计 纠正
        let r = read(&text("1 2 1", "5 1 3 11 2", "4 1 2", ["2 9", "1 5"]));
        assert_eq!(row(&r, "reconsideration"), ["5", "2", "1", "3", "11"]);
        assert_eq!(row(&r, "litigation_direct"), ["4", "1", "2", "2", "9"]);
        assert_eq!(
            row(&r, "litigation_after_reconsideration"),
            ["1", "2", "1", "1", "5"]
        );
    }

    #[test]
    fn tails_whose_totals_do_not_hold_in_their_order_are_not_read() {
        // the tails the other way round: the second group's 4 1 2 and 1 do
        // not make 5
        let r = read(&text("1 2 1", "5 1 3 11 2", "4 1 2", ["1 5", "2 9"]));
        assert_eq!(row(&r, "litigation_direct"), ["", "", "", "", ""]);
        assert_eq!(
            row(&r, "litigation_after_reconsideration"),
            ["", "", "", "", ""]
        );
        assert_eq!(row(&r, "reconsideration")[4], "11");
    }

    #[test]
    fn tails_that_fit_either_group_are_placed_by_their_order() {
        // both groups' first three cells make 3: the tails' order places them
        let r = read(&text("1 1 1", "5 1 3 11 2", "1 1 1", ["2 5", "3 6"]));
        assert_eq!(row(&r, "litigation_direct"), ["1", "1", "1", "2", "5"]);
        assert_eq!(
            row(&r, "litigation_after_reconsideration"),
            ["1", "1", "1", "3", "6"]
        );
    }

    #[test]
    fn a_group_that_no_sum_decides_is_left_blank() {
        // 0 0 0 3 3: 尚未 3 in the columns' order, 纠正 3 in LibreOffice's
        let r = read(&text("1 2 1", "0 0 0 3 3", "4 1 2", ["2 9", "1 5"]));
        assert_eq!(row(&r, "reconsideration"), ["", "", "", "", ""]);
        assert_eq!(row(&r, "litigation_direct")[4], "9");
    }

    #[test]
    fn a_blank_cell_leaves_its_group_unread() {
        // the second group shows two figures for its three columns
        let r = read(&text("1 2 1", "5 1 3 11 2", "4 1", ["2 9", "1 5"]));
        assert_eq!(row(&r, "litigation_direct"), ["", "", "", "", ""]);
        assert_eq!(row(&r, "reconsideration")[1], "2");
    }
}
