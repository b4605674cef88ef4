//! The XML of a Word document part, read as the `.docx` front end needs it:
//! start, empty and end tags with their names and raw attributes, text and
//! CDATA; comments, processing instructions and the doctype skipped.
//!
//! The part is UTF-8 text already checked as such, so tags are found with a
//! byte search and nothing is validated twice. It is well-formed enough to
//! read when every tag is closed by `>`, every comment, CDATA section and
//! processing instruction is closed, and every end tag closes the element
//! open last; anything else is an error at its byte offset. Elements still
//! open at the end are closed by the end (as a cut-off file is read).
//!
//! ```text
//! document = (text | tag | comment | cdata | pi | doctype)*
//! tag      = "<" name attrs ">" | "<" name attrs "/>" | "</" name space* ">"
//! comment  = "<!--" … "-->"      cdata = "<![CDATA[" … "]]>"
//! pi       = "<?" … "?>"         doctype = "<!" … ">"
//! text     = (char | reference)*   reference = "&" name ";" | "&#" digits ";" | "&#x" hex ";"
//! ```

use std::borrow::Cow;

/// One thing read from the XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Event<'a> {
    /// A start tag (`empty`: `<name …/>`): its qualified name and the text of
    /// its attributes.
    Start {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    /// An end tag and its qualified name.
    End(&'a str),
    /// Text between tags, references not resolved ([`text`] resolves them).
    Text(&'a str),
    /// The content of a CDATA section.
    CData(&'a str),
    /// The end of the part.
    Eof,
}

/// What is wrong with the XML, and where (a byte offset of the part).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    pub(crate) at: usize,
    pub(crate) what: String,
}

impl std::fmt::Display for XmlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.what)
    }
}

/// Reads the events of an XML text one after the other.
pub(crate) struct Reader<'a> {
    src: &'a str,
    pos: usize,
    /// The names of the open elements.
    open: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `src` (a UTF-8 byte order mark is skipped).
    pub(crate) fn new(src: &'a str) -> Reader<'a> {
        let pos = if src.starts_with('\u{feff}') { 3 } else { 0 };
        Reader {
            src,
            pos,
            open: Vec::new(),
        }
    }

    fn error(&self, at: usize, what: impl Into<String>) -> XmlError {
        XmlError {
            at,
            what: what.into(),
        }
    }

    /// The offset of `needle` at or after `from`, if any.
    fn find(&self, from: usize, needle: &str) -> Option<usize> {
        self.src[from..].find(needle).map(|i| from + i)
    }

    /// The offset of the `>` that ends a tag whose name starts at `from`: the
    /// first one outside quoted attribute values.
    fn tag_end(&self, from: usize) -> Option<usize> {
        let b = self.src.as_bytes();
        let mut i = from;
        // eight bytes at a time (tags are too short for a vector search to
        // pay off), the last few one by one
        loop {
            let at = match b.get(i..i + 8) {
                Some(chunk) => {
                    let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                    let hits = has_byte(word, b'>') | has_byte(word, b'"') | has_byte(word, b'\'');
                    if hits == 0 {
                        i += 8;
                        continue;
                    }
                    i + (hits.trailing_zeros() / 8) as usize
                }
                None => {
                    i + b[i..]
                        .iter()
                        .position(|&c| matches!(c, b'>' | b'"' | b'\''))?
                }
            };
            match b[at] {
                b'>' => return Some(at),
                q => i = at + 2 + memchr::memchr(q, &b[at + 1..])?,
            }
        }
    }

    /// The next event.
    ///
    /// # Errors
    ///
    /// The first place where the part is not well-formed (see the module docs).
    pub(crate) fn next_event(&mut self) -> Result<Event<'a>, XmlError> {
        let src = self.src;
        loop {
            let start = self.pos;
            if start >= src.len() {
                return Ok(Event::Eof);
            }
            if src.as_bytes()[start] != b'<' {
                let end =
                    memchr::memchr(b'<', &src.as_bytes()[start..]).map_or(src.len(), |i| start + i);
                self.pos = end;
                return Ok(Event::Text(&src[start..end]));
            }
            let rest = &src[start..];
            if rest.starts_with("<!--") {
                let end = self
                    .find(start + 4, "-->")
                    .ok_or_else(|| self.error(start, "a comment is not closed"))?;
                self.pos = end + 3;
                continue;
            }
            if rest.starts_with("<![CDATA[") {
                let body = start + 9;
                let end = self
                    .find(body, "]]>")
                    .ok_or_else(|| self.error(start, "a CDATA section is not closed"))?;
                self.pos = end + 3;
                return Ok(Event::CData(&src[body..end]));
            }
            if rest.starts_with("<?") {
                let end = self
                    .find(start + 2, "?>")
                    .ok_or_else(|| self.error(start, "a processing instruction is not closed"))?;
                self.pos = end + 2;
                continue;
            }
            if rest.starts_with("<!") {
                let end = src[start + 2..]
                    .find('>')
                    .map(|i| start + 2 + i)
                    .ok_or_else(|| self.error(start, "a declaration is not closed"))?;
                self.pos = end + 1;
                continue;
            }
            let close = self
                .tag_end(start + 1)
                .ok_or_else(|| self.error(start, "a tag is not closed"))?;
            self.pos = close + 1;
            if let Some(inner) = src[start + 1..close].strip_prefix('/') {
                let name = match inner.as_bytes().last() {
                    Some(b' ' | b'\t' | b'\r' | b'\n') => inner.trim_end_matches(is_space),
                    _ => inner,
                };
                return match self.open.pop() {
                    Some(open) if open == name => Ok(Event::End(name)),
                    Some(open) => {
                        Err(self.error(start, format!("the end tag </{name}> closes <{open}>")))
                    }
                    None => {
                        Err(self.error(start, format!("the end tag </{name}> closes no element")))
                    }
                };
            }
            let inner = &src[start + 1..close];
            let (inner, empty) = match inner.strip_suffix('/') {
                Some(i) => (i, true),
                None => (inner, false),
            };
            let name_end = inner
                .bytes()
                .position(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
                .unwrap_or(inner.len());
            let name = &inner[..name_end];
            if name.is_empty() {
                return Err(self.error(start, "a tag has no name"));
            }
            if !empty {
                self.open.push(name);
            }
            return Ok(Event::Start {
                name,
                attrs: &inner[name_end..],
                empty,
            });
        }
    }
}

