//! Section 二's table: the 第二十条 items, in both editions.

use super::align::MAX_COLUMNS;
use super::collapsed::{MAX_PIECES, cuts};
use super::columns::read_column_blocks;
use super::scan::{Class, Scan, Vote, scan};
use super::{
    ByPosition, collapsed_rows, fill_cut, fill_row, keep_extra, report_missing_rows, unsplit,
};
use crate::grammar::Ctx;
use crate::normalize::Norm;
use crate::template;
use std::sync::LazyLock;

use crate::grammar::label::{Fit, Labels, Probe};
use crate::grammar::tokens::{Layout, Token};
use crate::grammar::value::HeaderUnit;
use crate::model::{ActiveColumn, ActiveRow, ActiveTable, Edition, ExtraRow, TableId};

use ActiveRow as R;

/// The row classes of section 二 with their forms, merged over the entries
/// of both editions.
fn row_classes(
    entries: &[template::Entry<ActiveRow>],
) -> Vec<(Class<ActiveRow>, Vec<&'static str>)> {
    template::merged_forms(entries)
        .into_iter()
        .map(|(row, forms)| (Class::Row(row), forms))
        .collect()
}

/// The forms of each row, both editions (see [`crate::template::ACTIVE_ROWS`]).
static ROW_FORMS: LazyLock<Vec<(Class<ActiveRow>, Vec<&'static str>)>> =
    LazyLock::new(|| row_classes(template::ACTIVE_ROWS));

/// The row labels, both editions.
pub(super) static ROWS: LazyLock<Vec<(Class<ActiveRow>, &'static [&'static str])>> =
    LazyLock::new(|| {
        ROW_FORMS
            .iter()
            .map(|(class, forms)| (*class, forms.as_slice()))
            .collect()
    });

const fn header(last: bool, vote: Vote) -> Class<ActiveRow> {
    Class::Header { last, vote }
}

/// The header cells of both editions by class: 信息内容, then per edition the
/// columns that never end a sub-table and those that end one, in the order
/// the sub-tables print them.
static HEADER_FORMS: LazyLock<Vec<(Class<ActiveRow>, Vec<&'static str>)>> = LazyLock::new(|| {
    let mut classes = vec![(
        header(false, Vote::Neither),
        template::ACTIVE_CORNER.forms.to_vec(),
    )];
    for (edition, vote) in [(Edition::E2019, Vote::E2019), (Edition::E2021, Vote::E2021)] {
        let mut columns: Vec<ActiveColumn> = Vec::new();
        for part in template::active_parts(edition) {
            for column in part.columns {
                if !columns.contains(column) {
                    columns.push(*column);
                }
            }
        }
        let ends_a_part =
            |c: ActiveColumn| template::active_parts(edition).any(|p| p.columns.last() == Some(&c));
        for last in [false, true] {
            let forms = columns
                .iter()
                .filter(|&&c| ends_a_part(c) == last)
                .flat_map(|&c| {
                    template::active_column(c, edition)
                        .label
                        .forms
                        .iter()
                        .copied()
                })
                .collect();
            classes.push((header(last, vote), forms));
        }
    }
    classes
});

/// The header cells of both editions.
pub(super) static HEADERS: LazyLock<Vec<(Class<ActiveRow>, &'static [&'static str])>> =
    LazyLock::new(|| {
        HEADER_FORMS
            .iter()
            .map(|(class, forms)| (*class, forms.as_slice()))
            .collect()
    });

static ROW_LABELS: LazyLock<Labels<Class<ActiveRow>>> = LazyLock::new(|| Labels::new(&ROWS));
static HEADER_LABELS: LazyLock<Labels<Class<ActiveRow>>> = LazyLock::new(|| Labels::new(&HEADERS));

fn classify(compact: &str, _started: bool) -> Option<(Class<ActiveRow>, Fit)> {
    let probe = Probe::new(compact);
    if compact.starts_with(template::ACTIVE_CAPTION_PREFIX) {
        return Some((Class::Group, Fit::Exact));
    }
    if HEADER_LABELS.is_exact(&probe) && !ROW_LABELS.is_exact(&probe) {
        return HEADER_LABELS.best(&probe);
    }
    ROW_LABELS
        .best(&probe)
        .or_else(|| HEADER_LABELS.best(&probe))
        .or_else(|| {
            // header cells run together, as crawlers leave them: the row's votes
            // the first cell that votes, the keys given last to first
            let mut vote = Vote::Neither;
            let concatenated = HEADER_LABELS.concatenation_back(compact, |k| {
                if let Class::Header {
                    vote: v @ (Vote::E2019 | Vote::E2021),
                    ..
                } = k
                {
                    vote = v;
                }
            });
            concatenated.then_some((header(false, vote), Fit::Exact))
        })
}

