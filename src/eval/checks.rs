//! Running the ruleset's `discard` rules and checks, and writing their findings.

use crate::data::project::Record;
use crate::finding::Finding;
use crate::i18n::t;
use crate::ir::defs::{CheckDef, FindingDef, MessagePart};
use crate::ir::vocab::INDICATORS;
use crate::ir::{Expr, ExprKind};
use crate::source::Span;

use super::coverage::Part;
use super::describe;
use super::env::{At, Env, Truths};
use super::error::EvalError;
use super::outcome::RowState;

use super::error::Result;

/// Which recognised rows a `discard` rule refuses the actual value of; raises their
/// findings.
pub(crate) fn discards(
    env: &mut Env<'_>,
    rows: &[Record],
    states: &[RowState],
    findings: &mut Vec<Finding>,
) -> Result<Vec<bool>> {
    let mut discarded = vec![false; rows.len()];
    for rule in &env.plan.discards {
        env.looping(|env| discard(env, rule, rows, states, &mut discarded, findings))?;
    }
    Ok(discarded)
}

/// One `discard` rule over every recognised row.
fn discard(
    env: &mut Env<'_>,
    rule: &crate::ir::defs::DiscardDef,
    rows: &[Record],
    states: &[RowState],
    discarded: &mut [bool],
    findings: &mut Vec<Finding>,
) -> Result<()> {
    // Decided for every row at once where it can be (see `Env::truths`).
    let place = env.place(INDICATORS);
    let known = env.truths(&rule.condition, place, rows.len());
    for (i, (row, state)) in rows.iter().zip(states).enumerate() {
        if !state.recognized {
            continue;
        }
        if env.truth_at(known.as_ref(), place, i, &rule.condition)? != Some(true) {
            continue;
        }
        if let Some(flag) = discarded.get_mut(i) {
            *flag = true;
        }
        env.mark(|| Part::Discard(rule.finding.span));
        let finding = env.in_indicator_row(i, |env| {
            let message = match &rule.finding.message {
                Some(parts) => render(env, parts, Some(INDICATORS))?,
                None => {
                    let name = env.plan.indicator_keys.name.text(row).unwrap_or("");
                    t!(FINDING_DISCARDED, name)
                }
            };
            // Point at the value refused, or else at what refused it.
            let at = env
                .plan
                .indicator_keys
                .actual
                .get(row)
                .map(|f| f.span)
                .or_else(|| locate(env, &rule.condition))
                .or(Some(row.span));
            Ok::<_, Box<EvalError>>(finding(
                &rule.finding,
                message,
                Some(row_name(env.plan, row)),
                at,
            ))
        })?;
        findings.push(finding);
    }
    Ok(())
}

/// Runs every check, once per project or once per row.
pub(crate) fn checks(env: &mut Env<'_>, findings: &mut Vec<Finding>) -> Result<()> {
    for (index, check) in env.plan.checks.iter().enumerate() {
        // A check settled as holding raises nothing; an explained run records each.
        let settle = check.settleable && env.check_runs.is_none();
        match &check.rows {
            None => {
                if env.check_runs.is_some() {
                    note_run(env, index, check, None)?;
                }
                if settle && env.surely_holds(check, None) {
                    continue;
                }
                if let Some(f) = run_check(env, check, None)? {
                    findings.push(f);
                }
            }
            Some(section) => {
                let section = section.as_str();
                let place = env.place(section);
                let rows = env.row_count(section);
                let sure = SureRows::of(env, check, place, rows);
                env.looping(|env| {
                    for i in 0..rows {
                        if env.check_runs.is_some() {
                            env.in_row_at(place, i, |env| note_run(env, index, check, Some(i)))?;
                        }
                        // Rows the key rules out fail the condition: no need to try it.
                        if let Some(key) = &check.key
                            && env.truth_at(sure.keys.as_ref(), place, i, key)? != Some(true)
                        {
                            continue;
                        }
                        if sure.holds(i) || (settle && env.surely_holds(check, Some((place, i)))) {
                            continue;
                        }
                        if let Some(f) =
                            env.in_row_at(place, i, |env| run_check(env, check, Some(i)))?
                        {
                            findings.push(f);
                        }
                    }
                    Ok::<_, Box<EvalError>>(())
                })?;
            }
        }
    }
    Ok(())
}

