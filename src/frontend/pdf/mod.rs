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
//! Time and memory are bounded by [`Limits::max_pdf_pages`] (a file with
//! more pages is an [`ErrorKind::LimitExceeded`] error) and by
//! [`MAX_STREAM_BYTES`], [`MAX_OPERATORS`], [`MAX_GLYPHS`] and
//! [`MAX_CMAP_ENTRIES`]; a file over one of these is an
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

pub(crate) use blocks::Source;

use crate::error::{Error, ErrorKind};
use crate::frontend::layout::{Block, Merged};
use crate::options::{Limit, Limits};

/// The most bytes one stream (a page's content, a form, a CMap, an object
/// stream) may inflate to.
pub(crate) const MAX_STREAM_BYTES: usize = 32 << 20;
/// The most content-stream operators one page may run (forms included).
pub(crate) const MAX_OPERATORS: usize = 2_000_000;
/// The most glyphs one page may show.
pub(crate) const MAX_GLYPHS: usize = 500_000;
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
#[derive(Debug)]
pub(crate) struct Read {
    pub(crate) blocks: Vec<Block<'static>>,
    pub(crate) merged: Vec<Merged>,
    pub(crate) pages: usize,
    /// What the text of `blocks` maps to: the glyphs with their places.
    pub(crate) source: Source,
}

