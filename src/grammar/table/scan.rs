//! Reading a table's cells by their labels.
//!
//! Every row is anchored on its label: the cells that follow a row label, up to
//! the next label (or the end of the row, where the layout marks rows), are that
//! row's cells. Labels wrapped over several cells are joined; group labels
//! (`（三）不予公开`) and header cells are recognised and passed over; text that is
//! no label but is followed by values is kept as an extra row.

use crate::grammar::label::{Fit, compact, compact_onto};
use crate::grammar::tokens::{Layout, Token};

/// What a text cell is, for one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class<K> {
    /// A data row's label.
    Row(K),
    /// A label that groups rows and carries no values (`（三）不予公开`, `第二十条第（一）项`).
    Group,
    /// A header cell; `last` when it heads a table's last column.
    Header { last: bool, vote: Vote },
}

/// Which edition a header cell speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Vote {
    Neither,
    E2019,
    E2021,
}

/// The header classes of a table whose header cells speak for neither
/// edition: its header cells' forms, and its last column's (总计) marked.
pub(crate) fn header_classes<K>(
    forms: &'static [&'static str],
    last: &'static [&'static str],
) -> Vec<(Class<K>, &'static [&'static str])> {
    let header = |last| Class::Header {
        last,
        vote: Vote::Neither,
    };
    vec![(header(false), forms), (header(true), last)]
}

/// A row found in the text.
#[derive(Debug, Clone)]
pub(crate) struct FoundRow<K> {
    pub(crate) key: K,
    pub(crate) fit: Fit,
    pub(crate) label: (usize, usize),
    pub(crate) cells: Vec<Token>,
    /// Empty cells the header shows after its last column, in layouts that mark rows.
    pub(crate) trailing: Option<usize>,
    /// The cells run together after the label (`行政许可3960181`), as a byte range.
    pub(crate) collapsed: Option<(usize, usize)>,
    /// The part of the table the row is in: parts are cut where a header follows rows
    /// (section 二 has one part per 第二十条 item). Indexes [`Scan::headers`].
    pub(crate) segment: usize,
}

/// Text after the first row that is no label, with the cells that follow it.
#[derive(Debug, Clone)]
pub(crate) struct FoundExtra {
    pub(crate) label: (usize, usize),
    pub(crate) cells: Vec<Token>,
}

/// What a scan found.
#[derive(Debug, Clone)]
pub(crate) struct Scan<K> {
    pub(crate) rows: Vec<FoundRow<K>>,
    pub(crate) extras: Vec<FoundExtra>,
    pub(crate) votes: Vec<(Vote, usize)>,
    /// The index of the last header cell, and the trailing hint of the last header row.
    pub(crate) last_header: Option<usize>,
    pub(crate) trailing: Option<usize>,
    /// For each part of the table, the text cells before its first row: its header.
    pub(crate) headers: Vec<Vec<Token>>,
}

/// How many cells a wrapped label may span, in layouts that do not mark rows.
const MAX_JOIN: usize = 3;
/// The longest label (in bytes) read as labels and values run together.
const MAX_RUN_TOGETHER_LABEL: usize = 400;
/// The longest group label (in bytes) that may run into a row label.
const MAX_GROUP_LABEL: usize = 40;
/// Unlabelled text longer than this (in chars) is prose, not an extra row.
const MAX_EXTRA_LABEL: usize = 80;

