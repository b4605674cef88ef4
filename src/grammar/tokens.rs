//! Table text as a stream of cells.
//!
//! The same table reaches us in several text layouts (TEMPLATE.md §8): one cell
//! per line indented by a tab with blank lines between rows (Word export), one
//! cell per line with nothing to mark rows (web pages), tab-separated rows, and
//! pipe-separated rows. Each is turned into the same stream of [`Token`]s; the
//! table grammars read tokens, not layouts.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::combinator::{all_consuming, opt};
use nom::{IResult, Parser};

use super::value::{Scalar, scalar};
use crate::normalize::{Norm, Normalized};

mod boxed;
mod filled;
pub(crate) mod stream;

pub(crate) use boxed::unspanned;
pub(crate) use filled::may_be;

/// How a table's text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Every cell on its own line starting with a tab; blank lines end rows; a
    /// line without a tab continues the cell before it.
    Indented,
    /// Every cell on its own line; rows are not marked, empty cells leave no trace.
    Lines,
    /// One row per line, cells separated by tabs.
    TabRows,
    /// One row per line, cells separated by `|`, each cell closed by its pipe
    /// (`a | b |`): a row that starts with a pipe starts with an empty cell.
    PipeRows,
    /// Markdown rows, `| a | b |`: the first pipe opens the row.
    Markdown,
    /// One cell per line, each ending in `|`; a bare `|` is an empty cell.
    PipeCells,
    /// Cells separated by lines holding only a tab, rows by two or more blank
    /// lines, as a browser's `innerText` gives a table: an empty cell leaves
    /// two separators in a row.
    TabLines,
    /// A table drawn with box characters (`│`, `├──┼──┤`), cells wrapped over
    /// lines inside their boxes (see [`boxed`]).
    Boxed,
}

impl Layout {
    /// True when the layout shows where rows end.
    pub(crate) fn marks_rows(self) -> bool {
        matches!(
            self,
            Layout::Indented
                | Layout::TabRows
                | Layout::PipeRows
                | Layout::Markdown
                | Layout::Boxed
                | Layout::TabLines
        )
    }
}

/// One cell of a table's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte range of the cell's trimmed text in the normalized text (empty for an empty cell).
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The cell read as a value, or `None` for text (a label, a header, prose).
    pub(crate) scalar: Option<Scalar>,
    /// True when the cell starts a row (only in layouts that mark rows).
    pub(crate) row_start: bool,
    /// Where the cell sits on the page, in layouts of PDF text (`Lines`).
    pub(crate) at: Option<Place>,
}

/// Where a cell of PDF text sits: its line, its page, and the character
/// columns it covers. `pdftotext -layout` lays a page out in a grid of one
/// character per column (a CJK character takes one column like any other), so
/// cells of one table column start at about the same column on the lines of a
/// page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    /// The line of the table's text, counted from the table's first line.
    pub(crate) line: u32,
    /// The page, counted in form feeds from the table's first line.
    pub(crate) page: u32,
    /// The first column the cell covers, and one past its last.
    pub(crate) start: u32,
    pub(crate) end: u32,
}

impl Token {
    pub(crate) fn is_text(&self) -> bool {
        self.scalar.is_none()
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.scalar == Some(Scalar::Blank)
    }

    /// True for a cell with no text at all: the filler of a merged cell can
    /// only be such a cell, never a blank written as `/`, `-`, `—` or `无`.
    pub(crate) fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub(crate) fn text<'t>(&self, doc: &'t str) -> &'t str {
        &doc[self.start..self.end]
    }

    /// The cell's range of the normalized text.
    pub(crate) fn range(&self) -> Norm {
        Norm::new(self.start, self.end)
    }
}

/// The lines of `doc[start..end]` as `(line_start, line_end)` byte offsets (no newline).
pub(crate) fn lines(
    doc: &str,
    start: usize,
    end: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = &doc.as_bytes()[..end];
    let mut at = Some(start);
    std::iter::from_fn(move || {
        let s = at?;
        let e = newline(&bytes[s..]).map_or(end, |i| s + i);
        at = (e < end).then_some(e + 1);
        Some((s, e))
    })
}

/// [`lines`] as a list, room made for all of them at once.
pub(crate) fn line_list(doc: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let newlines = doc
        .as_bytes()
        .get(start..end)
        .map_or(0, |b| memchr::memchr_iter(b'\n', b).count());
    let mut all = Vec::with_capacity(newlines + 1);
    all.extend(lines(doc, start, end));
    all
}

