//! Section 二's columns that plain `pdftotext` of Chromium's PDF prints after
//! section 三's heading, each group of them under its own header labels, in
//! the order of the sub-tables they belong to.
//!
//! Chromium's PDF of a page whose sub-tables of section 二 are wide may keep
//! only their first columns beside the rows; plain `pdftotext` then writes
//! the other columns after section 三's heading and before its header, one
//! header label (or a few) and the column's figures below it, sub-table
//! after sub-table:
//!
//! ```text
//! 第二十条第（五）项
//! 信息内容
//! 上一年项目数量                  (五)'s header shows its first column only
//! 行政许可
//! 0
//! 其他对外管理服务事项
//! 0
//! …
//! 三、收到和处理政府信息公开申请情况
//! 本年增/减                        (五)'s 本年增/减, one a row
//! 0
//! 0
//! 处理决定数量                     (五)'s 处理决定数量
//! 0
//! 0
//! 本年增/减                        (六)'s …
//! ```
//!
//! The header labels name the columns; which sub-table a group is of, when a
//! column is in several, follows from the groups' order and sizes:
//!
//! ```text
//! area   := section 三's text above its header line (申请人情况)
//! blocks := figures* group+          (blank lines aside; any other line leaves
//!                                     the area unread)
//! group  := header+ figures+         header: a line that is one of section 二's
//!                                    column labels; figures: a line of figures
//!                                    only (blank marks among them)
//! order  := labels first: each header's figures are those after it (the
//!           figures before the first header no label's); or, with figures
//!           before the first header, figures first: each header's figures
//!           are those before it (the last ones no label's)
//! fits   := each group is of one sub-table holding its columns in the
//!           template's order, its cells all unread, with as many figures as its
//!           columns times the sub-table's rows, or fewer (a blank leaving no
//!           trace); the sub-tables (and the columns within one) follow the
//!           template's order from group to group
//! read   := exactly one way fits, in one order: a group of one column with
//!           all its figures gives row i the figure i; a group of several
//!           columns, whose figures' order (row by row or column by column)
//!           nothing tells, fills its cells only when all its figures are the
//!           same value; a group short of its cells is left blank
//! ```

use super::header_start::from_header;
use crate::grammar::Ctx;
use crate::grammar::label::compact_test;
use crate::grammar::tokens::{is_page_furniture, lines};
use crate::grammar::value::{HeaderUnit, Scalar, scalar};
use crate::model::{ActiveColumn, ActiveTable, Cell, DiagnosticKind, Edition, Level, Span, Value};
use crate::normalize::Norm;
use crate::template::{self, Part};

/// A group of the area: its header labels' columns, the range of its first
/// header line and its figures in text order.
#[derive(Debug, Clone)]
struct Group {
    columns: Vec<ActiveColumn>,
    header: Norm,
    figures: Figures,
}

/// Figures in text order: each one's range and value.
type Figures = Vec<(Norm, Scalar)>;

/// The column a line names as one of section 二's header labels.
fn column_label(line: &str) -> Option<ActiveColumn> {
    let is = compact_test(line);
    template::ACTIVE_COLUMNS
        .iter()
        .find(|e| e.label.forms.iter().any(|f| is(f)))
        .map(|e| e.key)
}

/// Appends the figures of a line of figures only (at least one; blank
/// marks among them when `marks`) to `out` and returns whether the line is
/// one.
fn figure_line(
    doc: &str,
    (s, e): (usize, usize),
    marks: bool,
    out: &mut Vec<(Norm, Scalar)>,
) -> bool {
    let before = out.len();
    let line = &doc[s..e];
    for word in line.split_whitespace() {
        match scalar(word) {
            Some(v) if marks || v != Scalar::Blank => {
                let from = s + (word.as_ptr() as usize - line.as_ptr() as usize);
                out.push((Norm::new(from, from + word.len()), v));
            }
            _ => {
                out.truncate(before);
                return false;
            }
        }
    }
    out.len() > before
}

