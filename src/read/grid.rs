//! Sparse cells (as spreadsheets and OpenDocument tables give them) into the model:
//! coordinates compacted when a sheet is vast and mostly empty, merges into spans, leading
//! title rows into paragraphs.

use std::collections::{BTreeMap, BTreeSet};

use super::hidden::{Hidden, Ranges};
use crate::colour::Rgb;
use crate::model::{Block, Cell, Table};

/// Most cells one sheet may hold.
pub const CELL_LIMIT: usize = 2_000_000;
/// Largest grid kept in the sheet's own coordinates; larger ones are compacted.
const DENSE_LIMIT: usize = 1_000_000;

/// A cell as read from a sheet: position, text, fill, bold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetCell {
    /// 0-based row.
    pub row: u32,
    /// 0-based column.
    pub col: u32,
    /// The text as shown.
    pub text: String,
    /// Background fill.
    pub fill: Option<Rgb>,
    /// Text colour (not black or automatic).
    pub color: Option<Rgb>,
    /// Bold.
    pub bold: Option<bool>,
    /// The cell holds a value even where its text is empty (an empty string).
    pub valued: bool,
    /// How many of the cell's first lines are a title over its description (bold over
    /// plain, [`crate::text::is_title_over`]); 0 for none.
    pub title_lines: usize,
}

/// A merged range: first and last row, first and last column (inclusive).
pub type Merge = ((u32, u32), (u32, u32));

/// Builds the blocks of one sheet for interpretation: the sheet is cut into table blocks
/// ([`split_blocks`]); in each block, rows above the table that hold a single text
/// (titles, notes, legends) become paragraphs and the rest is one table.
pub fn sheet_blocks(name: &str, mut cells: Vec<SheetCell>, merges: &[Merge]) -> Vec<Block> {
    cells.retain(|c| !c.text.trim().is_empty() || c.fill.is_some());
    let mut blocks = Vec::new();
    for part in split_blocks(cells, merges) {
        // A merge belongs to the block whose box holds its anchor (even an empty one).
        let (r0, r1) = bounds(part.iter().map(|c| c.row));
        let (c0, c1) = bounds(part.iter().map(|c| c.col));
        let inside: Vec<Merge> = merges
            .iter()
            .copied()
            .filter(|&((r, c), _)| (r0..=r1).contains(&r) && (c0..=c1).contains(&c))
            .collect();
        blocks.extend(block_of(name, part, &inside));
    }
    blocks
}

