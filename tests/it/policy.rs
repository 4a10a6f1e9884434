//! Policy changes: every ruleset under `examples/policy-changes/` extends
//! `rulesets/2023.rules` and changes one thing. Each test scores one form with the 2023
//! ruleset and with the changed one, asserts the numbers that change (worked out by hand
//! from the rules) and that the rest stays as it was, and snapshots the changed report.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

use perfeval::cli::FileLoader;
use perfeval::compile::Plan;
use perfeval::eval::outcome::Outcome;
use perfeval::link::Loader;
use perfeval::syntax::ast::Severity;

use crate::common::{plan, render, root};
use crate::eval::{evaluate, report};

static BASE: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/2023.rules"));

const CHANGES: &str = "examples/policy-changes";

/// Loads a changed ruleset, and the base it extends, from the file system: by its path
/// from the crate's root (the tests' working folder), as a citation of it shows it.
fn changed(file: &str) -> Plan {
    load(&Path::new(CHANGES).join(file), &mut FileLoader)
}

fn load(path: &Path, loader: &mut dyn Loader) -> Plan {
    perfeval::load_ruleset_file(path, loader)
        .unwrap_or_else(|e| panic!("{}", render(&e)))
        .0
}

/// A form under the crate root, as text.
fn form(relative: &str) -> String {
    std::fs::read_to_string(root().join(relative)).unwrap()
}

/// One form (given as text, named `name`) scored by the 2023 ruleset and by `changed`.
fn both_text(changed: &Plan, name: &str, text: &str) -> (Outcome, Outcome) {
    (evaluate(&BASE, name, text), evaluate(changed, name, text))
}

/// One form under the crate root scored by the 2023 ruleset and by `changed`.
fn both(changed: &Plan, relative: &str) -> (Outcome, Outcome) {
    both_text(changed, relative, &form(relative))
}

/// The one row named `name`.
fn row<'o>(o: &'o Outcome, name: &str) -> &'o perfeval::eval::outcome::IndicatorOutcome {
    let mut rows = o.indicators.iter().filter(|i| i.name == name);
    let found = rows.next().unwrap_or_else(|| panic!("no row 「{name}」"));
    assert!(rows.next().is_none(), "two rows 「{name}」");
    found
}

/// A row's score, as the report prints it.
fn score(o: &Outcome, name: &str) -> String {
    row(o, name).state.score.to_string()
}

/// A row's expected weight, as the report prints it.
fn weight(o: &Outcome, name: &str) -> String {
    row(o, name)
        .state
        .expected_weight
        .map_or_else(|| "-".to_owned(), |w| w.to_string())
}

fn total(o: &Outcome) -> String {
    o.total.to_string()
}

/// Every finding as `code` or `code@indicator`, sorted.
fn findings(o: &Outcome) -> Vec<String> {
    let mut all: Vec<String> = o
        .findings
        .iter()
        .map(|f| match &f.indicator {
            Some(i) => format!("{}@{i}", f.code),
            None => f.code.clone(),
        })
        .collect();
    all.sort();
    all
}

fn sorted(items: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = items.iter().map(|s| (*s).to_owned()).collect();
    all.sort();
    all
}

/// Every row not named in `changed` has the same category, expected weight and score
/// under both rulesets.
fn same_rows_except(before: &Outcome, after: &Outcome, changed: &[&str]) {
    assert_eq!(before.indicators.len(), after.indicators.len());
    for (b, a) in before.indicators.iter().zip(&after.indicators) {
        assert_eq!(b.name, a.name);
        if changed.contains(&b.name.as_str()) {
            continue;
        }
        let shown = |i: &perfeval::eval::outcome::IndicatorOutcome| {
            (
                i.category.clone(),
                i.state.expected_weight.map(|w| w.to_string()),
                i.state.score.to_string(),
            )
        };
        assert_eq!(shown(b), shown(a), "「{}」 should not change", b.name);
    }
}

/// `text` with `from` replaced by `to`, which must occur exactly once.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "`{from}` once");
    text.replacen(from, to, 1)
}

// ── 1. Deduction below the band: 5% → 3% a point ────────────────────────────

