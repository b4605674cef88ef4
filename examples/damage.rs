//! The full damage sweep: every damage of `tests/support/damage.rs` to every
//! text fixture, checked against its truth.
//!
//! ```text
//! cargo run --release --example damage -- [--bin PATH] [--stride N] [--kind KIND]... [FILTER...]
//! ```
//!
//! Without `--bin` it parses in-process (a panic is caught and reported).
//! With `--bin PATH` it writes the damaged texts to a temporary folder and
//! runs `PATH --format cells FILE...` on them (the `report` example of any
//! build), reading its `key<TAB>value` lines. `--stride N` checks every N-th
//! damage of each fixture only; `--kind` keeps the kinds named (as printed,
//! e.g. `DeleteFigure`); a FILTER keeps the fixtures whose path below
//! `tests/fixtures/` contains it. Prints one line per wrong figure,
//! `WRONG<TAB>fixture<TAB>damage<TAB>key<TAB>got<TAB>truth`, one per panic
//! or failed run, then a total per folder. Exit status 1 when any figure is
//! wrong or any run panicked.

use std::collections::BTreeMap;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

#[path = "../tests/support/damage.rs"]
mod damage;

use damage::{Damage, Fixture, Kind, Outcome};

/// How many damaged texts one run of `--bin` reads.
const BATCH: usize = 300;

#[derive(Default)]
struct Tally {
    checked: usize,
    refused: usize,
    failed: usize,
    wrong_texts: usize,
    wrong_figures: usize,
}

struct Args {
    bin: Option<PathBuf>,
    stride: usize,
    kinds: Vec<Kind>,
    filters: Vec<String>,
}

fn args() -> Result<Args, String> {
    let mut out = Args {
        bin: None,
        stride: 1,
        kinds: Vec::new(),
        filters: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bin" => out.bin = Some(args.next().ok_or("--bin needs a path")?.into()),
            "--stride" => {
                out.stride = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--stride needs a number above 0")?;
            }
            "--kind" => {
                let name = args.next().ok_or("--kind needs a kind")?;
                let kind = Kind::ALL
                    .into_iter()
                    .find(|k| format!("{k:?}") == name)
                    .ok_or_else(|| format!("unknown kind {name}: {:?}", Kind::ALL))?;
                out.kinds.push(kind);
            }
            _ if arg.starts_with('-') => return Err(format!("unknown option {arg}")),
            _ => out.filters.push(arg),
        }
    }
    if out.kinds.is_empty() {
        out.kinds = Kind::ALL.to_vec();
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args = match args() {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("damage: {problem}");
            return ExitCode::from(2);
        }
    };
    // panics are counted and printed as one line, not with a backtrace each
    std::panic::set_hook(Box::new(|_| {}));
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for fixture in damage::fixtures() {
        let name = fixture.name();
        if !args.filters.is_empty() && !args.filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let folder = name.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let tally = tallies.entry(folder).or_default();
        let damages: Vec<Damage> = damage::damages(&fixture.text, &args.kinds)
            .into_iter()
            .step_by(args.stride)
            .collect();
        let outcomes = match &args.bin {
            None => in_process(&damages, &fixture),
            Some(bin) => with_binary(bin, &damages, &fixture),
        };
        for (damage, outcome) in damages.iter().zip(outcomes) {
            tally.checked += 1;
            match outcome {
                Ok(Outcome::Parsed(wrong)) if wrong.is_empty() => {}
                Ok(Outcome::Parsed(wrong)) => {
                    tally.wrong_texts += 1;
                    tally.wrong_figures += wrong.len();
                    for w in wrong {
                        let _ = writeln!(
                            out,
                            "WRONG\t{name}\t{damage}\t{}\t{}\t{}",
                            w.key, w.got, w.want
                        );
                    }
                }
                Ok(Outcome::Refused(_)) => tally.refused += 1,
                Err(problem) => {
                    tally.failed += 1;
                    let _ = writeln!(out, "FAILED\t{name}\t{damage}\t{problem}");
                }
            }
        }
        let _ = out.flush();
    }
    let mut bad = false;
    for (folder, t) in &tallies {
        bad |= t.wrong_figures > 0 || t.failed > 0;
        let _ = writeln!(
            out,
            "TOTAL\t{folder}\tdamaged {}\twrong figures {} in {} texts\trefused {}\tfailed {}",
            t.checked, t.wrong_figures, t.wrong_texts, t.refused, t.failed
        );
    }
    if bad {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Each damaged text parsed by the crate itself; a panic is a failure.
fn in_process(damages: &[Damage], fixture: &Fixture) -> Vec<Result<Outcome, String>> {
    damages
        .iter()
        .map(|d| {
            std::panic::catch_unwind(AssertUnwindSafe(|| damage::check(&d.text, &fixture.truth)))
                .map_err(|e| {
                    let message = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    format!("panic: {message}")
                })
        })
        .collect()
}

/// Each damaged text read by `bin --format cells`, in batches; a batch whose
/// run fails is run again one text at a time, so that the failure is pinned
/// on its text.
fn with_binary(bin: &Path, damages: &[Damage], fixture: &Fixture) -> Vec<Result<Outcome, String>> {
    let dir = std::env::temp_dir().join(format!("xxgk-damage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let ext = fixture
        .path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("txt");
    let mut out = Vec::with_capacity(damages.len());
    for (b, batch) in damages.chunks(BATCH).enumerate() {
        let files: Vec<PathBuf> = (0..batch.len())
            .map(|i| dir.join(format!("{b}-{i}.{ext}")))
            .collect();
        for (file, d) in files.iter().zip(batch) {
            std::fs::write(file, &d.text).expect("a temporary file");
        }
        let results: Vec<Result<Outcome, String>> = match run(bin, &files) {
            Ok(cells) => files
                .iter()
                .map(|f| Ok(outcome(cells.get(f), fixture)))
                .collect(),
            Err(_) => files
                .iter()
                .map(|f| {
                    run(bin, std::slice::from_ref(f)).map(|cells| outcome(cells.get(f), fixture))
                })
                .collect(),
        };
        out.extend(results);
        for file in &files {
            let _ = std::fs::remove_file(file);
        }
    }
    let _ = std::fs::remove_dir(&dir);
    out
}

fn outcome(cells: Option<&Vec<(String, String)>>, fixture: &Fixture) -> Outcome {
    match cells {
        Some(cells) => Outcome::Parsed(damage::wrong(cells.iter().cloned(), &fixture.truth)),
        None => Outcome::Refused("no cells printed".to_string()),
    }
}

/// The cells `bin` prints for each file; an error when it is killed or
/// panics (exit status other than 0 or 1, the status of a refused file).
fn run(bin: &Path, files: &[PathBuf]) -> Result<BTreeMap<PathBuf, Vec<(String, String)>>, String> {
    let output = Command::new(bin)
        .args(["--format", "cells"])
        .args(files)
        .output()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    if !matches!(output.status.code(), Some(0 | 1)) {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr
            .lines()
            .find(|l| l.contains("panicked"))
            .unwrap_or("");
        return Err(format!("{}: {last}", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut cells: BTreeMap<PathBuf, Vec<(String, String)>> = BTreeMap::new();
    let mut current = files.first().filter(|_| files.len() == 1).cloned();
    for line in stdout.lines() {
        if let Some(file) = line
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="))
        {
            current = Some(PathBuf::from(file));
        } else if let (Some(file), Some((k, v))) = (&current, line.split_once('\t')) {
            cells
                .entry(file.clone())
                .or_default()
                .push((k.to_string(), v.to_string()));
        }
    }
    Ok(cells)
}
