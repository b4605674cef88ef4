//! The `xxgk` program run on fixtures: exit codes, the CSV and JSON Lines
//! shapes (the latter against `schema/export.schema.json`), refused files,
//! folders, standard input. Needs the `cli` feature:
//! `cargo test --features cli --test cli`.

#[path = "support/json_schema.rs"]
mod json_schema;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value as Json;
use xxgk::{CellKey, Edition};

const BIN: &str = env!("CARGO_BIN_EXE_xxgk");

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A folder of its own under the temporary directory, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("xxgk-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }

    fn copy(&self, fixture: &str, to: &str) -> PathBuf {
        let path = self.0.join(to);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(fixture, &path).unwrap();
        path
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const TXT: &str = "tests/fixtures/seeds/000_9adbf800e6ecf4be.txt";
const DOCX: &str = "tests/fixtures/docx/w2021_tabs.docx";
const HTML: &str = "tests/fixtures/html/001_1bf17e5d24045e7c.html";
const GB18030: &str = "tests/fixtures/gb18030/002_6e2546a832e75983.txt";

/// Mixed reports: text, GB18030 text, HTML, a .docx in a subfolder, a
/// hidden file (left out) and a broken binary file (refused).
fn mixed_folder(name: &str) -> (Folder, PathBuf) {
    let folder = Folder::new(name);
    folder.copy(TXT, "a.txt");
    folder.copy(GB18030, "b-gbk.txt");
    folder.copy(HTML, "c.html");
    folder.copy(DOCX, "sub/d.docx");
    folder.copy(TXT, ".hidden.txt");
    let broken = folder.0.join("sub/broken.docx");
    let mut bytes = b"PK\x03\x04\x14\x00\x00\x00".to_vec();
    bytes.extend((0u8..=255).cycle().take(2000));
    std::fs::write(&broken, bytes).unwrap();
    (folder, broken)
}

/// `(file, key) → value` of every figure the library reads from the report files.
fn library_figures(files: &[PathBuf]) -> Vec<(String, String, String)> {
    let mut rows = Vec::new();
    for file in files {
        let report = xxgk::parse_bytes(&std::fs::read(file).unwrap()).unwrap();
        for (key, value) in report.cells() {
            rows.push((
                file.display().to_string(),
                key.to_string(),
                value.to_string(),
            ));
        }
    }
    rows.sort();
    rows
}

#[test]
fn export_csv_of_a_mixed_folder_writes_every_figure_and_names_the_broken_file() {
    let (folder, broken) = mixed_folder("csv");
    let out = folder.0.with_extension("csv");
    let result = run(&[
        "export",
        "--format",
        "csv",
        "--output",
        out.to_str().unwrap(),
        folder.path(),
    ]);
    let stderr = text(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: ", broken.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("4 reports read, 1 refused (1 unsupported_format)"),
        "{stderr}"
    );
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["file", "organ", "year", "edition", "key", "value", "unit"]
    );
    let mut rows = Vec::new();
    for record in reader.records() {
        let r = record.unwrap();
        rows.push((r[0].to_string(), r[4].to_string(), r[5].to_string()));
        if r[4].starts_with("active.procurement.amount") && !r[5].is_empty() {
            assert!(r[6] == *"万元" || r[6].is_empty(), "{r:?}");
        }
    }
    std::fs::remove_file(&out).unwrap();
    rows.sort();
    let files: Vec<PathBuf> = ["a.txt", "b-gbk.txt", "c.html", "sub/d.docx"]
        .iter()
        .map(|f| folder.0.join(f))
        .collect();
    assert_eq!(rows, library_figures(&files));
    assert!(!rows.iter().any(|(f, _, _)| f.contains(".hidden")));
    // 2019 editions have 198 figures, the .docx (2021) 200
    assert_eq!(rows.len(), 3 * 198 + 200);
}

#[test]
fn export_jsonl_is_one_object_per_report_that_matches_the_schema() {
    let (folder, _) = mixed_folder("jsonl");
    let schema: Json =
        serde_json::from_str(&std::fs::read_to_string("schema/export.schema.json").unwrap())
            .unwrap();
    let result = run(&["export", "-f", "jsonl", "--jobs", "2", folder.path()]);
    assert_eq!(result.status.code(), Some(1));
    let stdout = text(&result.stdout);
    let lines: Vec<Json> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        let errors = json_schema::check(&schema, line);
        assert!(errors.is_empty(), "{errors:#?}");
        let file = line["file"].as_str().unwrap();
        let report = xxgk::parse_bytes(&std::fs::read(file).unwrap()).unwrap();
        let cells = line["cells"].as_object().unwrap();
        assert_eq!(cells.len(), report.cells().count());
        for (key, figure) in report.figures().iter() {
            let json = &cells[&key.to_string()];
            match figure {
                None => assert!(json.is_null(), "{file} {key}"),
                Some(d) => assert_eq!(json.to_string(), d.to_string(), "{file} {key}"),
            }
        }
        let findings = xxgk::validate::validate(&report);
        assert_eq!(line["findings"].as_array().unwrap().len(), findings.len());
    }
    // input order: folders walked in name order
    let files: Vec<&str> = lines.iter().map(|l| l["file"].as_str().unwrap()).collect();
    assert!(
        files[0].ends_with("a.txt") && files[3].ends_with("d.docx"),
        "{files:?}"
    );
    // the schema checker can fail
    let mut bad = lines[0].clone();
    bad["cells"]["active.regulations.made"] = Json::String("0".into());
    bad["edition"] = Json::String("2020".into());
    assert_eq!(json_schema::check(&schema, &bad).len(), 2);
}

