//! The deviations real reports show (TEMPLATE.md §8), applied to rendered
//! text: full-width and half-width characters, no-break space padding,
//! wrapped labels, spaces inside labels, the label typos and truncations seen,
//! navigation before the title, Word bookmark artefacts, extra blank lines and
//! CRLF line ends. None of them changes a figure.

use proptest::prelude::*;
use xxgk::render::Layout;

/// Which deviations to apply, and the seed that places them.
#[derive(Debug, Clone)]
pub struct Perturbations {
    seed: u64,
    full_width: bool,
    half_width: bool,
    padding: bool,
    wraps: bool,
    spaces: bool,
    typos: bool,
    navigation: bool,
    bookmarks: bool,
    blank_lines: bool,
    crlf: bool,
}

impl Arbitrary for Perturbations {
    type Parameters = ();
    type Strategy = BoxedStrategy<Perturbations>;

    fn arbitrary_with((): ()) -> Self::Strategy {
        (any::<u64>(), any::<[bool; 10]>())
            .prop_map(|(seed, f)| Perturbations {
                seed,
                full_width: f[0],
                half_width: f[1],
                padding: f[2],
                wraps: f[3],
                spaces: f[4],
                typos: f[5],
                navigation: f[6],
                bookmarks: f[7],
                blank_lines: f[8],
                crlf: f[9],
            })
            .boxed()
    }
}

/// A small deterministic generator (xorshift), so that a failing case replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Labels and header cells that real reports wrap or space out
/// (`商业\n企业`, `规  章`, `上一年 项目数量`, `结果\n维持`).
const SPLITTABLE: &[&str] = &[
    "规章",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "上一年项目数量",
    "本年新制作数量",
    "本年制发件数",
    "行政事业性收费",
    "未经复议直接起诉",
];

/// The label typos, truncations and variants of TEMPLATE.md §8, as
/// (template text, text seen).
const VARIANTS: &[(&str, &str)] = &[
    (
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开（区分处理的，只计这一情况，不计其他情形）",
    ),
    ("5.属于三类内部事务信息", "5.属于三类内容事务信息"),
    ("1.本机关不掌握相关政府信息", "1.机关不掌握相关政府信息"),
    ("现行有效件数", "现行有效件"),
    ("本年增/减", "本年增/"),
    ("对外公开总数量", "对外公开总数量(历史累计)"),
    ("二、主动公开政府信息情况", "二、主动公开政府政府情况"),
    (
        "二、上年结转政府信息公开申请数量",
        "上年结转政府信息公开申请数量",
    ),
    ("（一）予以公开", "(一) 予以公开"),
    ("第二十条第（一）项", "第二十条  第(一)项"),
];

const NAVIGATION: &[&str] = &[
    "首页 > 政务公开 > 政府信息公开年报",
    "【字体：大 中 小】 【打印本页】 【关闭窗口】",
    "来源：本站  浏览次数：1024",
    "当前位置：首页 > 信息公开 > 年度报告",
];

fn to_full_width(c: char) -> char {
    match c {
        '0'..='9' | '(' | ')' | ':' | '+' | '.' | ',' | ';' | '|' => {
            char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
        }
        _ => c,
    }
}

fn to_half_width(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '，' => ',',
        '；' => ';',
        _ => c,
    }
}

