//! Writes: only the file `--output` names, or standard output. A report replaces only a
//! regular file, atomically, keeping its permissions, never a file the run read; every
//! write error exits 2, and a closed pipe ends quietly.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use crate::common::{Perfeval, forms, is_root, mkfifo, mknod_null, names, seed, suzhou};

/// An earlier run's table report, as `report.txt` holds it: a report replaces only a
/// report perfeval wrote (a `.txt` may be a department's text export).
const OLD_TABLE: &str = "┌─────┬────┐\n│ old ┆ 80 │\n└─────┴────┘\n";

/// An earlier run's JSON Lines report (its first line).
const OLD_LINES: &str = "{\"perfeval_report\":1,\"format\":\"jsonl\"}\n";

/// `perfeval check --rules 2023.rules --output OUTPUT seed.toml` in `dir`.
fn report_to(dir: &Path, output: &str) -> crate::common::Output {
    Perfeval::new(dir)
        .args(&["check", "--rules", &suzhou(), "--output", output, &seed()])
        .run()
}

/// Attack, as root: `--output full` where `full` is a device node (`/dev/full` was
/// replaced by a regular file). Made with `mknod` in a temporary folder; without root
/// there is no device to make, and the test passes.
#[test]
fn output_never_replaces_a_device() {
    let dir = tempfile::tempdir().unwrap();
    if !is_root() || !mknod_null(&dir.path().join("null")) {
        return;
    }
    report_to(dir.path(), "null").refused("perfeval::output::not_a_file");
    let after = std::fs::symlink_metadata(dir.path().join("null")).unwrap();
    assert!(after.file_type().is_char_device());
    assert_eq!(names(dir.path()), ["null"], "nothing else written");
}

/// Attack: `--output pipe` where `pipe` is a FIFO, or a socket: each was replaced by a
/// regular file.
#[test]
fn output_never_replaces_a_fifo_or_a_socket() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("socket")).unwrap();
    report_to(dir.path(), "pipe").refused("perfeval::output::not_a_file");
    report_to(dir.path(), "socket").refused("perfeval::output::not_a_file");
    let pipe = std::fs::symlink_metadata(dir.path().join("pipe")).unwrap();
    assert!(pipe.file_type().is_fifo());
    let socket = std::fs::symlink_metadata(dir.path().join("socket")).unwrap();
    assert!(socket.file_type().is_socket());
    assert_eq!(names(dir.path()), ["pipe", "socket"]);
}

/// Attack: `--output out` where `out` is a link to `/dev/stdout`: the link was replaced
/// by a regular file. A link to nothing, or to a folder, is refused too.
#[test]
fn output_never_replaces_a_link_to_something_other_than_a_regular_file() {
    let dir = tempfile::tempdir().unwrap();
    symlink("/dev/stdout", dir.path().join("out")).unwrap();
    symlink("nowhere", dir.path().join("dangling")).unwrap();
    symlink("/", dir.path().join("root")).unwrap();
    for link in ["out", "dangling", "root"] {
        report_to(dir.path(), link).refused("perfeval::output::not_a_file");
        let after = std::fs::symlink_metadata(dir.path().join(link)).unwrap();
        assert!(after.file_type().is_symlink(), "{link} is still a link");
    }
    assert_eq!(names(dir.path()), ["dangling", "out", "root"]);
    report_to(dir.path(), ".").refused("perfeval::output::not_a_file");
    // A name that ends like a folder's is not a new file's.
    report_to(dir.path(), "new/").refused("perfeval::output");
    report_to(dir.path(), "new/.").refused("perfeval::output");
    assert_eq!(names(dir.path()), ["dangling", "out", "root"]);
}

/// A link to a regular file: the file it leads to is replaced, the link stays (the link
/// itself was replaced by a file).
#[test]
fn output_through_a_link_replaces_the_file_it_leads_to() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("reports")).unwrap();
    std::fs::write(dir.path().join("reports/latest.txt"), OLD_TABLE).unwrap();
    symlink("reports/latest.txt", dir.path().join("report.txt")).unwrap();
    let out = report_to(dir.path(), "report.txt");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let link = std::fs::symlink_metadata(dir.path().join("report.txt")).unwrap();
    assert!(link.file_type().is_symlink());
    let text = std::fs::read_to_string(dir.path().join("reports/latest.txt")).unwrap();
    assert!(text.contains("80.00"), "{text}");
    assert_eq!(names(&dir.path().join("reports")), ["latest.txt"]);
}

