//! Row labels cut short by the tool that printed them, read by their place.
//!
//! A tool that gives each cell a width in bytes cuts a long label to its
//! first characters (`1.本机关不掌`, `(二)部分公开(区分处理的,只`), too few
//! for the label tables to take it for a truncation on its own. Where it
//! stands tells what it can be: section 三's rows follow the template's order,
//! so a label that comes after a row can only be one of the rows the template
//! puts after it that were not found yet. A cut label is read as such a row
//! only when its ordinal (`1.`, `(六)`) is that row's and its words begin the
//! row's label, and no other row (nor group label) that may stand there
//! begins so.
//!
//! ```text
//! cut_label = ordinal? words        (text kept as an extra row, with cells)
//! reading   = the one row r after the row before it, not yet found, with
//!             ordinal(r) = ordinal and words a prefix of r's label (≥ 2 characters)
//!           | the one row r whose ordinal is ordinal, no other row or group
//!             having it, after the row before it, not yet found, with words a
//!             prefix of r's label (< 2 characters: `(七)`, `四、结`)
//! ```

use super::scan::{Class, FoundExtra, FoundRow, Scan, cells_end};
use crate::grammar::label::{Fit, compact, core};
use crate::grammar::tokens::{Layout, Token};
use crate::model::{ActiveRow, ApplicationRow, Edition};

/// The fewest characters of a label's words a cut label must show.
const MIN_CHARS: usize = 2;

/// Reads the extra rows of `found` whose label is a row's label cut short,
/// and the text with values before the first row found, in a table whose
/// text shows characters cut apart (U+FFFD: a tool that cuts labels printed
/// it) and marks its rows; `rows` are the table's label forms,
/// `allowed(place, row)` tells whether the template may put `row` at the
/// place of the cut label.
pub(crate) fn read_cut_labels<'t, K: Copy + PartialEq>(
    doc: &str,
    (tokens, layout): (&'t [Token], Layout),
    found: &mut Scan<'t, K>,
    rows: &[(Class<K>, &[&str])],
    allowed: impl Fn(Place<'_, K>, K) -> bool,
) {
    if !shows_cuts(doc, (tokens, layout)) {
        return;
    }
    let forms: Vec<(Class<K>, String)> = rows
        .iter()
        .flat_map(|&(class, forms)| forms.iter().map(move |f| (class, compact(f))))
        .collect();
    // text with values before the first row found is in the header's zone:
    // a cut label of the first rows (`一、本年新收政府信息`) is there
    let first_row = found.rows.first().map_or(0, |r| r.label.start);
    let mut early = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if t.start >= first_row {
            break;
        }
        if !t.is_text() || t.is_empty() {
            continue;
        }
        let end = cells_end(tokens, i + 1, layout);
        early.push(FoundExtra {
            label: t.range(),
            cells: tokens[i + 1..end].into(),
        });
    }
    // (whether it is an extra row of the scan, to keep when not read)
    let mut extras: Vec<(bool, FoundExtra)> = early
        .into_iter()
        .map(|e| (false, e))
        .chain(
            std::mem::take(&mut found.extras)
                .into_iter()
                .map(|e| (true, e)),
        )
        .collect();
    let mut kept = Vec::new();
    for (keep, extra) in extras.drain(..) {
        // the row before it
        let before = found
            .rows
            .iter()
            .filter(|r| r.label.start < extra.label.start)
            .max_by_key(|r| r.label.start);
        let place = Place {
            prev: before.map(|r| r.key),
            caption: caption_before(doc, tokens, extra.label.start),
        };
        let text = compact(&doc[extra.label.range()]);
        let has_values = extra.cells.iter().any(|t| !t.is_text() && !t.is_blank());
        let taken = |k: K| found.rows.iter().any(|r| r.key == k);
        let reading = has_values
            .then(|| {
                let allowed = |class| match class {
                    Class::Row(k) => !taken(k) && allowed(place, k),
                    // a group label may stand anywhere
                    Class::Group => true,
                    Class::Header { .. } => false,
                };
                one_reading(&text, &forms, allowed)
                    .or_else(|| one_reading_by_ordinal(&text, &forms, allowed))
            })
            .flatten();
        let Some(Class::Row(key)) = reading else {
            if keep {
                kept.push(extra);
            }
            continue;
        };
        let at = found
            .rows
            .partition_point(|r| r.label.start < extra.label.start);
        let (trailing, segment) = before.map_or((found.trailing, 0), |r| (r.trailing, r.segment));
        found.rows.insert(
            at,
            FoundRow {
                key,
                fit: Fit::Truncated,
                label: extra.label,
                cells: extra.cells,
                trailing,
                collapsed: None,
                segment,
            },
        );
    }
    found.extras = kept;
}

