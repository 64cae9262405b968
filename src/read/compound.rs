//! A small, bounded reader of OLE compound files (the container of `.xls`): enough to
//! take one stream out by name. Every sector chain is followed at most as many steps as
//! the file has sectors, so a looping or dangling chain ends in an error, never a hang.

use crate::error::ReadError;

const FORMAT: &str = "Excel 97-2003";
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
/// Largest stream taken out (the file itself is the real bound; this is a backstop).
const STREAM_LIMIT: usize = 512 * 1024 * 1024;

fn malformed(detail: &str) -> ReadError {
    ReadError::malformed(FORMAT, format!("compound file: {detail}"))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// An opened compound file.
pub struct Compound<'a> {
    bytes: &'a [u8],
    shift: u32,
    fat: Vec<u32>,
    directory: Vec<u8>,
    mini_cutoff: u64,
    first_mini_fat: u32,
}

impl<'a> Compound<'a> {
    /// Opens `bytes`; fails unless they are a compound file with a readable FAT and directory.
    pub fn open(bytes: &'a [u8]) -> Result<Compound<'a>, ReadError> {
        if !bytes.starts_with(&super::encryption::OLE_MAGIC) || bytes.len() < 512 {
            return Err(malformed("no compound file header"));
        }
        let field = |at| u32_at(bytes, at).ok_or_else(|| malformed("short header"));
        let shift = u32::from(u16_at(bytes, 0x1E).unwrap_or(0));
        if shift != 9 && shift != 12 {
            return Err(malformed("unknown sector size"));
        }
        let mut c = Compound {
            bytes,
            shift,
            fat: Vec::new(),
            directory: Vec::new(),
            mini_cutoff: u64::from(field(0x38)?),
            first_mini_fat: field(0x3C)?,
        };
        // FAT sectors: 109 listed in the header, the rest in the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|&s| s != FREE && s != END_OF_CHAIN)
            .collect();
        let per_sector = c.sector_len() / 4;
        let mut difat = field(0x44)?;
        for _ in 0..c.sector_count() {
            if difat == END_OF_CHAIN || difat == FREE {
                break;
            }
            let sector = c.sector(difat)?;
            for i in 0..per_sector - 1 {
                match u32_at(sector, 4 * i) {
                    Some(s) if s != FREE && s != END_OF_CHAIN => fat_sectors.push(s),
                    _ => {}
                }
            }
            difat = u32_at(sector, 4 * (per_sector - 1)).unwrap_or(END_OF_CHAIN);
        }
        fat_sectors.truncate(c.sector_count());
        let mut fat = Vec::with_capacity(fat_sectors.len() * per_sector);
        for s in fat_sectors {
            let sector = c.sector(s)?;
            fat.extend((0..per_sector).filter_map(|i| u32_at(sector, 4 * i)));
        }
        c.fat = fat;
        c.directory = c.chain(field(0x30)?, usize::MAX)?;
        Ok(c)
    }

    fn sector_len(&self) -> usize {
        1 << self.shift
    }

    fn sector_count(&self) -> usize {
        self.bytes.len() >> self.shift
    }

    fn sector(&self, id: u32) -> Result<&'a [u8], ReadError> {
        let start = (id as usize + 1)
            .checked_mul(self.sector_len())
            .ok_or_else(|| malformed("sector out of range"))?;
        self.bytes
            .get(start..start + self.sector_len())
            .ok_or_else(|| malformed("sector beyond the end of the file"))
    }

    /// The bytes of the sector chain from `start` (at most `limit` bytes).
    fn chain(&self, start: u32, limit: usize) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut id = start;
        for _ in 0..=self.sector_count() {
            if id == END_OF_CHAIN || out.len() >= limit {
                return Ok(out);
            }
            out.extend_from_slice(self.sector(id)?);
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| malformed("chain leaves the FAT"))?;
        }
        Err(malformed("a sector chain loops"))
    }

    /// The stream named `name` (a top-level entry, case-insensitive), if there is one.
    pub fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(root) = self.directory.get(..128) else {
            return Err(malformed("empty directory"));
        };
        for entry in self.directory.chunks_exact(128) {
            let len = usize::from(u16_at(entry, 64).unwrap_or(0)).min(64);
            let units: Vec<u16> = entry[..len.saturating_sub(2)]
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            if entry[66] != 2 || !String::from_utf16_lossy(&units).eq_ignore_ascii_case(name) {
                continue;
            }
            let start = u32_at(entry, 116).unwrap_or(END_OF_CHAIN);
            let size = u64::from(u32_at(entry, 120).unwrap_or(0));
            let size = usize::try_from(size)
                .unwrap_or(usize::MAX)
                .min(STREAM_LIMIT);
            let mut data = if (size as u64) < self.mini_cutoff {
                self.mini_stream(root, start, size)?
            } else {
                self.chain(start, size)?
            };
            data.truncate(size);
            return Ok(Some(data));
        }
        Ok(None)
    }

    /// Walks the sector chain of every entry in the directory, so that a file whose
    /// chains loop or leave the file fails here, before a reader without such checks
    /// (calamine) follows them.
    pub fn check_streams(&self) -> Result<(), ReadError> {
        let Some(root) = self.directory.get(..128) else {
            return Err(malformed("empty directory"));
        };
        for entry in self.directory.chunks_exact(128) {
            let start = u32_at(entry, 116).unwrap_or(END_OF_CHAIN);
            let size = usize::try_from(u32_at(entry, 120).unwrap_or(0))
                .unwrap_or(usize::MAX)
                .min(STREAM_LIMIT);
            match entry[66] {
                5 => drop(self.chain(start, usize::MAX)?),
                2 if (size as u64) < self.mini_cutoff => drop(self.mini_stream(root, start, size)?),
                2 => drop(self.chain(start, size)?),
                _ => {}
            }
        }
        Ok(())
    }

    /// A stream kept in the mini stream (64-byte sectors inside the root entry's chain).
    fn mini_stream(&self, root: &[u8], start: u32, size: usize) -> Result<Vec<u8>, ReadError> {
        let root_start = u32_at(root, 116).unwrap_or(END_OF_CHAIN);
        let container = self.chain(root_start, usize::MAX)?;
        let mini_fat: Vec<u32> = self
            .chain(self.first_mini_fat, usize::MAX)?
            .chunks_exact(4)
            .map(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]))
            .collect();
        let mut out = Vec::new();
        let mut id = start;
        for _ in 0..=mini_fat.len() {
            if id == END_OF_CHAIN || out.len() >= size {
                return Ok(out);
            }
            let at = id as usize * 64;
            out.extend_from_slice(
                container
                    .get(at..at + 64)
                    .ok_or_else(|| malformed("mini sector beyond the mini stream"))?,
            );
            id = *mini_fat
                .get(id as usize)
                .ok_or_else(|| malformed("chain leaves the mini FAT"))?;
        }
        Err(malformed("a mini sector chain loops"))
    }
}
