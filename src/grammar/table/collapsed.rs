//! Cells run together: crawlers that strip all markup and white space leave a
//! row as its label followed by its values with nothing between them
//! (`行政许可3960181` is 396 / 0 / 181, `2648-18538` is 2648 / −18 / 538).
//!
//! Such a run is split only where the table's own constraints leave exactly one
//! split. The search is bounded: every way to cut a run into the row's values is
//! listed, each piece a well-formed value of its column's kind (no leading
//! zeros, a sign only in a change, a unit only in an amount), runs longer than
//! [`MAX_RUN_CHARS`] or with more than [`MAX_SPLITS`] cuts are not split at all;
//! row totals then filter each row's cuts, and the column sums of the
//! applications table (outcome total, balance) remove the cuts no choice in the
//! other rows can complete, until nothing changes. A row left with one cut is
//! read; any other is left blank with a diagnostic.

use std::collections::BTreeSet;

use crate::grammar::value::{HeaderUnit, Scalar, scalar};
use crate::model::{Value, ValueKind};

/// The longest run, in characters, that is split.
pub(crate) const MAX_RUN_CHARS: usize = 64;
/// The most cuts of one run that are considered.
pub(crate) const MAX_SPLITS: usize = 20_000;
/// The most pieces tried while cutting one run.
const MAX_STEPS: usize = 200_000;

/// One cut of a run: each piece's byte range (relative to the run) and value.
pub(crate) type Cut = Vec<(usize, usize, Value)>;

fn well_formed(piece: &str, kind: ValueKind) -> bool {
    let digits = piece.trim_start_matches(['+', '-']);
    // no leading zeros: `05` is not how a number is written
    let first_number = digits
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap_or("");
    if first_number.len() > 1 && first_number.starts_with('0') {
        return false;
    }
    if let Some((_, b)) = digits.split_once('/')
        && b.len() > 1
        && b.starts_with('0')
    {
        return false;
    }
    if piece.contains(',') {
        return false;
    }
    match kind {
        ValueKind::Amount => !piece.starts_with(['+', '-']),
        ValueKind::Count => !piece.starts_with(['+', '-']) && !piece.contains('/'),
        _ => true,
    }
}

/// Every cut of `run` into values of `kinds`; `None` when the run is too long or
/// has too many cuts to be read with certainty.
pub(crate) fn cuts(run: &str, kinds: &[ValueKind], unit: HeaderUnit) -> Option<Vec<Cut>> {
    cut_run(run, kinds, unit, false)
}

/// The cuts of `run` into counts whose last is the sum of the others (a row and
/// its total), pruning cuts whose running sum no remaining total could reach.
pub(crate) fn cuts_with_total(run: &str, columns: usize) -> Option<Vec<Cut>> {
    let kinds = vec![ValueKind::Count; columns];
    let all = cut_run(run, &kinds, HeaderUnit::None, true)?;
    let parts: Vec<usize> = (0..columns.saturating_sub(1)).collect();
    Some(keep_summing(all, &[(&parts, columns - 1)]))
}

fn cut_run(run: &str, kinds: &[ValueKind], unit: HeaderUnit, total: bool) -> Option<Vec<Cut>> {
    if run.chars().count() > MAX_RUN_CHARS || kinds.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    let mut current = Vec::new();
    let mut steps = 0;
    let mut walker = Walker {
        run,
        unit,
        total,
        steps: &mut steps,
    };
    if walker.walk(0, kinds, &mut current, &mut out) {
        Some(out)
    } else {
        None
    }
}

struct Walker<'r, 's> {
    run: &'r str,
    unit: HeaderUnit,
    /// The last piece is the sum of the others.
    total: bool,
    steps: &'s mut usize,
}

