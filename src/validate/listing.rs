//! The findings as text for a person to read.

use std::fmt;

use super::{Finding, Severity, Status};
use crate::Decimal;

/// How many cell keys a finding lists before it abbreviates.
const CELLS_SHOWN: usize = 8;

/// The findings of one report (or of a pair of years) as text: a line
/// `TITLE: N errors, N warnings, N notices` (or `TITLE: no findings`), then,
/// for each finding, its severity and rule, the cells involved (the first
/// eight, then their count), the expected and actual values where the rule
/// has them, and the message in English and in Chinese, each on an indented
/// line ending with a newline.
///
/// Made by [`listing`]. The wording is for people and may change between
/// releases; programs read the [`Finding`]s or their JSON form.
///
/// ```
/// use xxgk::validate::{listing, validate};
///
/// let report = xxgk::parse(include_str!("../../tests/fixtures/seeds/001_1bf17e5d24045e7c.txt"))?;
/// let findings = validate(&report);
/// let text = listing("001.txt", &findings).to_string();
/// assert!(text.starts_with("001.txt: "));
/// # Ok::<(), xxgk::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Listing<'a> {
    title: &'a str,
    findings: &'a [Finding],
}

/// The findings under a title (a file name, or two for a pair of years) as
/// text: see [`Listing`].
pub fn listing<'a>(title: &'a str, findings: &'a [Finding]) -> Listing<'a> {
    Listing { title, findings }
}

impl fmt::Display for Listing<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let findings = self.findings;
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let plural = |n: usize, word: &str| match n {
            1 => format!("1 {word}"),
            n => format!("{n} {word}s"),
        };
        if findings.is_empty() {
            writeln!(out, "{}: no findings", self.title)?;
        } else {
            writeln!(
                out,
                "{}: {}, {}, {}",
                self.title,
                plural(count(Severity::Error), "error"),
                plural(count(Severity::Warning), "warning"),
                plural(count(Severity::Notice), "notice")
            )?;
        }
        for f in findings {
            let status = if f.status == Status::NotCheckable {
                " (not checkable)"
            } else {
                ""
            };
            writeln!(out, "  {:<7} {}{status}", f.severity.as_str(), f.rule)?;
            if !f.cells.is_empty() {
                write!(out, "          cells: ")?;
                for (i, key) in f.cells.iter().take(CELLS_SHOWN).enumerate() {
                    let comma = if i == 0 { "" } else { ", " };
                    write!(out, "{comma}{key}")?;
                }
                if f.cells.len() > CELLS_SHOWN {
                    write!(out, ", … ({} cells)", f.cells.len())?;
                }
                writeln!(out)?;
            }
            if f.expected.is_some() || f.actual.is_some() {
                let show = |v: Option<Decimal>| v.map_or("-".to_string(), |d| d.to_string());
                writeln!(
                    out,
                    "          expected {}, actual {}",
                    show(f.expected),
                    show(f.actual)
                )?;
            }
            writeln!(out, "          en: {}", f.message_en)?;
            writeln!(out, "          zh: {}", f.message_zh)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::listing;
    use crate::validate::{Finding, Rule, Severity, Status};
    use crate::{CellKey, Decimal, Edition};

    #[test]
    fn no_findings_is_one_line() {
        assert_eq!(listing("a.txt", &[]).to_string(), "a.txt: no findings\n");
    }

    #[test]
    fn many_cells_are_abbreviated_and_counts_take_plurals() {
        let cells: Vec<CellKey> = CellKey::all(Edition::E2021).take(10).collect();
        let finding = Finding {
            rule: Rule::ALL[0],
            severity: Severity::Notice,
            status: Status::NotCheckable,
            cells: cells.clone(),
            expected: Some(Decimal::from_integer(3)),
            actual: None,
            message_zh: "中".into(),
            message_en: "en".into(),
        };
        let text = listing("t", std::slice::from_ref(&finding)).to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "t: 0 errors, 0 warnings, 1 notice");
        assert_eq!(
            lines[1],
            format!("  notice  {} (not checkable)", Rule::ALL[0])
        );
        let shown: Vec<String> = cells[..8].iter().map(|k| k.to_string()).collect();
        assert_eq!(
            lines[2],
            format!("          cells: {}, … (10 cells)", shown.join(", "))
        );
        assert_eq!(lines[3], "          expected 3, actual -");
        assert_eq!(lines[4..], ["          en: en", "          zh: 中"]);
    }
}
