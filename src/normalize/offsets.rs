//! Offset maps from a derived text back to the text it was derived from.
//!
//! A map is a sorted list of pieces. Each piece starts at a byte offset of the
//! derived text and runs up to the next piece (or the end of the text):
//!
//! - an *identity* piece is a verbatim copy: offset `n` in the piece maps to
//!   `orig + (n - norm)`;
//! - a *replacement* piece stands for the source bytes `orig..orig + orig_len`
//!   as a whole (an NFKC expansion, `\r\n` → `\n`, an HTML entity, ...): every
//!   offset in it maps to `orig`, and a range ending in it ends at
//!   `orig + orig_len`;
//! - a *run* piece is a row of replacements of equal widths: `n` derived
//!   chars of `width` bytes each stand for `n` source sequences of `step`
//!   bytes each (GB18030 decoded to UTF-8: two bytes became three, char by
//!   char). Offset `n` in the piece maps to the start of the source of its
//!   char, `orig + (n - norm) / width * step`, and a range ending in it ends
//!   at the end of the source of its last char. It maps exactly as one
//!   replacement piece per char would, in one piece.
//!
//! Source bytes that no piece covers were deleted. Offsets past the last
//! piece (the end of the derived text) map to the end of the source.

use std::ops::Range;

/// `orig_len` of an identity piece.
const IDENTITY: usize = usize::MAX;

/// The bit of `orig_len` that marks a run piece; its low 16 bits hold the
/// run's source `step` (bits 0–7) and derived `width` (bits 8–15).
const RUN: usize = 1 << (usize::BITS - 1);

/// What a piece does, decoded from its `orig_len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A verbatim copy.
    Identity,
    /// The source bytes `orig..orig + len` as a whole.
    Replaced(usize),
    /// Chars of `width` derived bytes, each for `step` source bytes.
    Run { step: usize, width: usize },
}

/// One stretch of the derived text, see the module documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Piece {
    /// Start of the piece in the derived text.
    norm: usize,
    /// Start of its source in the source text.
    orig: usize,
    /// Length of the source of a replacement piece, [`IDENTITY`] for a copy,
    /// [`RUN`] with the step and width for a run (see [`Piece::kind`]).
    orig_len: usize,
}

impl Piece {
    fn is_identity(&self) -> bool {
        self.orig_len == IDENTITY
    }

    fn kind(&self) -> Kind {
        if self.orig_len == IDENTITY {
            Kind::Identity
        } else if self.orig_len & RUN != 0 {
            Kind::Run {
                step: self.orig_len & 0xFF,
                width: (self.orig_len >> 8) & 0xFF,
            }
        } else {
            Kind::Replaced(self.orig_len)
        }
    }

    /// Source offset of the derived offset `offset` of this piece.
    fn source_start(&self, offset: usize) -> usize {
        match self.kind() {
            Kind::Identity => self.orig + (offset - self.norm),
            Kind::Replaced(_) => self.orig,
            Kind::Run { step, width } => self.orig + (offset - self.norm) / width * step,
        }
    }

    /// Source end of a derived range ending at `end` in this piece
    /// (`self.norm < end`).
    fn source_end(&self, end: usize) -> usize {
        match self.kind() {
            Kind::Identity => self.orig + (end - self.norm),
            Kind::Replaced(len) => self.orig + len,
            Kind::Run { step, width } => self.orig + ((end - 1 - self.norm) / width + 1) * step,
        }
    }
}

/// Maps byte offsets of a derived text (normalized text, text extracted from
/// HTML or DOCX, ...) to byte offsets of its source.
///
/// Offsets given to [`OffsetMap::map`] and [`OffsetMap::map_range`] should be
/// char boundaries of the derived text; they then map to char boundaries of
/// the source (provided the map was built on char boundaries).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    pieces: Vec<Piece>,
    /// Length of the derived text.
    len: usize,
    /// Length of the source text.
    source_len: usize,
}

impl OffsetMap {
    /// The map of a text that is its own source, `len` bytes long.
    pub(crate) fn identity(len: usize) -> OffsetMap {
        let pieces = if len == 0 {
            Vec::new()
        } else {
            vec![Piece {
                norm: 0,
                orig: 0,
                orig_len: IDENTITY,
            }]
        };
        OffsetMap {
            pieces,
            len,
            source_len: len,
        }
    }

    /// Index of the piece containing `offset` (`offset < self.len`).
    fn piece_index(&self, offset: usize) -> usize {
        self.pieces
            .partition_point(|p| p.norm <= offset)
            .saturating_sub(1)
    }

