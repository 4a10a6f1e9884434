//! The Ministry of Finance template policy (`rulesets/mof-2020.rules`, shared/spec/mof-2020.md).
//!
//! Each fixture under `tests/fixtures/eval/mof-2020` is a small form whose header states the
//! exit status (`# exit: 1`) and the finding codes it raises (`# findings: a, b`); its whole
//! text report is snapshotted. The numbers of the spec (budget execution, proportional
//! scores, level ranges, grade bands) are tested one by one, and the two shipped examples
//! are snapshotted as the CLI prints them, as a table and as JSON.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use perfeval::compile::Plan;
use perfeval::eval::outcome::Outcome;

use crate::common::{plan, relative, run};
use crate::eval::{evaluate, report};

const RULES: &str = "rulesets/mof-2020.rules";
const CLEAN: &str = "examples/mof-2020-zhongjiang-water-gauge.toml";
const WITH_FINDINGS: &str = "examples/mof-2020-rural-road-with-findings.toml";

static MOF: LazyLock<Plan> = LazyLock::new(|| plan(RULES));

fn header<'t>(text: &'t str, key: &str) -> &'t str {
    text.lines()
        .find_map(|l| l.strip_prefix("# ").and_then(|l| l.strip_prefix(key)))
        .unwrap_or_else(|| panic!("no `# {key}` line"))
        .trim()
}

fn codes(outcome: &Outcome) -> BTreeSet<&str> {
    outcome.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn mof_2020_findings() {
    insta::glob!("../fixtures", "eval/mof-2020/*.toml", |path| {
        let name = relative(path);
        let text = std::fs::read_to_string(path).unwrap();
        let outcome = evaluate(&MOF, &name, &text);
        let expected: BTreeSet<&str> = header(&text, "findings:")
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(codes(&outcome), expected, "{name}");
        let exit = i32::from(outcome.has_errors());
        assert_eq!(exit.to_string(), header(&text, "exit:"), "{name}");
        let (_, stderr, code) = run(&["check", "--rules", RULES, &name]);
        assert_eq!(code.to_string(), header(&text, "exit:"), "{name}: {stderr}");
        insta::assert_snapshot!(report(&outcome));
    });
}

#[test]
fn the_fixture_folder_exits_1() {
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        RULES,
        "--format",
        "json",
        "tests/fixtures/eval/mof-2020",
    ]);
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let forms = std::fs::read_dir(crate::common::root().join("tests/fixtures/eval/mof-2020"))
        .unwrap()
        .count();
    assert_eq!(doc["projects"].as_array().unwrap().len(), forms);
}

/// The form of the fixture `clean.toml` with some of its lines replaced.
fn clean_with(replacements: &[(&str, &str)]) -> Outcome {
    let mut text = std::fs::read_to_string(
        crate::common::root().join("tests/fixtures/eval/mof-2020/clean.toml"),
    )
    .unwrap();
    for (from, to) in replacements {
        assert!(text.contains(from), "`{from}` is not in clean.toml");
        text = text.replacen(from, to, 1);
    }
    evaluate(&MOF, "clean.toml", &text)
}

fn execution_score(outcome: &Outcome) -> String {
    outcome
        .lines
        .iter()
        .find(|(key, _, _)| key == "execution_score")
        .map(|(_, _, score)| score.to_string())
        .unwrap()
}

/// The budget-execution score and finding codes for a full-year budget A and execution B.
fn execution(a: &str, b: &str) -> (String, BTreeSet<String>) {
    let outcome = clean_with(&[
        ("full_year = 100", &format!("full_year = {a}")),
        ("executed = 100", &format!("executed = {b}")),
        ("execution_score = 10\n", ""),
        ("total = 100\n", ""),
        ("grade = \"优\"\n", ""),
    ]);
    let codes = codes(&outcome).into_iter().map(str::to_owned).collect();
    (execution_score(&outcome), codes)
}

