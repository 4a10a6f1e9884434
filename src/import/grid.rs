//! A filled form as a grid of cells, whatever file it came from: a tab-separated text
//! export, a CSV file, a spreadsheet's sheet, a Word document's tables.
//!
//! Readers (`text`, `csv`, `workbook`, `docx`) build grids; `place` reads a grid against
//! the form a ruleset declares. A grid knows nothing of forms. Every cell keeps where it
//! is, so that anything said about it can name its sheet, row and column.

use std::collections::BTreeSet;

use jiff::civil::Date;

/// What a file holds: one grid per sheet (a text or CSV file has one).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workbook {
    /// Grids in the file's order. A workbook's hidden and empty sheets are left out.
    pub sheets: Vec<Sheet>,
    /// What the reader had to decide and the user should know, in words: "read as
    /// GB18030 (GBK)", "sheet `说明` is empty, skipped".
    pub notes: Vec<String>,
}

/// One sheet: rows of cells, top to bottom, each row's cells left to right.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// The sheet's name in the workbook (`自评表`); for a text or CSV file, empty.
    pub name: String,
    /// Rows in order; row `i` is the sheet's row `i + 1`. Rows may differ in length;
    /// trailing empty cells may be left out.
    pub rows: Vec<Vec<Cell>>,
    /// The text the cells' [`Cell::at`] ranges point into: a text or CSV file as read
    /// (decoded to UTF-8); `None` for a workbook's sheet or a Word document, which have
    /// no text of their own.
    pub text: Option<String>,
    /// The 0-based rows the workbook hides (Excel's hidden and filtered rows,
    /// LibreOffice's collapsed ones): not on screen or in print, so a value read from one
    /// is named in the report (`hidden-row`). Empty for a text, CSV or Word file.
    pub hidden_rows: BTreeSet<usize>,
}

/// One cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// The value.
    pub value: CellValue,
    /// Where its text is in the text the grid is shown as (`Sheet::text` for a text
    /// export: the file itself), as a byte range; `None` where the reader has no text
    /// (a workbook: `place` renders one).
    pub at: Option<(usize, usize)>,
    /// Whether the cell lies inside a merged range, below the range's first row: it
    /// shows the value above it, which `place` carries down where a form's layout
    /// expects it. A cell beside the range's first, in its row, is only empty.
    pub merged: bool,
    /// Whether the cell lies inside a merged range, right of the range's first column:
    /// the first cell's text shows across it (a header `实际完成值` merged over two
    /// columns heads both). Empty, as [`Cell::merged`] cells are.
    pub across: bool,
    /// Whether the workbook hides the cell's column: a label there gives way to a
    /// column shown with the same field's label (a hidden draft column beside the one
    /// the department fills).
    pub hidden: bool,
    /// The formula the file holds for the cell, without its `=` (`B7*C7`; empty where
    /// the reader does not tell it: a cell sharing another cell's formula), kept where
    /// it matters: the file holds no result of it (a workbook written by a program that
    /// does not calculate, such as openpyxl), or it is a [literal](Cell::literal_formula)
    /// (`=100%` typed into a cell: the form's own "equal to" sign, which a spreadsheet
    /// takes for a formula). `None` for any other cell.
    pub formula: Option<String>,
    /// A formula's result as the cell's number format rounds it, where that differs from
    /// the number stored (`=10*F8/E8` stores 9.1666…, which `0.00` shows as 9.17): what
    /// a percentage or a measure is read as, as printed, and a score where the format
    /// keeps two decimals or more, where an amount keeps the number. `None` for any other
    /// cell, a typed number among them (read as typed).
    pub rounded: Option<Box<Rounded>>,
}

/// A formula's result as its cell's number format rounds it ([`Cell::rounded`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Rounded {
    /// The number as printed.
    pub value: CellValue,
    /// Whether the format shows fewer than two decimals (`0`, `0.0`, `0%`): a measure or
    /// a percentage is read as printed (`=C8/B8` under `0%` prints 90%, which the form
    /// the department signed says and its self score follows), a score or a weight keeps
    /// the number (`=50/3` shown as 17 is not 17: it is read as stored).
    pub coarse: bool,
}

impl Sheet {
    /// Notes the hidden `rows` (0-based) among the sheet's ([`Sheet::hidden_rows`]); a
    /// row past its last is left out.
    pub fn hide_rows(&mut self, rows: &BTreeSet<usize>) {
        self.hidden_rows = rows.range(..self.rows.len()).copied().collect();
    }

    /// Marks the cells of the hidden `columns` (0-based) [hidden](Cell::hidden).
    pub fn hide_columns(&mut self, columns: &BTreeSet<usize>) {
        if columns.is_empty() {
            return;
        }
        for row in &mut self.rows {
            for (column, cell) in row.iter_mut().enumerate() {
                cell.hidden = columns.contains(&column);
            }
        }
    }
}

