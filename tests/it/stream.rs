//! `check --jsonl` (projects one a line), `--format jsonl` (results one a line) and
//! `--format json`, both written as they are evaluated: the lines are the JSON document's
//! projects, in input order, the same bytes on one thread or two and in batches of any
//! size; a bad line is named by its line; the report file never replaces an input.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::root;

/// Projects one a line: a clean form, a blank line, a form with findings, a line that
/// is not JSON, a blank line, a form with an unknown key.
const FORMS: &str = "tests/fixtures/jsonl/forms.jsonl";

/// A folder of project files: a clean form, one with findings, a broken one, a note.
const BATCH: &str = "tests/fixtures/reports/batch";

/// Runs the binary from the crate root with `stdin` on standard input and `env` set:
/// stdout (bytes), stderr and exit status.
fn perfeval(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> (Vec<u8>, String, i32) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_perfeval"));
    // The tests read English; the binary speaks Chinese unless told.
    command.env("LC_ALL", "en_US.UTF-8");
    command
        .args(args)
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("PERFEVAL_BATCH")
        .env_remove("RAYON_NUM_THREADS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command.spawn().unwrap();
    // A run that refuses its arguments may exit before reading: a closed pipe then.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let output = child.wait_with_output().unwrap();
    (
        output.stdout,
        String::from_utf8(output.stderr).unwrap(),
        output.status.code().unwrap_or(-1),
    )
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn a_jsonl_file_gives_a_line_per_project() {
    let (stdout, stderr, status) = perfeval(
        &[
            "check", "--rules", "2023", "--jsonl", FORMS, "--format", "jsonl",
        ],
        b"",
        &[],
    );
    let stdout = String::from_utf8(stdout).unwrap();
    insta::assert_snapshot!(format!(
        "status: {status}\n--- stdout\n{stdout}--- stderr\n{stderr}"
    ));
}

#[test]
fn the_lines_are_the_projects_of_the_json_document() {
    let args = ["check", "--rules", "2023", BATCH, "--jsonl", FORMS];
    let (json, _, json_status) = perfeval(&[&args[..], &["--format", "json"]].concat(), b"", &[]);
    let (jsonl, _, jsonl_status) =
        perfeval(&[&args[..], &["--format", "jsonl"]].concat(), b"", &[]);
    assert_eq!((json_status, jsonl_status), (2, 2));
    let document: Value = serde_json::from_slice(&json).unwrap();
    let lines = lines(&jsonl);
    let (header, rest) = lines.split_first().unwrap();
    let (summary, projects) = rest.split_last().unwrap();
    // The header is known as a report by its first key, as the document is.
    assert_eq!(
        header.as_object().unwrap().keys().next().unwrap(),
        "perfeval_report"
    );
    assert_eq!(header["ruleset"], document["ruleset"]);
    assert_eq!(
        projects,
        document["projects"].as_array().unwrap().as_slice()
    );
    let files: Vec<&str> = projects
        .iter()
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "tests/fixtures/reports/batch/a-seed.toml",
            "tests/fixtures/reports/batch/b-findings.toml",
            "tests/fixtures/reports/batch/c-broken.toml",
            "tests/fixtures/jsonl/forms.jsonl:1",
            "tests/fixtures/jsonl/forms.jsonl:3",
            "tests/fixtures/jsonl/forms.jsonl:4",
            "tests/fixtures/jsonl/forms.jsonl:6",
        ]
    );
    // The summary counts what the table's last line counts.
    let (table, _, _) = perfeval(&args, b"", &[]);
    let table = String::from_utf8(table).unwrap();
    let s = &summary["summary"];
    let line = format!(
        "共 {} 个项目：无问题 {}，有错误 {}，有警告 {}，无法评估 {}；跳过文件 {}；合计得分：平均 {}，最低 {}，最高 {}",
        s["projects"],
        s["clean"],
        s["errors"],
        s["warnings"],
        s["failed"],
        s["skipped"],
        s["totals"]["mean"].as_str().unwrap(),
        s["totals"]["min"].as_str().unwrap(),
        s["totals"]["max"].as_str().unwrap(),
    );
    assert_eq!(table.lines().last().unwrap(), line);
}

/// The fixture's six lines ten times over, in `dir`: sixty lines, each a project of its
/// own (`forms.jsonl:7` and so on), to cross batch boundaries. Returns the file's path.
fn sixty_lines(dir: &std::path::Path) -> String {
    let text = std::fs::read_to_string(root().join(FORMS)).unwrap();
    let many = dir.join("many.jsonl");
    std::fs::write(&many, text.repeat(10)).unwrap();
    many.to_str().unwrap().to_owned()
}

