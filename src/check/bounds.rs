//! The checker's proof that no project can score more than `max_score`: every pool's
//! points and every line's points have a range it can work out from the ruleset alone,
//! and in every case the ruleset's conditions allow, the largest points add up to at most
//! `max_score`, and so do the totals that `adjust … total` can give.
//!
//! Ranges are worked out by interval arithmetic over the resolved expressions. A
//! condition that several expressions share (`count(indicators[category == 满意度]) == 0`
//! in the 2020 template's pools) is split into its cases, so that `40 分` in one pool and
//! `10 分` in another are never added up when they exclude each other. What depends on a
//! form's numbers has no range; a ruleset whose points do is refused with a help that
//! says how to bound them. What only a form can show (declared weights, a residual that
//! rounding leaves negative) is held at evaluation (`eval::bounds`).

use rust_decimal::Decimal;

use super::checked::{Checked, RoundingDef, SplitDef};
use super::error::CheckError;
use super::nonsense::Nonsense;
use crate::i18n::t;
use crate::ir::{Expr, ExprKind, Function, Global};
use crate::source::Span;
use crate::syntax::ast::{BinaryOp, ResidualRule, UnaryOp};
use crate::value::{self, Value};

/// The most conditions split into cases (2⁸ cases); beyond, their branches are joined.
const MAX_CASES: usize = 8;

/// The least and greatest value a number can take; `None` where it has no bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Range {
    lo: Option<Decimal>,
    hi: Option<Decimal>,
}

impl Range {
    const ANY: Range = Range { lo: None, hi: None };

    fn exactly(v: Decimal) -> Range {
        Range {
            lo: Some(v),
            hi: Some(v),
        }
    }

    /// Every value of either.
    fn join(self, other: Range) -> Range {
        Range {
            lo: both(self.lo, other.lo, Decimal::min),
            hi: both(self.hi, other.hi, Decimal::max),
        }
    }
}

fn both(
    a: Option<Decimal>,
    b: Option<Decimal>,
    f: fn(Decimal, Decimal) -> Decimal,
) -> Option<Decimal> {
    Some(f(a?, b?))
}

/// Which shared conditions a case takes as true.
struct Case<'a> {
    conditions: &'a [Expr],
    truth: usize,
    max_score: Range,
    total: Range,
}

impl Case<'_> {
    fn assumed(&self, condition: &Expr) -> Option<bool> {
        let at = self.conditions.iter().position(|c| same(c, condition))?;
        Some(self.truth & (1 << at) != 0)
    }

    /// The conditions as the case takes them, as labels on where they are written.
    fn labels(&self) -> Vec<miette::LabeledSpan> {
        self.conditions
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let holds = self.truth & (1 << i) != 0;
                let text = if holds {
                    t!(CHECK_CASE_HOLDS)
                } else {
                    t!(CHECK_CASE_DOES_NOT_HOLD)
                };
                miette::LabeledSpan::new_with_span(Some(text), c.span)
            })
            .collect()
    }

    fn range(&self, e: &Expr) -> Range {
        match &e.kind {
            ExprKind::Const(Value::Num(n))
            | ExprKind::Constant {
                value: Value::Num(n),
                ..
            } => Range::exactly(n.value),
            ExprKind::Const(Value::Null)
            | ExprKind::Constant {
                value: Value::Null, ..
            } => Range::exactly(Decimal::ZERO),
            ExprKind::Global(Global::MaxScore) => self.max_score,
            ExprKind::Global(Global::Total) => self.total,
            ExprKind::Unary(UnaryOp::Neg, inner) => {
                let r = self.range(inner);
                Range {
                    lo: r.hi.map(|v| -v),
                    hi: r.lo.map(|v| -v),
                }
            }
            ExprKind::Binary(op, a, b) => binary(*op, self.range(a), self.range(b)),
            ExprKind::If(c, a, b) => match self.assumed(c) {
                Some(true) => self.range(a),
                Some(false) => self.range(b),
                None => self.range(a).join(self.range(b)),
            },
            ExprKind::Call(function, args) => self.call(*function, args),
            _ => Range::ANY,
        }
    }

    fn call(&self, function: Function, args: &[Expr]) -> Range {
        let ranges: Vec<Range> = args.iter().map(|a| self.range(a)).collect();
        match (function, ranges.as_slice()) {
            (Function::Min, [_, _, ..]) => extremum(&ranges, Decimal::min, false),
            (Function::Max, [_, _, ..]) => extremum(&ranges, Decimal::max, true),
            (Function::Clamp, [x, lo, hi]) => {
                let at_least = extremum(&[*x, *lo], Decimal::max, true);
                extremum(&[at_least, *hi], Decimal::min, false)
            }
            (Function::Default, [a, b]) => a.join(*b),
            (Function::Abs, [r]) => Range {
                lo: Some(Decimal::ZERO),
                hi: both(r.lo.map(|v| v.abs()), r.hi.map(|v| v.abs()), Decimal::max),
            },
            // Rounding to a known step, in any mode, never puts a smaller value above a
            // larger one: the bounds rounded are the bounds (`round(55.004 分, 0.01)` is
            // at most 55.00, not 55.014). Otherwise a rounded value lies within a step
            // of the value.
            (Function::Round(mode), [r, step]) => match step.hi.filter(|_| step.lo == step.hi) {
                Some(s) => {
                    let mode = mode.unwrap_or(crate::ir::ops::DEFAULT_ROUNDING);
                    let rounded = |v: Decimal| value::round_to_step(v, s, mode).ok();
                    Range {
                        lo: r
                            .lo
                            .and_then(|v| rounded(v).or_else(|| v.checked_sub(s.abs()))),
                        hi: r
                            .hi
                            .and_then(|v| rounded(v).or_else(|| v.checked_add(s.abs()))),
                    }
                }
                None => Range::ANY,
            },
            (Function::Count, _) => Range {
                lo: Some(Decimal::ZERO),
                hi: None,
            },
            _ => Range::ANY,
        }
    }
}

