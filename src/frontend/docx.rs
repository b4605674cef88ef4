//! Word `.docx` documents: the text of `word/document.xml` as [`Block`]s.
//!
//! Read: paragraphs (`w:p`) and their runs' text (`w:t`), tabs (`w:tab`: a tab
//! between cells of a tab-aligned paragraph, a space inside a table cell),
//! line breaks (`w:br`, `w:cr`), non-breaking hyphens; tables (`w:tbl`) with
//! `w:gridSpan` (a merged cell is one cell), `w:vMerge` (a continuation is an
//! empty cell) and `w:gridBefore`, nested tables, content controls, inserted
//! text, hyperlinks and field results.
//!
//! Not read: deleted text (`w:del`), field instructions, the fallback of
//! alternate content, headers, footers, footnotes and comments (other parts
//! of the package), and numbers that Word's automatic list numbering draws
//! (they are not in the text: a heading numbered that way loses its `一、`).
//!
//! Within the [`Limits`]: the inflated size of `word/document.xml`, the
//! nesting of tables and the cells of a table are counted as they are read,
//! and reading stops at the first limit exceeded. Vertical merges are
//! resolved in one pass over the rows.

use std::borrow::Cow;
use std::io::Read as _;

use super::layout::{self, Block, Blocks, Frag};
use super::wordxml::{self, Event, Reader};
use crate::error::{Error, ErrorKind};
use crate::options::{Limit, Limits};

fn damaged(reason: impl Into<String>) -> Error {
    ErrorKind::Document {
        format: "DOCX",
        reason: reason.into(),
    }
    .into()
}

/// Whether a zip archive holds `word/document.xml`.
pub(crate) fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name("word/document.xml").is_some())
}

/// What a `.docx` reads as: the text written from its main document part
/// (see [`layout::render_unmapped`]), the tables written as tab rows in it,
/// and the figures merged down over several rows that were left out.
pub(crate) struct Read {
    pub(crate) text: String,
    pub(crate) tables: Vec<std::ops::Range<usize>>,
    pub(crate) merged: Vec<layout::Merged>,
}

/// Reads the main document part of a `.docx`.
pub(crate) fn read(bytes: &[u8], limits: &Limits) -> Result<Read, Error> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| damaged(format!("not a readable zip archive: {e}")))?;
    let file = zip
        .by_name("word/document.xml")
        .map_err(|e| damaged(format!("no word/document.xml: {e}")))?;
    let max = limits.max_xml_bytes;
    if file.size() > max {
        return Err(limits.exceeded(Limit::XmlBytes));
    }
    let mut xml = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(1 << 24));
    file.take(max.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| damaged(format!("word/document.xml cannot be inflated: {e}")))?;
    if xml.len() as u64 > max {
        return Err(limits.exceeded(Limit::XmlBytes));
    }
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&xml);
    let xml = std::str::from_utf8(xml)
        .map_err(|e| damaged(format!("word/document.xml is not UTF-8: {e}")))?;
    let (blocks, merged) = read_xml(xml, limits)?;
    let (text, tables) = layout::render_unmapped(&blocks);
    Ok(Read {
        text,
        tables,
        merged,
    })
}

#[derive(Default)]
struct Container<'a> {
    blocks: Blocks<'a>,
    line: Frag<'a>,
    continuation: bool,
    /// `w:gridSpan` (0: not given, one column).
    span: usize,
}

struct Doc<'a> {
    containers: Vec<Container<'a>>,
    /// Open tables: rows of cells with their grid spans.
    tables: Vec<Vec<Vec<(layout::Cell<'a>, usize)>>>,
    /// The number of cells of each open table.
    cell_counts: Vec<usize>,
    limits: Limits,
    /// The first limit exceeded: reading stops.
    error: Option<Error>,
    /// Figures merged down over several rows, left out.
    merged: Vec<layout::Merged>,
    /// Depth inside elements whose content is not text of the document.
    skip: usize,
    /// Inside `w:t`.
    in_text: bool,
    /// For each open `w:tc`: whether it opened a container (it is in a row).
    cells: Vec<bool>,
}

/// The local names of the elements whose content is skipped: properties,
/// deleted text, field instructions, the fallback of alternate content. A
/// pattern, so that a tag's name is matched once against these and the
/// names read.
macro_rules! skipped {
    () => {
        "pPr"
            | "rPr"
            | "sectPr"
            | "tblPr"
            | "tblGrid"
            | "tblPrEx"
            | "del"
            | "delText"
            | "instrText"
            | "Fallback"
            | "moveFrom"
    };
}

impl<'a> Doc<'a> {
    /// Counts `n` more cells in the innermost open table; false (and the
    /// error set) past the limit.
    fn count_cells(&mut self, n: usize) -> bool {
        let Some(count) = self.cell_counts.last_mut() else {
            return true;
        };
        *count += n;
        if *count > self.limits.max_table_cells {
            self.error = Some(self.limits.exceeded(Limit::TableCells));
            return false;
        }
        true
    }

