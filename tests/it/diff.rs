//! `perfeval diff`: forms under an old and a new ruleset. The changes of a few policy
//! changes on a few forms are worked out by hand from docs/language.md §5 and asserted
//! exactly; the reports are snapshotted; a ruleset against itself changes nothing; the
//! grade migration and every form's change are checked against `check --format json`
//! run under each ruleset apart, over generated forms.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde_json::Value;

use perfeval::cli::FileLoader;
use perfeval::diff::{Change, Changes, FormDiff, Item, Pair, Summary};
use perfeval::report::diff::{DiffReport, Ruleset, render_table};

use crate::common::{root, run};

const BASE: &str = "rulesets/2023.rules";
const CHANGES: &str = "examples/policy-changes";
const SUZHOU_FORMS: &str = "tests/fixtures/eval/suzhou-2023";

fn change_file(name: &str) -> String {
    format!("{CHANGES}/{name}.rules")
}

/// `perfeval diff --format json` of `base` against `changed`: the document and the exit
/// status.
fn diff_json(base: &str, changed: &str, forms: &[&str]) -> (Value, i32) {
    let mut args = vec![
        "diff", "--rules", base, "--rules", changed, "--format", "json",
    ];
    args.extend(forms);
    let (stdout, stderr, code) = run(&args);
    let doc = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    (doc, code)
}

/// The project of a diff (or check) document whose file ends with `file`.
fn project<'d>(doc: &'d Value, file: &str) -> &'d Value {
    let found: Vec<&Value> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"].as_str().unwrap().ends_with(file))
        .collect();
    assert_eq!(found.len(), 1, "one project {file}");
    found[0]
}

/// The changed indicator row named `name`.
fn row<'d>(project: &'d Value, name: &str) -> &'d Value {
    project["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no changed row 「{name}」 in {project}"))
}

fn items(causes: &Value) -> Vec<String> {
    causes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}/{}",
                c["item"].as_str().unwrap(),
                c["why"].as_str().unwrap()
            )
        })
        .collect()
}

fn dec(value: &Value) -> Decimal {
    value.as_str().unwrap().parse().unwrap()
}

// ── Worked out by hand ──────────────────────────────────────────────────────────

/// Below the band 3% instead of 5% a point (产出类 and 结果类).
#[test]
fn deduction_3pct_by_hand() {
    let (doc, code) = diff_json(
        BASE,
        &change_file("deduction-3pct"),
        &[SUZHOU_FORMS, "examples"],
    );
    // The two MOF forms fit neither form.
    assert_eq!(code, 2);
    assert_eq!(doc["summary"]["failed"]["both"], 2);

    // 系统上线数量 (产出, weight 55 / 2 = 27.50) at 95% of =2个:
    // 1 − 5% × 5 = 75% → 20.625 → 20.63; now 1 − 3% × 5 = 85% → 23.375 → 23.38.
    let form = project(&doc, "suzhou-2023/score-mismatch.toml");
    assert_eq!(form["old"]["score"], "73.13");
    assert_eq!(form["new"]["score"], "75.88");
    assert_eq!(form["change"], "2.75");
    let changed = row(form, "系统上线数量");
    assert_eq!(changed["score"]["old"], "20.63");
    assert_eq!(changed["score"]["new"], "23.38");
    assert_eq!(items(&changed["causes"]), ["class 产出类/changed"]);

    // 预算执行率 (过程, 产出类, weight 8) at 93.9% of =100%: 1 − 5% × 6.1 = 69.5% → 5.56;
    // now 1 − 3% × 6.1 = 81.7% → 6.536 → 6.54. The form declared 5.56: a new
    // score-mismatch, caused by the class too.
    let form = project(&doc, "execution-rate-no-unit.toml");
    assert_eq!(form["change"], "0.98");
    let finding = &form["findings"][0];
    assert_eq!(finding["change"], "added");
    assert_eq!(finding["code"], "score-mismatch");
    assert_eq!(items(&finding["causes"]), ["class 产出类/changed"]);

    // 服务政府部门覆盖率 (效益, 结果类, weight 9.16) at 85% of >=90%, a completion of
    // 94.44…%: 1 − 5% × 5.55… = 72.2…% → 6.6155… → 6.62; now 1 − 3% × 5.55… = 83.3…%
    // → 7.633… → 7.63.
    let form = project(&doc, "examples/suzhou-2023-with-findings.toml");
    assert_eq!(form["old"]["score"], "68.30");
    assert_eq!(form["new"]["score"], "69.31");
    assert_eq!(form["change"], "1.01");
    assert_eq!(
        items(&row(form, "服务政府部门覆盖率")["causes"]),
        ["class 结果类/changed"]
    );

    // Nothing below a band elsewhere: the seed and the clean form do not move.
    for file in ["examples/suzhou-2023-egov.toml", "clean.toml"] {
        let form = project(&doc, file);
        assert_eq!(form["change"], "0.00");
        assert_eq!(form["causes"], Value::Array(vec![]));
    }
    assert_eq!(doc["summary"]["gained"], 4);
    assert_eq!(doc["summary"]["lost"], 0);
    assert_eq!(doc["summary"]["largest"][0]["change"], "2.75");
}

/// 绩效监控有效性 (2) added to the catalog, 预算执行率 8 → 6.
#[test]
fn common_indicator_by_hand() {
    let (doc, code) = diff_json(BASE, &change_file("common-indicator"), &[SUZHOU_FORMS]);
    assert_eq!(code, 0);
    // In full: 8 → 6 points, −2.00; the form lacks the new indicator.
    let form = project(&doc, "clean.toml");
    assert_eq!(form["change"], "-2.00");
    let changed = row(form, "预算执行率");
    assert_eq!(changed["expected_weight"]["old"], "8");
    assert_eq!(changed["expected_weight"]["new"], "6");
    assert_eq!(items(&changed["causes"]), ["pool 共性指标/changed"]);
    let missing: Vec<&Value> = form["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "missing-indicator")
        .collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["indicator"], "绩效监控有效性");
    assert_eq!(items(&missing[0]["causes"]), ["pool 共性指标/changed"]);

    // At 93.9%: 69.5% of 8 = 5.56, of 6 = 4.17: −1.39.
    assert_eq!(
        project(&doc, "execution-rate-no-unit.toml")["change"],
        "-1.39"
    );
    // Discarded (measured after the cutoff): 0 of 8 and 0 of 6; the weight moved, the
    // total did not.
    let form = project(&doc, "execution-rate-after-cutoff.toml");
    assert_eq!(form["change"], "0.00");
    assert_eq!(row(form, "预算执行率")["score"]["new"], "0.00");
    assert_eq!(doc["summary"]["unchanged"], 1);
    assert_eq!(doc["summary"]["unchanged_total_only"], 1);
    assert_eq!(doc["summary"]["change"]["min"], "-2.00");
    assert_eq!(doc["summary"]["change"]["max"], "0.00");
}

