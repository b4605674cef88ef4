//! Section 三's `总计` column in plain `pdftotext` text, written as one block
//! right below its header.
//!
//! Plain `pdftotext` writes a column's cells as a block of lines below the
//! column's header, top to bottom, blank cells leaving no line. A report
//! that fills only the `总计` column (its applicant columns blank) shows that
//! column so, page by page: the header, then a value a line for the rows of
//! the header's page (`总计`, `0`, `0`, … nineteen times, and the rows of the
//! next page elsewhere). When the block holds exactly as many values as the
//! page has rows, each row's cell holds one of them, in the rows' order:
//!
//! ```text
//! block := "总计" value{n}         (lines in a row: no blank line, no page break)
//! rows  := the rows a…b of the header's page: every row with its label on
//!          that page is among them, rows a−1 and b+1 (where the table has
//!          them) have their labels on other pages
//! read  := n = b − a + 1: the 总计 of row a + i is the block's value i
//! ```
//!
//! A row whose label was not found lies on the page when rows on both sides
//! of it do (the rows are printed in the template's order), so it counts;
//! one at either end of the page could be on the next page, and nothing is
//! read. A block one value short (a blank cell) or long leaves the column
//! unread, and so does a page whose `总计` cells another reader has read
//! in part, or a block that breaks the table's sums where the column shows
//! every term of one.

use super::reading_order::{Figure, table_figures};
use crate::grammar::Ctx;
use crate::grammar::label::{compact, compacts_to};
use crate::grammar::tokens::line_list;
use crate::model::{ApplicantColumn, ApplicationsTable, Cell, DiagnosticKind, Level, Span, Value};
use crate::normalize::Norm;

/// The header of section 三's `总计` column.
const TOTAL: &str = "总计";

/// Reads section 三's `总计` column from the blocks below its header in
/// `region` (see the module documentation). Returns how many cells were
/// filled.
pub(crate) fn read_total_column(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    region: Norm,
    skip: &[Span],
) -> usize {
    let doc = ctx.doc;
    let all: Vec<(usize, usize)> = line_list(doc, region.start, region.end);
    let mut filled = 0;
    for (i, &(s, e)) in all.iter().enumerate() {
        if !compacts_to(&doc[s..e], TOTAL) {
            continue;
        }
        let block = block_below(ctx, &all[i + 1..], skip);
        if block.is_empty() {
            continue;
        }
        let (page_start, page_end) = page_around(doc, s);
        let page = (
            ctx.span(Norm::new(page_start, page_start)).start,
            ctx.span(Norm::new(page_end, page_end)).start,
        );
        let header = ctx.span(Norm::new(s, e));
        let Some((a, b)) = rows_on_page(table, page, header) else {
            continue;
        };
        let column = ApplicantColumn::Total;
        let unread = |row: usize| {
            table.rows[row]
                .cells
                .iter()
                .any(|(c, cell)| *c == column && cell.span.is_none() && cell.value.is_blank())
        };
        // a column read in part by another reader is left to it
        if !(a..=b).all(unread) {
            continue;
        }
        if block.len() != b - a + 1 {
            ctx.diag(
                Level::Warning,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "applications: {} values stand below this `总计` header for the {} rows of its page: which rows they are is not known",
                    block.len(),
                    b - a + 1
                ),
                Some(Norm::new(s, e)),
            );
            continue;
        }
        let cells: Vec<(usize, Cell)> = (a..=b)
            .zip(&block)
            .map(|(row, (f, v))| {
                let cell = Cell {
                    value: Value::Count(*v),
                    span: Some(ctx.span(f.range())),
                };
                (row, cell)
            })
            .collect();
        let clash = cells.iter().any(|(row, cell)| {
            table.rows[*row]
                .cells
                .iter()
                .find(|(c, _)| *c == column)
                .is_some_and(|(_, old)| !old.value.is_blank() && old.value != cell.value)
        });
        if clash || !sums_hold(table, &cells) {
            continue;
        }
        let before = filled;
        for (row, cell) in cells {
            if let Some((_, old)) = table.rows[row].cells.iter_mut().find(|(c, _)| *c == column)
                && old.value.is_blank()
                && old.span.is_none()
            {
                *old = cell;
                filled += 1;
            }
        }
        if filled == before {
            continue;
        }
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowRealigned,
            format!(
                "applications: the `总计` column of the {} rows of this page is read from the block below its header, one value per row",
                b - a + 1
            ),
            Some(Norm::new(s, e)),
        );
    }
    filled
}