/// Scans `tokens`; `classify(compact_text, started)` names a text cell, where
/// `started` tells whether a row was found already.
pub(crate) fn scan<K: Copy + PartialEq>(
    doc: &str,
    tokens: &[Token],
    layout: Layout,
    classify: impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
) -> Scan<K> {
    let mut out = Scan {
        rows: Vec::new(),
        extras: Vec::new(),
        votes: Vec::new(),
        last_header: None,
        trailing: None,
        headers: Vec::new(),
    };
    let n = tokens.len();
    let unaligned = layout == Layout::Lines && is_plain_pdf_text(doc, tokens);
    // the compact text of the label probed, one buffer for every probe
    let mut joined = String::new();
    let mut i = 0;
    while i < n {
        if !tokens[i].is_text() {
            i += 1;
            continue;
        }
        let started = !out.rows.is_empty();
        let Some((class, fit, used)) =
            classify_at(doc, tokens, i, layout, &classify, started, &mut joined)
        else {
            if layout == Layout::Boxed
                && tokens
                    .get(i + 1)
                    .is_some_and(|t| t.is_text() && !t.row_start)
            {
                // a piece of a merged cell beside the row's label (`理结果`
                // of 三、本年度办理结果), or of a wrapped label not read
                i += 1;
                continue;
            }
            let end = cells_end(tokens, i + 1, layout);
            let text = tokens[i].text(doc);
            let has_values = tokens[i + 1..end].iter().any(|t| !t.is_blank());
            if has_values
                && !layout.marks_rows()
                && let Some((label_start, key, resume)) =
                    wrapped_label(doc, tokens, i, end, &classify, started)
            {
                out.rows.push(FoundRow {
                    key,
                    fit: Fit::Exact,
                    label: (label_start, tokens[i].end),
                    cells: tokens[i + 1..end].to_vec(),
                    trailing: out.trailing,
                    collapsed: None,
                    segment: 0,
                });
                i = resume;
                continue;
            }
            if let Some((split, key, fit)) = run_together(text, &classify, started) {
                let t = &tokens[i];
                if split == text.len() {
                    // a group label and a row label in one cell
                    out.rows.push(FoundRow {
                        key,
                        fit,
                        label: (t.start, t.end),
                        cells: tokens[i + 1..end].to_vec(),
                        trailing: out.trailing,
                        collapsed: None,
                        segment: 0,
                    });
                    i = end;
                    continue;
                }
                if !has_values {
                    out.rows.push(FoundRow {
                        key,
                        fit,
                        label: (t.start, t.start + split),
                        cells: Vec::new(),
                        trailing: None,
                        collapsed: Some((t.start + split, t.end)),
                        segment: 0,
                    });
                    i = end;
                    continue;
                }
            }
            let labelish = text.chars().count() <= MAX_EXTRA_LABEL && !text.contains('。');
            if started && (has_values || labelish) {
                out.extras.push(FoundExtra {
                    label: (tokens[i].start, tokens[i].end),
                    cells: tokens[i + 1..end].to_vec(),
                });
                i = end;
            } else {
                i += 1;
            }
            continue;
        };
        let label = (tokens[i].start, tokens[i + used - 1].end);
        match class {
            Class::Header { last, vote } => {
                out.votes.push((vote, label.0));
                out.last_header = Some(i + used - 1);
                // (a box table draws every cell of a row: no hint needed)
                if last && layout.marks_rows() && layout != Layout::Boxed {
                    out.trailing = trailing_blanks(tokens, i + used);
                }
                i += used;
            }
            Class::Group => i += used,
            Class::Row(key) => {
                let mut from = i + used;
                // PDF text that prints a label's ordinal on the values' line
                // and its words above them: `属于国家秘密` / `1.  4  1  0 …`
                if !layout.marks_rows()
                    && tokens
                        .get(from)
                        .is_some_and(|t| is_bare_ordinal(t.text(doc)))
                    && cells_end(tokens, from + 1, layout) > from + 1
                {
                    from += 1;
                }
                let mut end = cells_end(tokens, from, layout);
                let mut fit = fit;
                // a label alone in its row, its values alone in the next one
                if layout.marks_rows() && end == from && end < n && tokens[end].row_start {
                    let next = cells_end(tokens, end + 1, layout);
                    let values_only = next == n || tokens[next].row_start;
                    if values_only && tokens[end..next].iter().any(|t| !t.is_blank()) {
                        from = end;
                        end = next;
                    }
                }
                // PDF text: a label alone on its line, its values on the next
                // one after a piece of the merged group label
                // (`（四）无 2.没有现成信息需要另行制作` / `法提供  12  4 …`)
                if !layout.marks_rows()
                    && !unaligned
                    && end == from
                    && from < n
                    && is_group_piece(doc, &tokens[from], &classify)
                {
                    let values_end = cells_end(tokens, from + 1, layout);
                    let on_line = same_line_cells(&tokens[from], &tokens[from + 1..values_end]);
                    if !on_line.is_empty() && on_line.len() == values_end - from - 1 {
                        from += 1;
                        end = values_end;
                    }
                }
                // a label wrapped around its values (PDF text): `一、本年新收…申` 0 0 … `请数量`
                if !layout.marks_rows() && end > from && end < n && tokens[end].is_text() {
                    let label_text: String = tokens[i..i + used]
                        .iter()
                        .map(|t| compact(t.text(doc)))
                        .collect();
                    let joined = label_text + &compact(tokens[end].text(doc));
                    if let Some((Class::Row(k), f)) = classify(&joined, true)
                        && k == key
                        && f < fit
                    {
                        fit = f;
                        let cells_end_at = end;
                        end += 1;
                        let mut cells = tokens[from..cells_end_at].to_vec();
                        // the rest of the values on the continuation's line
                        // (`…不计 22` / `其他情形）  8  2  1  6  39`)
                        if !unaligned {
                            let more_end = cells_end(tokens, end, layout);
                            let more =
                                same_line_cells(&tokens[cells_end_at], &tokens[end..more_end]);
                            if !more.is_empty() && more.len() == more_end - end {
                                cells.extend_from_slice(more);
                                end = more_end;
                            }
                        }
                        out.rows.push(FoundRow {
                            key,
                            fit,
                            label,
                            cells,
                            trailing: out.trailing,
                            collapsed: None,
                            segment: 0,
                        });
                        i = end;
                        continue;
                    }
                }
                out.rows.push(FoundRow {
                    key,
                    fit,
                    label,
                    cells: if unaligned && end < n {
                        same_line_cells(&tokens[i + used - 1], &tokens[from..end]).to_vec()
                    } else {
                        tokens[from..end].to_vec()
                    },
                    trailing: out.trailing,
                    collapsed: None,
                    segment: 0,
                });
                i = end;
            }
        }
    }
    cut_segments(tokens, &mut out);
    out
}

