//! Figures that section 一 (总体情况) states in words, compared with the tables.
//!
//! Only unambiguous statements are read, with nom combinators tried at every
//! character of the section's body (NFKC-normalized: ASCII digits, half-width
//! punctuation). A statement lies within one clause (no `,。;:` inside), its
//! figure is written in digits right after its subject, and a figure stated
//! twice with two values is not compared at all. Except for `新收`, the
//! template's own word, a statement counts only in a sentence about
//! disclosure: one that mentions `申请` and `信息公开` (or `依申请公开`) for
//! the requests, `信息公开` for reconsiderations and lawsuits, so that
//! `受理行政复议申请56件` (an organ deciding reconsiderations) or
//! `受理群众诉求320件,办结300件` is not read.
//!
//! | statement | figure |
//! |---|---|
//! | `新收…申请N件`, `新收N件…申请` | `new_requests.total` |
//! | `收到…申请N件`, `收到N件…申请`; `未收到…信息公开申请`, `无…信息公开申请` (0) | `new_requests.total`, or `new_requests.total + carried_over.total` (TEMPLATE.md §7 C.6: `收到` may count both); read only where `新收` is not stated |
//! | `上年结转N件`, `上年结转…申请N件` | `carried_over.total` |
//! | `办结N件`, `办结…申请N件` (not in a clause about 结转) | `outcome_total.total` |
//! | `结转下年度(继续办理)N件` | `carried_forward.total` |
//! | `行政复议(案件)N件/起/宗` | `reconsideration.total` |
//! | `行政诉讼(案件)N件/起/宗` (not after `直接`, `复议后`, `经复议`) | `litigation_direct.total + litigation_after_reconsideration.total` |
//! | `未发生/无/没有(因政府信息公开…)(被申请)行政复议(和被提起行政诉讼)(的情况)` | 0 for each named |

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::{digit1, satisfy, space0};
use nom::combinator::{eof, map, map_res, opt, peek, recognize, value, verify};
use nom::multi::{many_till, separated_list1};
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};

use crate::SectionKind;
use crate::{AnnualReport, ApplicantColumn, ApplicationRow, CellKey, ReviewColumn, ReviewRow};

use super::check::{Unchecked, broken, decimal, read};
use super::{Finding, Rule};

/// A figure that section 一 can state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Figure {
    /// `新收…申请N件`.
    NewRequests,
    /// `收到…申请N件`: new requests, perhaps with those carried over.
    Received,
    /// `上年结转N件`.
    CarriedOver,
    /// `办结N件`.
    OutcomeTotal,
    /// `结转下年度继续办理N件`.
    CarriedForward,
    /// `行政复议N件`.
    Reconsideration,
    /// `行政诉讼N件`.
    Litigation,
}

/// One figure stated in the prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Statement {
    pub(super) figure: Figure,
    pub(super) value: u64,
    /// The text the statement was read from, from the start of its clause.
    pub(super) text: String,
}

type Res<'a, T> = IResult<&'a str, T>;

/// A parser of one statement's figure.
type CountParser = fn(&str) -> Res<'_, u64>;

/// Characters that end a clause.
fn is_break(c: char) -> bool {
    matches!(c, ',' | '。' | ';' | ':' | '!' | '?' | '\n' | '\r')
}

/// Characters that end a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '\n' | '\r')
}

/// A character of a clause that is not a digit.
fn word_char(i: &str) -> Res<'_, char> {
    satisfy(|c| !is_break(c) && !c.is_ascii_digit()).parse(i)
}

/// The end of a clause (peeked, not consumed).
fn clause_end(i: &str) -> Res<'_, ()> {
    peek(alt((value((), eof), value((), satisfy(is_break))))).parse(i)
}

/// `N件` (also `起`, `宗`, `个`), spaces allowed around the number.
fn count(i: &str) -> Res<'_, u64> {
    terminated(
        delimited(space0, map_res(digit1, str::parse::<u64>), space0),
        alt((tag("件"), tag("起"), tag("宗"), tag("个"))),
    )
    .parse(i)
}

