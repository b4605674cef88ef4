//! Writes an [`AnnualReport`] back out as report text, in the layouts real
//! reports reach us in: template-conformant text from data.
//!
//! The renderer writes the title (the report's own, or `{organ}{year}年政府信息公开工作年度报告`),
//! the publication date, the six section headings (as the report wrote them,
//! or the template's), the prose of the sections without a table, the
//! statistics period and the contact details where the report has them, and
//! the three tables with every label of the report's edition, merged cells and
//! the report's extra rows (after the template's rows of their table).
//! [`crate::parse_bytes`] reads every layout back to the same cells
//! ([`crate::parse`] every layout but [`Layout::Html`]), but for blank cells
//! written as nothing where the layout leaves an empty cell no trace
//! ([`Layout::shows_empty_cells`]), for the figures of
//! [`Layout::RunTogether`] that the table's sums cannot tell apart, and for
//! the rows of [`Layout::PandocPlain`] with an empty cell, a gap between
//! aligned columns, that the table's sums do not place (left blank, with a
//! diagnostic).
//!
//! ```
//! use xxgk::render::{Layout, render};
//! use xxgk::{AnnualReport, CellKey, Edition, Value};
//!
//! let mut report = AnnualReport::new(Edition::E2021);
//! report.organ = Some("某县人民政府办公室".into());
//! report.year = Some(2023);
//! let key: CellKey = "applications.granted.natural_person".parse()?;
//! report.set(key, Value::Count(7));
//!
//! for layout in Layout::ALL.into_iter().filter(|l| l.reads_back_exactly()) {
//!     let text = render(&report, layout);
//!     let back = xxgk::parse_bytes(text.as_bytes())?;
//!     assert_eq!(back.value(key), Value::Count(7));
//!     assert_eq!(back.organ.as_deref(), Some("某县人民政府办公室"));
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod boxed;
mod grid;
mod html;
#[cfg(test)]
mod keys;
mod ocr;
mod oneline;
mod pandoc;
mod template;
mod text;

use std::fmt;

use crate::model::{AmountUnit, AnnualReport, ChangeForm, SectionKind, Value};

/// How the text is laid out, one for each shape real reports come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Layout {
    /// A Word document saved as text: one line per paragraph, table cells one
    /// per line indented by a tab, a blank line after each table row.
    WordCells,
    /// A web page's text: every line followed by a blank line, table cells one
    /// per line, merged cells leaving no trace.
    WebCells,
    /// Table rows as tab-separated lines, merged cells padded with empty cells
    /// to the template's grid.
    TabRows,
    /// Table rows as `a | b | c |`, an empty cell as a bare `|`.
    PipeRows,
    /// Markdown tables: `| a | b |` rows under a `|---|` line.
    Markdown,
    /// Table cells one per line, each ending in ` |`; an empty cell is a bare `|`.
    PipeCells,
    /// An HTML page, the tables as `<table>` with `rowspan` and `colspan`.
    Html,
    /// The HTML page as `w3m -dump -cols 120` prints it: paragraphs wrapped
    /// at 120 columns, tables drawn with box characters (`┌─┬─┐`, cells
    /// between `│`), long cells wrapped inside their boxes, a merged cell one
    /// box with its text in the middle.
    Boxed,
    /// The HTML page as `pandoc -t gfm` writes it: headings as `**…**`, pipe
    /// tables under an empty header row, merged cells padded with empty cells
    /// to the grid, the columns aligned.
    PandocGfm,
    /// The HTML page as `pandoc -t plain` writes it: headings as paragraphs,
    /// each table a simple table between two lines of dashes, its cells in
    /// columns aligned with spaces, merged cells padded to the grid.
    PandocPlain,
    /// Markdown as OCR tools print a scanned report: each group of table rows
    /// its own small pipe table under generic headers (`| 类别 | 数据1 | … |
    /// 总计 |`), group labels and captions as `###` headings, the merged
    /// header cells as an empty table (`| - | - |`).
    OcrMarkdown,
    /// The page's text ([`Layout::TabRows`]) squeezed onto one line by
    /// `' '.join(text.split())`, as crawler exports leave it: an empty cell
    /// leaves no trace.
    OneLine,
    /// [`Layout::OneLine`] after a crawler's metadata header on lines of its
    /// own: `标题: …`, `发布时间: …`, `==== 正文 ====`.
    CrawlerOneLine,
    /// One line with every table row's cells run together, as crawlers that
    /// drop the cells' borders give them (`行政许可3960181`), rows and
    /// paragraphs separated by a space: only the table's sums tell the
    /// figures apart, and an empty cell leaves no trace.
    RunTogether,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 14] = [
        Layout::WordCells,
        Layout::WebCells,
        Layout::TabRows,
        Layout::PipeRows,
        Layout::Markdown,
        Layout::PipeCells,
        Layout::Html,
        Layout::Boxed,
        Layout::PandocGfm,
        Layout::PandocPlain,
        Layout::OcrMarkdown,
        Layout::OneLine,
        Layout::CrawlerOneLine,
        Layout::RunTogether,
    ];

    /// The layout's name, as a command line takes it: `word-cells`,
    /// `web-cells`, `tab-rows`, `pipe-rows`, `markdown`, `pipe-cells`, `html`,
    /// `boxed`, `pandoc-gfm`, `pandoc-plain`, `ocr-markdown`, `one-line`, `crawler-one-line`,
    /// `run-together`.
    pub fn name(self) -> &'static str {
        match self {
            Layout::WordCells => "word-cells",
            Layout::WebCells => "web-cells",
            Layout::TabRows => "tab-rows",
            Layout::PipeRows => "pipe-rows",
            Layout::Markdown => "markdown",
            Layout::PipeCells => "pipe-cells",
            Layout::Html => "html",
            Layout::Boxed => "boxed",
            Layout::PandocGfm => "pandoc-gfm",
            Layout::PandocPlain => "pandoc-plain",
            Layout::OcrMarkdown => "ocr-markdown",
            Layout::OneLine => "one-line",
            Layout::CrawlerOneLine => "crawler-one-line",
            Layout::RunTogether => "run-together",
        }
    }

    /// True for the layouts [`crate::parse_bytes`] reads back to exactly the
    /// cells written, blank cells written as nothing ([`BlankMark::Empty`])
    /// included: every layout but the one-line ones (an empty cell leaves no
    /// trace there; run together, only the sums tell figures apart) and
    /// [`Layout::PandocPlain`] (a row with an empty cell, a gap between
    /// aligned columns, is left blank unless the table's sums place it).
    pub fn reads_back_exactly(self) -> bool {
        self.shows_empty_cells() && self != Layout::PandocPlain
    }

    /// False for the layouts where a cell written as nothing
    /// ([`BlankMark::Empty`]) leaves no trace: the one-line layouts, where
    /// `行政许可\t\t60` is squeezed to `行政许可 60`.
    pub fn shows_empty_cells(self) -> bool {
        !matches!(
            self,
            Layout::OneLine | Layout::CrawlerOneLine | Layout::RunTogether
        )
    }

    /// True for the layouts that give each table cell a line of its own.
    fn one_cell_per_line(self) -> bool {
        matches!(
            self,
            Layout::WordCells | Layout::WebCells | Layout::PipeCells
        )
    }
}

