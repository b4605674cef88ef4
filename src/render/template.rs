//! The template's wording, as the national template prints it (full-width
//! punctuation): captions, header cells and row labels of both editions.

use crate::model::{ActiveRow, ApplicationRow, Edition};

/// The title's fixed part, after the organ and year.
pub(super) const TITLE_TAIL: &str = "年政府信息公开工作年度报告";

/// A sub-table of section 二: its caption, its header cells after 信息内容 with
/// the number of grid columns each covers, and its rows.
pub(super) struct ActiveSubTable {
    pub caption: &'static str,
    pub header: &'static [(&'static str, usize)],
    pub rows: &'static [ActiveRow],
}

/// The width of section 二's grid: 信息内容 and three columns.
pub(super) const ACTIVE_WIDTH: usize = 4;

const ITEMS_2019: &[(&str, usize)] =
    &[("上一年项目数量", 1), ("本年增/减", 1), ("处理决定数量", 1)];
const DECISIONS_2021: &[(&str, usize)] = &[("本年处理决定数量", 3)];

/// Section 二's sub-tables in an edition.
pub(super) fn active_sub_tables(edition: Edition) -> &'static [ActiveSubTable] {
    use ActiveRow::*;
    const E2019: &[ActiveSubTable] = &[
        ActiveSubTable {
            caption: "第二十条第（一）项",
            header: &[
                ("本年新制作数量", 1),
                ("本年新公开数量", 1),
                ("对外公开总数量", 1),
            ],
            rows: &[Regulations, NormativeDocuments],
        },
        ActiveSubTable {
            caption: "第二十条第（五）项",
            header: ITEMS_2019,
            rows: &[Licensing, OtherServices],
        },
        ActiveSubTable {
            caption: "第二十条第（六）项",
            header: ITEMS_2019,
            rows: &[Penalty, Coercion],
        },
        ActiveSubTable {
            caption: "第二十条第（八）项",
            header: &[("上一年项目数量", 1), ("本年增/减", 2)],
            rows: &[Fees],
        },
        ActiveSubTable {
            caption: "第二十条第（九）项",
            header: &[("采购项目数量", 1), ("采购总金额", 2)],
            rows: &[Procurement],
        },
    ];
    const E2021: &[ActiveSubTable] = &[
        ActiveSubTable {
            caption: "第二十条第（一）项",
            header: &[
                ("本年制发件数", 1),
                ("本年废止件数", 1),
                ("现行有效件数", 1),
            ],
            rows: &[Regulations, NormativeDocuments],
        },
        ActiveSubTable {
            caption: "第二十条第（五）项",
            header: DECISIONS_2021,
            rows: &[Licensing],
        },
        ActiveSubTable {
            caption: "第二十条第（六）项",
            header: DECISIONS_2021,
            rows: &[Penalty, Coercion],
        },
        ActiveSubTable {
            caption: "第二十条第（八）项",
            header: &[("本年收费金额（单位：万元）", 3)],
            rows: &[Fees],
        },
    ];
    match edition {
        Edition::E2019 => E2019,
        Edition::E2021 => E2021,
    }
}

/// A row label of section 二.
pub(super) fn active_label(row: ActiveRow, edition: Edition) -> &'static str {
    match row {
        ActiveRow::Regulations => "规章",
        ActiveRow::NormativeDocuments => match edition {
            Edition::E2019 => "规范性文件",
            Edition::E2021 => "行政规范性文件",
        },
        ActiveRow::Licensing => "行政许可",
        ActiveRow::OtherServices => "其他对外管理服务事项",
        ActiveRow::Penalty => "行政处罚",
        ActiveRow::Coercion => "行政强制",
        ActiveRow::Fees => "行政事业性收费",
        ActiveRow::Procurement => "政府集中采购",
    }
}

/// Section 三's corner note, over the row labels.
pub(super) const APPLICATIONS_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Section 三's header rows: 申请人情况 over 自然人, 法人或其他组织 (over its
/// five kinds) and 总计.
pub(super) const APPLICANTS: &str = "申请人情况";
/// The applicant columns' header cells.
pub(super) const NATURAL_PERSON: &str = "自然人";
/// The header over the five kinds of organisation.
pub(super) const ORGANISATIONS: &str = "法人或其他组织";
/// The five kinds of organisation.
pub(super) const ORGANISATION_KINDS: [&str; 5] = [
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
];
/// The total column's header.
pub(super) const TOTAL: &str = "总计";