/// A missing value with an explanation scores 50% instead of 0%.
#[test]
fn explained_half_by_hand() {
    let (doc, _) = diff_json(BASE, &change_file("explained-half"), &[SUZHOU_FORMS]);
    // 服务覆盖率 (weight 27.50) left empty with an explanation: 0 → 13.75.
    let form = project(&doc, "needs-review.toml");
    assert_eq!(form["old"]["score"], "52.50");
    assert_eq!(form["new"]["score"], "66.25");
    assert_eq!(form["change"], "13.75");
    assert_eq!(items(&form["total_causes"]), ["missing/changed"]);
    // Without an explanation it still scores nothing.
    assert_eq!(project(&doc, "missing-value.toml")["change"], "0.00");
}

/// Rules that act under one ruleset only, and what they read.
#[test]
fn findings_and_rules_are_attributed() {
    let (doc, _) = diff_json(BASE, &change_file("fiscal-year-2024"), &[SUZHOU_FORMS]);
    // The check is the same; the year it reads is not.
    let form = project(&doc, "clean.toml");
    let added: Vec<String> = form["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f["code"], items(&f["causes"]).join(",")))
        .collect();
    assert_eq!(
        added,
        [
            "\"wrong-year\" fiscal_year/changed",
            "\"stale-data\" cutoff/changed"
        ]
    );
    // Measured 2024-02-01: discarded under 2023, taken under 2024 (+27.50).
    let form = project(&doc, "after-cutoff-indicator.toml");
    assert_eq!(form["change"], "27.50");
    assert_eq!(
        items(&form["total_causes"]),
        ["cutoff/changed", "discard after-cutoff/raised_old_only"]
    );

    let (doc, _) = diff_json(
        BASE,
        &change_file("total-cap-60"),
        &["tests/fixtures/eval/policy-changes"],
    );
    let form = project(&doc, "low-execution.toml");
    assert_eq!(form["change"], "-12.00");
    assert_eq!(items(&form["total_causes"]), ["adjust total-cap/added"]);

    let (doc, _) = diff_json(
        BASE,
        &change_file("score-mismatch-warning"),
        &[SUZHOU_FORMS],
    );
    let form = project(&doc, "score-mismatch.toml");
    let changes: Vec<String> = form["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["change"],
                f["severity"],
                items(&f["causes"]).join(",")
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            "\"removed\" \"error\" check score-mismatch/changed",
            "\"added\" \"warning\" check score-mismatch/changed"
        ]
    );
    assert_eq!(form["change"], "0.00");
}

// ── The rulesets' items ─────────────────────────────────────────────────────────

fn load(path: &str) -> perfeval::compile::Plan {
    perfeval::load_ruleset_file(&root().join(path), &mut FileLoader)
        .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)))
        .0
}

fn changed_items(changes: &Changes) -> Vec<String> {
    changes
        .iter()
        .map(|(item, change)| format!("{item}:{}", change.key()))
        .collect()
}

/// Each policy change differs from 2023 in the items it names and no other: doc
/// comments, places and keywords do not count, names do.
#[test]
fn each_policy_change_differs_in_its_items() {
    let base = load(BASE);
    let expected: [(&str, &[&str]); 17] = [
        ("common-indicator", &["pool 共性指标:changed"]),
        ("comparator-word", &["comparators:changed"]),
        (
            "deduction-3pct",
            &["class 产出类:changed", "class 结果类:changed"],
        ),
        ("explained-half", &["missing:changed"]),
        (
            "fiscal-year-2024",
            &["fiscal_year:changed", "cutoff:changed"],
        ),
        (
            "grade-shares",
            &[
                "grades 一般:changed",
                "grades 差:changed",
                "grades 较好:changed",
                "grades 较差:changed",
            ],
        ),
        ("output-band-120", &["class 产出类:changed"]),
        ("over-claim-penalty", &["adjust over-claim:added"]),
        (
            "pools-per-category",
            &[
                "pool 个性指标:removed",
                "pool 产出投入:added",
                "pool 效益满意度:added",
            ],
        ),
        ("rating-bands", &["rating:added"]),
        ("remove-funds-split", &["check funds-split:removed"]),
        (
            "rename-category",
            &[
                "category 效果:added",
                "category 效益:removed",
                "pool 个性指标:changed",
            ],
        ),
        (
            "rename-indicator",
            &["pool 共性指标:changed", "check execution-rate:changed"],
        ),
        ("residual-last-0.1", &["pool 个性指标:changed"]),
        (
            "satisfaction-formula",
            &["category 满意度:changed", "class 满意度类:added"],
        ),
        ("score-mismatch-warning", &["check score-mismatch:changed"]),
        ("total-cap-60", &["adjust total-cap:added"]),
    ];
    for (name, items) in expected {
        let changed = load(&change_file(name));
        let changes = Changes::between(&base, &changed);
        assert_eq!(changed_items(&changes), items, "{name}");
        // And back: what was added is removed.
        let back = Changes::between(&changed, &base);
        let flipped = |c: Change| match c {
            Change::Added => Change::Removed,
            Change::Removed => Change::Added,
            Change::Changed => Change::Changed,
        };
        for (item, change) in changes.iter() {
            assert_eq!(back.get(item), Some(flipped(change)), "{name}: {item}");
        }
    }
    // The same policy written with Chinese keywords is the same item by item.
    assert!(Changes::between(&base, &load("rulesets/2023.zh.rules")).is_empty());
    assert_eq!(Item::Pool("共性指标".into()).to_string(), "pool 共性指标");
}

