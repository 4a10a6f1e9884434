//! Project files: a filled form as TOML, JSON or YAML, validated against the form that
//! the ruleset declares.
//!
//! Loading runs in two steps. A reader per format turns the text into one
//! format-neutral tree whose every node keeps its span (`tree`); one shared validator
//! then checks that tree against the [`FormSchema`] and converts each value exactly
//! (`validate`, `convert`, `decimal`). Numbers never pass through `f64`. This module
//! reads no files: callers pass bytes or text, and all I/O stays in the CLI.
//!
//! A section whose key has a dot is a sub-section: `funds.appropriation` is read from
//! the key `appropriation` inside the record section `funds` (`[funds.appropriation]`
//! in TOML), validated as a section of its own, and kept under its full key.

mod convert;
pub(crate) mod decimal;
pub(crate) use decimal::read_decimal;
mod error;
mod json;
pub mod project;
pub mod schema;
mod suggest;
mod toml;
pub(crate) mod tree;
pub(crate) mod validate;
pub(crate) mod words;
mod yaml;

use std::path::Path;

pub use error::{DataError, DataFailure};

use crate::i18n::t;
use crate::source::{SourceFile, Span};
use project::Project;
use schema::FormSchema;
use tree::Node;

/// The format of a project file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// TOML, the canonical format.
    Toml,
    /// Strict JSON: no comments, no trailing commas.
    Json,
    /// YAML 1.2, one document, without aliases or custom tags.
    Yaml,
}

impl Format {
    /// The format named by a path's extension: `.toml`, `.json`, `.yaml` or `.yml`, in
    /// any case.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "toml" => Some(Format::Toml),
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// The UTF-8 byte-order mark, which some Windows editors write at the start of a file.
const BOM: &str = "\u{FEFF}";

/// Reads the raw bytes of a project file named `name` (shown in diagnostics): strips a
/// UTF-8 byte-order mark, refuses text that is not UTF-8 (saying where the first bad
/// byte is, as GBK files are the likely cause), then parses and validates it.
///
/// # Errors
///
/// Every problem found, in file order, with the text to render them against.
pub fn load_bytes(
    name: &str,
    bytes: &[u8],
    format: Format,
    schema: &FormSchema,
) -> Result<Project, DataFailure> {
    if let Some(failure) = too_large(name, bytes.len()) {
        return Err(failure);
    }
    load_as(bytes, format, schema, &|text| SourceFile::new(name, text))
}

/// Reads one line of a JSON Lines file (line `line` of `file`, from 1) as a project file
/// in `format`, as [`load_bytes`] does: the project is named `file:line`, and every place
/// in it is a place in the file (see [`SourceFile::line_of`]).
///
/// # Errors
///
/// As [`load_bytes`].
pub fn load_line(
    file: &str,
    line: usize,
    bytes: &[u8],
    format: Format,
    schema: &FormSchema,
) -> Result<Project, DataFailure> {
    let source = |text: &str| SourceFile::line_of(file, line, text);
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large_failure(source(""), bytes.len()));
    }
    load_as(bytes, format, schema, &source)
}

/// [`load_bytes`] with the source files it makes, named and placed by `source`.
fn load_as(
    bytes: &[u8],
    format: Format,
    schema: &FormSchema,
    source: &dyn Fn(&str) -> SourceFile,
) -> Result<Project, DataFailure> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let error = DataError::Utf16 {
            span: Span::new(0, 0),
        };
        return Err(DataFailure::one(source(""), error));
    }
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => load_str(source(text), format, schema),
        Err(error) => Err(not_utf8(source, bytes, error.valid_up_to())),
    }
}

/// Parses and validates the text of a project file. A leading byte-order mark is
/// dropped, and spans then index the text without it (which the project's and the
/// failure's `SourceFile` hold).
///
/// # Errors
///
/// Every problem found, in file order: a syntax error stops reading at that one, while
/// the validator reports all unknown keys, missing fields and bad values at once.
pub fn load_str(
    source: SourceFile,
    format: Format,
    schema: &FormSchema,
) -> Result<Project, DataFailure> {
    let source = match source.text().strip_prefix(BOM) {
        Some(rest) => SourceFile::new(source.name(), rest),
        None => source,
    };
    if let Some(failure) = too_large(source.name(), source.text().len()) {
        return Err(failure);
    }
    let root = match read(source.text(), format) {
        Ok(Some(root)) => root,
        Ok(None) => return Err(empty_file(source, format, schema)),
        Err(error) => return Err(DataFailure::one(source, error)),
    };
    match validate::validate(root, schema, words::Words::new(format), source.text()) {
        Ok(sections) => Ok(Project { source, sections }),
        Err(errors) => Err(DataFailure::new(source, errors)),
    }
}

