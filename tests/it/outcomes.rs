//! Rule outcomes as snapshots: each folder of `tests/fixtures/outcomes/` is a case, a
//! `rules.rules` (which may extend a shipped ruleset by name: `extends "2023.rules"`)
//! and the forms it scores. Every form's report, as `perfeval check` prints it in the
//! case's folder, is a snapshot: a change of policy or of the engine shows as a diff in
//! `cargo insta review`. The report is the table, or JSON where `rules.rules` has a line
//! `// report: json`. README.md (Contributing) says how to add a case.

use std::path::Path;
use std::process::Command;

/// The forms a case may hold: project files and forms as departments send them.
const FORMS: &str = "*/*.{toml,json,yaml,yml,txt,csv,xlsx,xls,ods,docx}";

/// The report format a case's ruleset asks for: `table` unless it says otherwise.
fn report_format(rules: &str) -> String {
    rules
        .lines()
        .find_map(|l| l.trim_start_matches(['/', ' ']).strip_prefix("report:"))
        .map_or_else(|| "table".to_owned(), |f| f.trim().to_owned())
}

/// What `perfeval check` says of one form, run in its case's folder.
fn transcript(form: &Path) -> String {
    let case = form.parent().unwrap();
    let rules = std::fs::read_to_string(case.join("rules.rules"))
        .unwrap_or_else(|e| panic!("{}: every case has a rules.rules: {e}", case.display()));
    let name = form.file_name().unwrap().to_str().unwrap();
    let format = report_format(&rules);
    let args = ["check", "--rules", "rules.rules", "--format", &format, name];
    let output = Command::new(env!("CARGO_BIN_EXE_perfeval"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .current_dir(case)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let code = output.status.code().unwrap_or(-1);
    let mut out = format!("$ perfeval {}\nexit: {code}\n\n{stdout}", args.join(" "));
    if !stderr.is_empty() {
        out.push_str("\n--- standard error ---\n");
        out.push_str(&stderr);
    }
    out
}

#[test]
fn outcomes() {
    insta::glob!("../fixtures/outcomes", FORMS, |form| {
        insta::assert_snapshot!(transcript(form));
    });
}

#[test]
fn the_report_line_chooses_the_format() {
    assert_eq!(report_format("// report: json\nruleset"), "json");
    assert_eq!(report_format("//! 说明\nruleset"), "table");
}