/// A change reaches what reads it: mof-2020 with 满意度 no longer written 满意度指标 leaves
/// the Zhongjiang form's satisfaction row unknown (10 → 0), so 效益's points become 40
/// (its pool counts the 满意度 rows) and the declared total and grade no longer hold; each
/// finding is traced back to `category 满意度`, through the pool, the total and the
/// rating that its check reads.
#[test]
fn changes_are_traced_through_what_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("rulesets/mof-2020.rules")).unwrap();
    assert_eq!(text.matches("labels \"满意度指标\"").count(), 1);
    let variant = dir.path().join("mof-label.rules");
    std::fs::write(
        &variant,
        text.replace("labels \"满意度指标\"", "labels \"顾客满意度\""),
    )
    .unwrap();
    let (doc, code) = diff_json(
        "rulesets/mof-2020.rules",
        variant.to_str().unwrap(),
        &["examples/mof-2020-zhongjiang-water-gauge.toml"],
    );
    assert_eq!(code, 0);
    let form = project(&doc, "zhongjiang-water-gauge.toml");
    assert_eq!(form["change"], "-10.00");
    assert_eq!(
        (&form["old"]["grade"], &form["new"]["grade"]),
        (&"优".into(), &"良".into())
    );
    let findings: Vec<String> = form["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["code"].as_str().unwrap(),
                items(&f["causes"]).join(",")
            )
        })
        .collect();
    let cause = "category 满意度/changed";
    assert_eq!(
        findings,
        [
            format!("unknown-category {cause}"),
            format!("total-mismatch {cause}"),
            format!("grade-mismatch {cause}"),
            format!("category-points {cause}"),
        ]
    );
    assert_eq!(items(&form["rating_causes"]), [cause]);
    assert_eq!(form["unattributed"], false);
}

/// Under one ruleset compared with itself nothing differs, so the change between two
/// forms scored under it (the clean form, and the same form at 95% of an output target)
/// can be attributed to nothing: every change says 未能归因, none offers a guess.
#[test]
fn a_change_no_item_explains_is_unattributed() {
    let plan = load(BASE);
    let changes = Changes::between(&plan, &plan);
    assert!(changes.is_empty());
    let outcome = |file: &str| {
        let relative = format!("{SUZHOU_FORMS}/{file}");
        let text = std::fs::read_to_string(root().join(&relative)).unwrap();
        crate::eval::evaluate(&plan, &relative, &text)
    };
    let form = FormDiff::of(
        &changes,
        Pair {
            old: &plan,
            new: &plan,
        },
        "clean.toml".to_owned(),
        Pair {
            old: Ok(outcome("clean.toml")),
            new: Ok(outcome("score-mismatch.toml")),
        },
    );
    assert_eq!(form.change().unwrap().to_string(), "-6.87");
    let comparison = form.comparison.as_ref().unwrap();
    assert!(comparison.unattributed);
    assert!(comparison.causes.is_empty());
    assert!(comparison.total.is_empty());
    assert_eq!(comparison.rows.len(), 1);
    assert!(comparison.rows[0].causes.is_empty());
    assert_eq!(comparison.findings.len(), 1);
    assert!(comparison.findings[0].causes.is_empty());

    let forms = [form];
    let summary = Summary::of(
        &forms,
        Pair {
            old: &plan,
            new: &plan,
        },
    );
    let ruleset = Ruleset {
        name: &plan.name,
        version: None,
        file: BASE,
    };
    let table = render_table(
        &DiffReport {
            rulesets: Pair {
                old: ruleset,
                new: ruleset,
            },
            changes: &changes,
            forms: &forms,
            summary: &summary,
            skipped: 0,
        },
        false,
    );
    assert!(table.contains("合计的变化：未能归因"), "{table}");
    assert!(table.contains("归因：未能归因"), "{table}");
}

/// A form diff slimmed to what the reports read (as `perfeval diff` keeps each) prints
/// every report byte for byte as the whole one does: for each policy change, over forms
/// whose findings, rows, lines and totals change and forms where nothing does.
#[test]
fn a_slimmed_form_diff_prints_every_report_as_the_whole_one() {
    let base = load(BASE);
    let files: Vec<String> = std::fs::read_dir(root().join(SUZHOU_FORMS))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    for rules in [
        "rating-bands",
        "deduction-3pct",
        "common-indicator",
        "remove-funds-split",
    ] {
        let changed = load(&change_file(rules));
        let plans = Pair {
            old: &base,
            new: &changed,
        };
        let changes = Changes::between(&base, &changed);
        let outcome = |plan: &perfeval::compile::Plan, file: &str| {
            let relative = format!("{SUZHOU_FORMS}/{file}");
            let text = std::fs::read_to_string(root().join(&relative)).unwrap();
            crate::eval::evaluate(plan, &relative, &text)
        };
        // Each form under the new ruleset, and a form paired with another (findings
        // that differ by more than the ruleset).
        let diffs = || -> Vec<FormDiff> {
            let mut pairs: Vec<(&str, &str)> =
                files.iter().map(|f| (f.as_str(), f.as_str())).collect();
            pairs.push(("clean.toml", "score-mismatch.toml"));
            pairs.push(("weight-mismatch.toml", "clean.toml"));
            (pairs.into_iter())
                .map(|(old, new)| {
                    let results = Pair {
                        old: Ok(outcome(&base, old)),
                        new: Ok(outcome(&changed, new)),
                    };
                    FormDiff::of(&changes, plans, old.to_owned(), results)
                })
                .collect()
        };
        let whole = diffs();
        let slim: Vec<FormDiff> = diffs().into_iter().map(FormDiff::slimmed).collect();
        let reports = |forms: &[FormDiff]| {
            let summary = Summary::of(forms, plans);
            let ruleset = |name| Ruleset {
                name,
                version: None,
                file: rules,
            };
            let report = DiffReport {
                rulesets: Pair {
                    old: ruleset(&base.name),
                    new: ruleset(&changed.name),
                },
                changes: &changes,
                forms,
                summary: &summary,
                skipped: 0,
            };
            [
                render_table(&report, false),
                render_table(&report, true),
                perfeval::report::diff::json::render(&report),
                perfeval::report::diff::csv::render(&report, false),
                perfeval::report::diff::csv::render(&report, true),
            ]
        };
        let (whole, slim) = (reports(&whole), reports(&slim));
        for (a, b) in whole.iter().zip(&slim) {
            assert!(a == b, "{rules}: a slimmed report differs:\n{a}\n---\n{b}");
        }
        assert!(
            whole[2].contains("\"findings\": [\n        {"),
            "{rules}: no finding changed"
        );
    }
}

