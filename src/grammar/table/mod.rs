//! The three tables, each read by its labels (see [`scan`]) and placed in the
//! template's columns (see [`align`](mod@align)).

mod active;
mod active_figures_first;
mod align;
mod applications;
mod collapsed;
mod column_rests;
mod columns;
mod cut_labels;
mod cut_values;
mod figures_first;
mod header_start;
mod label_tails;
mod later_columns;
mod positions;
mod printed;
mod reading_order;
mod rejoin;
mod review;
mod review_groups;
mod review_totals;
mod row_bands;
mod scan;
mod shared_columns;
mod stray_blocks;
mod sums;
mod total_column;

pub(crate) use active::{active_table, active_votes, scan_active};
pub(crate) use applications::{applications_table, applications_votes, scan_applications};
pub(crate) use cut_values::CutCell;
pub(crate) use reading_order::read_uniform_tables;
pub(crate) use review::review_table;
pub(crate) use scan::joined_buffer;

use self::align::{Aligned, Placement, Unplaced, align};
use self::positions::{Anchor, header_anchors, page_of, place, row_anchors, totals_hold};
use self::scan::{FoundRow, Scan};
use super::Ctx;
use super::label::Fit;
use super::tokens::Token;
use super::value::{HeaderUnit, Scalar};
use crate::model::{
    Cell, Diagnostic, DiagnosticKind, ExtraRow, ExtraValue, Level, Table, TableId, Value, ValueKind,
};
use crate::normalize::Norm;

/// Whether the columns of a part may follow its printed header labels: the
/// rows were read by the order of their cells (not by their place on a page,
/// which the header's labels decided already), and none ran together
/// (whose cuts follow the template's order).
fn by_cell_order<'r, 't: 'r, R: 'r>(rows: impl IntoIterator<Item = &'r FoundRow<'t, R>>) -> bool {
    rows.into_iter()
        .all(|r| r.collapsed.is_none() && r.cells.iter().all(|t| t.at.is_none()))
}

/// Where a row's cells can be placed by their position on the page, for rows
/// of PDF text whose blank cells left no trace (see [`positions`]).
struct ByPosition<'s, R> {
    /// The scan the row came from: its other rows and its parts' headers.
    scan: &'s Scan<'s, R>,
    /// The header labels of each of the row's columns.
    labels: &'s [&'s [&'s str]],
    /// True for a row of the same columns as the row being placed.
    same_columns: &'s dyn Fn(R) -> bool,
    /// The totals a row's placement must keep.
    totals: &'s [positions::Total<'s>],
}

