//! The notes of the template's cells, in Chinese, built from the ruleset: what a field
//! takes, whether it may be left empty, how a pool's points are split. Notes are the
//! only place for hints: any other text in the form would be a cell the importer cannot
//! place.

use crate::compile::{Plan, PoolPlan, SplitPlan};
use crate::data::schema::{FieldSchema, FieldType, SectionSchema, Shape};
use crate::ir::vocab::{BinaryOp, ResidualRule, RoundingMode, UnaryOp};
use crate::ir::{Expr, ExprKind, Global};
use crate::value::{self, Num, Value};

/// What a field of this type takes, in the words of the form.
pub(crate) fn type_words(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text => "文本",
        FieldType::Measure => "指标值：数值（可带比较符和单位）或文字",
        FieldType::Integer => "整数",
        FieldType::Number => "数值",
        FieldType::Amount => "金额（万元）",
        FieldType::Points => "分值",
        FieldType::Percent => "百分比",
        FieldType::Date => "日期 YYYY-MM-DD",
        FieldType::Bool => "是否：TRUE 或 FALSE",
    }
}

/// A field's note: its type and whether it may be left empty.
pub(crate) fn field(field: &FieldSchema) -> String {
    let need = if field.optional { "选填" } else { "必填" };
    format!("类型：{}\n{need}", type_words(field.ty))
}

/// A section's note, where there is something to say: that it may be left out, that
/// rows may be added, which rows are filled in already.
pub(crate) fn section(section: &SectionSchema, prefilled: &[&str]) -> Option<String> {
    let mut lines = Vec::new();
    if section.shape == Shape::Rows {
        lines.push("每行一项；行不够可插入行".to_owned());
    }
    if !prefilled.is_empty() {
        lines.push(format!(
            "已预填{}的目录指标：类别、指标名称、权重不要改动，请填写其余各栏；项目自己的指标填在其后的空行",
            prefilled.join("、")
        ));
    }
    if section.optional {
        lines.push("选填栏目：可整栏不填".to_owned());
    }
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// The category column's note: the field's own, and the categories to choose from.
pub(crate) fn category(field_note: String, plan: &Plan) -> String {
    let names: Vec<&str> = plan.categories.iter().map(|c| c.name.as_str()).collect();
    format!(
        "{field_note}\n本规则集的类别：{}（可从下拉列表选择；表上的其他写法也可填）",
        names.join("、")
    )
}

/// The class column's note: the field's own, and the words that name a class.
pub(crate) fn class(field_note: String, plan: &Plan) -> String {
    let words: Vec<&str> = plan
        .classes
        .iter()
        .flat_map(|c| std::iter::once(&c.name).chain(&c.def.labels))
        .map(String::as_str)
        .collect();
    format!(
        "{field_note}\n本规则集的评分规则：{}（不填则按类别的评分规则）",
        words.join("、")
    )
}

/// The weight column's note: the field's own, and how each pool's points are split.
pub(crate) fn weight(field_note: String, plan: &Plan) -> String {
    let mut lines = vec![field_note];
    lines.extend(pools(plan));
    lines.join("\n")
}

/// How each pool's points are split, one sentence each.
pub(crate) fn pools(plan: &Plan) -> Vec<String> {
    // Each pool's categories, found in one pass: a ruleset may have thousands.
    let mut members: Vec<Vec<&str>> = vec![Vec::new(); plan.pools.len()];
    for category in &plan.categories {
        if let Some(list) = category.pool.and_then(|p| members.get_mut(p)) {
            list.push(&category.name);
        }
    }
    plan.pools
        .iter()
        .zip(&members)
        .map(|(p, categories)| pool(plan, p, categories))
        .collect()
}

/// How a pool's points are split, in one sentence built from the ruleset:
/// `个性指标 55 分（产出、效益）：按项数均分，精确到 0.01 截尾，余数给第一项。`
fn pool(plan: &Plan, pool: &PoolPlan, categories: &[&str]) -> String {
    let points = constant(plan, &pool.points, false);
    let head = match points {
        Some(n) => format!("{} {} 分", pool.name, n.value.normalize()),
        None => pool.name.clone(),
    };
    // A pool named like its one category needs no list.
    let members = match categories {
        [] => String::new(),
        [only] if *only == pool.name => String::new(),
        many => format!("（{}）", many.join("、")),
    };
    let varies = if points.is_none() {
        "分值按规则计算，"
    } else {
        ""
    };
    format!("{head}{members}：{varies}{}。", split(&pool.split))
}

/// The grades a qualitative indicator's actual is written as, with the share of the
/// weight each scores: `好（100%）、较好（80%）`; `None` without grades.
pub(crate) fn grades(plan: &Plan) -> Option<String> {
    let words: Vec<String> = plan
        .grades
        .grades
        .iter()
        .map(|g| {
            let share = constant(plan, &g.share, false);
            let up_to = g.up_to.as_ref().and_then(|u| constant(plan, u, false));
            // An open end is marked as policies write it: `60%～80%（不含80%）`.
            let open = |is_open: bool, end: &Option<Num>| match end {
                Some(end) if is_open => format!("，不含{end}"),
                _ => String::new(),
            };
            let marks = format!("{}{}", open(g.open.low, &share), open(g.open.high, &up_to));
            match (share, up_to) {
                (Some(low), Some(high)) => format!("{}（{low}～{high}{marks}）", g.name),
                (Some(share), None) => format!("{}（{share}）", g.name),
                (None, _) => g.name.clone(),
            }
        })
        .collect();
    (!words.is_empty()).then(|| words.join("、"))
}

/// The grade words alone, for the note of a field a grade is read from.
pub(crate) fn grade_words(plan: &Plan) -> Option<String> {
    let words: Vec<&str> = plan.grades.grades.iter().map(|g| g.name.as_str()).collect();
    (!words.is_empty()).then(|| format!("定性指标填等级：{}", words.join("、")))
}

fn split(split: &SplitPlan) -> String {
    match split {
        SplitPlan::Fixed { .. } => "按目录固定分值，表中已预填".to_owned(),
        SplitPlan::Declared => "各项分值由部门填报".to_owned(),
        SplitPlan::Evenly { share: None, .. } => "按项数均分".to_owned(),
        SplitPlan::Evenly {
            share: Some(share),
            residual,
        } => format!(
            "按项数均分，精确到 {} {}，{}",
            share.step.normalize(),
            mode_words(share.mode),
            residual_words(*residual)
        ),
    }
}

/// A rounding mode's Chinese name, as the language spells it.
fn mode_words(mode: RoundingMode) -> &'static str {
    RoundingMode::NAMES
        .iter()
        .find(|(_, _, m)| *m == mode)
        .map_or("", |(_, zh, _)| zh)
}

