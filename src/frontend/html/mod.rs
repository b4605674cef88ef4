//! HTML pages and fragments: the text a browser shows, as [`Block`]s.
//!
//! [`lex`] cuts the source into tags and text; the reader here keeps a stack
//! of open elements with the implied end tags of tag soup (`<p>`, `<li>`,
//! `<td>`, `<tr>` close themselves; an end tag with no open element is
//! ignored; end tags do not cross a table cell), and turns what it reads into
//! lines and tables:
//!
//! - block elements and `<br>` end lines; white space collapses as in a
//!   browser, `<pre>` keeps it (so a tab-separated report inside `<pre>`
//!   keeps its tabs); character references are decoded, each mapped to its
//!   source;
//! - `<table>` rows and cells with `colspan` and `rowspan`, placed in one
//!   pass over the cells, within the [`Limits`] on table nesting and cells
//!   (see [`crate::frontend::layout`] for what merged cells become; a figure
//!   merged down over several rows is left out and noted);
//! - nothing of `<head>`, scripts, styles, forms' controls, `display:none` or
//!   `hidden` elements; with `strip_chrome`, nothing of page chrome either:
//!   `<nav>`, `<aside>`, `<header>` and `<footer>` outside `<article>` and
//!   `<main>`, and elements whose class, id or role names navigation,
//!   breadcrumbs, menus, footers or copyright lines.

mod entities;
mod lex;

use std::collections::BTreeMap;

use encoding_rs::Encoding;

use super::layout::{self, Block, Blocks, Frag};
use crate::error::Error;
use crate::options::{Limit, Limits};
use lex::{Lexer, Name, Token};

/// Deepest element nesting followed; deeper start tags are ignored (their
/// text is kept).
const MAX_DEPTH: usize = 512;
/// Widest table grid followed.
const MAX_COLUMNS: usize = 2000;

macro_rules! names {
    ($($id:ident = $s:literal),* $(,)?) => { $(const $id: Name = Name::of($s);)* };
}

names! {
    A_TABLE = b"table", TD = b"td", TH = b"th", TR = b"tr", THEAD = b"thead", TBODY = b"tbody",
    TFOOT = b"tfoot", CAPTION = b"caption", COL = b"col", COLGROUP = b"colgroup", P = b"p",
    BR = b"br", HR = b"hr", LI = b"li", UL = b"ul", OL = b"ol", DL = b"dl", DT = b"dt",
    DD = b"dd", PRE = b"pre", LISTING = b"listing", PLAINTEXT = b"plaintext", BODY = b"body",
    HTML = b"html", HEAD = b"head", ARTICLE = b"article", MAIN = b"main", HEADER = b"header",
    FOOTER = b"footer", NAV = b"nav", ASIDE = b"aside", H1 = b"h1", H2 = b"h2", H3 = b"h3",
    H4 = b"h4", H5 = b"h5", H6 = b"h6", META = b"meta",
}

/// Elements whose content is never shown as text.
const HIDDEN: &[Name] = &[
    Name::of(b"head"),
    Name::of(b"title"),
    Name::of(b"script"),
    Name::of(b"style"),
    Name::of(b"noscript"),
    Name::of(b"template"),
    Name::of(b"iframe"),
    Name::of(b"noembed"),
    Name::of(b"noframes"),
    Name::of(b"xmp"),
    Name::of(b"textarea"),
    Name::of(b"select"),
    Name::of(b"button"),
    Name::of(b"object"),
    Name::of(b"svg"),
    Name::of(b"math"),
    Name::of(b"canvas"),
    Name::of(b"audio"),
    Name::of(b"video"),
    Name::of(b"map"),
    Name::of(b"datalist"),
];

/// Elements without content.
const VOID: &[Name] = &[
    Name::of(b"area"),
    Name::of(b"base"),
    Name::of(b"br"),
    Name::of(b"col"),
    Name::of(b"embed"),
    Name::of(b"hr"),
    Name::of(b"img"),
    Name::of(b"input"),
    Name::of(b"link"),
    Name::of(b"meta"),
    Name::of(b"param"),
    Name::of(b"source"),
    Name::of(b"track"),
    Name::of(b"wbr"),
    Name::of(b"keygen"),
    Name::of(b"basefont"),
    Name::of(b"bgsound"),
    Name::of(b"frame"),
    Name::of(b"image"),
];

