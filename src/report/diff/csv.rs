//! A diff as CSV for Excel, written as `check --format csv` writes (UTF-8 with a
//! byte-order mark, CRLF, RFC 4180 quotes, a leading `'` on a text Excel would run as a
//! formula).
//!
//! One row per form and changed indicator, line or finding, and a `合计` row per form
//! with its totals, ratings and causes (a form that could not be compared has only that
//! row, with why in `说明`); with `--summary`, one row per form. Nothing follows the
//! forms' rows, so the file is written as the forms are compared ([`head`], then each
//! [`form_piece`]). Numbers are plain
//! decimals (a change as `-2.07`, a completion in percent as `95.00`).

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::diff::{Comparison, FindingChange, FormDiff, LineChange, RowChange, Side};
use crate::eval::outcome::IndicatorOutcome;
use crate::report::completion_percent;
use crate::report::csv::{BOM, record, text};
use crate::report::view::{LINE_CATEGORY, opt, severity_label};

use super::{DiffReport, causes_text, failure_text, form_causes};

/// The columns of the per-indicator CSV.
const COLUMNS: [&str; 16] = [
    "文件",
    "项目名称",
    "类别",
    "指标名称",
    "原应有权重",
    "新应有权重",
    "原完成率(%)",
    "新完成率(%)",
    "原等级",
    "新等级",
    "原得分",
    "新得分",
    "变化",
    "发现",
    "归因",
    "说明",
];

/// The columns of the summary CSV: one row per form.
const SUMMARY_COLUMNS: [&str; 9] = [
    "文件",
    "项目名称",
    "原合计",
    "新合计",
    "变化",
    "原等级",
    "新等级",
    "归因",
    "说明",
];

/// The category of a form's total row.
const TOTAL_CATEGORY: &str = "合计";

/// The whole file.
#[must_use]
pub fn render(report: &DiffReport<'_>, summary: bool) -> String {
    let mut out = head(summary);
    for form in report.forms {
        out.push_str(&form_piece(form, summary));
    }
    out
}

/// The beginning of the file: the byte-order mark and the columns' names. The rest is
/// the forms' pieces, one after another: the file is written as the forms are compared.
#[must_use]
pub fn head(summary: bool) -> String {
    let mut out = String::from(BOM);
    if summary {
        record(&mut out, SUMMARY_COLUMNS.map(Cow::Borrowed));
    } else {
        record(&mut out, COLUMNS.map(Cow::Borrowed));
    }
    out
}

/// A form's records: its row (with `summary`), or its changed rows and its total.
#[must_use]
pub fn form_piece(form: &FormDiff, summary: bool) -> String {
    let mut out = String::new();
    if summary {
        record(&mut out, summary_fields(form));
    } else {
        form_records(&mut out, form);
    }
    out
}

fn summary_fields(form: &FormDiff) -> [Cow<'_, str>; 9] {
    let totals = form.totals();
    let ratings = form.ratings();
    [
        text(form.file()),
        text(form.name().unwrap_or("")),
        number(totals.old),
        number(totals.new),
        number(form.change()),
        text(ratings.old.unwrap_or("")),
        text(ratings.new.unwrap_or("")),
        Cow::Owned(causes(form)),
        failure(form),
    ]
}

/// A form's causes, where something of it changed.
fn causes(form: &FormDiff) -> String {
    match &form.comparison {
        Some(comparison) if form.changed() => form_causes(comparison),
        _ => String::new(),
    }
}

fn failure(form: &FormDiff) -> Cow<'static, str> {
    Cow::Owned(failure_text(form).map_or_else(String::new, |t| text(&t).into_owned()))
}

/// A form's rows: each changed indicator, line and finding, then its total.
fn form_records(out: &mut String, form: &FormDiff) {
    if let Some(comparison) = &form.comparison {
        changed_records(out, form, comparison);
    }
    let totals = form.totals();
    let ratings = form.ratings();
    let mut fields = blank(form);
    fields[2] = Cow::Borrowed(TOTAL_CATEGORY);
    fields[8] = text(ratings.old.unwrap_or(""));
    fields[9] = text(ratings.new.unwrap_or(""));
    fields[10] = number(totals.old);
    fields[11] = number(totals.new);
    fields[12] = number(form.change());
    fields[14] = Cow::Owned(causes(form));
    fields[15] = failure(form);
    record(out, fields);
}

