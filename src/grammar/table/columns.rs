//! Section 二 in plain `pdftotext` output, which gives a table column by column.
//!
//! Without `-layout`, `pdftotext` writes each table column as a block of lines:
//! the row labels of every part of section 二 first, each alone on its line, then
//! each column's header followed by its cells, top to bottom:
//!
//! ```text
//! 规章
//! 规范性文件
//! …
//! 本年新制作数量
//! 0
//! 6
//! ```
//!
//! Blank cells leave no line, and blocks of cells without their header turn up
//! between the others, so a block is read only when all of this holds: its
//! header names a column of exactly one part of the table and appears once;
//! the block shows exactly as many values as that part has rows, on the lines
//! right after the header (a blank line or any text ends it); and the labels of
//! those rows stood alone in the text, with no cells after them, before the
//! header (a text that gives each row's figures before its label, as plain
//! `pdftotext` of a browser's PDF does, puts the first row's figures below
//! the header, the labels after them). Every other
//! cell of the plain output stays blank (the row reader has said why).

use crate::normalize::Norm;
use std::sync::LazyLock;

use super::scan::Scan;
use crate::grammar::Ctx;
use crate::grammar::label::compacts_to;
use crate::grammar::tokens::line_list;
use crate::grammar::value::{HeaderUnit, Scalar, scalar};
use crate::model::{
    ActiveColumn as C, ActiveRow as R, ActiveTable, Cell, DiagnosticKind, Edition, Level,
};
use crate::template;

/// A header naming a column of one part of section 二, with that part's rows.
struct Block {
    edition: Edition,
    headers: &'static [&'static str],
    column: C,
    rows: &'static [R],
    /// How many columns the part has.
    columns: usize,
}

/// Every column of one part only, per edition, with its header's forms and
/// the part's rows, as the template has them.
static BLOCKS: LazyLock<Vec<Block>> = LazyLock::new(|| {
    let mut blocks = Vec::new();
    for edition in Edition::ALL {
        for part in template::active_parts(edition) {
            for &column in part.columns {
                let parts = template::active_parts(edition)
                    .filter(|p| p.columns.contains(&column))
                    .count();
                if parts == 1 {
                    blocks.push(Block {
                        edition,
                        headers: template::active_column(column, edition).label.forms,
                        column,
                        rows: part.rows,
                        columns: part.columns.len(),
                    });
                }
            }
        }
    }
    blocks
});

/// Fills the cells of section 二 that plain `pdftotext` output shows column by
/// column in `doc[start..end]` (see the module documentation).
pub(crate) fn read_column_blocks(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    found: &Scan<R>,
    Norm { start, end }: Norm,
    edition: Edition,
    unit: HeaderUnit,
) {
    let doc = ctx.doc;
    // the lines are listed once a block's rows all stand alone (plain
    // `pdftotext` output only)
    let mut lines_once: Option<Vec<(usize, usize)>> = None;
    for block in BLOCKS.iter().filter(|b| b.edition == edition) {
        // every row of the part stood alone in the text
        let bare = |row: R| {
            found
                .rows
                .iter()
                .find(|r| r.key == row)
                .is_some_and(|r| r.cells.is_empty() && r.collapsed.is_none())
        };
        if !block.rows.iter().all(|&r| bare(r)) {
            continue;
        }
        let all = lines_once.get_or_insert_with(|| line_list(doc, start, end));
        let Some(i) = header_once(doc, all, block) else {
            continue;
        };
        // the rows' labels stood before the header, as this output prints
        // them: labels after it are a text that gives each row's figures
        // before its label, where the block below the header is the first
        // row's figures, not a column (the two readings are one for a part
        // of one row and one column)
        let labelled_before = |row: R| {
            found
                .rows
                .iter()
                .find(|r| r.key == row)
                .is_some_and(|r| r.label.start < all[i].0)
        };
        let one_cell = block.rows.len() == 1 && block.columns == 1;
        if !one_cell && !block.rows.iter().all(|&r| labelled_before(r)) {
            continue;
        }
        let values = values_below(doc, &all[i + 1..], block.rows.len() + 1);
        if values.len() != block.rows.len() {
            continue;
        }
        let Some(typed) = values
            .iter()
            .map(|&(s, e, v)| Some((s, e, v.typed(block.column.kind(), unit).ok()?)))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        for (&row, (s, e, value)) in block.rows.iter().zip(typed) {
            let span = Some(ctx.span(Norm::new(s, e)));
            if let Some(cell) = table.cell_mut(row, block.column)
                && cell.span.is_none()
            {
                *cell = Cell { value, span };
            }
        }
        let (s, e) = all[i];
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowRealigned,
            format!(
                "active: the column `{}` is read from the text below its header, one cell per row",
                block.column
            ),
            Some(Norm::new(s, e)),
        );
    }
    super::shared_columns::read_shared_columns(
        ctx,
        table,
        found,
        Norm::new(start, end),
        edition,
        unit,
    );
}

