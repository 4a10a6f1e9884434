//! Typing the built-in functions' arguments.

use crate::i18n::t;
use crate::ir::{self, Function};
use crate::source::Span;
use crate::syntax::ast::{self, RoundingMode};

use super::error::CheckError;
use super::expr::{Resolver, Scope, Stage};
use super::types::{Dim, Ty, unify};

type Typed = (Ty, ir::Expr);

/// Checks a call of a known function and resolves it.
pub(crate) fn resolve_call(
    r: &mut Resolver<'_>,
    function: Function,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Typed {
    let result = match function {
        Function::Count => count(r, name, args, scope, span),
        Function::Sum => sum(r, name, args, scope, span),
        Function::Min | Function::Max => extremum(r, function, name, args, scope, span),
        Function::Abs => same_number(r, function, name, args, scope, span, 1),
        Function::Clamp => same_number(r, function, name, args, scope, span, 3),
        Function::Round(_) => round(r, name, args, scope, span),
        Function::StepOf => same_number(r, function, name, args, scope, span, 1),
        Function::Present | Function::IsNumber => predicate(r, function, name, args, scope, span),
        Function::Any | Function::All => quantifier(r, function, name, args, scope, span),
        Function::Default => default(r, name, args, scope, span),
        Function::First => first(r, name, args, scope, span),
        Function::Subtotal => subtotal(r, name, args, scope, span),
    };
    result.unwrap_or({
        (
            Ty::Error,
            ir::Expr {
                kind: ir::ExprKind::Const(crate::value::Value::Null),
                span,
            },
        )
    })
}

fn call(function: Function, args: Vec<ir::Expr>, span: Span) -> ir::Expr {
    ir::Expr {
        kind: ir::ExprKind::Call(function, args),
        span,
    }
}

fn arity(
    r: &mut Resolver<'_>,
    name: &str,
    args: &[ast::Expr],
    expected: &str,
    ok: bool,
    span: Span,
) -> bool {
    if !ok {
        r.errors.push(CheckError::WrongArguments {
            function: name.to_owned(),
            expected: expected.to_owned(),
            found: match args.len() {
                0 => t!(CHECK_ARGS_NONE),
                1 => t!(CHECK_ARGS_ONE),
                n => t!(CHECK_ARGS_MANY, n),
            },
            span: span.into(),
        });
    }
    ok
}

fn count(
    r: &mut Resolver<'_>,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    let [rows] = args else {
        arity(r, name, args, &t!(CHECK_ARGS_ONE_ROWS), false, span);
        return None;
    };
    let (ty, resolved) = r.resolve(rows, scope);
    match ty {
        Ty::Rows(_) | Ty::List(_) | Ty::Error => {}
        other => r.mismatch(&t!(CHECK_ARGS_ROWS), &other, rows),
    }
    Some((
        Ty::Num(Dim::Scalar),
        call(Function::Count, vec![resolved], span),
    ))
}

fn sum(
    r: &mut Resolver<'_>,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    let [list] = args else {
        arity(r, name, args, &t!(CHECK_ARGS_ONE_LIST), false, span);
        return None;
    };
    let (ty, resolved) = r.resolve(list, scope);
    let dim = match ty {
        Ty::List(inner) => match *inner {
            Ty::Num(d) => d,
            Ty::Error => Dim::Zero,
            other => {
                r.mismatch(
                    &t!(CHECK_ARGS_NUMBER_LIST),
                    &Ty::List(Box::new(other)),
                    list,
                );
                Dim::Zero
            }
        },
        Ty::Error => Dim::Zero,
        other => {
            r.mismatch(&t!(CHECK_ARGS_NUMBER_LIST_SUCH), &other, list);
            Dim::Zero
        }
    };
    Some((Ty::Num(dim), call(Function::Sum, vec![resolved], span)))
}

/// `min(a, b, …)` over numbers of one dimension, or `min(list)`.
fn extremum(
    r: &mut Resolver<'_>,
    function: Function,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    if !arity(
        r,
        name,
        args,
        &t!(CHECK_ARGS_LIST_OR_NUMBERS),
        !args.is_empty(),
        span,
    ) {
        return None;
    }
    let dim_of = |ty: &Ty| match (ty, args.len()) {
        (Ty::Num(d), n) if n > 1 => Some(*d),
        (Ty::List(inner), 1) => match inner.as_ref() {
            Ty::Num(d) => Some(*d),
            _ => None,
        },
        (Ty::Error, _) => Some(Dim::Zero),
        _ => None,
    };
    Some(of_one_unit(r, function, args, scope, span, dim_of))
}

