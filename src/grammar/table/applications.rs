//! Section 三's table: applicant-type columns × outcome rows, in both editions.

use super::collapsed::{Equations, RowCuts, Term, propagate};
use super::scan::{Class, Scan, Vote, header_classes, scan};
use super::{
    ByPosition, collapsed_rows, fill_cut, fill_row, keep_extra, report_missing_rows, unsplit,
};
use crate::grammar::Ctx;
use crate::normalize::Norm;
use crate::template;
use std::borrow::Cow;
use std::sync::LazyLock;

use crate::grammar::label::{Fit, Labels, Probe};
use crate::grammar::tokens::{Layout, Token};
use crate::grammar::value::HeaderUnit;
use crate::model::{
    ApplicantColumn, ApplicationRow, ApplicationsTable, Edition, ExtraRow, Span, TableId, ValueKind,
};

use ApplicationRow as R;

/// The forms of the merged label cells that carry no values (`三、本年度办理结果`,
/// `(三)不予公开` …): the groups of the rows, but for `(六)其他处理`, a data row
/// of the 2019 edition (see [`scan_applications`]).
static GROUP_FORMS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let row_forms: Vec<&str> = template::APPLICATION_ROWS
        .iter()
        .flat_map(|r| r.label.forms.iter().copied())
        .collect();
    let mut forms = Vec::new();
    for group in template::APPLICATION_ROWS.iter().flat_map(|r| r.groups) {
        for &form in group.forms {
            if !row_forms.contains(&form) && !forms.contains(&form) {
                forms.push(form);
            }
        }
    }
    forms
});

/// The row labels of both editions, the group labels before the first row
/// under a group.
pub(super) static ROWS: LazyLock<Vec<(Class<ApplicationRow>, &'static [&'static str])>> =
    LazyLock::new(|| {
        let mut rows = Vec::new();
        for row in &template::APPLICATION_ROWS {
            if !row.groups.is_empty() && !rows.iter().any(|(c, _)| matches!(c, Class::Group)) {
                rows.push((Class::Group, GROUP_FORMS.as_slice()));
            }
            rows.push((Class::Row(row.key), row.label.forms));
        }
        rows
    });

/// The header cells but the last column's: 申请人情况 and the columns with
/// the headers over them.
static HEADER_FORMS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut forms: Vec<&str> = template::APPLICANTS.forms.to_vec();
    let (_, columns) = template::APPLICANT_COLUMNS
        .split_last()
        .expect("section 三 has columns");
    for column in columns {
        for form in column
            .groups
            .iter()
            .chain([&column.label])
            .flat_map(|l| l.forms)
        {
            if !forms.contains(form) {
                forms.push(form);
            }
        }
    }
    forms
});

/// The header cells, the last column's (总计) marked.
pub(super) static HEADERS: LazyLock<Vec<(Class<ApplicationRow>, &'static [&'static str])>> =
    LazyLock::new(|| {
        let last = template::APPLICANT_COLUMNS
            .last()
            .expect("section 三 has columns");
        header_classes(HEADER_FORMS.as_slice(), last.label.forms)
    });

/// The header label of each column of [`ApplicantColumn::ALL`], in order.
pub(super) const HEADER_LABELS_BY_COLUMN: [&[&str]; 7] = {
    let mut out: [&[&str]; 7] = [&[]; 7];
    let mut c = 0;
    while c < out.len() {
        out[c] = template::APPLICANT_COLUMNS[c].label.forms;
        c += 1;
    }
    out
};

static ROW_LABELS: LazyLock<Labels<Class<ApplicationRow>>> = LazyLock::new(|| Labels::new(&ROWS));
static HEADER_LABELS: LazyLock<Labels<Class<ApplicationRow>>> =
    LazyLock::new(|| Labels::new(&HEADERS));

