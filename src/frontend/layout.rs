//! What the document front ends produce, and how it becomes text the grammar
//! reads.
//!
//! A front end reads its document into [`Block`]s: lines of text (paragraphs,
//! headings, `<br>`-separated lines) and tables of cells. [`render_tables`] writes
//! them as text with a map back to the document:
//!
//! - a line is a line;
//! - a table is one line per row, its cells separated by tabs (the grammar's
//!   tab-separated row layout). A merged cell is ONE cell: the columns a
//!   `colspan`/`gridSpan` covers add no empty cells, so every template row
//!   reads as its label followed by exactly its data cells, whatever the
//!   document's grid. A cell a `rowspan`/`vMerge` carries down from the row
//!   above is an empty cell in the rows below (leading empty cells before a
//!   row label are ignored by the grammar; in the data columns the empty cell
//!   keeps the columns after it in place, and the merged value is read once,
//!   for the row it starts in);
//! - the lines of one cell (`<br>`, paragraphs) are joined, with a space only
//!   between two ASCII letters or digits, so that `1<br>2` can never read as
//!   the number 12;
//! - a cell that holds a figure and is merged down over several rows is
//!   empty in all of them (which row the figure belongs to is not certain);
//!   the front end records a [`Merged`] note, which becomes a diagnostic;
//! - a table that holds another table, or a cell with more than
//!   [`LAYOUT_CELL`] bytes of text, is page layout, not data: its cells are
//!   written as blocks, one after the other.

#![cfg_attr(
    not(feature = "html"),
    allow(dead_code, reason = "white space and references are HTML's")
)]

use std::borrow::Cow;
use std::ops::Range;

use crate::normalize::{OffsetMap, OffsetMapBuilder};

/// A cell with more text than this (in bytes) makes its table page layout.
pub(crate) const LAYOUT_CELL: usize = 600;

/// `len` of a copied piece.
const COPY: usize = usize::MAX;

/// A stretch of a [`Frag`]: from `at` on, the text is a copy of the source
/// from `src` on (`len == COPY`), or stands for the source `src..src + len`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    at: usize,
    src: usize,
    len: usize,
}

/// White space waiting for the next char of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    None,
    /// Collapsible white space, source range, and whether it held a line end.
    Space {
        src: usize,
        end: usize,
        newline: bool,
    },
}

/// A line of text with a map to its source.
#[derive(Debug, Clone)]
pub(crate) struct Frag<'a> {
    /// The text: a slice of the source while the line is one verbatim
    /// piece of it (most of a table's cells), its own string once more is
    /// written to it.
    pub(crate) text: Cow<'a, str>,
    /// The first piece of the map: most lines (a table cell's) have one
    /// only, and keep it here, with no allocation of its own.
    first: Option<Piece>,
    /// The pieces after the first.
    rest: Vec<Piece>,
    pending: Pending,
}

impl Default for Frag<'_> {
    fn default() -> Self {
        Frag {
            text: Cow::Borrowed(""),
            first: None,
            rest: Vec::new(),
            pending: Pending::None,
        }
    }
}

/// CJK ideographs, kana, CJK and full-width punctuation: between two of them
/// a source line break is no space (browsers agree for Chinese text).
fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

impl<'a> Frag<'a> {
    /// True when the line has no text.
    pub(crate) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The pieces of the map, in order.
    fn pieces(&self) -> impl Iterator<Item = &Piece> {
        self.first.iter().chain(&self.rest)
    }

    /// The last piece of the map.
    fn last_piece(&self) -> Option<&Piece> {
        self.rest.last().or(self.first.as_ref())
    }

    fn piece(&mut self, src: usize, len: usize) {
        let at = self.text.len();
        let Some(last) = self.rest.last_mut().or(self.first.as_mut()) else {
            self.first = Some(Piece { at, src, len });
            return;
        };
        if last.at == at {
            *last = Piece { at, src, len };
            return;
        }
        if len == COPY && last.len == COPY && last.src + (at - last.at) == src {
            return;
        }
        self.rest.push(Piece { at, src, len });
    }

