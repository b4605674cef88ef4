//! Placing a row's cells in the template's columns.
//!
//! A row of `m` cells is read into `n` columns. When `m == n` the cells are the
//! columns. When the text has more cells than the template, the extra ones are
//! empty cells (no text: a `/` is a blank cell, never a filler) of merged label
//! columns (on the left) or of the grid's trailing column (on the right): every
//! way of dropping empty cells at the two ends is tried, and the row is placed
//! only when all of them put every value in the same column, or when the
//! table's header shows how many empty cells trail the last column and that
//! picks exactly one; when no such way exists but the cells with text are as
//! many as the columns, they are the columns (the empty cells between them are
//! fillers). Empty cells dropped at the right end are taken for the trailing
//! filler only when the header shows as many after its last column (in the
//! layouts that mark rows), or when no empty cell stays between the values
//! kept: a separator doubled (`0 | | 0 |` for `0 | 0 |`) also makes a row one
//! cell too long, and then any of its empty cells may be the one too many.
//! Otherwise the row is not placed: its cells
//! stay blank and the caller reports why.

use crate::grammar::tokens::Token;

/// The most columns a placement holds: those of the widest table of the
/// template (section 四's fifteen), with room to spare.
pub(crate) const MAX_COLUMNS: usize = 16;

/// Where each column's cell is: `Some(i)` is `cells[i]`, `None` a cell the text
/// does not show (it is blank).
///
/// A fixed array on the stack, as long as the table has columns (at most
/// [`MAX_COLUMNS`]): every row a table reads is placed, and a placement on
/// the heap would be an allocation per row.
#[derive(Clone, Copy)]
pub(crate) struct Placement {
    slots: [Option<usize>; MAX_COLUMNS],
    len: usize,
}

impl Placement {
    /// `columns` columns, none of them shown (at most [`MAX_COLUMNS`]).
    pub(crate) fn blank(columns: usize) -> Placement {
        Placement {
            slots: [None; MAX_COLUMNS],
            len: columns.min(MAX_COLUMNS),
        }
    }

    /// `columns` columns, column `c` in `cells[c]`.
    pub(crate) fn in_order(columns: usize) -> Placement {
        (0..columns).map(Some).collect()
    }

    /// Adds a column at the end (none past [`MAX_COLUMNS`]).
    pub(crate) fn push(&mut self, slot: Option<usize>) {
        if let Some(at) = self.slots.get_mut(self.len) {
            *at = slot;
            self.len += 1;
        }
    }

    /// Shortens the placement to `columns` columns, or lengthens it with
    /// columns not shown.
    pub(crate) fn resize(&mut self, columns: usize) {
        let columns = columns.min(MAX_COLUMNS);
        for slot in self.slots.iter_mut().skip(columns) {
            *slot = None;
        }
        self.len = columns;
    }
}

impl std::ops::Deref for Placement {
    type Target = [Option<usize>];
    fn deref(&self) -> &[Option<usize>] {
        &self.slots[..self.len]
    }
}

impl std::ops::DerefMut for Placement {
    fn deref_mut(&mut self) -> &mut [Option<usize>] {
        &mut self.slots[..self.len]
    }
}

impl FromIterator<Option<usize>> for Placement {
    fn from_iter<I: IntoIterator<Item = Option<usize>>>(iter: I) -> Placement {
        let mut placement = Placement::blank(0);
        placement.extend(iter);
        placement
    }
}

impl Extend<Option<usize>> for Placement {
    fn extend<I: IntoIterator<Item = Option<usize>>>(&mut self, iter: I) {
        for slot in iter {
            self.push(slot);
        }
    }
}

impl PartialEq for Placement {
    fn eq(&self, other: &Placement) -> bool {
        **self == **other
    }
}

impl Eq for Placement {}

impl<const N: usize> PartialEq<[Option<usize>; N]> for Placement {
    fn eq(&self, other: &[Option<usize>; N]) -> bool {
        **self == other[..]
    }
}

