//! Zip packages (docx, xlsx, ods, odt) opened with bounds: every member is inflated
//! through a counting reader, so a member that claims little and inflates to gigabytes
//! is stopped at the limit instead of exhausting memory. What [`Package::read`] inflates
//! is also counted across members, so a package of many members that each stay under
//! the member limit still stops at [`TOTAL_LIMIT`]. Members nobody reads are never
//! inflated (a reader that hands the package to a library that inflates without bounds
//! calls [`Package::check_all`] first, which inflates only the members whose compressed
//! size does not already bound them within the limits).

use std::io::{Cursor, Read};

use zip::ZipArchive;

use crate::error::ReadError;

/// Largest inflated size of one member we accept.
pub const MEMBER_LIMIT: u64 = 256 * 1024 * 1024;
/// Largest inflated size of all members together.
pub const TOTAL_LIMIT: u64 = 1024 * 1024 * 1024;
/// Most members a package may have.
pub const MEMBER_COUNT_LIMIT: usize = 20_000;

/// An opened zip package.
pub struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    expected: &'static str,
    /// Bytes inflated by [`Package::read`] so far.
    inflated: u64,
}

impl<'a> Package<'a> {
    /// Opens `bytes` as a zip; `expected` names the format for error messages.
    pub fn open(bytes: &'a [u8], expected: &'static str) -> Result<Package<'a>, ReadError> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::NotFormat {
            expected,
            detail: format!("not a zip package ({e})"),
        })?;
        if archive.len() > MEMBER_COUNT_LIMIT {
            return Err(ReadError::Limit(format!("{} zip members", archive.len())));
        }
        Ok(Package {
            archive,
            expected,
            inflated: 0,
        })
    }

    /// Whether the package has a member of this name.
    pub fn has(&self, name: &str) -> bool {
        self.archive.index_for_name(name).is_some()
    }

    /// Reads one member, bounded by [`MEMBER_LIMIT`] and, with what was read before, by
    /// [`TOTAL_LIMIT`]; `None` when there is no such member.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(index) = self.archive.index_for_name(name) else {
            return Ok(None);
        };
        self.read_index(index).map(Some)
    }

    /// The names of the members, in the package's order.
    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(String::from).collect()
    }

    /// Reads one member of at most `limit` bytes inflated; `None` when there is no such
    /// member, it is larger, or it cannot be inflated (for optional parts such as
    /// images, whose damage must not fail the document).
    pub fn read_small(&mut self, name: &str, limit: u64) -> Option<Vec<u8>> {
        let index = self.archive.index_for_name(name)?;
        let member = self.archive.by_index(index).ok()?;
        let mut out = Vec::new();
        let size = std::io::copy(&mut member.take(limit + 1), &mut out).ok()?;
        self.inflated += size;
        (size <= limit).then_some(out)
    }

    /// The first `len` inflated bytes of a member (fewer when it is shorter); `None`
    /// when there is no such member or it cannot be inflated. Only what is returned is
    /// inflated.
    pub fn read_prefix(&mut self, name: &str, len: u64) -> Option<Vec<u8>> {
        let index = self.archive.index_for_name(name)?;
        let member = self.archive.by_index(index).ok()?;
        let mut out = Vec::new();
        let size = std::io::copy(&mut member.take(len), &mut out).ok()?;
        self.inflated += size;
        Some(out)
    }

    fn read_index(&mut self, index: usize) -> Result<Vec<u8>, ReadError> {
        let mut out = Vec::new();
        let size = self.inflate(index, &mut out)?;
        self.inflated += size;
        if self.inflated > TOTAL_LIMIT {
            return Err(total_limit());
        }
        Ok(out)
    }

    /// Inflates member `index` into `sink` through a reader that stops past
    /// [`MEMBER_LIMIT`]; returns the inflated size.
    fn inflate(&mut self, index: usize, sink: &mut impl std::io::Write) -> Result<u64, ReadError> {
        let expected = self.expected;
        let member = self
            .archive
            .by_index(index)
            .map_err(|e| ReadError::Malformed {
                format: expected,
                detail: format!("broken zip member ({e})"),
            })?;
        let name = member.name().to_string();
        let size = std::io::copy(&mut member.take(MEMBER_LIMIT + 1), sink).map_err(|e| {
            ReadError::Malformed {
                format: expected,
                detail: format!("{name}: {e}"),
            }
        })?;
        if size > MEMBER_LIMIT {
            return Err(ReadError::Limit(format!(
                "{name} inflates beyond {} MiB",
                MEMBER_LIMIT >> 20
            )));
        }
        Ok(size)
    }

    /// Makes sure that no member inflates beyond [`MEMBER_LIMIT`] and that all of them
    /// together stay within [`TOTAL_LIMIT`], so that a later reader (one that inflates
    /// without bounds) never meets a bomb. A member's inflated size is bounded by its
    /// compressed size ([`inflated_bound`]); only the members whose bound could pass a
    /// limit are inflated (through a counting reader, nothing kept), and every member
    /// when the bounds together could pass [`TOTAL_LIMIT`].
    pub fn check_all(&mut self) -> Result<(), ReadError> {
        let mut bounded = Vec::new();
        let mut bounds = 0u64;
        let mut total = 0u64;
        for index in 0..self.archive.len() {
            let bound = self
                .archive
                .by_index_raw(index)
                .ok()
                .and_then(|m| inflated_bound(m.compression(), m.compressed_size()));
            match bound {
                Some(bound) if bound <= MEMBER_LIMIT => {
                    bounded.push(index);
                    bounds += bound;
                }
                _ => total += self.inflate(index, &mut std::io::sink())?,
            }
            if total > TOTAL_LIMIT {
                return Err(total_limit());
            }
        }
        if bounds.saturating_add(total) <= TOTAL_LIMIT {
            return Ok(());
        }
        // The bounds together are too loose to tell: count the true sizes.
        for index in bounded {
            total += self.inflate(index, &mut std::io::sink())?;
            if total > TOTAL_LIMIT {
                return Err(total_limit());
            }
        }
        Ok(())
    }
}

fn total_limit() -> ReadError {
    ReadError::Limit(format!("package inflates beyond {} MiB", TOTAL_LIMIT >> 20))
}

/// The most bytes a member stored with `method` in `compressed` bytes can inflate to:
/// its own size when stored; 1032 times it (plus one longest match) when deflated, since
/// deflate spends at least two bits (a length and a distance code) on each copy of at most
/// 258 bytes; `None` for any other method, whose ratio is not bounded so.
fn inflated_bound(method: zip::CompressionMethod, compressed: u64) -> Option<u64> {
    match method {
        zip::CompressionMethod::Stored => Some(compressed),
        zip::CompressionMethod::Deflated => {
            Some(compressed.saturating_mul(1032).saturating_add(258))
        }
        _ => None,
    }
}