/// Cuts the table into parts where a header follows rows, numbers each row's
/// part, and keeps each part's header: the text cells between the previous
/// part's last row and the part's first row.
fn cut_segments<K>(tokens: &[Token], out: &mut Scan<K>) {
    let mut headers = out.votes.iter().map(|&(_, at)| at).peekable();
    let mut segment = 0;
    let mut zone_start = 0; // byte where the current part's header may start
    let mut last_row_end = 0;
    let mut zones = Vec::new();
    for (n, row) in out.rows.iter_mut().enumerate() {
        let mut header_between = false;
        while headers.next_if(|&at| at < row.label.0).is_some() {
            header_between |= n > 0;
        }
        if header_between {
            segment += 1;
            zone_start = last_row_end;
        }
        if zones.len() == segment {
            zones.push((zone_start, row.label.0));
        }
        row.segment = segment;
        last_row_end = row
            .cells
            .last()
            .map_or(row.label.1, |t| t.end)
            .max(row.label.1)
            .max(last_row_end);
    }
    out.headers = zones
        .into_iter()
        .map(|(from, to)| {
            let first = tokens.partition_point(|t| t.start < from);
            let last = tokens.partition_point(|t| t.start < to);
            tokens[first..last.max(first)]
                .iter()
                .filter(|t| t.is_text())
                .cloned()
                .collect()
        })
        .collect();
}

/// True for the characters of values run together: digits, signs, `/`, `.`, units.
fn in_run(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '+' | '-' | '/' | '.' | '万' | '元')
}

