//! Named constants (`let`), the row outside a filter (`outer`) and classes per
//! indicator, each on a small ruleset: what the checker refuses and why, what it warns
//! of, and what a form scores. The worked cases with hand-computed totals are the
//! ruleset tests of `tests/fixtures/ruletest/language`, which must pass and exercise
//! every part.

use perfeval::compile::Plan;
use perfeval::i18n::{Language, with_language};
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

/// `below deduct 0.04 per 1%`: the officer means the ratio 4%. The help named only
/// `0.04%`, a deduction a hundred times smaller, which then passed every check.
#[test]
fn a_bare_fraction_s_help_names_both_readings() {
    let text = ruleset(
        "class 产出类 { full 100% to 130% below deduct 0.04 per 1% above deduct 1% per 1% }",
    );
    let error = only_error(&text);
    assert!(error.contains("`4%`"), "{error}");
    assert!(error.contains("`0.04%`"), "{error}");
    let text =
        ruleset("class 产出类 { full 100% to 130% below deduct 5 per 1% above deduct 1% per 1% }");
    let error = only_error(&text);
    assert!(error.contains("`5%`") && !error.contains("500"), "{error}");
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
    // The findings' messages in Chinese, which quote the form's words in 「」.
    let text = with_language(Language::Zh, || report(&evaluate(&plan, "form.toml", FORM)));
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

/// A year changed without its cutoff (`fiscal_year 2024` over 2023's `cutoff 2023-12-31`)
/// refuses every dated value of the year's forms: a warning at the inherited cutoff says
/// so. The year and its own cutoff, or a cutoff within the year, say nothing.
#[test]
fn a_cutoff_before_the_fiscal_year_is_warned() {
    let dir = tempfile::tempdir().unwrap();
    let form =
        std::fs::read_to_string(crate::common::root().join("examples/suzhou-2023-egov.toml"))
            .unwrap();
    std::fs::write(dir.path().join("form.toml"), form).unwrap();
    for (header, warned) in [
        ("fiscal_year 2024", true),
        ("fiscal_year 2024\n  cutoff 2024-12-31", false),
        ("cutoff 2023-06-30", false),
    ] {
        std::fs::write(
            dir.path().join("2024.rules"),
            format!("ruleset \"2024\" extends \"2023.rules\" {{\n  {header}\n}}\n"),
        )
        .unwrap();
        let (_, stderr, code) =
            crate::common::run_in(dir.path(), &["check", "--rules", "2024.rules", "form.toml"]);
        assert_ne!(code, 2, "{header}: {stderr}");
        assert_eq!(
            stderr.contains("perfeval::check::cutoff_before_year"),
            warned,
            "{header}: {stderr}"
        );
        if warned {
            // Both lines: the year changed, and the cutoff it left behind.
            assert!(stderr.contains("2024.rules:2:3"), "{stderr}");
            assert!(stderr.contains("<shipped>/2023.rules:10:3"), "{stderr}");
        }
    }
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

/// A ruleset with two classes for one category, chosen by the form's `class` column, and
/// a catalog indicator with its own class.
fn classes(extra: &str) -> String {
    format!(
        r#"ruleset "按指标" {{ version "1" max_score 100 分 }}
form {{
  rows indicators "绩效指标" {{
    category: text "类别"  name: text "指标名称"  class: optional text "二级指标"
    target: measure "目标值"  weight: points "权重"  actual: optional measure "实际完成值"
  }}
}}
category 过程 {{ scored_by 产出类 }}
category 产出 {{ scored_by 产出类 }}
pool 共性指标 10 分 {{ split fixed {{ 过程 {{ 预算执行率 10 scored_by 执行率类 }} }} }}
pool 个性指标 90 分 {{ categories 产出 split declared }}
completion {{ = >= > <= < : actual / target }}
class 产出类 {{ labels "数量指标" full from 100% below deduct 5% per 1% }}
class 成本类 {{ labels "成本指标" full from 100% below deduct 2% per 1% }}
class 执行率类 {{ score expected_weight * completion }}
{extra}
"#
    )
}

#[test]
fn class_words_and_catalog_classes_are_checked() {
    // One word for two classes.
    let text =
        classes("class 其他类 { labels \"成本指标\" full from 100% below deduct 1% per 1% }");
    assert_eq!(check_codes(&text), ["perfeval::check::duplicate"]);
    // A catalog naming no class.
    let text = classes("").replace("scored_by 执行率类", "scored_by 执行类");
    let error = only_error(&text);
    assert!(
        error.contains("perfeval::check::unknown_reference"),
        "{error}"
    );
    assert!(error.contains("执行率类"), "{error}");
    // The `class` column is a text.
    let text = classes("").replace("class: optional text", "class: optional measure");
    assert_eq!(check_codes(&text), ["perfeval::check::indicator_field"]);
}

const CLASS_FORM: &str = r#"
[[indicators]]
category = "过程"
name = "预算执行率"
target = "=100%"
weight = 10
actual = "95%"

[[indicators]]
category = "产出"
name = "单位成本"
class = "成本指标"
target = "=80"
weight = 20
actual = "64"

[[indicators]]
category = "产出"
name = "培训人次"
class = " 数量 指标 "
target = "=100"
weight = 20
actual = "80"

[[indicators]]
category = "产出"
name = "上线时间"
class = "质量"
target = "=100"
weight = 20
actual = "80"
"#;

#[test]
fn the_catalog_or_the_form_names_a_rows_class() {
    let plan = plan(&classes(""));
    let outcome = with_language(Language::Zh, || evaluate(&plan, "form.toml", CLASS_FORM));
    let score = |name: &str| {
        let row = outcome.indicators.iter().find(|r| r.name == name).unwrap();
        row.state.score.normalize().to_string()
    };
    // 执行率类: 10 × 95%. 成本类: 20 below, 20 × 2% = 40% off 20. 产出类 (by a label
    // written with spaces): 20 below, 100% off. An unknown word: 产出类 too.
    assert_eq!(score("预算执行率"), "9.5");
    assert_eq!(score("单位成本"), "12");
    assert_eq!(score("培训人次"), "0");
    assert_eq!(score("上线时间"), "0");
    let unknown: Vec<_> = outcome
        .findings
        .iter()
        .filter(|f| f.code == "unknown-class")
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].indicator.as_deref(), Some("上线时间"));
    assert!(
        unknown[0].message.contains("「质量」"),
        "{}",
        unknown[0].message
    );
}

