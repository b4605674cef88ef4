//! What surrounds the tables: the title (organ and year), the publication date,
//! the statistics period and the contact details.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n};
use nom::character::complete::{char, digit1, space0};
use nom::combinator::map_res;
use nom::sequence::{preceded, terminated};
use nom::{IResult, Parser};

use super::tokens::lines;
use crate::model::{Contact, Date};

/// A title found in the normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Title {
    /// The title's lines joined (a title split over two lines reads as one).
    pub(crate) text: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) organ: Option<String>,
    pub(crate) year: Option<u16>,
}

const TITLE_MARK: &str = "政府信息公开";
/// How many lines a title may be split over.
const TITLE_LINES: usize = 3;
/// The longest line taken for a title, in bytes.
const TITLE_MAX: usize = 300;

/// A year `19xx`/`20xx`, spaces allowed around it, followed by `年`.
fn year(i: &str) -> IResult<&str, u16> {
    let digits = take_while_m_n(4, 4, |c: char| c.is_ascii_digit());
    let (rest, y) = terminated(
        preceded(space0, map_res(digits, str::parse::<u16>)),
        (space0, char('年')),
    )
    .parse(i)?;
    if (1990..=2100).contains(&y) {
        Ok((rest, y))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// The words a page or an export puts before a title: a crawler's header
/// field (`标题: X`), a page's label cell (`名称X`).
const TITLE_LABELS: &[&str] = &["文章标题", "信息名称", "标题", "题目", "名称"];

/// A title line without the marks and labels before it: `# X`, `**X**`,
/// `标题: X`, `名称X`, and the backslash a markdown writer leaves before it
/// (`\[bookmark: …\]X`, whose bookmark normalization removed).
fn unlabelled(line: &str) -> &str {
    let line =
        line.trim_start_matches(|c: char| c == '#' || c == '*' || c == '\\' || c.is_whitespace());
    let line = line.trim_end_matches(|c: char| c == '*' || c.is_whitespace());
    for label in TITLE_LABELS {
        if let Some(rest) = line.strip_prefix(label) {
            let rest =
                rest.trim_start_matches(|c: char| c == ':' || c == '：' || c.is_whitespace());
            if rest.contains(TITLE_MARK) {
                return rest;
            }
        }
    }
    line
}

/// Characters of prose that an organ's name never holds: a candidate with one
/// of them is a fragment of a sentence (`定》)和《`), not an organ.
fn prose_mark(c: char) -> bool {
    "《》〈〉()（）[]【】,，。;；、!！?？“”\"'‘’".contains(c)
}

/// Splits a title into organ and year: `XX2020年度政府信息公开工作年度报告`
/// or `2020年XX政府信息公开工作年度报告`.
pub(crate) fn organ_and_year(title: &str) -> (Option<String>, Option<u16>) {
    let title = unlabelled(title);
    let compact: std::borrow::Cow<'_, str> = if title.contains(char::is_whitespace) {
        title.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        title.into()
    };
    let Some(mark) = compact.find(TITLE_MARK) else {
        return (None, None);
    };
    let head = &compact[..mark];
    let clean = |s: &str| {
        // list bullets and heading or emphasis marks of text tools (`• `,
        // `# `, `**`), a markdown writer's escape
        let s = s.trim_start_matches(|c: char| "#*•·-_=>\\".contains(c));
        let s = s.trim_matches(|c: char| "《》\"“”'‘’:".contains(c));
        // `XX办公室关于XX市2021年…`: the organ is the one that reports
        let s = s.find("关于").map_or(s, |i| &s[..i]);
        let s = s.strip_suffix("度").unwrap_or(s);
        // a fragment of prose, a link, markup or a page's `label:value` text
        // is no organ (`定》)和《`, `[首页](/)`, `主办单位:…`)
        let named = s.chars().any(char::is_alphanumeric)
            && !s.contains(prose_mark)
            && !s.contains(['<', '|', ':', '：']);
        named.then(|| s.to_string())
    };
    for (i, _) in head.char_indices() {
        if let Ok((rest, y)) = year(&head[i..]) {
            let rest = rest.strip_prefix('度').unwrap_or(rest);
            let before = &head[..i];
            let organ = clean(before).or_else(|| clean(rest));
            return (organ, Some(y));
        }
    }
    // `兴国镇年度…` with its year lost: the organ's end is not sure (`年` may be
    // the year's trace or the organ's own last character), so no organ
    let head = head.strip_suffix('度').unwrap_or(head);
    if head.ends_with('年') {
        return (None, None);
    }
    (clean(head), None)
}

/// A web page's breadcrumb (`首页 > 政务公开 > 政府信息公开年报`): never a title.
fn breadcrumb(line: &str) -> bool {
    line.contains('>') || line.contains('»') || line.starts_with("当前位置")
}

/// Finds the title in `doc[..limit]`: the first line naming 政府信息公开 and
/// ending in 报告 with an organ or a year; failing that, the first line (or up
/// to three consecutive lines) naming 政府信息公开 … 报告.
pub(crate) fn title(doc: &str, limit: usize) -> Option<Title> {
    let all: Vec<(usize, usize)> = lines(doc, 0, limit)
        .filter(|&(s, e)| {
            let line = doc[s..e].trim();
            !line.is_empty() && !breadcrumb(line)
        })
        .collect();
    let title = whole_line_title(doc, &all).or_else(|| split_title(doc, &all));
    let Some(title) = title else {
        return word_after_chrome(doc, limit);
    };
    Some(without_column_beside(doc, title))
}

/// The title printed as one word of a line of page chrome and prose joined
/// by single spaces, as Python's `html2text` writes a layout table's cell
/// (`|  当前位置:[首页](/) > … > 政府信息公开工作年度报告 街道年报
/// 荆川市江北区长湖街道办事处2020年政府信息公开工作年度报告 来源:… 本报告…`):
/// the first space-delimited word before `limit` that names 政府信息公开,
/// ends in 报告 and gives an organ and a year, where no sentence ends on its
/// line before it (what stands before it is chrome). It is the title when
/// the document after it names the organ again, in full or without the
/// places before it (a report's preamble names its organ), and there is none
/// otherwise: the first such word decides, so the text after it is searched
/// once, not once a word.
///
/// ```text
/// line  := chrome* " " word (" " text)*      chrome holds no 。
/// word  := organ year "年" … "政府信息公开" … "报告"
/// title  = word, when short_names(organ) occur after it
/// ```
fn word_after_chrome(doc: &str, limit: usize) -> Option<Title> {
    for (s, e) in lines(doc, 0, limit) {
        let mut start = s;
        for word in doc[s..e].split(' ') {
            let at = start;
            start += word.len() + 1;
            let candidate = word.contains(TITLE_MARK)
                && word.ends_with("报告")
                && word.len() <= TITLE_MAX
                && !word.contains(prose_mark);
            if candidate && let (Some(organ), Some(year)) = organ_and_year(word) {
                // the first such word decides: the text after it is looked
                // through once, not once a word
                let end = at + word.len();
                let named = short_names(&organ).any(|name| doc[end..].contains(name));
                return named.then(|| Title {
                    text: word.to_string(),
                    start: at,
                    end,
                    organ: Some(organ),
                    year: Some(year),
                });
            }
            if word.contains('。') {
                break; // what follows a sentence's end is no page chrome
            }
        }
    }
    None
}

/// Marks a text tool puts before a line: list bullets, heading and emphasis
/// marks, white space.
fn line_marks(c: char) -> bool {
    "#*•·-_=>\\".contains(c) || c.is_whitespace()
}

/// A one-line title printed beside another column of the page: a text tool
/// that lays a page's layout table out side by side (Debian `html2text`)
/// writes the start of a sidebar's lines before the lines of the content
/// beside them (`* 政府信当前位置：…`, `* 政府信XX2022年政府信息公开工作年度报告`,
/// `* 政府信本报告…`). Where the lines just before and after the title start
/// with the same text as the title does, and the organ without that text is
/// named elsewhere in the document while the organ with it is not, that text
/// is the column beside the title, not part of the organ: it is taken off
/// the organ and the title. Where neither name is found elsewhere, or only
/// one of those lines shares the title's start (and goes on after it, as a
/// column's line beside other text does) while the organ is named nowhere
/// else, the organ is not sure and left out; otherwise the title is kept as
/// it is.
fn without_column_beside(doc: &str, mut title: Title) -> Title {
    let Some(organ) = title.organ.as_deref() else {
        return title;
    };
    let line_start = doc[..title.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = doc[title.start..]
        .find('\n')
        .map_or(doc.len(), |i| title.start + i);
    if title.end > line_end || line_start == 0 || line_end == doc.len() {
        return title;
    }
    let before = &doc[..line_start - 1];
    let previous = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let after = &doc[line_end + 1..];
    let next = &after[..after.find('\n').unwrap_or(after.len())];
    let [previous, line, next] = [previous, &doc[line_start..line_end], next].map(str::trim_start);
    let elsewhere = |name: &str| before.contains(name) || after.contains(name);
    // the start shared with one neighbour that goes on after it (a column's
    // line beside other text, not a header line that is all of it)
    let beside = |neighbour: &str| {
        let shared = common_prefix(line, neighbour);
        let column = shared.trim_start_matches(line_marks);
        (!column.is_empty() && neighbour.len() > shared.len()).then_some(column)
    };
    let shared = common_prefix(common_prefix(previous, line), next);
    let column = shared.trim_start_matches(line_marks);
    let Some(rest) = organ.strip_prefix(column).filter(|_| !column.is_empty()) else {
        // one neighbour only: a column may stand before the title, and a line
        // before or after it lost; not sure, so no organ
        let one = [beside(previous), beside(next)].into_iter().flatten();
        let unsure = one
            .filter_map(|column| organ.strip_prefix(column))
            .any(|rest| rest.chars().any(char::is_alphanumeric) && !elsewhere(organ));
        if unsure {
            title.organ = None;
        }
        return title;
    };
    if !rest.chars().any(char::is_alphanumeric) || elsewhere(organ) {
        return title;
    }
    if !elsewhere(rest) {
        // the start may be a column or the organ's own: not sure, so no organ
        title.organ = None;
        return title;
    }
    let rest = rest.to_string();
    if let Some(text) = title.text.strip_prefix(column) {
        title.text = text.to_string();
    }
    if doc[title.start..].starts_with(column) {
        title.start += column.len();
    }
    title.organ = Some(rest);
    title
}

/// The longest common start of `a` and `b`, whole characters, as a slice of `a`.
fn common_prefix<'a>(a: &'a str, b: &str) -> &'a str {
    let len = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i);
    &a[..len]
}

