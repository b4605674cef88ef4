//! The check of the `parse` fuzz target (`fuzz/fuzz_targets/parse.rs`), shared
//! with `tests/fuzz_regressions.rs`: parsing arbitrary bytes never panics,
//! every position in the result lies inside the input, on a char boundary,
//! and a report read from the input (with all three tables and no extra rows),
//! rendered in each layout and read again, has the same cells.

use xxgk::render::{Layout, render};
use xxgk::{AnnualReport, CellKey, Document, Error, ErrorKind, Format, Span, Value};

/// Parses `bytes` as text (`xxgk::parse` of the bytes read as UTF-8, invalid
/// sequences replaced) and as a document (`xxgk::parse_bytes`), and checks
/// every span and error position of both results, and the round trip of
/// each report through the renderer.
pub fn check_input(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let result = xxgk::parse(&text);
    check_result(&result, text.as_bytes(), true);
    result.iter().for_each(round_trip);
    // Spans of a document are byte ranges of the input, of its text for a
    // .docx and a PDF; they fall on char boundaries when that is UTF-8.
    let doc = Document::from_bytes(bytes).ok();
    let (target, utf8) = match &doc {
        Some(d) if matches!(d.format(), Format::Docx | Format::Pdf) => (d.text().as_bytes(), true),
        Some(d) => (bytes, d.encoding() == Some("UTF-8")),
        None => (bytes, false),
    };
    let result = xxgk::parse_bytes(bytes);
    if let Err(e) = &result
        && let ErrorKind::Encoding { position, .. } = e.kind()
    {
        assert!(
            position.byte <= bytes.len(),
            "encoding error at {} outside the input",
            position.byte
        );
        // the snippet is made from what the error kept, whatever the input
        assert!(e.snippet().is_some());
    }
    check_result(&result, target, utf8);
    result.iter().for_each(round_trip);
}

/// Checks the spans of a report or the position of an error against `target`,
/// the bytes they point into (char boundaries too if `utf8`).
pub fn check_result(result: &Result<AnnualReport, Error>, target: &[u8], utf8: bool) {
    let text = std::str::from_utf8(target).ok().filter(|_| utf8);
    let inside = |span: Span, what: &str| {
        assert!(
            span.start <= span.end && span.end <= target.len(),
            "{what} {span:?} outside {} bytes",
            target.len()
        );
        if let Some(text) = text {
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{what} {span:?} not on char boundaries"
            );
        }
    };
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            if let Some(p) = e.position() {
                inside((p.byte..p.byte).into(), "error position");
            }
            return;
        }
    };
    if let Some(span) = report.title_span {
        inside(span, "title");
    }
    if let Some(p) = &report.period {
        inside(p.span, "period");
    }
    for s in &report.sections {
        inside(s.heading_span, "heading");
        inside(s.body_span, "section body");
    }
    let tables = [
        report.active.as_ref().map(|t| table_spans(t.span, &t.rows)),
        report
            .applications
            .as_ref()
            .map(|t| table_spans(t.span, &t.rows)),
        report
            .review_litigation
            .as_ref()
            .map(|t| table_spans(t.span, &t.rows)),
    ];
    for span in tables.into_iter().flatten().flatten() {
        inside(span, "table");
    }
    for e in &report.extra_rows {
        inside(e.label_span, "extra row label");
        for v in &e.values {
            inside(v.span, "extra row figure");
        }
    }
    for span in report.diagnostics.iter().filter_map(|d| d.span) {
        inside(span, "diagnostic");
    }
}

/// The spans of a table: its own, its rows' labels, its figures.
fn table_spans<R, C>(span: Span, rows: &[xxgk::Row<R, C>]) -> Vec<Span> {
    let labels = rows.iter().filter_map(|r| r.label_span);
    let cells = rows
        .iter()
        .flat_map(|r| r.cells.iter().filter_map(|(_, c)| c.span));
    std::iter::once(span).chain(labels).chain(cells).collect()
}

/// A report rendered in each layout that reads back exactly
/// (`Layout::reads_back_exactly`) reads back to the same cells: the text
/// layouts with `parse` (`parse_bytes` would take text that quotes HTML tags
/// for an HTML page), the HTML page with `parse_bytes`.
///
/// Checked for reports with all three tables and no extra rows. Otherwise
/// the renderer writes text the parser did not place back out in another
/// layout (the body of a section whose table was not found, as paragraphs;
/// an extra row under whatever label it had), and read again, that text may
/// be placed: the round trip is not defined there. Nor for a section text
/// that holds a form feed, the page break of PDF text, or another control
/// character, which may have hidden a heading.
pub fn round_trip(report: &AnnualReport) {
    let tables = [
        report.active.is_some(),
        report.applications.is_some(),
        report.review_litigation.is_some(),
    ];
    if tables.contains(&false) || !report.extra_rows.is_empty() {
        return;
    }
    // a form feed in a section's text, written back at a line start, reads
    // as the page break of PDF text, which changes how the tables are read
    if report.sections.iter().any(|s| s.body.contains('\u{c}')) {
        return;
    }
    // another control character (the fuzzer's junk) can hide a heading
    // (`二、…\u{2}\t第二十条…`): the table's text then stays in the section
    // before it as prose, and written back beside the table it reads as a
    // second copy of its rows
    let junk = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if report.sections.iter().any(|s| s.body.contains(junk)) {
        return;
    }
    let cells: Vec<(CellKey, Value)> = report.cells().collect();
    for layout in Layout::ALL.into_iter().filter(|l| l.reads_back_exactly()) {
        let text = render(report, layout);
        let back = match layout {
            Layout::Html => xxgk::parse_bytes(text.as_bytes()),
            _ => xxgk::parse(&text),
        };
        let back = back.unwrap_or_else(|e| panic!("{layout}: {e}\n{text}"));
        let back: Vec<(CellKey, Value)> = back.cells().collect();
        assert_eq!(back, cells, "{layout}:\n{text}");
    }
}