/// Whether the `总计` column, with `cells` (row indices and cells) put in,
/// keeps the table's sums where it shows every term of one: the outcome rows
/// sum to (七)总计, and 一 + 二 = (七)总计 + 四.
fn sums_hold(table: &ApplicationsTable, cells: &[(usize, Cell)]) -> bool {
    use crate::model::ApplicationRow as R;
    let column = ApplicantColumn::Total;
    let value = |i: usize| -> Option<u64> {
        let cell = cells
            .iter()
            .find(|(row, _)| *row == i)
            .map(|(_, c)| c)
            .or_else(|| {
                table.rows[i]
                    .cells
                    .iter()
                    .find(|(c, _)| *c == column)
                    .map(|(_, c)| c)
            })?;
        match cell.value {
            Value::Count(v) => Some(v),
            _ => None,
        }
    };
    let of = |key: R| table.rows.iter().position(|r| r.key == key).and_then(value);
    let outcomes: Option<u64> = (0..table.rows.len())
        .filter(|&i| table.rows[i].key.is_outcome())
        .map(value)
        .sum();
    let total = of(R::OutcomeTotal);
    let kept = match (outcomes, total) {
        (Some(o), Some(t)) => o == t,
        _ => true,
    };
    let balanced = match (
        of(R::NewRequests),
        of(R::CarriedOver),
        total,
        of(R::CarriedForward),
    ) {
        (Some(n), Some(c), Some(t), Some(f)) => n + c == t + f,
        _ => true,
    };
    kept && balanced
}

/// The counts on the lines right after a header, `rest` being the lines
/// after it, up to a line that is no lone value, a blank line or a new
/// page: each with its figure.
fn block_below(ctx: &Ctx<'_>, rest: &[(usize, usize)], skip: &[Span]) -> Vec<(Figure, u64)> {
    let doc = ctx.doc;
    let mut out = Vec::new();
    for &(s, e) in rest {
        let line = &doc[s..e];
        if line.starts_with('\u{c}') || line.trim().is_empty() {
            break;
        }
        let found = table_figures(ctx, Norm::new(s, e), 2, skip);
        let [figure] = found[..] else {
            break;
        };
        if compact(line) != compact(&doc[figure.start..figure.end]) {
            break;
        }
        let Some(count) = figure.scalar.count() else {
            break;
        };
        out.push((figure, count));
    }
    out
}

/// The page of `doc` around byte `at`: from after the form feed before it
/// (or the start) to the next form feed (or the end).
fn page_around(doc: &str, at: usize) -> (usize, usize) {
    let start = doc[..at].rfind('\u{c}').map_or(0, |i| i + 1);
    let end = doc[at..].find('\u{c}').map_or(doc.len(), |i| at + i);
    (start, end)
}

