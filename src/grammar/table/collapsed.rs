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

use crate::grammar::value::{HeaderUnit, Scalar, scalar};
use crate::model::{Value, ValueKind};
use std::ops::Range;

/// The longest run, in characters, that is split.
pub(crate) const MAX_RUN_CHARS: usize = 64;
/// The most cuts of one run that are considered.
pub(crate) const MAX_SPLITS: usize = 20_000;
/// The most pieces tried while cutting one run.
const MAX_STEPS: usize = 200_000;
/// The most pieces [`cuts`] cuts a run into (the review table's fifteen
/// cells are the most).
pub(crate) const MAX_PIECES: usize = 16;
/// The most columns of a row with its total that [`cuts_with_total`] cuts
/// into (the applications table has seven).
pub(crate) const MAX_TOTAL_COLUMNS: usize = 7;

/// One piece of a cut: its byte range (relative to the run) and value.
pub(crate) type Piece = (usize, usize, Value);

/// One cut of a run: each piece in order, one for each column.
pub(crate) type Cut = [Piece];

/// The cuts of a run, every one with the same number of pieces (one for each
/// column), kept one after the other in one list: a search makes one list
/// however many cuts it finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Cuts {
    /// Pieces in a cut; 0 only when there are no cuts.
    columns: usize,
    pieces: Vec<Piece>,
}

impl Cuts {
    /// No cuts yet of `columns` pieces each.
    fn new(columns: usize) -> Cuts {
        Cuts {
            columns,
            pieces: Vec::new(),
        }
    }

    /// How many cuts there are.
    pub(crate) fn len(&self) -> usize {
        self.pieces.len().checked_div(self.columns).unwrap_or(0)
    }

    /// True when there is no cut.
    pub(crate) fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The cuts in order.
    pub(crate) fn iter(&self) -> std::slice::ChunksExact<'_, Piece> {
        self.pieces.chunks_exact(self.columns.max(1))
    }

    /// The cut when there is exactly one.
    pub(crate) fn only(&self) -> Option<&Cut> {
        (self.len() == 1).then_some(&self.pieces[..])
    }

    /// Adds a cut, which has `columns` pieces.
    fn push(&mut self, cut: &Cut) {
        debug_assert_eq!(cut.len(), self.columns);
        self.pieces.extend_from_slice(cut);
    }

    /// Adds the cuts of `other`, cuts of as many pieces.
    pub(crate) fn extend(&mut self, other: &Cuts) {
        if self.pieces.is_empty() {
            self.columns = other.columns;
        }
        debug_assert!(other.is_empty() || other.columns == self.columns);
        self.pieces.extend_from_slice(&other.pieces);
    }

    /// Keeps the cuts `keep` says yes to, in order, in place.
    pub(crate) fn retain(&mut self, keep: impl FnMut(&Cut) -> bool) {
        let kept = self.retain_in(0..self.len(), keep);
        self.truncate(kept);
    }

    /// Keeps the cuts of `range` that `keep` says yes to, in order, from the
    /// start of `range` on; the end of the cuts kept. The cuts past it in
    /// `range` are left as they are.
    fn retain_in(&mut self, range: Range<usize>, mut keep: impl FnMut(&Cut) -> bool) -> usize {
        let n = self.columns;
        let mut kept = range.start;
        for i in range {
            if keep(&self.pieces[i * n..(i + 1) * n]) {
                if kept != i {
                    self.pieces.copy_within(i * n..(i + 1) * n, kept * n);
                }
                kept += 1;
            }
        }
        kept
    }

    /// Keeps the first `len` cuts.
    fn truncate(&mut self, len: usize) {
        self.pieces.truncate(len * self.columns);
    }
}

/// The cuts of the collapsed rows of one table, all of them in one list,
/// row after row.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowCuts {
    cuts: Cuts,
    /// Each row's cuts in `cuts`, as indices.
    rows: Vec<Range<usize>>,
}

impl RowCuts {
    /// No rows yet, with room for `rows` of one cut of `columns` pieces each
    /// (most collapsed rows have one cut).
    pub(crate) fn with_capacity(rows: usize, columns: usize) -> RowCuts {
        RowCuts {
            cuts: Cuts {
                columns,
                pieces: Vec::with_capacity(rows * columns),
            },
            rows: Vec::with_capacity(rows),
        }
    }

    /// How many rows there are.
    pub(crate) fn rows(&self) -> usize {
        self.rows.len()
    }

    /// How many cuts row `r` has.
    pub(crate) fn count(&self, r: usize) -> usize {
        self.rows[r].len()
    }

    /// The cuts of row `r`.
    pub(crate) fn row(&self, r: usize) -> impl Iterator<Item = &Cut> {
        self.rows[r].clone().map(|i| &self.cuts[i])
    }

