//! What every outcome keeps, whatever a ruleset's formulas give: no weight or score
//! below zero, no score above its weight (nor above what the class's cap allows), no
//! line above its points, no total above `max_score`.
//!
//! The checker proves most of this for the rulesets it accepts; what depends on a form
//! (declared weights, rounding, formulas over the form's numbers) is held here, so that
//! an impossible number is never printed.

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::data::project::Record;
use crate::finding::{EngineCode, Finding};
use crate::i18n::t;
use crate::ir::defs::RoundingDef;
use crate::ir::vocab::RoundingMode;
use crate::source::Span;
use crate::value;

use super::classify::engine;
use super::error::EvalError;
use super::outcome::{PoolState, RowState};

use super::error::Result;

/// Rounds a score as the ruleset says and keeps it within `low..=high`: rounding a full
/// score of a weight of 30.005 to 0.01 gives 30.01, more than the weight, so a score
/// that rounding lifts above `high` is rounded down onto the step instead, and one that
/// rounding drops below `low` is rounded up (where that stays within `high`).
pub(crate) fn round_within(
    plan: &Plan,
    raw: Decimal,
    low: Decimal,
    high: Decimal,
) -> Result<Decimal> {
    match plan.rounding {
        Some(rounding) => round_to_step_within(rounding, raw, low, high)
            .map_err(|e| EvalError::failed(e, Span::default())),
        None => Ok(raw.max(low).min(high)),
    }
}

/// [`round_within`] for a ruleset that rounds.
fn round_to_step_within(
    rounding: RoundingDef,
    raw: Decimal,
    low: Decimal,
    high: Decimal,
) -> std::result::Result<Decimal, value::ArithError> {
    if let Some(score) = on_the_step_within(rounding, raw, low, high) {
        return Ok(score);
    }
    // Most scores round within their bounds: then the raw score rounded is the answer.
    // Rounding is monotone and keeps a multiple of the step, so where `raw` is outside
    // the bounds and its rounding inside, the bound it passed rounds to the same step
    // (`rounds_within_as_clamped_first` holds the two ways to each other).
    if let Ok(rounded) = value::round_to_step(raw, rounding.step, rounding.mode)
        && at_least(rounded, low)
        && value::compare(&rounded, &high).is_le()
    {
        return Ok(rounded);
    }
    round_clamped(rounding, raw, low, high)
}

/// What [`round_to_step_within`] gives a raw score that needs no rounding, without the
/// general rounding's steps: a score of no more decimals than a step of 1, 0.1, 0.01, …
/// (a whole weight earned, as most rows earn it), brought to the step's scale, where it
/// lies within the bounds. `None` for any other score.
fn on_the_step_within(
    rounding: RoundingDef,
    raw: Decimal,
    low: Decimal,
    high: Decimal,
) -> Option<Decimal> {
    let score = to_the_step(rounding, raw)?;
    // The whole weight earned is its own upper bound: no comparison needed.
    let within_high = raw.serialize() == high.serialize() || value::compare(&raw, &high).is_le();
    (within_high && at_least(raw, low)).then_some(score)
}

/// What [`round_within`] gives a share (`0..=1`) of a weight above zero, within the
/// whole weight's bounds, where the rounding step is 1, 0.1, 0.01, … and the score needs
/// no rounding to it (as most rows' do): the score brought to the step's scale. A share
/// of a weight lies between nothing and the weight, so the general way's comparisons
/// with the bounds are settled already. The whole weight (a share of one, written at any
/// scale) is the weight itself, whatever the scale of the product. `None` where the
/// score would be rounded.
pub(crate) fn share_on_the_step(
    rounding: Option<RoundingDef>,
    weight: Decimal,
    share: Decimal,
) -> Option<Decimal> {
    let positive = weight.is_sign_positive() && !weight.is_zero();
    if !positive || !value::is_share(share) {
        return None;
    }
    let raw = if value::is_one(share) {
        weight
    } else {
        weight.checked_mul(share)?
    };
    to_the_step(rounding?, raw)
}

/// `raw` brought to the step's scale, where the step is 1, 0.1, 0.01, … and `raw` has
/// no more decimals than it (so rounding would not change it); `None` otherwise.
fn to_the_step(rounding: RoundingDef, raw: Decimal) -> Option<Decimal> {
    let places = rounding.step.scale();
    if raw.scale() > places || rounding.step.mantissa() != 1 {
        return None;
    }
    let mut score = raw;
    score.rescale(places);
    Some(score)
}

