//! Validates annual reports and prints the findings.
//!
//! ```text
//! cargo run --example validate -- [--format text|json] [--years LAST THIS] [FILE...]
//! ```
//!
//! A FILE may be text in any encoding the crate reads, an HTML page, a
//! Word .docx or a PDF; `-` reads standard input. Without FILE (and without
//! `--years`) it validates a sample report bundled with the crate (and says
//! so on stderr). `--years LAST THIS` validates both files and also compares
//! them as last year's and this year's reports of one organ.
//!
//! Exit status: 2 when a file cannot be read or parsed (the other files are
//! still processed), else 1 when any finding is an error, else 0.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use xxgk::AnnualReport;
use xxgk::validate::{Finding, listing, validate, validate_years};

const SAMPLE_NAME: &str = "tests/fixtures/seeds/000_9adbf800e6ecf4be.txt (bundled sample)";
const SAMPLE: &str = include_str!("../tests/fixtures/seeds/000_9adbf800e6ecf4be.txt");
const USAGE: &str = "usage: validate [--format text|json] [--years LAST THIS] [FILE...]";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Text,
    Json,
}

/// The findings of one file, or of a pair of files.
#[derive(Serialize)]
struct Output<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    this: Option<&'a str>,
    findings: Vec<Finding>,
}

struct Args {
    format: Format,
    files: Vec<String>,
    years: Option<(String, String)>,
}

fn parse_format(name: &str) -> Option<Format> {
    match name {
        "text" => Some(Format::Text),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// `Ok(None)` for `--help`; the error names the bad argument.
fn args() -> Result<Option<Args>, String> {
    let mut parsed = Args {
        format: Format::Text,
        files: Vec::new(),
        years: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" | "-f" => {
                let value = args.next().unwrap_or_default();
                parsed.format = parse_format(&value)
                    .ok_or_else(|| format!("unknown format `{value}` (text or json)"))?;
            }
            _ if arg.starts_with("--format=") => {
                let value = &arg["--format=".len()..];
                parsed.format = parse_format(value)
                    .ok_or_else(|| format!("unknown format `{value}` (text or json)"))?;
            }
            "--years" => {
                let (Some(last), Some(this)) = (args.next(), args.next()) else {
                    return Err("`--years` needs two files, LAST and THIS".into());
                };
                parsed.years = Some((last, this));
            }
            "--help" | "-h" => return Ok(None),
            _ if arg.starts_with('-') && arg != "-" => {
                return Err(format!("unknown option `{arg}`"));
            }
            _ => parsed.files.push(arg),
        }
    }
    if let Some((last, this)) = &parsed.years {
        for file in [last, this] {
            if !parsed.files.contains(file) {
                parsed.files.push(file.clone());
            }
        }
    }
    Ok(Some(parsed))
}

/// Reads and parses one file (`-`: standard input) in any format
/// `parse_bytes` reads; the error says why it could not.
fn load(file: &str) -> Result<AnnualReport, String> {
    let bytes = if file == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(file)
    };
    let bytes = bytes.map_err(|e| format!("{file}: {e}"))?;
    xxgk::parse_bytes(&bytes).map_err(|e| format!("{file}: {e:#}"))
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("validate: {problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut unreadable = false;
    let mut reports: Vec<(String, AnnualReport)> = Vec::new();
    if args.files.is_empty() {
        eprintln!("validate: no FILE given: validating the bundled sample");
        let report = xxgk::parse(SAMPLE).expect("the bundled sample parses");
        reports.push((SAMPLE_NAME.to_string(), report));
    }
    for file in &args.files {
        match load(file) {
            Ok(report) => reports.push((file.clone(), report)),
            Err(e) => {
                eprintln!("{e}");
                unreadable = true;
            }
        }
    }
    let mut outputs: Vec<(String, Output)> = Vec::new();
    for (file, report) in &reports {
        let output = Output {
            file: Some(file),
            last: None,
            this: None,
            findings: validate(report),
        };
        outputs.push((file.clone(), output));
    }
    if let Some((last, this)) = &args.years {
        let find = |name: &str| reports.iter().find(|(f, _)| f == name).map(|(_, r)| r);
        if let (Some(a), Some(b)) = (find(last), find(this)) {
            let output = Output {
                file: None,
                last: Some(last),
                this: Some(this),
                findings: validate_years(a, b),
            };
            outputs.push((format!("{last} → {this} (years)"), output));
        }
    }
    let errors = outputs
        .iter()
        .any(|(_, o)| o.findings.iter().any(Finding::is_error));
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match args.format {
        Format::Json => {
            let all: Vec<&Output> = outputs.iter().map(|(_, o)| o).collect();
            serde_json::to_writer_pretty(&mut out, &all)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Text => outputs
            .iter()
            .try_for_each(|(title, o)| write!(out, "{}", listing(title, &o.findings))),
    };
    if let Err(e) = written {
        eprintln!("cannot write the output: {e}");
        return ExitCode::from(2);
    }
    if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