/// A call whose arguments are numbers of one dimension (`dim_of` says which an
/// argument's type has, if any), typed as that dimension. A bare number beside a
/// percentage (`max(5, 0%)`) is reported as such.
fn of_one_unit(
    r: &mut Resolver<'_>,
    function: Function,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
    dim_of: impl Fn(&Ty) -> Option<Dim>,
) -> Typed {
    let typed: Vec<(Ty, ir::Expr)> = args.iter().map(|a| r.resolve(a, scope)).collect();
    if beside_percent(r, &typed, args) {
        let resolved = typed.into_iter().map(|(_, ir)| ir).collect();
        return (Ty::Num(Dim::Percent), call(function, resolved, span));
    }
    let mut dim = Dim::Zero;
    let mut failed = false;
    let mut resolved = Vec::with_capacity(args.len());
    for ((ty, ir), arg) in typed.into_iter().zip(args) {
        match dim_of(&ty).and_then(|d| unify(dim, d)) {
            Some(d) => dim = d,
            None => {
                failed = true;
                let expected = if matches!(ty, Ty::Num(_)) {
                    t!(CHECK_ARGS_ONE_UNIT)
                } else {
                    t!(TY_NUMBER)
                };
                r.mismatch(&expected, &ty, arg);
            }
        }
        resolved.push(ir);
    }
    (typed_or_error(dim, failed), call(function, resolved, span))
}

/// Numbers of one dimension, or the error type after a reported mismatch, so that one
/// mistake is reported once.
fn typed_or_error(dim: Dim, failed: bool) -> Ty {
    if failed { Ty::Error } else { Ty::Num(dim) }
}

/// Reports bare numbers among arguments beside a percentage (`max(5, 0%)`).
fn beside_percent(r: &mut Resolver<'_>, typed: &[(Ty, ir::Expr)], args: &[ast::Expr]) -> bool {
    let operands: Vec<(&Ty, &ast::Expr)> = typed.iter().map(|(t, _)| t).zip(args).collect();
    r.bare_beside_percent(&operands)
}

/// `abs(x)`, `clamp(x, lo, hi)`, `step_of(x)`: numbers of one dimension.
fn same_number(
    r: &mut Resolver<'_>,
    function: Function,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
    expected: usize,
) -> Option<Typed> {
    let words = if expected == 1 {
        t!(CHECK_ARGS_ONE_NUMBER)
    } else {
        t!(CHECK_ARGS_THREE_NUMBERS)
    };
    if !arity(r, name, args, &words, args.len() == expected, span) {
        return None;
    }
    let dim_of = |ty: &Ty| match ty {
        Ty::Num(d) => Some(*d),
        Ty::Error => Some(Dim::Zero),
        _ => None,
    };
    Some(of_one_unit(r, function, args, scope, span, dim_of))
}

/// `round(x, step)` or `round(x, step, mode)`.
fn round(
    r: &mut Resolver<'_>,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    if !arity(
        r,
        name,
        args,
        &t!(CHECK_ARGS_ROUND),
        (2..=3).contains(&args.len()),
        span,
    ) {
        return None;
    }
    let (x_ty, x) = r.resolve(args.first()?, scope);
    let step_arg = args.get(1)?;
    let (step_ty, step) = r.resolve(step_arg, scope);
    let dim = match (&x_ty, &step_ty) {
        _ if r.bare_beside_percent(&[(&x_ty, args.first()?), (&step_ty, step_arg)]) => Dim::Percent,
        (Ty::Num(a), Ty::Num(b)) => unify(*a, *b).unwrap_or_else(|| {
            r.mismatch(&x_ty.to_string(), &step_ty, step_arg);
            *a
        }),
        (Ty::Num(a), Ty::Error) => *a,
        (Ty::Error, _) => Dim::Zero,
        (other, _) => {
            r.mismatch(&t!(TY_NUMBER), other, args.first()?);
            Dim::Zero
        }
    };
    let mode = match args.get(2) {
        None => None,
        Some(arg) => mode_argument(r, arg),
    };
    Some((
        Ty::Num(dim),
        call(Function::Round(mode), vec![x, step], span),
    ))
}

