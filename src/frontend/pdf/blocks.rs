//! Pages to the front ends' blocks: the glyphs inside a table's grid go to
//! its cells, the rest become lines in reading order (top to bottom, left to
//! right), wrapped lines of a paragraph joined, page numbers dropped; a table
//! that goes on at the top of the next page with the same columns is one
//! table.

use super::content::{Glyph, Page};
use super::grid::{self, Grid};
use crate::frontend::layout::{self, Block, Cell, Frag, Merged, Row, Table};

/// The source the blocks' text maps to: the texts of all glyphs written,
/// one after the other; each glyph's offset there, its page and its box.
#[derive(Debug, Clone, Default)]
pub(crate) struct Source {
    /// The length of the source so far.
    pub(crate) next: usize,
    /// The page being read (0-based).
    page: usize,
    /// Every glyph written, in source order.
    pub(crate) glyphs: Vec<Placed>,
}

/// A glyph written: where its text starts in the source, its page
/// (0-based) and its box.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub(crate) src: usize,
    pub(crate) page: usize,
    pub(crate) bbox: [f64; 4],
}

/// A line of glyphs.
struct Line<'g> {
    glyphs: Vec<&'g Glyph>,
    base: f64,
    size: f64,
}

impl Line<'_> {
    fn left(&self) -> f64 {
        self.glyphs.first().map_or(0.0, |g| g.bbox[0])
    }
    fn right(&self) -> f64 {
        self.glyphs.last().map_or(0.0, |g| g.bbox[2])
    }
    fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

fn is_wide(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

/// Groups glyphs into lines, top to bottom, each left to right.
fn lines<'g>(mut glyphs: Vec<&'g Glyph>) -> Vec<Line<'g>> {
    glyphs.sort_by(|a, b| {
        b.base
            .partial_cmp(&a.base)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(
                a.bbox[0]
                    .partial_cmp(&b.bbox[0])
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
    });
    let mut out: Vec<Line<'g>> = Vec::new();
    for g in glyphs {
        match out.last_mut() {
            Some(l) if (l.base - g.base).abs() <= 0.4 * l.size.min(g.size) => {
                l.glyphs.push(g);
                l.size = l.size.max(g.size);
            }
            _ => out.push(Line {
                glyphs: vec![g],
                base: g.base,
                size: g.size,
            }),
        }
    }
    for l in &mut out {
        l.glyphs.sort_by(|a, b| {
            a.bbox[0]
                .partial_cmp(&b.bbox[0])
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        // a glyph drawn twice over itself (fake bold) is one glyph
        l.glyphs
            .dedup_by(|b, a| a.text == b.text && (a.bbox[0] - b.bbox[0]).abs() < 0.2 * a.size);
    }
    out
}

/// Writes a line into a fragment: a space between glyphs far apart (several
/// for a wide gap when `columns`, as `pdftotext -layout` does).
fn frag(line: &Line<'_>, src: &mut Source, columns: bool, out: &mut Frag) {
    let mut prev: Option<&Glyph> = None;
    for g in &line.glyphs {
        if let Some(p) = prev {
            let gap = g.bbox[0] - p.bbox[2];
            let size = p.size.max(g.size);
            let wide = p.text.chars().next_back().is_some_and(is_wide)
                && g.text.chars().next().is_some_and(is_wide);
            let spaces = if columns && gap > 1.5 * size {
                ((gap / (0.5 * size)) as usize).clamp(2, 40)
            } else if gap > if wide { 1.0 } else { 0.25 } * size {
                1
            } else {
                0
            };
            if spaces > 0 {
                out.replaced(&" ".repeat(spaces), src.next..src.next);
            }
        }
        out.copy(&g.text, src.next);
        src.glyphs.push(Placed {
            src: src.next,
            page: src.page,
            bbox: g.bbox,
        });
        src.next += g.text.len();
        prev = Some(g);
    }
}

/// The text of a page number line: `- 4 -`, `— 4 —`, `第4页`, `4/6`, `4`.
fn is_page_number(s: &str) -> bool {
    let t: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && !"-—–_－·.第页共/".contains(*c))
        .collect();
    !t.is_empty() && t.len() <= 8 && t.chars().all(|c| c.is_ascii_digit())
}

/// Whether a line starts a new paragraph by its text (a heading or an item).
fn starts_item(s: &str) -> bool {
    let mut cs = s.chars();
    let first = cs.next();
    let second = cs.next();
    matches!(first, Some('（' | '(' | '【' | '第'))
        || matches!(second, Some('、' | '.' | '．'))
            && first.is_some_and(|c| "一二三四五六七八九十0123456789".contains(c))
}

/// Whether a line is in the top or bottom margin of its page, where page
/// headers and footers are.
fn in_margin(page: &Page, l: &Line<'_>) -> bool {
    let [_, bottom, _, top] = page.media;
    let height = top - bottom;
    l.base < bottom + 0.1 * height || l.base > top - 0.08 * height
}

/// A line's text with its digits left out (page numbers, dates and times
/// change from page to page).
fn shape(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
        .collect()
}

/// The page headers and footers of a document: the texts (by [`shape`])
/// found in the margin of more than one page.
fn furniture(pages: &[Page]) -> Vec<String> {
    let mut seen: Vec<(String, usize)> = Vec::new();
    for page in pages {
        let mut here: Vec<String> = lines(page.glyphs.iter().collect())
            .iter()
            .filter(|l| in_margin(page, l))
            .map(|l| shape(&l.text()))
            .filter(|s| !s.is_empty())
            .collect();
        here.dedup();
        for s in here {
            match seen.iter_mut().find(|(t, _)| *t == s) {
                Some((_, n)) => *n += 1,
                None => seen.push((s, 1)),
            }
        }
    }
    seen.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(s, _)| s)
        .collect()
}

