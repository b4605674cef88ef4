//! Validation: checks a parsed report, or the reports of two consecutive
//! years, against the consistency rules of the national template (the cells
//! they involve are named by the key table of the crate docs),
//! and returns typed [`Finding`]s.
//!
//! Validation is separate from parsing: [`crate::parse`] never rejects a
//! report because its figures disagree; [`validate`] says where they do.
//!
//! A blank cell is never read as zero. When a rule needs a blank cell, the rule
//! is reported as not checkable ([`Status::NotCheckable`], [`Severity::Notice`]),
//! once per rule, listing the blank cells; it is never reported as broken.
//!
//! ```
//! use xxgk::validate::{validate, Severity};
//!
//! let text = include_str!("../../tests/fixtures/seeds/001_1bf17e5d24045e7c.txt");
//! let report = xxgk::parse(text)?;
//! let findings = validate(&report);
//! assert!(findings.iter().all(|f| f.severity != Severity::Error));
//! for f in &findings {
//!     println!("{f}");
//! }
//! # Ok::<(), xxgk::Error>(())
//! ```

mod arithmetic;
mod check;
mod completeness;
mod labels;
mod listing;
mod prose;
mod years;

#[cfg(test)]
mod testutil;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{AnnualReport, CellKey, Decimal};

pub use listing::{Listing, listing};

/// How much a finding matters.
///
/// Ordered from the least to the most serious: `Notice < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// Something to know: a missing table or section, blank cells, a rule that
    /// could not be checked.
    Notice,
    /// Probably wrong, but a heuristic rule or a statement in prose.
    Warning,
    /// The figures contradict each other: they cannot all be right.
    Error,
}

impl Severity {
    /// `error`, `warning` or `notice`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Notice => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a rule was found broken or could not be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// The rule was checked and does not hold (or, for the `report.*` rules,
    /// something the template asks for is absent).
    Broken,
    /// The rule needs figures that are blank (or absent), so it was not checked.
    /// Always a [`Severity::Notice`].
    NotCheckable,
}

macro_rules! rules {
    ($($(#[$meta:meta])* $variant:ident = $id:literal, $severity:ident, $zh:literal, $en:literal;)*) => {
        /// A consistency rule, with its stable id (`applications.balance`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[non_exhaustive]
        pub enum Rule {
            $($(#[$meta])* #[serde(rename = $id)] $variant,)*
        }

        impl Rule {
            /// Every rule, in the order [`validate`] and [`validate_years`] check them.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable id, e.g. `applications.balance`.
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            /// The severity of a finding that the rule is broken (a rule that
            /// cannot be checked is always a [`Severity::Notice`]).
            pub fn severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$severity,)*
                }
            }

            /// What the rule states, in Chinese.
            pub fn statement_zh(self) -> &'static str {
                match self {
                    $(Rule::$variant => $zh,)*
                }
            }

            /// What the rule states, in English.
            pub fn statement_en(self) -> &'static str {
                match self {
                    $(Rule::$variant => $en,)*
                }
            }
        }
    };
}

