//! Temporary stand-in.
use unicode_normalization::UnicodeNormalization;
pub(crate) struct Normalized { pub(crate) text: String, map: Vec<usize> }
impl Normalized {
    pub(crate) fn original_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let s = self.map[r.start];
        let e = if r.end == r.start { s } else { self.map[r.end] };
        s..e
    }
}
pub(crate) fn normalize(input: &str) -> Normalized {
    let input = input.replace("[bookmark: _GoBack]", "").replace("\r\n", "\n");
    let mut text = String::new();
    let mut map = Vec::new();
    for (i, c) in input.char_indices() {
        let before = text.len();
        for d in std::iter::once(c).nfkc() { text.push(d); }
        for _ in before..text.len() { map.push(i); }
    }
    map.push(input.len());
    Normalized { text, map }
}
