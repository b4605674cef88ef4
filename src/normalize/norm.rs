//! Ranges of the normalized text.

use std::ops::Range;

/// A byte range of the NORMALIZED text (`Normalized::text`, or the grammar's
/// relined view of it, which keeps every byte offset), not of the text the
/// user gave.
///
/// The grammar works on the normalized text and hands such ranges from stage
/// to stage (a row's label, the cells run together after it, a table's
/// region); only [`Normalized::original_range_from`] turns one into a range
/// of the original text, which is what a public `Span` holds. A type of its
/// own keeps the two apart: there is deliberately no conversion from a
/// `Span` or a bare `(usize, usize)`, so a range of the original cannot be
/// passed where a normalized one is expected, nor mapped twice.
///
/// [`Normalized::original_range_from`]: super::Normalized::original_range_from
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Norm {
    /// First byte of the range.
    pub(crate) start: usize,
    /// Byte after the last one (`end < start` is read as empty at `start`).
    pub(crate) end: usize,
}

impl Norm {
    /// The normalized range `start..end`.
    pub(crate) const fn new(start: usize, end: usize) -> Norm {
        Norm { start, end }
    }

    /// The range as a `Range`, to slice the normalized text with.
    pub(crate) const fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

#[cfg(test)]
mod tests {
    use super::Norm;
    use crate::model::Span;
    use crate::normalize::normalize;

    /// The original span of a normalized range, as the grammar asks for it.
    fn span_of(input: &str, at: Norm) -> Span {
        let n = normalize(input);
        let mut hint = usize::MAX;
        n.original_range_from(&mut hint, at).into()
    }

    #[test]
    fn a_normalized_range_maps_to_the_original_span() {
        // `件数：１２` normalizes to `件数:12`: the full-width colon and
        // digits (3 bytes each) become 1 byte each
        let input = "件数：１２";
        let n = normalize(input);
        assert_eq!(n.text, "件数:12");
        let digits = Norm::new(7, 9);
        assert_eq!(&n.text[digits.range()], "12");
        let span = span_of(input, digits);
        assert_eq!((span.start, span.end), (9, 15));
        assert_eq!(&input[span.start..span.end], "１２");
        // the range is not the span: the same numbers read as an original
        // range would point elsewhere
        assert_ne!((span.start, span.end), (digits.start, digits.end));
        // the text before the colon is copied: its range maps to itself
        let label = span_of(input, Norm::new(0, 6));
        assert_eq!((label.start, label.end), (0, 6));
    }

    #[test]
    fn an_empty_range_maps_to_an_empty_span() {
        let span = span_of("件数：１２", Norm::new(8, 8));
        assert_eq!((span.start, span.end), (12, 12));
        // past the end of the normalized text: the end of the original
        let span = span_of("件数：１２", Norm::new(20, 20));
        assert_eq!((span.start, span.end), (15, 15));
    }
}
