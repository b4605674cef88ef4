//! HTML character references: numeric ones, and the named ones that Chinese
//! government pages use (the punctuation, spaces, quotes and symbols of the
//! HTML 4 set). An unknown name stays as written, as browsers leave it.

/// The char of a named reference (without `&` and `;`).
fn named(name: &str) -> Option<char> {
    let c = match name {
        "nbsp" => '\u{A0}',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "lrm" => '\u{200E}',
        "rlm" => '\u{200F}',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "dagger" => '†',
        "Dagger" => '‡',
        "bull" => '•',
        "hellip" => '…',
        "permil" => '‰',
        "prime" => '′',
        "Prime" => '″',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "oline" => '‾',
        "frasl" => '⁄',
        "euro" => '€',
        "trade" => '™',
        "larr" => '←',
        "uarr" => '↑',
        "rarr" => '→',
        "darr" => '↓',
        "harr" => '↔',
        "lArr" => '⇐',
        "rArr" => '⇒',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "equiv" => '≡',
        "minus" => '−',
        "lowast" => '∗',
        "radic" => '√',
        "infin" => '∞',
        "sum" => '∑',
        "prod" => '∏',
        "part" => '∂',
        "isin" => '∈',
        "times" => '×',
        "divide" => '÷',
        "iexcl" => '¡',
        "cent" => '¢',
        "pound" => '£',
        "curren" => '¤',
        "yen" => '¥',
        "brvbar" => '¦',
        "sect" => '§',
        "uml" => '¨',
        "copy" | "COPY" => '©',
        "ordf" => 'ª',
        "laquo" => '«',
        "not" => '¬',
        "shy" => '\u{AD}',
        "reg" | "REG" => '®',
        "macr" => '¯',
        "deg" => '°',
        "plusmn" => '±',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "acute" => '´',
        "micro" => 'µ',
        "para" => '¶',
        "middot" => '·',
        "cedil" => '¸',
        "ordm" => 'º',
        "raquo" => '»',
        "frac14" => '¼',
        "frac12" => '½',
        "frac34" => '¾',
        "iquest" => '¿',
        "agrave" => 'à',
        "aacute" => 'á',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "szlig" => 'ß',
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "theta" => 'θ',
        "lambda" => 'λ',
        "mu" => 'μ',
        "pi" => 'π',
        "sigma" => 'σ',
        "omega" => 'ω',
        "Omega" => 'Ω',
        "circ" => 'ˆ',
        "tilde" => '˜',
        "loz" => '◊',
        "spades" => '♠',
        "clubs" => '♣',
        "hearts" => '♥',
        "diams" => '♦',
        _ => return None,
    };
    Some(c)
}

/// Names browsers also read without the `;` (a subset of the legacy list).
const LEGACY: &[&str] = &[
    "amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT", "nbsp", "copy", "COPY", "reg", "REG",
    "times", "divide", "deg", "middot", "plusmn", "yen", "sect", "para", "laquo", "raquo", "shy",
    "not", "micro", "cent", "pound", "sup1", "sup2", "sup3", "frac12", "frac14", "frac34",
];

/// Windows-1252 for the C1 range of numeric references, as browsers read them.
fn c1(n: u32) -> Option<char> {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    (0x80..=0x9F)
        .contains(&n)
        .then(|| TABLE[(n - 0x80) as usize])
}

/// Reads a character reference at the start of `s` (which starts with `&`):
/// the char and how many bytes it takes. `in_attribute` follows the attribute
/// rules (a legacy name without `;` before a letter, digit or `=` is text).
pub(crate) fn reference(s: &str, in_attribute: bool) -> Option<(char, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let (hex, digits_at) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let digits = b[digits_at..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 {
            return None;
        }
        let mut n: u32 = 0;
        for &c in &b[digits_at..digits_at + digits] {
            let d = (c as char).to_digit(16).unwrap_or(0);
            n = n
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
        }
        let mut len = digits_at + digits;
        if b.get(len) == Some(&b';') {
            len += 1;
        }
        let c = match n {
            0 => '\u{FFFD}',
            0x80..=0x9F => c1(n).unwrap_or('\u{FFFD}'),
            _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
        };
        return Some((c, len));
    }
    let name_len = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let name = &s[1..1 + name_len];
    if b.get(1 + name_len) == Some(&b';')
        && let Some(c) = named(name)
    {
        return Some((c, name_len + 2));
    }
    // the longest legacy name the run starts with
    let legacy = LEGACY
        .iter()
        .filter(|l| name.starts_with(**l))
        .max_by_key(|l| l.len())?;
    let next = b.get(1 + legacy.len());
    if in_attribute && next.is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'=') {
        return None;
    }
    Some((named(legacy)?, legacy.len() + 1))
}

/// `s` with its character references decoded (for attribute values).
pub(crate) fn decode_attribute(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('&') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(j) = s[i..].find('&') {
        out.push_str(&s[i..i + j]);
        i += j;
        match reference(&s[i..], true) {
            Some((c, len)) => {
                out.push(c);
                i += len;
            }
            None => {
                out.push('&');
                i += 1;
            }
        }
    }
    out.push_str(&s[i..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(reference("&nbsp;x", false), Some(('\u{A0}', 6)));
        assert_eq!(reference("&nbspx", false), Some(('\u{A0}', 5)));
        assert_eq!(reference("&nbspx", true), None);
        assert_eq!(reference("&#48;", false), Some(('0', 5)));
        assert_eq!(reference("&#x31", false), Some(('1', 5)));
        assert_eq!(reference("&#150;", false), Some(('–', 6)));
        assert_eq!(reference("&#0;", false), Some(('\u{FFFD}', 4)));
        assert_eq!(reference("&#99999999999;", false), Some(('\u{FFFD}', 14)));
        assert_eq!(reference("&foo;", false), None);
        assert_eq!(reference("& b", false), None);
        assert_eq!(reference("&#;", false), None);
        assert_eq!(
            reference("&ldquo;三安全一稳定&rdquo;", false),
            Some(('“', 7))
        );
        assert_eq!(decode_attribute("a&amp;b&lt"), "a&b<");
    }
}