rules! {
    /// Per applicant column (总计 included): `new_requests + carried_over =
    /// outcome_total + carried_forward`, the note printed in the template.
    /// `expected` is the left side, `actual` the right side.
    ApplicationsBalance = "applications.balance", Error,
        "第一项加第二项之和,等于第三项加第四项之和(本年新收+上年结转=办理结果总计+结转下年度继续办理)",
        "new requests + carried over = outcome total + carried forward, per column";
    /// Per row of section 三: `total` is the sum of the six applicant columns.
    /// `expected` is the sum, `actual` the total.
    ApplicationsRowTotal = "applications.row_total", Error,
        "每行总计等于自然人与五类法人或其他组织之和",
        "each row's total is the sum of its six applicant columns";
    /// Per column of section 三: `outcome_total` is the sum of every outcome row
    /// (`granted` … the last `other*` row). `expected` is the sum, `actual` the total.
    ApplicationsOutcomeTotal = "applications.outcome_total", Error,
        "每列（七）总计等于（一）至（六）各项办理结果之和",
        "each column's outcome total is the sum of the outcome rows";
    /// Per row of section 四: `total = upheld + corrected + other + pending`.
    /// `expected` is the sum, `actual` the total.
    ReviewLitigationRowTotal = "review_litigation.row_total", Error,
        "行政复议、行政诉讼每组总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        "each group's total is upheld + corrected + other + pending";
    /// The year of the title is the year of the statistics period, where the
    /// text states a period. A warning, not an error: the figures may all be
    /// right and the sentence copied from last year's report. `expected` is the
    /// period's year, `actual` the title's.
    ReportYear = "report.year", Warning,
        "标题年份与统计期限年份一致",
        "the title's year is the year of the statistics period";
    /// The edition of the tables fits the year (2019 edition for 2019–2020,
    /// 2021 edition from 2021). `expected` and `actual` are the first years of
    /// the editions.
    ReportEdition = "report.edition", Notice,
        "表格格式版本与报告年度相符(2019、2020年度用2019版,2021年度起用2021版)",
        "the template edition fits the year (2019 edition for 2019–2020, 2021 edition from 2021)";
    /// The report has the template's three tables.
    ReportTableMissing = "report.table_missing", Notice,
        "报告包含模板的三张表格",
        "the report has the template's three tables";
    /// The report has the template's six sections.
    ReportSectionMissing = "report.section_missing", Notice,
        "报告包含模板的六个部分",
        "the report has the template's six sections";
    /// Every cell of a table is filled: one finding per table lists the blank cells.
    ReportBlankCell = "report.blank_cell", Notice,
        "模板要求填写数字的单元格均已填写",
        "every cell the template asks a figure for is filled";
    /// Amounts (采购总金额, 本年收费金额) are not negative. `actual` is the amount in 万元.
    ValueNonNegative = "value.non_negative", Error,
        "金额不为负数",
        "amounts are not negative";
    /// 2019 edition: `total_public` (对外公开总数量) is at least `published`
    /// (本年新公开数量). `expected` is `published`, `actual` is `total_public`.
    ActiveTotalPublicBelowPublished = "active.total_public_below_published", Warning,
        "对外公开总数量不少于本年新公开数量",
        "total public is at least the number published this year";
    /// 2019 edition: `last_year + change` (上一年项目数量 + 本年增/减) is not
    /// negative. `expected` is 0 (the least possible), `actual` the sum.
    ActiveItemsNonNegative = "active.items_non_negative", Warning,
        "上一年项目数量加本年增/减不为负数",
        "last year's items plus this year's change is not negative";
    /// Two reports compared: the years are consecutive. `expected` is last
    /// year + 1, `actual` this year.
    YearsConsecutive = "years.consecutive", Error,
        "两份报告的年度相连",
        "the two reports are of consecutive years";
    /// Two reports compared: they are of the same organ.
    YearsSameOrgan = "years.same_organ", Warning,
        "两份报告属于同一机关",
        "the two reports are of the same organ";
    /// Two reports compared, per applicant column: `carried_over` this year =
    /// `carried_forward` last year. `expected` is last year's, `actual` this year's.
    YearsCarriedOver = "years.carried_over", Error,
        "本年“上年结转”等于上年“结转下年度继续办理”",
        "this year's carried over equals last year's carried forward";
    /// Two 2021-edition reports compared, per 规章 / 行政规范性文件 row:
    /// `in_force` this year = `in_force` last year + `issued` − `repealed`.
    /// A heuristic (repeals by expiry or amendments break it): a warning.
    /// `expected` is the right side, `actual` this year's `in_force`.
    YearsInForce = "years.in_force", Warning,
        "本年现行有效件数=上年现行有效件数+本年制发件数−本年废止件数",
        "in force this year = in force last year + issued − repealed";
    /// Section 一 states the number of new requests (`新收…申请N件`, or
    /// `收到…申请N件`, which may also include those carried over) and it agrees
    /// with `applications.new_requests.total`. `expected` is the table's
    /// figure, `actual` the prose's.
    ProseNewRequests = "prose.new_requests", Warning,
        "第一部分所述新收(收到)申请数与表格一致",
        "the new requests stated in section 1 agree with the table";
    /// Section 一's `上年结转N件` agrees with `applications.carried_over.total`.
    ProseCarriedOver = "prose.carried_over", Warning,
        "第一部分所述上年结转数与表格一致",
        "the carried-over requests stated in section 1 agree with the table";
    /// Section 一's `办结N件` agrees with `applications.outcome_total.total`.
    ProseOutcomeTotal = "prose.outcome_total", Warning,
        "第一部分所述办结数与表格（七）总计一致",
        "the completed requests stated in section 1 agree with the outcome total";
    /// Section 一's `结转下年度…N件` agrees with `applications.carried_forward.total`.
    ProseCarriedForward = "prose.carried_forward", Warning,
        "第一部分所述结转下年度数与表格一致",
        "the carried-forward requests stated in section 1 agree with the table";
    /// Section 一's `行政复议N件` (or `未发生行政复议`: 0) agrees with
    /// `review_litigation.reconsideration.total`.
    ProseReconsideration = "prose.reconsideration", Warning,
        "第一部分所述行政复议数与表格一致",
        "the reconsiderations stated in section 1 agree with the table";
    /// Section 一's `行政诉讼N件` (or `未发生行政诉讼`: 0) agrees with
    /// `litigation_direct.total + litigation_after_reconsideration.total`.
    ProseLitigation = "prose.litigation", Warning,
        "第一部分所述行政诉讼数与表格(直接起诉与复议后起诉总计之和)一致",
        "the lawsuits stated in section 1 agree with the table (direct + after reconsideration)";
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Rule {
    type Err = UnknownRule;

    fn from_str(s: &str) -> Result<Rule, UnknownRule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.id() == s)
            .ok_or_else(|| UnknownRule(s.to_string()))
    }
}

