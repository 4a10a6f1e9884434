//! What can be wrong with a ruleset test file: one [`TestError`] per problem, all of a
//! file's problems reported at once (in a `Failure`).
//!
//! These are problems of the test file itself, which stop its cases from running (exit
//! status 2). A case whose expectation does not hold is not an error: it fails, and
//! `ruletest::Mismatch` says how.

use crate::i18n::{Msg, t};
use crate::source::Span;

/// One problem in a test file.
///
/// Each variant's doc comment names a minimal input that triggers it.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
pub enum TestError {
    /// `ruleset = "2023.rules` (any TOML syntax error).
    #[error("{}", t!(TEST_SYNTAX))]
    #[diagnostic(code(perfeval::test::syntax), help("{}", t!(TEST_SYNTAX_HELP)))]
    Syntax {
        /// What the TOML reader expected.
        #[label("{reason}")]
        span: Span,
        /// Why, in the reader's words (in Chinese, the catalogue's).
        reason: String,
    },

    /// `[expect] totl = "80.00"`.
    #[error("{}", t!(TEST_UNKNOWN_KEY, .key, .owner))]
    #[diagnostic(code(perfeval::test::unknown_key), help("{help}"))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// Where it was written, in words (`the expectations`).
        owner: &'static Msg,
        /// The key.
        #[label("{}", t!(TEST_UNKNOWN_KEY_LABEL, .owner))]
        span: Span,
        /// The nearest known key, or the keys there are.
        help: String,
    },

    /// A test file without `ruleset`, or a case without `project`.
    #[error("{}", t!(TEST_MISSING_KEY, .owner, .key))]
    #[diagnostic(code(perfeval::test::missing_key), help("{help}"))]
    MissingKey {
        /// The key that is needed.
        key: &'static str,
        /// What lacks it, in words (`the test file`, `case 2`).
        owner: String,
        /// Where the owner starts.
        #[label("{}", t!(TEST_MISSING_KEY_LABEL, .key))]
        span: Span,
        /// What to write.
        help: String,
    },

    /// `exit = "0"`, `findings = "score-mismatch"`.
    #[error("{}", t!(TEST_WRONG_TYPE, .key, .expected, .found))]
    #[diagnostic(code(perfeval::test::wrong_type), help("{help}"))]
    WrongType {
        /// The key.
        key: String,
        /// What it must be, in words.
        expected: &'static Msg,
        /// What it is, in words.
        found: &'static Msg,
        /// The value.
        #[label("{found}")]
        span: Span,
        /// An example of the right form.
        help: String,
    },

    /// `total = 80.0`: a TOML float, which tools read as a binary fraction.
    #[error("{}", t!(TEST_FLOAT, .key, .text))]
    #[diagnostic(code(perfeval::test::float), help("{}", t!(TEST_FLOAT_HELP, .key, .text)))]
    Float {
        /// The key.
        key: String,
        /// The float as written.
        text: String,
        /// The float.
        #[label("{}", t!(TEST_FLOAT_LABEL))]
        span: Span,
    },

    /// `total = "80,00"`, `exit = 3`, `completion = "97.5"`, `row = 0`.
    #[error("{}", t!(TEST_INVALID_VALUE, .key, .text, .reason))]
    #[diagnostic(code(perfeval::test::invalid_value), help("{help}"))]
    InvalidValue {
        /// The key.
        key: String,
        /// The value as written.
        text: String,
        /// Why it cannot be, in words.
        reason: &'static Msg,
        /// The value.
        #[label("{reason}")]
        span: Span,
        /// What to write.
        help: String,
    },

    /// A top-level `[expect]` beside `[[case]]` tables, or `findings` beside
    /// `findings_include`.
    #[error("{}", t!(TEST_CONFLICT, .key, .other))]
    #[diagnostic(code(perfeval::test::conflict), help("{help}"))]
    Conflict {
        /// The later key.
        key: String,
        /// The key it conflicts with.
        other: String,
        /// The later key.
        #[label("{}", t!(TEST_CONFLICT_LABEL, .other))]
        span: Span,
        /// What to do.
        help: String,
    },

    /// `ruleset = "2023.rules"` and nothing else: no `[expect]` and no `[[case]]`.
    #[error("{}", t!(TEST_NO_CASE))]
    #[diagnostic(code(perfeval::test::no_case), help("{}", t!(TEST_NO_CASE_HELP)))]
    NoCase {
        /// The start of the file.
        #[label("{}", t!(TEST_NO_CASE_LABEL))]
        span: Span,
    },

    /// Two `[[case]]` tables with `name = "种子表"`.
    #[error("{}", t!(TEST_DUPLICATE_CASE, .name))]
    #[diagnostic(
        code(perfeval::test::duplicate_case),
        help("{}", t!(TEST_DUPLICATE_CASE_HELP))
    )]
    DuplicateCase {
        /// The name.
        name: String,
        /// The second case's name.
        #[label("{}", t!(TEST_DUPLICATE_CASE_LABEL))]
        span: Span,
        /// The first case's name.
        #[label("{}", t!(TEST_DUPLICATE_CASE_LABEL_FIRST))]
        first: Span,
    },
}
