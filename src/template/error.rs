//! Why a template cannot be made. A ruleset that checks always has a form; what can
//! still fail is a form larger than a worksheet, or a text longer than a cell holds.

/// A template that cannot be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum TemplateError {
    /// A form with more rows or columns than a worksheet holds (1,048,576 rows, 16,384
    /// columns), such as a rows section of 20,000 fields; or a label or clause longer
    /// than a cell holds (32,767 characters).
    #[error("the template does not fit in a workbook: {what}")]
    #[diagnostic(
        code(perfeval::template::too_large),
        help(
            "a worksheet holds 1,048,576 rows and 16,384 columns, and a cell 32,767 characters: shorten the form, its labels or the ruleset's doc comments"
        )
    )]
    TooLarge {
        /// What does not fit, in words.
        what: String,
    },
    /// The workbook writer refused a cell for another reason; a bug of perfeval.
    #[error("cannot write the template's cell {cell}: {reason}")]
    #[diagnostic(
        code(perfeval::template::write),
        help("this is a bug of perfeval: please report it with the ruleset")
    )]
    Write {
        /// The sheet and cell (`自评表!B12`), or `the workbook`.
        cell: String,
        /// The writer's message.
        reason: String,
    },
}