fn whole_line_title(doc: &str, all: &[(usize, usize)]) -> Option<Title> {
    all.iter().enumerate().find_map(|(n, &(s, e))| {
        let line = unlabelled(&doc[s..e]);
        // a sentence of prose wrapped at `…本报告` is no title
        if !line.contains(TITLE_MARK)
            || line.len() > TITLE_MAX
            || !line.ends_with("报告")
            || line.contains(['。', '，'])
        {
            return None;
        }
        if title_head(doc, all, n) != n {
            return None; // its year stands on the line before: a split title
        }
        let (line, (organ, year)) = beside_a_column(line)
            .map(|title| (title, organ_and_year(title)))
            .filter(|(_, (organ, _))| organ.is_some())
            .unwrap_or_else(|| (line, organ_and_year(line)));
        if organ.is_none() && year.is_none() {
            return None;
        }
        let start = offset_in(doc, line);
        let end = start + line.len();
        if organ.is_none()
            && let Some(head) = organ_line_before(doc, start, end)
        {
            return Some(Title {
                text: format!("{head}{line}"),
                start: offset_in(doc, head),
                end,
                organ: Some(head.to_string()),
                year,
            });
        }
        Some(Title {
            text: line.to_string(),
            start,
            end,
            organ,
            year,
        })
    })
}