/// Block elements: they start and end lines. All but the first three close an open `<p>`.
const BLOCKS: &[Name] = &[
    Name::of(b"html"),
    Name::of(b"body"),
    Name::of(b"legend"),
    Name::of(b"address"),
    Name::of(b"article"),
    Name::of(b"aside"),
    Name::of(b"blockquote"),
    Name::of(b"center"),
    Name::of(b"dd"),
    Name::of(b"details"),
    Name::of(b"dialog"),
    Name::of(b"dir"),
    Name::of(b"div"),
    Name::of(b"dl"),
    Name::of(b"dt"),
    Name::of(b"fieldset"),
    Name::of(b"figcaption"),
    Name::of(b"figure"),
    Name::of(b"footer"),
    Name::of(b"form"),
    Name::of(b"h1"),
    Name::of(b"h2"),
    Name::of(b"h3"),
    Name::of(b"h4"),
    Name::of(b"h5"),
    Name::of(b"h6"),
    Name::of(b"header"),
    Name::of(b"hgroup"),
    Name::of(b"li"),
    Name::of(b"listing"),
    Name::of(b"main"),
    Name::of(b"menu"),
    Name::of(b"nav"),
    Name::of(b"ol"),
    Name::of(b"p"),
    Name::of(b"plaintext"),
    Name::of(b"pre"),
    Name::of(b"section"),
    Name::of(b"summary"),
    Name::of(b"ul"),
    Name::of(b"search"),
];

/// Class, id or role words that mark page chrome.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "mainmenu",
    "topmenu",
    "breadcrumb",
    "breadcrumbs",
    "crumb",
    "crumbs",
    "bread",
    "position",
    "dqwz",
    "location",
    "footer",
    "header",
    "copyright",
    "share",
    "sidebar",
    "sitemap",
    "toolbar",
    "banner",
    "contentinfo",
    "search",
    "menubar",
    "skip-link",
];

/// The set an element belongs to: [`HIDDEN`], [`VOID`], [`BLOCKS`].
const IS_HIDDEN: u8 = 1;
const IS_VOID: u8 = 2;
const IS_BLOCK: u8 = 4;

/// Slots of [`SETS`]: a power of two, at least twice the names in the sets.
const SLOTS: usize = 256;

/// The names of [`HIDDEN`], [`VOID`] and [`BLOCKS`] in one open-addressing
/// table (the low bits of a name's hash, then the next free slot), each with
/// the sets it is in: one look-up instead of a scan of each set, for every tag.
struct Sets {
    names: [u64; SLOTS],
    sets: [u8; SLOTS],
}

const SETS: Sets = {
    let mut t = Sets {
        names: [0; SLOTS],
        sets: [0; SLOTS],
    };
    let all: [(&[Name], u8); 3] = [(HIDDEN, IS_HIDDEN), (VOID, IS_VOID), (BLOCKS, IS_BLOCK)];
    let mut k = 0;
    while k < all.len() {
        let (names, set) = all[k];
        let mut i = 0;
        while i < names.len() {
            let h = names[i].bits();
            let mut slot = h as usize % SLOTS;
            while t.sets[slot] != 0 && t.names[slot] != h {
                slot = (slot + 1) % SLOTS;
            }
            t.names[slot] = h;
            t.sets[slot] |= set;
            i += 1;
        }
        k += 1;
    }
    t
};

/// The sets `name` is in (bits of `IS_HIDDEN`, `IS_VOID`, `IS_BLOCK`).
fn sets_of(name: Name) -> u8 {
    let h = name.bits();
    let mut slot = h as usize % SLOTS;
    loop {
        match SETS.sets[slot] {
            0 => return 0,
            set if SETS.names[slot] == h => return set,
            _ => slot = (slot + 1) % SLOTS,
        }
    }
}

/// Whether `name` is in `set` (one of `IS_HIDDEN`, `IS_VOID`, `IS_BLOCK`).
fn in_set(set: u8, name: Name) -> bool {
    sets_of(name) & set != 0
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Inline,
    Block,
    Table,
    Group,
    Row,
    Cell,
    Caption,
}

impl Kind {
    /// Table structure: end tags of other elements do not cross it.
    fn is_boundary(self) -> bool {
        matches!(
            self,
            Kind::Table | Kind::Group | Kind::Row | Kind::Cell | Kind::Caption
        )
    }
}

struct Frame {
    name: Name,
    kind: Kind,
    hides: bool,
    pre: bool,
}

/// Where text goes: the document, a cell or a caption.
#[derive(Default)]
struct Container<'a> {
    blocks: Blocks<'a>,
    line: Frag<'a>,
    /// For a cell: colspan, rowspan (0: to the end of its row group), tag offset.
    cell: Option<(usize, usize, usize)>,
}

struct CellBuild<'a> {
    blocks: Blocks<'a>,
    colspan: usize,
    rowspan: usize,
    at: usize,
}

