//! Tables drawn with box characters, as text browsers print them (`w3m -dump`):
//!
//! ```text
//! ┌───────────────┬────────────┐
//! │信息内│本年 │本年 │
//! │  容  │新制 │新公 │
//! ├──────┼─────┼─────┤
//! │规范性│  5  │  5  │
//! │ 文件 │     │     │
//! ```
//!
//! The grammar of one line (a cell's text may be empty):
//!
//! ```text
//! box_line  = [text] (vertical segment)+ [text]
//! segment   = rule_run | cell_text          (up to the next vertical)
//! vertical  = "│" | "├" | "┤" | "┼" | "┬" | "┴" | "┌" | "┐" | "└" | "┘" | "┃" | "║" | …
//! rule_run  = ("─" | "━" | "═")+
//! rule_line = (vertical | rule_run | " ")+  containing a rule_run, no "│"
//! ```
//!
//! A table row may take several lines: a cell's text wraps inside its box, and
//! the pieces of one cell are those at the same display column (a CJK
//! character takes two columns, as on the terminal) down to the next rule
//! under that column. Rows end at rule lines under the last column; a table
//! drawn without rule lines between rows starts a row at every line with a
//! value, the lines without values continuing the row above (a wrapped label)
//! or, before the first values, the header.
//!
//! Each cell becomes tokens in column order: an empty cell one empty token, a
//! cell of text one token per piece, each piece with its [`Place`] so that the
//! table grammar can join a cell's pieces (`1.属于` `国家秘` `密`).

use super::{Place, Token, cell, trimmed};
use crate::normalize::{Normalized, display_width};

/// The display width of the normalized char at byte `at`: the width of the
/// char it was normalized from (`（` is two columns, the `(` it becomes one).
/// The ASCII chars NFKC makes of wide ones (full-width forms, U+3000) were
/// three bytes long; those made of two bytes (a no-break space) were narrow.
pub(super) fn width_at(norm: Option<&Normalized>, c: char, at: usize) -> u32 {
    if c.is_ascii()
        && let Some(norm) = norm
        && norm.original_range(at..at + 1).len() >= 3
    {
        return 2;
    }
    width(c)
}

/// A character that draws a vertical cell border, alone or where rules meet.
fn is_vertical(c: char) -> bool {
    matches!(
        c,
        '│' | '├'
            | '┤'
            | '┼'
            | '┬'
            | '┴'
            | '┌'
            | '┐'
            | '└'
            | '┘'
            | '┃'
            | '┣'
            | '┫'
            | '╋'
            | '┳'
            | '┻'
            | '┏'
            | '┓'
            | '┗'
            | '┛'
            | '║'
            | '╠'
            | '╣'
            | '╬'
            | '╦'
            | '╩'
            | '╔'
            | '╗'
            | '╚'
            | '╝'
    )
}

/// A character of a horizontal rule.
fn is_rule(c: char) -> bool {
    matches!(c, '─' | '━' | '═')
}

/// True for a line that carries cell text between vertical borders.
pub(super) fn is_box_line(line: &str) -> bool {
    // │ ┃ ║ are E2 94 82, E2 94 83 and E2 95 91 in UTF-8, and E2 only ever
    // starts a character: the bytes are compared, no character decoded
    line.as_bytes()
        .windows(3)
        .any(|w| matches!(w, [0xE2, 0x94, 0x82 | 0x83] | [0xE2, 0x95, 0x91]))
}

/// A rule line of an ASCII grid table (pandoc's grid tables):
///
/// ```text
/// grid_rule = "+" (("-" | "=" | ":")+ "+")+
/// ```
pub(super) fn is_grid_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 3
        && t.starts_with('+')
        && t.ends_with('+')
        && t.contains(['-', '='])
        && t.bytes().all(|b| matches!(b, b'+' | b'-' | b'=' | b':'))
}

/// How the table is drawn: with box characters, or as an ASCII grid
/// (`+----+` rules, `|` between cells).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Box,
    Grid,
}

impl Style {
    fn is_content_line(self, line: &str) -> bool {
        match self {
            Style::Box => is_box_line(line),
            Style::Grid => line.trim_start().starts_with('|'),
        }
    }

