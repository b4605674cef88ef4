//! Parses a report and writes it back out in one of the renderer's layouts.
//!
//! ```text
//! cargo run --release --example render -- [--layout LAYOUT] [--blank KEY]... FILE
//! ```
//!
//! LAYOUT is one of `word-cells`, `web-cells`, `tab-rows`, `pipe-rows`,
//! `markdown`, `pipe-cells`, `html` (the default), `boxed`, `pandoc-gfm`,
//! `pandoc-plain`, `ocr-markdown`, `one-line`, `crawler-one-line`,
//! `run-together` (see [`xxgk::render::Layout`]). FILE may be anything
//! [`xxgk::parse_bytes`] reads. Each `--blank KEY` (a cell key of `CELLS.md`)
//! empties that cell before the report is written, for reports with blank
//! cells in known places. The rendered report goes to stdout; a file that
//! cannot be read or parsed, or an unknown key, is reported on stderr with exit
//! status 1.
//!
//! `tools/make_tool_fixtures.py` uses it to give the text tools HTML pages of
//! reports whose figures are known.

use std::io::Write;
use std::process::ExitCode;

use xxgk::render::{Layout, render};
use xxgk::{CellKey, Value};

fn usage() -> ExitCode {
    let names: Vec<String> = Layout::ALL.iter().map(|l| l.to_string()).collect();
    eprintln!(
        "usage: render [--layout {}] [--blank KEY]... FILE",
        names.join("|")
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut layout = Layout::Html;
    let mut file = None;
    let mut blanks = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--layout" | "-l" => {
                let Some(name) = args.next() else {
                    return usage();
                };
                match Layout::ALL.iter().find(|l| l.to_string() == name) {
                    Some(l) => layout = *l,
                    None => return usage(),
                }
            }
            "--blank" => match args.next().map(|k| k.parse::<CellKey>()) {
                Some(Ok(key)) => blanks.push(key),
                Some(Err(e)) => {
                    eprintln!("--blank: {e}");
                    return ExitCode::FAILURE;
                }
                None => return usage(),
            },
            _ if arg.starts_with('-') => return usage(),
            _ if file.is_none() => file = Some(arg),
            _ => return usage(),
        }
    }
    let Some(file) = file else {
        return usage();
    };
    let bytes = match std::fs::read(&file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::FAILURE;
        }
    };
    match xxgk::parse_bytes(&bytes) {
        Ok(mut report) => {
            for key in &blanks {
                if !report.set(*key, Value::Blank) {
                    eprintln!("--blank {key}: not a cell of the report's edition");
                    return ExitCode::FAILURE;
                }
            }
            let text = render(&report, layout);
            if std::io::stdout().lock().write_all(text.as_bytes()).is_err() {
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::FAILURE
        }
    }
}