/// A row label run together with what surrounds it, as crawlers that strip all
/// white space leave it: its values after it (`行政许可3960181`), and the group
/// label of a merged cell before it (`(三)不予公开1.属于国家秘密`). Returns where
/// the values start (the text's length when there are none).
fn run_together<K: Copy>(
    text: &str,
    classify: &impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
    started: bool,
) -> Option<(usize, K, Fit)> {
    let split = text
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_run(c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    let run = &text[split..];
    if split == 0 || split > MAX_RUN_TOGETHER_LABEL {
        return None;
    }
    if !run.is_empty() && !run.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let label = compact(&text[..split]);
    if !run.is_empty()
        && let Some((Class::Row(key), fit)) = classify(&label, started)
    {
        return Some((split, key, fit));
    }
    for (q, _) in label
        .char_indices()
        .skip(1)
        .take_while(|&(q, _)| q <= MAX_GROUP_LABEL)
    {
        // the merged cell before: a group label, or (六)其他处理 over its sub-rows
        if classify(&label[..q], started).is_none() {
            continue;
        }
        if let Some((Class::Row(key), fit)) = classify(&label[q..], started) {
            return Some((split, key, fit));
        }
    }
    None
}

/// How many label pieces a wrapped label may leave after its values.
const MAX_FRAGMENTS: usize = 32;
/// How many pieces of a merged group label may come first among them.
const MAX_GROUP_PIECES: usize = 2;
/// The longest piece of a group label, in characters, taken for one.
const MAX_GROUP_PIECE_CHARS: usize = 4;

/// A row label wrapped over several lines of PDF text, its values on the first:
///
/// ```text
/// （三）不予公 1.属于国家      4   4   1 …
/// 开        秘密
/// ```
///
/// The label is rebuilt from the end of the first line's text and the pieces
/// that follow the values (after up to [`MAX_GROUP_PIECES`] pieces of the merged
/// group label on the left), and taken only when it is a row label written
/// exactly. Returns where the label starts, the row, and where to go on.
fn wrapped_label<K: Copy>(
    doc: &str,
    tokens: &[Token],
    i: usize,
    cells_end_at: usize,
    classify: &impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
    started: bool,
) -> Option<(usize, K, usize)> {
    let token = &tokens[i];
    let text = token.text(doc);
    // where the words of the first line start
    let mut starts: Vec<usize> = text
        .char_indices()
        .filter(|&(j, c)| {
            !c.is_whitespace() && (j == 0 || text[..j].ends_with(char::is_whitespace))
        })
        .map(|(j, _)| j)
        .collect();
    starts.truncate(3);
    // the label pieces after the values: text cells that no value follows
    let mut fragments = Vec::new();
    let mut j = cells_end_at;
    while j < tokens.len() && fragments.len() < MAX_FRAGMENTS && tokens[j].is_text() {
        if cells_end(tokens, j + 1, Layout::Lines) != j + 1 {
            break; // a text followed by values starts the next row
        }
        fragments.push(compact(tokens[j].text(doc)));
        j += 1;
    }
    for &start in starts.iter().rev() {
        let base = compact(&text[start..]);
        if is_bare_ordinal(&base) {
            // the ordinal of the label above, never the start of the one below
            continue;
        }
        // the pieces under the label's column, without the group label's
        // pieces beside them (`不予公 于国` under `（三） 1.属`)
        if let Some(column) = token.at.map(|p| p.start + column_of(text, start)) {
            let under: Vec<String> = tokens[cells_end_at..cells_end_at + fragments.len()]
                .iter()
                .map(|t| words_from_column(doc, t, column))
                .collect();
            let mut joined = base.clone();
            for (taken, piece) in under.iter().enumerate() {
                joined.push_str(piece);
                if let Some((Class::Row(key), Fit::Exact)) = classify(&joined, started) {
                    return Some((token.start + start, key, cells_end_at + taken + 1));
                }
            }
        }
        for skip in 0..=MAX_GROUP_PIECES.min(fragments.len()) {
            let mut joined = base.clone();
            for (taken, piece) in fragments[skip..].iter().enumerate() {
                joined.push_str(piece);
                if let Some((Class::Row(key), Fit::Exact)) = classify(&joined, started) {
                    return Some((token.start + start, key, cells_end_at + skip + taken + 1));
                }
            }
        }
        if let Some((Class::Row(key), Fit::Exact)) = classify(&base, started) {
            // the short pieces after it belong to the merged group label (`理结果`)
            let group_pieces = fragments
                .iter()
                .take(MAX_GROUP_PIECES)
                .take_while(|f| f.chars().count() <= MAX_GROUP_PIECE_CHARS)
                .count();
            return Some((token.start + start, key, cells_end_at + group_pieces));
        }
    }
    None
}

/// The cells of a row of plain `pdftotext` text that are on its label's line.
/// Plain output follows the PDF's text runs, not the table's rows: a row's
/// values may stand beside its label, one a line below it, or among column
/// blocks further on, in another order than the columns (`12`, `1`, `1`, `1`,
/// `1`, `2`, `18` for `12 2 1 1 1 1 18`; `行政规范性文件 14` / `63` / `88` with a
/// blank between that left no trace). Only the values beside the label are
/// known to be the row's, and in order; or, for the table's last row, the
/// values that end the table.
fn same_line_cells<'t>(label: &Token, cells: &'t [Token]) -> &'t [Token] {
    let line_of = |t: &Token| t.at.map(|p| (p.page, p.line));
    let Some(line) = line_of(label) else {
        return cells;
    };
    let on_line = cells
        .iter()
        .take_while(|t| line_of(t) == Some(line))
        .count();
    &cells[..on_line]
}

