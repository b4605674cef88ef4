//! Text normalization with a map back to the original text.
//!
//! [`normalize`] applies, in this order:
//!
//! 1. the clean-ups NFKC leaves alone: `\r\n`, lone `\r`, U+0085, U+2028 and
//!    U+2029 become `\n`; the BOM (U+FEFF, anywhere), zero-width characters
//!    (U+200B, U+200C, U+200D, U+2060), soft hyphens (U+00AD) and Word export
//!    artefacts `[bookmark: ...]` are removed;
//! 2. NFKC, which among others turns full-width digits, letters and ASCII
//!    punctuation into their ASCII forms and U+3000 and NBSP into a space.
//!
//! Every byte of the result maps back into the original text (see
//! [`Normalized::original_offset`]), so positions reported to users point into
//! the text they gave us. The map is a short list of checkpoints
//! ([`OffsetMap`]), not a table per byte.
//!
//! Both steps run in one pass with a fast path: stretches that NFKC leaves
//! unchanged are copied without running the normalizer, which only sees the
//! short segments around characters that may change (from the last stable
//! starter before such a character to the next stable starter). The result
//! equals step 1 followed by full NFKC; in the rare case where a removal joins
//! text that NFKC would then change across the join (`e`, ZWSP, U+0301), the
//! steps run as two passes.

mod norm;
mod offsets;

use std::ops::Range;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

pub(crate) use norm::Norm;
pub(crate) use offsets::{OffsetMap, OffsetMapBuilder};

/// Text after normalization, with a map back to the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Maps offsets of `text` to offsets of the original text.
    map: OffsetMap,
}

impl Normalized {
    /// A text that is its own original (the map is the identity).
    pub(crate) fn identity(text: String) -> Normalized {
        let map = OffsetMap::identity(text.len());
        Normalized { text, map }
    }

    /// Byte offset in the ORIGINAL text for a byte offset in `text`
    /// (`0..=text.len()`; larger offsets count as `text.len()`).
    ///
    /// The result is the start of the original source of the normalized char
    /// at `normalized` (an offset inside a char counts as the start of that
    /// char); it is a char boundary of the original, non-decreasing in
    /// `normalized`, and `text.len()` maps to the original's length.
    ///
    /// The source of a char is the original char itself, or the original chars
    /// an NFKC composition merged (`e` + U+0301 → `é`); all chars of an NFKC
    /// expansion (`㍻` → `平成`) share the source char. Removed text (BOM,
    /// zero-width chars, bookmarks) belongs to no char: the offset of the
    /// char after it points past it.
    pub fn original_offset(&self, normalized: usize) -> usize {
        self.map.map(self.text.floor_char_boundary(normalized))
    }

    /// Original byte range for a normalized byte range.
    ///
    /// The start maps as in [`Normalized::original_offset`]; the end maps to
    /// the end of the original source of the last normalized char in the
    /// range, so a range covering the normalized text of one original char
    /// covers that whole original char. An empty range stays empty.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let mut hint = usize::MAX;
        self.original_range_from(&mut hint, Norm::new(range.start, range.end))
    }

    /// [`Normalized::original_range`] of a [`Norm`] with a search hint into
    /// the offset map, updated to the piece found: ranges asked for in text
    /// order are mapped in one sweep of the map (the result does not depend on
    /// the hint).
    pub(crate) fn original_range_from(&self, hint: &mut usize, range: Norm) -> Range<usize> {
        if range.end <= range.start {
            let at = self
                .map
                .map_from(hint, self.text.floor_char_boundary(range.start));
            return at..at;
        }
        let start = self.text.floor_char_boundary(range.start);
        let end = self.text.ceil_char_boundary(range.end);
        self.map.map_range_from(hint, start..end)
    }
}

/// Full normalization of a report's text (see the module documentation).
pub fn normalize(input: &str) -> Normalized {
    match rewrite::<true>(input) {
        Ok(Some((text, map))) => Normalized { text, map },
        Ok(None) => Normalized::identity(input.to_owned()),
        Err(Joins) => normalize_in_two_passes(input),
    }
}

/// [`normalize`] for a text that itself comes with a map `base` to a source
/// document (text extracted from HTML or DOCX): the result maps to the
/// document.
#[allow(dead_code, reason = "for the HTML and DOCX front ends")]
pub(crate) fn normalize_mapped(input: &str, base: &OffsetMap) -> Normalized {
    let Normalized { text, map } = normalize(input);
    Normalized {
        text,
        map: map.compose(base),
    }
}

