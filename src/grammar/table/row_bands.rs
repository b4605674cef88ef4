//! Sections 三 and 四 in plain `pdftotext` text whose labels come first and
//! whose figures follow in bands of rows.
//!
//! From a PDF LibreOffice made of a table, plain `pdftotext` can write all of
//! section 三's row labels first and then every figure of the table in the
//! order of its rows: a row's seven cells in turn, or for a few rows printed
//! together, column by column (the first column of each of the rows, then the
//! second, …). Header words come between them and are no figures:
//!
//! ```text
//! 82  29  23  社会公 益组织  22  法律服 务机构  27  其他  40  223     row 一
//! 5  2  1  1  1  1  11                                           row 二
//! …
//! 10  85  2   0  29  2   …   18  225  9      (六)3, (七)总计, 四 column by column
//! ```
//!
//! The figures are read as the template's rows, in its order, only when that
//! reading is certain:
//!
//! ```text
//! stream  := the figures of section 三's text (words that read whole as values), in order
//! band(k) := figure{7k}: k rows, one after another (k = 1) or column by column
//! table   := band(k₁) band(k₂) … covering every row of the edition, k ≤ MOST_BAND_ROWS
//! kept    := each row's six applicant cells sum to its 总计, and per column
//!            Σ outcome rows = (七)总计 and 一 + 二 = (七)总计 + 四
//! read    := every kept cut gives each cell the same figure (most often
//!            there is one kept cut; rows of zeros cut many ways alike)
//! ```
//!
//! A blank cell leaves no figure, and a blank mark (`/`) is no count: either
//! makes the cut fail (a row then takes a figure of the next, which its total
//! does not allow, or the column sums break). Two cells of one row read in
//! each other's place break both their columns' sums unless they hold the
//! same figure. The columns are taken in the template's order, so a header
//! that prints them in another order leaves the table to the row readers
//! (see `labels_in_order` in [`super::reading_order`]).
//! Figures after the table's last band (section 四's, which plain text puts
//! among section 三's) are left to their own table. A cell read already
//! must hold the figure the bands give it, or nothing is read.
//!
//! Section 四's fifteen cells are read the same way when its text shows
//! exactly fifteen figures, its three rows each checked by its 总计 (see
//! [`read_review_bands`]).

use super::reading_order::{Figure, table_figures};
use crate::grammar::Ctx;
use crate::model::{
    ApplicantColumn, ApplicationRow, ApplicationsTable, Cell, DiagnosticKind, Edition, Level,
    ReviewColumn, ReviewRow, ReviewTable, Span, Table, Value,
};
use crate::normalize::Norm;

/// The most rows a band prints column by column.
pub(super) const MOST_BAND_ROWS: usize = 4;

/// The columns of section 三: six applicant columns and their 总计.
const COLUMNS: usize = 7;

/// The rows a band of `k` rows of `columns` cells starting at row `first`
/// gives, as indices into the stream: a row's cells in turn (k = 1) or
/// column by column.
fn band_rows(first: usize, k: usize, columns: usize) -> Vec<Vec<usize>> {
    let start = first * columns;
    (0..k)
        .map(|r| (0..columns).map(|c| start + c * k + r).collect())
        .collect()
}

/// Whether a row's cells before its last sum to the last (its 总计).
pub(super) fn row_holds(values: &[u64], row: &[usize]) -> bool {
    let Some((total, parts)) = row.split_last() else {
        return false;
    };
    parts.iter().map(|&i| values[i]).sum::<u64>() == values[*total]
}

/// The most cuts into bands looked at: more leave the table blank.
pub(super) const MOST_CUTS: usize = 16;

/// Every way of cutting `values` into bands of rows of `columns` cells
/// covering `rows` rows whose rows each hold (their totals are the sums of
/// their parts), at most [`MOST_CUTS`] + 1. Each way is the stream indices of
/// each row's cells.
///
/// ```text
/// cuts(r) := ε                      when r = rows
///          | band(k) at r, cuts(r + k)   for k in 1..=MOST_BAND_ROWS
/// ```
fn cuts(values: &[u64], rows: usize, columns: usize) -> Vec<Vec<Vec<usize>>> {
    if values.len() < rows * columns {
        return Vec::new();
    }
    // ways[r]: the cuts of rows r.., from the last row back
    let mut ways: Vec<Vec<Vec<Vec<usize>>>> = vec![Vec::new(); rows + 1];
    ways[rows].push(Vec::new());
    for r in (0..rows).rev() {
        let mut found = Vec::new();
        for k in 1..=MOST_BAND_ROWS.min(rows - r) {
            let band = band_rows(r, k, columns);
            if !band.iter().all(|row| row_holds(values, row)) {
                continue;
            }
            for rest in ways[r + k].iter().take(MOST_CUTS + 1 - found.len()) {
                let mut way = band.clone();
                way.extend(rest.iter().cloned());
                found.push(way);
            }
        }
        ways[r] = found;
    }
    std::mem::take(&mut ways[0])
}

