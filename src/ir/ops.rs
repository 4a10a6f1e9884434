//! What the operators compute over values: evaluation runs them on a form's values and
//! the checker folds named constants with them, so a constant's value is the one
//! evaluation would compute.

use crate::ir::vocab::{BinaryOp, RoundingMode, UnaryOp};
use crate::text::{cmp_normalized, eq_normalized};
use crate::value::{self, Scalar, Value};

pub(crate) fn unary(op: UnaryOp, v: Value) -> Value {
    match (op, v) {
        (UnaryOp::Not, Value::Bool(b)) => Value::Bool(!b),
        (UnaryOp::Neg, Value::Num(n)) => Value::Num(value::neg(n)),
        _ => Value::Null,
    }
}

/// Three-valued `and` and `or`: a missing side decides nothing, so `false and x` is
/// false and `true or x` is true whichever side `x` is on.
pub(crate) fn logic(op: BinaryOp, l: Scalar<'_>, r: Scalar<'_>) -> Value {
    let truth = |s| match s {
        Scalar::Bool(b) => Some(b),
        _ => None,
    };
    decide(op == BinaryOp::Or, truth(l), truth(r)).map_or(Value::Null, Value::Bool)
}

/// `and` (`decisive` false) or `or` (`decisive` true) of two truths, `None` for a missing
/// side: a side equal to `decisive` decides, whichever side it is; two known sides that do
/// not decide give the other value; otherwise the result is missing. [`logic`] over
/// values, `Env::truth` and conditions decided for all rows at once all decide so.
pub(crate) fn decide(decisive: bool, left: Option<bool>, right: Option<bool>) -> Option<bool> {
    match (left, right) {
        (Some(a), _) if a == decisive => Some(decisive),
        (_, Some(b)) if b == decisive => Some(decisive),
        (Some(_), Some(_)) => Some(!decisive),
        _ => None,
    }
}

/// Arithmetic and comparisons; a missing operand gives a missing result.
pub(crate) fn binary(
    op: BinaryOp,
    l: Scalar<'_>,
    r: Scalar<'_>,
) -> std::result::Result<Value, value::ArithError> {
    Ok(match op {
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            compare(op, l, r).map_or(Value::Null, Value::Bool)
        }
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
            arithmetic(op, l, r)?.map_or(Value::Null, Value::Num)
        }
        BinaryOp::And | BinaryOp::Or => logic(op, l, r),
    })
}

/// `l op r` for an arithmetic operator (any other is taken as `/`): `None` where an
/// operand is not a number.
pub(crate) fn arithmetic(
    op: BinaryOp,
    l: Scalar<'_>,
    r: Scalar<'_>,
) -> std::result::Result<Option<value::Num>, value::ArithError> {
    let (Scalar::Num(a), Scalar::Num(b)) = (l, r) else {
        return Ok(None);
    };
    let f = match op {
        BinaryOp::Add => value::add,
        BinaryOp::Sub => value::sub,
        BinaryOp::Mul => value::mul,
        _ => value::div,
    };
    f(a, b).map(Some)
}

/// A comparison: `None` for values of different kinds or none, and for an operator
/// that is not a comparison.
pub(crate) fn compare(op: BinaryOp, l: Scalar<'_>, r: Scalar<'_>) -> Option<bool> {
    let o = match (l, r) {
        (Scalar::Num(a), Scalar::Num(b)) => value::compare(&a.value, &b.value),
        (Scalar::Date(a), Scalar::Date(b)) => a.cmp(&b),
        // Texts compare as people read them: full-width forms and spaces do not count.
        // They are most often compared for equality (`name == "预算执行率"` on every
        // row), which needs no order: two different plain texts are not ordered.
        (Scalar::Text(a), Scalar::Text(b)) => match op {
            BinaryOp::Eq => return Some(eq_normalized(a, b)),
            BinaryOp::Ne => return Some(!eq_normalized(a, b)),
            _ => cmp_normalized(a, b),
        },
        (Scalar::Category(a), Scalar::Category(b)) => a.cmp(&b),
        (Scalar::Bool(a), Scalar::Bool(b)) => a.cmp(&b),
        _ => return None,
    };
    holds(op, o)
}

/// Whether a comparison holds of two values ordered `o`; `None` for an operator that is
/// not a comparison.
pub(crate) fn holds(op: BinaryOp, o: std::cmp::Ordering) -> Option<bool> {
    match op {
        BinaryOp::Eq => Some(o.is_eq()),
        BinaryOp::Ne => Some(o.is_ne()),
        BinaryOp::Lt => Some(o.is_lt()),
        BinaryOp::Le => Some(o.is_le()),
        BinaryOp::Gt => Some(o.is_gt()),
        BinaryOp::Ge => Some(o.is_ge()),
        _ => None,
    }
}

/// The default rounding mode of `round(x, step)` without a mode: half away from zero,
/// as people round by hand (四舍五入).
pub(crate) const DEFAULT_ROUNDING: RoundingMode = RoundingMode::HalfAwayFromZero;
