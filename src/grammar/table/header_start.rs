//! Section 三's text from its header on, for the readers of its figures'
//! order.
//!
//! Plain `pdftotext` of Chromium's PDF of a page may give a figure of the
//! section before (the last cell of section 二, its row wrapping over the
//! page) after section 三's heading, before the table's header:
//!
//! ```text
//! 三、收到和处理政府信息公开申请情况
//! 37                                    行政规范性文件's 现行有效件数
//! 申请人情况
//! …
//! 一、本年新收政府信息公开申请数量
//! 127 82 18 34 33 34 328
//! ```
//!
//! No cell of section 三 stands above its header, so the reader that takes
//! the section's figures in order as whole rows ([`super::row_bands`]) is
//! asked again, when the whole region was not read, with the text from the
//! header's line on (not [`super::label_tails`], whose heads trust the rows
//! the scan read from the figures after their labels, which a lost label
//! line shifts onto the next row's):
//!
//! ```text
//! header line := the first line of the region holding a form of 申请人情况
//! from header := region[header line start ..]     (none: the region as it is)
//! ```
//!
//! The figures left out are not placed anywhere; the table's sums still
//! check every reading of the rest.
//!
//! The same text may give the figures of section 三's last rows after
//! section 四's heading, among the top words of its header and before the
//! rest of it; no cell of section 四 stands above its header either, so
//! they are section 三's, and the reader is asked a third time with them:
//!
//! ```text
//! 四、政府信息公开行政复议、行政诉讼情况
//! 行政复议
//! 行政诉讼
//! 10 4 1 2 0 0 17 81 24 …               (六)其他处理, (七)总计, 四
//! 未经复议直接起诉
//! …
//! overflow := section 四's first lines, each blank, figures only, or a top
//!             header label (行政复议, 行政诉讼), holding a figure
//! extended := section 三's figures from its header on, then overflow's
//! ```

use crate::grammar::label::compacted;
use crate::grammar::value::scalar;
use crate::normalize::Norm;
use crate::template;

/// The part of `region` of `doc` from the start of the line holding section
/// 三's header `申请人情况` on, when that line comes after some other text of
/// the region; `None` when the region shows no such header or starts with
/// it (see the module documentation).
pub(super) fn from_header(doc: &str, region: Norm) -> Option<Norm> {
    let text = doc.get(region.start..region.end)?;
    let at = template::APPLICANTS
        .forms
        .iter()
        .filter_map(|form| text.find(form))
        .min()?;
    let line = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let start = region.start + line;
    (line > 0 && doc[region.start..start].chars().any(|c| !c.is_whitespace()))
        .then_some(Norm::new(start, region.end))
}

/// Whether `line` is one of section 四's top header labels, the ones over
/// no other label (行政复议 and the group 行政诉讼).
fn top_review_label(line: &str) -> bool {
    template::REVIEW_ROWS.iter().any(|entry| {
        let top = entry.groups.first().unwrap_or(&entry.label);
        top.forms.contains(&line)
    })
}

