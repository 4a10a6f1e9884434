//! What can be wrong with a project file: one [`DataError`] per problem, gathered into
//! one [`DataFailure`] per file.
//!
//! Errors carry spans into the file's text, never the text itself; the failure holds
//! the text once, for rendering. This module decides no policy: readers and the
//! validator decide what is an error.

use crate::source::{SourceFile, Span};

/// One problem in a project file.
///
/// Each variant's doc comment names a minimal input (TOML unless said otherwise) that
/// triggers it; `code()` gives its stable code.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
pub enum DataError {
    /// The bytes `name = "\xCF\xEE"` (`项` in GBK).
    #[error("the file is not UTF-8 text: the byte at line {line}, column {column} cannot be read")]
    #[diagnostic(
        code(perfeval::data::not_utf8),
        help(
            "it may be GBK or GB18030; save it as UTF-8, for example with `iconv -f GB18030 -t UTF-8`"
        )
    )]
    NotUtf8 {
        /// The line of the first bad byte, from 1.
        line: usize,
        /// Its column in characters, from 1.
        column: usize,
        /// The first bad byte, in the text as read with bad bytes replaced.
        #[label("not UTF-8")]
        span: Span,
    },

    /// A file that starts with the UTF-16 byte-order mark `FF FE` or `FE FF`.
    #[error("the file is UTF-16 text, not UTF-8")]
    #[diagnostic(
        code(perfeval::data::utf16),
        help("save it as UTF-8 (Notepad: Save as → Encoding UTF-8; Excel: CSV UTF-8)")
    )]
    Utf16 {
        /// The byte-order mark.
        #[label("a UTF-16 byte-order mark")]
        span: Span,
    },

    /// A file larger than `MAX_FILE_BYTES` (1 GiB), given to the library.
    #[error("the file is too large: {size} bytes, more than the {limit} a project file may have")]
    #[diagnostic(
        code(perfeval::data::file_too_large),
        help(
            "a project file holds one form, which takes a few kilobytes; check that this is the right file"
        )
    )]
    FileTooLarge {
        /// The size in bytes.
        size: usize,
        /// The limit, in words (`16 MiB`).
        limit: String,
        /// The start of the file.
        #[label("this file")]
        span: Span,
    },

    /// An empty file, or one with only comments: `# nothing yet`.
    #[error("the project file is empty")]
    #[diagnostic(code(perfeval::data::empty_file), help("{help}"))]
    EmptyFile {
        /// Names the sections that the form requires.
        help: String,
        /// The start of the file.
        #[label("no sections")]
        span: Span,
    },

    /// `[project` (any TOML syntax error).
    #[error("the file is not valid TOML")]
    #[diagnostic(code(perfeval::data::invalid_toml))]
    InvalidToml {
        /// What the TOML reader expected.
        #[label("{reason}")]
        span: Span,
        /// The TOML reader's message.
        reason: String,
    },

    /// JSON `{"project": {` (any JSON syntax error, comments and trailing commas too).
    #[error("the file is not valid JSON")]
    #[diagnostic(code(perfeval::data::invalid_json))]
    InvalidJson {
        /// Where the JSON reader stopped, or the bracket it could not match.
        #[label("{reason}")]
        span: Span,
        /// The JSON reader's message.
        reason: String,
        /// The end of the file, where it ends before a bracket is closed.
        #[label("the file ends here")]
        end: Option<Span>,
    },

    /// YAML `project: [` (any YAML syntax error).
    #[error("the file is not valid YAML")]
    #[diagnostic(
        code(perfeval::data::invalid_yaml),
        help(
            "put in quotes any value that starts with `>`, `<`, `|`, `[`, `{{`, `*`, `&`, `!`, `%`, `@` or `#`, such as `target: \">=90%\"`; indent with spaces, not tabs"
        )
    )]
    InvalidYaml {
        /// Where the YAML reader stopped.
        #[label("{reason}")]
        span: Span,
        /// The YAML reader's message.
        reason: String,
    },

    /// YAML `a: &x 1` then `b: *x` (aliases), `a: !money 1` (custom tags), a second
    /// document after `---`, or a key that is a list or a mapping.
    #[error("{what} is not supported in a project file")]
    #[diagnostic(code(perfeval::data::unsupported_yaml), help("{help}"))]
    UnsupportedYaml {
        /// The YAML feature.
        what: String,
        /// How to write the same without it.
        help: String,
        /// Where it is used.
        #[label("not supported")]
        span: Span,
    },

    /// JSON `[[[[…]]]]` nested more than 128 levels deep.
    #[error("values are nested more than 128 levels deep")]
    #[diagnostic(
        code(perfeval::data::nesting_too_deep),
        help("a form nests a few levels: sections, sub-sections, rows, fields")
    )]
    NestingTooDeep {
        /// Where the nesting goes too deep.
        #[label("too deep")]
        span: Span,
    },

    /// `initial = 1` twice in `[budget]`, or `[budget]` twice.
    #[error("duplicate key `{key}`")]
    #[diagnostic(
        code(perfeval::data::duplicate_key),
        help("keep one of them: a key may appear once in each table")
    )]
    DuplicateKey {
        /// The key.
        key: String,
        /// The second occurrence.
        #[label(primary, "defined again here")]
        span: Span,
        /// The first occurrence, where the reader says.
        #[label("first defined here")]
        first: Option<Span>,
    },

    /// `[budgt]` when the form has a section `budget`.
    #[error("unknown section `{key}`")]
    #[diagnostic(code(perfeval::data::unknown_section))]
    UnknownSection {
        /// The key as written.
        key: String,
        /// Where.
        #[label("not a section of the form")]
        span: Span,
        /// A likely intended section, or the list of sections.
        #[help]
        help: Option<String>,
    },

    /// `appropiated = 1` in `[budget]`; `[funds.apropriation]` where `funds` has a
    /// sub-section `appropriation` (then a "sub-section", not a "field").
    #[error("unknown {what} `{key}` in {place}")]
    #[diagnostic(code(perfeval::data::unknown_key))]
    UnknownKey {
        /// `field`, or `sub-section` for a table or list in a record that has
        /// sub-sections.
        what: &'static str,
        /// The key as written.
        key: String,
        /// The section or row, as the format writes it (`` `[budget]` ``, ``row 2 of
        /// `[[indicators]]` ``).
        place: String,
        /// The section, as the format writes it.
        section: String,
        /// Where.
        #[label("not a {what} of {section}")]
        span: Span,
        /// A likely intended field, or the list of fields.
        #[help]
        help: Option<String>,
    },

    /// A file without `[funds]` when the form requires it, or `[funds]` without a
    /// required sub-section `[funds.appropriation]`.
    #[error("missing section {section} ({label})")]
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
        #[label("required by the form")]
        span: Span,
    },

    /// `[funds]` without `paid`.
    #[error("missing field `{key}` ({label}) in {place}")]
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
    },

    /// `initial = "abc"`, `budget = "x"`, or `[indicators]` where rows are expected.
    #[error("expected {expected} for {what}, found {found}")]
    #[diagnostic(code(perfeval::data::wrong_type))]
    WrongType {
        /// The field or section (`` `initial` ``, `` section `budget` ``).
        what: String,
        /// What the form expects (`an amount`).
        expected: String,
        /// What the file has (``text `abc` ``).
        found: String,
        /// The value.
        #[label("{expected} expected")]
        span: Span,
        /// How to write it.
        #[help]
        help: Option<String>,
    },

    /// `initial = "1,679.7"`: a text with digits that is not a number.
    #[error("`{text}` is not a valid number for `{key}`")]
    #[diagnostic(
        code(perfeval::data::invalid_decimal),
        help(
            "write digits with an optional decimal point, without thousands separators or units, e.g. `1679.7`"
        )
    )]
    InvalidDecimal {
        /// The text as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("not a number")]
        span: Span,
    },

    /// `initial = 1e40`, or 32 nines: beyond what an exact decimal holds.
    #[error("`{text}` is out of range for `{key}`")]
    #[diagnostic(
        code(perfeval::data::decimal_out_of_range),
        help("an exact number has at most 29 digits and at most 28 decimal places")
    )]
    DecimalOutOfRange {
        /// The number as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("too large or too precise")]
        span: Span,
    },

    /// `initial = nan`, `initial = inf`, YAML `initial: .inf`.
    #[error("`{text}` is not a finite number for `{key}`")]
    #[diagnostic(
        code(perfeval::data::not_a_number),
        help("give a finite number, or leave out an optional field that has no value")
    )]
    NotANumber {
        /// The number as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("not a number")]
        span: Span,
    },

    /// `data_as_of = "2023-02-30"`, or the TOML date `2023-02-30`.
    #[error("`{text}` is not a valid date")]
    #[diagnostic(
        code(perfeval::data::invalid_date),
        help("write a date that exists as `YYYY-MM-DD`, e.g. `2023-12-31`")
    )]
    InvalidDate {
        /// The date as written.
        text: String,
        /// The value.
        #[label("not a date")]
        span: Span,
    },

    /// `year = 2023.5`.
    #[error("`{text}` is not a whole number for `{key}`")]
    #[diagnostic(
        code(perfeval::data::not_an_integer),
        help("write a whole number, e.g. `2023`")
    )]
    NotAnInteger {
        /// The number as written.
        text: String,
        /// The field.
        key: String,
        /// The value.
        #[label("not a whole number")]
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
            | DataError::WrongType { span, .. }
            | DataError::InvalidDecimal { span, .. }
            | DataError::DecimalOutOfRange { span, .. }
            | DataError::NotANumber { span, .. }
            | DataError::InvalidDate { span, .. }
            | DataError::NotAnInteger { span, .. } => *span,
        }
    }
}

/// Everything wrong with one project file: its text, once, and each problem.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("found {count} in the project file `{name}`")]
pub struct DataFailure {
    name: String,
    count: String,
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
        let count = match errors.len() {
            1 => "1 problem".to_owned(),
            n => format!("{n} problems"),
        };
        DataFailure {
            name: file.name().to_owned(),
            count,
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
