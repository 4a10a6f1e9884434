//! The built-in functions that take evaluated arguments.
//!
//! `any`, `all`, `present`, `is_number` and `default` need their arguments unevaluated
//! (or evaluated per row) and live in `env`.

use rust_decimal::Decimal;

use crate::ir::Function;
use crate::value::{self, ArithError, Num, Unit, Value};

use super::ops::DEFAULT_ROUNDING;

type Result<T> = std::result::Result<T, ArithError>;

/// Calls a function on evaluated arguments; a missing argument gives a missing result.
pub(crate) fn call(f: Function, args: &[Value]) -> Result<Value> {
    match f {
        Function::Count => Ok(count(args.first())),
        Function::Sum => sum(args.first()),
        Function::Min => Ok(extremum(args, std::cmp::Ordering::Less)),
        Function::Max => Ok(extremum(args, std::cmp::Ordering::Greater)),
        Function::Abs | Function::Round(_) | Function::StepOf => {
            Ok(numeric(f, |i| num_arg(args, i))?.map_or(Value::Null, Value::Num))
        }
        Function::Clamp => Ok(clamp(args)),
        Function::Present
        | Function::IsNumber
        | Function::Any
        | Function::All
        | Function::Default
        | Function::First
        | Function::Subtotal => Ok(Value::Null),
    }
}

fn num_arg(args: &[Value], i: usize) -> Option<Num> {
    args.get(i).and_then(Value::as_num)
}

fn count(arg: Option<&Value>) -> Value {
    match arg {
        Some(Value::Rows(set)) => counted(set.rows.len()),
        Some(Value::List(items)) => counted(items.iter().filter(|v| **v != Value::Null).count()),
        _ => Value::Null,
    }
}

/// What `count` gives for `n` rows or present items.
pub(crate) fn counted(n: usize) -> Value {
    Value::num(Decimal::from(n), Unit::Scalar)
}

/// The sum of the numbers of a list; missing items are skipped, and an empty list sums
/// to zero.
fn sum(arg: Option<&Value>) -> Result<Value> {
    let Some(Value::List(items)) = arg else {
        return Ok(Value::Null);
    };
    sum_of(items.iter().filter_map(Value::as_num))
}

/// The sum of numbers, the first one's unit kept; zero where there is none.
pub(crate) fn sum_of(numbers: impl Iterator<Item = Num>) -> Result<Value> {
    let mut total: Option<Num> = None;
    for n in numbers {
        total = Some(match total {
            None => n,
            Some(t) => value::add(t, n)?,
        });
    }
    Ok(Value::Num(
        total.unwrap_or(Num::new(Decimal::ZERO, Unit::Scalar)),
    ))
}

fn extremum(args: &[Value], keep: std::cmp::Ordering) -> Value {
    let items: Vec<&Value> = match args {
        [Value::List(items)] => items.iter().collect(),
        _ => args.iter().collect(),
    };
    let mut best: Option<Num> = None;
    for item in items {
        let Some(n) = item.as_num() else {
            return Value::Null;
        };
        best = Some(match best {
            Some(b) if b.value.cmp(&n.value) == keep => b,
            _ => n,
        });
    }
    best.map_or(Value::Null, Value::Num)
}

fn clamp(args: &[Value]) -> Value {
    let (Some(x), Some(lo), Some(hi)) = (num_arg(args, 0), num_arg(args, 1), num_arg(args, 2))
    else {
        return Value::Null;
    };
    let v = x.value.max(lo.value).min(hi.value);
    Value::num(v, x.unit)
}

/// `abs`, `round` and `step_of`, which read only numbers: `arg(i)` is the `i`th argument
/// where it is a number. `None` where an argument they need is not (or for another
/// function). The quick evaluator calls them with arguments read in place.
pub(crate) fn numeric(f: Function, arg: impl Fn(usize) -> Option<Num>) -> Result<Option<Num>> {
    Ok(match f {
        Function::Abs => arg(0).map(|n| Num::new(n.value.abs(), n.unit)),
        Function::StepOf => arg(0).map(|n| Num::new(value::step_of(n.value), n.unit)),
        Function::Round(mode) => {
            let (Some(x), Some(step)) = (arg(0), arg(1)) else {
                return Ok(None);
            };
            let rounded =
                value::round_to_step(x.value, step.value, mode.unwrap_or(DEFAULT_ROUNDING))?;
            // A ratio rounded to a percentage step reads as a percentage.
            let unit = if x.unit == Unit::Scalar {
                step.unit
            } else {
                x.unit
            };
            Some(Num::new(rounded, unit))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn n(s: &str) -> Value {
        Value::num(Decimal::from_str(s).unwrap(), Unit::Scalar)
    }

    #[test]
    fn min_and_max_of_numbers_and_lists() {
        assert_eq!(
            call(Function::Min, &[n("3"), n("1"), n("2")]).unwrap(),
            n("1")
        );
        assert_eq!(
            call(Function::Max, &[Value::List(vec![n("3"), n("5")])]).unwrap(),
            n("5")
        );
        assert_eq!(
            call(Function::Max, &[n("3"), Value::Null]).unwrap(),
            Value::Null
        );
    }

    #[test]
    fn sum_skips_missing_and_empty_is_zero() {
        assert_eq!(
            call(
                Function::Sum,
                &[Value::List(vec![n("1.5"), Value::Null, n("2")])]
            )
            .unwrap(),
            n("3.5")
        );
        assert_eq!(call(Function::Sum, &[Value::List(vec![])]).unwrap(), n("0"));
    }

    #[test]
    fn clamp_and_abs() {
        assert_eq!(
            call(Function::Clamp, &[n("12"), n("0"), n("10")]).unwrap(),
            n("10")
        );
        assert_eq!(call(Function::Abs, &[n("-2")]).unwrap(), n("2"));
    }
}
