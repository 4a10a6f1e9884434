//! The TextMate grammar `editors/perfeval.tmLanguage.json` highlights the language as
//! the parser reads it.
//!
//! Its regular expressions are compiled with the `regex` crate: editors run them with
//! Oniguruma, so they keep to what both read (no lookaround, no backreferences). A small
//! tokenizer here applies them as TextMate does, line by line: at each place the pattern
//! whose match starts first wins, the earlier pattern on a tie; inside a `begin`/`end`
//! pattern, its own patterns compete with `end`, which wins a tie. Then:
//!
//! - every spelling of every keyword of `grammar/perfeval.pest` (read from the grammar,
//!   not copied here) is highlighted as a keyword;
//! - every line of the shipped rulesets and the policy-change examples is covered, all
//!   but its white space;
//! - every keyword the parser finds in them (`perfeval::syntax::keywords`) is
//!   highlighted as a keyword, a literal's unit or a boolean.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::LazyLock;

use regex::Regex;

use crate::common::root;

/// One pattern of the grammar, with its includes resolved.
enum Pattern {
    Match {
        scope: Option<String>,
        regex: Regex,
        captures: BTreeMap<usize, String>,
    },
    Block {
        scope: Option<String>,
        begin: Regex,
        end: Regex,
        inner: Vec<Pattern>,
    },
}

/// A stretch of a line and its scope.
#[derive(Clone, Debug)]
struct Token {
    start: usize,
    end: usize,
    scope: String,
}

fn grammar() -> serde_json::Value {
    let path = root().join("editors/perfeval.tmLanguage.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn compile(source: &str) -> Regex {
    Regex::new(source).unwrap_or_else(|e| panic!("`{source}` does not compile: {e}"))
}

fn scope(pattern: &serde_json::Value) -> Option<String> {
    pattern["name"].as_str().map(str::to_owned)
}

/// The patterns of a list, each `include` replaced by the repository's patterns.
fn patterns(list: &serde_json::Value, repository: &serde_json::Value) -> Vec<Pattern> {
    let mut out = Vec::new();
    for pattern in list.as_array().into_iter().flatten() {
        if let Some(include) = pattern["include"].as_str() {
            let name = include
                .strip_prefix('#')
                .expect("only #repository includes");
            let entry = &repository[name];
            assert!(entry.is_object(), "`{include}` is not in the repository");
            out.extend(patterns(&entry["patterns"], repository));
        } else if let Some(source) = pattern["match"].as_str() {
            let captures = pattern["captures"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(group, capture)| {
                    (
                        group.parse().unwrap(),
                        scope(capture).expect("a named capture"),
                    )
                })
                .collect();
            out.push(Pattern::Match {
                scope: scope(pattern),
                regex: compile(source),
                captures,
            });
        } else {
            let (begin, end) = (pattern["begin"].as_str(), pattern["end"].as_str());
            out.push(Pattern::Block {
                scope: scope(pattern),
                begin: compile(begin.expect("match, begin or include")),
                end: compile(end.expect("an end for every begin")),
                inner: patterns(&pattern["patterns"], repository),
            });
        }
    }
    out
}

/// The grammar's patterns, compiled once for every test.
fn top_level() -> &'static [Pattern] {
    static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
        let grammar = grammar();
        patterns(&grammar["patterns"], &grammar["repository"])
    });
    &PATTERNS
}

/// The pattern that matches first at or after `at` (the earlier one on a tie), with
/// where its match starts.
fn first<'p>(patterns: &'p [Pattern], line: &str, at: usize) -> Option<(usize, &'p Pattern)> {
    let mut best: Option<(usize, &Pattern)> = None;
    for pattern in patterns {
        let regex = match pattern {
            Pattern::Match { regex, .. } => regex,
            Pattern::Block { begin, .. } => begin,
        };
        let Some(found) = regex.find_at(line, at).filter(|m| !m.is_empty()) else {
            continue;
        };
        if best.is_none_or(|(start, _)| found.start() < start) {
            best = Some((found.start(), pattern));
        }
    }
    best
}

/// The tokens of a line, from `at` on.
fn tokenize(patterns: &[Pattern], line: &str, mut at: usize, tokens: &mut Vec<Token>) {
    while let Some((_, pattern)) = first(patterns, line, at) {
        at = apply(pattern, line, at, tokens);
    }
}

/// Applies a pattern at its first match from `at`; where its tokens end.
fn apply(pattern: &Pattern, line: &str, at: usize, tokens: &mut Vec<Token>) -> usize {
    match pattern {
        Pattern::Match {
            scope,
            regex,
            captures,
        } => {
            let caps = regex.captures_at(line, at).unwrap();
            let whole = caps.get(0).unwrap();
            push(tokens, whole.start(), whole.end(), scope.as_deref());
            for (group, name) in captures {
                if let Some(m) = caps.get(*group) {
                    push(tokens, m.start(), m.end(), Some(name));
                }
            }
            whole.end()
        }
        Pattern::Block {
            scope,
            begin,
            end,
            inner,
        } => {
            let opened = begin.find_at(line, at).unwrap();
            let closed = block(inner, end, line, opened.end(), tokens);
            push(tokens, opened.start(), closed, scope.as_deref());
            closed
        }
    }
}

