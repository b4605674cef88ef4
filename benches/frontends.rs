//! Throughput of the front ends on the fixtures, each beside the text parse
//! of the same reports and `from_utf8` in the same run: `parse_bytes` on
//! every HTML page, `.docx`, GB18030 text and PDF of
//! tests/fixtures/{html,docx,gb18030,pdf}; `parse` of the text each of them
//! reads as ([`xxgk::Document::text`], the same reports as text); and
//! `str::from_utf8` over the bytes of those texts, the floor of any pass over
//! them. Every row counts the bytes of the documents as given, so their MB/s
//! compare as times: `parse_bytes` over `parse (same texts)` is what the
//! front end costs on top of the text parse. The PDFs are measured in pages
//! (pages/s) too.
//!
//! ```text
//! cargo bench --bench frontends
//! ```
//!
//! Allocations per document are counted by `benches/memory.rs`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

/// Benches `parse_bytes` on `files`, `parse` on the texts they read as, and
/// `from_utf8` over those texts, each with the throughput of `files`' bytes.
fn front_end(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    files: &[Vec<u8>],
) {
    let texts: Vec<String> = files
        .iter()
        .map(|f| {
            xxgk::Document::from_bytes(f)
                .expect("a fixture reads")
                .text()
                .to_string()
        })
        .collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(format!("{name}: parse_bytes"), |b| {
        b.iter(|| {
            for f in files {
                black_box(xxgk::parse_bytes(black_box(f)).ok());
            }
        });
    });
    group.bench_function(format!("{name}: parse (same texts)"), |b| {
        b.iter(|| {
            for t in &texts {
                black_box(xxgk::parse(black_box(t)).ok());
            }
        });
    });
    group.bench_function(format!("{name}: from_utf8 (same texts)"), |b| {
        b.iter(|| {
            for t in &texts {
                black_box(std::str::from_utf8(black_box(t.as_bytes())).is_ok());
            }
        });
    });
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("frontends");
    for (name, dir, ext) in [
        ("html", "html", "html"),
        ("docx", "docx", "docx"),
        ("gb18030", "gb18030", "txt"),
    ] {
        front_end(&mut group, name, &fixtures::bytes(dir, ext));
    }
    #[cfg(feature = "pdf")]
    {
        // the PDFs that parse (not the scanned and the locked one)
        let files: Vec<Vec<u8>> = fixtures::bytes("pdf", "pdf")
            .into_iter()
            .filter(|f| xxgk::parse_bytes(f).is_ok())
            .collect();
        front_end(&mut group, "pdf", &files);
        let pages: usize = files
            .iter()
            .filter_map(|f| xxgk::Document::from_bytes(f).ok()?.pages())
            .sum();
        group.throughput(Throughput::Elements(pages as u64));
        group.bench_function("pdf: parse_bytes (pages)", |b| {
            b.iter(|| {
                for f in &files {
                    black_box(xxgk::parse_bytes(black_box(f)).ok());
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