/// What a page holds, in reading order.
enum Item<'g> {
    Line(Line<'g>),
    Table(Grid, Vec<Vec<&'g Glyph>>),
}

/// The blocks of all pages, and the source their text maps to.
pub(super) fn blocks(pages: &[Page], merged: &mut Vec<Merged>) -> (Vec<Block<'static>>, Source) {
    let mut src = Source::default();
    let mut out: Vec<Block<'static>> = Vec::new();
    let furniture = furniture(pages);
    // the table that ended the last page, if it did
    let mut open: Option<usize> = None;
    for (number, page) in pages.iter().enumerate() {
        src.page = number;
        let mut carried = open.take();
        let grids = grid::tables(page.rules.clone());
        let mut cells: Vec<Vec<Vec<&Glyph>>> = grids
            .iter()
            .map(|g| vec![Vec::new(); g.regions.len()])
            .collect();
        let mut prose: Vec<&Glyph> = Vec::new();
        'glyph: for g in &page.glyphs {
            for (t, grid) in grids.iter().enumerate() {
                if let Some(r) = grid.region_at(g.cx(), g.cy()) {
                    cells[t][r].push(g);
                    continue 'glyph;
                }
            }
            prose.push(g);
        }
        let body = body_size(&page.glyphs);
        let prose_lines: Vec<Line<'_>> = lines(prose)
            .into_iter()
            .filter(|l| {
                !(in_margin(page, l)
                    && (is_page_number(&l.text())
                        || l.size < 0.85 * body
                        || furniture.contains(&shape(&l.text()))))
            })
            .collect();
        let mut items: Vec<(f64, Item<'_>)> = prose_lines
            .into_iter()
            .map(|l| (l.base, Item::Line(l)))
            .collect();
        for (grid, cells) in grids.into_iter().zip(cells) {
            items.push((grid.ys[0], Item::Table(grid, cells)));
        }
        items.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(std::cmp::Ordering::Equal));
        let left = page
            .glyphs
            .iter()
            .map(|g| g.bbox[0])
            .fold(f64::MAX, f64::min);
        let right = page
            .glyphs
            .iter()
            .map(|g| g.bbox[2])
            .fold(f64::MIN, f64::max);
        let mut pending: Vec<Line<'_>> = Vec::new();
        // the bottom and top of the last table on this page
        let mut beside: Option<(f64, f64)> = None;
        for (_, item) in items {
            match item {
                Item::Line(l) => {
                    // a line beside the table (the text of a cell drawn past
                    // the table's lines, as a page break leaves it) does not
                    // end the table
                    if !beside.is_some_and(|(bottom, top)| l.base > bottom && l.base < top) {
                        carried = None;
                        open = None;
                    }
                    pending.push(l);
                }
                Item::Table(grid, cells) => {
                    beside = Some((grid.ys[grid.ys.len() - 1], grid.ys[0]));
                    paragraphs(
                        &std::mem::take(&mut pending),
                        left,
                        right,
                        body,
                        &mut src,
                        &mut out,
                    );
                    let rows = table_rows(&grid, &cells, &mut src, merged);
                    // a table that opens a page goes on from the one that
                    // ended the page before
                    if let Some(at) = carried.take()
                        && let Some(Block::Table(t)) = out.get_mut(at)
                    {
                        join_rows(&mut t.rows, rows);
                        open = Some(at);
                        continue;
                    }
                    out.push(Block::Table(Table { rows, at: src.next }));
                    open = Some(out.len() - 1);
                }
            }
        }
        paragraphs(&pending, left, right, body, &mut src, &mut out);
    }
    (out, src)
}