/// True for the text of plain `pdftotext` (no `-layout`): a form feed
/// between pages (where pdftotext writes it, at the start of a page's first
/// line; one inside a line of prose is no page break), and cells on one line
/// separated by single spaces, not aligned in columns by runs of spaces.
fn is_plain_pdf_text(doc: &str, tokens: &[Token]) -> bool {
    let page_break = doc.starts_with('\u{c}') || doc.contains("\n\u{c}");
    if !page_break {
        return false;
    }
    let (mut pairs, mut wide) = (0usize, 0usize);
    for w in tokens.windows(2) {
        if let (Some(a), Some(b)) = (w[0].at, w[1].at)
            && a.line == b.line
            && a.page == b.page
        {
            pairs += 1;
            if b.start >= a.end.saturating_add(2) {
                wide += 1;
            }
        }
    }
    wide * 4 < pairs || pairs == 0
}

/// An item number standing alone: `1.`, `3、`, `(2)`.
///
/// ```text
/// bare_ordinal = digit+ ("." | "、") | "(" digit+ ")"
/// ```
fn is_bare_ordinal(text: &str) -> bool {
    let t = text.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    t.strip_suffix('.')
        .or_else(|| t.strip_suffix('、'))
        .is_some_and(digits)
        || t.strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .is_some_and(digits)
}

/// True for a short piece of a merged group label in PDF text (`法提供`,
/// `理结果`): at most [`MAX_GROUP_PIECE_CHARS`] characters, no label itself,
/// and not opening with a row's ordinal (`4.保护`, the start of a row label
/// wrapped around its values).
fn is_group_piece<K>(
    doc: &str,
    token: &Token,
    classify: &impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
) -> bool {
    if !token.is_text() || token.at.is_none() {
        return false;
    }
    let text = compact(token.text(doc));
    let ordinal = text
        .split_once(['.', '、'])
        .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    !ordinal && text.chars().count() <= MAX_GROUP_PIECE_CHARS && classify(&text, true).is_none()
}

/// The column of byte `at` of a token's text, counted from the token's start
/// (one a character, as [`crate::grammar::tokens`] counts PDF text).
fn column_of(text: &str, at: usize) -> u32 {
    u32::try_from(text[..at].chars().count()).unwrap_or(u32::MAX)
}

/// The words of a token of PDF text that start at or right of `column` (one
/// column of slack, as `pdftotext -layout` shifts a wrapped line by one),
/// compact.
fn words_from_column(doc: &str, token: &Token, column: u32) -> String {
    let text = token.text(doc);
    let Some(at) = token.at else {
        return compact(text);
    };
    let mut out = String::new();
    for (j, c) in text.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        let word_start = text[..j].rfind(char::is_whitespace).map_or(0, |w| {
            w + text[w..].chars().next().map_or(1, char::len_utf8)
        });
        if at.start + column_of(text, word_start) + 1 >= column {
            out.push(c);
        }
    }
    compact(&out)
}

