//! A pass over an `.xls` workbook's records before calamine opens it. calamine builds
//! every sheet as a dense grid over the bounding box of its cells, and reserves room for
//! the box a sheet's DIMENSIONS record claims, all while opening the file: one cell at
//! IV65536 costs about a gigabyte, and a 30-byte DIMENSIONS record claiming 2³² rows
//! aborts the process. Here both boxes are measured from the records and refused above
//! a limit, so such a file fails with a reason instead.

use super::compound::Compound;
use crate::error::ReadError;

/// Largest grid one sheet may make calamine allocate (cells of the bounding box).
pub const SHEET_GRID_LIMIT: u64 = 4_000_000;
/// Largest grid all sheets together may make calamine allocate.
pub const BOOK_GRID_LIMIT: u64 = 8_000_000;

/// The cell box of one sheet substream and the box its DIMENSIONS claims.
#[derive(Default)]
struct SheetBox {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
    claimed: u64,
}

impl SheetBox {
    fn add(&mut self, row: u32, col: u32) {
        let widen = |b: Option<(u32, u32)>, v: u32| match b {
            Some((lo, hi)) => Some((lo.min(v), hi.max(v))),
            None => Some((v, v)),
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                (u64::from(r1 - r0) + 1).saturating_mul(u64::from(c1 - c0) + 1)
            }
            _ => 0,
        }
    }
}

/// The records of a BIFF stream in order: each as its offset in the stream, its type
/// and its data. The walk ends at the end of the stream or at a record that claims more
/// bytes than remain.
pub struct Records<'a> {
    stream: &'a [u8],
    pos: usize,
}

impl<'a> Records<'a> {
    /// Walks `stream` from its first record.
    pub fn new(stream: &'a [u8]) -> Records<'a> {
        Records { stream, pos: 0 }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = (usize, u16, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let at = self.pos;
        let header = self.stream.get(at..at.checked_add(4)?)?;
        let typ = u16::from_le_bytes([header[0], header[1]]);
        let len = usize::from(u16::from_le_bytes([header[2], header[3]]));
        let data = self.stream.get(at + 4..at + 4 + len)?;
        self.pos = at + 4 + len;
        Some((at, typ, data))
    }
}

/// Checks the grids an `.xls` file would make calamine allocate, and the compound
/// file's sector chains it would follow, and gives the workbook stream it measured.
/// Files that are not compound files pass with none: calamine gives their reason. A
/// compound file without a workbook stream is refused here: calamine would still walk
/// its chains (or find a stream this parser does not) unchecked.
pub fn check(bytes: &[u8]) -> Result<Option<Vec<u8>>, ReadError> {
    if !bytes.starts_with(&super::encryption::OLE_MAGIC) {
        return Ok(None);
    }
    let compound = Compound::open(bytes)?;
    compound.check_streams()?;
    let stream = match compound.stream("Workbook")? {
        Some(s) => s,
        None => match compound.stream("Book")? {
            Some(s) => s,
            None => {
                return Err(ReadError::NotFormat {
                    expected: "Excel 97-2003",
                    detail: "the compound file has no Workbook stream".into(),
                })
            }
        },
    };
    let mut total = 0u64;
    let mut sheet = 0usize;
    let mut depth = 0usize;
    let mut current = SheetBox::default();
    let mut sheet_offsets: Vec<usize> = Vec::new();
    for (_, typ, data) in Records::new(&stream) {
        let len = data.len();
        let at = |i: usize| {
            data.get(i..i + 2)
                .map(|p| u32::from(u16::from_le_bytes([p[0], p[1]])))
        };
        match typ {
            // BOF: a substream (globals, a sheet, or a chart inside a sheet) begins.
            0x0809 => {
                depth += 1;
                if depth == 1 {
                    current = SheetBox::default();
                }
            }
            // EOF: one ends.
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    // The first substream is the workbook globals: sheets count from 1.
                    measure(sheet, &current, &mut total)?;
                    sheet += 1;
                }
            }
            0x0200 => current.claimed = current.claimed.max(claimed_cells(data)),
            // BoundSheet8: where a sheet's substream starts (calamine goes there).
            0x0085 => {
                if let Some(p) = data.get(..4) {
                    sheet_offsets.push(u32::from_le_bytes([p[0], p[1], p[2], p[3]]) as usize);
                }
            }
            // Number, Label, RString, BoolErr, Formula, Rk, LabelSst: row and column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x0006 | 0x027E | 0x00FD => {
                if let (Some(row), Some(col)) = (at(0), at(2)) {
                    current.add(row, col);
                }
            }
            // MulRk: row, first column, …, last column in the last two bytes.
            0x00BD => {
                if let (Some(row), Some(first), Some(last)) =
                    (at(0), at(2), at(len.saturating_sub(2)))
                {
                    current.add(row, first);
                    current.add(row, last);
                }
            }
            _ => {}
        }
    }
    // A substream the stream ends inside (no EOF record) is still read by calamine,
    // DIMENSIONS and all.
    if depth > 0 {
        measure(sheet, &current, &mut total)?;
    }
    // calamine reaches each sheet through the offset the workbook lists for it, which
    // need not be where the records above ran: measure the size each claims there too.
    for (n, &offset) in sheet_offsets.iter().enumerate() {
        let Some(substream) = stream.get(offset..) else {
            continue;
        };
        let mut claimed = SheetBox::default();
        for (_, typ, data) in Records::new(substream) {
            match typ {
                0x0200 => claimed.claimed = claimed.claimed.max(claimed_cells(data)),
                0x000A => break,
                _ => {}
            }
        }
        measure(n + 1, &claimed, &mut 0)?;
    }
    Ok(Some(stream))
}

/// Refuses sheet `n` if its box, or all boxes so far (`total`, to which it is added),
/// are larger than the limits.
fn measure(n: usize, sheet: &SheetBox, total: &mut u64) -> Result<(), ReadError> {
    let cells = sheet.cells().max(sheet.claimed);
    if cells > SHEET_GRID_LIMIT {
        return Err(ReadError::Limit(format!(
            "sheet {n} spans {cells} cells (at most {SHEET_GRID_LIMIT})"
        )));
    }
    *total = total.saturating_add(cells);
    if *total > BOOK_GRID_LIMIT {
        return Err(ReadError::Limit(format!(
            "the sheets span {total} cells (at most {BOOK_GRID_LIMIT})"
        )));
    }
    Ok(())
}

/// The cells calamine reserves for a DIMENSIONS record (its arithmetic, wrapping as a
/// release build does).
fn claimed_cells(r: &[u8]) -> u64 {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return 0,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl == 0 || cl == 0 {
        return 1;
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    u64::from(rows).saturating_mul(u64::from(cols))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_claims_follow_calamine() {
        // BIFF8: rows 0..10, columns 0..4.
        let mut r = Vec::new();
        r.extend(0u32.to_le_bytes());
        r.extend(10u32.to_le_bytes());
        r.extend(0u16.to_le_bytes());
        r.extend(4u16.to_le_bytes());
        r.extend(0u16.to_le_bytes());
        assert_eq!(claimed_cells(&r), 40);
        r[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(claimed_cells(&r), u64::from(u32::MAX) * 4);
        assert_eq!(claimed_cells(&[0; 3]), 0);
    }

    #[test]
    fn boxes_count_rows_times_columns() {
        let mut b = SheetBox::default();
        assert_eq!(b.cells(), 0);
        b.add(0, 0);
        b.add(65535, 255);
        assert_eq!(b.cells(), 65536 * 256);
    }
}