fn classify(compact: &str, started: bool) -> Option<(Class<ApplicationRow>, Fit)> {
    let probe = Probe::new(compact);
    if template::APPLICATIONS_NOTE
        .forms
        .iter()
        .any(|f| compact.starts_with(f))
    {
        return Some((
            Class::Header {
                last: false,
                vote: Vote::Neither,
            },
            Fit::Exact,
        ));
    }
    // a header label has no ordinal: `2.其他`, the first line of a wrapped
    // `2.其他法律行政法规禁止公开`, is not the column 其他
    if compact.starts_with(|c: char| c.is_ascii_digit()) {
        return ROW_LABELS.best(&probe);
    }
    let (row, header) = (ROW_LABELS.is_exact(&probe), HEADER_LABELS.is_exact(&probe));
    if header && !row {
        return HEADER_LABELS.best(&probe);
    }
    if row && !header {
        return ROW_LABELS.best(&probe);
    }
    if started {
        ROW_LABELS
            .best(&probe)
            .or_else(|| HEADER_LABELS.best(&probe))
    } else {
        HEADER_LABELS
            .best(&probe)
            .or_else(|| ROW_LABELS.best(&probe))
    }
}

const SPLIT_OTHER: [ApplicationRow; 3] = [R::OtherNoCorrection, R::OtherUnpaidFee, R::OtherMisc];

/// Reads section 三's cells; `joined` is [`scan`]'s buffer.
pub(crate) fn scan_applications<'t>(
    doc: &'t str,
    tokens: &'t [Token],
    layout: Layout,
    joined: &mut String,
) -> Scan<'t, ApplicationRow> {
    let mut found = scan(doc, tokens, layout, classify, joined);
    super::cut_labels::read_cut_labels(
        doc,
        (tokens, layout),
        &mut found,
        &ROWS,
        super::cut_labels::after_in_section_3,
    );
    // `（六）其他处理` is a data row in 2019 and the group of three rows in 2021:
    // with no cells of its own and the 2021 rows present, it is the group.
    if found.rows.iter().any(|r| SPLIT_OTHER.contains(&r.key)) {
        found
            .rows
            .retain(|r| !(r.key == R::Other && r.cells.iter().all(|t| t.is_blank())));
    }
    found
}

/// Edition votes: `(2019, 2021)` from the rows only one edition has.
pub(crate) fn applications_votes(found: &Scan<ApplicationRow>) -> (usize, usize) {
    let split = found
        .rows
        .iter()
        .filter(|r| SPLIT_OTHER.contains(&r.key))
        .count();
    let single = found.rows.iter().filter(|r| r.key == R::Other).count();
    (single, split)
}

/// Builds section 三's table for an edition.
pub(crate) fn applications_table(
    ctx: &mut Ctx<'_>,
    found: &Scan<ApplicationRow>,
    edition: Edition,
    (span, layout): (Span, Layout),
) -> (ApplicationsTable, Vec<ExtraRow>) {
    let columns = ApplicantColumn::ALL.len();
    let name = |text: &str| match classify(text, true) {
        Some((Class::Row(key), Fit::Exact)) => Some(Some(key)),
        Some((_, Fit::Exact)) => Some(None),
        _ => None,
    };
    let rejoined = super::rejoin::rejoin(ctx.doc, found, columns);
    let rejoined = super::rejoin::assemble(ctx.doc, &rejoined, columns, &name);
    let rejoined = super::figures_first::drop_cells_after_labels(
        ctx,
        &rejoined,
        TableId::Applications,
        columns,
    );
    let unfilled;
    let found: &Scan<ApplicationRow> = if layout == Layout::PipeCells {
        unfilled = without_fillers(&rejoined);
        &unfilled
    } else {
        &rejoined
    };
    let mut table = ApplicationsTable::blank_for(edition, span);
    let mut extras = Vec::new();
    let mut unplaced_rows = Vec::new();
    let by_position = ByPosition {
        scan: found,
        labels: &HEADER_LABELS_BY_COLUMN,
        same_columns: &|_| true,
        totals: &[(&[0, 1, 2, 3, 4, 5], 6)],
    };
    for row in &found.rows {
        if !row.key.in_edition(edition) {
            extras.push(keep_extra(
                ctx,
                TableId::Applications,
                row.label,
                &row.cells,
            ));
            continue;
        }
        if let Some(unplaced) = fill_row(
            ctx,
            &mut table,
            TableId::Applications,
            row,
            (ApplicantColumn::ALL, &by_position),
            |_| ValueKind::Count,
            HeaderUnit::None,
        ) {
            unplaced_rows.push((row, unplaced));
        }
    }
    // before the printed header's order is followed: the sums treat the five
    // columns of 法人或其他组织 alike, and the order moves the placed rows too
    super::sums::place_short_rows(ctx, &mut table, edition, unplaced_rows, |ctx, t, row| {
        super::fill_after_run(ctx, t, row, (ApplicantColumn::ALL, &by_position))
    });
    super::cut_values::decide_applications(ctx, &mut table, edition);
    follow_printed_header(ctx, &mut table, found, edition);
    read_collapsed(ctx, &mut table, found, edition);
    let guessed = short_rows(ctx.doc, found, edition, layout);
    super::sums::check_applications(ctx, &mut table, edition, &guessed);
    for extra in &found.extras {
        extras.push(keep_extra(
            ctx,
            TableId::Applications,
            extra.label,
            &extra.cells,
        ));
    }
    report_missing_rows(ctx, TableId::Applications, &table);
    (table, extras)
}