#[test]
fn execution_score_is_10_b_over_a_capped_and_rounded() {
    let cases = [
        ("100", "100", "10.00"),
        ("12", "12", "10.00"),
        ("12", "10.5", "8.75"),
        ("100", "85.6", "8.56"),
        ("3", "2", "6.67"),
        ("8", "1", "1.25"),
        ("100", "0.05", "0.01"),
        ("100", "0.049", "0.00"),
        ("100", "99.94", "9.99"),
        ("100", "99.949", "9.99"),
        ("100", "99.95", "10.00"),
        ("12", "13", "10.00"),
        ("100", "0", "0.00"),
    ];
    for (a, b, score) in cases {
        let (got, codes) = execution(a, b);
        assert_eq!(got, score, "A = {a}, B = {b}");
        assert!(codes.is_empty(), "A = {a}, B = {b}: {codes:?}");
    }
}

#[test]
fn no_budget_scores_0() {
    let (score, codes) = execution("0", "0");
    assert_eq!(score, "0.00");
    assert_eq!(codes, BTreeSet::from(["no-budget".to_owned()]));
    let (score, _) = execution("0", "5");
    assert_eq!(score, "0.00");
}

/// The score, completion (in percent, to 0.01) and finding codes of the first 产出
/// indicator of the clean form (weight 30) with another target and actual.
fn quantitative(target: &str, actual: &str) -> (String, String, BTreeSet<String>) {
    let outcome = clean_with(&[
        ("target = \"=10个\"", &format!("target = \"{target}\"")),
        ("actual = \"10个\"", &format!("actual = \"{actual}\"")),
        ("self_score = 30\n", ""),
        ("total = 100\n", ""),
        ("grade = \"优\"\n", ""),
    ]);
    let row = outcome.indicators.first().unwrap();
    let completion = row
        .state
        .completion
        .and_then(perfeval::report::completion_percent)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let codes = codes(&outcome).into_iter().map(str::to_owned).collect();
    (row.state.score.to_string(), completion, codes)
}

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn higher_is_better_scores_w_times_b_over_a() {
    let reason = set(&["missing-deviation-reason"]);
    let cases = [
        ("≥266米", "266米", "30.00", "100.00", set(&[])),
        ("≥266米", "200米", "22.56", "75.19", reason.clone()),
        ("=100%", "97.5%", "29.25", "97.50", reason.clone()),
        ("=100%", "97.5", "29.25", "97.50", reason.clone()),
        (">90%", "99.99%", "30.00", "111.10", set(&[])),
        ("＞＝９０％", "９０ ％", "30.00", "100.00", set(&[])),
        ("≥266米", "≥266米", "30.00", "100.00", set(&[])),
        ("不低于90%", "81%", "27.00", "90.00", reason.clone()),
        ("90%以上", "135%", "30.00", "150.00", set(&[])),
        (
            "≥10个",
            "15.01个",
            "30.00",
            "150.10",
            set(&["review-over-target"]),
        ),
        ("≥10个", "0个", "0.00", "0.00", reason.clone()),
        ("=3个", "1个", "10.00", "33.33", reason.clone()),
        ("=0个", "3个", "30.00", "100.00", set(&[])),
        ("10000个", "9999个", "30.00", "99.99", reason.clone()),
        ("10000个", "9998个", "29.99", "99.98", reason),
    ];
    for (target, actual, score, completion, codes) in cases {
        assert_eq!(
            quantitative(target, actual),
            (score.to_owned(), completion.to_owned(), codes),
            "{target} / {actual}"
        );
    }
}

#[test]
fn lower_is_better_scores_w_times_a_over_b() {
    let reason = set(&["missing-deviation-reason"]);
    let over = set(&["review-over-target"]);
    let cases = [
        ("≤6个月", "6个月", "30.00", "100.00", set(&[])),
        ("≤6个月", "5个月", "30.00", "120.00", set(&[])),
        ("≤6个月", "4个月", "30.00", "150.00", set(&[])),
        ("≤6个月", "3.9个月", "30.00", "153.85", over.clone()),
        ("≤10次", "12次", "25.00", "83.33", reason.clone()),
        ("<8小时", "10小时", "24.00", "80.00", reason.clone()),
        ("≤12万元", "16万元", "22.50", "75.00", reason),
        ("15%及其以下", "0%", "30.00", "100.00", set(&[])),
        ("≤10次", "0次", "30.00", "100.00", set(&[])),
        ("≤10次", "2次", "30.00", "500.00", over),
    ];
    for (target, actual, score, completion, codes) in cases {
        assert_eq!(
            quantitative(target, actual),
            (score.to_owned(), completion.to_owned(), codes),
            "{target} / {actual}"
        );
    }
}