    /// Appends `s` to the text: the first time with no spare room (most
    /// lines, a table cell's, are written in one piece).
    fn push_text(&mut self, s: &str) {
        if self.text.is_empty() {
            let mut own = String::with_capacity(s.len());
            own.push_str(s);
            self.text = Cow::Owned(own);
        } else {
            self.text.to_mut().push_str(s);
        }
    }

    /// Writes the pending white space, if `next` is not the start of the line.
    fn settle(&mut self, next: char) {
        if let Pending::Space { src, end, newline } =
            std::mem::replace(&mut self.pending, Pending::None)
        {
            let last = self.text.chars().next_back();
            if let Some(last) = last
                && !(newline && is_wide(last) && is_wide(next))
            {
                if end - src == 1 {
                    self.piece(src, COPY);
                } else {
                    self.piece(src, end - src);
                }
                self.text.to_mut().push(' ');
            }
        }
    }

    /// Appends `s`, a verbatim copy of the source at `src`.
    pub(crate) fn copy(&mut self, s: &str, src: usize) {
        let Some(first) = s.chars().next() else {
            return;
        };
        self.settle(first);
        self.piece(src, COPY);
        self.push_text(s);
    }

    /// Appends `s`, a verbatim copy of the source at `src` that lives as long
    /// as the line: the line's first text is `s` itself, not a copy of it.
    pub(crate) fn borrow(&mut self, s: &'a str, src: usize) {
        let Some(first) = s.chars().next() else {
            return;
        };
        self.settle(first);
        self.piece(src, COPY);
        if self.text.is_empty() {
            self.text = Cow::Borrowed(s);
        } else {
            self.text.to_mut().push_str(s);
        }
    }

    /// Appends `s`, text of a document whose text is not mapped back to a
    /// source (a `.docx`): only the line's first piece is kept (so that
    /// [`figure`] finds the line), at source offset 0.
    /// The line's first text is `s` itself when it is borrowed.
    #[cfg(feature = "docx")]
    pub(crate) fn append(&mut self, s: Cow<'a, str>) {
        if s.is_empty() {
            return;
        }
        if self.first.is_none() {
            self.first = Some(Piece {
                at: self.text.len(),
                src: 0,
                len: COPY,
            });
        }
        match s {
            Cow::Borrowed(s) if self.text.is_empty() => self.text = Cow::Borrowed(s),
            s => self.push_text(&s),
        }
    }

    /// Appends `s`, which stands for the source range `src` (an entity).
    pub(crate) fn replaced(&mut self, s: &str, src: Range<usize>) {
        let Some(first) = s.chars().next() else {
            return;
        };
        self.settle(first);
        self.piece(src.start, src.end - src.start);
        self.push_text(s);
    }

    /// Collapsible white space at `src` (HTML): one space at most, none at the
    /// start or end of the line, none for a line end between two CJK chars.
    pub(crate) fn space(&mut self, src: Range<usize>, newline: bool) {
        if self.text.is_empty() {
            return;
        }
        self.pending = match self.pending {
            Pending::Space {
                src: s, newline: n, ..
            } => Pending::Space {
                src: s,
                end: src.end,
                newline: n || newline,
            },
            Pending::None => Pending::Space {
                src: src.start,
                end: src.end,
                newline,
            },
        };
    }

    /// Drops pending white space (the line ends).
    pub(crate) fn end(&mut self) {
        self.pending = Pending::None;
    }

    /// Gives back the memory a finished line does not use (a table of many
    /// short cells would otherwise cost the spare capacity of each).
    pub(crate) fn shrink(&mut self) {
        if let Cow::Owned(text) = &mut self.text {
            text.shrink_to_fit();
        }
        self.rest.shrink_to_fit();
    }
}

