//! Section 四's table: one row of fifteen cells under a three-level header.

use super::align::{Aligned, Placement, align};
use super::collapsed::{cuts, keep_summing};
use super::positions;
use super::scan::{Class, Vote, cells_end, header_classes, scan};
use super::sums;
use crate::grammar::Ctx;
use crate::normalize::Norm;
use crate::template;
use std::sync::LazyLock;

use crate::grammar::label::{Fit, Labels, Probe};
use crate::grammar::tokens::{Layout, Token};
use crate::grammar::value::HeaderUnit;
use crate::model::{
    Cell, DiagnosticKind, Level, ReviewColumn, ReviewRow, ReviewTable, Span, Value, ValueKind,
};

/// The header cells but the last column's: the kinds of case over the
/// result columns, the result columns, then the kinds of litigation.
static HEADER_FORMS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let (_, results) = template::REVIEW_COLUMNS
        .split_last()
        .expect("section 四 has columns");
    let cases = template::REVIEW_ROWS
        .iter()
        .map(|r| r.groups.first().unwrap_or(&r.label));
    let results = results.iter().map(|c| &c.label);
    let kinds = template::REVIEW_ROWS
        .iter()
        .filter(|r| !r.groups.is_empty())
        .map(|r| &r.label);
    let mut forms = Vec::new();
    for &form in cases.chain(results).chain(kinds).flat_map(|l| l.forms) {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
});

/// The header cells, the last column's (总计) marked.
pub(super) static HEADERS: LazyLock<Vec<(Class<ReviewRow>, &'static [&'static str])>> =
    LazyLock::new(|| {
        let last = template::REVIEW_COLUMNS
            .last()
            .expect("section 四 has columns");
        header_classes(HEADER_FORMS.as_slice(), last.label.forms)
    });

static HEADER_LABELS: LazyLock<Labels<Class<ReviewRow>>> = LazyLock::new(|| Labels::new(&HEADERS));

/// The characters of the result columns' labels: PDF text may break them into
/// pieces (`结果 结果 其他 尚未 总` over `维持 纠正 结果 审结 计`, or one
/// character per line). Sorted, each once, for a binary search per character.
static HEADER_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut chars: Vec<char> = template::REVIEW_COLUMNS
        .iter()
        .flat_map(|c| c.label.forms)
        .flat_map(|f| f.chars())
        .collect();
    chars.sort_unstable();
    chars.dedup();
    chars
});

fn classify(compact: &str, _started: bool) -> Option<(Class<ReviewRow>, Fit)> {
    if !compact.is_empty()
        && compact
            .chars()
            .all(|c| HEADER_CHARS.binary_search(&c).is_ok())
    {
        let last = compact.ends_with("总计") || compact.ends_with('计');
        return Some((
            Class::Header {
                last,
                vote: Vote::Neither,
            },
            Fit::Exact,
        ));
    }
    HEADER_LABELS.best(&Probe::new(compact)).or_else(|| {
        // header cells run together, as crawlers leave them
        // the last cell's key, given first
        let mut last = None;
        HEADER_LABELS.concatenation_back(compact, |k| {
            last.get_or_insert(k);
        });
        Some((last?, Fit::Exact))
    })
}

/// The three groups of the row: four cells and their total.
const GROUPS: [(&[usize], usize); 3] = [
    (&[0, 1, 2, 3], 4),
    (&[5, 6, 7, 8], 9),
    (&[10, 11, 12, 13], 14),
];

/// The number of cells in the table's one data row.
const CELLS: usize = 15;