/// A row read: where its cells start in [`TableBuild::built`], and its row
/// group.
struct RowBuild {
    start: usize,
    group: u32,
}

struct TableBuild<'a> {
    rows: Vec<RowBuild>,
    /// The cells of all rows, one row after the other (one list for the
    /// table rather than one for each row).
    built: Vec<CellBuild<'a>>,
    /// The number of cells read.
    cells: usize,
    group: u32,
    at: usize,
    hidden: bool,
}

struct Reader<'a, 'l> {
    src: &'a str,
    strip_chrome: bool,
    frames: Vec<Frame>,
    hidden: usize,
    pre: usize,
    containers: Vec<Container<'a>>,
    tables: Vec<TableBuild<'a>>,
    merged: Vec<layout::Merged>,
    limits: &'l Limits,
    /// The first limit exceeded: reading stops.
    error: Option<Error>,
    /// Whether page chrome was left out.
    dropped_chrome: bool,
}

/// Reads an HTML source (a page or a fragment) into blocks. Offsets in the
/// blocks' maps are byte offsets of `src`.
#[cfg(test)]
pub(crate) fn read(src: &str, strip_chrome: bool) -> Vec<Block<'_>> {
    read_noting(src, strip_chrome, &Limits::default())
        .expect("within the limits")
        .0
}

/// Reads `src` as `read` does, with the figures merged down over several
/// rows that were left out, and whether page chrome was left out (reading
/// again without `strip_chrome` would give the same blocks if not).
///
/// # Errors
///
/// [`crate::ErrorKind::LimitExceeded`] for tables nested deeper than
/// [`Limits::max_depth`] or with more cells than [`Limits::max_table_cells`].
pub(crate) fn read_noting<'a>(
    src: &'a str,
    strip_chrome: bool,
    limits: &Limits,
) -> Result<(Vec<Block<'a>>, Vec<layout::Merged>, bool), Error> {
    let mut r = Reader {
        src,
        strip_chrome,
        frames: Vec::new(),
        hidden: 0,
        pre: 0,
        containers: vec![Container::default()],
        tables: Vec::new(),
        merged: Vec::new(),
        limits,
        error: None,
        dropped_chrome: false,
    };
    let mut lexer = Lexer::new(src);
    while let Some(token) = lexer.next() {
        match token {
            Token::Text(range) => r.text(range.start, range.end),
            Token::Raw(_) => {}
            Token::Start {
                name,
                attrs,
                self_closing,
                span,
            } => {
                r.start(name, &attrs, self_closing, span.start);
                lexer.recycle(attrs);
            }
            Token::End { name, .. } => r.end(name),
        }
        if let Some(e) = r.error.take() {
            return Err(e);
        }
    }
    r.pop_to(0);
    if let Some(e) = r.error.take() {
        return Err(e);
    }
    r.flush();
    let merged = std::mem::take(&mut r.merged);
    let dropped_chrome = r.dropped_chrome;
    Ok((
        r.containers.swap_remove(0).blocks.into_vec(),
        merged,
        dropped_chrome,
    ))
}

fn attr<'s>(src: &'s str, attrs: &[lex::Attr], name: &str) -> Option<std::borrow::Cow<'s, str>> {
    attrs
        .iter()
        .find(|a| src[a.name.clone()].eq_ignore_ascii_case(name))
        .map(|a| entities::decode_attribute(&src[a.value.clone()]))
}

/// Whether a `style` attribute holds `display:none`, white space anywhere
/// left out and ASCII letters in any case but the last `e`'s.
///
/// The `:` is looked for with `memchr`, and the words read around each one:
/// a Word page's every element has a style of many declarations.
fn displays_none(style: &str) -> bool {
    // an ASCII char lower-cased, anything else 0
    let folded = |c: char| {
        if c.is_ascii() {
            (c as u8).to_ascii_lowercase()
        } else {
            0
        }
    };
    let b = style.as_bytes();
    let mut from = 0;
    while let Some(i) = memchr::memchr(b':', &b[from..]) {
        let colon = from + i;
        from = colon + 1;
        let mut after = style[from..].chars().filter(|c| !c.is_whitespace());
        let none = after.next().map(folded) == Some(b'n')
            && after.next().map(folded) == Some(b'o')
            && after.next().map(folded) == Some(b'n')
            && after.next() == Some('e');
        if none
            && style[..colon]
                .chars()
                .rev()
                .filter(|c| !c.is_whitespace())
                .map(folded)
                .take(7)
                .eq(b"yalpsid".iter().copied())
        {
            return true;
        }
    }
    false
}