#[test]
fn an_explanation_silences_missing_deviation_reason() {
    let outcome = clean_with(&[
        (
            "actual = \"10个\"",
            "actual = \"9个\"\nexplanation = \"雨季停工\"",
        ),
        ("self_score = 30", "self_score = 27"),
        ("total = 100", "total = 97"),
    ]);
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
    let outcome = clean_with(&[
        ("actual = \"10个\"", "actual = \"9个\"\nexplanation = \" \""),
        ("self_score = 30", "self_score = 27"),
        ("total = 100", "total = 97"),
    ]);
    assert_eq!(
        codes(&outcome),
        BTreeSet::from(["missing-deviation-reason"])
    );
}

#[test]
fn unreadable_actuals_score_0() {
    let cases = [
        ("=10个", "10台", "unit-mismatch"),
        ("=100%", "95个", "unit-mismatch"),
        ("=10个", "已完成", "not-a-number"),
    ];
    for (target, actual, code) in cases {
        let (score, completion, codes) = quantitative(target, actual);
        assert_eq!(score, "0.00", "{target} / {actual}");
        assert_eq!(completion, "", "{target} / {actual}");
        assert_eq!(codes, set(&[code]), "{target} / {actual}");
    }
}

/// The score and finding codes of the clean form's qualitative 效益 indicator (weight 30,
/// target 提升) with another actual, level and self score.
fn qualitative(
    actual: &str,
    level: Option<&str>,
    self_score: Option<&str>,
) -> (String, BTreeSet<String>) {
    let mut row = format!("actual = \"{actual}\"\n");
    if let Some(level) = level {
        row.push_str(&format!("level = \"{level}\"\n"));
    }
    row.push_str("weight = 30\n");
    if let Some(s) = self_score {
        row.push_str(&format!("self_score = {s}\n"));
    }
    let outcome = clean_with(&[
        ("actual = \"提升\"\nweight = 30\nself_score = 30\n", &row),
        ("total = 100\n", ""),
        ("grade = \"优\"\n", ""),
    ]);
    let row = outcome.indicators.get(2).unwrap();
    assert_eq!(row.name, "服务水平");
    let codes = codes(&outcome).into_iter().map(str::to_owned).collect();
    (row.state.score.to_string(), codes)
}

#[test]
fn each_level_allows_a_range_of_the_weight() {
    let out = set(&["score-out-of-range"]);
    let none = set(&["missing-self-score"]);
    let cases = [
        // 达成年度指标: 80% to 100% of 30, that is 24 to 30.
        ("提升", Some("30"), "30.00", set(&[])),
        ("提升", Some("24"), "24.00", set(&[])),
        ("达成年度指标", Some("27.5"), "27.50", set(&[])),
        ("已完成", Some("23.99"), "24.00", out.clone()),
        ("完成", Some("31"), "30.00", out.clone()),
        ("达成预期指标", None, "24.00", none.clone()),
        // 部分达成年度指标并具有一定效果: 60% to 80%, 18 to 24.
        ("部分达成", Some("24"), "24.00", set(&[])),
        ("基本完成", Some("18"), "18.00", set(&[])),
        ("部分达成预期指标", Some("24.01"), "24.00", out.clone()),
        (
            "部分达成年度指标并具有一定效果",
            Some("17.99"),
            "18.00",
            out.clone(),
        ),
        ("部分达成", None, "18.00", none.clone()),
        // 未达成年度指标且效果较差: 0% to 60%, 0 to 18.
        ("未完成", Some("0"), "0.00", set(&[])),
        ("未达成", Some("18"), "18.00", set(&[])),
        ("未达成年度指标且效果较差", Some("18.01"), "18.00", out),
        ("未达成预期指标", None, "0.00", none),
        // No level can be read.
        ("良好", Some("30"), "0.00", set(&["unknown-level"])),
        ("95%", Some("30"), "0.00", set(&["unknown-level"])),
    ];
    for (actual, self_score, score, codes) in cases {
        assert_eq!(
            qualitative(actual, None, self_score),
            (score.to_owned(), codes),
            "{actual} / {self_score:?}"
        );
    }
}

