//! Reading a table's cells by their labels.
//!
//! Every row is anchored on its label: the cells that follow a row label, up to
//! the next label (or the end of the row, where the layout marks rows), are that
//! row's cells. Labels wrapped over several cells are joined; group labels
//! (`（三）不予公开`) and header cells are recognised and passed over; text that is
//! no label but is followed by values is kept as an extra row.
//!
//! The grammar is written as nom combinators over the table's tokens
//! ([`Tokens`]), one for each case, each with its rule in its doc comment:
//!
//! ```text
//! table      = item*
//! item       = value_cell+ | labelled | unlabelled
//! labelled   = header | group_label | row
//! row        = label (next_row | values)                  (layouts that mark rows)
//!            | label ordinal? group_piece? (label_around | values)
//! unlabelled = merged_piece | wrapped_label | run_together | extra | text_cell
//! ```
//!
//! A text cell is named by the table's `classify` (through [`classify_at`]);
//! whether a row was read already, and the trailing hint of the header, are
//! read from what the items before found.

use crate::normalize::Norm;
use std::borrow::Cow;
use std::cell::RefCell;

use nom::bytes::complete::{take, take_while1};
use nom::combinator::{map, not, opt, peek, recognize, verify};
use nom::multi::{fold, many0_count};
use nom::sequence::{pair, terminated};
use nom::{Input, Parser, branch::alt};

use crate::grammar::inline::InlineList;
use crate::grammar::label::{Fit, compact_onto, compacted};
use crate::grammar::tokens::stream::{
    self, Parsed, Tokens, blank, row_end, row_start, text, value,
};
use crate::grammar::tokens::{Layout, Token};

/// What a text cell is, for one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class<K> {
    /// A data row's label.
    Row(K),
    /// A label that groups rows and carries no values (`（三）不予公开`, `第二十条第（一）项`).
    Group,
    /// A header cell; `last` when it heads a table's last column.
    Header { last: bool, vote: Vote },
}

/// Which edition a header cell speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Vote {
    #[default]
    Neither,
    E2019,
    E2021,
}

/// The header classes of a table whose header cells speak for neither
/// edition: its header cells' forms, and its last column's (总计) marked.
pub(crate) fn header_classes<K>(
    forms: &'static [&'static str],
    last: &'static [&'static str],
) -> Vec<(Class<K>, &'static [&'static str])> {
    let header = |last| Class::Header {
        last,
        vote: Vote::Neither,
    };
    vec![(header(false), forms), (header(true), last)]
}

/// A row found in the text.
#[derive(Debug, Clone)]
pub(crate) struct FoundRow<'t, K> {
    pub(crate) key: K,
    pub(crate) fit: Fit,
    pub(crate) label: Norm,
    /// The cells after the label: a piece of the table's tokens, copied only
    /// where a row's cells are not one run of them (a label wrapped around
    /// its values, pieces rejoined, fillers dropped).
    pub(crate) cells: Cow<'t, [Token]>,
    /// Empty cells the header shows after its last column, in layouts that mark rows.
    pub(crate) trailing: Option<usize>,
    /// The cells run together after the label (`行政许可3960181`), as a byte range.
    pub(crate) collapsed: Option<Norm>,
    /// The part of the table the row is in: parts are cut where a header follows rows
    /// (section 二 has one part per 第二十条 item). Indexes [`Scan::headers`].
    pub(crate) segment: usize,
}

/// Text after the first row that is no label, with the cells that follow it.
#[derive(Debug, Clone)]
pub(crate) struct FoundExtra<'t> {
    pub(crate) label: Norm,
    /// The cells after the label (see [`FoundRow::cells`]).
    pub(crate) cells: Cow<'t, [Token]>,
}

/// What a scan found.
#[derive(Debug, Clone)]
pub(crate) struct Scan<'t, K> {
    pub(crate) rows: Vec<FoundRow<'t, K>>,
    pub(crate) extras: Vec<FoundExtra<'t>>,
    /// The header cells' votes, each with the byte its cell starts at.
    pub(crate) votes: InlineList<(Vote, usize), VOTES_IN_PLACE>,
    /// The index of the last header cell, and the trailing hint of the last header row.
    pub(crate) last_header: Option<usize>,
    pub(crate) trailing: Option<usize>,
    /// For each part of the table, the text cells before its first row: its header.
    pub(crate) headers: Headers,
}

/// The headers of a table's parts, one after the other in one list: each
/// part's text cells before its first row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Headers {
    cells: Vec<Token>,
    /// Where each part's header ends in `cells`.
    ends: InlineList<usize, PARTS_IN_PLACE>,
}

/// How many header cells' votes a scan keeps in place: a template table's
/// header has fewer (section 二's four parts of four columns).
const VOTES_IN_PLACE: usize = 24;

/// How many parts' headers a scan keeps the ends of in place: a template
/// table has fewer.
const PARTS_IN_PLACE: usize = 8;

impl Headers {
    /// How many parts have a header (an empty one included).
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The header of part `part`.
    pub(crate) fn get(&self, part: usize) -> Option<&[Token]> {
        let end = self.ends.get(part)?;
        let start = part
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .unwrap_or(0);
        self.cells.get(start..end)
    }

    /// The header of the first part.
    pub(crate) fn first(&self) -> Option<&[Token]> {
        self.get(0)
    }

    /// The headers of the parts, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &[Token]> {
        (0..self.len()).filter_map(|p| self.get(p))
    }

    /// Adds the header of the next part.
    fn push(&mut self, header: impl IntoIterator<Item = Token>) {
        self.cells.extend(header);
        self.ends.push(self.cells.len());
    }
}

/// How many cells a wrapped label may span, in layouts that do not mark rows.
const MAX_JOIN: usize = 3;
/// The longest label (in bytes) read as labels and values run together.
const MAX_RUN_TOGETHER_LABEL: usize = 400;
/// The longest group label (in bytes) that may run into a row label.
const MAX_GROUP_LABEL: usize = 40;
/// Unlabelled text longer than this (in chars) is prose, not an extra row.
const MAX_EXTRA_LABEL: usize = 80;

