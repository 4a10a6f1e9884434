//! Evaluation: each fixture under `tests/fixtures/eval/suzhou-2023` is a small form
//! scored with `rulesets/2023.rules`. Its header states the exit status (`# exit: 1`)
//! and the finding codes it raises (`# findings: a, b`), and may state the total
//! (`# total: 80.00`); the whole text report is snapshotted.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use rust_decimal::Decimal;

use perfeval::compile::Plan;
use perfeval::data::{self, Format};
use perfeval::eval::outcome::Outcome;
use perfeval::report::{diagnostic, table};
use perfeval::source::SourceFile;

use crate::common::{plan, relative};

static SUZHOU: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/2023.rules"));

/// Evaluates a TOML form given as text.
pub fn evaluate(plan: &Plan, name: &str, text: &str) -> Outcome {
    let project = data::load_str(SourceFile::new(name, text), Format::Toml, &plan.form)
        .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)));
    perfeval::evaluate(plan, &project).unwrap()
}

/// The table and every finding, as `perfeval check` prints them.
pub fn report(outcome: &Outcome) -> String {
    let mut out = table::render(outcome);
    for finding in &outcome.findings {
        let d = diagnostic::FindingDiagnostic {
            finding,
            source: &outcome.source,
        };
        out.push_str(&diagnostic::render(&d, false, 100));
    }
    out
}

fn header<'t>(text: &'t str, key: &str) -> &'t str {
    text.lines()
        .find_map(|l| l.strip_prefix("# ").and_then(|l| l.strip_prefix(key)))
        .unwrap_or_else(|| panic!("no `# {key}` line"))
        .trim()
}

#[test]
fn suzhou_2023_findings() {
    insta::glob!("../fixtures", "eval/suzhou-2023/*.toml", |path| {
        let name = relative(path);
        let text = std::fs::read_to_string(path).unwrap();
        let outcome = evaluate(&SUZHOU, &name, &text);
        let codes: BTreeSet<&str> = outcome.findings.iter().map(|f| f.code.as_str()).collect();
        let expected: BTreeSet<&str> = header(&text, "findings:")
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        assert_eq!(codes, expected, "{name}");
        let exit = i32::from(outcome.has_errors());
        assert_eq!(exit.to_string(), header(&text, "exit:"), "{name}");
        if let Some(total) = text.lines().find_map(|l| l.strip_prefix("# total:")) {
            assert_eq!(outcome.total.to_string(), total.trim(), "{name}");
        }
        insta::assert_snapshot!(report(&outcome));
    });
}

#[test]
fn the_seed_scores_80_with_no_error() {
    let text =
        std::fs::read_to_string(crate::common::root().join("examples/suzhou-2023-egov.toml"))
            .unwrap();
    let outcome = evaluate(&SUZHOU, "examples/suzhou-2023-egov.toml", &text);
    assert_eq!(outcome.total.to_string(), "80.00");
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
    let weights: Vec<String> = outcome
        .indicators
        .iter()
        .skip(11)
        .map(|i| i.state.expected_weight.unwrap().to_string())
        .collect();
    assert_eq!(weights, ["9.20", "9.16", "9.16", "9.16", "9.16", "9.16"]);
}

/// A program embedding perfeval serializes an outcome with serde: the file's name, every
/// number a decimal string as exact as computed (no float), findings with their spans.
#[test]
fn an_outcome_serializes_with_decimal_strings() {
    let text = std::fs::read_to_string(
        crate::common::root().join("examples/suzhou-2023-with-findings.toml"),
    )
    .unwrap();
    let outcome = evaluate(&SUZHOU, "with-findings.toml", &text);
    let json = serde_json::to_value(&outcome).unwrap();
    assert_eq!(json["file"], "with-findings.toml");
    assert_eq!(json["total"], outcome.total.to_string());
    assert_eq!(json["indicators"][11]["state"]["expected_weight"], "9.20");
    let finding = &json["findings"][0];
    assert_eq!(finding["code"], outcome.findings[0].code);
    assert!(matches!(
        finding["severity"].as_str(),
        Some("error" | "warning" | "info")
    ));
    assert!(finding["at"]["start"].is_u64(), "{finding}");
}

static BANDS: LazyLock<Plan> = LazyLock::new(|| plan("tests/fixtures/eval/bands.rules"));

