//! The template's tables: editions, row and column keys, and which cells each
//! edition has. Keys display exactly as in the key table (`applications.granted.natural_person`).

use std::fmt;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::template;

/// The edition of the national template a report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Edition {
    /// 国办公开办函〔2019〕60号, used for the 2019 and 2020 reports.
    #[serde(rename = "2019")]
    E2019,
    /// 国办公开办函〔2021〕30号, used from the 2021 reports on.
    #[serde(rename = "2021")]
    E2021,
}

impl Edition {
    /// Both editions, oldest first.
    pub const ALL: [Edition; 2] = [Edition::E2019, Edition::E2021];
}

impl fmt::Display for Edition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Edition::E2019 => "2019",
            Edition::E2021 => "2021",
        })
    }
}

/// What kind of value a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueKind {
    /// A non-negative whole number.
    Count,
    /// A signed net change (本年增/减).
    Change,
    /// An amount of money in 万元.
    Amount,
}

macro_rules! keys {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $key:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $key)] $variant,)*
        }

        impl $name {
            /// Every key, in template order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable key, as in the key table.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

keys! {
    /// A row of section 二 (主动公开政府信息情况, the 第二十条 items).
    ActiveRow {
        /// 规章
        Regulations = "regulations",
        /// 规范性文件 (2021: 行政规范性文件)
        NormativeDocuments = "normative_documents",
        /// 行政许可
        Licensing = "licensing",
        /// 其他对外管理服务事项 (2019 only)
        OtherServices = "other_services",
        /// 行政处罚
        Penalty = "penalty",
        /// 行政强制
        Coercion = "coercion",
        /// 行政事业性收费
        Fees = "fees",
        /// 政府集中采购 (2019 only)
        Procurement = "procurement",
    }
}

keys! {
    /// A column of section 二.
    ActiveColumn {
        /// 本年新制作数量 (2019)
        Made = "made",
        /// 本年新公开数量 (2019)
        Published = "published",
        /// 对外公开总数量 (2019)
        TotalPublic = "total_public",
        /// 上一年项目数量 (2019)
        LastYear = "last_year",
        /// 本年增/减 (2019)
        Change = "change",
        /// 处理决定数量 (2019), 本年处理决定数量 (2021)
        Decisions = "decisions",
        /// 采购项目数量 (2019)
        Items = "items",
        /// 采购总金额 (2019), 本年收费金额（单位：万元） (2021)
        Amount = "amount",
        /// 本年制发件数 (2021)
        Issued = "issued",
        /// 本年废止件数 (2021)
        Repealed = "repealed",
        /// 现行有效件数 (2021)
        InForce = "in_force",
    }
}

keys! {
    /// A row of section 三 (收到和处理政府信息公开申请情况).
    ApplicationRow {
        /// 一、本年新收政府信息公开申请数量
        NewRequests = "new_requests",
        /// 二、上年结转政府信息公开申请数量
        CarriedOver = "carried_over",
        /// （一）予以公开
        Granted = "granted",
        /// （二）部分公开
        PartiallyGranted = "partially_granted",
        /// （三）不予公开 1.属于国家秘密
        DeniedStateSecret = "denied_state_secret",
        /// 2.其他法律行政法规禁止公开
        DeniedProhibitedByLaw = "denied_prohibited_by_law",
        /// 3.危及“三安全一稳定”
        DeniedSecurityStability = "denied_security_stability",
        /// 4.保护第三方合法权益
        DeniedThirdParty = "denied_third_party",
        /// 5.属于三类内部事务信息
        DeniedInternalAffairs = "denied_internal_affairs",
        /// 6.属于四类过程性信息
        DeniedProcessInfo = "denied_process_info",
        /// 7.属于行政执法案卷
        DeniedEnforcementFile = "denied_enforcement_file",
        /// 8.属于行政查询事项
        DeniedInquiry = "denied_inquiry",
        /// （四）无法提供 1.本机关不掌握相关政府信息
        UnavailableNotHeld = "unavailable_not_held",
        /// 2.没有现成信息需要另行制作
        UnavailableNeedsCreation = "unavailable_needs_creation",
        /// 3.补正后申请内容仍不明确
        UnavailableUnclear = "unavailable_unclear",
        /// （五）不予处理 1.信访举报投诉类申请
        RejectedPetition = "rejected_petition",
        /// 2.重复申请
        RejectedDuplicate = "rejected_duplicate",
        /// 3.要求提供公开出版物
        RejectedPublication = "rejected_publication",
        /// 4.无正当理由大量反复申请
        RejectedExcessive = "rejected_excessive",
        /// 5.要求行政机关确认或重新出具已获取信息
        RejectedConfirmation = "rejected_confirmation",
        /// （六）其他处理 (2019: one row)
        Other = "other",
        /// （六）其他处理 1.申请人无正当理由逾期不补正… (2021)
        OtherNoCorrection = "other_no_correction",
        /// 2.申请人逾期未按收费通知要求缴纳费用… (2021)
        OtherUnpaidFee = "other_unpaid_fee",
        /// 3.其他 (2021)
        OtherMisc = "other_misc",
        /// （七）总计
        OutcomeTotal = "outcome_total",
        /// 四、结转下年度继续办理
        CarriedForward = "carried_forward",
    }
}

keys! {
    /// A column of section 三: the applicant types and the total.
    ApplicantColumn {
        /// 自然人
        NaturalPerson = "natural_person",
        /// 法人或其他组织 · 商业企业
        CommercialEnterprise = "commercial_enterprise",
        /// 法人或其他组织 · 科研机构
        ResearchInstitution = "research_institution",
        /// 法人或其他组织 · 社会公益组织
        PublicInterestOrg = "public_interest_org",
        /// 法人或其他组织 · 法律服务机构
        LegalServiceOrg = "legal_service_org",
        /// 法人或其他组织 · 其他
        OtherOrg = "other_org",
        /// 总计
        Total = "total",
    }
}

keys! {
    /// A row of section 四 (行政复议、行政诉讼).
    ReviewRow {
        /// 行政复议
        Reconsideration = "reconsideration",
        /// 行政诉讼 未经复议直接起诉
        LitigationDirect = "litigation_direct",
        /// 行政诉讼 复议后起诉
        LitigationAfterReconsideration = "litigation_after_reconsideration",
    }
}

keys! {
    /// A column of section 四.
    ReviewColumn {
        /// 结果维持
        Upheld = "upheld",
        /// 结果纠正
        Corrected = "corrected",
        /// 其他结果
        Other = "other",
        /// 尚未审结
        Pending = "pending",
        /// 总计
        Total = "total",
    }
}

use ActiveColumn as AC;

/// Each edition's rows of section 二: those of its sub-tables, in order.
static ACTIVE_ROWS: LazyLock<[Vec<ActiveRow>; 2]> = LazyLock::new(|| {
    Edition::ALL.map(|edition| {
        template::active_parts(edition)
            .flat_map(|p| p.rows.iter().copied())
            .collect()
    })
});

/// Each edition's rows of section 三: those it prints, in template order.
static APPLICATION_ROWS: LazyLock<[Vec<ApplicationRow>; 2]> = LazyLock::new(|| {
    Edition::ALL.map(|edition| {
        ApplicationRow::ALL
            .iter()
            .copied()
            .filter(|r| r.in_edition(edition))
            .collect()
    })
});

/// The index of an edition in [`Edition::ALL`].
fn edition_index(edition: Edition) -> usize {
    match edition {
        Edition::E2019 => 0,
        Edition::E2021 => 1,
    }
}

impl ActiveRow {
    /// The rows of this table in an edition, in template order.
    pub fn rows(edition: Edition) -> &'static [ActiveRow] {
        &ACTIVE_ROWS[edition_index(edition)]
    }

    /// The columns of this row in an edition (empty when the edition has no such row).
    pub fn columns(self, edition: Edition) -> &'static [ActiveColumn] {
        template::active_part(self, edition).map_or(&[], |p| p.columns)
    }
}

