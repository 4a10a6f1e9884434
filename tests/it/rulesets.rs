//! Shipped rulesets by name: `--rules 2023` and `extends "2023.rules"` in any folder, a
//! file that exists winning over a shipped name, `perfeval rulesets` and its `show`.

use std::path::PathBuf;

use perfeval::shipped;
use perfeval::source::SourceFile;

use crate::common::{render, root, run_in};

const SEED: &str = "examples/suzhou-2023-egov.toml";

fn seed() -> String {
    root().join(SEED).display().to_string()
}

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn every_file_in_the_rulesets_folder_is_shipped_as_it_is() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("rulesets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| perfeval::input::is_rules_name(p))
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: Vec<&str> = shipped::RULESETS.iter().map(|s| s.file).collect();
    assert_eq!(
        names, listed,
        "src/shipped.rs lists every .rules file of rulesets/, in name order"
    );
    for (file, listed) in files.iter().zip(shipped::RULESETS) {
        assert_eq!(std::fs::read_to_string(file).unwrap(), listed.text);
    }
}

#[test]
fn a_shipped_name_scores_the_seed_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["2023", "2023.rules", "2023.zh"] {
        let (stdout, stderr, code) = run_in(
            dir.path(),
            &["check", "--rules", name, "--format", "json", &seed()],
        );
        assert_eq!(code, 0, "{name}: {stderr}");
        let report = json(&stdout);
        assert_eq!(report["projects"][0]["score"], "80.00", "{name}");
        let file = shipped::find(name).unwrap().path();
        assert_eq!(report["ruleset"]["file"], file.as_str());
    }
    let (stdout, _, code) = run_in(dir.path(), &["check", "--rules", "2023", &seed()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("合计 80.00 / 80"), "{stdout}");
}

