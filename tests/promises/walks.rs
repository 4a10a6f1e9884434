//! Folder walks: each file once, by identity; symbolic links inside folders not
//! followed (unless `--follow`, which never loops); litter, other kinds of file and
//! perfeval's own reports skipped, and counted in one line on standard error.

use std::os::unix::fs::symlink;

use crate::common::{Perfeval, forms, mkfifo, projects, seed, suzhou};

/// The summary line of a run's standard error.
fn summary(stderr: &str) -> &str {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("skipped")).collect();
    assert_eq!(lines.len(), 1, "one summary line in\n{stderr}");
    lines[0]
}

/// Attack: `forms/loop -> .`. The walk followed it until paths grew too long: one
/// form was evaluated 41 times.
#[test]
fn a_symbolic_link_loop_in_a_folder_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    symlink(".", forms.join("loop")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", "forms"])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(projects(&out.json()), 1);
    assert!(
        summary(&out.stderr).contains("1 symbolic link"),
        "{}",
        out.stderr
    );
}

/// Attack: two links to the folder itself, `a -> .` and `b -> .`: the walk doubled at
/// every level and never ended.
#[test]
fn two_self_links_do_not_hang_the_walk() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    symlink(".", forms.join("a")).unwrap();
    symlink(&forms, forms.join("b")).unwrap();
    for follow in [false, true] {
        let mut args = vec!["check", "--rules", "", "--format", "json", "forms"];
        let rules = suzhou();
        args[2] = &rules;
        if follow {
            args.push("--follow");
        }
        let out = Perfeval::new(dir.path()).args(&args).run();
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(projects(&out.json()), 1, "--follow: {follow}");
        assert!(
            summary(&out.stderr).contains("2 symbolic links"),
            "{}",
            out.stderr
        );
    }
}

/// Attack: a folder and a file inside it named together, the same file twice, a hard
/// link, and a path with `..`: each file is evaluated once, by identity.
#[test]
fn each_file_is_evaluated_once() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    std::fs::hard_link(forms.join("a.toml"), forms.join("b.toml")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--format",
            "json",
            "forms/a.toml",
            "forms",
            "forms/../forms/a.toml",
            "forms/a.toml",
        ])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let report = out.json();
    assert_eq!(projects(&report), 1);
    assert_eq!(
        report["projects"][0]["file"], "forms/a.toml",
        "the first wins"
    );
    assert!(
        summary(&out.stderr).contains("4 already included"),
        "{}",
        out.stderr
    );
}

/// Attack: what editors, Office, macOS and git leave in a folder. `._a.toml`
/// (AppleDouble, binary) failed the whole run; so did the rest.
#[test]
fn litter_in_a_folder_is_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    std::fs::write(
        forms.join("._a.toml"),
        b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X",
    )
    .unwrap();
    std::fs::write(forms.join("~$a.toml"), b"\xff\xfe lock").unwrap();
    symlink("root@host.1234:1700000000", forms.join(".#a.toml")).unwrap();
    std::fs::write(forms.join(".hidden.toml"), "not = [a form").unwrap();
    std::fs::write(forms.join("a.toml~"), "backup = [").unwrap();
    std::fs::write(forms.join("#a.toml#"), "autosave = [").unwrap();
    std::fs::write(forms.join("notes.txt"), "notes").unwrap();
    std::fs::write(forms.join("Thumbs.db"), b"\xd0\xcf\x11\xe0").unwrap();
    std::fs::create_dir_all(forms.join(".git/objects")).unwrap();
    std::fs::write(forms.join(".git/config.toml"), "[core").unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", "forms"])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(projects(&out.json()), 1);
    // `notes.txt` is read as a text export, like the forms departments send, and
    // skipped for holding no form: named, as it may be a form the reader did not know.
    assert_eq!(
        summary(&out.stderr),
        "note: skipped 9 files in folders: 4 hidden, 3 editor or lock files, \
         1 not a project file (.db), 1 without a form (forms/notes.txt)"
    );
}

/// Named on the command line, a file of another kind is still an error: skipping is for
/// what a folder holds.
#[test]
fn a_file_named_explicitly_is_never_skipped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("._a.toml"), b"\x00\x05\x16\x07").unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "._a.toml"])
        .run();
    out.refused("perfeval::data::invalid_toml");
}

/// Attack: a FIFO (or a socket) inside a folder of forms. Opening it waited forever.
#[test]
fn fifos_and_sockets_in_a_folder_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    mkfifo(&forms.join("b.toml"));
    let _socket = std::os::unix::net::UnixListener::bind(forms.join("c.toml")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", "forms"])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(projects(&out.json()), 1);
    assert!(
        summary(&out.stderr).contains("2 not regular files"),
        "{}",
        out.stderr
    );
}

