//! The report of `perfeval diff`: forms under two rulesets, as a table for people
//! (here), a JSON document for tools (`json`) or CSV for Excel (`csv`). What changed and
//! why is decided in [`crate::diff`]; these only lay it out.

pub mod csv;
pub mod json;

use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use rust_decimal::Decimal;

use crate::diff::{
    Cause, Changes, Comparison, FindingChange, FormDiff, Migration, Pair, RowChange, Side, Summary,
    UNATTRIBUTED,
};
use crate::eval::outcome::IndicatorOutcome;
use crate::text::visible;

use super::completion_percent;
use super::table::shown;
use super::view::{Unevaluated, opt, severity_label};

/// What a diff report is made of.
#[derive(Debug)]
pub struct DiffReport<'a> {
    /// The two rulesets.
    pub rulesets: Pair<Ruleset<'a>>,
    /// The items that differ.
    pub changes: &'a Changes,
    /// Every form, in the run's order.
    pub forms: &'a [FormDiff],
    /// The run summed up.
    pub summary: &'a Summary,
    /// Files skipped in folders.
    pub skipped: usize,
}

/// A ruleset as a report names it.
#[derive(Clone, Copy, Debug)]
pub struct Ruleset<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its version, where it has one.
    pub version: Option<&'a str>,
    /// Its file, as named.
    pub file: &'a str,
}

impl Ruleset<'_> {
    /// `苏州市级… 2023.1（rulesets/2023.rules）`, not escaped.
    #[must_use]
    pub fn line(&self) -> String {
        let version = self.version.map_or_else(String::new, |v| format!(" {v}"));
        format!("{}{version}（{}）", self.name, self.file)
    }
}

/// The column headers of the forms table.
pub const FORM_HEADERS: [&str; 9] = [
    "序号",
    "文件",
    "项目名称",
    "原合计",
    "新合计",
    "变化",
    "原等级",
    "新等级",
    "归因",
];

/// The column headers of a form's changed rows.
const ROW_HEADERS: [&str; 9] = [
    "类别",
    "指标",
    "应有权重",
    "完成率",
    "等级",
    "原得分",
    "新得分",
    "变化",
    "归因",
];

/// The whole table report: the rulesets and the items that differ, one row per form,
/// each changed form's rows and findings (not with `summary`), then the run summed up.
#[must_use]
pub fn render_table(report: &DiffReport<'_>, summary: bool) -> String {
    let mut out = String::new();
    for side in Side::BOTH {
        let ruleset = report.rulesets.on(side).line();
        out.push_str(&format!("{}：{}\n", side.label(), visible(&ruleset)));
    }
    // A table starts within the first four lines: a folder walk knows the report by
    // it and never reads it as a form (`import::is_report`).
    out.push_str(&changes_table(report.changes));
    out.push_str(&forms_table(report.forms));
    if !summary {
        for form in report.forms.iter().filter(|f| f.changed()) {
            out.push('\n');
            out.push_str(&form_details(form));
        }
    }
    out.push('\n');
    out.push_str(&summary_text(report));
    out
}

/// The items that differ and a blank line, or a line saying none does.
fn changes_table(changes: &Changes) -> String {
    if changes.is_empty() {
        return "两个规则集的规则项相同，没有变化。\n".to_owned();
    }
    let mut table = new_table(["规则项", "变化"]);
    for (item, change) in changes.iter() {
        table.add_row([item.to_string(), change.label().to_owned()]);
    }
    format!("{table}\n\n")
}

fn forms_table(forms: &[FormDiff]) -> String {
    let mut table = new_table(FORM_HEADERS);
    for (i, form) in forms.iter().enumerate() {
        table.add_row(form_cells(i + 1, form));
    }
    right_align(&mut table, &[0, 3, 4, 5]);
    format!("{table}\n")
}

/// A form's row: its totals, ratings and causes; one that could not be evaluated has
/// why where its name would be.
fn form_cells(number: usize, form: &FormDiff) -> Vec<String> {
    let totals = form.totals();
    let ratings = form.ratings();
    let name = match failure_text(form) {
        Some(failure) => failure,
        None => form.name().unwrap_or("（未命名项目）").to_owned(),
    };
    vec![
        number.to_string(),
        visible(form.file()).into_owned(),
        shown(&name),
        opt(totals.old),
        opt(totals.new),
        form.change().map_or_else(String::new, signed),
        visible(ratings.old.unwrap_or("")).into_owned(),
        visible(ratings.new.unwrap_or("")).into_owned(),
        form.comparison.as_ref().map_or_else(String::new, |c| {
            if form.changed() {
                form_causes(c)
            } else {
                String::new()
            }
        }),
    ]
}

