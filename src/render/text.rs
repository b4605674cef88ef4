//! The plain-text layouts: one cell per line (Word, web page, pipe cells) and
//! one row per line (tabs, pipes, markdown).

use super::grid::{Grid, GridCell};
use super::{Doc, Layout, value_text};

/// The text of a cell; `None` for the continuation of a merged cell.
fn cell_text(cell: &GridCell, blank: &str) -> Option<String> {
    match cell {
        GridCell::Label { text, .. } => Some(text.clone()),
        GridCell::Value { value, .. } => Some(value_text(value, blank)),
        GridCell::Merged { .. } => None,
    }
}

/// A row's cells padded to the grid: a cell covering `n` columns is followed
/// by `n - 1` empty cells.
fn grid_cells(row: &[GridCell], blank: &str) -> Vec<String> {
    let mut out = Vec::new();
    for cell in row {
        out.push(cell_text(cell, blank).unwrap_or_default());
        out.extend(std::iter::repeat_n(String::new(), cell.span() - 1));
    }
    out
}

/// `规章 | 2 | 1 | 15 |`, with `|` alone for an empty cell: `一、… ||| 58 | …`.
fn pipe_row(cells: &[String]) -> String {
    let mut s = String::new();
    for c in cells {
        if c.is_empty() {
            s.push('|');
        } else {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(c);
            s.push_str(" |");
        }
    }
    s
}

fn table_lines(grid: &Grid, layout: Layout, blank: &str, out: &mut Vec<String>) {
    for (i, row) in grid.rows.iter().enumerate() {
        match layout {
            Layout::WordCells => {
                for cell in row {
                    out.push(format!("\t{}", cell_text(cell, blank).unwrap_or_default()));
                }
                out.push(String::new());
            }
            Layout::WebCells => {
                for text in row.iter().filter_map(|c| cell_text(c, blank)) {
                    out.push(text);
                    out.push(String::new());
                }
            }
            Layout::PipeCells => {
                for cell in row {
                    out.push(match cell_text(cell, blank) {
                        Some(t) if !t.is_empty() => format!("{t} |"),
                        _ => "|".to_string(),
                    });
                }
            }
            Layout::TabRows => out.push(grid_cells(row, blank).join("\t")),
            Layout::PipeRows => out.push(pipe_row(&grid_cells(row, blank))),
            // the layouts with modules of their own never reach here
            _ => {
                let cells = grid_cells(row, blank);
                out.push(format!("| {} |", cells.join(" | ")));
                if i == 0 {
                    out.push(format!("|{}", "---|".repeat(cells.len())));
                }
            }
        }
    }
}

/// The document in a text layout.
pub(super) fn write(doc: &Doc, layout: Layout, blank: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    // Word exports keep paragraphs on consecutive lines; the other layouts
    // separate paragraphs by a blank line
    let gap = layout != Layout::WordCells;
    let para = |out: &mut Vec<String>, p: &str| {
        out.push(p.to_string());
        if gap {
            out.push(String::new());
        }
    };
    para(&mut out, &doc.title);
    for line in &doc.lead {
        para(&mut out, line);
    }
    for part in &doc.sections {
        para(&mut out, &part.heading);
        for p in &part.paragraphs {
            para(&mut out, p);
        }
        if let Some(grid) = &part.table {
            table_lines(grid, layout, blank, &mut out);
            if layout != Layout::WebCells {
                out.push(String::new());
            }
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
