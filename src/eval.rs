//! Evaluation: one project against a compiled ruleset, with exact decimal arithmetic.
//!
//! Scoring goes in steps: classify the rows (category, catalog), allocate weights,
//! apply `discard` rules, score each row, sum the total, then run the checks. Nothing
//! here reads files or prints; the result is an [`Outcome`].

pub(crate) mod bounds;
pub(crate) mod checks;
pub(crate) mod classify;
pub mod coverage;
pub mod describe;
pub(crate) mod env;
pub mod error;
pub mod measure;
pub mod outcome;
pub(crate) mod ranged;
pub(crate) mod readings;
pub(crate) mod score;
pub(crate) mod totals;
pub mod trace;
pub(crate) mod weights;

use std::borrow::Cow;
use std::cell::RefCell;

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::data::project::{Project, Record};
use crate::finding::{Finding, MESSAGE_LIMIT};
use crate::ir::vocab::INDICATORS;

use self::classify::text;
use self::coverage::{Coverage, Marks};
use self::env::{Env, Sections};
use self::error::EvalError;
use self::outcome::{IndicatorOutcome, Outcome, RowState};

/// The most steps of work (an expression evaluated, a row gone over by a filter or a
/// quantifier, a condition's part decided for a row) a form's evaluation may take, or
/// [`WORK_PER_ROW`] a row of a larger form: far more than any policy needs (the shipped
/// 2023 policy takes 28 a row, 234 for the seed's form), and a second or a few of a
/// filter nested in a filter's condition or a condition of a million terms
/// (`perfeval::eval::too_much_work` past it).
pub const WORK_LIMIT: u64 = 20_000_000;

/// The steps of work a form may take for each of its indicator rows, where that is more
/// than [`WORK_LIMIT`]: a 100,000-row form may take 50,000,000.
pub const WORK_PER_ROW: u64 = 500;

/// Evaluates one project.
///
/// # Errors
///
/// A ruleset formula that cannot be computed for this project (a division by zero, a
/// number out of range), with its span in the ruleset.
pub fn evaluate(plan: &Plan, project: &Project) -> Result<Outcome, EvalError> {
    evaluate_project(plan, project, None, None).map_err(|e| (*e).in_project(project.source.name()))
}

/// What scoring did, recorded for `perfeval explain`: each row's steps, each check's run.
#[derive(Clone, Debug, Default)]
pub struct Traces {
    /// The steps of each indicator row, in form order (none for unrecognized rows).
    pub rows: Vec<Vec<trace::Step>>,
    /// Every check as it ran, in the order they ran.
    pub checks: Vec<trace::CheckRun>,
}

/// Evaluates one project and records what scoring did, step by step, for `perfeval
/// explain`; the outcome is the one [`evaluate`] gives.
///
/// # Errors
///
/// As [`evaluate`].
pub fn evaluate_traced(plan: &Plan, project: &Project) -> Result<(Outcome, Traces), EvalError> {
    let mut traces = Traces::default();
    let outcome = evaluate_project(plan, project, None, Some(&mut traces))
        .map_err(|e| (*e).in_project(project.source.name()))?;
    Ok((outcome, traces))
}

/// Evaluates one project and says which parts of the ruleset took effect: which checks
/// raised their findings, which branch of its class each quantitative row took, which
/// grade each qualitative row got (see [`coverage::Part`]). For `perfeval test
/// --coverage`; the outcome is the one [`evaluate`] gives.
///
/// # Errors
///
/// As [`evaluate`].
pub fn evaluate_covered(plan: &Plan, project: &Project) -> Result<(Outcome, Coverage), EvalError> {
    let coverage = RefCell::new(Coverage::default());
    let outcome = evaluate_project(plan, project, Some(&coverage), None)
        .map_err(|e| (*e).in_project(project.source.name()))?;
    let mut coverage = coverage.into_inner();
    coverage.engine_findings(plan, &outcome.findings);
    Ok((outcome, coverage))
}

