//! Section 三 in plain `pdftotext` text of a web page printed to PDF, whose
//! rows show their first cells on their label's line and the rest further on.
//!
//! Chromium's PDF of a page keeps a row's label and its first cells on one
//! line of text; the cells of the right-hand columns, and whole rows whose
//! labels wrap over many lines, come later, as blocks of figures: for a few
//! rows, column by column (`其他` of each, then `总计` of each), or row by row:
//!
//! ```text
//! 一、本年新收政府信 101 25 21 18 22        the first five cells of row 一
//! 二、上年结转政府信 6 2 1 1 1              … of row 二
//! …
//! 35 1 5 4 222 12 26 15                    其他 and 总计 of 一, 二, (一), (二)
//! 1 10 2 12 …                              其他 and 总计 of (三)1, (三)2, …
//! 6 1 1 1 0 1 10 …                         rows shown whole, one after another
//! 5.要 5 2 1 1 1 1 11                       a row whole on its label's line
//! ```
//!
//! The figures are read as the template's rows only when that is certain:
//!
//! ```text
//! head(r)  := the figures on the line where row r's label starts, r's first
//!             columns; for rows whose labels the scan could not tell, the
//!             other lines of label text with figures, each to one of the rows
//!             not found between the same two found rows, in order (every
//!             such choice is tried)
//! tail(r)  := the 7 − |head(r)| cells left of row r (rows read already have none)
//! rest     := the other figures of section 三's text, in order
//! band(k)  := the tails of k rows in turn, each as long as the others,
//!             column by column (k = 1: one row's tail)
//! table    := band(k₁) band(k₂) … covering the rows with a tail, in template
//!             order, and all of rest (k ≤ MOST_BAND_ROWS)
//! kept     := each row's six applicant cells sum to its 总计, and per column
//!             Σ outcome rows = (七)总计 and 一 + 二 = (七)总计 + 四
//! read     := every kept cut gives each cell the same figure
//! ```
//!
//! A blank cell leaves no figure: a head one short then asks one more of the
//! rest, and the cut moves on by a figure, which the rows' and columns' sums
//! do not allow. A blank mark (`/`) is no count, and leaves the table blank.

use super::reading_order::{Figure, table_figures};
use super::row_bands::{MOST_BAND_ROWS, MOST_CUTS, columns_hold, counts, fill_agreed, row_holds};
use crate::grammar::Ctx;
use crate::grammar::value::scalar;
use crate::model::{ApplicantColumn, ApplicationRow, ApplicationsTable, Edition, Span};
use crate::normalize::Norm;

/// The cells of section 三's rows.
const COLUMNS: usize = 7;

/// Every cut of a stream into the tails of rows (`tails[j]` cells for the
/// j-th row with a tail) whose rows hold (`holds(j, cells)` with the stream
/// indices of that row's tail), covering the whole stream of `len`
/// figures, at most [`MOST_CUTS`] + 1. Each cut gives each row's tail as
/// stream indices.
///
/// ```text
/// cuts(j) := ε                                  when j = rows
///          | band(k) of rows j … j+k−1, cuts(j + k)   (their tails as long)
/// ```
fn cut_tails(
    tails: &[usize],
    len: usize,
    holds: &dyn Fn(usize, &[usize]) -> bool,
) -> Vec<Vec<Vec<usize>>> {
    let rows = tails.len();
    if tails.iter().sum::<usize>() != len {
        return Vec::new();
    }
    let starts: Vec<usize> = tails
        .iter()
        .scan(0, |at, &n| {
            let start = *at;
            *at += n;
            Some(start)
        })
        .collect();
    let mut ways: Vec<Vec<Vec<Vec<usize>>>> = vec![Vec::new(); rows + 1];
    ways[rows].push(Vec::new());
    for j in (0..rows).rev() {
        let m = tails[j];
        let mut found = Vec::new();
        for k in 1..=MOST_BAND_ROWS.min(rows - j) {
            if tails[j + k - 1] != m {
                break;
            }
            let band: Vec<Vec<usize>> = (0..k)
                .map(|r| (0..m).map(|c| starts[j] + c * k + r).collect())
                .collect();
            if !band.iter().enumerate().all(|(r, tail)| holds(j + r, tail)) {
                continue;
            }
            for rest in ways[j + k].iter().take(MOST_CUTS + 1 - found.len()) {
                let mut way = band.clone();
                way.extend(rest.iter().cloned());
                found.push(way);
            }
        }
        ways[j] = found;
    }
    std::mem::take(&mut ways[0])
}

