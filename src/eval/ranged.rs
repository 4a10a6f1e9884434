//! Grades that allow a range of scores: the department picks a score inside the range,
//! and the engine holds it to the range.

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::data::project::Record;
use crate::finding::Finding;
use crate::i18n::t;
use crate::source::Span;
use crate::value::ArithError;

use super::classify::{engine, text};
use super::error::EvalError;
use super::outcome::RowState;
use super::score::self_score;

/// Scores a row whose grade allows `low`..=`high` shares of `weight`: the declared self
/// score where it lies inside, else the nearest end (`score-out-of-range`); without a
/// self score, the low end (`missing-self-score`).
pub(crate) fn score_in_range(
    plan: &Plan,
    row: &Record,
    state: &mut RowState,
    weight: Decimal,
    low: Decimal,
    high: Decimal,
    findings: &mut Vec<Finding>,
) -> Result<(), EvalError> {
    let overflow = || EvalError::arith(ArithError::Overflow, Span::default());
    // The range is exact shares of the weight: a self score is held to the exact ends,
    // and only the score that results is rounded.
    let lo = weight.checked_mul(low).ok_or_else(overflow)?;
    let hi = weight.checked_mul(high).ok_or_else(overflow)?;
    let name = text(row, "name").unwrap_or("");
    let grade = state.grade.clone().unwrap_or_default();
    let (lo_shown, hi_shown) = (lo.normalize(), hi.normalize());
    let score = match self_score(row) {
        Some(s) if s >= lo && s <= hi => s,
        Some(s) => {
            findings.push(engine(
                plan,
                "score-out-of-range",
                row,
                "self_score",
                name,
                t!(
                    FINDING_SCORE_OUT_OF_RANGE,
                    name,
                    grade,
                    lo = lo_shown,
                    hi = hi_shown,
                    score = s
                ),
            ));
            if s < lo { lo } else { hi }
        }
        None => {
            findings.push(engine(
                plan,
                "missing-self-score",
                row,
                "self_score",
                name,
                t!(
                    FINDING_MISSING_SELF_SCORE,
                    name,
                    grade,
                    lo = lo_shown,
                    hi = hi_shown
                ),
            ));
            lo
        }
    };
    let (least, most) = super::bounds::of_weight(weight);
    state.score = super::bounds::round_within(plan, score, lo.max(least), hi.min(most))?;
    Ok(())
}
