//! `check --format jsonl`: the report written batch by batch as the forms are evaluated
//! (`report::jsonl` says what each line holds), the run counted as it goes, so that
//! memory stays flat in the number of forms. Written to `--output` through a temporary
//! file renamed into place at the end, as every report is.

use std::io::IsTerminal;
use std::path::Path;

use crate::Error;
use crate::input;
use crate::report::json::ProjectResult;
use crate::report::jsonl::{self, Running};

use super::batches::{self, Jsonl};
use super::inputs::{Collected, ReadSet};
use super::output::Stream;
use super::{Run, Status, eprint_diagnostic, eprint_line, progress};

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
    // A JSON Lines file says how many forms it holds only at its end.
    let len = jsonl.is_none().then_some(collected.forms.len());
    let emptied = progress::with_bar(len, watched && going, |bar| {
        if !going {
            return Ok(Vec::new());
        }
        batches::evaluate(
            run,
            collected,
            jsonl,
            read,
            bar,
            jsonl::project,
            |batch, read| {
                let mut bytes = Vec::new();
                for (result, line) in &batch {
                    running.add(result);
                    bytes.extend_from_slice(line.as_bytes());
                }
                going = out.write(&bytes, read)?;
                for (result, _) in &batch {
                    if let ProjectResult::Failed { error, .. } = result {
                        bar.suspend(|| eprint_diagnostic(error));
                    }
                }
                Ok(going)
            },
        )
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
