//! Ruleset checks: each fixture under `tests/fixtures/check/err` fails with the code its
//! name gives (`unknown_field.rules` is `perfeval::check::unknown_field`), and every
//! fixture under `check/ok` checks clean.

use std::path::Path;

use perfeval::source::SourceFile;

use crate::common::{relative, render};

fn load(path: &Path) -> (String, SourceFile) {
    let name = relative(path);
    let source = SourceFile::new(name.clone(), std::fs::read_to_string(path).unwrap());
    (name, source)
}

#[test]
fn check_errors() {
    insta::glob!("../fixtures", "check/err/*.rules", |path| {
        let (name, source) = load(path);
        let ruleset = perfeval::parse(&source).unwrap_or_else(|e| panic!("{}", render(&e)));
        let failure = perfeval::check(&ruleset, source.clone()).expect_err(&name);
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let codes: std::collections::BTreeSet<_> =
            failure.errors().iter().map(|e| e.code()).collect();
        if stem.contains('-') {
            assert!(codes.len() > 1, "{name}: {codes:?}");
        } else {
            assert_eq!(
                codes.into_iter().collect::<Vec<_>>(),
                [format!("perfeval::check::{stem}")],
                "{name}"
            );
        }
        insta::assert_snapshot!(render(&failure));
    });
}

#[test]
fn check_ok() {
    insta::glob!("../fixtures", "check/ok/*.rules", |path| {
        let (_, source) = load(path);
        if let Err(e) = perfeval::load_ruleset(&source) {
            panic!("{}", render(&e));
        }
    });
}
