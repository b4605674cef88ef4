//! Values cut apart by the tool that printed them, decided by section 三's
//! own sums.
//!
//! A cell written over after its first digits (`22\u{fffd}`, `8一`, or
//! broken bytes alone: see `tokens::filled`) is no figure by itself: the
//! figure printed starts with the digits shown, and more may have followed.
//! Section 三 states sums over its cells:
//!
//! ```text
//! per column c:  一[c] + 二[c] = (七)总计[c] + 四[c]     (balance)
//!                Σ outcome rows[c] = (七)总计[c]          (outcome total)
//! per row:       Σ applicant columns = 总计               (row total)
//! ```
//!
//! The cut cells are the unknowns: each a whole number starting with its
//! digits, and no larger than the known side of an equation it is in (the
//! cells are counts). Every assignment of them that keeps every sum is
//! searched for; a cut cell takes a value only when all of them give it the
//! same one, but for a cell that shows no digits and whose value would be 0
//! (a blank cell written over is such a cell too). A cell printed blank
//! counts as 0 when the report's sums show that they count it so (every sum
//! of known terms with a blank among them holds with the blank as 0, and one
//! at least is there); otherwise a sum with a blank term states nothing.
//! Nothing is decided when a sum whose terms are all known breaks (the
//! report's own sums are not to be trusted), or when the search is too
//! large.

use super::super::Ctx;
use crate::grammar::tokens::may_be;
use crate::model::{
    ApplicantColumn, ApplicationRow, ApplicationsTable, Cell, DiagnosticKind, Edition, Level,
    TableId, Value,
};
use crate::normalize::Norm;

/// A cell read as [`crate::grammar::value::Scalar::Cut`] and left blank.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CutCell {
    pub(crate) table: TableId,
    /// The index of the row in its table's rows, and of the column in the
    /// table's columns in template order.
    pub(crate) row: usize,
    pub(crate) column: usize,
    /// The digits shown: the figure starts with them.
    pub(crate) prefix: u64,
    pub(crate) digits: u8,
    /// The cell's text, in the normalized text.
    pub(crate) at: Norm,
    /// The diagnostic that says the cell was left blank.
    pub(crate) diagnostic: usize,
}

/// How many steps the search may take before it gives up.
const BUDGET: usize = 200_000;

/// A term of an equation: a known figure or an unknown (an index into the cut cells).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Term {
    Known(u64),
    Unknown(usize),
}

/// `left = right`.
#[derive(Debug, Clone, PartialEq)]
struct Equation {
    left: Vec<Term>,
    right: Vec<Term>,
}

/// The terms of one side of a sum: `(row, column)` in template order.
type Side = Vec<(usize, usize)>;

/// The sums of section 三, each `(left, right)`.
fn sums(edition: Edition) -> Vec<(Side, Side)> {
    use ApplicationRow as R;
    let rows = R::rows(edition);
    let at = |r: R| rows.iter().position(|&x| x == r);
    let columns = ApplicantColumn::ALL.len();
    let mut out = Vec::new();
    let (Some(new), Some(carried), Some(total), Some(forward)) = (
        at(R::NewRequests),
        at(R::CarriedOver),
        at(R::OutcomeTotal),
        at(R::CarriedForward),
    ) else {
        return out;
    };
    let outcomes: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].is_outcome()).collect();
    for c in 0..columns {
        out.push((vec![(new, c), (carried, c)], vec![(total, c), (forward, c)]));
        out.push((outcomes.iter().map(|&r| (r, c)).collect(), vec![(total, c)]));
    }
    for r in 0..rows.len() {
        out.push((
            (0..columns - 1).map(|c| (r, c)).collect(),
            vec![(r, columns - 1)],
        ));
    }
    out
}