impl fmt::Display for Layout {
    /// The layout's [`Layout::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How a blank cell is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum BlankMark {
    /// An empty cell where the layout shows one (a grid row, an HTML cell),
    /// `/` where an empty cell would leave no trace (one cell per line).
    #[default]
    Empty,
    /// `/`.
    Slash,
    /// `-`.
    Hyphen,
    /// `—`.
    Dash,
    /// `无`.
    Wu,
}

impl BlankMark {
    /// Every mark.
    pub const ALL: [BlankMark; 5] = [
        BlankMark::Empty,
        BlankMark::Slash,
        BlankMark::Hyphen,
        BlankMark::Dash,
        BlankMark::Wu,
    ];

    fn text(self, layout: Layout) -> &'static str {
        match self {
            BlankMark::Empty if layout.one_cell_per_line() => "/",
            BlankMark::Empty => "",
            BlankMark::Slash => "/",
            BlankMark::Hyphen => "-",
            BlankMark::Dash => "—",
            BlankMark::Wu => "无",
        }
    }
}

/// A renderer: a layout and how blanks are written.
///
/// ```
/// use xxgk::render::{BlankMark, Layout, Renderer};
/// # let report = xxgk::AnnualReport::new(xxgk::Edition::E2019);
/// let text = Renderer::new(Layout::TabRows).blank(BlankMark::Dash).render(&report);
/// assert!(text.contains("规章\t—\t—\t—"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Renderer {
    layout: Layout,
    blank: BlankMark,
}

impl Renderer {
    /// A renderer of a layout, blanks written as [`BlankMark::Empty`].
    pub fn new(layout: Layout) -> Renderer {
        Renderer {
            layout,
            blank: BlankMark::default(),
        }
    }

    /// Writes blank cells with this mark.
    pub fn blank(mut self, mark: BlankMark) -> Renderer {
        self.blank = mark;
        self
    }

    /// The report as text.
    pub fn render(&self, report: &AnnualReport) -> String {
        let doc = Doc::of(report);
        let blank = self.blank.text(self.layout);
        match self.layout {
            Layout::Html => html::write(&doc, blank),
            Layout::Boxed => boxed::write(&doc, blank),
            Layout::PandocGfm => pandoc::write(&doc, blank),
            Layout::PandocPlain => pandoc::write_plain(&doc, blank),
            Layout::OcrMarkdown => ocr::write(&doc, blank),
            Layout::OneLine => oneline::write(&doc, false, false, blank),
            Layout::CrawlerOneLine => oneline::write(&doc, true, false, blank),
            Layout::RunTogether => oneline::write(&doc, false, true, blank),
            layout => text::write(&doc, layout, blank),
        }
    }
}

