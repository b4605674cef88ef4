//! Section 二 in plain `pdftotext` text whose rows give their figures one a
//! line, before (or after) their row labels.
//!
//! Plain `pdftotext` of Chromium's PDF of a page may give each row of a
//! sub-table of section 二 as its figures, one a line, and then its label:
//!
//! ```text
//! 第二十条第（五）项
//! 信息内容
//! 上一年项目数量
//! 本年增/减
//! 处理决定数量
//! 8                                  行政许可's three cells, before it
//! -2
//! 5
//! 行政许可
//! 15                                 其他对外管理服务事项's, before it
//! 3
//! 126
//! 其他对外管理服务事项
//! 第二十条第（六）项
//! ```
//!
//! or each label first and its figures after it. A text whose blank cells
//! leave no trace may leave a row short. The figures are put in the
//! template's column order, so a part is read only when its header prints
//! the columns in that order, and only in an order that gives every row
//! all its cells:
//!
//! ```text
//! part    := caption header gap(1) label(1) gap(2) label(2) … gap(n) label(n)
//!          | caption header label(1) gap(1) label(2) gap(2) … label(n) gap(n)
//! caption := a line starting 第二十条, the part's in the edition's order (as
//!            many caption lines as the edition has parts)
//! header  := lines of no figure (labels first: and no row label), showing
//!            every column's header label, in the template's column order;
//!            or the first columns' only, showing none of the others, when
//!            every cell of the others is read already (printed apart, see
//!            [`super::later_columns`]): the shown columns are read
//! gap(i)  := lines of figures only (or blank), exactly the part's (shown)
//!            columns many, in column order; labels first, counting the
//!            figures beside the label
//! label(i):= a line holding row i's label alone; labels first, or the label
//!            and then figures only (`其他对外管理服务事项 15` / `+3` / `126`:
//!            the figures beside it are the row's first)
//! kept    := the part's text ends after its last label or gap (the next
//!            caption or the section's end; labels first, or a line of
//!            another label, a row the template does not have, and its
//!            figures), and every cell read already holds its figure
//! carried := labels first, the last gap short by the figures the text gives
//!            after section 三's heading, above its header, and nothing else
//!            there (see [`super::later_columns::carried_figures`]), when
//!            every other part has all its cells: they end the last gap
//! ```
//!
//! A text may carry a row's last cells over a page, past the next parts and
//! section 三's heading (`行政规范性文件` / `9` / `4` … `三、…` / `37`); no
//! cell of section 三 stands above its header, and with every other part
//! read, the figures there are the short part's.
//!
//! A text in figures-first order ends with a label and one in labels-first
//! order starts with one, so where both ends show, the two readings cannot
//! both take a part; a part both would take is left blank here. A part read
//! labels first that fills no cell is left to the readers that read it
//! whole, their diagnostics standing.

use super::active::{ROWS, header_labels};
use super::scan::Class;
use crate::grammar::Ctx;
use crate::grammar::label::{compact_onto, compacts_to};
use crate::grammar::tokens::is_page_furniture;
use crate::grammar::value::{HeaderUnit, Scalar, scalar};
use crate::model::{ActiveColumn, ActiveTable, Cell, DiagnosticKind, Edition, Level};
use crate::normalize::Norm;
use crate::template;

/// A line of the section's text: its range and its text.
struct Line<'d> {
    start: usize,
    text: &'d str,
}

/// Appends to `out` the figures of a line that holds figures only (at
/// least one), with their ranges, and returns whether it did; a line with
/// another word or none leaves `out` as it was.
fn figure_line(line: &Line<'_>, out: &mut Vec<(Norm, Scalar)>) -> bool {
    if is_page_furniture(line.text.trim()) {
        return false;
    }
    let before = out.len();
    for word in line.text.split_whitespace() {
        let Some(value) = scalar(word) else {
            out.truncate(before);
            return false;
        };
        // a piece of `line.text`: where it stands is how far its first byte is
        // from the line's
        let from = word.as_ptr() as usize - line.text.as_ptr() as usize;
        out.push((
            Norm::new(line.start + from, line.start + from + word.len()),
            value,
        ));
    }
    out.len() > before
}

