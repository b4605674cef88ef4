//! The grammar of the template over normalized text: title, section headings,
//! the three tables and their values, as nom combinators and the label-anchored
//! table readers built on them.

mod framed;
mod heading;
mod inline;
mod label;
mod meta;
mod ocr;
mod pipe_rows;
mod reline;
mod table;
mod tokens;
mod value;

use crate::error::{Error, ErrorKind, Position};
use crate::model::{
    AnnualReport, Diagnostic, DiagnosticKind, Edition, Level, Period, Section, SectionKind, Span,
    TableId,
};
use crate::normalize::{Norm, Normalized};

pub use table::template_labels;

use heading::Heading;
use tokens::{detect, tokenize_normalized};

/// What the table readers share: the normalized text, the map back to the
/// original, and the diagnostics gathered so far.
pub(crate) struct Ctx<'a> {
    pub(crate) doc: &'a str,
    norm: &'a Normalized,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Where in the offset map the last span was found: spans asked for in
    /// text order are mapped in one sweep of it.
    span_hint: std::cell::Cell<usize>,
    /// The cells left blank because the tool that printed them cut them apart.
    pub(crate) cut_cells: Vec<table::CutCell>,
    /// The cells printed blank: table, row index and column index (see `table::cut_values`).
    pub(crate) blank_cells: Vec<(crate::model::TableId, usize, usize)>,
}

impl Ctx<'_> {
    /// The original span of a range of the normalized text.
    pub(crate) fn span(&self, at: Norm) -> Span {
        let mut hint = self.span_hint.get();
        let range = self.norm.original_range_from(&mut hint, at);
        self.span_hint.set(hint);
        range.into()
    }

    /// Records a diagnostic, at the original span of `at` when given.
    pub(crate) fn diag(
        &mut self,
        level: Level,
        kind: DiagnosticKind,
        message: String,
        at: Option<Norm>,
    ) {
        let span = at.map(|at| self.span(at));
        self.diagnostics.push(Diagnostic {
            level,
            kind,
            message,
            span,
        });
    }
}

/// Where each table's text is: `(start, end)` in the normalized text.
struct Regions {
    active: Option<Norm>,
    applications: Option<Norm>,
    review: Option<Norm>,
}

