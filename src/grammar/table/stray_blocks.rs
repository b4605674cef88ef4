//! Section 二's column blocks that plain `pdftotext` prints inside section
//! 三's text.
//!
//! From a PDF LibreOffice made, plain `pdftotext` can write the last column
//! of section 二's first sub-table after section 三's heading: its header
//! line and its cells below it (`现行有效件数`, `15`, `37`), before or among
//! section 三's first header lines. Section 三 has no such header, so the
//! block is section 二's:
//!
//! ```text
//! stray := header value+        header: a line that is one of section 二's column
//!                               headers; value: a line that reads whole as a value
//! read  := the column is in one sub-table of the edition, its cells unread, and the
//!          block holds one count per row of it: row i holds the block's value i
//! ```
//!
//! The block's values are left out of sections 三's and 四's figures either
//! way (they are no cells of those tables). A column block lists its cells
//! top to bottom, blank cells leaving no line, so a block of as many values
//! as its sub-table has rows gives each row its cell.

use crate::grammar::Ctx;
use crate::grammar::label::compact_test;
use crate::grammar::tokens::line_list;
use crate::grammar::value::{Scalar, scalar};
use crate::model::{ActiveColumn, ActiveTable, Cell, DiagnosticKind, Edition, Level, Span, Value};
use crate::normalize::Norm;
use crate::template;

/// A block of section 二 found in another section's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stray {
    /// The column its header names.
    pub(crate) column: ActiveColumn,
    /// The header line.
    pub(crate) header: Norm,
    /// Its values, top to bottom: each line's range and value.
    pub(crate) values: Vec<(Norm, Scalar)>,
}

/// The column a line names as section 二's header, in either edition.
///
/// ```text
/// header := a line that compacts to a form of a section 二 column label
/// ```
fn header(line: &str) -> Option<ActiveColumn> {
    let is = compact_test(line);
    template::ACTIVE_COLUMNS
        .iter()
        .find(|e| e.label.forms.iter().any(|f| is(f)))
        .map(|e| e.key)
}

/// The blocks of section 二 in `region` (see the module documentation).
///
/// ```text
/// stray := header value+    (the value lines right after the header, up to a line
///                            that is no value)
/// ```
pub(crate) fn stray_blocks(doc: &str, region: Norm) -> Vec<Stray> {
    let all: Vec<(usize, usize)> = line_list(doc, region.start, region.end);
    let mut out = Vec::new();
    for (i, &(s, e)) in all.iter().enumerate() {
        let Some(column) = header(&doc[s..e]) else {
            continue;
        };
        let values: Vec<(Norm, Scalar)> = all[i + 1..]
            .iter()
            .map_while(|&(s, e)| {
                let v = scalar(doc[s..e].trim()).filter(|v| *v != Scalar::Blank)?;
                Some((Norm::new(s, e), v))
            })
            .collect();
        if !values.is_empty() {
            out.push(Stray {
                column,
                header: Norm::new(s, e),
                values,
            });
        }
    }
    out
}

/// The spans of the blocks' values: figures no cell of sections 三 and 四
/// holds.
pub(crate) fn stray_spans(ctx: &Ctx<'_>, strays: &[Stray]) -> Vec<Span> {
    strays
        .iter()
        .flat_map(|s| s.values.iter().map(|(at, _)| ctx.span(*at)))
        .collect()
}

/// Reads each block whose column is in one sub-table of `edition`, all its
/// cells unread, and that holds one count per row of it (see the module
/// documentation). Returns how many cells were filled.
pub(crate) fn read_stray_blocks(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    edition: Edition,
    strays: &[Stray],
) -> usize {
    let mut filled = 0;
    for stray in strays {
        if matches!(stray.column, ActiveColumn::Change | ActiveColumn::Amount) {
            continue; // signed or decimal: not a count a line
        }
        let parts: Vec<_> = template::active_parts(edition)
            .filter(|p| p.columns.contains(&stray.column))
            .collect();
        let [part] = parts[..] else {
            continue;
        };
        let counts: Option<Vec<u64>> = stray.values.iter().map(|(_, v)| v.count()).collect();
        let Some(counts) = counts else {
            continue;
        };
        let open = part.rows.iter().all(|&r| {
            table
                .cell(r, stray.column)
                .is_some_and(|c| c.span.is_none() && c.value.is_blank())
        });
        if !open || counts.len() != part.rows.len() {
            continue;
        }
        for ((&row, &n), (at, _)) in part.rows.iter().zip(&counts).zip(&stray.values) {
            let span = ctx.span(*at);
            if let Some(cell) = table.cell_mut(row, stray.column) {
                *cell = Cell {
                    value: Value::Count(n),
                    span: Some(span),
                };
                filled += 1;
            }
        }
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowRealigned,
            format!(
                "active: the column `{}` is printed in the next section's text, its header and one value a row below it: read in the rows' order",
                stray.column
            ),
            Some(stray.header),
        );
    }
    filled
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};
    use super::stray_blocks;
    use crate::model::ActiveColumn;
    use crate::normalize::Norm;

    #[test]
    fn a_header_and_the_values_right_below_it_are_a_block() {
        let doc = "申请人情况\n现行有效件数\n15\n37\n\n自然人\n3\n";
        let found = stray_blocks(doc, Norm::new(0, doc.len()));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].column, ActiveColumn::InForce);
        assert_eq!(found[0].values.len(), 2);
    }

    /// A 2021-edition report whose section 二 column `现行有效件数` is
    /// printed after section 三's heading with `block` below it.
    fn text(block: &str) -> String {
        format!(
            "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n行政规范性文件\n\n\
             本年制发件数\n2\n9\n\n本年废止件数\n1\n4\n\n\
             三、收到和处理政府信息公开申请情况\n\n现行有效件数\n{block}\n\n申请人情况\n自然人\n"
        )
    }

    #[test]
    fn a_block_of_one_value_a_row_is_read_in_the_rows_order() {
        let r = read(&text("15\n37"));
        assert_eq!(get(&r, "active.regulations.in_force"), "15");
        assert_eq!(get(&r, "active.normative_documents.in_force"), "37");
    }

    #[test]
    fn a_block_short_of_its_rows_is_not_read() {
        // one value for two rows: which row is blank is unknown
        let r = read(&text("15"));
        assert_eq!(get(&r, "active.regulations.in_force"), "");
        assert_eq!(get(&r, "active.normative_documents.in_force"), "");
    }
}
