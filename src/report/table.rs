//! An outcome as a table for reviewers: one row per indicator, then the total.

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use crate::eval::outcome::Outcome;
use crate::text::visible;

use super::batch::{Entry, SUMMARY_HEADERS};
use super::json::ProjectResult;
use super::view::{self, DIFFERS_MARK, LINE_CATEGORY, ProjectView, Row, Total};

/// The indicator table and the total line of one project.
#[must_use]
pub fn render(outcome: &Outcome) -> String {
    let project = ProjectView::of(outcome);
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
    for row in &project.rows {
        table.add_row(cells(row));
    }
    for (_, label, score) in &outcome.lines {
        let mut cells = vec![Cell::new(LINE_CATEGORY), Cell::new(shown(label))];
        cells.extend((0..5).map(|_| Cell::new("")));
        cells.push(Cell::new(score));
        table.add_row(cells);
    }
    for column in 4..9 {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    let title = shown(project.name());
    let file = visible(outcome.source.name());
    let mut out = format!("{title}（{file}）\n{table}\n");
    out.push_str(&total_line(&project.total));
    out
}

/// One row per project (`--summary`; with `quiet`, only those with a problem): its file,
/// name, total, findings counted and standing; a project that could not be evaluated has
/// its error where its name would be.
#[must_use]
pub fn render_summary(results: &[ProjectResult], quiet: bool) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(SUMMARY_HEADERS);
    for (i, result) in results.iter().enumerate() {
        let entry = Entry::of(result);
        if !quiet || entry.problems() {
            table.add_row(entry.cells(i + 1, |t| visible(t).into_owned()));
        }
    }
    for column in [0, 3, 4, 5, 6] {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    format!("{table}\n")
}

fn cells(row: &Row<'_>) -> Vec<Cell> {
    let i = row.indicator;
    vec![
        Cell::new(shown(&i.category)),
        Cell::new(shown(&i.name)),
        Cell::new(shown(&i.target)),
        Cell::new(shown(i.actual.as_deref().unwrap_or(""))),
        Cell::new(view::opt(i.weight)),
        Cell::new(view::opt(i.state.expected_weight)),
        Cell::new(row.completion.map_or_else(String::new, |c| format!("{c}%"))),
        Cell::new(i.state.score),
        Cell::new(view::opt(i.self_score)),
        Cell::new(if row.differs() { DIFFERS_MARK } else { "" }),
    ]
}

/// A form's text in a cell: shortened, its control characters written out.
pub(super) fn shown(text: &str) -> String {
    crate::text::visible_line(&view::cell(text)).into_owned()
}

fn total_line(total: &Total<'_>) -> String {
    let max = total.max.map_or_else(String::new, |m| format!(" / {m}"));
    let declared = total
        .declared
        .map_or_else(String::new, |d| format!("（自评分之和 {d}）"));
    let rating = total
        .rating
        .map_or_else(String::new, |r| format!("，评价等级：{}", visible(r)));
    format!("合计 {}{max}{declared}{rating}\n", total.computed)
}