#[test]
fn the_level_field_comes_before_the_actual() {
    let cases = [
        ("有所提升", Some("部分达成"), "20", "20.00", set(&[])),
        ("提升", Some("未达成"), "10", "10.00", set(&[])),
        ("", Some("达成"), "28", "28.00", set(&[])),
        ("-", Some("达成"), "28", "28.00", set(&[])),
        ("提升", Some("良好"), "28", "0.00", set(&["unknown-level"])),
        ("提升", Some("-"), "28", "28.00", set(&[])),
        ("-", None, "0", "0.00", set(&["missing-value"])),
    ];
    for (actual, level, self_score, score, codes) in cases {
        assert_eq!(
            qualitative(actual, level, Some(self_score)),
            (score.to_owned(), codes),
            "{actual} / {level:?}"
        );
    }
}

#[test]
fn missing_actuals_score_0() {
    for marker in ["", "-", "—", "/", "无", " － "] {
        let (score, _, codes) = quantitative("=10个", marker);
        assert_eq!(score, "0.00", "`{marker}`");
        assert_eq!(codes, set(&["missing-value"]), "`{marker}`");
    }
    let outcome = clean_with(&[
        ("actual = \"10个\"", "explanation = \"统计数据尚未发布\""),
        ("self_score = 30", "self_score = 0"),
        ("total = 100", "total = 70"),
        ("grade = \"优\"", "grade = \"中\""),
    ]);
    assert_eq!(outcome.indicators[0].state.score.to_string(), "0.00");
    assert_eq!(codes(&outcome), BTreeSet::from(["needs-review"]));
}

/// The total and the grade of the clean form with the 产出 indicator worth 30 at
/// `actual` of 10000.
fn total_and_grade(actual: &str) -> (String, String) {
    let outcome = clean_with(&[
        ("target = \"=10个\"", "target = \"=10000个\""),
        ("actual = \"10个\"", &format!("actual = \"{actual}个\"")),
    ]);
    (outcome.total.to_string(), outcome.rating.clone().unwrap())
}

#[test]
fn grade_bands() {
    let cases = [
        ("10000", "100.00", "优"),
        ("6667", "90.00", "优"),
        ("6666", "90.00", "优"),
        ("6665", "90.00", "优"),
        ("6664", "89.99", "良"),
        ("3334", "80.00", "良"),
        ("3330", "79.99", "中"),
        ("0", "70.00", "中"),
    ];
    for (actual, total, grade) in cases {
        assert_eq!(
            total_and_grade(actual),
            (total.to_owned(), grade.to_owned()),
            "actual {actual}"
        );
    }
    // Lower totals: without execution (A = 0) and with the 效益 indicator missing.
    let low = |actual: &str| {
        let outcome = clean_with(&[
            ("target = \"=10个\"", "target = \"=10000个\""),
            ("actual = \"10个\"", &format!("actual = \"{actual}个\"")),
            ("actual = \"提升\"", "actual = \"-\""),
        ]);
        (outcome.total.to_string(), outcome.rating.clone().unwrap())
    };
    assert_eq!(low("10000"), ("70.00".to_owned(), "中".to_owned()));
    assert_eq!(low("0"), ("40.00".to_owned(), "差".to_owned()));
}