/// Reads section 四's table; `None` when its header is not in the text.
/// `joined` is [`scan`]'s buffer.
pub(crate) fn review_table(
    ctx: &mut Ctx<'_>,
    (tokens, layout): (&[Token], Layout),
    span: Span,
    joined: &mut String,
) -> Option<ReviewTable> {
    let found = scan(ctx.doc, tokens, layout, classify, joined);
    let last = found.last_header?;
    let mut table = ReviewTable::blank_for(span);
    // the data row starts after the header row's last cell
    let mut start = last + 1;
    if layout.marks_rows() {
        while start < tokens.len() && !tokens[start].row_start && tokens[start].is_blank() {
            start += 1;
        }
    }
    let end = if start < tokens.len() && !tokens[start].is_text() {
        cells_end(tokens, start + 1, layout)
    } else {
        start
    };
    let cells = &tokens[start..end];
    if cells.is_empty() {
        ctx.diag(
            Level::Warning,
            DiagnosticKind::RowAmbiguous,
            "review_litigation: no values follow the header; the cells are blank".into(),
            tokens.get(last).map(|t| t.range()),
        );
        return Some(table);
    }
    if let [run] = cells
        && run.end - run.start > 1
    {
        read_collapsed(ctx, &mut table, run);
        return Some(table);
    }
    let placement = match align(cells, CELLS, found.trailing) {
        Ok(Aligned::Empty) => return Some(table),
        Ok(Aligned::Direct(p)) => p,
        Ok(Aligned::Spread(p)) => {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                format!(
                    "review_litigation: the row has {} cells for {CELLS} columns, as many of them with text as the columns; the empty ones between them are taken for fillers of merged cells",
                    cells.len()
                ),
                cells.first().map(|t| t.range()),
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
                        "review_litigation: the row has {} cells for {CELLS} columns; aligned by the header's trailing empty cells",
                        cells.len()
                    ),
                    cells.first().map(|t| t.range()),
                );
            }
            placement
        }
        Err(why) => match by_position(ctx.doc, &tokens[..start], cells) {
            Ok((placement, unplaced)) => {
                if unplaced > 0 {
                    ctx.diag(
                        Level::Warning,
                        DiagnosticKind::RowAmbiguous,
                        format!(
                            "review_litigation: {unplaced} values after the header's last label are left blank: the header does not show which of the columns after it they belong to"
                        ),
                        cells.first().map(|t| t.range()),
                    );
                }
                ctx.diag(
                    Level::Info,
                    DiagnosticKind::RowRealigned,
                    format!(
                        "review_litigation: the row has {} cells for {CELLS} columns; placed by where they sit under the header",
                        cells.len()
                    ),
                    cells.first().map(|t| t.range()),
                );
                placement
            }
            Err(by_position) => {
                let also = by_position.map_or(String::new(), |p| {
                    format!(", and they cannot be placed by position: {}", p.describe())
                });
                if let Some(placement) = by_groups(ctx, cells, &why.describe(), &also) {
                    placement
                } else {
                    ctx.diag(
                        Level::Warning,
                        DiagnosticKind::RowAmbiguous,
                        format!(
                            "review_litigation: cells left blank: {}{also}",
                            why.describe()
                        ),
                        cells.first().map(|t| t.range()),
                    );
                    return Some(table);
                }
            }
        },
    };
    let keys = ReviewRow::ALL
        .iter()
        .flat_map(|&r| ReviewColumn::ALL.iter().map(move |&c| (r, c)));
    for ((row, column), slot) in keys.zip(placement.iter().copied()) {
        let Some(token) = slot.map(|i| &cells[i]) else {
            continue;
        };
        let cell = match token
            .scalar
            .map(|s| s.typed(ValueKind::Count, HeaderUnit::None))
        {
            Some(Ok(Value::Blank)) | None => Cell {
                value: Value::Blank,
                span: (token.start < token.end).then(|| ctx.span(token.range())),
            },
            Some(Ok(value)) => Cell {
                value,
                span: Some(ctx.span(token.range())),
            },
            Some(Err(why)) => {
                ctx.diag(
                    Level::Warning,
                    DiagnosticKind::ValueUnreadable,
                    format!(
                        "review_litigation.{row}.{column}: `{}` left blank: {why}",
                        token.text(ctx.doc)
                    ),
                    Some(token.range()),
                );
                Cell::BLANK
            }
        };
        if let Some(slot) = table.cell_mut(row, column) {
            *slot = cell;
        }
    }
    Some(table)
}

/// The header label of each of the row's columns: the five of each group.
const HEADER_LABELS_BY_COLUMN: [&[&str]; CELLS] = {
    let group = &template::REVIEW_COLUMNS;
    let mut out: [&[&str]; CELLS] = [&[]; CELLS];
    let mut c = 0;
    while c < CELLS {
        out[c] = group[c % group.len()].label.forms;
        c += 1;
    }
    out
};