/// The clause is written for both 产出类 and 结果类 (the 2023 notes state the 5% in both),
/// so both classes change.
#[test]
fn deduction_3pct() {
    let plan = changed("deduction-3pct.rules");

    // 产出 95%: 1 − 3% × 5 = 85% of 27.5 = 23.375 → 23.38 (2023: 75% → 20.625 → 20.63).
    // 效益 81% of ≥90% = 90%: 1 − 3% × 10 = 70% of 27.5 = 19.25 (2023: 50% → 13.75).
    let (before, after) = both(
        &plan,
        "tests/fixtures/eval/policy-changes/below-target.toml",
    );
    assert_eq!(score(&before, "系统上线数量"), "20.63");
    assert_eq!(score(&after, "系统上线数量"), "23.38");
    assert_eq!(score(&before, "服务覆盖率"), "13.75");
    assert_eq!(score(&after, "服务覆盖率"), "19.25");
    assert_eq!(total(&before), "59.38");
    assert_eq!(total(&after), "67.63");
    same_rows_except(&before, &after, &["系统上线数量", "服务覆盖率"]);
    assert!(findings(&before).is_empty());
    assert_eq!(
        findings(&after),
        sorted(&["score-mismatch@系统上线数量", "score-mismatch@服务覆盖率"])
    );
    insta::assert_snapshot!("deduction-3pct", report(&after));

    // The 2023 fixture with a 95% output indicator: 20.63 → 23.38, total 73.13 → 75.88.
    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/score-mismatch.toml");
    assert_eq!(score(&before, "系统上线数量"), "20.63");
    assert_eq!(score(&after, "系统上线数量"), "23.38");
    assert_eq!(total(&before), "73.13");
    assert_eq!(total(&after), "75.88");
    same_rows_except(&before, &after, &["系统上线数量"]);

    // Above the band nothing changed: 140% still loses 1% a point, 12.375 → 12.38.
    let (before, after) = both(
        &plan,
        "tests/fixtures/eval/policy-changes/output-above-band.toml",
    );
    assert_eq!(score(&after, "服务事项数"), "12.38");
    same_rows_except(&before, &after, &[]);
    assert_eq!(total(&before), total(&after));
}

// ── 2. 产出 full band 100%–130% → 100%–120% ────────────────────────────────

#[test]
fn output_band_120() {
    let plan = changed("output-band-120.rules");
    let (before, after) = both(
        &plan,
        "tests/fixtures/eval/policy-changes/output-above-band.toml",
    );
    // Four shares of 55: 13.75 each. 115% is in both bands.
    assert_eq!(score(&before, "培训人次"), "13.75");
    assert_eq!(score(&after, "培训人次"), "13.75");
    // 125%: full in 2023; now 1 − 1% × 5 = 95% of 13.75 = 13.0625 → 13.06.
    assert_eq!(score(&before, "系统上线数量"), "13.75");
    assert_eq!(score(&after, "系统上线数量"), "13.06");
    // 140%: 1 − 1% × 10 = 90% → 12.375 → 12.38; now 1 − 1% × 20 = 80% → 11.00.
    assert_eq!(score(&before, "服务事项数"), "12.38");
    assert_eq!(score(&after, "服务事项数"), "11.00");
    assert_eq!(total(&before), "78.63");
    assert_eq!(total(&after), "76.56");
    same_rows_except(&before, &after, &["系统上线数量", "服务事项数"]);
    assert!(findings(&before).is_empty());
    assert_eq!(
        findings(&after),
        sorted(&["score-mismatch@系统上线数量", "score-mismatch@服务事项数"])
    );
    insta::assert_snapshot!("output-band-120", report(&after));

    // 结果类 keeps 100%–200%: the 效益 row at 117% of ≥90% (130%) is full under both.
    let text = replace_once(
        &form("tests/fixtures/eval/policy-changes/output-above-band.toml"),
        "actual = \"95%\"",
        "actual = \"117%\"",
    );
    let (before, after) = both_text(&plan, "outcome-130.toml", &text);
    assert_eq!(score(&before, "服务覆盖率"), "13.75");
    assert_eq!(score(&after, "服务覆盖率"), "13.75");
}

// ── 3. Fiscal year 2024, cutoff 2024-12-31 ──────────────────────────────────