/// Reads a PDF.
///
/// # Errors
///
/// - [`ErrorKind::UnsupportedFormat`] for a PDF locked with a user password
///   and for one without a text layer (scanned pages: it needs OCR);
/// - [`ErrorKind::Document`] for a file that is damaged beyond repair or
///   over a limit.
/// - [`ErrorKind::LimitExceeded`] for more pages than
///   [`Limits::max_pdf_pages`].
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Read, Error> {
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
    if ids.len() > limits.max_pdf_pages {
        return Err(limits.exceeded(Limit::PdfPages));
    }
    if ids.is_empty() {
        return Err(PdfError::damaged("the file has no pages").into());
    }
    let mut interpreter = content::Interpreter::new(&doc);
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        pages.push(interpreter.page(id)?);
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) && pages.iter().any(|p| p.unmapped > 0) {
        return Err(unsupported(
            "PDF whose fonts do not tell which characters they draw (no /ToUnicode CMap)",
            "its text cannot be extracted: export the report again from its source (keeping fonts' character maps), or run OCR on the file and parse the result",
        ));
    }
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(unsupported(
            "PDF without a text layer (scanned pages or text drawn as shapes)",
            "the pages are pictures of text: run OCR on the file first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`) and parse the result",
        ));
    }
    let mut merged = Vec::new();
    let (blocks, source) = blocks::blocks(&pages, &mut merged);
    Ok(Read {
        blocks,
        merged,
        pages: pages.len(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, Object, Stream, dictionary};

    use super::*;

    /// A one-page PDF with `content` (compressed when `compress`) and a
    /// Type0 font whose ToUnicode CMap is `cmap`.
    fn pdf(content: Vec<u8>, compress: bool, cmap: &[u8]) -> Vec<u8> {
        pdf_turned(content, compress, cmap, 0)
    }

    /// The same, the page shown turned by `rotate` degrees.
    fn pdf_turned(content: Vec<u8>, compress: bool, cmap: &[u8], rotate: i64) -> Vec<u8> {
        let mut doc = lopdf::Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let cmap_id = doc.add_object(Stream::new(Dictionary::new(), cmap.to_vec()));
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type0",
            "BaseFont" => "Song",
            "Encoding" => "Identity-H",
            "ToUnicode" => cmap_id,
            "DescendantFonts" => vec![Object::Dictionary(dictionary! {
                "Type" => "Font", "Subtype" => "CIDFontType2", "DW" => 1000,
            })],
        });
        let mut stream = Stream::new(Dictionary::new(), content);
        if compress {
            stream.compress().unwrap();
        }
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            "Rotate" => rotate,
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    const CMAP: &[u8] = b"beginbfchar\n<0001> <4E00>\n<0002> <0031>\n<0003> <0032>\nendbfchar\n";

    fn text(bytes: &[u8]) -> String {
        let read = read(bytes, &Limits::default()).unwrap();
        crate::frontend::layout::render(&read.blocks, 0).0
    }

    #[test]
    fn a_ruled_table_is_rows_of_cells_and_an_empty_box_an_empty_cell() {
        // two rows, three columns; the label `一`, figures 1 and 2, and an
        // empty box in the second row
        let mut c = String::from("0.5 w\n");
        for y in [700, 680, 660] {
            c += &format!("100 {y} m 400 {y} l S\n");
        }
        for x in [100, 200, 300, 400] {
            c += &format!("{x} 660 m {x} 700 l S\n");
        }
        for (x, y, code) in [
            (110, 685, 1),
            (210, 685, 2),
            (310, 685, 3),
            (110, 665, 1),
            (210, 665, 3),
        ] {
            c += &format!("BT /F1 10 Tf {x} {y} Td <{code:04X}> Tj ET\n");
        }
        c += "BT /F1 10 Tf 100 720 Td <0001> Tj ET\n";
        let t = text(&pdf(c.into_bytes(), true, CMAP));
        assert_eq!(t, "一\n一\t1\t2\n一\t2\t\n");
    }

    #[test]
    fn a_turned_page_is_read_as_shown() {
        // on a page shown turned by 90°, text drawn upwards reads left to
        // right, and lines further right come lower (the first two are one
        // paragraph wrapped, the third is far below)
        let c = "BT 0 1 -1 0 300 100 Tm /F1 10 Tf <0001> Tj 0 -12 Td <0002> Tj ET\n\
                 BT 0 1 -1 0 400 100 Tm /F1 10 Tf <0003> Tj ET\n";
        let t = text(&pdf_turned(c.as_bytes().to_vec(), false, CMAP, 90));
        assert_eq!(t, "一1\n2\n");
        let t = text(&pdf_turned(c.as_bytes().to_vec(), false, CMAP, 0));
        assert_ne!(t, "一1\n2\n");
    }

    #[test]
    fn without_lines_far_apart_glyphs_are_columns() {
        let c = "BT /F1 10 Tf 100 700 Td <0001> Tj 200 0 Td <0002> Tj ET\n";
        assert!(text(&pdf(c.as_bytes().to_vec(), false, CMAP)).starts_with("一  "));
    }

    #[test]
    fn no_glyph_means_no_text_layer() {
        let e = read(
            &pdf(b"0 0 m 10 10 l S\n".to_vec(), false, CMAP),
            &Limits::default(),
        )
        .unwrap_err();
        match e.kind() {
            ErrorKind::UnsupportedFormat { format, advice } => {
                assert!(format.contains("text layer"), "{format}");
                assert!(advice.contains("OCR"), "{advice}");
            }
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn text_in_fonts_without_a_character_map_is_told_apart_from_a_scan() {
        let c = b"BT /F1 10 Tf 100 700 Td <0009> Tj ET\n".to_vec();
        match read(&pdf(c, false, CMAP), &Limits::default())
            .unwrap_err()
            .kind()
        {
            ErrorKind::UnsupportedFormat { format, .. } => {
                assert!(format.contains("ToUnicode"), "{format}")
            }
            k => panic!("{k:?}"),
        }
    }

    #[test]
    fn a_content_stream_bomb_is_refused() {
        let bomb = vec![b' '; MAX_STREAM_BYTES + 1];
        let e = read(&pdf(bomb, true, CMAP), &Limits::default()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::Document { reason, .. } if reason.contains("limit")),
            "{e}"
        );
    }

    #[test]
    fn too_many_operators_are_refused() {
        let ops = b"q Q\n".repeat(MAX_OPERATORS / 2 + 1);
        let e = read(&pdf(ops, true, CMAP), &Limits::default()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::Document { reason, .. } if reason.contains("operators")),
            "{e}"
        );
    }

    #[test]
    fn too_many_glyphs_are_refused() {
        let mut c = b"BT /F1 1 Tf 0 0 Td <".to_vec();
        c.extend(b"0001".repeat(MAX_GLYPHS + 1));
        c.extend(b"> Tj ET\n");
        let e = read(&pdf(c, true, CMAP), &Limits::default()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::Document { reason, .. } if reason.contains("glyphs")),
            "{e}"
        );
    }

    #[test]
    fn a_huge_cmap_is_refused() {
        let mut cmap = b"beginbfchar\n".to_vec();
        for i in 0..=MAX_CMAP_ENTRIES + 1 {
            cmap.extend_from_slice(format!("<{:04X}> <4E00>\n", i % 0xFFFF).as_bytes());
        }
        let c = b"BT /F1 10 Tf 100 700 Td <0001> Tj ET\n".to_vec();
        let e = read(&pdf(c, false, &cmap), &Limits::default()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::Document { reason, .. } if reason.contains("CMap")),
            "{e}"
        );
    }

    #[test]
    fn garbage_after_the_header_is_a_damaged_pdf() {
        let e = read(b"%PDF-1.4\n\x00\x01garbage", &Limits::default()).unwrap_err();
        assert!(
            matches!(e.kind(), ErrorKind::Document { format: "PDF", .. }),
            "{e}"
        );
    }
}
