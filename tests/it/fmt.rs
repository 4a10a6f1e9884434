//! `perfeval fmt` and `syntax::format`: every ruleset of the repository formats to a
//! fixpoint that parses to the same tree, keeps every comment, and scores every example
//! and fixture exactly as before; comments stay where they were; the shipped rulesets
//! are formatted; the command rewrites files atomically, in place, and only those.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use perfeval::cli::FileLoader;
use perfeval::compile::Plan;
use perfeval::data::{self, Format};
use perfeval::link::{LoadError, Loader};
use perfeval::report::json::{self, ProjectResult};
use perfeval::source::SourceFile;
use perfeval::syntax::format;

use crate::common::{relative, root, run};
use crate::print::erase_spans;

/// Every `.rules` file under the crate's rulesets, examples and test fixtures.
fn rules_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rules") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    for dir in ["rulesets", "examples", "tests/fixtures"] {
        walk(&root().join(dir), &mut found);
    }
    found.sort();
    found
}

/// The files that parse, with their text.
fn parsing_files() -> Vec<(String, String)> {
    rules_files()
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            let name = relative(path);
            perfeval::parse(&SourceFile::new(name.as_str(), text.as_str())).ok()?;
            Some((name, text))
        })
        .collect()
}

fn fmt(name: &str, text: &str) -> String {
    format(&SourceFile::new(name, text))
        .unwrap_or_else(|e| panic!("{name}: {}", crate::common::render(&e)))
}

/// The comment lines of a text, trimmed, in order.
fn comments(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let mut in_text = false;
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            for (i, &(at, c)) in chars.iter().enumerate() {
                match c {
                    '"' | '“' | '”' => in_text = !in_text,
                    '/' if !in_text && chars.get(i + 1).is_some_and(|(_, n)| *n == '/') => {
                        return Some(line[at..].trim_end().to_owned());
                    }
                    _ => {}
                }
            }
            None
        })
        .collect()
}

#[test]
fn every_ruleset_formats_to_a_fixpoint_with_the_same_tree_and_comments() {
    let files = parsing_files();
    assert!(files.len() > 80, "only {} rulesets parse", files.len());
    for (name, text) in &files {
        let formatted = fmt(name, text);
        assert_eq!(
            fmt(name, &formatted),
            formatted,
            "{name}: formatting twice changes the text"
        );
        let before = perfeval::parse(&SourceFile::new(name.as_str(), text.as_str())).unwrap();
        let after = perfeval::parse(&SourceFile::new(name.as_str(), formatted.as_str()))
            .unwrap_or_else(|e| panic!("{name}: {e:?}\n{formatted}"));
        assert_eq!(
            erase_spans(&before),
            erase_spans(&after),
            "{name}: another tree\n{formatted}"
        );
        assert_eq!(comments(text), comments(&formatted), "{name}: comments");
    }
}

/// Reads the files it was given from memory (a ruleset as formatted), the others from
/// the file system (its bases, as they are).
struct Overlay {
    files: HashMap<PathBuf, String>,
}

impl Loader for Overlay {
    fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        match self.files.get(path) {
            Some(text) => Ok(text.clone()),
            None => FileLoader.read(path),
        }
    }
}

/// Every project file the evaluation fixtures and examples hold.
fn projects() -> Vec<(String, Format, String)> {
    fn walk(dir: &Path, found: &mut Vec<(String, Format, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, found);
            } else if let Some(format) = Format::from_path(&path)
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                found.push((relative(&path), format, text));
            }
        }
    }
    let mut found = Vec::new();
    walk(&root().join("examples"), &mut found);
    walk(&root().join("tests/fixtures/eval"), &mut found);
    found
}

/// The JSON report of every project that loads with `plan`, keyed by the project.
fn reports(plan: &Plan, projects: &[(String, Format, String)]) -> Vec<(String, String)> {
    projects
        .iter()
        .filter_map(|(name, format, text)| {
            let source = SourceFile::new(name.as_str(), text.as_str());
            let project = data::load_str(source, *format, &plan.form).ok()?;
            let result = match perfeval::evaluate(plan, &project) {
                Ok(outcome) => ProjectResult::Evaluated(outcome),
                // An error points into the ruleset; its message says what went wrong.
                Err(error) => return Some((name.clone(), error.to_string())),
            };
            Some((name.clone(), json::render("ruleset", plan, &[result])))
        })
        .collect()
}

