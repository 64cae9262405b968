//! A small, bounded reader of OLE compound files (the container of `.xls`): enough to
//! take one stream out by name. Every sector chain is followed at most as many steps as
//! the file has sectors, so a looping or dangling chain ends in an error, never a hang.
//!
//! It finds and reads a stream as calamine's compound file reader does (so that the
//! stream checked before calamine opens a file is the one calamine parses), but checks
//! each sector before reading it: calamine indexes its FAT with any sector number a
//! chain gives, reads a sector the file ends inside as a short slice, and reads the
//! first sector of every stream it takes out, an empty one too.

use crate::error::ReadError;

const FORMAT: &str = "Excel 97-2003";
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Marks a DIFAT sector; FAT sector numbers lie below it.
const DIFSECT: u32 = 0xFFFF_FFFC;
/// The first of the values that are not sector numbers.
const RESERVED: u32 = 0xFFFF_FFFA;
/// Largest stream taken out (the file itself is the real bound; this is a backstop).
const STREAM_LIMIT: usize = 512 * 1024 * 1024;
/// Streams shorter than this live in the mini stream. MS-CFB fixes the header's cutoff
/// field at 4096, and calamine uses 4096 whatever the field says.
const MINI_CUTOFF: usize = 4096;
/// Size of a mini stream sector.
const MINI_SECTOR: usize = 64;

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
    /// The mini stream: the root entry's chain, as long as the root entry says.
    mini: Vec<u8>,
    /// The mini FAT: as many sectors of its chain as the header counts.
    mini_fat: Vec<u32>,
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
            mini: Vec::new(),
            mini_fat: Vec::new(),
        };
        // FAT sectors: 109 listed in the header, the rest in the DIFAT chain. Entries from
        // DIFSECT up mark no sector, and the chain ends at the first reserved value, as
        // calamine reads them.
        let listed = |s: &u32| *s < DIFSECT;
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(listed)
            .collect();
        let per_sector = c.sector_len() / 4;
        let mut difat = field(0x44)?;
        let mut steps = 0;
        while difat < RESERVED {
            steps += 1;
            if steps > c.sector_count() {
                return Err(malformed("the DIFAT chain loops"));
            }
            let sector = c.sector(difat)?;
            fat_sectors.extend(
                (0..per_sector - 1)
                    .filter_map(|i| u32_at(sector, 4 * i))
                    .filter(listed),
            );
            difat = u32_at(sector, 4 * (per_sector - 1)).unwrap_or(END_OF_CHAIN);
        }
        // calamine reads every FAT sector listed, each checked below; a file has no more
        // FAT sectors than sectors (and so its FAT is never larger than the file).
        if fat_sectors.len() > c.sector_count() {
            return Err(malformed(
                "more FAT sectors listed than the file has sectors",
            ));
        }
        let mut fat = Vec::with_capacity(fat_sectors.len() * per_sector);
        for s in fat_sectors {
            let sector = c.sector(s)?;
            fat.extend((0..per_sector).filter_map(|i| u32_at(sector, 4 * i)));
        }
        c.fat = fat;
        c.directory = c.chain(field(0x30)?, usize::MAX)?;
        // The mini stream and mini FAT, read up front as calamine reads them (when the
        // header counts mini FAT sectors): a chain of either that leaves the file or the
        // FAT fails here, whether or not a stream in the mini stream is ever read.
        let mini_fat_sectors = field(0x40)? as usize;
        if mini_fat_sectors > 0 {
            let root = c
                .directory
                .get(..128)
                .ok_or_else(|| malformed("empty directory"))?;
            let (start, size) = c.extent(root);
            c.mini = c.chain(start, size)?;
            let mini_fat_len = mini_fat_sectors.saturating_mul(c.sector_len());
            c.mini_fat = c
                .chain(field(0x3C)?, mini_fat_len)?
                .chunks_exact(4)
                .map(|p| u32::from_le_bytes([p[0], p[1], p[2], p[3]]))
                .collect();
        }
        Ok(c)
    }

    /// A directory entry's first sector and size (eight bytes of size in a file of
    /// 4096-byte sectors, four in one of 512-byte sectors, as MS-CFB has it).
    fn extent(&self, entry: &[u8]) -> (u32, usize) {
        let start = u32_at(entry, 116).unwrap_or(END_OF_CHAIN);
        let size = if self.shift == 12 {
            entry
                .get(120..128)
                .map(|p| u64::from_le_bytes(p.try_into().unwrap_or([0; 8])))
                .unwrap_or(0)
        } else {
            u64::from(u32_at(entry, 120).unwrap_or(0))
        };
        let size = usize::try_from(size)
            .unwrap_or(usize::MAX)
            .min(STREAM_LIMIT);
        (start, size)
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

    /// The bytes of the sector chain from `start` (at most `limit` bytes). Each sector
    /// is checked before it is read, the first one too when `limit` is 0 (calamine reads
    /// it), and the chain is followed only while bytes are still wanted.
    fn chain(&self, start: u32, limit: usize) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut id = start;
        for _ in 0..=self.sector_count() {
            if id == END_OF_CHAIN {
                return Ok(out);
            }
            let sector = self.sector(id)?;
            out.extend_from_slice(&sector[..sector.len().min(limit - out.len())]);
            if out.len() >= limit {
                return Ok(out);
            }
            id = *self
                .fat
                .get(id as usize)
                .ok_or_else(|| malformed("chain leaves the FAT"))?;
        }
        Err(malformed("a sector chain loops"))
    }

    /// The stream named `name` (case-insensitive), if there is one: the first directory
    /// entry whose name, up to its first NUL, is `name`, as calamine finds it (which
    /// neither reads the name's length field nor the entry's type).
    pub fn stream(&self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        if self.directory.len() < 128 {
            return Err(malformed("empty directory"));
        }
        for entry in self.directory.chunks_exact(128) {
            let units: Vec<u16> = entry[..64]
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .take_while(|&u| u != 0)
                .collect();
            if !String::from_utf16_lossy(&units).eq_ignore_ascii_case(name) {
                continue;
            }
            let (start, size) = self.extent(entry);
            return Ok(Some(if size < MINI_CUTOFF {
                self.mini_stream(start, size)?
            } else {
                self.chain(start, size)?
            }));
        }
        Ok(None)
    }

    /// Walks the sector chain of every entry in the directory, so that a file whose
    /// chains loop or leave the file fails here, before a reader without such checks
    /// (calamine) follows them.
    pub fn check_streams(&self) -> Result<(), ReadError> {
        if self.directory.len() < 128 {
            return Err(malformed("empty directory"));
        }
        for entry in self.directory.chunks_exact(128) {
            let (start, size) = self.extent(entry);
            match entry[66] {
                5 => drop(self.chain(start, usize::MAX)?),
                2 if start == END_OF_CHAIN || size == 0 => {}
                2 if size < MINI_CUTOFF => drop(self.mini_stream(start, size)?),
                2 => drop(self.chain(start, size)?),
                _ => {}
            }
        }
        Ok(())
    }

    /// A stream kept in the mini stream (64-byte sectors inside the root entry's chain).
    fn mini_stream(&self, start: u32, size: usize) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let mut id = start;
        for _ in 0..=self.mini_fat.len() {
            if id == END_OF_CHAIN {
                return Ok(out);
            }
            let at = id as usize * MINI_SECTOR;
            let sector = self
                .mini
                .get(at..at + MINI_SECTOR)
                .ok_or_else(|| malformed("mini sector beyond the mini stream"))?;
            out.extend_from_slice(&sector[..MINI_SECTOR.min(size - out.len())]);
            if out.len() >= size {
                return Ok(out);
            }
            id = *self
                .mini_fat
                .get(id as usize)
                .ok_or_else(|| malformed("chain leaves the mini FAT"))?;
        }
        Err(malformed("a mini sector chain loops"))
    }
}
