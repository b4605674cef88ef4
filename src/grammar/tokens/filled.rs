//! Cells of pipe tables filled with `_` by a tool that measures cells in
//! bytes (Debian's `html2text`).
//!
//! Such a tool cuts CJK characters apart where a cell ends (the broken bytes
//! are kept as U+FFFD) and writes the second line of a wrapped cell over the
//! fill of the cells after it: `|22\u{fffd}|8一|\u{fffd}\u{fffd}|` holds the
//! values 22 and 8 followed by pieces of a label, and a value whose cell was
//! written over entirely. The fill it writes over is what follows a cell's
//! text, so a value's first digits are the figure's first digits; whether
//! more digits followed is not told. Such a cell is [`Scalar::Cut`]: never a
//! figure by itself (the table's sums may decide it, see
//! `table::cut_values`).

use super::{Token, cell, trimmed};
use crate::grammar::value::{Scalar, scalar};

/// The broken bytes of a character cut apart.
const BROKEN: char = '\u{fffd}';

/// A cell of a pipe table drawn by a text tool that fills cells with `_`:
/// the fill goes, and so does the U+FFFD such a tool leaves where it cut a
/// character apart, after text (`规范性文\u{fffd}`). `cuts` tells that the
/// table shows such marks: then a value followed by anything but fill is a
/// value cut apart, as is a cell of broken bytes alone; without them such a
/// cell stays text.
///
/// ```text
/// filled_cell = "_"* body "_"*
/// body        = value                       (a figure)
///             | digit* written_over         (cut, when the table shows cuts)
///             | "/" written_over            (blank, when the table shows cuts)
///             | text "\u{fffd}"*            (text: a label cut short)
/// written_over = (char - digit - ".") char* containing "\u{fffd}", a CJK
///                character or a label's punctuation (`,` `(` `)` `:` `;`)
/// ```
pub(super) fn filled_cell(doc: &str, s: usize, e: usize, row_start: bool, cuts: bool) -> Token {
    let (s, e) = trimmed(doc, s, e);
    let field = &doc[s..e];
    // most cells: no fill around them, nothing cut (what the steps below
    // leave of such a cell is the cell as it stands)
    if !cuts && !field.starts_with('_') && !field.ends_with(['_', BROKEN]) {
        return Token {
            start: s,
            end: e,
            scalar: scalar(field),
            row_start,
            at: None,
        };
    }
    let inner = doc[s..e].trim_matches('_');
    let lead = doc[s..e].len() - doc[s..e].trim_start_matches('_').len();
    let (s, e) = trimmed(doc, s + lead, s + lead + inner.len());
    let text = &doc[s..e];
    if cuts && let Some(cut) = cut_value(text) {
        return Token {
            start: s,
            end: e,
            scalar: Some(cut),
            row_start,
            at: None,
        };
    }
    // a blank mark written over (`/\u{fffd}\u{fffd}`): the cell is blank
    if cuts
        && let Some(rest) = text.strip_prefix('/')
        && written_over(rest)
    {
        return cell(doc, s, s + 1, row_start);
    }
    let kept = text.trim_end_matches(BROKEN);
    if kept.len() < text.len() && scalar(kept).is_none() {
        return cell(doc, s, s + kept.len(), row_start);
    }
    cell(doc, s, e, row_start)
}

/// Settles the cells of one row, `out[from..]`: a cell of broken bytes alone
/// is a value written over only in a row of figures; in a row without
/// figures (a header row, `|结\u{fffd}|\u{fffd}|`) it is text: a label cut
/// to nothing. `overflow` tells that the row's last cell is text written past
/// its closing pipe (`|39\u{fffd}|）`): the second line of a wrapped cell,
/// no cell of a row of figures.
///
/// ```text
/// row = "|" (filled_cell "|")+ overflow?
///       (a broken-bytes-only cell is cut, text after a figure is cut, and
///       overflow goes, only if the row shows digits)
/// ```
pub(super) fn settle_row(doc: &str, out: &mut Vec<Token>, from: usize, overflow: bool) {
    let figures = out[from..].iter().any(|t| match t.scalar {
        Some(Scalar::Cut { digits, .. }) => digits > 0,
        Some(Scalar::Blank) | None => false,
        Some(_) => true,
    });
    if figures {
        if overflow && out.len() > from + 1 {
            out.pop();
        }
        // text after a figure is a label's second line written over a cell
        // (`|行政\u{fffd}|14\u{fffd}|文件|88|`): what the cell held is not told
        let first = out[from..]
            .iter()
            .position(|t| !t.is_text() && !t.is_blank())
            .map_or(out.len(), |i| from + i);
        for t in &mut out[first..] {
            if t.is_text() && !t.is_empty() {
                t.scalar = Some(Scalar::Cut {
                    prefix: 0,
                    digits: 0,
                });
            }
        }
        return;
    }
    for t in &mut out[from..] {
        if let Some(Scalar::Cut { digits: 0, .. }) = t.scalar {
            *t = filled_cell(doc, t.start, t.end, t.row_start, false);
        }
    }
}

