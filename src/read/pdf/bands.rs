//! Tables drawn only as a stack of full-width bands: a follow-up system's export fills
//! each row (or each activity with its comment under it) across the whole table and
//! draws no columns. The stack is the table's box; its columns are where its text lines
//! up; a line whose words run across a column's edge (a goal row, `Kommentar: …`) is a
//! row of its own over all the columns, as is a line set a blank line below the one
//! before; the other lines of one band are one row (a cell's text wrapped).

use super::grid::{Grid, GridCell, Rect};
use super::layout::{chunks, Line};
use super::stream::CHUNK_GAP;

/// Room (points) left of a header cell's text to its column's edge.
const PAD: f32 = 3.0;

/// The grid of a stack of bands: `bands` the band rectangles top to bottom, `members`
/// the lines inside (top to bottom). The columns start where the header's texts start:
/// the pieces of the first band's line, each left-aligned in its column. `None` where
/// fewer than two columns or rows come out. With the grid, the row of each member.
pub(super) fn grid(
    bands: &[Rect],
    lines: &[Line],
    members: &[usize],
) -> Option<(Grid, Vec<usize>)> {
    let first = bands.first()?;
    let header = members.iter().map(|&i| &lines[i]).find(|l| {
        let cy = (l.top + l.bottom) / 2.0;
        cy >= first.y0 && cy <= first.y1
    })?;
    let starts: Vec<f32> = chunks(header, CHUNK_GAP)
        .iter()
        .map(|c| c.x0 - PAD)
        .collect();
    let n_cols = starts.len();
    if n_cols < 2 {
        return None;
    }
    let mut xs = starts;
    xs.push(f32::NEG_INFINITY);
    let bbox = Rect {
        x0: bands.iter().map(|b| b.x0).fold(f32::INFINITY, f32::min),
        y0: bands[0].y0,
        x1: bands.iter().map(|b| b.x1).fold(f32::NEG_INFINITY, f32::max),
        y1: bands[bands.len() - 1].y1,
    };
    xs[0] = xs[0].min(bbox.x0);
    xs[n_cols] = bbox.x1;
    let band_of = |l: &Line| {
        let cy = (l.top + l.bottom) / 2.0;
        bands.iter().position(|b| cy >= b.y0 && cy <= b.y1)
    };
    // Rows: (top, spans all columns, band).
    let mut rows: Vec<(f32, bool, Option<usize>)> = Vec::new();
    let mut row_of = Vec::with_capacity(members.len());
    let mut last_bottom = f32::NEG_INFINITY;
    for &i in members {
        let line = &lines[i];
        let spans = crosses_edge(line, &xs[1..n_cols]);
        let band = band_of(line);
        // Lines a blank line's height or more below the one before start a row of
        // their own (a comment under its activity in the activity's band).
        let close = line.top - last_bottom < 0.6 * line.size();
        last_bottom = last_bottom.max(line.bottom);
        let joins = close
            && rows
                .last()
                .is_some_and(|&(_, s, b)| !s && !spans && b == band && band.is_some());
        if !joins {
            rows.push((line.top - 1.0, spans, band));
        }
        row_of.push(rows.len() - 1);
    }
    if rows.len() < 2 {
        return None;
    }
    let mut cells = Vec::new();
    for (r, &(top, spans, _)) in rows.iter().enumerate() {
        let y0 = if r == 0 { bbox.y0.min(top) } else { top };
        let y1 = rows.get(r + 1).map_or(bbox.y1, |next| next.0);
        let rect = |c0: usize, c1: usize| Rect {
            x0: xs[c0],
            y0,
            x1: xs[c1],
            y1,
        };
        if spans {
            cells.push(GridCell {
                row: r,
                col: 0,
                row_span: 1,
                col_span: n_cols,
                rect: rect(0, n_cols),
            });
        } else {
            cells.extend((0..n_cols).map(|c| GridCell {
                row: r,
                col: c,
                row_span: 1,
                col_span: 1,
                rect: rect(c, c + 1),
            }));
        }
    }
    let grid = Grid {
        bbox,
        xs,
        n_rows: rows.len(),
        n_cols,
        cells,
        ruled: false,
        ruled_columns: false,
    };
    Some((grid, row_of))
}

/// Whether a piece of the line's text (words a space apart, three letters wide or
/// more) runs across one of the inner column edges from a letter's width or more before
/// it (a status icon centred under its header may stand a little over the edge).
fn crosses_edge(line: &Line, edges: &[f32]) -> bool {
    let em = line.size();
    chunks(line, CHUNK_GAP)
        .iter()
        .any(|c| c.x1 - c.x0 >= 3.0 * em && edges.iter().any(|&x| c.x0 < x - em && c.x1 > x + 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(top: f32, words: &[(&str, f32)]) -> Line {
        crate::read::pdf::layout::test_line(top, 9.0, 5.0, words)
    }

    #[test]
    fn a_bands_wrapped_lines_are_one_row_and_a_comment_across_the_columns_its_own() {
        let band = |y0: f32, y1: f32| Rect {
            x0: 50.0,
            y0,
            x1: 550.0,
            y1,
        };
        let bands = [band(100.0, 118.0), band(118.0, 170.0)];
        let comment = [
            ("Kommentar:", 55.0),
            ("startar", 110.0),
            ("när", 150.0),
            ("personal", 170.0),
            ("har", 215.0),
            ("rekryterats", 235.0),
        ];
        let lines = vec![
            line(104.0, &[("Aktivitet", 55.0), ("Ansvarig", 280.0)]),
            line(122.0, &[("Inventera", 55.0), ("Vatten", 280.0)]),
            line(133.0, &[("stan", 55.0)]),
            line(150.0, &comment),
        ];
        let (g, row_of) = grid(&bands, &lines, &[0, 1, 2, 3]).unwrap();
        assert_eq!(row_of, [0, 1, 1, 2]);
        assert_eq!(g.xs, [50.0, 277.0, 550.0]);
        assert_eq!((g.n_rows, g.n_cols), (3, 2));
        let last = g.cells.last().unwrap();
        assert_eq!((last.row, last.col_span), (2, 2));
    }
}
