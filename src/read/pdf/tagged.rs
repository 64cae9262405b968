//! A tagged table's part on one page, checked against the page: the rows of the
//! structure tree's `/Table` whose cells hold marked content on the page, their cell
//! rectangles drawn around the text each cell's marked content shows, and which words
//! go to which cell. A part whose marked content the page does not show, whose rows or
//! columns stand out of order on the page, or whose box holds text the tree gives to
//! something else, disagrees with the page and is not used.

use std::collections::{HashMap, HashSet};

use super::grid::{Grid, GridCell, Rect};
use super::layout::{Line, Word};
use super::structure::{Role, TagTable};

/// How far (points) a row's text may reach into the next row's, or a column's into the
/// next column's, before they count as out of order.
const OVERLAP: f32 = 2.0;
/// Room (points) left around the text of the outer rows and columns.
const PAD: f32 = 2.0;

/// Which rows of which tagged table a page table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeRows {
    /// Index of the table in the document's structure.
    pub table: usize,
    /// The tree row of the page table's first row.
    pub first: usize,
    /// The tree row of its last row.
    pub last: usize,
}

/// A tagged table's part on a page.
#[derive(Debug, Clone)]
pub struct Part {
    /// Its grid, cells drawn around their text (not ruled: edges are not drawn).
    pub grid: Grid,
    /// The page lines holding its words.
    pub members: Vec<usize>,
    /// Marked-content id → index of the grid cell it belongs to.
    pub cell_of: HashMap<u32, usize>,
    /// Where it lies in the tree.
    pub rows: TreeRows,
}

impl Part {
    /// The grid cell a word belongs to: by its marked-content id, else (untagged words,
    /// such as status dots drawn as shapes) by where it lies.
    pub fn cell(&self, w: &Word) -> Option<usize> {
        if let Some(k) = w.mcid.and_then(|m| self.cell_of.get(&m)) {
            return Some(*k);
        }
        if w.mcid.is_some() {
            return None;
        }
        let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
        self.grid.cells.iter().position(|c| c.rect.contains(cx, cy))
    }
}

