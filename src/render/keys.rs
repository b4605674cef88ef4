//! The key table of the crate docs (`src/keys.md`), made from the schema and
//! the template's wording (`crate::template`): every cell key, its printed
//! label, its editions.
//!
//! The committed table is checked against this one by a test; after a
//! change to the schema or the wording, write it anew with
//! `XXGK_WRITE_KEY_TABLE=1 cargo test --lib key_table`.

use std::fmt::Write;

use crate::model::{
    ActiveColumn, ActiveRow, ApplicantColumn, ApplicationRow, CellKey, Edition, ReviewColumn,
    ReviewRow, ValueKind,
};

/// The printed label of a cell in an edition (`None` when the edition has no
/// such cell), as [`CellKey::label`] gives it.
fn label(key: CellKey, edition: Edition) -> Option<String> {
    key.label(edition)
}

/// Every key of either edition, table by table, rows and columns in template order.
fn all_keys() -> Vec<CellKey> {
    let mut keys = Vec::new();
    for &row in ActiveRow::ALL {
        for &column in ActiveColumn::ALL {
            let key = CellKey::Active(row, column);
            if Edition::ALL
                .iter()
                .any(|&e| row.columns(e).contains(&column))
            {
                keys.push(key);
            }
        }
    }
    for &row in ApplicationRow::ALL {
        keys.extend(
            ApplicantColumn::ALL
                .iter()
                .map(|&c| CellKey::Applications(row, c)),
        );
    }
    for &row in ReviewRow::ALL {
        keys.extend(
            ReviewColumn::ALL
                .iter()
                .map(|&c| CellKey::ReviewLitigation(row, c)),
        );
    }
    keys
}

/// The key table, in markdown.
pub(crate) fn key_table() -> String {
    let mut out = String::new();
    out.push_str(
        "## Cell keys\n\n\
         Every figure of the template has a stable key `<table>.<row>.<column>`: the key of \
         [`CellKey`](crate::CellKey), of [`AnnualReport::cells`](crate::AnnualReport::cells), \
         of [`AnnualReport::figures`](crate::AnnualReport::figures) and of the JSON and CSV \
         output. The label is the template's, as printed: section 二's sub-table, row and \
         column header; section 三's row labels and applicant column; section 四's kind of \
         case and result column. Where the editions print a label differently both are \
         given. The kind is `count` (a whole number), `change` (本年增/减, signed) or \
         `amount` (money in 万元; the 2019 edition's 采购总金额, to which the template gives \
         no unit, as written).\n\n\
         | key | label | editions | kind |\n\
         | --- | --- | --- | --- |\n",
    );
    for key in all_keys() {
        let labels: Vec<(Edition, String)> = Edition::ALL
            .iter()
            .filter_map(|&e| Some((e, label(key, e)?)))
            .collect();
        let shown = match labels.as_slice() {
            [(_, a), (_, b)] if a != b => labels
                .iter()
                .map(|(e, l)| format!("{e}: {l}"))
                .collect::<Vec<_>>()
                .join("<br>"),
            [(_, a), ..] => a.clone(),
            [] => continue,
        };
        let editions: Vec<String> = labels.iter().map(|(e, _)| e.to_string()).collect();
        let kind = match key.kind() {
            ValueKind::Count => "count",
            ValueKind::Change => "change",
            ValueKind::Amount => "amount",
        };
        let _ = writeln!(
            out,
            "| `{key}` | {shown} | {} | {kind} |",
            editions.join(", ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = include_str!("../keys.md");

    #[test]
    fn key_table_is_the_one_the_schema_makes() {
        let made = key_table();
        if made != COMMITTED && std::env::var_os("XXGK_WRITE_KEY_TABLE").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/keys.md");
            std::fs::write(path, &made).unwrap();
            return;
        }
        assert!(
            made == COMMITTED,
            "src/keys.md is not the table the schema makes: run \
             `XXGK_WRITE_KEY_TABLE=1 cargo test --lib key_table` and commit it"
        );
    }

    #[test]
    fn key_table_has_every_key_of_both_editions_once() {
        let table = key_table();
        for edition in Edition::ALL {
            for key in CellKey::all(edition) {
                let row = format!("| `{key}` |");
                assert_eq!(table.matches(&row).count(), 1, "{key}");
                let line = table.lines().find(|l| l.starts_with(&row)).unwrap();
                assert!(line.contains(&edition.to_string()), "{line}");
            }
        }
        let rows = table.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(rows, all_keys().len());
        // the union of both editions: 198 + 200 less those they share
        let shared = CellKey::all(Edition::E2019)
            .filter(|k| CellKey::all(Edition::E2021).any(|j| j == *k))
            .count();
        assert_eq!(rows, 198 + 200 - shared);
        assert!(table.contains(
            "| `active.fees.amount` | 第二十条第（八）项 · 行政事业性收费 · 本年收费金额（单位：万元） | 2021 | amount |"
        ));
        assert!(table.contains(
            "| `applications.granted.commercial_enterprise` | 三、本年度办理结果 · （一）予以公开 · 法人或其他组织 · 商业企业 | 2019, 2021 | count |"
        ));
    }
}