/// The cut to read, when every one of `ways` (at most [`MOST_CUTS`]) gives
/// each cell the same figure.
pub(super) fn agreed<'w>(
    values: &[u64],
    ways: &'w [Vec<Vec<usize>>],
) -> Option<&'w Vec<Vec<usize>>> {
    let (first, rest) = ways.split_first()?;
    let figures =
        |way: &Vec<Vec<usize>>| -> Vec<u64> { way.iter().flatten().map(|&i| values[i]).collect() };
    let want = figures(first);
    (ways.len() <= MOST_CUTS && rest.iter().all(|w| figures(w) == want)).then_some(first)
}

/// Whether the columns of a cut hold: per column, the outcome rows sum to
/// (七)总计, and 一 + 二 = (七)总计 + 四.
pub(super) fn columns_hold(values: &[u64], way: &[Vec<usize>], edition: Edition) -> bool {
    use ApplicationRow as R;
    let order = R::rows(edition);
    let at = |row: R, c: usize| -> Option<u64> {
        let i = order.iter().position(|&r| r == row)?;
        Some(values[way.get(i)?[c]])
    };
    (0..COLUMNS).all(|c| {
        let outcomes: Option<u64> = order
            .iter()
            .filter(|r| r.is_outcome())
            .map(|&r| at(r, c))
            .sum();
        let (Some(outcomes), Some(total), Some(new), Some(carried), Some(forward)) = (
            outcomes,
            at(R::OutcomeTotal, c),
            at(R::NewRequests, c),
            at(R::CarriedOver, c),
            at(R::CarriedForward, c),
        ) else {
            return false;
        };
        outcomes == total && new + carried == total + forward
    })
}

/// The counts of a stream of figures, as long as they are counts (whole,
/// unsigned, without a unit); the first other figure ends it.
pub(super) fn counts(figures: &[Figure]) -> Vec<u64> {
    figures.iter().map_while(|f| f.scalar.count()).collect()
}

/// Fills `table` (as [`fill`]) by the cut every one of `ways` agrees on
/// (see [`agreed`]) and notes `message` at `region`. Returns whether the
/// table was filled.
pub(super) fn fill_agreed<R: Copy + PartialEq, C: Copy + PartialEq + 'static>(
    ctx: &mut Ctx<'_>,
    table: &mut Table<R, C>,
    shape: (&[R], &[C]),
    (found, values): (&[Figure], &[u64]),
    ways: &[Vec<Vec<usize>>],
    (message, region): (&str, Norm),
) -> bool {
    let Some(way) = agreed(values, ways) else {
        return false;
    };
    if !fill(ctx, table, shape, (found, values), way) {
        return false;
    }
    ctx.diag(
        Level::Info,
        DiagnosticKind::RowRealigned,
        message.into(),
        Some(region),
    );
    true
}

/// Fills `table`'s rows `rows` (in order) from the figures `found` (their
/// counts `values`) by the cut `way`, when every cell read already holds the
/// figure the cut gives it. Returns whether the table was filled.
pub(super) fn fill<R: Copy + PartialEq, C: Copy + PartialEq + 'static>(
    ctx: &Ctx<'_>,
    table: &mut Table<R, C>,
    (rows, columns): (&[R], &[C]),
    (found, values): (&[Figure], &[u64]),
    way: &[Vec<usize>],
) -> bool {
    let cells: Vec<(R, C, Cell)> = rows
        .iter()
        .zip(way)
        .flat_map(|(&r, idx)| columns.iter().zip(idx).map(move |(&c, &i)| (r, c, i)))
        .map(|(r, c, i)| {
            let cell = Cell {
                value: Value::Count(values[i]),
                span: Some(ctx.span(found[i].range())),
            };
            (r, c, cell)
        })
        .collect();
    if cells.iter().any(|(r, c, cell)| {
        table
            .cell(*r, *c)
            .is_some_and(|old| !old.value.is_blank() && old.value != cell.value)
    }) {
        return false;
    }
    for (r, c, cell) in cells {
        if let Some(old) = table.cell_mut(r, c)
            && old.value.is_blank()
        {
            *old = cell;
        }
    }
    true
}