impl Walker<'_, '_> {
    /// Extends `current` with every cut of `run[pos..]` into `kinds`; false when
    /// the search went past its bounds.
    fn walk(
        &mut self,
        pos: usize,
        kinds: &[ValueKind],
        current: &mut Cut,
        out: &mut Vec<Cut>,
    ) -> bool {
        *self.steps += 1;
        if *self.steps > MAX_STEPS {
            return false;
        }
        let run = self.run;
        let Some((&kind, rest)) = kinds.split_first() else {
            if pos == run.len() {
                out.push(current.clone());
            }
            return out.len() <= MAX_SPLITS;
        };
        let remaining = run[pos..].chars().count();
        if remaining < kinds.len() {
            return true;
        }
        if self.total && !rest.is_empty() {
            // the total takes what the other pieces leave: at most this many digits
            let digits = remaining + 1 - kinds.len();
            let sum: i128 = current.iter().filter_map(|p| p.2.integer()).sum();
            if digits < 38 && sum > 10i128.pow(digits as u32) {
                return true;
            }
        }
        let ends: Vec<usize> = run[pos..]
            .char_indices()
            .skip(1)
            .map(|(i, _)| pos + i)
            .chain([run.len()])
            .collect();
        for end in ends {
            if rest.is_empty() && end != run.len() {
                continue;
            }
            let piece = &run[pos..end];
            if !well_formed(piece, kind) {
                continue;
            }
            let Some(s) = scalar(piece) else { continue };
            if s == Scalar::Blank {
                continue;
            }
            let Ok(value) = s.typed(kind, self.unit) else {
                continue;
            };
            current.push((pos, end, value));
            let ok = self.walk(end, rest, current, out);
            current.pop();
            if !ok {
                return false;
            }
        }
        true
    }
}

/// The cuts whose groups add up: for each `(parts, total)`, the values at
/// `parts` sum to the value at `total`.
pub(crate) fn keep_summing(cuts: Vec<Cut>, groups: &[(&[usize], usize)]) -> Vec<Cut> {
    cuts.into_iter()
        .filter(|cut| {
            groups.iter().all(|(parts, total)| {
                let sum: Option<i128> = parts.iter().map(|&i| cut[i].2.integer()).sum();
                sum == cut[*total].2.integer()
            })
        })
        .collect()
}

/// One term of a linear equation over the applications table: a cell that is
/// known, blank, or one of the cuts of a collapsed row.
#[derive(Debug, Clone)]
pub(crate) enum Term {
    Known(i128),
    Blank,
    /// Row `r` of the collapsed rows, column `c` of its cuts.
    Open {
        row: usize,
        column: usize,
    },
}