/// The last characters of an organ's name (`…局`, `…人民政府`, `…办公室`,
/// `…街道办事处`, `…镇`, `…委员会`, `…中心`).
const ORGAN_ENDS: &str = "局府室处会院镇乡委厅部所站署办队馆心道区县市司";

/// The ways a report names its own organ after its title: the whole name,
/// or the name without the places before it (`长湖街道办事处` for
/// `荆川市江北区长湖街道办事处`), at least three characters.
fn short_names(organ: &str) -> impl Iterator<Item = &str> {
    let cuts = organ
        .char_indices()
        .filter(|&(_, c)| "省市区县".contains(c))
        .map(|(i, c)| i + c.len_utf8());
    std::iter::once(organ).chain(
        cuts.map(|i| &organ[i..])
            .filter(|rest| rest.chars().count() >= 3),
    )
}

/// The organ of a title that begins with its year, printed on the line just
/// before it (`云川市人民政府办公室` / `2022年政府信息公开工作年度报告`, where a
/// tool wrapped the title in a narrow column): that line, when it is the
/// title's line's neighbour (no blank line between), looks like a name (at
/// most 30 characters ending as an organ's name does, no digits, prose marks,
/// colon or breadcrumb, no 政府信息公开), and the document after the title
/// names it again (the report's preamble names its organ, in full or without
/// the places before it), so page chrome above a title is not taken for the
/// organ. `start..end` is the title's line in `doc`.
fn organ_line_before(doc: &str, start: usize, end: usize) -> Option<&str> {
    let line_start = doc[..start].rfind('\n').map_or(0, |i| i + 1);
    if line_start == 0 || year(doc[start..].trim_start()).is_err() {
        return None;
    }
    let before = &doc[..line_start - 1];
    let at = before.rfind('\n').map_or(0, |i| i + 1);
    let previous = &before[at..];
    let head = unlabelled(previous);
    let head = at
        .checked_sub(1)
        .and_then(|end| bookmark_tail(&doc[..end], head))
        .unwrap_or(head);
    let named = head.chars().count() >= 2
        && head.chars().count() <= 30
        && !head.contains(prose_mark)
        && !head.contains([':', '：', '|', '<', '[', ']'])
        && !head
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace())
        && !breadcrumb(head)
        && !head.contains(TITLE_MARK)
        && head.ends_with(|c: char| ORGAN_ENDS.contains(c));
    let after = &doc[end..];
    (named && short_names(head).any(|name| after.contains(name))).then_some(head)
}

/// `line` without the end of a Word bookmark that a tool wrapped over two
/// lines (`[bookmark:` / `_GoBack]齐家镇`, escaped by a markdown writer as
/// `\[bookmark:` / `\_GoBack\]齐家镇`), which normalization, working within
/// a line, leaves: the text after the `]`, when the line `before` it ends
/// with the bookmark's opening and the line begins with a bookmark's name
/// (ASCII letters, digits, `_` and the escapes) and its `]`. `None` when the
/// line does not begin so.
///
/// ```text
/// before = … "[bookmark:"      line = name "]" rest      → rest
/// name   = [A-Za-z0-9_\\]+
/// ```
fn bookmark_tail<'a>(before: &str, line: &'a str) -> Option<&'a str> {
    let previous = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    if !previous.trim_end().ends_with("[bookmark:") {
        return None;
    }
    let close = line.find(']')?;
    let name = &line[..close];
    let bookmark = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'\\');
    bookmark.then(|| line[close + 1..].trim_end())
}

/// The title that ends a line after a gap of white space (three spaces or
/// more, or a tab), where a text tool printed a page's columns side by side
/// (`• 政府信息公开制度      XX2022年政府信息公开工作年度报告`): the part after
/// the last gap, when it names 政府信息公开 and ends in 报告 and the line
/// holds more than it. It is taken only where the whole line names no organ
/// (the column's words then stand where the organ would).
fn beside_a_column(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    let mut cut = None;
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' => run += 1,
            b'\t' => run += 3,
            _ => {
                if run >= 3 {
                    cut = Some(i);
                }
                run = 0;
            }
        }
    }
    let title = line[cut?..].trim_end();
    (title.contains(TITLE_MARK) && title.ends_with("报告")).then_some(title)
}

/// The byte offset of `part`, a slice of `doc`, in `doc`.
fn offset_in(doc: &str, part: &str) -> usize {
    part.as_ptr() as usize - doc.as_ptr() as usize
}