/// `value >= low`. Most low bounds are zero, which a sign settles: comparing decimals of
/// two scales (a score's 0.01 against 0) aligns them first.
fn at_least(value: Decimal, low: Decimal) -> bool {
    if low.is_zero() {
        return value.is_zero() || value.is_sign_positive();
    }
    value::compare(&value, &low).is_ge()
}

/// The score held within the bounds first, then rounded, then mended where rounding
/// left them: what [`round_to_step_within`] gives whatever the raw score.
fn round_clamped(
    rounding: RoundingDef,
    raw: Decimal,
    low: Decimal,
    high: Decimal,
) -> std::result::Result<Decimal, value::ArithError> {
    let to_step = |x: Decimal, mode| value::round_to_step(x, rounding.step, mode);
    let rounded = to_step(raw.max(low).min(high), rounding.mode)?;
    if rounded > high {
        return to_step(high, RoundingMode::Floor);
    }
    if rounded < low {
        let up = to_step(low, RoundingMode::Ceiling)?;
        return if up <= high {
            Ok(up)
        } else {
            to_step(high, RoundingMode::Floor)
        };
    }
    Ok(rounded)
}

/// The score bounds of a weight: nothing below zero, nothing above the weight.
pub(crate) fn of_weight(weight: Decimal) -> (Decimal, Decimal) {
    (Decimal::ZERO, weight.max(Decimal::ZERO))
}

/// A weight below zero cannot be: a residual that rounding left negative (`share 1
/// half_away_from_zero` over many rows), or a weight a formula or the form gives. The row
/// keeps a weight of 0, and `impossible-weight` says what it would have been.
pub(crate) fn no_negative_weights(
    plan: &Plan,
    rows: &[Record],
    states: &mut [RowState],
    findings: &mut Vec<Finding>,
) {
    for (row, state) in rows.iter().zip(states.iter_mut()) {
        let Some(weight) = state.expected_weight.filter(|w| *w < Decimal::ZERO) else {
            continue;
        };
        let name = plan.indicator_keys.name.text(row).unwrap_or("");
        findings.push(engine(
            plan,
            EngineCode::ImpossibleWeight,
            row,
            "weight",
            name,
            t!(FINDING_IMPOSSIBLE_WEIGHT, name, weight),
        ));
        state.expected_weight = Some(Decimal::ZERO);
    }
}

