//! A run of several projects in one line, and each project's standing in a word: what a
//! reviewer of a batch reads first. The words are the reviewers' (Chinese), as the
//! tables' are.

pub use crate::eval::outcome::Spread;

use crate::eval::outcome::Outcome;

use super::json::ProjectResult;
use super::view::{Counts, Total, Unevaluated, opt, project_name};

/// Where a project stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Evaluated with no error and no warning (notes for information may remain).
    Clean,
    /// Evaluated with at least one error.
    Errors,
    /// Evaluated with warnings and no error.
    Warnings,
    /// Could not be evaluated.
    Failed,
}

impl Standing {
    /// Where an evaluated project stands.
    #[must_use]
    pub fn of(outcome: &Outcome) -> Standing {
        let counts = Counts::of(&outcome.findings);
        if counts.errors > 0 {
            Standing::Errors
        } else if counts.warnings > 0 {
            Standing::Warnings
        } else {
            Standing::Clean
        }
    }

    /// Where a project stands, evaluated or not.
    #[must_use]
    pub fn of_result(result: &ProjectResult) -> Standing {
        match result {
            ProjectResult::Evaluated(outcome) => Standing::of(outcome),
            ProjectResult::Failed { .. } => Standing::Failed,
        }
    }

    /// The standing in the reviewers' words, as the summary line counts it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Standing::Clean => "无问题",
            Standing::Errors => "有错误",
            Standing::Warnings => "有警告",
            Standing::Failed => "无法评估",
        }
    }
}

/// The header of a summary of projects, one row each.
pub const SUMMARY_HEADERS: [&str; 9] = [
    "序号",
    "文件",
    "项目名称",
    "合计",
    "满分",
    "错误",
    "警告",
    "评价等级",
    "状态",
];

/// The columns of a summary of projects for tools (CSV, xlsx): the numbers apart, and
/// why a project could not be evaluated in a column of its own.
pub const DATA_SUMMARY_HEADERS: [&str; 10] = [
    "文件",
    "项目名称",
    "合计",
    "满分",
    "自评分之和",
    "错误",
    "警告",
    "评价等级",
    "状态",
    "说明",
];

/// One project as a summary shows it: a row of the 汇总.
#[derive(Debug)]
pub struct Entry<'a> {
    /// The file as named or found.
    pub file: &'a str,
    /// The project's name, where it was evaluated.
    pub name: Option<&'a str>,
    /// The totals, where it was evaluated.
    pub total: Option<Total<'a>>,
    /// Its findings, counted.
    pub counts: Counts,
    /// Where it stands.
    pub standing: Standing,
    /// Why it could not be evaluated, where it could not.
    pub error: Option<Unevaluated>,
}

impl<'a> Entry<'a> {
    /// The summary row of a result.
    #[must_use]
    pub fn of(result: &'a ProjectResult) -> Entry<'a> {
        match result {
            ProjectResult::Evaluated(outcome) => Entry {
                file: outcome.source.name(),
                name: Some(project_name(outcome)),
                total: Some(Total::of(outcome)),
                counts: Counts::of(&outcome.findings),
                standing: Standing::of(outcome),
                error: None,
            },
            ProjectResult::Failed { file, error } => Entry {
                file,
                name: None,
                total: None,
                counts: Counts::default(),
                standing: Standing::Failed,
                error: Some(Unevaluated::of(error)),
            },
        }
    }

    /// The cells of its summary row under [`SUMMARY_HEADERS`], texts through `escape`;
    /// a project that could not be evaluated has its error where its name would be.
    #[must_use]
    pub fn cells(&self, number: usize, escape: impl Fn(&str) -> String) -> Vec<String> {
        let total = self.total.as_ref();
        let name = match (&self.error, self.name) {
            (Some(error), _) => escape(&error.text()),
            (None, name) => escape(&super::view::cell(name.unwrap_or(""))),
        };
        let count = |n: usize| total.map_or_else(String::new, |_| n.to_string());
        vec![
            number.to_string(),
            escape(self.file),
            name,
            total.map_or_else(String::new, |t| t.computed.to_string()),
            opt(total.and_then(|t| t.max)),
            count(self.counts.errors),
            count(self.counts.warnings),
            escape(total.and_then(|t| t.rating).unwrap_or("")),
            self.standing.label().to_owned(),
        ]
    }

    /// Whether a reviewer must look at it.
    #[must_use]
    pub fn problems(&self) -> bool {
        self.standing != Standing::Clean
    }
}

/// A run counted: projects by standing, files skipped, and the spread of the totals.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Projects, evaluated or not.
    pub projects: usize,
    /// Evaluated with neither error nor warning.
    pub clean: usize,
    /// Evaluated with an error.
    pub errors: usize,
    /// Evaluated with warnings only.
    pub warnings: usize,
    /// Not evaluated.
    pub failed: usize,
    /// Files skipped in folders.
    pub skipped: usize,
    /// The mean, lowest and highest total of the evaluated projects.
    pub totals: Option<Spread>,
}

