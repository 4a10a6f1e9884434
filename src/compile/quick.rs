//! Which checks evaluation can settle without its general evaluator (see
//! `eval::env::quick`): those whose condition and assertion read only constants, the
//! project's fields, a row's fields and computed values, and combine them with
//! operators, `if`, the functions of one value and `count`/`sum` over a whole section.

use crate::ir::defs::CheckDef;
use crate::ir::{Expr, ExprKind, Function};

/// Whether every part of a check's condition and assertion can be settled.
pub(super) fn settleable(check: &CheckDef) -> bool {
    check.condition.as_ref().is_none_or(settles) && settles(&check.assertion)
}

fn settles(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Const(_)
        | ExprKind::Constant { .. }
        | ExprKind::Global(_)
        | ExprKind::SectionField { .. }
        | ExprKind::RowField(..)
        | ExprKind::Computed(_)
        | ExprKind::Local(_) => true,
        ExprKind::Unary(_, x) => settles(x),
        ExprKind::Binary(_, l, r) => settles(l) && settles(r),
        ExprKind::If(c, a, b) => settles(c) && settles(a) && settles(b),
        ExprKind::Call(f, args) => match f {
            Function::Present
            | Function::IsNumber
            | Function::Default
            | Function::Min
            | Function::Max
            | Function::Abs
            | Function::Clamp
            | Function::Round(_)
            | Function::StepOf => args.iter().all(settles),
            Function::Count | Function::Sum => over_a_section(f, args),
            Function::Any | Function::All | Function::First | Function::Subtotal => false,
        },
        ExprKind::Rows { .. }
        | ExprKind::PoolField(_)
        | ExprKind::RowMember(..)
        | ExprKind::Project(..)
        | ExprKind::Filter(..)
        | ExprKind::Outer(_) => false,
    }
}

/// `count(section)`, `count(section.x)` or `sum(section.x)`.
fn over_a_section(f: &Function, args: &[Expr]) -> bool {
    let [arg] = args else { return false };
    match &arg.kind {
        ExprKind::Rows { .. } => *f == Function::Count,
        ExprKind::Project(base, _) => matches!(base.kind, ExprKind::Rows { .. }),
        _ => false,
    }
}
