//! Rows of PDF text whose values are split over the lines of a wrapped label.
//!
//! Chromium's print to PDF centres a row's cells on its height. When the row
//! label wraps, `pdftotext -layout` may put the first value on the label's
//! first line and the others on a later line, beside the rest of the label,
//! a bare item number or a piece of the group label:
//!
//! ```text
//!                 其他法律行政法规禁止公开 2
//!                2.                 2    1    1    1    1   8
//!        （四）无法 2.没有现成信息需要另行制作 4
//!        提供                         1    1    1    1    0   8
//!                 要求行政机关确认或重新出 3
//!                5.
//!                 具已获取信息                   1        1    0        1        1   7
//! ```
//!
//! The scan reads the label with the values on its line and takes each later
//! line for a row the template does not have. [`rejoin`] gives such a row
//! the values of the short lines that follow it, before the next row:
//!
//! ```text
//! rejoined row := row(values < columns) piece{1,3}     (the row's next lines,
//!                                                      up to the first other)
//! piece        := a line of no template label, of a few characters (an item
//!                 number `2.`, the end of a label) and values or none
//! kept         := the row's values then the pieces', in line order, as many
//!                 as the columns or one fewer; as many: the row total holds
//! ```
//!
//! Values keep the order they have on the page (the first line's are the
//! leftmost), so a rejoined row of one cell fewer than the columns goes on
//! to the table's sums ([`super::sums::place_short_rows`]), and one as long
//! as the columns is taken only when its values add up to its total.

use super::scan::{FoundExtra, FoundRow, Scan};
use crate::grammar::label::compact;
use crate::grammar::tokens::Token;
use crate::grammar::value::Scalar;
use crate::normalize::Norm;

/// The longest piece of a label (in characters) that a rejoined row takes.
const MOST_PIECE_CHARS: usize = 8;

/// How many lines after its label a rejoined row takes pieces from.
const MOST_LINES: u32 = 3;

/// The line of the table a token is on (PDF text only).
fn line_of(token: &Token) -> Option<u32> {
    token.at.map(|p| p.line)
}

/// The line a byte offset of `doc` is on, counted as the tokens count them:
/// from the line of `near`, which is on the same page.
fn line_at(doc: &str, offset: usize, near: &Token) -> Option<u32> {
    let line = line_of(near)?;
    let (a, b) = if offset <= near.start {
        (offset, near.start)
    } else {
        (near.start, offset)
    };
    let between = u32::try_from(doc[a..b].matches('\n').count()).ok()?;
    if offset <= near.start {
        line.checked_sub(between)
    } else {
        line.checked_add(between)
    }
}

/// True when the unsigned counts of `cells` add up to the last one.
fn total_holds(cells: &[Token]) -> bool {
    let counts: Option<Vec<i128>> = cells
        .iter()
        .map(|t| match t.scalar {
            Some(Scalar::Integer {
                value,
                signed: false,
                unit: None,
            }) => Some(value),
            _ => None,
        })
        .collect();
    match counts.as_deref() {
        Some([parts @ .., total]) => parts.iter().sum::<i128>() == *total,
        _ => false,
    }
}

/// The scan with the rows whose values are split over their label's lines
/// rejoined (see the module documentation), and the pieces they took out of
/// its extras. `columns` is the number of the table's columns.
pub(crate) fn rejoin<'s, 't, K: Copy>(
    doc: &str,
    scan: &'s Scan<'t, K>,
    columns: usize,
) -> std::borrow::Cow<'s, Scan<'t, K>> {
    // the pieces are extras: a scan without them has nothing to rejoin
    if scan.extras.is_empty() {
        return std::borrow::Cow::Borrowed(scan);
    }
    let mut starts: Vec<usize> = scan.rows.iter().map(|r| r.label.start).collect();
    starts.sort_unstable();
    let pieces: Vec<(usize, Vec<usize>)> = scan
        .rows
        .iter()
        .enumerate()
        .filter_map(|(r, row)| Some((r, pieces_of(doc, row, &scan.extras, &starts, columns)?)))
        .collect();
    if pieces.is_empty() {
        return std::borrow::Cow::Borrowed(scan); // nothing to rejoin: no copy
    }
    let mut out = scan.clone();
    let mut taken: Vec<usize> = Vec::new();
    for (r, pieces) in pieces {
        for &i in &pieces {
            out.rows[r]
                .cells
                .to_mut()
                .extend(scan.extras[i].cells.iter().cloned());
        }
        taken.extend(pieces);
    }
    let mut i = 0;
    out.extras.retain(|_| {
        i += 1;
        !taken.contains(&(i - 1))
    });
    std::borrow::Cow::Owned(out)
}

