//! A pass over an `.xls` workbook's records before calamine opens it. calamine builds
//! every sheet as a dense grid over the bounding box of its cells, and reserves room for
//! the box a sheet's DIMENSIONS record claims, all while opening the file: one cell at
//! IV65536 costs about a gigabyte, and a 30-byte DIMENSIONS record claiming 2³² rows
//! aborts the process. Here both boxes are measured from the records and refused above
//! a limit, so such a file fails with a reason instead.
//!
//! calamine also reads many of a record's fields without checking that the record holds
//! them, and panics on a record that does not. So the stream is walked once more, record
//! by record as calamine parses it (CONTINUE records joined to the record before them,
//! the workbook globals up to their EOF, then each sheet from where BOUNDSHEET8 puts
//! it), and a record too short for a field calamine reads there fails the file with a
//! one-line reason. Where calamine would stop with an error of its own, the walk stops
//! too and leaves the file to it, so that no file calamine reads without a panic is
//! refused here.

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

    fn add_at(&mut self, (row, col): (u32, u32)) {
        self.add(row, col);
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
    match walk(&stream) {
        Err(Halt::Damaged(reason)) => Err(ReadError::malformed("Excel 97-2003", reason)),
        Err(Halt::Refused(message)) => Err(ReadError::Limit(message)),
        Ok(()) | Err(Halt::Calamine) => Ok(Some(stream)),
    }
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

/// Where a walk of the stream as calamine parses it ends early.
#[derive(Debug, PartialEq)]
enum Halt {
    /// calamine stops here with an error of its own (it gives the file's reason).
    Calamine,
    /// calamine would panic here: the record breaks the format, for this reason.
    Damaged(String),
    /// calamine would allocate more than the limits allow (the limit's message).
    Refused(String),
}

/// A limit [`measure`] refused, as a halt of the walk.
fn refused(e: ReadError) -> Halt {
    match e {
        ReadError::Limit(message) => Halt::Refused(message),
        other => Halt::Damaged(other.to_string()),
    }
}

type Walk = Result<(), Halt>;

fn damaged<T>(reason: String) -> Result<T, Halt> {
    Err(Halt::Damaged(reason))
}

fn u16_le(d: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([d[at], d[at + 1]])
}

/// A record of `len` bytes must hold the `n` bytes calamine reads from it.
fn need(d: &[u8], n: usize, name: &str) -> Walk {
    if d.len() < n {
        return damaged(format!(
            "{name} record of {} bytes, shorter than the {n} it must hold",
            d.len()
        ));
    }
    Ok(())
}

/// A record as calamine's record iterator gives it: the CONTINUE records right after it
/// joined to it.
struct Joined<'a> {
    typ: u16,
    data: &'a [u8],
    cont: Vec<&'a [u8]>,
}

/// The records of a stream as calamine's record iterator gives them; a record the
/// stream ends inside is calamine's error, after which it reads no further.
struct JoinedRecords<'a> {
    stream: &'a [u8],
}

impl<'a> Iterator for JoinedRecords<'a> {
    type Item = Result<Joined<'a>, Halt>;

    fn next(&mut self) -> Option<Self::Item> {
        let s = std::mem::take(&mut self.stream);
        if s.len() < 4 {
            return (!s.is_empty()).then_some(Err(Halt::Calamine));
        }
        let typ = u16_le(s, 0);
        let len = usize::from(u16_le(s, 2));
        let (Some(data), Some(mut rest)) = (s.get(4..4 + len), s.get(4 + len..)) else {
            return Some(Err(Halt::Calamine));
        };
        let mut cont = Vec::new();
        while rest.len() > 4 && u16_le(rest, 0) == 0x003C {
            let len = usize::from(u16_le(rest, 2));
            let Some(c) = rest.get(4..4 + len) else {
                return Some(Err(Halt::Calamine));
            };
            cont.push(c);
            rest = &rest[4 + len..];
        }
        self.stream = rest;
        Some(Ok(Joined { typ, data, cont }))
    }
}

