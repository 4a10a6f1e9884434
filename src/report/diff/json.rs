//! The JSON document of `perfeval diff --format json`.
//!
//! Its first key is [`MARKER`], so that a folder walk knows it as a report and never
//! reads it as a form. Decimals are strings exactly as computed (`"2.75"`), never
//! floats. Each change lists its causes (`{"item": "class 产出类", "why": "changed"}`);
//! an empty list means no differing item explains it (未能归因).

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::diff::{
    Cause, Changes, Comparison, FindingChange, FormDiff, LineChange, Migration, Pair, RowChange,
    Side, Summary,
};
use crate::eval::outcome::IndicatorOutcome;
use crate::report::completion_percent;
use crate::report::view::Unevaluated;

use super::{DiffReport, Ruleset};

/// The first key of a diff report, with the document's version.
pub const MARKER: &str = "perfeval_diff";

/// The whole document, ending with a line break.
#[must_use]
pub fn render(report: &DiffReport<'_>) -> String {
    let doc = Document {
        head: [
            (MARKER, json!(1)),
            ("old", ruleset(&report.rulesets.old)),
            ("new", ruleset(&report.rulesets.new)),
            ("changes", changes(report.changes)),
            ("summary", summary(report.summary, report.skipped)),
        ],
        forms: report.forms,
    };
    let mut out =
        crate::report::json::terminal_safe(serde_json::to_string_pretty(&doc).unwrap_or_default());
    out.push('\n');
    out
}

/// The first line of `diff --format jsonl`: the marker (so that a folder walk knows the
/// file as a report), the rulesets and the items that differ. Then one line a form (the
/// object of the document's `projects`, [`form_line`]) and last the run summed up
/// ([`summary_line`]): a file without that line was cut short.
#[must_use]
pub fn header_line(rulesets: &Pair<Ruleset<'_>>, changes: &Changes) -> String {
    let mut head = serde_json::Map::new();
    for (key, value) in [
        (MARKER, json!(1)),
        ("format", json!("jsonl")),
        ("old", ruleset(&rulesets.old)),
        ("new", ruleset(&rulesets.new)),
        ("changes", self::changes(changes)),
    ] {
        head.insert(key.to_owned(), value);
    }
    compact_line(&Value::Object(head))
}

/// A form's line of `diff --format jsonl`.
#[must_use]
pub fn form_line(form: &FormDiff) -> String {
    compact_line(&self::form(form))
}

/// The last line of `diff --format jsonl`: `{"summary":{…}}`, as the document's.
#[must_use]
pub fn summary_line(summary: &Summary, skipped: usize) -> String {
    compact_line(&json!({"summary": self::summary(summary, skipped)}))
}

fn compact_line(value: &Value) -> String {
    let mut line = crate::report::json::terminal_safe(value.to_string());
    line.push('\n');
    line
}

fn changes(changes: &Changes) -> Value {
    changes
        .iter()
        .map(|(item, change)| json!({"item": item.to_string(), "change": change.key()}))
        .collect()
}

/// The document: its first keys, then `projects`, each form's object made only as it is
/// written (a province's forms as one tree of values would take ten times the text).
struct Document<'a> {
    head: [(&'static str, Value); 5],
    forms: &'a [FormDiff],
}

impl serde::Serialize for Document<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.head.len() + 1))?;
        for (key, value) in &self.head {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("projects", &Forms(self.forms))?;
        map.end()
    }
}

/// The forms, each made into its object as it is written.
struct Forms<'a>(&'a [FormDiff]);

impl serde::Serialize for Forms<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(form))
    }
}

fn ruleset(r: &Ruleset<'_>) -> Value {
    json!({"name": r.name, "version": r.version, "file": r.file})
}

fn dec(d: Decimal) -> Value {
    Value::String(d.to_string())
}

fn opt(d: Option<Decimal>) -> Value {
    d.map_or(Value::Null, dec)
}

fn pair<T>(p: Pair<T>, f: impl Fn(T) -> Value) -> Value {
    json!({"old": f(p.old), "new": f(p.new)})
}

fn causes(causes: &[Cause]) -> Value {
    causes
        .iter()
        .map(|c| json!({"item": c.item.to_string(), "why": c.why.key()}))
        .collect()
}

