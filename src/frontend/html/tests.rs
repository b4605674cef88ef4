use proptest::prelude::*;

use super::*;

/// The text an HTML source reads as, and its map.
fn text(src: &str) -> String {
    layout::render(&read(src, true), src.len()).0
}

fn with_map(src: &str) -> (String, crate::normalize::OffsetMap) {
    layout::render(&read(src, true), src.len())
}

#[test]
fn blocks_breaks_and_white_space() {
    assert_eq!(
        text("<div>一、总体<span>情况</span></div><p>本年新\n  制作数量<br>第二行</p>x&nbsp;y"),
        "一、总体情况\n本年新制作数量\n第二行\nx\u{a0}y\n"
    );
    assert_eq!(text("<p>a\n b   c</p>"), "a b c\n");
    // tag soup: unclosed p, li and stray end tags
    assert_eq!(
        text("<p>one<p>two</span></div><ul><li>a<li>b</ul>"),
        "one\ntwo\na\nb\n"
    );
    // pre keeps tabs and lines
    assert_eq!(
        text("<pre>规章\t0\t1\n行政许可\t5</pre>"),
        "规章\t0\t1\n行政许可\t5\n"
    );
}

#[test]
fn hidden_and_chrome() {
    let page = "<html><head><title>标题</title><style>p{}</style></head><body>\
        <div class=\"nav\"><a>首页</a></div><nav>菜单</nav>\
        <div id=Footer>页脚</div><script>var s = '<p>x</p>';</script>\
        <p style=\"display: none\">隐藏</p><article><header>文章标题</header><p>正文</p></article>\
        <footer>版权</footer></body></html>";
    assert_eq!(text(page), "文章标题\n正文\n");
    // without chrome removal, chrome stays
    let all = layout::render(&read(page, false), page.len()).0;
    assert!(
        all.contains("首页") && all.contains("版权") && !all.contains("隐藏"),
        "{all}"
    );
}

#[test]
fn entities_map_to_their_source() {
    let src = "<td>&#49;&#50;</td><p>A&amp;B &lt;x&gt; &ldquo;三&rdquo; &bogus; a&b</p>";
    let (t, map) = with_map(src);
    assert_eq!(t, "12\nA&B <x> “三” &bogus; a&b\n");
    assert_eq!(map.map_range(0..2), 4..14);
    let i = t.find('&').unwrap();
    assert_eq!(&src[map.map_range(i..i + 1)], "&amp;");
}

/// The applications table header with its merges (as in SH19 and Word), and
/// two rows under the merged 三、本年度办理结果.
const HEADER: &str = "<table>\
    <tr><td colspan=3 rowspan=3>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan=7>申请人情况</td></tr>\
    <tr><td rowspan=2>自然人</td><td colspan=5>法人或其他组织</td><td rowspan=2>总计</td></tr>\
    <tr><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\
    <tr><td colspan=3>一、本年新收政府信息公开申请数量</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>\
    <tr><td rowspan=4>三、本年度办理结果</td><td colspan=2>（一）予以公开</td><td>1</td><td>&nbsp;</td><td></td><td><o:p></o:p></td><td>0</td><td>0</td><td></td></tr>\
    <tr><td rowspan=3>（三）不予公开</td><td>1.属于国家秘密</td><td>7</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>7</td></tr>\
    <tr><td>2.其他法律行政法规禁止公开</td><td>8</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>8</td></tr>\
    </table>";

#[test]
fn merged_cells_make_one_cell_across_and_empty_cells_down() {
    let t = text(HEADER);
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(
        lines,
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况",
            "\t自然人\t法人或其他组织\t总计",
            "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
            "一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21",
            "三、本年度办理结果\t（一）予以公开\t1\t\u{a0}\t\t\t0\t0\t",
            "\t（三）不予公开\t1.属于国家秘密\t7\t0\t0\t0\t0\t0\t7",
            "\t\t2.其他法律行政法规禁止公开\t8\t0\t0\t0\t0\t0\t8",
        ]
    );
}

