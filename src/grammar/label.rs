//! Matching labels as written against the template's labels: regardless of inner
//! white space and line wraps, ordinal prefixes (`一、`, `(三)`, `1.`), and the
//! typos, truncations and annotations real reports show (TEMPLATE.md §8).

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, one_of};
use nom::combinator::{opt, recognize};
use nom::sequence::{delimited, pair, terminated};
use nom::{IResult, Parser};

/// The text with every white-space character removed and a trailing `:` dropped.
pub(crate) fn compact(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    while out.ends_with(':') {
        out.pop();
    }
    out
}

fn chinese_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// An ordinal prefix: `一、`, `(三)`, `(三)、`, `1.`, `1、`, `(1)`.
fn ordinal(i: &str) -> IResult<&str, &str> {
    recognize(alt((
        terminated(take_while1(chinese_numeral), one_of("、.")),
        terminated(
            delimited(char('('), take_while1(chinese_numeral), char(')')),
            opt(one_of("、.")),
        ),
        terminated(
            take_while1(|c: char| c.is_ascii_digit()),
            alt((tag("."), tag("、"))),
        ),
        recognize(pair(
            delimited(
                char('('),
                take_while1(|c: char| c.is_ascii_digit()),
                char(')'),
            ),
            opt(one_of("、.")),
        )),
    )))
    .parse(i)
}

/// The label without its ordinal prefix (input already compact).
pub(crate) fn core(compact: &str) -> &str {
    match ordinal(compact) {
        Ok((rest, _)) if !rest.is_empty() => rest,
        _ => compact,
    }
}

/// How a label was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Fit {
    /// As the template writes it (or a known variant of it).
    Exact,
    /// The template's label followed by a parenthesised annotation.
    Annotated,
    /// A truncation of the template's label.
    Truncated,
    /// One or two characters differ.
    Typo,
}

/// Matches a compact label against `(key, forms)` entries; the best fit wins, and
/// a tie between two keys at the best fit is no match.
pub(crate) fn best_match<K: Copy + PartialEq>(
    compact: &str,
    entries: &[(K, &[&str])],
) -> Option<(K, Fit)> {
    let text = core(compact);
    if text.is_empty() {
        return None;
    }
    let mut best: Option<(K, Fit)> = None;
    let mut tie = false;
    for &(key, forms) in entries {
        let Some(fit) = forms.iter().filter_map(|form| fit(text, core(form))).min() else {
            continue;
        };
        match best {
            Some((k, f)) if f < fit || (f == fit && k == key) => {}
            Some((_, f)) if f == fit => tie = true,
            _ => {
                best = Some((key, fit));
                tie = false;
            }
        }
    }
    if tie { None } else { best }
}

/// Reads a compact text as two or more labels run together (`结果维持结果纠正`),
/// each written exactly; returns the keys in order.
pub(crate) fn concatenation<K: Copy>(compact: &str, entries: &[(K, &[&str])]) -> Option<Vec<K>> {
    /// Run-together header text longer than this (in bytes) is not split.
    const MAX_BYTES: usize = 512;
    if compact.len() > MAX_BYTES {
        return None;
    }
    // reach[i]: the keys that read compact[..i], when it can be read
    let mut reach: Vec<Option<Vec<K>>> = vec![None; compact.len() + 1];
    reach[0] = Some(Vec::new());
    for i in 0..compact.len() {
        let Some(before) = reach[i].clone() else {
            continue;
        };
        for &(key, forms) in entries {
            for form in forms {
                let form = core(form);
                if compact[i..].starts_with(form) && reach[i + form.len()].is_none() {
                    let mut keys = before.clone();
                    keys.push(key);
                    reach[i + form.len()] = Some(keys);
                }
            }
        }
    }
    reach.pop().flatten().filter(|keys| keys.len() >= 2)
}

