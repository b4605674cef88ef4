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
