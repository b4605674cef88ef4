//! What a caller can set: the [`Limits`] that bound the time and memory a
//! document may cost, and what to leave out of the result.

use std::fmt;

/// How to parse: the limits and what to keep. [`Options::default`] is what
/// [`parse`](crate::parse) and [`parse_bytes`](crate::parse_bytes) use.
///
/// ```
/// let options = xxgk::Options::new()
///     .limits(xxgk::Limits::default().max_input_bytes(8 << 20))
///     .drop_section_text(true);
/// let text = std::fs::read_to_string("tests/fixtures/seeds/001_1bf17e5d24045e7c.txt").unwrap();
/// let report = xxgk::parse_with(&text, &options)?;
/// assert!(report.sections.iter().all(|s| s.body.is_empty()));
/// assert_eq!(report.year, Some(2020));
/// # Ok::<(), xxgk::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The limits on the input.
    pub limits: Limits,
    /// Leave the body text of each section out of the result
    /// ([`Section::body`](crate::Section::body) is empty; its span still
    /// says where the body is). Saves memory when only the figures matter.
    pub drop_section_text: bool,
}

impl Options {
    /// The defaults: [`Limits::default`], section text kept.
    pub fn new() -> Options {
        Options::default()
    }

    /// Sets the limits.
    #[must_use]
    pub fn limits(mut self, limits: Limits) -> Options {
        self.limits = limits;
        self
    }

    /// Leaves the body text of the sections out of the result (or keeps it).
    #[must_use]
    pub fn drop_section_text(mut self, drop: bool) -> Options {
        self.drop_section_text = drop;
        self
    }

    /// The report as these options want it.
    pub(crate) fn finish(&self, mut report: crate::AnnualReport) -> crate::AnnualReport {
        if self.drop_section_text {
            for s in &mut report.sections {
                s.body = String::new();
            }
        }
        report
    }
}

/// Bounds on what one document may cost. Each is checked as the document is
/// read; an input past one is refused with
/// [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded), which
/// names the limit and its value.
///
/// The defaults are far above any real annual report (a few hundred KB of
/// text, three tables of at most a few hundred cells, tables nested a few
/// levels for page layout):
///
/// | limit | default |
/// |---|---|
/// | [`max_input_bytes`](Limits::max_input_bytes) | 32 MiB |
/// | [`max_xml_bytes`](Limits::max_xml_bytes) | 64 MiB |
/// | [`max_depth`](Limits::max_depth) | 64 |
/// | [`max_table_cells`](Limits::max_table_cells) | 100 000 |
/// | [`max_pdf_pages`](Limits::max_pdf_pages) | 1 000 |
///
/// Within them a document takes time linear in its size, and memory a
/// multiple of it (`cargo bench --bench memory` measures it): at its peak
/// about 12 bytes per byte for an HTML report and 16 for a page made only of
/// the shortest table cells, 2 to 5 per byte of XML for a `.docx`, and for
/// text from about 45 per byte for a report to 80 for a text made only of
/// repeated table rows (the grammar's cells). Lower
/// [`max_input_bytes`](Limits::max_input_bytes) where memory is tight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Limits {
    /// The largest input read, in bytes: the text given to
    /// [`parse_with`](crate::parse_with), the bytes given to
    /// [`parse_bytes_with`](crate::parse_bytes_with). Default 32 MiB.
    pub max_input_bytes: u64,
    /// The largest XML part of a `.docx` read (`word/document.xml`), in
    /// bytes once inflated: the guard against zip bombs. Default 64 MiB.
    pub max_xml_bytes: u64,
    /// The deepest nesting of tables (a table in a cell of a table in a cell
    /// …) in an HTML page or a `.docx`. Default 64; at most
    /// [`Limits::DEPTH_CEILING`] is honoured.
    pub max_depth: usize,
    /// The most cells one table may have, counting those a merged cell
    /// carries into the rows below (HTML and `.docx`). Default 100 000.
    pub max_table_cells: usize,
    /// The most pages of a PDF read. Default 1 000. Applies to PDF input
    /// only.
    pub max_pdf_pages: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_input_bytes: 32 << 20,
            max_xml_bytes: 64 << 20,
            max_depth: 64,
            max_table_cells: 100_000,
            max_pdf_pages: 1000,
        }
    }
}

