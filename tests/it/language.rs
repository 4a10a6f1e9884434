//! Named constants (`let`), the row outside a filter (`outer`) and classes per
//! indicator, each on a small ruleset: what the checker refuses and why, what it warns
//! of, and what a form scores. The worked cases with hand-computed totals are the
//! ruleset tests of `tests/fixtures/ruletest/language`, which must pass and exercise
//! every part.

use perfeval::compile::Plan;
use perfeval::source::SourceFile;

use crate::common::{render, run};
use crate::eval::{evaluate, report};

/// The complete example of docs/language.md §1.1, with `extra` items and a `goal` field.
fn ruleset(extra: &str) -> String {
    format!(
        r#"ruleset "示例规则" {{ version "1" fiscal_year 2023 cutoff 2023-12-31 max_score 100 分 }}
form {{
  rows indicators "绩效指标" {{
    category: text "类别"  name: text "指标名称"  target: measure "目标值"
    weight: points "权重"  actual: optional measure "实际完成值"
    goal: optional text "绩效目标"
  }}
}}
category 产出 {{ labels "产出指标" scored_by 产出类 }}
pool 全部 100 分 {{ categories 产出 split declared }}
completion {{ = >= > <= < : actual / target }}
grades {{ 好 100% 差 20% }}
{extra}
"#
    )
}

const CLASS: &str =
    "class 产出类 { full 100% to 130% below deduct 5% per 1% above deduct 1% per 1% }";

fn plan(text: &str) -> Plan {
    perfeval::load_ruleset(&SourceFile::new("t.rules", text))
        .unwrap_or_else(|e| panic!("{}\n{text}", render(&e)))
}

/// The codes of every check error of a ruleset that must not check.
fn check_codes(text: &str) -> Vec<String> {
    let source = SourceFile::new("t.rules", text);
    let ruleset = perfeval::parse(&source).unwrap_or_else(|e| panic!("{}", render(&e)));
    let failure = perfeval::check(&ruleset, source).expect_err("must not check");
    failure
        .errors()
        .iter()
        .map(|e| e.code().to_owned())
        .collect()
}

/// The help of the only check error of a ruleset.
fn only_error(text: &str) -> String {
    let source = SourceFile::new("t.rules", text);
    let ruleset = perfeval::parse(&source).unwrap_or_else(|e| panic!("{}", render(&e)));
    let failure = perfeval::check(&ruleset, source).expect_err("must not check");
    assert_eq!(failure.len(), 1, "{}", render(&failure));
    render(&failure)
}

const FORM: &str = r#"
[[indicators]]
category = "产出"
name = "甲"
goal = "一"
target = ">=100"
weight = 60
actual = "95"

[[indicators]]
category = "产出"
name = "乙"
goal = "一"
target = ">=100"
weight = 30
actual = "100"

[[indicators]]
category = "产出"
name = "丙"
goal = "二"
target = ">=100"
weight = 10
actual = "100"
"#;

fn score(plan: &Plan, name: &str) -> String {
    let outcome = evaluate(plan, "form.toml", FORM);
    let row = outcome.indicators.iter().find(|r| r.name == name).unwrap();
    row.state.score.normalize().to_string()
}

#[test]
fn a_constant_stands_for_its_value_in_every_rule_that_uses_it() {
    let plan = plan(&ruleset(
        "/// 填表说明 4：每低于 1 个百分点扣 3%。\nlet 扣减比例 = 3%\nlet 上限 = 下限 + 30%\nlet 下限 = 100%\n\
         class 产出类 { full 下限 to 上限 below deduct 扣减比例 per 1% above deduct 扣减比例 per 1% }",
    ));
    // 95% is 5 points below 100%: 5 × 3% of 60.
    assert_eq!(score(&plan, "甲"), "51");
    assert_eq!(plan.constants.len(), 3);
    let rate = plan
        .constants
        .iter()
        .find(|c| c.name == "扣减比例")
        .unwrap();
    assert_eq!(rate.doc, "填表说明 4：每低于 1 个百分点扣 3%。");
}

#[test]
fn constants_are_unit_checked_like_the_literals_they_hold() {
    // A bare number is no percentage: as a deduction rate it is refused, with the `let`
    // to write in the help.
    let text = ruleset(
        "let 扣减比例 = 5\nclass 产出类 { full 100% to 130% below deduct 扣减比例 per 1% above deduct 1% per 1% }",
    );
    let error = only_error(&text);
    assert!(
        error.contains("perfeval::check::percent_expected"),
        "{error}"
    );
    assert!(error.contains("`let 扣减比例 = 5%`"), "{error}");
    // Points are not an amount.
    let text = ruleset(&format!(
        "let 封顶 = 60 万元\n{CLASS}\ncheck c warning {{ total + 封顶 > 0 分 }}"
    ));
    assert_eq!(check_codes(&text), ["perfeval::check::unit_mismatch"]);
    // A bare number beside a percentage in a condition.
    let text = ruleset(&format!(
        "let 门槛 = 90\n{CLASS}\ncheck low warning for indicators {{ completion >= 门槛 }}"
    ));
    assert_eq!(check_codes(&text), ["perfeval::check::percent_expected"]);
}

#[test]
fn the_sanity_checks_and_the_bounds_proof_see_a_constants_number() {
    // A band that runs backwards, written with constants.
    let text = ruleset(
        "let 下限 = 130%\nlet 上限 = 100%\nclass 产出类 { full 下限 to 上限 below deduct 5% per 1% above deduct 1% per 1% }",
    );
    assert_eq!(check_codes(&text), ["perfeval::check::nonsense"]);
    // Pool points that pass max_score.
    let text = ruleset(&format!(
        "let 额外 = 20 分\n{CLASS}\npool 额外池 额外 {{ split declared }}"
    ));
    let codes = check_codes(&text);
    assert!(
        codes.contains(&"perfeval::check::above_maximum".to_owned()),
        "{codes:?}"
    );
    // And the same points within max_score check clean.
    let text = ruleset(&format!("let 满分值 = 100 分\n{CLASS}"))
        .replace("max_score 100 分", "max_score 满分值");
    plan(&text);
}

