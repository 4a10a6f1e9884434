//! perfeval: a rules engine for fiscal project performance self-evaluation
//! (财政支出项目绩效自评).
//!
//! A ruleset (`.rules`, perfeval's own language) states a year's scoring policy; a
//! project file (TOML, JSON or YAML) is one filled self-evaluation form. The pipeline:
//!
//! ```text
//! ruleset text ─ parse ─► ast ─ check ─► Checked ─ compile ─► Plan ─┐
//! project file ─ data::load (validated against Plan.form) ─► Project ┴ evaluate ─► Outcome ─ report
//! ```
//!
//! Scoring a form takes a ruleset (a shipped one by name, or any `.rules` text) and the
//! form's bytes:
//!
//! ```
//! use perfeval::data::{self, Format};
//! use perfeval::source::SourceFile;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let policy = perfeval::shipped::find("2023").ok_or("2023 is shipped")?;
//! let plan = perfeval::load_ruleset(&SourceFile::new(policy.file, policy.text))?;
//! let form = include_str!("../examples/suzhou-2023-egov.toml");
//! let project = data::load_bytes("egov.toml", form.as_bytes(), Format::Toml, &plan.form)?;
//! let outcome = perfeval::evaluate(&plan, &project)?;
//! assert_eq!(outcome.total.to_string(), "80.00");
//! assert!(!outcome.has_errors());
//! # Ok(())
//! # }
//! ```
//!
//! Every failure is a [`miette::Diagnostic`] with a stable code; [`Error`] wraps each
//! stage's. An [`eval::outcome::Outcome`] serializes (serde) with every number as a decimal string.
//! Without the default `cli` feature the library compiles no command-line code (clap,
//! rayon, the progress bar, folder walks).

pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
pub mod compile;
pub mod data;
pub mod diagnostic;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod finding;
pub mod i18n;
pub mod import;
pub mod input;
pub mod ir;
pub mod link;
pub mod report;
pub mod ruletest;
pub mod shipped;
pub mod source;
pub(crate) mod suggest;
pub mod syntax;
pub mod template;
#[cfg(test)]
mod testing;
pub mod text;
pub mod value;

pub use check::check;
pub use compile::compile;
pub use eval::evaluate;
pub use syntax::parse;

use std::path::PathBuf;

use crate::diagnostic::Failure;
use crate::i18n::{IoText, t};
use crate::source::SourceFile;

