//! Cell fill colours and hidden rows and columns of an `.xls` workbook (BIFF8), which
//! calamine does not expose.
//!
//! The workbook globals hold the colour palette (PALETTE, or the default BIFF8 palette
//! when absent), the cell formats (XF: fill pattern and pattern colour index) and the
//! sheets (BOUNDSHEET8: where each sheet's substream begins). Each sheet substream holds
//! cell records, each naming its XF. A cell whose XF has a solid fill in a palette
//! colour gets that colour; blank cells that carry only a fill are kept too, since a
//! status given as a coloured empty cell is still a status. The walk is one pass over
//! the stream's records; what it keeps is bounded by the records present.

use std::collections::HashMap;

use super::grid::CELL_LIMIT;
use super::hidden::Hidden;
use super::xls_guard::Records;
use crate::colour::Rgb;
use crate::error::ReadError;

/// The eight fixed colours, indices 0–7.
const FIXED: [(u8, u8, u8); 8] = [
    (0, 0, 0),
    (255, 255, 255),
    (255, 0, 0),
    (0, 255, 0),
    (0, 0, 255),
    (255, 255, 0),
    (255, 0, 255),
    (0, 255, 255),
];

/// The default BIFF8 palette, indices 8–63, in force where a workbook has no PALETTE.
const DEFAULT_PALETTE: [(u8, u8, u8); 56] = [
    (0, 0, 0),
    (255, 255, 255),
    (255, 0, 0),
    (0, 255, 0),
    (0, 0, 255),
    (255, 255, 0),
    (255, 0, 255),
    (0, 255, 255),
    (128, 0, 0),
    (0, 128, 0),
    (0, 0, 128),
    (128, 128, 0),
    (128, 0, 128),
    (0, 128, 128),
    (192, 192, 192),
    (128, 128, 128),
    (153, 153, 255),
    (153, 51, 102),
    (255, 255, 204),
    (204, 255, 255),
    (102, 0, 102),
    (255, 128, 128),
    (0, 102, 204),
    (204, 204, 255),
    (0, 0, 128),
    (255, 0, 255),
    (255, 255, 0),
    (0, 255, 255),
    (128, 0, 128),
    (128, 0, 0),
    (0, 128, 128),
    (0, 0, 255),
    (0, 204, 255),
    (204, 255, 255),
    (204, 255, 204),
    (255, 255, 153),
    (153, 204, 255),
    (255, 153, 204),
    (204, 153, 255),
    (255, 204, 153),
    (51, 102, 255),
    (51, 204, 204),
    (153, 204, 0),
    (255, 204, 0),
    (255, 153, 0),
    (255, 102, 0),
    (102, 102, 153),
    (150, 150, 150),
    (0, 51, 102),
    (51, 153, 102),
    (0, 51, 0),
    (51, 51, 0),
    (153, 51, 0),
    (153, 51, 102),
    (51, 51, 153),
    (51, 51, 51),
];

/// Fill pattern `fls` of a solid fill (the pattern colour fills the cell).
const SOLID: u32 = 1;

/// A filled cell: row, column, fill colour.
pub type FilledCell = (u32, u32, Rgb);

/// The fills of a workbook's sheets.
#[derive(Debug, Default)]
pub struct XlsFills {
    /// Where each sheet's substream begins, in BOUNDSHEET8 order (calamine's sheet order).
    sheet_starts: Vec<usize>,
    /// Filled cells (row, column, colour) of the substream beginning at each offset.
    by_start: HashMap<usize, Vec<FilledCell>>,
    /// Hidden rows (ROW records with `fDyZero`) and columns (COLINFO with `fHidden`) of
    /// the substream beginning at each offset.
    hidden_by_start: HashMap<usize, Hidden>,
}

impl XlsFills {
    /// The filled cells (row, column, colour) of the `index`th sheet, in record order.
    pub fn sheet(&self, index: usize) -> &[FilledCell] {
        self.sheet_starts
            .get(index)
            .and_then(|start| self.by_start.get(start))
            .map_or(&[], Vec::as_slice)
    }

    /// The rows and columns the `index`th sheet hides.
    pub fn hidden(&self, index: usize) -> Hidden {
        self.sheet_starts
            .get(index)
            .and_then(|start| self.hidden_by_start.get(start))
            .cloned()
            .unwrap_or_default()
    }

