//! Policy sanity: what a ruleset can get wrong while every name and type is right.

use rust_decimal::Decimal;

use super::checked::{Checked, ClassDef, GradeDef, RatingDef};
use super::declare::HeaderValues;
use super::error::CheckError;
use super::items::constant_num;
use super::nonsense::{Edge, Nonsense};
use crate::i18n::t;
use crate::ir::{self, Global};
use crate::source::Span;
use crate::syntax::ast::{BinaryOp, Open};
use crate::value::Unit;

/// A cutoff before the first day of the fiscal year: the year's data is all after it
/// (a warning; see [`CheckError::CutoffBeforeYear`]).
pub(crate) fn cutoff_before_year(header: &HeaderValues<'_>) -> Option<CheckError> {
    let (year, cutoff, span) = (header.fiscal_year?, header.cutoff?, header.cutoff_at?);
    let first_day = i16::try_from(year)
        .ok()
        .and_then(|y| jiff::civil::Date::new(y, 1, 1).ok())?;
    (cutoff < first_day).then(|| CheckError::CutoffBeforeYear {
        cutoff: cutoff.to_string(),
        year,
        span: span.into(),
        year_at: header.fiscal_year_at.map(Into::into),
    })
}

/// A class's numbers must make sense where they are written as numbers: the band's
/// lower edge at most its upper, deduction rates not negative, steps above zero, the
/// floor at most the cap, both within 0% and 100%.
pub(crate) fn class(class: &ClassDef, errors: &mut Vec<CheckError>) {
    let value = |e: &Option<ir::Expr>| e.as_ref().and_then(|e| percent(e).map(|v| (v, e.span)));
    if let (Some((lower, _)), Some((upper, span))) =
        (value(&class.full_lower), value(&class.full_upper))
    {
        if lower > upper {
            errors.push(nonsense(
                span,
                Nonsense::BandUpsideDown {
                    upper: show(upper),
                    lower: show(lower),
                },
            ));
        } else if lower == upper && (class.full_open.low || class.full_open.high) {
            errors.push(nonsense(
                span,
                Nonsense::BandEmpty {
                    band: interval(lower, upper, class.full_open),
                },
            ));
        }
    }
    for (rate, per) in class.below.iter().chain(&class.above) {
        if let Some(r) = percent(rate).filter(|r| r.is_sign_negative()) {
            errors.push(nonsense(
                rate.span,
                Nonsense::NegativeDeduction { rate: show(r) },
            ));
        }
        if percent(per).is_some_and(|p| p <= Decimal::ZERO) {
            errors.push(nonsense(per.span, Nonsense::DeductionStep));
        }
    }
    let below_zero = [
        (&class.full_lower, Edge::Band),
        (&class.floor, Edge::Floor),
        (&class.cap, Edge::Cap),
    ];
    for (expr, edge) in below_zero {
        if let Some((v, span)) = value(expr).filter(|(v, _)| v.is_sign_negative() && !v.is_zero()) {
            errors.push(nonsense(
                span,
                Nonsense::BelowZero {
                    edge,
                    value: show(v),
                },
            ));
        }
    }
    let above_whole = [(&class.floor, Edge::Floor), (&class.cap, Edge::Cap)];
    for (expr, edge) in above_whole {
        if let Some((v, span)) = value(expr).filter(|(v, _)| *v > Decimal::ONE) {
            errors.push(nonsense(
                span,
                Nonsense::AboveWhole {
                    edge,
                    value: show(v),
                },
            ));
        }
    }
    if let (Some((floor, _)), Some((cap, span))) = (value(&class.floor), value(&class.cap))
        && floor > cap
    {
        errors.push(nonsense(
            span,
            Nonsense::CapBelowFloor {
                cap: show(cap),
                floor: show(floor),
            },
        ));
    }
}

/// A share of the weight written as a number must lie within 0% and 100%: a score lies
/// between nothing and the whole weight.
pub(crate) fn share(e: &ir::Expr, what: &str, errors: &mut Vec<CheckError>) {
    if let Some(v) = percent(e).filter(|v| *v < Decimal::ZERO || *v > Decimal::ONE) {
        errors.push(nonsense(
            e.span,
            Nonsense::ShareOutOfRange {
                what: what.to_string(),
                share: show(v),
            },
        ));
    }
}