impl<R: Copy> ByPosition<'_, R> {
    /// The anchors of `found`'s columns: the cells of the nearest complete row of
    /// its part of the table on its page, or else its part's header cells.
    fn anchors(&self, doc: &str, found: &FoundRow<R>) -> Option<Vec<Option<Anchor>>> {
        let page = page_of(&found.cells)?;
        let columns = self.labels.len();
        // a row whose label starts where `found`'s does has the same cells
        // before its values: a group label on the values' line (`（五）不予处理
        // 1.信访举报投诉类申请 6 …`) moves them one column on, in text that
        // lays out each row's cells in turn (inscriptis)
        let indent = |label: Norm| {
            let line = doc[..label.start].rfind('\n').map_or(0, |i| i + 1);
            doc[line..label.start].chars().count()
        };
        let own = indent(found.label);
        let nearest = self
            .scan
            .rows
            .iter()
            .filter(|r| r.segment == found.segment && (self.same_columns)(r.key))
            .filter_map(|r| {
                let anchors = row_anchors(&r.cells, columns, page)?;
                let shape = indent(r.label) != own;
                Some(((shape, r.label.start.abs_diff(found.label.start)), anchors))
            })
            .min_by_key(|(distance, _)| *distance);
        if let Some((_, anchors)) = nearest {
            return Some(anchors.into_iter().map(Some).collect());
        }
        let header = self.scan.headers.get(found.segment)?;
        Some(header_anchors(doc, header, self.labels, page))
    }

    /// Places `found`'s last cells by their positions, the values before
    /// them packed apart from their columns (see [`positions::place_after_run`]).
    /// Where the complete rows of the part on the page do not all give the
    /// same columns (a value one character off), each that places the row
    /// must place it alike.
    fn after_run(&self, doc: &str, found: &FoundRow<R>) -> Option<positions::AfterRun> {
        let page = page_of(&found.cells)?;
        let columns = self.labels.len();
        let mut readings = self
            .scan
            .rows
            .iter()
            .filter(|r| r.segment == found.segment && (self.same_columns)(r.key))
            .filter_map(|r| row_anchors(&r.cells, columns, page))
            .filter_map(|anchors| {
                let anchors: Vec<Option<Anchor>> = anchors.into_iter().map(Some).collect();
                positions::place_after_run(doc, &found.cells, &anchors, self.totals)
            });
        let first = match readings.next() {
            Some(first) => first,
            // no complete row places it: the header's cells may
            None => {
                let anchors = self.anchors(doc, found)?;
                return positions::place_after_run(doc, &found.cells, &anchors, self.totals);
            }
        };
        readings.all(|r| r == first).then_some(first)
    }

    /// The anchors of `found`'s columns on the grid of a table laid out cell
    /// by cell (see [`positions::cell_grid`]): its label stands at the grid's
    /// `k`-th column, its values at the columns after it, one a column. Only
    /// for a table with totals to check the placement by.
    fn on_cell_grid(&self, doc: &str, found: &FoundRow<R>) -> Option<Vec<Option<Anchor>>> {
        if self.totals.is_empty() {
            return None;
        }
        let page = page_of(&found.cells)?;
        let header = self.scan.headers.get(found.segment)?;
        let rows: Vec<((u32, u32), &[Token])> = self
            .scan
            .rows
            .iter()
            .filter(|r| r.segment == found.segment && page_of(&r.cells) == Some(page))
            .map(|r| Some((label_columns(doc, r.label)?, &r.cells[..])))
            .collect::<Option<_>>()?;
        let grid = positions::cell_grid(doc, header, &rows, page)?;
        let (start, _) = label_columns(doc, found.label)?;
        let at = grid.iter().position(|&g| g == start)?;
        (0..self.labels.len())
            .map(|c| grid.get(at + 1 + c).map(|&g| Some((g, g + 1))))
            .collect()
    }

    /// Places `found`'s cells by their positions, or says why not.
    fn place(&self, doc: &str, found: &FoundRow<R>) -> Result<Placement, positions::Unplaced> {
        let anchors = self
            .anchors(doc, found)
            .ok_or(positions::Unplaced::NoPositions)?;
        let placement = match place(doc, &found.cells, &anchors) {
            Ok(placement) => placement,
            // a table laid out cell by cell: its header's labels stand over
            // no column, but its grid places the row
            Err(why) => self
                .on_cell_grid(doc, found)
                .and_then(|grid| place(doc, &found.cells, &grid).ok())
                .ok_or(why)?,
        };
        // with no totals to check a placement by (section 二), a short row
        // whose values the text packs one space apart is not placed by them
        let values = found.cells.iter().filter(|t| !t.is_empty()).count();
        if self.totals.is_empty()
            && values < self.labels.len()
            && positions::packed(doc, &found.cells)
        {
            return Err(positions::Unplaced::Packed);
        }
        if !totals_hold(&found.cells, &placement, self.totals) {
            return Err(positions::Unplaced::Totals);
        }
        Ok(placement)
    }
}

/// The first and last column of a label on its line, when it stands on one.
fn label_columns(doc: &str, label: Norm) -> Option<(u32, u32)> {
    let text = &doc[label.range()];
    if text.contains('\n') {
        return None;
    }
    let line = doc[..label.start].rfind('\n').map_or(0, |i| i + 1);
    let start = u32::try_from(doc[line..label.start].chars().count()).ok()?;
    let width = u32::try_from(text.chars().count()).ok()?;
    Some((start, start + width))
}

/// Says how a row placed by its last values was read (see
/// [`positions::place_after_run`]): which values are placed by position, and
/// which columns are left blank for the run before them.
fn after_run_diagnostic<R: std::fmt::Display>(
    ctx: &mut Ctx<'_>,
    id: TableId,
    found: &FoundRow<R>,
    after: &positions::AfterRun,
) {
    let run: Vec<&str> = found.cells[..after.run]
        .iter()
        .map(|t| t.text(ctx.doc))
        .collect();
    let (level, message) = if after.run == after.first {
        (
            Level::Info,
            format!(
                "{id}.{}: the row has {} cells; its last ones placed by where they sit under the columns, and `{}` in the {} columns before them, one a column",
                found.key,
                found.cells.len(),
                run.join(" "),
                after.first
            ),
        )
    } else {
        (
            Level::Warning,
            format!(
                "{id}.{}: the first {} cells left blank: `{}` stand packed before the columns placed by where their values sit, so which of those {} columns each belongs to is unknown (the row adds up to its total with them)",
                found.key,
                after.first,
                run.join(" "),
                after.first
            ),
        )
    };
    ctx.diag(
        level,
        DiagnosticKind::RowAmbiguous,
        message,
        Some(found.label),
    );
}

