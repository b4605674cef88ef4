//! The typed report: what the grammar found, with every figure's place in the
//! original text.

mod schema;
mod summary;
mod table;
mod value;

pub use schema::{
    ActiveColumn, ActiveRow, ApplicantColumn, ApplicationRow, CellKey, Edition, ReviewColumn,
    ReviewRow, TableId, UnknownKey, ValueKind,
};
pub use summary::Summary;
pub use table::{ActiveTable, ApplicationsTable, Cell, ReviewTable, Row, Table};
pub use value::{Amount, AmountUnit, Change, ChangeForm, Decimal, DecimalError, Value};

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A byte range in the ORIGINAL text given to [`crate::parse`].
///
/// `&text[span.start..span.end]` is the text a figure, label or heading was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span as a range, to slice the original text with.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

/// A calendar date as written in a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    /// Year, e.g. 2021.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31.
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The statistics period a report states (统计期限自…起至…止).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// Where the period is stated.
    pub span: Span,
}

/// Contact details the report gives (地址, 邮编, 电话, 邮箱, 网址), as written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Contact {
    /// 地址.
    pub address: Option<String>,
    /// 邮编.
    pub postcode: Option<String>,
    /// 电话.
    pub phone: Option<String>,
    /// 邮箱 / 电子邮箱.
    pub email: Option<String>,
    /// 网址.
    pub website: Option<String>,
}

/// One of the contact details: its names and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContactField<'a> {
    /// The field's name in English (`address`, `postcode`, `phone`, `email`, `website`).
    pub name: &'static str,
    /// The label reports write before it (`地址`, `邮编`, `电话`, `邮箱`, `网址`).
    pub label: &'static str,
    /// The value as written, when the report gives it.
    pub value: Option<&'a str>,
}

impl Contact {
    /// True when the report gave none of the details.
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|f| f.value.is_none())
    }

    /// The five details in the order reports give them.
    ///
    /// ```
    /// let mut contact = xxgk::Contact::default();
    /// contact.phone = Some("0938-6521510".into());
    /// let given: Vec<String> = contact
    ///     .fields()
    ///     .iter()
    ///     .filter_map(|f| Some(format!("{}：{}", f.label, f.value?)))
    ///     .collect();
    /// assert_eq!(given, ["电话：0938-6521510"]);
    /// ```
    pub fn fields(&self) -> [ContactField<'_>; 5] {
        fn field<'a>(
            name: &'static str,
            label: &'static str,
            value: &'a Option<String>,
        ) -> ContactField<'a> {
            ContactField {
                name,
                label,
                value: value.as_deref(),
            }
        }
        [
            field("address", "地址", &self.address),
            field("postcode", "邮编", &self.postcode),
            field("phone", "电话", &self.phone),
            field("email", "邮箱", &self.email),
            field("website", "网址", &self.website),
        ]
    }
}

/// One of the six sections of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    ActiveDisclosure,
    /// 三、收到和处理政府信息公开申请情况
    Applications,
    /// 四、政府信息公开行政复议、行政诉讼情况
    ReviewLitigation,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    OtherMatters,
}

impl SectionKind {
    /// The six sections in template order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::ActiveDisclosure,
        SectionKind::Applications,
        SectionKind::ReviewLitigation,
        SectionKind::Problems,
        SectionKind::OtherMatters,
    ];

    /// The section's number, 1 to 6.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The template's heading of this section.
    pub fn template_heading(self) -> &'static str {
        crate::template::section(self).printed
    }
}

/// A section of the report: its heading as written and its body text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Section {
    /// Which of the six sections this is.
    pub kind: SectionKind,
    /// The heading as written (normalized text, e.g. `四、因政府信息公开申请行政复议、提起行政诉讼的情况`).
    pub heading: String,
    /// Where the heading is in the original text.
    pub heading_span: Span,
    /// The body: the normalized text between this heading and the next, tables included.
    pub body: String,
    /// Where the body is in the original text.
    pub body_span: Span,
}

/// A row a province adds to a table (Hubei's `其他主动公开文件`, Jilin's
/// `…政府信息公开发布总数量` line): kept with its label and values, it has no cell key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraRow {
    /// The table the row was found in.
    pub table: TableId,
    /// The row's label as written (normalized text).
    pub label: String,
    /// Where the label is in the original text.
    pub label_span: Span,
    /// The values that follow the label, in order (possibly none).
    pub values: Vec<ExtraValue>,
}

/// One value of an [`ExtraRow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraValue {
    /// The value.
    pub value: Value,
    /// Where it was read from.
    pub span: Span,
}

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Something was read in a tolerant way (a label typo, a unit conversion).
    Info,
    /// Something is missing or was left blank because it could not be read with certainty.
    Warning,
}