/// A grade's range must not run backwards nor be empty, and grades with ranges must
/// together cover every share from 0% to 100%, so that a department can score any level
/// it reaches, without two covering the same shares (a shared end both include, as in
/// `60% to 80%` and `80% to 100%`, is allowed: it is how policies have written ranges).
pub(crate) fn grades(grades: &[GradeDef], errors: &mut Vec<CheckError>) {
    range_coverage(grades, errors);
    for grade in grades {
        if let Some(share) =
            percent(&grade.share).filter(|s| *s < Decimal::ZERO || *s > Decimal::ONE)
        {
            errors.push(nonsense(
                grade.share.span,
                Nonsense::GradeShareOutOfRange {
                    grade: grade.name.to_string(),
                    share: show(share),
                },
            ));
        }
        let (Some(low), Some(high)) = (
            percent(&grade.share),
            grade.up_to.as_ref().and_then(percent),
        ) else {
            continue;
        };
        if low > high {
            let span = grade.up_to.as_ref().map_or(grade.share.span, |e| e.span);
            errors.push(nonsense(
                span,
                Nonsense::GradeUpsideDown {
                    grade: grade.name.to_string(),
                    low: show(low),
                    high: show(high),
                },
            ));
        } else if low == high && (grade.open.low || grade.open.high) {
            errors.push(nonsense(
                grade.span,
                Nonsense::GradeEmpty {
                    grade: grade.name.to_string(),
                    range: interval(low, high, grade.open),
                },
            ));
        }
    }
}

/// A score held to a grade's range at an open end is one rounding step inside it (no
/// score is "just below 80%" without a step): such a range needs `rounding`.
pub(crate) fn open_ends_rounded(checked: &Checked, errors: &mut Vec<CheckError>) {
    if checked.rounding.is_some() {
        return;
    }
    let open = checked
        .grades
        .iter()
        .find(|g| g.up_to.is_some() && (g.open.low || g.open.high));
    if let Some(grade) = open {
        errors.push(CheckError::MissingItem {
            what: t!(CHECK_MISSING_ROUNDING_FOR_OPEN, grade = grade.name),
            span: grade.span.into(),
            help: t!(CHECK_MISSING_ROUNDING_FOR_OPEN_HELP),
        });
    }
}

/// A grade's range as shares, with its ends: low, whether open, high, whether open.
struct Stretch<'a> {
    low: Decimal,
    high: Decimal,
    open: Open,
    grade: &'a GradeDef,
}

fn range_coverage(grades: &[GradeDef], errors: &mut Vec<CheckError>) {
    let ranges: Option<Vec<Stretch<'_>>> = grades
        .iter()
        .filter(|g| g.up_to.is_some())
        .map(|g| {
            Some(Stretch {
                low: percent(&g.share)?,
                high: percent(g.up_to.as_ref()?)?,
                open: g.open,
                grade: g,
            })
        })
        .collect();
    let Some(mut ranges) = ranges.filter(|r| !r.is_empty()) else {
        return;
    };
    // By low end, a closed end before an open one at the same share.
    ranges.sort_by_key(|r| (r.low, r.open.low));
    // Every share up to `reached` is covered; `reached` itself only if `taken`.
    let (mut reached, mut taken) = (Decimal::ZERO, false);
    let mut by: Option<&GradeDef> = None;
    for range in &ranges {
        let starts_after =
            range.low > reached || (range.low == reached && range.open.low && !taken);
        if starts_after {
            let gap = if range.low == reached {
                Nonsense::GradeGapAt {
                    share: show(reached),
                }
            } else {
                Nonsense::GradeGap {
                    from: show(reached),
                    to: show(range.low),
                }
            };
            errors.push(nonsense(range.grade.share.span, gap));
        } else if let Some(earlier) = by.filter(|_| range.low < reached) {
            errors.push(nonsense(
                range.grade.span,
                Nonsense::GradeOverlap {
                    first: earlier.name.to_string(),
                    second: range.grade.name.to_string(),
                    from: show(range.low),
                    to: show(reached.min(range.high)),
                },
            ));
        }
        if range.high > reached {
            (reached, taken) = (range.high, !range.open.high);
            by = Some(range.grade);
        } else if range.high == reached {
            taken |= !range.open.high;
        }
    }
    let short = reached < Decimal::ONE || !taken;
    if let Some(last) = ranges.last().filter(|_| short) {
        let gap = if reached == Decimal::ONE {
            Nonsense::GradeGapAt {
                share: "100%".to_owned(),
            }
        } else {
            Nonsense::GradeGap {
                from: show(reached),
                to: "100%".to_owned(),
            }
        };
        let span = last
            .grade
            .up_to
            .as_ref()
            .map_or(last.grade.share.span, |e| e.span);
        errors.push(nonsense(span, gap));
    }
}