/// Attack, as root: another user plants `report.txt -> /etc/passwd` (or `etc -> /etc`)
/// in a shared folder (sticky and writable by all, like `/tmp`) where root then writes
/// its report. Such a link is refused (root's own link there is followed). Without root no link of
/// another user can be made, and the test passes.
#[test]
fn output_never_follows_a_link_another_user_planted_in_a_shared_folder() {
    if !is_root() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("tmp");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777)).unwrap();
    std::fs::write(dir.path().join("passwd"), "root:x:0:0").unwrap();
    symlink("../passwd", shared.join("report.txt")).unwrap();
    std::os::unix::fs::lchown(shared.join("report.txt"), Some(65534), Some(65534)).unwrap();
    report_to(dir.path(), "tmp/report.txt").refused("perfeval::output");
    let passwd = std::fs::read_to_string(dir.path().join("passwd")).unwrap();
    assert_eq!(passwd, "root:x:0:0");
    // A planted folder link on the way: `tmp/etc -> ..`, then `tmp/etc/passwd`.
    symlink("..", shared.join("etc")).unwrap();
    std::os::unix::fs::lchown(shared.join("etc"), Some(65534), Some(65534)).unwrap();
    report_to(dir.path(), "tmp/etc/passwd").refused("perfeval::output");
    let passwd = std::fs::read_to_string(dir.path().join("passwd")).unwrap();
    assert_eq!(passwd, "root:x:0:0");

    symlink("../passwd", shared.join("mine.txt")).unwrap();
    let out = report_to(dir.path(), "tmp/mine.txt");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

/// Attack: a link planted at the temporary name, which was predictable
/// (`.report.txt.PID.tmp`): the report was written through it into another file. The
/// temporary name is now random and created exclusively.
#[test]
fn output_never_follows_a_planted_temporary_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("victim"), "untouched").unwrap();
    let child = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--output",
            "report.txt",
            &crate::common::absolute("tests/fixtures/eval/suzhou-2023"),
        ])
        .spawn();
    // `sh` execs perfeval, which keeps the process id: plant the link at once.
    let planted = dir.path().join(format!(".report.txt.{}.tmp", child.id()));
    symlink("victim", &planted).unwrap();
    let out = crate::common::finish(child, "check --output report.txt");
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let victim = std::fs::read_to_string(dir.path().join("victim")).unwrap();
    assert!(
        victim == "untouched",
        "the report went through the planted link"
    );
    assert!(
        std::fs::symlink_metadata(&planted)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Attack: a report kept private (`rw-------`) was replaced by one readable by all
/// (`rw-r--r--`). The old file's permissions are kept; a new file gets `rw-rw-rw-` less
/// the umask, as any program's.
#[test]
fn output_keeps_the_permissions_of_the_file_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, OLD_TABLE).unwrap();
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = Perfeval::new(dir.path())
        .setup("umask 022")
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--output",
            "report.txt",
            &seed(),
        ])
        .run();
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let mode = std::fs::metadata(&report).unwrap().mode() & 0o7777;
    assert_eq!(mode, 0o600);

    for (umask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let name = format!("new-{umask}.txt");
        let out = Perfeval::new(dir.path())
            .setup(&format!("umask {umask}"))
            .args(&["check", "--rules", &suzhou(), "--output", &name, &seed()])
            .run();
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let mode = std::fs::metadata(dir.path().join(&name)).unwrap().mode() & 0o7777;
        assert_eq!(mode, expected, "umask {umask}");
    }
}

/// Attack, as root: a report owned by another user became root's. Its owner and group
/// are kept. Without root there is no other owner to keep, and the test passes.
#[test]
fn output_keeps_the_owner_of_the_file_it_replaces_when_root() {
    if !is_root() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, OLD_TABLE).unwrap();
    std::os::unix::fs::chown(&report, Some(65534), Some(65534)).unwrap();
    let out = report_to(dir.path(), "report.txt");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let after = std::fs::metadata(&report).unwrap();
    assert_eq!((after.uid(), after.gid()), (65534, 65534));
}