impl std::fmt::Debug for Placement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// How a row was placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Aligned {
    /// The cells line up with the columns.
    Direct(Placement),
    /// Empty cells were dropped at the ends to line the row up; the placement is
    /// certain (`by_header` is false) or was chosen by the header's trailing cells.
    Realigned {
        placement: Placement,
        by_header: bool,
    },
    /// Every cell is empty (or there are none): every column is blank.
    Empty,
    /// Empty cells stand between the row's cells with text, which are as
    /// many as the columns: those are the columns, in order, and the empty
    /// ones the fillers of merged cells (a Word table's grid, as pandoc
    /// writes it, puts a value under no header cell of its own).
    ///
    /// ```text
    /// spread = (empty* value)^columns empty*     (no end-trimming lines it up)
    /// ```
    Spread(Placement),
}

/// Why a row could not be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unplaced {
    /// Fewer cells than columns, some of them values: which columns they belong to is unknown.
    TooFew { cells: usize, columns: usize },
    /// More cells with values than columns.
    TooMany { cells: usize, columns: usize },
    /// The row lines up in more than one way.
    Ambiguous { cells: usize, columns: usize },
}

impl Unplaced {
    pub(crate) fn describe(&self) -> String {
        match *self {
            Unplaced::TooFew { cells, columns } => format!(
                "the row shows {cells} cells for {columns} columns, so which column each value belongs to is unknown"
            ),
            Unplaced::TooMany { cells, columns } => {
                format!("the row shows {cells} values for {columns} columns")
            }
            Unplaced::Ambiguous { cells, columns } => format!(
                "the row shows {cells} cells for {columns} columns and its values line up with the columns in more than one way"
            ),
        }
    }
}

/// Places `cells` into `columns` columns. `trailing` is the number of empty cells
/// the table's header shows after its last column, when the layout marks rows.
pub(crate) fn align(
    cells: &[Token],
    columns: usize,
    trailing: Option<usize>,
) -> Result<Aligned, Unplaced> {
    let m = cells.len();
    if cells.iter().all(Token::is_blank) {
        return Ok(Aligned::Empty);
    }
    if m == columns {
        return Ok(Aligned::Direct(Placement::in_order(m)));
    }
    if m < columns {
        return Err(Unplaced::TooFew { cells: m, columns });
    }
    let extra = m - columns;
    // only cells with no text can be the fillers of merged cells
    let blank_run = |range: std::ops::Range<usize>| cells[range].iter().all(Token::is_empty);
    let lined_up = || {
        (0..=extra)
            .map(move |left| (left, extra - left))
            .filter(move |&(left, right)| blank_run(0..left) && blank_run(m - right..m))
    };
    // empty cells dropped at the end are the grid's trailing filler only when
    // the header shows as many, or when no empty cell is kept between the
    // values: a kept empty cell may as well be the one too many (a separator
    // doubled), and nothing tells which of the empty cells that is
    let candidates = || {
        lined_up().filter(move |&(left, right)| {
            right == 0
                || trailing.is_none_or(|t| t == right)
                || !cells[left..m - right].iter().any(Token::is_empty)
        })
    };
    let Some((first, _)) = candidates().next() else {
        if lined_up().next().is_some() {
            return Err(Unplaced::Ambiguous { cells: m, columns });
        }
        // the cells with text are the columns (see `Aligned::Spread`)
        let texts = || (0..m).filter(|&i| !cells[i].is_empty());
        if texts().count() == columns && texts().all(|i| !cells[i].is_text()) {
            return Ok(Aligned::Spread(texts().map(Some).collect()));
        }
        return Err(Unplaced::TooMany {
            cells: cells.iter().filter(|t| !t.is_blank()).count(),
            columns,
        });
    };
    let place = |left: usize| -> Placement { (0..columns).map(|c| Some(left + c)).collect() };
    // every candidate holds values in the same columns as the first, and the
    // same values
    let agree = candidates().all(|(l, _)| {
        (0..columns).all(|c| {
            let (here, there) = (&cells[l + c], &cells[first + c]);
            here.is_blank() == there.is_blank() && (here.is_blank() || here == there)
        })
    });
    if agree {
        return Ok(Aligned::Realigned {
            placement: place(first),
            by_header: false,
        });
    }
    if let Some(t) = trailing {
        let mut chosen = candidates().filter(|&(_, r)| r == t);
        if let (Some((left, _)), None) = (chosen.next(), chosen.next()) {
            return Ok(Aligned::Realigned {
                placement: place(left),
                by_header: true,
            });
        }
    }
    Err(Unplaced::Ambiguous { cells: m, columns })
}