/// The width of section 三's label part: up to three levels of labels.
pub(super) const APPLICATION_LABEL_WIDTH: usize = 3;

const RESULT: &str = "三、本年度办理结果";
const DENIED: &str = "（三）不予公开";
const UNAVAILABLE: &str = "（四）无法提供";
const REJECTED: &str = "（五）不予处理";
const OTHER: &str = "（六）其他处理";

/// A row label of section 三 as up to three levels (group, sub-group, row);
/// a level equal to the row above's is a vertically merged cell.
pub(super) fn application_label(row: ApplicationRow) -> [Option<&'static str>; 3] {
    use ApplicationRow::*;
    let (a, b, c) = match row {
        NewRequests => ("一、本年新收政府信息公开申请数量", None, None),
        CarriedOver => ("二、上年结转政府信息公开申请数量", None, None),
        Granted => (RESULT, Some("（一）予以公开"), None),
        PartiallyGranted => (
            RESULT,
            Some("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            None,
        ),
        DeniedStateSecret => (RESULT, Some(DENIED), Some("1.属于国家秘密")),
        DeniedProhibitedByLaw => (RESULT, Some(DENIED), Some("2.其他法律行政法规禁止公开")),
        DeniedSecurityStability => (RESULT, Some(DENIED), Some("3.危及“三安全一稳定”")),
        DeniedThirdParty => (RESULT, Some(DENIED), Some("4.保护第三方合法权益")),
        DeniedInternalAffairs => (RESULT, Some(DENIED), Some("5.属于三类内部事务信息")),
        DeniedProcessInfo => (RESULT, Some(DENIED), Some("6.属于四类过程性信息")),
        DeniedEnforcementFile => (RESULT, Some(DENIED), Some("7.属于行政执法案卷")),
        DeniedInquiry => (RESULT, Some(DENIED), Some("8.属于行政查询事项")),
        UnavailableNotHeld => (
            RESULT,
            Some(UNAVAILABLE),
            Some("1.本机关不掌握相关政府信息"),
        ),
        UnavailableNeedsCreation => (
            RESULT,
            Some(UNAVAILABLE),
            Some("2.没有现成信息需要另行制作"),
        ),
        UnavailableUnclear => (RESULT, Some(UNAVAILABLE), Some("3.补正后申请内容仍不明确")),
        RejectedPetition => (RESULT, Some(REJECTED), Some("1.信访举报投诉类申请")),
        RejectedDuplicate => (RESULT, Some(REJECTED), Some("2.重复申请")),
        RejectedPublication => (RESULT, Some(REJECTED), Some("3.要求提供公开出版物")),
        RejectedExcessive => (RESULT, Some(REJECTED), Some("4.无正当理由大量反复申请")),
        RejectedConfirmation => (
            RESULT,
            Some(REJECTED),
            Some("5.要求行政机关确认或重新出具已获取信息"),
        ),
        Other => (RESULT, Some(OTHER), None),
        OtherNoCorrection => (
            RESULT,
            Some(OTHER),
            Some("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ),
        OtherUnpaidFee => (
            RESULT,
            Some(OTHER),
            Some("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ),
        OtherMisc => (RESULT, Some(OTHER), Some("3.其他")),
        OutcomeTotal => (RESULT, Some("（七）总计"), None),
        CarriedForward => ("四、结转下年度继续办理", None, None),
    };
    [Some(a), b, c]
}

/// Section 四's header: the two kinds of case, the two kinds of litigation,
/// and the five result columns repeated under each.
pub(super) const RECONSIDERATION: &str = "行政复议";
/// The header over both kinds of litigation.
pub(super) const LITIGATION: &str = "行政诉讼";
/// The two kinds of litigation.
pub(super) const LITIGATION_KINDS: [&str; 2] = ["未经复议直接起诉", "复议后起诉"];
/// The result columns, in template order.
pub(super) const RESULTS: [&str; 5] = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