/// NFKC only, with the fast path, and its offset map (what [`normalize`] uses
/// for the NFKC step).
pub fn nfkc(input: &str) -> Normalized {
    match nfkc_changes(input) {
        None => Normalized::identity(input.to_owned()),
        Some((text, map)) => Normalized { text, map },
    }
}

/// NFKC of `input` with its map, `None` if `input` is already in NFKC.
fn nfkc_changes(input: &str) -> Option<(String, OffsetMap)> {
    // Without step 1 nothing is removed, so nothing can join.
    rewrite::<false>(input).unwrap_or(None)
}

/// [`normalize`] as two passes: step 1, then NFKC of its result, with the
/// maps composed. Needed only when a removal joins text that NFKC changes
/// across the join (`e`, ZWSP, U+0301 → `é`).
fn normalize_in_two_passes(input: &str) -> Normalized {
    let Some((stripped, strip_map)) = strip(input) else {
        return nfkc(input);
    };
    match nfkc_changes(&stripped) {
        None => Normalized {
            text: stripped,
            map: strip_map,
        },
        Some((text, map)) => Normalized {
            text,
            map: map.compose(&strip_map),
        },
    }
}

/// Writes a derived text from an input, left to right, with its offset map.
/// Unchanged input is copied lazily, in one piece per unchanged stretch.
/// The bytes of input the map of a rewritten text is first given room for
/// a piece for (see [`Rewriter::catch_up`]).
const PIECE_BYTES: usize = 32;

struct Rewriter<'a> {
    input: &'a str,
    out: String,
    map: OffsetMapBuilder,
    /// Input before this offset has been written (or removed).
    done: usize,
    changed: bool,
}

