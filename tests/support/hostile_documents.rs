//! Documents made to be hard on the front ends: tables nested deep, cells
//! merged over many rows, rows under a row carried across the grid, tables
//! of many short cells; as HTML pages and `.docx` packages. Shared by
//! `tests/hostile.rs` and `benches/memory.rs`.

use std::io::Write;

const TITLE: &str = "某县人民政府2020年政府信息公开工作年度报告";

/// An HTML page of `rows` table rows of two short cells each (a label
/// the template does not have, and a figure).
pub fn html_rows(rows: usize) -> Vec<u8> {
    let mut s = format!(
        "<!DOCTYPE html><html><body><h1>{TITLE}</h1><p>二、主动公开政府信息情况</p><table>"
    );
    for i in 0..rows {
        s.push_str(&format!("<tr><td>项目</td><td>{}</td></tr>\n", i % 100));
    }
    s.push_str("</table></body></html>");
    s.into_bytes()
}

/// A text of `rows` rows of a template label and three figures, the worst
/// case of the grammar per byte.
pub fn text_rows(rows: usize) -> Vec<u8> {
    let mut s = format!("{TITLE}\n二、主动公开政府信息情况\n");
    for i in 0..rows {
        s.push_str(&format!("规章\t{}\t{}\t{}\n", i % 100, i % 7, i % 9));
    }
    s.into_bytes()
}

/// An HTML page whose first table row has `width` cells carried two rows
/// down and a last cell carried to the end of the table, then `rows`
/// rows of one cell: every row below crosses the wide row's columns.
pub fn html_wide_rowspan(width: usize, rows: usize) -> Vec<u8> {
    let mut s = format!("<!DOCTYPE html><html><body><h1>{TITLE}</h1><table><tr>");
    for _ in 0..width {
        s.push_str("<td rowspan=\"2\">a</td>");
    }
    s.push_str("<td rowspan=\"0\">b</td></tr>\n");
    for i in 0..rows {
        s.push_str(&format!("<tr><td>{}</td></tr>\n", i % 100));
    }
    s.push_str("</table></body></html>");
    s.into_bytes()
}

/// An HTML page of tables nested `depth` deep.
pub fn html_nested(depth: usize) -> Vec<u8> {
    let mut s = format!("<!DOCTYPE html><html><body><h1>{TITLE}</h1>");
    s.push_str(&"<table><tr><td>".repeat(depth));
    s.push_str("规章");
    s.push_str(&"</td></tr></table>".repeat(depth));
    s.push_str("</body></html>");
    s.into_bytes()
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

/// `word/document.xml` with `body` inside the body, after a title.
pub fn document_xml(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}{body}</w:body></w:document>",
        paragraph(TITLE)
    )
}

/// A `.docx` of tables nested `depth` deep.
pub fn docx_nested(depth: usize) -> Vec<u8> {
    let mut body = "<w:tbl><w:tr><w:tc>".repeat(depth);
    body.push_str(&paragraph("规章"));
    body.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
    docx(&document_xml(&body))
}

/// A `.docx` of one table: a label cell merged down (`w:vMerge`) over
/// `rows` rows, each with a figure beside it.
pub fn docx_vmerge(rows: usize) -> Vec<u8> {
    let mut body = String::from("<w:tbl>");
    for i in 0..rows {
        let merge = if i == 0 {
            "<w:vMerge w:val=\"restart\"/>"
        } else {
            "<w:vMerge/>"
        };
        let label = if i == 0 {
            "三、本年度办理结果"
        } else {
            ""
        };
        body.push_str(&format!(
            "<w:tr><w:tc><w:tcPr>{merge}</w:tcPr>{}</w:tc><w:tc>{}</w:tc></w:tr>",
            paragraph(label),
            paragraph(&(i % 100).to_string())
        ));
    }
    body.push_str("</w:tbl>");
    docx(&document_xml(&body))
}

/// A `.docx` of `rows` table rows of two short cells each (a label the
/// template does not have, and a figure).
pub fn docx_rows(rows: usize) -> Vec<u8> {
    let mut body = String::from("<w:tbl>");
    for i in 0..rows {
        body.push_str(&format!(
            "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
            paragraph("项目"),
            paragraph(&(i % 100).to_string())
        ));
    }
    body.push_str("</w:tbl>");
    docx(&document_xml(&body))
}

/// A `.docx` package (deflated) whose `word/document.xml` is `xml`.
pub fn docx(xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options)
        .expect("a zip entry");
    zip.write_all(xml.as_bytes()).expect("written to memory");
    zip.finish().expect("a zip").into_inner()
}

/// The size of the inflated `word/document.xml` of `docx(xml)`, for
/// costs per byte of XML.
pub fn xml_len(docx: &[u8]) -> usize {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let len = zip.by_name("word/document.xml").expect("the part").size();
    usize::try_from(len).expect("fits")
}