/// The index of the first `\n` of `bytes`: eight bytes at a time, cheaper
/// than `memchr` on lines this short, where its set-up costs more than the
/// search.
fn newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8])) ^ NEWLINES;
        // a zero byte of `word` (a newline of `chunk`) sets its high bit here
        if word.wrapping_sub(ONES) & !word & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    bytes[at..].iter().position(|&b| b == b'\n').map(|i| at + i)
}

fn is_pipe_separator(line: &str) -> bool {
    let t = line.trim();
    // the walk over the characters first: it stops at the first character of
    // a line of text, where a search for the dashes would set up for nothing
    (t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '+')) && t.contains("---"))
        || (t.chars().all(|c| matches!(c, '|' | '_' | ' ')) && t.contains("___"))
}

/// Decides the layout of a table's text from its lines.
pub(crate) fn detect(doc: &str, start: usize, end: usize) -> Layout {
    let (mut nonblank, mut piped, mut opened, mut pipe_cells, mut inner_tabs, mut indented) =
        (0, 0, 0, 0, 0, 0);
    let (mut boxes, mut tab_only, mut grid_rules) = (0, 0, 0);
    let blank_byte = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | 0x0c);
    for (s, e) in lines(doc, start, end) {
        let line = &doc.as_bytes()[s..e];
        let Some(first) = line.iter().position(|b| !blank_byte(b)) else {
            if line.contains(&b'\t') {
                tab_only += 1;
            }
            continue;
        };
        nonblank += 1;
        if boxed::is_box_line(&doc[s..e]) {
            boxes += 1;
        }
        if boxed::is_grid_rule(&doc[s..e]) {
            grid_rules += 1;
        }
        if let Some(p) = line.iter().position(|&b| b == b'|') {
            piped += 1;
            if p == first {
                opened += 1;
            }
            let last = line.iter().rposition(|b| !blank_byte(b)).unwrap_or(p);
            if p == last {
                pipe_cells += 1;
            }
        }
        if line[first..].contains(&b'\t') {
            inner_tabs += 1;
        }
        if line[0] == b'\t' {
            indented += 1;
        }
    }
    if (boxes >= 3 && boxes * 3 >= nonblank) || (grid_rules >= 3 && grid_rules * 8 >= nonblank) {
        Layout::Boxed
    } else if tab_only >= 3 && tab_only * 2 >= nonblank && indented * 4 < tab_only {
        Layout::TabLines
    } else if piped >= 3 && piped * 3 >= nonblank {
        if pipe_cells * 5 >= piped * 4 {
            Layout::PipeCells
        } else if opened * 2 > piped {
            Layout::Markdown
        } else {
            Layout::PipeRows
        }
    } else if inner_tabs >= 3 {
        Layout::TabRows
    } else if indented >= 3 && indented * 2 >= nonblank {
        Layout::Indented
    } else {
        Layout::Lines
    }
}

fn trimmed(doc: &str, s: usize, e: usize) -> (usize, usize) {
    let field = &doc[s..e];
    // after normalization white space is ASCII but for a few rare characters
    let ascii = field.trim_ascii();
    let lead = field.len() - field.trim_ascii_start().len();
    let (lead, trail) =
        if ascii.starts_with(char::is_whitespace) || ascii.ends_with(char::is_whitespace) {
            (
                field.len() - field.trim_start().len(),
                field.len() - field.trim_end().len(),
            )
        } else {
            (lead, field.len() - lead - ascii.len())
        };
    if lead == field.len() {
        (s, s)
    } else {
        (s + lead, e - trail)
    }
}

fn cell(doc: &str, s: usize, e: usize, row_start: bool) -> Token {
    let (start, end) = trimmed(doc, s, e);
    Token {
        start,
        end,
        scalar: scalar(&doc[start..end]),
        row_start,
        at: None,
    }
}

fn dashes(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| matches!(c, '-' | '—' | '–' | '―' | '─')).parse(i)
}

fn spaces(i: &str) -> IResult<&str, &str> {
    take_while(|c: char| c == ' ').parse(i)
}

fn digits(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit()).parse(i)
}

/// Page headers and footers PDF text puts inside tables: `— 3 —`, `- 3 -`,
/// `第 3 页`, `第3页 共12页`.
fn page_mark(i: &str) -> IResult<&str, ()> {
    let dashed = (dashes, spaces, digits, spaces, dashes);
    let nth = (
        tag("第"),
        spaces,
        digits,
        spaces,
        tag("页"),
        opt((
            spaces,
            opt(alt((tag(","), tag("/")))),
            spaces,
            tag("共"),
            spaces,
            digits,
            spaces,
            tag("页"),
        )),
    );
    let (rest, _) = all_consuming(alt((dashed.map(|_| ()), nth.map(|_| ())))).parse(i)?;
    Ok((rest, ()))
}