/// The exact score of one indicator worth 100 points.
fn band_score(category: &str, target: &str, actual: &str) -> String {
    let text = format!(
        "[[indicators]]\ncategory = \"{category}\"\nname = \"x\"\ntarget = \"{target}\"\nactual = \"{actual}\"\n"
    );
    let outcome = evaluate(&BANDS, "band.toml", &text);
    outcome.indicators[0].state.score.normalize().to_string()
}

/// A target or actual whose number has more significant digits than are computed with
/// exactly (26) scores nothing, and the finding says why: not "no number" for an actual
/// that plainly has one, nor "not a known grade" for a target that is a number.
#[test]
fn a_number_too_long_to_compute_with_is_named_so() {
    let long = format!("1.{}1%", "1".repeat(26));
    for (target, actual, field) in [
        ("≥90%", long.as_str(), "actual"),
        (&*format!("={long}"), "95%", "target"),
    ] {
        let text = format!(
            "[[indicators]]\ncategory = \"产出\"\nname = \"x\"\ntarget = \"{target}\"\nactual = \"{actual}\"\n"
        );
        let outcome = perfeval::i18n::with_language(perfeval::i18n::Language::En, || {
            evaluate(&BANDS, "band.toml", &text)
        });
        let codes: Vec<&str> = outcome.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["not-a-number"], "{field}");
        let message = &outcome.findings[0].message;
        assert!(
            message.contains("more than 26 significant digits"),
            "{message}"
        );
        assert_eq!(
            outcome.indicators[0].state.score.normalize().to_string(),
            "0"
        );
    }
    // 26 digits are read and scored.
    let read = format!("1.{}%", "1".repeat(25));
    assert_eq!(band_score("产出", &format!("={read}"), &read), "100");
}

#[test]
fn output_band_boundaries() {
    let cases = [
        ("0%", "0"),
        ("79.99%", "0"),
        ("80%", "0"),
        ("97.5%", "87.5"),
        ("99.99%", "99.95"),
        ("100%", "100"),
        ("130%", "100"),
        ("130.01%", "99.99"),
        ("200%", "30"),
        ("200.01%", "29.99"),
    ];
    for (actual, score) in cases {
        assert_eq!(
            band_score("产出", "=100%", actual),
            score,
            "产出 at {actual}"
        );
    }
}

#[test]
fn outcome_band_boundaries() {
    let cases = [
        ("0%", "0"),
        ("79.99%", "0"),
        ("80%", "0"),
        ("99.99%", "99.95"),
        ("100%", "100"),
        ("130%", "100"),
        ("130.01%", "100"),
        ("200%", "100"),
        ("200.01%", "99.99"),
        ("250%", "50"),
    ];
    for (actual, score) in cases {
        assert_eq!(
            band_score("效益", "=100%", actual),
            score,
            "效益 at {actual}"
        );
    }
}

#[test]
fn lower_is_better_and_zero_targets() {
    assert_eq!(band_score("产出", "<=8小时", "8小时"), "100");
    assert_eq!(band_score("产出", "<=8小时", "0小时"), "100");
    assert_eq!(band_score("产出", "<=8小时", "10小时"), "0");
    assert_eq!(
        band_score("产出", "<10", "10.1"),
        "95.04950495049504950495049505"
    );
    assert_eq!(band_score("产出", "=0个", "0个"), "100");
    assert_eq!(band_score("产出", "=0个", "3个"), "100");
}

#[test]
fn comparators_in_words_and_full_width() {
    assert_eq!(band_score("效益", "不低于90%", "95%"), "100");
    assert_eq!(band_score("效益", "90%以上", "81%"), "50");
    assert_eq!(band_score("产出", "15%及其以下", "20%"), "0");
    assert_eq!(band_score("产出", "＞＝９０％", "９０ ％"), "100");
    assert_eq!(band_score("产出", "≥266米", "≥266米"), "100");
    assert_eq!(band_score("产出", "=100%", "95"), "75");
}

