//! A report printed in one column of a page's layout table, as pandoc prints
//! a portal page (`-t plain`, `-t markdown`): the layout table is a grid
//! table, and every line of the report is framed by the column's borders:
//!
//! ```text
//! | +--------------------------------+--------------------------------+   |
//! | | -   政府信息公开指南           | 当前位置：首页 >               |   |
//! | |                                | 一、总体情况                   |   |
//! | |                                |   规章                   0     |   |
//! ```
//!
//! The grid's border line (`+----+----+`) tells where its column borders
//! stand, in display columns: pandoc lays text out with east-asian wide
//! characters two columns wide, so the positions are counted on the original
//! text (full-width `（` is two columns even where normalization made it
//! `(`). Each line of the grid that has a `|` at every border is a row of it.
//!
//! The column that holds the report (the most text, and at least two section
//! headings) is given back as the text it frames: on each row the bytes
//! outside the column become spaces, and the line break moves to just before
//! the column's text (the row's own line break becomes a space at the end of
//! the row before). Every byte keeps its offset, so the report's spans still
//! point into the input; the lines hold the column's text from their start,
//! its own indentation kept (the tables inside it keep their layout), and
//! trailing spaces where the frame was.

use super::tokens::line_list;
use crate::normalize::Normalized;

/// The display width of `c` in pandoc's layout: two for east-asian wide and
/// full-width characters, one for the rest (ambiguous ones included).
fn width(c: char) -> usize {
    usize::from(crate::normalize::display_width(c))
}

/// The display column of every char of the normalized line `doc[s..e]`, with
/// its byte offset: counted on the original text the line was normalized
/// from (see the module docs).
fn columns(
    doc: &str,
    norm: &Normalized,
    original: &str,
    s: usize,
    e: usize,
) -> Vec<(usize, usize, char)> {
    let mut out = Vec::with_capacity(e - s);
    let (mut at, mut col) = (norm.original_offset(s), 0);
    for (i, c) in doc[s..e].char_indices() {
        let source = norm.original_offset(s + i).max(at);
        col += original
            .get(at..source)
            .map_or(0, |t| t.chars().map(width).sum());
        at = source;
        out.push((s + i, col, c));
    }
    out
}

/// The display columns of the `+` of a grid border line
/// (`+-----+------+`, after what frames it), when it has at least two
/// columns.
///
/// ```text
/// border := "+" ("-"+ "+"){2,}
/// ```
fn border(cols: &[(usize, usize, char)]) -> Option<Vec<usize>> {
    let start = cols.iter().position(|c| c.2 == '+')?;
    let mut pluses = vec![cols[start].1];
    let mut dashes = 0;
    for &(_, col, c) in &cols[start + 1..] {
        match c {
            '-' | '=' | ':' => dashes += 1,
            '+' if dashes > 0 => {
                pluses.push(col);
                dashes = 0;
            }
            _ => break,
        }
    }
    (pluses.len() >= 3).then_some(pluses)
}

/// The byte ranges of the cells of a grid row, between the `|` at every one
/// of `borders` (each cell's text after its padding space), `None` when the
/// line is no row of this grid.
fn row(cols: &[(usize, usize, char)], borders: &[usize]) -> Option<Vec<(usize, usize)>> {
    let mut bars = Vec::with_capacity(borders.len());
    let mut k = 0;
    for (n, &(_, col, c)) in cols.iter().enumerate() {
        if k < borders.len() && col == borders[k] {
            if c != '|' {
                return None;
            }
            bars.push(n);
            k += 1;
        } else if k < borders.len() && col > borders[k] {
            return None; // a wide char over the border
        }
    }
    if k < borders.len() {
        return None;
    }
    bars.windows(2)
        .map(|w| {
            let (open, close) = (w[0], w[1]);
            // `| text |`: one space of padding either side
            (close > open + 1 && cols[open + 1].2 == ' ').then(|| {
                // the padding space before the bar, when it is one (a wide
                // character may stand against the bar)
                let last = cols[close - 1];
                let end = if last.2 == ' ' { last.0 } else { cols[close].0 };
                (cols[open + 1].0 + 1, end.max(cols[open + 1].0 + 1))
            })
        })
        .collect()
}

/// A byte range of the text.
type Range = (usize, usize);

/// A grid: its lines, each with its byte range and its cells' text (none
/// for a border line inside it).
struct Grid {
    rows: Vec<(Range, Vec<Range>)>,
}

