//! The record stream of a binary workbook part (MS-XLSB 2.1.4): each record is a type
//! (one or two bytes of seven bits) and a size (one to four bytes of seven bits) before
//! its data. Reading never trusts a size past the part's end.

/// One record: its type and its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record<'a> {
    /// The record type (`BrtRowHdr` = 0, `BrtCellIsst` = 7, …).
    pub typ: u16,
    /// The record's data.
    pub data: &'a [u8],
}

/// The records of `part`, in order; a record cut off by the part's end ends the stream.
pub fn records(part: &[u8]) -> Records<'_> {
    Records { part, at: 0 }
}

/// Iterator over a part's records (see [`records`]).
pub struct Records<'a> {
    part: &'a [u8],
    at: usize,
}

impl<'a> Records<'a> {
    /// A variable-length number of at most `bytes` bytes, seven bits each.
    fn varint(&mut self, bytes: usize) -> Option<u32> {
        let mut value = 0u32;
        for i in 0..bytes {
            let b = *self.part.get(self.at)?;
            self.at += 1;
            value |= u32::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        Some(value)
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let typ = self.varint(2)? as u16;
        let size = self.varint(4)? as usize;
        let end = self.at.checked_add(size).filter(|&e| e <= self.part.len());
        let Some(end) = end else {
            self.at = self.part.len();
            return None;
        };
        let data = &self.part[self.at..end];
        self.at = end;
        Some(Record { typ, data })
    }
}

/// The little-endian `u16` at `at`.
pub fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

/// The little-endian `u32` at `at`.
pub fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The little-endian `f64` at `at`.
pub fn f64_at(b: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(b.get(at..at + 8)?.try_into().ok()?))
}

/// An `XLWideString` at `at` (a `u32` count of UTF-16 units, then the units) and the
/// offset after it; `None` when the count runs past the data. A null string (count
/// `0xFFFFFFFF`, in `XLNullableWideString`) is empty.
pub fn wide_string(b: &[u8], at: usize) -> Option<(String, usize)> {
    let count = u32_at(b, at)?;
    if count == u32::MAX {
        return Some((String::new(), at + 4));
    }
    let start = at + 4;
    let end = start.checked_add(usize::try_from(count).ok()?.checked_mul(2)?)?;
    let units: Vec<u16> = b
        .get(start..end)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((String::from_utf16_lossy(&units), end))
}

/// The number an `RkNumber` holds (MS-XLSB 2.5.122): a 30-bit integer or the high 30
/// bits of a double, divided by 100 when its first bit says so.
pub fn rk_number(rk: u32) -> f64 {
    let value = if rk & 2 != 0 {
        f64::from((rk as i32) >> 2)
    } else {
        f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32)
    };
    if rk & 1 != 0 {
        value / 100.0
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_long_types_and_sizes() {
        // BrtRowHdr (0) of 3 bytes, BrtBeginSheet (0x81 = 0x81 0x01), then a record of
        // 200 bytes (size 0xC8 0x01).
        let mut part = vec![0x00, 0x03, 1, 2, 3, 0x81, 0x01, 0x00, 0x05, 0xC8, 0x01];
        part.extend(std::iter::repeat_n(7, 200));
        let all: Vec<Record> = records(&part).collect();
        assert_eq!(all.len(), 3);
        assert_eq!((all[0].typ, all[0].data), (0, &[1u8, 2, 3][..]));
        assert_eq!((all[1].typ, all[1].data.len()), (0x81, 0));
        assert_eq!((all[2].typ, all[2].data.len()), (5, 200));
    }

    #[test]
    fn a_size_past_the_end_ends_the_stream() {
        let part = [0x07, 0x7F, 1, 2];
        assert_eq!(records(&part).count(), 0);
        let part = [0x80, 0x80, 0x80];
        assert_eq!(records(&part).count(), 0);
    }

    #[test]
    fn strings_and_rk_numbers() {
        let mut b = 3u32.to_le_bytes().to_vec();
        for u in "Mål".encode_utf16() {
            b.extend(u.to_le_bytes());
        }
        assert_eq!(wide_string(&b, 0), Some(("Mål".to_string(), 10)));
        assert_eq!(wide_string(&b[..8], 0), None);
        assert_eq!(
            wide_string(&u32::MAX.to_le_bytes(), 0),
            Some((String::new(), 4))
        );
        assert_eq!(rk_number((12 << 2) | 2), 12.0);
        assert_eq!(rk_number((1234 << 2) | 3), 12.34);
        assert_eq!(rk_number(((-5i32) << 2) as u32 | 2), -5.0);
        let half = (0.5f64.to_bits() >> 32) as u32;
        assert_eq!(rk_number(half), 0.5);
    }
}
