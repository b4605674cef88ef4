//! Properties of `parse` on arbitrary input: it never panics, and every
//! position it reports (figures, labels, headings, diagnostics, errors) lies
//! inside the input, on a char boundary.
//!
//! `PROPTEST_CASES=10000 cargo test --release --test properties` runs more cases.

use proptest::prelude::*;

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

fn check_spans(text: &str) {
    let inside = |start: usize, end: usize| {
        assert!(
            start <= end && end <= text.len(),
            "span {start}..{end} outside {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "span {start}..{end} not on char boundaries"
        );
    };
    match xxgk::parse(text) {
        Ok(report) => {
            for (key, _) in report.cells() {
                if let Some(span) = report.cell(key).and_then(|c| c.span) {
                    inside(span.start, span.end);
                }
            }
            for d in &report.diagnostics {
                if let Some(span) = d.span {
                    inside(span.start, span.end);
                }
            }
            for s in &report.sections {
                inside(s.heading_span.start, s.heading_span.end);
                inside(s.body_span.start, s.body_span.end);
            }
            for e in &report.extra_rows {
                inside(e.label_span.start, e.label_span.end);
            }
            if let Some(span) = report.title_span {
                inside(span.start, span.end);
            }
        }
        Err(e) => {
            if let Some(p) = e.position() {
                inside(p.byte, p.byte);
            }
        }
    }
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