/// Reads section 三 from the figures of `region` cut into bands of rows, when
/// the cuts that hold all give each cell the same figure (see the module
/// documentation). Returns whether the table was read.
pub(crate) fn read_row_bands(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    edition: Edition,
    region: Norm,
    skip: &[Span],
) -> bool {
    let rows = ApplicationRow::rows(edition);
    let found = table_figures(ctx, region, rows.len() * COLUMNS, skip);
    let values = counts(&found);
    let ways: Vec<_> = cuts(&values, rows.len(), COLUMNS)
        .into_iter()
        .filter(|way| columns_hold(&values, way, edition))
        .collect();
    fill_agreed(
        ctx,
        table,
        (rows, ApplicantColumn::ALL),
        (&found, &values),
        &ways,
        (
            "applications: the rows' figures follow their labels as bands of rows, each row's cells in turn or a few rows column by column; every cut into bands that keeps every row's and every column's sums gives each cell the same figure, and it is read",
            region,
        ),
    )
}

/// The rows of section 三 (of `edition`) whose label `region` shows: found
/// by the scan, or one of its forms standing in the region's text once its
/// white space is taken out (a label wrapped over a dozen lines of three
/// characters, `2.申请` / `人逾期` / …, is no label the scan takes).
fn shown_rows(
    ctx: &Ctx<'_>,
    table: &ApplicationsTable,
    edition: Edition,
    region: Norm,
) -> Vec<bool> {
    let text = crate::grammar::label::compact(&ctx.doc[region.start..region.end]);
    ApplicationRow::rows(edition)
        .iter()
        .map(|&row| {
            table.row(row).is_some_and(|r| r.label_span.is_some())
                || crate::template::application_row(row)
                    .label
                    .forms
                    .iter()
                    .any(|f| text.contains(&crate::grammar::label::compact(f)))
        })
        .collect()
}

/// Reads section 三 when its text shows only its last rows' labels (a PDF
/// that lost the rows before them) and their figures follow as bands of
/// rows: cut as [`read_row_bands`] does, each row's six applicant cells
/// summing to its 总计, and per column the outcome rows shown at most
/// (七)总计. The rows not shown stay blank.
///
/// ```text
/// tail   := the rows from the first whose label the text shows to the last, each
///           shown, no row before them shown (found, or a form in the compacted text),
///           at most half the table's rows
/// stream := the first 7 × |tail| figures of section 三's text, all counts
/// kept   := cuts of stream into band(k)… of the tail's rows whose rows hold, and per
///           column Σ the tail's outcome rows ≤ (七)总计
/// read   := every kept cut gives each cell the same figure
/// ```
///
/// Without the rows before, the column sums that check a cut of the whole
/// table cannot be formed; the row sums alone must leave one reading.
pub(crate) fn read_tail_bands(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    edition: Edition,
    region: Norm,
    skip: &[Span],
) -> bool {
    let rows = ApplicationRow::rows(edition);
    let shown = shown_rows(ctx, table, edition, region);
    let Some(first) = shown.iter().position(|&s| s) else {
        return false;
    };
    let tail = &rows[first..];
    // a lost label line leaves the rows around it shown: the tail of a PDF
    // that lost rows is the table's smaller part
    if first == 0
        || tail.len() < 2
        || tail.len() * 2 > rows.len()
        || !shown[first..].iter().all(|&s| s)
    {
        return false;
    }
    let open = tail.iter().any(|&r| {
        table
            .row(r)
            .is_some_and(|row| row.cells.iter().any(|(_, c)| c.span.is_none()))
    });
    if !open {
        return false; // the rows not shown are the only ones open
    }
    let cells = tail.len() * COLUMNS;
    let found = table_figures(ctx, region, cells, skip);
    let values = counts(&found);
    if values.len() < cells {
        return false;
    }
    let total_at = tail.iter().position(|&r| r == ApplicationRow::OutcomeTotal);
    let outcomes: Vec<usize> = (0..tail.len()).filter(|&i| tail[i].is_outcome()).collect();
    let ways: Vec<_> = cuts(&values, tail.len(), COLUMNS)
        .into_iter()
        .filter(|way| {
            total_at.is_none_or(|t| {
                (0..COLUMNS).all(|c| {
                    outcomes.iter().map(|&i| values[way[i][c]]).sum::<u64>() <= values[way[t][c]]
                })
            })
        })
        .collect();
    fill_agreed(
        ctx,
        table,
        (tail, ApplicantColumn::ALL),
        (&found, &values),
        &ways,
        (
            "applications: the text shows only the table's last rows, their figures after their labels as bands of rows; every cut into bands that keeps every row's sum gives each cell the same figure, and it is read (the rows not shown stay blank)",
            region,
        ),
    )
}