/// Every ruleset that loads (shipped, policy changes, valid fixtures) scores every
/// example and evaluation fixture the same once formatted.
#[test]
fn formatted_rulesets_score_every_project_alike() {
    let projects = projects();
    let (mut rulesets, mut compared) = (0, 0);
    for path in rules_files() {
        let Ok((plan, _)) = perfeval::load_ruleset_file(&path, &mut FileLoader) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = fmt(&relative(&path), &text);
        let mut overlay = Overlay {
            files: HashMap::from([(path.clone(), formatted)]),
        };
        let (again, _) = perfeval::load_ruleset_file(&path, &mut overlay)
            .unwrap_or_else(|e| panic!("{}: {}", relative(&path), crate::common::render(&e)));
        let (before, after) = (reports(&plan, &projects), reports(&again, &projects));
        assert_eq!(before, after, "{}", relative(&path));
        rulesets += 1;
        compared += before.len();
    }
    assert!(rulesets >= 25, "only {rulesets} rulesets load");
    assert!(compared > 100, "only {compared} projects compared");
}

/// Comments of every kind, in every place, and entries the tree keeps apart from the
/// order they were written in.
const COMMENTED: &str = r#"// before the file doc
//! 文件说明
// between file docs
//! 第二行

//// ── 表头 ────
ruleset "x" { // after the brace
  version "1" // after an entry
  /// 年度
  // between a doc and its entry
  fiscal_year 2023
  cutoff 2023-12-31 max_score 80 分 // after the second of two on one line
  // at the end of the block
} // after the closing brace

// ── heading set apart ──

/// 分类
category 产出 {
  scored_by 产出类
  labels "a", // inside a list
    "b"
  /// a doc the tree does not keep
  labels "c"
}
category 空 { // alone in a block
}

pool p 10 {
  split evenly share 0.01 truncate // after the share
    /// 余数
    residual to first
}

grades {
  好 100%
  remove 差 // the tree keeps removals apart
  read_from level
  较好 80%
}

check c error when a > 1 // inside the head
  and b < 2 {
  a + // inside an expression
    b == c
  message "m"
}

rounding 0.01 half_away_from_zero // after a one-line item
// at the end of the file
"#;

#[test]
fn comments_stay_where_they_were() {
    let formatted = fmt("commented.rules", COMMENTED);
    assert_eq!(fmt("commented.rules", &formatted), formatted);
    insta::assert_snapshot!(formatted);
}

#[test]
fn a_chinese_ruleset_stays_chinese() {
    let text = std::fs::read_to_string(root().join("rulesets/2023.zh.rules")).unwrap();
    let formatted = fmt("2023.zh.rules", &text);
    for english in ["ruleset ", "class ", "check ", " error", "deduct"] {
        assert!(!formatted.contains(english), "`{english}` in\n{formatted}");
    }
    assert!(formatted.contains("低于区间 每 1% 扣 5%"), "{formatted}");
    assert!(
        formatted.contains("余数 给 填报相符者 否则 第一项"),
        "{formatted}"
    );
}

/// The shipped rulesets and the policy changes are kept formatted.
#[test]
fn the_shipped_rulesets_are_formatted() {
    let mut args = vec!["fmt", "--check"];
    let files: Vec<String> = rules_files()
        .iter()
        .map(|p| relative(p))
        .filter(|name| name.starts_with("rulesets/") || name.starts_with("examples/"))
        .collect();
    assert!(files.len() >= 20, "{files:?}");
    args.extend(files.iter().map(String::as_str));
    let (stdout, stderr, code) = run(&args);
    assert_eq!(
        (code, stderr.as_str()),
        (0, ""),
        "run `cargo run -- fmt rulesets/*.rules examples/policy-changes/*.rules`:\n{stdout}"
    );
    assert_eq!(stdout, "");
}

/// A fresh folder under the target folder, for files the command rewrites.
fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target/fmt-tests").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const UNFORMATTED: &str =
    "ruleset \"x\" {   version \"1\"  // v\n fiscal_year 2023 }\nrounding 0.01 四舍五入\n";

