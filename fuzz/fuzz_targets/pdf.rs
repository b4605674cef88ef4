//! The PDF front end never panics, hangs or runs out of memory on arbitrary
//! bytes behind a PDF header (damaged cross-reference tables, streams,
//! fonts, content operators), and the spans of what it reads lie inside
//! `Document::text` on char boundaries (the check is `tests/support/spans.rs`).
#![no_main]

#[path = "../../tests/support/spans.rs"]
mod spans;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    if bytes.starts_with(b"%PDF-") {
        spans::check_input(bytes);
    } else {
        spans::check_input(&[b"%PDF-1.7\n", bytes].concat());
    }
});
