//! Parsing: ruleset text to a typed syntax tree with spans.
//!
//! No name is resolved and no type is checked here; see `check`. pest stays inside
//! this module: the [`ast`] is the boundary.

pub mod ast;
pub mod error;
mod format;
pub(crate) mod grammar;
pub mod keywords;
pub(crate) mod lower;
pub mod print;
pub(crate) mod source_text;

pub use self::format::format;

use pest::Parser;

use self::error::ParseError;
use self::grammar::{Grammar, Rule};
use crate::diagnostic::Failure;
use crate::source::{SourceFile, Span};

/// Parses a ruleset. A UTF-8 byte-order mark at the start is skipped.
///
/// # Errors
///
/// The first syntax error, or the first literal that is not valid (a number out of
/// range, a date that does not exist, an unknown severity).
pub fn parse(source: &SourceFile) -> Result<ast::Ruleset, Failure<ParseError>> {
    parse_at(source.text(), 0).map_err(|e| Failure::new(source.clone(), e))
}

/// Parses a text whose spans start at `base` in a shared address space (see
/// `source::Sources`); errors point there too.
pub(crate) fn parse_at(text: &str, base: u32) -> Result<ast::Ruleset, ParseError> {
    let base = base as usize;
    control_character(text, base)?;
    let mut pairs =
        Grammar::parse(Rule::ruleset, text).map_err(|e| grammar::syntax_error(text, &e, base))?;
    match pairs.next() {
        Some(pair) => lower::with_base(base, || lower::lower_ruleset(pair)),
        None => unreachable!("a successful parse yields the ruleset pair"),
    }
}

/// Where the keywords of a ruleset are, in file order: every word the grammar reads as
/// a keyword (`ruleset`, `规则集`, `分` after a number), and no name spelt like one (the
/// field `target`, the value `score`). For highlighting, and for the tests of the editor
/// grammar in `editors/`.
///
/// # Errors
///
/// The first syntax error.
pub fn keywords(source: &SourceFile) -> Result<Vec<Span>, Failure<ParseError>> {
    let text = source.text();
    control_character(text, 0).map_err(|e| Failure::new(source.clone(), e))?;
    let pairs = Grammar::parse(Rule::ruleset, text)
        .map_err(|e| Failure::new(source.clone(), grammar::syntax_error(text, &e, 0)))?;
    Ok(pairs
        .flatten()
        .filter(|pair| pair.as_rule().is_keyword())
        .map(|pair| Span::new(pair.as_span().start(), pair.as_span().end()))
        .collect())
}

/// Refuses the first control character other than a tab or a line break, and the first
/// bidirectional control (which can make a ruleset read otherwise than it parses): a
/// ruleset's texts reach reviewers' terminals in findings and tables.
fn control_character(text: &str, base: usize) -> Result<(), ParseError> {
    // A carriage return only ever ends a line here, and only before a line feed: alone,
    // it ended a `//` comment that a viewer breaking lines at line feeds shows going on
    // (`// 已停用<CR>check …`: a live rule that reads as commented out), and lines were
    // counted otherwise than the parser read them.
    let unsafe_at = |(at, c): &(usize, char)| match c {
        '\t' | '\n' => false,
        '\r' => text.as_bytes().get(at + 1) != Some(&b'\n'),
        _ => crate::text::is_unsafe(*c),
    };
    match text.char_indices().find(unsafe_at) {
        None => Ok(()),
        Some((at, c)) => Err(ParseError::ControlCharacter {
            shown: c.escape_default().to_string(),
            span: (base + at, c.len_utf8()).into(),
        }),
    }
}