/// `--jsonl` reads a province's forms from one file, a project a line, and compares them
/// as it compares the same projects as files (named `FILE:LINE`), across batches; a line
/// that is no project fails under both rulesets, and the run says so.
#[test]
fn forms_in_json_lines_are_compared_as_files_are() {
    let dir = tempfile::tempdir().unwrap();
    let egov: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("examples/suzhou-2023-egov.json")).unwrap(),
    )
    .unwrap();
    let mut lowered = egov.clone();
    lowered["indicators"][11]["actual"] = Value::from("14个");
    let lines: Vec<String> = [&egov, &lowered, &egov]
        .iter()
        .map(|v| serde_json::to_string(v).unwrap())
        .collect();
    let mut jsonl = lines.join("\n");
    jsonl.push_str("\n\n{\"budget\": 1}\n");
    std::fs::write(dir.path().join("forms.jsonl"), &jsonl).unwrap();
    for (i, line) in lines.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{}.json", i + 1)), line).unwrap();
    }
    let changed = root().join(change_file("deduction-3pct"));
    let changed = changed.to_str().unwrap();
    let diff = |args: &[&str]| {
        let mut all = vec![
            "diff", "--rules", "2023", "--rules", changed, "--format", "json",
        ];
        all.extend(args);
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_perfeval"))
            .args(&all)
            .current_dir(dir.path())
            .env("LC_ALL", "en_US.UTF-8")
            .env("PERFEVAL_BATCH", "2")
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
        (doc, output.status.code().unwrap())
    };
    let (by_line, code) = diff(&["--jsonl", "forms.jsonl"]);
    assert_eq!(code, 2, "the fifth line is no project");
    let (by_file, code) = diff(&["1.json", "2.json", "3.json"]);
    assert_eq!(code, 0);
    let projects = by_line["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 4);
    for (i, file) in by_file["projects"].as_array().unwrap().iter().enumerate() {
        let mut file = file.clone();
        file["file"] = Value::from(format!("forms.jsonl:{}", i + 1));
        assert_eq!(projects[i], file);
    }
    assert_ne!(
        projects[0]["change"], projects[1]["change"],
        "the second line differs"
    );
    assert_eq!(projects[3]["file"], "forms.jsonl:5");
    assert!(projects[3]["old"]["error"].is_object(), "{}", projects[3]);
    assert_eq!(by_line["summary"]["failed"]["both"], 1);
}

// ── Reports ─────────────────────────────────────────────────────────────────────

fn diff_output(args: &[&str]) -> (String, i32) {
    let (stdout, _, code) = run(args);
    (stdout, code)
}

#[test]
fn the_table() {
    let (table, code) = diff_output(&[
        "diff",
        "--rules",
        BASE,
        "--rules",
        &change_file("deduction-3pct"),
        SUZHOU_FORMS,
        "examples",
    ]);
    assert_eq!(code, 2);
    // A folder walk knows it as a report: a table within its first four lines.
    assert!(table.lines().take(4).any(|l| l.starts_with('┌')));
    insta::assert_snapshot!("diff-table-deduction-3pct", table);
}

#[test]
fn the_table_with_ratings() {
    let (table, code) = diff_output(&[
        "diff",
        "--rules",
        BASE,
        "--rules",
        &change_file("rating-bands"),
        "--summary",
        SUZHOU_FORMS,
    ]);
    assert_eq!(code, 0);
    assert!(table.contains("评价等级迁移"), "{table}");
    insta::assert_snapshot!("diff-table-rating-bands-summary", table);
}

#[test]
fn the_json() {
    let (json, code) = diff_output(&[
        "diff",
        "--rules",
        BASE,
        "--rules",
        &change_file("rating-bands"),
        "--format",
        "json",
        &format!("{SUZHOU_FORMS}/clean.toml"),
        &format!("{SUZHOU_FORMS}/needs-review.toml"),
        &format!("{SUZHOU_FORMS}/score-mismatch.toml"),
        "examples/mof-2020-zhongjiang-water-gauge.toml",
    ]);
    assert_eq!(code, 2);
    assert!(json.starts_with("{\n  \"perfeval_diff\": 1,"), "{json}");
    insta::assert_snapshot!("diff-json-rating-bands", json);
}

#[test]
fn the_csv() {
    let args = |summary: bool| {
        let mut args = vec![
            "diff",
            "--rules",
            BASE,
            "--rules",
            "examples/policy-changes/common-indicator.rules",
            "--format",
            "csv",
            SUZHOU_FORMS,
        ];
        if summary {
            args.push("--summary");
        }
        diff_output(&args)
    };
    let (csv, code) = args(false);
    assert_eq!(code, 0);
    assert!(csv.starts_with("\u{feff}文件,项目名称,"));
    assert!(csv.lines().all(|l| !l.contains('\n')) && csv.contains("\r\n"));
    insta::assert_snapshot!("diff-csv-common-indicator", csv);
    let (summary, _) = args(true);
    // A header and a row per form.
    assert_eq!(summary.split("\r\n").filter(|l| !l.is_empty()).count(), 28);
    insta::assert_snapshot!("diff-csv-summary-common-indicator", summary);
}

