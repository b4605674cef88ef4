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
//!
//! The same sums place a row that shows one cell fewer than the columns
//! (text whose empty cells leave no trace, as lynx and inscriptis print a
//! table): see [`place_short_rows`]; and section 四's row by its three groups'
//! totals: see [`place_by_groups`].

use super::align::Placement;
use super::scan::FoundRow;
use crate::grammar::Ctx;
use crate::grammar::value::HeaderUnit;
use crate::model::{
    ApplicantColumn, ApplicationRow, ApplicationsTable, Cell, Diagnostic, DiagnosticKind, Edition,
    Level, TableId, Value, ValueKind,
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

/// The equations of each edition, built once: 2019's, then 2021's.
static EQUATIONS: std::sync::LazyLock<[Vec<Equation>; 2]> =
    std::sync::LazyLock::new(|| [equations_of(Edition::E2019), equations_of(Edition::E2021)]);

/// The equations section 三's cells keep in `edition`.
fn equations(edition: Edition) -> &'static [Equation] {
    match edition {
        Edition::E2019 => &EQUATIONS[0],
        Edition::E2021 => &EQUATIONS[1],
    }
}

/// [`equations`], built.
fn equations_of(edition: Edition) -> Vec<Equation> {
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

/// The most rows one cell short that are placed together: each has seven
/// placements, and every combination of them is checked against the sums.
const MOST_SHORT_ROWS: usize = 4;

/// Whether `left = right` can hold: with every term known, exactly; a blank
/// term is an unknown count (zero or more), so a side with blanks only bounds
/// the other from below, and blanks on both sides leave it open.
fn can_hold(left: &[Option<i128>], right: &[Option<i128>]) -> bool {
    let known = |side: &[Option<i128>]| side.iter().flatten().sum::<i128>();
    let open = |side: &[Option<i128>]| side.iter().any(Option::is_none);
    match (open(left), open(right)) {
        (false, false) => known(left) == known(right),
        (true, false) => known(left) <= known(right),
        (false, true) => known(right) <= known(left),
        (true, true) => true,
    }
}

/// The cell of a column under a placement whose blank cell is in column
/// `blank`: the index of the row's cell, or `None` for the blank one.
fn cell_under(column: usize, blank: usize) -> Option<usize> {
    match column.cmp(&blank) {
        std::cmp::Ordering::Less => Some(column),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(column - 1),
    }
}

/// Places rows of section 三 that show one cell fewer than its seven columns
/// (text whose empty cells leave no line or field of their own, as lynx and
/// inscriptis print a table): the cells keep their order, so the row's
/// placements are the seven columns its blank cell can be in.
///
/// ```text
/// short row   := value{6}                      (one cell of seven left no trace)
/// placement   := blank column b ∈ 0..7, the six values in the others, in order
/// kept        := every combination (b₁ … bₙ) of the short rows under which each
///                sum (row total, outcome total, 一+二=三+四) can hold, a blank
///                term being an unknown count ≥ 0
/// placed cell := a column of a short row that holds the same cell (or the
///                blank) under every kept combination
/// total open  := a row whose blank is settled in 总计 is placed only when
///                column sums with every term known hold each of its
///                figures (see [`total_checked`])
/// ```
///
/// A blank cell and a `0` weigh the same in every sum, so a `0` next to the
/// blank cell cannot be told from it: those two columns stay blank, the
/// row's other cells are placed. A row with no cell placed is handed to
/// `otherwise`, which may place it another way (and returns true when it
/// does), or else stays blank, and its diagnostic (`unplaced`, from the row's
/// filling) is reported; a placed row gets a diagnostic that says how it was
/// placed.
pub(crate) fn place_short_rows(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    edition: Edition,
    unplaced: Vec<(&FoundRow<ApplicationRow>, Diagnostic)>,
    mut otherwise: impl FnMut(&mut Ctx<'_>, &mut ApplicationsTable, &FoundRow<ApplicationRow>) -> bool,
) {
    let columns = ApplicantColumn::ALL.len();
    let typed = |found: &FoundRow<ApplicationRow>| -> Option<Vec<Value>> {
        if found.cells.len() + 1 != columns {
            return None;
        }
        found
            .cells
            .iter()
            .map(|t| t.scalar?.typed(ValueKind::Count, HeaderUnit::None).ok())
            .collect()
    };
    let short: Vec<(usize, Vec<Value>)> = unplaced
        .iter()
        .enumerate()
        .filter_map(|(i, (found, _))| Some((i, typed(found)?)))
        .filter(|(_, values)| !may_be_run_together(values))
        .collect();
    let mut placed: Vec<(usize, Vec<Settled>)> = Vec::new();
    if !short.is_empty() && short.len() <= MOST_SHORT_ROWS {
        placed = settled(table, edition, &unplaced, &short);
    }
    for (i, (found, diagnostic)) in unplaced.into_iter().enumerate() {
        let settled = placed
            .iter()
            .find(|(p, _)| *p == i)
            .filter(|(_, settled)| settled.iter().any(|s| matches!(s, Settled::Cell(_))));
        let unchecked = settled.is_some_and(|(_, s)| !total_checked(table, edition, found, s));
        let Some((_, settled)) = settled.filter(|_| !unchecked) else {
            if !otherwise(ctx, table, found) {
                ctx.diagnostics.push(diagnostic);
                if unchecked {
                    ctx.diag(
                        Level::Info,
                        DiagnosticKind::RowAmbiguous,
                        format!(
                            "{}.{}: the table's sums hold only with the row's blank cell in total, which leaves its own total unchecked, and no column sum with every term known checks its figures: not placed",
                            TableId::Applications,
                            found.key
                        ),
                        Some(found.label),
                    );
                }
            }
            continue;
        };
        let mut unsure = Vec::new();
        let mut blank = None;
        for (&column, settled) in ApplicantColumn::ALL.iter().zip(settled) {
            let index = match settled {
                Settled::Cell(index) => *index,
                Settled::Blank => {
                    blank = Some(column);
                    continue;
                }
                Settled::Unsure => {
                    unsure.push(column.to_string());
                    continue;
                }
            };
            let token = &found.cells[index];
            let value = token
                .scalar
                .and_then(|s| s.typed(ValueKind::Count, HeaderUnit::None).ok())
                .unwrap_or(Value::Blank);
            let span = (token.start < token.end).then(|| ctx.span(token.range()));
            if let Some(cell) = table.cell_mut(found.key, column) {
                *cell = Cell { value, span };
            }
        }
        let head = format!(
            "{}.{}: the row shows {} cells for {columns} columns",
            TableId::Applications,
            found.key,
            found.cells.len()
        );
        let sums = "the table's sums (row total, outcome total, 一+二=三+四)";
        let (level, kind, message) = match blank {
            Some(blank) => (
                Level::Info,
                DiagnosticKind::RowRealigned,
                format!(
                    "{head}; its blank cell is put in {blank}, the one column where {sums} can hold"
                ),
            ),
            None => (
                Level::Warning,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "{head}; {sums} place its other cells, but cells {} are left blank: its blank cell is one of them, and the sums hold with it in more than one (a blank cell weighs in them as much as a `0` beside it)",
                    unsure.join(", ")
                ),
            ),
        };
        ctx.diag(level, kind, message, Some(found.label));
    }
}

/// Whether a short row's placement is checked by more than its own row total
/// being unknown. With the blank cell in 总计, the row's own sum is open and
/// holds whatever its six figures are, so a row that took figures that are
/// not its own (its label read before another row's figures once the label
/// between them was lost) is placed as well as a whole one. Such a placement
/// is kept only when each of its figures takes part in a column sum
/// (outcome total, 一+二=三+四) that holds with every term known; a
/// placement with its blank cell elsewhere is checked by its row total.
///
/// ```text
/// checked := blank ≠ 总计
///          | ∀ placed cell (r, c): ∃ column equation of c over (r, c),
///            every term known, that holds
/// ```
fn total_checked(
    table: &ApplicationsTable,
    edition: Edition,
    found: &FoundRow<ApplicationRow>,
    settled: &[Settled],
) -> bool {
    let Some((total, applicants)) = ApplicantColumn::ALL.split_last() else {
        return false;
    };
    if settled.get(applicants.len()) != Some(&Settled::Blank) {
        return true;
    }
    let own = |c: ApplicantColumn| -> Option<i128> {
        let at = ApplicantColumn::ALL.iter().position(|&k| k == c)?;
        match settled.get(at)? {
            Settled::Cell(i) => found
                .cells
                .get(*i)?
                .scalar?
                .typed(ValueKind::Count, HeaderUnit::None)
                .ok()?
                .integer(),
            Settled::Blank | Settled::Unsure => None,
        }
    };
    let value = |(r, c): (ApplicationRow, ApplicantColumn)| -> Option<i128> {
        if r == found.key {
            own(c)
        } else {
            table.cell(r, c).and_then(|cell| cell.value.integer())
        }
    };
    applicants.iter().all(|&c| {
        own(c).is_none()
            || equations(edition).iter().any(|eq| {
                let terms = || eq.left.iter().chain(&eq.right);
                terms().all(|&(_, k)| k == c && k != *total)
                    && terms().any(|&t| t == (found.key, c))
                    && {
                        let side = |side: &[(ApplicationRow, ApplicantColumn)]| {
                            side.iter().map(|&t| value(t)).sum::<Option<i128>>()
                        };
                        matches!((side(&eq.left), side(&eq.right)), (Some(l), Some(r)) if l == r)
                    }
            })
    })
}

/// Whether a row one cell short may as well be a whole row with two of its
/// figures run together (`1 2` → `12`): one of its values, cut in two counts,
/// gives seven cells whose six applicant columns add up to the total. Such a
/// row has two readings the sums cannot tell apart, so it is not placed.
///
/// ```text
/// run together := value v of the row, v = a ‖ b (a, b counts, no leading 0),
///                 and Σ the six applicant cells of (… a, b …) = the seventh
/// ```
fn may_be_run_together(values: &[Value]) -> bool {
    let Some(counts) = values
        .iter()
        .map(Value::integer)
        .collect::<Option<Vec<i128>>>()
    else {
        return false;
    };
    let count = |piece: &str| {
        (piece == "0" || !piece.starts_with('0'))
            .then(|| piece.parse::<i128>().ok())
            .flatten()
    };
    (0..counts.len()).any(|k| {
        let digits = counts[k].to_string();
        (1..digits.len()).any(|cut| {
            let (Some(a), Some(b)) = (count(&digits[..cut]), count(&digits[cut..])) else {
                return false;
            };
            let mut whole = counts[..k].to_vec();
            whole.extend([a, b]);
            whole.extend(&counts[k + 1..]);
            whole
                .split_last()
                .is_some_and(|(total, parts)| parts.iter().sum::<i128>() == *total)
        })
    })
}

/// What a column of a short row holds under every kept combination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Settled {
    /// The row's cell of this index.
    Cell(usize),
    /// The row's blank cell.
    Blank,
    /// Different cells under different combinations.
    Unsure,
}