/// Fills one row of `table` from the cells found after its label. A row whose
/// cells are fewer than its columns and could not be placed is left blank, and
/// the diagnostic that says why is handed back for the caller to report: the
/// table's sums may still place it (see [`sums::place_short_rows`]).
#[must_use = "the diagnostic of a row left blank must be reported"]
fn fill_row<R: Copy + PartialEq + std::fmt::Display, C: Copy + PartialEq>(
    ctx: &mut Ctx<'_>,
    table: &mut Table<R, C>,
    id: TableId,
    found: &FoundRow<R>,
    (columns, by_position): (&[C], &ByPosition<'_, R>),
    kind: impl Fn(C) -> ValueKind,
    unit: HeaderUnit,
) -> Option<Diagnostic> {
    let doc = ctx.doc;
    let label_text = &doc[found.label.range()];
    let row_index = table.rows.iter().position(|r| r.key == found.key)?;
    let row = &mut table.rows[row_index];
    if row.label_span.is_some() {
        ctx.diag(
            Level::Warning,
            DiagnosticKind::RowRepeated,
            format!(
                "{id}.{}: the row `{label_text}` appears again; the first one is kept",
                found.key
            ),
            Some(found.label),
        );
        return None;
    }
    row.label_span = Some(ctx.span(found.label));
    if found.collapsed.is_some() {
        return None; // read by the caller, with the table's constraints
    }
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
    // a row with a cell for each column, not all of them blank, is placed as
    // it stands (what `align` says of it: `Aligned::Direct`) without asking
    let direct = found.cells.len() == columns.len() && !found.cells.iter().all(Token::is_blank);
    let aligned = if direct {
        Ok(Aligned::Direct(Placement::in_order(columns.len())))
    } else {
        align(&found.cells, columns.len(), found.trailing)
    };
    let placement = match aligned {
        Ok(Aligned::Empty) if found.cells.is_empty() => {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "{id}.{}: no cells follow the label `{label_text}`; left blank",
                    found.key
                ),
                Some(found.label),
            );
            return None;
        }
        Ok(Aligned::Empty) => {
            // every cell blank: keep the spans of the marks that say so
            for (c, t) in columns.iter().zip(found.cells.iter()) {
                if let Some(cell) = cell_of(row, *c) {
                    *cell = blank_cell(ctx, t);
                }
            }
            return None;
        }
        Ok(Aligned::Direct(p)) => p,
        Ok(Aligned::Spread(p)) => {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                format!(
                    "{id}.{}: the row has {} cells for {} columns, as many of them with text as the columns; the empty ones between them are taken for fillers of merged cells",
                    found.key,
                    found.cells.len(),
                    columns.len()
                ),
                Some(found.label),
            );
            p
        }
        Ok(Aligned::Realigned {
            placement,
            by_header,
        }) => {
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
        Err(why @ (Unplaced::TooFew { .. } | Unplaced::Ambiguous { .. }))
            if found.cells.iter().all(|t| t.at.is_some()) =>
        {
            match by_position.place(ctx.doc, found) {
                Ok(placement) => {
                    ctx.diag(
                        Level::Info,
                        DiagnosticKind::RowRealigned,
                        format!(
                            "{id}.{}: the row has {} cells for {} columns; placed by where they sit under the columns",
                            found.key,
                            found.cells.len(),
                            columns.len()
                        ),
                        Some(found.label),
                    );
                    placement
                }
                Err(unplaced) => {
                    // a row one cell short is left to the table's sums first,
                    // which place more of it where they decide it (see
                    // [`sums::place_short_rows`] and [`fill_after_run`])
                    let after = (found.cells.len() + 1 != columns.len())
                        .then(|| by_position.after_run(ctx.doc, found))
                        .flatten();
                    let Some(after) = after else {
                        return Some(Diagnostic {
                            level: Level::Warning,
                            kind: DiagnosticKind::RowAmbiguous,
                            message: format!(
                                "{id}.{}: cells left blank: {}, and they cannot be placed by position: {}",
                                found.key,
                                why.describe(),
                                unplaced.describe()
                            ),
                            span: Some(ctx.span(found.label)),
                        });
                    };
                    after_run_diagnostic(ctx, id, found, &after);
                    after.placement
                }
            }
        }
        Err(why) => {
            return Some(Diagnostic {
                level: Level::Warning,
                kind: DiagnosticKind::RowAmbiguous,
                message: format!("{id}.{}: cells left blank: {}", found.key, why.describe()),
                span: Some(ctx.span(found.label)),
            });
        }
    };
    fill_cells(
        ctx,
        table,
        (id, row_index),
        found,
        (columns, &placement),
        kind,
        unit,
    );
    None
}