/// Least and greatest of a non-empty run of coordinates.
fn bounds(values: impl Iterator<Item = u32>) -> (u32, u32) {
    values.fold((u32::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// One block's paragraphs and table: leading rows with one text only are prose above
/// the table; a block without a row of two texts is prose only.
fn block_of(name: &str, mut cells: Vec<SheetCell>, merges: &[Merge]) -> Vec<Block> {
    if cells.is_empty() {
        return Vec::new();
    }
    cells.sort_by_key(|c| (c.row, c.col));
    let mut blocks = Vec::new();
    let mut table_start = None;
    // Cells are sorted by row: each row is one run, so this pass is linear.
    for row in cells.chunk_by(|a, b| a.row == b.row) {
        let r = row[0].row;
        let in_row: Vec<&SheetCell> = row.iter().filter(|c| !c.text.trim().is_empty()).collect();
        // A blank cell coloured unlike the text beside it (a legend's swatch, a status
        // shown as colour) makes a row of the table, too; a banner painted in one colour
        // across a title does not.
        let swatch = in_row.len() == 1
            && row.iter().any(|c| {
                c.text.trim().is_empty()
                    && c.fill.is_some_and(|f| !f.is_blank())
                    && c.fill != in_row[0].fill
            });
        if in_row.len() >= 2 || swatch {
            table_start = Some(r);
            break;
        }
        if let Some(c) = in_row.first() {
            blocks.push(Block::Paragraph {
                text: c.text.trim().to_string(),
                page: None,
            });
        }
    }
    let Some(start) = table_start else {
        return blocks;
    };
    cells.retain(|c| c.row >= start);
    let merges: Vec<Merge> = merges.iter().copied().filter(|m| m.0 .0 >= start).collect();
    blocks.push(Block::Table(table(name, cells, &merges)));
    blocks
}

/// Cuts a sheet's cells into the table blocks a reader sees on it, in reading order (top
/// to bottom, then left to right):
/// - **side by side**: groups of columns separated by an empty column are apart when
///   their header rows (a group's first row of two cells or more; a single column's
///   first cell) differ: a legend, a list or a second table beside the first; an empty
///   spacer column inside one table (one header row across it) keeps it whole;
/// - **stacked**: within a group, two or more empty rows in a row separate tables (one
///   empty row is spacing inside a table).
///
/// A merged range joins the columns and rows it covers.
pub fn split_blocks(cells: Vec<SheetCell>, merges: &[Merge]) -> Vec<Vec<SheetCell>> {
    if cells.is_empty() {
        return Vec::new();
    }
    let merges: Vec<Merge> = merges
        .iter()
        .copied()
        .filter(|((r0, c0), (r1, c1))| r0 <= r1 && c0 <= c1)
        .collect();
    // Column runs: maximal ranges of columns joined by cells or merges.
    let mut spans: Vec<(u32, u32)> = cells.iter().map(|c| (c.col, c.col)).collect();
    spans.extend(merges.iter().map(|&((_, c0), (_, c1))| (c0, c1)));
    let runs = join_spans(spans, 0);
    // Each run's cells per row.
    let run_of = |col: u32| runs.partition_point(|&(_, end)| end < col);
    let mut per_row: BTreeMap<(usize, u32), usize> = BTreeMap::new();
    for c in &cells {
        *per_row.entry((run_of(c.col), c.row)).or_default() += 1;
    }
    // A run's header row: its first row of two cells or more; a one-column run's first
    // row.
    let header_row = |run: usize| {
        let mut rows = per_row.range((run, 0)..=(run, u32::MAX));
        let first = rows.clone().next().map(|((_, row), _)| *row);
        rows.find(|(_, &n)| n >= 2)
            .map(|((_, row), _)| *row)
            .or(first)
    };
    // Neighbouring runs are one table where their header rows are one row (a spacer
    // column inside a table), else apart (a legend, a list or a second table beside).
    let mut groups: Vec<(u32, u32)> = Vec::new();
    let mut last: Option<Option<u32>> = None; // the group's header row
    for (i, &(c0, c1)) in runs.iter().enumerate() {
        let header = header_row(i);
        match (groups.last_mut(), last) {
            (Some(g), Some(h)) if h == header => g.1 = c1,
            _ => {
                groups.push((c0, c1));
                last = Some(header);
            }
        }
    }
    let group_of = |col: u32| groups.partition_point(|&(_, end)| end < col);
    let mut by_group: Vec<Vec<SheetCell>> = vec![Vec::new(); groups.len()];
    for c in cells {
        by_group[group_of(c.col)].push(c);
    }
    let mut blocks: Vec<Vec<SheetCell>> = Vec::new();
    for (g, group) in by_group.into_iter().enumerate() {
        let (gc0, gc1) = groups[g];
        let mut rows: Vec<(u32, u32)> = group.iter().map(|c| (c.row, c.row)).collect();
        rows.extend(
            merges
                .iter()
                .filter(|((_, c0), _)| (gc0..=gc1).contains(c0))
                .map(|&((r0, _), (r1, _))| (r0, r1)),
        );
        // Rows closer than three apart (at most one empty row between) are one block.
        let bands = join_spans(rows, 1);
        let mut parts: Vec<Vec<SheetCell>> = vec![Vec::new(); bands.len()];
        for c in group {
            parts[bands.partition_point(|&(_, end)| end < c.row)].push(c);
        }
        blocks.extend(parts.into_iter().filter(|p| !p.is_empty()));
    }
    blocks.sort_by_cached_key(|b| {
        let top = b.iter().map(|c| c.row).min().unwrap_or(0);
        let left = b.iter().map(|c| c.col).min().unwrap_or(0);
        (top, left)
    });
    blocks
}

/// Joins inclusive ranges that overlap or lie at most `gap` apart; sorted by start.
fn join_spans(mut spans: Vec<(u32, u32)>, gap: u32) -> Vec<(u32, u32)> {
    spans.sort_unstable();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1.saturating_add(gap).saturating_add(1) => {
                last.1 = last.1.max(b)
            }
            _ => out.push((a, b)),
        }
    }
    out
}

/// A sheet's used range as the sheet shows it: from its first to its last cell with a
/// value or a coloured fill, every position kept (empty rows and columns inside too),
/// merged ranges as spans, the rows and columns the sheet hides kept and marked
/// ([`Table::hidden_rows`], [`Table::hidden_cols`]); `None` for a sheet without values. A
/// vast, mostly empty range is compacted as the blocks are.
pub fn used_range(
    name: &str,
    cells: &[SheetCell],
    merges: &[Merge],
    hidden: &Hidden,
) -> Option<Table> {
    // Blank cells that carry a fill (a status shown as colour) count as used; white
    // ones (a sheet painted white to hide its grid lines) do not.
    let used =
        |c: &&SheetCell| c.valued || !c.text.is_empty() || c.fill.is_some_and(|f| !f.is_blank());
    let used_cells: Vec<SheetCell> = cells.iter().filter(used).cloned().collect();
    if used_cells.is_empty() {
        return None;
    }
    let (r0, r1) = bounds(used_cells.iter().map(|c| c.row));
    let (c0, c1) = bounds(used_cells.iter().map(|c| c.col));
    // Merged ranges are clipped to the values' box: a merge does not widen the range.
    let merges: Vec<Merge> = merges
        .iter()
        .filter(|((a, b), (c, d))| a <= c && b <= d && *a <= r1 && *c >= r0 && *b <= c1 && *d >= c0)
        .map(|&((a, b), (c, d))| ((a.max(r0), b.max(c0)), (c.min(r1), d.min(c1))))
        .collect();
    // A compacted grid keeps only the used rows and columns (those of cells and merge
    // corners), in order: a hidden one is marked at its rank there.
    let used = |pick: fn(&SheetCell) -> u32, corners: fn(&Merge) -> [u32; 2]| -> Vec<u32> {
        let mut set: BTreeSet<u32> = used_cells.iter().map(pick).collect();
        set.extend(merges.iter().flat_map(corners));
        set.into_iter().collect()
    };
    let (used_rows, used_cols) = if hidden.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (
            used(|c| c.row, |m| [m.0 .0, m.1 .0]),
            used(|c| c.col, |m| [m.0 .1, m.1 .1]),
        )
    };
    let mut t = table(name, used_cells, &merges);
    let dense = t.origin.is_some();
    t.hidden_rows = marks(&hidden.rows, r0, dense, &used_rows);
    t.hidden_cols = marks(&hidden.cols, c0, dense, &used_cols);
    Some(t)
}

