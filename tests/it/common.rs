//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

use perfeval::compile::Plan;
use perfeval::source::SourceFile;

/// The crate's root folder.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Renders a diagnostic as the CLI does without colour, 100 columns wide.
pub fn render(diagnostic: &dyn miette::Diagnostic) -> String {
    perfeval::report::diagnostic::render(diagnostic, false, 100)
}

/// Reads a file under the crate root as a source named by its relative path.
pub fn source(relative: &str) -> SourceFile {
    let text = std::fs::read_to_string(root().join(relative)).unwrap();
    SourceFile::new(relative, text)
}

/// Loads a ruleset under the crate root, failing the test with the rendered diagnostic.
pub fn plan(relative: &str) -> Plan {
    perfeval::load_ruleset(&source(relative)).unwrap_or_else(|e| panic!("{}", render(&e)))
}

/// Runs the `perfeval` binary from the crate root: stdout, stderr and exit status.
pub fn run(args: &[&str]) -> (String, String, i32) {
    run_in(&root(), args)
}

/// Runs the `perfeval` binary in `dir` (paths it prints stay short), in English and
/// without colour: stdout, stderr and exit status.
pub fn run_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_perfeval"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

/// The path relative to the crate root, with `/` separators, for snapshot names.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The seed's form (`examples/suzhou-2023-egov.toml`) as `edit` changes it, written as
/// `name` in a new temporary folder: the folder (which removes it when dropped) and the
/// file's path. An edit that changes nothing fails the test, so a form that drifted
/// from the example cannot pass unedited.
pub fn seed_form_with(
    name: &str,
    edit: impl FnOnce(&str) -> String,
) -> (tempfile::TempDir, PathBuf) {
    let seed = std::fs::read_to_string(root().join("examples/suzhou-2023-egov.toml")).unwrap();
    let form = edit(&seed);
    assert_ne!(form, seed, "the edit changed nothing");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, form).unwrap();
    (dir, path)
}

/// `perfeval check --rules rulesets/2023.rules --format FORMAT PATH`.
pub fn check_as(format: &str, path: &Path) -> (String, String, i32) {
    let path = path.to_str().unwrap();
    run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        format,
        path,
    ])
}
