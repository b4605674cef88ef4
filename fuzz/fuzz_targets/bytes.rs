//! `parse_bytes` on documents of every front end, built from the fuzzer's
//! bytes. The first byte picks how the rest is read:
//!
//! - 0: the bytes themselves (text in any encoding, HTML, a zip, binary);
//! - 1: the bytes as `word/document.xml` of a `.docx` (seeded with the
//!   document parts of the `.docx` fixtures);
//! - 2: an HTML page of nested tables, with `colspan`, `rowspan` (0 too),
//!   row groups and missing end tags, built with `arbitrary` from template
//!   labels (`xxgk::__fuzz::template_labels`), figures and text;
//! - 3: a `.docx` of nested tables with `gridSpan`, `vMerge` and
//!   `gridBefore`, built the same way.
//!
//! Each document gets the check of the `parse` target (no panic, every span
//! inside the input, the renderer round trip: `tests/support/spans.rs`) and
//! is parsed again under tight limits, which must end in a report or an
//! error, never a panic.
#![no_main]

use std::io::Write;
use std::sync::LazyLock;

use libfuzzer_sys::arbitrary::{Result, Unstructured};

#[path = "../../tests/support/spans.rs"]
mod spans;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let input = match mode % 4 {
        0 => rest.to_vec(),
        1 => docx(rest),
        2 => {
            let mut out = String::new();
            let _ = html(&mut Unstructured::new(rest), &mut out);
            out.into_bytes()
        }
        _ => {
            let mut out = String::new();
            let _ = docx_body(&mut Unstructured::new(rest), &mut out);
            docx(document_xml(&out).as_bytes())
        }
    };
    spans::check_input(&input);
    let tight = xxgk::Options::new().limits(
        xxgk::Limits::default()
            .max_depth(2)
            .max_table_cells(40)
            .max_xml_bytes(1 << 14),
    );
    let _ = xxgk::parse_bytes_with(&input, &tight);
});

/// Text of cells and lines besides the table labels: a title, the section
/// headings, template wording as written before normalization, figures.
const WORDS: &[&str] = &[
    "某县人民政府2020年政府信息公开工作年度报告",
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
    "第二十条第（一）项",
    "金额",
    "（单位：万元）",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "0",
    "1",
    "12",
    "170万",
    "3.5",
    "-",
    "/",
    "　",
];

/// The labels the parser knows the rows and headers of the three tables by,
/// both editions.
static LABELS: LazyLock<Vec<&'static str>> = LazyLock::new(xxgk::__fuzz::template_labels);

/// A cell or line of text: a word, a number, or a few arbitrary chars.
fn words(u: &mut Unstructured<'_>, escape: fn(&str) -> String) -> Result<String> {
    let mut s = String::new();
    for _ in 0..u.int_in_range(0..=2)? {
        match u.int_in_range(0..=3)? {
            0 => s.push_str(u.choose(WORDS)?),
            1 => s.push_str(u.choose(&LABELS)?),
            2 => s.push_str(&u.int_in_range(0..=99_999u32)?.to_string()),
            _ => {
                let len = u.int_in_range(0..=4)?;
                let t: String = (0..len)
                    .map(|_| u.arbitrary::<char>())
                    .collect::<Result<_>>()?;
                s.push_str(&escape(&t));
            }
        }
    }
    Ok(s)
}

