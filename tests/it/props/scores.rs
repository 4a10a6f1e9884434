//! Properties 1 and 2: scores stay within their weight; closer to the band never scores less.

use super::*;

// ── 1. Scores stay within their weight ──────────────────────────────────

proptest! {
    #![proptest_config(config(64))]

    /// Every indicator scores between 0 and its expected weight, and 0 with none.
    #[test]
    fn scores_lie_between_zero_and_the_expected_weight(form in any_form(false)) {
        let plan = form.plan();
        let form = form.form();
        let outcome = outcome(plan, &form, Format::Toml);
        for (i, row) in outcome.indicators.iter().enumerate() {
            let score = row.state.score;
            let weight = row.state.expected_weight.unwrap_or(Decimal::ZERO);
            prop_assert!(
                Decimal::ZERO <= score && score <= weight,
                "row {i} 「{}」 ({} / {:?}): score {score}, expected weight {:?}\n{}",
                row.name, row.target, row.actual, row.state.expected_weight,
                form.render(Format::Toml)
            );
        }
    }

    /// 2023 (规格 §1): the recognized own indicators' expected weights add up to exactly
    /// 55, and every recognized common indicator has its catalog weight.
    #[test]
    fn suzhou_weights_add_up(form in suzhou(false)) {
        let form = form.form();
        let outcome = outcome(&SUZHOU, &form, Format::Toml);
        let mut own = Vec::new();
        for row in outcome.indicators.iter().filter(|r| r.state.recognized) {
            let weight = row.state.expected_weight;
            match COMMON.iter().find(|c| c.1 == row.name.trim()) {
                Some(common) if ["决策", "过程"].contains(&row.category.as_str()) => {
                    prop_assert_eq!(weight, Decimal::from_str_exact(common.3).ok(), "{}", row.name);
                }
                _ => own.push(weight.unwrap_or_default()),
            }
        }
        if !own.is_empty() {
            let sum: Decimal = own.iter().sum();
            prop_assert_eq!(sum, Decimal::from(55), "{:?}\n{}", own, form.render(Format::Toml));
        }
    }
}

// ── 2. Closer to the band never scores less ────────────────────────────

/// A target `T` (a percentage) and two actuals `a < b < T`, all exact, with up to four
/// decimals; `a` may be negative.
fn below_the_target() -> impl Strategy<Value = (Decimal, Decimal, Decimal)> {
    (1i64..=20_000, 0u32..=2, 0u32..=2)
        .prop_flat_map(|(t, scale, extra)| {
            let t = t * 10i64.pow(extra);
            let scale = scale + extra;
            // Mostly within 25% of the target, where the band's deductions leave points.
            let a = prop_oneof![1 => -t..t - 1, 4 => (3 * t / 4).min(t - 2)..t - 1];
            (Just(t), Just(scale), a)
        })
        .prop_flat_map(|(t, scale, a)| (Just(t), Just(scale), Just(a), a + 1..t))
        .prop_map(|(t, scale, a, b)| (dec(t, scale), dec(a, scale), dec(b, scale)))
}

/// Whether the row is of 结果类, and a target `T` with two actuals `U < a < b`, where
/// `U` is the class's upper edge (130% of `T` for 产出类, 200% for 结果类).
fn above_the_band() -> impl Strategy<Value = (bool, (Decimal, Decimal, Decimal))> {
    (any::<bool>(), 1i64..=20_000, 0u32..=2, 0u32..=2)
        .prop_flat_map(|(outcome_class, t, scale, extra)| {
            let t = t * 10i64.pow(extra);
            let scale = scale + extra;
            let edge = if outcome_class { 200 } else { 130 };
            // The least multiple of the scale's unit above the edge.
            let least = t * edge / 100 + 1;
            // Mostly within 50% of the target beyond the edge, where points are left.
            let a = prop_oneof![1 => least..least + 4 * t + 1000, 4 => least..least + t / 2 + 1];
            (Just(outcome_class), Just(t), Just(scale), a)
        })
        .prop_flat_map(|(class, t, scale, a)| {
            let b = prop_oneof![1 => a + 1..a + 2 * t + 1000, 4 => a + 1..a + t / 4 + 2];
            (Just(class), Just(t), Just(scale), Just(a), b)
        })
        .prop_map(|(class, t, scale, a, b)| (class, (dec(t, scale), dec(a, scale), dec(b, scale))))
}

