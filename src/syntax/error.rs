//! Errors of the parse stage: syntax errors and literals the grammar cannot judge.
//!
//! pest reports only the first syntax error, by design; lowering errors stop at the
//! first too. Both become a [`ParseError`] with a span and, where a slip is likely, help.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem that stops a ruleset from parsing.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text does not follow the grammar: `category 产出 { label "产出目标" }`.
    #[error("expected {expected}, found {found}")]
    #[diagnostic(code(perfeval::parse::syntax))]
    Syntax {
        /// What the grammar allowed here, in words.
        expected: String,
        /// What is written here, in words.
        found: String,
        /// Where.
        #[label("here")]
        span: SourceSpan,
        /// A likely fix.
        #[help]
        help: Option<String>,
    },

    /// `perfeval fmt` found that its result would not mean what the file means (a
    /// bug of perfeval): the file is left as it is.
    #[error("formatting this ruleset would change what it means; it is left as it is")]
    #[diagnostic(
        code(perfeval::parse::format_changes_meaning),
        help("this is a bug of perfeval: please report it with the file")
    )]
    FormatChangesMeaning {
        /// The start of the file.
        #[label("this file")]
        span: SourceSpan,
    },

    /// A control character (other than a tab or a line break) anywhere in a ruleset,
    /// such as an ESC inside a label: it could drive the terminal of whoever reads a
    /// report made with the ruleset.
    #[error("a control character `{shown}` in the ruleset")]
    #[diagnostic(
        code(perfeval::parse::control_character),
        help("delete it: a ruleset holds only printable text, tabs and line breaks")
    )]
    ControlCharacter {
        /// The character, escaped (`\u{1b}`).
        shown: String,
        /// Where.
        #[label("invisible character")]
        span: SourceSpan,
    },

    /// A number beyond what a decimal holds: `max_score 99999999999999999999999999999`.
    #[error("the number `{text}` is out of range")]
    #[diagnostic(
        code(perfeval::parse::number_out_of_range),
        help("numbers hold at most 28 significant digits")
    )]
    NumberOutOfRange {
        /// The number as written.
        text: String,
        /// Where.
        #[label("out of range")]
        span: SourceSpan,
    },

    /// A date that does not exist: `cutoff 2023-02-30`.
    #[error("`{text}` is not a valid date")]
    #[diagnostic(
        code(perfeval::parse::invalid_date),
        help("write a date that exists, as YYYY-MM-DD")
    )]
    InvalidDate {
        /// The date as written.
        text: String,
        /// Why it is not a date.
        reason: String,
        /// Where.
        #[label("{reason}")]
        span: SourceSpan,
    },

    /// A fiscal year that is not a year: `fiscal_year 20234`.
    #[error("`{text}` is not a year")]
    #[diagnostic(
        code(perfeval::parse::invalid_year),
        help("write a whole year between 1 and 9999, such as 2023")
    )]
    InvalidYear {
        /// The year as written.
        text: String,
        /// Where.
        #[label("not a year")]
        span: SourceSpan,
    },

    /// A severity that is not one: `check c fatal { … }`.
    #[error("unknown severity `{name}`")]
    #[diagnostic(code(perfeval::parse::unknown_severity))]
    UnknownSeverity {
        /// The word as written.
        name: String,
        /// Where.
        #[label("not a severity")]
        span: SourceSpan,
        /// The known severities, or the nearest one.
        #[help]
        help: String,
    },

    /// A rounding mode that is not one: `rounding 0.01 half_up_maybe`.
    #[error("unknown rounding mode `{name}`")]
    #[diagnostic(code(perfeval::parse::unknown_rounding_mode))]
    UnknownRoundingMode {
        /// The word as written.
        name: String,
        /// Where.
        #[label("not a rounding mode")]
        span: SourceSpan,
        /// The known modes, or the nearest one.
        #[help]
        help: String,
    },

    /// An escape that means nothing: `"a\qb"`.
    #[error("unknown escape `{text}` in a text")]
    #[diagnostic(
        code(perfeval::parse::invalid_escape),
        help("the escapes are \\\" \\\\ \\n \\t \\{{ and \\}}")
    )]
    InvalidEscape {
        /// The escape as written.
        text: String,
        /// Where.
        #[label("unknown escape")]
        span: SourceSpan,
    },

    /// An expression deeper than the limit: `((((…))))` 300 deep, or `1 + 1 + …` with
    /// 300 terms.
    #[error("the expression is more than {limit} levels deep")]
    #[diagnostic(
        code(perfeval::parse::too_deep),
        help("nesting and chained operators both count; split the expression into several rules")
    )]
    TooDeep {
        /// The limit.
        limit: usize,
        /// Where the limit is passed.
        #[label("too deep")]
        span: SourceSpan,
    },
}

impl ParseError {
    /// The stable code, as in the diagnostic.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ParseError::Syntax { .. } => "perfeval::parse::syntax",
            ParseError::ControlCharacter { .. } => "perfeval::parse::control_character",
            ParseError::NumberOutOfRange { .. } => "perfeval::parse::number_out_of_range",
            ParseError::InvalidDate { .. } => "perfeval::parse::invalid_date",
            ParseError::InvalidYear { .. } => "perfeval::parse::invalid_year",
            ParseError::UnknownSeverity { .. } => "perfeval::parse::unknown_severity",
            ParseError::UnknownRoundingMode { .. } => "perfeval::parse::unknown_rounding_mode",
            ParseError::InvalidEscape { .. } => "perfeval::parse::invalid_escape",
            ParseError::TooDeep { .. } => "perfeval::parse::too_deep",
            ParseError::FormatChangesMeaning { .. } => "perfeval::parse::format_changes_meaning",
        }
    }
}