/// `min` (`upward` false) or `max` (`upward` true) of several ranges: the least of
/// their bounds below and above, or the greatest. One unbounded argument leaves `min`
/// unbounded below but still bounded above by any other, and `max` the other way.
fn extremum(ranges: &[Range], f: fn(Decimal, Decimal) -> Decimal, upward: bool) -> Range {
    let fold_all = |pick: fn(&Range) -> Option<Decimal>| {
        ranges
            .iter()
            .map(pick)
            .try_fold(None, |acc: Option<Decimal>, v| {
                v.map(|v| Some(acc.map_or(v, |a| f(a, v))))
            })
    };
    let fold_any = |pick: fn(&Range) -> Option<Decimal>| ranges.iter().filter_map(pick).reduce(f);
    if upward {
        Range {
            lo: fold_any(|r| r.lo),
            hi: fold_all(|r| r.hi).flatten(),
        }
    } else {
        Range {
            lo: fold_all(|r| r.lo).flatten(),
            hi: fold_any(|r| r.hi),
        }
    }
}

fn binary(op: BinaryOp, a: Range, b: Range) -> Range {
    match op {
        BinaryOp::Add => Range {
            lo: a.lo.zip(b.lo).and_then(|(x, y)| x.checked_add(y)),
            hi: a.hi.zip(b.hi).and_then(|(x, y)| x.checked_add(y)),
        },
        BinaryOp::Sub => Range {
            lo: a.lo.zip(b.hi).and_then(|(x, y)| x.checked_sub(y)),
            hi: a.hi.zip(b.lo).and_then(|(x, y)| x.checked_sub(y)),
        },
        BinaryOp::Mul => product(a, b),
        BinaryOp::Div => match b.lo.filter(|lo| b.hi == Some(*lo) && !lo.is_zero()) {
            Some(d) => product(
                a,
                Range::exactly(Decimal::ONE.checked_div(d).unwrap_or(Decimal::MAX)),
            ),
            None => Range::ANY,
        },
        _ => Range::ANY,
    }
}

/// The range of a product: the least and greatest of the products of the ends, where
/// both ranges are bounded.
fn product(a: Range, b: Range) -> Range {
    let (Some(al), Some(ah), Some(bl), Some(bh)) = (a.lo, a.hi, b.lo, b.hi) else {
        return Range::ANY;
    };
    let corners: Option<Vec<Decimal>> = [(al, bl), (al, bh), (ah, bl), (ah, bh)]
        .iter()
        .map(|(x, y)| x.checked_mul(*y))
        .collect();
    let Some(corners) = corners else {
        return Range::ANY;
    };
    Range {
        lo: corners.iter().copied().reduce(Decimal::min),
        hi: corners.iter().copied().reduce(Decimal::max),
    }
}