/// The lines before line `n` that hold the start of a title whose year was
/// broken off it (`2020` / `年政府信息公开…`, `XX人民政府` / `2020` / `年…`):
/// the first of them, or `n` when line `n` does not start with `年`.
fn title_head(doc: &str, all: &[(usize, usize)], n: usize) -> usize {
    let line = unlabelled(&doc[all[n].0..all[n].1]);
    if !line.starts_with('年') || n == 0 {
        return n;
    }
    let before = |i: usize| doc[all[i].0..all[i].1].trim();
    let ends_in_year = |t: &str| {
        let digits = t.chars().rev().take_while(|c| c.is_ascii_digit()).count();
        digits == 4
    };
    if !ends_in_year(before(n - 1)) || before(n - 1).len() > TITLE_MAX / 2 {
        return n;
    }
    // a year alone: the organ may stand on the line before it
    let year_alone = before(n - 1).chars().all(|c| c.is_ascii_digit());
    if year_alone && n >= 2 {
        let organ = before(n - 2);
        if !organ.is_empty()
            && organ.chars().count() <= 30
            && !organ.contains(prose_mark)
            && !organ.contains(':')
            && !organ.chars().any(|c| c.is_ascii_digit())
        {
            return n - 2;
        }
    }
    n - 1
}

fn split_title(doc: &str, all: &[(usize, usize)]) -> Option<Title> {
    for (n, &(_, e)) in all.iter().enumerate() {
        let line = unlabelled(&doc[all[n].0..e]);
        // a sentence citing a notice (`《XX关于做好2020年政府信息公开工作年度报告…的通知》要求…。`,
        // `XX办公室关于政府信息公开工作年度报告有关事项的通知》（…`) is no
        // title, nor is its issuer the organ
        let inner = line.trim_matches(['《', '》']);
        if !line.contains(TITLE_MARK)
            || line.len() > TITLE_MAX
            || inner.contains(['。', '，', '《', '》', '〈', '〉'])
        {
            continue;
        }
        let head = title_head(doc, all, n);
        let mut text: String = all[head..n]
            .iter()
            .map(|&(s, e)| unlabelled(&doc[s..e]))
            .collect();
        text.push_str(line);
        let first = if head < n {
            unlabelled(&doc[all[head].0..all[head].1])
        } else {
            line
        };
        let mut end = e;
        for &(s2, e2) in all.iter().skip(n + 1).take(TITLE_LINES - 1) {
            if text.contains("报告") {
                break;
            }
            let more = doc[s2..e2].trim();
            if more.len() > TITLE_MAX / 2 || more.contains(['。', '，']) {
                break;
            }
            text.push_str(more);
            end = e2;
        }
        if !text.contains("报告") || !text.contains("年") {
            continue;
        }
        let (organ, year) = organ_and_year(&text);
        if organ.is_none() && year.is_none() {
            continue;
        }
        let start = offset_in(doc, first);
        let end = end - (doc[..end].len() - doc[..end].trim_end().len());
        return Some(Title {
            text,
            start,
            end,
            organ,
            year,
        });
    }
    None
}

fn number<T: std::str::FromStr>(i: &str) -> IResult<&str, T> {
    map_res(digit1, str::parse::<T>).parse(i)
}

/// `2021年1月20日`, `2021-02-19`, `2021/02/19`, `2021.02.19`.
pub(crate) fn date(i: &str) -> IResult<&str, Date> {
    let chinese = (
        terminated(number::<u16>, (space0, char('年'), space0)),
        terminated(number::<u8>, (space0, char('月'), space0)),
        terminated(number::<u8>, (space0, char('日'))),
    );
    let dashed = |sep: char| {
        (
            terminated(number::<u16>, char(sep)),
            terminated(number::<u8>, char(sep)),
            number::<u8>,
        )
    };
    let (rest, (y, m, d)) = alt((chinese, dashed('-'), dashed('/'), dashed('.'))).parse(i)?;
    if (1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
        Ok((
            rest,
            Date {
                year: y,
                month: m,
                day: d,
            },
        ))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Verify,
        )))
    }
}

/// The words that introduce a date or a contact detail.
const KEYWORDS: &[&str] = &[
    "地址",
    "邮编",
    "邮政编码",
    "电话",
    "邮箱",
    "信箱",
    "mail",
    "网址",
    "网站地址",
    "发布时间",
    "发布日期",
    "发文日期",
    "成文日期",
    "统计期",
    "统计时限",
    "统计时间",
    "统计区间",
];

/// The beginnings every keyword of [`KEYWORDS`] starts with: its first
/// character, or the whole word for `mail`.
const KEYWORD_STARTS: &[&str] = &["地", "邮", "电", "信", "网", "发", "成", "统", "mail"];

/// Where each of [`KEYWORDS`] stands in the opening of a report (and its close,
/// for a long one), found in one pass.
pub(crate) struct Keywords<'d> {
    doc: &'d str,
    /// Where each keyword stands and which it is (its index in
    /// [`KEYWORDS`]), in text order.
    hits: Vec<(usize, usize)>,
}