/// Decides the cut cells of section 三 that its sums decide, in `table` as
/// filled in template order (before the printed header's order is followed).
pub(crate) fn decide_applications(
    ctx: &mut Ctx<'_>,
    table: &mut ApplicationsTable,
    edition: Edition,
) {
    let cuts: Vec<CutCell> = ctx
        .cut_cells
        .iter()
        .filter(|c| c.table == TableId::Applications)
        .copied()
        .collect();
    if cuts.is_empty() {
        return;
    }
    let rows = ApplicationRow::rows(edition);
    // each cut cell's row and column
    let keys: Vec<Option<(ApplicationRow, ApplicantColumn)>> = cuts
        .iter()
        .map(|k| {
            Some((
                table.rows.get(k.row)?.key,
                *ApplicantColumn::ALL.get(k.column)?,
            ))
        })
        .collect();
    // the cells printed blank (a mark or nothing), which count as 0 in the
    // sums of a report whose sums say so
    let printed: Vec<(ApplicationRow, ApplicantColumn)> = ctx
        .blank_cells
        .iter()
        .filter(|&&(id, _, _)| id == TableId::Applications)
        .filter_map(|&(_, r, c)| Some((table.rows.get(r)?.key, *ApplicantColumn::ALL.get(c)?)))
        .collect();
    let term = |(r, c): (usize, usize), blank_is_zero: bool| -> Option<Term> {
        let key = (*rows.get(r)?, *ApplicantColumn::ALL.get(c)?);
        if let Some(u) = keys.iter().position(|k| *k == Some(key)) {
            return Some(Term::Unknown(u));
        }
        let cell = table.cell(key.0, key.1)?;
        match cell.value {
            Value::Count(n) => Some(Term::Known(n)),
            Value::Blank if blank_is_zero && printed.contains(&key) => Some(Term::Known(0)),
            _ => None, // a blank states nothing
        }
    };
    let equations = |blank_is_zero: bool| -> Vec<(Equation, bool)> {
        let mut out = Vec::new();
        for (left, right) in sums(edition) {
            let has_blank = left.iter().chain(&right).any(|&(r, c)| {
                rows.get(r)
                    .zip(ApplicantColumn::ALL.get(c))
                    .is_some_and(|(&r, &c)| printed.contains(&(r, c)))
            });
            let side = |terms: Side| {
                terms
                    .into_iter()
                    .map(|t| term(t, blank_is_zero))
                    .collect::<Option<Vec<_>>>()
            };
            if let (Some(left), Some(right)) = (side(left), side(right)) {
                out.push((Equation { left, right }, has_blank));
            }
        }
        out
    };
    // blanks count as 0 when the report's sums show it: every sum of known
    // terms with a blank among them holds with the blank as 0, and one does
    let with_zeros = equations(true);
    let known = |eq: &Equation| {
        eq.left
            .iter()
            .chain(&eq.right)
            .all(|t| matches!(t, Term::Known(_)))
    };
    let sum = |terms: &[Term]| -> u64 {
        terms
            .iter()
            .map(|t| match t {
                Term::Known(n) => *n,
                Term::Unknown(_) => 0,
            })
            .sum()
    };
    let mut shown = with_zeros
        .iter()
        .filter(|(eq, has_blank)| *has_blank && known(eq))
        .map(|(eq, _)| sum(&eq.left) == sum(&eq.right));
    let first = shown.next();
    let blank_is_zero = first == Some(true) && shown.all(|holds| holds);
    let equations: Vec<Equation> = if blank_is_zero {
        with_zeros
    } else {
        equations(false)
    }
    .into_iter()
    .map(|(eq, _)| eq)
    .collect();
    let Some(values) = solve(&cuts, &equations) else {
        return;
    };
    for ((cut, value), key) in cuts.iter().zip(values).zip(keys) {
        let (Some(value), Some((row, column))) = (value, key) else {
            continue;
        };
        // a cell of broken bytes alone may have been blank: the sums count
        // a blank as no applications, and cannot tell it from a 0
        if cut.digits == 0 && value == 0 {
            continue;
        }
        let text = &ctx.doc[cut.at.range()];
        let message = format!(
            "{}.{row}.{column}: `{text}` was cut apart by the tool that printed it; read as {value}, the one value the table's sums allow",
            TableId::Applications
        );
        let span = ctx.span(cut.at);
        if let Some(cell) = table.cell_mut(row, column) {
            *cell = Cell {
                value: Value::Count(value),
                span: Some(span),
            };
            if let Some(d) = ctx.diagnostics.get_mut(cut.diagnostic) {
                d.level = Level::Info;
                d.kind = DiagnosticKind::ValueUnreadable;
                d.message = message;
            }
        }
    }
}

