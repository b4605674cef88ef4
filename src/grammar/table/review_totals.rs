//! Section 四 in plain `pdftotext` text whose rows each show one figure,
//! right below their `总计` header.
//!
//! Plain `pdftotext` writes section 四 group by group: a group's label
//! (`行政复议`, `未经复议直接起诉`, `复议后起诉`), its column headers' pieces,
//! each column's cells in a block below its header, blank cells leaving no
//! line. The table has one data row per group, so a value in the block of a
//! header is that header's cell. A report that fills only the totals shows
//! each group as its headers and `总计`, `0`:
//!
//! ```text
//! groups := 行政复议 … 未经复议直接起诉 … 复议后起诉 …   each label a line of its own, once, in this order
//! group  := (header piece | blank line)* "总计" value (blank line | end)
//! read   := the group's one figure is the value right below its 总计: that row's 总计
//! ```
//!
//! A group that shows any other figure (a cell of another column, or a
//! second value below `总计`), or whose row has a cell read already, is left
//! to the other readers.

use super::reading_order::table_figures;
use crate::grammar::Ctx;
use crate::grammar::label::compact;
use crate::grammar::tokens::line_list;
use crate::model::{
    Cell, DiagnosticKind, Level, ReviewColumn, ReviewRow, ReviewTable, Span, Value,
};
use crate::normalize::Norm;

/// The groups' labels as plain `pdftotext` prints them, with their rows.
const GROUPS: [(&str, ReviewRow); 3] = [
    ("行政复议", ReviewRow::Reconsideration),
    ("未经复议直接起诉", ReviewRow::LitigationDirect),
    ("复议后起诉", ReviewRow::LitigationAfterReconsideration),
];

/// Reads the 总计 of each of section 四's groups in `region` that shows
/// one figure, right below its `总计` header (see the module
/// documentation). Returns how many cells were filled.
pub(crate) fn read_review_totals(
    ctx: &mut Ctx<'_>,
    table: &mut ReviewTable,
    region: Norm,
    skip: &[Span],
) -> usize {
    let doc = ctx.doc;
    let all: Vec<(usize, usize)> = line_list(doc, region.start, region.end);
    let at = |label: &str| -> Vec<usize> {
        (0..all.len())
            .filter(|&i| compact(&doc[all[i].0..all[i].1]) == label)
            .collect()
    };
    let mut starts = Vec::new();
    for (label, _) in GROUPS {
        match at(label)[..] {
            [i] => starts.push(i),
            _ => return 0,
        }
    }
    if !starts.windows(2).all(|w| w[0] < w[1]) {
        return 0;
    }
    let mut filled = 0;
    for (k, &(_, row)) in GROUPS.iter().enumerate() {
        let first = starts[k] + 1;
        let last = starts.get(k + 1).copied().unwrap_or(all.len());
        let open = table.row(row).is_some_and(|r| {
            r.cells
                .iter()
                .all(|(_, c)| c.span.is_none() && c.value.is_blank())
        });
        if !open || first >= last {
            continue;
        }
        let part = (all[first].0, all[last - 1].1);
        let found = table_figures(ctx, Norm::new(part.0, part.1), 2, skip);
        let [figure] = found[..] else {
            continue;
        };
        // the figure is the whole line after a line `总计`, and the block
        // ends there
        let Some(i) = (first..last).find(|&i| all[i].0 <= figure.start && figure.end <= all[i].1)
        else {
            continue;
        };
        let (s, e) = all[i];
        let whole = compact(&doc[s..e]) == compact(&doc[figure.start..figure.end]);
        let below_total = i > first && compact(&doc[all[i - 1].0..all[i - 1].1]) == "总计";
        let ends = i + 1 == last || doc[all[i + 1].0..all[i + 1].1].trim().is_empty();
        let Some(count) = figure.scalar.count() else {
            continue;
        };
        if !(whole && below_total && ends) {
            continue;
        }
        if let Some(cell) = table.cell_mut(row, ReviewColumn::Total) {
            *cell = Cell {
                value: Value::Count(count),
                span: Some(ctx.span(figure.range())),
            };
            filled += 1;
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                format!(
                    "review_litigation.{row}: the group's one figure stands right below its `总计` header: it is the row's 总计, its other cells blank"
                ),
                Some(Norm::new(s, e)),
            );
        }
    }
    filled
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    /// A 2019-edition report whose section 四 shows `first` below the first
    /// group's `总计` and `0` below the others'.
    fn text(first: &str) -> String {
        format!(
            "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n\
             本年新制作数量\n本年新公开数量\n对外公开总数量\n规章\n规范性文件\n\n\
             四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\n结果维 结果纠\n持\n正\n\n其他结\n果\n\n\
             尚未审\n结\n\n总计\n{first}\n\n行政诉讼\n未经复议直接起诉\n结果维 结果纠\n持\n正\n\n其他结\n果\n\n尚未审\n结\n\n\
             总计\n0\n\n复议后起诉\n结果维 结果纠\n持\n正\n\n其他结\n果\n\n尚未审\n结\n\n总计\n0\n\n\
             五、存在的主要问题及改进情况\n"
        )
    }

    #[test]
    fn a_lone_figure_below_a_groups_total_is_its_total() {
        let r = read(&text("3"));
        assert_eq!(get(&r, "review_litigation.reconsideration.total"), "3");
        assert_eq!(get(&r, "review_litigation.reconsideration.upheld"), "");
        assert_eq!(get(&r, "review_litigation.litigation_direct.total"), "0");
        assert_eq!(
            get(
                &r,
                "review_litigation.litigation_after_reconsideration.total"
            ),
            "0"
        );
    }

    #[test]
    fn a_group_with_another_figure_is_not_read() {
        // two values below 总计: which is whose is not known
        let r = read(&text("3\n1"));
        assert_eq!(get(&r, "review_litigation.reconsideration.total"), "");
        assert_eq!(get(&r, "review_litigation.litigation_direct.total"), "0");
    }
}
