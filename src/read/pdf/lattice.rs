//! Ruled tables: rulings merged into lines, lines that touch grouped into tables, the
//! grid read off their positions, and cells merged where a ruling between them is missing.

use super::content::Segment;
use super::grid::{cluster, Grid, GridCell, Rect};

/// How far apart two rulings may be and still meet.
const TOUCH: f32 = 3.0;
/// Most rows and columns a ruled table may have.
const MAX_ROWS: usize = 2000;
const MAX_COLS: usize = 200;

#[derive(Debug, Clone, Copy)]
struct HLine {
    y: f32,
    x0: f32,
    x1: f32,
}

#[derive(Debug, Clone, Copy)]
struct VLine {
    x: f32,
    y0: f32,
    y1: f32,
}

/// Horizontal rulings joined where they lie on one line and meet or overlap. Sorted by
/// height first, rulings of two tables at nearly the same height may interleave: each
/// joins only a ruling it touches.
fn merge_h(segs: &[Segment]) -> Vec<HLine> {
    let mut hs: Vec<HLine> = segs
        .iter()
        .filter(|s| (s.y1 - s.y0).abs() < 1.0 && s.x1 - s.x0 >= 2.0)
        .map(|s| HLine {
            y: (s.y0 + s.y1) / 2.0,
            x0: s.x0,
            x1: s.x1,
        })
        .collect();
    hs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<HLine> = Vec::new();
    for h in hs {
        if let Some(last) = out
            .iter_mut()
            .rev()
            .take(8)
            .find(|l| (l.y - h.y).abs() <= 1.0 && h.x0 <= l.x1 + TOUCH && h.x1 >= l.x0 - TOUCH)
        {
            last.x0 = last.x0.min(h.x0);
            last.x1 = last.x1.max(h.x1);
            continue;
        }
        out.push(h);
    }
    out
}

/// Vertical rulings joined where they lie on one line and meet or overlap (two tables'
/// column rulings at nearly the same x stay apart).
fn merge_v(segs: &[Segment]) -> Vec<VLine> {
    let mut vs: Vec<VLine> = segs
        .iter()
        .filter(|s| (s.x1 - s.x0).abs() < 1.0 && s.y1 - s.y0 >= 2.0)
        .map(|s| VLine {
            x: (s.x0 + s.x1) / 2.0,
            y0: s.y0,
            y1: s.y1,
        })
        .collect();
    vs.sort_by(|a, b| a.x.total_cmp(&b.x).then(a.y0.total_cmp(&b.y0)));
    let mut out: Vec<VLine> = Vec::new();
    for v in vs {
        if let Some(last) = out
            .iter_mut()
            .rev()
            .take(8)
            .find(|l| (l.x - v.x).abs() <= 1.0 && v.y0 <= l.y1 + TOUCH && v.y1 >= l.y0 - TOUCH)
        {
            last.y0 = last.y0.min(v.y0);
            last.y1 = last.y1.max(v.y1);
            continue;
        }
        out.push(v);
    }
    out
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut j = i;
    while parent[j] != r {
        let next = parent[j];
        parent[j] = r;
        j = next;
    }
    r
}

