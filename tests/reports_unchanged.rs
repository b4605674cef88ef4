//! The whole report of every fixture input (its JSON, diagnostics and spans
//! included, or the error it gives) is what `tests/fixture_reports.fnv`
//! records: a change made for speed must not change a byte of any output.
//!
//! The record holds one line per input, `PATH<TAB>HASH`, the hash a 64-bit
//! FNV-1a of the pretty JSON (`serde_json::to_string_pretty`, as
//! `cargo run --example report -- --format json` prints it) or of `error: `
//! and the error's message. A change of the output that is meant (a better
//! reading, checked with the score loop of README.md) is recorded with
//!
//! ```text
//! XXGK_BLESS=1 cargo test --test reports_unchanged
//! ```
//!
//! and the record's diff then names the fixtures whose report changed.
#![cfg(all(feature = "html", feature = "docx", feature = "pdf"))]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const RECORD: &str = "tests/fixture_reports.fnv";

/// The inputs under `tests/fixtures`: text, markdown (not the folders'
/// README.md), HTML, `.docx` and PDF, in a stable order.
fn inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            inputs(&path, out);
            continue;
        }
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        let readme = path.file_name().is_some_and(|n| n == "README.md");
        if matches!(ext, "txt" | "md" | "html" | "docx" | "pdf") && !readme {
            out.push(path);
        }
    }
}

/// FNV-1a, 64 bits: stable across Rust releases, unlike the std hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The output of an input as the record hashes it.
fn output(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match xxgk::parse_bytes(&bytes) {
        Ok(report) => serde_json::to_string_pretty(&report).expect("a report as JSON"),
        Err(e) => format!("error: {e}"),
    }
}

/// The record of every input, as the file holds it.
fn record() -> String {
    let mut paths = Vec::new();
    inputs(Path::new("tests/fixtures"), &mut paths);
    assert!(paths.len() >= 100, "fixtures not found");
    let mut out = String::new();
    for path in &paths {
        let name = path.to_string_lossy().replace('\\', "/");
        writeln!(out, "{name}\t{:016x}", fnv1a(output(path).as_bytes())).expect("a string");
    }
    out
}

#[test]
fn every_fixture_gives_the_report_recorded() {
    let now = record();
    if std::env::var_os("XXGK_BLESS").is_some() {
        std::fs::write(RECORD, &now).expect("the record written");
        return;
    }
    let recorded = std::fs::read_to_string(RECORD).expect("the record (XXGK_BLESS=1 writes it)");
    let changed: Vec<&str> = now
        .lines()
        .filter(|line| !recorded.lines().any(|r| r == *line))
        .collect();
    let gone: Vec<&str> = recorded
        .lines()
        .filter(|line| {
            let path = line.split('\t').next().unwrap_or("");
            !now.lines().any(|n| n.split('\t').next() == Some(path))
        })
        .collect();
    assert!(
        changed.is_empty() && gone.is_empty(),
        "reports differ from {RECORD} (XXGK_BLESS=1 records them once checked):\nchanged or new:\n{}\ngone:\n{}",
        changed.join("\n"),
        gone.join("\n")
    );
}

#[test]
fn the_hash_is_fnv1a() {
    // the published test vectors of FNV-1a 64
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
}
