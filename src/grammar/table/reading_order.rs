//! Tables whose text does not give each value its cell, read where the values
//! themselves decide.
//!
//! Plain `pdftotext` follows a PDF's text runs, not a table's rows: a row's
//! values stand beside its label, one a line below it, or among column blocks
//! further on, blank cells leaving no line. Which cell a value belongs to is
//! mostly not in the text, and such cells stay blank (the row readers say
//! why). One case is certain whatever the order: a table whose every cell
//! shows the same value.
//!
//! ```text
//! figures := every word of a table's text that reads whole as a value
//! left    := figures − the figures the cells read already were taken from
//! uniform := left, each the same value v, as many as the cells not read
//! ```
//!
//! A cell gives at most one value (a blank one leaves none, or a mark such as
//! `/` that is not `v`), and nothing else in a table's text reads whole as a
//! value once the values of rows the template does not have are left out
//! (a section 二 with such a row shown without values, which may stand
//! anywhere, is not read so), so as many copies of `v` as open cells mean
//! that every one of them holds `v`: the order they came in does not matter. In sections 三 and 四,
//! whose totals are sums of the other cells, only `0` is taken so; plain
//! `pdftotext` mixes the two, so they are counted together, with the short
//! lines after them (see [`run_on`]). In section 二, a column whose header
//! shows fewer values below it than its part has rows is set aside with
//! those values when that decides the rest (see [`short_columns`]).

use super::active_figures_first::read_one_a_line;
use super::column_rests::read_column_rests;
use super::columns::{ShortBlock, short_blocks};
use super::header_start::{from_header, overflow_end};
use super::label_tails::read_label_tails;
use super::later_columns::{carried_figures, read_later_columns};
use super::review_groups::read_review_groups;
use super::review_totals::read_review_totals;
use super::row_bands::{read_review_bands, read_row_bands, read_tail_bands};
use super::stray_blocks::{read_stray_blocks, stray_blocks, stray_spans};
use super::total_column::read_total_column;
use crate::grammar::Ctx;
use crate::grammar::label::compact_test;
use crate::grammar::value::{HeaderUnit, Scalar, scalar};
use crate::model::{
    ActiveColumn, ActiveRow, ActiveTable, ApplicationsTable, Cell, DiagnosticKind, Edition,
    ExtraRow, Level, ReviewTable, Row, Span, TableId, Value, ValueKind,
};
use crate::normalize::Norm;

/// A word of table text that reads whole as a value: its range in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Figure {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) scalar: Scalar,
}

impl Figure {
    /// The word's range of the normalized text.
    pub(super) fn range(&self) -> Norm {
        Norm::new(self.start, self.end)
    }
}

/// As [`figures_where`], leaving out the values of rows the template does
/// not have (`skip`: their spans), which are no cells of the table.
pub(super) fn table_figures(
    ctx: &Ctx<'_>,
    region: Norm,
    most: usize,
    skip: &[Span],
) -> Vec<Figure> {
    figures_where(ctx.doc, region, most, |s, e, _| {
        skip.is_empty() || !skip.contains(&ctx.span(Norm::new(s, e)))
    })
}

/// The first `most` words of `doc[start..end]` (words split at white space
/// and `|`) that read whole as a value, blank marks (`/`, `—`, `无`)
/// included, of those `keep` accepts (by their range and value). A table
/// has a bounded number of cells, so its readers never need more than one
/// figure past them.
///
/// ```text
/// figures := (word where scalar(word) | other word)*
/// ```
fn figures_where(
    doc: &str,
    Norm { start, end }: Norm,
    most: usize,
    keep: impl Fn(usize, usize, &Scalar) -> bool,
) -> Vec<Figure> {
    // a region whose ends cross (sections out of order) holds no figure
    let Some(text) = doc.get(start..end) else {
        return Vec::new();
    };
    // room for all the figures kept at once: each takes two bytes at least,
    // itself and the white space after it
    let mut out = Vec::with_capacity(most.saturating_add(1).min(text.len() / 2 + 1));
    let push = |from: usize, to: usize, out: &mut Vec<Figure>| {
        if let Some(scalar) = scalar(&text[from..to]).filter(|s| keep(start + from, start + to, s))
        {
            out.push(Figure {
                start: start + from,
                end: start + to,
                scalar,
            });
        }
    };
    // a byte at a time: every white-space character is ASCII or starts with
    // one of the bytes C2, E1, E2 and E3
    let bytes = text.as_bytes();
    let (mut from, mut at) = (0, 0);
    while at < bytes.len() {
        let (width, separates) = match bytes[at] {
            b'\t'..=b'\r' | b' ' | b'|' => (1, true),
            0..=0x7F => (1, false),
            0xC2 | 0xE1..=0xE3 => text[at..]
                .chars()
                .next()
                .map_or((1, false), |c| (c.len_utf8(), c.is_whitespace())),
            0xC0..=0xDF => (2, false),
            0xE0..=0xEF => (3, false),
            _ => (4, false),
        };
        if separates {
            if out.len() >= most {
                return out;
            }
            if at > from {
                push(from, at, &mut out);
            }
            from = at + width;
        }
        at += width;
    }
    if out.len() < most && bytes.len() > from {
        push(from, bytes.len(), &mut out);
    }
    out
}

