//! What each indicator row's target and actual texts read as, read once per project.
//!
//! Classifying, scoring and every rule that reads `target` or `actual` need the same
//! reading of the same text; reading it once per row (not once per use) keeps the
//! number of times a form's text is scanned independent of the ruleset's size.

use std::borrow::Cow;

use crate::compile::Plan;
use crate::data::project::Record;

use super::classify::text;
use super::measure::{self, Reading};

/// One row's readings.
#[derive(Clone, Debug)]
pub(crate) struct RowReading {
    /// The target, where no text means "no value" (a marker is a word here).
    pub target: Reading,
    /// The actual value, the ruleset's markers meaning "no value".
    pub actual: Reading,
}

/// The readings of every indicator row, in form order.
pub(crate) fn read_rows(plan: &Plan, rows: &[Record]) -> Vec<RowReading> {
    rows.iter()
        .map(|row| RowReading {
            target: measure::read(text(row, "target"), &plan.words, &[]),
            actual: measure::read(text(row, "actual"), &plan.words, &plan.missing.markers),
        })
        .collect()
}

/// Row `i`'s target, read here where `readings` does not hold it.
pub(crate) fn target<'r>(
    readings: &'r [RowReading],
    i: usize,
    plan: &Plan,
    row: &Record,
) -> Cow<'r, Reading> {
    match readings.get(i) {
        Some(r) => Cow::Borrowed(&r.target),
        None => Cow::Owned(measure::read(text(row, "target"), &plan.words, &[])),
    }
}

/// Row `i`'s actual value, read here where `readings` does not hold it.
pub(crate) fn actual<'r>(
    readings: &'r [RowReading],
    i: usize,
    plan: &Plan,
    row: &Record,
) -> Cow<'r, Reading> {
    match readings.get(i) {
        Some(r) => Cow::Borrowed(&r.actual),
        None => Cow::Owned(measure::read(
            text(row, "actual"),
            &plan.words,
            &plan.missing.markers,
        )),
    }
}
