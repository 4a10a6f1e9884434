//! The command line: output, exit status and JSON, as shared/spec/cli.md states them.

use crate::common::run;

#[test]
fn the_seed_table() {
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    insta::assert_snapshot!(stdout);
}

#[test]
fn the_seed_json() {
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["projects"][0]["score"], "80.00");
    assert_eq!(
        doc["projects"][0]["indicators"][11]["expected_weight"],
        "9.20"
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_folder_of_forms_with_findings_exits_1() {
    let (stdout, _, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        "tests/fixtures/eval/suzhou-2023",
    ]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let projects = doc["projects"].as_array().unwrap();
    assert!(projects.len() > 20);
    let budget = projects
        .iter()
        .find(|p| p["file"].as_str().unwrap().ends_with("budget-balance.toml"))
        .unwrap();
    let finding = &budget["findings"][0];
    assert_eq!(finding["code"], "budget-balance");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["line"], 15);
    assert_eq!(finding["column"], 15);
}

#[test]
fn a_missing_file_exits_2() {
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "no/such/form.toml",
    ]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("no/such/form.toml"), "{stderr}");
}

#[test]
fn a_missing_ruleset_exits_2() {
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        "no/such.rules",
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("no/such.rules"), "{stderr}");
}

#[test]
fn bad_arguments_exit_2() {
    let (_, _, code) = run(&["check", "examples/suzhou-2023-egov.toml"]);
    assert_eq!(code, 2);
    // An option given twice is said so, not "cannot be used with itself".
    let (_, stderr, code) = run(&["check", "--rules", "2023", "--rules", "2023", "x.toml"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("multiple times"), "{stderr}");
    let (_, stderr, _) = run(&[
        "--lang", "zh", "check", "--rules", "2023", "--rules", "2023", "x.toml",
    ]);
    assert!(stderr.contains("只能给一次"), "{stderr}");
}

#[test]
fn show_prints_the_resolved_ruleset_with_origins() {
    let (stdout, stderr, code) = run(&[
        "show",
        "--rules",
        "examples/policy-changes/deduction-3pct.rules",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains(
            "below deduct 3% per 1% // from examples/policy-changes/deduction-3pct.rules:"
        )
    );
    assert!(stdout.contains("// from rulesets/2023.rules:"));
    let source = perfeval::source::SourceFile::new("shown.rules", stdout.clone());
    assert!(perfeval::parse(&source).is_ok(), "the output parses again");
    insta::assert_snapshot!(stdout);
}

/// Shown with Chinese keywords, the origins are marked in Chinese too (`// 来自`), and
/// the output still parses.
#[test]
fn show_in_chinese_keywords_marks_origins_in_chinese() {
    let (stdout, stderr, code) = run(&[
        "show",
        "--keywords",
        "zh",
        "--rules",
        "examples/policy-changes/deduction-3pct.rules",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout
            .contains("低于区间 每 1% 扣 3% // 来自 examples/policy-changes/deduction-3pct.rules:"),
        "{stdout}"
    );
    assert!(stdout.contains("// 来自 rulesets/2023.rules:"), "{stdout}");
    assert!(!stdout.contains("// from"), "{stdout}");
    let source = perfeval::source::SourceFile::new("shown.rules", stdout.clone());
    assert!(perfeval::parse(&source).is_ok(), "the output parses again");
}

#[test]
fn show_reports_a_broken_chain() {
    let (stdout, stderr, code) = run(&["show", "--rules", "tests/fixtures/link/cycle/main.rules"]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("perfeval::link::cycle"), "{stderr}");
}

#[test]
fn output_goes_to_a_file_atomically_and_never_over_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let report_arg = report.to_str().unwrap();
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        "--output",
        report_arg,
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(doc["projects"][0]["score"], "80.00");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");

    let before =
        std::fs::read(crate::common::root().join("examples/suzhou-2023-egov.toml")).unwrap();
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--output",
        "examples/suzhou-2023-egov.toml",
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::output"), "{stderr}");
    let after =
        std::fs::read(crate::common::root().join("examples/suzhou-2023-egov.toml")).unwrap();
    assert_eq!(before, after, "the input is untouched");
}

/// Escape sequences in a form's values reach the terminal written out, never raw, in the
/// table, the diagnostics and the JSON, whether or not the output is a terminal.
#[test]
fn control_characters_from_a_form_are_shown_escaped() {
    let form = "tests/fixtures/terminal/escape-sequences.toml";
    let (stdout, stderr, code) = run(&["check", "--rules", "rulesets/2023.rules", form]);
    assert_eq!(code, 1, "{stderr}");
    for text in [&stdout, &stderr] {
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{text}");
    }
    assert!(stdout.contains(r"95%\u{1b}[1A\u{1b}[2K\u{7}"), "{stdout}");
    assert!(stdout.contains(r"测试\u{1b}[31m项目"), "{stdout}");
    let (json, _, _) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        form,
    ]);
    assert!(!json.contains('\u{1b}'));
    assert!(json.contains(r"\u001b[1A"), "{json}");
}