#[test]
fn the_grammar_reads_merged_headers_and_sparse_rows() {
    let page = format!(
        "<h1>某镇2020年政府信息公开工作年度报告</h1><p>三、收到和处理政府信息公开申请情况</p>{HEADER}"
    );
    let (t, map) = with_map(&page);
    let norm = crate::normalize::normalize_mapped(&t, &map);
    let r = crate::grammar::read(&norm, &t).unwrap();
    let get = |k: &str| r.value(k.parse().unwrap()).to_string();
    assert_eq!(get("applications.new_requests.total"), "21");
    assert_eq!(get("applications.granted.natural_person"), "1");
    assert_eq!(get("applications.granted.commercial_enterprise"), "");
    assert_eq!(get("applications.granted.other_org"), "0");
    assert_eq!(get("applications.granted.total"), "");
    assert_eq!(
        get("applications.denied_prohibited_by_law.natural_person"),
        "8"
    );
    let cell = r
        .cell("applications.new_requests.total".parse().unwrap())
        .unwrap();
    assert_eq!(&page[cell.span.unwrap().range()], "21");
}

/// Section 二 on an 8-column grid whose rows divide it differently (the
/// label of 行政许可 spans three grid columns and its first value one), as
/// Word exports of SH19 show: a grid-position reading misaligns the row, a
/// cell-by-cell one does not.
#[test]
fn misaligned_colspans_keep_each_row_its_own_cells() {
    let page = "<p>二、主动公开政府信息情况</p><table>\
        <tr><td colspan=8>第二十条第（五）项</td></tr>\
        <tr><td colspan=2>信息内容</td><td colspan=2>上一年项目数量</td><td colspan=2>本年增/减</td><td colspan=2>处理决定数量</td></tr>\
        <tr><td colspan=3>行政许可</td><td>12</td><td colspan=2></td><td colspan=2>40</td></tr>\
        <tr><td colspan=2>其他对外管理服务事项</td><td colspan=2>&nbsp;</td><td colspan=2>+3</td><td colspan=2>7</td></tr>\
        <tr><td colspan=8>第二十条第（八）项</td></tr>\
        <tr><td colspan=2>信息内容</td><td colspan=3>上一年项目数量</td><td colspan=3>本年增/减</td></tr>\
        <tr><td colspan=2>行政事业性收费</td><td colspan=3>4</td><td colspan=3>-3</td></tr>\
        </table>";
    let (t, map) = with_map(page);
    assert!(t.contains("\n行政许可\t12\t\t40\n"), "{t}");
    let norm = crate::normalize::normalize_mapped(&t, &map);
    let r = crate::grammar::read(&norm, &t).unwrap();
    let get = |k: &str| r.value(k.parse().unwrap()).to_string();
    assert_eq!(get("active.licensing.last_year"), "12");
    assert_eq!(get("active.licensing.change"), "");
    assert_eq!(get("active.licensing.decisions"), "40");
    assert_eq!(get("active.other_services.last_year"), "");
    assert_eq!(get("active.other_services.change"), "3");
    assert_eq!(get("active.fees.change"), "-3");
}

#[test]
fn layout_tables_and_split_tables() {
    // a page laid out with a table around the article: its cells are blocks
    let page = "<table><tr><td class=content><p>标题</p><table><tr><td>规章</td><td>1</td></tr></table>\
        <p>中间</p><table><tr><td>行政许可</td><td>2</td></tr></table></td></tr></table>";
    assert_eq!(text(page), "标题\n规章\t1\n中间\n行政许可\t2\n");
    // text directly in a table goes before it, as browsers foster it
    assert_eq!(text("<table>前<tr><td>a</td></tr></table>"), "前\na\n");
    // a <table> inside a row (not in a cell) ends the first table
    assert_eq!(
        text("<table><tr><td>a</td><table><tr><td>b</td></tr></table>"),
        "a\nb\n"
    );
}

#[test]
fn rowspans_stop_at_row_groups_and_zero_spans_to_the_end() {
    let src = "<table><thead><tr><td rowspan=5>h</td><td>1</td></tr></thead>\
        <tbody><tr><td rowspan=0>g</td><td>2</td></tr><tr><td>3</td></tr><tr><td>4</td></tr></tbody></table>";
    assert_eq!(text(src), "h\t1\ng\t2\n\t3\n\t4\n");
}