/// True for a line that is page furniture rather than table text.
pub(crate) fn is_page_furniture(line: &str) -> bool {
    // it starts with `-`, with one of the first bytes of — – ― ─ 第 (E2,
    // E7), or with white space to trim (ASCII, or a character starting C2,
    // E1, E2 or E3)
    if !matches!(
        line.as_bytes().first(),
        Some(b'-' | b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3 | 0xE7)
    ) {
        return false;
    }
    let line = line.trim();
    line.starts_with(['-', '—', '–', '―', '─', '第']) && page_mark(line).is_ok()
}

/// True when the next line with text after `from` starts a new page (a form feed).
fn page_break_follows(doc: &str, from: usize, end: usize) -> bool {
    doc[from.min(end)..end]
        .trim_start_matches([' ', '\n', '\t'])
        .starts_with('\u{c}')
}

/// A unit written after a number, possibly after a space (`57 万元`).
fn is_unit(word: &str) -> bool {
    matches!(word, "万元" | "万" | "元" | "件" | "个" | "项" | "条")
}

/// Splits a line of a layout without cell separators into cells: every value
/// is a cell of its own (`0 0 0`, as PDF text gives a row), a unit stays with
/// its number, and text runs are cut where two or more spaces separate them
/// (columns aligned by spaces); single spaces inside text are kept. Each cell
/// comes with the character column it starts at (a form feed takes none).
/// The cells replace those in `out`.
fn words(doc: &str, s: usize, e: usize, width: &Width<'_>, out: &mut Vec<(usize, usize, u32)>) {
    out.clear();
    let line = &doc[s..e];
    let trimmed = line.trim();
    if !trimmed.contains(char::is_whitespace) {
        let lead = line.len() - line.trim_start().len();
        let column = width.of(doc, s, s + lead);
        out.push((s + lead, s + lead + trimmed.len(), column));
        return;
    }
    // whitespace-separated words with their gap before and their column
    let mut parts: Vec<(usize, usize, usize, u32)> = Vec::new(); // (start, end, gap, column)
    let mut gap = 0;
    let mut start = None;
    let mut column: u32 = 0;
    let mut word_column = 0;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                parts.push((s + st, s + i, gap, word_column));
                gap = 0;
            }
            gap += 1;
        } else if start.is_none() {
            start = Some(i);
            word_column = column;
        }
        column = column.saturating_add(width.at(c, s + i));
    }
    if let Some(st) = start {
        parts.push((s + st, e, gap, word_column));
    }
    let is_value = |w: &str| {
        scalar(w).is_some_and(|v| v != Scalar::Blank) || (w.len() <= 3 && scalar(w).is_some())
    };
    let values: Vec<bool> = parts
        .iter()
        .map(|&(ws, we, _, _)| is_value(&doc[ws..we]))
        .collect();
    // a number followed closely by text is part of that text (`2020 年本行政区域`)
    let standalone: Vec<bool> = (0..parts.len())
        .map(|i| {
            values[i]
                && parts.get(i + 1).is_none_or(|&(ns, ne, gap, _)| {
                    gap >= 2 || values[i + 1] || is_unit(&doc[ns..ne])
                })
        })
        .collect();
    let mut last_was_value = false;
    for (i, &(ws, we, gap, column)) in parts.iter().enumerate() {
        let word = &doc[ws..we];
        let value = standalone[i];
        let unit_after_value = last_was_value && is_unit(word);
        match out.last_mut() {
            Some(last) if unit_after_value || (!value && !last_was_value && gap < 2) => last.1 = we,
            _ => out.push((ws, we, column)),
        }
        last_was_value = value || unit_after_value;
    }
}

/// A rule of dashes over a table's columns, one run a column:
///
/// ```text
/// dash_rule = " "* "-"{3,} (" "+ "-"{3,})+ " "*
/// ```
fn is_dash_rule(line: &str) -> bool {
    let mut runs = 0;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if word.len() < 3 || !word.bytes().all(|b| b == b'-') {
            return false;
        }
        runs += 1;
    }
    runs >= 2
}

/// The columns a character takes in text laid out in columns of spaces: one
/// for every character in PDF text (`pdftotext -layout` puts one character in
/// each column of its grid), two for a CJK or full-width character in text
/// laid out for a terminal (`pandoc -t plain`); none for a form feed.
fn columns_of(c: char, wide: bool) -> u32 {
    if c == '\u{c}' {
        0
    } else if wide {
        boxed::width(c)
    } else {
        1
    }
}

/// How many columns the characters of a line take (see [`columns_of`]): in
/// text laid out for a terminal, a character takes the width of the one it was
/// normalized from (`（` two columns, the `(` it becomes one).
struct Width<'n> {
    wide: bool,
    norm: Option<&'n Normalized>,
}

