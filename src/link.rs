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
use crate::input;
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
    /// Whatever stops the file being read.
    fn read(&mut self, path: &Path) -> std::io::Result<String>;
}

/// A [`Loader`] over the file system: regular files named `*.rules` only (links
/// resolved), at most [`input::DEFAULT_LIMIT`] bytes each. A UTF-8 byte-order mark is
/// dropped.
#[derive(Clone, Copy, Debug, Default)]
pub struct FileLoader;

impl Loader for FileLoader {
    fn read(&mut self, path: &Path) -> std::io::Result<String> {
        let read = input::read_ruleset(path, input::DEFAULT_LIMIT)?;
        ruleset_text(read.bytes)
    }
}

/// The text of a ruleset file's bytes: UTF-8, without a byte-order mark.
///
/// # Errors
///
/// The bytes are not UTF-8; the error says where, and how to convert a GBK file.
pub fn ruleset_text(bytes: Vec<u8>) -> std::io::Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.as_bytes().get(..e.utf8_error().valid_up_to()).unwrap_or(&[]);
        let before = String::from_utf8_lossy(good);
        let at = SourceFile::new("", before.as_ref()).line_col(u32::try_from(good.len()).unwrap_or(u32::MAX));
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is not UTF-8 text (at line {}, column {}); it may be GBK or GB18030: save it as UTF-8, for example with `iconv -f GB18030 -t UTF-8`",
                at.line, at.column
            ),
        )
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
}

/// How many rulesets a chain may have; deeper chains are refused (a cycle is reported
/// before this).
const MAX_CHAIN: usize = 32;

/// Reads the ruleset at `path` and every ruleset it extends, and merges them.
///
/// # Errors
///
/// The root file cannot be read; a file does not parse; a base is missing, the chain is
/// a cycle, or a change does not fit its base.
pub fn link(path: &Path, loader: &mut dyn Loader) -> Result<Linked, Error> {
    // Checked by name before anything is opened: a file that is not a ruleset is never
    // read, so never quoted in a syntax error.
    if !is_rules_name(path) {
        return Err(Error::NotARuleset {
            path: path.to_owned(),
            reason: "its name does not end in `.rules`".to_owned(),
        });
    }
    let text = loader
        .read(path)
        .map_err(|error| Error::loading(path, error))?;
    let mut chain = Chain {
        loader,
        sources: Sources::default(),
        visited: Vec::new(),
        errors: Vec::new(),
    };
    let ruleset = chain.file(path, text)?;
    let Chain {
        sources, errors, ..
    } = chain;
    match Failure::from_errors(sources.clone(), errors) {
        Some(failure) => Err(Error::Link(failure)),
        None => Ok(Linked { ruleset, sources }),
    }
}

/// Links a ruleset given as text, which may not extend another (there is no file
/// system to find it in).
///
/// # Errors
///
/// The text does not parse, or changes a base it does not have.
pub fn link_source(source: &SourceFile) -> Result<Linked, Error> {
    let mut sources = Sources::default();
    let base = sources.add(source.clone());
    let ruleset = crate::syntax::parse_at(source.text(), base)
        .map_err(|e| Error::Parse(Failure::new(sources.clone(), e)))?;
    let mut errors = Vec::new();
    if let Some(extends) = extends_of(&ruleset) {
        errors.push(LinkError::MissingBase {
            path: extends.0,
            reason: "a ruleset given as text cannot extend a file".to_owned(),
            span: extends.1.into(),
        });
    }
    merge::validate_standalone(&ruleset, false, &mut errors);
    match Failure::from_errors(sources.clone(), errors) {
        Some(failure) => Err(Error::Link(failure)),
        None => Ok(Linked { ruleset, sources }),
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
    fn file(&mut self, path: &Path, text: String) -> Result<Ruleset, Error> {
        let normalized = normalize(path);
        let name = normalized.display().to_string();
        let base = self.sources.add(SourceFile::new(name, text.as_str()));
        self.visited.push(normalized);
        let ruleset = crate::syntax::parse_at(&text, base)
            .map_err(|e| Error::Parse(Failure::new(self.sources.clone(), e)))?;
        let Some((extends, span)) = extends_of(&ruleset) else {
            merge::validate_standalone(&ruleset, false, &mut self.errors);
            return Ok(ruleset);
        };
        merge::validate_standalone(&ruleset, true, &mut self.errors);
        let base_path = path.parent().unwrap_or(Path::new("")).join(&extends);
        let Some(base_ruleset) = self.base(&base_path, span)? else {
            return Ok(ruleset);
        };
        Ok(merge::merge(base_ruleset, ruleset, &mut self.errors))
    }

    /// The base ruleset at `path`, named by the `extends` clause at `span`; `None` when
    /// it cannot be had (the error is recorded).
    fn base(&mut self, path: &Path, span: Span) -> Result<Option<Ruleset>, Error> {
        if !is_rules_name(path) {
            self.errors.push(LinkError::BaseNotRules {
                path: path.display().to_string(),
                real: None,
                span: span.into(),
            });
            return Ok(None);
        }
        let normalized = normalize(path);
        if self.visited.contains(&normalized) || self.visited.len() >= MAX_CHAIN {
            let mut chain: Vec<String> = self
                .visited
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            chain.push(normalized.display().to_string());
            self.errors.push(LinkError::Cycle {
                chain: chain.join(" → "),
                span: span.into(),
            });
            return Ok(None);
        }
        match self.loader.read(path) {
            Ok(text) => self.file(path, text).map(Some),
            Err(e) => {
                self.errors.push(unreadable_base(path, &e, span));
                Ok(None)
            }
        }
    }
}

/// The error for a base the loader did not read: a link to a file not named `*.rules`
/// is not a ruleset; anything else is missing.
fn unreadable_base(path: &Path, error: &std::io::Error, span: Span) -> LinkError {
    let refused = error
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<input::ReadError>());
    match refused {
        Some(input::ReadError::NotRules { real }) => LinkError::BaseNotRules {
            path: path.display().to_string(),
            real: Some(real.display().to_string()),
            span: span.into(),
        },
        _ => LinkError::MissingBase {
            path: path.display().to_string(),
            reason: error.to_string(),
            span: span.into(),
        },
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