#[test]
fn the_same_bytes_on_one_thread_or_two_in_batches_of_any_size() {
    // Sixty lines: the fixture's six, ten times, each a different project.
    let dir = tempfile::tempdir().unwrap();
    let many = sixty_lines(dir.path());
    let many = many.as_str();
    let args = |jobs: &'static str| {
        let args = ["check", "--rules", "2023", BATCH, "--jsonl", many];
        [&args[..], &["--format", "jsonl", "-j", jobs]].concat()
    };
    let (serial, _, status) = perfeval(&args("1"), b"", &[]);
    assert_eq!(status, 2);
    for (jobs, batch) in [("2", "1"), ("2", "7"), ("2", "1024"), ("1", "5")] {
        let (parallel, _, status) = perfeval(&args(jobs), b"", &[("PERFEVAL_BATCH", batch)]);
        assert_eq!(status, 2);
        assert!(
            parallel == serial,
            "-j {jobs} in batches of {batch} differs from -j 1"
        );
    }
    // In input order: the folder's three forms, then the lines by number.
    let lines = lines(&serial);
    assert_eq!(lines.len(), 1 + 3 + 40 + 1);
    let numbers: Vec<usize> = lines[4..44]
        .iter()
        .map(|p| {
            let file = p["file"].as_str().unwrap();
            file.rsplit(':').next().unwrap().parse().unwrap()
        })
        .collect();
    let expected: Vec<usize> = (0..10)
        .flat_map(|k| [1, 3, 4, 6].map(|n| 6 * k + n))
        .collect();
    assert_eq!(numbers, expected);
}

#[test]
fn the_json_document_is_written_as_it_is_made_and_is_the_same_in_batches_of_any_size() {
    // Sixty lines and the folder's three forms, across batch boundaries: the document
    // written a batch at a time is the one made whole (`--format jsonl`'s projects in one
    // array), on one thread or two.
    let dir = tempfile::tempdir().unwrap();
    let many = sixty_lines(dir.path());
    let many = many.as_str();
    let args = |format: &'static str, jobs: &'static str| {
        let args = ["check", "--rules", "2023", BATCH, "--jsonl", many];
        [&args[..], &["--format", format, "-j", jobs]].concat()
    };
    let (serial, _, status) = perfeval(&args("json", "1"), b"", &[]);
    assert_eq!(status, 2);
    for (jobs, batch) in [("2", "1"), ("2", "7"), ("1", "5")] {
        let (parallel, _, status) =
            perfeval(&args("json", jobs), b"", &[("PERFEVAL_BATCH", batch)]);
        assert_eq!(status, 2);
        assert!(
            parallel == serial,
            "-j {jobs} in batches of {batch} differs from -j 1"
        );
    }
    let document: Value = serde_json::from_slice(&serial).unwrap();
    // The same bytes as serde_json writes the document it reads: nothing cut or doubled
    // where two batches meet.
    let mut pretty = serde_json::to_string_pretty(&document).unwrap();
    pretty.push('\n');
    assert_eq!(String::from_utf8(serial).unwrap(), pretty);
    let (jsonl, _, _) = perfeval(&args("jsonl", "1"), b"", &[]);
    let lines = lines(&jsonl);
    let projects = lines.get(1..lines.len() - 1).unwrap();
    assert_eq!(projects.len(), 3 + 40);
    assert_eq!(
        projects,
        document["projects"].as_array().unwrap().as_slice()
    );
}

/// The CSV has nothing after its projects' rows, so it is written as the forms are
/// evaluated: the same bytes in batches of any size, on one thread or two, with a row a
/// project (`--summary`) or a row an indicator.
#[test]
fn the_csv_is_written_as_it_is_made_and_is_the_same_in_batches_of_any_size() {
    let dir = tempfile::tempdir().unwrap();
    let many = sixty_lines(dir.path());
    let many = many.as_str();
    for summary in [true, false] {
        let args = |jobs: &'static str| {
            let args = ["check", "--rules", "2023", BATCH, "--jsonl", many];
            let mut args = [&args[..], &["--format", "csv", "-j", jobs]].concat();
            if summary {
                args.push("--summary");
            }
            args
        };
        let (serial, _, status) = perfeval(&args("1"), b"", &[("PERFEVAL_BATCH", "1024")]);
        assert_eq!(status, 2);
        for (jobs, batch) in [("2", "1"), ("2", "7"), ("1", "5")] {
            let (parallel, _, status) = perfeval(&args(jobs), b"", &[("PERFEVAL_BATCH", batch)]);
            assert_eq!(status, 2);
            assert!(
                parallel == serial,
                "-j {jobs} in batches of {batch} differs from -j 1 (summary: {summary})"
            );
        }
        let text = String::from_utf8(serial).unwrap();
        assert!(text.starts_with("\u{feff}文件,项目名称,"), "{text}");
        let rows = text.split("\r\n").filter(|row| !row.is_empty()).count();
        if summary {
            // The columns' names, the folder's three forms and the forty lines that
            // hold something.
            assert_eq!(rows, 1 + 3 + 40);
        } else {
            assert!(rows > 1 + 3 + 40, "{rows}");
        }
    }
}