/// The value every assignment of the unknowns that keeps every equation
/// gives each unknown, where they all give the same one; `None` when a sum
/// of known terms breaks or the search is too large.
fn solve(cuts: &[CutCell], equations: &[Equation]) -> Option<Vec<Option<u64>>> {
    let sum = |terms: &[Term]| -> Option<u64> {
        terms.iter().try_fold(0u64, |acc, t| match t {
            Term::Known(n) => acc.checked_add(*n),
            Term::Unknown(_) => None,
        })
    };
    // the report's own sums must hold where every term is known
    for eq in equations {
        if let (Some(l), Some(r)) = (sum(&eq.left), sum(&eq.right))
            && l != r
        {
            return None;
        }
    }
    let bounds = bounds(cuts, equations);
    // an unbounded unknown: its equations decide nothing
    let unbounded = |eq: &&Equation| {
        eq.left.iter().chain(&eq.right).any(|t| match t {
            Term::Unknown(u) => bounds[*u].is_none(),
            Term::Known(_) => false,
        })
    };
    let equations: Vec<&Equation> = equations
        .iter()
        .filter(|eq| !unbounded(eq))
        .filter(|eq| {
            eq.left
                .iter()
                .chain(&eq.right)
                .any(|t| matches!(t, Term::Unknown(_)))
        })
        .collect();
    let domains: Vec<Vec<u64>> = cuts
        .iter()
        .zip(&bounds)
        .map(|(cut, bound)| {
            bound.map_or_else(Vec::new, |(lo, hi)| {
                (lo..=hi)
                    .filter(|&v| may_be(cut.prefix, cut.digits, v))
                    .collect()
            })
        })
        .collect();
    let mut search = Search {
        equations: &equations,
        domains: &domains,
        seen: vec![None; cuts.len()],
        steps: 0,
    };
    let mut assigned = vec![None; cuts.len()];
    if !search.run(&mut assigned) {
        return None;
    }
    Some(
        search
            .seen
            .into_iter()
            .zip(&bounds)
            .map(|(seen, bound)| match (seen, bound) {
                (Some(Seen::One(v)), Some(_)) => Some(v),
                _ => None,
            })
            .collect(),
    )
}

/// The least and greatest value each unknown may take, by the equations
/// (every term a count, so never below 0): a side's terms are at most the
/// other side's greatest sum less the least of their neighbours, and at
/// least its least sum less the greatest of theirs, until nothing narrows.
/// `None` for an unknown no equation bounds (or bounds too loosely to search);
/// a least value above the
/// greatest tells that no value fits.
///
/// ```text
/// hi(u) = min over equations S = O with u in S of  Σhi(O) − (Σlo(S) − lo(u))
/// lo(u) = max over the same of                     Σlo(O) − (Σhi(S) − hi(u))
/// ```
fn bounds(cuts: &[CutCell], equations: &[Equation]) -> Vec<Option<(u64, u64)>> {
    /// Above this an unknown counts as unbounded.
    const UNBOUNDED: u64 = u64::MAX / 4;
    /// The most rounds of narrowing.
    const ROUNDS: usize = 64;
    /// The widest range of values searched for one unknown (the search
    /// lists them): a wider one counts as unbounded.
    const MAX_SPAN: u64 = 100_000;
    let mut lo: Vec<u64> = cuts.iter().map(|c| c.prefix).collect();
    let mut hi: Vec<u64> = vec![UNBOUNDED; cuts.len()];
    let sums = |terms: &[Term], lo: &[u64], hi: &[u64]| -> (u64, u64) {
        terms.iter().fold((0u64, 0u64), |(l, h), t| match *t {
            Term::Known(n) => (l.saturating_add(n), h.saturating_add(n)),
            Term::Unknown(u) => (l.saturating_add(lo[u]), h.saturating_add(hi[u])),
        })
    };
    for _ in 0..ROUNDS {
        let mut narrowed = false;
        for eq in equations {
            for (side, other) in [(&eq.left, &eq.right), (&eq.right, &eq.left)] {
                let (other_lo, other_hi) = sums(other, &lo, &hi);
                let (side_lo, side_hi) = sums(side, &lo, &hi);
                for t in side.iter() {
                    let Term::Unknown(u) = *t else { continue };
                    if other_hi < UNBOUNDED {
                        let rest_lo = side_lo - lo[u];
                        let top = other_hi.saturating_sub(rest_lo);
                        if top < hi[u] {
                            hi[u] = top;
                            narrowed = true;
                        }
                    }
                    if side_hi < UNBOUNDED {
                        let rest_hi = side_hi - hi[u];
                        let bottom = other_lo.saturating_sub(rest_hi);
                        if bottom > lo[u] {
                            lo[u] = bottom;
                            narrowed = true;
                        }
                    }
                }
            }
        }
        if !narrowed {
            break;
        }
    }
    lo.into_iter()
        .zip(hi)
        .map(|(lo, hi)| (hi < UNBOUNDED && hi.saturating_sub(lo) <= MAX_SPAN).then_some((lo, hi)))
        .collect()
}

/// The values an unknown took in the assignments found.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Seen {
    One(u64),
    Several,
}

/// A depth-first search of the assignments that keep every equation.
struct Search<'e> {
    equations: &'e [&'e Equation],
    domains: &'e [Vec<u64>],
    seen: Vec<Option<Seen>>,
    steps: usize,
}

