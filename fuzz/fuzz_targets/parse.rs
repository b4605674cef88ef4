//! `parse` and `parse_bytes` never panic on arbitrary bytes, every span and
//! error position in their results lies inside the input, on a char boundary,
//! and their reports survive a round trip through the renderer (the check is
//! `tests/support/spans.rs`, which `tests/fuzz_regressions.rs` runs on the
//! inputs this target found).
#![no_main]

#[path = "../../tests/support/spans.rs"]
mod spans;

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| spans::check_input(bytes));
