//! Section 二's columns whose header shows only their first cells, the rest
//! of each column coming later as a block of its own, in plain `pdftotext`
//! output of a PDF LibreOffice made.
//!
//! Plain `pdftotext` writes a column's header with the cells right below it,
//! but a row printed apart from the header (a taller label cell, a wrapped
//! row) leaves that row's cells as blocks of their own further on, one block
//! a column, left to right, each listing its cells top to bottom:
//!
//! ```text
//! 规章
//! 本年制发件数
//! 5
//! 现行有效件数        (its first row's cell below each header …)
//! 63
//! 行政规范性文件
//! …
//! 14                  (… the second row's after the last labels, a block a column)
//!
//! 6
//! ```
//!
//! A part is read so when it is the only part of section 二 with cells open,
//! all its cells are open, and the text leaves no doubt that every one of its
//! cells shows a value:
//!
//! ```text
//! below(c) := value{0..rows}                  right below column c's header
//! left     := the table's figures − read cells' figures − below(every column)
//! rests    := blocks of left, a block a run of lines each one value
//! read     := Σ |below(c)| + |left| = rows × columns, and rests, in order, are one
//!             block of rows − |below(c)| values for each column c not full below
//!             its header, in the part's column order
//! cell     := column c, row i: below(c)ᵢ, then its rest block's values
//! ```
//!
//! Blank cells leave no line, so as many values as cells mean that no cell is
//! blank: each column holds a value in every row, those right below its
//! header being its first, its block the rest. A part with fewer values than
//! cells (`规章`'s three below the headers, two zeros after the labels for
//! `规范性文件`'s three cells) does not tell which cell is blank and stays
//! open.

use super::reading_order::table_figures;
use crate::grammar::Ctx;
use crate::grammar::label::compacts_to;
use crate::grammar::tokens::lines;
use crate::grammar::value::{HeaderUnit, Scalar};
use crate::model::{ActiveColumn, ActiveTable, Cell, DiagnosticKind, Edition, Level, Span, Value};
use crate::normalize::Norm;
use crate::template::{self, Part};

/// Whether a cell is not read yet.
fn is_open(cell: &Cell) -> bool {
    cell.span.is_none() && cell.value.is_blank()
}

/// The one part of section 二 with cells open, when every cell of it is open
/// and every other part's cells are read.
fn the_open_part(table: &ActiveTable, edition: Edition) -> Option<&'static Part> {
    let open_in = |part: &Part| {
        part.rows
            .iter()
            .flat_map(|&r| part.columns.iter().map(move |&c| (r, c)))
            .filter(|&(r, c)| table.cell(r, c).is_some_and(is_open))
            .count()
    };
    let mut open = template::active_parts(edition).filter(|p| open_in(p) > 0);
    let part = open.next()?;
    if open.next().is_some() || open_in(part) != part.rows.len() * part.columns.len() {
        return None;
    }
    Some(part)
}

/// The line of `all` that is `part`'s header of `column`: the header's k-th
/// line when `part` is the k-th part of the edition with that column, the
/// text showing the header once for each of them.
fn header_line(
    doc: &str,
    all: &[(usize, usize)],
    part: &Part,
    column: ActiveColumn,
    edition: Edition,
) -> Option<usize> {
    let forms = template::active_column(column, edition).label.forms;
    let parts: Vec<&Part> = template::active_parts(edition)
        .filter(|p| p.columns.contains(&column))
        .collect();
    let k = parts.iter().position(|p| std::ptr::eq(*p, part))?;
    let at: Vec<usize> = (0..all.len())
        .filter(|&i| {
            forms
                .iter()
                .any(|f| compacts_to(&doc[all[i].0..all[i].1], f))
        })
        .collect();
    (at.len() == parts.len()).then(|| at[k])
}

