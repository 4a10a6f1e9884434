//! Values of the ruleset language and their checked arithmetic.
//!
//! Numbers are exact decimals that carry a unit (points, percent, amount or none).
//! Every operation is checked: an overflow or a division by zero is an
//! [`ArithError`], never a panic or a wrong number. Units were checked by `check`;
//! here they only decide how a result is shown.

use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::ir::vocab::RoundingMode;

mod digits;
pub(crate) mod exact;
mod places;
#[cfg(test)]
mod samples;

pub(crate) use places::{is_one, is_share};

/// The unit a number carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    /// A plain number.
    Scalar,
    /// A percentage, stored as its ratio (5% is 0.05).
    Percent,
    /// Points of weight or score.
    Points,
    /// Money.
    Amount,
}

impl Unit {
    /// Whether the unit has a dimension (points or money), as opposed to a ratio.
    #[must_use]
    pub fn is_dimensional(self) -> bool {
        matches!(self, Unit::Points | Unit::Amount)
    }
}

/// A number with its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Num {
    /// The exact value; percentages are ratios.
    pub value: Decimal,
    /// How it is measured.
    pub unit: Unit,
}

impl Num {
    /// A number in a unit.
    #[must_use]
    pub fn new(value: Decimal, unit: Unit) -> Self {
        Num { value, unit }
    }
}

impl Num {
    /// Writes the number as a message shows it (its `Display`): a percentage as points
    /// with a `%`, anything else, with the decimals it has: `94.00%` as the form wrote
    /// it, not `94%`, since a check may count the decimals written.
    pub(crate) fn write_to(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self.unit {
            Unit::Percent => match self.value.checked_mul(Decimal::ONE_HUNDRED) {
                Some(mut points) => {
                    // A ratio's two last decimals are whole points: 0.9400 is 94.00%.
                    points.rescale(self.value.scale().saturating_sub(2));
                    digits::write_decimal(out, points)?;
                    out.write_char('%')
                }
                None => digits::write_decimal(out, self.value),
            },
            Unit::Scalar | Unit::Points | Unit::Amount => digits::write_decimal(out, self.value),
        }
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// A set of rows of one rows section, by index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowSet {
    /// The section's key.
    pub section: Arc<str>,
    /// Row indices in file order.
    pub rows: Vec<usize>,
}

/// A value of the ruleset language.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// No value: an optional field left out, a measure that is not a number.
    Null,
    /// A number.
    Num(Num),
    /// A boolean.
    Bool(bool),
    /// A text.
    Text(Arc<str>),
    /// A date.
    Date(Date),
    /// A category of the ruleset, by index.
    Category(usize),
    /// Rows of a rows section.
    Rows(RowSet),
    /// A list of values (a projection of rows).
    List(Vec<Value>),
    /// One row of a rows section: its key and index.
    Row(Arc<str>, usize),
}

impl Value {
    /// A number in a unit.
    #[must_use]
    pub fn num(value: Decimal, unit: Unit) -> Self {
        Value::Num(Num::new(value, unit))
    }

    /// The number, if this is one.
    #[must_use]
    pub fn as_num(&self) -> Option<Num> {
        match self {
            Value::Num(n) => Some(*n),
            _ => None,
        }
    }
}

/// A value as operators read it: one thing, its text borrowed. Comparing a form's
/// text with a constant reads both in place, where a [`Value`] would copy the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Scalar<'v> {
    /// No value.
    Null,
    /// A number.
    Num(Num),
    /// A boolean.
    Bool(bool),
    /// A text.
    Text(&'v str),
    /// A date.
    Date(Date),
    /// A category, by index.
    Category(usize),
    /// Rows, a list or a row: no operator reads them.
    Collection,
}

impl Value {
    /// The value as operators read it.
    pub(crate) fn scalar(&self) -> Scalar<'_> {
        match self {
            Value::Null => Scalar::Null,
            Value::Num(n) => Scalar::Num(*n),
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Text(t) => Scalar::Text(t),
            Value::Date(d) => Scalar::Date(*d),
            Value::Category(c) => Scalar::Category(*c),
            Value::Rows(_) | Value::List(_) | Value::Row(..) => Scalar::Collection,
        }
    }
}

