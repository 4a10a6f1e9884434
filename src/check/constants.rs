//! Named constants: `let 扣减比例 = 5%`.
//!
//! Each constant is computed once, before any rule is checked, from literals, other
//! constants, operators, `if` and the functions of numbers. Every use of its name then
//! stands for its value and its kind (a bare number, a percentage, points, an amount, a
//! date, a text …), as a literal would: the unit rules, the sanity checks (`full 100% to
//! 门槛` is held to its number) and the bounds proof all see the number. Constants may use
//! one another in any order, but never themselves, directly or through others: the
//! language stays total.

use std::collections::{HashMap, VecDeque};

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::data::schema::Shape;
use crate::ir::{self, Computed, ExprKind, Function, Global, PoolField};
use crate::source::Span;
use crate::syntax::ast::{self, BinaryOp, ItemKind, RoundingMode};
use crate::value::{Unit, Value};

use super::checked::ConstantDef;
use super::declare::Defined;
use super::error::CheckError;
use super::expr::{Resolver, Scope, Stage};
use super::types::Ty;
use crate::i18n::t;

/// The constants of a ruleset, by name.
#[derive(Default)]
pub(crate) struct Constants {
    index: HashMap<String, usize>,
    states: Vec<State>,
}

/// How far a constant has been computed.
#[derive(Clone)]
enum State {
    /// Not yet: the constants it uses come first.
    Pending,
    /// Its kind and value.
    Done(Ty, Value),
    /// It has an error, reported once; its uses are not reported again.
    Failed,
}

impl Constants {
    /// What a name means as a constant: `Some(None)` for a constant with an error.
    pub(crate) fn get(&self, name: &str) -> Option<Option<(Ty, Value)>> {
        let state = self.states.get(*self.index.get(name)?)?;
        Some(match state {
            State::Done(ty, value) => Some((ty.clone(), value.clone())),
            State::Pending | State::Failed => None,
        })
    }

    /// The names of the constants (for "did you mean").
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// The value of a constant, where it is a bare number (for "write it with `%`").
    pub(crate) fn number(&self, name: &str) -> Option<Decimal> {
        match self.get(name)?? {
            (_, Value::Num(n)) => Some(n.value),
            _ => None,
        }
    }
}

/// One `let` of the ruleset, with its doc comment.
struct Decl<'r> {
    constant: &'r ast::Constant,
    doc: String,
}

/// The header's values a constant may use.
pub(crate) struct Header {
    pub fiscal_year: Option<i32>,
    pub cutoff: Option<Date>,
}

/// Declares and computes every constant of `ruleset`, in an order where each comes after
/// the constants it uses, reporting each problem to `r`.
pub(crate) fn compute(
    ruleset: &ast::Ruleset,
    r: &mut Resolver<'_>,
    header: &Header,
) -> Vec<ConstantDef> {
    let decls = declare(ruleset, r);
    let order = dependency_order(&decls, r);
    let mut defs = Vec::new();
    for i in order {
        let Some(decl) = decls.get(i) else { continue };
        if let Some(value) = compute_one(decl.constant, i, r, header) {
            defs.push((i, value));
        }
    }
    defs.sort_by_key(|(i, _)| *i);
    defs.into_iter()
        .filter_map(|(i, value)| {
            let decl = decls.get(i)?;
            Some(ConstantDef {
                name: decl.constant.name.name.clone(),
                value,
                doc: decl.doc.clone(),
                span: decl.constant.name.span,
            })
        })
        .collect()
}

/// Collects the constants, refusing a name defined twice or one that rules already
/// use for something else.
fn declare<'r>(ruleset: &'r ast::Ruleset, r: &mut Resolver<'_>) -> Vec<Decl<'r>> {
    let mut defined = Defined::default();
    let mut decls = Vec::new();
    for item in &ruleset.items {
        let ItemKind::Constant(constant) = &item.kind else {
            continue;
        };
        let name = &constant.name;
        if !defined.define("constant", &name.name, name.span, &mut r.errors) {
            continue;
        }
        let state = match taken(r, &name.name) {
            Some(what) => {
                r.errors.push(CheckError::Constant {
                    message: t!(CHECK_CONSTANT_TAKEN, name = name.name, what),
                    span: name.span.into(),
                    help: t!(CHECK_CONSTANT_TAKEN_HELP, name = name.name, what),
                });
                State::Failed
            }
            None => State::Pending,
        };
        r.constants.index.insert(name.name.clone(), decls.len());
        r.constants.states.push(state);
        decls.push(Decl {
            constant,
            doc: item.doc.text(),
        });
    }
    decls
}

