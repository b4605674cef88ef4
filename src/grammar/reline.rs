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
//! Inside a row the spaces stay (a cell may hold one). Other pipe-separated
//! text (`a | b |` rows, no separator) cannot be cut into rows once squeezed:
//! such a line is left alone.

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
        let mut end = sep_end;
        while end + 2 < line.len() && line[end + 1] == b' ' && line[end + 2] == b'|' {
            let Some(row_end) = pipe_after(line, end + 2, n + 1) else {
                break;
            };
            breaks.push(end + 1);
            // a row with fewer cells than the separator's, then the next
            // section's heading: the table ends before the heading
            if let Some(cut) = heading_cell(line, end + 2, row_end) {
                end = cut;
                break;
            }
            end = row_end;
        }
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
    let mut at = 0;
    for (s, e) in super::tokens::lines(doc, 0, doc.len()) {
        let line = &doc[s..e];
        if squeezed(line) {
            let (tables, breaks) = markdown_tables(line.as_bytes());
            if tables.is_empty() && piped(line) {
                at += line.len() + 1;
                continue; // pipe rows without a separator: not told apart
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
        at += line.len() + 1;
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
}