#[test]
fn fmt_rewrites_in_place_and_check_shows_a_diff() {
    let dir = scratch("in-place");
    let file = dir.join("a.rules");
    std::fs::write(&file, UNFORMATTED).unwrap();
    let name = relative(&file);

    let (stdout, stderr, code) = run(&["fmt", "--check", &name]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), UNFORMATTED);
    insta::assert_snapshot!(stdout.replace(&name, "a.rules"));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    let (stdout, stderr, code) = run(&["fmt", &name]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (0, "", ""));
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        formatted,
        "ruleset \"x\" {\n  version \"1\" // v\n  fiscal_year 2023\n}\n\nrounding 0.01 half_away_from_zero\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "permissions kept");
    }
    // Nothing left behind, and a formatted file is not written again.
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(names.len(), 1);
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    let (_, _, code) = run(&["fmt", "--check", &name]);
    assert_eq!(code, 0);
    let (_, _, code) = run(&["fmt", &name]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::metadata(&file).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn fmt_refuses_what_does_not_parse_and_formats_the_rest() {
    let dir = scratch("refuses");
    let bad = dir.join("bad.rules");
    let good = dir.join("good.rules");
    let broken = "评份规则 产出类 { 满分区间 100% 至 130% }\n";
    std::fs::write(&bad, broken).unwrap();
    std::fs::write(&good, UNFORMATTED).unwrap();
    let other = dir.join("notes.txt");
    std::fs::write(&other, UNFORMATTED).unwrap();
    let (stdout, stderr, code) =
        run(&["fmt", &relative(&bad), &relative(&good), &relative(&other)]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.contains("perfeval::parse::syntax"), "{stderr}");
    assert!(stderr.contains("did you mean `评分规则`?"), "{stderr}");
    assert!(stderr.contains("perfeval::io::not_a_ruleset"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&bad).unwrap(), broken);
    assert_eq!(std::fs::read_to_string(&other).unwrap(), UNFORMATTED);
    assert_ne!(std::fs::read_to_string(&good).unwrap(), UNFORMATTED);
}

/// A ruleset that extends another formats alone: its base is not read.
#[test]
fn fmt_formats_an_extending_ruleset_alone() {
    let dir = scratch("extends");
    let file = dir.join("next.rules");
    let text = "ruleset \"n\" extends \"missing.rules\" { fiscal_year 2024 }\noverride class 产出类 { below deduct 3% per 1% }\n";
    std::fs::write(&file, text).unwrap();
    let (_, stderr, code) = run(&["fmt", &relative(&file)]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert!(formatted.starts_with("ruleset \"n\" extends \"missing.rules\" {\n"));
}

#[test]
fn show_prints_the_ruleset_files_keyword_language() {
    let (zh, stderr, code) = run(&["show", "--rules", "rulesets/2023.zh.rules"]);
    assert_eq!((code, stderr.as_str()), (0, ""));
    assert!(
        zh.contains("\n规则集 \"") && zh.contains("评分规则 产出类 {"),
        "{zh}"
    );
    assert!(zh.contains("category: 文本 \"类别\""), "{zh}");
    let (en, _, code) = run(&[
        "show",
        "--rules",
        "rulesets/2023.zh.rules",
        "--keywords",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(
        en.contains("class 产出类 {") && en.contains("category: text"),
        "{en}"
    );
    assert!(en.contains("below deduct 5% per 1%"), "{en}");
    let (zh, _, code) = run(&["show", "--rules", "rulesets/2023.rules", "--keywords", "zh"]);
    assert_eq!(code, 0);
    assert!(
        zh.contains("低于区间 每 1% 扣 5%") && zh.contains("核对 budget-balance 错误"),
        "{zh}"
    );
    // Each shows a ruleset that parses to what was shown.
    for text in [&en, &zh] {
        let printed = SourceFile::new("shown.rules", text.as_str());
        perfeval::load_ruleset(&printed).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    }
}

// ───────────────────────────── PROPERTIES ─────────────────────────────

use proptest::prelude::*;

/// A random expression as tokens, fully parenthesised so that it always parses.
fn expr_tokens() -> impl Strategy<Value = Vec<String>> {
    let leaf = prop_oneof![
        Just("a"),
        Just("b.c"),
        Just("甲"),
        Just("true"),
        Just("假"),
        Just("1"),
        Just("5%"),
        Just("80分"),
        Just("\"t\""),
        Just("2023-12-31"),
    ]
    .prop_map(|t| vec![t.to_owned()]);
    leaf.prop_recursive(4, 24, 3, |inner| {
        let op = prop_oneof![
            Just("+"),
            Just("*"),
            Just("=="),
            Just("<"),
            Just("and"),
            Just("或"),
        ];
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(l, op, r)| {
                let mut t = vec!["(".to_owned()];
                t.extend(l);
                t.push(op.to_owned());
                t.extend(r);
                t.push(")".to_owned());
                t
            }),
            inner.clone().prop_map(|e| {
                let mut t = vec!["not".to_owned(), "(".to_owned()];
                t.extend(e);
                t.push(")".to_owned());
                t
            }),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, a, b)| {
                let mut t = vec!["(".to_owned(), "if".to_owned()];
                t.extend(c);
                t.push("then".to_owned());
                t.extend(a);
                t.push("否则".to_owned());
                t.extend(b);
                t.push(")".to_owned());
                t
            }),
            (inner.clone(), inner).prop_map(|(a, b)| {
                let mut t = vec!["min".to_owned(), "(".to_owned()];
                t.extend(a);
                t.push(",".to_owned());
                t.extend(b);
                t.push(")".to_owned());
                t
            }),
        ]
    })
}

