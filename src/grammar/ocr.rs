//! Markdown as OCR tools print a scanned report: each group of table rows is
//! its own small pipe table under generic headers (`| 类别 | 数据1 | … | 数据6 |
//! 总计 |`), a label that stood alone in the table is a `###` heading
//! (`### 二、上年结转政府信息公开申请数量`, `### （三）不予公开`), and merged
//! cells above a table come out as an empty table (`| - | - |`).
//!
//! Before the tables are read, such text is made plain, each byte replaced by
//! a space so that every offset is kept: the generic header rows and the empty
//! tables (with their separator rows) are blanked; a `###` heading right
//! before a table loses its marks and is read as the label it is, or is
//! blanked when the table's first row repeats it or is a numbered sub-row
//! (`1.属于国家秘密` under `### （三）不予公开`: sub-row labels are unique in
//! the template, and a group label carries no figure). Text without a generic
//! header row is left alone.

/// A markdown row's cells, trimmed; `None` for a line that is no pipe row.
fn cells(line: &str) -> Option<Vec<&str>> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    Some(inner.split('|').map(str::trim).collect())
}

/// `|---|:---:|` (three dashes at least, as the table tokenizer wants them).
fn is_separator(line: &str) -> bool {
    cells(line).is_some_and(|c| {
        c.iter()
            .all(|c| c.contains("---") && c.chars().all(|ch| matches!(ch, '-' | ':')))
    })
}