/// Places a row of section 三 one cell short that the table's sums left
/// unplaced by its last values, the values before them packed apart from
/// their columns (see [`positions::place_after_run`]); false when it cannot.
fn fill_after_run<C: Copy + PartialEq>(
    ctx: &mut Ctx<'_>,
    table: &mut Table<crate::model::ApplicationRow, C>,
    found: &FoundRow<crate::model::ApplicationRow>,
    (columns, by_position): (&[C], &ByPosition<'_, crate::model::ApplicationRow>),
) -> bool {
    let Some(row_index) = table.rows.iter().position(|r| r.key == found.key) else {
        return false;
    };
    let Some(after) = by_position.after_run(ctx.doc, found) else {
        return false;
    };
    after_run_diagnostic(ctx, TableId::Applications, found, &after);
    fill_cells(
        ctx,
        table,
        (TableId::Applications, row_index),
        found,
        (columns, &after.placement),
        |_| ValueKind::Count,
        HeaderUnit::None,
    );
    true
}

/// Fills the cells of row `row_index` of `table` from `found`'s cells,
/// column `c` from `found.cells[slots[c]]` (none where `slots[c]` is `None`).
fn fill_cells<R: Copy + PartialEq + std::fmt::Display, C: Copy + PartialEq>(
    ctx: &mut Ctx<'_>,
    table: &mut Table<R, C>,
    (id, row_index): (TableId, usize),
    found: &FoundRow<R>,
    (columns, slots): (&[C], &[Option<usize>]),
    kind: impl Fn(C) -> ValueKind,
    unit: HeaderUnit,
) {
    let row = &mut table.rows[row_index];
    for (column_index, &column) in columns.iter().enumerate() {
        let slot = slots.get(column_index).copied().flatten();
        let Some(token) = slot.map(|i| &found.cells[i]) else {
            continue;
        };
        let value = token
            .scalar
            .map(|s| s.typed(kind(column), unit))
            .unwrap_or(Err("not a value"));
        let cell = match value {
            Ok(Value::Blank) => {
                ctx.blank_cells.push((id, row_index, column_index));
                blank_cell(ctx, token)
            }
            Ok(value) => Cell {
                value,
                span: Some(ctx.span(token.range())),
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
                    Some(token.range()),
                );
                if let Some(Scalar::Cut { prefix, digits }) = token.scalar {
                    ctx.cut_cells.push(CutCell {
                        table: id,
                        row: row_index,
                        column: column_index,
                        prefix,
                        digits,
                        at: token.range(),
                        diagnostic: ctx.diagnostics.len() - 1,
                    });
                }
                Cell::BLANK
            }
        };
        if let Some(slot) = cell_of(row, column) {
            *slot = cell;
        }
    }
}

/// Fills a row from the one cut of its collapsed run.
fn fill_cut<R: Copy + PartialEq, C: Copy + PartialEq + 'static>(
    ctx: &Ctx<'_>,
    table: &mut Table<R, C>,
    key: R,
    columns: &[C],
    run_start: usize,
    cut: &collapsed::Cut,
) {
    for (&column, &(s, e, value)) in columns.iter().zip(cut) {
        if let Some(cell) = table.cell_mut(key, column) {
            *cell = Cell {
                value,
                span: Some(ctx.span(Norm::new(run_start + s, run_start + e))),
            };
        }
    }
}

/// Says why a collapsed row was left blank.
fn unsplit<K: std::fmt::Display>(
    ctx: &mut Ctx<'_>,
    id: TableId,
    key: K,
    ways: Option<usize>,
    at: Norm,
) {
    let run = &ctx.doc[at.range()];
    let why = match ways {
        None => "it is too long to split with certainty".to_string(),
        Some(0) => "no split fits the table's constraints".to_string(),
        Some(n) => format!("{n} splits fit the table's constraints"),
    };
    ctx.diag(
        Level::Warning,
        DiagnosticKind::RowAmbiguous,
        format!("{id}.{key}: the values run together as `{run}` and are left blank: {why}"),
        Some(at),
    );
}

/// The first found row of each key with a collapsed run.
fn collapsed_rows<'s, 't, K: Copy + PartialEq>(
    rows: &'s [FoundRow<'t, K>],
) -> Vec<&'s FoundRow<'t, K>> {
    // a row is looked back from only when it has a collapsed run (few do)
    rows.iter()
        .enumerate()
        .filter(|&(i, row)| row.collapsed.is_some() && !rows[..i].iter().any(|r| r.key == row.key))
        .map(|(_, row)| row)
        .collect()
}

