//! The box-drawn layout, as `w3m -dump -cols 120` prints the HTML page: each
//! paragraph wrapped at 119 columns (w3m keeps the last column free), a blank
//! line after it, and each table drawn with box characters.
//!
//! ```text
//! ┌───────────────┬────────────┬────────────┐
//! │信息内容       │本年制发件数│本年废止件数│
//! ├───────────────┼────────────┼────────────┤
//! │规章           │5           │2           │
//! ```
//!
//! As w3m draws them: a column is as wide as its widest cell, the widest
//! columns narrowed alike until the table fits the page; a cell's text wraps
//! inside its box at the column's width; a cell merged over several rows is one
//! box, its text in the box's middle lines; every row is closed by a rule, the
//! rule's junctions (`┼`, `├`, `┬`, …) where boxes meet; text is set to the
//! left of its box. A CJK character takes two columns, a box character one.
//!
//! These are the rules w3m's output shows, not its code: its own width
//! allocation differs in detail (it gives some columns a column more than
//! their widest cell, and lets a table overflow the page rather than wrap
//! some cells), so the columns of a wide table may be cut otherwise than w3m
//! would; it also keeps a closing punctuation mark off a line's start, which
//! this does not.

use super::grid::{Grid, GridCell, rowspans};
use super::{Doc, value_text};
use crate::normalize::display_width;

/// The page width w3m is asked for (`-cols 120`).
const PAGE: usize = 120;

/// The columns a text takes on the terminal.
fn width(text: &str) -> usize {
    text.chars().map(|c| usize::from(display_width(c))).sum()
}

/// The text cut into lines of at most `max` columns (at least one char a
/// line). A run of ASCII letters and digits is kept whole when it fits a
/// line, as w3m breaks lines between words; CJK text breaks anywhere.
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut used = 0;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        // the next unit: an ASCII word, or one char
        let mut j = i + 1;
        if chars[i].is_ascii_alphanumeric() {
            while j < chars.len() && chars[j].is_ascii_alphanumeric() {
                j += 1;
            }
        }
        let unit: String = chars[i..j].iter().collect();
        if width(&unit) > max {
            // a word longer than a line is cut by chars
            for &c in &chars[i..j] {
                let cw = usize::from(display_width(c));
                if used + cw > max && used > 0 {
                    lines.push(String::new());
                    used = 0;
                }
                if let Some(l) = lines.last_mut() {
                    l.push(c);
                }
                used += cw;
            }
            i = j;
            continue;
        }
        let w = width(&unit);
        if used + w > max && used > 0 {
            lines.push(String::new());
            used = 0;
            if unit == " " {
                i = j;
                continue;
            }
        }
        if let Some(l) = lines.last_mut() {
            l.push_str(&unit);
        }
        used += w;
        i = j;
    }
    for l in &mut lines {
        l.truncate(l.trim_end().len());
    }
    lines
}

/// A cell of the grid placed in it.
struct Placed {
    row: usize,
    col: usize,
    span: usize,
    rowspan: usize,
    text: String,
}

/// The cells with text (merged continuations left out), where they sit.
fn placed(grid: &Grid, blank: &str) -> Vec<Placed> {
    let spans = rowspans(grid);
    let mut out = Vec::new();
    for (r, (row, rowspans)) in grid.rows.iter().zip(&spans).enumerate() {
        let mut col = 0;
        for (cell, &rowspan) in row.iter().zip(rowspans) {
            let text = match cell {
                GridCell::Label { text, .. } => Some(text.clone()),
                GridCell::Value { value, .. } => Some(value_text(value, blank)),
                GridCell::Merged { .. } => None,
            };
            if let Some(text) = text {
                out.push(Placed {
                    row: r,
                    col,
                    span: cell.span(),
                    rowspan,
                    text,
                });
            }
            col += cell.span();
        }
    }
    out
}

