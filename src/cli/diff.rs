//! `perfeval diff --rules OLD --rules NEW PROJECT…`: the same forms scored under two
//! rulesets, in parallel, and what the change does to each form and to all of them.
//!
//! Forms are found, read and imported as `check` does them (the same bounds, the same
//! walk, reports skipped), each file read once and scored under both rulesets. The
//! comparison is the library's (`crate::diff`); this reads, evaluates and writes.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::ValueEnum;

use crate::Error;
use crate::compile::Plan;
use crate::data;
use crate::diff::{Changes, Evaluation, FormDiff, Pair, Side, Summary};
use crate::eval::outcome::Outcome;
use crate::i18n::t;
use crate::input::{FileId, Size};
use crate::report::diff::{DiffReport, Ruleset, counts_line, json, render_table};
use crate::source::Sources;

mod lines;
mod stream;

use super::batches::{Jsonl, Work};
use super::inputs::{self, Form, ReadSet, RulesetLoader, STDIN_NAME, Source};
use super::lines::Line;
use super::{
    CheckArgs, Done, Input, OutputFormat, Run, Status, StdinFormat, Text, eprint_diagnostic,
    eprint_line, finish, output, progress,
};

/// Arguments of `perfeval diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The two rulesets, the old one first: `--rules 2023 --rules 2024.rules` (files
    /// named `*.rules`, or shipped rulesets' names).
    #[arg(long, value_name = "RULESET", required = true)]
    pub rules: Vec<PathBuf>,
    /// Project files and forms (as `check` reads them), folders of them, or `-` for one
    /// form on standard input. Each must fit both rulesets' forms; one that does not is
    /// reported as such.
    #[arg(required_unless_present = "jsonl", value_name = "PROJECT")]
    pub projects: Vec<PathBuf>,
    /// A JSON Lines file of projects, `-` for standard input, read as `check --jsonl`
    /// reads it: one project a line, named `FILE:LINE` in the report. Read after the
    /// PROJECTs, a batch at a time.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// How to print the comparison. By default, as `--output`'s ending names a format
    /// (`.json`, `.jsonl`, `.csv`), else `table`.
    #[arg(long, value_enum)]
    pub format: Option<DiffFormat>,
    /// One row per form instead of one per changed indicator (csv); only the forms
    /// table and the summary (table). Not with json or jsonl.
    #[arg(long)]
    pub summary: bool,
    /// Write the report to this file instead of standard output, as `check --output`
    /// does: atomically, never over a file the run reads (`-` is standard output).
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
    /// Follow symbolic links found in folders that lead inside the folder named.
    #[arg(long)]
    pub follow: bool,
}

/// Formats of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Tables for people: the rulesets' differences, a row per form, each changed
    /// form's rows and findings, the summary.
    Table,
    /// One JSON document for tools (first key `perfeval_diff`).
    Json,
    /// JSON Lines for tools: a header line, a line per form, the summary line; written as
    /// the forms are compared.
    Jsonl,
    /// CSV for Excel (UTF-8 with a byte-order mark, CRLF): a row per changed indicator.
    Csv,
}

impl DiffArgs {
    /// The report's format: as `--format` says, else as `--output`'s ending names one,
    /// else a table.
    #[must_use]
    pub fn format(&self) -> DiffFormat {
        let by_ending = || match OutputFormat::by_ending(self.output.as_deref()?)? {
            OutputFormat::Json => Some(DiffFormat::Json),
            OutputFormat::Csv => Some(DiffFormat::Csv),
            OutputFormat::Jsonl => Some(DiffFormat::Jsonl),
            _ => None,
        };
        self.format.or_else(by_ending).unwrap_or(DiffFormat::Table)
    }
}

impl DiffFormat {
    /// The `check` format whose reports are known (and named) the same way.
    fn as_check(self) -> OutputFormat {
        match self {
            DiffFormat::Table => OutputFormat::Table,
            DiffFormat::Json => OutputFormat::Json,
            DiffFormat::Csv => OutputFormat::Csv,
            DiffFormat::Jsonl => OutputFormat::Jsonl,
        }
    }
}

