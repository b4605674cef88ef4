//! The six section headings, with the variants real reports write (TEMPLATE.md §2).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while};
use nom::character::complete::one_of;
use nom::sequence::pair;
use nom::{IResult, Parser};

use super::tokens::lines;
use crate::model::SectionKind;
use crate::template;

/// A heading found in the normalized text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Heading {
    pub(crate) kind: SectionKind,
    /// The heading's trimmed text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// The end of its line (the body starts after it).
    pub(crate) line_end: usize,
}

/// The longest heading text, in characters, after the ordinal.
const MAX_HEADING_CHARS: usize = 40;

/// `一、` … `六、` (also `一.` and `一 `) after optional markdown marks.
fn ordinal(i: &str) -> IResult<&str, char> {
    let (i, _) = take_while(|c: char| c == '#' || c == '*' || c == ' ').parse(i)?;
    let (i, (n, _)) = pair(
        one_of("一二三四五六"),
        alt((tag("、"), tag("."), tag(" "), tag(","))),
    )
    .parse(i)?;
    Ok((i, n))
}

/// The section whose heading has this ordinal and holds one word of each of
/// its lists (see [`crate::template::SECTIONS`]).
fn kind_of(number: char, text: &str) -> Option<SectionKind> {
    let section = template::SECTIONS.iter().find(|s| s.number == number)?;
    let fits = section
        .words
        .iter()
        .all(|words| words.iter().any(|w| text.contains(w)));
    fits.then_some(section.kind)
}

/// Reads one line as a section heading.
pub(crate) fn heading_line(line: &str) -> Option<(SectionKind, &str)> {
    if line.starts_with('\t') {
        return None; // a table cell, not a heading
    }
    // the first byte of 一 二 三 五 (E4), 四 六 (E5), `#` or `*`
    let first = line.bytes().find(|b| !b.is_ascii_whitespace())?;
    if !matches!(first, 0xE4 | 0xE5 | b'#' | b'*') {
        return None;
    }
    let text = line.trim();
    if !text.starts_with(['一', '二', '三', '四', '五', '六', '#', '*']) {
        return None;
    }
    let (rest, number) = ordinal(text).ok()?;
    let rest = rest.trim_matches(|c: char| c == '*' || c.is_whitespace());
    if rest.is_empty() || rest.chars().count() > MAX_HEADING_CHARS || rest.contains('\t') {
        return None;
    }
    // most headings hold no inner white space: they are read as written;
    // the others without it, in a buffer on the stack (a heading is short)
    let mut buffer = [0; MAX_HEADING_CHARS * 4];
    let compact = if rest.contains(char::is_whitespace) {
        let mut len = 0;
        for c in rest.chars().filter(|c| !c.is_whitespace()) {
            len += c.encode_utf8(&mut buffer[len..]).len();
        }
        std::str::from_utf8(&buffer[..len]).ok()?
    } else {
        rest
    };
    kind_of(number, compact).map(|k| (k, text.trim_matches('*')))
}

/// Finds the headings in order: each kind at most once, each after the one before.
pub(crate) fn find(doc: &str) -> Vec<Heading> {
    let found = find_from(doc, 0);
    // a table of contents lists the headings one after the other; the report's
    // own headings follow it
    let dense = found
        .windows(2)
        .take_while(|w| w[1].start - w[0].line_end < TOC_GAP)
        .count();
    if dense >= 2 {
        let after = find_from(doc, found[dense].line_end);
        if after.len() >= found.len() - dense - 1 && after.len() >= 3 {
            return after;
        }
    }
    found
}

/// Headings closer than this (in bytes) to the one before are a table of contents.
const TOC_GAP: usize = 8;

fn find_from(doc: &str, from: usize) -> Vec<Heading> {
    // a report has six sections
    let mut found: Vec<Heading> = Vec::with_capacity(SectionKind::ALL.len());
    for (s, e) in lines(doc, from, doc.len()) {
        let line = &doc[s..e];
        let Some((kind, text)) = heading_line(line) else {
            continue;
        };
        if found.last().is_some_and(|h| h.kind >= kind) {
            continue;
        }
        let start = s + (text.as_ptr() as usize - line.as_ptr() as usize);
        found.push(Heading {
            kind,
            start,
            end: start + text.len(),
            line_end: e,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use SectionKind::*;

    #[test]
    fn template_headings_and_variants() {
        let cases = [
            ("一、总体情况", Overview),
            ("一、总体概述", Overview),
            ("一、概述", Overview),
            ("一、政府信息公开工作基本情况", Overview),
            ("  二、主动公开政府信息情况", ActiveDisclosure),
            ("二、主动公开政府政府情况", ActiveDisclosure),
            ("三、收到和处理政府信息公开申请情况", Applications),
            ("四、政府信息公开行政复议、行政诉讼情况", ReviewLitigation),
            (
                "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
                ReviewLitigation,
            ),
            ("五、存在的主要问题及改进措施", Problems),
            ("五、存在问题及改进情况", Problems),
            ("六、其他需要报告的事项", OtherMatters),
            ("## 六、其他报告事项", OtherMatters),
            ("**一、总体情况**", Overview),
            // inner white space, ideographic too, read without it
            ("三、收到和处理政府信息公开 申请情况", Applications),
            (
                "四、政府信息公开行政复议、\u{3000}行政诉讼情况",
                ReviewLitigation,
            ),
            ("五、存在的主要问题  及改进措施", Problems),
        ];
        for (line, kind) in cases {
            assert_eq!(heading_line(line).map(|h| h.0), Some(kind), "{line}");
        }
    }

    #[test]
    fn table_rows_are_not_headings() {
        for line in [
            "一、本年新收政府信息公开申请数量",
            "二、上年结转政府信息公开申请数量",
            "三、本年度办理结果",
            "四、结转下年度继续办理",
            "\t四、政府信息公开行政复议、行政诉讼情况",
            "(一)主动公开",
            "一、总体情况一、总体情况一、总体情况一、总体情况一、总体情况一、总体情况一、总体情况一、总体情况",
        ] {
            assert_eq!(heading_line(line), None, "{line}");
        }
    }

    #[test]
    fn a_table_of_contents_is_passed_over() {
        let doc = "目录\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n\
            四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n\n\
            一、总体情况\n正文。\n二、主动公开政府信息情况\n表\n三、收到和处理政府信息公开申请情况\n表\n\
            四、政府信息公开行政复议、行政诉讼情况\n表\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n无\n";
        let found = find(doc);
        assert_eq!(found.len(), 6);
        assert!(doc[found[0].line_end..].starts_with("\n正文"));
        // headings close together in a real report are kept
        let doc =
            "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n表\n";
        assert_eq!(find(doc).len(), 3);
    }

    #[test]
    fn headings_in_order() {
        let doc = "标题\n一、总体情况\n正文\n四、结转下年度继续办理\n二、主动公开政府信息情况\n一、总体情况\n三、收到和处理政府信息公开申请情况\n";
        let kinds: Vec<_> = find(doc).iter().map(|h| h.kind).collect();
        assert_eq!(kinds, [Overview, ActiveDisclosure, Applications]);
        let h = find(doc)[1];
        assert_eq!(&doc[h.start..h.end], "二、主动公开政府信息情况");
    }
}
