//! The template's wording, as the national template prints it (full-width
//! punctuation): captions, header cells and row labels of both editions, as
//! the grids take them from [`crate::template`].

use std::sync::LazyLock;

use crate::model::{ActiveRow, ApplicationRow, Edition};
use crate::template;

/// The title's fixed part, after the organ and year.
pub(super) const TITLE_TAIL: &str = template::TITLE_TAIL;

/// A sub-table of section 二: its caption, its header cells after 信息内容 with
/// the number of grid columns each covers, and its rows.
pub(super) struct ActiveSubTable {
    pub caption: &'static str,
    pub header: Vec<(&'static str, usize)>,
    pub rows: &'static [ActiveRow],
}

/// The width of section 二's grid: 信息内容 and three columns.
pub(super) const ACTIVE_WIDTH: usize = 1 + template::ACTIVE_VALUE_WIDTH;

/// Each edition's sub-tables of section 二; the last header cell of a
/// sub-table with fewer than three columns covers the rest.
static ACTIVE_SUB_TABLES: LazyLock<[Vec<ActiveSubTable>; 2]> = LazyLock::new(|| {
    Edition::ALL.map(|edition| {
        template::active_parts(edition)
            .map(|part| {
                let n = part.columns.len();
                let header = part
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, &column)| {
                        let span = if i + 1 == n {
                            template::ACTIVE_VALUE_WIDTH + 1 - n
                        } else {
                            1
                        };
                        (template::active_column(column, edition).label.printed, span)
                    })
                    .collect();
                ActiveSubTable {
                    caption: part.caption,
                    header,
                    rows: part.rows,
                }
            })
            .collect()
    })
});

/// Section 二's sub-tables in an edition.
pub(super) fn active_sub_tables(edition: Edition) -> &'static [ActiveSubTable] {
    let at = Edition::ALL
        .iter()
        .position(|&e| e == edition)
        .expect("every edition is in Edition::ALL");
    &ACTIVE_SUB_TABLES[at]
}

/// A row label of section 二.
pub(super) fn active_label(row: ActiveRow, edition: Edition) -> &'static str {
    template::active_row(row, edition).label.printed
}

/// Section 三's corner note, over the row labels.
pub(super) const APPLICATIONS_NOTE: &str = template::APPLICATIONS_NOTE.printed;

/// Section 三's header rows: 申请人情况 over 自然人, 法人或其他组织 (over its
/// five kinds) and 总计.
pub(super) const APPLICANTS: &str = template::APPLICANTS.printed;
/// The applicant columns' header cells.
pub(super) const NATURAL_PERSON: &str = template::APPLICANT_COLUMNS[0].label.printed;
/// The header over the five kinds of organisation.
pub(super) const ORGANISATIONS: &str = template::ORGANISATIONS.printed;
/// The five kinds of organisation.
pub(super) const ORGANISATION_KINDS: [&str; 5] = {
    let mut kinds = [""; 5];
    let mut i = 0;
    while i < kinds.len() {
        kinds[i] = template::APPLICANT_COLUMNS[i + 1].label.printed;
        i += 1;
    }
    kinds
};
/// The total column's header.
pub(super) const TOTAL: &str = template::APPLICANT_COLUMNS[6].label.printed;

/// The width of section 三's label part: up to three levels of labels.
pub(super) const APPLICATION_LABEL_WIDTH: usize = 3;

/// A row label of section 三 as up to three levels (group, sub-group, row);
/// a level equal to the row above's is a vertically merged cell.
pub(super) fn application_label(row: ApplicationRow) -> [Option<&'static str>; 3] {
    let mut levels = [None; APPLICATION_LABEL_WIDTH];
    for (level, text) in levels
        .iter_mut()
        .zip(template::application_row(row).printed_path())
    {
        *level = Some(text);
    }
    levels
}

/// Section 四's header: the two kinds of case, the two kinds of litigation,
/// and the five result columns repeated under each.
pub(super) const RECONSIDERATION: &str = template::REVIEW_ROWS[0].label.printed;
/// The header over both kinds of litigation.
pub(super) const LITIGATION: &str = template::LITIGATION.printed;
/// The two kinds of litigation.
pub(super) const LITIGATION_KINDS: [&str; 2] = [
    template::REVIEW_ROWS[1].label.printed,
    template::REVIEW_ROWS[2].label.printed,
];
/// The result columns, in template order.
pub(super) const RESULTS: [&str; 5] = {
    let mut results = [""; 5];
    let mut i = 0;
    while i < results.len() {
        results[i] = template::REVIEW_COLUMNS[i].label.printed;
        i += 1;
    }
    results
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_label_fits_the_label_columns() {
        for &row in ApplicationRow::ALL {
            let depth = template::application_row(row).printed_path().count();
            assert!(depth <= APPLICATION_LABEL_WIDTH, "{row}");
        }
    }

    #[test]
    fn sub_tables_cover_the_grid() {
        for edition in Edition::ALL {
            for sub in active_sub_tables(edition) {
                let width: usize = sub.header.iter().map(|(_, span)| span).sum();
                assert_eq!(width + 1, ACTIVE_WIDTH, "{}", sub.caption);
            }
        }
        let fees = &active_sub_tables(Edition::E2019)[3];
        assert_eq!(fees.header, [("上一年项目数量", 1), ("本年增/减", 2)]);
    }
}
