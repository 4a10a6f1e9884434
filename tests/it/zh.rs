//! `rulesets/2023.zh.rules` is `rulesets/2023.rules` written wholly in Chinese: every
//! example that names no other ruleset (`# rules: …`) and every fixture under
//! `tests/fixtures/eval/suzhou-2023` evaluates identically with both, and their JSON
//! reports differ only in the ruleset's file.

use std::sync::LazyLock;

use perfeval::compile::Plan;
use perfeval::data::{self, Format};
use perfeval::eval::outcome::Outcome;
use perfeval::report::json::{self, ProjectResult};
use perfeval::source::SourceFile;
use serde_json::Value;

use crate::common::{plan, relative, root};

const EN_FILE: &str = "rulesets/2023.rules";
const ZH_FILE: &str = "rulesets/2023.zh.rules";

static EN: LazyLock<Plan> = LazyLock::new(|| plan(EN_FILE));
static ZH: LazyLock<Plan> = LazyLock::new(|| plan(ZH_FILE));

/// A project file to evaluate: its path relative to the crate root, its format and text.
struct Case {
    name: String,
    format: Format,
    text: String,
}

/// The project files of `folder` (relative to the crate root) in name order, skipping
/// those that name another ruleset.
fn cases_in(folder: &str) -> Vec<Case> {
    let mut paths: Vec<_> = std::fs::read_dir(root().join(folder))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let format = Format::from_path(path)?;
            let text = std::fs::read_to_string(path).unwrap();
            (!names_a_ruleset(&text)).then(|| Case {
                name: relative(path),
                format,
                text,
            })
        })
        .collect()
}

/// Whether the file says which ruleset scores it (`# rules: …`), as
/// `shipped::every_example_runs` reads it.
fn names_a_ruleset(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start_matches(['#', '/', ' ']).starts_with("rules:"))
}

/// Every example that the 2023 ruleset scores, then every Suzhou fixture.
fn cases() -> Vec<Case> {
    let mut cases = cases_in("examples");
    let examples = cases.len();
    cases.extend(cases_in("tests/fixtures/eval/suzhou-2023"));
    assert!(examples > 0, "no example found");
    assert!(cases.len() > examples, "no fixture found");
    cases
}

/// Loads and evaluates one case with one ruleset.
fn evaluate(plan: &Plan, case: &Case) -> Outcome {
    let source = SourceFile::new(case.name.as_str(), case.text.as_str());
    let project = data::load_str(source, case.format, &plan.form)
        .unwrap_or_else(|e| panic!("{}: {}", case.name, crate::common::render(&e)));
    perfeval::evaluate(plan, &project).unwrap_or_else(|e| panic!("{}: {e:?}", case.name))
}

/// Asserts that two outcomes of the same project agree in everything the engine computed.
fn assert_same(name: &str, en: &Outcome, zh: &Outcome) {
    assert_eq!(en.name, zh.name, "{name}: project name");
    assert_eq!(
        en.indicators.len(),
        zh.indicators.len(),
        "{name}: indicators"
    );
    for (e, z) in en.indicators.iter().zip(&zh.indicators) {
        let at = format!("{name}: 「{}」", e.name);
        assert_eq!(e.name, z.name, "{at}: name");
        assert_eq!(e.category, z.category, "{at}: category");
        assert_eq!(e.state.category, z.state.category, "{at}: category index");
        assert_eq!(
            e.state.expected_weight, z.state.expected_weight,
            "{at}: expected weight"
        );
        assert_eq!(e.state.completion, z.state.completion, "{at}: completion");
        assert_eq!(e.state.score, z.state.score, "{at}: score");
        assert_eq!(e.state.grade, z.state.grade, "{at}: grade");
        assert_eq!(e, z, "{at}");
    }
    assert_eq!(en.total, zh.total, "{name}: total");
    assert_eq!(en.lines, zh.lines, "{name}: lines");
    assert_eq!(en.rating, zh.rating, "{name}: rating");
    assert_eq!(en.max_score, zh.max_score, "{name}: max score");
    assert_eq!(en.findings.len(), zh.findings.len(), "{name}: findings");
    for (i, (e, z)) in en.findings.iter().zip(&zh.findings).enumerate() {
        let at = format!("{name}: finding {i} ({})", e.code);
        assert_eq!(e.code, z.code, "{at}: code");
        assert_eq!(e.severity, z.severity, "{at}: severity");
        assert_eq!(e.message, z.message, "{at}: message");
        assert_eq!(e.at, z.at, "{at}: place");
        assert_eq!(e.indicator, z.indicator, "{at}: indicator");
        assert_eq!(e.rule, z.rule, "{at}: rule");
        assert_eq!(e.clause, z.clause, "{at}: clause");
    }
}

