//! `xxgk`: reads government information-disclosure annual reports
//! (政府信息公开工作年度报告) and prints, validates or exports their figures.
//!
//! ```text
//! xxgk parse    [--format summary|json|cells] FILE…
//! xxgk validate [--format text|json] [--years LAST THIS] FILE…
//! xxgk export   [--format csv|csv-wide|jsonl] [--output FILE] [--jobs N] PATH…
//! xxgk render   [--layout LAYOUT] FILE
//! ```
//!
//! Every command reads what [`xxgk::parse_bytes`] reads (text in any
//! encoding the crate decodes, HTML, Word `.docx`); `-` is standard input.
//! `parse`, `validate` and `export` take folders too, read recursively
//! (names that start with a dot left out).
//!
//! Exit status: 0 when every file was read (for `validate`: and no finding
//! is an error), 1 when some file was refused (the others are still
//! processed and their output written), 2 on a usage error (an unknown
//! option or value, a missing argument, an `--output` that cannot be
//! created).
//!
//! Dependencies, each for one job: `clap` for the arguments (its messages
//! name the bad argument and suggest the right one), `indicatif` for the
//! progress bar, `csv` for correct quoting of organ names and file paths,
//! `serde_json` for the JSON output. Files are spread over threads with
//! `std::thread::scope` and an atomic index (see `export.rs`).

mod export;
mod input;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::LazyLock;

use clap::builder::PossibleValue;
use clap::{Parser, Subcommand, ValueEnum};
use xxgk::AnnualReport;
use xxgk::render::{BlankMark, Layout, Renderer};
use xxgk::validate::{Finding, listing, validate, validate_years};

use crate::input::{Input, collect, read_report};

/// Reads government information-disclosure annual reports (政府信息公开工作年度报告):
/// text in any encoding, HTML pages, Word .docx.
#[derive(Parser)]
#[command(name = "xxgk", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parses reports and prints what was read.
    Parse {
        /// summary: what was found; json: the whole report (one file: pretty,
        /// several: one object per line); cells: `key<TAB>value` lines (with
        /// several files each line starts with the file and a tab).
        #[arg(long, short, value_enum, default_value_t = ParseFormat::Summary)]
        format: ParseFormat,
        /// Report files and folders (read recursively); `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Checks reports against the template's consistency rules.
    Validate {
        /// text for people, json for programs (an array of {file, findings}).
        #[arg(long, short, value_enum, default_value_t = ValidateFormat::Text)]
        format: ValidateFormat,
        /// Also compares two reports of one organ as last year's and this year's.
        #[arg(long, num_args = 2, value_names = ["LAST", "THIS"])]
        years: Option<Vec<PathBuf>>,
        /// Report files and folders (read recursively); `-` reads standard input.
        #[arg(value_name = "FILE", required_unless_present = "years")]
        files: Vec<PathBuf>,
    },
    /// Exports the figures of many reports: files and folders (recursively).
    Export(export::ExportArgs),
    /// Writes a report's figures back out as report text in one of the layouts.
    Render {
        /// The layout: the renderer's text layouts, HTML, and the layouts
        /// tools print from the HTML page (`boxed`, `pandoc-gfm`,
        /// `pandoc-plain`, `ocr-markdown`, `one-line`, `crawler-one-line`,
        /// `run-together`).
        #[arg(long, short, value_enum, default_value_t = RenderLayout(Layout::TabRows))]
        layout: RenderLayout,
        /// The report file; `-` reads standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ParseFormat {
    Summary,
    Json,
    Cells,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ValidateFormat {
    Text,
    Json,
}

/// `--layout`: every layout of the library, by its [`Layout::name`].
#[derive(Clone, Copy)]
struct RenderLayout(Layout);

impl ValueEnum for RenderLayout {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: LazyLock<Vec<RenderLayout>> =
            LazyLock::new(|| Layout::ALL.into_iter().map(RenderLayout).collect());
        ALL.as_slice()
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.name()))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse { format, files } => parse(format, &files),
        Command::Validate {
            format,
            years,
            files,
        } => validate_files(format, years, files),
        Command::Export(args) => export::run(args),
        Command::Render { layout, file } => render(layout, &file),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xxgk: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `xxgk parse`.
fn parse(format: ParseFormat, files: &[PathBuf]) -> std::io::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let inputs = collect(files);
    let many = inputs.len() > 1;
    let mut refused = false;
    for input in &inputs {
        let report = match read_report(input) {
            Ok((_, report)) => report,
            Err(e) => {
                eprintln!("{}: {e:#}", input.name());
                refused = true;
                continue;
            }
        };
        match format {
            ParseFormat::Json if many => {
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            }
            ParseFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            }
            ParseFormat::Cells => {
                let prefix = if many {
                    format!("{}\t", input.name())
                } else {
                    String::new()
                };
                for (key, value) in cell_lines(&report) {
                    writeln!(out, "{prefix}{key}\t{value}")?;
                }
            }
            ParseFormat::Summary => summary(&mut out, &input.name(), &report)?,
        }
    }
    out.flush()?;
    Ok(exit(refused))
}

