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
//! A part is read so when it is the first part of section 二 with cells
//! open, each of its columns has all its cells open or none (the open ones
//! are read), the open cells of later parts have their headers after every
//! figure left (a column's cells stand after its header; the values right
//! below those headers are theirs), every block stands after the part's
//! last row label with a blank line above it (a row's figures right below
//! its label are the browser's layout of each row's figures in turn), and
//! the blocks fall to the open columns one way only:
//!
//! ```text
//! below(c)  := value{0..rows}                  right below column c's header
//! left      := the table's figures − read cells' figures − below(every open column)
//! rests     := blocks of left, a block a run of lines each one value
//! partition := rests, in order, one block or none to each open column in the
//!              part's order, |below(c)| + the block's values ≤ rows
//! read      := exactly one partition; each column c whose |below(c)| + block = rows
//! cell      := column c, row i: below(c)ᵢ, then its block's values
//! ```
//!
//! Blank cells leave no line, so a column with as many values as rows has no
//! blank cell: its values right below its header are its first, its blocks
//! the rest. A column with fewer values (`本年增/减`'s one `0` for `行政处罚` and
//! `行政强制`) does not tell which cell is blank and stays open, and so does
//! every column when the blocks fall to them more than one way (two zeros
//! after the labels for three columns each one row short).

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

