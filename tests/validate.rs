//! Validation of whole reports through the public API: the fixtures, one
//! report broken per rule, two consecutive years, and the serde form.

use xxgk::validate::{Finding, Rule, Severity, Status, validate, validate_years};
use xxgk::{AnnualReport, CellKey, Decimal, Table, Value};

const SEEDS: &[&str] = &[
    "tests/fixtures/seeds/000_9adbf800e6ecf4be.txt",
    "tests/fixtures/seeds/001_1bf17e5d24045e7c.txt",
    "tests/fixtures/seeds/002_6e2546a832e75983.txt",
    "tests/fixtures/seeds/003_e44e0baad4a434c0.txt",
    "tests/fixtures/seeds/004_16b2a9bff0093b49.txt",
];

/// The written fixtures with every cell filled: every rule holds on them.
const COMPLETE: &[&str] = &[
    "tests/fixtures/written/w2019_web.txt",
    "tests/fixtures/written/w2021_cellpipes.txt",
    "tests/fixtures/written/w2021_indented.txt",
    "tests/fixtures/written/w2021_markdown.txt",
    "tests/fixtures/written/w2021_pipes.txt",
    "tests/fixtures/written/w2021_tabs.txt",
    "tests/fixtures/written/w2021_web.txt",
];

fn parse(path: &str) -> AnnualReport {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    xxgk::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn put<R: Copy + PartialEq, C: Copy + PartialEq>(
    table: Option<&mut Table<R, C>>,
    row: R,
    column: C,
    value: Value,
) {
    let table = table.expect("the report has the table");
    let row = table.rows.iter_mut().find(|r| r.key == row).expect("row");
    let cell = row
        .cells
        .iter_mut()
        .find(|(c, _)| *c == column)
        .expect("column");
    cell.1.value = value;
}

/// Sets one cell, named by its `CELLS.md` key, through the public model.
fn set(report: &mut AnnualReport, key: &str, value: Value) {
    match key.parse::<CellKey>().unwrap() {
        CellKey::Active(r, c) => put(report.active.as_mut(), r, c, value),
        CellKey::Applications(r, c) => put(report.applications.as_mut(), r, c, value),
        CellKey::ReviewLitigation(r, c) => put(report.review_litigation.as_mut(), r, c, value),
    }
}

fn count(report: &AnnualReport, key: &str) -> u64 {
    match report.value(key.parse().unwrap()) {
        Value::Count(n) => n,
        other => panic!("{key}: {other:?}"),
    }
}

fn add(report: &mut AnnualReport, key: &str, by: i64) {
    let n = count(report, key).checked_add_signed(by).unwrap();
    set(report, key, Value::Count(n));
}

fn dec(n: i128) -> Option<Decimal> {
    Decimal::new(n, 0)
}

fn keys(f: &Finding) -> Vec<String> {
    f.cells.iter().map(|k| k.to_string()).collect()
}

#[test]
fn the_seeds_have_no_errors() {
    for path in SEEDS {
        let findings = validate(&parse(path));
        let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
        let warnings: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        assert!(warnings.is_empty(), "{path}: {warnings:#?}");
    }
}

#[test]
fn seed_004_fills_only_totals_so_its_rules_are_not_checkable() {
    let report = parse(SEEDS[4]);
    let findings = validate(&report);
    for rule in [
        Rule::ApplicationsBalance,
        Rule::ApplicationsRowTotal,
        Rule::ApplicationsOutcomeTotal,
        Rule::ReviewLitigationRowTotal,
    ] {
        let of: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule).collect();
        assert_eq!(of.len(), 1, "{rule}: {findings:#?}");
        let f = of[0];
        assert_eq!(
            (f.status, f.severity),
            (Status::NotCheckable, Severity::Notice)
        );
        assert!(
            f.message_en.starts_with("not checkable"),
            "{}",
            f.message_en
        );
        assert!(f.message_en.contains("a blank is not a zero"));
        assert!(f.message_zh.starts_with("无法核对"), "{}", f.message_zh);
        assert!(!f.cells.is_empty());
        for key in &f.cells {
            assert_eq!(report.value(*key), Value::Blank, "{key}");
        }
    }
    // the 总计 column balances (0 + 0 = 0 + 0): it is not among the blanks
    let balance = findings
        .iter()
        .find(|f| f.rule == Rule::ApplicationsBalance)
        .unwrap();
    assert!(
        balance
            .cells
            .iter()
            .all(|k| !k.to_string().ends_with(".total"))
    );
    // one finding per table for the blank cells
    let blanks: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == Rule::ReportBlankCell)
        .collect();
    assert_eq!(blanks.len(), 2);
    assert_eq!(blanks[0].cells.len() + blanks[1].cells.len(), 157 + 12);
}

