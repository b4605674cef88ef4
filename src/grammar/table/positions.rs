//! Placing a row's values by where they sit on the page (`pdftotext -layout`).
//!
//! In PDF text a blank cell leaves no trace: `规范性文件  0  0` may be a row of
//! three columns whose last cell is empty, or whose first is. What tells them
//! apart is where each value sits: `pdftotext -layout` puts one character per
//! column of its grid, so the cells of one table column start at about the same
//! character column on the lines of a page. A value is placed under a column
//! when it overlaps that column's *anchor*, and no other:
//!
//! - the cells of a complete row (every column shows a cell) of the same part
//!   of the table on the same page, the nearest one first; or else
//! - the header cells naming the columns, in the same part of the table and on
//!   the same page.
//!
//! Text laid out for a terminal gives the same kind of anchors: header words
//! one space apart (lynx) are one word a column, and a header laid out cell by
//! cell on one grid from the first column (inscriptis) names the row's first
//! columns by their order ([`grid_anchors`]).
//!
//! A row is placed only when every value in it falls under exactly one column,
//! in the columns' order, and every blank mark (`/`) that falls under none
//! has a free column between its neighbours ([`place`]); otherwise none of
//! its cells is placed (the caller leaves them blank and says why). A row
//! whose values stand one space apart sits where the text packs its words,
//! not where its columns are ([`packed`]): where no totals check it (section
//! 二), such a row short of its columns is not placed by position. Positions drift between pages and after
//! sparse header lines, so anchors from another page are never used, and a
//! value that merely comes near a column is not placed.
//!
//! A row whose first values the text packs one or two spaces apart, under
//! columns too narrow for them, while its last values stand under their own
//! columns (`5 2 /   1   1 9`), is placed by those last values alone, where
//! the row still adds up to its total; the columns of the packed run stay
//! blank unless the run fills them all ([`place_after_run`]).
//!
//! A page is not offset as a whole, so no shift taken from elsewhere on the
//! page (the row labels, say) carries anchors over from another page. A text
//! piece's column follows from how much text lies to its left on its own
//! page, not from its x position alone. Complete rows of one table on both
//! sides of a page break show it. Their columns move by +2, -1, -1, -1, -4,
//! -5, -4 in one report, and by 0, -1, 0, +5, +6, +8, +11 in another. In that
//! second report the labels of the same level stay where they were (0 and 8),
//! yet a `法律服务机构` value on the new page sits where `其他` sat on the last.

use super::align::Placement;
use crate::grammar::label::compact;
use crate::grammar::tokens::{Place, Token};
use crate::grammar::value::Scalar;

/// The character columns `[start, end)` a table column's anchor covers.
pub(crate) type Anchor = (u32, u32);

/// Why a row could not be placed by position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unplaced {
    /// The cells carry no position (the text is not laid out by `pdftotext -layout`).
    NoPositions,
    /// No complete row nor header cells on the row's page show where the columns are.
    NoAnchors,
    /// A value falls under no column, or under more than one.
    Between { text: String, hits: usize },
    /// The values do not fall under the columns in the columns' order.
    OutOfOrder,
    /// Placed so, the values would not keep the table's totals.
    Totals,
    /// The row shows fewer values than columns, each one space after the text
    /// before it (see [`packed`]), and no totals check where they sit.
    Packed,
}

impl Unplaced {
    pub(crate) fn describe(&self) -> String {
        match self {
            Unplaced::NoPositions => "the cells carry no position on the page".into(),
            Unplaced::NoAnchors => {
                "no complete row nor header on the same page shows where the columns are".into()
            }
            Unplaced::Between { text, hits: 0 } => {
                format!("`{text}` sits under no column of the rows or header around it")
            }
            Unplaced::Between { text, hits } => {
                format!("`{text}` sits under {hits} columns at once")
            }
            Unplaced::OutOfOrder => "the values do not sit under the columns in order".into(),
            Unplaced::Totals => "placed so, the values would not add up to their totals".into(),
            Unplaced::Packed => "its values stand one space after the text before each, where the text packs them, so where they sit says nothing of their columns, and no totals check them".into(),
        }
    }
}

fn overlaps(at: &Place, (start, end): Anchor) -> bool {
    at.start < end && start < at.end
}

/// The position of every cell, when all of them are on one line of one page.
fn places(cells: &[Token]) -> Option<Vec<Place>> {
    let places: Vec<Place> = cells.iter().map(|t| t.at).collect::<Option<_>>()?;
    let first = places.first()?;
    places
        .iter()
        .all(|p| p.line == first.line && p.page == first.page)
        .then_some(places)
}

/// The page of a row's cells, when they carry positions and sit on one line.
pub(crate) fn page_of(cells: &[Token]) -> Option<u32> {
    places(cells).and_then(|p| p.first().map(|p| p.page))
}

/// The anchors a complete row gives: one per column, when it shows exactly
/// `columns` cells, every one a value or a blank mark, on one line of `page`.
pub(crate) fn row_anchors(cells: &[Token], columns: usize, page: u32) -> Option<Vec<Anchor>> {
    if cells.len() != columns || cells.iter().any(Token::is_empty) {
        return None;
    }
    let places = places(cells)?;
    if places.first()?.page != page {
        return None;
    }
    Some(places.iter().map(|p| (p.start, p.end)).collect())
}

/// The words of a header cell with the place of each: a cell whose text has
/// words one space apart (`结果维持 结果纠正 其他结果`, as lynx lays out a header
/// row whose labels fit their columns) is one word a column, each starting at
/// its own character column. The words are split only where the cell covers
/// one column per character (text laid out for a terminal may give a CJK
/// character two); otherwise the cell is one word.
///
/// ```text
/// header cell := word (' ' word)*      each word at start + characters before it
/// ```
fn words_of<'d>(doc: &'d str, token: &Token) -> Vec<(&'d str, Place)> {
    let Some(at) = token.at else {
        return Vec::new();
    };
    let text = token.text(doc);
    let one_per_char = usize::try_from(at.end - at.start).ok() == Some(text.chars().count());
    if !one_per_char || !text.contains(' ') {
        return vec![(text, at)];
    }
    let mut out = Vec::new();
    let mut column = at.start;
    for word in text.split(' ') {
        let width = u32::try_from(word.chars().count()).unwrap_or(u32::MAX);
        if !word.is_empty() {
            let end = column.saturating_add(width);
            out.push((
                word,
                Place {
                    start: column,
                    end,
                    ..at
                },
            ));
        }
        column = column.saturating_add(width).saturating_add(1);
    }
    out
}