impl Tally {
    /// Counts the results of a run and the files its walk skipped.
    #[must_use]
    pub fn of(results: &[ProjectResult], skipped: usize) -> Tally {
        let mut tally = Tally {
            projects: results.len(),
            skipped,
            ..Tally::default()
        };
        for result in results {
            match Standing::of_result(result) {
                Standing::Clean => tally.clean += 1,
                Standing::Errors => tally.errors += 1,
                Standing::Warnings => tally.warnings += 1,
                Standing::Failed => tally.failed += 1,
            }
        }
        let totals = results.iter().filter_map(|r| match r {
            ProjectResult::Evaluated(outcome) => Some(outcome.total),
            ProjectResult::Failed { .. } => None,
        });
        tally.totals = Spread::of(totals);
        tally
    }

    /// Whether anything needs a reviewer: a project with an error or a warning, or one
    /// that could not be evaluated.
    #[must_use]
    pub fn problems(&self) -> bool {
        self.errors + self.warnings + self.failed > 0
    }

    /// The run in one line:
    /// `共 12 个项目：无问题 8，有错误 3，有警告 1，无法评估 0；合计得分：平均 76.42，最低 60.00，最高 80.00`.
    #[must_use]
    pub fn line(&self) -> String {
        let mut line = format!(
            "共 {} 个项目：{} {}，{} {}，{} {}，{} {}",
            self.projects,
            Standing::Clean.label(),
            self.clean,
            Standing::Errors.label(),
            self.errors,
            Standing::Warnings.label(),
            self.warnings,
            Standing::Failed.label(),
            self.failed,
        );
        if self.skipped > 0 {
            line.push_str(&format!("；跳过文件 {}", self.skipped));
        }
        if let Some(spread) = self.totals {
            line.push_str(&format!(
                "；合计得分：平均 {}，最低 {}，最高 {}",
                spread.mean, spread.min, spread.max
            ));
        }
        line
    }
}

impl Tally {
    /// The run in one line for standard error, in the current language (the reports'
    /// own line, [`Tally::line`], is in the 自评表's words).
    #[must_use]
    pub fn note(&self) -> String {
        let mut line = crate::i18n::t!(
            TALLY_LINE,
            projects = self.projects,
            clean = self.clean,
            errors = self.errors,
            warnings = self.warnings,
            failed = self.failed
        );
        match self.skipped {
            0 => {}
            1 => line.push_str(&crate::i18n::t!(TALLY_SKIPPED_ONE, skipped = self.skipped)),
            skipped => line.push_str(&crate::i18n::t!(TALLY_SKIPPED, skipped)),
        }
        if let Some(spread) = self.totals {
            line.push_str(&crate::i18n::t!(
                TALLY_TOTALS,
                mean = spread.mean,
                min = spread.min,
                max = spread.max
            ));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn the_line_names_every_count() {
        let tally = Tally {
            projects: 12,
            clean: 8,
            errors: 3,
            warnings: 1,
            failed: 0,
            skipped: 0,
            totals: Some(Spread {
                mean: d("76.42"),
                min: d("60.00"),
                max: d("80.00"),
            }),
        };
        assert_eq!(
            tally.line(),
            "共 12 个项目：无问题 8，有错误 3，有警告 1，无法评估 0；合计得分：平均 76.42，最低 60.00，最高 80.00"
        );
        assert!(tally.problems());
        let skipped = Tally {
            projects: 2,
            failed: 2,
            skipped: 4,
            ..Tally::default()
        };
        assert_eq!(
            skipped.line(),
            "共 2 个项目：无问题 0，有错误 0，有警告 0，无法评估 2；跳过文件 4"
        );
    }
}
