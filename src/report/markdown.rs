//! A report as Markdown, for pasting into a written report: the summary and each
//! project's indicator table as pipe tables, each project's findings as a list.
//!
//! Text from forms and rulesets has its line breaks made spaces and its other control
//! characters written out (`text::visible_line`), and every character Markdown gives a
//! meaning to escaped with a backslash, so a value
//! can neither break a table's row or column nor become a link, an emphasis or raw HTML
//! where the Markdown is rendered.

use std::borrow::Cow;

use crate::eval::outcome::Outcome;
use crate::finding::Finding;
use crate::text::visible_line;

use super::batch::{Entry, SUMMARY_HEADERS};
use super::json::ProjectResult;
use super::view::{
    self, DIFFERS_HEADER, DIFFERS_MARK, INDICATOR_HEADERS, LINE_CATEGORY, ProjectView, Row, Total,
};
use super::{Options, Report, TITLE};

/// The whole report.
#[must_use]
pub fn render(report: &Report<'_>, options: Options) -> String {
    let mut out = format!("# {TITLE}\n\n规则集：{}\n", md(&report.ruleset_line()));
    if let Some(note) = &report.skipped_note {
        out.push_str(&format!("\n{}\n", md(note)));
    }
    // With `--quiet`, a run without a problem has no row to list: no empty table.
    let listed = !options.quiet || report.tally().problems();
    if (options.summary || report.has_summary()) && listed {
        out.push_str("\n## 汇总\n\n");
        out.push_str(&summary_table(report.results, options.quiet));
    }
    if !options.summary {
        for (i, result) in report.results.iter().enumerate() {
            let shown = !options.quiet || Entry::of(result).problems();
            if shown {
                out.push('\n');
                out.push_str(&section(i + 1, result));
            }
        }
    }
    let tally = report.tally();
    if tally.projects > 1 && (!options.quiet || tally.problems()) {
        out.push('\n');
        out.push_str(&md(&tally.line()));
        out.push('\n');
    }
    out
}

/// One row per project; with `quiet`, only those with a problem.
fn summary_table(results: &[ProjectResult], quiet: bool) -> String {
    let mut out = header(&SUMMARY_HEADERS, &[0, 3, 4, 5, 6]);
    for (i, result) in results.iter().enumerate() {
        let entry = Entry::of(result);
        if quiet && !entry.problems() {
            continue;
        }
        out.push_str(&table_row(&entry.cells(i + 1, |t| md(t).into_owned())));
    }
    out
}

/// A project's section: its table and findings, or why it could not be evaluated.
fn section(number: usize, result: &ProjectResult) -> String {
    match result {
        ProjectResult::Evaluated(outcome) => project(number, outcome),
        ProjectResult::Failed { file, error } => {
            let why = view::Unevaluated::of(error);
            format!(
                "## {number}. {}\n\n无法评估：{}\n",
                md(file),
                md(&why.text())
            )
        }
    }
}

fn project(number: usize, outcome: &Outcome) -> String {
    let project = ProjectView::of(outcome);
    let mut out = format!(
        "## {number}. {}\n\n文件：{}\n\n",
        md(&view::cell(project.name())),
        md(outcome.source.name())
    );
    let mut headers: Vec<&str> = INDICATOR_HEADERS.to_vec();
    headers.push(DIFFERS_HEADER);
    out.push_str(&header(&headers, &[4, 5, 6, 7, 8]));
    for row in &project.rows {
        out.push_str(&table_row(&indicator_cells(row)));
    }
    for (_, label, score) in &outcome.lines {
        let mut cells = vec![LINE_CATEGORY.to_owned(), md(label).into_owned()];
        cells.extend(std::iter::repeat_n(String::new(), 5));
        cells.extend([score.to_string(), String::new(), String::new()]);
        out.push_str(&table_row(&cells));
    }
    out.push('\n');
    out.push_str(&total_line(&project.total));
    if !outcome.findings.is_empty() {
        out.push_str("\n### 发现\n\n");
        for finding in &outcome.findings {
            out.push_str(&finding_item(finding, outcome));
        }
    }
    out
}

