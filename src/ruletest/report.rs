//! The results of a run of ruleset tests, written as `cargo test` writes its own: a
//! line per case, then each failure with what differs, then the parts of each ruleset
//! no case exercised (with `--coverage`), then one line with the counts.
//!
//! Every text from a test file, a project or a ruleset is shown with its control
//! characters written out, as everywhere perfeval writes to a terminal.

use std::fmt::Write as _;

use super::Mismatch;
use crate::i18n::{Msg, t};
use crate::source::{SourceFile, Span};
use crate::text::visible;

/// What came of one case against one ruleset.
#[derive(Clone, Debug)]
pub struct CaseResult {
    /// The test file, named as the run found it (`2023/seed.test.toml`).
    pub file: String,
    /// The test file's text, to say on which line an expectation is.
    pub source: SourceFile,
    /// The case's name.
    pub name: String,
    /// The ruleset, where the file names several: the case runs once against each.
    pub ruleset: Option<String>,
    /// The ruleset, as read.
    pub ruleset_path: String,
    /// Every way the evaluation differs from the case; none where it passes.
    pub mismatches: Vec<Mismatch>,
}

impl CaseResult {
    /// Whether the case passed.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }

    /// `2023/seed.test.toml::种子表`, and the ruleset where the file names several.
    #[must_use]
    pub fn title(&self) -> String {
        let mut title = format!("{}::{}", self.file, self.name);
        if let Some(ruleset) = &self.ruleset {
            let _ = write!(title, " [{ruleset}]");
        }
        visible(&title).into_owned()
    }
}

/// The parts of one ruleset that no case exercised.
#[derive(Clone, Debug)]
pub struct Coverage {
    /// The ruleset, as read.
    pub ruleset: String,
    /// How many parts it has.
    pub parts: usize,
    /// Those no case exercised: where (`FILE:LINE`), what, what would, and the clause.
    pub gaps: Vec<Gap>,
}

/// A part of a ruleset no case exercised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    /// `rulesets/2023.rules:93`.
    pub origin: String,
    /// What it is (`check `budget-balance``).
    pub what: String,
    /// What a case must do to exercise it.
    pub needs: &'static Msg,
    /// The policy clause it implements.
    pub clause: String,
}

/// Everything a run of `perfeval test` found.
#[derive(Clone, Debug, Default)]
pub struct Results {
    /// Every case against every ruleset, in the order run.
    pub cases: Vec<CaseResult>,
    /// Test files that could not be run (their diagnostics are written apart).
    pub broken: usize,
    /// Each ruleset's coverage, where asked for.
    pub coverage: Vec<Coverage>,
}

impl Results {
    /// How many cases failed.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.cases.iter().filter(|c| !c.passed()).count()
    }

    /// Whether some ruleset has a part no case exercised.
    #[must_use]
    pub fn has_gaps(&self) -> bool {
        self.coverage.iter().any(|c| !c.gaps.is_empty())
    }
}

/// The report as text.
#[must_use]
pub fn text(results: &Results) -> String {
    let mut out = String::new();
    let count = results.cases.len();
    let running = if count == 1 {
        t!(TEST_RUNNING_ONE, count)
    } else {
        t!(TEST_RUNNING, count)
    };
    let _ = writeln!(out, "{running}");
    for case in &results.cases {
        let verdict = if case.passed() {
            t!(TEST_OK)
        } else {
            t!(TEST_FAILED)
        };
        let _ = writeln!(out, "{}", t!(TEST_CASE_LINE, title = case.title(), verdict));
    }
    let failed: Vec<&CaseResult> = results.cases.iter().filter(|c| !c.passed()).collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "\n{}", t!(TEST_FAILURES));
        for case in &failed {
            failure(&mut out, case);
        }
        let _ = writeln!(out, "\n{}", t!(TEST_FAILURES));
        for case in &failed {
            let _ = writeln!(out, "    {}", case.title());
        }
    }
    for coverage in &results.coverage {
        covered(&mut out, coverage);
    }
    summary(&mut out, results);
    out
}

fn failure(out: &mut String, case: &CaseResult) {
    let _ = writeln!(out, "\n---- {} ----", case.title());
    let path = visible(&case.ruleset_path);
    let _ = writeln!(out, "{}", t!(TEST_RULESET, path));
    for mismatch in &case.mismatches {
        match mismatch {
            Mismatch::Value {
                what,
                expected,
                actual,
                at,
            } => {
                let _ = writeln!(out, "  {}{}", visible(what), place(case, *at));
                let _ = writeln!(
                    out,
                    "      {}",
                    t!(TEST_EXPECTED, value = visible(expected))
                );
                let _ = writeln!(out, "      {}", t!(TEST_ACTUAL, value = visible(actual)));
            }
            Mismatch::Findings {
                what,
                missing,
                unexpected,
                at,
            } => {
                let _ = writeln!(out, "  {}{}", visible(what), place(case, *at));
                for code in missing {
                    let code = visible(code);
                    let _ = writeln!(out, "      {}", t!(TEST_NOT_RAISED, code));
                }
                for (code, message) in unexpected {
                    let (code, message) = (visible(code), visible(message));
                    let _ = writeln!(out, "      {}", t!(TEST_NOT_EXPECTED, code, message));
                }
            }
            Mismatch::UnknownCode { code, help, at } => {
                // The key of the test file the codes are written under.
                let _ = writeln!(out, "  findings{}", place(case, *at));
                let code = visible(code);
                let _ = write!(out, "      {}", t!(TEST_UNKNOWN_CODE, code));
                match help {
                    Some(help) => {
                        let _ = writeln!(out, "{}{help}", t!(LIST_COLON));
                    }
                    None => out.push('\n'),
                }
            }
            Mismatch::NoRow { reason, at } => {
                let what = t!(TEST_WHAT_INDICATOR);
                let _ = writeln!(out, "  {what}{}", place(case, *at));
                let _ = writeln!(out, "      {}", visible(reason));
            }
            Mismatch::NotEvaluated { rendered } => {
                let _ = writeln!(out, "  {}", t!(TEST_NOT_EVALUATED));
                for line in rendered.lines() {
                    let _ = writeln!(out, "{}", format!("    {line}").trim_end());
                }
            }
        }
    }
}

