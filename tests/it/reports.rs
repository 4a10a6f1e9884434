//! Reports for reviewers: `check --format markdown|html|csv|xlsx`, `--summary`, `--quiet`
//! and the run's summary line. Each text format is snapshotted for the seed, a form with
//! findings and a folder with a form that does not load; the workbook is read back with
//! calamine. The browser's view of the HTML is `tests/browser.rs`.

use std::io::Read;
use std::process::Command;

use rust_decimal::Decimal;

use crate::common::{root, run};

const SEED: &str = "examples/suzhou-2023-egov.toml";
const FINDINGS: &str = "examples/suzhou-2023-with-findings.toml";
/// Two forms that evaluate (the seed, clean; one with findings), one that does not load,
/// and a note that the walk skips.
const BATCH: &str = "tests/fixtures/reports/batch";
/// Markup and a formula in a form's texts.
const HOSTILE: &str = "tests/fixtures/reports/hostile.toml";

/// The inputs every text format is snapshotted for, by name, with their exit status.
const INPUTS: [(&str, &str, i32); 3] = [
    ("seed", SEED, 0),
    ("findings", FINDINGS, 1),
    ("batch", BATCH, 2),
];

fn check(format: &str, extra: &[&str], input: &str) -> (String, String, i32) {
    let mut args = vec![
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    args.push(input);
    run(&args)
}

#[test]
fn every_text_format_of_the_seed_a_form_with_findings_and_a_folder() {
    for format in ["table", "markdown", "html", "csv"] {
        for (name, input, status) in INPUTS {
            let (stdout, stderr, code) = check(format, &[], input);
            assert_eq!(code, status, "{format} {name}: {stderr}");
            insta::assert_snapshot!(format!("{format}-{name}"), stdout);
        }
    }
}

#[test]
fn the_table_of_a_folder_ends_with_the_run_in_one_line() {
    let (stdout, stderr, code) = check("table", &[], BATCH);
    assert_eq!(code, 2, "{stderr}");
    let last = stdout.lines().last().unwrap();
    assert_eq!(
        last,
        "共 3 个项目：无问题 1，有错误 1，有警告 0，无法评估 1；跳过文件 1；合计得分：平均 74.15，最低 68.30，最高 80.00"
    );
    // The form that does not load is a diagnostic on standard error, the skipped note a
    // line there; no progress bar reaches a pipe.
    insta::assert_snapshot!("table-batch-stderr", stderr);
}

#[test]
fn one_project_has_no_summary_line() {
    let (stdout, _, _) = check("table", &[], SEED);
    assert!(!stdout.contains("共 "), "{stdout}");
    let (stdout, _, _) = check("markdown", &[], SEED);
    assert!(
        !stdout.contains("共 ") && !stdout.contains("## 汇总"),
        "{stdout}"
    );
}

#[test]
fn summary_gives_one_row_per_project() {
    for format in ["csv", "table", "markdown"] {
        let (stdout, stderr, code) = check(format, &["--summary"], BATCH);
        assert_eq!(code, 2, "{stderr}");
        insta::assert_snapshot!(format!("{format}-summary-batch"), stdout);
    }
    let (quiet, _, _) = check("table", &["--summary", "--quiet"], BATCH);
    assert!(
        !quiet.contains("a-seed.toml") && quiet.contains("b-findings.toml"),
        "{quiet}"
    );
    let (html, _, _) = check("html", &["--summary"], BATCH);
    assert!(html.contains("<h2>汇总</h2>") && !html.contains("<section class=\"project"));
}

#[test]
fn summary_does_not_apply_to_json() {
    let (stdout, stderr, code) = check("json", &["--summary"], SEED);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(
        stderr.contains("perfeval::output::summary_json"),
        "{stderr}"
    );
}

#[test]
fn quiet_shows_only_problems_in_the_table() {
    let (stdout, _, code) = check("table", &["--quiet"], BATCH);
    assert_eq!(code, 2);
    assert!(
        stdout.starts_with("电子政务项目建设资金（tests/fixtures/reports/batch/b-findings.toml）"),
        "{stdout}"
    );
    assert!(!stdout.contains("a-seed.toml"), "{stdout}");
    assert!(
        stdout.trim_end().ends_with("最高 80.00"),
        "the summary line, as there are problems"
    );

    // Two clean forms: nothing to say.
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--quiet",
        SEED,
        "examples/suzhou-2023-egov.yaml",
    ]);
    assert_eq!((stdout.as_str(), stderr.as_str(), code), ("", "", 0));
}