/// A `colspan`/`rowspan` value: leading digits, as browsers read it.
fn span_value(v: Option<std::borrow::Cow<'_, str>>, default: usize) -> usize {
    let Some(v) = v else {
        return default;
    };
    let digits = v
        .trim_start()
        .bytes()
        .take_while(u8::is_ascii_digit)
        .take(6);
    let mut value = None;
    for d in digits {
        value = Some(value.unwrap_or(0) * 10 + usize::from(d - b'0'));
    }
    value.unwrap_or(default)
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

impl<'a> Reader<'a, '_> {
    fn top(&mut self) -> &mut Container<'a> {
        self.containers
            .last_mut()
            .expect("the document container is never popped")
    }

    /// Ends the current line.
    fn flush(&mut self) {
        let c = self.top();
        c.line.end();
        if !c.line.is_empty() {
            let mut line = std::mem::take(&mut c.line);
            line.shrink();
            c.blocks.push(Block::Line(line));
        }
    }

    fn text(&mut self, start: usize, end: usize) {
        if self.hidden > 0 {
            return;
        }
        let src = self.src;
        let b = src.as_bytes();
        let pre = self.pre > 0;
        let mut i = start;
        let mut run = start;
        while i < end {
            let c = b[i];
            if pre && (c == b'\n' || c == b'\r') {
                self.top().line.borrow(&src[run..i], run);
                let crlf = c == b'\r' && b.get(i + 1) == Some(&b'\n');
                self.flush();
                i += if crlf { 2 } else { 1 };
                run = i;
            } else if !pre && is_space(c) {
                self.top().line.borrow(&src[run..i], run);
                let ws = i;
                let mut newline = false;
                while i < end && is_space(b[i]) {
                    newline |= b[i] == b'\n' || b[i] == b'\r';
                    i += 1;
                }
                self.top().line.space(ws..i, newline);
                run = i;
            } else if c == b'&' {
                self.top().line.borrow(&src[run..i], run);
                run = i;
                match entities::reference(&src[i..end], false) {
                    Some((ch, len)) => {
                        let mut buf = [0; 4];
                        self.top()
                            .line
                            .replaced(ch.encode_utf8(&mut buf), i..i + len);
                        i += len;
                        run = i;
                    }
                    None => i += 1,
                }
            } else {
                i += 1;
            }
        }
        self.top().line.borrow(&src[run..end], run);
    }

    fn innermost_table(&self) -> Option<usize> {
        self.frames.iter().rposition(|f| f.kind == Kind::Table)
    }

    /// The open element `name` above any table boundary, if any.
    fn in_scope(&self, name: Name, stop: &[Name]) -> Option<usize> {
        for (j, f) in self.frames.iter().enumerate().rev() {
            if f.name == name {
                return Some(j);
            }
            if f.kind.is_boundary() || stop.contains(&f.name) {
                return None;
            }
        }
        None
    }

    /// Closes elements until `len` remain open.
    fn pop_to(&mut self, len: usize) {
        while self.frames.len() > len {
            self.pop();
        }
    }

    fn pop(&mut self) {
        let Some(f) = self.frames.pop() else {
            return;
        };
        match f.kind {
            Kind::Cell => {
                self.flush();
                if self.containers.len() > 1 {
                    let mut c = self.containers.pop().unwrap_or_default();
                    c.blocks.shrink();
                    let (colspan, rowspan, at) = c.cell.unwrap_or((1, 1, 0));
                    let max = self.limits.max_table_cells;
                    if let Some(t) = self.tables.last_mut() {
                        t.cells += 1;
                        if t.cells > max {
                            self.error = Some(self.limits.exceeded(Limit::TableCells));
                        }
                    }
                    if let Some(t) = self.tables.last_mut()
                        && !t.rows.is_empty()
                    {
                        t.built.push(CellBuild {
                            blocks: c.blocks,
                            colspan,
                            rowspan,
                            at,
                        });
                    }
                }
            }
            Kind::Caption => {
                self.flush();
                if self.containers.len() > 1 {
                    let c = self.containers.pop().unwrap_or_default();
                    self.top().blocks.extend(c.blocks);
                }
            }
            Kind::Table => {
                self.flush();
                if let Some(t) = self.tables.pop()
                    && !t.hidden
                {
                    match grid(t, &mut self.merged, self.limits) {
                        Ok(table) => self.top().blocks.push(Block::Table(table)),
                        Err(e) => self.error = Some(e),
                    }
                }
            }
            Kind::Block => self.flush(),
            Kind::Inline | Kind::Group | Kind::Row => {}
        }
        if f.hides {
            self.hidden -= 1;
        }
        if f.pre {
            self.pre -= 1;
            self.flush();
        }
    }

    fn push(&mut self, name: Name, kind: Kind, hides: bool, pre: bool) {
        if hides {
            self.hidden += 1;
        }
        if pre {
            self.pre += 1;
        }
        self.frames.push(Frame {
            name,
            kind,
            hides,
            pre,
        });
    }

    fn open_row(&mut self) {
        let group = self.tables.last().map_or(0, |t| t.group);
        if let Some(t) = self.tables.last_mut() {
            t.rows.push(RowBuild {
                start: t.built.len(),
                group,
            });
        }
        self.push(TR, Kind::Row, false, false);
    }

    /// Whether the element hides its content: a `hidden` attribute, or a
    /// first `style` attribute with `display:none` (both found in one pass
    /// over the attributes).
    fn hides(&self, name: Name, attrs: &[lex::Attr]) -> bool {
        if in_set(IS_HIDDEN, name) {
            return true;
        }
        let src = self.src;
        let mut style_seen = false;
        for a in attrs {
            let n = &src.as_bytes()[a.name.clone()];
            if n.eq_ignore_ascii_case(b"hidden") {
                return true;
            }
            if !style_seen && n.eq_ignore_ascii_case(b"style") {
                style_seen = true;
                if displays_none(&entities::decode_attribute(&src[a.value.clone()])) {
                    return true;
                }
            }
        }
        self.strip_chrome && self.is_chrome(name, attrs)
    }

    /// Whether the element is page chrome (see the module docs).
    fn is_chrome(&self, name: Name, attrs: &[lex::Attr]) -> bool {
        if name == NAV || name == ASIDE {
            return true;
        }
        if (name == HEADER || name == FOOTER)
            && !self
                .frames
                .iter()
                .any(|f| f.name == ARTICLE || f.name == MAIN)
        {
            return true;
        }
        // the first `class`, `id` and `role` (as `attr` finds them), in one pass
        let mut seen = [false; 3];
        attrs.iter().any(|a| {
            let name = &self.src[a.name.clone()];
            let Some(k) = ["class", "id", "role"]
                .iter()
                .position(|n| n.eq_ignore_ascii_case(name))
            else {
                return false;
            };
            if std::mem::replace(&mut seen[k], true) {
                return false;
            }
            entities::decode_attribute(&self.src[a.value.clone()])
                .split_ascii_whitespace()
                .any(|w| CHROME_WORDS.iter().any(|c| c.eq_ignore_ascii_case(w)))
        })
    }

    fn start(&mut self, name: Name, attrs: &[lex::Attr], self_closing: bool, at: usize) {
        if name == BR || name == HR {
            self.flush();
            return;
        }
        if in_set(IS_VOID, name) || name == COL || name == COLGROUP {
            return;
        }
        if self.frames.len() >= MAX_DEPTH {
            return;
        }
        let hides = self.hides(name, attrs);
        if hides && self.strip_chrome && !self.dropped_chrome {
            self.dropped_chrome = self.is_chrome(name, attrs);
        }
        if name == TD || name == TH {
            let Some(ti) = self.innermost_table() else {
                return;
            };
            let keep = (ti..self.frames.len())
                .rev()
                .find(|&j| matches!(self.frames[j].kind, Kind::Table | Kind::Group | Kind::Row))
                .unwrap_or(ti);
            self.pop_to(keep + 1);
            if self.frames[keep].kind != Kind::Row {
                self.open_row();
            }
            let colspan = span_value(attr(self.src, attrs, "colspan"), 1).clamp(1, 1000);
            let rowspan = span_value(attr(self.src, attrs, "rowspan"), 1).min(65534);
            self.containers.push(Container {
                cell: Some((colspan, rowspan, at)),
                ..Container::default()
            });
            self.push(name, Kind::Cell, hides, false);
            return;
        }
        if name == TR {
            let Some(ti) = self.innermost_table() else {
                return;
            };
            let keep = (ti..self.frames.len())
                .rev()
                .find(|&j| matches!(self.frames[j].kind, Kind::Table | Kind::Group))
                .unwrap_or(ti);
            self.pop_to(keep + 1);
            self.open_row();
            return;
        }
        if name == THEAD || name == TBODY || name == TFOOT || name == CAPTION {
            let Some(ti) = self.innermost_table() else {
                return;
            };
            self.pop_to(ti + 1);
            if name == CAPTION {
                self.containers.push(Container::default());
                self.push(name, Kind::Caption, hides, false);
            } else {
                if let Some(t) = self.tables.last_mut() {
                    t.group += 1;
                }
                self.push(name, Kind::Group, hides, false);
            }
            return;
        }
        if name == A_TABLE {
            // a table directly inside a table (not in a cell) ends that table
            if let Some(f) = self.frames.iter().rev().find(|f| f.kind.is_boundary())
                && matches!(f.kind, Kind::Table | Kind::Group | Kind::Row)
                && let Some(ti) = self.innermost_table()
            {
                self.pop_to(ti);
            }
            if let Some(j) = self.in_scope(P, &[]) {
                self.pop_to(j);
            }
            self.flush();
            if self.tables.len() >= self.limits.depth() {
                self.error = Some(self.limits.exceeded(Limit::Depth));
                return;
            }
            self.tables.push(TableBuild {
                rows: Vec::new(),
                built: Vec::new(),
                cells: 0,
                group: 0,
                at,
                hidden: self.hidden > 0 || hides,
            });
            self.push(name, Kind::Table, hides, false);
            return;
        }
        if in_set(IS_BLOCK, name) {
            if name != HTML && name != BODY {
                if let Some(j) = self.in_scope(P, &[]) {
                    self.pop_to(j);
                }
                if name == LI
                    && let Some(j) = self.in_scope(LI, &[UL, OL])
                {
                    self.pop_to(j);
                }
                if (name == DT || name == DD)
                    && let Some(j) = self
                        .in_scope(DT, &[DL])
                        .into_iter()
                        .chain(self.in_scope(DD, &[DL]))
                        .min()
                {
                    self.pop_to(j);
                }
                if [H1, H2, H3, H4, H5, H6].contains(&name)
                    && self
                        .frames
                        .last()
                        .is_some_and(|f| [H1, H2, H3, H4, H5, H6].contains(&f.name))
                {
                    let n = self.frames.len() - 1;
                    self.pop_to(n);
                }
            }
            self.flush();
            if self_closing {
                return;
            }
            let pre = name == PRE || name == LISTING || name == PLAINTEXT;
            self.push(name, Kind::Block, hides, pre);
            return;
        }
        if self_closing && !in_set(IS_HIDDEN, name) {
            return;
        }
        self.push(name, Kind::Inline, hides, false);
    }

    fn end(&mut self, name: Name) {
        if name == BR {
            self.flush();
            return;
        }
        if name == BODY || name == HTML {
            return;
        }
        let structural = |kind: Kind| -> Option<usize> {
            let ti = self.innermost_table()?;
            if kind == Kind::Table {
                return Some(ti);
            }
            (ti..self.frames.len())
                .rev()
                .find(|&j| self.frames[j].kind == kind)
        };
        let target = if name == TD || name == TH {
            structural(Kind::Cell)
        } else if name == TR {
            structural(Kind::Row)
        } else if name == THEAD || name == TBODY || name == TFOOT {
            structural(Kind::Group)
        } else if name == A_TABLE {
            structural(Kind::Table)
        } else if name == CAPTION {
            structural(Kind::Caption)
        } else if name == P {
            let found = self.in_scope(P, &[]);
            if found.is_none() {
                self.flush(); // `</p>` alone breaks the line, as `<p></p>` would
            }
            found
        } else if name == HEAD {
            self.frames.iter().rposition(|f| f.name == HEAD)
        } else {
            self.in_scope(name, &[])
        };
        if let Some(j) = target {
            self.pop_to(j);
        }
    }
}