/// A target `T` and two actuals `T < a < b` (up to five times `T`), with up to four
/// decimals: for a lower-is-better target, `a` is the closer to the band.
fn above_the_target() -> impl Strategy<Value = (Decimal, Decimal, Decimal)> {
    (1i64..=20_000, 0u32..=2, 0u32..=2)
        .prop_flat_map(|(t, scale, extra)| {
            let t = t * 10i64.pow(extra);
            let scale = scale + extra;
            let a = prop_oneof![1 => t + 1..5 * t, 4 => t + 1..(5 * t / 4).max(t + 2)];
            (Just(t), Just(scale), a)
        })
        .prop_flat_map(|(t, scale, a)| {
            let b = prop_oneof![1 => a + 1..=5 * t, 4 => a + 1..=(a + t / 8).max(a + 1)];
            (Just(t), Just(scale), Just(a), b)
        })
        .prop_map(|(t, scale, a, b)| (dec(t, scale), dec(a, scale), dec(b, scale)))
}

/// Comparators that make higher better, as forms write them.
pub(super) const HIGHER: [(&str, &str); 7] = [
    ("=", ""),
    ("=", ""),
    ("", ""),
    (">=", ""),
    ("≥", ""),
    ("不低于", ""),
    ("", "以上"),
];

/// Comparators that make lower better, as forms write them.
const LOWER: [(&str, &str); 5] = [
    ("<=", ""),
    ("≤", ""),
    ("<", ""),
    ("", "以下"),
    ("", "及其以下"),
];

/// Units of the pair's target; mostly percentages.
const PAIR_UNITS: [&str; 5] = ["%", "%", "%", "个", "小时"];

/// How a pair's target and actuals are written.
#[derive(Clone, Copy, Debug)]
struct Writing {
    comparator: (&'static str, &'static str),
    unit: &'static str,
    /// The actuals without a unit (which then take the target's).
    unitless: bool,
    target: Decor,
    actual: Decor,
}

fn writing(comparators: &'static [(&'static str, &'static str)]) -> impl Strategy<Value = Writing> {
    (
        select(comparators),
        select(&PAIR_UNITS[..]),
        sometimes(20),
        decor(),
        decor(),
    )
        .prop_map(|(comparator, unit, unitless, target, actual)| Writing {
            comparator,
            unit,
            unitless,
            target,
            actual,
        })
}

impl Writing {
    fn target(&self, t: Decimal) -> String {
        let (before, after) = self.comparator;
        measure_text(
            before,
            &t.normalize().to_string(),
            self.unit,
            after,
            self.target,
        )
    }

    fn actual(&self, a: Decimal) -> String {
        let unit = if self.unitless { "" } else { self.unit };
        measure_text("", &a.to_string(), unit, "", self.actual)
    }
}

/// A quantitative row of a class's category in a form, placed at `at`; the two forms
/// differ only in its actual value.
#[derive(Clone, Debug)]
struct Pair {
    label: String,
    at: usize,
    target: String,
    low: String,
    high: String,
    weight: String,
}

impl Pair {
    fn row(&self, actual: &str) -> Row {
        Row {
            category: self.label.clone(),
            subcategory: None,
            name: "受测指标".to_owned(),
            target: self.target.clone(),
            actual: Some(actual.to_owned()),
            weight: Some((self.weight.clone(), false)),
            self_score: None,
            level: None,
            explanation: None,
            as_of: None,
            bare: false,
        }
    }

    /// The rows with this pair's row inserted, with the actual `low` or `high`; and
    /// the row's index.
    fn rows(&self, rows: &[Row], high: bool) -> (Vec<Row>, usize) {
        let mut rows = rows.to_vec();
        let at = self.at % (rows.len() + 1);
        let actual = if high { &self.high } else { &self.low };
        rows.insert(at, self.row(actual));
        (rows, at)
    }
}