/// The index into `all` (the lines of the table's text) of the one line
/// that is `block`'s header, when the header appears exactly once.
fn header_once(doc: &str, all: &[(usize, usize)], block: &Block) -> Option<usize> {
    let is_header = |&(s, e): &(usize, usize)| {
        let text = &doc[s..e];
        block.headers.iter().any(|h| compacts_to(text, h))
    };
    let mut at = all.iter().enumerate().filter(|(_, l)| is_header(l));
    match (at.next(), at.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}

/// The values on the lines `after` a header, up to the first line that is
/// not one value (a blank line, any text, a new page), at most `most`: their
/// ranges and values.
///
/// ```text
/// block := (line where scalar(line) ≠ blank){0..most}
/// ```
pub(super) fn values_below(
    doc: &str,
    after: &[(usize, usize)],
    most: usize,
) -> Vec<(usize, usize, Scalar)> {
    after
        .iter()
        .map_while(|&(s, e)| {
            let line = &doc[s..e];
            if line.starts_with('\u{c}') {
                return None; // a new page
            }
            let text = line.trim();
            let value = scalar(text).filter(|v| *v != Scalar::Blank)?;
            let lead = line.len() - line.trim_start().len();
            Some((s + lead, s + lead + text.len(), value))
        })
        .take(most)
        .collect()
}

/// A column of one part of section 二 whose block shows fewer values than
/// the part has rows: those values are the column's, but which rows hold
/// them is not in the text.
pub(super) struct ShortBlock {
    /// The column the header names.
    pub(super) column: C,
    /// The rows of the part the column belongs to.
    pub(super) rows: &'static [R],
    /// The ranges of the values right below the header.
    pub(super) figures: Vec<Norm>,
    /// The header's line.
    pub(super) header: Norm,
}

/// The short blocks of `doc[start..end]`: a header that names a column of
/// exactly one part and appears once, with at least one value and fewer
/// values than the part's rows on the lines right after it. A blank cell
/// leaves no line, so the block's values are some of the column's cells,
/// and no other cell's; which of them is not known.
///
/// ```text
/// short := header(column of one part) value{1..rows−1} (blank line | text)
/// ```
pub(super) fn short_blocks(
    doc: &str,
    Norm { start, end }: Norm,
    edition: Edition,
) -> Vec<ShortBlock> {
    let all = line_list(doc, start, end);
    let mut short = Vec::new();
    for block in BLOCKS.iter().filter(|b| b.edition == edition) {
        let Some(i) = header_once(doc, &all, block) else {
            continue;
        };
        let values = values_below(doc, &all[i + 1..], block.rows.len());
        if values.is_empty() || values.len() >= block.rows.len() {
            continue;
        }
        short.push(ShortBlock {
            column: block.column,
            rows: block.rows,
            figures: values.iter().map(|&(s, e, _)| Norm::new(s, e)).collect(),
            header: Norm::new(all[i].0, all[i].1),
        });
    }
    short
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    const HEAD: &str = "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n规范性文件\n\
        第二十条第（五）项\n信息内容\n行政许可\n其他对外管理服务事项\n第二十条第（九）项\n信息内容\n政府集中采购\n\n";

    #[test]
    fn columns_with_a_cell_per_row_are_read() {
        let text = format!(
            "{HEAD}本年新制作数量\n0\n6\n上一年项目数量\n\n0\n0\n\n本年新公开数量\n1\n\n对外公开总数量\n2\n7\n\n采购项目数量\n4\n\n采购总金额\n170\n\n三、收到和处理政府信息公开申请情况\n"
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.regulations.made"), "0");
        assert_eq!(get(&r, "active.normative_documents.made"), "6");
        assert_eq!(get(&r, "active.normative_documents.total_public"), "7");
        assert_eq!(get(&r, "active.procurement.items"), "4");
        assert_eq!(get(&r, "active.procurement.amount"), "170");
        // one value for two rows: which row it belongs to is unknown
        assert_eq!(get(&r, "active.regulations.published"), "");
        assert_eq!(get(&r, "active.normative_documents.published"), "");
        // a column of a header shared by several parts is not read
        assert_eq!(get(&r, "active.licensing.last_year"), "");
    }

    #[test]
    fn short_blocks_are_the_headers_with_fewer_values_than_rows() {
        use super::short_blocks;
        use crate::model::{ActiveColumn as C, Edition};
        use crate::normalize::Norm;
        let text = format!(
            "{HEAD}本年新制作数量\n0\n6\n\n本年新公开数量\n1\n\n对外公开总数量\n\n采购项目数量\n4\n\n三、收到和处理政府信息公开申请情况\n"
        );
        let short = short_blocks(&text, Norm::new(0, text.len()), Edition::E2019);
        // a full block, an empty one and a one-row part's block are no short blocks
        let columns: Vec<C> = short.iter().map(|b| b.column).collect();
        assert_eq!(columns, [C::Published]);
        let b = &short[0];
        assert_eq!(b.rows.len(), 2);
        assert_eq!(b.figures.len(), 1);
        assert_eq!(&text[b.figures[0].start..b.figures[0].end], "1");
        assert_eq!(&text[b.header.start..b.header.end], "本年新公开数量");
    }

    #[test]
    fn a_block_before_its_rows_labels_is_no_column() {
        // each row's figures before its label (a browser's PDF): the two
        // figures below the last header are the first row's, one blank
        let text = "一、总体情况\n\u{c}二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n5\n2\n规章\n14\n6\n88\n行政规范性文件\n三、收到和处理政府信息公开申请情况\n";
        let r = read(text);
        assert_eq!(get(&r, "active.regulations.in_force"), "");
        assert_eq!(get(&r, "active.normative_documents.in_force"), "");
    }

    #[test]
    fn a_header_seen_twice_is_not_read() {
        let text = format!(
            "{HEAD}本年新制作数量\n0\n6\n\n本年新制作数量\n1\n2\n\n三、收到和处理政府信息公开申请情况\n"
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.regulations.made"), "");
    }
}
