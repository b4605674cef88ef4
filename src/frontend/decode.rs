//! Bytes to text: which encoding, and a map from the decoded text back to the
//! bytes of the input.
//!
//! The order of evidence is the one browsers use, with one change that suits
//! saved and re-encoded pages: a byte order mark decides; then bytes that are
//! valid UTF-8 are UTF-8 whatever a `<meta charset>` says (GB18030 text is
//! almost never valid UTF-8, but crawlers often re-encode a page and keep its
//! old declaration); then the declaration of an HTML page; then GB18030 if
//! the bytes decode as GB18030 to text naming 政府, 公开 or 信息 (what the
//! detector would find for a report, at a fraction of its cost); then the
//! [`chardetng`] detector, GB18030 when it guesses a single-byte encoding
//! (those decode any bytes, as mojibake, and reports are in Chinese). Decoding is strict: a byte sequence the chosen
//! encoding does not define is an [`ErrorKind::Encoding`] error at its offset,
//! never a silent U+FFFD that could hide a digit.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use crate::error::{Error, ErrorKind, Position};
use crate::model::{Diagnostic, DiagnosticKind, Level};
use crate::normalize::{OffsetMap, OffsetMapBuilder};

/// Text decoded from bytes.
#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    /// The text.
    pub(crate) text: Cow<'a, str>,
    /// Maps offsets of `text` to byte offsets of the input; `None` when they
    /// are the same (UTF-8 input, its BOM kept in `text`).
    pub(crate) to_bytes: Option<OffsetMap>,
    /// The encoding used.
    pub(crate) encoding: &'static Encoding,
    /// Flaws read around (a stray byte at the end of UTF-16).
    pub(crate) notes: Vec<Diagnostic>,
}

/// The encoding a byte order mark at the start of `bytes` names, and its length.
pub(crate) fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Decodes `bytes`. `declared` is what the document says of itself (an HTML
/// `<meta charset>`), used when the bytes are not UTF-8.
#[cfg(test)]
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded<'a>, Error> {
    decode_declaring(bytes, || declared)
}

/// Decodes `bytes` as `decode` does, asking `declared` what the document
/// says of itself only when the bytes are not UTF-8 (finding the declaration
/// of a page means reading its head).
pub(crate) fn decode_declaring(
    bytes: &[u8],
    declared: impl FnOnce() -> Option<&'static Encoding>,
) -> Result<Decoded<'_>, Error> {
    match bom(bytes) {
        Some((enc, _)) if enc == UTF_8 => {
            return match std::str::from_utf8(bytes) {
                Ok(text) => Ok(Decoded {
                    text: Cow::Borrowed(text),
                    to_bytes: None,
                    encoding: UTF_8,
                    notes: Vec::new(),
                }),
                Err(e) => Err(malformed(UTF_8, bytes, e.valid_up_to())),
            };
        }
        Some((enc, len)) => return decode_with(bytes, enc, len),
        None => {}
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decode_with(bytes, enc, 0);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            to_bytes: None,
            encoding: UTF_8,
            notes: Vec::new(),
        });
    }
    if looks_binary(bytes) {
        return Err(ErrorKind::UnsupportedFormat {
            format: "binary, not a document",
            advice: "the bytes are not text in any encoding read and hold control bytes (NUL) that no text has: check that the file is the report, not a program, an archive or a damaged download",
        }
        .into());
    }
    // A declaration of UTF-8 (or UTF-16, which a page read as bytes cannot
    // be) is wrong here: the bytes are not UTF-8. Detect instead.
    let declared = declared().filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    if declared.is_none()
        && let Ok(d) = decode_with(bytes, GB18030, 0)
        && DOMAIN_WORDS.iter().any(|w| d.text.contains(w))
    {
        // GB18030 text that names what a report names: no need to detect.
        return Ok(d);
    }
    if let Some(enc) = declared {
        return match decode_with(bytes, enc, 0) {
            Ok(d) => Ok(d),
            Err(e) => {
                // a wrong declaration: try the detector's guess (a multi-byte
                // encoding: a single-byte one decodes anything, as mojibake)
                let detected = detect(bytes);
                if detected != enc && !detected.is_single_byte() {
                    decode_with(bytes, detected, 0).map_err(|_| e)
                } else {
                    Err(e)
                }
            }
        };
    }
    let detected = detect(bytes);
    if detected.is_single_byte() {
        // A single-byte guess decodes anything, as mojibake, and a report is
        // Chinese: read GB18030, or say where it breaks.
        decode_with(bytes, GB18030, 0)
    } else {
        decode_with(bytes, detected, 0)
    }
}