fn mode_argument(r: &mut Resolver<'_>, arg: &ast::Expr) -> Option<RoundingMode> {
    if let ast::ExprKind::Name(ident) = &arg.kind
        && let Some(mode) = RoundingMode::from_name(&ident.name)
    {
        return Some(mode);
    }
    r.errors.push(CheckError::TypeMismatch {
        expected: t!(TY_MODE),
        found: t!(CHECK_ARGS_SOMETHING_ELSE),
        span: arg.span.into(),
        help: Some(t!(CHECK_ARGS_MODE_HELP)),
    });
    None
}

fn predicate(
    r: &mut Resolver<'_>,
    function: Function,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    let [arg] = args else {
        arity(r, name, args, &t!(CHECK_ARGS_ONE), false, span);
        return None;
    };
    let (ty, resolved) = r.resolve(arg, scope);
    if function == Function::IsNumber && !matches!(ty, Ty::Num(_) | Ty::Error) {
        r.mismatch(&t!(CHECK_ARGS_MEASURE_OR_NUMBER), &ty, arg);
    }
    Some((Ty::Bool, call(function, vec![resolved], span)))
}

/// `any(rows, condition)` and `all(rows, condition)`; the condition sees each row.
fn quantifier(
    r: &mut Resolver<'_>,
    function: Function,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    let [rows, cond] = args else {
        arity(
            r,
            name,
            args,
            &t!(CHECK_ARGS_ROWS_AND_CONDITION),
            false,
            span,
        );
        return None;
    };
    let (ty, rows_ir) = r.resolve(rows, scope);
    let cond_ir = match ty {
        Ty::Rows(section) => r.expect(cond, &scope.in_rows(&section), &Ty::Bool),
        other => {
            if other != Ty::Error {
                r.mismatch(&t!(CHECK_ARGS_ROWS), &other, rows);
            }
            return None;
        }
    };
    Some((Ty::Bool, call(function, vec![rows_ir, cond_ir], span)))
}

fn default(
    r: &mut Resolver<'_>,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    let [value, fallback] = args else {
        arity(
            r,
            name,
            args,
            &t!(CHECK_ARGS_VALUE_AND_FALLBACK),
            false,
            span,
        );
        return None;
    };
    let (vt, vi) = r.resolve(value, scope);
    let (ft, fi) = r.resolve(fallback, scope);
    let ty = match (&vt, &ft) {
        _ if r.bare_beside_percent(&[(&vt, value), (&ft, fallback)]) => Some(Ty::Num(Dim::Percent)),
        (Ty::Num(a), Ty::Num(b)) => unify(*a, *b).map(Ty::Num),
        (Ty::Error, t) | (t, Ty::Error) => Some(t.clone()),
        (a, b) if a == b => Some(a.clone()),
        _ => None,
    };
    let ty = ty.unwrap_or_else(|| {
        r.mismatch(&vt.to_string(), &ft, fallback);
        Ty::Error
    });
    Some((ty, call(Function::Default, vec![vi, fi], span)))
}

/// `first(rows)`: one row, whose fields `.name` reads.
fn first(
    r: &mut Resolver<'_>,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    let [rows] = args else {
        arity(r, name, args, &t!(CHECK_ARGS_ONE_ROWS), false, span);
        return None;
    };
    let (ty, resolved) = r.resolve(rows, scope);
    match ty {
        Ty::Rows(section) => Some((
            Ty::Row(section),
            call(Function::First, vec![resolved], span),
        )),
        Ty::Error => None,
        other => {
            r.mismatch(&t!(CHECK_ARGS_ROWS), &other, rows);
            None
        }
    }
}

/// `subtotal(产出)`: the points a category's rows scored.
fn subtotal(
    r: &mut Resolver<'_>,
    name: &str,
    args: &[ast::Expr],
    scope: &Scope,
    span: Span,
) -> Option<Typed> {
    let [category] = args else {
        arity(r, name, args, &t!(CHECK_ARGS_ONE_CATEGORY), false, span);
        return None;
    };
    if scope.stage < Stage::Scores {
        r.errors.push(CheckError::TooEarly {
            name: name.to_owned(),
            span: span.into(),
            help: t!(CHECK_SUBTOTAL_LATE),
        });
        return None;
    }
    let resolved = r.expect(category, scope, &Ty::Category);
    Some((
        Ty::Num(Dim::Points),
        call(Function::Subtotal, vec![resolved], span),
    ))
}
