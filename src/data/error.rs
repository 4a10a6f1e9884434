//! What can be wrong with a project file: one [`DataError`] per problem, gathered into
//! one [`DataFailure`] per file.
//!
//! Errors carry spans into the file's text, never the text itself; the failure holds
//! the text once, for rendering. This module decides no policy: readers and the
//! validator decide what is an error.

use crate::i18n::{Msg, t};
use crate::source::{SourceFile, Span};

/// One problem in a project file.
///
/// Each variant's doc comment names a minimal input (TOML unless said otherwise) that
/// triggers it; `code()` gives its stable code.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
pub enum DataError {
    /// The bytes `name = "\xCF\xEE"` (`项` in GBK).
    #[error("{}", t!(DATA_NOT_UTF8, .line, .column))]
    #[diagnostic(code(perfeval::data::not_utf8), help("{}", t!(DATA_NOT_UTF8_HELP)))]
    NotUtf8 {
        /// The line of the first bad byte, from 1.
        line: usize,
        /// Its column in characters, from 1.
        column: usize,
        /// The first bad byte, in the text as read with bad bytes replaced.
        #[label("{}", t!(DATA_NOT_UTF8_LABEL))]
        span: Span,
    },

    /// A file that starts with the UTF-16 byte-order mark `FF FE` or `FE FF`.
    #[error("{}", t!(DATA_UTF16))]
    #[diagnostic(code(perfeval::data::utf16), help("{}", t!(DATA_UTF16_HELP)))]
    Utf16 {
        /// The byte-order mark.
        #[label("{}", t!(DATA_UTF16_LABEL))]
        span: Span,
    },

    /// A file larger than `MAX_FILE_BYTES` (1 GiB), given to the library.
    #[error("{}", t!(DATA_FILE_TOO_LARGE, .size, .limit))]
    #[diagnostic(code(perfeval::data::file_too_large), help("{}", t!(DATA_FILE_TOO_LARGE_HELP)))]
    FileTooLarge {
        /// The size in bytes.
        size: usize,
        /// The limit, in words (`16 MiB`).
        limit: String,
        /// The start of the file.
        #[label("{}", t!(DATA_FILE_TOO_LARGE_LABEL))]
        span: Span,
    },

    /// An empty file, or one with only comments: `# nothing yet`.
    #[error("{}", t!(DATA_EMPTY_FILE))]
    #[diagnostic(code(perfeval::data::empty_file), help("{help}"))]
    EmptyFile {
        /// Names the sections that the form requires.
        help: String,
        /// The start of the file.
        #[label("{}", t!(DATA_EMPTY_FILE_LABEL))]
        span: Span,
    },

    /// `[project` (any TOML syntax error).
    #[error("{}", t!(DATA_INVALID_TOML))]
    #[diagnostic(code(perfeval::data::invalid_toml))]
    InvalidToml {
        /// What the TOML reader expected.
        #[label("{reason}")]
        span: Span,
        /// The TOML reader's message.
        reason: String,
    },

    /// JSON `{"project": {` (any JSON syntax error, comments and trailing commas too).
    #[error("{}", t!(DATA_INVALID_JSON))]
    #[diagnostic(code(perfeval::data::invalid_json))]
    InvalidJson {
        /// Where the JSON reader stopped, or the bracket it could not match.
        #[label("{reason}")]
        span: Span,
        /// The JSON reader's message.
        reason: String,
        /// The end of the file, where it ends before a bracket is closed.
        #[label("{}", t!(DATA_INVALID_JSON_LABEL_END))]
        end: Option<Span>,
    },

    /// YAML `project: [` (any YAML syntax error).
    #[error("{}", t!(DATA_INVALID_YAML))]
    #[diagnostic(code(perfeval::data::invalid_yaml), help("{}", t!(DATA_INVALID_YAML_HELP)))]
    InvalidYaml {
        /// Where the YAML reader stopped.
        #[label("{reason}")]
        span: Span,
        /// The YAML reader's message.
        reason: String,
    },

