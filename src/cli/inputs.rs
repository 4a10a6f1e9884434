//! Finding and reading the inputs of a run: the project files named on the command line
//! or found in folders, standard input, and the rulesets (through a [`Loader`]). Every
//! file read is recorded by identity, so that no output ever lands on one.
//!
//! Folder walks are deterministic (file-name order) and visit each file once. Symbolic
//! links inside folders are not followed (unless `--follow`), and editor or OS litter,
//! files of other kinds and perfeval's own reports are skipped and counted, never
//! silently: see [`Skipped::summary`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::data::Format;
use crate::i18n::{self, t};
use crate::input::{self, FileId, Links, Size};
use crate::link::{LoadError, Loader, ruleset_text};

/// The name standard input goes by in diagnostics and reports.
pub(crate) const STDIN_NAME: &str = "<stdin>";

/// Every file a run has read or was asked to read, by identity and by path.
#[derive(Debug, Default)]
pub(crate) struct ReadSet {
    ids: HashMap<FileId, PathBuf>,
    paths: Vec<PathBuf>,
}

impl ReadSet {
    /// Records a file; the first path a file is seen under is the one reported.
    pub(crate) fn add(&mut self, id: Option<FileId>, path: &Path) {
        if let Some(id) = id {
            self.ids.entry(id).or_insert_with(|| path.to_owned());
        }
        self.paths.push(path.to_owned());
    }

    /// Records standard input, when it is a file.
    pub(crate) fn add_stdin(&mut self, id: Option<FileId>) {
        if let Some(id) = id {
            self.ids
                .entry(id)
                .or_insert_with(|| PathBuf::from(STDIN_NAME));
        }
    }

    /// The path under which the file `id` was read.
    pub(crate) fn find(&self, id: &FileId) -> Option<&Path> {
        self.ids.get(id).map(PathBuf::as_path)
    }

    /// Every path recorded, including files that could not be read.
    pub(crate) fn paths(&self) -> &[PathBuf] {
        &self.paths
    }
}

/// A [`Loader`] for the command line: rulesets up to the run's size limit, each
/// recorded in the run's [`ReadSet`]. The limit holds for the whole `extends` chain
/// together: a chain of 32 files each just under it would cost 32 times the memory.
pub(crate) struct RulesetLoader<'r> {
    limit: Size,
    used: u64,
    read: &'r mut ReadSet,
}

/// A [`Loader`] over the file system, for programs and tests that read rulesets from
/// files without the command line's bookkeeping: regular files named `*.rules` only
/// (links resolved), at most [`input::DEFAULT_LIMIT`] bytes each. A UTF-8 byte-order
/// mark is dropped.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileLoader;

impl Loader for FileLoader {
    fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        let read = input::read_ruleset(path, input::DEFAULT_LIMIT)?;
        ruleset_text(read.bytes)
    }

    fn exists(&mut self, path: &Path) -> bool {
        path.symlink_metadata().is_ok()
    }
}

impl<'r> RulesetLoader<'r> {
    /// A loader that reads at most `limit` bytes of rulesets and records them in `read`.
    pub(crate) fn new(limit: Size, read: &'r mut ReadSet) -> RulesetLoader<'r> {
        RulesetLoader {
            limit,
            used: 0,
            read,
        }
    }
}

impl Loader for RulesetLoader<'_> {
    fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        let left = Size(self.limit.0.saturating_sub(self.used));
        let read = input::read_ruleset(path, left);
        // Recorded even when unreadable: a base that is missing now must not be created
        // by the report either.
        let id = read.as_ref().ok().and_then(|r| r.id.clone());
        self.read.add(id, path);
        let bytes = match read {
            Ok(read) => read.bytes,
            Err(input::ReadError::TooLarge { .. }) if self.used > 0 => {
                return Err(LoadError::ChainTooLarge { limit: self.limit });
            }
            Err(error) => return Err(error.into()),
        };
        self.used += u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        ruleset_text(bytes)
    }

    fn exists(&mut self, path: &Path) -> bool {
        path.symlink_metadata().is_ok()
    }
}

