//! Tables rebuilt from ruling lines.
//!
//! Ruling lines that cross or touch form a table. Its grid has a column edge
//! at every distinct x of its vertical lines and a row edge at every distinct
//! y of its horizontal lines. Two neighbouring grid cells are one cell when no
//! line separates them (a merged cell); an empty box is an empty cell.

use super::content::Rule;

/// Lines closer than this (points) are one edge.
const SNAP: f64 = 2.5;
/// How far a line may fall short of the line it meets.
const REACH: f64 = 3.0;

/// A table's grid: edges and cells.
#[derive(Debug, Clone)]
pub(super) struct Grid {
    /// Column edges, left to right.
    pub(super) xs: Vec<f64>,
    /// Row edges, top to bottom (y falls).
    pub(super) ys: Vec<f64>,
    /// For every grid cell (row-major), the index of its region.
    pub(super) region_of: Vec<usize>,
    /// Regions: first row, first column, last row, last column.
    pub(super) regions: Vec<[usize; 4]>,
}

impl Grid {
    pub(super) fn rows(&self) -> usize {
        self.ys.len() - 1
    }
    pub(super) fn cols(&self) -> usize {
        self.xs.len() - 1
    }
    /// The region holding a point, if the point is inside the table.
    pub(super) fn region_at(&self, x: f64, y: f64) -> Option<usize> {
        let c = self.xs.windows(2).position(|w| w[0] <= x && x < w[1])?;
        let r = self.ys.windows(2).position(|w| w[0] >= y && y > w[1])?;
        Some(self.region_of[r * self.cols() + c])
    }
}

/// Joins lines on one edge that overlap or touch.
fn merge(mut rules: Vec<Rule>) -> Vec<Rule> {
    rules.sort_by(|a, b| {
        (a.horizontal, a.at, a.from)
            .partial_cmp(&(b.horizontal, b.at, b.from))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut out: Vec<Rule> = Vec::new();
    for r in rules {
        if let Some(last) = out.iter_mut().rev().take(8).find(|l| {
            l.horizontal == r.horizontal && (l.at - r.at).abs() <= 1.0 && r.from <= l.to + REACH
        }) {
            last.to = last.to.max(r.to);
            continue;
        }
        out.push(r);
    }
    out
}

fn meets(h: &Rule, v: &Rule) -> bool {
    v.at >= h.from - REACH && v.at <= h.to + REACH && h.at >= v.from - REACH && h.at <= v.to + REACH
}

/// Distinct positions, each a cluster of positions within [`SNAP`].
fn edges(mut at: Vec<f64>) -> Vec<f64> {
    at.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let mut out: Vec<(f64, usize)> = Vec::new();
    for a in at {
        match out.last_mut() {
            Some((v, n)) if a - *v / *n as f64 <= SNAP => {
                *v += a;
                *n += 1;
            }
            _ => out.push((a, 1)),
        }
    }
    out.into_iter().map(|(v, n)| v / n as f64).collect()
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The tables the ruling lines of a page draw.
pub(super) fn tables(rules: Vec<Rule>) -> Vec<Grid> {
    let rules = merge(rules);
    let (hs, vs): (Vec<Rule>, Vec<Rule>) = rules.into_iter().partition(|r| r.horizontal);
    if hs.len() < 2 || vs.len() < 2 || hs.len() * vs.len() > 4_000_000 {
        return Vec::new();
    }
    // lines that meet are one table
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if meets(h, v) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                parent[a] = b;
            }
        }
    }
    let mut groups: Vec<(usize, Vec<&Rule>, Vec<&Rule>)> = Vec::new();
    for i in 0..n {
        let root = find(&mut parent, i);
        let at = match groups.iter().position(|g| g.0 == root) {
            Some(p) => p,
            None => {
                groups.push((root, Vec::new(), Vec::new()));
                groups.len() - 1
            }
        };
        if i < hs.len() {
            groups[at].1.push(&hs[i]);
        } else {
            groups[at].2.push(&vs[i - hs.len()]);
        }
    }
    groups
        .into_iter()
        .filter_map(|(_, h, v)| grid(&h, &v))
        .collect()
}