    /// YAML `a: &x 1` then `b: *x` (aliases), `a: !money 1` (custom tags), a second
    /// document after `---`, or a key that is a list or a mapping.
    #[error("{}", t!(DATA_UNSUPPORTED_YAML, .what))]
    #[diagnostic(code(perfeval::data::unsupported_yaml), help("{help}"))]
    UnsupportedYaml {
        /// The YAML feature.
        what: String,
        /// How to write the same without it.
        help: String,
        /// Where it is used.
        #[label("{}", t!(DATA_UNSUPPORTED_YAML_LABEL))]
        span: Span,
    },

    /// JSON `[[[[…]]]]` nested more than 128 levels deep.
    #[error("{}", t!(DATA_NESTING_TOO_DEEP))]
    #[diagnostic(code(perfeval::data::nesting_too_deep), help("{}", t!(DATA_NESTING_TOO_DEEP_HELP)))]
    NestingTooDeep {
        /// Where the nesting goes too deep.
        #[label("{}", t!(DATA_NESTING_TOO_DEEP_LABEL))]
        span: Span,
    },

    /// `initial = 1` twice in `[budget]`, or `[budget]` twice.
    #[error("{}", t!(DATA_DUPLICATE_KEY, .key))]
    #[diagnostic(code(perfeval::data::duplicate_key), help("{}", t!(DATA_DUPLICATE_KEY_HELP)))]
    DuplicateKey {
        /// The key.
        key: String,
        /// The second occurrence.
        #[label(primary, "{}", t!(LABEL_DEFINED_AGAIN))]
        span: Span,
        /// The first occurrence, where the reader says.
        #[label("{}", t!(LABEL_FIRST_DEFINED))]
        first: Option<Span>,
    },

    /// `[budgt]` when the form has a section `budget`.
    #[error("{}", t!(DATA_UNKNOWN_SECTION, .key))]
    #[diagnostic(code(perfeval::data::unknown_section))]
    UnknownSection {
        /// The key as written.
        key: String,
        /// Where.
        #[label("{}", t!(DATA_UNKNOWN_SECTION_LABEL))]
        span: Span,
        /// A likely intended section, or the list of sections.
        #[help]
        help: Option<String>,
    },

    /// `appropiated = 1` in `[budget]`; `[funds.apropriation]` where `funds` has a
    /// sub-section `appropriation` (then a "sub-section", not a "field").
    #[error("{}", t!(DATA_UNKNOWN_KEY, .what, .key, .place))]
    #[diagnostic(code(perfeval::data::unknown_key))]
    UnknownKey {
        /// `field`, or `sub-section` for a table or list in a record that has
        /// sub-sections.
        what: &'static Msg,
        /// The key as written.
        key: String,
        /// The section or row, as the format writes it (`` `[budget]` ``, ``row 2 of
        /// `[[indicators]]` ``).
        place: String,
        /// The section, as the format writes it.
        section: String,
        /// Where.
        #[label("{}", t!(DATA_UNKNOWN_KEY_LABEL, .what, .section))]
        span: Span,
        /// A likely intended field, or the list of fields.
        #[help]
        help: Option<String>,
    },

    /// A file without `[funds]` when the form requires it, or `[funds]` without a
    /// required sub-section `[funds.appropriation]`.
    #[error("{}", if *.form { t!(DATA_MISSING_FORM_SECTION, .label) } else { t!(DATA_MISSING_SECTION, .section, .label) })]
    #[diagnostic(code(perfeval::data::missing_section), help("{help}"))]
    MissingSection {
        /// The section as the format writes it (`` `[funds]` ``).
        section: String,
        /// The form's own words for it.
        label: String,
        /// How to add it.
        help: String,
        /// The start of the file, or the header of the record that should hold the
        /// sub-section.
        #[label("{}", t!(DATA_MISSING_SECTION_LABEL))]
        span: Span,
        /// Whether the file is a form placed from cells, named by its labels.
        form: bool,
    },

    /// `[funds]` without `paid`.
    #[error("{}", if *.form { t!(DATA_MISSING_FORM_FIELD, .key, .place) } else { t!(DATA_MISSING_FIELD, .key, .label, .place) })]
    #[diagnostic(code(perfeval::data::missing_field))]
    MissingField {
        /// The field's key.
        key: String,
        /// The form's own words for it.
        label: String,
        /// The section or row, as the format writes it.
        place: String,
        /// The record's header or opening brace, or a `null` given for the field.
        #[label("{why}")]
        span: Span,
        /// What the label says.
        why: String,
        /// Whether the file is a form placed from cells, named by its labels.
        form: bool,
    },