/// The merged header forms of each column, both editions.
static COLUMN_FORMS: LazyLock<Vec<(ActiveColumn, Vec<&'static str>)>> =
    LazyLock::new(|| template::merged_forms(template::ACTIVE_COLUMNS));

/// The header labels of a column, both editions (what PDF text shows above its cells).
pub(super) fn header_labels(column: ActiveColumn) -> &'static [&'static str] {
    COLUMN_FORMS
        .iter()
        .find(|(c, _)| *c == column)
        .map_or(&[], |(_, forms)| forms.as_slice())
}

/// Puts each part's columns under the labels its header prints above them
/// (see [`super::printed`]).
fn follow_printed_headers(
    ctx: &mut Ctx<'_>,
    table: &mut ActiveTable,
    found: &Scan<ActiveRow>,
    edition: Edition,
) {
    let in_part = |segment: usize| {
        found
            .rows
            .iter()
            .filter(move |r| r.segment == segment && !r.key.columns(edition).is_empty())
    };
    for (segment, header) in found.headers.iter().enumerate() {
        let Some(first) = in_part(segment).next() else {
            continue;
        };
        let columns = first.key.columns(edition);
        if columns.len() < 2 || in_part(segment).any(|r| r.key.columns(edition) != columns) {
            continue;
        }
        let mut labels: [&[&str]; MAX_COLUMNS] = [&[]; MAX_COLUMNS];
        for (label, &c) in labels.iter_mut().zip(columns) {
            *label = header_labels(c);
        }
        let labels = &labels[..columns.len().min(MAX_COLUMNS)];
        let order = match super::printed::order(ctx.doc, header, labels) {
            super::printed::Order::Template => continue,
            super::printed::Order::Printed(_) if !super::by_cell_order(in_part(segment)) => {
                super::printed::Order::Unsure
            }
            o => o,
        };
        let keys: Vec<ActiveRow> = in_part(segment).map(|r| r.key).collect();
        super::printed::apply(ctx, table, (TableId::Active, &keys, columns), &order);
    }
}

/// Reads section 二's cells; `joined` is [`scan`]'s buffer.
pub(crate) fn scan_active<'t>(
    doc: &'t str,
    tokens: &'t [Token],
    layout: Layout,
    joined: &mut String,
) -> Scan<'t, ActiveRow> {
    let mut found = scan(doc, tokens, layout, classify, joined);
    super::cut_labels::read_cut_labels(
        doc,
        (tokens, layout),
        &mut found,
        &ROWS,
        super::cut_labels::in_section_2_part,
    );
    super::cut_labels::read_section_2_by_order(doc, (tokens, layout), &mut found, &ROWS);
    found
}

/// Edition votes: `(2019, 2021)` from the header cells and the rows only one edition has.
pub(crate) fn active_votes(found: &Scan<ActiveRow>) -> (usize, usize) {
    let mut votes = (0, 0);
    for (vote, _) in found.votes.iter() {
        match vote {
            Vote::E2019 => votes.0 += 1,
            Vote::E2021 => votes.1 += 1,
            Vote::Neither => {}
        }
    }
    votes.0 += found
        .rows
        .iter()
        .filter(|r| matches!(r.key, R::OtherServices | R::Procurement))
        .count();
    votes
}