/// The anchors the header cells on `page` give: `labels[c]` names column `c`
/// (its alternatives). A header cell names a column when its text is one of
/// the column's labels or, being two characters or more, starts one (PDF text
/// wraps header cells: `社会公` over `益组织`); a cell that could name columns
/// of different labels names none. Where several columns share a label (the
/// three `总计` of section 四), the cells naming it are taken left to right, and
/// only when there are as many as columns. The anchors must run left to right
/// in the columns' order, or there are none; and where every header word on
/// the page starts at one column (a header one cell a line, as squeezed text
/// given its line breaks back or plain PDF text shows it), the header's
/// positions tell no column from another: there are none either.
///
/// A label wrapped inside a narrow column stands in pieces one below the
/// other, each starting at the column's first character (`结果` over `维持`,
/// `总` over `计`), while a piece alone may name no column (`结果` starts
/// both `结果维持` and `结果纠正`). Such pieces are read as one cell
/// ([`stacked`]).
pub(crate) fn header_anchors(
    doc: &str,
    header: &[Token],
    labels: &[&[&str]],
    page: u32,
) -> Vec<Option<Anchor>> {
    let mut anchors: Vec<Option<Anchor>> = vec![None; labels.len()];
    // columns grouped by their labels, in order
    let mut groups: Vec<(&[&str], Vec<usize>)> = Vec::new();
    for (c, &l) in labels.iter().enumerate() {
        match groups.iter_mut().find(|(g, _)| *g == l) {
            Some((_, columns)) => columns.push(c),
            None => groups.push((l, vec![c])),
        }
    }
    // the groups a header text names
    let named_by = |text: &str| -> Vec<usize> {
        let names = |label: &&str| {
            *label == text || (text.chars().nth(1).is_some() && label.starts_with(text))
        };
        groups
            .iter()
            .enumerate()
            .filter(|(_, (l, _))| l.iter().any(names))
            .map(|(g, _)| g)
            .collect()
    };
    let words: Vec<(String, Place)> = header
        .iter()
        .flat_map(|t| words_of(doc, t))
        .filter(|(_, at)| at.page == page)
        .map(|(text, at)| (compact(text), at))
        .collect();
    // the column every header word on the page starts at, while they share one
    let one_column = words.len() > 1 && words.iter().all(|(_, at)| at.start == words[0].1.start);
    let mut named: Vec<Vec<Place>> = vec![Vec::new(); groups.len()];
    for (text, at) in &words {
        if let [g] = named_by(text)[..] {
            named[g].push(*at);
        }
    }
    for (g, at) in stacked(&words, |text| named_by(text)) {
        named[g].push(at);
    }
    for ((_, columns), mut cells) in groups.iter().zip(named) {
        if cells.len() != columns.len() {
            continue;
        }
        cells.sort_by_key(|p| (p.start, p.line));
        for (&c, p) in columns.iter().zip(cells) {
            anchors[c] = Some((p.start, p.end));
        }
    }
    let set: Vec<Anchor> = anchors.iter().flatten().copied().collect();
    if one_column || set.windows(2).any(|w| w[1].0 < w[0].1) {
        return vec![None; labels.len()];
    }
    anchors
}

/// The most lines a label stacked in pieces is read over (see [`stacked`]).
const STACK_LINES: usize = 6;

/// The header cells made of pieces stacked one a line, each piece naming no
/// column alone: a piece, and the piece that starts at the same character
/// column on the next line (and so on, up to [`STACK_LINES`] lines), are one
/// cell when their text joined names exactly one group of columns, which
/// `named_by` tells (the groups a text names). The cell covers the pieces'
/// columns. A piece is part of one such cell at most.
///
/// ```text
/// stacked cell := piece piece+      each piece on the line after the one
///                                    before it, at the same start column,
///                                    naming no group alone; all of them
///                                    joined name one group, and the pieces
///                                    before the last, joined, several
///                                    (or, the first alone, none)
/// ```
fn stacked(
    words: &[(String, Place)],
    named_by: impl Fn(&str) -> Vec<usize>,
) -> Vec<(usize, Place)> {
    let alone: Vec<bool> = words.iter().map(|(w, _)| named_by(w).len() == 1).collect();
    let mut used = vec![false; words.len()];
    let mut out = Vec::new();
    for first in 0..words.len() {
        if alone[first] || used[first] {
            continue;
        }
        let (mut text, mut at) = words[first].clone();
        let mut pieces = vec![first];
        while pieces.len() < STACK_LINES {
            let below = (0..words.len()).find(|&i| {
                let p = words[i].1;
                !alone[i]
                    && !used[i]
                    && at.line.checked_add(1) == Some(p.line)
                    && p.start == at.start
            });
            let Some(below) = below else { break };
            let (piece, p) = &words[below];
            text.push_str(piece);
            at = Place {
                line: p.line,
                end: at.end.max(p.end),
                ..at
            };
            pieces.push(below);
            match named_by(&text)[..] {
                [g] => {
                    for &i in &pieces {
                        used[i] = true;
                    }
                    out.push((
                        g,
                        Place {
                            line: words[first].1.line,
                            ..at
                        },
                    ));
                    break;
                }
                [] => break,
                _ => {}
            }
        }
    }
    out
}

/// The anchors of a row laid out cell by cell under a header laid out the
/// same way, as inscriptis prints a table: every line of the table starts at
/// the same column and puts its `k`-th cell at the `k`-th column of one grid,
/// whatever cells of the lines above it span. Section 四's header then shows
/// its second level (`结果维持 … 总计 结果维持 … 总计`, ten labels) from the
/// first column, under the first level, so its labels name the row's first
/// columns by their order, not by what stands above them.
///
/// ```text
/// label line  := header words on one line of the row's page, one of them a
///                column's label
/// grid        := label lines ≥ 2, each starting at one column, where the
///                row's first cell starts or, the row's first cells empty
///                (spaces alone before its first value), left of it; the
///                k-th words of any two at the same column
/// anchors     := the k-th word of the longest label line for column k,
///                when it is a label of column k (k < its words), ending
///                where the widest k-th word of the lines ends
/// ```
///
/// No anchors (all `None`) when the header is not laid out so.
pub(crate) fn grid_anchors(
    doc: &str,
    header: &[Token],
    labels: &[&[&str]],
    cells: &[Token],
) -> Vec<Option<Anchor>> {
    let mut anchors = vec![None; labels.len()];
    let Some(first) = places(cells).and_then(|p| p.first().copied()) else {
        return anchors;
    };
    let names = |c: usize, text: &str| labels.get(c).is_some_and(|l| l.contains(&text));
    let mut lines: Vec<(u32, Vec<(String, Place)>)> = Vec::new();
    for (text, at) in header.iter().flat_map(|t| words_of(doc, t)) {
        if at.page != first.page {
            continue;
        }
        let word = (compact(text), at);
        match lines.iter_mut().find(|(l, _)| *l == at.line) {
            Some((_, words)) => words.push(word),
            None => lines.push((at.line, vec![word])),
        }
    }
    lines.retain(|(_, words)| {
        words
            .iter()
            .any(|(w, _)| (0..labels.len()).any(|c| names(c, w)))
    });
    for (_, words) in &mut lines {
        words.sort_by_key(|(_, p)| p.start);
    }
    let Some(longest) = lines.iter().map(|(_, w)| w).max_by_key(|w| w.len()) else {
        return anchors;
    };
    let left = lines
        .first()
        .and_then(|(_, words)| words.first())
        .map_or(first.start, |(_, p)| p.start);
    let grid = lines.len() >= 2
        && longest.len() <= labels.len()
        && starts_on_grid(doc, cells, (first.start, left))
        && lines.iter().all(|(_, words)| {
            words.first().is_some_and(|(_, p)| p.start == left)
                && words
                    .iter()
                    .zip(longest)
                    .all(|((_, a), (_, b))| a.start == b.start)
        })
        && longest.iter().enumerate().all(|(c, (w, _))| names(c, w));
    if grid {
        for (c, (anchor, (_, p))) in anchors.iter_mut().zip(longest).enumerate() {
            // the column ends where its widest label of any line ends
            let end = lines
                .iter()
                .filter_map(|(_, words)| words.get(c))
                .map(|(_, p)| p.end)
                .max()
                .unwrap_or(p.end);
            *anchor = Some((p.start, end));
        }
        let set: Vec<Anchor> = anchors.iter().flatten().copied().collect();
        if set.windows(2).any(|w| w[1].0 < w[0].1) {
            return vec![None; labels.len()];
        }
    }
    anchors
}