impl Scalar<'_> {
    /// The value it reads, its text copied. Only values read from a form, a plan or a
    /// row's state are made into values this way, and none of them is a collection.
    pub(crate) fn to_value(self) -> Value {
        match self {
            Scalar::Null | Scalar::Collection => Value::Null,
            Scalar::Num(n) => Value::Num(n),
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Text(t) => Value::Text(t.into()),
            Scalar::Date(d) => Value::Date(d),
            Scalar::Category(c) => Value::Category(c),
        }
    }

    /// The same scalar where it borrows nothing; `None` for a text.
    pub(crate) fn owned<'x>(self) -> Option<Scalar<'x>> {
        Some(match self {
            Scalar::Text(_) => return None,
            Scalar::Null => Scalar::Null,
            Scalar::Num(n) => Scalar::Num(n),
            Scalar::Bool(b) => Scalar::Bool(b),
            Scalar::Date(d) => Scalar::Date(d),
            Scalar::Category(c) => Scalar::Category(c),
            Scalar::Collection => Scalar::Collection,
        })
    }
}

/// Why arithmetic could not give a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// The result is beyond what a decimal holds.
    Overflow,
    /// A division by zero.
    DivisionByZero,
    /// A rounding step of zero or less (`round(x, 0 - 1)`): no division is written, so
    /// it is not called one.
    InvalidStep,
}

impl fmt::Display for ArithError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArithError::Overflow => f.write_str(&crate::i18n::t!(ARITH_OVERFLOW)),
            ArithError::DivisionByZero => f.write_str(&crate::i18n::t!(ARITH_DIVISION_BY_ZERO)),
            ArithError::InvalidStep => f.write_str(&crate::i18n::t!(ARITH_INVALID_STEP)),
        }
    }
}

/// The unit of a sum or difference: the more specific of the two.
fn additive_unit(a: Unit, b: Unit) -> Unit {
    if a == Unit::Scalar { b } else { a }
}

/// The unit of a product: a dimension wins over a ratio, a percentage over a plain
/// number.
fn product_unit(a: Unit, b: Unit) -> Unit {
    match (a, b) {
        (d, _) if d.is_dimensional() => d,
        (_, d) if d.is_dimensional() => d,
        (Unit::Percent, _) | (_, Unit::Percent) => Unit::Percent,
        _ => Unit::Scalar,
    }
}

/// The unit of a quotient: like units cancel.
fn quotient_unit(a: Unit, b: Unit) -> Unit {
    if a.is_dimensional() && a == b {
        Unit::Scalar
    } else if a.is_dimensional() {
        a
    } else if a == Unit::Percent && b == Unit::Scalar {
        Unit::Percent
    } else {
        Unit::Scalar
    }
}

/// `a + b`
pub fn add(a: Num, b: Num) -> Result<Num, ArithError> {
    let value = exact::add(a.value, b.value).ok_or(ArithError::Overflow)?;
    Ok(Num::new(value, additive_unit(a.unit, b.unit)))
}

/// `a - b`
pub fn sub(a: Num, b: Num) -> Result<Num, ArithError> {
    let value = exact::sub(a.value, b.value).ok_or(ArithError::Overflow)?;
    Ok(Num::new(value, additive_unit(a.unit, b.unit)))
}

/// `a * b`
pub fn mul(a: Num, b: Num) -> Result<Num, ArithError> {
    let value = a.value.checked_mul(b.value).ok_or(ArithError::Overflow)?;
    Ok(Num::new(value, product_unit(a.unit, b.unit)))
}

/// `a / b`
pub fn div(a: Num, b: Num) -> Result<Num, ArithError> {
    if b.value.is_zero() {
        return Err(ArithError::DivisionByZero);
    }
    let value = a.value.checked_div(b.value).ok_or(ArithError::Overflow)?;
    Ok(Num::new(value, quotient_unit(a.unit, b.unit)))
}

/// How two decimals compare, as `Decimal`'s own order says. Numbers compared on a form
/// mostly share a scale (a weight with the weight it should be, a score with a score);
/// their mantissas then compare as they are, without the general comparison's
/// rescaling.
#[must_use]
pub fn compare(a: &Decimal, b: &Decimal) -> std::cmp::Ordering {
    if a.scale() == b.scale() {
        a.mantissa().cmp(&b.mantissa())
    } else {
        a.cmp(b)
    }
}

/// `-a`
#[must_use]
pub fn neg(a: Num) -> Num {
    Num::new(-a.value, a.unit)
}