impl<'d> Keywords<'d> {
    pub(crate) fn find(doc: &'d str) -> Keywords<'d> {
        let head_end = floor_boundary(doc, CONTACT_HEAD);
        let tail_start = floor_boundary(doc, doc.len().saturating_sub(CONTACT_TAIL)).max(head_end);
        let bytes = doc.as_bytes();
        // room for the keywords of a report's contact details at once
        let mut hits: Vec<(usize, usize)> = Vec::with_capacity(32);
        // one vectorised search for each beginning, then the keywords that
        // begin there checked at each place it stands; a keyword may run past
        // the end of its range as long as it starts inside it
        for range in [0..head_end, tail_start..doc.len()] {
            let reach = (range.end + 12).min(doc.len());
            for start in KEYWORD_STARTS {
                for found in memchr::memmem::find_iter(&bytes[range.start..reach], start) {
                    let at = range.start + found;
                    if at >= range.end {
                        break;
                    }
                    for (index, key) in KEYWORDS.iter().enumerate() {
                        if key.starts_with(start) && bytes[at..].starts_with(key.as_bytes()) {
                            hits.push((at, index));
                        }
                    }
                }
            }
        }
        // text order, and the order of KEYWORDS at one place
        hits.sort_unstable();
        Keywords { doc, hits }
    }

    /// The keywords found, in text order, each with where it stands.
    fn hits(&self) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        self.hits.iter().map(|&(at, index)| (at, KEYWORDS[index]))
    }

    /// Positions of the keys, in text order, with the end of the key.
    fn of<'k>(&'k self, keys: &'k [&str]) -> impl Iterator<Item = (usize, usize)> + 'k {
        self.hits()
            .filter(move |(_, k)| keys.contains(k))
            .map(|(at, k)| (at, at + k.len()))
    }
}

/// The first date after one of `keys` (within a few characters of it).
fn date_after(words: &Keywords<'_>, keys: &[&str]) -> Option<(Date, usize, usize)> {
    let doc = words.doc;
    let mut best: Option<(Date, usize, usize)> = None;
    for key in keys {
        for (at, _) in words.of(std::slice::from_ref(key)) {
            let after = &doc[at + key.len()..];
            let skip = after
                .char_indices()
                .take(6)
                .find(|(_, c)| c.is_ascii_digit())
                .map(|(i, _)| i);
            let Some(skip) = skip else { continue };
            if let Ok((rest, d)) = date(&after[skip..]) {
                let end = doc.len() - rest.len();
                if best.is_none_or(|b| at < b.1) {
                    best = Some((d, at, end));
                }
                break;
            }
        }
    }
    best
}

/// The publication date a web page states (发布时间, 发布日期, 成文日期).
pub(crate) fn published(words: &Keywords<'_>) -> Option<Date> {
    date_after(words, &["发布时间", "发布日期", "发文日期", "成文日期"]).map(|d| d.0)
}

/// The statistics period: `统计期限自2020年1月1日起至2020年12月31日止`.
pub(crate) fn period(words: &Keywords<'_>) -> Option<(Date, Date, usize, usize)> {
    let doc = words.doc;
    for (at, _) in words.of(&["统计期", "统计时限", "统计时间", "统计区间"]) {
        let window_end = (at + 120).min(doc.len());
        let mut window_end = window_end;
        while !doc.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let window = &doc[at..window_end];
        let mut dates = Vec::new();
        let mut i = 0;
        while i < window.len() && dates.len() < 2 {
            if window.as_bytes()[i].is_ascii_digit()
                && let Ok((rest, d)) = date(&window[i..])
            {
                dates.push((d, window.len() - rest.len()));
                i = window.len() - rest.len();
                continue;
            }
            i += 1;
        }
        if let [(from, _), (to, end)] = dates[..] {
            return Some((from, to, at, at + end));
        }
    }
    None
}

/// The words that start the next contact field, where a field's value ends.
const FIELD_WORDS: &[&str] = &[
    "邮编",
    "邮政编码",
    "电话",
    "联系电话",
    "传真",
    "邮箱",
    "电子邮箱",
    "网址",
];

fn field_value(i: &str) -> IResult<&str, &str> {
    let (i, _) = (space0, alt((tag(":"), tag("为"))), space0).parse(i)?;
    let end = i
        .find(|c: char| ",;。，；)\n\t".contains(c))
        .unwrap_or(i.len());
    // the value stops where the next field's word starts: the first place
    // any of them starts, found in one walk over the characters
    let value = &i[..end];
    let end = value
        .char_indices()
        .map(|(at, _)| at)
        .find(|&at| FIELD_WORDS.iter().any(|k| value[at..].starts_with(k)))
        .unwrap_or(end);
    Ok((&i[end..], i[..end].trim()))
}

fn field(
    words: &Keywords<'_>,
    keys: &[&str],
    valid: impl Fn(&str, &str) -> bool,
) -> Option<String> {
    let doc = words.doc;
    words
        .of(keys)
        .filter_map(|(at, after)| Some((&doc[..at], field_value(&doc[after..]).ok()?.1)))
        .find(|&(before, v)| !v.is_empty() && v.chars().count() <= 80 && valid(before, v))
        .map(|(_, v)| v.to_string())
}

/// How far into a report, and from its end, contact details are looked for (bytes).
const CONTACT_HEAD: usize = 12 * 1024;
const CONTACT_TAIL: usize = 4 * 1024;