    /// The cut of row `r` when it has exactly one.
    pub(crate) fn only(&self, r: usize) -> Option<&Cut> {
        let range = &self.rows[r];
        (range.len() == 1).then(|| &self.cuts[range.start])
    }

    /// Adds a row: the cuts of `run` into `columns` counts whose last is the
    /// sum of the others ([`cuts_with_total`]); false, and a row without
    /// cuts, when the run is too long or has too many cuts.
    pub(crate) fn push_with_total(&mut self, run: &str, columns: usize) -> bool {
        let start = self.cuts.len();
        let found = cuts_with_total(run, columns, &mut self.cuts);
        self.rows.push(start..self.cuts.len());
        found
    }

    /// Adds a row with the cuts `cuts`, cuts of as many pieces as the others.
    #[cfg(test)]
    fn push(&mut self, cuts: &Cuts) {
        let start = self.cuts.len();
        self.cuts.extend(cuts);
        self.rows.push(start..self.cuts.len());
    }

    /// Keeps the cuts of row `r` that `keep` says yes to.
    fn retain(&mut self, r: usize, keep: impl FnMut(&Cut) -> bool) {
        let range = self.rows[r].clone();
        self.rows[r].end = self.cuts.retain_in(range, keep);
    }
}

impl std::ops::Index<usize> for Cuts {
    type Output = Cut;

    fn index(&self, i: usize) -> &Cut {
        &self.pieces[i * self.columns..(i + 1) * self.columns]
    }
}

impl<'a> IntoIterator for &'a Cuts {
    type Item = &'a Cut;
    type IntoIter = std::slice::ChunksExact<'a, Piece>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

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
/// has too many cuts to be read with certainty, or for more than
/// [`MAX_PIECES`] kinds.
pub(crate) fn cuts(run: &str, kinds: &[ValueKind], unit: HeaderUnit) -> Option<Cuts> {
    if run.chars().count() > MAX_RUN_CHARS || kinds.is_empty() || kinds.len() > MAX_PIECES {
        return None;
    }
    let mut out = Cuts::new(kinds.len());
    // the cut being made, a piece for each kind
    let mut current = [(0, 0, Value::Blank); MAX_PIECES];
    let mut steps = 0;
    let mut walker = Walker {
        run,
        unit,
        steps: &mut steps,
        current: &mut current[..kinds.len()],
        out: &mut out,
    };
    walker.walk(0, kinds).then_some(out)
}

/// The cuts of `run` into counts whose last is the sum of the others (a row and
/// its total). A run of digits is searched total first: each ending of the run
/// that is a well-formed count is a candidate total, and the rest is cut into
/// counts that add up to it, a piece never larger than what is left of the sum.
/// Any other run is cut in every way and the cuts that do not add up dropped.
///
/// The cuts are added to `out` (whose cuts have `columns` pieces, if it has
/// any); false, and `out` as it was, when the run is too long or has too many
/// cuts to be read with certainty, or for fewer than two columns or more than
/// [`MAX_TOTAL_COLUMNS`].
pub(crate) fn cuts_with_total(run: &str, columns: usize, out: &mut Cuts) -> bool {
    if !(2..=MAX_TOTAL_COLUMNS).contains(&columns) {
        return false;
    }
    if out.is_empty() {
        out.columns = columns;
    }
    debug_assert_eq!(out.columns, columns);
    if !run.bytes().all(|b| b.is_ascii_digit()) {
        let kinds = [ValueKind::Count; MAX_TOTAL_COLUMNS];
        let Some(all) = cuts(run, &kinds[..columns], HeaderUnit::None) else {
            return false;
        };
        let parts: [usize; MAX_TOTAL_COLUMNS] = std::array::from_fn(|i| i);
        out.extend(&keep_summing(all, &[(&parts[..columns - 1], columns - 1)]));
        return true;
    }
    if run.len() > MAX_RUN_CHARS {
        return false;
    }
    let first = out.len();
    let mut steps = 0;
    // the cut being made: its last piece is the total
    let mut current = [(0, 0, Value::Blank); MAX_TOTAL_COLUMNS];
    let current = &mut current[..columns];
    // `endings[p]`: the count the digits before the total from `p` on are
    let mut endings = [None; MAX_RUN_CHARS + 1];
    // the total takes at least one digit, and leaves one for each other column
    for total_start in (columns - 1..run.len()).rev() {
        let Some(total) = count_piece(&run[total_start..]) else {
            continue;
        };
        current[columns - 1] = (total_start, run.len(), Value::Count(total));
        let digits = &run.as_bytes()[..total_start];
        for (p, ending) in endings[..=digits.len()].iter_mut().enumerate() {
            *ending = digits_count(&digits[p..]);
        }
        let mut search = SumSearch {
            run: digits,
            endings: &endings,
            steps: &mut steps,
            current,
            out,
            first,
        };
        if !search.walk(0, 0, total) {
            out.truncate(first);
            return false;
        }
    }
    true
}

/// A piece of a run of digits as a count: no leading zero, at most 18 digits.
fn count_piece(piece: &str) -> Option<u64> {
    digits_count(piece.as_bytes())
}

/// [`count_piece`] of ASCII digits.
fn digits_count(piece: &[u8]) -> Option<u64> {
    if piece.is_empty() || piece.len() > 18 || (piece.len() > 1 && piece[0] == b'0') {
        return None;
    }
    piece.iter().try_fold(0u64, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0'))
    })
}