#[test]
fn fiscal_year_2024() {
    let plan = changed("fiscal-year-2024.rules");

    // A 2024 form: wrong year and after the cutoff for 2023, whose discard also refuses
    // the 效益 row measured on 2024-12-20 (0 instead of 27.50); clean for 2024.
    let (before, after) = both(&plan, "tests/fixtures/eval/policy-changes/year-2024.toml");
    assert_eq!(score(&before, "服务覆盖率"), "0.00");
    assert_eq!(score(&after, "服务覆盖率"), "27.50");
    assert_eq!(total(&before), "52.50");
    assert_eq!(total(&after), "80.00");
    same_rows_except(&before, &after, &["服务覆盖率"]);
    assert_eq!(
        findings(&before),
        sorted(&[
            "wrong-year",
            "after-cutoff",
            "after-cutoff@服务覆盖率",
            "missing-value@服务覆盖率",
            "score-mismatch@服务覆盖率",
        ])
    );
    assert!(findings(&after).is_empty(), "{:?}", findings(&after));
    insta::assert_snapshot!("fiscal-year-2024", report(&after));

    // A 2023 form: the 2024 checks find the wrong year and stale data, and quote 2024.
    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/clean.toml");
    assert!(findings(&before).is_empty());
    assert_eq!(findings(&after), sorted(&["wrong-year", "stale-data"]));
    let messages: Vec<&str> = after.findings.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "项目年份为 2023，本规则集适用于 2024 年度",
            "数据采集时间节点 2023-12-31 早于截止日期 2024-12-31",
        ]
    );
    same_rows_except(&before, &after, &[]);

    // An indicator measured on 2024-02-01 is discarded by 2023 and taken by 2024.
    let (before, after) = both(
        &plan,
        "tests/fixtures/eval/suzhou-2023/after-cutoff-indicator.toml",
    );
    assert_eq!(score(&before, "服务覆盖率"), "0.00");
    assert_eq!(score(&after, "服务覆盖率"), "27.50");
    assert_eq!(
        findings(&before),
        sorted(&["after-cutoff@服务覆盖率", "missing-value@服务覆盖率"])
    );
    assert_eq!(
        findings(&after),
        sorted(&["wrong-year", "stale-data", "score-mismatch@服务覆盖率"])
    );
}

// ── 4. Grade shares 较好 70%, 一般 50%, 较差 30%, 差 10% ──────────────────────

#[test]
fn grade_shares() {
    let plan = changed("grade-shares.rules");
    let (before, after) = both(&plan, "tests/fixtures/eval/policy-changes/grades.toml");
    // 差 on 1 point, 较好 and 一般 on 4, 较差 on 2.
    let expected = [
        ("立项依据充分性", "0.20", "0.10"),
        ("资金使用合规性", "3.20", "2.80"),
        ("制度执行有效性", "2.40", "2.00"),
        ("管理制度健全性", "0.80", "0.60"),
    ];
    for (name, was, is) in expected {
        assert_eq!(score(&before, name), was, "{name}");
        assert_eq!(score(&after, name), is, "{name}");
    }
    // 好 (and the target word) is still 100%.
    same_rows_except(&before, &after, &expected.map(|e| e.0));
    assert_eq!(total(&before), "75.60");
    assert_eq!(total(&after), "74.50");
    assert!(findings(&before).is_empty());
    let mut mismatches: Vec<String> = expected
        .iter()
        .map(|e| format!("score-mismatch@{}", e.0))
        .collect();
    mismatches.sort();
    assert_eq!(findings(&after), mismatches);
    insta::assert_snapshot!("grade-shares", report(&after));
}

// ── 5. The 55 points per category: 产出+投入 30, 效益+满意度 25 ─────────────────

#[test]
fn pools_per_category() {
    let plan = changed("pools-per-category.rules");
    let (before, after) = both(&plan, "examples/suzhou-2023-egov.toml");
    let own = |o: &Outcome| -> Vec<String> {
        o.indicators
            .iter()
            .skip(11)
            .map(|i| i.state.expected_weight.unwrap().to_string())
            .collect()
    };
    assert_eq!(
        own(&before),
        ["9.20", "9.16", "9.16", "9.16", "9.16", "9.16"]
    );
    // 30 / 3 = 10.00 exactly; 25 / 3 = 8.33 truncated, residual 0.01 on the first
    // 效益 row (no declared weight is 8.34, so `matching else first` picks the first).
    assert_eq!(
        own(&after),
        ["10.00", "10.00", "10.00", "8.34", "8.33", "8.33"]
    );
    // Every own indicator scores full marks, so the total stays 80.00.
    assert_eq!(total(&before), "80.00");
    assert_eq!(total(&after), "80.00");
    let names: Vec<&str> = before
        .indicators
        .iter()
        .skip(11)
        .map(|i| i.name.as_str())
        .collect();
    same_rows_except(&before, &after, &names);
    assert!(findings(&before).is_empty());
    let mut expected = Vec::new();
    for name in &names {
        expected.push(format!("weight-mismatch@{name}"));
        expected.push(format!("score-mismatch@{name}"));
    }
    expected.sort();
    assert_eq!(findings(&after), expected);
    insta::assert_snapshot!("pools-per-category", report(&after));
}

