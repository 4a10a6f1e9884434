//! Reading input files: regular files only, at most a given size, each known by its
//! identity on disk. Every file perfeval reads (rulesets, their bases, project files,
//! standard input) comes through here; nothing here decides what the bytes mean.
//!
//! A path is looked at before it is opened, so a device or a named pipe is never opened
//! at all (opening some devices has effects, and opening a FIFO waits for a writer). The
//! opened handle is looked at again, so a file swapped after the first look is caught,
//! and it is opened without blocking, so a FIFO swapped in cannot hang the open either.

use std::fmt;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::i18n::t;

/// The title perfeval's printable reports carry (HTML, Markdown, the workbook's
/// document title): reading knows by it a report sent back as if it were a form.
pub const REPORT_TITLE: &str = "财政支出项目绩效自评检查报告";

/// The default largest file read: 16 MiB. A filled form takes a few kilobytes and a
/// policy a few hundred lines; parsing costs several times a file's size in memory.
pub const DEFAULT_LIMIT: Size = Size(16 * 1024 * 1024);

/// The largest limit that may be set: 1 GiB. Positions in a file are 32-bit, and a
/// parser needs many times a file's size in memory.
pub const MAX_LIMIT: Size = Size(1024 * 1024 * 1024);

/// A number of bytes, as `--max-file-size` takes it: `1048576`, `512KiB`, `16MiB`,
/// `100MB`, `1GiB` (`K`, `M` and `G` alone are binary too, as in GNU tools).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Size(pub u64);

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Size, String> {
        let text = text.trim();
        let digits = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(digits);
        let number: u64 = number.parse().map_err(|_| t!(SIZE_NOT_A_SIZE, text))?;
        let scale = unit_scale(unit.trim()).ok_or_else(|| t!(SIZE_UNKNOWN_UNIT, unit))?;
        let size = number
            .checked_mul(scale)
            .filter(|bytes| *bytes <= MAX_LIMIT.0)
            .ok_or_else(|| t!(SIZE_TOO_LARGE, text, max = MAX_LIMIT))?;
        Ok(Size(size))
    }
}

/// Bytes per unit; decimal units (`MB`) are powers of 1000, binary ones (`MiB`, `M`) of
/// 1024.
fn unit_scale(unit: &str) -> Option<u64> {
    let scale = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => return None,
    };
    Some(scale)
}

impl fmt::Display for Size {
    /// The largest binary unit that states the size exactly: `16 MiB`, `1500 bytes`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
        let exact = units
            .iter()
            .find(|(scale, _)| self.0 >= *scale && self.0.is_multiple_of(*scale));
        match exact {
            Some((scale, name)) => write!(f, "{} {name}", self.0 / scale),
            None if self.0 == 1 => f.write_str(&t!(SIZE_ONE_BYTE)),
            None => f.write_str(&t!(SIZE_BYTES, n = self.0)),
        }
    }
}

/// A file's identity: the same file under any name (a hard link, a symbolic link, a
/// path with `..`) has the same identity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(Identity);

#[cfg(unix)]
type Identity = (u64, u64);

#[cfg(not(unix))]
type Identity = PathBuf;

impl FileId {
    /// The identity of the file described by `metadata`, found at `path`.
    #[cfg(unix)]
    #[must_use]
    pub fn of(metadata: &Metadata, _path: &Path) -> FileId {
        use std::os::unix::fs::MetadataExt;
        FileId((metadata.dev(), metadata.ino()))
    }