/// The cuts of a run of digits into counts with a given sum.
struct SumSearch<'r, 's> {
    /// The run, ASCII digits.
    run: &'r [u8],
    /// `endings[p]`: [`digits_count`] of `run[p..]`.
    endings: &'r [Option<u64>],
    steps: &'s mut usize,
    /// The cut being made: the pieces cut so far, then room for the others,
    /// the total last (already in place).
    current: &'s mut [Piece],
    /// The cuts found are added to `out`, after its first `first`.
    out: &'s mut Cuts,
    first: usize,
}

impl SumSearch<'_, '_> {
    /// Cuts `run[pos..]` into the counts of the pieces from `at` on (the
    /// total left out) adding up to `left`; false when the search went past
    /// its bounds.
    fn walk(&mut self, pos: usize, at: usize, left: u64) -> bool {
        *self.steps += 1;
        if *self.steps > MAX_STEPS {
            return false;
        }
        // the pieces still to cut, the total left out
        let parts = self.current.len() - 1 - at;
        if parts == 1 {
            return self.last(pos, at, left);
        }
        let rest = &self.run[pos..];
        // leave one digit for each later part
        let longest = rest.len().saturating_sub(parts - 1).min(18);
        // the piece's value, one digit more at each length (18 digits fit a
        // u64)
        let mut value = 0u64;
        for (i, &digit) in rest[..longest].iter().enumerate() {
            if (i > 0 && rest[0] == b'0') || !digit.is_ascii_digit() {
                break; // a leading zero: only `0` itself is a count
            }
            value = value * 10 + u64::from(digit - b'0');
            if value > left {
                break; // longer pieces are larger still
            }
            let len = i + 1;
            self.current[at] = (pos, pos + len, Value::Count(value));
            let ok = if parts == 2 {
                // the last piece, a step of the search as a call would be
                *self.steps += 1;
                *self.steps <= MAX_STEPS && self.last(pos + len, at + 1, left - value)
            } else {
                self.walk(pos + len, at + 1, left - value)
            };
            if !ok {
                return false;
            }
        }
        true
    }

    /// The last piece before the total, `run[pos..]`, at `at`, when it is
    /// the count `left`: a cut found; false when there are too many.
    fn last(&mut self, pos: usize, at: usize, left: u64) -> bool {
        if self.endings[pos] == Some(left) {
            self.current[at] = (pos, self.run.len(), Value::Count(left));
            self.out.push(self.current);
        }
        self.out.len() - self.first <= MAX_SPLITS
    }
}

/// The cuts of a run into values of given kinds.
struct Walker<'r, 's> {
    run: &'r str,
    unit: HeaderUnit,
    steps: &'s mut usize,
    /// The cut being made: the pieces cut so far, then room for the others.
    current: &'s mut [Piece],
    out: &'s mut Cuts,
}

/// A piece of a run read as a value of its column's kind, when it is one.
fn piece_value(piece: &str, kind: ValueKind, unit: HeaderUnit) -> Option<Value> {
    if kind == ValueKind::Count && piece.bytes().all(|b| b.is_ascii_digit()) {
        return count_piece(piece).map(Value::Count);
    }
    if !well_formed(piece, kind) {
        return None;
    }
    match scalar(piece)? {
        // a blank mark is a cell too: `107/304` may be 107, `/`, 304
        Scalar::Blank => Some(Value::Blank),
        s => s.typed(kind, unit).ok(),
    }
}