/// The start column of every column of a table that inscriptis lays out cell
/// by cell (see [`grid_anchors`]): every line puts its `k`-th cell at the
/// `k`-th column of one grid, whatever the cells above it span, so a row
/// whose group labels stand on rows above it starts its cells a column or
/// two to the left of a row that prints them. The header's lines, each
/// starting at the grid's first column with their `k`-th words at one
/// column, give the first columns' starts; every column is as wide as its
/// widest cell (a column of empty cells none wide) with one gap after it,
/// the same after each of the header's columns, so the columns after them
/// follow from the widest value that starts at each. `rows` are the table's
/// rows on `page`: each label's first and last column and its cells.
///
/// ```text
/// header   := lines ≥ 2 at one first column, k-th words at one column
/// width(k) := the widest header word, row label or value starting at g(k)
/// gap      := g(k+1) − g(k) − width(k), one value > 0 for the header's k
/// g(k+1)   := g(k) + width(k) + gap          (k past the header's columns)
/// grid      = g, when every label and value of `rows` starts at some g(k)
/// ```
///
/// `None` when the table is not laid out so.
pub(crate) fn cell_grid(
    doc: &str,
    header: &[Token],
    rows: &[((u32, u32), &[Token])],
    page: u32,
) -> Option<Vec<u32>> {
    let mut lines: Vec<(u32, Vec<Place>)> = Vec::new();
    for (_, at) in header.iter().flat_map(|t| words_of(doc, t)) {
        if at.page != page {
            continue;
        }
        match lines.iter_mut().find(|(l, _)| *l == at.line) {
            Some((_, words)) => words.push(at),
            None => lines.push((at.line, vec![at])),
        }
    }
    for (_, words) in &mut lines {
        words.sort_by_key(|p| p.start);
    }
    let longest = lines.iter().map(|(_, w)| w).max_by_key(|w| w.len())?;
    let aligned = lines.len() >= 2
        && longest.len() >= 2
        && lines
            .iter()
            .all(|(_, words)| words.iter().zip(longest).all(|(a, b)| a.start == b.start));
    if !aligned {
        return None;
    }
    let mut grid: Vec<u32> = longest.iter().map(|p| p.start).collect();
    // every cell's first and last column
    let mut cells: Vec<(u32, u32)> = lines
        .iter()
        .flat_map(|(_, w)| w.iter())
        .map(|p| (p.start, p.end))
        .collect();
    for &(label, row) in rows {
        cells.push(label);
        for t in row.iter().filter(|t| !t.is_empty()) {
            let at = t.at.filter(|at| at.page == page)?;
            cells.push((at.start, at.end));
        }
    }
    let width = |g: u32| {
        cells
            .iter()
            .filter(|c| c.0 == g)
            .map(|c| c.1 - c.0)
            .max()
            .unwrap_or(0)
    };
    let gap = grid[1].checked_sub(grid[0] + width(grid[0]))?;
    let even = grid
        .windows(2)
        .all(|w| w[1].checked_sub(w[0] + width(w[0])) == Some(gap));
    if !even || gap == 0 {
        return None;
    }
    let last = cells.iter().map(|c| c.0).max()?;
    while let Some(&g) = grid.last().filter(|&&g| g < last) {
        grid.push(g + width(g) + gap);
    }
    cells.iter().all(|c| grid.contains(&c.0)).then_some(grid)
}

/// True when a row whose first cell starts at column `first` sits on a grid
/// whose lines start at column `left`: at it, or right of it with nothing
/// but spaces before it on its line (inscriptis pads the row's first cells,
/// empty, with spaces: `            /           0`).
fn starts_on_grid(doc: &str, cells: &[Token], (first, left): (u32, u32)) -> bool {
    if first == left {
        return true;
    }
    let Some(cell) = cells.first() else {
        return false;
    };
    let before = &doc[..cell.start];
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    first > left && line.chars().all(|c| c == ' ')
}

/// Whether every value of a row sits one space after the text before it on
/// its line, where the text packs it rather than where a column puts it:
///
/// ```text
/// packed := (text | value) (' ' value)+      one space before each value
/// ```
///
/// Plain `pdftotext` (and `-layout` under columns too narrow for their
/// figures) writes a row's words one space apart (`行 21 19 40`), so a value's
/// character column follows from the widths of the words before it: a row
/// that lost a value (`行 19 40`) puts the next one where the lost one stood,
/// and its positions say nothing of its columns. A row of empty cells only is
/// not packed.
pub(crate) fn packed(doc: &str, cells: &[Token]) -> bool {
    let mut values = cells.iter().filter(|t| !t.is_empty()).peekable();
    values.peek().is_some()
        && values.all(|t| {
            let before = &doc[..t.start];
            before
                .strip_suffix(' ')
                .is_some_and(|b| b.chars().next_back().is_some_and(|c| !c.is_whitespace()))
        })
}

/// Places `cells` under the columns of `anchors` (see the module documentation).
pub(crate) fn place(
    doc: &str,
    cells: &[Token],
    anchors: &[Option<Anchor>],
) -> Result<Placement, Unplaced> {
    let places = places(cells).ok_or(Unplaced::NoPositions)?;
    if anchors.iter().all(Option::is_none) {
        return Err(Unplaced::NoAnchors);
    }
    let mut placement = Placement::blank(anchors.len());
    let mut last: Option<usize> = None;
    // the printed blank marks (`/`) placed nowhere since the last placed
    // value: the first of them, and how many
    let mut marks: Option<(usize, usize)> = None;
    for (i, (token, at)) in cells.iter().zip(&places).enumerate() {
        let hits: Vec<usize> = anchors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.is_some_and(|a| overlaps(at, a)))
            .map(|(c, _)| c)
            .collect();
        let column = match hits[..] {
            [c] if last.is_none_or(|l| l < c) => c,
            _ if token.is_blank() => {
                // an empty cell needs no place
                if !token.is_empty() {
                    let (first, count) = marks.unwrap_or((i, 0));
                    marks = Some((first, count + 1));
                }
                continue;
            }
            [_] => return Err(Unplaced::OutOfOrder),
            _ => {
                return Err(Unplaced::Between {
                    text: token.text(doc).to_string(),
                    hits: hits.len(),
                });
            }
        };
        if let Some(marks) = marks.take() {
            marks_have_room(doc, cells, marks, (last, column))?;
        }
        last = Some(column);
        placement[column] = Some(i);
    }
    if let Some(marks) = marks {
        marks_have_room(doc, cells, marks, (last, anchors.len()))?;
    }
    Ok(placement)
}

