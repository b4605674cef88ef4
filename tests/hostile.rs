//! Hostile inputs: made to be slow, deep or large, they must parse in time
//! and memory proportional to their size, within the documented limits.
//!
//! - texts made to be slow, parsed at 256 KB and at 1 MB: the larger may take
//!   at most eight times as long (four would be linear; the margin absorbs
//!   noise), with a generous absolute bound as well;
//! - tables nested 50 000 deep (HTML and `.docx`), read on the main thread
//!   and on a thread with a 2 MiB stack: a clear error, no stack overflow;
//! - merged cells: a `.docx` cell merged down over `2n` rows takes at most
//!   three times as long as over `n` (two is linear, four quadratic), and an
//!   HTML table under a row carried down across the whole grid at most three
//!   times as long as a plain table of the same rows;
//! - memory: a counting allocator (per thread, so that the tests running
//!   beside do not count) measures the peak of the HTML and `.docx` front ends
//!   per byte of input, and of the grammar on a text of table rows.
//!
//! The tests take turns (they measure time).

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use xxgk::{ErrorKind, Limit, Limits, Options};

mod support {
    pub mod counting;
    pub mod hostile_documents;
    pub mod hostile_inputs;
}

use support::counting::peak;
use support::hostile_documents as documents;

/// Held by every test here: they measure time, and would slow each other
/// down on a machine of few cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn one_at_a_time() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Options without a limit on cells, for documents made of many of them.
fn unlimited_cells() -> Options {
    Options::new().limits(Limits::default().max_table_cells(usize::MAX))
}

/// The best of three times of `f`.
fn best_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .expect("three runs")
}

fn is_depth_limit(result: &Result<xxgk::AnnualReport, xxgk::Error>, depth: u64) -> bool {
    matches!(
        result.as_ref().map_err(xxgk::Error::kind),
        Err(ErrorKind::LimitExceeded { limit: Limit::Depth, value }) if *value == depth
    )
}

#[test]
fn tables_nested_50000_deep_are_refused_also_on_a_2_mib_stack() {
    let _serial = one_at_a_time();
    let docx = documents::docx_nested(50_000);
    let html = documents::html_nested(50_000);
    assert!(docx.len() < 16 * 1024, "{} bytes", docx.len());
    for doc in [&docx, &html] {
        let result = xxgk::parse_bytes(doc);
        assert!(is_depth_limit(&result, 64), "{result:?}");
    }
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            for doc in [&docx, &html] {
                let result = xxgk::parse_bytes(doc);
                assert!(is_depth_limit(&result, 64), "{result:?}");
                // the deepest nesting read whatever the limit says fits the stack
                let any = Options::new().limits(Limits::default().max_depth(usize::MAX));
                let result = xxgk::parse_bytes_with(doc, &any);
                // read to the end: a report or, its title alone, not one
                assert!(
                    is_depth_limit(&result, Limits::DEPTH_CEILING as u64)
                        || read_to_the_end(&result),
                    "{result:?}"
                );
            }
            let deepest = documents::docx_nested(Limits::DEPTH_CEILING);
            let any = Options::new().limits(Limits::default().max_depth(usize::MAX));
            let result = xxgk::parse_bytes_with(&deepest, &any);
            assert!(
                !matches!(
                    result.as_ref().map_err(xxgk::Error::kind),
                    Err(ErrorKind::LimitExceeded { .. })
                ),
                "{result:?}"
            );
        })
        .expect("a thread")
        .join()
        .expect("no stack overflow");
}

#[test]
fn a_docx_cell_merged_down_costs_linear_time() {
    let _serial = one_at_a_time();
    let options = unlimited_cells();
    let n = 10_000;
    let small = documents::docx_vmerge(n);
    let large = documents::docx_vmerge(2 * n);
    let t_small = best_of_three(|| drop(xxgk::parse_bytes_with(&small, &options)));
    let t_large = best_of_three(|| drop(xxgk::parse_bytes_with(&large, &options)));
    eprintln!(
        "vMerge over {n} rows: {t_small:?}; over {} rows: {t_large:?}",
        2 * n
    );
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-4);
    assert!(
        ratio < 3.0 || t_large < Duration::from_millis(50),
        "not linear: {t_small:?} for {n} rows, {t_large:?} for {}",
        2 * n
    );
    // and with the default limits, the cells are refused
    let result = xxgk::parse_bytes(&documents::docx_vmerge(60_000));
    assert!(
        matches!(
            result.as_ref().map_err(xxgk::Error::kind),
            Err(ErrorKind::LimitExceeded {
                limit: Limit::TableCells,
                value: 100_000
            })
        ),
        "{result:?}"
    );
}

#[test]
fn html_rows_under_a_row_carried_across_the_grid_cost_what_plain_rows_cost() {
    let _serial = one_at_a_time();
    let options = unlimited_cells();
    let rows = 20_000;
    let plain = documents::html_rows(rows);
    let wide = documents::html_wide_rowspan(1999, rows);
    let t_plain = best_of_three(|| drop(xxgk::parse_bytes_with(&plain, &options)));
    let t_wide = best_of_three(|| drop(xxgk::parse_bytes_with(&wide, &options)));
    eprintln!("{rows} rows: plain {t_plain:?}, under a wide row {t_wide:?}");
    assert!(
        t_wide.as_secs_f64() < 3.0 * t_plain.as_secs_f64() || t_wide < Duration::from_millis(50),
        "{t_wide:?} under a wide row, {t_plain:?} plain"
    );
}

