//! Formatting: a ruleset file rewritten in the canonical layout, its comments kept.
//!
//! The layout is the printer's (`print`): two-space indentation, one entry per line, a
//! blank line between items and between form sections, texts in `"…"`, operators and
//! units in one spelling, and every list on the line of its entry, however long. Each
//! file keeps the language of its keywords ([`keywords::detect`]); names are printed as
//! written. Entries stay in the file's order, and every comment stays where it was:
//!
//! - a comment or doc comment on its own line goes before the entry or item that
//!   followed it, at that entry's indentation;
//! - a plain comment at the end of a line stays at the end of the line of the entry
//!   (or `{`, or `}`) it followed;
//! - a comment inside an entry that is printed on one line (an expression over several
//!   lines) goes before the entry;
//! - comments after the last entry of a block go before its `}`, and those after the
//!   last item at the end of the file, after a blank line.
//!
//! Formatting never changes what a ruleset means: the result is parsed again and must
//! print to the same text as the original and hold the same comments, else
//! [`ParseError::FormatChangesMeaning`] is returned and nothing should be written.

use super::error::ParseError;
use super::keywords;
use super::print::{self, print_source};
use super::source_text::SourceText;
use crate::diagnostic::Failure;
use crate::source::{SourceFile, Span};

/// The text of `source` in the canonical layout. A formatted file formats to itself.
///
/// # Errors
///
/// The text does not parse (the same error as [`parse`](crate::parse)), or, should
/// this function have a bug, formatting would change what the ruleset means.
pub fn format(source: &SourceFile) -> Result<String, Failure<ParseError>> {
    format_text(source.text()).map_err(|e| Failure::new(source.clone(), e))
}

fn format_text(text: &str) -> Result<String, ParseError> {
    let text = &*lone_returns_as_newlines(text);
    let ruleset = super::parse_at(text, 0)?;
    let formatted = print_source(&ruleset, text, keywords::detect(text));
    let changed = || ParseError::FormatChangesMeaning {
        span: Span::new(0, text.chars().next().map_or(0, char::len_utf8)).into(),
    };
    let again = super::parse_at(&formatted, 0).map_err(|_| changed())?;
    let no_origin = |_| None;
    let same_tree = print::print(&ruleset, &no_origin) == print::print(&again, &no_origin);
    if !same_tree || comment_texts(text) != comment_texts(&formatted) {
        return Err(changed());
    }
    Ok(formatted)
}

/// The text with each carriage return that no line feed follows (old Mac line ends) made
/// a line feed: the grammar ends a line at either, the comment finder at `\n` only. The
/// same length, so every span stays where it was.
fn lone_returns_as_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Every comment of a text, as written.
fn comment_texts(text: &str) -> Vec<String> {
    let source = SourceText::new(text);
    source
        .comments()
        .iter()
        .map(|c| source.comment_text(c).to_owned())
        .collect()
}