/// Refuses a project path that leads (through links in any folder of it) to a file
/// whose name is not a project file's: a form bundle's `form.json -> ~/.docker/config.json`
/// would otherwise be read and quoted in diagnostics. A path that cannot be resolved is
/// left for the read to report.
pub(crate) fn check_real_name(path: &Path) -> Result<(), Error> {
    let Ok(real) = std::fs::canonicalize(path) else {
        return Ok(());
    };
    // Not a regular file: the read says what it is.
    let regular = std::fs::metadata(&real).is_ok_and(|m| m.is_file());
    // The file itself must be named like what the link's name says it is: a
    // `form.json` leading to a `notes.txt` would be read as JSON and quoted.
    let kind = |p: &Path| (Format::from_path(p), crate::import::Kind::from_path(p));
    if (is_form_name(&real) && kind(&real) == kind(path)) || !regular {
        return Ok(());
    }
    Err(Error::Io {
        path: path.to_owned(),
        error: i18n::io_said(
            std::io::ErrorKind::InvalidInput,
            t!(IO_LEADS_TO_NON_PROJECT, real = real.display()),
        ),
    })
}

/// Whether a file's name is a project file's (`.toml`, `.json`, `.yaml`) or a form's that
/// perfeval imports (`.txt`, `.xlsx`, `.csv`, …).
pub(crate) fn is_form_name(path: &Path) -> bool {
    Format::from_path(path).is_some() || crate::import::Kind::from_path(path).is_some()
}

/// Where a project's text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file, named or found in a folder.
    File(PathBuf),
}

/// One project to evaluate.
#[derive(Clone, Debug)]
pub(crate) struct Form {
    /// Where its text is.
    pub(crate) source: Source,
    /// The folder (an index into [`Collected::folders`]) it was found in; `None` when
    /// it was named.
    pub(crate) folder: Option<usize>,
}

impl Form {
    /// Whether links are followed when it is opened: yes for named files, no in folders
    /// unless `--follow`.
    pub(crate) fn links(&self, follow: bool) -> Links {
        if self.folder.is_none() || follow {
            Links::Follow
        } else {
            Links::Refuse
        }
    }
}

/// A folder named on the command line and how many project files were found in it.
#[derive(Debug)]
pub(crate) struct Folder {
    /// The folder as named.
    pub(crate) path: PathBuf,
    /// Project files found (a file already named elsewhere counts here too).
    pub(crate) found: usize,
}

/// What was skipped, by reason.
#[derive(Debug, Default)]
pub(crate) struct Skipped {
    hidden: usize,
    editor: usize,
    links: usize,
    special: usize,
    other: BTreeMap<String, usize>,
    pub(crate) reports: usize,
    /// Files named like forms (`.txt`, `.xlsx`) in which no form of the ruleset was found.
    not_forms: usize,
    /// The first of them by path, shown: a department's workbook the reader did not
    /// recognise is a form the reviewer must open by hand, so they are named.
    not_form_names: Vec<String>,
    again: usize,
}

impl Skipped {
    /// One line that says how many files were skipped and why, or `None` when none was.
    /// `again` (a file named twice, or in two folders) is the only reason a named file
    /// is skipped for; the rest are found in folders.
    pub(crate) fn summary(&self) -> Option<String> {
        let other: usize = self.other.values().sum();
        // A few endings say what the files are; a folder of thousands would fill a
        // screen.
        let mut extensions: Vec<&str> = self.other.keys().map(String::as_str).take(5).collect();
        if self.other.len() > extensions.len() {
            extensions.push("…");
        }
        let endings = extensions.join(&t!(LIST_COMMA));
        let parts = [
            counted(self.hidden, |n| t!(SKIPPED_HIDDEN, n)),
            counted(self.editor, |n| match n {
                1 => t!(SKIPPED_EDITOR_ONE, n),
                _ => t!(SKIPPED_EDITOR, n),
            }),
            counted(self.links, |n| match n {
                1 => t!(SKIPPED_LINK_ONE, n),
                _ => t!(SKIPPED_LINK, n),
            }),
            counted(self.special, |n| match n {
                1 => t!(SKIPPED_SPECIAL_ONE, n),
                _ => t!(SKIPPED_SPECIAL, n),
            }),
            counted(other, |n| match n {
                1 => t!(SKIPPED_OTHER_ONE, n, endings),
                _ => t!(SKIPPED_OTHER, n, endings),
            }),
            counted(self.reports, |n| match n {
                1 => t!(SKIPPED_REPORT_ONE, n),
                _ => t!(SKIPPED_REPORT, n),
            }),
            counted(self.not_forms, |n| {
                let mut names = self.not_form_names.clone();
                if n > names.len() {
                    names.push("…".to_owned());
                }
                let names = names.join(&t!(LIST_COMMA));
                t!(SKIPPED_NOT_FORM, n, names)
            }),
            counted(self.again, |n| t!(SKIPPED_AGAIN, n)),
        ];
        let parts: Vec<String> = parts.into_iter().flatten().collect();
        let parts = parts.join(&t!(LIST_COMMA));
        let total = self.total();
        Some(match (total, self.again) {
            (0, _) => return None,
            (1, 0) => t!(SKIPPED_IN_FOLDERS_ONE, parts),
            (total, 0) => t!(SKIPPED_IN_FOLDERS, total, parts),
            (1, _) => t!(SKIPPED_ONE, parts),
            (total, _) => t!(SKIPPED, total, parts),
        })
    }

