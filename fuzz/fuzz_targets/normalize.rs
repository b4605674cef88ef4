//! The crate's normalizer equals full NFKC (after the clean-ups of step 1, see
//! `src/normalize/mod.rs`) on arbitrary strings, and its offset map is
//! consistent: every normalized char maps to a non-empty source on char
//! boundaries, in order, and that source normalizes to the char's group alone.
#![no_main]

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use xxgk::__fuzz::{Normalized, nfkc, normalize};

libfuzzer_sys::fuzz_target!(|s: &str| {
    let full_nfkc = |s: &str| s.nfkc().collect::<String>();
    check(s, &nfkc(s), full_nfkc);
    check(s, &normalize(s), |s| full_nfkc(&strip(s)));
});

fn check(s: &str, n: &Normalized, reference: impl Fn(&str) -> String) {
    assert_eq!(n.text, reference(s), "text of {s:?}");
    let mut last = 0;
    for off in 0..=n.text.len() + 1 {
        let o = n.original_offset(off);
        assert!(o >= last && s.is_char_boundary(o), "offset {off} -> {o}");
        assert_eq!(n.original_range(off..off), o..o);
        last = o;
    }
    assert_eq!(last, s.len());
    // Chars with the same source form a group: that source normalized alone.
    let mut groups: Vec<(Range<usize>, Range<usize>)> = Vec::new(); // (text, source)
    for (off, c) in n.text.char_indices() {
        let at = off..off + c.len_utf8();
        let r = n.original_range(at.clone());
        assert!(r.start < r.end && s.is_char_boundary(r.end), "{r:?}");
        assert_eq!(r.start, n.original_offset(off));
        match groups.last_mut() {
            Some((text, source)) if *source == r => text.end = at.end,
            last => {
                assert!(last.is_none_or(|g| g.1.end <= r.start), "{r:?}");
                groups.push((at, r));
            }
        }
    }
    for (text, source) in groups {
        let alone = reference(&s[source.clone()]);
        assert_eq!(n.text[text.clone()], alone, "{source:?}");
        assert_eq!(n.original_range(text), source);
    }
}

/// Step 1 of the normalization, written char by char apart from the crate's.
fn strip(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let line_end = |c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if let Some(body) = rest.strip_prefix("[bookmark:")
            && let Some(end) = body.find(|c| c == ']' || line_end(c))
            && body[end..].starts_with(']')
        {
            rest = &body[end + 1..];
            continue;
        }
        match c {
            '\r' if rest.starts_with("\r\n") => {}
            '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{AD}' => {}
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}