/// The part of tagged table `table` (index `t`) on the page whose marked content
/// belongs as `roles` says and which shows `marked` ids; `None` where it has no part
/// here or disagrees with the page.
pub fn part(
    table: &TagTable,
    t: usize,
    page: usize,
    roles: &HashMap<u32, Role>,
    lines: &[Line],
    marked: &HashSet<u32>,
) -> Option<Part> {
    let here = |c: &super::structure::TagCell| c.refs.iter().any(|r| r.0 == page);
    let first = table
        .cells
        .iter()
        .filter(|c| here(c))
        .map(|c| c.row)
        .min()?;
    let last = table
        .cells
        .iter()
        .filter(|c| here(c))
        .map(|c| c.row)
        .max()?;
    let local: Vec<usize> = (0..table.cells.len())
        .filter(|&k| (first..=last).contains(&table.cells[k].row))
        .collect();
    // Marked content the page does not show: the tree points at nothing.
    let missing = local.iter().any(|&k| {
        table.cells[k]
            .refs
            .iter()
            .any(|&(p, id)| p == page && !marked.contains(&id))
    });
    if missing {
        return None;
    }
    // The box around each cell's words.
    let mut boxes: HashMap<usize, Rect> = HashMap::new();
    for line in lines {
        for w in &line.words {
            let Some(Role::Cell(t2, k)) = w.mcid.and_then(|m| roles.get(&m)) else {
                continue;
            };
            if *t2 != t || !(first..=last).contains(&table.cells[*k].row) {
                continue;
            }
            let b = boxes.entry(*k).or_insert(Rect {
                x0: w.x0,
                y0: w.top,
                x1: w.x1,
                y1: w.bottom,
            });
            b.x0 = b.x0.min(w.x0);
            b.x1 = b.x1.max(w.x1);
            b.y0 = b.y0.min(w.top);
            b.y1 = b.y1.max(w.bottom);
        }
    }
    let n_rows = last - first + 1;
    let n_cols = table.n_cols;
    let mut row_ext: Vec<Option<(f32, f32)>> = vec![None; n_rows];
    let mut col_ext: Vec<Option<(f32, f32)>> = vec![None; n_cols];
    for (&k, b) in &boxes {
        let c = &table.cells[k];
        if c.row_span == 1 {
            widen(&mut row_ext[c.row - first], b.y0, b.y1);
        }
        if c.col_span == 1 {
            widen(&mut col_ext[c.col], b.x0, b.x1);
        }
    }
    let ys = bounds(&row_ext)?;
    untagged_columns(&mut col_ext, (ys[0], ys[n_rows]), lines);
    let xs = bounds(&col_ext)?;
    // The tagged cells, and an empty cell at every grid position none of them covers
    // (a writer may leave out the elements of empty cells; a progress bar, a fill or
    // an untagged sign may still stand there).
    let mut placed: Vec<(GridCell, Option<usize>)> = Vec::with_capacity(local.len());
    let mut covered = vec![vec![false; n_cols]; n_rows];
    for &k in &local {
        let c = &table.cells[k];
        let (row, col) = (c.row - first, c.col);
        let row_span = c.row_span.min(n_rows - row);
        let rect = Rect {
            x0: xs[col],
            y0: ys[row],
            x1: xs[col + c.col_span],
            y1: ys[row + row_span],
        };
        // A cell's text lies in its rectangle, or the tree's order is not the page's.
        if boxes.get(&k).is_some_and(|b| !around(&rect, b)) {
            return None;
        }
        for r in &mut covered[row..row + row_span] {
            r[col..col + c.col_span].fill(true);
        }
        let cell = GridCell {
            row,
            col,
            row_span,
            col_span: c.col_span,
            rect,
        };
        placed.push((cell, Some(k)));
    }
    for (row, cols) in covered.iter().enumerate() {
        for (col, _) in cols.iter().enumerate().filter(|(_, c)| !**c) {
            let rect = Rect {
                x0: xs[col],
                y0: ys[row],
                x1: xs[col + 1],
                y1: ys[row + 1],
            };
            let cell = GridCell {
                row,
                col,
                row_span: 1,
                col_span: 1,
                rect,
            };
            placed.push((cell, None));
        }
    }
    placed.sort_by_key(|(c, _)| (c.row, c.col));
    let mut cell_of = HashMap::new();
    for (i, (_, k)) in placed.iter().enumerate() {
        for &(p, id) in k.map_or(&[][..], |k| &table.cells[k].refs[..]) {
            if p == page {
                cell_of.insert(id, i);
            }
        }
    }
    let cells: Vec<GridCell> = placed.into_iter().map(|(c, _)| c).collect();
    let bbox = Rect {
        x0: xs[0],
        y0: ys[0],
        x1: xs[n_cols],
        y1: ys[n_rows],
    };
    // Text the tree gives to something else inside the table's box.
    let foreign = lines.iter().flat_map(|l| &l.words).any(|w| {
        let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.top + w.bottom) / 2.0);
        let inside =
            cx > bbox.x0 + 1.0 && cx < bbox.x1 - 1.0 && cy > bbox.y0 + 1.0 && cy < bbox.y1 - 1.0;
        inside && !w.artifact && w.mcid.is_some_and(|m| !cell_of.contains_key(&m))
    });
    if foreign {
        return None;
    }
    let mut part = Part {
        grid: Grid {
            bbox,
            xs,
            n_rows,
            n_cols,
            cells,
            ruled: false,
            ruled_columns: false,
        },
        members: Vec::new(),
        cell_of,
        rows: TreeRows {
            table: t,
            first,
            last,
        },
    };
    // Its lines: those with tagged words of its cells, and those with untagged words
    // inside its cells.
    part.members = (0..lines.len())
        .filter(|&li| lines[li].words.iter().any(|w| part.cell(w).is_some()))
        .collect();
    Some(part)
}

