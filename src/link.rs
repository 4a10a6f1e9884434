//! Linking: a ruleset and the chain of rulesets it `extends`, merged into one syntax
//! tree whose spans point into every file of the chain.
//!
//! Files are read through a [`Loader`], so that this stage does no I/O of its own: the
//! CLI passes one that reads the file system, tests one that reads memory. Nothing is
//! checked here beyond whether the changes fit their base; see `check`.

pub mod error;
pub(crate) mod merge;

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Failure;
use crate::i18n::t;
use crate::input;
use crate::shipped::{self, Shipped};
use crate::source::{SourceFile, Sources, Span};
use crate::syntax::ast::{ItemKind, Ruleset};
use crate::{Error, input::is_rules_name};

use self::error::LinkError;

/// Reads the text of a ruleset file.
pub trait Loader {
    /// The text of the file at `path`.
    ///
    /// # Errors
    ///
    /// Whatever stops the file being read; [`LoadError::Read`] with an I/O error of kind
    /// `NotFound` where nothing is at `path` (a name alone may then mean a shipped
    /// ruleset).
    fn read(&mut self, path: &Path) -> Result<String, LoadError>;

    /// Whether anything (a file, a folder, a link) is at `path`, looked at without
    /// reading it. Asked only of a name alone that is neither a ruleset file's nor a
    /// shipped ruleset's, to tell a file that is not a ruleset from a name that is
    /// nothing, and of the ruleset file such a name was likely meant for (`2024.rules`
    /// for `2024`); the default answers that nothing is there.
    fn exists(&mut self, path: &Path) -> bool {
        let _ = path;
        false
    }
}

/// Why a [`Loader`] gave no text for a ruleset.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file system said no, or the file was refused before it was read:
    /// `--rules missing.rules` (`NotFound`), `--rules /dev/zero` (not a regular file), a
    /// file past `--max-file-size`, `--rules link.rules` leading to `notes.txt`.
    #[error(transparent)]
    Read(#[from] input::ReadError),
    /// `extends "base.rules"` where each file is under `--max-file-size` and the chain
    /// together is not.
    #[error("{}", t!(IO_RULESETS_TOO_LARGE, limit = .limit))]
    ChainTooLarge {
        /// The limit the chain shares.
        limit: input::Size,
    },
    /// A ruleset saved in GBK or GB18030: its bytes are not UTF-8.
    #[error("{}", t!(IO_NOT_UTF8_RULESET, .line, .column))]
    NotUtf8 {
        /// The line of the first byte that is not UTF-8.
        line: usize,
        /// Its column, in characters.
        column: usize,
    },
    /// `perfeval::load_ruleset` of a text that says `extends "base.rules"`: there are
    /// no files to read it from.
    #[error("{}", t!(LINK_MISSING_BASE_TEXT))]
    NoFiles,
}

impl LoadError {
    /// Whether nothing is at the path: the file system said so, or there are no files
    /// at all (a name alone may then still mean a shipped ruleset).
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        match self {
            LoadError::Read(input::ReadError::Io(e)) => e.kind() == std::io::ErrorKind::NotFound,
            LoadError::NoFiles => true,
            _ => false,
        }
    }
}

impl From<std::io::Error> for LoadError {
    fn from(error: std::io::Error) -> LoadError {
        LoadError::Read(input::ReadError::Io(error))
    }
}

/// The text of a ruleset file's bytes: UTF-8, without a byte-order mark.
///
/// # Errors
///
/// The bytes are not UTF-8; the error says where, and how to convert a GBK file.
pub fn ruleset_text(bytes: Vec<u8>) -> Result<String, LoadError> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e
            .as_bytes()
            .get(..e.utf8_error().valid_up_to())
            .unwrap_or(&[]);
        let before = String::from_utf8_lossy(good);
        let at = SourceFile::new("", before.as_ref())
            .line_col(u32::try_from(good.len()).unwrap_or(u32::MAX));
        LoadError::NotUtf8 {
            line: at.line,
            column: at.column,
        }
    })?;
    // A byte-order mark is not part of the text: columns count from after it.
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// A ruleset with its `extends` chain applied.
#[derive(Clone, Debug)]
pub struct Linked {
    /// The merged syntax tree.
    pub ruleset: Ruleset,
    /// Every file of the chain, in one address space.
    pub sources: Sources,
    /// What linking warns of but does not stop at ([`LinkError::is_warning`]), such as an
    /// override adding a catalog indicator named one slip from the base's.
    pub warnings: Vec<LinkError>,
}