    /// [`OffsetMap::piece_index`], looking at the few pieces from `hint` on
    /// first (lookups in increasing order are then linear overall).
    fn piece_index_from(&self, hint: usize, offset: usize) -> usize {
        let near = self.pieces.get(hint..).unwrap_or_default();
        if near.first().is_some_and(|p| p.norm <= offset) {
            let steps = near
                .iter()
                .skip(1)
                .take(8)
                .take_while(|p| p.norm <= offset)
                .count();
            if steps < 8 {
                return hint + steps;
            }
        }
        self.piece_index(offset)
    }

    /// End (exclusive) in the derived text of the piece at `index`.
    fn piece_end(&self, index: usize) -> usize {
        self.pieces.get(index + 1).map_or(self.len, |p| p.norm)
    }

    /// Source offset of a derived offset: the start of the source of the
    /// derived char at `offset`; the end of the derived text (or beyond) maps
    /// to the end of the source.
    pub(crate) fn map(&self, offset: usize) -> usize {
        let mut hint = usize::MAX;
        self.map_from(&mut hint, offset)
    }

    /// [`OffsetMap::map`] with a search hint, updated to the piece found.
    pub(crate) fn map_from(&self, hint: &mut usize, offset: usize) -> usize {
        if offset >= self.len {
            return self.source_len;
        }
        *hint = self.piece_index_from(*hint, offset);
        self.pieces[*hint].source_start(offset)
    }

    /// Source range of a derived range: the start maps as in [`OffsetMap::map`],
    /// the end is the end of the source of the last derived char in the range.
    /// An empty range maps to an empty range.
    pub(crate) fn map_range(&self, range: Range<usize>) -> Range<usize> {
        let mut hint = usize::MAX;
        self.map_range_from(&mut hint, range)
    }

    /// [`OffsetMap::map_range`] with a search hint, updated to the piece found.
    pub(crate) fn map_range_from(&self, hint: &mut usize, range: Range<usize>) -> Range<usize> {
        let start = self.map_from(hint, range.start);
        let end = range.end.min(self.len);
        if end <= range.start {
            return start..start;
        }
        *hint = self.piece_index_from(*hint, end - 1);
        let source_end = self.pieces[*hint].source_end(end);
        start..source_end.max(start)
    }

    /// The map of the derived text to the source of `base`, where `base` maps
    /// this map's source to its own source (`self`: text → mid, `base`:
    /// mid → document, result: text → document).
    pub(crate) fn compose(&self, base: &OffsetMap) -> OffsetMap {
        debug_assert_eq!(self.source_len, base.len, "composed maps must fit");
        let mut out = OffsetMapBuilder::new();
        let mut k = usize::MAX;
        for (i, p) in self.pieces.iter().enumerate() {
            let end = self.piece_end(i);
            if p.norm == end {
                continue;
            }
            match p.kind() {
                Kind::Identity => {}
                Kind::Replaced(len) => {
                    let r = base.map_range_from(&mut k, p.orig..p.orig + len);
                    out.replaced(p.norm, r);
                    continue;
                }
                Kind::Run { step, width } => {
                    // each char of the run stands for its own source
                    let mut src = p.orig;
                    for at in (p.norm..end).step_by(width) {
                        out.replaced(at, base.map_range_from(&mut k, src..src + step));
                        src += step;
                    }
                    continue;
                }
            }
            // A copied stretch: follow it through the pieces of `base`.
            let (m0, m1) = (p.orig, p.orig + (end - p.norm));
            if m0 >= base.len {
                continue;
            }
            k = base.piece_index_from(k, m0);
            while let Some(q) = base.pieces.get(k).filter(|q| q.norm < m1) {
                let lo = q.norm.max(m0);
                let at = p.norm + (lo - m0);
                match q.kind() {
                    Kind::Identity => out.copied(at, q.orig + (lo - q.norm)),
                    Kind::Replaced(len) => out.replaced(at, q.orig..q.orig + len),
                    Kind::Run { step, width } => {
                        let into = (lo - q.norm) % width;
                        if into == 0 {
                            out.run(at, q.source_start(lo), step, width);
                        } else {
                            // the stretch starts inside a char of the run:
                            // that char whole, then the run from the next
                            let c = q.source_start(lo);
                            out.replaced(at, c..c + step);
                            let next = lo + (width - into);
                            if next < base.piece_end(k).min(m1) {
                                out.run(at + (next - lo), c + step, step, width);
                            }
                        }
                    }
                }
                k += 1;
            }
            k = k.saturating_sub(1);
        }
        out.finish(self.len, base.source_len)
    }
}