/// Any failure of the pipeline, as one diagnostic.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// The ruleset does not parse.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Parse(#[from] Failure<syntax::error::ParseError>),
    /// A ruleset's `extends` chain does not fit together.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Link(#[from] Failure<link::error::LinkError>),
    /// The ruleset does not check.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(#[from] Failure<check::error::CheckError>),
    /// A project file does not load.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Data(#[from] data::DataFailure),
    /// A ruleset formula cannot be computed for a project.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Eval(#[from] Failure<eval::error::EvalError>),
    /// A ruleset's form does not fit in a workbook.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Template(#[from] template::TemplateError),
    /// A ruleset test file does not read (`perfeval test`).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Test(#[from] Failure<ruletest::error::TestError>),
    /// `perfeval test examples/seed.toml`: a file named on the command line whose name
    /// does not end in `.test.toml`, or a link named so that leads to a file that is not.
    #[error("{}", t!(TEST_NOT_A_TEST_FILE, path = .path.display()))]
    #[diagnostic(
        code(perfeval::test::not_a_test_file),
        help("{}", t!(TEST_NOT_A_TEST_FILE_HELP))
    )]
    NotATestFile {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval test examples`: a folder with no `*.test.toml` file in it.
    #[error("{}", t!(TEST_NO_TESTS, path = .path.display()))]
    #[diagnostic(code(perfeval::test::no_tests), help("{}", t!(TEST_NO_TESTS_HELP)))]
    NoTests {
        /// The folder.
        path: PathBuf,
    },
    /// A ruleset that was read but is not a ruleset's text (`link::LoadError`): GBK
    /// bytes, a chain past the size limit, a text ruleset that extends a file.
    #[error("{}", t!(IO, path = .path.display(), error = .reason))]
    #[diagnostic(code(perfeval::io), help("{}", t!(IO_HELP)))]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: link::LoadError,
    },
    /// A file cannot be read.
    #[error("{}", t!(IO, path = .path.display(), error = IoText(.error)))]
    #[diagnostic(code(perfeval::io), help("{}", t!(IO_HELP)))]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// `perfeval check --rules r.rules /dev/zero`: a device, FIFO, socket or folder
    /// where a file is read.
    #[error("{}", t!(IO_NOT_A_FILE, path = .path.display(), kind = .kind))]
    #[diagnostic(
        code(perfeval::io::not_a_file),
        help("{}", if *.kind == input::FileKind::Folder { t!(IO_NOT_A_FILE_HELP_FOLDER) } else { t!(IO_NOT_A_FILE_HELP) })
    )]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is.
        kind: input::FileKind,
    },
    /// A file larger than `--max-file-size` (16 MiB unless raised).
    #[error("{}", t!(IO_TOO_LARGE, path = .path.display(), limit = .limit))]
    #[diagnostic(code(perfeval::io::too_large), help("{}", t!(IO_TOO_LARGE_HELP)))]
    TooLarge {
        /// The path, or `<stdin>`.
        path: PathBuf,
        /// The limit.
        limit: input::Size,
    },
    /// A line of a `--jsonl` file longer than `--max-file-size`: the code of a file too
    /// large (the limit is the same), the words of a line.
    #[error("{}", t!(IO_LINE_TOO_LARGE, path = .path.display(), limit = .limit))]
    #[diagnostic(code(perfeval::io::too_large), help("{}", t!(IO_LINE_TOO_LARGE_HELP)))]
    LineTooLarge {
        /// `FILE:LINE`.
        path: PathBuf,
        /// The limit.
        limit: input::Size,
    },
    /// `perfeval check --rules /etc/passwd …`: a ruleset whose name, or the name of the
    /// file a link leads to, does not end in `.rules`.
    #[error("{}", t!(IO_NOT_A_RULESET, path = .path.display(), reason = .reason))]
    #[diagnostic(code(perfeval::io::not_a_ruleset), help("{}", t!(IO_NOT_A_RULESET_HELP)))]
    NotARuleset {
        /// The path.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// `perfeval check --rules 2024 …`: a name alone that is no file's and no shipped
    /// ruleset's; `perfeval rulesets show 2024`.
    #[error("{}", t!(RULESETS_UNKNOWN, .name, .reason))]
    #[diagnostic(code(perfeval::rulesets::unknown))]
    UnknownRuleset {
        /// The name as given.
        name: String,
        /// Where it was looked for, in words.
        reason: String,
        /// The nearest shipped name, and all of them.
        #[help]
        help: String,
    },
    /// `perfeval check --rules 2023 自评表.doc`: a file named on the command line whose
    /// ending names no kind of form perfeval reads; it is not read.
    #[error("{}", t!(IO, path = .path.display(), error = .kinds))]
    #[diagnostic(code(perfeval::io::not_a_form), help("{}", i18n::not_a_form_help(.path)))]
    NotAForm {
        /// The path.
        path: PathBuf,
        /// The kinds of form the command reads, in words.
        kinds: String,
    },
    /// `perfeval check --rules r.rules report.json`, where `report.json` was written by
    /// `perfeval check --format json`.
    #[error("{}", t!(IO_REPORT, path = .path.display()))]
    #[diagnostic(code(perfeval::io::report), help("{}", t!(IO_REPORT_HELP)))]
    Report {
        /// The path.
        path: PathBuf,
    },
    /// `--jsonl FILE` where FILE is one JSON document written over several lines (a
    /// project file, a report printed for people): its first line is only `{` or `[`.
    /// Also a binary file (a workbook, a PDF): `what` it is.
    #[error("{}", match .what {
        Some(what) => t!(IO_NOT_JSON_LINES_BINARY, path = .path.display(), what = *what),
        None => t!(IO_NOT_JSON_LINES, path = .path.display()),
    })]
    #[diagnostic(code(perfeval::io::not_json_lines), help("{}", t!(IO_NOT_JSON_LINES_HELP)))]
    NotJsonLines {
        /// The path.
        path: PathBuf,
        /// What the file is, where it is a binary document.
        what: Option<&'static i18n::Msg>,
    },
    /// A workbook or text export in which no sheet has two of the form's labels: a file
    /// that is not a 自评表 of this ruleset (a `notes.txt`, another year's layout).
    #[error("{}", t!(IMPORT_NO_FORM, path = .path.display()))]
    #[diagnostic(code(perfeval::import::no_form), help("{}", t!(IMPORT_NO_FORM_HELP)))]
    NoForm {
        /// The path.
        path: PathBuf,
    },
    /// A filled form that cannot be read into cells: a damaged workbook, a PDF named
    /// `.xlsx`, a zip bomb.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Form(import::error::FileError),
    /// A form with its labels and nothing filled in: the workbook `perfeval template`
    /// writes, sent back blank.
    #[error("{}", t!(IMPORT_BLANK, path = .path.display()))]
    #[diagnostic(code(perfeval::import::blank), help("{}", t!(IMPORT_BLANK_HELP)))]
    BlankForm {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval import --rules r.rules a.xlsx b.xlsx` without `-o DIR`.
    #[error("{}", t!(IMPORT_SEVERAL, count = .count))]
    #[diagnostic(code(perfeval::import::several), help("{}", t!(IMPORT_SEVERAL_HELP)))]
    ImportSeveral {
        /// How many forms.
        count: usize,
    },
    /// `perfeval import -o 导入/ …` (or several forms `-o 导入`) where no such folder is.
    #[error("{}", t!(IMPORT_NO_SUCH_FOLDER, path = .path.display()))]
    #[diagnostic(
        code(perfeval::import::no_such_folder),
        help("{}", t!(IMPORT_NO_SUCH_FOLDER_HELP))
    )]
    NoSuchFolder {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval diff --rules 2023.rules FORMS…`: a comparison needs an old and a new
    /// ruleset.
    #[error("{}", t!(DIFF_TWO_RULESETS, .count))]
    #[diagnostic(
        code(perfeval::diff::two_rulesets),
        help("{}", t!(DIFF_TWO_RULESETS_HELP))
    )]
    DiffRulesets {
        /// How many were named.
        count: usize,
    },
    /// `perfeval check --rules r.rules - -`.
    #[error("{}", t!(IO_STDIN_TWICE))]
    #[diagnostic(code(perfeval::io::stdin_twice), help("{}", t!(IO_STDIN_TWICE_HELP)))]
    StdinTwice,
    /// A report cannot be written.
    #[error("{}", t!(OUTPUT, path = .path.display(), error = IoText(.error)))]
    #[diagnostic(code(perfeval::output), help("{}", t!(OUTPUT_HELP)))]
    Output {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// `--output /dev/full`, `--output a-folder`, or a symbolic link that leads to
    /// nothing or to something other than a regular file.
    #[error("{}", t!(OUTPUT_NOT_A_FILE, path = .path.display(), kind = .kind))]
    #[diagnostic(code(perfeval::output::not_a_file), help("{}", t!(OUTPUT_NOT_A_FILE_HELP)))]
    OutputNotAFile {
        /// The path as given.
        path: PathBuf,
        /// What it is.
        kind: input::FileKind,
    },
    /// `--output form.toml` where `form.toml` is read by the same run (named, found in
    /// a folder, or a base ruleset); also standard output appending to an input.
    #[error("{}", over_input(output.as_deref(), input))]
    #[diagnostic(code(perfeval::output::over_input), help("{}", t!(OUTPUT_OVER_INPUT_HELP)))]
    OverInput {
        /// The `--output` path; `None` for standard output.
        output: Option<PathBuf>,
        /// The input it is, as it was read.
        input: PathBuf,
    },
    /// `--format table --output report.toml` (or markdown, HTML, CSV, xlsx): the next
    /// run would read the report as a project file.
    #[error("{}", t!(OUTPUT_PROJECT_NAME, format = .format, path = .path.display()))]
    #[diagnostic(
        code(perfeval::output::project_name),
        help("{}", t!(OUTPUT_PROJECT_NAME_HELP, ending = .ending))
    )]
    ProjectName {
        /// The path.
        path: PathBuf,
        /// The report's format, as `--format` names it.
        format: &'static str,
        /// The ending a report of that format may have (`.md`).
        ending: &'static str,
    },
    /// `--output 报告.pdf`: perfeval writes no PDF, and text in a file named so opens
    /// as a broken document.
    #[error("{}", t!(OUTPUT_PDF, path = .path.display()))]
    #[diagnostic(code(perfeval::output::pdf), help("{}", t!(OUTPUT_PDF_HELP)))]
    Pdf {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval diff -o 变化.html`: the ending names a report `diff` does not write, and
    /// a table in a file named so would open as something it is not.
    #[error("{}", t!(OUTPUT_DIFF_FORMAT, path = .path.display(), format = .format))]
    #[diagnostic(
        code(perfeval::output::diff_format),
        help("{}", t!(OUTPUT_DIFF_FORMAT_HELP))
    )]
    DiffFormat {
        /// The path.
        path: PathBuf,
        /// The format its ending names, as `check --format` names it.
        format: &'static str,
    },
    /// `perfeval explain -o 解释.html`: the ending names a report `explain` does not write
    /// (an explanation is text or JSON), and text in a file named so would open as
    /// something it is not.
    #[error("{}", t!(OUTPUT_EXPLAIN_FORMAT, path = .path.display()))]
    #[diagnostic(
        code(perfeval::output::explain_format),
        help("{}", t!(OUTPUT_EXPLAIN_FORMAT_HELP))
    )]
    ExplainFormat {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval explain --indicator 名称` where no indicator of the form has that name:
    /// an explanation of nothing would look like one of a form with no findings.
    #[error("{}", t!(EXPLAIN_NO_SUCH_INDICATOR, name = .name, file = .file))]
    #[diagnostic(code(perfeval::explain::no_such_indicator), help("{}", .help))]
    NoSuchIndicator {
        /// The name asked for, as printable.
        name: String,
        /// The form's file.
        file: String,
        /// The nearest name the form has, or the names it has.
        help: String,
    },
    /// `perfeval check --format xlsx …` with standard output on a terminal.
    #[error("{}", t!(OUTPUT_BINARY_TO_TERMINAL))]
    #[diagnostic(
        code(perfeval::output::binary_to_terminal),
        help("{}", t!(OUTPUT_BINARY_TO_TERMINAL_HELP))
    )]
    BinaryToTerminal,
    /// `perfeval check --format json --summary …` (`lines`: the command also writes
    /// JSON Lines, which `--summary` does not apply to either).
    #[error("{}", if *.lines { t!(OUTPUT_SUMMARY_JSON) } else { t!(OUTPUT_SUMMARY_JSON_DOCUMENT) })]
    #[diagnostic(code(perfeval::output::summary_json), help("{}", t!(OUTPUT_SUMMARY_JSON_HELP)))]
    SummaryJson {
        /// Whether the command has `--format jsonl` too.
        lines: bool,
    },
    /// The xlsx workbook cannot be made: a project with more rows than a sheet holds
    /// (1,048,576), or a number beyond Excel's range.
    #[error("{}", t!(OUTPUT_WORKBOOK, error = i18n::xlsx_error(.error)))]
    #[diagnostic(code(perfeval::output::workbook), help("{}", t!(OUTPUT_WORKBOOK_HELP)))]
    Workbook {
        /// Why.
        error: Box<rust_xlsxwriter::XlsxError>,
    },
    /// `perfeval template --rules r.rules` in a terminal: the workbook's bytes would
    /// garble the screen.
    #[error("{}", t!(OUTPUT_TERMINAL))]
    #[diagnostic(code(perfeval::output::terminal), help("{}", t!(OUTPUT_TERMINAL_HELP)))]
    Terminal,
    /// `perfeval template --rules r.rules -o form.toml`: a workbook under a name that
    /// does not open as one, and that `check` would read as a project file.
    #[error("{}", t!(OUTPUT_NOT_XLSX, path = .path.display()))]
    #[diagnostic(code(perfeval::output::not_xlsx), help("{}", t!(OUTPUT_NOT_XLSX_HELP)))]
    NotXlsx {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval template -o 自评表.xlsx` where that workbook exists (it may be a form a
    /// department filled), or `perfeval import … -o DIR` where DIR holds a file of a
    /// form's name: these outputs are new files, never a replacement.
    #[error("{}", t!(OUTPUT_EXISTS, path = .path.display()))]
    #[diagnostic(code(perfeval::output::exists), help("{}", t!(OUTPUT_EXISTS_HELP)))]
    Exists {
        /// The file there.
        path: PathBuf,
    },
    /// `perfeval check … -o b.toml` where `b.toml` is a form (or `-o x.rules` a ruleset)
    /// the run did not read: a report replaces only a report.
    #[error("{}", t!(OUTPUT_OVER_FORM, path = .path.display()))]
    #[diagnostic(code(perfeval::output::over_form), help("{}", t!(OUTPUT_OVER_FORM_HELP)))]
    OverForm {
        /// The file there.
        path: PathBuf,
    },
    /// `perfeval check … -o 报告.md` where `报告.md` is a report perfeval wrote and a
    /// reviewer has since written into (a `## 审核意见` section, a column in the
    /// workbook): replacing it would lose the review.
    #[error("{}", t!(OUTPUT_EDITED_REPORT, path = .path.display()))]
    #[diagnostic(
        code(perfeval::output::edited_report),
        help("{}", t!(OUTPUT_EDITED_REPORT_HELP))
    )]
    EditedReport {
        /// The report there.
        path: PathBuf,
    },
    /// `perfeval check … > /dev/full`: standard output cannot be written.
    #[error("{}", t!(OUTPUT_STDOUT, error = IoText(.error)))]
    #[diagnostic(code(perfeval::output::stdout), help("{}", t!(OUTPUT_STDOUT_HELP)))]
    Stdout {
        /// Why.
        error: std::io::Error,
    },
}