/// What a diagnostic is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DiagnosticKind {
    /// No title line naming the organ and year.
    TitleNotFound,
    /// A section heading is missing.
    SectionMissing,
    /// A table is missing.
    TableMissing,
    /// A row of a table is missing.
    RowMissing,
    /// A row appears twice; the first one is kept.
    RowRepeated,
    /// A row's values could not be placed in its columns with certainty: its cells are left blank.
    RowAmbiguous,
    /// A row's cells did not line up with the template's columns, and were aligned by the header.
    RowRealigned,
    /// A cell's text is not a value of the kind its column holds: the cell is left blank.
    ValueUnreadable,
    /// A label was recognised despite a typo, truncation or annotation.
    LabelVariant,
    /// A row the template does not have was kept as an extra row.
    ExtraRow,
    /// The tables disagree on the edition, or the edition could not be told from them.
    Edition,
    /// Text inside a table that is neither a label nor a value.
    UnexpectedText,
    /// A flaw of the input's encoding that reading went around (a stray
    /// byte at the end of UTF-16 text).
    Encoding,
}

/// Something odd the parser met, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How much it matters.
    pub level: Level,
    /// What it is about.
    pub kind: DiagnosticKind,
    /// A sentence for a person.
    pub message: String,
    /// Where in the original text, when it is about a place.
    pub span: Option<Span>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Info => "info",
            Level::Warning => "warning",
        };
        write!(f, "{level}: {}", self.message)?;
        if let Some(span) = self.span {
            write!(f, " (bytes {}..{})", span.start, span.end)?;
        }
        Ok(())
    }
}

/// A government information-disclosure annual report (政府信息公开工作年度报告), parsed.
///
/// Serializes (serde) with the cell keys, row keys and column keys as the
/// strings of the key table, the tables' rows and cells as maps in template
/// order, and amounts with their number in 万元 beside the written form (see
/// [`Table`], [`Value`], [`Amount`]). [`AnnualReport::figures`] is the flat
/// view: every figure under its dotted key, a number or `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnnualReport {
    /// The title as written (normalized text), e.g. `兴国镇2020年度政府信息公开工作年度报告`.
    pub title: Option<String>,
    /// Where the title is in the original text.
    pub title_span: Option<Span>,
    /// The organ that reports, from the title.
    pub organ: Option<String>,
    /// The year reported on, from the title (or the statistics period when the title has none).
    pub year: Option<u16>,
    /// The template edition, decided by the table labels.
    pub edition: Edition,
    /// The publication date, where the page states one (发布时间, 发布日期).
    pub published: Option<Date>,
    /// The statistics period, where the text states one.
    pub period: Option<Period>,
    /// Contact details, where the text gives them.
    pub contact: Contact,
    /// The sections found, in order of appearance.
    pub sections: Vec<Section>,
    /// Section 二's table, when the report has one.
    pub active: Option<ActiveTable>,
    /// Section 三's table, when the report has one.
    pub applications: Option<ApplicationsTable>,
    /// Section 四's table, when the report has one.
    pub review_litigation: Option<ReviewTable>,
    /// Rows the template does not have, kept with their label and values.
    pub extra_rows: Vec<ExtraRow>,
    /// What was odd, and where.
    pub diagnostics: Vec<Diagnostic>,
}