fn indicator_cells(row: &Row<'_>) -> Vec<String> {
    let i = row.indicator;
    vec![
        md(&view::cell(&i.category)).into_owned(),
        md(&view::cell(&i.name)).into_owned(),
        md(&view::cell(&i.target)).into_owned(),
        md(&view::cell(i.actual.as_deref().unwrap_or(""))).into_owned(),
        view::opt(i.weight),
        view::opt(i.state.expected_weight),
        row.completion.map_or_else(String::new, |c| format!("{c}%")),
        i.state.score.to_string(),
        view::opt(i.self_score),
        if row.differs() { DIFFERS_MARK } else { "" }.to_owned(),
    ]
}

fn total_line(total: &Total<'_>) -> String {
    let max = total.max.map_or_else(String::new, |m| format!(" / {m}"));
    let declared = match (total.declared, total.difference) {
        (Some(d), Some(diff)) => format!("（自评分之和 {d}，差额 {diff}）"),
        (Some(d), None) => format!("（自评分之和 {d}）"),
        _ => String::new(),
    };
    let rating = total
        .rating
        .map_or_else(String::new, |r| format!("，评价等级：{}", md(r)));
    format!("**合计** {}{max}{declared}{rating}\n", total.computed)
}

/// `- **错误** `code`：message（第 22 行第 11 列）——依据：clause`. The message names
/// the indicator in the form's words where it is about one.
fn finding_item(finding: &Finding, outcome: &Outcome) -> String {
    let place = view::place_words(finding, outcome);
    let clause = view::clause(finding).map_or_else(String::new, |c| format!("——依据：{}", md(&c)));
    format!(
        "- **{}** {}：{}{place}{clause}\n",
        view::severity_label(finding.severity),
        code(&finding.code),
        md(&finding.message),
    )
}

/// A header row and its alignment row; `right` names the columns of numbers.
fn header(cells: &[&str], right: &[usize]) -> String {
    let rule: Vec<&str> = (0..cells.len())
        .map(|i| if right.contains(&i) { "---:" } else { "---" })
        .collect();
    format!("| {} |\n|{}|\n", cells.join(" | "), rule.join("|"))
}

fn table_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// A code in backticks where it can be, escaped text where it holds a backtick.
fn code(text: &str) -> Cow<'_, str> {
    let plain = visible_line(text);
    if plain.contains('`') {
        return Cow::Owned(md(text).into_owned());
    }
    Cow::Owned(format!("`{plain}`"))
}

/// Text safe in Markdown, in a table cell or a paragraph: control characters written
/// out, and a backslash before every character Markdown could read as syntax.
#[must_use]
pub fn md(text: &str) -> Cow<'_, str> {
    const SPECIAL: &[char] = &[
        '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '&', '!', '$',
    ];
    // A web address a form wrote stays text: GitHub's Markdown would make `http://…` and
    // `www.…` links a reviewer may follow.
    const LINKS: [(&str, &str); 3] = [("://", ":\\/\\/"), ("www.", "www\\."), ("WWW.", "WWW\\.")];
    let shown = visible_line(text);
    let linked = LINKS.iter().any(|(link, _)| shown.contains(link));
    if !shown.contains(SPECIAL) && !linked {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 8);
    for c in shown.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
    if linked {
        for (link, unlinked) in LINKS {
            out = out.replace(link, unlinked);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_break_a_table_or_become_markup() {
        assert_eq!(md("a|b"), r"a\|b");
        assert_eq!(md("<script>"), r"\<script\>");
        assert_eq!(md("行\n|x"), r"行 \|x");
        assert_eq!(md("[链接](x)"), r"\[链接\](x)");
        assert!(matches!(md("电子政务 ≥90%"), Cow::Borrowed(_)));
        assert_eq!(md("见 https://x.cn/a"), r"见 https:\/\/x.cn/a");
        assert_eq!(md("www.x.cn"), r"www\.x.cn");
    }

    #[test]
    fn a_code_with_a_backtick_is_escaped_not_quoted() {
        assert_eq!(code("score-mismatch"), "`score-mismatch`");
        assert_eq!(code("a`b"), r"a\`b");
    }
}