/// A cell a `rowspan` carries down.
#[derive(Clone, Copy)]
struct Busy {
    /// The row before which the cell ends (exclusive).
    until: usize,
    start: usize,
    span: usize,
}

/// The grid columns cells above carry down: disjoint ranges of columns
/// (`lo → (hi, cell)`), each with the cell that covers it. A cell placed over
/// columns already covered takes them over column by column, as in an array
/// of columns, at a cost logarithmic in the ranges rather than linear in the
/// columns.
#[derive(Default)]
struct Carried(BTreeMap<usize, (usize, Busy)>);

impl Carried {
    /// The range that holds column `col`: `(lo, hi, cell)`.
    fn at(&self, col: usize) -> Option<(usize, usize, Busy)> {
        let (&lo, &(hi, b)) = self.0.range(..=col).next_back()?;
        (col < hi).then_some((lo, hi, b))
    }

    /// The cell carried into column `col` of row `r`, if any.
    fn live(&self, col: usize, r: usize) -> Option<Busy> {
        self.at(col).map(|(_, _, b)| b).filter(|b| b.until > r)
    }

    /// The first column from `col` on that a cell carries into row `r`, and
    /// that cell; the ranges of cells that end before row `r` are dropped on
    /// the way (they end before every later row too).
    fn next_live(&mut self, col: usize, r: usize) -> Option<(usize, Busy)> {
        loop {
            let (lo, _, b) = self.at(col).or_else(|| {
                self.0
                    .range(col..)
                    .next()
                    .map(|(&lo, &(hi, b))| (lo, hi, b))
            })?;
            if b.until > r {
                return Some((lo.max(col), b));
            }
            self.0.remove(&lo);
        }
    }