fn floor_boundary(doc: &str, mut at: usize) -> usize {
    at = at.min(doc.len());
    while !doc.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Contact details: 地址, 邮编, 电话, 邮箱, 网址, from the opening of the report
/// (where 如对本报告有疑问…请与…联系 usually stands) or its close.
pub(crate) fn contact(words: &Keywords<'_>) -> Contact {
    contact_in(words)
}

fn contact_in(doc: &Keywords<'_>) -> Contact {
    let postcode = |_: &str, v: &str| v.len() == 6 && v.bytes().all(|b| b.is_ascii_digit());
    let phone = |_: &str, v: &str| {
        v.chars().filter(|c| c.is_ascii_digit()).count() >= 5
            && v.chars()
                .all(|c| c.is_ascii_digit() || "-()— 、转".contains(c))
    };
    let email = |_: &str, v: &str| v.contains('@') && !v.contains(' ');
    let web = |_: &str, v: &str| (v.contains('.') || v.contains("http")) && !v.contains(' ');
    // 地址 also ends 通讯地址, 联系地址, 办公地址; not 网站地址
    let address = |before: &str, v: &str| {
        !before.ends_with("网站")
            && !before.ends_with("网页")
            && v.chars().count() >= 4
            && !web(before, v)
    };
    Contact {
        address: field(doc, &["地址"], address),
        postcode: field(doc, &["邮编", "邮政编码"], postcode),
        phone: field(doc, &["电话"], phone),
        email: field(doc, &["邮箱", "信箱", "mail"], email),
        website: field(doc, &["网址", "网站地址"], web),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_found_where_a_walk_over_the_characters_finds_them() {
        let mut doc = String::from(
            "网站地址：http://x.gov.cn 邮政编码100000 邮编 mail:a@b 统计时限统计期\n发布日期2021年",
        );
        // past the head, and a tail of its own
        doc.push_str(&"填充文字".repeat(CONTACT_HEAD / 12 + 10));
        doc.push_str("地址：某路1号 电话：1234 信箱 成文日期");
        let found: Vec<(usize, &str)> = Keywords::find(&doc).hits().collect();
        let head_end = floor_boundary(&doc, CONTACT_HEAD);
        let tail_start = floor_boundary(&doc, doc.len().saturating_sub(CONTACT_TAIL)).max(head_end);
        let mut walked = Vec::new();
        for (at, _) in doc.char_indices() {
            if at < head_end || at >= tail_start {
                for key in KEYWORDS {
                    if doc[at..].starts_with(key) {
                        walked.push((at, *key));
                    }
                }
            }
        }
        assert_eq!(found, walked);
        assert!(found.iter().any(|&(_, k)| k == "网站地址"));
        assert!(found.iter().any(|&(_, k)| k == "成文日期"));
        assert!(
            !found
                .iter()
                .any(|&(at, _)| at >= head_end && at < tail_start)
        );
    }

    #[test]
    fn a_breadcrumb_is_not_the_title() {
        let doc = "首页 > 政务公开 > 政府信息公开年报\n来源：本站\n某县统计局2021年政府信息公开工作年度报告\n一、总体情况\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("某县统计局"));
        assert_eq!(t.year, Some(2021));
        assert_eq!(
            &doc[t.start..t.end],
            "某县统计局2021年政府信息公开工作年度报告"
        );
        // a title over two lines is still read as one
        let doc = "某县统计局2021年政府信息公开\n工作年度报告\n一、总体情况\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.text, "某县统计局2021年政府信息公开工作年度报告");
    }

    #[test]
    fn an_organ_on_the_line_before_a_title_that_begins_with_its_year() {
        let doc = "政府信息公开年报\n\n  云川市人民政府办公室  \n  2022年政府信息公开工作年度报告  \n\n本报告由云川市人民政府办公室编制。\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("云川市人民政府办公室"));
        assert_eq!(t.year, Some(2022));
        assert_eq!(&doc[t.start..t.start + "云川市".len()], "云川市");
        // named again without the places before it
        let doc =
            "荆川市江北区长湖街道办事处\n2020年政府信息公开工作年度报告\n来源:长湖街道办事处\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("荆川市江北区长湖街道办事处"));
        // a line the document does not name again is chrome, not the organ
        let doc = "街道年报\n2020年政府信息公开工作年度报告\n一、总体情况\n";
        assert_eq!(title(doc, doc.len()).unwrap().organ, None);
        // nor is one that does not end as an organ's name does
        let doc = "政务公开\n2020年政府信息公开工作年度报告\n一、政务公开工作\n";
        assert_eq!(title(doc, doc.len()).unwrap().organ, None);
        // a blank line between: not the title's own line
        let doc = "某县统计局\n\n2021年政府信息公开工作年度报告\n某县统计局编制。\n";
        assert_eq!(title(doc, doc.len()).unwrap().organ, None);
        // the end of a bookmark wrapped over the lines before (pandoc)
        for (open, name) in [("[bookmark:", "_GoBack]"), ("\\[bookmark:", "\\_GoBack\\]")] {
            let doc = format!(
                "  {open}  \n  {name}齐家镇  \n  2020年政府信息公开工作年度报告  \n\n齐家镇编制。\n"
            );
            let t = title(&doc, doc.len()).unwrap();
            assert_eq!(t.organ.as_deref(), Some("齐家镇"), "{doc}");
            assert_eq!(&doc[t.start..t.start + "齐家镇".len()], "齐家镇");
            // with no bookmark opened on the line before, no organ
            let doc = doc.replace(open, "");
            assert_eq!(title(&doc, doc.len()).unwrap().organ, None, "{doc}");
        }
        // a title that names its organ keeps it
        let doc = "市统计局\n某县财政局2021年政府信息公开工作年度报告\n市统计局编制。\n";
        assert_eq!(
            title(doc, doc.len()).unwrap().organ.as_deref(),
            Some("某县财政局")
        );
    }

    #[test]
    fn a_title_word_after_the_page_chrome_on_its_line() {
        // html2text (Python) joins a layout cell's lines with single spaces
        let doc = "|  当前位置:[首页](/) > 政府信息公开工作年度报告 街道年报 荆川市江北区长湖街道办事处2020年政府信息公开工作年度报告 来源:长湖街道办事处 本报告根据条例编制。 一、总体情况\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("荆川市江北区长湖街道办事处"));
        assert_eq!(t.year, Some(2020));
        assert_eq!(&doc[t.start..t.end], t.text);
        // an organ the document does not name again is not sure
        let other = doc.replace("来源:长湖街道办事处", "来源:本站");
        assert_eq!(title(&other, other.len()), None);
        // after a sentence on its line, a word is prose, not the title
        let prose = doc.replace("街道年报", "本站编制。");
        assert_eq!(title(&prose, prose.len()), None);
        // the first word that gives an organ and a year decides: one not
        // named again before it leaves no title (the rest is not searched)
        let first = doc.replace("街道年报", "某县财政局2020年政府信息公开工作年度报告");
        assert_eq!(title(&first, first.len()), None);
    }

    #[test]
    fn organs_and_years() {
        let cases = [
            (
                "兴国镇2020年度政府信息公开工作年度报告",
                Some("兴国镇"),
                Some(2020),
            ),
            (
                "海原县李旺镇人民政府 2020 年政府信息公开工作年度报告",
                Some("海原县李旺镇人民政府"),
                Some(2020),
            ),
            (
                "2022年度上海市人民政府办公厅政府信息公开工作年度报告",
                Some("上海市人民政府办公厅"),
                Some(2022),
            ),
            (
                "某市统计局关于2023年政府信息公开工作年度报告",
                Some("某市统计局"),
                Some(2023),
            ),
            ("某某局政府信息公开工作年度报告", Some("某某局"), None),
            // the year lost: `年` is no sure end of the organ
            ("兴国镇年度政府信息公开工作年度报告", None, None),
            ("兴国镇 年政府信息公开工作年度报告", None, None),
        ];
        for (title, organ, y) in cases {
            let (o, yy) = organ_and_year(title);
            assert_eq!((o.as_deref(), yy), (organ, y), "{title}");
        }
    }

    #[test]
    fn title_after_navigation_and_split_over_lines() {
        let doc = "首页\n政府信息公开\n全文检索\n\n固城镇2020年度政府信息公开工作年度报告\n\n来源:固城镇\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("固城镇"));
        assert_eq!(
            &doc[t.start..t.end],
            "固城镇2020年度政府信息公开工作年度报告"
        );
        let doc = "兴国县政府办2020年政府信息公开工作\n\n年度报告\n\n根据…";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.text, "兴国县政府办2020年政府信息公开工作年度报告");
        assert_eq!(
            (t.organ.as_deref(), t.year),
            (Some("兴国县政府办"), Some(2020))
        );
        assert_eq!(&doc[t.end - "年度报告".len()..t.end], "年度报告");
    }

    #[test]
    fn a_sentence_citing_a_notice_is_no_title() {
        // the title line lost: the notice the first paragraph cites names
        // another organ
        let doc = "本年度报告根据《条例》有关规定和\n《某市人民政府办公室关于做好 2020 年政府信息公开工作年度报告编制发布工作的通知》要求而成。全文包括概述，\n一、总体情况\n";
        assert_eq!(title(doc, doc.len()), None);
        let doc = "某县统计局2021年政府信息公开\n工作年度报告，全文包括概述。\n";
        assert_eq!(title(doc, doc.len()), None);
        let doc = "根据《条例》和《国务院办公厅政府\n信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函\n";
        assert_eq!(title(doc, doc.len()), None);
        // a title in 《》 is still one
        let doc = "《某县统计局2021年政府信息公开\n工作年度报告》\n";
        assert_eq!(
            title(doc, doc.len()).and_then(|t| t.organ),
            Some("某县统计局".to_string())
        );
    }

    #[test]
    fn labels_before_a_title_are_not_the_organ() {
        for doc in [
            "标题: 某县统计局2021年政府信息公开工作年度报告\n发布时间: 2022-01-20\n",
            "标题：某县统计局2021年政府信息公开工作年度报告\n",
            "# 某县统计局2021年政府信息公开工作年度报告\n",
            "**某县统计局2021年政府信息公开工作年度报告**\n",
            "名称某县统计局2021年政府信息公开工作年度报告\n",
            "名称\t某县统计局2021年政府信息公开工作年度报告\n",
        ] {
            let t = title(doc, doc.len()).unwrap();
            assert_eq!(t.organ.as_deref(), Some("某县统计局"), "{doc}");
            assert_eq!(t.text, "某县统计局2021年政府信息公开工作年度报告", "{doc}");
            assert_eq!(&doc[t.start..t.end], t.text, "{doc}");
        }
        // an organ whose name starts like a label is kept
        let (organ, _) = organ_and_year("名山县统计局2021年政府信息公开工作年度报告");
        assert_eq!(organ.as_deref(), Some("名山县统计局"));
    }

    #[test]
    fn a_column_printed_beside_the_title_is_not_the_organ() {
        // Debian html2text: a sidebar's cut lines before the content's lines
        let doc = "    * 互动交流\n    * 政府信当前位置：首页 > 政府信息公开\n    * 政府信云川市人民政府办公室2022年政府信息公开工作年度报告\n    * 政府信本报告由云川市人民政府办公室编制。\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("云川市人民政府办公室"));
        assert_eq!(t.text, "云川市人民政府办公室2022年政府信息公开工作年度报告");
        assert_eq!(&doc[t.start..t.end], t.text);
        // a page header, the title and the first paragraph may all start
        // with the organ's name: it is kept whole
        for doc in [
            "云川市人民政府\n云川市人民政府办公室2022年政府信息公开工作年度报告\n云川市人民政府办公室深入贯彻。\n",
            "云川市\n云川市人民政府办公室2022年政府信息公开工作年度报告\n云川市人民政府办公室深入贯彻。\n",
        ] {
            let t = title(doc, doc.len()).unwrap();
            assert_eq!(t.organ.as_deref(), Some("云川市人民政府办公室"), "{doc}");
        }
        // neither name found elsewhere: the start may be a column or the
        // organ's own, so there is no organ
        let doc = "* 政府信指南\n* 政府信云川市人民政府办公室2022年政府信息公开工作年度报告\n* 政府信本报告。\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!((t.organ, t.year), (None, Some(2022)));
        // a line beside the title lost: one neighbour shares its start
        let doc = "    * 政府信当前位置：首页 > 政府信息公开\n    * 政府信云川市人民政府办公室2022年政府信息公开工作年度报告\n一、总体情况\n云川市人民政府办公室编制。\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!((t.organ, t.year), (None, Some(2022)));
        // a header line that is all of the shared start is no column
        let doc =
            "云川市人民政府\n云川市人民政府办公室2022年政府信息公开工作年度报告\n一、总体情况\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("云川市人民政府办公室"));
    }

    #[test]
    fn a_title_beside_a_sidebar_column() {
        // w3m and inscriptis print a page's sidebar and content side by side
        let doc = "  • 政府信息公开指南         当前位置：首页 > 年度报告\n  • 政府信息公开制度         云川市人民政府办公室2022年政府信息公开工作年度报告\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("云川市人民政府办公室"));
        assert_eq!(t.year, Some(2022));
        assert_eq!(&doc[t.start..t.end], t.text);
        assert_eq!(t.text, "云川市人民政府办公室2022年政府信息公开工作年度报告");
        // an organ spaced apart from its year keeps the whole line
        let doc = "某县统计局     2021年政府信息公开工作年度报告\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("某县统计局"));
    }

    #[test]
    fn a_markdown_escape_before_the_title_is_not_the_organ() {
        let doc = "**\\齐家镇2020年政府信息公开工作年度报告**\n\n根据…\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("齐家镇"));
        assert_eq!(t.text, "齐家镇2020年政府信息公开工作年度报告");
    }

    #[test]
    fn a_fragment_of_prose_is_not_an_organ() {
        let (organ, year) = organ_and_year("规定》)和《2021年政府信息公开工作年度报告");
        assert_eq!((organ, year), (None, Some(2021)));
        let doc =
            "根据《条例》和《通知》的规定》)和《2021年政府信息公开工作年度报告\n一、总体情况\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!((t.organ, t.year), (None, Some(2021)));
    }

    #[test]
    fn a_year_on_a_line_of_its_own_joins_the_title() {
        let doc = "2022\n年上海市人民政府办公厅政府信息公开工作年度报告\n一、总体情况\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.text, "2022年上海市人民政府办公厅政府信息公开工作年度报告");
        assert_eq!(
            (t.organ.as_deref(), t.year),
            (Some("上海市人民政府办公厅"), Some(2022))
        );
        assert_eq!(t.start, 0);
        let doc = "首页\n海原县李旺镇人民政府\n2020\n年政府信息公开工作年度报告\n正文\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(
            (t.organ.as_deref(), t.year),
            (Some("海原县李旺镇人民政府"), Some(2020))
        );
        assert_eq!(&doc[t.start..t.start + 6], "海原");
        let doc = "上海市人民政府办公厅2022\n年政府信息公开工作年度报告\n";
        let t = title(doc, doc.len()).unwrap();
        assert_eq!(t.organ.as_deref(), Some("上海市人民政府办公厅"));
    }

    #[test]
    fn keywords_are_found_by_their_first_bytes() {
        let doc = KEYWORDS.join(" ");
        let doc = doc.as_str();
        let found: Vec<&str> = Keywords::find(doc).hits().map(|h| h.1).collect();
        // 地址 also ends 网站地址
        assert_eq!(found.len(), KEYWORDS.len() + 1);
        for key in KEYWORDS {
            assert!(found.contains(key), "{key}");
        }
    }

    #[test]
    fn dates_periods_and_contacts() {
        let doc = "来源:固城镇 发布时间:2021-02-19 08:39:37 浏览次数";
        assert_eq!(
            published(&Keywords::find(doc)),
            Some(Date {
                year: 2021,
                month: 2,
                day: 19
            })
        );
        let doc = "本年度报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。如对本年度报告有疑问,请与兴国镇政府办公室联系(地址:秦安县兴国镇秦南路14号,邮编:741600,电话:0938-6521510。";
        let (from, to, _, _) = period(&Keywords::find(doc)).unwrap();
        let other = "本报告统计时限自2020年1月1日起至2020年12月31日止。";
        assert_eq!(period(&Keywords::find(other)).map(|p| p.1.month), Some(12));
        assert_eq!((from.year, from.month, to.month, to.day), (2020, 1, 12, 31));
        let c = contact(&Keywords::find(doc));
        assert_eq!(c.address.as_deref(), Some("秦安县兴国镇秦南路14号"));
        assert_eq!(c.postcode.as_deref(), Some("741600"));
        assert_eq!(c.phone.as_deref(), Some("0938-6521510"));
        assert_eq!(c.email, None);
        let c = contact(&Keywords::find(
            "联系电话:010-12345678;电子邮箱:gk@example.gov.cn;网站地址:http://www.example.gov.cn",
        ));
        assert_eq!(c.email.as_deref(), Some("gk@example.gov.cn"));
        assert_eq!(c.website.as_deref(), Some("http://www.example.gov.cn"));
        assert_eq!(c.address, None);
    }
}