fn cell_of<R, C: PartialEq>(row: &mut crate::model::Row<R, C>, column: C) -> Option<&mut Cell> {
    row.cells
        .iter_mut()
        .find(|(c, _)| *c == column)
        .map(|(_, cell)| cell)
}

fn blank_cell(ctx: &Ctx<'_>, token: &Token) -> Cell {
    Cell {
        value: Value::Blank,
        span: (token.start < token.end).then(|| ctx.span(token.range())),
    }
}

/// Keeps an unlabelled row as an extra row, its cells read as counts or amounts.
fn keep_extra(ctx: &mut Ctx<'_>, id: TableId, label: Norm, cells: &[Token]) -> ExtraRow {
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
                span: ctx.span(t.range()),
            })
        })
        .collect();
    let text = ctx.doc[label.range()].to_string();
    ctx.diag(
        Level::Info,
        DiagnosticKind::ExtraRow,
        format!("{id}: `{text}` is not a row of the template; kept as an extra row"),
        Some(label),
    );
    ExtraRow {
        table: id,
        label: text,
        label_span: ctx.span(label),
        values,
    }
}

/// Withdraws what an earlier reading said of a row it left blank
/// ([`DiagnosticKind::RowAmbiguous`]: `applications.granted: cells left
/// blank: …`) once a later one (the sums, the readers by reading order)
/// has filled every cell of that row: a report does not say a row is blank
/// beside the row's figures. What the later reading did says its own
/// diagnostic. A row still blank in part keeps what was said of it.
///
/// ```text
/// withdrawn := RowAmbiguous  "<table>.<row>: …"   where every cell of <row> holds a value
/// ```
pub(crate) fn withdraw_notes_of_filled_rows(
    diagnostics: &mut Vec<Diagnostic>,
    active: Option<&crate::model::ActiveTable>,
    applications: Option<&crate::model::ApplicationsTable>,
    review: Option<&crate::model::ReviewTable>,
) {
    fn filled<R: Copy, C>(
        table: Option<&Table<R, C>>,
        key: &str,
        name: fn(R) -> &'static str,
    ) -> bool {
        table.is_some_and(|t| {
            t.rows
                .iter()
                .any(|r| name(r.key) == key && r.cells.iter().all(|(_, c)| !c.value.is_blank()))
        })
    }
    if !diagnostics
        .iter()
        .any(|d| d.kind == DiagnosticKind::RowAmbiguous)
    {
        return;
    }
    diagnostics.retain(|d| {
        if d.kind != DiagnosticKind::RowAmbiguous {
            return true;
        }
        let Some((subject, _)) = d.message.split_once(": ") else {
            return true;
        };
        let Some((table, row)) = subject.split_once('.') else {
            return true;
        };
        let full = if table == TableId::Active.key() {
            filled(active, row, crate::model::ActiveRow::key)
        } else if table == TableId::Applications.key() {
            filled(applications, row, crate::model::ApplicationRow::key)
        } else if table == TableId::ReviewLitigation.key() {
            filled(review, row, crate::model::ReviewRow::key)
        } else {
            false
        };
        !full
    });
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

/// Every label the rows and headers of the three tables are known by, both
/// editions, in their normalized form: template wording for the fuzz targets
/// (`xxgk::__fuzz::template_labels`).
pub fn template_labels() -> Vec<&'static str> {
    fn texts<K: 'static>(
        classes: &'static [(scan::Class<K>, &'static [&'static str])],
    ) -> impl Iterator<Item = &'static str> {
        classes
            .iter()
            .flat_map(|(_, labels)| labels.iter().copied())
    }
    texts(&active::ROWS)
        .chain(texts(&active::HEADERS))
        .chain(texts(&applications::ROWS))
        .chain(texts(&applications::HEADERS))
        .chain(texts(&review::HEADERS))
        .collect()
}

/// Reading a text and a cell, for the tests of the table readers.
#[cfg(test)]
pub(crate) mod test_support {
    use crate::model::{AnnualReport, CellKey};

    /// The report a text reads as.
    pub(crate) fn read(text: &str) -> AnnualReport {
        let norm = crate::normalize::normalize(text);
        crate::grammar::read(&norm, text).unwrap()
    }

