//! The command line: arguments, file reading, and printing. All I/O of perfeval is here:
//! finding and reading inputs in `inputs`, writing reports in `output`.

mod batches;
mod colour;
mod diff;
mod explain;
mod fmt;
mod import;
mod in_keywords;
mod inputs;
pub mod lang;
mod lines;
mod output;
mod progress;
mod render;
mod rulesets;
mod ruletest;
mod shell;
mod stream;
mod template;

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::Error;
use crate::compile::Plan;
use crate::data::{self, Format};
use crate::diagnostic::Failure;
use crate::i18n::t;
use crate::input::{self, FileId, Size};
use crate::report::batch::Tally;
use crate::report::diagnostic;
use crate::report::json::ProjectResult;
use crate::source::Sources;
use crate::syntax::keywords::Keywords;

pub use self::colour::ColorChoice;
pub use self::fmt::FmtArgs;
pub use self::inputs::FileLoader;
use self::inputs::{Form, ReadSet, RulesetLoader, STDIN_NAME, Source};
pub use self::rulesets::{ListFormat, RulesetsArgs, RulesetsCommand};
pub use self::ruletest::{TestArgs, TestFormat};
pub use self::shell::{CompletionsArgs, ManArgs};
pub use self::template::TemplateArgs;

/// perfeval：财政支出项目绩效自评规则引擎。Checks self-evaluation forms against a
/// ruleset: recomputes every weight and score and checks the budget arithmetic.
#[derive(Debug, Parser)]
#[command(name = "perfeval", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages and help: `zh` or `en` (default: the locale's,
    /// `LC_ALL`, `LC_MESSAGES` or `LANG`).
    // Given again (an alias or a script adds one), the last is the language, as
    // `lang::language_of` reads it before the command line is parsed.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "LANG",
        display_order = 900,
        overrides_with = "lang"
    )]
    pub lang: Option<Lang>,
    /// When to colour diagnostics: `auto` on a terminal, unless `NO_COLOR` is set (or
    /// also elsewhere when `CLICOLOR_FORCE` is set and not `0`), `always`, `never`.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub color: ColorChoice,
}

/// The languages `--lang` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Chinese (中文).
    Zh,
    /// English.
    En,
}

/// Runs the command line `args` (the program's name first): the language is set before
/// anything else, from `--lang` or the locale, then the line is parsed and run.
#[must_use]
pub fn main(args: Vec<std::ffi::OsString>) -> Status {
    quiet_caught_panics();
    crate::i18n::set_language(lang::language_of(&args));
    let parsed = lang::command()
        .try_get_matches_from(args)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    match parsed {
        Ok(cli) => run(cli),
        Err(error) => usage(&error),
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Evaluate project files against a ruleset (评估自评表).
    Check(CheckArgs),
    /// Print a ruleset with its `extends` chain applied, each item marked with the file
    /// and line it comes from (显示合并后的规则集).
    Show(ShowArgs),
    /// Turn filled forms (text exports, workbooks, CSV, Word) into TOML project files,
    /// placed by the labels of the ruleset's form (导入自评表).
    Import(import::ImportArgs),
    /// Explain every score of a form step by step: how its target and actual were read,
    /// the completion, the band, each deduction, the rounding, the rule and its clause
    /// (解释得分).
    Explain(explain::ExplainArgs),
    /// Write a fill-in workbook (.xlsx) of the ruleset's form, for departments to fill
    /// in and send back (生成自评表模板).
    Template(TemplateArgs),
    /// List the rulesets that ship with perfeval, usable by name anywhere
    /// (`--rules 2023`), or print one (内置规则集).
    Rulesets(RulesetsArgs),
    /// Print a completion script for a shell: `perfeval completions bash >
    /// ~/.local/share/bash-completion/completions/perfeval`.
    Completions(CompletionsArgs),
    /// Print the man page (roff), generated from the command line:
    /// `perfeval man | man -l -`.
    Man(ManArgs),
    /// Rewrite ruleset files in the canonical layout, each in the language of its
    /// keywords, every comment kept (格式化规则集).
    Fmt(FmtArgs),
    /// Score the same forms under an old and a new ruleset and show what the change
    /// does to each and to all: totals, rows, findings and ratings that move, and the
    /// ruleset items that cause each move (政策变化对比).
    Diff(diff::DiffArgs),
    /// Run ruleset tests: cases of `*.test.toml` files that state what a ruleset must
    /// make of a form (运行规则集测试).
    Test(TestArgs),
}

/// Arguments of `perfeval show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped
    /// ruleset's name, such as `2023` (`perfeval rulesets` lists them).
    #[arg(long, value_name = "RULESET")]
    pub rules: PathBuf,
    /// The language of keywords, severities, rounding modes, field types and
    /// functions; by default, the one most of the ruleset file's keywords are in.
    #[arg(long, value_enum, value_name = "LANGUAGE")]
    pub keywords: Option<KeywordLanguage>,
    /// The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB`
    /// (at most 1 GiB).
    #[arg(long, value_name = "SIZE", default_value = "16MiB")]
    pub max_file_size: Size,
}

