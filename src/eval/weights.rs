//! The second step of scoring: each recognised row's weight, as its pool splits its
//! points.

use rust_decimal::Decimal;

use crate::compile::{Plan, PoolPlan, SplitPlan};
use crate::data::project::{Datum, Record};
use crate::ir::Expr;
use crate::ir::vocab::ResidualRule;
use crate::value;

use super::coverage::Part;
use super::env::Env;
use super::error::EvalError;
use super::outcome::{PoolState, RowState};

use super::error::Result;

/// A declared decimal field of a row.
pub(crate) fn decimal(row: &Record, field: &str) -> Option<Decimal> {
    match row.get(field).map(|f| &f.value) {
        Some(Datum::Decimal(d)) => Some(*d),
        _ => None,
    }
}

/// Evaluates a number that needs no row: pool points, catalog weights, band edges.
pub(crate) fn number(env: &mut Env<'_>, expr: &Expr) -> Result<Option<Decimal>> {
    Ok(env.number(expr)?.map(|n| n.value))
}

/// The expected weight of every row, by row: a recognised row's from its pool, none for
/// the others. `entries` are the catalog entries classifying found (see
/// [`super::classify::Classified`]). The rows' states are read, not changed, so that the
/// pools' formulas see every row as classifying left it, whatever pool comes first.
pub(crate) fn allocate(
    env: &mut Env<'_>,
    rows: &[Record],
    entries: &[Option<usize>],
    states: &[RowState],
) -> Result<Vec<Option<Decimal>>> {
    let plan = env.plan;
    let mut expected = vec![None; states.len()];
    for (pool_id, pool) in plan.pools.iter().enumerate() {
        let members: Vec<usize> = states
            .iter()
            .enumerate()
            .filter(|(_, s)| s.recognized && in_pool(plan, s, pool_id))
            .map(|(i, _)| i)
            .collect();
        if members.is_empty() {
            continue;
        }
        match &pool.split {
            SplitPlan::Fixed { entries: defs, .. } => {
                for &i in &members {
                    // A member's category is in this pool: its entry is this pool's.
                    let entry = entries.get(i).copied().flatten();
                    let weight = match entry.and_then(|e| defs.get(e)) {
                        Some(e) => number(env, &e.weight)?,
                        None => None,
                    };
                    if let Some(slot) = expected.get_mut(i) {
                        *slot = weight;
                    }
                }
            }
            SplitPlan::Evenly { share, residual } => {
                let Some(points) = number(env, &pool.points)? else {
                    continue;
                };
                let (weights, matched) =
                    even_split(pool, points, &members, rows, *share, *residual)?;
                if let Some(matched) = matched {
                    env.mark(|| Part::Residual(pool.span, matched));
                }
                for (i, w) in members.iter().zip(weights) {
                    if let Some(slot) = expected.get_mut(*i) {
                        *slot = Some(w);
                    }
                }
            }
            SplitPlan::Declared => {
                for &i in &members {
                    let declared = rows.get(i).and_then(|r| decimal(r, "weight"));
                    if let Some(slot) = expected.get_mut(i) {
                        *slot = declared;
                    }
                }
            }
        }
    }
    Ok(expected)
}

fn in_pool(plan: &Plan, state: &RowState, pool: usize) -> bool {
    state
        .category
        .and_then(|c| plan.categories.get(c))
        .is_some_and(|c| c.pool == Some(pool))
}

