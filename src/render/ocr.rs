//! The OCR markdown layout: the report as markdown OCR tools print a scanned
//! report (the shape of `tests/fixtures/ocr/`):
//!
//! ```text
//! ## 三、收到和处理政府信息公开申请情况
//!
//! | - | - |
//! |---|---|
//!
//! | 申请人情况 | 自然人 | 商业企业 | … | 其他 | 总计 |
//! |---|---|---|---|---|---|---|---|
//!
//! ### （三）不予公开
//!
//! | 类别 | 数据1 | … | 数据6 | 总计 |
//! |---|---|---|---|---|---|---|---|
//! | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
//! ```
//!
//! The title is a `#` heading, the section headings `##`. In a table, a
//! caption over the whole width is a `###` heading starting a table of its
//! own, under the header row that follows it. Several header rows with merged
//! cells are read as OCR reads them: the merged cells of the first as an empty
//! table (`| - | - |`), the lowest header cell over each column of figures as
//! one header row. Rows with labels under such a header are grouped by their
//! group labels: each group its own small table under generic headers (`| 类别
//! | 数据1 | … | 总计 |`), each group label a `###` heading above it, a row whose
//! label covers every label column (`二、上年结转政府信息公开申请数量`) a
//! `###` heading above its own one-row table. A blank cell is an empty cell.

use super::grid::{Grid, GridCell};
use super::{Doc, value_text};

/// A pipe table: the header row, the separator, the rows, a blank line.
fn pipe_table(header: &[String], rows: &[Vec<String>], out: &mut Vec<String>) {
    let row = |cells: &[String]| format!("| {} |", cells.join(" | "));
    out.push(row(header));
    out.push(format!("|{}", "---|".repeat(header.len())));
    for r in rows {
        out.push(row(r));
    }
    out.push(String::new());
}

/// `类别 | 数据1 | … | 数据N-1 | 总计` over `n` figures.
fn generic(n: usize) -> Vec<String> {
    let mut h = vec!["类别".to_string()];
    h.extend((1..n).map(|i| format!("数据{i}")));
    h.push("总计".to_string());
    h
}

/// A row of the grid read out: its labels (a merged label cell takes the
/// text above it) and its figures.
struct Line {
    labels: Vec<String>,
    values: Vec<String>,
}

/// The grid's rows read out, merged label cells given the text above them.
fn lines(grid: &Grid, blank: &str) -> Vec<Line> {
    let mut above: Vec<Option<String>> = vec![None; grid.width.max(1) * 2];
    let mut out = Vec::new();
    for row in &grid.rows {
        let mut col = 0;
        let mut line = Line {
            labels: Vec::new(),
            values: Vec::new(),
        };
        for cell in row {
            if col >= above.len() {
                above.resize(col + cell.span(), None);
            }
            match cell {
                GridCell::Label { text, .. } => {
                    above[col] = Some(text.clone());
                    line.labels.push(text.clone());
                }
                GridCell::Merged { .. } => {
                    line.labels.extend(above[col].clone());
                }
                GridCell::Value { value, .. } => line.values.push(value_text(value, blank)),
            }
            col += cell.span();
        }
        out.push(line);
    }
    out
}

/// One table of the grid, as OCR markdown lines.
fn table(grid: &Grid, blank: &str, out: &mut Vec<String>) {
    let rows = lines(grid, blank);
    let mut i = 0;
    while i < rows.len() {
        // a caption over the whole width: a heading of its own
        let whole = |r: usize| {
            grid.rows[r].len() == 1
                && grid.rows[r][0].span() >= grid.width
                && rows[r].values.is_empty()
        };
        if whole(i) {
            out.push(format!("### {}", rows[i].labels.join("")));
            out.push(String::new());
            i += 1;
            continue;
        }
        // the header rows, up to the first row with figures or a caption
        let head_end = (i..rows.len())
            .find(|&r| !rows[r].values.is_empty() || whole(r))
            .unwrap_or(rows.len());
        let body_end = (head_end..rows.len())
            .find(|&r| rows[r].values.is_empty())
            .unwrap_or(rows.len());
        let body = &rows[head_end..body_end];
        if head_end - i <= 1 {
            // one header row: the body under it
            let header = rows.get(i).filter(|_| head_end > i);
            let header: Vec<String> = header.map_or_else(Vec::new, |h| h.labels.clone());
            let cells: Vec<Vec<String>> = body
                .iter()
                .map(|l| l.labels.iter().chain(&l.values).cloned().collect())
                .collect();
            let width = cells.iter().map(Vec::len).chain([header.len()]).max();
            let header = if header.is_empty() {
                generic(width.unwrap_or(2).saturating_sub(1).max(1))
            } else {
                header
            };
            pipe_table(&header, &cells, out);
        } else {
            many_headers(grid, &rows, i, head_end, body, out);
        }
        i = body_end;
    }
}

