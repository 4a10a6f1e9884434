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

impl RowReading {
    /// What one row's target and actual texts read as.
    pub(crate) fn of(plan: &Plan, row: &Record) -> Self {
        RowReading {
            target: measure::read(text(row, "target"), &plan.words, &[]),
            actual: measure::read(text(row, "actual"), &plan.words, &plan.missing.markers),
        }
    }
}

/// The readings of every indicator row, in form order.
pub(crate) fn read_rows(plan: &Plan, rows: &[Record]) -> Vec<RowReading> {
    rows.iter().map(|row| RowReading::of(plan, row)).collect()
}

/// Row `i`'s readings, read here where `readings` does not hold them.
pub(crate) fn row<'r>(
    readings: &'r [RowReading],
    i: usize,
    plan: &Plan,
    row: &Record,
) -> Cow<'r, RowReading> {
    match readings.get(i) {
        Some(known) => Cow::Borrowed(known),
        None => Cow::Owned(RowReading::of(plan, row)),
    }
}