fn fit(text: &str, form: &str) -> Option<Fit> {
    if text == form {
        return Some(Fit::Exact);
    }
    if let Some(rest) = text.strip_prefix(form)
        && rest.starts_with('(')
        && form.chars().count() >= 2
    {
        return Some(Fit::Annotated);
    }
    let (n_text, n_form) = (text.chars().count(), form.chars().count());
    if n_text >= 4 && n_text < n_form && n_text * 5 >= n_form * 3 && form.starts_with(text) {
        return Some(Fit::Truncated);
    }
    let allowed = match n_form {
        0..=4 => 0,
        5..=11 => 1,
        _ => 2,
    };
    // a digit more or less is a value run into the label, not a typo
    let digits = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    if allowed > 0
        && n_text.abs_diff(n_form) <= allowed
        && digits(text) == digits(form)
        && within_distance(text, form, allowed)
    {
        return Some(Fit::Typo);
    }
    None
}

/// Levenshtein distance over chars, bounded: true when it is at most `k`.
fn within_distance(a: &str, b: &str, k: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > k {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= k
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: &[(u8, &[&str])] = &[
        (1, &["规章"]),
        (2, &["规范性文件"]),
        (3, &["行政规范性文件"]),
        (4, &["1.本机关不掌握相关政府信息"]),
        (5, &["5.属于三类内部事务信息"]),
        (6, &["(二)部分公开(区分处理的,只计这一情形,不计其他情形)"]),
        (7, &["现行有效件数"]),
        (8, &["本年增/减"]),
        (9, &["其他"]),
        (10, &["总计"]),
    ];

    fn m(text: &str) -> Option<(u8, Fit)> {
        best_match(&compact(text), ROWS)
    }

    #[test]
    fn ordinals_are_stripped() {
        assert_eq!(core("(一)予以公开"), "予以公开");
        assert_eq!(core("一、本年新收"), "本年新收");
        assert_eq!(core("(三)、加强"), "加强");
        assert_eq!(core("1.属于国家秘密"), "属于国家秘密");
        assert_eq!(core("2、重复申请"), "重复申请");
        assert_eq!(core("(1)其他"), "其他");
        assert_eq!(core("第二十条第(一)项"), "第二十条第(一)项");
        assert_eq!(core("一、"), "一、");
    }

    #[test]
    fn matches_regardless_of_white_space() {
        assert_eq!(m("规  章"), Some((1, Fit::Exact)));
        assert_eq!(m("规范性\n文件"), Some((2, Fit::Exact)));
        assert_eq!(m("行政规范性文件"), Some((3, Fit::Exact)));
        assert_eq!(m("(七) 总计"), Some((10, Fit::Exact)));
        assert_eq!(m("3.其他"), Some((9, Fit::Exact)));
    }

    #[test]
    fn tolerates_typos_truncations_and_annotations() {
        assert_eq!(m("1.机关不掌握相关政府信息"), Some((4, Fit::Typo)));
        assert_eq!(m("5.属于三类内容事务信息"), Some((5, Fit::Typo)));
        assert_eq!(
            m("(二)部分公开(区分处理的,只计这一情况,不计其他情形)"),
            Some((6, Fit::Typo))
        );
        assert_eq!(m("现行有效件"), Some((7, Fit::Truncated)));
        assert_eq!(m("本年增/"), Some((8, Fit::Truncated)));
        assert_eq!(m("现行有效件数(历史累计)"), Some((7, Fit::Annotated)));
        assert_eq!(
            m("规章(设区的市、自治州人民政府应提供相关数据)"),
            Some((1, Fit::Annotated))
        );
    }

    #[test]
    fn refuses_what_is_not_a_label() {
        assert_eq!(m("其他主动公开文件(含以本单位名义签发的)"), None);
        assert_eq!(m("规"), None);
        assert_eq!(m("0"), None);
        assert_eq!(m(""), None);
        assert_eq!(m("行政许可"), None);
        assert_eq!(m("现行有效件数0"), None);
        assert_eq!(m("5.属于三类内部事务信息7"), None);
    }

    #[test]
    fn labels_run_together() {
        assert_eq!(concatenation("规章规范性文件", ROWS), Some(vec![1, 2]));
        assert_eq!(concatenation("总计其他总计", ROWS), Some(vec![10, 9, 10]));
        assert_eq!(concatenation("规章", ROWS), None);
        assert_eq!(concatenation("规章x", ROWS), None);
    }

    #[test]
    fn bounded_distance() {
        assert!(within_distance("abcdef", "abcxef", 1));
        assert!(!within_distance("abcdef", "axcxef", 1));
        assert!(within_distance("abc", "abcd", 1));
        assert!(!within_distance("abc", "abcde", 1));
    }
}
