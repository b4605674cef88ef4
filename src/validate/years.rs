//! Rules across two reports of the same organ, last year's and this year's.

use crate::{
    ActiveColumn, ActiveRow, AnnualReport, ApplicantColumn, ApplicationRow, CellKey, Edition,
};

use super::check::{Unchecked, broken, decimal, read};
use super::labels;
use super::{Finding, Rule};

pub(super) fn check(last: &AnnualReport, this: &AnnualReport, out: &mut Vec<Finding>) {
    if !consecutive(last, this, out) {
        return;
    }
    same_organ(last, this, out);
    carried_over(last, this, out);
    if last.edition == Edition::E2021 && this.edition == Edition::E2021 {
        in_force(last, this, out);
    }
}

/// `years.consecutive`; false when the years are known and not consecutive,
/// so that the figures are not compared.
fn consecutive(last: &AnnualReport, this: &AnnualReport, out: &mut Vec<Finding>) -> bool {
    let rule = Rule::YearsConsecutive;
    let (Some(a), Some(b)) = (last.year, this.year) else {
        let mut unchecked = Unchecked::because(rule, "a report states no year", "报告未写明年度");
        unchecked.add(
            "the two reports' years".to_string(),
            "两份报告的年度".to_string(),
            &[],
        );
        unchecked.finish(out);
        return true;
    };
    if u32::from(a) + 1 == u32::from(b) {
        return true;
    }
    out.push(broken(
        rule,
        Vec::new(),
        decimal(i128::from(a) + 1),
        decimal(i128::from(b)),
        format!("上一年报告为 {a} 年,本年报告为 {b} 年,不是相连的两个年度,未比较跨年数据"),
        format!(
            "last year's report is of {a} and this year's of {b}: not consecutive years, so their figures were not compared"
        ),
    ));
    false
}