/// `--format jsonl` is the JSON document a line at a time: a header with the rulesets
/// and the items that differ, each project's object as the document's `projects` holds
/// it, and the document's summary last; written as the forms are compared, so across
/// batches (`PERFEVAL_BATCH=2`) it is the same bytes, as the CSV is.
#[test]
fn the_json_lines() {
    let forms = [
        "examples/suzhou-2023-egov.toml",
        "tests/fixtures/eval/suzhou-2023/clean.toml",
        "tests/fixtures/eval/suzhou-2023/needs-review.toml",
        "tests/fixtures/eval/suzhou-2023/score-mismatch.toml",
        "examples/mof-2020-zhongjiang-water-gauge.toml",
    ];
    let diff = |format: &str, batch: &str| {
        let changed = change_file("rating-bands");
        let mut args = vec![
            "diff", "--rules", BASE, "--rules", &changed, "--format", format,
        ];
        args.extend(forms);
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_perfeval"))
            .args(&args)
            .current_dir(root())
            .env("LC_ALL", "en_US.UTF-8")
            .env("PERFEVAL_BATCH", batch)
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        (stdout, stderr, output.status.code().unwrap())
    };
    let (lines, stderr, code) = diff("jsonl", "2");
    assert_eq!(code, 2, "the MoF form fits neither Suzhou form");
    assert!(stderr.contains("perfeval::"), "{stderr}");
    let (document, _, json_code) = diff("json", "2");
    assert_eq!(json_code, code);
    let document: Value = serde_json::from_str(&document).unwrap();
    let lines: Vec<Value> = lines
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let (header, rest) = lines.split_first().unwrap();
    let (summary, projects) = rest.split_last().unwrap();
    assert_eq!(header["perfeval_diff"], 1);
    assert_eq!(header["format"], "jsonl");
    for key in ["old", "new", "changes"] {
        assert_eq!(header[key], document[key], "{key}");
    }
    assert_eq!(
        projects,
        document["projects"].as_array().unwrap().as_slice()
    );
    assert_eq!(summary["summary"], document["summary"]);
    assert_eq!(summary["summary"]["projects"], 5);
    let (whole_batches, _, _) = diff("jsonl", "1024");
    assert_eq!(diff("jsonl", "2").0, whole_batches);
    assert_eq!(diff("csv", "2").0, diff("csv", "1024").0);
    insta::assert_snapshot!("diff-jsonl-rating-bands", whole_batches);
}

/// A shipped ruleset named alone is named in `diff`'s reports as `check` names it,
/// `<shipped>/2023.rules`: no file of that name was read.
#[test]
fn a_shipped_ruleset_is_named_as_check_names_it() {
    let form = "examples/suzhou-2023-egov.toml";
    let (diffed, _, code) = run(&[
        "diff", "--rules", "2023", "--rules", "2023", "--format", "jsonl", form,
    ]);
    assert_eq!(code, 0);
    let (checked, _, _) = run(&["check", "--rules", "2023", "--format", "jsonl", form]);
    let first =
        |text: &str| -> Value { serde_json::from_str(text.lines().next().unwrap()).unwrap() };
    let (diffed, checked) = (first(&diffed), first(&checked));
    assert_eq!(diffed["old"]["file"], "<shipped>/2023.rules");
    assert_eq!(diffed["old"]["file"], checked["ruleset"]["file"]);
}

/// A folder of two Suzhou forms, one clean and one with a score mismatch.
fn two_forms() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["clean.toml", "score-mismatch.toml"] {
        std::fs::copy(root().join(SUZHOU_FORMS).join(file), dir.path().join(file)).unwrap();
    }
    dir
}

/// A JSON Lines report is named by its ending, and a folder walk of `diff` or `check`
/// skips it (no project file ends so); `--jsonl` refuses it as a report; `--summary`
/// does not apply to it.
#[test]
fn a_json_lines_report_is_known_as_a_report() {
    let dir = two_forms();
    let folder = dir.path().to_str().unwrap();
    let report = dir.path().join("变化.jsonl");
    let changed = change_file("deduction-3pct");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["diff", "--rules", BASE, "--rules", changed.as_str()];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect()
    };
    let run = |args: &[String]| run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let first = args(&["-o", report.to_str().unwrap(), folder]);
    let (_, stderr, code) = run(&first);
    assert_eq!(code, 0, "{stderr}");
    let written = std::fs::read_to_string(&report).unwrap();
    assert!(written.starts_with("{\"perfeval_diff\":1,\"format\":\"jsonl\","));
    assert_eq!(
        written.lines().count(),
        4,
        "a header, two forms, the summary"
    );
    let (_, stderr, code) = run(&first);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("skipped 1 file"), "{stderr}");
    let check = ["check", "--rules", BASE, "--format", "json", folder].map(str::to_owned);
    let (_, stderr, code) = run(&check);
    assert_eq!(code, 1);
    assert!(stderr.contains("skipped 1 file"), "{stderr}");
    let (stdout, stderr, code) = run(&args(&["--jsonl", report.to_str().unwrap()]));
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::io::report"), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    let (_, stderr, code) = run(&args(&["--format", "jsonl", "--summary", folder]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::output::summary_json"),
        "{stderr}"
    );
}

/// Against itself a ruleset changes nothing, in every form.
#[test]
fn a_ruleset_against_itself_changes_nothing() {
    let forms = [
        SUZHOU_FORMS,
        "tests/fixtures/eval/policy-changes",
        "examples/suzhou-2023-egov.toml",
        "examples/suzhou-2023-with-findings.toml",
    ];
    for other in [BASE, "rulesets/2023.zh.rules"] {
        let (doc, code) = diff_json(BASE, other, &forms);
        assert_eq!(code, 0);
        assert_eq!(doc["changes"], Value::Array(vec![]));
        let summary = &doc["summary"];
        assert_eq!(summary["projects"], 37);
        assert_eq!(summary["unchanged"], 37);
        assert_eq!(summary["unchanged_total_only"], 0);
        assert_eq!(summary["largest"], Value::Array(vec![]));
        assert_eq!(summary["grade_changed"], Value::Null);
        for p in doc["projects"].as_array().unwrap() {
            assert_eq!(p["change"], "0.00", "{}", p["file"]);
            assert_eq!(p["indicators"], Value::Array(vec![]));
            assert_eq!(p["findings"], Value::Array(vec![]));
        }
    }
}