    /// Columns `lo..hi` are carried by `b`.
    fn set(&mut self, lo: usize, hi: usize, b: Busy) {
        if let Some((l, h, old)) = self.at(lo)
            && l < lo
        {
            self.0.insert(l, (lo, old));
            if h > hi {
                self.0.insert(hi, (h, old));
            }
        }
        let inside: Vec<usize> = self.0.range(lo..hi).map(|(&l, _)| l).collect();
        for l in inside {
            if let Some((h, old)) = self.0.remove(&l)
                && h > hi
            {
                self.0.insert(hi, (h, old));
            }
        }
        self.0.insert(lo, (hi, b));
    }
}

/// Places the cells of a table in its grid and turns the slots that
/// `rowspan`s carry down into [`layout::Cell::Continuation`]s, in time
/// linear in the cells (times the logarithm of the columns carried).
///
/// # Errors
///
/// [`crate::ErrorKind::LimitExceeded`] when the cells, those carried down
/// included, are more than [`Limits::max_table_cells`].
fn grid<'a>(
    t: TableBuild<'a>,
    merged: &mut Vec<layout::Merged>,
    limits: &Limits,
) -> Result<layout::Table<'a>, Error> {
    let n = t.rows.len();
    // the end (exclusive) of each row's row group
    let mut group_end = vec![n; n];
    for r in (0..n.saturating_sub(1)).rev() {
        group_end[r] = if t.rows[r + 1].group == t.rows[r].group {
            group_end[r + 1]
        } else {
            r + 1
        };
    }
    let mut carried = Carried::default();
    let mut total = 0usize;
    let mut rows = Vec::with_capacity(n);
    let read = t.built.len();
    let mut built = t.built.into_iter();
    for (r, row) in t.rows.iter().enumerate() {
        let end = t.rows.get(r + 1).map_or(read, |next| next.start);
        let count = end - row.start;
        let mut cells = Vec::with_capacity(count);
        let mut col = 0;
        for cell in built.by_ref().take(count) {
            while let Some(b) = carried.live(col, r) {
                cells.push(layout::Cell::Continuation);
                col = (b.start + b.span).max(col + 1);
            }
            let span = cell.colspan.min(MAX_COLUMNS.saturating_sub(col)).max(1);
            let until = if cell.rowspan == 0 {
                group_end[r]
            } else {
                (r + cell.rowspan).min(group_end[r])
            };
            if until > r + 1 && col < MAX_COLUMNS {
                let b = Busy {
                    until,
                    start: col,
                    span,
                };
                carried.set(col, col + span, b);
            }
            let mut blocks = cell.blocks;
            if until > r + 1
                && let Some((text, src)) = layout::figure(&blocks)
            {
                merged.push(layout::Merged {
                    text,
                    rows: until - r,
                    src,
                });
                blocks.clear();
            }
            cells.push(layout::Cell::Content {
                blocks,
                at: cell.at,
            });
            col += span;
        }
        while let Some((c, b)) = carried.next_live(col, r) {
            cells.push(layout::Cell::Continuation);
            col = (b.start + b.span).max(c + 1);
        }
        total += cells.len();
        if total > limits.max_table_cells {
            return Err(limits.exceeded(Limit::TableCells));
        }
        rows.push(layout::Row { cells });
    }
    Ok(layout::Table { rows, at: t.at })
}