/// Builds an [`OffsetMap`] while a derived text is written left to right.
///
/// Call [`OffsetMapBuilder::copied`] or [`OffsetMapBuilder::replaced`] at the
/// derived offset where each stretch starts; a stretch lasts until the next
/// call. Source bytes skipped between stretches are deleted.
#[derive(Debug, Default)]
pub(crate) struct OffsetMapBuilder {
    pieces: Vec<Piece>,
}

impl OffsetMapBuilder {
    /// An empty builder.
    pub(crate) fn new() -> OffsetMapBuilder {
        OffsetMapBuilder::default()
    }

    /// Makes room for `pieces` more pieces at once.
    pub(crate) fn reserve(&mut self, pieces: usize) {
        self.pieces.reserve(pieces);
    }

    /// Drops a trailing piece that ended up empty (starts at `at` too).
    fn drop_empty(&mut self, at: usize) {
        debug_assert!(
            self.pieces.last().is_none_or(|p| p.norm <= at),
            "pieces out of order"
        );
        if self.pieces.last().is_some_and(|p| p.norm == at) {
            self.pieces.pop();
        }
    }

    /// From derived offset `at` on, the text is a verbatim copy of the source
    /// from offset `source` on.
    pub(crate) fn copied(&mut self, at: usize, source: usize) {
        self.drop_empty(at);
        if let Some(last) = self.pieces.last()
            && last.is_identity()
            && last.orig + (at - last.norm) == source
        {
            return;
        }
        self.pieces.push(Piece {
            norm: at,
            orig: source,
            orig_len: IDENTITY,
        });
    }

    /// From derived offset `at` on, the text stands for the source bytes
    /// `source` as a whole.
    pub(crate) fn replaced(&mut self, at: usize, source: Range<usize>) {
        self.drop_empty(at);
        let orig_len = source.end.saturating_sub(source.start);
        if let Some(last) = self.pieces.last()
            && last.orig == source.start
            && last.orig_len == orig_len
        {
            return;
        }
        self.pieces.push(Piece {
            norm: at,
            orig: source.start,
            orig_len,
        });
    }

    /// From derived offset `at` on, the text is a run of chars of `width`
    /// bytes each, char `i` standing for the `step` source bytes from
    /// `source + i * step` on (`step` and `width` from 1 to 255).
    pub(crate) fn run(&mut self, at: usize, source: usize, step: usize, width: usize) {
        debug_assert!(
            (1..=0xFF).contains(&step) && (1..=0xFF).contains(&width),
            "run step and width must fit a byte"
        );
        self.drop_empty(at);
        self.pieces.push(Piece {
            norm: at,
            orig: source,
            orig_len: RUN | (width << 8) | step,
        });
    }

    /// From derived offset `at` on, the text is the text `map` derives from
    /// the source bytes starting at `base` (the map of a part of the source).
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    pub(crate) fn append(&mut self, at: usize, map: &OffsetMap, base: usize) {
        for p in &map.pieces {
            match p.kind() {
                Kind::Identity => self.copied(at + p.norm, base + p.orig),
                Kind::Replaced(len) => {
                    self.replaced(at + p.norm, base + p.orig..base + p.orig + len)
                }
                Kind::Run { step, width } => self.run(at + p.norm, base + p.orig, step, width),
            }
        }
    }

