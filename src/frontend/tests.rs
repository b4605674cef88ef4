use super::*;

#[test]
fn utf8_text_reads_as_parse_does() {
    let text = include_str!("../../tests/fixtures/seeds/000_9adbf800e6ecf4be.txt");
    let doc = Document::from_bytes(text.as_bytes()).unwrap();
    assert_eq!(doc.format(), Format::Text);
    assert_eq!(doc.parse().unwrap(), crate::parse(text).unwrap());
}

#[test]
fn errors_in_gb18030_text_point_at_input_bytes() {
    let (bytes, _, _) = encoding_rs::GB18030.encode("\n\n  天气预报：晴");
    let err = parse_bytes(&bytes).unwrap_err();
    let ErrorKind::NotAReport {
        position, found, ..
    } = err.kind()
    else {
        panic!("{err:?}");
    };
    assert_eq!(found, "天气预报：晴");
    assert_eq!(position.byte, 4);
    assert_eq!((position.line, position.column), (3, 3));
}

#[test]
fn images_and_empty_input() {
    let err = parse_bytes(b"\x89PNG\r\n\x1a\n").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnsupportedFormat { .. }));
    let err = parse_bytes(b"").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NotAReport { .. }));
}

#[test]
fn binary_data_is_refused_as_such_not_as_an_encoding_error() {
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00".to_vec();
    bytes.extend((0u8..=255).cycle().take(4000));
    let err = parse_bytes(&bytes).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnsupportedFormat { format, .. } if format.starts_with("binary")),
        "{err:?}"
    );
    // UTF-16 text holds NUL bytes, and is text
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "政府信息公开".encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    assert!(!matches!(
        parse_bytes(&utf16).unwrap_err().kind(),
        ErrorKind::UnsupportedFormat { .. }
    ));
}

/// A report's HTML with rows of empty cells at the end of every table: each
/// becomes a line of tabs alone, so many that the text by itself would read
/// as a browser's `innerText` table (cells between lines of tabs).
#[cfg(feature = "html")]
fn with_empty_rows(page: &str, rows: usize) -> String {
    page.replace(
        "</table>",
        &format!(
            "{}</table>",
            "<tr><td></td><td></td><td></td></tr>".repeat(rows)
        ),
    )
}

#[cfg(feature = "html")]
#[test]
fn html_tables_are_read_as_the_tab_rows_they_were_written_as() {
    let page = include_str!("../../tests/fixtures/html/001_1bf17e5d24045e7c.html");
    let padded = with_empty_rows(page, 40);
    let doc = Document::from_bytes(padded.as_bytes()).unwrap();
    assert_eq!(doc.tables.len(), 3, "{:?}", doc.tables);
    for t in &doc.tables {
        assert!(doc.text()[t.clone()].ends_with("\t\t\n"));
    }
    let cells = |r: &AnnualReport| r.cells().collect::<Vec<_>>();
    let expected = cells(&parse_bytes(page.as_bytes()).unwrap());
    assert_eq!(cells(&doc.parse().unwrap()), expected);
    // the same text without what the front end knows guesses another layout
    let guessed = crate::parse(doc.text()).unwrap();
    assert_ne!(cells(&guessed), expected);
}