/// The first and last row (indices into `table.rows`, the template's order)
/// on the page whose original text is `page`, when they are certain: every
/// row with its label on the page lies between them, no row between them
/// has its label elsewhere, and the rows just outside them have their
/// labels on other pages. The header (`header`, its original span) is no
/// row's label, though the rows' scan may have taken it for (七)总计's.
fn rows_on_page(
    table: &ApplicationsTable,
    (start, end): (usize, usize),
    header: Span,
) -> Option<(usize, usize)> {
    let on: Vec<Option<bool>> = table
        .rows
        .iter()
        .map(|r| {
            let label = r
                .label_span
                .filter(|l| l.start >= header.end || l.end <= header.start)?;
            Some(label.start >= start && label.start < end)
        })
        .collect();
    let a = on.iter().position(|o| *o == Some(true))?;
    let b = on.iter().rposition(|o| *o == Some(true))?;
    let inside = on[a..=b].iter().all(|o| *o != Some(false));
    let before = a == 0 || on[a - 1] == Some(false);
    let after = b + 1 == on.len() || on[b + 1] == Some(false);
    (inside && before && after).then_some((a, b))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    /// Section 三 (2020, the edition of 2019) in plain `pdftotext` text: the labels,
    /// the headers, then `总计` and its `values` for the first page's rows
    /// (一 to (五)4), a page break, the last four rows' labels and `tail`.
    fn text(values: &str, tail: &str) -> String {
        format!(
            "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n\
             本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n规范性文件\n\n三、收到和处理政府信息公开申请情况\n\
             一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n三、本年度办 （一）予以公开\n理结果\n\
             （二）部分公开（区分处理的，\n只计这一情形，不计其他情形）\n（三）不予公 1.属于国家\n开\n秘密\n\
             2.其他法律行政法规禁止公开\n3.危及“三安全一稳定”\n4.保护第三方合法权益\n5.属于三类内部事务信息\n\
             6.属于四类过程性信息\n7.属于行政执法案卷\n8.属于行政查询事项\n（四）无法提 1.本机关不\n供\n掌握相关政府信息\n\
             2.没有现成信息需要另行制作\n3.补正后申请内容仍不明确\n（五）不予处 1.信访举报\n理\n投诉类申请\n2.重复申请\n\
             3.要求提供公开出版物\n4.无正当理由大量反复申请\n\n申请人情况\n自然人\n\n法人或其他组织\n商业\n科研\n企业\n机构\n\n\
             社会公\n益组织\n\n法律服\n务机构\n\n其他\n\n总计\n{values}\n\u{c}（六）其他处理\n（七）总计\n四、结转下年度继续办理\n\n\
             5.要求行政机关确认或重新出具已获取信息\n\n{tail}\n\n四、政府信息公开行政复议、行政诉讼情况\n"
        )
    }

    #[test]
    fn a_block_of_a_value_per_row_of_the_page_is_the_total_column() {
        let values: Vec<String> = (1..=19).map(|v| v.to_string()).collect();
        let r = read(&text(&values.join("\n"), "0\n\n0\n0\n0"));
        assert_eq!(get(&r, "applications.new_requests.total"), "1");
        assert_eq!(get(&r, "applications.carried_over.total"), "2");
        assert_eq!(get(&r, "applications.granted.total"), "3");
        assert_eq!(get(&r, "applications.denied_state_secret.total"), "5");
        assert_eq!(get(&r, "applications.rejected_excessive.total"), "19");
        // the next page's rows, whose figures stand without a header, and the
        // blank applicant columns stay blank
        assert_eq!(get(&r, "applications.rejected_confirmation.total"), "");
        assert_eq!(get(&r, "applications.carried_forward.total"), "");
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "");
    }

    /// The text with the whole table on one page, its `总计` column being
    /// 一 = `first`, 二 = 0, (一)予以公开 = 1, (七)总计 = 1, 四 = 0, the rest 0.
    fn one_page(first: u64) -> String {
        let values: Vec<String> = (0..23)
            .map(|i| match i {
                0 => first,
                2 | 21 => 1,
                _ => 0,
            })
            .map(|v| v.to_string())
            .collect();
        text(&values.join("\n"), "").replace('\u{c}', "")
    }

    #[test]
    fn a_block_that_keeps_the_sums_is_read() {
        let r = read(&one_page(1));
        assert_eq!(get(&r, "applications.new_requests.total"), "1");
        assert_eq!(get(&r, "applications.outcome_total.total"), "1");
        assert_eq!(get(&r, "applications.carried_forward.total"), "0");
    }

    #[test]
    fn a_block_that_breaks_the_sums_is_not_read() {
        // 一 + 二 = 2 but (七)总计 + 四 = 1
        let r = read(&one_page(2));
        assert_eq!(get(&r, "applications.new_requests.total"), "");
        assert_eq!(get(&r, "applications.outcome_total.total"), "");
    }

    #[test]
    fn a_block_one_value_short_is_not_read() {
        let values: Vec<String> = (1..=18).map(|v| v.to_string()).collect();
        let r = read(&text(&values.join("\n"), "0\n\n0\n0\n0"));
        assert_eq!(get(&r, "applications.new_requests.total"), "");
        assert_eq!(get(&r, "applications.rejected_excessive.total"), "");
    }

    #[test]
    fn a_block_broken_by_a_blank_line_is_not_read() {
        let values: Vec<String> = (1..=19).map(|v| v.to_string()).collect();
        let joined = format!("{}\n\n{}", values[..2].join("\n"), values[2..].join("\n"));
        let r = read(&text(&joined, "0\n\n0\n0\n0"));
        assert_eq!(get(&r, "applications.new_requests.total"), "");
    }
}