/// Builds section 二's table for an edition from what the scan of
/// `doc[region.start..region.end]` found.
pub(crate) fn active_table(
    ctx: &mut Ctx<'_>,
    found: &Scan<ActiveRow>,
    edition: Edition,
    (region, layout): (Norm, Layout),
) -> (ActiveTable, Vec<ExtraRow>) {
    let span = ctx.span(region);
    let mut table = ActiveTable::blank_for(edition, span);
    let mut extras = Vec::new();
    let unit = match edition {
        Edition::E2019 => HeaderUnit::None,
        Edition::E2021 => HeaderUnit::WanYuan,
    };
    // the header labels of a row's columns, one buffer for all rows
    let mut labels: Vec<&[&str]> = Vec::new();
    for row in &found.rows {
        let columns = row.key.columns(edition);
        if columns.is_empty() {
            // a row of the other edition (其他对外管理服务事项, 政府集中采购 in a 2021 report)
            extras.push(keep_extra(ctx, TableId::Active, row.label, &row.cells));
            continue;
        }
        labels.clear();
        labels.extend(columns.iter().map(|&c| header_labels(c)));
        let same_columns = |k: ActiveRow| k.columns(edition) == columns;
        let by_position = ByPosition {
            scan: found,
            labels: &labels,
            same_columns: &same_columns,
            totals: &[],
        };
        // a row that lost a cell of its grid is read from its cells with text
        // (see [`super::align::lost_a_cell`])
        let kept;
        let row = if super::align::lost_a_cell(&row.cells, columns.len(), row.trailing) {
            let mut with_text = row.clone();
            with_text.cells.to_mut().retain(|t| !t.is_empty());
            kept = with_text;
            &kept
        } else {
            row
        };
        if let Some(unplaced) = fill_row(
            ctx,
            &mut table,
            TableId::Active,
            row,
            (columns, &by_position),
            |c| c.kind(),
            unit,
        ) {
            ctx.diagnostics.push(unplaced);
        }
    }
    follow_printed_headers(ctx, &mut table, found, edition);
    for row in collapsed_rows(&found.rows) {
        let (Some(Norm { start: s, end: e }), columns) = (row.collapsed, row.key.columns(edition))
        else {
            continue;
        };
        if columns.is_empty() {
            continue;
        }
        // the kinds on the stack: a row of more columns than a cut has pieces
        // is not split
        let mut kinds = [crate::model::ValueKind::Count; MAX_PIECES];
        let kinds = kinds.get_mut(..columns.len()).map(|kinds| {
            for (kind, column) in kinds.iter_mut().zip(columns) {
                *kind = column.kind();
            }
            &*kinds
        });
        let mut options = kinds.and_then(|kinds| cuts(&ctx.doc[s..e], kinds, unit));
        // a blank mark the label ends in may be the run's first cell
        // (`其他对外管理服务事项—0/10`): its cuts count too (and a run with
        // no cut of its own stays blank)
        let mark = ctx.doc[..s]
            .chars()
            .next_back()
            .filter(|&c| "-—–/无".contains(c));
        if let (Some(m), Some(o)) = (mark, options.as_mut().filter(|o| !o.is_empty()))
            && let Some(wider) = kinds.and_then(|k| cuts(&ctx.doc[s - m.len_utf8()..e], k, unit))
        {
            o.extend(&wider);
        }
        match options {
            Some(options) if options.len() == 1 => {
                fill_cut(ctx, &mut table, row.key, columns, s, &options[0]);
            }
            options => unsplit(
                ctx,
                TableId::Active,
                row.key,
                options.map(|o| o.len()),
                Norm::new(s, e),
            ),
        }
    }
    if layout == Layout::Lines {
        read_column_blocks(ctx, &mut table, found, region, edition, unit);
    }
    for extra in &found.extras {
        // a simple table's closing rule (`------ ----`) is no row
        let label = &ctx.doc[extra.label.range()];
        if label.contains("---") && label.chars().all(|c| c == '-' || c.is_whitespace()) {
            continue;
        }
        extras.push(keep_extra(ctx, TableId::Active, extra.label, &extra.cells));
    }
    report_missing_rows(ctx, TableId::Active, &table);
    (table, extras)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{BOTH, row};

    #[test]
    fn a_short_row_packed_one_space_apart_is_not_placed_by_position() {
        // plain pdftotext writes a row's words one space apart: with a value
        // lost, the next one stands where the lost one stood
        use super::super::test_support::{get, read};
        let text = include_str!(
            "../../../tests/fixtures/tools/chromium-pdftotext/page_w2019_indented.txt"
        );
        let row = "\n行 21 19 40\n";
        assert!(text.contains(row));
        let r = read(text);
        assert_eq!(get(&r, "active.licensing.last_year"), "21");
        assert_eq!(get(&r, "active.licensing.decisions"), "40");
        let packs = |r: &crate::model::AnnualReport| {
            r.diagnostics
                .iter()
                .any(|d| d.message.contains("active.licensing") && d.message.contains("packs"))
        };
        assert!(packs(&read(&text.replace(row, "\n行 19 40\n"))));
        for damaged in ["\n行 19 40\n", "\n行 21 40\n", "\n行 2119 40\n"] {
            let r = read(&text.replace(row, damaged));
            for column in ["last_year", "change", "decisions"] {
                assert_eq!(
                    get(&r, &format!("active.licensing.{column}")),
                    "",
                    "{damaged:?}"
                );
            }
            assert!(
                r.diagnostics
                    .iter()
                    .any(|d| d.message.starts_with("active.licensing: cells left blank")),
                "{damaged:?}: {:#?}",
                r.diagnostics
            );
        }
    }

    #[test]
    fn a_new_variant_is_read() {
        // a way of printing 规章 the template's forms do not read
        let variant = "部门规章和地方政府规章";
        let probe = Probe::new(variant);
        assert!(!matches!(
            ROW_LABELS.best(&probe),
            Some((Class::Row(R::Regulations), _))
        ));
        // the one-line change: the variant added to the forms of 规章
        let mut rows = template::ACTIVE_ROWS.to_vec();
        rows[0] = row(
            R::Regulations,
            BOTH,
            "规章",
            &["规章", "部门规章和地方政府规章"],
        );
        let classes = row_classes(&rows);
        let entries: Vec<(Class<ActiveRow>, &[&str])> =
            classes.iter().map(|(c, f)| (*c, f.as_slice())).collect();
        let labels = Labels::new(&entries);
        assert!(matches!(
            labels.best(&probe),
            Some((Class::Row(R::Regulations), Fit::Exact))
        ));
        // and the template's own forms still are
        assert!(matches!(
            labels.best(&Probe::new("行政规范性文件")),
            Some((Class::Row(R::NormativeDocuments), Fit::Exact))
        ));
    }
}
