//! The baseline of rendering (bench-only code): the numbers and strings of a JSON report
//! copied into plain structs that serde derives `Serialize` for, decimals written as
//! strings through their `Display`, as any serde user would write them. What
//! `serde_json::to_string_pretty` makes of these is the least a JSON report could cost
//! with serde_json; perfeval's renderer is measured against it.
//!
//! The copies are made before timing. One difference in shape: a project's lines
//! (`execution_score`) sit under a key of their own, not beside the total.

use perfeval::compile::Plan;
use perfeval::report::json::ProjectResult;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// A decimal as a string, exactly as computed.
fn as_str<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

fn opt_as_str<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

#[derive(Serialize)]
pub struct Document {
    perfeval_report: u32,
    ruleset: Ruleset,
    projects: Vec<Project>,
}

impl Document {
    /// Its projects, each written as a line of JSON Lines.
    pub fn projects(&self) -> &[Project] {
        &self.projects
    }
}

#[derive(Serialize)]
struct Ruleset {
    name: String,
    version: Option<String>,
    file: String,
}

#[derive(Serialize)]
pub struct Project {
    file: String,
    name: Option<String>,
    #[serde(serialize_with = "as_str")]
    score: Decimal,
    #[serde(serialize_with = "opt_as_str")]
    max_score: Option<Decimal>,
    grade: Option<String>,
    lines: Vec<Line>,
    indicators: Vec<Indicator>,
    findings: Vec<Finding>,
}

#[derive(Serialize)]
struct Line {
    key: String,
    #[serde(serialize_with = "as_str")]
    score: Decimal,
}

#[derive(Serialize)]
struct Indicator {
    category: String,
    name: String,
    target: String,
    actual: Option<String>,
    #[serde(serialize_with = "opt_as_str")]
    weight: Option<Decimal>,
    #[serde(serialize_with = "opt_as_str")]
    expected_weight: Option<Decimal>,
    #[serde(serialize_with = "opt_as_str")]
    completion: Option<Decimal>,
    #[serde(serialize_with = "as_str")]
    score: Decimal,
    #[serde(serialize_with = "opt_as_str")]
    self_score: Option<Decimal>,
    grade: Option<String>,
}

#[derive(Serialize)]
struct Finding {
    code: String,
    severity: &'static str,
    message: String,
    indicator: Option<String>,
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    rule: Option<String>,
    clause: Option<String>,
}

/// The plain copy of the report of `results` (evaluated ones only).
pub fn document(ruleset_file: &str, plan: &Plan, results: &[ProjectResult]) -> Document {
    Document {
        perfeval_report: 1,
        ruleset: Ruleset {
            name: plan.name.clone(),
            version: plan.version.clone(),
            file: ruleset_file.to_owned(),
        },
        projects: results.iter().filter_map(project).collect(),
    }
}

fn project(result: &ProjectResult) -> Option<Project> {
    let ProjectResult::Evaluated(o) = result else {
        return None;
    };
    Some(Project {
        file: o.source.name().to_owned(),
        name: o.name.clone(),
        score: o.total,
        max_score: o.max_score,
        grade: o.rating.clone(),
        lines: o
            .lines
            .iter()
            .map(|(key, _, score)| Line {
                key: key.clone(),
                score: *score,
            })
            .collect(),
        indicators: o
            .indicators
            .iter()
            .map(|i| Indicator {
                category: i.category.to_string(),
                name: i.name.to_string(),
                target: i.target.to_string(),
                actual: i.actual.as_deref().map(str::to_owned),
                weight: i.weight,
                expected_weight: i.state.expected_weight,
                completion: i
                    .state
                    .completion
                    .and_then(perfeval::report::completion_percent),
                score: i.state.score,
                self_score: i.self_score,
                grade: i.state.grade.as_deref().map(str::to_owned),
            })
            .collect(),
        findings: o
            .findings
            .iter()
            .map(|f| {
                let at = f.at.map(|span| o.source.line_col(span.start));
                Finding {
                    code: f.code.clone(),
                    severity: f.severity.as_str(),
                    message: f.message.clone(),
                    indicator: f.indicator.clone(),
                    file: o.source.file().to_owned(),
                    line: at.map(|p| p.line),
                    column: at.map(|p| p.column),
                    rule: f.rule.clone(),
                    clause: f.clause.clone(),
                }
            })
            .collect(),
    })
}
