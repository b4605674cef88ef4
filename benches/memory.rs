//! Peak memory of each front end per byte of input, and allocations per
//! document, measured with a counting allocator: `parse_bytes` on every fixture of tests/fixtures/{gb18030,html,
//! docx,pdf} (text, HTML, `.docx`, the PDFs that parse), and on tables of many short cells, the worst
//! case per byte. For a `.docx` the bytes counted are those of its inflated
//! `word/document.xml`.
//!
//! ```text
//! cargo bench --bench memory
//! ```
//!
//! Run by `cargo test --benches` too, on smaller tables. With `--bench` it
//! also reads a 50 MB HTML page of table rows and a `.docx` cell merged over
//! 100 000 rows (both with the limits on cells and input lifted), and says
//! how long they took.

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

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
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