/// The value every figure shows, when there are exactly `cells` of them and
/// all are the same value (not a blank mark).
///
/// ```text
/// uniform := figure{cells}, each the same value v ≠ blank
/// ```
fn uniform(figures: &[Figure], cells: usize) -> Option<Scalar> {
    let first = figures.first()?.scalar;
    (cells > 0
        && figures.len() == cells
        && first != Scalar::Blank
        && figures.iter().all(|f| f.scalar == first))
    .then_some(first)
}

/// The end of the lines from `end` on that may still be table text: plain
/// `pdftotext` can put the last column blocks of section 四 after the next
/// heading, among that section's first short lines (`五、存在的主要问题及改进情况`,
/// `(一)存在的主要问题`, `0`, `结果维 结果纠`, `持`, …). The run stops at the
/// first line of prose: one longer than [`TABLE_LINE`] characters or with
/// sentence punctuation.
///
/// Only the values of those lines are taken, not blank marks (a section
/// 五 of `无` alone). The run passes the heading it starts at, not another:
/// what stands after section 六's heading is not section 四's.
///
/// ```text
/// run on := heading? (blank line | line of ≤ TABLE_LINE chars without ，。；,; that is no heading)*
/// ```
fn run_on(doc: &str, end: usize) -> usize {
    let mut at = end;
    for line in doc[end..].split_inclusive('\n') {
        let text = line.trim();
        let prose =
            text.chars().count() > TABLE_LINE || text.contains(['，', '。', '；', ',', ';']);
        if prose || (at > end && crate::grammar::heading::heading_line(line.trim_end()).is_some()) {
            break;
        }
        at += line.len();
    }
    at
}

/// The most characters of a line of table text (a header fragment, a row
/// label, a heading) that [`run_on`] takes after a table.
const TABLE_LINE: usize = 20;

/// The header labels of section 三's columns, in the template's order.
const APPLICANT_LABELS: &[&str] = &[
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
];

/// The header labels of section 四's columns, in the template's order.
const REVIEW_LABELS: &[&str] = &["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];

/// The most labels [`labels_in_order`] looks for (those of section 三's
/// header, the longer list).
const MAX_LABELS: usize = 8;

/// Whether the header labels of `labels` that `doc[start..end]` shows whole
/// (a line, or a cell between tabs or `|`, without its white space) come in
/// the template's order, each first seen after the one before it. The
/// readers by order (bands, tails) take the template's order of columns: a
/// header that prints them in another order is followed by the row readers
/// (see [`super::printed`]), and these leave the table alone.
///
/// ```text
/// in order := first(label₀) < first(label₁) < …   over the labels shown whole
/// ```
fn labels_in_order(doc: &str, Norm { start, end }: Norm, labels: &[&str]) -> bool {
    let mut first = [None; MAX_LABELS];
    let mut at = start;
    for cell in doc[start..end].split(['\n', '\t', '|']) {
        let is = compact_test(cell);
        if let Some(i) = labels.iter().position(|l| is(l))
            && let Some(slot @ None) = first.get_mut(i)
        {
            *slot = Some(at);
        }
        at += cell.len() + 1;
    }
    let mut shown = first.iter().flatten();
    let mut last = shown.next();
    shown.all(|a| {
        let ordered = last.is_none_or(|l| l < a);
        last = Some(a);
        ordered
    })
}

/// Whether a table has a cell not read yet.
fn open<R, C>(rows: &[Row<R, C>]) -> bool {
    rows.iter()
        .any(|r| r.cells.iter().any(|(_, c)| c.span.is_none()))
}

/// A cell of one of the tables, with the kind of value it holds and how a
/// value is typed in it.
struct Slot<'t> {
    cell: &'t mut Cell,
    kind: ValueKind,
    unit: HeaderUnit,
}

/// The cells of section 二, but those of the columns in `aside` (the rows
/// and column of each).
fn active_slots<'t>(
    table: &'t mut ActiveTable,
    edition: Edition,
    aside: &[(&[ActiveRow], ActiveColumn)],
) -> Vec<Slot<'t>> {
    let unit = match edition {
        Edition::E2019 => HeaderUnit::None,
        Edition::E2021 => HeaderUnit::WanYuan,
    };
    // room for every cell at once: a flattened iterator tells no length
    let mut slots = Vec::with_capacity(table.rows.iter().map(|r| r.cells.len()).sum());
    slots.extend(
        table
            .rows
            .iter_mut()
            .flat_map(|r| {
                let key = r.key;
                r.cells.iter_mut().filter(move |(c, _)| {
                    !aside
                        .iter()
                        .any(|(rows, column)| c == column && rows.contains(&key))
                })
            })
            .map(|(c, cell)| Slot {
                cell,
                kind: c.kind(),
                unit,
            }),
    );
    slots
}

