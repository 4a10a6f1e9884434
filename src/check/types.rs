//! The types of the ruleset language and how operators combine them.
//!
//! Numbers have a dimension: a plain number or percentage (both ratios), points, or
//! money. A bare literal such as `0` takes whatever dimension its neighbour has, so that
//! `budget.initial > 0` needs no unit, while `weight + budget.initial` is an error.

use std::fmt;

use crate::data::schema::FieldType;
use crate::i18n::t;
use crate::ir::FieldRead;
use crate::syntax::ast::BinaryOp;
use crate::value::Unit;

/// The dimension of a number.
///
/// Plain numbers and percentages are both ratios (`0.9` is `90%`) and combine freely;
/// what they keep apart is a bare literal: `90` next to a percentage is 9000%, never
/// what a policy means, so a bare literal other than `0` does not take a percentage's
/// dimension (`completion >= 90`, `max(5, 0%)` are refused: write `90%`, `5%`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    /// A plain number: a count, a year, a ratio of two amounts.
    Scalar,
    /// A percentage: a completion, a share of a weight, a literal written with `%`.
    Percent,
    /// Points.
    Points,
    /// Money.
    Amount,
    /// A bare literal other than zero, which takes its neighbour's dimension unless
    /// that is a percentage.
    Any,
    /// The bare literal `0`, which means the same in every dimension.
    Zero,
}

/// A type of the ruleset language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A number of a dimension.
    Num(Dim),
    /// A boolean.
    Bool,
    /// A text.
    Text,
    /// A date.
    Date,
    /// A category of the ruleset.
    Category,
    /// Rows of the rows section with this key.
    Rows(String),
    /// One row of the rows section with this key.
    Row(String),
    /// A list of values of one type.
    List(Box<Ty>),
    /// A rounding mode (an argument of `round`).
    Mode,
    /// The type of an expression that already has an error; it fits anywhere so that
    /// one mistake is reported once.
    Error,
}

impl Ty {
    /// The type of a form field's values.
    #[must_use]
    pub fn of_field(ty: FieldType) -> Ty {
        match ty {
            FieldType::Text => Ty::Text,
            FieldType::Measure | FieldType::Integer | FieldType::Number => Ty::Num(Dim::Scalar),
            FieldType::Percent => Ty::Num(Dim::Percent),
            FieldType::Amount => Ty::Num(Dim::Amount),
            FieldType::Points => Ty::Num(Dim::Points),
            FieldType::Date => Ty::Date,
            FieldType::Bool => Ty::Bool,
        }
    }

