//! Tests of the normalization and its offset map.

use super::*;
use proptest::prelude::*;
use unicode_normalization::char::is_public_assigned;

/// The clean-ups of step 1, written independently of [`strip`], char by char.
fn reference_strip(s: &str) -> String {
    const OPEN: &str = "[bookmark:";
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(body) = rest.strip_prefix(OPEN)
            && let Some(end) = body.find([']', '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
            && body[end..].starts_with(']')
        {
            rest = &body[end + 1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("\r\n") {
            out.push('\n');
            rest = after;
            continue;
        }
        match c {
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{AD}' => {}
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The slow reference of [`normalize`]: strip, then full NFKC.
fn reference(s: &str) -> String {
    reference_strip(s).nfkc().collect()
}

/// Checks the offsets of `n`, the normalization of `s`, for consistency.
fn check_offsets(s: &str, n: &Normalized) {
    let text = &n.text;
    let mut last = 0;
    for off in 0..=text.len() + 1 {
        let o = n.original_offset(off);
        assert!(
            o <= s.len() && s.is_char_boundary(o),
            "offset {off} -> {o} in {s:?}"
        );
        assert!(o >= last, "not monotonic at {off} in {s:?}");
        last = o;
        let empty = n.original_range(off..off);
        assert_eq!(empty, o..o, "empty range at {off} in {s:?}");
    }
    assert_eq!(n.original_offset(text.len()), s.len());

    // Each char maps to a non-empty source; consecutive chars map to the same
    // source (one group) or to disjoint sources in order.
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut groups: Vec<(Range<usize>, Range<usize>)> = Vec::new(); // (normalized, original)
    for &(off, c) in &chars {
        let r = n.original_range(off..off + c.len_utf8());
        assert!(
            r.start < r.end && r.end <= s.len(),
            "char at {off} -> {r:?} in {s:?}"
        );
        assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
        assert_eq!(r.start, n.original_offset(off));
        match groups.last_mut() {
            Some((norm, orig)) if *orig == r => norm.end = off + c.len_utf8(),
            Some((_, orig)) => {
                assert!(
                    orig.end <= r.start,
                    "overlapping sources {orig:?} {r:?} in {s:?}"
                );
                groups.push((off..off + c.len_utf8(), r));
            }
            None => groups.push((off..off + c.len_utf8(), r)),
        }
    }
    // Each group is the normalization of its source on its own.
    for (norm, orig) in &groups {
        assert_eq!(
            reference(&s[orig.clone()]),
            text[norm.clone()],
            "group {norm:?} <- {orig:?} in {s:?}"
        );
        // A range over several chars spans their sources.
        let r = n.original_range(norm.clone());
        assert_eq!(r, orig.clone());
    }
    if let (Some(first), Some(last)) = (groups.first(), groups.last()) {
        assert_eq!(n.original_range(0..text.len()), first.1.start..last.1.end);
        // Ranges given by byte offsets inside chars widen to whole chars.
        let start = if text.is_char_boundary(1) { 0 } else { 1 };
        let end = if text.is_char_boundary(text.len() - 1) {
            text.len()
        } else {
            text.len() - 1
        };
        if start < end {
            assert_eq!(n.original_range(start..end), first.1.start..last.1.end);
        }
    }
}

/// `(input, normalized, source of each normalized char)`; an empty source
/// means "same source as the previous char" (one NFKC group).
const CASES: &[(&str, &str, &[&str])] = &[
    ("", "", &[]),
    ("２０２０年", "2020年", &["２", "０", "２", "０", "年"]),
    ("（一）概述", "(一)概述", &["（", "一", "）", "概", "述"]),
    ("中，文：", "中,文:", &["中", "，", "文", "："]),
    ("ＡＢｃ！", "ABc!", &["Ａ", "Ｂ", "ｃ", "！"]),
    ("a\u{A0}b", "a b", &["a", "\u{A0}", "b"]),
    ("第\u{3000}一", "第 一", &["第", "\u{3000}", "一"]),
    ("a\r\nb", "a\nb", &["a", "\r\n", "b"]),
    ("a\rb\r", "a\nb\n", &["a", "\r", "b", "\r"]),
    ("\r\n\r\n", "\n\n", &["\r\n", "\r\n"]),
    (
        "\u{2028}x\u{2029}\u{85}",
        "\nx\n\n",
        &["\u{2028}", "x", "\u{2029}", "\u{85}"],
    ),
    ("\u{FEFF}标题", "标题", &["标", "题"]),
    (
        "a\u{200B}b\u{200C}\u{200D}c\u{2060}",
        "abc",
        &["a", "b", "c"],
    ),
    ("ab\u{200B}", "ab", &["a", "b"]),
    ("政\u{AD}府", "政府", &["政", "府"]),
    (
        "[bookmark: _GoBack]一、总体情况",
        "一、总体情况",
        &["一", "、", "总", "体", "情", "况"],
    ),
    (
        "总体[bookmark: _GoBack]情况\n",
        "总体情况\n",
        &["总", "体", "情", "况", "\n"],
    ),
    ("a\n[bookmark: _GoBack]文", "a\n文", &["a", "\n", "文"]),
    (
        "[bookmark: x\n]",
        "[bookmark: x\n]",
        &[
            "[", "b", "o", "o", "k", "m", "a", "r", "k", ":", " ", "x", "\n", "]",
        ],
    ),
    (
        "[bookmark x]",
        "[bookmark x]",
        &["[", "b", "o", "o", "k", "m", "a", "r", "k", " ", "x", "]"],
    ),
    ("e\u{301}", "\u{E9}", &["e\u{301}"]),
    ("xe\u{301}y", "x\u{E9}y", &["x", "e\u{301}", "y"]),
    ("e\u{200B}\u{301}", "\u{E9}", &["e\u{200B}\u{301}"]),
    ("a\u{301}\u{316}", "\u{E1}\u{316}", &["a\u{301}\u{316}", ""]),
    ("Ａ\u{301}", "\u{C1}", &["Ａ\u{301}"]),
    (
        "\u{1100}\u{1161}\u{11A8}",
        "\u{AC01}",
        &["\u{1100}\u{1161}\u{11A8}"],
    ),
    ("\u{AC00}\u{11A8}", "\u{AC01}", &["\u{AC00}\u{11A8}"]),
    ("ﬁle", "file", &["ﬁ", "", "l", "e"]),
    ("㍻", "平成", &["㍻", ""]),
    ("中ｶﾞ", "中ガ", &["中", "ｶﾞ"]),
    ("①…", "1...", &["①", "…", "", ""]),
    ("㈠", "(一)", &["㈠", "", ""]),
    ("\u{F900}", "\u{8C48}", &["\u{F900}"]),
    ("\u{301}a", "\u{301}a", &["\u{301}", "a"]),
    (
        "政府信息公开工作年度报告。《条例》“主动公开”—",
        "政府信息公开工作年度报告。《条例》“主动公开”—",
        &[
            "政", "府", "信", "息", "公", "开", "工", "作", "年", "度", "报", "告", "。", "《",
            "条", "例", "》", "“", "主", "动", "公", "开", "”", "—",
        ],
    ),
];

#[test]
fn table() {
    for &(input, expected, sources) in CASES {
        let n = normalize(input);
        assert_eq!(n.text, expected, "text of {input:?}");
        assert_eq!(n.text, reference(input), "reference of {input:?}");
        assert_eq!(
            n.text.chars().count(),
            sources.len(),
            "sources of {input:?}"
        );
        let mut prev: Option<Range<usize>> = None;
        let mut from = 0;
        for ((off, c), src) in n.text.char_indices().zip(sources.iter()) {
            let want = if src.is_empty() {
                prev.clone().expect("a group continues")
            } else {
                let at = from + input[from..].find(src).expect("source in input");
                at..at + src.len()
            };
            assert_eq!(
                n.original_range(off..off + c.len_utf8()),
                want,
                "char {c:?} at {off} of {input:?}"
            );
            assert_eq!(
                n.original_offset(off),
                want.start,
                "offset {off} of {input:?}"
            );
            from = want.end;
            prev = Some(want);
        }
        assert_eq!(n.original_offset(n.text.len()), input.len());
        check_offsets(input, &n);
    }
}

#[test]
fn unclosed_bookmarks() {
    let s = "[bookmark: a\n[bookmark: b]c[bookmark: d";
    let n = normalize(s);
    assert_eq!(n.text, "[bookmark: a\nc[bookmark: d");
    assert_eq!(n.text, reference(s));
    check_offsets(s, &n);
    // Many openings on one line: each is scanned once.
    let s = format!("{}\n]", "[bookmark:".repeat(20_000));
    assert_eq!(normalize(&s).text, s);
}

#[test]
fn unchanged_text_is_identity() {
    let s = "政府信息公开 2020 年度报告\n一、总体情况";
    let n = normalize(s);
    assert_eq!(n, Normalized::identity(s.to_owned()));
    assert!(strip(s).is_none());
    assert!(nfkc_changes(s).is_none());
}

#[test]
fn nfkc_alone_keeps_extras() {
    let n = nfkc("a\r\n\u{FEFF}１[bookmark: x]");
    assert_eq!(n.text, "a\r\n\u{FEFF}1[bookmark: x]");
    assert_eq!(n.original_range(6..7), 6..9);
    assert_eq!(n.original_offset(7), 9);
}

#[test]
fn fast_stable_ranges_agree_with_tables() {
    for &(lo, hi) in &FAST_STABLE {
        for c in (lo..=hi).filter_map(char::from_u32) {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                is_nfkc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(unicode_extra(c), None, "{c:?}");
        }
    }
}

#[test]
fn simple_map_agrees_with_nfkc() {
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        if let Some(m) = simple_map(c) {
            assert_eq!(c.nfkc().collect::<String>(), m.to_string(), "{c:?}");
            assert!(is_stable_starter(m));
        }
    }
}

/// Every assigned char outside [`FAST_STABLE`] (checked above) and the CJK
/// extensions B to J (ideographs, all stable), in contexts that compose or
/// reorder around it.
#[test]
fn every_char_in_context() {
    let contexts: [[char; 3]; 4] = [
        ['a', 'x', 'b'],
        ['e', 'x', '\u{301}'],
        ['\u{FF76}', 'x', '\u{FF9E}'],
        ['\u{1100}', 'x', '\u{11A8}'],
    ];
    let mut s = String::new();
    let chars = (0..=0x10FFFF).filter_map(char::from_u32);
    let cjk_ext = |c: char| matches!(u32::from(c), 0x20000..=0x2F7FF | 0x30000..=0x3FFFF);
    for c in chars.filter(|&c| is_public_assigned(c) && !is_fast_stable(c) && !cjk_ext(c)) {
        for ctx in &contexts {
            s.clear();
            s.extend(ctx.iter().map(|&k| if k == 'x' { c } else { k }));
            let n = nfkc(&s);
            assert_eq!(n.text, s.nfkc().collect::<String>(), "{s:?}");
            assert_eq!(n.original_offset(n.text.len()), s.len());
        }
        // A removal right before the char.
        for ctx in [
            "e\u{200B}x\u{301}",
            "\u{1100}\u{AD}x\u{11A8}",
            "\u{9C7}\u{FEFF}x",
        ] {
            s.clear();
            s.extend(ctx.chars().map(|k| if k == 'x' { c } else { k }));
            assert_eq!(normalize(&s).text, reference(&s), "{s:?}");
        }
    }
}

#[test]
fn composes_with_a_front_end_map() {
    // A front end read `<p>１&amp;２</p>` as `１&２`.
    let doc = "<p>１&amp;２</p>";
    let mut b = OffsetMapBuilder::new();
    b.copied(0, 3);
    b.replaced(3, 6..11);
    b.copied(4, 11);
    let base = b.finish(7, doc.len());
    let n = normalize_mapped("１&２", &base);
    assert_eq!(n.text, "1&2");
    assert_eq!(&doc[n.original_range(0..1)], "１");
    assert_eq!(&doc[n.original_range(1..2)], "&amp;");
    assert_eq!(&doc[n.original_range(2..3)], "２");
    assert_eq!(&doc[n.original_range(0..3)], "１&amp;２");
    assert_eq!(n.original_offset(3), doc.len());
}

/// Strings biased to what matters here: CJK, full-width forms, combining
/// marks, Hangul, ASCII, line ends, the removed characters and bookmarks.
fn biased_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::char::range(' ', '~').prop_map(String::from),
        3 => proptest::char::range('\u{4E00}', '\u{4E2F}').prop_map(String::from),
        3 => proptest::char::range('\u{FF00}', '\u{FFEF}').prop_map(String::from),
        2 => proptest::char::range('\u{300}', '\u{36F}').prop_map(String::from),
        1 => proptest::char::range('\u{1100}', '\u{11FF}').prop_map(String::from),
        1 => proptest::char::range('\u{AC00}', '\u{AC1F}').prop_map(String::from),
        1 => proptest::char::range('\u{3000}', '\u{30FF}').prop_map(String::from),
        1 => proptest::char::range('\u{2000}', '\u{2070}').prop_map(String::from),
        1 => proptest::char::range('\u{80}', '\u{FF}').prop_map(String::from),
        1 => proptest::char::range('\u{3200}', '\u{33FF}').prop_map(String::from),
        2 => prop::sample::select(vec![
            "\r", "\n", "\r\n", "\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{AD}", "\u{85}",
            "\u{2028}", "\u{2029}", "[bookmark: _GoBack]", "[bookmark:", "]", "[", "ﬁ", "\u{F900}", "e", "a",
            "\u{0F73}", "\u{09BE}", "\u{09C7}",
        ])
        .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// A front end: `(char, op)` pairs give a document and a text extracted from
/// it, with its map (op 0-1: copied; 2: dropped; 3: written as `<c>` in the
/// document; 4: each char written twice in the document, a run piece per
/// stretch of chars of one width, as a decoder maps two-byte sequences).
fn front_end(parts: &[(String, u8)]) -> (String, String, OffsetMap) {
    let (mut doc, mut text, mut b) = (String::new(), String::new(), OffsetMapBuilder::new());
    for (s, op) in parts {
        match op {
            0 | 1 => {
                b.copied(text.len(), doc.len());
                text.push_str(s);
                doc.push_str(s);
            }
            2 => doc.push_str(s),
            4 => {
                let mut width = 0;
                for c in s.chars() {
                    if c.len_utf8() != width {
                        width = c.len_utf8();
                        b.run(text.len(), doc.len(), 2 * width, width);
                    }
                    text.push(c);
                    doc.push(c);
                    doc.push(c);
                }
            }
            _ => {
                b.replaced(text.len(), doc.len()..doc.len() + s.len() + 2);
                text.push_str(s);
                doc.push('<');
                doc.push_str(s);
                doc.push('>');
            }
        }
    }
    let map = b.finish(text.len(), doc.len());
    (doc, text, map)
}

fn check_nfkc(s: &str) {
    let n = nfkc(s);
    assert_eq!(n.text, s.nfkc().collect::<String>());
    let mut last = 0;
    for off in 0..=n.text.len() {
        let o = n.original_offset(off);
        assert!(o >= last && o <= s.len() && s.is_char_boundary(o));
        last = o;
    }
    assert_eq!(last, s.len());
}

fn check_normalize(s: &str) {
    let n = normalize(s);
    assert_eq!(n.text, reference(s));
    check_offsets(s, &n);
    // The two steps compose like chaining their maps.
    if let (Some((t1, m1)), Some((t2, m2))) =
        (strip(s), strip(s).and_then(|(t, _)| nfkc_changes(&t)))
    {
        let m = m2.compose(&m1);
        for (off, c) in t2.char_indices() {
            assert_eq!(m.map(off), m1.map(m2.map(off)));
            let r = off..off + c.len_utf8();
            assert_eq!(m.map_range(r.clone()), m1.map_range(m2.map_range(r)));
            assert!(t1.is_char_boundary(m2.map(off)));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn nfkc_equals_full_nfkc(s in any::<String>()) {
        check_nfkc(&s);
    }

    #[test]
    fn nfkc_equals_full_nfkc_biased(s in biased_string()) {
        check_nfkc(&s);
    }

    #[test]
    fn normalize_equals_reference(s in any::<String>()) {
        check_normalize(&s);
    }

    #[test]
    fn normalize_equals_reference_biased(s in biased_string()) {
        check_normalize(&s);
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn normalize_mapped_composes(parts in prop::collection::vec((biased_string(), 0u8..5), 0..6)) {
        let (doc, text, base) = front_end(&parts);
        let plain = normalize(&text);
        let n = normalize_mapped(&text, &base);
        prop_assert_eq!(&n.text, &plain.text);
        let mut last = 0;
        for off in 0..=n.text.len() {
            let o = n.original_offset(off);
            prop_assert_eq!(o, base.map(plain.original_offset(off)));
            prop_assert!(o >= last && doc.is_char_boundary(o));
            last = o;
        }
        prop_assert_eq!(last, doc.len());
        let bounds: Vec<usize> = n.text.char_indices().map(|(i, _)| i).chain([n.text.len()]).collect();
        for (i, &a) in bounds.iter().enumerate() {
            for &b in bounds[i..].iter().take(4) {
                prop_assert_eq!(n.original_range(a..b), base.map_range(plain.original_range(a..b)));
            }
        }
    }
}

#[test]
fn display_width_is_two_for_cjk_and_full_width_only() {
    assert_eq!(display_width('规'), 2);
    assert_eq!(display_width('（'), 2);
    assert_eq!(display_width('“'), 1);
    assert_eq!(display_width('5'), 1);
}

proptest! {
    /// A range maps to the same original range whatever the search hint, in
    /// text order as in any other.
    #[test]
    fn ranges_map_the_same_with_any_hint(
        input in "[a-c１２３ﾃﾞ　\u{200B}\r\n（）]{0,40}",
        ranges in proptest::collection::vec((0usize..130, 0usize..130), 0..30),
        start_hint in 0usize..200,
    ) {
        let n = normalize(&input);
        let len = n.text.len();
        let mut hint = start_hint;
        let mut sorted = ranges.clone();
        sorted.sort_unstable();
        for (a, b) in ranges.iter().chain(&sorted) {
            let (a, b) = (a.min(&len), b.min(&len));
            let (s, e) = (*a.min(b), *a.max(b));
            prop_assert_eq!(
                n.original_range_from(&mut hint, Norm::new(s, e)),
                n.original_range(s..e)
            );
            prop_assert_eq!(
                n.original_range_from(&mut hint, Norm::new(e, e)),
                n.original_range(e..e)
            );
        }
    }
}
