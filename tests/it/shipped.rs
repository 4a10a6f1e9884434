//! Shipped content never rots: every ruleset checks, every example runs with the exit
//! status its first line states (`# exit: 1`), 0 where it states none.

use crate::common::{relative, root, run};

#[test]
fn every_ruleset_checks() {
    for entry in std::fs::read_dir(root().join("rulesets")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rules") {
            crate::common::plan(&relative(&path));
        }
    }
}

fn expected_exit(text: &str) -> i32 {
    text.lines()
        .find_map(|l| l.trim_start_matches(['#', '/', ' ']).strip_prefix("exit:"))
        .map_or(0, |n| n.trim().parse().unwrap())
}

#[test]
fn every_example_runs() {
    let mut seen = 0;
    for entry in std::fs::read_dir(root().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() || perfeval::data::Format::from_path(&path).is_none() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let rules = text
            .lines()
            .find_map(|l| l.trim_start_matches(['#', '/', ' ']).strip_prefix("rules:"))
            .map_or("rulesets/2023.rules", str::trim)
            .to_owned();
        let file = relative(&path);
        let (_, stderr, code) = run(&["check", "--rules", &rules, &file]);
        assert_eq!(code, expected_exit(&text), "{file}: {stderr}");
        seen += 1;
    }
    assert!(seen > 0);
}