/// A form that fits one ruleset's form and not the other's is reported under the one
/// it fails; the exit status says that something could not be evaluated.
#[test]
fn forms_that_fit_one_ruleset_only() {
    let (doc, code) = diff_json(
        BASE,
        "rulesets/mof-2020.rules",
        &[
            "examples/suzhou-2023-egov.toml",
            "examples/mof-2020-zhongjiang-water-gauge.toml",
        ],
    );
    assert_eq!(code, 2);
    assert_eq!(doc["summary"]["failed"]["old_only"], 1);
    assert_eq!(doc["summary"]["failed"]["new_only"], 1);
    let suzhou = project(&doc, "suzhou-2023-egov.toml");
    assert_eq!(suzhou["old"]["score"], "80.00");
    assert!(
        suzhou["new"]["error"]["code"]
            .as_str()
            .unwrap()
            .starts_with("perfeval::data::")
    );
    assert_eq!(suzhou["change"], Value::Null);
    let mof = project(&doc, "mof-2020-zhongjiang-water-gauge.toml");
    assert_eq!(mof["new"]["score"], "99.00");
    assert_eq!(mof["new"]["grade"], "优");
}

#[test]
fn arguments_that_cannot_work_are_refused() {
    let (_, stderr, code) = run(&["diff", "--rules", BASE, "examples/suzhou-2023-egov.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::diff::two_rulesets"), "{stderr}");
    let (_, stderr, code) = run(&[
        "diff",
        "--rules",
        BASE,
        "--rules",
        BASE,
        "--format",
        "json",
        "--summary",
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::output::summary_json"),
        "{stderr}"
    );
    let refused = |output: &str, code_name: &str| {
        let form = "examples/suzhou-2023-egov.toml";
        let (_, stderr, code) =
            run(&["diff", "--rules", BASE, "--rules", BASE, "-o", output, form]);
        assert_eq!(code, 2);
        assert!(stderr.contains(code_name), "{stderr}");
    };
    refused(BASE, "perfeval::output::over_input");
    // A name whose ending is a report diff does not write: refused, nothing written.
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("变化.html");
    refused(page.to_str().unwrap(), "perfeval::output::diff_format");
    assert!(!page.exists());
}

/// The JSON report written among the forms is skipped by the next run, of `diff` and of
/// `check`; the output is the same bytes serial or parallel.
#[test]
fn a_diff_report_among_the_forms_is_skipped_and_runs_agree() {
    let dir = two_forms();
    let folder = dir.path().to_str().unwrap();
    let report = dir.path().join("diff.json");
    let changed = change_file("deduction-3pct");
    let args = [
        "diff",
        "--rules",
        BASE,
        "--rules",
        &changed,
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
        folder,
    ];
    let (_, stderr, code) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    let read = || -> Value { serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap() };
    let first = read();
    let (_, stderr, code) = run(&args);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("1 perfeval report"), "{stderr}");
    let second = read();
    assert_eq!(second["projects"], first["projects"]);
    assert_eq!(second["summary"]["skipped"], 1);
    let (_, stderr, code) = run(&["check", "--rules", BASE, "--format", "json", folder]);
    assert_eq!(code, 1);
    assert!(stderr.contains("1 perfeval report"), "{stderr}");

    let serial = std::process::Command::new(env!("CARGO_BIN_EXE_perfeval"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["diff", "--rules", BASE, "--rules", &changed, SUZHOU_FORMS])
        .current_dir(root())
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .unwrap();
    let (parallel, _) = diff_output(&["diff", "--rules", BASE, "--rules", &changed, SUZHOU_FORMS]);
    assert_eq!(String::from_utf8(serial.stdout).unwrap(), parallel);
}

/// What reading each form noted comes on standard error in the forms' order, the same
/// on one thread as on many (the notes were printed by the workers as they finished).
#[test]
fn notes_come_in_the_forms_order_on_any_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/fixtures/import/seed.txt")).unwrap();
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    for i in 0..12 {
        std::fs::write(dir.path().join(format!("表{i:02}.txt")), &bytes).unwrap();
    }
    let folder = dir.path().to_str().unwrap();
    let stderr = |threads: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_perfeval"))
            .args(["diff", "--rules", BASE, "--rules", BASE, folder])
            .current_dir(root())
            .env("LC_ALL", "en_US.UTF-8")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        String::from_utf8(output.stderr).unwrap()
    };
    let serial = stderr("1");
    let named: Vec<&str> = serial
        .lines()
        .filter_map(|l| l.split("表").nth(1))
        .map(|rest| rest.get(..2).unwrap_or(""))
        .collect();
    assert_eq!(named.len(), 12, "{serial}");
    assert!(named.is_sorted(), "{serial}");
    for _ in 0..3 {
        assert_eq!(stderr("4"), serial);
    }
}

// ── Generated forms, checked against `check` ───────────────────────────────────

/// A small deterministic generator (a linear congruential one).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[usize::try_from(self.below(words.len() as u64)).unwrap()]
    }
}