    fn is_rule_line(self, line: &str) -> bool {
        match self {
            Style::Box => is_rule_line(line),
            Style::Grid => is_grid_rule(line),
        }
    }

    fn is_vertical(self, c: char) -> bool {
        match self {
            Style::Box => is_vertical(c),
            Style::Grid => c == '|',
        }
    }
}

/// A cell's text without the attribute spans a markdown converter wrote in it
/// and cut across the cell's lines (`[规` / `范性文件]{styl` / `e="…"}`): the
/// text inside the brackets stays.
///
/// ```text
/// span = "[" text "]" "{" (any char but "}")* "}"
/// ```
pub(crate) fn unspanned(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("]{") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(close) = rest.find("]{") {
        let Some(end) = rest[close..].find('}') else {
            break;
        };
        let before = &rest[..close];
        match before.rfind('[') {
            Some(open) => {
                out.push_str(&before[..open]);
                out.push_str(&before[open + 1..]);
            }
            None => out.push_str(before),
        }
        rest = &rest[close + end + 1..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// True for a line that only draws rules: `├────┼────┤`.
fn is_rule_line(line: &str) -> bool {
    line.chars().any(is_rule)
        && line
            .chars()
            .all(|c| is_rule(c) || is_vertical(c) || c.is_whitespace())
}

/// The columns a character takes on a terminal ([`display_width`]).
pub(super) fn width(c: char) -> u32 {
    u32::from(display_width(c))
}

/// One segment of a box line: the text between two verticals.
struct Segment {
    /// Byte range of the segment in the document.
    start: usize,
    end: usize,
    /// Display columns the segment covers.
    from: u32,
    to: u32,
    /// True when the segment only draws a rule.
    rule: bool,
}

/// The segments of a box line, between its first and last verticals.
fn segments(
    doc: &str,
    norm: Option<&Normalized>,
    style: Style,
    s: usize,
    e: usize,
) -> Vec<Segment> {
    let line = &doc[s..e];
    let mut out = Vec::new();
    let mut column = 0u32;
    let mut open: Option<(usize, u32)> = None;
    for (i, c) in line.char_indices() {
        if style.is_vertical(c) {
            if let Some((start, from)) = open.take() {
                let text = &line[start..i];
                let rule =
                    text.chars().any(is_rule) && text.chars().all(|c| is_rule(c) || c == ' ');
                out.push(Segment {
                    start: s + start,
                    end: s + i,
                    from,
                    to: column,
                    rule,
                });
            }
            column += width(c);
            open = Some((i + c.len_utf8(), column));
            continue;
        }
        column += width_at(norm, c, s + i);
    }
    out
}

/// A cell of the row being read: its column and its pieces of text.
struct Open {
    from: u32,
    /// Byte ranges of the non-empty pieces, top to bottom, with their line.
    pieces: Vec<(usize, usize, u32)>,
    /// Where an empty cell sits.
    at: usize,
    /// Closed by a rule under it: a piece in its column starts a new cell.
    closed: bool,
}

/// The row being read.
#[derive(Default)]
struct Row {
    cells: Vec<Open>,
    values: bool,
    /// The columns where the row's lines with values open a cell.
    value_columns: Vec<u32>,
}

impl Row {
    fn flush(&mut self, doc: &str, out: &mut Vec<Token>) {
        let mut cells = std::mem::take(&mut self.cells);
        // column order; cells of one column in the order they were opened
        cells.sort_by_key(|c| c.from);
        // the lines of one row draw their verticals at the same columns: an
        // empty cell where the row's values line opens none is no cell of the
        // row but a line whose verticals moved (a figure and the `|` after it
        // deleted), and would make the row look whole
        let value_columns = std::mem::take(&mut self.value_columns);
        cells.retain(|c| {
            !c.pieces.is_empty() || value_columns.is_empty() || value_columns.contains(&c.from)
        });
        let mut first = true;
        for c in cells {
            if c.pieces.is_empty() {
                out.push(cell(doc, c.at, c.at, first));
                first = false;
                continue;
            }
            // a cell written inside an attribute span: its value, or nothing
            let joined: String = c.pieces.iter().map(|&(s, e, _)| &doc[s..e]).collect();
            if joined.contains("]{") {
                let bare = unspanned(&joined);
                let bare = bare.trim();
                if bare.is_empty() {
                    out.push(cell(doc, c.at, c.at, first));
                    first = false;
                    continue;
                }
                let piece = c.pieces.iter().find_map(|&(s, e, _)| {
                    doc[s..e].find(bare).map(|i| (s + i, s + i + bare.len()))
                });
                if let Some((s, e)) = piece
                    && cell(doc, s, e, false).scalar.is_some()
                {
                    out.push(cell(doc, s, e, first));
                    first = false;
                    continue;
                }
            }
            for (s, e, line) in c.pieces {
                let mut token = cell(doc, s, e, first);
                first = false;
                if token.is_text() {
                    let chars = doc[token.start..token.end].chars().map(width).sum::<u32>();
                    token.at = Some(Place {
                        line,
                        page: 0,
                        start: c.from,
                        end: c.from.saturating_add(chars),
                    });
                }
                out.push(token);
            }
        }
        self.values = false;
    }

    fn add(&mut self, doc: &str, seg: &Segment, line: u32) {
        let (s, e) = trimmed(doc, seg.start, seg.end);
        let slot = self
            .cells
            .iter_mut()
            .rposition(|c| c.from == seg.from && !c.closed);
        let index = match slot {
            Some(i) => i,
            None => {
                self.cells.push(Open {
                    from: seg.from,
                    pieces: Vec::new(),
                    at: seg.start,
                    closed: false,
                });
                self.cells.len() - 1
            }
        };
        if s < e {
            if cell(doc, s, e, false).scalar.is_some() {
                self.values = true;
            }
            self.cells[index].pieces.push((s, e, line));
        }
    }

    /// A rule under columns `from..to`: the cells there are complete.
    fn close(&mut self, from: u32, to: u32) {
        for c in &mut self.cells {
            if c.from >= from && c.from < to {
                c.closed = true;
            }
        }
    }
}

/// True when a box line holds a value (a number or a blank mark) in a cell.
fn has_value(doc: &str, segments: &[Segment]) -> bool {
    segments.iter().filter(|g| !g.rule).any(|g| {
        let (s, e) = trimmed(doc, g.start, g.end);
        s < e && cell(doc, s, e, false).scalar.is_some()
    })
}

/// Splits a table drawn with box characters into cells and rows; lines that
/// are no box lines (a note, a caption) are cells of their own, each a row.
pub(super) fn tokenize(
    doc: &str,
    norm: Option<&Normalized>,
    start: usize,
    end: usize,
    out: &mut Vec<Token>,
) {
    let all = super::line_list(doc, start, end);
    let style = if all.iter().any(|&(s, e)| is_box_line(&doc[s..e])) {
        Style::Box
    } else {
        Style::Grid
    };
    // tables drawn with rules between rows end rows at the rules
    let ruled = all.iter().any(|&(s, e)| {
        let line = &doc[s..e];
        style.is_rule_line(line)
            || (style.is_content_line(line)
                && segments(doc, norm, style, s, e).iter().any(|g| g.rule))
    });
    let mut row = Row::default();
    for (number, &(s, e)) in all.iter().enumerate() {
        let line = &doc[s..e];
        let line_number = u32::try_from(number).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            continue;
        }
        if !style.is_content_line(line) {
            row.flush(doc, out);
            if !style.is_rule_line(line) {
                out.push(cell(doc, s, e, true));
            }
            continue;
        }
        let segs = segments(doc, norm, style, s, e);
        let values = has_value(doc, &segs);
        if !ruled && values && (row.values || !row.cells.is_empty()) {
            row.flush(doc, out);
        }
        for seg in &segs {
            if seg.rule {
                row.close(seg.from, seg.to);
            } else {
                row.add(doc, seg, line_number);
                if values {
                    row.value_columns.push(seg.from);
                }
            }
        }
        // a rule under the last column ends the row
        if ruled && segs.last().is_some_and(|g| g.rule) {
            row.flush(doc, out);
        }
    }
    row.flush(doc, out);
}

#[cfg(test)]
mod tests {
    use super::super::{Layout, detect, tokenize as all_tokens};
    use super::is_box_line;

    proptest::proptest! {
        /// Comparing bytes finds a box character exactly where looking for
        /// the characters does.
        #[test]
        fn box_lines_by_bytes_are_box_lines_by_characters(
            line in "[a │┃║┄┅═╬╡┼─丨\u{2501}\u{2550}\u{2552}]{0,12}"
        ) {
            proptest::prop_assert_eq!(is_box_line(&line), line.contains(['│', '┃', '║']));
        }
    }

    fn cells(doc: &str) -> Vec<(String, bool)> {
        assert_eq!(detect(doc, 0, doc.len()), Layout::Boxed);
        all_tokens(doc, 0, doc.len(), Layout::Boxed)
            .iter()
            .map(|t| (t.text(doc).to_string(), t.row_start))
            .collect()
    }

    #[test]
    fn ruled_rows_with_wrapped_cells() {
        let doc = "┌──────┬─────┬─────┐\n│信息内│本年 │对外 │\n│  容  │新制 │公开 │\n├──────┼─────┼─────┤\n│规范性│  5  │     │\n│ 文件 │     │     │\n└──────┴─────┴─────┘\n";
        let got = cells(doc);
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "信息内",
                "容",
                "本年",
                "新制",
                "对外",
                "公开",
                "规范性",
                "文件",
                "5",
                ""
            ]
        );
        let starts: Vec<bool> = got.iter().map(|(_, r)| *r).collect();
        assert_eq!(
            starts,
            [
                true, false, false, false, false, false, true, false, false, false
            ]
        );
    }

    #[test]
    fn a_rule_under_some_columns_splits_their_cells() {
        let doc = "│（本列│申请人情况      │\n│数据）├─────┬──────┤\n│      │自然 │法人  │\n│      │人   │      │\n├──────┼─────┼──────┤\n│规章  │1    │2     │\n";
        let texts: Vec<String> = cells(doc).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            texts,
            [
                "（本列",
                "数据）",
                "申请人情况",
                "",
                "自然",
                "人",
                "法人",
                "规章",
                "1",
                "2"
            ]
        );
    }

    #[test]
    fn rows_without_rules_start_at_values() {
        let doc =
            "│      │申请人│\n│      │自然人│\n│一、本年│3   │\n│1.申请人无│4 │\n│理由   │   │\n";
        let got = cells(doc);
        let rows: Vec<&str> = got
            .iter()
            .filter(|(_, r)| *r)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(rows, ["", "一、本年", "1.申请人无"]);
        assert!(got.iter().any(|(t, _)| t == "理由"));
    }

    #[test]
    fn a_values_line_whose_verticals_moved_keeps_no_empty_cell_of_the_next() {
        // `| 36 | 2 | 215 |` with `36` and `2` run together: the row's values
        // line shows two cells; the empty cells of its label's second line,
        // at columns where it opens none, do not make it whole again
        let rule = "+------+------+------+------+\n";
        let head = format!("{rule}| 信息 | 上年 | 增减 | 决定 |\n{rule}");
        let doc =
            format!("{head}| 其他 | 36   | 2    | 215  |\n| 事项 |      |      |      |\n{rule}");
        let texts: Vec<String> = cells(&doc).into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts[4..], ["其他", "事项", "36", "2", "215"]);
        let doc = format!("{head}| 其他 | 362    | 215  |\n| 事项 |      |      |      |\n{rule}");
        let texts: Vec<String> = cells(&doc).into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts[4..], ["其他", "事项", "362", "215"]);
    }

    #[test]
    fn grid_tables_with_spans_cut_across_lines() {
        let doc = "+--------+--------+\n| [信息内 | [本年]{s |\n| 容]{x}  | tyle}   |\n+--------+--------+\n| [规章]{ | [5]{sty |\n| y}      | le}     |\n| [ ]{y}  |         |\n+--------+--------+\n";
        let got = cells(doc);
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts[texts.len() - 1], "5");
        assert!(got.iter().filter(|(_, r)| *r).count() == 2);
        assert_eq!(super::unspanned("[规]{a}[章]{b c} 1"), "规章 1");
        assert_eq!(super::unspanned("[a] {b}"), "[a] {b}");
    }
}