/// The high bit of each byte of `word` that equals `byte`, and perhaps of
/// bytes above such a byte (a borrow carried up): the lowest bit set, if
/// any, is always a byte that equals `byte`.
fn has_byte(word: u64, byte: u8) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let v = word ^ (ONES * u64::from(byte));
    v.wrapping_sub(ONES) & !v & HIGHS
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The local part of a qualified name (`w:t` → `t`).
pub(crate) fn local(name: &str) -> &str {
    // a byte loop: names are a few bytes, too short for a char search
    match name.bytes().position(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of the first well-formed attribute (`name="value"` or
/// `name='value'`) whose local name is `name`, as written.
pub(crate) fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(is_space);
        let eq = rest.find('=')?;
        let key = rest[..eq].trim_end_matches(is_space);
        let after = rest[eq + 1..].trim_start_matches(is_space);
        let quote = after.chars().next().filter(|q| matches!(q, '"' | '\''))?;
        let body = &after[1..];
        let end = body.find(quote)?;
        if local(key) == name {
            return Some(&body[..end]);
        }
        rest = &body[end + 1..];
    }
}

/// Writes the text of `raw` (text between tags) to `out` piece by piece:
/// line ends normalized as XML 1.0 does (`\r\n` and a lone `\r` are `\n`),
/// character references and the five predefined entities resolved, other
/// references (and references to no char) dropped. The pieces are slices of
/// `raw` where they can be (all but the chars of references).
pub(crate) fn text<'a>(raw: &'a str, out: &mut impl FnMut(Cow<'a, str>)) {
    let mut rest = raw;
    while let Some(amp) = memchr::memchr(b'&', rest.as_bytes()) {
        lines(&rest[..amp], out);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';') else {
            // a lone `&`: kept as written
            lines(&rest[amp..], out);
            return;
        };
        if let Some(c) = reference(&after[..semi]) {
            out(match c {
                '<' => Cow::Borrowed("<"),
                '>' => Cow::Borrowed(">"),
                '&' => Cow::Borrowed("&"),
                '"' => Cow::Borrowed("\""),
                '\'' => Cow::Borrowed("'"),
                c => Cow::Owned(c.to_string()),
            });
        }
        rest = &after[semi + 1..];
    }
    lines(rest, out);
}

