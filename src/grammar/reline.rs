//! Text squeezed onto one line, as crawlers export reports
//! (`' '.join(text.split())`): every line break, tab and run of spaces of the
//! original is one space. The grammar reads lines, so such a line is given its
//! line breaks back: each space becomes a line break, which keeps every byte
//! offset (a space and a line break are one byte each). Cells then stand one a
//! line, the layout of web page text, and headings start lines again.
//!
//! A line is taken as squeezed when it is long, holds many spaces and names
//! the tables of the template; prose lines and tables laid out in rows are
//! left alone.
//!
//! A markdown table squeezed keeps its pipes: `| a | b | |---|---| | 1 | 2 |`.
//! Its separator row tells how many columns it has, `n`; the header row is the
//! `n + 1` pipes before the separator, and each row after it the next `n + 1`
//! pipes, so the rows are cut apart exactly, empty cells (`| |`) included.
//! A row that lost a pipe (a figure deleted with it, two figures run
//! together) throws the count off for every row after it: the rows are then
//! counted back from the table's end as well, and the damaged row, one cell
//! short, is what lies between (see [`resync`]).
//! Inside a row the spaces stay (a cell may hold one). Other pipe-separated
//! text (`a | b |` rows, no separator) cannot be cut into rows once squeezed:
//! such a line is left alone, but for the rows of Python's `html2text`
//! (`a| b | c| d`), which the spaces around its pipes tell apart (see
//! [`super::pipe_rows`]).

/// The shortest line taken as squeezed, in bytes.
const LONG_LINE: usize = 1000;
/// The fewest spaces a squeezed line holds.
const MIN_SPACES: usize = 40;
/// Words of the template's tables; a squeezed report names at least two.
const TABLE_WORDS: &[&str] = &["信息内容", "行政许可", "予以公开", "不予公开", "结果维持"];

fn squeezed(line: &str) -> bool {
    line.len() >= LONG_LINE
        && line.bytes().filter(|&b| b == b' ').count() >= MIN_SPACES
        && TABLE_WORDS.iter().filter(|w| line.contains(*w)).count() >= 2
}

fn piped(line: &str) -> bool {
    line.bytes().filter(|&b| b == b'|').count() >= MIN_SPACES / 4
}

/// The separator row starting at the pipe `line[at]` (`|---|:--:|`): the
/// index of its last pipe and its number of columns.
fn separator(line: &[u8], at: usize) -> Option<(usize, usize)> {
    let (mut j, mut columns) = (at, 0);
    loop {
        let cell_end = line[j + 1..]
            .iter()
            .position(|b| !matches!(b, b'-' | b':' | b' '))
            .map_or(line.len(), |k| j + 1 + k);
        let cell = &line[j + 1..cell_end];
        if cell_end < line.len() && line[cell_end] == b'|' && cell.windows(3).any(|w| w == b"---") {
            columns += 1;
            j = cell_end;
        } else {
            break;
        }
    }
    (columns > 0).then_some((j, columns))
}

/// The index of the `count`-th pipe from `from` on (`from` itself counts).
fn pipe_after(line: &[u8], from: usize, count: usize) -> Option<usize> {
    line[from..]
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'|')
        .nth(count.checked_sub(1)?)
        .map(|(i, _)| from + i)
}

/// The pipe before the first cell of `line[from..=to]` that is a section
/// heading (`| 三、收到和处理政府信息公开申请情况 |`), if one is.
fn heading_cell(line: &[u8], from: usize, to: usize) -> Option<usize> {
    let row = std::str::from_utf8(&line[from..=to]).ok()?;
    let mut at = 0;
    for cell in row.split('|') {
        if at > 0 && super::heading::heading_line(cell.trim()).is_some() {
            return Some(from + at - 1);
        }
        at += cell.len() + 1;
    }
    None
}

/// The rows after a table's separator row (ending at `sep_end`), each the
/// next `n + 1` pipes, as the pipes that open and close them: as long as a
/// space and a pipe follow a row. A row with fewer cells than the
/// separator's, then the next section's heading, ends before the heading,
/// and so does the table.
fn counted_rows(line: &[u8], sep_end: usize, n: usize) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut end = sep_end;
    while end + 2 < line.len() && line[end + 1] == b' ' && line[end + 2] == b'|' {
        let open = end + 2;
        let Some(close) = pipe_after(line, open, n + 1) else {
            break;
        };
        if let Some(cut) = heading_cell(line, open, close) {
            rows.push((open, cut));
            break;
        }
        rows.push((open, close));
        end = close;
    }
    rows
}

