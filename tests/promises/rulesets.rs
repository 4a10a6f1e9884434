//! Rulesets: only files named `*.rules` (links resolved) are read as rulesets, so no
//! other file is ever quoted in a diagnostic; they are bounded and regular like forms.

use crate::common::{Perfeval, mkfifo, seed, suzhou};

/// A file with a line that must never appear in perfeval's output.
const SECRET: &str = "root:$6$SECRET-HASH-LINE:19000:0:99999:7:::\n";

fn secret(dir: &std::path::Path) {
    std::fs::write(dir.join("shadow"), SECRET.repeat(3)).unwrap();
}

fn assert_not_quoted(out: &crate::common::Output) {
    assert!(!out.stderr.contains("SECRET"), "quoted:\n{}", out.stderr);
    assert!(!out.stdout.contains("SECRET"), "quoted:\n{}", out.stdout);
}

/// Attack: `extends "/etc/shadow"`. The base was read and its first line quoted in the
/// syntax error.
#[test]
fn extends_reads_only_rules_files() {
    let dir = tempfile::tempdir().unwrap();
    secret(dir.path());
    std::fs::write(
        dir.path().join("main.rules"),
        "ruleset \"x\" extends \"shadow\" { }\n",
    )
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "main.rules", &seed()])
        .run();
    out.refused("perfeval::link::base_not_rules");
    assert_not_quoted(&out);
}

/// Attack: a bundle of rulesets holding `base.rules`, a symbolic link to
/// `/etc/shadow`. The name passed; the file it leads to is what counts.
#[test]
fn a_link_named_like_a_ruleset_to_another_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    secret(dir.path());
    std::os::unix::fs::symlink("shadow", dir.path().join("base.rules")).unwrap();
    std::fs::write(
        dir.path().join("main.rules"),
        "ruleset \"x\" extends \"base.rules\" { }\n",
    )
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "main.rules", &seed()])
        .run();
    out.refused("perfeval::link::base_not_rules");
    assert_not_quoted(&out);
    let show = Perfeval::new(dir.path())
        .args(&["show", "--rules", "base.rules"])
        .run();
    show.refused("perfeval::io::not_a_ruleset");
    assert_not_quoted(&show);
}

/// Attack: `perfeval check --rules /etc/shadow …`, and `show`: the file was quoted.
#[test]
fn the_ruleset_named_must_be_a_rules_file() {
    let dir = tempfile::tempdir().unwrap();
    secret(dir.path());
    for command in ["check", "show"] {
        let mut args = vec![command, "--rules", "shadow"];
        let seed = seed();
        if command == "check" {
            args.push(&seed);
        }
        let out = Perfeval::new(dir.path()).args(&args).run();
        out.refused("perfeval::io::not_a_ruleset");
        assert_not_quoted(&out);
    }
}

/// Attack: a ruleset or a base that is a FIFO. Reading it waited for a writer forever.
#[test]
fn a_ruleset_that_is_a_fifo_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("fifo.rules"));
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "fifo.rules", &seed()])
        .run();
    out.refused("perfeval::io::not_a_file");
    std::fs::write(
        dir.path().join("main.rules"),
        "ruleset \"x\" extends \"fifo.rules\" { }\n",
    )
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "main.rules", &seed()])
        .run();
    out.refused("perfeval::link::missing_base");
    assert!(out.stderr.contains("named pipe"), "{}", out.stderr);
}

/// Attack: `ln -s /dev/zero zero.rules`: a device has size 0, so the size check let it
/// through and memory grew until the run was killed.
#[test]
fn a_ruleset_that_leads_to_a_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.rules")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "zero.rules", &seed()])
        .run();
    out.refused("perfeval::io::not_a_ruleset");
}

/// Attack: an outsized ruleset; the limit is the same `--max-file-size` as for forms.
#[test]
fn a_ruleset_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["show", "--rules", &suzhou(), "--max-file-size", "4KiB"])
        .run();
    out.refused("perfeval::io::too_large");
    let raised = Perfeval::new(dir.path())
        .args(&["show", "--rules", &suzhou(), "--max-file-size", "1MiB"])
        .run();
    assert_eq!(raised.code, Some(0), "{}", raised.stderr);
}

/// Attack: a chain of 32 rulesets, each just under the limit, costs 32 times the
/// memory of one. The limit holds for the ruleset and its bases together.
#[test]
fn the_size_limit_holds_for_a_whole_extends_chain() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(suzhou(), dir.path().join("base.rules")).unwrap();
    std::fs::write(
        dir.path().join("main.rules"),
        format!(
            "ruleset \"2024\" extends \"base.rules\" {{ }}\n// {}\n",
            "x".repeat(20_000)
        ),
    )
    .unwrap();
    let base = std::fs::metadata(suzhou()).unwrap().len();
    let main = std::fs::metadata(dir.path().join("main.rules"))
        .unwrap()
        .len();
    let each = base.max(main);
    let both = base + main;
    let out = Perfeval::new(dir.path())
        .args(&[
            "show",
            "--rules",
            "main.rules",
            "--max-file-size",
            &each.to_string(),
        ])
        .run();
    out.refused("perfeval::link::missing_base");
    assert!(out.stderr.contains("together"), "{}", out.stderr);
    let raised = Perfeval::new(dir.path())
        .args(&[
            "show",
            "--rules",
            "main.rules",
            "--max-file-size",
            &both.to_string(),
        ])
        .run();
    assert_eq!(raised.code, Some(0), "{}", raised.stderr);
}
