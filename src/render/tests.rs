use super::*;
use crate::model::{Amount, CellKey, Change, Decimal, Edition, ValueKind};

/// A report of the edition with a different non-zero figure in every cell,
/// every value form included.
fn filled(edition: Edition) -> AnnualReport {
    let mut report = AnnualReport::new(edition);
    report.organ = Some("某市统计局".into());
    report.year = Some(2022);
    for (i, key) in CellKey::all(edition).enumerate() {
        let n = i as u64 + 1;
        let value = match key.kind() {
            ValueKind::Count => Value::Count(n * 7),
            ValueKind::Change => Value::Change(Change {
                net: if i % 2 == 0 { -(n as i64) } else { n as i64 },
                form: ChangeForm::Signed,
            }),
            _ => Value::Amount(Amount {
                written: Decimal::new(i128::from(n) * 125, 2).unwrap(),
                unit: match edition {
                    Edition::E2019 => AmountUnit::WanYuan,
                    Edition::E2021 => AmountUnit::HeaderWanYuan,
                },
            }),
        };
        assert!(report.set(key, value), "{key}");
    }
    report
}

fn cells(report: &AnnualReport) -> Vec<(String, Value)> {
    report.cells().map(|(k, v)| (k.to_string(), v)).collect()
}

#[test]
fn every_layout_reads_back_to_the_same_cells() {
    for edition in [Edition::E2019, Edition::E2021] {
        let report = filled(edition);
        for layout in Layout::ALL {
            let text = render(&report, layout);
            let back = match layout {
                Layout::Html => crate::parse_bytes(text.as_bytes()),
                _ => crate::parse(&text),
            }
            .unwrap_or_else(|e| panic!("{edition} {layout}: {e}\n{text}"));
            assert_eq!(back.edition, edition, "{layout}");
            assert_eq!(back.organ, report.organ, "{layout}");
            assert_eq!(back.year, report.year, "{layout}");
            let want = cells(&report);
            let got = cells(&back);
            for (w, g) in want.iter().zip(&got) {
                if layout == Layout::RunTogether {
                    // the figures run together, and these sums do not hold:
                    // a figure read is the one written
                    assert!(g.1.is_blank() || w == g, "{edition} {layout}\n{text}");
                } else {
                    assert_eq!(w, g, "{edition} {layout}\n{text}");
                }
            }
        }
    }
}

#[test]
fn blanks_read_back_as_blanks_in_every_mark() {
    let mut failures = Vec::new();
    for edition in [Edition::E2019, Edition::E2021] {
        let mut report = filled(edition);
        for (i, key) in CellKey::all(edition).enumerate() {
            if i % 3 == 0 {
                report.set(key, Value::Blank);
            }
        }
        for layout in Layout::ALL {
            for mark in BlankMark::ALL {
                let text = Renderer::new(layout).blank(mark).render(&report);
                let back = match layout {
                    Layout::Html => crate::parse_bytes(text.as_bytes()),
                    _ => crate::parse(&text),
                }
                .unwrap();
                // where a blank leaves no trace, or only sums split the
                // figures, or an empty cell is only a gap between aligned
                // columns (which the parser does not place by position), a
                // figure may be blank, but never another figure
                let traceless = !layout.reads_back_exactly()
                    && (layout == Layout::RunTogether || mark == BlankMark::Empty);
                let wrong: Vec<_> = cells(&back)
                    .into_iter()
                    .zip(cells(&report))
                    .filter(|(g, w)| g != w && !(traceless && g.1.is_blank()))
                    .map(|(g, w)| format!("{}: {:?} for {:?}", g.0, g.1, w.1))
                    .collect();
                if !wrong.is_empty() {
                    failures.push(format!(
                        "{edition} {layout} {mark:?}: {} cells, {}",
                        wrong.len(),
                        wrong[0]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn values_are_written_as_reports_write_them() {
    let change = |net, form| Value::Change(Change { net, form });
    let amount = |w: &str, unit| {
        Value::Amount(Amount {
            written: w.parse().unwrap(),
            unit,
        })
    };
    for (value, text) in [
        (Value::Count(12), "12"),
        (change(19, ChangeForm::Signed), "+19"),
        (change(-8, ChangeForm::Signed), "-8"),
        (change(0, ChangeForm::Signed), "0"),
        (change(3, ChangeForm::Words), "增加3"),
        (change(-2, ChangeForm::Words), "减少2"),
        (
            change(
                0,
                ChangeForm::Split {
                    added: 0,
                    removed: 0,
                },
            ),
            "0/0",
        ),
        (amount("57", AmountUnit::WanYuan), "57万元"),
        (amount("170", AmountUnit::Wan), "170万"),
        (amount("251000", AmountUnit::Yuan), "251000元"),
        (amount("25.1", AmountUnit::HeaderWanYuan), "25.1"),
        (Value::Blank, "/"),
    ] {
        assert_eq!(value_text(&value, "/"), text);
    }
}

#[test]
fn the_report_s_own_words_are_kept() {
    let text = include_str!("../../tests/fixtures/seeds/001_1bf17e5d24045e7c.txt");
    let report = crate::parse(text).unwrap();
    for layout in Layout::ALL {
        let out = render(&report, layout);
        assert!(out.contains(report.title.as_deref().unwrap()), "{layout}");
        let back = match layout {
            Layout::Html => crate::parse_bytes(out.as_bytes()),
            _ => crate::parse(&out),
        }
        .unwrap();
        if layout == Layout::RunTogether {
            // 政府集中采购4170万: 4 items and 170万 or 41 and 70万, no sum tells
            for (g, w) in cells(&back).into_iter().zip(cells(&report)) {
                assert!(g == w || g.1.is_blank(), "{layout}: {g:?} for {w:?}");
            }
        } else {
            assert_eq!(cells(&back), cells(&report), "{layout}");
        }
        assert_eq!(
            back.period.map(|p| (p.from, p.to)),
            report.period.map(|p| (p.from, p.to))
        );
        assert_eq!(back.contact, report.contact, "{layout}");
        assert_eq!(back.published, report.published, "{layout}");
    }
}

#[test]
fn layouts_have_distinct_names_which_they_display() {
    let names: std::collections::BTreeSet<&str> = Layout::ALL.iter().map(|l| l.name()).collect();
    assert_eq!(names.len(), Layout::ALL.len());
    for layout in Layout::ALL {
        assert_eq!(layout.to_string(), layout.name());
    }
    assert_eq!(Layout::TabRows.name(), "tab-rows");
}
