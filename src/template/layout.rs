//! What the template holds, cell by cell, before it is written as a workbook.
//!
//! The layout is the contract with the importer: every cell says what it is (the
//! title, a section's label, a field's label or a value to fill), so that a test, or a
//! tool that fills the template, can find a field's cell without reading the workbook.
//! Rows and columns count from 0, as the workbook writer does (row 0 is Excel's row 1).

use rust_decimal::Decimal;

use crate::data::schema::FieldType;

/// The most rows a worksheet holds.
pub const MAX_ROWS: u32 = 1_048_576;
/// The most columns a worksheet holds.
pub const MAX_COLUMNS: u16 = 16_384;

/// The sheets of the template, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// The form (`自评表`), the ruleset's clauses (`填表说明`), and, where the category
    /// names do not fit in a drop-down's own list, a hidden sheet listing them.
    pub sheets: Vec<Sheet>,
}

/// One worksheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// Its name on the tab.
    pub name: String,
    /// Whether it is hidden (the importer leaves hidden sheets out).
    pub hidden: bool,
    /// Its cells, row by row, each row left to right.
    pub cells: Vec<Cell>,
    /// Each column's width from column 0, in Excel's units (one Latin character; a
    /// Chinese character takes two).
    pub widths: Vec<u16>,
    /// Rows given a height, in points: wrapped paragraphs and the title.
    pub heights: Vec<(u32, u16)>,
    /// Drop-down lists.
    pub validations: Vec<Validation>,
    /// A row printed again at the top of every page (the indicator table's header).
    pub print_title: Option<u32>,
}

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Its row.
    pub row: u32,
    /// Its column.
    pub column: u16,
    /// How many columns it spans, merged; 1 for a cell of its own.
    pub across: u16,
    /// What it holds.
    pub content: Content,
    /// What it is.
    pub role: Role,
    /// Its note (comment): hints for the person filling it in.
    pub note: Option<String>,
}

/// What a cell holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// Nothing: a cell to fill, formatted and bordered.
    Empty,
    /// A text.
    Text(String),
    /// A number (a catalog indicator's weight).
    Number(Decimal),
}

/// What a cell is, for the importer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// The ruleset's name, at the top of the form.
    Title,
    /// A section's label.
    Section {
        /// The section's key.
        section: String,
    },
    /// A record field's label, left of its value.
    Label {
        /// The section's key.
        section: String,
        /// The field's key.
        field: String,
    },
    /// A rows section's column header: the field's label.
    Header {
        /// The section's key.
        section: String,
        /// The field's key.
        field: String,
    },
    /// A value: a record field's (`row` is `None`) or a row's (`row` counts the rows
    /// of its table from 0), empty or pre-filled.
    Value {
        /// The section's key.
        section: String,
        /// The field's key.
        field: String,
        /// The field's type, which gives the cell's number format.
        ty: FieldType,
        /// The row of the table, for a rows section.
        row: Option<u32>,
    },
    /// The heading of the notes sheet.
    GuideTitle,
    /// A paragraph of the notes sheet.
    Guide,
    /// A category name on the hidden list sheet.
    ListItem,
}

/// A drop-down list on a range of one column.
#[derive(Clone, Debug, PartialEq)]
pub struct Validation {
    /// The column.
    pub column: u16,
    /// The first row.
    pub first_row: u32,
    /// The last row.
    pub last_row: u32,
    /// What it lists.
    pub source: ListSource,
}

/// Where a drop-down's entries are.
#[derive(Clone, Debug, PartialEq)]
pub enum ListSource {
    /// In the validation itself (at most 255 characters with the commas).
    Names(Vec<String>),
    /// In column A of a sheet, rows 0 to `rows - 1`.
    Cells {
        /// The sheet's name.
        sheet: String,
        /// How many rows.
        rows: u32,
    },
}

impl Layout {
    /// The sheet with this name.
    #[must_use]
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

impl Sheet {
    /// The cell of a record field's value, or of a rows section's row and field.
    #[must_use]
    pub fn value_cell(&self, section: &str, field: &str, row: Option<u32>) -> Option<&Cell> {
        self.cells.iter().find(|c| {
            matches!(&c.role, Role::Value { section: s, field: f, row: r, .. }
                if s == section && f == field && *r == row)
        })
    }
}
