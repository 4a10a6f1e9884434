//! Writing expressions and values in the form's own words, for finding messages.
//!
//! `budget.unallocated` is written as its label `指标结余数`, so that a reviewer reads
//! the form's words, not the project file's keys.

use crate::compile::Plan;
use crate::i18n::t;
use crate::ir::vocab::{BinaryOp, UnaryOp};
use crate::ir::{Computed, Expr, ExprKind, Function, Global, Local, PoolField, Projection};
use crate::value::Value;

/// A value as a message shows it.
#[must_use]
pub fn value(plan: &Plan, v: &Value) -> String {
    let mut out = String::new();
    push_value(plan, v, &mut out);
    out
}

/// Appends a value as [`value`] shows it: a message's numbers and texts are written into
/// the message, not each into a text of its own.
pub(crate) fn push_value(plan: &Plan, v: &Value, out: &mut String) {
    match v {
        // Writing to a `String` cannot fail.
        Value::Num(n) => {
            let _ = n.write_to(out);
        }
        Value::Text(t) => out.push_str(t),
        Value::Null => out.push_str(&t!(VALUE_NONE)),
        Value::Bool(true) => out.push_str(&t!(VALUE_YES)),
        Value::Bool(false) => out.push_str(&t!(VALUE_NO)),
        Value::Date(d) => out.push_str(&d.to_string()),
        Value::Category(c) => {
            if let Some(c) = plan.categories.get(*c) {
                out.push_str(&c.name);
            }
        }
        Value::Rows(set) => out.push_str(&t!(VALUE_ROWS, n = set.rows.len())),
        Value::Row(section, row) => out.push_str(&t!(VALUE_ROW, section, n = row + 1)),
        Value::List(items) => {
            let comma = t!(LIST_COMMA);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(&comma);
                }
                push_value(plan, item, out);
            }
        }
    }
}

/// An expression in the form's words.
#[must_use]
pub fn expr(plan: &Plan, e: &Expr, row_section: Option<&str>) -> String {
    words(plan, e, row_section, false)
}

/// The two sides of a comparison in the form's words, each field of a record section
/// named with its section where the two read the same otherwise: `funds.appropriated ==
/// budget.appropriated` compares two fields both labelled 财政拨款数, which a reviewer
/// tells apart only by their sections.
#[must_use]
pub fn sides(plan: &Plan, l: &Expr, r: &Expr, row_section: Option<&str>) -> (String, String) {
    let (left, right) = (expr(plan, l, row_section), expr(plan, r, row_section));
    if left != right {
        return (left, right);
    }
    (
        words(plan, l, row_section, true),
        words(plan, r, row_section, true),
    )
}

/// [`expr`], each field of a record section named with its section where `qualify`
/// says so.
fn words(plan: &Plan, e: &Expr, row_section: Option<&str>, qualify: bool) -> String {
    match &e.kind {
        ExprKind::Const(v) => value(plan, v),
        ExprKind::Constant { name, .. } => name.clone(),
        ExprKind::Outer(inner) => format!("本行的{}", words(plan, inner, row_section, qualify)),
        ExprKind::Global(Global::Line(key)) => line_label(plan, key),
        ExprKind::Global(g) => global(g).to_owned(),
        ExprKind::SectionField { section, field, .. } if qualify => format!(
            "{}的{}",
            section_label(plan, section),
            label(plan, section, &field.key)
        ),
        ExprKind::SectionField { section, field, .. } => label(plan, section, &field.key),
        ExprKind::Rows { section } => section_label(plan, section),
        ExprKind::RowField(field, _) => {
            row_section.map_or_else(|| field.key.clone(), |s| label(plan, s, &field.key))
        }
        ExprKind::Computed(c) => computed(*c).to_owned(),
        ExprKind::PoolField(f) => pool_field(*f).to_owned(),
        ExprKind::RowMember(base, projection) => {
            format!(
                "{}的{}",
                words(plan, base, row_section, qualify),
                projection_label(plan, base, projection)
            )
        }
        ExprKind::Local(Local::Target) => "目标值".to_owned(),
        ExprKind::Local(Local::Actual) => "实际完成值".to_owned(),
        ExprKind::Project(base, projection) => {
            format!(
                "{}的{}",
                words(plan, base, row_section, qualify),
                projection_label(plan, base, projection)
            )
        }
        ExprKind::Filter(base, _) => format!("{}（筛选）", words(plan, base, row_section, qualify)),
        ExprKind::Unary(op, x) => {
            let sign = if *op == UnaryOp::Not { "非 " } else { "-" };
            let operand = words(plan, x, row_section, qualify);
            format!("{sign}{}", grouped(operand, strength(x) < ATOM))
        }
        ExprKind::Binary(op, l, r) => {
            // Left to right, as the ruleset groups them: `a − (b − c)` was shown `a − b −
            // c`, beside a value the formula so read does not give.
            let p = binding(*op);
            let left = words(plan, l, row_section, qualify);
            let right = words(plan, r, row_section, qualify);
            format!(
                "{} {} {}",
                grouped(left, strength(l) < p),
                operator(*op),
                grouped(right, strength(r) <= p)
            )
        }
        ExprKind::If(c, a, b) => format!(
            "如果 {} 则 {} 否则 {}",
            words(plan, c, row_section, qualify),
            words(plan, a, row_section, qualify),
            words(plan, b, row_section, qualify)
        ),
        ExprKind::Call(f, args) => {
            let args: Vec<_> = args
                .iter()
                .map(|a| words(plan, a, row_section, qualify))
                .collect();
            format!("{}({})", function(*f), args.join("，"))
        }
    }
}

