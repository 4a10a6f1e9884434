//! The shell around perfeval: completion scripts, the man page, `--color` with
//! `NO_COLOR` and `CLICOLOR_FORCE`, and a form on standard input.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::root;

const FINDINGS: &str = "examples/suzhou-2023-with-findings.toml";

/// Runs the binary from the crate root with the colour variables given (and no other):
/// stdout, stderr and exit status.
fn run_env(args: &[&str], env: &[(&str, &str)]) -> (String, String, i32) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_perfeval"));
    // The tests read English; the binary speaks Chinese unless told.
    command.env("LC_ALL", "en_US.UTF-8");
    command
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().unwrap();
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (stdout, stderr, code) = run_env(&["completions", shell], &[]);
        assert_eq!(code, 0, "{shell}: {stderr}");
        assert!(stdout.len() > 1000, "{shell}: {stdout}");
        for word in ["check", "rulesets", "rules", "max-file-size", "color"] {
            assert!(stdout.contains(word), "{shell} completes `{word}`");
        }
    }
    let (_, _, code) = run_env(&["completions", "tcsh"], &[]);
    assert_eq!(code, 2);
}

#[test]
fn the_man_page_has_every_command() {
    let (page, stderr, code) = run_env(&["man"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        page.starts_with(".ie") || page.contains(".TH perfeval 1"),
        "{page}"
    );
    assert!(page.contains(".TH perfeval 1"), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    let mut command = <perfeval::cli::Cli as clap::CommandFactory>::command();
    command.build();
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    assert!(names.len() >= 7, "{names:?}");
    for name in &names {
        assert!(
            page.contains(&format!("perfeval\\-{name}(1)")),
            "the page names `{name}`"
        );
    }
    let (check, _, code) = run_env(&["man", "check"], &[]);
    assert_eq!(code, 0);
    assert!(check.contains(".TH perfeval-check 1"), "{check}");
    assert!(check.contains("\\-\\-rules"), "{check}");
    let (_, stderr, code) = run_env(&["man", "nope"], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("`nope` is not a command"), "{stderr}");
}

fn coloured(text: &str) -> bool {
    text.contains("\u{1b}[")
}

#[test]
fn color_always_never_and_the_environment() {
    let table = |flag: Option<&str>, env: &[(&str, &str)]| {
        let mut args = vec!["check", "--rules", "rulesets/2023.rules", FINDINGS];
        if let Some(flag) = flag {
            args.extend(["--color", flag]);
        }
        let (stdout, stderr, code) = run_env(&args, env);
        assert_eq!(code, 1, "{stderr}");
        assert!(
            stdout.contains("budget-balance") || stdout.contains("×"),
            "{stdout}"
        );
        stdout
    };
    // Standard output is a pipe here: `auto` gives no colour unless forced.
    assert!(!coloured(&table(None, &[])));
    assert!(coloured(&table(Some("always"), &[])));
    assert!(coloured(&table(Some("always"), &[("NO_COLOR", "1")])));
    assert!(!coloured(&table(Some("never"), &[("CLICOLOR_FORCE", "1")])));
    assert!(coloured(&table(None, &[("CLICOLOR_FORCE", "1")])));
    assert!(!coloured(&table(None, &[("CLICOLOR_FORCE", "0")])));
    assert!(!coloured(&table(
        None,
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    )));
    assert!(coloured(&table(
        Some("auto"),
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")]
    )));
    // The flag is global: before the subcommand too.
    let (stdout, _, _) = run_env(
        &[
            "--color",
            "always",
            "check",
            "--rules",
            "rulesets/2023.rules",
            FINDINGS,
        ],
        &[],
    );
    assert!(coloured(&stdout));
}

#[test]
fn color_reaches_diagnostics_on_standard_error() {
    let args = ["--color", "always", "show", "--rules", "no/such.rules"];
    let (_, stderr, code) = run_env(&args, &[]);
    assert_eq!(code, 2);
    assert!(coloured(&stderr), "{stderr}");
    let (_, stderr, _) = run_env(&args[2..], &[("NO_COLOR", "1")]);
    assert!(!coloured(&stderr), "{stderr}");
}

/// A report written with `--output` is a file, never coloured.
#[test]
fn color_never_reaches_a_report_file() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let (_, _, code) = run_env(
        &[
            "check",
            "--color",
            "always",
            "--rules",
            "rulesets/2023.rules",
            "-o",
            report.to_str().unwrap(),
            FINDINGS,
        ],
        &[],
    );
    assert_eq!(code, 1);
    assert!(!coloured(&std::fs::read_to_string(report).unwrap()));
}

/// `-` reads one form from standard input, with a shipped ruleset too.
#[test]
fn a_form_on_standard_input() {
    let form = std::fs::read(root().join("examples/suzhou-2023-egov.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_perfeval"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["check", "--rules", "2023", "--format", "json", "-"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&form).unwrap();
    let output = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["projects"][0]["file"], "<stdin>");
    assert_eq!(report["projects"][0]["score"], "80.00");
}