/// A figure merged down over several rows, left out of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merged {
    /// The figure as written.
    pub(crate) text: String,
    /// How many rows it covers.
    pub(crate) rows: usize,
    /// Where it is in the source (`None` for a `.docx`).
    pub(crate) src: Option<Range<usize>>,
}

impl Merged {
    /// The sentence of its diagnostic.
    pub(crate) fn message(&self) -> String {
        format!(
            "a table cell holding `{}` is merged over {} rows; it is left blank, since which row the figure belongs to is not certain",
            self.text, self.rows
        )
    }
}

/// The text of a cell that holds only a figure (digits, sign, decimal point,
/// `/`, `万`, `元`), `None` for labels and empty cells.
pub(crate) fn figure(blocks: &[Block]) -> Option<(String, Option<Range<usize>>)> {
    let mut lines = Vec::new();
    flatten(blocks, &mut lines);
    let text: String = lines.iter().map(|f| &*f.text).collect::<Vec<_>>().join(" ");
    let t = text.trim_matches(|c: char| c.is_whitespace());
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let ok = t.chars().any(is_digit)
        && t.chars()
            .all(|c| is_digit(c) || c.is_whitespace() || "+-.,/万元＋－．，".contains(c));
    if !ok {
        return None;
    }
    let first = lines.iter().find_map(|f| f.first.as_ref())?;
    let last = lines
        .iter()
        .rev()
        .find_map(|f| f.last_piece().map(|p| (p, f.text.len())))?;
    let end = if last.0.len == COPY {
        last.0.src + (last.1 - last.0.at)
    } else {
        last.0.src + last.0.len
    };
    Some((t.to_string(), Some(first.src..end.max(first.src))))
}

/// The blocks of a table cell (or of any container a front end fills): a
/// cell mostly holds one line, kept in place rather than in a list of its
/// own (one allocation fewer for each cell).
#[derive(Debug, Clone)]
pub(crate) enum Blocks<'a> {
    /// One block.
    One(Block<'a>),
    /// No block, or more than one.
    Many(Vec<Block<'a>>),
}

impl Default for Blocks<'_> {
    fn default() -> Self {
        Blocks::Many(Vec::new())
    }
}

impl<'a> Blocks<'a> {
    /// Appends `block`: the first in place, the second moves both to a list.
    pub(crate) fn push(&mut self, block: Block<'a>) {
        match self {
            Blocks::Many(v) if v.is_empty() && v.capacity() == 0 => *self = Blocks::One(block),
            Blocks::Many(v) => v.push(block),
            Blocks::One(_) => {
                let Blocks::One(first) = std::mem::take(self) else {
                    unreachable!("matched as one block")
                };
                *self = Blocks::Many(vec![first, block]);
            }
        }
    }

    /// Gives back the room a list of blocks does not use.
    pub(crate) fn shrink(&mut self) {
        if let Blocks::Many(v) = self {
            v.shrink_to_fit();
        }
    }

    /// Drops the blocks.
    pub(crate) fn clear(&mut self) {
        *self = Blocks::default();
    }

    /// The blocks as a list.
    pub(crate) fn into_vec(self) -> Vec<Block<'a>> {
        match self {
            Blocks::One(b) => vec![b],
            Blocks::Many(v) => v,
        }
    }
}

impl<'a> std::ops::Deref for Blocks<'a> {
    type Target = [Block<'a>];

    fn deref(&self) -> &[Block<'a>] {
        match self {
            Blocks::One(b) => std::slice::from_ref(b),
            Blocks::Many(v) => v,
        }
    }
}

impl<'a> From<Vec<Block<'a>>> for Blocks<'a> {
    fn from(v: Vec<Block<'a>>) -> Self {
        Blocks::Many(v)
    }
}

impl<'a> Extend<Block<'a>> for Blocks<'a> {
    fn extend<I: IntoIterator<Item = Block<'a>>>(&mut self, iter: I) {
        for b in iter {
            self.push(b);
        }
    }
}

