//! `check --format jsonl`: the report written batch by batch as the forms are evaluated
//! (`report::jsonl` says what each line holds), the run counted as it goes, so that
//! memory stays flat in the number of forms. Written to `--output` through a temporary
//! file renamed into place at the end, as every report is.

use std::io::IsTerminal;
use std::path::Path;

use crate::Error;
use crate::input;
use crate::report::diagnostic;
use crate::report::json::ProjectResult;
use crate::report::jsonl::{self, Counted, Running};

use super::batches::{self, Jsonl};
use super::inputs::{Collected, ReadSet};
use super::output::Stream;
use super::{Run, Status, WIDTH, colour, eprint_diagnostic, eprint_line, progress};

/// What the report keeps of a result, made on the worker that evaluated it: its line,
/// what it counts for, and for a form that failed, its diagnostic for standard error.
struct Made {
    line: String,
    counted: Counted,
    diagnostic: Option<String>,
}

/// Evaluates every form and writes its line as its batch completes; the problems of
/// the run go to standard error as they are met.
pub(super) fn check(
    run: &Run<'_>,
    collected: &mut Collected,
    jsonl: Option<Jsonl>,
    read: &mut ReadSet,
    ruleset_file: &str,
) -> Result<Status, Error> {
    let args = run.args;
    let watched = progress::watched(std::io::stderr().is_terminal(), args.quiet);
    if args.output.is_none() {
        refuse_stdout_over_a_form(collected)?;
    }
    let mut out = Stream::open(args.output.as_deref(), read)?;
    let mut going = out.write(jsonl::header(ruleset_file, run.plan).as_bytes(), read)?;
    let mut running = Running::default();
    let coloured = colour(std::io::stderr().is_terminal());
    let make = |result: ProjectResult| Made {
        line: jsonl::project(&result),
        counted: Counted::of(&result),
        diagnostic: match &result {
            ProjectResult::Failed { error, .. } => Some(diagnostic::render(error, coloured, WIDTH)),
            ProjectResult::Evaluated(_) => None,
        },
    };
    // A JSON Lines file says how many forms it holds only at its end.
    let len = jsonl.is_none().then_some(collected.forms.len());
    let emptied = progress::with_bar(len, watched && going, |bar| {
        if !going {
            return Ok(Vec::new());
        }
        batches::evaluate(run, collected, jsonl, read, bar, make, |batch, read| {
            // The batch's lines in one write, allocated once at their length.
            let mut bytes = Vec::with_capacity(batch.iter().map(|made| made.line.len()).sum());
            for made in &batch {
                running.add(made.counted);
                bytes.extend_from_slice(made.line.as_bytes());
            }
            going = out.write(&bytes, read)?;
            for text in batch.iter().filter_map(|made| made.diagnostic.as_deref()) {
                bar.suspend(|| eprint(text));
            }
            Ok(going)
        })
    })?;
    let tally = running.tally(collected.skipped.total());
    if going {
        out.write(jsonl::summary(&tally).as_bytes(), read)?;
    }
    if let Some(summary) = collected.skipped.summary() {
        eprint_line(&summary);
    }
    for error in &emptied {
        eprint_diagnostic(error);
    }
    out.finish(read)?;
    if watched && tally.projects > 1 {
        eprint_line(&tally.line());
    }
    let failed = !collected.errors.is_empty() || !emptied.is_empty() || tally.failed > 0;
    Ok(match (failed, tally.errors > 0) {
        (true, _) => Status::Failure,
        (false, true) => Status::Findings,
        (false, false) => Status::Pass,
    })
}

/// Refuses standard output that is a form of the run (`>> form.toml`) before anything is
/// written: the report is written as it goes, so it would reach the form before the
/// form is read. (`--output` is written to a temporary file, and checked before the
/// rename against every file read.)
fn refuse_stdout_over_a_form(collected: &Collected) -> Result<(), Error> {
    let found = input::stdout_file_id().and_then(|id| collected.find(&id).map(Path::to_owned));
    match found {
        Some(input) => Err(Error::OverInput {
            output: None,
            input,
        }),
        None => Ok(()),
    }
}

/// Writes a rendered diagnostic on standard error; where that cannot be written, there
/// is no one to tell, and the exit status still says that the form failed.
fn eprint(text: &str) {
    use std::io::Write;
    let _ = std::io::stderr().write_all(text.as_bytes());
}