/// Scans `tokens`; `classify(compact_text, started)` names a text cell, where
/// `started` tells whether a row was found already. `joined` is the buffer
/// the compact text of the labels probed is built in (see [`joined_buffer`]),
/// one for the tables of a report.
pub(crate) fn scan<'t, K: Copy + PartialEq>(
    doc: &'t str,
    tokens: &'t [Token],
    layout: Layout,
    classify: impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
    joined: &mut String,
) -> Scan<'t, K> {
    let grammar = Grammar {
        doc,
        layout,
        classify,
        unaligned: layout == Layout::Lines && is_plain_pdf_text(doc, tokens),
        joined: RefCell::new(joined),
        out: RefCell::new(Scan::empty(tokens)),
    };
    let mut out = grammar.table(Tokens::new(tokens));
    cut_segments(tokens, &mut out);
    out
}

/// The bytes of compact label text room is made for at once (a label of
/// the template is 100 bytes at most; text that is no label grows it).
const JOINED_ROOM: usize = 256;

/// A buffer for [`scan`]'s compact label text, with room for a label of
/// the template.
pub(crate) fn joined_buffer() -> String {
    String::with_capacity(JOINED_ROOM)
}

/// The most rows and header cells room is made for at once.
const ROOM: usize = 64;

impl<'t, K> Scan<'t, K> {
    /// A scan of `tokens` that found nothing yet, with room for as many rows
    /// and header cells as they can hold: each takes a text cell at least
    /// (up to [`ROOM`]; a longer table grows as it is read).
    fn empty(tokens: &[Token]) -> Scan<'t, K> {
        let texts = tokens.iter().filter(|t| t.is_text()).take(ROOM).count();
        Scan {
            rows: Vec::with_capacity(texts),
            extras: Vec::new(),
            votes: InlineList::default(),
            last_header: None,
            trailing: None,
            headers: Headers::default(),
        }
    }
}

/// The table grammar of one table: what its combinators need besides the
/// tokens they read, and what the items read so far (which tell the items
/// after them whether a row was read, and the trailing hint of the header).
struct Grammar<'t, 'j, K, F> {
    doc: &'t str,
    layout: Layout,
    /// Names a text cell: `classify(compact_text, started)`.
    classify: F,
    /// True for plain `pdftotext` text (see [`is_plain_pdf_text`]).
    unaligned: bool,
    /// The compact text of the label probed, one buffer for every probe.
    joined: RefCell<&'j mut String>,
    /// What the items read so far found.
    out: RefCell<Scan<'t, K>>,
}