/// `共N件`, `为N件`, `N件`.
fn total_count(i: &str) -> Res<'_, u64> {
    preceded(
        opt(alt((tag("共计"), tag("合计"), tag("共"), tag("为")))),
        count,
    )
    .parse(i)
}

/// `申请N件`, `申请数量为N件`, `申请共N件`.
fn request_count(i: &str) -> Res<'_, u64> {
    preceded(
        (
            tag("申请"),
            opt(alt((
                tag("总数为"),
                tag("数量为"),
                tag("总数"),
                tag("数量"),
                tag("数为"),
                tag("数"),
            ))),
        ),
        total_count,
    )
    .parse(i)
}

/// After a subject (`新收`, `收到`, `上年结转`): `…申请N件` or `N件…申请`.
fn requests(i: &str) -> Res<'_, u64> {
    alt((
        map(many_till(word_char, request_count), |(_, n)| n),
        terminated(total_count, many_till(word_char, tag("申请"))),
    ))
    .parse(i)
}

fn new_requests(i: &str) -> Res<'_, u64> {
    preceded(alt((tag("新收到"), tag("新收"))), requests).parse(i)
}

fn received(i: &str) -> Res<'_, u64> {
    preceded(tag("收到"), requests).parse(i)
}

/// `未收到…申请`, `无…申请` at the end of a clause: no requests.
fn none_received(i: &str) -> Res<'_, u64> {
    let statement = (
        alt((
            tag("未收到"),
            tag("没有收到"),
            tag("未接到"),
            tag("未接收到"),
            tag("无"),
        )),
        many_till(
            word_char,
            (
                tag("申请"),
                opt(alt((tag("事项"), tag("情况")))),
                clause_end,
            ),
        ),
    );
    value(
        0,
        verify(recognize(statement), |s: &str| s.contains("信息公开")),
    )
    .parse(i)
}

fn carried_over(i: &str) -> Res<'_, u64> {
    preceded(
        alt((
            tag("上一年度结转"),
            tag("上一年结转"),
            tag("上年度结转"),
            tag("上年结转"),
        )),
        alt((total_count, requests)),
    )
    .parse(i)
}

fn carried_forward(i: &str) -> Res<'_, u64> {
    preceded(
        (
            tag("结转"),
            opt(alt((tag("至"), tag("到")))),
            alt((tag("下一年度"), tag("下年度"), tag("下一年"), tag("下年"))),
            opt(alt((
                tag("继续办理"),
                tag("继续处理"),
                tag("办理"),
                tag("处理"),
            ))),
            opt(tag("的")),
        ),
        alt((
            total_count,
            map(many_till(word_char, request_count), |(_, n)| n),
        )),
    )
    .parse(i)
}

fn outcome_total(i: &str) -> Res<'_, u64> {
    preceded(tag("办结"), alt((total_count, requests))).parse(i)
}

/// `行政复议N件` / `行政诉讼N件`, with `案件` or `申请` before the number.
fn review_count<'a>(noun: &'static str, i: &'a str) -> Res<'a, u64> {
    preceded(
        (tag(noun), opt(alt((tag("案件"), tag("申请"))))),
        total_count,
    )
    .parse(i)
}

fn reconsiderations(i: &str) -> Res<'_, u64> {
    review_count("行政复议", i)
}

fn lawsuits(i: &str) -> Res<'_, u64> {
    review_count("行政诉讼", i)
}

/// `未发生因政府信息公开申请行政复议、提起行政诉讼的情况`: 0 for each named.
fn no_review(i: &str) -> Res<'_, Vec<Figure>> {
    let negation = alt((
        tag("没有发生"),
        tag("未发生"),
        tag("未出现"),
        tag("未收到"),
        tag("未有"),
        tag("没有"),
        tag("无"),
    ));
    let cause = (
        opt(tag("因")),
        tag("政府信息公开"),
        opt(alt((tag("工作"), tag("申请")))),
        opt(tag("而")),
        opt(alt((tag("引起的"), tag("引发的"), tag("产生的")))),
    );
    let item = delimited(
        opt(alt((
            tag("被申请"),
            tag("被提起"),
            tag("申请"),
            tag("提起"),
            tag("被"),
        ))),
        alt((
            value(Figure::Reconsideration, tag("行政复议")),
            value(Figure::Litigation, tag("行政诉讼")),
        )),
        opt(tag("案件")),
    );
    let separator = alt((
        tag("以及"),
        tag("或者"),
        tag("和"),
        tag("、"),
        tag("及"),
        tag("与"),
        tag("或"),
    ));
    terminated(
        preceded(
            (negation, opt(recognize(cause))),
            separated_list1(separator, item),
        ),
        (
            opt(tag("的")),
            opt(alt((tag("情况"), tag("案件"), tag("事件"), tag("事项")))),
            clause_end,
        ),
    )
    .parse(i)
}

