//! What every report shows of one project, whatever its medium: each indicator row with
//! the findings about it, the findings about the whole project, and the total beside the
//! declared one. The formats only lay this out; none decides again which finding belongs
//! to which row, or what differs.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::finding::Finding;
use crate::ir::vocab::Severity;
use crate::source::LineCol;

use super::completion_percent;

/// The column headers of an indicator table, as the 自评表 names them (the terminal
/// table keeps its narrower 指标 for 指标名称).
pub const INDICATOR_HEADERS: [&str; 9] = [
    "类别",
    "指标名称",
    "目标值",
    "实际完成值",
    "权重",
    "应有权重",
    "完成率",
    "得分",
    "自评分",
];

/// The header of the column that marks a row whose declared numbers differ.
pub const DIFFERS_HEADER: &str = "不一致";

/// The mark in that column: a symbol, so that it reads in black and white.
pub const DIFFERS_MARK: &str = "≠";

/// The category shown for a line (`Outcome::lines`): points outside the indicator table.
pub const LINE_CATEGORY: &str = "分项";

/// The most characters of a form's text (a name, a target, an actual value) a report for
/// people shows in one cell; JSON keeps the text whole, CSV and workbooks up to
/// [`EXCEL_CELL_LIMIT`].
pub const CELL_LIMIT: usize = 200;

/// The most characters Excel holds in a cell (in UTF-16 units): a workbook cannot hold
/// more, and Excel cuts a longer CSV field. The CSV report repeats a project's name and
/// file on each of its rows, so that without this bound a long name would be written
/// again for every row (a 100,000-character name and 2,500 rows: 755 MB).
pub const EXCEL_CELL_LIMIT: usize = 32_767;

/// A form's text as a report for people shows it in a cell: at most [`CELL_LIMIT`]
/// characters, so that one 100,000-character value cannot fill pages of the table.
#[must_use]
pub fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    crate::text::brief(text, CELL_LIMIT)
}

/// A project as every report shows it.
#[derive(Debug)]
pub struct ProjectView<'a> {
    /// The evaluation.
    pub outcome: &'a Outcome,
    /// One per indicator, in form order.
    pub rows: Vec<Row<'a>>,
    /// Findings about no single row: the budget, a line, the total, an indicator absent
    /// from the form, or one whose name several rows share (its place says which).
    pub project_findings: Vec<&'a Finding>,
    /// The total beside the declared one.
    pub total: Total<'a>,
    /// How many findings of each severity.
    pub counts: Counts,
}

/// One indicator row and the findings about it.
#[derive(Debug)]
pub struct Row<'a> {
    /// The row as evaluated.
    pub indicator: &'a IndicatorOutcome,
    /// The completion in percent, rounded to 0.01 for display.
    pub completion: Option<Decimal>,
    /// Whether the declared weight differs from the policy's.
    pub weight_differs: bool,
    /// Whether the declared self score differs from the computed score.
    pub score_differs: bool,
    /// The findings that name this row's indicator.
    pub findings: Vec<&'a Finding>,
}

impl Row<'_> {
    /// Whether a declared number of the row differs from the computed one.
    #[must_use]
    pub fn differs(&self) -> bool {
        self.weight_differs || self.score_differs
    }
}

/// The computed total beside the declared one.
#[derive(Debug)]
pub struct Total<'a> {
    /// The computed total.
    pub computed: Decimal,
    /// The sum of the declared self scores (自评分之和), where the form declares any,
    /// the sum holds in a decimal, and it counts what the computed total counts: not
    /// where the total has lines (points outside the indicator table, such as a budget
    /// execution score, whose declared values the outcome does not hold). Beside a total
    /// of 99 with a line of 10, the rows' 89 would read as a department claiming 10
    /// points less than it did.
    pub declared: Option<Decimal>,
    /// Computed less declared, where both are known.
    pub difference: Option<Decimal>,
    /// The most a project can score, where the ruleset says.
    pub max: Option<Decimal>,
    /// The rating of the total, where the ruleset has one.
    pub rating: Option<&'a str>,
}