fn line_start_of(doc: &str, at: usize) -> usize {
    doc[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The start of the first line (after `from`) holding one of `marks`.
fn anchor(doc: &str, from: usize, marks: &[&str]) -> Option<usize> {
    marks
        .iter()
        .filter_map(|m| doc[from..].find(m).map(|i| line_start_of(doc, from + i)))
        .min()
}

fn regions(doc: &str, headings: &[Heading]) -> Regions {
    let body_of = |kind: SectionKind| {
        headings
            .iter()
            .find(|h| h.kind == kind)
            .map(|h| h.line_end.min(doc.len()))
    };
    let active = body_of(SectionKind::ActiveDisclosure)
        .or_else(|| anchor(doc, 0, &["第二十条第", "信息内容"]));
    let applications = body_of(SectionKind::Applications).or_else(|| {
        anchor(
            doc,
            active.unwrap_or(0),
            &["本年新收政府信息公开申请", "申请人情况"],
        )
    });
    let review = body_of(SectionKind::ReviewLitigation).or_else(|| {
        let from = applications.unwrap_or(0);
        let first = anchor(doc, from, &["结果维持"])?;
        // back up to the header line naming 行政复议 just before
        let back = doc[from..first]
            .rfind("行政复议")
            .map(|i| line_start_of(doc, from + i));
        Some(back.filter(|&b| first - b < 400).unwrap_or(first))
    });
    let end_after = |start: usize| {
        headings
            .iter()
            .map(|h| h.start)
            .chain([active, applications, review].into_iter().flatten())
            .filter(|&s| s > start)
            .min()
            .unwrap_or(doc.len())
    };
    let with_end = |s: Option<usize>| s.map(|s| Norm::new(s, end_after(s)));
    Regions {
        active: with_end(active),
        applications: with_end(applications),
        review: with_end(review),
    }
}

fn decide_edition(
    ctx: &mut Ctx<'_>,
    active: (usize, usize),
    applications: (usize, usize),
    year: Option<u16>,
) -> Edition {
    let pick = |(a, b): (usize, usize)| match a.cmp(&b) {
        std::cmp::Ordering::Greater => Some(Edition::E2019),
        std::cmp::Ordering::Less => Some(Edition::E2021),
        std::cmp::Ordering::Equal => None,
    };
    match (pick(active), pick(applications)) {
        (Some(a), Some(b)) if a != b => {
            ctx.diag(
                Level::Warning,
                DiagnosticKind::Edition,
                format!(
                    "section 二 follows the {a} edition and section 三 the {b} edition; the report is read as {a}"
                ),
                None,
            );
            a
        }
        (Some(a), _) | (None, Some(a)) => a,
        (None, None) => {
            let e = match year {
                Some(y) if y >= 2021 => Edition::E2021,
                _ => Edition::E2019,
            };
            ctx.diag(
                Level::Info,
                DiagnosticKind::Edition,
                format!("the tables do not tell the edition; {e} chosen by the year"),
                None,
            );
            e
        }
    }
}

fn not_a_report(original: &str) -> Error {
    let offset = original.len() - original.trim_start().len();
    let position = Position::locate(original, offset);
    let found: String = original[offset..]
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(30)
        .collect();
    let kind = ErrorKind::NotAReport {
        expected: "the section headings 一、总体情况 … 六、其他需要报告的事项 or the tables of sections 二 to 四 (a title naming 政府信息公开工作年度报告 alone, as on a listing page, is not a report)",
        position,
        found,
    };
    Error::at(kind, original, offset)
}

/// Reads a report from its normalized text; `original` is the text given by the user.
pub(crate) fn read(norm: &Normalized, original: &str) -> Result<AnnualReport, Error> {
    read_with(norm, original, &[])
}

/// [`read`] for the text of a document front end that wrote tables itself:
/// `tab_tables` are where (in the terms of the report's spans) it wrote a
/// table as tab rows, one row a line and its cells between tabs. A table
/// region that overlaps one is read as [`tokens::Layout::TabRows`], its cell
/// boundaries certain, without guessing its layout from the text.
pub(crate) fn read_with(
    norm: &Normalized,
    original: &str,
    tab_tables: &[std::ops::Range<usize>],
) -> Result<AnnualReport, Error> {
    // a report framed in a layout table's column is read as the column's
    // text, one squeezed onto one line with its line breaks given back, OCR
    // markdown made plain; all keep every byte offset
    let unframed = framed::unframe(&norm.text, norm, original);
    let unframed = unframed.as_deref().unwrap_or(norm.text.as_str());
    let relined = reline::reline(unframed);
    let relined = relined.as_deref().unwrap_or(unframed);
    let plain = ocr::plain(relined);
    let doc = plain.as_deref().unwrap_or(relined);
    let mut ctx = Ctx {
        doc,
        norm,
        diagnostics: Vec::new(),
        span_hint: std::cell::Cell::new(usize::MAX),
        cut_cells: Vec::new(),
        blank_cells: Vec::new(),
    };
    let headings = heading::find(doc);
    let limit = headings.first().map_or(doc.len(), |h| h.start);
    let mut title = meta::title(doc, limit);
    let keywords = meta::Keywords::find(doc);
    let period = meta::period(&keywords);
    let year = title
        .as_ref()
        .and_then(|t| t.year)
        .or(period.map(|p| p.1.year));

    let regions = regions(doc, &headings);
    let prepare = |r: Option<Norm>| {
        r.map(|region| {
            let Norm { start: s, end: e } = region;
            let span = norm.original_range(s..e);
            let written = tab_tables
                .iter()
                .any(|t| t.start < span.end && span.start < t.end);
            let layout = if written {
                tokens::Layout::TabRows
            } else {
                detect(doc, s, e)
            };
            (region, layout, tokenize_normalized(doc, norm, s, e, layout))
        })
    };
    let active_text = prepare(regions.active);
    let applications_text = prepare(regions.applications);
    let review_text = prepare(regions.review);

    // the tables' scans build their compact label text in one buffer
    let mut joined = table::joined_buffer();
    let active_found = active_text
        .as_ref()
        .map(|(_, layout, tokens)| table::scan_active(doc, tokens, *layout, &mut joined))
        .filter(|f| !f.rows.is_empty());
    let applications_found = applications_text
        .as_ref()
        .map(|(_, layout, tokens)| table::scan_applications(doc, tokens, *layout, &mut joined))
        .filter(|f| !f.rows.is_empty());

    let edition = decide_edition(
        &mut ctx,
        active_found.as_ref().map_or((0, 0), table::active_votes),
        applications_found
            .as_ref()
            .map_or((0, 0), table::applications_votes),
        year,
    );

    let mut extra_rows = Vec::new();
    let mut active = match (&active_found, &active_text) {
        (Some(found), Some((region, layout, _))) => {
            let (t, extras) = table::active_table(&mut ctx, found, edition, (*region, *layout));
            extra_rows.extend(extras);
            Some(t)
        }
        _ => None,
    };
    let mut applications = match (&applications_found, &applications_text) {
        (Some(found), Some((region, layout, _))) => {
            let span = ctx.span(*region);
            let (t, extras) = table::applications_table(&mut ctx, found, edition, (span, *layout));
            extra_rows.extend(extras);
            Some(t)
        }
        _ => None,
    };
    let mut review_litigation = review_text.as_ref().and_then(|(region, layout, tokens)| {
        let span = ctx.span(*region);
        table::review_table(&mut ctx, (tokens, *layout), span, &mut joined)
    });

    table::read_uniform_tables(
        &mut ctx,
        edition,
        (active.as_mut(), regions.active),
        (applications.as_mut(), regions.applications),
        (review_litigation.as_mut(), regions.review),
        &extra_rows,
    );
    table::withdraw_notes_of_filled_rows(
        &mut ctx.diagnostics,
        active.as_ref(),
        applications.as_ref(),
        review_litigation.as_ref(),
    );

    // a title alone is no report: a portal's listing page names several
    if headings.is_empty()
        && active.is_none()
        && applications.is_none()
        && review_litigation.is_none()
    {
        return Err(not_a_report(original));
    }

    for (present, id) in [
        (active.is_some(), TableId::Active),
        (applications.is_some(), TableId::Applications),
        (review_litigation.is_some(), TableId::ReviewLitigation),
    ] {
        if !present {
            ctx.diag(
                Level::Warning,
                DiagnosticKind::TableMissing,
                format!("the table of {id} was not found; its cells are blank"),
                None,
            );
        }
    }
    if title.is_none() {
        ctx.diag(
            Level::Warning,
            DiagnosticKind::TitleNotFound,
            "no title naming the organ and year (…政府信息公开工作年度报告) before the first section".into(),
            None,
        );
    }
    let sections = sections(&mut ctx, &headings);

    let report = AnnualReport {
        title_span: title.as_ref().map(|t| ctx.span(Norm::new(t.start, t.end))),
        // the title's text and organ go into the report as they are
        organ: title.as_mut().and_then(|t| t.organ.take()),
        title: title.map(|t| t.text),
        year,
        edition,
        published: meta::published(&keywords),
        period: period.map(|(from, to, s, e)| Period {
            from,
            to,
            span: ctx.span(Norm::new(s, e)),
        }),
        contact: meta::contact(&keywords),
        sections,
        active,
        applications,
        review_litigation,
        extra_rows,
        diagnostics: Vec::new(),
    };
    Ok(AnnualReport {
        diagnostics: ctx.diagnostics,
        ..report
    })
}

fn sections(ctx: &mut Ctx<'_>, headings: &[Heading]) -> Vec<Section> {
    let doc = ctx.doc;
    let mut out = Vec::with_capacity(headings.len());
    for (i, h) in headings.iter().enumerate() {
        let body_start = (h.line_end + 1).min(doc.len());
        let body_end = headings
            .get(i + 1)
            .map_or(doc.len(), |n| line_start_of(doc, n.start));
        let body_end = body_end.max(body_start);
        let raw = &doc[body_start..body_end];
        let lead = raw.len() - raw.trim_start().len();
        let (bs, be) = (body_start + lead, body_start + raw.trim_end().len());
        let (bs, be) = if bs > be {
            (body_start, body_start)
        } else {
            (bs, be)
        };
        out.push(Section {
            kind: h.kind,
            heading: doc[h.start..h.end].to_string(),
            heading_span: ctx.span(Norm::new(h.start, h.end)),
            body: doc[bs..be].to_string(),
            body_span: ctx.span(Norm::new(bs, be)),
        });
    }
    for kind in SectionKind::ALL {
        if !headings.iter().any(|h| h.kind == kind) {
            ctx.diag(
                Level::Warning,
                DiagnosticKind::SectionMissing,
                format!("section heading `{}` not found", kind.template_heading()),
                None,
            );
        }
    }
    out
}