    /// A cell's value in its export form.
    pub(crate) fn get(r: &AnnualReport, key: &str) -> String {
        r.value(CellKey::parse(key).unwrap()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{get, read};
    use super::withdraw_notes_of_filled_rows;
    use crate::model::{CellKey, DiagnosticKind, Edition};

    #[test]
    fn a_row_with_its_group_label_is_placed_by_rows_of_its_shape() {
        // inscriptis lays each row's cells out in turn: `（五）不予处理` before
        // `1.信访举报投诉类申请` moves its values one column on, as in the other
        // rows that open a group; its blank cell (other_org) is where a column
        // of those rows has a value and it has none
        let text = include_str!("../../../tests/fixtures/tools/inscriptis/render_w2019_web.txt");
        let r = read(text);
        let row = "applications.rejected_petition";
        assert_eq!(get(&r, &format!("{row}.natural_person")), "6");
        assert_eq!(get(&r, &format!("{row}.legal_service_org")), "0");
        assert_eq!(get(&r, &format!("{row}.other_org")), "");
        assert_eq!(get(&r, &format!("{row}.total")), "11");
    }

    #[test]
    fn rows_of_a_table_laid_out_cell_by_cell_are_placed_on_its_grid() {
        // inscriptis: the header's lines from the first column, no row
        // complete; the grid's columns (36, 52, 60, 68, then 72, 75, 78 from
        // the widths of the cells) place each row's values
        let text =
            include_str!("../../../tests/fixtures/tools/inscriptis/page_004_16b2a9bff0093b49.txt");
        let row = "一、本年新收政府信息公开申请数量                                                    /         0\n";
        assert!(text.contains(row));
        let cells = |r: &crate::model::AnnualReport| {
            ["public_interest_org", "other_org", "total"]
                .map(|c| get(r, &format!("applications.new_requests.{c}")))
        };
        let five = text.replace(row, &row.replace("/         0", "5         5"));
        assert_eq!(cells(&read(&five)), ["5", "", "5"]);
        // a value off the grid: no row is placed by it
        let off = text.replace(row, &row.replace("/         0", "5          5"));
        assert_eq!(cells(&read(&off)), ["", "", ""]);
    }

    #[test]
    fn edition_2021_active_table_in_pipe_rows() {
        let text = "某局2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
            | 第二十条第（一）项 |||\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n\
            | 规章 | 2 | 1 | 15 |\n| 行政规范性文件 | 4 | 0 | 31 |\n| 第二十条第（五）项 |\n\
            | 信息内容 | 本年处理决定数量 |\n| 行政许可 | 396 |\n| 第二十条第（六）项 |\n\
            | 信息内容 | 本年处理决定数量 |\n| 行政处罚 | 12 |\n| 行政强制 | / |\n\
            | 第二十条第（八）项 |\n| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 3.5 |\n";
        let r = read(text);
        assert_eq!(r.edition, Edition::E2021);
        assert_eq!(get(&r, "active.regulations.in_force"), "15");
        assert_eq!(get(&r, "active.normative_documents.issued"), "4");
        assert_eq!(get(&r, "active.licensing.decisions"), "396");
        assert_eq!(get(&r, "active.coercion.decisions"), "");
        assert_eq!(get(&r, "active.fees.amount"), "3.5");
        let span = r
            .cell(CellKey::parse("active.licensing.decisions").unwrap())
            .unwrap()
            .span
            .unwrap();
        assert_eq!(&text[span.range()], "396");
    }

    #[test]
    fn split_other_rows_make_the_2021_applications_table() {
        let row = |label: &str, v: &str| format!("{label}\t{v}\t0\t0\t0\t0\t0\t{v}\n");
        let mut text = String::from(
            "三、收到和处理政府信息公开申请情况\n\t\t自然人\t法人或其他组织\t\t\t\t\t总计\n",
        );
        text += &row("一、本年新收政府信息公开申请数量", "5");
        text += &row("二、上年结转政府信息公开申请数量", "1");
        text += &row("三、本年度办理结果\t（一）予以公开", "3");
        text += &format!(
            "\t（六）其他处理\t{}",
            row(
                "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                "1"
            )
        );
        text += &row(
            "\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "0",
        );
        text += &row("\t\t3.其他", "1");
        text += &row("\t（七）总计", "5");
        text += &row("四、结转下年度继续办理", "1");
        let r = read(&text);
        assert_eq!(r.edition, Edition::E2021);
        assert_eq!(get(&r, "applications.granted.natural_person"), "3");
        assert_eq!(get(&r, "applications.other_no_correction.total"), "1");
        assert_eq!(get(&r, "applications.other_misc.natural_person"), "1");
        assert_eq!(get(&r, "applications.outcome_total.total"), "5");
        assert_eq!(get(&r, "applications.carried_forward.total"), "1");
    }

    #[test]
    fn a_note_of_a_row_left_blank_is_withdrawn_once_the_row_is_filled() {
        use crate::model::{ApplicationRow, ApplicationsTable, Diagnostic, Level, Span, Value};
        let note = |kind, message: &str| Diagnostic {
            level: Level::Warning,
            kind,
            message: message.into(),
            span: None,
        };
        let mut table = ApplicationsTable::blank_for(Edition::E2021, Span { start: 0, end: 1 });
        for row in &mut table.rows {
            let full = row.key == ApplicationRow::Granted;
            for (i, (_, cell)) in row.cells.iter_mut().enumerate() {
                // granted filled whole, new_requests in part
                if full || (row.key == ApplicationRow::NewRequests && i == 0) {
                    cell.value = Value::Count(1);
                }
            }
        }
        let mut diagnostics = vec![
            note(
                DiagnosticKind::RowAmbiguous,
                "applications.granted: cells left blank: …",
            ),
            note(
                DiagnosticKind::RowAmbiguous,
                "applications.new_requests: cells left blank: …",
            ),
            note(
                DiagnosticKind::RowAmbiguous,
                "applications: 3 values stand below …",
            ),
            note(
                DiagnosticKind::LabelVariant,
                "applications.granted: `予以公开` read as …",
            ),
            note(
                DiagnosticKind::RowAmbiguous,
                "active.regulations: no cells follow …",
            ),
        ];
        withdraw_notes_of_filled_rows(&mut diagnostics, None, Some(&table), None);
        let left: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            left,
            [
                "applications.new_requests: cells left blank: …",
                "applications: 3 values stand below …",
                "applications.granted: `予以公开` read as …",
                "active.regulations: no cells follow …",
            ]
        );
    }

    #[test]
    fn a_row_short_of_cells_in_lines_layout_is_left_blank_with_a_reason() {
        let text = "二、主动公开政府信息情况\n第二十条第(一)项\n信息内容\n本年新制作数量\n本年新公开数量\n对外公开总数量\n\
            规章\n1\n2\n3\n规范性文件\n4\n5\n第二十条第(五)项\n";
        let r = read(text);
        assert_eq!(get(&r, "active.regulations.total_public"), "3");
        assert_eq!(get(&r, "active.normative_documents.made"), "");
        assert_eq!(get(&r, "active.normative_documents.published"), "");
        let d = r
            .diagnostics
            .iter()
            .find(|d| d.kind == DiagnosticKind::RowAmbiguous)
            .unwrap();
        assert!(d.message.contains("normative_documents"), "{}", d.message);
        assert_eq!(&text[d.span.unwrap().range()], "规范性文件");
    }

    #[test]
    fn pdf_text_with_wrapped_labels_and_space_separated_cells() {
        let text = "三、收到和处理政府信息公开申请情况\n\
            申请人情况\n自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计\n\
            一、本年新收政府信息公开申   5  1  0  0  0  0  6\n请数量\n\
            二、上年结转政府信息公开申请数量  0  0  0  0  0  0  0\n\
            (二)部分公开(区分处理的,只计\n这一情形,不计其他情形)  1  0  0  0  0  0  1\n\
            — 2 —\n\u{c}四、结转下年度继续办理  2  0  0  0  0  0  2\n";
        let r = read(text);
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "5");
        assert_eq!(get(&r, "applications.new_requests.total"), "6");
        assert_eq!(get(&r, "applications.partially_granted.total"), "1");
        assert_eq!(get(&r, "applications.carried_forward.natural_person"), "2");
        assert!(r.extra_rows.is_empty(), "{:?}", r.extra_rows);
    }