#[test]
fn grade_band_edges() {
    // Totals of exactly 89.99 / 90, 79.99 / 80 and 59.99 / 60: the 产出 indicator (30)
    // is at 10000 个, the 效益 indicator's self score (24 to 30, 18 to 24, 0 to 18) and
    // the execution score (10 × B / 100) make up the rest.
    let at = |level: &str, self_score: &str, executed: &str| {
        let outcome = clean_with(&[
            ("executed = 100", &format!("executed = {executed}")),
            (
                "actual = \"提升\"\nweight = 30\nself_score = 30\n",
                &format!("actual = \"{level}\"\nweight = 30\nself_score = {self_score}\n"),
            ),
        ]);
        (outcome.total.to_string(), outcome.rating.clone().unwrap())
    };
    let cases = [
        ("达成", "30", "99.9", "99.99", "优"),
        ("达成", "24", "100", "94.00", "优"),
        ("达成", "24", "60", "90.00", "优"),
        ("达成", "24", "59.9", "89.99", "良"),
        ("部分达成", "20", "100", "90.00", "优"),
        ("部分达成", "19.99", "100", "89.99", "良"),
        ("部分达成", "18", "20", "80.00", "良"),
        ("部分达成", "18", "19.9", "79.99", "中"),
        ("未完成", "0", "100", "70.00", "中"),
        ("未完成", "0", "0", "60.00", "中"),
    ];
    for (level, self_score, executed, total, grade) in cases {
        assert_eq!(
            at(level, self_score, executed),
            (total.to_owned(), grade.to_owned()),
            "{level} {self_score}, executed {executed}"
        );
    }
    // 59.99 and 60: no execution, 产出 at 20 of 30 (66.67%) and the rest as declared.
    let sixty = |actual: &str| {
        let outcome = clean_with(&[
            ("executed = 100", "executed = 0"),
            ("target = \"=10个\"", "target = \"=10000个\""),
            ("actual = \"10个\"", &format!("actual = \"{actual}个\"")),
            (
                "actual = \"提升\"\nweight = 30\nself_score = 30\n",
                "actual = \"未完成\"\nweight = 30\nself_score = 0\n",
            ),
        ]);
        (outcome.total.to_string(), outcome.rating.clone().unwrap())
    };
    assert_eq!(sixty("10000"), ("60.00".to_owned(), "中".to_owned()));
    assert_eq!(sixty("9997"), ("59.99".to_owned(), "差".to_owned()));
}

#[test]
fn without_a_satisfaction_indicator_benefits_are_worth_40() {
    let outcome = clean_with(&[(
        "category = \"满意度指标\"\nsubcategory = \"服务对象满意度指标\"",
        "category = \"效益指标\"\nsubcategory = \"可持续影响指标\"",
    )]);
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
    assert_eq!(outcome.total.to_string(), "100.00");
    let outcome = clean_with(&[
        ("weight = 10", "weight = 5"),
        ("self_score = 10", "self_score = 5"),
        ("total = 100", "total = 95"),
    ]);
    let messages: Vec<&str> = outcome
        .findings
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(messages, ["满意度指标各项分值合计为 5，应为 10"]);
}

#[test]
fn the_year_may_be_2020_or_later() {
    for (year, expected) in [
        ("2019", set(&["wrong-year"])),
        ("2020", set(&[])),
        ("2023", set(&[])),
    ] {
        let outcome = clean_with(&[("year = 2020", &format!("year = {year}"))]);
        let got: BTreeSet<String> = codes(&outcome).into_iter().map(str::to_owned).collect();
        assert_eq!(got, expected, "{year}");
    }
}