    /// An imported workbook's cell holding the formula `=B7*C7` and no stored result
    /// (a workbook written by a program that does not calculate), read for a field.
    #[error("{}", if *.form { t!(DATA_UNCALCULATED_FORM_FORMULA, .key, .place, .formula) } else { t!(DATA_UNCALCULATED_FORMULA, .key, .label, .place, .formula) })]
    #[diagnostic(
        code(perfeval::data::uncalculated_formula),
        help("{}", t!(DATA_UNCALCULATED_FORMULA_HELP))
    )]
    UncalculatedFormula {
        /// The field's key.
        key: String,
        /// The form's own words for it.
        label: String,
        /// The section or row.
        place: String,
        /// The formula, in words: ``the formula `=B7*C7` ``.
        formula: String,
        /// The cell.
        #[label("{}", t!(DATA_UNCALCULATED_FORMULA_LABEL))]
        span: Span,
        /// Whether the file is a form placed from cells, named by its labels.
        form: bool,
    },

    /// `initial = "abc"`, `budget = "x"`, or `[indicators]` where rows are expected.
    #[error("{}", t!(DATA_WRONG_TYPE, .expected, .what, .found))]
    #[diagnostic(code(perfeval::data::wrong_type))]
    WrongType {
        /// The field or section (`` `initial` ``, `` section `budget` ``).
        what: String,
        /// What the form expects (`an amount`).
        expected: String,
        /// What the file has (``text `abc` ``).
        found: String,
        /// The value.
        #[label("{}", t!(DATA_WRONG_TYPE_LABEL, .expected))]
        span: Span,
        /// How to write it.
        #[help]
        help: Option<String>,
    },

    /// `initial = "1,679.7"`: a text with digits that is not a number.
    #[error("{}", t!(DATA_INVALID_DECIMAL, .text, .key))]
    #[diagnostic(code(perfeval::data::invalid_decimal), help("{}", t!(DATA_INVALID_DECIMAL_HELP)))]
    InvalidDecimal {
        /// The text as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("{}", t!(DATA_INVALID_DECIMAL_LABEL))]
        span: Span,
    },

    /// `initial = 1e40`, or 32 nines: beyond what an exact decimal holds.
    #[error("{}", t!(DATA_DECIMAL_OUT_OF_RANGE, .text, .key))]
    #[diagnostic(
        code(perfeval::data::decimal_out_of_range),
        help("{}", t!(DATA_DECIMAL_OUT_OF_RANGE_HELP))
    )]
    DecimalOutOfRange {
        /// The number as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("{}", t!(DATA_DECIMAL_OUT_OF_RANGE_LABEL))]
        span: Span,
    },

    /// `initial = nan`, `initial = inf`, YAML `initial: .inf`.
    #[error("{}", t!(DATA_NOT_A_NUMBER, .text, .key))]
    #[diagnostic(code(perfeval::data::not_a_number), help("{}", t!(DATA_NOT_A_NUMBER_HELP)))]
    NotANumber {
        /// The number as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("{}", t!(DATA_INVALID_DECIMAL_LABEL))]
        span: Span,
    },

    /// `data_as_of = "2023-02-30"`, or the TOML date `2023-02-30`.
    #[error("{}", t!(DATA_INVALID_DATE, .text))]
    #[diagnostic(code(perfeval::data::invalid_date), help("{}", t!(DATA_INVALID_DATE_HELP)))]
    InvalidDate {
        /// The date as written.
        text: String,
        /// The value.
        #[label("{}", t!(DATA_INVALID_DATE_LABEL))]
        span: Span,
    },

    /// `year = 2023.5`.
    #[error("{}", t!(DATA_NOT_AN_INTEGER, .text, .key))]
    #[diagnostic(code(perfeval::data::not_an_integer), help("{}", t!(DATA_NOT_AN_INTEGER_HELP)))]
    NotAnInteger {
        /// The number as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("{}", t!(DATA_NOT_AN_INTEGER_LABEL))]
        span: Span,
    },
}

