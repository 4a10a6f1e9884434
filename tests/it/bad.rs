//! The bad-input corpus, `tests/fixtures/bad/`: what the command line prints for inputs
//! that are wrong, and that inputs which only look odd are accepted and scored right.
//!
//! - `rules/*.rules`: rulesets that do not parse (`syntax-…`, `invalid-…`, `unknown-…`,
//!   `number-…`, `empty`, `only-comments`, `not-utf8-…`), do not check (`logic-…`) or do
//!   not link (`link-…`), or whose formula cannot be computed for the clean form
//!   (`eval-…`). Each runs as `perfeval check --rules FIXTURE CLEAN`. `rules/bases/`
//!   holds valid rulesets that link fixtures extend.
//! - `forms/*`: project files that do not load against `rulesets/2023.rules`.
//! - `accepted/*`: odd but valid project files (BOM, CRLF, full-width digits, spaces,
//!   strings, JSON, YAML, Chinese quotes, a negative weight) with their exit status and
//!   total, and `bom-crlf.rules`, a ruleset with a byte-order mark and CRLF line ends.
//! - Generated here, in a temporary folder, rather than committed: 10,000-deep nesting, a
//!   17 MB file, a folder named like a project file, a chain whose `..` climbs above the
//!   working folder.
//!
//! Each failing case must exit with status 2, print nothing on standard output and name
//! the file with a line and column on standard error; standard error is snapshotted as
//! printed (NUL characters shown as `␀`).

use std::path::{Path, PathBuf};

use crate::common::{relative, root, run, run_in};

/// The ruleset project files are checked against.
const SUZHOU: &str = "rulesets/2023.rules";

/// A clean form for `rulesets/2023.rules`: 80.00, no finding.
const CLEAN: &str = "tests/fixtures/bad/accepted/clean.toml";

/// Fixtures whose diagnostics point into another file than the fixture itself.
const POINTS_ELSEWHERE: &[(&str, &str)] = &[
    // The `extends` that closes the cycle is in the other file.
    (
        "link-cycle-a.rules",
        "tests/fixtures/bad/rules/link-cycle-b.rules",
    ),
    (
        "link-cycle-b.rules",
        "tests/fixtures/bad/rules/link-cycle-a.rules",
    ),
    // The syntax error is in the base.
    (
        "link-base-does-not-parse.rules",
        "tests/fixtures/bad/rules/syntax-single-equals.rules",
    ),
    // Reported: the checker points only into the base, never at the change that broke it.
    ("link-check-error-in-result.rules", "rulesets/2023.rules"),
    (
        "link-weights-sum-after-override.rules",
        "rulesets/2023.rules",
    ),
    // The sum is held against `max_score`, which the base writes.
    ("logic-pools-exceed-max-score.rules", "rulesets/2023.rules"),
];

/// Fixtures whose diagnostic has no line and column. Reported: a ruleset that is not
/// UTF-8 is an I/O error without a position, unlike a project file.
const NO_POSITION: &[&str] = &["not-utf8-gbk.rules"];

/// The files and positions of the `╭─[FILE:LINE:COLUMN]` headers of rendered diagnostics.
fn locations(stderr: &str) -> Vec<(String, usize, usize)> {
    stderr
        .lines()
        .filter_map(|line| {
            let start = line.find("─[")? + "─[".len();
            let inner = line[start..].strip_suffix(']')?;
            let mut parts = inner.rsplitn(3, ':');
            let column = parts.next()?.parse().ok()?;
            let line = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_owned(), line, column))
        })
        .collect()
}

/// Asserts that `stderr` points into `file` at a line and column.
fn assert_points_into(stderr: &str, file: &str) {
    let found = locations(stderr);
    assert!(
        found
            .iter()
            .any(|(name, line, column)| name == file && *line >= 1 && *column >= 1),
        "no `{file}:LINE:COLUMN` in\n{stderr}"
    );
}