/// What is known of a check over rows before its rows are visited: its key and whether
/// it holds, decided for every row at once where they can be (see [`Env::truths`]).
/// Only rows where the check may fail are visited to run it, and only rows whose key is
/// not known have it decided row by row. When the run is explained, nothing is known
/// beforehand: every row is visited, as the explanation records each.
struct SureRows {
    /// Whether the key holds in each row.
    keys: Option<Truths>,
    /// For each row, `Some(false)` where its condition holds and its assertion is false:
    /// a row the check fails in; anything else where it does not (the assertion's truths,
    /// rewritten in place where the condition does not hold).
    holds: Option<Truths>,
}

impl SureRows {
    fn of(env: &Env<'_>, check: &CheckDef, place: usize, rows: usize) -> Self {
        if env.check_runs.is_some() {
            return SureRows {
                keys: None,
                holds: None,
            };
        }
        let keys = check.key.as_ref().and_then(|k| env.truths(k, place, rows));
        let assertion = env.truths(&check.assertion, place, rows);
        let holds = match (&check.condition, assertion) {
            (_, None) => None,
            (None, Some(a)) => Some(a),
            (Some(c), Some(mut a)) => env.truths(c, place, rows).map(|c| {
                for (a, c) in a.iter_mut().zip(c) {
                    if c != Some(true) {
                        *a = None;
                    }
                }
                a
            }),
        };
        SureRows { keys, holds }
    }

    /// Whether the check is known not to fail in row `i`.
    fn holds(&self, i: usize) -> bool {
        self.holds
            .as_ref()
            .and_then(|h| h.get(i))
            .is_some_and(|h| *h != Some(false))
    }
}

/// Records how a check ran, when the run is explained: whether it applied, whether it
/// held, and the two sides of a comparison.
fn note_run(env: &mut Env<'_>, index: usize, check: &CheckDef, row: Option<usize>) -> Result<()> {
    if env.check_runs.is_none() {
        return Ok(());
    }
    let applies = match &check.condition {
        Some(cond) => env.truth(cond)? == Some(true),
        None => true,
    };
    let (holds, sides) = if applies {
        let holds = env.truth(&check.assertion)?;
        (holds, comparison_sides(env, &check.assertion)?)
    } else {
        (None, None)
    };
    if let Some(runs) = &mut env.check_runs {
        runs.push(super::trace::CheckRun {
            check: index,
            row,
            applies,
            holds,
            sides,
        });
    }
    Ok(())
}

/// The values of a comparison's two sides, as a report writes them: in the 自评表's
/// words, Chinese whatever the language of messages (`perfeval explain` is such a
/// report).
fn comparison_sides(env: &mut Env<'_>, assertion: &Expr) -> Result<Option<(String, String)>> {
    let ExprKind::Binary(op, l, r) = &assertion.kind else {
        return Ok(None);
    };
    if matches!(
        op,
        crate::ir::vocab::BinaryOp::And | crate::ir::vocab::BinaryOp::Or
    ) {
        return Ok(None);
    }
    let (lv, rv) = (env.eval(l)?, env.eval(r)?);
    let plan = env.plan;
    Ok(Some(crate::i18n::with_language(
        crate::i18n::Language::Zh,
        || (describe::value(plan, &lv), describe::value(plan, &rv)),
    )))
}

/// A finding where the check applies and fails; nothing where it holds or does not
/// apply (its condition is false, or a value it needs is missing).
fn run_check(env: &mut Env<'_>, check: &CheckDef, row: Option<usize>) -> Result<Option<Finding>> {
    if let Some(cond) = &check.condition
        && env.truth(cond)? != Some(true)
    {
        return Ok(None);
    }
    if env.truth(&check.assertion)? != Some(false) {
        return Ok(None);
    }
    env.mark(|| Part::Check(check.finding.span));
    let section = check.rows.as_deref();
    let message = match &check.finding.message {
        Some(parts) => render(env, parts, section)?,
        None => default_message(env, &check.assertion, section)?,
    };
    let at = locate(env, check.at.as_ref().unwrap_or(&check.assertion));
    let indicator = match (section, row) {
        (Some(INDICATORS), Some(i)) => env
            .rows_of(INDICATORS)
            .get(i)
            .map(|r| row_name(env.plan, r)),
        _ => None,
    };
    Ok(Some(finding(&check.finding, message, indicator, at)))
}

