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
