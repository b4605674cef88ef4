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
///
/// Serializes as `{"label_span": …, "cells": {"<column>": <cell>, …}}`, the
/// cells a map from the column key in template order; its key is the one
/// of the table's map of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<R, C> {
    /// Which row.
    pub key: R,
    /// Where the row's label is in the original text; `None` when the row was not found.
    pub label_span: Option<Span>,
    /// The cells, one per column of the edition, in template order.
    pub cells: Vec<(C, Cell)>,
}

/// A table: every row of the edition, in template order.
///
/// Serializes as `{"span": …, "rows": {"<row>": <row>, …}}`, the rows a map
/// from the row key in template order: `.applications.rows.granted.cells.total`
/// in `jq`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(
    serialize = "R: Serialize + Copy, C: Serialize",
    deserialize = "R: Deserialize<'de>, C: Deserialize<'de>"
))]
pub struct Table<R, C> {
    /// Where the table is in the original text.
    pub span: Span,
    /// The rows, in template order.
    #[serde(with = "rows_map")]
    pub rows: Vec<Row<R, C>>,
}

/// A row as a value of the table's map of rows.
#[derive(Serialize, Deserialize)]
#[serde(bound(serialize = "C: Serialize", deserialize = "C: Deserialize<'de>"))]
struct RowBody<C> {
    label_span: Option<Span>,
    #[serde(with = "ordered_map")]
    cells: Vec<(C, Cell)>,
}

/// A `Vec` of pairs as a map, in its order (and back, in the map's order).
mod ordered_map {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{MapAccess, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer, K: Serialize, V: Serialize>(
        pairs: &[(K, V)],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
    }

    pub(super) fn deserialize<'de, D, K, V>(deserializer: D) -> Result<Vec<(K, V)>, D::Error>
    where
        D: Deserializer<'de>,
        K: Deserialize<'de>,
        V: Deserialize<'de>,
    {
        struct Pairs<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Pairs<K, V> {
            type Value = Vec<(K, V)>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0).min(64));
                while let Some(pair) = map.next_entry()? {
                    pairs.push(pair);
                }
                Ok(pairs)
            }
        }
        deserializer.deserialize_map(Pairs(PhantomData))
    }
}

/// The rows of a table as a map from the row key.
mod rows_map {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::{Row, RowBody};

    pub(super) fn serialize<S, R, C>(rows: &[Row<R, C>], serializer: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        R: Serialize + Copy,
        C: Serialize,
    {
        #[derive(Serialize)]
        #[serde(bound(serialize = "C: Serialize"))]
        struct Body<'a, C> {
            label_span: Option<super::Span>,
            #[serde(serialize_with = "super::ordered_map::serialize")]
            cells: &'a [(C, super::Cell)],
        }
        serializer.collect_map(rows.iter().map(|r| {
            (
                r.key,
                Body {
                    label_span: r.label_span,
                    cells: &r.cells,
                },
            )
        }))
    }

    pub(super) fn deserialize<'de, D, R, C>(deserializer: D) -> Result<Vec<Row<R, C>>, D::Error>
    where
        D: Deserializer<'de>,
        R: Deserialize<'de>,
        C: Deserialize<'de>,
    {
        let pairs: Vec<(R, RowBody<C>)> = super::ordered_map::deserialize(deserializer)?;
        Ok(pairs
            .into_iter()
            .map(|(key, body)| Row {
                key,
                label_span: body.label_span,
                cells: body.cells,
            })
            .collect())
    }
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
