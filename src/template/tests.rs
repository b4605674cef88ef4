use super::*;
use crate::CellKey;

/// Every label of the template, with where it is.
fn all_labels() -> Vec<(String, Label)> {
    fn entries<K: Copy + std::fmt::Display>(out: &mut Vec<(String, Label)>, entries: &[Entry<K>]) {
        for e in entries {
            out.push((e.key.to_string(), e.label));
            out.extend(e.groups.iter().map(|g| (format!("group of {}", e.key), *g)));
        }
    }
    let mut out = Vec::new();
    entries(&mut out, ACTIVE_ROWS);
    entries(&mut out, ACTIVE_COLUMNS);
    entries(&mut out, &APPLICANT_COLUMNS);
    entries(&mut out, &APPLICATION_ROWS);
    entries(&mut out, &REVIEW_ROWS);
    entries(&mut out, &REVIEW_COLUMNS);
    out.extend(
        [ACTIVE_CORNER, APPLICANTS, ORGANISATIONS, LITIGATION].map(|l| (l.printed.to_string(), l)),
    );
    out
}

#[test]
fn the_first_form_is_the_printed_label_normalized() {
    for (at, label) in all_labels() {
        let text = crate::normalize::normalize(label.printed).text;
        let normalized: String = text.split_whitespace().collect();
        assert_eq!(label.forms.first(), Some(&normalized.as_str()), "{at}");
    }
    // the note is read by the start of its normalized text
    let note = crate::normalize::normalize(APPLICATIONS_NOTE.printed).text;
    assert!(APPLICATIONS_NOTE.forms.iter().all(|f| note.contains(f)));
}

#[test]
fn entries_by_key_are_in_key_order() {
    let keys = |e: &[Entry<ApplicationRow>]| e.iter().map(|e| e.key).collect::<Vec<_>>();
    assert_eq!(keys(&APPLICATION_ROWS), ApplicationRow::ALL);
    let columns: Vec<_> = APPLICANT_COLUMNS.iter().map(|e| e.key).collect();
    assert_eq!(columns, ApplicantColumn::ALL);
    let rows: Vec<_> = REVIEW_ROWS.iter().map(|e| e.key).collect();
    assert_eq!(rows, ReviewRow::ALL);
    let columns: Vec<_> = REVIEW_COLUMNS.iter().map(|e| e.key).collect();
    assert_eq!(columns, ReviewColumn::ALL);
    let kinds: Vec<_> = SECTIONS.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, SectionKind::ALL);
}

#[test]
fn every_row_and_column_of_an_edition_is_printed_by_it() {
    for edition in Edition::ALL {
        for part in active_parts(edition) {
            for &row in part.rows {
                assert!(active_row(row, edition).editions.has(edition), "{row}");
            }
            for &column in part.columns {
                assert!(
                    active_column(column, edition).editions.has(edition),
                    "{column}"
                );
            }
        }
        // each key once per edition
        for entries in [ACTIVE_ROWS.iter().map(|e| e.key).collect::<Vec<_>>()] {
            for key in &entries {
                let n = ACTIVE_ROWS
                    .iter()
                    .filter(|e| e.key == *key && e.editions.has(edition))
                    .count();
                assert!(n <= 1, "{key}");
            }
        }
    }
}

#[test]
fn each_edition_has_its_cells() {
    assert_eq!(CellKey::all(Edition::E2019).count(), 198);
    assert_eq!(CellKey::all(Edition::E2021).count(), 200);
    let active = |e| {
        CellKey::all(e)
            .filter(|k| matches!(k, CellKey::Active(..)))
            .count()
    };
    assert_eq!((active(Edition::E2019), active(Edition::E2021)), (22, 10));
    assert!(CellKey::all(Edition::E2021).all(|k| cell_label(k, Edition::E2021).is_some()));
    let other: CellKey = "applications.other.total".parse().unwrap();
    assert_eq!(cell_label(other, Edition::E2021), None);
    assert_eq!(
        cell_label(other, Edition::E2019).as_deref(),
        Some("三、本年度办理结果 · （六）其他处理 · 总计")
    );
}

#[test]
fn labels_of_an_edition() {
    use ActiveColumn as C;
    assert_eq!(
        active_row(ActiveRow::NormativeDocuments, Edition::E2021)
            .label
            .printed,
        "行政规范性文件"
    );
    assert_eq!(
        active_column(C::Decisions, Edition::E2019).label.printed,
        "处理决定数量"
    );
    assert_eq!(
        active_column(C::Decisions, Edition::E2021).label.printed,
        "本年处理决定数量"
    );
    assert_eq!(
        merged_forms(ACTIVE_COLUMNS)
            .into_iter()
            .find(|(c, _)| *c == C::Amount)
            .unwrap()
            .1,
        ["采购总金额", "本年收费金额(单位:万元)", "本年收费金额"]
    );
    assert_eq!(
        section(SectionKind::Problems).printed,
        "五、存在的主要问题及改进情况"
    );
}