    /// A file named like a form in which no form was found; at most `NAMED` of them are
    /// named (a folder of thousands would fill a screen), control characters written out.
    pub(crate) fn add_not_form(&mut self, path: Option<&Path>) {
        const NAMED: usize = 5;
        self.not_forms += 1;
        if let Some(path) = path
            && self.not_form_names.len() < NAMED
        {
            let name = crate::text::visible(&path.to_string_lossy()).into_owned();
            self.not_form_names.push(name);
        }
    }

    /// How many files were skipped, for every reason.
    pub(crate) fn total(&self) -> usize {
        let other: usize = self.other.values().sum();
        self.hidden
            + self.editor
            + self.links
            + self.special
            + other
            + self.reports
            + self.not_forms
            + self.again
    }

    fn add(&mut self, skip: Skip) {
        match skip {
            Skip::Hidden => self.hidden += 1,
            Skip::Editor => self.editor += 1,
            Skip::Link => self.links += 1,
            Skip::Special => self.special += 1,
            Skip::Other(extension) => *self.other.entry(extension).or_default() += 1,
        }
    }
}

/// `3 hidden`, `1 symbolic link`; `None` for none.
fn counted(n: usize, words: impl Fn(usize) -> String) -> Option<String> {
    (n > 0).then(|| words(n))
}

/// Why an entry of a folder is skipped.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Skip {
    /// A name that starts with `.`: hidden files and folders (`.git`), macOS
    /// AppleDouble files (`._x.toml`), emacs locks (`.#x.toml`), perfeval's own
    /// temporary files.
    Hidden,
    /// `~$x.toml` (Office lock files), `x.toml~` (backups), `#x.toml#` (emacs).
    Editor,
    /// A symbolic link, not followed.
    Link,
    /// A device, FIFO or socket.
    Special,
    /// A file whose name is not a project file's: its extension, or `no extension`.
    Other(String),
}

/// The reason to skip a name, whatever kind of file it is.
pub(crate) fn litter(name: &OsStr) -> Option<Skip> {
    let name = name.to_string_lossy();
    if name.starts_with('.') {
        return Some(Skip::Hidden);
    }
    let autosave = name.len() > 1 && name.starts_with('#') && name.ends_with('#');
    (name.starts_with("~$") || name.ends_with('~') || autosave).then_some(Skip::Editor)
}

/// `.txt` for a file named `notes.txt`. Whoever named the file chose the text, so
/// control characters (which a terminal would obey) are shown as `?`.
fn extension(path: &Path) -> String {
    let Some(extension) = path.extension() else {
        return t!(SKIPPED_NO_EXTENSION);
    };
    let shown: String = extension
        .to_string_lossy()
        .chars()
        .take(16)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    format!(".{shown}")
}

/// The forms of a run, as found.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// The forms to evaluate, in order, each file once.
    pub(crate) forms: Vec<Form>,
    /// Paths that could not be searched.
    pub(crate) errors: Vec<Error>,
    /// Entries skipped.
    pub(crate) skipped: Skipped,
    /// The folders named.
    pub(crate) folders: Vec<Folder>,
    seen: HashSet<FileId>,
}

/// The project files named: files as given, `-` for standard input, folders searched
/// for project files in name order.
///
/// # Errors
///
/// `-` is named more than once.
pub(crate) fn collect(args: &[PathBuf], follow: bool) -> Result<Collected, Error> {
    if args.iter().filter(|a| a.as_os_str() == "-").count() > 1 {
        return Err(Error::StdinTwice);
    }
    let mut collected = Collected::default();
    for arg in args {
        if arg.as_os_str() == "-" {
            collected.forms.push(Form {
                source: Source::Stdin,
                folder: None,
            });
        } else if arg.is_dir() {
            collected.walk(arg, follow);
        } else {
            // A file that cannot be looked at is kept: reading it reports why.
            let id = std::fs::metadata(arg)
                .ok()
                .map(|metadata| FileId::of(&metadata, arg));
            collected.add(arg, id, None);
        }
    }
    Ok(collected)
}