/// Limits as departments write them besides the spec's words: `以内`/`之内` after the
/// number, `小于等于` before it, `≧`/`=>` as symbols; and Excel's scientific notation.
#[test]
fn comparators_as_forms_write_them() {
    let seed =
        std::fs::read_to_string(crate::common::root().join("examples/suzhou-2023-egov.toml"))
            .unwrap();
    // The seed's 12th row, `=15个` done as `15个`, written otherwise.
    let suzhou = |target: &str, actual: &str| {
        let text = seed
            .replace("target = \"=15个\"", &format!("target = \"{target}\""))
            .replace("actual = \"15个\"", &format!("actual = \"{actual}\""));
        let outcome = evaluate(&SUZHOU, "limits.toml", &text);
        outcome.indicators[11]
            .state
            .completion
            .map(|c| c.normalize().to_string())
    };
    assert_eq!(suzhou("8小时以内", "10小时").as_deref(), Some("0.8"));
    assert_eq!(suzhou("8小时之内", "6小时").as_deref(), Some("1"));
    // `内` alone is no comparator: `省内` is a place (`3个省内` is not "at most 3").
    assert_eq!(
        suzhou("3个省内", "4个省内").as_deref(),
        Some("1.3333333333333333333333333333")
    );
    assert_eq!(suzhou("5天以内", "5天").as_deref(), Some("1"));
    assert_eq!(suzhou("小于等于8小时", "10小时").as_deref(), Some("0.8"));
    assert_eq!(suzhou("大于等于90%", "81%").as_deref(), Some("0.9"));
    assert_eq!(suzhou("不大于8小时", "6小时").as_deref(), Some("1"));
    assert_eq!(band_score("效益", "≧90%", "81%"), "50");
    assert_eq!(band_score("效益", "=>90%", "95%"), "100");
    assert_eq!(band_score("产出", "=<8小时", "10小时"), "0");
    assert_eq!(band_score("产出", ">=1.2E+05个", "120000个"), "100");
    assert_eq!(band_score("产出", ">=1e5", "150000"), "80");
}

/// 2023 rounding: each score to 0.01, half away from zero, at the band edges.
#[test]
fn suzhou_2023_rounds_each_score() {
    let cases = [
        ("99.99%", "27.49"),
        ("100%", "27.50"),
        ("130.01%", "27.50"),
        ("200%", "8.25"),
        ("200.01%", "8.25"),
        ("97.5%", "24.06"),
    ];
    let template = std::fs::read_to_string(
        crate::common::root().join("tests/fixtures/eval/suzhou-2023/clean.toml"),
    )
    .unwrap();
    for (actual, score) in cases {
        let text = template
            .replace("target = \"=2个\"", "target = \"=100%\"")
            .replace("actual = \"2个\"", &format!("actual = \"{actual}\""));
        let outcome = evaluate(&SUZHOU, "clean.toml", &text);
        let row = outcome
            .indicators
            .iter()
            .find(|i| i.name == "系统上线数量")
            .unwrap();
        assert_eq!(row.state.score.to_string(), score, "at {actual}");
    }
}

#[test]
fn a_negative_residual_is_a_finding_and_counts_as_zero() {
    // tests/fixtures/eval/negative-residual.rules: 5 points over 8 rows, shares rounded
    // half away from zero to whole points, so the last row would carry 5 − 7 × 1 = −2.
    let plan = plan("tests/fixtures/eval/negative-residual.rules");
    let mut form = String::new();
    for i in 1..=8 {
        form.push_str(&format!(
            "[[indicators]]\ncategory = \"产出\"\nname = \"指标{i}\"\ntarget = \"=1个\"\nweight = 1\nactual = \"1个\"\n\n"
        ));
    }
    let outcome = evaluate(&plan, "negative.toml", &form);
    let last = outcome.indicators.last().unwrap();
    assert_eq!(last.state.expected_weight, Some(Decimal::ZERO));
    assert_eq!(last.state.score, Decimal::ZERO);
    assert!(
        outcome
            .indicators
            .iter()
            .all(|i| i.state.score >= Decimal::ZERO)
    );
    let codes: Vec<&str> = outcome.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["impossible-weight"]);
    assert!(
        outcome.findings[0].message.contains("-2"),
        "{}",
        outcome.findings[0].message
    );
    assert_eq!(outcome.total, Decimal::from(7));
}

