//! Front ends: documents as users have them (bytes in some encoding, HTML
//! pages, Word files) turned into the text the grammar reads, with a map back
//! to the document.
//!
//! - [`decode`]: bytes to text, and the text's map back to the bytes;
//! - `html`: HTML pages and fragments to lines and tables;
//! - `docx`: Word `.docx` to lines and tables;
//! - `pdf`: PDF pages (glyphs with positions, ruling lines) to lines and
//!   tables;
//! - [`layout`]: lines and tables to text in the grammar's tab-separated row
//!   layout.
//!
//! The front ends do not read the template: they hand the grammar the same
//! kind of text a person would copy out of the document, and the grammar does
//! the rest, with the same rule: a figure it cannot place with certainty is
//! blank.

mod decode;
#[cfg(feature = "docx")]
mod docx;
#[cfg(feature = "html")]
mod html;
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
mod layout;
mod markup;
#[cfg(feature = "pdf")]
mod pdf;
#[cfg(feature = "docx")]
mod wordxml;

use crate::error::{Error, ErrorKind, Position};
use crate::model::{AnnualReport, Diagnostic, DiagnosticKind, Level};
use crate::normalize::{self, OffsetMap};
#[cfg(feature = "html")]
use crate::options::Limits;
use crate::options::{Limit, Options};

/// The kind of document [`Document::from_bytes`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text (in any encoding the crate decodes).
    Text,
    /// An HTML page or fragment.
    Html,
    /// A Word `.docx` document.
    Docx,
    /// A PDF file with a text layer.
    Pdf,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::Docx => "DOCX",
            Format::Pdf => "PDF",
        })
    }
}

/// A document read from bytes, ready to parse: its format, its encoding, and
/// the text the parser reads.
///
/// [`parse_bytes`] is `Document::from_bytes(bytes)?.parse()`;
/// keep the `Document` ([`parse_document`] gives both) when you need
/// [`Document::text`] (the text that the spans of a `.docx` report point
/// into) or want to know what was found.
///
/// ```
/// let bytes = include_bytes!("../../tests/fixtures/html/001_1bf17e5d24045e7c.html");
/// let doc = xxgk::Document::from_bytes(bytes)?;
/// assert_eq!(doc.format(), xxgk::Format::Html);
/// let report = doc.parse()?;
/// assert_eq!(report.organ.as_deref(), Some("固城镇"));
/// # Ok::<(), xxgk::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Document {
    format: Format,
    encoding: Option<&'static str>,
    /// The text the grammar reads.
    text: String,
    /// `text` → `decoded` (`None`: `text` is the decoded document).
    to_decoded: Option<OffsetMap>,
    /// The decoded document, when it is not `text` (HTML).
    decoded: Option<String>,
    /// Whether page chrome was left out of `text` (HTML): only then can
    /// reading the page again with it find more (see [`Document::parse`]).
    #[cfg_attr(not(feature = "html"), allow(dead_code))]
    dropped_chrome: bool,
    /// decoded document → input bytes (`None`: the same offsets).
    to_bytes: Option<OffsetMap>,
    /// Figures merged down over several rows, left out of `text`.
    merged: Vec<layout_or_stub::Merged>,
    /// The tables the front end wrote as tab rows: byte ranges of `text`.
    tables: Vec<std::ops::Range<usize>>,
    /// What the decoder noted (a stray byte at the end of UTF-16).
    notes: Vec<Diagnostic>,
    /// The options it is read and parsed with.
    options: Options,
    /// The number of pages, for a PDF.
    pages: Option<usize>,
    /// For a PDF: `text` → the glyphs, and where each glyph is.
    #[cfg(feature = "pdf")]
    places: Option<Box<(OffsetMap, pdf::Source)>>,
}

/// Where a piece of a PDF's text is on its page ([`Document::pdf_box`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct PdfBox {
    /// The page, counted from 1.
    pub page: usize,
    /// Left, bottom, right, top, in PDF user space of the page (points, the
    /// origin at the bottom left of the media box as the file sets it, y up).
    pub bbox: [f64; 4],
}

/// The text an HTML page reads as, without page chrome or with it; and
/// whether chrome was left out.
#[cfg(feature = "html")]
fn html_text(
    decoded: &str,
    strip_chrome: bool,
    limits: &Limits,
) -> Result<(layout::Written, Vec<layout::Merged>, bool), Error> {
    let (blocks, merged, dropped_chrome) = html::read_noting(decoded, strip_chrome, limits)?;
    Ok((
        layout::render_tables(&blocks, decoded.len()),
        merged,
        dropped_chrome,
    ))
}