/// True when the text of `tokens` shows characters cut apart (U+FFFD: a
/// tool that cuts labels printed it) in a layout that marks rows.
fn shows_cuts(doc: &str, (tokens, layout): (&[Token], Layout)) -> bool {
    let cut = match (tokens.first(), tokens.last()) {
        (Some(first), Some(last)) => doc[first.start..last.end].contains('\u{fffd}'),
        _ => false,
    };
    cut && layout.marks_rows()
}

/// Reads by their order the cut labels of a part of section 二 that each
/// begin more than one of its rows (`行政�` for both 行政处罚 and 行政强制
/// under 第二十条第(六)项), in a table that shows cuts: the template prints
/// a part's rows in its order, so when no row of the part was found and the
/// part shows exactly as many rows with values as the template gives it,
/// each of them cut to a beginning of the row at its place, the n-th is the
/// template's n-th row. A part with a row fewer or more (a report that
/// leaves a row out, or adds one) is not read so: its rows stay extra rows.
///
/// ```text
/// part    = caption extra{n}      (no row found between this caption and the next)
/// reading = extra[i] as rows(part)[i], when n = |rows(part)| and each
///           extra[i] = ordinal(rows[i]) words, words a beginning of rows[i]'s
///           label (≥ 2 characters)
/// ```
pub(crate) fn read_section_2_by_order(
    doc: &str,
    (tokens, layout): (&[Token], Layout),
    found: &mut Scan<ActiveRow>,
    rows: &[(Class<ActiveRow>, &[&str])],
) {
    if !shows_cuts(doc, (tokens, layout)) {
        return;
    }
    let captions: Vec<(usize, String)> = tokens
        .iter()
        .filter(|t| t.is_text())
        .filter(|t| {
            t.text(doc)
                .starts_with(crate::template::ACTIVE_CAPTION_PREFIX)
        })
        .map(|t| (t.start, compact(t.text(doc))))
        .collect();
    for (i, (start, caption)) in captions.iter().enumerate() {
        let end = captions.get(i + 1).map_or(usize::MAX, |&(s, _)| s);
        let within = |at: usize| (*start..end).contains(&at);
        let Some(part_rows) = part_rows(caption) else {
            continue;
        };
        if found.rows.iter().any(|r| within(r.label.start)) {
            continue;
        }
        let extras: Vec<usize> = (0..found.extras.len())
            .filter(|&n| {
                let e = &found.extras[n];
                within(e.label.start) && e.cells.iter().any(|t| !t.is_text() && !t.is_blank())
            })
            .collect();
        if extras.len() != part_rows.len() {
            continue;
        }
        let each_begins_its_row = extras.iter().zip(part_rows).all(|(&n, &row)| {
            let text = compact(&doc[found.extras[n].label.range()]);
            rows.iter()
                .filter(|(class, _)| *class == Class::Row(row))
                .flat_map(|(_, forms)| forms.iter())
                .any(|form| begins(&text, &compact(form)))
        });
        if !each_begins_its_row {
            continue;
        }
        for (&n, &key) in extras.iter().zip(part_rows).rev() {
            let extra = found.extras.remove(n);
            let before = found
                .rows
                .iter()
                .filter(|r| r.label.start < extra.label.start)
                .max_by_key(|r| r.label.start);
            let (trailing, segment) =
                before.map_or((found.trailing, 0), |r| (r.trailing, r.segment));
            let at = found
                .rows
                .partition_point(|r| r.label.start < extra.label.start);
            found.rows.insert(
                at,
                FoundRow {
                    key,
                    fit: Fit::Truncated,
                    label: extra.label,
                    cells: extra.cells,
                    trailing,
                    collapsed: None,
                    segment,
                },
            );
        }
    }
}