    /// Number of sheets the workbook declares.
    pub fn sheet_count(&self) -> usize {
        self.sheet_starts.len()
    }
}

/// The colour of palette index `icv` in the default palette (no PALETTE record), as
/// binary workbooks name their indexed colours.
pub fn default_colour(icv: u16) -> Option<Rgb> {
    colour(&DEFAULT_PALETTE, icv)
}

/// The colour of palette index `icv`, or `None` for the automatic and system colours
/// (64 and above).
fn colour(palette: &[(u8, u8, u8); 56], icv: u16) -> Option<Rgb> {
    let (r, g, b) = match icv {
        0..=7 => FIXED[usize::from(icv)],
        8..=63 => palette[usize::from(icv) - 8],
        _ => return None,
    };
    Some(Rgb(r, g, b))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The solid fill of an XF record (BIFF8, [MS-XLS] 2.4.353): `fls` is the top six bits
/// of the 32-bit field at offset 14, `icvFore` the low seven bits at offset 18. Gives
/// the pattern colour index of a solid fill, or `None`.
fn xf_fill_index(data: &[u8]) -> Option<u16> {
    let borders = u32_at(data, 14)?;
    let fls = borders >> 26;
    let icv_fore = u16_at(data, 18)? & 0x7F;
    (fls == SOLID).then_some(icv_fore)
}

/// Reads the fills of the workbook stream `stream` (BIFF8). A stream of an older BIFF
/// version, or an encrypted one, gives no fills. Fails only when the sheets hold more
/// filled cells than [`CELL_LIMIT`].
pub fn read(stream: &[u8]) -> Result<XlsFills, ReadError> {
    let mut fills = XlsFills::default();
    let mut palette = DEFAULT_PALETTE;
    // Solid-fill colour index of each XF, in XF order.
    let mut xf_index: Vec<Option<u16>> = Vec::new();
    // Colour of each XF, resolved when the globals end.
    let mut xf_colour: Vec<Option<Rgb>> = Vec::new();
    let mut in_globals = true;
    let mut depth = 0usize;
    // The sheet substream being read: where it began, and its filled cells.
    let mut current: Option<(usize, Vec<FilledCell>)> = None;
    let mut hidden = Hidden::default();
    let mut kept = 0usize;
    for (pos, typ, data) in Records::new(stream) {
        match typ {
            // BOF: a substream begins (the globals first, in BIFF8: version 0x0600).
            0x0809 => {
                if in_globals && depth == 0 && u16_at(data, 0) != Some(0x0600) {
                    return Ok(XlsFills::default());
                }
                depth += 1;
                if depth == 1 && !in_globals {
                    current = Some((pos, Vec::new()));
                    hidden = Hidden::default();
                }
            }
            // EOF: one ends.
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    if in_globals {
                        in_globals = false;
                        xf_colour = xf_index
                            .iter()
                            .map(|i| i.and_then(|i| colour(&palette, i)))
                            .collect();
                    }
                    if let Some((start, list)) = current.take() {
                        fills.by_start.insert(start, list);
                        fills
                            .hidden_by_start
                            .insert(start, std::mem::take(&mut hidden));
                    }
                }
            }
            _ if depth == 1 && in_globals => match typ {
                // FILEPASS: the rest is encrypted.
                0x002F => return Ok(XlsFills::default()),
                0x0092 => {
                    let count = usize::from(u16_at(data, 0).unwrap_or(0)).min(56);
                    for (i, entry) in data.get(2..).unwrap_or(&[]).chunks_exact(4).enumerate() {
                        if i >= count {
                            break;
                        }
                        palette[i] = (entry[0], entry[1], entry[2]);
                    }
                }
                0x00E0 => xf_index.push(xf_fill_index(data)),
                0x0085 => {
                    if let Some(start) = u32_at(data, 0) {
                        fills.sheet_starts.push(start as usize);
                    }
                }
                _ => {}
            },
            _ if depth == 1 => {
                let Some((_, list)) = current.as_mut() else {
                    continue;
                };
                match typ {
                    // ROW: fDyZero (bit 5 of the flags at byte 12) hides the row.
                    0x0208 => {
                        if let (Some(row), Some(flags)) = (u16_at(data, 0), u16_at(data, 12)) {
                            if flags & 0x20 != 0 {
                                hidden.rows.add(row.into(), row.into());
                            }
                        }
                        continue;
                    }
                    // COLINFO: first and last column, width, XF, flags (bit 0 fHidden).
                    0x007D => {
                        let (first, last) = (u16_at(data, 0), u16_at(data, 2));
                        if let (Some(first), Some(last), Some(flags)) =
                            (first, last, u16_at(data, 8))
                        {
                            if flags & 1 != 0 {
                                hidden.cols.add(first.into(), last.into());
                            }
                        }
                        continue;
                    }
                    _ => {}
                }
                let row = u16_at(data, 0).map(u32::from);
                let col = u16_at(data, 2).map(u32::from);
                let (Some(row), Some(col)) = (row, col) else {
                    continue;
                };
                let mut add = |col: u32, ixfe: Option<u16>| -> Result<(), ReadError> {
                    if let Some(rgb) = ixfe
                        .and_then(|i| xf_colour.get(usize::from(i)))
                        .copied()
                        .flatten()
                    {
                        kept += 1;
                        if kept > CELL_LIMIT {
                            return Err(ReadError::Limit(format!(
                                "the sheets hold more than {CELL_LIMIT} filled cells"
                            )));
                        }
                        list.push((row, col, rgb));
                    }
                    Ok(())
                };
                match typ {
                    // LabelSst, Label, Number, Rk, Blank, BoolErr, Formula, RString.
                    0x00FD | 0x0204 | 0x0203 | 0x027E | 0x0201 | 0x0205 | 0x0006 | 0x00D6 => {
                        add(col, u16_at(data, 4))?;
                    }
                    // MulRk: row, first column, (ixfe, RK value) per cell, last column.
                    0x00BD => {
                        let body = data.get(4..data.len().saturating_sub(2)).unwrap_or(&[]);
                        for (i, cell) in body.chunks_exact(6).enumerate() {
                            add(col + i as u32, u16_at(cell, 0))?;
                        }
                    }
                    // MulBlank: row, first column, ixfe per cell, last column.
                    0x00BE => {
                        let body = data.get(4..data.len().saturating_sub(2)).unwrap_or(&[]);
                        for (i, cell) in body.chunks_exact(2).enumerate() {
                            add(col + i as u32, u16_at(cell, 0))?;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    // A last substream without its EOF still counts.
    if let Some((start, list)) = current.take() {
        fills.by_start.insert(start, list);
        fills.hidden_by_start.insert(start, hidden);
    }
    Ok(fills)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        out.extend(typ.to_le_bytes());
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
    }

    /// An XF record with pattern `fls` and pattern colour `fore`, background 65.
    fn xf(fls: u32, fore: u16) -> Vec<u8> {
        let mut d = vec![0u8; 20];
        // Border colours in the low bits, to show they do not leak into the pattern.
        d[14..18].copy_from_slice(&((fls << 26) | 0x1F_FFFF).to_le_bytes());
        d[18..20].copy_from_slice(&(fore | (65 << 7)).to_le_bytes());
        d
    }

    fn bof() -> Vec<u8> {
        let mut d = vec![0u8; 16];
        d[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
        d
    }

    fn cell(row: u16, col: u16, ixfe: u16, tail: usize) -> Vec<u8> {
        let mut d = Vec::new();
        d.extend(row.to_le_bytes());
        d.extend(col.to_le_bytes());
        d.extend(ixfe.to_le_bytes());
        d.extend(vec![0u8; tail]);
        d
    }

    /// Globals with XFs 0 (no fill), 1 (solid 17), 2 (solid automatic), 3 (pattern 2 in
    /// 10), 4 (solid 10); a palette when `palette`; two sheets.
    fn workbook(palette: bool, cells: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut s = Vec::new();
        record(&mut s, 0x0809, &bof());
        if palette {
            let mut p = 56u16.to_le_bytes().to_vec();
            for i in 0..56u8 {
                p.extend([i, 0xB0, 0x50, 0]);
            }
            record(&mut s, 0x0092, &p);
        }
        for (fls, fore) in [(0, 64), (1, 17), (1, 64), (2, 10), (1, 10)] {
            record(&mut s, 0x00E0, &xf(fls, fore));
        }
        // Sheet starts are patched below.
        let sheets_at = s.len();
        for _ in 0..2 {
            record(&mut s, 0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S']);
        }
        record(&mut s, 0x000A, &[]);
        let first = s.len() as u32;
        record(&mut s, 0x0809, &bof());
        for (typ, data) in cells {
            record(&mut s, *typ, data);
        }
        record(&mut s, 0x000A, &[]);
        let second = s.len() as u32;
        record(&mut s, 0x0809, &bof());
        record(&mut s, 0x0201, &cell(0, 0, 4, 0));
        record(&mut s, 0x000A, &[]);
        s[sheets_at + 4..sheets_at + 8].copy_from_slice(&first.to_le_bytes());
        s[sheets_at + 17..sheets_at + 21].copy_from_slice(&second.to_le_bytes());
        s
    }

    #[test]
    fn solid_fills_in_palette_colours_reach_their_cells() {
        let mut mulblank = cell(3, 1, 1, 0);
        mulblank.extend(4u16.to_le_bytes());
        mulblank.extend(1u16.to_le_bytes());
        mulblank.extend(3u16.to_le_bytes());
        let mut mulrk = cell(4, 0, 4, 4);
        mulrk.extend(0u16.to_le_bytes());
        mulrk.extend([0u8; 4]);
        mulrk.extend(1u16.to_le_bytes());
        let cells = vec![
            (0x00FD, cell(0, 0, 1, 4)),
            (0x0203, cell(1, 0, 2, 8)),
            (0x0201, cell(2, 5, 3, 0)),
            (0x0201, cell(2, 6, 4, 0)),
            (0x0204, cell(2, 7, 99, 4)),
            (0x00BE, mulblank),
            (0x00BD, mulrk),
        ];
        let green = Rgb(0, 128, 0);
        let red = Rgb(255, 0, 0);
        let fills = read(&workbook(false, &cells)).unwrap();
        assert_eq!(fills.sheet_count(), 2);
        assert_eq!(
            fills.sheet(0),
            [
                (0, 0, green),
                (2, 6, red),
                (3, 1, green),
                (3, 2, red),
                (3, 3, green),
                (4, 0, red),
            ]
        );
        assert_eq!(fills.sheet(1), [(0, 0, red)]);
        assert!(fills.sheet(2).is_empty());
        // A PALETTE record replaces indices 8–63; 0–7 stay fixed.
        let fills = read(&workbook(true, &cells)).unwrap();
        assert_eq!(fills.sheet(0)[0], (0, 0, Rgb(9, 0xB0, 0x50)));
        assert_eq!(fills.sheet(1), [(0, 0, Rgb(2, 0xB0, 0x50))]);
        assert_eq!(colour(&DEFAULT_PALETTE, 2), Some(red));
    }

    #[test]
    fn truncated_encrypted_and_older_streams_give_no_fills() {
        let cells = vec![(0x00FD, cell(0, 0, 1, 4))];
        let whole = workbook(false, &cells);
        for cut in 0..whole.len() {
            let _ = read(&whole[..cut]).unwrap();
        }
        let mut encrypted = Vec::new();
        record(&mut encrypted, 0x0809, &bof());
        record(&mut encrypted, 0x002F, &[0; 6]);
        encrypted.extend(&whole[20..]);
        assert_eq!(read(&encrypted).unwrap().sheet_count(), 0);
        let mut biff5 = whole.clone();
        biff5[4..6].copy_from_slice(&0x0500u16.to_le_bytes());
        assert_eq!(read(&biff5).unwrap().sheet_count(), 0);
    }
}

#[cfg(test)]
mod mutations {
    use super::*;
    use crate::read::compound::Compound;

    /// Flipped bytes and cut streams of a real workbook end in fills or an error, never
    /// a panic, and never more filled cells than the stream has bytes.
    #[test]
    fn damaged_streams_never_panic() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/xls/xlwt-status-fills.xls"
        );
        let bytes = std::fs::read(path).unwrap();
        let stream = Compound::open(&bytes)
            .unwrap()
            .stream("Workbook")
            .unwrap()
            .unwrap();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let mut s = stream.clone();
            for _ in 0..1 + next() % 8 {
                let at = (next() % s.len() as u64) as usize;
                s[at] = next() as u8;
            }
            s.truncate(1 + (next() % s.len() as u64) as usize);
            if let Ok(fills) = read(&s) {
                let kept: usize = fills.by_start.values().map(Vec::len).sum();
                assert!(kept <= s.len());
            }
        }
    }
}