    #[test]
    fn crawler_rows_are_split_only_when_the_constraints_allow_one_way() {
        let text = "二、主动公开政府信息情况\n第二十条第(一)项\n信息内容本年新制作数量本年新公开数量对外公开总数量\n\
            规章000\n规范性文件666\n第二十条第(五)项\n行政许可3960181\n\
            三、收到和处理政府信息公开申请情况\n\
            一、本年新收政府信息公开申请数量253010029\n\
            四、政府信息公开行政复议、行政诉讼情况\n行政复议行政诉讼\n\
            结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉\n\
            结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计\n\
            100011000100000\n";
        let r = read(text);
        assert_eq!(get(&r, "active.regulations.made"), "0");
        assert_eq!(get(&r, "active.normative_documents.total_public"), "6");
        assert_eq!(get(&r, "active.licensing.last_year"), "");
        assert!(r.diagnostics.iter().any(|d| d.message.contains("3960181")));
        assert_eq!(get(&r, "applications.new_requests.natural_person"), "25");
        assert_eq!(get(&r, "applications.new_requests.total"), "29");
        assert_eq!(get(&r, "review_litigation.reconsideration.upheld"), "1");
        assert_eq!(get(&r, "review_litigation.reconsideration.total"), "1");
        assert_eq!(get(&r, "review_litigation.litigation_direct.upheld"), "1");
        let span = r
            .cell(CellKey::parse("applications.new_requests.natural_person").unwrap())
            .unwrap()
            .span
            .unwrap();
        assert_eq!(&text[span.range()], "25");
    }