fn count_slots<'t, R, C>(table: &'t mut crate::model::Table<R, C>) -> Vec<Slot<'t>> {
    // room for every cell at once: a flattened iterator tells no length
    let mut slots = Vec::with_capacity(table.rows.iter().map(|r| r.cells.len()).sum());
    slots.extend(
        table
            .rows
            .iter_mut()
            .flat_map(|r| r.cells.iter_mut())
            .map(|(_, cell)| Slot {
                cell,
                kind: ValueKind::Count,
                unit: HeaderUnit::None,
            }),
    );
    slots
}

/// Whether a cell of `rows` is not read yet, as [`any_open`] tells of
/// slots: told before the slots are listed.
fn any_open_cell<R, C>(rows: &[Row<R, C>]) -> bool {
    rows.iter().any(|r| {
        r.cells
            .iter()
            .any(|(_, c)| c.span.is_none() && c.value.is_blank())
    })
}

/// Whether a cell of `slots` is not read yet (no span, blank): one that
/// [`fill`] may fill.
fn any_open(slots: &[Slot<'_>]) -> bool {
    slots
        .iter()
        .any(|s| s.cell.span.is_none() && s.cell.value.is_blank())
}

/// Fills the cells of `slots` not read yet (no span) with the value the
/// figures no read cell was taken from show, when [`uniform`] holds for them
/// and those cells, `zero_only` asking that value to be `0`. Each cell filled
/// gets the span of one of those figures, in text order. Returns whether
/// cells were filled; nothing is filled when a read cell's span is not one
/// figure's (its figure is not known).
///
/// ```text
/// left    := figures − the figure of each read cell
/// filled  := uniform(left, cells not read)
/// ```
fn fill(ctx: &mut Ctx<'_>, figures: &[Figure], slots: Vec<Slot<'_>>, zero_only: bool) -> bool {
    if !any_open(&slots) {
        return false; // no cell to fill: no span is mapped
    }
    let spans: Vec<Span> = figures.iter().map(|f| ctx.span(f.range())).collect();
    let mut taken = vec![false; figures.len()];
    // figures in text order have their spans in order: a read cell's figure
    // is found by a binary search then
    let sorted = spans.is_sorted_by_key(|s| (s.start, s.end));
    let figure_of = |span: Span| {
        if !sorted {
            return spans.iter().position(|s| *s == span);
        }
        let i = spans.partition_point(|s| (s.start, s.end) < (span.start, span.end));
        (spans.get(i) == Some(&span)).then_some(i)
    };
    for span in slots.iter().filter_map(|s| s.cell.span) {
        match figure_of(span) {
            Some(i) if !taken[i] => taken[i] = true,
            _ => return false,
        }
    }
    let left: Vec<(Figure, Span)> = figures
        .iter()
        .zip(&spans)
        .zip(&taken)
        .filter(|(_, taken)| !**taken)
        .map(|((f, s), _)| (*f, *s))
        .collect();
    let open: Vec<Slot<'_>> = slots
        .into_iter()
        .filter(|s| s.cell.span.is_none() && s.cell.value.is_blank())
        .collect();
    let figures_left: Vec<Figure> = left.iter().map(|(f, _)| *f).collect();
    let Some(v) = uniform(&figures_left, open.len()) else {
        return false;
    };
    let Ok(typed) = open
        .iter()
        .map(|s| v.typed(s.kind, s.unit))
        .collect::<Result<Vec<Value>, _>>()
    else {
        return false;
    };
    if zero_only && typed.iter().any(|t| *t != Value::Count(0)) {
        return false;
    }
    for ((slot, value), (_, span)) in open.into_iter().zip(typed).zip(left) {
        *slot.cell = Cell {
            value,
            span: Some(span),
        };
    }
    true
}

/// The short blocks of section 二 (see [`short_blocks`]) whose column's
/// cells are all still open: their values and cells are set aside from the
/// figures left over, which then fill the other open cells when they decide
/// them (`000_…`: `对外公开总数量` with one `0` for two rows, the two zeros
/// left over filling `上一年项目数量` of 五, which showed none below it).
///
/// ```text
/// left := figures − read cells' figures − short blocks' figures
/// open := cells not read − the short blocks' columns
/// ```
fn short_columns(
    ctx: &Ctx<'_>,
    table: &ActiveTable,
    region: Norm,
    edition: Edition,
) -> Vec<ShortBlock> {
    let mut short = short_blocks(ctx.doc, region, edition);
    short.retain(|b| {
        b.rows.iter().all(|&r| {
            table
                .cell(r, b.column)
                .is_some_and(|c| c.span.is_none() && c.value.is_blank())
        })
    });
    short
}

/// Whether a part with a short block has other cells still open. The short
/// block's missing values were written away from its header, or left no
/// trace; its part's other open cells were written away from theirs. A row's
/// values away from their headers come together (`规范性文件`'s after the
/// last part), so the figures left over may be the short block's as well as
/// the open cells': they do not decide those cells.
fn open_beside_short(table: &ActiveTable, short: &[ShortBlock]) -> bool {
    short.iter().any(|b| {
        table
            .rows
            .iter()
            .filter(|row| b.rows.contains(&row.key))
            .any(|row| {
                row.cells.iter().any(|(c, cell)| {
                    let aside = short
                        .iter()
                        .any(|s| s.column == *c && s.rows.contains(&row.key));
                    !aside && cell.span.is_none() && cell.value.is_blank()
                })
            })
    })
}

/// Fills the open cells of section 二 as [`fill`] does, first with every
/// figure left over, then, when that does not decide them, with the short
/// blocks set aside (see [`short_columns`]). Returns whether cells were
/// filled.
fn fill_active(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    region: Norm,
    edition: Edition,
    skip: &[Span],
) -> bool {
    if !any_open_cell(&table.rows) {
        return false; // nothing to fill: no figure is looked for
    }
    let slots = active_slots(table, edition, &[]);
    let most = slots.len() + 1;
    let found = table_figures(ctx, region, most, skip);
    if fill(ctx, &found, slots, false) {
        return true;
    }
    let short = short_columns(ctx, table, region, edition);
    if short.is_empty() {
        return false;
    }
    if open_beside_short(table, &short) {
        for b in &short {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowAmbiguous,
                format!(
                    "active: the column `{}` shows {} value(s) below its header for {} rows, and other cells of its part are open: the figures left over may be its as well as theirs, so they fill none of them",
                    b.column,
                    b.figures.len(),
                    b.rows.len()
                ),
                Some(b.header),
            );
        }
        return false;
    }
    let aside: Vec<(&[ActiveRow], ActiveColumn)> =
        short.iter().map(|b| (b.rows, b.column)).collect();
    let mut left = found;
    left.retain(|f| !short.iter().any(|b| b.figures.contains(&f.range())));
    if !fill(ctx, &left, active_slots(table, edition, &aside), false) {
        return false;
    }
    for b in &short {
        ctx.diag(
            Level::Info,
            DiagnosticKind::RowAmbiguous,
            format!(
                "active: the column `{}` shows {} value(s) below its header for {} rows: which rows hold them is unknown; left blank",
                b.column,
                b.figures.len(),
                b.rows.len()
            ),
            Some(b.header),
        );
    }
    true
}