/// Walks the workbook stream as calamine's `Xls::new` parses it: the globals, with the
/// BIFF version of the last BOF read so far, up to their first EOF; then each sheet
/// BOUNDSHEET8 lists, from its offset, with the globals' last BIFF version.
fn walk(stream: &[u8]) -> Walk {
    let mut biff8 = true;
    let mut sheets = Vec::new();
    let mut strings = 0;
    for record in (JoinedRecords { stream }) {
        let r = record?;
        let d = r.data;
        match r.typ {
            // FilePass: an encrypted workbook is calamine's error.
            0x002F => {
                need(d, 2, "FILEPASS")?;
                if u16_le(d, 0) != 0 {
                    return Err(Halt::Calamine);
                }
            }
            0x0042 => need(d, 2, "CODEPAGE")?,
            0x0022 => need(d, 2, "DATEMODE")?,
            0x00E0 if d.len() < 4 => return Err(Halt::Calamine),
            // BoundSheet8: lbPlyPos (4), hsState (1), dt (1), then the sheet's name.
            0x0085 => {
                need(d, 6, "BOUNDSHEET8")?;
                let name = &d[6..];
                if d[4] & 0x3F > 2
                    || !matches!(d[5], 0 | 1 | 2 | 6)
                    || name.is_empty()
                    || (biff8 && name.len() < 2)
                {
                    return Err(Halt::Calamine);
                }
                sheets.push(u32::from_le_bytes([d[0], d[1], d[2], d[3]]) as usize);
            }
            0x0809 => {
                need(d, 2, "BOF")?;
                biff8 = is_biff8(d);
            }
            0x0018 => defined_name(d, biff8)?,
            // ExternSheet: cXTI, then the XTI array.
            0x0017 if biff8 => need(d, 2, "EXTERNSHEET")?,
            0x00FC => strings = shared_strings(&r)?,
            0x000A => break,
            _ => {}
        }
    }
    let (mut cell_total, mut formula_total) = (0, 0);
    for (n, &at) in sheets.iter().enumerate() {
        let Some(substream) = stream.get(at..) else {
            return damaged(format!(
                "sheet {} starts at byte {at}, past the end of the {}-byte workbook stream",
                n + 1,
                stream.len()
            ));
        };
        // calamine lays out each sheet's cells, and its formulas, as dense grids over
        // their bounding boxes, sheet after sheet (a sheet listed twice, twice).
        let (cells, formulas) = sheet(substream, biff8, strings)?;
        measure(n + 1, &cells, &mut cell_total).map_err(refused)?;
        measure(n + 1, &formulas, &mut formula_total).map_err(refused)?;
    }
    Ok(())
}

/// Whether a BOF record starts a BIFF8 substream, as calamine reads its version.
fn is_biff8(d: &[u8]) -> bool {
    let dt = if d.len() >= 4 { u16_le(d, 2) } else { 0 };
    match u16_le(d, 0) {
        0x0200 | 0x0002 | 0x0007 | 0x0300 | 0x0400 | 0x0500 => false,
        0 => dt != 0x1000,
        _ => true,
    }
}

