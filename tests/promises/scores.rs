//! Scores: no total above the ruleset's maximum or below zero, no weight or score below
//! zero, no unit slipping through a formula. Each was broken by an input that ran with
//! exit status 0.

use std::path::Path;

use crate::common::{Perfeval, absolute, seed, suzhou};

/// A ruleset in `dir` that extends the shipped 2023 policy with `extra`.
fn extending(dir: &Path, extra: &str) -> String {
    let path = dir.join("variant.rules");
    let text = format!(
        "ruleset \"variant\" extends \"{}\" {{ version \"1\" }}\n{extra}\n",
        suzhou()
    );
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The seed form with its first row repeated `copies` more times.
fn seed_with_copies(dir: &Path, name: &str, copies: usize) -> String {
    let text = std::fs::read_to_string(seed()).unwrap();
    let start = text.find(&format!("name = \"{name}\"")).unwrap();
    let from = text[..start].rfind("[[indicators]]").unwrap();
    let to = from + text[from..].find("\n\n").unwrap() + 2;
    let row = &text[from..to];
    let mut out = text.clone();
    for _ in 0..copies {
        out.push('\n');
        out.push_str(row);
    }
    let path = dir.join("copies.toml");
    std::fs::write(&path, out).unwrap();
    path.to_string_lossy().into_owned()
}

/// Attack: the seed's form with 预算执行率 three times totalled 104.00 of 80, exit 0. A
/// repeated common indicator counts once; the copies score nothing and are errors.
#[test]
fn a_repeated_common_indicator_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let form = seed_with_copies(dir.path(), "预算执行率", 2);
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", &form])
        .run();
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let project = &out.json()["projects"][0];
    assert_eq!(project["score"], "80.00");
    let duplicates = project["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "duplicate-indicator" && f["severity"] == "error")
        .count();
    assert_eq!(duplicates, 2);
}

/// Attack: a ruleset whose pools give 82 of 80 points was accepted. The checker proves
/// the total stays within `max_score`, or refuses with the numbers.
#[test]
fn a_ruleset_whose_points_pass_the_maximum_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = extending(dir.path(), "override pool 个性指标 57 分 { }");
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &rules, &seed()])
        .run();
    out.refused("perfeval::check::above_maximum");
    assert!(out.stderr.contains("82"), "{}", out.stderr);
}

/// Attack: a total adjustment that adds points (`total + 5 分`) let a full form total
/// 85 of 80.
#[test]
fn an_adjustment_that_passes_the_maximum_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = extending(dir.path(), "adjust bonus total { total + 5 分 }");
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &rules, &seed()])
        .run();
    out.refused("perfeval::check::above_maximum");
}

/// Attack: a form declaring more weight than a `split declared` pool's points, each row
/// scored in full, totalled 110 of 100 with exit 1. Such a total is never reported.
#[test]
fn a_total_above_the_maximum_is_never_reported() {
    let dir = tempfile::tempdir().unwrap();
    let form = absolute("tests/fixtures/eval/refused/mof-2020-over-weight.toml");
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &absolute("rulesets/mof-2020.rules"),
            "--format",
            "json",
            &form,
        ])
        .run();
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("perfeval::eval::impossible_total"));
    assert!(!out.stdout.contains("\"110"), "{}", out.stdout);
}

/// Attack: `residual to last` with `share 1` rounding up left the last row a weight of
/// −3 and a score of −3.00, with no finding. A negative weight counts as 0 and is an
/// error finding.
#[test]
fn no_weight_or_score_is_ever_negative() {
    let dir = tempfile::tempdir().unwrap();
    // 5 points over 8 rows, shares rounded half away from zero to whole points.
    let rules = absolute("tests/fixtures/eval/negative-residual.rules");
    let form: String = (1..=8)
        .map(|i| format!("[[indicators]]\ncategory = \"产出\"\nname = \"指标{i}\"\ntarget = \"=1个\"\nweight = 1\nactual = \"1个\"\n\n"))
        .collect();
    let form_path = dir.path().join("eight.toml");
    std::fs::write(&form_path, form).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &rules,
            "--format",
            "json",
            form_path.to_str().unwrap(),
        ])
        .run();
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let project = &out.json()["projects"][0];
    for row in project["indicators"].as_array().unwrap() {
        for key in ["expected_weight", "score"] {
            let value = row[key].as_str().unwrap_or("0");
            assert!(!value.starts_with('-'), "{key} {value} in {row}");
        }
    }
    let codes: Vec<&str> = project["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["impossible-weight"]);
}

/// Attack: `below deduct max(5, 0%) per 1%` was accepted and read the 5 as 500%. Every
/// operand of every call, `if` branch and aggregate is unit-checked.
#[test]
fn a_bare_number_beside_a_percentage_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = extending(
        dir.path(),
        "override class 产出类 { below deduct max(5, 0%) per 1% }",
    );
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &rules, &seed()])
        .run();
    out.refused("perfeval::check::percent_expected");
}