/// The extras (by index) that `row` takes as the pieces of its label, when
/// it is a row to rejoin.
fn pieces_of<K>(
    doc: &str,
    row: &FoundRow<K>,
    extras: &[FoundExtra],
    starts: &[usize],
    columns: usize,
) -> Option<Vec<usize>> {
    let first = row.cells.first()?;
    let line = line_of(first)?;
    let page = first.at?.page;
    if row.collapsed.is_some()
        || row.cells.len() >= columns
        || row
            .cells
            .iter()
            .any(|t| t.at.is_none_or(|p| p.line != line))
    {
        return None;
    }
    // the pieces lie between the row and the next row
    let next = starts
        .iter()
        .copied()
        .find(|&s| s > row.label.start)
        .unwrap_or(doc.len());
    let mut pieces = Vec::new();
    let mut count = row.cells.len();
    for (i, extra) in extras.iter().enumerate() {
        if extra.label.start <= row.label.end || extra.label.start >= next {
            continue;
        }
        let text = &doc[extra.label.range()];
        let at = line_at(doc, extra.label.start, first)?;
        let on_page = extra.cells.iter().all(|t| {
            t.at.is_some_and(|p| p.page == page && p.line == at && t.start > extra.label.end)
        });
        if text.chars().count() > MOST_PIECE_CHARS
            || at <= line
            || at > line + MOST_LINES
            || !on_page
        {
            break; // the pieces end at the first line that is none
        }
        count += extra.cells.len();
        pieces.push(i);
    }
    if pieces.is_empty() || count > columns || count + 1 < columns {
        return None;
    }
    if count == columns {
        let mut cells = row.cells.to_vec();
        for &i in &pieces {
            cells.extend(extras[i].cells.iter().cloned());
        }
        if !total_holds(&cells) {
            return None;
        }
    }
    Some(pieces)
}

/// The most lines a label is assembled from (see [`assemble`]).
const MOST_LABEL_LINES: usize = 3;
/// The most words of those lines tried on the row or the group label.
const MOST_LABEL_WORDS: usize = 6;

/// Names a label exactly, as the table's own scan does: `Some(Some(key))`
/// for a row's label, `Some(None)` for a group's (or another label the
/// table has), `None` for text that is no label.
pub(crate) type Name<'a, K> = &'a dyn Fn(&str) -> Option<Option<K>>;

/// The scan with rows whose label the scan did not read assembled from the
/// extras' lines. Chromium's PDF through `pdftotext -layout` may cut a wrapped
/// row label and the group label beside it into pieces on two or three lines,
/// the item number on a line of its own, with none of the lines a label:
///
/// ```text
///         （六）其 2.申请人逾期未按收费通知要求缴纳费
///         他处理 用、行政机关不再处理其政府信息公开申 10   3   1   2   1   1   18
///              请
///                  申请人无正当理由逾期不补正、行政机 11
///                 1.
///                 关不再处理其政府信息公开申请      3   1   0   1   2   18
/// ```
///
/// ```text
/// assembled := extra{2,3}                 (consecutive lines of one page, two
///                                          extras of one line read in turn)
/// words     := each line's label cut at its spaces
/// row label := some of the words in order, a bare item number (`1.`) put
///              first, naming a row exactly
/// group     := the other words in order: none, or naming a label exactly,
///              with no item number
/// kept      := exactly one way names a row the scan did not find, and the
///              lines' values are as many as the columns (adding up to the
///              row total), or one fewer, or fewer still on one line (with
///              a value among them)
/// ```
///
/// A row one value short goes on to the table's sums; one shorter still, to
/// its values' positions under the columns (which place it only where the
/// row keeps its total, see [`super::positions::totals_hold`]), and is left
/// blank where they do not place it.
pub(crate) fn assemble<'s, 't, K: Copy + PartialEq>(
    doc: &str,
    scan: &'s Scan<'t, K>,
    columns: usize,
    name: Name<'_, K>,
) -> std::borrow::Cow<'s, Scan<'t, K>> {
    // the scan is copied only once a row is assembled
    let mut out: Option<Scan<K>> = None;
    let mut taken: Vec<usize> = Vec::new();
    let places = line_and_page(doc, &scan.extras);
    let mut start = 0;
    while start < scan.extras.len() {
        let rows = &out.as_ref().unwrap_or(scan).rows;
        let found = (2..=MOST_LABEL_LINES).find_map(|k| {
            let run = scan.extras.get(start..start + k)?;
            let count: usize = run.iter().map(|e| e.cells.len()).sum();
            if count == 0 || count > columns {
                return None; // cannot fit, whatever the labels name
            }
            let cells: Vec<Token> = run.iter().flat_map(|e| e.cells.iter().cloned()).collect();
            if count + 1 < columns && !on_one_line(&cells) {
                return None;
            }
            let key = named_row(doc, run, &places[start..start + k], name)?;
            let fits = cells.len() + 1 == columns
                || (cells.len() == columns && total_holds(&cells))
                || cells.len() + 1 < columns;
            let new = !rows.iter().any(|r| r.key == key);
            (fits && new).then_some((k, key, cells))
        });
        let Some((k, key, cells)) = found else {
            start += 1;
            continue;
        };
        let out = out.get_or_insert_with(|| scan.clone());
        let label = Norm::new(
            scan.extras[start].label.start,
            scan.extras[start + k - 1].label.end,
        );
        let segment = out
            .rows
            .iter()
            .filter(|r| r.label.start < label.start)
            .map(|r| r.segment)
            .next_back()
            .unwrap_or(0);
        let at = out.rows.partition_point(|r| r.label.start < label.start);
        out.rows.insert(
            at,
            FoundRow {
                key,
                fit: crate::grammar::label::Fit::Exact,
                label,
                cells: cells.into(),
                trailing: None,
                collapsed: None,
                segment,
            },
        );
        taken.extend(start..start + k);
        start += k;
    }
    let Some(mut out) = out else {
        return std::borrow::Cow::Borrowed(scan); // nothing assembled: no copy
    };
    let mut i = 0;
    out.extras.retain(|_| {
        i += 1;
        !taken.contains(&(i - 1))
    });
    std::borrow::Cow::Owned(out)
}

