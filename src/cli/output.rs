//! Writing a report: to standard output, or to the one file `--output` names. Nothing
//! else is ever written. A template and imported forms are written as new files only
//! ([`write_new`]).
//!
//! A report file replaces only a regular file (a symbolic link is followed to one), never
//! a file the run read. It is written to a new temporary file of unpredictable name
//! beside the target, created exclusively, given the old file's permissions and owner,
//! flushed to disk and renamed over the target; an error at any step removes the
//! temporary file and leaves the old report as it was. A file the user could not write
//! into (read-only, or not theirs to write) is refused, as is another user's file, which
//! the rename would make theirs.

use std::fs::Metadata;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::Error;
use crate::i18n::{self, t};
use crate::input::{self, FileId};

use super::inputs::ReadSet;

mod interrupt;
mod stream;
pub(crate) use interrupt::watch_interrupts;
pub(crate) use stream::Stream;

/// Prints the report (text, or a workbook's bytes) on standard output. A closed pipe (`| head`) ends the output
/// quietly, as it does for other Unix tools; any other error is one.
///
/// # Errors
///
/// Standard output is a file the run read (`>> form.toml`), or cannot be written
/// (`> /dev/full`).
pub(crate) fn print(text: impl AsRef<[u8]>, read: &ReadSet) -> Result<(), Error> {
    if let Some(input) = input::stdout_file_id().and_then(|id| read.find(&id)) {
        return Err(Error::OverInput {
            output: None,
            input: input.to_owned(),
        });
    }
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text.as_ref())
        .and_then(|()| stdout.flush());
    match written {
        Err(error) if error.kind() != ErrorKind::BrokenPipe => Err(Error::Stdout { error }),
        _ => Ok(()),
    }
}

/// Writes the report to `path`, replacing a regular file there atomically.
///
/// # Errors
///
/// `path` is not a regular file (or a link to one) nor a new name in an existing
/// folder, is a file the run read, or cannot be written.
pub(crate) fn write(path: &Path, text: impl AsRef<[u8]>, read: &ReadSet) -> Result<(), Error> {
    let target = resolve(path)?;
    guard_report(path, &target, read)?;
    replace(&target, text.as_ref()).map_err(|error| Error::Output {
        path: path.to_owned(),
        error,
    })
}

/// Writes `text` to `path` as a new file, never over one: a blank template or an
/// imported form must not replace a workbook or project file a department filled. The
/// file appears whole or not at all, and only where no file has the name at that
/// moment (the rename refuses a name taken meanwhile).
///
/// # Errors
///
/// A file has the name ([`Error::Exists`]); or as [`write`].
pub(crate) fn write_new(path: &Path, text: impl AsRef<[u8]>, read: &ReadSet) -> Result<(), Error> {
    let exists = || Error::Exists {
        path: path.to_owned(),
    };
    let target = resolve(path)?;
    // An empty file holds nothing to lose: `mktemp` made it for this output.
    if target.holds_something() {
        return Err(exists());
    }
    if target.existing.is_some() {
        guard(path, &target, read)?;
        return replace(&target, text.as_ref()).map_err(|error| Error::Output {
            path: path.to_owned(),
            error,
        });
    }
    guard(path, &target, read)?;
    let written = begin(&target).and_then(|mut temp| {
        temp.write_all(text.as_ref())?;
        temp.as_file().sync_all()?;
        let held = temp.path().to_owned();
        temp.persist_noclobber(&target.path).map_err(|e| e.error)?;
        interrupt::release(&held);
        sync_folder(folder_of(&target.path))
    });
    match written {
        Err(error) if error.kind() == ErrorKind::AlreadyExists => Err(exists()),
        other => other.map_err(|error| Error::Output {
            path: path.to_owned(),
            error,
        }),
    }
}

