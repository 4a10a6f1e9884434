//! Messages in two languages: the catalogue itself (both texts, the same placeholders,
//! Chinese that is Chinese), that it covers every code of `docs/errors.md`, every
//! engine finding and every command-line command and argument, how the language is
//! chosen, and that under `--lang zh` no English sentence reaches the user: the whole
//! bad-input corpus, the command line's misuses and `--help` are run and their output
//! checked by [`english_sentences`].

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use clap::CommandFactory;
use perfeval::i18n::{self, Language};

use crate::common::{relative, root};

/// Runs the binary from the crate root with `env` set (and no locale of the machine's):
/// stdout, stderr and exit status.
fn run_with(env: &[(&str, &str)], args: &[&str]) -> (String, String, i32) {
    run_in(&root(), env, args)
}

fn run_in(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> (String, String, i32) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_perfeval"));
    command
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// Runs `perfeval --lang zh ARGS`.
fn zh(args: &[&str]) -> (String, String, i32) {
    let mut all = vec!["--lang", "zh"];
    all.extend_from_slice(args);
    run_with(&[], &all)
}

// ---- the checker ----

/// Whether a character is Chinese: an ideograph or CJK punctuation.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// `text` without what is between `open` and `close` (both removed too).
fn without_spans(text: &str, open: char, close: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        if depth > 0 && c == close {
            depth -= 1;
            out.push(' ');
        } else if c == open && (open != close || depth == 0) {
            depth += 1;
        } else if depth == 0 {
            out.push(c);
        }
    }
    out
}

/// The message text of one line of rendered output: source lines (`  12 │ …`) are the
/// user's file and are left out; of a label line (`   ·  ╰── …`) only the label is kept.
fn message_part(line: &str) -> &str {
    let trimmed = line.trim_start();
    let numbered = trimmed.split_once('│').is_some_and(|(before, _)| {
        !before.trim().is_empty() && before.trim().chars().all(|c| c.is_ascii_digit())
    });
    if numbered || trimmed.starts_with('╭') || trimmed.starts_with('╰') {
        return "";
    }
    if trimmed.starts_with('·') {
        return trimmed.rsplit_once("── ").map_or("", |(_, label)| label);
    }
    trimmed.trim_start_matches(['│', '×', '⚠', '☞', ' '])
}

