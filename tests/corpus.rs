//! Every fixture report with a truth file: every cell, the edition, year and organ.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use xxgk::{Decimal, Edition};

/// The text fixtures with truth files: the real seeds, the written reports,
/// crawler text with every row run together, all of these squeezed onto one
/// line, and OCR markdown.
const FOLDERS: &[&str] = &[
    "tests/fixtures/seeds",
    "tests/fixtures/written",
    "tests/fixtures/crawler",
    "tests/fixtures/oneline",
    "tests/fixtures/ocr",
];

fn truth_files(folder: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".truth.json"))
        .collect();
    files.sort();
    files
}

fn report_beside(truth: &Path) -> PathBuf {
    let name = truth.to_string_lossy();
    let stem = &name[..name.len() - ".truth.json".len()];
    // text, or markdown as pandoc and OCR tools write it
    let md = PathBuf::from(format!("{stem}.md"));
    if md.exists() {
        return md;
    }
    PathBuf::from(format!("{stem}.txt"))
}

/// A truth value as the cell export prints it (amounts as exact decimals).
fn expected(v: &Json) -> String {
    match v {
        Json::Null => String::new(),
        Json::Number(n) => n
            .to_string()
            .parse::<Decimal>()
            .map(|d| d.to_string())
            .unwrap_or_else(|_| n.to_string()),
        other => panic!("unexpected truth value {other}"),
    }
}

fn check(truth_path: &Path) -> Vec<String> {
    let truth: Json = serde_json::from_str(&std::fs::read_to_string(truth_path).unwrap()).unwrap();
    let text = std::fs::read_to_string(report_beside(truth_path)).unwrap();
    let report = xxgk::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
    let mut problems = Vec::new();
    let edition = match truth["edition"].as_str() {
        Some("2019") => Edition::E2019,
        Some("2021") => Edition::E2021,
        other => panic!("edition {other:?}"),
    };
    if report.edition != edition {
        problems.push(format!(
            "edition: expected {edition}, got {}",
            report.edition
        ));
    }
    if report.year.map(u64::from) != truth["year"].as_u64() {
        problems.push(format!(
            "year: expected {}, got {:?}",
            truth["year"], report.year
        ));
    }
    if report.organ.as_deref() != truth["organ"].as_str() {
        problems.push(format!(
            "organ: expected {}, got {:?}",
            truth["organ"], report.organ
        ));
    }
    let got: BTreeMap<String, String> = report
        .cells()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let cells = truth["cells"].as_object().unwrap();
    assert_eq!(
        got.len(),
        cells.len(),
        "{}: cell count",
        truth_path.display()
    );
    for (key, value) in cells {
        let want = expected(value);
        match got.get(key) {
            Some(g) if *g == want => {}
            Some(g) => problems.push(format!("{key}: expected {want:?}, got {g:?}")),
            None => problems.push(format!("{key}: not a cell of the report's edition")),
        }
    }
    // every figure points at the text it was read from
    for (key, _) in report.cells() {
        if let Some(cell) = report.cell(key)
            && let (false, Some(span)) = (cell.value.is_blank(), cell.span)
        {
            let written = &text[span.range()];
            assert!(
                written.chars().any(|c| c.is_numeric()),
                "{}: {key} span {span:?} reads {written:?}",
                truth_path.display()
            );
        }
    }
    problems
}

#[test]
fn every_fixture_reads_exactly_as_its_truth() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for folder in FOLDERS {
        for truth in truth_files(folder) {
            checked += 1;
            let problems = check(&truth);
            if !problems.is_empty() {
                failures.push(format!("{}:\n  {}", truth.display(), problems.join("\n  ")));
            }
        }
    }
    assert!(checked >= 5, "fixtures not found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn seeds_have_their_title_sections_and_contact() {
    let text = std::fs::read_to_string("tests/fixtures/seeds/000_9adbf800e6ecf4be.txt").unwrap();
    let report = xxgk::parse(&text).unwrap();
    assert_eq!(report.sections.len(), 6);
    assert_eq!(report.contact.postcode.as_deref(), Some("741600"));
    let period = report.period.unwrap();
    assert_eq!(
        (period.from.year, period.to.month, period.to.day),
        (2020, 12, 31)
    );
    let title_span = report.title_span.unwrap();
    assert_eq!(
        &text[title_span.range()],
        "兴国镇2020年度政府信息公开工作年度报告"
    );
    let six = report.section(xxgk::SectionKind::OtherMatters).unwrap();
    assert!(six.body.starts_with("本单位2020年度没有"));
    assert_eq!(&text[six.heading_span.range()], "六、其他需要报告的事项");

    let text = std::fs::read_to_string("tests/fixtures/seeds/001_1bf17e5d24045e7c.txt").unwrap();
    let report = xxgk::parse(&text).unwrap();
    assert_eq!(
        report.published.map(|d| d.to_string()).as_deref(),
        Some("2021-02-19")
    );
}