impl<'a> IntoIterator for Blocks<'a> {
    type Item = Block<'a>;
    type IntoIter = std::vec::IntoIter<Block<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

impl<'b, 'a> IntoIterator for &'b Blocks<'a> {
    type Item = &'b Block<'a>;
    type IntoIter = std::slice::Iter<'b, Block<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// A cell of a table.
#[derive(Debug, Clone)]
pub(crate) enum Cell<'a> {
    /// A cell that starts here, its content and where its tag is.
    Content { blocks: Blocks<'a>, at: usize },
    /// The continuation of a cell merged down from the row above.
    Continuation,
}

/// A row of a table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row<'a> {
    pub(crate) cells: Vec<Cell<'a>>,
}

/// A table, its rows in document order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table<'a> {
    pub(crate) rows: Vec<Row<'a>>,
    /// Where the table starts in the source.
    pub(crate) at: usize,
}

/// A block of a document.
#[derive(Debug, Clone)]
pub(crate) enum Block<'a> {
    /// A line of text (a paragraph, a heading, a line ended by `<br>`).
    Line(Frag<'a>),
    /// A table.
    Table(Table<'a>),
}

impl Table<'_> {
    /// Whether the table is page layout rather than data (see the module docs).
    fn is_layout(&self) -> bool {
        self.rows.iter().flat_map(|r| &r.cells).any(|c| match c {
            Cell::Content { blocks, .. } => {
                let mut len = 0;
                blocks.iter().any(|b| match b {
                    Block::Table(_) => true,
                    Block::Line(f) => {
                        len += f.text.len();
                        len > LAYOUT_CELL
                    }
                })
            }
            Cell::Continuation => false,
        })
    }
}

/// Text written from blocks, with its map to the source.
struct Out {
    text: String,
    /// The map being built (`None`: no map is wanted).
    map: Option<OffsetMapBuilder>,
    /// The end of the source of the text written last: separators map there.
    pos: usize,
    /// The tables written as tab rows: byte ranges of `text`.
    tables: Vec<Range<usize>>,
}

impl Out {
    fn frag(&mut self, f: &Frag) {
        let base = self.text.len();
        let Some(map) = &mut self.map else {
            self.text.push_str(&f.text);
            return;
        };
        for p in f.pieces() {
            if p.len == COPY {
                map.copied(base + p.at, p.src);
            } else {
                map.replaced(base + p.at, p.src..p.src + p.len);
            }
        }
        if let Some(p) = f.last_piece() {
            self.pos = if p.len == COPY {
                p.src + (f.text.len() - p.at)
            } else {
                p.src + p.len
            };
        }
        self.text.push_str(&f.text);
    }

    /// Text of our own (a separator), mapped to the empty source range where
    /// the text before it ends (or at `at`, if that is further on).
    fn synth(&mut self, s: &str, at: usize) {
        self.pos = self.pos.max(at);
        if let Some(map) = &mut self.map {
            map.replaced(self.text.len(), self.pos..self.pos);
        }
        self.text.push_str(s);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            match b {
                Block::Line(f) if !f.is_empty() => {
                    self.frag(f);
                    self.synth("\n", 0);
                }
                Block::Line(_) => {}
                Block::Table(t) => self.table(t),
            }
        }
    }

    fn table(&mut self, t: &Table) {
        if t.is_layout() {
            for cell in t.rows.iter().flat_map(|r| &r.cells) {
                if let Cell::Content { blocks, .. } = cell {
                    self.blocks(blocks);
                }
            }
            return;
        }
        self.pos = self.pos.max(t.at);
        let start = self.text.len();
        for row in &t.rows {
            for (i, cell) in row.cells.iter().enumerate() {
                if i > 0 {
                    self.synth("\t", 0);
                }
                if let Cell::Content { blocks, at } = cell {
                    self.pos = self.pos.max(*at);
                    self.cell(blocks);
                }
            }
            self.synth("\n", 0);
        }
        if !t.rows.is_empty() {
            self.tables.push(start..self.text.len());
        }
    }

    /// The lines of a cell joined into one, nested content flattened.
    fn cell(&mut self, blocks: &[Block]) {
        let mut last: Option<char> = None;
        self.cell_lines(blocks, &mut last);
    }

    /// The lines of `blocks` in document order written on the line of a
    /// cell; `last` is the last char written.
    fn cell_lines(&mut self, blocks: &[Block], last: &mut Option<char>) {
        for b in blocks {
            match b {
                Block::Line(f) => {
                    let Some(first) = f.text.chars().next() else {
                        continue;
                    };
                    if last.is_some_and(|l| l.is_ascii_alphanumeric())
                        && first.is_ascii_alphanumeric()
                    {
                        self.synth(" ", 0);
                    }
                    self.frag(f);
                    *last = f.text.chars().next_back();
                }
                Block::Table(t) => {
                    for cell in t.rows.iter().flat_map(|r| &r.cells) {
                        if let Cell::Content { blocks, .. } = cell {
                            self.cell_lines(blocks, last);
                        }
                    }
                }
            }
        }
    }
}

