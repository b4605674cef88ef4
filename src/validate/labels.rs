//! Short Chinese labels of rows, columns and cells, for the messages.

use crate::{
    ActiveColumn, ActiveRow, ApplicantColumn, ApplicationRow, CellKey, Edition, ReviewColumn,
    ReviewRow,
};

pub(super) fn application_row(row: ApplicationRow) -> &'static str {
    use ApplicationRow::*;
    match row {
        NewRequests => "本年新收",
        CarriedOver => "上年结转",
        Granted => "予以公开",
        PartiallyGranted => "部分公开",
        DeniedStateSecret => "不予公开·属于国家秘密",
        DeniedProhibitedByLaw => "不予公开·其他法律行政法规禁止公开",
        DeniedSecurityStability => "不予公开·危及“三安全一稳定”",
        DeniedThirdParty => "不予公开·保护第三方合法权益",
        DeniedInternalAffairs => "不予公开·属于三类内部事务信息",
        DeniedProcessInfo => "不予公开·属于四类过程性信息",
        DeniedEnforcementFile => "不予公开·属于行政执法案卷",
        DeniedInquiry => "不予公开·属于行政查询事项",
        UnavailableNotHeld => "无法提供·本机关不掌握相关政府信息",
        UnavailableNeedsCreation => "无法提供·没有现成信息需要另行制作",
        UnavailableUnclear => "无法提供·补正后申请内容仍不明确",
        RejectedPetition => "不予处理·信访举报投诉类申请",
        RejectedDuplicate => "不予处理·重复申请",
        RejectedPublication => "不予处理·要求提供公开出版物",
        RejectedExcessive => "不予处理·无正当理由大量反复申请",
        RejectedConfirmation => "不予处理·要求行政机关确认或重新出具已获取信息",
        Other => "其他处理",
        OtherNoCorrection => "其他处理·逾期不补正",
        OtherUnpaidFee => "其他处理·逾期未缴纳费用",
        OtherMisc => "其他处理·其他",
        OutcomeTotal => "办理结果总计",
        CarriedForward => "结转下年度继续办理",
    }
}

pub(super) fn applicant_column(column: ApplicantColumn) -> &'static str {
    use ApplicantColumn::*;
    match column {
        NaturalPerson => "自然人",
        CommercialEnterprise => "商业企业",
        ResearchInstitution => "科研机构",
        PublicInterestOrg => "社会公益组织",
        LegalServiceOrg => "法律服务机构",
        OtherOrg => "其他法人或其他组织",
        Total => "总计",
    }
}

pub(super) fn review_row(row: ReviewRow) -> &'static str {
    match row {
        ReviewRow::Reconsideration => "行政复议",
        ReviewRow::LitigationDirect => "行政诉讼(未经复议直接起诉)",
        ReviewRow::LitigationAfterReconsideration => "行政诉讼(复议后起诉)",
    }
}

pub(super) fn review_column(column: ReviewColumn) -> &'static str {
    match column {
        ReviewColumn::Upheld => "结果维持",
        ReviewColumn::Corrected => "结果纠正",
        ReviewColumn::Other => "其他结果",
        ReviewColumn::Pending => "尚未审结",
        ReviewColumn::Total => "总计",
    }
}

pub(super) fn active_row(row: ActiveRow, edition: Edition) -> &'static str {
    use ActiveRow::*;
    match row {
        Regulations => "规章",
        NormativeDocuments if edition == Edition::E2021 => "行政规范性文件",
        NormativeDocuments => "规范性文件",
        Licensing => "行政许可",
        OtherServices => "其他对外管理服务事项",
        Penalty => "行政处罚",
        Coercion => "行政强制",
        Fees => "行政事业性收费",
        Procurement => "政府集中采购",
    }
}

pub(super) fn active_column(row: ActiveRow, column: ActiveColumn) -> &'static str {
    use ActiveColumn::*;
    match column {
        Made => "本年新制作数量",
        Published => "本年新公开数量",
        TotalPublic => "对外公开总数量",
        LastYear => "上一年项目数量",
        Change => "本年增/减",
        Decisions => "处理决定数量",
        Items => "采购项目数量",
        Amount if row == ActiveRow::Procurement => "采购总金额",
        Amount => "本年收费金额",
        Issued => "本年制发件数",
        Repealed => "本年废止件数",
        InForce => "现行有效件数",
    }
}

/// A cell in Chinese: `本年新收·自然人`.
pub(super) fn cell(key: CellKey, edition: Edition) -> String {
    match key {
        CellKey::Active(r, c) => format!("{}·{}", active_row(r, edition), active_column(r, c)),
        CellKey::Applications(r, c) => format!("{}·{}", application_row(r), applicant_column(c)),
        CellKey::ReviewLitigation(r, c) => format!("{}·{}", review_row(r), review_column(c)),
    }
}

/// The Chinese name of a table's section.
pub(super) fn table(table: crate::TableId) -> &'static str {
    match table {
        crate::TableId::Active => "二、主动公开政府信息情况",
        crate::TableId::Applications => "三、收到和处理政府信息公开申请情况",
        crate::TableId::ReviewLitigation => "四、政府信息公开行政复议、行政诉讼情况",
    }
}