/// The columns' widths: each column as wide as its widest cell of one
/// column, a wider cell over several columns widening them alike; then the
/// widest columns narrowed to a common width until the table, borders
/// included, fits the page.
fn column_widths(cells: &[Placed], columns: usize) -> Vec<usize> {
    let mut widths = vec![1; columns];
    for c in cells.iter().filter(|c| c.span == 1) {
        widths[c.col] = widths[c.col].max(width(&c.text));
    }
    let mut wide: Vec<&Placed> = cells.iter().filter(|c| c.span > 1).collect();
    wide.sort_by_key(|c| c.span);
    for c in wide {
        let cols = c.col..c.col + c.span;
        let have: usize = widths[cols.clone()].iter().sum::<usize>() + c.span - 1;
        let want = width(&c.text);
        if want > have {
            let more = want - have;
            for (i, w) in widths[cols].iter_mut().enumerate() {
                *w += more / c.span + usize::from(i < more % c.span);
            }
        }
    }
    // a column is never narrower than the longest ASCII word of its cells
    // (a figure): w3m breaks lines between words only, and lets a table
    // overflow the page rather than cut a number apart
    let mut floor = vec![1; columns];
    for c in cells.iter().filter(|c| c.span == 1) {
        let longest = c
            .text
            .split(|ch: char| !ch.is_ascii_alphanumeric())
            .map(str::len)
            .max()
            .unwrap_or(0);
        floor[c.col] = floor[c.col].max(longest);
    }
    // narrow the widest columns until the table fits: borders take one
    // column each, one more than there are columns
    while widths.iter().sum::<usize>() + columns + 1 > PAGE {
        let top = widths
            .iter()
            .zip(&floor)
            .filter(|(w, f)| w > f)
            .map(|(w, _)| *w)
            .max()
            .unwrap_or(0);
        if top <= 2 {
            break;
        }
        for (w, f) in widths.iter_mut().zip(&floor) {
            if *w == top && *w > *f {
                *w -= 1;
            }
        }
    }
    widths
}

/// Which way lines leave a point of the drawing.
const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

/// The box character for the lines leaving a point.
fn junction(lines: u8) -> char {
    match lines {
        x if x == LEFT | RIGHT || x == LEFT || x == RIGHT => '─',
        x if x == UP | DOWN || x == UP || x == DOWN => '│',
        x if x == DOWN | RIGHT => '┌',
        x if x == DOWN | LEFT => '┐',
        x if x == UP | RIGHT => '└',
        x if x == UP | LEFT => '┘',
        x if x == UP | DOWN | RIGHT => '├',
        x if x == UP | DOWN | LEFT => '┤',
        x if x == DOWN | LEFT | RIGHT => '┬',
        x if x == UP | LEFT | RIGHT => '┴',
        _ => '┼',
    }
}

/// One position of the drawing.
#[derive(Clone, Copy)]
enum Slot {
    Space,
    /// Lines leaving a border point ([`UP`], [`DOWN`], …).
    Border(u8),
    Char(char),
    /// The right half of a wide char.
    Right,
}

/// Adds a line leaving the point `(x, y)` in direction `dir`.
fn line(canvas: &mut [Vec<Slot>], y: usize, x: usize, dir: u8) {
    let slot = &mut canvas[y][x];
    *slot = match *slot {
        Slot::Border(d) => Slot::Border(d | dir),
        _ => Slot::Border(dir),
    };
}

/// A table drawn with box characters, one string a line.
fn table(grid: &Grid, blank: &str) -> Vec<String> {
    let cells = placed(grid, blank);
    let columns = cells
        .iter()
        .map(|c| c.col + c.span)
        .max()
        .unwrap_or(0)
        .max(1);
    let widths = column_widths(&cells, columns);
    // x of the border left of each column, and of the right edge
    let mut xs = vec![0];
    for w in &widths {
        xs.push(xs.last().unwrap_or(&0) + w + 1);
    }
    let texts: Vec<Vec<String>> = cells
        .iter()
        .map(|c| {
            let inner = xs[c.col + c.span] - xs[c.col] - 1;
            wrap(&c.text, inner)
        })
        .collect();
    // each row as tall as its tallest cell of one row; a merged cell's rows
    // grow at the bottom when its text needs more lines
    let rows = grid.rows.len();
    let mut heights = vec![1; rows];
    for (c, t) in cells.iter().zip(&texts).filter(|(c, _)| c.rowspan == 1) {
        heights[c.row] = heights[c.row].max(t.len());
    }
    for (c, t) in cells.iter().zip(&texts).filter(|(c, _)| c.rowspan > 1) {
        let last = c.row + c.rowspan - 1;
        let have: usize = heights[c.row..=last].iter().sum::<usize>() + c.rowspan - 1;
        if t.len() > have {
            heights[last] += t.len() - have;
        }
    }
    let mut ys = vec![0];
    for h in &heights {
        ys.push(ys.last().unwrap_or(&0) + h + 1);
    }
    let right = *xs.last().unwrap_or(&0);
    let bottom = *ys.last().unwrap_or(&0);
    let mut canvas = vec![vec![Slot::Space; right + 1]; bottom + 1];
    // each cell's box, its text inside: a row narrower than the grid ends
    // where its last cell does
    for (c, t) in cells.iter().zip(&texts) {
        let (x0, x1) = (xs[c.col], xs[c.col + c.span]);
        let (y0, y1) = (ys[c.row], ys[c.row + c.rowspan]);
        for x in x0..=x1 {
            for y in [y0, y1] {
                if x > x0 {
                    line(&mut canvas, y, x, LEFT);
                }
                if x < x1 {
                    line(&mut canvas, y, x, RIGHT);
                }
            }
        }
        for y in y0..=y1 {
            for x in [x0, x1] {
                if y > y0 {
                    line(&mut canvas, y, x, UP);
                }
                if y < y1 {
                    line(&mut canvas, y, x, DOWN);
                }
            }
        }
        // the text in the middle lines of the box, at its left
        let inner = y1 - y0 - 1;
        let top = y0 + 1 + (inner - t.len().min(inner)) / 2;
        for (k, text) in t.iter().enumerate() {
            let mut x = x0 + 1;
            for ch in text.chars() {
                canvas[top + k][x] = Slot::Char(ch);
                if display_width(ch) == 2 {
                    canvas[top + k][x + 1] = Slot::Right;
                    x += 2;
                } else {
                    x += 1;
                }
            }
        }
    }
    canvas
        .into_iter()
        .map(|row| {
            let mut s = String::new();
            for slot in row {
                match slot {
                    Slot::Space => s.push(' '),
                    Slot::Border(d) => s.push(junction(d)),
                    Slot::Char(c) => s.push(c),
                    Slot::Right => {}
                }
            }
            s.truncate(s.trim_end().len());
            s
        })
        .collect()
}

