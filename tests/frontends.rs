//! The front ends on the fixtures of tests/fixtures/{html,docx,gb18030,pdf}: every
//! cell against its truth, spans pointing at the figures in the input, format
//! sniffing, and the errors for what the crate does not read.
#![cfg(all(feature = "html", feature = "docx"))]

use std::path::Path;

use serde_json::Value as Json;
use xxgk::{AnnualReport, CellKey, Document, ErrorKind, Format, Value};

#[path = "support/fixtures.rs"]
mod fixtures;

fn truth_of(path: &Path) -> Json {
    let stem = path.file_stem().unwrap().to_str().unwrap();
    let truth = path.with_file_name(format!("{stem}.truth.json"));
    serde_json::from_str(&std::fs::read_to_string(&truth).unwrap()).unwrap()
}

/// A decimal's canonical text: no trailing zeros, no `-0`.
fn canonical(s: &str) -> String {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let frac = frac.trim_end_matches('0');
    let out = if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    };
    if out == "-0" { "0".into() } else { out }
}

/// The ASCII digits of a text, in order.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// Asserts that `text`, the place a figure was read from, writes the digits
/// of its `value` (leading zeros aside).
fn assert_writes(text: &str, value: Value, place: impl std::fmt::Display) {
    assert_eq!(
        digits(text).trim_start_matches('0'),
        digits(&value.to_string()).trim_start_matches('0'),
        "{place}: {value} read from {text:?}"
    );
}

/// Compares every cell, the edition, the year and the organ with the truth;
/// returns the mismatches.
fn compare(report: &AnnualReport, truth: &Json) -> Vec<String> {
    let mut bad = Vec::new();
    if report.edition.to_string() != truth["edition"].as_str().unwrap() {
        bad.push(format!(
            "edition {} != {}",
            report.edition, truth["edition"]
        ));
    }
    if report.year.map(u64::from) != truth["year"].as_u64() {
        bad.push(format!("year {:?} != {}", report.year, truth["year"]));
    }
    if report.organ.as_deref() != truth["organ"].as_str() {
        bad.push(format!("organ {:?} != {}", report.organ, truth["organ"]));
    }
    let cells = truth["cells"].as_object().unwrap();
    let got: Vec<(CellKey, Value)> = report.cells().collect();
    assert_eq!(got.len(), cells.len(), "cell count");
    for (key, value) in got {
        let want = &cells[&key.to_string()];
        let want = match want {
            Json::Null => String::new(),
            Json::Number(n) => canonical(&n.to_string()),
            other => panic!("{key}: truth {other}"),
        };
        let have = if value.is_blank() {
            String::new()
        } else {
            canonical(&value.to_string())
        };
        if want != have {
            bad.push(format!("{key}: got {have:?}, truth {want:?}"));
        }
    }
    bad
}