/// What one item of the table grammar read.
enum Item<'t, K> {
    /// A header cell: its edition vote, the byte it starts at, the index of
    /// its last token, and (after the last column's header, in layouts that
    /// mark rows) the trailing hint of its row.
    Header {
        vote: Vote,
        at: usize,
        last_token: usize,
        trailing: Option<Option<usize>>,
    },
    Row(FoundRow<'t, K>),
    Extra(FoundExtra<'t>),
    /// Cells passed over: values outside a row, a group label, text that is
    /// no label and no extra row.
    Skipped,
}

/// A parser's refusal.
fn fail<'t, O>() -> Parsed<'t, O> {
    Err(nom::Err::Error(()))
}

/// The range from the first byte of the first token to the end of the last one.
fn span(tokens: Tokens<'_>) -> Norm {
    Norm::new(
        tokens.first().map_or(0, |t| t.start),
        tokens.last().map_or(0, |t| t.end),
    )
}

/// True when a cell of `cells` holds a figure (or anything but a blank).
fn has_value(cells: &Tokens<'_>) -> bool {
    cells.iter().any(|t| !t.is_blank())
}

impl<'t, K, F> Grammar<'t, '_, K, F>
where
    K: Copy + PartialEq,
    F: Fn(&str, bool) -> Option<(Class<K>, Fit)>,
{
    /// The table: its items one after the other, recorded in a [`Scan`].
    ///
    /// ```text
    /// table = item*
    /// ```
    fn table(self, tokens: Tokens<'t>) -> Scan<'t, K> {
        // every item reads a cell at least, and the last alternative of
        // `item` any cell: the fold reads every token and never fails
        let _ = fold(0.., |i| self.item(i), || (), |(), item| self.record(item)).parse(tokens);
        self.out.into_inner()
    }

    /// Whether a row was read already.
    fn started(&self) -> bool {
        !self.out.borrow().rows.is_empty()
    }

    /// The trailing hint of the last header row read (see [`trailing_blanks`]).
    fn trailing(&self) -> Option<usize> {
        self.out.borrow().trailing
    }

    /// Records what an item read.
    fn record(&self, item: Item<'t, K>) {
        let out = &mut *self.out.borrow_mut();
        match item {
            Item::Header {
                vote,
                at,
                last_token,
                trailing,
            } => {
                out.votes.push((vote, at));
                out.last_header = Some(last_token);
                if let Some(trailing) = trailing {
                    out.trailing = trailing;
                }
            }
            Item::Row(row) => out.rows.push(row),
            Item::Extra(extra) => out.extras.push(extra),
            Item::Skipped => {}
        }
    }

    /// One item of the table.
    ///
    /// ```text
    /// item = value_cell+        (outside a row: passed over)
    ///      | labelled
    ///      | unlabelled
    /// ```
    fn item(&self, i: Tokens<'t>) -> Parsed<'t, Item<'t, K>> {
        alt((
            map(take_while1(|t: &Token| !t.is_text()), |_| Item::Skipped),
            |i| self.labelled(i),
            |i| self.unlabelled(i),
        ))
        .parse(i)
    }

    /// A text cell the table names, with the cells it is wrapped over (see
    /// [`classify_at`]): its class, its fit and its tokens.
    ///
    /// ```text
    /// label = box_cell                        (box tables: the pieces of one box)
    ///       | text_cell                       (layouts that mark rows)
    ///       | text_cell text_cell{0,2}        (the pieces that name it best)
    /// ```
    fn label(&self, i: Tokens<'t>) -> Parsed<'t, (Class<K>, Fit, Tokens<'t>)> {
        text(i)?;
        let classified = classify_at(
            self.doc,
            i.as_slice(),
            0,
            self.layout,
            &self.classify,
            self.started(),
            &mut self.joined.borrow_mut(),
        );
        let Some((class, fit, used)) = classified else {
            return fail();
        };
        let (rest, label) = i.take_split(used);
        Ok((rest, (class, fit, label)))
    }

    /// A label and what follows it, by the label's class.
    ///
    /// ```text
    /// labelled    = header
    ///             | group_label     (passed over)
    ///             | row
    /// group_label = label (a group's: `（三）不予公开`, `第二十条第（一）项`)
    /// ```
    fn labelled(&self, i: Tokens<'t>) -> Parsed<'t, Item<'t, K>> {
        let (rest, (class, fit, label)) = self.label(i)?;
        match class {
            Class::Header { last, vote } => Ok((rest, self.header(rest, label, last, vote))),
            Class::Group => Ok((rest, Item::Skipped)),
            Class::Row(key) => self.row(rest, label, key, fit),
        }
    }

    /// A header cell; after the last column's header, in layouts that mark
    /// rows (a box table draws every cell of a row: no hint needed), the
    /// number of blanks that end its row, read ahead.
    ///
    /// ```text
    /// header = label (a header's) &trailing?
    /// ```
    fn header(&self, rest: Tokens<'t>, label: Tokens<'t>, last: bool, vote: Vote) -> Item<'t, K> {
        let hint = last && self.layout.marks_rows() && self.layout != Layout::Boxed;
        Item::Header {
            vote,
            at: span(label).start,
            last_token: label.index() + label.len().saturating_sub(1),
            trailing: hint.then(|| trailing_blanks(rest)),
        }
    }

    /// A row label and the cells that are its row's.
    ///
    /// ```text
    /// row = label (a row's) (next_row | values)          (layouts that mark rows)
    ///     | label (a row's) ordinal? group_piece? (label_around | values)
    /// values = cells_end   (in plain pdftotext, the ones on the label's line
    ///                       unless they end the table)
    /// ```
    fn row(&self, i: Tokens<'t>, label: Tokens<'t>, key: K, fit: Fit) -> Parsed<'t, Item<'t, K>> {
        let found = |fit, cells| {
            Item::Row(FoundRow {
                key,
                fit,
                label: span(label),
                cells,
                trailing: self.trailing(),
                collapsed: None,
                segment: 0,
            })
        };
        if self.layout.marks_rows() {
            let (rest, cells) =
                alt((|i| self.next_row(i), stream::cells_end(self.layout))).parse(i)?;
            return Ok((rest, found(fit, Cow::Borrowed(cells.as_slice()))));
        }
        let (i, _) = opt(|i| self.ordinal(i)).parse(i)?;
        let (i, piece) = if self.unaligned {
            (i, None)
        } else {
            opt(|i| self.group_piece(i)).parse(i)?
        };
        let (rest, values) = match piece {
            Some(values) => (i, values),
            None => stream::cells_end(self.layout)(i)?,
        };
        if let Ok((rest, (fit, cells))) = self.label_around(rest, label, values, key, fit) {
            return Ok((rest, found(fit, cells)));
        }
        let cells = match label.last() {
            Some(last) if self.unaligned && !rest.is_empty() => {
                Cow::Borrowed(same_line_cells(last, values.as_slice()))
            }
            _ => Cow::Borrowed(values.as_slice()),
        };
        Ok((rest, found(fit, cells)))
    }

    /// A label alone in its row, its values alone in the next one.
    ///
    /// ```text
    /// next_row = row_start cells_end &row_end      (a cell of it no blank)
    /// ```
    fn next_row(&self, i: Tokens<'t>) -> Parsed<'t, Tokens<'t>> {
        verify(
            terminated(
                recognize(pair(row_start, stream::cells_end(self.layout))),
                row_end,
            ),
            has_value,
        )
        .parse(i)
    }

    /// In PDF text, a label's item number on its values' line, its words
    /// above them (`属于国家秘密` / `1.  4  1  0 …`).
    ///
    /// ```text
    /// ordinal = text_cell (a bare_ordinal) &value_cell
    /// ```
    fn ordinal(&self, i: Tokens<'t>) -> Parsed<'t, &'t Token> {
        terminated(
            verify(text, |t: &Token| is_bare_ordinal(t.text(self.doc))),
            peek(value),
        )
        .parse(i)
    }

    /// In PDF text, a label alone on its line, its values on the next one
    /// after a piece of the merged group label
    /// (`（四）无 2.没有现成信息需要另行制作` / `法提供  12  4 …`). Gives the values.
    ///
    /// ```text
    /// group_piece = text_cell (see is_group_piece) cells_end (one cell at
    ///               least, all of them on the piece's line)
    /// ```
    fn group_piece(&self, i: Tokens<'t>) -> Parsed<'t, Tokens<'t>> {
        let (rest, piece) = verify(text, |t: &Token| {
            is_group_piece(self.doc, t, &self.classify, &mut self.joined.borrow_mut())
        })
        .parse(i)?;
        verify(stream::cells_end(self.layout), |v: &Tokens<'_>| {
            !v.is_empty() && same_line_cells(piece, v.as_slice()).len() == v.len()
        })
        .parse(rest)
    }

    /// In PDF text, a label wrapped around its values: `一、本年新收…申` 0 0 …
    /// `请数量`, and the rest of the values on the continuation's line
    /// (`…不计 22` / `其他情形）  8  2  1  6  39`). Gives the better fit and
    /// the row's cells.
    ///
    /// ```text
    /// label_around = text_cell (label + it: the same row, a better fit) more?
    /// more         = cells_end (one cell at least, all of them on the
    ///                continuation's line; not in plain pdftotext)
    /// ```
    fn label_around(
        &self,
        i: Tokens<'t>,
        label: Tokens<'t>,
        values: Tokens<'t>,
        key: K,
        fit: Fit,
    ) -> Parsed<'t, (Fit, Cow<'t, [Token]>)> {
        if values.is_empty() {
            return fail();
        }
        let (rest, tail) = text(i)?;
        let classified = {
            let joined = &mut *self.joined.borrow_mut();
            joined.clear();
            for t in label.iter().chain([tail]) {
                compact_onto(joined, t.text(self.doc));
            }
            (self.classify)(joined, true)
        };
        let better = match classified {
            Some((Class::Row(k), f)) if k == key && f < fit => f,
            _ => return fail(),
        };
        let cells = values.as_slice();
        if self.unaligned {
            return Ok((rest, (better, Cow::Borrowed(cells))));
        }
        let (rest, more) = opt(verify(stream::cells_end(self.layout), |m: &Tokens<'_>| {
            !m.is_empty() && same_line_cells(tail, m.as_slice()).len() == m.len()
        }))
        .parse(rest)?;
        let cells = match more {
            // the values, the label's tail between them and the rest
            Some(more) => Cow::Owned([cells, more.as_slice()].concat()),
            None => Cow::Borrowed(cells),
        };
        Ok((rest, (better, cells)))
    }

    /// Text the table does not name.
    ///
    /// ```text
    /// unlabelled = merged_piece | wrapped_label | run_together
    ///            | extra
    ///            | text_cell        (passed over)
    /// ```
    fn unlabelled(&self, i: Tokens<'t>) -> Parsed<'t, Item<'t, K>> {
        alt((
            |i| self.merged_piece(i),
            |i| self.wrapped_label(i),
            |i| self.run_together(i),
            |i| self.extra(i),
            map(text, |_| Item::Skipped),
        ))
        .parse(i)
    }

    /// In a box table, a piece of a merged cell beside the row's label
    /// (`理结果` of 三、本年度办理结果), or of a wrapped label not read: passed
    /// over, one piece at a time.
    ///
    /// ```text
    /// merged_piece = text_cell &text_cell (not a row_start)     (box tables)
    /// ```
    fn merged_piece(&self, i: Tokens<'t>) -> Parsed<'t, Item<'t, K>> {
        if self.layout != Layout::Boxed {
            return fail();
        }
        let next = verify(text, |t: &Token| !t.row_start);
        map(terminated(text, peek(next)), |_| Item::Skipped).parse(i)
    }

    /// In PDF text, a row label wrapped over several lines, its values on the
    /// first (see [`rebuilt_label`]).
    ///
    /// ```text
    /// wrapped_label = text_cell cells_end (a cell of it no blank) fragment{0,32}
    /// fragment      = text_cell !value_cell
    /// ```
    fn wrapped_label(&self, i: Tokens<'t>) -> Parsed<'t, Item<'t, K>> {
        if self.layout.marks_rows() {
            return fail();
        }
        let (after_text, first) = text(i)?;
        let (after, values) =
            verify(stream::cells_end(self.layout), has_value).parse(after_text)?;
        let fragment = terminated(text, not(value));
        let (_, fragments) =
            peek(fold(0..=MAX_FRAGMENTS, fragment, || 0, |n, _| n + 1)).parse(after)?;
        let rebuilt = rebuilt_label(
            self.doc,
            first,
            &after.as_slice()[..fragments],
            (&self.classify, self.started()),
            &mut self.joined.borrow_mut(),
        );
        let Some((start, key, taken)) = rebuilt else {
            return fail();
        };
        let (rest, _) = take(taken).parse(after)?;
        let row = FoundRow {
            key,
            fit: Fit::Exact,
            label: Norm::new(start, first.end),
            cells: Cow::Borrowed(values.as_slice()),
            trailing: self.trailing(),
            collapsed: None,
            segment: 0,
        };
        Ok((rest, Item::Row(row)))
    }

    /// A row label run together with what surrounds it (see
    /// [`run_together`]): the group label of a merged cell before it, its
    /// cells after it; or its values after it in the same cell, with no
    /// cell after it holding a value.
    ///
    /// ```text
    /// run_together = text_cell (group_label label) cells_end
    ///              | text_cell (label values_run) cells_end (blanks only)
    /// ```
    fn run_together(&self, i: Tokens<'t>) -> Parsed<'t, Item<'t, K>> {
        let (after, t) = text(i)?;
        let (rest, values) = stream::cells_end(self.layout)(after)?;
        let whole = t.text(self.doc);
        let started = self.started();
        let found = run_together(
            whole,
            &self.classify,
            started,
            &mut self.joined.borrow_mut(),
        );
        let Some((split, key, fit)) = found else {
            return fail();
        };
        let row = if split == whole.len() {
            FoundRow {
                key,
                fit,
                label: t.range(),
                cells: Cow::Borrowed(values.as_slice()),
                trailing: self.trailing(),
                collapsed: None,
                segment: 0,
            }
        } else if !has_value(&values) {
            FoundRow {
                key,
                fit,
                label: Norm::new(t.start, t.start + split),
                cells: Cow::Borrowed(&[]),
                trailing: None,
                collapsed: Some(Norm::new(t.start + split, t.end)),
                segment: 0,
            }
        } else {
            return fail();
        };
        Ok((rest, Item::Row(row)))
    }

    /// Text after the first row that is no label, with the cells after it:
    /// kept as an extra row when a value follows it, or when it is short and
    /// no sentence.
    ///
    /// ```text
    /// extra = text_cell cells_end        (after the first row)
    /// ```
    fn extra(&self, i: Tokens<'t>) -> Parsed<'t, Item<'t, K>> {
        if !self.started() {
            return fail();
        }
        let (after, t) = text(i)?;
        let (rest, values) = stream::cells_end(self.layout)(after)?;
        let text = t.text(self.doc);
        let labelish = text.chars().count() <= MAX_EXTRA_LABEL && !text.contains('。');
        if !has_value(&values) && !labelish {
            return fail();
        }
        let extra = FoundExtra {
            label: t.range(),
            cells: Cow::Borrowed(values.as_slice()),
        };
        Ok((rest, Item::Extra(extra)))
    }
}