/// Whether two expressions say the same, wherever they are written.
fn same(a: &Expr, b: &Expr) -> bool {
    without_spans(a) == without_spans(b)
}

fn without_spans(e: &Expr) -> Expr {
    let kind = match &e.kind {
        ExprKind::RowMember(base, p) => {
            ExprKind::RowMember(Box::new(without_spans(base)), p.clone())
        }
        ExprKind::Project(base, p) => ExprKind::Project(Box::new(without_spans(base)), p.clone()),
        ExprKind::Filter(a, b) => {
            ExprKind::Filter(Box::new(without_spans(a)), Box::new(without_spans(b)))
        }
        ExprKind::Unary(op, a) => ExprKind::Unary(*op, Box::new(without_spans(a))),
        ExprKind::Binary(op, a, b) => {
            ExprKind::Binary(*op, Box::new(without_spans(a)), Box::new(without_spans(b)))
        }
        ExprKind::If(c, a, b) => ExprKind::If(
            Box::new(without_spans(c)),
            Box::new(without_spans(a)),
            Box::new(without_spans(b)),
        ),
        ExprKind::Call(f, args) => ExprKind::Call(*f, args.iter().map(without_spans).collect()),
        ExprKind::Outer(a) => ExprKind::Outer(Box::new(without_spans(a))),
        other => other.clone(),
    };
    Expr {
        kind,
        span: Span::default(),
    }
}

/// Every condition of an `if` in `e`, once each.
fn conditions(e: &Expr, out: &mut Vec<Expr>) {
    let mut visit = |x: &Expr| conditions(x, out);
    match &e.kind {
        ExprKind::If(c, a, b) => {
            visit(c);
            visit(a);
            visit(b);
            if !out.iter().any(|seen| same(seen, c)) {
                out.push(c.as_ref().clone());
            }
        }
        ExprKind::Unary(_, a)
        | ExprKind::RowMember(a, _)
        | ExprKind::Project(a, _)
        | ExprKind::Outer(a) => visit(a),
        ExprKind::Binary(_, a, b) | ExprKind::Filter(a, b) => {
            visit(a);
            visit(b);
        }
        ExprKind::Call(_, args) => args.iter().for_each(visit),
        _ => {}
    }
}

/// One contribution to the total: a pool's or a line's points.
struct Part<'a> {
    what: String,
    points: &'a Expr,
    /// A pool (whose points may not be negative), not a line.
    pool: bool,
    /// For an even split with `residual to none`, how each share is rounded: its
    /// weights are the rounded shares, which may add up to more than its points.
    shares: Option<RoundingDef>,
}

fn parts(checked: &Checked) -> Vec<Part<'_>> {
    let pools = checked.pools.iter().map(|p| Part {
        what: t!(CHECK_PART_POOL, name = p.name),
        points: &p.points,
        pool: true,
        shares: match &p.split {
            SplitDef::Evenly {
                share,
                residual: ResidualRule::Nobody,
            } => *share,
            _ => None,
        },
    });
    // A line scores at most its points; a line without points, at most what its
    // formula can give.
    let lines = checked.lines.iter().map(|l| Part {
        what: t!(CHECK_PART_LINE, name = l.key),
        points: l.points.as_ref().unwrap_or(&l.score),
        pool: false,
        shares: None,
    });
    pools.chain(lines).collect()
}

/// Refuses a ruleset where some project could score above `max_score`, or a pool could
/// have points below zero, or `max_score` is below zero.
pub(crate) fn prove(checked: &Checked, errors: &mut Vec<CheckError>) {
    let parts = parts(checked);
    let adjustments: Vec<&Expr> = checked
        .adjustments
        .iter()
        .filter(|a| a.rows.is_none())
        .map(|a| &a.formula)
        .collect();
    let mut shared = Vec::new();
    for e in parts
        .iter()
        .map(|p| p.points)
        .chain(adjustments.iter().copied())
    {
        conditions(e, &mut shared);
    }
    if let Some(max) = &checked.max_score {
        conditions(max, &mut shared);
    }
    shared.truncate(MAX_CASES);
    for truth in 0..(1usize << shared.len()) {
        let mut case = Case {
            conditions: &shared,
            truth,
            max_score: Range::ANY,
            total: Range::ANY,
        };
        case.max_score = checked
            .max_score
            .as_ref()
            .map_or(Range::ANY, |e| case.range(e));
        if let Some(error) = check_case(checked, &parts, &mut case) {
            errors.push(error);
            return;
        }
    }
}

