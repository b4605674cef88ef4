//! Matching labels as written against the template's labels: regardless of inner
//! white space and line wraps, ordinal prefixes (`一、`, `(三)`, `1.`), and the
//! typos, truncations and annotations real reports show (TEMPLATE.md §8).

/// The text with every white-space character removed and a trailing `:` dropped.
pub(crate) fn compact(text: &str) -> String {
    compacted(text).into_owned()
}

/// [`compact`] borrowing `text` when it holds no white space (most labels).
pub(crate) fn compacted(text: &str) -> std::borrow::Cow<'_, str> {
    // `、` and the other CJK marks start with E3 as U+3000 does: where such
    // a byte is seen, the characters are looked at
    if !has_space_byte(text) || !text.contains(char::is_whitespace) {
        return text.trim_end_matches(':').into();
    }
    let mut out = String::with_capacity(text.len());
    for piece in text.split(char::is_whitespace) {
        out.push_str(piece);
    }
    while out.ends_with(':') {
        out.pop();
    }
    out.into()
}

/// True when [`compact`] of `text` is `target`, found without building it.
pub(crate) fn compacts_to(text: &str, target: &str) -> bool {
    // dropping white space and colons never makes a text longer
    if text.len() < target.len() {
        return false;
    }
    // without white space, the compact form is the text less its closing colons
    if !has_space_byte(text) {
        return text.trim_end_matches(':') == target;
    }
    let mut rest = text.chars().filter(|c| !c.is_whitespace());
    target.chars().all(|t| rest.next() == Some(t))
        && rest.all(|c| c == ':')
        && !target.ends_with(':')
}

/// A test of whether [`compact`] of `text` is a given target, for trying one
/// text against many: `text` is looked at once, and when it holds no white
/// space each target is one comparison of bytes.
pub(crate) fn compact_test(text: &str) -> impl Fn(&str) -> bool + '_ {
    let piece = (!has_space_byte(text)).then(|| text.trim_end_matches(':'));
    move |target| match piece {
        Some(piece) => piece == target,
        None => compacts_to(text, target),
    }
}

/// False when `text` holds no white space for sure: every white-space
/// character is ASCII or starts with one of the bytes C2, E1, E2 and E3.
fn has_space_byte(text: &str) -> bool {
    // a fold without a stop, which the compiler vectorizes
    text.bytes().fold(false, |any, b| {
        any | matches!(b, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3)
    })
}

/// Appends [`compact`] of `text` to `out`.
pub(crate) fn compact_onto(out: &mut String, text: &str) {
    if !has_space_byte(text) {
        out.push_str(text.trim_end_matches(':'));
        return;
    }
    let start = out.len();
    out.extend(text.split(char::is_whitespace));
    let kept = out[start..].trim_end_matches(':').len();
    out.truncate(start + kept);
}

/// The value of a Chinese numeral, 1 to 10.
fn numeral_value(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

fn chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// The length in bytes of the ordinal prefix of `text` (`一、`, `(三)`,
/// `(三)、`, `1.`, `1、`, `(1)`), when it opens with one.
///
/// ```text
/// ordinal = numeral+ ("、" | ".")
///         | "(" numeral+ ")" ("、" | ".")?
///         | digit+ ("." | "、")
///         | "(" digit+ ")" ("、" | ".")?
/// ```
pub(crate) fn ordinal(text: &str) -> Option<usize> {
    let numerals = |t: &str| {
        t.char_indices()
            .find(|&(_, c)| !chinese_numeral(c))
            .map_or(t.len(), |(i, _)| i)
    };
    let digits = |t: &str| {
        t.bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(t.len())
    };
    let separator = |t: &str| {
        t.chars()
            .next()
            .filter(|&c| c == '、' || c == '.')
            .map_or(0, char::len_utf8)
    };
    if let Some(inner) = text.strip_prefix('(') {
        let n = match numerals(inner) {
            0 => digits(inner),
            n => n,
        };
        if n == 0 || !inner[n..].starts_with(')') {
            return None;
        }
        let closed = n + 2;
        return Some(closed + separator(&text[closed..]));
    }
    let n = match numerals(text) {
        0 => digits(text),
        n => n,
    };
    if n == 0 {
        return None;
    }
    let k = separator(&text[n..]);
    (k > 0).then_some(n + k)
}

/// The label without its ordinal prefix (input already compact).
pub(crate) fn core(compact: &str) -> &str {
    match ordinal(compact) {
        Some(n) if n < compact.len() => &compact[n..],
        _ => compact,
    }
}

/// How a label was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fit {
    /// As the template writes it (or a known variant of it).
    Exact,
    /// The template's label followed by a parenthesised annotation.
    Annotated,
    /// A truncation of the template's label.
    Truncated,
    /// One or two characters differ.
    Typo,
}