/// For the short rows (by index in `unplaced`), what each column holds under
/// every combination of placements under which the sums can hold; nothing
/// when no combination can.
fn settled(
    table: &ApplicationsTable,
    edition: Edition,
    unplaced: &[(&FoundRow<ApplicationRow>, Diagnostic)],
    short: &[(usize, Vec<Value>)],
) -> Vec<(usize, Vec<Settled>)> {
    let columns = ApplicantColumn::ALL.len();
    let keys: Vec<ApplicationRow> = short.iter().map(|(i, _)| unplaced[*i].0.key).collect();
    let equations = equations(edition);
    let column_of = |c: ApplicantColumn| ApplicantColumn::ALL.iter().position(|&k| k == c);
    let mut out: Option<Vec<Vec<Settled>>> = None;
    // every combination of blank columns: the digits of `n` in base `columns`
    let mut blanks = vec![0usize; short.len()];
    loop {
        let value = |(r, c): (ApplicationRow, ApplicantColumn)| -> Option<i128> {
            let Some(i) = keys.iter().position(|&k| k == r) else {
                return table.cell(r, c).and_then(|cell| cell.value.integer());
            };
            short[i].1[cell_under(column_of(c)?, blanks[i])?].integer()
        };
        let holds = equations.iter().all(|eq| {
            let left: Vec<_> = eq.left.iter().map(|&t| value(t)).collect();
            let right: Vec<_> = eq.right.iter().map(|&t| value(t)).collect();
            can_hold(&left, &right)
        });
        if holds {
            let now = blanks.iter().map(|&b| {
                (0..columns).map(move |c| cell_under(c, b).map_or(Settled::Blank, Settled::Cell))
            });
            match &mut out {
                None => out = Some(now.map(Iterator::collect).collect()),
                Some(seen) => {
                    for (row, now) in seen.iter_mut().zip(now) {
                        for (s, n) in row.iter_mut().zip(now) {
                            if *s != n {
                                *s = Settled::Unsure;
                            }
                        }
                    }
                }
            }
        }
        // the next combination
        let Some(digit) = blanks.iter().position(|&b| b + 1 < columns) else {
            break;
        };
        for b in &mut blanks[..digit] {
            *b = 0;
        }
        blanks[digit] += 1;
    }
    out.map(|rows| short.iter().map(|(i, _)| *i).zip(rows).collect())
        .unwrap_or_default()
}