/// Findings counted by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes for information.
    pub infos: usize,
}

impl Counts {
    /// The findings of one project, counted.
    #[must_use]
    pub fn of(findings: &[Finding]) -> Counts {
        let mut counts = Counts::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => counts.errors += 1,
                Severity::Warning => counts.warnings += 1,
                Severity::Info => counts.infos += 1,
            }
        }
        counts
    }

    /// Whether a reviewer must look: an error or a warning.
    #[must_use]
    pub fn problems(self) -> bool {
        self.errors + self.warnings > 0
    }
}

impl<'a> ProjectView<'a> {
    /// Places each finding of an outcome on its row, or with the project.
    #[must_use]
    pub fn of(outcome: &'a Outcome) -> ProjectView<'a> {
        let mut rows: Vec<Row<'a>> = outcome.indicators.iter().map(Row::of).collect();
        let mut project_findings = Vec::new();
        let by_name = unique_names(&outcome.indicators);
        for finding in &outcome.findings {
            let row = finding
                .indicator
                .as_deref()
                .and_then(|name| by_name.get(name).copied().flatten())
                .and_then(|i| rows.get_mut(i));
            match row {
                Some(row) => row.findings.push(finding),
                None => project_findings.push(finding),
            }
        }
        ProjectView {
            outcome,
            rows,
            project_findings,
            total: Total::of(outcome),
            counts: Counts::of(&outcome.findings),
        }
    }

    /// The project's name, or words that say it has none.
    #[must_use]
    pub fn name(&self) -> &'a str {
        project_name(self.outcome)
    }
}

/// The project's name, or words that say it has none.
#[must_use]
pub fn project_name(outcome: &Outcome) -> &str {
    outcome.name.as_deref().unwrap_or("（未命名项目）")
}

/// Each indicator name and the row that has it; `None` for a name several rows share, as
/// a finding names its row only by the indicator's name.
fn unique_names(indicators: &[IndicatorOutcome]) -> HashMap<&str, Option<usize>> {
    let mut names: HashMap<&str, Option<usize>> = HashMap::new();
    for (i, indicator) in indicators.iter().enumerate() {
        names
            .entry(indicator.name.as_str())
            .and_modify(|row| *row = None)
            .or_insert(Some(i));
    }
    names
}