/// A blank mark (`/`) is a printed cell: placed under no column, it still
/// stands in one between the columns of the values around it, so there must
/// be a free column for each of the `count` marks that follow each other
/// from `cells[first]` on (`after` is the column of the value before them,
/// `before` that of the value after them or the number of columns). Else the
/// anchors do not fit the row: `1 / 1 3` with `1`, `1`, `3` under three
/// columns side by side.
///
/// ```text
/// marks fit := count ≤ before − (after + 1)      (after + 1 = 0 at the row's start)
/// ```
fn marks_have_room(
    doc: &str,
    cells: &[Token],
    (first, count): (usize, usize),
    (after, before): (Option<usize>, usize),
) -> Result<(), Unplaced> {
    let free = before.saturating_sub(after.map_or(0, |c| c + 1));
    if count <= free {
        return Ok(());
    }
    Err(Unplaced::Between {
        text: cells[first].text(doc).to_string(),
        hits: 0,
    })
}

/// Places `cells` on a grid whose first columns have anchors (see
/// [`grid_anchors`]): the values under the anchors as [`place`] does, and the
/// values after the last anchor in the columns after it, in order, when they
/// are as many as those columns, or else where the grid's own spacing puts
/// exactly one choice of those columns (see [`beyond_anchors`]). When neither
/// places them, those columns are left out of the placement and their values
/// counted in the second item: which of those columns they belong to is not
/// shown.
pub(crate) fn place_on_grid(
    doc: &str,
    cells: &[Token],
    anchors: &[Option<Anchor>],
) -> Result<(Placement, usize), Unplaced> {
    let places = places(cells).ok_or(Unplaced::NoPositions)?;
    let anchored = anchors.iter().take_while(|a| a.is_some()).count();
    let Some(Some((_, edge))) = anchored.checked_sub(1).map(|c| anchors[c]) else {
        return Err(Unplaced::NoAnchors);
    };
    let under = places.iter().take_while(|p| p.start < edge).count();
    let mut placement = place(doc, &cells[..under], &anchors[..anchored])?;
    let after = cells.len() - under;
    if after == anchors.len() - anchored {
        placement.extend((under..cells.len()).map(Some));
        return Ok((placement, 0));
    }
    let set: Vec<Anchor> = anchors[..anchored].iter().flatten().copied().collect();
    let beyond = beyond_anchors(&places, &placement, &set, anchors.len() - anchored, under);
    match beyond {
        Some(columns) => {
            placement.extend(columns);
            Ok((placement, 0))
        }
        None => {
            placement.resize(anchors.len());
            Ok((placement, after))
        }
    }
}

/// The most columns after a grid's anchors that [`beyond_anchors`] chooses
/// among (section 四's last group has five).
const MOST_BEYOND: usize = 8;

/// The columns after a grid's last anchor of the values after it, where the
/// grid's spacing leaves one choice. inscriptis lays every column out as wide
/// as its widest cell (an empty cell is none wide: a column of empty cells
/// takes no room), with the same gap after each: the gap is read from the
/// anchored columns (each anchor's start less the end of the column before
/// it, its label or its value, whichever ends later; all alike), and each
/// column after the anchors then starts where the one before it ends plus
/// the gap. The values go to columns in order; the choice whose columns
/// start where every value starts is taken when it is the only one.
///
/// ```text
/// gap        := aₖ.start − end(k−1), the same for every anchored k ≥ 1
/// start(n)   := end(n−1) + gap                    (n the first column after)
/// start(c+1) := start(c) + width(value in c, or 0) + gap
/// beyond     := the one order-keeping choice of columns with
///               start(column of v) = v.start for every value v after
/// ```
///
/// `placement` holds the anchored columns' cells (indices into `places`),
/// `columns` is how many columns follow the anchors, `first` the index of the
/// first value after them.
fn beyond_anchors(
    places: &[Place],
    placement: &Placement,
    anchors: &[Anchor],
    columns: usize,
    first: usize,
) -> Option<Vec<Option<usize>>> {
    let values = places.len().checked_sub(first)?;
    if values == 0 || values > columns || columns > MOST_BEYOND || anchors.len() < 2 {
        return None;
    }
    let end = |k: usize| {
        let value = placement.get(k).copied().flatten().map(|i| places[i].end);
        value.map_or(anchors[k].1, |e| e.max(anchors[k].1))
    };
    let gap = anchors[1].0.checked_sub(end(0))?;
    let even = (1..anchors.len()).all(|k| anchors[k].0.checked_sub(end(k - 1)) == Some(gap));
    if !even || gap == 0 {
        return None;
    }
    let start = end(anchors.len() - 1) + gap;
    let mut found = None;
    // every order-keeping choice of `values` of the `columns`, as bit masks
    for mask in 0u32..(1 << columns) {
        if mask.count_ones() as usize != values {
            continue;
        }
        let mut at = start;
        let mut next = first;
        let mut fits = true;
        let mut chosen = Vec::with_capacity(columns);
        for c in 0..columns {
            if mask & (1 << c) == 0 {
                chosen.push(None);
                at += gap;
                continue;
            }
            let p = places[next];
            if p.start != at {
                fits = false;
                break;
            }
            chosen.push(Some(next));
            at = p.end + gap;
            next += 1;
        }
        if fits {
            if found.is_some() {
                return None;
            }
            found = Some(chosen);
        }
    }
    found
}

/// A row placed by its last values alone (see [`place_after_run`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AfterRun {
    /// The placement: the columns of the last values, and the columns before
    /// them only where the run fills them all.
    pub(crate) placement: Placement,
    /// How many cells the run before the placed values has.
    pub(crate) run: usize,
    /// The first column placed by position; the run's values are in the
    /// columns before it.
    pub(crate) first: usize,
}