/// The message of [`Error::OverInput`].
fn over_input(output: Option<&std::path::Path>, input: &std::path::Path) -> String {
    match output {
        Some(output) if output == input => t!(OUTPUT_OVER_INPUT_SAME, path = output.display()),
        Some(output) => t!(
            OUTPUT_OVER_INPUT,
            path = output.display(),
            input = input.display()
        ),
        None => t!(OUTPUT_OVER_INPUT_STDOUT, input = input.display()),
    }
}

impl Error {
    /// The error for a file that was not read.
    #[must_use]
    pub fn read(path: &std::path::Path, error: input::ReadError) -> Error {
        match error {
            input::ReadError::Io(error) => Error::Io {
                path: path.to_owned(),
                error,
            },
            other => Error::refused(path, &other).unwrap_or_else(|| Error::Io {
                path: path.to_owned(),
                error: i18n::io_said(std::io::ErrorKind::Other, other.to_string()),
            }),
        }
    }

    /// The error for a file that a [`link::Loader`] did not read: the reasons of
    /// [`input::ReadError`] (not a regular file, too large) keep their own diagnostics.
    #[must_use]
    pub fn loading(path: &std::path::Path, error: link::LoadError) -> Error {
        match error {
            link::LoadError::Read(read) => Error::read(path, read),
            other => Error::Unreadable {
                path: path.to_owned(),
                reason: other,
            },
        }
    }