impl<'a> Row<'a> {
    fn of(indicator: &'a IndicatorOutcome) -> Row<'a> {
        let state = &indicator.state;
        Row {
            indicator,
            completion: state.completion.and_then(completion_percent),
            weight_differs: matches!(
                (indicator.weight, state.expected_weight),
                (Some(w), Some(e)) if w != e
            ),
            score_differs: indicator.self_score.is_some_and(|s| s != state.score),
            findings: Vec::new(),
        }
    }
}

impl<'a> Total<'a> {
    /// The totals of an outcome.
    #[must_use]
    pub fn of(outcome: &'a Outcome) -> Total<'a> {
        let declared = declared_total(&outcome.indicators).filter(|_| outcome.lines.is_empty());
        Total {
            computed: outcome.total,
            declared,
            difference: declared.and_then(|d| outcome.total.checked_sub(d)),
            max: outcome.max_score,
            rating: outcome.rating.as_deref(),
        }
    }
}

/// The sum of the declared self scores; `None` where the form declares none, or where
/// the sum passes what a decimal holds (a form may declare anything).
fn declared_total(indicators: &[IndicatorOutcome]) -> Option<Decimal> {
    let mut scores = indicators.iter().filter_map(|i| i.self_score);
    let first = scores.next()?;
    scores.try_fold(first, Decimal::checked_add)
}

/// A severity in the reviewers' words.
#[must_use]
pub fn severity_label(severity: Severity) -> &'static str {
    severity.chinese()
}

/// The policy clause of a finding's rule on one line: doc comments break lines where
/// the ruleset's author wrapped them, not where the sentence does.
#[must_use]
pub fn clause(finding: &Finding) -> Option<String> {
    finding.clause.as_deref().map(|c| c.replace('\n', ""))
}

/// Where in the project file a finding points, where it does.
#[must_use]
pub fn place(finding: &Finding, outcome: &Outcome) -> Option<LineCol> {
    finding.at.map(|span| outcome.source.line_col(span.start))
}

/// Where a finding points, in words: `（单元格 E23）` in a workbook, as its notes and
/// `import` name cells, `（第 22 行第 11 列）` in a text.
#[must_use]
pub fn place_words(finding: &Finding, outcome: &Outcome) -> String {
    let cell = finding.at.and_then(|span| outcome.source.cell(span.start));
    match (cell, place(finding, outcome)) {
        (Some(cell), _) => format!("（单元格 {cell}）"),
        (None, Some(p)) => format!("（第 {} 行第 {} 列）", p.line, p.column),
        (None, None) => String::new(),
    }
}

/// A decimal, or nothing.
#[must_use]
pub fn opt(d: Option<Decimal>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

/// Why a project could not be evaluated, as a report shows it: the first problem's code,
/// message and place (the diagnostic on standard error has every problem).
#[derive(Debug)]
pub struct Unevaluated {
    /// The diagnostic code.
    pub code: Option<String>,
    /// The first problem's message.
    pub message: String,
    /// The file and place it points at, where it does.
    pub at: Option<(String, LineCol)>,
}

impl Unevaluated {
    /// The first problem of an error.
    #[must_use]
    pub fn of(error: &crate::Error) -> Unevaluated {
        match error {
            crate::Error::Data(failure) => {
                let source = failure.source();
                let first = failure.errors().first();
                Unevaluated {
                    code: first.map(|e| e.code().to_owned()),
                    message: first.map_or_else(|| error.to_string(), ToString::to_string),
                    at: first.map(|e| (source.file().to_owned(), source.line_col(e.span().start))),
                }
            }
            // A formula of the ruleset that cannot be computed for this form: the place
            // is the formula's, as the diagnostic shows it.
            crate::Error::Eval(failure) => {
                let first = failure.errors().first();
                let at = first
                    .and_then(crate::eval::error::EvalError::span)
                    .and_then(|span| {
                        let (file, local) = failure.source().locate(span)?;
                        Some((file.file().to_owned(), file.line_col(local.start)))
                    });
                Unevaluated {
                    code: first.map(|e| e.code().to_owned()),
                    message: first.map_or_else(|| error.to_string(), ToString::to_string),
                    at,
                }
            }
            other => Unevaluated {
                code: miette::Diagnostic::code(other).map(|c| c.to_string()),
                message: other.to_string(),
                at: None,
            },
        }
    }

    /// Every problem of an error, as [`Unevaluated::of`] gives the first (a project file
    /// may hold many), at most [`Unevaluated::LISTED`] of them.
    #[must_use]
    pub fn every(error: &crate::Error) -> Vec<Unevaluated> {
        let crate::Error::Data(failure) = error else {
            return vec![Unevaluated::of(error)];
        };
        let source = failure.source();
        failure
            .errors()
            .iter()
            .take(Self::LISTED)
            .map(|e| Unevaluated {
                code: Some(e.code().to_owned()),
                message: e.to_string(),
                at: Some((source.file().to_owned(), source.line_col(e.span().start))),
            })
            .collect()
    }

    /// How many problems of one project a report lists: a form of thousands of bad
    /// cells is told by its first hundred.
    pub const LISTED: usize = 100;

    /// The message, then the place and the code in one line of text (not escaped); the
    /// file is the project's, which a report names beside it. A reviewer reads the
    /// message first; the code, in English, is there to look up in docs/errors.md.
    #[must_use]
    pub fn text(&self) -> String {
        let at = self
            .at
            .as_ref()
            .map(|(_, p)| format!("第 {} 行第 {} 列", p.line, p.column));
        let notes: Vec<String> = at.into_iter().chain(self.code.clone()).collect();
        match notes.is_empty() {
            true => self.message.clone(),
            false => format!("{}（{}）", self.message, notes.join("；")),
        }
    }
}