/// Several header rows with merged cells and the rows under them.
fn many_headers(
    grid: &Grid,
    rows: &[Line],
    from: usize,
    to: usize,
    body: &[Line],
    out: &mut Vec<String>,
) {
    let first = &grid.rows[from];
    pipe_table(&vec!["-".to_string(); first.len()], &[], out);
    // the lowest header cell over each column of figures
    let labels = body.first().map_or(0, |l| l.labels.len());
    let label_cols = body
        .first()
        .map_or(0, |_| grid.width - body[0].values.len());
    let mut leaves: Vec<Option<String>> = vec![None; grid.width];
    for row in &grid.rows[from..to] {
        let mut col = 0;
        for cell in row {
            if let GridCell::Label { text, .. } = cell
                && col < grid.width
            {
                leaves[col] = Some(text.clone());
            }
            col += cell.span();
        }
    }
    let leaves: Vec<String> = leaves[label_cols..]
        .iter()
        .map(|l| l.clone().unwrap_or_default())
        .collect();
    if labels == 0 {
        let cells: Vec<Vec<String>> = body.iter().map(|l| l.values.clone()).collect();
        pipe_table(&leaves, &cells, out);
        return;
    }
    // the header over the figures, named by the first header row's last cell
    let over = rows[from].labels.last().cloned().unwrap_or_default();
    let mut header = vec![over];
    header.extend(leaves);
    pipe_table(&header, &[], out);
    let figures = body[0].values.len();
    let mut shown: Vec<String> = Vec::new();
    let mut group: Option<Vec<String>> = None;
    let mut cells: Vec<Vec<String>> = Vec::new();
    for line in body {
        let (leaf, parents) = match line.labels.split_last() {
            Some((leaf, parents)) => (leaf.clone(), parents.to_vec()),
            None => (String::new(), Vec::new()),
        };
        let alone = parents.is_empty();
        if group.as_ref() != Some(&parents) || alone {
            if !cells.is_empty() {
                pipe_table(&generic(figures), &cells, out);
                cells.clear();
            }
            let mut heads: Vec<String> = parents.clone();
            if alone {
                heads.push(leaf.clone());
            }
            for (k, h) in heads.iter().enumerate() {
                if shown.get(k) != Some(h) {
                    out.push(format!("### {h}"));
                    out.push(String::new());
                }
            }
            shown = heads;
            group = Some(parents);
        }
        let mut row = vec![leaf];
        row.extend(line.values.iter().cloned());
        cells.push(row);
    }
    if !cells.is_empty() {
        pipe_table(&generic(figures), &cells, out);
    }
}

/// The document as OCR markdown.
pub(super) fn write(doc: &Doc, blank: &str) -> String {
    let heading = |level, h: &str| match level {
        0 => format!("# {h}"),
        _ => format!("## {h}"),
    };
    doc.paragraphs(heading, |grid, out| table(grid, blank, out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnualReport, Edition};

    fn tables(edition: Edition) -> Vec<Vec<String>> {
        let report = AnnualReport::new(edition);
        super::super::grid::of_report(&report)
            .into_iter()
            .flatten()
            .map(|g| {
                let mut out = Vec::new();
                table(&g, "", &mut out);
                out
            })
            .collect()
    }

    #[test]
    fn captions_and_group_labels_are_headings_over_small_tables() {
        let t = tables(Edition::E2021);
        assert_eq!(t[0][0], "### 第二十条第（一）项");
        assert_eq!(
            t[0][2],
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |"
        );
        assert_eq!(t[0][4], "| 规章 |  |  |  |");
        let apps = &t[1];
        assert_eq!(apps[0], "| - | - |");
        assert!(apps[3].starts_with("| 申请人情况 | 自然人 | 商业企业 |"));
        assert!(apps.iter().any(|l| l == "### （三）不予公开"));
        assert!(
            apps.iter()
                .any(|l| l == "| 1.属于国家秘密 |  |  |  |  |  |  |  |")
        );
        assert!(
            apps.iter()
                .any(|l| l == "| 类别 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |")
        );
        // a row alone in its group: a heading and a table of its own
        let carried = apps
            .iter()
            .position(|l| l == "### 二、上年结转政府信息公开申请数量")
            .unwrap();
        assert!(apps[carried + 4].starts_with("| 二、上年结转政府信息公开申请数量 |"));
        // 三、本年度办理结果 is headed once, before (一)
        assert_eq!(
            apps.iter()
                .filter(|l| l.contains("三、本年度办理结果"))
                .count(),
            1
        );
        let review = &t[2];
        assert!(
            review[3].starts_with("| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持")
        );
    }
}