/// What the front ends note, or nothing when there is no front end.
#[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
use layout as layout_or_stub;
#[cfg(not(any(feature = "html", feature = "docx", feature = "pdf")))]
mod layout_or_stub {
    /// Never made without a front end.
    #[derive(Debug, Clone)]
    pub(crate) struct Merged;
    impl Merged {
        pub(crate) fn message(&self) -> String {
            String::new()
        }
    }
}

fn unsupported(format: &'static str, advice: &'static str) -> Error {
    ErrorKind::UnsupportedFormat { format, advice }.into()
}

/// Formats recognised by their first bytes that the crate does not read.
fn refuse(bytes: &[u8]) -> Result<(), Error> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let lead = &bytes[start..];
    #[cfg(not(feature = "pdf"))]
    if lead.starts_with(b"%PDF") {
        return Err(unsupported(
            "PDF",
            "this build of xxgk leaves out the `pdf` feature; enable it, or extract the text with `pdftotext -layout FILE.pdf FILE.txt` (poppler-utils) and parse the text",
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(unsupported(
            "OLE compound document (old binary Word .doc, .xls or .wps)",
            "open it in Word or LibreOffice and save it as .docx (or run `libreoffice --headless --convert-to docx FILE.doc`), then parse the .docx",
        ));
    }
    if lead.starts_with(b"{\\rtf") {
        return Err(unsupported(
            "RTF",
            "save it as .docx (`libreoffice --headless --convert-to docx FILE.rtf`) and parse the .docx",
        ));
    }
    for (magic, format) in [
        (&b"\x89PNG"[..], "PNG image"),
        (b"\xFF\xD8\xFF", "JPEG image"),
        (b"GIF8", "GIF image"),
    ] {
        if bytes.starts_with(magic) {
            return Err(unsupported(
                format,
                "a picture of a report holds no text; run OCR on it first and parse the text",
            ));
        }
    }
    Ok(())
}

/// A PDF header at the start (after white space).
#[cfg(feature = "pdf")]
fn is_pdf(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .is_some_and(|i| bytes[i..].starts_with(b"%PDF"))
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

impl Document {
    /// Reads a document from its bytes, deciding its format by its content:
    ///
    /// - bytes that start with `%PDF` are a PDF (feature `pdf`);
    /// - a zip archive holding `word/document.xml` is a `.docx` (feature `docx`);
    /// - bytes that start with a doctype or `<html`, or show HTML tags near the
    ///   start, are HTML (feature `html`);
    /// - anything else is text.
    ///
    /// Text and HTML may be UTF-8 (with or without a byte order mark),
    /// UTF-16 with a byte order mark, or, when the bytes are not UTF-8, the
    /// encoding an HTML page declares (`<meta charset>`, `http-equiv`) or,
    /// failing that, the one the [`chardetng`] detector finds (GB18030, GBK and
    /// GB2312 for Chinese pages).
    ///
    /// # Errors
    ///
    /// - [`ErrorKind::UnsupportedFormat`] for a PDF without a text layer
    ///   (scanned: it needs OCR) or locked with a user password, old binary
    ///   Word `.doc`, RTF, images, a zip that is not a `.docx`, and HTML,
    ///   `.docx` or PDF when the crate is built without the feature, and other
    ///   binary data (NUL or control bytes in what is not UTF-8 text);
    /// - [`ErrorKind::Encoding`] for bytes the encoding does not define (the
    ///   offset of the first one);
    /// - [`ErrorKind::Document`] for a damaged `.docx` or PDF, and for a PDF
    ///   over one of the PDF reader's limits (pages, inflated stream size,
    ///   content operators, CMap entries; see the README).
    pub fn from_bytes(bytes: &[u8]) -> Result<Document, Error> {
        Document::from_bytes_with(bytes, &Options::default())
    }

    /// [`Document::from_bytes`] with [`Options`]: the document is read within
    /// their [`Limits`], and [`Document::parse`] applies them.
    ///
    /// # Errors
    ///
    /// Those of [`Document::from_bytes`], and [`ErrorKind::LimitExceeded`]
    /// for a document past one of the limits.
    pub fn from_bytes_with(bytes: &[u8], options: &Options) -> Result<Document, Error> {
        let limits = &options.limits;
        if bytes.len() as u64 > limits.max_input_bytes {
            return Err(limits.exceeded(Limit::InputBytes));
        }
        refuse(bytes)?;
        #[cfg(feature = "pdf")]
        if is_pdf(bytes) {
            return Document::from_pdf(bytes, options);
        }
        if is_zip(bytes) {
            return Document::from_zip(bytes, options);
        }
        let utf16 = matches!(decode::bom(bytes), Some((e, _)) if e != encoding_rs::UTF_8);
        let html_bytes = !utf16 && Document::html_sniff(bytes);
        let declared = || {
            #[cfg(feature = "html")]
            if html_bytes {
                return html::declared_encoding(bytes);
            }
            None
        };
        let decoded = decode::decode_declaring(bytes, declared)?;
        let encoding = Some(decoded.encoding.name());
        let utf16 = utf16 || matches!(decoded.encoding.name(), "UTF-16LE" | "UTF-16BE");
        let is_html = html_bytes || (utf16 && Document::html_sniff(decoded.text.as_bytes()));
        if is_html {
            #[cfg(feature = "html")]
            {
                let source = decoded.text.into_owned();
                let (written, merged, dropped_chrome) = html_text(&source, true, limits)?;
                return Ok(Document {
                    encoding,
                    to_decoded: Some(written.map),
                    tables: written.tables,
                    decoded: Some(source),
                    dropped_chrome,
                    to_bytes: decoded.to_bytes,
                    merged,
                    notes: decoded.notes,
                    ..Document::read_as(Format::Html, written.text, options)
                });
            }
            #[cfg(not(feature = "html"))]
            return Err(unsupported(
                "HTML",
                "this build of xxgk leaves out the `html` feature; enable it to read HTML pages",
            ));
        }
        let decoded_text = decoded.text.into_owned();
        // markdown converters' marks around the words (`[6]{style=…}`, `**…**`)
        let (text, to_decoded, decoded_text) = match markup::strip(&decoded_text, &options.limits)?
        {
            Some((text, map)) => (text, Some(map), Some(decoded_text)),
            None => (decoded_text, None, None),
        };
        Ok(Document {
            encoding,
            to_decoded,
            decoded: decoded_text,
            to_bytes: decoded.to_bytes,
            notes: decoded.notes,
            ..Document::read_as(Format::Text, text, options)
        })
    }

    /// The text given to [`parse`](crate::parse) when it is an HTML page
    /// throughout (a converter that writes its whole output as HTML, as
    /// `pandoc -t gfm` does for a page laid out in a table): it begins with a
    /// tag, looks like HTML and declares no encoding but UTF-8. Read as
    /// [`Document::from_bytes`] reads its bytes, spans into `text`. `None` for
    /// any other text (a text report that quotes a few tags in its prose
    /// stays text).
    pub(crate) fn from_html_text(text: &str, options: &Options) -> Result<Option<Document>, Error> {
        #[cfg(feature = "html")]
        {
            let bytes = text.as_bytes();
            // an HTML page begins with a tag; a text that quotes tags further
            // on (a section's body copied from a page) is text
            let begins_with_tag = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
            if begins_with_tag
                && decode::bom(bytes).is_none()
                && Document::html_sniff(bytes)
                && html::declared_encoding(bytes).is_none_or(|e| e == encoding_rs::UTF_8)
            {
                return Document::from_bytes_with(bytes, options).map(Some);
            }
        }
        let _ = (text, options);
        Ok(None)
    }

    /// The text given to [`parse`](crate::parse), when markdown converters'
    /// marks stand around its words (`[6]{style=…}`, `**…**`, `<span>`, HTML
    /// tables): read as the text path of [`Document::from_bytes`] reads it,
    /// spans into `text`. `None` when the text has no such marks.
    pub(crate) fn from_marked_text(
        text: &str,
        options: &Options,
    ) -> Result<Option<Document>, Error> {
        let Some((stripped, map)) = markup::strip(text, &options.limits)? else {
            return Ok(None);
        };
        Ok(Some(Document {
            encoding: Some("UTF-8"),
            to_decoded: Some(map),
            decoded: Some(text.to_string()),
            ..Document::read_as(Format::Text, stripped, options)
        }))
    }

    /// A document of `format` whose text is `text` as a front end wrote it:
    /// nothing decoded, mapped back, merged or noted. Each front end sets
    /// what it has on top.
    fn read_as(format: Format, text: String, options: &Options) -> Document {
        Document {
            format,
            encoding: None,
            text,
            to_decoded: None,
            decoded: None,
            dropped_chrome: false,
            to_bytes: None,
            merged: Vec::new(),
            tables: Vec::new(),
            notes: Vec::new(),
            options: options.clone(),
            pages: None,
            #[cfg(feature = "pdf")]
            places: None,
        }
    }

    #[cfg(feature = "html")]
    fn html_sniff(bytes: &[u8]) -> bool {
        html::looks_like_html(bytes)
    }

    #[cfg(not(feature = "html"))]
    fn html_sniff(bytes: &[u8]) -> bool {
        let lead: Vec<u8> = bytes
            .iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take(14)
            .map(u8::to_ascii_lowercase)
            .collect();
        lead.starts_with(b"<!doctype html") || lead.starts_with(b"<html")
    }

    #[cfg(feature = "pdf")]
    fn from_pdf(bytes: &[u8], options: &Options) -> Result<Document, Error> {
        let read = pdf::read(bytes, &options.limits)?;
        let written = layout::render_tables(&read.blocks, read.source.next);
        Ok(Document {
            merged: read.merged,
            tables: written.tables,
            pages: Some(read.pages),
            places: Some(Box::new((written.map, read.source))),
            ..Document::read_as(Format::Pdf, written.text, options)
        })
    }

    fn from_zip(bytes: &[u8], options: &Options) -> Result<Document, Error> {
        #[cfg(feature = "docx")]
        {
            if docx::is_docx(bytes) {
                let read = docx::read(bytes, &options.limits)?;
                return Ok(Document {
                    merged: read.merged,
                    tables: read.tables,
                    ..Document::read_as(Format::Docx, read.text, options)
                });
            }
            Err(unsupported(
                "zip archive that is not a Word .docx (no word/document.xml)",
                "unpack it and parse the report inside, or save the report as .docx, HTML or text",
            ))
        }
        #[cfg(not(feature = "docx"))]
        {
            let _ = (bytes, options);
            Err(unsupported(
                "zip archive (perhaps a Word .docx)",
                "this build of xxgk leaves out the `docx` feature; enable it to read .docx files",
            ))
        }
    }

    /// The format found.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The number of pages of a PDF; `None` for other formats.
    pub fn pages(&self) -> Option<usize> {
        self.pages
    }

    /// Where the text of `span` (a byte range of [`Document::text`], such as
    /// the span of a figure) is on the page of a PDF: the page and the box
    /// around its glyphs, for a viewer to highlight. `None` for other
    /// formats and for text the front end wrote itself (separators).
    ///
    /// ```
    /// let bytes = std::fs::read("tests/fixtures/pdf/lo_w2021_tabs.pdf").unwrap();
    /// let doc = xxgk::Document::from_bytes(&bytes)?;
    /// let report = doc.parse()?;
    /// let key: xxgk::CellKey = "applications.new_requests.total".parse().unwrap();
    /// let span = report.cell(key).and_then(|c| c.span).unwrap();
    /// let at = doc.pdf_box(span).unwrap();
    /// assert!(at.page >= 1 && at.bbox[0] < at.bbox[2] && at.bbox[1] < at.bbox[3]);
    /// # Ok::<(), xxgk::Error>(())
    /// ```
    pub fn pdf_box(&self, span: crate::model::Span) -> Option<PdfBox> {
        #[cfg(feature = "pdf")]
        {
            let (map, source) = self.places.as_deref()?;
            let src = map.map_range(span.range());
            let from = source.glyphs.partition_point(|g| g.src < src.start);
            let mut out: Option<PdfBox> = None;
            for g in source.glyphs[from..]
                .iter()
                .take_while(|g| g.src < src.end.max(src.start + 1))
            {
                match &mut out {
                    None => {
                        out = Some(PdfBox {
                            page: g.page + 1,
                            bbox: g.bbox,
                        })
                    }
                    Some(b) if b.page == g.page + 1 => {
                        b.bbox = [
                            b.bbox[0].min(g.bbox[0]),
                            b.bbox[1].min(g.bbox[1]),
                            b.bbox[2].max(g.bbox[2]),
                            b.bbox[3].max(g.bbox[3]),
                        ];
                    }
                    Some(_) => break,
                }
            }
            out
        }
        #[cfg(not(feature = "pdf"))]
        {
            let _ = span;
            None
        }
    }

    /// The name of the encoding the bytes were decoded with (`"UTF-8"`,
    /// `"gb18030"`, `"GBK"`, `"UTF-16LE"`, …); `None` for a `.docx` or a PDF.
    pub fn encoding(&self) -> Option<&'static str> {
        self.encoding
    }

    /// The text the parser reads: the decoded text of a text file; for HTML
    /// and `.docx`, the document's lines with each table row on one line, its
    /// cells separated by tabs (see [`parse_bytes`]).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Parses the document.
    ///
    /// Spans in the report are byte ranges of the INPUT BYTES for text and
    /// HTML (whatever their encoding: decode `&bytes[span.range()]` with
    /// [`Document::encoding`] to read the figure), and byte ranges of
    /// [`Document::text`] for a `.docx` or a PDF (see [`Document::pdf_box`]
    /// for a PDF figure's place on its page).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NotAReport`] as for [`crate::parse`]; its position is in
    /// the same terms as the spans (line and column count the decoded
    /// document, for a `.docx` or a PDF its text).
    pub fn parse(&self) -> Result<AnnualReport, Error> {
        let result = self
            .parse_text(&self.text, self.to_decoded.as_ref(), &self.tables)
            .map(|r| self.noted(r, &self.merged));
        #[cfg(feature = "html")]
        if self.format == Format::Html
            && self.dropped_chrome
            && let Some(source) = &self.decoded
            && result.as_ref().map_or(true, |r| {
                r.active.is_none() && r.applications.is_none() && r.review_litigation.is_none()
            })
        {
            // The report may sit inside what looked like page chrome: read the
            // page again with everything in it, and keep that if it finds more.
            if let Ok((written, merged, _)) = html_text(source, false, &self.options.limits)
                && written.text != self.text
            {
                let again = self
                    .parse_text(&written.text, Some(&written.map), &written.tables)
                    .map(|r| self.noted(r, &merged));
                if let Ok(r) = &again
                    && (r.active.is_some()
                        || r.applications.is_some()
                        || r.review_litigation.is_some()
                        || result.is_err())
                {
                    return again.map(|r| self.options.finish(r));
                }
            }
        }
        result.map(|r| self.options.finish(r))
    }

    /// Adds a diagnostic for every figure the front end left out.
    fn noted(&self, mut report: AnnualReport, merged: &[layout_or_stub::Merged]) -> AnnualReport {
        report.diagnostics.extend(self.notes.iter().cloned());
        for m in merged {
            #[cfg(any(feature = "html", feature = "docx", feature = "pdf"))]
            let span = m.src.clone().map(|r| match &self.to_bytes {
                Some(b) => b.map_range(r).into(),
                None => r.into(),
            });
            #[cfg(not(any(feature = "html", feature = "docx", feature = "pdf")))]
            let span = None;
            report.diagnostics.push(Diagnostic {
                level: Level::Warning,
                kind: DiagnosticKind::ValueUnreadable,
                message: m.message(),
                span,
            });
        }
        report
    }

    /// Parses `text`, whose map to the decoded document is `to_decoded` and
    /// whose byte ranges `tables` are tables the front end wrote as tab rows.
    fn parse_text(
        &self,
        text: &str,
        to_decoded: Option<&OffsetMap>,
        tables: &[std::ops::Range<usize>],
    ) -> Result<AnnualReport, Error> {
        // the maps are borrowed, not copied: they are the largest part of a
        // document of many short table cells
        let composed;
        let base = match (to_decoded, &self.to_bytes) {
            (Some(a), Some(b)) => {
                composed = a.compose(b);
                Some(&composed)
            }
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b),
            (None, None) => None,
        };
        let normalized = match base {
            Some(base) => normalize::normalize_mapped(text, base),
            None => normalize::normalize(text),
        };
        // the tables in the terms of the spans, as the grammar sees its text
        let tables: Vec<_> = tables
            .iter()
            .map(|t| base.map_or(t.clone(), |m| m.map_range(t.clone())))
            .collect();
        crate::grammar::read_with(&normalized, text, &tables)
            .map_err(|e| self.relocate(e, to_decoded))
    }

    /// Moves the position of an error from `text` (read with the map
    /// `to_decoded`) to the input.
    fn relocate(&self, e: Error, to_decoded: Option<&OffsetMap>) -> Error {
        let ErrorKind::NotAReport {
            expected,
            position,
            found,
        } = e.kind()
        else {
            return e;
        };
        if to_decoded.is_none() && self.to_bytes.is_none() {
            return e;
        }
        let at = to_decoded.map_or(position.byte, |m| m.map(position.byte));
        let decoded = self.decoded.as_deref().unwrap_or(&self.text);
        let mut position = Position::locate(decoded, at);
        if let Some(b) = &self.to_bytes {
            position.byte = b.map(position.byte);
        }
        let kind = ErrorKind::NotAReport {
            expected,
            position,
            found: found.clone(),
        };
        Error::at(kind, decoded, at)
    }
}

