//! Round trip: random reports of both editions, rendered in every layout with
//! the deviations real reports show (TEMPLATE.md §8), parse back to exactly
//! the figures rendered.
//!
//! The same reports squeezed onto one line as crawlers export them
//! (`' '.join(text.split())`) never read as a wrong figure, and squeezed
//! markdown, whose pipes keep every cell, reads back exactly.
//!
//! Each layout and edition is its own property, run 64 times by default:
//! `PROPTEST_CASES=1000 cargo test --release --test roundtrip` runs the full count.

mod support {
    pub mod perturb;
}

use proptest::prelude::*;
use support::perturb::{Perturbations, perturb};
use xxgk::render::{BlankMark, Layout, Renderer};
use xxgk::{
    Amount, AmountUnit, AnnualReport, CellKey, Change, ChangeForm, Contact, Date, Decimal, Edition,
    ExtraRow, ExtraValue, Period, Span, TableId, Value, ValueKind,
};

const ORGAN_PLACES: &[&str] = &[
    "某县",
    "兴国镇",
    "XX市",
    "北京市朝阳区",
    "固城镇",
    "青山湖区",
];
const ORGAN_BODIES: &[&str] = &[
    "人民政府",
    "人民政府办公室",
    "统计局",
    "教育局",
    "卫生健康委员会",
    "市场监督管理局",
    "",
];

fn count() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => (0u64..10).prop_map(Value::Count),
        3 => (0u64..1000).prop_map(Value::Count),
        1 => (0u64..10_000_000).prop_map(Value::Count),
        1 => Just(Value::Blank),
    ]
}

fn change() -> impl Strategy<Value = Value> {
    let change = |net, form| Value::Change(Change { net, form });
    prop_oneof![
        3 => (-500i64..500).prop_map(move |n| change(n, ChangeForm::Signed)),
        1 => (1i64..500, any::<bool>())
            .prop_map(move |(n, up)| change(if up { n } else { -n }, ChangeForm::Words)),
        1 => (0u64..20, 0u64..20).prop_map(move |(added, removed)| {
            change(added as i64 - removed as i64, ChangeForm::Split { added, removed })
        }),
        1 => Just(Value::Blank),
    ]
}

fn amount(edition: Edition) -> impl Strategy<Value = Value> {
    let units: Vec<AmountUnit> = match edition {
        Edition::E2019 => vec![
            AmountUnit::WanYuan,
            AmountUnit::Wan,
            AmountUnit::Yuan,
            AmountUnit::Unstated,
        ],
        // the 2021 edition and any later one: 万元 in the header
        _ => vec![AmountUnit::HeaderWanYuan, AmountUnit::WanYuan],
    };
    prop_oneof![
        4 => (0i128..10_000_000, 0u32..3, prop::sample::select(units)).prop_map(|(m, scale, unit)| {
            Value::Amount(Amount {
                written: Decimal::new(m, scale).unwrap(),
                unit,
            })
        }),
        1 => Just(Value::Blank),
    ]
}

fn value(kind: ValueKind, edition: Edition) -> BoxedStrategy<Value> {
    match kind {
        ValueKind::Count => count().boxed(),
        ValueKind::Change => change().boxed(),
        _ => amount(edition).boxed(),
    }
}

/// Rows provinces add to section 二 (TEMPLATE.md §8), with their values.
fn extra_rows() -> impl Strategy<Value = Vec<(String, Vec<u64>)>> {
    let labels = prop::sample::select(vec![
        "其他主动公开文件(含以本单位或本单位办公室名义正式签发的文件)",
        "其他主动公开文件",
    ]);
    prop::collection::vec(
        (labels, prop::collection::vec(0u64..100, 1..=3)).prop_map(|(l, v)| (l.to_string(), v)),
        0..=1,
    )
}

/// What a report may say around its tables: the publication date, the
/// statistics period (the calendar year reported on) and contact details.
#[derive(Debug, Clone)]
struct Surroundings {
    published: Option<(u8, u8)>,
    period: bool,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
}

