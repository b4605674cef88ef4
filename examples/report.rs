//! Parses annual reports and prints them.
//!
//! ```text
//! cargo run --release --example report -- [--format summary|json|cells|text] [FILE...]
//! ```
//!
//! Without FILE it parses a sample report bundled with the crate (and says so
//! on stderr); `-` reads standard input. A FILE may be text in any encoding
//! the crate reads, an HTML page, a Word .docx or a PDF. `--format cells` prints
//! `key<TAB>value` lines: `report.edition`, `report.year`, `report.organ`,
//! then every cell of the edition in key-table order (a blank as an empty
//! value); with several files, each file's lines follow a `==> FILE <==`
//! line. `--format json` prints one report as a pretty JSON document,
//! several as JSON Lines (one compact object per line). `--format text`
//! prints the text the parser reads (for HTML, `.docx` and PDF: the lines,
//! each table row on one line with its cells separated by tabs).
//! A file that cannot be read or parsed is reported on stderr, the others are still
//! processed, and the exit status is 1.
//!
//! The `xxgk` program (feature `cli`) does the same as `xxgk parse`, and
//! exports folders of reports.

use std::io::{Read, Write};
use std::process::ExitCode;

use xxgk::AnnualReport;

const SAMPLE_NAME: &str = "tests/fixtures/seeds/000_9adbf800e6ecf4be.txt (bundled sample)";
const SAMPLE: &str = include_str!("../tests/fixtures/seeds/000_9adbf800e6ecf4be.txt");

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Summary,
    Json,
    Cells,
    Text,
}

const USAGE: &str = "usage: report [--format summary|json|cells|text] [FILE...]";

fn usage(problem: &str) -> ExitCode {
    eprintln!("report: {problem}\n{USAGE}");
    ExitCode::from(2)
}

fn parse_format(name: Option<&str>) -> Result<Format, ExitCode> {
    match name {
        Some("summary") => Ok(Format::Summary),
        Some("json") => Ok(Format::Json),
        Some("cells") => Ok(Format::Cells),
        Some("text") => Ok(Format::Text),
        Some(other) => Err(usage(&format!(
            "unknown format `{other}` (summary, json, cells or text)"
        ))),
        None => Err(usage(
            "`--format` needs a value (summary, json, cells or text)",
        )),
    }
}

/// The bytes of a FILE argument, `-` for standard input.
fn read(file: &str) -> std::io::Result<Vec<u8>> {
    if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(file)
    }
}

fn main() -> ExitCode {
    let mut format = Format::Summary;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let chosen = match arg.as_str() {
            "--format" | "-f" => parse_format(args.next().as_deref()),
            _ if arg.starts_with("--format=") => parse_format(Some(&arg["--format=".len()..])),
            "--help" | "-h" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with('-') && arg != "-" => {
                return usage(&format!("unknown option `{arg}`"));
            }
            _ => {
                files.push(arg);
                continue;
            }
        };
        match chosen {
            Ok(f) => format = f,
            Err(code) => return code,
        }
    }
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if files.is_empty() && format == Format::Text {
        eprintln!("report: no FILE given: the bundled sample (`-` reads standard input)");
        let _ = out.write_all(SAMPLE.as_bytes());
    } else if files.is_empty() {
        eprintln!("report: no FILE given: parsing the bundled sample (`-` reads standard input)");
        let report = xxgk::parse(SAMPLE).expect("the bundled sample parses");
        print(&mut out, SAMPLE_NAME, &report, format, false);
    }
    let many = files.len() > 1;
    for file in &files {
        let bytes = match read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
                continue;
            }
        };
        if format == Format::Text {
            // the text the grammar reads, before parsing
            match xxgk::Document::from_bytes(&bytes) {
                Ok(doc) => {
                    if many {
                        let _ = writeln!(out, "==> {file} <==");
                    }
                    let _ = writeln!(out, "{}", doc.text());
                }
                Err(e) => {
                    eprintln!("{file}: {e:#}");
                    failed = true;
                }
            }
            continue;
        }
        match xxgk::parse_bytes(&bytes) {
            Ok(report) => {
                if many && format != Format::Json {
                    let _ = writeln!(out, "==> {file} <==");
                }
                print(&mut out, file, &report, format, many);
            }
            Err(e) => {
                eprintln!("{file}: {e:#}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print(out: &mut impl Write, name: &str, report: &AnnualReport, format: Format, many: bool) {
    let _ = match format {
        Format::Cells => cells(out, report),
        Format::Json if many => serde_json::to_writer(&mut *out, report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        Format::Json => serde_json::to_writer_pretty(&mut *out, report)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out)),
        Format::Summary => summary(out, name, report),
        // the text is printed from the document, before parsing
        Format::Text => Ok(()),
    };
}

fn cells(out: &mut impl Write, report: &AnnualReport) -> std::io::Result<()> {
    writeln!(out, "report.edition\t{}", report.edition)?;
    writeln!(
        out,
        "report.year\t{}",
        report.year.map(|y| y.to_string()).unwrap_or_default()
    )?;
    writeln!(
        out,
        "report.organ\t{}",
        report.organ.as_deref().unwrap_or("")
    )?;
    for (key, value) in report.cells() {
        writeln!(out, "{key}\t{value}")?;
    }
    Ok(())
}

fn summary(out: &mut impl Write, name: &str, report: &AnnualReport) -> std::io::Result<()> {
    writeln!(out, "{name}")?;
    write!(out, "{}", report.summary())
}