impl Collected {
    /// The path of the form whose identity is `id`, if the run found or was named one.
    pub(crate) fn find(&self, id: &FileId) -> Option<&Path> {
        if !self.seen.contains(id) {
            return None;
        }
        // Only the identities are kept: the path is looked for, once, in an error.
        self.forms.iter().find_map(|form| match &form.source {
            Source::File(path) => std::fs::metadata(path)
                .is_ok_and(|metadata| FileId::of(&metadata, path) == *id)
                .then_some(path.as_path()),
            Source::Stdin => None,
        })
    }

    /// Adds a file unless a file of the same identity is already in.
    fn add(&mut self, path: &Path, id: Option<FileId>, folder: Option<usize>) {
        if let Some(id) = id
            && !self.seen.insert(id)
        {
            self.skipped.again += 1;
            return;
        }
        self.forms.push(Form {
            source: Source::File(path.to_owned()),
            folder,
        });
    }

    /// Searches a folder named on the command line (which is followed if it is a link).
    fn walk(&mut self, dir: &Path, follow: bool) {
        let folder = self.folders.len();
        self.folders.push(Folder {
            path: dir.to_owned(),
            found: 0,
        });
        // With `--follow`, links are followed only where they stay inside the folder:
        // `up -> /` in a folder of untrusted forms must not walk the whole disk.
        let inside = follow.then(|| std::fs::canonicalize(dir).ok()).flatten();
        let mut entries = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .follow_links(follow)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    self.walk_error(dir, error);
                    continue;
                }
            };
            match classify(&entry, inside.as_deref()) {
                Ok(Some(id)) => {
                    self.found(folder);
                    self.add(entry.path(), Some(id), Some(folder));
                }
                Ok(None) => {}
                Err(skip) => {
                    if entry.file_type().is_dir() {
                        entries.skip_current_dir();
                    }
                    self.skipped.add(skip);
                }
            }
        }
        if self.folders.get(folder).is_some_and(|f| f.found == 0) {
            self.errors.push(empty_folder(dir));
        }
    }

    fn found(&mut self, folder: usize) {
        if let Some(folder) = self.folders.get_mut(folder) {
            folder.found += 1;
        }
    }

    /// A link loop or a link to nothing (met only with `--follow`) is a link skipped;
    /// anything else (a folder that cannot be read) is an error.
    fn walk_error(&mut self, dir: &Path, error: walkdir::Error) {
        let is_link = error.loop_ancestor().is_some()
            || error
                .path()
                .and_then(|p| p.symlink_metadata().ok())
                .is_some_and(|m| m.file_type().is_symlink());
        if is_link {
            self.skipped.add(Skip::Link);
            return;
        }
        let path = error.path().unwrap_or(dir).to_owned();
        let error = error.into_io_error().unwrap_or_else(|| {
            i18n::io_said(std::io::ErrorKind::Other, t!(IO_FOLDER_NOT_SEARCHED))
        });
        self.errors.push(Error::Io { path, error });
    }
}

/// The error for a folder that holds no project file.
pub(crate) fn empty_folder(dir: &Path) -> Error {
    Error::Io {
        path: dir.to_owned(),
        error: i18n::io_said(std::io::ErrorKind::NotFound, t!(IO_FOLDER_EMPTY)),
    }
}

/// What to do with an entry of a folder: a project file (with its identity), nothing
/// (a folder, searched in turn), or skip it. `inside` is the folder searched, resolved,
/// when links are followed.
fn classify(entry: &walkdir::DirEntry, inside: Option<&Path>) -> Result<Option<FileId>, Skip> {
    if let Some(skip) = litter(entry.file_name()) {
        return Err(skip);
    }
    if let Some(inside) = inside
        && entry.path_is_symlink()
        && !std::fs::canonicalize(entry.path()).is_ok_and(|real| real.starts_with(inside))
    {
        return Err(Skip::Link);
    }
    let file_type = entry.file_type();
    if file_type.is_symlink() {
        return Err(Skip::Link);
    }
    if file_type.is_dir() {
        return Ok(None);
    }
    if !file_type.is_file() {
        return Err(Skip::Special);
    }
    if !is_form_name(entry.path()) {
        return Err(Skip::Other(extension(entry.path())));
    }
    // Without metadata the file has no identity; reading it reports the problem.
    Ok(entry
        .metadata()
        .ok()
        .map(|metadata| FileId::of(&metadata, entry.path())))
}