#[test]
fn complete_fixtures_pass_every_rule() {
    for path in COMPLETE {
        let findings = validate(&parse(path));
        assert_eq!(findings, [], "{path}");
    }
}

/// One mutation per rule: the rule it breaks, and the finding's cells,
/// expected and actual values.
struct Case {
    fixture: &'static str,
    mutate: fn(&mut AnnualReport),
    rule: Rule,
    cells: &'static [&'static str],
    expected: Option<i128>,
    actual: Option<i128>,
}

const W2019: &str = "tests/fixtures/written/w2019_web.txt";
const W2021: &str = "tests/fixtures/written/w2021_indented.txt";

const CASES: &[Case] = &[
    Case {
        fixture: W2021,
        mutate: |r| {
            // the row total holds; the section 一 figures (totals) too
            add(r, "applications.carried_over.research_institution", 1);
            add(r, "applications.carried_over.public_interest_org", -1);
        },
        rule: Rule::ApplicationsBalance,
        cells: &[
            "applications.new_requests.research_institution",
            "applications.carried_over.research_institution",
            "applications.outcome_total.research_institution",
            "applications.carried_forward.research_institution",
        ],
        expected: Some(33 + 3),
        actual: Some(33 + 2),
    },
    Case {
        fixture: W2019,
        mutate: |r| {
            add(r, "applications.granted.legal_service_org", 1);
            add(r, "applications.partially_granted.legal_service_org", -1);
        },
        rule: Rule::ApplicationsRowTotal,
        cells: &[
            "applications.granted.natural_person",
            "applications.granted.commercial_enterprise",
            "applications.granted.research_institution",
            "applications.granted.public_interest_org",
            "applications.granted.legal_service_org",
            "applications.granted.other_org",
            "applications.granted.total",
        ],
        expected: Some(21),
        actual: Some(20),
    },
    Case {
        fixture: W2019,
        mutate: |r| {
            add(r, "applications.partially_granted.natural_person", 1);
            add(
                r,
                "applications.partially_granted.commercial_enterprise",
                -1,
            );
        },
        rule: Rule::ApplicationsOutcomeTotal,
        cells: &[],
        expected: None,
        actual: None,
    },
    Case {
        fixture: W2019,
        mutate: |r| add(r, "review_litigation.reconsideration.upheld", 1),
        rule: Rule::ReviewLitigationRowTotal,
        cells: &[
            "review_litigation.reconsideration.upheld",
            "review_litigation.reconsideration.corrected",
            "review_litigation.reconsideration.other",
            "review_litigation.reconsideration.pending",
            "review_litigation.reconsideration.total",
        ],
        expected: Some(5),
        actual: Some(4),
    },
    Case {
        fixture: W2019,
        mutate: |r| set(r, "active.regulations.total_public", Value::Blank),
        rule: Rule::ReportBlankCell,
        cells: &["active.regulations.total_public"],
        expected: None,
        actual: None,
    },
    Case {
        fixture: W2019,
        mutate: |r| {
            set(r, "active.normative_documents.published", Value::Count(10));
        },
        rule: Rule::ActiveTotalPublicBelowPublished,
        cells: &[
            "active.normative_documents.published",
            "active.normative_documents.total_public",
        ],
        expected: Some(10),
        actual: Some(9),
    },
    Case {
        fixture: W2019,
        mutate: |r| {
            let amount = xxgk::Amount {
                written: "-57".parse().unwrap(),
                unit: xxgk::AmountUnit::WanYuan,
            };
            set(r, "active.procurement.amount", Value::Amount(amount));
        },
        rule: Rule::ValueNonNegative,
        cells: &["active.procurement.amount"],
        expected: None,
        actual: Some(-57),
    },
    Case {
        fixture: W2019,
        mutate: |r| {
            let change = xxgk::Change {
                net: -16,
                form: xxgk::ChangeForm::Signed,
            };
            set(r, "active.other_services.change", Value::Change(change));
        },
        rule: Rule::ActiveItemsNonNegative,
        cells: &[
            "active.other_services.last_year",
            "active.other_services.change",
        ],
        expected: Some(0),
        actual: Some(-1),
    },
    Case {
        fixture: W2019,
        mutate: |r| {
            r.year = Some(2022);
            r.period = None;
        },
        rule: Rule::ReportEdition,
        cells: &[],
        expected: Some(2021),
        actual: Some(2019),
    },
    Case {
        fixture: W2021,
        mutate: |r| r.year = Some(2023),
        rule: Rule::ReportYear,
        cells: &[],
        expected: Some(2022),
        actual: Some(2023),
    },
    Case {
        fixture: W2021,
        mutate: |r| r.active = None,
        rule: Rule::ReportTableMissing,
        cells: &[],
        expected: None,
        actual: None,
    },
    Case {
        fixture: W2021,
        mutate: |r| {
            r.sections
                .retain(|s| s.kind != xxgk::SectionKind::OtherMatters)
        },
        rule: Rule::ReportSectionMissing,
        cells: &[],
        expected: None,
        actual: None,
    },
];