/// Rounds `value` to a multiple of `step` by `mode`. The result has the step's scale,
/// so `round(1, 0.01)` is `1.00`.
///
/// # Errors
///
/// A step of zero or less is an invalid step; a quotient beyond range an overflow.
pub fn round_to_step(
    value: Decimal,
    step: Decimal,
    mode: RoundingMode,
) -> Result<Decimal, ArithError> {
    if step <= Decimal::ZERO {
        return Err(ArithError::InvalidStep);
    }
    let value = snap(value, step);
    if step.mantissa() == 1 {
        // A step of 1, 0.1, 0.01, …: rounding to it is rounding to its decimals, which
        // needs no division (and cannot overflow where dividing by the step would).
        let mut rounded = places::round_dp(value, step.scale(), mode);
        // Rounding a value with more decimals leaves the step's already.
        if rounded.scale() != step.scale() {
            rounded.rescale(step.scale());
        }
        return Ok(rounded);
    }
    let steps = value.checked_div(step).ok_or(ArithError::Overflow)?;
    let whole = places::round_dp(steps, 0, mode);
    let mut rounded = whole.checked_mul(step).ok_or(ArithError::Overflow)?;
    // INVARIANT: a multiple of the step needs no more decimals than the step has, so
    // rescaling only adds or drops zeros.
    rounded.rescale(step.scale());
    Ok(rounded)
}

/// Decimals kept before rounding to a step; see [`snap`].
const SNAP_DECIMALS: u32 = 18;

/// A quotient such as 34 / 48 is cut at 28 significant digits, so 3 × 34 / 48 computed as
/// 3 × (34 / 48) is 2.12499… where the exact value is the tie 2.125. Rounding to a step
/// would then go the wrong way. Rounding first to 18 decimals (far below any step a
/// policy uses, far above the digits forms write) restores such values to the exact
/// decimal they stand for.
/// A step finer than that (`1e-28`) is kept clear of the snap by two decimals, so that a
/// value as small as the step is never snapped away to 0.
fn snap(value: Decimal, step: Decimal) -> Decimal {
    let decimals = SNAP_DECIMALS.max(step.scale().saturating_add(2));
    if value.scale() > decimals {
        places::round_dp(value, decimals, RoundingMode::HalfEven)
    } else {
        value
    }
}