fn exit(refused: bool) -> ExitCode {
    if refused {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The `cells` lines: `report.edition`, `report.year`, `report.organ`, then
/// every cell of the edition (a blank as an empty value).
fn cell_lines(report: &AnnualReport) -> impl Iterator<Item = (String, String)> + '_ {
    let meta = [
        ("report.edition".to_string(), report.edition.to_string()),
        (
            "report.year".to_string(),
            report.year.map(|y| y.to_string()).unwrap_or_default(),
        ),
        (
            "report.organ".to_string(),
            report.organ.clone().unwrap_or_default(),
        ),
    ];
    meta.into_iter().chain(
        report
            .cells()
            .map(|(key, value)| (key.to_string(), value.to_string())),
    )
}

fn summary(out: &mut impl Write, name: &str, report: &AnnualReport) -> std::io::Result<()> {
    writeln!(out, "{name}")?;
    write!(out, "{}", report.summary())
}

/// The findings of one file, or of a pair of files.
#[derive(serde::Serialize)]
struct Findings {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    this: Option<String>,
    findings: Vec<Finding>,
}

/// `xxgk validate`.
fn validate_files(
    format: ValidateFormat,
    years: Option<Vec<PathBuf>>,
    mut files: Vec<PathBuf>,
) -> std::io::Result<ExitCode> {
    if let Some(pair) = &years {
        for file in pair {
            if !files.contains(file) {
                files.push(file.clone());
            }
        }
    }
    let mut refused = false;
    let mut reports: Vec<(PathBuf, String, AnnualReport)> = Vec::new();
    for input in collect(&files) {
        let path = match &input {
            Input::File(path) => path.clone(),
            Input::Stdin => PathBuf::from("-"),
        };
        match read_report(&input) {
            Ok((_, report)) => reports.push((path, input.name(), report)),
            Err(e) => {
                eprintln!("{}: {e:#}", input.name());
                refused = true;
            }
        }
    }
    let mut outputs: Vec<(String, Findings)> = reports
        .iter()
        .map(|(_, name, report)| {
            let findings = Findings {
                file: Some(name.clone()),
                last: None,
                this: None,
                findings: validate(report),
            };
            (name.clone(), findings)
        })
        .collect();
    if let Some([last, this]) = years.as_deref() {
        let find = |p: &PathBuf| reports.iter().find(|(q, _, _)| q == p);
        if let (Some((_, a, ra)), Some((_, b, rb))) = (find(last), find(this)) {
            let findings = Findings {
                file: None,
                last: Some(a.clone()),
                this: Some(b.clone()),
                findings: validate_years(ra, rb),
            };
            outputs.push((format!("{a} → {b} (years)"), findings));
        }
    }
    let errors = outputs
        .iter()
        .any(|(_, o)| o.findings.iter().any(Finding::is_error));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        ValidateFormat::Json => {
            let all: Vec<&Findings> = outputs.iter().map(|(_, o)| o).collect();
            serde_json::to_writer_pretty(&mut out, &all)?;
            writeln!(out)?;
        }
        ValidateFormat::Text => {
            for (title, o) in &outputs {
                write!(out, "{}", listing(title, &o.findings))?;
            }
        }
    }
    out.flush()?;
    Ok(exit(refused || errors))
}

/// `xxgk render`.
fn render(layout: RenderLayout, file: &std::path::Path) -> std::io::Result<ExitCode> {
    let input = Input::from_arg(file);
    let report = match read_report(&input) {
        Ok((_, report)) => report,
        Err(e) => {
            eprintln!("{}: {e:#}", input.name());
            return Ok(ExitCode::FAILURE);
        }
    };
    let text = Renderer::new(layout.0)
        .blank(BlankMark::Empty)
        .render(&report);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