#[test]
fn quiet_never_changes_a_document_for_tools_or_the_status() {
    for format in ["json", "csv"] {
        let loud = check(format, &[], BATCH);
        let quiet = check(format, &["--quiet"], BATCH);
        assert!(loud.0 == quiet.0, "{format}");
        assert_eq!(loud.2, quiet.2, "{format}");
    }
    let loud = xlsx(BATCH, &[]);
    assert!(loud == xlsx(BATCH, &["--quiet"]));
}

#[test]
fn quiet_prints_only_the_projects_with_problems_in_documents_for_people() {
    for format in ["markdown", "html"] {
        let (loud, _, status) = check(format, &[], BATCH);
        let (quiet, _, quiet_status) = check(format, &["--quiet"], BATCH);
        assert_eq!(status, quiet_status);
        assert!(loud.contains("a-seed.toml") && loud.contains("b-findings.toml"));
        assert!(!quiet.contains("a-seed.toml"), "{format}: {quiet}");
        assert!(quiet.contains("b-findings.toml") && quiet.contains("c-broken.toml"));
    }
}

#[test]
fn a_report_named_like_a_form_is_refused_in_every_format_but_json() {
    for format in ["markdown", "html", "csv", "xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.toml");
        let (_, stderr, code) = check(format, &["--output", out.to_str().unwrap()], SEED);
        assert_eq!(code, 2, "{format}");
        assert!(
            stderr.contains("perfeval::output::project_name"),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("a report (`--format {format}`) named")),
            "{stderr}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn a_report_file_without_a_format_is_written_as_its_ending_names() {
    let dir = tempfile::tempdir().unwrap();
    let written_to = |out: &std::path::Path| {
        run(&[
            "check",
            "--rules",
            "2023",
            SEED,
            "-o",
            out.to_str().unwrap(),
        ])
    };
    // Each ending, and the first bytes of the report it names.
    for (name, begins) in [
        ("报告.html", "<!DOCTYPE html>"),
        ("报告.HTM", "<!DOCTYPE html>"),
        ("报告.md", "# "),
        ("报告.csv", "\u{feff}"),
        ("报告.json", "{"),
        ("报告.jsonl", "{\"perfeval_report\":1,\"format\":\"jsonl\""),
        ("报告.xlsx", "PK"),
        ("报告.txt", "电子政务项目建设资金"),
        ("报告.out", "电子政务项目建设资金"),
    ] {
        let out = dir.path().join(name);
        let (_, stderr, code) = written_to(&out);
        assert_eq!(code, 0, "{name}: {stderr}");
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(begins.as_bytes()), "{name}");
    }
    // An explicit format wins over the ending.
    let out = dir.path().join("explicit.html");
    let args = [
        "check", "--rules", "2023", "--format", "markdown", SEED, "-o",
    ];
    let (_, stderr, code) = run(&[&args[..], &[out.to_str().unwrap()]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("# "));
    // No PDF is written: text in a `.pdf` opens as a broken document.
    let pdf = dir.path().join("报告.pdf");
    let (_, stderr, code) = written_to(&pdf);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::output::pdf"), "{stderr}");
    assert!(!pdf.exists());
}

// ---- CSV ----