/// Attack: `perfeval check --format json --output forms/report.json forms`, run twice.
/// The second run read the first run's report as a form and exited 2.
#[test]
fn a_report_in_an_input_folder_is_never_read_as_a_form() {
    let dir = tempfile::tempdir().unwrap();
    forms(dir.path());
    let run = || {
        Perfeval::new(dir.path())
            .args(&[
                "check",
                "--rules",
                &suzhou(),
                "--format",
                "json",
                "--output",
                "forms/report.json",
                "forms",
            ])
            .run()
    };
    let first = run();
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let second = run();
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(summary(&second.stderr).contains("1 perfeval report"));
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("forms/report.json")).unwrap())
            .unwrap();
    assert_eq!(projects(&report), 1);

    // A report is a report whatever its name; one from before the marker too.
    std::fs::copy(
        dir.path().join("forms/report.json"),
        dir.path().join("forms/report.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("forms/old.json"),
        r#"{"ruleset": {"name": "x"}, "projects": []}"#,
    )
    .unwrap();
    let third = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", "forms"])
        .run();
    assert_eq!(third.code, Some(0), "{}", third.stderr);
    assert!(
        summary(&third.stderr).contains("3 perfeval reports"),
        "{}",
        third.stderr
    );
}

/// The reports of `perfeval diff` (JSON, a table as `.txt`, CSV) are known as such too:
/// the next run over the folder skips them, and one named as a project is refused.
#[test]
fn a_diff_report_in_an_input_folder_is_never_read_as_a_form() {
    let dir = tempfile::tempdir().unwrap();
    forms(dir.path());
    for (format, output) in [
        ("json", "forms/diff.json"),
        ("table", "forms/diff.txt"),
        ("csv", "forms/diff.csv"),
    ] {
        let out = Perfeval::new(dir.path())
            .args(&[
                "diff",
                "--rules",
                &suzhou(),
                "--rules",
                &suzhou(),
                "--format",
                format,
                "-o",
                output,
                "forms",
            ])
            .run();
        assert_eq!(out.code, Some(0), "{}", out.stderr);
    }
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "json", "forms"])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(projects(&out.json()), 1);
    assert!(
        summary(&out.stderr).contains("3 perfeval reports"),
        "{}",
        out.stderr
    );
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "forms/diff.json"])
        .run();
    out.refused("perfeval::io::report");
}

/// A report named as a project is an error that says so; a folder of reports holds no
/// form.
#[test]
fn a_report_named_as_a_project_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    forms(dir.path());
    let made = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--format",
            "json",
            "--output",
            "r.json",
            "forms",
        ])
        .run();
    assert_eq!(made.code, Some(0), "{}", made.stderr);
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "r.json"])
        .run();
    out.refused("perfeval::io::report");
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::rename(dir.path().join("r.json"), dir.path().join("reports/r.json")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "reports"])
        .run();
    out.refused("perfeval::io");
    assert!(out.stderr.contains("holds no form"), "{}", out.stderr);
}

/// Links named on the command line are followed; links inside folders are followed
/// only with `--follow`.
#[test]
fn links_are_followed_where_named_or_with_follow() {
    let dir = tempfile::tempdir().unwrap();
    forms(dir.path());
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::fs::copy(seed(), dir.path().join("elsewhere/b.toml")).unwrap();
    symlink("../elsewhere/b.toml", dir.path().join("forms/b.toml")).unwrap();
    symlink("forms", dir.path().join("linked")).unwrap();
    let count = |args: &[&str]| {
        let rules = suzhou();
        let mut all = vec!["check", "--rules", &rules, "--format", "json"];
        all.extend_from_slice(args);
        let out = Perfeval::new(dir.path()).args(&all).run();
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        projects(&out.json())
    };
    assert_eq!(count(&["linked"]), 1, "a folder link named is followed");
    assert_eq!(count(&["forms/b.toml"]), 1, "a file link named is followed");
    assert_eq!(
        count(&["--follow", "forms"]),
        1,
        "b.toml leads out of forms"
    );
    assert_eq!(count(&["--follow", "."]), 2, "inside `.`, both are there");
}

/// Attack: `forms/up -> /` in a folder of untrusted forms checked with `--follow`: the
/// walk went through the whole disk, reading every `.json` and `.toml` on it. A link is
/// followed only where it stays inside the folder named.
#[test]
fn follow_never_leaves_the_folder_named() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    symlink("/", forms.join("up")).unwrap();
    symlink("..", forms.join("parent")).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--format",
            "json",
            "--follow",
            "forms",
        ])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(projects(&out.json()), 1);
    assert!(
        summary(&out.stderr).contains("2 symbolic links"),
        "{}",
        out.stderr
    );
}

/// A JSON Lines report (`--format jsonl`) starts with the marker on its first line: a
/// folder walk skips it whatever its name, and `--jsonl` refuses it.
#[test]
fn a_jsonl_report_in_an_input_folder_is_never_read_as_a_form() {
    let dir = tempfile::tempdir().unwrap();
    forms(dir.path());
    let run = || {
        Perfeval::new(dir.path())
            .args(&[
                "check",
                "--rules",
                &suzhou(),
                "--format",
                "jsonl",
                "--output",
                "forms/report.json",
                "forms",
            ])
            .run()
    };
    let first = run();
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let second = run();
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    assert!(summary(&second.stderr).contains("1 perfeval report"));
    let report = std::fs::read_to_string(dir.path().join("forms/report.json")).unwrap();
    // The header, one project, the summary.
    assert_eq!(report.lines().count(), 3, "{report}");

    let named = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--jsonl",
            "forms/report.json",
        ])
        .run();
    named.refused("perfeval::io::report");
}