/// Gives a part the geometry of the geometric table it covers where their grids agree:
/// with as many rows and columns, the geometric table's cell rectangles and whether
/// they are drawn (so that a word broken at a drawn cell edge joins again, and a
/// progress bar is measured in its cell); with as many columns only, its column
/// boundaries. A cell's text must still lie in its new rectangle, else the part keeps
/// its own.
pub fn take_geometry(part: &mut Part, geo: &Grid) {
    let mut grid = part.grid.clone();
    if geo.n_cols == grid.n_cols && geo.xs.len() == grid.xs.len() {
        grid.xs = geo.xs.clone();
        grid.ruled_columns = geo.ruled_columns;
    } else {
        return;
    }
    let rows = (geo.n_rows == grid.n_rows)
        .then(|| row_bounds(geo))
        .flatten();
    if rows.is_some() {
        grid.ruled = geo.ruled;
        grid.bbox = geo.bbox;
    } else {
        grid.bbox.x0 = grid.xs[0];
        grid.bbox.x1 = grid.xs[grid.n_cols];
    }
    for cell in &mut grid.cells {
        cell.rect.x0 = grid.xs[cell.col];
        cell.rect.x1 = grid.xs[cell.col + cell.col_span];
        if let Some(ys) = &rows {
            cell.rect.y0 = ys[cell.row].0;
            cell.rect.y1 = ys[cell.row + cell.row_span - 1].1;
        }
    }
    // Each cell's words must lie in its new rectangle.
    let fits = grid.cells.iter().zip(&part.grid.cells).all(|(new, old)| {
        let inner = Rect {
            x0: new.rect.x0 - OVERLAP,
            y0: new.rect.y0 - OVERLAP,
            x1: new.rect.x1 + OVERLAP,
            y1: new.rect.y1 + OVERLAP,
        };
        // The old rectangle is drawn around the text, so its middle is the text's.
        inner.contains(
            (old.rect.x0 + old.rect.x1) / 2.0,
            (old.rect.y0 + old.rect.y1) / 2.0,
        )
    });
    if fits {
        part.grid = grid;
    }
}

/// The top and bottom of each row of a grid, from its cells; `None` where a row has
/// no cell of its own.
fn row_bounds(grid: &Grid) -> Option<Vec<(f32, f32)>> {
    let mut out: Vec<Option<(f32, f32)>> = vec![None; grid.n_rows];
    for c in &grid.cells {
        if c.row_span == 1 && c.row < grid.n_rows {
            widen(&mut out[c.row], c.rect.y0, c.rect.y1);
        }
    }
    out.into_iter().collect()
}

/// Widens an extent to hold `lo..hi`.
fn widen(ext: &mut Option<(f32, f32)>, lo: f32, hi: f32) {
    let e = ext.get_or_insert((lo, hi));
    e.0 = e.0.min(lo);
    e.1 = e.1.max(hi);
}

/// Whether the rectangle holds the box (within [`OVERLAP`]).
fn around(rect: &Rect, b: &Rect) -> bool {
    b.x0 >= rect.x0 - OVERLAP
        && b.x1 <= rect.x1 + OVERLAP
        && b.y0 >= rect.y0 - OVERLAP
        && b.y1 <= rect.y1 + OVERLAP
}

/// Gives columns without tagged text on the page the extent of untagged words set in
/// them (status icons and dots drawn as images or shapes, which a writer does not tag):
/// the untagged words within the rows (`rows`, top to bottom) that lie in a run of such
/// columns (between the columns with text on either side), grouped where they stand
/// apart, each group to the next column of the run from the left, where the run has
/// columns enough for them.
fn untagged_columns(ext: &mut [Option<(f32, f32)>], rows: (f32, f32), lines: &[Line]) {
    let mut words: Vec<(f32, f32)> = lines
        .iter()
        .flat_map(|l| &l.words)
        .filter(|w| w.mcid.is_none() && !w.artifact && !w.text.trim().is_empty())
        .filter(|w| (rows.0..rows.1).contains(&((w.top + w.bottom) / 2.0)))
        .map(|w| (w.x0, w.x1))
        .collect();
    if words.is_empty() {
        return;
    }
    words.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = ext.len();
    let mut c = 0;
    while c < n {
        if ext[c].is_some() {
            c += 1;
            continue;
        }
        let end = (c..n).find(|&k| ext[k].is_some()).unwrap_or(n);
        let left = ext[..c]
            .iter()
            .rev()
            .flatten()
            .next()
            .map_or(f32::NEG_INFINITY, |e| e.1);
        let right = ext[end..]
            .iter()
            .flatten()
            .next()
            .map_or(f32::INFINITY, |e| e.0);
        let mut groups: Vec<(f32, f32)> = Vec::new();
        for &(x0, x1) in words.iter().filter(|w| w.0 > left && w.1 < right) {
            match groups.last_mut() {
                Some(g) if x0 <= g.1 + PAD => g.1 = g.1.max(x1),
                _ => groups.push((x0, x1)),
            }
        }
        if !groups.is_empty() && groups.len() <= end - c {
            for (k, g) in groups.into_iter().enumerate() {
                ext[c + k] = Some(g);
            }
        }
        c = end;
    }
}