    #[test]
    fn pdf_headers_broken_into_pieces() {
        let text = "四、政府信息公开行政复议、行政诉讼情况\n\
            行政复议                      行政诉讼\n\
            未经复议直接起诉        复议后起诉\n\
            结果  结果  其他  尚未  总   结果  结果  其他  尚未  总   结果  结果  其他  尚未  总\n\
            维持  纠正  结果  审结  计   维持  纠正  结果  审结  计   维持  纠正  结果  审结  计\n\
            1  0  0  1  2   0  0  0  0  0   0  0  1  0  1\n";
        let r = read(text);
        assert_eq!(get(&r, "review_litigation.reconsideration.total"), "2");
        assert_eq!(
            get(
                &r,
                "review_litigation.litigation_after_reconsideration.other"
            ),
            "1"
        );
        let text = "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n\
            结 结 其 尚\n果 果 他 未\n维 纠 结 审\n持 正 果 结\n\
            0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n";
        let r = read(text);
        assert_eq!(get(&r, "review_litigation.litigation_direct.total"), "0");
    }

    #[test]
    fn values_on_the_line_after_their_label() {
        let text = "二、主动公开政府信息情况\n第二十条第(一)项\t\t\t\n\
            信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
            规章\n\t1\t2\t3\n规范性文件\t4\t5\t6\n";
        let r = read(text);
        assert_eq!(get(&r, "active.regulations.made"), "1");
        assert_eq!(get(&r, "active.regulations.total_public"), "3");
        assert_eq!(get(&r, "active.normative_documents.made"), "4");
    }

    #[test]
    fn labels_wrapped_by_pdftotext_layout() {
        let text = "三、收到和处理政府信息公开申请情况\n\
            一、本年新收政府信息公开申请数量           5     1      0   0    0    0   6\n\
            三、本年度办 （一）予以公开             2      0      0    0    0    0    2\n\
            理结果     （二）部分公开（区分处理的，     1      0      0    0    0    0    1\n\
                    只计这一情形，不计其他情形）\n\
                    （三）不予公 1.属于国家      3       0      0     0     0     0    3\n\
                    开        秘密\n\
                             2.其他法律    0       1      0     0     0     0    1\n\
                             行政法规禁止\n\
                             公开\n";
        let r = read(text);
        assert_eq!(get(&r, "applications.granted.total"), "2");
        assert_eq!(
            get(&r, "applications.partially_granted.natural_person"),
            "1"
        );
        assert_eq!(
            get(&r, "applications.denied_state_secret.natural_person"),
            "3"
        );
        assert_eq!(
            get(
                &r,
                "applications.denied_prohibited_by_law.commercial_enterprise"
            ),
            "1"
        );
        assert!(r.extra_rows.is_empty(), "{:?}", r.extra_rows);
        let span = r
            .applications
            .as_ref()
            .unwrap()
            .row(crate::model::ApplicationRow::DeniedStateSecret)
            .unwrap()
            .label_span
            .unwrap();
        assert_eq!(&text[span.range()], "1.属于国家");
    }

    #[test]
    fn unreadable_values_are_blank_with_a_diagnostic() {
        let text =
            "二、主动公开政府信息情况\n规章\t1\t2\t3.5\n规范性文件\t1\t2\t3\n行政许可\t1\t+1\t2\n";
        let r = read(text);
        assert_eq!(get(&r, "active.regulations.total_public"), "");
        assert_eq!(get(&r, "active.licensing.change"), "1");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.kind == DiagnosticKind::ValueUnreadable && d.message.contains("3.5"))
        );
    }

    #[test]
    fn template_labels_cover_the_three_tables_of_both_editions() {
        let labels = super::template_labels();
        for label in [
            "规章",
            "本年新制作数量",
            "本年制发件数",
            "自然人",
            "(七)总计",
            "结果维持",
            "复议后起诉",
        ] {
            assert!(labels.contains(&label), "{label}");
        }
    }
}
