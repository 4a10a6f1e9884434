//! Parsing: ruleset text to a typed syntax tree with spans.
//!
//! No name is resolved and no type is checked here; see `check`. pest stays inside
//! this module: the [`ast`] is the boundary.

pub mod ast;
pub mod error;
pub(crate) mod grammar;
pub(crate) mod lower;

use pest::Parser;

use self::error::ParseError;
use self::grammar::{Grammar, Rule};
use crate::diagnostic::Failure;
use crate::source::SourceFile;

/// Parses a ruleset. A UTF-8 byte-order mark at the start is skipped.
///
/// # Errors
///
/// The first syntax error, or the first literal that is not valid (a number out of
/// range, a date that does not exist, an unknown severity).
pub fn parse(source: &SourceFile) -> Result<ast::Ruleset, Failure<ParseError>> {
    parse_text(source.text()).map_err(|e| Failure::new(source.clone(), e))
}

fn parse_text(text: &str) -> Result<ast::Ruleset, ParseError> {
    let mut pairs =
        Grammar::parse(Rule::ruleset, text).map_err(|e| grammar::syntax_error(text, &e))?;
    match pairs.next() {
        Some(pair) => lower::lower_ruleset(pair),
        None => unreachable!("a successful parse yields the ruleset pair"),
    }
}
