//! What can be wrong with a ruleset test file: one [`TestError`] per problem, all of a
//! file's problems reported at once (in a `Failure`).
//!
//! These are problems of the test file itself, which stop its cases from running (exit
//! status 2). A case whose expectation does not hold is not an error: it fails, and
//! `ruletest::Mismatch` says how.

use crate::source::Span;

/// One problem in a test file.
///
/// Each variant's doc comment names a minimal input that triggers it.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
pub enum TestError {
    /// `ruleset = "2023.rules` (any TOML syntax error).
    #[error("the test file is not valid TOML")]
    #[diagnostic(
        code(perfeval::test::syntax),
        help("a test file is TOML, as project files are; see docs/language.md §10")
    )]
    Syntax {
        /// What the TOML reader expected.
        #[label("{reason}")]
        span: Span,
        /// Why, in the reader's words.
        reason: String,
    },

    /// `[expect] totl = "80.00"`.
    #[error("unknown key `{key}` in {owner}")]
    #[diagnostic(code(perfeval::test::unknown_key), help("{help}"))]
    UnknownKey {
        /// The key as written.
        key: String,
        /// Where it was written, in words (`the expectations`).
        owner: &'static str,
        /// The key.
        #[label("not a key of {owner}")]
        span: Span,
        /// The nearest known key, or the keys there are.
        help: String,
    },

    /// A test file without `ruleset`, or a case without `project`.
    #[error("{owner} has no `{key}`")]
    #[diagnostic(code(perfeval::test::missing_key), help("{help}"))]
    MissingKey {
        /// The key that is needed.
        key: &'static str,
        /// What lacks it, in words (`the test file`, `case 2`).
        owner: String,
        /// Where the owner starts.
        #[label("`{key}` is needed here")]
        span: Span,
        /// What to write.
        help: String,
    },

    /// `exit = "0"`, `findings = "score-mismatch"`.
    #[error("`{key}` must be {expected}, not {found}")]
    #[diagnostic(code(perfeval::test::wrong_type), help("{help}"))]
    WrongType {
        /// The key.
        key: String,
        /// What it must be, in words.
        expected: &'static str,
        /// What it is, in words.
        found: &'static str,
        /// The value.
        #[label("{found}")]
        span: Span,
        /// An example of the right form.
        help: String,
    },

    /// `total = 80.0`: a TOML float, which tools read as a binary fraction.
    #[error("`{key}` is written as a float, `{text}`: write an expected decimal as text")]
    #[diagnostic(
        code(perfeval::test::float),
        help(
            "write `{key} = \"{text}\"`: a decimal in quotes is compared exactly (9.2 is 9.20), a float is not a decimal"
        )
    )]
    Float {
        /// The key.
        key: String,
        /// The float as written.
        text: String,
        /// The float.
        #[label("a float")]
        span: Span,
    },

    /// `total = "80,00"`, `exit = 3`, `completion = "97.5"`, `row = 0`.
    #[error("`{key}` cannot be `{text}`: {reason}")]
    #[diagnostic(code(perfeval::test::invalid_value), help("{help}"))]
    InvalidValue {
        /// The key.
        key: String,
        /// The value as written.
        text: String,
        /// Why it cannot be, in words.
        reason: &'static str,
        /// The value.
        #[label("{reason}")]
        span: Span,
        /// What to write.
        help: String,
    },

    /// A top-level `[expect]` beside `[[case]]` tables, or `findings` beside
    /// `findings_include`.
    #[error("`{key}` cannot be used together with `{other}`")]
    #[diagnostic(code(perfeval::test::conflict), help("{help}"))]
    Conflict {
        /// The later key.
        key: String,
        /// The key it conflicts with.
        other: String,
        /// The later key.
        #[label("conflicts with `{other}`")]
        span: Span,
        /// What to do.
        help: String,
    },

    /// `ruleset = "2023.rules"` and nothing else: no `[expect]` and no `[[case]]`.
    #[error("the test file has no case")]
    #[diagnostic(
        code(perfeval::test::no_case),
        help(
            "add `[expect]` with what the project should score, or one `[[case]]` table per case, each with its `[case.expect]`"
        )
    )]
    NoCase {
        /// The start of the file.
        #[label("no `[expect]` and no `[[case]]`")]
        span: Span,
    },

    /// Two `[[case]]` tables with `name = "种子表"`.
    #[error("two cases are named `{name}`")]
    #[diagnostic(
        code(perfeval::test::duplicate_case),
        help("give each case of a file its own name: the report names a case by it")
    )]
    DuplicateCase {
        /// The name.
        name: String,
        /// The second case's name.
        #[label("named again here")]
        span: Span,
        /// The first case's name.
        #[label("first here")]
        first: Span,
    },
}