/// Section 二's region joined with section 三's text above its header
/// (`applications`' part before the line of 申请人情况), when section 三
/// follows section 二 and has text above its header: no cell of section 三
/// stands there (see [`from_header`]), so its figures are section 二's,
/// printed after the next heading (a column or a row's last cells carried
/// over a page).
///
/// ```text
/// through := active region … the line before section 三's header
/// ```
fn through_heading(doc: &str, active: Norm, applications: Norm) -> Option<Norm> {
    let header = from_header(doc, applications)?;
    (active.end <= applications.start).then(|| Norm::new(active.start, header.start))
}

/// Fills the cells not read yet of tables whose other figures all show the
/// same value, in text that does not tell which value is whose (see the
/// module documentation): section 二 from `active`, sections 三 and 四
/// together from `applications` and `review` (their regions joined). Section
/// 三's and section 四's figures are first tried as bands of rows (see
/// [`read_row_bands`], [`read_review_bands`]), then section 三's as heads on
/// the label lines and tails further on (see [`read_label_tails`]), both
/// again from section 三's header on when the whole region is not read (see
/// [`from_header`]); section
/// 三's `总计` column as a block below its header (see
/// [`read_total_column`]) and section 四's groups that show one figure below
/// their `总计` (see [`read_review_totals`]) where cells are still open.
/// Section 四's groups printed in LibreOffice's pieces are read before the
/// totals alone (see [`read_review_groups`]). Section 二's column blocks
/// printed in section 三's text are read into section 二 and left out of
/// sections 三's and 四's figures (see [`stray_blocks`]); so are those
/// printed there under their header labels part after part (see
/// [`read_later_columns`]), between a first reading of section 二's parts
/// one a line and a second one of the parts they leave open (see
/// [`read_one_a_line`]), and section 二's uniform fill is tried again with
/// its figures down to section 三's header (see [`through_heading`]). A part
/// of section 二 whose headers show only its first rows' cells is read from
/// the blocks after its labels (see [`read_column_rests`]), and a section 三
/// whose text shows only its last rows from their bands (see
/// [`read_tail_bands`]).
pub(crate) fn read_uniform_tables(
    ctx: &mut Ctx<'_>,
    edition: Edition,
    (active, active_region): (Option<&mut ActiveTable>, Option<Norm>),
    (applications, applications_region): (Option<&mut ApplicationsTable>, Option<Norm>),
    (review, review_region): (Option<&mut ReviewTable>, Option<Norm>),
    extra: &[ExtraRow],
) {
    // the values of section 二's rows the template does not have are no
    // cells; such a row shown without values may have them anywhere. In
    // sections 三 and 四, whose sums check every reading, the rows kept aside
    // in plain text are pieces of wrapped labels, and figures after them are
    // the table's
    let mut skip: Vec<Span> = extra
        .iter()
        .filter(|r| r.table == TableId::Active)
        .flat_map(|r| r.values.iter().map(|v| v.span))
        .collect();
    let extra_spans = skip.clone();
    let hidden = |id: TableId| extra.iter().any(|r| r.table == id && r.values.is_empty());
    // section 二's column blocks printed in section 三's text are no cells of
    // sections 三 and 四; every reader below fills only cells not read yet,
    // so with none left the blocks are not looked for
    let unread = active.as_deref().is_some_and(|t| open(&t.rows))
        || applications.as_deref().is_some_and(|t| open(&t.rows))
        || review.as_deref().is_some_and(|t| open(&t.rows));
    let strays = match applications_region {
        Some(a) if unread => stray_blocks(ctx.doc, a),
        _ => Vec::new(),
    };
    skip.extend(stray_spans(ctx, &strays));
    let mut active = active;
    if let Some(table) = active.as_deref_mut()
        && !hidden(TableId::Active)
    {
        read_stray_blocks(ctx, table, edition, &strays);
    }
    if let (Some(table), Some(region)) = (active.as_deref_mut(), active_region)
        && !hidden(TableId::Active)
    {
        // the parts read whole first, then the columns printed after section
        // 三's heading (whose parts those leave open), then the parts those
        // complete and a last row carried past the heading
        read_one_a_line(ctx, table, (region, None), edition);
        let later = applications_region
            .map_or_else(Vec::new, |a| read_later_columns(ctx, table, edition, a));
        let carry = applications_region.map_or_else(Vec::new, |a| carried_figures(ctx.doc, a));
        if (!later.is_empty() || !carry.is_empty())
            && let (_, true) = read_one_a_line(ctx, table, (region, Some(&carry)), edition)
        {
            skip.extend(carry.iter().map(|(at, _)| ctx.span(*at)));
        }
        skip.extend(later);
        read_column_rests(ctx, table, region, edition, &skip);
    }
    if let (Some(table), Some(region)) = (active, active_region)
        && !hidden(TableId::Active)
    {
        if fill_active(ctx, table, region, edition, &skip) {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                "active: the text does not tell which value is whose, but the figures no cell was read from show one value as many times as cells are left: each of them holds it".into(),
                Some(region),
            );
        } else if let Some(through) =
            applications_region.and_then(|a| through_heading(ctx.doc, region, a))
            && fill(
                ctx,
                &table_figures(
                    ctx,
                    through,
                    active_slots(table, edition, &[]).len() + 1,
                    &extra_spans,
                ),
                active_slots(table, edition, &[]),
                false,
            )
        {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                "active: the text does not tell which value is whose, but the figures no cell was read from, down to section 三's header, show one value as many times as cells are left: each of them holds it".into(),
                Some(through),
            );
        }
    }
    let mut review = review;
    if let (Some(table), Some(r)) = (review.as_deref_mut(), review_region)
        && open(&table.rows)
        && labels_in_order(ctx.doc, r, REVIEW_LABELS)
    {
        read_review_bands(
            ctx,
            table,
            Norm::new(r.start, run_on(ctx.doc, r.end)),
            &skip,
        );
    }
    if let (Some(table), Some(r)) = (review.as_deref_mut(), review_region)
        && open(&table.rows)
    {
        // LibreOffice's text puts pieces of section 四 among section 三's
        // last lines and section 五's first ones
        let start = applications_region.map_or(r.start, |a| a.start.min(r.start));
        read_review_groups(ctx, table, Norm::new(start, run_on(ctx.doc, r.end)));
    }
    if let (Some(table), Some(r)) = (review.as_deref_mut(), review_region)
        && open(&table.rows)
    {
        read_review_totals(ctx, table, r, &skip);
    }
    let (Some(applications), Some(a)) = (applications, applications_region) else {
        return;
    };
    if open(&applications.rows) && labels_in_order(ctx.doc, a, APPLICANT_LABELS) {
        // the whole region first, then from its header on (a figure of the
        // section before may stand above the header)
        let header = from_header(ctx.doc, a);
        // then with the figures after section 四's heading, none of which
        // section 四 has read
        let extended = review_region
            .and_then(|r| overflow_end(ctx.doc, r).map(|end| (r, end)))
            .filter(|&(r, end)| {
                let over = ctx.span(Norm::new(r.start, end));
                review.as_deref().is_none_or(|t| {
                    !t.rows.iter().flat_map(|row| &row.cells).any(|(_, c)| {
                        c.span
                            .is_some_and(|s| s.start < over.end && over.start < s.end)
                    })
                })
            })
            .map(|(_, end)| Norm::new(header.unwrap_or(a).start, end))
            // section 四 printed before section 三 has no figures after it
            .filter(|n| n.start < n.end);
        // the retries take the rows whole in order only: heads on label lines
        // trust the rows the scan read, which a lost label line shifts
        let read = read_row_bands(ctx, applications, edition, a, &skip)
            || read_label_tails(ctx, applications, edition, a, &skip);
        if !read {
            for region in header.into_iter().chain(extended) {
                if read_row_bands(ctx, applications, edition, region, &skip) {
                    break;
                }
            }
        }
    }
    if open(&applications.rows) && labels_in_order(ctx.doc, a, APPLICANT_LABELS) {
        read_tail_bands(ctx, applications, edition, a, &skip);
    }
    if open(&applications.rows) {
        read_total_column(ctx, applications, a, &skip);
    }
    if !any_open_cell(&applications.rows)
        && !review
            .as_deref()
            .is_some_and(|t| review_region.is_some() && any_open_cell(&t.rows))
    {
        return; // nothing to fill: no figure is looked for
    }
    // the whole region first, then from section 三's header on
    let header = from_header(ctx.doc, a);
    for a in std::iter::once(a).chain(header) {
        let mut slots = count_slots(applications);
        let mut region = a;
        if let (Some(review), Some(r)) = (review.as_deref_mut(), review_region) {
            slots.extend(count_slots(review));
            region = Norm::new(a.start.min(r.start), a.end.max(r.end));
        }
        if !any_open(&slots) {
            return; // nothing to fill: no figure is looked for
        }
        // after the tables, a blank mark is the next section's text (`无`)
        let end = run_on(ctx.doc, region.end);
        let most = slots.len() + 1;
        let mut found = table_figures(ctx, region, most, &skip);
        found.extend(figures_where(
            ctx.doc,
            Norm::new(region.end, end),
            most - found.len(),
            |s, e, v| *v != Scalar::Blank && !skip.contains(&ctx.span(Norm::new(s, e))),
        ));
        region.end = end;
        if fill(ctx, &found, slots, true) {
            ctx.diag(
                Level::Info,
                DiagnosticKind::RowRealigned,
                "applications, review_litigation: the text does not tell which value is whose, but the figures no cell was read from show 0 as many times as cells are left: each of them holds 0".into(),
                Some(region),
            );
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{get, read};
    use super::{
        APPLICANT_LABELS, Figure, MAX_LABELS, REVIEW_LABELS, figures_where, labels_in_order,
        run_on, uniform,
    };
    use crate::grammar::value::Scalar;

    /// A 2019-edition section 二 of zeros only, (一)'s rows one cell short
    /// beside their labels and (五)'s and (六)'s 处理决定数量 left out, with
    /// `later` between section 三's heading and its header.
    fn zeros_page(later: &str) -> String {
        format!(
            "某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n\
             第二十条第（一）项\n信息内容\n本年新制作数量 本年新公开数量 对外公开总数量\n\
             0\n0\n规章\n0\n0\n规范性文件\n\
             第二十条第（五）项\n信息内容\n上一年项目数量 本年增/减\n0\n0\n行政许可\n0\n其他对外管理服务事项 0\n\
             第二十条第（六）项\n信息内容\n上一年项目数量 本年增/减\n0\n0\n行政处罚\n0\n0\n行政强制\n\
             第二十条第（八）项\n信息内容\n上一年项目数量 本年增/减\n0\n0\n行政事业性收费\n\
             第二十条第（九）项\n信息内容\n采购项目数量 采购总金额\n0\n0\n政府集中采购\n\
             三、收到和处理政府信息公开申请情况\n\n{later}\n申请人情况\n自然人\n"
        )
    }

    #[test]
    fn section_two_figures_above_section_three_header_fill_its_open_cells() {
        let later = "0\n0\n\n处理决定数量\n0\n0\n\n处理决定数量\n0\n0\n";
        let r = read(&zeros_page(later));
        for key in [
            "active.regulations.total_public",
            "active.normative_documents.made",
            "active.licensing.decisions",
            "active.other_services.change",
            "active.coercion.decisions",
        ] {
            assert_eq!(get(&r, key), "0", "{key}");
        }
        // one zero fewer than the open cells: which is blank is unknown
        let r = read(&zeros_page(&later.replacen("0\n", "", 1)));
        assert_eq!(get(&r, "active.regulations.total_public"), "");
        assert_eq!(get(&r, "active.licensing.decisions"), "");
        // a figure of another value among them
        let r = read(&zeros_page(&later.replacen("0\n", "5\n", 1)));
        assert_eq!(get(&r, "active.regulations.total_public"), "");
    }

    #[test]
    fn labels_in_order_has_room_for_every_header_label() {
        assert!(APPLICANT_LABELS.len() <= MAX_LABELS);
        assert!(REVIEW_LABELS.len() <= MAX_LABELS);
        let doc = "结果维持\t结果纠正\t其他结果\t尚未审结\t总计";
        let all = super::Norm::new(0, doc.len());
        assert!(labels_in_order(doc, all, REVIEW_LABELS));
        let swapped = "结果纠正\t结果维持\t总计";
        assert!(!labels_in_order(
            swapped,
            super::Norm::new(0, swapped.len()),
            REVIEW_LABELS
        ));
    }
    use crate::normalize::Norm;

    fn zero(start: usize) -> Figure {
        Figure {
            start,
            end: start + 1,
            scalar: Scalar::Integer {
                value: 0,
                signed: false,
                unit: None,
            },
        }
    }

    #[test]
    fn figures_are_whole_words_that_read_as_values() {
        let text = "总计\n0 0|1.属于国家\n/\n2019年\n";
        let found = figures_where(text, Norm::new(0, text.len()), usize::MAX, |_, _, _| true);
        let texts: Vec<Scalar> = found.iter().map(|f| f.scalar).collect();
        assert_eq!(found.len(), 3);
        assert_eq!(found[0], zero(7));
        assert_eq!(found[1], zero(9));
        assert_eq!(texts[2], Scalar::Blank);
    }

    #[test]
    fn words_end_at_every_white_space_character_and_pipe() {
        let text =
            "1\u{3000}2\u{a0}3|4\u{2028}无 规章\t5\u{85}6\u{1680}7\u{202f}8\u{b}——\u{2003}x9 ";
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == '|')
            .filter(|w| !w.is_empty() && crate::grammar::value::scalar(w).is_some())
            .collect();
        assert_eq!(words.len(), 10);
        for most in [usize::MAX, 3] {
            let found = figures_where(text, Norm::new(0, text.len()), most, |_, _, _| true);
            let found: Vec<&str> = found.iter().map(|f| &text[f.start..f.end]).collect();
            assert_eq!(found, words[..words.len().min(most)]);
        }
    }

    #[test]
    fn the_table_runs_on_to_the_first_line_of_prose() {
        let text = "总计\n五、存在的主要问题及改进情况\n(一)存在的主要问题\n0\n\n持\n0\n一是主动公开的意识还不够强。\n0\n";
        let end = run_on(text, "总计\n".len());
        assert!(text[..end].ends_with("持\n0\n"));
        // it passes the heading it starts at, and stops at the next one
        let text = "总计\n五、存在的主要问题及改进情况\n无\n六、其他需要报告的事项\n结果维持\n1\n";
        let end = run_on(text, "总计\n".len());
        assert_eq!(&text[..end], "总计\n五、存在的主要问题及改进情况\n无\n");
    }

    #[test]
    fn header_labels_shown_whole_must_come_in_order() {
        let text = "自然人\n商业\n企业\n其他\t总计\n";
        assert!(labels_in_order(
            text,
            Norm::new(0, text.len()),
            super::APPLICANT_LABELS
        ));
        let text = "自然人\t科研 机构\t商业 企业\n";
        assert!(!labels_in_order(
            text,
            Norm::new(0, text.len()),
            super::APPLICANT_LABELS
        ));
    }

    #[test]
    fn uniform_needs_one_value_as_many_times_as_cells() {
        let zeros = [zero(0), zero(2), zero(4)];
        assert!(uniform(&zeros, 3).is_some());
        assert!(uniform(&zeros, 4).is_none(), "a cell shows nothing");
        assert!(uniform(&zeros[..2], 3).is_none());
        let mut mixed = zeros;
        mixed[1].scalar = Scalar::Blank;
        assert!(uniform(&mixed, 3).is_none());
    }

    /// Section 二 of the 2019 edition (22 cells) as plain `pdftotext` gives
    /// it: labels first, then column blocks, some without their header.
    fn active_2019(zeros: usize) -> String {
        let mut text = String::from(
            "某镇2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\n规章\n规范性文件\n\
             第二十条第（五）项\n信息内容\n行政许可\n其他对外管理服务事项\n第二十条第（六）项\n信息内容\n行政处罚\n行政强制\n\
             第二十条第（八）项\n信息内容\n行政事业性收费\n\n本年新制作数量\n上一年项目数量\n\n",
        );
        for _ in 0..zeros {
            text.push_str("0\n");
        }
        text.push_str("第二十条第（九）项\n信息内容\n政府集中采购\n\n采购项目数量\n\n采购总金额\n\n三、收到和处理政府信息公开申请情况\n");
        text
    }

    #[test]
    fn a_table_of_zeros_is_read_whatever_the_order() {
        let r = read(&active_2019(22));
        assert_eq!(get(&r, "active.regulations.made"), "0");
        assert_eq!(get(&r, "active.fees.change"), "0");
        assert_eq!(get(&r, "active.procurement.amount"), "0");
    }

    #[test]
    fn the_figures_of_cells_read_already_are_left_out() {
        // `本年新制作数量` with a value per row is read as a column block
        let text = active_2019(20).replace("本年新制作数量\n", "本年新制作数量\n3\n6\n\n");
        let r = read(&text);
        assert_eq!(get(&r, "active.regulations.made"), "3");
        assert_eq!(get(&r, "active.normative_documents.made"), "6");
        assert_eq!(get(&r, "active.normative_documents.published"), "0");
        assert_eq!(get(&r, "active.fees.change"), "0");
        // another value among the rest: which cell holds it is unknown
        let text = text.replacen("0\n", "5\n", 1);
        let r = read(&text);
        assert_eq!(get(&r, "active.regulations.made"), "3");
        assert_eq!(get(&r, "active.fees.change"), "");
    }

    #[test]
    fn the_values_of_a_row_the_template_does_not_have_are_no_cells() {
        // 21 zeros for 22 cells, and a row of the report's own showing a 0
        let text = active_2019(21).replace(
            "第二十条第（九）项",
            "其他主动公开文件（含以本单位名义正式签发的文件） 0\n第二十条第（九）项",
        );
        let r = read(&text);
        assert!(r.extra_rows.iter().any(|x| !x.values.is_empty()));
        assert_eq!(get(&r, "active.fees.change"), "");
        assert_eq!(get(&r, "active.regulations.made"), "");
    }

    #[test]
    fn a_short_block_is_set_aside_and_the_rest_filled() {
        // `本年新制作数量` shows one value for its two rows: that value is one
        // of the column's; the other columns of its part are read below
        // their headers, and the sixteen zeros are the other sixteen cells
        let part =
            "本年新制作数量\n5\n\n本年新公开数量\n1\n2\n\n对外公开总数量\n3\n4\n\n上一年项目数量\n";
        let text = active_2019(16).replace("本年新制作数量\n上一年项目数量\n", part);
        let r = read(&text);
        assert_eq!(get(&r, "active.regulations.made"), "");
        assert_eq!(get(&r, "active.normative_documents.made"), "");
        assert_eq!(get(&r, "active.regulations.published"), "1");
        assert_eq!(get(&r, "active.fees.change"), "0");
        assert_eq!(get(&r, "active.procurement.amount"), "0");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("`made` shows 1 value(s)"))
        );
        // one zero short of the other cells: the sums do not decide, and
        // nothing is filled
        let text = active_2019(15).replace("本年新制作数量\n上一年项目数量\n", part);
        let r = read(&text);
        assert_eq!(get(&r, "active.fees.change"), "");
    }

    #[test]
    fn figures_left_over_fill_no_open_cell_beside_a_short_block() {
        // `本年新制作数量` shows one value for its two rows, and the other
        // cells of its part are open too: the row whose `made` is not below
        // the header had its values written elsewhere, and one of the twenty
        // zeros may be its `made`, leaving another cell blank
        let text = active_2019(20).replace(
            "本年新制作数量\n上一年项目数量\n",
            "本年新制作数量\n5\n\n上一年项目数量\n",
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.regulations.made"), "");
        assert_eq!(get(&r, "active.regulations.published"), "");
        assert_eq!(get(&r, "active.fees.change"), "");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("other cells of its part are open"))
        );
        // the zeros fill every cell when they are as many as the cells,
        // the short block's column included
        let text = active_2019(21).replace(
            "本年新制作数量\n上一年项目数量\n",
            "本年新制作数量\n0\n\n上一年项目数量\n",
        );
        let r = read(&text);
        assert_eq!(get(&r, "active.regulations.made"), "0");
        assert_eq!(get(&r, "active.normative_documents.made"), "0");
    }

    #[test]
    fn one_value_short_leaves_the_table_blank() {
        let r = read(&active_2019(21));
        assert_eq!(get(&r, "active.fees.change"), "");
        let r = read(&active_2019(23));
        assert_eq!(get(&r, "active.fees.change"), "");
    }

    /// Sections 三 and 四 of the 2019 edition (161 and 15 cells) with `n`
    /// copies of `v` among their labels.
    fn applications_2019(v: &str, n: usize) -> String {
        let mut text = String::from(
            "某镇2020年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n自然人\n\
             一、本年新收政府信息公开申请数量\n二、上年结转政府信息公开申请数量\n三、本年度办理结果\n（一）予以公开\n\
             （七）总计\n四、结转下年度继续办理\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n结果维持\n总计\n",
        );
        for _ in 0..n {
            text.push_str(v);
            text.push('\n');
        }
        text.push_str("五、存在的主要问题及改进情况\n无。\n");
        text
    }

    #[test]
    fn sections_three_and_four_of_zeros_are_read_together() {
        let r = read(&applications_2019("0", 176));
        assert_eq!(get(&r, "applications.new_requests.total"), "0");
        assert_eq!(get(&r, "applications.denied_inquiry.other_org"), "0");
        assert_eq!(get(&r, "review_litigation.litigation_direct.pending"), "0");
        let r = read(&applications_2019("0", 175));
        assert_eq!(get(&r, "applications.new_requests.total"), "");
        // the last values after the next heading, before its prose
        let text = applications_2019("0", 170).replace(
            "五、存在的主要问题及改进情况\n",
            "五、存在的主要问题及改进情况\n无\n持\n0\n0\n0\n0\n0\n0\n",
        );
        let r = read(&text);
        assert_eq!(
            get(
                &r,
                "review_litigation.litigation_after_reconsideration.total"
            ),
            "0"
        );
    }

    #[test]
    fn a_value_other_than_zero_cannot_fill_a_table_of_totals() {
        let r = read(&applications_2019("1", 176));
        assert_eq!(get(&r, "applications.new_requests.total"), "");
        assert_eq!(get(&r, "review_litigation.reconsideration.total"), "");
    }
}
