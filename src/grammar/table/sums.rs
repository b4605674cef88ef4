//! Checking a placement against the table's own sums.
//!
//! A row of tab-separated text shorter than the table's widest row (in all,
//! and after its label) has lost a cell: a cell or the row total deleted, two figures run together
//! (`178\t79` → `17879`). However its cells were lined up with the columns
//! (one for one, or by dropping empty cells at its ends), the placement was a
//! guess. Such a row, when it shows a blank cell beside values, is a suspect. Section 三 states in its own cells what every
//! placement must keep:
//!
//! ```text
//! per column c:  一[c] + 二[c] = (七)总计[c] + 四[c]     (balance)
//!                Σ outcome rows[c] = (七)总计[c]          (outcome total)
//! per row:       Σ applicant columns = 总计               (row total)
//! ```
//!
//! A suspect is kept only when the sums confirm it: each of its figures takes
//! part in an equation that holds with every term known, and no equation with
//! every term known breaks. Otherwise its cells are made blank, with a
//! diagnostic: the damaged row is not read, the rest of the table is. An
//! equation without a suspect that does not hold is the report's own error
//! (a row whose cells line up is read as printed), left to validation.

use crate::grammar::Ctx;
use crate::model::{
    ApplicantColumn, ApplicationRow, ApplicationsTable, Cell, DiagnosticKind, Edition, Level,
    TableId,
};

/// The rows whose placement was a guess (`guessed`) and that show a blank
/// cell beside values.
fn suspects(table: &ApplicationsTable, guessed: &[ApplicationRow]) -> Vec<ApplicationRow> {
    table
        .rows
        .iter()
        .filter(|r| guessed.contains(&r.key))
        .filter(|r| {
            let blank = r.cells.iter().filter(|(_, c)| c.value.is_blank()).count();
            blank > 0 && blank < r.cells.len()
        })
        .map(|r| r.key)
        .collect()
}

/// An equation `left = right` over cells, by row and column.
struct Equation {
    left: Vec<(ApplicationRow, ApplicantColumn)>,
    right: Vec<(ApplicationRow, ApplicantColumn)>,
}

fn equations(edition: Edition) -> Vec<Equation> {
    use ApplicationRow as R;
    let outcome: Vec<R> = R::rows(edition)
        .iter()
        .copied()
        .filter(|r| r.is_outcome())
        .collect();
    let mut out = Vec::new();
    for &c in ApplicantColumn::ALL {
        out.push(Equation {
            left: vec![(R::NewRequests, c), (R::CarriedOver, c)],
            right: vec![(R::OutcomeTotal, c), (R::CarriedForward, c)],
        });
        out.push(Equation {
            left: outcome.iter().map(|&r| (r, c)).collect(),
            right: vec![(R::OutcomeTotal, c)],
        });
    }
    let (total, applicants) = ApplicantColumn::ALL.split_last().expect("seven columns");
    for &r in R::rows(edition) {
        out.push(Equation {
            left: applicants.iter().map(|&c| (r, c)).collect(),
            right: vec![(r, *total)],
        });
    }
    out
}

/// Blanks the suspect rows of section 三 that break one of its sums;
/// `guessed` are the rows whose placement was a guess.
pub(crate) fn check_applications(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    edition: Edition,
    guessed: &[ApplicationRow],
) {
    let suspects = suspects(table, guessed);
    if suspects.is_empty() {
        return;
    }
    let value = |table: &ApplicationsTable, (r, c): (ApplicationRow, ApplicantColumn)| {
        table.cell(r, c).and_then(|cell| cell.value.integer())
    };
    // a suspect's figure is confirmed by an equation that holds with every
    // term known; a suspect is wrong when one such equation breaks
    let mut broken: Vec<ApplicationRow> = Vec::new();
    let mut confirmed: Vec<(ApplicationRow, ApplicantColumn)> = Vec::new();
    for eq in equations(edition) {
        let terms = || eq.left.iter().chain(&eq.right);
        if !terms().any(|(row, _)| suspects.contains(row)) {
            continue;
        }
        let side = |terms: &[(ApplicationRow, ApplicantColumn)]| -> Option<i128> {
            terms.iter().map(|&t| value(table, t)).sum()
        };
        let (Some(l), Some(r)) = (side(&eq.left), side(&eq.right)) else {
            continue; // a blank term: not checkable
        };
        if l == r {
            confirmed.extend(terms().copied());
        } else {
            broken.extend(terms().map(|t| t.0).filter(|row| suspects.contains(row)));
        }
    }
    for row in suspects {
        let unconfirmed = table.row(row).is_some_and(|r| {
            r.cells
                .iter()
                .any(|(c, cell)| !cell.value.is_blank() && !confirmed.contains(&(row, *c)))
        });
        let why = if broken.contains(&row) {
            "the columns they were placed in break the table's sums"
        } else if unconfirmed {
            "and the table's sums cannot confirm the columns they were placed in"
        } else {
            continue;
        };
        let label = table.row(row).and_then(|r| r.label_span);
        if let Some(r) = table.rows.iter_mut().find(|r| r.key == row) {
            for (_, cell) in &mut r.cells {
                *cell = Cell::BLANK;
            }
        }
        ctx.diagnostics.push(crate::model::Diagnostic {
            level: Level::Warning,
            kind: DiagnosticKind::RowAmbiguous,
            message: format!(
                "{}.{row}: cells left blank: the row has lost a cell (it is shorter than the table's other rows), {why} (row total, outcome total or 一+二=三+四)",
                TableId::Applications
            ),
            span: label,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    const REPORT: &str = include_str!("../../../tests/fixtures/written/w2021_tabs.txt");

    #[test]
    fn a_shifted_row_that_breaks_the_sums_is_blank() {
        // the row total deleted: the six values shift one column right
        let text = REPORT.replacen("\t45\t44\t419\n", "\t45\t44\n", 1);
        let r = read(&text);
        for column in ["natural_person", "commercial_enterprise", "total"] {
            assert_eq!(get(&r, &format!("applications.new_requests.{column}")), "");
        }
        assert_eq!(get(&r, "applications.carried_over.natural_person"), "12");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("break the table's sums"))
        );
    }

    #[test]
    fn a_short_row_the_sums_cannot_confirm_is_blank() {
        // the sums of the 总计 column cannot be checked once carried_over's
        // total is blank: the shifted row of new_requests is not confirmed
        let text = REPORT
            .replacen("\t45\t44\t419\n", "\t45\t44\n", 1)
            .replacen("\t12\t2\t1\t1\t1\t1\t18", "\t12\t2\t1\t1\t1\t1\t", 1);
        let r = read(&text);
        assert_eq!(get(&r, "applications.new_requests.other_org"), "");
        assert_eq!(get(&r, "applications.carried_over.natural_person"), "12");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("new_requests"))
        );
    }

    #[test]
    fn a_full_row_that_breaks_the_sums_is_the_report_s_own() {
        // the row lines up with the columns: nothing was guessed, the figure is as printed
        let text = REPORT.replacen("\t178\t79\t", "\t178\t80\t", 1);
        let r = read(&text);
        assert_eq!(
            get(&r, "applications.new_requests.commercial_enterprise"),
            "80"
        );
        // a row with a blank cell of its own lines up: kept
        let text = REPORT.replacen("\t12\t2\t1\t1\t1\t1\t18", "\t12\t2\t1\t1\t1\t1\t", 1);
        let r = read(&text);
        assert_eq!(get(&r, "applications.carried_over.natural_person"), "12");
        assert_eq!(get(&r, "applications.carried_over.total"), "");
    }
}
