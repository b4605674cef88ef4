//! # xxgk
//!
//! Reads Chinese government information-disclosure annual reports
//! (政府信息公开工作年度报告) into a typed [`AnnualReport`]: title, organ, year,
//! the six sections, and the three standard tables with every figure typed and
//! tied to the bytes of the original text it was read from.
//!
//! The pipeline, one module each:
//!
//! 1. **normalize**: NFKC and the clean-ups NFKC leaves alone (line ends, BOM,
//!    zero-width characters, Word artefacts), with a map back to the original.
//! 2. **grammar**: nom combinators for the title, the section headings, the
//!    labels of both template editions and the values; the tables are read by
//!    their labels, whatever the text layout (one cell per line, tab or pipe
//!    rows, the whole report squeezed onto one line). Columns follow the
//!    header labels as printed; a row that lost a cell is kept only where
//!    the table's own sums confirm it.
//! 3. **model**: the typed [`AnnualReport`], serde-serializable, with
//!    [`AnnualReport::cells`] giving every figure under its stable key.
//!
//! A figure the parser cannot place with certainty is left blank and a
//! [`Diagnostic`] says why: a wrong number is the worst outcome.
//!
//! Beside the pipeline, [`validate`] checks a parsed report against the
//! template's consistency rules, and [`render`] writes a report back out as
//! text in any of the layouts the parser reads (HTML included).
//!
//! ```
//! // a report the package bundles; your own would be std::fs::read_to_string(path)?
//! let text = include_str!("../tests/fixtures/seeds/001_1bf17e5d24045e7c.txt");
//! let report = xxgk::parse(text)?;
//! assert_eq!(report.organ.as_deref(), Some("固城镇"));
//! assert_eq!(report.year, Some(2020));
//! assert_eq!(report.edition, xxgk::Edition::E2019);
//!
//! let key: xxgk::CellKey = "active.procurement.amount".parse()?;
//! let cell = report.cell(key).unwrap();
//! assert_eq!(cell.value.to_string(), "170"); // 170万 → 170 万元
//! let span = cell.span.unwrap();
//! assert_eq!(&text[span.range()], "170万");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Documents and encodings
//!
//! [`parse`] reads text. [`parse_bytes`] reads what users are given: text in
//! UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark,
//! or GB18030/GBK/GB2312 (declared by an HTML page or detected); an HTML page
//! or fragment (Word's "save as web page" included); a Word `.docx`; a PDF
//! with a text layer (tables rebuilt from their ruling lines). The format is
//! told by the content ([`Document::from_bytes`]); old binary `.doc`, scanned
//! PDFs and other formats get an [`ErrorKind::UnsupportedFormat`] error that
//! says what to do. A front end turns the document into text the grammar
//! reads, each table row one line of tab-separated cells with merged cells
//! resolved, and keeps a map back to the document: spans of text and HTML
//! input are byte ranges of the input bytes, spans of a `.docx` or a PDF are
//! byte ranges of [`Document::text`] ([`Document::pdf_box`] gives a PDF
//! figure's page and box).
//!
//! ```
//! let bytes = include_bytes!("../tests/fixtures/html/000_9adbf800e6ecf4be.html"); // GBK
//! let report = xxgk::parse_bytes(bytes)?;
//! assert_eq!(report.organ.as_deref(), Some("兴国镇"));
//!
//! // the document too: its format, its encoding, the text a .docx's spans point into
//! let (doc, report) = xxgk::parse_document(bytes)?;
//! assert_eq!((doc.format(), doc.encoding()), (xxgk::Format::Html, Some("GBK")));
//! assert_eq!(report.year, Some(2020));
//! # Ok::<(), xxgk::Error>(())
//! ```
//!
//! An error about a place says where: [`Error::position`] (byte, line and
//! column), and with `{:#}` the line with a caret under the place.
//!
//! ## Options and limits
//!
//! [`parse_with`], [`parse_bytes_with`] and [`Document::from_bytes_with`]
//! take [`Options`]: the [`Limits`] that bound what one document may cost
//! (input size, inflated XML, table nesting, cells per table, PDF pages;
//! each exceeded limit is an [`ErrorKind::LimitExceeded`] error naming it),
//! and whether to drop the section text from the result. Within the limits,
//! every front end takes time linear in its input, and no walk of the
//! document recurses deeper than [`Limits::DEPTH_CEILING`] tables, so a
//! document parses on a thread with a 2 MiB stack.
//!
//! ## Cargo features
//!
//! - `html` (default): HTML pages and fragments in [`parse_bytes`].
//! - `docx` (default): Word `.docx` in [`parse_bytes`] (adds `zip`).
//!
//! Without them, [`parse_bytes`] still reads text in every encoding above and
//! refuses HTML and `.docx` with [`ErrorKind::UnsupportedFormat`].
//!
//! - `cli` (off): the `xxgk` program (`cargo install --path . --features cli`),
//!   which parses, validates and exports folders of reports to CSV and JSON
//!   Lines; it adds `clap`, `csv`, `indicatif` and `serde_json`, which the
//!   library does not use.
//!
#![doc = include_str!("keys.md")]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod frontend;
mod grammar;
mod model;
mod normalize;
mod options;
pub mod render;
mod template;
pub mod validate;