/// Words of every report: bytes that decode as GB18030 to text holding one
/// of them are GB18030 (the mojibake of another encoding does not spell
/// them), which spares the detector.
const DOMAIN_WORDS: [&str; 3] = ["政府", "公开", "信息"];

/// The detector's guess for bytes that are not UTF-8. GBK is widened to
/// GB18030 (the same decoder in `encoding_rs`, named for what it reads).
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, Utf8Detection::Deny);
    if guess == GBK { GB18030 } else { guess }
}

/// The error for `bytes`, whose first `byte` bytes decode with `enc` and
/// the next do not: its position counts the lines and columns of the text
/// decoded before it.
fn malformed(enc: &'static Encoding, bytes: &[u8], byte: usize) -> Error {
    let byte = byte.min(bytes.len());
    let (before, _) = enc.decode_without_bom_handling(&bytes[..byte]);
    // a BOM decodes to U+FEFF: not a column
    let before = before.strip_prefix('\u{FEFF}').unwrap_or(&before);
    let mut position = Position::locate(before, before.len());
    position.byte = byte;
    let kind = ErrorKind::Encoding {
        position,
        reason: format!(
            "the bytes are not valid {} (the encoding {})",
            enc.name(),
            if enc == UTF_8 {
                "the text is in when it has a UTF-8 byte order mark"
            } else {
                "declared by the document or detected from its bytes"
            }
        ),
    };
    Error::at(kind, before, before.len())
}

/// How much of the start of the input the sniffing of UTF-16 and binary looks at.
const SNIFF: usize = 64 * 1024;

/// UTF-16 without a byte order mark: the encoding, if the bytes (their
/// first [`SNIFF`] bytes) decode as it to text that names what a report
/// names, or (eight characters or more) that has the zero high bytes of
/// ASCII text (line ends, digits) on one side of every pair and (almost)
/// never on the other.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF) & !1];
    if sample.len() < 4 {
        return None;
    }
    if !sample.contains(&0) {
        // No zero byte, so no ASCII in UTF-16: only the words could make it
        // UTF-16, and of them only 政府 and 信息 (开 is U+5F00), whose
        // UTF-16 in either byte order is not UTF-8 where it stands.
        let utf8 = std::str::from_utf8(sample).map_or_else(|e| e.error_len().is_none(), |_| true);
        if utf8 || !names_a_report_in_utf16(sample) {
            return None;
        }
    }
    let zeros = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    let pairs = sample.len() / 2;
    for (enc, high, low) in [(UTF_16LE, odd, even), (UTF_16BE, even, odd)] {
        let Some(text) = enc.decode_without_bom_handling_and_without_replacement(sample) else {
            continue;
        };
        let ascii_shape = pairs >= 8 && high * 8 >= pairs && low * 16 <= high;
        let no_nul_chars = !text.contains('\0');
        if no_nul_chars && (ascii_shape || DOMAIN_WORDS.iter().any(|w| text.contains(w))) {
            return Some(enc);
        }
    }
    None
}