/// The boundaries (`n + 1`) of `n` bands (rows or columns) from the extent of their
/// text: halfway across the gap between two bands, the gap shared evenly among the
/// bands without text between them; [`PAD`] outside the first and last. `None` where
/// no band has text, or two stand out of order (one starts before the one above or to
/// the left of it ends).
fn bounds(ext: &[Option<(f32, f32)>]) -> Option<Vec<f32>> {
    let known: Vec<(usize, (f32, f32))> = ext
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.map(|e| (i, e)))
        .collect();
    let &(first, (lo0, _)) = known.first()?;
    if known.windows(2).any(|p| p[1].1 .0 < p[0].1 .1 - OVERLAP) {
        return None;
    }
    let n = ext.len();
    let mut out = vec![0.0f32; n + 1];
    // Before the first band with text, and after the last, steps of one line.
    let step = 12.0;
    for (i, b) in out.iter_mut().enumerate().take(first + 1) {
        *b = lo0 - PAD - step * (first - i) as f32;
    }
    for pair in known.windows(2) {
        let ((p, (_, hi)), (q, (lo, _))) = (pair[0], pair[1]);
        let k = (q - p) as f32;
        for (i, b) in out.iter_mut().enumerate().take(q + 1).skip(p + 1) {
            let j = (i - p) as f32;
            *b = hi + (lo - hi).max(0.0) * (j - 0.5) / k;
        }
    }
    let &(last, (_, hi_n)) = known.last()?;
    for (i, b) in out.iter_mut().enumerate().skip(last + 1) {
        *b = hi_n + PAD + step * (i - last - 1) as f32;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untagged_icons_give_the_empty_column_they_stand_in_its_extent() {
        let word = |text: &str, x0: f32, x1: f32, top: f32, mcid: Option<u32>| Word {
            x0,
            x1,
            top,
            bottom: top + 10.0,
            size: 10.0,
            text: text.into(),
            bold: false,
            italic: false,
            colour: None,
            mcid,
            artifact: false,
        };
        let lines: Vec<Line> = [
            vec![
                word("Kurs", 40.0, 120.0, 50.0, Some(1)),
                word("●", 424.0, 438.0, 50.0, None),
            ],
            vec![
                word("Möte", 40.0, 120.0, 80.0, Some(2)),
                word("●", 424.0, 438.0, 80.0, None),
            ],
            // Below the table's rows: not its icon.
            vec![word("●", 480.0, 490.0, 200.0, None)],
        ]
        .into_iter()
        .filter_map(Line::from_words)
        .collect();
        let mut ext = vec![Some((40.0, 120.0)), Some((230.0, 320.0)), None, None];
        untagged_columns(&mut ext, (48.0, 95.0), &lines);
        assert_eq!(ext[2], Some((424.0, 438.0)));
        assert_eq!(ext[3], None);
    }

    #[test]
    fn bounds_split_gaps_and_pad_the_ends() {
        let b = bounds(&[Some((10.0, 20.0)), None, Some((40.0, 50.0))]).unwrap();
        assert_eq!(b.len(), 4);
        assert_eq!(b[0], 8.0);
        assert!(
            (b[1] - 25.0).abs() < 1e-3 && (b[2] - 35.0).abs() < 1e-3,
            "{b:?}"
        );
        assert_eq!(b[3], 52.0);
    }

    #[test]
    fn tagged_headings_are_headings_and_the_table_is_one_block() {
        use crate::model::Block;
        use crate::read::Reader;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/unseen/tune/harnosand-trafiksakerhet-2025-2028-taggad.pdf"
        );
        let doc = super::super::PdfReader
            .read(&std::fs::read(path).expect("fixture"))
            .expect("readable");
        let headings: Vec<(u8, &str)> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text, .. } => Some((*level, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            headings,
            [
                (1, "Trafiksäkerhetsprogram för Härnösands kommun 2025–2028"),
                (2, "Åtgärder")
            ]
        );
        let tables = doc.blocks.iter().filter(|b| matches!(b, Block::Table(_)));
        assert_eq!(tables.count(), 1);
        // The running footer is an artifact: a margin text, not a paragraph.
        assert!(doc.margin_texts.iter().any(|m| m == "Härnösands kommun"));
    }

    #[test]
    fn bands_out_of_order_give_nothing() {
        assert!(bounds(&[Some((40.0, 50.0)), Some((10.0, 20.0))]).is_none());
        assert!(bounds(&[None, None]).is_none());
    }
}