/// A total column and the columns it sums, by column index.
pub(crate) type Group<'a> = (&'a [usize], usize);

/// Places a row that shows one cell fewer than its `columns` (text whose
/// empty cells leave no line of their own, as lynx and inscriptis print
/// section 四's row) by its groups' totals: the cells keep their order, so a
/// placement is the column the missing cell is in.
///
/// ```text
/// short row   := cell{columns − 1}             (value or blank mark each)
/// placement   := blank column b ∈ 0..columns, the cells in the others in order
/// kept        := every placement under which each group's parts can sum to
///                its total, a blank term being an unknown count ≥ 0
/// placed cell := a column that holds the same cell under every kept
///                placement, in a group whose every term is that same figure
///                under all of them and whose parts add up to its total
/// ```
///
/// A group with the blank cell in it, or whose cells differ between kept
/// placements, is left out: a blank total bounds nothing, so only a group
/// that adds up with every term known confirms where its cells are (the
/// sums of a report that does not add up place nothing by chance). Returns
/// the placement of the confirmed columns (`None` for the others) and the
/// columns left out, or `None` when no placement is kept or a cell is not a
/// count.
pub(crate) fn place_by_groups(
    cells: &[Value],
    columns: usize,
    groups: &[Group<'_>],
) -> Option<(Placement, Vec<usize>)> {
    if cells.len() + 1 != columns {
        return None;
    }
    let counts: Vec<Option<i128>> = cells
        .iter()
        .map(|v| match v {
            Value::Blank => Some(None),
            v => v.integer().map(Some),
        })
        .collect::<Option<_>>()?;
    let mut seen: Option<Vec<Settled>> = None;
    for blank in 0..columns {
        let value = |c: usize| cell_under(c, blank).and_then(|i| counts[i]);
        let holds = groups.iter().all(|&(parts, total)| {
            let left: Vec<_> = parts.iter().map(|&c| value(c)).collect();
            can_hold(&left, &[value(total)])
        });
        if !holds {
            continue;
        }
        let now = (0..columns).map(|c| cell_under(c, blank).map_or(Settled::Blank, Settled::Cell));
        match &mut seen {
            None => seen = Some(now.collect()),
            Some(seen) => {
                for (s, n) in seen.iter_mut().zip(now) {
                    if *s != n {
                        *s = Settled::Unsure;
                    }
                }
            }
        }
    }
    let seen = seen?;
    let figure = |c: usize| match seen[c] {
        Settled::Cell(i) => counts[i],
        _ => None,
    };
    let mut placement = Placement::blank(columns);
    for &(parts, total) in groups {
        let terms: Option<Vec<i128>> = parts.iter().map(|&c| figure(c)).collect();
        let confirmed = terms
            .zip(figure(total))
            .is_some_and(|(parts, total)| parts.iter().sum::<i128>() == total);
        if confirmed {
            for &c in parts.iter().chain([&total]) {
                if let Settled::Cell(i) = seen[c] {
                    placement[c] = Some(i);
                }
            }
        }
    }
    let unsure = (0..columns).filter(|&c| placement[c].is_none()).collect();
    Some((placement, unsure))
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
    use super::can_hold;
    use crate::model::Value;

    #[test]
    fn a_short_row_that_adds_up_cut_in_two_may_be_run_together() {
        let row = |v: &[u64]| -> Vec<Value> { v.iter().map(|&n| Value::Count(n)).collect() };
        // `1 2 1 1 1 1 7` with `1 2` run together
        assert!(super::may_be_run_together(&row(&[12, 1, 1, 1, 1, 7])));
        // no cut of any value makes the six add up to the seventh
        assert!(!super::may_be_run_together(&row(&[3, 1, 1, 1, 1, 7])));
        // `05` is no count: `10 5` is no reading of `105`
        assert!(!super::may_be_run_together(&row(&[105, 1, 1, 1, 1, 5])));
    }

    #[test]
    fn a_blank_term_bounds_the_other_side() {
        assert!(can_hold(&[Some(2), Some(3)], &[Some(5)]));
        assert!(!can_hold(&[Some(2), Some(3)], &[Some(6)]));
        // a blank on the left is what the right has over the known terms
        assert!(can_hold(&[Some(2), None], &[Some(5)]));
        assert!(can_hold(&[Some(5), None], &[Some(5)]));
        assert!(!can_hold(&[Some(6), None], &[Some(5)]));
        assert!(!can_hold(&[Some(5)], &[Some(6), None]));
        assert!(can_hold(&[Some(9), None], &[Some(1), None]));
    }

    /// `place_by_groups` over counts (`None` a blank mark) of a row of two
    /// groups of two parts and their total.
    fn by_groups(cells: &[Option<u64>]) -> Option<(super::Placement, Vec<usize>)> {
        let values: Vec<Value> = cells
            .iter()
            .map(|c| c.map_or(Value::Blank, Value::Count))
            .collect();
        super::place_by_groups(&values, 6, &[(&[0, 1], 2), (&[3, 4], 5)])
    }

    #[test]
    fn the_groups_totals_place_a_short_row() {
        // `2 1 3 4 4`: the blank cell can only be in the second group (in
        // the first, `3 4 4` would break the second's total); which of its
        // columns stays open, a blank total being any count
        let (placement, unsure) =
            by_groups(&[Some(2), Some(1), Some(3), Some(4), Some(4)]).unwrap();
        assert_eq!(placement, [Some(0), Some(1), Some(2), None, None, None]);
        assert_eq!(unsure, [3, 4, 5]);
        // `2 1 3 5 4`: parts 5 and 4 fit no total of 4 or 5: the blank cell
        // is the second group's total, which confirms nothing of its parts
        let (placement, unsure) =
            by_groups(&[Some(2), Some(1), Some(3), Some(5), Some(4)]).unwrap();
        assert_eq!(placement, [Some(0), Some(1), Some(2), None, None, None]);
        assert_eq!(unsure, [3, 4, 5]);
        // a group with a blank mark in it does not add up with every term
        // known: nothing is placed
        let (placement, _) = by_groups(&[None, Some(1), Some(1), Some(4), Some(4)]).unwrap();
        assert!(placement.iter().all(Option::is_none), "{placement:?}");
        // two cells short: not placed
        assert_eq!(by_groups(&[Some(2), Some(1), Some(3), Some(4)]), None);
        // no placement keeps the totals
        assert_eq!(
            by_groups(&[Some(9), Some(1), Some(3), Some(5), Some(1)]),
            None
        );
        // a row as long as the columns is not short
        assert_eq!(by_groups(&[Some(1); 6]), None);
    }

    const LYNX: &str = include_str!("../../../tests/fixtures/tools/lynx/render_w2019_web.txt");

    #[test]
    fn short_rows_no_placement_of_which_keeps_the_sums_stay_blank() {
        // 予以公开's total made 21: its six cells sum to 20 wherever its blank
        // cell is, or break the 其他 column's sum as its total
        let text = LYNX.replacen(
            "   20\n\n   （二）部分公开",
            "   21\n\n   （二）部分公开",
            1,
        );
        let r = read(&text);
        for column in ["natural_person", "research_institution", "total"] {
            assert_eq!(get(&r, &format!("applications.granted.{column}")), "");
        }
        assert!(r.diagnostics.iter().any(|d| {
            d.message
                .starts_with("applications.granted: cells left blank")
        }));
    }

    #[test]
    fn a_blank_cell_beside_a_zero_leaves_both_columns_blank() {
        // lynx prints no line for an empty cell; 8.属于行政查询事项 shows
        // `2 0 1 1 1 5` for seven columns, its blank cell beside the 0
        let r = read(LYNX);
        let row = "applications.denied_inquiry";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "2");
        assert_eq!(get(&r, &format!("{row}.commercial_enterprise")), "");
        assert_eq!(get(&r, &format!("{row}.research_institution")), "");
        assert_eq!(get(&r, &format!("{row}.public_interest_org")), "1");
        assert_eq!(get(&r, &format!("{row}.total")), "5");
        assert!(r.diagnostics.iter().any(|d| {
            d.message
                .contains("cells commercial_enterprise, research_institution are left blank")
        }));
        // 予以公开 has no 0 beside its blank cell: placed in full
        assert_eq!(get(&r, "applications.granted.natural_person"), "11");
        assert_eq!(get(&r, "applications.granted.commercial_enterprise"), "");
        assert_eq!(get(&r, "applications.granted.research_institution"), "2");
        assert_eq!(get(&r, "applications.granted.total"), "20");
        assert!(r.diagnostics.iter().any(|d| d.message.starts_with(
            "applications.granted: the row shows 6 cells for 7 columns; its blank cell is put in commercial_enterprise"
        )));
    }

    #[test]
    fn section_four_s_short_row_is_placed_by_its_groups_totals() {
        // lynx prints `2 1 0 1 4 1 1 1 3 1 1 0 0 2` for fifteen columns: only
        // with the blank cell in the second group do the other two hold
        let r = read(LYNX);
        let row = "review_litigation";
        assert_eq!(get(&r, &format!("{row}.reconsideration.upheld")), "2");
        assert_eq!(get(&r, &format!("{row}.reconsideration.total")), "4");
        assert_eq!(
            get(&r, &format!("{row}.litigation_after_reconsideration.total")),
            "2"
        );
        for column in ["upheld", "corrected", "total"] {
            assert_eq!(get(&r, &format!("{row}.litigation_direct.{column}")), "");
        }
        assert!(r.diagnostics.iter().any(|d| {
            d.message
                .contains("the groups' totals place them, but cells litigation_direct.upheld")
        }));
    }

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
