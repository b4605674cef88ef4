//! Columns in the order the header prints them.
//!
//! Rows are read into the template's columns by the order of their cells. When
//! a part's header names its columns in another order (`科研机构` before
//! `商业企业`), the labels printed above the figures decide: the figures follow
//! their labels. When the header names only some of the columns, or one twice,
//! or those it names stand out of the template's order, the columns are not
//! sure: their cells are made blank, with a diagnostic.
//!
//! A label counts only as a whole header cell (compared without white space),
//! so a header wrapped into pieces (`商业` / `企业`) is read in the template's
//! order, as before.

use crate::grammar::Ctx;
use crate::grammar::label::compacts_to;
use crate::grammar::tokens::Token;
use crate::model::{Cell, DiagnosticKind, Level, Table, TableId};

/// The order of a part's columns in its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Order {
    /// The template's order (or nothing says otherwise).
    Template,
    /// `printed[i]` is the column whose label the header prints `i`-th.
    Printed(Vec<usize>),
    /// A label is printed twice, or some are out of order and not all printed.
    Unsure,
}

/// The order in which `header` prints the labels of the columns (`labels[c]`
/// are the forms of column `c`'s label).
pub(crate) fn order(doc: &str, header: &[Token], labels: &[&[&str]]) -> Order {
    // where the header prints column `c`'s label first, and whether it
    // prints it again
    let is = |t: &Token, forms: &[&str]| {
        let text = &doc[t.start..t.end];
        forms.iter().any(|f| compacts_to(text, f))
    };
    let at = |forms: &[&str]| {
        let mut hits = header
            .iter()
            .enumerate()
            .filter(|&(_, t)| is(t, forms))
            .map(|(i, _)| i);
        (hits.next(), hits.next().is_some())
    };
    // the common case decided without building anything: each label printed
    // once at most, those printed in the template's order
    let (mut once, mut in_order, mut found) = (true, true, 0);
    let mut last = None;
    for forms in labels {
        let (first, again) = at(forms);
        once &= !again;
        if let Some(i) = first {
            in_order &= last.is_none_or(|l| l < i);
            last = Some(i);
            found += 1;
        }
    }
    if !once {
        return Order::Unsure; // a label printed twice: which column is it?
    }
    if in_order {
        return Order::Template;
    }
    if found != labels.len() {
        return Order::Unsure;
    }
    let mut printed: Vec<(usize, usize)> = labels
        .iter()
        .enumerate()
        .filter_map(|(c, forms)| at(forms).0.map(|a| (a, c)))
        .collect();
    printed.sort_unstable();
    Order::Printed(printed.into_iter().map(|(_, c)| c).collect())
}

/// Moves the cells of `rows` in `columns` (the columns `order` speaks of) to
/// the columns their printed labels name, or blanks them when unsure.
pub(crate) fn apply<
    R: Copy + PartialEq + std::fmt::Display,
    C: Copy + PartialEq + std::fmt::Display,
>(
    ctx: &mut Ctx<'_>,
    table: &mut Table<R, C>,
    (id, rows, columns): (TableId, &[R], &[C]),
    order: &Order,
) {
    let names =
        |cs: &mut dyn Iterator<Item = C>| cs.map(|c| c.to_string()).collect::<Vec<_>>().join(", ");
    match order {
        Order::Template => {}
        Order::Printed(printed) => {
            for row in table.rows.iter_mut().filter(|r| rows.contains(&r.key)) {
                let old: Vec<Cell> = columns
                    .iter()
                    .map(|&c| {
                        row.cells
                            .iter()
                            .find(|(k, _)| *k == c)
                            .map_or(Cell::BLANK, |(_, cell)| *cell)
                    })
                    .collect();
                for (i, &to) in printed.iter().enumerate() {
                    if let Some((_, cell)) = row.cells.iter_mut().find(|(k, _)| *k == columns[to]) {
                        *cell = old[i];
                    }
                }
            }
            let message = format!(
                "{id}: the header prints the columns in the order {}; the figures follow the labels printed above them",
                names(&mut printed.iter().map(|&c| columns[c]))
            );
            ctx.diag(Level::Info, DiagnosticKind::RowRealigned, message, None);
        }
        Order::Unsure => {
            for row in table.rows.iter_mut().filter(|r| rows.contains(&r.key)) {
                for (k, cell) in &mut row.cells {
                    if columns.contains(k) {
                        *cell = Cell::BLANK;
                    }
                }
            }
            let message = format!(
                "{id}: cells left blank: the header names the columns {} out of the template's order, and not each of them once, so which figure is whose is unsure",
                names(&mut columns.iter().copied())
            );
            ctx.diag(Level::Warning, DiagnosticKind::RowAmbiguous, message, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(doc: &str) -> Vec<Token> {
        let mut at = 0;
        doc.split('\t')
            .map(|cell| {
                let t = Token {
                    start: at,
                    end: at + cell.len(),
                    scalar: None,
                    row_start: false,
                    at: None,
                };
                at += cell.len() + 1;
                t
            })
            .collect()
    }

    const LABELS: &[&[&str]] = &[&["商业企业"], &["科研机构"], &["社会公益组织"]];

    #[test]
    fn printed_order_of_the_labels() {
        let doc = "自然人\t商业 企业\t科研机构\t社会公益组织";
        assert_eq!(order(doc, &header(doc), LABELS), Order::Template);
        let doc = "自然人\t科研 机构\t商业企业\t社会公益组织";
        assert_eq!(
            order(doc, &header(doc), LABELS),
            Order::Printed(vec![1, 0, 2])
        );
        // pieces of wrapped labels say nothing
        let doc = "商业\t科研\t企业\t机构";
        assert_eq!(order(doc, &header(doc), LABELS), Order::Template);
        // out of order, and one label missing: unsure
        let doc = "科研机构\t商业企业";
        assert_eq!(order(doc, &header(doc), LABELS), Order::Unsure);
        // one label twice
        let doc = "商业企业\t科研机构\t科研机构\t社会公益组织";
        assert_eq!(order(doc, &header(doc), LABELS), Order::Unsure);
    }
}