#[test]
fn a_failed_check_names_the_constant() {
    let plan = plan(&ruleset(&format!(
        "let 门槛 = 97%\n{CLASS}\ncheck low warning for indicators {{ completion >= 门槛 }}"
    )));
    let outcome = evaluate(&plan, "form.toml", FORM);
    let text = report(&outcome);
    assert!(text.contains("「门槛」为 97%"), "{text}");
}

#[test]
fn constants_are_printed_with_their_clause_in_both_languages() {
    let text = ruleset(&format!(
        "/// 填表说明 4：扣 5%。\nlet 扣减比例 = 5%\n{CLASS}"
    ));
    let tree = perfeval::parse(&SourceFile::new("t.rules", text.as_str())).unwrap();
    let no_origin = |_| None;
    let en = perfeval::syntax::print::print(&tree, &no_origin);
    assert!(
        en.contains("/// 填表说明 4：扣 5%。\nlet 扣减比例 = 5%\n"),
        "{en}"
    );
    let zh = perfeval::syntax::print::print_with(
        &tree,
        &no_origin,
        perfeval::syntax::print::Style::all_in(perfeval::syntax::keywords::Keywords::Zh),
    );
    assert!(
        zh.contains("/// 填表说明 4：扣 5%。\n常量 扣减比例 = 5%\n"),
        "{zh}"
    );
}

#[test]
fn outer_names_the_row_outside_the_brackets() {
    let plan = plan(&ruleset(&format!(
        "{CLASS}\n/// 同一目标下各指标的权重合计不低于 50 分。\n\
         check goal-weight warning for indicators {{ sum(indicators[goal == outer.goal].weight) >= 50 分 }}"
    )));
    let outcome = evaluate(&plan, "form.toml", FORM);
    // Goal 一 has 60 + 30 = 90 points, goal 二 has 10: only 丙 fails.
    let failed: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.code == "goal-weight")
        .map(|f| f.indicator.clone().unwrap())
        .collect();
    assert_eq!(failed, ["丙"]);
}

#[test]
fn outer_in_a_score_formula_is_the_row_being_scored() {
    let plan = plan(&ruleset(
        "/// 得分不超过本项所属目标各指标权重合计的 40%。\n\
         class 产出类 { score min(expected_weight, sum(indicators[goal == 本行.goal].weight) * 40%) }",
    ));
    // 甲: min(60, 90 × 40% = 36); 乙: min(30, 36); 丙: min(10, 10 × 40% = 4).
    assert_eq!(score(&plan, "甲"), "36");
    assert_eq!(score(&plan, "乙"), "30");
    assert_eq!(score(&plan, "丙"), "4");
}

#[test]
fn outer_needs_a_row_outside() {
    let text = ruleset(&format!(
        "{CLASS}\ncheck c warning {{ count(indicators[goal == outer.goal]) > 0 }}"
    ));
    let error = only_error(&text);
    assert!(error.contains("perfeval::check::unknown_name"), "{error}");
    let text = ruleset(&format!(
        "{CLASS}\ncheck c warning for indicators {{ outer.goal == \"一\" }}"
    ));
    let error = only_error(&text);
    assert!(error.contains("write `goal`"), "{error}");
    let text = ruleset(&format!(
        "{CLASS}\ncheck c warning for indicators {{ count(indicators[goal == outer.gaol]) > 0 }}"
    ));
    assert_eq!(check_codes(&text), ["perfeval::check::unknown_field"]);
}

#[test]
fn a_comparison_of_a_value_with_itself_is_a_warning() {
    let text = ruleset(&format!(
        "{CLASS}\ncheck c warning for indicators {{ count(indicators[goal == goal]) == 1 }}"
    ));
    let plan = plan(&text);
    assert_eq!(plan.warnings.len(), 1);
    let warning = render(&plan.warnings[0]);
    assert!(warning.contains("always holds"), "{warning}");
    assert!(warning.contains("write `goal == outer.goal`"), "{warning}");
    // Outside brackets, the help says only that it says nothing.
    let plan = self::plan(&ruleset(&format!(
        "{CLASS}\ncheck c warning for indicators {{ weight < weight }}"
    )));
    let warning = render(&plan.warnings[0]);
    assert!(warning.contains("never holds"), "{warning}");
    // The shipped rulesets have none.
    for name in [
        "rulesets/2023.rules",
        "rulesets/2023.zh.rules",
        "rulesets/mof-2020.rules",
    ] {
        assert!(crate::common::plan(name).warnings.is_empty(), "{name}");
    }
}

#[test]
fn the_command_line_prints_warnings_and_keeps_the_exit_status() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("w.rules");
    std::fs::write(
        &rules,
        ruleset(&format!(
            "{CLASS}\ncheck c warning for indicators {{ goal == goal }}"
        )),
    )
    .unwrap();
    let form = dir.path().join("form.toml");
    std::fs::write(&form, FORM).unwrap();
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        rules.to_str().unwrap(),
        form.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("perfeval::check::trivial_comparison"),
        "{stderr}"
    );
}

#[test]
fn the_language_tests_pass_and_exercise_every_part() {
    let (stdout, stderr, code) = run(&[
        "test",
        "tests/fixtures/ruletest/language",
        "--coverage-fail",
    ]);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
}