/// Whether `segment`, the bytes between two pipes, is a table cell: text
/// between spaces (` 12 `, ` 行政许可 `, ` ` for an empty cell) that is no
/// section heading.
fn is_cell(segment: &[u8]) -> bool {
    segment.first() == Some(&b' ')
        && segment.last() == Some(&b' ')
        && std::str::from_utf8(segment)
            .is_ok_and(|s| super::heading::heading_line(s.trim()).is_none())
}

/// The last pipe of the run of cells from the pipe `from` on: where text
/// that is no cell follows (`|---|`, a heading, the text after the line's
/// last pipe).
fn cells_end(line: &[u8], from: usize) -> usize {
    let mut at = from;
    while let Some(next) = line[at + 1..].iter().position(|&b| b == b'|') {
        if !is_cell(&line[at + 1..at + 1 + next]) {
            break;
        }
        at += 1 + next;
    }
    at
}

/// The rows of a table counted back from its last pipe `last`, each `n + 1`
/// pipes, last row first: as long as a row starts right after the
/// separator row (ending at `sep_end`) or after a pipe and a space.
fn rows_back(line: &[u8], (sep_end, n): (usize, usize), last: usize) -> Vec<(usize, usize)> {
    let mut rows = Vec::new();
    let mut close = last;
    while close > sep_end {
        // the n-th pipe before `close`
        let Some(open) = line[sep_end + 1..close]
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, b)| **b == b'|')
            .nth(n - 1)
            .map(|(k, _)| sep_end + 1 + k)
        else {
            break;
        };
        let after_separator = open == sep_end + 2;
        let after_row = open > sep_end + 2 && line[open - 1] == b' ' && line[open - 2] == b'|';
        if !(after_separator || after_row) {
            break;
        }
        rows.push((open, close));
        if after_separator {
            break;
        }
        close = open - 2;
    }
    rows
}

/// The column of the first figure of the row between the pipes `open` and
/// `close`, `None` when it holds none.
fn first_figure(line: &[u8], (open, close): (usize, usize)) -> Option<usize> {
    // pipes are ASCII: the bytes between two of them are whole characters
    let row = std::str::from_utf8(&line[open + 1..close]).ok()?;
    row.split('|')
        .map(|c| super::value::scalar(c.trim()))
        .position(|k| k.is_some_and(|k| k != super::value::Scalar::Blank))
}

/// The one column that holds the first figure of every row with a figure
/// (`Some(None)` when none holds one), or `None` when two rows disagree.
/// Rows line up so in a table, after its label columns; a row cut one cell
/// off (`| （二）部分公开 | | 2 |`, its first empty cell counted into the row
/// before) starts its figures a column early.
fn same_column(columns: impl IntoIterator<Item = Option<usize>>) -> Option<Option<usize>> {
    let mut out = None;
    for column in columns.into_iter().flatten() {
        if *out.get_or_insert(column) != column {
            return None;
        }
    }
    Some(out)
}

/// [`same_column`] of the first `k` rows, for every `k`.
fn same_column_prefixes(line: &[u8], rows: &[(usize, usize)]) -> Vec<Option<Option<usize>>> {
    let mut out = Vec::with_capacity(rows.len() + 1);
    let mut so_far = Some(None);
    out.push(so_far);
    for &row in rows {
        so_far = so_far.and_then(|c| same_column([c, first_figure(line, row)]));
        out.push(so_far);
    }
    out
}