/// Lbl: a 14-byte header (cch at 3, cce at 4), the name, then a formula of cce bytes,
/// which calamine takes from the record's end and whose first token it reads.
fn defined_name(d: &[u8], biff8: bool) -> Walk {
    need(d, 14, "LBL (defined name)")?;
    let cch = usize::from(d[3]);
    let cce = usize::from(u16_le(d, 4));
    if biff8 {
        let Some(&flags) = d.get(14) else {
            return Err(Halt::Calamine);
        };
        if d.len() - 14 < 1 + if flags & 1 != 0 { 2 * cch } else { cch } {
            return Err(Halt::Calamine);
        }
    }
    if cce > d.len() {
        return damaged(format!(
            "defined name's formula of {cce} bytes runs past its {}-byte LBL record",
            d.len()
        ));
    }
    let rgce = &d[d.len() - cce..];
    let Some(&ptg) = rgce.first() else {
        return Ok(());
    };
    // PtgRef3d, PtgArea3d, PtgRefErr3d / PtgAreaErr3d: the bytes calamine reads, ptg
    // included (before BIFF8 they start with 10 bytes of external sheet reference).
    let size = match (ptg, biff8) {
        (0x3A | 0x5A | 0x7A, true) => 7,
        (0x3A | 0x5A | 0x7A, false) => 18,
        (0x3B | 0x5B | 0x7B, true) => 11,
        (0x3B | 0x5B | 0x7B, false) => 21,
        (0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D, true) => 3,
        (0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D, false) => 13,
        _ => return Ok(()),
    };
    if rgce.len() < size {
        return damaged(format!(
            "defined name's formula token 0x{ptg:02X} needs {size} bytes, its formula has {}",
            rgce.len()
        ));
    }
    Ok(())
}

/// SST: two counts, then XLUnicodeRichExtendedStrings that may continue from one
/// record into the next CONTINUE record.
fn shared_strings(r: &Joined) -> Result<usize, Halt> {
    if r.data.len() < 8 {
        return Err(Halt::Calamine);
    }
    let mut data = &r.data[8..];
    let mut cont = r.cont.iter().copied();
    let mut count = 0;
    loop {
        if data.is_empty() {
            match cont.next() {
                Some(c) => data = c,
                None => return Ok(count),
            }
        }
        sst_string(&mut data, &mut cont)?;
        count += 1;
    }
}

/// One XLUnicodeRichExtendedString of the SST: cch, flags, the run count and the
/// phonetic data size when the flags say they are there, the characters (a string cut
/// by a CONTINUE record goes on after the flags byte that starts it), the formatting
/// runs and the phonetic data.
fn sst_string<'a>(data: &mut &'a [u8], cont: &mut impl Iterator<Item = &'a [u8]>) -> Walk {
    if data.is_empty() {
        return Ok(());
    }
    if data.len() < 3 {
        return Err(Halt::Calamine);
    }
    let cch = usize::from(u16_le(data, 0));
    let flags = data[2];
    *data = &data[3..];
    let mut runs = 0;
    if flags & 0x8 != 0 {
        if data.len() < 2 {
            return damaged("SST string's count of formatting runs runs past its record".into());
        }
        runs = usize::from(u16_le(data, 0));
        *data = &data[2..];
    }
    let mut phonetic = 0;
    if flags & 0x4 != 0 {
        if data.len() < 4 {
            return damaged("SST string's size of phonetic data runs past its record".into());
        }
        // calamine's reading: a signed size, so a negative one skips everything left.
        phonetic = i32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize;
        *data = &data[4..];
    }
    let mut left = cch;
    let mut wide = flags & 1 != 0;
    while left > 0 {
        let chars = if wide { data.len() / 2 } else { data.len() }.min(left);
        *data = &data[if wide { 2 * chars } else { chars }..];
        left -= chars;
        if left > 0 {
            let Some(next) = cont.next() else {
                return Err(Halt::Calamine);
            };
            let Some((&flags, rest)) = next.split_first() else {
                return damaged("SST string continues into an empty CONTINUE record".into());
            };
            wide = flags & 1 != 0;
            *data = rest;
        }
    }
    for mut len in [runs * 4, phonetic] {
        while len > 0 {
            if data.is_empty() {
                match cont.next() {
                    Some(c) => *data = c,
                    None => return Err(Halt::Calamine),
                }
            }
            let l = len.min(data.len());
            *data = &data[l..];
            len -= l;
        }
    }
    Ok(())
}