impl Walker<'_, '_> {
    /// Cuts `run[pos..]` into `kinds`, the last pieces of `current`, in
    /// every way, each cut found added to `out`; false when the search went
    /// past its bounds.
    fn walk(&mut self, pos: usize, kinds: &[ValueKind]) -> bool {
        *self.steps += 1;
        if *self.steps > MAX_STEPS {
            return false;
        }
        let run = self.run;
        let tail = &run[pos..];
        let at = self.current.len() - kinds.len();
        let Some((&kind, rest)) = kinds.split_first() else {
            if tail.is_empty() {
                self.out.push(self.current);
            }
            return self.out.len() <= MAX_SPLITS;
        };
        if rest.is_empty() {
            // the last piece takes what is left
            if let Some(value) = piece_value(tail, kind, self.unit) {
                self.current[at] = (pos, run.len(), value);
                self.out.push(self.current);
            }
            return self.out.len() <= MAX_SPLITS;
        }
        // leave a character for each later piece
        let ends = tail
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .take(tail.chars().count().saturating_sub(rest.len()));
        for end in ends {
            let Some(value) = piece_value(&tail[..end], kind, self.unit) else {
                continue;
            };
            self.current[at] = (pos, pos + end, value);
            if !self.walk(pos + end, rest) {
                return false;
            }
        }
        true
    }
}

/// The cuts whose groups add up: for each `(parts, total)`, the values at
/// `parts` sum to the value at `total`.
pub(crate) fn keep_summing(mut cuts: Cuts, groups: &[(&[usize], usize)]) -> Cuts {
    cuts.retain(|cut| {
        groups.iter().all(|(parts, total)| {
            let sum: Option<i128> = parts.iter().map(|&i| cut[i].2.integer()).sum();
            sum == cut[*total].2.integer()
        })
    });
    cuts
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

/// Linear equations `Σ left = Σ right` over the applications table, their
/// terms kept in one list, each with its side (1 on the left, −1 on the
/// right).
#[derive(Debug, Default)]
pub(crate) struct Equations {
    terms: Vec<(i128, Term)>,
    /// Where each equation's terms end in `terms`.
    ends: Vec<usize>,
}

impl Equations {
    /// No equations yet, with room for `equations` of `terms` terms in all.
    pub(crate) fn with_capacity(equations: usize, terms: usize) -> Equations {
        Equations {
            terms: Vec::with_capacity(terms),
            ends: Vec::with_capacity(equations),
        }
    }

    /// Adds the equation `Σ left = Σ right`.
    pub(crate) fn push(
        &mut self,
        left: impl IntoIterator<Item = Term>,
        right: impl IntoIterator<Item = Term>,
    ) {
        self.terms.extend(left.into_iter().map(|t| (1, t)));
        self.terms.extend(right.into_iter().map(|t| (-1, t)));
        self.ends.push(self.terms.len());
    }

    /// Each equation's terms with their sides.
    fn iter(&self) -> impl Iterator<Item = &[(i128, Term)]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(s, &e)| &self.terms[s..e])
    }
}

/// The largest set of partial sums tracked for one equation.
const MAX_SUMS: usize = 4096;
/// The widest window of integers a set of sums is kept as bits over; a wider
/// one is kept as a sorted list.
const MAX_SUM_BITS: usize = 1 << 14;

/// The sums some terms of an equation can reach: bits over a window of
/// integers while the window is narrow, a sorted list without repeats beyond.
#[derive(Debug, Clone, PartialEq)]
enum Sums {
    /// Bit `i` of `words` (bit `i % 64` of word `i / 64`) stands for `base + i`;
    /// no bit at or past `width` is set.
    Bits {
        base: i128,
        width: usize,
        words: Vec<u64>,
    },
    Sorted(Vec<i128>),
}

impl Sums {
    /// The set holding only `x`.
    fn at(x: i128) -> Sums {
        Sums::Bits {
            base: x,
            width: 1,
            words: vec![1],
        }
    }

    /// Makes the set hold only `x`, keeping its room.
    fn reset(&mut self, x: i128) {
        match self {
            Sums::Bits { base, width, words } => {
                *base = x;
                *width = 1;
                words.clear();
                words.push(1);
            }
            Sums::Sorted(_) => *self = Sums::at(x),
        }
    }

    /// True when the set holds more than `n` sums.
    fn more_than(&self, n: usize) -> bool {
        match self {
            // no more sums than bits
            Sums::Bits { width, .. } if *width <= n => false,
            _ => self.len() > n,
        }
    }

    /// How many sums the set holds.
    fn len(&self) -> usize {
        match self {
            Sums::Bits { words, .. } => words.iter().map(|w| w.count_ones() as usize).sum(),
            Sums::Sorted(list) => list.len(),
        }
    }

    /// True when the set holds `x`.
    fn contains(&self, x: i128) -> bool {
        match self {
            Sums::Bits { base, width, words } => usize::try_from(x - base)
                .ok()
                .filter(|&i| i < *width)
                .is_some_and(|i| words[i / 64] >> (i % 64) & 1 == 1),
            Sums::Sorted(list) => list.binary_search(&x).is_ok(),
        }
    }

    /// The sums as a sorted list.
    fn to_sorted(&self) -> Vec<i128> {
        match self {
            Sums::Bits { base, words, .. } => words
                .iter()
                .enumerate()
                .flat_map(|(k, &w)| {
                    (0..64)
                        .filter(move |b| w >> b & 1 == 1)
                        .map(move |b| base + (k * 64 + b) as i128)
                })
                .collect(),
            Sums::Sorted(list) => list.clone(),
        }
    }

