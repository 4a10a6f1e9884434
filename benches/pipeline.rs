//! Benchmarks of the pipeline on the seed form. This machine is noisy, so compare the
//! stages with the baseline in the same run, not across runs: the baseline is parsing
//! the same TOML text into a plain `toml::Table`, the least any loader must do.

#![allow(
    clippy::unwrap_used,
    reason = "a benchmark's inputs are the shipped files"
)]

use std::sync::LazyLock;

#[path = "support/shapes.rs"]
mod shape;

use divan::black_box;
use perfeval::compile::Plan;
use perfeval::data::project::Project;
use perfeval::data::{self, Format};
use perfeval::source::SourceFile;

fn main() {
    divan::main();
}

static RULES: LazyLock<SourceFile> = LazyLock::new(|| {
    SourceFile::new(
        "2023.rules",
        std::fs::read_to_string("rulesets/2023.rules").unwrap(),
    )
});
static SEED: LazyLock<String> =
    LazyLock::new(|| std::fs::read_to_string("examples/suzhou-2023-egov.toml").unwrap());
static SEED_JSON: LazyLock<String> =
    LazyLock::new(|| std::fs::read_to_string("examples/suzhou-2023-egov.json").unwrap());
static PLAN: LazyLock<Plan> = LazyLock::new(|| perfeval::load_ruleset(&RULES).unwrap());
static PROJECT: LazyLock<Project> = LazyLock::new(|| load(Format::Toml, &SEED));

fn load(format: Format, text: &str) -> Project {
    data::load_str(SourceFile::new("seed", text), format, &PLAN.form).unwrap()
}

/// Baseline: parse the seed's TOML into a plain table, with no validation.
#[divan::bench]
fn baseline_toml_table() -> toml::Table {
    black_box(SEED.as_str()).parse::<toml::Table>().unwrap()
}

/// Parse, check and compile `rulesets/2023.rules`.
#[divan::bench]
fn ruleset_load() -> Plan {
    perfeval::load_ruleset(black_box(&RULES)).unwrap()
}

/// Load the seed form from TOML, validated against the form.
#[divan::bench]
fn project_load_toml() -> Project {
    load(Format::Toml, black_box(&SEED))
}

/// Load the seed form from JSON, validated against the form.
#[divan::bench]
fn project_load_json() -> Project {
    load(Format::Json, black_box(&SEED_JSON))
}

/// Evaluate the loaded seed form.
#[divan::bench]
fn evaluate_seed() -> perfeval::eval::outcome::Outcome {
    perfeval::evaluate(&PLAN, black_box(&PROJECT)).unwrap()
}

/// Evaluate the loaded seed form keeping a trace of the parts exercised, as
/// `perfeval test --coverage` does: compare with `evaluate_seed`, which pays only a test
/// of an `Option` for each part.
#[divan::bench]
fn evaluate_seed_traced() -> (
    perfeval::eval::outcome::Outcome,
    perfeval::eval::coverage::Coverage,
) {
    perfeval::eval::evaluate_covered(&PLAN, black_box(&PROJECT)).unwrap()
}

/// Render the JSON document for one evaluated form.
#[divan::bench]
fn report_json() -> String {
    let outcome = perfeval::evaluate(&PLAN, &PROJECT).unwrap();
    let results = [perfeval::report::json::ProjectResult::Evaluated(outcome)];
    perfeval::report::json::render("2023.rules", &PLAN, &results)
}

/// Load, evaluate and report a form with many indicators: time should grow in
/// proportion to the rows (compare 1,000 with 10,000).
#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn many_indicators(bencher: divan::Bencher, extra: usize) {
    let text = shape::with_rows(&SEED, extra);
    bencher.bench(|| {
        let project = load(Format::Toml, black_box(&text));
        let outcome = perfeval::evaluate(&PLAN, &project).unwrap();
        let results = [perfeval::report::json::ProjectResult::Evaluated(outcome)];
        perfeval::report::json::render("2023.rules", &PLAN, &results)
    });
}