/// Whether bytes look like HTML rather than text: a doctype, an `<html>`
/// start, or at least three tags of common HTML elements near the start.
pub(crate) fn looks_like_html(text: &[u8]) -> bool {
    let head = &text[..text.len().min(64 * 1024)];
    let start = head
        .iter()
        .position(|b| !is_space(*b) && !matches!(b, 0xEF | 0xBB | 0xBF))
        .unwrap_or(head.len());
    let lead = &head[start..head.len().min(start + 16)];
    let lower: Vec<u8> = lead.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
        return true;
    }
    if is_markdown(head) {
        // markdown with some HTML kept in it (`pandoc -t markdown`): text
        return false;
    }
    const TAGS: &[&[u8]] = &[
        b"html", b"head", b"body", b"meta", b"title", b"div", b"p", b"br", b"span", b"table",
        b"tr", b"td", b"th", b"tbody", b"font", b"h1", b"h2", b"h3", b"li", b"ul", b"strong", b"b",
        b"o:p", b"center", b"section", b"article",
    ];
    let mut count = 0;
    for (i, _) in head.iter().enumerate().filter(|&(_, &b)| b == b'<') {
        let rest = &head[i + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let known = TAGS.iter().any(|t| {
            rest.len() > t.len()
                && rest[..t.len()].eq_ignore_ascii_case(t)
                && (is_space(rest[t.len()]) || matches!(rest[t.len()], b'>' | b'/'))
        });
        if known {
            count += 1;
            if count >= 3 {
                return true;
            }
        }
    }
    false
}

