//! The three tables as grids of cells, the way the template lays them out:
//! merged header and label cells included, before any text layout is chosen.

use super::template::{self as t, ActiveSubTable};
use crate::model::{
    ActiveTable, AnnualReport, ApplicantColumn, ApplicationRow, ApplicationsTable, Edition,
    ExtraRow, ReviewColumn, ReviewRow, ReviewTable, TableId, Value,
};

/// One cell of a grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum GridCell {
    /// A caption, header or label cell covering `span` grid columns.
    Label { text: String, span: usize },
    /// A figure covering `span` grid columns.
    Value { value: Value, span: usize },
    /// The continuation of a cell merged vertically with the one above: no
    /// text of its own.
    Merged { span: usize },
}

impl GridCell {
    /// How many grid columns the cell covers.
    pub(super) fn span(&self) -> usize {
        match *self {
            GridCell::Label { span, .. }
            | GridCell::Value { span, .. }
            | GridCell::Merged { span } => span,
        }
    }

    fn label(text: &str, span: usize) -> GridCell {
        GridCell::Label {
            text: text.to_string(),
            span,
        }
    }
}

/// A table as rows of cells; every template row covers `width` grid columns
/// (an extra row may be wider or narrower).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Grid {
    pub width: usize,
    pub rows: Vec<Vec<GridCell>>,
}

/// Section 二's grid.
pub(super) fn active(table: &ActiveTable, edition: Edition, extras: &[ExtraRow]) -> Grid {
    let mut rows = Vec::new();
    for ActiveSubTable {
        caption,
        header,
        rows: keys,
    } in t::active_sub_tables(edition)
    {
        rows.push(vec![GridCell::label(caption, t::ACTIVE_WIDTH)]);
        let mut head = vec![GridCell::label("信息内容", 1)];
        head.extend(header.iter().map(|&(h, span)| GridCell::label(h, span)));
        rows.push(head);
        for &key in keys.iter() {
            let mut row = vec![GridCell::label(t::active_label(key, edition), 1)];
            for (&column, &(_, span)) in key.columns(edition).iter().zip(header.iter()) {
                let value = table.cell(key, column).map_or(Value::Blank, |c| c.value);
                row.push(GridCell::Value { value, span });
            }
            rows.push(row);
        }
    }
    let mut grid = Grid {
        width: t::ACTIVE_WIDTH,
        rows,
    };
    push_extras(&mut grid, TableId::Active, extras);
    grid
}

/// Section 三's grid.
pub(super) fn applications(
    table: &ApplicationsTable,
    edition: Edition,
    extras: &[ExtraRow],
) -> Grid {
    let labels = t::APPLICATION_LABEL_WIDTH;
    let mut rows = vec![
        vec![
            GridCell::label(t::APPLICATIONS_NOTE, labels),
            GridCell::label(t::APPLICANTS, ApplicantColumn::ALL.len()),
        ],
        vec![
            GridCell::Merged { span: labels },
            GridCell::label(t::NATURAL_PERSON, 1),
            GridCell::label(t::ORGANISATIONS, t::ORGANISATION_KINDS.len()),
            GridCell::label(t::TOTAL, 1),
        ],
    ];
    let mut kinds = vec![
        GridCell::Merged { span: labels },
        GridCell::Merged { span: 1 },
    ];
    kinds.extend(t::ORGANISATION_KINDS.iter().map(|k| GridCell::label(k, 1)));
    kinds.push(GridCell::Merged { span: 1 });
    rows.push(kinds);

    let mut above: [Option<&str>; 3] = [None; 3];
    for &key in ApplicationRow::rows(edition) {
        let levels = t::application_label(key);
        let mut row = Vec::new();
        // the label levels: a level equal to the row above's is merged with it;
        // the last level present covers the label columns left
        let depth = levels.iter().take_while(|l| l.is_some()).count();
        for (i, level) in levels.iter().take(depth).enumerate() {
            let span = if i + 1 == depth { labels - i } else { 1 };
            let text = level.unwrap_or_default();
            let merged = i + 1 < depth && above[i] == Some(text) && above[..i] == levels[..i];
            row.push(if merged {
                GridCell::Merged { span }
            } else {
                GridCell::label(text, span)
            });
        }
        for &column in ApplicantColumn::ALL {
            let value = table.cell(key, column).map_or(Value::Blank, |c| c.value);
            row.push(GridCell::Value { value, span: 1 });
        }
        rows.push(row);
        above = levels;
    }
    let mut grid = Grid {
        width: labels + ApplicantColumn::ALL.len(),
        rows,
    };
    push_extras(&mut grid, TableId::Applications, extras);
    grid
}