/// The statement that starts at byte `at` of `body`, with its length.
fn statement_at(body: &str, at: usize) -> Option<(usize, Vec<(Figure, u64)>)> {
    let rest = &body[at..];
    // the first characters of every statement, to skip the rest of the text fast
    if !rest.starts_with(['未', '没', '无', '新', '收', '上', '结', '办', '行']) {
        return None;
    }
    let clause = body[..at]
        .rfind(is_break)
        .map_or(&body[..at], |p| &body[p..at]);
    let len = |after: &str| rest.len() - after.len();
    if let Ok((after, figures)) = no_review(rest) {
        return Some((len(after), figures.into_iter().map(|f| (f, 0)).collect()));
    }
    // the sentence around: what the statement is about
    let start = body[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends_sentence(c))
        .map_or(0, |(p, c)| p + c.len_utf8());
    let end = rest.find(ends_sentence).map_or(body.len(), |p| at + p);
    let sentence = &body[start..end];
    let on_requests = sentence.contains("申请")
        && (sentence.contains("信息公开") || sentence.contains("依申请公开"));
    let on_disclosure = sentence.contains("信息公开");
    let negated = ["未", "没有", "无", "新"]
        .iter()
        .any(|n| clause.ends_with(n));
    let parsers: [(Figure, CountParser, bool); 8] = [
        (Figure::Received, none_received, true),
        (Figure::NewRequests, new_requests, true),
        (Figure::Received, received, on_requests && !negated),
        (Figure::CarriedOver, carried_over, on_requests),
        (Figure::CarriedForward, carried_forward, on_requests),
        (
            Figure::OutcomeTotal,
            outcome_total,
            on_requests && !clause.contains("结转"),
        ),
        (Figure::Reconsideration, reconsiderations, on_disclosure),
        (
            Figure::Litigation,
            lawsuits,
            on_disclosure
                && !["直接", "复议后", "经复议"]
                    .iter()
                    .any(|w| clause.contains(w)),
        ),
    ];
    parsers
        .iter()
        .filter(|(_, _, allowed)| *allowed)
        .find_map(|&(figure, parser, _)| {
            parser(rest)
                .ok()
                .map(|(after, n)| (len(after), vec![(figure, n)]))
        })
}

/// Every statement of a figure in `body`, in order.
pub(super) fn statements(body: &str) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(c) = body[at..].chars().next() {
        match statement_at(body, at) {
            Some((len, found)) if len > 0 => {
                // quoted from the start of the clause, for context
                let start = body[..at]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| is_break(c))
                    .map_or(0, |(p, c)| p + c.len_utf8());
                let text = body[start..at + len].trim().to_string();
                out.extend(found.into_iter().map(|(figure, value)| Statement {
                    figure,
                    value,
                    text: text.clone(),
                }));
                at += len;
            }
            _ => at += c.len_utf8(),
        }
    }
    out
}

/// The one value stated for a figure, `Err` with the quotes when the prose
/// states two different values, `Ok(None)` when it states none.
fn stated(statements: &[Statement], figure: Figure) -> Result<Option<(u64, String)>, Vec<String>> {
    let of: Vec<&Statement> = statements.iter().filter(|s| s.figure == figure).collect();
    let Some(first) = of.first() else {
        return Ok(None);
    };
    if of.iter().all(|s| s.value == first.value) {
        Ok(Some((first.value, first.text.clone())))
    } else {
        Err(of.iter().map(|s| format!("«{}»", s.text)).collect())
    }
}