impl ActiveColumn {
    /// The kind of value this column holds.
    pub fn kind(self) -> ValueKind {
        match self {
            AC::Change => ValueKind::Change,
            AC::Amount => ValueKind::Amount,
            _ => ValueKind::Count,
        }
    }
}

impl ApplicationRow {
    /// The rows of this table in an edition, in template order.
    pub fn rows(edition: Edition) -> &'static [ApplicationRow] {
        &APPLICATION_ROWS[edition_index(edition)]
    }

    /// True when the row is counted in `outcome_total` (the 办理结果 rows).
    pub fn is_outcome(self) -> bool {
        !matches!(
            self,
            ApplicationRow::NewRequests
                | ApplicationRow::CarriedOver
                | ApplicationRow::OutcomeTotal
                | ApplicationRow::CarriedForward
        )
    }

    /// True when an edition has this row.
    pub fn in_edition(self, edition: Edition) -> bool {
        template::application_row(self).editions.has(edition)
    }
}

/// The table a cell belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum TableId {
    /// Section 二: 主动公开政府信息情况.
    #[serde(rename = "active")]
    Active,
    /// Section 三: 收到和处理政府信息公开申请情况.
    #[serde(rename = "applications")]
    Applications,
    /// Section 四: 行政复议、行政诉讼情况.
    #[serde(rename = "review_litigation")]
    ReviewLitigation,
}