#[test]
fn csv_is_what_excel_reads_and_round_trips() {
    for extra in [&[][..], &["--summary"][..]] {
        let (stdout, _, _) = check("csv", extra, BATCH);
        let body = stdout
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark first");
        assert!(body.ends_with("\r\n"));
        assert!(
            !body.replace("\r\n", "").contains(['\n', '\r']),
            "every line ends in CRLF"
        );
        let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert!(records.iter().all(|r| r.len() == headers.len()));
        // Written again by the csv crate, the records are the same bytes.
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        writer.write_record(&headers).unwrap();
        for record in &records {
            writer.write_record(record).unwrap();
        }
        assert_eq!(
            String::from_utf8(writer.into_inner().unwrap()).unwrap(),
            body
        );
        // Numbers are plain decimals.
        let score = headers
            .iter()
            .position(|h| h == "得分" || h == "合计")
            .unwrap();
        for record in &records {
            let cell = &record[score];
            assert!(cell.is_empty() || cell.parse::<Decimal>().is_ok(), "{cell}");
        }
    }
}

#[test]
fn csv_rows_are_one_per_project_and_indicator() {
    let (stdout, _, _) = check("csv", &[], FINDINGS);
    let mut reader = csv::Reader::from_reader(stdout.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 17 indicators, a row for each finding about the whole project, and the total.
    assert_eq!(rows.len(), 20);
    let coverage = rows.iter().find(|r| &r[3] == "服务政府部门覆盖率").unwrap();
    assert_eq!(
        (
            &coverage[8],
            &coverage[9],
            &coverage[10],
            &coverage[11],
            &coverage[12]
        ),
        ("94.44", "6.62", "9.16", "是", "score-mismatch")
    );
    assert_eq!((&rows[17][2], &rows[17][12]), ("项目", "funds-balance"));
    assert_eq!((&rows[18][2], &rows[18][12]), ("项目", "funds-split"));
    // What each finding says, with its severity.
    assert!(coverage[13].starts_with("【错误】"), "{:?}", &coverage[13]);
    assert!(rows[17][13].starts_with("【错误】"), "{:?}", &rows[17]);
    // The total: computed, declared, and the mark where they differ.
    assert_eq!(
        (&rows[19][2], &rows[19][9], &rows[19][10], &rows[19][11]),
        ("合计", "68.30", "70.84", "是")
    );
}

/// A finding names its row by the indicator's name: where several rows have that name,
/// it is shown with the project (its place in the file says which row), never on a row
/// it may not be about.
#[test]
fn a_finding_about_a_name_several_rows_share_is_the_projects() {
    let (stdout, _, _) = check(
        "csv",
        &[],
        "tests/fixtures/eval/suzhou-2023/duplicate-indicator.toml",
    );
    let mut reader = csv::Reader::from_reader(stdout.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let named: Vec<_> = rows.iter().filter(|r| &r[3] == "预算执行率").collect();
    assert_eq!(named.len(), 5, "three rows and two findings");
    for row in &named[..3] {
        assert_eq!(&row[12], "", "{row:?}");
    }
    for row in &named[3..] {
        assert_eq!((&row[2], &row[12]), ("项目", "duplicate-indicator"));
    }
    let (html, _, _) = check(
        "html",
        &[],
        "tests/fixtures/eval/suzhou-2023/duplicate-indicator.toml",
    );
    let project = &html[html.find("<h3>项目整体发现</h3>").unwrap()..];
    assert_eq!(project.matches("duplicate-indicator").count(), 2);
}

#[test]
fn csv_keeps_formulas_from_excel() {
    let (stdout, _, _) = check("csv", &[], HOSTILE);
    assert!(stdout.contains(",'=cmd|' /C calc'!A0,"), "{stdout}");
    assert!(stdout.contains(",'=100%,"), "{stdout}");
    assert!(
        stdout.contains("<script>alert(1)</script>"),
        "CSV is not HTML: no entities"
    );
}

// ---- HTML ----

#[test]
fn html_is_one_self_contained_page_for_print() {
    for (_, input, _) in INPUTS {
        let (html, _, _) = check("html", &[], input);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert!(html.contains("@page { size: A4; margin: 15mm; @bottom-center"));
        assert!(html.contains("counter(page)"));
        assert!(html.contains("thead { display: table-header-group }"));
        assert!(html.contains("break-inside: avoid"));
        assert!(html.contains("\"Noto Sans CJK SC\", \"Source Han Sans SC\""));
        for external in [
            "http:", "https:", "src=", "url(", "@import", "<link", "<script", "//",
        ] {
            assert!(!html.contains(external), "{external} in {input}");
        }
        // `http-equiv` of the Content Security Policy is the only `http` there is.
        assert_eq!(html.matches("http").count(), 1, "{input}");
        assert!(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""));
    }
}

#[test]
fn html_escapes_a_forms_markup() {
    let (html, stderr, code) = check("html", &[], HOSTILE);
    assert_eq!(code, 1, "{stderr}");
    assert!(!html.contains("<script>") && !html.contains("<b>"));
    assert!(
        html.contains("<h2>1. &lt;script&gt;alert(1)&lt;/script&gt;</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<td>故障修复 &amp; 响应时间 &lt;b&gt;</td>"),
        "{html}"
    );
    assert!(html.contains("=cmd|&#39; /C calc&#39;!A0"), "{html}");
}

/// A form's 100,000-character actual value is shortened wherever people read it (the
/// table's cell, the finding's message, the lines around its snippet, Markdown and HTML)
/// and kept whole where tools read it (JSON), or as much as Excel holds in a cell (CSV).
#[test]
fn a_forms_long_text_is_shortened_in_reports_for_people() {
    let long = "很".repeat(100_000);
    let (_dir, path) = crate::common::seed_form_with("long.toml", |seed| {
        let both = format!("actual = \"{long}\"\nexplanation = \"{long}\"");
        seed.replacen("actual = \"合理\"", &both, 1)
    });
    let input = path.to_str().unwrap();
    for format in ["table", "markdown", "html"] {
        let (out, stderr, code) = check(format, &[], input);
        assert_eq!(code, 1, "{stderr}");
        assert!(out.len() + stderr.len() < 20_000, "{format}: {}", out.len());
        assert!(out.contains("很很很…很很很"), "{format}");
    }
    let (table, _, _) = check("table", &[], input);
    // The message keeps its last words, which say what is wrong.
    assert!(
        table.contains("很很很很` in `实际完成值` of `绩效目标合理性` is not a"),
        "{table}"
    );
    let (json, _, _) = check("json", &[], input);
    assert!(json.contains(&long));
    // CSV keeps what Excel holds in a cell (32,767 characters), cut with `…`.
    let (csv, _, _) = check("csv", &[], input);
    let kept = format!(",{}…,", "很".repeat(32_766));
    assert!(csv.contains(&kept) && !csv.contains(&"很".repeat(32_767)));
}

#[test]
fn html_of_several_projects_opens_with_a_linked_summary() {
    let (html, _, _) = check("html", &[], BATCH);
    let summary = html.find("<section class=\"summary\">").unwrap();
    let first = html.find("<section class=\"project").unwrap();
    assert!(summary < first);
    assert!(html.contains("<a href=\"#p1\">电子政务项目建设资金</a>"));
    assert!(html.contains("<section class=\"project next\" id=\"p1\">"));
    assert!(html.contains("<section class=\"project next\" id=\"p2\">"));
    // The form that does not load is in the summary with its error, and has no page.
    assert!(html.contains("missing section `[budget]` (市级预算执行情况（万元）)（第 1 行第 1 列；perfeval::data::missing_section）"));
    assert!(!html.contains("id=\"p3\""));
}

// ---- Markdown ----

#[test]
fn markdown_escapes_a_forms_markup_and_pipes() {
    let (md, _, _) = check("markdown", &[], HOSTILE);
    assert!(md.contains(r"## 1. \<script\>alert(1)\</script\>"), "{md}");
    assert!(md.contains(r"| 故障修复 \& 响应时间 \<b\> |"), "{md}");
    assert!(md.contains(r"=cmd\|' /C calc'\!A0"), "{md}");
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace(r"\|", "").matches('|').count();
        assert!(cells == 11 || cells == 10, "{line}");
    }
}