/// The text of a cell.
fn cell_text(c: &Cell) -> String {
    let mut s = String::new();
    if let Cell::Content { blocks, .. } = c {
        for b in blocks {
            if let Block::Line(f) = b {
                s.push_str(&f.text);
            }
        }
    }
    s
}

/// Appends the rows of a table's part on the next page. When the page break
/// splits a row, the first row of the new part holds the rest of its text:
/// no figure, and text that does not start a row label (`2.`, `（三）`);
/// its cells' lines go to the cells of the row above.
///
/// Header rows the renderer repeats at the top of the new part (the same
/// texts as the table's first rows) are left out.
fn join_rows(rows: &mut Vec<Row<'static>>, more: Vec<Row<'static>>) {
    let texts = |r: &Row| r.cells.iter().map(cell_text).collect::<Vec<_>>();
    let repeated = more
        .iter()
        .zip(rows.iter())
        .take_while(|(a, b)| texts(a) == texts(b))
        .count();
    let mut more = more.into_iter().skip(repeated);
    let Some(first) = more.next() else {
        return;
    };
    // cells are matched from the right: the two parts may not draw the
    // same label columns
    let split = rows.last().is_some_and(|last| {
        let texts: Vec<String> = first.cells.iter().map(cell_text).collect();
        let extra = first.cells.len().saturating_sub(last.cells.len());
        texts[..extra].iter().all(String::is_empty)
            && first.cells.iter().all(|c| match c {
                Cell::Content { blocks, .. } => layout::figure(blocks).is_none(),
                Cell::Continuation => true,
            })
            && texts
                .iter()
                .find(|t| !t.is_empty())
                .is_some_and(|t| !starts_item(t) && !t.starts_with(|c: char| c.is_ascii_digit()))
    });
    if split && let Some(last) = rows.last_mut() {
        for (a, b) in last
            .cells
            .iter_mut()
            .rev()
            .zip(first.cells.into_iter().rev())
        {
            if let (Cell::Content { blocks, .. }, Cell::Content { blocks: more, .. }) = (a, b) {
                blocks.extend(more);
            }
        }
    } else {
        rows.push(first);
    }
    rows.extend(more);
}