/// `[80%, 90%)`: a range's shares, each end closed or open.
fn interval(low: Decimal, high: Decimal, open: Open) -> String {
    format!(
        "{}{}, {}{}",
        if open.low { "(" } else { "[" },
        show(low),
        show(high),
        if open.high { ")" } else { "]" }
    )
}

/// A line's key names it in JSON beside the total, and in rules beside the engine's own
/// names: it must be neither.
pub(crate) fn line_key(key: &str, span: Span, errors: &mut Vec<CheckError>) {
    const TAKEN: [&str; 12] = [
        "file",
        "name",
        "score",
        "max_score",
        "grade",
        "indicators",
        "findings",
        "total",
        "rating",
        "fiscal_year",
        "cutoff",
        "error",
    ];
    if TAKEN.contains(&key) {
        errors.push(nonsense(
            span,
            Nonsense::LineKeyTaken {
                key: key.to_string(),
            },
        ));
    }
}

fn nonsense(span: Span, problem: Nonsense) -> CheckError {
    CheckError::Nonsense {
        problem,
        span: span.into(),
    }
}

/// A literal percentage; bare numbers are reported elsewhere (`percent_expected`).
fn percent(e: &ir::Expr) -> Option<Decimal> {
    constant_num(e)
        .filter(|n| n.unit == Unit::Percent)
        .map(|n| n.value)
}

fn show(ratio: Decimal) -> String {
    ratio
        .checked_mul(Decimal::ONE_HUNDRED)
        .map_or_else(|| ratio.to_string(), |p| format!("{}%", p.normalize()))
}

/// The threshold of `total >= N` or `total > N` (strict), where a grade is written so,
/// with its unit: thresholds compare only within one unit (`total >= 90%` beside
/// `total >= 80 分` is a unit error of its own, not an order).
fn threshold(condition: &ir::Expr) -> Option<(Decimal, bool, Unit)> {
    match &condition.kind {
        ir::ExprKind::Binary(op @ (BinaryOp::Ge | BinaryOp::Gt), left, right)
            if left.kind == ir::ExprKind::Global(Global::Total) =>
        {
            constant_num(right).map(|n| (n.value, *op == BinaryOp::Gt, n.unit))
        }
        _ => None,
    }
}

/// A rating must give every total a grade: its last grade must be `otherwise`, and no
/// grade may follow `otherwise` (it could never apply).
pub(crate) fn rating(rating: &[RatingDef], errors: &mut Vec<CheckError>) {
    let Some(last) = rating.last() else { return };
    // Grades written as `total >= N` (or `>`) must go down: a grade whose totals an
    // earlier grade already takes could never apply, because the first that holds wins.
    let mut widest: Option<(Decimal, bool)> = None;
    let unit = rating
        .iter()
        .find_map(|g| g.condition.as_ref().and_then(threshold))
        .map(|(_, _, unit)| unit);
    for grade in rating {
        let Some((t, strict, _)) = grade
            .condition
            .as_ref()
            .and_then(threshold)
            .filter(|(_, _, u)| Some(*u) == unit)
        else {
            continue;
        };
        let covered =
            widest.is_some_and(|(l, l_strict)| t > l || (t == l && (strict || !l_strict)));
        if covered {
            errors.push(CheckError::Unreachable {
                what: t!(CHECK_RATING_GRADE, grade = grade.name),
                span: grade.span.into(),
                help: t!(CHECK_RATING_ORDER_HELP),
            });
        }
        widest = match widest {
            Some((l, l_strict)) if l < t || (l == t && !l_strict) => Some((l, l_strict)),
            _ => Some((t, strict)),
        };
    }
    if let Some(first_otherwise) = rating.iter().position(|r| r.condition.is_none()) {
        for unreachable in rating.iter().skip(first_otherwise + 1) {
            errors.push(CheckError::Unreachable {
                what: t!(CHECK_RATING_GRADE, grade = unreachable.name),
                span: unreachable.span.into(),
                help: t!(CHECK_AFTER_OTHERWISE_HELP),
            });
        }
    } else {
        errors.push(CheckError::RatingGap {
            span: last.span.into(),
        });
    }
}