fn surroundings() -> impl Strategy<Value = Surroundings> {
    (
        prop::option::of((1u8..=12, 1u8..=28)),
        any::<bool>(),
        prop::option::of("0[1-9][0-9]{2}-[1-9][0-9]{6}"),
        prop::option::of("[a-z]{3,8}@[a-z]{2,6}\\.gov\\.cn"),
        prop::option::of(prop::sample::select(vec![
            "某县人民路1号",
            "XX市府前街12号政务服务中心",
        ])),
    )
        .prop_map(|(published, period, phone, email, address)| Surroundings {
            published,
            period,
            phone,
            email,
            address: address.map(str::to_string),
        })
}

fn report(edition: Edition) -> impl Strategy<Value = AnnualReport> {
    let values: Vec<BoxedStrategy<Value>> = CellKey::all(edition)
        .map(|k| value(k.kind(), edition))
        .collect();
    (
        prop::sample::select(ORGAN_PLACES),
        prop::sample::select(ORGAN_BODIES),
        2019u16..=2026,
        values,
        extra_rows(),
        surroundings(),
    )
        .prop_map(move |(place, body, year, values, extras, around)| {
            let mut report = AnnualReport::new(edition);
            report.organ = Some(format!("{place}{body}"));
            report.year = Some(year);
            report.published = around.published.map(|(month, day)| Date {
                year: year + 1,
                month,
                day,
            });
            let nowhere = Span { start: 0, end: 0 };
            report.period = around.period.then_some(Period {
                from: Date {
                    year,
                    month: 1,
                    day: 1,
                },
                to: Date {
                    year,
                    month: 12,
                    day: 31,
                },
                span: nowhere,
            });
            report.contact = Contact::default();
            report.contact.address = around.address;
            report.contact.phone = around.phone;
            report.contact.email = around.email;
            for (key, value) in CellKey::all(edition).zip(values) {
                assert!(report.set(key, value));
            }
            report.extra_rows = extras
                .into_iter()
                .map(|(label, values)| ExtraRow {
                    table: TableId::Active,
                    label,
                    label_span: nowhere,
                    values: values
                        .into_iter()
                        .map(|n| ExtraValue {
                            value: Value::Count(n),
                            span: nowhere,
                        })
                        .collect(),
                })
                .collect();
            report
        })
}

fn cells(report: &AnnualReport) -> Vec<(CellKey, Value)> {
    report.cells().collect()
}

/// Parses the rendered text and checks it against the report rendered.
fn reads_back(report: &AnnualReport, layout: Layout, text: &str) -> Result<(), TestCaseError> {
    let back = xxgk::parse_bytes(text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("{layout}: {e}\n{text}")))?;
    let diagnostics: Vec<String> = back.diagnostics.iter().map(|d| d.to_string()).collect();
    let context = || format!("{layout}\n{}\n{text}", diagnostics.join("\n"));
    prop_assert_eq!(back.edition, report.edition, "{}", context());
    prop_assert_eq!(&back.organ, &report.organ, "{}", context());
    prop_assert_eq!(back.year, report.year, "{}", context());
    prop_assert_eq!(back.published, report.published, "{}", context());
    let period = |r: &AnnualReport| r.period.map(|p| (p.from, p.to));
    prop_assert_eq!(period(&back), period(report), "{}", context());
    prop_assert_eq!(&back.contact, &report.contact, "{}", context());
    for ((key, want), (_, got)) in cells(report).into_iter().zip(cells(&back)) {
        prop_assert_eq!(got, want, "{}: {}", key, context());
    }
    let extras = |r: &AnnualReport| -> Vec<(String, Vec<Value>)> {
        r.extra_rows
            .iter()
            .map(|e| {
                let label: String = e.label.chars().filter(|c| !c.is_whitespace()).collect();
                (label, e.values.iter().map(|v| v.value).collect())
            })
            .collect()
    };
    prop_assert_eq!(extras(&back), extras(report), "{}", context());
    Ok(())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

