//! Whether scoring a row may read what evaluation computed for the rows (their
//! category, weight, completion, score: their states) through its expressions.
//!
//! Scoring writes each row's state while every formula it evaluates sees all rows as
//! weighting left them, which takes a copy of the states of the form. A ruleset whose
//! scoring expressions read no state at all (as most do: a completion is `actual /
//! target`, a band's edges and rates are constants) needs no copy.

use crate::ir::defs::{CompletionCaseDef, GradeDef, MissingDef};
use crate::ir::{Expr, ExprKind, Function, Projection};

use super::ClassPlan;

/// Whether any expression scoring evaluates reads a row's state: a computed value, a
/// projection of one, or `subtotal`.
pub(super) fn scoring_reads_states(
    classes: &[ClassPlan],
    completion: &[CompletionCaseDef],
    grades: &[GradeDef],
    missing: &MissingDef,
) -> bool {
    let class_exprs = classes
        .iter()
        .flat_map(|c| c.def.exprs().chain(c.completion.iter().flatten()));
    let grade_exprs = grades
        .iter()
        .flat_map(|g| std::iter::once(&g.share).chain(&g.up_to));
    let mut exprs = class_exprs
        .chain(completion.iter().map(|case| &case.formula))
        .chain(grade_exprs)
        .chain(missing.unexplained.iter().chain(&missing.explained));
    exprs.any(|e| e.any(&mut reads_a_state))
}

fn reads_a_state(e: &Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Computed(_)
            | ExprKind::Project(_, Projection::Computed(_))
            | ExprKind::RowMember(_, Projection::Computed(_))
            | ExprKind::Call(Function::Subtotal, _)
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::cli::FileLoader;
    use crate::data::{self, Format};

    fn plan(file: &str) -> super::super::Plan {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::load_ruleset_file(&root.join(file), &mut FileLoader)
            .unwrap()
            .0
    }

    /// The shipped policies score from constants and the row's target and actual.
    #[test]
    fn the_shipped_rulesets_read_no_state_in_scoring() {
        for file in [
            "rulesets/2023.rules",
            "rulesets/2023.zh.rules",
            "rulesets/mof-2020.rules",
        ] {
            assert!(!plan(file).scoring_reads_states, "{file}");
        }
    }

    /// The 2023 policy with a completion formula that reads the row's weight: what it
    /// gives depends on the rows' states.
    fn reading_a_weight() -> super::super::Plan {
        let text = include_str!("../../rulesets/2023.rules").replace(
            "else actual / target\n",
            "else actual / target * (if present(expected_weight) then 1 else 2)\n",
        );
        crate::load_ruleset(&crate::source::SourceFile::new("t.rules", text)).unwrap()
    }

    /// A class formula or a completion formula that reads a computed value reads a state.
    #[test]
    fn a_formula_of_a_computed_value_reads_a_state() {
        let plan = plan("examples/policy-changes/satisfaction-formula.rules");
        assert!(plan.scoring_reads_states);
        assert!(reading_a_weight().scoring_reads_states);
    }

    /// Every policy-change variant over every form of the fixtures and examples scores
    /// the same with the copy of the states as without it, wherever none is needed.
    #[test]
    fn scoring_without_the_copy_changes_no_outcome() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut rulesets = vec![
            "rulesets/2023.rules".to_owned(),
            "rulesets/mof-2020.rules".to_owned(),
        ];
        for entry in std::fs::read_dir(root.join("examples/policy-changes")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rules") {
                rulesets.push(path.display().to_string());
            }
        }
        let forms = crate::testing::fixture_forms();
        let mut plans: Vec<_> = rulesets
            .iter()
            .map(|file| (file.as_str(), plan(file)))
            .collect();
        plans.push(("a completion formula reading a weight", reading_a_weight()));
        let (mut compared, mut without) = (0, 0);
        for (file, plan) in plans {
            let mut copying = plan.clone();
            copying.scoring_reads_states = true;
            without += usize::from(!plan.scoring_reads_states);
            for (_, text) in &forms {
                let source = crate::source::SourceFile::new("f.toml", text.as_str());
                let Ok(project) = data::load_str(source, Format::Toml, &plan.form) else {
                    continue;
                };
                assert_eq!(
                    format!("{:?}", crate::evaluate(&plan, &project)),
                    format!("{:?}", crate::evaluate(&copying, &project)),
                    "{file}"
                );
                compared += 1;
            }
        }
        assert!(compared > 200 && without > 10, "{compared} {without}");
    }
}