impl DataError {
    /// The stable code, as `miette` shows it: `perfeval::data::unknown_key`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            DataError::NotUtf8 { .. } => "perfeval::data::not_utf8",
            DataError::Utf16 { .. } => "perfeval::data::utf16",
            DataError::FileTooLarge { .. } => "perfeval::data::file_too_large",
            DataError::EmptyFile { .. } => "perfeval::data::empty_file",
            DataError::InvalidToml { .. } => "perfeval::data::invalid_toml",
            DataError::InvalidJson { .. } => "perfeval::data::invalid_json",
            DataError::InvalidYaml { .. } => "perfeval::data::invalid_yaml",
            DataError::UnsupportedYaml { .. } => "perfeval::data::unsupported_yaml",
            DataError::NestingTooDeep { .. } => "perfeval::data::nesting_too_deep",
            DataError::DuplicateKey { .. } => "perfeval::data::duplicate_key",
            DataError::UnknownSection { .. } => "perfeval::data::unknown_section",
            DataError::UnknownKey { .. } => "perfeval::data::unknown_key",
            DataError::MissingSection { .. } => "perfeval::data::missing_section",
            DataError::MissingField { .. } => "perfeval::data::missing_field",
            DataError::UncalculatedFormula { .. } => "perfeval::data::uncalculated_formula",
            DataError::WrongType { .. } => "perfeval::data::wrong_type",
            DataError::InvalidDecimal { .. } => "perfeval::data::invalid_decimal",
            DataError::DecimalOutOfRange { .. } => "perfeval::data::decimal_out_of_range",
            DataError::NotANumber { .. } => "perfeval::data::not_a_number",
            DataError::InvalidDate { .. } => "perfeval::data::invalid_date",
            DataError::NotAnInteger { .. } => "perfeval::data::not_an_integer",
        }
    }

    /// The span of the primary label: where the problem is.
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            DataError::NotUtf8 { span, .. }
            | DataError::Utf16 { span }
            | DataError::FileTooLarge { span, .. }
            | DataError::EmptyFile { span, .. }
            | DataError::InvalidToml { span, .. }
            | DataError::InvalidJson { span, .. }
            | DataError::InvalidYaml { span, .. }
            | DataError::UnsupportedYaml { span, .. }
            | DataError::NestingTooDeep { span }
            | DataError::DuplicateKey { span, .. }
            | DataError::UnknownSection { span, .. }
            | DataError::UnknownKey { span, .. }
            | DataError::MissingSection { span, .. }
            | DataError::MissingField { span, .. }
            | DataError::UncalculatedFormula { span, .. }
            | DataError::WrongType { span, .. }
            | DataError::InvalidDecimal { span, .. }
            | DataError::DecimalOutOfRange { span, .. }
            | DataError::NotANumber { span, .. }
            | DataError::InvalidDate { span, .. }
            | DataError::NotAnInteger { span, .. } => *span,
        }
    }
}

/// The message of a [`DataFailure`] of `count` problems in the file `name`.
fn failure_message(name: &str, count: usize) -> String {
    match count {
        1 => t!(DATA_FAILURE_ONE, name),
        count => t!(DATA_FAILURE, count, name),
    }
}

/// Everything wrong with one project file: its text, once, and each problem.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("{}", failure_message(.name, .errors.len()))]
pub struct DataFailure {
    name: String,
    #[source_code]
    file: SourceFile,
    #[related]
    errors: Vec<DataError>,
}

impl DataFailure {
    /// A failure of `file` with these problems, reported in file order.
    pub(crate) fn new(file: SourceFile, mut errors: Vec<DataError>) -> Self {
        // A stable sort keeps problems at one place in the order they were found.
        errors.sort_by_key(|e| e.span().start);
        DataFailure {
            name: file.name().to_owned(),
            file,
            errors,
        }
    }

    /// A failure with a single problem.
    pub(crate) fn one(file: SourceFile, error: DataError) -> Self {
        Self::new(file, vec![error])
    }

    /// The problems, in file order.
    #[must_use]
    pub fn errors(&self) -> &[DataError] {
        &self.errors
    }

    /// The file's text (with bad bytes replaced when it was not UTF-8), for line and
    /// column numbers. This is not `std::error::Error::source`: a failure has no cause.
    #[must_use]
    pub fn source(&self) -> &SourceFile {
        &self.file
    }
}