/// A label as written, prepared once for matching against several label sets.
pub(crate) struct Probe<'a> {
    /// The compact text without its ordinal.
    core: &'a str,
    /// The number of an ordinal written in digits (`2.` → 2).
    number: Option<u32>,
}

impl<'a> Probe<'a> {
    pub(crate) fn new(compact: &'a str) -> Probe<'a> {
        let core = core(compact);
        Probe {
            core,
            number: digit_ordinal_of(compact, core),
        }
    }
}

/// The number of a label's ordinal: `2.` and `(2)` give 2, `(六)` and `六、`
/// give 6 (Chinese numerals count apart from digits: `3.其他` is not `(六)其他`);
/// a label without ordinal gives nothing.
fn digit_ordinal(compact: &str) -> Option<u32> {
    digit_ordinal_of(compact, core(compact))
}

/// [`digit_ordinal`] of a compact label whose [`core()`] is `rest`.
fn digit_ordinal_of(compact: &str, rest: &str) -> Option<u32> {
    /// Chinese ordinals are numbered from here, apart from digits.
    const CHINESE: u32 = 1000;
    if rest.len() == compact.len() {
        return None;
    }
    let prefix = &compact[..compact.len() - rest.len()];
    // the number its digits write, when it has some and it fits
    let number = prefix
        .bytes()
        .filter(u8::is_ascii_digit)
        .try_fold(None, |n: Option<u32>, d| {
            n.unwrap_or(0)
                .checked_mul(10)?
                .checked_add(u32::from(d - b'0'))
                .map(Some)
        })
        .flatten();
    if let Some(n) = number {
        return Some(n);
    }
    let value = prefix
        .chars()
        .filter_map(numeral_value)
        .fold(
            0u32,
            |acc, p| if p == 10 { acc.max(1) * 10 } else { acc + p },
        );
    (value > 0).then_some(CHINESE + value)
}

/// One written form of a label, prepared for matching.
struct Form<K> {
    key: K,
    core: String,
    /// The first character of `core`.
    first: Option<char>,
    chars: Vec<char>,
    /// The characters sorted, for the bag distance that rules out most typos.
    sorted: Vec<char>,
    /// [`char_mask`] of the characters, which rules out most typos sooner.
    mask: u64,
    digits: usize,
    /// The number of the form's ordinal written in digits.
    number: Option<u32>,
}

impl<K> Form<K> {
    /// False when the probe's ordinal and the form's are numbers that differ:
    /// `2.其他` (the first line of `2.其他法律行政法规禁止公开`) is not `3.其他`.
    fn numbered_as(&self, probe: &Probe<'_>) -> bool {
        match (self.number, probe.number) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }
}

/// The text of a probe as characters, made once for all the forms it is
/// compared with.
#[derive(Default)]
struct Chars {
    /// [`char_mask`] of the text, once made.
    mask: Option<u64>,
    chars: Vec<char>,
    sorted: Vec<char>,
}

thread_local! {
    /// The characters of the probe matched fuzzily, one buffer for every probe.
    static PROBE_CHARS: std::cell::RefCell<Chars> = std::cell::RefCell::default();
}

/// The bit of a character in a [`char_mask`].
fn char_bit(c: char) -> u64 {
    // the top six bits of a multiplicative hash spread the CJK block
    1 << (u32::from(c).wrapping_mul(0x9E37_79B1) >> 26)
}

/// One bit for each character of `text` (several characters may share one).
/// A bit one text has and another lacks stands for a character of the first
/// that the second lacks, so the bits only one of two texts has count no more
/// than their bag distance ([`bag_distance`]).
fn char_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| mask | char_bit(c))
}