impl AnnualReport {
    /// A report of an edition built from data rather than read from text: the
    /// three tables present with every cell blank, no title, sections or
    /// diagnostics. Fill it with [`AnnualReport::set`] and write it out with
    /// [`crate::render`].
    ///
    /// ```
    /// use xxgk::{AnnualReport, CellKey, Edition, Value};
    ///
    /// let mut report = AnnualReport::new(Edition::E2021);
    /// report.organ = Some("某县人民政府办公室".into());
    /// report.year = Some(2023);
    /// let key: CellKey = "applications.new_requests.natural_person".parse()?;
    /// assert!(report.set(key, Value::Count(12)));
    /// assert_eq!(report.value(key), Value::Count(12));
    /// # Ok::<(), xxgk::UnknownKey>(())
    /// ```
    pub fn new(edition: Edition) -> AnnualReport {
        let span = Span { start: 0, end: 0 };
        AnnualReport {
            title: None,
            title_span: None,
            organ: None,
            year: None,
            edition,
            published: None,
            period: None,
            contact: Contact::default(),
            sections: Vec::new(),
            active: Some(ActiveTable::blank_for(edition, span)),
            applications: Some(ApplicationsTable::blank_for(edition, span)),
            review_litigation: Some(ReviewTable::blank_for(span)),
            extra_rows: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// Sets the value of one cell (its span is cleared). Returns `false`, and
    /// changes nothing, when the report's edition has no such cell, its table
    /// is missing, or the value is not of the cell's kind (a count where a
    /// change or an amount belongs; a blank fits every cell).
    pub fn set(&mut self, key: CellKey, value: Value) -> bool {
        let fits = match value {
            Value::Blank => true,
            Value::Count(_) => key.kind() == ValueKind::Count,
            Value::Change(_) => key.kind() == ValueKind::Change,
            Value::Amount(_) => key.kind() == ValueKind::Amount,
        };
        if !fits {
            return false;
        }
        let cell = match key {
            CellKey::Active(r, c) => self.active.as_mut().and_then(|t| t.cell_mut(r, c)),
            CellKey::Applications(r, c) => {
                self.applications.as_mut().and_then(|t| t.cell_mut(r, c))
            }
            CellKey::ReviewLitigation(r, c) => self
                .review_litigation
                .as_mut()
                .and_then(|t| t.cell_mut(r, c)),
        };
        match cell {
            Some(cell) => {
                *cell = Cell { value, span: None };
                true
            }
            None => false,
        }
    }

    /// The value of one cell, `None` when its table is missing or the edition has no such cell.
    pub fn cell(&self, key: CellKey) -> Option<&Cell> {
        match key {
            CellKey::Active(r, c) => self.active.as_ref()?.cell(r, c),
            CellKey::Applications(r, c) => self.applications.as_ref()?.cell(r, c),
            CellKey::ReviewLitigation(r, c) => self.review_litigation.as_ref()?.cell(r, c),
        }
    }

    /// The value of one cell; a blank when the table is missing or the edition has no such cell.
    pub fn value(&self, key: CellKey) -> Value {
        self.cell(key).map_or(Value::Blank, |c| c.value)
    }

    /// Every cell of the report's edition, in key-table order, with its value
    /// (a blank for a cell of a missing table).
    ///
    /// ```
    /// # let text = include_str!("../../tests/fixtures/seeds/000_9adbf800e6ecf4be.txt");
    /// let report = xxgk::parse(text)?;
    /// for (key, value) in report.cells() {
    ///     println!("{key}\t{value}");
    /// }
    /// # Ok::<(), xxgk::Error>(())
    /// ```
    pub fn cells(&self) -> impl Iterator<Item = (CellKey, Value)> + '_ {
        CellKey::all(self.edition).map(move |k| (k, self.value(k)))
    }

    /// Every figure of the report's edition as a number, in key-table
    /// order: counts as they are, changes as their net number, amounts in
    /// 万元 ([`Value::number`]); `None` for a blank. Serializes as a JSON
    /// object from the dotted key to a number or `null`.
    ///
    /// ```
    /// let report = xxgk::parse(include_str!("../../tests/fixtures/seeds/001_1bf17e5d24045e7c.txt"))?;
    /// let figures = report.figures();
    /// let key = "active.procurement.amount".parse()?;
    /// assert_eq!(figures.get(key).map(|d| d.to_string()).as_deref(), Some("170"));
    /// let json = serde_json::to_value(&figures)?;
    /// assert_eq!(json["active.procurement.amount"], 170);
    /// assert_eq!(json.as_object().unwrap().len(), 198); // every figure of the 2019 edition
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn figures(&self) -> Figures {
        Figures(self.cells().map(|(k, v)| (k, v.number())).collect())
    }

    /// The section of a kind, when the report has it.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// What the report holds, in a few lines for a person to read (see
    /// [`Summary`]): `println!("{}", report.summary())`.
    pub fn summary(&self) -> Summary<'_> {
        Summary::new(self)
    }
}

/// Every figure of a report as a number or none, in key-table order
/// ([`AnnualReport::figures`]).
///
/// Serializes as a map from the dotted key to a JSON number (an integer for
/// counts and changes) or `null` for a blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures(Vec<(CellKey, Option<Decimal>)>);

impl Figures {
    /// The figures in key-table order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (CellKey, Option<Decimal>)> + '_ {
        self.0.iter().copied()
    }

    /// The figure of a key: `None` for a blank or a key the edition does not have.
    pub fn get(&self, key: CellKey) -> Option<Decimal> {
        self.0.iter().find(|(k, _)| *k == key).and_then(|(_, v)| *v)
    }

    /// How many figures (blanks included): every cell of the edition.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are none (never for a parsed report).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Figures {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v.map(value::Number))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_takes_only_cells_of_the_edition_and_values_of_their_kind() {
        let mut report = AnnualReport::new(Edition::E2021);
        let count: CellKey = "active.licensing.decisions".parse().unwrap();
        let change = Value::Change(Change {
            net: 3,
            form: ChangeForm::Signed,
        });
        assert!(report.set(count, Value::Count(4)));
        assert!(!report.set(count, change));
        assert_eq!(report.value(count), Value::Count(4));
        assert!(report.set(count, Value::Blank));
        // a 2019 cell in a 2021 report
        let procurement: CellKey = "active.procurement.items".parse().unwrap();
        assert!(!report.set(procurement, Value::Count(1)));
        // a missing table
        report.applications = None;
        let granted: CellKey = "applications.granted.total".parse().unwrap();
        assert!(!report.set(granted, Value::Count(1)));
    }
}
