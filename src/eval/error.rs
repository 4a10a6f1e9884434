//! Errors of the evaluation stage: what the checker cannot rule out because it depends
//! on a project's numbers.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::i18n::t;
use crate::source::Span;
use crate::value::ArithError;

/// A ruleset formula that cannot be computed for a project.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// `check c error { budget.initial / budget.adjustment > 1 }` with an adjustment of 0.
    #[error("{}", t!(EVAL_DIVISION_BY_ZERO, .project))]
    #[diagnostic(
        code(perfeval::eval::division_by_zero),
        help("{}", t!(EVAL_DIVISION_BY_ZERO_HELP))
    )]
    DivisionByZero {
        /// The project file being evaluated.
        project: String,
        /// The formula.
        #[label("{}", t!(EVAL_DIVISION_BY_ZERO_LABEL))]
        span: SourceSpan,
    },

    /// `round(x, funds.paid - funds.appropriated)` where the step comes to zero or less.
    #[error("{}", t!(EVAL_INVALID_STEP, .project))]
    #[diagnostic(
        code(perfeval::eval::invalid_step),
        help("{}", t!(EVAL_INVALID_STEP_HELP))
    )]
    InvalidStep {
        /// The project file being evaluated.
        project: String,
        /// The formula.
        #[label("{}", t!(EVAL_INVALID_STEP_LABEL))]
        span: SourceSpan,
    },

    /// A sum of amounts beyond what a decimal holds.
    #[error("{}", t!(EVAL_OVERFLOW, .project))]
    #[diagnostic(code(perfeval::eval::overflow), help("{}", t!(EVAL_OVERFLOW_HELP)))]
    Overflow {
        /// The project file being evaluated.
        project: String,
        /// The formula.
        #[label("{}", t!(EVAL_OVERFLOW_LABEL))]
        span: SourceSpan,
    },

    /// An evaluation that would take more steps of work than the form's limit
    /// ([`WORK_LIMIT`](crate::eval::WORK_LIMIT)): row filters nested so deep that each level
    /// multiplies the rows, or a condition of a great many terms asked of every row.
    #[error("{}", t!(EVAL_TOO_MUCH_WORK, .project, .limit))]
    #[diagnostic(
        code(perfeval::eval::too_much_work),
        help("{}", t!(EVAL_TOO_MUCH_WORK_HELP))
    )]
    TooMuchWork {
        /// The project file being evaluated.
        project: String,
        /// The limit.
        limit: u64,
        /// The expression whose work passed it.
        #[label("{}", t!(EVAL_TOO_MUCH_WORK_LABEL))]
        span: SourceSpan,
    },

    /// `adjust bonus total { total + 5 分 }` on a form that already scores `max_score`,
    /// or a `split declared` pool whose form declares more weight than its points.
    #[error("{}", t!(EVAL_IMPOSSIBLE_TOTAL, .total, .project, .limit))]
    #[diagnostic(code(perfeval::eval::impossible_total))]
    ImpossibleTotal {
        /// The project file being evaluated.
        project: String,
        /// The total the ruleset's formulas gave.
        total: String,
        /// Which bound it passes.
        limit: String,
        /// The ruleset's `max_score`.
        #[label("{}", t!(EVAL_IMPOSSIBLE_TOTAL_LABEL))]
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
            ArithError::InvalidStep => EvalError::InvalidStep {
                project: String::new(),
                span: span.into(),
            },
        }
    }

    /// [`EvalError::arith`], boxed as evaluation's steps return it.
    pub(crate) fn failed(error: ArithError, span: Span) -> Box<Self> {
        Box::new(Self::arith(error, span))
    }

    /// The same error, naming the project file it arose in.
    #[must_use]
    pub fn in_project(mut self, name: &str) -> Self {
        match &mut self {
            EvalError::DivisionByZero { project, .. }
            | EvalError::InvalidStep { project, .. }
            | EvalError::Overflow { project, .. }
            | EvalError::TooMuchWork { project, .. }
            | EvalError::ImpossibleTotal { project, .. } => {
                name.clone_into(project);
            }
        }
        self
    }

    /// The formula it points at, in the ruleset's sources.
    #[must_use]
    pub fn span(&self) -> Option<Span> {
        let span = match self {
            EvalError::DivisionByZero { span, .. }
            | EvalError::InvalidStep { span, .. }
            | EvalError::Overflow { span, .. }
            | EvalError::TooMuchWork { span, .. } => *span,
            EvalError::ImpossibleTotal { span, .. } => (*span)?,
        };
        Some(Span::new(span.offset(), span.offset() + span.len()))
    }

    /// The stable code, as in the diagnostic.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            EvalError::DivisionByZero { .. } => "perfeval::eval::division_by_zero",
            EvalError::InvalidStep { .. } => "perfeval::eval::invalid_step",
            EvalError::Overflow { .. } => "perfeval::eval::overflow",
            EvalError::TooMuchWork { .. } => "perfeval::eval::too_much_work",
            EvalError::ImpossibleTotal { .. } => "perfeval::eval::impossible_total",
        }
    }
}

/// What evaluation's steps return: the error boxed, so that every value an expression
/// passes up stays small (an error is rare; a value is computed thousands of times per
/// form, and an unboxed error made each result four times its size).
pub(crate) type Result<T> = std::result::Result<T, Box<EvalError>>;