/// A table's labels, prepared once: `(key, forms)` entries, each form written
/// as the template writes it (ordinals and all).
///
/// The forms are indexed so that a probe is compared only with those that can
/// fit it: an exact match, an annotation and a truncation all begin with the
/// probe's first character, and a typo is at most two characters longer or
/// shorter than the probe.
pub(crate) struct Labels<K> {
    forms: Vec<Form<K>>,
    /// The forms by the first character of their core, in table order; sorted
    /// by that character.
    by_first: Vec<(char, Vec<usize>)>,
    /// The forms that admit a typo (five characters or more), by length and
    /// in table order within a length.
    near: Vec<Near>,
    /// `near_from[n]`: the first entry of `near` of `n` characters or more
    /// (the last entry is `near.len()`).
    near_from: Vec<usize>,
}

/// What rules out most typos of a form without looking at it: a form that
/// admits a typo, as [`Labels::near`] lists it.
struct Near {
    /// The form's index in [`Labels::forms`].
    form: usize,
    chars: usize,
    digits: usize,
    first: Option<char>,
    mask: u64,
}

/// The widest difference in characters between a typo and its label.
const MAX_TYPO_LENGTH_DIFFERENCE: usize = 2;

fn digit_count(s: &str) -> usize {
    // a fold without a branch, which the compiler vectorizes
    s.bytes()
        .fold(0, |n, b| n + usize::from(b.is_ascii_digit()))
}

impl<K: Copy + PartialEq> Labels<K> {
    pub(crate) fn new(entries: &[(K, &[&str])]) -> Labels<K> {
        let forms = entries
            .iter()
            .flat_map(|&(key, forms)| {
                forms.iter().map(move |form| {
                    let written = compact(form);
                    let number = digit_ordinal(&written);
                    let core = core(&written).to_string();
                    let chars: Vec<char> = core.chars().collect();
                    let mut sorted = chars.clone();
                    sorted.sort_unstable();
                    Form {
                        key,
                        mask: char_mask(&core),
                        first: chars.first().copied(),
                        chars,
                        sorted,
                        digits: digit_count(&core),
                        number,
                        core,
                    }
                })
            })
            .collect::<Vec<Form<K>>>();
        let mut by_first: Vec<(char, Vec<usize>)> = Vec::new();
        let mut near: Vec<Near> = Vec::new();
        for (i, form) in forms.iter().enumerate() {
            if let Some(&first) = form.chars.first() {
                match by_first.binary_search_by_key(&first, |e| e.0) {
                    Ok(at) => by_first[at].1.push(i),
                    Err(at) => by_first.insert(at, (first, vec![i])),
                }
            }
            let n = form.chars.len();
            if typo_allowance(n) > 0 {
                near.push(Near {
                    form: i,
                    chars: n,
                    digits: form.digits,
                    first: form.first,
                    mask: form.mask,
                });
            }
        }
        near.sort_by_key(|e| e.chars); // stable: table order within a length
        let longest = near.last().map_or(0, |e| e.chars);
        let near_from = (0..=longest + 1)
            .map(|n| near.partition_point(|e| e.chars < n))
            .collect();
        Labels {
            forms,
            by_first,
            near,
            near_from,
        }
    }

    /// The forms whose core begins with `first`, in table order.
    fn starting_with(&self, first: Option<char>) -> &[usize] {
        first
            .and_then(|c| self.by_first.binary_search_by_key(&c, |e| e.0).ok())
            .map_or(&[], |at| &self.by_first[at].1)
    }

