//! SECURITY.md names the tests that hold each promise: every test here is named there,
//! and every name there is a test here.

use std::collections::BTreeSet;

use crate::common::root;

const GROUPS: [&str; 8] = [
    "reads", "rulesets", "walks", "writes", "scores", "time", "terminal", "numbers",
];

/// `group::test` for every `#[test]` in the group modules.
fn tests() -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for group in GROUPS {
        let path = root().join(format!("tests/promises/{group}.rs"));
        let text = std::fs::read_to_string(path).unwrap();
        let mut after_test = false;
        for line in text.lines().map(str::trim) {
            if line == "#[test]" {
                after_test = true;
            } else if let Some(rest) = line.strip_prefix("fn ").filter(|_| after_test) {
                let name: String = rest.chars().take_while(|c| *c != '(').collect();
                names.insert(format!("{group}::{name}"));
                after_test = false;
            }
        }
    }
    names
}

/// `group::test` for every such name in backticks in SECURITY.md.
fn listed() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("SECURITY.md")).unwrap();
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| GROUPS.iter().any(|g| s.starts_with(&format!("{g}::"))))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_promise_test_is_listed_in_security_md() {
    let tests = tests();
    let listed = listed();
    assert!(tests.len() > 30, "{tests:?}");
    let unlisted: Vec<_> = tests.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&tests).collect();
    assert!(unlisted.is_empty(), "not in SECURITY.md: {unlisted:?}");
    assert!(
        missing.is_empty(),
        "in SECURITY.md but not a test: {missing:?}"
    );
}