/// How many rulesets a chain may have; deeper chains are refused (a cycle is reported
/// before this).
const MAX_CHAIN: usize = 32;

/// Reads the ruleset at `path` and every ruleset it extends, and merges them.
///
/// A name alone (`2023`, `2023.rules`, not `./2023.rules`) may name a shipped ruleset
/// ([`crate::shipped`]): a name without `.rules` always does, since no file of that
/// name is read as a ruleset; a name with it does when there is no such file. The same
/// holds for `extends`, whose file is looked for beside the file that names it first.
///
/// # Errors
///
/// The root file cannot be read; a file does not parse; a base is missing, the chain is
/// a cycle, or a change does not fit its base.
pub fn link(path: &Path, loader: &mut dyn Loader) -> Result<Linked, Error> {
    let root = root(path, loader)?;
    chain(root, loader)
}

/// The ruleset a path names, read.
fn root(path: &Path, loader: &mut dyn Loader) -> Result<Found, Error> {
    let shipped = shipped::named(path);
    // Checked by name before anything is opened: a file that is not a ruleset is never
    // read, so never quoted in a syntax error.
    if !is_rules_name(path) {
        if let Some(shipped) = shipped {
            return Ok(Found::Shipped(shipped));
        }
        if shipped::bare(path).is_some() && !loader.exists(path) {
            return Err(unknown_ruleset(path, loader));
        }
        return Err(Error::NotARuleset {
            path: path.to_owned(),
            reason: t!(READ_BASE_NOT_RULES),
        });
    }
    match loader.read(path) {
        Ok(text) => Ok(Found::File(path.to_owned(), text)),
        // A file that exists wins, even one that cannot be read (a link to nothing
        // included): only where nothing is may a name alone mean a shipped ruleset.
        Err(error) if shipped::bare(path).is_some() && nothing_at(path, &error, loader) => shipped
            .map(Found::Shipped)
            .ok_or_else(|| unknown_ruleset(path, loader)),
        Err(error) => Err(Error::loading(path, error)),
    }
}

/// Whether a read failed because nothing at all is at `path`: not even a link to
/// nothing, which is a file that exists and wins over a shipped ruleset's name.
fn nothing_at(path: &Path, error: &LoadError, loader: &mut dyn Loader) -> bool {
    error.is_not_found() && !loader.exists(path)
}

/// The error for a name alone that is no file's and no shipped ruleset's. Where the
/// ruleset file the name was surely meant for is there (`--rules 2024` beside
/// `2024.rules`), the help names that file and nothing else.
fn unknown_ruleset(path: &Path, loader: &mut dyn Loader) -> Error {
    let name = path.display().to_string();
    let help = match meant_file(&name, loader) {
        Some(file) => t!(RULESETS_UNKNOWN_FILE_HELP, file = file.display()),
        None => t!(RULESETS_UNKNOWN_HELP, shipped = shipped::help_for(&name)),
    };
    Error::UnknownRuleset {
        reason: t!(RULESETS_UNKNOWN_NO_FILE),
        help,
        name,
    }
}

/// The ruleset file a name alone was meant for, where it is there: `2024.rules` for
/// `2024`, and for `2024.rule` or `2024.rul` (an ending cut short).
fn meant_file(name: &str, loader: &mut dyn Loader) -> Option<PathBuf> {
    let lower = name.to_ascii_lowercase();
    let stem = [".rule", ".rul"]
        .iter()
        .find_map(|cut| {
            lower
                .ends_with(cut)
                .then(|| name.get(..name.len() - cut.len()))
        })
        .flatten()
        .unwrap_or(name);
    let file = PathBuf::from(format!("{stem}.rules"));
    (!stem.is_empty() && loader.exists(&file)).then_some(file)
}

