//! Small realistic damage to the text of any fixture, and the check that it
//! gives no wrong figure. Shared by `tests/damage.rs` and
//! `examples/damage.rs` (the full sweep).
//!
//! Every edit is one a careful reader would read as the truth or as blank:
//! it deletes (a figure with its separator, a line), runs two figures
//! together where a tab, space or pipe separates them, or inserts what a
//! reader skips (an empty line, a page footer `— 3 —`, a form feed, a second
//! blank line). None changes what a figure says, so any figure the parser
//! gives that differs from the undamaged truth is wrong.

#![allow(dead_code)] // each user takes the part it needs

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use xxgk::{AnnualReport, Decimal};

/// A text fixture with its truth: every `X.txt` or `X.md` beside an
/// `X.truth.json`.
pub struct Fixture {
    /// The text file.
    pub path: PathBuf,
    /// Its text, decoded (the GB18030 fixtures from GB18030).
    pub text: String,
    /// What the undamaged text says.
    pub truth: Truth,
}

impl Fixture {
    /// The path below `tests/fixtures/`, e.g. `tools/w3m/w2021_tabs.txt`.
    pub fn name(&self) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        self.path
            .strip_prefix(&root)
            .unwrap_or(&self.path)
            .display()
            .to_string()
    }
}

/// The figures of a truth file in the tidy export's form: the keys
/// `report.edition`, `report.year`, `report.organ` and every cell key, the
/// values as [`normalized`] strings (a blank as the empty string).
pub struct Truth(pub BTreeMap<String, String>);

impl Truth {
    /// Reads `X.truth.json`.
    pub fn read(path: &Path) -> Truth {
        let json: Json = serde_json::from_str(
            &std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = |v: &Json| match v {
            Json::Null => String::new(),
            Json::Number(n) => normalized(&n.to_string()),
            Json::String(s) => normalized(s),
            other => panic!("{}: {other}", path.display()),
        };
        let mut map = BTreeMap::new();
        for key in ["edition", "year", "organ"] {
            if let Some(v) = json.get(key) {
                map.insert(format!("report.{key}"), text(v));
            }
        }
        for (key, v) in json["cells"].as_object().expect("cells") {
            map.insert(key.clone(), text(v));
        }
        Truth(map)
    }
}

/// A figure as the export prints it: decimals reduced (`25.10` → `25.1`),
/// other text trimmed.
pub fn normalized(value: &str) -> String {
    let value = value.trim();
    value
        .parse::<Decimal>()
        .map_or_else(|_| value.to_string(), |d| d.to_string())
}

/// Every text fixture of every folder under `tests/fixtures/` (and
/// `tests/fixtures/tools/`), sorted by path.
pub fn fixtures() -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut dirs = vec![root.clone()];
    let mut out = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let Some(stem) = path.to_str().and_then(|p| p.strip_suffix(".truth.json")) else {
                continue;
            };
            for ext in ["txt", "md"] {
                let source = PathBuf::from(format!("{stem}.{ext}"));
                if let Ok(bytes) = std::fs::read(&source) {
                    out.push(Fixture {
                        text: decode(&bytes),
                        truth: Truth::read(&path),
                        path: source,
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// UTF-8 as it is, anything else as GB18030 (the only other encoding of the
/// text fixtures).
fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// The kinds of damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// One figure deleted with the separator before it (after it, for the
    /// first thing on a line), where that separator is one a reader sees: a
    /// tab or a pipe (with any spaces), or one space. Where it is a run of
    /// several spaces, the figure's characters become spaces and the rest of
    /// the line stays where it was: in text whose columns are aligned by
    /// spaces, deleting the run too moves every figure after it left by the
    /// run and the figure, which under evenly spaced columns puts the next
    /// figure under the deleted one's column (`3      3      17` →
    /// `3      17`, the 17 under the second column), a text that truly says
    /// so and that no reader can tell from an undamaged row with a blank
    /// last cell.
    DeleteFigure,
    /// One whole line holding a figure deleted.
    DeleteLine,
    /// One whole line of words without a figure deleted (a row label, a
    /// header line); not a line of markup (`<td …`), whose loss changes the
    /// markup rather than the text.
    DeleteLabelLine,
    /// Two figures next to each other run into one, where a separator a
    /// reader sees stands between them: a tab or one pipe (with any spaces),
    /// or one space. A run of several spaces is left alone: in text whose
    /// columns are aligned by spaces, `32      57` run into `3257` is a text
    /// that truly says `3257` under the first column and nothing under the
    /// second, which no reader can tell from the undamaged truth.
    RunTogether,
    /// An empty line inserted between two lines, one of them with a figure.
    InsertEmptyLine,
    /// A page footer line `— 3 —` inserted there.
    InsertFooter,
    /// A page footer and a form feed (as pdftotext writes a page break)
    /// inserted there.
    InsertPageBreak,
    /// A blank line doubled.
    DuplicateBlankLine,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 8] = [
        Kind::DeleteFigure,
        Kind::DeleteLine,
        Kind::DeleteLabelLine,
        Kind::RunTogether,
        Kind::InsertEmptyLine,
        Kind::InsertFooter,
        Kind::InsertPageBreak,
        Kind::DuplicateBlankLine,
    ];
}

/// One damaged text.
pub struct Damage {
    /// What was done.
    pub kind: Kind,
    /// The line (1-based) of the undamaged text it was done on.
    pub line: usize,
    /// What was deleted, joined or inserted, for the report of a failure.
    pub what: String,
    /// The damaged text.
    pub text: String,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} line {} {:?}", self.kind, self.line, self.what)
    }
}

/// Characters that separate the cells of a table line: white space (tab,
/// space, no-break and ideographic space), pipes and box-drawing lines.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || is_hard_separator(c)
}