/// The grid positions of the hidden coordinates `ranges` among `used` (sorted): counted
/// from `first` in a dense grid, by rank among `used` in a compacted one.
fn marks(ranges: &Ranges, first: u32, dense: bool, used: &[u32]) -> Vec<usize> {
    let (Some(&lo), Some(&hi)) = (used.first(), used.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &(a, b) in ranges.ranges() {
        let (a, b) = (a.max(lo), b.min(hi));
        if a > b {
            continue;
        }
        if dense {
            out.extend((a..=b).map(|x| (x - first) as usize));
        } else {
            out.extend(used.partition_point(|&x| x < a)..used.partition_point(|&x| x <= b));
        }
    }
    out
}

fn table(name: &str, cells: Vec<SheetCell>, merges: &[Merge]) -> Table {
    // A merge that ends before it starts (a damaged file's) spans nothing.
    let merges: Vec<Merge> = merges
        .iter()
        .copied()
        .filter(|((r0, c0), (r1, c1))| r0 <= r1 && c0 <= c1)
        .collect();
    let merges = merges.as_slice();
    let mut rows: BTreeSet<u32> = cells.iter().map(|c| c.row).collect();
    let mut cols: BTreeSet<u32> = cells.iter().map(|c| c.col).collect();
    for &((r0, c0), (r1, c1)) in merges {
        rows.insert(r0);
        rows.insert(r1);
        cols.insert(c0);
        cols.insert(c1);
    }
    let (r_min, r_max) = (*rows.first().unwrap_or(&0), *rows.last().unwrap_or(&0));
    let (c_min, c_max) = (*cols.first().unwrap_or(&0), *cols.last().unwrap_or(&0));
    let dense =
        ((r_max - r_min) as usize + 1).saturating_mul((c_max - c_min) as usize + 1) <= DENSE_LIMIT;
    // Sorted used rows and columns: a coordinate's rank is a binary search away.
    let rows: Vec<u32> = rows.into_iter().collect();
    let cols: Vec<u32> = cols.into_iter().collect();
    // Row and column indices in the table: the sheet's own (from the table's top-left
    // corner) when the grid is small, else the rank among used rows and columns.
    let row_ix = |r: u32| {
        if dense {
            (r - r_min) as usize
        } else {
            rows.partition_point(|&x| x < r)
        }
    };
    let col_ix = |c: u32| {
        if dense {
            (c - c_min) as usize
        } else {
            cols.partition_point(|&x| x < c)
        }
    };
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    for c in cells {
        let merge = merges.iter().find(|((r0, c0), (r1, c1))| {
            (*r0..=*r1).contains(&c.row) && (*c0..=*c1).contains(&c.col)
        });
        let (row_span, col_span) = match merge {
            Some(((r0, c0), _)) if (*r0, *c0) != (c.row, c.col) => continue, // covered by a merge
            Some(((r0, c0), (r1, c1))) => {
                (row_ix(*r1) - row_ix(*r0) + 1, col_ix(*c1) - col_ix(*c0) + 1)
            }
            None => (1, 1),
        };
        out.push(Cell {
            row: row_ix(c.row),
            col: col_ix(c.col),
            row_span,
            col_span,
            text: c.text,
            fill: c.fill,
            color: c.color,
            bold: c.bold,
            title_lines: c.title_lines,
            page: None,
        });
    }
    // A merge whose anchor cell is empty still spans its range.
    for &((r0, c0), (r1, c1)) in merges {
        if !out
            .iter()
            .any(|c| c.row == row_ix(r0) && c.col == col_ix(c0))
        {
            out.push(Cell {
                row: row_ix(r0),
                col: col_ix(c0),
                row_span: row_ix(r1) - row_ix(r0) + 1,
                col_span: col_ix(c1) - col_ix(c0) + 1,
                ..Cell::default()
            });
        }
    }
    out.sort_by_key(|c| (c.row, c.col));
    let mut t = Table::from_cells(out);
    t.sheet = Some(name.to_string());
    if dense {
        t.origin = Some((r_min as usize, c_min as usize));
    }
    t
}

/// A boolean cell as spreadsheets show it: `TRUE` or `FALSE`.
pub fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.to_string()
}

