//! Hidden rows and columns of a sheet (xlsx `<row hidden="1">`, `<col hidden="1">`; ODS
//! `table:visibility="collapse"` or `"filter"`; xls ROW and COLINFO records).
//!
//! The rule: `tables` keeps hidden rows and columns in a sheet's used range and marks
//! them (`hidden_rows`, `hidden_cols`); `extract` reads a sheet as its reader sees it,
//! without them. A row hidden in a follow-up sheet is mostly an old or obsolete one (a
//! finished activity, a replaced wording, a filter's leftovers), and a hidden column
//! holds working notes; reading them as records would add what the author chose not to
//! show. The table blocks are therefore found in the sheet with its hidden rows and
//! columns taken out (the rows and columns around them close up, so two hidden rows
//! do not cut a table in two).

use super::grid::{sheet_blocks, Merge, SheetCell};
use crate::model::Block;

/// Rows and columns a sheet hides, as sorted, disjoint, inclusive ranges of 0-based
/// sheet coordinates.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// Hidden rows.
    pub rows: Ranges,
    /// Hidden columns.
    pub cols: Ranges,
}

/// Sorted, disjoint, inclusive ranges of coordinates.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ranges(Vec<(u32, u32)>);

impl Ranges {
    /// Adds `first..=last` (ignored when `last < first`).
    pub fn add(&mut self, first: u32, last: u32) {
        if last < first {
            return;
        }
        // Ranges mostly come in order: join the last one when they touch.
        if let Some(end) = self.0.last_mut() {
            if end.0 <= first && first <= end.1.saturating_add(1) {
                end.1 = end.1.max(last);
                return;
            }
        }
        self.0.push((first, last));
        if self.0.len() > 1 && self.0[self.0.len() - 2].0 > first {
            self.normalize();
        }
    }

    fn normalize(&mut self) {
        self.0.sort_unstable();
        let mut out: Vec<(u32, u32)> = Vec::with_capacity(self.0.len());
        for &(a, b) in &self.0 {
            match out.last_mut() {
                Some(end) if a <= end.1.saturating_add(1) => end.1 = end.1.max(b),
                _ => out.push((a, b)),
            }
        }
        self.0 = out;
    }

    /// Whether nothing is hidden.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `x` is in a range.
    pub fn contains(&self, x: u32) -> bool {
        let i = self.0.partition_point(|&(_, b)| b < x);
        self.0.get(i).is_some_and(|&(a, _)| a <= x)
    }

    /// How many coordinates below `x` are in a range.
    pub fn count_below(&self, x: u32) -> u32 {
        self.0
            .iter()
            .take_while(|&&(a, _)| a < x)
            .map(|&(a, b)| b.min(x - 1) - a + 1)
            .sum()
    }

    /// The ranges.
    pub fn ranges(&self) -> &[(u32, u32)] {
        &self.0
    }

    /// The `n`th coordinate (0-based) that is in no range.
    pub fn nth_shown(&self, n: u32) -> u32 {
        let mut x = n;
        for &(a, b) in &self.0 {
            if a <= x {
                x = x.saturating_add(b - a + 1);
            } else {
                break;
            }
        }
        x
    }
}

impl Hidden {
    /// Whether the sheet hides nothing.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.cols.is_empty()
    }
}

/// The blocks `extract` reads from a sheet ([`sheet_blocks`]) with its hidden rows and
/// columns taken out: their cells are dropped, the rows and columns after them move up
/// and left, a merged range keeps its shown part, and each table's first cell is named
/// in the sheet's own coordinates again.
pub fn visible_blocks(
    name: &str,
    cells: Vec<SheetCell>,
    merges: &[Merge],
    hidden: &Hidden,
) -> Vec<Block> {
    if hidden.is_empty() {
        return sheet_blocks(name, cells, merges);
    }
    let (rows, cols) = (&hidden.rows, &hidden.cols);
    let cells: Vec<SheetCell> = cells
        .into_iter()
        .filter(|c| !rows.contains(c.row) && !cols.contains(c.col))
        .map(|c| SheetCell {
            row: c.row - rows.count_below(c.row),
            col: c.col - cols.count_below(c.col),
            ..c
        })
        .collect();
    // A range's shown part: from its first shown coordinate to its last.
    let shown = |ranges: &Ranges, a: u32, b: u32| {
        let first = a - ranges.count_below(a);
        let last_below = b.saturating_add(1);
        let count = last_below - ranges.count_below(last_below);
        (count > first).then(|| (first, count - 1))
    };
    let merges: Vec<Merge> = merges
        .iter()
        .filter(|((r0, c0), (r1, c1))| r0 <= r1 && c0 <= c1)
        .filter(|((r0, c0), _)| !rows.contains(*r0) && !cols.contains(*c0))
        .filter_map(|&((r0, c0), (r1, c1))| {
            let (a, b) = shown(rows, r0, r1)?;
            let (c, d) = shown(cols, c0, c1)?;
            Some(((a, c), (b, d)))
        })
        .collect();
    let mut blocks = sheet_blocks(name, cells, &merges);
    for b in &mut blocks {
        if let Block::Table(t) = b {
            t.origin = t.origin.map(|(r, c)| {
                (
                    rows.nth_shown(r as u32) as usize,
                    cols.nth_shown(c as u32) as usize,
                )
            });
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(list: &[(u32, u32)]) -> Ranges {
        let mut r = Ranges::default();
        for &(a, b) in list {
            r.add(a, b);
        }
        r
    }

    #[test]
    fn ranges_join_and_count() {
        let r = ranges(&[(5, 6), (2, 2), (3, 3), (10, 12), (1, 0)]);
        assert_eq!(r.ranges(), [(2, 3), (5, 6), (10, 12)]);
        assert!(r.contains(3) && r.contains(11) && !r.contains(4) && !r.contains(13));
        assert_eq!(r.count_below(0), 0);
        assert_eq!(r.count_below(6), 3);
        assert_eq!(r.count_below(100), 7);
        // Shown coordinates: 0 1 4 7 8 9 13 …
        assert_eq!(
            (0..7).map(|n| r.nth_shown(n)).collect::<Vec<_>>(),
            [0, 1, 4, 7, 8, 9, 13]
        );
        let whole = ranges(&[(0, u32::MAX)]);
        assert_eq!(whole.count_below(u32::MAX), u32::MAX);
    }

    #[test]
    fn hidden_rows_close_up_and_merges_keep_their_shown_part() {
        let cell = |row, col, text: &str| SheetCell {
            row,
            col,
            text: text.into(),
            valued: true,
            ..SheetCell::default()
        };
        let cells = vec![
            cell(2, 1, "Nr"),
            cell(2, 2, "Tiltak"),
            cell(2, 3, "Notat"),
            cell(3, 1, "1"),
            cell(3, 2, "Les"),
            cell(4, 1, "2"),
            cell(4, 2, "Gammel"),
            cell(5, 1, "3"),
            cell(5, 2, "Skriv"),
        ];
        let mut hidden = Hidden::default();
        hidden.rows.add(4, 4);
        hidden.cols.add(3, 3);
        let blocks = visible_blocks("S", cells, &[((3, 2), (4, 3))], &hidden);
        let [Block::Table(t)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert_eq!(t.origin, Some((2, 1)));
        assert_eq!((t.n_rows, t.n_cols), (3, 2));
        let texts: Vec<&str> = t.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["Nr", "Tiltak", "1", "Les", "3", "Skriv"]);
        assert!(t.cells.iter().all(|c| (c.row_span, c.col_span) == (1, 1)));
    }
}