#[test]
fn explain_says_where_a_class_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("c.rules");
    std::fs::write(&rules, classes("")).unwrap();
    let form = dir.path().join("form.toml");
    std::fs::write(&form, CLASS_FORM).unwrap();
    let (stdout, stderr, code) = run(&[
        "explain",
        "--rules",
        rules.to_str().unwrap(),
        form.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    for line in [
        "评分规则：共性指标目录规定本项按「执行率类」计分",
        "评分规则：表上二级指标为「成本指标」，按「成本类」计分",
        "评分规则：表上二级指标「质量」不是本规则集的评分规则，按「产出」类的「产出类」计分",
        "依据 评分规则 成本类",
    ] {
        assert!(stdout.contains(line), "{line}\n{stdout}");
    }
}

#[test]
fn renaming_a_class_renames_it_in_catalogs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.rules"), classes("")).unwrap();
    let child = dir.path().join("child.rules");
    std::fs::write(
        &child,
        "ruleset \"子\" extends \"base.rules\" { version \"2\" }\nrename class 执行率类 to 预算执行类\n",
    )
    .unwrap();
    let (stdout, stderr, code) = run(&["show", "--rules", child.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("预算执行率 10 scored_by 预算执行类"),
        "{stdout}"
    );
}

/// A catalog that stops naming a class, and a class whose words change: each changed
/// score is traced to what chose its class.
#[test]
fn diff_traces_a_score_to_what_chose_its_class() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.toml");
    std::fs::write(&form, CLASS_FORM).unwrap();
    let (stdout, stderr, _) = run(&[
        "diff",
        "--rules",
        "tests/fixtures/ruletest/language/classes.rules",
        "--rules",
        "tests/fixtures/ruletest/language/classes-2024.rules",
        "--format",
        "json",
        form.to_str().unwrap(),
    ]);
    let doc: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let rows = doc["projects"][0]["indicators"].as_array().unwrap();
    let causes = |name: &str| -> Vec<String> {
        let row = rows.iter().find(|r| r["name"] == name).unwrap();
        row["causes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["item"].as_str().unwrap().to_owned())
            .collect()
    };
    // 9.50 by 执行率类 becomes 7.50 by 产出类 (5 below, 25% off 10).
    assert_eq!(causes("预算执行率"), ["pool 共性指标"]);
    // 成本指标 is no class's word any more: 产出类 scores it, 12 becomes 0.
    assert_eq!(causes("单位成本"), ["class 成本类"]);
}

#[test]
fn the_template_lists_the_class_words() {
    let plan = plan(&classes(""));
    let layout = perfeval::template::layout(&plan).unwrap();
    let notes: Vec<&str> = layout.sheets[0]
        .cells
        .iter()
        .filter_map(|c| c.note.as_deref())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("本规则集的评分规则：产出类、数量指标、成本类、成本指标、执行率类")),
        "{notes:?}"
    );
}

