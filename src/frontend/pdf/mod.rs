//! PDF files: the text of each page with its position, and the ruling lines
//! that draw the tables, turned into the front ends' lines and tables.
//!
//! - `load`: the file through [`lopdf`] (cross-reference repair, decryption
//!   with an empty user password, the page list), with the limits below;
//! - `font`: character codes, `/ToUnicode` CMaps, glyph widths;
//! - `content`: a page's content stream interpreted into glyphs with boxes
//!   and horizontal/vertical ruling lines (stroked lines, thin filled
//!   rectangles);
//! - `grid`: tables rebuilt from the ruling lines (a missing line is a
//!   merged cell, an empty box an empty cell);
//! - `blocks`: pages to lines and tables in reading order.
//!
//! Pages that draw no ruling lines are read by position: a line's glyphs far
//! apart are written with several spaces between them, as
//! `pdftotext -layout` writes them, and the grammar's reading of such text
//! applies (it refuses what the columns do not decide).
//!
//! # Limits
//!
//! Time and memory are bounded by [`MAX_PAGES`], [`MAX_STREAM_BYTES`],
//! [`MAX_OPERATORS`] and [`MAX_CMAP_ENTRIES`]; a file over one of them is a
//! [`ErrorKind::Document`] error that names the limit.
//!
//! # The library
//!
//! [`lopdf`] (MIT, pure Rust) was chosen over `pdf_oxide` and `pdf` (pdf-rs)
//! by a comparison on the fixtures; see `README.md` beside this file.

mod blocks;
mod content;
mod font;
mod grid;

use crate::error::{Error, ErrorKind};
use crate::frontend::layout::{Block, Merged};

/// The most pages a PDF may have.
pub(crate) const MAX_PAGES: usize = 500;
/// The most bytes one stream (a page's content, a form, a CMap, an object
/// stream) may inflate to.
pub(crate) const MAX_STREAM_BYTES: usize = 32 << 20;
/// The most content-stream operators one page may run (forms included).
pub(crate) const MAX_OPERATORS: usize = 2_000_000;
/// The most entries (`bfchar` codes and `bfrange` ranges) a font's
/// `/ToUnicode` CMap may have.
pub(crate) const MAX_CMAP_ENTRIES: usize = 100_000;

/// Why a PDF cannot be read.
#[derive(Debug)]
pub(super) enum PdfError {
    /// The file is damaged beyond repair.
    Damaged(String),
    /// A limit is exceeded.
    Limit(String),
}

impl PdfError {
    fn damaged(e: impl std::fmt::Display) -> PdfError {
        PdfError::Damaged(e.to_string())
    }
}

impl From<PdfError> for Error {
    fn from(e: PdfError) -> Error {
        let reason = match e {
            PdfError::Damaged(r) => r,
            PdfError::Limit(r) => format!("{r} (a limit of this reader)"),
        };
        ErrorKind::Document {
            format: "PDF",
            reason,
        }
        .into()
    }
}

fn unsupported(format: &'static str, advice: &'static str) -> Error {
    ErrorKind::UnsupportedFormat { format, advice }.into()
}

/// What a PDF reads as.
pub(crate) struct Read {
    pub(crate) blocks: Vec<Block>,
    pub(crate) merged: Vec<Merged>,
    pub(crate) pages: usize,
}

/// Reads a PDF.
///
/// # Errors
///
/// - [`ErrorKind::UnsupportedFormat`] for a PDF locked with a user password
///   and for one without a text layer (scanned pages: it needs OCR);
/// - [`ErrorKind::Document`] for a file that is damaged beyond repair or
///   over a limit.
pub(crate) fn read(bytes: &[u8]) -> Result<Read, Error> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..lopdf::LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => unsupported(
            "PDF locked with a user password",
            "open it with its password and save it without one (`qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), then parse that file",
        ),
        e => PdfError::damaged(format!("cannot read the file: {e}")).into(),
    })?;
    if doc.is_encrypted() {
        return Err(unsupported(
            "PDF locked with a user password",
            "open it with its password and save it without one (`qpdf --decrypt --password=PASSWORD in.pdf out.pdf`), then parse that file",
        ));
    }
    let ids: Vec<_> = doc.get_pages().into_values().collect();
    if ids.len() > MAX_PAGES {
        return Err(PdfError::Limit(format!(
            "the file has {} pages, more than {MAX_PAGES}",
            ids.len()
        ))
        .into());
    }
    if ids.is_empty() {
        return Err(PdfError::damaged("the file has no pages").into());
    }
    let mut interpreter = content::Interpreter::new(&doc);
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        pages.push(interpreter.page(id)?);
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(unsupported(
            "PDF without a text layer (scanned pages or text drawn as shapes)",
            "the pages are pictures of text: run OCR on the file first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`) and parse the result",
        ));
    }
    let mut merged = Vec::new();
    let blocks = blocks::blocks(&pages, &mut merged);
    Ok(Read {
        blocks,
        merged,
        pages: pages.len(),
    })
}