#[test]
fn the_clean_example_scores_as_declared() {
    let (stdout, stderr, code) = run(&["check", "--rules", RULES, CLEAN]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    insta::assert_snapshot!(stdout);
}

#[test]
fn the_clean_example_json() {
    let (stdout, stderr, code) = run(&["check", "--rules", RULES, "--format", "json", CLEAN]);
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let project = &doc["projects"][0];
    assert_eq!(project["score"], "99.00");
    assert_eq!(project["execution_score"], "10.00");
    assert_eq!(project["grade"], "优");
    assert_eq!(project["max_score"], "100");
    assert_eq!(project["findings"].as_array().unwrap().len(), 0);
    for indicator in project["indicators"].as_array().unwrap() {
        let score: rust_decimal::Decimal = indicator["score"].as_str().unwrap().parse().unwrap();
        let declared: rust_decimal::Decimal =
            indicator["self_score"].as_str().unwrap().parse().unwrap();
        assert_eq!(score, declared, "{}", indicator["name"]);
        assert_eq!(indicator["weight"], indicator["expected_weight"]);
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn the_example_with_findings() {
    let (stdout, stderr, code) = run(&["check", "--rules", RULES, WITH_FINDINGS]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
    insta::assert_snapshot!(stdout);
}

#[test]
fn the_example_with_findings_json() {
    let (stdout, stderr, code) =
        run(&["check", "--rules", RULES, "--format", "json", WITH_FINDINGS]);
    assert_eq!(code, 1, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let project = &doc["projects"][0];
    assert_eq!(project["score"], "85.62");
    assert_eq!(project["execution_score"], "8.56");
    assert_eq!(project["grade"], "良");
    let codes: BTreeSet<&str> = project["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        BTreeSet::from([
            "grade-mismatch",
            "missing-deviation-reason",
            "needs-review",
            "review-over-target",
            "score-mismatch",
            "score-out-of-range",
            "total-mismatch",
        ])
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_form_declaring_more_weight_than_a_pool_is_not_scored() {
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        RULES,
        "--format",
        "json",
        "tests/fixtures/eval/refused/mof-2020-over-weight.toml",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!stdout.contains("\"110"), "{stdout}");
    insta::assert_snapshot!(stderr);
}

/// A ruleset whose expressions read no pool adds up no pool's weights while it scores
/// (see `Plan::reads_pools`); a total above the maximum is refused all the same, and its
/// help names the pools over their points as it does where a check reads them.
#[test]
fn an_impossible_total_names_the_pools_whether_or_not_they_are_read() {
    use perfeval::data::{self, Format};
    use perfeval::source::SourceFile;
    let rules = std::fs::read_to_string(RULES).unwrap();
    let start = rules.find("check category-points").unwrap();
    let end = start + rules[start..].find("\n}\n").unwrap() + 3;
    let unread = format!("{}{}", &rules[..start], &rules[end..]);
    assert!(
        !unread.contains("for pools"),
        "no other rule reads the pools"
    );
    let unread = perfeval::load_ruleset(&SourceFile::new(RULES, unread)).unwrap();
    let form = "tests/fixtures/eval/refused/mof-2020-over-weight.toml";
    let text = std::fs::read_to_string(form).unwrap();
    let refusal = |plan: &Plan| {
        let source = SourceFile::new(form, text.as_str());
        let project = data::load_str(source, Format::Toml, &plan.form).unwrap();
        let error = perfeval::evaluate(plan, &project).unwrap_err();
        let help = miette::Diagnostic::help(&error).map(|h| h.to_string());
        (error.code(), help)
    };
    let (code, help) = refusal(&unread);
    assert_eq!(code, "perfeval::eval::impossible_total");
    assert!(
        help.as_deref().is_some_and(|h| h.contains("产出")),
        "{help:?}"
    );
    assert_eq!((code, help), refusal(&MOF));
}

/// A category written with the points the form prints beside it (`产出指标（50分）`,
/// `效益指标(30分)`) is that category: the example scores as written, with no
/// `unknown-category`. A remark that leaves no category's name stays unknown.
#[test]
fn a_category_with_its_points_beside_it_is_that_category() {
    let text = std::fs::read_to_string(crate::common::root().join(CLEAN)).unwrap();
    let plain = evaluate(&MOF, "clean.toml", &text);
    let marked = text
        .replace("category = \"产出指标\"", "category = \"产出指标（50分）\"")
        .replace("category = \"效益指标\"", "category = \"效益指标 (30分)\"");
    let outcome = evaluate(&MOF, "marked.toml", &marked);
    assert_eq!(outcome.total, plain.total);
    assert_eq!(codes(&outcome), codes(&plain));
    let unknown = text.replacen("category = \"产出指标\"", "category = \"（50分）\"", 1);
    let outcome = evaluate(&MOF, "unknown.toml", &unknown);
    assert!(codes(&outcome).contains("unknown-category"));
}