/// The font size most glyphs of a page have.
fn body_size(glyphs: &[Glyph]) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for g in glyphs {
        let k = (g.size * 2.0).round() as i64;
        match counts.iter_mut().find(|c| c.0 == k) {
            Some(c) => c.1 += 1,
            None => counts.push((k, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|c| c.1)
        .map_or(12.0, |c| c.0 as f64 / 2.0)
}

/// Lines to line blocks, the wrapped lines of a paragraph joined.
///
/// A line goes on the paragraph of the line above when that one reaches the
/// right edge of the text and this one starts at the left edge, in the same
/// font size; or when both are in the same size larger than the body text
/// (a title wrapped over two lines). A line that starts an item
/// (`二、`, `（一）`) starts a paragraph.
fn paragraphs(
    ls: &[Line<'_>],
    left: f64,
    right: f64,
    body: f64,
    src: &mut Source,
    out: &mut Vec<Block>,
) {
    let mut cur: Option<Frag> = None;
    let mut prev: Option<&Line<'_>> = None;
    for l in ls {
        let columns = l
            .glyphs
            .windows(2)
            .any(|w| w[1].bbox[0] - w[0].bbox[2] > 1.5 * l.size);
        let joins = prev.is_some_and(|p| {
            let same = (p.size - l.size).abs() <= 0.1 * p.size;
            let wrapped = p.right() >= right - 1.5 * p.size && l.left() <= left + 0.6 * l.size;
            let title = l.size > 1.15 * body;
            same && (wrapped || title)
                && p.base - l.base < 2.2 * p.size.max(l.size)
                && !columns
                && !starts_item(&l.text())
        });
        if !joins && let Some(f) = cur.take() {
            out.push(Block::Line(f));
        }
        let f = cur.get_or_insert_with(Frag::default);
        if joins
            && p_last_ascii(prev)
            && l.text()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            f.replaced(" ", src.next..src.next);
        }
        frag(l, src, true, f);
        prev = Some(l);
    }
    if let Some(f) = cur {
        out.push(Block::Line(f));
    }
}

fn p_last_ascii(prev: Option<&Line<'_>>) -> bool {
    prev.and_then(|p| p.glyphs.last())
        .and_then(|g| g.text.chars().next_back())
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// A grid's rows as the layout's rows: a cell merged across columns is one
/// cell, a cell merged down is a continuation in the rows below; a figure
/// merged down over several rows is left out and noted.
fn table_rows(
    grid: &Grid,
    cells: &[Vec<&Glyph>],
    src: &mut Source,
    merged: &mut Vec<Merged>,
) -> Vec<Row<'static>> {
    let mut rows: Vec<Vec<(Cell<'static>, usize)>> = Vec::new();
    let mut written: Vec<Option<Vec<Block<'static>>>> = cells
        .iter()
        .map(|gs| {
            let mut blocks = Vec::new();
            for l in lines(gs.clone()) {
                let mut f = Frag::default();
                frag(&l, src, false, &mut f);
                blocks.push(Block::Line(f));
            }
            Some(blocks)
        })
        .collect();
    for r in 0..grid.rows() {
        let mut row = Vec::new();
        for c in 0..grid.cols() {
            let i = grid.region_of[r * grid.cols() + c];
            let g = grid.regions[i];
            if g[1] != c {
                continue;
            }
            let span = g[3] - g[1] + 1;
            if g[0] == r {
                let blocks = written[i].take().unwrap_or_default();
                row.push((
                    Cell::Content {
                        blocks: blocks.into(),
                        at: src.next,
                    },
                    span,
                ));
            } else {
                row.push((Cell::Continuation, span));
            }
        }
        rows.push(row);
    }
    layout::leave_out_merged_figures(rows, merged)
        .into_iter()
        .map(|cells| Row { cells })
        // a row with no text at all (the gap between a repeated header and
        // the rows below it) says nothing
        .filter(|r| r.cells.iter().any(|c| !cell_text(c).is_empty()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for s in ["- 4 -", "— 12 —", "第3页", "3/6", "7", "－ 2 －"] {
            assert!(is_page_number(s), "{s}");
        }
        for s in ["2021年", "（一）", "第二十条", ""] {
            assert!(!is_page_number(s), "{s}");
        }
    }

    fn row(cells: &[&str]) -> Row<'static> {
        Row {
            cells: cells
                .iter()
                .map(|t| {
                    let mut f = Frag::default();
                    f.copy(t, 0);
                    Cell::Content {
                        blocks: vec![Block::Line(f)].into(),
                        at: 0,
                    }
                })
                .collect(),
        }
    }

    fn texts(rows: &[Row]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.cells.iter().map(cell_text).collect())
            .collect()
    }

    #[test]
    fn a_row_split_by_a_page_break_is_one_row_and_repeated_headers_go() {
        let mut rows = vec![row(&["申请人情况", "总计"]), row(&["2.没有现", "4"])];
        join_rows(
            &mut rows,
            vec![
                row(&["申请人情况", "总计"]),
                row(&["", "成信息需要另行制作", ""]),
                row(&["3.补正后申请内容仍不明确", "5"]),
            ],
        );
        assert_eq!(
            texts(&rows),
            [
                vec!["申请人情况", "总计"],
                vec!["2.没有现成信息需要另行制作", "4"],
                vec!["3.补正后申请内容仍不明确", "5"],
            ]
        );
        // a row of its own (a label that starts an item, or a figure) is not
        // a piece of the row above
        let mut rows = vec![row(&["4.无正当理由大量反复申请", "1"])];
        join_rows(&mut rows, vec![row(&["5.要求行政机关确认", ""])]);
        assert_eq!(rows.len(), 2);
        let mut rows = vec![row(&["4.无正当理由大量反复申请", ""])];
        join_rows(&mut rows, vec![row(&["申请", "3"])]);
        assert_eq!(rows.len(), 2);
    }

    fn glyph(t: &str, x: f64, y: f64) -> Glyph {
        Glyph {
            text: t.into(),
            bbox: [x, y - 2.0, x + 10.0, y + 8.0],
            base: y,
            size: 10.0,
        }
    }

    /// A page with a one-row table of two columns (x 100–200–300) between
    /// `bottom` and `top`.
    fn table_page(bottom: f64, top: f64, glyphs: Vec<Glyph>) -> Page {
        use super::super::content::Rule;
        let h = |at| Rule {
            horizontal: true,
            at,
            from: 100.0,
            to: 300.0,
        };
        let v = |at| Rule {
            horizontal: false,
            at,
            from: bottom,
            to: top,
        };
        Page {
            media: [0.0, 0.0, 595.0, 842.0],
            glyphs,
            rules: vec![h(top), h(bottom), v(100.0), v(200.0), v(300.0)],
            images: 0,
            unmapped: 0,
        }
    }

    #[test]
    fn a_table_goes_on_over_a_page_break_past_text_beside_it() {
        // the table's last row on page 1 is from y=60 to 80; `度` at `y`
        let read = |y: f64| {
            let pages = [
                table_page(
                    60.0,
                    80.0,
                    vec![
                        glyph("没", 110.0, 65.0),
                        glyph("4", 210.0, 65.0),
                        glyph("度", 40.0, y),
                    ],
                ),
                table_page(780.0, 800.0, vec![glyph("成", 110.0, 785.0)]),
            ];
            let (written, _) = blocks(&pages, &mut Vec::new());
            layout::render(&written, 0).0
        };
        assert_eq!(read(66.0), "没成\t4\n度\n");
        // text below the table, not beside it, ends it
        assert_eq!(read(40.0), "没\t4\n度\n成\t\n");
    }

    #[test]
    fn page_furniture_is_what_repeats_in_the_margins() {
        let glyph = |t: &str, x: f64, y: f64| Glyph {
            text: t.into(),
            bbox: [x, y - 2.0, x + 10.0, y + 8.0],
            base: y,
            size: 10.0,
        };
        let page = |n: &str| Page {
            media: [0.0, 0.0, 595.0, 842.0],
            glyphs: vec![
                glyph("报", 100.0, 820.0),
                glyph("告", 110.0, 820.0),
                glyph("正", 100.0, 400.0),
                glyph(n, 300.0, 20.0),
            ],
            rules: Vec::new(),
            images: 0,
            unmapped: 0,
        };
        assert_eq!(furniture(&[page("1"), page("2")]), ["报告"]);
        assert!(furniture(&[page("1")]).is_empty());
    }

    #[test]
    fn items_start_paragraphs() {
        assert!(starts_item("二、主动公开政府信息情况"));
        assert!(starts_item("（一）予以公开"));
        assert!(!starts_item("本年度共收到申请"));
    }
}