// ---- xlsx ----

/// Every sheet of a workbook, each cell as `"text"` or `#number`, a row a line.
fn workbook_cells(bytes: &[u8]) -> String {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).unwrap();
        out.push_str(&format!("== {name} (from {:?})\n", range.start()));
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|cell| match cell {
                    Data::Empty => String::new(),
                    Data::String(s) => format!("{s:?}"),
                    Data::Float(f) => format!("#{f}"),
                    Data::Int(i) => format!("#{i}"),
                    other => format!("?{other:?}"),
                })
                .collect();
            out.push_str(cells.join(" | ").trim_end_matches([' ', '|']));
            out.push('\n');
        }
    }
    out
}

fn xlsx(input: &str, extra: &[&str]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.xlsx");
    let mut args = vec!["--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let (stdout, stderr, _) = check("xlsx", &args, input);
    assert_eq!(stdout, "", "{stderr}");
    std::fs::read(out).unwrap()
}

#[test]
fn xlsx_cells_read_back() {
    for (name, input, _) in INPUTS {
        insta::assert_snapshot!(format!("xlsx-{name}"), workbook_cells(&xlsx(input, &[])));
    }
    let hostile = workbook_cells(&xlsx(HOSTILE, &[]));
    assert!(
        hostile.contains("\"<script>alert(1)</script>\""),
        "{hostile}"
    );
    assert!(
        hostile.contains("\"=cmd|' /C calc'!A0\""),
        "a string, not a formula: {hostile}"
    );
}

#[test]
fn xlsx_bytes_are_the_same_run_to_run() {
    let first = xlsx(BATCH, &[]);
    assert!(first == xlsx(BATCH, &[]));
    assert!(first.starts_with(b"PK"));
}

/// One part of a workbook's archive, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn xlsx_tables_are_filtered_frozen_and_dated_to_a_fixed_day() {
    let bytes = xlsx(BATCH, &[]);
    for sheet in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
        let xml = part(&bytes, sheet);
        assert!(xml.contains("<autoFilter ref="), "{sheet}");
        assert!(xml.contains("state=\"frozen\""), "{sheet}");
        assert!(xml.contains("<col "), "column widths in {sheet}");
    }
    assert!(part(&bytes, "xl/worksheets/sheet2.xml").contains("<autoFilter ref=\"A3:L20\"/>"));
    assert!(part(&bytes, "xl/styles.xml").contains("formatCode=\"0.00%\""));
    assert!(part(&bytes, "docProps/core.xml").contains("2000-01-01T00:00:00Z"));
    assert!(part(&bytes, "xl/workbook.xml").contains("name=\"2 电子政务项目建设资金\""));
}

