//! A tokenizer for HTML as found on the web: tags, text and comments, with the
//! byte range of each in the source.
//!
//! It follows the WHATWG tokenizer where it matters for reading text: a `<`
//! that does not start a tag is text; comments end at `-->` (`<!-->` and
//! `<!--->` are empty comments); `<!…>`, `<?…>` and `</…>` not followed by a
//! letter are bogus comments up to the next `>` (so Word's
//! `<![if !supportLists]>` hides nothing, as in browsers); attribute values
//! may be quoted with `"` or `'` or not at all; a tag cut off by the end of
//! the input is dropped; the content of `script`, `style`, `textarea`,
//! `title`, `xmp`, `iframe`, `noembed`, `noframes` and `noscript` is raw text
//! up to the matching end tag, and `plaintext` runs to the end. Character
//! references are left in the text: the reader decodes them, so that it can
//! map each decoded char to its reference.

use std::ops::Range;

/// A tag name, lower-cased and hashed (FNV-1a): cheap to compare, no allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Name(u64);

impl Name {
    /// The name of `s`, ASCII letters lower-cased.
    pub(crate) const fn of(s: &[u8]) -> Name {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut i = 0;
        while i < s.len() {
            h ^= s[i].to_ascii_lowercase() as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
            i += 1;
        }
        Name(h)
    }

    /// The hash itself, for tables of names built at compile time.
    pub(crate) const fn bits(self) -> u64 {
        self.0
    }
}

/// An attribute: byte ranges of its name and its value (quotes excluded; an
/// attribute without a value has an empty range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    pub(crate) name: Range<usize>,
    pub(crate) value: Range<usize>,
}

/// A token and where it is in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// `<name attr=value …>` or `<name … />`.
    Start {
        name: Name,
        attrs: Vec<Attr>,
        self_closing: bool,
        span: Range<usize>,
    },
    /// `</name …>`.
    End { name: Name, span: Range<usize> },
    /// Text, character references not decoded.
    Text(Range<usize>),
    /// The content of a raw text element (`script`, `style`, …).
    Raw(Range<usize>),
}