fn changed_records(out: &mut String, form: &FormDiff, comparison: &Comparison) {
    for change in &comparison.rows {
        record(out, row_fields(form, change));
    }
    for line in &comparison.lines {
        record(out, line_fields(form, line));
    }
    for change in &comparison.findings {
        if let Some(fields) = finding_fields(form, change) {
            record(out, fields);
        }
    }
}

fn row_fields<'a>(form: &'a FormDiff, change: &RowChange) -> [Cow<'a, str>; 16] {
    let rows = form.row(change);
    let category = match (rows.old, rows.new) {
        (Some(a), Some(b)) if a.category != b.category => {
            Cow::Owned(format!("{} → {}", text(&a.category), text(&b.category)))
        }
        (old, new) => old.or(new).map_or(Cow::Borrowed(""), |r| text(&r.category)),
    };
    let weight = |r: Option<&IndicatorOutcome>| number(r.and_then(|r| r.state.expected_weight));
    let completion = |r: Option<&IndicatorOutcome>| {
        number(
            r.and_then(|r| r.state.completion)
                .and_then(completion_percent),
        )
    };
    let grade = |r: Option<&'a IndicatorOutcome>| {
        r.and_then(|r| r.state.grade.as_deref())
            .map_or(Cow::Borrowed(""), text)
    };
    let score = |r: Option<&IndicatorOutcome>| number(r.map(|r| r.state.score));
    let difference = rows
        .old
        .zip(rows.new)
        .map(|(a, b)| crate::diff::change(a.state.score, b.state.score));
    let mut fields = blank(form);
    fields[2] = category;
    fields[3] = rows
        .new
        .or(rows.old)
        .map_or(Cow::Borrowed(""), |r| text(&r.name));
    fields[4] = weight(rows.old);
    fields[5] = weight(rows.new);
    fields[6] = completion(rows.old);
    fields[7] = completion(rows.new);
    fields[8] = grade(rows.old);
    fields[9] = grade(rows.new);
    fields[10] = score(rows.old);
    fields[11] = score(rows.new);
    fields[12] = number(difference);
    fields[14] = Cow::Owned(causes_text(&change.causes));
    fields
}

fn line_fields<'a>(form: &'a FormDiff, line: &'a LineChange) -> [Cow<'a, str>; 16] {
    let mut fields = blank(form);
    fields[2] = Cow::Borrowed(LINE_CATEGORY);
    fields[3] = text(&line.label);
    fields[10] = number(line.scores.old);
    fields[11] = number(line.scores.new);
    fields[12] = number(
        line.scores
            .old
            .zip(line.scores.new)
            .map(|(a, b)| crate::diff::change(a, b)),
    );
    fields[14] = Cow::Owned(causes_text(&line.causes));
    fields
}

/// A finding that came (`新增发现`) or went (`消失发现`): its indicator, and in `发现`
/// its code and severity.
fn finding_fields<'a>(form: &'a FormDiff, change: &FindingChange) -> Option<[Cow<'a, str>; 16]> {
    let finding = form.finding(change)?;
    let mut fields = blank(form);
    fields[2] = Cow::Borrowed(match change.side {
        Side::New => "新增发现",
        Side::Old => "消失发现",
    });
    fields[3] = text(finding.indicator.as_deref().unwrap_or(""));
    fields[13] = Cow::Owned(format!(
        "{}（{}）",
        text(&finding.code),
        severity_label(finding.severity)
    ));
    fields[14] = Cow::Owned(causes_text(&change.causes));
    Some(fields)
}

/// A row with only the file and the project's name.
fn blank(form: &FormDiff) -> [Cow<'_, str>; 16] {
    let mut fields: [Cow<'_, str>; 16] = Default::default();
    fields[0] = text(form.file());
    fields[1] = text(form.name().unwrap_or(""));
    fields
}

fn number(d: Option<Decimal>) -> Cow<'static, str> {
    Cow::Owned(opt(d))
}
