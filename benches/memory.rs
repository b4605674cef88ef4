//! Peak memory of each front end per byte of input, and allocations per
//! document, measured with a counting allocator: `parse_bytes` on every fixture of tests/fixtures/{gb18030,html,
//! docx,pdf} (text, HTML, `.docx`, the PDFs that parse), and on tables of many short cells, the worst
//! case per byte. For a `.docx` the bytes counted are those of its inflated
//! `word/document.xml`. First, `parse` of the report text of
//! tests/fixtures/{seeds,written} and of the crawler text of
//! tests/fixtures/crawler: allocations and bytes asked for per report (after
//! a first parse of each, which builds the label tables once for the
//! process), how many of them the report itself holds (those of a copy of
//! it), and its MB/s beside `str::from_utf8` over the same bytes in the same run (with
//! the counting allocator in place: `cargo bench --bench parse -- corpus`
//! times without it).
//!
//! ```text
//! cargo bench --bench memory
//! ```
//!
//! Run by `cargo test --benches` too, on smaller tables. With `--bench` it
//! also reads a 50 MB HTML page of table rows and a `.docx` cell merged over
//! 100 000 rows (both with the limits on cells and input lifted), and says
//! how long they took.

use std::hint::black_box;
use std::time::Instant;

#[path = "../tests/support/counting.rs"]
mod counting;
#[path = "../tests/support/fixtures.rs"]
mod fixtures;
#[path = "../tests/support/hostile_documents.rs"]
mod hostile_documents;

use hostile_documents as documents;

/// Bytes a document is measured against: its XML for a `.docx`.
fn measured_len(doc: &[u8]) -> usize {
    if doc.starts_with(b"PK") {
        documents::xml_len(doc)
    } else {
        doc.len()
    }
}

/// Prints the peak per byte of `docs` (the largest, and over all of them)
/// and the allocations per document (their number and the bytes asked for).
fn report(name: &str, docs: &[Vec<u8>], options: &xxgk::Options) {
    let (mut bytes, mut peaks, mut worst) = (0, 0, 0f64);
    let (mut count, mut asked) = (0, 0);
    let start = Instant::now();
    for doc in docs {
        let len = measured_len(doc);
        let peak = counting::peak(|| xxgk::parse_bytes_with(doc, options));
        let (n, b) = counting::allocations(|| xxgk::parse_bytes_with(doc, options));
        bytes += len;
        peaks += peak;
        worst = worst.max(peak as f64 / len as f64);
        count += n;
        asked += b;
    }
    let per = docs.len().max(1) as u64;
    println!(
        "{name:<34} {:>3} inputs {:>11} bytes  peak/byte: mean {:>5.1}, worst {:>5.1}  allocations/input {:>7} ({:>9} bytes)  ({:.2?})",
        docs.len(),
        bytes,
        peaks as f64 / bytes as f64,
        worst,
        count / per,
        asked / per,
        start.elapsed()
    );
}

/// The `.txt` fixtures of the folders `dirs`, as text.
fn texts(dirs: &[&str]) -> Vec<String> {
    dirs.iter()
        .flat_map(|dir| fixtures::bytes(dir, "txt"))
        .map(|b| String::from_utf8(b).expect("a UTF-8 text fixture"))
        .collect()
}

/// MB/s of `f`, a pass over `bytes` bytes, run for about `seconds` (once at
/// least).
fn throughput(bytes: usize, seconds: f64, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut rounds = 0u32;
    while rounds == 0 || start.elapsed().as_secs_f64() < seconds {
        f();
        rounds += 1;
    }
    bytes as f64 * f64::from(rounds) / start.elapsed().as_secs_f64() / 1e6
}

/// Prints the allocations per report of `parse` over `texts` (their number
/// and the bytes asked for), and its MB/s beside `str::from_utf8` over the
/// same bytes, each run for about `seconds`.
fn text_report(name: &str, texts: &[String], seconds: f64) {
    // the label tables are built once, by the first parse: not counted
    for text in texts {
        black_box(xxgk::parse(text).ok());
    }
    let (mut count, mut asked, mut held) = (0, 0, 0);
    for text in texts {
        let (n, b) = counting::allocations(|| xxgk::parse(text));
        count += n;
        asked += b;
        // what the report itself holds: the allocations of a copy of it
        if let Ok(report) = xxgk::parse(text) {
            held += counting::allocations(|| report.clone()).0;
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let parse = throughput(bytes, seconds, || {
        for text in texts {
            black_box(xxgk::parse(black_box(text)).ok());
        }
    });
    let utf8 = throughput(bytes, seconds, || {
        for text in texts {
            black_box(std::str::from_utf8(black_box(text.as_bytes())).is_ok());
        }
    });
    let per = texts.len().max(1) as u64;
    println!(
        "{name:<34} {:>3} inputs {:>11} bytes  allocations/input {:>7} (the report holds {}; {:>9} bytes, {:.1} per input byte)  parse {:.0} MB/s, from_utf8 {:.0} MB/s: {:.1}× its time",
        texts.len(),
        bytes,
        count / per,
        held / per,
        asked / per,
        asked as f64 / bytes as f64,
        parse,
        utf8,
        utf8 / parse
    );
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let seconds = if full { 2.0 } else { 0.1 };
    text_report(
        "text (seeds, written; parse)",
        &texts(&["seeds", "written"]),
        seconds,
    );
    text_report("crawler text (parse)", &texts(&["crawler"]), seconds);
    let defaults = xxgk::Options::default();
    let cells = xxgk::Options::new().limits(
        xxgk::Limits::default()
            .max_table_cells(usize::MAX)
            .max_input_bytes(u64::MAX),
    );
    report(
        "text (GB18030 fixtures)",
        &fixtures::bytes("gb18030", "txt"),
        &defaults,
    );
    let text_rows = documents::text_rows(if full { 500_000 } else { 10_000 });
    report("text of template rows", &[text_rows], &cells);
    report(
        "HTML (fixtures)",
        &fixtures::bytes("html", "html"),
        &defaults,
    );
    report(
        ".docx (fixtures, per XML byte)",
        &fixtures::bytes("docx", "docx"),
        &defaults,
    );
    #[cfg(feature = "pdf")]
    report(
        "PDF (fixtures that parse)",
        &fixtures::bytes("pdf", "pdf")
            .into_iter()
            .filter(|f| xxgk::parse_bytes(f).is_ok())
            .collect::<Vec<_>>(),
        &defaults,
    );
    let rows = if full { 200_000 } else { 5_000 };
    report(
        &format!("HTML, {rows} rows of 2 short cells"),
        &[documents::html_rows(rows)],
        &cells,
    );
    report(
        &format!(".docx, {rows} rows of 2 short cells"),
        &[documents::docx_rows(rows)],
        &cells,
    );
    report(
        &format!("HTML, {rows} rows under a wide row"),
        &[documents::html_wide_rowspan(1999, rows)],
        &cells,
    );
    report(
        "tables nested 50000 deep (refused)",
        &[
            documents::html_nested(50_000),
            documents::docx_nested(50_000),
        ],
        &defaults,
    );
    if full {
        let page = documents::html_rows(1_450_000);
        report("HTML page of table rows (50 MB)", &[page], &cells);
        let merged = documents::docx_vmerge(100_000);
        report(".docx, a cell merged over 100000 rows", &[merged], &cells);
    }
}
