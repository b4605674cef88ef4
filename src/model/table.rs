//! The three tables: rows in template order, each cell with its value and source span.

use serde::{Deserialize, Serialize};

use super::schema::{
    ActiveColumn, ActiveRow, ApplicantColumn, ApplicationRow, Edition, ReviewColumn, ReviewRow,
};
use super::{Span, Value};

/// One cell: its value and where it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The value (a blank when the cell was empty or could not be read with certainty).
    pub value: Value,
    /// Where the value was read from in the original text; `None` for a cell the
    /// text does not show (a table or row missing, a blank that left no trace).
    pub span: Option<Span>,
}

impl Cell {
    /// A blank cell with no source.
    pub const BLANK: Cell = Cell {
        value: Value::Blank,
        span: None,
    };
}

/// A row of a table: every column of the edition, in template order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row<R, C> {
    /// Which row.
    pub key: R,
    /// Where the row's label is in the original text; `None` when the row was not found.
    pub label_span: Option<Span>,
    /// The cells, one per column of the edition, in template order.
    pub cells: Vec<(C, Cell)>,
}

/// A table: every row of the edition, in template order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table<R, C> {
    /// Where the table is in the original text.
    pub span: Span,
    /// The rows, in template order.
    pub rows: Vec<Row<R, C>>,
}

impl<R: Copy + PartialEq, C: Copy + PartialEq + 'static> Table<R, C> {
    /// The cell at a row and column, when the table has them.
    pub fn cell(&self, row: R, column: C) -> Option<&Cell> {
        self.row(row)?
            .cells
            .iter()
            .find(|(c, _)| *c == column)
            .map(|(_, cell)| cell)
    }

    /// A row, when the table has it.
    pub fn row(&self, row: R) -> Option<&Row<R, C>> {
        self.rows.iter().find(|r| r.key == row)
    }

    pub(crate) fn cell_mut(&mut self, row: R, column: C) -> Option<&mut Cell> {
        self.rows
            .iter_mut()
            .find(|r| r.key == row)?
            .cells
            .iter_mut()
            .find(|(c, _)| *c == column)
            .map(|(_, cell)| cell)
    }

    fn blank(rows: impl Iterator<Item = (R, &'static [C])>, span: Span) -> Self {
        Table {
            span,
            rows: rows
                .map(|(key, columns)| Row {
                    key,
                    label_span: None,
                    cells: columns.iter().map(|&c| (c, Cell::BLANK)).collect(),
                })
                .collect(),
        }
    }
}

/// Section 二: 主动公开政府信息情况.
pub type ActiveTable = Table<ActiveRow, ActiveColumn>;
/// Section 三: 收到和处理政府信息公开申请情况.
pub type ApplicationsTable = Table<ApplicationRow, ApplicantColumn>;
/// Section 四: 行政复议、行政诉讼情况.
pub type ReviewTable = Table<ReviewRow, ReviewColumn>;

impl ActiveTable {
    /// A table of the edition with every cell blank.
    pub fn blank_for(edition: Edition, span: Span) -> Self {
        Table::blank(
            ActiveRow::rows(edition)
                .iter()
                .map(|&r| (r, r.columns(edition))),
            span,
        )
    }
}

impl ApplicationsTable {
    /// A table of the edition with every cell blank.
    pub fn blank_for(edition: Edition, span: Span) -> Self {
        Table::blank(
            ApplicationRow::rows(edition)
                .iter()
                .map(|&r| (r, ApplicantColumn::ALL)),
            span,
        )
    }
}

impl ReviewTable {
    /// A table with every cell blank.
    pub fn blank_for(span: Span) -> Self {
        Table::blank(ReviewRow::ALL.iter().map(|&r| (r, ReviewColumn::ALL)), span)
    }
}
