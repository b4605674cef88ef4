//! `xxgk export` over a folder of 1,000 reports with `--jobs 1` and
//! `--jobs 2`: the time of each (the best of five runs, the two taking turns
//! so that a passing load on the machine weighs on both) and the speed-up.
//!
//! ```text
//! cargo bench --features cli --bench export
//! ```
//!
//! The folder is made of the fixtures (text in UTF-8 and GB18030, HTML,
//! `.docx`) copied over and over. Under `cargo test --benches` it runs once
//! on 50 reports, to show that it works.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FIXTURES: [&str; 5] = ["seeds", "written", "gb18030", "html", "docx"];

/// The report files of the fixture folders (not their truth files).
fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in FIXTURES {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(dir);
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let extension = p.extension().and_then(|e| e.to_str());
                matches!(extension, Some("txt" | "html" | "docx"))
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// A folder of `count` reports, ten subfolders of them.
fn folder(count: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xxgk-bench-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sources = fixtures();
    for i in 0..count {
        let source = &sources[i % sources.len()];
        let sub = dir.join(format!("{:02}", i % 10));
        std::fs::create_dir_all(&sub).unwrap();
        let name = source.file_name().unwrap().to_string_lossy();
        std::fs::copy(source, sub.join(format!("{i:04}_{name}"))).unwrap();
    }
    dir
}

/// One run of the export: its time.
fn export(dir: &Path, jobs: usize) -> Duration {
    let out = dir.with_extension("csv");
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args([
            "export",
            "--format",
            "csv",
            "--jobs",
            &jobs.to_string(),
            "--output",
        ])
        .arg(&out)
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    let time = start.elapsed();
    assert!(status.success(), "xxgk export failed: {status}");
    let _ = std::fs::remove_file(out);
    time
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (count, runs) = if full { (1000, 5) } else { (50, 1) };
    let dir = folder(count);
    let (mut one, mut two) = (Duration::MAX, Duration::MAX);
    for _ in 0..runs {
        one = one.min(export(&dir, 1));
        two = two.min(export(&dir, 2));
    }
    let _ = std::fs::remove_dir_all(&dir);
    let rate = |t: Duration| count as f64 / t.as_secs_f64();
    println!(
        "export {count} reports, --jobs 1: {:.3} s ({:.0} reports/s)",
        one.as_secs_f64(),
        rate(one)
    );
    println!(
        "export {count} reports, --jobs 2: {:.3} s ({:.0} reports/s)",
        two.as_secs_f64(),
        rate(two)
    );
    println!(
        "speed-up of --jobs 2 over --jobs 1: {:.2}x (on {} cores)",
        one.as_secs_f64() / two.as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
}
