//! The short text account of a report: what was found, for a person to read.

use std::fmt;

use super::{AnnualReport, Level};

/// What a report holds, in a few indented lines: title, organ, year,
/// edition, publication date and contact details where found, how many
/// sections and filled cells, the rows the template does not have and the
/// diagnostics (`!` a warning, `-` a note).
///
/// Made by [`AnnualReport::summary`]. Every line starts with two spaces and
/// ends with a newline, so that a caller can put a line of its own (a file
/// name) before it. The wording is for people and may change between
/// releases; programs read [`AnnualReport::cells`] or the JSON form.
///
/// ```
/// let report = xxgk::parse(include_str!("../../tests/fixtures/seeds/001_1bf17e5d24045e7c.txt"))?;
/// let text = report.summary().to_string();
/// assert!(text.starts_with("  title    "));
/// assert!(text.contains("  edition  2019\n"));
/// # Ok::<(), xxgk::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Summary<'a> {
    report: &'a AnnualReport,
}

impl<'a> Summary<'a> {
    pub(super) fn new(report: &'a AnnualReport) -> Summary<'a> {
        Summary { report }
    }
}

impl fmt::Display for Summary<'_> {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let report = self.report;
        let none = "(none)";
        writeln!(
            out,
            "  title    {}",
            report.title.as_deref().unwrap_or(none)
        )?;
        writeln!(
            out,
            "  organ    {}",
            report.organ.as_deref().unwrap_or(none)
        )?;
        match report.year {
            Some(year) => writeln!(out, "  year     {year}")?,
            None => writeln!(out, "  year     {none}")?,
        }
        writeln!(out, "  edition  {}", report.edition)?;
        if let Some(d) = report.published {
            writeln!(out, "  published {d}")?;
        }
        for field in report.contact.fields() {
            if let Some(v) = field.value {
                writeln!(out, "  {:<8} {v}", field.name)?;
            }
        }
        writeln!(out, "  sections {}/6", report.sections.len())?;
        let (mut filled, mut total) = (0, 0);
        for (_, value) in report.cells() {
            total += 1;
            filled += usize::from(!value.is_blank());
        }
        writeln!(out, "  cells    {filled} filled of {total}")?;
        for extra in &report.extra_rows {
            write!(out, "  extra row ({}) {} [", extra.table, extra.label)?;
            for (i, v) in extra.values.iter().enumerate() {
                let comma = if i == 0 { "" } else { ", " };
                write!(out, "{comma}{}", v.value)?;
            }
            writeln!(out, "]")?;
        }
        for d in &report.diagnostics {
            let mark = if d.level == Level::Warning { "!" } else { "-" };
            writeln!(out, "  {mark} {}", d.message)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{AnnualReport, Edition};

    #[test]
    fn a_report_built_from_data_is_summed_up_with_its_blanks() {
        let mut report = AnnualReport::new(Edition::E2021);
        report.organ = Some("某县人民政府办公室".into());
        let text = report.summary().to_string();
        assert!(text.starts_with(
            "  title    (none)\n  organ    某县人民政府办公室\n  year     (none)\n  edition  2021\n"
        ));
        assert!(text.contains("  sections 0/6\n"));
        let total = report.cells().count();
        assert!(text.ends_with(&format!("  cells    0 filled of {total}\n")));
    }
}
