//! Zip archives (`.xlsx`, `.ods`, `.docx`) opened with their sizes bounded, and the
//! words for what a file that is not the expected one looks like.
//!
//! An archive is refused before anything is unpacked when its central directory
//! declares more than [`UNPACKED_LIMIT`] in all: every part counts, read or not, so
//! no part the readers (or calamine) open can pass the limit. The `zip` crate refuses
//! to unpack a part past its declared size, so a part that lies about its size fails
//! as it is read; [`read_part`] bounds its own reads as well.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::error::ImportError;
use crate::i18n::{self, Msg, msg, t};
use crate::input::Size;

/// The most a zip archive may unpack to, all parts together: 64 MiB. A filled form's
/// XML takes well under a megabyte; images in it barely compress, so they count
/// about what they weigh in the file.
pub(crate) const UNPACKED_LIMIT: Size = Size(64 * 1024 * 1024);

/// An archive over borrowed bytes.
pub(crate) type Zip<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Opens `bytes` as a zip archive whose parts declare at most [`UNPACKED_LIMIT`] in
/// all. `expected` names the format in words (`an Excel workbook (.xlsx)`), `format`
/// the file (`the workbook`).
pub(crate) fn open<'a>(
    bytes: &'a [u8],
    expected: &'static Msg,
    format: &'static Msg,
) -> Result<Zip<'a>, ImportError> {
    if !is_zip(bytes) {
        return Err(not_zip(bytes, expected, format));
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_error(&e, format))?;
    check_declared(&mut zip, format)?;
    Ok(zip)
}

/// Whether the bytes start as a zip archive does (a local file header, or the end
/// record of an empty archive).
pub(crate) fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// The error for bytes that are not a zip archive: an Office file saved with a
/// password is a compound file holding an `EncryptedPackage` stream.
fn not_zip(bytes: &[u8], expected: &'static Msg, format: &'static Msg) -> ImportError {
    if is_compound(bytes) && contains_utf16(bytes, "EncryptedPackage") {
        return ImportError::Encrypted { format };
    }
    ImportError::WrongFormat {
        expected,
        found: what_it_is(bytes),
    }
}

/// Whether the bytes start as an OLE compound file (`.xls`, `.doc`, encrypted
/// Office files) does.
pub(crate) fn is_compound(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Whether `text` occurs in `bytes` as UTF-16LE, as names do in a compound file's
/// directory.
pub(crate) fn contains_utf16(bytes: &[u8], text: &str) -> bool {
    let needle: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// What a file is, in words: a zip archive by the parts it holds (a workbook renamed
/// `.txt` is "an Excel workbook (.xlsx)", not "a zip archive of another kind"), any
/// other file by its first bytes.
pub(crate) fn what_it_is(bytes: &[u8]) -> &'static Msg {
    match is_zip(bytes).then(|| ZipArchive::new(Cursor::new(bytes))) {
        Some(Ok(zip)) => zip_kind(&zip),
        _ => looks_like(bytes),
    }
}

/// Whether the bytes are a file of a known binary format (an archive, an Office 97–2003
/// file, a PDF), which no text export is.
pub(crate) fn is_binary_document(bytes: &[u8]) -> bool {
    is_zip(bytes) || is_compound(bytes) || bytes.starts_with(b"%PDF")
}

/// What a file looks like, in words, from its first bytes.
pub(crate) fn looks_like(bytes: &[u8]) -> &'static Msg {
    let head = bytes.get(..512).unwrap_or(bytes);
    let lower = String::from_utf8_lossy(head).to_lowercase();
    let lower = lower.trim_start_matches('\u{feff}').trim_start();
    if bytes.is_empty() {
        msg!(KIND_EMPTY)
    } else if is_zip(bytes) {
        msg!(KIND_ZIP_OTHER)
    } else if is_compound(bytes) {
        msg!(KIND_OFFICE_97)
    } else if bytes.starts_with(b"%PDF") {
        msg!(KIND_PDF)
    } else if bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        msg!(KIND_IMAGE)
    } else if bytes.starts_with(b"{\\rtf") {
        msg!(KIND_RTF)
    } else if lower.contains("urn:schemas-microsoft-com:office:spreadsheet") {
        msg!(KIND_EXCEL_XML)
    } else if lower.starts_with("<!doctype html") || lower.contains("<html") {
        msg!(KIND_HTML)
    } else if head
        .iter()
        .all(|b| *b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r'))
    {
        msg!(KIND_TEXT)
    } else {
        msg!(KIND_BINARY)
    }
}