// ── 6. Shares rounded to 0.1, the residual on the last ──────────────────────

#[test]
fn residual_last() {
    let plan = changed("residual-last-0.1.rules");
    let (before, after) = both(&plan, "examples/suzhou-2023-egov.toml");
    let own = |o: &Outcome| -> Vec<String> {
        o.indicators
            .iter()
            .skip(11)
            .map(|i| i.state.expected_weight.unwrap().to_string())
            .collect()
    };
    // 55 / 6 = 9.1666… → 9.2 (half away from zero); 55 − 6 × 9.2 = −0.2, so the last
    // gets 9.0.
    assert_eq!(own(&after), ["9.2", "9.2", "9.2", "9.2", "9.2", "9.0"]);
    let scores: Vec<String> = after
        .indicators
        .iter()
        .skip(11)
        .map(|i| i.state.score.to_string())
        .collect();
    assert_eq!(scores, ["9.20", "9.20", "9.20", "9.20", "9.20", "9.00"]);
    assert_eq!(total(&after), "80.00");
    let names: Vec<&str> = before
        .indicators
        .iter()
        .skip(11)
        .map(|i| i.name.as_str())
        .collect();
    same_rows_except(&before, &after, &names);
    // The first row declares 9.2 and agrees; the other five declare 9.16.
    let mut expected = Vec::new();
    for name in names.iter().skip(1) {
        expected.push(format!("weight-mismatch@{name}"));
        expected.push(format!("score-mismatch@{name}"));
    }
    expected.sort();
    assert_eq!(findings(&after), expected);
    insta::assert_snapshot!("residual-last-0.1", report(&after));
}

// ── 7. A new common indicator; 预算执行率 8 → 6 ───────────────────────────────

#[test]
fn common_indicator() {
    let plan = changed("common-indicator.rules");

    // The seed form has no 绩效监控有效性 and declares 8 for 预算执行率.
    let (before, after) = both(&plan, "examples/suzhou-2023-egov.toml");
    assert_eq!(weight(&before, "预算执行率"), "8");
    assert_eq!(weight(&after, "预算执行率"), "6");
    assert_eq!(score(&before, "预算执行率"), "8.00");
    assert_eq!(score(&after, "预算执行率"), "6.00");
    assert_eq!(total(&before), "80.00");
    assert_eq!(total(&after), "78.00");
    same_rows_except(&before, &after, &["预算执行率"]);
    assert_eq!(
        findings(&after),
        sorted(&[
            "weight-mismatch@预算执行率",
            "score-mismatch@预算执行率",
            "missing-indicator@绩效监控有效性",
        ])
    );

    // A form that follows the new catalog is clean; for 2023 the new row is unknown and
    // 预算执行率's 6 is wrong.
    let (before, after) = both(
        &plan,
        "tests/fixtures/eval/policy-changes/common-indicator.toml",
    );
    assert_eq!(weight(&before, "绩效监控有效性"), "-");
    assert_eq!(score(&before, "绩效监控有效性"), "0.00");
    assert_eq!(weight(&after, "绩效监控有效性"), "2");
    assert_eq!(score(&after, "绩效监控有效性"), "2.00");
    assert_eq!(score(&before, "预算执行率"), "8.00");
    assert_eq!(score(&after, "预算执行率"), "6.00");
    assert_eq!(total(&before), "80.00");
    assert_eq!(total(&after), "80.00");
    same_rows_except(&before, &after, &["预算执行率", "绩效监控有效性"]);
    assert_eq!(
        findings(&before),
        sorted(&[
            "weight-mismatch@预算执行率",
            "score-mismatch@预算执行率",
            "unknown-indicator@绩效监控有效性",
        ])
    );
    assert!(findings(&after).is_empty(), "{:?}", findings(&after));
    insta::assert_snapshot!("common-indicator", report(&after));
}