#[test]
fn a_json_document_without_a_project_has_an_empty_array() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jsonl");
    std::fs::write(&empty, "").unwrap();
    let empty = empty.to_str().unwrap();
    let (stdout, stderr, status) = perfeval(
        &[
            "check", "--rules", "2023", "--jsonl", empty, "--format", "json",
        ],
        b"",
        &[],
    );
    assert_eq!((status, stderr.as_str()), (0, ""));
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(
        stdout.contains("  \"projects\": [],\n  \"summary\": {"),
        "{stdout}"
    );
    let document: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(document["projects"], Value::Array(Vec::new()));
    assert_eq!(document["summary"]["projects"], 0);
    assert_eq!(document["summary"]["totals"], Value::Null);
}

#[test]
fn standard_input_skips_blank_lines_and_keeps_their_numbers() {
    let text = std::fs::read_to_string(root().join(FORMS)).unwrap();
    let first = text.lines().next().unwrap();
    let stdin = format!("\n{first}\r\n   \n\n{first}");
    let (stdout, stderr, status) = perfeval(
        &[
            "check", "--rules", "2023", "--jsonl", "-", "--format", "jsonl",
        ],
        stdin.as_bytes(),
        &[],
    );
    assert_eq!(status, 0, "{stderr}");
    let lines = lines(&stdout);
    let files: Vec<&str> = lines[1..3]
        .iter()
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, ["<stdin>:2", "<stdin>:5"]);
    assert_eq!(lines[3]["summary"]["projects"], 2);
    // Any report reads the lines: here the table's summary.
    let (table, _, status) = perfeval(
        &["check", "--rules", "2023", "--jsonl", "-", "--summary"],
        stdin.as_bytes(),
        &[],
    );
    assert_eq!(status, 0);
    assert!(String::from_utf8(table).unwrap().contains("<stdin>:5"));
}

#[test]
fn a_bad_line_is_named_by_its_line_and_the_rest_are_evaluated() {
    let (stdout, stderr, status) = perfeval(
        &[
            "check", "--rules", "2023", "--jsonl", FORMS, "--format", "json",
        ],
        b"",
        &[],
    );
    assert_eq!(status, 2);
    assert!(
        stderr.contains("╭─[tests/fixtures/jsonl/forms.jsonl:4:13]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("╭─[tests/fixtures/jsonl/forms.jsonl:6:61]"),
        "{stderr}"
    );
    let document: Value = serde_json::from_slice(&stdout).unwrap();
    let broken = &document["projects"][2];
    assert_eq!(broken["file"], "tests/fixtures/jsonl/forms.jsonl:4");
    assert_eq!(broken["error"]["file"], "tests/fixtures/jsonl/forms.jsonl");
    assert_eq!(
        (&broken["error"]["line"], &broken["error"]["column"]),
        (&Value::from(4), &Value::from(13))
    );
    assert_eq!(document["projects"][3]["error"]["line"], 6);
}

#[test]
fn a_line_longer_than_the_limit_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(FORMS)).unwrap();
    let first = text.lines().next().unwrap();
    let path = dir.path().join("long.jsonl");
    // The limit lies between the short line and the padded one.
    let padded = first.replacen('{', &format!("{{{}", " ".repeat(first.len())), 1);
    std::fs::write(&path, format!("{first}\n{padded}\n{first}\n")).unwrap();
    let limit = (first.len() + 10).to_string();
    let (stdout, stderr, status) = perfeval(
        &[
            "check",
            "--rules",
            "2023",
            "--jsonl",
            path.to_str().unwrap(),
            "--format",
            "jsonl",
            "--max-file-size",
            &limit,
        ],
        b"",
        &[],
    );
    assert_eq!(status, 2);
    assert!(
        stderr.contains("long.jsonl:2`: the line is longer than the limit"),
        "{stderr}"
    );
    let lines = lines(&stdout);
    assert_eq!(lines[1]["score"], "80.00");
    assert_eq!(lines[2]["error"]["code"], "perfeval::io::too_large");
    assert_eq!(lines[3]["score"], "80.00");
}