/// The rows the template gives the part of section 二 under `caption`
/// (compact), when every edition that prints that caption gives the same.
fn part_rows(caption: &str) -> Option<&'static [ActiveRow]> {
    let mut parts = crate::template::ACTIVE_PARTS
        .iter()
        .filter(|p| same_caption(caption, p.caption));
    let first = parts.next()?.rows;
    parts.all(|p| p.rows == first).then_some(first)
}

/// True when `text` (compact) is `form` (compact) cut short: the same
/// ordinal, and words that begin the form's words, at least
/// [`MIN_CHARS`] of them.
fn begins(text: &str, form: &str) -> bool {
    let (words, form_words) = (core(text), core(form));
    words.chars().count() >= MIN_CHARS
        && text[..text.len() - words.len()] == form[..form.len() - form_words.len()]
        && form_words.starts_with(words)
}

/// Where a cut label stands.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'d, K> {
    /// The row before it.
    pub(crate) prev: Option<K>,
    /// The caption of the part of section 二 it is in (`第二十条第(五)项`), compact.
    pub(crate) caption: Option<&'d str>,
}

/// The last caption of a part of section 二 (`第二十条第(五)项`) before `at`.
fn caption_before<'d>(doc: &'d str, tokens: &[Token], at: usize) -> Option<&'d str> {
    tokens
        .iter()
        .take_while(|t| t.start < at)
        .filter(|t| t.is_text())
        .map(|t| t.text(doc))
        .filter(|text| text.starts_with(crate::template::ACTIVE_CAPTION_PREFIX))
        .last()
}

/// True when the template puts section 二's row `row` in the part under the
/// caption before the cut label (`第二十条第(六)项`: 行政处罚, 行政强制); with
/// no caption read, no row.
pub(crate) fn in_section_2_part(place: Place<'_, ActiveRow>, row: ActiveRow) -> bool {
    let Some(caption) = place.caption else {
        return false;
    };
    let caption = compact(caption);
    crate::template::ACTIVE_PARTS
        .iter()
        .any(|part| part.rows.contains(&row) && same_caption(&caption, part.caption))
}

/// True when a caption as read (compact, normalized: `第二十条第(六)项`) is
/// the template's printed caption (`第二十条第（六）项`).
fn same_caption(read: &str, printed: &str) -> bool {
    read.chars().eq(printed.chars().map(|c| match c {
        '（' => '(',
        '）' => ')',
        c => c,
    }))
}

/// True when the template puts section 三's row `row` after the row before
/// the cut label in one of its editions (after nothing: any row).
pub(crate) fn after_in_section_3(place: Place<'_, ApplicationRow>, row: ApplicationRow) -> bool {
    let Some(prev) = place.prev else { return true };
    Edition::ALL.iter().any(|&e| {
        let rows = ApplicationRow::rows(e);
        let at = |r| rows.iter().position(|&x| x == r);
        matches!((at(prev), at(row)), (Some(p), Some(r)) if r > p)
    })
}

