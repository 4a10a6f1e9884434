//! Row checks that single out rows by a field (`check … for indicators when recognized
//! and name == "预算执行率" and …`): the comparison of the row's field with a constant
//! is tried alone first, and the rest of the condition only for rows that pass it.
//!
//! The result is the same: a condition is a chain of `and`s, so it holds only where
//! every part holds. What must not change is an error: a part before the key that could
//! fail (a division, a function) would fail on rows the key now skips, so a key is
//! taken only where every part before it cannot fail.

use crate::ir::defs::CheckDef;
use crate::ir::vocab::BinaryOp;
use crate::ir::{Expr, ExprKind};

/// The key of a row check: the first part of its condition that compares a field of
/// the row with a constant, where every part before it cannot fail.
pub(super) fn key(check: &CheckDef) -> Option<Expr> {
    check.rows.as_ref()?;
    let mut parts = Vec::new();
    conjuncts(check.condition.as_ref()?, &mut parts);
    for part in parts {
        if is_key(part) {
            return Some(part.clone());
        }
        if !infallible(part) {
            return None;
        }
    }
    None
}

/// The parts of a chain of `and`s, in the order evaluation meets them.
fn conjuncts<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Binary(BinaryOp::And, l, r) => {
            conjuncts(l, out);
            conjuncts(r, out);
        }
        _ => out.push(e),
    }
}

/// A comparison of a field of the row with a constant.
fn is_key(e: &Expr) -> bool {
    let ExprKind::Binary(op, l, r) = &e.kind else {
        return false;
    };
    let constant = |e: &Expr| matches!(e.kind, ExprKind::Const(_) | ExprKind::Constant { .. });
    let field = |e: &Expr| matches!(e.kind, ExprKind::RowField(..));
    op.is_comparison() && ((field(l) && constant(r)) || (constant(l) && field(r)))
}

/// Whether evaluating an expression cannot fail: reads, comparisons and logic over
/// them (no arithmetic, which can overflow or divide by zero, and no function).
fn infallible(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Const(_)
        | ExprKind::Constant { .. }
        | ExprKind::Global(_)
        | ExprKind::SectionField { .. }
        | ExprKind::RowField(..)
        | ExprKind::PoolField(_)
        | ExprKind::Computed(_)
        | ExprKind::Local(_) => true,
        ExprKind::Unary(_, x) => infallible(x),
        ExprKind::Binary(op, l, r) => {
            (op.is_comparison() || matches!(op, BinaryOp::And | BinaryOp::Or))
                && infallible(l)
                && infallible(r)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// The key of a check added to the shipped 2023 ruleset, as the checker resolved
    /// it.
    fn key_of(check: &str) -> Option<String> {
        let text = format!("{}\n{check}\n", include_str!("../../rulesets/2023.rules"));
        let plan = crate::load_ruleset(&SourceFile::new("t.rules", text)).unwrap();
        let probe = plan
            .checks
            .iter()
            .find(|c| c.finding.code == "probe")
            .unwrap();
        key(probe).map(|e| format!("{:?}", e.kind))
    }

    #[test]
    fn a_comparison_with_a_constant_after_safe_parts_is_the_key() {
        let key = key_of(
            "check probe error for indicators when recognized and name == \"预算执行率\" \
             and funds.paid / funds.appropriated > 1 { weight == expected_weight }",
        );
        let key = key.expect("a key");
        assert!(key.contains("RowField(FieldName { key: \"name\""), "{key}");
    }

    #[test]
    fn no_key_after_a_part_that_may_fail() {
        let key = key_of(
            "check probe error for indicators when funds.paid / funds.appropriated > 1 \
             and name == \"预算执行率\" { weight == expected_weight }",
        );
        assert_eq!(key, None);
    }

    #[test]
    fn no_key_without_a_comparison_of_a_field_with_a_constant() {
        assert_eq!(
            key_of(
                "check probe error for indicators when recognized { weight == expected_weight }"
            ),
            None
        );
        assert_eq!(
            key_of("check probe error for indicators { weight == expected_weight }"),
            None
        );
        assert_eq!(
            key_of(
                "check probe error for indicators when recognized or name == \"x\" { weight == expected_weight }"
            ),
            None
        );
    }
}