impl CellValue {
    /// The value as text, as a person reads it.
    #[must_use]
    pub fn shown(&self) -> String {
        match self {
            CellValue::Empty => String::new(),
            CellValue::Text(t) | CellValue::Number(t) => t.clone(),
            CellValue::Formatted { shown, .. } => shown.clone(),
            CellValue::Date(d) => d.to_string(),
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        }
    }
}

/// A cell's value, as exactly as the file holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CellValue {
    /// Nothing.
    #[default]
    Empty,
    /// Text, as written (trimmed of nothing).
    Text(String),
    /// A number stored as a number, as the decimal text the cell shows: a stored binary
    /// number to 15 significant digits (`121.56`, not `121.56000000000000227…`; a
    /// formula's `102.17999999999984` is 102.18), which is what the person typed or saw.
    /// A percentage cell (`95%` in Excel, stored as 0.95) is `Text("95%")`, as shown.
    Number(String),
    /// A number whose number format writes text around it (`≤2%`, `15个`: 0.02 under
    /// `"≤"0%`, 15 under `0"个"`): the text shown, and the number's decimal text as in
    /// [`CellValue::Number`]. A measure is read as shown; an amount as the number.
    Formatted {
        /// What the cell shows.
        shown: String,
        /// The number stored.
        number: String,
    },
    /// A date, from a cell formatted as a date (an Excel serial number read with its
    /// format).
    Date(Date),
    /// `TRUE` or `FALSE`.
    Bool(bool),
}

impl Cell {
    /// A cell holding `value`, with no place in a text.
    #[must_use]
    pub fn new(value: CellValue) -> Self {
        Cell {
            value,
            at: None,
            merged: false,
            across: false,
            hidden: false,
            formula: None,
            rounded: None,
        }
    }

    /// A text cell.
    #[must_use]
    pub fn text(text: impl Into<String>) -> Self {
        Cell::new(CellValue::Text(text.into()))
    }

    /// The value as text, as a person reads it; a kept formula as typed (`=100%`).
    #[must_use]
    pub fn shown(&self) -> String {
        match &self.formula {
            Some(formula) => format!("={formula}"),
            None => self.value.shown(),
        }
    }

    /// The text as printed: a formula's result as its format rounds it
    /// ([`Cell::rounded`]), else as [shown](Cell::shown).
    #[must_use]
    pub fn printed(&self) -> String {
        self.rounded
            .as_deref()
            .map_or_else(|| self.shown(), |r| r.value.shown())
    }

    /// Whether the cell holds nothing but whitespace (and no formula).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        if self.formula.is_some() {
            return false;
        }
        match &self.value {
            CellValue::Empty => true,
            CellValue::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The formula the file holds no result of, if any.
    #[must_use]
    pub fn uncalculated(&self) -> Option<&str> {
        match (&self.value, &self.formula) {
            (CellValue::Empty, Some(formula)) => Some(formula),
            (CellValue::Text(text), Some(formula)) if text.is_empty() => Some(formula),
            _ => None,
        }
    }

    /// The kept formula if it is a literal: a number with no cell, function or operator
    /// in it, followed by nothing but `%` or a unit in other than ASCII letters (`100%`,
    /// `15个`, `8小时`, `2.5万元`). Typed after `=`, that is a target or a value as the
    /// form writes it: "equal to 100%".
    #[must_use]
    pub fn literal_formula(&self) -> Option<&str> {
        let formula = self.formula.as_deref()?;
        is_literal(formula).then_some(formula)
    }
}

/// Whether a formula is a literal (see [`Cell::literal_formula`]).
pub(crate) fn is_literal(formula: &str) -> bool {
    formula.starts_with(|c: char| c.is_ascii_digit())
        && formula
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '%') || !c.is_ascii())
}

pub use crate::text::cell_address as address;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_formulas_are_a_number_and_a_unit_alone() {
        for literal in ["100%", "95.5%", "15个", "8小时", "2.5万元", "0"] {
            assert!(is_literal(literal), "{literal}");
        }
        for formula in [
            "", "B7*C7", "1+1", "1/2", "SUM(1,2)", "1E3", "-5%", "A1", "%",
        ] {
            assert!(!is_literal(formula), "{formula}");
        }
    }

    #[test]
    fn addresses_are_spreadsheet_notation() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(22, 4), "E23");
        assert_eq!(address(0, 25), "Z1");
        assert_eq!(address(0, 26), "AA1");
        assert_eq!(address(9, 701), "ZZ10");
        assert_eq!(address(0, 702), "AAA1");
    }
}
