//! Parse throughput on every text fixture and on the corpus, beside
//! `str::from_utf8` over the same bytes (and, for the corpus, a plain
//! `unicode-normalization` NFKC pass) as reference, and on hostile inputs
//! made to be slow. The corpus is measured as the report text of the seeds
//! and written fixtures, and apart as crawler text (cells run together).
//!
//! ```text
//! cargo bench --bench parse
//! cargo bench --bench parse -- --warm-up-time 1 --measurement-time 2 corpus
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use unicode_normalization::UnicodeNormalization;

#[path = "../tests/support/hostile_inputs.rs"]
mod hostile_inputs;

/// `(name, text)` of every `.txt` fixture with a truth file, in a stable order.
fn fixtures() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for folder in ["seeds", "written", "crawler"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
            .expect("fixture folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let name = format!("{folder}/{}", p.file_stem().unwrap().to_string_lossy());
            out.push((name, std::fs::read_to_string(&p).expect("fixture")));
        }
    }
    out
}

fn parse(c: &mut Criterion) {
    let texts = fixtures();
    let mut group = c.benchmark_group("fixture");
    for (name, text) in &texts {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", name), text, |b, t| {
            b.iter(|| xxgk::parse(black_box(t)))
        });
        group.bench_with_input(BenchmarkId::new("from_utf8", name), text, |b, t| {
            b.iter(|| std::str::from_utf8(black_box(t.as_bytes())).is_ok())
        });
    }
    group.finish();

    let mut group = c.benchmark_group("corpus");
    let (crawler, text): (Vec<_>, Vec<_>) = texts
        .iter()
        .partition(|(name, _)| name.starts_with("crawler/"));
    for (part, texts) in [("text", text), ("crawler", crawler)] {
        let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
        group.throughput(Throughput::Bytes(total as u64));
        group.bench_function(BenchmarkId::new("parse", part), |b| {
            b.iter(|| {
                for (_, t) in &texts {
                    black_box(xxgk::parse(black_box(t)).ok());
                }
            })
        });
        group.bench_function(BenchmarkId::new("from_utf8", part), |b| {
            b.iter(|| {
                for (_, t) in &texts {
                    black_box(std::str::from_utf8(black_box(t.as_bytes())).is_ok());
                }
            })
        });
        group.bench_function(BenchmarkId::new("nfkc", part), |b| {
            b.iter(|| {
                for (_, t) in &texts {
                    black_box(black_box(t).nfkc().collect::<String>());
                }
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for (name, text) in hostile_inputs::hostile(1 << 20) {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| black_box(xxgk::parse(black_box(&text)).ok()))
        });
    }
    group.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