/// Applies the chosen deviations to a rendered text.
pub fn perturb(text: &str, layout: Layout, p: &Perturbations) -> String {
    let mut rng = Rng(p.seed | 1);
    let html = layout == Layout::Html;
    let mut text = text.to_string();

    if p.typos {
        for (from, to) in VARIANTS {
            if rng.one_in(2) {
                text = text.replacen(from, to, 1);
            }
        }
    }
    if p.wraps || p.spaces {
        for label in SPLITTABLE {
            let Some(at) = find_cell(&text, label, layout) else {
                continue;
            };
            let chars: Vec<char> = label.chars().collect();
            let cut = 1 + rng.below(chars.len() - 1);
            let (a, b): (String, String) =
                (chars[..cut].iter().collect(), chars[cut..].iter().collect());
            let joint = if let Some(wrap) = line_break(layout).filter(|_| p.wraps && rng.one_in(2))
            {
                wrap
            } else if p.spaces && spaces_allowed(layout) {
                if rng.one_in(2) { " " } else { "  " }
            } else {
                continue;
            };
            text.replace_range(at..at + label.len(), &format!("{a}{joint}{b}"));
        }
    }
    if p.full_width || p.half_width {
        // in HTML, only the text between tags
        let mut in_tag = false;
        text = text
            .chars()
            .map(|c| {
                if html && (c == '<' || c == '>') {
                    in_tag = c == '<';
                    return c;
                }
                if in_tag {
                    c
                } else if p.full_width && (!html || c.is_ascii_digit()) && rng.one_in(3) {
                    to_full_width(c)
                } else if p.half_width {
                    to_half_width(c)
                } else {
                    c
                }
            })
            .collect();
    }
    if p.padding {
        text = pad(&text, layout, &mut rng);
    }
    if p.bookmarks && !html {
        let mut out = String::with_capacity(text.len() + 64);
        for line in text.split_inclusive('\n') {
            let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
            out.push_str(body);
            if !body.trim().is_empty() && !starts_table_cell(body, layout) && rng.one_in(15) {
                out.push_str("[bookmark: _GoBack]");
            }
            out.push_str(end);
        }
        text = out;
    }
    if p.blank_lines && !html {
        text = text.replace("\n\n", "\n\n\n");
    }
    if p.navigation {
        let nav: Vec<&str> = NAVIGATION
            .iter()
            .copied()
            .filter(|_| rng.one_in(2))
            .collect();
        if html {
            let lines: String = nav
                .iter()
                .map(|n| format!("<div class=\"nav\">{n}</div>\n"))
                .collect();
            text = text.replacen("<body>\n", &format!("<body>\n{lines}"), 1);
        } else {
            let lines: String = nav.iter().map(|n| format!("{n}\n\n")).collect();
            text.insert_str(0, &lines);
        }
    }
    if p.crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

/// Where a label stands as a whole cell of a table, in the layout's terms.
fn find_cell(text: &str, label: &str, layout: Layout) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(label) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + label.len()..].chars().next();
        let bounded = match layout {
            Layout::Html => before == Some('>') && after == Some('<'),
            Layout::WordCells => before == Some('\t') && after == Some('\n'),
            Layout::WebCells => before == Some('\n') && after == Some('\n'),
            Layout::TabRows => {
                matches!(before, Some('\t' | '\n')) && matches!(after, Some('\t' | '\n'))
            }
            _ => matches!(before, Some(' ' | '\n')) && after == Some(' '),
        };
        if bounded {
            return Some(at);
        }
        from = at + label.len();
    }
    None
}

/// How a cell's text is wrapped over lines without changing the rows, in the
/// layouts that allow it: a Word cell's second line, `<br>` inside an HTML cell.
fn line_break(layout: Layout) -> Option<&'static str> {
    match layout {
        Layout::WordCells => Some("\n"),
        Layout::Html => Some("<br>"),
        _ => None,
    }
}

/// Layouts where a space inside a label stays inside its cell. Where cells
/// are one per line with no delimiter (a web page's text) a run of spaces
/// is also how PDF text separates cells, so labels there are not spaced.
fn spaces_allowed(layout: Layout) -> bool {
    !matches!(layout, Layout::WebCells)
}

fn starts_table_cell(line: &str, layout: Layout) -> bool {
    match layout {
        Layout::WordCells => line.starts_with('\t'),
        Layout::TabRows => line.contains('\t'),
        _ => line.contains('|'),
    }
}

/// Pads cells with no-break spaces and ideographic spaces, as seed 000 does.
fn pad(text: &str, layout: Layout, rng: &mut Rng) -> String {
    let space = |rng: &mut Rng| if rng.one_in(2) { "\u{a0}" } else { "\u{3000}" };
    match layout {
        Layout::Html => {
            let mut out = String::new();
            for (i, piece) in text.split("<p>").enumerate() {
                if i > 0 {
                    out.push_str("<p>");
                    if rng.one_in(3) {
                        out.push_str("&nbsp;");
                    }
                }
                out.push_str(piece);
            }
            out
        }
        Layout::TabRows => {
            let mut out = String::new();
            for c in text.chars() {
                out.push(c);
                if c == '\t' && rng.one_in(3) {
                    out.push_str(space(rng));
                }
            }
            out
        }
        _ => {
            let mut out = String::new();
            for line in text.split_inclusive('\n') {
                let (body, end) = line.strip_suffix('\n').map_or((line, ""), |b| (b, "\n"));
                out.push_str(body);
                if !body.trim().is_empty() && !body.ends_with('|') && rng.one_in(4) {
                    out.push_str(space(rng));
                }
                out.push_str(end);
            }
            out
        }
    }
}
