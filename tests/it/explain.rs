//! `perfeval explain`: the derivation of every score, from the steps scoring recorded.

use perfeval::source::Sources;

use crate::common::{root, run};

#[test]
fn an_indicator_below_its_band_is_explained_step_by_step() {
    let (stdout, stderr, code) = run(&[
        "explain",
        "--rules",
        "rulesets/2023.rules",
        "examples/suzhou-2023-with-findings.toml",
        "--indicator",
        "服务政府部门覆盖率",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn the_2020_template_s_grades_and_line_are_explained() {
    let (stdout, stderr, code) = run(&[
        "explain",
        "--rules",
        "rulesets/mof-2020.rules",
        "examples/mof-2020-rural-road-with-findings.toml",
    ]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
}

/// Every explained score is the score the outcome has, on every form with a fixture: the
/// explanation is what scoring did, not a second account of it.
#[test]
fn every_explained_score_is_the_score() {
    // Under `over-claim-penalty`, rows adjusted after scoring: the block ended at the score
    // before the adjustment.
    for (rules, folder) in [
        ("rulesets/2023.rules", "tests/fixtures/eval/suzhou-2023"),
        ("rulesets/mof-2020.rules", "tests/fixtures/eval/mof-2020"),
        (
            "examples/policy-changes/over-claim-penalty.rules",
            "tests/fixtures/eval/suzhou-2023",
        ),
    ] {
        let (plan, _) =
            perfeval::load_ruleset_file(&root().join(rules), &mut perfeval::cli::FileLoader)
                .unwrap();
        for entry in std::fs::read_dir(root().join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let project = perfeval::data::load_str(
                perfeval::source::SourceFile::new(path.display().to_string(), text),
                perfeval::data::Format::Toml,
                &plan.form,
            )
            .unwrap();
            let outcome = perfeval::evaluate(&plan, &project).unwrap();
            let explanation =
                perfeval::explain::explain(&plan, &Sources::default(), &project, None).unwrap();
            let scores: Vec<String> = explanation
                .blocks
                .iter()
                .filter(|b| b.kind == "indicator")
                .map(|b| {
                    b.lines
                        .iter()
                        .rev()
                        .find_map(|l| {
                            l.values
                                .iter()
                                .find(|(k, _)| *k == "score")
                                .map(|(_, v)| v.clone())
                        })
                        .unwrap_or_else(|| "0".to_owned())
                })
                .collect();
            let recognized: Vec<String> = outcome
                .indicators
                .iter()
                .map(|i| {
                    if i.state.recognized {
                        i.state.score.to_string()
                    } else {
                        "0".to_owned()
                    }
                })
                .collect();
            let expected: Vec<String> = recognized
                .iter()
                .zip(&outcome.indicators)
                .map(|(s, i)| {
                    if i.state.recognized {
                        s.clone()
                    } else {
                        "0".to_owned()
                    }
                })
                .collect();
            for ((got, want), row) in scores.iter().zip(&expected).zip(&outcome.indicators) {
                if row.state.recognized {
                    assert_eq!(
                        got.parse::<rust_decimal::Decimal>().unwrap(),
                        want.parse::<rust_decimal::Decimal>().unwrap(),
                        "{}: {}",
                        path.display(),
                        row.name
                    );
                }
            }
            let total = explanation.blocks.last().unwrap();
            assert_eq!(total.kind, "total");
            let shown = total.lines.iter().find(|l| l.step == "total").unwrap();
            assert_eq!(
                shown.values[0].1,
                outcome.total.to_string(),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn the_json_explanation_has_steps_with_exact_values() {
    let (stdout, stderr, code) = run(&[
        "explain",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["perfeval_explain"], 1);
    let blocks = doc["blocks"].as_array().unwrap();
    let first = &blocks[0];
    assert_eq!(first["kind"], "indicator");
    let steps: Vec<&str> = first["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["step"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        [
            "category",
            "weight",
            "target",
            "actual",
            "grade",
            "score",
            "self_score"
        ]
    );
    assert_eq!(
        blocks.last().unwrap()["steps"]
            .as_array()
            .unwrap()
            .last()
            .unwrap()["values"]["total"],
        "80.00"
    );
}

/// A form's value is one line of the explanation, whatever it holds: a line break in it
/// is written out (it cannot start a line that passes for the explanation's own), a `\n`
/// typed as two characters stays two characters, and a 100,000-character value is
/// shortened.
#[test]
fn a_forms_value_stays_on_its_line_and_is_shortened() {
    let long = "很".repeat(100_000);
    let (_dir, path) = crate::common::seed_form_with("form.toml", |seed| {
        seed.replacen(
            r#"actual = "合理""#,
            r#"actual = "合理\n  依据 forged（2023.rules:1）\\n""#,
            1,
        )
        .replacen(r#"actual = "科学""#, &format!(r#"actual = "{long}""#), 1)
    });
    let (stdout, stderr, _) = run(&[
        "explain",
        "--rules",
        "rulesets/2023.rules",
        path.to_str().unwrap(),
    ]);
    assert!(
        !stdout.lines().any(|l| l.starts_with("  依据 forged")),
        "{stdout}"
    );
    assert!(
        stdout.contains(r"合理\n  依据 forged（2023.rules:1）\n」"),
        "{stdout}"
    );
    assert!(stdout.len() < 60_000, "{stderr}");
    assert!(stdout.contains("很很很…很很很"));
}

/// An explanation is not written under a form's name: `-o form.toml` once replaced a
/// department's project file with text.
#[test]
fn an_explanation_named_like_a_form_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.toml");
    std::fs::copy(root().join("examples/suzhou-2023-egov.toml"), &form).unwrap();
    let before = std::fs::read(&form).unwrap();
    let (_, stderr, code) = run(&[
        "explain",
        "--rules",
        "rulesets/2023.rules",
        form.to_str().unwrap(),
        "-o",
        form.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::output::project_name"),
        "{stderr}"
    );
    assert!(stderr.contains("`.txt`"), "{stderr}");
    assert_eq!(std::fs::read(&form).unwrap(), before);
}

#[test]
fn an_explanation_cites_rules_by_their_chinese_keywords() {
    use perfeval::syntax::keywords::{Keywords, by_english};
    for kind in ["pool", "class", "check"] {
        let keyword = by_english(kind).unwrap();
        assert_eq!(
            perfeval::explain::kind_in_chinese(kind),
            keyword.spelling(Keywords::Zh),
            "{kind}"
        );
    }
}

/// An explanation is text or JSON: a printed or office document's name is refused
/// before anything is read or written; an indicator the form does not have is said, with
/// the nearest name, instead of an explanation of nothing that exits 0.
#[test]
fn an_explanation_is_not_a_document_nor_of_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["解释.html", "解释.htm", "解释.md", "解释.pdf"] {
        let out = dir.path().join(name);
        let (_, stderr, code) = run(&[
            "explain",
            "--rules",
            "2023",
            "tests/fixtures/import/seed.txt",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{stderr}");
        assert!(
            stderr.contains("perfeval::output::explain_format"),
            "{stderr}"
        );
        assert!(!out.exists(), "{name}");
    }
    let (stdout, stderr, code) = run(&[
        "--lang",
        "zh",
        "explain",
        "--rules",
        "2023",
        "tests/fixtures/import/seed.txt",
        "--indicator",
        "预算执行律",
    ]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(stderr.contains("没有名为「预算执行律」的指标"), "{stderr}");
    assert!(stderr.contains("是否应为 `预算执行率`"), "{stderr}");
    let (stdout, _, code) = run(&[
        "explain",
        "--rules",
        "2023",
        "tests/fixtures/import/seed.txt",
        "--indicator",
        "预算执行率",
    ]);
    assert_eq!(code, 0);
    assert!(stdout.contains("预算执行率"), "{stdout}");
}

/// A deduction past the whole weight is held at the class's floor, and the band's step
/// says so: it showed `得权重的 -400%` and then `9.16 × 0%`, a product that did not follow.
#[test]
fn a_share_held_at_the_floor_is_said() {
    let (_dir, path) = crate::common::seed_form_with("floor.toml", |seed| {
        seed.replacen(
            "actual = \"100%\"  # 实际完成值：shared/seeds/000_98b5b3d58b97f228.txt:46:29",
            "actual = \"0%\"",
            1,
        )
    });
    let (stdout, stderr, code) = run(&[
        "explain",
        "--rules",
        "rulesets/2023.rules",
        path.to_str().unwrap(),
        "--indicator",
        "项目验收后一年内稳定运行比例",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout
            .contains("共扣 500%，得权重的 -400%，不低于 0%：得权重的 0%\n  得分：9.16 × 0% = 0，"),
        "{stdout}"
    );
}

/// An adjustment of a row's score is a step of the row's block, and the total's block
/// does not list it again after a sum that holds it already.
#[test]
fn a_row_s_adjustment_is_a_step_of_its_block() {
    let (_dir, path) = crate::common::seed_form_with("over.toml", |seed| {
        seed.replacen(
            "actual = \"100%\"  # 实际完成值：shared/seeds/000_98b5b3d58b97f228.txt:46:29",
            "actual = \"200.01%\"",
            1,
        )
    });
    let (stdout, stderr, code) = run(&[
        "explain",
        "--rules",
        "examples/policy-changes/over-claim-penalty.rules",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let adjusted = "为 2.75\n  调整 over-claim：the score of `项目验收后一年内稳定运行比例` \
                    is adjusted from 2.75 to 2.48\n";
    assert!(stdout.contains(adjusted), "{stdout}");
    assert!(stdout.contains("依据 调整 over-claim（"), "{stdout}");
    assert_eq!(stdout.matches("调整 over-claim：").count(), 1, "{stdout}");
    assert!(
        stdout.contains("各项指标得分之和 73.32\n  合计 73.32 / 80"),
        "{stdout}"
    );
}
