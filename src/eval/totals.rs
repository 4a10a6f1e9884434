//! After the indicators are scored: score adjustments, lines, the total, total
//! adjustments and the rating.

use rust_decimal::Decimal;

use crate::finding::Finding;
use crate::i18n::t;
use crate::ir::defs::AdjustDef;
use crate::ir::vocab::INDICATORS;
use crate::value::{self, Num, Unit};

use super::bounds;
use super::coverage::Part;
use super::env::Env;
use super::error::EvalError;
use super::outcome::RowState;
use super::score::round_score;
use super::weights::number;

use super::error::Result;

/// Applies every `adjust … score for indicators` in order; each change is a finding.
pub(crate) fn adjust_scores(
    env: &mut Env<'_>,
    states: &mut [RowState],
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let (plan, project) = (env.plan, env.project());
    let section = INDICATORS;
    let rows = project.rows(INDICATORS);
    // Every row sees the scores as they were before the adjustments; each adjustment
    // works on the scores the previous ones left.
    for adjust in plan.adjustments.iter().filter(|a| a.rows.is_some()) {
        for i in 0..states.len() {
            if !states.get(i).is_some_and(|s| s.recognized) {
                continue;
            }
            env.current = states.get(i).map(|s| (i, s.clone()));
            let result = env.in_row(section, i, |env| adjusted(env, adjust));
            env.current = None;
            let Some(new) = result? else {
                continue;
            };
            let Some(state) = states.get_mut(i) else {
                continue;
            };
            // An adjusted score stays a score: between nothing and the weight.
            let (low, high) = bounds::of_weight(state.expected_weight.unwrap_or_default());
            let new = bounds::round_within(plan, new, low, high)?;
            if new != state.score {
                let name = rows
                    .get(i)
                    .and_then(|r| plan.indicator_keys.name.text(r))
                    .unwrap_or("");
                let at = rows
                    .get(i)
                    .and_then(|r| {
                        let keys = &plan.indicator_keys;
                        keys.self_score.get(r).or_else(|| keys.actual.get(r))
                    })
                    .map(|f| f.span);
                env.mark(|| Part::Adjust(adjust.finding.span));
                findings.push(change(
                    adjust,
                    t!(FINDING_SCORE_ADJUSTED, name, old = state.score, new),
                    Some(name.to_owned()),
                    at,
                ));
                state.score = new;
            }
        }
    }
    Ok(())
}

/// The value an adjustment gives where it applies.
fn adjusted(env: &mut Env<'_>, adjust: &AdjustDef) -> Result<Option<Decimal>> {
    if let Some(cond) = &adjust.condition
        && env.truth(cond)? != Some(true)
    {
        return Ok(None);
    }
    Ok(env.number(&adjust.formula)?.map(|n| n.value))
}

fn change(
    adjust: &AdjustDef,
    message: String,
    indicator: Option<String>,
    at: Option<crate::source::Span>,
) -> Finding {
    Finding {
        code: adjust.finding.code.clone(),
        severity: adjust.finding.severity,
        message,
        indicator,
        at,
        rule: Some(adjust.finding.code.clone()),
        clause: (!adjust.finding.doc.is_empty()).then(|| adjust.finding.doc.clone()),
    }
}

/// Each line's score, rounded as the ruleset says; no value counts as 0.
pub(crate) fn lines(env: &mut Env<'_>) -> Result<Vec<(String, String, Decimal)>> {
    let plan = env.plan;
    let mut scores = Vec::with_capacity(plan.lines.len());
    for line in &plan.lines {
        env.mark(|| Part::Line(line.score.span));
        let raw = env
            .eval(&line.score)?
            .as_num()
            .map_or(Decimal::ZERO, |n| n.value);
        // A line scores between nothing and its points, where it has points.
        let points = match &line.points {
            Some(points) => number(env, points)?,
            None => None,
        };
        let high = points.unwrap_or(raw).max(Decimal::ZERO);
        scores.push((
            line.key.clone(),
            line.label.clone(),
            bounds::round_within(plan, raw, Decimal::ZERO, high)?,
        ));
    }
    Ok(scores)
}

/// The sum of the rows' scores and the lines, written to the rounding step's decimals
/// (a form with no indicators totals `0.00`, not `0`, under `rounding 0.01`).
pub(crate) fn sum(
    plan: &crate::compile::Plan,
    states: &[RowState],
    lines: &[(String, String, Decimal)],
) -> Result<Decimal> {
    let scores = states
        .iter()
        .map(|s| s.score)
        .chain(lines.iter().map(|l| l.2));
    let mut total = Num::new(Decimal::ZERO, Unit::Points);
    for score in scores {
        total = value::add(total, Num::new(score, Unit::Points))
            .map_err(|e| EvalError::failed(e, crate::source::Span::default()))?;
    }
    let mut total = total.value;
    if let Some(rounding) = plan.rounding
        && total.scale() < rounding.step.scale()
    {
        total.rescale(rounding.step.scale());
    }
    Ok(total)
}

/// Applies every `adjust … total` in order; each change is a finding.
pub(crate) fn adjust_total(env: &mut Env<'_>, findings: &mut Vec<Finding>) -> Result<Decimal> {
    let plan = env.plan;
    let mut total = env.total.unwrap_or(Decimal::ZERO);
    for adjust in plan.adjustments.iter().filter(|a| a.rows.is_none()) {
        env.total = Some(total);
        let Some(new) = adjusted(env, adjust)? else {
            continue;
        };
        let new = round_score(plan, new)?;
        if new != total {
            env.mark(|| Part::Adjust(adjust.finding.span));
            findings.push(change(
                adjust,
                t!(FINDING_TOTAL_ADJUSTED, old = total, new),
                None,
                None,
            ));
            total = new;
        }
    }
    env.total = Some(total);
    Ok(total)
}

/// The first grade of the rating whose condition holds.
pub(crate) fn rating(env: &mut Env<'_>) -> Result<Option<String>> {
    for grade in &env.plan.rating {
        let holds = match &grade.condition {
            None => true,
            Some(cond) => env.truth(cond)? == Some(true),
        };
        if holds {
            env.mark(|| Part::Rating(grade.span));
            return Ok(Some(grade.name.clone()));
        }
    }
    Ok(None)
}