/// One item as tokens: `E` stands for an expression, `T` for one in a template hole.
const ITEMS: &[&str] = &[
    "ruleset \"r\" { version \"1\" fiscal_year 2023 }",
    "规则集 \"r\" { 版本 \"1\" 财政年度 2023 截止日期 2023-12-31 }",
    "check c error { E }",
    "核对 c 警告 逐行 indicators 当 E { E 消息 \"m T\" 位置 E }",
    "class k { full 100% to 130% below deduct 5% per 1% score E }",
    "评分规则 k { 满分区间 100% 至 130% 低于区间 每 1% 扣 5% }",
    "category 产出 { labels \"a\" , \"b\" scored_by k labels \"c\" }",
    "grades { 好 100% remove 差 较好 80% to 90% also \"良\" read_from level target counts_as 好 }",
    "rating { 优 when E 差 otherwise }",
    "adjust cap total when E { E }",
    "rounding 0.01 half_even",
    "舍入 0.01 银行家舍入",
    "缺失 { 标记 \"\" , \"-\" 无说明 得 0% }",
    "line l \"L\" 10分 { score E }",
    "override form { remove x section s \"S\" { x: text \"X\" } }",
    "pool p 10分 { categories a , b split evenly share 0.01 truncate residual to first }",
];

/// What goes between two tokens: spaces, line breaks, comments.
fn gap() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just(" "),
        2 => Just("\n  "),
        1 => Just(" // c\n"),
        1 => Just("\n// d\n"),
        1 => Just("\n\n//// ──\n\n"),
    ]
}