/// The languages of keywords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KeywordLanguage {
    /// English: `ruleset`, `class`, `below deduct 5% per 1%`.
    En,
    /// Chinese: `规则集`, `评分规则`, `低于区间 每 1% 扣 5%`.
    Zh,
}

impl From<KeywordLanguage> for Keywords {
    fn from(language: KeywordLanguage) -> Keywords {
        match language {
            KeywordLanguage::En => Keywords::En,
            KeywordLanguage::Zh => Keywords::Zh,
        }
    }
}

/// Arguments of `perfeval check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped
    /// ruleset's name, such as `2023` (`perfeval rulesets` lists them).
    #[arg(long, value_name = "RULESET")]
    pub rules: PathBuf,
    /// Forms: project files (.toml, .json, .yaml, .yml), filled forms as departments
    /// send them (workbooks .xlsx, .xls, .ods; text exports .txt, .csv; Word documents
    /// .docx), folders of them, or `-` for one form on standard input. In folders,
    /// hidden files, editor and lock files, symbolic links, other kinds of file and
    /// perfeval's own reports are skipped and counted.
    #[arg(required_unless_present = "jsonl", value_name = "PROJECT")]
    pub projects: Vec<PathBuf>,
    /// A JSON Lines file of projects, `-` for standard input: one project a line, each
    /// a JSON project file on one line, named `FILE:LINE` in the report; blank lines are
    /// skipped, and each line may be as long as `--max-file-size`. Read after the
    /// PROJECTs, a batch at a time.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// How to print the results. By default, as `--output`'s ending names a format
    /// (`.html`, `.md`, `.csv`, `.xlsx`, `.json`, `.jsonl`), else `table`.
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
    /// One row per project instead of one per indicator (csv), only the summary table
    /// (table, markdown), page (html) or sheet (xlsx). Not with json.
    #[arg(long)]
    pub summary: bool,
    /// Print only problems: in the reports for people (table, markdown, html), only
    /// projects with an error, a warning or no evaluation, and the run's summary line
    /// only if there is one; no progress bar. The content of json, csv and xlsx and the
    /// exit status are the same.
    #[arg(long, short)]
    pub quiet: bool,
    /// Write the report to this file instead of standard output: a regular file (or a
    /// link to one) or a new file. It is written to a temporary file beside it and
    /// renamed into place, so an interrupted run leaves any old report whole; its
    /// permissions are kept. It may not be a file the run reads. `-` is standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB`
    /// (at most 1 GiB). Larger files are refused.
    #[arg(long, value_name = "SIZE", default_value = "16MiB")]
    pub max_file_size: Size,
    /// The format of a form on standard input (`-`) that does not start with `{`
    /// (which is JSON).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = StdinFormat::Toml)]
    pub stdin_format: StdinFormat,
    /// Follow symbolic links found in folders that lead to files or folders inside the
    /// folder named (links named on the command line are always followed). A link that
    /// loops or leads out of the folder is skipped.
    #[arg(long)]
    pub follow: bool,
    /// How many forms to evaluate at once (threads), 1 to 256; by default, one per
    /// processor. The report is the same whatever the number.
    #[arg(short = 'j', long, value_name = "N")]
    pub jobs: Option<Jobs>,
}

impl CheckArgs {
    /// The report's format: as `--format` says, else as `--output`'s ending names one,
    /// else a table.
    #[must_use]
    pub fn format(&self) -> OutputFormat {
        self.format
            .or_else(|| self.output.as_deref().and_then(OutputFormat::by_ending))
            .unwrap_or(OutputFormat::Table)
    }
}