/// Where the figures of section 三 that its text gives after section 四's
/// heading end: the end of the first lines of `review` (section 四's region
/// of `doc`) that are blank, show figures only or a top header label of
/// section 四, when they show a figure; `None` otherwise (see the module
/// documentation).
///
/// ```text
/// overflow := (blank | figure+ | top header label)* line, holding a figure
/// ```
pub(super) fn overflow_end(doc: &str, review: Norm) -> Option<usize> {
    let text = doc.get(review.start..review.end)?;
    let mut at = review.start;
    let mut end = None;
    for line in text.split_inclusive('\n') {
        let words: Vec<&str> = line.split_whitespace().collect();
        let figures = !words.is_empty() && words.iter().all(|w| scalar(w).is_some());
        if figures {
            end = Some(at + line.trim_end().len());
        } else if !words.is_empty() && !top_review_label(&compacted(line)) {
            break;
        }
        at += line.len();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};
    use super::{from_header, overflow_end};
    use crate::normalize::Norm;

    #[test]
    fn the_region_is_cut_at_the_header_line() {
        let doc = "三、收到\n37\n（申请人情况 自然人\n1 2\n";
        let cut = from_header(doc, Norm::new(0, doc.len())).expect("a header line");
        assert_eq!(&doc[cut.start..cut.end], "（申请人情况 自然人\n1 2\n");
        // a region that starts with its header, or shows none, is not cut
        let doc = "申请人情况\n1 2\n";
        assert_eq!(from_header(doc, Norm::new(0, doc.len())), None);
        let doc = "三、收到\n37\n1 2\n";
        assert_eq!(from_header(doc, Norm::new(0, doc.len())), None);
    }

    #[test]
    fn the_overflow_ends_before_the_rest_of_the_header() {
        let doc = "行政复议\n行政诉讼\n\n10\n4 1\n\n未经复议直接起诉\n2\n";
        let end = overflow_end(doc, Norm::new(0, doc.len())).expect("an overflow");
        assert_eq!(&doc[..end], "行政复议\n行政诉讼\n\n10\n4 1");
        // no figure before the header's other words: no overflow
        let doc = "行政复议\n未经复议直接起诉\n2\n";
        assert_eq!(overflow_end(doc, Norm::new(0, doc.len())), None);
    }

    /// Section 三 of the 2019 edition, labels first, then its figures row by
    /// row (一 = 20 in natural person, 二 = 1 in other org, each of the 19
    /// outcome rows 1 in natural person, (七)总计 = 19, 四 = 1 and 1), with
    /// `before` between the section's heading and its header.
    fn page(before: &str) -> String {
        let mut rows = vec![[20, 0, 0, 0, 0, 0, 20], [0, 0, 0, 0, 0, 1, 1]];
        rows.extend(std::iter::repeat_n([1, 0, 0, 0, 0, 0, 1], 19));
        rows.push([19, 0, 0, 0, 0, 0, 19]);
        rows.push([1, 0, 0, 0, 0, 1, 2]);
        let figures: Vec<String> = rows.iter().flatten().map(u64::to_string).collect();
        format!(
            "某局2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n{before}申请人情况\n自然人\n\
             一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n三、本年度办理结果\n（一）予以公开\n\
             （七）总计\n四、结转下年度继续办理\n{}\n四、政府信息公开行政复议、行政诉讼情况\n",
            figures.join("\n")
        )
    }

    #[test]
    fn a_figure_above_the_header_is_no_cell_of_the_table() {
        let r = read(&page("37\n"));
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "20");
        assert_eq!(get(&r, "applications.carried_over.other_org"), "1");
        assert_eq!(get(&r, "applications.outcome_total.total"), "19");
        assert_eq!(get(&r, "applications.carried_forward.total"), "2");
    }

    #[test]
    fn the_last_rows_after_section_four_heading_are_read() {
        // (七)总计 and 四 (14 figures) moved after section 四's top labels
        let text = page("37\n");
        let figures = "19\n0\n0\n0\n0\n0\n19\n1\n0\n0\n0\n0\n1\n2\n";
        let at = text.rfind(figures).expect("the last rows");
        let mut moved = text.replacen(figures, "", 1);
        moved.truncate(at);
        moved.push_str("\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n行政诉讼\n");
        moved.push_str(figures);
        moved.push_str("未经复议直接起诉\n复议后起诉\n五、存在的主要问题及改进情况\n");
        let r = read(&moved);
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "20");
        assert_eq!(get(&r, "applications.outcome_total.total"), "19");
        assert_eq!(get(&r, "applications.carried_forward.other_org"), "1");
        // without those figures the table is short and stays blank
        let short = moved.replacen(figures, "", 1);
        let r = read(&short);
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "");
    }

    #[test]
    fn a_figure_below_the_header_still_breaks_the_cut() {
        // the same stray figure after the header: the stream is one too long
        let text = page("").replacen("自然人\n", "自然人\n37\n", 1);
        let r = read(&text);
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "");
        assert_eq!(get(&r, "applications.outcome_total.total"), "");
    }
}