/// Links a ruleset given as text, which may extend a shipped ruleset by its name alone
/// (`extends "2023.rules"`) but no file: there is no file system to find one in.
///
/// # Errors
///
/// The text does not parse, extends a file, or changes a base it does not have.
pub fn link_source(source: &SourceFile) -> Result<Linked, Error> {
    let root = Found::File(PathBuf::from(source.name()), source.text().to_owned());
    chain(root, &mut NoFiles)
}

/// Links `root` and the chain of bases it extends.
fn chain(root: Found, loader: &mut dyn Loader) -> Result<Linked, Error> {
    let mut chain = Chain {
        loader,
        sources: Sources::default(),
        visited: Vec::new(),
        errors: Vec::new(),
    };
    let ruleset = chain.file(root)?;
    let Chain {
        sources, errors, ..
    } = chain;
    let (warnings, errors): (Vec<_>, Vec<_>) = errors.into_iter().partition(LinkError::is_warning);
    match Failure::from_errors(sources.clone(), errors) {
        Some(failure) => Err(Error::Link(failure)),
        None => Ok(Linked {
            ruleset,
            sources,
            warnings,
        }),
    }
}

/// The loader of a ruleset given as text: there are no files.
struct NoFiles;

impl Loader for NoFiles {
    fn read(&mut self, _path: &Path) -> Result<String, LoadError> {
        Err(LoadError::NoFiles)
    }
}

/// A ruleset of a chain, found: a file and its text, or a shipped ruleset.
enum Found {
    File(PathBuf, String),
    Shipped(&'static Shipped),
}

impl Found {
    /// The path it is known by, for telling files of a chain apart: as named, `.` and
    /// `..` resolved; `<shipped>/2023.rules` for a shipped ruleset.
    fn key(&self) -> PathBuf {
        match self {
            Found::File(path, _) => normalize(path),
            Found::Shipped(shipped) => PathBuf::from(shipped.path()),
        }
    }
}

struct Chain<'l> {
    loader: &'l mut dyn Loader,
    sources: Sources,
    visited: Vec<PathBuf>,
    errors: Vec<LinkError>,
}

impl Chain<'_> {
    /// Parses one file and, if it extends another, merges it onto that.
    fn file(&mut self, found: Found) -> Result<Ruleset, Error> {
        let key = found.key();
        let name = key.display().to_string();
        let text = match &found {
            Found::File(_, text) => text.as_str(),
            Found::Shipped(shipped) => shipped.text,
        };
        let base = self.sources.add(SourceFile::new(name, text));
        self.visited.push(key);
        let ruleset = crate::syntax::parse_at(text, base)
            .map_err(|e| Error::Parse(Failure::new(self.sources.clone(), e)))?;
        let Some((extends, span)) = extends_of(&ruleset) else {
            merge::validate_standalone(&ruleset, false, &mut self.errors);
            return Ok(ruleset);
        };
        merge::validate_standalone(&ruleset, true, &mut self.errors);
        let Some(base_ruleset) = self.base(&found, &extends, span)? else {
            return Ok(ruleset);
        };
        Ok(merge::merge(
            base_ruleset,
            ruleset,
            &self.sources,
            &mut self.errors,
        ))
    }

    /// The base ruleset that `from` extends (`extends` as written, at `span`); `None`
    /// when it cannot be had (the error is recorded). It is looked for beside the file
    /// that names it; where there is no such file, a name alone may be a shipped
    /// ruleset's. A shipped ruleset extends only shipped ones.
    fn base(&mut self, from: &Found, extends: &str, span: Span) -> Result<Option<Ruleset>, Error> {
        let shipped = shipped::named(Path::new(extends));
        let from = match from {
            Found::Shipped(_) => return self.shipped_base(shipped, extends, span),
            Found::File(path, _) => path,
        };
        let path = from.parent().unwrap_or(Path::new("")).join(extends);
        match shipped {
            // A name without `.rules` is no file's: it is never looked for on disk.
            Some(shipped) if !is_rules_name(&path) => {
                self.shipped_base(Some(shipped), extends, span)
            }
            _ => self.read(&path, extends, span),
        }
    }

    /// The shipped base named `extends`, if there is one.
    fn shipped_base(
        &mut self,
        shipped: Option<&'static Shipped>,
        extends: &str,
        span: Span,
    ) -> Result<Option<Ruleset>, Error> {
        let Some(shipped) = shipped else {
            self.errors.push(LinkError::MissingBase {
                path: extends.to_owned(),
                reason: t!(LINK_MISSING_BASE_SHIPPED),
                help: shipped::help_for(extends),
                span: span.into(),
            });
            return Ok(None);
        };
        let found = Found::Shipped(shipped);
        if self.closes_cycle(&found.key(), span) {
            return Ok(None);
        }
        self.file(found).map(Some)
    }

    /// Reads the base file at `path`, named `extends` by the clause at `span`; where
    /// there is no such file and `extends` is a name alone, the shipped ruleset of that
    /// name, if any.
    fn read(&mut self, path: &Path, extends: &str, span: Span) -> Result<Option<Ruleset>, Error> {
        if !is_rules_name(path) {
            self.errors.push(LinkError::BaseNotRules {
                path: path.display().to_string(),
                real: None,
                meant: meant_rules(extends),
                span: span.into(),
            });
            return Ok(None);
        }
        if self.closes_cycle(&normalize(path), span) {
            return Ok(None);
        }
        let shipped = shipped::named(Path::new(extends));
        match self.loader.read(path) {
            Ok(text) => self.file(Found::File(path.to_owned(), text)).map(Some),
            Err(e) if shipped.is_some() && nothing_at(path, &e, self.loader) => {
                self.shipped_base(shipped, extends, span)
            }
            Err(e) => {
                self.errors.push(unreadable_base(path, extends, &e, span));
                Ok(None)
            }
        }
    }

    /// Whether `key` has been read already, or the chain is too long; records which.
    fn closes_cycle(&mut self, key: &Path, span: Span) -> bool {
        let cycle = self.visited.iter().any(|v| v == key);
        if !cycle && self.visited.len() < MAX_CHAIN {
            return false;
        }
        let mut chain: Vec<String> = self
            .visited
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        chain.push(key.display().to_string());
        let chain = chain.join(" → ");
        let span = span.into();
        self.errors.push(if cycle {
            LinkError::Cycle { chain, span }
        } else {
            LinkError::ChainTooLong {
                chain,
                limit: MAX_CHAIN,
                span,
            }
        });
        true
    }
}