/// Elements whose content is raw text, up to their end tag.
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Tokens of an HTML source.
pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    /// After the start tag of a raw text element: its name (`None` for
    /// `plaintext`, which runs to the end).
    raw: Option<Option<&'static str>>,
    /// The attributes of a start tag read before, given back
    /// ([`Lexer::recycle`]): their memory holds the next tag's.
    spare: Vec<Attr>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str) -> Lexer<'a> {
        Lexer {
            src,
            pos: 0,
            raw: None,
            spare: Vec::new(),
        }
    }

    /// Gives back the attributes of a start tag once read, so that the next
    /// start tag does not allocate its own.
    pub(crate) fn recycle(&mut self, mut attrs: Vec<Attr>) {
        attrs.clear();
        self.spare = attrs;
    }

    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    /// The source text of a range.
    #[cfg(test)]
    pub(crate) fn slice(&self, r: Range<usize>) -> &'a str {
        &self.src[r]
    }

    /// Finds `needle` (ASCII) at or after the byte offset `from` (which need
    /// not be a char boundary): its first byte by `memchr`, then the rest.
    fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        let b = self.bytes();
        let n = needle.as_bytes();
        let first = n[0];
        let mut at = from;
        while at < b.len() {
            let i = at + memchr::memchr(first, &b[at..])?;
            if b[i..].starts_with(n) {
                return Some(i);
            }
            at = i + 1;
        }
        None
    }

    /// The end of a comment whose body starts at `from`: past the first
    /// `-->` or `--!>`, whichever ends first (the end of the input if
    /// neither comes). The one that starts first also ends first, so one
    /// search for `--` finds it.
    fn comment_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut at = from;
        while let Some(i) = self.find_from(at, "--") {
            match b.get(i + 2) {
                Some(b'>') => return i + 3,
                Some(b'!') if b.get(i + 3) == Some(&b'>') => return i + 4,
                _ => at = i + 1,
            }
        }
        b.len()
    }

    /// The end of a raw text element's content: the start of `</name` followed
    /// by white space, `/` or `>` (or the end of the input).
    fn raw_end(&self, from: usize, name: &str) -> usize {
        let b = self.bytes();
        let mut at = from;
        while let Some(i) = self.find_from(at, "</") {
            let n = i + 2;
            let after = n + name.len();
            if b.len() >= after
                && b[n..after].eq_ignore_ascii_case(name.as_bytes())
                && b.get(after)
                    .is_none_or(|&c| is_space(c) || c == b'/' || c == b'>')
            {
                return i;
            }
            at = i + 2;
        }
        b.len()
    }

    /// The position after the next `>` from `from` (the end of the input if none).
    fn past_gt(&self, from: usize) -> usize {
        self.find_from(from, ">").map_or(self.src.len(), |i| i + 1)
    }

    /// Reads a tag name from `from`: its end.
    fn name_end(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut p = from;
        while p < b.len() && !is_space(b[p]) && b[p] != b'/' && b[p] != b'>' {
            p += 1;
        }
        p
    }

    /// Reads attributes from `p` up to the `>` that ends the tag. `None` when
    /// the input ends first (the tag is dropped).
    fn attributes(&self, mut p: usize, attrs: &mut Vec<Attr>) -> Option<(usize, bool)> {
        let b = self.bytes();
        let mut self_closing = false;
        loop {
            while p < b.len() && (is_space(b[p]) || b[p] == b'/') {
                self_closing = b[p] == b'/' && b.get(p + 1) == Some(&b'>');
                p += 1;
            }
            let &c = b.get(p)?;
            if c == b'>' {
                return Some((p + 1, self_closing));
            }
            self_closing = false;
            let name_start = p;
            p += 1; // the first char may be anything, even `=`
            while p < b.len() && !is_space(b[p]) && !matches!(b[p], b'/' | b'>' | b'=') {
                p += 1;
            }
            let name = name_start..p;
            let mut q = p;
            while q < b.len() && is_space(b[q]) {
                q += 1;
            }
            let mut value = p..p;
            if b.get(q) == Some(&b'=') {
                q += 1;
                while q < b.len() && is_space(b[q]) {
                    q += 1;
                }
                match b.get(q) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        let close = memchr::memchr(quote, &b[q + 1..])?;
                        value = q + 1..q + 1 + close;
                        p = q + 2 + close;
                    }
                    Some(_) => {
                        let start = q;
                        while q < b.len() && !is_space(b[q]) && b[q] != b'>' {
                            q += 1;
                        }
                        value = start..q;
                        p = q;
                    }
                    None => return None,
                }
            }
            if attrs.len() < 64 {
                attrs.push(Attr { name, value });
            }
        }
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let b = self.bytes();
        loop {
            if self.pos >= b.len() {
                return None;
            }
            let start = self.pos;
            if let Some(raw) = self.raw.take() {
                let end = match raw {
                    Some(name) => self.raw_end(start, name),
                    None => b.len(),
                };
                self.pos = end;
                if end > start {
                    return Some(Token::Raw(start..end));
                }
                continue;
            }
            if b[start] != b'<' {
                // text up to a `<` that may start markup
                let mut p = start;
                loop {
                    match self.find_from(p + 1, "<") {
                        None => {
                            p = b.len();
                            break;
                        }
                        Some(i) => {
                            p = i;
                            if b.get(i + 1).is_some_and(|c| {
                                c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?')
                            }) {
                                break;
                            }
                        }
                    }
                }
                self.pos = p;
                return Some(Token::Text(start..p));
            }
            match b.get(start + 1) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let name_end = self.name_end(start + 1);
                    let name_bytes = &b[start + 1..name_end];
                    let mut attrs = std::mem::take(&mut self.spare);
                    let Some((end, self_closing)) = self.attributes(name_end, &mut attrs) else {
                        self.pos = b.len();
                        return None;
                    };
                    self.pos = end;
                    if let Some(raw) = RAW
                        .iter()
                        .find(|r| r.as_bytes().eq_ignore_ascii_case(name_bytes))
                    {
                        self.raw = Some(Some(raw));
                    } else if name_bytes.eq_ignore_ascii_case(b"plaintext") {
                        self.raw = Some(None);
                    }
                    return Some(Token::Start {
                        name: Name::of(name_bytes),
                        attrs,
                        self_closing,
                        span: start..end,
                    });
                }
                Some(b'/') => match b.get(start + 2) {
                    Some(c) if c.is_ascii_alphabetic() => {
                        let name_end = self.name_end(start + 2);
                        let mut ignored = Vec::new();
                        let Some((end, _)) = self.attributes(name_end, &mut ignored) else {
                            self.pos = b.len();
                            return None;
                        };
                        self.pos = end;
                        return Some(Token::End {
                            name: Name::of(&b[start + 2..name_end]),
                            span: start..end,
                        });
                    }
                    Some(b'>') => self.pos = start + 3,
                    None => {
                        self.pos = b.len();
                        return Some(Token::Text(start..b.len()));
                    }
                    Some(_) => self.pos = self.past_gt(start + 2),
                },
                Some(b'!') => {
                    if b[start..].starts_with(b"<!--") {
                        let body = start + 4;
                        self.pos = if b[body..].starts_with(b">") {
                            body + 1
                        } else if b[body..].starts_with(b"->") {
                            body + 2
                        } else {
                            self.comment_end(body)
                        };
                    } else {
                        self.pos = self.past_gt(start + 2);
                    }
                }
                Some(b'?') => self.pos = self.past_gt(start + 2),
                _ => {
                    // a lone `<`: text, with whatever follows up to the next markup
                    let mut p = start + 1;
                    p += memchr::memchr(b'<', &b[p..]).unwrap_or(b.len() - p);
                    self.pos = p;
                    return Some(Token::Text(start..p));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(src: &str) -> Vec<String> {
        let lx = Lexer::new(src);
        Lexer::new(src)
            .map(|t| match t {
                Token::Start {
                    span,
                    attrs,
                    self_closing,
                    ..
                } => {
                    let a: Vec<String> = attrs
                        .iter()
                        .map(|a| {
                            format!("{}={}", lx.slice(a.name.clone()), lx.slice(a.value.clone()))
                        })
                        .collect();
                    format!(
                        "<{}|{}{}>",
                        lx.slice(span),
                        a.join(","),
                        if self_closing { "/" } else { "" }
                    )
                }
                Token::End { span, .. } => format!("</{}>", lx.slice(span)),
                Token::Text(r) => format!("T{:?}", lx.slice(r)),
                Token::Raw(r) => format!("R{:?}", lx.slice(r)),
            })
            .collect()
    }

    #[test]
    fn tags_text_comments() {
        assert_eq!(
            show(
                "a<td colspan=2 class='x y' nowrap>1 < 2<!-- c --><![if !supportLists]>3<![endif]></TD>"
            ),
            [
                "T\"a\"",
                "<<td colspan=2 class='x y' nowrap>|colspan=2,class=x y,nowrap=>",
                "T\"1 < 2\"",
                "T\"3\"",
                "</</TD>>",
            ]
        );
    }

    #[test]
    fn raw_text_and_odd_endings() {
        assert_eq!(
            show("<script>if (a<b) x='</div>';</script >z<style>p{}"),
            [
                "<<script>|>",
                "R\"if (a<b) x='</div>';\"",
                "</</script >>",
                "T\"z\"",
                "<<style>|>",
                "R\"p{}\"",
            ]
        );
        assert_eq!(show("x<div class=\"a"), ["T\"x\""]);
        assert_eq!(
            show("<!-->a<!--->b<!--x--!>c</>d</ x>e"),
            ["T\"a\"", "T\"b\"", "T\"c\"", "T\"d\"", "T\"e\""]
        );
        assert_eq!(
            show("<br/><o:p></o:p>"),
            ["<<br/>|/>", "<<o:p>|>", "</</o:p>>"]
        );
    }

    #[test]
    fn names_ignore_case() {
        assert_eq!(Name::of(b"TD"), Name::of(b"td"));
        assert_ne!(Name::of(b"td"), Name::of(b"th"));
    }
}