/// Attack: a write that fails half-way (here the file size limit of `ulimit -f`, as a
/// full disk would): the old report stays whole and no temporary file is left.
#[test]
fn a_failed_write_leaves_the_old_report_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.txt"), OLD_TABLE).unwrap();
    let out = Perfeval::new(dir.path())
        .setup("trap '' XFSZ; ulimit -f 1")
        .args(&[
            "check",
            "--rules",
            &suzhou(),
            "--output",
            "report.txt",
            &crate::common::absolute("tests/fixtures/eval/suzhou-2023"),
        ])
        .run();
    out.refused("perfeval::output");
    let old = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert_eq!(old, OLD_TABLE);
    assert_eq!(names(dir.path()), ["report.txt"]);
}

/// Attack: `--output base.rules`, the ruleset that the named ruleset `extends`: it was
/// overwritten, since only the names on the command line were compared.
#[test]
fn output_never_overwrites_a_base_ruleset() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read(suzhou()).unwrap();
    std::fs::write(dir.path().join("base.rules"), &base).unwrap();
    std::fs::write(
        dir.path().join("main.rules"),
        "ruleset \"2024\" extends \"base.rules\" { }\n",
    )
    .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&[
            "check",
            "--rules",
            "main.rules",
            "--output",
            "base.rules",
            &seed(),
        ])
        .run();
    out.refused("perfeval::output::over_input");
    assert_eq!(std::fs::read(dir.path().join("base.rules")).unwrap(), base);
    assert_eq!(names(dir.path()), ["base.rules", "main.rules"]);
}

/// Attack: `--output forms/a.toml forms`: a form found in a folder was overwritten. So
/// were inputs under other names: a hard link, a symbolic link.
#[test]
fn output_never_overwrites_a_form_under_any_name() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let before = std::fs::read(forms.join("a.toml")).unwrap();
    std::fs::hard_link(forms.join("a.toml"), dir.path().join("hard.json")).unwrap();
    symlink("forms/a.toml", dir.path().join("soft.json")).unwrap();
    // A JSON Lines report is written as the forms are read, into a temporary file that
    // is refused before it would be renamed over one of them.
    for format in ["json", "jsonl"] {
        for output in [
            "forms/a.toml",
            "hard.json",
            "soft.json",
            "forms/../forms/a.toml",
        ] {
            let out = Perfeval::new(dir.path())
                .args(&[
                    "check",
                    "--rules",
                    &suzhou(),
                    "--format",
                    format,
                    "--output",
                    output,
                    "forms",
                ])
                .run();
            // A form of the run is refused as the input it is, before anything is read
            // (it was refused as a file that is no report, `over_form`).
            out.refused("perfeval::output::over_input");
            assert_eq!(
                std::fs::read(forms.join("a.toml")).unwrap(),
                before,
                "{format} {output}"
            );
        }
    }
    assert_eq!(names(&forms), ["a.toml"]);
    assert_eq!(names(dir.path()), ["forms", "hard.json", "soft.json"]);
}

/// A printed report's name (`审核意见.md`, `通知.html`) may be a reviewer's own notes or
/// page: a report replaces it only where perfeval wrote it, which a second run shows.
#[test]
fn a_printed_report_replaces_only_perfevals_own() {
    let dir = tempfile::tempdir().unwrap();
    let notes = "# 审核意见\n科长手写，请勿覆盖\n";
    let page = "<html><head><title>通知</title></head></html>\n";
    std::fs::write(dir.path().join("审核意见.md"), notes).unwrap();
    std::fs::write(dir.path().join("通知.html"), page).unwrap();
    let report = |output: &str| {
        Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), "--output", output, &seed()])
            .run()
    };
    report("审核意见.md").refused("perfeval::output::over_form");
    report("通知.html").refused("perfeval::output::over_form");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("审核意见.md")).unwrap(),
        notes
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("通知.html")).unwrap(),
        page
    );
    for output in ["报告.md", "报告.html", "报告.htm", "报告.markdown"] {
        for run in ["first", "again"] {
            let out = report(output);
            assert_eq!(out.code, Some(0), "{output} {run}: {out:#?}");
        }
    }
    // perfeval's other outputs under such a name, rerun: a table, a CSV, an explanation.
    for (command, format, output) in [
        ("check", "table", "表格.md"),
        ("check", "csv", "表格.html"),
        ("explain", "text", "说明.md"),
    ] {
        for run in ["first", "again"] {
            let out = Perfeval::new(dir.path())
                .args(&[command, "--rules", &suzhou(), "--format", format])
                .args(&["--output", output, &seed()])
                .run();
            assert_eq!(out.code, Some(0), "{command} {output} {run}: {out:#?}");
        }
    }
    // A link named like a printed report, to notes under another name, is the notes.
    std::fs::write(dir.path().join("notes.dat"), notes).unwrap();
    symlink("notes.dat", dir.path().join("链接.md")).unwrap();
    report("链接.md").refused("perfeval::output::over_form");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.dat")).unwrap(),
        notes
    );
}