#[test]
fn every_command_with_rules_takes_a_shipped_name() {
    let dir = tempfile::tempdir().unwrap();
    let (shown, stderr, code) = run_in(dir.path(), &["show", "--rules", "mof-2020"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        shown.contains("// from <shipped>/mof-2020.rules:"),
        "{shown}"
    );

    let (_, stderr, code) = run_in(dir.path(), &["template", "--rules", "2023", "-o", "t.xlsx"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(dir.path().join("t.xlsx").is_file());

    let form = root().join("tests/fixtures/import/seed.txt");
    let (toml, stderr, code) = run_in(
        dir.path(),
        &["import", "--rules", "2023.rules", form.to_str().unwrap()],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(toml.contains("[budget]"), "{toml}");
}

#[test]
fn a_file_that_exists_wins_over_a_shipped_name() {
    let dir = tempfile::tempdir().unwrap();
    let local = shipped::find("2023")
        .unwrap()
        .text
        .replace("version \"2023.1\"", "version \"local\"");
    std::fs::write(dir.path().join("2023.rules"), local).unwrap();
    let version = |rules: &str| {
        let (stdout, stderr, code) = run_in(
            dir.path(),
            &["check", "--rules", rules, "--format", "json", &seed()],
        );
        assert_eq!(code, 0, "{stderr}");
        json(&stdout)["ruleset"]["version"].clone()
    };
    assert_eq!(version("2023.rules"), "local");
    assert_eq!(version("./2023.rules"), "local");
    // A name without `.rules` is never a file's: it is the shipped ruleset.
    assert_eq!(version("2023"), "2023.1");
}

/// A link to nothing is something: it is reported, not passed over for the shipped
/// ruleset of its name.
#[cfg(unix)]
#[test]
fn a_link_to_nothing_is_not_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("nowhere.rules", dir.path().join("2023.rules")).unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["show", "--rules", "2023.rules"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::io"), "{stderr}");
    std::fs::write(
        dir.path().join("2024.rules"),
        "ruleset \"2024\" extends \"2023.rules\" { }\n",
    )
    .unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["show", "--rules", "2024.rules"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::link::missing_base"), "{stderr}");
}

#[test]
fn a_path_with_a_folder_is_never_a_shipped_name() {
    let dir = tempfile::tempdir().unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["show", "--rules", "./2023.rules"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::io"), "{stderr}");
    assert!(!stderr.contains("rulesets::unknown"), "{stderr}");
}

#[test]
fn extends_finds_a_shipped_ruleset_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    for extends in ["2023.rules", "2023"] {
        std::fs::write(
            dir.path().join("2024.rules"),
            format!(
                "ruleset \"2024\" extends \"{extends}\" {{ version \"2024.1\" }}\n\
                 override class 产出类 {{ below deduct 3% per 1% }}\n"
            ),
        )
        .unwrap();
        let (stdout, stderr, code) = run_in(
            dir.path(),
            &[
                "check",
                "--rules",
                "2024.rules",
                "--format",
                "json",
                &seed(),
            ],
        );
        assert_eq!(code, 0, "{extends}: {stderr}");
        assert_eq!(json(&stdout)["projects"][0]["score"], "80.00");
        let (shown, _, _) = run_in(dir.path(), &["show", "--rules", "2024.rules"]);
        assert!(
            shown.contains("below deduct 3% per 1% // from 2024.rules:2"),
            "{shown}"
        );
        assert!(shown.contains("// from <shipped>/2023.rules:"), "{shown}");
    }
}

/// A base beside the extending file is read first; the shipped one only where there
/// is none.
#[test]
fn extends_reads_a_base_beside_the_file_first() {
    let dir = tempfile::tempdir().unwrap();
    let local = shipped::find("2023")
        .unwrap()
        .text
        .replace("max_score 80 分", "max_score 90 分");
    std::fs::write(dir.path().join("2023.rules"), local).unwrap();
    std::fs::write(
        dir.path().join("2024.rules"),
        "ruleset \"2024\" extends \"2023.rules\" { }\n",
    )
    .unwrap();
    let (stdout, stderr, code) = run_in(
        dir.path(),
        &[
            "check",
            "--rules",
            "2024.rules",
            "--format",
            "json",
            &seed(),
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(json(&stdout)["projects"][0]["max_score"], "90");
}

/// Diagnostics point into a shipped ruleset by its name in `<shipped>/`.
#[test]
fn diagnostics_name_shipped_rulesets_clearly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2024.rules"),
        "ruleset \"2024\" extends \"2023.rules\" { }\nclass 产出类 { cap 100% }\n",
    )
    .unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["show", "--rules", "2024.rules"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("perfeval::link::already_defined"),
        "{stderr}"
    );
    assert!(stderr.contains("<shipped>/2023.rules:"), "{stderr}");
    insta::assert_snapshot!(stderr);
}

#[test]
fn an_unknown_name_lists_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    for rules in ["2024", "2024.rules"] {
        let (stdout, stderr, code) = run_in(dir.path(), &["check", "--rules", rules, &seed()]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(stderr.contains("perfeval::rulesets::unknown"), "{stderr}");
        // Another year's policy is no slip of this year's: following the suggestion
        // would score 2024's forms under 2023's rules.
        assert!(!stderr.contains("did you mean"), "{stderr}");
        for shipped in shipped::RULESETS {
            assert!(
                stderr.contains(&format!("`{}`", shipped.name())),
                "{stderr}"
            );
        }
    }
    let (_, stderr, _) = run_in(dir.path(), &["check", "--rules", "2024", &seed()]);
    insta::assert_snapshot!(stderr);
    let (_, stderr, _) = run_in(dir.path(), &["check", "--rules", "2023.zh2", &seed()]);
    assert!(!stderr.contains("did you mean"), "{stderr}");
    let (_, stderr, _) = run_in(dir.path(), &["check", "--rules", "mof2020", &seed()]);
    assert!(stderr.contains("did you mean `mof-2020`?"), "{stderr}");
}

/// `--rules 2024` beside the policy officer's own `2024.rules`: the help names that
/// file, and no shipped ruleset.
#[test]
fn an_unknown_name_beside_its_file_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2024.rules"),
        "ruleset \"2024\" extends \"2023.rules\" { }\n",
    )
    .unwrap();
    for rules in ["2024", "2024.rule", "2024.RUL"] {
        let (stdout, stderr, code) = run_in(dir.path(), &["check", "--rules", rules, &seed()]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
        assert!(stderr.contains("perfeval::rulesets::unknown"), "{stderr}");
        assert!(
            stderr.contains("did you mean the file `2024.rules`?"),
            "{stderr}"
        );
        assert!(!stderr.contains("`2023`"), "{stderr}");
    }
}

#[test]
fn extends_of_an_unknown_name_lists_the_shipped_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2024.rules"),
        "ruleset \"2024\" extends \"mof2020.rules\" { }\n",
    )
    .unwrap();
    let (_, stderr, code) = run_in(dir.path(), &["show", "--rules", "2024.rules"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::link::missing_base"), "{stderr}");
    assert!(stderr.contains("did you mean `mof-2020`?"), "{stderr}");
}

#[test]
fn the_list_of_shipped_rulesets() {
    let dir = tempfile::tempdir().unwrap();
    let (table, stderr, code) = run_in(dir.path(), &["rulesets"]);
    assert_eq!(code, 0, "{stderr}");
    insta::assert_snapshot!(table);
    let (stdout, _, code) = run_in(dir.path(), &["rulesets", "--format", "json"]);
    assert_eq!(code, 0);
    let list = json(&stdout);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), shipped::RULESETS.len());
    assert_eq!(list[0]["name"], "2023");
    assert_eq!(list[0]["file"], "2023.rules");
    assert_eq!(list[0]["version"], "2023.1");
    assert_eq!(list[0]["fiscal_year"], 2023);
    assert_eq!(list[0]["title"], "苏州市级财政支出项目绩效自评");
    assert_eq!(list[0]["extends"], serde_json::Value::Null);
    assert_eq!(list[2]["name"], "mof-2020");
}

#[test]
fn show_prints_a_shipped_ruleset_exactly() {
    let dir = tempfile::tempdir().unwrap();
    for shipped in shipped::RULESETS {
        let file = std::fs::read_to_string(root().join("rulesets").join(shipped.file)).unwrap();
        for name in [shipped.name(), shipped.file] {
            let (stdout, stderr, code) = run_in(dir.path(), &["rulesets", "show", name]);
            assert_eq!(code, 0, "{stderr}");
            assert!(
                stdout == file,
                "`rulesets show {name}` differs from the file"
            );
        }
    }
    let (stdout, stderr, code) = run_in(dir.path(), &["rulesets", "show", "2022"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("perfeval::rulesets::unknown"), "{stderr}");
    assert!(!stderr.contains("did you mean"), "{stderr}");
    let (_, stderr, _) = run_in(dir.path(), &["rulesets", "show", "2023zh"]);
    assert!(stderr.contains("did you mean `2023.zh`?"), "{stderr}");
}

/// The library: a ruleset given as text may extend a shipped ruleset, not a file.
#[test]
fn a_ruleset_given_as_text_extends_a_shipped_one() {
    let text = "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\n";
    let plan = perfeval::load_ruleset(&SourceFile::new("2024.rules", text))
        .unwrap_or_else(|e| panic!("{}", render(&e)));
    assert_eq!(plan.version.as_deref(), Some("2024.1"));
    assert_eq!(plan.fiscal_year, Some(2023));
    let text = "ruleset \"2024\" extends \"../2023.rules\" { }\n";
    let error = perfeval::load_ruleset(&SourceFile::new("2024.rules", text)).unwrap_err();
    let rendered = render(&error);
    assert!(
        rendered.contains("perfeval::link::missing_base"),
        "{rendered}"
    );
    assert!(rendered.contains("cannot extend a file"), "{rendered}");
}
