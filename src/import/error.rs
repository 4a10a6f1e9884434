//! Why a file could not be read into a grid.
//!
//! A reader's errors say what the file is not, or which bound it passes; they carry no
//! source text (a workbook has none to point into, and a CSV file's encoding error
//! names its line).

use crate::i18n::{Msg, t};
use crate::input::Size;

/// A file that cannot be read into a [`super::grid::Workbook`].
///
/// Each variant's doc comment names an input that triggers it; `code()` gives its
/// stable code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum ImportError {
    /// A PDF file, or an `.xls` workbook renamed `.xlsx`, read as an `.xlsx` workbook.
    #[error("{}", t!(IMPORT_WRONG_FORMAT, .expected, .found))]
    #[diagnostic(code(perfeval::import::wrong_format), help("{}", t!(IMPORT_WRONG_FORMAT_HELP)))]
    WrongFormat {
        /// What the reader reads, in words: `an Excel workbook (.xlsx)`.
        expected: &'static Msg,
        /// What the bytes look like, in words: `a PDF document`.
        found: &'static Msg,
    },

    /// An `.xlsx` workbook saved with a password to open it.
    #[error("{}", t!(IMPORT_ENCRYPTED, .format))]
    #[diagnostic(code(perfeval::import::encrypted), help("{}", t!(IMPORT_ENCRYPTED_HELP)))]
    Encrypted {
        /// The kind of file, in words: `the workbook`.
        format: &'static Msg,
    },

    /// A zip archive cut short, or an `.xlsx` workbook whose `xl/workbook.xml` is not
    /// XML.
    #[error("{}", t!(IMPORT_CORRUPT, .format, .reason))]
    #[diagnostic(code(perfeval::import::corrupt), help("{}", t!(IMPORT_CORRUPT_HELP)))]
    Corrupt {
        /// The kind of file, in words: `the workbook`.
        format: &'static Msg,
        /// What the reader found, in words.
        reason: String,
    },

    /// A workbook whose parts declare more than 64 MiB of text once unpacked (a zip
    /// bomb), or whose cells hold more than 64 MiB of text.
    #[error("{}", t!(IMPORT_TOO_LARGE, .what, .limit))]
    #[diagnostic(code(perfeval::import::too_large), help("{}", t!(IMPORT_TOO_LARGE_HELP)))]
    TooLarge {
        /// What is too large, in words: `the unpacked workbook`.
        what: String,
        /// The limit.
        limit: Size,
    },

    /// A sheet with a value in row 100,001, or a CSV file of 200,000 lines.
    #[error("{}", t!(IMPORT_TOO_MANY_ROWS, .sheet, .rows, .limit))]
    #[diagnostic(code(perfeval::import::too_many_rows), help("{}", t!(IMPORT_TOO_MANY_ROWS_HELP)))]
    TooManyRows {
        /// The sheet, in words: ``sheet `自评表` `` or `the file`.
        sheet: String,
        /// Its rows, counted from the first.
        rows: usize,
        /// The limit.
        limit: usize,
    },

    /// A sheet with a value in column 1,001 (`ALM`).
    #[error("{}", t!(IMPORT_TOO_MANY_COLUMNS, .sheet, .columns, .limit))]
    #[diagnostic(
        code(perfeval::import::too_many_columns),
        help("{}", t!(IMPORT_TOO_MANY_COLUMNS_HELP))
    )]
    TooManyColumns {
        /// The sheet, in words: ``sheet `自评表` `` or `the file`.
        sheet: String,
        /// Its columns, counted from the first.
        columns: usize,
        /// The limit.
        limit: usize,
    },

    /// A sheet with values in row 10,000 and in column 300 (3,000,000 cells from `A1`).
    #[error("{}", t!(IMPORT_TOO_MANY_CELLS, .sheet, .cells, .limit))]
    #[diagnostic(code(perfeval::import::too_many_cells), help("{}", t!(IMPORT_TOO_MANY_CELLS_HELP)))]
    TooManyCells {
        /// The sheet, in words: ``sheet `自评表` ``.
        sheet: String,
        /// Its rows times its columns, both counted from the first; or its merged
        /// cells.
        cells: usize,
        /// The limit.
        limit: usize,
    },

    /// A workbook of 70,000 sheets (empty or not): reading each costs the reader a look
    /// through all the sheets' names, so their number is bounded.
    #[error("{}", t!(IMPORT_TOO_MANY_SHEETS, .sheets, .limit))]
    #[diagnostic(
        code(perfeval::import::too_many_sheets),
        help("{}", t!(IMPORT_TOO_MANY_SHEETS_HELP))
    )]
    TooManySheets {
        /// The sheets the workbook has.
        sheets: usize,
        /// The limit.
        limit: usize,
    },

    /// A CSV file with the byte `FF` where GB18030 has no character, UTF-16 text
    /// without a byte-order mark, or an image named `.csv`.
    #[error("{}", t!(IMPORT_UNKNOWN_ENCODING, .line))]
    #[diagnostic(
        code(perfeval::import::unknown_encoding),
        help("{}", t!(IMPORT_UNKNOWN_ENCODING_HELP))
    )]
    UnknownEncoding {
        /// The line of the first byte that is not UTF-8, from 1.
        line: usize,
    },
}