/// The step of the precision a decimal was written with: `94` → 1, `93.9` → 0.1.
#[must_use]
pub fn step_of(value: Decimal) -> Decimal {
    Decimal::new(1, value.scale())
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// The same-scale shortcut orders as `Decimal` does: signs, zeros (a negative zero
    /// too), the largest mantissas and the smallest steps, at one scale and across.
    #[test]
    fn compare_orders_as_decimal_does() {
        let mut values: Vec<Decimal> = [
            "0",
            "-0",
            "0.00",
            "-0.00",
            "1",
            "-1",
            "1.0",
            "0.99",
            "1.01",
            "1.3",
            "1.30",
            "130.01",
            "99.99",
            "0.0000000000000000000000000001",
            "-0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7922816251426433759354395033.5",
            "3.1415926535897932384626433833",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        values.push(Decimal::new(-0, 3));
        values.push(-Decimal::ZERO);
        for a in &values {
            for b in &values {
                assert_eq!(compare(a, b), a.cmp(b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn the_finest_step_keeps_the_smallest_value() {
        let tiny = d("0.0000000000000000000000000001");
        for mode in [RoundingMode::HalfAwayFromZero, RoundingMode::HalfEven] {
            assert_eq!(round_to_step(tiny, tiny, mode), Ok(tiny));
            // 1e-28 : 1e-28 is a ratio of exactly 1.
            let ratio = tiny.checked_div(tiny).unwrap();
            assert_eq!(round_to_step(ratio, tiny, mode), Ok(Decimal::ONE));
        }
    }

    #[test]
    fn rounds_half_away_from_zero_to_the_step_scale() {
        let mode = RoundingMode::HalfAwayFromZero;
        assert_eq!(
            round_to_step(d("9.165"), d("0.01"), mode)
                .unwrap()
                .to_string(),
            "9.17"
        );
        assert_eq!(
            round_to_step(d("-9.165"), d("0.01"), mode)
                .unwrap()
                .to_string(),
            "-9.17"
        );
        assert_eq!(
            round_to_step(d("1"), d("0.01"), mode).unwrap().to_string(),
            "1.00"
        );
        assert_eq!(
            round_to_step(d("0"), d("0.01"), mode).unwrap().to_string(),
            "0.00"
        );
    }

    #[test]
    fn truncates_an_even_share() {
        let share = d("55").checked_div(d("6")).unwrap();
        let truncated = round_to_step(share, d("0.01"), RoundingMode::Truncate).unwrap();
        assert_eq!(truncated.to_string(), "9.16");
    }

    /// The general way: the value divided by the step, rounded to a whole number of
    /// steps, multiplied back.
    fn by_division(value: Decimal, step: Decimal, mode: RoundingMode) -> Option<Decimal> {
        let steps = snap(value, step).checked_div(step)?;
        let mut rounded = steps
            .round_dp_with_strategy(0, places::strategy(mode))
            .checked_mul(step)?;
        rounded.rescale(step.scale());
        Some(rounded)
    }

    #[test]
    fn a_decimal_step_rounds_as_dividing_by_it_would() {
        let modes = [
            RoundingMode::HalfAwayFromZero,
            RoundingMode::HalfTowardZero,
            RoundingMode::HalfEven,
            RoundingMode::Truncate,
            RoundingMode::AwayFromZero,
            RoundingMode::Floor,
            RoundingMode::Ceiling,
        ];
        let values = [
            "0",
            "1",
            "-1",
            "9.165",
            "-9.165",
            "9.175",
            "0.005",
            "-0.005",
            "0.015",
            "2.125",
            "99.994999",
            "99.995",
            "130.01",
            "0.0000000001",
            "-0.0000000001",
            "123456789.125",
            "7.5",
            "-7.5",
            "0.4999999999999999999",
            "0.5000000000000000001",
        ];
        let steps = ["1", "0.1", "0.01", "0.001", "0.0001"];
        for value in values
            .iter()
            .map(|v| d(v))
            .chain([d("55") / d("6"), d("-1") / d("3")])
        {
            for step in steps.map(d) {
                for mode in modes {
                    let expected = by_division(value, step, mode).unwrap();
                    let got = round_to_step(value, step, mode).unwrap();
                    assert_eq!(got, expected, "{value} to {step} by {mode:?}");
                    assert_eq!(got.to_string(), expected.to_string(), "{value} to {step}");
                }
            }
        }
    }

    #[test]
    fn rounds_to_coarse_steps() {
        let mode = RoundingMode::HalfAwayFromZero;
        assert_eq!(
            round_to_step(d("9.1666"), d("0.1"), mode)
                .unwrap()
                .to_string(),
            "9.2"
        );
        assert_eq!(
            round_to_step(d("0.9397"), d("0.01"), mode)
                .unwrap()
                .to_string(),
            "0.94"
        );
        assert_eq!(
            round_to_step(d("7.3"), d("0.5"), mode).unwrap().to_string(),
            "7.5"
        );
    }

    #[test]
    fn a_cut_quotient_rounds_like_the_exact_value() {
        let ratio = d("34").checked_div(d("48")).unwrap();
        let score = d("3").checked_mul(ratio).unwrap();
        assert!(
            score < d("2.125"),
            "the product of a cut quotient falls short"
        );
        let rounded = round_to_step(score, d("0.01"), RoundingMode::HalfAwayFromZero).unwrap();
        assert_eq!(rounded.to_string(), "2.13");
    }

    #[test]
    fn a_zero_step_is_an_error_not_a_panic() {
        assert_eq!(
            round_to_step(d("1"), Decimal::ZERO, RoundingMode::Truncate),
            Err(ArithError::InvalidStep)
        );
    }

    #[test]
    fn overflow_is_an_error_not_a_panic() {
        let big = Num::new(Decimal::MAX, Unit::Amount);
        assert_eq!(add(big, big), Err(ArithError::Overflow));
        assert_eq!(mul(big, big), Err(ArithError::Overflow));
        let tiny = Num::new(d("0.0000000000000000000000000001"), Unit::Scalar);
        assert_eq!(div(big, tiny), Err(ArithError::Overflow));
    }

    #[test]
    fn division_by_zero_is_an_error() {
        let one = Num::new(Decimal::ONE, Unit::Scalar);
        let zero = Num::new(Decimal::ZERO, Unit::Scalar);
        assert_eq!(div(one, zero), Err(ArithError::DivisionByZero));
    }

    #[test]
    fn units_combine_as_people_expect() {
        let w = Num::new(d("8"), Unit::Points);
        let rate = Num::new(d("0.05"), Unit::Percent);
        assert_eq!(mul(w, rate).unwrap().unit, Unit::Points);
        let paid = Num::new(d("1"), Unit::Amount);
        assert_eq!(div(paid, paid).unwrap().unit, Unit::Scalar);
        assert_eq!(Num::new(d("0.94"), Unit::Percent).to_string(), "94%");
    }

    #[test]
    fn written_precision_gives_the_step() {
        assert_eq!(step_of(d("94")), d("1"));
        assert_eq!(step_of(d("0.939")), d("0.001"));
    }
}