/// Why a form could not be compared: `原规则集无法评估：code：message`, a sentence per
/// ruleset that failed, or one for both where they failed alike; `None` where both
/// evaluated it.
#[must_use]
pub fn failure_text(form: &FormDiff) -> Option<String> {
    let why = |side| form.error(side).map(|e| Unevaluated::of(e).text());
    match (why(Side::Old), why(Side::New)) {
        (Some(old), Some(new)) if old == new => Some(format!("两个规则集都无法评估：{old}")),
        (Some(old), Some(new)) => Some(format!(
            "{}无法评估：{old}；{}无法评估：{new}",
            Side::Old.label(),
            Side::New.label()
        )),
        (Some(old), None) => Some(format!("{}无法评估：{old}", Side::Old.label())),
        (None, Some(new)) => Some(format!("{}无法评估：{new}", Side::New.label())),
        (None, None) => None,
    }
}

/// A form's causes in one cell: every cause, and 未能归因 where some change has none.
#[must_use]
pub fn form_causes(comparison: &Comparison) -> String {
    let mut text = causes_text(&comparison.causes);
    if comparison.unattributed && !comparison.causes.is_empty() {
        text.push('、');
        text.push_str(UNATTRIBUTED);
    }
    text
}

/// Causes joined, or 未能归因 for none.
#[must_use]
pub fn causes_text(causes: &[Cause]) -> String {
    if causes.is_empty() {
        return UNATTRIBUTED.to_owned();
    }
    let shown: Vec<String> = causes.iter().map(ToString::to_string).collect();
    shown.join("、")
}

/// A change with its sign: `+2.75`, `-2.07`, `0.00`.
#[must_use]
pub fn signed(change: Decimal) -> String {
    if change > Decimal::ZERO {
        format!("+{change}")
    } else {
        change.to_string()
    }
}

/// One form's changes: its total, then its changed rows and lines, then the findings
/// that came or went, each with its causes.
fn form_details(form: &FormDiff) -> String {
    let (Some(comparison), Some(outcomes)) = (&form.comparison, form.outcomes()) else {
        return String::new();
    };
    let name = shown(form.name().unwrap_or("（未命名项目）"));
    let mut out = format!(
        "{name}（{}）：合计 {} → {}（{}）",
        visible(form.file()),
        outcomes.old.total,
        outcomes.new.total,
        signed(crate::diff::change(outcomes.old.total, outcomes.new.total)),
    );
    let ratings = form.ratings();
    if ratings.old != ratings.new {
        out.push_str(&format!(
            "，等级 {} → {}",
            visible(ratings.old.unwrap_or("无")),
            visible(ratings.new.unwrap_or("无"))
        ));
    }
    out.push('\n');
    if !(comparison.rows.is_empty() && comparison.lines.is_empty()) {
        out.push_str(&rows_table(form, comparison));
    }
    for change in &comparison.findings {
        out.push_str(&finding_line(form, change));
    }
    if form.change().is_some_and(|d| !d.is_zero()) {
        out.push_str(&format!("合计的变化：{}\n", causes_text(&comparison.total)));
    }
    if ratings.old != ratings.new {
        out.push_str(&format!(
            "等级的变化：{}\n",
            causes_text(&comparison.rating)
        ));
    }
    out
}

fn rows_table(form: &FormDiff, comparison: &Comparison) -> String {
    let mut table = new_table(ROW_HEADERS);
    for change in &comparison.rows {
        table.add_row(row_cells(form.row(change), change));
    }
    for line in &comparison.lines {
        let change = line
            .scores
            .old
            .zip(line.scores.new)
            .map_or_else(String::new, |(a, b)| signed(crate::diff::change(a, b)));
        table.add_row(vec![
            super::view::LINE_CATEGORY.to_owned(),
            visible(&line.label).into_owned(),
            String::new(),
            String::new(),
            String::new(),
            opt(line.scores.old),
            opt(line.scores.new),
            change,
            causes_text(&line.causes),
        ]);
    }
    right_align(&mut table, &[2, 3, 5, 6, 7]);
    format!("{table}\n")
}

/// The cells of a changed row: what moved as `old → new`, the scores apart.
fn row_cells(rows: Pair<Option<&IndicatorOutcome>>, change: &RowChange) -> Vec<String> {
    let field = |f: &dyn Fn(&IndicatorOutcome) -> String| moved(rows.old.map(f), rows.new.map(f));
    let score = |row: Option<&IndicatorOutcome>| {
        row.map_or_else(String::new, |r| r.state.score.to_string())
    };
    let name = rows.new.or(rows.old).map_or("", |r| r.name.as_str());
    let difference = rows.old.zip(rows.new).map_or_else(String::new, |(a, b)| {
        signed(crate::diff::change(a.state.score, b.state.score))
    });
    vec![
        field(&|r| shown(&r.category)),
        shown(name),
        field(&|r| opt(r.state.expected_weight)),
        field(&|r| completion(r)),
        field(&|r| visible(r.state.grade.as_deref().unwrap_or("")).into_owned()),
        score(rows.old),
        score(rows.new),
        difference,
        causes_text(&change.causes),
    ]
}

