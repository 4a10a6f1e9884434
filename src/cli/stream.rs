//! `check --format jsonl`, `--format json` and `--format csv`: the report written batch
//! by batch as the forms are evaluated (`report::jsonl` says what each line of JSON Lines
//! holds; the JSON document is written in the pieces `report::json` cuts it into; the
//! CSV is its columns' names and then each project's rows), the run counted as it goes,
//! so that memory stays flat in the number of forms. Written to `--output`
//! through a temporary file renamed into place at the end, as every report is.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::Error;
use crate::compile::Plan;
use crate::input;
use crate::report::batch::Tally;
use crate::report::csv;
use crate::report::diagnostic;
use crate::report::json::{self, ProjectResult};
use crate::report::jsonl::{self, Counted, Running};

use super::batches::{self, Jsonl};
use super::inputs::{Collected, ReadSet};
use super::output::Stream;
use super::{OutputFormat, Run, Status, WIDTH, colour, eprint_diagnostic, eprint_line, progress};

/// What the report keeps of a result, made on the worker that evaluated it: its piece
/// of the report, what it counts for, and for a form that failed, its diagnostic for
/// standard error.
struct Made {
    piece: String,
    counted: Counted,
    diagnostic: Option<String>,
}

/// A report that can be written as it is made: its beginning, each project's piece, the
/// joint between two pieces, and its end once the run is counted.
#[derive(Clone, Copy)]
pub(super) enum Shape {
    /// `--format jsonl`: a header line, a line a project, the summary line.
    Lines,
    /// `--format json`: the document of shared/spec/cli.md, its projects in one array.
    Document,
    /// `--format csv`: the columns' names, then each project's rows (one with `summary`).
    Csv { summary: bool },
}

impl Shape {
    /// The shape of `format` (with `--summary` or not), where it is written as it is
    /// made (by [`check`]): the other reports end with the run's totals or summary, or
    /// are a workbook.
    pub(super) fn of(format: OutputFormat, summary: bool) -> Option<Shape> {
        match format {
            OutputFormat::Jsonl => Some(Shape::Lines),
            OutputFormat::Json => Some(Shape::Document),
            OutputFormat::Csv => Some(Shape::Csv { summary }),
            _ => None,
        }
    }

    fn head(self, ruleset_file: &str, plan: &Plan) -> String {
        match self {
            Shape::Lines => jsonl::header(ruleset_file, plan),
            Shape::Document => json::head(ruleset_file, plan),
            Shape::Csv { summary } => csv::head(summary),
        }
    }

    fn piece(self, result: &ProjectResult) -> String {
        match self {
            Shape::Lines => jsonl::project(result),
            Shape::Document => json::entry(result),
            Shape::Csv { summary } => csv::piece(result, summary),
        }
    }

    /// What goes between two projects' pieces: nothing between lines or rows, a comma
    /// between the elements of an array.
    fn joint(self) -> &'static str {
        match self {
            Shape::Lines | Shape::Csv { .. } => "",
            Shape::Document => ",",
        }
    }

    /// The end of the report, `any` saying whether it holds a project.
    fn end(self, tally: &Tally, any: bool) -> String {
        match self {
            Shape::Lines => jsonl::summary(tally),
            Shape::Document => format!("{}\n", json::tail(any, tally)),
            Shape::Csv { .. } => String::new(),
        }
    }
}

