//! Sparse cells (as spreadsheets and OpenDocument tables give them) into the model:
//! coordinates compacted when a sheet is vast and mostly empty, merges into spans, leading
//! title rows into paragraphs.

use std::collections::BTreeSet;

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
}

/// A merged range: first and last row, first and last column (inclusive).
pub type Merge = ((u32, u32), (u32, u32));

/// Builds the blocks of one sheet: rows above the table that hold a single text (titles,
/// notes, legends) become paragraphs; the rest is one table.
pub fn sheet_blocks(name: &str, mut cells: Vec<SheetCell>, merges: &[Merge]) -> Vec<Block> {
    cells.retain(|c| !c.text.trim().is_empty() || c.fill.is_some());
    if cells.is_empty() {
        return Vec::new();
    }
    cells.sort_by_key(|c| (c.row, c.col));
    // Leading rows with one text only are prose above the table.
    let mut blocks = Vec::new();
    let mut table_start = None;
    // Cells are sorted by row: each row is one run, so this pass is linear.
    for row in cells.chunk_by(|a, b| a.row == b.row) {
        let r = row[0].row;
        let in_row: Vec<&SheetCell> = row.iter().filter(|c| !c.text.trim().is_empty()).collect();
        if in_row.len() >= 2 {
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
            title_lines: 0,
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
    t
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
        let blocks = sheet_blocks("S", cells, &[]);
        let Block::Table(t) = &blocks[0] else {
            panic!()
        };
        assert_eq!((t.n_rows, t.n_cols), (2, 3));
        assert_eq!(number_text(1.0), "1");
        assert_eq!(number_text(0.25), "0.25");
    }
}
