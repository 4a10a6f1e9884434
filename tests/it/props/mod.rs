//! Property tests (proptest) over generated forms.
//!
//! Forms are generated as data ([`Form`]), the way departments fill them in: the eleven
//! common indicators (some dropped, some twice), one to twenty own indicators with
//! targets in symbols, words and full-width forms, actual values that are numbers, words,
//! missing markers or values in the wrong unit, declared weights and self scores, budget
//! and funds. Every number is an exact decimal written as text; none passes through a
//! float. A form is rendered to TOML, JSON and YAML by this module, and scored with
//! `rulesets/2023.rules`, `rulesets/mof-2020.rules` and `tests/fixtures/eval/bands.rules`.
//!
//! The properties:
//!
//! 1. every indicator's score lies in `[0, expected weight]` (0 with no expected weight);
//!    and, for 2023, the own indicators' expected weights add up to 55 and the common
//!    ones have their catalog weights;
//! 2. below the full-marks band a completion closer to the band never scores less (for
//!    higher-is-better targets `=T`, `>=T`, `不低于T`, … and lower-is-better ones `<=T`,
//!    `T及其以下`, …), and above the band a completion further from it never scores more;
//! 3. evaluation is deterministic (the JSON document and the text report are the same
//!    bytes twice, with plans compiled apart), and a form reads the same from TOML, JSON
//!    and YAML, whichever way each writes its strings (TOML literal strings, JSON
//!    `\uXXXX` escapes, YAML plain scalars), with CR LF line ends or a byte-order mark;
//! 4. numbers at the limits of a decimal (in forms, and in every expression of small
//!    generated rulesets) give a result or an error, never a panic;
//! 5. with no adjustments, the total is the sum of the indicators' scores and the lines,
//!    and no total is ever reported above `max_score` or below zero, whatever weights a
//!    form declares.
//!
//! Failures are saved by proptest next to each property's file (`scores.proptest-regressions`…) and
//! replayed first on the next run.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use perfeval::compile::Plan;
use perfeval::data::{self, Format};
use perfeval::diagnostic::Failure;
use perfeval::eval::outcome::Outcome;
use perfeval::report::json::{self, ProjectResult};
use perfeval::report::table;
use perfeval::source::SourceFile;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

use crate::common::plan;

static SUZHOU: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/2023.rules"));
static MOF: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/mof-2020.rules"));
static BANDS: LazyLock<Plan> = LazyLock::new(|| plan("tests/fixtures/eval/bands.rules"));

/// The same rulesets compiled a second time: two plans share nothing (not the seeds of
/// their hash maps), so that two evaluations can disagree if anything depends on them.
static AGAIN: LazyLock<[Plan; 3]> = LazyLock::new(|| {
    [
        plan("rulesets/2023.rules"),
        plan("rulesets/mof-2020.rules"),
        plan("tests/fixtures/eval/bands.rules"),
    ]
});

/// `cases` per property (fewer for the costlier ones): enough to reach the corners over
/// a few runs, few enough that the whole module takes seconds in a debug build.
/// `PROPTEST_CASES=5000 cargo test props` searches longer. A failure is saved in
/// `NAME.proptest-regressions` beside the property's file and replayed first from then on.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

mod determinism;
mod limits;
mod policies;
mod render;
mod scores;
mod totals;
mod values;

use self::policies::*;
use self::render::*;
use self::values::*;

// ── Loading and evaluating ────────────────────────────────────────────

const FORMATS: [Format; 3] = [Format::Toml, Format::Json, Format::Yaml];

/// Every project file is named `form`, whatever its format, so that reports that name
/// the file agree across formats.
fn load(plan: &Plan, form: &Form, format: Format) -> Result<data::project::Project, String> {
    load_styled(plan, form, format, Style::default())
}

fn load_styled(
    plan: &Plan,
    form: &Form,
    format: Format,
    style: Style,
) -> Result<data::project::Project, String> {
    let text = form.render_styled(format, style);
    data::load_str(SourceFile::new("form", text.as_str()), format, &plan.form).map_err(|e| {
        let codes: Vec<&str> = e.errors().iter().map(|e| e.code()).collect();
        codes.join(", ")
    })
}

/// Loads and evaluates a form that must load and evaluate.
fn outcome(plan: &Plan, form: &Form, format: Format) -> Outcome {
    let project = load(plan, form, format).unwrap_or_else(|codes| {
        panic!("the form does not load ({codes}):\n{}", form.render(format))
    });
    perfeval::evaluate(plan, &project)
        .unwrap_or_else(|e| panic!("the form does not evaluate ({e}):\n{}", form.render(format)))
}

fn score_of(plan: &Plan, form: &Form, row: usize) -> Decimal {
    outcome(plan, form, Format::Toml).indicators[row]
        .state
        .score
}

/// The JSON document of one evaluated project.
fn json_doc(plan: &Plan, outcome: &Outcome) -> String {
    json::render(
        "ruleset",
        plan,
        &[ProjectResult::Evaluated(outcome.clone())],
    )
}

/// What an outcome says, apart from where in its file each finding points: the table,
/// the JSON document without lines and columns, and each finding with the text it
/// points at.
fn meaning(plan: &Plan, outcome: &Outcome) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&json_doc(plan, outcome)).unwrap();
    for project in doc["projects"].as_array_mut().unwrap() {
        for finding in project["findings"].as_array_mut().unwrap() {
            let finding = finding.as_object_mut().unwrap();
            finding.remove("line");
            finding.remove("column");
        }
    }
    let mut out = table::render(outcome);
    out.push_str(&serde_json::to_string_pretty(&doc).unwrap());
    for finding in &outcome.findings {
        // A value reads the same in every format; a whole row (a finding with no
        // value to point at) starts differently in each: `[[indicators]]` in TOML, `{`
        // in JSON, its first key in YAML.
        let at = finding.at.map(|span| {
            let written = &outcome.source.text()[span.start as usize..span.end as usize];
            if written.starts_with("[[")
                || written.starts_with('{')
                || written.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            {
                "<row>".to_owned()
            } else if written.starts_with('"') {
                serde_json::from_str(written).unwrap_or_else(|_| written.to_owned())
            } else if written.starts_with('\'') {
                written.trim_matches('\'').to_owned()
            } else {
                written.to_owned()
            }
        });
        writeln!(out, "\n{} at {at:?}", finding.code).unwrap();
    }
    out
}