    /// The diagnostic of a file refused before or while reading; `None` for an I/O error.
    fn refused(path: &std::path::Path, error: &input::ReadError) -> Option<Error> {
        let path = path.to_owned();
        Some(match error {
            input::ReadError::Io(_) => return None,
            input::ReadError::NotRegular { kind } => Error::NotAFile { path, kind: *kind },
            input::ReadError::TooLarge { limit } => Error::TooLarge {
                path,
                limit: *limit,
            },
            input::ReadError::NotRules { .. } => Error::NotARuleset {
                path,
                reason: error.to_string(),
            },
        })
    }
}

/// Parses, checks and compiles a ruleset given as text (it may extend a shipped ruleset
/// by name, no file).
///
/// # Errors
///
/// The first syntax error, or every problem the checker finds.
pub fn load_ruleset(source: &SourceFile) -> Result<compile::Plan, Error> {
    let linked = link::link_source(source)?;
    let checked = check(&linked.ruleset, linked.sources.clone())?;
    Ok(compile(checked))
}

/// Reads, links, checks and compiles the ruleset at `path` and the rulesets it extends.
/// What linking only warns of is not returned: [`link::link`] gives it
/// ([`link::Linked::warnings`]).
///
/// # Errors
///
/// A file cannot be read or does not parse, the chain does not fit together, or the
/// merged ruleset does not check.
pub fn load_ruleset_file(
    path: &std::path::Path,
    loader: &mut dyn link::Loader,
) -> Result<(compile::Plan, source::Sources), Error> {
    let linked = link::link(path, loader)?;
    let checked = check(&linked.ruleset, linked.sources.clone())?;
    Ok((compile(checked), linked.sources))
}