fn evaluate_project(
    plan: &Plan,
    project: &Project,
    marks: Marks<'_>,
    mut traces: Option<&mut Traces>,
) -> error::Result<Outcome> {
    // Every environment of the form finds the project's sections in one list.
    let sections = Sections::of(project, plan);
    let rows = sections.rows(INDICATORS);
    let mut findings = Vec::new();
    let texts = readings::texts_of(plan, rows);
    let readings = readings::read_rows(plan, &texts);
    let classify::Classified {
        mut states,
        entries,
    } = classify::classify(plan, (rows, &texts), &readings, &mut findings);
    let named = weights::named_pools(plan);
    let max_score = match &plan.max_score {
        Some(e) => weights::number(
            &mut Env::new(plan, &sections, &states)
                .with_pools(&named)
                .with_readings(&readings),
            e,
        )?,
        None => None,
    };
    // Pools' formulas see the rows as classifying left them (the named pools, no weight
    // yet): weights are allotted from those states, then set on them.
    let expected = weights::allocate(
        &mut scoring_env(plan, &sections, &states, &named, max_score)
            .with_marks(marks)
            .with_readings(&readings),
        rows,
        &entries,
        &states,
    )?;
    for (state, weight) in states.iter_mut().zip(expected) {
        state.expected_weight = weight;
    }
    bounds::no_negative_weights(plan, rows, &mut states, &mut findings);
    // Scoring's formulas see every row as weighed, while scoring changes the rows: a
    // copy, where any of them reads a row's state (see `compile::states`).
    let weighed = if plan.scoring_reads_states {
        states.clone()
    } else {
        Vec::new()
    };
    let mut pools = weights::pool_states(
        plan,
        &mut scoring_env(plan, &sections, &states, &named, max_score)
            .with_marks(marks)
            .with_readings(&readings),
        rows,
        &states,
    )?;
    let discarded = {
        let mut env = scoring_env(plan, &sections, &states, &pools, max_score)
            .with_marks(marks)
            .with_readings(&readings);
        checks::discards(&mut env, rows, &states, &mut findings)?
    };
    let row_traces = score_rows(
        plan,
        &sections,
        (&weighed, &pools),
        (max_score, marks),
        (&discarded, &readings),
        &mut states,
        &mut findings,
        traces.is_some(),
    )?;
    if let Some(traces) = traces.as_deref_mut() {
        traces.rows = row_traces;
    }
    weights::add_scores(plan, &mut pools, &states)?;
    // Row adjustments see the scores as they were before any of them; a ruleset without
    // one (most) needs neither that copy nor the pools summed again.
    if plan.adjustments.iter().any(|a| a.rows.is_some()) {
        let before = states.clone();
        totals::adjust_scores(
            &mut scoring_env(plan, &sections, &before, &pools, max_score)
                .with_marks(marks)
                .with_readings(&readings),
            &mut states,
            &mut findings,
        )?;
        weights::add_scores(plan, &mut pools, &states)?;
    }
    let mut env = scoring_env(plan, &sections, &states, &pools, max_score)
        .with_marks(marks)
        .with_readings(&readings);
    let lines = totals::lines(&mut env)?;
    let line_scores: Vec<(String, Decimal)> =
        lines.iter().map(|(k, _, v)| (k.clone(), *v)).collect();
    env.lines = &line_scores;
    env.total = Some(totals::sum(plan, &states, &lines)?);
    let total = totals::adjust_total(&mut env, &mut findings)?;
    bounds::total_in_range(plan, (&pools, &states), total, max_score)?;
    let rating = totals::rating(&mut env)?;
    env.rating = rating.as_deref();
    if traces.is_some() {
        env.check_runs = Some(Vec::new());
    }
    checks::checks(&mut env, &mut findings)?;
    if let (Some(traces), Some(runs)) = (traces, env.check_runs.take()) {
        traces.checks = runs;
    }
    sort(&mut findings);
    brief_messages(&mut findings);
    Ok(Outcome {
        source: project.source.clone(),
        name: project_name(project),
        indicators: rows
            .iter()
            .zip(states)
            .zip(&texts)
            .map(|((r, s), t)| indicator(plan, r, s, t))
            .collect(),
        total,
        max_score,
        lines,
        rating,
        findings,
        header: Vec::new(),
    })
}