/// `forms.jsonl` in `dir`: the seed's project as one line.
fn one_line_jsonl(dir: &Path) -> PathBuf {
    let jsonl = dir.join("forms.jsonl");
    let json =
        std::fs::read_to_string(crate::common::absolute("examples/suzhou-2023-egov.json")).unwrap();
    let line =
        serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&json).unwrap()).unwrap();
    std::fs::write(&jsonl, format!("{line}\n")).unwrap();
    jsonl
}

/// Attack: `--jsonl forms.jsonl --output forms.jsonl`, or standard output appended to
/// the JSON Lines file or to a form, in a run that writes its report as it goes: refused
/// before anything is written.
#[test]
fn output_never_overwrites_the_jsonl_file() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let jsonl = one_line_jsonl(dir.path());
    let before = std::fs::read(&jsonl).unwrap();
    let rules = suzhou();
    let jsonl_args = [
        "check",
        "--rules",
        &rules,
        "--format",
        "jsonl",
        "--jsonl",
        "forms.jsonl",
    ];
    let out = Perfeval::new(dir.path())
        .args(&jsonl_args)
        .args(&["--output", "forms.jsonl"])
        .run();
    out.refused("perfeval::output::over_input");
    assert_eq!(std::fs::read(&jsonl).unwrap(), before);
    let appended = OpenOptions::new().append(true).open(&jsonl).unwrap();
    let out = Perfeval::new(dir.path())
        .args(&jsonl_args)
        .stdout(appended)
        .run();
    out.refused("perfeval::output::over_input");
    assert_eq!(std::fs::read(&jsonl).unwrap(), before);
    let form_before = std::fs::read(forms.join("a.toml")).unwrap();
    let appended = OpenOptions::new()
        .append(true)
        .open(forms.join("a.toml"))
        .unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), "--format", "jsonl", "forms"])
        .stdout(appended)
        .run();
    out.refused("perfeval::output::over_input");
    assert_eq!(std::fs::read(forms.join("a.toml")).unwrap(), form_before);
    // `--output` the form itself: refused as the input it is (it was refused as a file
    // that is no report, `over_form`, whose help is for a file the run does not read).
    for format in ["json", "jsonl"] {
        let out = Perfeval::new(dir.path())
            .args(&[
                "check",
                "--rules",
                &suzhou(),
                "--format",
                format,
                "forms/a.toml",
            ])
            .args(&["--output", "forms/a.toml"])
            .run();
        out.refused("perfeval::output::over_input");
    }
    assert_eq!(std::fs::read(forms.join("a.toml")).unwrap(), form_before);
    assert_eq!(names(dir.path()), ["forms", "forms.jsonl"]);
}

/// Attack: `perfeval diff` writing CSV or JSON Lines as it goes, with `--output` the
/// JSON Lines file it reads, or standard output appended to it or to a form: refused
/// before anything is written, every input left as it was.
#[test]
fn a_diff_written_as_it_goes_never_reaches_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let jsonl = one_line_jsonl(dir.path());
    let before = std::fs::read(&jsonl).unwrap();
    let form_before = std::fs::read(forms.join("a.toml")).unwrap();
    let rules = suzhou();
    for format in ["jsonl", "csv"] {
        let diff = [
            "diff", "--rules", &rules, "--rules", &rules, "--format", format,
        ];
        let out = Perfeval::new(dir.path())
            .args(&diff)
            .args(&["--jsonl", "forms.jsonl", "--output", "forms.jsonl"])
            .run();
        out.refused("perfeval::output::over_input");
        let appended = OpenOptions::new().append(true).open(&jsonl).unwrap();
        let out = Perfeval::new(dir.path())
            .args(&diff)
            .args(&["--jsonl", "forms.jsonl"])
            .stdout(appended)
            .run();
        out.refused("perfeval::output::over_input");
        let appended = OpenOptions::new()
            .append(true)
            .open(forms.join("a.toml"))
            .unwrap();
        let out = Perfeval::new(dir.path())
            .args(&diff)
            .args(&["forms"])
            .stdout(appended)
            .run();
        out.refused("perfeval::output::over_input");
        assert_eq!(std::fs::read(&jsonl).unwrap(), before);
        assert_eq!(std::fs::read(forms.join("a.toml")).unwrap(), form_before);
    }
    assert_eq!(names(dir.path()), ["forms", "forms.jsonl"]);
}

