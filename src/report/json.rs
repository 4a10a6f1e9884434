//! The JSON document of `perfeval check --format json` (shared/spec/cli.md).
//!
//! Decimals are strings exactly as computed (`"80.00"`), never floats.

use miette::Diagnostic;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::compile::Plan;
use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::finding::Finding;
use crate::source::SourceFile;

use super::completion_percent;

/// One project's result: evaluated, or the error that stopped it.
#[derive(Debug)]
pub enum ProjectResult {
    /// Evaluated.
    Evaluated(Outcome),
    /// Could not be evaluated.
    Failed {
        /// The file as named on the command line.
        file: String,
        /// Why.
        error: crate::Error,
    },
}

/// The whole document.
#[must_use]
pub fn render(ruleset_file: &str, plan: &Plan, results: &[ProjectResult]) -> String {
    let projects: Vec<Value> = results.iter().map(project).collect();
    let doc = json!({
        "ruleset": {
            "name": plan.name,
            "version": plan.version,
            "file": ruleset_file,
        },
        "projects": projects,
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

fn project(result: &ProjectResult) -> Value {
    match result {
        ProjectResult::Evaluated(outcome) => evaluated(outcome),
        ProjectResult::Failed { file, error } => failed(file, error),
    }
}

fn dec(d: Decimal) -> Value {
    Value::String(d.to_string())
}

fn opt(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, dec)
}

fn evaluated(outcome: &Outcome) -> Value {
    let mut project = json!({
        "file": outcome.source.name(),
        "name": outcome.name,
        "score": dec(outcome.total),
        "max_score": opt(outcome.max_score),
        "grade": outcome.rating,
    });
    // A line's score appears under its key beside the total (`execution_score`).
    if let Value::Object(fields) = &mut project {
        for (key, _, score) in &outcome.lines {
            fields.entry(key.clone()).or_insert_with(|| dec(*score));
        }
        fields.insert(
            "indicators".to_owned(),
            outcome.indicators.iter().map(indicator).collect(),
        );
        fields.insert(
            "findings".to_owned(),
            outcome
                .findings
                .iter()
                .map(|f| finding(f, &outcome.source))
                .collect(),
        );
    }
    project
}

fn indicator(i: &IndicatorOutcome) -> Value {
    json!({
        "category": i.category,
        "name": i.name,
        "target": i.target,
        "actual": i.actual,
        "weight": opt(i.weight),
        "expected_weight": opt(i.state.expected_weight),
        "completion": opt(i.state.completion.and_then(completion_percent)),
        "score": dec(i.state.score),
        "self_score": opt(i.self_score),
        "grade": i.state.grade,
    })
}

fn finding(f: &Finding, source: &SourceFile) -> Value {
    let at = f.at.map(|span| source.line_col(span.start));
    json!({
        "code": f.code,
        "severity": f.severity.as_str(),
        "message": f.message,
        "indicator": f.indicator,
        "file": source.name(),
        "line": at.map(|p| p.line),
        "column": at.map(|p| p.column),
        "rule": f.rule,
        "clause": f.clause,
    })
}

fn failed(file: &str, error: &crate::Error) -> Value {
    let (code, at) = first_location(error);
    let message = match error {
        crate::Error::Data(failure) => failure.errors().first().map(ToString::to_string),
        _ => None,
    };
    json!({
        "file": file,
        "error": {
            "code": code,
            "message": message.unwrap_or_else(|| error.to_string()),
            "file": at.as_ref().map(|(f, _)| f.clone()),
            "line": at.as_ref().map(|(_, p)| p.line),
            "column": at.as_ref().map(|(_, p)| p.column),
        },
    })
}

/// The code and the place of the first problem of an error.
fn first_location(
    error: &crate::Error,
) -> (Option<String>, Option<(String, crate::source::LineCol)>) {
    match error {
        crate::Error::Data(failure) => {
            let first = failure.errors().first();
            let at = first.map(|e| {
                (
                    failure.source().name().to_owned(),
                    failure.source().line_col(e.span().start),
                )
            });
            (first.map(|e| e.code().to_owned()), at)
        }
        other => {
            let code = other.code().map(|c| c.to_string());
            (code, None)
        }
    }
}
