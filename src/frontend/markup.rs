//! Inline markup that markdown converters leave around a report's words, taken
//! out of a text document before it is parsed, with a map back to the text.
//!
//! `pandoc -t markdown` of a Word-exported page wraps every run of text in an
//! attribute span, and headings and cells with it:
//!
//! ```text
//! **[四、政府信息公开行政复议、行政诉讼情况]{style="font-family:黑体"}**[]{lang="EN-US"}
//! [6]{style="font-size:10.5pt;font-family:仿宋_GB2312"}
//! ```
//!
//! Markdown heading marks and bold lines (`# …`, `**…**`) go too (see
//! [`strip_line_marks`]). The grammar of the spans removed (the text inside a
//! span is kept):
//!
//! ```text
//! span       = "[" inner "]" attributes
//! inner      = (any char but "[", "]")*               (at most 4 KiB)
//! attributes = "{" (any char but "{", "}", "|")* "}"  (at most 1 KiB, newlines allowed)
//! ```

use crate::error::Error;
use crate::normalize::{OffsetMap, OffsetMapBuilder};
use crate::options::Limits;

/// The longest attribute list read, in bytes.
const MAX_ATTRIBUTES: usize = 1024;
/// The longest text inside a span, in bytes.
const MAX_INNER: usize = 4096;

/// The length of the attribute list `{…}` at the start of `rest`.
fn attributes(rest: &str) -> Option<usize> {
    if !rest.starts_with('{') {
        return None;
    }
    let close = rest[1..]
        .char_indices()
        .take_while(|&(i, c)| i < MAX_ATTRIBUTES && c != '{' && c != '|')
        .find(|&(_, c)| c == '}')?
        .0;
    Some(close + 2)
}

/// For a span opening at `text[at]` (a `[`): the byte ranges of its closing
/// `]{…}`, and of its inner text.
fn span_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at + 1..];
    let (close, _) = rest
        .char_indices()
        .take_while(|&(i, c)| i < MAX_INNER && c != '[')
        .find(|&(_, c)| c == ']')?;
    let after = at + 1 + close + 1;
    let len = attributes(&text[after..])?;
    Some((at + 1 + close, after + len))
}

/// The end of a pass that takes marks out of `text`: `out` and `map` hold
/// what came before byte `copied_from`, the rest is copied as it is. `None`
/// when nothing was taken out (nothing was ever skipped).
fn copied_rest(
    text: &str,
    mut out: String,
    mut map: OffsetMapBuilder,
    copied_from: usize,
) -> Option<(String, OffsetMap)> {
    if copied_from == 0 {
        return None;
    }
    map.copied(out.len(), copied_from);
    out.push_str(&text[copied_from..]);
    let len = out.len();
    Some((out, map.finish(len, text.len())))
}

/// The text without its attribute spans, and the map of its offsets to `text`;
/// `None` when there are none.
pub(crate) fn strip_spans(text: &str) -> Option<(String, OffsetMap)> {
    // a search for the byte `]` first: most texts hold none
    if memchr::memchr(b']', text.as_bytes()).is_none() || !text.contains("]{") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMapBuilder::new();
    let mut copied_from = 0; // start of the text not yet copied
    let mut pending_close: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if let Some(&(close, end)) = pending_close.last()
            && i == close
        {
            map.copied(out.len(), copied_from);
            out.push_str(&text[copied_from..i]);
            copied_from = end;
            i = end;
            pending_close.pop();
            continue;
        }
        if bytes[i] == b'['
            && pending_close.is_empty()
            && let Some((close, end)) = span_at(text, i)
        {
            map.copied(out.len(), copied_from);
            out.push_str(&text[copied_from..i]);
            copied_from = i + 1;
            pending_close.push((close, end));
            i += 1;
            continue;
        }
        i += 1;
    }
    copied_rest(text, out, map, copied_from)
}

