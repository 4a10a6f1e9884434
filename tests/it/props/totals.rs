//! Property 5: the total adds up and never leaves 0..=max_score.

use super::*;

// ── 5. The total adds up ───────────────────────────────────────────────

proptest! {
    #![proptest_config(config(32))]

    /// With no adjustments (none of the three rulesets has any), the total is the sum
    /// of the indicators' rounded scores and the lines.
    #[test]
    fn the_total_is_the_sum_of_the_scores_and_the_lines(form in any_form(false)) {
        let plan = form.plan();
        let form = form.form();
        let outcome = outcome(plan, &form, Format::Toml);
        let scores: Decimal = outcome.indicators.iter().map(|i| i.state.score).sum();
        let lines: Decimal = outcome.lines.iter().map(|(_, _, score)| *score).sum();
        prop_assert_eq!(outcome.total, scores + lines, "\n{}", form.render(Format::Toml));
    }

    /// Whatever weights a form declares (here the 2020 template's, whose pools take the
    /// form's weights), a total is never reported above `max_score` nor below zero: a
    /// form whose scores would add up to more is refused with `impossible_total`.
    #[test]
    fn no_total_passes_the_maximum(form in mof(false)) {
        let form = form.form();
        let project = load(&MOF, &form, Format::Toml).map_err(TestCaseError::fail)?;
        match perfeval::evaluate(&MOF, &project) {
            Ok(outcome) => prop_assert!(
                Decimal::ZERO <= outcome.total && outcome.total <= Decimal::from(100),
                "total {}\n{}", outcome.total, form.render(Format::Toml)
            ),
            Err(e) => prop_assert_eq!(e.code(), "perfeval::eval::impossible_total"),
        }
    }
}