    /// True when the compact label is one of the forms exactly (ordinals aside).
    pub(crate) fn is_exact(&self, probe: &Probe<'_>) -> bool {
        self.starting_with(probe.core.chars().next())
            .iter()
            .map(|&i| &self.forms[i])
            .any(|f| f.core == probe.core && f.numbered_as(probe))
    }

    /// Matches a compact label; the best fit wins, and a tie between two keys at
    /// the best fit is no match.
    pub(crate) fn best(&self, probe: &Probe<'_>) -> Option<(K, Fit)> {
        let text = probe.core;
        if text.is_empty() {
            return None;
        }
        let mut best: Option<(K, Fit)> = None;
        let mut tie = false;
        let consider = |best: &mut Option<(K, Fit)>, tie: &mut bool, key: K, fit: Fit| match *best {
            Some((k, f)) if f < fit || (f == fit && k == key) => {}
            Some((_, f)) if f == fit => *tie = true,
            _ => {
                *best = Some((key, fit));
                *tie = false;
            }
        };
        // the outcome does not depend on the order the forms are considered in:
        // the best fit wins, and two keys at it are a tie
        let first = text.chars().next();
        let same_first = self.starting_with(first);
        let numbered = |&i: &usize| Some(&self.forms[i]).filter(|f| f.numbered_as(probe));
        for form in same_first.iter().filter_map(numbered) {
            if form.core == text {
                consider(&mut best, &mut tie, form.key, Fit::Exact);
            }
        }
        if best.is_none() {
            let n_text = text.chars().count();
            let digits = digit_count(text);
            PROBE_CHARS.with_borrow_mut(|text_chars| {
                text_chars.chars.clear();
                text_chars.mask = None;
                for form in same_first.iter().filter_map(numbered) {
                    if let Some(fit) = fuzzy_fit(text, n_text, text_chars, digits, form) {
                        consider(&mut best, &mut tie, form.key, fit);
                    }
                }
                // a typo may begin with another character: the forms of about the
                // probe's length that do not begin as it does (only a typo can
                // fit them: an annotation and a truncation begin as their label)
                let last = self.near_from.len() - 1;
                let shortest = n_text.saturating_sub(MAX_TYPO_LENGTH_DIFFERENCE).min(last);
                let longest = (n_text + MAX_TYPO_LENGTH_DIFFERENCE + 1).min(last);
                for e in &self.near[self.near_from[shortest]..self.near_from[longest]] {
                    if e.first == first || e.digits != digits {
                        continue;
                    }
                    let allowed = typo_allowance(e.chars);
                    if n_text.abs_diff(e.chars) > allowed {
                        continue;
                    }
                    let mask = *text_chars.mask.get_or_insert_with(|| char_mask(text));
                    let (only_text, only_form) = (mask & !e.mask, e.mask & !mask);
                    if only_text.count_ones().max(only_form.count_ones()) as usize > allowed {
                        continue;
                    }
                    let form = &self.forms[e.form];
                    if !form.numbered_as(probe) {
                        continue;
                    }
                    if let Some(fit) = fuzzy_fit(text, n_text, text_chars, digits, form) {
                        consider(&mut best, &mut tie, form.key, fit);
                    }
                }
            });
        }
        if tie { None } else { best }
    }

    /// Reads a compact text as two or more labels run together (`结果维持结果纠正`),
    /// each written exactly; returns the keys in order.
    #[cfg(test)]
    pub(crate) fn concatenation(&self, compact: &str) -> Option<Vec<K>> {
        let mut keys = Vec::new();
        if !self.concatenation_back(compact, |key| keys.push(key)) {
            return None;
        }
        keys.reverse();
        Some(keys)
    }

    /// Reads a compact text as two or more labels run together (`结果维持结果纠正`),
    /// each written exactly, and gives `each` their keys from the last to the
    /// first (nothing when it is no such text); returns whether it is one.
    pub(crate) fn concatenation_back(&self, compact: &str, mut each: impl FnMut(K)) -> bool {
        self.concatenation_reach(compact, |reach| {
            let mut end = compact.len();
            while let Some((start, key)) = reach[end].filter(|_| end > 0) {
                each(key);
                end = start;
            }
        })
        .is_some()
    }

