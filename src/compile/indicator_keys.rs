//! The fields of the indicator rows that the engine reads by itself, not through an
//! expression of the ruleset (a row's name, category, target, actual, weight, self
//! score, explanation and class): each with its slot in the plan's form, so that a row
//! validated against that form is read without a search.

use rust_decimal::Decimal;

use crate::data::project::{Datum, Field, FieldKey, Record};
use crate::data::schema::{FormSchema, Stamp};
use crate::ir::FieldRead;
use crate::ir::vocab::INDICATORS;

/// The keys of the two fields read from a row's readings (see
/// [`IndicatorKeys::read_once`]).
const ACTUAL: &str = "actual";
const TARGET: &str = "target";

/// One such field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RowKey {
    key: FieldKey<'static>,
    /// The stamp of the form `key`'s slot is of.
    stamp: Stamp,
}

impl RowKey {
    fn new(form: &FormSchema, key: &'static str) -> Self {
        let slot = form
            .section(INDICATORS)
            .and_then(|s| s.slot(key))
            .unwrap_or(usize::MAX);
        RowKey {
            key: FieldKey { key, slot },
            stamp: form.stamp(),
        }
    }

    /// The field in `row`, if present.
    #[inline]
    pub(crate) fn get(self, row: &Record) -> Option<&Field> {
        row.get_at(self.key, self.stamp)
    }

    /// The field's text in `row`, where it holds one.
    #[inline]
    pub(crate) fn text(self, row: &Record) -> Option<&str> {
        match self.get(row).map(|f| &f.value) {
            Some(Datum::Text(t)) => Some(t),
            _ => None,
        }
    }

    /// The field's number in `row`, where it holds one.
    #[inline]
    pub(crate) fn decimal(self, row: &Record) -> Option<Decimal> {
        match self.get(row).map(|f| &f.value) {
            Some(Datum::Decimal(d)) => Some(*d),
            _ => None,
        }
    }
}

/// Which of an indicator row's fields is read from the row's readings, made once for
/// all rows, rather than from its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReadOnce {
    /// The actual value.
    Actual,
    /// The target, read as a measure.
    Target,
}

/// The indicator rows' fields the engine reads by itself.
#[derive(Clone, Copy, Debug)]
pub(crate) struct IndicatorKeys {
    pub category: RowKey,
    pub name: RowKey,
    pub target: RowKey,
    pub actual: RowKey,
    pub weight: RowKey,
    pub self_score: RowKey,
    pub explanation: RowKey,
    pub class: RowKey,
}

impl IndicatorKeys {
    /// The fields with their slots in `form`, read by slot from records validated
    /// against it.
    pub(crate) fn of(form: &FormSchema) -> Self {
        let key = |name| RowKey::new(form, name);
        IndicatorKeys {
            category: key("category"),
            name: key("name"),
            target: key(TARGET),
            actual: key(ACTUAL),
            weight: key("weight"),
            self_score: key("self_score"),
            explanation: key("explanation"),
            class: key("class"),
        }
    }

    /// Whether `field` of an indicator row is read from the row's readings: the actual
    /// value, and the target where it reads as a measure. Told by key (a comparison with
    /// a constant the compiler unrolls), which holds whatever form the slot is of.
    #[inline]
    pub(crate) fn read_once(field: FieldKey<'_>, read: FieldRead) -> Option<ReadOnce> {
        if field.key == ACTUAL {
            Some(ReadOnce::Actual)
        } else if field.key == TARGET && read == FieldRead::Measure {
            Some(ReadOnce::Target)
        } else {
            None
        }
    }
}
