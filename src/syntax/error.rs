//! Errors of the parse stage: syntax errors and literals the grammar cannot judge.
//!
//! pest reports only the first syntax error, by design; lowering errors stop at the
//! first too. Both become a [`ParseError`] with a span and, where a slip is likely, help.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::i18n::t;

/// A problem that stops a ruleset from parsing.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The text does not follow the grammar: `category 产出 { label "产出目标" }`.
    #[error("{}", t!(PARSE_SYNTAX, .expected, .found))]
    #[diagnostic(code(perfeval::parse::syntax))]
    Syntax {
        /// What the grammar allowed here, in words.
        expected: String,
        /// What is written here, in words.
        found: String,
        /// Where.
        #[label("{}", t!(LABEL_HERE))]
        span: SourceSpan,
        /// A likely fix.
        #[help]
        help: Option<String>,
    },

    /// `perfeval fmt` found that its result would not mean what the file means (a
    /// bug of perfeval): the file is left as it is.
    #[error("{}", t!(PARSE_FORMAT_CHANGES_MEANING))]
    #[diagnostic(
        code(perfeval::parse::format_changes_meaning),
        help("{}", t!(PARSE_FORMAT_CHANGES_MEANING_HELP))
    )]
    FormatChangesMeaning {
        /// The start of the file.
        #[label("{}", t!(PARSE_FORMAT_CHANGES_MEANING_LABEL))]
        span: SourceSpan,
    },

    /// A control character (other than a tab or a line break) anywhere in a ruleset,
    /// such as an ESC inside a label: it could drive the terminal of whoever reads a
    /// report made with the ruleset.
    #[error("{}", t!(PARSE_CONTROL_CHARACTER, .shown))]
    #[diagnostic(
        code(perfeval::parse::control_character),
        help("{}", t!(PARSE_CONTROL_CHARACTER_HELP))
    )]
    ControlCharacter {
        /// The character, escaped (`\u{1b}`).
        shown: String,
        /// Where.
        #[label("{}", t!(PARSE_CONTROL_CHARACTER_LABEL))]
        span: SourceSpan,
    },

    /// A number beyond what a decimal holds: `max_score 99999999999999999999999999999`.
    #[error("{}", t!(PARSE_NUMBER_OUT_OF_RANGE, .text))]
    #[diagnostic(
        code(perfeval::parse::number_out_of_range),
        help("{}", t!(PARSE_NUMBER_OUT_OF_RANGE_HELP))
    )]
    NumberOutOfRange {
        /// The number as written.
        text: String,
        /// Where.
        #[label("{}", t!(PARSE_NUMBER_OUT_OF_RANGE_LABEL))]
        span: SourceSpan,
    },

    /// A date that does not exist: `cutoff 2023-02-30`.
    #[error("{}", t!(PARSE_INVALID_DATE, .text))]
    #[diagnostic(code(perfeval::parse::invalid_date), help("{}", t!(PARSE_INVALID_DATE_HELP)))]
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
    #[error("{}", t!(PARSE_INVALID_YEAR, .text))]
    #[diagnostic(code(perfeval::parse::invalid_year), help("{}", t!(PARSE_INVALID_YEAR_HELP)))]
    InvalidYear {
        /// The year as written.
        text: String,
        /// Where.
        #[label("{}", t!(PARSE_INVALID_YEAR_LABEL))]
        span: SourceSpan,
    },

    /// A severity that is not one: `check c fatal { … }`.
    #[error("{}", t!(PARSE_UNKNOWN_SEVERITY, .name))]
    #[diagnostic(code(perfeval::parse::unknown_severity))]
    UnknownSeverity {
        /// The word as written.
        name: String,
        /// Where.
        #[label("{}", t!(PARSE_UNKNOWN_SEVERITY_LABEL))]
        span: SourceSpan,
        /// The known severities, or the nearest one.
        #[help]
        help: String,
    },

    /// A rounding mode that is not one: `rounding 0.01 half_up_maybe`.
    #[error("{}", t!(PARSE_UNKNOWN_ROUNDING_MODE, .name))]
    #[diagnostic(code(perfeval::parse::unknown_rounding_mode))]
    UnknownRoundingMode {
        /// The word as written.
        name: String,
        /// Where.
        #[label("{}", t!(PARSE_UNKNOWN_ROUNDING_MODE_LABEL))]
        span: SourceSpan,
        /// The known modes, or the nearest one.
        #[help]
        help: String,
    },

    /// An escape that means nothing: `"a\qb"`.
    #[error("{}", t!(PARSE_INVALID_ESCAPE, .text))]
    #[diagnostic(code(perfeval::parse::invalid_escape), help("{}", t!(PARSE_INVALID_ESCAPE_HELP)))]
    InvalidEscape {
        /// The escape as written.
        text: String,
        /// Where.
        #[label("{}", t!(PARSE_INVALID_ESCAPE_LABEL))]
        span: SourceSpan,
    },

    /// An expression deeper than the limit: `((((…))))` 300 deep, or `1 + 1 + …` with
    /// 300 terms.
    #[error("{}", match .limit { Some(limit) => t!(PARSE_TOO_DEEP, limit), None => t!(PARSE_TOO_DEEP_NESTED) })]
    #[diagnostic(code(perfeval::parse::too_deep), help("{}", t!(PARSE_TOO_DEEP_HELP)))]
    TooDeep {
        /// The limit of levels; `None` where the parser stopped first, on parentheses,
        /// `if`s or calls nested about a hundred deep (each takes several of its steps).
        limit: Option<usize>,
        /// Where the limit is passed.
        #[label("{}", t!(PARSE_TOO_DEEP_LABEL))]
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