/// The line of `doc` around byte `at`.
fn line_around(doc: &str, at: usize) -> (usize, usize) {
    let start = doc[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = doc[at..].find('\n').map_or(doc.len(), |i| at + i);
    (start, end)
}

/// The most ways of giving the label lines of rows not found to those rows
/// that are tried: more leave the table blank.
const MOST_HEADS: usize = 64;

/// How many ways `k` of `n` can be chosen, at most `MOST_HEADS + 1`.
fn binomial(n: usize, k: usize) -> usize {
    let mut out: usize = 1;
    for i in 0..k.min(n - k.min(n)) {
        out = out * (n - i) / (i + 1);
        if out > MOST_HEADS {
            return MOST_HEADS + 1;
        }
    }
    out
}

/// The ways `n` lines can go to `rows` rows in order, one row each: the
/// chosen rows' indices, every combination of `n` of them.
fn choose(rows: usize, n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    if n > rows {
        return Vec::new();
    }
    let mut out = Vec::new();
    for first in 0..=rows - n {
        for rest in choose(rows - first - 1, n - 1) {
            let mut way = vec![first];
            way.extend(rest.iter().map(|r| r + first + 1));
            out.push(way);
        }
    }
    out
}

/// The heads every row may have, as candidates for [`read_label_tails`] to
/// try: a found row's own head; for the rows whose labels were not found,
/// the lines of label text with figures no found row's label starts on
/// (`（三） 1.属 6 0 1 1 1`, a label the scan could not tell), each going to
/// one of the rows not found between the same two found rows, in order
/// (every such choice is a candidate; the sums pick among them). `None` when
/// a gap has more lines than rows, or the choices are too many.
///
/// ```text
/// gap      := rows not found between two found rows (or the table's ends)
/// gap head := the label lines with figures between those rows' labels,
///             each to a row of the gap, in order
/// ```
fn candidate_heads(
    doc: &str,
    found: &[Figure],
    lines: &[Span],
    used: &[bool],
    heads: &[Option<(usize, Vec<usize>)>],
) -> Option<Vec<Vec<Vec<usize>>>> {
    // the label lines no head took: (where they start, their figures)
    let mut free: Vec<(usize, Vec<usize>)> = Vec::new();
    for i in 0..found.len() {
        if used[i] {
            continue;
        }
        if let Some(last) = free.last_mut()
            && last.0 == lines[i].start
        {
            last.1.push(i);
            continue;
        }
        let (s, e) = line_around(doc, found[i].start);
        if has_label_text(&doc[s..e]) {
            free.push((lines[i].start, vec![i]));
        }
    }
    if free.iter().any(|(_, f)| f.len() > COLUMNS) {
        return None;
    }
    let mut candidates: Vec<Vec<Vec<usize>>> = vec![Vec::new()];
    let mut r = 0;
    while r < heads.len() {
        if let Some((_, head)) = &heads[r] {
            for c in &mut candidates {
                c.push(head.clone());
            }
            r += 1;
            continue;
        }
        let gap_end = (r..heads.len())
            .find(|&k| heads[k].is_some())
            .unwrap_or(heads.len());
        let after = r
            .checked_sub(1)
            .and_then(|k| heads[k].as_ref())
            .map_or(0, |h| h.0);
        let before = heads
            .get(gap_end)
            .and_then(|h| h.as_ref())
            .map_or(usize::MAX, |h| h.0);
        let between: Vec<&Vec<usize>> = free
            .iter()
            .filter(|(at, _)| *at > after && *at < before)
            .map(|(_, f)| f)
            .collect();
        let gap = gap_end - r;
        if between.len() > gap || candidates.len() * binomial(gap, between.len()) > MOST_HEADS {
            return None;
        }
        let choices = choose(gap, between.len());
        candidates = candidates
            .iter()
            .flat_map(|c| {
                choices.iter().map(|chosen| {
                    let mut c = c.clone();
                    let mut lines = between.iter();
                    for k in 0..gap {
                        let head = if chosen.contains(&k) {
                            lines.next().map_or_else(Vec::new, |f| (*f).clone())
                        } else {
                            Vec::new()
                        };
                        c.push(head);
                    }
                    c
                })
            })
            .collect();
        r = gap_end;
    }
    Some(candidates)
}

/// Whether a line holds a word that is not a figure (a label's text).
fn has_label_text(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || c == '|')
        .any(|w| !w.is_empty() && scalar(w).is_none())
}