/// Validates a TOML table of a larger document as a project file: the inline project
/// of a ruleset test (`[case.project]`). The tree's spans index `source`, the whole
/// document, so that findings and errors point into it.
///
/// # Errors
///
/// Every problem the validator finds.
pub(crate) fn load_tree(
    source: SourceFile,
    root: Node,
    schema: &FormSchema,
) -> Result<Project, DataFailure> {
    match validate::validate(root, schema, words::Words::new(Format::Toml), source.text()) {
        Ok(sections) => Ok(Project { source, sections }),
        Err(errors) => Err(DataFailure::new(source, errors)),
    }
}

/// A value of a TOML document as the value tree a project file's reader makes.
///
/// # Errors
///
/// The value nests more deeply than a form can.
pub(crate) fn toml_value(
    value: ::toml::Spanned<::toml::de::DeValue<'_>>,
) -> Result<Node, DataError> {
    toml::value(value)
}

fn read(text: &str, format: Format) -> Result<Option<Node>, DataError> {
    match format {
        Format::Toml => toml::read(text),
        Format::Json => json::read(text),
        Format::Yaml => yaml::read(text),
    }
}

/// The largest project file loaded, in bytes: 1 GiB, the most that `--max-file-size`
/// allows.
///
/// A filled form takes a few kilobytes, narrative included. Parsing costs several times
/// a file's size in memory (the `toml` parser alone peaks above 20 times the size of a
/// file dense with short rows). The command line refuses files over its own, lower
/// limit (16 MiB unless raised) before reading them; this bound is for callers of the
/// library, and keeps every offset within a span's `u32`.
pub const MAX_FILE_BYTES: usize = 1 << 30;

/// Refuses files above `MAX_FILE_BYTES` (callers may ask before reading a file).
pub fn too_large(name: &str, size: usize) -> Option<DataFailure> {
    (size > MAX_FILE_BYTES).then(|| too_large_failure(SourceFile::new(name, ""), size))
}

fn too_large_failure(source: SourceFile, size: usize) -> DataFailure {
    let error = DataError::FileTooLarge {
        size,
        limit: "1 GiB".to_owned(),
        span: Span::default(),
    };
    DataFailure::one(source, error)
}

/// The failure for bytes that stop being UTF-8 at `valid_up_to`. The text shown is the
/// file with bad bytes replaced; the prefix before the first one is unchanged, so the
/// label's offset is right.
fn not_utf8(source: &dyn Fn(&str) -> SourceFile, bytes: &[u8], valid_up_to: usize) -> DataFailure {
    let text = String::from_utf8_lossy(bytes);
    let source = source(text.as_ref());
    let at = source.line_col(u32::try_from(valid_up_to).unwrap_or(u32::MAX));
    let error = DataError::NotUtf8 {
        line: at.line,
        column: at.column,
        span: Span::new(
            valid_up_to,
            valid_up_to + char::REPLACEMENT_CHARACTER.len_utf8(),
        ),
    };
    DataFailure::one(source, error)
}

/// One clear error for a file with no data: its missing sections would only repeat it.
/// The help names the required top-level sections; sub-sections come with them.
fn empty_file(source: SourceFile, format: Format, schema: &FormSchema) -> DataFailure {
    let words = words::Words::new(format);
    let required: Vec<String> = schema
        .sections()
        .iter()
        .filter(|s| !s.optional && !s.key.contains('.'))
        .map(|s| words.section(s))
        .collect();
    let help = if required.is_empty() {
        t!(DATA_EMPTY_FILE_ADD)
    } else {
        t!(
            DATA_EMPTY_FILE_NEEDS,
            sections = required.join(&t!(LIST_COMMA))
        )
    };
    DataFailure::one(
        source,
        DataError::EmptyFile {
            help,
            span: Span::default(),
        },
    )
}

/// Every prefix of a text and every text with one byte left out (those still UTF-8):
/// what the quick readers' tests give them, to be read as the full parser reads them.
#[cfg(test)]
fn damaged(text: &str) -> impl Iterator<Item = String> + '_ {
    let prefixes = (0..=text.len()).filter_map(|end| text.get(..end).map(str::to_owned));
    let gaps = (0..text.len())
        .filter_map(|gap| Some(format!("{}{}", text.get(..gap)?, text.get(gap + 1..)?)));
    prefixes.chain(gaps)
}