/// Runs `perfeval diff`.
pub(super) fn run(args: &DiffArgs) -> Status {
    finish(diff_run(args))
}

/// A ruleset loaded, with its file as named.
struct Loaded {
    file: String,
    plan: Plan,
    sources: Sources,
}

fn diff_run(args: &DiffArgs) -> Result<Status, Error> {
    let [old, new] = two_rulesets(&args.rules)?;
    check_arguments(args)?;
    let mut read = ReadSet::default();
    let old = load(old, args.max_file_size, &mut read)?;
    let new = load(new, args.max_file_size, &mut read)?;
    let changes = Changes::between(&old.plan, &new.plan);
    let mut collected = inputs::collect(&args.projects, args.follow)?;
    let reading = reading_args(args);
    let jsonl = super::batches::open_jsonl(&reading, &mut read)?;
    for error in &collected.errors {
        eprint_diagnostic(error);
    }
    let watched = progress::watched(std::io::stderr().is_terminal(), false);
    let runs = Pair {
        old: run_of(&old, &reading),
        new: run_of(&new, &reading),
    };
    let run = DiffRun {
        args,
        comparing: Comparing {
            runs: &runs,
            changes: &changes,
        },
        rulesets: Pair {
            old: ruleset(&old),
            new: ruleset(&new),
        },
        watched,
    };
    let ran = match stream::Shape::of(args) {
        Some(shape) => stream::diff(&run, shape, &mut collected, jsonl, &mut read)?,
        None => whole(&run, &mut collected, jsonl, &mut read)?,
    };
    // As `check` does: the summary of a document for tools goes to a person watching.
    if watched && ran.summary.forms > 1 && args.format() != DiffFormat::Table {
        eprint_line(&counts_line(&ran.summary, collected.skipped.total()));
    }
    let unreadable = collected.errors.len() + ran.emptied;
    Ok(if unreadable > 0 || ran.summary.failed() > 0 {
        Status::Failure
    } else {
        Status::Pass
    })
}

/// A `diff` run: its arguments, how it compares a form, the rulesets as the report
/// names them, and whether a person watches standard error.
struct DiffRun<'a> {
    args: &'a DiffArgs,
    comparing: Comparing<'a>,
    rulesets: Pair<Ruleset<'a>>,
    watched: bool,
}

impl DiffRun<'_> {
    fn plans(&self) -> Pair<&Plan> {
        Pair {
            old: self.comparing.runs.old.plan,
            new: self.comparing.runs.new.plan,
        }
    }
}

/// What a run came to, once its report is written.
struct Ran {
    summary: Summary,
    /// Folders left without a form.
    emptied: usize,
}

/// Each form compared under both rulesets: read, evaluated and compared by a worker.
struct Comparing<'a> {
    runs: &'a Pair<Run<'a>>,
    changes: &'a Changes,
}

impl Work for Comparing<'_> {
    type Result = FormDiff;

    fn on_form(&self, form: &Form) -> (Done<FormDiff>, Option<FileId>, Vec<String>) {
        compare(self.runs, self.changes, form)
    }

    fn on_line(&self, file: &str, line: Line) -> FormDiff {
        lines::compare_line(self.runs, self.changes, file, line)
    }
}

/// The report that holds every form before it can be written (the table's columns are
/// as wide as its widest cell; the JSON document's summary comes before its forms):
/// every form compared, in batches, in parallel, and kept [slimmed](FormDiff::slimmed).
fn whole(
    run: &DiffRun<'_>,
    collected: &mut inputs::Collected,
    jsonl: Option<Jsonl>,
    read: &mut ReadSet,
) -> Result<Ran, Error> {
    // A JSON Lines file says how many forms it holds only at its end.
    let len = jsonl.is_none().then_some(collected.forms.len());
    let mut forms = Vec::new();
    let emptied = progress::with_bar(len, run.watched, |bar| {
        super::batches::evaluate(
            &run.comparing,
            collected,
            jsonl,
            read,
            bar,
            |diff| diff,
            |batch, _| {
                forms.extend(batch);
                Ok(true)
            },
        )
    })?;
    let summary = Summary::of(&forms, run.plans());
    let report = DiffReport {
        rulesets: run.rulesets,
        changes: run.comparing.changes,
        forms: &forms,
        summary: &summary,
        skipped: collected.skipped.total(),
    };
    let bytes = render(run.args, &report);
    eprint_problems(
        &collected.skipped,
        &emptied,
        run.rulesets,
        forms.iter().filter(|f| f.failed()),
    );
    match &run.args.output {
        Some(path) => output::write(path, &bytes, read)?,
        None => output::print(&bytes, read)?,
    }
    Ok(Ran {
        summary,
        emptied: emptied.len(),
    })
}