impl ImportError {
    /// The stable code of the error.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::WrongFormat { .. } => "perfeval::import::wrong_format",
            ImportError::Encrypted { .. } => "perfeval::import::encrypted",
            ImportError::Corrupt { .. } => "perfeval::import::corrupt",
            ImportError::TooLarge { .. } => "perfeval::import::too_large",
            ImportError::TooManyRows { .. } => "perfeval::import::too_many_rows",
            ImportError::TooManyColumns { .. } => "perfeval::import::too_many_columns",
            ImportError::TooManyCells { .. } => "perfeval::import::too_many_cells",
            ImportError::TooManySheets { .. } => "perfeval::import::too_many_sheets",
            ImportError::UnknownEncoding { .. } => "perfeval::import::unknown_encoding",
        }
    }

    /// A damaged file of kind `format`, for `reason`.
    pub(crate) fn corrupt(format: &'static Msg, reason: impl std::fmt::Display) -> ImportError {
        ImportError::Corrupt {
            format,
            reason: reason.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use miette::Diagnostic;

    #[test]
    fn codes_match_the_diagnostic_codes() {
        let errors = [
            ImportError::WrongFormat {
                expected: crate::i18n::msg!(KIND_XLSX),
                found: crate::i18n::msg!(KIND_PDF),
            },
            ImportError::Encrypted {
                format: crate::i18n::msg!(IMPORT_THE_WORKBOOK),
            },
            ImportError::corrupt(crate::i18n::msg!(IMPORT_THE_WORKBOOK), "y"),
            ImportError::TooLarge {
                what: "x".into(),
                limit: Size(1),
            },
            ImportError::TooManyRows {
                sheet: "x".into(),
                rows: 2,
                limit: 1,
            },
            ImportError::TooManyColumns {
                sheet: "x".into(),
                columns: 2,
                limit: 1,
            },
            ImportError::TooManyCells {
                sheet: "x".into(),
                cells: 2,
                limit: 1,
            },
            ImportError::TooManySheets {
                sheets: 2,
                limit: 1,
            },
            ImportError::UnknownEncoding { line: 1 },
        ];
        for error in errors {
            let code = Diagnostic::code(&error).map(|c| c.to_string());
            assert_eq!(Some(error.code().to_owned()), code);
        }
    }
}

/// A reader's error with the file it is about: its code and help are the error's, its
/// message names the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file, as named.
    pub file: String,
    /// Why it cannot be read.
    pub error: ImportError,
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t!(IMPORT_FILE, file = self.file, error = self.error))
    }
}

impl std::error::Error for FileError {}

impl miette::Diagnostic for FileError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.error.code()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        miette::Diagnostic::help(&self.error)
    }
}