#[test]
fn xlsx_goes_to_a_pipe_but_never_to_a_terminal() {
    let (stdout, stderr, code) = {
        let output = Command::new(env!("CARGO_BIN_EXE_perfeval"))
            .args([
                "check",
                "--rules",
                "rulesets/2023.rules",
                "--format",
                "xlsx",
                SEED,
            ])
            .current_dir(root())
            .env("LC_ALL", "en_US.UTF-8")
            .output()
            .unwrap();
        (output.stdout, output.stderr, output.status.code())
    };
    assert_eq!(code, Some(0), "{}", String::from_utf8_lossy(&stderr));
    assert!(stdout.starts_with(b"PK"));

    let Some(tty) = in_a_terminal(&["--format", "xlsx", SEED]) else {
        return;
    };
    assert!(
        tty.contains("perfeval::output::binary_to_terminal"),
        "{tty}"
    );
    assert!(!tty.contains("PK"), "{tty}");
}

// ---- standard error in a terminal ----

/// Runs `perfeval check --rules rulesets/2023.rules ARGS` with standard output and error
/// on a terminal (`script` makes one): what the terminal showed. `None` where `script`
/// (util-linux) is not installed.
fn in_a_terminal(args: &[&str]) -> Option<String> {
    let which = Command::new("script").arg("--version").output();
    if which.is_err() {
        eprintln!("script(1) is not installed: the terminal half of this test is skipped");
        return None;
    }
    let binary = env!("CARGO_BIN_EXE_perfeval");
    let command = std::iter::once(binary)
        .chain(["check", "--rules", "rulesets/2023.rules"])
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let output = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout).into_owned();
    // A machine without pseudo-terminals (some containers): script says so itself.
    if shown.starts_with("script:")
        || String::from_utf8_lossy(&output.stderr).starts_with("script:")
    {
        eprintln!(
            "script(1) cannot open a terminal here: the terminal half of this test is skipped"
        );
        return None;
    }
    Some(shown)
}