/// Asserts what every failing case must show, and returns standard error for a snapshot.
fn failure(name: &str, (stdout, stderr, code): (String, String, i32)) -> String {
    assert_eq!(code, 2, "{name}: exit status\n{stdout}{stderr}");
    assert_eq!(stdout, "", "{name}: standard output");
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(
        stderr.contains("perfeval::"),
        "{name}: no code in\n{stderr}"
    );
    printable(&stderr)
}

/// NUL characters shown as `␀`, so that snapshots stay text.
fn printable(text: &str) -> String {
    text.replace('\0', "␀")
}

/// The file name of a path.
fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// An absolute path under the crate root, for runs in another folder.
fn absolute(relative: &str) -> String {
    root().join(relative).to_string_lossy().into_owned()
}

/// Exit status and both streams, for cases whose exit status is itself the point.
fn transcript((stdout, stderr, code): &(String, String, i32)) -> String {
    format!("exit status: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
}

#[test]
fn ruleset_errors() {
    insta::glob!("../fixtures", "bad/rules/*.rules", |path| {
        let name = relative(path);
        let stderr = failure(&name, run(&["check", "--rules", &name, CLEAN]));
        let short = file_name(path);
        if NO_POSITION.contains(&short.as_str()) {
            assert!(stderr.contains(&name), "{stderr}");
        } else {
            let file = POINTS_ELSEWHERE
                .iter()
                .find(|(fixture, _)| *fixture == short)
                .map_or(name.as_str(), |(_, file)| file);
            assert_points_into(&stderr, file);
        }
        insta::assert_snapshot!(stderr);
    });
}

#[test]
fn project_file_errors() {
    insta::glob!("../fixtures", "bad/forms/*.*", |path| {
        let name = relative(path);
        let stderr = failure(&name, run(&["check", "--rules", SUZHOU, &name]));
        assert!(stderr.contains("perfeval::data::"), "{stderr}");
        assert_points_into(&stderr, &name);
        insta::assert_snapshot!(stderr);
    });
}

/// Every fixture says what it shows in a comment on its first line, where its format
/// has comments: `//` in a ruleset, `#` in TOML and YAML (at the end of the line where
/// the error must be on line 1). JSON has none; an empty file is
/// the point of its case; a UTF-16 file is not text this check can read.
#[test]
fn every_fixture_says_what_it_shows() {
    let mut seen = 0;
    for dir in ["rules", "forms", "accepted"] {
        let dir = root().join("tests/fixtures/bad").join(dir);
        let files = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path());
        // `rules/bases/` holds valid bases that link fixtures extend.
        let bases = std::fs::read_dir(dir.join("bases")).into_iter().flatten();
        for path in files.chain(bases.map(|e| e.unwrap().path())) {
            if path.is_dir() {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
            let extension = path.extension().unwrap().to_string_lossy().into_owned();
            let comment: &[u8] = match extension.as_str() {
                "rules" => b"//",
                "toml" | "yaml" => b"#",
                _ => continue,
            };
            if bytes.is_empty() || bytes.starts_with(b"\xff\xfe") {
                continue;
            }
            let first = bytes.split(|b| *b == b'\n').next().unwrap();
            let says = first.windows(comment.len()).any(|w| w == comment);
            assert!(says, "{}", relative(&path));
            seen += 1;
        }
    }
    assert!(seen > 60, "{seen}");
}

/// An accepted file: its exit status, its total and its findings' codes.
struct Accepted {
    file: &'static str,
    exit: i32,
    total: &'static str,
    findings: &'static [&'static str],
}

const fn clean(file: &'static str) -> Accepted {
    Accepted {
        file,
        exit: 0,
        total: "80.00",
        findings: &[],
    }
}

const ACCEPTED: &[Accepted] = &[
    clean("bom-crlf.yaml"),
    clean("bom.json"),
    clean("bom.toml"),
    clean("chinese-quotes.toml"),
    clean("clean.toml"),
    clean("crlf.toml"),
    clean("exponents-and-radixes.toml"),
    clean("exponents.json"),
    clean("exponents.yaml"),
    clean("form.json"),
    clean("form.yaml"),
    clean("fullwidth.toml"),
    Accepted {
        file: "negative-weight.toml",
        exit: 1,
        total: "80.00",
        findings: &["weight-mismatch"],
    },
    clean("numbers-as-measures.toml"),
    clean("spaces.toml"),
    clean("strings.toml"),
    clean("zero-width.toml"),
];