/// The marks of markdown headings and bold lines, which hide a heading from
/// the grammar: `# 题目` and `**二、主动公开政府信息情况**` read as their text.
///
/// ```text
/// line = "#"{1,6} " " text | "**" text "**" | text
/// ```
pub(crate) fn strip_line_marks(text: &str) -> Option<(String, OffsetMap)> {
    // every mark holds a `#` or a `*`: a search for those bytes first spares
    // the walk over the lines of a text that has none
    memchr::memchr2(b'#', b'*', text.as_bytes())?;
    let marked = text.split('\n').any(|line| {
        let t = line.trim_start();
        t.starts_with("**") || t.starts_with('#')
    });
    if !marked {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMapBuilder::new();
    let mut changed = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let rest = &body[lead..];
        let hashes = rest.bytes().take_while(|&b| b == b'#').count();
        let (cut_start, cut_end) = if (1..=6).contains(&hashes) && rest[hashes..].starts_with(' ') {
            (lead + hashes + 1, body.len())
        } else if rest.len() > 4
            && rest.starts_with("**")
            && rest.trim_end().ends_with("**")
            && !rest[2..rest.trim_end().len() - 2].contains("**")
        {
            (lead + 2, lead + rest.trim_end().len() - 2)
        } else {
            (0, body.len())
        };
        if (cut_start, cut_end) != (0, body.len()) {
            changed = true;
        }
        map.copied(out.len(), at + cut_start);
        out.push_str(&line[cut_start..cut_end]);
        map.copied(out.len(), at + body.len());
        out.push_str(&line[body.len()..]);
        at += line.len();
    }
    if !changed {
        return None;
    }
    let len = out.len();
    Some((out, map.finish(len, text.len())))
}

/// Inline HTML tags a markdown converter keeps (`<span style="…">`, `</span>`,
/// `<o:p>`): their text stays, the tags go.
///
/// ```text
/// tag  = "<" "/"? name (any char but "<", ">")* ">"      (at most 1 KiB)
/// name = "span" | "div" | "p" | "br" | "o:p" | "font" | "b" | "strong" | "a" | …
/// ```
pub(crate) fn strip_tags(text: &str) -> Option<(String, OffsetMap)> {
    const NAMES: &[&str] = &[
        "span", "div", "p", "br", "o:p", "font", "b", "strong", "i", "em", "u", "a", "img", "sup",
        "sub", "colgroup", "col",
    ];
    memchr::memchr(b'<', text.as_bytes())?;
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut map = OffsetMapBuilder::new();
    let mut copied_from = 0;
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let at = i + off;
        let rest = &text[at + 1..];
        let name_start = usize::from(rest.starts_with('/'));
        let name_len = rest[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b':')
            .count();
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let close = rest
            .char_indices()
            .take_while(|&(j, c)| j < MAX_ATTRIBUTES && c != '<')
            .find(|&(_, c)| c == '>');
        match close {
            Some((end, _)) if NAMES.contains(&name.as_str()) => {
                let after = bytes.get(at + 1 + name_start + name_len).copied();
                if matches!(after, Some(b'>' | b' ' | b'\n' | b'/' | b'\t')) {
                    map.copied(out.len(), copied_from);
                    out.push_str(&text[copied_from..at]);
                    copied_from = at + 1 + end + 1;
                }
                i = at + 1 + end + 1;
            }
            _ => i = at + 1,
        }
    }
    copied_rest(text, out, map, copied_from)
}

/// The HTML tables inside a markdown text (`<table>…</table>`, as pandoc
/// writes tables with merged cells), each read by the HTML front end and
/// written as tab-separated rows on lines of their own.
///
/// # Errors
///
/// A table past the [`Limits`] (nesting, cells).
#[cfg(feature = "html")]
pub(crate) fn read_tables(
    text: &str,
    limits: &Limits,
) -> Result<Option<(String, OffsetMap)>, Error> {
    let has_table = memchr::memchr_iter(b'<', text.as_bytes()).any(|at| {
        text.as_bytes()
            .get(at + 1..at + 6)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"table"))
    });
    if !has_table {
        return Ok(None);
    }
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMapBuilder::new();
    let mut copied_from = 0;
    let mut i = 0;
    while let Some(off) = lower[i..].find("<table") {
        let start = i + off;
        // the matching end tag, tables inside tables counted
        let mut depth = 0usize;
        let mut j = start;
        let end = loop {
            let next_open = lower[j + 1..].find("<table").map(|o| j + 1 + o);
            let Some(next_close) = lower[j + 1..].find("</table").map(|o| j + 1 + o) else {
                break None;
            };
            match next_open {
                Some(o) if o < next_close => {
                    depth += 1;
                    j = o;
                }
                _ if depth > 0 => {
                    depth -= 1;
                    j = next_close;
                }
                _ => break lower[next_close..].find('>').map(|g| next_close + g + 1),
            }
        };
        let Some(end) = end else { break };
        let (table, _, _) = super::html_text(&text[start..end], false, limits)?;
        map.copied(out.len(), copied_from);
        out.push_str(&text[copied_from..start]);
        out.push('\n');
        map.append(out.len(), &table.map, start);
        out.push_str(&table.text);
        map.copied(out.len(), end);
        copied_from = end;
        i = end;
    }
    Ok(copied_rest(text, out, map, copied_from))
}