/// Writes `text` over the file at `path` that the run read as `own`: `perfeval fmt`
/// rewriting a ruleset in place. This one file may be replaced although the run read
/// it, and only while it is still that file (the same identity on disk); any other
/// target is held to the rules of [`write`].
///
/// # Errors
///
/// As [`write`]; and the file at `path` is no longer the one read.
pub(crate) fn rewrite(
    path: &Path,
    text: impl AsRef<[u8]>,
    read: &ReadSet,
    own: Option<&FileId>,
) -> Result<(), Error> {
    let target = resolve(path)?;
    let now = target
        .existing
        .as_ref()
        .map(|existing| FileId::of(existing, &target.path));
    match (own, now) {
        (Some(own), Some(now)) if *own == now => {}
        (Some(_), _) => {
            return Err(Error::Output {
                path: path.to_owned(),
                error: i18n::io_said(std::io::ErrorKind::Other, t!(OUTPUT_REPLACED)),
            });
        }
        (None, _) => guard(path, &target, read)?,
    }
    replace(&target, text.as_ref()).map_err(|error| Error::Output {
        path: path.to_owned(),
        error,
    })
}

/// The file a report replaces or creates.
#[derive(Debug)]
struct Target {
    /// Where it is, links resolved.
    path: PathBuf,
    /// The file there now, if any.
    existing: Option<Metadata>,
}

impl Target {
    /// Whether a file with anything in it is there: an empty one holds nothing to lose.
    fn holds_something(&self) -> bool {
        self.existing.as_ref().is_some_and(|e| e.len() > 0)
    }
}

/// Follows `path` to the regular file it names, or to a new name in an existing folder.
fn resolve(path: &Path) -> Result<Target, Error> {
    let io = |error| Error::Output {
        path: path.to_owned(),
        error,
    };
    let not_a_file = |kind| Error::OutputNotAFile {
        path: path.to_owned(),
        kind,
    };
    if let Some(link) = planted_link(path) {
        return Err(io(i18n::io_said(
            ErrorKind::PermissionDenied,
            t!(OUTPUT_PLANTED_LINK, link = link.display()),
        )));
    }
    let here = match std::fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == ErrorKind::NotFound => return new_file(path).map_err(io),
        Err(error) => return Err(io(error)),
    };
    if here.is_file() {
        return Ok(Target {
            path: path.to_owned(),
            existing: Some(here),
        });
    }
    if !here.file_type().is_symlink() {
        return Err(not_a_file(input::kind(&here)));
    }
    // A link: the file it leads to must be a regular file that exists.
    let there = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == ErrorKind::NotFound => {
            return Err(not_a_file(input::FileKind::DanglingLink));
        }
        Err(error) => return Err(io(error)),
    };
    if !there.is_file() {
        return Err(not_a_file(input::kind(&there)));
    }
    let real = std::fs::canonicalize(path).map_err(io)?;
    Ok(Target {
        path: real,
        existing: Some(there),
    })
}

/// The first link on `path` (the file itself or a folder on the way) that may have been
/// planted: `/tmp/x -> /etc` makes `--output /tmp/x/passwd` mean `/etc/passwd`.
fn planted_link(path: &Path) -> Option<PathBuf> {
    let mut prefix = PathBuf::new();
    for component in path.components() {
        prefix.push(component);
        let Ok(metadata) = std::fs::symlink_metadata(&prefix) else {
            return None;
        };
        if metadata.file_type().is_symlink() && planted(&prefix, &metadata) {
            return Some(prefix);
        }
    }
    None
}

/// Whether a link may have been planted: it is in a folder that anyone may write to
/// and only owners may delete from (sticky, like `/tmp`), and belongs neither to the
/// folder's owner nor to the user running perfeval. Linux refuses to follow such links
/// when `fs.protected_symlinks` is set; perfeval does not rely on that.
#[cfg(unix)]
fn planted(path: &Path, link: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    const STICKY_AND_WORLD_WRITABLE: u32 = 0o1002;
    let Ok(folder) = std::fs::metadata(folder_of(path)) else {
        return true;
    };
    if folder.mode() & STICKY_AND_WORLD_WRITABLE != STICKY_AND_WORLD_WRITABLE {
        return false;
    }
    if link.uid() == folder.uid() {
        return false;
    }
    // The user's own id: the owner of a file the user has just made.
    let me = tempfile::tempfile().and_then(|f| f.metadata());
    me.map_or(true, |me| me.uid() != link.uid())
}