impl TableId {
    /// The stable key, as in the key table.
    pub fn key(self) -> &'static str {
        match self {
            TableId::Active => "active",
            TableId::Applications => "applications",
            TableId::ReviewLitigation => "review_litigation",
        }
    }
}

impl fmt::Display for TableId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The stable key of one figure: `<table>.<row>.<column>`.
///
/// Displays, parses and serializes as that dotted string
/// (`"applications.granted.natural_person"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellKey {
    /// A cell of section 二.
    Active(ActiveRow, ActiveColumn),
    /// A cell of section 三.
    Applications(ApplicationRow, ApplicantColumn),
    /// A cell of section 四.
    ReviewLitigation(ReviewRow, ReviewColumn),
}

impl CellKey {
    /// The table of this cell.
    pub fn table(self) -> TableId {
        match self {
            CellKey::Active(..) => TableId::Active,
            CellKey::Applications(..) => TableId::Applications,
            CellKey::ReviewLitigation(..) => TableId::ReviewLitigation,
        }
    }

    /// The kind of value this cell holds.
    pub fn kind(self) -> ValueKind {
        match self {
            CellKey::Active(_, c) => c.kind(),
            _ => ValueKind::Count,
        }
    }

    /// The label of this cell as the national template prints it in an
    /// edition, its parts joined by ` · ` (`None` when the edition has no such
    /// cell): section 二's sub-table, row and column header; section 三's row
    /// labels and applicant column; section 四's kind of case and result column.
    ///
    /// ```
    /// use xxgk::{CellKey, Edition};
    /// let key: CellKey = "applications.denied_state_secret.total".parse()?;
    /// assert_eq!(
    ///     key.label(Edition::E2021).as_deref(),
    ///     Some("三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密 · 总计")
    /// );
    /// let key: CellKey = "active.procurement.amount".parse()?;
    /// assert_eq!(key.label(Edition::E2021), None); // the 2021 edition dropped 政府集中采购
    /// # Ok::<(), xxgk::UnknownKey>(())
    /// ```
    pub fn label(self, edition: Edition) -> Option<String> {
        template::cell_label(self, edition)
    }

