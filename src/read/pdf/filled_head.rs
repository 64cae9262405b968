//! A header row drawn only as filled cells on top of a ruled table: web pages printed to
//! PDF shade their `th` cells (white words on a dark fill) and rule only the body's
//! `td` cells, so the rulings' grid starts under its header. The fills standing right
//! on the grid's top edge, across its whole width, are its first row.

use super::content::FilledRect;
use super::grid::{Grid, GridCell, Rect};

/// How far (points) a fill's lower edge may stand from the grid's top edge.
const TOUCH: f32 = 2.0;
/// The tallest a header row's fill may be (points): a few lines of words.
const TALLEST: f32 = 60.0;
/// The part of the grid's width the fills must cover.
const COVER: f32 = 0.95;

/// `grid` with the row of filled cells standing on its top edge put above its rows,
/// where there is one: two fills or more of one height, side by side inside the grid's
/// width and covering nearly all of it, each from one column edge to another. A fill
/// over several of the grid's columns is one cell spanning them. One fill across the
/// whole width is a section's band over the rows below (`Delområde 1 – …`), not a
/// header.
pub fn with_filled_head(grid: Grid, fills: &[FilledRect]) -> Grid {
    let b = grid.bbox;
    let mut head: Vec<&FilledRect> = fills
        .iter()
        .filter(|f| {
            (f.y1 - b.y0).abs() <= TOUCH
                && f.y1 - f.y0 >= 6.0
                && f.y1 - f.y0 <= TALLEST
                && f.x0 >= b.x0 - TOUCH
                && f.x1 <= b.x1 + TOUCH
        })
        .collect();
    if head.len() < 2 || grid.n_cols < 2 {
        return grid;
    }
    head.sort_by(|a, c| a.x0.total_cmp(&c.x0));
    // Each fill a cell: its edges on the grid's column edges.
    let on_edge = |x: f32| grid.xs.iter().any(|e| (e - x).abs() <= 2.0 * TOUCH);
    if !head.iter().all(|f| on_edge(f.x0) && on_edge(f.x1)) {
        return grid;
    }
    let top = head[0].y0;
    if head.iter().any(|f| (f.y0 - top).abs() > TOUCH) {
        return grid;
    }
    let covered: f32 = head.iter().map(|f| f.x1 - f.x0).sum();
    if covered < COVER * (b.x1 - b.x0) || covered > (b.x1 - b.x0) + 2.0 * TOUCH {
        return grid;
    }
    let centre = |c: usize| (grid.xs[c] + grid.xs[c + 1]) / 2.0;
    let mut cells: Vec<GridCell> = Vec::new();
    let mut col = 0;
    while col < grid.n_cols {
        let x = centre(col);
        let span = match head.iter().find(|f| f.x0 <= x && x <= f.x1) {
            Some(f) => (col..grid.n_cols)
                .take_while(|&c| centre(c) <= f.x1)
                .count()
                .max(1),
            None => 1,
        };
        cells.push(GridCell {
            row: 0,
            col,
            row_span: 1,
            col_span: span,
            rect: Rect {
                x0: grid.xs[col],
                y0: top,
                x1: grid.xs[col + span],
                y1: b.y0,
            },
        });
        col += span;
    }
    cells.extend(grid.cells.into_iter().map(|mut c| {
        c.row += 1;
        c
    }));
    Grid {
        bbox: Rect { y0: top, ..b },
        n_rows: grid.n_rows + 1,
        cells,
        ..grid
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(x0: f32, x1: f32) -> FilledRect {
        FilledRect {
            x0,
            y0: 80.0,
            x1,
            y1: 100.0,
            colour: None,
        }
    }

    fn body() -> Grid {
        let xs = vec![50.0, 90.0, 300.0, 500.0];
        let cells = (0..2)
            .flat_map(|r| (0..3).map(move |c| (r, c)))
            .map(|(row, col)| GridCell {
                row,
                col,
                row_span: 1,
                col_span: 1,
                rect: Rect {
                    x0: xs[col],
                    y0: 100.0 + 20.0 * row as f32,
                    x1: xs[col + 1],
                    y1: 120.0 + 20.0 * row as f32,
                },
            })
            .collect();
        Grid {
            bbox: Rect {
                x0: 50.0,
                y0: 100.0,
                x1: 500.0,
                y1: 140.0,
            },
            xs,
            n_rows: 2,
            n_cols: 3,
            cells,
            ruled: true,
            ruled_columns: true,
        }
    }

    #[test]
    fn shaded_header_cells_on_the_top_edge_become_the_first_row() {
        let g = with_filled_head(body(), &[fill(50.0, 90.0), fill(90.0, 500.0)]);
        assert_eq!(g.n_rows, 3);
        assert_eq!(g.bbox.y0, 80.0);
        let head: Vec<(usize, usize)> = g
            .cells
            .iter()
            .filter(|c| c.row == 0)
            .map(|c| (c.col, c.col_span))
            .collect();
        assert_eq!(head, [(0, 1), (1, 2)]);
        // One fill across the whole row: a section's band, not a header.
        assert_eq!(with_filled_head(body(), &[fill(50.0, 500.0)]).n_rows, 2);
    }

    #[test]
    fn fills_apart_from_the_grid_or_covering_part_of_it_are_no_header() {
        // Half the width: shaded labels above the table, not its header.
        let g = with_filled_head(body(), &[fill(50.0, 90.0), fill(90.0, 280.0)]);
        assert_eq!(g.n_rows, 2);
        // Fills whose edges are not the columns' edges.
        let g = with_filled_head(body(), &[fill(50.0, 200.0), fill(200.0, 500.0)]);
        assert_eq!(g.n_rows, 2);
        // Set apart from the top edge.
        let apart = FilledRect {
            y1: 90.0,
            ..fill(50.0, 500.0)
        };
        assert_eq!(with_filled_head(body(), &[apart]).n_rows, 2);
    }
}