/// Whether `sample` holds, at an even offset, the UTF-16 (either byte
/// order) of 政府 or 信息: without them, a sample with no zero byte cannot
/// decode as UTF-16 to text naming what a report names (开 is U+5F00, a zero
/// byte), and the decoding is spared.
fn names_a_report_in_utf16(sample: &[u8]) -> bool {
    const WORDS: [[u8; 4]; 4] = [
        [0x3F, 0x65, 0x9C, 0x5E], // 政府, UTF-16LE
        [0x65, 0x3F, 0x5E, 0x9C], // 政府, UTF-16BE
        [0xE1, 0x4F, 0x6F, 0x60], // 信息, UTF-16LE
        [0x4F, 0xE1, 0x60, 0x6F], // 信息, UTF-16BE
    ];
    WORDS
        .iter()
        .any(|w| memchr::memmem::find_iter(sample, w).any(|at| at % 2 == 0))
}

/// Whether bytes that are not UTF-8 are binary data rather than text: a
/// NUL byte in the first [`SNIFF`] bytes, or more than one byte in 32 a C0
/// control other than white space and escape (the legacy encodings read
/// have neither in text; UTF-16 is told apart before).
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF)];
    // counted in bytes over pieces of 255 bytes, so that the count is
    // vectorized: a control is below 0x20 and not 0x09–0x0D or 0x1B
    let controls: usize = sample
        .chunks(255)
        .map(|piece| {
            let n = piece.iter().fold(0u8, |n, &b| {
                n.wrapping_add(u8::from(b < 0x20))
                    .wrapping_sub(u8::from((0x09..=0x0D).contains(&b)))
                    .wrapping_sub(u8::from(b == 0x1B))
            });
            usize::from(n)
        })
        .sum();
    sample.contains(&0) || controls * 32 > sample.len()
}

/// Decodes `bytes[skip..]` (after a BOM of `skip` bytes) strictly with `enc`.
/// A stray last byte of UTF-16 (an odd number of bytes) is left out, with a
/// diagnostic.
fn decode_with<'a>(
    bytes: &'a [u8],
    enc: &'static Encoding,
    skip: usize,
) -> Result<Decoded<'a>, Error> {
    let mut body = &bytes[skip..];
    let mut notes = Vec::new();
    if (enc == UTF_16LE || enc == UTF_16BE) && body.len() % 2 == 1 {
        body = &body[..body.len() - 1];
        let at = bytes.len() - 1;
        notes.push(Diagnostic {
            level: Level::Warning,
            kind: DiagnosticKind::Encoding,
            message: format!(
                "the {} text ends with a stray byte (byte {at}, 0x{:02X}), half a character; it is left out",
                enc.name(),
                bytes[at]
            ),
            span: Some((at..bytes.len()).into()),
        });
    }
    let Some(text) = enc.decode_without_bom_handling_and_without_replacement(body) else {
        return Err(malformed(enc, bytes, skip + first_malformed(enc, body)));
    };
    let text = text.into_owned();
    let map = if enc == UTF_16LE || enc == UTF_16BE {
        utf16_map(&text, skip, bytes.len())
    } else if enc == GB18030 || enc == GBK {
        gb18030_map(&text, body).unwrap_or_else(|| generic_map(enc, body))
    } else {
        generic_map(enc, body)
    };
    // UTF-16 maps are built with the BOM's offset already
    let map = if skip == 0 || enc == UTF_16LE || enc == UTF_16BE {
        map
    } else {
        shift(&map, skip, bytes.len())
    };
    Ok(Decoded {
        text: Cow::Owned(text),
        to_bytes: Some(map),
        encoding: enc,
        notes,
    })
}

/// Offset of the first byte sequence `enc` does not define in `bytes`.
fn first_malformed(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::Malformed(len, after) => {
            read.saturating_sub(usize::from(after) + usize::from(len))
        }
        _ => read,
    }
}

/// `map` (text → the bytes after a BOM of `skip` bytes) as a map to the whole input.
fn shift(map: &OffsetMap, skip: usize, total: usize) -> OffsetMap {
    let mut b = OffsetMapBuilder::new();
    if total > skip {
        b.copied(0, skip);
    }
    map.compose(&b.finish(total - skip, total))
}