#[test]
fn each_rule_breaks_on_its_own_mutation() {
    for case in CASES {
        let mut report = parse(case.fixture);
        (case.mutate)(&mut report);
        let findings = validate(&report);
        // a blank cell also makes rules not checkable: only broken ones count here
        let findings: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.status == Status::Broken)
            .collect();
        assert!(
            findings.iter().all(|f| f.rule == case.rule),
            "{}: {findings:#?}",
            case.rule
        );
        let f = findings
            .first()
            .unwrap_or_else(|| panic!("{}: no finding", case.rule));
        assert_eq!(f.status, Status::Broken, "{}", case.rule);
        assert_eq!(f.severity, case.rule.severity(), "{}", case.rule);
        if !case.cells.is_empty() {
            assert_eq!(keys(f), case.cells, "{}", case.rule);
        }
        if case.expected.is_some() || case.actual.is_some() {
            assert_eq!(f.expected, case.expected.and_then(dec), "{}", case.rule);
            assert_eq!(f.actual, case.actual.and_then(dec), "{}", case.rule);
        }
        assert!(!f.message_en.is_empty() && !f.message_zh.is_empty());
    }
}

#[test]
fn outcome_total_broken_in_two_columns() {
    let mut report = parse(W2019);
    add(
        &mut report,
        "applications.partially_granted.natural_person",
        1,
    );
    add(
        &mut report,
        "applications.partially_granted.commercial_enterprise",
        -1,
    );
    let findings = validate(&report);
    // the row total of partially_granted and the balance still hold
    assert!(
        findings
            .iter()
            .all(|f| f.rule == Rule::ApplicationsOutcomeTotal)
    );
    assert_eq!(findings.len(), 2);
    for (f, column, by) in [
        (&findings[0], "natural_person", 1),
        (&findings[1], "commercial_enterprise", -1),
    ] {
        let cells = keys(f);
        // the 19 outcome rows of the 2019 edition, then outcome_total
        assert_eq!(cells.len(), 19 + 1);
        assert_eq!(cells[0], format!("applications.granted.{column}"));
        assert_eq!(cells[18], format!("applications.other.{column}"));
        assert_eq!(cells[19], format!("applications.outcome_total.{column}"));
        let outcome = i128::from(count(&report, &cells[19]));
        assert_eq!(f.expected, dec(outcome + by));
        assert_eq!(f.actual, dec(outcome));
        assert!(f.message_en.contains(&format!("column `{column}`")));
    }
}