/// Finds ruled tables among a page's segments.
pub fn detect(segments: &[Segment]) -> Vec<Grid> {
    let hs = merge_h(segments);
    let vs = merge_v(segments);
    if hs.len() < 2 || vs.len() < 2 || hs.len() * vs.len() > 4_000_000 {
        return Vec::new();
    }
    let n = hs.len() + vs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, h) in hs.iter().enumerate() {
        for (j, v) in vs.iter().enumerate() {
            if v.x >= h.x0 - TOUCH
                && v.x <= h.x1 + TOUCH
                && h.y >= v.y0 - TOUCH
                && h.y <= v.y1 + TOUCH
            {
                let (a, b) = (find(&mut parent, i), find(&mut parent, hs.len() + j));
                if a != b {
                    parent[a] = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<HLine>, Vec<VLine>)> =
        Default::default();
    for (i, h) in hs.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().0.push(*h);
    }
    for (j, v) in vs.iter().enumerate() {
        groups
            .entry(find(&mut parent, hs.len() + j))
            .or_default()
            .1
            .push(*v);
    }
    let mut out: Vec<Grid> = groups
        .into_values()
        .filter_map(|(h, v)| grid(&h, &v))
        .collect();
    out.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    out
}

/// A table ruled without a frame at its sides (rules between the columns and across the
/// rows, none at the left or right edge): where most of its horizontal rules run on
/// beyond the outermost column rule, their ends are the table's edges, so that the first
/// and last columns are not lost.
fn open_sides(hs: &[HLine], xs: &mut Vec<f32>) {
    let (Some(&first), Some(&last)) = (xs.first(), xs.last()) else {
        return;
    };
    let most = hs.len() / 2 + 1;
    let beyond_left: Vec<f32> = hs
        .iter()
        .map(|h| h.x0)
        .filter(|&x| x < first - 5.0)
        .collect();
    if beyond_left.len() >= most {
        let edge = beyond_left.iter().copied().fold(f32::INFINITY, f32::min);
        xs.insert(0, edge);
    }
    let beyond_right: Vec<f32> = hs
        .iter()
        .map(|h| h.x1)
        .filter(|&x| x > last + 5.0)
        .collect();
    if beyond_right.len() >= most {
        xs.push(
            beyond_right
                .iter()
                .copied()
                .fold(f32::NEG_INFINITY, f32::max),
        );
    }
}

fn grid(hs: &[HLine], vs: &[VLine]) -> Option<Grid> {
    if hs.len() < 2 || vs.len() < 2 {
        return None;
    }
    let ys = cluster(hs.iter().map(|h| h.y).collect(), 2.0);
    let mut xs = cluster(vs.iter().map(|v| v.x).collect(), 2.0);
    open_sides(hs, &mut xs);
    if ys.len() < 2 || xs.len() < 2 || ys.len() > MAX_ROWS || xs.len() > MAX_COLS {
        return None;
    }
    let (nr, nc) = (ys.len() - 1, xs.len() - 1);
    let bbox = Rect {
        x0: xs[0],
        y0: ys[0],
        x1: xs[nc],
        y1: ys[nr],
    };
    if bbox.x1 - bbox.x0 < 10.0 || bbox.y1 - bbox.y0 < 5.0 {
        return None;
    }
    let has_v = |xi: usize, r: usize| {
        let (top, bottom) = (ys[r], ys[r + 1]);
        let mid = (top + bottom) / 2.0;
        vs.iter().any(|v| {
            (v.x - xs[xi]).abs() <= 2.0
                && v.y0 <= mid + 0.1 * (bottom - top)
                && v.y1 >= mid - 0.1 * (bottom - top)
        })
    };
    let has_h = |yi: usize, c: usize| {
        let (left, right) = (xs[c], xs[c + 1]);
        let mid = (left + right) / 2.0;
        hs.iter().any(|h| {
            (h.y - ys[yi]).abs() <= 2.0
                && h.x0 <= mid + 0.1 * (right - left)
                && h.x1 >= mid - 0.1 * (right - left)
        })
    };
    let mut taken = vec![vec![false; nc]; nr];
    let mut cells = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if taken[r][c] {
                continue;
            }
            let mut c2 = c;
            while c2 + 1 < nc && !has_v(c2 + 1, r) && !taken[r][c2 + 1] {
                c2 += 1;
            }
            let mut r2 = r;
            while r2 + 1 < nr && (c..=c2).all(|cc| !has_h(r2 + 1, cc) && !taken[r2 + 1][cc]) {
                r2 += 1;
            }
            for row in taken.iter_mut().take(r2 + 1).skip(r) {
                for t in row.iter_mut().take(c2 + 1).skip(c) {
                    *t = true;
                }
            }
            cells.push(GridCell {
                row: r,
                col: c,
                row_span: r2 - r + 1,
                col_span: c2 - c + 1,
                rect: Rect {
                    x0: xs[c],
                    y0: ys[r],
                    x1: xs[c2 + 1],
                    y1: ys[r2 + 1],
                },
            });
        }
    }
    Some(Grid {
        bbox,
        xs,
        n_rows: nr,
        n_cols: nc,
        cells,
        ruled: true,
        ruled_columns: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(y: f32, x0: f32, x1: f32) -> Segment {
        Segment {
            x0,
            y0: y,
            x1,
            y1: y,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Segment {
        Segment {
            x0: x,
            y0,
            x1: x,
            y1,
        }
    }

    #[test]
    fn a_grid_with_a_merged_header() {
        // Three columns, three rows; the top row has no inner vertical rulings.
        let segs = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            h(60.0, 0.0, 300.0),
            v(0.0, 0.0, 60.0),
            v(100.0, 20.0, 60.0),
            v(200.0, 20.0, 60.0),
            v(300.0, 0.0, 60.0),
        ];
        let grids = detect(&segs);
        assert_eq!(grids.len(), 1);
        let g = &grids[0];
        assert_eq!((g.n_rows, g.n_cols), (3, 3));
        assert_eq!(g.cells[0].col_span, 3);
        assert_eq!(g.cells.len(), 7);
    }

    #[test]
    fn a_table_without_side_rules_keeps_its_first_and_last_columns() {
        // Rules across the rows from 0 to 300, column rules at 100 and 200 only.
        let segs = vec![
            h(0.0, 0.0, 300.0),
            h(20.0, 0.0, 300.0),
            h(40.0, 0.0, 300.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 0.0, 40.0),
        ];
        let grids = detect(&segs);
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].xs, [0.0, 100.0, 200.0, 300.0]);
        assert_eq!((grids[0].n_rows, grids[0].n_cols), (2, 3));
    }

    #[test]
    fn column_rulings_of_two_tables_at_nearly_one_x_stay_apart() {
        // Two two-column tables, one under the other; the lower one's middle ruling
        // lies half a point left of the upper one's (sorted first, it must not swallow
        // the upper ruling).
        let table = |top: f32, mid: f32| {
            vec![
                h(top, 0.0, 300.0),
                h(top + 20.0, 0.0, 300.0),
                h(top + 40.0, 0.0, 300.0),
                v(0.0, top, top + 40.0),
                v(mid, top, top + 20.0),
                v(mid, top + 20.0, top + 40.0),
                v(300.0, top, top + 40.0),
            ]
        };
        let mut segs = table(0.0, 150.4);
        segs.extend(table(100.0, 149.8));
        let grids = detect(&segs);
        assert_eq!(grids.len(), 2);
        for g in &grids {
            assert_eq!((g.n_rows, g.n_cols), (2, 2), "{:?}", g.bbox);
        }
    }
}
