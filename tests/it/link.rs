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
