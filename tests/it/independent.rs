//! perfeval against an independent implementation of the 2023 policy: the benchmarks'
//! hand-written scorer of the whole policy (`benches/support/policy.rs`, no interpreter,
//! exact integer arithmetic), on generated forms altered to raise every finding of the
//! policy (`benches/support/varied.rs`) and on the unaltered corpus. Totals, each row's
//! expected weight and score, and the findings' codes (as a multiset) must be the same.
//! `cargo bench --bench ratios` runs the same comparison over as many forms as it times.

use perfeval::data::{self, Format};
use perfeval::source::SourceFile;

#[path = "../../benches/support/mod.rs"]
mod support;

/// What differs between the two for one form, if anything.
fn difference(plan: &perfeval::compile::Plan, text: &str) -> Option<String> {
    let source = SourceFile::new("form.toml", text);
    let project = data::load_str(source, Format::Toml, &plan.form).unwrap();
    let outcome = perfeval::evaluate(plan, &project).unwrap();
    let ours = support::policy::Summary::new(
        outcome.total,
        outcome.findings.iter().map(|f| f.code.as_str()),
        outcome
            .indicators
            .iter()
            .map(|o| (o.state.expected_weight, o.state.score)),
    );
    let scored = support::policy::score(&support::read(text));
    let theirs = scored.summary();
    (ours != theirs).then(|| format!("perfeval {ours:?}\nindependent {theirs:?}\n{text}"))
}

/// Every case of the altered forms, ten variants each, and a hundred corpus forms.
#[test]
fn perfeval_scores_as_an_independent_scorer_of_the_policy() {
    let path = crate::common::root().join("rulesets").join("2023.rules");
    let text = std::fs::read_to_string(path).unwrap();
    let plan = perfeval::load_ruleset(&SourceFile::new("2023.rules", text)).unwrap();
    let forms = (0..support::varied::CASES * 10)
        .map(support::varied_form)
        .chain((0..100).map(support::corpus_form));
    let mut compared = 0;
    for form in forms {
        if let Some(difference) = difference(&plan, &form) {
            panic!("form {compared} differs:\n{difference}");
        }
        compared += 1;
    }
    assert_eq!(compared, support::varied::CASES * 10 + 100);
}