/// A ruleset whose catalog names the indicator `catalog_name`, and a check that picks an
/// indicator out by the name `named`.
fn catalog_ruleset(catalog_name: &str, named: &str) -> String {
    format!(
        r#"ruleset "目录" {{ version "1" max_score 10 分 }}
form {{
  rows indicators "绩效指标" {{
    category: text "类别"  name: text "指标名称"  target: measure "目标值"
    weight: points "权重"  actual: optional measure "实际完成值"
  }}
}}
category 过程 {{ labels "过程指标" scored_by 过程类 }}
class 过程类 {{ full from 100% below deduct 1% per 1% }}
pool 共性指标 10 分 {{ split fixed {{ 过程 {{ {catalog_name} 10 }} }} }}
completion {{ = >= > <= < : actual / target }}
check c warning for indicators when name == "{named}" {{ present(actual) }}
"#
    )
}

/// A rule that picks a catalog indicator by a name no catalog has (an indicator renamed
/// by hand, a character slipped) would never apply to it again, in silence: a warning
/// names the text, with the nearest catalog name where one is near.
#[test]
fn a_rule_naming_no_catalog_indicator_is_a_warning() {
    let plan = plan(&catalog_ruleset("预算资金执行率", "预算执行率"));
    let [warning] = &plan.warnings[..] else {
        panic!("{:?}", plan.warnings);
    };
    let warning = render(warning);
    assert!(
        warning.contains("perfeval::check::unknown_indicator_name"),
        "{warning}"
    );
    assert!(
        warning.contains("no catalog has an indicator named \"预算执行率\""),
        "{warning}"
    );
    assert!(warning.contains("rename indicator OLD to NEW"), "{warning}");
    let plan = self::plan(&catalog_ruleset("预算执行率", "预算执行律"));
    let warning = render(&plan.warnings[0]);
    assert!(warning.contains("did you mean `预算执行率`"), "{warning}");
    // The catalog's own name, and a ruleset with no catalog, say nothing.
    assert_eq!(
        plan_warnings(&catalog_ruleset("预算执行率", "预算执行率")),
        0
    );
    let no_catalog = ruleset(&format!(
        "{CLASS}\ncheck c warning for indicators when name == \"任何指标\" {{ present(actual) }}"
    ));
    assert_eq!(plan_warnings(&no_catalog), 0);
}

fn plan_warnings(text: &str) -> usize {
    plan(text).warnings.len()
}

/// The slip as policy staff make it: 2023's 预算执行率 removed and 预算资金执行率 added in
/// its place. The 2023 check `execution-rate` (`name == "预算执行率"`) would never run again;
/// every command that reads the ruleset says so. `rename indicator` renames the check's
/// text too, and nothing is said.
#[test]
fn an_indicator_renamed_by_hand_leaves_a_warning_at_the_rule_that_named_it() {
    let dir = tempfile::tempdir().unwrap();
    let by_hand = dir.path().join("by-hand.rules");
    std::fs::write(
        &by_hand,
        "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\n\
         override pool 共性指标 { split fixed { 过程 { remove 预算执行率\n 预算资金执行率 8 } } }\n",
    )
    .unwrap();
    let (_, stderr, code) = run(&["show", "--rules", by_hand.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("perfeval::check::unknown_indicator_name")
            && stderr.contains("2023.rules:128"),
        "{stderr}"
    );
    let renamed = dir.path().join("renamed.rules");
    std::fs::write(
        &renamed,
        "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\n\
         rename indicator 预算执行率 to 预算资金执行率\n",
    )
    .unwrap();
    let (_, stderr, code) = run(&["show", "--rules", renamed.to_str().unwrap()]);
    assert_eq!((code, stderr.as_str()), (0, ""));
}