/// One prose figure against the sum of table cells.
struct Comparison {
    rule: Rule,
    figure: Figure,
    cells: &'static [CellKey],
    /// Also accepted: the sum of these cells (`收到` = new + carried over).
    or_cells: &'static [CellKey],
    en: &'static str,
    zh: &'static str,
}

use ApplicantColumn::Total as T;
use ApplicationRow as AR;

const NEW: CellKey = CellKey::Applications(AR::NewRequests, T);
const OVER: CellKey = CellKey::Applications(AR::CarriedOver, T);
const OUTCOME: CellKey = CellKey::Applications(AR::OutcomeTotal, T);
const FORWARD: CellKey = CellKey::Applications(AR::CarriedForward, T);
const RECONSIDERATION: CellKey =
    CellKey::ReviewLitigation(ReviewRow::Reconsideration, ReviewColumn::Total);
const DIRECT: CellKey = CellKey::ReviewLitigation(ReviewRow::LitigationDirect, ReviewColumn::Total);
const AFTER: CellKey = CellKey::ReviewLitigation(
    ReviewRow::LitigationAfterReconsideration,
    ReviewColumn::Total,
);

const COMPARISONS: &[Comparison] = &[
    Comparison {
        rule: Rule::ProseNewRequests,
        figure: Figure::NewRequests,
        cells: &[NEW],
        or_cells: &[],
        en: "new_requests.total",
        zh: "本年新收申请数(总计)",
    },
    Comparison {
        rule: Rule::ProseNewRequests,
        figure: Figure::Received,
        cells: &[NEW],
        or_cells: &[NEW, OVER],
        en: "new_requests.total (or new_requests.total + carried_over.total)",
        zh: "本年新收申请数(或本年新收与上年结转之和)",
    },
    Comparison {
        rule: Rule::ProseCarriedOver,
        figure: Figure::CarriedOver,
        cells: &[OVER],
        or_cells: &[],
        en: "carried_over.total",
        zh: "上年结转申请数(总计)",
    },
    Comparison {
        rule: Rule::ProseOutcomeTotal,
        figure: Figure::OutcomeTotal,
        cells: &[OUTCOME],
        or_cells: &[],
        en: "outcome_total.total",
        zh: "办理结果（七）总计",
    },
    Comparison {
        rule: Rule::ProseCarriedForward,
        figure: Figure::CarriedForward,
        cells: &[FORWARD],
        or_cells: &[],
        en: "carried_forward.total",
        zh: "结转下年度继续办理数(总计)",
    },
    Comparison {
        rule: Rule::ProseReconsideration,
        figure: Figure::Reconsideration,
        cells: &[RECONSIDERATION],
        or_cells: &[],
        en: "reconsideration.total",
        zh: "行政复议总计",
    },
    Comparison {
        rule: Rule::ProseLitigation,
        figure: Figure::Litigation,
        cells: &[DIRECT, AFTER],
        or_cells: &[],
        en: "litigation_direct.total + litigation_after_reconsideration.total",
        zh: "行政诉讼总计(未经复议直接起诉与复议后起诉之和)",
    },
];

pub(super) fn check(report: &AnnualReport, out: &mut Vec<Finding>) {
    let Some(section) = report.section(SectionKind::Overview) else {
        return;
    };
    let found = statements(&section.body);
    let mut new_stated = false;
    for c in COMPARISONS {
        // `新收` says it plainly; `收到` is read only where `新收` is not stated.
        if c.figure == Figure::Received && new_stated {
            continue;
        }
        let table_present = match c.cells[0].table() {
            crate::TableId::Applications => report.applications.is_some(),
            _ => report.review_litigation.is_some(),
        };
        let mut unchecked = Unchecked::new(c.rule);
        match stated(&found, c.figure) {
            Ok(None) => {}
            Err(quotes) => {
                let mut twice = Unchecked::because(
                    c.rule,
                    "section 1 states different figures for it",
                    "第一部分对同一数字有不同表述",
                );
                twice.add(quotes.join(" "), quotes.join(""), &[]);
                twice.finish(out);
            }
            Ok(Some(_)) if !table_present => {}
            Ok(Some((n, quote))) => {
                if c.figure == Figure::NewRequests {
                    new_stated = true;
                }
                compare(report, c, n, &quote, &mut unchecked, out);
            }
        }
        unchecked.finish(out);
    }
}