/// The most threads `--jobs` starts: each has its own stack, and 100,000 of them
/// exhausted the machine before one form was read.
pub const MAX_JOBS: usize = 256;

/// A number of threads, from 1 to [`MAX_JOBS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Jobs(pub NonZeroUsize);

impl std::str::FromStr for Jobs {
    type Err = String;

    fn from_str(text: &str) -> Result<Jobs, String> {
        text.trim()
            .parse::<NonZeroUsize>()
            .ok()
            .filter(|n| n.get() <= MAX_JOBS)
            .map(Jobs)
            .ok_or_else(|| t!(JOBS_INVALID, text, max = MAX_JOBS))
    }
}

/// Formats of a form on standard input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StdinFormat {
    /// TOML.
    Toml,
    /// JSON.
    Json,
    /// YAML.
    Yaml,
}

impl From<StdinFormat> for Format {
    fn from(format: StdinFormat) -> Format {
        match format {
            StdinFormat::Toml => Format::Toml,
            StdinFormat::Json => Format::Json,
            StdinFormat::Yaml => Format::Yaml,
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Tables and diagnostics for people.
    Table,
    /// One JSON document for tools.
    Json,
    /// JSON Lines for tools: a header line, one line per project (as in `json`) written
    /// as the forms are evaluated, and a summary line.
    Jsonl,
    /// Markdown tables and lists, to paste into a report.
    Markdown,
    /// One self-contained HTML page laid out like the 自评表, to print.
    Html,
    /// CSV for Excel (UTF-8 with a byte-order mark, CRLF): a row per indicator.
    Csv,
    /// An Excel workbook: a summary sheet and a sheet per project (binary: with
    /// `--output`, or standard output to a file or a pipe).
    Xlsx,
}

impl OutputFormat {
    /// The format a report file's ending names (`报告.html` is HTML), where it names one
    /// of them: a reviewer who asks for `-o 报告.html` wants a page, not a text table
    /// in a file named so.
    pub(crate) fn by_ending(path: &Path) -> Option<OutputFormat> {
        Some(match output::extension(path)?.as_str() {
            "txt" => OutputFormat::Table,
            "json" => OutputFormat::Json,
            "jsonl" | "ndjson" => OutputFormat::Jsonl,
            "md" | "markdown" => OutputFormat::Markdown,
            "html" | "htm" => OutputFormat::Html,
            "csv" => OutputFormat::Csv,
            "xlsx" => OutputFormat::Xlsx,
            _ => return None,
        })
    }

    /// The format a file's ending names where it is a document for people that only
    /// `check` writes (`.html`, `.md`, `.xlsx`): `diff` and `explain` write text there,
    /// which would open as something the name does not promise.
    pub(crate) fn document_by_ending(path: &Path) -> Option<OutputFormat> {
        OutputFormat::by_ending(path).filter(|f| {
            matches!(
                f,
                OutputFormat::Html | OutputFormat::Markdown | OutputFormat::Xlsx
            )
        })
    }

    /// The name `--format` takes.
    pub(crate) fn name(self) -> &'static str {
        match self {
            OutputFormat::Table => "table",
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Markdown => "markdown",
            OutputFormat::Html => "html",
            OutputFormat::Csv => "csv",
            OutputFormat::Xlsx => "xlsx",
        }
    }

    /// The file ending a report of this format is known by, so that a folder's next run
    /// skips it: a JSON report by its first key, the others by their contents.
    fn ending(self) -> &'static str {
        match self {
            OutputFormat::Table => ".txt",
            OutputFormat::Json | OutputFormat::Jsonl => ".json",
            OutputFormat::Markdown => ".md",
            OutputFormat::Html => ".html",
            OutputFormat::Csv => ".csv",
            OutputFormat::Xlsx => ".xlsx",
        }
    }

    /// Whether the report ends with the run's summary line: the formats read as text
    /// from top to bottom. The others hold it elsewhere (HTML's summary page) or leave
    /// it to the data (JSON, CSV, xlsx), and keep standard output to the document.
    fn ends_with_summary(self) -> bool {
        matches!(self, OutputFormat::Table | OutputFormat::Markdown)
    }
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

/// Keeps the panic hook from printing the panics a workbook's reader makes on a damaged
/// file, which are caught and reported as its error; every other panic prints as ever.
fn quiet_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let print = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !crate::import::workbook::reading() {
                print(info);
            }
        }));
    });
}

