//! `xxgk export`: the figures of many reports as CSV or JSON Lines.
//!
//! Files are read and parsed on `--jobs` threads (`std::thread::scope`),
//! each taking the next file from an atomic index, so that results come
//! back nearly in input order; the main thread writes them in input order,
//! keeping only the few that arrive early. Each worker formats its own
//! report's rows, so that writing is the only serial part.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use clap::{Args, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use xxgk::validate::{Finding, validate};
use xxgk::{AnnualReport, CellKey, Edition, Value};

use crate::input::{Input, Refusal, collect, read_report};

/// The arguments of `xxgk export`.
#[derive(Args)]
pub(crate) struct ExportArgs {
    /// csv: one row per figure (file, organ, year, edition, key, value, unit);
    /// csv-wide: one row per report, one column per key; jsonl: one JSON
    /// object per line per report (schema/export.schema.json).
    #[arg(long, short, value_enum, default_value_t = ExportFormat::Csv)]
    format: ExportFormat,
    /// Where to write (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// How many files to read at once (default: the number of cores).
    #[arg(long, short, value_name = "N")]
    jobs: Option<NonZeroUsize>,
    /// Report files and folders (read recursively; names starting with a
    /// dot are left out); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    Csv,
    CsvWide,
    Jsonl,
}

/// What became of one input.
enum Outcome {
    /// Read: its formatted output, and whether validation found errors.
    Read { output: Vec<u8>, errors: bool },
    /// Refused, with why.
    Refused(Refusal),
}

/// The columns of `csv-wide`: every key of the 2019 edition, then the keys
/// only the 2021 edition has, each in key-table order.
fn wide_keys() -> Vec<CellKey> {
    let mut keys: Vec<CellKey> = CellKey::all(Edition::E2019).collect();
    for key in CellKey::all(Edition::E2021) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

const META: [&str; 4] = ["file", "organ", "year", "edition"];

/// The header of a CSV format, `None` for JSON Lines.
fn header(format: ExportFormat, keys: &[CellKey]) -> Option<Vec<String>> {
    let meta = META.iter().map(|s| s.to_string());
    match format {
        ExportFormat::Csv => Some(
            meta.chain(["key", "value", "unit"].map(String::from))
                .collect(),
        ),
        ExportFormat::CsvWide => Some(meta.chain(keys.iter().map(|k| k.to_string())).collect()),
        ExportFormat::Jsonl => None,
    }
}

/// The unit column of a figure: `万元` for an amount whose unit is known,
/// empty otherwise (counts, changes, blanks and the 2019 edition's
/// 采购总金额 written without a unit).
fn unit(value: Value) -> &'static str {
    match value {
        Value::Amount(a) if a.unit != xxgk::AmountUnit::Unstated => "万元",
        _ => "",
    }
}

/// One line of `jsonl` (schema/export.schema.json).
#[derive(Serialize)]
struct JsonLine<'a> {
    file: &'a str,
    title: Option<&'a str>,
    organ: Option<&'a str>,
    year: Option<u16>,
    edition: Edition,
    cells: xxgk::Figures,
    findings: &'a [Finding],
}

/// The output of one report.
fn format_report(
    format: ExportFormat,
    keys: &[CellKey],
    name: &str,
    report: &AnnualReport,
    findings: &[Finding],
) -> Vec<u8> {
    let year = report.year.map(|y| y.to_string()).unwrap_or_default();
    let organ = report.organ.as_deref().unwrap_or("");
    let edition = report.edition.to_string();
    let meta = [name, organ, year.as_str(), edition.as_str()];
    let csv = || {
        csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new())
    };
    // writing to a Vec cannot fail
    match format {
        ExportFormat::Csv => {
            let mut w = csv();
            for (key, value) in report.cells() {
                let (key, shown) = (key.to_string(), value.to_string());
                let mut row = meta.to_vec();
                row.extend([key.as_str(), shown.as_str(), unit(value)]);
                w.write_record(&row).expect("writes to memory");
            }
            w.into_inner().expect("writes to memory")
        }
        ExportFormat::CsvWide => {
            let mut w = csv();
            let values: Vec<String> = keys.iter().map(|&k| report.value(k).to_string()).collect();
            let row = meta
                .iter()
                .copied()
                .chain(values.iter().map(String::as_str));
            w.write_record(row).expect("writes to memory");
            w.into_inner().expect("writes to memory")
        }
        ExportFormat::Jsonl => {
            let line = JsonLine {
                file: name,
                title: report.title.as_deref(),
                organ: report.organ.as_deref(),
                year: report.year,
                edition: report.edition,
                cells: report.figures(),
                findings,
            };
            let mut out = serde_json::to_vec(&line).expect("serializes");
            out.push(b'\n');
            out
        }
    }
}

fn process(format: ExportFormat, keys: &[CellKey], input: &Input) -> Outcome {
    match read_report(input) {
        Ok((_, report)) => {
            let findings = validate(&report);
            Outcome::Read {
                output: format_report(format, keys, &input.name(), &report, &findings),
                errors: findings.iter().any(Finding::is_error),
            }
        }
        Err(refusal) => Outcome::Refused(refusal),
    }
}

fn progress_bar(total: usize) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(total as u64), target);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} files  {rate}  {eta} left")
            .expect("a valid template")
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} files/s", state.per_sec());
                },
            ),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Runs `xxgk export`.