impl<'a> Rewriter<'a> {
    fn new(input: &'a str) -> Rewriter<'a> {
        Rewriter {
            input,
            out: String::new(),
            map: OffsetMapBuilder::new(),
            done: 0,
            changed: false,
        }
    }

    /// Copies the pending unchanged input up to `upto`.
    fn catch_up(&mut self, upto: usize) {
        if !self.changed {
            self.changed = true;
            self.out.reserve(self.input.len() + self.input.len() / 8);
            // a piece of the map for about every 32 bytes of report text
            // (full-width digits and marks made half-width): grown in one step
            self.map.reserve(self.input.len() / PIECE_BYTES);
        }
        if self.done < upto {
            self.map.copied(self.out.len(), self.done);
            self.out.push_str(&self.input[self.done..upto]);
        }
        self.done = upto;
    }

    /// Writes `with` for the input `src`.
    fn replace(&mut self, src: Range<usize>, with: &str) {
        self.catch_up(src.start);
        self.map.replaced(self.out.len(), src.clone());
        self.out.push_str(with);
        self.done = src.end;
    }

    /// Drops the input `src`.
    fn remove(&mut self, src: Range<usize>) {
        self.catch_up(src.start);
        self.done = src.end;
    }

    /// The derived text and its map, `None` if it equals the input.
    fn finish(mut self) -> Option<(String, OffsetMap)> {
        if !self.changed {
            return None;
        }
        self.catch_up(self.input.len());
        let map = self.map.finish(self.out.len(), self.input.len());
        Some((self.out, map))
    }
}

/// Step 1 on ASCII bytes. Remembers where no bookmark can start, so that
/// unclosed `[bookmark:` openings cost linear time overall.
#[derive(Default)]
struct AsciiExtras {
    no_bookmark_before: usize,
}

impl AsciiExtras {
    /// `(length, becomes a newline)` of a `\r`, `\r\n` or `[bookmark: ...]` at
    /// byte `i` of `bytes`.
    fn at(&mut self, bytes: &[u8], i: usize) -> Option<(usize, bool)> {
        match &bytes[i..] {
            [b'\r', b'\n', ..] => Some((2, true)),
            [b'\r', ..] => Some((1, true)),
            [b'[', ..] if i >= self.no_bookmark_before => match bookmark_len(&bytes[i..]) {
                Ok(len) => Some((len, false)),
                Err(clear) => {
                    self.no_bookmark_before = i + clear;
                    None
                }
            },
            _ => None,
        }
    }
}

/// Step 1 on a non-ASCII char: `Some(true)` if it becomes a newline,
/// `Some(false)` if it is removed.
#[inline]
fn unicode_extra(c: char) -> Option<bool> {
    match c {
        '\u{85}' | '\u{2028}' | '\u{2029}' => Some(true),
        '\u{AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Some(false),
        _ => None,
    }
}

/// Length of a `[bookmark: ...]` artefact at the start of `bytes`: `[bookmark:`
/// then anything but `]` and line ends, then `]`. Otherwise `Err(n)`: no
/// artefact starts in the first `n` bytes.
fn bookmark_len(bytes: &[u8]) -> Result<usize, usize> {
    const OPEN: &[u8] = b"[bookmark:";
    if !bytes.starts_with(OPEN) {
        return Err(1);
    }
    let mut j = OPEN.len();
    while j < bytes.len() {
        match &bytes[j..] {
            [b']', ..] => return Ok(j + 1),
            [b'\n' | b'\r', ..] | [0xC2, 0x85, ..] | [0xE2, 0x80, 0xA8 | 0xA9, ..] => {
                return Err(j);
            }
            _ => j += 1,
        }
    }
    Err(j)
}

/// Step 1 alone (for [`normalize_in_two_passes`]). `None` if there is nothing
/// to do.
fn strip(input: &str) -> Option<(String, OffsetMap)> {
    let bytes = input.as_bytes();
    let mut w = Rewriter::new(input);
    let mut ascii = AsciiExtras::default();
    let mut i = 0;
    while i < bytes.len() {
        let (c, width) = decode(bytes, i);
        let extra = if c.is_ascii() {
            ascii.at(bytes, i)
        } else {
            unicode_extra(c).map(|nl| (width, nl))
        };
        match extra {
            Some((len, true)) => w.replace(i..i + len, "\n"),
            Some((len, false)) => w.remove(i..i + len),
            None => {}
        }
        i += extra.map_or(width, |(len, _)| len);
    }
    w.finish()
}

/// The char starting at byte `i` of valid UTF-8, and its length.
#[inline(always)]
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let b0 = u32::from(bytes[i]);
    let cont = |k: usize| u32::from(bytes[i + k] & 0x3F);
    let (u, width) = match b0 {
        0..=0x7F => (b0, 1),
        0x80..=0xDF => (((b0 & 0x1F) << 6) | cont(1), 2),
        0xE0..=0xEF => (((b0 & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            ((b0 & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    };
    (
        char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER),
        width,
    )
}

/// Characters NFKC certainly leaves alone in any context, tested first: the
/// CJK ideographs, CJK punctuation and quotes, dashes, bullets, geometric
/// shapes, Hangul syllables. None of them is touched by step 1. (Checked
/// against the Unicode tables by a test.)
const FAST_STABLE: [(u32, u32); 6] = [
    (0x3400, 0x9FFF),
    (0x3001, 0x3029),
    (0x2012, 0x2016),
    (0x2018, 0x2023),
    (0x25A0, 0x25FF),
    (0xAC00, 0xD7A3),
];

/// Whether `c` is in [`FAST_STABLE`] (or ASCII).
#[inline]
fn is_fast_stable(c: char) -> bool {
    let u = u32::from(c);
    u < 0x80 || FAST_STABLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&u))
}

/// A starter that NFKC leaves alone and that never combines with what comes
/// before it: text can be normalized separately before and from it.
#[inline]
fn is_stable_starter(c: char) -> bool {
    is_fast_stable(c)
        || (simple_map(c).is_none()
            && canonical_combining_class(c) == 0
            && is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// The NFKC form of a char that maps to a single ASCII char or space in any
/// context where nothing combines with it (full-width ASCII, U+3000, NBSP).
#[inline]
fn simple_map(c: char) -> Option<char> {
    match u32::from(c) {
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0),
        0x3000 | 0xA0 => Some(' '),
        _ => None,
    }
}

/// Whether the NFKC of a text can be split before `c`: its decomposition
/// starts with a stable starter, which neither reorders with nor composes
/// with anything before it.
fn splits_before(c: char) -> bool {
    if is_fast_stable(c) || simple_map(c).is_some() {
        return true;
    }
    let mut first = None;
    decompose_compatible(c, |d| {
        first.get_or_insert(d);
    });
    first.is_some_and(is_stable_starter)
}

/// A removal in step 1 joins text that NFKC changes across the join: step 1
/// must run as a pass of its own.
struct Joins;

/// The state of the NFKC fast path.
struct Nfkc<'a> {
    w: Rewriter<'a>,
    /// Buffer for the NFKC of a group.
    scratch: String,
    /// Start of the current segment: the last stable starter seen, or where
    /// the text or the last step 1 change ended.
    seg_start: usize,
    /// Whether a char that NFKC may change follows `seg_start`.
    dirty: bool,
}

impl Nfkc<'_> {
    /// A stable starter at `i`: normalizes the pending segment, starts a new one.
    #[inline(always)]
    fn boundary(&mut self, i: usize) {
        self.flush(i);
        self.seg_start = i;
    }

    /// Normalizes the pending segment, which ends at `end`, if it may change.
    #[inline(always)]
    fn flush(&mut self, end: usize) {
        if self.dirty {
            self.dirty = false;
            nfkc_segment(&mut self.w, &mut self.scratch, self.seg_start..end);
        }
    }

    /// A step 1 change of the input `i..i + len`.
    fn extra(&mut self, i: usize, len: usize, newline: bool) -> Result<(), Joins> {
        self.flush(i);
        if newline {
            // `\n` composes with nothing: NFKC can restart after it.
            self.w.replace(i..i + len, "\n");
        } else {
            if self.w.input[i + len..]
                .chars()
                .next()
                .is_some_and(|c| !splits_before(c))
            {
                return Err(Joins);
            }
            self.w.remove(i..i + len);
        }
        self.seg_start = i + len;
        Ok(())
    }
}

/// Which ASCII bytes step 1 may change (`\r` and `[`).
const ASCII_EXTRA: [bool; 128] = {
    let mut t = [false; 128];
    t[b'\r' as usize] = true;
    t[b'[' as usize] = true;
    t
};

/// NFKC (with step 1 first if `STRIP`) of `input` with its map, `None` if
/// nothing changes.
///
/// Runs of chars that NFKC leaves alone are copied; the normalizer only sees
/// the segments from the last stable starter before a char that may change
/// to the next stable starter. Step 1 changes are made on the way; a removal
/// that joins text NFKC changes across the join gives `Err(Joins)`.
fn rewrite<const STRIP: bool>(input: &str) -> Result<Option<(String, OffsetMap)>, Joins> {
    let bytes = input.as_bytes();
    let mut n = Nfkc {
        w: Rewriter::new(input),
        scratch: String::new(),
        seg_start: 0,
        dirty: false,
    };
    let mut ascii = AsciiExtras::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if STRIP
                && ASCII_EXTRA[usize::from(b)]
                && let Some((len, newline)) = ascii.at(bytes, i)
            {
                n.extra(i, len, newline)?;
                i += len;
                continue;
            }
            n.flush(i);
            // The rest of the ASCII run.
            i += 1;
            while i < bytes.len()
                && bytes[i] < 0x80
                && !(STRIP && ASCII_EXTRA[usize::from(bytes[i])])
            {
                i += 1;
            }
            n.seg_start = i - 1;
            continue;
        }
        if (0xE4..=0xE9).contains(&b) {
            // U+4000..U+9FFF (CJK ideographs, hexagram symbols): stable
            // starters, in FAST_STABLE. Skip the run.
            n.flush(i);
            i += 3;
            while i < bytes.len() && (0xE4..=0xE9).contains(&bytes[i]) {
                i += 3;
            }
            n.seg_start = i - 3;
            continue;
        }
        let (c, width) = decode(bytes, i);
        if is_fast_stable(c) {
            n.boundary(i);
        } else if let Some(newline) = unicode_extra(c).filter(|_| STRIP) {
            n.extra(i, width, newline)?;
        } else if is_stable_starter(c) {
            n.boundary(i);
        } else {
            n.dirty = true;
        }
        i += width;
    }
    n.flush(bytes.len());
    Ok(n.w.finish())
}