/// True when `cells` show a value and all sit on one line of one page, where
/// their positions can place them under the columns.
fn on_one_line(cells: &[Token]) -> bool {
    let first = cells.first().and_then(|t| t.at);
    cells.iter().any(|t| !t.is_blank())
        && cells.iter().all(|t| {
            t.at.zip(first)
                .is_some_and(|(p, f)| p.line == f.line && p.page == f.page)
        })
}

/// The line and the page (counted by form feeds) each extra's label starts
/// on, in one sweep of the text in the order of the labels.
fn line_and_page(doc: &str, extras: &[FoundExtra]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..extras.len()).collect();
    order.sort_by_key(|&i| extras[i].label.start);
    let mut places = vec![(0, 0); extras.len()];
    let (mut at, mut line, mut page) = (0, 0, 0);
    for i in order {
        let to = extras[i].label.start;
        for b in doc.as_bytes()[at..to].iter() {
            match b {
                b'\n' => line += 1,
                0x0c => page += 1,
                _ => {}
            }
        }
        at = to;
        places[i] = (line, page);
    }
    places
}

/// The row that the labels of `run`, on consecutive lines of one page, name in
/// exactly one way (see [`assemble`]).
fn named_row<K: Copy + PartialEq>(
    doc: &str,
    run: &[FoundExtra],
    places: &[(usize, usize)],
    name: Name<'_, K>,
) -> Option<K> {
    // consecutive lines of one page, each extra on the line of the one
    // before it (the text cut `提供      作` into two) or the next, the run
    // over more than one line
    let (first, last) = (places.first()?, places.last()?);
    if first.0 == last.0
        || places
            .windows(2)
            .any(|w| w[1].0.checked_sub(w[0].0).is_none_or(|d| d > 1) || w[1].1 != w[0].1)
    {
        return None;
    }
    let words: Vec<String> = run
        .iter()
        .flat_map(|e| doc[e.label.range()].split_whitespace())
        .map(compact)
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > MOST_LABEL_WORDS {
        return None;
    }
    let is_number = |w: &str| {
        w.strip_suffix('.')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut named = None;
    for mask in 1u32..(1 << words.len()) {
        let (mut row, mut number, mut group) = (String::new(), String::new(), String::new());
        for (i, w) in words.iter().enumerate() {
            if mask & (1 << i) == 0 {
                group.push_str(w);
            } else if is_number(w) && number.is_empty() {
                number.push_str(w);
            } else {
                row.push_str(w);
            }
        }
        if row.is_empty() {
            continue;
        }
        let Some(Some(key)) = name(&(number + &row)) else {
            continue;
        };
        // a group label has no item number: `2.…` is a row's
        if !group.is_empty()
            && (group.starts_with(|c: char| c.is_ascii_digit()) || name(&group).is_none())
        {
            continue;
        }
        match named {
            None => named = Some(key),
            Some(k) if k == key => {}
            Some(_) => return None, // two rows
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};

    const CHROMIUM: &str = include_str!(
        "../../../tests/fixtures/tools/chromium-pdftotext-layout/render_w2019_web.txt"
    );

    #[test]
    fn values_split_over_a_wrapped_label_s_lines_make_one_row() {
        let r = read(CHROMIUM);
        // `其他法律行政法规禁止公开 2` over `2.  2 1 1 1 1 8`
        let row = "applications.denied_prohibited_by_law";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "2");
        assert_eq!(get(&r, &format!("{row}.commercial_enterprise")), "2");
        assert_eq!(get(&r, &format!("{row}.total")), "8");
        // a group label's piece on the values' line
        let row = "applications.unavailable_needs_creation";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "4");
        assert_eq!(get(&r, &format!("{row}.other_org")), "0");
        assert_eq!(get(&r, &format!("{row}.total")), "8");
        // a bare item number between the label's pieces
        let row = "applications.rejected_confirmation";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "3");
        assert_eq!(get(&r, &format!("{row}.total")), "7");
        assert!(
            !r.extra_rows
                .iter()
                .any(|e| e.label == "5." || e.label == "提供"),
            "{:?}",
            r.extra_rows
        );
    }

    const CHROMIUM_2021: &str = include_str!(
        "../../../tests/fixtures/tools/chromium-pdftotext-layout/render_w2021_tabs.txt"
    );

    #[test]
    fn a_label_in_pieces_over_lines_of_no_label_is_assembled() {
        let r = read(CHROMIUM_2021);
        // `（六）其 2.申请人…缴纳费` / `他处理 用、…申 10 3 1 2 1 1 18` / `请`
        let row = "applications.other_unpaid_fee";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "10");
        assert_eq!(get(&r, &format!("{row}.total")), "18");
        // the item number on a line of its own, between the label's pieces
        let row = "applications.other_no_correction";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "11");
        assert_eq!(get(&r, &format!("{row}.public_interest_org")), "0");
        assert_eq!(get(&r, &format!("{row}.total")), "18");
        // `（四）无 2.没有现成…制作` / `法提供 12 4 2 2 2 3 25`
        assert_eq!(
            get(&r, "applications.unavailable_needs_creation.total"),
            "25"
        );
        assert!(
            !r.extra_rows.iter().any(|e| e.label.contains("法提供")),
            "{:?}",
            r.extra_rows
        );
    }

    const CHROMIUM_TABS: &str =
        include_str!("../../../tests/fixtures/tools/chromium-pdftotext-layout/page_w2019_tabs.txt");

    #[test]
    fn a_label_assembled_over_two_extras_of_a_line_takes_its_few_values_by_position() {
        // `（四）无法 2.没有现成信息需要另行制` over `提供      作   1 1  /  2 4`:
        // two extras on the second line, five cells for seven columns
        let r = read(CHROMIUM_TABS);
        let row = "applications.unavailable_needs_creation";
        assert_eq!(get(&r, &format!("{row}.other_org")), "2");
        assert_eq!(get(&r, &format!("{row}.total")), "4");
        assert!(
            !r.extra_rows
                .iter()
                .any(|e| e.label == "提供" || e.label == "作"),
            "{:?}",
            r.extra_rows
        );
        // placed by position only where the row keeps its total
        let text = CHROMIUM_TABS.replacen("/     2 4", "/     2 5", 1);
        assert_ne!(text, CHROMIUM_TABS);
        let r = read(&text);
        assert_eq!(get(&r, &format!("{row}.other_org")), "");
        assert_eq!(get(&r, &format!("{row}.total")), "");
    }

    #[test]
    fn pieces_whose_values_break_the_row_total_are_not_a_row() {
        let text = CHROMIUM_2021.replacen("1        1   18", "1        1   19", 1);
        assert_ne!(text, CHROMIUM_2021);
        let r = read(&text);
        assert_eq!(get(&r, "applications.other_unpaid_fee.natural_person"), "");
        assert_eq!(get(&r, "applications.other_unpaid_fee.total"), "");
    }

    #[test]
    fn a_rejoined_row_whose_values_do_not_add_up_is_not_taken() {
        let text = CHROMIUM.replacen(
            "               2.                 2    1    1    1    1   8",
            "               2.                 2    1    1    1    1   9",
            1,
        );
        let r = read(&text);
        let row = "applications.denied_prohibited_by_law";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "");
        assert_eq!(get(&r, &format!("{row}.total")), "");
    }
}
