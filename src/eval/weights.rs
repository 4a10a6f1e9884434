//! The second step of scoring: each recognised row's weight, as its pool splits its
//! points.

use rust_decimal::Decimal;

use crate::compile::{Plan, PoolPlan, RowKey, SplitPlan};
use crate::data::project::Record;
use crate::ir::Expr;
use crate::ir::vocab::ResidualRule;
use crate::value;

use super::coverage::Part;
use super::env::Env;
use super::error::EvalError;
use super::outcome::{PoolState, RowState};

use super::error::Result;

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
                let weight = plan.indicator_keys.weight;
                let (weights, matched) =
                    even_split(pool, points, &members, (rows, weight), *share, *residual)?;
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
                    let declared = rows
                        .get(i)
                        .and_then(|r| plan.indicator_keys.weight.decimal(r));
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
    (rows, weight): (&[Record], RowKey),
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
    let (carrier, matched) = residual_carrier(members, (rows, weight), carrier_weight, residual);
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
    (rows, weight): (&[Record], RowKey),
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
            let matching = members
                .iter()
                .position(|&i| rows.get(i).and_then(|r| weight.decimal(r)) == Some(carrier_weight));
            let fallback = if fallback_last { last } else { 0 };
            (Some(matching.unwrap_or(fallback)), Some(matching.is_some()))
        }
    }
}

/// Each pool's name, which is all that is known of it before weights are allotted.
pub(crate) fn named_pools(plan: &Plan) -> Vec<PoolState<'_>> {
    plan.pools
        .iter()
        .map(|p| PoolState {
            name: &p.name,
            ..PoolState::default()
        })
        .collect()
}

/// What is known of each pool once weights are allotted: its points, and where an
/// expression reads them (see `Plan::reads_pools`), its members and their weights.
/// Scores are added by [`add_scores`]. The states borrow their names from `plan`, the
/// environment's own, which outlives the environment.
pub(crate) fn pool_states<'p>(
    plan: &'p Plan,
    env: &mut Env<'_>,
    rows: &[Record],
    states: &[RowState],
) -> Result<Vec<PoolState<'p>>> {
    let mut pools = Vec::with_capacity(plan.pools.len());
    for (id, pool) in plan.pools.iter().enumerate() {
        let mut state = PoolState {
            name: &pool.name,
            points: number(env, &pool.points)?,
            ..PoolState::default()
        };
        if plan.reads_pools {
            add_members(plan, id, rows, states, &mut state)?;
        }
        pools.push(state);
    }
    Ok(pools)
}

/// Counts pool `id`'s members and adds up their declared and expected weights.
fn add_members(
    plan: &Plan,
    id: usize,
    rows: &[Record],
    states: &[RowState],
    state: &mut PoolState<'_>,
) -> Result<()> {
    let Some(pool) = plan.pools.get(id) else {
        return Ok(());
    };
    for (i, s) in members(plan, id, states) {
        let row = rows.get(i);
        state.count += 1;
        state.weight = add(
            state.weight,
            row.and_then(|r| plan.indicator_keys.weight.decimal(r))
                .unwrap_or_default(),
            pool,
        )?;
        state.expected_weight = add(
            state.expected_weight,
            s.expected_weight.unwrap_or_default(),
            pool,
        )?;
    }
    Ok(())
}

/// The expected weights of pool `id`'s members added up, as [`pool_states`] adds them
/// where an expression reads them.
pub(crate) fn expected_weight(plan: &Plan, id: usize, states: &[RowState]) -> Result<Decimal> {
    let Some(pool) = plan.pools.get(id) else {
        return Ok(Decimal::ZERO);
    };
    members(plan, id, states).try_fold(Decimal::ZERO, |sum, (_, s)| {
        add(sum, s.expected_weight.unwrap_or_default(), pool)
    })
}

/// The recognised rows of pool `id`, with their places among the rows.
fn members<'s>(
    plan: &Plan,
    id: usize,
    states: &'s [RowState],
) -> impl Iterator<Item = (usize, &'s RowState)> {
    let member = move |s: &RowState| s.recognized && in_pool(plan, s, id);
    states.iter().enumerate().filter(move |(_, s)| member(s))
}