#[test]
fn a_form_with_no_indicators_totals_zero_to_the_rounding_step() {
    let clean = std::fs::read_to_string(
        crate::common::root().join("tests/fixtures/bad/accepted/clean.toml"),
    )
    .unwrap();
    let start = clean.find("indicators = [").unwrap();
    let end = clean[start..].find("\n]\n").unwrap() + start + 3;
    let empty = format!("{}indicators = []\n{}", &clean[..start], &clean[end..]);
    let outcome = evaluate(&SUZHOU, "empty.toml", &empty);
    assert_eq!(outcome.total.to_string(), "0.00");
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.code == "missing-indicator")
    );
}

/// The 2023 policy with `extra` rules appended.
fn suzhou_with(extra: &str) -> Plan {
    let rules = std::fs::read_to_string(crate::common::root().join("rulesets/2023.rules")).unwrap();
    perfeval::load_ruleset(&SourceFile::new(
        "2023+.rules",
        format!("{rules}\n{extra}\n"),
    ))
    .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)))
}

fn seed() -> String {
    std::fs::read_to_string(crate::common::root().join("examples/suzhou-2023-egov.toml")).unwrap()
}

/// A row-independent aggregate inside a filter inside a per-row check is computed once
/// per loop, and gives what it gives computed for every row: the seed's weights add up
/// to 80, those above 80 / 20 = 4 to 8 + 9.2 + 5 × 9.16 = 63, and 63 / 7 = 9, so the six
/// own indicators (9.2 and 9.16) fail `weight < 9`.
#[test]
fn aggregates_that_read_no_row_give_the_same_result_once() {
    let plan = suzhou_with(
        "check big warning for indicators { weight < sum(indicators[weight > sum(indicators.weight) / 20].weight) / 7 }",
    );
    let outcome = evaluate(&plan, "seed.toml", &seed());
    let big: Vec<&str> = outcome
        .findings
        .iter()
        .filter(|f| f.code == "big")
        .map(|f| f.indicator.as_deref().unwrap())
        .collect();
    assert_eq!(big.len(), 6, "{big:?}");
    assert!(
        big.iter()
            .all(|name| !["预算执行率", "资金使用合规性"].contains(name))
    );
}

/// Thirty aggregates nested in filters: each level reads no row of the one around it, so
/// the whole is linear in the depth. (Computed afresh for every row, it would take 17³⁰
/// steps and never end.)
#[test]
fn deeply_nested_aggregates_end() {
    let mut inner = "0 分".to_owned();
    for _ in 0..30 {
        inner = format!("sum(indicators[weight > {inner}].weight) / 100");
    }
    let plan = suzhou_with(&format!(
        "check deep warning for indicators {{ count(indicators[weight > {inner}]) == 0 }}"
    ));
    let outcome = evaluate(&plan, "seed.toml", &seed());
    // Every level is below the smallest weight (80 / 100 < 1), so every row counts, the
    // count is 17, and the check fails on each of the 17 rows.
    assert_eq!(
        outcome.findings.iter().filter(|f| f.code == "deep").count(),
        17
    );
}

/// Each example form, read against `read_by`'s form and scored under `scored_by`, has
/// the report and total it has read against and scored under `expected`.
fn examples_score_as(expected: &Plan, (read_by, scored_by): (&Plan, &Plan)) {
    for path in [
        "examples/suzhou-2023-egov.toml",
        "examples/suzhou-2023-with-findings.toml",
    ] {
        let text = std::fs::read_to_string(crate::common::root().join(path)).unwrap();
        let load = |plan: &Plan| {
            data::load_str(
                SourceFile::new(path, text.clone()),
                Format::Toml,
                &plan.form,
            )
            .unwrap()
        };
        let own = perfeval::evaluate(expected, &load(expected)).unwrap();
        let crossed = perfeval::evaluate(scored_by, &load(read_by)).unwrap();
        assert_eq!(report(&crossed), report(&own), "{path}");
        assert_eq!(format!("{:?}", crossed.total), format!("{:?}", own.total));
    }
}