fn flatten<'b, 'a>(blocks: &'b [Block<'a>], out: &mut Vec<&'b Frag<'a>>) {
    for b in blocks {
        match b {
            Block::Line(f) => out.push(f),
            Block::Table(t) => {
                for cell in t.rows.iter().flat_map(|r| &r.cells) {
                    if let Cell::Content { blocks, .. } = cell {
                        flatten(blocks, out);
                    }
                }
            }
        }
    }
}

/// Writes `blocks` as text, with the map from the text to a source of
/// `source_len` bytes.
#[cfg(test)]
pub(crate) fn render(blocks: &[Block], source_len: usize) -> (String, OffsetMap) {
    let written = render_tables(blocks, source_len);
    (written.text, written.map)
}

/// Text written from blocks: the text, its map to the source, and where the
/// tables written as tab rows are in it.
pub(crate) struct Written {
    /// The text.
    pub(crate) text: String,
    /// `text` → the source.
    pub(crate) map: OffsetMap,
    /// The tables (not page layout) written as tab rows, one row a line and
    /// its cells between tabs: byte ranges of `text`, in order. The grammar
    /// reads them as tab rows without guessing their layout.
    pub(crate) tables: Vec<Range<usize>>,
}

/// Writes `blocks` as text, with its map to the source and the byte ranges
/// of the tables written as tab rows.
pub(crate) fn render_tables(blocks: &[Block], source_len: usize) -> Written {
    let out = write(blocks, true);
    let len = out.text.len();
    Written {
        text: out.text,
        map: out.map.unwrap_or_default().finish(len, source_len),
        tables: out.tables,
    }
}

/// Writes `blocks` as text, as [`render_tables`] does, with no map: the
/// text and the byte ranges of the tables written as tab rows (for a
/// `.docx`, whose spans are ranges of the text itself).
#[cfg(feature = "docx")]
pub(crate) fn render_unmapped(blocks: &[Block]) -> (String, Vec<Range<usize>>) {
    let out = write(blocks, false);
    (out.text, out.tables)
}

/// Writes `blocks`, with their map to the source if `mapped`.
fn write(blocks: &[Block], mapped: bool) -> Out {
    let mut out = Out {
        text: String::new(),
        map: mapped.then(OffsetMapBuilder::new),
        pos: 0,
        tables: Vec::new(),
    };
    out.blocks(blocks);
    out
}