/// Reads section 四 from the figures of `region` when they are exactly its
/// fifteen cells, cut into bands of its three rows (行政复议, 未经复议直接起诉,
/// 复议后起诉) each of whose 总计 is the sum of its other four cells, every
/// such cut giving each cell the same figure.
///
/// ```text
/// review := figure{15} cut into band(k)… of rows of five, each row's 总计 = Σ the other four
/// ```
pub(crate) fn read_review_bands(
    ctx: &mut Ctx<'_>,
    table: &mut ReviewTable,
    region: Norm,
    skip: &[Span],
) -> bool {
    let (rows, columns) = (ReviewRow::ALL, ReviewColumn::ALL);
    let found = table_figures(ctx, region, rows.len() * columns.len() + 1, skip);
    let values = counts(&found);
    if found.len() != rows.len() * columns.len() || values.len() != found.len() {
        return false;
    }
    let ways = cuts(&values, rows.len(), columns.len());
    fill_agreed(
        ctx,
        table,
        (rows, columns),
        (&found, &values),
        &ways,
        (
            "review_litigation: the table's fifteen figures stand apart from its labels; read in their order as its three rows, whose totals are the sums of their other cells",
            region,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};
    use super::{COLUMNS, agreed, band_rows, cuts};

    #[test]
    fn a_band_of_rows_is_read_column_by_column() {
        assert_eq!(band_rows(0, 1, COLUMNS), vec![vec![0, 1, 2, 3, 4, 5, 6]]);
        let two = band_rows(1, 2, COLUMNS);
        assert_eq!(two[0], vec![7, 9, 11, 13, 15, 17, 19]);
        assert_eq!(two[1], vec![8, 10, 12, 14, 16, 18, 20]);
    }

    #[test]
    fn the_stream_is_cut_where_the_totals_hold() {
        // row 1 = 1 2 0 0 0 0 3, then rows 2 and 3 column by column
        let values = [
            1, 2, 0, 0, 0, 0, 3, // one row
            4, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 4, 2, // two rows, column by column
        ];
        let ways = cuts(&values, 3, COLUMNS);
        assert_eq!(ways.len(), 1);
        assert_eq!(ways[0][1], vec![7, 9, 11, 13, 15, 17, 19]);
        // rows of zeros cut every way, each giving every cell 0
        let zeros = [0; 3 * COLUMNS];
        let ways = cuts(&zeros, 3, COLUMNS);
        assert_eq!(ways.len(), 4);
        assert!(agreed(&zeros, &ways).is_some());
        // a figure short: no cut
        assert!(cuts(&values[1..], 3, COLUMNS).is_empty());
    }

    /// Section 三 of the 2019 edition, labels first, then its figures: row
    /// `r` (0-based) holds `r + 1` in its first and last cells, except the
    /// outcome total and 四, which add up to the rest.
    fn applications(figures: &str) -> String {
        format!(
            "某局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n\
             一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n三、本年度办理结果\n（一）予以公开\n\
             （七）总计\n四、结转下年度继续办理\n{figures}\n四、政府信息公开行政复议、行政诉讼情况\n"
        )
    }

    /// Rows of the 2019 edition (23) whose sums hold: 一 = 20 in natural
    /// person, 二 = 1 in other org, each of the 19 outcome rows 1 in natural
    /// person, (七)总计 = 19, 四 = 1 natural person and 1 other org.
    fn rows_2019() -> Vec<[u64; 7]> {
        let mut rows = vec![[20, 0, 0, 0, 0, 0, 20], [0, 0, 0, 0, 0, 1, 1]];
        rows.extend(std::iter::repeat_n([1, 0, 0, 0, 0, 0, 1], 19));
        rows.push([19, 0, 0, 0, 0, 0, 19]);
        rows.push([1, 0, 0, 0, 0, 1, 2]);
        rows
    }

    fn stream(rows: &[[u64; 7]]) -> String {
        rows.iter()
            .flatten()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn figures_after_the_labels_are_read_row_by_row() {
        let r = read(&applications(&stream(&rows_2019())));
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "20");
        assert_eq!(get(&r, "applications.carried_over.other_org"), "1");
        assert_eq!(get(&r, "applications.outcome_total.total"), "19");
        assert_eq!(get(&r, "applications.carried_forward.total"), "2");
    }

    #[test]
    fn broken_column_sums_leave_the_table_blank() {
        let mut rows = rows_2019();
        // two cells of a row in each other's place: the row still sums
        rows[0] = [0, 20, 0, 0, 0, 0, 20];
        let r = read(&applications(&stream(&rows)));
        assert_eq!(
            get(&r, "applications.new_requests.commercial_enterprise"),
            ""
        );
        assert_eq!(get(&r, "applications.carried_forward.total"), "");
    }

    #[test]
    fn cuts_that_give_other_figures_leave_the_table_blank() {
        // 0 1 1 / 2 1 3 as rows, or 0 1 1 / 1 2 3 column by column
        let values = [0, 1, 1, 2, 1, 3];
        let ways = cuts(&values, 2, 3);
        assert_eq!(ways.len(), 2);
        assert!(agreed(&values, &ways).is_none());
    }

    #[test]
    fn section_four_apart_from_its_labels_is_read_in_order() {
        let text = "某局2020年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n\
            结 结 其 尚 总\n果 果 他 未 计\n1 0 1 0 2 1 1 0 0 2 0 0 0 1 1\n五、存在的主要问题及改进情况\n无。\n";
        let r = read(text);
        assert_eq!(get(&r, "review_litigation.reconsideration.upheld"), "1");
        assert_eq!(get(&r, "review_litigation.reconsideration.total"), "2");
        assert_eq!(
            get(&r, "review_litigation.litigation_direct.corrected"),
            "1"
        );
        assert_eq!(
            get(
                &r,
                "review_litigation.litigation_after_reconsideration.total"
            ),
            "1"
        );
        // a figure more: which are the table's is unknown
        let r = read(&text.replace(" 1 1\n五", " 1 1 3\n五"));
        assert_eq!(get(&r, "review_litigation.reconsideration.upheld"), "");
    }

    /// Section 三 of the 2021 edition showing only its last four rows'
    /// labels (the first wrapped over many lines), then `figures`.
    fn last_rows(figures: &str) -> String {
        format!(
            "某局2021年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n\
             2.申请\n人逾期\n未按收\n费通知\n要求缴\n纳费\n用、行\n政机关\n不再处\n理其政\n府信息\n公开申\n请\n\
             3.其他\n（七）总计\n四、结转下年度继续办理\n\n{figures}\n四、政府信息公开行政复议、行政诉讼情况\n"
        )
    }

    /// The last four rows' figures: the first row's cells in turn, the
    /// other three column by column.
    const LAST_ROWS: &str = "2\n0\n1\n0\n0\n2\n5\n1\n134\n3\n3\n46\n2\n3\n38\n2\n2\n21\n1\n1\n37\n2\n3\n51\n1\n13\n327\n11";

    #[test]
    fn the_last_rows_alone_are_read_where_their_sums_cut_them_one_way() {
        let r = read(&last_rows(LAST_ROWS));
        assert_eq!(get(&r, "applications.other_unpaid_fee.natural_person"), "2");
        assert_eq!(get(&r, "applications.other_unpaid_fee.total"), "5");
        assert_eq!(
            get(&r, "applications.other_misc.commercial_enterprise"),
            "3"
        );
        assert_eq!(get(&r, "applications.outcome_total.total"), "327");
        assert_eq!(get(&r, "applications.carried_forward.other_org"), "1");
        // the rows not shown stay blank
        assert_eq!(get(&r, "applications.new_requests.total"), "");
    }

    #[test]
    fn the_last_rows_are_not_read_when_a_row_before_them_is_shown() {
        let text = last_rows(LAST_ROWS).replace("申请人情况\n", "申请人情况\n（一）予以公开\n");
        let r = read(&text);
        assert_eq!(get(&r, "applications.other_unpaid_fee.natural_person"), "");
        // nor when a row's sum breaks
        let r = read(&last_rows(&LAST_ROWS.replacen("\n5\n", "\n6\n", 1)));
        assert_eq!(get(&r, "applications.other_unpaid_fee.natural_person"), "");
    }

    #[test]
    fn a_missing_figure_leaves_the_table_blank() {
        let mut rows = rows_2019();
        rows.pop();
        let text = format!("{}\n1\n0\n0\n0\n0\n2", stream(&rows));
        let r = read(&applications(&text));
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "");
    }
}