/// Writes `s` with its line ends normalized, in slices of `s`.
pub(crate) fn lines<'a>(s: &'a str, out: &mut impl FnMut(Cow<'a, str>)) {
    let mut rest = s;
    while let Some(cr) = memchr::memchr(b'\r', rest.as_bytes()) {
        out(Cow::Borrowed(&rest[..cr]));
        out(Cow::Borrowed("\n"));
        rest = rest[cr + 1..].strip_prefix('\n').unwrap_or(&rest[cr + 1..]);
    }
    out(Cow::Borrowed(rest));
}

/// The char a reference (`&name;` without `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x") {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse().ok()?
    } else {
        return match name {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => None,
        };
    };
    char::from_u32(code).filter(|&c| c != '\0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<Event<'_>>, XmlError> {
        let mut r = Reader::new(xml);
        let mut out = Vec::new();
        loop {
            match r.next_event()? {
                Event::Eof => return Ok(out),
                e => out.push(e),
            }
        }
    }

    #[test]
    fn tags_text_and_what_is_skipped() {
        let xml = "\u{feff}<?xml version=\"1.0\"?><!DOCTYPE x><w:p a=\"1>\"><!-- c --><w:t>a&amp;b</w:t ><w:br/><![CDATA[<x>]]></w:p>";
        assert_eq!(
            events(xml).unwrap(),
            vec![
                Event::Start {
                    name: "w:p",
                    attrs: " a=\"1>\"",
                    empty: false
                },
                Event::Start {
                    name: "w:t",
                    attrs: "",
                    empty: false
                },
                Event::Text("a&amp;b"),
                Event::End("w:t"),
                Event::Start {
                    name: "w:br",
                    attrs: "",
                    empty: true
                },
                Event::CData("<x>"),
                Event::End("w:p"),
            ]
        );
    }

    #[test]
    fn tags_end_at_the_first_gt_outside_quotes_wherever_it_falls() {
        // `>` and quotes at every offset of the eight-byte steps
        for pad in 0..20 {
            let a = "x".repeat(pad);
            let xml = format!("<w:p w:a=\"{a}>'\" w:b='{a}\">'{a}>t</w:p>");
            let e = events(&xml).unwrap();
            assert_eq!(
                e[0],
                Event::Start {
                    name: "w:p",
                    attrs: &xml[4..xml.find(">t").unwrap()],
                    empty: false
                },
                "{xml}"
            );
            assert_eq!(e[1], Event::Text("t"));
        }
        assert_eq!(
            has_byte(u64::from_le_bytes(*b"ab>d\"f>h"), b'>').trailing_zeros(),
            23
        );
        assert_eq!(has_byte(u64::from_le_bytes(*b"abcdefgh"), b'>'), 0);
    }

    #[test]
    fn what_is_not_well_formed_is_an_error_where_it_is() {
        assert_eq!(events("<a><b></a>").unwrap_err().at, 6);
        assert_eq!(events("<a></a></a>").unwrap_err().at, 7);
        assert_eq!(events("<a><!-- x").unwrap_err().at, 3);
        assert_eq!(events("<a><b x=\"1\"").unwrap_err().at, 3);
        assert_eq!(events("<a><![CDATA[x").unwrap_err().at, 3);
        assert_eq!(events("< >").unwrap_err().at, 0);
        // open elements are closed by the end
        assert_eq!(events("<a><b>x").unwrap().len(), 3);
    }

    #[test]
    fn attributes_by_local_name() {
        let attrs = " w:val=\"restart\" w:other='x' bad val2=\"y\"";
        assert_eq!(attribute(attrs, "val"), Some("restart"));
        assert_eq!(attribute(attrs, "other"), Some("x"));
        assert_eq!(attribute(" x:val = '3'", "val"), Some("3"));
        assert_eq!(attribute(" w:val=3", "val"), None);
        assert_eq!(attribute("", "val"), None);
    }

    #[test]
    fn text_with_references_and_line_ends() {
        let mut s = String::new();
        text("a&lt;b&#x4E00;&#19968;&nope;&#0;\r\nc\rd & e", &mut |p| {
            s.push_str(&p)
        });
        assert_eq!(s, "a<b一一\nc\nd & e");
    }
}