impl Width<'_> {
    /// The columns of `c`, the char at byte `at` of the text.
    fn at(&self, c: char, at: usize) -> u32 {
        if self.wide {
            boxed::width_at(self.norm, c, at)
        } else {
            columns_of(c, false)
        }
    }

    /// The columns of `doc[s..e]`.
    fn of(&self, doc: &str, s: usize, e: usize) -> u32 {
        doc[s..e]
            .char_indices()
            .map(|(i, c)| self.at(c, s + i))
            .sum()
    }
}

/// Counts the pages of PDF text line by line: a form feed before a line's text
/// starts a page at that line; one after it, at the next line.
#[derive(Default)]
struct Pages {
    page: u32,
    carried: u32,
}

impl Pages {
    /// The page `line` is on.
    fn of(&mut self, line: &str) -> u32 {
        let bytes = line.as_bytes();
        let (before, after) = if bytes.contains(&0x0c) {
            let feeds = |b: &[u8]| {
                u32::try_from(b.iter().filter(|&&c| c == 0x0c).count()).unwrap_or(u32::MAX)
            };
            match line.find(|c: char| !c.is_whitespace()) {
                Some(first) => (feeds(&bytes[..first]), feeds(&bytes[first..])),
                None => (feeds(bytes), 0),
            }
        } else {
            (0, 0)
        };
        self.page = self
            .page
            .saturating_add(self.carried)
            .saturating_add(before);
        self.carried = after;
        self.page
    }
}

/// Reads a table as a browser's `innerText` prints it:
///
/// ```text
/// table     = row (blank blank+ row)*
/// row       = cell (separator cell)*
/// separator = blank* "\t" newline blank*
/// cell      = (text_line (blank? text_line)*)?     (empty between two separators)
/// ```
///
/// A cell's text may take several lines (its paragraphs), one blank line
/// apart; two or more blank lines end the row. A separator followed by two
/// or more blank lines ends its row with an empty cell when the text after
/// them is no value (a value there is the next cell, after a paragraph's
/// spacing). Page furniture is passed over.
fn tab_lines(doc: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    // the open cell's byte range, and the blank lines since the last line with text
    let mut open: Option<(usize, usize)> = None;
    let mut blanks = 0usize;
    let mut row_start = true;
    let mut after_separator = false;
    for (s, e) in lines(doc, start, end) {
        let line = &doc[s..e];
        if line.contains('\t') && line.trim().is_empty() {
            match open.take() {
                Some((cs, ce)) => out.push(cell(doc, cs, ce, row_start)),
                // two separators in a row, or one starting a row: an empty cell
                None => out.push(cell(
                    doc,
                    s,
                    s,
                    row_start || (blanks >= 2 && !after_separator),
                )),
            }
            row_start = false;
            after_separator = true;
            blanks = 0;
            continue;
        }
        if line.trim().is_empty() {
            blanks += 1;
            continue;
        }
        if is_page_furniture(line.trim()) {
            continue;
        }
        match open {
            Some((cs, _)) if blanks < 2 => open = Some((cs, e)),
            Some((cs, ce)) => {
                // the row ended with this cell
                out.push(cell(doc, cs, ce, row_start));
                row_start = true;
                open = Some((s, e));
            }
            None => {
                // after a separator, blank lines may be a cell's paragraph
                // spacing: a value there goes on with the row; text that is no
                // value starts the next row, and the separator ended this one
                // with an empty cell
                let ends_row = blanks >= 2 && (!after_separator || scalar(line.trim()).is_none());
                if ends_row {
                    if after_separator {
                        out.push(cell(doc, s, s, false));
                    }
                    row_start = true;
                }
                open = Some((s, e));
            }
        }
        after_separator = false;
        blanks = 0;
    }
    if let Some((cs, ce)) = open {
        out.push(cell(doc, cs, ce, row_start));
    }
}

/// Splits `doc[start..end]` into cells according to `layout`; `doc` is
/// `norm.text` or a text with the same byte offsets (line breaks given back
/// to squeezed text, OCR markup blanked), and the original text tells how
/// wide each character was printed (box tables).
pub(crate) fn tokenize_normalized(
    doc: &str,
    norm: &Normalized,
    start: usize,
    end: usize,
    layout: Layout,
) -> Vec<Token> {
    debug_assert_eq!(doc.len(), norm.text.len());
    if layout == Layout::Boxed {
        let mut out = Vec::with_capacity((end - start) / 12);
        boxed::tokenize(doc, Some(norm), start, end, &mut out);
        return out;
    }
    tokenize_with(doc, Some(norm), start, end, layout)
}