/// The first problem of one case, if any.
fn check_case(checked: &Checked, parts: &[Part<'_>], case: &mut Case<'_>) -> Option<CheckError> {
    if let (Some(max), Some(e)) = (case.max_score.hi, &checked.max_score)
        && max < Decimal::ZERO
    {
        return Some(nonsense(
            e.span,
            Nonsense::MaxScoreNegative {
                max: max.to_string(),
            },
        ));
    }
    let ranges: Vec<Range> = parts.iter().map(|p| case.range(p.points)).collect();
    for (part, range) in parts.iter().zip(&ranges) {
        if let Some(lo) = range.lo.filter(|lo| *lo < Decimal::ZERO)
            && part.pool
        {
            return Some(nonsense(
                part.points.span,
                Nonsense::PointsBelowZero {
                    what: part.what.to_string(),
                    lo: lo.to_string(),
                },
            ));
        }
    }
    let max_score = checked.max_score.as_ref()?;
    let mut sum = Decimal::ZERO;
    let mut shown = Vec::new();
    // Where each part's points are written: an extending ruleset's change is often in
    // another file than `max_score` (`override pool 个性指标 50 分 {}`).
    let mut places = Vec::new();
    let mut rounded_up = false;
    let mut overflowed = false;
    for (part, range) in parts.iter().zip(&ranges) {
        let Some(hi) = range.hi else {
            return Some(CheckError::Unbounded {
                what: part.what.clone(),
                span: part.points.span.into(),
            });
        };
        let Some(most) = part.shares.map_or(Some(hi), |r| most_shares(hi, r)) else {
            return Some(shares_unbounded(part, case));
        };
        // A sum past what a decimal holds is above any max_score: the proof must not
        // give up on it (two pools of 79228162514264337593543950335 分).
        match sum.checked_add(most.max(Decimal::ZERO)) {
            Some(next) => sum = next,
            None => {
                overflowed = true;
                sum = Decimal::MAX;
            }
        }
        rounded_up |= most > hi;
        places.push(miette::LabeledSpan::new_with_span(
            Some(t!(
                CHECK_PART_POINTS_SHOWN,
                what = part.what,
                points = hi.normalize()
            )),
            part.points.span,
        ));
        if most > hi {
            shown.push(t!(
                CHECK_PART_POINTS_ROUNDED_UP,
                what = part.what,
                points = most.normalize(),
                own = hi.normalize()
            ));
        } else {
            shown.push(t!(
                CHECK_PART_POINTS_SHOWN,
                what = part.what,
                points = hi.normalize()
            ));
        }
    }
    let max = case.max_score.lo?;
    // What is reported is the total after its adjustments: one that holds every total
    // within max_score (`min(total, max_score)`) makes a larger sum harmless.
    let adjusted = checked.adjustments.iter().any(|a| a.rows.is_none());
    if (sum > max || overflowed) && (!adjusted || adjusted_total(checked, case, sum, max).is_some())
    {
        let (sum, max) = (sum.normalize(), max.normalize());
        return Some(CheckError::AboveMaximum {
            message: if overflowed {
                t!(CHECK_ABOVE_MAXIMUM_SUM_OVERFLOW, sum, max)
            } else {
                t!(CHECK_ABOVE_MAXIMUM_SUM, sum, max)
            },
            parts: if rounded_up {
                t!(CHECK_ABOVE_MAXIMUM_ROUNDED, parts = shown.join(" + "))
            } else {
                shown.join(" + ")
            },
            span: max_score.span.into(),
            label: t!(CHECK_ABOVE_MAXIMUM_LABEL),
            cases: case.labels().into_iter().chain(places).collect(),
        });
    }
    adjusted_total(checked, case, sum, max)
}

/// Shares rounded up never fall to 0: n of them pass any bound as n grows.
fn shares_unbounded(part: &Part<'_>, case: &Case<'_>) -> CheckError {
    CheckError::AboveMaximum {
        message: t!(CHECK_ABOVE_MAXIMUM_SHARES_UNBOUNDED, what = part.what),
        parts: t!(CHECK_ABOVE_MAXIMUM_SHARES_UNBOUNDED_HELP),
        span: part.points.span.into(),
        label: t!(CHECK_ABOVE_MAXIMUM_SHARES_UNBOUNDED_LABEL),
        cases: case.labels(),
    }
}

/// How many member counts [`most_shares`] tries one by one; beyond, it works the most
/// out.
const MAX_SHARES: u32 = 10_000;

/// The most that `points` split evenly in shares rounded as `rounding` says, with no
/// residual, can add up to for any number n of members: n × (points / n, rounded), as
/// evaluation computes it. Shares rounded half up pass the points (55 / 6 = 9.1666… is
/// 9.17, and six of them 55.02), but only while a share is not 0, that is while n is at
/// most about 2 × points / step. `None` where there is no bound: a share rounded up is
/// never 0, and n of them grow with n.
fn most_shares(points: Decimal, rounding: RoundingDef) -> Option<Decimal> {
    use crate::syntax::ast::RoundingMode;
    if points <= Decimal::ZERO {
        return Some(points);
    }
    match rounding.mode {
        RoundingMode::Ceiling | RoundingMode::AwayFromZero => return None,
        // A share rounded down is at most points / n: n of them at most the points.
        RoundingMode::Truncate | RoundingMode::Floor => return Some(points),
        RoundingMode::HalfAwayFromZero | RoundingMode::HalfTowardZero | RoundingMode::HalfEven => {}
    }
    let total = |n: Decimal| -> Option<Decimal> {
        let share =
            value::round_to_step(points.checked_div(n)?, rounding.step, rounding.mode).ok()?;
        share.checked_mul(n)
    };
    let last = points
        .checked_mul(Decimal::TWO)?
        .checked_div(rounding.step)?
        .floor();
    let mut most = points;
    if last <= Decimal::from(MAX_SHARES) {
        // Every count whose share may be above 0, and one more.
        let mut n = Decimal::ONE;
        while n <= last.checked_add(Decimal::ONE)? {
            most = most.max(total(n)?);
            n = n.checked_add(Decimal::ONE)?;
        }
        return Some(most);
    }
    // Each share is at most half a step above points / n, so n shares add up to at most
    // points + n × step / 2. Shares of k + 1 steps need n ≤ points / ((k + ½) × step):
    // at most (k + 1) / (k + ½) × points, which for k ≥ 1 is 4/3 of the points, below
    // what shares of one step give where the count is largest (about 2 × points, less
    // two steps). So the most is among the counts around 2 × points / step.
    let mut n = last.checked_sub(Decimal::ONE)?.max(Decimal::ONE);
    while n <= last.checked_add(Decimal::ONE)? {
        most = most.max(total(n)?);
        n = n.checked_add(Decimal::ONE)?;
    }
    Some(most)
}

/// The totals `adjust … total` can give, from a total of 0 to `sum`, must stay within
/// `0..=max`.
fn adjusted_total(
    checked: &Checked,
    case: &mut Case<'_>,
    sum: Decimal,
    max: Decimal,
) -> Option<CheckError> {
    case.total = Range {
        lo: Some(Decimal::ZERO),
        hi: Some(sum),
    };
    for adjust in checked.adjustments.iter().filter(|a| a.rows.is_none()) {
        let new = case.range(&adjust.formula);
        case.total = if adjust.condition.is_some() {
            case.total.join(new)
        } else {
            new
        };
        let within = case.total.hi.is_some_and(|hi| hi <= max);
        if !within {
            let message = match case.total.hi {
                Some(hi) => t!(
                    CHECK_ADJUSTED_TOTAL,
                    most = hi.normalize(),
                    max = max.normalize()
                ),
                None => t!(CHECK_ADJUSTED_TOTAL_UNBOUNDED, max = max.normalize()),
            };
            return Some(CheckError::AboveMaximum {
                message,
                parts: t!(CHECK_ADJUSTED_TOTAL_HELP, sum = sum.normalize()),
                span: adjust.formula.span.into(),
                label: t!(CHECK_ADJUSTED_TOTAL_LABEL),
                cases: case.labels(),
            });
        }
    }
    None
}

/// Refuses a catalog weight that can be below zero.
pub(crate) fn negative_catalog_weights(checked: &Checked, errors: &mut Vec<CheckError>) {
    let catalogs = checked.pools.iter().filter_map(|p| match &p.split {
        SplitDef::Fixed(entries) => Some(entries),
        _ => None,
    });
    for entry in catalogs.flatten() {
        let lowest = Case {
            conditions: &[],
            truth: 0,
            max_score: Range::ANY,
            total: Range::ANY,
        }
        .range(&entry.weight)
        .lo;
        if let Some(w) = lowest.filter(|w| *w < Decimal::ZERO) {
            errors.push(nonsense(
                entry.weight.span,
                Nonsense::NegativeCatalogWeight {
                    name: entry.name.to_string(),
                    weight: w.to_string(),
                },
            ));
        }
    }
}

fn nonsense(span: Span, problem: Nonsense) -> CheckError {
    CheckError::Nonsense {
        problem,
        span: span.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(lo: i64, hi: i64) -> Range {
        Range {
            lo: Some(Decimal::from(lo)),
            hi: Some(Decimal::from(hi)),
        }
    }

    #[test]
    fn min_is_bounded_above_by_any_bounded_argument() {
        let open = Range {
            lo: Some(Decimal::ZERO),
            hi: None,
        };
        let min = extremum(&[open, r(0, 20)], Decimal::min, false);
        assert_eq!(min, r(0, 20));
        let max = extremum(&[open, r(0, 20)], Decimal::max, true);
        assert_eq!(max.hi, None);
    }

    fn rounding(step: &str, mode: crate::syntax::ast::RoundingMode) -> RoundingDef {
        RoundingDef {
            step: step.parse().unwrap(),
            mode,
        }
    }

    #[test]
    fn shares_that_stay_rounded_add_up_to_at_most() {
        use crate::syntax::ast::RoundingMode::{
            Ceiling, Floor, HalfAwayFromZero, HalfEven, HalfTowardZero, Truncate,
        };
        let most = |points: i64, step: &str, mode| {
            most_shares(Decimal::from(points), rounding(step, mode)).map(|d| d.normalize())
        };
        // 110 members of 55 points: 0.5 each, rounded half up to 1.
        assert_eq!(most(55, "1", HalfAwayFromZero), Some(Decimal::from(110)));
        assert_eq!(most(55, "0.01", HalfAwayFromZero), Some(Decimal::from(110)));
        // Half to even: 0.5 is 0, but 199 members get 100 / 199 = 0.5025… = 1 each.
        assert_eq!(most(100, "1", HalfEven), Some(Decimal::from(199)));
        // Half toward zero: 0.5 is 0, 199 members as for half to even.
        assert_eq!(most(100, "1", HalfTowardZero), Some(Decimal::from(199)));
        // Three members of 50 points: 16.67 is 17, 51 in all; but more members give more.
        assert!(most(50, "1", HalfAwayFromZero) > Some(Decimal::from(51)));
        assert_eq!(most(55, "0.01", Truncate), Some(Decimal::from(55)));
        assert_eq!(most(55, "1", Floor), Some(Decimal::from(55)));
        assert_eq!(most(55, "1", Ceiling), None);
        assert_eq!(most(0, "1", Ceiling), Some(Decimal::ZERO));
        // Too many members to try one by one: 2,000,000 members of 0.005 each, rounded
        // to 0.01.
        assert_eq!(
            most(10_000, "0.01", HalfAwayFromZero),
            Some(Decimal::from(20_000))
        );
        assert_eq!(
            most(10_000, "0.01", HalfEven),
            Some("19999.99".parse().unwrap())
        );
    }

    #[test]
    fn interval_arithmetic() {
        assert_eq!(binary(BinaryOp::Add, r(1, 2), r(10, 20)), r(11, 22));
        assert_eq!(binary(BinaryOp::Sub, r(1, 2), r(10, 20)), r(-19, -8));
        assert_eq!(binary(BinaryOp::Mul, r(-1, 2), r(3, 4)), r(-4, 8));
        assert_eq!(binary(BinaryOp::Div, r(10, 20), r(2, 2)), r(5, 10));
        assert_eq!(binary(BinaryOp::Div, r(10, 20), r(1, 2)), Range::ANY);
    }
}