/// The end of the cells that follow a label: the next text cell, or the next row.
pub(crate) fn cells_end(tokens: &[Token], from: usize, layout: Layout) -> usize {
    let mut j = from;
    while j < tokens.len() && !tokens[j].is_text() && !(layout.marks_rows() && tokens[j].row_start)
    {
        j += 1;
    }
    j
}

/// Counts the empty cells that end the row after `from`, when nothing else follows in it.
fn trailing_blanks(tokens: &[Token], from: usize) -> Option<usize> {
    let mut count = 0;
    for t in &tokens[from..] {
        if t.row_start {
            break;
        }
        if !t.is_blank() {
            return None;
        }
        count += 1;
    }
    Some(count)
}

/// How many tokens from `i` on are the pieces of one cell of a box table:
/// text at the same column, on the lines that follow each other.
///
/// ```text
/// cell = piece (piece at the same column, next line)*
/// ```
fn same_cell(tokens: &[Token], i: usize) -> usize {
    let mut n = 1;
    while let (Some(prev), Some(next)) = (
        tokens[i + n - 1].at,
        tokens
            .get(i + n)
            .filter(|t| t.is_text() && !t.row_start)
            .and_then(|t| t.at),
    ) {
        if next.start != prev.start || next.line != prev.line + 1 {
            break;
        }
        n += 1;
    }
    n
}

fn classify_at<K: Copy>(
    doc: &str,
    tokens: &[Token],
    i: usize,
    layout: Layout,
    classify: &impl Fn(&str, bool) -> Option<(Class<K>, Fit)>,
    started: bool,
    joined: &mut String,
) -> Option<(Class<K>, Fit, usize)> {
    joined.clear();
    compact_onto(joined, tokens[i].text(doc));
    if layout == Layout::Boxed {
        let pieces = same_cell(tokens, i);
        for t in &tokens[i + 1..i + pieces] {
            compact_onto(joined, t.text(doc));
        }
        let joined = crate::grammar::tokens::unspanned(joined);
        return classify(&joined, started).map(|(c, f)| (c, f, pieces));
    }
    let mut best = classify(joined, started).map(|(c, f)| (c, f, 1));
    if layout.marks_rows() {
        return best;
    }
    for k in 1..MAX_JOIN {
        let Some(t) = tokens.get(i + k).filter(|t| t.is_text()) else {
            break;
        };
        if best.is_some_and(|(_, f, _)| f == Fit::Exact) {
            break;
        }
        compact_onto(joined, t.text(doc));
        if let Some((c, f)) = classify(joined, started)
            && best.is_none_or(|(_, bf, _)| f < bf)
        {
            best = Some((c, f, k + 1));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::is_bare_ordinal;

    #[test]
    fn bare_ordinals() {
        for t in ["1.", "3、", "(2)", " 12. "] {
            assert!(is_bare_ordinal(t), "{t}");
        }
        for t in ["1.属于", "3", "(二)", "0.5", "."] {
            assert!(!is_bare_ordinal(t), "{t}");
        }
    }

    #[test]
    fn a_row_label_opening_with_its_ordinal_is_no_group_piece() {
        // the values' line of `3.危及“三安全一稳定”` lost: the tail of that
        // label does not take the values of `4.保护` (wrapped around its values)
        use crate::grammar::table::test_support::{get, read};
        let text = include_str!(
            "../../../tests/fixtures/tools/libreoffice-pdftotext-layout/docx_w2019_indented.txt"
        );
        let line = "          3.危    1    2   0     1          1     0    5\n";
        assert!(text.contains(line));
        let r = read(&text.replace(line, ""));
        for column in ["natural_person", "total"] {
            assert_eq!(
                get(
                    &r,
                    &format!("applications.denied_security_stability.{column}")
                ),
                ""
            );
        }
        assert_eq!(
            get(&r, "applications.denied_third_party.natural_person"),
            "6"
        );
        assert_eq!(get(&r, "applications.denied_third_party.total"), "9");
    }
}
