//! The JSON document of `perfeval check --format json` (shared/spec/cli.md).
//!
//! Decimals are strings exactly as computed (`"80.00"`), never floats.

use rust_decimal::Decimal;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use crate::compile::Plan;
use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::finding::Finding;
use crate::source::SourceFile;

use super::completion_percent;
use super::view::Unevaluated;

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

/// The first key of every report, with the report format's version: a folder walk
/// knows a report by it and never reads one as a form.
pub const MARKER: &str = "perfeval_report";

/// The whole document.
#[must_use]
pub fn render(ruleset_file: &str, plan: &Plan, results: &[ProjectResult]) -> String {
    let doc = Document {
        ruleset: ruleset(ruleset_file, plan),
        projects: results,
    };
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The report's `ruleset`: its name, version and file as the command line named it.
pub(super) fn ruleset(ruleset_file: &str, plan: &Plan) -> Value {
    json!({
        "name": plan.name,
        "version": plan.version,
        "file": ruleset_file,
    })
}

// The document is serialized straight from the outcomes, without building a
// `serde_json::Value` per indicator first: a form of 100,000 indicators would
// otherwise hold a second, larger copy of itself in memory.

struct Document<'a> {
    ruleset: Value,
    projects: &'a [ProjectResult],
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry(MARKER, &1)?;
        map.serialize_entry("ruleset", &self.ruleset)?;
        map.serialize_entry("projects", &Each(self.projects, Project))?;
        map.end()
    }
}

/// A slice serialized as a sequence, each element through a wrapper.
struct Each<'a, T, W>(&'a [T], fn(&'a T) -> W);

impl<'a, T, W: Serialize> Serialize for Each<'a, T, W> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(self.1))
    }
}

/// A decimal as a string, exactly as computed.
struct Dec(Decimal);

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

fn opt(d: Option<Decimal>) -> Option<Dec> {
    d.map(Dec)
}

/// One project of the report's `projects`.
pub(super) struct Project<'a>(pub(super) &'a ProjectResult);

impl Serialize for Project<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            ProjectResult::Evaluated(outcome) => Evaluated(outcome).serialize(s),
            ProjectResult::Failed { file, error } => failed(file, error).serialize(s),
        }
    }
}

struct Evaluated<'a>(&'a Outcome);

/// The keys every evaluated project has; a line never replaces one of them.
const PROJECT_KEYS: [&str; 7] = [
    "file",
    "name",
    "score",
    "max_score",
    "grade",
    "indicators",
    "findings",
];

impl Serialize for Evaluated<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let outcome = self.0;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("file", outcome.source.name())?;
        map.serialize_entry("name", &outcome.name)?;
        map.serialize_entry("score", &Dec(outcome.total))?;
        map.serialize_entry("max_score", &opt(outcome.max_score))?;
        map.serialize_entry("grade", &outcome.rating)?;
        // A line's score appears under its key beside the total (`execution_score`);
        // the first line of a key wins, as the table shows it.
        let mut seen: Vec<&str> = Vec::new();
        for (key, _, score) in &outcome.lines {
            if PROJECT_KEYS.contains(&key.as_str()) || seen.contains(&key.as_str()) {
                continue;
            }
            seen.push(key);
            map.serialize_entry(key, &Dec(*score))?;
        }
        map.serialize_entry("indicators", &Each(&outcome.indicators, Indicator))?;
        let findings: Vec<FindingJson<'_>> = outcome
            .findings
            .iter()
            .map(|f| FindingJson(f, &outcome.source))
            .collect();
        map.serialize_entry("findings", &findings)?;
        map.end()
    }
}

struct Indicator<'a>(&'a IndicatorOutcome);

impl Serialize for Indicator<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let i = self.0;
        let mut map = s.serialize_map(Some(10))?;
        map.serialize_entry("category", &i.category)?;
        map.serialize_entry("name", &i.name)?;
        map.serialize_entry("target", &i.target)?;
        map.serialize_entry("actual", &i.actual)?;
        map.serialize_entry("weight", &opt(i.weight))?;
        map.serialize_entry("expected_weight", &opt(i.state.expected_weight))?;
        let completion = i.state.completion.and_then(completion_percent);
        map.serialize_entry("completion", &opt(completion))?;
        map.serialize_entry("score", &Dec(i.state.score))?;
        map.serialize_entry("self_score", &opt(i.self_score))?;
        map.serialize_entry("grade", &i.state.grade)?;
        map.end()
    }
}

struct FindingJson<'a>(&'a Finding, &'a SourceFile);

impl Serialize for FindingJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let FindingJson(f, source) = *self;
        let at = f.at.map(|span| source.line_col(span.start));
        let cell = f.at.and_then(|span| source.cell(span.start));
        let mut map = s.serialize_map(Some(10))?;
        map.serialize_entry("code", &f.code)?;
        map.serialize_entry("severity", f.severity.as_str())?;
        map.serialize_entry("message", &f.message)?;
        map.serialize_entry("indicator", &f.indicator)?;
        // The file the line and column are in: for a project of a JSON Lines file, that
        // file, not the project's name (`forms.jsonl:3`).
        map.serialize_entry("file", source.file())?;
        map.serialize_entry("line", &at.map(|p| p.line))?;
        map.serialize_entry("column", &at.map(|p| p.column))?;
        // A workbook's cell (`E23`): line and column are its row and column.
        if let Some(cell) = &cell {
            map.serialize_entry("cell", cell)?;
        }
        map.serialize_entry("rule", &f.rule)?;
        map.serialize_entry("clause", &f.clause)?;
        map.end()
    }
}

fn failed(file: &str, error: &crate::Error) -> Value {
    let why = Unevaluated::of(error);
    json!({
        "file": file,
        "error": {
            "code": why.code,
            "message": why.message,
            "file": why.at.as_ref().map(|(f, _)| f.clone()),
            "line": why.at.as_ref().map(|(_, p)| p.line),
            "column": why.at.as_ref().map(|(_, p)| p.column),
        },
    })
}
