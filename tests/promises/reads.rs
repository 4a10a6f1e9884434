//! Reads: regular files only, at most `--max-file-size` each; standard input only when
//! asked for with `-`.

use std::fs::File;

use crate::common::{Perfeval, mkfifo, projects, seed, suzhou};

/// Attack: `mkfifo form.toml` with no writer. The open waited for one forever.
#[test]
fn a_fifo_named_as_a_form_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("form.toml"));
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "form.toml"])
        .run();
    out.refused("perfeval::io::not_a_file");
    assert!(out.stderr.contains("named pipe"), "{}", out.stderr);
}

/// Attack: `ln -s /dev/zero form.toml` (a device reports size 0, so no size check
/// stopped it): memory grew until the run was killed.
#[test]
fn a_device_named_as_a_form_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, device) in [("zero.toml", "/dev/zero"), ("random.json", "/dev/urandom")] {
        std::os::unix::fs::symlink(device, dir.path().join(name)).unwrap();
        let out = Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), name])
            .run();
        out.refused("perfeval::io::not_a_file");
        assert!(out.stderr.contains("character device"), "{}", out.stderr);
    }
}

/// Attack: a socket where a form is expected.
#[test]
fn a_socket_named_as_a_form_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("form.toml")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "form.toml"])
        .run();
    out.refused("perfeval::io::not_a_file");
}

/// Attack: a form of many megabytes. The limit is `--max-file-size`, and raising it
/// lets the file through.
#[test]
fn a_form_over_the_size_limit_is_refused_and_the_flag_raises_it() {
    let dir = tempfile::tempdir().unwrap();
    let small = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--max-file-size",
            "1KiB",
            &seed(),
        ])
        .run();
    small.refused("perfeval::io::too_large");
    assert!(small.stderr.contains("1 KiB"), "{}", small.stderr);
    let raised = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--max-file-size",
            "1MiB",
            &seed(),
        ])
        .run();
    assert_eq!(raised.code, Some(0), "{}", raised.stderr);
}

/// Attack: a file that grows while it is read, here a sparse file larger than the
/// default limit of 16 MiB: refused from its size, nothing read.
#[test]
fn a_form_larger_than_16_mib_is_refused_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let big = File::create(dir.path().join("big.toml")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "big.toml"])
        .run();
    out.refused("perfeval::io::too_large");
    assert!(out.stderr.contains("16 MiB"), "{}", out.stderr);
}

/// Attack: `perfeval check … - < /dev/zero`: standard input is read when asked for,
/// and at most the limit.
#[test]
fn standard_input_is_read_at_most_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--max-file-size",
            "1MiB",
            "-",
        ])
        .stdin(File::open("/dev/zero").unwrap())
        .run();
    out.refused("perfeval::io::too_large");
    assert!(out.stderr.contains("<stdin>"), "{}", out.stderr);
}

/// `-` reads one form from standard input: TOML unless it starts with `{` (JSON) or
/// `--stdin-format` says otherwise; named twice, it is an error.
#[test]
fn standard_input_holds_one_form_when_named_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let toml = std::fs::read(seed()).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", "-"])
        .input(&toml)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let report = out.json();
    assert_eq!(report["projects"][0]["file"], "<stdin>");
    assert_eq!(report["projects"][0]["score"], "80.00");

    let json = std::fs::read(crate::common::absolute(
        "tests/fixtures/bad/accepted/form.json",
    ))
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", "-"])
        .input(&json)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(projects(&out.json()), 1);

    let yaml = std::fs::read(crate::common::absolute(
        "tests/fixtures/bad/accepted/form.yaml",
    ))
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--stdin-format", "yaml", "-"])
        .input(&yaml)
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);

    let twice = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "-", "-"])
        .input(&toml)
        .run();
    twice.refused("perfeval::io::stdin_twice");
}