/// A random ruleset: items from [`ITEMS`] with random expressions, doc comments before
/// some items, and any of [`gap`] between every two tokens.
fn ruleset_text() -> impl Strategy<Value = String> {
    let item = (
        prop::sample::select(ITEMS),
        expr_tokens(),
        expr_tokens(),
        any::<bool>(),
    );
    (
        prop::collection::vec(item, 1..6),
        prop::collection::vec(gap(), 400),
    )
        .prop_map(|(items, gaps)| {
            let mut tokens: Vec<String> = Vec::new();
            for (template, e1, e2, doc) in items {
                if doc {
                    tokens.push("\n/// 条款\n".to_owned());
                }
                let mut first = true;
                for word in template.split(' ') {
                    match word {
                        "E" => {
                            let e = if first { &e1 } else { &e2 };
                            tokens.extend(e.iter().cloned());
                            first = false;
                        }
                        "\"m" => tokens.push(format!("\"m {{{}}}\"", e1.join(" "))),
                        "T\"" => {}
                        word => tokens.push(word.to_owned()),
                    }
                }
            }
            let mut text = String::new();
            for (i, token) in tokens.iter().enumerate() {
                text.push_str(token);
                text.push_str(gaps[i % gaps.len()]);
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Formatting a random ruleset twice gives the same text, and the formatted text
    /// parses to the same tree with the same comments.
    #[test]
    fn formatting_is_idempotent_and_keeps_the_tree(text in ruleset_text()) {
        let source = SourceFile::new("random.rules", text.as_str());
        let Ok(tree) = perfeval::parse(&source) else {
            return Err(TestCaseError::reject("does not parse"));
        };
        let once = fmt("random.rules", &text);
        let twice = fmt("random.rules", &once);
        prop_assert_eq!(&once, &twice, "from\n{}", text);
        let again = perfeval::parse(&SourceFile::new("formatted.rules", once.as_str())).unwrap();
        prop_assert_eq!(erase_spans(&tree), erase_spans(&again), "from\n{}\nto\n{}", text, once);
        prop_assert_eq!(comments(&text), comments(&once));
    }
}

/// The keyword table of `docs/language.md` §2.4, as `src/syntax/keywords.rs` has it.
fn keyword_table() -> String {
    let mut out = String::from("| English | 中文 | what it opens or means |\n|---|---|---|\n");
    for k in &perfeval::syntax::keywords::KEYWORDS {
        let en = if k.en.is_empty() {
            "(none)".to_owned()
        } else {
            format!("`{}`", k.en)
        };
        let zh: Vec<String> = k.zh.iter().map(|z| format!("`{z}`")).collect();
        let reserved = if k.reserved { " (reserved)" } else { "" };
        out.push_str(&format!(
            "| {en} | {} | {}{reserved} |\n",
            zh.join(" or "),
            k.means
        ));
    }
    out
}

/// The docs' keyword list is the keyword table's: `UPDATE_DOCS=1 cargo test` writes it.
#[test]
fn the_docs_list_the_keyword_table() {
    const START: &str = "<!-- keywords: generated from src/syntax/keywords.rs -->\n";
    const END: &str = "<!-- /keywords -->";
    let path = root().join("docs/language.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let start = docs.find(START).expect("the start marker") + START.len();
    let end = start + docs[start..].find(END).expect("the end marker");
    let table = keyword_table();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &docs[..start], &docs[end..])).unwrap();
        return;
    }
    assert_eq!(
        docs[start..end],
        table,
        "docs/language.md §2.4: run `UPDATE_DOCS=1 cargo test --test it fmt::the_docs`"
    );
}

#[test]
fn fmt_never_replaces_a_read_only_ruleset() {
    // An adopted year's ruleset marked read-only: the rename that replaces a file needs
    // only the folder's permission, so the file's mode must be asked.
    let dir = scratch("read-only");
    let file = dir.join("adopted.rules");
    std::fs::write(&file, UNFORMATTED).unwrap();
    let mut permissions = std::fs::metadata(&file).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&file, permissions).unwrap();
    let name = relative(&file);
    let (stdout, stderr, code) = run(&["fmt", &name]);
    assert_eq!((code, stdout.as_str()), (2, ""), "{stderr}");
    assert!(stderr.contains("read-only"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), UNFORMATTED);
    assert!(std::fs::metadata(&file).unwrap().permissions().readonly());
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing left behind");
    // A report too: `-o` names a read-only file.
    let report = dir.join("report.txt");
    std::fs::write(&report, "kept").unwrap();
    let mut permissions = std::fs::metadata(&report).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&report, permissions).unwrap();
    let report_name = relative(&report);
    let (_, stderr, code) = run(&[
        "check",
        "--rules",
        "2023",
        "-o",
        &report_name,
        "examples/suzhou-2023-egov.toml",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "kept");
}

#[test]
fn old_mac_line_ends_format_like_any_other() {
    // Carriage returns alone end lines (and comments) as line feeds do.
    let lf =
        "ruleset \"x\" { version \"1\" }\n// 注释\nrounding 0.01 half_away_from_zero // 行尾\n";
    let cr = lf.replace('\n', "\r");
    assert_eq!(fmt("cr.rules", &cr), fmt("lf.rules", lf));
}
