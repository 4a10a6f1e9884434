//! Replays the fuzz corpus as ordinary tests, so that CI runs every saved input without
//! cargo-fuzz: each file of `fuzz/corpus/<target>/` goes through the very function that
//! the fuzz target `<target>` calls (`fuzz/src/lib.rs`, included here as a module).
//! A panic fails the test, naming every file that panicked. See `fuzz/README.md`.

use std::path::PathBuf;

use crate::common::{relative, root};

#[path = "../../fuzz/src/lib.rs"]
mod targets;

/// What a fuzz target does with one input.
type Target = fn(&[u8]);

/// Every fuzz target, by the name of its corpus folder.
const TARGETS: [(&str, Target); 4] = [
    ("parse", targets::parse),
    ("print", targets::print),
    ("load", targets::load),
    ("check", targets::check),
];

fn corpus() -> PathBuf {
    root().join("fuzz").join("corpus")
}

/// Runs every file of one target's corpus, in name order.
fn replay(target: &str) {
    let run = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, run)| *run)
        .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus().join(target))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the corpus of `{target}` is empty");
    let mut panicked = Vec::new();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        if std::panic::catch_unwind(|| run(&data)).is_err() {
            panicked.push(relative(path));
        }
    }
    assert!(
        panicked.is_empty(),
        "{} of {} inputs panicked in target `{target}`:\n{}",
        panicked.len(),
        files.len(),
        panicked.join("\n")
    );
}

#[test]
fn parse() {
    replay("parse");
}

#[test]
fn print() {
    replay("print");
}

#[test]
fn load() {
    replay("load");
}

#[test]
fn check() {
    replay("check");
}

/// A corpus folder without a replay here would never run in CI.
#[test]
fn every_corpus_has_a_target() {
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                TARGETS.iter().any(|(target, _)| *target == name),
                "fuzz/corpus/{name} has no replay test"
            );
            seen.push(name);
        }
    }
    for (target, _) in TARGETS {
        assert!(seen.iter().any(|s| s == target), "no corpus for `{target}`");
    }
}
