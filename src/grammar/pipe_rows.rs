//! Tables squeezed onto one line as Python's `html2text` writes them: a row's
//! cells are split by `| ` (the pipe right after the cell's text), and one
//! row ends where the next begins with ` | ` (a space, the pipe, a space):
//!
//! ```text
//! 信息内容| 本年制发件数| 本年废止件数 | 规章| 2| 1 | 行政规范性文件| 6| 3
//! ```
//!
//! An empty cell is `| |`. The rows are told apart by the space before a
//! pipe: after a cell's text it ends a row, after a pipe it is an empty cell.
//! The text decides this only where no run of two spaces stands (a cell of a
//! lone `&nbsp;` is `|  |`: an empty cell and a row's end, or a cell of one
//! space?), every pipe is followed by a space, and the pipes right after a
//! cell's text are at least as many as the rows: pipe rows written with
//! spaces on both sides (`a | b | c`) are not of this shape. Otherwise the
//! line is left as it is.
//!
//! Cut so, each space that does not follow a pipe becomes a line break (a row
//! then opens with `| `), the spaces after pipes stay: every byte offset is
//! kept, and headings and prose between the tables stand on lines again.
//!
//! A line whose rows the text does not decide as a whole is cut section by
//! section: html2text writes a section's heading bold between its tables
//! (`**三、收到和处理政府信息公开申请情况**`), no table runs across one, and
//! what decides a row's end is the text around it; so the tables of a
//! section with no `|  |` are cut as above, and a section's tables that hold
//! one stay on their line.

/// The fewest row ends a line of such tables holds.
const MIN_ROWS: usize = 3;

/// The offsets of the spaces of `line` that become line breaks when it holds
/// tables written by `html2text` (see the module docs), `None` when it does
/// not or when the text does not decide its rows.
///
/// ```text
/// line      := (text | row)*
/// row       := cell ("| " cell)*        (cells split by a pipe after text)
/// row-break := text " | "               (the space after a cell's text)
/// empty     := "| |"
/// ```
pub(super) fn line_breaks(line: &[u8]) -> Option<Vec<usize>> {
    if line.windows(2).any(|w| w == b"  ") {
        return None; // `|  |`: a space cell, or an empty one and a row's end
    }
    let (mut rows, mut splits) = (0, 0);
    for (i, &b) in line.iter().enumerate() {
        if b != b'|' {
            continue;
        }
        if line.get(i + 1).is_some_and(|&c| c != b' ') {
            return None; // `a|b`: no cell boundary of this shape
        }
        match i.checked_sub(1).map(|j| line[j]) {
            // a space after a cell's text ends a row; after a pipe, the cell
            // between is empty
            Some(b' ') if i >= 2 && line[i - 2] != b'|' => rows += 1,
            Some(b' ') | None => {}
            Some(_) => splits += 1,
        }
    }
    (rows >= MIN_ROWS && splits >= rows).then(|| {
        (0..line.len())
            .filter(|&i| line[i] == b' ' && (i == 0 || line[i - 1] != b'|'))
            .collect()
    })
}

/// The breaks of [`line_breaks`] for the whole `line`, or else for each of
/// its pieces that a section heading written bold begins (`**三、`), the
/// pieces whose rows the text does not decide left as they are; `None` when
/// no piece is cut.
///
/// ```text
/// line    := piece ("**" numeral+ "、" piece)*
/// breaks  = line_breaks(line) | ⋃ line_breaks(piece), over the pieces it cuts
/// ```
pub(super) fn section_breaks(line: &[u8]) -> Option<Vec<usize>> {
    if let Some(breaks) = line_breaks(line) {
        return Some(breaks);
    }
    let mut starts: Vec<usize> = (0..line.len())
        .filter(|&i| line[i..].starts_with(b"**") && opens_section(&line[i + 2..]))
        .collect();
    if starts.is_empty() {
        return None;
    }
    starts.insert(0, 0);
    starts.push(line.len());
    let breaks: Vec<usize> = starts
        .windows(2)
        .filter_map(|w| Some((w[0], line_breaks(&line[w[0]..w[1]])?)))
        .flat_map(|(at, breaks)| breaks.into_iter().map(move |i| at + i))
        .collect();
    (!breaks.is_empty()).then_some(breaks)
}

