//! Text squeezed onto one line, as crawlers export reports
//! (`' '.join(text.split())`): every line break, tab and run of spaces of the
//! original is one space. The grammar reads lines, so such a line is given its
//! line breaks back: each space becomes a line break, which keeps every byte
//! offset (a space and a line break are one byte each). Cells then stand one a
//! line, the layout of web page text, and headings start lines again.
//!
//! A line is taken as squeezed when it is long, holds many spaces and names
//! the tables of the template; prose lines and tables laid out in rows are
//! left alone. Pipe-separated rows are left alone too: their empty cells
//! (`| |`) cannot be told from row ends once squeezed.

/// The shortest line taken as squeezed, in bytes.
const LONG_LINE: usize = 1000;
/// The fewest spaces a squeezed line holds.
const MIN_SPACES: usize = 40;
/// Words of the template's tables; a squeezed report names at least two.
const TABLE_WORDS: &[&str] = &["信息内容", "行政许可", "予以公开", "不予公开", "结果维持"];

fn squeezed(line: &str) -> bool {
    line.len() >= LONG_LINE
        && line.bytes().filter(|&b| b == b' ').count() >= MIN_SPACES
        && line.bytes().filter(|&b| b == b'|').count() < MIN_SPACES / 4
        && TABLE_WORDS.iter().filter(|w| line.contains(*w)).count() >= 2
}

/// The text with the spaces of its squeezed lines turned into line breaks, or
/// `None` when no line is squeezed. The result has the length of `doc`.
pub(crate) fn reline(doc: &str) -> Option<String> {
    let mut out: Option<Vec<u8>> = None;
    let mut at = 0;
    for line in doc.split('\n') {
        if squeezed(line) {
            let bytes = out.get_or_insert_with(|| doc.as_bytes().to_vec());
            for b in &mut bytes[at..at + line.len()] {
                if *b == b' ' {
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
}
