//! Checking a placement against the table's own sums.
//!
//! A row of tab-separated text shorter than the table's other rows, whose
//! cells do not line up with the columns as they stand, was placed by
//! dropping empty cells at its ends: a guess as soon as a cell was deleted, a
//! row total lost or two figures ran together (`178\t79` → `17879`). Such a
//! row, when it shows a blank cell beside values, is a suspect. Section 三 states in its own cells what every
//! placement must keep:
//!
//! ```text
//! per column c:  一[c] + 二[c] = (七)总计[c] + 四[c]     (balance)
//!                Σ outcome rows[c] = (七)总计[c]          (outcome total)
//! per row:       Σ applicant columns = 总计               (row total)
//! ```
//!
//! An equation whose every term is known and that does not hold, with a
//! suspect row among its terms, means that row's placement is wrong: the
//! suspect's cells are made blank, with a diagnostic. An equation without a
//! suspect that does not hold is the report's own error (a row whose cells
//! line up is read as printed, blanks and all), left to validation: then the
//! sums prove nothing, and no row is blanked by them.

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
    let mut wrong: Vec<ApplicationRow> = Vec::new();
    for eq in equations(edition) {
        let side = |terms: &[(ApplicationRow, ApplicantColumn)]| -> Option<i128> {
            terms.iter().map(|&t| value(table, t)).sum()
        };
        let (Some(l), Some(r)) = (side(&eq.left), side(&eq.right)) else {
            continue; // a blank term: not checkable
        };
        if l == r {
            continue;
        }
        let before = wrong.len();
        for &(row, _) in eq.left.iter().chain(&eq.right) {
            if suspects.contains(&row) && !wrong.contains(&row) {
                wrong.push(row);
            }
        }
        let involved = eq
            .left
            .iter()
            .chain(&eq.right)
            .any(|(row, _)| suspects.contains(row));
        if !involved {
            // the report's own sums do not hold: they cannot tell a wrong
            // placement from the report's error
            wrong.truncate(before);
            return;
        }
    }
    for row in wrong {
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
                "{}.{row}: cells left blank: the row shows fewer values than columns, and the columns they were placed in break the table's sums (row total, outcome total or 一+二=三+四)",
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
    fn sums_the_report_breaks_elsewhere_prove_nothing() {
        let text = REPORT
            .replacen("\t45\t44\t419\n", "\t45\t44\n", 1)
            .replacen("\t12\t2\t1\t1\t1\t1\t18", "\t12\t2\t1\t1\t1\t1\t19", 1);
        let r = read(&text);
        assert_eq!(get(&r, "applications.carried_over.total"), "19");
        // the shifted row cannot be told from the report's own error
        assert!(
            !r.diagnostics
                .iter()
                .any(|d| d.message.contains("break the table's sums"))
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