/// Places a row whose first values the text sets apart from their columns
/// (`pdftotext -layout` packs the values of narrow columns one or two
/// spaces apart, wherever their columns are) by its last values: each of
/// them sits under exactly one column, in order, the last one under the
/// row's last column, and the first of them stands apart from the value
/// before it (more than one space: a value one space after another sits
/// where the text packs it, see [`packed`]); the run is the shortest so. The
/// values before them (the run) are then in the columns before the first
/// placed one, every one of them left of its anchor; they are placed too
/// only where they are as many as those columns (one a column, in order).
/// Every total must hold with the run's values counted among its parts
/// (blank marks as zero), and the run's columns must all be parts of a
/// total: with no total to check it (section 二), no row is placed so.
///
/// ```text
/// row     = run after
/// after   = value{n}      each under one column c₁ < … < cₙ, cₙ the last column
/// run     = value{k}      the fewest, 1 ≤ k ≤ c₁, each left of c₁'s anchor,
///                         more than one space before the first value after it
/// holds   = Σ run + Σ parts(after) = total(after)    for each total
/// ```
pub(crate) fn place_after_run(
    doc: &str,
    cells: &[Token],
    anchors: &[Option<Anchor>],
    totals: &[Total<'_>],
) -> Option<AfterRun> {
    let places = places(cells)?;
    let hits = |at: &Place| -> Vec<usize> {
        anchors
            .iter()
            .enumerate()
            .filter(|(_, a)| a.is_some_and(|a| overlaps(at, a)))
            .map(|(c, _)| c)
            .collect()
    };
    // the shortest run after which a value stands apart from it, and the
    // values from there on sit under one column each, in order
    let (run, columns) = (1..cells.len()).find_map(|k| {
        if packed(doc, &cells[k..=k]) {
            return None;
        }
        let mut columns = Vec::with_capacity(cells.len() - k);
        for at in &places[k..] {
            match hits(at)[..] {
                [c] if columns.last().is_none_or(|&l| l < c) => columns.push(c),
                _ => return None,
            }
        }
        Some((k, columns))
    })?;
    let first = *columns.first()?;
    let (edge, _) = anchors[first]?;
    if columns.last() != Some(&(anchors.len() - 1))
        || run > first
        || places[..run].iter().any(|p| p.end > edge)
        || cells.iter().any(Token::is_empty)
        || totals.is_empty()
        || !totals
            .iter()
            .all(|(parts, _)| (0..first).all(|c| parts.contains(&c)))
    {
        return None;
    }
    // a count, or zero for a blank mark
    let count = |t: &Token| match t.scalar? {
        Scalar::Blank => Some(0),
        s => s.count(),
    };
    let in_run: u64 = cells[..run].iter().map(count).sum::<Option<u64>>()?;
    let mut placement = Placement::blank(anchors.len());
    for (i, &c) in columns.iter().enumerate() {
        placement[c] = Some(run + i);
    }
    let holds = totals.iter().all(|&(parts, total)| {
        let shown = |c: usize| placement[c].map(|i| &cells[i]);
        let Some(total) = shown(total).and_then(|t| t.scalar).and_then(Scalar::count) else {
            return false;
        };
        let after: Option<u64> = parts.iter().filter_map(|&c| shown(c)).map(count).sum();
        after.is_some_and(|a| a + in_run == total)
    });
    if !holds {
        return None;
    }
    if run == first {
        for (c, slot) in placement.iter_mut().enumerate().take(first) {
            *slot = Some(c);
        }
    }
    Some(AfterRun {
        placement,
        run,
        first,
    })
}

/// A total column and the columns it sums (section 三's 总计, section 四's three 总计).
pub(crate) type Total<'a> = (&'a [usize], usize);

