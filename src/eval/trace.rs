//! What scoring did, step by step, for `perfeval explain`: recorded only when asked for
//! (an environment's `trace` is `None` in every other run), so that explaining a score
//! runs the very code that computed it instead of a second account of it.

use rust_decimal::Decimal;

use super::measure::Reading;
use crate::ir::vocab::{Comparator, RoundingMode};

/// One step of an indicator's scoring.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// How the target was read.
    Target(Reading),
    /// How the actual value (or the grade word) was read, and from which field.
    Actual {
        /// The field read.
        field: String,
        /// What it read as.
        reading: Reading,
    },
    /// A `discard` rule refused the actual value.
    Discarded,
    /// The actual is missing: the share the `missing` item gives.
    Missing {
        /// The row's explanation, if it has one.
        explanation: Option<String>,
        /// The share of the weight.
        share: Decimal,
    },
    /// The actual's unit is not the target's: nothing scored.
    UnitMismatch {
        /// The actual's unit.
        actual: String,
        /// The target's unit.
        target: String,
    },
    /// A quantitative target and an actual with no number: nothing scored.
    NotANumber,
    /// A target or actual (`field`) whose number has more significant digits than are
    /// computed with exactly: nothing scored.
    NumberTooLong {
        /// `target` or `actual`.
        field: &'static str,
    },
    /// The completion, from the class's formula for the comparator.
    Completion {
        /// The class.
        class: usize,
        /// The comparator the formula was chosen by.
        comparator: Comparator,
        /// The target and actual as the formula saw them (ratios for percentages).
        target: Decimal,
        /// See `target`.
        actual: Decimal,
        /// The completion.
        value: Decimal,
    },
    /// The class's band turned the completion into a share.
    Band {
        /// The class.
        class: usize,
        /// The full-marks band's edges.
        lower: Option<Decimal>,
        /// See `lower`.
        upper: Option<Decimal>,
        /// Which side of the band, and its deduction.
        side: Side,
        /// The share before the floor and cap.
        share: Decimal,
    },
    /// The class's `score` formula gave points.
    Formula {
        /// The class.
        class: usize,
        /// The points.
        points: Decimal,
    },
    /// A grade word matched a grade.
    Grade {
        /// The word.
        word: String,
        /// The grade's name.
        grade: String,
        /// The share of the weight (the low end, for a ranged grade).
        share: Decimal,
        /// The high end, for a ranged grade.
        up_to: Option<Decimal>,
        /// Which ends of the range are open.
        open: crate::ir::vocab::Open,
        /// Whether the target word itself counts as this grade.
        by_target: bool,
    },
    /// The score: the share of the weight, rounded, held within its bounds.
    Score {
        /// The expected weight.
        weight: Decimal,
        /// The share (`None` where a formula gave points).
        share: Option<Decimal>,
        /// Before rounding.
        raw: Decimal,
        /// The bounds it is held within, in points.
        low: Decimal,
        /// See `low`.
        high: Decimal,
        /// The rounding, where the ruleset has one.
        rounding: Option<(Decimal, RoundingMode)>,
        /// The score.
        score: Decimal,
    },
}

/// Where a completion fell against the full-marks band.
#[derive(Clone, Debug, PartialEq)]
pub enum Side {
    /// Inside it: full marks.
    Full,
    /// Below its lower edge: `rate` of the weight deducted for every `per` of distance.
    Below(Deduction),
    /// Above its upper edge.
    Above(Deduction),
}

/// A deduction for a distance from the band.
#[derive(Clone, Debug, PartialEq)]
pub struct Deduction {
    /// How far from the edge.
    pub distance: Decimal,
    /// The rate deducted per step.
    pub rate: Decimal,
    /// The step.
    pub per: Decimal,
    /// `rate × distance ÷ per`.
    pub deducted: Decimal,
}

/// A check as it ran: where it applied, and its two sides where it is a comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckRun {
    /// The check's index in the plan.
    pub check: usize,
    /// The row, for a check `for` rows.
    pub row: Option<usize>,
    /// Whether its `when` condition held (a check with none applies).
    pub applies: bool,
    /// Whether it held: `None` where a value it needs is missing.
    pub holds: Option<bool>,
    /// The left and right sides' values as the report writes them, for a comparison.
    pub sides: Option<(String, String)>,
}