/// A number as a sheet shows it by default: `1`, not `1.0`; `0.25`; no exponent for
/// ordinary magnitudes.
pub fn number_text(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v}");
        if s.contains('e') {
            format!("{v:.6}")
                .trim_end_matches('0')
                .trim_end_matches('.')
                .to_string()
        } else {
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(row: u32, col: u32, text: &str) -> SheetCell {
        SheetCell {
            row,
            col,
            text: text.into(),
            ..SheetCell::default()
        }
    }

    #[test]
    fn title_rows_become_paragraphs_and_merges_spans() {
        let cells = vec![
            cell(0, 0, "Title"),
            cell(2, 0, "Nr"),
            cell(2, 1, "Aktivitet"),
            cell(3, 0, "1"),
            cell(3, 1, "Gör"),
        ];
        let blocks = sheet_blocks("Plan", cells, &[((0, 0), (0, 6)), ((3, 1), (4, 1))]);
        assert!(matches!(&blocks[0], Block::Paragraph { text, .. } if text == "Title"));
        let Block::Table(t) = &blocks[1] else {
            panic!()
        };
        assert_eq!(t.sheet.as_deref(), Some("Plan"));
        let gor = t.cells.iter().find(|c| c.text == "Gör").unwrap();
        assert_eq!((gor.row, gor.col, gor.row_span), (1, 1, 2));
    }

    #[test]
    fn a_far_cell_does_not_make_a_vast_grid() {
        let cells = vec![
            cell(0, 0, "Nr"),
            cell(0, 1, "Aktivitet"),
            cell(1_048_575, 16_383, "x"),
        ];
        // The used range is compacted to the used rows and columns.
        let range = used_range("S", &cells, &[], &Hidden::default()).unwrap();
        assert_eq!((range.n_rows, range.n_cols, range.origin), (2, 3, None));
        // Hidden rows and columns are marked at their ranks among the used ones.
        let mut hidden = Hidden::default();
        hidden.rows.add(5, 1_048_575);
        hidden.cols.add(1, 100);
        let range = used_range("S", &cells, &[], &hidden).unwrap();
        assert_eq!((range.hidden_rows, range.hidden_cols), (vec![1], vec![1]));
        // The far cell is a block of its own (a note far below).
        let blocks = sheet_blocks("S", cells, &[]);
        let Block::Table(t) = &blocks[0] else {
            panic!()
        };
        assert_eq!((t.n_rows, t.n_cols, t.origin), (1, 2, Some((0, 0))));
        assert!(matches!(&blocks[1], Block::Paragraph { text, .. } if text == "x"));
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(0.25), "0.25");
    }

    #[test]
    fn blocks_side_by_side_and_stacked_are_apart_and_spacers_are_not() {
        let mut cells = Vec::new();
        // A table at A1:C4 with an empty spacer row (3) and an empty spacer column D
        // running beside its columns E..F over the same rows.
        for r in [0, 1, 2, 4] {
            for c in [0, 1, 2, 4, 5] {
                cells.push(cell(r, c, &format!("t{r}{c}")));
            }
        }
        // A legend beside it, over other rows: H2:I3.
        cells.push(cell(1, 7, "Grønn"));
        cells.push(cell(1, 8, "Gjennomført"));
        cells.push(cell(2, 7, "Gul"));
        cells.push(cell(2, 8, "Pågår"));
        // A second table below two empty rows: A8:B9.
        cells.push(cell(7, 0, "Mål"));
        cells.push(cell(7, 1, "Status"));
        cells.push(cell(8, 0, "M1"));
        cells.push(cell(8, 1, "Nådd"));
        let blocks = split_blocks(cells, &[]);
        let boxes: Vec<(u32, u32, u32, u32)> = blocks
            .iter()
            .map(|b| {
                let (r0, r1) = bounds(b.iter().map(|c| c.row));
                let (c0, c1) = bounds(b.iter().map(|c| c.col));
                (r0, c0, r1, c1)
            })
            .collect();
        assert_eq!(boxes, [(0, 0, 4, 5), (1, 7, 2, 8), (7, 0, 8, 1)]);
    }

    #[test]
    fn the_used_range_keeps_positions_and_clips_merges() {
        let cells = vec![cell(2, 1, "a"), cell(4, 3, "b")];
        let mut hidden = Hidden::default();
        hidden.rows.add(0, 3);
        hidden.cols.add(3, 9);
        let t = used_range("S", &cells, &[((2, 1), (6, 8))], &hidden).unwrap();
        assert_eq!((t.n_rows, t.n_cols, t.origin), (3, 3, Some((2, 1))));
        // Marked within the range only, counted from its first row and column.
        assert_eq!((t.hidden_rows, t.hidden_cols), (vec![0, 1], vec![2]));
        assert_eq!((t.cells[0].row_span, t.cells[0].col_span), (3, 3));
    }
}
