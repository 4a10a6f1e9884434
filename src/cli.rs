//! The command line: arguments, file reading, and printing. All I/O of perfeval is here.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::Error;
use crate::compile::Plan;
use crate::data::{self, Format};
use crate::diagnostic::Failure;
use crate::link::FileLoader;
use crate::report::json::ProjectResult;
use crate::report::{diagnostic, json, table};
use crate::source::Sources;

/// perfeval：财政支出项目绩效自评规则引擎。Checks self-evaluation forms against a
/// ruleset: recomputes every weight and score and checks the budget arithmetic.
#[derive(Debug, Parser)]
#[command(name = "perfeval", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate project files against a ruleset (评估自评表).
    Check(CheckArgs),
    /// Print a ruleset with its `extends` chain applied, each item marked with the file
    /// and line it comes from (显示合并后的规则集).
    Show(ShowArgs),
}

/// Arguments of `perfeval show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The ruleset, such as `rulesets/2024.rules`.
    #[arg(long, value_name = "RULESET")]
    pub rules: PathBuf,
}

/// Arguments of `perfeval check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The ruleset, such as `rulesets/2023.rules`.
    #[arg(long, value_name = "RULESET")]
    pub rules: PathBuf,
    /// Project files (.toml, .json, .yaml, .yml) or folders of them.
    #[arg(required = true, value_name = "PROJECT")]
    pub projects: Vec<PathBuf>,
    /// How to print the results.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Write the report to this file instead of standard output. It is written to a
    /// temporary file beside it and renamed into place, so an interrupted run leaves any
    /// old report whole. It may not be one of the inputs.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Tables and diagnostics for people.
    Table,
    /// One JSON document for tools.
    Json,
}

/// How a run ended: the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every project evaluated; no finding of severity error.
    Pass = 0,
    /// Every project evaluated; at least one error finding.
    Findings = 1,
    /// Something could not be evaluated.
    Failure = 2,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> Self {
        ExitCode::from(status as u8)
    }
}

/// Width of rendered diagnostics, fixed so that output does not depend on the terminal.
const WIDTH: usize = 100;

/// Runs a parsed command line.
#[must_use]
pub fn run(cli: Cli) -> Status {
    match cli.command {
        Command::Check(args) => check(&args),
        Command::Show(args) => show(&args),
    }
}

/// Prints the resolved ruleset; it must also check, so that what is shown is what runs.
fn show(args: &ShowArgs) -> Status {
    let linked = match crate::link::link(&args.rules, &mut FileLoader) {
        Ok(linked) => linked,
        Err(e) => {
            eprint_diagnostic(&e);
            return Status::Failure;
        }
    };
    if let Err(e) = crate::check(&linked.ruleset, linked.sources.clone()) {
        eprint_diagnostic(&crate::Error::Check(e));
        return Status::Failure;
    }
    let origin = |span| linked.sources.origin(span);
    let text = crate::syntax::print::print(&linked.ruleset, &origin);
    let _ = std::io::stdout().write_all(text.as_bytes());
    Status::Pass
}