/// Splits `doc[start..end]` into cells according to `layout`.
#[cfg(test)]
pub(crate) fn tokenize(doc: &str, start: usize, end: usize, layout: Layout) -> Vec<Token> {
    tokenize_with(doc, None, start, end, layout)
}

/// Splits `doc[start..end]` into cells according to `layout`; `norm`, when
/// `doc` was normalized, tells how wide each character was printed.
fn tokenize_with(
    doc: &str,
    norm: Option<&Normalized>,
    start: usize,
    end: usize,
    layout: Layout,
) -> Vec<Token> {
    // room for a cell per 8 bytes of table text: most tables have fewer
    let mut out: Vec<Token> = Vec::with_capacity((end - start) / 8);
    if layout == Layout::Boxed {
        boxed::tokenize(doc, None, start, end, &mut out);
        return out;
    }
    if layout == Layout::TabLines {
        tab_lines(doc, start, end, &mut out);
        return out;
    }
    let mut row_pending = true;
    let mut pages = Pages::default();
    let mut separated = false;
    // a pipe table that shows characters cut apart (see [`filled`])
    let cuts = matches!(
        layout,
        Layout::PipeRows | Layout::Markdown | Layout::PipeCells
    ) && memchr::memmem::find(&doc.as_bytes()[start..end], "\u{fffd}".as_bytes())
        .is_some();
    // a table drawn between rules of dashes (`------ ----`, pandoc's plain
    // and markdown tables) is laid out for a terminal, not a PDF's grid
    let wide = layout == Layout::Lines
        && memchr::memchr(0x0c, doc.as_bytes()).is_none()
        && lines(doc, start, end).any(|(s, e)| is_dash_rule(&doc[s..e]));
    let width = Width { wide, norm };
    // the cells of a line without separators, one buffer for every line
    let mut line_words = Vec::new();
    // without a form feed every line is on the first page
    let paged = memchr::memchr(0x0c, &doc.as_bytes()[start..end]).is_some();
    for (number, (s, e)) in lines(doc, start, end).enumerate() {
        let line = &doc[s..e];
        let page = if paged { pages.of(line) } else { 0 };
        let line_number = u32::try_from(number).unwrap_or(u32::MAX);
        let body = line.trim_ascii();
        if body.chars().all(char::is_whitespace) {
            if layout == Layout::Indented && line.contains('\t') {
                out.push(cell(doc, s, e, row_pending));
                row_pending = false;
            } else {
                row_pending = true;
            }
            continue;
        }
        if is_page_furniture(body) {
            continue;
        }
        // a bare page number closing a page of PDF text
        if layout == Layout::Lines
            && !line.starts_with('\t')
            && body.bytes().all(|b| b.is_ascii_digit())
            && page_break_follows(doc, e, end)
        {
            continue;
        }
        match layout {
            Layout::Lines => {
                words(doc, s, e, &width, &mut line_words);
                for &(ws, we, column) in &line_words {
                    let mut token = cell(doc, ws, we, false);
                    let columns = width.of(doc, token.start, token.end);
                    token.at = Some(Place {
                        line: line_number,
                        page,
                        start: column,
                        end: column.saturating_add(columns),
                    });
                    out.push(token);
                }
            }
            Layout::Indented => {
                if line.starts_with('\t') {
                    out.push(cell(doc, s, e, row_pending));
                } else if let Some(last) = out.last_mut().filter(|t| t.is_text() && t.start < t.end)
                {
                    // a wrapped cell: this line continues the text above
                    let (_, end) = trimmed(doc, s, e);
                    last.end = end;
                    row_pending = false;
                    continue;
                } else {
                    out.push(cell(doc, s, e, true));
                }
                row_pending = false;
            }
            Layout::TabRows => {
                let mut first = true;
                let mut field_start = s;
                for (i, b) in line.bytes().enumerate() {
                    if b == b'\t' {
                        out.push(cell(doc, field_start, s + i, first));
                        first = false;
                        field_start = s + i + 1;
                    }
                }
                out.push(cell(doc, field_start, e, first));
            }
            // read as a whole above
            Layout::Boxed | Layout::TabLines => {}
            Layout::PipeRows | Layout::Markdown | Layout::PipeCells => {
                if is_pipe_separator(line) {
                    separated |= line.contains("---");
                    continue;
                }
                let t_start = s + (line.len() - line.trim_start().len());
                let t_end = e - (line.len() - line.trim_end().len());
                let body = &doc[t_start..t_end];
                let starts_row = matches!(layout, Layout::PipeRows | Layout::Markdown);
                if !body.contains('|') {
                    out.push(cell(doc, s, e, starts_row));
                    continue;
                }
                if body == "|" {
                    // a bare pipe: one empty cell
                    out.push(cell(doc, t_start, t_start, false));
                    continue;
                }
                // the fields between pipes; the text before a leading pipe is no
                // cell (markdown, pipe cells), nor is the text after a closing one
                let mut first = starts_row;
                let mut prev = t_start;
                let row_from = out.len();
                let skip_first = body.starts_with('|') && layout != Layout::PipeRows;
                let pipes = body.match_indices('|').map(|(i, _)| t_start + i);
                for (n, b) in pipes.chain([t_end]).enumerate() {
                    let field = (prev, b);
                    prev = b + 1;
                    if (n == 0 && skip_first) || (b == t_end && body.ends_with('|')) {
                        continue;
                    }
                    out.push(filled::filled_cell(doc, field.0, field.1, first, cuts));
                    first = false;
                }
                if cuts {
                    let overflow = body.starts_with('|') && !body.ends_with('|');
                    filled::settle_row(doc, &mut out, row_from, overflow);
                }
            }
        }
    }
    // only tables written as markdown, under their `|---|` line
    if layout == Layout::Markdown && separated {
        drop_padding_columns(&mut out);
    }
    out
}

