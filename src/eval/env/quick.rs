//! Checks settled, and completion formulas computed, without the general evaluator.
//!
//! Most checks hold on most forms: a check over the indicator rows holds in nearly every
//! row, a check of the budget's arithmetic on nearly every form. To find that, the
//! general evaluator enters rows, keeps aggregates, and makes a `Result` of every step,
//! which costs more than the reading and the arithmetic themselves.
//!
//! Here a check the compiler found settleable (see `compile::quick`) is evaluated as
//! [`Env::truth`] would, in the same order and with the same operators, but reading
//! rows in place and stopping at anything it is not sure of: an arithmetic error, a
//! value it does not read. What it answers is only whether the check surely raises
//! nothing where it ran. Where it does not say so, the general evaluator runs the check
//! as before, so the finding, its message and any error are the general evaluator's.
//! A completion's formula, computed on every quantitative row, is evaluated so too
//! ([`Env::surely_number`]), the general evaluator computing it where this is not sure.

use rust_decimal::Decimal;

use crate::ir::defs::CheckDef;
use crate::ir::vocab::{BinaryOp, UnaryOp};
use crate::ir::{Expr, ExprKind, Function};
use crate::value::{self, Scalar, Value};

use super::{At, Env, compare, decide};

#[cfg(test)]
thread_local! {
    /// Set by a test to have no check settled here, to compare the ways.
    pub(super) static UNSETTLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A value, or `None` where the general evaluator must say (an error, or a value not
/// read here).
type Sure<T> = Option<T>;

impl<'a> Env<'a> {
    /// Whether `check` surely raises nothing, run once for the project (`at` is `None`)
    /// or in one row (`at` is `Some((place, row))`, `place` as [`Env::place`] gives it):
    /// its condition is false or missing, or its assertion true or missing. `false` where
    /// it fails, and where the general evaluator must decide.
    pub(crate) fn surely_holds(&self, check: &CheckDef, at: Option<(usize, usize)>) -> bool {
        #[cfg(test)]
        if UNSETTLED.get() {
            return false;
        }
        if let Some(condition) = &check.condition {
            match self.sure_truth(condition, at) {
                Some(Some(true)) => {}
                Some(_) => return true,
                None => return false,
            }
        }
        matches!(
            self.sure_truth(&check.assertion, at),
            Some(Some(true) | None)
        )
    }

    /// The number `formula` gives in indicator row `row` (`None` inside where it gives
    /// no number), where the quick evaluator is sure of it: a completion's formula,
    /// which reads the row's `target` and `actual`, found without the general
    /// evaluator's rows and aggregates. `None` where the general evaluator must say, and
    /// where coverage is kept (the general evaluator marks what it evaluates).
    pub(crate) fn surely_number(&self, formula: &Expr, row: usize) -> Sure<Option<Decimal>> {
        #[cfg(test)]
        if UNSETTLED.get() {
            return None;
        }
        if self.marking() {
            return None;
        }
        match self.sure_value(formula, Some((super::INDICATORS_PLACE, row)))? {
            Scalar::Num(n) => Some(Some(n.value)),
            _ => Some(None),
        }
    }

    /// [`Env::truth`], where it is sure.
    fn sure_truth(&self, e: &Expr, at: Option<(usize, usize)>) -> Sure<Option<bool>> {
        // Each part is a step of the form's work; past its limit, the general evaluator
        // says so.
        if !self.charge(1) {
            return None;
        }
        match &e.kind {
            ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), l, r) => {
                // As `Env::truth`: the right side only where the left does not decide.
                let decisive = *op == BinaryOp::Or;
                let left = self.sure_truth(l, at)?;
                if left == Some(decisive) {
                    return Some(left);
                }
                Some(decide(decisive, left, self.sure_truth(r, at)?))
            }
            ExprKind::Binary(op, l, r) if op.is_comparison() => {
                let left = self.sure_value(l, at)?;
                let right = self.sure_value(r, at)?;
                Some(compare(*op, left, right))
            }
            ExprKind::Unary(UnaryOp::Not, x) => Some(self.sure_truth(x, at)?.map(|b| !b)),
            _ => Some(match self.sure_value(e, at)? {
                Scalar::Bool(b) => Some(b),
                _ => None,
            }),
        }
    }

    /// What [`Env::eval`] gives, read in place, where it is sure.
    fn sure_value<'e>(&'e self, e: &'e Expr, at: Option<(usize, usize)>) -> Sure<Scalar<'e>> {
        if !self.charge(1) {
            return None;
        }
        Some(match &e.kind {
            ExprKind::Const(v) | ExprKind::Constant { value: v, .. } => v.scalar(),
            ExprKind::Global(g) => self.global(g),
            ExprKind::SectionField {
                section,
                slot,
                field,
                read,
            } => self.section_field((*slot, section), field.at(), *read),
            // No row entered: as `Env::current_row_field` and `Env::current_computed`.
            ExprKind::RowField(field, read) => match at {
                Some((place, row)) => self.row_field_at(place, row, field.at(), *read),
                None => Scalar::Null,
            },
            ExprKind::Computed(c) => match at {
                Some((_, row)) => self.computed_at(row, *c),
                None => Scalar::Null,
            },
            ExprKind::Local(l) => self.local(*l),
            ExprKind::Unary(UnaryOp::Neg, x) => match self.sure_value(x, at)? {
                Scalar::Num(n) => Scalar::Num(value::neg(n)),
                _ => Scalar::Null,
            },
            ExprKind::Binary(op, l, r) if op.is_arithmetic() => {
                let left = self.sure_value(l, at)?;
                let right = self.sure_value(r, at)?;
                crate::ir::ops::arithmetic(*op, left, right)
                    .ok()?
                    .map_or(Scalar::Null, Scalar::Num)
            }
            ExprKind::Binary(..) | ExprKind::Unary(UnaryOp::Not, _) => {
                self.sure_truth(e, at)?.map_or(Scalar::Null, Scalar::Bool)
            }
            ExprKind::If(c, a, b) => match self.sure_truth(c, at)? {
                Some(true) => self.sure_value(a, at)?,
                Some(false) => self.sure_value(b, at)?,
                None => Scalar::Null,
            },
            ExprKind::Call(f, args) => return self.sure_call(*f, args, at),
            _ => return None,
        })
    }

    /// A function's value, as `Env::call` gives it, where it is sure.
    fn sure_call<'e>(
        &'e self,
        f: Function,
        args: &'e [Expr],
        at: Option<(usize, usize)>,
    ) -> Sure<Scalar<'e>> {
        let arg = |i: usize| match args.get(i) {
            Some(a) => self.sure_value(a, at),
            None => Some(Scalar::Null),
        };
        match f {
            Function::Present => Some(Scalar::Bool(!matches!(arg(0)?, Scalar::Null))),
            Function::IsNumber => Some(Scalar::Bool(matches!(arg(0)?, Scalar::Num(_)))),
            Function::Default => match arg(0)? {
                Scalar::Null => arg(1),
                v => Some(v),
            },
            // Once for the project; in a row, the general evaluator keeps the aggregate
            // for the loop over rows (computed here in every row, a check over 40,000
            // rows summed 1.6 × 10⁹ values).
            Function::Count | Function::Sum if at.is_none() => {
                self.over_rows(f, args)?.ok()?.scalar().owned()
            }
            Function::Count | Function::Sum => None,
            // Numbers in, a number out: no list of values made.
            Function::Abs | Function::Round(_) | Function::StepOf => {
                // Every argument is evaluated, as the general evaluator does: the first two
                // are all any of them reads.
                let mut nums = [None; 2];
                for (i, a) in args.iter().enumerate() {
                    if let (Scalar::Num(n), Some(slot)) = (self.sure_value(a, at)?, nums.get_mut(i))
                    {
                        *slot = Some(n);
                    }
                }
                let number = crate::ir::functions::numeric(f, |i| nums.get(i).copied().flatten());
                Some(number.ok()?.map_or(Scalar::Null, Scalar::Num))
            }
            Function::Min | Function::Max | Function::Clamp => {
                let values = args
                    .iter()
                    .map(|a| Some(self.sure_value(a, at)?.to_value()))
                    .collect::<Option<smallvec::SmallVec<[Value; 4]>>>()?;
                crate::ir::functions::call(f, &values)
                    .ok()?
                    .scalar()
                    .owned()
            }
            Function::Any | Function::All | Function::First | Function::Subtotal => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UNSETTLED;
    use crate::testing::{EGOV_FORM, RULES_2023, plan_and_project, set_indicator_text};

    /// The outcome of the seed's form, with `funds.appropriated` set to `appropriated`,
    /// under the 2023 ruleset with `check` added; settled where it can be, or not.
    fn outcome(check: &str, appropriated: &str, unsettled: bool) -> String {
        let rules = format!("{RULES_2023}\n{check}\n");
        let form = EGOV_FORM.replace(
            "[funds]  # 市级财政资金使用情况（万元）\nappropriated = 1679.7",
            &format!("[funds]\nappropriated = {appropriated}"),
        );
        let (plan, project) = plan_and_project(&rules, &form);
        assert!(
            plan.checks
                .iter()
                .any(|c| c.finding.code == "probe" && c.settleable)
        );
        UNSETTLED.set(unsettled);
        let outcome = format!("{:?}", crate::evaluate(&plan, &project));
        UNSETTLED.set(false);
        outcome
    }

    /// Where the general evaluator fails (a division by zero, a product past what a
    /// decimal holds), a settleable check fails the same: settling is never sure of an
    /// error.
    #[test]
    fn an_error_is_the_general_evaluators() {
        let cases = [
            (
                "check probe error { funds.paid / funds.appropriated > 0 }",
                "0",
            ),
            (
                "check probe error for indicators when recognized { funds.paid / funds.appropriated > 0 }",
                "0",
            ),
            (
                "check probe error { funds.appropriated * 10000000 > 0 }",
                "99999999999999999999999999",
            ),
            // A function of numbers fails as the general evaluator's does: a step of zero,
            // and an argument that fails though the function needs no more than two.
            (
                "check probe error { round(funds.paid, funds.appropriated) > 0 }",
                "0",
            ),
            (
                "check probe error { abs(funds.paid / funds.appropriated) > 0 }",
                "0",
            ),
        ];
        for (check, appropriated) in cases {
            let settled = outcome(check, appropriated, false);
            assert!(settled.starts_with("Err("), "{check}: {settled}");
            assert_eq!(settled, outcome(check, appropriated, true), "{check}");
        }
    }

    /// A completion's formula, settled without the general evaluator where it is sure,
    /// scores a row as the general evaluator does, and fails as it does: under a formula
    /// of `actual / target` alone, a target of zero is the general evaluator's division
    /// by zero.
    #[test]
    fn a_completion_is_the_general_evaluators() {
        let guarded =
            "= >= > : if target == 0 then (if actual >= 0 then 100% else 0%) else actual / target";
        assert!(RULES_2023.contains(guarded));
        let rules = RULES_2023.replace(guarded, "= >= > : actual / target");
        for (target, fails) in [("≥80", false), ("≥0", true)] {
            let (plan, mut project) = plan_and_project(&rules, EGOV_FORM);
            set_indicator_text(&mut project, 0, "target", target);
            set_indicator_text(&mut project, 0, "actual", "40");
            let settled = format!("{:?}", crate::evaluate(&plan, &project));
            UNSETTLED.set(true);
            let general = format!("{:?}", crate::evaluate(&plan, &project));
            UNSETTLED.set(false);
            assert_eq!(settled.starts_with("Err("), fails, "{target}: {settled}");
            assert_eq!(settled, general, "{target}");
            // 40 against 80: a completion of 50%, below the band.
            assert!(
                fails || settled.contains("completion: Some(0.5"),
                "{settled}"
            );
        }
    }

    /// A settled check that holds raises nothing, one that fails raises the general
    /// evaluator's finding, in a row and once per project.
    #[test]
    fn a_failed_check_is_the_general_evaluators() {
        let row = "check probe error for indicators when recognized and name == \"预算执行率\"";
        let pairs = [
            (
                "check probe error { funds.paid > funds.appropriated }".to_owned(),
                "check probe error { funds.paid <= funds.appropriated }".to_owned(),
            ),
            (
                format!("{row} {{ funds.paid > funds.appropriated }}"),
                format!("{row} {{ funds.paid <= funds.appropriated }}"),
            ),
            (
                "check probe error { sum(indicators.weight) <= 0 分 }".to_owned(),
                "check probe error { sum(indicators.weight) > 0 分 }".to_owned(),
            ),
        ];
        for (fails, held) in pairs {
            let settled = outcome(&fails, "1679.7", false);
            assert!(settled.contains("code: \"probe\""), "{fails}: {settled}");
            assert_eq!(settled, outcome(&fails, "1679.7", true), "{fails}");
            let settled = outcome(&held, "1679.7", false);
            assert!(!settled.contains("code: \"probe\""), "{held}: {settled}");
            assert_eq!(settled, outcome(&held, "1679.7", true), "{held}");
        }
    }
}