impl Search<'_> {
    /// Extends `assigned` in every way that keeps the equations; false when
    /// the budget ran out.
    fn run(&mut self, assigned: &mut Vec<Option<u64>>) -> bool {
        self.steps += 1;
        if self.steps > BUDGET {
            return false;
        }
        // the equations as they stand: broken, or the unknowns left in them;
        // an equation with one unknown left gives its value
        let mut next: Option<(usize, usize)> = None; // (unknowns left, unknown)
        let mut forced: Option<(usize, Option<u64>)> = None;
        for eq in self.equations {
            let (mut left, mut right) = (0u64, 0u64);
            // the greatest sum each side may still reach
            let (mut left_hi, mut right_hi) = (0u64, 0u64);
            let mut open: Option<(usize, bool)> = None; // an unknown left, on the left side
            let mut count = 0;
            for (is_left, terms) in [(true, &eq.left), (false, &eq.right)] {
                for t in terms {
                    let (side, hi) = if is_left {
                        (&mut left, &mut left_hi)
                    } else {
                        (&mut right, &mut right_hi)
                    };
                    match *t {
                        Term::Known(n) => *side += n,
                        Term::Unknown(u) => match assigned[u] {
                            Some(v) => *side += v,
                            None => {
                                let (Some(&min), Some(&max)) =
                                    (self.domains[u].first(), self.domains[u].last())
                                else {
                                    return true; // no value fits: no assignment down this way
                                };
                                *side += min;
                                *hi += max - min;
                                count += 1;
                                open.get_or_insert((u, is_left));
                            }
                        },
                    }
                }
            }
            // (`left` and `right` hold the least sums; with no unknown left, the sums)
            if left > right + right_hi || right > left + left_hi {
                return true; // the sides cannot meet
            }
            if count > 0 {
                // the value of a last unknown follows from the sums without its least value
                let (u, is_left) = open.expect("an unknown left");
                let min = self.domains[u][0];
                if is_left {
                    left -= min;
                } else {
                    right -= min;
                }
            }
            match open {
                None if left != right => return true, // no assignment down this way
                None => {}
                Some((u, is_left)) if count == 1 => {
                    let value = if is_left {
                        right.checked_sub(left)
                    } else {
                        left.checked_sub(right)
                    };
                    forced = Some((u, value));
                    break;
                }
                Some((u, _)) if next.is_none_or(|(n, _)| count < n) => {
                    next = Some((count, u));
                }
                Some(_) => {}
            }
        }
        if let Some((u, value)) = forced {
            let Some(v) = value.filter(|v| self.domains[u].binary_search(v).is_ok()) else {
                return true; // the value the equation gives is not one the cell may hold
            };
            assigned[u] = Some(v);
            let ok = self.run(assigned);
            assigned[u] = None;
            return ok;
        }
        let Some(u) = next.map(|(_, u)| u) else {
            // every unknown of the equations has a value and every equation holds
            for (seen, value) in self.seen.iter_mut().zip(assigned.iter()) {
                let Some(v) = *value else { continue };
                *seen = match *seen {
                    None => Some(Seen::One(v)),
                    Some(Seen::One(w)) if w == v => Some(Seen::One(v)),
                    _ => Some(Seen::Several),
                };
            }
            return true;
        };
        for &v in &self.domains[u] {
            assigned[u] = Some(v);
            let ok = self.run(assigned);
            assigned[u] = None;
            if !ok {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(prefix: u64, digits: u8) -> CutCell {
        CutCell {
            table: TableId::Applications,
            row: 0,
            column: 0,
            prefix,
            digits,
            at: Norm::new(0, 0),
            diagnostic: 0,
        }
    }

    fn eq(left: &[Term], right: &[Term]) -> Equation {
        Equation {
            left: left.to_vec(),
            right: right.to_vec(),
        }
    }

    use Term::{Known as K, Unknown as U};

    #[test]
    fn one_unknown_in_a_sum_is_decided_when_its_digits_agree() {
        let eqs = [eq(&[U(0), K(3), K(4)], &[K(29)])];
        assert_eq!(solve(&[cut(22, 2)], &eqs), Some(vec![Some(22)]));
        assert_eq!(solve(&[cut(0, 0)], &eqs), Some(vec![Some(22)]));
        // the digits shown disagree with the sums: nothing is decided
        assert_eq!(solve(&[cut(3, 1)], &eqs), Some(vec![None]));
    }

    #[test]
    fn two_unknowns_in_one_sum_are_decided_by_their_digits_alone_or_not_at_all() {
        let eqs = [eq(&[U(0), U(1)], &[K(30)])];
        // 22 + 8: 2x would leave 8 or less for a value starting with 8
        assert_eq!(
            solve(&[cut(22, 2), cut(8, 1)], &eqs),
            Some(vec![Some(22), Some(8)])
        );
        // 1 + 29, 10 + 20, ..., 19 + 11: many ways
        assert_eq!(solve(&[cut(1, 1), cut(0, 0)], &eqs), Some(vec![None, None]));
    }

    #[test]
    fn an_unknown_bounded_too_loosely_is_not_searched() {
        let eqs = [eq(&[U(0), U(1)], &[K(1_000_000_003)])];
        assert_eq!(solve(&[cut(0, 0), cut(0, 0)], &eqs), Some(vec![None, None]));
        // one unknown: narrowed to one value, it is searched
        let eqs = [eq(&[U(0), K(3)], &[K(1_000_000_003)])];
        assert_eq!(solve(&[cut(1, 1)], &eqs), Some(vec![Some(1_000_000_000)]));
    }

    #[test]
    fn a_broken_sum_of_known_terms_decides_nothing() {
        let eqs = [eq(&[U(0), K(3)], &[K(25)]), eq(&[K(1), K(1)], &[K(3)])];
        assert_eq!(solve(&[cut(22, 2)], &eqs), None);
    }

    #[test]
    fn an_unknown_with_no_bound_is_not_decided() {
        let eqs = [eq(&[U(0), U(1)], &[U(2)])];
        assert_eq!(
            solve(&[cut(1, 1), cut(2, 1), cut(3, 1)], &eqs),
            Some(vec![None, None, None])
        );
    }

    #[test]
    fn a_row_total_decides_a_value_cut_apart_in_the_text() {
        use super::super::test_support::{get, read};
        let text = |cells: &str| {
            [
                "三、收到和处理政府信息公开申请情况",
                "|        |申请人情况_____|",
                "|（本列数据的勾稽关系为：第一项加第二\u{fffd}|自|法人或其他组织加\u{fffd}|总|\u{fffd}\u{fffd}之和）",
                "|________|___|商\u{fffd}|科\u{fffd}|社会|法律|\u{fffd}|他\u{fffd}\u{fffd}构",
                "|一、本年新收政府信息公开申请数量___|178|79__|34__|39____|45____|44|419|",
                &format!("|         |（一）予以公开____|{cells}|"),
                "四、政府信息公开行政复议、行政诉讼情况\n",
            ]
            .join("\n")
        };
        let r = read(&text("22\u{fffd}|3___|1___|0___|0___|1___|27___"));
        assert_eq!(get(&r, "applications.granted.natural_person"), "22");
        assert_eq!(get(&r, "applications.granted.total"), "27");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("the one value the table's sums allow"))
        );
        // the total says 23: no value starting with 22 keeps it
        let r = read(&text("22\u{fffd}|3___|1___|0___|0___|1___|23___"));
        assert_eq!(get(&r, "applications.granted.natural_person"), "");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("cut the cell apart"))
        );
    }

    #[test]
    fn a_blank_counts_as_0_only_where_the_report_s_sums_count_it_so() {
        use super::super::test_support::{get, read};
        let text = |granted: &str, partial: &str| {
            [
                "三、收到和处理政府信息公开申请情况",
                "|        |申请人情况_____|",
                "|（本列数据的勾稽关系为：第一项加第二\u{fffd}|自|法人或其他组织加\u{fffd}|总|",
                "|________|___|商\u{fffd}|科\u{fffd}|社会|法律|\u{fffd}|他\u{fffd}\u{fffd}构",
                &format!("|         |（一）予以公开____|{granted}|"),
                &format!(
                    "|         |（二）部分公开（区分处理的，只计这一情形，不计其他情形）|{partial}|"
                ),
                "四、政府信息公开行政复议、行政诉讼情况\n",
            ]
            .join("\n")
        };
        let granted = "22\u{fffd}|____|1___|0___|0___|1___|24___";
        // the other row's sum holds with its blank as 0: the blank counts so
        let r = read(&text(granted, "2|____|1|0|0|1|4"));
        assert_eq!(get(&r, "applications.granted.natural_person"), "22");
        assert_eq!(get(&r, "applications.granted.commercial_enterprise"), "");
        // it does not: a blank states nothing
        let r = read(&text(granted, "2|____|1|0|0|1|5"));
        assert_eq!(get(&r, "applications.granted.natural_person"), "");
    }
}