/// Separators that stand for one cell boundary each (a run of spaces is one
/// boundary however long).
fn is_hard_separator(c: char) -> bool {
    matches!(c, '\t' | '|' | '｜' | '\u{2500}'..='\u{257f}')
}

/// `12`, `-3`, `0.5`, `１２` (ASCII or full-width digits).
fn is_figure(token: &str) -> bool {
    let body = token.strip_prefix('-').unwrap_or(token);
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    !int.is_empty()
        && int.chars().all(digit)
        && frac.chars().all(digit)
        && (frac.is_empty() != body.contains('.'))
}

/// The byte ranges of the figures of a line: whole tokens between
/// separators (or the line's ends).
fn figures(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (start, is_separator(c)) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                if is_figure(&line[s..i]) {
                    out.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The line with the figure `s..e` deleted with its separator: the
/// separator run before it, from its last hard separator on (the run after
/// it, up to its first hard separator, when the figure starts the line).
/// Where that run is several spaces and no hard separator, the figure's
/// characters become spaces instead, the rest of the line kept in place (see
/// [`Kind::DeleteFigure`]). `None` when the figure is all the line holds
/// (deleting it is deleting the line).
fn delete_figure(line: &str, (s, e): (usize, usize)) -> Option<String> {
    if line[..s].trim().is_empty() && line[e..].trim().is_empty() {
        return None;
    }
    let before = &line[..s];
    let run_start = before.trim_end_matches(is_separator).len();
    let run = if run_start > 0 {
        &before[run_start..]
    } else {
        let after = &line[e..];
        &after[..after.len() - after.trim_start_matches(is_separator).len()]
    };
    if run.chars().count() > 1 && !run.chars().any(is_hard_separator) {
        let blank = " ".repeat(line[s..e].chars().count());
        return Some(format!("{}{blank}{}", &line[..s], &line[e..]));
    }
    if run_start > 0 {
        let run = &before[run_start..];
        let from = run
            .char_indices()
            .filter(|&(_, c)| is_hard_separator(c))
            .map(|(i, _)| run_start + i)
            .next_back()
            .unwrap_or(run_start);
        return Some(format!("{}{}", &line[..from], &line[e..]));
    }
    let after = &line[e..];
    let run = &after[..after.len() - after.trim_start_matches(is_separator).len()];
    let to = run
        .char_indices()
        .find(|&(_, c)| is_hard_separator(c))
        .map_or(run.len(), |(i, c)| i + c.len_utf8());
    Some(format!("{}{}", &line[..s], &after[to..]))
}

/// The lines of a text with their line ends (`\n`, kept with `\r`).
fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// Every damage of the kinds in `kinds` to `text`, in order of kind and
/// line: exhaustive and deterministic.
pub fn damages(text: &str, kinds: &[Kind]) -> Vec<Damage> {
    let lines = lines(text);
    let body = |l: &str| l.trim_end_matches(['\n', '\r']).to_string();
    let with = |i: usize, replacement: &str| {
        let mut out = String::with_capacity(text.len() + 16);
        for (j, l) in lines.iter().enumerate() {
            if j == i {
                out.push_str(replacement);
            } else {
                out.push_str(l);
            }
        }
        out
    };
    let has_figure: Vec<bool> = lines.iter().map(|l| !figures(l).is_empty()).collect();
    let blank: Vec<bool> = lines.iter().map(|l| l.trim().is_empty()).collect();
    let words = |l: &str| {
        !l.trim_start().starts_with('<')
            && l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    };
    let ending = |l: &str| {
        if l.ends_with("\r\n") { "\r\n" } else { "\n" }
    };
    let mut out = Vec::new();
    for &kind in kinds {
        for (i, line) in lines.iter().enumerate() {
            let damage = |what: String, text: String| Damage {
                kind,
                line: i + 1,
                what,
                text,
            };
            let end = &line[line.trim_end_matches(['\n', '\r']).len()..];
            let content = &line[..line.len() - end.len()];
            match kind {
                Kind::DeleteFigure => {
                    for range in figures(content) {
                        if let Some(edited) = delete_figure(content, range) {
                            out.push(damage(
                                content[range.0..range.1].to_string(),
                                with(i, &format!("{edited}{end}")),
                            ));
                        }
                    }
                }
                Kind::DeleteLine if has_figure[i] => out.push(damage(body(line), with(i, ""))),
                Kind::DeleteLabelLine if !has_figure[i] && words(line) => {
                    out.push(damage(body(line), with(i, "")));
                }
                Kind::RunTogether => {
                    for pair in figures(content).windows(2) {
                        let gap = &content[pair[0].1..pair[1].0];
                        let hard = gap.chars().filter(|&c| is_hard_separator(c)).count();
                        let plain = gap
                            .chars()
                            .all(|c| c == '\t' || c == '|' || c.is_whitespace());
                        let one_space = gap.chars().count() == 1 && !gap.contains('\n');
                        if plain && (hard == 1 || (hard == 0 && one_space)) {
                            let edited = format!(
                                "{}{}{}",
                                &content[..pair[0].1],
                                &content[pair[1].0..],
                                end
                            );
                            out.push(damage(
                                format!(
                                    "{}{gap}{}",
                                    &content[pair[0].0..pair[0].1],
                                    &content[pair[1].0..pair[1].1]
                                ),
                                with(i, &edited),
                            ));
                        }
                    }
                }
                Kind::InsertEmptyLine | Kind::InsertFooter | Kind::InsertPageBreak => {
                    if i + 1 == lines.len()
                        || blank[i]
                        || blank[i + 1]
                        || !(has_figure[i] || has_figure[i + 1])
                    {
                        continue;
                    }
                    let nl = ending(line);
                    let (what, inserted) = match kind {
                        Kind::InsertEmptyLine => ("", nl.to_string()),
                        Kind::InsertFooter => ("— 3 —", format!("— 3 —{nl}")),
                        _ => ("— 3 —\\f", format!("{nl}— 3 —{nl}\u{c}")),
                    };
                    out.push(damage(
                        what.to_string(),
                        with(i, &format!("{line}{inserted}")),
                    ));
                }
                Kind::DuplicateBlankLine if blank[i] && line.ends_with('\n') => {
                    out.push(damage(String::new(), with(i, &format!("{line}{line}"))));
                }
                _ => {}
            }
        }
    }
    out
}

/// A figure the parser gave that differs from the truth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrong {
    /// The cell key, or `report.edition`, `report.year`, `report.organ`.
    pub key: String,
    /// What the parser gave.
    pub got: String,
    /// What the truth says (empty: blank).
    pub want: String,
}

impl fmt::Display for Wrong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {:?}, truth {:?}", self.key, self.got, self.want)
    }
}

