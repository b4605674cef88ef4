//! The three tables, each read by its labels (see [`scan`]) and placed in the
//! template's columns (see [`align`]).

mod active;
mod align;
mod applications;
mod review;
mod scan;

pub(crate) use active::{active_table, active_votes, scan_active};
pub(crate) use applications::{applications_table, applications_votes, scan_applications};
pub(crate) use review::review_table;


use self::align::{Aligned, align};
use self::scan::FoundRow;
use super::Ctx;
use super::label::Fit;
use super::tokens::Token;
use super::value::HeaderUnit;
use crate::model::{
    Cell, DiagnosticKind, ExtraRow, ExtraValue, Level, Table, TableId, Value, ValueKind,
};

/// Fills one row of `table` from the cells found after its label.
fn fill_row<R: Copy + PartialEq + std::fmt::Display, C: Copy + PartialEq>(
    ctx: &mut Ctx<'_>,
    table: &mut Table<R, C>,
    id: TableId,
    found: &FoundRow<R>,
    columns: &[C],
    kind: impl Fn(C) -> ValueKind,
    unit: HeaderUnit,
) {
    let label_text = ctx.doc[found.label.0..found.label.1].to_string();
    let Some(row) = table.rows.iter_mut().find(|r| r.key == found.key) else {
        return;
    };
    if row.label_span.is_some() {
        ctx.diag(
            Level::Warning,
            DiagnosticKind::RowRepeated,
            format!("{id}.{}: the row `{label_text}` appears again; the first one is kept", found.key),
            Some(found.label),
        );
        return;
    }
    row.label_span = Some(ctx.span(found.label.0, found.label.1));
    if found.fit != Fit::Exact {
        ctx.diag(
            Level::Info,
            DiagnosticKind::LabelVariant,
            format!(
                "{id}.{}: `{label_text}` read as the template's label ({})",
                found.key,
                match found.fit {
                    Fit::Annotated => "with an annotation",
                    Fit::Truncated => "truncated",
                    Fit::Typo => "with a typo",
                    Fit::Exact => "exact",
                }
            ),
            Some(found.label),
        );
    }
    let placement = match align(&found.cells, columns.len(), found.trailing) {
        Ok(Aligned::Empty) if found.cells.is_empty() => {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowAmbiguous,
                format!("{id}.{}: no cells follow the label `{label_text}`; left blank", found.key),
                Some(found.label),
            );
            return;
        }
        Ok(Aligned::Empty) => {
            // every cell blank: keep the spans of the marks that say so
            for (c, t) in columns.iter().zip(found.cells.iter()) {
                if let Some(cell) = cell_of(row, *c) {
                    *cell = blank_cell(ctx, t);
                }
            }
            return;
        }
        Ok(Aligned::Direct(p)) => p,
        Ok(Aligned::Realigned { placement, by_header }) => {
            if by_header {
                ctx.diag(
                    Level::Info,
                    DiagnosticKind::RowRealigned,
                    format!(
                        "{id}.{}: the row has {} cells for {} columns; aligned by the header's trailing empty cells",
                        found.key,
                        found.cells.len(),
                        columns.len()
                    ),
                    Some(found.label),
                );
            }
            placement
        }
        Err(why) => {
            ctx.diag(
                Level::Warning,
                DiagnosticKind::RowAmbiguous,
                format!("{id}.{}: cells left blank: {}", found.key, why.describe()),
                Some(found.label),
            );
            return;
        }
    };
    for (&column, slot) in columns.iter().zip(placement) {
        let Some(token) = slot.map(|i| &found.cells[i]) else {
            continue;
        };
        let value = token
            .scalar
            .map(|s| s.typed(kind(column), unit))
            .unwrap_or(Err("not a value"));
        let cell = match value {
            Ok(Value::Blank) => blank_cell(ctx, token),
            Ok(value) => Cell {
                value,
                span: Some(ctx.span(token.start, token.end)),
            },
            Err(why) => {
                ctx.diag(
                    Level::Warning,
                    DiagnosticKind::ValueUnreadable,
                    format!(
                        "{id}.{}: `{}` left blank: {why}",
                        found.key,
                        token.text(ctx.doc)
                    ),
                    Some((token.start, token.end)),
                );
                Cell::BLANK
            }
        };
        if let Some(slot) = cell_of(row, column) {
            *slot = cell;
        }
    }
}

fn cell_of<R, C: PartialEq>(row: &mut crate::model::Row<R, C>, column: C) -> Option<&mut Cell> {
    row.cells.iter_mut().find(|(c, _)| *c == column).map(|(_, cell)| cell)
}

fn blank_cell(ctx: &Ctx<'_>, token: &Token) -> Cell {
    Cell {
        value: Value::Blank,
        span: (token.start < token.end).then(|| ctx.span(token.start, token.end)),
    }
}

/// Keeps an unlabelled row as an extra row, its cells read as counts or amounts.
fn keep_extra(ctx: &mut Ctx<'_>, id: TableId, label: (usize, usize), cells: &[Token]) -> ExtraRow {
    let values = cells
        .iter()
        .filter_map(|t| {
            let s = t.scalar?;
            let value = s
                .typed(ValueKind::Count, HeaderUnit::None)
                .or_else(|_| s.typed(ValueKind::Change, HeaderUnit::None))
                .or_else(|_| s.typed(ValueKind::Amount, HeaderUnit::None))
                .ok()?;
            Some(ExtraValue {
                value,
                span: ctx.span(t.start, t.end),
            })
        })
        .collect();
    let text = ctx.doc[label.0..label.1].to_string();
    ctx.diag(
        Level::Info,
        DiagnosticKind::ExtraRow,
        format!("{id}: `{text}` is not a row of the template; kept as an extra row"),
        Some(label),
    );
    ExtraRow {
        table: id,
        label: text,
        label_span: ctx.span(label.0, label.1),
        values,
    }
}

/// Reports the rows of a table that the text did not show.
fn report_missing_rows<R: Copy + std::fmt::Display, C>(
    ctx: &mut Ctx<'_>,
    id: TableId,
    table: &Table<R, C>,
) {
    let missing: Vec<String> = table
        .rows
        .iter()
        .filter(|r| r.label_span.is_none())
        .map(|r| r.key.to_string())
        .collect();
    if !missing.is_empty() {
        ctx.diag(
            Level::Warning,
            DiagnosticKind::RowMissing,
            format!("{id}: rows not found, left blank: {}", missing.join(", ")),
            None,
        );
    }
}
