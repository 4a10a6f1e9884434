//! The types of the ruleset language and how operators combine them.
//!
//! Numbers have a dimension: a plain number or percentage (both ratios), points, or
//! money. A bare literal such as `0` takes whatever dimension its neighbour has, so that
//! `budget.initial > 0` needs no unit, while `weight + budget.initial` is an error.

use std::fmt;

use crate::data::schema::FieldType;
use crate::syntax::ast::BinaryOp;

/// The dimension of a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dim {
    /// A plain number or a percentage.
    Scalar,
    /// Points.
    Points,
    /// Money.
    Amount,
    /// A bare literal, which takes its neighbour's dimension.
    Any,
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
            FieldType::Measure | FieldType::Integer | FieldType::Number | FieldType::Percent => {
                Ty::Num(Dim::Scalar)
            }
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
        match self {
            Ty::Num(Dim::Scalar) => f.write_str("a number"),
            Ty::Num(Dim::Points) => f.write_str("points"),
            Ty::Num(Dim::Amount) => f.write_str("an amount"),
            Ty::Num(Dim::Any) => f.write_str("a number"),
            Ty::Bool => f.write_str("a condition"),
            Ty::Text => f.write_str("a text"),
            Ty::Date => f.write_str("a date"),
            Ty::Category => f.write_str("a category"),
            Ty::Rows(section) => write!(f, "rows of `{section}`"),
            Ty::Row(section) => write!(f, "a row of `{section}`"),
            Ty::List(inner) => write!(f, "a list ({inner} each)"),
            Ty::Mode => f.write_str("a rounding mode"),
            Ty::Error => f.write_str("anything"),
        }
    }
}

/// The common dimension of two numbers, where they have one.
#[must_use]
pub fn unify(a: Dim, b: Dim) -> Option<Dim> {
    match (a, b) {
        (Dim::Any, d) | (d, Dim::Any) => Some(d),
        (a, b) if a == b => Some(a),
        _ => None,
    }
}

/// The dimension of `a op b` for an arithmetic operator, or `None` where the units do
/// not combine (points times points, money over points).
#[must_use]
pub fn arithmetic(op: BinaryOp, a: Dim, b: Dim) -> Option<Dim> {
    match op {
        BinaryOp::Add | BinaryOp::Sub => unify(a, b),
        BinaryOp::Mul => match (a, b) {
            (Dim::Any | Dim::Scalar, d) | (d, Dim::Any | Dim::Scalar) => Some(d),
            _ => None,
        },
        BinaryOp::Div => match (a, b) {
            (d, Dim::Any | Dim::Scalar) => Some(d),
            (Dim::Any, _) => None,
            (a, b) if a == b => Some(Dim::Scalar),
            _ => None,
        },
        _ => None,
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
    fn like_units_divide_to_a_ratio() {
        assert_eq!(
            arithmetic(BinaryOp::Div, Dim::Amount, Dim::Amount),
            Some(Dim::Scalar)
        );
        assert_eq!(arithmetic(BinaryOp::Div, Dim::Amount, Dim::Points), None);
        assert_eq!(arithmetic(BinaryOp::Div, Dim::Scalar, Dim::Points), None);
    }
}
