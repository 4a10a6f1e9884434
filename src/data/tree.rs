//! A format-neutral value tree with spans: what the TOML, JSON and YAML readers produce
//! and what the validator reads.
//!
//! The tree keeps what the file says and where; it does not know the form. Numbers stay
//! text here, so that no reader can round them: the validator reads them exactly.

use jiff::civil::Date;

use crate::source::Span;

/// How deeply values may nest. A form needs a few levels (file, section, sub-section,
/// row); the bound keeps recursion in the readers, and in the validator, which descends
/// one level of the tree at each sub-section, far from any stack limit.
pub(crate) const MAX_DEPTH: usize = 128;

/// One value and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    /// The value.
    pub(crate) kind: Kind,
    /// Where a scalar's text is, or where a table or list starts: a TOML header, a
    /// JSON `{` or `[`, a YAML block mapping's first key.
    pub(crate) span: Span,
}

/// A value of a project file, before the form gives it a meaning.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    /// A TOML table, a JSON object, a YAML mapping: entries in file order.
    Table(Vec<Entry>),
    /// A list of values in file order.
    Array(Vec<Node>),
    /// A string, unescaped.
    String(String),
    /// A number literal, as written but for what the format itself drops (TOML's
    /// underscores): `1679.7`, `+1e3`, `0x1F`, `nan`.
    Number(String),
    /// A boolean.
    Bool(bool),
    /// A date without time (a TOML local date).
    Date(Date),
    /// Any other TOML date-time; only its written text is ever used.
    DateTime,
    /// JSON `null`, YAML `~` or an empty YAML value.
    Null,
    /// A spreadsheet formula the imported workbook holds no value of (`B7*C7`, without
    /// its `=`; empty where the reader does not tell it), for a required field (the
    /// importer reads an optional one as not given, with a note). Its value is unknown,
    /// not absent: never read as a value.
    Formula(String),
}

/// One key and its value in a table.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    /// The key, unquoted and unescaped.
    pub(crate) key: String,
    /// Where the key is written.
    pub(crate) key_span: Span,
    /// The value.
    pub(crate) value: Node,
}

/// A span that a diagnostic can show. A span at the very end of the text (after its
/// last visible character) has no line to be drawn on, so it moves back onto that
/// character; any other span is returned as it is.
pub(crate) fn visible(text: &str, span: Span) -> Span {
    let content = text.trim_end();
    if (span.start as usize) < content.len() {
        return span;
    }
    match content.char_indices().next_back() {
        Some((at, c)) => Span::new(at, at + c.len_utf8()),
        None => span,
    }
}

impl Node {
    /// A node of this kind at this span.
    pub(crate) fn new(kind: Kind, span: Span) -> Self {
        Node { kind, span }
    }
}
