//! What the rules share: reading figures, building findings, and gathering the
//! instances of a rule that blank cells keep from being checked into one notice.

use crate::{AnnualReport, CellKey, Decimal};

use super::{Finding, Rule, Status};

/// The whole numbers at `keys`, or the keys of the cells that are blank (or
/// hold no whole number).
pub(super) fn read(report: &AnnualReport, keys: &[CellKey]) -> Result<Vec<i128>, Vec<CellKey>> {
    let mut values = Vec::with_capacity(keys.len());
    let mut blanks = Vec::new();
    for &key in keys {
        match report.value(key).integer() {
            Some(n) => values.push(n),
            None => blanks.push(key),
        }
    }
    if blanks.is_empty() {
        Ok(values)
    } else {
        Err(blanks)
    }
}

/// A whole number as a [`Decimal`].
pub(super) fn decimal(n: i128) -> Option<Decimal> {
    Decimal::new(n, 0)
}

/// A finding that a rule is broken, with the rule's severity.
pub(super) fn broken(
    rule: Rule,
    cells: Vec<CellKey>,
    expected: Option<Decimal>,
    actual: Option<Decimal>,
    message_zh: String,
    message_en: String,
) -> Finding {
    Finding {
        rule,
        severity: rule.severity(),
        status: Status::Broken,
        cells,
        expected,
        actual,
        message_zh,
        message_en,
    }
}

/// `a + b + c = 12` in the form the messages use: `10 + 2 = 12` for several
/// terms, `12` for one.
pub(super) fn sum_text(values: &[i128]) -> String {
    let total: i128 = values.iter().sum();
    if values.len() == 1 {
        return total.to_string();
    }
    let terms: Vec<String> = values.iter().map(i128::to_string).collect();
    format!("{} = {total}", terms.join(" + "))
}

/// The instances of one rule that could not be checked, reported as one notice.
pub(super) struct Unchecked {
    rule: Rule,
    items_en: Vec<String>,
    items_zh: Vec<String>,
    cells: Vec<CellKey>,
    why_en: &'static str,
    why_zh: &'static str,
}

impl Unchecked {
    /// For instances kept from being checked by blank cells.
    pub(super) fn new(rule: Rule) -> Unchecked {
        Unchecked {
            rule,
            items_en: Vec::new(),
            items_zh: Vec::new(),
            cells: Vec::new(),
            why_en: "cells it needs are blank, and a blank is not a zero",
            why_zh: "所需单元格空白(空白不等于0)",
        }
    }

    /// For instances kept from being checked by another reason than blanks.
    pub(super) fn because(rule: Rule, why_en: &'static str, why_zh: &'static str) -> Unchecked {
        Unchecked {
            why_en,
            why_zh,
            ..Unchecked::new(rule)
        }
    }

    /// One instance (`column total` / `总计列`) that could not be checked, and
    /// the blank cells that stopped it.
    pub(super) fn add(&mut self, en: String, zh: String, blanks: &[CellKey]) {
        self.items_en.push(en);
        self.items_zh.push(zh);
        for &key in blanks {
            if !self.cells.contains(&key) {
                self.cells.push(key);
            }
        }
    }

    /// Pushes the notice, when any instance could not be checked.
    pub(super) fn finish(self, out: &mut Vec<Finding>) {
        if self.items_en.is_empty() {
            return;
        }
        let rule = self.rule;
        let blanks_en = match self.cells.len() {
            0 => String::new(),
            1 => " (1 blank cell, in `cells`)".to_string(),
            n => format!(" ({n} blank cells, listed in `cells`)"),
        };
        let blanks_zh = if self.cells.is_empty() {
            String::new()
        } else {
            format!("(空白单元格{}个,见 cells)", self.cells.len())
        };
        out.push(Finding {
            rule,
            severity: super::Severity::Notice,
            status: Status::NotCheckable,
            cells: self.cells,
            expected: None,
            actual: None,
            message_en: format!(
                "not checkable for {}: {}{blanks_en}. The rule: {}.",
                abbreviated(&self.items_en, ", ", |n| format!(", … ({n} in all)")),
                self.why_en,
                rule.statement_en()
            ),
            message_zh: format!(
                "无法核对:{}{}{blanks_zh}。规则:{}。",
                abbreviated(&self.items_zh, "、", |n| format!("等{n}项")),
                self.why_zh,
                rule.statement_zh()
            ),
        });
    }
}

/// The items joined, or the first three and how many there are in all.
fn abbreviated(items: &[String], separator: &str, more: impl Fn(usize) -> String) -> String {
    const SHOWN: usize = 3;
    if items.len() <= SHOWN + 1 {
        return items.join(separator);
    }
    format!("{}{}", items[..SHOWN].join(separator), more(items.len()))
}