/// The scan of one-cell-a-line pipe text (`16 |`, a bare `|` an empty cell)
/// with the fillers that end its rows taken off. Such text prints an empty
/// cell for each merged label cell over the next row (`（二）部分公开` under
/// `三、本年度办理结果`, `2.其他法律…` under it and `（三）不予公开`), so the
/// empty cells between a row's last figure and the next row's label are
/// those fillers, and only the empty cells before them are the row's own
/// blank cells. Left in, they would line up a row that lost a figure
/// (`1 | 6 | 2 | 1 | 4 | 30 | |`, `16` deleted) with the seven columns, its
/// filler taken for its total; without them the row shows six cells for
/// seven, and the table's sums place it or leave it blank (see
/// [`super::sums::place_short_rows`]).
///
/// ```text
/// fillers(P) := the groups P and the row R after it both sit in (outermost
///               first, as long as they agree); 0 when an extra row or no row
///               follows P
/// cells(P)   := P's cells less min(fillers(P), the empty cells ending them)
/// ```
fn without_fillers<'t>(found: &Scan<'t, ApplicationRow>) -> Scan<'t, ApplicationRow> {
    let mut out = found.clone();
    let mut order: Vec<usize> = (0..out.rows.len()).collect();
    order.sort_by_key(|&i| out.rows[i].label.start);
    for (k, &i) in order.iter().enumerate() {
        let Some(&next) = order.get(k + 1) else {
            continue;
        };
        let (row, after) = (&out.rows[i], &out.rows[next]);
        let between = row.label.end..after.label.start;
        if found
            .extras
            .iter()
            .any(|e| between.contains(&e.label.start))
        {
            continue;
        }
        let groups = |key: ApplicationRow| template::application_row(key).groups;
        let fillers = groups(row.key)
            .iter()
            .zip(groups(after.key))
            .take_while(|(a, b)| a == b)
            .count();
        let empty = row.cells.iter().rev().take_while(|t| t.is_empty()).count();
        let cells = &mut out.rows[i].cells;
        let kept = cells.len() - fillers.min(empty);
        match cells {
            Cow::Borrowed(run) => *run = &run[..kept],
            Cow::Owned(copy) => copy.truncate(kept),
        }
    }
    out
}

/// The rows of tab- or pipe-separated text that have lost a cell (deleted, or run into
/// its neighbour), so that whichever way their cells were lined up with the
/// columns, the placement was a guess: rows shorter than the table's widest
/// both in all and after their label. (Text with merged label cells as empty
/// fillers has rows of one width; text with merged cells left out, as the
/// HTML front end gives it, has rows of one width after their labels.)
fn short_rows(
    doc: &str,
    found: &Scan<ApplicationRow>,
    edition: Edition,
    layout: Layout,
) -> Vec<ApplicationRow> {
    if layout == Layout::Boxed {
        return short_boxed_rows(doc, found, edition);
    }
    // the character between a line's cells, in the layouts with one row a line
    let separator = match layout {
        Layout::TabRows => "\t",
        Layout::PipeRows | Layout::Markdown => "|",
        _ => return Vec::new(),
    };
    // the fields of the label's line, and those after the label
    let fields = |Norm {
                      start: label_start,
                      end: label_end,
                  }: Norm| {
        let start = doc[..label_start].rfind('\n').map_or(0, |i| i + 1);
        let end = doc[label_end..]
            .find('\n')
            .map_or(doc.len(), |i| label_end + i);
        let after = doc[label_end..end].matches(separator).count();
        (doc[start..end].matches(separator).count() + 1, after)
    };
    let rows: Vec<_> = found
        .rows
        .iter()
        .filter(|r| r.collapsed.is_none() && r.key.in_edition(edition))
        .map(|r| (r, fields(r.label)))
        .collect();
    let widest = rows.iter().map(|(_, (n, _))| *n).max().unwrap_or(0);
    let widest_after = rows.iter().map(|(_, (_, a))| *a).max().unwrap_or(0);
    rows.into_iter()
        .filter(|&(_, (n, after))| n < widest && after < widest_after)
        .map(|(r, _)| r.key)
        .collect()
}

