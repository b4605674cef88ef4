//! The tables' arithmetic: the balance, row and outcome totals of section 三,
//! the totals of section 四, and the signs and bounds of section 二.

use crate::{
    ActiveColumn, ActiveRow, AnnualReport, ApplicantColumn, ApplicationRow, CellKey, Edition,
    ReviewColumn, ReviewRow, Value,
};

use super::check::{Unchecked, broken, decimal, read, sum_text};
use super::labels;
use super::{Finding, Rule};

pub(super) fn check(report: &AnnualReport, out: &mut Vec<Finding>) {
    if report.applications.is_some() {
        balance(report, out);
        row_totals(report, out);
        outcome_totals(report, out);
    }
    if report.review_litigation.is_some() {
        review_totals(report, out);
    }
    if report.active.is_some() {
        amounts(report, out);
        if report.edition == Edition::E2019 {
            total_public(report, out);
            items(report, out);
        }
    }
}

/// One equation `Σ parts = Σ totals`: broken, not checkable, or holding.
struct Equation<'a> {
    rule: Rule,
    parts: &'a [CellKey],
    totals: &'a [CellKey],
    item_en: String,
    item_zh: String,
}

impl Equation<'_> {
    /// Checks the equation; `describe` gets the parts' and totals' values and
    /// gives the Chinese and English messages of a broken equation.
    fn check(
        self,
        report: &AnnualReport,
        unchecked: &mut Unchecked,
        out: &mut Vec<Finding>,
        describe: impl FnOnce(&[i128], &[i128]) -> (String, String),
    ) {
        let all: Vec<CellKey> = self.parts.iter().chain(self.totals).copied().collect();
        let values = match read(report, &all) {
            Ok(values) => values,
            Err(blanks) => return unchecked.add(self.item_en, self.item_zh, &blanks),
        };
        let (parts, totals) = values.split_at(self.parts.len());
        let (expected, actual) = (parts.iter().sum::<i128>(), totals.iter().sum::<i128>());
        if expected != actual {
            let (zh, en) = describe(parts, totals);
            out.push(broken(
                self.rule,
                all,
                decimal(expected),
                decimal(actual),
                format!("{}:{zh}", self.item_zh),
                format!("{}: {en}", self.item_en),
            ));
        }
    }
}

fn app(row: ApplicationRow, column: ApplicantColumn) -> CellKey {
    CellKey::Applications(row, column)
}

fn balance(report: &AnnualReport, out: &mut Vec<Finding>) {
    use ApplicationRow::*;
    let rule = Rule::ApplicationsBalance;
    let mut unchecked = Unchecked::new(rule);
    for &column in ApplicantColumn::ALL {
        let parts = [app(NewRequests, column), app(CarriedOver, column)];
        let totals = [app(OutcomeTotal, column), app(CarriedForward, column)];
        Equation {
            rule,
            parts: &parts,
            totals: &totals,
            item_en: format!("column `{column}`"),
            item_zh: format!("{}列", labels::applicant_column(column)),
        }
        .check(report, &mut unchecked, out, |p, t| {
            (
                format!(
                    "本年新收+上年结转 = {},而办理结果总计+结转下年度继续办理 = {},两者应相等",
                    sum_text(p),
                    sum_text(t)
                ),
                format!(
                    "new_requests + carried_over = {}, but outcome_total + carried_forward = {}; they should be equal",
                    sum_text(p),
                    sum_text(t)
                ),
            )
        });
    }
    unchecked.finish(out);
}

fn row_totals(report: &AnnualReport, out: &mut Vec<Finding>) {
    let rule = Rule::ApplicationsRowTotal;
    let mut unchecked = Unchecked::new(rule);
    let applicants = &ApplicantColumn::ALL[..ApplicantColumn::ALL.len() - 1];
    for &row in ApplicationRow::rows(report.edition) {
        let parts: Vec<CellKey> = applicants.iter().map(|&c| app(row, c)).collect();
        let totals = [app(row, ApplicantColumn::Total)];
        Equation {
            rule,
            parts: &parts,
            totals: &totals,
            item_en: format!("row `{row}`"),
            item_zh: format!("“{}”行", labels::application_row(row)),
        }
        .check(report, &mut unchecked, out, |p, t| {
            (
                format!(
                    "自然人及五类法人或其他组织之和为 {},而总计为 {}",
                    sum_text(p),
                    t[0]
                ),
                format!(
                    "the six applicant columns add up to {}, but total is {}",
                    sum_text(p),
                    t[0]
                ),
            )
        });
    }
    unchecked.finish(out);
}