/// True when a placement by position keeps every total: where a row shows any
/// part of a total, it shows the total too, and the parts sum to it (a part the
/// row does not show counts as zero). A row showing a total alone says nothing
/// of its parts. Placing by position is checked so, as a value placed in the
/// wrong column would break its total.
pub(crate) fn totals_hold(
    cells: &[Token],
    placement: &[Option<usize>],
    totals: &[Total<'_>],
) -> bool {
    let count = |column: usize| -> Option<Option<i128>> {
        let Some(&Some(i)) = placement.get(column) else {
            return Some(None); // not shown
        };
        match cells.get(i)?.scalar? {
            Scalar::Blank => Some(None),
            Scalar::Integer {
                value,
                signed: false,
                unit: None,
            } => Some(Some(value)),
            _ => None, // not a count: the check cannot be made
        }
    };
    totals.iter().all(|&(parts, total)| {
        let Some(shown) = parts.iter().map(|&c| count(c)).collect::<Option<Vec<_>>>() else {
            return false;
        };
        if shown.iter().all(Option::is_none) {
            return true;
        }
        let sum: i128 = shown.iter().flatten().sum();
        count(total) == Some(Some(sum))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tokens::{Layout, tokenize};

    /// The tokens of each line of `doc`, laid out as PDF text.
    fn lines(doc: &str) -> Vec<Vec<Token>> {
        let tokens = tokenize(doc, 0, doc.len(), Layout::Lines);
        let mut out: Vec<Vec<Token>> = Vec::new();
        for t in tokens {
            let line = t.at.map_or(0, |p| p.line as usize);
            out.resize_with(out.len().max(line + 1), Vec::new);
            out[line].push(t);
        }
        out
    }

    /// A line with each text starting at its character column.
    fn line(cells: &[(usize, &str)]) -> String {
        let mut out = String::new();
        for &(column, text) in cells {
            let width = out.chars().count();
            let pad = column.saturating_sub(width).max(usize::from(width > 0));
            out.extend(std::iter::repeat_n(' ', pad));
            out.push_str(text);
        }
        out + "\n"
    }

    fn texts<'d>(doc: &'d str, cells: &[Token], placement: &Placement) -> Vec<&'d str> {
        placement
            .iter()
            .map(|i| i.map_or("", |i| cells[i].text(doc)))
            .collect()
    }

    #[test]
    fn columns_count_characters_not_display_width() {
        let doc = "信息内容   本年新制作数量\n规章     0\n";
        let l = lines(doc);
        assert_eq!(l[0][1].at.map(|p| (p.start, p.end)), Some((7, 14)));
        assert_eq!(l[1][1].at.map(|p| (p.start, p.end)), Some((7, 8)));
        let doc = "\u{c}  5\n";
        let l = lines(doc);
        assert_eq!(l[0][0].at.map(|p| (p.page, p.start)), Some((1, 2)));
    }

    /// The anchors of a complete row of three values.
    fn complete_row(cells: &[Token]) -> Vec<Option<Anchor>> {
        row_anchors(cells, 3, 0)
            .unwrap()
            .into_iter()
            .map(Some)
            .collect()
    }

    #[test]
    fn values_placed_under_a_complete_row() {
        let doc = line(&[(0, "规章"), (10, "0"), (16, "0"), (22, "0")])
            + &line(&[(0, "规范性文件"), (10, "0"), (16, "0")])
            + &line(&[(0, "行政许可"), (16, "7"), (21, "19")]);
        let doc = doc.as_str();
        let l = lines(doc);
        let anchors = complete_row(&l[0][1..]);
        let cells = &l[1][1..];
        let p = place(doc, cells, &anchors).unwrap();
        assert_eq!(texts(doc, cells, &p), ["0", "0", ""]);
        let cells = &l[2][1..];
        let p = place(doc, cells, &anchors).unwrap();
        assert_eq!(texts(doc, cells, &p), ["", "7", "19"]);
    }

    #[test]
    fn a_value_between_columns_places_nothing() {
        let doc = line(&[(0, "规章"), (10, "0"), (16, "0"), (22, "0")])
            + &line(&[(0, "规范性文件"), (13, "4"), (16, "5")]);
        let doc = doc.as_str();
        let l = lines(doc);
        let anchors = complete_row(&l[0][1..]);
        assert!(matches!(
            place(doc, &l[1][1..], &anchors),
            Err(Unplaced::Between { hits: 0, .. })
        ));
        // a complete row on another page is no anchor
        assert_eq!(row_anchors(&l[0][1..], 3, 1), None);
    }

    #[test]
    fn header_cells_name_their_columns() {
        let doc = line(&[(10, "自然人"), (16, "法人或其他组织"), (50, "总计")])
            + &line(&[
                (16, "商业"),
                (22, "科研"),
                (28, "社会公"),
                (36, "法律服"),
                (44, "其他"),
            ])
            + &line(&[(16, "企业"), (22, "机构"), (28, "益组织"), (36, "务机构")])
            + &line(&[(0, "一、本年新收"), (50, "3")]);
        let doc = doc.as_str();
        let l = lines(doc);
        let header: Vec<Token> = l[..3].iter().flatten().cloned().collect();
        let labels = super::super::applications::HEADER_LABELS_BY_COLUMN;
        let anchors = header_anchors(doc, &header, &labels, 0);
        assert!(anchors.iter().all(Option::is_some), "{anchors:?}");
        let cells = &l[3][1..];
        let p = place(doc, cells, &anchors).unwrap();
        assert_eq!(texts(doc, cells, &p), ["", "", "", "", "", "", "3"]);
    }

    #[test]
    fn totals_check_a_placement() {
        let doc = line(&[(0, "1"), (4, "2"), (8, "3")]);
        let l = lines(&doc);
        let cells = &l[0];
        let totals: [Total<'_>; 1] = [(&[0, 1, 2], 3)];
        assert!(totals_hold(
            cells,
            &[Some(0), Some(1), None, Some(2)],
            &totals
        ));
        assert!(totals_hold(
            cells,
            &[Some(0), None, Some(1), Some(2)],
            &totals
        ));
        assert!(!totals_hold(
            cells,
            &[Some(0), None, None, Some(1)],
            &totals
        ));
        assert!(!totals_hold(
            cells,
            &[Some(0), Some(1), Some(2), None],
            &totals
        ));
        assert!(totals_hold(
            &cells[2..],
            &[None, None, None, Some(0)],
            &totals
        ));
    }

    #[test]
    fn header_words_one_space_apart_name_a_column_each() {
        // lynx lays out a header row whose labels fit their columns with one
        // space between them; the values below sit under each label's start
        let doc = line(&[(3, "结果维持 结果纠正 总计"), (30, "总计")])
            + &line(&[(3, "1"), (17, "1"), (30, "0")]);
        let doc = doc.as_str();
        let l = lines(doc);
        let labels: [&[&str]; 4] = [&["结果维持"], &["结果纠正"], &["总计"], &["总计"]];
        let anchors = header_anchors(doc, &l[0], &labels, 0);
        assert_eq!(
            anchors,
            [Some((3, 7)), Some((8, 12)), Some((13, 15)), Some((30, 32))]
        );
        let cells = &l[1];
        let p = place(doc, cells, &anchors);
        assert!(matches!(p, Err(Unplaced::Between { hits: 0, .. })), "{p:?}");
        let doc = line(&[(3, "结果维持 结果纠正 总计"), (30, "总计")])
            + &line(&[(3, "1"), (13, "1"), (30, "0")]);
        let l = lines(&doc);
        let p = place(&doc, &l[1], &anchors).unwrap();
        assert_eq!(texts(&doc, &l[1], &p), ["1", "", "1", "0"]);
    }

    #[test]
    fn a_header_one_word_a_line_at_one_column_anchors_nothing() {
        // squeezed text given its line breaks back (or plain PDF text): every
        // header word starts the line, so a lone value at the line's start
        // overlaps the one label read whole, whichever column it is
        let doc = "信息内容\n本年新\n制作数量\n本年新\n公开数量\n对外公开总数量\n0\n";
        let l = lines(doc);
        let header: Vec<Token> = l[..6].iter().flatten().cloned().collect();
        let labels: [&[&str]; 3] = [
            &["本年新制作数量"],
            &["本年新公开数量"],
            &["对外公开总数量"],
        ];
        assert_eq!(header_anchors(doc, &header, &labels, 0), [None, None, None]);
        // the same words at columns of their own anchor their columns
        let doc = line(&[(0, "信息内容"), (10, "甲"), (20, "对外公开总数量")]);
        let l = lines(&doc);
        let labels: [&[&str]; 2] = [&["甲"], &["对外公开总数量"]];
        assert_eq!(
            header_anchors(&doc, &l[0], &labels, 0),
            [Some((10, 11)), Some((20, 27))]
        );
    }

    #[test]
    fn a_label_stacked_in_pieces_names_its_column() {
        // `结果` alone starts two labels; over `维持` or `纠正` it names one.
        // `总` over `计` is one cell; `其他` names its column alone, and the
        // `结果` below it is not taken again
        let doc = line(&[(0, "结果"), (4, "结果"), (8, "其他"), (12, "总")])
            + &line(&[(0, "维持"), (4, "纠正"), (8, "结果"), (12, "计")])
            + &line(&[(0, "1"), (12, "1")]);
        let doc = doc.as_str();
        let l = lines(doc);
        let header: Vec<Token> = l[..2].iter().flatten().cloned().collect();
        let labels: [&[&str]; 4] = [&["结果维持"], &["结果纠正"], &["其他结果"], &["总计"]];
        let anchors = header_anchors(doc, &header, &labels, 0);
        assert_eq!(
            anchors,
            [Some((0, 2)), Some((4, 6)), Some((8, 10)), Some((12, 13))]
        );
        let cells = &l[2];
        let p = place(doc, cells, &anchors).unwrap();
        assert_eq!(texts(doc, cells, &p), ["1", "", "", "1"]);
        // pieces at different columns, or lines apart, are not one cell
        let doc = line(&[(0, "结果"), (12, "总")]) + "\n" + &line(&[(0, "维持"), (13, "计")]);
        let l = lines(&doc);
        let header: Vec<Token> = l.iter().flatten().cloned().collect();
        assert_eq!(
            header_anchors(&doc, &header, &labels, 0),
            [None, None, None, None]
        );
    }

    /// The labels of a row of two groups of two parts and their total.
    const GRID_LABELS: [&[&str]; 6] = [
        &["维持"],
        &["纠正"],
        &["总计"],
        &["维持"],
        &["纠正"],
        &["总计"],
    ];

    #[test]
    fn a_header_laid_out_cell_by_cell_anchors_the_first_columns() {
        // each line from the first column: the second line's labels stand
        // under the first's, naming the row's first columns by their order
        let doc = line(&[(0, "维持"), (6, "纠正"), (12, "总计"), (18, "甲组")])
            + &line(&[
                (0, "维持"),
                (6, "纠正"),
                (12, "总计"),
                (18, "维持"),
                (24, "纠正"),
            ])
            + &line(&[(0, "1"), (12, "1"), (18, "2"), (24, "0"), (30, "2")]);
        let doc = doc.as_str();
        let l = lines(doc);
        let header: Vec<Token> = l[..2].iter().flatten().cloned().collect();
        let cells = &l[2];
        let anchors = grid_anchors(doc, &header, &GRID_LABELS, cells);
        assert_eq!(
            anchors,
            [
                Some((0, 2)),
                Some((6, 8)),
                Some((12, 14)),
                Some((18, 20)),
                Some((24, 26)),
                None
            ]
        );
        let (p, after) = place_on_grid(doc, cells, &anchors).unwrap();
        assert_eq!(texts(doc, cells, &p), ["1", "", "1", "2", "0", "2"]);
        assert_eq!(after, 0);
        // two values after the last anchor for one column: left out
        let doc2 = doc.replace("0     2\n", "0     2  7\n");
        let l = lines(&doc2);
        let (p, after) = place_on_grid(&doc2, &l[2], &anchors).unwrap();
        assert_eq!(texts(&doc2, &l[2], &p), ["1", "", "1", "2", "0", ""]);
        assert_eq!(after, 2);
        // a line starting elsewhere (labels over their own columns): no grid
        let doc = line(&[(0, "维持"), (6, "纠正"), (12, "总计")])
            + &line(&[(18, "维持"), (24, "纠正"), (30, "总计")])
            + &line(&[(0, "1"), (12, "1"), (18, "2"), (30, "2")]);
        let l = lines(&doc);
        let header: Vec<Token> = l[..2].iter().flatten().cloned().collect();
        let anchors = grid_anchors(&doc, &header, &GRID_LABELS, &l[2]);
        assert!(anchors.iter().all(Option::is_none), "{anchors:?}");
    }

    #[test]
    fn a_row_whose_first_cells_are_empty_stands_on_the_grid_by_its_spaces() {
        let header = line(&[(0, "维持"), (6, "纠正"), (12, "总计"), (18, "甲组")])
            + &line(&[
                (0, "维持"),
                (6, "纠正"),
                (12, "总计"),
                (18, "维持"),
                (24, "纠正"),
            ]);
        // the row's first column empty: spaces up to its first value
        let doc = header.clone() + &line(&[(6, "1"), (12, "1"), (24, "0"), (30, "0")]);
        let l = lines(&doc);
        let head: Vec<Token> = l[..2].iter().flatten().cloned().collect();
        let anchors = grid_anchors(&doc, &head, &GRID_LABELS, &l[2]);
        assert_eq!(anchors[0], Some((0, 2)));
        let (p, after) = place_on_grid(&doc, &l[2], &anchors).unwrap();
        assert_eq!(texts(&doc, &l[2], &p), ["", "1", "1", "", "0", "0"]);
        assert_eq!(after, 0);
        // text before the row's first value on its line: no grid
        let doc = header + &line(&[(0, "行"), (6, "1"), (12, "1"), (24, "0"), (30, "0")]);
        let l = lines(&doc);
        let head: Vec<Token> = l[..2].iter().flatten().cloned().collect();
        let anchors = grid_anchors(&doc, &head, &GRID_LABELS, &l[2][1..]);
        assert!(anchors.iter().all(Option::is_none), "{anchors:?}");
    }

    #[test]
    fn a_table_laid_out_cell_by_cell_gives_its_grid() {
        // the header's lines from the first column, k-th words at one
        // column: 0, 6, 10; each column as wide as its widest cell, two
        // apart; the columns after the header's follow from the values
        let doc = line(&[(0, "说明文字"), (6, "甲")])
            + &line(&[(0, "行"), (6, "甲乙"), (10, "丙")])
            + &line(&[(0, "一行"), (10, "7"), (13, "12"), (20, "0")])
            + &line(&[(0, "二行"), (6, "3"), (17, "/")]);
        let l = lines(&doc);
        let header: Vec<Token> = l[..2].iter().flatten().cloned().collect();
        let rows: Vec<((u32, u32), &[Token])> = vec![((0, 2), &l[2][1..]), ((0, 2), &l[3][1..])];
        let grid = cell_grid(&doc, &header, &rows, 0);
        // 丙 (10) one wide, 7 one: 13; 12 two: 17; / one: 20
        assert_eq!(grid, Some(vec![0, 6, 10, 13, 17, 20]));
        // a value off the grid: no grid
        let off = line(&[(0, "说明文字"), (6, "甲")])
            + &line(&[(0, "行"), (6, "甲乙"), (10, "丙")])
            + &line(&[(0, "一行"), (10, "7"), (13, "12"), (20, "0")])
            + &line(&[(0, "二行"), (6, "3"), (18, "/")]);
        let l = lines(&off);
        let rows: Vec<((u32, u32), &[Token])> = vec![((0, 2), &l[2][1..]), ((0, 2), &l[3][1..])];
        assert_eq!(cell_grid(&off, &header, &rows, 0), None);
        // header lines whose words do not line up: no grid
        let doc2 = line(&[(0, "说明文字"), (7, "甲")])
            + &line(&[(0, "行"), (6, "甲乙"), (10, "丙")])
            + &line(&[(0, "一行"), (10, "7"), (13, "12"), (20, "0")])
            + &line(&[(0, "二行"), (6, "3"), (17, "/")]);
        let l = lines(&doc2);
        let header: Vec<Token> = l[..2].iter().flatten().cloned().collect();
        let rows: Vec<((u32, u32), &[Token])> = vec![((0, 2), &l[2][1..]), ((0, 2), &l[3][1..])];
        assert_eq!(cell_grid(&doc2, &header, &rows, 0), None);
    }

    #[test]
    fn values_after_a_grids_anchors_are_placed_by_its_spacing() {
        // three anchored columns two wide, four apart; the three after them
        // start where the one before ends plus four (an empty one is none wide)
        let header =
            line(&[(0, "维持"), (6, "纠正")]) + &line(&[(0, "维持"), (6, "纠正"), (12, "总计")]);
        let read = |row: &[(usize, &str)]| {
            let doc = header.clone() + &line(row);
            let l = lines(&doc);
            let head: Vec<Token> = l[..2].iter().flatten().cloned().collect();
            let anchors = grid_anchors(&doc, &head, &GRID_LABELS, &l[2]);
            assert_eq!(anchors[..3], [Some((0, 2)), Some((6, 8)), Some((12, 14))]);
            let (p, after) = place_on_grid(&doc, &l[2], &anchors).unwrap();
            let texts: Vec<String> = texts(&doc, &l[2], &p)
                .into_iter()
                .map(String::from)
                .collect();
            (texts, after)
        };
        // `/` where the first column after starts (18), then `0` at 18 + 1 + 4
        // + 0 + 4: the last column
        let (t, after) = read(&[(0, "1"), (12, "1"), (18, "/"), (27, "0")]);
        assert_eq!(
            (t, after),
            (
                vec!["1", "", "1", "/", "", "0"]
                    .into_iter()
                    .map(String::from)
                    .collect(),
                0
            )
        );
        // `0` right after `/`'s column: the middle one
        let (t, after) = read(&[(0, "1"), (12, "1"), (18, "/"), (23, "0")]);
        assert_eq!(
            (t, after),
            (
                vec!["1", "", "1", "/", "0", ""]
                    .into_iter()
                    .map(String::from)
                    .collect(),
                0
            )
        );
        // where no column starts: left out
        let (t, after) = read(&[(0, "1"), (12, "1"), (18, "/"), (25, "0")]);
        assert_eq!(
            (t, after),
            (
                vec!["1", "", "1", "", "", ""]
                    .into_iter()
                    .map(String::from)
                    .collect(),
                2
            )
        );
    }

    #[test]
    fn a_blank_mark_under_no_column_needs_a_free_column_between_its_neighbours() {
        let doc = line(&[(0, "规章"), (10, "1"), (13, "1"), (16, "1"), (19, "3")])
            + &line(&[(0, "甲"), (10, "1"), (14, "/"), (16, "1"), (19, "3")])
            + &line(&[(0, "乙"), (13, "1"), (15, "/"), (16, "1"), (19, "3")])
            + &line(&[(0, "丙"), (13, "1"), (16, "1"), (19, "3"), (21, "/")]);
        let doc = doc.as_str();
        let l = lines(doc);
        let anchors: Vec<Option<Anchor>> = row_anchors(&l[0][1..], 4, 0)
            .unwrap()
            .into_iter()
            .map(Some)
            .collect();
        // the `/` stands in the free column between `1` and `1`
        let cells = &l[1][1..];
        let p = place(doc, cells, &anchors).unwrap();
        assert_eq!(texts(doc, cells, &p), ["1", "", "1", "3"]);
        // no column is left for it: the anchors do not fit the row
        for row in [2, 3] {
            assert!(
                matches!(
                    place(doc, &l[row][1..], &anchors),
                    Err(Unplaced::Between { hits: 0, .. })
                ),
                "{row}"
            );
        }
    }

    #[test]
    fn values_one_space_after_the_text_before_them_are_packed() {
        let packed_row = |doc: &str| packed(doc, &lines(doc)[0][1..]);
        assert!(packed_row("行 21 19 40\n"));
        assert!(packed_row("行 19 40\n"));
        // a value a run of spaces away sits where its column puts it
        assert!(!packed_row("行政许可   21 19 40\n"));
        assert!(!packed_row("行 21 19   40\n"));
        assert!(!packed_row("行政许可\n"));
    }

    #[test]
    fn repeated_header_labels_are_taken_left_to_right() {
        let doc = "总计     尚未审   总计\n";
        let l = lines(doc);
        let labels: [&[&str]; 3] = [&["总计"], &["尚未审结"], &["总计"]];
        let anchors = header_anchors(doc, &l[0], &labels, 0);
        assert_eq!(anchors, [Some((0, 2)), Some((7, 10)), Some((13, 15))]);
        // one `总计` short: those columns have no anchor
        let doc = "总计     尚未审\n";
        let l = lines(doc);
        let anchors = header_anchors(doc, &l[0], &labels, 0);
        assert_eq!(anchors, [None, Some((7, 10)), None]);
    }

    /// Section 三's columns: six applicant columns summed by the seventh.
    const APPLICANT_TOTAL: &[Total<'static>] = &[(&[0, 1, 2, 3, 4, 5], 6)];

    /// A complete row of section 三 (as Chromium's PDF prints it: the four
    /// narrow columns one space apart) and the rows `rows` under it.
    fn section_3(rows: &[&[(usize, &str)]]) -> String {
        let mut doc = line(&[
            (0, "一、本年新收"),
            (27, "34"),
            (30, "37"),
            (33, "15"),
            (36, "16"),
            (48, "11"),
            (52, "18"),
            (55, "131"),
        ]);
        for row in rows {
            doc += &line(row);
        }
        doc
    }

    fn after_run(doc: &str, row: usize) -> Option<(Vec<&str>, usize, usize)> {
        let l = lines(doc);
        let anchors: Vec<Option<Anchor>> = row_anchors(&l[0][1..], 7, 0)?
            .into_iter()
            .map(Some)
            .collect();
        let cells = &l[row][1..];
        let after = place_after_run(doc, cells, &anchors, APPLICANT_TOTAL)?;
        Some((texts(doc, cells, &after.placement), after.run, after.first))
    }

    #[test]
    fn the_values_after_a_packed_run_are_placed_by_position() {
        // `5 2 /` one or two spaces apart, then 法律服务机构, 其他, 总计
        let doc = section_3(&[&[
            (0, "3.危及安全"),
            (26, "5"),
            (28, "2"),
            (30, "/"),
            (48, "1"),
            (52, "1"),
            (55, "9"),
        ]]);
        assert_eq!(
            after_run(&doc, 1),
            Some((vec!["", "", "", "", "1", "1", "9"], 3, 4))
        );
        // as many values before the placed ones as columns: one a column
        let doc = section_3(&[&[
            (0, "一、予以公开"),
            (27, "17"),
            (30, "4"),
            (32, "2"),
            (34, "2"),
            (48, "1"),
            (52, "5"),
            (54, "31"),
        ]]);
        // (where they sit does not place them: `2` at 32 is under no column)
        let l = lines(&doc);
        let anchors: Vec<Option<Anchor>> = row_anchors(&l[0][1..], 7, 0)
            .unwrap()
            .into_iter()
            .map(Some)
            .collect();
        assert!(place(&doc, &l[1][1..], &anchors).is_err());
        assert_eq!(
            after_run(&doc, 1),
            Some((vec!["17", "4", "2", "2", "1", "5", "31"], 4, 4))
        );
    }

    #[test]
    fn a_run_that_breaks_its_total_or_a_packed_value_after_it_places_nothing() {
        let row = |total: &'static str| -> Vec<(usize, &'static str)> {
            vec![
                (0, "3.危及安全"),
                (26, "5"),
                (28, "2"),
                (30, "/"),
                (48, "1"),
                (52, "1"),
                (55, total),
            ]
        };
        // 5 + 2 + 1 + 1 is not 8: a value is lost or misread
        assert_eq!(after_run(&section_3(&[&row("8")]), 1), None);
        // the first value under a column stands one space after the run: it
        // sits where the text packs it, and may be in any column
        let doc = section_3(&[&[
            (0, "3.要求提供"),
            (31, "1"),
            (33, "1"),
            (48, "/"),
            (55, "2"),
        ]]);
        let l = lines(&doc);
        let anchors: Vec<Option<Anchor>> = row_anchors(&l[0][1..], 7, 0)
            .unwrap()
            .into_iter()
            .map(Some)
            .collect();
        let after = place_after_run(&doc, &l[1][1..], &anchors, APPLICANT_TOTAL).unwrap();
        // the second `1` is under 科研机构, but one space after the first: it
        // is not taken for a value under a column, and the run is `1 1`
        assert_eq!((after.run, after.first), (2, 4));
        // the last value under no column, or no total to check: nothing
        let doc = section_3(&[&[
            (0, "3.危及安全"),
            (26, "5"),
            (28, "2"),
            (48, "1"),
            (58, "8"),
        ]]);
        assert_eq!(after_run(&doc, 1), None);
        let l = lines(&doc);
        assert_eq!(place_after_run(&doc, &l[1][1..], &anchors, &[]), None);
    }

    #[test]
    fn a_report_s_narrow_columns_packed_apart_leave_their_cells_blank() {
        use super::super::test_support::{get, read};
        let text = include_str!(
            "../../../tests/fixtures/tools/chromium-pdftotext-layout/page_w2019_tabs.txt"
        );
        let row = "4.保护第三方合法权益         1 /            1   1 3\n";
        assert!(text.contains(row));
        let cells = |r: &crate::model::AnnualReport| {
            [
                "research_institution",
                "public_interest_org",
                "legal_service_org",
                "other_org",
                "total",
            ]
            .map(|c| get(r, &format!("applications.denied_third_party.{c}")))
        };
        let r = read(text);
        assert_eq!(cells(&r), ["", "", "1", "1", "3"]);
        assert!(r.diagnostics.iter().any(|d| {
            d.message
                .starts_with("applications.denied_third_party: the first 4 cells left blank")
        }));
        // below the page break, `7` at 59 is under the `7` of 四、结转下年度继续办理
        // and beside the `131` of (七)总计 at 60: the complete row that places it does
        let duplicate = "2.重复申请             2 2        1         2 7\n";
        assert!(text.contains(duplicate));
        assert_eq!(get(&r, "applications.rejected_duplicate.other_org"), "2");
        assert_eq!(get(&r, "applications.rejected_duplicate.total"), "7");
        assert_eq!(
            get(&r, "applications.rejected_duplicate.natural_person"),
            ""
        );
        // a value lost from the run: the total does not hold, nothing is placed
        let r = read(&text.replace(row, "4.保护第三方合法权益           /            1   1 3\n"));
        assert_eq!(cells(&r), ["", "", "", "", ""]);
    }
}
