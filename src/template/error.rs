//! Why a template cannot be made. A ruleset that checks always has a form; what can
//! still fail is a form larger than a worksheet, or a text longer than a cell holds.

use crate::i18n::t;

/// A template that cannot be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum TemplateError {
    /// A form with more rows or columns than a worksheet holds (1,048,576 rows, 16,384
    /// columns), such as a rows section of 20,000 fields; or a label or clause longer
    /// than a cell holds (32,767 characters).
    #[error("{}", t!(TEMPLATE_TOO_LARGE, .what))]
    #[diagnostic(code(perfeval::template::too_large), help("{}", t!(TEMPLATE_TOO_LARGE_HELP)))]
    TooLarge {
        /// What does not fit, in words.
        what: String,
    },
    /// The workbook writer refused a cell for another reason; a bug of perfeval.
    #[error("{}", t!(TEMPLATE_WRITE, .cell, .reason))]
    #[diagnostic(code(perfeval::template::write), help("{}", t!(TEMPLATE_WRITE_HELP)))]
    Write {
        /// The sheet and cell (`自评表!B12`), or `the workbook`.
        cell: String,
        /// The writer's message.
        reason: String,
    },
}
