//! Evaluation: one project against a compiled ruleset, with exact decimal arithmetic.
//!
//! Scoring goes in steps: classify the rows (category, catalog), allocate weights,
//! apply `discard` rules, score each row, sum the total, then run the checks. Nothing
//! here reads files or prints; the result is an [`Outcome`].

pub(crate) mod checks;
pub(crate) mod classify;
pub mod describe;
pub(crate) mod env;
pub mod error;
pub(crate) mod functions;
pub mod measure;
pub mod outcome;
pub(crate) mod ranged;
pub(crate) mod score;
pub(crate) mod weights;

use rust_decimal::Decimal;

use crate::check::expr::INDICATORS;
use crate::compile::Plan;
use crate::data::project::{Project, Record};
use crate::finding::Finding;
use crate::value::{self, ArithError};

use self::classify::text;
use self::env::Env;
use self::error::EvalError;
use self::outcome::{IndicatorOutcome, Outcome, RowState};

/// Evaluates one project.
///
/// # Errors
///
/// A ruleset formula that cannot be computed for this project (a division by zero, a
/// number out of range), with its span in the ruleset.
pub fn evaluate(plan: &Plan, project: &Project) -> Result<Outcome, EvalError> {
    let rows = project.rows(INDICATORS);
    let mut findings = Vec::new();
    let mut states = classify::classify(plan, rows, &mut findings);
    let classified = states.clone();
    let mut env = Env::new(plan, project, &classified);
    weights::allocate(&mut env, rows, &mut states)?;
    let discarded = {
        let mut env = Env::new(plan, project, &states);
        checks::discards(&mut env, rows, &states, &mut findings)?
    };
    // Formulas used in scoring may ask for a row's category; they see the classification.
    let classified = states.clone();
    for (i, (row, state)) in rows.iter().zip(states.iter_mut()).enumerate() {
        if state.recognized {
            let mut env = Env::new(plan, project, &classified);
            let refused = discarded.get(i).copied().unwrap_or(false);
            score::score_row(&mut env, i, row, state, refused, &mut findings)?;
        } else {
            state.score = score::round_score(plan, Decimal::ZERO)?;
        }
    }
    let total = total(&states)?;
    let mut env = Env::new(plan, project, &states);
    let max_score = match &plan.max_score {
        Some(e) => weights::number(&mut env, e)?,
        None => None,
    };
    env.total = Some(total);
    env.max_score = max_score;
    checks::checks(&mut env, &mut findings)?;
    sort(&mut findings);
    Ok(Outcome {
        source: project.source.clone(),
        name: project_name(project),
        indicators: rows
            .iter()
            .zip(states)
            .map(|(r, s)| indicator(plan, r, s))
            .collect(),
        total,
        max_score,
        findings,
    })
}

fn total(states: &[RowState]) -> Result<Decimal, EvalError> {
    states.iter().try_fold(Decimal::ZERO, |sum, s| {
        value::add(
            value::Num::new(sum, value::Unit::Points),
            value::Num::new(s.score, value::Unit::Points),
        )
        .map(|n| n.value)
        .map_err(|e: ArithError| EvalError::arith(e, crate::source::Span::default()))
    })
}

/// Findings in the order of the project file; those without a place come last, in
/// the order they were raised.
fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| f.at.map_or((1, 0), |s| (0, s.start)));
}

fn project_name(project: &Project) -> Option<String> {
    project
        .record("project")
        .and_then(|r| text(r, "name"))
        .map(str::to_owned)
}

fn indicator(plan: &Plan, row: &Record, state: RowState) -> IndicatorOutcome {
    let label = text(row, "category").unwrap_or("");
    let category = state
        .category
        .and_then(|c| plan.categories.get(c))
        .map_or_else(|| label.to_owned(), |c| c.name.clone());
    IndicatorOutcome {
        category,
        name: text(row, "name").unwrap_or("").to_owned(),
        target: text(row, "target").unwrap_or("").to_owned(),
        actual: text(row, "actual").map(str::to_owned),
        weight: weights::decimal(row, "weight"),
        self_score: score::self_score(row),
        state,
    }
}
