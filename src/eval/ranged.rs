//! Grades that allow a range of scores: the department picks a score inside the range,
//! and the engine holds it to the range.

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::data::project::Record;
use crate::finding::{EngineCode, Finding};
use crate::i18n::t;
use crate::ir::vocab::{Open, RoundingMode};
use crate::source::Span;
use crate::value::ArithError;

use super::classify::engine;
use super::error::EvalError;
use super::outcome::RowState;
use super::score::self_score;

/// The shares of the weight a grade allows, and which ends are open.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Range {
    pub(crate) low: Decimal,
    pub(crate) high: Decimal,
    pub(crate) open: Open,
}

/// Scores a row whose grade allows `range` of `weight`: the declared self score where it
/// lies inside, else the nearest score inside (`score-out-of-range`); without a self
/// score, the least score inside (`missing-self-score`); none of them rounded. Inside an
/// open end, the nearest score is one rounding step from it (the checker makes sure there
/// is a `rounding`).
pub(crate) fn score_in_range(
    plan: &Plan,
    row: &Record,
    state: &mut RowState,
    weight: Decimal,
    range: Range,
    findings: &mut Vec<Finding>,
) -> super::error::Result<()> {
    let overflow = || EvalError::failed(ArithError::Overflow, Span::default());
    // The range is exact shares of the weight: a self score is held to the exact ends,
    // and only the score that results is rounded.
    let lo = weight.checked_mul(range.low).ok_or_else(overflow)?;
    let hi = weight.checked_mul(range.high).ok_or_else(overflow)?;
    let open = range.open;
    let (least, most) = inside(plan, lo, hi, open)?;
    let name = plan.indicator_keys.name.text(row).unwrap_or("");
    let grade = state.grade.clone().unwrap_or_else(|| "".into());
    let shown = shown(lo, hi, open);
    let score = match self_score(plan, row) {
        Some(s) if within(s, lo, hi, open) => s,
        Some(s) => {
            findings.push(engine(
                plan,
                EngineCode::ScoreOutOfRange,
                row,
                "self_score",
                name,
                t!(
                    FINDING_SCORE_OUT_OF_RANGE,
                    name,
                    grade,
                    range = shown,
                    score = s
                ),
            ));
            if s < lo || (open.low && s == lo) {
                least
            } else {
                most
            }
        }
        None => {
            let least_shown = least.normalize();
            findings.push(engine(
                plan,
                EngineCode::MissingSelfScore,
                row,
                "self_score",
                name,
                t!(
                    FINDING_MISSING_SELF_SCORE,
                    name,
                    grade,
                    range = shown,
                    least = least_shown
                ),
            ));
            least
        }
    };
    let (zero, whole) = super::bounds::of_weight(weight);
    state.score = on_the_steps_scale(plan, score.max(zero).min(whole));
    Ok(())
}

/// The score a range gives, not rounded: the department's score inside the range is the
/// score, and so is the range's end it is held to (a weight of 8.33 at 80% is 6.664;
/// rounded to 0.01 it would fall outside the range, and held inside it would be 6.67, a
/// score neither the department nor the policy gave). Written with the decimals it needs,
/// and at least the rounding step's (11 as `11.00`), as every other score is.
fn on_the_steps_scale(plan: &Plan, score: Decimal) -> Decimal {
    let Some(rounding) = plan.rounding else {
        return score;
    };
    // The ends are products of a weight and a share: 8.33 × 0.80 is 6.6640.
    let mut shown = score.normalize();
    if shown.scale() < rounding.step.scale() {
        shown.rescale(rounding.step.scale());
        // Raising the scale cannot lose a digit short of a decimal's 28; where it would,
        // the score is kept as it was.
        if shown != score {
            return score;
        }
    }
    shown
}

/// Whether a self score lies in the range.
fn within(s: Decimal, lo: Decimal, hi: Decimal, open: Open) -> bool {
    let above_low = if open.low { s > lo } else { s >= lo };
    let below_high = if open.high { s < hi } else { s <= hi };
    above_low && below_high
}

/// The least and greatest score inside the range: its ends, or, at an open end, the
/// multiple of the rounding step nearest inside it.
fn inside(
    plan: &Plan,
    lo: Decimal,
    hi: Decimal,
    open: Open,
) -> super::error::Result<(Decimal, Decimal)> {
    let Some(rounding) = plan.rounding else {
        return Ok((lo, hi));
    };
    let step = |x: Decimal, mode| {
        crate::value::round_to_step(x, rounding.step, mode)
            .map_err(|e| EvalError::failed(e, Span::default()))
    };
    let past = |x: Decimal, by: Decimal| {
        x.checked_add(by)
            .ok_or_else(|| EvalError::failed(ArithError::Overflow, Span::default()))
    };
    let least = if open.low {
        past(step(lo, RoundingMode::Floor)?, rounding.step)?
    } else {
        lo
    };
    let most = if open.high {
        past(step(hi, RoundingMode::Ceiling)?, -rounding.step)?
    } else {
        hi
    };
    // A range narrower than a step has no score inside it on the step: its ends stand.
    Ok(if least > most {
        (lo, hi)
    } else {
        (least, most)
    })
}

/// `5.496 至 7.328（不含）`: the range's ends, an open one marked.
fn shown(lo: Decimal, hi: Decimal, open: Open) -> String {
    let mark = |is_open: bool| {
        if is_open {
            t!(FINDING_RANGE_OPEN)
        } else {
            String::new()
        }
    };
    t!(
        FINDING_RANGE,
        lo = lo.normalize(),
        lo_open = mark(open.low),
        hi = hi.normalize(),
        hi_open = mark(open.high)
    )
}