fn outcome_totals(report: &AnnualReport, out: &mut Vec<Finding>) {
    let rule = Rule::ApplicationsOutcomeTotal;
    let mut unchecked = Unchecked::new(rule);
    let outcomes: Vec<ApplicationRow> = ApplicationRow::rows(report.edition)
        .iter()
        .copied()
        .filter(|r| r.is_outcome())
        .collect();
    let last = outcomes.last().copied().unwrap_or(ApplicationRow::Other);
    for &column in ApplicantColumn::ALL {
        let parts: Vec<CellKey> = outcomes.iter().map(|&r| app(r, column)).collect();
        let totals = [app(ApplicationRow::OutcomeTotal, column)];
        Equation {
            rule,
            parts: &parts,
            totals: &totals,
            item_en: format!("column `{column}`"),
            item_zh: format!("{}列", labels::applicant_column(column)),
        }
        .check(report, &mut unchecked, out, |p, t| {
            let sum: i128 = p.iter().sum();
            (
                format!(
                    "（一）予以公开至（六）{}共 {} 行之和为 {sum},而（七）总计为 {}",
                    labels::application_row(last),
                    p.len(),
                    t[0]
                ),
                format!(
                    "the {} outcome rows (granted … {last}) add up to {sum}, but outcome_total is {}",
                    p.len(),
                    t[0]
                ),
            )
        });
    }
    unchecked.finish(out);
}

fn review_totals(report: &AnnualReport, out: &mut Vec<Finding>) {
    let rule = Rule::ReviewLitigationRowTotal;
    let mut unchecked = Unchecked::new(rule);
    for &row in ReviewRow::ALL {
        let parts: Vec<CellKey> = [
            ReviewColumn::Upheld,
            ReviewColumn::Corrected,
            ReviewColumn::Other,
            ReviewColumn::Pending,
        ]
        .iter()
        .map(|&c| CellKey::ReviewLitigation(row, c))
        .collect();
        let totals = [CellKey::ReviewLitigation(row, ReviewColumn::Total)];
        Equation {
            rule,
            parts: &parts,
            totals: &totals,
            item_en: format!("row `{row}`"),
            item_zh: labels::review_row(row).to_string(),
        }
        .check(report, &mut unchecked, out, |p, t| {
            (
                format!(
                    "结果维持+结果纠正+其他结果+尚未审结 = {},而总计为 {}",
                    sum_text(p),
                    t[0]
                ),
                format!(
                    "upheld + corrected + other + pending = {}, but total is {}",
                    sum_text(p),
                    t[0]
                ),
            )
        });
    }
    unchecked.finish(out);
}

/// `value.non_negative`: amounts of money below zero. Counts cannot be
/// negative in the model, and changes may be.
fn amounts(report: &AnnualReport, out: &mut Vec<Finding>) {
    for (key, value) in report.cells() {
        let Value::Amount(amount) = value else {
            continue;
        };
        let wan = amount.wan_yuan();
        if wan.is_negative() {
            out.push(broken(
                Rule::ValueNonNegative,
                vec![key],
                None,
                Some(wan),
                format!(
                    "{}为 {wan} 万元,金额不能为负数",
                    labels::cell(key, report.edition)
                ),
                format!("`{key}` is {wan} (万元); an amount cannot be negative"),
            ));
        }
    }
}

/// `active.total_public_below_published` (2019 edition).
fn total_public(report: &AnnualReport, out: &mut Vec<Finding>) {
    let rule = Rule::ActiveTotalPublicBelowPublished;
    let mut unchecked = Unchecked::new(rule);
    for row in [ActiveRow::Regulations, ActiveRow::NormativeDocuments] {
        let keys = [
            CellKey::Active(row, ActiveColumn::Published),
            CellKey::Active(row, ActiveColumn::TotalPublic),
        ];
        match read(report, &keys) {
            Err(blanks) => unchecked.add(
                format!("row `{row}`"),
                labels::active_row(row, report.edition).to_string(),
                &blanks,
            ),
            Ok(v) if v[1] < v[0] => out.push(broken(
                rule,
                keys.to_vec(),
                decimal(v[0]),
                decimal(v[1]),
                format!(
                    "{}:对外公开总数量 {} 少于本年新公开数量 {}",
                    labels::active_row(row, report.edition),
                    v[1],
                    v[0]
                ),
                format!(
                    "row `{row}`: total_public {} is below published {}",
                    v[1], v[0]
                ),
            )),
            Ok(_) => {}
        }
    }
    unchecked.finish(out);
}

