//! Ratios against baselines run in the same process (this machine is noisy; only ratios
//! mean anything): perfeval's evaluation against a hand-written scorer of the 2023
//! policy, its loading of TOML and of JSON forms and its whole loading and scoring against
//! plain serde reading of the same forms, two threads against one. Each line prints
//! `name: ratio` (lower is better; 1.00 is the baseline's speed) with the times behind it.
//!
//! `cargo bench --bench ratios` (forms: `PERFEVAL_BENCH_FORMS`, default 2,000).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_arithmetic,
    clippy::cast_precision_loss,
    reason = "a benchmark reports times as ratios of floats; its inputs are generated"
)]

#[path = "support/plain.rs"]
mod plain;
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use perfeval::compile::Plan;
use perfeval::data::{self, Format};
use perfeval::source::SourceFile;
use rayon::prelude::*;

/// The allocator the `perfeval` binary runs with (src/main.rs), for perfeval and the
/// baselines alike: the ratios are those of the program people run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The median of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn ratio(name: &str, measured: Duration, baseline: Duration) {
    println!(
        "{name}: {:.2}  ({:.1} ms against {:.1} ms)",
        measured.as_secs_f64() / baseline.as_secs_f64(),
        measured.as_secs_f64() * 1e3,
        baseline.as_secs_f64() * 1e3
    );
}

fn main() {
    let forms: usize = std::env::var("PERFEVAL_BENCH_FORMS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    let rules = std::fs::read_to_string("rulesets/2023.rules").unwrap();
    let source = SourceFile::new("2023.rules", rules);
    let plan: Plan = perfeval::load_ruleset(&source).unwrap();
    let texts: Vec<String> = (0..forms).map(support::corpus_form).collect();
    let load = |text: &String| {
        data::load_str(
            SourceFile::new("form.toml", text.as_str()),
            Format::Toml,
            &plan.form,
        )
        .unwrap()
    };

    // The two scorers agree on the corpus (else the baseline measures something else),
    // but for forms where a completion does not end as a decimal (`<=5小时` against
    // `6小时`: 5/6): the hand-written scorer computes with 28-digit `Decimal`s and rounds
    // 18.33 × (1 − 5 × (1 − 5/6)) = 3.0549999… to 3.05, where the exact score is 3.055
    // and the policy's rounding gives 3.06, as perfeval does.
    let projects: Vec<_> = texts.iter().map(load).collect();
    let parsed: Vec<support::Form> = texts.iter().map(|t| support::read(t)).collect();
    let disagree = projects
        .iter()
        .zip(&parsed)
        .filter(|(p, f)| perfeval::evaluate(&plan, p).unwrap().total != support::score(f).0)
        .count();
    println!(
        "forms: {forms}; totals that differ from the hand-written scorer (inexact there): {disagree}"
    );

    let runs = 5;
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let double = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();

    // Evaluation of loaded forms against the hand-written scorer of parsed forms.
    let hand = time(runs, || {
        parsed
            .iter()
            .map(|f| support::score(f).0)
            .fold(rust_decimal::Decimal::ZERO, |a, b| a + b)
    });
    let engine = time(runs, || {
        projects
            .iter()
            .map(|p| perfeval::evaluate(&plan, p).unwrap().total)
            .fold(rust_decimal::Decimal::ZERO, |a, b| a + b)
    });
    ratio("evaluate vs hand-written scorer", engine, hand);

    // Reading: perfeval's validated, spanned load against plain serde reading.
    let serde = time(runs, || {
        texts
            .iter()
            .map(|t| support::read(t).indicators.len())
            .sum::<usize>()
    });
    let perfeval_load = time(runs, || {
        texts.iter().map(|t| load(t).sections.len()).sum::<usize>()
    });
    ratio("load vs serde read", perfeval_load, serde);

    // The same for the forms as JSON, against serde_json reading into the same structs.
    let json_texts: Vec<String> = (0..forms).map(support::corpus_json_line).collect();
    let load_json = |text: &String| {
        data::load_str(
            SourceFile::new("form.json", text.as_str()),
            Format::Json,
            &plan.form,
        )
        .unwrap()
    };
    let serde_json_read = time(runs, || {
        json_texts
            .iter()
            .map(|t| support::read_json(t).indicators.len())
            .sum::<usize>()
    });
    let perfeval_load_json = time(runs, || {
        json_texts
            .iter()
            .map(|t| load_json(t).sections.len())
            .sum::<usize>()
    });
    ratio(
        "load JSON vs serde_json read",
        perfeval_load_json,
        serde_json_read,
    );

    // End to end: load, evaluate and render the JSON report against reading alone.
    let end_to_end = time(runs, || {
        let results: Vec<_> = texts
            .iter()
            .map(|t| {
                perfeval::report::json::ProjectResult::Evaluated(
                    perfeval::evaluate(&plan, &load(t)).unwrap(),
                )
            })
            .collect();
        perfeval::report::json::render("2023.rules", &plan, &results).len()
    });
    let serde_and_hand = time(runs, || {
        texts
            .iter()
            .map(|t| support::score(&support::read(t)).0)
            .fold(rust_decimal::Decimal::ZERO, |a, b| a + b)
    });
    ratio("end to end vs serde read", end_to_end, serde);
    ratio(
        "end to end vs serde read + hand scorer",
        end_to_end,
        serde_and_hand,
    );

    // Rendering alone: the JSON document and the JSON Lines of results evaluated once,
    // against serde_json writing plain structs that hold the same numbers and strings.
    let results: Vec<_> = projects
        .iter()
        .map(|p| {
            perfeval::report::json::ProjectResult::Evaluated(perfeval::evaluate(&plan, p).unwrap())
        })
        .collect();
    let plain = plain::document("2023.rules", &plan, &results);
    let serde_pretty = time(runs, || serde_json::to_string_pretty(&plain).unwrap().len());
    let render = time(runs, || {
        perfeval::report::json::render("2023.rules", &plan, &results).len()
    });
    ratio(
        "render JSON vs serde_json of plain structs",
        render,
        serde_pretty,
    );
    let serde_lines = time(runs, || {
        plain
            .projects()
            .iter()
            .map(|p| serde_json::to_string(p).unwrap().len())
            .sum::<usize>()
    });
    let render_lines = time(runs, || {
        results
            .iter()
            .map(|r| perfeval::report::jsonl::project(r).len())
            .sum::<usize>()
    });
    ratio(
        "render JSON Lines vs serde_json of plain structs",
        render_lines,
        serde_lines,
    );

    // Two threads against one, for perfeval and for the baseline.
    let work = |pool: &rayon::ThreadPool| {
        pool.install(|| {
            texts
                .par_iter()
                .map(|t| perfeval::evaluate(&plan, &load(t)).unwrap().total)
                .count()
        })
    };
    let baseline_work = |pool: &rayon::ThreadPool| {
        pool.install(|| {
            texts
                .par_iter()
                .map(|t| support::score(&support::read(t)).0)
                .count()
        })
    };
    ratio(
        "perfeval 2 threads vs 1",
        time(runs, || work(&double)),
        time(runs, || work(&single)),
    );
    ratio(
        "baseline 2 threads vs 1",
        time(runs, || baseline_work(&double)),
        time(runs, || baseline_work(&single)),
    );

    // Loading the ruleset, once per run, in milliseconds.
    let load_rules = time(20, || perfeval::load_ruleset(&source).unwrap());
    println!(
        "ruleset load (parse + check + compile): {:.2} ms",
        load_rules.as_secs_f64() * 1e3
    );
}