    /// `{ s + sign · v }` for every sum `s` and every `v` of `values` (sorted,
    /// without repeats); `scratch` is room for the next sums.
    fn add(&mut self, sign: i128, values: &[i128], scratch: &mut Scratch) {
        let (Some(&lo), Some(&hi)) = (values.first(), values.last()) else {
            *self = Sums::Sorted(Vec::new());
            return;
        };
        if let Sums::Bits { base, width, words } = self {
            if lo == hi {
                // one value moves every sum alike
                *base += sign * lo;
                return;
            }
            let spread = usize::try_from(hi - lo).ok();
            match spread.and_then(|d| d.checked_add(*width)) {
                Some(new_width) if new_width <= MAX_SUM_BITS => {
                    let out = &mut scratch.words;
                    out.clear();
                    out.resize(new_width.div_ceil(64), 0);
                    for &v in values {
                        // each shift is at most `spread`: it fits
                        let shift =
                            usize::try_from(if sign > 0 { v - lo } else { hi - v }).unwrap_or(0);
                        or_shifted(out, words, shift);
                    }
                    *base += if sign > 0 { lo } else { -hi };
                    *width = new_width;
                    std::mem::swap(words, out);
                    return;
                }
                _ => *self = Sums::Sorted(self.to_sorted()),
            }
        }
        let Sums::Sorted(sums) = self else {
            unreachable!("the bits were turned into a list")
        };
        let next = &mut scratch.sums;
        next.clear();
        next.extend(
            sums.iter()
                .flat_map(|s| values.iter().map(move |v| s + sign * v)),
        );
        next.sort_unstable();
        next.dedup();
        std::mem::swap(sums, next);
    }
}

/// Room reused from one [`Sums::add`] to the next.
#[derive(Default)]
struct Scratch {
    words: Vec<u64>,
    sums: Vec<i128>,
}

/// `out |= words << shift`, bits shifted past the end of `out` dropped.
fn or_shifted(out: &mut [u64], words: &[u64], shift: usize) {
    let (skip, bits) = (shift / 64, shift % 64);
    for (k, &w) in words.iter().enumerate() {
        let Some(slot) = out.get_mut(k + skip) else {
            break;
        };
        *slot |= w << bits;
        if bits > 0
            && let Some(slot) = out.get_mut(k + skip + 1)
        {
            *slot |= w >> (64 - bits);
        }
    }
}

/// The values each column of each row's cuts takes, made once and again only
/// after the row lost cuts; all of them kept in one list.
struct ColumnValues {
    columns: usize,
    /// Per row and column (`row * columns + column`): the range of its values
    /// in `list`, sorted and without repeats, and whether a cut has a blank
    /// mark there.
    at: Vec<Option<(usize, usize, bool)>>,
    list: Vec<i128>,
}

impl ColumnValues {
    /// Room for the values of `rows` rows of `columns` columns, `values` of
    /// them in all before any row loses cuts.
    fn new(rows: usize, columns: usize, values: usize) -> ColumnValues {
        ColumnValues {
            columns,
            at: vec![None; rows * columns],
            list: Vec::with_capacity(values),
        }
    }

    /// The values of column `c` of row `r`'s cuts, and whether some cut has a
    /// blank mark in it.
    fn get(&mut self, options: &RowCuts, r: usize, c: usize) -> (&[i128], bool) {
        let slot = r * self.columns + c;
        let (start, end, blank) = match self.at[slot] {
            Some(at) => at,
            None => {
                let start = self.list.len();
                let mut blank = false;
                for cut in options.row(r) {
                    match cut[c].2.integer() {
                        Some(v) => self.list.push(v),
                        None => blank = true,
                    }
                }
                let fresh = &mut self.list[start..];
                if fresh.len() > 1 {
                    fresh.sort_unstable();
                }
                let mut kept = 0;
                for i in 0..fresh.len() {
                    if kept == 0 || fresh[i] != fresh[kept - 1] {
                        fresh[kept] = fresh[i];
                        kept += 1;
                    }
                }
                self.list.truncate(start + kept);
                let at = (start, start + kept, blank);
                self.at[slot] = Some(at);
                at
            }
        };
        (&self.list[start..end], blank)
    }

    /// Forgets the values of row `r`, which lost cuts.
    fn forget(&mut self, r: usize) {
        self.at[r * self.columns..(r + 1) * self.columns].fill(None);
    }
}

/// An open term of an equation with its side: `(sign, row, column)`, the sign
/// 1 on the left and −1 on the right.
type SignedOpen = (i128, usize, usize);