/// The text is not the id of a [`Rule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a validation rule", self.0)
    }
}

impl std::error::Error for UnknownRule {}

/// One result of validation: a rule broken, or a rule that could not be checked.
///
/// Serializes with the rule id as a string and the cells as their dotted
/// keys: `{"rule": "applications.balance", "cells": ["applications.new_requests.total", …], …}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// How much it matters: the rule's [`Rule::severity`] when broken, a
    /// notice when not checkable.
    pub severity: Severity,
    /// Broken, or not checkable.
    pub status: Status,
    /// The cells involved: every cell of the broken equation, or the blank
    /// cells that made the rule not checkable.
    #[serde(with = "cell_keys")]
    pub cells: Vec<CellKey>,
    /// The value the rule derives from the other figures (see each [`Rule`]),
    /// when the rule has one.
    pub expected: Option<Decimal>,
    /// The value found, when the rule has one.
    pub actual: Option<Decimal>,
    /// What is wrong, in Chinese.
    pub message_zh: String,
    /// What is wrong, in English.
    pub message_en: String,
}

impl Finding {
    /// True when the finding is of [`Severity::Error`].
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    /// `error applications.balance: <English message> / <Chinese message>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}: {} / {}",
            self.severity, self.rule, self.message_en, self.message_zh
        )
    }
}

/// Checks one report: the arithmetic of its tables, its year, what it lacks,
/// and the figures its section 一 states.
///
/// Findings come in a fixed order: `report.*` (completeness), the tables'
/// arithmetic, then the prose. A report that passes every rule gives an empty
/// vector.
pub fn validate(report: &AnnualReport) -> Vec<Finding> {
    let mut out = Vec::new();
    completeness::check(report, &mut out);
    arithmetic::check(report, &mut out);
    prose::check(report, &mut out);
    out
}

/// Checks two reports of the same organ, `last` year's and `this` year's: the
/// years are consecutive, the organs match, this year's `carried_over` is last
/// year's `carried_forward` and (2021 edition) `in_force` carries on.
///
/// It does not run [`validate`] on either report.
pub fn validate_years(last: &AnnualReport, this: &AnnualReport) -> Vec<Finding> {
    let mut out = Vec::new();
    years::check(last, this, &mut out);
    out
}

mod cell_keys {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::CellKey;

    pub(super) fn serialize<S: Serializer>(keys: &[CellKey], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(keys.iter().map(|k| k.to_string()))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<CellKey>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|s| s.parse().map_err(D::Error::custom))
            .collect()
    }
}
