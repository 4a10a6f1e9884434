//! The JSON document of `perfeval check --format json` (shared/spec/cli.md).
//!
//! Decimals are strings exactly as computed (`"80.00"`), never floats.

use crate::compile::Plan;
use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::finding::Finding;
use crate::source::SourceFile;

use super::batch::Tally;
use super::completion_percent;
use super::view::Unevaluated;

pub(super) mod write;

pub(crate) use write::terminal_safe;

use write::Writer;

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

/// The whole document, as serde_json's `to_string_pretty` would write it: its
/// [`head`], each project's [`entry`] (a comma between two), then its [`tail`].
#[must_use]
pub fn render(ruleset_file: &str, plan: &Plan, results: &[ProjectResult]) -> String {
    render_counted(ruleset_file, plan, results, 0)
}

/// [`render`], its `summary` counting `skipped` files a folder's walk passed over.
#[must_use]
pub fn render_counted(
    ruleset_file: &str,
    plan: &Plan,
    results: &[ProjectResult],
    skipped: usize,
) -> String {
    let mut out = head(ruleset_file, plan);
    for (i, result) in results.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&entry(result));
    }
    out.push_str(&tail(!results.is_empty(), &Tally::of(results, skipped)));
    out
}

/// The document up to its first project: the marker, the ruleset, and the opening of
/// `projects`. A run writes it, then each project's [`entry`] as the project is
/// evaluated, then the [`tail`], so that it holds a batch of results at a time, not the
/// whole document.
#[must_use]
pub fn head(ruleset_file: &str, plan: &Plan) -> String {
    let mut out = String::new();
    let mut w = Writer::new(&mut out, true);
    w.open_object();
    w.key(MARKER);
    w.uint(1);
    w.key("ruleset");
    ruleset(&mut w, ruleset_file, plan);
    w.key("projects");
    w.open_array();
    out
}

/// One project of `projects`, with the line break and indentation before it: the first
/// entry as it is, every later one after a comma.
#[must_use]
pub fn entry(result: &ProjectResult) -> String {
    let mut out = String::new();
    // Inside the document's object and its `projects` array, as the first element.
    let mut w = Writer::inside(&mut out, 2);
    w.item();
    project(&mut w, result);
    out
}

/// What closes the document after its projects (`any`: whether it has one): the run
/// counted (`summary`, as the last line of JSON Lines says it), and the end.
#[must_use]
pub fn tail(any: bool, tally: &Tally) -> String {
    let mut out = String::from(if any { "\n  ]" } else { "]" });
    let mut w = Writer::after(&mut out, 1);
    w.key("summary");
    super::jsonl::summary_object(&mut w, tally);
    out.push_str("\n}");
    out
}

// The document is written straight from the outcomes into one string, without a
// `serde_json::Value` per indicator (a form of 100,000 indicators would otherwise hold a
// second, larger copy of itself in memory) and without serde (see `write`: the same
// bytes in a fraction of the steps).

/// The report's `ruleset`: its name, version and file as the command line named it.
pub(super) fn ruleset(w: &mut Writer<'_>, ruleset_file: &str, plan: &Plan) {
    w.open_object();
    w.key("name");
    w.str(&plan.name);
    w.key("version");
    w.opt_str(plan.version.as_deref());
    w.key("file");
    w.str(ruleset_file);
    w.close_object();
}

/// One project of the report's `projects`.
pub(super) fn project(w: &mut Writer<'_>, result: &ProjectResult) {
    match result {
        ProjectResult::Evaluated(outcome) => evaluated(w, outcome),
        ProjectResult::Failed { file, error } => failed(w, file, error),
    }
}

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

fn evaluated(w: &mut Writer<'_>, outcome: &Outcome) {
    w.open_object();
    w.key("file");
    w.str(outcome.source.name());
    w.key("name");
    w.opt_str(outcome.name.as_deref());
    w.key("score");
    w.decimal(outcome.total);
    w.key("max_score");
    w.opt_decimal(outcome.max_score);
    w.key("grade");
    w.opt_str(outcome.rating.as_deref());
    // A line's score appears under its key beside the total (`execution_score`);
    // the first line of a key wins, as the table shows it.
    for (n, (key, _, score)) in outcome.lines.iter().enumerate() {
        let earlier = outcome.lines.get(..n).unwrap_or_default();
        if PROJECT_KEYS.contains(&key.as_str()) || earlier.iter().any(|(k, _, _)| k == key) {
            continue;
        }
        w.key_escaped(key);
        w.decimal(*score);
    }
    w.key("indicators");
    w.open_array();
    for indicator in &outcome.indicators {
        w.item();
        self::indicator(w, indicator);
    }
    w.close_array();
    w.key("findings");
    w.open_array();
    for f in &outcome.findings {
        w.item();
        finding(w, f, &outcome.source);
    }
    w.close_array();
    w.close_object();
}