/// What else a name means in some rule, in words, if anything: a constant must mean
/// itself wherever it is named.
fn taken(r: &Resolver<'_>, name: &str) -> Option<String> {
    let globals = [
        "fiscal_year",
        "财政年度",
        "cutoff",
        "截止日期",
        "total",
        "总分",
        "max_score",
        "满分",
        "rating",
        "评价等级",
    ];
    if globals.contains(&name) {
        return Some(t!(CHECK_CONSTANT_IS_VALUE, name));
    }
    if matches!(name, "outer" | "本行") {
        return Some(t!(CHECK_CONSTANT_IS_OUTER));
    }
    if matches!(name, "target" | "目标值" | "actual" | "实际完成值") {
        return Some(t!(CHECK_CONSTANT_IS_NUMBER, name));
    }
    let form = r.form();
    if let Some(section) = form.section(name) {
        return Some(t!(CHECK_CONSTANT_IS_SECTION, name = section.key));
    }
    let field = form
        .sections()
        .iter()
        .filter(|s| s.shape == Shape::Rows)
        .find(|s| s.fields.iter().any(|f| f.key == name || f.label == name));
    if let Some(section) = field {
        return Some(t!(CHECK_CONSTANT_IS_ROW_FIELD, name = section.key));
    }
    if Computed::from_name(name).is_some() || matches!(name, "category_label" | "类别标签") {
        return Some(t!(CHECK_CONSTANT_IS_COMPUTED, name));
    }
    if PoolField::from_name(name).is_some() {
        return Some(t!(CHECK_CONSTANT_IS_POOL_VALUE, name));
    }
    if name == ir::POOLS || RoundingMode::from_name(name).is_some() {
        return Some(t!(CHECK_CONSTANT_IS_WORD, name));
    }
    if r.category_id(name).is_some() {
        return Some(t!(CHECK_CONSTANT_IS_CATEGORY, name));
    }
    if r.is_line(name) {
        return Some(t!(CHECK_CONSTANT_IS_LINE, name));
    }
    None
}

/// The constants in an order where each comes after those it uses; a constant that
/// uses itself, directly or through others, is reported and left out.
fn dependency_order(decls: &[Decl<'_>], r: &mut Resolver<'_>) -> Vec<usize> {
    let uses: Vec<Vec<usize>> = decls
        .iter()
        .map(|d| {
            let mut used = Vec::new();
            names_in(&d.constant.value, &mut |name| {
                if let Some(&i) = r.constants.index.get(name)
                    && !used.contains(&i)
                {
                    used.push(i);
                }
            });
            used
        })
        .collect();
    let mut waiting: Vec<usize> = uses.iter().map(Vec::len).collect();
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); decls.len()];
    for (user, used) in uses.iter().enumerate() {
        for &u in used {
            if let Some(list) = users.get_mut(u) {
                list.push(user);
            }
        }
    }
    let mut ready: VecDeque<usize> = (0..decls.len())
        .filter(|&i| waiting.get(i) == Some(&0))
        .collect();
    let mut order = Vec::with_capacity(decls.len());
    while let Some(i) = ready.pop_front() {
        order.push(i);
        for &user in users.get(i).map_or(&[][..], Vec::as_slice) {
            if let Some(w) = waiting.get_mut(user) {
                *w -= 1;
                if *w == 0 {
                    ready.push_back(user);
                }
            }
        }
    }
    for (i, decl) in decls.iter().enumerate() {
        if waiting.get(i).is_some_and(|w| *w > 0) {
            cycle(decl, &uses, &waiting, decls, r);
            if let Some(state) = r.constants.states.get_mut(i) {
                *state = State::Failed;
            }
        }
    }
    order
}