    /// Whether a value of this type may stand where `expected` is wanted.
    #[must_use]
    pub fn fits(&self, expected: &Ty) -> bool {
        match (self, expected) {
            (Ty::Error, _) | (_, Ty::Error) => true,
            (Ty::Num(a), Ty::Num(b)) => unify(*a, *b).is_some(),
            (Ty::List(a), Ty::List(b)) => a.fits(b),
            (a, b) => a == b,
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = match self {
            Ty::Num(Dim::Scalar | Dim::Any | Dim::Zero) => t!(TY_NUMBER),
            Ty::Num(Dim::Percent) => t!(TY_PERCENT),
            Ty::Num(Dim::Points) => t!(TY_POINTS),
            Ty::Num(Dim::Amount) => t!(TY_AMOUNT),
            Ty::Bool => t!(TY_CONDITION),
            Ty::Text => t!(TY_TEXT),
            Ty::Date => t!(TY_DATE),
            Ty::Category => t!(TY_CATEGORY),
            Ty::Rows(section) => t!(TY_ROWS, section),
            Ty::Row(section) => t!(TY_ROW, section),
            Ty::List(inner) => t!(TY_LIST, inner),
            Ty::Mode => t!(TY_MODE),
            Ty::Error => t!(TY_ANY),
        };
        f.write_str(&words)
    }
}

/// The common dimension of two numbers, where they have one.
#[must_use]
pub fn unify(a: Dim, b: Dim) -> Option<Dim> {
    match (a, b) {
        (Dim::Zero, d) | (d, Dim::Zero) => Some(d),
        (Dim::Any, Dim::Percent) | (Dim::Percent, Dim::Any) => None,
        (Dim::Any, d) | (d, Dim::Any) => Some(d),
        (Dim::Scalar, Dim::Percent) | (Dim::Percent, Dim::Scalar) => Some(Dim::Percent),
        (a, b) if a == b => Some(a),
        _ => None,
    }
}

/// Whether numbers of this dimension are ratios, which scale other numbers.
fn is_ratio(d: Dim) -> bool {
    matches!(d, Dim::Scalar | Dim::Percent | Dim::Any | Dim::Zero)
}

/// The dimension of a product or quotient of two ratios: a percentage where one is
/// (`2 × 5%` is 10%, `100% / 4` is 25%), a bare number where both are, else a number.
fn ratio_of(a: Dim, b: Dim) -> Dim {
    match (a, b) {
        (Dim::Percent, _) | (_, Dim::Percent) => Dim::Percent,
        (Dim::Any | Dim::Zero, Dim::Any | Dim::Zero) => Dim::Any,
        _ => Dim::Scalar,
    }
}

/// The dimension of `a op b` for an arithmetic operator, or `None` where the units do
/// not combine (points times points, money over points).
#[must_use]
pub fn arithmetic(op: BinaryOp, a: Dim, b: Dim) -> Option<Dim> {
    match op {
        BinaryOp::Add | BinaryOp::Sub => unify(a, b),
        BinaryOp::Mul => match (a, b) {
            (a, b) if is_ratio(a) && is_ratio(b) => Some(ratio_of(a, b)),
            (r, d) | (d, r) if is_ratio(r) => Some(d),
            _ => None,
        },
        BinaryOp::Div => match (a, b) {
            // A percentage over a percentage is a plain ratio (`completion / 100%`).
            (Dim::Percent, Dim::Percent) => Some(Dim::Scalar),
            (a, b) if is_ratio(a) && is_ratio(b) => Some(ratio_of(a, b)),
            (d, r) if is_ratio(r) => Some(d),
            (a, b) if a == b => Some(Dim::Scalar),
            _ => None,
        },
        _ => None,
    }
}

/// How a field of this type reads in an expression (see [`FieldRead`]).
pub(crate) fn field_read(ty: FieldType) -> FieldRead {
    match ty {
        FieldType::Measure => FieldRead::Measure,
        FieldType::Points => FieldRead::Number(Unit::Points),
        FieldType::Amount => FieldRead::Number(Unit::Amount),
        FieldType::Percent => FieldRead::Number(Unit::Percent),
        FieldType::Text
        | FieldType::Integer
        | FieldType::Number
        | FieldType::Date
        | FieldType::Bool => FieldRead::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_take_their_neighbours_dimension() {
        assert_eq!(unify(Dim::Any, Dim::Amount), Some(Dim::Amount));
        assert_eq!(unify(Dim::Points, Dim::Amount), None);
    }

    #[test]
    fn points_scale_by_ratios_but_do_not_multiply() {
        assert_eq!(
            arithmetic(BinaryOp::Mul, Dim::Points, Dim::Scalar),
            Some(Dim::Points)
        );
        assert_eq!(arithmetic(BinaryOp::Mul, Dim::Points, Dim::Points), None);
    }

    #[test]
    fn bare_numbers_do_not_become_percentages() {
        assert_eq!(unify(Dim::Any, Dim::Percent), None);
        assert_eq!(unify(Dim::Zero, Dim::Percent), Some(Dim::Percent));
        assert_eq!(unify(Dim::Scalar, Dim::Percent), Some(Dim::Percent));
        assert_eq!(
            arithmetic(BinaryOp::Mul, Dim::Any, Dim::Percent),
            Some(Dim::Percent)
        );
        assert_eq!(
            arithmetic(BinaryOp::Div, Dim::Percent, Dim::Percent),
            Some(Dim::Scalar)
        );
        assert_eq!(arithmetic(BinaryOp::Add, Dim::Percent, Dim::Any), None);
    }

    #[test]
    fn like_units_divide_to_a_ratio() {
        assert_eq!(
            arithmetic(BinaryOp::Div, Dim::Amount, Dim::Amount),
            Some(Dim::Scalar)
        );
        assert_eq!(arithmetic(BinaryOp::Div, Dim::Amount, Dim::Points), None);
        assert_eq!(arithmetic(BinaryOp::Div, Dim::Scalar, Dim::Points), None);
    }
}