/// Attack: `perfeval check … form.toml >> form.toml`: standard output appended the
/// report to the form it read; whether the report is made whole (a table) or written
/// as it goes (CSV, JSON).
#[test]
fn standard_output_never_writes_to_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.toml");
    std::fs::copy(seed(), &form).unwrap();
    let before = std::fs::read(&form).unwrap();
    for format in ["table", "csv", "json"] {
        let append = OpenOptions::new().append(true).open(&form).unwrap();
        let out = Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou()])
            .args(&["--format", format, "form.toml"])
            .stdout(append)
            .run();
        out.refused("perfeval::output::over_input");
        assert_eq!(std::fs::read(&form).unwrap(), before, "{format}");
    }
}

/// Attack: `perfeval check … > /dev/full` exited 0 with no message: the report was lost
/// and no one was told. So did `perfeval --help > /dev/full`.
#[test]
fn a_failed_write_to_standard_output_exits_2() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), &seed()])
        .stdout(File::create("/dev/full").unwrap())
        .run();
    out.refused("perfeval::output::stdout");
    assert!(
        out.stderr.contains("No space left on device"),
        "{}",
        out.stderr
    );
    let help = Perfeval::new(dir.path())
        .args(&["--help"])
        .stdout(File::create("/dev/full").unwrap())
        .run();
    help.refused("perfeval::output::stdout");
    let show = Perfeval::new(dir.path())
        .args(&["show", "--rules", &suzhou()])
        .stdout(File::create("/dev/full").unwrap())
        .run();
    show.refused("perfeval::output::stdout");
    // A report written as it goes: the failed write ends the report, not the run, whose
    // failed form (the last line) is still said before the write error.
    let jsonl = one_line_jsonl(dir.path());
    let line = std::fs::read_to_string(&jsonl).unwrap();
    std::fs::write(&jsonl, format!("{}{{\"budget\": 1}}\n", line.repeat(40))).unwrap();
    for format in ["csv", "jsonl"] {
        let out = Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), "--format", format])
            .args(&["--jsonl", "forms.jsonl"])
            .stdout(File::create("/dev/full").unwrap())
            .run();
        out.refused("perfeval::output::stdout");
        assert!(out.stderr.contains("forms.jsonl:41"), "{}", out.stderr);
    }
}

/// `perfeval check … | head`: a pipe closed early ends the output quietly, with the
/// status the run came to, as other Unix tools do.
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Perfeval::new(dir.path())
        .args(&["check", "--rules", &suzhou(), &seed()])
        .spawn();
    drop(child.stdout.take());
    let out = crate::common::finish(child, "check | (closed)");
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
}

/// `perfeval check --format csv … | head -1` over forms whose last one fails: a report
/// written as it goes stops writing when the reader goes, but the run is still the whole
/// run: the failure is said and the status is 2, as when the report is made whole (it
/// was 0, as if every form had been evaluated). So for `diff`.
#[test]
fn a_closed_pipe_keeps_the_status_of_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = one_line_jsonl(dir.path());
    let line = std::fs::read_to_string(&jsonl).unwrap();
    std::fs::write(&jsonl, format!("{}{{\"budget\": 1}}\n", line.repeat(40))).unwrap();
    let rules = suzhou();
    let check = ["check", "--rules", &rules];
    let diff = ["diff", "--rules", &rules, "--rules", &rules];
    for args in [&check[..], &diff[..]] {
        for format in ["csv", "jsonl"] {
            let mut child = Perfeval::new(dir.path())
                .args(args)
                .args(&["--format", format, "--jsonl", "forms.jsonl"])
                .spawn();
            drop(child.stdout.take());
            let out = crate::common::finish(child, "streamed | (closed)");
            assert_eq!(out.code, Some(2), "{args:?} {format}: {}", out.stderr);
            assert!(out.stderr.contains("forms.jsonl:41"), "{}", out.stderr);
        }
    }
}

/// Attack: `--output report.toml` with the table format: the next run over the folder
/// read the table as a broken form. Refused before anything is read or written.
#[test]
fn a_table_report_is_never_named_like_a_form() {
    let dir = tempfile::tempdir().unwrap();
    report_to(dir.path(), "report.toml").refused("perfeval::output::project_name");
    assert!(names(dir.path()).is_empty());
}