/// A row's completion in percent, as the tables show it.
#[must_use]
pub fn completion(row: &IndicatorOutcome) -> String {
    row.state
        .completion
        .and_then(completion_percent)
        .map_or_else(String::new, |c| format!("{c}%"))
}

/// `a`, or `a → b` where they differ; a side without the row shows as `（无）`.
fn moved(old: Option<String>, new: Option<String>) -> String {
    let shown = |v: Option<String>| v.unwrap_or_else(|| "（无）".to_owned());
    if old == new {
        return shown(old);
    }
    let (old, new) = (shown(old), shown(new));
    let blank = |s: String| if s.is_empty() { "—".to_owned() } else { s };
    format!("{} → {}", blank(old), blank(new))
}

/// `新增发现 score-mismatch（错误）「系统上线数量」：message；归因：…`.
fn finding_line(form: &FormDiff, change: &FindingChange) -> String {
    let Some(finding) = form.finding(change) else {
        return String::new();
    };
    let what = match change.side {
        Side::New => "新增发现",
        Side::Old => "消失发现",
    };
    let indicator = finding
        .indicator
        .as_deref()
        .map_or_else(String::new, |i| format!("「{}」", shown(i)));
    format!(
        "{what} {}（{}）{indicator}：{}；归因：{}\n",
        visible(&finding.code),
        severity_label(finding.severity),
        visible(&finding.message),
        causes_text(&change.causes)
    )
}

/// The run summed up: counts, the spread of the changes, the grades, the largest moves
/// and the migration between grades.
fn summary_text(report: &DiffReport<'_>) -> String {
    let summary = report.summary;
    let mut out = format!("{}\n", counts_line(summary, report.skipped));
    if let Some(spread) = summary.change {
        out.push_str(&format!(
            "合计的变化：平均 {}，最小 {}，最大 {}\n",
            signed(spread.mean),
            signed(spread.min),
            signed(spread.max)
        ));
    }
    match summary.grade_changed {
        Some(n) => out.push_str(&format!("评价等级：{n} 个项目的等级变化\n")),
        None => out.push_str("评价等级：两个规则集都没有评价等级\n"),
    }
    if !summary.largest.is_empty() {
        out.push_str(&format!("变化最大的 {} 个项目：\n", summary.largest.len()));
        out.push_str(&largest_table(report));
    }
    if let Some(migration) = &summary.migration {
        out.push_str("评价等级迁移（行为原等级，列为新等级）：\n");
        out.push_str(&migration_table(migration));
    }
    out
}

/// `共 27 个项目：上升 3，下降 1，不变 22（其中明细有变化 2），无法评估 1（仅原规则集 0，仅新规则集 0，两者 1）`.
#[must_use]
pub fn counts_line(summary: &Summary, skipped: usize) -> String {
    let mut line = format!(
        "共 {} 个项目：上升 {}，下降 {}，不变 {}",
        summary.forms, summary.gained, summary.lost, summary.unchanged
    );
    if summary.unchanged_total_only > 0 {
        line.push_str(&format!(
            "（其中明细有变化 {}）",
            summary.unchanged_total_only
        ));
    }
    line.push_str(&format!("，无法评估 {}", summary.failed()));
    if summary.failed() > 0 {
        line.push_str(&format!(
            "（仅原规则集 {}，仅新规则集 {}，两者 {}）",
            summary.failed_old, summary.failed_new, summary.failed_both
        ));
    }
    if skipped > 0 {
        line.push_str(&format!("；跳过文件 {skipped}"));
    }
    line
}

fn largest_table(report: &DiffReport<'_>) -> String {
    let mut table = new_table(["序号", "文件", "项目名称", "原合计", "新合计", "变化"]);
    for found in &report.summary.largest {
        table.add_row(vec![
            (found.form + 1).to_string(),
            visible(&found.file).into_owned(),
            shown(found.name.as_deref().unwrap_or("（未命名项目）")),
            opt(found.totals.old),
            opt(found.totals.new),
            signed(found.change),
        ]);
    }
    right_align(&mut table, &[0, 3, 4, 5]);
    format!("{table}\n")
}

/// The name of no grade in the migration matrix.
pub const NO_GRADE: &str = "（无等级）";

fn migration_table(migration: &Migration) -> String {
    let grade = |g: &Option<String>| visible(g.as_deref().unwrap_or(NO_GRADE)).into_owned();
    let mut header = vec!["原等级＼新等级".to_owned()];
    header.extend(migration.new.iter().map(grade));
    let mut table = new_table(header);
    for (old, counts) in migration.old.iter().zip(&migration.counts) {
        let mut cells = vec![grade(old)];
        cells.extend(counts.iter().map(ToString::to_string));
        table.add_row(cells);
    }
    let columns: Vec<usize> = (1..=migration.new.len()).collect();
    right_align(&mut table, &columns);
    format!("{table}\n")
}

fn new_table<T: Into<Cell>>(header: impl IntoIterator<Item = T>) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header);
    table
}

fn right_align(table: &mut Table, columns: &[usize]) {
    for &column in columns {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}