/// Refuses a total above `max_score` or below zero: such a total cannot be right, so it
/// is never reported as a score. The help names the pools whose weights add up to more
/// than their points, the usual cause.
pub(crate) fn total_in_range(
    plan: &Plan,
    (pools, states): (&[PoolState<'_>], &[RowState]),
    total: Decimal,
    max_score: Option<Decimal>,
) -> Result<()> {
    let above = max_score.filter(|max| total > *max);
    if above.is_none() && total >= Decimal::ZERO {
        return Ok(());
    }
    // The pools' weights are added up here, not before: they are not where no
    // expression reads them.
    let mut over = Vec::new();
    for (id, p) in pools.iter().enumerate() {
        let Some(points) = p.points else { continue };
        let weight = super::weights::expected_weight(plan, id, states)?;
        if weight > points {
            over.push(t!(EVAL_POOL_OVER, pool = p.name, weight, points));
        }
    }
    let help = if over.is_empty() {
        t!(EVAL_CORRECT_RULESET)
    } else {
        t!(EVAL_CORRECT_FORM, pools = over.join(&t!(LIST_SEMICOLON)))
    };
    Err(Box::new(EvalError::ImpossibleTotal {
        project: String::new(),
        total: total.to_string(),
        limit: match above {
            Some(max) => t!(EVAL_ABOVE_MAX, max),
            None => t!(EVAL_BELOW_ZERO),
        },
        span: plan.max_score.as_ref().map(|e| e.span.into()),
        help,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with_rounding(step: &str) -> Plan {
        let text = format!(
            "ruleset \"t\" {{ max_score 100 }}\nform {{ rows indicators \"指标\" {{ category: text \"类别\" name: text \"名称\" target: measure \"目标值\" weight: points \"权重\" actual: optional measure \"实际\" }} }}\ncategory 产出 {{ scored_by 甲 }}\npool 全部 100 {{ categories 产出 split evenly }}\nclass 甲 {{ full 100% to 130% below deduct 1% per 1% above deduct 1% per 1% }}\ncompletion {{ = >= > : actual / target <= < : target / actual }}\nrounding {step} half_away_from_zero\n"
        );
        crate::load_ruleset(&crate::source::SourceFile::new("t.rules", text))
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn rounding_never_lifts_a_score_above_its_weight() {
        let plan = plan_with_rounding("0.01");
        let score = round_within(&plan, d("30.005"), d("0"), d("30.005"));
        assert_eq!(score, Ok(d("30.00")));
        assert_eq!(
            round_within(&plan, d("9.166"), d("0"), d("9.2")),
            Ok(d("9.17"))
        );
    }

    #[test]
    fn rounding_never_drops_a_score_below_its_floor() {
        let plan = plan_with_rounding("0.01");
        assert_eq!(
            round_within(&plan, d("0"), d("1.004"), d("2")),
            Ok(d("1.01"))
        );
        // No step fits between the bounds: the upper one wins, rounded down.
        assert_eq!(
            round_within(&plan, d("0"), d("0.004"), d("0.005")),
            Ok(d("0.00"))
        );
    }

    fn decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        prop_oneof![
            (-100_000_i64..100_000, 0_u32..6).prop_map(|(m, s)| Decimal::new(m, s)),
            // 28-digit quotients, as a share of a weight gives them.
            (-1000_i64..1000, 1_i64..97).prop_map(|(a, b)| Decimal::from(a) / Decimal::from(b)),
        ]
    }

    /// Rounding steps of one digit (1, 0.1, 0.01, 0.001, which the quick paths take)
    /// and of others.
    fn step() -> impl proptest::strategy::Strategy<Value = Decimal> {
        let steps = ["0.01", "1", "0.1", "0.5", "0.25", "0.001", "5"];
        proptest::sample::select(steps.map(d).to_vec())
    }

    /// Every rounding mode.
    fn mode() -> impl proptest::strategy::Strategy<Value = RoundingMode> {
        proptest::sample::select(RoundingMode::NAMES.map(|(_, _, m)| m).to_vec())
    }

    proptest::proptest! {
        /// The quick paths (a score already on the step, brought to its scale; the raw
        /// score rounded, where that is within the bounds) give what holding the score
        /// within the bounds before rounding gives (`round_clamped`,
        /// the way `round_within` went before it had the quick path), to the scale,
        /// for every rounding mode and steps of one digit and of others.
        #[test]
        fn rounds_within_as_clamped_first(
            far in decimal(),
            // Most raw scores tried lie just past a bound (or just inside it), where the
            // quick path and the clamping part ways if they ever do.
            near in (0_usize..4, -40_i64..40),
            low in decimal(),
            high in decimal(),
            step in step(),
            mode in mode(),
        ) {
            let rounding = RoundingDef { step, mode };
            let raw = match near {
                (0, _) => far,
                (1, by) => high + Decimal::new(by, 3),
                (2, by) => low + Decimal::new(by, 3),
                // The whole weight earned: the upper bound itself.
                _ => high,
            };
            let quick = round_to_step_within(rounding, raw, low, high).map(|d| d.to_string());
            let reference = round_clamped(rounding, raw, low, high).map(|d| d.to_string());
            proptest::prop_assert_eq!(quick, reference);
        }
    }

    /// Shares of a weight: one at every scale, percentages, zeros and ones of either
    /// sign at every scale, and any decimal.
    fn share() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        prop_oneof![
            (0_u32..29).prop_map(|k| Decimal::from_i128_with_scale(10_i128.pow(k), k)),
            (0_i64..=100, 0_u32..4).prop_map(|(m, k)| Decimal::new(m, k)),
            (-1_i64..2, 0_u32..29).prop_map(|(m, k)| Decimal::new(m, k)),
            decimal(),
        ]
    }

    proptest::proptest! {
        /// A share of a weight (`0..=1`, one written at any scale among them) is, where
        /// [`share_on_the_step`] settles it, what the general way gives: the weight times
        /// the share, rounded within 0 and the weight, the same decimal to the scale and
        /// the sign.
        #[test]
        fn a_share_on_the_step_is_the_general_ways(
            weight in decimal(),
            share in share(),
            step in step(),
            mode in mode(),
        ) {
            let rounding = RoundingDef { step, mode };
            if let Some(quick) = share_on_the_step(Some(rounding), weight, share) {
                let raw = weight.checked_mul(share);
                proptest::prop_assert!(raw.is_some());
                let raw = raw.unwrap_or_default();
                let general = round_to_step_within(rounding, raw, Decimal::ZERO, weight);
                proptest::prop_assert_eq!(Ok(quick.serialize()), general.map(|g| g.serialize()));
                // A class's `floor 0%` and `cap 100%` (0.00 and 1.00) scale the weight
                // to bounds of two more decimals, the same in value.
                let (Some(low), Some(high)) =
                    (weight.checked_mul(d("0.00")), weight.checked_mul(d("1.00")))
                else {
                    return Ok(());
                };
                let general = round_to_step_within(rounding, raw, low, high);
                proptest::prop_assert_eq!(Ok(quick.serialize()), general.map(|g| g.serialize()));
            }
        }
    }

    /// Only a share of a weight above zero, on a step of 1, 0.1, 0.01, …, needing no
    /// rounding, is settled at once; one and shares are told by their mantissas.
    #[test]
    fn only_a_share_on_the_step_is_settled_at_once() {
        let rounding = |step: &str| {
            Some(RoundingDef {
                step: d(step),
                mode: RoundingMode::HalfAwayFromZero,
            })
        };
        let settled = |r, w: &str, s: &str| share_on_the_step(r, d(w), d(s)).map(|x| x.to_string());
        for (r, weight, share, score) in [
            (rounding("0.01"), "8", "1.00", "8.00"),
            (rounding("0.01"), "8.5", "1", "8.50"),
            (rounding("0.01"), "11.0", "1.00", "11.00"),
            (rounding("0.01"), "3", "0.80", "2.40"),
            (rounding("0.1"), "3", "0", "0.0"),
        ] {
            let settled = settled(r, weight, share);
            assert_eq!(settled.as_deref(), Some(score), "{weight} × {share}");
        }
        for (r, weight, share) in [
            (rounding("0.01"), "8.005", "1"),
            (rounding("0.01"), "3.5", "0.85"),
            (rounding("0.01"), "0", "1"),
            (rounding("0.01"), "-3", "1"),
            (rounding("0.01"), "3", "1.01"),
            (rounding("0.01"), "3", "-0.5"),
            (rounding("0.5"), "8", "1"),
            (None, "8", "1"),
        ] {
            assert_eq!(settled(r, weight, share), None, "{weight} × {share}");
        }
        for one in ["1", "1.0", "1.00", "1.0000000000000000000000000000"] {
            assert!(value::is_one(d(one)) && value::is_share(d(one)), "{one}");
        }
        for other in [
            "0",
            "-1",
            "-1.00",
            "10",
            "0.1",
            "1.0000000000000000000000000001",
        ] {
            assert!(!value::is_one(d(other)), "{other}");
        }
        for share in ["0", "0.00", "0.5", "0.9999"] {
            assert!(value::is_share(d(share)), "{share}");
        }
        for other in ["-0.5", "1.01", "2", "1.0000000000000000000000000001"] {
            assert!(!value::is_share(d(other)), "{other}");
        }
        assert!(!value::is_share(-Decimal::ZERO));
    }

    /// The sign's shortcut for a bound of zero says what `>=` says: zeros of either sign
    /// and scale, the smallest values either side, against zero and other bounds.
    #[test]
    fn at_least_is_greater_or_equal() {
        let zero = |scale| Decimal::new(0, scale);
        let tiny = Decimal::new(1, 28);
        let values = [
            zero(0),
            -zero(0),
            zero(2),
            -zero(2),
            d("0.01"),
            d("-0.01"),
            tiny,
            -tiny,
            d("8"),
        ];
        for v in values {
            for low in [zero(0), zero(2), -zero(0), d("0.01"), d("-3")] {
                assert_eq!(at_least(v, low), v >= low, "{v} >= {low}");
            }
        }
    }

    #[test]
    fn a_negative_result_is_held_at_zero() {
        let plan = plan_with_rounding("0.01");
        assert_eq!(round_within(&plan, d("-3"), d("0"), d("8")), Ok(d("0.00")));
    }
}