#[test]
fn prose_disagreeing_with_the_table() {
    let mut report = parse(W2019);
    set(
        &mut report,
        "applications.new_requests.total",
        Value::Count(185),
    );
    set(
        &mut report,
        "applications.new_requests.natural_person",
        Value::Count(82),
    );
    add(&mut report, "applications.carried_over.natural_person", 1);
    add(&mut report, "applications.carried_over.total", 1);
    let findings = validate(&report);
    let rules: Vec<Rule> = findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, [Rule::ProseNewRequests, Rule::ProseCarriedOver]);
    assert_eq!(
        (findings[0].expected, findings[0].actual),
        (dec(185), dec(186))
    );
    assert_eq!(keys(&findings[1]), ["applications.carried_over.total"]);
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
}

/// Last year's report, made from this year's to agree with it.
fn last_year_of(this: &AnnualReport) -> AnnualReport {
    let mut last = this.clone();
    last.year = this.year.map(|y| y - 1);
    for column in xxgk::ApplicantColumn::ALL {
        let over = count(this, &format!("applications.carried_over.{column}"));
        set(
            &mut last,
            &format!("applications.carried_forward.{column}"),
            Value::Count(over),
        );
    }
    for row in ["regulations", "normative_documents"] {
        let n = |c: &str| count(this, &format!("active.{row}.{c}"));
        let before = n("in_force") + n("repealed") - n("issued");
        set(
            &mut last,
            &format!("active.{row}.in_force"),
            Value::Count(before),
        );
    }
    last
}

#[test]
fn two_consecutive_years() {
    for path in &COMPLETE[1..] {
        let this = parse(path);
        let mut last = last_year_of(&this);
        assert_eq!(validate_years(&last, &this), [], "{path}");
        add(&mut last, "applications.carried_forward.natural_person", 1);
        add(&mut last, "active.regulations.in_force", 1);
        let findings = validate_years(&last, &this);
        let rules: Vec<(Rule, Severity)> = findings.iter().map(|f| (f.rule, f.severity)).collect();
        assert_eq!(
            rules,
            [
                (Rule::YearsCarriedOver, Severity::Error),
                (Rule::YearsInForce, Severity::Warning)
            ],
            "{path}"
        );
        assert_eq!(
            keys(&findings[0]),
            [
                "applications.carried_forward.natural_person",
                "applications.carried_over.natural_person"
            ]
        );
        let carried = count(&this, "applications.carried_over.natural_person");
        assert_eq!(findings[0].expected, dec(i128::from(carried) + 1));
        assert_eq!(findings[0].actual, dec(i128::from(carried)));
    }
}

#[test]
fn years_not_consecutive_or_other_organ() {
    let this = parse(W2021);
    let mut last = last_year_of(&this);
    last.organ = Some("别的机关".into());
    let rules: Vec<Rule> = validate_years(&last, &this)
        .iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(rules, [Rule::YearsSameOrgan]);
    let findings = validate_years(&this, &this);
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].rule, Rule::YearsConsecutive);
    assert!(findings[0].is_error());
}

#[test]
fn rule_ids_are_stable_and_unique() {
    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    for id in [
        "applications.balance",
        "applications.row_total",
        "applications.outcome_total",
        "review_litigation.row_total",
        "report.year",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
    for rule in Rule::ALL {
        assert_eq!(rule.id().parse::<Rule>().unwrap(), *rule);
        assert_eq!(rule.to_string(), rule.id());
        assert!(!rule.statement_en().is_empty() && !rule.statement_zh().is_empty());
    }
    assert!("no.such_rule".parse::<Rule>().is_err());
}

#[test]
fn findings_serialize_with_ids_and_keys() {
    let mut report = parse(W2019);
    add(&mut report, "review_litigation.reconsideration.upheld", 1);
    let findings = validate(&report);
    let json = serde_json::to_value(&findings).unwrap();
    assert_eq!(json[0]["rule"], "review_litigation.row_total");
    assert_eq!(json[0]["severity"], "error");
    assert_eq!(json[0]["status"], "broken");
    assert_eq!(
        json[0]["cells"][4],
        "review_litigation.reconsideration.total"
    );
    assert_eq!(json[0]["expected"], "5");
    assert_eq!(json[0]["actual"], "4");
    let back: Vec<Finding> = serde_json::from_value(json).unwrap();
    assert_eq!(back, findings);
}