/// True when `text` opens with a section's ordinal (`三、`).
fn opens_section(text: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&text[..text.len().min(12)]);
    let numerals = text
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .count();
    numerals > 0 && text.chars().nth(numerals) == Some('、')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line` with its breaks made line breaks.
    fn cut(line: &str) -> Option<String> {
        let breaks = line_breaks(line.as_bytes())?;
        let mut bytes = line.as_bytes().to_vec();
        for i in breaks {
            bytes[i] = b'\n';
        }
        String::from_utf8(bytes).ok()
    }

    /// Cut from `html2text` of a report inside a page's layout table.
    const PRINTED: &str = "第二十条第（一）项 | 信息内容| 本年制发件数| 本年废止件数| 现行有效件数 | 规章| 2| 1| 9 | 行政规范性文件| 6| 3| 27 | 第二十条第（五）项 | 信息内容| 本年处理决定数量 | 行政许可| 4862 | 行政事业性收费| 236.47 **三、收到和处理政府信息公开申请情况** | （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）| 申请人情况";

    #[test]
    fn rows_end_at_a_space_after_a_cells_text() {
        let out = cut(PRINTED).expect("html2text rows");
        assert_eq!(out.len(), PRINTED.len());
        assert!(out.starts_with(
            "第二十条第（一）项\n| 信息内容| 本年制发件数| 本年废止件数| 现行有效件数\n| 规章| 2| 1| 9\n| 行政规范性文件| 6| 3| 27\n| 第二十条第（五）项\n"
        ), "{out}");
        assert!(
            out.contains(
                "\n| 行政事业性收费| 236.47\n**三、收到和处理政府信息公开申请情况**\n| （本列"
            ),
            "{out}"
        );
    }

    #[test]
    fn an_empty_cell_stays_in_its_row() {
        let line = "信息内容| 本年制发件数| 本年废止件数 | 规章| | 1 | 其他| 2| 3 | 合计| 4| 5";
        assert_eq!(
            cut(line).as_deref(),
            Some("信息内容| 本年制发件数| 本年废止件数\n| 规章| | 1\n| 其他| 2| 3\n| 合计| 4| 5")
        );
    }

    #[test]
    fn a_section_whose_rows_are_decided_is_cut_apart_from_one_whose_are_not() {
        let line = "**二、主动公开政府信息情况** 信息内容| 本年制发件数| 本年废止件数 | 规章| 0| 1 | 其他| 2| 3 | 合计| 4| 5 **三、收到和处理政府信息公开申请情况** 信息内容| 本年制发件数 | 规章|  | 1 | 其他| 2 | 合计| 4";
        assert_eq!(line_breaks(line.as_bytes()), None);
        let breaks = section_breaks(line.as_bytes()).expect("section 二 is cut");
        let mut bytes = line.as_bytes().to_vec();
        for i in breaks {
            bytes[i] = b'\n';
        }
        let out = String::from_utf8(bytes).unwrap();
        assert!(
            out.contains("\n| 规章| 0| 1\n| 其他| 2| 3\n| 合计| 4| 5\n**三、"),
            "{out}"
        );
        // section 三's rows, which `|  |` leaves undecided, stay on their line
        assert!(out.ends_with("**三、收到和处理政府信息公开申请情况** 信息内容| 本年制发件数 | 规章|  | 1 | 其他| 2 | 合计| 4"), "{out}");
        // with no heading to cut by, the line stays
        let one = line.replace("**三、", "**三");
        assert_eq!(section_breaks(one.as_bytes()), None);
    }

    #[test]
    fn rows_the_text_does_not_decide_are_left() {
        // a cell of one space: `|  |`
        let nbsp = "信息内容| 本年制发件数| 本年废止件数 | 规章|  | 1 | 其他| 2| 3 | 合计| 4| 5";
        assert_eq!(line_breaks(nbsp.as_bytes()), None);
        // pipe rows spaced on both sides are no such rows
        let spaced = "信息内容 | 本年制发件数 | 本年废止件数 | 规章 | 3 | 1 | 其他 | 2 | 3";
        assert_eq!(line_breaks(spaced.as_bytes()), None);
        // a pipe inside a word
        let word = PRINTED.replace("规章| 2", "规章|2");
        assert_eq!(line_breaks(word.as_bytes()), None);
        // too few rows
        assert_eq!(line_breaks("规章| 2| 1 | 其他| 3".as_bytes()), None);
    }
}
