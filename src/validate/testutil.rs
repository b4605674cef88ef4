//! Helpers for the unit tests: fixtures, and cells changed through the public model.

use crate::{AnnualReport, CellKey, Value};

use super::{Finding, Rule, Status};

/// A fixture under `tests/fixtures/`, parsed.
pub(super) fn fixture(name: &str) -> AnnualReport {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    crate::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Sets the cell at `key` (a dotted key) to `value`.
pub(super) fn set(report: &mut AnnualReport, key: &str, value: Value) {
    let key: CellKey = key.parse().unwrap();
    fn put<R: PartialEq + Copy, C: PartialEq + Copy>(
        table: Option<&mut crate::Table<R, C>>,
        r: R,
        c: C,
        value: Value,
    ) {
        let table = table.expect("the table is present");
        let row = table.rows.iter_mut().find(|row| row.key == r).expect("row");
        let cell = row.cells.iter_mut().find(|(k, _)| *k == c).expect("column");
        cell.1.value = value;
    }
    match key {
        CellKey::Active(r, c) => put(report.active.as_mut(), r, c, value),
        CellKey::Applications(r, c) => put(report.applications.as_mut(), r, c, value),
        CellKey::ReviewLitigation(r, c) => put(report.review_litigation.as_mut(), r, c, value),
    }
}

/// The integer value of the cell at `key`.
pub(super) fn get(report: &AnnualReport, key: &str) -> u64 {
    match report.value(key.parse().unwrap()) {
        Value::Count(n) => n,
        other => panic!("{key} is {other:?}"),
    }
}

/// Adds `by` to the count at `key`.
pub(super) fn bump(report: &mut AnnualReport, key: &str, by: u64) -> u64 {
    let n = get(report, key) + by;
    set(report, key, Value::Count(n));
    n
}

/// The findings of one rule.
pub(super) fn of(findings: &[Finding], rule: Rule) -> Vec<&Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// The broken findings of one rule.
pub(super) fn broken(findings: &[Finding], rule: Rule) -> Vec<&Finding> {
    of(findings, rule)
        .into_iter()
        .filter(|f| f.status == Status::Broken)
        .collect()
}

/// The cell keys of a finding, as text.
pub(super) fn keys(finding: &Finding) -> Vec<String> {
    finding.cells.iter().map(|k| k.to_string()).collect()
}

/// A whole number as a decimal.
pub(super) fn dec(n: i128) -> Option<crate::Decimal> {
    crate::Decimal::new(n, 0)
}
