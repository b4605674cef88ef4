//! Properties of `parse` and `parse_bytes` on arbitrary input: they never
//! panic, every position they report (figures, labels, headings, diagnostics,
//! errors) lies inside the input, on a char boundary, and a report with all
//! three tables survives the renderer's round trip (`tests/support/spans.rs`).
//!
//! `PROPTEST_CASES=10000 cargo test --release --test properties` runs more cases.

use proptest::prelude::*;

#[path = "support/spans.rs"]
mod spans;

/// Pieces of real reports, so that random text reaches deep into the grammar.
const PIECES: &[&str] = &[
    "一、总体情况\n",
    "二、主动公开政府信息情况\n",
    "三、收到和处理政府信息公开申请情况\n",
    "四、政府信息公开行政复议、行政诉讼情况\n",
    "第二十条第（一）项\n",
    "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n",
    "规章\t",
    "行政规范性文件\n",
    "\t0\t",
    "12",
    "+19",
    "-8",
    "0/0",
    "57万元",
    "251000元",
    "/",
    "—",
    "\n\n",
    "一、本年新收政府信息公开申请数量",
    "（三）不予公开",
    "1.属于国家秘密",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
    "行政复议",
    "结果维持",
    "总计",
    " | ",
    "|",
    "\t",
    "  ",
    "[bookmark: _GoBack]",
    "\u{feff}",
    "\u{3000}",
    "\u{a0}",
    "ｅ\u{301}",
    "１２",
    "（",
    "）",
    "统计期限自2020年1月1日起至2020年12月31日止",
    "XX局2021年政府信息公开工作年度报告\n",
    "地址：",
    "电话：0938-6521510",
    "\r\n",
    "\u{c}",
    "— 3 —\n",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => any::<String>(),
            1 => "[0-9]{1,25}",
        ],
        0..120,
    )
    .prop_map(|parts| parts.concat())
}

/// Parses the text (as `parse` and as `parse_bytes`) and checks every
/// position in the results (`tests/support/spans.rs`, shared with the fuzz
/// target `parse`).
fn check_spans(text: &str) {
    spans::check_input(text.as_bytes());
}

proptest! {
    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        check_spans(&text);
    }

    #[test]
    fn report_like_text_never_panics(text in report_like()) {
        check_spans(&text);
    }
}
