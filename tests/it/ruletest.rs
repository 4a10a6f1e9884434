//! `perfeval test`: the shipped ruleset tests pass and exercise every part of their
//! rulesets; a wrong expectation fails with a readable diff; coverage names what no case
//! exercised; broken test files are diagnostics.

use perfeval::source::SourceFile;

use crate::common::{relative, render, root, run, run_in};

#[test]
fn the_shipped_tests_pass_and_exercise_every_part() {
    let (stdout, stderr, code) = run(&["test", "rulesets/tests", "--coverage-fail"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stderr, "");
    assert!(!stdout.contains("FAILED"), "{stdout}");
    assert!(
        stdout.ends_with("passed; 0 failed; 0 parts not exercised\n"),
        "{stdout}"
    );
    // Every shipped ruleset is tested, and every part of each is exercised.
    for ruleset in ["2023.rules", "2023.zh.rules", "mof-2020.rules"] {
        let line = format!("coverage of rulesets/{ruleset}: all ");
        assert!(stdout.contains(&line), "{ruleset} untested:\n{stdout}");
    }
}

#[test]
fn the_shipped_tests_as_json() {
    let (stdout, stderr, code) = run(&["test", "rulesets/tests", "--coverage", "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["failed"], 0);
    assert_eq!(doc["not_run"], 0);
    let cases = doc["cases"].as_array().unwrap();
    assert!(cases.len() >= 80, "{}", cases.len());
    assert!(cases.iter().all(|c| c["passed"] == true));
    for coverage in doc["coverage"].as_array().unwrap() {
        assert_eq!(coverage["gaps"], serde_json::json!([]), "{coverage}");
    }
}

#[test]
fn a_wrong_expectation_fails_with_a_readable_diff() {
    let (stdout, stderr, code) = run(&["test", "tests/fixtures/ruletest/wrong"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_wrong_expectation_in_json() {
    let (stdout, _, code) = run(&["test", "tests/fixtures/ruletest/wrong", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["passed"], 1);
    assert_eq!(doc["failed"], 3);
    let total = &doc["cases"][1]["mismatches"][0];
    assert_eq!(total["kind"], "value");
    assert_eq!(total["what"], "total");
    assert_eq!(total["expected"], "79.00");
    assert_eq!(total["actual"], "80.00");
    assert_eq!(total["line"], 15);
}

#[test]
fn coverage_lists_what_no_case_exercised() {
    let dir = "tests/fixtures/ruletest/kinds";
    let (stdout, stderr, code) = run(&["test", dir, "--coverage"]);
    // Coverage is a report: the exit status is the tests'.
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(stdout);
    let (_, _, code) = run(&["test", dir, "--coverage-fail"]);
    assert_eq!(code, 1);
}

#[test]
fn a_case_may_expect_a_project_that_cannot_be_evaluated() {
    let (stdout, stderr, code) = run(&["test", "tests/fixtures/ruletest/errors"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.ends_with("3 passed; 0 failed\n"), "{stdout}");
}

/// Every file of `bad/` is refused with the diagnostic its name says, among others.
#[test]
fn bad_test_files() {
    insta::glob!("../fixtures", "ruletest/bad/*.toml", |path| {
        let name = relative(path);
        let text = std::fs::read_to_string(path).unwrap();
        let failure = perfeval::ruletest::parse(SourceFile::new(name, text)).unwrap_err();
        let code = failure.errors().iter().map(|e| {
            let code = miette::Diagnostic::code(e).map(|c| c.to_string());
            code.unwrap_or_default()
        });
        let stem = path.file_name().unwrap().to_string_lossy();
        let stem = stem.strip_suffix(".test.toml").unwrap();
        let wanted = format!("perfeval::test::{stem}");
        assert!(
            code.clone().any(|c| c == wanted),
            "{stem}: {:?}",
            code.collect::<Vec<_>>()
        );
        insta::assert_snapshot!(render(&failure));
    });
}

#[test]
fn a_broken_file_does_not_stop_the_others() {
    let (stdout, stderr, code) = run(&[
        "test",
        "tests/fixtures/ruletest/bad/float.test.toml",
        "rulesets/tests/2023/grades.test.toml",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::test::float"), "{stderr}");
    assert!(
        stdout.ends_with("test result: FAILED. 4 passed; 0 failed; 1 test file could not be run\n"),
        "{stdout}"
    );
}

#[test]
fn a_file_not_named_as_a_test_is_refused() {
    let (stdout, stderr, code) = run(&["test", "examples/suzhou-2023-egov.toml"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains("perfeval::test::not_a_test_file"),
        "{stderr}"
    );
    let (_, stderr, code) = run(&["test", "examples"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::test::no_tests"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_link_named_as_a_test_must_lead_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "password = \"hunter2\"\n").unwrap();
    let link = dir.path().join("evil.test.toml");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    let (stdout, stderr, code) = run(&["test", link.to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains("perfeval::test::not_a_test_file"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2") && !stdout.contains("hunter2"));
}

#[test]
fn a_ruleset_that_does_not_load_stops_its_cases() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("missing.test.toml");
    std::fs::write(
        &file,
        "ruleset = \"no-such.rules\"\nproject = \"form.toml\"\n[expect]\ntotal = \"1\"\n",
    )
    .unwrap();
    let (stdout, stderr, code) = run(&["test", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{stdout}");
    assert!(stderr.contains("no-such.rules"), "{stderr}");
    assert!(stdout.contains("0 passed; 0 failed; 1 test file could not be run"));
}

#[test]
fn the_current_folder_is_searched_and_cache_folders_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let rules = root().join("rulesets/2023.rules");
    let seed = root().join("examples/suzhou-2023-egov.toml");
    let test = format!(
        "ruleset = {:?}\nproject = {:?}\n[expect]\ntotal = \"80.00\"\n",
        rules.to_str().unwrap(),
        seed.to_str().unwrap()
    );
    std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
    std::fs::write(dir.path().join("a/b/seed.test.toml"), &test).unwrap();
    // A cache folder (cargo's `target/`) and a hidden one are passed over.
    for skipped in ["target", ".git"] {
        std::fs::create_dir_all(dir.path().join(skipped)).unwrap();
        std::fs::write(dir.path().join(skipped).join("broken.test.toml"), "=").unwrap();
    }
    std::fs::write(
        dir.path().join("target/CACHEDIR.TAG"),
        "Signature: 8a477f597d28d172789f06886806bc55",
    )
    .unwrap();
    let (stdout, stderr, code) = run_in(dir.path(), &["test"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("test a/b/seed.test.toml::seed ... ok"),
        "{stdout}"
    );
}

/// A test file may name a shipped ruleset as `--rules` does (`ruleset = "2023"`), where
/// no file beside it has that name.
#[test]
fn a_test_file_may_name_a_shipped_ruleset() {
    let text = std::fs::read_to_string(root().join("rulesets/tests/2023/bands.test.toml")).unwrap();
    let shipped = text.replacen(
        r#"ruleset = ["../../2023.rules", "../../2023.zh.rules"]"#,
        r#"ruleset = "2023""#,
        1,
    );
    assert_ne!(shipped, text);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bands.test.toml"), shipped).unwrap();
    let (stdout, stderr, code) = run_in(dir.path(), &["test", "bands.test.toml"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn coverage_names_parts_in_the_ruleset_s_keywords() {
    // One case, which leaves most of the ruleset untested: each gap is named as the
    // ruleset writes it, in Chinese keywords for the Chinese ruleset.
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join("examples/suzhou-2023-egov.toml");
    let test = format!(
        "ruleset = \"2023.zh\"\n[[case]]\nname = \"种子表\"\nproject = \"{}\"\n[case.expect]\ntotal = \"80.00\"\n",
        seed.display()
    );
    let file = dir.path().join("zh.test.toml");
    std::fs::write(&file, test).unwrap();
    let (stdout, stderr, code) = run(&["test", file.to_str().unwrap(), "--coverage"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("核对 `budget-balance`"), "{stdout}");
    assert!(!stdout.contains("check `budget-balance`"), "{stdout}");
}