/// How a ruleset reads and evaluates forms: as `check` does, with `diff`'s reading
/// options.
fn run_of<'a>(loaded: &'a Loaded, reading: &'a CheckArgs) -> Run<'a> {
    Run {
        plan: &loaded.plan,
        rules: &loaded.sources,
        args: reading,
        header: false,
    }
}

/// The old and the new ruleset: `--rules` named twice.
fn two_rulesets(rules: &[PathBuf]) -> Result<[&Path; 2], Error> {
    match rules {
        [old, new] => Ok([old, new]),
        _ => Err(Error::DiffRulesets { count: rules.len() }),
    }
}

/// Refuses arguments that cannot work before anything is read, as `check` does.
fn check_arguments(args: &DiffArgs) -> Result<(), Error> {
    let format = args.format().as_check();
    if let Some(path) = &args.output
        && super::named_like_a_form(path, format)
    {
        return Err(Error::ProjectName {
            path: path.clone(),
            format: format.name(),
            ending: format.ending(),
        });
    }
    super::refuse_pdf(args.output.as_deref())?;
    refuse_other_reports(args)?;
    if matches!(args.format(), DiffFormat::Json | DiffFormat::Jsonl) && args.summary {
        return Err(Error::SummaryJson { lines: true });
    }
    Ok(())
}

/// Refuses an output whose ending names a report `diff` does not write (`.html`, `.md`,
/// `.xlsx`) where `--format` does not say which to write: the table it would
/// fall back to is not what the name promises.
fn refuse_other_reports(args: &DiffArgs) -> Result<(), Error> {
    let Some(path) = args.output.as_deref().filter(|_| args.format.is_none()) else {
        return Ok(());
    };
    match OutputFormat::document_by_ending(path) {
        Some(format) => Err(Error::DiffFormat {
            path: path.to_owned(),
            format: format.name(),
        }),
        None => Ok(()),
    }
}

fn load(path: &Path, limit: Size, read: &mut ReadSet) -> Result<Loaded, Error> {
    let mut loader = RulesetLoader::new(limit, read);
    let (plan, sources) = super::load_rules(path, &mut loader)?;
    Ok(Loaded {
        // As `check` names it: a shipped ruleset named alone is `<shipped>/2023.rules`.
        file: super::ruleset_name(path, &sources),
        plan,
        sources,
    })
}

fn ruleset(loaded: &Loaded) -> Ruleset<'_> {
    Ruleset {
        name: &loaded.plan.name,
        version: loaded.plan.version.as_deref(),
        file: &loaded.file,
    }
}

/// The options `check` reads forms with, taken from `diff`'s.
fn reading_args(args: &DiffArgs) -> CheckArgs {
    CheckArgs {
        rules: PathBuf::new(),
        projects: args.projects.clone(),
        format: Some(args.format().as_check()),
        summary: args.summary,
        quiet: false,
        output: None,
        max_file_size: args.max_file_size,
        stdin_format: args.stdin_format,
        follow: args.follow,
        jsonl: args.jsonl.clone(),
        jobs: None,
    }
}

/// The report whole: the table, or the JSON document (CSV and JSON Lines are written as
/// they are made, by `stream`).
fn render(args: &DiffArgs, report: &DiffReport<'_>) -> Vec<u8> {
    match args.format() {
        DiffFormat::Json => json::render(report),
        _ => render_table(report, args.summary),
    }
    .into_bytes()
}