#[test]
fn provincial_rows_are_kept_as_extra_rows() {
    let text = std::fs::read_to_string("tests/fixtures/seeds/002_6e2546a832e75983.txt").unwrap();
    let report = xxgk::parse(&text).unwrap();
    assert_eq!(report.extra_rows.len(), 1);
    let extra = &report.extra_rows[0];
    assert_eq!(extra.table, xxgk::TableId::Active);
    assert!(extra.label.contains("政府信息公开发布总数量"));
    assert!(extra.values.is_empty());
}

/// The whole report, diagnostics and spans included, is the same whether the
/// text is given as a string or as bytes: with the cells checked against the
/// truth above, the JSON output of every text fixture is pinned down.
#[test]
fn text_and_bytes_give_the_same_report() {
    let mut checked = 0;
    let tools: Vec<String> = tool_folders()
        .into_iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    for folder in FOLDERS
        .iter()
        .copied()
        .chain(tools.iter().map(String::as_str))
    {
        for truth in truth_files(folder) {
            let path = report_beside(&truth);
            let bytes = std::fs::read(&path).unwrap();
            let text = std::str::from_utf8(&bytes).unwrap();
            let from_text = xxgk::parse(text).unwrap();
            let from_bytes = xxgk::parse_bytes(&bytes).unwrap();
            assert_eq!(
                serde_json::to_string_pretty(&from_bytes).unwrap(),
                serde_json::to_string_pretty(&from_text).unwrap(),
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "fixtures not found");
}

#[test]
fn reports_round_trip_through_json() {
    for folder in FOLDERS {
        for truth in truth_files(folder) {
            let text = std::fs::read_to_string(report_beside(&truth)).unwrap();
            let report = xxgk::parse(&text).unwrap();
            let json = serde_json::to_string(&report).unwrap();
            let back: xxgk::AnnualReport = serde_json::from_str(&json).unwrap();
            assert_eq!(back, report, "{}", truth.display());
        }
    }
}

#[test]
fn report_json_has_dotted_keys_maps_and_amounts_as_numbers() {
    let text = std::fs::read_to_string("tests/fixtures/seeds/001_1bf17e5d24045e7c.txt").unwrap();
    let report = xxgk::parse(&text).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let amount = &json["active"]["rows"]["procurement"]["cells"]["amount"];
    assert_eq!(amount["value"]["kind"], "amount");
    assert_eq!(amount["value"]["value"]["written"], "170");
    assert_eq!(amount["value"]["value"]["unit"], "wan");
    assert_eq!(amount["value"]["value"]["wan_yuan"], 170);
    let span = &amount["span"];
    let range = span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[range], "170万");
    // rows and cells are maps, written in template order
    let applications = json["applications"]["rows"].as_object().unwrap();
    assert_eq!(applications.len(), 23);
    assert_eq!(
        applications["granted"]["cells"].as_object().unwrap().len(),
        7
    );
    let written = serde_json::to_string(&report.applications).unwrap();
    let at = |key: &str| written.find(&format!("\"{key}\":")).unwrap();
    assert!(at("new_requests") < at("granted") && at("granted") < at("carried_forward"));
    assert!(at("natural_person") < at("commercial_enterprise") && at("other_org") < at("total"));
    // the flat view: the dotted key to a number or null
    let figures = serde_json::to_value(report.figures()).unwrap();
    assert_eq!(figures["active.procurement.amount"], 170);
    assert_eq!(figures.as_object().unwrap().len(), 198);
    assert!(
        figures
            .as_object()
            .unwrap()
            .values()
            .all(|v| v.is_number() || v.is_null())
    );
}

#[test]
fn a_text_that_is_no_report_is_an_error_with_its_place() {
    let text = "\n\n  今天天气很好。\n我们去公园。";
    let err = xxgk::parse(text).unwrap_err();
    let pos = err.position().unwrap();
    assert_eq!((pos.line, pos.column), (3, 3));
    let message = err.to_string();
    assert!(message.contains("line 3, column 3"), "{message}");
    assert!(message.contains("政府信息公开工作年度报告"), "{message}");
    assert!(matches!(err.kind(), xxgk::ErrorKind::NotAReport { .. }));

    let err = xxgk::parse("").unwrap_err();
    assert_eq!(err.position().map(|p| (p.line, p.column)), Some((1, 1)));
}

#[test]
fn a_report_without_a_table_still_parses() {
    let text = std::fs::read_to_string("tests/fixtures/seeds/000_9adbf800e6ecf4be.txt").unwrap();
    let start = text.find("四、政府信息公开行政复议").unwrap();
    let end = text.find("五、存在的主要问题").unwrap();
    let cut = format!(
        "{}四、政府信息公开行政复议、行政诉讼情况\n（表格见附件）\n{}",
        &text[..start],
        &text[end..]
    );
    let report = xxgk::parse(&cut).unwrap();
    assert!(report.review_litigation.is_none());
    assert!(report.applications.is_some());
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.kind == xxgk::DiagnosticKind::TableMissing
                && d.message.contains("review_litigation"))
    );
    assert!(
        report
            .cells()
            .filter(|(k, _)| k.table() == xxgk::TableId::ReviewLitigation)
            .all(|(_, v)| v.is_blank())
    );
}