/// Parses an annual report from the bytes of a document: text, an HTML page,
/// a Word `.docx` or a PDF, in UTF-8, UTF-16 (with a byte order mark) or a legacy
/// encoding such as GB18030/GBK/GB2312. See [`Document::from_bytes`] for how
/// the format and the encoding are found.
///
/// HTML tables, Word tables and PDF tables (rebuilt from their ruling lines)
/// are read with their merged cells: each table
/// row becomes one line of tab-separated cells, a cell merged across columns
/// is one cell, and a cell merged down from the row above is an empty cell in
/// the rows below, so every row of the template reads as its label followed
/// by exactly its data cells ([`Document::text`] shows the result).
///
/// Spans in the report are byte ranges of `bytes` for text and HTML (so a
/// figure's span slices the bytes of that figure, in the input's encoding),
/// and byte ranges of [`Document::text`] for a `.docx` or a PDF.
///
/// ```
/// let bytes = include_bytes!("../../tests/fixtures/gb18030/001_1bf17e5d24045e7c.txt");
/// let report = xxgk::parse_bytes(bytes)?;
/// let cell = report.cell("active.procurement.amount".parse()?).unwrap();
/// let span = cell.span.unwrap();
/// let (figure, _, _) = encoding_rs::GB18030.decode(&bytes[span.range()]);
/// assert_eq!(figure, "170万");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// Those of [`Document::from_bytes`] and [`Document::parse`].
pub fn parse_bytes(bytes: &[u8]) -> Result<AnnualReport, Error> {
    parse_bytes_with(bytes, &Options::default())
}

