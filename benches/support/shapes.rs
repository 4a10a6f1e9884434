//! The shapes of form and ruleset the benchmarks time besides the corpus: a form with
//! many rows, and the ruleset shapes that once cost exponential or quadratic time (issue
//! 8). `shapes.rs` times each at several sizes (divan), `pipeline.rs` times the large
//! form end to end, and `ratios.rs` prints one `name: ratio` line for each.

#![allow(dead_code, reason = "each benchmark takes the shapes it times")]

/// The form `seed` (TOML) with `extra` more output indicators appended: each a quantity
/// met in full, with its self score.
pub fn with_rows(seed: &str, extra: usize) -> String {
    let mut text = seed.to_owned();
    for i in 0..extra {
        text.push_str(&format!(
            "\n[[indicators]]\ncategory = \"产出目标\"\nname = \"数量指标{i}\"\n\
             target = \">=1个\"\nweight = 0.01\nactual = \"1个\"\nself_score = 0.01\n"
        ));
    }
    text
}

/// The form `seed` (JSON) with `extra` more output indicators, as [`with_rows`] adds
/// them, written on one line as programs export JSON: every finding is located along
/// that one line.
pub fn with_rows_on_one_line(seed: &str, extra: usize) -> String {
    let mut form: serde_json::Value = serde_json::from_str(seed).unwrap();
    let rows = form
        .get_mut("indicators")
        .and_then(|r| r.as_array_mut())
        .unwrap();
    for i in 0..extra {
        rows.push(serde_json::json!({
            "category": "产出目标", "name": format!("数量指标{i}"), "target": ">=1个",
            "weight": 0.01, "actual": "1个", "self_score": 0.01,
        }));
    }
    form.to_string()
}

/// `sum(indicators[weight > … 0 分 …].weight) / 100`, `depth` filters deep.
pub fn nested(depth: usize) -> String {
    let mut inner = "0 分".to_owned();
    for _ in 0..depth {
        inner = format!("sum(indicators[weight > {inner}].weight) / 100");
    }
    inner
}

/// Rules with aggregates nested in filters `depth` deep: a per-project check and a
/// per-row one.
pub fn nested_rules(depth: usize) -> String {
    let inner = nested(depth);
    format!(
        "check deep warning {{ {inner} >= 0 分 }}\n\
         check deep-rows warning for indicators {{ count(indicators[weight > {inner}]) >= 0 }}"
    )
}

/// A rule with a row-independent aggregate inside a filter inside a per-row check.
pub const ROW_FREE_SUM: &str = "check share warning for indicators { count(indicators[weight <= sum(indicators.weight)]) >= 0 }";

/// The ruleset `rules` (the 2023 policy's text) with `count` more categories in the pool
/// of 个性指标, each with a label of its own.
pub fn with_categories(rules: &str, count: usize) -> String {
    const POOL: &str = "categories 产出, 效益, 满意度, 投入";
    // Else the categories would be added outside the pool: another shape, silently.
    assert!(
        rules.contains(POOL),
        "the pool of 个性指标 is not written as expected"
    );
    let names: Vec<String> = (0..count).map(|i| format!("类{i}")).collect();
    let items: String = names
        .iter()
        .map(|n| format!("category {n} {{ labels \"{n}标签\" scored_by 产出类 }}\n"))
        .collect();
    rules.replace(POOL, &format!("{POOL}, {}", names.join(", "))) + &items
}

/// A ruleset extending the shipped 2023 with `count` checks of its own, one a line as a
/// generator writes them (linking each looked at every item before it: quadratic).
pub fn extending_checks(count: usize) -> String {
    let checks: String = (0..count)
        .map(|i| format!("check c{i} warning {{ budget.initial >= 0 }}\n"))
        .collect();
    format!("ruleset \"x\" extends \"2023.rules\" {{ version \"x\" }}\n{checks}")
}