pub(crate) fn run(args: ExportArgs) -> std::io::Result<ExitCode> {
    let mut inputs = collect(&args.paths);
    // the output of an earlier run in a folder being read is no report
    if let Some(out) = args.output.as_ref().and_then(|p| p.canonicalize().ok()) {
        inputs.retain(|i| match i {
            Input::File(p) => p.canonicalize().ok().as_ref() != Some(&out),
            Input::Stdin => true,
        });
    }
    let keys = wide_keys();
    let jobs = args
        .jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
        .min(inputs.len().max(1));
    let mut out: BufWriter<Box<dyn Write>> = BufWriter::new(match &args.output {
        Some(path) => match File::create(path) {
            Ok(file) => Box::new(file),
            Err(e) => {
                // a bad argument: nothing was read
                eprintln!(
                    "xxgk export: cannot create --output {}: {e}",
                    path.display()
                );
                return Ok(ExitCode::from(2));
            }
        },
        None => Box::new(std::io::stdout().lock()),
    });
    if let Some(header) = header(args.format, &keys) {
        let mut w = csv::Writer::from_writer(&mut out);
        w.write_record(&header)?;
        w.flush()?;
    }
    let bar = progress_bar(inputs.len());
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Outcome)>(jobs * 4);
    let mut tally = Tally::default();
    let written: std::io::Result<()> = std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, inputs, keys) = (&next, &inputs, &keys);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    if tx.send((i, process(args.format, keys, input))).is_err() {
                        break; // the writer stopped
                    }
                }
            });
        }
        drop(tx);
        // write in input order, holding the results that come early
        let mut early: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut at = 0;
        for (i, outcome) in rx {
            early.insert(i, outcome);
            while let Some(outcome) = early.remove(&at) {
                tally.add(&inputs[at], outcome, &mut out, &bar)?;
                at += 1;
                bar.set_position(at as u64);
            }
        }
        Ok(())
    });
    bar.finish_and_clear();
    written?;
    out.flush()?;
    eprintln!("{}", tally.summary());
    Ok(if tally.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// What the export did.
#[derive(Default)]
struct Tally {
    read: usize,
    with_errors: usize,
    /// How many refusals of each reason.
    refused: HashMap<&'static str, usize>,
}

impl Tally {
    fn add(
        &mut self,
        input: &Input,
        outcome: Outcome,
        out: &mut impl Write,
        bar: &ProgressBar,
    ) -> std::io::Result<()> {
        match outcome {
            Outcome::Read { output, errors } => {
                self.read += 1;
                self.with_errors += usize::from(errors);
                out.write_all(&output)
            }
            Outcome::Refused(refusal) => {
                *self.refused.entry(refusal.reason()).or_default() += 1;
                bar.suspend(|| eprintln!("{}: {refusal}", input.name()));
                Ok(())
            }
        }
    }

    /// `xxgk export: 12 files: 11 reports read, 1 refused (1 unsupported_format); 3 reports with validation errors`.
    fn summary(&self) -> String {
        let refused: usize = self.refused.values().sum();
        let mut reasons: Vec<(&str, usize)> = self.refused.iter().map(|(r, n)| (*r, *n)).collect();
        reasons.sort();
        let reasons: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        let refused_part = if refused == 0 {
            "0 refused".to_string()
        } else {
            format!("{refused} refused ({})", reasons.join(", "))
        };
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("1 {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "xxgk export: {}: {} read, {refused_part}; {} with validation errors",
            plural(self.read + refused, "file"),
            plural(self.read, "report"),
            plural(self.with_errors, "report")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_columns_are_every_key_of_both_editions_once() {
        let keys = wide_keys();
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), keys.len());
        for edition in Edition::ALL {
            assert!(CellKey::all(edition).all(|k| keys.contains(&k)));
        }
        let wide = header(ExportFormat::CsvWide, &keys).unwrap();
        assert_eq!(wide.len(), 4 + keys.len());
        assert!(header(ExportFormat::Jsonl, &keys).is_none());
    }

    #[test]
    fn units_only_for_amounts_whose_unit_is_known() {
        let amount = |unit| {
            Value::Amount(xxgk::Amount {
                written: "57".parse().unwrap(),
                unit,
            })
        };
        assert_eq!(unit(amount(xxgk::AmountUnit::Yuan)), "万元");
        assert_eq!(unit(amount(xxgk::AmountUnit::Unstated)), "");
        assert_eq!(unit(Value::Count(3)), "");
        assert_eq!(unit(Value::Blank), "");
    }

    #[test]
    fn the_summary_counts_reports_and_refusals_by_reason() {
        let mut tally = Tally::default();
        assert_eq!(
            tally.summary(),
            "xxgk export: 0 files: 0 reports read, 0 refused; 0 reports with validation errors"
        );
        let bar = ProgressBar::hidden();
        let mut out = Vec::new();
        let read = |errors| Outcome::Read {
            output: b"x\n".to_vec(),
            errors,
        };
        let input = Input::Stdin;
        tally.add(&input, read(true), &mut out, &bar).unwrap();
        tally.add(&input, read(false), &mut out, &bar).unwrap();
        let not_a_report = xxgk::parse("天气").unwrap_err();
        tally
            .add(
                &input,
                Outcome::Refused(Refusal::Parse(not_a_report)),
                &mut out,
                &bar,
            )
            .unwrap();
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        tally
            .add(
                &input,
                Outcome::Refused(Refusal::Io(missing)),
                &mut out,
                &bar,
            )
            .unwrap();
        assert_eq!(out, b"x\nx\n");
        assert_eq!(
            tally.summary(),
            "xxgk export: 4 files: 2 reports read, 2 refused (1 not_a_report, 1 unreadable); 1 report with validation errors"
        );
    }
}