/// Adds each pool's members' scores, where an expression reads them (see
/// `Plan::reads_pools`).
pub(crate) fn add_scores(
    plan: &Plan,
    pools: &mut [PoolState<'_>],
    states: &[RowState],
) -> Result<()> {
    if !plan.reads_pools {
        return Ok(());
    }
    for (id, (state, pool)) in pools.iter_mut().zip(&plan.pools).enumerate() {
        state.score = Decimal::ZERO;
        for (_, s) in members(plan, id, states) {
            state.score = add(state.score, s.score, pool)?;
        }
    }
    Ok(())
}

fn add(a: Decimal, b: Decimal, pool: &PoolPlan) -> Result<Decimal> {
    value::exact::add(a, b)
        .ok_or_else(|| EvalError::failed(value::ArithError::Overflow, pool.points.span))
}

#[cfg(test)]
mod tests {
    use crate::compile::Plan;
    use crate::data::{self, Format};
    use crate::source::SourceFile;
    use crate::testing::RULES_2023;

    fn plan(text: &str) -> Plan {
        crate::load_ruleset(&SourceFile::new("t.rules", text)).unwrap()
    }

    /// The 2023 policy with `check` added.
    fn with_check(check: &str) -> Plan {
        plan(&format!("{RULES_2023}\n{check}\n"))
    }

    /// A pool's value read anywhere (a field of a row of `pools`, a projection, a row's
    /// member) has the pools added up; the count of the rows alone reads none.
    #[test]
    fn a_ruleset_reads_the_pools_where_an_expression_reads_a_value_of_one() {
        assert!(!plan(RULES_2023).reads_pools);
        assert!(plan(include_str!("../../rulesets/mof-2020.rules")).reads_pools);
        let read = [
            "check probe error for pools { weight <= points }",
            "check probe error { sum(pools.score) <= 80 分 }",
            "check probe error { first(pools).name != \"\" }",
            "check probe error { count(pools[expected_weight > 0 分]) > 0 }",
        ];
        for check in read {
            assert!(with_check(check).reads_pools, "{check}");
        }
        assert!(!with_check("check probe error { count(pools) > 0 }").reads_pools);
    }

    /// Declared weights too large to add up are no longer added where nothing reads
    /// their sum: the form is scored, and each such weight is a `weight-mismatch` at its
    /// cell, where adding them up refused the whole form as out of range.
    #[test]
    fn weights_too_large_to_add_are_each_a_finding() {
        let huge = "weight = 50000000000000000000000000000";
        let form = crate::testing::EGOV_FORM.replacen("weight = 9.16", huge, 2);
        assert_eq!(form.matches(huge).count(), 2);
        let (plan, project) = crate::testing::plan_and_project(RULES_2023, &form);
        let outcome = crate::evaluate(&plan, &project).unwrap();
        let flagged = outcome
            .findings
            .iter()
            .filter(|f| f.code == "weight-mismatch" && f.message.contains("500000000"));
        assert_eq!(flagged.count(), 2, "{:?}", outcome.findings);
        let mut adding = plan.clone();
        adding.reads_pools = true;
        let refused = crate::evaluate(&adding, &project).unwrap_err();
        assert_eq!(refused.code(), "perfeval::eval::overflow");
    }

    /// Every policy-change variant over every form of the fixtures and examples gives
    /// the same outcome, or the same error, with the pools added up as without (short of
    /// weights too large to add up: `weights_too_large_to_add_are_each_a_finding`).
    #[test]
    fn leaving_unread_pools_unadded_changes_no_outcome() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut rulesets = vec![root.join("rulesets/2023.rules")];
        for entry in std::fs::read_dir(root.join("examples/policy-changes")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rules") {
                rulesets.push(path);
            }
        }
        let forms = crate::testing::fixture_forms();
        let (mut compared, mut unread) = (0, 0);
        for file in rulesets {
            let plan = crate::load_ruleset_file(&file, &mut crate::cli::FileLoader)
                .unwrap()
                .0;
            let mut adding = plan.clone();
            adding.reads_pools = true;
            unread += usize::from(!plan.reads_pools);
            for (_, text) in &forms {
                let source = SourceFile::new("f.toml", text.as_str());
                let Ok(project) = data::load_str(source, Format::Toml, &plan.form) else {
                    continue;
                };
                assert_eq!(
                    format!("{:?}", crate::evaluate(&plan, &project)),
                    format!("{:?}", crate::evaluate(&adding, &project)),
                    "{}",
                    file.display()
                );
                compared += 1;
            }
        }
        assert!(compared > 200 && unread > 10, "{compared} {unread}");
    }
}