/// UTF-16 after a BOM of `skip` bytes: two bytes per BMP char, four per pair.
fn utf16_map(text: &str, skip: usize, total: usize) -> OffsetMap {
    let mut b = OffsetMapBuilder::new();
    let mut at = skip;
    for (i, c) in text.char_indices() {
        let len = c.len_utf16() * 2;
        b.replaced(i, at..at + len);
        at += len;
    }
    b.finish(text.len(), total)
}

/// GB18030 (and GBK, GB2312): ASCII bytes are themselves; a lead byte
/// 0x81–0xFE starts a two-byte sequence, or a four-byte one when the next
/// byte is a digit; every sequence is one char. `None` if the text does not
/// line up with that structure (then the generic map is built).
fn gb18030_map(text: &str, bytes: &[u8]) -> Option<OffsetMap> {
    let mut b = OffsetMapBuilder::new();
    let t = text.as_bytes();
    let (mut i, mut at) = (0, 0);
    while i < bytes.len() {
        // a run of ASCII bytes is itself, one stretch of the map
        let run = ascii_run(&bytes[i..]);
        if run > 0 {
            if t.get(at..at + run)? != &bytes[i..i + run] {
                return None;
            }
            b.copied(at, i);
            at += run;
            i += run;
            continue;
        }
        // a run of sequences of one length that became chars of one width
        // is one piece of the map
        let (start, source) = (at, i);
        let mut kind = None;
        let mut n = 0;
        while i < bytes.len() && bytes[i] >= 0x80 {
            // `at` is a char boundary (it moves by whole chars and by ASCII
            // runs that match the bytes): the width of the char there is
            // told by its lead byte
            let width = match *t.get(at)? {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            let len = match bytes[i] {
                0x81..=0xFE if bytes.get(i + 1).is_some_and(|n| (0x30..=0x39).contains(n)) => 4,
                0x81..=0xFE => 2,
                _ => 1,
            }
            .min(bytes.len() - i);
            let this = (len, width);
            if kind.is_some_and(|k| k != this) {
                break;
            }
            kind = Some(this);
            n += 1;
            at += this.1;
            i += len;
        }
        match kind {
            Some((len, _)) if n == 1 => b.replaced(start, source..source + len),
            Some((len, width)) => b.run(start, source, len, width),
            None => return None,
        }
    }
    if at != text.len() {
        return None;
    }
    Some(b.finish(text.len(), bytes.len()))
}

/// The length of the run of ASCII bytes at the start of `bytes`, eight
/// bytes at a time (the markup of a page is long runs of ASCII).
fn ascii_run(bytes: &[u8]) -> usize {
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let high = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HIGHS;
        if high != 0 {
            return i + (high.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&c| c >= 0x80)
        .unwrap_or(bytes.len() - i)
}

/// Any encoding: the decoder is fed one byte at a time, and the chars that come
/// out are mapped to the bytes fed since the previous output.
fn generic_map(enc: &'static Encoding, bytes: &[u8]) -> OffsetMap {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut b = OffsetMapBuilder::new();
    let mut out = String::new();
    let mut buf = [0u8; 32];
    let mut seq_start = 0;
    for i in 0..=bytes.len() {
        let last = i == bytes.len();
        let input = if last { &[][..] } else { &bytes[i..=i] };
        let (_, _, written) = decoder.decode_to_utf8_without_replacement(input, &mut buf, last);
        if written > 0 {
            let produced = String::from_utf8_lossy(&buf[..written]);
            let end = if last { bytes.len() } else { i + 1 };
            if end - seq_start == 1 && produced.len() == 1 && buf[0] == bytes[seq_start] {
                b.copied(out.len(), seq_start);
            } else {
                b.replaced(out.len(), seq_start..end);
            }
            out.push_str(&produced);
            seq_start = end;
        }
    }
    b.finish(out.len(), bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gb(s: &str) -> Vec<u8> {
        GB18030.encode(s).0.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom_is_the_input() {
        let d = decode("规章 0".as_bytes(), None).unwrap();
        assert_eq!(d.text, "规章 0");
        assert!(d.to_bytes.is_none());
        let d = decode("\u{feff}规章".as_bytes(), Some(GBK)).unwrap();
        assert_eq!(d.text, "\u{feff}规章");
        assert_eq!(d.encoding, UTF_8);
    }

    #[test]
    fn gb18030_maps_every_char_to_its_bytes() {
        let s = "行政许可 170万 €𠀀x";
        let bytes = gb(s);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, s);
        let map = d.to_bytes.unwrap();
        for (i, c) in s.char_indices() {
            let r = map.map_range(i..i + c.len_utf8());
            let (back, _, bad) = GB18030.decode(&bytes[r]);
            assert!(!bad);
            assert_eq!(back, c.to_string());
        }
        let i = s.find("170万").unwrap();
        let r = map.map_range(i..i + "170万".len());
        assert_eq!(GB18030.decode(&bytes[r]).0, "170万");
    }

    #[test]
    fn declared_encoding_is_used_and_wrong_declarations_are_survived() {
        let bytes = gb("某镇政府信息公开工作年度报告");
        let d = decode(&bytes, Some(GBK)).unwrap();
        assert_eq!(d.text, "某镇政府信息公开工作年度报告");
        // declared UTF-8, but the bytes are GB18030
        let d = decode(&bytes, Some(UTF_8)).unwrap();
        assert_eq!(d.text, "某镇政府信息公开工作年度报告");
    }

    #[test]
    fn utf16_with_bom() {
        for (enc, bom) in [(UTF_16LE, [0xFF, 0xFE]), (UTF_16BE, [0xFE, 0xFF])] {
            let s = "规章\t12𠀀";
            let mut bytes = bom.to_vec();
            for u in s.encode_utf16() {
                let pair = if enc == UTF_16LE {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                };
                bytes.extend(pair);
            }
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, s);
            let map = d.to_bytes.unwrap();
            let i = s.find("12").unwrap();
            assert_eq!(map.map_range(i..i + 2), 2 + 6..2 + 10);
            assert_eq!(map.map(s.len()), bytes.len());
        }
    }

    #[test]
    fn malformed_bytes_are_an_error_at_their_offset() {
        let mut bytes = gb("规章");
        bytes.extend([0x81, 0x7F, b'1']);
        let err = decode(&bytes, Some(GBK)).unwrap_err();
        match err.kind() {
            ErrorKind::Encoding { position, .. } => {
                assert_eq!((position.byte, position.line, position.column), (4, 1, 3))
            }
            k => panic!("{k:?}"),
        }
        let err = decode(b"\xEF\xBB\xBFabc\xFF", None).unwrap_err();
        let p = err.position().unwrap();
        assert_eq!((p.byte, p.line, p.column), (6, 1, 4));
        assert!(err.snippet().unwrap().to_string().contains("1 | abc\n"));
    }

    #[test]
    fn other_encodings_are_detected() {
        let (bytes, _, _) = encoding_rs::BIG5.encode("臺北市政府資訊公開，本年度報告如下：");
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, encoding_rs::BIG5);
        assert_eq!(d.text, "臺北市政府資訊公開，本年度報告如下：");
    }

    #[test]
    fn generic_map_for_other_encodings() {
        let (bytes, _, _) = encoding_rs::BIG5.encode("政府資訊 12");
        let map = generic_map(encoding_rs::BIG5, &bytes);
        let text = "政府資訊 12";
        let i = text.find("12").unwrap();
        assert_eq!(&bytes[map.map_range(i..i + 2)], b"12");
    }

    fn utf16(s: &str, little: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn a_stray_last_byte_of_utf16_is_left_out_with_a_diagnostic() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16("规章\t12", true));
        bytes.push(0x0A);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, "规章\t12");
        assert_eq!(d.notes.len(), 1);
        assert_eq!(d.notes[0].kind, DiagnosticKind::Encoding);
        assert_eq!(
            d.notes[0].span.unwrap().range(),
            bytes.len() - 1..bytes.len()
        );
        assert_eq!(d.to_bytes.unwrap().map("规章\t12".len()), bytes.len());
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let report = "某镇政府信息公开工作年度报告\n规章\t12\n";
        for (little, enc) in [(true, UTF_16LE), (false, UTF_16BE)] {
            let bytes = utf16(report, little);
            let d = decode(&bytes, None).unwrap();
            assert_eq!((d.text.as_ref(), d.encoding), (report, enc));
            // ASCII text: told by its zero high bytes
            let bytes = utf16("rules 12\nfees 3\n", little);
            assert_eq!(decode(&bytes, None).unwrap().encoding, enc);
            // a stray byte at the end
            let mut bytes = utf16(report, little);
            bytes.push(0);
            let d = decode(&bytes, None).unwrap();
            assert_eq!((d.text.as_ref(), d.notes.len()), (report, 1));
        }
    }

    #[test]
    fn ascii_runs_end_at_the_first_byte_past_ascii() {
        for len in 0..20 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = 0x80;
                }
                assert_eq!(ascii_run(&bytes), at, "{len} {at}");
            }
        }
    }

    #[test]
    fn utf16_without_a_zero_byte_is_told_by_its_words() {
        // no ASCII, no char with a zero byte: only 政府 or 信息 tell
        for (little, enc) in [(true, UTF_16LE), (false, UTF_16BE)] {
            for text in ["某镇政府报告", "某镇信息报告"] {
                let bytes = utf16(text, little);
                assert!(!bytes.contains(&0));
                let d = decode(&bytes, None).unwrap();
                assert_eq!((d.text.as_ref(), d.encoding), (text, enc));
            }
        }
        // UTF-8 and GB18030 without zero bytes stay what they are
        let d = decode("某镇政府信息公开工作年度报告".as_bytes(), None).unwrap();
        assert_eq!(d.encoding, UTF_8);
        let bytes = gb("某镇政府信息公开工作年度报告");
        assert_eq!(decode(&bytes, None).unwrap().encoding, GB18030);
        // the words are looked for at even offsets only, where UTF-16 has them
        for little in [true, false] {
            let words = utf16("政府", little);
            assert!(names_a_report_in_utf16(&words));
            let odd = [&[0x41][..], &words].concat();
            assert!(!names_a_report_in_utf16(&odd));
            assert!(names_a_report_in_utf16(&[&[0x42][..], &odd].concat()));
        }
        assert!(!names_a_report_in_utf16(&utf16("某镇报告", true)));
    }

    #[test]
    fn controls_are_counted_as_one_by_one() {
        let control = |b: u8| matches!(b, 0x00..=0x08 | 0x0E..=0x1A | 0x1C..=0x1F);
        // every byte value, in runs longer than the pieces counted at once
        for b in 1..=255u8 {
            for len in [1, 254, 255, 256, 700] {
                let mut sample = vec![b'a'; 2000 - len];
                sample.extend(std::iter::repeat_n(b, len));
                let want = sample.iter().filter(|&&c| control(c)).count() * 32 > sample.len();
                assert_eq!(looks_binary(&sample), want, "{b:#x} × {len}");
            }
        }
    }

    #[test]
    fn binary_is_refused_as_not_a_document() {
        let mut elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
        elf.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
        let err = decode(&elf, None).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::UnsupportedFormat {
                    format: "binary, not a document",
                    ..
                }
            ),
            "{err}"
        );
        // UTF-8 text keeps a stray NUL
        assert_eq!(decode(b"\0abc", None).unwrap().text, "\0abc");
    }
}
