//! Parses annual reports and prints them.
//!
//! ```text
//! cargo run --release --example report -- [--format summary|json|cells|text] [FILE...]
//! ```
//!
//! Without FILE it parses a sample report bundled with the crate. A FILE may be
//! text in any encoding the crate reads, an HTML page, a Word .docx or a PDF. `--format cells`
//! prints `key<TAB>value` lines: `report.edition`, `report.year`, `report.organ`,
//! then every cell of the edition in `CELLS.md` order (a blank as an empty value).
//! `--format text` prints the text the parser reads (for HTML, `.docx` and PDF: the
//! lines, each table row on one line with its cells separated by tabs).
//! A file that cannot be read or parsed is reported on stderr, the others are still
//! processed, and the exit status is 1.

use std::io::Write;
use std::process::ExitCode;

use xxgk::{AnnualReport, Level};

const SAMPLE_NAME: &str = "tests/fixtures/seeds/000_9adbf800e6ecf4be.txt (bundled sample)";
const SAMPLE: &str = include_str!("../tests/fixtures/seeds/000_9adbf800e6ecf4be.txt");

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Summary,
    Json,
    Cells,
    Text,
}

fn usage() -> ExitCode {
    eprintln!("usage: report [--format summary|json|cells|text] [FILE...]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut format = Format::Summary;
    let mut files = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" | "-f" => {
                format = match args.next().as_deref() {
                    Some("summary") => Format::Summary,
                    Some("json") => Format::Json,
                    Some("cells") => Format::Cells,
                    Some("text") => Format::Text,
                    _ => return usage(),
                }
            }
            "--help" | "-h" => {
                println!("usage: report [--format summary|json|cells|text] [FILE...]");
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with("--format=") => {
                format = match &arg["--format=".len()..] {
                    "summary" => Format::Summary,
                    "json" => Format::Json,
                    "cells" => Format::Cells,
                    "text" => Format::Text,
                    _ => return usage(),
                }
            }
            _ if arg.starts_with('-') && arg != "-" => return usage(),
            _ => files.push(arg),
        }
    }
    let mut failed = false;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if files.is_empty() && format == Format::Text {
        let _ = out.write_all(SAMPLE.as_bytes());
    } else if files.is_empty() {
        let report = xxgk::parse(SAMPLE).expect("the bundled sample parses");
        print(&mut out, SAMPLE_NAME, &report, format);
    }
    let many = files.len() > 1;
    for file in &files {
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
                continue;
            }
        };
        if format == Format::Text {
            match xxgk::Document::from_bytes(&bytes) {
                Ok(doc) => {
                    let _ = out.write_all(doc.text().as_bytes());
                }
                Err(e) => {
                    eprintln!("{file}: {e}");
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
                print(&mut out, file, &report, format);
            }
            Err(e) => {
                eprintln!("{file}: {e}");
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

fn print(out: &mut impl Write, name: &str, report: &AnnualReport, format: Format) {
    let _ = match format {
        Format::Cells => cells(out, report),
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
    writeln!(
        out,
        "  title    {}",
        report.title.as_deref().unwrap_or("(none)")
    )?;
    writeln!(
        out,
        "  organ    {}",
        report.organ.as_deref().unwrap_or("(none)")
    )?;
    let year = report.year.map_or("(none)".to_string(), |y| y.to_string());
    writeln!(out, "  year     {year}")?;
    writeln!(out, "  edition  {}", report.edition)?;
    if let Some(d) = report.published {
        writeln!(out, "  published {d}")?;
    }
    for field in report.contact.fields() {
        if let Some(v) = field.value {
            writeln!(out, "  {:<8} {v}", field.name)?;
        }
    }
    writeln!(out, "  sections {}/6", report.sections.len())?;
    let (mut filled, mut total) = (0, 0);
    for (_, value) in report.cells() {
        total += 1;
        filled += usize::from(!value.is_blank());
    }
    writeln!(out, "  cells    {filled} filled of {total}")?;
    for extra in &report.extra_rows {
        let values: Vec<String> = extra.values.iter().map(|v| v.value.to_string()).collect();
        writeln!(
            out,
            "  extra row ({}) {} [{}]",
            extra.table,
            extra.label,
            values.join(", ")
        )?;
    }
    for d in &report.diagnostics {
        let mark = if d.level == Level::Warning { "!" } else { "-" };
        writeln!(out, "  {mark} {}", d.message)?;
    }
    Ok(())
}
