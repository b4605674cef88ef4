//! Inputs made to be slow, of about `size` bytes each: one enormous line, a
//! flood of headings, of table labels, of digits, a report's middle repeated,
//! and labels with long runs of digits run into them. Shared by
//! `tests/hostile.rs` and `benches/parse.rs`.

/// `(name, text)` of every hostile input of about `size` bytes.
pub fn hostile(size: usize) -> Vec<(&'static str, String)> {
    let seed = include_str!("../fixtures/seeds/000_9adbf800e6ecf4be.txt");
    let from = seed
        .char_indices()
        .nth(seed.chars().count() / 3)
        .map_or(0, |(i, _)| i);
    let middle = &seed[from..];
    let times = |unit: &str| size / unit.len() + 1;
    let headings = "一、总体情况\n二、主动公开政府信息情况\n";
    let run = "一、本年新收政府信息公开申请数量123456789012345678901\n";
    vec![
        ("one_line", "政".repeat(size / 3)),
        ("headings", headings.repeat(times(headings))),
        (
            "labels",
            format!(
                "二、主动公开政府信息情况\n{}",
                "规章\n".repeat(times("规章\n"))
            ),
        ),
        (
            "digits",
            format!("二、主动公开政府信息情况\n规章\n{}", "1".repeat(size)),
        ),
        ("partial_templates", middle.repeat(times(middle))),
        (
            "run_together",
            format!(
                "三、收到和处理政府信息公开申请情况\n{}",
                run.repeat(times(run))
            ),
        ),
    ]
}
