//! Short Chinese labels of rows, columns and cells, for the messages: the
//! template's short labels ([`crate::template`]), a row under a group named
//! with its group (`不予公开·属于国家秘密`).

use std::sync::LazyLock;

use crate::template;
use crate::{
    ActiveColumn, ActiveRow, ApplicantColumn, ApplicationRow, CellKey, Edition, ReviewColumn,
    ReviewRow,
};

/// Section 三's and 四's short labels, made once, by key.
struct Briefs {
    application_rows: Vec<String>,
    applicant_columns: Vec<String>,
    review_rows: Vec<String>,
    review_columns: Vec<String>,
}

static BRIEFS: LazyLock<Briefs> = LazyLock::new(|| Briefs {
    application_rows: template::APPLICATION_ROWS
        .iter()
        .map(|e| e.brief_label())
        .collect(),
    applicant_columns: template::APPLICANT_COLUMNS
        .iter()
        .map(|e| e.brief_label())
        .collect(),
    review_rows: template::REVIEW_ROWS
        .iter()
        .map(|e| e.brief_label())
        .collect(),
    review_columns: template::REVIEW_COLUMNS
        .iter()
        .map(|e| e.brief_label())
        .collect(),
});

pub(super) fn application_row(row: ApplicationRow) -> &'static str {
    &BRIEFS.application_rows[row as usize]
}

pub(super) fn applicant_column(column: ApplicantColumn) -> &'static str {
    &BRIEFS.applicant_columns[column as usize]
}

pub(super) fn review_row(row: ReviewRow) -> &'static str {
    &BRIEFS.review_rows[row as usize]
}

pub(super) fn review_column(column: ReviewColumn) -> &'static str {
    &BRIEFS.review_columns[column as usize]
}

pub(super) fn active_row(row: ActiveRow, edition: Edition) -> &'static str {
    template::active_row(row, edition).label.brief
}

/// A column of section 二 under a row: as the first edition that has the
/// cell prints it (处理决定数量, 采购总金额 under 政府集中采购, 本年收费金额
/// under 行政事业性收费).
pub(super) fn active_column(row: ActiveRow, column: ActiveColumn) -> &'static str {
    let edition = Edition::ALL
        .into_iter()
        .find(|&e| row.columns(e).contains(&column))
        .unwrap_or(Edition::E2019);
    template::active_column(column, edition).label.brief
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
    let kind = match table {
        crate::TableId::Active => crate::SectionKind::ActiveDisclosure,
        crate::TableId::Applications => crate::SectionKind::Applications,
        crate::TableId::ReviewLitigation => crate::SectionKind::ReviewLitigation,
    };
    template::section(kind).printed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_labels_name_the_group() {
        assert_eq!(
            application_row(ApplicationRow::DeniedStateSecret),
            "不予公开·属于国家秘密"
        );
        assert_eq!(application_row(ApplicationRow::Granted), "予以公开");
        assert_eq!(application_row(ApplicationRow::OtherMisc), "其他处理·其他");
        assert_eq!(
            applicant_column(ApplicantColumn::OtherOrg),
            "其他法人或其他组织"
        );
        assert_eq!(
            review_row(ReviewRow::LitigationDirect),
            "行政诉讼(未经复议直接起诉)"
        );
        assert_eq!(
            active_column(ActiveRow::Fees, ActiveColumn::Amount),
            "本年收费金额"
        );
        assert_eq!(
            active_column(ActiveRow::Procurement, ActiveColumn::Amount),
            "采购总金额"
        );
        assert_eq!(
            active_column(ActiveRow::Penalty, ActiveColumn::Decisions),
            "处理决定数量"
        );
        assert_eq!(
            table(crate::TableId::ReviewLitigation),
            "四、政府信息公开行政复议、行政诉讼情况"
        );
    }
}