fn colour(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn eprint_diagnostic(d: &dyn miette::Diagnostic) {
    let text = diagnostic::render(d, colour(std::io::stderr().is_terminal()), WIDTH);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

fn check(args: &CheckArgs) -> Status {
    let rules_name = args.rules.display().to_string();
    let loaded = crate::load_ruleset_file(&args.rules, &mut FileLoader);
    let (plan, rules) = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            eprint_diagnostic(&e);
            return Status::Failure;
        }
    };
    let (paths, mut failed) = collect(&args.projects);
    for error in &failed {
        eprint_diagnostic(error);
    }
    // Forms are independent: evaluate them in parallel, keeping their order.
    let results: Vec<ProjectResult> = paths
        .par_iter()
        .map(|p| evaluate_file(&plan, &rules, p))
        .collect();
    let mut out = String::new();
    match args.format {
        OutputFormat::Json => {
            out = json::render(&rules_name, &plan, &results);
            out.push('\n');
        }
        OutputFormat::Table => {
            let colour = colour(std::io::stdout().is_terminal());
            for result in &results {
                if let ProjectResult::Evaluated(outcome) = result {
                    out.push_str(&table::render(outcome));
                    for finding in &outcome.findings {
                        let d = diagnostic::FindingDiagnostic {
                            finding,
                            source: &outcome.source,
                        };
                        out.push_str(&diagnostic::render(&d, colour, WIDTH));
                    }
                    out.push('\n');
                }
            }
        }
    }
    for result in &results {
        if let ProjectResult::Failed { error, .. } = result {
            eprint_diagnostic(error);
        }
    }
    let written = match &args.output {
        Some(path) => write_report(path, args, &out),
        None => std::io::stdout().write_all(out.as_bytes()).or(Ok(())),
    };
    if let Err(error) = written {
        eprint_diagnostic(&error);
        return Status::Failure;
    }
    status(&results, failed.drain(..).count())
}

/// Writes the report without ever touching an input, and atomically: a temporary file
/// beside the target, flushed to disk, then renamed over it.
fn write_report(path: &Path, args: &CheckArgs, text: &str) -> Result<(), Error> {
    let io = |error| Error::Output {
        path: path.to_owned(),
        error,
    };
    let same = |input: &Path| match (std::fs::canonicalize(input), std::fs::canonicalize(path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => input == path,
    };
    if same(&args.rules) || args.projects.iter().any(|p| same(p)) {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the report would overwrite an input; choose another --output",
        )));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = std::fs::File::create(&temp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result.map_err(io)
}

fn status(results: &[ProjectResult], unreadable: usize) -> Status {
    let failed = unreadable > 0
        || results
            .iter()
            .any(|r| matches!(r, ProjectResult::Failed { .. }));
    let findings = results
        .iter()
        .any(|r| matches!(r, ProjectResult::Evaluated(o) if o.has_errors()));
    match (failed, findings) {
        (true, _) => Status::Failure,
        (false, true) => Status::Findings,
        (false, false) => Status::Pass,
    }
}

/// The project files named: files as given, folders searched for project files in
/// name order. Paths that cannot be read are errors.
fn collect(args: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let before = files.len();
            walk(arg, &mut files, &mut errors);
            if files.len() == before {
                errors.push(Error::Io {
                    path: arg.clone(),
                    error: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        "the folder holds no project file (.toml, .json, .yaml, .yml)",
                    ),
                });
            }
        } else {
            files.push(arg.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<Error>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(Error::Io {
                path: dir.to_owned(),
                error: source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            walk(&path, files, errors);
        } else if Format::from_path(&path).is_some() {
            files.push(path);
        }
    }
}

fn evaluate_file(plan: &Plan, rules: &Sources, path: &Path) -> ProjectResult {
    let file = path.display().to_string();
    match load_and_evaluate(plan, rules, path) {
        Ok(outcome) => ProjectResult::Evaluated(outcome),
        Err(error) => ProjectResult::Failed { file, error },
    }
}

fn load_and_evaluate(
    plan: &Plan,
    rules: &Sources,
    path: &Path,
) -> Result<crate::eval::outcome::Outcome, Error> {
    let name = path.display().to_string();
    let Some(format) = Format::from_path(path) else {
        return Err(Error::Io {
            path: path.to_owned(),
            error: std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "a project file must end in .toml, .json, .yaml or .yml",
            ),
        });
    };
    // A file too large to load is refused before it is read.
    let size = std::fs::metadata(path)
        .map_err(|source| Error::Io {
            path: path.to_owned(),
            error: source,
        })?
        .len();
    if let Some(failure) = data::too_large(&name, usize::try_from(size).unwrap_or(usize::MAX)) {
        return Err(Error::Data(failure));
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        error: source,
    })?;
    let project = data::load_bytes(&name, &bytes, format, &plan.form)?;
    crate::evaluate(plan, &project).map_err(|e| Error::Eval(Failure::new(rules.clone(), e)))
}