/// Tokenizes inside a block from `at` up to its end (or the line's): its own patterns
/// compete with `end`, which wins a tie. Where the block ends.
fn block(
    inner: &[Pattern],
    end: &Regex,
    line: &str,
    mut at: usize,
    tokens: &mut Vec<Token>,
) -> usize {
    loop {
        let closing = end.find_at(line, at);
        let opening = first(inner, line, at);
        let pattern = match (closing, opening) {
            (Some(close), Some((start, pattern))) if start < close.start() => pattern,
            (Some(close), _) => return close.end(),
            (None, Some((_, pattern))) => pattern,
            (None, None) => return line.len(),
        };
        at = apply(pattern, line, at, tokens);
    }
}

fn push(tokens: &mut Vec<Token>, start: usize, end: usize, scope: Option<&str>) {
    tokens.push(Token {
        start,
        end,
        scope: scope.unwrap_or("").to_owned(),
    });
}

/// The innermost named token that covers `start..end`.
fn scope_at(tokens: &[Token], start: usize, end: usize) -> Option<&str> {
    tokens
        .iter()
        .filter(|t| t.start <= start && end <= t.end && !t.scope.is_empty())
        .min_by_key(|t| t.end - t.start)
        .map(|t| t.scope.as_str())
}

fn tokens_of(line: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize(top_level(), line, 0, &mut tokens);
    tokens
}