#[cfg(not(unix))]
fn planted(_path: &Path, _link: &Metadata) -> bool {
    false
}

/// A name for a new file: its folder must exist. `dir/`, `dir/.` and `..` name folders,
/// not files (`Path::file_name` would read `dir/` as `dir`).
fn new_file(path: &Path) -> std::io::Result<Target> {
    let not_a_file = || i18n::io_said(ErrorKind::InvalidInput, t!(OUTPUT_NAMES_A_FOLDER));
    if ends_like_a_folder(path) {
        return Err(not_a_file());
    }
    let name = path.file_name().ok_or_else(not_a_file)?;
    let folder = folder_of(path);
    let folder = std::fs::canonicalize(folder)?;
    Ok(Target {
        path: folder.join(name),
        existing: None,
    })
}

/// Whether a path's text ends as a folder's does: `dir/`, `dir/.`, `..`.
pub(crate) fn ends_like_a_folder(path: &Path) -> bool {
    let text = path.as_os_str().to_string_lossy();
    let last = text
        .rsplit(std::path::is_separator)
        .next()
        .unwrap_or_default();
    matches!(last, "" | "." | "..")
}

/// The folder a path is in; `.` for a bare name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Refuses a target that is a file the run read: by identity when it exists, by its
/// resolved path when it does not (a named input that was missing).
fn guard(path: &Path, target: &Target, read: &ReadSet) -> Result<(), Error> {
    let over = |input: &Path| Error::OverInput {
        output: Some(path.to_owned()),
        input: input.to_owned(),
    };
    if let Some(existing) = &target.existing {
        let id = FileId::of(existing, &target.path);
        return match read.find(&id) {
            Some(input) => Err(over(input)),
            None => Ok(()),
        };
    }
    let same = read
        .paths()
        .iter()
        .find(|input| new_file(input).is_ok_and(|t| t.path == target.path));
    match same {
        Some(input) => Err(over(input)),
        None => Ok(()),
    }
}