/// The grids of `doc` whose lines are framed at the same display columns.
fn grids(doc: &str, norm: &Normalized, original: &str) -> Vec<Grid> {
    let all: Vec<(usize, usize)> = line_list(doc, 0, doc.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let (s, e) = all[i];
        i += 1;
        if !doc[s..e].contains("+--") {
            continue;
        }
        let Some(borders) = border(&columns(doc, norm, original, s, e)) else {
            continue;
        };
        let mut grid = Grid { rows: Vec::new() };
        while i < all.len() {
            let (s, e) = all[i];
            let cols = columns(doc, norm, original, s, e);
            if border(&cols).is_some_and(|b| b == borders) {
                grid.rows.push(((s, e), Vec::new()));
            } else if let Some(cells) = row(&cols, &borders) {
                grid.rows.push(((s, e), cells));
            } else {
                break;
            }
            i += 1;
        }
        out.push(grid);
    }
    out
}

/// The rows of `column` that go on the line before them: a section heading
/// pandoc wrapped after its ordinal (`三、` / `收到和处理政府信息公开申请情况`),
/// neither line a heading and the two, as the grammar will read them (the
/// frame between them spaces), one.
fn wrapped_headings(doc: &str, grid: &Grid, column: usize) -> Vec<usize> {
    let cell = |r: usize| grid.rows.get(r).and_then(|row| row.1.get(column).copied());
    let heading = |t: &str| super::heading::heading_line(t.trim()).is_some();
    (1..grid.rows.len())
        .filter(|&r| {
            let (Some(a), Some(b)) = (cell(r - 1), cell(r)) else {
                return false;
            };
            let (first, second) = (&doc[a.0..a.1], &doc[b.0..b.1]);
            if first.trim().is_empty() || heading(first) || heading(second) {
                return false;
            }
            let gap = " ".repeat(b.0 - a.1);
            heading(&format!("{first}{gap}{second}"))
        })
        .collect()
}

/// The rows of `column` that are pieces of a table's rule line pandoc wrapped
/// at the column's width and that hold no run of three dashes (`  --`, `-`):
/// such a piece reads as a cell marked blank (`--`) in the row above it. They
/// are left out (made spaces); a piece is told by the rule it belongs to, a
/// run of lines of dashes and spaces only, one of them a run of ten dashes.
fn rule_pieces(doc: &str, grid: &Grid, column: usize) -> Vec<usize> {
    let dashes = |r: usize| {
        let (a, b) = grid.rows[r].1.get(column).copied()?;
        let t = doc[a..b].trim();
        let only = !t.is_empty() && t.bytes().all(|c| c == b'-' || c == b' ');
        only.then(|| t.split(' ').map(str::len).max().unwrap_or(0))
    };
    let mut out = Vec::new();
    let mut r = 0;
    while r < grid.rows.len() {
        let start = r;
        while r < grid.rows.len() && dashes(r).is_some() {
            r += 1;
        }
        let run = start..r;
        if run.len() >= 2 && run.clone().any(|k| dashes(k) >= Some(10)) {
            out.extend(run.filter(|&k| dashes(k) < Some(3)));
        }
        r = r.max(start + 1);
    }
    out
}

