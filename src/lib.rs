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
pub mod text;
pub mod value;

pub use check::check;
pub use compile::compile;
pub use eval::evaluate;
pub use syntax::parse;

use std::path::PathBuf;

use crate::diagnostic::Failure;
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
    #[error("`{}` is not a ruleset test file: its name, or the name of the file it leads to, does not end in `.test.toml`", path.display())]
    #[diagnostic(
        code(perfeval::test::not_a_test_file),
        help(
            "name the test file (`seed.test.toml`), or the folder that holds it; a project file is named inside a test file, by `project = \"…\"`"
        )
    )]
    NotATestFile {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval test examples`: a folder with no `*.test.toml` file in it.
    #[error("`{}` holds no ruleset test file (`*.test.toml`)", path.display())]
    #[diagnostic(
        code(perfeval::test::no_tests),
        help("test files are named `NAME.test.toml`; see docs/language.md §10")
    )]
    NoTests {
        /// The folder.
        path: PathBuf,
    },
    /// A ruleset that was read but is not a ruleset's text (`link::LoadError`): GBK
    /// bytes, a chain past the size limit, a text ruleset that extends a file.
    #[error("cannot read `{}`: {reason}", path.display())]
    #[diagnostic(
        code(perfeval::io),
        help("check the path and that the file is readable")
    )]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        reason: link::LoadError,
    },
    /// A file cannot be read.
    #[error("cannot read `{}`: {error}", path.display())]
    #[diagnostic(
        code(perfeval::io),
        help("check the path and that the file is readable")
    )]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// `perfeval check --rules r.rules /dev/zero`: a device, FIFO, socket or folder
    /// where a file is read.
    #[error("cannot read `{}`: it is {kind}, not a regular file", path.display())]
    #[diagnostic(
        code(perfeval::io::not_a_file),
        help("perfeval reads regular files only; to read a form from standard input, name it `-`")
    )]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is, in words (`a character device`).
        kind: &'static str,
    },
    /// A file larger than `--max-file-size` (16 MiB unless raised).
    #[error("cannot read `{}`: it is larger than the limit of {limit}", path.display())]
    #[diagnostic(
        code(perfeval::io::too_large),
        help(
            "a form takes a few kilobytes and a ruleset a few hundred lines; if this is the right file, raise the limit with `--max-file-size`"
        )
    )]
    TooLarge {
        /// The path, or `<stdin>`.
        path: PathBuf,
        /// The limit.
        limit: input::Size,
    },
    /// `perfeval check --rules /etc/passwd …`: a ruleset whose name, or the name of the
    /// file a link leads to, does not end in `.rules`.
    #[error("`{}` is not a ruleset: {reason}", path.display())]
    #[diagnostic(
        code(perfeval::io::not_a_ruleset),
        help("a ruleset file's name ends in `.rules`; perfeval reads no other file as a ruleset")
    )]
    NotARuleset {
        /// The path.
        path: PathBuf,
        /// Why, in words.
        reason: String,
    },
    /// `perfeval check --rules 2024 …`: a name alone that is no file's and no shipped
    /// ruleset's; `perfeval rulesets show 2024`.
    #[error("no ruleset is named `{name}`: {reason}")]
    #[diagnostic(code(perfeval::rulesets::unknown))]
    UnknownRuleset {
        /// The name as given.
        name: String,
        /// Where it was looked for, in words.
        reason: &'static str,
        /// The nearest shipped name, and all of them.
        #[help]
        help: String,
    },
    /// `perfeval check --rules r.rules report.json`, where `report.json` was written by
    /// `perfeval check --format json`.
    #[error("`{}` is a perfeval report, not a project file", path.display())]
    #[diagnostic(
        code(perfeval::io::report),
        help("check the form the report was made from; in a folder, reports are skipped")
    )]
    Report {
        /// The path.
        path: PathBuf,
    },
    /// A workbook or text export in which no sheet has two of the form's labels: a file
    /// that is not a 自评表 of this ruleset (a `notes.txt`, another year's layout).
    #[error("`{}` holds no form of this ruleset: none of its sheets has the form's labels", path.display())]
    #[diagnostic(
        code(perfeval::import::no_form),
        help(
            "check that the file is a filled 自评表 for this ruleset; the labels are those of the ruleset's `form` (`perfeval show`)"
        )
    )]
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
    #[error("`{}` is a blank form: none of the project's fields is filled in", path.display())]
    #[diagnostic(
        code(perfeval::import::blank),
        help(
            "fill in the form (项目名称, 预算 …) and check it again; in a folder, blank forms are skipped"
        )
    )]
    BlankForm {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval import --rules r.rules a.xlsx b.xlsx` without `-o DIR`.
    #[error("{count} forms were imported, and one output holds one form")]
    #[diagnostic(
        code(perfeval::import::several),
        help("name a folder with `-o DIR`: each form is written there as its own .toml file")
    )]
    ImportSeveral {
        /// How many forms.
        count: usize,
    },
    /// `perfeval diff --rules 2023.rules FORMS…`: a comparison needs an old and a new
    /// ruleset.
    #[error("`diff` compares two rulesets, and `--rules` was named {count} times")]
    #[diagnostic(
        code(perfeval::diff::two_rulesets),
        help(
            "name the old ruleset and then the new one: `perfeval diff --rules rulesets/2023.rules --rules rulesets/2024.rules FORMS…`"
        )
    )]
    DiffRulesets {
        /// How many were named.
        count: usize,
    },
    /// `perfeval check --rules r.rules - -`.
    #[error("standard input (`-`) is named more than once")]
    #[diagnostic(
        code(perfeval::io::stdin_twice),
        help("standard input holds one form: name `-` once")
    )]
    StdinTwice,
    /// A report cannot be written.
    #[error("cannot write `{}`: {error}", path.display())]
    #[diagnostic(
        code(perfeval::output),
        help("choose a path in a folder you can write to, other than the inputs")
    )]
    Output {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// `--output /dev/full`, `--output a-folder`, or a symbolic link that leads to
    /// nothing or to something other than a regular file.
    #[error("cannot write `{}`: it is {kind}, and a report only replaces a regular file", path.display())]
    #[diagnostic(
        code(perfeval::output::not_a_file),
        help(
            "name a regular file, or a new file in an existing folder; to print the report, leave out `--output`"
        )
    )]
    OutputNotAFile {
        /// The path as given.
        path: PathBuf,
        /// What it is, in words.
        kind: &'static str,
    },
    /// `--output form.toml` where `form.toml` is read by the same run (named, found in
    /// a folder, or a base ruleset); also standard output appending to an input.
    #[error("{}", over_input(output.as_deref(), input))]
    #[diagnostic(
        code(perfeval::output::over_input),
        help("write the report somewhere else: perfeval never writes to a file it reads")
    )]
    OverInput {
        /// The `--output` path; `None` for standard output.
        output: Option<PathBuf>,
        /// The input it is, as it was read.
        input: PathBuf,
    },
    /// `--format table --output report.toml` (or markdown, HTML, CSV, xlsx): the next
    /// run would read the report as a project file.
    #[error("a {format} report named `{}` would be read as a project file by the next run", path.display())]
    #[diagnostic(
        code(perfeval::output::project_name),
        help(
            "name it with another ending, such as `.txt`, `.md`, `.html`, `.csv` or `.xlsx`, or write JSON with `--format json` (perfeval skips its own JSON reports)"
        )
    )]
    ProjectName {
        /// The path.
        path: PathBuf,
        /// The report's format, as `--format` names it.
        format: &'static str,
    },
    /// `perfeval check --format xlsx …` with standard output on a terminal.
    #[error("an xlsx workbook is binary and is not written to a terminal")]
    #[diagnostic(
        code(perfeval::output::binary_to_terminal),
        help(
            "name the file with `--output report.xlsx`, or redirect standard output to a file or a pipe"
        )
    )]
    BinaryToTerminal,
    /// `perfeval check --format json --summary …`.
    #[error("`--summary` does not apply to `--format json`")]
    #[diagnostic(
        code(perfeval::output::summary_json),
        help(
            "the JSON report holds every project's total and findings: leave out `--summary`, or choose `--format csv --summary` for one row per project"
        )
    )]
    SummaryJson,
    /// The xlsx workbook cannot be made: a project with more rows than a sheet holds
    /// (1,048,576), or a number beyond Excel's range.
    #[error("cannot make the xlsx workbook: {error}")]
    #[diagnostic(
        code(perfeval::output::workbook),
        help("write the report as CSV (`--format csv`) or JSON, which have no such limits")
    )]
    Workbook {
        /// Why.
        error: Box<rust_xlsxwriter::XlsxError>,
    },
    /// `perfeval template --rules r.rules` in a terminal: the workbook's bytes would
    /// garble the screen.
    #[error("will not write a workbook to the terminal")]
    #[diagnostic(
        code(perfeval::output::terminal),
        help("name a file with `-o form.xlsx`, or send standard output to one: `> form.xlsx`")
    )]
    Terminal,
    /// `perfeval template --rules r.rules -o form.toml`: a workbook under a name that
    /// does not open as one, and that `check` would read as a project file.
    #[error("a workbook named `{}` would not open as one", path.display())]
    #[diagnostic(
        code(perfeval::output::not_xlsx),
        help("name it with `.xlsx` at the end, such as `form.xlsx`")
    )]
    NotXlsx {
        /// The path.
        path: PathBuf,
    },
    /// `perfeval check … > /dev/full`: standard output cannot be written.
    #[error("cannot write to standard output: {error}")]
    #[diagnostic(
        code(perfeval::output::stdout),
        help("check the disk or the program that standard output goes to, or use `--output`")
    )]
    Stdout {
        /// Why.
        error: std::io::Error,
    },
}

/// The message of [`Error::OverInput`].
fn over_input(output: Option<&std::path::Path>, input: &std::path::Path) -> String {
    match output {
        Some(output) if output == input => {
            format!(
                "cannot write `{}`: it is an input of this run",
                output.display()
            )
        }
        Some(output) => format!(
            "cannot write `{}`: it is `{}`, an input of this run",
            output.display(),
            input.display()
        ),
        None => format!(
            "cannot write to standard output: it is `{}`, an input of this run",
            input.display()
        ),
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
                error: std::io::Error::other(other.to_string()),
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
            input::ReadError::NotRegular { kind } => Error::NotAFile { path, kind },
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
