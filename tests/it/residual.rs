//! Even splits whose residual goes nowhere (`residual to none`, `余数 不分配`): each
//! share stays as rounded, so a pool's weights may add up to more or less than its
//! points, and the checker must still show that no total passes `max_score`.

use perfeval::compile::Plan;
use perfeval::source::SourceFile;
use perfeval::syntax::keywords::Keywords;

use crate::common::{render, run};
use crate::eval::evaluate;

/// A ruleset of one pool of `points` shared evenly as `split` says, and `rest` after it.
fn rules(points: &str, split: &str, rest: &str) -> String {
    format!(
        r#"ruleset "均分" {{ max_score 100 分 }}
form {{
  rows indicators "绩效指标" {{
    category: text "类别"  name: text "指标名称"  target: measure "目标值"
    weight: points "权重"  actual: optional measure "实际完成值"
  }}
}}
category 产出 {{ scored_by 产出类 }}
pool 个性 {points} {{ categories 产出 {split} }}
completion {{ = >= > <= < : actual / target }}
class 产出类 {{ full 100% to 130% below deduct 5% per 1% above deduct 1% per 1% }}
rounding 0.01 half_away_from_zero
{rest}
"#
    )
}

fn load(text: &str) -> Result<Plan, String> {
    perfeval::load_ruleset(&SourceFile::new("r.rules", text)).map_err(|e| render(&e))
}

/// `n` rows of the pool, each fully achieved: their weights and the total.
fn weights(plan: &Plan, n: usize) -> (Vec<String>, String) {
    let mut form = String::new();
    for k in 0..n {
        form.push_str(&format!(
            "[[indicators]]\ncategory = \"产出\"\nname = \"指标{k}\"\ntarget = \"=100%\"\nweight = 1\nactual = \"100%\"\n"
        ));
    }
    let outcome = evaluate(plan, "p.toml", &form);
    let weights = outcome
        .indicators
        .iter()
        .map(|r| r.state.expected_weight.unwrap().to_string())
        .collect();
    (weights, outcome.total.to_string())
}

#[test]
fn every_share_stays_as_rounded() {
    // 广水 2019：各项指标分值四舍五入保留整数。50 / 3 = 16.67 is 17, three of them 51.
    let plan = load(&rules(
        "50 分",
        "split evenly share 1 half_away_from_zero residual to none",
        "",
    ))
    .unwrap();
    assert_eq!(
        weights(&plan, 3),
        (vec!["17".to_owned(); 3], "51.00".to_owned())
    );
    // 55 / 6 = 9.1666… cut to 9.16: six of them 54.96, and nobody gets the 0.04.
    let plan = load(&rules(
        "55 分",
        "split evenly share 0.01 truncate 余数 不分配",
        "",
    ))
    .unwrap();
    assert_eq!(
        weights(&plan, 6),
        (vec!["9.16".to_owned(); 6], "54.96".to_owned())
    );
    // The same split with the residual to the first, for comparison.
    let plan = load(&rules(
        "55 分",
        "split evenly share 0.01 truncate residual to first",
        "",
    ))
    .unwrap();
    assert_eq!(weights(&plan, 6).0[0], "9.20");
}

#[test]
fn the_checker_bounds_what_shares_rounded_half_up_add_up_to() {
    // 60 points in shares of 1 rounded half up: 120 rows of 0.5 get 1 each.
    let error = load(&rules(
        "60 分",
        "split evenly share 1 half_away_from_zero residual to none",
        "",
    ))
    .unwrap_err();
    assert!(error.contains("perfeval::check::above_maximum"), "{error}");
    assert!(
        error.contains("the pools and lines can give 120 points, more than max_score 100"),
        "{error}"
    );
    assert!(
        error.contains("(its 60 points in rounded shares)"),
        "{error}"
    );
    // 50 points can give at most 100: within max_score 100.
    load(&rules(
        "50 分",
        "split evenly share 1 half_away_from_zero residual to none",
        "",
    ))
    .unwrap();
    // Rounded down, shares never pass the points.
    load(&rules(
        "100 分",
        "split evenly share 1 truncate residual to none",
        "",
    ))
    .unwrap();
    // A total held within max_score makes any sum harmless.
    load(&rules(
        "100 分",
        "split evenly share 1 half_away_from_zero residual to none",
        "adjust cap total { min(total, max_score) }",
    ))
    .unwrap();
    // A cap that only sometimes applies does not.
    let error = load(&rules(
        "100 分",
        "split evenly share 1 half_away_from_zero residual to none",
        "adjust cap total when count(indicators) > 3 { min(total, max_score) }",
    ))
    .unwrap_err();
    assert!(error.contains("can give 200 points"), "{error}");
}