#[test]
fn the_chinese_ruleset_scores_the_seed_80() {
    let case = cases_in("examples")
        .into_iter()
        .find(|c| c.name == "examples/suzhou-2023-egov.toml")
        .unwrap();
    let outcome = evaluate(&ZH, &case);
    assert_eq!(outcome.total.to_string(), "80.00");
    assert!(outcome.findings.is_empty(), "{:?}", outcome.findings);
}

#[test]
fn both_rulesets_have_the_same_name_and_version() {
    assert_eq!(EN.name, ZH.name);
    assert_eq!(EN.version, ZH.version);
}

#[test]
fn both_rulesets_give_the_same_outcomes() {
    let mut findings = 0;
    for case in cases() {
        let en = evaluate(&EN, &case);
        let zh = evaluate(&ZH, &case);
        assert_same(&case.name, &en, &zh);
        findings += en.findings.len();
    }
    // The fixtures exist to raise findings: comparing none would prove little.
    assert!(findings > 0);
}

/// The JSON report of every case with one ruleset, parsed.
fn report(plan: &Plan, file: &str, cases: &[Case]) -> Value {
    let results: Vec<ProjectResult> = cases
        .iter()
        .map(|case| ProjectResult::Evaluated(evaluate(plan, case)))
        .collect();
    serde_json::from_str(&json::render(file, plan, &results)).unwrap()
}

#[test]
fn both_rulesets_give_the_same_json_report_but_for_the_file() {
    let cases = cases();
    let mut en = report(&EN, EN_FILE, &cases);
    let mut zh = report(&ZH, ZH_FILE, &cases);
    assert_eq!(en["ruleset"]["file"], EN_FILE);
    assert_eq!(zh["ruleset"]["file"], ZH_FILE);
    en["ruleset"]["file"] = Value::Null;
    zh["ruleset"]["file"] = Value::Null;
    assert_eq!(en["projects"].as_array().map(Vec::len), Some(cases.len()));
    assert_same_json("", &en, &zh);
}

/// Asserts that two JSON values are equal, naming the first place where they differ
/// (`.projects[3](tests/fixtures/…).findings[0].message`).
fn assert_same_json(path: &str, en: &Value, zh: &Value) {
    match (en, zh) {
        (Value::Object(e), Value::Object(z)) => {
            let (ek, zk): (Vec<_>, Vec<_>) = (e.keys().collect(), z.keys().collect());
            assert_eq!(ek, zk, "{path}: keys");
            for (key, value) in e {
                assert_same_json(&format!("{path}.{key}"), value, &z[key]);
            }
        }
        (Value::Array(e), Value::Array(z)) => {
            assert_eq!(e.len(), z.len(), "{path}: length");
            for (i, (ev, zv)) in e.iter().zip(z).enumerate() {
                let file = ev.get("file").and_then(Value::as_str).unwrap_or_default();
                assert_same_json(&format!("{path}[{i}]({file})"), ev, zv);
            }
        }
        _ => assert_eq!(en, zh, "{path}"),
    }
}

/// A ruleset written with Chinese keywords hears its keywords in Chinese in the errors
/// of linking and checking too, as in its syntax errors; an English one in English;
/// finding codes stay as they are.
#[test]
fn link_and_check_errors_speak_the_rulesets_keywords() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_string_lossy().into_owned()
    };
    let zh = write(
        "zh.rules",
        "规则集 \"苏州2024\" 继承 \"2023.zh.rules\" { 版本 \"2024.1\" }\n等级 { 优秀 100% }\n",
    );
    let (_, stderr, code) = crate::common::run(&["show", "--rules", &zh, "--lang", "zh"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("设置块 `等级`"), "{stderr}");
    assert!(stderr.contains("`修改 …`"), "{stderr}");
    assert!(
        !stderr.contains("`grades`") && !stderr.contains("override"),
        "{stderr}"
    );
    let zh = write(
        "zh2.rules",
        "规则集 \"苏州2024\" 继承 \"2023.zh.rules\" { 版本 \"2024.1\" }\n类别 效率 { 别名 \"效率指标\" }\n",
    );
    let (_, stderr, code) = crate::common::run(&["show", "--rules", &zh, "--lang", "zh"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("`评分类 "), "{stderr}");
    assert!(!stderr.contains("scored_by"), "{stderr}");
    let en = write(
        "en.rules",
        "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\ngrades { 优秀 100% }\n",
    );
    let (_, stderr, code) = crate::common::run(&["show", "--rules", &en, "--lang", "zh"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`grades`") && stderr.contains("`override …`"),
        "{stderr}"
    );
}
