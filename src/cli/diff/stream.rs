//! `diff --format csv` and `--format jsonl`: reports whose forms' pieces follow one
//! another with nothing before them that depends on the forms, written batch by batch
//! as the forms are compared. The run is summed up as it goes ([`Summing`]) and a form
//! is dropped once written, so that a province's forms take the memory of a batch of
//! them. Written to `--output` through a temporary file renamed into place at the end,
//! as every report is.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::Error;
use crate::diff::{FormDiff, Summary, Summing};
use crate::report::diff::{csv, json};

use super::super::batches::{self, Jsonl};
use super::super::inputs::{Collected, ReadSet};
use super::super::output::Stream;
use super::super::progress;
use super::super::stream::refuse_stdout_over_a_form;
use super::{DiffFormat, DiffRun, Ran, eprint_failed, eprint_problems};

/// A diff report written as it is made.
#[derive(Clone, Copy)]
pub(super) enum Shape {
    /// `--format csv`: the columns' names, then each form's rows (one with `summary`).
    Csv { summary: bool },
    /// `--format jsonl`: a header line, a line a form, the summary line.
    Lines,
}

impl Shape {
    /// The shape of the run's format, where it is written as it is made.
    pub(super) fn of(args: &super::DiffArgs) -> Option<Shape> {
        match args.format() {
            DiffFormat::Csv => Some(Shape::Csv {
                summary: args.summary,
            }),
            DiffFormat::Jsonl => Some(Shape::Lines),
            DiffFormat::Table | DiffFormat::Json => None,
        }
    }

    fn head(self, run: &DiffRun<'_>) -> String {
        match self {
            Shape::Csv { summary } => csv::head(summary),
            Shape::Lines => json::header_line(&run.rulesets, run.comparing.changes),
        }
    }

    fn piece(self, form: &FormDiff) -> String {
        match self {
            Shape::Csv { summary } => csv::form_piece(form, summary),
            Shape::Lines => json::form_line(form),
        }
    }

    /// The end of the report, once the run is summed up: nothing after a CSV's rows.
    fn end(self, summary: &Summary, skipped: usize) -> String {
        match self {
            Shape::Csv { .. } => String::new(),
            Shape::Lines => json::summary_line(summary, skipped),
        }
    }
}

/// Compares every form and writes its piece of the report as its batch completes; a
/// form that could not be evaluated is said on standard error as its batch is written.
pub(super) fn diff(
    run: &DiffRun<'_>,
    shape: Shape,
    collected: &mut Collected,
    jsonl: Option<Jsonl>,
    read: &mut ReadSet,
) -> Result<Ran, Error> {
    if run.args.output.is_none() {
        refuse_stdout_over_a_form(collected)?;
    }
    let mut out = Stream::open(run.args.output.as_deref(), read)?;
    let going = out.write(shape.head(run).as_bytes(), read)?;
    let mut summing = Summing::default();
    // A JSON Lines file says how many forms it holds only at its end.
    let len = jsonl.is_none().then_some(collected.forms.len());
    // Once the reader has gone (`| head`), the rest is compared for the exit status and
    // its failures' diagnostics, but no piece is made.
    let wanted = AtomicBool::new(going);
    let emptied = progress::with_bar(len, run.watched, |bar| {
        // The piece is made on the worker that compared the form; the form is kept
        // only until it is summed up.
        let make = |form: FormDiff| {
            let piece = if wanted.load(Ordering::Relaxed) {
                shape.piece(&form)
            } else {
                String::new()
            };
            (piece, form)
        };
        batches::evaluate(
            &run.comparing,
            collected,
            jsonl,
            read,
            bar,
            make,
            |batch, read| {
                let length = batch.iter().map(|(piece, _)| piece.len()).sum();
                let mut bytes = Vec::with_capacity(length);
                for (piece, form) in &batch {
                    bytes.extend_from_slice(piece.as_bytes());
                    summing.add(form);
                }
                // The bar is taken off the terminal while the report is written there.
                let going = bar.suspend(|| out.write(&bytes, read))?;
                wanted.store(going, Ordering::Relaxed);
                for (_, form) in batch.iter().filter(|(_, form)| form.failed()) {
                    bar.suspend(|| eprint_failed(form, run.rulesets));
                }
                Ok(true)
            },
        )
    })?;
    let summary = summing.summary(run.plans());
    out.write(
        shape.end(&summary, collected.skipped.total()).as_bytes(),
        read,
    )?;
    eprint_problems(
        &collected.skipped,
        &emptied,
        run.rulesets,
        std::iter::empty(),
    );
    out.finish(read)?;
    Ok(Ran {
        summary,
        emptied: emptied.len(),
    })
}