/// Cuts the table into parts where a header follows rows, numbers each row's
/// part, and keeps each part's header: the text cells between the previous
/// part's last row and the part's first row.
fn cut_segments<K>(tokens: &[Token], out: &mut Scan<'_, K>) {
    let mut votes = out.votes.iter().map(|&(_, at)| at).peekable();
    let mut segment = 0;
    let mut zone_start = 0; // byte where the current part's header may start
    let mut last_row_end = 0;
    // room for the headers of a table of a few parts at once
    let mut headers = Headers {
        cells: Vec::with_capacity(ROOM),
        ends: InlineList::default(),
    };
    let header = |(from, to): (usize, usize)| {
        let first = tokens.partition_point(|t| t.start < from);
        let last = tokens.partition_point(|t| t.start < to);
        tokens[first..last.max(first)]
            .iter()
            .filter(|t| t.is_text())
            .cloned()
    };
    for (n, row) in out.rows.iter_mut().enumerate() {
        let mut header_between = false;
        while votes.next_if(|&at| at < row.label.start).is_some() {
            header_between |= n > 0;
        }
        if header_between {
            segment += 1;
            zone_start = last_row_end;
        }
        if headers.len() == segment {
            headers.push(header((zone_start, row.label.start)));
        }
        row.segment = segment;
        last_row_end = row
            .cells
            .last()
            .map_or(row.label.end, |t| t.end)
            .max(row.label.end)
            .max(last_row_end);
    }
    out.headers = headers;
}