    /// The map of a derived text of `len` bytes to a source of `source_len`
    /// bytes.
    pub(crate) fn finish(mut self, len: usize, source_len: usize) -> OffsetMap {
        self.drop_empty(len);
        debug_assert!(
            len == 0 || self.pieces.first().is_some_and(|p| p.norm == 0),
            "map must start at 0"
        );
        // a map lives as long as its text: without the spare capacity
        self.pieces.shrink_to_fit();
        OffsetMap {
            pieces: self.pieces,
            len,
            source_len,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_map() {
        let m = OffsetMap::identity(5);
        assert_eq!(m.map(0), 0);
        assert_eq!(m.map(3), 3);
        assert_eq!(m.map(5), 5);
        assert_eq!(m.map_range(1..4), 1..4);
        assert_eq!(m.map_range(2..2), 2..2);
        let empty = OffsetMap::identity(0);
        assert_eq!(empty.map(0), 0);
        assert_eq!(empty.map_range(0..0), 0..0);
    }

    /// Source `<b>x&amp;y</b>`, derived `x&y`.
    fn entity_map() -> OffsetMap {
        let mut b = OffsetMapBuilder::new();
        b.copied(0, 3);
        b.replaced(1, 4..9);
        b.copied(2, 9);
        b.finish(3, 14)
    }

    #[test]
    fn builder_and_lookup() {
        let m = entity_map();
        assert_eq!((0..=3).map(|n| m.map(n)).collect::<Vec<_>>(), [3, 4, 9, 14]);
        assert_eq!(m.map_range(0..1), 3..4);
        assert_eq!(m.map_range(1..2), 4..9);
        assert_eq!(m.map_range(0..3), 3..10);
        assert_eq!(m.map_range(2..2), 9..9);
        assert_eq!(m.map_range(3..3), 14..14);
    }

    #[test]
    fn builder_merges_and_drops_empty() {
        let mut b = OffsetMapBuilder::new();
        b.copied(0, 0);
        b.copied(2, 2); // contiguous: merged
        b.replaced(4, 4..6);
        b.replaced(5, 4..6); // same source: merged
        b.copied(6, 6); // empty, replaced below
        b.copied(6, 8); // 6..8 deleted
        let m = b.finish(8, 10);
        assert_eq!(m.pieces.len(), 3);
        assert_eq!(m.map(3), 3);
        assert_eq!(m.map(5), 4);
        assert_eq!(m.map(6), 8);
        assert_eq!(m.map_range(4..6), 4..6);
    }

    #[test]
    fn compose_follows_both_maps() {
        // Over the `x&y` of `entity_map`: `X` stands for `x&`, `y` is copied.
        let base = entity_map();
        let mut b = OffsetMapBuilder::new();
        b.replaced(0, 0..2);
        b.copied(1, 2);
        let top = b.finish(2, 3);
        let m = top.compose(&base);
        for n in 0..=2 {
            assert_eq!(m.map(n), base.map(top.map(n)), "offset {n}");
            for e in n..=2 {
                assert_eq!(
                    m.map_range(n..e),
                    base.map_range(top.map_range(n..e)),
                    "{n}..{e}"
                );
            }
        }
        assert_eq!(m.map_range(0..1), 3..9);
        assert_eq!(m.map(2), 14);
    }

    /// `部门12` as GB18030 (two bytes a char) decoded to UTF-8, three ways:
    /// one replacement piece per char, a run, and a run the builder gets
    /// through `append`.
    fn gb_maps() -> [OffsetMap; 3] {
        let mut each = OffsetMapBuilder::new();
        each.replaced(0, 0..2);
        each.replaced(3, 2..4);
        each.copied(6, 4);
        let mut run = OffsetMapBuilder::new();
        run.run(0, 0, 2, 3);
        run.copied(6, 4);
        let run = run.finish(8, 6);
        let mut appended = OffsetMapBuilder::new();
        appended.append(0, &run, 0);
        [each.finish(8, 6), run, appended.finish(8, 6)]
    }

    /// Every offset and range of `a` and `b` maps the same.
    fn same_mapping(a: &OffsetMap, b: &OffsetMap) {
        assert_eq!(a.len, b.len);
        for n in 0..=a.len + 1 {
            assert_eq!(a.map(n), b.map(n), "offset {n}");
            for e in n..=a.len + 1 {
                assert_eq!(a.map_range(n..e), b.map_range(n..e), "{n}..{e}");
            }
        }
    }

    #[test]
    fn a_run_maps_as_a_piece_per_char() {
        let [each, run, appended] = gb_maps();
        assert_eq!(run.pieces.len(), 2);
        same_mapping(&each, &run);
        same_mapping(&each, &appended);
        assert_eq!(run.map(3), 2);
        assert_eq!(run.map(4), 2);
        assert_eq!(run.map_range(0..4), 0..4);
        assert_eq!(run.map_range(3..8), 2..6);
    }

    #[test]
    fn compose_through_and_over_runs() {
        let [each, run, _] = gb_maps();
        // over the run: text copied from the middle of a char on, and a
        // replacement over a char and a half
        let mut b = OffsetMapBuilder::new();
        b.copied(0, 1);
        b.replaced(4, 5..8);
        let top = b.finish(5, 8);
        same_mapping(&top.compose(&each), &top.compose(&run));
        let mut b = OffsetMapBuilder::new();
        b.replaced(0, 0..4);
        b.copied(1, 4);
        let top = b.finish(5, 8);
        same_mapping(&top.compose(&each), &top.compose(&run));
        // the run on top: each char followed into the map below
        let base = entity_map();
        let mut b = OffsetMapBuilder::new();
        b.run(0, 0, 1, 2);
        b.copied(4, 2);
        let top = b.finish(5, 3);
        let mut b = OffsetMapBuilder::new();
        b.replaced(0, 0..1);
        b.replaced(2, 1..2);
        b.copied(4, 2);
        let top_each = b.finish(5, 3);
        same_mapping(&top.compose(&base), &top_each.compose(&base));
    }
}