fn sum(report: &AnnualReport, cells: &[CellKey]) -> Result<i128, Vec<CellKey>> {
    read(report, cells).map(|v| v.iter().sum())
}

fn compare(
    report: &AnnualReport,
    c: &Comparison,
    n: u64,
    quote: &str,
    unchecked: &mut Unchecked,
    out: &mut Vec<Finding>,
) {
    let table = match sum(report, c.cells) {
        Ok(v) => v,
        Err(blanks) => {
            return unchecked.add(format!("«{quote}»"), format!("“{quote}”"), &blanks);
        }
    };
    let stated = i128::from(n);
    if stated == table {
        return;
    }
    if !c.or_cells.is_empty() {
        match sum(report, c.or_cells) {
            Ok(v) if v == stated => return,
            Ok(_) => {}
            Err(blanks) => {
                return unchecked.add(format!("«{quote}»"), format!("“{quote}”"), &blanks);
            }
        }
    }
    let mut cells = c.cells.to_vec();
    cells.extend(c.or_cells.iter().filter(|k| !c.cells.contains(k)));
    out.push(broken(
        c.rule,
        cells,
        decimal(table),
        decimal(stated),
        format!("第一部分称“{quote}”,即 {n},而表格中{}为 {table}", c.zh),
        format!(
            "section 1 states «{quote}», that is {n}, but the table's {} is {table}",
            c.en
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::{Figure, statements};
    use crate::validate::testutil::{broken, bump, dec, fixture, keys, of, set};
    use crate::validate::{Rule, Severity, Status, validate};
    use crate::{SectionKind, Value};

    fn read(text: &str) -> Vec<(Figure, u64)> {
        statements(text)
            .into_iter()
            .map(|s| (s.figure, s.value))
            .collect()
    }

    use Figure::*;

    #[test]
    fn new_requests() {
        for (text, n) in [
            ("全年新收政府信息公开申请222件,", 222),
            ("本年新收到政府信息公开申请 12 件。", 12),
            ("共新收申请数量为5件", 5),
            ("新收依申请公开申请3件", 3),
            ("本年新收9件政府信息公开申请", 9),
            ("新收申请共计4件", 4),
        ] {
            assert_eq!(read(text), [(NewRequests, n)], "{text}");
        }
    }

    #[test]
    fn received() {
        for (text, n) in [
            ("全年收到政府信息公开申请223件,", 223),
            ("共收到各类依申请公开申请7件", 7),
            ("收到3件政府信息公开申请", 3),
            ("全年未收到政府信息公开申请。", 0),
            ("本年度无政府信息公开申请", 0),
        ] {
            assert_eq!(read(text), [(Received, n)], "{text}");
        }
    }

    #[test]
    fn carried_and_completed() {
        assert_eq!(
            read(
                "全年新收政府信息公开申请222件,上年结转12件,办结223件,结转下年度继续办理11件,均按时答复。"
            ),
            [
                (NewRequests, 222),
                (CarriedOver, 12),
                (OutcomeTotal, 223),
                (CarriedForward, 11)
            ]
        );
        assert_eq!(read("上年度结转政府信息公开申请2件"), [(CarriedOver, 2)]);
        assert_eq!(
            read("政府信息公开申请结转至下一年度办理的申请3件"),
            [(CarriedForward, 3)]
        );
        assert_eq!(
            read("全年新收政府信息公开申请419件,上年结转18件,按时办结416件"),
            [(NewRequests, 419), (CarriedOver, 18), (OutcomeTotal, 416)]
        );
        assert_eq!(read("已办结政府信息公开申请5件"), [(OutcomeTotal, 5)]);
    }

    #[test]
    fn review_and_litigation() {
        assert_eq!(
            read("本年度因政府信息公开工作被申请行政复议2件,被提起行政诉讼3件。"),
            [(Reconsideration, 2), (Litigation, 3)]
        );
        assert_eq!(
            read("因政府信息公开工作被申请行政复议8件、被提起行政诉讼12件。"),
            [(Reconsideration, 8), (Litigation, 12)]
        );
        assert_eq!(
            read("因政府信息公开引发行政复议案件1起"),
            [(Reconsideration, 1)]
        );
        assert_eq!(
            read("涉及政府信息公开的行政诉讼案件共4宗"),
            [(Litigation, 4)]
        );
    }

    #[test]
    fn nothing_happened_means_zero() {
        for text in [
            "未发生行政复议",
            "无行政复议。",
            "全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。",
            "本年度没有因政府信息公开工作被申请行政复议和被提起行政诉讼案件",
            "无政府信息公开行政复议及行政诉讼,",
        ] {
            let found = read(text);
            assert_eq!(found[0], (Reconsideration, 0), "{text}");
            if text.contains("诉讼") {
                assert_eq!(found[1..], [(Litigation, 0)], "{text}");
            } else {
                assert_eq!(found.len(), 1, "{text}");
            }
        }
        assert_eq!(read("未发生行政诉讼。"), [(Litigation, 0)]);
    }

    #[test]
    fn ambiguous_statements_are_not_read() {
        for text in [
            "全年督促和协助县政府其他部门办理依申请公开事项6起",
            "行政复议和行政诉讼各1件",
            "未经复议直接提起行政诉讼2件",
            "经行政复议后提起行政诉讼1件",
            "无行政复议纠正的案件",
            "办结率100%",
            "上年结转的申请已办结2件",
            "全年主动公开政府信息412条",
            "收到2020年度政府信息公开申请5件",
            "未收到申请人补正材料",
            "新收到的申请均已答复",
            "全年回应公众关注热点或重大舆情数0次",
            // not about disclosure
            "全年受理行政复议申请56件,审结50件。",
            "受理群众诉求320件,办结300件,结转下年度20件。",
            "收到低保申请3件",
            "群众无需申请即可查阅",
            "按时办结416件",
            "共收到各类申请7件",
            "被提起行政诉讼3件",
        ] {
            assert_eq!(read(text), [], "{text}");
        }
    }

    #[test]
    fn written_fixtures_agree_with_their_tables() {
        for name in [
            "written/w2019_indented.txt",
            "written/w2019_tabs.txt",
            "written/w2019_web.txt",
            "written/w2021_cellpipes.txt",
            "written/w2021_indented.txt",
            "written/w2021_markdown.txt",
            "written/w2021_pipes.txt",
            "written/w2021_tabs.txt",
            "written/w2021_web.txt",
        ] {
            let r = fixture(name);
            let body = &r.section(SectionKind::Overview).unwrap().body;
            let found = read(body);
            assert!(found.len() >= 4, "{name}: {found:?}");
            let findings = validate(&r);
            assert!(
                findings.iter().all(|f| !f.rule.id().starts_with("prose.")),
                "{name}: {findings:#?}"
            );
        }
    }

    /// Replaces `from` by `to` in section 一.
    fn edit(r: &mut crate::AnnualReport, from: &str, to: &str) {
        let s = r
            .sections
            .iter_mut()
            .find(|s| s.kind == SectionKind::Overview)
            .unwrap();
        assert!(s.body.contains(from), "{from}");
        s.body = s.body.replace(from, to);
    }

    #[test]
    fn prose_against_table() {
        // w2019_indented: 新收222, 上年结转12, 办结223, 结转下年度11, 复议2, 诉讼3
        for (from, to, rule, cells, table, stated) in [
            (
                "新收政府信息公开申请222件",
                "新收政府信息公开申请221件",
                Rule::ProseNewRequests,
                vec!["applications.new_requests.total"],
                222,
                221,
            ),
            (
                "上年结转12件",
                "上年结转13件",
                Rule::ProseCarriedOver,
                vec!["applications.carried_over.total"],
                12,
                13,
            ),
            (
                "办结223件",
                "办结220件",
                Rule::ProseOutcomeTotal,
                vec!["applications.outcome_total.total"],
                223,
                220,
            ),
            (
                "结转下年度继续办理11件",
                "结转下年度继续办理1件",
                Rule::ProseCarriedForward,
                vec!["applications.carried_forward.total"],
                11,
                1,
            ),
            (
                "行政复议2件",
                "行政复议20件",
                Rule::ProseReconsideration,
                vec!["review_litigation.reconsideration.total"],
                2,
                20,
            ),
            (
                "被提起行政诉讼3件",
                "被提起行政诉讼4件",
                Rule::ProseLitigation,
                vec![
                    "review_litigation.litigation_direct.total",
                    "review_litigation.litigation_after_reconsideration.total",
                ],
                3,
                4,
            ),
        ] {
            let mut r = fixture("written/w2019_indented.txt");
            edit(&mut r, from, to);
            let findings = validate(&r);
            let prose: Vec<_> = findings
                .iter()
                .filter(|f| f.rule.id().starts_with("prose."))
                .collect();
            assert_eq!(prose.len(), 1, "{to}: {findings:#?}");
            let f = prose[0];
            assert_eq!(
                (f.rule, f.severity, f.status),
                (rule, Severity::Warning, Status::Broken)
            );
            assert_eq!(keys(f), cells);
            assert_eq!((f.expected, f.actual), (dec(table), dec(stated)));
            assert!(f.message_zh.contains(to), "{}", f.message_zh);
            assert!(f.message_en.contains(to), "{}", f.message_en);
        }
    }

    #[test]
    fn received_may_include_carried_over() {
        let mut r = fixture("written/w2019_indented.txt");
        edit(
            &mut r,
            "新收政府信息公开申请222件",
            "收到政府信息公开申请234件",
        );
        assert!(of(&validate(&r), Rule::ProseNewRequests).is_empty());
        edit(
            &mut r,
            "收到政府信息公开申请234件",
            "收到政府信息公开申请222件",
        );
        assert!(of(&validate(&r), Rule::ProseNewRequests).is_empty());
        edit(
            &mut r,
            "收到政府信息公开申请222件",
            "收到政府信息公开申请230件",
        );
        let findings = validate(&r);
        let found = broken(&findings, Rule::ProseNewRequests);
        assert_eq!(found.len(), 1);
        assert_eq!(
            keys(found[0]),
            [
                "applications.new_requests.total",
                "applications.carried_over.total"
            ]
        );
        assert_eq!((found[0].expected, found[0].actual), (dec(222), dec(230)));
    }

    #[test]
    fn zero_statements_against_table() {
        let mut r = fixture("written/w2019_indented.txt");
        edit(
            &mut r,
            "被申请行政复议2件,被提起行政诉讼3件",
            "未发生行政复议和行政诉讼",
        );
        let findings = validate(&r);
        assert_eq!(
            broken(&findings, Rule::ProseReconsideration)[0].actual,
            dec(0)
        );
        assert_eq!(broken(&findings, Rule::ProseLitigation)[0].expected, dec(3));
    }

    #[test]
    fn blank_table_cells_make_prose_not_checkable() {
        let mut r = fixture("written/w2019_indented.txt");
        set(&mut r, "applications.new_requests.total", Value::Blank);
        let findings = validate(&r);
        let found = of(&findings, Rule::ProseNewRequests);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].status, found[0].severity),
            (Status::NotCheckable, Severity::Notice)
        );
        assert_eq!(keys(found[0]), ["applications.new_requests.total"]);
        assert!(found[0].message_en.contains("新收政府信息公开申请222件"));
    }

    #[test]
    fn two_different_figures_are_not_compared() {
        let mut r = fixture("written/w2019_indented.txt");
        bump(&mut r, "applications.carried_over.natural_person", 0);
        edit(&mut r, "上年结转12件", "上年结转12件,上年结转申请13件");
        let findings = validate(&r);
        let found = of(&findings, Rule::ProseCarriedOver);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].status, Status::NotCheckable);
        assert!(found[0].message_en.contains("different figures"));
    }
}