#[test]
fn a_document_for_tools_tells_a_watching_terminal_the_run_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    let out = out.to_str().unwrap();
    // In a log or a pipe, standard error holds no summary line.
    let (_, stderr, _) = check("json", &["--output", out], BATCH);
    assert!(!stderr.contains("3 projects"), "{stderr}");

    let Some(tty) = in_a_terminal(&["--format", "json", "--output", out, BATCH]) else {
        return;
    };
    assert!(
        tty.contains(
            "3 projects: 1 without problems, 1 with errors, 0 with warnings, 1 not evaluated"
        ),
        "{tty}"
    );
    // In Chinese, the line is the one the table and Markdown reports end with.
    let zh = in_a_terminal(&["--lang", "zh", "--format", "json", "--output", out, BATCH]).unwrap();
    assert!(
        zh.contains("共 3 个项目：无问题 1，有错误 1，有警告 0，无法评估 1"),
        "{zh}"
    );
    let quiet = in_a_terminal(&["--format", "json", "--quiet", "--output", out, BATCH]).unwrap();
    assert!(!quiet.contains("3 projects"), "{quiet}");
}

#[test]
fn every_report_is_written_through_output_like_json() {
    // Each format lands whole in the file named, with nothing on standard output.
    for format in ["markdown", "html", "csv", "xlsx"] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(format!("r.{format}"));
        let (stdout, stderr, code) = check(format, &["--output", out.to_str().unwrap()], SEED);
        assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
        assert!(std::fs::metadata(&out).unwrap().len() > 1000);
    }
}

/// The sum of the self scores counts the indicator rows only: beside a total that also
/// counts lines (the MoF 预算执行率 points), no difference is given, as it would mean
/// nothing; the ruleset's own `total-mismatch` finding compares the declared total.
#[test]
fn a_total_with_lines_shows_no_sum_of_the_rows_self_scores() {
    // The rows' self scores (89) leave out the line's (预算执行率得分): beside a total
    // that counts it, their sum would read as a department claiming less than it did.
    let mof = [
        "check",
        "--rules",
        "rulesets/mof-2020.rules",
        "--format",
        "markdown",
        "examples/mof-2020-rural-road-with-findings.toml",
    ];
    let (md, _, _) = run(&mof);
    assert!(md.contains("**合计** 85.62 / 100，评价等级：良\n"), "{md}");
    let (md, _, _) = check("markdown", &[], FINDINGS);
    assert!(
        md.contains("**合计** 68.30 / 80（自评分之和 70.84，差额 -2.54）"),
        "{md}"
    );
}

#[test]
fn a_quiet_markdown_report_without_a_problem_has_no_empty_summary() {
    let seeds = [
        "examples/suzhou-2023-egov.toml",
        "examples/suzhou-2023-egov.json",
    ];
    let (md, _, code) = run(&[
        "check", "--rules", "2023", "--format", "markdown", "-q", seeds[0], seeds[1],
    ]);
    assert_eq!(code, 0);
    assert!(!md.contains("## 汇总") && !md.contains("| 序号"), "{md}");
    // A problem brings the summary back, with only that form.
    let (md, _, _) = run(&[
        "check", "--rules", "2023", "--format", "markdown", "-q", seeds[0], FINDINGS,
    ]);
    assert!(md.contains("## 汇总"), "{md}");
    assert!(!md.contains(seeds[0]), "{md}");
}