    fn top(&mut self) -> &mut Container<'a> {
        self.containers
            .last_mut()
            .expect("the document container is never popped")
    }

    fn in_cell(&self) -> bool {
        self.containers.len() > 1
    }

    fn flush(&mut self) {
        let c = self.top();
        if !c.line.is_empty() {
            let mut line = std::mem::take(&mut c.line);
            line.shrink();
            c.blocks.push(Block::Line(line));
        }
    }

    fn push_text(&mut self, s: Cow<'a, str>) {
        if self.skip == 0 {
            self.top().line.append(s);
        }
    }

    /// A start tag: its local name and its attributes.
    fn start(&mut self, name: &str, attrs: &str, empty: bool) {
        match name {
            skipped!() => {
                if !empty {
                    self.skip += 1;
                }
            }
            "t" if !empty => self.in_text = true,
            "tab" if self.skip == 0 => {
                let tab = if self.in_cell() { " " } else { "\t" };
                self.push_text(Cow::Borrowed(tab));
            }
            "br" | "cr" if self.skip == 0 => self.flush(),
            "noBreakHyphen" => self.push_text(Cow::Borrowed("-")),
            "tbl" if !empty => {
                if self.tables.len() >= self.limits.depth() {
                    self.error = Some(self.limits.exceeded(Limit::Depth));
                    return;
                }
                self.flush();
                self.tables.push(Vec::new());
                self.cell_counts.push(0);
            }
            "tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(last) = t.last_mut() {
                        last.shrink_to_fit();
                    }
                    t.push(Vec::new());
                }
            }
            "gridBefore" => {
                let n = val(attrs)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(0);
                let n = n.min(64);
                if self.count_cells(n)
                    && let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut())
                {
                    for _ in 0..n {
                        let empty = layout::Cell::Content {
                            blocks: Blocks::default(),
                            at: 0,
                        };
                        row.push((empty, 1));
                    }
                }
            }
            "tc" if !empty => {
                let in_row = self.tables.last().is_some_and(|t| !t.is_empty());
                if in_row {
                    self.containers.push(Container::default());
                }
                self.cells.push(in_row);
            }
            "gridSpan" if self.in_cell() => {
                let n = val(attrs)
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                self.top().span = n.clamp(1, 1000);
            }
            "vMerge" if self.in_cell() => {
                let restart = val(attrs).is_some_and(|v| v == "restart");
                self.top().continuation = !restart;
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            skipped!() => self.skip = self.skip.saturating_sub(1),
            "t" => self.in_text = false,
            "p" => self.flush(),
            "tc" if self.cells.pop().unwrap_or(false) => {
                self.flush();
                let mut c = self.containers.pop().unwrap_or_default();
                c.blocks.shrink();
                let cell = if c.continuation {
                    layout::Cell::Continuation
                } else {
                    layout::Cell::Content {
                        blocks: c.blocks,
                        at: 0,
                    }
                };
                if self.count_cells(1)
                    && let Some(row) = self.tables.last_mut().and_then(|t| t.last_mut())
                {
                    row.push((cell, c.span.max(1)));
                }
            }
            "tbl" => {
                if let Some(rows) = self.tables.pop() {
                    self.cell_counts.pop();
                    self.flush();
                    let rows = layout::leave_out_merged_figures(rows, &mut self.merged)
                        .into_iter()
                        .map(|cells| layout::Row { cells })
                        .collect();
                    self.top()
                        .blocks
                        .push(Block::Table(layout::Table { rows, at: 0 }));
                }
            }
            _ => {}
        }
    }
}

/// The `w:val` attribute.
fn val(attrs: &str) -> Option<&str> {
    wordxml::attribute(attrs, "val")
}

