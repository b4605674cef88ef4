//! The check of the `parse` fuzz target (`fuzz/fuzz_targets/parse.rs`), shared
//! with `tests/fuzz_regressions.rs`: parsing arbitrary bytes never panics, and
//! every position in the result lies inside the input, on a char boundary.

use xxgk::{AnnualReport, Document, Error, ErrorKind, Format, Span};

/// Parses `bytes` as text (`xxgk::parse` of the bytes read as UTF-8, invalid
/// sequences replaced) and as a document (`xxgk::parse_bytes`), and checks
/// every span and error position of both results.
pub fn check_input(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    check_result(&xxgk::parse(&text), text.as_bytes(), true);
    // Spans of a document are byte ranges of the input, of its text for a
    // .docx; they fall on char boundaries when that is UTF-8.
    let doc = Document::from_bytes(bytes).ok();
    let (target, utf8) = match &doc {
        Some(d) if d.format() == Format::Docx => (d.text().as_bytes(), true),
        Some(d) => (bytes, d.encoding() == Some("UTF-8")),
        None => (bytes, false),
    };
    let result = xxgk::parse_bytes(bytes);
    if let Err(e) = &result
        && let ErrorKind::Encoding { byte, .. } = e.kind()
    {
        assert!(
            *byte <= bytes.len(),
            "encoding error at {byte} outside the input"
        );
    }
    check_result(&result, target, utf8);
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
    report
        .title_span
        .into_iter()
        .for_each(|s| inside(s, "title"));
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
    tables
        .into_iter()
        .flatten()
        .flatten()
        .for_each(|s| inside(s, "table"));
    for e in &report.extra_rows {
        inside(e.label_span, "extra row label");
        e.values
            .iter()
            .for_each(|v| inside(v.span, "extra row figure"));
    }
    for d in &report.diagnostics {
        d.span.into_iter().for_each(|s| inside(s, "diagnostic"));
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