fn grid(hs: &[&Rule], vs: &[&Rule]) -> Option<Grid> {
    let xs = edges(vs.iter().map(|r| r.at).collect());
    let mut ys = edges(hs.iter().map(|r| r.at).collect());
    ys.reverse();
    // Vertical lines that go on above the top line (or below the bottom
    // one) draw a row that a page break cut: its missing edge is where they
    // end.
    if let (Some(&first), Some(&last)) = (ys.first(), ys.last()) {
        let top = vs.iter().map(|r| r.to).fold(f64::MIN, f64::max);
        let bottom = vs.iter().map(|r| r.from).fold(f64::MAX, f64::min);
        if top > first + 2.0 * SNAP {
            ys.insert(0, top);
        }
        if bottom < last - 2.0 * SNAP {
            ys.push(bottom);
        }
    }
    if xs.len() < 2 || ys.len() < 2 || xs.len() > 200 || ys.len() > 2000 {
        return None;
    }
    // a line at edge `at` covering the middle of from..to
    let covered = |rules: &[&Rule], at: f64, from: f64, to: f64| {
        let mid = (from + to) / 2.0;
        rules
            .iter()
            .any(|r| (r.at - at).abs() <= SNAP && r.from <= mid && r.to >= mid)
    };
    // A row edge drawn in fewer than a third of the columns is no row of the
    // table: it is the end of a box that a page break cut short (a cell
    // merged down, drawn on the next page with a height of its own).
    let nc = xs.len() - 1;
    let inner: Vec<f64> = ys[1..ys.len() - 1]
        .iter()
        .copied()
        .filter(|&y| {
            (0..nc)
                .filter(|&c| covered(hs, y, xs[c], xs[c + 1]))
                .count()
                * 3
                >= nc
        })
        .collect();
    let ys: Vec<f64> = std::iter::once(ys[0])
        .chain(inner)
        .chain(std::iter::once(ys[ys.len() - 1]))
        .collect();
    let nr = ys.len() - 1;
    // a line between columns c-1 and c in row r; between rows r-1 and r in column c
    let v_line = |r: usize, c: usize| covered(vs, xs[c], ys[r + 1], ys[r]);
    let h_line = |r: usize, c: usize| covered(hs, ys[r], xs[c], xs[c + 1]);
    // each cell is the largest rectangle, from its top left grid cell, that
    // no line crosses: first to the right, then down
    let mut regions: Vec<[usize; 4]> = Vec::new();
    let mut region_of = vec![usize::MAX; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            if region_of[r * nc + c] != usize::MAX {
                continue;
            }
            let mut c1 = c;
            while c1 + 1 < nc && !v_line(r, c1 + 1) && region_of[r * nc + c1 + 1] == usize::MAX {
                c1 += 1;
            }
            let mut r1 = r;
            while r1 + 1 < nr
                && (c..=c1)
                    .all(|k| !h_line(r1 + 1, k) && region_of[(r1 + 1) * nc + k] == usize::MAX)
                && (c + 1..=c1).all(|k| !v_line(r1 + 1, k))
            {
                r1 += 1;
            }
            for rr in r..=r1 {
                for cc in c..=c1 {
                    region_of[rr * nc + cc] = regions.len();
                }
            }
            regions.push([r, c, r1, c1]);
        }
    }
    if regions.len() < 2 {
        return None;
    }
    Some(Grid {
        xs,
        ys,
        region_of,
        regions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(at: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: true,
            at,
            from,
            to,
        }
    }
    fn v(at: f64, from: f64, to: f64) -> Rule {
        Rule {
            horizontal: false,
            at,
            from,
            to,
        }
    }

    #[test]
    fn a_missing_line_merges_cells() {
        // 2 × 3 grid; the top row's first two cells are one (no line at x=10
        // in the top row), the right column is merged down (no line at y=10
        // right of x=20)
        let rules = vec![
            h(20.0, 0.0, 30.0),
            h(10.0, 0.0, 20.0),
            h(0.0, 0.0, 30.0),
            v(0.0, 0.0, 20.0),
            v(10.0, 0.0, 10.0),
            v(20.0, 0.0, 20.0),
            v(30.0, 0.0, 20.0),
        ];
        let t = tables(rules);
        assert_eq!(t.len(), 1);
        let g = &t[0];
        assert_eq!((g.rows(), g.cols()), (2, 3));
        assert_eq!(g.regions.len(), 4);
        assert_eq!(g.region_at(5.0, 15.0), g.region_at(15.0, 15.0));
        assert_ne!(g.region_at(5.0, 5.0), g.region_at(15.0, 5.0));
        assert_eq!(g.region_at(25.0, 15.0), g.region_at(25.0, 5.0));
        assert_eq!(g.region_at(40.0, 5.0), None);
    }

    #[test]
    fn a_row_a_page_break_cut_is_closed_where_its_columns_end() {
        // no line above the top row: the vertical lines end at y=30
        let rules = vec![
            h(20.0, 0.0, 20.0),
            h(10.0, 0.0, 20.0),
            v(0.0, 10.0, 30.0),
            v(10.0, 10.0, 30.0),
            v(20.0, 10.0, 30.0),
        ];
        let g = &tables(rules)[0];
        assert_eq!((g.rows(), g.cols()), (2, 2));
        assert!(g.region_at(5.0, 25.0).is_some());
    }

    #[test]
    fn a_row_edge_drawn_in_few_columns_is_no_row() {
        // a box in the first of four columns ends at y=15, the others at 10
        let mut rules = vec![
            h(20.0, 0.0, 40.0),
            h(10.0, 0.0, 40.0),
            h(0.0, 0.0, 40.0),
            h(15.0, 0.0, 10.0),
        ];
        rules.extend([0.0, 10.0, 20.0, 30.0, 40.0].map(|x| v(x, 0.0, 20.0)));
        let g = &tables(rules)[0];
        assert_eq!((g.rows(), g.cols()), (2, 4));
    }

    #[test]
    fn separate_line_groups_are_separate_tables() {
        let mut rules = Vec::new();
        for base in [0.0, 100.0] {
            rules.extend([
                h(base + 20.0, 0.0, 20.0),
                h(base + 10.0, 0.0, 20.0),
                h(base, 0.0, 20.0),
                v(0.0, base, base + 20.0),
                v(20.0, base, base + 20.0),
            ]);
        }
        assert_eq!(tables(rules).len(), 2);
    }
}