/// The pair's two scores on a form of each ruleset.
fn pair_scores(base: &Any, pair: &Pair) -> (Decimal, Decimal, Form) {
    let form = |high: bool| -> (Form, usize) {
        match base {
            Any::Suzhou(s) => {
                let (rows, at) = pair.rows(&s.rows, high);
                (Suzhou { rows, ..s.clone() }.form(), at)
            }
            Any::Mof(m) => {
                // The pair's rows join a pool: its declared weights must still fit its
                // points, or the form's total could pass max_score and be refused.
                let (rows, at) = pair.rows(&m.rows, high);
                let rows = within_pools(rows);
                (Mof { rows, ..m.clone() }.form(), at)
            }
            Any::Bands(b) => {
                let (rows, at) = pair.rows(b, high);
                (bands_form(&rows), at)
            }
        }
    };
    let (low_form, at) = form(false);
    let (high_form, _) = form(true);
    let plan = base.plan();
    (
        score_of(plan, &low_form, at),
        score_of(plan, &high_form, at),
        low_form,
    )
}

/// Labels of the categories each class scores, per ruleset.
fn labels(base: &Any, outcome_class: bool) -> &'static [&'static str] {
    match (base, outcome_class) {
        (Any::Suzhou(_), false) => &["产出目标", "产出指标", "投入目标", "产出"],
        (Any::Suzhou(_), true) => &["效益目标", "效果", "满意度指标", "效益"],
        (Any::Mof(_), false) => &["产出指标", "产出"],
        (Any::Mof(_), true) => &["效益指标", "满意度指标"],
        (Any::Bands(_), false) => &["产出"],
        (Any::Bands(_), true) => &["效益"],
    }
}

/// The pair of rows of a class's category: target `T`, and the actuals `closer` to the
/// band and `further` from it.
fn pair(
    base: &Any,
    outcome_class: bool,
    (t, closer, further): (Decimal, Decimal, Decimal),
    (label, at, weight): (usize, usize, &str),
    writing: Writing,
) -> Pair {
    let labels = labels(base, outcome_class);
    Pair {
        label: labels[label % labels.len()].to_owned(),
        at,
        target: writing.target(t),
        low: writing.actual(closer),
        high: writing.actual(further),
        weight: weight.to_owned(),
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Below the band, a completion closer to it never scores less: of two actuals
    /// below a higher-is-better target (`=T`, `>=T`, `不低于T`, …) the higher, of two
    /// above a lower-is-better one (`<=T`, `T及其以下`, …) the lower (产出类 and 结果类
    /// alike, and the 2020 比例 class).
    #[test]
    fn below_the_band_closer_never_scores_less(
        base in any_form(false),
        outcome_class in any::<bool>(),
        higher in (below_the_target(), writing(&HIGHER)),
        lower in (above_the_target(), writing(&LOWER)),
        lower_is_better in sometimes(30),
        place in (0usize..8, 0usize..40, points_text(false)),
    ) {
        let (label, at, weight) = place;
        let pair = if lower_is_better {
            let ((t, closer, further), writing) = lower;
            pair(&base, outcome_class, (t, closer, further), (label, at, &weight), writing)
        } else {
            let ((t, further, closer), writing) = higher;
            pair(&base, outcome_class, (t, closer, further), (label, at, &weight), writing)
        };
        let (closer, further, form) = pair_scores(&base, &pair);
        prop_assert!(
            closer >= further,
            "target {}: {} scores {closer}, {} scores {further}\n{}",
            pair.target, pair.low, pair.high, form.render(Format::Toml)
        );
    }

    /// Above the band (130% of the target for 产出类, 200% for 结果类), a higher actual
    /// never scores more.
    #[test]
    fn above_the_band_further_never_scores_more(
        base in prop_oneof![
            suzhou(false).prop_map(Any::Suzhou),
            bands_rows(false).prop_map(Any::Bands),
        ],
        (outcome_class, values) in above_the_band(),
        place in (0usize..8, 0usize..40, points_text(false)),
        writing in writing(&HIGHER),
    ) {
        let (label, at, weight) = place;
        let pair = pair(&base, outcome_class, values, (label, at, &weight), writing);
        let (low, high, form) = pair_scores(&base, &pair);
        prop_assert!(
            low >= high,
            "target {}: {} scores {low}, {} scores {high}\n{}",
            pair.target, pair.low, pair.high, form.render(Format::Toml)
        );
    }
}