/// Reads the XML of `word/document.xml`.
fn read_xml<'a>(
    xml: &'a str,
    limits: &Limits,
) -> Result<(Vec<Block<'a>>, Vec<layout::Merged>), Error> {
    let mut reader = Reader::new(xml);
    let mut doc = Doc {
        containers: vec![Container::default()],
        tables: Vec::new(),
        cell_counts: Vec::new(),
        limits: *limits,
        error: None,
        merged: Vec::new(),
        skip: 0,
        in_text: false,
        cells: Vec::new(),
    };
    loop {
        let event = reader.next_event().map_err(|e| {
            damaged(format!(
                "word/document.xml is not well-formed XML at byte {}: {e}",
                e.at
            ))
        })?;
        match event {
            Event::Start { name, attrs, empty } => doc.start(wordxml::local(name), attrs, empty),
            Event::End(name) => doc.end(wordxml::local(name)),
            Event::Text(t) if doc.in_text => wordxml::text(t, &mut |s| doc.push_text(s)),
            Event::CData(t) if doc.in_text => wordxml::lines(t, &mut |s| doc.push_text(s)),
            Event::Eof => break,
            _ => {}
        }
        if let Some(e) = doc.error.take() {
            return Err(e);
        }
    }
    while !doc.cells.is_empty() {
        doc.end("tc");
    }
    while !doc.tables.is_empty() {
        doc.end("tbl");
    }
    if let Some(e) = doc.error.take() {
        return Err(e);
    }
    doc.flush();
    let merged = std::mem::take(&mut doc.merged);
    Ok((doc.containers.swap_remove(0).blocks.into_vec(), merged))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(xml: &str) -> String {
        let doc = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{xml}</w:body></w:document>"#
        );
        let (blocks, _) = read_xml(&doc, &Limits::default()).unwrap();
        layout::render(&blocks, 0).0
    }

    fn p(s: &str) -> String {
        format!(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs></w:pPr><w:r><w:t xml:space=\"preserve\">{s}</w:t></w:r></w:p>"
        )
    }

    fn tc(s: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{}</w:tc>", p(s))
    }

    #[test]
    fn paragraphs_runs_tabs_and_deleted_text() {
        let xml = format!(
            "{}<w:p><w:r><w:t>规章</w:t></w:r><w:r><w:tab/><w:t>1</w:t></w:r><w:del><w:r><w:delText>9</w:delText></w:r></w:del><w:r><w:br/><w:t>A&amp;B</w:t></w:r></w:p>",
            p("一、总体情况")
        );
        assert_eq!(text(&xml), "一、总体情况\n规章\t1\nA&B\n");
    }

    #[test]
    fn merged_cells() {
        let row1 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("三、本年度办理结果", "<w:vMerge w:val=\"restart\"/>"),
            tc("（一）予以公开", ""),
            tc("1", "")
        );
        let row2 = format!(
            "<w:tr>{}{}{}</w:tr>",
            tc("", "<w:vMerge/>"),
            tc("（二）部分公开", ""),
            tc("2", "")
        );
        let row0 = format!(
            "<w:tr>{}{}</w:tr>",
            tc("申请人情况", "<w:gridSpan w:val=\"2\"/>"),
            tc("总计", "")
        );
        let xml = format!("<w:tbl><w:tblPr/>{row0}{row1}{row2}</w:tbl>{}", p("后"));
        assert_eq!(
            text(&xml),
            "申请人情况\t总计\n三、本年度办理结果\t（一）予以公开\t1\n\t（二）部分公开\t2\n后\n"
        );
    }

    #[test]
    fn a_figure_merged_down_is_left_out_and_noted() {
        let row = |label: &str, v: &str, merge: &str| {
            format!(
                "<w:tr>{}{}{}</w:tr>",
                tc(label, ""),
                tc(v, merge),
                tc("1", "")
            )
        };
        let xml = format!(
            "<w:tbl>{}{}</w:tbl>",
            row("行政处罚", "5", "<w:vMerge w:val=\"restart\"/>"),
            row("行政强制", "", "<w:vMerge/>")
        );
        let doc = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{xml}</w:body></w:document>"#
        );
        let (blocks, merged) = read_xml(&doc, &Limits::default()).unwrap();
        assert_eq!(
            layout::render(&blocks, 0).0,
            "行政处罚\t\t1\n行政强制\t\t1\n"
        );
        assert_eq!(merged.len(), 1);
        assert_eq!((merged[0].text.as_str(), merged[0].rows), ("5", 2));
    }

    fn merged_of(xml: &str) -> (String, Vec<(String, usize)>) {
        let doc = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{xml}</w:body></w:document>"#
        );
        let (blocks, merged) = read_xml(&doc, &Limits::default()).unwrap();
        let merged = merged.into_iter().map(|m| (m.text, m.rows)).collect();
        (layout::render(&blocks, 0).0, merged)
    }

    #[test]
    fn continuations_belong_to_the_cell_above_through_an_unbroken_chain() {
        let restart = "<w:vMerge w:val=\"restart\"/>";
        let cont = "<w:vMerge/>";
        let row = |cells: &[(&str, &str)]| {
            let cells: String = cells.iter().map(|(t, p)| tc(t, p)).collect();
            format!("<w:tr>{cells}</w:tr>")
        };
        // over three rows
        let xml = format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row(&[("行政处罚", ""), ("5", restart), ("1", "")]),
            row(&[("行政强制", ""), ("", cont), ("1", "")]),
            row(&[("其他", ""), ("", cont), ("1", "")])
        );
        let (_, merged) = merged_of(&xml);
        assert_eq!(merged, [("5".to_string(), 3)]);
        // a row with no cell starting in the column breaks the chain, and a
        // continuation in the first row continues nothing
        let xml = format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row(&[("a", ""), ("7", restart)]),
            row(&[("b", "<w:gridSpan w:val=\"2\"/>")]),
            row(&[("c", ""), ("", cont)])
        );
        let (text, merged) = merged_of(&xml);
        assert!(merged.is_empty(), "{merged:?}");
        assert_eq!(text, "a\t7\nb\nc\t\n");
        let (_, merged) = merged_of(&format!("<w:tbl>{}</w:tbl>", row(&[("", cont), ("1", "")])));
        assert!(merged.is_empty());
    }

    #[test]
    fn broken_xml_is_a_document_error() {
        let err = read_xml("<w:document><w:body><w:p></w:body>", &Limits::default()).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::Document { format: "DOCX", .. }),
            "{err}"
        );
    }
}