/// Refuses a report's target that is a file the run read ([`guard`]), or a form or
/// ruleset ([`replaceable`]).
fn guard_report(path: &Path, target: &Target, read: &ReadSet) -> Result<(), Error> {
    guard(path, target, read)?;
    // An empty file holds nothing to lose (`-q` over a clean run writes none).
    if target.holds_something() && changed_report(&target.path) {
        return Err(Error::EditedReport {
            path: path.to_owned(),
        });
    }
    if target.holds_something() && !replaceable(path, &target.path) {
        return Err(Error::OverForm {
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Whether the file at `path` is a printed report or workbook perfeval wrote that has
/// been changed since: a Markdown or HTML report whose seal no longer holds
/// (`report::seal`), or a workbook saved again. The plain outputs (JSON, CSV, a table)
/// carry no seal and are replaced as before.
fn changed_report(path: &Path) -> bool {
    let Some(bytes) = head(path) else {
        return false;
    };
    if is_printed_report(&bytes) {
        return !whole(path).is_some_and(|b| crate::report::seal::holds(&b));
    }
    let xlsx = crate::import::Kind::Workbook(crate::import::workbook::WorkbookKind::Xlsx);
    bytes.starts_with(b"PK")
        && whole(path).is_some_and(|b| {
            crate::import::is_report(&b, xlsx) && !crate::import::is_unchanged_report(&b)
        })
}

/// Whether a report may replace the file at `path`: any file but a ruleset, one named
/// like a form, or one named like a printed report (`.html`, `.md`), which it replaces
/// only where that file is a report perfeval wrote (known by its content, as a folder
/// walk knows it). A form or ruleset the run did not read is as much a department's work
/// as one it did: `-o b.toml` must not turn it into a report; nor may `-o 审核意见.md`
/// turn a reviewer's own notes into one. `named` is the name the user gave, `path` the
/// file it resolves to (a link named `x.md` to notes under another name is still notes).
/// Whether `path` holds a report perfeval may replace (as [`replaceable`] finds it).
pub(crate) fn holds_a_report(path: &Path) -> bool {
    replaceable(path, path)
}

fn replaceable(named: &Path, path: &Path) -> bool {
    if input::is_rules_name(path) || is_document(path) {
        return false;
    }
    let json_lines = matches!(extension(path).as_deref(), Some("jsonl" | "ndjson"));
    if json_lines || crate::data::Format::from_path(path).is_some() {
        return head(path).is_some_and(|bytes| super::inputs::is_report(&bytes));
    }
    if is_printed_name(named) || is_printed_name(path) {
        return own_output(path);
    }
    match crate::import::Kind::from_path(path) {
        None => true,
        // A workbook's properties are in its archive's directory, at its end.
        Some(kind @ crate::import::Kind::Workbook(_)) => {
            whole(path).is_some_and(|bytes| crate::import::is_report(&bytes, kind))
        }
        Some(kind @ crate::import::Kind::Text) => head(path)
            .is_some_and(|bytes| crate::import::is_report(&bytes, kind) || is_own_text(&bytes)),
        Some(kind) => head(path).is_some_and(|bytes| crate::import::is_report(&bytes, kind)),
    }
}

/// Whether a name is one a printed report takes (`.html`, `.htm`, `.md`, `.markdown`):
/// a page or notes a reviewer wrote under such a name are not perfeval's to replace.
fn is_printed_name(path: &Path) -> bool {
    matches!(
        extension(path).as_deref(),
        Some("html" | "htm" | "md" | "markdown")
    )
}

/// Whether the file at `path` is a report or text perfeval wrote, in any of its formats
/// (a table or CSV may be written under any name, `-o t.md`): known by its content, as
/// each format is known where its own ending names it.
fn own_output(path: &Path) -> bool {
    let Some(bytes) = head(path) else {
        return false;
    };
    if is_printed_report(&bytes) || super::inputs::is_report(&bytes) || is_own_text(&bytes) {
        return true;
    }
    let xlsx = crate::import::Kind::Workbook(crate::import::workbook::WorkbookKind::Xlsx);
    [crate::import::Kind::Text, crate::import::Kind::Csv]
        .into_iter()
        .any(|kind| crate::import::is_report(&bytes, kind))
        || (bytes.starts_with(b"PK")
            && whole(path).is_some_and(|b| crate::import::is_report(&b, xlsx)))
}

/// Whether a text's first bytes are a Markdown or HTML report's: its title.
fn is_printed_report(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let title = crate::report::TITLE;
    text.contains(&format!("<title>{title}</title>")) || text.starts_with(&format!("# {title}\n"))
}

/// A file's extension, in lower case.
pub(crate) fn extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// Office and print documents perfeval does not read but a department keeps (a form
/// saved by WPS, a template, a PDF of the signed form): never perfeval's output.
fn is_document(path: &Path) -> bool {
    const DOCUMENTS: [&str; 17] = [
        "doc", "dot", "dotx", "docm", "wps", "wpt", "et", "ett", "dps", "xlsb", "xlsm", "xlt",
        "xltx", "xltm", "numbers", "pages", "pdf",
    ];
    extension(path).is_some_and(|e| DOCUMENTS.contains(&e.as_str()))
}

/// Whether a text's first bytes are perfeval's own text: a table report that begins
/// with forms it could not evaluate (`无法评估：…`), or an explanation (its first
/// block, `【类别 · 指标】`, on the third line).
fn is_own_text(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    first.starts_with(super::render::UNEVALUATED)
        || lines.nth(1).is_some_and(|third| third.starts_with('【'))
}

/// What a report is known by in a text: its first bytes.
const HEAD: u64 = 4096;
/// The largest workbook looked into; a larger file is not taken for a report.
const WORKBOOK: u64 = 256 << 20;

/// The first [`HEAD`] bytes of the file at `path`; `None` where it cannot be read.
fn head(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    read_at_most(file, HEAD)
}

/// The whole file at `path`, a workbook (whose end is needed); `None` where it cannot be
/// read or is larger than [`WORKBOOK`].
fn whole(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    if file.metadata().ok()?.len() > WORKBOOK {
        return None;
    }
    read_at_most(file, WORKBOOK)
}

fn read_at_most(file: std::fs::File, limit: u64) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Writes `bytes` to a temporary file beside the target and renames it over the target.
fn replace(target: &Target, bytes: &[u8]) -> std::io::Result<()> {
    let mut temp = begin(target)?;
    temp.write_all(bytes)?;
    commit(target, temp)
}

/// A new temporary file beside the target, with the old file's permissions.
fn begin(target: &Target) -> std::io::Result<tempfile::NamedTempFile> {
    let folder = folder_of(&target.path);
    let mut builder = tempfile::Builder::new();
    // Hidden, so that a folder walk skips it should a crash leave it behind.
    let prefix = interrupt::temporary_prefix();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // `rw-rw-rw-` less the umask, as any program's new file (tempfile's own default
        // is `rw-------`).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    if let Some(existing) = &target.existing {
        writable(&target.path, existing)?;
    }
    interrupt::watch_folder(folder);
    let temp = builder.tempfile_in(folder)?;
    interrupt::hold(temp.path());
    if let Some(existing) = &target.existing {
        keep_owner(temp.as_file(), existing);
        same_owner(temp.as_file(), existing)?;
        temp.as_file().set_permissions(existing.permissions())?;
    }
    Ok(temp)
}

/// Refuses a file the user could not write into: the rename that replaces it needs only
/// the folder's permission, so a read-only file (an adopted year's ruleset marked so) or
/// one the user may not write would otherwise be replaced all the same. Opening it for
/// writing, without truncating, changes nothing.
fn writable(path: &Path, existing: &Metadata) -> std::io::Result<()> {
    if existing.permissions().readonly() {
        return Err(i18n::io_said(
            ErrorKind::PermissionDenied,
            t!(OUTPUT_READ_ONLY),
        ));
    }
    std::fs::OpenOptions::new().write(true).open(path).map(drop)
}

/// Refuses to replace a file whose owner the new file could not be given
/// ([`keep_owner`]): another user's file would become the user's.
#[cfg(unix)]
fn same_owner(file: &std::fs::File, existing: &Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    if file.metadata()?.uid() == existing.uid() {
        return Ok(());
    }
    Err(i18n::io_said(
        ErrorKind::PermissionDenied,
        t!(OUTPUT_OTHER_OWNER),
    ))
}

#[cfg(not(unix))]
fn same_owner(_file: &std::fs::File, _existing: &Metadata) -> std::io::Result<()> {
    Ok(())
}

/// Flushes the temporary file to disk and renames it over the target.
fn commit(target: &Target, temp: tempfile::NamedTempFile) -> std::io::Result<()> {
    let folder = folder_of(&target.path);
    temp.as_file().sync_all()?;
    let held = temp.path().to_owned();
    // On error the temporary file is dropped, which removes it.
    temp.persist(&target.path).map_err(|e| e.error)?;
    interrupt::release(&held);
    sync_folder(folder)
}

/// Gives the temporary file the old file's owner and group, where the user may (root
/// may; others may only keep their own). Set before the mode: a change of owner clears
/// set-user-ID bits.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, existing: &Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else {
        return;
    };
    if (now.uid(), now.gid()) != (existing.uid(), existing.gid()) {
        // Best effort: a user who may not give the file away writes it as their own.
        let _ = std::os::unix::fs::fchown(file, Some(existing.uid()), Some(existing.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &std::fs::File, _existing: &Metadata) {}

/// Flushes the folder, so that the rename survives a crash.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    let synced = std::fs::File::open(folder).and_then(|f| f.sync_all());
    match synced {
        // Some file systems cannot flush a folder; the rename is done all the same.
        Err(error) if error.kind() == ErrorKind::InvalidInput => Ok(()),
        other => other,
    }
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    Ok(())
}