/// Whether `line` holds the label of `row` alone.
fn is_label(line: &str, row: crate::model::ActiveRow) -> bool {
    ROWS.iter().any(|(class, forms)| {
        *class == Class::Row(row) && forms.iter().any(|form| compacts_to(line, form))
    })
}

/// Where the figures after `row`'s label on `line` start (the line's end
/// when none follow it), when the line holds the label and then figures
/// only: read labels first, they are the row's first figures, in the text's
/// order as they stand beside it.
///
/// ```text
/// label line := row label (figure)*
/// ```
fn label_then_figures(line: &str, row: crate::model::ActiveRow) -> Option<usize> {
    let mut end = line.trim_end().len();
    loop {
        let head = &line[..end];
        if is_label(head, row) {
            return Some(end);
        }
        let (rest, word) = head.trim_end().rsplit_once(char::is_whitespace)?;
        scalar(word).filter(|v| *v != Scalar::Blank)?;
        end = rest.len();
    }
}

/// The order a part's rows give their figures and labels in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Order {
    /// Each row's figures, then its label.
    FiguresFirst,
    /// Each row's label, then its figures.
    LabelsFirst,
}

/// Puts in `figures` the figures of one part's lines (after its caption),
/// each row's cells as (range, value), row after row (the part's columns
/// many a row), and returns whether the part reads in `order` (see the
/// module documentation); `figures` holds no certain figures when it does
/// not. `figures`, and `header` for the compacted header lines, are buffers
/// reused from part to part.
fn read_part(
    lines: &[Line<'_>],
    (part, shown): (&template::Part, &[ActiveColumn]),
    (order, carry): (Order, &[(Norm, Scalar)]),
    (figures, header): (&mut Vec<(Norm, Scalar)>, &mut String),
) -> bool {
    figures.clear();
    read_part_into(lines, (part, shown), (order, carry), (figures, header)).is_some()
}

/// [`read_part`], `None` where the part does not read in `order`.
fn read_part_into(
    lines: &[Line<'_>],
    (part, shown): (&template::Part, &[ActiveColumn]),
    (order, carry): (Order, &[(Norm, Scalar)]),
    (figures, header): (&mut Vec<(Norm, Scalar)>, &mut String),
) -> Option<()> {
    let columns = shown.len();
    // the header ends at the first line of figures, or, labels first, at the
    // first row's label (a line of figures before it leaves the part unread)
    let first = match order {
        Order::FiguresFirst => lines.iter().position(|l| figure_line(l, figures))?,
        Order::LabelsFirst => {
            let first = lines.iter().position(|l| {
                figure_line(l, figures)
                    || part
                        .rows
                        .first()
                        .is_some_and(|&r| label_then_figures(l.text, r).is_some())
            })?;
            if !figures.is_empty() {
                return None;
            }
            first
        }
    };
    header.clear();
    for line in &lines[..first] {
        compact_onto(header, line.text);
    }
    // every column's label shown, in the template's order: the figures are
    // put in that order, so a header printed in another leaves the part
    let mut last = None;
    for &column in shown {
        let at = header_labels(column)
            .iter()
            .filter_map(|f| header.find(f))
            .min()?;
        if last.is_some_and(|l| at <= l) {
            return None;
        }
        last = Some(at);
    }
    // a header showing some columns only shows none of the others
    let hidden = &part.columns[shown.len()..];
    if hidden
        .iter()
        .any(|&c| header_labels(c).iter().any(|f| header.contains(f)))
    {
        return None;
    }
    let mut labels = 0;
    let mut next = part.rows.iter();
    let from = match order {
        Order::FiguresFirst => first + 1,
        Order::LabelsFirst => first,
    };
    for line in &lines[from..] {
        // a page's header or footer (`— 3 —`) is no figure of the part
        if line.text.trim().is_empty()
            || is_page_furniture(line.text.trim())
            || figure_line(line, figures)
        {
            continue;
        }
        let Some(&row) = next.next() else {
            // labels first, a row the template does not have (`其他主动公开文件`)
            // after the last row's figures starts figures of its own
            if order == Order::LabelsFirst && figures.len() == labels * columns {
                break;
            }
            return None;
        };
        // the rows whose figures stand before this label
        let before = match order {
            Order::FiguresFirst => labels + 1,
            Order::LabelsFirst => labels,
        };
        if figures.len() != before * columns {
            return None;
        }
        match order {
            Order::FiguresFirst if !is_label(line.text, row) => return None,
            Order::FiguresFirst => {}
            // the figures beside the label, then those on the lines after it
            Order::LabelsFirst => {
                let end = label_then_figures(line.text, row)?;
                let rest = Line {
                    start: line.start + end,
                    text: &line.text[end..],
                };
                if !rest.text.trim().is_empty() && !figure_line(&rest, figures) {
                    return None;
                }
            }
        }
        labels += 1;
    }
    // the last row's figures the text carried past the section (labels first)
    if order == Order::LabelsFirst {
        figures.extend_from_slice(carry);
    }
    (labels == part.rows.len() && figures.len() == labels * columns).then_some(())
}

/// Reads the parts of section 二 (in `region`) whose rows give their figures
/// one a line before or after their labels (see the module documentation)
/// into `table`'s open cells. Asked again (`again`: the figures the text
/// gives after section 三's heading, see
/// [`super::later_columns::carried_figures`]) once other readers filled
/// cells, it reads the parts left with open cells, then the one part left
/// with open cells with those figures as its last row's last cells. Returns
/// whether a part was read, and whether the carried figures were.
pub(super) fn read_one_a_line(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    (region, again): (Norm, Option<&[(Norm, Scalar)]>),
    edition: Edition,
) -> (bool, bool) {
    let Some(text) = ctx.doc.get(region.start..region.end) else {
        return (false, false);
    };
    let mut lines = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    let mut at = region.start;
    for line in text.split('\n') {
        lines.push(Line {
            start: at,
            text: line,
        });
        at += line.len() + 1;
    }
    let parts = template::active_parts(edition).count();
    // the line of each part's caption, as many as the edition has parts
    let mut caption_lines = [0; template::ACTIVE_PARTS.len()];
    let mut found = 0;
    for (i, line) in lines.iter().enumerate() {
        if line
            .text
            .trim_start()
            .starts_with(template::ACTIVE_CAPTION_PREFIX)
        {
            if found == parts {
                return (false, false);
            }
            caption_lines[found] = i;
            found += 1;
        }
    }
    if found != parts {
        return (false, false);
    }
    let captions = &caption_lines[..parts];
    let unit = match edition {
        Edition::E2019 => HeaderUnit::None,
        Edition::E2021 => HeaderUnit::WanYuan,
    };
    let mut read = false;
    // buffers for every part: its header compacted (a piece of the
    // section's text), its figures read in either order
    let most = template::active_parts(edition)
        .map(|p| p.rows.len() * p.columns.len())
        .max()
        .unwrap_or(0);
    let mut header = String::with_capacity(text.len());
    let mut figures_first = Vec::with_capacity(most);
    // labels first, a part may take the figures carried past the section too
    let mut labels_first = Vec::with_capacity(most + again.map_or(0, <[_]>::len));
    let is_open = |table: &ActiveTable, part: &template::Part| {
        part.rows.iter().any(|&r| {
            part.columns.iter().any(|&c| {
                table
                    .cell(r, c)
                    .is_some_and(|cell| cell.span.is_none() && cell.value.is_blank())
            })
        })
    };
    // a second pass gives the figures carried past the section to the one
    // part left with open cells
    let mut carried = None;
    let carry = again.unwrap_or_default();
    for pass in 0..2 {
        if pass == 1 {
            let mut open = template::active_parts(edition)
                .enumerate()
                .filter(|(_, p)| is_open(table, p));
            match (open.next(), open.next()) {
                (Some((k, _)), None) if !carry.is_empty() => carried = Some(k),
                _ => break,
            }
        }
        for (k, (&c, part)) in captions
            .iter()
            .zip(template::active_parts(edition))
            .enumerate()
        {
            // asked again, a part with no open cell is read already
            if pass == 1 && carried != Some(k) || again.is_some() && !is_open(table, part) {
                continue;
            }
            let carry_here = if pass == 1 { carry } else { &[] };
            let end = captions.get(k + 1).copied().unwrap_or(lines.len());
            let part_lines = &lines[c + 1..end];
            // the columns read here: every one, or the first ones only when the
            // others hold their figures already (printed apart, see
            // [`super::later_columns`])
            let read_apart = |c: &ActiveColumn| {
                part.rows
                    .iter()
                    .all(|&r| table.cell(r, *c).is_some_and(|cell| cell.span.is_some()))
            };
            let hidden = part
                .columns
                .iter()
                .rev()
                .take_while(|c| read_apart(c))
                .count();
            let shown = &part.columns[..part.columns.len() - hidden.min(part.columns.len() - 1)];
            let read_figures_first = read_part(
                part_lines,
                (part, shown),
                (Order::FiguresFirst, &[]),
                (&mut figures_first, &mut header),
            );
            let read_labels_first = read_part(
                part_lines,
                (part, shown),
                (Order::LabelsFirst, carry_here),
                (&mut labels_first, &mut header),
            );
            if pass == 1 && read_figures_first {
                continue;
            }
            // both orders reading the part whole would leave its rows uncertain
            let (figures, order) = match (read_figures_first, read_labels_first) {
                (true, false) => (
                    &figures_first,
                    "before their labels, each row exactly its cells, and none follow the last label",
                ),
                (false, true) => (
                    &labels_first,
                    "after their labels, each row exactly its cells, and none precede the first label",
                ),
                _ => continue,
            };
            let read_labels_first = read_labels_first && !read_figures_first;
            // every cell typed, and every cell read already holding its figure
            let columns = shown.len();
            let cells = || {
                part.rows
                    .iter()
                    .zip(figures.chunks(columns))
                    .flat_map(move |(&row, figures)| {
                        shown
                            .iter()
                            .zip(figures)
                            .map(move |(&column, &(range, value))| {
                                (row, column, range, value.typed(column.kind(), unit))
                            })
                    })
            };
            if figures.len() != part.rows.len() * columns
                || cells().any(|(_, _, _, value)| value.is_err())
            {
                continue;
            }
            let agrees = cells().all(|(row, column, _, value)| {
                table.cell(row, column).is_none_or(|cell| {
                    cell.span.is_none() && cell.value.is_blank() || Ok(cell.value) == value
                })
            });
            if !agrees {
                continue;
            }
            let mut filled = 0;
            for (row, column, range, value) in cells() {
                let Ok(value) = value else { continue };
                let span = ctx.span(range);
                if let Some(cell) = table.cell_mut(row, column)
                    && cell.span.is_none()
                    && cell.value.is_blank()
                {
                    *cell = Cell {
                        value,
                        span: Some(span),
                    };
                    filled += 1;
                }
            }
            // a part read labels first that other readers read whole already
            // is theirs, their diagnostics standing
            if read_labels_first && filled == 0 {
                continue;
            }
            read = true;
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                format!(
                    "active: the rows of {} give their figures {order}; read so",
                    part.caption
                ),
                Some(Norm::new(lines[c].start, lines[end - 1].start)),
            );
            if pass == 1 {
                ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                format!(
                    "active: the last row of {} is short by {} figure(s), which the text gives after section 三's heading, above its header, every other part being read: they are its last cells",
                    part.caption,
                    carry.len()
                ),
                carry.first().map(|(at, _)| *at),
            );
                return (read, true);
            }
        }
    }
    (read, false)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    /// Section 二 of the 2019 edition with parts (五) and (六) as `five` and
    /// `six` give them after their headers.
    fn page(five: &str, six: &str) -> String {
        format!(
            "\u{c}某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
             第二十条第（一）项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n规范性文件\n\
             第二十条第（五）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n{five}\
             第二十条第（六）项\n信息内容\n上一年项目数量\n本年增/减\n处理决定数量\n{six}\
             第二十条第（八）项\n信息内容\n上一年项目数量\n本年增/减\n行政事业性收费\n\
             第二十条第（九）项\n信息内容\n采购项目数量\n采购总金额\n政府集中采购\n\
             三、收到和处理政府信息公开申请情况\n"
        )
    }

    #[test]
    fn figures_before_or_after_each_label_are_its_row() {
        let figures_first = page(
            "8\n-2\n5\n行政许可\n15\n3\n126\n其他对外管理服务事项\n",
            "4\n0\n6\n行政处罚\n1\n0\n1\n行政强制\n",
        );
        let labels_first = page(
            "行政许可\n8\n-2\n5\n其他对外管理服务事项\n15\n3\n126\n",
            "行政处罚\n4\n0\n6\n行政强制\n1\n0\n1\n",
        );
        for text in [figures_first, labels_first] {
            let r = read(&text);
            assert_eq!(get(&r, "active.licensing.last_year"), "8", "{text}");
            assert_eq!(get(&r, "active.licensing.change"), "-2", "{text}");
            assert_eq!(get(&r, "active.other_services.decisions"), "126", "{text}");
            assert_eq!(get(&r, "active.penalty.decisions"), "6", "{text}");
            assert_eq!(get(&r, "active.coercion.last_year"), "1", "{text}");
        }
    }

    #[test]
    fn a_part_whose_rows_do_not_each_show_their_cells_is_not_read() {
        // figures neither before nor after each label exactly its row's
        let r = read(&page(
            "8\n-2\n5\n行政许可\n15\n3\n126\n其他对外管理服务事项\n",
            "行政处罚\n4\n0\n6\n1\n0\n1\n行政强制\n",
        ));
        assert_eq!(get(&r, "active.licensing.last_year"), "8");
        assert_eq!(get(&r, "active.penalty.last_year"), "");
        assert_eq!(get(&r, "active.coercion.decisions"), "");
        // a row one figure short (a blank leaving no trace)
        let r = read(&page(
            "8\n5\n行政许可\n15\n3\n126\n其他对外管理服务事项\n",
            "4\n0\n6\n行政处罚\n1\n0\n1\n行政强制\n",
        ));
        assert_eq!(get(&r, "active.licensing.last_year"), "");
        assert_eq!(get(&r, "active.other_services.last_year"), "");
        assert_eq!(get(&r, "active.penalty.last_year"), "4");
    }

    #[test]
    fn a_part_read_labels_first_needs_every_row_whole() {
        // a row one figure short (a blank leaving no trace)
        let r = read(&page(
            "行政许可\n8\n5\n其他对外管理服务事项\n15\n3\n126\n",
            "行政处罚\n4\n0\n6\n行政强制\n1\n0\n1\n",
        ));
        assert_eq!(get(&r, "active.licensing.last_year"), "");
        assert_eq!(get(&r, "active.other_services.decisions"), "");
        assert_eq!(get(&r, "active.penalty.last_year"), "4");
        // a figure before the first label: figures may come first
        let r = read(&page(
            "行政许可\n8\n-2\n5\n其他对外管理服务事项\n15\n3\n126\n",
            "9\n行政处罚\n4\n0\n6\n行政强制\n1\n0\n1\n",
        ));
        assert_eq!(get(&r, "active.licensing.last_year"), "8");
        assert_eq!(get(&r, "active.penalty.last_year"), "");
        assert_eq!(get(&r, "active.coercion.decisions"), "");
    }

    #[test]
    fn figures_beside_a_label_read_labels_first_are_its_first() {
        let r = read(&page(
            "行政许可\n8\n-2\n5\n其他对外管理服务事项 15\n+3\n126\n",
            "行政处罚 4 0\n6\n行政强制\n1\n0\n1\n",
        ));
        assert_eq!(get(&r, "active.other_services.last_year"), "15");
        assert_eq!(get(&r, "active.other_services.change"), "3");
        assert_eq!(get(&r, "active.other_services.decisions"), "126");
        assert_eq!(get(&r, "active.penalty.change"), "0");
        assert_eq!(get(&r, "active.penalty.decisions"), "6");
        // a row the template does not have after the last one, with its own
        // figures after it
        let text = page(
            "行政许可\n8\n-2\n5\n其他对外管理服务事项\n15\n3\n126\n",
            "行政处罚\n4\n0\n6\n行政强制\n1\n0\n1\n",
        )
        .replace(
            "政府集中采购\n",
            "政府集中采购\n3\n57\n其他主动公开文件\n12\n12\n万元\n86\n",
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.procurement.items"), "3");
        assert_eq!(get(&r, "active.procurement.amount"), "57");
        // a page's footer between a label and the next is no figure of it
        let r = read(&page(
            "行政许可\n— 3 —\n其他对外管理服务事项 15 3 126\n",
            "行政处罚\n4\n0\n6\n行政强制\n1\n0\n1\n",
        ));
        assert_eq!(get(&r, "active.licensing.change"), "");
        assert_eq!(get(&r, "active.other_services.last_year"), "15");
        // a row then one figure short is not read, nor its part
        let r = read(&page(
            "行政许可\n8\n-2\n5\n其他对外管理服务事项 15\n126\n",
            "行政处罚\n4\n0\n6\n行政强制\n1\n0\n1\n",
        ));
        assert_eq!(get(&r, "active.licensing.last_year"), "");
        assert_eq!(get(&r, "active.other_services.last_year"), "");
        assert_eq!(get(&r, "active.penalty.last_year"), "4");
    }

    /// A 2021-edition section 二 read labels first whose last cells of
    /// 行政规范性文件 are `carried` after section 三's heading.
    fn carried(normative: &str, carried: &str) -> String {
        format!(
            "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
             第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n\
             规章\n2\n1\n15\n\n行政规范性文件\n{normative}\
             第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n2315\n\
             第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n412\n行政强制\n36\n\
             第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n87.5\n\
             三、收到和处理政府信息公开申请情况\n\n{carried}\n申请人情况\n自然人\n"
        )
    }

    #[test]
    fn a_last_row_carried_past_the_next_heading_takes_its_last_cells() {
        let r = read(&carried("9\n4\n", "37\n"));
        assert_eq!(get(&r, "active.regulations.issued"), "2");
        assert_eq!(get(&r, "active.regulations.in_force"), "15");
        assert_eq!(get(&r, "active.normative_documents.repealed"), "4");
        assert_eq!(get(&r, "active.normative_documents.in_force"), "37");
        // the figures there one too many, or a row short before the last
        for text in [
            carried("9\n4\n", "37\n5\n"),
            carried("9\n", "37\n"),
            carried("9\n4\n", "37\n数量\n"),
        ] {
            let r = read(&text);
            assert_eq!(get(&r, "active.normative_documents.in_force"), "", "{text}");
        }
    }

    #[test]
    fn a_header_printed_out_of_the_template_order_leaves_its_part() {
        let text = page(
            "行政许可\n8\n-2\n5\n其他对外管理服务事项\n15\n3\n126\n",
            "行政处罚\n4\n0\n6\n行政强制\n1\n0\n1\n",
        );
        // part (六)'s first two column labels swapped
        let six = text.find("第二十条第（六）项").unwrap();
        let swapped = format!(
            "{}{}",
            &text[..six],
            text[six..].replacen("上一年项目数量\n本年增/减", "本年增/减\n上一年项目数量", 1)
        );
        let r = read(&swapped);
        assert_eq!(get(&r, "active.licensing.last_year"), "8");
        assert_eq!(get(&r, "active.penalty.last_year"), "");
        assert_eq!(get(&r, "active.penalty.change"), "");
        assert_eq!(get(&r, "active.coercion.decisions"), "");
    }
}