/// The text with the column of a layout grid that holds the report given back
/// as the text it frames (see the module docs), or `None` when no grid holds
/// one. `original` is the text `norm` was normalized from; the result has the
/// length of `doc`, `norm.text` or a text with its offsets.
pub(crate) fn unframe(doc: &str, norm: &Normalized, original: &str) -> Option<String> {
    if !doc.contains("| +--") {
        return None;
    }
    let mut bytes: Option<Vec<u8>> = None;
    for grid in grids(doc, norm, original) {
        let n = grid.rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        let text = |k: usize| {
            grid.rows
                .iter()
                .filter_map(move |(_, cells)| cells.get(k))
                .map(|&(a, b)| &doc[a..b])
        };
        let Some(column) = (0..n).max_by_key(|&k| text(k).map(|t| t.trim().len()).sum::<usize>())
        else {
            continue;
        };
        let joined = wrapped_headings(doc, &grid, column);
        let pieces = rule_pieces(doc, &grid, column);
        let headings = text(column)
            .filter(|t| super::heading::heading_line(t.trim()).is_some())
            .count();
        if headings + joined.len() < 2 {
            continue;
        }
        let out = bytes.get_or_insert_with(|| doc.as_bytes().to_vec());
        let last = grid.rows.len() - 1;
        for (r, ((s, e), cells)) in grid.rows.iter().enumerate() {
            let keep = cells
                .get(column)
                .copied()
                .filter(|_| !pieces.contains(&r))
                .unwrap_or((*e, *e));
            for b in (*s..keep.0).chain(keep.1..*e) {
                out[b] = b' ';
            }
            if keep.0 < *e && !cells.is_empty() && !joined.contains(&r) {
                out[keep.0 - 1] = b'\n';
            }
            let next_is_row = r < last && !grid.rows[r + 1].1.is_empty();
            if next_is_row && *e < out.len() {
                out[*e] = b' ';
            }
        }
    }
    // only ASCII bytes were written over whole chars: still UTF-8
    bytes.map(|b| String::from_utf8(b).unwrap_or_else(|_| doc.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    /// Cut from pandoc's `-t plain` of a report in a page's layout table.
    const PAGE: &str = "\
+-----------------------------------------------------------------------+
| -   首页                                                              |
+-----------------------------------------------------------------------+
| +--------------------------------+--------------------------------+   |
| | -   政府信息公开指南           | 当前位置：首页 >               |   |
| |                                | 一、总体情况                   |   |
| |                                |                                |   |
| |                                | 二、主动公开政府信息情况       |   |
| |                                |   规章                   0     |   |
| |                                |             0                0 |   |
| |                                | （二）部分公开                 |   |
| +--------------------------------+--------------------------------+   |
+-----------------------------------------------------------------------+
";

    fn unframed(text: &str) -> Option<String> {
        let norm = normalize(text);
        unframe(&norm.text, &norm, text)
    }

    #[test]
    fn the_column_is_the_text_it_frames() {
        let out = unframed(PAGE).expect("a framed report");
        let norm = normalize(PAGE);
        assert_eq!(out.len(), norm.text.len());
        let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
        let at = lines
            .iter()
            .position(|l| *l == "当前位置:首页 >")
            .expect("{out}");
        assert_eq!(
            lines[at..at + 7],
            [
                "当前位置:首页 >",
                "一、总体情况",
                "",
                "二、主动公开政府信息情况",
                "  规章                   0",
                "            0                0",
                "(二)部分公开",
            ],
            "{out}"
        );
        assert!(
            !out.contains("政府信息公开指南"),
            "the other column is gone"
        );
        // every byte kept its offset
        let i = out.find("规章").unwrap();
        assert_eq!(&norm.text[i..i + "规章".len()], "规章");
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(width('规'), 2);
        assert_eq!(width('（'), 2);
        assert_eq!(width('('), 1);
        assert_eq!(width('“'), 1);
        // the full-width parentheses of `（二）`, `(二)` once normalized, are
        // counted as printed: the row still has its border at column 68
        assert!(unframed(PAGE).unwrap().contains("\n(二)部分公开"));
    }

    #[test]
    fn a_heading_wrapped_after_its_ordinal_is_one_line() {
        let page = PAGE.replace(
            "| |                                |                                |   |\n| |                                | 二、主动公开政府信息情况       |   |",
            "| |                                | 二、                           |   |\n| |                                | 主动公开政府信息情况           |   |",
        );
        let out = unframed(&page).expect("a framed report");
        let line = out.lines().find(|l| l.starts_with("二、")).expect("{out}");
        assert_eq!(
            line.split_whitespace().collect::<Vec<_>>(),
            ["二、", "主动公开政府信息情况"]
        );
        // a line of prose before a heading stays its own line
        assert!(out.lines().any(|l| l.trim_end() == "一、总体情况"), "{out}");
    }

    #[test]
    fn a_short_piece_of_a_wrapped_rule_is_left_out() {
        let page = PAGE.replace(
            "| |                                | （二）部分公开                 |   |",
            "| |                                |   --                           |   |\n| |                                | ------------------------------ |   |\n| |                                | -------- --------------------- |   |\n| |                                | -                              |   |",
        );
        let out = unframed(&page).expect("a framed report");
        let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("---"))
            .expect("{out}");
        // the pieces are spaces at the end of the line before them
        assert!(lines[at - 1].ends_with("0                0"), "{out}");
        assert!(
            !lines.iter().any(|l| l.trim() == "--" || l.trim() == "-"),
            "{out}"
        );
        assert_eq!(lines[at + 1], "-------- ---------------------", "{out}");
    }

    #[test]
    fn a_wide_character_against_a_bar_ends_its_cell() {
        // no padding space before the bar: the cell ends at the bar, not
        // inside the character
        let page = PAGE.replace(
            "| |                                | （二）部分公开                 |   |",
            "| |                                | （二）部分公开               开|   |",
        );
        assert_ne!(page, PAGE);
        let out = unframed(&page).expect("a framed report");
        assert!(out.contains("\n(二)部分公开"), "{out}");
    }

    #[test]
    fn grids_without_a_report_are_left() {
        // the same frame around a table's cells: no section headings
        let table = PAGE
            .replace("一、总体情况      ", "行政许可          ")
            .replace("二、主动公开政府信息情况", "行政处罚                ");
        assert_eq!(unframed(&table), None);
        // a line off the borders ends the grid before the headings
        let off = PAGE.replace(
            "| |                                | 一、",
            "| |                               | 一、",
        );
        assert_eq!(unframed(&off), None);
        assert_eq!(unframed("一、总体情况\n二、主动公开政府信息情况\n"), None);
    }
}
