//! What evaluating one project gives: each indicator's weight and score, the total,
//! and every finding.

use std::sync::Arc;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::finding::Finding;
use crate::ir::vocab::Severity;
use crate::ir::{Computed, PoolField};
use crate::source::SourceFile;
use crate::value::{Num, Scalar, Unit, Value};

/// The evaluation of one project.
///
/// It serializes (serde) with the project file's name in place of the file, and every
/// number as a decimal string (`"88.50"`), never a float.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Outcome {
    /// The project file, for locating findings.
    #[serde(rename = "file", serialize_with = "file_name")]
    pub source: SourceFile,
    /// The project's name, where the form gives one.
    pub name: Option<String>,
    /// One entry per indicator row, in form order.
    pub indicators: Vec<IndicatorOutcome>,
    /// The sum of the indicators' rounded scores and the lines, after adjustments.
    pub total: Decimal,
    /// Points scored outside the indicator table: key, label, score.
    pub lines: Vec<(String, String, Decimal)>,
    /// The rating of the total, where the ruleset has one.
    pub rating: Option<String>,
    /// The most points a project can score, where the ruleset says.
    pub max_score: Option<Decimal>,
    /// Every finding, in the order of the project file.
    pub findings: Vec<Finding>,
    /// The form's own header as filled in, for a printed report; empty unless the caller
    /// fills it (the CLI does for the HTML page), and never in JSON.
    #[serde(skip)]
    pub header: Vec<HeaderSection>,
}

/// One record section of the form as filled in: its label and its fields' labels and
/// values, as a report shows them (`项目基本情况`: `项目名称` 电子政务项目建设资金, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderSection {
    /// The section's label.
    pub label: String,
    /// Each filled field's label and value, in the form's order.
    pub fields: Vec<(String, String)>,
}

/// An outcome's file, serialized as its name.
fn file_name<S: serde::Serializer>(source: &SourceFile, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(source.name())
}

impl Outcome {
    /// Whether any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// A text evaluation keeps for each row: its outcome's category, name, target and
/// value, a reading's unit and word. Most are short enough to be held inline, so that a
/// form is not a hundred small allocations.
pub type Text = compact_str::CompactString;

/// One indicator row as evaluated.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct IndicatorOutcome {
    /// The canonical category, or the label as written where it is unknown.
    pub category: Text,
    /// The indicator's name.
    pub name: Text,
    /// The target as written.
    pub target: Text,
    /// The actual value as written, where given.
    pub actual: Option<Text>,
    /// The weight the form declares, where it does.
    pub weight: Option<Decimal>,
    /// What scoring computed.
    pub state: RowState,
    /// The self score the form declares, where it does.
    pub self_score: Option<Decimal>,
}

/// What evaluation knows of one pool.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct PoolState<'p> {
    /// The pool's name, the plan's.
    pub name: &'p str,
    /// Its points for this project.
    pub points: Option<Decimal>,
    /// The sum of its members' declared weights.
    pub weight: Decimal,
    /// The sum of its members' expected weights.
    pub expected_weight: Decimal,
    /// The sum of its members' scores.
    pub score: Decimal,
    /// How many recognised rows it has.
    pub count: usize,
}

impl PoolState<'_> {
    /// The value a ruleset expression sees for a pool value.
    #[must_use]
    pub fn field(&self, field: PoolField) -> Value {
        self.field_scalar(field).to_value()
    }

    /// One of its values as operators read it, its name borrowed.
    pub(crate) fn field_scalar(&self, field: PoolField) -> Scalar<'_> {
        let points = |d: Decimal| Scalar::Num(Num::new(d, Unit::Points));
        match field {
            PoolField::Name => Scalar::Text(self.name),
            PoolField::Points => self.points.map_or(Scalar::Null, points),
            PoolField::Weight => points(self.weight),
            PoolField::ExpectedWeight => points(self.expected_weight),
            PoolField::Score => points(self.score),
            PoolField::Count => Scalar::Num(Num::new(Decimal::from(self.count), Unit::Scalar)),
        }
    }
}

/// What scoring computes for one indicator row.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct RowState {
    /// The canonical category, where the label is known.
    pub category: Option<usize>,
    /// Whether the row belongs to the policy.
    pub recognized: bool,
    /// The weight the policy gives it.
    pub expected_weight: Option<Decimal>,
    /// The computed score, rounded as the ruleset says.
    pub score: Decimal,
    /// The completion ratio of a quantitative indicator.
    pub completion: Option<Decimal>,
    /// Whether the target is quantitative.
    pub quantitative: bool,
    /// Whether the actual value counts as missing.
    pub missing: bool,
    /// The grade of a qualitative indicator. (Shared text: the states of every row are
    /// copied at each step of scoring, and a copy should not copy texts.)
    pub grade: Option<Arc<str>>,
    /// The unit of a quantitative target.
    pub unit: Option<Arc<str>>,
    /// The class that scores it, where it is quantitative.
    pub class: Option<usize>,
    /// Where that class comes from.
    pub class_from: ClassFrom,
}