/// The figures of `got` (key, value; a blank as the empty string) that
/// differ from the truth. A blank is always allowed; a key the truth does
/// not have is wrong (a cell of another edition).
pub fn wrong<K: ToString, V: ToString>(
    got: impl IntoIterator<Item = (K, V)>,
    truth: &Truth,
) -> Vec<Wrong> {
    let mut out = Vec::new();
    for (key, value) in got {
        let (key, got) = (key.to_string(), normalized(&value.to_string()));
        if got.is_empty() {
            continue;
        }
        let want = match truth.0.get(&key) {
            Some(want) => want.clone(),
            // the truth says nothing of it (a truth without an organ)
            None if key.starts_with("report.") => continue,
            None => String::new(),
        };
        if got != want {
            out.push(Wrong { key, got, want });
        }
    }
    out
}

/// A parsed report's figures in the tidy export's form, with its edition,
/// year and organ.
pub fn exported(report: &AnnualReport) -> Vec<(String, String)> {
    let mut out = vec![
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
    out.extend(report.cells().map(|(k, v)| (k.to_string(), v.to_string())));
    out
}

/// The outcome of parsing one damaged text.
pub enum Outcome {
    /// It parsed; these figures are wrong (none: it passed).
    Parsed(Vec<Wrong>),
    /// The parser refused it with a typed error.
    Refused(String),
}

/// Parses a damaged text in-process and checks it against the truth. A
/// panic propagates.
pub fn check(text: &str, truth: &Truth) -> Outcome {
    match xxgk::parse(text) {
        Ok(report) => Outcome::Parsed(wrong(exported(&report), truth)),
        Err(e) => Outcome::Refused(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_run_together_across_a_separator_a_reader_sees() {
        let joined = |line: &str| {
            damages(line, &[Kind::RunTogether])
                .into_iter()
                .map(|d| d.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(joined("row 1 2"), ["row 12"]);
        assert_eq!(joined("row\t1\t2"), ["row\t12"]);
        assert_eq!(joined("| row | 1 | 2 |"), ["| row | 12 |"]);
        // aligned by a run of spaces: `12` would truly sit under one column
        assert!(joined("row     1     2").is_empty());
    }

    #[test]
    fn a_figure_is_deleted_with_one_separator() {
        let del = |line: &str, nth: usize| delete_figure(line, figures(line)[nth]);
        assert_eq!(del("label\t3\t5\t7", 1).unwrap(), "label\t3\t7");
        assert_eq!(del("label\t3\t\t7", 0).unwrap(), "label\t\t7");
        assert_eq!(del("| a | 3 | 5 |", 1).unwrap(), "| a | 3  |");
        assert_eq!(del("| a | 3 | 5 |", 0).unwrap(), "| a  | 5 |");
        // aligned by runs of spaces: the figures after it keep their place
        assert_eq!(del("a     3     5", 0).unwrap(), "a           5");
        assert_eq!(del("a     3     5", 1).unwrap(), "a     3      ");
        assert_eq!(del("12   3\t4", 0).unwrap(), "     3\t4");
        assert_eq!(del("a 3 5", 0).unwrap(), "a 5");
        assert_eq!(del("3\t5", 0).unwrap(), "5");
        assert_eq!(del("│3  │5  │", 0).unwrap(), "│5  │");
        assert_eq!(del("  12  ", 0), None);
    }

    #[test]
    fn figures_are_whole_tokens() {
        let line = "1.本机关不掌握 12 -3 0.5 2021年 １２ 1. 7|8";
        let found: Vec<&str> = figures(line).iter().map(|&(s, e)| &line[s..e]).collect();
        assert_eq!(found, ["12", "-3", "0.5", "１２", "7", "8"]);
    }

    #[test]
    fn every_kind_is_made_where_it_can_be() {
        let text = "标题\n\nrow\t1\t2\nnext\t3\t\t4\n";
        let all = damages(text, &Kind::ALL);
        let count = |k: Kind| all.iter().filter(|d| d.kind == k).count();
        assert_eq!(count(Kind::DeleteFigure), 4);
        assert_eq!(count(Kind::DeleteLine), 2);
        assert_eq!(count(Kind::DeleteLabelLine), 1);
        // `3\t\t4` has an empty cell between: not next to each other
        assert_eq!(count(Kind::RunTogether), 1);
        assert_eq!(count(Kind::InsertFooter), 1);
        assert_eq!(count(Kind::DuplicateBlankLine), 1);
        let joined = all.iter().find(|d| d.kind == Kind::RunTogether).unwrap();
        assert_eq!(joined.text, "标题\n\nrow\t12\nnext\t3\t\t4\n");
        let page = all
            .iter()
            .find(|d| d.kind == Kind::InsertPageBreak)
            .unwrap();
        assert_eq!(page.text, "标题\n\nrow\t1\t2\n\n— 3 —\n\u{c}next\t3\t\t4\n");
    }

    #[test]
    fn a_blank_is_allowed_and_a_difference_is_wrong() {
        let truth = Truth(BTreeMap::from([
            ("a".to_string(), "5".to_string()),
            ("b".to_string(), String::new()),
        ]));
        assert!(wrong([("a", "5.0"), ("b", "")], &truth).is_empty());
        assert!(wrong([("a", ""), ("report.organ", "x")], &truth).is_empty());
        assert_eq!(wrong([("a", "6"), ("b", "1")], &truth).len(), 2);
    }
}