/// The kept cuts of the rest of the figures into the tails of rows with
/// `heads`, each as every row's cells (figure indices).
fn kept_ways(values: &[u64], heads: &[Vec<usize>], edition: Edition) -> Vec<Vec<Vec<usize>>> {
    let mut used = vec![false; values.len()];
    for &i in heads.iter().flatten() {
        used[i] = true;
    }
    let rest: Vec<usize> = (0..values.len()).filter(|&i| !used[i]).collect();
    let open: Vec<usize> = (0..heads.len())
        .filter(|&r| heads[r].len() < COLUMNS)
        .collect();
    if open.is_empty() || rest.is_empty() {
        return Vec::new();
    }
    let tails: Vec<usize> = open.iter().map(|&r| COLUMNS - heads[r].len()).collect();
    let whole = |j: usize, tail: &[usize]| -> Vec<usize> {
        let mut row = heads[open[j]].clone();
        row.extend(tail.iter().map(|&t| rest[t]));
        row
    };
    let holds = |j: usize, tail: &[usize]| row_holds(values, &whole(j, tail));
    cut_tails(&tails, rest.len(), &holds)
        .into_iter()
        .map(|cut| {
            let mut way = heads.to_vec();
            for (j, tail) in cut.iter().enumerate() {
                way[open[j]] = whole(j, tail);
            }
            way
        })
        .filter(|way| columns_hold(values, way, edition))
        .collect()
}

