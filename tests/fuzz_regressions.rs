//! Inputs the fuzz targets in `fuzz/` found crashing, kept fixed without the
//! fuzzer: each file in `tests/regressions/` parses without a panic, with every
//! span inside the input and reports surviving the renderer round trip (the
//! check of the `parse` and `bytes` targets).

#[path = "support/spans.rs"]
mod spans;

#[test]
fn fuzz_regressions_parse_with_spans_in_bounds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/regressions")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    for path in &files {
        let bytes = std::fs::read(path).expect("a regression input");
        let outcome = std::panic::catch_unwind(|| spans::check_input(&bytes));
        assert!(outcome.is_ok(), "{} fails", path.display());
    }
}

/// The check itself, on the fixtures (the seeds of the fuzz corpus).
#[test]
fn fixtures_parse_with_spans_in_bounds() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for dir in std::fs::read_dir(root).expect("tests/fixtures") {
        for file in std::fs::read_dir(dir.expect("an entry").path()).expect("a fixture folder") {
            let path = file.expect("an entry").path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "docx")
            ) {
                spans::check_input(&std::fs::read(&path).expect("a fixture"));
            }
        }
    }
}