// ── 8. The total capped at 60 when 预算执行率 is below 60% ──────────────────────

#[test]
fn total_cap_60() {
    let plan = changed("total-cap-60.rules");
    let relative = "tests/fixtures/eval/policy-changes/low-execution.toml";
    let (before, after) = both(&plan, relative);
    // 预算执行率 50% scores 0 of 8 under both; the rows add up to 72.00.
    assert_eq!(score(&after, "预算执行率"), "0.00");
    same_rows_except(&before, &after, &[]);
    assert_eq!(total(&before), "72.00");
    assert_eq!(total(&after), "60.00");
    assert!(findings(&before).is_empty());
    assert_eq!(findings(&after), ["total-cap"]);
    let cap = &after.findings[0];
    assert_eq!(cap.severity, Severity::Info);
    assert_eq!(cap.message, "the total is adjusted from 72.00 to 60.00");
    let (_, zh) =
        perfeval::i18n::with_language(perfeval::i18n::Language::Zh, || both(&plan, relative));
    assert_eq!(zh.findings[0].message, "总分由 72.00 调整为 60.00");
    assert!(!after.has_errors());
    insta::assert_snapshot!("total-cap-60", report(&after));

    // At the edge: 60% is not below 60%, so no cap; 59% is.
    let at = |rate: u32| {
        let text = form(relative)
            .replace("paid = 50", &format!("paid = {rate}"))
            .replace("balance = 50", &format!("balance = {}", 100 - rate))
            .replace(
                "carried_forward = 50",
                &format!("carried_forward = {}", 100 - rate),
            )
            .replace("actual = \"50%\"", &format!("actual = \"{rate}%\""));
        evaluate(&plan, "rate.toml", &text)
    };
    let sixty = at(60);
    assert_eq!(total(&sixty), "72.00");
    assert!(findings(&sixty).is_empty(), "{:?}", findings(&sixty));
    let fifty_nine = at(59);
    assert_eq!(total(&fifty_nine), "60.00");
    assert_eq!(findings(&fifty_nine), ["total-cap"]);

    // A total already below 60 stays as it is, with no finding: 72.00 − 27.50 = 44.50.
    let text = replace_once(&form(relative), "actual = \"2个\"", "actual = \"-\"");
    let low = evaluate(&plan, "low.toml", &text);
    assert_eq!(total(&low), "44.50");
    assert!(!findings(&low).contains(&"total-cap".to_owned()));
}

// ── 9. A missing value with an explanation scores half ─────────────────────

#[test]
fn explained_half() {
    let plan = changed("explained-half.rules");
    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/needs-review.toml");
    // 50% of 27.50.
    assert_eq!(score(&before, "服务覆盖率"), "0.00");
    assert_eq!(score(&after, "服务覆盖率"), "13.75");
    assert_eq!(total(&before), "52.50");
    assert_eq!(total(&after), "66.25");
    same_rows_except(&before, &after, &["服务覆盖率"]);
    // Still for a person to review; the declared 0 now disagrees.
    assert_eq!(findings(&before), ["needs-review@服务覆盖率"]);
    assert_eq!(
        findings(&after),
        sorted(&["needs-review@服务覆盖率", "score-mismatch@服务覆盖率"])
    );
    insta::assert_snapshot!("explained-half", report(&after));

    // Without an explanation it still scores 0.
    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/missing-value.toml");
    assert_eq!(score(&after, "服务覆盖率"), "0.00");
    assert_eq!(total(&after), "52.50");
    assert_eq!(findings(&before), findings(&after));

    // A discarded actual (measured after the cutoff) counts as unexplained: still 0.
    let text = replace_once(
        &form("tests/fixtures/eval/suzhou-2023/needs-review.toml"),
        "explanation = \"统计数据尚未发布\"",
        "explanation = \"统计数据尚未发布\"\nas_of = 2024-02-01",
    );
    let text = replace_once(&text, "actual = \"\"", "actual = \"95%\"");
    let discarded = evaluate(&plan, "discarded.toml", &text);
    assert_eq!(score(&discarded, "服务覆盖率"), "0.00");
    assert_eq!(
        findings(&discarded),
        sorted(&["after-cutoff@服务覆盖率", "missing-value@服务覆盖率"])
    );
}