/// The folders of `tests/fixtures/tools/`, one per tool, and whether each is
/// read only in part so far (its README's title says `(read in part)`).
fn tool_folders() -> Vec<(PathBuf, bool)> {
    let Ok(entries) = std::fs::read_dir("tests/fixtures/tools") else {
        return Vec::new();
    };
    let mut out: Vec<(PathBuf, bool)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .map(|p| {
            let readme = std::fs::read_to_string(p.join("README.md")).unwrap_or_default();
            let partial = readme
                .lines()
                .next()
                .is_some_and(|l| l.contains("(read in part)"));
            (p, partial)
        })
        .collect();
    out.sort();
    out
}

/// The file a truth file describes: the one beside it with the same stem.
fn source_beside(truth: &Path) -> PathBuf {
    let name = truth.file_name().unwrap().to_string_lossy();
    let stem = &name[..name.len() - ".truth.json".len()];
    let dir = truth.parent().unwrap();
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(&format!("{stem}.")) && !n.ends_with(".truth.json")
        })
        .collect();
    found.sort();
    found.into_iter().next().expect("a report beside its truth")
}

/// Right, wrong and missing figures (organ, year and edition included) of one
/// tool fixture, read as `parse_bytes` reads the file.
fn score(truth_path: &Path) -> (usize, Vec<String>, Vec<String>) {
    let truth: Json = serde_json::from_str(&std::fs::read_to_string(truth_path).unwrap()).unwrap();
    let bytes = std::fs::read(source_beside(truth_path)).unwrap();
    let want_all = || {
        let mut keys: Vec<String> = truth["cells"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        keys.extend(["report.edition", "report.year", "report.organ"].map(String::from));
        keys
    };
    let Ok(report) = xxgk::parse_bytes(&bytes) else {
        // refused: every figure is missing, none is wrong
        return (0, Vec::new(), want_all());
    };
    let mut got: BTreeMap<String, String> = report
        .cells()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    got.insert("report.edition".into(), report.edition.to_string());
    got.insert(
        "report.year".into(),
        report.year.map(|y| y.to_string()).unwrap_or_default(),
    );
    got.insert(
        "report.organ".into(),
        report.organ.clone().unwrap_or_default(),
    );
    let mut want: Vec<(String, String)> = truth["cells"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), expected(v)))
        .collect();
    want.push((
        "report.edition".into(),
        truth["edition"].as_str().unwrap().into(),
    ));
    want.push(("report.year".into(), truth["year"].to_string()));
    want.push((
        "report.organ".into(),
        truth["organ"].as_str().unwrap_or("").into(),
    ));
    let (mut right, mut wrong, mut missing) = (0, Vec::new(), Vec::new());
    for (key, value) in want {
        match got.get(&key).map(String::as_str) {
            Some(g) if g == value => right += 1,
            None | Some("") => missing.push(key),
            Some(g) => wrong.push(format!("{key}: expected {value:?}, got {g:?}")),
        }
    }
    (right, wrong, missing)
}

#[test]
fn tool_fixtures_never_give_a_wrong_figure() {
    let folders = tool_folders();
    assert!(folders.len() >= 10, "tool fixtures not found");
    let mut failures = Vec::new();
    for (folder, partial) in &folders {
        let (mut right, mut missing) = (0, 0);
        for truth in truth_files(&folder.to_string_lossy()) {
            let (r, wrong, miss) = score(&truth);
            right += r;
            missing += miss.len();
            if !wrong.is_empty() {
                failures.push(format!(
                    "{}: wrong:\n  {}",
                    truth.display(),
                    wrong.join("\n  ")
                ));
            }
            if !partial && !miss.is_empty() {
                failures.push(format!("{}: missing: {}", truth.display(), miss.join(", ")));
            }
        }
        eprintln!(
            "{}: {right} right, {missing} missing{}",
            folder.display(),
            if *partial { " (read in part)" } else { "" }
        );
        assert!(right > 0, "{}: nothing read", folder.display());
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