/// One sheet's substream from its BOF to its EOF, embedded substreams (charts) skipped,
/// as calamine reads its cells: gives the boxes of the cells and of the formulas
/// calamine keeps (`strings`: how many shared strings it read).
fn sheet(substream: &[u8], biff8: bool, strings: usize) -> Result<(SheetBox, SheetBox), Halt> {
    let mut seen_bof = false;
    let mut depth = 0usize;
    let mut cells = SheetBox::default();
    let mut formulas = SheetBox::default();
    // The cell a String record gives the value of: the last formula's.
    let mut formula_at = (0, 0);
    let at = |d: &[u8]| (u32::from(u16_le(d, 0)), u32::from(u16_le(d, 2)));
    let stop = |bad: bool| if bad { Err(Halt::Calamine) } else { Ok(()) };
    for record in (JoinedRecords { stream: substream }) {
        let r = record?;
        let d = r.data;
        if depth > 0 {
            match r.typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match r.typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x0200 => stop(!matches!(d.len(), 10 | 14 | 16))?,
            0x0203 => {
                stop(d.len() < 14)?;
                cells.add_at(at(d));
            }
            0x0204 | 0x00D6 => {
                stop(d.len() < 6 || !string_fits(&d[6..], biff8))?;
                cells.add_at(at(d));
            }
            // BoolErr: a boolean, or an error code calamine knows.
            0x0205 => {
                stop(d.len() < 8 || !(d[7] == 0 || d[7] == 1 && known_error(d[6])))?;
                cells.add_at(at(d));
            }
            0x0207 => {
                stop(!string_fits(d, biff8))?;
                cells.add_at(formula_at);
            }
            0x027E => {
                stop(d.len() < 10)?;
                cells.add_at(at(d));
            }
            // LabelSst: a cell only when its string is there.
            0x00FD => {
                stop(d.len() < 10)?;
                if (u32::from_le_bytes([d[6], d[7], d[8], d[9]]) as usize) < strings {
                    cells.add_at(at(d));
                }
            }
            0x00BD => {
                // MulRk: as many 6-byte cells as its columns, in calamine's arithmetic.
                stop(d.len() < 6)?;
                let n = u16_le(d, d.len() - 2)
                    .wrapping_sub(u16_le(d, 2))
                    .wrapping_add(1);
                stop(d.len() != 6 + 6 * usize::from(n))?;
                if n > 0 {
                    let (row, first) = at(d);
                    cells.add_at((row, first));
                    cells.add_at((row, first + u32::from(n) - 1));
                }
            }
            0x00E5 => {
                // MergeCells: cmcs, then cmcs ranges of 8 bytes.
                need(d, 2, "MERGECELLS")?;
                let count = usize::from(u16_le(d, 0));
                if 2 + 8 * count > d.len() {
                    return damaged(format!(
                        "MERGECELLS lists {count} ranges, more than its {}-byte record holds",
                        d.len()
                    ));
                }
            }
            0x0006 => {
                formula_record(d, biff8)?;
                formula_at = at(d);
                formulas.add_at(formula_at);
                // The cached value is a cell unless it is a string (a String record
                // follows with it).
                if !(d[6] == 0 && d[12] == 0xFF && d[13] == 0xFF) {
                    cells.add_at(formula_at);
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    Ok((cells, formulas))
}

/// Whether calamine reads an XLUnicodeString (cch, in BIFF8 a flags byte, characters)
/// from `r` without an error (the characters themselves it takes as far as they go).
fn string_fits(r: &[u8], biff8: bool) -> bool {
    let expected = if biff8 { 3 } else { 2 };
    r.len() >= expected || (r.len() == 2 && u16_le(r, 0) == 0)
}

/// The error codes calamine knows (BErr).
fn known_error(e: u8) -> bool {
    matches!(e, 0x00 | 0x07 | 0x0F | 0x17 | 0x1D | 0x24 | 0x2A | 0x2B)
}

/// Formula: row, column, XF, the cached value (8 bytes), flags, chn (20 bytes in all),
/// then cce and a formula of cce bytes, which must lie in the record.
fn formula_record(d: &[u8], biff8: bool) -> Walk {
    if d.len() < 20 {
        return Err(Halt::Calamine);
    }
    // A cached value marked 0xFFFF whose type calamine does not know is its error.
    if d[12] == 0xFF && d[13] == 0xFF {
        match d[6] {
            0 | 1 | 3 => {}
            2 if known_error(d[8]) => {}
            _ => return Err(Halt::Calamine),
        }
    }
    let rgce = &d[20..];
    if rgce.len() < 2 {
        return damaged(format!(
            "FORMULA record of {} bytes ends before its formula's length",
            d.len()
        ));
    }
    let cce = usize::from(u16_le(rgce, 0));
    if 2 + cce > rgce.len() {
        return damaged(format!(
            "formula of {cce} bytes runs past its {}-byte FORMULA record",
            d.len()
        ));
    }
    formula_tokens(&rgce[2..2 + cce], biff8)
}

/// Walks a formula's tokens as calamine turns them into text, keeping the depth of its
/// stack: a token whose operands run past the formula's end is damaged; a token or a
/// stack calamine refuses ends the walk (calamine gives up on that formula and keeps
/// the cell).
fn formula_tokens(mut rgce: &[u8], biff8: bool) -> Walk {
    let mut stack = 0usize;
    while let Some((&ptg, rest)) = rgce.split_first() {
        rgce = rest;
        let n = rgce.len();
        // The bytes the token takes after its ptg byte, as calamine reads them.
        let size = match ptg {
            0x3A | 0x5A | 0x7A | 0x3C | 0x5C | 0x7C => 6,
            0x3B | 0x5B | 0x7B | 0x3D | 0x5D | 0x7D => 10,
            0x01 if n < 4 => return Ok(()),
            0x01 => 4,
            // Binary operators take two entries and leave one; unary plus and minus and
            // parentheses need one; percent none.
            0x03..=0x13 | 0x15 if stack == 0 => return Ok(()),
            0x03..=0x11 => {
                stack -= 1;
                0
            }
            0x12..=0x15 => 0,
            0x16 => {
                stack += 1;
                0
            }
            // PtgStr: calamine checks the string's length itself.
            0x17 => {
                let Some(&cch) = rgce.first() else {
                    return Ok(());
                };
                let cch = usize::from(cch);
                let chars = match (biff8, rgce.get(1)) {
                    (false, _) => cch,
                    (true, Some(&flags)) => 1 + if flags & 1 != 0 { 2 * cch } else { cch },
                    (true, None) => return Ok(()),
                };
                if n < 1 + chars {
                    return Ok(());
                }
                1 + chars
            }
            0x18 => 5,
            0x19 => match rgce.first() {
                None => 1,
                Some(0x01 | 0x02 | 0x08 | 0x20 | 0x21) => 3,
                Some(0x04) if n < 3 => 3,
                Some(0x04) => 3 + 2 * (usize::from(u16_le(rgce, 1)) + 1),
                Some(0x10) if n >= 3 && stack == 0 => return Ok(()),
                Some(0x10) => 3,
                Some(0x40 | 0x41) if stack == 0 => return Ok(()),
                Some(0x40 | 0x41) => match rgce.get(1) {
                    Some(0x00..=0x06) | None => 3,
                    Some(_) => return Ok(()),
                },
                Some(_) => return Ok(()),
            },
            0x1C => match rgce.first() {
                Some(&e) if !known_error(e) => return Ok(()),
                _ => 1,
            },
            0x1D => 1,
            0x1E => 2,
            0x1F => 8,
            0x20 | 0x40 | 0x60 => 7,
            // PtgFuncVar: argument count, then the function's index.
            0x22 | 0x42 | 0x62 if n < 3 => 3,
            0x22 | 0x42 | 0x62 => {
                let argc = usize::from(rgce[0]);
                if stack < argc || usize::from(u16_le(rgce, 1)) >= FTAB_ARGC.len() {
                    return Ok(());
                }
                stack = stack - argc + 1;
                3
            }
            // PtgFunc: the function's index, its argument count from calamine's table.
            0x21 | 0x41 | 0x61 if n < 2 => 2,
            0x21 | 0x41 | 0x61 => {
                let Some(&argc) = FTAB_ARGC.get(usize::from(u16_le(rgce, 0))) else {
                    return Ok(());
                };
                let argc = usize::from(argc);
                if stack < argc {
                    return Ok(());
                }
                stack = stack - argc + 1;
                2
            }
            0x23 | 0x43 | 0x63 => 4,
            0x24 | 0x44 | 0x64 | 0x2A | 0x4A | 0x6A => {
                if biff8 {
                    4
                } else {
                    3
                }
            }
            0x25 | 0x45 | 0x65 | 0x2B | 0x4B | 0x6B => {
                if biff8 {
                    8
                } else {
                    6
                }
            }
            0x39 | 0x59 => 6,
            _ => return Ok(()),
        };
        // Every operand token leaves one more entry on the stack.
        if matches!(
            ptg,
            0x3A | 0x5A | 0x7A | 0x3B | 0x5B | 0x7B | 0x3C | 0x5C | 0x7C | 0x3D | 0x5D | 0x7D
                | 0x01 | 0x17 | 0x1C..=0x20 | 0x40 | 0x60 | 0x23..=0x25 | 0x43..=0x45
                | 0x63..=0x65 | 0x2A | 0x2B | 0x4A | 0x4B | 0x6A | 0x6B | 0x39 | 0x59
        ) {
            stack += 1;
        }
        if n < size {
            return damaged(format!(
                "formula token 0x{ptg:02X} needs {size} bytes, {n} are left in its formula"
            ));
        }
        rgce = &rgce[size..];
    }
    Ok(())
}

/// calamine's argument counts of the built-in functions a PtgFunc names, by index
/// (calamine's `FTAB_ARGC`, MIT licensed, copied from calamine 0.38).
#[rustfmt::skip]
const FTAB_ARGC: [u8; 485] = [
    255, 3, 1, 1, 255, 255, 255, 255, 1, 1, 0, 254, 255, 2, 3, 1, 1, 1, 1, 0,
    1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 2, 3, 1, 1, 0, 0, 255, 255, 1, 2,
    3, 3, 3, 3, 3, 3, 255, 3, 2, 4, 4, 4, 4, 1, 1, 1, 5, 5, 5, 5,
    6, 3, 2, 0, 3, 3, 3, 1, 1, 1, 2, 1, 1, 1, 0, 1, 1, 1, 5, 2,
    2, 3, 3, 1, 2, 0, 1, 1, 2, 0, 1, 2, 2, 2, 0, 0, 1, 2, 1, 1,
    255, 4, 4, 2, 7, 1, 1, 2, 2, 2, 4, 1, 1, 1, 1, 2, 2, 2, 1, 4,
    4, 1, 3, 1, 3, 2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 2, 2, 2, 2,
    1, 1, 3, 4, 5, 3, 2, 2, 2, 255, 255, 1, 4, 5, 5, 5, 5, 1, 3, 4,
    3, 1, 1, 1, 1, 1, 2, 6, 6, 255, 2, 4, 1, 0, 0, 2, 2, 3, 2, 1,
    1, 1, 4, 255, 1, 2, 1, 2, 2, 3, 1, 3, 4, 255, 255, 3, 3, 2, 1, 3,
    1, 1, 0, 0, 2, 3, 3, 4, 2, 2, 3, 3, 2, 2, 1, 1, 3, 0, 0, 5,
    3, 0, 7, 0, 1, 0, 3, 255, 255, 1, 1, 1, 1, 1, 1, 3, 11, 1, 0, 2,
    3, 5, 4, 4, 1, 0, 5, 5, 1, 0, 0, 1, 2, 2, 1, 255, 1, 1, 2, 3,
    3, 1, 1, 1, 2, 3, 3, 3, 2, 255, 5, 1, 5, 4, 2, 2, 2, 3, 3, 1,
    3, 3, 3, 1, 1, 2, 4, 3, 2, 4, 3, 3, 3, 4, 1, 3, 1, 3, 1, 2,
    3, 3, 4, 2, 2, 2, 2, 2, 2, 3, 2, 2, 2, 2, 2, 2, 4, 4, 255, 255,
    255, 255, 255, 255, 3, 2, 2, 2, 2, 3, 255, 2, 2, 4, 4, 3, 255, 2, 9, 2,
    3, 4, 1, 1, 255, 3, 2, 1, 2, 1, 4, 3, 1, 2, 2, 4, 5, 2, 128, 2,
    1, 255, 255, 255, 255, 255, 255, 255, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 255,
    255, 3, 3, 4, 2, 1, 2, 2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 2, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 255, 255, 4, 1, 1, 2, 2, 2,
    1, 1, 2, 2, 1, 2, 2, 2, 2, 3, 3, 6, 6, 5, 5, 5, 5, 5, 3, 3,
    3, 7, 7, 2, 2, 2, 2, 6, 6, 2, 2, 3, 4, 4, 4, 4, 4, 4, 6, 6,
    8, 8, 8, 8, 2, 2, 7, 7, 8, 8, 5, 3, 3, 255, 255, 255, 2, 4, 5, 1,
    2, 128, 129, 3, 129,
];

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

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    fn is_damaged<T>(w: Result<T, Halt>) -> bool {
        matches!(w, Err(Halt::Damaged(_)))
    }

    #[test]
    fn formula_tokens_must_lie_in_the_formula() {
        // PtgInt 1, PtgFunc SIN (one argument): whole.
        assert_eq!(formula_tokens(&[0x1E, 1, 0, 0x21, 0x0F, 0], true), Ok(()));
        // PtgRef with two of its four bytes.
        assert!(is_damaged(formula_tokens(&[0x24, 0, 0], true)));
        // The same token in BIFF5 takes three bytes.
        assert_eq!(formula_tokens(&[0x24, 0, 0, 0], false), Ok(()));
        // PtgArea3d cut short after a whole PtgNum.
        let mut f = vec![0x1F];
        f.extend(1.5f64.to_le_bytes());
        f.extend([0x3B, 0, 0, 0]);
        assert!(is_damaged(formula_tokens(&f, true)));
        // An operator with nothing on the stack is calamine's error: the walk stops
        // before the cut token after it, as calamine does.
        assert_eq!(formula_tokens(&[0x03, 0x24, 0], true), Ok(()));
        // PtgAttrChoose: its offsets must be there.
        assert!(is_damaged(formula_tokens(&[0x19, 0x04, 3, 0, 0, 0], true)));
    }

    #[test]
    fn sst_strings_follow_their_continue_records() {
        let mut data = vec![0u8; 8];
        data.extend([5, 0, 0, b'a', b'b']);
        let joined = |cont: Vec<&'static [u8]>| Joined {
            typ: 0x00FC,
            data: Box::leak(data.clone().into_boxed_slice()),
            cont,
        };
        // The string goes on after the flags byte that starts the CONTINUE record.
        assert_eq!(shared_strings(&joined(vec![&[0, b'c', b'd', b'e']])), Ok(1));
        assert!(is_damaged(shared_strings(&joined(vec![&[]]))));
        // Cut with no CONTINUE at all: calamine's own error.
        assert_eq!(shared_strings(&joined(vec![])), Err(Halt::Calamine));
        // Rich-text flag with its run count cut off.
        let mut rich = vec![0u8; 8];
        rich.extend([1, 0, 0x08, 1]);
        let r = Joined {
            typ: 0x00FC,
            data: &rich,
            cont: vec![],
        };
        assert!(is_damaged(shared_strings(&r)));
    }

    #[test]
    fn records_join_continue_records_as_calamine_does() {
        let mut stream = record(0x00FC, &[1, 2]);
        stream.extend(record(0x003C, &[3]));
        stream.extend(record(0x003C, &[4, 5]));
        stream.extend(record(0x000A, &[]));
        let records: Vec<_> = JoinedRecords { stream: &stream }
            .map(|r| r.map(|j| (j.typ, j.data.len(), j.cont.len())))
            .collect();
        assert_eq!(records, vec![Ok((0x00FC, 2, 2)), Ok((0x000A, 0, 0))]);
        // A record the stream ends inside is calamine's error, and the last read.
        let cut = &stream[..stream.len() - 6];
        let last = JoinedRecords { stream: cut }.last();
        assert!(matches!(last, Some(Err(Halt::Calamine))));
    }

    #[test]
    fn workbook_walk_checks_sheets_where_boundsheet_puts_them() {
        let bof = record(0x0809, &[0, 6, 5, 0]);
        let mut sheet = vec![0u8; 4];
        sheet.extend([0, 0, 1, 0, b'S']);
        // A sheet listed past the stream's end.
        let mut far = sheet.clone();
        far[..4].copy_from_slice(&1000u32.to_le_bytes());
        let mut stream = bof.clone();
        stream.extend(record(0x0085, &far));
        stream.extend(record(0x000A, &[]));
        assert!(is_damaged(walk(&stream)));
        // A sheet whose MERGECELLS lists more ranges than it holds.
        let mut stream = bof.clone();
        let at = stream.len() + 4 + sheet.len() + 4;
        sheet[..4].copy_from_slice(&(at as u32).to_le_bytes());
        stream.extend(record(0x0085, &sheet));
        stream.extend(record(0x000A, &[]));
        assert_eq!(stream.len(), at);
        stream.extend(&bof);
        let mut merges = 2u16.to_le_bytes().to_vec();
        merges.extend([0; 8]);
        stream.extend(record(0x00E5, &merges));
        stream.extend(record(0x000A, &[]));
        assert!(is_damaged(walk(&stream)));
        // Listing the one range it holds, the workbook walks through.
        let count = stream.len() - 4 - 10;
        stream[count..count + 2].copy_from_slice(&1u16.to_le_bytes());
        assert_eq!(walk(&stream), Ok(()));
    }

    #[test]
    fn a_sheet_listed_three_times_is_laid_out_three_times() {
        let bof = record(0x0809, &[0, 6, 0x10, 0]);
        let boundsheet = |at: u32, name: u8| {
            let mut d = at.to_le_bytes().to_vec();
            d.extend([0, 0, 1, 0, name]);
            record(0x0085, &d)
        };
        let number = |row: u16, col: u16| {
            let mut d = row.to_le_bytes().to_vec();
            d.extend(col.to_le_bytes());
            d.extend([0; 10]);
            record(0x0203, &d)
        };
        let workbook = |sheets: u8| {
            let globals = bof.len() + sheets as usize * boundsheet(0, 0).len() + 4;
            let mut stream = bof.clone();
            for name in 0..sheets {
                stream.extend(boundsheet(globals as u32, b'A' + name));
            }
            stream.extend(record(0x000A, &[]));
            // One sheet of 4000 rows by 1000 columns: 4 million cells.
            stream.extend(&bof);
            stream.extend(number(0, 0));
            stream.extend(number(3999, 999));
            stream.extend(record(0x000A, &[]));
            stream
        };
        assert_eq!(walk(&workbook(2)), Ok(()));
        assert!(matches!(walk(&workbook(3)), Err(Halt::Refused(_))));
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