fn check_folder(dir: &str, ext: &str, format: Format) {
    let mut failures = Vec::new();
    for path in fixtures::paths(dir, ext) {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        if !path.with_file_name(format!("{stem}.truth.json")).exists() {
            continue; // read for its error (see below)
        }
        let bytes = std::fs::read(&path).unwrap();
        let doc =
            Document::from_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(doc.format(), format, "{}", path.display());
        let report = doc
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let bad = compare(&report, &truth_of(&path));
        if !bad.is_empty() {
            failures.push(format!("{}:\n  {}", path.display(), bad.join("\n  ")));
        }
        // parse_bytes is the same
        assert_eq!(xxgk::parse_bytes(&bytes).unwrap(), report);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn html_fixtures_read_every_cell() {
    check_folder("html", "html", Format::Html);
}

#[test]
fn docx_fixtures_read_every_cell() {
    check_folder("docx", "docx", Format::Docx);
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_fixtures_read_every_cell() {
    check_folder("pdf", "pdf", Format::Pdf);
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_without_text_layer_or_with_a_password_is_refused_with_advice() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    match kind(&std::fs::read(dir.join("scanned.pdf")).unwrap()) {
        ErrorKind::UnsupportedFormat { format, advice } => {
            assert!(format.contains("without a text layer"), "{format}");
            assert!(advice.contains("OCR"), "{advice}");
        }
        k => panic!("{k:?}"),
    }
    match kind(&std::fs::read(dir.join("encrypted_locked.pdf")).unwrap()) {
        ErrorKind::UnsupportedFormat { format, advice } => {
            assert!(format.contains("password"), "{format}");
            assert!(advice.contains("qpdf --decrypt"), "{advice}");
        }
        k => panic!("{k:?}"),
    }
    let doc = Document::from_bytes(&std::fs::read(dir.join("lo_w2021_tabs.pdf")).unwrap()).unwrap();
    assert_eq!(doc.pages(), Some(4));
}

#[cfg(feature = "pdf")]
#[test]
fn pdf_spans_point_into_the_extracted_text_and_figures_have_boxes() {
    for path in fixtures::paths("pdf", "pdf") {
        let Ok(doc) = Document::from_bytes(&std::fs::read(&path).unwrap()) else {
            continue;
        };
        let report = doc.parse().unwrap();
        let mut seen = 0;
        for (key, value) in report.cells() {
            if let Some(span) = report.cell(key).and_then(|c| c.span)
                && !value.is_blank()
            {
                let text = &doc.text()[span.range()];
                assert_writes(text, value, format!("{}: {key}", path.display()));
                // and its place on the page
                let at = doc.pdf_box(span).expect("a figure has a box");
                assert!(
                    at.page >= 1 && Some(at.page) <= doc.pages(),
                    "{key}: {at:?}"
                );
                let [l, b, r, t] = at.bbox;
                assert!(
                    0.0 <= l && l < r && r < 1000.0 && 0.0 <= b && b < t && t < 1000.0,
                    "{key}: {at:?}"
                );
                assert!(r - l < 60.0 && t - b < 30.0, "{key}: a figure's box {at:?}");
                seen += 1;
            }
        }
        assert!(seen > 20, "{}: {seen} spans", path.display());
    }
}

#[test]
fn gb18030_fixtures_read_every_cell() {
    check_folder("gb18030", "txt", Format::Text);
}

/// Decodes a span of input bytes in the document's encoding.
fn slice(bytes: &[u8], doc: &Document, span: xxgk::Span) -> String {
    let enc = encoding_rs::Encoding::for_label(doc.encoding().unwrap().as_bytes()).unwrap();
    let (text, _, bad) = enc.decode(&bytes[span.range()]);
    assert!(!bad, "the span cuts a char");
    text.into_owned()
}

#[test]
fn gb18030_spans_slice_the_figures_bytes() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds");
    for path in fixtures::paths("gb18030", "txt") {
        let bytes = std::fs::read(&path).unwrap();
        let doc = Document::from_bytes(&bytes).unwrap();
        assert_eq!(doc.encoding(), Some("gb18030"), "{}", path.display());
        let report = doc.parse().unwrap();
        // same report, spans in bytes of the GB18030 file
        let utf8_path = seeds.join(path.file_name().unwrap());
        let utf8 = std::fs::read_to_string(&utf8_path).ok();
        let mut checked = 0;
        for (key, value) in report.cells() {
            let Some(span) = report.cell(key).and_then(|c| c.span) else {
                continue;
            };
            let text = slice(&bytes, &doc, span);
            if !value.is_blank() {
                let figure = digits(&value.to_string());
                assert!(
                    digits(&text).contains(figure.trim_start_matches('0'))
                        || figure.chars().all(|c| c == '0'),
                    "{}: {key} = {value} read from {text:?}",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 0 || report.cells().all(|(_, v)| v.is_blank()));
        if let Some(utf8) = utf8 {
            // the UTF-8 original gives the same figures
            let plain = xxgk::parse(&utf8).unwrap();
            let a: Vec<_> = plain.cells().collect();
            let b: Vec<_> = report.cells().collect();
            assert_eq!(a, b, "{}", path.display());
        }
    }
    // the figure of the crate's doc example
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/gb18030/001_1bf17e5d24045e7c.txt");
    let bytes = std::fs::read(path).unwrap();
    let doc = Document::from_bytes(&bytes).unwrap();
    let report = doc.parse().unwrap();
    let cell = report
        .cell("active.procurement.amount".parse().unwrap())
        .unwrap();
    assert_eq!(slice(&bytes, &doc, cell.span.unwrap()), "170万");
    let title = report.title_span.unwrap();
    assert_eq!(slice(&bytes, &doc, title), report.title.clone().unwrap());
}

#[test]
fn html_spans_point_at_the_figures_in_the_page() {
    for path in fixtures::paths("html", "html") {
        let bytes = std::fs::read(&path).unwrap();
        let doc = Document::from_bytes(&bytes).unwrap();
        let report = doc.parse().unwrap();
        for (key, value) in report.cells() {
            let Some(span) = report.cell(key).and_then(|c| c.span) else {
                continue;
            };
            let text = slice(&bytes, &doc, span);
            assert!(
                !text.contains('<') && !text.contains('>'),
                "{}: {key}: {text:?}",
                path.display()
            );
            if !value.is_blank() {
                assert_writes(&text, value, format!("{}: {key}", path.display()));
            }
        }
        let title = slice(&bytes, &doc, report.title_span.unwrap());
        assert!(
            title.contains("政府信息公开"),
            "{}: {title}",
            path.display()
        );
    }
}

#[test]
fn docx_spans_point_into_the_extracted_text() {
    for path in fixtures::paths("docx", "docx") {
        let doc = Document::from_bytes(&std::fs::read(&path).unwrap()).unwrap();
        let report = doc.parse().unwrap();
        for (key, value) in report.cells() {
            if let Some(span) = report.cell(key).and_then(|c| c.span)
                && !value.is_blank()
            {
                let text = &doc.text()[span.range()];
                assert_writes(text, value, key);
            }
        }
    }
}

fn kind(bytes: &[u8]) -> ErrorKind {
    xxgk::parse_bytes(bytes).unwrap_err().kind().clone()
}

#[test]
fn pdf_doc_rtf_and_other_zips_are_refused_with_advice() {
    // a PDF cut short is a damaged PDF (with the `pdf` feature), or refused
    // with advice (without it)
    match kind(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj") {
        ErrorKind::Document { format, .. } => assert_eq!(format, "PDF"),
        ErrorKind::UnsupportedFormat { format, advice } => {
            assert_eq!(format, "PDF");
            assert!(advice.contains("pdftotext -layout"), "{advice}");
        }
        k => panic!("{k:?}"),
    }
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0; 504]);
    match kind(&ole) {
        ErrorKind::UnsupportedFormat { format, advice } => {
            assert!(format.contains(".doc"), "{format}");
            assert!(advice.contains("docx"), "{advice}");
        }
        k => panic!("{k:?}"),
    }
    assert!(matches!(
        kind(b"{\\rtf1\\ansi hello}"),
        ErrorKind::UnsupportedFormat { format: "RTF", .. }
    ));
    // a zip without word/document.xml (an empty archive, and one with a file)
    assert!(matches!(
        kind(b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
        ErrorKind::UnsupportedFormat { .. }
    ));
    let zip = tiny_zip("report.txt", b"hello");
    match kind(&zip) {
        ErrorKind::UnsupportedFormat { format, .. } => assert!(format.contains("zip"), "{format}"),
        k => panic!("{k:?}"),
    }
    // a damaged docx: the name is there, the data is not
    let mut bad = tiny_zip("word/document.xml", b"<w:document><w:body><w:p>");
    let n = bad.len();
    bad.truncate(n - 30);
    assert!(matches!(
        kind(&bad),
        ErrorKind::Document { .. } | ErrorKind::UnsupportedFormat { .. }
    ));
    let broken = tiny_zip("word/document.xml", b"<w:document><w:body><w:p></w:body>");
    assert!(matches!(
        kind(&broken),
        ErrorKind::Document { format: "DOCX", .. }
    ));
}

/// A zip archive of one stored file (no compression).
fn tiny_zip(name: &str, data: &[u8]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let crc = crc32(data);
    let (n, len) = (name.len() as u16, data.len() as u32);
    let mut out = Vec::new();
    out.extend(b"PK\x03\x04");
    out.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.extend(crc.to_le_bytes());
    out.extend(len.to_le_bytes());
    out.extend(len.to_le_bytes());
    out.extend(n.to_le_bytes());
    out.extend([0, 0]);
    out.extend(name.as_bytes());
    out.extend(data);
    let central = out.len() as u32;
    out.extend(b"PK\x01\x02");
    out.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    out.extend(crc.to_le_bytes());
    out.extend(len.to_le_bytes());
    out.extend(len.to_le_bytes());
    out.extend(n.to_le_bytes());
    out.extend([0; 12]);
    out.extend(0u32.to_le_bytes());
    out.extend(name.as_bytes());
    let size = out.len() as u32 - central;
    out.extend(b"PK\x05\x06");
    out.extend([0, 0, 0, 0, 1, 0, 1, 0]);
    out.extend(size.to_le_bytes());
    out.extend(central.to_le_bytes());
    out.extend([0, 0]);
    out
}

#[test]
fn invalid_gb_bytes_are_an_encoding_error_at_their_offset() {
    let (mut bytes, _, _) = encoding_rs::GBK.encode("某镇2020年政府信息公开工作年度报告\n规章\t");
    let mut bytes = bytes.to_mut().clone();
    let at = bytes.len();
    bytes.extend([0x81, 0x20, b'1', b'\n']);
    match kind(&bytes) {
        ErrorKind::Encoding { position, reason } => {
            assert_eq!(position.byte, at);
            // after the title line and 规章 and its tab
            assert_eq!((position.line, position.column), (2, 4));
            assert!(
                reason.contains("gb18030") || reason.contains("GBK"),
                "{reason}"
            );
        }
        k => panic!("{k:?}"),
    }
    // declared by an HTML page: the same
    let mut page = b"<html><head><meta charset=\"gb2312\"></head><body><p>".to_vec();
    let at = page.len() + 4;
    page.extend(encoding_rs::GBK.encode("规章").0.iter());
    page.extend([0xFE, 0x7F]);
    page.extend(b"</p></body></html>");
    assert!(matches!(kind(&page), ErrorKind::Encoding { position, .. } if position.byte == at));
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in text.encode_utf16() {
        out.extend(if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_with_bom_text_and_html() {
    let seed =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/004_16b2a9bff0093b49.txt");
    let text = std::fs::read_to_string(seed).unwrap();
    let want = xxgk::parse(&text).unwrap();
    for little in [true, false] {
        let bytes = utf16(&text, little);
        let doc = Document::from_bytes(&bytes).unwrap();
        assert_eq!(doc.format(), Format::Text);
        let report = doc.parse().unwrap();
        assert_eq!(
            report.cells().collect::<Vec<_>>(),
            want.cells().collect::<Vec<_>>()
        );
        let key: CellKey = "applications.new_requests.total".parse().unwrap();
        let span = report.cell(key).unwrap().span.unwrap();
        assert_eq!(slice(&bytes, &doc, span), "0");
    }
    let page = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/003_e44e0baad4a434c0.html"),
    )
    .unwrap();
    let page = String::from_utf8(page).unwrap();
    let bytes = utf16(&page, true);
    let doc = Document::from_bytes(&bytes).unwrap();
    assert_eq!(
        (doc.format(), doc.encoding()),
        (Format::Html, Some("UTF-16LE"))
    );
    let a = doc.parse().unwrap();
    let b = xxgk::parse_bytes(page.as_bytes()).unwrap();
    assert_eq!(a.cells().collect::<Vec<_>>(), b.cells().collect::<Vec<_>>());
}

#[test]
fn sniffing_tells_text_from_html() {
    let seed = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seeds/004_16b2a9bff0093b49.txt"),
    )
    .unwrap();
    let doc = Document::from_bytes(&seed).unwrap();
    assert_eq!(
        (doc.format(), doc.encoding()),
        (Format::Text, Some("UTF-8"))
    );
    assert_eq!(doc.text().as_bytes(), &seed[..]);
    // a UTF-8 BOM is kept in the text, so that spans are offsets of the input
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(&seed);
    let report = xxgk::parse_bytes(&bom).unwrap();
    let span = report.title_span.unwrap();
    assert_eq!(&bom[span.range()], report.title.clone().unwrap().as_bytes());
    // a fragment of HTML without <html>
    let frag = "<p>某镇2020年政府信息公开工作年度报告</p><p>一、总体情况</p><table><tr><td>规章<td>1</table>";
    assert_eq!(
        Document::from_bytes(frag.as_bytes()).unwrap().format(),
        Format::Html
    );
    // the bytes decide, not the declaration: a UTF-8 page that says gb2312
    let page = "<html><head><meta charset=gb2312></head><body><p>一、总体情况</p></body></html>";
    let doc = Document::from_bytes(page.as_bytes()).unwrap();
    assert_eq!(
        (doc.format(), doc.encoding()),
        (Format::Html, Some("UTF-8"))
    );
    assert_eq!(doc.text(), "一、总体情况\n");
}

#[test]
fn not_a_report_positions_point_into_the_input() {
    let page = "<html>\n<head><title>x</title></head>\n<body>\n<p>  天气预报</p></body></html>";
    let err = xxgk::parse_bytes(page.as_bytes()).unwrap_err();
    match err.kind() {
        ErrorKind::NotAReport {
            position, found, ..
        } => {
            assert_eq!(found, "天气预报");
            assert_eq!(
                &page[position.byte..position.byte + "天气预报".len()],
                "天气预报"
            );
            assert_eq!(position.line, 4);
        }
        k => panic!("{k:?}"),
    }
}

#[test]
fn a_figure_merged_over_two_rows_is_blank_with_a_diagnostic() {
    let page = "<p>某镇2020年政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>\
        <tr><td colspan=4>第二十条第（六）项</td></tr>\
        <tr><td>信息内容</td><td>上一年项目数量</td><td>本年增/减</td><td>处理决定数量</td></tr>\
        <tr><td>行政处罚</td><td rowspan=2>5</td><td>0</td><td>3</td></tr>\
        <tr><td>行政强制</td><td>0</td><td>1</td></tr></table>";
    let report = xxgk::parse_bytes(page.as_bytes()).unwrap();
    let get = |k: &str| report.value(k.parse().unwrap()).to_string();
    assert_eq!(get("active.penalty.last_year"), "");
    assert_eq!(get("active.coercion.last_year"), "");
    assert_eq!(get("active.penalty.decisions"), "3");
    assert_eq!(get("active.coercion.decisions"), "1");
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("merged over 2 rows"))
        .expect("a diagnostic for the merged figure");
    assert_eq!(&page[d.span.unwrap().range()], "5");
}

#[test]
fn a_listing_page_is_not_a_report() {
    // five titles with their dates, no section, no table: a portal's list of
    // reports, as HTML and as the text a browser leaves
    for (file, line) in [
        ("tests/refused/listing_page.html", 12),
        ("tests/refused/listing_page.txt", 1),
    ] {
        let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        let err = xxgk::parse_bytes(&bytes).unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::NotAReport { .. }),
            "{file}: {err}"
        );
        assert_eq!(err.position().map(|p| p.line), Some(line), "{file}");
        assert!(err.to_string().contains("listing page"), "{err}");
    }
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/refused/listing_page.txt"),
    )
    .unwrap();
    assert!(matches!(
        xxgk::parse(&text).unwrap_err().kind(),
        ErrorKind::NotAReport { .. }
    ));
    // one title alone is no report either; a title with one section is
    let title = "某县统计局2021年政府信息公开工作年度报告\n";
    assert!(xxgk::parse(title).is_err());
    let report = xxgk::parse(&format!("{title}一、总体情况\n正文。\n")).unwrap();
    assert_eq!(report.organ.as_deref(), Some("某县统计局"));
}

#[test]
fn a_page_s_label_cell_is_not_part_of_the_organ() {
    // a portal's metadata table before the report (a page fragment): `名称 | <title>`
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html/w2021_web.html");
    let page = std::fs::read_to_string(path).unwrap();
    let meta = "<table class=\"xxgk_meta\"><tr><td>索引号</td><td>11530000MB0000000X/2023-00012</td>\
        <td>主题分类</td><td>政务公开</td></tr><tr><td>名称</td><td colspan=\"3\">\
        清溪县白石镇人民政府2022年度政府信息公开工作年度报告</td></tr><tr><td>发布机构</td>\
        <td>清溪县白石镇人民政府</td><td>发布日期</td><td>2023-01-18</td></tr></table>";
    let page = format!("{meta}{page}");
    let report = xxgk::parse_bytes(page.as_bytes()).unwrap();
    assert_eq!(report.organ.as_deref(), Some("清溪县白石镇人民政府"));
    assert_eq!(
        report.title.as_deref(),
        Some("清溪县白石镇人民政府2022年度政府信息公开工作年度报告")
    );
    assert_eq!(report.year, Some(2022));
}
