//! Errors of the evaluation stage: what the checker cannot rule out because it depends
//! on a project's numbers.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::source::Span;
use crate::value::ArithError;

/// A ruleset formula that cannot be computed for a project.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// `check c error { budget.initial / budget.adjustment > 1 }` with an adjustment of 0.
    #[error("division by zero, evaluating `{project}`")]
    #[diagnostic(
        code(perfeval::eval::division_by_zero),
        help("guard the formula, such as `if x == 0 then … else … / x`, or `x != 0 and …`")
    )]
    DivisionByZero {
        /// The project file being evaluated.
        project: String,
        /// The formula.
        #[label("divides by zero for this project")]
        span: SourceSpan,
    },

    /// A sum of amounts beyond what a decimal holds.
    #[error("a number is out of range, evaluating `{project}`")]
    #[diagnostic(
        code(perfeval::eval::overflow),
        help(
            "the project's numbers are too large for exact decimal arithmetic (28 significant digits)"
        )
    )]
    Overflow {
        /// The project file being evaluated.
        project: String,
        /// The formula.
        #[label("out of range for this project")]
        span: SourceSpan,
    },

    /// `adjust bonus total { total + 5 分 }` on a form that already scores `max_score`,
    /// or a `split declared` pool whose form declares more weight than its points.
    #[error("the total {total} of `{project}` is {limit}: no project can score that")]
    #[diagnostic(code(perfeval::eval::impossible_total))]
    ImpossibleTotal {
        /// The project file being evaluated.
        project: String,
        /// The total the ruleset's formulas gave.
        total: String,
        /// Which bound it passes.
        limit: String,
        /// The ruleset's `max_score`.
        #[label("the most a project can score")]
        span: Option<SourceSpan>,
        /// What gave the total.
        #[help]
        help: String,
    },
}

impl EvalError {
    /// The error for an arithmetic failure in the formula at `span`.
    #[must_use]
    pub fn arith(error: ArithError, span: Span) -> Self {
        match error {
            ArithError::DivisionByZero => EvalError::DivisionByZero {
                project: String::new(),
                span: span.into(),
            },
            ArithError::Overflow => EvalError::Overflow {
                project: String::new(),
                span: span.into(),
            },
        }
    }

    /// The same error, naming the project file it arose in.
    #[must_use]
    pub fn in_project(mut self, name: &str) -> Self {
        match &mut self {
            EvalError::DivisionByZero { project, .. }
            | EvalError::Overflow { project, .. }
            | EvalError::ImpossibleTotal { project, .. } => {
                name.clone_into(project);
            }
        }
        self
    }

    /// The stable code, as in the diagnostic.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            EvalError::DivisionByZero { .. } => "perfeval::eval::division_by_zero",
            EvalError::Overflow { .. } => "perfeval::eval::overflow",
            EvalError::ImpossibleTotal { .. } => "perfeval::eval::impossible_total",
        }
    }
}