/// Reads section 三 from heads on the rows' label lines and tails among the
/// other figures of `region` (see the module documentation). Returns whether
/// the table was read.
pub(crate) fn read_label_tails(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    edition: Edition,
    region: Norm,
    skip: &[Span],
) -> bool {
    let rows = ApplicationRow::rows(edition);
    let found: Vec<Figure> = table_figures(ctx, region, rows.len() * COLUMNS + 1, skip);
    let values = counts(&found);
    if values.len() != found.len() || found.len() > rows.len() * COLUMNS {
        return false; // a blank mark, another kind of value, or figures past the cells
    }
    // the original range of each figure and of its line
    let spans: Vec<_> = found.iter().map(|f| ctx.span(f.range())).collect();
    let lines: Vec<_> = found
        .iter()
        .map(|f| {
            let (s, e) = line_around(ctx.doc, f.start);
            ctx.span(Norm::new(s, e))
        })
        .collect();
    let mut used = vec![false; found.len()];
    // per row: where its label starts and its head (figure indices), or
    // `None` for a row whose label was not found
    let mut heads: Vec<Option<(usize, Vec<usize>)>> = Vec::with_capacity(rows.len());
    for &key in rows {
        let Some(row) = table.row(key) else {
            return false;
        };
        let read: Vec<_> = row.cells.iter().filter_map(|(_, c)| c.span).collect();
        let head = if read.len() == COLUMNS {
            let mut head = Vec::new();
            for span in &read {
                let Some(i) = spans.iter().position(|s| s == span) else {
                    return false;
                };
                head.push(i);
            }
            let at = row.label_span.map_or(read[0].start, |l| l.start);
            Some((at, head))
        } else if !read.is_empty() {
            return false;
        } else {
            row.label_span.map(|label| {
                let head = (0..found.len())
                    .filter(|&i| {
                        lines[i].start <= label.start
                            && label.start < lines[i].end
                            && spans[i].start > label.start
                    })
                    .collect();
                (label.start, head)
            })
        };
        if let Some((_, head)) = &head {
            if head.len() > COLUMNS || head.iter().any(|&i| used[i]) {
                return false;
            }
            for &i in head {
                used[i] = true;
            }
        }
        heads.push(head);
    }
    let Some(candidates) = candidate_heads(ctx.doc, &found, &lines, &used, &heads) else {
        return false;
    };
    let ways: Vec<Vec<Vec<usize>>> = candidates
        .iter()
        .flat_map(|heads| kept_ways(&values, heads, edition))
        .take(MOST_CUTS + 1)
        .collect();
    fill_agreed(
        ctx,
        table,
        (rows, ApplicantColumn::ALL),
        (&found, &values),
        &ways,
        (
            "applications: rows show their first cells on their label's line and the rest further on, in blocks of a few rows column by column or row by row; every cut of those blocks that keeps every row's and every column's sums gives each cell the same figure, and it is read",
            region,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};
    use super::{choose, cut_tails};

    #[test]
    fn lines_go_to_rows_in_order() {
        assert_eq!(super::binomial(7, 2), 21);
        assert_eq!(super::binomial(3, 3), 1);
        assert_eq!(super::binomial(25, 12), super::MOST_HEADS + 1);
        assert_eq!(choose(3, 2), vec![vec![0, 1], vec![0, 2], vec![1, 2]]);
        assert_eq!(choose(2, 0), vec![Vec::<usize>::new()]);
        assert!(choose(1, 2).is_empty());
    }

    #[test]
    fn tails_of_a_band_are_cut_column_by_column() {
        // two rows with two cells left each: a b / c d given as a c b d
        let ways = cut_tails(&[2, 2], 4, &|_, _| true);
        assert!(ways.contains(&vec![vec![0, 2], vec![1, 3]]));
        assert!(ways.contains(&vec![vec![0, 1], vec![2, 3]]));
        // tails of different lengths are not one band
        let ways = cut_tails(&[2, 1], 3, &|_, _| true);
        assert_eq!(ways, vec![vec![vec![0, 1], vec![2]]]);
        // the stream must be used up
        assert!(cut_tails(&[2, 1], 4, &|_, _| true).is_empty());
    }

    /// Section 三 of the 2019 edition as Chromium's PDF gives it to plain
    /// `pdftotext`: rows 一 and 二 show five cells on their label's line and
    /// their last two further on, column by column; the other rows are
    /// whole, one after another, after their labels.
    fn page(tails: &str) -> String {
        let mut text = String::from(
            "某局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n\
             一、本年新收政府信息公开申请数量 20 0 0 0 0\n二、上年结转政府信息公开申请数量 0 0 0 0 0\n\
             三、本年度办理结果\n（一）予以公开\n（七）总计\n四、结转下年度继续办理\n",
        );
        text.push_str(tails);
        // 19 outcome rows of 1 in natural person, (七)总计 = 19, 四 = 1 1
        for _ in 0..19 {
            text.push_str("1\n0\n0\n0\n0\n0\n1\n");
        }
        text.push_str("19\n0\n0\n0\n0\n0\n19\n1\n0\n0\n0\n0\n1\n2\n");
        text.push_str("四、政府信息公开行政复议、行政诉讼情况\n");
        text
    }

    #[test]
    fn heads_on_label_lines_and_tails_further_on_are_read() {
        // 其他 of 一 and 二 (0, 1), then 总计 of both (20, 1)
        let r = read(&page("0\n1\n20\n1\n"));
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "20");
        assert_eq!(get(&r, "applications.new_requests.other_org"), "0");
        assert_eq!(get(&r, "applications.new_requests.total"), "20");
        assert_eq!(get(&r, "applications.carried_over.other_org"), "1");
        assert_eq!(get(&r, "applications.carried_over.total"), "1");
        assert_eq!(get(&r, "applications.granted.total"), "1");
        assert_eq!(get(&r, "applications.carried_forward.total"), "2");
    }

    #[test]
    fn tails_that_break_the_sums_leave_the_table_blank() {
        // 一's 总计 one more than its cells
        let r = read(&page("0\n1\n21\n1\n"));
        assert_eq!(get(&r, "applications.new_requests.total"), "");
        assert_eq!(get(&r, "applications.granted.total"), "");
        // a figure short
        let r = read(&page("0\n1\n20\n"));
        assert_eq!(get(&r, "applications.carried_over.total"), "");
    }
}