/// The part a reading of rest blocks is for, and the open cells after it.
struct OpenPart {
    /// The first part of section 二 with cells open.
    part: &'static Part,
    /// Its columns with every cell open, in order.
    columns: Vec<ActiveColumn>,
    /// The open cells of the parts after it: their part and column.
    later: Vec<(&'static Part, ActiveColumn)>,
}

/// The first part of section 二 with cells open, when each of its columns
/// has all its cells open or none (see [`OpenPart`]).
fn the_open_part(table: &ActiveTable, edition: Edition) -> Option<OpenPart> {
    let open_in = |part: &'static Part| {
        part.rows
            .iter()
            .flat_map(move |&r| part.columns.iter().map(move |&c| (r, c)))
            .filter(|&(r, c)| table.cell(r, c).is_some_and(is_open))
            .map(move |(_, c)| (part, c))
    };
    let mut parts = template::active_parts(edition).filter(|&p| open_in(p).next().is_some());
    let part = parts.next()?;
    let mut columns = Vec::new();
    for &column in part.columns {
        let open = open_in(part).filter(|&(_, c)| c == column).count();
        if open == part.rows.len() {
            columns.push(column);
        } else if open > 0 {
            return None;
        }
    }
    let later = parts.flat_map(open_in).collect();
    Some(OpenPart {
        part,
        columns,
        later,
    })
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

/// The column (index into `room`) each block goes to, when the blocks of
/// `sizes` values, in order, fall to the columns in their order one way only:
/// each column takes one block of at most its room, or none. A column's
/// cells printed apart stand one below the other, so they make one block;
/// more blocks than columns (a block cut by a blank line) fall no way.
///
/// ```text
/// partition := rest(column₀) rest(column₁) …   rest(c) := block? , its size ≤ room(c)
/// ```
fn one_partition(sizes: &[usize], room: &[usize]) -> Option<Vec<usize>> {
    /// Adds to `found` (up to two) the ways of giving blocks `b..` to
    /// columns `c..`, `way` holding the owners of the blocks before `b`.
    fn ways(
        (sizes, room): (&[usize], &[usize]),
        (b, c): (usize, usize),
        way: &mut Vec<usize>,
        found: &mut Vec<Vec<usize>>,
    ) {
        if found.len() > 1 {
            return;
        }
        if b == sizes.len() {
            found.push(way.clone());
            return;
        }
        if sizes.len() - b > room.len() - c {
            return; // more blocks left than columns
        }
        // column c takes block b, or none
        if sizes[b] <= room[c] {
            way.push(c);
            ways((sizes, room), (b + 1, c + 1), way, found);
            way.pop();
        }
        ways((sizes, room), (b, c + 1), way, found);
    }
    let mut found = Vec::new();
    ways((sizes, room), (0, 0), &mut Vec::new(), &mut found);
    match <[_; 1]>::try_from(found) {
        Ok([way]) => Some(way),
        Err(_) => None,
    }
}

/// Fills the columns of the first open part of section 二 whose headers
/// show their first cells and whose blocks further on in `region` give
/// them a value a row (see the module documentation); `skip` are figures of
/// no cell of section 二. Returns whether a column was read.
pub(crate) fn read_column_rests(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    region: Norm,
    edition: Edition,
    skip: &[Span],
) -> bool {
    let Some(OpenPart {
        part,
        columns: open_columns,
        later,
    }) = the_open_part(table, edition)
    else {
        return false;
    };
    let doc = ctx.doc;
    let rows = part.rows.len();
    let all: Vec<(usize, usize)> = lines(doc, region.start, region.end).collect();
    // each column's header line and the values right below it
    let mut below = Vec::new();
    for &column in &open_columns {
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
    // the values right below a later part's header of an open column are
    // that column's (too few for its rows to be read)
    for &(p, c) in &later {
        let Some(i) = header_line(doc, &all, p, c, edition) else {
            return false;
        };
        for (s, e, _) in super::columns::values_below(doc, &all[i + 1..], p.rows.len()) {
            if let Some(i) = figures.iter().position(|f| f.range() == Norm::new(s, e)) {
                taken[i] = true;
            }
        }
    }
    let left: Vec<(Norm, Scalar)> = figures
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(f, _)| (f.range(), f.scalar))
        .collect();
    if left.is_empty() || left.iter().any(|(_, v)| *v == Scalar::Blank) {
        return false;
    }
    // a column's cells stand after its header: the open cells of later
    // parts hold none of the figures left when their headers follow them all
    let last = left.last().map_or(0, |(at, _)| at.start);
    let after = |(p, c): &(&Part, ActiveColumn)| {
        header_line(doc, &all, p, *c, edition).is_some_and(|i| all[i].0 > last)
    };
    if !later.iter().all(after) {
        return false;
    }
    let Some(rests) = blocks(doc, &left) else {
        return false;
    };
    // the rows printed apart come after the part's labels, a blank line
    // above each block: a block right below a label, or before the part's
    // last label, is a row's figures after its label (a browser's PDF)
    let mut last_label = 0;
    for &row in part.rows {
        match table.row(row).and_then(|r| r.label_span) {
            Some(label) => last_label = last_label.max(label.end),
            None => return false,
        }
    }
    let apart = |block: &[(Norm, Scalar)]| {
        let Some(&(at, _)) = block.first() else {
            return false;
        };
        let line_start = doc[..at.start].rfind('\n').map_or(0, |i| i + 1);
        let above = doc[..line_start.saturating_sub(1)]
            .rsplit('\n')
            .next()
            .unwrap_or("");
        ctx.span(at).start > last_label && above.trim().is_empty()
    };
    if !rests.iter().all(|b| apart(b)) {
        return false;
    }
    let room: Vec<usize> = below.iter().map(|(_, _, v)| rows - v.len()).collect();
    let sizes: Vec<usize> = rests.iter().map(Vec::len).collect();
    let Some(owners) = one_partition(&sizes, &room) else {
        return false;
    };
    let unit = match edition {
        Edition::E2019 => HeaderUnit::None,
        Edition::E2021 => HeaderUnit::WanYuan,
    };
    // each column's values top to bottom, typed, when they are as many as
    // its rows; the others are left open
    let mut columns: Vec<(ActiveColumn, Vec<(Norm, Value)>)> = Vec::new();
    let mut short = Vec::new();
    for (k, (column, i, values)) in below.iter().enumerate() {
        let mut all: Vec<(Norm, Scalar)> = values
            .iter()
            .map(|&(s, e, v)| (Norm::new(s, e), v))
            .collect();
        for (block, _) in rests.iter().zip(&owners).filter(|(_, o)| **o == k) {
            all.extend(block.iter().copied());
        }
        if all.len() < rows {
            if !all.is_empty() {
                short.push((*column, *i, all.len()));
            }
            continue;
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
    if columns.is_empty() {
        return false;
    }
    for (column, values) in columns {
        for (&row, (at, value)) in part.rows.iter().zip(values) {
            let span = Some(ctx.span(at));
            if let Some(cell) = table.cell_mut(row, column) {
                *cell = Cell { value, span };
            }
        }
    }
    for (column, i, n) in short {
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowAmbiguous,
            format!(
                "active: the column `{column}` shows {n} value(s) for its part's {rows} rows, below its header and after the labels: which rows hold them is unknown; left blank"
            ),
            Some(Norm::new(all[i].0, all[i].1)),
        );
    }
    let first = below
        .first()
        .map(|&(_, i, _)| Norm::new(all[i].0, all[i].1));
    ctx.diag(
        Level::Info,
        DiagnosticKind::RowRealigned,
        format!(
            "active: the part of `{}` shows its columns' first cells below their headers and the rest as blocks after its labels, which fall to the columns in their order one way only: each column with a value a row is read top to bottom",
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

    /// A 2019-edition section 二 whose part (六) shows nothing below its
    /// headers and `rest` after the labels, before part (八)'s headers.
    fn text_2019(rest: &str) -> String {
        format!(
            "某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n规范性文件\n\
             第二十条第（五）项\n信息内容\n行政许可\n其他对外管理服务事项\n第二十条第（六）项\n信息内容\n\n\
             本年新制作数量\n0\n3\n\n本年新公开数量\n0\n3\n\n对外公开总数量\n0\n17\n\n\
             上一年项目数量\n6\n12\n\n本年增/减\n0\n1\n\n处理决定数量\n58\n430\n\n\
             上一年项目数量\n\n本年增/减\n\n处理决定数量\n\n\u{c}行政处罚\n行政强制\n\
             第二十条第（八）项\n信息内容\n行政事业性收费\n第二十条第（九）项\n信息内容\n政府集中采购\n\n{rest}\n\n\
             上一年项目数量\n2\n\n本年增/减\n\n采购项目数量\n14\n\n采购总金额\n386.5\n\n\
             三、收到和处理政府信息公开申请情况\n"
        )
    }

    #[test]
    fn a_column_short_of_its_rows_is_left_open_and_the_others_read() {
        // the one `0` of 本年增/减 for two rows: its column stays open
        let r = read(&text_2019("2\n0\n\n0\n\n1\n0"));
        assert_eq!(get(&r, "active.penalty.last_year"), "2");
        assert_eq!(get(&r, "active.coercion.last_year"), "0");
        assert_eq!(get(&r, "active.penalty.decisions"), "1");
        assert_eq!(get(&r, "active.coercion.decisions"), "0");
        assert_eq!(get(&r, "active.penalty.change"), "");
        assert_eq!(get(&r, "active.coercion.change"), "");
        // blocks that fall to the columns more than one way leave them open
        let r = read(&text_2019("2\n0\n\n1\n0"));
        assert_eq!(get(&r, "active.penalty.last_year"), "");
        assert_eq!(get(&r, "active.coercion.decisions"), "");
    }

    #[test]
    fn a_column_of_a_part_read_in_part_takes_the_block_before_later_headers() {
        // part (五)'s `上一年项目数量` shows nothing, its other columns are
        // read; `6`, `12` stand before the headers of the later open cells
        // (the second `本年增/减` with one `0` for two rows, the third empty)
        let text = "某局2019年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n规范性文件\n\
             第二十条第（五）项\n信息内容\n行政许可\n其他对外管理服务事项\n第二十条第（六）项\n信息内容\n行政处罚\n行政强制\n\
             第二十条第（八）项\n信息内容\n行政事业性收费\n第二十条第（九）项\n信息内容\n\n本年新制作数量\n0\n3\n上一年项目数量\n\n\
             上一年项目数量\n2\n0\n\n6\n12\n\n本年新公开数量\n0\n3\n\n对外公开总数量\n0\n17\n\n本年增/减\n0\n1\n\n\
             处理决定数量\n58\n430\n\n本年增/减\n0\n\n处理决定数量\n1\n0\n\n上一年项目数量\n2\n\n本年增/减\n\n\
             采购项目数量\n\n采购总金额\n\n\u{c}政府集中采购\n\n14\n\n386.5\n\n三、收到和处理政府信息公开申请情况\n";
        let r = read(text);
        assert_eq!(get(&r, "active.licensing.last_year"), "6");
        assert_eq!(get(&r, "active.other_services.last_year"), "12");
        assert_eq!(get(&r, "active.penalty.change"), "");
    }

    #[test]
    fn figures_after_each_row_label_are_no_rest_blocks() {
        // a browser's PDF: each row's figures after its label, the first
        // row's set apart by blank lines (three blocks, which would fall to
        // the three columns one way); they stand before the part's last
        // label, and the second row's right below its label
        let text = "某局2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n\
             本年制发件数\n本年废止件数\n现行有效件数\n规章\n\n2\n1\n\n15\n\n\u{c}行政规范性文件\n9\n4\n\
             第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n2315\n第二十条第（六）项\n信息内容\n本年处理决定数量\n\
             行政处罚\n412\n行政强制\n36\n第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n87.5\n\
             三、收到和处理政府信息公开申请情况\n";
        let r = read(text);
        // the second row's last cell is not in the text: what is read of the
        // part is the row readers' (the first row), nothing of the blocks
        assert_eq!(get(&r, "active.normative_documents.issued"), "");
        assert_eq!(get(&r, "active.normative_documents.repealed"), "");
        assert_eq!(get(&r, "active.normative_documents.in_force"), "");
        for (key, want) in [("issued", "2"), ("repealed", "1"), ("in_force", "15")] {
            let got = get(&r, &format!("active.regulations.{key}"));
            assert!(got.is_empty() || got == want, "{key}: {got}");
        }
    }

    #[test]
    fn blocks_fall_to_the_columns_one_way_or_none() {
        use super::one_partition;
        assert_eq!(one_partition(&[2, 1, 2], &[2, 2, 2]), Some(vec![0, 1, 2]));
        assert_eq!(one_partition(&[1, 1], &[1, 1, 1]), None);
        assert_eq!(one_partition(&[1, 1, 1], &[1, 1, 1]), Some(vec![0, 1, 2]));
        assert_eq!(one_partition(&[2], &[1, 1]), None);
        // a column's rest is one block: four blocks fall to three columns no way
        assert_eq!(one_partition(&[1, 1, 1, 1], &[1, 2, 1]), None);
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
