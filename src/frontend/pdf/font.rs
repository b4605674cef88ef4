//! Fonts: how the bytes of a shown string split into character codes, what
//! text each code stands for (the font's `/ToUnicode` CMap), and how far each
//! glyph advances.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

use super::{MAX_CMAP_ENTRIES, MAX_STREAM_BYTES};

/// A font as the content interpreter needs it.
#[derive(Debug, Default)]
pub(super) struct Font {
    /// Bytes per character code (1 for simple fonts, 2 for CID fonts).
    code_len: usize,
    /// Code → text, from `/ToUnicode`.
    to_unicode: CMap,
    /// Advance of each code in thousandths of the font size.
    widths: HashMap<u32, f64>,
    /// Advance of a code not in `widths`.
    default_width: f64,
    /// The scale of widths to text space (1/1000, or a Type 3 font matrix).
    scale: f64,
}

/// A code with its text and advance.
pub(super) struct Code {
    /// The text the code stands for (empty when the font does not say).
    pub(super) text: String,
    /// The advance in text space units per unit font size.
    pub(super) width: f64,
    /// Whether the code is the single byte 32 (word spacing applies).
    pub(super) space: bool,
}

fn number(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn array<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a [Object]> {
    match deref(doc, dict.get(key).ok()?) {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

impl Font {
    /// Reads a font dictionary. A font whose parts cannot be read still
    /// yields a font (it shows text the page does not decode); a CMap over
    /// the limit is an error.
    pub(super) fn read(doc: &Document, dict: &Dictionary) -> Result<Font, String> {
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let mut font = Font {
            code_len: 1,
            default_width: 0.0,
            scale: 0.001,
            ..Font::default()
        };
        if subtype == b"Type0" {
            font.code_len = 2;
            font.default_width = 1000.0;
            if let Some(Object::Dictionary(d)) = array(doc, dict, b"DescendantFonts")
                .and_then(|a| a.first())
                .map(|o| deref(doc, o))
            {
                if let Some(dw) = d.get(b"DW").ok().and_then(|o| number(deref(doc, o))) {
                    font.default_width = dw;
                }
                if let Some(w) = array(doc, d, b"W") {
                    font.cid_widths(doc, w);
                }
            }
        } else {
            if subtype == b"Type3"
                && let Some(m) = array(doc, dict, b"FontMatrix")
                && let Some(a) = m.first().and_then(number)
            {
                font.scale = a;
            }
            let first = dict
                .get(b"FirstChar")
                .ok()
                .and_then(|o| number(deref(doc, o)))
                .unwrap_or(0.0);
            if let Some(w) = array(doc, dict, b"Widths") {
                for (i, o) in w.iter().enumerate().take(256) {
                    if let Some(v) = number(deref(doc, o)) {
                        font.widths.insert(first as u32 + i as u32, v);
                    }
                }
            }
        }
        if let Ok(Object::Stream(s)) = dict.get(b"ToUnicode").map(|o| deref(doc, o)) {
            let bytes = s
                .get_plain_content_with_limit(MAX_STREAM_BYTES)
                .map_err(|e| format!("a font's /ToUnicode CMap cannot be read: {e}"))?;
            font.to_unicode = CMap::parse(&bytes)?;
        }
        Ok(font)
    }

    /// `/W` of a CID font: `c [w1 w2 …]` and `c1 c2 w`.
    fn cid_widths(&mut self, doc: &Document, w: &[Object]) {
        let mut i = 0;
        while i + 1 < w.len() && self.widths.len() < MAX_CMAP_ENTRIES {
            let Some(c) = number(deref(doc, &w[i])) else {
                break;
            };
            match deref(doc, &w[i + 1]) {
                Object::Array(list) => {
                    for (k, o) in list.iter().enumerate() {
                        if let Some(v) = number(deref(doc, o)) {
                            self.widths.insert(c as u32 + k as u32, v);
                        }
                    }
                    i += 2;
                }
                o => {
                    let (Some(hi), Some(v)) = (number(o), w.get(i + 2).and_then(number)) else {
                        break;
                    };
                    let (lo, hi) = (c as u32, (hi as u32).min(c as u32 + 0xFFFF));
                    for code in lo..=hi {
                        self.widths.insert(code, v);
                    }
                    i += 3;
                }
            }
        }
    }

    /// Splits the bytes of a shown string into codes.
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        bytes
            .chunks(self.code_len)
            .map(|c| {
                let code = c.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
                let text = match self.to_unicode.get(code) {
                    Some(t) => ideographs(t),
                    None if self.code_len == 1 && (0x20..0x7F).contains(&code) => {
                        char::from(code as u8).to_string()
                    }
                    None => String::new(),
                };
                let w = self
                    .widths
                    .get(&code)
                    .copied()
                    .unwrap_or(self.default_width);
                Code {
                    text,
                    width: w * self.scale,
                    space: self.code_len == 1 && code == 32,
                }
            })
            .collect()
    }
}

/// CJK radicals that fonts map glyphs to where the text has the ideograph
/// (a font's one glyph serves both): the ideograph each stands for. Kangxi
/// radicals (U+2F00–U+2FD5) are decomposed by NFKC.
const RADICALS: &[(char, char)] = &[
    ('⺁', '厂'),
    ('⺇', '几'),
    ('⺊', '卜'),
    ('⺌', '小'),
    ('⺍', '小'),
    ('⺎', '兀'),
    ('⺏', '尣'),
    ('⺐', '尢'),
    ('⺑', '𡯂'),
    ('⺒', '巳'),
    ('⺓', '幺'),
    ('⺔', '彑'),
    ('⺛', '旡'),
    ('⺝', '月'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺡', '氵'),
    ('⺢', '氺'),
    ('⺣', '灬'),
    ('⺤', '爫'),
    ('⺥', '爫'),
    ('⺦', '丬'),
    ('⺨', '犭'),
    ('⺩', '王'),
    ('⺪', '疋'),
    ('⺫', '罒'),
    ('⺬', '示'),
    ('⺭', '礻'),
    ('⺮', '⺮'),
    ('⺯', '糸'),
    ('⺰', '纟'),
    ('⺱', '罓'),
    ('⺲', '罒'),
    ('⺳', '网'),
    ('⺶', '羊'),
    ('⺷', '羊'),
    ('⺸', '羊'),
    ('⺹', '耂'),
    ('⺺', '肀'),
    ('⺻', '聿'),
    ('⺼', '肉'),
    ('⺽', '臼'),
    ('⺾', '艹'),
    ('⺿', '艹'),
    ('⻀', '艹'),
    ('⻁', '虎'),
    ('⻂', '衤'),
    ('⻃', '西'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻇', '角'),
    ('⻈', '讠'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻌', '辶'),
    ('⻍', '辶'),
    ('⻎', '辶'),
    ('⻏', '阝'),
    ('⻐', '钅'),
    ('⻑', '長'),
    ('⻒', '镸'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻕', '阝'),
    ('⻖', '阝'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻞', '食'),
    ('⻟', '食'),
    ('⻠', '饣'),
    ('⻡', '饣'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻫', '齐'),
    ('⻬', '齐'),
    ('⻭', '齿'),
    ('⻮', '齿'),
    ('⻯', '龙'),
    ('⻰', '龙'),
    ('⻱', '龟'),
    ('⻲', '龟'),
    ('⻳', '龟'),
];

/// The text of a glyph with radicals written as the ideographs they stand
/// for.
fn ideographs(s: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    if !s.chars().any(|c| ('\u{2E80}'..='\u{2FDF}').contains(&c)) {
        return s;
    }
    s.chars()
        .flat_map(|c| match RADICALS.iter().find(|(r, _)| *r == c) {
            Some((_, i)) => vec![*i],
            None if ('\u{2F00}'..='\u{2FDF}').contains(&c) => c.nfkc().collect(),
            None => vec![c],
        })
        .collect()
}

/// A `/ToUnicode` CMap: single codes and ranges.
#[derive(Debug, Default)]
pub(super) struct CMap {
    chars: HashMap<u32, String>,
    /// `lo, hi, first`: codes lo..=hi stand for `first` with its last char
    /// counted up.
    ranges: Vec<(u32, u32, Vec<u16>)>,
}

/// The tokens of a CMap that matter.
#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(Vec<u8>),
}

fn tokens(s: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'<' if s.get(i + 1) != Some(&b'<') => {
                let end = s[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(s.len(), |p| i + p);
                let digits: Vec<u8> = s[i + 1..end]
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
                    .collect();
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'%' => {
                while i < s.len() && s[i] != b'\n' && s[i] != b'\r' {
                    i += 1;
                }
            }
            b if b.is_ascii_alphanumeric() => {
                let start = i;
                while i < s.len() && s[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(Token::Word(s[start..i].to_vec()));
            }
            _ => i += 1,
        }
    }
    out
}

fn code(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0, |a, &b| (a << 8) | u32::from(b))
}

fn utf16(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|p| (u16::from(p[0]) << 8) | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect()
}

impl CMap {
    /// Parses the `bfchar` and `bfrange` sections of a CMap.
    ///
    /// # Errors
    ///
    /// More than [`MAX_CMAP_ENTRIES`] entries.
    pub(super) fn parse(s: &[u8]) -> Result<CMap, String> {
        let toks = tokens(s);
        let mut map = CMap::default();
        let mut entries = 0usize;
        let mut i = 0;
        let mut mode = None;
        while i < toks.len() {
            if entries > MAX_CMAP_ENTRIES {
                return Err(format!(
                    "a font's /ToUnicode CMap has more than {MAX_CMAP_ENTRIES} entries"
                ));
            }
            match &toks[i] {
                Token::Word(w) if w == b"beginbfchar" => mode = Some(false),
                Token::Word(w) if w == b"beginbfrange" => mode = Some(true),
                Token::Word(w) if w == b"endbfchar" || w == b"endbfrange" => mode = None,
                Token::Hex(src) if mode == Some(false) => {
                    if let Some(Token::Hex(dst)) = toks.get(i + 1) {
                        map.chars
                            .insert(code(src), String::from_utf16_lossy(&utf16(dst)));
                        entries += 1;
                        i += 1;
                    }
                }
                Token::Hex(lo) if mode == Some(true) => {
                    let Some(Token::Hex(hi)) = toks.get(i + 1) else {
                        i += 1;
                        continue;
                    };
                    let (lo, hi) = (code(lo), code(hi));
                    match toks.get(i + 2) {
                        Some(Token::Hex(dst)) => {
                            if hi >= lo {
                                map.ranges.push((lo, hi.min(lo + 0xFFFF), utf16(dst)));
                            }
                            entries += 1;
                            i += 2;
                        }
                        Some(Token::Open) => {
                            let mut k = i + 3;
                            let mut c = lo;
                            while let Some(Token::Hex(dst)) = toks.get(k) {
                                if c <= hi {
                                    map.chars.insert(c, String::from_utf16_lossy(&utf16(dst)));
                                }
                                c = c.saturating_add(1);
                                entries += 1;
                                k += 1;
                                if entries > MAX_CMAP_ENTRIES {
                                    break;
                                }
                            }
                            i = k;
                        }
                        _ => i += 1,
                    }
                }
                _ => {}
            }
            i += 1;
        }
        map.ranges.sort_by_key(|r| r.0);
        Ok(map)
    }

    /// The text of a code.
    pub(super) fn get(&self, code: u32) -> Option<String> {
        if let Some(s) = self.chars.get(&code) {
            return Some(s.clone());
        }
        let at = self
            .ranges
            .partition_point(|r| r.0 <= code)
            .checked_sub(1)?;
        let (lo, hi, first) = &self.ranges[at];
        if code > *hi {
            return None;
        }
        let mut units = first.clone();
        if let Some(last) = units.last_mut() {
            *last = last.wrapping_add((code - lo) as u16);
        }
        Some(String::from_utf16_lossy(&units))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_and_ranges() {
        let s = b"/CIDInit /ProcSet findresource begin\n2 beginbfchar\n<0003> <0020>\n<0010> <653F5E9C>\nendbfchar\n1 beginbfrange\n<0020> <0022> <0030>\nendbfrange\n1 beginbfrange\n<0040> <0041> [<4E00> <4E8C>]\nendbfrange\nend";
        let m = CMap::parse(s).unwrap();
        assert_eq!(m.get(3).as_deref(), Some(" "));
        assert_eq!(m.get(0x10).as_deref(), Some("政府"));
        assert_eq!(m.get(0x22).as_deref(), Some("2"));
        assert_eq!(m.get(0x41).as_deref(), Some("二"));
        assert_eq!(m.get(0x99), None);
    }

    #[test]
    fn radicals_are_ideographs() {
        assert_eq!(ideographs("⻓湖⺠⼈".to_string()), "长湖民人");
    }

    #[test]
    fn a_huge_cmap_is_refused() {
        let mut s = b"beginbfchar\n".to_vec();
        for i in 0..=MAX_CMAP_ENTRIES + 1 {
            s.extend_from_slice(format!("<{i:06X}> <0041>\n").as_bytes());
        }
        assert!(CMap::parse(&s).unwrap_err().contains("entries"));
    }
}