/// The rows of a box-drawn table (`│ 17 │ 4 │`) that have lost a cell: a
/// deleted figure takes its cell's rule with it, so the first line of the
/// row's label shows fewer rules after the label than the widest row's.
/// (A wrapped label's later lines keep their rules; the first line is the
/// one a row's values stand on.)
///
/// ```text
/// rules = the `│` after the label's start, on the label's first line
/// short = rules < the most rules of the table's rows
/// ```
fn short_boxed_rows(
    doc: &str,
    found: &Scan<ApplicationRow>,
    edition: Edition,
) -> Vec<ApplicationRow> {
    let rules = |start: usize| {
        let end = doc[start..].find('\n').map_or(doc.len(), |i| start + i);
        doc[start..end].matches('│').count()
    };
    let rows: Vec<_> = found
        .rows
        .iter()
        .filter(|r| r.collapsed.is_none() && r.key.in_edition(edition))
        .map(|r| (r.key, rules(r.label.start)))
        .collect();
    let most = rows.iter().map(|&(_, n)| n).max().unwrap_or(0);
    rows.into_iter()
        .filter(|&(_, n)| n < most)
        .map(|(key, _)| key)
        .collect()
}

/// Puts the five columns of 法人或其他组织 under the labels the header prints
/// above them (see [`super::printed`]). 自然人 and 总计 stand on the header's
/// first line, before the five, and are not compared.
fn follow_printed_header(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    found: &Scan<ApplicationRow>,
    edition: Edition,
) {
    let Some(header) = found.headers.first() else {
        return;
    };
    let order = super::printed::order(ctx.doc, header, &HEADER_LABELS_BY_COLUMN[1..6]);
    let order = match order {
        super::printed::Order::Printed(_) if !super::by_cell_order(&found.rows) => {
            super::printed::Order::Unsure
        }
        o => o,
    };
    super::printed::apply(
        ctx,
        table,
        (
            TableId::Applications,
            ApplicationRow::rows(edition),
            &ApplicantColumn::ALL[1..6],
        ),
        &order,
    );
}