/// Places the row's cells by where they sit under the header (PDF text whose
/// blank cells left no trace), keeping the three groups' totals, with the
/// number of values after a header laid out cell by cell whose columns are
/// not shown (left out of the placement). `Err(None)` when the cells carry no
/// positions.
fn by_position(
    doc: &str,
    before: &[Token],
    cells: &[Token],
) -> Result<(Placement, usize), Option<positions::Unplaced>> {
    let page = positions::page_of(cells).ok_or(None)?;
    let header: Vec<Token> = before.iter().filter(|t| t.is_text()).cloned().collect();
    let anchors = positions::header_anchors(doc, &header, &HEADER_LABELS_BY_COLUMN, page);
    let placement = if anchors.iter().all(Option::is_none) {
        // a header laid out cell by cell from the first column (inscriptis)
        let anchors = positions::grid_anchors(doc, &header, &HEADER_LABELS_BY_COLUMN, cells);
        positions::place_on_grid(doc, cells, &anchors).map_err(Some)?
    } else {
        (positions::place(doc, cells, &anchors).map_err(Some)?, 0)
    };
    let totals = GROUPS.map(|(parts, total)| (parts, total));
    if !positions::totals_hold(cells, &placement.0, &totals) {
        return Err(Some(positions::Unplaced::Totals));
    }
    Ok(placement)
}

/// Places the row by its three groups' totals when its cells are fewer than
/// the columns and no position places them (see [`sums::place_by_groups`]),
/// saying so; `None` when the totals settle no cell. `why` and `also` say
/// why the row was not placed otherwise.
fn by_groups(ctx: &mut Ctx<'_>, cells: &[Token], why: &str, also: &str) -> Option<Placement> {
    let values: Vec<Value> = cells
        .iter()
        .map(|t| t.scalar?.typed(ValueKind::Count, HeaderUnit::None).ok())
        .collect::<Option<_>>()?;
    let (placement, unsure) = sums::place_by_groups(&values, CELLS, &GROUPS)?;
    if placement.iter().all(Option::is_none) {
        return None;
    }
    let keys: Vec<String> = ReviewRow::ALL
        .iter()
        .flat_map(|&r| ReviewColumn::ALL.iter().map(move |&c| format!("{r}.{c}")))
        .collect();
    let head = format!(
        "review_litigation: {why}{also}; the groups' totals place them",
        why = why.trim_end_matches('.')
    );
    let (level, kind, message) = if unsure.is_empty() {
        (Level::Info, DiagnosticKind::RowRealigned, head)
    } else {
        let unsure: Vec<&str> = unsure.iter().map(|&c| keys[c].as_str()).collect();
        (
            Level::Warning,
            DiagnosticKind::RowAmbiguous,
            format!(
                "{head}, but cells {} are left blank: their groups do not add up with every cell known under every placement that keeps the totals",
                unsure.join(", ")
            ),
        )
    };
    ctx.diag(level, kind, message, cells.first().map(|t| t.range()));
    Some(placement)
}

/// Reads the row when its fifteen cells ran together (`000000000000000`): split
/// only where the three groups' totals leave exactly one way.
fn read_collapsed(ctx: &mut Ctx<'_>, table: &mut ReviewTable, run: &Token) {
    let text = run.text(ctx.doc);
    let options = cuts(text, &[ValueKind::Count; CELLS], HeaderUnit::None)
        .map(|all| keep_summing(all, &GROUPS));
    let Some(cut) = options.as_ref().and_then(|o| o.only()) else {
        let why = match options.map(|o| o.len()) {
            None => "it is too long to split with certainty".to_string(),
            Some(0) => "no split fits the totals".to_string(),
            Some(n) => format!("{n} splits fit the totals"),
        };
        ctx.diag(
            Level::Warning,
            DiagnosticKind::RowAmbiguous,
            format!(
                "review_litigation: the values run together as `{text}` and are left blank: {why}"
            ),
            Some(run.range()),
        );
        return;
    };
    let keys = ReviewRow::ALL
        .iter()
        .flat_map(|&r| ReviewColumn::ALL.iter().map(move |&c| (r, c)));
    for ((row, column), &(s, e, value)) in keys.zip(cut) {
        let span = Some(ctx.span(Norm::new(run.start + s, run.start + e)));
        if let Some(cell) = table.cell_mut(row, column) {
            *cell = Cell { value, span };
        }
    }
}