/// An environment that sees the rows and pools as far as they are known.
fn scoring_env<'a>(
    plan: &'a Plan,
    sections: &'a Sections<'a>,
    states: &'a [RowState],
    pools: &'a [outcome::PoolState<'a>],
    max_score: Option<Decimal>,
) -> Env<'a> {
    Env::new(plan, sections, states)
        .with_pools(pools)
        .with_max(max_score)
}

/// Scores every recognised row; formulas see every row's classification and weight.
/// With `trace`, gives each row's steps.
#[allow(
    clippy::too_many_arguments,
    reason = "the scoring step's whole context, once"
)]
fn score_rows<'a>(
    plan: &'a Plan,
    sections: &'a Sections<'a>,
    (weighed, pools): (&'a [RowState], &'a [outcome::PoolState<'a>]),
    (max_score, marks): (Option<Decimal>, Marks<'a>),
    (discarded, readings): (&[bool], &'a [readings::RowReading]),
    states: &mut [RowState],
    findings: &mut Vec<Finding>,
    trace: bool,
) -> error::Result<Vec<Vec<trace::Step>>> {
    let mut traces = Vec::new();
    let rows = sections.rows(INDICATORS);
    // One environment for every row, so that what its formulas read across rows is
    // computed once (each row sees its own state through `current`).
    let mut env = Env::new(plan, sections, weighed)
        .with_pools(pools)
        .with_max(max_score)
        .with_marks(marks)
        .with_readings(readings);
    for (i, (row, state)) in rows.iter().zip(states.iter_mut()).enumerate() {
        if state.recognized {
            let refused = discarded.get(i).copied().unwrap_or(false);
            if trace {
                env.trace = Some(Vec::new());
            }
            score::score_row(&mut env, i, row, state, refused, findings)?;
        } else {
            state.score = score::round_score(plan, Decimal::ZERO)?;
        }
        if trace {
            traces.push(env.trace.take().unwrap_or_default());
        }
    }
    Ok(traces)
}

/// Findings in the order of the project file; those without a place come last, in
/// the order they were raised.
pub fn sort_findings(findings: &mut [Finding]) {
    sort(findings);
}

fn sort(findings: &mut [Finding]) {
    findings.sort_by_key(|f| f.at.map_or((1, 0), |s| (0, s.start)));
}

/// Every message at most [`MESSAGE_LIMIT`] characters: a message quotes the form's texts
/// (an actual value, an indicator's name), and a form's 100,000-character text must not
/// make a report's line, in every format, as long as the form.
fn brief_messages(findings: &mut [Finding]) {
    for finding in findings {
        if let Cow::Owned(short) = crate::text::brief(&finding.message, MESSAGE_LIMIT) {
            finding.message = short;
        }
    }
}

fn project_name(project: &Project) -> Option<String> {
    project
        .record("project")
        .and_then(|r| text(r, "name"))
        .map(str::to_owned)
}

fn indicator(
    plan: &Plan,
    row: &Record,
    state: RowState,
    texts: &readings::RowTexts<'_>,
) -> IndicatorOutcome {
    let label = texts.category.unwrap_or("");
    let category = state
        .category
        .and_then(|c| plan.categories.get(c))
        .map_or(label, |c| c.name.as_str());
    IndicatorOutcome {
        category: category.into(),
        name: texts.name.unwrap_or("").into(),
        target: texts.target.unwrap_or("").into(),
        actual: texts.actual.map(Into::into),
        weight: plan.indicator_keys.weight.decimal(row),
        self_score: score::self_score(plan, row),
        state,
    }
}
