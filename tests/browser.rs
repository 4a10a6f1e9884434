//! The HTML report as a browser prints it: headless Chromium prints the report of a form
//! with findings, and of a folder of several, to PDF; `pdfinfo` counts the pages and
//! `pdftotext` reads back the totals and every finding's message, so the print style
//! (a page per project, rows never cut) and the CJK fonts are checked as a reviewer sees
//! them.
//!
//! Not part of `cargo test`: it needs `chromium`, `poppler-utils` and `fonts-noto-cjk`
//! (`.ci/run` installs them). Run it with `cargo test --test browser`. `CHROMIUM` names
//! another browser binary.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly where its input is not what it expects"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long a browser may take to print one page before the test gives up on it.
const PRINT_TIMEOUT: Duration = Duration::from_secs(120);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs perfeval from the crate root.
fn perfeval(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_perfeval"))
        .args(args)
        .current_dir(root())
        .env("LC_ALL", "en_US.UTF-8")
        .output()
        .unwrap()
}

/// The report of `input` in `format`, as text.
fn report(format: &str, input: &str) -> String {
    let output = perfeval(&[
        "check",
        "--rules",
        "rulesets/2023.rules",
        "--format",
        format,
        input,
    ]);
    String::from_utf8(output.stdout).unwrap()
}

/// Prints `html` to a PDF with headless Chromium, as the README says; its path.
fn print(html: &str, dir: &Path) -> PathBuf {
    let page = dir.join("report.html");
    let pdf = dir.join("report.pdf");
    std::fs::write(&page, html).unwrap();
    let profile = tempfile::tempdir().unwrap();
    let browser = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_owned());
    let mut child = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{browser}` ({e}): install Debian's chromium, or name one in CHROMIUM"
            )
        });
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{browser} failed: {status}");
            break;
        }
        if started.elapsed() > PRINT_TIMEOUT {
            let _ = child.kill();
            panic!("{browser} did not print within {PRINT_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(pdf.exists(), "{browser} wrote no PDF");
    pdf
}

fn tool(name: &str, args: &[&str]) -> String {
    let output = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{name}` ({e}): install poppler-utils"));
    assert!(output.status.success(), "{name} failed");
    String::from_utf8(output.stdout).unwrap()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

/// The text of a PDF without any white space: a browser breaks lines where the page is
/// full, and a message's words may be on two lines.
fn text(pdf: &Path) -> String {
    let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    squeeze(&text)
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every project's total and every finding's message, from the JSON report of `input`.
fn expected(input: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(&report("json", input)).unwrap();
    let mut texts = Vec::new();
    for project in doc["projects"].as_array().unwrap() {
        // A project that could not be evaluated is a row of the summary, its reason in
        // a narrow cell whose lines the PDF's text interleaves with its neighbours'.
        let Some(score) = project["score"].as_str() else {
            continue;
        };
        texts.push(score.to_owned());
        for finding in project["findings"].as_array().into_iter().flatten() {
            texts.push(finding["message"].as_str().unwrap().to_owned());
        }
    }
    texts
}

fn assert_printed(input: &str, expected_pages: usize) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(&report("html", input), dir.path());
    assert_eq!(pages(&pdf), expected_pages, "pages of {input}");
    let printed = text(&pdf);
    let wanted = expected(input);
    assert!(wanted.len() > 1, "{input} has a total and findings");
    for text in wanted {
        assert!(
            printed.contains(&squeeze(&text)),
            "`{text}` is not in the printed report of {input}:\n{printed}"
        );
    }
}

/// One project with findings fits one A4 page: its indicators, the findings on their
/// rows, the total and the project's own findings.
#[test]
fn a_form_with_findings_prints_on_one_page_with_every_finding() {
    assert_printed("examples/suzhou-2023-with-findings.toml", 1);
}

/// A folder: the summary page, then a page for each of its two evaluated projects (the
/// form that does not load is a row of the summary).
#[test]
fn a_folder_prints_a_summary_page_and_a_page_per_project() {
    assert_printed("tests/fixtures/reports/batch", 3);
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(&report("html", "tests/fixtures/reports/batch"), dir.path());
    let printed = text(&pdf);
    assert!(printed.contains(&squeeze(
        "共 3 个项目：无问题 1，有错误 1，有警告 0，无法评估 1"
    )));
    assert!(printed.contains("无法评估"));
    // Each page is numbered, of how many, as pages filed apart are put back in order.
    for page in 1..=3 {
        assert!(printed.contains(&format!("第{page}页，共3页")), "{printed}");
    }
}

/// A form of forty more indicators runs onto a second page, which still names its
/// project and file: the table's header, repeated on each page, carries them, so pages
/// filed apart are not anonymous.
#[test]
fn a_long_form_names_its_project_on_every_page() {
    let seed = std::fs::read_to_string(root().join("examples/suzhou-2023-egov.toml")).unwrap();
    let more: String = (1..=40)
        .map(|i| {
            format!(
                "\n[[indicators]]\ncategory = \"产出指标\"\nname = \"补充指标{i}\"\ntarget = \">=10个\"\nweight = 1\nactual = \"10个\"\nself_score = 1\n"
            )
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("长表.toml");
    std::fs::write(&form, format!("{seed}{more}")).unwrap();
    let pdf = print(&report("html", form.to_str().unwrap()), dir.path());
    assert!(pages(&pdf) >= 2, "forty more rows fit one page");
    let second = tool(
        "pdftotext",
        &["-f", "2", "-l", "2", pdf.to_str().unwrap(), "-"],
    );
    assert!(
        squeeze(&second).contains("1.电子政务项目建设资金"),
        "the second page does not name its project:\n{second}"
    );
    assert!(squeeze(&second).contains("长表.toml"), "{second}");
}
