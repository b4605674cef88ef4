//! Throughput of the front ends on the fixtures: `parse_bytes` on every HTML
//! page, `.docx`, GB18030 text and PDF of tests/fixtures/{html,docx,gb18030,pdf},
//! and the UTF-8 originals of the GB18030 texts for comparison. The PDFs are
//! measured twice, in bytes (MB/s) and in pages (pages/s).
//!
//! ```text
//! cargo bench --bench frontends
//! ```

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../tests/support/fixtures.rs"]
mod fixtures;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("frontends");
    for (name, dir, ext) in [
        ("html", "html", "html"),
        ("docx", "docx", "docx"),
        ("gb18030", "gb18030", "txt"),
        ("utf8 (same texts)", "gb18030", "txt"),
    ] {
        let mut files = fixtures::bytes(dir, ext);
        if name.starts_with("utf8") {
            files = files
                .iter()
                .map(|b| encoding_rs::GB18030.decode(b).0.into_owned().into_bytes())
                .collect();
        }
        let bytes: usize = files.iter().map(Vec::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for f in &files {
                    black_box(xxgk::parse_bytes(black_box(f)).ok());
                }
            });
        });
    }
    #[cfg(feature = "pdf")]
    {
        // the PDFs that parse (not the scanned and the locked one)
        let files: Vec<Vec<u8>> = fixtures::bytes("pdf", "pdf")
            .into_iter()
            .filter(|f| xxgk::parse_bytes(f).is_ok())
            .collect();
        let bytes: usize = files.iter().map(Vec::len).sum();
        let pages: usize = files
            .iter()
            .filter_map(|f| xxgk::Document::from_bytes(f).ok()?.pages())
            .sum();
        for (name, throughput) in [
            ("pdf (bytes)", Throughput::Bytes(bytes as u64)),
            ("pdf (pages)", Throughput::Elements(pages as u64)),
        ] {
            group.throughput(throughput);
            group.bench_function(name, |b| {
                b.iter(|| {
                    for f in &files {
                        black_box(xxgk::parse_bytes(black_box(f)).ok());
                    }
                });
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