fn summary(s: &Summary, skipped: usize) -> Value {
    let largest: Vec<Value> = s
        .largest
        .iter()
        .map(|m| {
            json!({
                "file": m.file,
                "name": m.name,
                "old": opt(m.totals.old),
                "new": opt(m.totals.new),
                "change": dec(m.change),
            })
        })
        .collect();
    json!({
        "projects": s.forms,
        "gained": s.gained,
        "lost": s.lost,
        "unchanged": s.unchanged,
        "unchanged_total_only": s.unchanged_total_only,
        "failed": {"old_only": s.failed_old, "new_only": s.failed_new, "both": s.failed_both},
        "skipped": skipped,
        "grade_changed": s.grade_changed,
        "change": s.change.map(|c| json!({"mean": dec(c.mean), "min": dec(c.min), "max": dec(c.max)})),
        "largest": largest,
        "migration": s.migration.as_ref().map(migration),
    })
}

fn migration(m: &Migration) -> Value {
    json!({"old": m.old, "new": m.new, "counts": m.counts})
}

fn form(form: &FormDiff) -> Value {
    let side = |side: Side| match (form.outcome(side), form.error(side)) {
        (Some(outcome), _) => json!({"score": dec(outcome.total), "grade": outcome.rating}),
        (None, Some(error)) => json!({"error": error_json(error)}),
        (None, None) => Value::Null,
    };
    let mut doc = json!({
        "file": form.file(),
        "name": form.name(),
        "old": side(Side::Old),
        "new": side(Side::New),
        "change": opt(form.change()),
    });
    if let (Some(comparison), Some(map)) = (&form.comparison, doc.as_object_mut()) {
        for (key, value) in comparison_json(form, comparison) {
            map.insert(key.to_owned(), value);
        }
    }
    doc
}

fn comparison_json(form: &FormDiff, c: &Comparison) -> [(&'static str, Value); 7] {
    [
        ("causes", causes(&c.causes)),
        ("unattributed", Value::Bool(c.unattributed)),
        ("total_causes", causes(&c.total)),
        ("rating_causes", causes(&c.rating)),
        ("indicators", c.rows.iter().map(|r| row(form, r)).collect()),
        ("lines", c.lines.iter().map(line).collect()),
        (
            "findings",
            c.findings.iter().filter_map(|f| finding(form, f)).collect(),
        ),
    ]
}

fn row(form: &FormDiff, change: &RowChange) -> Value {
    let rows = form.row(change);
    let field = |f: &dyn Fn(&IndicatorOutcome) -> Value| {
        json!({
            "old": rows.old.map_or(Value::Null, f),
            "new": rows.new.map_or(Value::Null, f),
        })
    };
    let name = rows.new.or(rows.old).map(|r| r.name.as_str());
    let difference = rows
        .old
        .zip(rows.new)
        .map(|(a, b)| crate::diff::change(a.state.score, b.state.score));
    json!({
        "index": change.index,
        "name": name,
        "category": field(&|r| Value::String(r.category.to_string())),
        "expected_weight": field(&|r| opt(r.state.expected_weight)),
        "completion": field(&|r| opt(r.state.completion.and_then(completion_percent))),
        "grade": field(&|r| r.state.grade.as_deref().map_or(Value::Null, |g| Value::String(g.to_owned()))),
        "score": field(&|r| dec(r.state.score)),
        "change": opt(difference),
        "causes": causes(&change.causes),
    })
}

fn line(l: &LineChange) -> Value {
    let difference = l
        .scores
        .old
        .zip(l.scores.new)
        .map(|(a, b)| crate::diff::change(a, b));
    json!({
        "key": l.key,
        "label": l.label,
        "score": pair(l.scores, opt),
        "change": opt(difference),
        "causes": causes(&l.causes),
    })
}

fn finding(form: &FormDiff, change: &FindingChange) -> Option<Value> {
    let f = form.finding(change)?;
    let what = match change.side {
        Side::New => "added",
        Side::Old => "removed",
    };
    Some(json!({
        "change": what,
        "code": f.code,
        "severity": f.severity.as_str(),
        "indicator": f.indicator,
        "message": f.message,
        "causes": causes(&change.causes),
    }))
}

fn error_json(error: &crate::Error) -> Value {
    let why = Unevaluated::of(error);
    json!({
        "code": why.code,
        "message": why.message,
        "file": why.at.as_ref().map(|(f, _)| f.clone()),
        "line": why.at.as_ref().map(|(_, p)| p.line),
        "column": why.at.as_ref().map(|(_, p)| p.column),
    })
}