/// The JSON report of one project file checked against `rulesets/2023.rules`.
fn json_report(name: &str, exit: i32) -> serde_json::Value {
    let (stdout, stderr, code) = run(&["check", "--rules", SUZHOU, "--format", "json", name]);
    assert_eq!(code, exit, "{name}: {stderr}");
    assert_eq!(stderr, "", "{name}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn odd_but_valid_project_files_are_scored_right() {
    let dir = root().join("tests/fixtures/bad/accepted");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| perfeval::data::Format::from_path(p).is_some())
        .map(|p| file_name(&p))
        .collect();
    files.sort();
    let listed: Vec<&str> = ACCEPTED.iter().map(|a| a.file).collect();
    assert_eq!(
        files, listed,
        "every file in accepted/ is listed in ACCEPTED"
    );
    for case in ACCEPTED {
        let name = format!("tests/fixtures/bad/accepted/{}", case.file);
        let doc = json_report(&name, case.exit);
        let project = &doc["projects"][0];
        assert_eq!(project["score"], case.total, "{name}");
        let codes: Vec<&str> = project["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, case.findings, "{name}");
        // Every accepted form has these two rows, however their values are written.
        let row = |indicator: &str| {
            project["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["name"] == indicator)
                .unwrap_or_else(|| panic!("{name}: no row {indicator}"))
                .clone()
        };
        let output = row("系统上线数量");
        assert_eq!(output["completion"], "100.00", "{name}");
        assert_eq!(output["score"], "27.50", "{name}");
        let outcome = row("服务覆盖率");
        assert_eq!(outcome["completion"], "105.56", "{name}");
        assert_eq!(outcome["score"], "27.50", "{name}");
        assert_eq!(outcome["weight"], "27.5", "{name}");
    }
}

#[test]
fn chinese_quotes_in_texts_are_kept() {
    let doc = json_report("tests/fixtures/bad/accepted/chinese-quotes.toml", 0);
    assert_eq!(doc["projects"][0]["name"], "“智慧城市”一期「感知平台」项目");
}

#[test]
fn self_scores_written_as_strings_keep_their_places() {
    let doc = json_report("tests/fixtures/bad/accepted/strings.toml", 0);
    let rows = doc["projects"][0]["indicators"].as_array().unwrap();
    let last = rows.last().unwrap();
    assert_eq!(last["self_score"], "27.50");
}

#[test]
fn a_negative_weight_is_reported_not_refused() {
    let (stdout, stderr, code) = run(&[
        "check",
        "--rules",
        SUZHOU,
        "tests/fixtures/bad/accepted/negative-weight.toml",
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "");
    assert!(stdout.contains("weight-mismatch"), "{stdout}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn a_ruleset_with_a_bom_and_crlf_line_ends_is_accepted() {
    let rules = "tests/fixtures/bad/accepted/bom-crlf.rules";
    let (stdout, stderr, code) = run(&["check", "--rules", rules, "--format", "json", CLEAN]);
    assert_eq!(code, 0, "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["ruleset"]["name"], "BOM 与 CRLF");
    assert_eq!(doc["ruleset"]["version"], "2024.1");
    assert_eq!(doc["projects"][0]["score"], "80.00");
    assert_eq!(doc["projects"][0]["findings"], serde_json::json!([]));
    // Doc comments keep no carriage return.
    let (shown, stderr, code) = run(&["show", "--rules", rules]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!shown.contains('\r'));
    assert!(
        shown.contains("/// 一条带文档注释的新核对，消息跨越多项。\n"),
        "{shown}"
    );
}

/// Writes `lines` lines of `per_line` copies of `open`, then `middle`, then as many of
/// `close`: nesting `lines * per_line` deep, on lines short enough to read.
fn nested(open: &str, middle: &str, close: &str, lines: usize, per_line: usize) -> String {
    let mut text = String::new();
    for _ in 0..lines {
        text.push_str(&open.repeat(per_line));
        text.push('\n');
    }
    text.push_str(middle);
    text.push('\n');
    for _ in 0..lines {
        text.push_str(&close.repeat(per_line));
        text.push('\n');
    }
    text
}

/// The header's line and column and the quoted lines, which depend on how much stack
/// the parser finds, replaced by placeholders.
fn without_position(stderr: &str, file: &str) -> String {
    let mut out = String::new();
    for line in stderr.lines() {
        let trimmed = line.trim_start();
        if let Some(start) = line.find(&format!("─[{file}:")) {
            out.push_str(&line[..start]);
            out.push_str(&format!("─[{file}:LINE:COLUMN]"));
        } else if trimmed.starts_with('·')
            || trimmed
                .split_once(" │")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_ruleset_nested_10000_deep_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let expression = nested("(", "budget.initial", ")", 100, 100);
    let text = format!(
        "// Parentheses nested 10,000 deep.\nruleset \"测试\" {{ fiscal_year 2023 }}\ncheck c error {{\n{expression}> 0 }}\n"
    );
    std::fs::write(dir.path().join("deep.rules"), text).unwrap();
    let result = run_in(
        dir.path(),
        &["check", "--rules", "deep.rules", &absolute(CLEAN)],
    );
    let stderr = failure("deep.rules", result);
    assert!(stderr.contains("perfeval::parse::too_deep"), "{stderr}");
    assert_points_into(&stderr, "deep.rules");
    insta::assert_snapshot!(without_position(&stderr, "deep.rules"));
}

#[test]
fn project_files_nested_10000_deep_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "deep.toml",
            format!("x = {}", nested("[", "", "]", 100, 100)),
        ),
        (
            "deep.json",
            format!("{{\"x\": {}}}", nested("[", "", "]", 100, 100)),
        ),
        // YAML continues a flow sequence on lines indented under their key.
        (
            "deep.yaml",
            nested("[", "", "]", 100, 100)
                .lines()
                .fold("x:\n".to_owned(), |text, line| text + "  " + line + "\n"),
        ),
    ];
    for (name, text) in cases {
        std::fs::write(dir.path().join(name), text).unwrap();
        let stderr = failure(
            name,
            run_in(dir.path(), &["check", "--rules", &absolute(SUZHOU), name]),
        );
        assert_points_into(&stderr, name);
        insta::assert_snapshot!(format!("nested_10000_deep_{name}"), stderr);
    }
}

#[test]
fn a_17_mb_project_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let line = format!("# {}\n", "x".repeat(98));
    let text = format!(
        "[project]\n{}",
        line.repeat(17 * 1024 * 1024 / line.len() + 1)
    );
    std::fs::write(dir.path().join("big.toml"), text).unwrap();
    // Refused from its size alone, before it is read: over `--max-file-size`, 16 MiB.
    let result = run_in(
        dir.path(),
        &["check", "--rules", &absolute(SUZHOU), "big.toml"],
    );
    let stderr = failure("big.toml", result);
    assert!(stderr.contains("perfeval::io::too_large") && stderr.contains("`big.toml`"));
    insta::assert_snapshot!(stderr);
}

/// The seed form with 2,000 more output indicators, each with a weight the ruleset
/// disagrees with: the whole form is still scored, every row reported.
#[test]
fn a_form_with_thousands_of_indicators_is_scored() {
    many_indicators_are_scored(2_000);
}

/// The same at scale, 100,000 rows: the slow suite (`cargo test --release --test it --
/// --ignored`, run by .ci/run).
#[test]
#[ignore = "slow suite: scale, run in release by .ci/run"]
fn a_form_with_100000_indicators_is_scored() {
    many_indicators_are_scored(100_000);
}

fn many_indicators_are_scored(extra: usize) {
    let last = format!("数量指标{}", extra - 1);
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(root().join("examples/suzhou-2023-egov.toml")).unwrap();
    for i in 0..extra {
        text.push_str(&format!(
            "\n[[indicators]]\ncategory = \"产出目标\"\nname = \"数量指标{i}\"\n\
             target = \">=1个\"\nweight = 0.01\nactual = \"1个\"\nself_score = 0.01\n"
        ));
    }
    std::fs::write(dir.path().join("many.toml"), text).unwrap();
    let (stdout, stderr, code) = run_in(
        dir.path(),
        &[
            "check",
            "--rules",
            &absolute(SUZHOU),
            "--format",
            "json",
            "many.toml",
        ],
    );
    assert_eq!((code, stderr.as_str()), (1, ""));
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let indicators = doc["projects"][0]["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 17 + extra);
    assert_eq!(indicators[17 + extra - 1]["name"], last.as_str());
    let findings = doc["projects"][0]["findings"].as_array().unwrap();
    let mismatched = |code: &str| findings.iter().filter(|f| f["code"] == code).count();
    // The seed's own output and outcome rows lose weight to the new rows, too.
    assert!(mismatched("weight-mismatch") >= extra);
    assert_eq!(mismatched("total-mismatch"), 1);
}

#[test]
fn a_missing_project_file() {
    let name = "tests/fixtures/bad/forms/no-such-form.toml";
    let stderr = failure(name, run(&["check", "--rules", SUZHOU, name]));
    assert!(
        stderr.contains("perfeval::io") && stderr.contains(name),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_missing_ruleset() {
    let name = "tests/fixtures/bad/rules/no-such.rules";
    let stderr = failure(name, run(&["check", "--rules", name, CLEAN]));
    assert!(
        stderr.contains("perfeval::io") && stderr.contains(name),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

#[test]
fn a_folder_given_as_the_ruleset() {
    let name = "tests/fixtures/bad/rules";
    let stderr = failure(name, run(&["check", "--rules", name, CLEAN]));
    assert!(
        stderr.contains("perfeval::io") && stderr.contains(name),
        "{stderr}"
    );
    insta::assert_snapshot!(stderr);
}

/// A folder named like a project file is a folder of project files; this one holds
/// none. Reported: nothing is evaluated and nothing is said, with exit status 0.
#[test]
fn a_folder_named_like_a_project_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("form.toml")).unwrap();
    let result = run_in(
        dir.path(),
        &["check", "--rules", &absolute(SUZHOU), "form.toml"],
    );
    assert!(!result.1.contains("panicked"), "{}", result.1);
    assert_eq!(result.2, 2, "a folder with no project file is an error");
    insta::assert_snapshot!(transcript(&result));
}

/// `a/b/main.rules` extends `../../main.rules`, a different file, run from `a/b`: the
/// chain links (it once was taken for a cycle, `../..` resolving to nothing).
#[test]
fn a_base_above_the_working_folder_is_not_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let inner: PathBuf = dir.path().join("a/b");
    std::fs::create_dir_all(&inner).unwrap();
    let base = format!(
        "// The base: 2023 as it is.\nruleset \"base\" extends \"{}\" {{ }}\n",
        absolute(SUZHOU).replace('\\', "/")
    );
    std::fs::write(dir.path().join("main.rules"), base).unwrap();
    std::fs::write(
        inner.join("main.rules"),
        "// Extends a file of the same name two folders up.\nruleset \"2024\" extends \"../../main.rules\" { version \"2024.1\" }\n",
    )
    .unwrap();
    // Beside the ruleset, so that the report, once the chain links, names it briefly.
    std::fs::copy(root().join(CLEAN), inner.join("clean.toml")).unwrap();
    let result = run_in(&inner, &["check", "--rules", "main.rules", "clean.toml"]);
    assert!(!result.1.contains("panicked"), "{}", result.1);
    assert_eq!(result.2, 0, "{}", result.1);
    insta::assert_snapshot!(transcript(&result));
}