/// True for markdown: at least five lines that are markdown headings, bold
/// lines, pipe-table rules or dash rules of simple tables.
///
/// ```text
/// markdown_line = "#"{1,6} " " … | "**" … | "|" ("-" | ":" | "|")+ | " "* "---" ("-")* (" "+ "---" "-"*)+
/// ```
fn is_markdown(head: &[u8]) -> bool {
    let mut count = 0;
    for line in head.split(|&b| b == b'\n') {
        let t = line.trim_ascii();
        let hashes = t.iter().take_while(|&&b| b == b'#').count();
        let heading = (1..=6).contains(&hashes) && t.get(hashes) == Some(&b' ');
        let bold = t.starts_with(b"**") && t.len() > 4;
        let pipe_rule = t.len() > 3
            && t.starts_with(b"|")
            && t.iter().all(|b| matches!(b, b'|' | b'-' | b':' | b' '));
        let dash_rule = t.len() > 6
            && t.iter().all(|b| matches!(b, b'-' | b' '))
            && t.split(|&b| b == b' ').filter(|w| !w.is_empty()).count() >= 2;
        if heading || bold || pipe_rule || dash_rule {
            count += 1;
            if count >= 5 {
                return true;
            }
        }
    }
    false
}

/// The encoding an HTML page declares: `<meta charset>`, `<meta http-equiv=
/// "Content-Type" content="…; charset=…">` or an XML declaration, in the
/// first 16 KiB (before `<body>`).
pub(crate) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(16 * 1024)];
    // Tags, names and the XML declaration are ASCII: the head is read with
    // every other byte masked (the same tokens at the same offsets as its
    // lossy decoding, at a fraction of the cost), and attribute values are
    // taken from the bytes themselves.
    let masked: Vec<u8> = head
        .iter()
        .map(|&b| if b.is_ascii() { b } else { 1 })
        .collect();
    let masked = String::from_utf8(masked).unwrap_or_default();
    let value = |range: std::ops::Range<usize>| -> String {
        entities::decode_attribute(&String::from_utf8_lossy(&head[range])).into_owned()
    };
    let mut lead = 0;
    loop {
        if head[lead..].starts_with("\u{feff}".as_bytes()) {
            lead += 3;
        } else if head
            .get(lead)
            .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
        {
            lead += 1;
        } else {
            break;
        }
    }
    if let Some(decl) = masked[lead..].strip_prefix("<?xml")
        && let Some(end) = decl.find("?>")
        && let Some(at) = decl[..end].find("encoding")
    {
        let v = decl[at + "encoding".len()..end]
            .trim_start_matches([' ', '='])
            .trim_start_matches(['"', '\'']);
        let label: String = v
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
            .collect();
        if let Some(e) = Encoding::for_label(label.as_bytes()) {
            return Some(e);
        }
    }
    let src: &str = &masked;
    let find = |attrs: &[lex::Attr], name: &str| {
        attrs
            .iter()
            .find(|a| src[a.name.clone()].eq_ignore_ascii_case(name))
            .map(|a| value(a.value.clone()))
    };
    for token in Lexer::new(src) {
        match token {
            Token::Start { name, attrs, .. } if name == META => {
                if let Some(cs) = find(&attrs, "charset")
                    && let Some(e) = Encoding::for_label(cs.trim().as_bytes())
                {
                    return Some(e);
                }
                let equiv = find(&attrs, "http-equiv");
                if equiv.is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"))
                    && let Some(content) = find(&attrs, "content")
                {
                    let lower = content.to_ascii_lowercase();
                    if let Some(at) = lower.find("charset") {
                        let v = lower[at + "charset".len()..]
                            .trim_start()
                            .trim_start_matches('=')
                            .trim_start()
                            .trim_start_matches(['"', '\'']);
                        let label: String = v
                            .chars()
                            .take_while(|c| !matches!(c, ';' | '"' | '\'' | ' ' | '\t'))
                            .collect();
                        if let Some(e) = Encoding::for_label(label.as_bytes()) {
                            return Some(e);
                        }
                    }
                }
            }
            Token::Start { name, .. } if name == BODY => break,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests;