/// How tightly an expression holds together when it is an operand, as the grammar binds
/// operators (`lower.rs`): `如果 … 否则 …` least of all, names and calls most.
fn strength(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::If(..) => 0,
        ExprKind::Binary(op, ..) => binding(*op),
        ExprKind::Unary(UnaryOp::Not, _) => 3,
        ExprKind::Unary(UnaryOp::Neg, _) => 7,
        _ => ATOM,
    }
}

/// What never needs parentheses.
const ATOM: u8 = 9;

/// An operator's binding: `或` 1, `且` 2, comparisons 4, `+ −` 5, `× ÷` 6.
fn binding(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => 1,
        BinaryOp::And => 2,
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            4
        }
        BinaryOp::Add | BinaryOp::Sub => 5,
        BinaryOp::Mul | BinaryOp::Div => 6,
    }
}

fn grouped(text: String, parens: bool) -> String {
    match parens {
        true => format!("({text})"),
        false => text,
    }
}

fn projection_label(plan: &Plan, base: &Expr, projection: &Projection) -> String {
    match projection {
        Projection::Field(f, _) => {
            rows_section(base).map_or_else(|| f.key.clone(), |s| label(plan, s, &f.key))
        }
        Projection::Computed(c) => computed(*c).to_owned(),
        Projection::Pool(f) => pool_field(*f).to_owned(),
    }
}

fn pool_field(f: PoolField) -> &'static str {
    PoolField::NAMES
        .iter()
        .find(|(_, _, x)| *x == f)
        .map_or("?", |(_, zh, _)| zh)
}

fn line_label(plan: &Plan, key: &str) -> String {
    plan.lines
        .iter()
        .find(|l| l.key == key)
        .map_or_else(|| key.to_owned(), |l| l.label.clone())
}

fn rows_section(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Rows { section } => Some(section),
        ExprKind::Filter(base, _) => rows_section(base),
        ExprKind::Call(_, args) => args.first().and_then(rows_section),
        _ => None,
    }
}

fn label(plan: &Plan, section: &str, field: &str) -> String {
    plan.form
        .section(section)
        .and_then(|s| s.field(field))
        .map_or_else(|| format!("{section}.{field}"), |f| f.label.clone())
}

fn section_label(plan: &Plan, section: &str) -> String {
    plan.form
        .section(section)
        .map_or_else(|| section.to_owned(), |s| s.label.clone())
}

fn global(g: &Global) -> &'static str {
    match g {
        Global::FiscalYear => "财政年度",
        Global::Cutoff => "截止日期",
        Global::Total => "总分",
        Global::MaxScore => "满分",
        Global::Rating => "评价等级",
        Global::Line(_) => "分项得分",
    }
}

fn computed(c: Computed) -> &'static str {
    Computed::NAMES
        .iter()
        .find(|(_, _, x)| *x == c)
        .map_or("?", |(_, zh, _)| zh)
}

fn operator(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Or => "或",
        BinaryOp::And => "且",
        BinaryOp::Eq => "=",
        BinaryOp::Ne => "≠",
        BinaryOp::Lt => "<",
        BinaryOp::Le => "≤",
        BinaryOp::Gt => ">",
        BinaryOp::Ge => "≥",
        BinaryOp::Add => "+",
        BinaryOp::Sub => "−",
        BinaryOp::Mul => "×",
        BinaryOp::Div => "÷",
    }
}

fn function(f: Function) -> &'static str {
    crate::ir::FUNCTIONS
        .iter()
        .find(|(_, _, x)| std::mem::discriminant(x) == std::mem::discriminant(&f))
        .map_or("?", |(_, zh, _)| zh)
}

/// What a failed comparison should have been, in words.
#[must_use]
pub fn expectation(op: BinaryOp) -> String {
    match op {
        BinaryOp::Eq => t!(EXPECT_EQUAL),
        BinaryOp::Ne => t!(EXPECT_DIFFERENT),
        BinaryOp::Lt => t!(EXPECT_LESS),
        BinaryOp::Le => t!(EXPECT_NOT_GREATER),
        BinaryOp::Gt => t!(EXPECT_GREATER),
        BinaryOp::Ge => t!(EXPECT_NOT_LESS),
        _ => t!(EXPECT_HOLDS),
    }
}