/// Runs a parsed command line.
#[must_use]
pub fn run(cli: Cli) -> Status {
    colour::set(cli.color);
    output::watch_interrupts();
    match cli.command {
        Command::Check(mut args) => {
            dash_is_stdout(&mut args.output);
            check(&args)
        }
        Command::Show(args) => show(&args),
        Command::Import(mut args) => {
            dash_is_stdout(&mut args.output);
            import::run(&args)
        }
        Command::Explain(mut args) => {
            dash_is_stdout(&mut args.output);
            explain::run(&args)
        }
        Command::Template(mut args) => {
            dash_is_stdout(&mut args.output);
            template::template(&args)
        }
        Command::Rulesets(args) => rulesets::rulesets(&args),
        Command::Completions(args) => shell::completions(&args),
        Command::Man(args) => shell::man(&args),
        Command::Fmt(args) => fmt::fmt(&args),
        Command::Diff(mut args) => {
            dash_is_stdout(&mut args.output);
            diff::run(&args)
        }
        Command::Test(args) => ruletest::test(&args),
    }
}

/// `--output -` means standard output, as `-` does for the forms read: a file named `-`
/// is never what is meant (`./-` still names one).
fn dash_is_stdout(output: &mut Option<PathBuf>) {
    if output
        .as_deref()
        .is_some_and(|path| path.as_os_str() == "-")
    {
        *output = None;
    }
}

/// Ends a command line that did not parse, or asked for help or the version: the text
/// goes to standard output (help) or standard error (mistakes), and a failure to
/// write help is an error like any other.
#[must_use]
pub fn usage(error: &clap::Error) -> Status {
    if lang::print_error(error) {
        return Status::Failure;
    }
    if error.use_stderr() {
        let _ = error.print();
        return Status::Failure;
    }
    match error.print() {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            eprint_diagnostic(&Error::Stdout { error });
            Status::Failure
        }
        _ => Status::Pass,
    }
}

/// Prints the resolved ruleset; it must also check, so that what is shown is what runs.
fn show(args: &ShowArgs) -> Status {
    finish(show_run(args))
}

fn show_run(args: &ShowArgs) -> Result<Status, Error> {
    let mut read = ReadSet::default();
    let mut loader = RulesetLoader::new(args.max_file_size, &mut read);
    let linked = link_rules(&args.rules, &mut loader)?;
    let checked = crate::check(&linked.ruleset, linked.sources.clone())?;
    eprint_warnings(&checked.warnings, &linked.sources);
    let origin = |span| linked.sources.origin(span);
    // The ruleset named is the first file of the chain: its keywords' language.
    let keywords = args
        .keywords
        .map_or_else(|| in_keywords::of(&linked.sources), Keywords::from);
    let style = crate::syntax::print::Style::all_in(keywords);
    let text = crate::syntax::print::print_with(&linked.ruleset, &origin, style);
    output::print(text.as_bytes(), &read)?;
    Ok(Status::Pass)
}

/// Links the ruleset at `path`, printing on standard error what linking warns of (an
/// override that adds a catalog indicator named one slip from the base's).
pub(crate) fn link_rules(
    path: &Path,
    loader: &mut dyn crate::link::Loader,
) -> Result<crate::link::Linked, Error> {
    let linked = crate::link::link(path, loader)?;
    if let Some(warnings) = Failure::from_errors(linked.sources.clone(), linked.warnings.clone()) {
        eprint_in_keywords(&warnings, Some(&linked.sources));
    }
    Ok(linked)
}

/// [`crate::load_ruleset_file`], printing on standard error what linking and the
/// checker warn of.
pub(crate) fn load_rules(
    path: &Path,
    loader: &mut dyn crate::link::Loader,
) -> Result<(Plan, Sources), Error> {
    let linked = link_rules(path, loader)?;
    let checked = crate::check(&linked.ruleset, linked.sources.clone())?;
    eprint_warnings(&checked.warnings, &linked.sources);
    Ok((crate::compile(checked), linked.sources))
}