fn indicator(w: &mut Writer<'_>, i: &IndicatorOutcome) {
    w.open_object();
    w.key("category");
    w.str(&i.category);
    w.key("name");
    w.str(&i.name);
    w.key("target");
    w.str(&i.target);
    w.key("actual");
    w.opt_str(i.actual.as_deref());
    w.key("weight");
    w.opt_decimal(i.weight);
    w.key("expected_weight");
    w.opt_decimal(i.state.expected_weight);
    w.key("completion");
    w.opt_decimal(i.state.completion.and_then(completion_percent));
    w.key("score");
    w.decimal(i.state.score);
    w.key("self_score");
    w.opt_decimal(i.self_score);
    w.key("grade");
    w.opt_str(i.state.grade.as_deref());
    w.close_object();
}

fn finding(w: &mut Writer<'_>, f: &Finding, source: &SourceFile) {
    let at = f.at.map(|span| source.line_col(span.start));
    w.open_object();
    w.key("code");
    w.str(&f.code);
    w.key("severity");
    w.str(f.severity.as_str());
    w.key("message");
    w.str(&f.message);
    w.key("indicator");
    w.opt_str(f.indicator.as_deref());
    // The file the line and column are in: for a project of a JSON Lines file, that
    // file, not the project's name (`forms.jsonl:3`).
    w.key("file");
    w.str(source.file());
    w.key("line");
    w.opt_uint(at.map(|p| p.line));
    w.key("column");
    w.opt_uint(at.map(|p| p.column));
    // A workbook's cell (`E23`): line and column are its row and column.
    if let Some(cell) = f.at.and_then(|span| source.cell(span.start)) {
        w.key("cell");
        w.str(&cell);
    }
    w.key("rule");
    w.opt_str(f.rule.as_deref());
    w.key("clause");
    w.opt_str(f.clause.as_deref());
    w.close_object();
}

fn failed(w: &mut Writer<'_>, file: &str, error: &crate::Error) {
    let why = Unevaluated::of(error);
    let at = why.at.as_ref();
    w.open_object();
    w.key("file");
    w.str(file);
    // The keys every project has (cli.md), empty: a tool that reads them all must not
    // fail on a form that could not be evaluated, nor count it clean. Its findings are
    // its problems, errors; `error` is the first again, as before.
    for key in ["name", "score", "max_score", "grade"] {
        w.key(key);
        w.opt_str(None);
    }
    w.key("indicators");
    w.open_array();
    w.close_array();
    w.key("findings");
    w.open_array();
    for problem in Unevaluated::every(error) {
        w.item();
        unevaluated(w, &problem);
    }
    w.close_array();
    w.key("error");
    w.open_object();
    w.key("code");
    w.opt_str(why.code.as_deref());
    w.key("message");
    w.str(&why.message);
    place(w, at);
    w.close_object();
    w.close_object();
}

/// A problem that kept a project from being evaluated, as one of its findings.
fn unevaluated(w: &mut Writer<'_>, problem: &Unevaluated) {
    let at = problem.at.as_ref();
    w.open_object();
    w.key("code");
    w.opt_str(problem.code.as_deref());
    w.key("severity");
    w.str(crate::ir::vocab::Severity::Error.as_str());
    w.key("message");
    w.str(&problem.message);
    w.key("indicator");
    w.opt_str(None);
    place(w, at);
    w.close_object();
}

/// `file`, `line` and `column` of a problem's place, `null` where it has none.
fn place(w: &mut Writer<'_>, at: Option<&(String, crate::source::LineCol)>) {
    w.key("file");
    w.opt_str(at.map(|(f, _)| f.as_str()));
    w.key("line");
    w.opt_uint(at.map(|(_, p)| p.line));
    w.key("column");
    w.opt_uint(at.map(|(_, p)| p.column));
}