/// True for the characters of values run together: digits, signs, `/`, `.`, units.
fn in_run(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '-' | '/' | '.' | '万' | '元')
}

/// A row label run together with what surrounds it, as crawlers that strip all
/// white space leave it: its values after it (`行政许可3960181`), and the group
/// label of a merged cell before it (`(三)不予公开1.属于国家秘密`). Returns where
/// the values start (the text's length when there are none).
fn run_together<K: Copy>(
    text: &str,
    classify: &impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
    started: bool,
    label: &mut String,
) -> Option<(usize, K, Fit)> {
    let split = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_run(c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    let run = &text[split..];
    if split == 0 || split > MAX_RUN_TOGETHER_LABEL {
        return None;
    }
    if !run.is_empty() && !run.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    label.clear();
    compact_onto(label, &text[..split]);
    let label = &*label;
    if !run.is_empty()
        && let Some((Class::Row(key), fit)) = classify(label, started)
    {
        return Some((split, key, fit));
    }
    for (q, _) in label
        .char_indices()
        .skip(1)
        .take_while(|&(q, _)| q <= MAX_GROUP_LABEL)
    {
        // the merged cell before: a group label, or (六)其他处理 over its sub-rows
        if classify(&label[..q], started).is_none() {
            continue;
        }
        if let Some((Class::Row(key), fit)) = classify(&label[q..], started) {
            return Some((split, key, fit));
        }
    }
    None
}

/// How many label pieces a wrapped label may leave after its values.
const MAX_FRAGMENTS: usize = 32;
/// How many pieces of a merged group label may come first among them.
const MAX_GROUP_PIECES: usize = 2;
/// The longest piece of a group label, in characters, taken for one.
const MAX_GROUP_PIECE_CHARS: usize = 4;

/// A row label wrapped over several lines of PDF text, its values on the first:
///
/// ```text
/// （三）不予公 1.属于国家      4   4   1 …
/// 开        秘密
/// ```
///
/// The label is rebuilt from the end of the first line's text (`token`) and
/// the pieces that follow the values (`fragments`, read compact; after up to
/// [`MAX_GROUP_PIECES`] pieces of the merged group label on the left), and
/// taken only when it is a row label written exactly. Returns where the label
/// starts, the row, and how many of the pieces are read with it. The labels
/// tried are built in `joined`.
fn rebuilt_label<K: Copy>(
    doc: &str,
    token: &Token,
    fragments: &[Token],
    (classify, started): (&impl Fn(&str, bool) -> Option<(Class<K>, Fit)>, bool),
    joined: &mut String,
) -> Option<(usize, K, usize)> {
    let text = token.text(doc);
    // where the words of the first line start (the first three)
    let starts = text
        .char_indices()
        .filter(|&(j, c)| {
            !c.is_whitespace() && (j == 0 || text[..j].ends_with(char::is_whitespace))
        })
        .map(|(j, _)| j)
        .take(3)
        .fold(([0; 3], 0), |(mut at, n), j| {
            at[n] = j;
            (at, n + 1)
        });
    for &start in starts.0[..starts.1].iter().rev() {
        let base = compacted(&text[start..]);
        if is_bare_ordinal(&base) {
            // the ordinal of the label above, never the start of the one below
            continue;
        }
        // the pieces under the label's column, without the group label's
        // pieces beside them (`不予公 于国` under `（三） 1.属`)
        if let Some(column) = token.at.map(|p| p.start + column_of(text, start)) {
            joined.clear();
            joined.push_str(&base);
            for (taken, piece) in fragments.iter().enumerate() {
                words_from_column_onto(joined, doc, piece, column);
                if let Some((Class::Row(key), Fit::Exact)) = classify(joined, started) {
                    return Some((token.start + start, key, taken + 1));
                }
            }
        }
        for skip in 0..=MAX_GROUP_PIECES.min(fragments.len()) {
            joined.clear();
            joined.push_str(&base);
            for (taken, piece) in fragments[skip..].iter().enumerate() {
                compact_onto(joined, piece.text(doc));
                if let Some((Class::Row(key), Fit::Exact)) = classify(joined, started) {
                    return Some((token.start + start, key, skip + taken + 1));
                }
            }
        }
        if let Some((Class::Row(key), Fit::Exact)) = classify(&base, started) {
            // the short pieces after it belong to the merged group label (`理结果`)
            let group_pieces = fragments
                .iter()
                .take(MAX_GROUP_PIECES)
                .take_while(|f| compacted(f.text(doc)).chars().count() <= MAX_GROUP_PIECE_CHARS)
                .count();
            return Some((token.start + start, key, group_pieces));
        }
    }
    None
}

/// The cells of a row of plain `pdftotext` text that are on its label's line.
/// Plain output follows the PDF's text runs, not the table's rows: a row's
/// values may stand beside its label, one a line below it, or among column
/// blocks further on, in another order than the columns (`12`, `1`, `1`, `1`,
/// `1`, `2`, `18` for `12 2 1 1 1 1 18`; `行政规范性文件 14` / `63` / `88` with a
/// blank between that left no trace). Only the values beside the label are
/// known to be the row's, and in order; or, for the table's last row, the
/// values that end the table.
fn same_line_cells<'t>(label: &Token, cells: &'t [Token]) -> &'t [Token] {
    let line_of = |t: &Token| t.at.map(|p| (p.page, p.line));
    let Some(line) = line_of(label) else {
        return cells;
    };
    let on_line = cells
        .iter()
        .take_while(|t| line_of(t) == Some(line))
        .count();
    &cells[..on_line]
}