#[test]
fn the_report_file_never_replaces_the_jsonl_file_and_is_skipped_in_folders() {
    let dir = tempfile::tempdir().unwrap();
    let forms = dir.path().join("forms.jsonl");
    std::fs::copy(root().join(FORMS), &forms).unwrap();
    let forms = forms.to_str().unwrap();
    let (_, stderr, status) = perfeval(
        &[
            "check", "--rules", "2023", "--jsonl", forms, "--format", "jsonl", "-o", forms,
        ],
        b"",
        &[],
    );
    assert_eq!(status, 2);
    assert!(stderr.contains("an input of this run"), "{stderr}");
    let left = std::fs::read(forms).unwrap();
    assert_eq!(left, std::fs::read(root().join(FORMS)).unwrap());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );

    // A JSON Lines report named like a project file is known by its first key.
    let folder = dir.path().join("forms");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        root().join(BATCH).join("a-seed.toml"),
        folder.join("a.toml"),
    )
    .unwrap();
    let report = folder.join("report.json");
    let report = report.to_str().unwrap();
    let folder = folder.to_str().unwrap();
    let run = || {
        perfeval(
            &[
                "check", "--rules", "2023", folder, "--format", "jsonl", "-o", report,
            ],
            b"",
            &[],
        )
    };
    let (_, stderr, status) = run();
    assert_eq!(status, 0, "{stderr}");
    let first = std::fs::read(report).unwrap();
    let (_, stderr, status) = run();
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("1 perfeval report"), "{stderr}");
    let second = std::fs::read(report).unwrap();
    // The second run skipped the first's report: only its summary counts it.
    assert_eq!(
        String::from_utf8(first)
            .unwrap()
            .replace("\"skipped\":0", "\"skipped\":1"),
        String::from_utf8(second).unwrap()
    );
    // And as `--jsonl`, a report is refused.
    let (_, stderr, status) = perfeval(&["check", "--rules", "2023", "--jsonl", report], b"", &[]);
    assert_eq!(status, 2);
    assert!(stderr.contains("perfeval::io::report"), "{stderr}");
}

/// One JSON document over many lines given as `--jsonl` (a project file, a report as
/// printed), or a workbook or a Word document, is refused before any line is read as a
/// project: a pretty-printed report as a report, the others as no JSON Lines, for `check`
/// and `diff` alike (each of its lines failed as a project of its own).
#[test]
fn a_json_document_over_many_lines_is_no_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let (_, stderr, status) = perfeval(
        &[
            "check",
            "--rules",
            "2023",
            "--format",
            "json",
            "-o",
            report.to_str().unwrap(),
            "examples/suzhou-2023-with-findings.toml",
        ],
        b"",
        &[],
    );
    assert_eq!(status, 1, "{stderr}");
    let report = report.to_str().unwrap();
    for (file, code) in [
        (
            "examples/suzhou-2023-egov.json",
            "perfeval::io::not_json_lines",
        ),
        (report, "perfeval::io::report"),
        (
            "tests/fixtures/import/form.xls",
            "perfeval::io::not_json_lines",
        ),
        (
            "tests/fixtures/import/seed.docx",
            "perfeval::io::not_json_lines",
        ),
    ] {
        for command in [
            &["check", "--rules", "2023", "--jsonl", file][..],
            &[
                "diff", "--rules", "2023", "--rules", "2023", "--jsonl", file,
            ][..],
        ] {
            let (stdout, stderr, status) = perfeval(command, b"", &[]);
            assert_eq!(status, 2, "{command:?}: {stderr}");
            assert!(stderr.contains(code), "{command:?}: {stderr}");
            assert_eq!(stderr.matches("perfeval::").count(), 1, "{stderr}");
            assert!(stdout.is_empty(), "{command:?}");
        }
    }
}

#[test]
fn arguments_that_cannot_work_are_refused() {
    for args in [
        &["check", "--rules", "2023", "-", "--jsonl", "-"][..],
        &[
            "check",
            "--rules",
            "2023",
            "--jsonl",
            FORMS,
            "--format",
            "jsonl",
            "--summary",
        ],
        &[
            "check",
            "--rules",
            "2023",
            "--jsonl",
            "tests/fixtures/jsonl/missing.jsonl",
        ],
        &["check", "--rules", "2023", "--jsonl", FORMS, "-j", "0"],
        &["check", "--rules", "2023"],
    ] {
        let (stdout, stderr, status) = perfeval(args, b"", &[]);
        assert_eq!(status, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
    }
}