fn organ_key(organ: &str) -> String {
    organ.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `years.same_organ`: the organs as the titles name them, spaces ignored.
fn same_organ(last: &AnnualReport, this: &AnnualReport, out: &mut Vec<Finding>) {
    let rule = Rule::YearsSameOrgan;
    let (Some(a), Some(b)) = (last.organ.as_deref(), this.organ.as_deref()) else {
        let mut unchecked = Unchecked::because(
            rule,
            "a report's title names no organ",
            "报告标题未写明机关",
        );
        unchecked.add(
            "the two reports' organs".to_string(),
            "两份报告的机关".to_string(),
            &[],
        );
        unchecked.finish(out);
        return;
    };
    if organ_key(a) != organ_key(b) {
        out.push(broken(
            rule,
            Vec::new(),
            None,
            None,
            format!("上一年报告的机关为“{a}”,本年报告的机关为“{b}”"),
            format!("last year's report is of `{a}`, this year's of `{b}`"),
        ));
    }
}

/// `years.carried_over`, per applicant column.
fn carried_over(last: &AnnualReport, this: &AnnualReport, out: &mut Vec<Finding>) {
    if last.applications.is_none() || this.applications.is_none() {
        return;
    }
    let rule = Rule::YearsCarriedOver;
    let mut unchecked = Unchecked::new(rule);
    for &column in ApplicantColumn::ALL {
        let forward = CellKey::Applications(ApplicationRow::CarriedForward, column);
        let over = CellKey::Applications(ApplicationRow::CarriedOver, column);
        let col_zh = labels::applicant_column(column);
        let (a, b) = match (read(last, &[forward]), read(this, &[over])) {
            (Ok(a), Ok(b)) => (a[0], b[0]),
            (a, b) => {
                let mut blanks = a.err().unwrap_or_default();
                blanks.extend(b.err().unwrap_or_default());
                unchecked.add(format!("column `{column}`"), format!("{col_zh}列"), &blanks);
                continue;
            }
        };
        if a != b {
            out.push(broken(
                rule,
                vec![forward, over],
                decimal(a),
                decimal(b),
                format!(
                    "{col_zh}列:上年“结转下年度继续办理”为 {a},而本年“上年结转”为 {b},两者应相等"
                ),
                format!(
                    "column `{column}`: last year's carried_forward is {a}, but this year's carried_over is {b}; they should be equal"
                ),
            ));
        }
    }
    unchecked.finish(out);
}

/// `years.in_force` (2021 edition), per 规章 / 行政规范性文件 row.
fn in_force(last: &AnnualReport, this: &AnnualReport, out: &mut Vec<Finding>) {
    if last.active.is_none() || this.active.is_none() {
        return;
    }
    let rule = Rule::YearsInForce;
    let mut unchecked = Unchecked::new(rule);
    for row in [ActiveRow::Regulations, ActiveRow::NormativeDocuments] {
        let key = |c| CellKey::Active(row, c);
        let before = key(ActiveColumn::InForce);
        let now = [
            key(ActiveColumn::Issued),
            key(ActiveColumn::Repealed),
            key(ActiveColumn::InForce),
        ];
        let row_zh = labels::active_row(row, Edition::E2021);
        let (p, v) = match (read(last, &[before]), read(this, &now)) {
            (Ok(p), Ok(v)) => (p[0], v),
            (p, v) => {
                let mut blanks = p.err().unwrap_or_default();
                blanks.extend(v.err().unwrap_or_default());
                unchecked.add(format!("row `{row}`"), format!("{row_zh}行"), &blanks);
                continue;
            }
        };
        let expected = p + v[0] - v[1];
        if expected != v[2] {
            out.push(broken(
                rule,
                vec![before, now[0], now[1]],
                decimal(expected),
                decimal(v[2]),
                format!(
                    "{row_zh}:上年现行有效 {p} + 本年制发 {} − 本年废止 {} = {expected},而本年现行有效件数为 {}(修改、到期失效等也会造成差异)",
                    v[0], v[1], v[2]
                ),
                format!(
                    "row `{row}`: last year's in_force {p} + issued {} − repealed {} = {expected}, but in_force is {} (amendments and expiries can explain a difference)",
                    v[0], v[1], v[2]
                ),
            ));
        }
    }
    unchecked.finish(out);
}

#[cfg(test)]
mod tests {
    use crate::validate::testutil::{broken, dec, fixture, get, keys, of, set};
    use crate::validate::{Rule, Severity, Status, validate_years};
    use crate::{AnnualReport, Value};

    /// This year's report and a last year's report consistent with it.
    fn pair(name: &str) -> (AnnualReport, AnnualReport) {
        let this = fixture(name);
        let mut last = this.clone();
        last.year = this.year.map(|y| y - 1);
        for column in crate::ApplicantColumn::ALL {
            let over = get(&this, &format!("applications.carried_over.{column}"));
            set(
                &mut last,
                &format!("applications.carried_forward.{column}"),
                Value::Count(over),
            );
        }
        if this.edition == crate::Edition::E2021 {
            for row in ["regulations", "normative_documents"] {
                let [issued, repealed, in_force] = ["issued", "repealed", "in_force"]
                    .map(|c| get(&this, &format!("active.{row}.{c}")));
                set(
                    &mut last,
                    &format!("active.{row}.in_force"),
                    Value::Count(in_force + repealed - issued),
                );
            }
        }
        (last, this)
    }

    #[test]
    fn consistent_years_pass() {
        for name in ["written/w2019_web.txt", "written/w2021_indented.txt"] {
            let (last, this) = pair(name);
            assert_eq!(validate_years(&last, &this), [], "{name}");
        }
    }

    #[test]
    fn carried_over_against_last_year() {
        let (mut last, this) = pair("written/w2021_indented.txt");
        set(
            &mut last,
            "applications.carried_forward.total",
            Value::Count(13),
        );
        let findings = validate_years(&last, &this);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let f = &findings[0];
        assert_eq!(
            (f.rule, f.severity),
            (Rule::YearsCarriedOver, Severity::Error)
        );
        assert_eq!(
            keys(f),
            [
                "applications.carried_forward.total",
                "applications.carried_over.total"
            ]
        );
        assert_eq!((f.expected, f.actual), (dec(13), dec(14)));
        assert!(f.message_en.contains("last year's carried_forward is 13"));
    }

    #[test]
    fn carried_over_not_checkable_with_blanks() {
        let (mut last, this) = pair("written/w2021_indented.txt");
        set(
            &mut last,
            "applications.carried_forward.other_org",
            Value::Blank,
        );
        let findings = validate_years(&last, &this);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert_eq!(findings[0].status, Status::NotCheckable);
        assert_eq!(findings[0].severity, Severity::Notice);
        assert_eq!(
            keys(&findings[0]),
            ["applications.carried_forward.other_org"]
        );
    }

    #[test]
    fn in_force_carries_on() {
        let (mut last, this) = pair("written/w2021_indented.txt");
        set(
            &mut last,
            "active.normative_documents.in_force",
            Value::Count(30),
        );
        let findings = validate_years(&last, &this);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let f = &findings[0];
        assert_eq!(
            (f.rule, f.severity),
            (Rule::YearsInForce, Severity::Warning)
        );
        assert_eq!(
            keys(f),
            [
                "active.normative_documents.in_force",
                "active.normative_documents.issued",
                "active.normative_documents.repealed"
            ]
        );
        // 30 + 6 issued − 3 repealed = 33, but 27 in force
        assert_eq!((f.expected, f.actual), (dec(33), dec(27)));
    }

    #[test]
    fn in_force_only_between_2021_editions() {
        let (mut last, this) = pair("written/w2019_web.txt");
        last.year = Some(2019);
        assert!(of(&validate_years(&last, &this), Rule::YearsInForce).is_empty());
    }

    #[test]
    fn years_must_be_consecutive() {
        let (mut last, this) = pair("written/w2021_indented.txt");
        set(
            &mut last,
            "applications.carried_forward.total",
            Value::Count(0),
        );
        last.year = Some(2020);
        let findings = validate_years(&last, &this);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let f = &findings[0];
        assert_eq!(
            (f.rule, f.severity),
            (Rule::YearsConsecutive, Severity::Error)
        );
        assert_eq!((f.expected, f.actual), (dec(2021), dec(2022)));
        last.year = None;
        let findings = validate_years(&last, &this);
        assert_eq!(
            of(&findings, Rule::YearsConsecutive)[0].status,
            Status::NotCheckable
        );
        assert_eq!(broken(&findings, Rule::YearsCarriedOver).len(), 1);
    }

    #[test]
    fn organs_must_match() {
        let (mut last, this) = pair("written/w2021_indented.txt");
        last.organ = Some("青川市 市场监督管理局".into());
        assert!(validate_years(&last, &this).is_empty());
        last.organ = Some("青川市林业局".into());
        let findings = validate_years(&last, &this);
        assert_eq!(findings.len(), 1);
        assert_eq!(
            (findings[0].rule, findings[0].severity),
            (Rule::YearsSameOrgan, Severity::Warning)
        );
        assert!(findings[0].message_zh.contains("青川市林业局"));
    }
}