/// ` (seed.test.toml:12)`: the line of an expectation.
fn place(case: &CaseResult, at: Span) -> String {
    if at == Span::default() {
        return String::new();
    }
    let line = case.source.line_col(at.start).line;
    format!(" ({}:{line})", visible(case.source.name()))
}

fn covered(out: &mut String, coverage: &Coverage) {
    let ruleset = visible(&coverage.ruleset);
    let parts = coverage.parts;
    if coverage.gaps.is_empty() {
        let line = if parts == 1 {
            t!(TEST_COVERAGE_ALL_ONE, ruleset, parts)
        } else {
            t!(TEST_COVERAGE_ALL, ruleset, parts)
        };
        let _ = writeln!(out, "\n{line}");
        return;
    }
    let covered = parts.saturating_sub(coverage.gaps.len());
    let line = if parts == 1 {
        t!(TEST_COVERAGE_SOME_ONE, ruleset, covered, parts)
    } else {
        t!(TEST_COVERAGE_SOME, ruleset, covered, parts)
    };
    let _ = writeln!(out, "\n{line}");
    for gap in &coverage.gaps {
        let (what, needs) = (visible(&gap.what), gap.needs);
        let _ = writeln!(
            out,
            "  {}  {}",
            visible(&gap.origin),
            t!(TEST_COVERAGE_GAP, what, needs)
        );
        for line in gap.clause.lines() {
            let _ = writeln!(out, "      {}", visible(line));
        }
    }
}

fn summary(out: &mut String, results: &Results) {
    let failed = results.failed();
    let passed = results.cases.len() - failed;
    let verdict = if failed == 0 && results.broken == 0 {
        t!(TEST_RESULT_OK)
    } else {
        t!(TEST_RESULT_FAILED)
    };
    let _ = write!(out, "\n{}", t!(TEST_RESULT, verdict, passed, failed));
    let count = results.broken;
    if count == 1 {
        out.push_str(&t!(TEST_RESULT_NOT_RUN_ONE, count));
    } else if count > 1 {
        out.push_str(&t!(TEST_RESULT_NOT_RUN, count));
    }
    let count: usize = results.coverage.iter().map(|c| c.gaps.len()).sum();
    if !results.coverage.is_empty() {
        out.push_str(&if count == 1 {
            t!(TEST_RESULT_GAPS_ONE, count)
        } else {
            t!(TEST_RESULT_GAPS, count)
        });
    }
    out.push('\n');
}

/// The report as one JSON document for tools; its first key, `perfeval_tests`, says
/// what it is.
#[must_use]
pub fn json(results: &Results) -> String {
    use serde_json::{Value, json};
    let cases: Vec<Value> = results
        .cases
        .iter()
        .map(|case| {
            json!({
                "file": case.file,
                "name": case.name,
                "ruleset": case.ruleset_path,
                "passed": case.passed(),
                "mismatches": case.mismatches.iter().map(|m| mismatch_json(case, m)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let coverage: Vec<Value> = results
        .coverage
        .iter()
        .map(|c| {
            json!({
                "ruleset": c.ruleset,
                "parts": c.parts,
                "gaps": c.gaps.iter().map(|g| json!({
                    "origin": g.origin,
                    "what": g.what,
                    "needs": g.needs.to_string(),
                    "clause": g.clause,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let failed = results.failed();
    let document = json!({
        "perfeval_tests": 1,
        "passed": results.cases.len() - failed,
        "failed": failed,
        "not_run": results.broken,
        "cases": cases,
        "coverage": coverage,
    });
    let mut text = crate::report::json::terminal_safe(
        serde_json::to_string_pretty(&document).unwrap_or_default(),
    );
    text.push('\n');
    text
}

fn mismatch_json(case: &CaseResult, mismatch: &Mismatch) -> serde_json::Value {
    use serde_json::json;
    let line = |at: &Span| (*at != Span::default()).then(|| case.source.line_col(at.start).line);
    match mismatch {
        Mismatch::Value {
            what,
            expected,
            actual,
            at,
        } => {
            json!({"kind": "value", "what": what, "expected": expected, "actual": actual, "line": line(at)})
        }
        Mismatch::Findings {
            what,
            missing,
            unexpected,
            at,
        } => json!({
            "kind": "findings",
            "what": what,
            "missing": missing,
            "unexpected": unexpected.iter().map(|(code, message)| json!({"code": code, "message": message})).collect::<Vec<_>>(),
            "line": line(at),
        }),
        Mismatch::NoRow { reason, at } => {
            json!({"kind": "no_row", "reason": reason, "line": line(at)})
        }
        Mismatch::UnknownCode { code, help, at } => {
            json!({"kind": "unknown_code", "code": code, "help": help, "line": line(at)})
        }
        Mismatch::NotEvaluated { rendered } => {
            json!({"kind": "not_evaluated", "diagnostic": rendered})
        }
    }
}