/// Every spelling of every keyword, read from the grammar's `kw_*` rules.
fn keyword_spellings() -> BTreeMap<String, Vec<String>> {
    let grammar = std::fs::read_to_string(root().join("grammar/perfeval.pest")).unwrap();
    let mut keywords = BTreeMap::new();
    for line in grammar.lines() {
        let Some((name, rule)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        if !name.starts_with("kw_") {
            continue;
        }
        // `("ruleset" | "规则集") ~ !ident_continue`: the quoted words.
        let words = rule
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect();
        keywords.insert(name.to_owned(), words);
    }
    keywords
}

fn is_keyword_scope(scope: &str) -> bool {
    scope.starts_with("keyword.") || scope.starts_with("constant.language.boolean.")
}

#[test]
fn the_grammar_is_named_and_every_regex_compiles() {
    let grammar = grammar();
    assert_eq!(grammar["scopeName"], "source.perfeval");
    assert_eq!(grammar["fileTypes"][0], "rules");
    // Compiling is the test: `top_level` panics on a regex the crate refuses.
    let patterns = top_level();
    assert!(patterns.len() > 15);
    let text = std::fs::read_to_string(root().join("editors/perfeval.tmLanguage.json")).unwrap();
    for lookaround in ["(?=", "(?!", "(?<=", "(?<!"] {
        assert!(!text.contains(lookaround), "Oniguruma only: `{lookaround}`");
    }
}

#[test]
fn every_keyword_of_the_grammar_is_highlighted_in_both_languages() {
    let keywords = keyword_spellings();
    assert!(keywords.len() > 80, "{keywords:?}");
    assert_eq!(keywords["kw_ruleset"], ["ruleset", "规则集"]);
    let mut missed = Vec::new();
    for (rule, words) in &keywords {
        for word in words {
            // Alone, and between other words, as it stands in a ruleset.
            for line in [word.clone(), format!("x {word} y"), format!("({word})")] {
                let at = line.find(word.as_str()).unwrap();
                let tokens = tokens_of(&line);
                let scope = scope_at(&tokens, at, at + word.len());
                if !scope.is_some_and(is_keyword_scope) {
                    missed.push(format!("{rule} `{word}` in `{line}`: {scope:?}"));
                }
            }
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

#[test]
fn a_keyword_inside_a_name_is_a_name() {
    for (line, word) in [
        ("产出类", "产出类"),
        ("个性指标", "个性指标"),
        ("totals_x", "totals_x"),
    ] {
        let tokens = tokens_of(line);
        assert_eq!(
            scope_at(&tokens, 0, word.len()),
            Some("variable.other.perfeval")
        );
    }
}

#[test]
fn literals_codes_and_comments() {
    let cases = [
        ("max_score 80 分", "80 分", "constant.numeric.perfeval"),
        ("max_score 80分", "80分", "constant.numeric.perfeval"),
        ("below deduct 5% per 1%", "5%", "constant.numeric.perfeval"),
        (
            "x >= 1679.7 万元",
            "1679.7 万元",
            "constant.numeric.perfeval",
        ),
        (
            "cutoff 2023-12-31",
            "2023-12-31",
            "constant.numeric.date.perfeval",
        ),
        (
            "check budget-balance error {",
            "budget-balance",
            "constant.other.finding-code.perfeval",
        ),
        (
            "message \"应为 {x * (if unit == “%” then 1 else 100)}\"",
            "if",
            "keyword.control.perfeval",
        ),
        (
            "message \"应为 {x * (if unit == “%” then 1 else 100)}\"",
            "“%”",
            "string.quoted.other.chinese.perfeval",
        ),
        (
            "check wrongyear error {",
            "wrongyear",
            "constant.other.finding-code.perfeval",
        ),
        (
            "check budget-balance error {",
            "error",
            "constant.language.severity.perfeval",
        ),
        (
            "核对 a-b 警告",
            "警告",
            "constant.language.severity.perfeval",
        ),
        (
            "version \"2023.1\"",
            "\"2023.1\"",
            "string.quoted.double.perfeval",
        ),
        (
            "labels “产出指标”",
            "“产出指标”",
            "string.quoted.other.chinese.perfeval",
        ),
        (
            "message \"应为 \\\"{x}\\\"\"",
            "\\\"",
            "constant.character.escape.perfeval",
        ),
        (
            "message \"应为 {expected_weight}\"",
            "{expected_weight}",
            "meta.template.expression.perfeval",
        ),
        (
            "/// 填表说明 4",
            "/// 填表说明 4",
            "comment.line.documentation.perfeval",
        ),
        (
            "//! 规则",
            "//! 规则",
            "comment.line.documentation.file.perfeval",
        ),
        (
            "//// ────",
            "//// ────",
            "comment.line.double-slash.perfeval",
        ),
        ("x // 注", "// 注", "comment.line.double-slash.perfeval"),
        ("a ≤ b", "≤", "keyword.operator.perfeval"),
        ("weight: 分值 \"权重\"", "分值", "support.type.perfeval"),
        (
            "actual: optional measure \"x\"",
            "measure",
            "support.type.perfeval",
        ),
        (
            "rounding 0.01 half_away_from_zero",
            "half_away_from_zero",
            "support.constant.rounding.perfeval",
        ),
        (
            "舍入 0.01 四舍五入",
            "四舍五入",
            "support.constant.rounding.perfeval",
        ),
        ("最小(a, b)", "最小", "entity.name.function.perfeval"),
    ];
    for (line, part, expected) in cases {
        let at = line.find(part).unwrap();
        let tokens = tokens_of(line);
        assert_eq!(
            scope_at(&tokens, at, at + part.len()),
            Some(expected),
            "`{part}` in `{line}`: {tokens:?}"
        );
    }
}

/// The rulesets that ship, and the examples of policy changes.
fn rulesets() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = perfeval::shipped::RULESETS
        .iter()
        .map(|s| (s.path(), s.text.to_owned()))
        .collect();
    let examples = root().join("examples/policy-changes");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| perfeval::input::is_rules_name(p))
        .collect();
    paths.sort();
    for path in paths {
        out.push((
            path.display().to_string(),
            std::fs::read_to_string(&path).unwrap(),
        ));
    }
    out
}

/// Each line's tokens, at their places in the whole text.
fn tokens_of_text(text: &str) -> Vec<Token> {
    let patterns = top_level();
    let mut all = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let mut tokens = Vec::new();
        tokenize(patterns, line, 0, &mut tokens);
        all.extend(tokens.into_iter().map(|t| Token {
            start: t.start + offset,
            end: t.end + offset,
            scope: t.scope,
        }));
        offset += raw.len();
    }
    all
}

#[test]
fn every_line_of_the_shipped_rulesets_is_highlighted() {
    let rulesets = rulesets();
    assert!(rulesets.len() > 10);
    let patterns = top_level();
    let mut missed = Vec::new();
    for (name, text) in &rulesets {
        for (number, line) in text.lines().enumerate() {
            let mut tokens = Vec::new();
            tokenize(patterns, line, 0, &mut tokens);
            for (at, c) in line.char_indices() {
                let white = matches!(c, ' ' | '\t' | '\u{3000}' | '\u{feff}');
                let covered = tokens.iter().any(|t| t.start <= at && at < t.end);
                if !white && !covered {
                    missed.push(format!("{name}:{}: `{c}` in `{line}`", number + 1));
                    break;
                }
            }
        }
    }
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}

#[test]
fn every_keyword_the_parser_reads_is_highlighted_as_one() {
    let mut missed = Vec::new();
    let mut seen = 0;
    for (name, text) in rulesets() {
        let source = perfeval::source::SourceFile::new(name.as_str(), text.as_str());
        let keywords = perfeval::syntax::keywords(&source)
            .unwrap_or_else(|e| panic!("{}", crate::common::render(&e)));
        let tokens = tokens_of_text(&text);
        for span in keywords {
            seen += 1;
            let (start, end) = (span.start as usize, span.end as usize);
            let scope = scope_at(&tokens, start, end);
            // A unit is part of its number (`80 分`); a keyword in a message's hole is part
            // of the text.
            let fits = scope.is_some_and(|s| {
                is_keyword_scope(s)
                    || s == "constant.numeric.perfeval"
                    || s == "meta.template.expression.perfeval"
            });
            if !fits {
                let at = source.line_col(span.start);
                missed.push(format!("{name}:{at}: `{}` is {scope:?}", &text[start..end]));
            }
        }
    }
    assert!(seen > 500, "{seen} keywords");
    assert!(missed.is_empty(), "{}", missed.join("\n"));
}