/// Empties the cells that hold a figure and are merged down (a `.docx`
/// `w:vMerge`, a PDF box over several rows) over several rows, noting each;
/// drops the grid spans (each cell comes with the number of grid columns it
/// covers).
#[cfg(any(feature = "docx", feature = "pdf"))]
pub(crate) fn leave_out_merged_figures<'a>(
    mut rows: Vec<Vec<(Cell<'a>, usize)>>,
    merged: &mut Vec<Merged>,
) -> Vec<Vec<Cell<'a>>> {
    // the grid column of each cell (rows laid end to end, as in `slot`)
    let starts: Vec<usize> = rows
        .iter()
        .flat_map(|row| {
            row.iter().scan(0, |col, (_, span)| {
                let at = *col;
                *col += span;
                Some(at)
            })
        })
        .collect();
    // Rows covered by each cell that starts a vertical merge, in the order
    // of their first continuation. A continuation belongs to the cell above
    // it that starts in the same grid column, through an unbroken chain of
    // cells starting in that column: `origin` maps each column of the row
    // above to the start of its chain (sorted by column, as the cells of a
    // row are), so each cell is looked at once; `slot` holds, for each cell
    // (rows laid end to end), its entry in `covered`.
    let mut covered: Vec<((usize, usize), usize)> = Vec::new();
    let row_base: Vec<usize> = rows
        .iter()
        .scan(0, |at, row| {
            let base = *at;
            *at += row.len();
            Some(base)
        })
        .collect();
    let mut slot = vec![usize::MAX; rows.iter().map(Vec::len).sum()];
    let mut origin: Vec<(usize, (usize, usize))> = Vec::new();
    let mut next: Vec<(usize, (usize, usize))> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        next.clear();
        for (i, (cell, _)) in row.iter().enumerate() {
            let col = starts[row_base[r] + i];
            let o = match cell {
                Cell::Content { .. } => Some((r, i)),
                Cell::Continuation => origin
                    .binary_search_by_key(&col, |&(c, _)| c)
                    .ok()
                    .map(|k| origin[k].1),
            };
            if let Cell::Continuation = cell
                && let Some(o) = o
            {
                let at = &mut slot[row_base[o.0] + o.1];
                if *at == usize::MAX {
                    *at = covered.len();
                    covered.push((o, 2));
                } else {
                    covered[*at].1 += 1;
                }
            }
            // the first cell to start in a column stands for it
            if let Some(o) = o
                && next.last().is_none_or(|&(c, _)| c != col)
            {
                next.push((col, o));
            }
        }
        std::mem::swap(&mut origin, &mut next);
    }
    for ((r, j), n) in covered {
        if let Cell::Content { blocks, .. } = &mut rows[r][j].0
            && let Some((text, _)) = figure(blocks)
        {
            merged.push(Merged {
                text,
                rows: n,
                src: None,
            });
            blocks.clear();
        }
    }
    rows.into_iter()
        .map(|row| row.into_iter().map(|(cell, _)| cell).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(s: &str, src: usize) -> Block<'static> {
        let mut f = Frag::default();
        f.copy(s, src);
        Block::Line(f)
    }

    fn cell(s: &str, src: usize) -> Cell<'static> {
        Cell::Content {
            blocks: vec![line(s, src)].into(),
            at: src,
        }
    }

    #[test]
    fn white_space_collapses_and_cjk_line_ends_vanish() {
        let mut f = Frag::default();
        f.space(0..2, false);
        f.copy("本年新", 2);
        f.space(11..13, true);
        f.copy("制作数量", 13);
        f.space(25..26, false);
        f.copy("a", 26);
        f.space(27..28, true);
        f.copy("b", 28);
        f.space(29..30, false);
        f.end();
        assert_eq!(f.text, "本年新制作数量 a b");
    }

    #[test]
    fn tables_are_tab_rows_with_continuations_as_empty_cells() {
        let t = Table {
            rows: vec![
                Row {
                    cells: vec![
                        cell("三、本年度办理结果", 0),
                        cell("(一)予以公开", 100),
                        cell("1", 200),
                    ],
                },
                Row {
                    cells: vec![
                        Cell::Continuation,
                        cell("(二)部分公开", 300),
                        cell("2", 400),
                    ],
                },
            ],
            at: 0,
        };
        let (text, map) = render(&[line("标题", 500), Block::Table(t)], 1000);
        assert_eq!(
            text,
            "标题\n三、本年度办理结果\t(一)予以公开\t1\n\t(二)部分公开\t2\n"
        );
        let i = text.find('2').unwrap();
        assert_eq!(map.map_range(i..i + 1), 400..401);
        let i = text.find("标题").unwrap();
        assert_eq!(map.map_range(i..i + 6), 500..506);
    }

    #[test]
    fn a_line_of_one_borrowed_piece_is_the_source_itself() {
        let src = "予以公开 &amp; 1";
        let mut f = Frag::default();
        f.borrow(&src[..12], 0);
        assert!(matches!(f.text, Cow::Borrowed(_)));
        f.space(12..13, false);
        f.replaced("&", 13..18);
        f.borrow(&src[19..], 19);
        assert!(matches!(f.text, Cow::Owned(_)));
        assert_eq!(f.text, "予以公开 &1");
        let (text, map) = render(&[Block::Line(f)], src.len());
        assert_eq!(text, "予以公开 &1\n");
        assert_eq!(map.map_range(0..12), 0..12);
        assert_eq!(map.map_range(13..14), 13..18);
    }

    #[cfg(feature = "docx")]
    #[test]
    fn unmapped_lines_borrow_their_first_text_and_keep_one_piece() {
        let xml = "1 < 2";
        let mut f = Frag::default();
        f.append(Cow::Borrowed(&xml[..1]));
        assert!(matches!(f.text, Cow::Borrowed(_)));
        f.append(Cow::Owned(" <".to_string()));
        f.append(Cow::Borrowed(&xml[3..]));
        assert_eq!(f.text, "1 < 2");
        assert!(f.rest.is_empty());
        // a figure is still found in the line
        let cell = Cell::Content {
            blocks: vec![Block::Line(f)].into(),
            at: 0,
        };
        let Cell::Content { blocks, .. } = &cell else {
            unreachable!()
        };
        assert!(figure(blocks).is_none());
        let mut g = Frag::default();
        g.append(Cow::Borrowed("12"));
        assert_eq!(
            figure(&[Block::Line(g.clone())]).map(|f| f.0),
            Some("12".into())
        );
        let table = Table {
            rows: vec![Row {
                cells: vec![
                    cell,
                    Cell::Content {
                        blocks: vec![Block::Line(g)].into(),
                        at: 0,
                    },
                ],
            }],
            at: 0,
        };
        let (text, tables) = render_unmapped(&[Block::Table(table)]);
        assert_eq!(text, "1 < 2\t12\n");
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0], 0..text.len());
    }

    #[test]
    fn blocks_keep_one_in_place_and_more_in_order() {
        let texts = |b: &Blocks| -> Vec<String> {
            b.iter()
                .map(|b| match b {
                    Block::Line(f) => f.text.to_string(),
                    Block::Table(_) => "table".to_string(),
                })
                .collect()
        };
        let mut b = Blocks::default();
        assert!(b.is_empty());
        b.push(line("a", 0));
        assert!(matches!(b, Blocks::One(_)));
        assert_eq!(texts(&b), ["a"]);
        b.push(line("b", 1));
        b.extend([line("c", 2)]);
        assert_eq!(texts(&b), ["a", "b", "c"]);
        assert_eq!(b.clone().into_vec().len(), 3);
        b.clear();
        assert!(b.is_empty());
        b.push(line("d", 3));
        assert!(matches!(b, Blocks::One(_)));
    }

    #[test]
    fn cell_lines_join_without_making_numbers() {
        let c = Cell::Content {
            blocks: vec![
                line("本年新", 0),
                line("制作数量", 10),
                line("1", 20),
                line("2", 30),
            ]
            .into(),
            at: 0,
        };
        let (text, _) = render(
            &[Block::Table(Table {
                rows: vec![Row { cells: vec![c] }],
                at: 0,
            })],
            40,
        );
        assert_eq!(text, "本年新制作数量1 2\n");
    }
}
