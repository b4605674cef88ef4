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
//! No cell of section 三 stands above its header, so the readers that take
//! the section's figures in order ([`super::row_bands`],
//! [`super::label_tails`]) are asked again, when the whole region was not
//! read, with the text from the header's line on:
//!
//! ```text
//! header line := the first line of the region holding a form of 申请人情况
//! from header := region[header line start ..]     (none: the region as it is)
//! ```
//!
//! The figures left out are not placed anywhere; the table's sums still
//! check every reading of the rest.

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

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};
    use super::from_header;
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
    fn a_figure_below_the_header_still_breaks_the_cut() {
        // the same stray figure after the header: the stream is one too long
        let text = page("").replacen("自然人\n", "自然人\n37\n", 1);
        let r = read(&text);
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "");
        assert_eq!(get(&r, "applications.outcome_total.total"), "");
    }
}