#[test]
fn shares_rounded_up_have_no_bound() {
    let error = load(&rules(
        "10 分",
        "split evenly share 1 ceiling residual to none",
        "",
    ))
    .unwrap_err();
    assert!(error.contains("perfeval::check::above_maximum"), "{error}");
    assert!(
        error.contains("splits its points in shares rounded up with `residual to none`"),
        "{error}"
    );
}

#[test]
fn no_residual_needs_a_share() {
    let error = load(&rules("50 分", "split evenly residual to none", "")).unwrap_err();
    assert!(error.contains("perfeval::check::missing_item"), "{error}");
    assert!(
        error.contains("`share` in pool `个性`, which `residual to none` needs"),
        "{error}"
    );
}

fn printed(text: &str, language: Keywords) -> String {
    let ruleset = perfeval::parse(&SourceFile::new("r.rules", text)).unwrap();
    let style = perfeval::syntax::print::Style::all_in(language);
    perfeval::syntax::print::print_with(&ruleset, &|_| None, style)
}

#[test]
fn no_residual_prints_in_both_languages() {
    for written in [
        "residual to none",
        "residual none",
        "余数 不分配",
        "余数 给 不分配",
    ] {
        let text = rules(
            "50 分",
            &format!("split evenly share 1 half_away_from_zero {written}"),
            "",
        );
        let en = printed(&text, Keywords::En);
        assert!(en.contains("    residual to none\n"), "{written}: {en}");
        let zh = printed(&text, Keywords::Zh);
        assert!(zh.contains("    余数 不分配\n"), "{written}: {zh}");
        assert_eq!(printed(&zh, Keywords::En), en);
    }
}

#[test]
fn explain_and_the_override_say_no_residual() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.rules");
    std::fs::write(
        &base,
        rules(
            "50 分",
            "split evenly share 1 half_away_from_zero residual to first",
            "",
        ),
    )
    .unwrap();
    let changed = dir.path().join("changed.rules");
    std::fs::write(
        &changed,
        "ruleset \"不分配\" extends \"base.rules\" {}\n/// 各项指标分值四舍五入保留整数。\noverride pool 个性 { split evenly residual to none }\n",
    )
    .unwrap();
    let form = dir.path().join("p.toml");
    let mut text = String::new();
    for k in 0..3 {
        text.push_str(&format!(
            "[[indicators]]\ncategory = \"产出\"\nname = \"指标{k}\"\ntarget = \"=100%\"\nweight = 17\nactual = \"100%\"\n"
        ));
    }
    std::fs::write(&form, text).unwrap();
    let changed = changed.to_str().unwrap();
    let form = form.to_str().unwrap();
    let (stdout, stderr, code) = run(&["explain", "--rules", changed, form]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("权重：「个性」的分值按项数均分，每项精确到 1 四舍五入，余数不分配，为 17"),
        "{stdout}"
    );
    let (stdout, _, code) = run(&["check", "--rules", changed, form]);
    assert_eq!(code, 0);
    assert!(stdout.contains("合计 51.00 / 100"), "{stdout}");
}

/// Points rounded to a known step are proved against `max_score` as rounded: rounding
/// never puts a smaller value above a larger one, so the rounded bound is the bound.
#[test]
fn points_rounded_are_proved_as_rounded() {
    let split = "split evenly share 0.01 truncate residual to first";
    for points in [
        "round(100.004 分, 0.01, half_away_from_zero)",
        "round(99.999 分, 1, ceiling)",
        "round(100.9 分, 1, floor)",
    ] {
        load(&rules(points, split, "")).unwrap_or_else(|e| panic!("{points}: {e}"));
    }
    let error = load(&rules("round(100.5 分, 1, half_away_from_zero)", split, "")).unwrap_err();
    assert!(error.contains("perfeval::check::above_maximum"), "{error}");
    assert!(error.contains("can give 101 points"), "{error}");
}
