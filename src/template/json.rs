//! The template as JSON (`schema/template.json`), for the fixture generators
//! in `tools/` (`tools/template.py` reads it): per edition, the sections, the
//! three tables with their groups, rows and columns (key, printed label,
//! forms), and every cell with its printed label and kind.
//!
//! The committed file is checked against this one by a test; after a change
//! to the template, write it anew with
//! `XXGK_WRITE_TEMPLATE_JSON=1 cargo test --lib template_json`.

use serde_json::{Value, json};

use super::{
    ACTIVE_CORNER, APPLICANT_COLUMNS, APPLICANTS, APPLICATION_ROWS, APPLICATIONS_NOTE, Entry,
    LITIGATION, Label, REVIEW_COLUMNS, REVIEW_ROWS, SECTIONS, TITLE_TAIL, active_column,
    active_parts, active_row,
};
use crate::model::{CellKey, Edition, ValueKind};

fn label(l: &Label) -> Value {
    json!({ "printed": l.printed, "forms": l.forms })
}

fn entry<K: Copy + std::fmt::Display>(e: &Entry<K>) -> Value {
    json!({
        "key": e.key.to_string(),
        "printed": e.label.printed,
        "forms": e.label.forms,
        "groups": e.groups.iter().map(|g| g.printed).collect::<Vec<_>>(),
    })
}

fn edition(edition: Edition) -> Value {
    let sections: Vec<Value> = SECTIONS
        .iter()
        .map(|s| {
            json!({
                "kind": serde_json::to_value(s.kind).expect("a section kind serializes"),
                "number": s.number.to_string(),
                "printed": s.printed,
            })
        })
        .collect();
    let parts: Vec<Value> = active_parts(edition)
        .map(|p| {
            json!({
                "caption": p.caption,
                "columns": p.columns.iter().map(|&c| entry(active_column(c, edition))).collect::<Vec<_>>(),
                "rows": p.rows.iter().map(|&r| entry(active_row(r, edition))).collect::<Vec<_>>(),
            })
        })
        .collect();
    let rows: Vec<Value> = APPLICATION_ROWS
        .iter()
        .filter(|r| r.editions.has(edition))
        .map(entry)
        .collect();
    let cells: Vec<Value> = CellKey::all(edition)
        .map(|key| {
            json!({
                "key": key.to_string(),
                "label": key.label(edition),
                "kind": match key.kind() {
                    ValueKind::Count => "count",
                    ValueKind::Change => "change",
                    ValueKind::Amount => "amount",
                },
            })
        })
        .collect();
    json!({
        "sections": sections,
        "active": { "corner": label(&ACTIVE_CORNER), "parts": parts },
        "applications": {
            "note": label(&APPLICATIONS_NOTE),
            "header": label(&APPLICANTS),
            "columns": APPLICANT_COLUMNS.iter().map(entry).collect::<Vec<_>>(),
            "rows": rows,
        },
        "review_litigation": {
            "header": label(&LITIGATION),
            "rows": REVIEW_ROWS.iter().map(entry).collect::<Vec<_>>(),
            "columns": REVIEW_COLUMNS.iter().map(entry).collect::<Vec<_>>(),
        },
        "cells": cells,
    })
}

/// The template as JSON text, pretty-printed, ending with a newline.
pub(crate) fn template_json() -> String {
    let editions: serde_json::Map<String, Value> = Edition::ALL
        .iter()
        .map(|&e| (e.to_string(), edition(e)))
        .collect();
    let doc = json!({
        "about": "The national template of the annual reports, per edition, as the crate's \
                  src/template/ holds it: printed labels (full-width punctuation) and the \
                  normalized forms the parser reads. Written by \
                  `XXGK_WRITE_TEMPLATE_JSON=1 cargo test --lib template_json`; do not edit.",
        "title_tail": TITLE_TAIL,
        "editions": editions,
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("the template serializes");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = include_str!("../../schema/template.json");

    #[test]
    fn template_json_is_the_one_the_template_makes() {
        let made = template_json();
        if made != COMMITTED && std::env::var_os("XXGK_WRITE_TEMPLATE_JSON").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/template.json");
            std::fs::write(path, &made).unwrap();
            return;
        }
        assert!(
            made == COMMITTED,
            "schema/template.json is not the template: run \
             `XXGK_WRITE_TEMPLATE_JSON=1 cargo test --lib template_json` and commit it"
        );
    }

    #[test]
    fn template_json_has_every_cell_of_each_edition() {
        let doc: Value = serde_json::from_str(&template_json()).unwrap();
        for e in Edition::ALL {
            let cells = doc["editions"][e.to_string()]["cells"].as_array().unwrap();
            assert_eq!(cells.len(), CellKey::all(e).count());
            assert!(cells.iter().all(|c| c["label"].is_string()));
        }
        let fees = &doc["editions"]["2021"]["active"]["parts"][3];
        assert_eq!(fees["columns"][0]["printed"], "本年收费金额（单位：万元）");
        assert_eq!(fees["rows"][0]["key"], "fees");
        let rows = doc["editions"]["2019"]["applications"]["rows"]
            .as_array()
            .unwrap();
        assert_eq!(rows.len(), 23);
        assert_eq!(
            rows[4]["groups"],
            json!(["三、本年度办理结果", "（三）不予公开"])
        );
    }
}