#[test]
fn declared_encodings() {
    let gbk = encoding_rs::GBK;
    assert_eq!(
        declared_encoding(
            b"<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">"
        ),
        Some(gbk)
    );
    assert_eq!(declared_encoding(b"<meta charset='GBK'/>"), Some(gbk));
    assert_eq!(
        declared_encoding(b"<?xml version=\"1.0\" encoding=\"gb18030\"?><html>"),
        Some(encoding_rs::GB18030)
    );
    assert_eq!(declared_encoding(b"<body><meta charset=gbk>"), None);
    assert_eq!(declared_encoding(b"plain text"), None);
    // GB18030 bytes around the tags, a BOM before the XML declaration
    let (title, _, _) = encoding_rs::GB18030.encode("<title>政府信息公开</title><p>年度报告");
    let mut page = title.into_owned();
    page.extend_from_slice(b"<meta charset=\"gb18030\">");
    assert_eq!(declared_encoding(&page), Some(encoding_rs::GB18030));
    page.splice(0..0, b"<\xd5\xfe<meta charset=big5>".iter().copied());
    assert_eq!(declared_encoding(&page), Some(encoding_rs::BIG5));
    assert_eq!(
        declared_encoding(b"\xef\xbb\xbf \n<?xml version='1.0' encoding='GBK'?>"),
        Some(gbk)
    );
}

#[test]
fn html_is_told_from_text() {
    assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
    assert!(looks_like_html(b"\xEF\xBB\xBF<html>"));
    assert!(looks_like_html("<p>一</p><p>二</p>".as_bytes()));
    assert!(!looks_like_html(
        "本报告在海原县人民政府网（<http://www.hy.gov.cn/>）公布。".as_bytes()
    ));
    assert!(!looks_like_html("a < b\n规章\t0\n".as_bytes()));
}

fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<td>".to_string()),
        Just("</td>".to_string()),
        Just("<tr>".to_string()),
        Just("</tr>".to_string()),
        Just("<table>".to_string()),
        Just("</table>".to_string()),
        Just("<td colspan=3 rowspan=0>".to_string()),
        Just("<th rowspan=\"2\">".to_string()),
        Just("<tbody>".to_string()),
        Just("<caption>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br>".to_string()),
        Just("<div class=nav>".to_string()),
        Just("</div>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<pre>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<![if x]>".to_string()),
        Just("&nbsp;".to_string()),
        Just("&#x4e00;".to_string()),
        Just("&amp".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("\r\n".to_string()),
        "[ a-z0-9一二三规章\t\"'=/]{0,6}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any tag soup reads without panicking, and every char of the text maps
    /// to a range of the source on char boundaries: the char itself, or the
    /// character reference it was written as.
    #[test]
    fn tag_soup_reads_and_maps(src in soup()) {
        for chrome in [true, false] {
            let (t, map) = layout::render(&read(&src, chrome), src.len());
            for (i, c) in t.char_indices() {
                let r = map.map_range(i..i + c.len_utf8());
                prop_assert!(r.start <= r.end && r.end <= src.len());
                prop_assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
                if !matches!(c, '\t' | '\n' | ' ') && r.end > r.start {
                    let s = &src[r.clone()];
                    prop_assert!(s.starts_with(c) || s.starts_with('&'), "{:?} from {:?}", c, s);
                }
            }
        }
    }
}

#[test]
fn deep_nesting_and_wide_spans_are_bounded() {
    let deep = "<div><span>".repeat(5000) + "x";
    assert_eq!(text(&deep), "x\n");
    let wide = "<table><tr><td colspan=999999 rowspan=999999>a</td><td>b</td></tr><tr><td>c</td></tr></table>";
    assert_eq!(text(wide), "a\tb\n\tc\n");
}

