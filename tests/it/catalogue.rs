//! The error catalogue `docs/errors.md` lists exactly the codes there are.
//!
//! The codes are collected from the source, not from a list kept by hand:
//!
//! - diagnostic codes: every `code(perfeval::…)` in a `#[diagnostic(…)]` attribute under
//!   `src/`;
//! - the engine's finding codes: [`perfeval::finding::ENGINE_FINDINGS`];
//! - each shipped ruleset's finding codes: its plan's checks, discards and adjustments,
//!   and the codes its `findings` item gives engine findings with `as`.
//!
//! The catalogue's convention: every code is the first cell of a table row, alone in
//! backticks (`` | `perfeval::parse::syntax` | … ``). Finding codes sit under a heading
//! that names their group: a heading with "Engine findings" for the engine's, a heading
//! with `` `rulesets/NAME.rules` `` for a shipped ruleset's. Diagnostic codes
//! (`perfeval::…`) may sit under any other heading.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::{relative, root};

/// Where a code of the catalogue belongs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Diagnostics,
    Engine,
    Ruleset(String),
}

/// The codes of `docs/errors.md`, by group.
fn catalogue() -> BTreeMap<Group, BTreeSet<String>> {
    let text = std::fs::read_to_string(root().join("docs/errors.md")).unwrap();
    let mut groups: BTreeMap<Group, BTreeSet<String>> = BTreeMap::new();
    let mut group = Group::Diagnostics;
    for (number, line) in text.lines().enumerate() {
        let number = number + 1;
        if line.starts_with('#') {
            group = if let Some(path) = ruleset_in_heading(line) {
                Group::Ruleset(path)
            } else if line.to_lowercase().contains("engine findings") {
                Group::Engine
            } else {
                Group::Diagnostics
            };
            continue;
        }
        let Some(code) = first_cell_code(line) else {
            continue;
        };
        let diagnostic = code.starts_with("perfeval::");
        let fits = match &group {
            Group::Diagnostics => diagnostic,
            Group::Engine | Group::Ruleset(_) => !diagnostic,
        };
        assert!(
            fits,
            "docs/errors.md:{number}: `{code}` is under a heading for {group:?}"
        );
        let fresh = groups
            .entry(group.clone())
            .or_default()
            .insert(code.clone());
        assert!(fresh, "docs/errors.md:{number}: `{code}` is listed twice");
    }
    groups
}

/// `rulesets/2023.rules` from a heading such as ``### Findings of `rulesets/2023.rules` ``.
fn ruleset_in_heading(line: &str) -> Option<String> {
    line.split('`')
        .skip(1)
        .step_by(2)
        .find(|part| part.starts_with("rulesets/") && part.ends_with(".rules"))
        .map(str::to_owned)
}

/// The code in a table row's first cell: `` | `code` | … `` gives `code`.
fn first_cell_code(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix('|')?;
    let cell = rest.split('|').next()?.trim();
    let code = cell.strip_prefix('`')?.strip_suffix('`')?;
    let is_code = !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | ':' | '-'));
    is_code.then(|| code.to_owned())
}

/// Every `code(perfeval::…)` in the Rust files below `dir`.
fn diagnostic_codes(dir: &Path, codes: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            diagnostic_codes(&path, codes);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("code(perfeval::") {
                rest = &rest[at + "code(".len()..];
                let code: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ':'))
                    .collect();
                codes.insert(code);
            }
        }
    }
}

/// The finding codes a shipped ruleset raises.
fn ruleset_codes(path: &Path) -> BTreeSet<String> {
    let (plan, _) = perfeval::load_ruleset_file(path, &mut perfeval::cli::FileLoader)
        .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)));
    let mut codes: BTreeSet<String> = BTreeSet::new();
    codes.extend(plan.checks.iter().map(|c| c.finding.code.clone()));
    codes.extend(plan.discards.iter().map(|d| d.finding.code.clone()));
    codes.extend(plan.adjustments.iter().map(|a| a.finding.code.clone()));
    // `unknown-grade error as unknown-level`: the ruleset's own name for an engine finding.
    for engine in &perfeval::finding::ENGINE_FINDINGS {
        let reported = plan.reported_code(engine.code.as_str());
        if reported != engine.code.as_str() {
            codes.insert(reported.to_owned());
        }
    }
    codes
}

/// The codes there are, by group.
fn code_base() -> BTreeMap<Group, BTreeSet<String>> {
    let mut groups = BTreeMap::new();
    let mut diagnostics = BTreeSet::new();
    diagnostic_codes(&root().join("src"), &mut diagnostics);
    groups.insert(Group::Diagnostics, diagnostics);
    groups.insert(
        Group::Engine,
        perfeval::finding::ENGINE_FINDINGS
            .iter()
            .map(|f| f.code.as_str().to_owned())
            .collect(),
    );
    let mut rulesets: Vec<_> = std::fs::read_dir(root().join("rulesets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    rulesets.sort();
    for path in rulesets {
        // Absolute, so that `extends` resolves whatever the working directory.
        groups.insert(Group::Ruleset(relative(&path)), ruleset_codes(&path));
    }
    groups
}

#[test]
fn the_catalogue_lists_every_code_and_no_other() {
    let documented = catalogue();
    let actual = code_base();
    let mut problems = Vec::new();
    let groups: BTreeSet<&Group> = documented.keys().chain(actual.keys()).collect();
    let empty = BTreeSet::new();
    for group in groups {
        let doc = documented.get(group).unwrap_or(&empty);
        let code = actual.get(group).unwrap_or(&empty);
        for missing in code.difference(doc) {
            problems.push(format!(
                "{group:?}: `{missing}` is in the code but not in docs/errors.md"
            ));
        }
        for extra in doc.difference(code) {
            problems.push(format!(
                "{group:?}: `{extra}` is in docs/errors.md but not in the code"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_collectors_find_codes() {
    // A guard against a scan that silently finds nothing: both sides compare equal then.
    let actual = code_base();
    let diagnostics = &actual[&Group::Diagnostics];
    for code in [
        "perfeval::parse::syntax",
        "perfeval::link::cycle",
        "perfeval::check::unknown_field",
        "perfeval::data::not_utf8",
        "perfeval::eval::division_by_zero",
        "perfeval::io",
    ] {
        assert!(diagnostics.contains(code), "{code} not found in src/");
    }
    assert!(actual[&Group::Engine].contains("missing-value"));
    let suzhou = &actual[&Group::Ruleset("rulesets/2023.rules".into())];
    assert!(suzhou.contains("budget-balance") && suzhou.contains("after-cutoff"));
    let mof = &actual[&Group::Ruleset("rulesets/mof-2020.rules".into())];
    assert!(mof.contains("unknown-level"), "{mof:?}");
}

#[test]
fn the_convention_reads_table_rows() {
    assert_eq!(
        first_cell_code("| `perfeval::parse::syntax` | the text … |").as_deref(),
        Some("perfeval::parse::syntax")
    );
    assert_eq!(
        first_cell_code("| `budget-balance` | … |").as_deref(),
        Some("budget-balance")
    );
    assert_eq!(first_cell_code("| code | meaning |"), None);
    assert_eq!(first_cell_code("|---|---|"), None);
    assert_eq!(first_cell_code("| `x == y` | … |"), None);
    assert_eq!(
        ruleset_in_heading("### Findings of `rulesets/2023.rules` (Suzhou 2023)").as_deref(),
        Some("rulesets/2023.rules")
    );
}