impl Limits {
    /// The deepest table nesting read whatever [`Limits::max_depth`] says:
    /// the front ends walk nested tables on the call stack, and this depth
    /// fits a 2 MiB thread stack with room to spare.
    pub const DEPTH_CEILING: usize = 256;

    /// Sets [`Limits::max_input_bytes`].
    #[must_use]
    pub fn max_input_bytes(mut self, bytes: u64) -> Limits {
        self.max_input_bytes = bytes;
        self
    }

    /// Sets [`Limits::max_xml_bytes`].
    #[must_use]
    pub fn max_xml_bytes(mut self, bytes: u64) -> Limits {
        self.max_xml_bytes = bytes;
        self
    }

    /// Sets [`Limits::max_depth`] (at most [`Limits::DEPTH_CEILING`] is honoured).
    #[must_use]
    pub fn max_depth(mut self, depth: usize) -> Limits {
        self.max_depth = depth;
        self
    }

    /// Sets [`Limits::max_table_cells`].
    #[must_use]
    pub fn max_table_cells(mut self, cells: usize) -> Limits {
        self.max_table_cells = cells;
        self
    }

    /// Sets [`Limits::max_pdf_pages`].
    #[must_use]
    pub fn max_pdf_pages(mut self, pages: usize) -> Limits {
        self.max_pdf_pages = pages;
        self
    }

    /// The table nesting depth the front ends read.
    pub(crate) fn depth(&self) -> usize {
        self.max_depth.min(Limits::DEPTH_CEILING)
    }

    /// The error for an input past `limit`.
    pub(crate) fn exceeded(&self, limit: Limit) -> crate::Error {
        let value = match limit {
            Limit::InputBytes => self.max_input_bytes,
            Limit::XmlBytes => self.max_xml_bytes,
            Limit::Depth => self.depth() as u64,
            Limit::TableCells => self.max_table_cells as u64,
            Limit::PdfPages => self.max_pdf_pages as u64,
        };
        crate::ErrorKind::LimitExceeded { limit, value }.into()
    }
}

/// One of the [`Limits`], as named in an [`ErrorKind::LimitExceeded`](crate::ErrorKind::LimitExceeded)
/// error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Limit {
    /// [`Limits::max_input_bytes`].
    InputBytes,
    /// [`Limits::max_xml_bytes`].
    XmlBytes,
    /// [`Limits::max_depth`].
    Depth,
    /// [`Limits::max_table_cells`].
    TableCells,
    /// [`Limits::max_pdf_pages`].
    PdfPages,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Limit::InputBytes => "max_input_bytes (bytes of input)",
            Limit::XmlBytes => "max_xml_bytes (inflated bytes of word/document.xml)",
            Limit::Depth => "max_depth (tables nested in tables)",
            Limit::TableCells => "max_table_cells (cells of one table)",
            Limit::PdfPages => "max_pdf_pages (pages of a PDF)",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_set_each_limit_and_errors_name_it() {
        let l = Limits::default()
            .max_input_bytes(1)
            .max_xml_bytes(2)
            .max_depth(100_000)
            .max_table_cells(4)
            .max_pdf_pages(5);
        assert_eq!(
            (
                l.max_input_bytes,
                l.max_xml_bytes,
                l.max_table_cells,
                l.max_pdf_pages
            ),
            (1, 2, 4, 5)
        );
        assert_eq!(l.depth(), Limits::DEPTH_CEILING);
        let e = l.exceeded(Limit::TableCells);
        assert_eq!(
            e.kind(),
            &crate::ErrorKind::LimitExceeded {
                limit: Limit::TableCells,
                value: 4
            }
        );
        assert!(e.to_string().contains("max_table_cells"), "{e}");
        assert!(e.to_string().contains(" 4"), "{e}");
    }
}