/// Whether a token is a code, a path, a number or a flag rather than a word of a
/// sentence: `perfeval::io`, `unit-mismatch`, `max_score`, `a/b.toml`, `16MiB`, `--help`.
fn is_not_a_word(token: &str) -> bool {
    let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_');
    token.is_empty()
        || token.contains("::")
        || token.contains(['/', '\\', '_', '.', '=', '@'])
        || token.starts_with('-')
        || (token.contains('-')
            && token
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
        || token.chars().any(|c| c.is_ascii_digit())
}

/// The runs of three or more English words in `output` once quoted text, codes, paths,
/// numbers and the user's source lines are taken out: what a Chinese user must never
/// read. The expected words of a syntax error (`语法错误：此处应为 … ，实际为`) are left
/// out: they are `Rule::describe`'s, which the branch that owns the grammar words
/// renders in the file's keyword language. (`实际为` may wrap after `实际`.)
fn english_sentences(output: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut output = output.to_owned();
    let mut from = 0;
    while let Some(start) = output[from..].find("语法错误：此处应为").map(|s| s + from)
        && let Some(end) = output[start..].find("，实际").map(|e| e + start)
    {
        // The expected words may wrap onto the next line: blank them, keeping the lines.
        let blanked: String = output[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        output.replace_range(start..end, &blanked);
        from = start + blanked.len();
    }
    let mut usage = false;
    for line in output.lines() {
        // A usage (`用法：perfeval rulesets show [选项] <名称>`, and the next forms of it
        // under it) is commands and arguments: code, not a sentence.
        let trimmed = line.trim_start();
        usage = trimmed.starts_with("用法：")
            || (usage && trimmed.starts_with("perfeval ") && line.starts_with(' '));
        if usage {
            continue;
        }
        let mut text = message_part(line).to_owned();
        for (open, close) in [
            ('`', '`'),
            ('「', '」'),
            ('“', '”'),
            ('"', '"'),
            ('<', '>'),
            ('[', ']'),
        ] {
            text = without_spans(&text, open, close);
        }
        // Chinese ends an English run as surely as a full stop; so do codes, paths,
        // numbers and flags.
        let text: String = text
            .chars()
            .map(|c| {
                if is_cjk(c) {
                    "|".to_owned()
                } else {
                    c.to_string()
                }
            })
            .collect::<String>()
            .replace('|', " | ");
        let text: String = text
            .split_whitespace()
            .map(|token| if is_not_a_word(token) { "|" } else { token })
            .collect::<Vec<_>>()
            .join(" ");
        let mut run: Vec<&str> = Vec::new();
        let mut check = |run: &mut Vec<&str>| {
            if run.len() >= 3 {
                found.push(format!("{} — in: {line}", run.join(" ")));
            }
            run.clear();
        };
        for token in text.split(|c: char| c.is_whitespace() || ",;:?!()".contains(c)) {
            if token == "|" {
                check(&mut run);
                continue;
            }
            if token.is_empty() {
                continue;
            }
            let word = !is_not_a_word(token)
                && token.chars().all(|c| c.is_ascii_alphabetic() || c == '\'');
            if word {
                run.push(token);
            } else {
                check(&mut run);
            }
        }
        check(&mut run);
    }
    found
}

/// Fails with every English sentence of `output`, naming the case.
fn assert_chinese(case: &str, output: &str) {
    let mut problems = Vec::new();
    english_in(case, output, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Adds the English sentences of `output` to `problems`, naming the case.
fn english_in(case: &str, output: &str, problems: &mut Vec<String>) {
    let english = english_sentences(output);
    if !english.is_empty() {
        problems.push(format!(
            "{case}: English under --lang zh:\n{}\n--- output\n{output}",
            english.join("\n")
        ));
    }
}

#[test]
fn the_checker_finds_english_and_passes_chinese() {
    assert_eq!(english_sentences("  × cannot read the file `x`").len(), 1);
    assert_eq!(english_sentences("  建议：did you mean `x`?").len(), 1);
    assert!(english_sentences("  × 未知字段 `budget.intial`").is_empty());
    assert!(english_sentences("perfeval::check::unknown_field").is_empty());
    assert!(
        english_sentences(" 12 │ ruleset \"x\" { fiscal_year 2023 cutoff 2023-02-30 }").is_empty()
    );
    assert_eq!(english_sentences("   ·      ╰── not a date here").len(), 1);
    assert!(english_sentences("注：跳过了 1 个文件：非项目文件 1 个（.txt）").is_empty());
    assert!(english_sentences("用法：perfeval rulesets show [选项] <名称>").is_empty());
    assert_eq!(
        english_sentences("  perfeval ships these rulesets").len(),
        1
    );
}

// ---- the catalogue ----

#[test]
fn every_entry_has_both_texts_with_the_same_placeholders() {
    let mut keys = BTreeSet::new();
    let mut problems = Vec::new();
    for entry in i18n::entries() {
        if !keys.insert(entry.key) {
            problems.push(format!("{}: the key is used twice", entry.key));
        }
        if !entry
            .key
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            problems.push(format!("{}: a key is upper-case", entry.key));
        }
        if entry.en.trim().is_empty() || entry.zh.trim().is_empty() {
            problems.push(format!("{}: an empty text", entry.key));
        }
        let en: BTreeSet<&str> = i18n::placeholders(entry.en).into_iter().collect();
        let zh: BTreeSet<&str> = i18n::placeholders(entry.zh).into_iter().collect();
        if en != zh {
            problems.push(format!("{}: placeholders {en:?} and {zh:?}", entry.key));
        }
        if !entry.zh.chars().any(is_cjk) {
            problems.push(format!(
                "{}: the Chinese text has no Chinese: {}",
                entry.key, entry.zh
            ));
        }
        if entry.zh.ends_with('。') || entry.en.ends_with('.') {
            problems.push(format!("{}: a message has no final stop", entry.key));
        }
    }
    assert!(keys.len() > 500, "{}", keys.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// `perfeval::check::unit_mismatch` is `CHECK_UNIT_MISMATCH`; `unit-mismatch`,
/// `FINDING_UNIT_MISMATCH`.
fn key_of(code: &str) -> String {
    match code.strip_prefix("perfeval::") {
        Some(rest) => rest.replace("::", "_").to_ascii_uppercase(),
        None => format!("FINDING_{}", code.replace('-', "_").to_ascii_uppercase()),
    }
}

#[test]
fn every_code_of_the_error_catalogue_and_every_engine_finding_has_a_message() {
    let text = std::fs::read_to_string(root().join("docs/errors.md")).unwrap();
    let mut engine = false;
    let mut codes = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with('#') {
            engine = line.to_lowercase().contains("engine findings");
            continue;
        }
        let Some(cell) = line.strip_prefix("| `") else {
            continue;
        };
        let code = cell.split('`').next().unwrap();
        if code.starts_with("perfeval::") || engine {
            codes.insert(code.to_owned());
        }
    }
    codes.extend(
        perfeval::finding::ENGINE_FINDINGS
            .iter()
            .map(|f| f.code.as_str().to_owned()),
    );
    assert!(codes.len() > 100, "{}", codes.len());
    let missing: Vec<String> = codes
        .iter()
        .filter(|code| {
            // A code whose message is made of several entries has them under its key:
            // `CHECK_NONSENSE_HELP`, `CHECK_ABOVE_MAXIMUM_SUM`.
            let key = key_of(code);
            let under = format!("{key}_");
            !i18n::entries().any(|e| e.key == key || e.key.starts_with(&under))
        })
        .map(|code| format!("{code} ({})", key_of(code)))
        .collect();
    assert!(missing.is_empty(), "no message for {missing:?}");
}

/// The key of a command-line command or argument, as `cli::lang` looks it up.
fn cli_key(parts: &[&str]) -> String {
    let mut key = String::from("CLI");
    for part in parts.iter().filter(|p| !p.is_empty()) {
        key.push('_');
        key.push_str(&part.to_ascii_uppercase().replace(['-', '.'], "_"));
    }
    key
}

/// A doc comment's text as clap shows it, for comparing with the catalogue's English:
/// lines joined, no final stop.
fn doc_text(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    text.strip_suffix('.').unwrap_or(&text).to_owned()
}

/// Every command of the command line with the parts of its key (`["rulesets",
/// "show"]`), the top command's first with none.
fn commands(cli: &clap::Command) -> Vec<(Vec<String>, &clap::Command)> {
    let mut all = vec![(Vec::new(), cli)];
    let mut i = 0;
    while let Some((path, command)) = all.get(i).cloned() {
        for sub in command.get_subcommands() {
            let mut path = path.clone();
            path.push(sub.get_name().to_owned());
            all.push((path, sub));
        }
        i += 1;
    }
    all
}

#[test]
fn every_command_and_argument_has_its_help() {
    let cli = perfeval::cli::Cli::command();
    let mut missing = Vec::new();
    let mut drifted = Vec::new();
    // The catalogue's English is what English help shows: it must say what the doc
    // comment says, or a change to the doc comment would be lost.
    let mut check = |key: String, doc: Option<String>| match (i18n::lookup(&key), doc) {
        (None, None) => missing.push(key),
        (None, Some(doc)) => missing.push(format!("{key} ({})", doc_text(&doc))),
        (Some(entry), Some(doc)) => {
            let english = i18n::render_in(Language::En, entry, &[]);
            if doc_text(&english) != doc_text(&doc) {
                drifted.push(format!(
                    "{key}:\n  catalogue: {english}\n  doc:       {doc}"
                ));
            }
        }
        (Some(_), None) => {}
    };
    let text = |s: Option<&clap::builder::StyledStr>| s.map(ToString::to_string);
    for (path, command) in commands(&cli) {
        let parts: Vec<&str> = path.iter().map(String::as_str).collect();
        let about = text(command.get_long_about().or(command.get_about()));
        if parts.is_empty() {
            check("CLI_ABOUT".to_owned(), about);
        } else {
            check(cli_key(&parts), about);
        }
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            let mut arg_parts = parts.clone();
            arg_parts.push(id);
            check(
                cli_key(&arg_parts),
                text(arg.get_long_help().or(arg.get_help())),
            );
            if !arg.get_action().takes_values() {
                continue;
            }
            for value in arg.get_possible_values() {
                let mut value_parts = arg_parts.clone();
                value_parts.push(value.get_name());
                check(cli_key(&value_parts), text(value.get_help()));
            }
            for value_name in arg.get_value_names().into_iter().flatten() {
                check(cli_key(&["VALUE", value_name.as_str()]), None);
            }
        }
    }
    assert!(
        missing.is_empty() && drifted.is_empty(),
        "no catalogue entry:\n{}\nthe doc comment and the catalogue differ:\n{}",
        missing.join("\n"),
        drifted.join("\n")
    );
}

// ---- choosing the language ----

#[test]
fn the_locale_chooses_chinese_and_lang_wins_over_it() {
    let args = [
        "check",
        "--rules",
        "no/such.rules",
        "examples/suzhou-2023-egov.toml",
    ];
    let chinese = "无法读取 `no/such.rules`";
    let english = "cannot read `no/such.rules`";
    let (_, stderr, _) = run_with(&[("LANG", "zh_CN.UTF-8")], &args);
    assert!(stderr.contains(chinese), "{stderr}");
    let (_, stderr, _) = run_with(
        &[("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "en_US.UTF-8")],
        &args,
    );
    assert!(stderr.contains(chinese), "{stderr}");
    let (_, stderr, _) = run_with(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "zh_CN.UTF-8")], &args);
    assert!(stderr.contains(english), "{stderr}");
    // No locale, or one that names no language (a server's `C`): Chinese, the users'.
    let (_, stderr, _) = run_with(&[], &args);
    assert!(stderr.contains(chinese), "{stderr}");
    let (_, stderr, _) = run_with(&[("LC_ALL", "C.UTF-8")], &args);
    assert!(stderr.contains(chinese), "{stderr}");
    let mut en = vec!["--lang", "en"];
    en.extend_from_slice(&args);
    let (_, stderr, _) = run_with(&[("LANG", "zh_CN.UTF-8")], &en);
    assert!(stderr.contains(english), "{stderr}");
    let mut zh_args = args.to_vec();
    zh_args.extend_from_slice(&["--lang", "zh"]);
    let (_, stderr, _) = run_with(&[("LC_ALL", "en_US.UTF-8")], &zh_args);
    assert!(stderr.contains(chinese), "{stderr}");
}

#[test]
fn the_library_speaks_english_unless_told() {
    let source =
        perfeval::source::SourceFile::new("r.rules", "ruleset \"x\" { cutoff 2023-02-30 }");
    let error = perfeval::parse(&source).unwrap_err();
    assert_eq!(error.to_string(), "`2023-02-30` is not a valid date");
    let zh = i18n::with_language(Language::Zh, || error.to_string());
    assert_eq!(zh, "`2023-02-30` 不是有效的日期");
}

// ---- no English under --lang zh ----

/// A clean form for `rulesets/2023.rules`.
const CLEAN: &str = "tests/fixtures/bad/accepted/clean.toml";

fn fixtures(folder: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| relative(&p))
        .collect();
    files.sort();
    files
}

#[test]
fn the_bad_rulesets_speak_chinese() {
    let files = fixtures("tests/fixtures/bad/rules");
    assert!(files.len() > 90, "{}", files.len());
    let mut problems = Vec::new();
    for file in files {
        let (stdout, stderr, code) = zh(&["check", "--rules", &file, CLEAN]);
        assert_eq!(code, 2, "{file}: {stderr}");
        english_in(&file, &format!("{stdout}{stderr}"), &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_bad_forms_speak_chinese() {
    let files = fixtures("tests/fixtures/bad/forms");
    assert!(files.len() > 60, "{}", files.len());
    let mut problems = Vec::new();
    for file in files {
        let (stdout, stderr, code) = zh(&["check", "--rules", "rulesets/2023.rules", &file]);
        assert_eq!(code, 2, "{file}: {stderr}");
        english_in(&file, &format!("{stdout}{stderr}"), &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn odd_forms_and_findings_speak_chinese() {
    let mut files = fixtures("tests/fixtures/bad/accepted");
    files.retain(|f| !f.ends_with(".rules"));
    files.extend(fixtures("tests/fixtures/eval/suzhou-2023"));
    for file in files {
        let (_, stderr, code) = zh(&[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--format",
            "json",
            &file,
        ]);
        assert!(code < 2, "{file}: {stderr}");
        assert_chinese(&file, &stderr);
        let (stdout, stderr, _) = zh(&["check", "--rules", "rulesets/2023.rules", &file]);
        // The table's rows are the form's words; the findings under it are messages.
        let findings = stdout.split_once("└").map_or("", |(_, rest)| rest);
        assert_chinese(&file, &format!("{findings}{stderr}"));
    }
}

/// Command-line mistakes, as in `cli.rs` and more: (case, arguments).
const MISUSES: &[(&str, &[&str])] = &[
    (
        "a missing form",
        &[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "no/such/form.toml",
        ],
    ),
    (
        "a missing ruleset",
        &["check", "--rules", "no/such.rules", CLEAN],
    ),
    ("no ruleset", &["check", CLEAN]),
    ("nothing", &["check"]),
    (
        "a folder as the ruleset",
        &["check", "--rules", "rulesets", CLEAN],
    ),
    (
        "a ruleset not named .rules",
        &["check", "--rules", "README.md", CLEAN],
    ),
    (
        "a broken chain",
        &["show", "--rules", "tests/fixtures/link/cycle/main.rules"],
    ),
    (
        "output over an input",
        &[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--output",
            CLEAN,
            CLEAN,
        ],
    ),
    (
        "an unknown argument",
        &["check", "--rulez", "rulesets/2023.rules", CLEAN],
    ),
    (
        "an unknown command",
        &["chekc", "--rules", "rulesets/2023.rules", CLEAN],
    ),
    (
        "an unknown format",
        &[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--format",
            "pdf",
            CLEAN,
        ],
    ),
    ("a missing value", &["check", "--rules"]),
    (
        "a bad size",
        &[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--max-file-size",
            "12XB",
            CLEAN,
        ],
    ),
    (
        "a size too large",
        &[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--max-file-size",
            "2GiB",
            CLEAN,
        ],
    ),
    ("a bad language", &["check", "--lang", "fr"]),
    (
        "summary with json",
        &[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--format",
            "json",
            "--summary",
            CLEAN,
        ],
    ),
    (
        "a report named like a form",
        &[
            "check",
            "--rules",
            "rulesets/2023.rules",
            "--output",
            "/tmp/perfeval-i18n-report.toml",
            CLEAN,
        ],
    ),
    (
        "standard input twice",
        &["check", "--rules", "rulesets/2023.rules", "-", "-"],
    ),
    (
        "a file of another kind",
        &["check", "--rules", "rulesets/2023.rules", "README.md"],
    ),
    (
        "a folder without forms",
        &["check", "--rules", "rulesets/2023.rules", "docs"],
    ),
    (
        "a template named like a form",
        &[
            "template",
            "--rules",
            "rulesets/2023.rules",
            "-o",
            "/tmp/perfeval-i18n-form.toml",
        ],
    ),
    (
        "import of a project file",
        &["import", "--rules", "rulesets/2023.rules", CLEAN],
    ),
    (
        "explain of another kind",
        &["explain", "--rules", "rulesets/2023.rules", "README.md"],
    ),
    (
        "a folder holding no form",
        &["import", "--rules", "rulesets/2023.rules", "rulesets"],
    ),
    ("the man page of no command", &["man", "nope"]),
    ("completions for no shell", &["completions", "tcsh"]),
    (
        "an unknown colour choice",
        &["check", "--color", "sometimes"],
    ),
];

#[test]
fn command_line_misuses_speak_chinese() {
    let mut problems = Vec::new();
    for (case, args) in MISUSES {
        let (stdout, stderr, code) = zh(args);
        assert_eq!(code, 2, "{case}: {stdout}{stderr}");
        assert!(!stderr.is_empty(), "{case}");
        english_in(case, &format!("{stdout}{stderr}"), &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn help_speaks_chinese() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["help", "check"],
        &["check", "--help"],
        &["check", "-h"],
        &["show", "--help"],
        &["import", "--help"],
        &["explain", "--help"],
        &["template", "--help"],
        &["rulesets", "--help"],
        &["rulesets", "show", "--help"],
        &["help", "rulesets", "show"],
        &["completions", "--help"],
        &["man", "--help"],
        &["fmt", "--help"],
        &["diff", "--help"],
        &["diff", "-h"],
        &["test", "--help"],
        &[],
    ] {
        let (stdout, stderr, _) = zh(args);
        let shown = format!("{stdout}{stderr}");
        assert!(shown.contains("用法："), "{args:?}: {shown}");
        assert!(
            !shown.contains("Usage") && !shown.contains("Options"),
            "{args:?}: {shown}"
        );
        assert_chinese(&format!("{args:?}"), &shown);
    }
    let (stdout, _, code) = run_with(&[("LANG", "zh_CN.UTF-8")], &["check", "--help"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("选项："), "{stdout}");
    let (stdout, _, _) = run_with(
        &[("LANG", "zh_CN.UTF-8")],
        &["--lang", "en", "check", "--help"],
    );
    assert!(stdout.contains("Options:"), "{stdout}");
}

// ---- the commands merged in later: rulesets, fmt, diff, test, explain ----

/// A ruleset that parses and is not in the canonical layout.
const UNFORMATTED: &str = "ruleset \"x\" {  version \"1\" }\n";

/// Every way the newer commands speak: (case, arguments); each run's whole output is
/// checked (standard output and error alike).
const NEWER_COMMANDS: &[(&str, &[&str])] = &[
    ("the shipped rulesets", &["rulesets"]),
    ("no shipped ruleset", &["rulesets", "show", "2024"]),
    ("no ruleset of a name", &["check", "--rules", "2024", CLEAN]),
    (
        "a base of a shipped name",
        &[
            "check",
            "--rules",
            "tests/fixtures/bad/rules/link-missing-base.rules",
            CLEAN,
        ],
    ),
    (
        "tests that pass",
        &["test", "rulesets/tests/2023/examples.test.toml"],
    ),
    (
        "tests that fail",
        &["test", "tests/fixtures/ruletest/wrong"],
    ),
    (
        "tests of projects that cannot be evaluated",
        &["test", "tests/fixtures/ruletest/errors"],
    ),
    (
        "test files that are wrong",
        &["test", "tests/fixtures/ruletest/bad"],
    ),
    (
        "coverage",
        &["test", "tests/fixtures/ruletest/kinds", "--coverage"],
    ),
    (
        "coverage all exercised",
        &["test", "rulesets/tests/2023", "--coverage-fail"],
    ),
    (
        "not a test file",
        &["test", "examples/suzhou-2023-egov.toml"],
    ),
    ("no test file in a folder", &["test", "examples"]),
    (
        "a diff with forms that fail",
        &[
            "diff",
            "--rules",
            "rulesets/2023.rules",
            "--rules",
            "examples/policy-changes/deduction-3pct.rules",
            "tests/fixtures/eval/suzhou-2023",
            "examples",
        ],
    ),
    (
        "a diff with ratings",
        &[
            "diff",
            "--rules",
            "rulesets/2023.rules",
            "--rules",
            "examples/policy-changes/rating-bands.rules",
            "tests/fixtures/eval/suzhou-2023",
        ],
    ),
    (
        "a diff of forms that fit one ruleset",
        &[
            "diff",
            "--rules",
            "rulesets/2023.rules",
            "--rules",
            "rulesets/mof-2020.rules",
            "examples/suzhou-2023-egov.toml",
            "examples/mof-2020-zhongjiang-water-gauge.toml",
        ],
    ),
    (
        "a diff of one ruleset",
        &["diff", "--rules", "rulesets/2023.rules", CLEAN],
    ),
    (
        "explain",
        &[
            "explain",
            "--rules",
            "rulesets/2023.rules",
            "examples/suzhou-2023-with-findings.toml",
        ],
    ),
    (
        "explain a 2020 form",
        &[
            "explain",
            "--rules",
            "rulesets/mof-2020.rules",
            "examples/mof-2020-rural-road-with-findings.toml",
        ],
    ),
    (
        "fmt of a ruleset that does not parse",
        &[
            "fmt",
            "--check",
            "tests/fixtures/bad/rules/syntax-single-equals.rules",
        ],
    ),
];

#[test]
fn the_newer_commands_speak_chinese() {
    let mut problems = Vec::new();
    for (case, args) in NEWER_COMMANDS {
        let (stdout, stderr, _) = zh(args);
        assert!(!stdout.is_empty() || !stderr.is_empty(), "{case}");
        english_in(case, &format!("{stdout}{stderr}"), &mut problems);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.rules");
    std::fs::write(&file, UNFORMATTED).unwrap();
    let (stdout, stderr, code) = zh(&["fmt", "--check", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.contains("（格式化后）"), "{stdout}");
    english_in("fmt --check", &format!("{stdout}{stderr}"), &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// A ruleset to add items to: one category, one pool, a completion formula.
const LANGUAGE_BASE: &str = r#"ruleset "测试" { fiscal_year 2023 cutoff 2023-12-31 }
form {
  section budget "预算" { initial: amount "年初预算数" }
  rows indicators "指标" {
    category: text "类别" name: text "名称" target: measure "目标值" weight: points "权重"
    actual: optional measure "实际完成值"
  }
}
category 产出 { scored_by 产出类 }
pool 全部 100 分 { categories 产出 split evenly }
completion { = >= > <= < : actual / target }
"#;

/// Rulesets whose newer language (constants, `outer`, comparisons of a thing with
/// itself, open ends, `residual to none`) is wrong: (case, items added to [`LANGUAGE_BASE`]).
const LANGUAGE_MISTAKES: &[(&str, &str)] = &[
    (
        "constants",
        "let 上限 = 130\nlet total = 5\nlet pools = 1\nlet 甲 = 乙\nlet 乙 = 甲\n\
         class 产出类 { full 100% to 上限 below deduct 5% per 1% above deduct 1% per 1% }",
    ),
    (
        "outer outside a filter",
        "class 产出类 { full 100% to 130% below deduct 5% per 1% above deduct 1% per 1% }\n\
         check o warning { outer.weight > 0 }\n\
         check p warning for indicators { outer.weight > 0 }",
    ),
    (
        "comparisons of a thing with itself",
        "class 产出类 { full 100% to 130% below deduct 5% per 1% above deduct 1% per 1% }\n\
         check t warning for indicators { weight == weight }\n\
         check u warning for indicators { count(indicators[name == name]) >= 1 }\n\
         check v warning for indicators { count(indicators[weight != 1 分 + weight]) >= 1 }",
    ),
    (
        "ranges that cover nothing, twice or not at all, open ends, a residual to none",
        "class 产出类 { full 100% to 100% exclusive below deduct 5% per 1% }\n\
         grades { 好 [80%, 100%] 中 [70%, 85%] 差 [0%, 60%) 空 [50%, 50%) }\n\
         category 效益 { scored_by 产出类 }\n\
         pool 其他 10 分 { categories 效益 split evenly residual to none }",
    ),
];

#[test]
fn the_newer_language_speaks_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    for (case, items) in LANGUAGE_MISTAKES {
        let file = dir.path().join("r.rules");
        std::fs::write(&file, format!("{LANGUAGE_BASE}{items}\n")).unwrap();
        let (_, stderr, _) = zh(&["show", "--rules", file.to_str().unwrap()]);
        assert!(stderr.contains("perfeval::check::"), "{case}: {stderr}");
        english_in(case, &stderr, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

// ---- a few renderings, for review ----

#[test]
fn chinese_renderings() {
    let cases: &[(&str, &[&str])] = &[
        (
            "parse",
            &[
                "check",
                "--rules",
                "tests/fixtures/bad/rules/syntax-single-equals.rules",
                CLEAN,
            ],
        ),
        (
            "check",
            &[
                "check",
                "--rules",
                "tests/fixtures/bad/rules/logic-unknown-field.rules",
                CLEAN,
            ],
        ),
        (
            "data",
            &[
                "check",
                "--rules",
                "rulesets/2023.rules",
                "tests/fixtures/bad/forms/many-problems.toml",
            ],
        ),
        (
            "findings",
            &[
                "check",
                "--rules",
                "rulesets/2023.rules",
                "examples/suzhou-2023-with-findings.toml",
            ],
        ),
        ("clap", &["check", "--rulez", "rulesets/2023.rules", CLEAN]),
        ("help", &["check", "-h"]),
        ("rulesets", &["rulesets"]),
        ("rulesets-unknown", &["check", "--rules", "2024", CLEAN]),
        ("test-failures", &["test", "tests/fixtures/ruletest/wrong"]),
        (
            "test-coverage",
            &["test", "tests/fixtures/ruletest/kinds", "--coverage"],
        ),
        (
            "test-bad-file",
            &[
                "test",
                "tests/fixtures/ruletest/bad/invalid_value.test.toml",
            ],
        ),
        (
            "diff-one-ruleset",
            &["diff", "--rules", "rulesets/2023.rules", CLEAN],
        ),
        ("diff-help", &["diff", "-h"]),
        (
            "fmt-check",
            &[
                "fmt",
                "--check",
                "tests/fixtures/link/missing_base/main.rules",
            ],
        ),
    ];
    for (name, args) in cases {
        let (stdout, stderr, code) = zh(args);
        insta::assert_snapshot!(
            format!("zh-{name}"),
            format!("exit status: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}")
        );
    }
}

/// The stage fixtures the library tests use, rendered in Chinese: rulesets through the
/// command line (`show` parses, links and checks), project files through the library
/// against the data tests' form.
#[test]
fn every_stage_fixture_speaks_chinese() {
    let mut problems = Vec::new();
    let mut rulesets = fixtures("tests/fixtures/parse/err");
    rulesets.extend(fixtures("tests/fixtures/check/err"));
    let links = std::fs::read_dir(root().join("tests/fixtures/link")).unwrap();
    let mut links: Vec<String> = links
        .map(|e| e.unwrap().path().join("main.rules"))
        .filter(|p| p.is_file())
        .map(|p| relative(&p))
        .collect();
    links.sort();
    rulesets.extend(links);
    for file in &rulesets {
        let (stdout, stderr, _) = zh(&["show", "--rules", file]);
        let shown = if stderr.is_empty() {
            String::new()
        } else {
            format!("{stdout}{stderr}")
        };
        english_in(file, &shown, &mut problems);
    }
    let data = fixtures("tests/fixtures/data/err");
    assert!(data.len() > 20, "{}", data.len());
    for file in data {
        let name = file.trim_start_matches("tests/fixtures/data/");
        let rendered = i18n::with_language(Language::Zh, || {
            crate::data::load(name).map_or_else(|e| crate::common::render(&e), |_| String::new())
        });
        assert!(!rendered.is_empty(), "{name} loads");
        english_in(name, &rendered, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// Every help a ruleset's or a form's error gets in English it gets in Chinese too: a
/// help decided by matching words of the English message (`finding code`) was lost under
/// `--lang zh`. The runs are spread over threads (each is a process).
#[test]
fn every_error_has_its_help_in_both_languages() {
    let rulesets = fixtures("tests/fixtures/bad/rules")
        .into_iter()
        .filter(|f| f.ends_with(".rules"));
    let rulesets = rulesets.map(|file| [file, CLEAN.to_owned()]);
    let forms = fixtures("tests/fixtures/bad/forms").into_iter();
    let forms = forms.map(|file| ["rulesets/2023.rules".to_owned(), file]);
    let cases: Vec<[String; 2]> = rulesets.chain(forms).collect();
    let compare = |[rules, file]: &[String; 2]| {
        let args = ["check", "--rules", rules.as_str(), file.as_str()];
        let (_, english, _) = crate::common::run(&args);
        let (_, chinese, _) = zh(&args);
        let helps = (
            english.matches("help:").count(),
            chinese.matches("建议：").count(),
        );
        (helps.0 != helps.1).then(|| {
            format!(
                "{rules} {file}: {} helps in English, {} in Chinese",
                helps.0, helps.1
            )
        })
    };
    let problems: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = cases
            .chunks(cases.len().div_ceil(4).max(1))
            .map(|chunk| scope.spawn(move || chunk.iter().filter_map(compare).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[cfg(unix)]
#[test]
fn a_loop_of_links_and_a_long_jsonl_line_are_named_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("b.toml", dir.path().join("a.toml")).unwrap();
    std::os::unix::fs::symlink("a.toml", dir.path().join("b.toml")).unwrap();
    let rules = root().join("rulesets/2023.rules");
    let rules = rules.to_str().unwrap();
    let (_, stderr, code) = run_in(
        dir.path(),
        &[],
        &["--lang", "zh", "check", "--rules", rules, "a.toml"],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("符号链接层数过多"), "{stderr}");
    assert_chinese("a loop of links", &stderr);

    std::fs::write(
        dir.path().join("long.jsonl"),
        format!("{{\"x\": \"{}\"}}\n", "a".repeat(200)),
    )
    .unwrap();
    let args = [
        "--lang",
        "zh",
        "check",
        "--rules",
        "2023",
        "--max-file-size",
        "100",
        "--jsonl",
        "long.jsonl",
    ];
    let (_, stderr, code) = run_in(dir.path(), &[], &args);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`long.jsonl:1`：这一行超过大小上限"),
        "{stderr}"
    );
    assert_chinese("a long line", &stderr);
}

/// `--lang` given again (an alias adds one, the user another) is no mistake: the last is
/// the language of the run, as the messages printed before the command line is parsed
/// take it. It was refused, in English, as an option given twice.
#[test]
fn lang_given_again_takes_the_last() {
    let form = "examples/suzhou-2023-with-findings.toml";
    for (first, last, said) in [("zh", "en", " (error)"), ("en", "zh", "（错误）")] {
        let (stdout, stderr, code) = crate::common::run(&[
            "check", "--lang", first, "--rules", "2023", "--lang", last, form,
        ]);
        assert_eq!(code, 1, "{stderr}");
        let all = format!("{stdout}{stderr}");
        assert!(all.contains(&format!("funds-balance{said}")), "{all}");
    }
}
