//! The `Workbook` stream of a compound file (MS-CFB), found and copied out with every
//! sector number checked and every chain bounded by the sectors the file has. The
//! stream is at most the file's size.

use crate::i18n::t;
use crate::import::error::ImportError;
use crate::import::workbook::damaged;

/// Sector numbers at or past this one end a chain or mark special sectors.
const LAST_REGULAR: u32 = 0xFFFF_FFFA;

/// A directory entry is 128 bytes.
const ENTRY: usize = 128;

/// The bytes of the `Workbook` (or, in Excel 5 files, `Book`) stream.
pub(super) fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    let file = Compound::new(bytes).ok_or_else(|| broken(t!(IMPORT_CFB_HEADER)))?;
    let directory = file
        .chain_bytes(file.first_directory, &file.fat)
        .ok_or_else(|| broken(t!(IMPORT_CFB_DIRECTORY)))?;
    let entries: Vec<&[u8]> = directory.chunks_exact(ENTRY).collect();
    let root = entries
        .first()
        .ok_or_else(|| broken(t!(IMPORT_CFB_DIRECTORY)))?;
    let entry = ["Workbook", "Book"]
        .iter()
        .find_map(|name| {
            entries
                .iter()
                .find(|e| entry_name(e).eq_ignore_ascii_case(name))
        })
        .ok_or_else(|| damaged(t!(IMPORT_CFB_NO_STREAM)))?;
    let (start, size) = (u32_at(entry, 116), u32_at(entry, 120));
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let mut stream = if size < file.mini_cutoff {
        file.mini_stream_bytes(root, start)
    } else {
        file.chain_bytes(start, &file.fat)
    }
    .ok_or_else(|| broken(t!(IMPORT_CFB_STREAM)))?;
    if stream.len() < size {
        return Err(broken(t!(IMPORT_CFB_STREAM)));
    }
    stream.truncate(size);
    Ok(stream)
}

fn broken(what: String) -> ImportError {
    damaged(t!(IMPORT_CFB_BROKEN, what))
}

/// A compound file's header and allocation table.
struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    sectors: usize,
    fat: Vec<u32>,
    first_directory: u32,
    mini_cutoff: usize,
    first_mini_fat: u32,
}

impl<'a> Compound<'a> {
    fn new(bytes: &'a [u8]) -> Option<Compound<'a>> {
        let header = bytes.get(..512)?;
        let shift = u16::from_le_bytes([*header.get(0x1E)?, *header.get(0x1F)?]);
        let sector: usize = match shift {
            9 => 512,
            12 => 4096,
            _ => return None,
        };
        let sectors = bytes.len().checked_div(sector)?.saturating_sub(1);
        let mut file = Compound {
            bytes,
            sector,
            sectors,
            fat: Vec::new(),
            first_directory: u32_at(header, 0x30),
            mini_cutoff: usize::try_from(u32_at(header, 0x38)).ok()?,
            first_mini_fat: u32_at(header, 0x3C),
        };
        file.fat = file.allocation_table(header)?;
        Some(file)
    }

    /// The FAT: its sectors are listed in the header's DIFAT and in the DIFAT chain.
    fn allocation_table(&self, header: &[u8]) -> Option<Vec<u32>> {
        let mut fat_sectors: Vec<u32> = header.get(0x4C..512)?.chunks_exact(4).map(le).collect();
        let mut next = u32_at(header, 0x44);
        let mut hops = 0;
        while next < LAST_REGULAR {
            hops += 1;
            if hops > self.sectors {
                return None;
            }
            let data = self.sector_bytes(next)?;
            let (entries, link) = data.split_at(self.sector.checked_sub(4)?);
            fat_sectors.extend(entries.chunks_exact(4).map(le));
            next = le(link);
        }
        let mut fat = Vec::new();
        for id in fat_sectors.into_iter().filter(|id| *id < LAST_REGULAR) {
            fat.extend(self.sector_bytes(id)?.chunks_exact(4).map(le));
        }
        Some(fat)
    }

    fn sector_bytes(&self, id: u32) -> Option<&'a [u8]> {
        let start = usize::try_from(id)
            .ok()?
            .checked_add(1)?
            .checked_mul(self.sector)?;
        self.bytes.get(start..start.checked_add(self.sector)?)
    }

    /// The sectors of a chain, each once: a chain that loops or runs past the file's
    /// sectors is broken.
    fn chain(&self, start: u32, table: &[u32], most: usize) -> Option<Vec<u32>> {
        let mut chain = Vec::new();
        let mut next = start;
        while next < LAST_REGULAR {
            if chain.len() >= most {
                return None;
            }
            chain.push(next);
            next = *table.get(usize::try_from(next).ok()?)?;
        }
        Some(chain)
    }

    fn chain_bytes(&self, start: u32, table: &[u32]) -> Option<Vec<u8>> {
        let mut bytes = Vec::new();
        for id in self.chain(start, table, self.sectors)? {
            bytes.extend_from_slice(self.sector_bytes(id)?);
        }
        Some(bytes)
    }

    /// A small stream, in 64-byte sectors of the mini stream (the root entry's).
    fn mini_stream_bytes(&self, root: &[u8], start: u32) -> Option<Vec<u8>> {
        let mut mini_stream = self.chain_bytes(u32_at(root, 116), &self.fat)?;
        mini_stream.truncate(usize::try_from(u32_at(root, 120)).ok()?);
        let mini_fat: Vec<u32> = self
            .chain_bytes(self.first_mini_fat, &self.fat)?
            .chunks_exact(4)
            .map(le)
            .collect();
        let mut bytes = Vec::new();
        for id in self.chain(start, &mini_fat, mini_stream.len() / 64)? {
            let at = usize::try_from(id).ok()?.checked_mul(64)?;
            bytes.extend_from_slice(mini_stream.get(at..at.checked_add(64)?)?);
        }
        Some(bytes)
    }
}

/// A directory entry's name.
fn entry_name(entry: &[u8]) -> String {
    let length = usize::from(u16::from_le_bytes([
        entry.get(64).copied().unwrap_or(0),
        entry.get(65).copied().unwrap_or(0),
    ]));
    let units: Vec<u16> = entry
        .get(..length.saturating_sub(2).min(64))
        .unwrap_or_default()
        .chunks_exact(2)
        .map(|c| {
            u16::from_le_bytes([
                c.first().copied().unwrap_or(0),
                c.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    String::from_utf16_lossy(&units)
}

/// The little-endian `u32` at `at`, or 0 past the end.
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    bytes.get(at..at.saturating_add(4)).map_or(0, le)
}

/// Four little-endian bytes as a `u32` (0 if fewer).
fn le(bytes: &[u8]) -> u32 {
    match bytes {
        [a, b, c, d, ..] => u32::from_le_bytes([*a, *b, *c, *d]),
        _ => 0,
    }
}