#[test]
fn a_figure_merged_down_is_left_out_and_noted() {
    let src = "<table><tr><td>行政处罚</td><td rowspan=2>5</td><td>1</td></tr>\
        <tr><td>行政强制</td><td>2</td></tr>\
        <tr><td rowspan=2>（三）不予公开</td><td>x</td><td>3</td></tr><tr><td>y</td><td>4</td></tr></table>";
    let (blocks, merged, _) = read_noting(src, true, &Limits::default()).unwrap();
    let t = layout::render(&blocks, src.len()).0;
    assert_eq!(
        t,
        "行政处罚\t\t1\n行政强制\t\t2\n（三）不予公开\tx\t3\n\ty\t4\n"
    );
    assert_eq!(merged.len(), 1);
    assert_eq!((merged[0].text.as_str(), merged[0].rows), ("5", 2));
    assert_eq!(&src[merged[0].src.clone().unwrap()], "5");
}

proptest! {
    /// The ranges of carried columns answer as an array of columns would,
    /// each column holding the cell placed over it last.
    #[test]
    fn carried_columns_are_an_array_of_columns(
        rows in prop::collection::vec(
            prop::collection::vec((0usize..12, 1usize..5, 1usize..4), 0..4),
            1..12,
        ),
    ) {
        let mut carried = Carried::default();
        let mut array: Vec<Option<Busy>> = vec![None; 16];
        for (r, placements) in rows.iter().enumerate() {
            for &(lo, span, down) in placements {
                let b = Busy { until: r + 1 + down, start: lo, span };
                carried.set(lo, lo + span, b);
                for slot in &mut array[lo..lo + span] {
                    *slot = Some(b);
                }
            }
            let r = r + 1;
            let live = |col: usize| array[col].filter(|b| b.until > r);
            for col in 0..16 {
                let got = carried.live(col, r).map(|b| (b.until, b.start, b.span));
                prop_assert_eq!(got, live(col).map(|b| (b.until, b.start, b.span)));
            }
            let mut col = 0;
            while let Some((c, b)) = carried.next_live(col, r) {
                let expected = (col..16).find(|&c| live(c).is_some());
                prop_assert_eq!(Some(c), expected);
                prop_assert_eq!((b.start, b.span), live(c).map(|b| (b.start, b.span)).unwrap());
                col = c + 1;
            }
            prop_assert!((col..16).all(|c| live(c).is_none()));
        }
    }
}

#[test]
fn display_none_is_found_through_white_space_and_case() {
    for style in [
        "display:none",
        "color:red; DISPLAY : None",
        "x:y;display:\tnone;",
        "d i s p l a y:none",
        "display:\u{3000}none",
        "a:b:display::display:none",
    ] {
        assert!(super::displays_none(style), "{style}");
    }
    for style in [
        "display:block",
        "display:non",
        "",
        "display:nonе",
        "isplay:none",
        "display:nonE",
        "displaу:none",
        "display;none",
        "display:",
    ] {
        assert!(!super::displays_none(style), "{style}");
    }
}

#[test]
fn span_values_are_their_leading_digits() {
    use std::borrow::Cow;
    let v = |s: &'static str| super::span_value(Some(Cow::Borrowed(s)), 7);
    assert_eq!(v("3"), 3);
    assert_eq!(v("  12px"), 12);
    assert_eq!(v("1234567"), 123456);
    assert_eq!(v("x2"), 7);
    assert_eq!(v(""), 7);
    assert_eq!(super::span_value(None, 1), 1);
}

#[test]
fn the_table_of_sets_holds_each_name_in_its_sets_only() {
    use super::{BLOCKS, HIDDEN, IS_BLOCK, IS_HIDDEN, IS_VOID, VOID, sets_of};
    for (names, set) in [(HIDDEN, IS_HIDDEN), (VOID, IS_VOID), (BLOCKS, IS_BLOCK)] {
        for &n in names {
            assert_ne!(sets_of(n) & set, 0);
        }
    }
    for other in [&b"span"[..], b"td", b"table", b"o:p", b"font", b"a", b""] {
        assert_eq!(sets_of(super::Name::of(other)), 0, "{other:?}");
    }
    assert_eq!(sets_of(super::Name::of(b"DIV")), IS_BLOCK);
    assert_eq!(sets_of(super::Name::of(b"br")), IS_VOID);
    assert_eq!(sets_of(super::Name::of(b"Style")), IS_HIDDEN);
}