    /// The identity of the file found at `path`: without device and inode numbers, its
    /// canonical path.
    #[cfg(not(unix))]
    #[must_use]
    pub fn of(_metadata: &Metadata, path: &Path) -> FileId {
        FileId(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file cannot be opened or read: in English the system's words, in Chinese the
    /// catalogue's for its kind.
    #[error("{}", crate::i18n::IoText(.0))]
    Io(#[from] std::io::Error),
    /// A folder, device, FIFO, socket, or a symbolic link where none is followed.
    #[error("{}", t!(READ_NOT_REGULAR, kind = .kind))]
    NotRegular {
        /// What it is.
        kind: FileKind,
    },
    /// More bytes than the limit.
    #[error("{}", t!(READ_TOO_LARGE, limit = .limit))]
    TooLarge {
        /// The limit.
        limit: Size,
    },
    /// A ruleset path whose file, links resolved, is not named `*.rules`.
    #[error("{}", if *.linked { t!(READ_NOT_RULES, real = .real.display()) } else { t!(READ_BASE_NOT_RULES) })]
    NotRules {
        /// The file the path leads to.
        real: PathBuf,
        /// Whether the path is a link (else it names the file itself).
        linked: bool,
    },
}

/// The bytes of a file and its identity.
#[derive(Debug)]
pub struct Input {
    /// The whole file.
    pub bytes: Vec<u8>,
    /// Its identity on disk; `None` for standard input that is not a regular file.
    pub id: Option<FileId>,
}

/// Whether symbolic links are followed when a path is opened: yes for paths named on
/// the command line or in `extends`, no for files found in a folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Links {
    /// Open the file a link leads to.
    Follow,
    /// Refuse a link.
    Refuse,
}

/// Reads the regular file at `path`, at most `limit` bytes.
///
/// # Errors
///
/// The file is not a regular file (a link too, under [`Links::Refuse`]), is larger than
/// `limit`, or cannot be opened or read.
pub fn read_file(path: &Path, limit: Size, links: Links) -> Result<Input, ReadError> {
    let before = match links {
        Links::Follow => std::fs::metadata(path)?,
        Links::Refuse => std::fs::symlink_metadata(path)?,
    };
    regular(&before, limit)?;
    let file = open(path, links)?;
    let metadata = file.metadata()?;
    regular(&metadata, limit)?;
    let bytes = read_at_most(file, limit, metadata.len())?;
    Ok(Input {
        bytes,
        id: Some(FileId::of(&metadata, path)),
    })
}

/// Opens the regular file at `path` (following links) to be read piece by piece: a JSON
/// Lines file, which may hold any number of forms, each line bounded by its reader. The
/// checks of [`read_file`] but the size.
///
/// # Errors
///
/// The file is not a regular file, or cannot be opened.
pub fn open_file(path: &Path) -> Result<(File, FileId), ReadError> {
    let unbounded = Size(u64::MAX);
    regular(&std::fs::metadata(path)?, unbounded)?;
    let file = open(path, Links::Follow)?;
    let metadata = file.metadata()?;
    regular(&metadata, unbounded)?;
    Ok((file, FileId::of(&metadata, path)))
}

/// Reads a ruleset file: [`read_file`] following links, after making sure that the
/// file a path leads to is named `*.rules` (a link named `base.rules` may lead anywhere).
///
/// # Errors
///
/// As [`read_file`], and [`ReadError::NotRules`].
pub fn read_ruleset(path: &Path, limit: Size) -> Result<Input, ReadError> {
    let real = std::fs::canonicalize(path)?;
    if !is_rules_name(&real) {
        let linked = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
            || path.file_name() != real.file_name();
        return Err(ReadError::NotRules { real, linked });
    }
    read_file(path, limit, Links::Follow)
}

/// Whether a path names a ruleset file: its name ends in `.rules` (in any case) and
/// is more than that ending.
#[must_use]
pub fn is_rules_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("rules"))
}

/// Reads standard input, at most `limit` bytes. It may be anything (a pipe, a
/// terminal, a file): the user asked for it by naming `-`.
///
/// # Errors
///
/// More than `limit` bytes, or a read error.
pub fn read_stdin(limit: Size) -> Result<Input, ReadError> {
    let id = stdin_file_id();
    let bytes = read_at_most(std::io::stdin().lock(), limit, 0)?;
    Ok(Input { bytes, id })
}

/// The identity of standard input when it is a regular file (`- < form.toml`), so that
/// a report is never written over it.
#[cfg(unix)]
#[must_use]
pub fn stdin_file_id() -> Option<FileId> {
    use std::os::fd::AsFd;
    let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
    let metadata = File::from(fd).metadata().ok()?;
    metadata
        .is_file()
        .then(|| FileId::of(&metadata, Path::new("-")))
}

#[cfg(not(unix))]
#[must_use]
pub fn stdin_file_id() -> Option<FileId> {
    None
}

/// The identity of standard output when it is a regular file (`>> form.toml`).
#[must_use]
pub fn stdout_file_id() -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = std::io::stdout().as_fd().try_clone_to_owned().ok()?;
        let metadata = File::from(fd).metadata().ok()?;
        metadata
            .is_file()
            .then(|| FileId::of(&metadata, Path::new("-")))
    }
    #[cfg(not(unix))]
    None
}