/// The rows of a table that lost one pipe (a figure deleted with its pipe,
/// two figures run together): counted from the separator on, every row after
/// the damaged one is cut one cell off, and the count ends the table early.
/// The rows counted back from the end of the table's run of cells are right
/// after the damaged row, those counted from the separator before it; the
/// damaged row is what lies between, one cell short, as its own line.
///
/// ```text
/// table   := counted{k} short counted-back{j}     (each row n + 1 pipes, short n)
/// reading := the one (k, j) under which one column holds the first figure
///            of every row with a figure (see `same_column`)
/// ```
///
/// `None`, and the rows stay as counted, when the count reaches the end of
/// the run of cells, or when no reading or more than one fits (a table
/// whose first figure cell is blank in a row fits none).
fn resync(
    line: &[u8],
    (sep_end, n): (usize, usize),
    forward: &[(usize, usize)],
) -> Option<(Vec<(usize, usize)>, usize)> {
    let last = cells_end(line, sep_end);
    if forward.last().map_or(sep_end, |r| r.1) == last {
        return None;
    }
    let pipes = |a: usize, b: usize| line[a..=b].iter().filter(|&&c| c == b'|').count();
    // a row cut at a heading is short already: not counted right
    let full = forward
        .iter()
        .take_while(|&&(a, b)| pipes(a, b) == n + 1)
        .count();
    let back = rows_back(line, (sep_end, n), last);
    let ahead = same_column_prefixes(line, &forward[..full]);
    let behind = same_column_prefixes(line, &back);
    let mut found = None;
    for keep in 0..=full {
        let open = forward[..keep].last().map_or(sep_end, |r| r.1) + 2;
        if line.get(open) != Some(&b'|') {
            continue;
        }
        // the short row: n pipes, then the end or a row counted back
        let Some(close) = pipe_after(line, open, n).filter(|&c| c > open) else {
            continue;
        };
        let Some(j) = (close == last).then_some(0).or_else(|| {
            // the rows counted back stand last first: their pipes descend
            back.binary_search_by(|r| (close + 2).cmp(&r.0))
                .ok()
                .map(|i| i + 1)
        }) else {
            continue;
        };
        let lined_up = ahead[keep]
            .zip(behind[j])
            .and_then(|(a, b)| same_column([a, first_figure(line, (open, close)), b]));
        if lined_up.is_some() {
            if found.is_some() {
                return None; // two readings
            }
            let mut rows = forward[..keep].to_vec();
            rows.push((open, close));
            rows.extend(back[..j].iter().rev());
            found = Some(rows);
        }
    }
    found.map(|rows| (rows, last))
}

/// The markdown tables of a squeezed line: the byte ranges they cover, and
/// the spaces between their rows.
fn markdown_tables(line: &[u8]) -> (Vec<(usize, usize)>, Vec<usize>) {
    let (mut tables, mut breaks) = (Vec::new(), Vec::new());
    let mut at = 0;
    while let Some(i) = line[at..].iter().position(|&b| b == b'|').map(|i| at + i) {
        let Some((sep_end, n)) = separator(line, i) else {
            at = i + 1;
            continue;
        };
        // the header: the n + 1 pipes before the separator
        let header = (i >= 2 && line[i - 1] == b' ')
            .then(|| {
                line[..i - 1]
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(_, b)| **b == b'|')
                    .nth(n)
                    .map(|(k, _)| k)
            })
            .flatten()
            .filter(|&h| h == 0 || line[h - 1] == b' ');
        let start = match header {
            Some(h) => {
                if h > 0 {
                    breaks.push(h - 1);
                }
                breaks.push(i - 1);
                h
            }
            None => i,
        };
        let forward = counted_rows(line, sep_end, n);
        let end = forward.last().map_or(sep_end, |r| r.1);
        let (rows, end) = resync(line, (sep_end, n), &forward).unwrap_or((forward, end));
        breaks.extend(rows.iter().map(|&(open, _)| open - 1));
        if end + 1 < line.len() && line[end + 1] == b' ' {
            breaks.push(end + 1);
        }
        tables.push((start, end + 1));
        at = end + 1;
    }
    (tables, breaks)
}