    /// Finds the first reading of `compact` as two or more labels run
    /// together and hands it to `walk`: for each byte, the last form of
    /// the reading that ends there and where it starts.
    fn concatenation_reach(
        &self,
        compact: &str,
        walk: impl FnOnce(&[Option<(usize, K)>]),
    ) -> Option<()> {
        /// Run-together header text longer than this (in bytes) is not split.
        const MAX_BYTES: usize = 512;
        if compact.len() > MAX_BYTES {
            return None;
        }
        let reads_on = |i: usize| {
            // a form that reads on from `i` begins with the character there
            let here = self.starting_with(compact[i..].chars().next());
            here.iter()
                .map(|&j| &self.forms[j])
                .filter(move |f| compact[i..].starts_with(f.core.as_str()))
        };
        // most texts open with no form at all: nothing to reach
        reads_on(0).next()?;
        // reach[i]: the last form of the first reading of compact[..i] found
        // (going on from the smallest ends first, the forms in table order),
        // and where that form starts
        // a short text (most headers) on the stack, read too often for an
        // allocation each time; a longer one on the heap
        const SHORT_BYTES: usize = 128;
        let mut short = [None; SHORT_BYTES + 1];
        let mut long = Vec::new();
        let reach: &mut [Option<(usize, K)>] = if compact.len() <= SHORT_BYTES {
            &mut short[..=compact.len()]
        } else {
            long.resize(compact.len() + 1, None);
            &mut long
        };
        for i in 0..compact.len() {
            if i > 0 && reach[i].is_none() {
                continue;
            }
            for form in reads_on(i) {
                let end = i + form.core.len();
                if end > 0 && reach[end].is_none() {
                    reach[end] = Some((i, form.key));
                }
            }
        }
        // the reading of the whole text, walked back from its end
        let mut count = 0;
        let mut end = compact.len();
        while end > 0 {
            end = reach[end]?.0;
            count += 1;
        }
        if count < 2 {
            return None;
        }
        walk(reach);
        Some(())
    }
}

/// A fit other than exact: an annotation after the label, a truncation, or a
/// typo of one or two characters (never a digit more or less: that is a value
/// run into the label).
fn fuzzy_fit<K>(
    text: &str,
    n_text: usize,
    text_chars: &mut Chars,
    digits: usize,
    form: &Form<K>,
) -> Option<Fit> {
    let n_form = form.chars.len();
    // an annotation is one closing parenthesis: `规章(设区的市…应提供相关数据)`
    if n_form >= 2
        && text.len() > form.core.len()
        && text.starts_with(form.core.as_str())
        && text[form.core.len()..].starts_with('(')
        && text.ends_with(')')
    {
        return Some(Fit::Annotated);
    }
    if n_text >= 4 && n_text < n_form && n_text * 5 >= n_form * 3 && form.core.starts_with(text) {
        return Some(Fit::Truncated);
    }
    let allowed = typo_allowance(n_form);
    if allowed == 0 || n_text.abs_diff(n_form) > allowed || digits != form.digits {
        return None;
    }
    let mask = *text_chars.mask.get_or_insert_with(|| char_mask(text));
    let (only_text, only_form) = (mask & !form.mask, form.mask & !mask);
    if only_text.count_ones().max(only_form.count_ones()) as usize > allowed {
        return None;
    }
    if text_chars.chars.is_empty() {
        text_chars.chars.extend(text.chars());
        text_chars.sorted.clone_from(&text_chars.chars);
        text_chars.sorted.sort_unstable();
    }
    if bag_distance(&text_chars.sorted, &form.sorted) > allowed {
        return None;
    }
    within_distance(&text_chars.chars, &form.chars, allowed).then_some(Fit::Typo)
}

/// The characters a typo of a label of `n` characters may differ by.
fn typo_allowance(n: usize) -> usize {
    match n {
        0..=4 => 0,
        5..=11 => 1,
        _ => MAX_TYPO_LENGTH_DIFFERENCE,
    }
}