/// The format of text on standard input: JSON when it starts with `{`, else `default`.
pub(crate) fn stdin_format(bytes: &[u8], default: Format) -> Format {
    match first_byte(bytes) {
        Some(b'{') => Format::Json,
        _ => default,
    }
}

/// The first byte that is not a byte-order mark or ASCII white space.
fn first_byte(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Whether bytes are a JSON report of perfeval: an object whose first key is
/// [`crate::report::json::MARKER`] (`check`) or [`crate::report::diff::json::MARKER`]
/// (`diff`), or (from before the marker) whose keys are `ruleset` and `projects`.
pub(crate) fn is_report(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    let Some(rest) = start.and_then(|at| bytes.get(at..)) else {
        return false;
    };
    let Some(rest) = rest.strip_prefix(b"{") else {
        return false;
    };
    let key = rest.trim_ascii_start();
    let markers = [
        crate::report::json::MARKER,
        crate::report::diff::json::MARKER,
        crate::explain::MARKER,
    ];
    if markers
        .iter()
        .any(|marker| key.starts_with(format!("\"{marker}\"").as_bytes()))
    {
        return true;
    }
    // Older reports: parsed only when they start as one does, so forms cost nothing.
    key.starts_with(b"\"ruleset\"") && has_report_keys(bytes)
}

fn has_report_keys(bytes: &[u8]) -> bool {
    let keys: Result<HashMap<String, serde::de::IgnoredAny>, _> = serde_json::from_slice(bytes);
    keys.is_ok_and(|keys| keys.contains_key("ruleset") && keys.contains_key("projects"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn litter_names() {
        let skip = |name: &str| litter(OsStr::new(name));
        assert_eq!(skip(".git"), Some(Skip::Hidden));
        assert_eq!(skip("._form.toml"), Some(Skip::Hidden));
        assert_eq!(skip(".#form.toml"), Some(Skip::Hidden));
        assert_eq!(skip("~$form.toml"), Some(Skip::Editor));
        assert_eq!(skip("form.toml~"), Some(Skip::Editor));
        assert_eq!(skip("#form.toml#"), Some(Skip::Editor));
        assert_eq!(skip("#"), None);
        assert_eq!(skip("form.toml"), None);
        assert_eq!(skip("项目#1.toml"), None);
    }

    #[test]
    fn reports_are_known_by_their_first_key() {
        assert!(is_report(b"\xEF\xBB\xBF\n {\n  \"perfeval_report\": 1}"));
        assert!(is_report(b"{\"ruleset\": {}, \"projects\": []}"));
        assert!(is_report(b"{\n  \"perfeval_diff\": 1, \"old\": {}}"));
        assert!(!is_report(b"{\"ruleset\": {}, \"budget\": []}"));
        assert!(!is_report(b"{\"project\": {}}"));
        assert!(!is_report(b"[project]\nname = \"perfeval_report\""));
        assert!(!is_report(b""));
    }

    #[test]
    fn stdin_is_json_when_it_starts_with_a_brace() {
        assert_eq!(stdin_format(b"  {\"a\": 1}", Format::Toml), Format::Json);
        assert_eq!(stdin_format(b"[project]", Format::Toml), Format::Toml);
        assert_eq!(stdin_format(b"project:", Format::Yaml), Format::Yaml);
    }

    #[test]
    fn the_summary_says_why() {
        let mut skipped = Skipped::default();
        assert_eq!(skipped.summary(), None);
        skipped.add(Skip::Hidden);
        skipped.add(Skip::Hidden);
        skipped.add(Skip::Editor);
        skipped.add(Skip::Other(".txt".into()));
        assert_eq!(
            skipped.summary().unwrap(),
            "note: skipped 4 files in folders: 2 hidden, 1 editor or lock file, 1 not a project file (.txt)"
        );
        skipped.again += 1;
        assert!(
            skipped
                .summary()
                .unwrap()
                .starts_with("note: skipped 5 files: ")
        );
    }

    #[test]
    fn the_summary_shows_a_few_endings_without_control_characters() {
        assert_eq!(extension(Path::new("a.t\u{1b}[2Jxt")), ".t?[2Jxt");
        assert_eq!(extension(Path::new("README")), "no extension");
        let mut skipped = Skipped::default();
        for n in 0..8 {
            skipped.add(Skip::Other(format!(".{n}")));
        }
        let summary = skipped.summary().unwrap();
        assert!(
            summary.ends_with("8 not project files (.0, .1, .2, .3, .4, …)"),
            "{summary}"
        );
    }
}
