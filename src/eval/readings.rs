//! What each indicator row's target and actual texts read as, read once per project.
//!
//! Classifying, scoring and every rule that reads `target` or `actual` need the same
//! reading of the same text; reading it once per row (not once per use) keeps the
//! number of times a form's text is scanned independent of the ruleset's size.

use std::borrow::Cow;

use crate::compile::{IndicatorKeys, Plan};
use crate::data::project::Record;

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
        let keys = &plan.indicator_keys;
        Self::from_texts(plan, keys.target.text(row), keys.actual.text(row))
    }

    /// What a target and an actual text read as.
    fn from_texts(plan: &Plan, target: Option<&str>, actual: Option<&str>) -> Self {
        RowReading {
            target: measure::read(target, &plan.words, &[]),
            actual: measure::read(actual, &plan.words, &plan.missing.markers),
        }
    }
}

/// The texts of an indicator row that several steps read (classifying, reading the
/// target and actual, the outcome), looked up in the row once rather than by each step
/// (a row is searched for a field by its name).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowTexts<'r> {
    pub category: Option<&'r str>,
    pub name: Option<&'r str>,
    pub target: Option<&'r str>,
    pub actual: Option<&'r str>,
}

impl<'r> RowTexts<'r> {
    pub(crate) fn of(keys: &IndicatorKeys, row: &'r Record) -> Self {
        RowTexts {
            category: keys.category.text(row),
            name: keys.name.text(row),
            target: keys.target.text(row),
            actual: keys.actual.text(row),
        }
    }
}

/// The texts of every indicator row, in form order.
pub(crate) fn texts_of<'r>(plan: &Plan, rows: &'r [Record]) -> Vec<RowTexts<'r>> {
    let keys = &plan.indicator_keys;
    rows.iter().map(|row| RowTexts::of(keys, row)).collect()
}

/// The readings of every indicator row, in form order, from the rows' texts.
pub(crate) fn read_rows(plan: &Plan, texts: &[RowTexts<'_>]) -> Vec<RowReading> {
    texts
        .iter()
        .map(|t| RowReading::from_texts(plan, t.target, t.actual))
        .collect()
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