/// The document as `w3m -dump -cols 120` prints its HTML page.
pub(super) fn write(doc: &Doc, blank: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let para = |out: &mut Vec<String>, p: &str| {
        out.extend(wrap(p, PAGE - 1));
        out.push(String::new());
    };
    para(&mut out, &doc.title);
    for line in &doc.lead {
        para(&mut out, line);
    }
    for part in &doc.sections {
        para(&mut out, &part.heading);
        for p in &part.paragraphs {
            para(&mut out, p);
        }
        if let Some(grid) = &part.table {
            out.extend(table(grid, blank));
            out.push(String::new());
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnualReport, Edition};

    #[test]
    fn long_text_wraps_and_words_stay_whole() {
        assert_eq!(wrap("信息内容", 4), ["信息", "内容"]);
        assert_eq!(wrap("1.属于国家秘密", 6), ["1.属于", "国家秘", "密"]);
        assert_eq!(wrap("ab 12", 4), ["ab", "12"]);
        assert_eq!(wrap("123456", 4), ["1234", "56"]);
        assert_eq!(wrap("", 3), [""]);
    }

    #[test]
    fn a_figure_is_never_cut_apart_to_fit_the_page() {
        let cells: Vec<Placed> = (0..15)
            .map(|col| Placed {
                row: 0,
                col,
                span: 1,
                rowspan: 1,
                text: "1000000".into(),
            })
            .collect();
        // fifteen columns of seven and sixteen borders: 121 > 120
        assert_eq!(column_widths(&cells, 15), vec![7; 15]);
    }

    #[test]
    fn junctions_are_drawn_where_boxes_meet() {
        assert_eq!(junction(DOWN | RIGHT), '┌');
        assert_eq!(junction(UP | DOWN | LEFT | RIGHT), '┼');
        assert_eq!(junction(UP | LEFT | RIGHT), '┴');
        assert_eq!(junction(UP | DOWN), '│');
    }

    #[test]
    fn tables_fit_the_page_with_merged_cells_as_one_box() {
        let report = AnnualReport::new(Edition::E2021);
        let [_, apps, review] = super::super::grid::of_report(&report);
        let apps = table(&apps.unwrap(), "");
        assert!(apps.iter().all(|l| width(l) <= PAGE), "{apps:#?}");
        assert!(apps[0].starts_with('┌') && apps[0].ends_with('┐'));
        assert!(apps.last().unwrap().starts_with('└'));
        // 三、本年度办理结果 covers 22 rows: no rule crosses its box
        let group = apps
            .iter()
            .position(|l| l.contains("（一）予以公开"))
            .unwrap();
        assert!(apps[group + 1].starts_with('│'), "{}", apps[group + 1]);
        let review = table(&review.unwrap(), "");
        // 结果维持 of 行政复议 is merged over two header rows: the rule under
        // 未经复议直接起诉 does not cross its box
        let kinds = review
            .iter()
            .position(|l| l.contains("未经复议直接起诉"))
            .unwrap();
        let rule = review[kinds..].iter().find(|l| l.contains('┼')).unwrap();
        assert!(rule.starts_with('│'), "{review:#?}");
        assert!(review.iter().all(|l| width(l) <= PAGE), "{review:#?}");
    }
}