/// Splits `points` evenly among `members`, rounds the share, and gives what rounding
/// leaves to the member the residual rule picks. Where rounding left something and the
/// rule looks for a declared weight, also whether one matched.
fn even_split(
    pool: &PoolPlan,
    points: Decimal,
    members: &[usize],
    rows: &[Record],
    share_rounding: Option<crate::ir::defs::RoundingDef>,
    residual: ResidualRule,
) -> Result<(Vec<Decimal>, Option<bool>)> {
    let overflow = || EvalError::failed(value::ArithError::Overflow, pool.points.span);
    let n = Decimal::from(members.len());
    let exact = points.checked_div(n).ok_or_else(overflow)?;
    let share = match share_rounding {
        Some(r) => value::round_to_step(exact, r.step, r.mode)
            .map_err(|e| EvalError::failed(e, pool.points.span))?,
        None => exact,
    };
    // What rounding the share leaves (possibly negative) goes to one indicator.
    let allotted = share.checked_mul(n).ok_or_else(overflow)?;
    let leftover = points.checked_sub(allotted).ok_or_else(overflow)?;
    let carrier_weight = share.checked_add(leftover).ok_or_else(overflow)?;
    let (carrier, matched) = residual_carrier(members, rows, carrier_weight, residual);
    let weights = (0..members.len())
        .map(|k| {
            if Some(k) == carrier {
                carrier_weight
            } else {
                share
            }
        })
        .collect();
    Ok((weights, matched.filter(|_| !leftover.is_zero())))
}

/// The position among `members` of the one who carries the residual, if anyone does;
/// for `matching`, also whether a declared weight matched.
fn residual_carrier(
    members: &[usize],
    rows: &[Record],
    carrier_weight: Decimal,
    rule: ResidualRule,
) -> (Option<usize>, Option<bool>) {
    let last = members.len().saturating_sub(1);
    match rule {
        ResidualRule::First => (Some(0), None),
        ResidualRule::Last => (Some(last), None),
        // Every share stays as rounded: the weights add up to what they add up to.
        ResidualRule::Nobody => (None, None),
        ResidualRule::Matching { fallback_last } => {
            let matching = members.iter().position(|&i| {
                rows.get(i).and_then(|r| decimal(r, "weight")) == Some(carrier_weight)
            });
            let fallback = if fallback_last { last } else { 0 };
            (Some(matching.unwrap_or(fallback)), Some(matching.is_some()))
        }
    }
}

/// Each pool's name, which is all that is known of it before weights are allotted.
pub(crate) fn named_pools(plan: &Plan) -> Vec<PoolState> {
    plan.pools
        .iter()
        .map(|p| PoolState {
            name: p.name.clone(),
            ..PoolState::default()
        })
        .collect()
}

/// What is known of each pool once weights are allotted: its points, members and
/// weights. Scores are added by [`add_scores`].
pub(crate) fn pool_states(
    env: &mut Env<'_>,
    rows: &[Record],
    states: &[RowState],
) -> Result<Vec<PoolState>> {
    let plan = env.plan;
    let mut pools = Vec::with_capacity(plan.pools.len());
    for (id, pool) in plan.pools.iter().enumerate() {
        let mut state = PoolState {
            name: pool.name.clone(),
            points: number(env, &pool.points)?,
            ..PoolState::default()
        };
        for (row, s) in rows.iter().zip(states) {
            if !(s.recognized && in_pool(plan, s, id)) {
                continue;
            }
            state.count += 1;
            state.weight = add(
                state.weight,
                decimal(row, "weight").unwrap_or_default(),
                pool,
            )?;
            state.expected_weight = add(
                state.expected_weight,
                s.expected_weight.unwrap_or_default(),
                pool,
            )?;
        }
        pools.push(state);
    }
    Ok(pools)
}

/// Adds each pool's members' scores.
pub(crate) fn add_scores(plan: &Plan, pools: &mut [PoolState], states: &[RowState]) -> Result<()> {
    for (id, (state, pool)) in pools.iter_mut().zip(&plan.pools).enumerate() {
        let members = states
            .iter()
            .filter(|s| s.recognized && in_pool(plan, s, id));
        state.score = Decimal::ZERO;
        for s in members {
            state.score = add(state.score, s.score, pool)?;
        }
    }
    Ok(())
}

fn add(a: Decimal, b: Decimal, pool: &PoolPlan) -> Result<Decimal> {
    a.checked_add(b)
        .ok_or_else(|| EvalError::failed(value::ArithError::Overflow, pool.points.span))
}
