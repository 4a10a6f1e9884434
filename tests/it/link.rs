//! Linking: each folder under `tests/fixtures/link/` named for a `perfeval::link::*`
//! code has a `main.rules` that fails with exactly that code; `ok/main.rules` changes
//! its base in every way at once and checks clean.

use std::path::Path;

use perfeval::link::{LoadError, Loader};

use crate::common::{render, root};

/// Reads paths relative to the crate root, so that diagnostics name them relatively
/// without the tests changing the process's working folder.
struct RootLoader;

impl Loader for RootLoader {
    fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        Ok(std::fs::read_to_string(root().join(path))?)
    }
}

fn link_error(name: &str) -> perfeval::Error {
    let path = Path::new("tests/fixtures/link")
        .join(name)
        .join("main.rules");
    perfeval::load_ruleset_file(&path, &mut RootLoader).expect_err(name)
}

#[test]
fn link_errors() {
    for code in [
        "missing_base",
        "cycle",
        "no_base",
        "not_in_base",
        "already_defined",
        "ambiguous",
        "cannot_rename",
        "remove_outside_override",
    ] {
        let error = link_error(code);
        let perfeval::Error::Link(failure) = &error else {
            panic!("{code}: {}", render(&error));
        };
        let codes: Vec<_> = failure.errors().iter().map(|e| e.code()).collect();
        assert_eq!(codes, [format!("perfeval::link::{code}")], "{code}");
        insta::assert_snapshot!(code, render(&error));
    }
}

#[test]
fn every_kind_of_change_links_and_checks() {
    let path = Path::new("tests/fixtures/link/ok/main.rules");
    let (plan, sources) = perfeval::load_ruleset_file(path, &mut RootLoader)
        .unwrap_or_else(|e| panic!("{}", render(&e)));
    assert_eq!(plan.name, "变更");
    assert_eq!(plan.fiscal_year, Some(2024));
    let names: Vec<_> = plan.categories.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["决策", "过程", "效益"]);
    assert_eq!(
        plan.category_of_label("产出"),
        Some(2),
        "the old name stays a label"
    );
    assert_eq!(plan.checks[0].finding.code, "paid-within-budget");
    assert_eq!(
        plan.checks[0].finding.severity,
        perfeval::syntax::ast::Severity::Warning
    );
    assert_eq!(sources.files().count(), 2);
    let class_origin = sources.origin(plan.classes[0].def.span).unwrap();
    assert_eq!(class_origin, "tests/fixtures/link/base.rules:15");
}

/// Serves `c0.rules` … `cN.rules` from memory, each extending the one before it and
/// `c0` the shipped 2023.
struct Chain;

impl Loader for Chain {
    fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        let name = path.file_stem().unwrap().to_str().unwrap();
        let Some(n) = name.strip_prefix('c').and_then(|n| n.parse::<usize>().ok()) else {
            // `2023.rules` is the shipped one.
            return Err(std::io::Error::from(std::io::ErrorKind::NotFound).into());
        };
        let base = match n {
            0 => "2023.rules".to_owned(),
            _ => format!("c{}.rules", n - 1),
        };
        Ok(format!("ruleset \"{name}\" extends \"{base}\" {{ }}\n"))
    }
}

#[test]
fn a_long_chain_is_too_long_not_a_cycle() {
    // 32 rulesets (the shipped 2023 among them) are a chain; 33 are one too many, and no
    // file comes back.
    perfeval::load_ruleset_file(Path::new("c30.rules"), &mut Chain).unwrap();
    let error = perfeval::load_ruleset_file(Path::new("c31.rules"), &mut Chain).unwrap_err();
    let perfeval::Error::Link(failure) = &error else {
        panic!("{}", render(&error));
    };
    let codes: Vec<_> = failure.errors().iter().map(|e| e.code()).collect();
    assert_eq!(codes, ["perfeval::link::too_long"]);
    let shown = render(&error);
    assert!(shown.contains("longer than 32 files"), "{shown}");
    assert!(!shown.contains("cycle"), "{shown}");
}