/// Attack: `--format json --output b.toml` where `b.toml` is a form this run did not
/// read, or `--output x.rules` a ruleset: each was replaced by the report. A report
/// replaces only a report perfeval wrote, which a second run shows.
#[test]
fn a_report_never_replaces_a_form_or_a_ruleset_it_did_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let form = std::fs::read(seed()).unwrap();
    std::fs::write(dir.path().join("b.toml"), &form).unwrap();
    std::fs::write(dir.path().join("b.json"), "{\"project\": {}}").unwrap();
    std::fs::write(dir.path().join("x.rules"), "ruleset \"x\" { }\n").unwrap();
    std::fs::write(dir.path().join("forms.jsonl"), "{\"project\": {}}\n").unwrap();
    std::fs::write(dir.path().join("signed.pdf"), "%PDF-1.7").unwrap();
    let report = |format: &str, output: &str| {
        Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), "--format", format])
            .args(&["--output", output, &seed()])
            .run()
    };
    for (format, output) in [
        ("json", "b.toml"),
        ("jsonl", "b.json"),
        ("json", "b.json"),
        ("table", "x.rules"),
        ("jsonl", "forms.jsonl"),
    ] {
        report(format, output).refused("perfeval::output::over_form");
    }
    // No report is a PDF: refused by its name, before anything is read.
    report("table", "signed.pdf").refused("perfeval::output::pdf");
    assert_eq!(
        std::fs::read(dir.path().join("signed.pdf")).unwrap(),
        b"%PDF-1.7"
    );
    assert_eq!(std::fs::read(dir.path().join("b.toml")).unwrap(), form);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("b.json")).unwrap(),
        "{\"project\": {}}"
    );
    for (format, output) in [("json", "report.json"), ("table", "report.txt")] {
        for run in ["first", "again"] {
            let out = report(format, output);
            assert_eq!(out.code, Some(0), "{format} {run}: {out:#?}");
        }
    }
    // perfeval's other texts: an explanation, and a table that begins with a form it
    // could not evaluate.
    let broken = crate::common::absolute("tests/fixtures/reports/batch/c-broken.toml");
    for (command, args) in [
        (
            "explain",
            ["--format", "text", "--output", "explain.txt", &seed()],
        ),
        (
            "explain",
            ["--format", "json", "--output", "explain.json", &seed()],
        ),
        (
            "check",
            ["--format", "table", "--output", "failed.txt", &broken],
        ),
    ] {
        for run in ["first", "again"] {
            let out = Perfeval::new(dir.path())
                .args(&[command, "--rules", &suzhou()])
                .args(&args)
                .run();
            let refused = out.stderr.contains("perfeval::output");
            assert!(!refused, "{args:?} {run}: {}", out.stderr);
        }
    }
    assert_eq!(
        names(dir.path()),
        [
            "b.json",
            "b.toml",
            "explain.json",
            "explain.txt",
            "failed.txt",
            "forms.jsonl",
            "report.json",
            "report.txt",
            "signed.pdf",
            "x.rules"
        ]
    );
}

/// Attack: the reviewer files `报告.md` and `报告.html`, writes the review into them
/// (`## 审核意见`), and runs the same command the next day: the review was replaced with
/// the new report. A printed report is replaced only as perfeval wrote it (its last line
/// seals what is above it), run after run.
#[test]
fn a_report_a_reviewer_wrote_into_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let report = |output: &str| {
        Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), "--output", output, &seed()])
            .run()
    };
    for output in ["报告.md", "报告.html"] {
        for run in ["first", "again"] {
            assert_eq!(report(output).code, Some(0), "{output} {run}");
        }
        let path = dir.path().join(output);
        let mut reviewed = std::fs::read_to_string(&path).unwrap();
        reviewed.push_str("\n## 审核意见\n\n同意。张三 2024-03-01\n");
        std::fs::write(&path, &reviewed).unwrap();
        report(output).refused("perfeval::output::edited_report");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), reviewed);
        // A change above the seal, the seal kept, is a change too.
        let written = {
            std::fs::remove_file(&path).unwrap();
            assert_eq!(report(output).code, Some(0));
            std::fs::read_to_string(&path).unwrap()
        };
        let changed = written.replacen("80.00", "80.00（同意）", 1);
        assert_ne!(changed, written);
        std::fs::write(&path, &changed).unwrap();
        report(output).refused("perfeval::output::edited_report");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), changed);
    }
}