/// The area's figures before its first header label, and its header labels
/// each with the figures after them (see the module documentation); `None`
/// when a line of it is neither blank, a header label nor a line of figures
/// (blank marks among them), or when it has no header label.
fn groups(doc: &str, area: Norm) -> Option<(Figures, Vec<Group>)> {
    let mut lead = Vec::new();
    let mut out: Vec<Group> = Vec::new();
    for (s, e) in lines(doc, area.start, area.end) {
        let line = doc[s..e].trim();
        if line.is_empty() || is_page_furniture(line) {
            continue;
        }
        if let Some(column) = column_label(line) {
            match out.last_mut() {
                Some(g) if g.figures.is_empty() => g.columns.push(column),
                _ => out.push(Group {
                    columns: vec![column],
                    header: Norm::new(s, e),
                    figures: Vec::new(),
                }),
            }
            continue;
        }
        let figures = out.last_mut().map_or(&mut lead, |g| &mut g.figures);
        if !figure_line(doc, (s, e), true, figures) {
            return None;
        }
    }
    (!out.is_empty()).then_some((lead, out))
}

/// The groups read figures first: each header label's figures are those
/// before it (the area's last figures then belong to no label).
fn figures_first(lead: &[(Norm, Scalar)], groups: &[Group]) -> Vec<Group> {
    let mut before = lead.to_vec();
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        out.push(Group {
            figures: std::mem::replace(&mut before, g.figures.clone()),
            ..g.clone()
        });
    }
    out
}

/// The columns' names, `a, b`, for a diagnostic.
fn names(columns: &[ActiveColumn]) -> String {
    let names: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
    names.join(", ")
}

/// Where a group's columns stand in `part`, when the part holds them all in
/// the template's order, after position `after`.
fn positions_in(part: &Part, columns: &[ActiveColumn], after: Option<usize>) -> Option<usize> {
    let mut last = after;
    for c in columns {
        let at = part.columns.iter().position(|p| p == c)?;
        if last.is_some_and(|l| at <= l) {
            return None;
        }
        last = Some(at);
    }
    last
}

/// Counts (up to two) the ways `groups` fit the parts from part index
/// `from` on (after column position `after` in it), recording the parts of
/// the first way found in `found`. A group fits a part holding its columns
/// with its cells open and as many figures as cells, or fewer (a blank
/// leaving no trace: such a group is not read).
fn count_fits(
    groups: &[Group],
    parts: &[&Part],
    open: &dyn Fn(&Part, &[ActiveColumn]) -> bool,
    (from, after): (usize, Option<usize>),
    way: &mut Vec<usize>,
    found: &mut Vec<usize>,
) -> usize {
    let Some((g, rest)) = groups.split_first() else {
        if found.is_empty() {
            found.clone_from(way);
        }
        return 1;
    };
    let mut n = 0;
    for (p, part) in parts.iter().enumerate().skip(from) {
        let start = if p == from { after } else { None };
        let Some(last) = positions_in(part, &g.columns, start) else {
            continue;
        };
        let cells = g.columns.len() * part.rows.len();
        if g.figures.is_empty() || g.figures.len() > cells || !open(part, &g.columns) {
            continue;
        }
        way.push(p);
        n += count_fits(rest, parts, open, (p, Some(last)), way, found);
        way.pop();
        if n > 1 {
            break;
        }
    }
    n
}

/// The figures of section 三's text above its header (in `applications`,
/// section 三's region) when that text is figures only (and blank lines):
/// the last cells of section 二's last row read, which the text carried past
/// the heading (`37`, 现行有效件数 of 行政规范性文件). Empty when the text
/// shows anything else or no figure.
///
/// ```text
/// carried := section 三's text above its header line, each line blank or
///            figures only
/// ```
pub(super) fn carried_figures(doc: &str, applications: Norm) -> Figures {
    let Some(header) = from_header(doc, applications) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (s, e) in lines(doc, applications.start, header.start) {
        let line = doc[s..e].trim();
        if !line.is_empty()
            && !is_page_furniture(line)
            && !figure_line(doc, (s, e), false, &mut out)
        {
            return Vec::new();
        }
    }
    out
}