/// True for the text of plain `pdftotext` (no `-layout`): a form feed
/// between pages (where pdftotext writes it, at the start of a page's first
/// line; one inside a line of prose is no page break), and cells on one line
/// separated by single spaces, not aligned in columns by runs of spaces.
fn is_plain_pdf_text(doc: &str, tokens: &[Token]) -> bool {
    let page_break = doc.starts_with('\u{c}') || doc.contains("\n\u{c}");
    if !page_break {
        return false;
    }
    let (mut pairs, mut wide) = (0usize, 0usize);
    for w in tokens.windows(2) {
        if let (Some(a), Some(b)) = (w[0].at, w[1].at)
            && a.line == b.line
            && a.page == b.page
        {
            pairs += 1;
            if b.start >= a.end.saturating_add(2) {
                wide += 1;
            }
        }
    }
    wide * 4 < pairs || pairs == 0
}

/// An item number standing alone: `1.`, `3、`, `(2)`.
///
/// ```text
/// bare_ordinal = digit+ ("." | "、") | "(" digit+ ")"
/// ```
fn is_bare_ordinal(text: &str) -> bool {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    t.strip_suffix('.')
        .or_else(|| t.strip_suffix('、'))
        .is_some_and(digits)
        || t.strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(digits)
}

/// True for a short piece of a merged group label in PDF text (`法提供`,
/// `理结果`): at most [`MAX_GROUP_PIECE_CHARS`] characters, no label itself,
/// and not opening with a row's ordinal (`4.保护`, the start of a row label
/// wrapped around its values).
fn is_group_piece<K>(
    doc: &str,
    token: &Token,
    classify: &impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
    text: &mut String,
) -> bool {
    if !token.is_text() || token.at.is_none() {
        return false;
    }
    text.clear();
    compact_onto(text, token.text(doc));
    let ordinal = text
        .split_once(['.', '、'])
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    !ordinal && text.chars().count() <= MAX_GROUP_PIECE_CHARS && classify(text, true).is_none()
}

/// The column of byte `at` of a token's text, counted from the token's start
/// (one a character, as [`crate::grammar::tokens`] counts PDF text).
fn column_of(text: &str, at: usize) -> u32 {
    u32::try_from(text[..at].chars().count()).unwrap_or(u32::MAX)
}

/// Appends the words of a token of PDF text that start at or right of
/// `column` (one column of slack, as `pdftotext -layout` shifts a wrapped
/// line by one), compact, to `out`.
fn words_from_column_onto(out: &mut String, doc: &str, token: &Token, column: u32) {
    let text = token.text(doc);
    let Some(at) = token.at else {
        return compact_onto(out, text);
    };
    let start = out.len();
    for (j, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let word_start = text[..j].rfind(char::is_whitespace).map_or(0, |w| {
            w + text[w..].chars().next().map_or(1, char::len_utf8)
        });
        if at.start + column_of(text, word_start) + 1 >= column {
            out.push(c);
        }
    }
    let kept = out[start..].trim_end_matches(':').len();
    out.truncate(start + kept);
}

/// The end of the cells that follow a label: the next text cell, or the next
/// row. The index of the end of [`stream::cells_end`] read from `from`.
pub(crate) fn cells_end(tokens: &[Token], from: usize, layout: Layout) -> usize {
    let mut j = from;
    while j < tokens.len() && !tokens[j].is_text() && !(layout.marks_rows() && tokens[j].row_start)
    {
        j += 1;
    }
    j
}

/// Counts the empty cells that end the row after a header, when nothing else
/// follows in it.
///
/// ```text
/// trailing = blank_cell* row_end          (none of the blanks a row_start)
/// ```
fn trailing_blanks(i: Tokens<'_>) -> Option<usize> {
    let blank_in_row = verify(blank, |t: &Token| !t.row_start);
    terminated(many0_count(blank_in_row), row_end)
        .parse(i)
        .ok()
        .map(|(_, n)| n)
}

/// How many tokens from `i` on are the pieces of one cell of a box table:
/// text at the same column, on the lines that follow each other.
///
/// ```text
/// cell = piece (piece at the same column, next line)*
/// ```
fn same_cell(tokens: &[Token], i: usize) -> usize {
    let mut n = 1;
    while let (Some(prev), Some(next)) = (
        tokens[i + n - 1].at,
        tokens
            .get(i + n)
            .filter(|t| t.is_text() && !t.row_start)
            .and_then(|t| t.at),
    ) {
        if next.start != prev.start || next.line != prev.line + 1 {
            break;
        }
        n += 1;
    }
    n
}