/// Removes the cuts of the collapsed rows that no choice in the other rows can
/// complete, for equations `Σ left = Σ right`. `options[r]` are row `r`'s cuts.
pub(crate) fn propagate(options: &mut [Vec<Cut>], equations: &[(Vec<Term>, Vec<Term>)]) {
    /// The largest set of partial sums tracked for one equation.
    const MAX_SUMS: usize = 4096;
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 64 {
        changed = false;
        rounds += 1;
        for (left, right) in equations {
            if left.iter().chain(right).any(|t| matches!(t, Term::Blank)) {
                continue; // a blank takes no part in a sum
            }
            let terms: Vec<(i128, &Term)> = left
                .iter()
                .map(|t| (1, t))
                .chain(right.iter().map(|t| (-1, t)))
                .collect();
            for (k, &(_, target)) in terms.iter().enumerate() {
                let Term::Open { row, column } = *target else {
                    continue;
                };
                // the sums the other terms can reach
                let mut sums: BTreeSet<i128> = BTreeSet::from([0]);
                let mut too_many = false;
                for (j, &(sign, t)) in terms.iter().enumerate() {
                    if j == k {
                        continue;
                    }
                    let values: BTreeSet<i128> = match *t {
                        Term::Known(v) => BTreeSet::from([v]),
                        Term::Open { row: r, column: c } if r == row => {
                            // the same row twice: handled through the target's own cut below
                            let _ = c;
                            continue;
                        }
                        Term::Open { row: r, column: c } => options[r]
                            .iter()
                            .filter_map(|cut| cut[c].2.integer())
                            .collect(),
                        Term::Blank => unreachable!("equations with blanks are skipped"),
                    };
                    sums = sums
                        .iter()
                        .flat_map(|s| values.iter().map(move |v| s + sign * v))
                        .collect();
                    if sums.len() > MAX_SUMS {
                        too_many = true;
                        break;
                    }
                }
                if too_many {
                    continue;
                }
                let my_sign = terms[k].0;
                let same_row: Vec<(i128, usize)> = terms
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != k)
                    .filter_map(|(_, &(sign, t))| match *t {
                        Term::Open { row: r, column: c } if r == row => Some((sign, c)),
                        _ => None,
                    })
                    .collect();
                let before = options[row].len();
                options[row].retain(|cut| {
                    let Some(mine) = cut[column].2.integer() else {
                        return false;
                    };
                    let own: i128 = same_row
                        .iter()
                        .map(|&(sign, c)| sign * cut[c].2.integer().unwrap_or(0))
                        .sum();
                    sums.contains(&(-(my_sign * mine) - own))
                });
                changed |= options[row].len() != before;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(run: &str, kinds: &[ValueKind]) -> Vec<Vec<String>> {
        cuts(run, kinds, HeaderUnit::None)
            .unwrap()
            .iter()
            .map(|cut| {
                cut.iter()
                    .map(|(s, e, _)| run[*s..*e].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn cuts_respect_value_kinds_and_leading_zeros() {
        use ValueKind::*;
        assert_eq!(texts("000", &[Count, Count, Count]), [["0", "0", "0"]]);
        assert_eq!(texts("666", &[Count, Count, Count]), [["6", "6", "6"]]);
        assert_eq!(texts("105", &[Count, Count]), [["10", "5"]]);
        assert!(texts("3960181", &[Count, Change, Count]).len() > 1);
        assert_eq!(texts("2648-18538", &[Count, Change, Count]).len(), 4);
        assert_eq!(texts("0/00", &[Change, Count]), [["0/0", "0"]]);
        assert_eq!(texts("3257万元", &[Count, Amount]).len(), 3);
    }

    #[test]
    fn row_totals_pick_the_cut() {
        use ValueKind::Count;
        let kinds = [Count; 7];
        // 25, 3, 0, 1, 0, 0 and the total 29: no other cut adds up
        let all = cuts("253010029", &kinds, HeaderUnit::None).unwrap();
        assert!(all.len() > 1);
        let kept = keep_summing(all, &[(&[0, 1, 2, 3, 4, 5], 6)]);
        assert_eq!(kept.len(), 1);
        let values: Vec<i128> = kept[0].iter().map(|p| p.2.integer().unwrap()).collect();
        assert_eq!(values, [25, 3, 0, 1, 0, 0, 29]);
        // 1, 2, 3, 0, 10, 1 against 12, 3, 0, 1, 0, 1, both with the total 17
        let all = cuts("123010117", &kinds, HeaderUnit::None).unwrap();
        assert_eq!(keep_summing(all, &[(&[0, 1, 2, 3, 4, 5], 6)]).len(), 2);
    }

    #[test]
    fn long_rows_with_a_total_are_cut_with_pruning() {
        // a row of a generated report, its six cells and total run together
        let run = "1787934394544419";
        let kept = cuts_with_total(run, 7).unwrap();
        for cut in &kept {
            let v: Vec<i128> = cut.iter().map(|p| p.2.integer().unwrap()).collect();
            assert_eq!(v[..6].iter().sum::<i128>(), v[6]);
        }
    }

    #[test]
    fn long_runs_are_not_split() {
        assert!(cuts(&"1".repeat(200), &[ValueKind::Count; 7], HeaderUnit::None).is_none());
        assert!(cuts(&"1".repeat(60), &[ValueKind::Count; 15], HeaderUnit::None).is_none());
    }

    #[test]
    fn column_sums_remove_cuts() {
        use ValueKind::Count;
        // two open rows: a = (1|11 or 11|1), and the equation a[0] = 11
        let mut options = vec![cuts("111", &[Count, Count], HeaderUnit::None).unwrap()];
        assert_eq!(options[0].len(), 2);
        propagate(
            &mut options,
            &[(
                vec![Term::Open { row: 0, column: 0 }],
                vec![Term::Known(11)],
            )],
        );
        assert_eq!(options[0].len(), 1);
        assert_eq!(options[0][0][0].2.integer(), Some(11));
    }
}