/// The figures of `figures` in blocks: runs of figures each alone on its
/// line, on lines one right after the other (no blank line, text or new page
/// between them). `None` when a figure shares its line with other text.
fn blocks(doc: &str, figures: &[(Norm, Scalar)]) -> Option<Vec<Vec<(Norm, Scalar)>>> {
    let mut out: Vec<Vec<(Norm, Scalar)>> = Vec::new();
    let mut last_end: Option<usize> = None;
    for &(at, v) in figures {
        let line_start = doc[..at.start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = doc[at.end..].find('\n').map_or(doc.len(), |i| at.end + i);
        if !doc[line_start..at.start].trim().is_empty() || !doc[at.end..line_end].trim().is_empty()
        {
            return None;
        }
        let next_line = last_end.is_some_and(|e| {
            let between = &doc[e..line_start];
            between.matches('\n').count() == 1 && between.trim_matches([' ', '\t', '\n']).is_empty()
        });
        match out.last_mut() {
            Some(block) if next_line => block.push((at, v)),
            _ => out.push(vec![(at, v)]),
        }
        last_end = Some(line_end);
    }
    Some(out)
}

/// Fills the one open part of section 二 whose columns show their first
/// cells below their headers and the rest as blocks further on in
/// `region`, when the figures leave no cell blank (see the module
/// documentation); `skip` are figures of no cell of section 二. Returns
/// whether the part was read.
pub(crate) fn read_column_rests(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    region: Norm,
    edition: Edition,
    skip: &[Span],
) -> bool {
    let Some(part) = the_open_part(table, edition) else {
        return false;
    };
    let doc = ctx.doc;
    let rows = part.rows.len();
    let all: Vec<(usize, usize)> = lines(doc, region.start, region.end).collect();
    // each column's header line and the values right below it
    let mut below = Vec::new();
    for &column in part.columns {
        let Some(i) = header_line(doc, &all, part, column, edition) else {
            return false;
        };
        let values = super::columns::values_below(doc, &all[i + 1..], rows + 1);
        if values.len() > rows {
            return false;
        }
        below.push((column, i, values));
    }
    let cells: usize = table.rows.iter().map(|r| r.cells.len()).sum();
    let figures = table_figures(ctx, region, cells + 1, skip);
    if figures.len() > cells {
        return false;
    }
    // every read cell's figure is one of the table's, taken once
    let spans: Vec<Span> = figures.iter().map(|f| ctx.span(f.range())).collect();
    let mut taken = vec![false; figures.len()];
    for cell in table
        .rows
        .iter()
        .flat_map(|r| r.cells.iter().map(|(_, c)| c))
    {
        let Some(span) = cell.span else { continue };
        match spans.iter().position(|s| *s == span) {
            Some(i) if !taken[i] => taken[i] = true,
            _ => return false,
        }
    }
    for (_, _, values) in &below {
        for &(s, e, _) in values {
            match figures.iter().position(|f| f.range() == Norm::new(s, e)) {
                Some(i) if !taken[i] => taken[i] = true,
                _ => return false,
            }
        }
    }
    let left: Vec<(Norm, Scalar)> = figures
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(f, _)| (f.range(), f.scalar))
        .collect();
    let shown: usize = below.iter().map(|(_, _, v)| v.len()).sum();
    if left.is_empty()
        || shown + left.len() != rows * part.columns.len()
        || left.iter().any(|(_, v)| *v == Scalar::Blank)
    {
        return false;
    }
    let Some(rests) = blocks(doc, &left) else {
        return false;
    };
    let short: Vec<usize> = below
        .iter()
        .filter(|(_, _, v)| v.len() < rows)
        .map(|(_, _, v)| rows - v.len())
        .collect();
    if rests.len() != short.len() || rests.iter().zip(&short).any(|(b, &n)| b.len() != n) {
        return false;
    }
    let unit = match edition {
        Edition::E2019 => HeaderUnit::None,
        Edition::E2021 => HeaderUnit::WanYuan,
    };
    // each column's values top to bottom, typed
    let mut rests = rests.into_iter();
    let mut columns: Vec<(ActiveColumn, Vec<(Norm, Value)>)> = Vec::new();
    for (column, _, values) in &below {
        let mut all: Vec<(Norm, Scalar)> = values
            .iter()
            .map(|&(s, e, v)| (Norm::new(s, e), v))
            .collect();
        if all.len() < rows {
            all.extend(rests.next().into_iter().flatten());
        }
        let Ok(typed) = all
            .into_iter()
            .map(|(at, v)| v.typed(column.kind(), unit).map(|t| (at, t)))
            .collect::<Result<Vec<_>, _>>()
        else {
            return false;
        };
        columns.push((*column, typed));
    }
    for (column, values) in columns {
        for (&row, (at, value)) in part.rows.iter().zip(values) {
            let span = Some(ctx.span(at));
            if let Some(cell) = table.cell_mut(row, column) {
                *cell = Cell { value, span };
            }
        }
    }
    let first = below
        .first()
        .map(|&(_, i, _)| Norm::new(all[i].0, all[i].1));
    ctx.diag(
        Level::Info,
        DiagnosticKind::RowRealigned,
        format!(
            "active: the part of `{}` shows its columns' first cells below their headers and the rest as a block a column after them, as many values as cells: read top to bottom, the blocks in the columns' order",
            part.rows[0]
        ),
        first,
    );
    true
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    /// A 2021-edition section 二 whose first part shows `规章`'s cells below
    /// the headers and `行政规范性文件`'s as `rest` after the last labels.
    fn text_2021(rest: &str) -> String {
        format!(
            "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n\n\
             本年制发件数\n5\n\n本年废止件数\n2\n\n现行有效件数\n63\n\n\u{c}行政规范性文件\n\
             第二十条第（五）项\n信息内容\n行政许可\n第二十条第（六）项\n信息内容\n行政处罚\n行政强制\n\
             第二十条第（八）项\n信息内容\n行政事业性收费\n\n{rest}\n\n\
             本年处理决定数量\n27\n本年处理决定数量\n3\n1\n本年收费金额（单位：万元）\n0.35\n\n\
             三、收到和处理政府信息公开申请情况\n"
        )
    }

    #[test]
    fn a_block_a_column_after_the_labels_gives_the_rows_left() {
        let r = read(&text_2021("14\n\n6\n\n88"));
        assert_eq!(get(&r, "active.regulations.issued"), "5");
        assert_eq!(get(&r, "active.regulations.in_force"), "63");
        assert_eq!(get(&r, "active.normative_documents.issued"), "14");
        assert_eq!(get(&r, "active.normative_documents.repealed"), "6");
        assert_eq!(get(&r, "active.normative_documents.in_force"), "88");
    }

    #[test]
    fn fewer_values_than_cells_leave_the_part_open() {
        // which of the three cells is blank is not in the text
        let r = read(&text_2021("14\n\n6"));
        assert_eq!(get(&r, "active.regulations.issued"), "");
        assert_eq!(get(&r, "active.normative_documents.issued"), "");
        assert_eq!(get(&r, "active.normative_documents.repealed"), "");
    }

    #[test]
    fn blocks_not_one_a_column_leave_the_part_open() {
        // two values in one block and one in another: not one block a column
        let r = read(&text_2021("14\n6\n\n88"));
        assert_eq!(get(&r, "active.normative_documents.issued"), "");
        assert_eq!(get(&r, "active.normative_documents.in_force"), "");
    }

    #[test]
    fn headers_with_nothing_below_them_take_whole_blocks() {
        let text = "某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n\n\
             本年新制作数量\n\n本年新公开数量\n\n对外公开总数量\n\n\u{c}规章\n规范性文件\n\
             第二十条第（五）项\n信息内容\n行政许可\n其他对外管理服务事项\n第二十条第（六）项\n信息内容\n行政处罚\n行政强制\n\
             第二十条第（八）项\n信息内容\n行政事业性收费\n第二十条第（九）项\n信息内容\n政府集中采购\n\n\
             0\n6\n\n1\n7\n\n2\n8\n\n\
             上一年项目数量\n0\n0\n\n本年增/减\n0\n0\n\n处理决定数量\n0\n0\n\n\
             上一年项目数量\n0\n0\n\n本年增/减\n0\n0\n\n处理决定数量\n0\n0\n\n\
             上一年项目数量\n0\n\n本年增/减\n0\n\n采购项目数量\n4\n\n采购总金额\n170\n\n\
             三、收到和处理政府信息公开申请情况\n";
        let r = read(text);
        assert_eq!(get(&r, "active.regulations.made"), "0");
        assert_eq!(get(&r, "active.normative_documents.made"), "6");
        assert_eq!(get(&r, "active.regulations.published"), "1");
        assert_eq!(get(&r, "active.normative_documents.published"), "7");
        assert_eq!(get(&r, "active.regulations.total_public"), "2");
        assert_eq!(get(&r, "active.normative_documents.total_public"), "8");
    }
}