/// Takes out the columns of a markdown table that are empty in every row, the
/// header rows included: the padding cells a converter writes for merged
/// cells (`| 规章 |     | 0 |     | 0 |`, pandoc's gfm of a Word table). A
/// column with a header label, or a value in any row, stays.
///
/// ```text
/// table   = part+              (consecutive rows of the same number of cells)
/// part    = row{2,}            (from a row with a label alone to the next)
/// padding = a column whose cell is empty in every row of the part, when the
///           part's second row (its header) names every other column
/// ```
fn drop_padding_columns(out: &mut Vec<Token>) {
    let starts: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].row_start || i == 0)
        .chain([out.len()])
        .collect();
    let rows: Vec<(usize, usize)> = starts.windows(2).map(|w| (w[0], w[1])).collect();
    let mut keep = vec![true; out.len()];
    let mut r = 0;
    while r < rows.len() {
        let width = rows[r].1 - rows[r].0;
        let mut end = r + 1;
        while end < rows.len() && rows[end].1 - rows[end].0 == width {
            end += 1;
        }
        // each part of the table starts at a row with a label alone
        // (`第二十条第（五）项`): its columns are padded apart from the others
        // (a row with a label alone followed by a row of header labels)
        let lone = |&(s, e): &(usize, usize)| (s + 1..e).all(|i| out[i].is_empty());
        let labelled =
            |&(s, e): &(usize, usize)| (s + 1..e).any(|i| out[i].is_text() && !out[i].is_empty());
        let starts_part = |k: usize| lone(&rows[k]) && k + 1 < end && labelled(&rows[k + 1]);
        let mut part = r;
        while part < end {
            let mut part_end = part + 1;
            while part_end < end && !starts_part(part_end) {
                part_end += 1;
            }
            if width >= 3 && part_end - part >= 2 {
                let padding: Vec<bool> = (0..width)
                    .map(|c| {
                        c > 0
                            && rows[part..part_end]
                                .iter()
                                .all(|&(s, _)| out[s + c].is_empty())
                    })
                    .collect();
                // the part's header (its second row) names every column kept
                let (header, _) = rows[part + 1];
                let named = (1..width)
                    .filter(|&c| !padding[c])
                    .all(|c| out[header + c].is_text() && !out[header + c].is_empty());
                if named && padding.contains(&true) {
                    for &(s, _) in &rows[part..part_end] {
                        for (c, &pad) in padding.iter().enumerate() {
                            if pad {
                                keep[s + c] = false;
                            }
                        }
                    }
                }
            }
            part = part_end;
        }
        r = end;
    }
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(doc: &str) -> (Layout, Vec<(String, bool)>) {
        let layout = detect(doc, 0, doc.len());
        let tokens = tokenize(doc, 0, doc.len(), layout);
        (
            layout,
            tokens
                .iter()
                .map(|t| (t.text(doc).to_string(), t.row_start))
                .collect(),
        )
    }

    fn texts(doc: &str) -> Vec<String> {
        cells(doc).1.into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn indented_cells_with_wraps_and_row_breaks() {
        let doc = "\t信息内容\n\t本年新\n制作数量\n\t对外公开总数量\n\n\t规章\n\t0\n\t\n\n\t一、本年新收\n\n申请数量\n\t 0\n";
        let (layout, cells) = cells(doc);
        assert_eq!(layout, Layout::Indented);
        let expect = [
            ("信息内容", true),
            ("本年新\n制作数量", false),
            ("对外公开总数量", false),
            ("规章", true),
            ("0", false),
            ("", false),
            ("一、本年新收\n\n申请数量", true),
            ("0", false),
        ];
        let got: Vec<(&str, bool)> = cells.iter().map(|(t, r)| (t.as_str(), *r)).collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn tab_rows_keep_empty_fields() {
        let doc = "规章\t0\t0\t0\n行政事业性收费\t0\t0\t\n第二十条第(一)项\t\t\t\n";
        let (layout, cells) = cells(doc);
        assert_eq!(layout, Layout::TabRows);
        assert_eq!(cells.len(), 12);
        assert_eq!(cells[4], ("行政事业性收费".to_string(), true));
        assert_eq!(cells[7], (String::new(), false));
    }

    #[test]
    fn pipe_rows_and_markdown() {
        let doc = "| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 2 |\n行政许可 | 5 |\n";
        assert_eq!(
            texts(doc),
            ["信息内容", "本年制发件数", "规章", "2", "行政许可", "5"]
        );
        let doc = "规章 |\n2 |\n|\n1 |\n";
        let (layout, cells) = cells(doc);
        assert_eq!(layout, Layout::PipeCells);
        assert_eq!(
            cells.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(),
            ["规章", "2", "", "1"]
        );
    }

    #[test]
    fn a_leading_pipe_is_an_empty_cell_unless_rows_are_markdown() {
        // pipe rows: `| 12 |` is an empty cell, then 12
        let doc = "行政复议 ||| 行政诉讼 ||\n结果维持 | 总计 |\n| 12 | 3 |\n";
        assert_eq!(
            texts(doc),
            [
                "行政复议",
                "",
                "",
                "行政诉讼",
                "",
                "结果维持",
                "总计",
                "",
                "12",
                "3"
            ]
        );
        // markdown rows: the first pipe opens the row
        let doc = "| 行政复议 | 行政诉讼 |\n|---|---|\n| 12 | 3 |\n";
        assert_eq!(texts(doc), ["行政复议", "行政诉讼", "12", "3"]);
    }

    #[test]
    fn page_furniture_is_passed_over() {
        for line in ["— 3 —", "- 12 -", "第 3 页", "第3页 共12页", "第3页,共12页"] {
            assert!(is_page_furniture(line), "{line}");
        }
        for line in ["3", "0/0", "第二十条第(一)项", "-8"] {
            assert!(!is_page_furniture(line), "{line}");
        }
        let doc = "规章\n0\n— 3 —\n2\n7\n\u{c}行政许可\n5\n";
        assert_eq!(texts(doc), ["规章", "0", "2", "行政许可", "5"]);
    }

    #[test]
    fn lines_with_several_cells() {
        assert_eq!(texts("规章 0 0 0\n"), ["规章", "0", "0", "0"]);
        assert_eq!(
            texts("政府集中采购   32   57 万元\n"),
            ["政府集中采购", "32", "57 万元"]
        );
        assert_eq!(texts("(一) 予以公开  1  2\n"), ["(一) 予以公开", "1", "2"]);
        assert_eq!(
            texts("结果维持   结果纠正  其他结果\n"),
            ["结果维持", "结果纠正", "其他结果"]
        );
        assert_eq!(texts("行政强制  /  -  0\n"), ["行政强制", "/", "-", "0"]);
        assert_eq!(texts("2020 年本行政区域\n"), ["2020 年本行政区域"]);
        assert_eq!(texts("0 0/0 +3 -\n"), ["0", "0/0", "+3", "-"]);
    }

    #[test]
    fn inner_text_cells_and_rows() {
        let doc = "信息内容\n\t\n本年\n\n制发件数\n\n\n\n规章\n\n\t\n\n5\n\n\t\n\n\t\n\n63\n\n\n\n行政许可\n\t\n27\n";
        let (layout, cells) = cells(doc);
        assert_eq!(layout, Layout::TabLines);
        let got: Vec<(&str, bool)> = cells.iter().map(|(t, r)| (t.as_str(), *r)).collect();
        assert_eq!(
            got,
            [
                ("信息内容", true),
                ("本年\n\n制发件数", false),
                ("规章", true),
                ("5", false),
                ("", false),
                ("63", false),
                ("行政许可", true),
                ("27", false),
            ]
        );
    }

    #[test]
    fn inner_text_row_ending_in_a_separator_has_an_empty_last_cell() {
        // `规范性文件 | 0 | 0 | (empty)`, then the next part's caption
        let doc = "信息内容\n\t\n数量\n\n\n\n规范性文件\n\n\t\n\n0\n\n\t\n\n0\n\n\t\n\n\n\n第二十条第(五)项\n\n\n\n行政许可\n\t\n27\n";
        let (layout, found) = cells(doc);
        assert_eq!(layout, Layout::TabLines);
        let got: Vec<(&str, bool)> = found.iter().map(|(t, r)| (t.as_str(), *r)).collect();
        assert_eq!(
            got,
            [
                ("信息内容", true),
                ("数量", false),
                ("规范性文件", true),
                ("0", false),
                ("0", false),
                ("", false),
                ("第二十条第(五)项", true),
                ("行政许可", true),
                ("27", false),
            ]
        );
        // a value after a separator and blank lines is the row's next cell
        let doc = "信息内容\n\t\n数量\n\n\n\n规章\n\t\n\n\n5\n\n\n\n行政许可\n\t\n27\n";
        let (_, found) = cells(doc);
        let got: Vec<(&str, bool)> = found.iter().map(|(t, r)| (t.as_str(), *r)).collect();
        assert_eq!(
            got[2..5],
            [("规章", true), ("5", false), ("行政许可", true)]
        );
    }

    #[test]
    fn cells_filled_with_underscores() {
        let doc = "|规范性\u{fffd}|2件___|_______|\n|行政许\u{fffd}|22\u{fffd}|9______|\n|第二十条第(一)项__|\n";
        assert_eq!(
            texts(doc),
            [
                "规范性",
                "2件",
                "",
                "行政许",
                "22\u{fffd}",
                "9",
                "第二十条第(一)项"
            ]
        );
        assert!(is_pipe_separator(" ________________"));
    }

    #[test]
    fn padding_columns_of_a_markdown_table_go() {
        let doc = "| 第二十条第(一)项 |  |  |  |  |\n|---|---|---|---|---|\n| 信息内容 |  | 本年制发件数 |  | 现行有效件数 |\n| 规章 |  | 0 |  | 7 |\n| 第二十条第(五)项 |  |  |  |  |\n| 信息内容 |  | 上一年 | 本年增/减 |  |\n| 行政许可 |  |  | 6 |  |\n";
        assert_eq!(
            texts(doc),
            [
                "第二十条第(一)项",
                "",
                "",
                "信息内容",
                "本年制发件数",
                "现行有效件数",
                "规章",
                "0",
                "7",
                // the second part keeps its columns but the empty last one
                "第二十条第(五)项",
                "",
                "",
                "信息内容",
                "上一年",
                "本年增/减",
                "行政许可",
                "",
                "6",
            ]
        );
    }

    #[test]
    fn lines_are_those_of_split_at_every_length() {
        // newlines at every place of an eight-byte word, and none at all
        for n in 0..40 {
            for every in 1..11 {
                let doc: String = (0..n)
                    .map(|i| if i % every == every - 1 { '\n' } else { '表' })
                    .collect();
                let want: Vec<(usize, usize)> = {
                    let mut at = 0;
                    doc.split('\n')
                        .map(|l| {
                            let s = at;
                            at += l.len() + 1;
                            (s, s + l.len())
                        })
                        .collect()
                };
                assert_eq!(
                    lines(&doc, 0, doc.len()).collect::<Vec<_>>(),
                    want,
                    "{doc:?}"
                );
                if let Some(cut) = doc.char_indices().map(|(i, _)| i).nth(n / 2) {
                    let got: Vec<_> = lines(&doc, cut, doc.len()).collect();
                    assert_eq!(line_list(&doc, cut, doc.len()), got);
                    assert_eq!(got.first().map(|l| l.0), Some(cut));
                    assert_eq!(got.last().map(|l| l.1), Some(doc.len()));
                }
            }
        }
    }

    #[test]
    fn plain_lines() {
        let doc = "规章\n\n0\n\n本年新\n制作数量\n";
        let (layout, cells) = cells(doc);
        assert_eq!(layout, Layout::Lines);
        assert_eq!(cells.len(), 4);
        assert!(cells.iter().all(|(_, r)| !r));
    }

    #[test]
    fn columns_under_dash_rules_count_the_width_printed() {
        // pandoc pads by display width: `（` two columns, a no-break space
        // (an empty cell of the page) one; NFKC makes both ASCII
        let text = "  ---------- ---- ----\n  （一）公开   1    2\n  甲\u{a0}乙        3    4\n  ---------- ---- ----\n";
        let norm = crate::normalize::normalize(text);
        let doc = norm.text.as_str();
        let tokens = tokenize_normalized(doc, &norm, 0, doc.len(), Layout::Lines);
        let at = |value: &str| {
            let t = tokens.iter().find(|t| t.text(doc) == value).unwrap();
            t.at.unwrap().start
        };
        assert_eq!(at("1"), 15);
        assert_eq!(at("3"), 15);
        assert_eq!(at("2"), 20);
        assert_eq!(at("4"), 20);
    }
}
