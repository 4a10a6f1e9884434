//! A line of the JSON Lines file of `diff --jsonl` (a province's forms as one file, one
//! project a line), scored under both rulesets and compared; the file is read a batch
//! of lines at a time, as `check --jsonl` reads it (`cli::batches`).

use std::sync::Arc;

use crate::Error;
use crate::data::{self, Format};
use crate::diff::{Changes, Evaluation, FormDiff, Pair};

use super::super::Run;
use super::super::batches;
use super::super::lines::Line;

/// One line of the file `file`: a JSON project named `file:line`, loaded once where both
/// rulesets' forms are the same, and scored under each.
pub(super) fn compare_line(
    runs: &Pair<Run<'_>>,
    changes: &Changes,
    file: &str,
    line: Line,
) -> FormDiff {
    let plans = Pair {
        old: runs.old.plan,
        new: runs.new.plan,
    };
    let (number, bytes) = match line {
        Line::Text { number, bytes } => (number, bytes),
        Line::TooLong { number } => {
            let limit = runs.old.args.max_file_size;
            let error = Arc::new(batches::line_too_large(file, number, limit));
            let results = Pair {
                old: Err(Arc::clone(&error)),
                new: Err(error),
            };
            return FormDiff::of(changes, plans, format!("{file}:{number}"), results);
        }
    };
    let evaluate = |run: &Run<'_>, loaded: &Result<data::project::Project, Arc<Error>>| {
        let project = loaded.as_ref().map_err(Arc::clone)?;
        run.evaluate_project(project).map_err(Arc::new)
    };
    let load = |run: &Run<'_>| {
        data::load_line(file, number, &bytes, Format::Json, &run.plan.form)
            .map_err(|e| Arc::new(Error::from(e)))
    };
    let results: Pair<Evaluation> = if plans.old.form == plans.new.form {
        let loaded = load(&runs.old);
        Pair {
            old: evaluate(&runs.old, &loaded),
            new: evaluate(&runs.new, &loaded),
        }
    } else {
        Pair {
            old: evaluate(&runs.old, &load(&runs.old)),
            new: evaluate(&runs.new, &load(&runs.new)),
        }
    };
    FormDiff::of(changes, plans, format!("{file}:{number}"), results).slimmed()
}