/// A bidirectional override in a form's name (U+202E, which shows `80.00` as `00.08` on
/// a bidi-aware screen) is written out in every report for people, never raw.
#[test]
fn bidirectional_controls_from_a_form_are_shown_escaped() {
    let (_dir, path) = crate::common::seed_form_with("bidi.toml", |seed| {
        seed.replacen(
            "name = \"电子政务项目建设资金\"",
            "name = \"电子\\u202E政务\"",
            1,
        )
    });
    for format in ["table", "markdown", "html"] {
        let (stdout, stderr, _) = crate::common::check_as(format, &path);
        assert!(
            !stdout.contains('\u{202E}') && !stderr.contains('\u{202E}'),
            "{format}"
        );
        // Markdown escapes the backslash, which shows as one.
        let shown = if format == "markdown" {
            r"电子\\u{202e}政务"
        } else {
            r"电子\u{202e}政务"
        };
        assert!(stdout.contains(shown), "{format}: {stdout}");
    }
    // JSON lets U+202E, the C1 controls and DEL through raw; the reports escape them as
    // `\u202e`, which every JSON reader reads back as the same name.
    for format in ["json", "jsonl"] {
        let (stdout, _, _) = crate::common::check_as(format, &path);
        assert!(!stdout.contains('\u{202E}'), "{format}");
        assert!(stdout.contains(r"电子\u202e政务"), "{format}: {stdout}");
    }
    let path = path.to_str().unwrap();
    let (explained, _, _) = run(&[
        "explain",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        "json",
        path,
    ]);
    assert!(explained.contains(r"电子\u202e政务"), "{explained}");
    assert!(!explained.contains('\u{202E}'));
}

/// A ruleset may not hold control characters at all: its texts reach findings.
#[test]
fn a_ruleset_with_a_control_character_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("escape.rules");
    let base = std::fs::canonicalize("rulesets/2023.rules").unwrap();
    std::fs::write(
        &rules,
        format!(
            "ruleset \"x\" extends \"{}\" {{ version \"1\u{1b}[2K\" }}\n",
            base.display()
        ),
    )
    .unwrap();
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        rules.to_str().unwrap(),
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::parse::control_character"),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

/// A sum beyond 28 significant digits is never rounded into a verdict: `1e28 + 0.01 -
/// 1e28` once gave 0, so a budget off by 0.01 passed its check and a right one failed.
/// Now the form cannot be evaluated (exit 2), and the JSON names the formula's place.
#[test]
fn a_sum_too_precise_for_a_decimal_is_an_error_not_a_verdict() {
    let big = "10000000000000000000000000000";
    let (_dir, path) = crate::common::seed_form_with("big.toml", |seed| {
        seed.replacen("initial = 1679.7", &format!("initial = {big}"), 1)
            .replacen("adjustment = 0", "adjustment = 0.01", 1)
            .replacen("appropriated = 1679.7", &format!("appropriated = {big}"), 1)
    });
    let (stdout, stderr, code) = crate::common::check_as("json", &path);
    assert_eq!(code, 2, "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let error = &json["projects"][0]["error"];
    assert_eq!(error["code"], "perfeval::eval::overflow", "{stderr}");
    assert_eq!(error["file"], "rulesets/2023.rules");
    let line = std::fs::read_to_string(crate::common::root().join("rulesets/2023.rules"))
        .unwrap()
        .lines()
        .position(|l| l.contains("budget.unallocated == budget.initial"))
        .unwrap();
    assert_eq!(error["line"], line + 1);
}

/// `--jobs` takes 1 to 256 threads: 100,000 once started that many threads and aborted
/// the process; 0 and words are refused in words, not by a parser's English.
#[test]
fn jobs_out_of_range_are_refused_before_any_thread_starts() {
    for jobs in ["0", "257", "100000", "abc"] {
        let (stdout, stderr, code) = run(&[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "-j",
            jobs,
            "examples/suzhou-2023-egov.toml",
        ]);
        assert_eq!(code, 2, "{jobs}: {stdout}");
        assert!(stderr.contains("a whole number from 1 to 256"), "{stderr}");
    }
}

#[test]
fn output_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let seed = crate::common::root().join("examples/suzhou-2023-egov.toml");
    let seed = seed.to_str().unwrap();
    let (stdout, stderr, code) = crate::common::run_in(
        dir.path(),
        &[
            "check", "--rules", "2023", seed, "--format", "json", "-o", "-",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with("{\n  \"perfeval_report\": 1,"),
        "{stdout}"
    );
    // No file named `-` was written.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