/// The text with the spaces of its squeezed lines turned into line breaks, or
/// `None` when no line is squeezed. The result has the length of `doc`.
pub(crate) fn reline(doc: &str) -> Option<String> {
    let mut out: Option<Vec<u8>> = None;
    // the lines found by a vectorised search for their ends: only a long one
    // is looked at, and most lines are short
    let mut next = 0;
    for e in memchr::memchr_iter(b'\n', doc.as_bytes()).chain([doc.len()]) {
        let at = next;
        next = e + 1;
        if e - at < LONG_LINE {
            continue;
        }
        let line = &doc[at..e];
        if squeezed(line) {
            let (tables, breaks) = markdown_tables(line.as_bytes());
            if tables.is_empty() && piped(line) {
                // pipe rows without a separator: told apart in html2text's
                // shape only (see `pipe_rows`)
                if let Some(cut) = super::pipe_rows::section_breaks(line.as_bytes()) {
                    let bytes = out.get_or_insert_with(|| doc.as_bytes().to_vec());
                    cut.iter().for_each(|&i| bytes[at + i] = b'\n');
                }
                continue;
            }
            let bytes = out.get_or_insert_with(|| doc.as_bytes().to_vec());
            let mut table = tables.iter().peekable();
            for (i, b) in bytes[at..at + line.len()].iter_mut().enumerate() {
                while table.next_if(|t| t.1 <= i).is_some() {}
                let inside = table.peek().is_some_and(|t| t.0 <= i);
                if *b == b' ' && (!inside || breaks.binary_search(&i).is_ok()) {
                    *b = b'\n';
                }
            }
        }
    }
    // only ASCII spaces were replaced by ASCII line breaks: still UTF-8
    out.map(|b| String::from_utf8(b).unwrap_or_else(|_| doc.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squeezed_report() -> String {
        let mut s = String::from(
            "某县统计局2021年政府信息公开工作年度报告 一、总体情况 正文。 二、主动公开政府信息情况 信息内容 本年制发件数",
        );
        for _ in 0..60 {
            s.push_str(" 行政许可 1 2 3");
        }
        s.push_str(" 三、收到和处理政府信息公开申请情况 (一)予以公开 1 2");
        s
    }

    #[test]
    fn a_squeezed_report_gets_its_line_breaks_back() {
        let doc = format!(
            "标题: 某县统计局2021年政府信息公开工作年度报告\n{}\n",
            squeezed_report()
        );
        let out = reline(&doc).expect("squeezed");
        assert_eq!(out.len(), doc.len());
        assert!(out.starts_with("标题: 某县"), "a short line is kept");
        assert!(out.contains("\n二、主动公开政府信息情况\n信息内容\n"));
        assert!(!out[doc.find('\n').unwrap()..].contains(' '));
    }

    #[test]
    fn prose_rows_and_pipes_are_kept() {
        let prose = "本机关主动公开行政许可、予以公开等信息，".repeat(60);
        assert_eq!(reline(&prose), None, "a long line of prose has no spaces");
        let short = "信息内容 行政许可 1 2 3";
        assert_eq!(reline(short), None);
        let pipes = squeezed_report().replace(" 1 ", " | 1 | ");
        assert_eq!(reline(&pipes), None);
    }

    #[test]
    fn squeezed_markdown_tables_are_cut_into_rows() {
        let table = "| 第二十条第（一）项 | | | | |---|---|---|---| | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 | | 规章 | 3 | | 21 |";
        let doc = format!(
            "{} {table} 三、收到和处理政府信息公开申请情况 正文",
            squeezed_report()
        );
        let out = reline(&doc).expect("squeezed");
        assert_eq!(out.len(), doc.len());
        assert!(
            out.contains("\n| 第二十条第（一）项 | | | |\n|---|---|---|---|\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 3 | | 21 |\n三、收到"),
            "{out}"
        );
        let (tables, _) = markdown_tables(b"a | x | y | |---|---| | 1 | 2 | b");
        assert_eq!(tables, [(2, 31)]);
    }

    /// The squeezed line of `table` in a report, cut into rows.
    fn relined(table: &str) -> String {
        let doc = format!(
            "{} {table} 三、收到和处理政府信息公开申请情况 正文",
            squeezed_report()
        );
        let out = reline(&doc).expect("squeezed");
        assert_eq!(out.len(), doc.len());
        let start = out.find("| 信息内容").expect("the table");
        let end = out.rfind("三、收到").expect("the heading");
        out[start..end].to_string()
    }

    #[test]
    fn a_row_that_lost_a_cell_is_a_line_of_its_own() {
        let head = "| 第二十条第（一）项 | | | | |---|---|---|---| | 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |";
        let whole = format!(
            "{head} | 规章 | 3 | 1 | 21 | | 行政规范性文件 | 11 | 5 | 64 | | 其他 | 2 | 0 | 9 |"
        );
        let rows = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 3 | 1 | 21 |\n| 行政规范性文件 | 11 | 5 | 64 |\n| 其他 | 2 | 0 | 9 |\n";
        assert_eq!(relined(&whole), rows);
        // `3` deleted, or run into the `1` after it: counted from the
        // separator, the row would end at the next row's first pipe and the
        // table there; the rows after it are counted back from its end
        for damaged in ["| 规章 | 1 | 21 |", "| 规章 | 31 | 21 |"] {
            let text = whole.replace("| 规章 | 3 | 1 | 21 |", damaged);
            assert_eq!(
                relined(&text),
                rows.replace("| 规章 | 3 | 1 | 21 |", damaged),
                "{damaged}"
            );
        }
        // the middle row's `5` deleted
        let text = whole.replace("| 11 | 5 | 64 |", "| 11 | 64 |");
        assert_eq!(
            relined(&text),
            rows.replace("| 11 | 5 | 64 |", "| 11 | 64 |")
        );
    }
}