/// Attack: `perfeval import form.txt -o filled.xlsx`: a department's workbook (or any
/// file) was replaced by the imported TOML. A form is imported into a new file only.
#[test]
fn an_imported_form_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("filled.xlsx"), "a filled workbook").unwrap();
    let seed_text = crate::common::absolute("tests/fixtures/import/seed.txt");
    let import = |output: &str| {
        Perfeval::new(dir.path())
            .args(&["import", "--rules", &suzhou(), &seed_text, "-o", output])
            .run()
    };
    import("filled.xlsx").refused("perfeval::output::exists");
    let kept = std::fs::read_to_string(dir.path().join("filled.xlsx")).unwrap();
    assert_eq!(kept, "a filled workbook");
    assert_eq!(import("new.toml").code, Some(0));
    import("new.toml").refused("perfeval::output::exists");
    // An empty file (`mktemp`'s) holds nothing to lose.
    std::fs::write(dir.path().join("made.toml"), "").unwrap();
    assert_eq!(import("made.toml").code, Some(0));
    assert_eq!(names(dir.path()), ["filled.xlsx", "made.toml", "new.toml"]);
}

/// The first line of the JSON Lines fixture: a run given it on its standard input has
/// read its first project (a JSON Lines file's first line is read before the report is
/// begun, as it may say the file is none) and waits on the next.
fn first_form_line() -> String {
    let forms =
        std::fs::read_to_string(crate::common::absolute("tests/fixtures/jsonl/forms.jsonl"))
            .unwrap();
    format!("{}\n", forms.lines().next().unwrap())
}

/// Attack: Ctrl-C (or `kill`) during a long run with `--output`: the hidden temporary
/// file the report was being written to stayed beside it, hundreds of megabytes, and
/// nothing removed it. Here the run waits on its standard input, its temporary file
/// made, when SIGTERM, SIGINT or SIGHUP ends it.
#[test]
fn an_interrupted_run_leaves_the_old_report_and_no_temporary_file() {
    use std::io::Write;
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("out.jsonl"), OLD_LINES).unwrap();
        let mut child = Perfeval::new(dir.path())
            .args(&["check", "--rules", &suzhou(), "--jsonl", "-"])
            .args(&["--format", "jsonl", "--output", "out.jsonl"])
            .stdin(std::process::Stdio::piped())
            .spawn();
        if let Some(stdin) = child.stdin.as_mut() {
            stdin.write_all(first_form_line().as_bytes()).unwrap();
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while names(dir.path()).len() < 2 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(names(dir.path()).len(), 2, "no temporary file was made");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        // `wait` closes the run's standard input first: held open, the run cannot end
        // on its own (at the end of its input) before the signal's watcher ends it.
        let input = child.stdin.take();
        let status = crate::common::wait(&mut child, &format!("SIG{signal}"));
        drop(input);
        // It dies of the signal, as it would have: a shell's loop stops at Ctrl-C.
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(number), "signal {signal}");
        assert_eq!(names(dir.path()), ["out.jsonl"], "signal {signal}");
        let old = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
        assert_eq!(old, OLD_LINES);
    }
}

/// Attack: `nohup perfeval check … -o report` then the terminal closes (SIGHUP): the run
/// that `nohup` protects was ended by the handler that removes temporary files. A signal
/// ignored at the start stays ignored, and the run ends with its report.
#[test]
fn a_signal_ignored_at_the_start_stays_ignored() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Perfeval::new(dir.path())
        .setup("trap '' HUP")
        .args(&["check", "--rules", &suzhou(), "--jsonl", "-"])
        .args(&["--format", "jsonl", "--output", "out.jsonl"])
        .stdin(std::process::Stdio::piped())
        .spawn();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(first_form_line().as_bytes()).unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while names(dir.path()).is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(names(dir.path()).len(), 1, "no temporary file was made");
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    std::thread::sleep(std::time::Duration::from_millis(200));
    stdin.write_all(first_form_line().as_bytes()).unwrap();
    drop(stdin);
    let status = crate::common::wait(&mut child, "SIGHUP ignored");
    assert!(status.code().is_some(), "ended by a signal: {status:?}");
    let report = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert!(report.contains("\"summary\""), "{report}");
    assert_eq!(names(dir.path()), ["out.jsonl"]);
}