    /// Every cell key of an edition, in key-table order.
    pub fn all(edition: Edition) -> impl Iterator<Item = CellKey> {
        let active = ActiveRow::rows(edition).iter().flat_map(move |&r| {
            r.columns(edition)
                .iter()
                .map(move |&c| CellKey::Active(r, c))
        });
        let applications = ApplicationRow::rows(edition).iter().flat_map(|&r| {
            ApplicantColumn::ALL
                .iter()
                .map(move |&c| CellKey::Applications(r, c))
        });
        let review = ReviewRow::ALL.iter().flat_map(|&r| {
            ReviewColumn::ALL
                .iter()
                .map(move |&c| CellKey::ReviewLitigation(r, c))
        });
        active.chain(applications).chain(review)
    }

    /// Parses a key written as in the key table.
    pub fn parse(key: &str) -> Option<CellKey> {
        let mut parts = key.split('.');
        let (table, row, column) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        fn find<T: Copy>(all: &[T], name: &str, key: impl Fn(T) -> &'static str) -> Option<T> {
            all.iter().copied().find(|&t| key(t) == name)
        }
        Some(match table {
            "active" => CellKey::Active(
                find(ActiveRow::ALL, row, ActiveRow::key)?,
                find(ActiveColumn::ALL, column, ActiveColumn::key)?,
            ),
            "applications" => CellKey::Applications(
                find(ApplicationRow::ALL, row, ApplicationRow::key)?,
                find(ApplicantColumn::ALL, column, ApplicantColumn::key)?,
            ),
            "review_litigation" => CellKey::ReviewLitigation(
                find(ReviewRow::ALL, row, ReviewRow::key)?,
                find(ReviewColumn::ALL, column, ReviewColumn::key)?,
            ),
            _ => return None,
        })
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CellKey::Active(r, c) => write!(f, "active.{r}.{c}"),
            CellKey::Applications(r, c) => write!(f, "applications.{r}.{c}"),
            CellKey::ReviewLitigation(r, c) => write!(f, "review_litigation.{r}.{c}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_counts_match_cells_md() {
        assert_eq!(CellKey::all(Edition::E2019).count(), 198);
        assert_eq!(CellKey::all(Edition::E2021).count(), 200);
        assert_eq!(ApplicationRow::rows(Edition::E2019).len(), 23);
        assert_eq!(ApplicationRow::rows(Edition::E2021).len(), 25);
    }

    #[test]
    fn keys_display_and_parse_back() {
        for edition in [Edition::E2019, Edition::E2021] {
            for key in CellKey::all(edition) {
                assert_eq!(CellKey::parse(&key.to_string()), Some(key));
            }
        }
        assert_eq!(
            CellKey::Applications(ApplicationRow::Granted, ApplicantColumn::NaturalPerson)
                .to_string(),
            "applications.granted.natural_person"
        );
        assert_eq!(CellKey::parse("applications.granted"), None);
    }

    #[test]
    fn rows_of_an_edition_are_in_the_edition() {
        for edition in [Edition::E2019, Edition::E2021] {
            for row in ApplicationRow::rows(edition) {
                assert!(row.in_edition(edition));
            }
        }
    }
}

/// The text is not a cell key of the key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey(pub String);

impl fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a cell key", self.0)
    }
}

impl std::error::Error for UnknownKey {}

impl std::str::FromStr for CellKey {
    type Err = UnknownKey;

    fn from_str(s: &str) -> Result<CellKey, UnknownKey> {
        CellKey::parse(s).ok_or_else(|| UnknownKey(s.to_string()))
    }
}

impl Serialize for CellKey {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CellKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<CellKey, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod serde_tests {
    use super::*;

    #[test]
    fn keys_serialize_as_dotted_strings() {
        let key: CellKey = "applications.granted.natural_person".parse().unwrap();
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json, r#""applications.granted.natural_person""#);
        assert_eq!(serde_json::from_str::<CellKey>(&json).unwrap(), key);
        assert!(serde_json::from_str::<CellKey>(r#""applications.granted""#).is_err());
    }
}