fn cycle(
    decl: &Decl<'_>,
    uses: &[Vec<usize>],
    waiting: &[usize],
    decls: &[Decl<'_>],
    r: &mut Resolver<'_>,
) {
    let name = &decl.constant.name;
    let index = r.constants.index.get(&name.name).copied();
    let through: Vec<String> = index
        .and_then(|i| uses.get(i))
        .into_iter()
        .flatten()
        .filter(|&&u| waiting.get(u).is_some_and(|w| *w > 0))
        .filter_map(|&u| decls.get(u))
        .map(|d| format!("`{}`", d.constant.name.name))
        .collect();
    r.errors.push(CheckError::Constant {
        message: t!(CHECK_CONSTANT_CYCLE, name = name.name),
        span: name.span.into(),
        help: t!(
            CHECK_CONSTANT_CYCLE_HELP,
            through = through.join(&t!(LIST_COMMA)),
            name = name.name
        ),
    });
}

/// Every bare name in an expression.
fn names_in(expr: &ast::Expr, f: &mut dyn FnMut(&str)) {
    let mut expr = expr.clone();
    expr.walk_mut(&mut |e| {
        if let ast::ExprKind::Name(ident) = &e.kind {
            f(&ident.name);
        }
    });
}

fn compute_one(
    constant: &ast::Constant,
    id: usize,
    r: &mut Resolver<'_>,
    header: &Header,
) -> Option<Value> {
    if !matches!(r.constants.states.get(id), Some(State::Pending)) {
        return None;
    }
    let errors = r.errors.len();
    let (ty, resolved) = r.resolve(&constant.value, &Scope::at(Stage::Data));
    let name = &constant.name.name;
    let outcome = if r.errors.len() > errors {
        None
    } else if !allowed(&ty) {
        r.errors.push(CheckError::Constant {
            message: t!(CHECK_CONSTANT_TYPE, name, ty),
            span: constant.value.span.into(),
            help: t!(CHECK_CONSTANT_TYPE_HELP),
        });
        None
    } else {
        match fold(&resolved, header) {
            Ok(value) => Some((ty, value)),
            Err(Unfolded::FromForm(span)) => {
                r.errors.push(CheckError::Constant {
                    message: t!(CHECK_CONSTANT_FROM_FORM, name),
                    span: span.into(),
                    help: t!(CHECK_CONSTANT_FROM_FORM_HELP),
                });
                None
            }
            Err(Unfolded::Arithmetic(error, span)) => {
                r.errors.push(CheckError::Constant {
                    message: t!(CHECK_CONSTANT_ARITHMETIC, name, error),
                    span: span.into(),
                    help: t!(CHECK_CONSTANT_ARITHMETIC_HELP),
                });
                None
            }
        }
    };
    let state = match &outcome {
        Some((ty, value)) => State::Done(ty.clone(), value.clone()),
        None => State::Failed,
    };
    if let Some(slot) = r.constants.states.get_mut(id) {
        *slot = state;
    }
    outcome.map(|(_, value)| value)
}

/// The kinds a constant may have: values, not rows, lists or rounding modes.
fn allowed(ty: &Ty) -> bool {
    matches!(
        ty,
        Ty::Num(_) | Ty::Bool | Ty::Text | Ty::Date | Ty::Category
    )
}

/// Why an expression has no value before any form is read.
enum Unfolded {
    /// It reads the form, the rows or what scoring computes, here.
    FromForm(Span),
    /// Its arithmetic fails (division by zero, overflow), here.
    Arithmetic(crate::value::ArithError, Span),
}

/// The value of a resolved expression that reads no form.
fn fold(e: &ir::Expr, header: &Header) -> Result<Value, Unfolded> {
    let from_form = || Unfolded::FromForm(e.span);
    match &e.kind {
        ExprKind::Const(v) | ExprKind::Constant { value: v, .. } => Ok(v.clone()),
        ExprKind::Global(Global::FiscalYear) => header
            .fiscal_year
            .map(|y| Value::num(Decimal::from(y), Unit::Scalar))
            .ok_or_else(from_form),
        ExprKind::Global(Global::Cutoff) => header.cutoff.map(Value::Date).ok_or_else(from_form),
        ExprKind::Unary(op, x) => Ok(crate::ir::ops::unary(*op, fold(x, header)?)),
        ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), l, r) => {
            let left = fold(l, header)?;
            match (op, &left) {
                (BinaryOp::And, Value::Bool(false)) | (BinaryOp::Or, Value::Bool(true)) => Ok(left),
                _ => Ok(crate::ir::ops::logic(
                    *op,
                    left.scalar(),
                    fold(r, header)?.scalar(),
                )),
            }
        }
        ExprKind::Binary(op, l, r) => {
            let (left, right) = (fold(l, header)?, fold(r, header)?);
            crate::ir::ops::binary(*op, left.scalar(), right.scalar())
                .map_err(|error| Unfolded::Arithmetic(error, e.span))
        }
        ExprKind::If(c, a, b) => match fold(c, header)? {
            Value::Bool(true) => fold(a, header),
            Value::Bool(false) => fold(b, header),
            _ => Ok(Value::Null),
        },
        ExprKind::Call(f, args) => call(*f, args, e.span, header),
        _ => Err(from_form()),
    }
}

fn call(f: Function, args: &[ir::Expr], span: Span, header: &Header) -> Result<Value, Unfolded> {
    match f {
        Function::Min
        | Function::Max
        | Function::Abs
        | Function::Clamp
        | Function::Round(_)
        | Function::StepOf
        | Function::Present
        | Function::IsNumber
        | Function::Default => {
            let values = args
                .iter()
                .map(|a| fold(a, header))
                .collect::<Result<Vec<_>, _>>()?;
            match f {
                Function::Present | Function::IsNumber => Ok(Value::Bool(
                    values.first().is_some_and(|v| *v != Value::Null),
                )),
                Function::Default => Ok(match values.first() {
                    Some(Value::Null) | None => values.get(1).cloned().unwrap_or(Value::Null),
                    Some(v) => v.clone(),
                }),
                _ => crate::ir::functions::call(f, &values)
                    .map_err(|error| Unfolded::Arithmetic(error, span)),
            }
        }
        Function::Count
        | Function::Sum
        | Function::Any
        | Function::All
        | Function::First
        | Function::Subtotal => Err(Unfolded::FromForm(span)),
    }
}