/// The text without the markup above, and its map to `text`: HTML tables
/// read, then inline tags, attribute spans and line marks taken out.
///
/// # Errors
///
/// An HTML table inside the text past the [`Limits`].
pub(crate) fn strip(text: &str, limits: &Limits) -> Result<Option<(String, OffsetMap)>, Error> {
    type Step = fn(&str) -> Option<(String, OffsetMap)>;
    let steps: &[Step] = &[strip_tags, strip_spans, strip_line_marks];
    #[cfg(feature = "html")]
    let mut current = read_tables(text, limits)?;
    #[cfg(not(feature = "html"))]
    let mut current: Option<(String, OffsetMap)> = {
        let _ = limits;
        None
    };
    for step in steps {
        let input = current.as_ref().map_or(text, |(t, _)| t.as_str());
        if let Some((t, m)) = step(input) {
            current = Some(match current {
                Some((_, before)) => (t, m.compose(&before)),
                None => (t, m),
            });
        }
    }
    Ok(current)
}

#[cfg(test)]
mod tests {
    use super::{Limits, strip_spans};

    fn strip(text: &str) -> Option<(String, crate::normalize::OffsetMap)> {
        super::strip(text, &Limits::default()).unwrap()
    }

    #[test]
    fn heading_and_bold_marks_go() {
        let text =
            "# 某县2020年政府信息公开工作年度报告\n**二、主动公开政府信息情况**\n规章 **1**\n";
        let (out, map) = strip(text).unwrap();
        assert_eq!(
            out,
            "某县2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n规章 **1**\n"
        );
        let two = out.find("二、").unwrap();
        assert_eq!(&text[map.map(two)..map.map(two) + 3], "二");
        let text = "**[二、情况]{style=\"x\"}**\n";
        assert_eq!(strip(text).unwrap().0, "二、情况\n");
        assert!(strip("规章\t1\n#1 号\n").is_none());
    }

    #[test]
    fn spans_leave_their_text() {
        let text = "**[四、情况]{style=\"font-family:黑体\"}**[]{lang=\"EN-US\"}\n[6]{style=\"a\"} [1]{.x}\n";
        let (out, map) = strip_spans(text).unwrap();
        assert_eq!(out, "**四、情况**\n6 1\n");
        // every byte maps back to the same text
        let six = out.find('6').unwrap();
        let at = map.map(six);
        assert_eq!(&text[at..at + 1], "6");
        let heading = out.find("四").unwrap();
        assert_eq!(&text[map.map(heading)..map.map(heading) + 3], "四");
    }

    #[test]
    fn inline_tags_go_and_html_tables_become_rows() {
        let text = "**<span style=\"x\">二、情况</span>**<span lang=\"EN-US\"></span>\n\n<table><tr><td>规章</td><td>5</td></tr></table>\n尾 a<b\n";
        let (out, map) = strip(text).unwrap();
        assert!(out.starts_with("二、情况\n"), "{out:?}");
        assert!(out.contains("规章\t5"), "{out:?}");
        assert!(out.ends_with("尾 a<b\n"), "{out:?}");
        let five = out.find('5').unwrap();
        assert_eq!(&text[map.map(five)..map.map(five) + 1], "5");
        assert!(super::strip_tags("a < b, c<d>e").is_none());
    }

    #[test]
    fn brackets_that_are_no_span_stay() {
        assert!(strip_spans("[1] 见附件 {注}").is_none());
        let text = "[a]{b} [见附件]";
        let (out, _) = strip_spans(text).unwrap();
        assert_eq!(out, "a [见附件]");
        assert!(strip_spans("]{ [x").is_none());
    }
}