/// The one label class among those `allowed` whose forms `text` begins:
/// the same ordinal, and words that start the form's words.
fn one_reading<K: Copy + PartialEq>(
    text: &str,
    forms: &[(Class<K>, String)],
    allowed: impl Fn(Class<K>) -> bool,
) -> Option<Class<K>> {
    let words = core(text);
    let ordinal = &text[..text.len() - words.len()];
    if words.chars().count() < MIN_CHARS {
        return None;
    }
    let mut reading: Option<Class<K>> = None;
    for &(class, ref form) in forms {
        let form_words = core(form);
        let form_ordinal = &form[..form.len() - form_words.len()];
        if form_ordinal != ordinal || !form_words.starts_with(words) || !allowed(class) {
            continue;
        }
        match reading {
            Some(r) if r != class => return None,
            _ => reading = Some(class),
        }
    }
    reading
}

/// The one row a cut label that shows its ordinal and fewer than
/// [`MIN_CHARS`] characters more names (`(七)` for (七)总计, `四、结` for
/// 四、结转下年度继续办理, where html2text cut the rest): every form of the
/// table with that ordinal is that row's, its words begin with the ones
/// shown, and it is `allowed` there. An ordinal that more than one row or
/// group carries (`1.`, `(三)`), or none, names no row.
///
/// ```text
/// reading = r, when {class(f) | f in forms, ordinal(f) = ordinal} = {r}
///           and words (< 2 characters) begin the words of one of r's forms
/// ```
fn one_reading_by_ordinal<K: Copy + PartialEq>(
    text: &str,
    forms: &[(Class<K>, String)],
    allowed: impl Fn(Class<K>) -> bool,
) -> Option<Class<K>> {
    let n = crate::grammar::label::ordinal(text)?;
    let (ordinal, words) = text.split_at(n);
    if words.chars().count() >= MIN_CHARS {
        return None;
    }
    let mut reading: Option<Class<K>> = None;
    let mut begun = false;
    for &(class, ref form) in forms {
        let Some(m) = crate::grammar::label::ordinal(form) else {
            continue;
        };
        if form[..m] != *ordinal {
            continue;
        }
        match reading {
            Some(r) if r != class => return None,
            _ => reading = Some(class),
        }
        begun |= form[m..].starts_with(words);
    }
    let class = reading.filter(|&c| begun && matches!(c, Class::Row(_)))?;
    allowed(class).then_some(class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum K {
        A,
        B,
        C,
    }

    const FORMS: &[(Class<K>, &[&str])] = &[
        (Class::Row(K::A), &["1.本机关不掌握相关政府信息"]),
        (Class::Row(K::B), &["2.没有现成信息需要另行制作"]),
        (Class::Group, &["(四)无法提供"]),
        (Class::Row(K::C), &["1.本机关其他"]),
    ];

    fn read(text: &str, allowed: &[K]) -> Option<Class<K>> {
        let forms: Vec<(Class<K>, String)> = FORMS
            .iter()
            .flat_map(|&(class, forms)| forms.iter().map(move |f| (class, compact(f))))
            .collect();
        one_reading(&compact(text), &forms, |c| match c {
            Class::Row(k) => allowed.contains(&k),
            _ => true,
        })
    }

    #[test]
    fn a_cut_label_is_the_one_row_allowed_there_that_it_begins() {
        assert_eq!(read("1.本机关不掌", &[K::A, K::B]), Some(Class::Row(K::A)));
        assert_eq!(read("2.没有", &[K::A, K::B]), Some(Class::Row(K::B)));
        // the ordinal must be the row's
        assert_eq!(read("3.没有现成", &[K::A, K::B]), None);
        // a row not allowed at that place is no reading
        assert_eq!(read("1.本机关不掌", &[K::B]), None);
    }

    #[test]
    fn a_label_cut_to_its_ordinal_is_the_one_row_of_that_ordinal() {
        let by_ordinal = |text: &str, allowed: &[K]| {
            let forms: Vec<(Class<K>, String)> = FORMS
                .iter()
                .flat_map(|&(class, forms)| forms.iter().map(move |f| (class, compact(f))))
                .collect();
            one_reading_by_ordinal(&compact(text), &forms, |c| match c {
                Class::Row(k) => allowed.contains(&k),
                _ => true,
            })
        };
        assert_eq!(by_ordinal("2.", &[K::B]), Some(Class::Row(K::B)));
        assert_eq!(by_ordinal("2.没", &[K::B]), Some(Class::Row(K::B)));
        // the character shown must begin the row's words
        assert_eq!(by_ordinal("2.本", &[K::B]), None);
        // an ordinal two rows carry, or a group's, names no row
        assert_eq!(by_ordinal("1.", &[K::A, K::C]), None);
        assert_eq!(by_ordinal("(四)", &[K::A, K::B]), None);
        // nor one no row carries, nor a row not allowed there
        assert_eq!(by_ordinal("3.", &[K::A, K::B]), None);
        assert_eq!(by_ordinal("2.", &[K::A]), None);
        // two characters or more are read by their words
        assert_eq!(by_ordinal("2.没有", &[K::B]), None);
    }

    #[test]
    fn rows_cut_to_their_ordinal_after_a_page_break_are_read() {
        use super::super::test_support::{get, read};
        let text =
            include_str!("../../../tests/fixtures/tools/html2text-debian/page_w2019_web.txt");
        let rows = "||（六）\u{fffd}|10|4\u{fffd}|1\u{fffd}|2_|0_|0_|17_|\n";
        assert!(text.contains(rows), "{rows}");
        let cells = |r: &crate::model::AnnualReport| {
            [
                "other.total",
                "outcome_total.natural_person",
                "outcome_total.total",
                "carried_forward.total",
                "partially_granted.total",
            ]
            .map(|k| get(r, &format!("applications.{k}")))
        };
        // (六), (七) and 四、结 name one row each; with (七)总计 read, the
        // sums decide the cut cells of the rows above it
        assert_eq!(cells(&read(text)), ["17", "81", "183", "11", "13"]);
        // an ordinal that names a group, not a row: the rows stay unread
        let r = read(&text.replace("||（七）\u{fffd}|", "||（三）\u{fffd}|"));
        assert_eq!(cells(&r)[1..4], ["", "", ""]);
    }

    #[test]
    fn two_rows_that_begin_alike_are_no_reading() {
        assert_eq!(read("1.本机关", &[K::A, K::C]), None);
        assert_eq!(read("1.本机关不", &[K::A, K::C]), Some(Class::Row(K::A)));
        assert_eq!(read("1.本机关其", &[K::A, K::C]), Some(Class::Row(K::C)));
        assert_eq!(read("1.本机关", &[K::A]), Some(Class::Row(K::A)));
    }

    #[test]
    fn section_3_rows_follow_the_template_of_either_edition() {
        use ApplicationRow as R;
        let after = |prev| Place {
            prev,
            caption: None,
        };
        assert!(after_in_section_3(after(None), R::NewRequests));
        assert!(after_in_section_3(
            after(Some(R::Granted)),
            R::PartiallyGranted
        ));
        assert!(!after_in_section_3(
            after(Some(R::PartiallyGranted)),
            R::Granted
        ));
        // 2019's (六)其他处理 and 2021's three rows after (五)
        assert!(after_in_section_3(
            after(Some(R::RejectedConfirmation)),
            R::Other
        ));
        assert!(after_in_section_3(
            after(Some(R::RejectedConfirmation)),
            R::OtherNoCorrection
        ));
        assert!(!after_in_section_3(
            after(Some(R::Other)),
            R::OtherUnpaidFee
        ));
    }

    #[test]
    fn section_2_rows_are_those_of_the_part_their_caption_names() {
        use ActiveRow as R;
        let under = |caption| Place {
            prev: None,
            caption,
        };
        assert!(in_section_2_part(
            under(Some("第二十条第(六)项")),
            R::Penalty
        ));
        assert!(in_section_2_part(
            under(Some("第二十条第(六)项")),
            R::Coercion
        ));
        assert!(!in_section_2_part(under(Some("第二十条第(六)项")), R::Fees));
        assert!(in_section_2_part(under(Some("第二十条第(八)项")), R::Fees));
        assert!(!in_section_2_part(under(None), R::Fees));
    }

    #[test]
    fn too_short_or_a_group_label_is_no_row() {
        assert_eq!(read("1.本", &[K::A]), None);
        assert_eq!(read("(四)无法", &[K::A, K::B]), Some(Class::Group));
    }

    #[test]
    fn a_label_cut_short_after_a_row_is_read_in_a_table_that_shows_cuts() {
        use super::super::test_support::{get, read};
        let text = |cut: &str| {
            [
                "三、收到和处理政府信息公开申请情况",
                "|        |申请人情况_____|",
                &format!("|(本列数据的勾稽关系为:第一项加第二{cut}|自|法人或其他组织|总|"),
                "|________|___|商业企业|科研机构|社会公益组织|法律服务机构|其他|",
                "|一、本年新收政府信息公开申请数量___|178|79__|34__|39____|45____|44|419|",
                "|         |（一）予以公开____|2|3___|1___|0___|0___|1___|7___|",
                "|         |（二）部分公开（区分处理的，只|2|1___|1___|0___|0___|1___|5___|",
                "四、政府信息公开行政复议、行政诉讼情况\n",
            ]
            .join("\n")
        };
        let r = read(&text("\u{fffd}"));
        assert_eq!(get(&r, "applications.partially_granted.total"), "5");
        // text that shows no cuts: the label is no row
        let r = read(&text(""));
        assert_eq!(get(&r, "applications.partially_granted.total"), "");
    }

    #[test]
    fn section_2_labels_cut_alike_are_read_by_their_order_in_a_full_part() {
        use super::super::test_support::{get, read};
        let text =
            include_str!("../../../tests/fixtures/tools/html2text-debian/page_w2019_tabs.txt");
        let (penalty, coercion) = (
            "|行政\u{fffd}|2罚___|0______|1______|\n",
            "|行政\u{fffd}|0制___|\u{a0}_____|0______|\n",
        );
        assert!(text.contains(&format!("{penalty}{coercion}")));
        let cells = |r: &crate::model::AnnualReport| {
            ["penalty.change", "penalty.decisions", "coercion.decisions"]
                .map(|k| get(r, &format!("active.{k}")))
        };
        // two rows cut to 行政 under 第二十条第(六)项, which has two rows
        assert_eq!(cells(&read(text)), ["0", "1", "0"]);
        // a report that leaves a row out: which one is left is unknown
        for damaged in [
            text.replace(coercion, ""),
            text.replace(penalty, ""),
            // or adds one: no row of the part is known by its place
            text.replace(
                coercion,
                &format!("{coercion}|行政\u{fffd}|3___|1______|4______|\n"),
            ),
        ] {
            let r = read(&damaged);
            assert_eq!(cells(&r), ["", "", ""]);
            assert!(
                r.diagnostics.iter().any(|d| d
                    .message
                    .contains("rows not found, left blank: penalty, coercion")),
                "{:#?}",
                r.diagnostics
            );
        }
        // a label that begins no row of the part: neither is read by order
        let r = read(&text.replace(penalty, "|其他\u{fffd}|2罚___|0______|1______|\n"));
        assert_eq!(cells(&r), ["", "", ""]);
    }

    #[test]
    fn a_part_is_read_by_order_only_where_each_label_begins_its_row() {
        use ActiveRow as R;
        assert_eq!(
            part_rows("第二十条第(六)项"),
            Some(&[R::Penalty, R::Coercion][..])
        );
        assert_eq!(part_rows("第二十条第(七)项"), None);
        assert!(begins("行政", "行政处罚"));
        assert!(!begins("行", "行政处罚"));
        assert!(!begins("1.行政", "行政处罚"));
        assert!(!begins("行政强", "行政处罚"));
    }
}