/// Reads one form, evaluates it under both rulesets and compares the results; with the
/// identity of the file read and the lines saying what reading it noted.
fn compare(
    runs: &Pair<Run<'_>>,
    changes: &Changes,
    form: &Form,
) -> (Done<FormDiff>, Option<FileId>, Vec<String>) {
    let plans = Pair {
        old: runs.old.plan,
        new: runs.new.plan,
    };
    let text = match runs.old.read(form) {
        Ok(Some(text)) => text,
        Ok(None) => return (Done::Report, None, Vec::new()),
        Err(error) => {
            let file = match &form.source {
                Source::Stdin => STDIN_NAME.to_owned(),
                Source::File(path) => path.display().to_string(),
            };
            let error = Arc::new(error);
            let results = Pair {
                old: Err(Arc::clone(&error)),
                new: Err(error),
            };
            let diff = FormDiff::of(changes, plans, file, results);
            return (Done::Results(vec![diff]), None, Vec::new());
        }
    };
    let mut notes = Vec::new();
    let paired = evaluate_both(runs, &text, form.folder.is_some(), &mut notes);
    let notes = super::note_lines(&text.name, &notes).collect();
    let Some(paired) = paired else {
        return (Done::NotAForm, text.id, notes);
    };
    let diffs = paired
        .into_iter()
        .map(|results| {
            let file = failed_form(&results).unwrap_or_else(|| text.name.clone());
            FormDiff::of(changes, plans, file, results).slimmed()
        })
        .collect();
    (Done::Results(diffs), text.id, notes)
}

/// The name of a form that did not fit, as its error names it: one of several forms of a
/// file is named with its sheet or line (`各项目.txt:51`), as `check` names it.
fn failed_form(results: &Pair<Evaluation>) -> Option<String> {
    [&results.old, &results.new]
        .into_iter()
        .find_map(|result| match result {
            Err(error) => match error.as_ref() {
                Error::Data(failure) => Some(failure.source().name().to_owned()),
                _ => None,
            },
            Ok(_) => None,
        })
}

/// Every form of a file under both rulesets, paired; `None` for a file found in a
/// folder in which neither ruleset finds a form (a `notes.txt`), which is skipped. What
/// reading it noted goes into `notes` (the same under both rulesets, so once).
fn evaluate_both(
    runs: &Pair<Run<'_>>,
    text: &Text,
    in_folder: bool,
    notes: &mut Vec<String>,
) -> Option<Vec<Pair<Evaluation>>> {
    let results = match text.input {
        // One project file read once where both rulesets' forms are the same.
        Input::Project(format) if runs.old.plan.form == runs.new.plan.form => {
            return Some(vec![evaluate_once(runs, text, format)]);
        }
        Input::Project(format) => Pair {
            old: Ok(vec![runs.old.load_and_evaluate(text, format)]),
            new: Ok(vec![runs.new.load_and_evaluate(text, format)]),
        },
        Input::Form(kind) => {
            let old = import(&runs.old, text, kind, notes);
            let new = import(&runs.new, text, kind, &mut Vec::new());
            Pair { old, new }
        }
    };
    let no_form =
        |r: &Result<_, Error>| matches!(r, Err(Error::NoForm { .. } | Error::BlankForm { .. }));
    if in_folder && no_form(&results.old) && no_form(&results.new) {
        return None;
    }
    Some(pair_up(&text.name, results))
}

/// A project file loaded once and evaluated under both rulesets.
fn evaluate_once(runs: &Pair<Run<'_>>, text: &Text, format: data::Format) -> Pair<Evaluation> {
    match data::load_bytes(&text.name, &text.bytes, format, &runs.old.plan.form) {
        Ok(project) => Pair {
            old: runs.old.evaluate_project(&project).map_err(Arc::new),
            new: runs.new.evaluate_project(&project).map_err(Arc::new),
        },
        Err(error) => {
            let error = Arc::new(Error::from(error));
            Pair {
                old: Err(Arc::clone(&error)),
                new: Err(error),
            }
        }
    }
}

