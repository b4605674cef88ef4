//! The program behind README's instruction counts: it runs one kind of work
//! over the report files of some folders a given number of rounds, so that
//! `valgrind --tool=callgrind` can count the instructions of a round (run it
//! with two round counts and take the difference, so that reading the files
//! and starting the program do not count).
//!
//! ```text
//! cargo build --release --example instructions
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions parse 1 tests/fixtures/seeds tests/fixtures/written
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/instructions parse 10 tests/fixtures/seeds tests/fixtures/written
//! ```
//!
//! `MODE` is one of
//!
//! - `parse`: [`xxgk::parse`] of each file's text (a `.txt` or `.md` file as
//!   it is; any other file as [`xxgk::Document::from_bytes`] reads it);
//! - `from_utf8`: [`str::from_utf8`] over the same texts, the reference the
//!   figures are stated against;
//! - `bytes`: [`xxgk::parse_bytes`] of each file's bytes (the front ends).
//!
//! Every file of each folder is used but the truth files (`.json`), READMEs
//! (`.md` files named `README.md`) and scripts (`.py`). The program prints the
//! number of files and bytes (of text, or of file for `bytes`) on standard
//! error.

use std::hint::black_box;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(rounds)) = (args.first(), args.get(1)) else {
        eprintln!("usage: instructions (parse|from_utf8|bytes) ROUNDS DIR...");
        return ExitCode::from(2);
    };
    let Ok(rounds) = rounds.parse::<usize>() else {
        eprintln!("instructions: ROUNDS must be a whole number, not {rounds:?}");
        return ExitCode::from(2);
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in &args[2..] {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                eprintln!("instructions: {dir}: {e}");
                return ExitCode::from(2);
            }
        };
        let mut here: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                p.is_file()
                    && !name.ends_with(".json")
                    && !name.ends_with(".py")
                    && name != "README.md"
            })
            .collect();
        here.sort();
        files.extend(here);
    }
    let mut bytes = Vec::new();
    for p in &files {
        match std::fs::read(p) {
            Ok(b) => bytes.push(b),
            Err(e) => {
                eprintln!("instructions: {}: {e}", p.display());
                return ExitCode::from(2);
            }
        }
    }
    let mut texts = Vec::new();
    for (p, b) in files.iter().zip(&bytes) {
        let plain = matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md"));
        let text = if plain {
            String::from_utf8(b.clone()).ok()
        } else {
            xxgk::Document::from_bytes(b)
                .ok()
                .map(|d| d.text().to_string())
        };
        match text {
            Some(t) => texts.push(t),
            None => {
                eprintln!("instructions: {}: not readable as text", p.display());
                return ExitCode::from(2);
            }
        }
    }
    let total: usize = match mode.as_str() {
        "bytes" => bytes.iter().map(Vec::len).sum(),
        _ => texts.iter().map(String::len).sum(),
    };
    eprintln!("{} files, {total} bytes", files.len());
    for _ in 0..rounds {
        match mode.as_str() {
            "parse" => {
                for t in &texts {
                    black_box(xxgk::parse(black_box(t)).ok());
                }
            }
            "from_utf8" => {
                for t in &texts {
                    black_box(std::str::from_utf8(black_box(t.as_bytes())).is_ok());
                }
            }
            "bytes" => {
                for b in &bytes {
                    black_box(xxgk::parse_bytes(black_box(b)).ok());
                }
            }
            other => {
                eprintln!("instructions: unknown MODE {other:?} (parse, from_utf8 or bytes)");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