/// A Suzhou 2023 form: the eleven common indicators with random grades and execution,
/// one to three 产出 and 效益 rows and sometimes a 满意度 row, with random actual values,
/// some missing (with an explanation or not).
fn suzhou_form(rng: &mut Lcg, n: usize) -> String {
    let paid = 50 + rng.below(51);
    let mut form = format!(
        "[project]\nname = \"生成项目{n}\"\nyear = 2023\ndepartment = \"测试单位\"\ndata_as_of = 2023-12-31\n\n\
         [budget]\ninitial = 100\nadjustment = 0\nappropriated = 100\nunallocated = 0\nunallocated_recovered = 0\n\n\
         [funds]\nappropriated = 100\npaid = {paid}\nbalance = {}\ncarried_forward = {}\nrecovered = 0\n",
        100 - paid,
        100 - paid
    );
    let row = |category: &str, name: &str, target: &str, actual: Option<&str>, extra: &str| {
        let actual = actual.map_or_else(String::new, |a| format!("actual = \"{a}\"\n"));
        format!(
            "\n[[indicators]]\ncategory = \"{category}\"\nname = \"{name}\"\ntarget = \"{target}\"\nweight = 1\n{actual}{extra}"
        )
    };
    let grades = ["充分", "好", "较好", "一般", "较差", "差"];
    for name in [
        "立项依据充分性",
        "立项程序规范性",
        "绩效指标明确性",
        "绩效目标合理性",
        "资金分配合理性",
        "预算编制科学性",
    ] {
        form.push_str(&row("决策目标", name, "充分", Some(rng.pick(&grades)), ""));
    }
    form.push_str(&row(
        "过程目标",
        "预算执行率",
        "=100%",
        Some(format!("{paid}%").as_str()),
        "",
    ));
    form.push_str(&row("过程目标", "资金到位率", "=100%", Some("100%"), ""));
    for name in ["资金使用合规性", "制度执行有效性", "管理制度健全性"] {
        form.push_str(&row("过程目标", name, "充分", Some(rng.pick(&grades)), ""));
    }
    for (category, count) in [
        ("产出目标", 1 + rng.below(3)),
        ("效益目标", 1 + rng.below(3)),
        ("满意度目标", rng.below(2)),
    ] {
        for i in 0..count {
            let target = rng.pick(&["=100%", ">=90%", "=20个", "<=8小时", "提升"]);
            let actual = match target {
                "=20个" => format!("{}个", 10 + rng.below(20)),
                "<=8小时" => format!("{}.{}小时", 6 + rng.below(5), rng.below(10)),
                "提升" => rng.pick(&["提升", "较好", "一般", "差"]).to_owned(),
                _ => format!("{}.{}%", 60 + rng.below(60), rng.below(100)),
            };
            let (actual, extra) = match rng.below(10) {
                0 => (None, "explanation = \"数据尚未发布\"\n"),
                1 => (Some("-"), ""),
                _ => (Some(actual.as_str()), ""),
            };
            form.push_str(&row(
                category,
                &format!("{category}{i}"),
                target,
                actual,
                extra,
            ));
        }
    }
    form
}

/// Writes `count` forms into a new folder.
fn corpus(count: usize, form: impl Fn(&mut Lcg, usize) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Lcg(20_240_101);
    for n in 0..count {
        std::fs::write(
            dir.path().join(format!("form-{n:03}.toml")),
            form(&mut rng, n),
        )
        .unwrap();
    }
    dir
}

/// `check --format json` of a folder: each file's total and grade.
fn checked(rules: &str, folder: &Path) -> BTreeMap<String, (Decimal, Option<String>)> {
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        rules,
        "--format",
        "json",
        folder.to_str().unwrap(),
    ]);
    assert!(code < 2, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let grade = p["grade"].as_str().map(str::to_owned);
            (
                p["file"].as_str().unwrap().to_owned(),
                (dec(&p["score"]), grade),
            )
        })
        .collect()
}

/// For every generated form, the change `diff` reports is the new total less the old
/// as `check` reports them under each ruleset apart.
#[test]
fn each_change_is_the_difference_of_two_checks() {
    changes_are_differences_of_two_checks(40, 4);
}

/// The same over 200 forms: the slow suite (run in release by .ci/run).
#[test]
#[ignore = "slow suite: a larger corpus, run in release by .ci/run"]
fn each_change_over_a_larger_corpus_is_the_difference_of_two_checks() {
    changes_are_differences_of_two_checks(200, 20);
}