/// Evaluates every form and writes its piece of the report as its batch completes; the
/// problems of the run go to standard error as they are met.
pub(super) fn check(
    shape: Shape,
    run: &Run<'_>,
    collected: &mut Collected,
    jsonl: Option<Jsonl>,
    read: &mut ReadSet,
    ruleset_file: &str,
) -> Result<Status, Error> {
    let args = run.args;
    let watched = progress::watched(std::io::stderr().is_terminal(), args.quiet);
    match &args.output {
        None => refuse_stdout_over_a_form(collected)?,
        Some(path) => refuse_output_over_a_form(path, collected)?,
    }
    let mut out = Stream::open(args.output.as_deref(), read)?;
    let going = out.write(shape.head(ruleset_file, run.plan).as_bytes(), read)?;
    let mut running = Running::default();
    let coloured = colour(std::io::stderr().is_terminal());
    // Once the reader has gone (`| head`), the rest is evaluated for the exit status and
    // its failures' diagnostics, but no piece is made.
    let wanted = AtomicBool::new(going);
    let make = |result: ProjectResult| Made {
        piece: if wanted.load(Ordering::Relaxed) {
            shape.piece(&result)
        } else {
            String::new()
        },
        counted: Counted::of(&result),
        diagnostic: match &result {
            ProjectResult::Failed { error, .. } => Some(diagnostic::render(error, coloured, WIDTH)),
            ProjectResult::Evaluated(_) => None,
        },
    };
    // A JSON Lines file says how many forms it holds only at its end.
    let len = jsonl.is_none().then_some(collected.forms.len());
    let mut written = 0_usize;
    let emptied = progress::with_bar(len, watched, |bar| {
        batches::evaluate(run, collected, jsonl, read, bar, make, |batch, read| {
            // The batch's pieces in few writes: gathered up to `ONE_WRITE` bytes, a
            // larger piece written alone (not copied again beside the others).
            let mut bytes = Vec::with_capacity(batch_length(&batch, shape).min(ONE_WRITE));
            // Once the reader has gone, no write says it is back.
            let mut going = wanted.load(Ordering::Relaxed);
            for made in &batch {
                running.add(made.counted);
                if written > 0 {
                    bytes.extend_from_slice(shape.joint().as_bytes());
                }
                written += 1;
                if bytes.len() + made.piece.len() <= ONE_WRITE {
                    bytes.extend_from_slice(made.piece.as_bytes());
                    continue;
                }
                // The bar is taken off the terminal while the report is written there.
                going &= bar.suspend(|| out.write(&bytes, read))?;
                bytes.clear();
                going &= bar.suspend(|| out.write(made.piece.as_bytes(), read))?;
            }
            if !bytes.is_empty() {
                going &= bar.suspend(|| out.write(&bytes, read))?;
            }
            wanted.store(going, Ordering::Relaxed);
            for text in batch.iter().filter_map(|made| made.diagnostic.as_deref()) {
                bar.suspend(|| eprint(text));
            }
            Ok(true)
        })
    })?;
    let tally = running.tally(collected.skipped.total());
    out.write(shape.end(&tally, written > 0).as_bytes(), read)?;
    if let Some(summary) = collected.skipped.summary() {
        eprint_line(&summary);
    }
    for error in &emptied {
        eprint_diagnostic(error);
    }
    out.finish(read)?;
    if watched && tally.projects > 1 {
        eprint_line(&tally.note());
    }
    let failed = !collected.errors.is_empty() || !emptied.is_empty() || tally.failed > 0;
    Ok(match (failed, tally.errors > 0) {
        (true, _) => Status::Failure,
        (false, true) => Status::Findings,
        (false, false) => Status::Pass,
    })
}

/// The most bytes of a batch's pieces gathered into one write.
const ONE_WRITE: usize = 1 << 20;

/// The bytes of a batch's pieces and the joints between them.
fn batch_length(batch: &[Made], shape: Shape) -> usize {
    let joints = shape.joint().len() * batch.len();
    batch.iter().map(|made| made.piece.len()).sum::<usize>() + joints
}

/// Refuses standard output that is a form of the run (`>> form.toml`) before anything is
/// written: the report is written as it goes, so it would reach the form before the
/// form is read. (`--output` is written to a temporary file, and checked before the
/// rename against every file read.)
pub(super) fn refuse_stdout_over_a_form(collected: &Collected) -> Result<(), Error> {
    let found = input::stdout_file_id().and_then(|id| collected.find(&id));
    refuse_over(found, None)
}

/// The refusal of an output (`None`: standard output) that is the input `found`.
fn refuse_over(found: Option<&Path>, output: Option<&Path>) -> Result<(), Error> {
    match found {
        Some(input) => Err(Error::OverInput {
            output: output.map(Path::to_owned),
            input: input.to_owned(),
        }),
        None => Ok(()),
    }
}

/// Refuses `--output` that is a form of the run (`check a.json -o a.json`) as such, before
/// it is told that the file is no report of perfeval's (it was refused, but as
/// `over_form`, whose help is for a form the run does not read).
fn refuse_output_over_a_form(path: &Path, collected: &Collected) -> Result<(), Error> {
    // An earlier report in a folder of forms is found with them, then passed over.
    if super::output::holds_a_report(path) {
        return Ok(());
    }
    let metadata = std::fs::metadata(path).ok();
    let found = metadata.and_then(|m| collected.find(&input::FileId::of(&m, path)));
    refuse_over(found, Some(path))
}

/// Writes a rendered diagnostic on standard error; where that cannot be written, there
/// is no one to tell, and the exit status still says that the form failed.
fn eprint(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}