/// Every form of a workbook or text export under one ruleset, with the notes of its
/// reading (the same under both rulesets, so printed once). A form that does not fit is
/// that form's error, as `check` has it: the file's other forms are compared.
fn import(
    run: &Run<'_>,
    text: &Text,
    kind: crate::import::Kind,
    notes: &mut Vec<String>,
) -> Result<Vec<Result<Outcome, Error>>, Error> {
    let noted = |failure, notes: &mut Vec<String>| {
        let (error, noted) = super::failure_noted(&text.name, failure);
        notes.extend(noted);
        error
    };
    let forms = crate::import::import_each(&text.name, &text.bytes, kind, run.plan)
        .map_err(|failure| noted(failure, notes))?;
    Ok(forms
        .into_iter()
        .map(|form| {
            let form = form.map_err(|failure| noted(failure, notes))?;
            notes.extend(form.notes.iter().map(ToString::to_string));
            // A comparison shows no finding both rulesets raise: what was read unseen
            // is said as a note.
            notes.extend(crate::import::hidden_notes(
                &form.unplaced,
                form.sheet.as_deref(),
            ));
            let mut outcome = run.evaluate_project(&form.project)?;
            outcome.findings.extend(crate::import::findings(
                run.plan,
                &form.project,
                &form.unplaced,
            ));
            crate::eval::sort_findings(&mut outcome.findings);
            Ok(outcome)
        })
        .collect())
}

type Forms = Result<Vec<Result<Outcome, Error>>, Error>;

/// The forms of a file under each ruleset, paired in order. A file that holds a form
/// under one ruleset and not the other, or more forms under one, has the missing ones
/// fail with `perfeval::import::no_form` under the other.
fn pair_up(name: &str, results: Pair<Forms>) -> Vec<Pair<Evaluation>> {
    let side = |forms: Forms| -> Vec<Evaluation> {
        match forms {
            Ok(forms) => forms.into_iter().map(|r| r.map_err(Arc::new)).collect(),
            Err(error) => vec![Err(Arc::new(error))],
        }
    };
    let mut old = side(results.old).into_iter();
    let mut new = side(results.new).into_iter();
    let none = || {
        Err(Arc::new(Error::NoForm {
            path: PathBuf::from(name),
        }))
    };
    let mut pairs = Vec::new();
    loop {
        match (old.next(), new.next()) {
            (None, None) => return pairs,
            (old, new) => pairs.push(Pair {
                old: old.unwrap_or_else(none),
                new: new.unwrap_or_else(none),
            }),
        }
    }
}

/// What was skipped, folders left without a form, and every form that could not be
/// evaluated under a ruleset (said once where both failed for one reason), on standard
/// error.
fn eprint_problems<'f>(
    skipped: &inputs::Skipped,
    emptied: &[Error],
    rulesets: Pair<Ruleset<'_>>,
    failed: impl Iterator<Item = &'f FormDiff>,
) {
    if let Some(summary) = skipped.summary() {
        eprint_line(&summary);
    }
    for error in emptied {
        eprint_diagnostic(error);
    }
    for form in failed {
        eprint_failed(form, rulesets);
    }
}

/// Why a form could not be evaluated under a ruleset or both: said once where both
/// failed for one reason.
fn eprint_failed(form: &FormDiff, rulesets: Pair<Ruleset<'_>>) {
    {
        let errors = Pair {
            old: form.results.old.as_ref().err(),
            new: form.results.new.as_ref().err(),
        };
        if let (Some(old), Some(new)) = (errors.old, errors.new)
            && Arc::ptr_eq(old, new)
        {
            eprint_diagnostic(old.as_ref());
            return;
        }
        for side in Side::BOTH {
            if let Some(error) = errors.on(side) {
                let file = crate::text::visible(rulesets.on(side).file);
                eprint_line(&match side {
                    Side::Old => t!(DIFF_UNDER_OLD, file),
                    Side::New => t!(DIFF_UNDER_NEW, file),
                });
                eprint_diagnostic(error.as_ref());
            }
        }
    }
}
