//! What the report states about itself and what it lacks: its year, its
//! edition, missing tables and sections, blank cells.

use crate::{AnnualReport, CellKey, Edition, SectionKind, TableId};

use super::check::{broken, decimal};
use super::labels;
use super::{Finding, Rule};

pub(super) fn check(report: &AnnualReport, out: &mut Vec<Finding>) {
    year(report, out);
    edition(report, out);
    sections(report, out);
    tables(report, out);
}

/// `report.year`: the title's year against the statistics period's.
///
/// `report.year` is the title's year, or the period's when the title has none;
/// either way, comparing it with the period is comparing what the text states.
fn year(report: &AnnualReport, out: &mut Vec<Finding>) {
    let (Some(period), Some(year)) = (report.period, report.year) else {
        return;
    };
    let (from, to) = (period.from, period.to);
    if from.year != to.year {
        out.push(broken(
            Rule::ReportYear,
            Vec::new(),
            None,
            decimal(i128::from(year)),
            format!("统计期限 {from} 至 {to} 跨越多个年度,而报告年度为 {year} 年"),
            format!("the statistics period {from} to {to} spans more than one year; the title says {year}"),
        ));
    } else if from.year != year {
        out.push(broken(
            Rule::ReportYear,
            Vec::new(),
            decimal(i128::from(from.year)),
            decimal(i128::from(year)),
            format!(
                "标题年份为 {year} 年,而统计期限为 {from} 至 {to}({} 年)",
                from.year
            ),
            format!(
                "the title says {year}, but the statistics period is {from} to {to} ({})",
                from.year
            ),
        ));
    }
}

/// `report.edition`: a 2019-edition table in a report of 2021 or later, or a
/// 2021-edition table before 2021 (a notice: R-pl fills the 2019 columns in 2021).
fn edition(report: &AnnualReport, out: &mut Vec<Finding>) {
    let Some(year) = report.year else {
        return;
    };
    if report.active.is_none() && report.applications.is_none() {
        return;
    }
    let fits = match report.edition {
        Edition::E2019 => year <= 2020,
        Edition::E2021 => year >= 2021,
    };
    if fits {
        return;
    }
    let (expected, actual) = match report.edition {
        Edition::E2019 => (2021, 2019),
        Edition::E2021 => (2019, 2021),
    };
    out.push(broken(
        Rule::ReportEdition,
        Vec::new(),
        decimal(expected),
        decimal(actual),
        format!(
            "{year} 年度报告使用了 {} 版表格格式,按年度应为 {expected} 版",
            report.edition
        ),
        format!(
            "a report on {year} uses the {} edition of the tables; its year calls for the {expected} edition",
            report.edition
        ),
    ));
}

fn sections(report: &AnnualReport, out: &mut Vec<Finding>) {
    for kind in SectionKind::ALL {
        if report.section(kind).is_none() {
            let heading = kind.template_heading();
            out.push(broken(
                Rule::ReportSectionMissing,
                Vec::new(),
                None,
                None,
                format!("缺少第{}部分“{heading}”", kind.number()),
                format!("section {} (`{heading}`) is missing", kind.number()),
            ));
        }
    }
}