/// Reads section 二's columns printed after section 三's heading (in
/// `applications`, section 三's region) into `table`'s open cells (see the
/// module documentation). Returns the spans of the figures it read, which
/// are no cells of sections 三 and 四.
pub(super) fn read_later_columns(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    edition: Edition,
    applications: Norm,
) -> Vec<Span> {
    let Some(header) = from_header(ctx.doc, applications) else {
        return Vec::new();
    };
    let Some((lead, after)) = groups(ctx.doc, Norm::new(applications.start, header.start)) else {
        return Vec::new();
    };
    let parts: Vec<&Part> = template::active_parts(edition).collect();
    let open = |part: &Part, columns: &[ActiveColumn]| {
        part.rows.iter().all(|&r| {
            columns.iter().all(|&c| {
                table
                    .cell(r, c)
                    .is_some_and(|cell| cell.span.is_none() && cell.value.is_blank())
            })
        })
    };
    // labels first, and, with figures above the first label, figures first:
    // exactly one way of both
    let mut found = Vec::new();
    let mut n = count_fits(
        &after,
        &parts,
        &open,
        (0, None),
        &mut Vec::new(),
        &mut found,
    );
    let mut groups = after;
    if !lead.is_empty() && n < 2 {
        let before = figures_first(&lead, &groups);
        let mut first = Vec::new();
        n += count_fits(
            &before,
            &parts,
            &open,
            (0, None),
            &mut Vec::new(),
            &mut first,
        );
        if found.is_empty() {
            found = first;
            groups = before;
        }
    }
    if n != 1 {
        return Vec::new();
    }
    let unit = match edition {
        Edition::E2019 => HeaderUnit::None,
        Edition::E2021 => HeaderUnit::WanYuan,
    };
    let mut spans = Vec::new();
    for (g, &p) in groups.iter().zip(&found) {
        let part = parts[p];
        if g.figures.len() < g.columns.len() * part.rows.len() {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "active: the column(s) {} of {} are printed in the next section's text under their header labels with fewer figures than cells: which are blank nothing tells; left blank",
                    names(&g.columns), part.caption
                ),
                Some(g.header),
            );
            continue;
        }
        let same = g.figures.iter().all(|(_, v)| *v == g.figures[0].1);
        if g.columns.len() > 1 && !same {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "active: the column(s) {} of {} are printed in the next section's text under their header labels, but whether their figures go row by row or column by column nothing tells; left blank",
                    names(&g.columns), part.caption
                ),
                Some(g.header),
            );
            continue;
        }
        // column by column: with one column, or all figures alike, both
        // orders give the same cells
        let mut cells: Vec<(crate::model::ActiveRow, ActiveColumn, Norm, Value)> = Vec::new();
        for (i, &column) in g.columns.iter().enumerate() {
            for (j, &row) in part.rows.iter().enumerate() {
                let (at, v) = g.figures[i * part.rows.len() + j];
                let Ok(value) = v.typed(column.kind(), unit) else {
                    cells.clear();
                    break;
                };
                cells.push((row, column, at, value));
            }
        }
        if cells.len() != g.figures.len() {
            continue;
        }
        for (row, column, at, value) in cells {
            let span = ctx.span(at);
            if let Some(cell) = table.cell_mut(row, column) {
                *cell = Cell {
                    value,
                    span: Some(span),
                };
                spans.push(span);
            }
        }
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowRealigned,
            format!(
                "active: the column(s) {} of {} are printed in the next section's text under their header labels, in the sub-tables' order: read in the rows' order",
                names(&g.columns), part.caption
            ),
            Some(g.header),
        );
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    /// A 2019-edition page whose parts (五), (六), (八) and (九) show their
    /// first column beside the rows, with `later` after section 三's heading.
    fn page(later: &str) -> String {
        format!(
            "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
             第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n\
             规章\n0\n0\n0\n规范性文件\n6\n6\n6\n\n\
             第二十条第（五）项\n信息内容\n上一年项目数量\n行政许可\n3\n其他对外管理服务事项\n5\n\
             第二十条第（六）项\n信息内容\n上一年项目数量\n行政处罚\n7\n行政强制\n9\n\
             第二十条第（八）项\n信息内容\n上一年项目数量\n行政事业性收费\n2\n\
             第二十条第（九）项\n信息内容\n采购项目数量\n政府集中采购\n4\n\
             三、收到和处理政府信息公开申请情况\n\n{later}\n申请人情况\n自然人\n"
        )
    }

    const LATER: &str = "本年增/减\n1\n-2\n\n处理决定数量\n11\n12\n\n本年增/减\n0\n3\n\n\
                         处理决定数量\n13\n14\n本年增/减\n-1\n采购总金额\n170\n";

    #[test]
    fn columns_printed_after_the_next_heading_are_read_in_the_parts_order() {
        let r = read(&page(LATER));
        for (key, value) in [
            ("active.licensing.last_year", "3"),
            ("active.licensing.change", "1"),
            ("active.licensing.decisions", "11"),
            ("active.other_services.last_year", "5"),
            ("active.other_services.change", "-2"),
            ("active.other_services.decisions", "12"),
            ("active.penalty.change", "0"),
            ("active.penalty.decisions", "13"),
            ("active.coercion.last_year", "9"),
            ("active.coercion.decisions", "14"),
            ("active.fees.last_year", "2"),
            ("active.fees.change", "-1"),
            ("active.procurement.items", "4"),
            ("active.procurement.amount", "170"),
        ] {
            assert_eq!(get(&r, key), value, "{key}");
        }
    }

    #[test]
    fn columns_whose_part_the_order_does_not_decide_are_not_read() {
        // (六)'s groups missing: the two left could be (五)'s or (六)'s, and
        // neither part's first column is read without the rest
        let r = read(&page(
            "本年增/减\n1\n-2\n\n处理决定数量\n11\n12\n本年增/减\n-1\n采购总金额\n170\n",
        ));
        for key in [
            "active.licensing.change",
            "active.penalty.decisions",
            "active.licensing.last_year",
            "active.penalty.last_year",
            "active.fees.change",
        ] {
            assert_eq!(get(&r, key), "", "{key}");
        }
        // figures above the first header label: each label's figures may
        // be those after it or those before it, and both ways fit
        let r = read(&page("1\n2\n处理决定数量\n11\n12\n处理决定数量\n13\n14\n"));
        assert_eq!(get(&r, "active.licensing.decisions"), "");
        assert_eq!(get(&r, "active.penalty.decisions"), "");
        // a group one figure short is left blank, the others placed
        let r = read(&page(&LATER.replace("11\n12\n", "11\n")));
        assert_eq!(get(&r, "active.licensing.decisions"), "");
        assert_eq!(get(&r, "active.other_services.decisions"), "");
        assert_eq!(get(&r, "active.penalty.change"), "0");
    }

    #[test]
    fn groups_one_way_fits_are_read_with_short_ones_left_blank() {
        // a figure above the first label that no label's figures before it
        // can be, and (六)'s 本年增/减 one figure short: a blank leaving no
        // trace, which the others' order still places
        let r = read(&page(&format!(
            "5\n{}",
            LATER.replace("本年增/减\n0\n3\n", "本年增/减\n0\n")
        )));
        assert_eq!(get(&r, "active.licensing.change"), "1");
        assert_eq!(get(&r, "active.other_services.decisions"), "12");
        assert_eq!(get(&r, "active.penalty.change"), "");
        assert_eq!(get(&r, "active.coercion.change"), "");
        assert_eq!(get(&r, "active.penalty.decisions"), "13");
        assert_eq!(get(&r, "active.fees.change"), "-1");
        assert_eq!(get(&r, "active.procurement.amount"), "170");
    }

    #[test]
    fn a_group_of_two_columns_is_read_only_when_its_figures_are_alike() {
        let two = |five: &str| {
            read(&page(&format!(
                "本年增/减\n处理决定数量\n{five}\n本年增/减\n0\n3\n\n\
                 处理决定数量\n13\n14\n本年增/减\n-1\n采购总金额\n170\n"
            )))
        };
        let r = two("0\n0\n0\n0");
        assert_eq!(get(&r, "active.licensing.change"), "0");
        assert_eq!(get(&r, "active.other_services.decisions"), "0");
        assert_eq!(get(&r, "active.penalty.decisions"), "13");
        // row by row or column by column: nothing tells
        let r = two("1\n2\n3\n4");
        assert_eq!(get(&r, "active.licensing.change"), "");
        assert_eq!(get(&r, "active.other_services.decisions"), "");
        assert_eq!(get(&r, "active.penalty.decisions"), "13");
    }
}