/// A form read against one ruleset's form and scored under another whose indicator
/// fields are declared in another order (as `diff` scores a form under two rulesets):
/// each field is found by its key, not at the place the first form gave it, so the
/// outcome is the one of the form read against the second ruleset itself. Reading by
/// place across forms would take each row's category for its name, its name for its
/// target, and fail the whole table.
#[test]
fn a_form_read_against_another_rulesets_form_is_scored_the_same() {
    let rules = std::fs::read_to_string(crate::common::root().join("rulesets/2023.rules")).unwrap();
    let declared = "    category: text \"类别\"\n    name: text \"指标名称\"\n    target: measure \"目标值\"\n";
    let reordered = "    target: measure \"目标值\"\n    name: text \"指标名称\"\n    category: text \"类别\"\n";
    assert!(rules.contains(declared));
    let other = perfeval::load_ruleset(&SourceFile::new(
        "reordered.rules",
        rules.replacen(declared, reordered, 1),
    ))
    .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)));
    examples_score_as(&other, (&SUZHOU, &other));
}

/// A plan whose form someone replaced after compiling, by one with the same sections
/// in reverse order (a library's user may: the field is public): the places its
/// expressions were compiled with are not the new form's, so sections and fields are
/// found by key, and a form read against the new form scores as under the plan as
/// compiled.
#[test]
fn a_plan_whose_form_was_replaced_reads_sections_and_fields_by_key() {
    let mut swapped = SUZHOU.clone();
    let reversed: Vec<_> = SUZHOU.form.sections().iter().rev().cloned().collect();
    swapped.form = perfeval::data::schema::FormSchema::new(reversed);
    examples_score_as(&SUZHOU, (&swapped, &swapped));
}

/// A rounding step a formula gives as zero or less is an invalid step, with its place
/// in the ruleset, not a division by zero (no division is written).
#[test]
fn a_step_of_zero_or_less_is_an_invalid_step() {
    for step in ["0 - 1", "funds.balance"] {
        let text = format!(
            "ruleset \"t\" extends \"2023.rules\" {{ version \"t.1\" }}\n\
             check d error {{ round(funds.paid, {step}, half_even) == 1 万元 }}\n"
        );
        let (plan, project) = seed_under_text(text);
        let error = perfeval::evaluate(&plan, &project).unwrap_err();
        assert_eq!(error.code(), "perfeval::eval::invalid_step", "{step}");
        assert!(error.span().is_some(), "{step}");
    }
}

/// A check's message shows each side as the ruleset groups it: `a − (b − c)` was shown
/// `a − b − c`, beside a value that formula, so read, does not give.
#[test]
fn a_check_s_sides_keep_their_parentheses() {
    let checks = [
        (
            "funds.balance == funds.appropriated - (funds.paid - funds.appropriated)",
            "财政拨款数 − (实际支付数 − 财政拨款数)",
        ),
        (
            "funds.paid / funds.appropriated == funds.paid / (funds.appropriated * 2)",
            "实际支付数 ÷ (财政拨款数 × 2)",
        ),
        (
            "(funds.appropriated - funds.paid) * 2 == funds.appropriated",
            "(财政拨款数 − 实际支付数) × 2",
        ),
        (
            "funds.appropriated - funds.paid - funds.appropriated == funds.paid",
            "财政拨款数 − 实际支付数 − 财政拨款数",
        ),
    ];
    let mut text = "ruleset \"t\" extends \"2023.rules\" { version \"t.1\" }\n".to_owned();
    for (i, (check, _)) in checks.iter().enumerate() {
        text.push_str(&format!("check p-{i} error {{ {check} }}\n"));
    }
    let (plan, project) = seed_under_text(text);
    let outcome = perfeval::evaluate(&plan, &project).unwrap();
    for (i, (_, shown)) in checks.iter().enumerate() {
        let code = format!("p-{i}");
        let finding = outcome.findings.iter().find(|f| f.code == code).unwrap();
        assert!(finding.message.contains(shown), "{}", finding.message);
        let grouped = format!("({shown})");
        assert!(!finding.message.contains(&grouped), "{}", finding.message);
    }
}

/// A ruleset given as text, and the seed form read against its form.
fn seed_under_text(text: String) -> (perfeval::compile::Plan, perfeval::data::project::Project) {
    let plan = perfeval::load_ruleset(&perfeval::source::SourceFile::new("t.rules", text))
        .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)));
    let form =
        std::fs::read_to_string(crate::common::root().join("examples/suzhou-2023-egov.toml"))
            .unwrap();
    let project = perfeval::data::load_str(
        perfeval::source::SourceFile::new("f.toml", form),
        perfeval::data::Format::Toml,
        &plan.form,
    )
    .unwrap();
    (plan, project)
}