/// Where a row's class comes from: the catalog, the form's `class` column, or its
/// category.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClassFrom {
    /// Its category's `scored_by`.
    #[default]
    Category,
    /// Its catalog entry's `scored_by`.
    Catalog,
    /// The word its `class` field writes: a class's name or label.
    Form,
    /// Its `class` field writes a word that names no class: its category's class scores
    /// it, and `unknown-class` says so.
    Unknown,
}

impl RowState {
    /// The value a ruleset expression sees for a computed name.
    #[must_use]
    pub fn computed(&self, c: Computed) -> Value {
        match c {
            // The row's own text, shared rather than copied.
            Computed::Grade => self.grade.clone().map_or(Value::Null, Value::Text),
            Computed::Unit => self.unit.clone().map_or(Value::Null, Value::Text),
            _ => self.computed_scalar(c).to_value(),
        }
    }

    /// One computed value as operators read it, its text borrowed.
    pub(crate) fn computed_scalar(&self, c: Computed) -> Scalar<'_> {
        let num = |d: Decimal, unit| Scalar::Num(Num::new(d, unit));
        let points = |d: Option<Decimal>| d.map_or(Scalar::Null, |d| num(d, Unit::Points));
        match c {
            Computed::Category => self.category.map_or(Scalar::Null, Scalar::Category),
            Computed::Recognized => Scalar::Bool(self.recognized),
            Computed::ExpectedWeight => points(self.expected_weight),
            Computed::Score => points(Some(self.score)),
            Computed::Completion => self
                .completion
                .map_or(Scalar::Null, |c| num(c, Unit::Percent)),
            Computed::Quantitative => Scalar::Bool(self.quantitative),
            Computed::Missing => Scalar::Bool(self.missing),
            Computed::Grade => self.grade.as_deref().map_or(Scalar::Null, Scalar::Text),
            Computed::Unit => self.unit.as_deref().map_or(Scalar::Null, Scalar::Text),
        }
    }
}

/// The mean, lowest and highest of some totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    /// The mean, rounded to 0.01 for display.
    pub mean: Decimal,
    /// The lowest.
    pub min: Decimal,
    /// The highest.
    pub max: Decimal,
}

impl Spread {
    /// The spread of some totals; `None` for none, or where their sum passes what a
    /// decimal holds (a ruleset's `max_score` may be anything).
    pub(crate) fn of(totals: impl Iterator<Item = Decimal>) -> Option<Spread> {
        let mut spreading = Spreading::default();
        for total in totals {
            spreading.add(total);
        }
        spreading.spread()
    }
}

/// A [`Spread`] taken as the numbers go by, each forgotten once added: what a run of a
/// million forms counts without holding them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spreading {
    count: u64,
    sum: Decimal,
    /// The sum passed what a decimal holds: no spread.
    overflow: bool,
    min: Option<Decimal>,
    max: Option<Decimal>,
}

impl Spreading {
    /// Adds one number.
    pub fn add(&mut self, number: Decimal) {
        self.count += 1;
        match self.sum.checked_add(number) {
            Some(sum) => self.sum = sum,
            None => self.overflow = true,
        }
        self.min = Some(self.min.map_or(number, |m| m.min(number)));
        self.max = Some(self.max.map_or(number, |m| m.max(number)));
    }

    /// The spread of the numbers added: `None` for none, or past what a decimal holds.
    #[must_use]
    pub fn spread(&self) -> Option<Spread> {
        if self.overflow {
            return None;
        }
        let mean = self
            .sum
            .checked_div(Decimal::from(self.count))?
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        Some(Spread {
            mean,
            min: self.min?,
            max: self.max?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_spread_rounds_only_the_mean() {
        let spread = Spread::of([d("60.00"), d("80.00"), d("89.27")].into_iter()).unwrap();
        assert_eq!(spread.mean, d("76.42"));
        assert_eq!((spread.min, spread.max), (d("60.00"), d("89.27")));
        assert_eq!(Spread::of(std::iter::empty()), None);
    }

    #[test]
    fn a_spread_that_passes_a_decimal_is_left_out() {
        assert_eq!(Spread::of([Decimal::MAX, Decimal::MAX].into_iter()), None);
    }
}