/// Whether a row of a table without sums (section 二) shows a grid of empty
/// cells that no longer fits it, so that a cell of it was lost and its empty
/// cells cannot be told from its blank ones:
///
/// ```text
/// lost = (cell{columns} where the header's trailing empties end it empty)
///      | (empty+ … empty-kept-inside … where only dropping the leading empties lines it up)
/// ```
///
/// The header shows `t` empty cells after its last column and the row has
/// just as many cells as columns, its last `t` empty: those are the grid's
/// filler, and a value is missing (`| 31 | 21 | |` under three columns and a
/// filler). Or the row has more cells than columns and lines up only by
/// dropping empty cells before its values while an empty cell stays inside:
/// the grid has fillers between its cells, and the one kept may be one too
/// (`|  |  | 1 |  | 21 |  |`, a cell of `|  | 3 |  | 1 |  | 21 |  |` lost).
/// Such a row is read from its cells with text only (by what they are or
/// where they sit), never by counting the empty ones.
pub(crate) fn lost_a_cell(cells: &[Token], columns: usize, trailing: Option<usize>) -> bool {
    let m = cells.len();
    if m == columns {
        return trailing
            .filter(|&t| t > 0 && t <= m)
            .is_some_and(|t| cells[m - t..].iter().all(Token::is_empty));
    }
    if m < columns || cells.iter().all(Token::is_blank) {
        return false;
    }
    let extra = m - columns;
    let blank_run = |range: std::ops::Range<usize>| cells[range].iter().all(Token::is_empty);
    let mut lined_up =
        (0..=extra).filter(|&left| blank_run(0..left) && blank_run(m - (extra - left)..m));
    let mut any = false;
    lined_up.all(|left| {
        any = true;
        left > 0 && (0..columns).any(|c| cells[left + c].is_empty())
    }) && any
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::value::scalar;

    fn row(cells: &[&str]) -> Vec<Token> {
        cells
            .iter()
            .map(|c| Token {
                start: 0,
                end: c.len(),
                scalar: scalar(c),
                row_start: false,
                at: None,
            })
            .collect()
    }

    fn placed(
        cells: &[&str],
        columns: usize,
        trailing: Option<usize>,
    ) -> Option<Vec<&'static str>> {
        let tokens = row(cells);
        let texts: Vec<&'static str> = cells.iter().map(|c| &*c.to_string().leak()).collect();
        match align(&tokens, columns, trailing).ok()? {
            Aligned::Empty => Some(vec![""; columns]),
            Aligned::Direct(p) | Aligned::Realigned { placement: p, .. } | Aligned::Spread(p) => {
                Some(p.iter().map(|i| i.map_or("", |i| texts[i])).collect())
            }
        }
    }

    #[test]
    fn a_placement_holds_the_columns_of_every_table() {
        use crate::model::{ActiveColumn, ApplicantColumn, ReviewColumn, ReviewRow};
        let review = ReviewColumn::ALL.len() * ReviewRow::ALL.len();
        for columns in [ActiveColumn::ALL.len(), ApplicantColumn::ALL.len(), review] {
            assert!(columns <= MAX_COLUMNS, "{columns} columns");
            assert_eq!(Placement::in_order(columns).len(), columns);
        }
        let mut p = Placement::blank(2);
        p.extend([Some(4)]);
        assert_eq!(p, [None, None, Some(4)]);
        p.resize(1);
        assert_eq!(p, [None]);
    }

    #[test]
    fn exact_rows_and_empty_rows() {
        assert_eq!(placed(&["1", "2", "3"], 3, None), Some(vec!["1", "2", "3"]));
        assert_eq!(placed(&["", "", "", ""], 3, None), Some(vec!["", "", ""]));
        assert_eq!(placed(&[], 7, None), Some(vec![""; 7]));
    }

    #[test]
    fn trailing_empty_cells_are_dropped() {
        assert_eq!(placed(&["0", "0", ""], 2, None), Some(vec!["0", "0"]));
        assert_eq!(placed(&["", "5", "0", ""], 2, None), Some(vec!["5", "0"]));
        // one empty cell too many, and either end could be it
        assert_eq!(placed(&["", "5", ""], 2, None), None);
        assert_eq!(placed(&["", "5", ""], 2, Some(1)), Some(vec!["", "5"]));
    }

    #[test]
    fn an_empty_cell_too_many_inside_is_not_taken_for_a_trailing_filler() {
        // innerText of `0 | 0 | (blank)` with a separator doubled: the header
        // shows no trailing filler, and the empty cell too many may be either
        assert_eq!(placed(&["0", "", "0", ""], 3, Some(0)), None);
        assert!(matches!(
            align(&row(&["0", "", "0", ""]), 3, Some(0)),
            Err(Unplaced::Ambiguous { .. })
        ));
        // the header shows the filler: the row is the grid
        assert_eq!(
            placed(&["0", "", "0", ""], 3, Some(1)),
            Some(vec!["0", "", "0"])
        );
        // no empty cell kept between the values: only the end can be the filler
        assert_eq!(
            placed(&["0", "5", "0", ""], 3, Some(0)),
            Some(vec!["0", "5", "0"])
        );
    }

    #[test]
    fn header_decides_between_alignments() {
        // seed 004: one value, nine or ten cells, the header shows one trailing cell
        let mut r = vec![""; 7];
        r.extend(["0", ""]);
        assert_eq!(placed(&r, 7, Some(1)).unwrap()[6], "0");
        assert_eq!(placed(&r, 7, None), None);
        let mut r = vec![""; 9];
        r.push("0");
        assert_eq!(placed(&r, 7, None).unwrap()[6], "0");
    }

    #[test]
    fn cells_with_text_as_many_as_the_columns_are_the_columns() {
        // pandoc's pipe table of a Word table: fillers between the values
        assert_eq!(
            placed(&["", "", "21", "19", "", "40", ""], 3, None),
            Some(vec!["21", "19", "40"])
        );
        assert_eq!(
            placed(&["", "/", "", "19", "", "40", ""], 3, None),
            Some(vec!["/", "19", "40"])
        );
        // one value too few or too many: not placed
        assert_eq!(placed(&["", "", "21", "", "", "40", ""], 3, None), None);
        assert_eq!(placed(&["", "1", "21", "3", "", "40", ""], 3, None), None);
    }

    #[test]
    fn too_few_or_too_many_values_are_not_placed() {
        assert_eq!(
            align(&row(&["1", "2"]), 3, None),
            Err(Unplaced::TooFew {
                cells: 2,
                columns: 3
            })
        );
        assert!(matches!(
            align(&row(&["1", "2", "3", "4"]), 3, None),
            Err(Unplaced::TooMany { .. })
        ));
    }

    #[test]
    fn a_row_short_of_its_grid_lost_a_cell() {
        // `| 31 | 21 | |` under a header with one trailing filler: a value lost
        assert!(lost_a_cell(&row(&["31", "21", ""]), 3, Some(1)));
        // the same row with its filler, or under a header without one, is whole
        assert!(!lost_a_cell(&row(&["3", "1", "21", ""]), 3, Some(1)));
        assert!(!lost_a_cell(&row(&["31", "21", ""]), 3, Some(0)));
        assert!(!lost_a_cell(&row(&["31", "21", ""]), 3, None));
        // `|  |  | 1 |  | 21 |  |`: fillers before the values and one kept inside
        assert!(lost_a_cell(&row(&["", "", "1", "", "21", ""]), 3, None));
        // the whole grid `|  | 3 |  | 1 |  | 21 |  |` lines up by no trimming
        assert!(!lost_a_cell(
            &row(&["", "3", "", "1", "", "21", ""]),
            3,
            None
        ));
        // a trailing filler dropped, a blank kept inside: no filler before the values
        assert!(!lost_a_cell(&row(&["3", "", "21", ""]), 3, None));
        // fillers before the values, none kept inside
        assert!(!lost_a_cell(&row(&["", "3", "1", "21"]), 3, None));
    }
}