/// What a zip archive holds, in words, from the names of its parts.
pub(crate) fn zip_kind(zip: &Zip<'_>) -> &'static Msg {
    let names = || zip.file_names().filter_map(Result::ok);
    let has = |name: &str| names().any(|n| n.eq_ignore_ascii_case(name));
    let has_dir = |dir: &str| names().any(|n| n.starts_with(dir));
    if has("word/document.xml") {
        msg!(KIND_DOCX)
    } else if has("xl/workbook.bin") {
        msg!(KIND_XLSB)
    } else if has_dir("xl/") {
        msg!(KIND_XLSX)
    } else if has_dir("ppt/") {
        msg!(KIND_PPTX)
    } else if has("content.xml") {
        msg!(KIND_OPEN_DOCUMENT)
    } else {
        msg!(KIND_ZIP_OTHER)
    }
}

/// Refuses an archive whose parts declare more than [`UNPACKED_LIMIT`] in all, or
/// any part encrypted with a zip password.
fn check_declared(zip: &mut Zip<'_>, format: &'static Msg) -> Result<(), ImportError> {
    let mut total: u64 = 0;
    for index in 0..zip.len() {
        let part = zip.by_index_raw(index).map_err(|e| zip_error(&e, format))?;
        if part.encrypted() {
            return Err(ImportError::Encrypted { format });
        }
        total = total.saturating_add(part.size());
    }
    if total > UNPACKED_LIMIT.0 {
        return Err(too_large(format));
    }
    Ok(())
}

/// The error for an archive that unpacks to more than the limit.
pub(crate) fn too_large(format: &'static Msg) -> ImportError {
    ImportError::TooLarge {
        what: t!(IMPORT_UNPACKED, format),
        limit: UNPACKED_LIMIT,
    }
}

/// The bytes of the part named `name`, or `None` if there is none; at most
/// [`UNPACKED_LIMIT`] whatever the part declares.
pub(crate) fn read_part(
    zip: &mut Zip<'_>,
    name: &str,
    format: &'static Msg,
) -> Result<Option<Vec<u8>>, ImportError> {
    let part = match zip.by_name(name) {
        Ok(part) => part,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(zip_error(&e, format)),
    };
    let mut bytes = Vec::new();
    part.take(UNPACKED_LIMIT.0.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| {
            let error = i18n::foreign(&e);
            ImportError::corrupt(format, t!(IMPORT_PART_NOT_UNPACKED, name, error))
        })?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > UNPACKED_LIMIT.0 {
        return Err(too_large(format));
    }
    Ok(Some(bytes))
}

/// The error for a zip archive that cannot be read.
pub(crate) fn zip_error(error: &ZipError, format: &'static Msg) -> ImportError {
    match error {
        ZipError::UnsupportedArchive(what) if what.to_lowercase().contains("password") => {
            ImportError::Encrypted { format }
        }
        other => {
            let error = i18n::foreign(other);
            ImportError::corrupt(format, t!(IMPORT_ZIP_UNREADABLE, error))
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use zip::CompressionMethod;
    use zip::write::SimpleFileOptions;

    use super::*;

    /// A zip archive of the given parts, stored (deflating is slow in a debug build).
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        zip_with(parts, CompressionMethod::Stored)
    }

    /// A zip archive of the given parts, compressed with `method`.
    pub(crate) fn zip_with(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(method);
        for (name, bytes) in parts {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn files_are_named_by_their_first_bytes() {
        assert_eq!(looks_like(b"%PDF-1.7").en, "a PDF document");
        assert_eq!(looks_like(b"").en, "an empty file");
        assert_eq!(
            looks_like("项目,金额\n".as_bytes()).en,
            "text (such as CSV)"
        );
        assert!(looks_like(b"<html><table>").en.starts_with("a web page"));
        assert_eq!(
            looks_like(&[0, 1, 2, 3]).en,
            "binary data of no known format"
        );
    }

    #[test]
    fn a_declared_bomb_is_refused_before_unpacking() {
        // Two parts that declare 40 MiB each.
        let bytes = zip_of(&[("xl/a.xml", b"<a/>"), ("xl/b.xml", b"<b/>")]);
        let bytes = declare_size(&bytes, "xl/a.xml", 40 << 20);
        assert!(open(&bytes, msg!(KIND_XLSX), msg!(IMPORT_THE_WORKBOOK)).is_ok());
        let bytes = declare_size(&bytes, "xl/b.xml", 40 << 20);
        let error = open(&bytes, msg!(KIND_XLSX), msg!(IMPORT_THE_WORKBOOK)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_large");
    }

    /// `zip` with the uncompressed size the part `name` declares, in its local header
    /// and in the central directory, set to `size` (at most 4 GiB less 2, so that no
    /// Zip64 record is looked for).
    pub(crate) fn declare_size(zip: &[u8], name: &str, size: u64) -> Vec<u8> {
        let size = u32::try_from(size).unwrap_or(u32::MAX - 1).to_le_bytes();
        let mut bytes = zip.to_vec();
        let u16_at = |b: &[u8], at: usize| usize::from(u16::from_le_bytes([b[at], b[at + 1]]));
        let u32_at = |b: &[u8], at: usize| {
            u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
        };
        let end = bytes.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
        let (entries, mut at) = (u16_at(&bytes, end + 10), u32_at(&bytes, end + 16));
        for _ in 0..entries {
            let name_len = u16_at(&bytes, at + 28);
            let skip = name_len + u16_at(&bytes, at + 30) + u16_at(&bytes, at + 32);
            if &bytes[at + 46..at + 46 + name_len] == name.as_bytes() {
                let local = u32_at(&bytes, at + 42);
                bytes[at + 24..at + 28].copy_from_slice(&size);
                bytes[local + 22..local + 26].copy_from_slice(&size);
            }
            at += 46 + skip;
        }
        bytes
    }

    #[test]
    fn a_cut_archive_is_corrupt() {
        let bytes = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
        let cut = &bytes[..bytes.len() - 10];
        let error = open(cut, msg!(KIND_XLSX), msg!(IMPORT_THE_WORKBOOK)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt", "{error}");
    }
}