/// The bag distance of two sorted character lists: the larger of the numbers
/// of characters each has that the other lacks. It never exceeds the edit
/// distance, so a bag distance above `k` rules a typo out without the table.
fn bag_distance(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut only_a, mut only_b) = (0, 0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                only_a += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                only_b += 1;
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    (only_a + a.len() - i).max(only_b + b.len() - j)
}

/// The longest form whose rows of the distance table are kept on the stack.
const STACK_ROW: usize = 64;

/// Levenshtein distance over chars, bounded: true when it is at most `k`.
fn within_distance(a: &[char], b: &[char], k: usize) -> bool {
    if b.len() < STACK_ROW {
        let (mut prev, mut cur) = ([0; STACK_ROW], [0; STACK_ROW]);
        let n = b.len() + 1;
        return within_distance_in(a, b, k, &mut prev[..n], &mut cur[..n]);
    }
    let (mut prev, mut cur) = (vec![0; b.len() + 1], vec![0; b.len() + 1]);
    within_distance_in(a, b, k, &mut prev, &mut cur)
}

/// [`within_distance`] with the two rows of the table given (`b.len() + 1`
/// long each).
fn within_distance_in<'r>(
    a: &[char],
    b: &[char],
    k: usize,
    mut prev: &'r mut [usize],
    mut cur: &'r mut [usize],
) -> bool {
    for (j, p) in prev.iter_mut().enumerate() {
        *p = j;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_drops_every_white_space_and_trailing_colons() {
        let spaces: Vec<char> = (0..=0x3000u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        for c in spaces {
            let text = format!("{c}(一){c}予以{c}公开::");
            assert_eq!(compact(&text), "(一)予以公开", "{:?}", c);
        }
        assert_eq!(compact("(一)予以公开::"), "(一)予以公开");
        assert_eq!(compact("合计"), "合计");
        assert_eq!(compact(""), "");
        for (text, target) in [
            ("总 计", "总计"),
            ("总计: :", "总计"),
            ("总计:x", "总计"),
            ("总", "总计"),
            ("总计计", "总计"),
            (" : ", ""),
            ("总计:", "总计:"),
            ("总计::", "总计:"),
            ("总计::", "总计"),
            ("::", ""),
            ("总计", "总计计"),
            ("总计x", "总计"),
        ] {
            assert_eq!(compacts_to(text, target), compact(text) == target, "{text}");
            assert_eq!(
                compact_test(text)(target),
                compact(text) == target,
                "{text}"
            );
        }
        assert!(matches!(
            compacted("合计::"),
            std::borrow::Cow::Borrowed("合计")
        ));
        assert!(matches!(compacted("合 计"), std::borrow::Cow::Owned(_)));
        // a CJK mark shares its first byte with U+3000, and is no white space
        assert!(matches!(
            compacted("一、本年新收"),
            std::borrow::Cow::Borrowed("一、本年新收")
        ));
        assert!(matches!(
            compacted("一、\u{3000}本年"),
            std::borrow::Cow::Owned(_)
        ));
        let mut joined = String::from("本年新收:");
        compact_onto(&mut joined, " 政府 信息::");
        compact_onto(&mut joined, ":");
        assert_eq!(joined, "本年新收:政府信息");
        assert_eq!(digit_ordinal("(12)其他"), Some(12));
        assert_eq!(digit_ordinal("99999999999.其他"), None);
        assert_eq!(digit_ordinal("(六)其他"), Some(1006));
        assert_eq!(digit_ordinal("其他"), None);
    }

    const ROWS: &[(u8, &[&str])] = &[
        (1, &["规章"]),
        (2, &["规范性文件"]),
        (3, &["行政规范性文件"]),
        (4, &["1.本机关不掌握相关政府信息"]),
        (5, &["5.属于三类内部事务信息"]),
        (6, &["(二)部分公开(区分处理的,只计这一情形,不计其他情形)"]),
        (7, &["现行有效件数"]),
        (8, &["本年增/减"]),
        (9, &["其他"]),
        (10, &["总计"]),
    ];

    fn m(text: &str) -> Option<(u8, Fit)> {
        Labels::new(ROWS).best(&Probe::new(&compact(text)))
    }

    #[test]
    fn an_ordinal_that_differs_from_the_template_is_no_match() {
        let labels = Labels::new(&[
            (1u8, &["3.其他"][..]),
            (2, &["2.其他法律行政法规禁止公开"][..]),
        ]);
        let fit = |text: &str| labels.best(&Probe::new(&compact(text)));
        assert_eq!(fit("3.其他"), Some((1, Fit::Exact)));
        assert_eq!(fit("其他"), Some((1, Fit::Exact)));
        assert_eq!(fit("2.其他"), None);
        assert_eq!(fit("(六)其他"), None);
        assert_eq!(fit("(2)其他法律行政法规禁止公开"), Some((2, Fit::Exact)));
        assert_eq!(digit_ordinal("(十二)其他"), Some(1012));
        assert_eq!(digit_ordinal("其他"), None);
    }

    /// The ordinal prefix as `nom` combinators, the reference [`ordinal`]
    /// is checked against.
    fn ordinal_by_combinators(i: &str) -> nom::IResult<&str, &str> {
        use nom::Parser;
        use nom::branch::alt;
        use nom::bytes::complete::{tag, take_while1};
        use nom::character::complete::{char, one_of};
        use nom::combinator::{opt, recognize};
        use nom::sequence::{delimited, pair, terminated};
        recognize(alt((
            terminated(take_while1(chinese_numeral), one_of("、.")),
            terminated(
                delimited(char('('), take_while1(chinese_numeral), char(')')),
                opt(one_of("、.")),
            ),
            terminated(
                take_while1(|c: char| c.is_ascii_digit()),
                alt((tag("."), tag("、"))),
            ),
            recognize(pair(
                delimited(
                    char('('),
                    take_while1(|c: char| c.is_ascii_digit()),
                    char(')'),
                ),
                opt(one_of("、.")),
            )),
        )))
        .parse(i)
    }

    proptest::proptest! {
        /// The ordinal read by hand is the one the combinators read.
        #[test]
        fn ordinal_equals_the_combinators(text in "[(三十一)12、.其他 ]{0,8}") {
            let want = ordinal_by_combinators(&text).ok().map(|(_, o)| o.len());
            proptest::prop_assert_eq!(ordinal(&text), want);
        }
    }

    #[test]
    fn ordinals_are_stripped() {
        assert_eq!(core("(一)予以公开"), "予以公开");
        assert_eq!(core("一、本年新收"), "本年新收");
        assert_eq!(core("(三)、加强"), "加强");
        assert_eq!(core("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(core("2、重复申请"), "重复申请");
        assert_eq!(core("(1)其他"), "其他");
        assert_eq!(core("第二十条第(一)项"), "第二十条第(一)项");
        assert_eq!(core("一、"), "一、");
    }

    #[test]
    fn matches_regardless_of_white_space() {
        assert_eq!(m("规  章"), Some((1, Fit::Exact)));
        assert_eq!(m("规范性\n文件"), Some((2, Fit::Exact)));
        assert_eq!(m("行政规范性文件"), Some((3, Fit::Exact)));
        assert_eq!(m("(七) 总计"), Some((10, Fit::Exact)));
        assert_eq!(m("3.其他"), Some((9, Fit::Exact)));
    }

    #[test]
    fn tolerates_typos_truncations_and_annotations() {
        assert_eq!(m("1.机关不掌握相关政府信息"), Some((4, Fit::Typo)));
        assert_eq!(m("5.属于三类内容事务信息"), Some((5, Fit::Typo)));
        assert_eq!(
            m("(二)部分公开(区分处理的,只计这一情况,不计其他情形)"),
            Some((6, Fit::Typo))
        );
        assert_eq!(m("现行有效件"), Some((7, Fit::Truncated)));
        assert_eq!(m("本年增/"), Some((8, Fit::Truncated)));
        assert_eq!(m("现行有效件数(历史累计)"), Some((7, Fit::Annotated)));
        assert_eq!(
            m("规章(设区的市、自治州人民政府应提供相关数据)"),
            Some((1, Fit::Annotated))
        );
    }

    #[test]
    fn refuses_what_is_not_a_label() {
        assert_eq!(m("其他主动公开文件(含以本单位名义签发的)"), None);
        assert_eq!(m("规"), None);
        assert_eq!(m("0"), None);
        assert_eq!(m(""), None);
        assert_eq!(m("行政许可"), None);
        assert_eq!(m("现行有效件数0"), None);
        assert_eq!(m("规章(一)予以公开"), None);
        assert_eq!(m("5.属于三类内部事务信息7"), None);
    }

    #[test]
    fn labels_run_together() {
        assert_eq!(
            Labels::new(ROWS).concatenation("规章规范性文件"),
            Some(vec![1, 2])
        );
        assert_eq!(
            Labels::new(ROWS).concatenation("总计其他总计"),
            Some(vec![10, 9, 10])
        );
        assert_eq!(Labels::new(ROWS).concatenation("规章"), None);
        assert_eq!(Labels::new(ROWS).concatenation("规章x"), None);
    }

    #[test]
    fn labels_run_together_are_given_last_to_first() {
        let labels = Labels::new(ROWS);
        let mut keys = Vec::new();
        assert!(labels.concatenation_back("总计其他规章", |k| keys.push(k)));
        assert_eq!(keys, [1, 9, 10]);
        // no reading: no key given
        keys.clear();
        assert!(!labels.concatenation_back("规章", |k| keys.push(k)));
        assert!(!labels.concatenation_back("规章x", |k| keys.push(k)));
        assert!(keys.is_empty());
    }

    proptest::proptest! {
        /// The bag distance is a lower bound of the edit distance.
        #[test]
        fn bag_distance_never_exceeds_edit_distance(a in "[规章文件行政]{0,8}", b in "[规章文件行政]{0,8}") {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let (mut sa, mut sb) = (a.clone(), b.clone());
            sa.sort_unstable();
            sb.sort_unstable();
            let bag = bag_distance(&sa, &sb);
            for k in 0..=8 {
                if within_distance(&a, &b, k) {
                    proptest::prop_assert!(bag <= k, "{bag} > {k}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The bits of a character mask only one of two texts has never
        /// exceed their bag distance, so the mask rules out no typo the bag
        /// distance keeps.
        #[test]
        fn mask_difference_never_exceeds_bag_distance(a in "[规章文件行政许可其他0-9]{0,12}", b in "[规章文件行政许可其他0-9]{0,12}") {
            let (mut sa, mut sb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            sa.sort_unstable();
            sb.sort_unstable();
            let (ma, mb) = (char_mask(&a), char_mask(&b));
            let masked = (ma & !mb).count_ones().max((mb & !ma).count_ones()) as usize;
            proptest::prop_assert!(masked <= bag_distance(&sa, &sb));
        }
    }

    #[test]
    fn char_masks_tell_most_labels_apart() {
        // a label's mask differs from another label's of its length in
        // more bits than a typo allows
        let (a, b) = (
            char_mask("5.属于三类内部事务信息"),
            char_mask("4.保护第三方合法权益"),
        );
        assert!((a & !b).count_ones() > 2 && (b & !a).count_ones() > 2);
        assert_eq!(char_mask("规章"), char_mask("章规"));
        assert_eq!(char_mask(""), 0);
    }

    #[test]
    fn bounded_distance() {
        let d = |a: &str, b: &str, k| {
            within_distance(
                &a.chars().collect::<Vec<_>>(),
                &b.chars().collect::<Vec<_>>(),
                k,
            )
        };
        assert!(d("abcdef", "abcxef", 1));
        assert!(!d("abcdef", "axcxef", 1));
        assert!(d("abc", "abcd", 1));
        assert!(!d("abc", "abcde", 1));
    }
}
