//! An outcome as a table for reviewers: one row per indicator, then the total.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use rust_decimal::Decimal;

use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::text::visible;

use super::completion_percent;

/// The indicator table and the total line of one project.
#[must_use]
pub fn render(outcome: &Outcome) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header([
            "类别",
            "指标",
            "目标值",
            "实际完成值",
            "权重",
            "应有权重",
            "完成率",
            "得分",
            "自评分",
            "",
        ]);
    for indicator in &outcome.indicators {
        table.add_row(row(indicator));
    }
    for (_, label, score) in &outcome.lines {
        let mut cells = vec![Cell::new("分项"), Cell::new(visible(label))];
        cells.extend((0..5).map(|_| Cell::new("")));
        cells.push(Cell::new(score));
        table.add_row(cells);
    }
    for column in 4..9 {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let title = visible(outcome.name.as_deref().unwrap_or("（未命名项目）"));
    let file = visible(outcome.source.name());
    let mut out = format!("{title}（{file}）\n{table}\n");
    out.push_str(&total_line(outcome));
    out
}

fn row(i: &IndicatorOutcome) -> Vec<Cell> {
    let differs = i.self_score.is_some_and(|s| s != i.state.score)
        || matches!((i.weight, i.state.expected_weight), (Some(w), Some(e)) if w != e);
    vec![
        Cell::new(visible(&i.category)),
        Cell::new(visible(&i.name)),
        Cell::new(visible(&i.target)),
        Cell::new(visible(i.actual.as_deref().unwrap_or(""))),
        Cell::new(opt(i.weight)),
        Cell::new(opt(i.state.expected_weight)),
        Cell::new(
            i.state
                .completion
                .and_then(completion_percent)
                .map_or_else(String::new, |c| format!("{c}%")),
        ),
        Cell::new(i.state.score),
        Cell::new(opt(i.self_score)),
        Cell::new(if differs { "≠" } else { "" }),
    ]
}

fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

fn total_line(outcome: &Outcome) -> String {
    let max = outcome
        .max_score
        .map_or_else(String::new, |m| format!(" / {m}"));
    let declared: Option<Decimal> = outcome
        .indicators
        .iter()
        .filter_map(|i| i.self_score)
        .reduce(|a, b| a.checked_add(b).unwrap_or(a));
    let declared = declared.map_or_else(String::new, |d| format!("（自评分合计 {d}）"));
    let rating = outcome
        .rating
        .as_deref()
        .map_or_else(String::new, |r| format!("，评价等级：{}", visible(r)));
    format!("合计 {}{max}{declared}{rating}\n", outcome.total)
}