/// `| 类别 | 数据1 | … | 总计 |`: no cell but generic names, one `数据N` at least.
fn is_generic_header(line: &str) -> bool {
    let numbered = |c: &str| {
        c.strip_prefix("数据")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    cells(line).is_some_and(|c| {
        c.iter().any(|c| numbered(c))
            && c.iter()
                .all(|c| numbered(c) || matches!(*c, "类别" | "项目" | "总计" | "合计" | ""))
    })
}

/// `| - | - |`: a table with nothing in it.
fn is_empty_row(line: &str) -> bool {
    cells(line).is_some_and(|c| c.iter().all(|c| c.is_empty() || *c == "-"))
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text made plain (see the module documentation), or `None` when it has
/// no generic header row. The result has the length of `doc`.
pub(crate) fn plain(doc: &str) -> Option<String> {
    if !doc.contains("数据1") {
        return None; // no generic header: one search, no allocation
    }
    let lines: Vec<(usize, &str)> = {
        let mut at = 0;
        doc.split('\n')
            .map(|l| {
                let s = at;
                at += l.len() + 1;
                (s, l)
            })
            .collect()
    };
    if !lines.iter().any(|(_, l)| is_generic_header(l)) {
        return None;
    }
    let mut out = doc.as_bytes().to_vec();
    let blank = |(s, l): (usize, &str), out: &mut Vec<u8>| {
        for b in &mut out[s..s + l.len()] {
            if *b != b'\r' {
                *b = b' ';
            }
        }
    };
    let next_nonblank = |from: usize| (from..lines.len()).find(|&j| !lines[j].1.trim().is_empty());
    for i in 0..lines.len() {
        let (s, line) = lines[i];
        if is_generic_header(line) || (is_empty_row(line) && !is_separator(line)) {
            blank(lines[i], &mut out);
            if let Some((_, next)) = lines.get(i + 1)
                && is_separator(next)
            {
                blank(lines[i + 1], &mut out);
            }
            continue;
        }
        let text = line.trim_start();
        // a heading whose `###` marks a front end already took out (markdown
        // text read through `parse_bytes`) is told by the generic header of
        // the table right after it
        let marked = text.starts_with("###");
        if !marked && (text.is_empty() || cells(line).is_some()) {
            continue;
        }
        let label = text.trim_start_matches('#').trim();
        // the table right after the heading, past its generic header
        let Some(mut j) = next_nonblank(i + 1) else {
            continue;
        };
        if cells(lines[j].1).is_none() || (!marked && !is_generic_header(lines[j].1)) {
            continue; // a heading of the text, not of a table
        }
        while j < lines.len() && (is_generic_header(lines[j].1) || is_separator(lines[j].1)) {
            j += 1;
        }
        let first = lines
            .get(j)
            .and_then(|(_, l)| cells(l))
            .and_then(|c| c.first().map(|c| compact(c)))
            .unwrap_or_default();
        // `1.属于国家秘密` under `（三）不予公开`: sub-row labels are unique in
        // the template, and their group label carries no figure
        let numbered = first
            .split_once('.')
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if first == compact(label) || numbered {
            blank(lines[i], &mut out);
        } else if marked {
            let marks = line.len() - text.trim_start_matches('#').len();
            for b in &mut out[s..s + marks] {
                *b = b' ';
            }
        }
    }
    // only ASCII bytes were replaced by ASCII spaces: still UTF-8
    Some(String::from_utf8(out).unwrap_or_else(|_| doc.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_headers_empty_tables_and_row_headings_are_made_plain() {
        let doc = "## 三、收到和处理政府信息公开申请情况\n\n| - | - |\n|---|---|\n\n\
            | 类别 | 数据1 | 数据2 | 总计 |\n|---|---|---|---|\n| 一、本年新收政府信息公开申请数量 | 1 | 2 | 3 |\n\n\
            ### 二、上年结转政府信息公开申请数量\n\n| 类别 | 数据1 | 数据2 | 总计 |\n|---|---|---|---|\n\
            | 二、上年结转政府信息公开申请数量 | 0 | 1 | 1 |\n\n### （三）不予公开\n\n\
            | 类别 | 数据1 | 数据2 | 总计 |\n|---|---|---|---|\n| 1.属于国家秘密 | 0 | 0 | 0 |\n\
            ### 第二十条第（一）项\n| 信息内容 | 本年制发件数 |\n|---|---|\n";
        let out = plain(doc).unwrap();
        assert_eq!(out.len(), doc.len());
        assert!(out.starts_with("## 三、收到"), "a section heading is kept");
        assert!(!out.contains("数据1") && !out.contains("| - |") && !out.contains("###"));
        assert_eq!(out.matches("二、上年结转").count(), 1, "{out}");
        assert!(!out.contains("不予公开"), "{out}");
        assert!(out.contains("\n    第二十条第（一）项\n"), "{out}");
        assert!(out.contains("| 1.属于国家秘密 | 0 | 0 | 0 |"));
        // markdown without generic headers is left alone
        assert_eq!(plain("### 二、上年结转\n| 二、上年结转 | 1 |\n"), None);
    }

    #[test]
    fn row_headings_without_their_marks_are_blanked_before_generic_tables() {
        // the same text after a front end took the `###` marks out
        let doc = "三、收到和处理政府信息公开申请情况\n\n\
            二、上年结转政府信息公开申请数量\n\n| 类别 | 数据1 | 数据2 | 总计 |\n|---|---|---|---|\n\
            | 二、上年结转政府信息公开申请数量 | 0 | 1 | 1 |\n\n（三）不予公开\n\n\
            | 类别 | 数据1 | 数据2 | 总计 |\n|---|---|---|---|\n| 1.属于国家秘密 | 0 | 0 | 0 |\n\
            五、政府信息公开工作存在的主要问题\n\n| 类别 | 数据1 | 总计 |\n|---|---|---|\n| 其他 | 1 | 1 |\n";
        let out = plain(doc).unwrap();
        assert_eq!(out.len(), doc.len());
        assert!(out.starts_with("三、收到"), "a section heading is kept");
        assert_eq!(out.matches("二、上年结转").count(), 1, "{out}");
        assert!(!out.contains("不予公开"), "{out}");
        assert!(out.contains("五、政府信息公开工作存在的主要问题"), "{out}");
    }
}