#[test]
fn html_and_docx_cost_a_small_multiple_of_their_size_in_memory() {
    let _serial = one_at_a_time();
    let options = unlimited_cells();
    let html = documents::html_rows(20_000);
    let html_peak = peak(|| xxgk::parse_bytes_with(&html, &options));
    let docx = documents::docx_rows(20_000);
    let xml = documents::xml_len(&docx);
    let docx_peak = peak(|| xxgk::parse_bytes_with(&docx, &options));
    let per_html = html_peak as f64 / html.len() as f64;
    let per_xml = docx_peak as f64 / xml as f64;
    eprintln!(
        "HTML: {} bytes, peak {html_peak} ({per_html:.1} per byte); .docx: {xml} bytes of XML, peak {docx_peak} ({per_xml:.1} per byte)",
        html.len()
    );
    assert!(
        per_html < HTML_BYTES_PER_BYTE,
        "{per_html:.1} per byte of HTML"
    );
    assert!(per_xml < XML_BYTES_PER_BYTE, "{per_xml:.1} per byte of XML");
    let text = documents::text_rows(10_000);
    let per_text = peak(|| xxgk::parse_bytes_with(&text, &options)) as f64 / text.len() as f64;
    eprintln!(
        "text of template rows: {} bytes, {per_text:.1} per byte",
        text.len()
    );
    assert!(
        per_text < TEXT_BYTES_PER_BYTE,
        "{per_text:.1} per byte of text"
    );
}

/// The bounds of the memory test: peak bytes per byte of HTML, of XML, for
/// tables of the shortest cells (about 16 and 4 measured; each cell costs
/// its tree node and its pieces of the offset maps, whatever its size).
const HTML_BYTES_PER_BYTE: f64 = 24.0;
const XML_BYTES_PER_BYTE: f64 = 8.0;
/// The bound for a text of nothing but template rows (75 to 80 measured: the
/// grammar's cells and rows).
const TEXT_BYTES_PER_BYTE: f64 = 100.0;

#[test]
fn limits_refuse_inputs_past_them() {
    let _serial = one_at_a_time();
    let page = documents::html_rows(100);
    let small = Options::new().limits(Limits::default().max_input_bytes(100));
    let err = xxgk::parse_bytes_with(&page, &small).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::LimitExceeded {
            limit: Limit::InputBytes,
            value: 100
        }
    );
    let text = String::from_utf8(page.clone()).expect("UTF-8");
    let err = xxgk::parse_with(&text, &small).unwrap_err();
    assert!(err.to_string().contains("max_input_bytes"), "{err}");
    let docx = documents::docx_rows(100);
    let small_xml = Options::new().limits(Limits::default().max_xml_bytes(1000));
    let err = xxgk::parse_bytes_with(&docx, &small_xml).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::LimitExceeded {
            limit: Limit::XmlBytes,
            value: 1000
        }
    );
    let few_cells = Options::new().limits(Limits::default().max_table_cells(150));
    for doc in [&page, &docx] {
        let err = xxgk::parse_bytes_with(doc, &few_cells).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::LimitExceeded {
                limit: Limit::TableCells,
                value: 150
            }
        );
        let within = xxgk::parse_bytes(doc);
        assert!(read_to_the_end(&within), "{within:?}");
    }
}

/// A document read to the end within the limits: a report, or refused as
/// none (a title and tables of no template, as these documents are).
fn read_to_the_end(result: &Result<xxgk::AnnualReport, xxgk::Error>) -> bool {
    matches!(
        result.as_ref().map_err(xxgk::Error::kind),
        Ok(_) | Err(ErrorKind::NotAReport { .. })
    )
}

#[test]
fn section_text_can_be_dropped_from_documents() {
    let _serial = one_at_a_time();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let drop = Options::new().drop_section_text(true);
    for file in [
        "html/001_1bf17e5d24045e7c.html",
        "docx/001_1bf17e5d24045e7c.docx",
    ] {
        let bytes = std::fs::read(root.join(file)).expect("a fixture");
        let kept = xxgk::parse_bytes(&bytes).expect("a report");
        let dropped = xxgk::parse_bytes_with(&bytes, &drop).expect("a report");
        assert!(kept.sections.iter().any(|s| !s.body.is_empty()), "{file}");
        assert!(dropped.sections.iter().all(|s| s.body.is_empty()), "{file}");
        let bodies =
            |r: &xxgk::AnnualReport| r.sections.iter().map(|s| s.body_span).collect::<Vec<_>>();
        assert_eq!(bodies(&kept), bodies(&dropped), "{file}");
        assert_eq!(
            kept.cells().collect::<Vec<_>>(),
            dropped.cells().collect::<Vec<_>>()
        );
    }
}

fn time(text: &str) -> Duration {
    let start = Instant::now();
    let _ = std::hint::black_box(xxgk::parse(text));
    start.elapsed()
}

#[test]
fn hostile_inputs_parse_in_linear_time() {
    let _serial = one_at_a_time();
    let small = support::hostile_inputs::hostile(1 << 18);
    let large = support::hostile_inputs::hostile(1 << 20);
    let mut slow = Vec::new();
    for ((name, s), (_, l)) in small.iter().zip(&large) {
        // the best of three runs, so that one pause of the machine does not count
        let t_small = (0..3).map(|_| time(s)).min().unwrap();
        let t_large = (0..3).map(|_| time(l)).min().unwrap();
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-4);
        eprintln!(
            "{name}: {} KB in {t_small:?}, {} KB in {t_large:?}",
            s.len() / 1024,
            l.len() / 1024
        );
        if (ratio > 8.0 && t_large > Duration::from_millis(50)) || t_large > Duration::from_secs(20)
        {
            slow.push(format!(
                "{name}: {t_small:?} for {} bytes, {t_large:?} for {}",
                s.len(),
                l.len()
            ));
        }
    }
    assert!(slow.is_empty(), "not linear: {slow:?}");
}
