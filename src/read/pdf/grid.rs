//! A table's geometry before text is placed in it: cell rectangles on a grid of rows and
//! columns, shared by the lattice and stream algorithms.

/// A rectangle in display space.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

impl Rect {
    /// Whether a point lies inside (edges included).
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }

    /// Area.
    pub fn area(&self) -> f32 {
        (self.x1 - self.x0).max(0.0) * (self.y1 - self.y0).max(0.0)
    }
}

/// A cell of a grid with its span and rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct GridCell {
    /// 0-based row.
    pub row: usize,
    /// 0-based column.
    pub col: usize,
    /// Rows covered.
    pub row_span: usize,
    /// Columns covered.
    pub col_span: usize,
    /// Where it is.
    pub rect: Rect,
}

/// A detected table: its box, the x boundaries of its columns and its cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The table's box.
    pub bbox: Rect,
    /// Column boundaries, left to right (`n_cols + 1` values).
    pub xs: Vec<f32>,
    /// Rows.
    pub n_rows: usize,
    /// Columns.
    pub n_cols: usize,
    /// Cells, row-major.
    pub cells: Vec<GridCell>,
    /// Whether the cells were drawn (lattice) or inferred from text (stream).
    pub ruled: bool,
    /// Whether the column boundaries are drawn lines: a lattice's, or those a tagged
    /// table took from one whose rows differ from its own.
    pub ruled_columns: bool,
}

/// Groups sorted values that lie within `tol` of the previous one; returns the means.
pub fn cluster(mut values: Vec<f32>, tol: f32) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    let mut last = f32::NEG_INFINITY;
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - last <= tol => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
        last = v;
    }
    out.into_iter().map(|(s, n)| s / n as f32).collect()
}