fn row_name(plan: &crate::compile::Plan, row: &Record) -> String {
    plan.indicator_keys.name.text(row).unwrap_or("").to_owned()
}

fn finding(
    def: &FindingDef,
    message: String,
    indicator: Option<String>,
    at: Option<Span>,
) -> Finding {
    Finding {
        code: def.code.clone(),
        severity: def.severity,
        message,
        indicator,
        at,
        rule: Some(def.code.clone()),
        clause: (!def.doc.is_empty()).then(|| def.doc.clone()),
    }
}

fn render(env: &mut Env<'_>, parts: &[MessagePart], _section: Option<&str>) -> Result<String> {
    // Room for the text and a number in each hole: most messages are written without
    // growing the string.
    let room = parts
        .iter()
        .map(|p| match p {
            MessagePart::Text(t) => t.len(),
            MessagePart::Hole(_) => 16,
        })
        .sum();
    let mut out = String::with_capacity(room);
    for part in parts {
        match part {
            MessagePart::Text(t) => out.push_str(t),
            MessagePart::Hole(e) => {
                let v = env.eval(e)?;
                describe::push_value(env.plan, &v, &mut out);
            }
        }
    }
    Ok(out)
}

/// "「L」为 l，「R」为 r，两者应相等" for a failed comparison.
fn default_message(env: &mut Env<'_>, assertion: &Expr, section: Option<&str>) -> Result<String> {
    let plan = env.plan;
    if let ExprKind::Binary(op, l, r) = &assertion.kind
        && !matches!(
            op,
            crate::ir::vocab::BinaryOp::And | crate::ir::vocab::BinaryOp::Or
        )
    {
        let lv = env.eval(l)?;
        let rv = env.eval(r)?;
        let (left, right) = describe::sides(plan, l, r, section);
        return Ok(t!(
            FINDING_CHECK_COMPARED,
            left = left,
            left_value = describe::value(plan, &lv),
            right = right,
            right_value = describe::value(plan, &rv),
            expectation = describe::expectation(*op)
        ));
    }
    Ok(t!(
        FINDING_CHECK_FAILED,
        condition = describe::expr(plan, assertion, section)
    ))
}

/// The project-file location of the first form value an expression reads.
fn locate(env: &Env<'_>, e: &Expr) -> Option<Span> {
    match &e.kind {
        ExprKind::SectionField { section, field, .. } => env
            .record(section)?
            .get_at(field.at(), env.stamp())
            .map(|f| f.span),
        ExprKind::RowField(field, _) => {
            let (section, row) = env.current_row()?;
            env.rows_of(section)
                .get(row)?
                .get_at(field.at(), env.stamp())
                .map(|f| f.span)
        }
        // The field of the row outside: the row before the innermost one.
        ExprKind::Outer(inner) => match &inner.kind {
            ExprKind::RowField(field, _) => {
                let (section, row) = env.outer_row()?;
                env.rows_of(section)
                    .get(row)?
                    .get_at(field.at(), env.stamp())
                    .map(|f| f.span)
            }
            _ => None,
        },
        ExprKind::Project(base, _)
        | ExprKind::Filter(base, _)
        | ExprKind::Unary(_, base)
        | ExprKind::RowMember(base, _) => locate(env, base),
        ExprKind::Binary(_, l, r) => locate(env, l).or_else(|| locate(env, r)),
        ExprKind::If(c, a, b) => locate(env, c)
            .or_else(|| locate(env, a))
            .or_else(|| locate(env, b)),
        ExprKind::Call(_, args) => args.iter().find_map(|a| locate(env, a)),
        ExprKind::Const(_)
        | ExprKind::Constant { .. }
        | ExprKind::Global(_)
        | ExprKind::Rows { .. }
        | ExprKind::Computed(_)
        | ExprKind::Local(_)
        | ExprKind::PoolField(_) => None,
    }
}