fn classify_at<K: Copy + PartialEq>(
    doc: &str,
    tokens: &[Token],
    i: usize,
    layout: Layout,
    classify: &impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
    started: bool,
    joined: &mut String,
) -> Option<(Class<K>, Fit, usize)> {
    joined.clear();
    compact_onto(joined, tokens[i].text(doc));
    if layout == Layout::Boxed {
        let pieces = same_cell(tokens, i);
        for t in &tokens[i + 1..i + pieces] {
            compact_onto(joined, t.text(doc));
        }
        let joined = crate::grammar::tokens::unspanned(joined);
        return classify(&joined, started).map(|(c, f)| (c, f, pieces));
    }
    let mut best = classify(joined, started).map(|(c, f)| (c, f, 1));
    if layout.marks_rows() {
        return best;
    }
    for k in 1..MAX_JOIN {
        let Some(t) = tokens.get(i + k).filter(|t| t.is_text()) else {
            break;
        };
        compact_onto(joined, t.text(doc));
        let Some((c, f)) = classify(joined, started) else {
            continue;
        };
        best = match best {
            // an exact row label goes on only into the same row's longer
            // exact form (`（二）部分公开` / `（区分处理的，只计这一情形，不` /
            // `计其他情形）`, the 2021 label wrapped over three lines); a
            // piece that would only annotate it (the next row's `(二)`) is
            // not taken
            Some((bc @ Class::Row(_), Fit::Exact, _)) if c == bc && f == Fit::Exact => {
                Some((c, f, k + 1))
            }
            Some((_, Fit::Exact, _)) => best,
            Some((_, bf, _)) if f >= bf => best,
            _ => Some((c, f, k + 1)),
        };
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::tokens::tokenize;

    const ROWS: [&str; 4] = [
        "规章",
        "行政许可",
        "一、本年新收政府信息公开申请数量",
        "属于国家秘密",
    ];

    /// A table's classes: three header cells, a group label, and [`ROWS`]
    /// (after an item number in digits), exact or cut short.
    fn classify(compact: &str, _started: bool) -> Option<(Class<usize>, Fit)> {
        let header = |last| {
            let vote = Vote::Neither;
            Some((Class::Header { last, vote }, Fit::Exact))
        };
        match compact {
            "信息内容" | "本年制发件数" => return header(false),
            "总计" => return header(true),
            "（三）不予公开" => return Some((Class::Group, Fit::Exact)),
            _ => {}
        }
        let core = compact.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        if let Some(k) = ROWS.iter().position(|r| *r == core) {
            return Some((Class::Row(k), Fit::Exact));
        }
        let cut = core.chars().count() >= 4;
        let k = ROWS.iter().position(|r| cut && r.starts_with(core))?;
        Some((Class::Row(k), Fit::Truncated))
    }

    fn read(doc: &'static str, layout: Layout) -> Scan<'static, usize> {
        // the scan borrows its tokens: a test's few are kept to the end
        let tokens = Vec::leak(tokenize(doc, 0, doc.len(), layout));
        scan(doc, tokens, layout, classify, &mut joined_buffer())
    }

    /// Each row as its key, its label's text and its cells' texts.
    fn rows<'d>(doc: &'d str, found: &Scan<usize>) -> Vec<(usize, &'d str, Vec<&'d str>)> {
        let text = |cells: &[Token]| cells.iter().map(|t| t.text(doc)).collect();
        found
            .rows
            .iter()
            .map(|r| (r.key, &doc[r.label.range()], text(&r.cells)))
            .collect()
    }

    #[test]
    fn header_cells_rows_and_extra_rows() {
        let doc = "信息内容\t本年制发件数\t总计\t\n规章\t3\t4\t\n其他\t1\t\t\n行政许可\t5\t6\t\n";
        let found = read(doc, Layout::TabRows);
        assert_eq!(found.votes.len(), 3);
        assert_eq!(found.last_header, Some(2));
        assert_eq!(found.trailing, Some(1), "the blank after 总计");
        assert_eq!(
            rows(doc, &found),
            [
                (0, "规章", vec!["3", "4", ""]),
                (1, "行政许可", vec!["5", "6", ""])
            ]
        );
        assert!(found.rows.iter().all(|r| r.trailing == Some(1)));
        assert_eq!(found.extras.len(), 1);
        assert_eq!(&doc[found.extras[0].label.range()], "其他");
        assert_eq!(found.extras[0].cells.len(), 3);
        assert_eq!(found.headers.len(), 1);
        assert_eq!(found.headers.first().map_or(0, <[Token]>::len), 3);
    }

    #[test]
    fn text_before_the_first_row_and_prose_are_no_extra_rows() {
        let doc = "其他\t1\n规章\t3\n这是一段说明。\n";
        let found = read(doc, Layout::TabRows);
        assert_eq!(rows(doc, &found), [(0, "规章", vec!["3"])]);
        assert!(found.extras.is_empty());
    }

    #[test]
    fn a_label_alone_in_its_row_takes_the_values_of_the_next() {
        let doc = "规章\n3\t4\n行政许可\t5\n";
        let found = read(doc, Layout::TabRows);
        assert_eq!(
            rows(doc, &found),
            [(0, "规章", vec!["3", "4"]), (1, "行政许可", vec!["5"])]
        );
        // not when the next row holds text besides values
        let doc = "规章\n3\t4\t其他\n";
        assert_eq!(
            rows(doc, &read(doc, Layout::TabRows)),
            [(0, "规章", vec![])]
        );
    }

    /// A table with one row whose label has a short and a long form, both
    /// exact (`（二）部分公开` and the 2021 label with its annotation), its cut
    /// pieces truncations, and a second row.
    fn classify_long(compact: &str, _started: bool) -> Option<(Class<usize>, Fit)> {
        const LONG: &str = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）";
        match compact {
            "（二）部分公开" => Some((Class::Row(0), Fit::Exact)),
            c if c == LONG => Some((Class::Row(0), Fit::Exact)),
            c if LONG.starts_with(c) => Some((Class::Row(0), Fit::Truncated)),
            "（三）不予公开" => Some((Class::Group, Fit::Exact)),
            "1.属于国家秘密" => Some((Class::Row(1), Fit::Exact)),
            _ => None,
        }
    }

    #[test]
    fn an_exact_label_wrapped_into_its_longer_form_is_one_label() {
        let doc = "（二）部分公开\n（区分处理的，只计这一情形，不\n计其他情形）\n22\n8\n（三）不予公开\n1.属于国家秘密\n4\n";
        let tokens = Vec::leak(tokenize(doc, 0, doc.len(), Layout::Lines));
        let found = scan(
            doc,
            tokens,
            Layout::Lines,
            classify_long,
            &mut joined_buffer(),
        );
        let found_rows = rows(doc, &found);
        assert_eq!(found_rows.len(), 2);
        assert_eq!(found_rows[0].0, 0);
        assert_eq!(found_rows[0].2, vec!["22", "8"]);
        assert!(doc[found.rows[0].label.range()].ends_with("计其他情形）"));
        assert!(
            found.extras.is_empty(),
            "no piece of the label is an extra row"
        );
        // an exact label does not take the next row's label, nor a group's
        assert_eq!(found_rows[1], (1, "1.属于国家秘密", vec!["4"]));
        let doc = "（二）部分公开\n3\n（三）不予公开\n1.属于国家秘密\n4\n";
        let tokens = Vec::leak(tokenize(doc, 0, doc.len(), Layout::Lines));
        let found = scan(
            doc,
            tokens,
            Layout::Lines,
            classify_long,
            &mut joined_buffer(),
        );
        assert_eq!(
            rows(doc, &found),
            [
                (0, "（二）部分公开", vec!["3"]),
                (1, "1.属于国家秘密", vec!["4"])
            ]
        );
    }

    #[test]
    fn a_group_label_is_passed_over() {
        let doc = "（三）不予公开\n1.属于国家秘密\n4\n";
        let found = read(doc, Layout::Lines);
        assert_eq!(rows(doc, &found), [(3, "1.属于国家秘密", vec!["4"])]);
        assert!(found.votes.is_empty());
    }

    #[test]
    fn an_item_number_on_the_values_line() {
        let doc = "属于国家秘密\n1.  4  1  0\n";
        let found = read(doc, Layout::Lines);
        assert_eq!(
            rows(doc, &found),
            [(3, "属于国家秘密", vec!["4", "1", "0"])]
        );
    }

    #[test]
    fn a_piece_of_the_group_label_before_the_values() {
        let doc = "规章\n法提  12  4\n";
        let found = read(doc, Layout::Lines);
        assert_eq!(rows(doc, &found), [(0, "规章", vec!["12", "4"])]);
        assert!(found.extras.is_empty());
    }

    #[test]
    fn a_label_wrapped_around_its_values() {
        let doc = "一、本年新收\n0  0  0\n政府信息公开申请数量  7\n";
        let found = read(doc, Layout::Lines);
        assert_eq!(
            rows(doc, &found),
            [(2, "一、本年新收", vec!["0", "0", "0", "7"])]
        );
        assert_eq!(found.rows[0].fit, Fit::Exact);
        // the cut label alone, where nothing completes it
        let doc = "一、本年新收\n0  0  0\n";
        let found = read(doc, Layout::Lines);
        assert_eq!(found.rows[0].fit, Fit::Truncated);
    }

    #[test]
    fn a_label_wrapped_over_lines_its_values_on_the_first() {
        let doc = "（三）不予公 1.属于国家      4   4   1\n开             秘密\n规章  2\n";
        let found = read(doc, Layout::Lines);
        assert_eq!(
            rows(doc, &found),
            [
                (3, "1.属于国家", vec!["4", "4", "1"]),
                (0, "规章", vec!["2"])
            ]
        );
        assert!(
            found.extras.is_empty(),
            "开 and 秘密 are read with the label"
        );
    }

    #[test]
    fn labels_run_together_with_values_or_a_group_label() {
        let doc = "行政许可3960181\n（三）不予公开1.属于国家秘密\n4\n";
        let found = read(doc, Layout::Lines);
        assert_eq!(
            rows(doc, &found),
            [
                (1, "行政许可", vec![]),
                (3, "（三）不予公开1.属于国家秘密", vec!["4"])
            ]
        );
        let collapsed = found.rows[0].collapsed.map(|c| &doc[c.range()]);
        assert_eq!(collapsed, Some("3960181"));
        assert_eq!(found.rows[1].collapsed, None);
    }

    #[test]
    fn parts_of_a_table_are_cut_where_a_header_follows_rows() {
        let doc = "信息内容\t总计\n规章\t1\n信息内容\t总计\n行政许可\t2\n";
        let found = read(doc, Layout::TabRows);
        let segments: Vec<usize> = found.rows.iter().map(|r| r.segment).collect();
        assert_eq!(segments, [0, 1]);
        assert_eq!(found.headers.len(), 2);
    }

    #[test]
    fn bare_ordinals() {
        for t in ["1.", "3、", "(2)", " 12. "] {
            assert!(is_bare_ordinal(t), "{t}");
        }
        for t in ["1.属于", "3", "(二)", "0.5", "."] {
            assert!(!is_bare_ordinal(t), "{t}");
        }
    }

    #[test]
    fn a_row_label_opening_with_its_ordinal_is_no_group_piece() {
        // the values' line of `3.危及“三安全一稳定”` lost: the tail of that
        // label does not take the values of `4.保护` (wrapped around its values)
        use crate::grammar::table::test_support::{get, read};
        let text = include_str!(
            "../../../tests/fixtures/tools/libreoffice-pdftotext-layout/docx_w2019_indented.txt"
        );
        let line = "          3.危    1    2   0     1          1     0    5\n";
        assert!(text.contains(line));
        let r = read(&text.replace(line, ""));
        for column in ["natural_person", "total"] {
            assert_eq!(
                get(
                    &r,
                    &format!("applications.denied_security_stability.{column}")
                ),
                ""
            );
        }
        assert_eq!(
            get(&r, "applications.denied_third_party.natural_person"),
            "6"
        );
        assert_eq!(get(&r, "applications.denied_third_party.total"), "9");
    }
}