fn residual_words(rule: ResidualRule) -> &'static str {
    match rule {
        ResidualRule::First => "余数给第一项",
        ResidualRule::Last => "余数给最后一项",
        ResidualRule::Nobody => "余数不分配，各项均为舍入后的均分值",
        ResidualRule::Matching {
            fallback_last: false,
        } => "余数给所填权重等于均分值加余数的第一项，无则给第一项",
        ResidualRule::Matching {
            fallback_last: true,
        } => "余数给所填权重等于均分值加余数的第一项，无则给最后一项",
    }
}

/// A note cut to a length people read, and a note holds: a ruleset may have thousands
/// of categories or pools.
pub(crate) fn fit(note: String) -> String {
    const MOST: usize = 2_000;
    match note.char_indices().nth(MOST) {
        Some((cut, _)) => format!("{}……", note.get(..cut).unwrap_or_default()),
        None => note,
    }
}

/// The number an expression always has, whatever the form: numbers, `max_score` where
/// it is one, and arithmetic on them (`(2 + 3)`). `None` for anything that reads the
/// form. Inside `max_score`'s own expression, `max_score` has no value.
pub(crate) fn constant(plan: &Plan, e: &Expr, in_max_score: bool) -> Option<Num> {
    match &e.kind {
        ExprKind::Const(Value::Num(n))
        | ExprKind::Constant {
            value: Value::Num(n),
            ..
        } => Some(*n),
        ExprKind::Unary(UnaryOp::Neg, x) => constant(plan, x, in_max_score).map(value::neg),
        ExprKind::Global(Global::MaxScore) if !in_max_score => plan
            .max_score
            .as_ref()
            .and_then(|m| constant(plan, m, true)),
        ExprKind::Binary(op, l, r) => {
            let (a, b) = (
                constant(plan, l, in_max_score)?,
                constant(plan, r, in_max_score)?,
            );
            let result = match op {
                BinaryOp::Add => value::add(a, b),
                BinaryOp::Sub => value::sub(a, b),
                BinaryOp::Mul => value::mul(a, b),
                BinaryOp::Div => value::div(a, b),
                _ => return None,
            };
            result.ok()
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_notes_are_cut() {
        assert_eq!(fit("短".to_owned()), "短");
        let cut = fit("长".repeat(5_000));
        assert_eq!(cut.chars().count(), 2_002);
        assert!(cut.ends_with("长……"));
    }
}