/// Nothing reads standard input unless `-` is named: a run whose standard input is a
/// pipe that never ends finishes all the same.
#[test]
fn standard_input_is_not_read_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), &seed()])
        .stdin(std::process::Stdio::piped())
        .spawn();
    let open_pipe = child.stdin.take();
    let out = crate::common::finish(child, "check with an open pipe as standard input");
    drop(open_pipe);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// Attack: a folder, or a directory named like a ruleset, where a file is read.
#[test]
fn a_folder_named_as_a_ruleset_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("x.rules")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", "x.rules", &seed()])
        .run();
    out.refused("perfeval::io::not_a_file");
    assert!(out.stderr.contains("a folder"), "{}", out.stderr);
}

/// Attack: a bundle of forms, checked with a shell glob (`bundle/*.json`), that holds
/// `form.json -> ../secret.txt`: the file was read and quoted in the diagnostic. A path
/// must lead to a file with a project file's name.
#[test]
fn a_link_named_like_a_form_to_another_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("secret.txt"),
        "{\"token\": \"SECRET-TOKEN\"}\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("bundle")).unwrap();
    std::os::unix::fs::symlink("../secret.txt", dir.path().join("bundle/form.json")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "bundle/form.json"])
        .run();
    out.refused("perfeval::io");
    assert!(!out.stderr.contains("SECRET"), "{}", out.stderr);
    assert!(out.stderr.contains("leads to"), "{}", out.stderr);
    let followed = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--follow", "bundle"])
        .run();
    assert_eq!(followed.code, Some(2), "{}", followed.stderr);
    assert!(!followed.stderr.contains("SECRET"), "{}", followed.stderr);
}

/// The seed form as one line of JSON Lines: the JSON example, its line breaks removed
/// (JSON strings hold none).
fn seed_line() -> String {
    let json =
        std::fs::read_to_string(crate::common::absolute("examples/suzhou-2023-egov.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    serde_json::to_string(&value).unwrap()
}

/// Attack: `mkfifo forms.jsonl` with no writer, named with `--jsonl`: refused without
/// waiting, as a form is.
#[test]
fn a_fifo_named_as_a_jsonl_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("forms.jsonl"));
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--jsonl", "forms.jsonl"])
        .run();
    out.refused("perfeval::io::not_a_file");
    assert!(out.stderr.contains("named pipe"), "{}", out.stderr);
}

/// Attack: a JSON Lines stream with a line of many megabytes and no line break in it.
/// The line is held only up to the limit, skipped to its end, and is that project's
/// failure; the lines around it are evaluated.
#[test]
fn a_jsonl_line_over_the_size_limit_is_skipped_without_being_held() {
    let dir = tempfile::tempdir().unwrap();
    let line = seed_line();
    let huge = format!("{{\"project\": \"{}\"}}", "x".repeat(48 << 20));
    let input = format!("{line}\n{huge}\n{line}\n");
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--format",
            "json",
            "--max-file-size",
            "1MiB",
            "--jsonl",
            "-",
        ])
        .input(input.as_bytes())
        .run();
    out.refused("perfeval::io::too_large");
    let report = out.json();
    assert_eq!(projects(&report), 3);
    assert_eq!(report["projects"][1]["file"], "<stdin>:2");
    assert_eq!(
        report["projects"][1]["error"]["code"],
        "perfeval::io::too_large"
    );
    assert_eq!(report["projects"][2]["score"], "80.00");
}

/// `--jsonl -` reads forms from standard input, one a line, each named `<stdin>:LINE`;
/// with `-` as well, standard input would be read twice, and is refused.
#[test]
fn standard_input_holds_forms_one_a_line_with_jsonl_dash() {
    let dir = tempfile::tempdir().unwrap();
    let line = seed_line();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--format",
            "json",
            "--jsonl",
            "-",
        ])
        .input(format!("{line}\n\n{line}\n").as_bytes())
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let report = out.json();
    assert_eq!(report["projects"][0]["file"], "<stdin>:1");
    assert_eq!(report["projects"][1]["file"], "<stdin>:3");

    let twice = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "-", "--jsonl", "-"])
        .input(line.as_bytes())
        .run();
    twice.refused("perfeval::io::stdin_twice");
}