/// The cut value `text` shows, if it is one: digits (perhaps none) and then
/// text written over the cell's fill.
///
/// ```text
/// cut_value = digit{0,18} written_over      (not itself a value)
/// ```
fn cut_value(text: &str) -> Option<Scalar> {
    if text.is_empty() || scalar(text).is_some() {
        return None;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    // a fraction (`0.35性收费`): its whole part is no count's first digits
    let fraction = text[digits..]
        .strip_prefix('.')
        .map(|f| f.bytes().take_while(u8::is_ascii_digit).count())
        .filter(|&n| digits > 0 && n > 0);
    let shown = fraction.map_or(digits, |n| digits + 1 + n);
    let rest = &text[shown..];
    // a cell of text alone is a label (`规范性文\u{fffd}`), unless nothing
    // but broken bytes is left of it
    let broken_alone = digits == 0 && rest.trim_matches('_').chars().all(|c| c == BROKEN);
    if !written_over(rest) || (digits == 0 && !broken_alone) || digits > 18 {
        return None;
    }
    if fraction.is_some() {
        return Some(Scalar::Cut {
            prefix: 0,
            digits: 0,
        });
    }
    let prefix = if digits == 0 {
        0
    } else {
        text[..digits].parse().ok()?
    };
    Some(Scalar::Cut {
        prefix,
        digits: u8::try_from(digits).ok()?,
    })
}

/// True when `rest`, what follows a value's digits, is text written over
/// the cell's fill.
fn written_over(rest: &str) -> bool {
    !rest.is_empty()
        && !rest.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && rest
            .chars()
            .any(|c| c == BROKEN || is_cjk(c) || is_label_mark(c))
}

/// True for the characters a wrapped label's second line writes over a fill:
/// CJK ideographs and full-width punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// True for the punctuation of labels as normalization writes it (full-width
/// `，（）：；` become ASCII): a piece of a label written over a fill
/// (`0，`), never part of a value.
fn is_label_mark(c: char) -> bool {
    matches!(c, ',' | '(' | ')' | ':' | ';')
}

/// True when the figures whose decimal digits start with those of a cut
/// value may be `value`: the values a cut cell may have printed.
pub(crate) fn may_be(prefix: u64, digits: u8, value: u64) -> bool {
    if digits == 0 {
        return true;
    }
    let written = value.to_string();
    let prefix = format!("{prefix:0width$}", width = usize::from(digits));
    written.starts_with(&prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, cuts: bool) -> (String, Option<Scalar>) {
        let t = filled_cell(text, 0, text.len(), false, cuts);
        (text[t.start..t.end].to_string(), t.scalar)
    }

    #[test]
    fn a_cell_without_fill_is_the_cell_as_it_stands() {
        for text in [
            "",
            "  ",
            " 12 ",
            "\u{3000}规章\u{3000}",
            "_1",
            "1_",
            "a\u{fffd}",
            "/\u{fffd}",
        ] {
            for cuts in [false, true] {
                let t = filled_cell(text, 0, text.len(), true, cuts);
                let plain =
                    !cuts && !text.trim().starts_with('_') && !text.trim().ends_with(['_', BROKEN]);
                if plain {
                    assert_eq!(t, cell(text, 0, text.len(), true), "{text:?}");
                }
            }
        }
        assert_eq!(read("_1", false).1, scalar("1"));
        assert_eq!(read("1_", false).1, scalar("1"));
    }

    #[test]
    fn fill_and_broken_bytes_after_a_label_go() {
        assert_eq!(read("___规范性文\u{fffd}__", true).0, "规范性文");
        assert_eq!(read("___规范性文\u{fffd}__", true).1, None);
        assert_eq!(read("__12___", true).1, scalar("12"));
        assert_eq!(read("_25.1万元_", true).1, scalar("25.1万元"));
    }

    #[test]
    fn values_written_over_are_cut() {
        let cut = |prefix, digits| Some(Scalar::Cut { prefix, digits });
        assert_eq!(read("22\u{fffd}", true).1, cut(22, 2));
        assert_eq!(read("___5的\u{fffd}", true).1, cut(5, 1));
        assert_eq!(read("8一", true).1, cut(8, 1));
        assert_eq!(read("___6\u{fffd}___", true).1, cut(6, 1));
        assert_eq!(read("\u{fffd}\u{fffd}\u{fffd}", true).1, cut(0, 0));
        assert_eq!(read("0\u{fffd}关", true).1, cut(0, 1));
        assert_eq!(read("___0,", true).1, cut(0, 1));
        assert_eq!(read("1,234", true).1, scalar("1,234"));
        assert_eq!(read("0.35性收费___", true).1, cut(0, 0));
        assert_eq!(read("25.1万元", true).1, scalar("25.1万元"));
        assert_eq!(
            read("/\u{fffd}__", true),
            ("/".to_string(), Some(Scalar::Blank))
        );
    }

    #[test]
    fn without_cut_marks_in_the_table_such_cells_stay_text() {
        assert_eq!(read("8一", false).1, None);
        assert_eq!(read("22\u{fffd}", false), ("22\u{fffd}".to_string(), None));
    }

    #[test]
    fn broken_bytes_alone_are_a_cut_value_only_in_a_row_of_figures() {
        let doc = "\u{fffd}|12|\u{fffd}|\u{fffd}";
        let cells = |ranges: &[(usize, usize)]| -> Vec<Token> {
            ranges
                .iter()
                .map(|&(s, e)| filled_cell(doc, s, e, false, true))
                .collect()
        };
        let mut values = cells(&[(0, 3), (4, 6)]);
        settle_row(doc, &mut values, 0, false);
        assert_eq!(
            values[0].scalar,
            Some(Scalar::Cut {
                prefix: 0,
                digits: 0
            })
        );
        let mut header = cells(&[(7, 10), (11, 14)]);
        settle_row(doc, &mut header, 0, true);
        assert_eq!(header.len(), 2);
        assert!(header.iter().all(Token::is_text));
    }

    #[test]
    fn text_past_the_closing_pipe_of_a_row_of_figures_goes() {
        let doc = "12|3\u{fffd}|）";
        let mut row: Vec<Token> = [(0, 2), (3, 7), (8, 11)]
            .iter()
            .map(|&(s, e)| filled_cell(doc, s, e, false, true))
            .collect();
        settle_row(doc, &mut row, 0, true);
        assert_eq!(row.len(), 2);
    }

    #[test]
    fn text_after_a_figure_in_its_row_is_a_cell_written_over() {
        let doc = "|行政\u{fffd}|14\u{fffd}|文件|88__";
        let mut row: Vec<Token> = [(0, 0), (1, 10), (11, 16), (17, 23), (24, 28)]
            .iter()
            .map(|&(s, e)| filled_cell(doc, s, e, false, true))
            .collect();
        settle_row(doc, &mut row, 0, false);
        // an empty cell before the label, as a merged group cell leaves
        assert!(row[0].is_blank());
        assert!(row[1].is_text());
        let written_over = Scalar::Cut {
            prefix: 0,
            digits: 0,
        };
        assert_eq!(row[3].scalar, Some(written_over));
        assert_eq!(row[4].scalar, scalar("88"));
    }

    #[test]
    fn text_is_no_cut_value() {
        assert_eq!(read("行政\u{fffd}", true).1, None);
        assert_eq!(read("文件", true).1, None);
        assert_eq!(read("1.属于国家", true).1, None);
        assert_eq!(read("2.其他法律行", true).1, None);
    }

    #[test]
    fn a_cut_value_may_be_any_figure_starting_with_its_digits() {
        assert!(may_be(22, 2, 22));
        assert!(may_be(22, 2, 221));
        assert!(!may_be(22, 2, 2));
        assert!(!may_be(22, 2, 32));
        assert!(may_be(0, 1, 0));
        assert!(!may_be(0, 1, 5));
        assert!(may_be(0, 0, 17));
    }
}