#[test]
fn export_csv_wide_is_one_row_per_report() {
    let folder = Folder::new("wide");
    folder.copy(TXT, "a.txt");
    folder.copy(DOCX, "b.docx");
    let result = run(&["export", "--format", "csv-wide", folder.path()]);
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    assert!(text(&result.stderr).contains("2 files: 2 reports read, 0 refused"));
    let mut reader = csv::Reader::from_reader(result.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut keys: Vec<CellKey> = CellKey::all(Edition::E2019).collect();
    keys.extend(
        CellKey::all(Edition::E2021).filter(|k| !CellKey::all(Edition::E2019).any(|j| j == *k)),
    );
    assert_eq!(header.len(), 4 + keys.len());
    assert_eq!(header[..4], ["file", "organ", "year", "edition"]);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 2);
    for record in &records {
        let report = xxgk::parse_bytes(&std::fs::read(&record[0]).unwrap()).unwrap();
        assert_eq!(record[3], report.edition.to_string());
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(record[4 + i], report.value(*key).to_string(), "{key}");
        }
    }
}

#[test]
fn standard_input_is_read_for_a_dash() {
    let bytes = std::fs::read(GB18030).unwrap();
    let report = xxgk::parse_bytes(&bytes).unwrap();
    let result = run_with_stdin(&["export", "-f", "jsonl", "-"], &bytes);
    assert_eq!(result.status.code(), Some(0), "{}", text(&result.stderr));
    let line: Json = serde_json::from_str(text(&result.stdout).trim_end()).unwrap();
    assert_eq!(line["file"], "-");
    assert_eq!(line["organ"].as_str(), report.organ.as_deref());

    let result = run_with_stdin(&["parse", "--format", "cells", "-"], &bytes);
    assert_eq!(result.status.code(), Some(0));
    let stdout = text(&result.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], format!("report.edition\t{}", report.edition));
    assert_eq!(lines.len(), 3 + report.cells().count());
    for (line, (key, value)) in lines[3..].iter().zip(report.cells()) {
        assert_eq!(*line, format!("{key}\t{value}"));
    }
}

