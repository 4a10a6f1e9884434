//! The JSON Lines report of `perfeval check --format jsonl`: one compact JSON object a
//! line, written as the projects are evaluated, so that a run of a million forms never
//! holds more than a batch of them.
//!
//! - The first line is the header: `{"perfeval_report":1,"format":"jsonl","ruleset":{…}}`.
//!   Its first key marks the file as a report, as the JSON document's does, so a folder
//!   walk skips it whatever it is named.
//! - Then one line per project, in input order: the same object as that project in the
//!   JSON document's `projects` (shared/spec/cli.md).
//! - The last line is the run counted, `{"summary":{"projects":…}}`: a file without it
//!   was cut short.

use std::cell::RefCell;

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::eval::outcome::Spreading;

use super::batch::{Standing, Tally};
use super::json::write::Writer;
use super::json::{self, MARKER, ProjectResult};

/// The first line, with its line break.
#[must_use]
pub fn header(ruleset_file: &str, plan: &Plan) -> String {
    line(|w| {
        w.open_object();
        w.key(MARKER);
        w.uint(1);
        w.key("format");
        w.str("jsonl");
        w.key("ruleset");
        json::ruleset(w, ruleset_file, plan);
        w.close_object();
    })
}

/// A project's line, with its line break.
#[must_use]
pub fn project(result: &ProjectResult) -> String {
    line(|w| json::project(w, result))
}

/// The last line: the run counted, and the spread of the totals where a project was
/// evaluated (decimal strings, as everywhere).
#[must_use]
pub fn summary(tally: &Tally) -> String {
    line(|w| {
        w.open_object();
        w.key("summary");
        summary_object(w, tally);
        w.close_object();
    })
}

/// The run counted, as an object: projects by standing, files skipped, the spread of the
/// totals. The summary line of JSON Lines, and the `summary` of the JSON document.
pub(super) fn summary_object(w: &mut Writer<'_>, tally: &Tally) {
    w.open_object();
    for (key, count) in [
        ("projects", tally.projects),
        ("clean", tally.clean),
        ("errors", tally.errors),
        ("warnings", tally.warnings),
        ("failed", tally.failed),
        ("skipped", tally.skipped),
    ] {
        w.key(key);
        w.uint(count);
    }
    w.key("totals");
    match &tally.totals {
        Some(spread) => {
            w.open_object();
            for (key, value) in [
                ("mean", spread.mean),
                ("min", spread.min),
                ("max", spread.max),
            ] {
                w.key(key);
                w.decimal(value);
            }
            w.close_object();
        }
        None => w.null(),
    }
    w.close_object();
}

thread_local! {
    /// Each thread's scratch line: a line is written into it and copied out at its
    /// exact length, so that a run of many lines allocates each one once instead of
    /// growing each from empty.
    static SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The most a thread's scratch line keeps between lines, in bytes.
const SCRATCH_KEPT: usize = 1 << 20;

/// One compact line written by `write`, with its line break.
fn line(write: impl FnOnce(&mut Writer<'_>)) -> String {
    SCRATCH.with_borrow_mut(|scratch| {
        scratch.clear();
        write(&mut Writer::new(scratch, false));
        scratch.push('\n');
        let line = scratch.as_str().to_owned();
        // A form of a hundred thousand rows makes a line of megabytes: the scratch
        // does not keep that much for the rest of the run.
        if scratch.capacity() > SCRATCH_KEPT {
            *scratch = String::new();
        }
        line
    })
}

/// What the count of a run needs of a result: where it stands, and its total.
#[derive(Clone, Copy, Debug)]
pub struct Counted {
    standing: Standing,
    total: Option<Decimal>,
}

impl Counted {
    /// What a result counts for.
    #[must_use]
    pub fn of(result: &ProjectResult) -> Counted {
        let total = match result {
            ProjectResult::Evaluated(outcome) => Some(outcome.total),
            ProjectResult::Failed { .. } => None,
        };
        Counted {
            standing: Standing::of_result(result),
            total,
        }
    }
}

/// A run counted as its results go by, each dropped once counted: the [`Tally`] of
/// [`Tally::of`] without holding the results.
#[derive(Debug, Default)]
pub struct Running {
    tally: Tally,
    totals: Spreading,
}

impl Running {
    /// Counts one result.
    pub fn add(&mut self, counted: Counted) {
        let tally = &mut self.tally;
        tally.projects += 1;
        match counted.standing {
            Standing::Clean => tally.clean += 1,
            Standing::Errors => tally.errors += 1,
            Standing::Warnings => tally.warnings += 1,
            Standing::Failed => tally.failed += 1,
        }
        if let Some(total) = counted.total {
            self.totals.add(total);
        }
    }

    /// The tally so far, with the files skipped.
    #[must_use]
    pub fn tally(&self, skipped: usize) -> Tally {
        Tally {
            skipped,
            totals: self.totals.spread(),
            ..self.tally.clone()
        }
    }
}