/// Section 四's grid: one row of fifteen figures under a three-row header.
pub(super) fn review(table: &ReviewTable, extras: &[ExtraRow]) -> Grid {
    let results = t::RESULTS.len();
    let sub = || t::RESULTS.iter().map(|r| GridCell::label(r, 1));
    let mut second: Vec<GridCell> = sub().collect();
    second.extend(
        t::LITIGATION_KINDS
            .iter()
            .map(|k| GridCell::label(k, results)),
    );
    let mut third = vec![GridCell::Merged { span: 1 }; results];
    third.extend(sub().chain(sub()));
    let values = ReviewRow::ALL
        .iter()
        .flat_map(|&row| {
            ReviewColumn::ALL
                .iter()
                .map(move |&column| GridCell::Value {
                    value: table.cell(row, column).map_or(Value::Blank, |c| c.value),
                    span: 1,
                })
        })
        .collect();
    let mut grid = Grid {
        width: results * ReviewRow::ALL.len(),
        rows: vec![
            vec![
                GridCell::label(t::RECONSIDERATION, results),
                GridCell::label(t::LITIGATION, results * 2),
            ],
            second,
            third,
            values,
        ],
    };
    push_extras(&mut grid, TableId::ReviewLitigation, extras);
    grid
}

/// Appends a table's extra rows: the label, then the values.
fn push_extras(grid: &mut Grid, id: TableId, extras: &[ExtraRow]) {
    for extra in extras.iter().filter(|e| e.table == id) {
        let mut row = vec![GridCell::label(&extra.label, 1)];
        row.extend(extra.values.iter().map(|v| GridCell::Value {
            value: v.value,
            span: 1,
        }));
        grid.rows.push(row);
    }
}

/// For every cell of the grid, how many rows it covers: one, plus the
/// [`GridCell::Merged`] cells below it that start in the same grid column.
pub(super) fn rowspans(grid: &Grid) -> Vec<Vec<usize>> {
    // the grid column each cell starts in
    let starts: Vec<Vec<usize>> = grid
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .scan(0, |col, cell| {
                    let start = *col;
                    *col += cell.span();
                    Some(start)
                })
                .collect()
        })
        .collect();
    let merged_at = |r: usize, col: usize| {
        grid.rows[r]
            .iter()
            .zip(&starts[r])
            .any(|(cell, &s)| s == col && matches!(cell, GridCell::Merged { .. }))
    };
    (0..grid.rows.len())
        .map(|r| {
            starts[r]
                .iter()
                .map(|&col| {
                    1 + (r + 1..grid.rows.len())
                        .take_while(|&below| merged_at(below, col))
                        .count()
                })
                .collect()
        })
        .collect()
}

/// The grids of a report's tables, by section number (2, 3, 4).
pub(super) fn of_report(report: &AnnualReport) -> [Option<Grid>; 3] {
    let e = report.edition;
    let x = &report.extra_rows;
    [
        report.active.as_ref().map(|t| active(t, e, x)),
        report.applications.as_ref().map(|t| applications(t, e, x)),
        report.review_litigation.as_ref().map(|t| review(t, x)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(grid: &Grid) -> Vec<usize> {
        grid.rows
            .iter()
            .map(|r| r.iter().map(GridCell::span).sum())
            .collect()
    }

    #[test]
    fn every_template_row_covers_the_grid() {
        for edition in [Edition::E2019, Edition::E2021] {
            let report = AnnualReport::new(edition);
            for grid in of_report(&report).into_iter().flatten() {
                assert!(
                    widths(&grid).iter().all(|&w| w == grid.width),
                    "{edition}: {:?}",
                    widths(&grid)
                );
            }
        }
    }

    #[test]
    fn repeated_label_levels_are_merged() {
        let report = AnnualReport::new(Edition::E2021);
        let grid = of_report(&report)[1].clone().unwrap();
        let written = |label: &str| {
            grid.rows
                .iter()
                .flatten()
                .filter(|c| matches!(c, GridCell::Label { text, .. } if text == label))
                .count()
        };
        // 三、本年度办理结果 is written once, on the 予以公开 row
        assert_eq!(written("三、本年度办理结果"), 1);
        // （六）其他处理 over its three sub-rows, once
        assert_eq!(written("（六）其他处理"), 1);
    }
}