/// `active.items_non_negative` (2019 edition): 上一年项目数量 + 本年增/减 ≥ 0.
fn items(report: &AnnualReport, out: &mut Vec<Finding>) {
    let rule = Rule::ActiveItemsNonNegative;
    let mut unchecked = Unchecked::new(rule);
    for &row in ActiveRow::rows(Edition::E2019) {
        if !row.columns(Edition::E2019).contains(&ActiveColumn::Change) {
            continue;
        }
        let keys = [
            CellKey::Active(row, ActiveColumn::LastYear),
            CellKey::Active(row, ActiveColumn::Change),
        ];
        match read(report, &keys) {
            Err(blanks) => unchecked.add(
                format!("row `{row}`"),
                labels::active_row(row, report.edition).to_string(),
                &blanks,
            ),
            Ok(v) if v[0] + v[1] < 0 => out.push(broken(
                rule,
                keys.to_vec(),
                decimal(0),
                decimal(v[0] + v[1]),
                format!(
                    "{}:上一年项目数量 {} 加本年增/减 {} 为 {},项目数不能为负数",
                    labels::active_row(row, report.edition),
                    v[0],
                    v[1],
                    v[0] + v[1]
                ),
                format!(
                    "row `{row}`: last_year {} + change {} = {}, fewer than no items",
                    v[0],
                    v[1],
                    v[0] + v[1]
                ),
            )),
            Ok(_) => {}
        }
    }
    unchecked.finish(out);
}

#[cfg(test)]
mod tests {
    use crate::validate::testutil::{broken, bump, dec, fixture, get, keys, of, set};
    use crate::validate::{Rule, Severity, Status, validate};
    use crate::{Amount, AmountUnit, Change, ChangeForm, Value};

    const RULES: [Rule; 6] = [
        Rule::ApplicationsBalance,
        Rule::ApplicationsRowTotal,
        Rule::ApplicationsOutcomeTotal,
        Rule::ReviewLitigationRowTotal,
        Rule::ActiveTotalPublicBelowPublished,
        Rule::ActiveItemsNonNegative,
    ];

    /// Only `rule` has findings among the arithmetic rules.
    fn only(findings: &[crate::validate::Finding], rule: Rule) {
        for other in RULES.iter().chain(&[Rule::ValueNonNegative]) {
            if *other != rule {
                assert!(of(findings, *other).is_empty(), "{other}: {findings:#?}");
            }
        }
    }

    #[test]
    fn consistent_reports_pass_every_rule() {
        for name in ["written/w2019_web.txt", "written/w2021_indented.txt"] {
            let findings = validate(&fixture(name));
            for rule in RULES.iter().chain(&[Rule::ValueNonNegative]) {
                assert!(
                    of(&findings, *rule).is_empty(),
                    "{name} {rule}: {findings:#?}"
                );
            }
        }
    }

    #[test]
    fn balance_broken_per_column() {
        let mut r = fixture("written/w2021_indented.txt");
        bump(&mut r, "applications.carried_forward.natural_person", 1);
        bump(&mut r, "applications.carried_forward.total", 1);
        let findings = validate(&r);
        only(&findings, Rule::ApplicationsBalance);
        let found = broken(&findings, Rule::ApplicationsBalance);
        assert_eq!(found.len(), 2);
        let f = found[1];
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(
            keys(f),
            [
                "applications.new_requests.total",
                "applications.carried_over.total",
                "applications.outcome_total.total",
                "applications.carried_forward.total"
            ]
        );
        assert_eq!(f.expected, dec(342 + 14));
        assert_eq!(f.actual, dec(342 + 14 + 1));
        assert!(f.message_en.contains("column `total`"), "{}", f.message_en);
        assert!(f.message_zh.contains("总计列"), "{}", f.message_zh);
        assert_eq!(
            keys(found[0])[0],
            "applications.new_requests.natural_person"
        );
    }

    #[test]
    fn row_total_broken_per_row() {
        let mut r = fixture("written/w2021_indented.txt");
        bump(&mut r, "applications.granted.natural_person", 1);
        let n = get(&r, "applications.partially_granted.natural_person");
        set(
            &mut r,
            "applications.partially_granted.natural_person",
            Value::Count(n - 1),
        );
        let findings = validate(&r);
        only(&findings, Rule::ApplicationsRowTotal);
        let found = broken(&findings, Rule::ApplicationsRowTotal);
        assert_eq!(found.len(), 2);
        assert_eq!(keys(found[0]).len(), 7);
        assert_eq!(keys(found[0])[6], "applications.granted.total");
        assert_eq!((found[0].expected, found[0].actual), (dec(50), dec(49)));
        assert_eq!((found[1].expected, found[1].actual), (dec(19), dec(20)));
        assert!(found[1].message_en.contains("row `partially_granted`"));
    }

    #[test]
    fn outcome_total_broken_per_column() {
        for (name, last) in [
            ("written/w2019_web.txt", "applications.other.total"),
            (
                "written/w2021_indented.txt",
                "applications.other_misc.total",
            ),
        ] {
            let mut r = fixture(name);
            bump(&mut r, last, 2);
            bump(&mut r, &last.replace(".total", ".other_org"), 2);
            let findings = validate(&r);
            only(&findings, Rule::ApplicationsOutcomeTotal);
            let found = broken(&findings, Rule::ApplicationsOutcomeTotal);
            assert_eq!(found.len(), 2, "{name}");
            let f = found[1];
            let outcome = get(&r, "applications.outcome_total.total");
            assert_eq!(f.expected, dec(i128::from(outcome) + 2));
            assert_eq!(f.actual, dec(i128::from(outcome)));
            let cells = keys(f);
            assert_eq!(cells[0], "applications.granted.total");
            assert_eq!(cells[cells.len() - 2], last);
            assert_eq!(cells[cells.len() - 1], "applications.outcome_total.total");
        }
    }

