//! A table's tokens as the input of nom parsers.
//!
//! [`Tokens`] is a slice of a table's [`Token`]s that nom's combinators take
//! as their input, as they take a `&str`: one item a cell. It remembers where
//! in the table it starts, so a parser can tell the index of a cell it read.
//! The primitives below read one cell of a kind (a value, a blank, a text
//! cell, a row's first cell) or the run of cells that follow a label; the
//! table grammar (`table::scan`) is written with them.

use std::iter::Enumerate;
use std::slice::Iter;

use nom::bytes::complete::take_while;
use nom::combinator::verify;
use nom::{Err, IResult, Input, Needed, Offset, Parser};

use super::{Layout, Token};

/// A run of a table's tokens: the input of the table grammar.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tokens<'t> {
    tokens: &'t [Token],
    /// The index of `tokens[0]` in the table's tokens.
    offset: usize,
}

/// What a parser over [`Tokens`] returns. The grammar tells why it refused
/// nothing more than that it did: its error is `()`.
pub(crate) type Parsed<'t, O> = IResult<Tokens<'t>, O, ()>;

impl<'t> Tokens<'t> {
    /// All the tokens of a table.
    pub(crate) fn new(tokens: &'t [Token]) -> Tokens<'t> {
        Tokens { tokens, offset: 0 }
    }

    /// The tokens, as a slice.
    pub(crate) fn as_slice(&self) -> &'t [Token] {
        self.tokens
    }

    /// The index of the first token in the table's tokens.
    pub(crate) fn index(&self) -> usize {
        self.offset
    }

    /// The first token.
    pub(crate) fn first(&self) -> Option<&'t Token> {
        self.tokens.first()
    }

    /// The last token.
    pub(crate) fn last(&self) -> Option<&'t Token> {
        self.tokens.last()
    }

    /// How many tokens there are.
    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when no token is left.
    pub(crate) fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The tokens one after the other.
    pub(crate) fn iter(&self) -> Iter<'t, Token> {
        self.tokens.iter()
    }
}

impl<'t> Input for Tokens<'t> {
    type Item = &'t Token;
    type Iter = Iter<'t, Token>;
    type IterIndices = Enumerate<Iter<'t, Token>>;

    fn input_len(&self) -> usize {
        self.tokens.len()
    }

    #[inline]
    fn take(&self, index: usize) -> Self {
        Tokens {
            tokens: &self.tokens[..index],
            offset: self.offset,
        }
    }

    #[inline]
    fn take_from(&self, index: usize) -> Self {
        Tokens {
            tokens: &self.tokens[index..],
            offset: self.offset + index,
        }
    }

    #[inline]
    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    #[inline]
    fn position<P>(&self, predicate: P) -> Option<usize>
    where
        P: Fn(Self::Item) -> bool,
    {
        self.tokens.iter().position(predicate)
    }

    fn iter_elements(&self) -> Self::Iter {
        self.tokens.iter()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.tokens.iter().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        if self.tokens.len() >= count {
            Ok(count)
        } else {
            Err(Needed::new(count - self.tokens.len()))
        }
    }
}

impl Offset for Tokens<'_> {
    /// How many tokens `second`, a suffix of `self`, starts after `self`.
    fn offset(&self, second: &Self) -> usize {
        second.offset - self.offset
    }
}