/// [`parse_bytes`] with [`Options`]: limits and what to leave out of the
/// result.
///
/// ```
/// let bytes = std::fs::read("tests/fixtures/html/001_1bf17e5d24045e7c.html").unwrap();
/// let tight = xxgk::Options::new().limits(xxgk::Limits::default().max_table_cells(10));
/// let err = xxgk::parse_bytes_with(&bytes, &tight).unwrap_err();
/// assert!(matches!(
///     err.kind(),
///     xxgk::ErrorKind::LimitExceeded { limit: xxgk::Limit::TableCells, value: 10 }
/// ));
/// # Ok::<(), xxgk::Error>(())
/// ```
///
/// # Errors
///
/// Those of [`parse_bytes`], and [`ErrorKind::LimitExceeded`] for a
/// document past one of the [`Limits`].
pub fn parse_bytes_with(bytes: &[u8], options: &Options) -> Result<AnnualReport, Error> {
    Document::from_bytes_with(bytes, options)?.parse()
}

#[cfg(test)]
mod tests;

/// Parses an annual report from the bytes of a document, as [`parse_bytes`]
/// does, and gives the [`Document`] too: its [`Document::format`] and
/// [`Document::encoding`], and [`Document::text`], which the spans of a
/// `.docx` report point into.
///
/// ```
/// let bytes = include_bytes!("../../tests/fixtures/docx/001_1bf17e5d24045e7c.docx");
/// let (doc, report) = xxgk::parse_document(bytes)?;
/// assert_eq!(doc.format(), xxgk::Format::Docx);
/// let span = report.cell("active.procurement.amount".parse()?).and_then(|c| c.span).unwrap();
/// assert_eq!(&doc.text()[span.range()], "170"); // the figure in the Word table
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// Those of [`Document::from_bytes`] and [`Document::parse`].
pub fn parse_document(bytes: &[u8]) -> Result<(Document, AnnualReport), Error> {
    let doc = Document::from_bytes(bytes)?;
    let report = doc.parse()?;
    Ok((doc, report))
}