fn changes_are_differences_of_two_checks(forms: usize, least_moved: u64) {
    let corpus = corpus(forms, suzhou_form);
    let folder = corpus.path();
    let old = checked(BASE, folder);
    assert_eq!(old.len(), forms);
    for name in [
        "deduction-3pct",
        "grade-shares",
        "explained-half",
        "pools-per-category",
    ] {
        let changed = change_file(name);
        let new = checked(&changed, folder);
        let (doc, code) = diff_json(BASE, &changed, &[folder.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}");
        let mut moved = 0;
        for p in doc["projects"].as_array().unwrap() {
            let file = p["file"].as_str().unwrap();
            let (before, after) = (old[file].0, new[file].0);
            assert_eq!(dec(&p["old"]["score"]), before, "{name} {file}");
            assert_eq!(dec(&p["new"]["score"]), after, "{name} {file}");
            assert_eq!(dec(&p["change"]), after - before, "{name} {file}");
            if after != before {
                moved += 1;
                assert!(!p["causes"].as_array().unwrap().is_empty(), "{name} {file}");
                assert_eq!(p["unattributed"], false, "{name} {file}");
            }
        }
        let summary = &doc["summary"];
        let counted = summary["gained"].as_u64().unwrap() + summary["lost"].as_u64().unwrap();
        assert_eq!(counted, moved, "{name}");
        assert!(
            moved > least_moved,
            "{name}: the corpus shows the change ({moved} forms moved)"
        );
    }
}

/// `target × percent / 100` to the hundredth.
fn scaled(target: u64, percent: u64) -> String {
    let v = target * percent;
    format!("{}.{:02}", v / 100, v % 100)
}

/// `target × 100 / percent` to the hundredth: the actual of a lower-is-better indicator
/// whose completion is `percent`.
fn inverse(target: u64, percent: u64) -> String {
    let v = target * 10_000 / percent;
    format!("{}.{:02}", v / 100, v % 100)
}

/// A Ministry of Finance form (the Zhongjiang example) at a random level of achievement
/// from 40% to 100%: its execution and every quantitative actual at about that level, so
/// that totals fall anywhere from about 45 to 99.
fn mof_form(rng: &mut Lcg, n: usize) -> String {
    let template =
        std::fs::read_to_string(root().join("examples/mof-2020-zhongjiang-water-gauge.toml"))
            .unwrap();
    let mut form = template
        .split("[self_evaluation]")
        .next()
        .unwrap()
        .to_owned();
    let level = 40 + rng.below(61);
    let mut at = || (level + rng.below(6)).min(100);
    let replacements = [
        (
            "[funds]\ninitial = 12\nfull_year = 12\nexecuted = 12\n",
            format!(
                "[funds]\ninitial = 12\nfull_year = 12\nexecuted = {}\n",
                scaled(12, at())
            ),
        ),
        (
            "actual = \"266米\"",
            format!("actual = \"{}米\"", scaled(266, at())),
        ),
        (
            "actual = \"38座\"",
            format!("actual = \"{}座\"", scaled(38, at())),
        ),
        (
            "actual = \"100%\"",
            format!("actual = \"{}%\"", scaled(95, at())),
        ),
        (
            "actual = \"5个月\"",
            format!("actual = \"{}个月\"", inverse(6, at())),
        ),
        (
            "actual = \"12万元\"",
            format!("actual = \"{}万元\"", inverse(12, at())),
        ),
        (
            "actual = \"98%\"",
            format!("actual = \"{}%\"", scaled(95, at())),
        ),
        (
            "actual = \"5年\"",
            format!("actual = \"{}年\"", scaled(5, at())),
        ),
        (
            "actual = \"95%\"",
            format!("actual = \"{}%\"", scaled(90, at())),
        ),
        (
            "name = \"小型水库水标尺制作安装项目\"",
            format!("name = \"生成项目{n}\""),
        ),
    ];
    for (from, to) in replacements {
        assert_eq!(form.matches(from).count(), 1, "{from}");
        form = form.replacen(from, &to, 1);
    }
    form
}

/// mof-2020 against a copy whose 优 starts at 95: forms between 90 and 95 move from 优 to
/// 良 and nothing else moves; the matrix is what two checks give.
#[test]
fn the_migration_matrix() {
    let forms = corpus(120, mof_form);
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("rulesets/mof-2020.rules")).unwrap();
    assert_eq!(text.matches("优 when total >= 90 分").count(), 1);
    let variant: PathBuf = dir.path().join("mof-95.rules");
    std::fs::write(
        &variant,
        text.replace("优 when total >= 90 分", "优 when total >= 95 分"),
    )
    .unwrap();
    let variant = variant.to_str().unwrap();

    let old = checked("rulesets/mof-2020.rules", forms.path());
    let new = checked(variant, forms.path());
    let (doc, code) = diff_json(
        "rulesets/mof-2020.rules",
        variant,
        &[forms.path().to_str().unwrap()],
    );
    assert_eq!(code, 0);
    assert_eq!(
        doc["changes"],
        serde_json::json!([{"item": "rating", "change": "changed"}])
    );
    let migration = &doc["summary"]["migration"];
    let grades = serde_json::json!(["优", "良", "中", "差"]);
    assert_eq!(migration["old"], grades);
    assert_eq!(migration["new"], grades);

    let index = |g: &Option<String>| {
        grades
            .as_array()
            .unwrap()
            .iter()
            .position(|x| x.as_str() == g.as_deref())
            .unwrap()
    };
    let mut expected = vec![vec![0_u64; 4]; 4];
    let mut crossed = 0;
    for (file, (total, grade)) in &old {
        let (_, new_grade) = &new[file];
        expected[index(grade)][index(new_grade)] += 1;
        let between = *total >= Decimal::from(90) && *total < Decimal::from(95);
        assert_eq!(grade != new_grade, between, "{file}: {total}");
        crossed += u64::from(between);
    }
    let counts: Vec<Vec<u64>> = serde_json::from_value(migration["counts"].clone()).unwrap();
    assert_eq!(counts, expected);
    assert_eq!(doc["summary"]["grade_changed"], crossed);
    // The corpus shows every grade and the move.
    assert!(crossed > 0);
    for (g, row) in expected.iter().enumerate() {
        assert!(row.iter().sum::<u64>() > 0, "no form rated {}", grades[g]);
    }
    assert_eq!(doc["summary"]["unchanged"], 120);
}

/// A catalog indicator renamed beside a change of the class that scored it: the row of
/// the old name, recognized under the old ruleset only, drops to nothing because of the
/// pool that no longer lists it, not of the band it is scored by where it is scored
/// (its 100% scores the same under both bands). The finding and the total draw on the
/// same cause.
#[test]
fn a_row_recognized_under_one_ruleset_only_is_the_catalog_s_change() {
    let dir = tempfile::tempdir().unwrap();
    let changed = dir.path().join("2024.rules");
    std::fs::write(
        &changed,
        "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\n\
         rename indicator 预算执行率 to 预算资金执行率\n\
         override class 产出类 { full 100% to 120% }\n",
    )
    .unwrap();
    let (doc, _) = diff_json(
        BASE,
        changed.to_str().unwrap(),
        &["examples/suzhou-2023-egov.toml"],
    );
    let form = project(&doc, "suzhou-2023-egov.toml");
    let renamed = row(form, "预算执行率");
    assert_eq!(renamed["change"], "-8.00");
    assert_eq!(items(&renamed["causes"]), ["pool 共性指标/changed"]);
    assert_eq!(items(&form["total_causes"]), ["pool 共性指标/changed"]);
    let unknown = (form["findings"].as_array().unwrap().iter())
        .find(|f| f["code"] == "unknown-indicator")
        .unwrap();
    assert_eq!(items(&unknown["causes"]), ["pool 共性指标/changed"]);
}

/// Three forms stacked in one text export, the middle one not fitting the form (an
/// amount in words): `diff` compares the other two, as `check` scores them; the whole
/// file was one unevaluable row.
#[test]
fn a_stacked_form_that_does_not_fit_leaves_the_others_compared() {
    let mut seed =
        std::fs::read_to_string(crate::common::root().join("tests/fixtures/import/seed.txt"))
            .unwrap();
    if !seed.ends_with('\n') {
        seed.push('\n');
    }
    let broken = seed.replacen("\t1679.7\t0\t\t1679.7", "\t一千六百\t0\t\t1679.7", 1);
    assert_ne!(broken, seed);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("三个项目.txt");
    std::fs::write(&file, format!("{seed}{broken}{seed}")).unwrap();
    let (doc, code) = diff_json(BASE, BASE, &[file.to_str().unwrap()]);
    assert_eq!(code, 2);
    let projects = doc["projects"].as_array().unwrap();
    let scored: Vec<&str> = (projects.iter())
        .filter_map(|p| p["old"]["score"].as_str())
        .collect();
    assert_eq!(scored, ["80.00", "80.00"], "{doc}");
    assert_eq!(projects.len(), 3);
    // The one that does not fit is named by its first label's line, as check names it.
    let failed = projects[1]["file"].as_str().unwrap();
    let line = seed.lines().count() + 6;
    assert!(
        failed.ends_with(&format!("三个项目.txt:{line}")),
        "{failed}"
    );
}