/// Any one cell.
///
/// ```text
/// cell = token
/// ```
pub(crate) fn cell(i: Tokens<'_>) -> Parsed<'_, &Token> {
    match i.first() {
        Some(t) => Ok((i.take_from(1), t)),
        None => Err(Err::Error(())),
    }
}

/// A cell read as a value, a figure or a blank (`/`, `-`, an empty cell, …).
///
/// ```text
/// value_cell = cell (read as a scalar)
/// ```
pub(crate) fn value(i: Tokens<'_>) -> Parsed<'_, &Token> {
    verify(cell, |t: &Token| !t.is_text()).parse(i)
}

/// A blank cell: a value cell that holds no figure.
///
/// ```text
/// blank_cell = cell (read as a blank)
/// ```
pub(crate) fn blank(i: Tokens<'_>) -> Parsed<'_, &Token> {
    verify(cell, |t: &Token| t.is_blank()).parse(i)
}

/// A text cell: a label, a header, a piece of either, prose.
///
/// ```text
/// text_cell = cell (not read as a scalar)
/// ```
pub(crate) fn text(i: Tokens<'_>) -> Parsed<'_, &Token> {
    verify(cell, |t: &Token| t.is_text()).parse(i)
}

/// The first cell of a row, in layouts that mark rows.
///
/// ```text
/// row_start = cell (that starts a row)
/// ```
pub(crate) fn row_start(i: Tokens<'_>) -> Parsed<'_, &Token> {
    verify(cell, |t: &Token| t.row_start).parse(i)
}

/// The end of a row, consuming nothing: no cell left, or a row's first cell.
///
/// ```text
/// row_end = &row_start | end
/// ```
pub(crate) fn row_end(i: Tokens<'_>) -> Parsed<'_, ()> {
    if i.first().is_none_or(|t| t.row_start) {
        Ok((i, ()))
    } else {
        Err(Err::Error(()))
    }
}

/// The cells that follow a label: every value cell up to the next text cell,
/// or (where the layout marks rows) up to the next row. May be empty.
///
/// ```text
/// cells_end = value_cell*   (none of them a row_start, where rows are marked)
/// ```
pub(crate) fn cells_end<'t>(layout: Layout) -> impl Fn(Tokens<'t>) -> Parsed<'t, Tokens<'t>> {
    let rows = layout.marks_rows();
    move |i| take_while(|t: &Token| !(t.is_text() || rows && t.row_start)).parse(i)
}

#[cfg(test)]
mod tests {
    use nom::bytes::complete::take;
    use nom::combinator::recognize;
    use nom::multi::many0;
    use nom::sequence::pair;

    use super::*;
    use crate::grammar::tokens::tokenize;

    fn tokens(doc: &str, layout: Layout) -> Vec<Token> {
        tokenize(doc, 0, doc.len(), layout)
    }

    fn texts<'d>(doc: &'d str, cells: &[Token]) -> Vec<&'d str> {
        cells.iter().map(|t| t.text(doc)).collect()
    }

    const TAB_ROWS: &str = "规章\t3\t/\t0\n行政许可\t5\t\t2\n";

    #[test]
    fn input_splits_and_remembers_where_it_starts() {
        let all = tokens(TAB_ROWS, Layout::TabRows);
        let i = Tokens::new(&all);
        assert_eq!(i.input_len(), 8);
        let (rest, head) = i.take_split(3);
        assert_eq!((head.len(), head.index()), (3, 0));
        assert_eq!((rest.len(), rest.index()), (5, 3));
        assert_eq!(i.take_from(8).len(), 0);
        assert_eq!(i.take_from(8).index(), 8);
        assert_eq!(rest.take(2).index(), 3);
        assert_eq!(Offset::offset(&i, &rest), 3);
        assert_eq!(i.slice_index(8), Ok(8));
        assert_eq!(i.slice_index(10), Err(Needed::new(2)));
        assert_eq!(i.position(|t| t.row_start && t.start > 0), Some(4));
        assert_eq!(i.position(|t| t.start > TAB_ROWS.len()), None);
        let indices: Vec<usize> = rest.iter_indices().map(|(n, _)| n).collect();
        assert_eq!(indices, [0, 1, 2, 3, 4]);
        assert_eq!(rest.iter_elements().count(), 5);
    }

    #[test]
    fn nom_combinators_read_the_slice() {
        let all = tokens(TAB_ROWS, Layout::TabRows);
        let i = Tokens::new(&all);
        let (rest, head) = take::<_, _, ()>(2usize).parse(i).unwrap();
        assert_eq!(texts(TAB_ROWS, head.as_slice()), ["规章", "3"]);
        assert_eq!(rest.index(), 2);
        let (rest, row) = recognize(pair(text, cells_end(Layout::TabRows)))
            .parse(i)
            .unwrap();
        assert_eq!(texts(TAB_ROWS, row.as_slice()), ["规章", "3", "/", "0"]);
        assert_eq!(rest.first().map(|t| t.text(TAB_ROWS)), Some("行政许可"));
        let (_, rows) = many0(recognize(pair(text, cells_end(Layout::TabRows))))
            .parse(i)
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            texts(TAB_ROWS, rows[1].as_slice()),
            ["行政许可", "5", "", "2"]
        );
    }

    #[test]
    fn one_cell_of_a_kind() {
        let all = tokens(TAB_ROWS, Layout::TabRows);
        let i = Tokens::new(&all);
        assert!(text(i).is_ok());
        assert!(row_start(i).is_ok());
        assert!(value(i).is_err());
        let (after, _) = text(i).unwrap();
        assert!(row_start(after).is_err());
        assert!(row_end(after).is_err());
        let (after, three) = value(after).unwrap();
        assert_eq!(three.text(TAB_ROWS), "3");
        assert!(blank(after).is_ok(), "`/` is a blank");
        assert!(blank(Tokens::new(&all[5..])).is_err(), "5 is a value");
        assert!(
            blank(Tokens::new(&all[6..])).is_ok(),
            "an empty cell is a blank"
        );
        assert!(row_end(Tokens::new(&all[4..])).is_ok());
        assert!(row_end(Tokens::new(&all[8..])).is_ok());
        assert!(cell(Tokens::new(&all[8..])).is_err());
    }

    #[test]
    fn cells_end_at_a_text_cell_or_where_rows_are_marked_a_row() {
        let all = tokens(TAB_ROWS, Layout::TabRows);
        let after_label = Tokens::new(&all).take_from(1);
        let (rest, cells) = cells_end(Layout::TabRows)(after_label).unwrap();
        assert_eq!(cells.len(), 3);
        assert_eq!(rest.index(), 4);
        // a row's first value cell ends the cells where rows are marked …
        let layout = Layout::Lines;
        let all = tokens("规章\n3\n0\n行政许可\n5\n", layout);
        let mut marked = all.clone();
        marked[2].row_start = true;
        let (rest, cells) = cells_end(Layout::TabRows)(Tokens::new(&marked).take_from(1)).unwrap();
        assert_eq!((cells.len(), rest.index()), (1, 2));
        // … and not where they are not
        let (rest, cells) = cells_end(layout)(Tokens::new(&marked).take_from(1)).unwrap();
        assert_eq!((cells.len(), rest.index()), (2, 3));
        let (_, none) = cells_end(layout)(Tokens::new(&all)).unwrap();
        assert!(none.is_empty());
    }
}