fn escape_xml(s: &str) -> String {
    s.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}'))
        .map(|c| match c {
            '<' => "&lt;".to_string(),
            '&' => "&amp;".to_string(),
            '>' => "&gt;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn keep(s: &str) -> String {
    s.to_string()
}

/// An HTML page: a title line, then lines and tables nested up to four deep.
fn html(u: &mut Unstructured<'_>, out: &mut String) -> Result<()> {
    out.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>");
    html_blocks(u, out, 0)?;
    if u.arbitrary()? {
        out.push_str("</body></html>");
    }
    Ok(())
}

fn html_blocks(u: &mut Unstructured<'_>, out: &mut String, depth: usize) -> Result<()> {
    for _ in 0..u.int_in_range(0..=4)? {
        match u.int_in_range(0..=4)? {
            0 => out.push_str(&format!("<p>{}</p>", words(u, keep)?)),
            1 => out.push_str(&format!("{}<br>", words(u, keep)?)),
            2 => out.push_str(&format!("<div>{}", words(u, keep)?)),
            _ if depth < 4 => html_table(u, out, depth + 1)?,
            _ => out.push_str(&words(u, keep)?),
        }
    }
    Ok(())
}

fn html_table(u: &mut Unstructured<'_>, out: &mut String, depth: usize) -> Result<()> {
    out.push_str("<table border=\"1\">");
    for _ in 0..u.int_in_range(0..=8)? {
        if u.ratio(1, 6)? {
            out.push_str(u.choose(&["<tbody>", "<thead>", "</tbody>", "<tfoot>"])?);
        }
        out.push_str("<tr>");
        for _ in 0..u.int_in_range(0..=7)? {
            let tag = if u.ratio(1, 5)? { "th" } else { "td" };
            out.push('<');
            out.push_str(tag);
            if u.ratio(1, 4)? {
                out.push_str(&format!(" colspan=\"{}\"", u.int_in_range(0..=4)?));
            }
            if u.ratio(1, 3)? {
                out.push_str(&format!(" rowspan=\"{}\"", u.int_in_range(0..=5)?));
            }
            out.push('>');
            if depth < 4 && u.ratio(1, 10)? {
                html_blocks(u, out, depth)?;
            } else {
                out.push_str(&words(u, keep)?);
            }
            if u.arbitrary()? {
                out.push_str(&format!("</{tag}>"));
            }
        }
        if u.arbitrary()? {
            out.push_str("</tr>");
        }
    }
    if u.ratio(7, 8)? {
        out.push_str("</table>");
    }
    Ok(())
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// The body of a `word/document.xml`: paragraphs and tables nested up to
/// four deep.
fn docx_body(u: &mut Unstructured<'_>, out: &mut String) -> Result<()> {
    docx_blocks(u, out, 0)
}

fn docx_blocks(u: &mut Unstructured<'_>, out: &mut String, depth: usize) -> Result<()> {
    for _ in 0..u.int_in_range(0..=4)? {
        match u.int_in_range(0..=3)? {
            0 | 1 => out.push_str(&paragraph(&words(u, escape_xml)?)),
            _ if depth < 4 => docx_table(u, out, depth + 1)?,
            _ => out.push_str(&paragraph(&words(u, escape_xml)?)),
        }
    }
    Ok(())
}

fn docx_table(u: &mut Unstructured<'_>, out: &mut String, depth: usize) -> Result<()> {
    out.push_str("<w:tbl><w:tblPr/>");
    for _ in 0..u.int_in_range(0..=8)? {
        out.push_str("<w:tr>");
        if u.ratio(1, 8)? {
            out.push_str(&format!(
                "<w:trPr><w:gridBefore w:val=\"{}\"/></w:trPr>",
                u.int_in_range(0..=3)?
            ));
        }
        for _ in 0..u.int_in_range(0..=7)? {
            out.push_str("<w:tc><w:tcPr>");
            if u.ratio(1, 4)? {
                out.push_str(&format!(
                    "<w:gridSpan w:val=\"{}\"/>",
                    u.int_in_range(0..=4)?
                ));
            }
            match u.int_in_range(0..=5)? {
                0 => out.push_str("<w:vMerge w:val=\"restart\"/>"),
                1 => out.push_str("<w:vMerge/>"),
                2 => out.push_str("<w:vMerge w:val=\"continue\"/>"),
                _ => {}
            }
            out.push_str("</w:tcPr>");
            if depth < 4 && u.ratio(1, 10)? {
                docx_blocks(u, out, depth)?;
            }
            out.push_str(&paragraph(&words(u, escape_xml)?));
            out.push_str("</w:tc>");
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    Ok(())
}

fn document_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    )
}

/// A `.docx` package (stored, not deflated) whose `word/document.xml` is `xml`.
fn docx(xml: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let parts: [(&str, &[u8]); 3] = [
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", xml),
    ];
    for (name, data) in parts {
        zip.start_file(name, stored).expect("a zip entry");
        zip.write_all(data).expect("written to memory");
    }
    zip.finish().expect("a zip").into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