    #[test]
    fn review_row_total_broken() {
        let mut r = fixture("written/w2019_web.txt");
        bump(&mut r, "review_litigation.litigation_direct.pending", 1);
        let findings = validate(&r);
        only(&findings, Rule::ReviewLitigationRowTotal);
        let found = broken(&findings, Rule::ReviewLitigationRowTotal);
        assert_eq!(found.len(), 1);
        assert_eq!(
            keys(found[0]),
            [
                "review_litigation.litigation_direct.upheld",
                "review_litigation.litigation_direct.corrected",
                "review_litigation.litigation_direct.other",
                "review_litigation.litigation_direct.pending",
                "review_litigation.litigation_direct.total"
            ]
        );
        assert_eq!((found[0].expected, found[0].actual), (dec(4), dec(3)));
    }

    #[test]
    fn a_blank_makes_a_rule_not_checkable_never_broken() {
        let mut r = fixture("written/w2021_indented.txt");
        set(&mut r, "applications.granted.natural_person", Value::Blank);
        let findings = validate(&r);
        for rule in RULES {
            assert!(broken(&findings, rule).is_empty(), "{rule}");
        }
        let row = of(&findings, Rule::ApplicationsRowTotal);
        assert_eq!(row.len(), 1);
        assert_eq!(row[0].status, Status::NotCheckable);
        assert_eq!(row[0].severity, Severity::Notice);
        assert_eq!(keys(row[0]), ["applications.granted.natural_person"]);
        assert!(
            row[0]
                .message_en
                .contains("not checkable for row `granted`")
        );
        assert!(row[0].message_zh.contains("无法核对"));
        let column = of(&findings, Rule::ApplicationsOutcomeTotal);
        assert_eq!(column.len(), 1);
        assert!(column[0].message_en.contains("column `natural_person`"));
    }

    fn amount(text: &str) -> Value {
        Value::Amount(Amount {
            written: text.parse().unwrap(),
            unit: AmountUnit::WanYuan,
        })
    }

    #[test]
    fn negative_amounts_are_errors() {
        let mut r = fixture("written/w2019_web.txt");
        set(&mut r, "active.procurement.amount", amount("57"));
        assert!(of(&validate(&r), Rule::ValueNonNegative).is_empty());
        set(&mut r, "active.procurement.amount", amount("-57"));
        let findings = validate(&r);
        let found = broken(&findings, Rule::ValueNonNegative);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Error);
        assert_eq!(keys(found[0]), ["active.procurement.amount"]);
        assert_eq!(found[0].actual, Some("-57".parse().unwrap()));
        assert_eq!(found[0].expected, None);
    }

    #[test]
    fn total_public_below_published_is_a_warning() {
        let mut r = fixture("written/w2019_web.txt");
        set(
            &mut r,
            "active.normative_documents.total_public",
            Value::Count(2),
        );
        assert!(of(&validate(&r), Rule::ActiveTotalPublicBelowPublished).is_empty());
        set(
            &mut r,
            "active.normative_documents.total_public",
            Value::Count(1),
        );
        let findings = validate(&r);
        only(&findings, Rule::ActiveTotalPublicBelowPublished);
        let found = broken(&findings, Rule::ActiveTotalPublicBelowPublished);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(
            keys(found[0]),
            [
                "active.normative_documents.published",
                "active.normative_documents.total_public"
            ]
        );
        assert_eq!((found[0].expected, found[0].actual), (dec(2), dec(1)));
    }

    #[test]
    fn items_below_zero_is_a_warning() {
        let change = |net| {
            Value::Change(Change {
                net,
                form: ChangeForm::Signed,
            })
        };
        let mut r = fixture("written/w2019_web.txt");
        set(&mut r, "active.licensing.change", change(-8));
        assert!(of(&validate(&r), Rule::ActiveItemsNonNegative).is_empty());
        set(&mut r, "active.licensing.change", change(-9));
        let findings = validate(&r);
        only(&findings, Rule::ActiveItemsNonNegative);
        let found = broken(&findings, Rule::ActiveItemsNonNegative);
        assert_eq!(found.len(), 1);
        assert_eq!(
            keys(found[0]),
            ["active.licensing.last_year", "active.licensing.change"]
        );
        assert_eq!((found[0].expected, found[0].actual), (dec(0), dec(-1)));
    }
}