/// The status of a run, printing the error that stopped it.
fn finish(run: Result<Status, Error>) -> Status {
    run.unwrap_or_else(|error| {
        eprint_error(&error);
        Status::Failure
    })
}

/// Prints an error on standard error; one of linking or checking a ruleset written
/// with Chinese keywords names the keywords in Chinese, as its syntax errors do.
fn eprint_error(error: &Error) {
    let sources = match error {
        Error::Link(failure) => Some(failure.source()),
        Error::Check(failure) => Some(failure.source()),
        _ => None,
    };
    eprint_in_keywords(error, sources);
}

/// [`eprint_diagnostic`], in the keywords of the ruleset `sources` begin with.
fn eprint_in_keywords(d: &dyn miette::Diagnostic, sources: Option<&Sources>) {
    match sources.map(in_keywords::of) {
        Some(language @ Keywords::Zh) => {
            eprint_diagnostic(&in_keywords::InKeywords::new(d, language));
        }
        _ => eprint_diagnostic(d),
    }
}

fn colour(stream_is_terminal: bool) -> bool {
    colour::enabled(stream_is_terminal)
}

/// Prints a diagnostic on standard error; where that cannot be written, there is no
/// one to tell, and the exit status still says that the run failed.
fn eprint_diagnostic(d: &dyn miette::Diagnostic) {
    let text = diagnostic::render(d, colour(std::io::stderr().is_terminal()), WIDTH);
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// Prints what the checker found suspicious in a ruleset, without refusing it (a
/// comparison of a value with itself), on standard error.
fn eprint_warnings(warnings: &[crate::check::error::CheckError], rules: &Sources) {
    if let Some(failure) = crate::diagnostic::Failure::from_errors(rules.clone(), warnings.to_vec())
    {
        eprint_in_keywords(&failure, Some(rules));
    }
}

fn eprint_line(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// What one form came to.
enum Done<T = ProjectResult> {
    /// Evaluated, or not: the results for the report (a workbook may hold several
    /// forms, one per sheet).
    Results(Vec<T>),
    /// A perfeval report found in a folder, skipped.
    Report,
    /// A file named like a form (`.txt`, `.xlsx`) found in a folder with no form of the
    /// ruleset in it, skipped.
    NotAForm,
}

/// What every form of a run is evaluated with.
struct Run<'a> {
    plan: &'a Plan,
    rules: &'a Sources,
    args: &'a CheckArgs,
    /// Whether each outcome carries its form's header: only the printed page shows it,
    /// and no other report pays for it.
    header: bool,
}

fn check(args: &CheckArgs) -> Status {
    finish(with_jobs(args.jobs, || check_run(args)))
}

/// Runs `work` on `jobs` threads, or on rayon's default pool (one thread per processor,
/// or `RAYON_NUM_THREADS`).
fn with_jobs<T: Send>(jobs: Option<Jobs>, work: impl FnOnce() -> T + Send) -> T {
    let pool = jobs.and_then(|Jobs(jobs)| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.get())
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Reads the ruleset and the forms, evaluates the forms, and writes the report; a
/// problem with one form is in the report, a problem with the run stops it.
fn check_run(args: &CheckArgs) -> Result<Status, Error> {
    check_arguments(args)?;
    let mut read = ReadSet::default();
    let mut loader = RulesetLoader::new(args.max_file_size, &mut read);
    let (plan, rules) = load_rules(&args.rules, &mut loader)?;
    let mut collected = inputs::collect(&args.projects, args.follow)?;
    let jsonl = batches::open_jsonl(args, &mut read)?;
    for error in &collected.errors {
        eprint_diagnostic(error);
    }
    let run = Run {
        plan: &plan,
        rules: &rules,
        args,
        header: args.format() == OutputFormat::Html,
    };
    let ruleset_file = ruleset_name(&args.rules, &rules);
    if let Some(shape) = stream::Shape::of(args.format(), args.summary) {
        return stream::check(shape, &run, &mut collected, jsonl, &mut read, &ruleset_file);
    }
    let watched = progress::watched(std::io::stderr().is_terminal(), args.quiet);
    // A JSON Lines file says how many forms it holds only at its end.
    let len = jsonl.is_none().then_some(collected.forms.len());
    let mut results = Vec::new();
    let emptied = progress::with_bar(len, watched, |bar| {
        batches::evaluate(
            &run,
            &mut collected,
            jsonl,
            &mut read,
            bar,
            |result| result,
            |batch, _| {
                results.extend(batch);
                Ok(true)
            },
        )
    })?;
    let skipped = collected.skipped.total();
    let skipped_note = collected.skipped.summary();
    let report = render::report(
        args,
        &ruleset_file,
        &plan,
        &results,
        (skipped, skipped_note),
    )?;
    eprint_problems(&collected.skipped, &emptied, &results);
    match &args.output {
        Some(path) => output::write(path, &report, &read)?,
        None => output::print(&report, &read)?,
    }
    // The summary line of a document for tools goes to a person watching the terminal,
    // never into a log or a pipe, where the document itself says it all.
    let tally = Tally::of(&results, skipped);
    if watched && tally.projects > 1 && !args.format().ends_with_summary() {
        eprint_line(&tally.note());
    }
    Ok(status(&results, collected.errors.len() + emptied.len()))
}

/// How the report names the ruleset: as the command line did, or, for a shipped ruleset
/// named alone, `<shipped>/2023.rules`, which says that no file of that name was read.
fn ruleset_name(arg: &Path, rules: &Sources) -> String {
    match rules.files().next() {
        Some(root) if crate::shipped::is_shipped_source(root.name()) => root.name().to_owned(),
        _ => arg.display().to_string(),
    }
}

/// What was skipped, folders left without a form, and forms that failed, on standard
/// error.
fn eprint_problems(skipped: &inputs::Skipped, emptied: &[Error], results: &[ProjectResult]) {
    if let Some(summary) = skipped.summary() {
        eprint_line(&summary);
    }
    for error in emptied {
        eprint_diagnostic(error);
    }
    for result in results {
        if let ProjectResult::Failed { error, .. } = result {
            eprint_diagnostic(error);
        }
    }
}

/// Refuses arguments that cannot work before anything is read.
fn check_arguments(args: &CheckArgs) -> Result<(), Error> {
    // A report named like a project file would be read as a broken form next time; a
    // JSON report is known by its first key and skipped.
    let as_form = args
        .output
        .as_deref()
        .is_some_and(|path| named_like_a_form(path, args.format()));
    if let (Some(path), true) = (&args.output, as_form) {
        return Err(Error::ProjectName {
            path: path.clone(),
            format: args.format().name(),
            ending: args.format().ending(),
        });
    }
    refuse_pdf(args.output.as_deref())?;
    // A workbook's bytes would garble the terminal; a file or a pipe takes them.
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    if args.format() == OutputFormat::Xlsx && to_terminal {
        return Err(Error::BinaryToTerminal);
    }
    if matches!(args.format(), OutputFormat::Json | OutputFormat::Jsonl) && args.summary {
        return Err(Error::SummaryJson { lines: true });
    }
    Ok(())
}

/// Refuses an output named as a PDF document, which no report of perfeval is: text in
/// it would open as a broken document.
fn refuse_pdf(output: Option<&Path>) -> Result<(), Error> {
    match output.filter(|p| output::extension(p).as_deref() == Some("pdf")) {
        Some(path) => Err(Error::Pdf {
            path: path.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Whether a report of `format` written to `path` would be read as a form by the next
/// run over its folder: a name a form may have, in a format whose reports are not known
/// by their content there (a JSON report by its first key; a table as `.txt`, a CSV
/// report as `.csv`, an xlsx report as `.xlsx` by theirs).
fn named_like_a_form(path: &Path, format: OutputFormat) -> bool {
    use crate::import::{Kind, workbook::WorkbookKind};
    if Format::from_path(path).is_some() {
        return !matches!(format, OutputFormat::Json | OutputFormat::Jsonl);
    }
    match (Kind::from_path(path), format) {
        (None, _)
        | (Some(Kind::Text), OutputFormat::Table)
        | (Some(Kind::Csv), OutputFormat::Csv)
        | (Some(Kind::Workbook(WorkbookKind::Xlsx)), OutputFormat::Xlsx) => false,
        (Some(_), _) => true,
    }
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

/// A form's bytes, ready to load.
struct Text {
    name: String,
    bytes: Vec<u8>,
    input: Input,
    id: Option<FileId>,
}

impl Run<'_> {
    /// Reads, loads and evaluates one form; with the identity of the file read and the
    /// notes reading it gave, which the caller prints in the forms' order (a worker
    /// printing them would order them by which finished first).
    fn evaluate(&self, form: &Form) -> (Done, Option<FileId>, Vec<String>) {
        let mut notes = Vec::new();
        let text = match self.read(form) {
            Ok(Some(text)) => text,
            Ok(None) => return (Done::Report, None, notes),
            Err(error) => {
                let file = match &form.source {
                    Source::Stdin => STDIN_NAME.to_owned(),
                    Source::File(path) => path.display().to_string(),
                };
                return (
                    Done::Results(vec![ProjectResult::Failed { file, error }]),
                    None,
                    notes,
                );
            }
        };
        let results = match text.input {
            Input::Project(format) => vec![self.load_and_evaluate(&text, format)],
            Input::Form(kind) => match self.import_and_evaluate(&text, kind, &mut notes) {
                Ok(results) => results,
                Err(Error::NoForm { .. } | Error::BlankForm { .. }) if form.folder.is_some() => {
                    return (Done::NotAForm, text.id, notes);
                }
                Err(error) => vec![Err(error)],
            },
        };
        let results = results
            .into_iter()
            .map(|result| match result {
                Ok(outcome) => ProjectResult::Evaluated(outcome),
                // A sheet's form that does not fit is named with its sheet.
                Err(Error::Data(failure)) => ProjectResult::Failed {
                    file: failure.source().name().to_owned(),
                    error: Error::Data(failure),
                },
                Err(error) => ProjectResult::Failed {
                    file: text.name.clone(),
                    error,
                },
            })
            .collect();
        (Done::Results(results), text.id, notes)
    }

    /// The text of a form; `None` for a report found in a folder, which is skipped.
    fn read(&self, form: &Form) -> Result<Option<Text>, Error> {
        let limit = self.args.max_file_size;
        let (path, read, format) = match &form.source {
            Source::Stdin => {
                let path = Path::new(STDIN_NAME);
                let read = input::read_stdin(limit).map_err(|e| Error::read(path, e))?;
                let format = inputs::stdin_format(&read.bytes, self.args.stdin_format.into());
                (path, read, Input::Project(format))
            }
            Source::File(path) => {
                let format = project_format(path)?;
                inputs::check_real_name(path)?;
                let links = form.links(self.args.follow);
                let read =
                    input::read_file(path, limit, links).map_err(|e| Error::read(path, e))?;
                (path.as_path(), read, format)
            }
        };
        let report = match format {
            Input::Project(_) => inputs::is_report(&read.bytes),
            Input::Form(kind) => crate::import::is_report(&read.bytes, kind),
        };
        if report {
            return match form.folder {
                Some(_) => Ok(None),
                None => Err(Error::Report {
                    path: path.to_owned(),
                }),
            };
        }
        Ok(Some(Text {
            name: path.display().to_string(),
            bytes: read.bytes,
            input: format,
            id: read.id,
        }))
    }

    fn load_and_evaluate(
        &self,
        text: &Text,
        format: Format,
    ) -> Result<crate::eval::outcome::Outcome, Error> {
        let project = data::load_bytes(&text.name, &text.bytes, format, &self.plan.form)?;
        self.evaluate_project(&project)
    }

    /// Imports every form of a workbook or text export and evaluates each; the cells
    /// that fit no field are findings of their form (`unplaced-cell`). What reading
    /// noted is added to `notes`, as lines to print.
    fn import_and_evaluate(
        &self,
        text: &Text,
        kind: crate::import::Kind,
        notes: &mut Vec<String>,
    ) -> Result<Vec<Result<crate::eval::outcome::Outcome, Error>>, Error> {
        let forms = crate::import::import_each(&text.name, &text.bytes, kind, self.plan).map_err(
            |failure| {
                // No form: a sheet hidden and skipped may be why.
                let (error, said) = failure_noted(&text.name, failure);
                notes.extend(note_lines(&text.name, &said));
                error
            },
        )?;
        // A sheet that does not fit is a project that could not be evaluated, after
        // what reading it noted; the workbook's other forms are evaluated all the same.
        Ok(forms
            .into_iter()
            .map(|form| {
                let form = match form {
                    Ok(form) => form,
                    Err(failure) => {
                        let (error, said) = failure_noted(&text.name, failure);
                        notes.extend(note_lines(&text.name, &said));
                        return Err(error);
                    }
                };
                notes.extend(note_lines(&text.name, &form.notes));
                let mut outcome = self.evaluate_project(&form.project)?;
                outcome.findings.extend(crate::import::findings(
                    self.plan,
                    &form.project,
                    &form.unplaced,
                ));
                crate::eval::sort_findings(&mut outcome.findings);
                Ok(outcome)
            })
            .collect())
    }

    fn evaluate_project(
        &self,
        project: &crate::data::project::Project,
    ) -> Result<crate::eval::outcome::Outcome, Error> {
        let mut outcome = crate::evaluate(self.plan, project)
            .map_err(|e| Error::Eval(Failure::new(self.rules.clone(), e)))?;
        if self.header {
            outcome.header = crate::report::header::of(&self.plan.form, project);
        }
        Ok(outcome)
    }
}

/// A form's import failure as an error of the run, with what reading it noted (a form
/// that does not fit, a file with no form: a sheet hidden and skipped may say why;
/// nothing for any other failure).
pub(crate) fn failure_noted(
    name: &str,
    failure: crate::import::ImportFailure,
) -> (Error, Vec<String>) {
    match failure {
        crate::import::ImportFailure::Data { failure, notes } => (Error::Data(failure), notes),
        crate::import::ImportFailure::NoForm { notes } => (
            Error::NoForm {
                path: PathBuf::from(name),
            },
            notes,
        ),
        failure => (import_error(name, failure), Vec::new()),
    }
}

/// Every form of a workbook or text export for a command that reads its forms one at a
/// time (`import`, `explain`, `test`): what reading a form that does not fit noted is
/// printed before its error (it may say why), and with `all_notes` what reading each
/// form noted too.
pub(crate) fn import_noting(
    name: &str,
    bytes: &[u8],
    kind: crate::import::Kind,
    plan: &Plan,
    all_notes: bool,
) -> Result<Vec<crate::import::Imported>, Error> {
    let print = |notes: &[String]| eprint_notes(name, notes);
    // What reading a form that does not fit noted may say why (`（2022年度）` read as a
    // title where 年度 is missing): printed before the error.
    let found = crate::import::import(name, bytes, kind, plan).map_err(|failure| {
        let (error, notes) = failure_noted(name, failure);
        print(&notes);
        error
    })?;
    if all_notes {
        for form in &found {
            print(&form.notes);
        }
    }
    Ok(found)
}

/// Prints what reading the file `name` noted, a line each.
pub(crate) fn eprint_notes(name: &str, notes: &[String]) {
    for line in note_lines(name, notes) {
        eprint_line(&line);
    }
}

/// What reading the file `name` noted, as the lines that say so.
fn note_lines<'a>(name: &'a str, notes: &'a [String]) -> impl Iterator<Item = String> + 'a {
    notes
        .iter()
        .map(move |note| t!(CLI_NOTE, file = crate::text::visible(name), note))
}

/// An import that found no form, or a form that does not fit, as an error of the run.
pub(crate) fn import_error(name: &str, failure: crate::import::ImportFailure) -> Error {
    match failure {
        crate::import::ImportFailure::NoForm { .. } => Error::NoForm {
            path: PathBuf::from(name),
        },
        crate::import::ImportFailure::Blank => Error::BlankForm {
            path: PathBuf::from(name),
        },
        crate::import::ImportFailure::Data { failure, .. } => Error::Data(failure),
        crate::import::ImportFailure::Read(error) => Error::Form(crate::import::error::FileError {
            file: name.to_owned(),
            error,
        }),
    }
}

/// What a file holds: a project file, or a form to import.
#[derive(Clone, Copy, Debug)]
enum Input {
    Project(Format),
    Form(crate::import::Kind),
}

/// What a file named on the command line holds, by its name; known before it is read.
fn project_format(path: &Path) -> Result<Input, Error> {
    if let Some(format) = Format::from_path(path) {
        return Ok(Input::Project(format));
    }
    crate::import::Kind::from_path(path)
        .map(Input::Form)
        .ok_or_else(|| Error::NotAForm {
            path: path.to_owned(),
            kinds: crate::i18n::t!(IO_NOT_A_FORM_NAME),
        })
}