/// The report as text in a layout, blanks written as [`BlankMark::Empty`].
pub fn render(report: &AnnualReport, layout: Layout) -> String {
    Renderer::new(layout).render(report)
}

/// A value as it is written in a cell.
fn value_text(value: &Value, blank: &str) -> String {
    match *value {
        Value::Blank => blank.to_string(),
        Value::Count(n) => n.to_string(),
        Value::Change(c) => match c.form {
            ChangeForm::Split { added, removed } => format!("{added}/{removed}"),
            ChangeForm::Words if c.net < 0 => format!("减少{}", c.net.unsigned_abs()),
            ChangeForm::Words => format!("增加{}", c.net),
            _ if c.net > 0 => format!("+{}", c.net),
            _ => c.net.to_string(),
        },
        Value::Amount(a) => {
            let unit = match a.unit {
                AmountUnit::WanYuan => "万元",
                AmountUnit::Wan => "万",
                AmountUnit::Yuan => "元",
                _ => "",
            };
            format!("{}{unit}", a.written)
        }
    }
}

/// What a layout writes: the report cut into title, lead lines and sections.
struct Doc {
    title: String,
    /// Lines between the title and the first heading (the publication date).
    lead: Vec<String>,
    /// The publication date, `2023-01-18`.
    published: Option<String>,
    sections: Vec<Part>,
}

/// One section: its heading, its paragraphs, its table.
struct Part {
    heading: String,
    paragraphs: Vec<String>,
    table: Option<grid::Grid>,
}

impl Doc {
    /// The document as pandoc and OCR write it: the title, the lead lines,
    /// each section's heading and paragraphs a paragraph each (followed by a
    /// blank line), with the title and headings as `heading` writes them
    /// (`0` the title, `1` a section heading) and each table as `table`
    /// writes it; blank lines at the end left out, ended by a line break.
    fn paragraphs(
        &self,
        heading: impl Fn(u8, &str) -> String,
        mut table: impl FnMut(&grid::Grid, &mut Vec<String>),
    ) -> String {
        let mut out = vec![heading(0, &self.title), String::new()];
        for line in &self.lead {
            out.push(line.clone());
            out.push(String::new());
        }
        for part in &self.sections {
            out.push(heading(1, &part.heading));
            out.push(String::new());
            for p in &part.paragraphs {
                out.push(p.clone());
                out.push(String::new());
            }
            if let Some(grid) = &part.table {
                table(grid, &mut out);
            }
        }
        while out.last().is_some_and(String::is_empty) {
            out.pop();
        }
        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    fn of(report: &AnnualReport) -> Doc {
        let title = report.title.clone().unwrap_or_else(|| {
            let organ = report.organ.as_deref().unwrap_or_default();
            let year = report.year.map(|y| y.to_string()).unwrap_or_default();
            format!("{organ}{year}{}", template::TITLE_TAIL)
        });
        let lead = report
            .published
            .map(|d| vec![format!("发布时间：{d}")])
            .unwrap_or_default();
        let [active, applications, review] = grid::of_report(report);
        let mut tables = [None, active, applications, review, None, None];
        let mut sections: Vec<Part> = SectionKind::ALL
            .iter()
            .zip(tables.iter_mut())
            .map(|(&kind, table)| {
                let section = report.section(kind);
                let table = table.take();
                let paragraphs = match (section, &table) {
                    (Some(s), None) => paragraphs(&s.body),
                    _ => Vec::new(),
                };
                Part {
                    heading: section.map_or_else(
                        || kind.template_heading().to_string(),
                        |s| s.heading.clone(),
                    ),
                    paragraphs,
                    table,
                }
            })
            .collect();
        // the period and the contact details close section 一, unless its prose has them
        let overview = &mut sections[0].paragraphs;
        let said = overview.join("\n");
        if let Some(p) = report.period
            && !said.contains("统计期")
        {
            let day = |d: crate::model::Date| format!("{}年{}月{}日", d.year, d.month, d.day);
            overview.push(format!(
                "本报告中所列数据的统计期限自{}起至{}止。",
                day(p.from),
                day(p.to)
            ));
        }
        for field in report.contact.fields() {
            if let Some(v) = field.value
                && !said.contains(v)
            {
                overview.push(format!("{}：{v}", field.label));
            }
        }
        Doc {
            title,
            lead,
            published: report.published.map(|d| d.to_string()),
            sections,
        }
    }
}

/// A body's paragraphs: its non-empty lines, trimmed.
fn paragraphs(body: &str) -> Vec<String> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests;