pub use crate::error::{Error, ErrorKind, Position, Snippet};
pub use crate::frontend::{
    Document, Format, PdfBox, parse_bytes, parse_bytes_with, parse_document,
};
pub use crate::model::{
    ActiveColumn, ActiveRow, ActiveTable, Amount, AmountUnit, AnnualReport, ApplicantColumn,
    ApplicationRow, ApplicationsTable, Cell, CellKey, Change, ChangeForm, Contact, ContactField,
    Date, Decimal, DecimalError, Diagnostic, DiagnosticKind, Edition, ExtraRow, ExtraValue,
    Figures, Level, Period, ReviewColumn, ReviewRow, ReviewTable, Row, Section, SectionKind, Span,
    Summary, Table, TableId, UnknownKey, Value, ValueKind,
};
pub use crate::options::{Limit, Limits, Options};

/// Internals for the fuzz targets in `fuzz/`: NOT part of the API, not
/// covered by semantic versioning, may change or go away in any release.
#[doc(hidden)]
pub mod __fuzz {
    pub use crate::grammar::template_labels;
    pub use crate::normalize::{Normalized, nfkc, normalize};
}

#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// Parses the text of an annual report.
///
/// The text may come in any of the layouts real reports show; see the crate
/// docs. Every span in the result points into `text`.
///
/// # Errors
///
/// [`ErrorKind::NotAReport`] when the text has none of a report's section
/// headings or tables (a title alone, as a portal's listing page shows
/// several, is not a report); the error says where the parser looked.
pub fn parse(text: &str) -> Result<AnnualReport, Error> {
    parse_with(text, &Options::default())
}

/// [`parse`] with [`Options`]: limits and what to leave out of the result.
///
/// # Errors
///
/// Those of [`parse`], and [`ErrorKind::LimitExceeded`] for a text longer
/// than [`Limits::max_input_bytes`].
pub fn parse_with(text: &str, options: &Options) -> Result<AnnualReport, Error> {
    if text.len() as u64 > options.limits.max_input_bytes {
        return Err(options.limits.exceeded(Limit::InputBytes));
    }
    // an HTML page, and markdown converters' marks, are read as `parse_bytes`
    // reads them
    if let Some(doc) = frontend::Document::from_html_text(text, options)? {
        return doc.parse();
    }
    if let Some(doc) = frontend::Document::from_marked_text(text, options)? {
        return doc.parse();
    }
    let normalized = normalize::normalize(text);
    grammar::read(&normalized, text).map(|r| options.finish(r))
}