// ── 10. A rating of the total: 优 ≥ 72, 良 ≥ 64, 中 ≥ 48, else 差 ──────────────

#[test]
fn rating_bands() {
    let plan = changed("rating-bands.rules");
    let clean = form("tests/fixtures/eval/suzhou-2023/clean.toml");
    let cases = [
        // (what, the form's text, total, rating)
        ("clean", clean.clone(), "80.00", "优"),
        (
            // 1.8个 of 2个 = 90%: 50% of 27.50, 13.75; 80 − 13.75 = 66.25.
            "产出 90%",
            replace_once(&clean, "actual = \"2个\"", "actual = \"1.8个\""),
            "66.25",
            "良",
        ),
        (
            "效益 missing",
            form("tests/fixtures/eval/suzhou-2023/needs-review.toml"),
            "52.50",
            "中",
        ),
        (
            "both missing",
            replace_once(
                &replace_once(&clean, "actual = \"2个\"", "actual = \"-\""),
                "actual = \"95%\"",
                "actual = \"-\"",
            ),
            "25.00",
            "差",
        ),
        (
            "72.00 exactly",
            form("tests/fixtures/eval/policy-changes/low-execution.toml"),
            "72.00",
            "优",
        ),
    ];
    for (what, text, expected_total, expected_rating) in cases {
        let (before, after) = both_text(&plan, "rating.toml", &text);
        assert_eq!(before.rating, None, "{what}");
        assert_eq!(after.rating.as_deref(), Some(expected_rating), "{what}");
        assert_eq!(total(&before), expected_total, "{what}");
        assert_eq!(total(&after), expected_total, "{what}");
        same_rows_except(&before, &after, &[]);
        assert_eq!(findings(&before), findings(&after), "{what}");
    }
    let (_, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/needs-review.toml");
    insta::assert_snapshot!("rating-bands", report(&after));
}

// ── More kinds of change ───────────────────────────────────────────────────

/// `rename category 效益 to 效果`: the report says 效果; forms may still write 效益.
#[test]
fn rename_category() {
    let plan = changed("rename-category.rules");
    let relative = "tests/fixtures/eval/suzhou-2023/clean.toml";
    let (before, after) = both(&plan, relative);
    assert_eq!(row(&before, "服务覆盖率").category, "效益");
    assert_eq!(row(&after, "服务覆盖率").category, "效果");
    assert_eq!(score(&after, "服务覆盖率"), "27.50");
    same_rows_except(&before, &after, &["服务覆盖率"]);
    assert_eq!(total(&after), "80.00");
    assert!(findings(&after).is_empty());
    insta::assert_snapshot!("rename-category", report(&after));

    // The old name, and the old labels, still read as the category.
    for label in ["效益", "效果", "效果指标", "效益目标"] {
        let text = replace_once(
            &form(relative),
            "category = \"效益目标\"",
            &format!("category = \"{label}\""),
        );
        let o = evaluate(&plan, "label.toml", &text);
        assert_eq!(row(&o, "服务覆盖率").category, "效果", "{label}");
        assert!(findings(&o).is_empty(), "{label}: {:?}", findings(&o));
    }
}

/// `rename indicator`: the catalog entry is renamed, and so is every text in the rules
/// that names it (`name == "预算执行率"` in the execution-rate check).
#[test]
fn rename_indicator() {
    let plan = changed("rename-indicator.rules");
    let text = replace_once(
        &form("tests/fixtures/eval/suzhou-2023/execution-rate.toml"),
        "name = \"预算执行率\"",
        "name = \"预算资金执行率\"",
    );
    let (before, after) = both_text(&plan, "renamed.toml", &text);
    // For 2023 the new name is no common indicator; the old one is missing.
    assert_eq!(weight(&before, "预算资金执行率"), "-");
    assert_eq!(score(&before, "预算资金执行率"), "0.00");
    assert_eq!(
        findings(&before),
        sorted(&[
            "unknown-indicator@预算资金执行率",
            "missing-indicator@预算执行率",
        ])
    );
    // Renamed: 8 points, and the execution rate is still checked (100% for 93.97%).
    assert_eq!(weight(&after, "预算资金执行率"), "8");
    assert_eq!(score(&after, "预算资金执行率"), "8.00");
    assert_eq!(total(&after), "80.00");
    assert_eq!(findings(&after), ["execution-rate@预算资金执行率"]);
    insta::assert_snapshot!("rename-indicator", report(&after));
}

/// `remove check funds-split`: the form that failed it now passes; other checks stay.
#[test]
fn remove_funds_split() {
    let plan = changed("remove-funds-split.rules");
    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/funds-split.toml");
    assert_eq!(findings(&before), ["funds-split"]);
    assert!(before.has_errors());
    assert!(findings(&after).is_empty());
    assert!(!after.has_errors());
    same_rows_except(&before, &after, &[]);
    assert_eq!(total(&before), total(&after));
    insta::assert_snapshot!("remove-funds-split", report(&after));

    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/funds-balance.toml");
    assert_eq!(findings(&before), ["funds-balance"]);
    assert_eq!(findings(&after), ["funds-balance"]);
}

/// `override check score-mismatch warning`: same finding, no longer an error.
#[test]
fn score_mismatch_warning() {
    let plan = changed("score-mismatch-warning.rules");
    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/score-mismatch.toml");
    assert_eq!(findings(&before), ["score-mismatch@系统上线数量"]);
    assert_eq!(findings(&after), ["score-mismatch@系统上线数量"]);
    assert_eq!(before.findings[0].severity, Severity::Error);
    assert_eq!(after.findings[0].severity, Severity::Warning);
    assert_eq!(before.findings[0].message, after.findings[0].message);
    assert!(before.has_errors());
    assert!(!after.has_errors());
    same_rows_except(&before, &after, &[]);
    assert_eq!(total(&after), "73.13");
    insta::assert_snapshot!("score-mismatch-warning", report(&after));

    // Other checks keep their severity.
    let (_, after) = both(
        &plan,
        "tests/fixtures/eval/suzhou-2023/weight-mismatch.toml",
    );
    assert!(after.has_errors());
}

/// `override comparators { >= before … "达到" … }`: 达到90% now reads as ≥90%.
#[test]
fn comparator_word() {
    let plan = changed("comparator-word.rules");
    let (before, after) = both(
        &plan,
        "tests/fixtures/eval/policy-changes/comparator-word.toml",
    );
    // 2023 reads 达到90% as a word: a qualitative target, and 95% is no grade.
    assert!(!row(&before, "服务覆盖率").state.quantitative);
    assert_eq!(score(&before, "服务覆盖率"), "0.00");
    assert_eq!(total(&before), "52.50");
    assert_eq!(
        findings(&before),
        sorted(&["unknown-grade@服务覆盖率", "score-mismatch@服务覆盖率"])
    );
    // Now ≥90%: 95 / 90 = 105.56%, in the 结果类 band, full marks.
    assert!(row(&after, "服务覆盖率").state.quantitative);
    assert_eq!(score(&after, "服务覆盖率"), "27.50");
    assert_eq!(total(&after), "80.00");
    assert!(findings(&after).is_empty());
    same_rows_except(&before, &after, &["服务覆盖率"]);
    insta::assert_snapshot!("comparator-word", report(&after));

    // The words the override lists again still work: 不低于90% with 81% is 90%, 13.75.
    let text = replace_once(
        &form("tests/fixtures/eval/policy-changes/comparator-word.toml"),
        "target = \"达到90%\"\nweight = 27.5\nactual = \"95%\"",
        "target = \"不低于90%\"\nweight = 27.5\nactual = \"81%\"",
    );
    let (before, after) = both_text(&plan, "words.toml", &text);
    assert_eq!(score(&before, "服务覆盖率"), "13.75");
    assert_eq!(score(&after, "服务覆盖率"), "13.75");
}

/// `adjust over-claim score for indicators`: an over-claimed row keeps 90% of its score.
#[test]
fn over_claim_penalty() {
    let plan = changed("over-claim-penalty.rules");
    let (before, after) = both(&plan, "tests/fixtures/eval/suzhou-2023/score-mismatch.toml");
    // Claimed 27.5 for 20.63: 20.63 × 90% = 18.567 → 18.57.
    assert_eq!(score(&before, "系统上线数量"), "20.63");
    assert_eq!(score(&after, "系统上线数量"), "18.57");
    assert_eq!(total(&before), "73.13");
    assert_eq!(total(&after), "71.07");
    same_rows_except(&before, &after, &["系统上线数量"]);
    assert_eq!(
        findings(&after),
        sorted(&["over-claim@系统上线数量", "score-mismatch@系统上线数量"])
    );
    let adjusted = after
        .findings
        .iter()
        .find(|f| f.code == "over-claim")
        .unwrap();
    assert_eq!(adjusted.severity, Severity::Info);
    assert_eq!(
        adjusted.message,
        "the score of `系统上线数量` is adjusted from 20.63 to 18.57"
    );
    let (_, zh) = perfeval::i18n::with_language(perfeval::i18n::Language::Zh, || {
        both(&plan, "tests/fixtures/eval/suzhou-2023/score-mismatch.toml")
    });
    let adjusted = zh.findings.iter().find(|f| f.code == "over-claim").unwrap();
    assert_eq!(
        adjusted.message,
        "「系统上线数量」的得分由 20.63 调整为 18.57"
    );
    insta::assert_snapshot!("over-claim-penalty", report(&after));

    // Self scores that agree with the 2023 scores are not touched.
    let (before, after) = both(
        &plan,
        "tests/fixtures/eval/policy-changes/below-target.toml",
    );
    same_rows_except(&before, &after, &[]);
    assert!(findings(&after).is_empty());
}

/// `class 满意度类 { score … }`: 满意度 scores weight × satisfaction, at most the weight.
#[test]
fn satisfaction_formula() {
    let plan = changed("satisfaction-formula.rules");
    let relative = "tests/fixtures/eval/policy-changes/satisfaction.toml";
    let (before, after) = both(&plan, relative);
    assert_eq!(
        [
            weight(&after, "系统上线数量"),
            weight(&after, "服务覆盖率"),
            weight(&after, "服务对象满意度")
        ],
        ["18.34", "18.33", "18.33"]
    );
    // 18.33 × 95% = 17.4135 → 17.41 (2023: 105.56% is in the band, 18.33).
    assert_eq!(score(&before, "服务对象满意度"), "18.33");
    assert_eq!(score(&after, "服务对象满意度"), "17.41");
    assert_eq!(total(&before), "80.00");
    assert_eq!(total(&after), "79.08");
    // 效益 at 95% of ≥90% is still scored by 结果类.
    same_rows_except(&before, &after, &["服务对象满意度"]);
    assert!(findings(&before).is_empty());
    assert_eq!(findings(&after), ["score-mismatch@服务对象满意度"]);
    insta::assert_snapshot!("satisfaction-formula", report(&after));

    let at = |actual: &str| {
        let text = replace_once(
            &form(relative),
            "name = \"服务对象满意度\"\ntarget = \">=90%\"\nweight = 18.33\nactual = \"95%\"",
            &format!(
                "name = \"服务对象满意度\"\ntarget = \">=90%\"\nweight = 18.33\nactual = \"{actual}\""
            ),
        );
        both_text(&plan, "satisfaction.toml", &text)
    };
    // Above 100% counts as 100%.
    let (_, after) = at("120%");
    assert_eq!(score(&after, "服务对象满意度"), "18.33");
    // 80%: 18.33 × 80% = 14.664 → 14.66; 2023: 80 / 90 = 88.89%, 1 − 5% × 11.11… =
    // 44.44…% → 8.1466… → 8.15.
    let (before, after) = at("80%");
    assert_eq!(score(&before, "服务对象满意度"), "8.15");
    assert_eq!(score(&after, "服务对象满意度"), "14.66");
}

// ── Every file ─────────────────────────────────────────────────────────────

/// Every ruleset under `examples/policy-changes/` extends the 2023 ruleset, quotes its
/// clause in doc comments, loads and checks, and has a line in the README.
#[test]
fn every_policy_change_loads() {
    let dir = root().join(CHANGES);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("rules") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("extends \"../../rulesets/2023.rules\""),
            "{name} extends the 2023 ruleset"
        );
        assert!(text.contains("\n/// "), "{name} has doc comments");
        perfeval::load_ruleset_file(&path, &mut FileLoader)
            .unwrap_or_else(|e| panic!("{name}: {}", render(&e)));
        assert!(readme.contains(&format!("`{name}`")), "README lists {name}");
        names.insert(name);
    }
    assert!(names.len() >= 10, "{names:?}");
}