/// Refuses anything but a regular file, and a file already larger than the limit.
fn regular(metadata: &Metadata, limit: Size) -> Result<(), ReadError> {
    if !metadata.is_file() {
        return Err(ReadError::NotRegular {
            kind: kind(metadata),
        });
    }
    if metadata.len() > limit.0 {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(())
}

/// What a file is, where it matters that it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// A folder.
    Folder,
    /// A symbolic link (where links are not followed).
    Link,
    /// A symbolic link that leads to nothing.
    DanglingLink,
    /// A named pipe.
    Fifo,
    /// A character device.
    CharDevice,
    /// A block device.
    BlockDevice,
    /// A socket.
    Socket,
    /// A regular file.
    Regular,
    /// Something else.
    Other,
}

impl fmt::Display for FileKind {
    /// In words: `a character device`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = match self {
            FileKind::Folder => t!(FILE_KIND_FOLDER),
            FileKind::Link => t!(FILE_KIND_LINK),
            FileKind::DanglingLink => t!(FILE_KIND_DANGLING_LINK),
            FileKind::Fifo => t!(FILE_KIND_FIFO),
            FileKind::CharDevice => t!(FILE_KIND_CHAR_DEVICE),
            FileKind::BlockDevice => t!(FILE_KIND_BLOCK_DEVICE),
            FileKind::Socket => t!(FILE_KIND_SOCKET),
            FileKind::Regular => t!(FILE_KIND_REGULAR),
            FileKind::Other => t!(FILE_KIND_OTHER),
        };
        f.write_str(&words)
    }
}

/// What a file that is not a regular file is.
#[must_use]
pub fn kind(metadata: &Metadata) -> FileKind {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return FileKind::Folder;
    }
    if file_type.is_symlink() {
        return FileKind::Link;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return FileKind::Fifo;
        }
        if file_type.is_char_device() {
            return FileKind::CharDevice;
        }
        if file_type.is_block_device() {
            return FileKind::BlockDevice;
        }
        if file_type.is_socket() {
            return FileKind::Socket;
        }
    }
    if file_type.is_file() {
        FileKind::Regular
    } else {
        FileKind::Other
    }
}

/// Opens for reading without blocking (a FIFO swapped in after the first look does not
/// wait for a writer), without taking a terminal as the controlling one, and, where
/// links are refused, without following one.
#[cfg(unix)]
fn open(path: &Path, links: Links) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _links: Links) -> std::io::Result<File> {
    File::open(path)
}

/// Reads at most `limit` bytes, one more to tell a file of exactly `limit` bytes from
/// a longer one: a file that grows, or lies about its size (`/proc`), stops there.
fn read_at_most(reader: impl Read, limit: Size, size_hint: u64) -> Result<Vec<u8>, ReadError> {
    let capacity = usize::try_from(size_hint.min(limit.0)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader
        .take(limit.0.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit.0 {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_units() {
        let size = |text: &str| text.parse::<Size>().map(|s| s.0);
        assert_eq!(size("1048576"), Ok(1 << 20));
        assert_eq!(size("16MiB"), Ok(16 << 20));
        assert_eq!(size("16 mib"), Ok(16 << 20));
        assert_eq!(size("16M"), Ok(16 << 20));
        assert_eq!(size("100MB"), Ok(100_000_000));
        assert_eq!(size("1GiB"), Ok(1 << 30));
        assert!(size("2GiB").is_err());
        assert!(size("99999999999999999999").is_err());
        assert!(size("1.5MiB").is_err());
        assert!(size("MiB").is_err());
        assert!(size("16 furlongs").is_err());
    }

    #[test]
    fn sizes_print_exactly() {
        assert_eq!(DEFAULT_LIMIT.to_string(), "16 MiB");
        assert_eq!(Size(1500).to_string(), "1500 bytes");
        assert_eq!(Size(1).to_string(), "1 byte");
        assert_eq!(Size(0).to_string(), "0 bytes");
        assert_eq!(Size(3 << 10).to_string(), "3 KiB");
    }

    #[test]
    fn rules_names() {
        assert!(is_rules_name(Path::new("a/2023.rules")));
        assert!(is_rules_name(Path::new("2023.RULES")));
        assert!(!is_rules_name(Path::new(".rules")));
        assert!(!is_rules_name(Path::new("/etc/shadow")));
        assert!(!is_rules_name(Path::new("x.rules.txt")));
    }
}
