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
//!    their labels, whatever the text layout (one cell per line, tab or pipe rows).
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
//! let text = std::fs::read_to_string("tests/fixtures/seeds/001_1bf17e5d24045e7c.txt").unwrap();
//! let report = xxgk::parse(&text)?;
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
//! let bytes = std::fs::read("tests/fixtures/html/000_9adbf800e6ecf4be.html").unwrap(); // GBK
//! let report = xxgk::parse_bytes(&bytes)?;
//! assert_eq!(report.organ.as_deref(), Some("兴国镇"));
//! # Ok::<(), xxgk::Error>(())
//! ```
//!
//! ## Cargo features
//!
//! - `html` (default): HTML pages and fragments in [`parse_bytes`].
//! - `docx` (default): Word `.docx` in [`parse_bytes`] (adds `zip` and `quick-xml`).
//!
//! Without them, [`parse_bytes`] still reads text in every encoding above and
//! refuses HTML and `.docx` with [`ErrorKind::UnsupportedFormat`].
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod frontend;
mod grammar;
mod model;
mod normalize;
pub mod render;
pub mod validate;

pub use crate::error::{Error, ErrorKind, Position};
pub use crate::frontend::{Document, Format, PdfBox, parse_bytes};
pub use crate::model::{
    ActiveColumn, ActiveRow, ActiveTable, Amount, AmountUnit, AnnualReport, ApplicantColumn,
    ApplicationRow, ApplicationsTable, Cell, CellKey, Change, ChangeForm, Contact, ContactField,
    Date, Decimal, DecimalError, Diagnostic, DiagnosticKind, Edition, ExtraRow, ExtraValue, Level,
    Period, ReviewColumn, ReviewRow, ReviewTable, Row, Section, SectionKind, Span, Table, TableId,
    UnknownKey, Value, ValueKind,
};

/// Internals for the fuzz targets in `fuzz/`: NOT part of the API, not
/// covered by semantic versioning, may change or go away in any release.
#[doc(hidden)]
pub mod __fuzz {
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
/// [`ErrorKind::NotAReport`] when the text has none of a report's title,
/// section headings or tables; the error says where the parser looked.
pub fn parse(text: &str) -> Result<AnnualReport, Error> {
    let normalized = normalize::normalize(text);
    grammar::read(&normalized, text)
}