fn tables(report: &AnnualReport, out: &mut Vec<Finding>) {
    for (table, present) in [
        (TableId::Active, report.active.is_some()),
        (TableId::Applications, report.applications.is_some()),
        (
            TableId::ReviewLitigation,
            report.review_litigation.is_some(),
        ),
    ] {
        let name = labels::table(table);
        if !present {
            out.push(broken(
                Rule::ReportTableMissing,
                Vec::new(),
                None,
                None,
                format!("缺少“{name}”表格,其各项核对规则均无法核对"),
                format!("the table `{table}` of section `{name}` is missing; none of its rules can be checked"),
            ));
            continue;
        }
        let keys: Vec<CellKey> = CellKey::all(report.edition)
            .filter(|k| k.table() == table)
            .collect();
        let blanks: Vec<CellKey> = keys
            .iter()
            .copied()
            .filter(|&k| report.value(k).is_blank())
            .collect();
        if blanks.is_empty() {
            continue;
        }
        let first: Vec<String> = blanks.iter().take(3).map(|k| k.to_string()).collect();
        let first_zh: Vec<String> = blanks
            .iter()
            .take(3)
            .map(|&k| labels::cell(k, report.edition))
            .collect();
        let more = if blanks.len() > 3 { ", …" } else { "" };
        let more_zh = if blanks.len() > 3 { "等" } else { "" };
        out.push(broken(
            Rule::ReportBlankCell,
            blanks.clone(),
            None,
            None,
            format!(
                "“{name}”表格 {} 个单元格中有 {} 个空白(空白不等于0):{}{more_zh}",
                keys.len(),
                blanks.len(),
                first_zh.join("、")
            ),
            format!(
                "{} of the {} cells of `{table}` {} blank (a blank is not a zero): {}{more}",
                blanks.len(),
                keys.len(),
                if blanks.len() == 1 { "is" } else { "are" },
                first.join(", ")
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::testutil::{broken, dec, fixture, keys, of, set};
    use crate::validate::{Rule, Severity, Status, validate};
    use crate::{Date, Edition, SectionKind, Value};

    #[test]
    fn a_complete_report_has_no_report_findings() {
        for name in ["written/w2019_web.txt", "written/w2021_indented.txt"] {
            let findings = validate(&fixture(name));
            assert!(
                findings.iter().all(|f| !f.rule.id().starts_with("report.")),
                "{name}: {findings:#?}"
            );
        }
    }

    #[test]
    fn title_year_against_period() {
        let mut r = fixture("written/w2021_indented.txt");
        let mut period = r.period.expect("the fixture states a period");
        period.from = Date {
            year: 2021,
            ..period.from
        };
        period.to = Date {
            year: 2021,
            ..period.to
        };
        r.period = Some(period);
        let findings = validate(&r);
        let found = broken(&findings, Rule::ReportYear);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!((found[0].expected, found[0].actual), (dec(2021), dec(2022)));
        assert!(found[0].message_en.contains("2021-01-01"));
        assert!(found[0].message_zh.contains("标题年份为 2022 年"));
        // no period stated: nothing to check
        r.period = None;
        assert!(of(&validate(&r), Rule::ReportYear).is_empty());
    }

    #[test]
    fn edition_against_year() {
        let mut r = fixture("written/w2019_web.txt");
        assert!(of(&validate(&r), Rule::ReportEdition).is_empty());
        r.year = Some(2021);
        let findings = validate(&r);
        let found = broken(&findings, Rule::ReportEdition);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Notice);
        assert_eq!(r.edition, Edition::E2019);
        assert_eq!((found[0].expected, found[0].actual), (dec(2021), dec(2019)));
    }

    #[test]
    fn missing_sections_and_tables() {
        let mut r = fixture("written/w2021_indented.txt");
        r.sections.retain(|s| s.kind != SectionKind::Problems);
        r.review_litigation = None;
        let findings = validate(&r);
        let sections = broken(&findings, Rule::ReportSectionMissing);
        assert_eq!(sections.len(), 1);
        assert!(
            sections[0]
                .message_zh
                .contains("五、存在的主要问题及改进情况")
        );
        let tables = broken(&findings, Rule::ReportTableMissing);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].severity, Severity::Notice);
        assert!(tables[0].message_en.contains("`review_litigation`"));
        // the rules of a missing table are not reported one by one
        assert!(of(&findings, Rule::ReviewLitigationRowTotal).is_empty());
        assert!(of(&findings, Rule::ProseReconsideration).is_empty());
    }

    #[test]
    fn blank_cells_one_finding_per_table() {
        let mut r = fixture("written/w2021_indented.txt");
        set(&mut r, "applications.granted.other_org", Value::Blank);
        set(&mut r, "applications.denied_inquiry.total", Value::Blank);
        set(&mut r, "active.fees.amount", Value::Blank);
        let findings = validate(&r);
        let found = broken(&findings, Rule::ReportBlankCell);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|f| f.severity == Severity::Notice));
        assert_eq!(keys(found[0]), ["active.fees.amount"]);
        assert_eq!(
            keys(found[1]),
            [
                "applications.granted.other_org",
                "applications.denied_inquiry.total"
            ]
        );
        assert!(found[1].message_en.starts_with("2 of the 175 cells"));
        assert_eq!(found[1].status, Status::Broken);
    }
}