/// Reads the rows whose cells ran together, with the row totals and the column
/// sums of the table (see [`super::collapsed`]).
fn read_collapsed(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    found: &Scan<ApplicationRow>,
    edition: Edition,
) {
    let rows: Vec<_> = collapsed_rows(&found.rows)
        .into_iter()
        .filter(|r| r.key.in_edition(edition))
        .collect();
    if rows.is_empty() {
        return;
    }
    let mut too_long = vec![false; rows.len()];
    let mut options = RowCuts::with_capacity(rows.len(), ApplicantColumn::ALL.len());
    for (i, r) in rows.iter().enumerate() {
        let Norm { start: s, end: e } = r.collapsed.unwrap_or(Norm::new(0, 0));
        too_long[i] = !options.push_with_total(&ctx.doc[s..e], ApplicantColumn::ALL.len());
    }
    let term = |key: ApplicationRow, column: usize, table: &ApplicationsTable| -> Term {
        if let Some(row) = rows.iter().position(|r| r.key == key) {
            // a run too long to list its cuts is as unknown as a blank
            return if too_long[row] {
                Term::Blank
            } else {
                Term::Open { row, column }
            };
        }
        match table
            .cell(key, ApplicantColumn::ALL[column])
            .and_then(|c| c.value.integer())
        {
            Some(v) => Term::Known(v),
            None => Term::Blank,
        }
    };
    let outcome = ApplicationRow::rows(edition)
        .iter()
        .copied()
        .filter(|r| r.is_outcome());
    // per column: the outcome total against the outcomes, and the balance
    let columns = ApplicantColumn::ALL.len();
    let mut equations =
        Equations::with_capacity(2 * columns, columns * (outcome.clone().count() + 5));
    for c in 0..columns {
        equations.push(
            [term(R::OutcomeTotal, c, table)],
            outcome.clone().map(|r| term(r, c, table)),
        );
        equations.push(
            [
                term(R::NewRequests, c, table),
                term(R::CarriedOver, c, table),
            ],
            [
                term(R::OutcomeTotal, c, table),
                term(R::CarriedForward, c, table),
            ],
        );
    }
    propagate(&mut options, &equations);
    for (i, row) in rows.iter().enumerate() {
        let at = row.collapsed.unwrap_or(Norm::new(0, 0));
        match options.only(i) {
            Some(cut) => fill_cut(ctx, table, row.key, ApplicantColumn::ALL, at.start, cut),
            None => unsplit(
                ctx,
                TableId::Applications,
                row.key,
                (!too_long[i]).then_some(options.count(i)),
                at,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};
    use super::{Class, R, classify};

    #[test]
    fn a_boxed_row_that_lost_a_figure_is_left_blank() {
        // w3m's box of （二）部分公开 with its `4` and the rule before it
        // deleted: the five cells left could stand in any five columns
        let text = include_str!("../../../tests/fixtures/tools/w3m/page_w2019_tabs.txt");
        let row = "applications.partially_granted";
        assert_eq!(
            get(&read(text), &format!("{row}.commercial_enterprise")),
            "4"
        );
        let cells = "│      │ 4      │        │";
        assert_eq!(text.matches(cells).count(), 1);
        let r = read(&text.replace(cells, "│      │        │"));
        for column in ["natural_person", "research_institution", "total"] {
            assert_eq!(get(&r, &format!("{row}.{column}")), "");
        }
        assert_eq!(get(&r, "applications.granted.total"), "31");
    }

    const CELL_PIPES: &str = include_str!("../../../tests/fixtures/written/w2021_cellpipes.txt");

    #[test]
    fn a_pipe_cells_row_that_lost_a_figure_is_not_read_with_its_filler() {
        // （一）予以公开 `16 | 1 | 6 | 2 | 1 | 4 | 30 |` and the one filler of
        // （二） under 三、本年度办理结果, its `16` deleted: the sums put the
        // blank cell in 自然人 and nowhere else
        let row = "applications.granted";
        let cells = "（一）予以公开 |\n16 |\n1 |\n6 |";
        assert_eq!(CELL_PIPES.matches(cells).count(), 1);
        let r = read(&CELL_PIPES.replacen(cells, "（一）予以公开 |\n1 |\n6 |", 1));
        assert_eq!(get(&r, &format!("{row}.natural_person")), "");
        assert_eq!(get(&r, &format!("{row}.commercial_enterprise")), "1");
        assert_eq!(get(&r, &format!("{row}.other_org")), "4");
        assert_eq!(get(&r, &format!("{row}.total")), "30");
        assert!(r.diagnostics.iter().any(|d| {
            d.message
                .starts_with("applications.granted: the row shows 6 cells for 7 columns")
        }));
        // 2.其他法律行政法规禁止公开 ends in two fillers (三、本年度办理结果 and
        // （三）不予公开 over the next row): with its total deleted they are not
        // its total and its 其他
        let cells = "1 |\n2 |\n13 |\n|\n|\n3.危及";
        assert_eq!(CELL_PIPES.matches(cells).count(), 1);
        let r = read(&CELL_PIPES.replacen(cells, "1 |\n2 |\n|\n|\n3.危及", 1));
        let row = "applications.denied_prohibited_by_law";
        assert_eq!(get(&r, &format!("{row}.other_org")), "2");
        assert_eq!(get(&r, &format!("{row}.total")), "");
        // undamaged, every row is read whole
        let r = read(CELL_PIPES);
        assert_eq!(get(&r, "applications.granted.natural_person"), "16");
        assert_eq!(get(&r, &format!("{row}.total")), "13");
    }

    #[test]
    fn a_label_with_an_ordinal_is_no_header_label() {
        // `2.其他`, the first line of a wrapped 2.其他法律行政法规禁止公开
        assert!(classify("2.其他", true).is_none());
        assert!(matches!(
            classify("其他", false),
            Some((Class::Header { .. }, _))
        ));
        assert!(matches!(
            classify("3.其他", true),
            Some((Class::Row(R::OtherMisc), _))
        ));
    }
}
