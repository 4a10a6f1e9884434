//! Benchmarks of the ruleset shapes that once cost exponential or quadratic time
//! (issue 8): aggregates nested in filters, a row-independent aggregate inside a per-row
//! rule, and rulesets with many categories. Each is compared with the plain 2023 policy
//! on the same form in the same run (`baseline_*`): the ratio is what to read, since this
//! machine is noisy. Evaluation must stay within a small polynomial of form size ×
//! ruleset size: the nested shapes should grow linearly with depth, the per-row shape
//! linearly with rows, and the ruleset load linearly with categories.

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

static RULES: LazyLock<String> =
    LazyLock::new(|| std::fs::read_to_string("rulesets/2023.rules").unwrap());
static SEED: LazyLock<String> =
    LazyLock::new(|| std::fs::read_to_string("examples/suzhou-2023-egov.toml").unwrap());
static PLAN: LazyLock<Plan> = LazyLock::new(|| plan(""));

/// The 2023 policy with `extra` rules appended.
fn plan(extra: &str) -> Plan {
    let text = format!("{}\n{extra}\n", *RULES);
    perfeval::load_ruleset(&SourceFile::new("shape.rules", text)).unwrap()
}

fn project(plan: &Plan, text: &str) -> Project {
    data::load_str(SourceFile::new("form.toml", text), Format::Toml, &plan.form).unwrap()
}

/// Baseline: the seed form under the plain 2023 policy.
#[divan::bench]
fn baseline_evaluate_seed(bencher: divan::Bencher) {
    let project = project(&PLAN, &SEED);
    bencher.bench(|| perfeval::evaluate(&PLAN, black_box(&project)).unwrap());
}

/// Aggregates nested in filters, in a per-project check and a per-row one: linear in the
/// depth (it was exponential: depth 5 took 5.3 s).
#[divan::bench(args = [1, 3, 5, 8])]
fn nested_filters(bencher: divan::Bencher, depth: usize) {
    let plan = plan(&shape::nested_rules(depth));
    let project = project(&plan, &SEED);
    bencher.bench(|| perfeval::evaluate(&plan, black_box(&project)).unwrap());
}

/// A row-independent aggregate inside a filter inside a per-row check, over forms of
/// growing size: linear in the rows (it was quadratic).
#[divan::bench(args = [100, 1_000, 5_000], sample_count = 10)]
fn row_free_sum_per_row(bencher: divan::Bencher, rows: usize) {
    let plan = plan(shape::ROW_FREE_SUM);
    let project = project(&plan, &shape::with_rows(&SEED, rows));
    bencher.bench(|| perfeval::evaluate(&plan, black_box(&project)).unwrap());
}

/// Baseline for the per-row shape: the same forms under the plain policy.
#[divan::bench(args = [100, 1_000, 5_000], sample_count = 10)]
fn baseline_rows(bencher: divan::Bencher, rows: usize) {
    let project = project(&PLAN, &shape::with_rows(&SEED, rows));
    bencher.bench(|| perfeval::evaluate(&PLAN, black_box(&project)).unwrap());
}

/// Parse, check and compile a ruleset with many categories: linear in their number (it
/// was quadratic: 40,000 took 5.2 s).
#[divan::bench(args = [1_000, 10_000, 40_000], sample_count = 5)]
fn many_categories(bencher: divan::Bencher, categories: usize) {
    let text = shape::with_categories(&RULES, categories);
    let source = SourceFile::new("categories.rules", text);
    bencher.bench(|| perfeval::load_ruleset(black_box(&source)).unwrap());
}

/// Baseline for the ruleset shape: the plain 2023 policy.
#[divan::bench]
fn baseline_ruleset_load(bencher: divan::Bencher) {
    let source = SourceFile::new("2023.rules", RULES.clone());
    bencher.bench(|| perfeval::load_ruleset(black_box(&source)).unwrap());
}