/// The equations of [`propagate`] without blanks, each as
/// `known + Σ sign · open = 0`, their open terms in one list.
struct System {
    /// Each equation's known sum and the range of its terms in `terms`.
    equations: Vec<(i128, std::ops::Range<usize>)>,
    terms: Vec<SignedOpen>,
    /// For each term, the range in `mates` of the terms of its equation in the
    /// same row (itself among them), as indices into the equation's terms, in
    /// order.
    mates_of: Vec<std::ops::Range<usize>>,
    mates: Vec<usize>,
}

impl System {
    fn new(equations: &Equations) -> System {
        let mut system = System {
            equations: Vec::with_capacity(equations.ends.len()),
            terms: Vec::with_capacity(equations.terms.len()),
            mates_of: Vec::with_capacity(equations.terms.len()),
            // most terms are the only one of their row in their equation
            mates: Vec::with_capacity(equations.terms.len()),
        };
        for signed in equations.iter() {
            if signed.iter().any(|(_, t)| matches!(t, Term::Blank)) {
                continue;
            }
            let first = system.terms.len();
            let mut known = 0;
            for &(sign, ref t) in signed {
                match *t {
                    Term::Known(v) => known += sign * v,
                    Term::Open { row, column } => system.terms.push((sign, row, column)),
                    Term::Blank => unreachable!("equations with blanks are left out"),
                }
            }
            let open = &system.terms[first..];
            for &(_, row, _) in open {
                let start = system.mates.len();
                system.mates.extend(
                    open.iter()
                        .enumerate()
                        .filter(|&(_, &(_, r, _))| r == row)
                        .map(|(j, _)| j),
                );
                system.mates_of.push(start..system.mates.len());
            }
            system.equations.push((known, first..system.terms.len()));
        }
        system
    }
}