/// The `.rules` name `extends` likely means where its ending is a slip of `.rules`
/// (`2023.rule`, `2023.rulse`): the same name so ended. Text alone: nothing is read.
fn meant_rules(extends: &str) -> Option<String> {
    let (stem, ending) = extends.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    crate::suggest::nearest(&ending.to_lowercase(), ["rules"]).map(|_| format!("{stem}.rules"))
}

/// The error for a base the loader did not read: a link to a file not named `*.rules`
/// is not a ruleset; anything else is missing.
fn unreadable_base(path: &Path, extends: &str, error: &LoadError, span: Span) -> LinkError {
    match error {
        LoadError::Read(input::ReadError::NotRules { real, linked }) => LinkError::BaseNotRules {
            path: path.display().to_string(),
            real: linked.then(|| real.display().to_string()),
            meant: None,
            span: span.into(),
        },
        _ => LinkError::MissingBase {
            path: path.display().to_string(),
            reason: error.to_string(),
            help: missing_base_help(extends),
            span: span.into(),
        },
    }
}

/// Where a base is looked for; for a name alone, the shipped rulesets too.
fn missing_base_help(extends: &str) -> String {
    let relative = t!(LINK_MISSING_BASE_HELP);
    match shipped::bare(Path::new(extends)) {
        Some(name) => format!(
            "{relative}{}{}",
            t!(LIST_SEMICOLON),
            shipped::help_for(name)
        ),
        None => relative,
    }
}

/// The path a ruleset's header extends, with the span of the clause.
fn extends_of(ruleset: &Ruleset) -> Option<(String, Span)> {
    ruleset.items.iter().find_map(|item| match &item.kind {
        ItemKind::Header(h) => h.extends.as_ref().map(|e| (e.value.clone(), e.span)),
        _ => None,
    })
}

/// A path with `.` and `..` resolved by its text, for telling files apart.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            // `..` cancels a real folder, but not another `..` (or nothing).
            Component::ParentDir => {
                let cancels = matches!(out.components().next_back(), Some(Component::Normal(_)));
                if cancels {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