macro_rules! round_trips {
    ($($name:ident: $layout:expr, $edition:expr;)*) => {$(
        proptest! {
            #![proptest_config(config())]
            #[test]
            fn $name(
                report in report($edition),
                mark in prop::sample::select(BlankMark::ALL.to_vec()),
                perturbations in any::<Perturbations>(),
            ) {
                let layout = $layout;
                let text = Renderer::new(layout).blank(mark).render(&report);
                reads_back(&report, layout, &text)?;
                let perturbed = perturb(&text, layout, &perturbations);
                reads_back(&report, layout, &perturbed)?;
            }
        }
    )*};
}

round_trips! {
    word_cells_2019: Layout::WordCells, Edition::E2019;
    word_cells_2021: Layout::WordCells, Edition::E2021;
    web_cells_2019: Layout::WebCells, Edition::E2019;
    web_cells_2021: Layout::WebCells, Edition::E2021;
    tab_rows_2019: Layout::TabRows, Edition::E2019;
    tab_rows_2021: Layout::TabRows, Edition::E2021;
    pipe_rows_2019: Layout::PipeRows, Edition::E2019;
    pipe_rows_2021: Layout::PipeRows, Edition::E2021;
    markdown_2019: Layout::Markdown, Edition::E2019;
    markdown_2021: Layout::Markdown, Edition::E2021;
    pipe_cells_2019: Layout::PipeCells, Edition::E2019;
    pipe_cells_2021: Layout::PipeCells, Edition::E2021;
    html_2019: Layout::Html, Edition::E2019;
    html_2021: Layout::Html, Edition::E2021;
}

/// The text as crawler exports squeeze it: `' '.join(text.split())`.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses squeezed text: every figure read is the one rendered (a blank
/// cell leaves no trace once squeezed, so figures may be blank), and the
/// title's organ and year are read.
fn never_wrong(report: &AnnualReport, layout: Layout, text: &str) -> Result<(), TestCaseError> {
    let back =
        xxgk::parse(text).map_err(|e| TestCaseError::fail(format!("{layout}: {e}\n{text}")))?;
    prop_assert_eq!(&back.organ, &report.organ, "{}\n{}", layout, text);
    prop_assert_eq!(back.year, report.year, "{}\n{}", layout, text);
    for ((key, want), (_, got)) in cells(report).into_iter().zip(cells(&back)) {
        prop_assert!(
            got.is_blank() || got == want,
            "{}: {:?} for {:?}\n{}\n{}",
            key,
            got,
            want,
            layout,
            text
        );
    }
    Ok(())
}

macro_rules! squeezed {
    ($($name:ident: $layout:expr, $edition:expr;)*) => {$(
        proptest! {
            #![proptest_config(config())]
            #[test]
            fn $name(report in report($edition), mark in prop::sample::select(BlankMark::ALL.to_vec())) {
                let layout = $layout;
                let text = squeeze(&Renderer::new(layout).blank(mark).render(&report));
                never_wrong(&report, layout, &text)?;
                if layout == Layout::Markdown {
                    // the pipes keep every cell, blank ones too: exactly as rendered
                    reads_back(&report, layout, &text)?;
                }
            }
        }
    )*};
}

squeezed! {
    squeezed_markdown_2019: Layout::Markdown, Edition::E2019;
    squeezed_markdown_2021: Layout::Markdown, Edition::E2021;
    squeezed_web_cells_2019: Layout::WebCells, Edition::E2019;
    squeezed_web_cells_2021: Layout::WebCells, Edition::E2021;
    squeezed_tab_rows_2019: Layout::TabRows, Edition::E2019;
    squeezed_tab_rows_2021: Layout::TabRows, Edition::E2021;
    squeezed_word_cells_2021: Layout::WordCells, Edition::E2021;
}