/// Removes the cuts of the collapsed rows that no choice in the other rows can
/// complete, for equations `Σ left = Σ right`.
pub(crate) fn propagate(options: &mut RowCuts, equations: &Equations) {
    if options.rows() == 0 {
        return; // no open term: nothing to remove
    }
    // each equation as `known + Σ sign · open = 0`: the known cells add up
    // to one number, and the open ones are (sign, row, column)
    let system = System::new(equations);
    let columns = system
        .terms
        .iter()
        .map(|&(_, _, c)| c + 1)
        .max()
        .unwrap_or(0);
    // the values of each row's columns, made again once the row loses cuts
    let pieces = options.cuts.pieces.len();
    let mut values = ColumnValues::new(options.rows(), columns, pieces);
    let mut scratch = Scratch::default();
    let widest = system
        .equations
        .iter()
        .map(|(_, r)| r.len())
        .max()
        .unwrap_or(0);
    let mut same_row: Vec<(i128, usize)> = Vec::with_capacity(widest);
    // sign · value of each open term whose row's cuts give its column one value
    let mut single: Vec<Option<i128>> = Vec::with_capacity(widest);
    // the open terms of more than one value (or none), in order
    let mut many: Vec<usize> = Vec::with_capacity(widest);
    // whether some cut of each open term's row has a blank mark in its column
    let mut may_be_blank: Vec<bool> = Vec::with_capacity(widest);
    let mut sums = Sums::at(0);
    // how often each row lost cuts: a term is looked at again only when a
    // row of another term of its equation lost cuts since (the sums of the
    // other terms are what removes its cuts, and a cut they kept they keep)
    let mut version = vec![0u64; options.rows()];
    let mut seen: Vec<Option<u64>> = vec![None; system.terms.len()];
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 64 {
        changed = false;
        rounds += 1;
        for (known, range) in &system.equations {
            let open = &system.terms[range.clone()];
            let mates_of = &system.mates_of[range.clone()];
            let seen = &mut seen[range.clone()];
            // the versions of the rows of all the terms, each term counted
            let mut all_versions: u64 = open.iter().map(|&(_, r, _)| version[r]).sum();
            let mut stale = true;
            let mut single_total = 0;
            let mut blanks = 0;
            for (k, &(my_sign, row, column)) in open.iter().enumerate() {
                let mates = &system.mates[mates_of[k].clone()];
                let mates_len = u64::try_from(mates.len()).unwrap_or(u64::MAX);
                // the versions of the rows of the terms of other rows
                let others = all_versions - mates_len * version[row];
                if seen[k].replace(others) == Some(others) {
                    continue;
                }
                if stale {
                    // a term of one value moves every sum alike
                    single.clear();
                    many.clear();
                    may_be_blank.clear();
                    single_total = 0;
                    blanks = 0;
                    for (j, &(sign, r, c)) in open.iter().enumerate() {
                        let (column_values, blank) = values.get(options, r, c);
                        may_be_blank.push(blank);
                        blanks += usize::from(blank);
                        let one = (column_values.len() == 1).then(|| sign * column_values[0]);
                        single_total += one.unwrap_or(0);
                        if one.is_none() {
                            many.push(j);
                        }
                        single.push(one);
                    }
                    stale = false;
                }
                // a term of another row that may be a blank mark leaves the sum
                // open (a blank in a sum rules nothing out): this equation
                // removes no cut of this row
                if blanks > mates.iter().filter(|&&j| may_be_blank[j]).count() {
                    continue;
                }
                // the sums the other terms can reach: the known cells and the
                // terms of one value give where they start
                same_row.clear();
                let mut start = known + single_total;
                for &j in mates {
                    // the target itself, and the same row twice: handled
                    // through the target's own cut below
                    start -= single[j].unwrap_or(0);
                    if j != k {
                        same_row.push((open[j].0, open[j].2));
                    }
                }
                sums.reset(start);
                let mut too_many = false;
                for &j in &many {
                    let (sign, r, c) = open[j];
                    if r == row {
                        continue;
                    }
                    sums.add(sign, values.get(options, r, c).0, &mut scratch);
                    if sums.more_than(MAX_SUMS) {
                        too_many = true;
                        break;
                    }
                }
                if too_many {
                    continue;
                }
                let completed = |cut: &Cut| {
                    // a cut with a blank in the sum is not ruled out by it
                    let Some(mine) = cut[column].2.integer() else {
                        return true;
                    };
                    let own: Option<i128> = same_row
                        .iter()
                        .map(|&(sign, c)| cut[c].2.integer().map(|v| sign * v))
                        .sum();
                    own.is_none_or(|own| sums.contains(-(my_sign * mine) - own))
                };
                // most often every cut is kept: looked at before any moves
                if !options.row(row).all(completed) {
                    options.retain(row, completed);
                    changed = true;
                    stale = true;
                    values.forget(row);
                    version[row] += 1;
                    all_versions += mates_len;
                }
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
        // four cuts with a signed change, and 2648, `-`, 18538
        assert_eq!(texts("2648-18538", &[Count, Change, Count]).len(), 5);
        // a blank mark is a cell of its own: two readings, none chosen
        let both = texts("107/304", &[Count, Change, Count]);
        assert!(
            both.contains(&vec!["107".into(), "/".into(), "304".into()]),
            "{both:?}"
        );
        assert!(
            both.contains(&vec!["10".into(), "7/30".into(), "4".into()]),
            "{both:?}"
        );
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
        let mut kept = Cuts::default();
        assert!(cuts_with_total(run, 7, &mut kept));
        for cut in &kept {
            let v: Vec<i128> = cut.iter().map(|p| p.2.integer().unwrap()).collect();
            assert_eq!(v[..6].iter().sum::<i128>(), v[6]);
        }
    }

    use proptest::strategy::Strategy;

    proptest::proptest! {
        /// The total-first search finds exactly the cuts that cutting every way
        /// and keeping those that add up finds.
        #[test]
        fn total_first_equals_every_cut_filtered(
            (run, columns) in proptest::prop_oneof![
                ("[0-9]{2,24}", 2usize..8),
                // a row and its total run together
                proptest::collection::vec(0u64..300, 1..7).prop_map(|parts| {
                    let total: u64 = parts.iter().sum();
                    let run: String = parts.iter().chain([&total]).map(u64::to_string).collect();
                    (run, parts.len() + 1)
                }),
            ],
        ) {
            let kinds = vec![ValueKind::Count; columns];
            if let Some(all) = cuts(&run, &kinds, HeaderUnit::None) {
                let parts: Vec<usize> = (0..columns - 1).collect();
                let want = keep_summing(all, &[(&parts, columns - 1)]);
                let mut got = Cuts::default();
                proptest::prop_assert!(cuts_with_total(&run, columns, &mut got));
                let sorted = |cuts: &Cuts| {
                    let mut list: Vec<&Cut> = cuts.iter().collect();
                    list.sort_by_key(|c| c.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>());
                    list.iter().map(|c| c.to_vec()).collect::<Vec<_>>()
                };
                let (want, got) = (sorted(&want), sorted(&got));
                proptest::prop_assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn rows_past_the_piece_limits_are_not_split() {
        let kinds = [ValueKind::Count; MAX_PIECES + 1];
        assert!(cuts(&"1".repeat(MAX_PIECES + 1), &kinds, HeaderUnit::None).is_none());
        assert!(cuts(&"1".repeat(MAX_PIECES), &kinds[1..], HeaderUnit::None).is_some());
        // ones and their total: one cut, unless there are too many columns
        let ones = MAX_TOTAL_COLUMNS - 1;
        let mut out = Cuts::default();
        let run = "1".repeat(ones) + &ones.to_string();
        assert!(cuts_with_total(&run, MAX_TOTAL_COLUMNS, &mut out));
        assert_eq!(out.len(), 1);
        let run = "1".repeat(ones + 1) + &(ones + 1).to_string();
        let mut out = Cuts::default();
        assert!(!cuts_with_total(&run, MAX_TOTAL_COLUMNS + 1, &mut out));
        assert!(out.is_empty());
    }

    #[test]
    fn cuts_of_rows_are_kept_and_removed_row_by_row() {
        use ValueKind::Count;
        let mut rows = RowCuts::with_capacity(3, 3);
        // 1 + 1 = 2 only; 1 + 10 = 11 and 11 + 0 = 11; too long
        assert!(rows.push_with_total("112", 3));
        assert!(rows.push_with_total("11011", 3));
        assert!(!rows.push_with_total(&"1".repeat(MAX_RUN_CHARS + 1), 3));
        assert_eq!(
            (rows.rows(), rows.count(0), rows.count(1), rows.count(2)),
            (3, 1, 2, 0)
        );
        rows.retain(1, |cut| cut[1].2.integer() == Some(0));
        assert_eq!(rows.count(1), 1);
        assert_eq!(rows.only(1).unwrap()[0].2.integer(), Some(11));
        assert_eq!(rows.only(0).unwrap()[2].2.integer(), Some(2));
        let mut cuts = cuts("111", &[Count, Count], HeaderUnit::None).unwrap();
        assert_eq!(cuts.len(), 2);
        cuts.retain(|cut| cut[0].2.integer() == Some(1));
        assert_eq!((cuts.len(), cuts[0][1].2.integer()), (1, Some(11)));
    }

    #[test]
    fn long_runs_are_not_split() {
        assert!(cuts(&"1".repeat(200), &[ValueKind::Count; 7], HeaderUnit::None).is_none());
        assert!(cuts(&"1".repeat(60), &[ValueKind::Count; 15], HeaderUnit::None).is_none());
    }

    proptest::proptest! {
        /// Sums kept as bits hold what sums kept as a sorted list hold, past
        /// the width where the bits give way to the list too.
        #[test]
        fn sums_as_bits_equal_sums_as_a_list(
            steps in proptest::collection::vec(
                (proptest::bool::ANY, proptest::collection::btree_set(-3000i128..3000, 1..6)),
                1..8,
            ),
            probes in proptest::collection::vec(-20_000i128..20_000, 0..40),
        ) {
            let mut bits = Sums::at(0);
            let mut list = Sums::Sorted(vec![0]);
            let mut next = Scratch::default();
            for (plus, values) in &steps {
                let values: Vec<i128> = values.iter().copied().collect();
                let sign = if *plus { 1 } else { -1 };
                bits.add(sign, &values, &mut next);
                list.add(sign, &values, &mut next);
                proptest::prop_assert_eq!(bits.to_sorted(), list.to_sorted());
                proptest::prop_assert_eq!(bits.len(), list.len());
                for n in [0, 1, 10, 4096] {
                    proptest::prop_assert_eq!(bits.more_than(n), list.len() > n);
                }
            }
            for x in probes {
                proptest::prop_assert_eq!(bits.contains(x), list.contains(x));
            }
        }
    }

    #[test]
    fn wide_sums_give_way_to_a_list() {
        let mut sums = Sums::at(0);
        let mut next = Scratch::default();
        sums.add(1, &[0, 5], &mut next);
        sums.add(-1, &[1, 2], &mut next);
        assert!(matches!(sums, Sums::Bits { .. }));
        assert_eq!(sums.to_sorted(), [-2, -1, 3, 4]);
        sums.add(1, &[0, 1_000_000], &mut next);
        assert!(matches!(sums, Sums::Sorted(_)));
        assert_eq!(
            sums.to_sorted(),
            [-2, -1, 3, 4, 999_998, 999_999, 1_000_003, 1_000_004]
        );
        assert!(sums.contains(999_999) && !sums.contains(0));
        sums.add(1, &[], &mut next);
        assert_eq!(sums.len(), 0);
    }

    #[test]
    fn column_sums_remove_cuts() {
        use ValueKind::Count;
        // two open rows: a = (1|11 or 11|1), and the equation a[0] = 11
        let mut options = RowCuts::default();
        options.push(&cuts("111", &[Count, Count], HeaderUnit::None).unwrap());
        assert_eq!(options.count(0), 2);
        let mut equations = Equations::default();
        equations.push([Term::Open { row: 0, column: 0 }], [Term::Known(11)]);
        propagate(&mut options, &equations);
        assert_eq!(options.count(0), 1);
        assert_eq!(options.only(0).unwrap()[0].2.integer(), Some(11));
    }
}