/// Normalizes one segment: splits it into groups that normalize
/// independently, so that each output char maps to its own source.
fn nfkc_segment(w: &mut Rewriter<'_>, scratch: &mut String, seg: Range<usize>) {
    let input = w.input;
    let mut group = seg.start;
    for (off, c) in input[seg.clone()].char_indices().skip(1) {
        if splits_before(c) {
            nfkc_group(w, scratch, group..seg.start + off);
            group = seg.start + off;
        }
    }
    nfkc_group(w, scratch, group..seg.end);
}

/// Normalizes one group of a segment and writes it (lazily if unchanged).
fn nfkc_group(w: &mut Rewriter<'_>, scratch: &mut String, src: Range<usize>) {
    let text = &w.input[src.clone()];
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(m) = simple_map(c) {
            w.replace(src, m.encode_utf8(&mut [0; 4]));
            return;
        }
        if is_stable_starter(c) {
            return;
        }
    }
    scratch.clear();
    scratch.extend(text.nfkc());
    if scratch != text {
        w.replace(src, scratch);
    }
}

/// The columns a character takes on a terminal: two for the East Asian wide
/// and full-width ranges (CJK, kana, Hangul, full-width forms), one for the
/// others (ambiguous ones such as `“` included, as `w3m` prints them).
///
/// Used to line up text laid out for a terminal (box-drawn tables, plain
/// text columns) and the caret under an error's position.
pub(crate) fn display_width(c: char) -> u8 {
    let wide = matches!(u32::from(c),
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

#[cfg(test)]
mod tests;