#[test]
fn usage_errors_exit_2_and_name_the_bad_argument() {
    for (args, named) in [
        (&["export", "--format", "xml", "x"][..], "xml"),
        (&["export", "--bogus", "x"][..], "--bogus"),
        (&["export", "--jobs", "0", "x"][..], "0"),
        (&["export"][..], "PATH"),
        (&["frobnicate"][..], "frobnicate"),
        (&["validate", "--years", "one"][..], "--years"),
        (
            &["export", "--output", "no/such/folder/out.csv", TXT][..],
            "no/such/folder/out.csv",
        ),
    ] {
        let result = run(args);
        let stderr = text(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(named), "{args:?}: {stderr}");
    }
    let result = run(&["--help"]);
    assert_eq!(result.status.code(), Some(0));
    assert!(text(&result.stdout).contains("export"));
}

#[test]
fn a_missing_file_is_refused_by_name_and_the_rest_exported() {
    let result = run(&["export", TXT, "no/such/file.txt"]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(stderr.contains("no/such/file.txt: cannot read"), "{stderr}");
    assert!(stderr.contains("1 refused (1 unreadable)"), "{stderr}");
    assert_eq!(text(&result.stdout).lines().count(), 1 + 198);
}

#[test]
fn validate_reads_docx_and_every_format() {
    let result = run(&["validate", DOCX, HTML, GB18030]);
    let stdout = text(&result.stdout);
    assert!(
        matches!(result.status.code(), Some(0 | 1)),
        "{}",
        text(&result.stderr)
    );
    for file in [DOCX, HTML, GB18030] {
        assert!(stdout.contains(&format!("{file}: ")), "{stdout}");
    }
    let result = run(&["validate", "--format", "json", DOCX]);
    let json: Json = serde_json::from_slice(&result.stdout).unwrap();
    assert_eq!(json[0]["file"], DOCX);
    let report = xxgk::parse_bytes(&std::fs::read(DOCX).unwrap()).unwrap();
    let findings = xxgk::validate::validate(&report);
    assert_eq!(
        json[0]["findings"].as_array().unwrap().len(),
        findings.len()
    );
    let code = if findings.iter().any(|f| f.is_error()) {
        1
    } else {
        0
    };
    assert_eq!(result.status.code(), Some(code));
}

#[test]
fn parse_prints_json_lines_for_several_files_and_errors_with_their_place() {
    let result = run(&["parse", "--format", "json", TXT, DOCX]);
    assert_eq!(result.status.code(), Some(0));
    let stdout = text(&result.stdout);
    let reports: Vec<xxgk::AnnualReport> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[1],
        xxgk::parse_bytes(&std::fs::read(DOCX).unwrap()).unwrap()
    );
    // not a report: the message and the line with a caret
    let result = run_with_stdin(&["parse", "-"], "\n\n  天气预报：晴\n".as_bytes());
    assert_eq!(result.status.code(), Some(1));
    let stderr = text(&result.stderr);
    assert!(
        stderr.starts_with("-: not a government information-disclosure annual report"),
        "{stderr}"
    );
    assert!(stderr.contains("3 |   天气预报：晴\n  |   ^\n"), "{stderr}");
}

#[test]
fn render_writes_text_that_parses_back_to_the_same_figures() {
    let result = run(&["render", "--layout", "markdown", DOCX]);
    assert_eq!(result.status.code(), Some(0));
    let back = xxgk::parse(&text(&result.stdout)).unwrap();
    let report = xxgk::parse_bytes(&std::fs::read(DOCX).unwrap()).unwrap();
    assert_eq!(back.figures(), report.figures());
}

#[test]
fn the_folder_walk_leaves_out_hidden_files_only() {
    let (folder, _) = mixed_folder("walk");
    let result = run(&[
        "export",
        "-f",
        "jsonl",
        "-j",
        "1",
        Path::new(folder.path()).join("sub").to_str().unwrap(),
    ]);
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(text(&result.stdout).lines().count(), 1);
}
