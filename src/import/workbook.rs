//! Excel (`.xlsx`, `.xlsm`, `.xls`) and OpenDocument (`.ods`) workbooks, read with
//! calamine into one grid per visible sheet that holds anything.
//!
//! calamine gives values; what it does not give is read here: number formats that
//! show a percentage, merged ranges of `.ods` files, and bounds. Each format's
//! reader looks at the parts calamine will unpack before calamine does (sizes, the
//! number of styles and strings, the extent of each sheet), so that calamine never
//! builds more than a form's worth of cells; then every cell calamine gives passes
//! through a `SheetBuilder`, which refuses a sheet past [`MAX_ROWS`],
//! [`MAX_COLUMNS`] or [`MAX_CELLS`] and a workbook past [`TEXT_LIMIT`] of text.
//! Nothing here decides what a cell means on a form.

mod format;
mod ods;
mod xls;
mod xlsx;

pub(crate) use format::Shows;

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Data, ExcelDateTime};
use jiff::civil::Date;
use rust_decimal::{Decimal, RoundingStrategy};

use super::error::ImportError;
use super::grid::{Cell, CellValue, Rounded, Sheet, Workbook, is_literal};
use crate::i18n::{self, Msg, msg, t};
use crate::input::Size;

/// The most rows a sheet may have, counted from row 1 to its last value.
pub const MAX_ROWS: usize = 100_000;
/// The most columns a sheet may have, counted from column A to its last value.
pub const MAX_COLUMNS: usize = 1_000;
/// The most sheets a workbook may have: far more than a department's workbook of forms
/// (a sheet a project), few enough that reading them all takes a moment.
pub const MAX_SHEETS: usize = 4_096;
/// The most cells a sheet may span: its rows times its columns, both counted from `A1`.
pub const MAX_CELLS: usize = 2_000_000;
/// The most text all the cells of a workbook may hold together: 64 MiB. A cell may
/// repeat a string stored once, so this bounds what reading builds, not what the file
/// holds.
pub const TEXT_LIMIT: Size = Size(64 * 1024 * 1024);

/// The kinds of workbook there are readers for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorkbookKind {
    /// Excel 2007 and later: `.xlsx`, `.xlsm` (Office Open XML, a zip archive).
    Xlsx,
    /// Excel 97–2003: `.xls` (BIFF8 in a compound file).
    Xls,
    /// OpenDocument spreadsheet: `.ods` (LibreOffice, WPS).
    Ods,
}

impl WorkbookKind {
    /// The kind a file ending names, in any case and with or without its dot: `xlsx`,
    /// `XLSM`, `.xls`, `ods`; `None` for any other.
    #[must_use]
    pub fn from_extension(extension: &str) -> Option<WorkbookKind> {
        let extension = extension.strip_prefix('.').unwrap_or(extension);
        let kind = match extension.to_ascii_lowercase().as_str() {
            "xlsx" | "xlsm" => WorkbookKind::Xlsx,
            "xls" => WorkbookKind::Xls,
            "ods" => WorkbookKind::Ods,
            _ => return None,
        };
        Some(kind)
    }

    /// The format in words, as errors name it.
    pub(crate) fn described(self) -> &'static Msg {
        match self {
            WorkbookKind::Xlsx => msg!(KIND_XLSX),
            WorkbookKind::Xls => msg!(KIND_XLS),
            WorkbookKind::Ods => msg!(KIND_ODS),
        }
    }
}

/// What errors call any workbook.
const FORMAT: &Msg = msg!(IMPORT_THE_WORKBOOK);

/// Reads a workbook: one [`Sheet`] per visible sheet that holds a value, named as in
/// the workbook, in the workbook's order; hidden and empty sheets are left out with a
/// note.
///
/// # Errors
///
/// The bytes are not a workbook of `kind` ([`ImportError::WrongFormat`]), are
/// protected by a password, are damaged, or pass a bound (64 MiB unpacked, 100,000
/// rows, 1,000 columns, 2,000,000 cells, 64 MiB of text).
pub fn read(bytes: &[u8], kind: WorkbookKind) -> Result<Workbook, ImportError> {
    // calamine may panic on a malformed file (an arithmetic overflow on a hostile
    // cell reference, in a debug build): that is an error in the file, not a bug here.
    let read = AssertUnwindSafe(|| match kind {
        WorkbookKind::Xlsx => xlsx::read(bytes),
        WorkbookKind::Xls => xls::read(bytes),
        WorkbookKind::Ods => ods::read(bytes),
    });
    READING.set(true);
    let read = catch_unwind(read);
    READING.set(false);
    read.unwrap_or_else(|_| Err(ImportError::corrupt(FORMAT, t!(IMPORT_READER_PANIC))))
}

thread_local! {
    /// Whether this thread is in [`read`], where a panic of the reader is caught.
    static READING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is reading a workbook, where a panic of the reader is caught and
/// becomes a damaged file's error: a panic hook need not print it (the message, with the
/// reader's source paths, would stand before the diagnostic that says it all).
#[must_use]
pub fn reading() -> bool {
    READING.get()
}

/// A damage found in the workbook, in words of the catalogue.
fn damaged(reason: String) -> ImportError {
    ImportError::corrupt(FORMAT, reason)
}

/// A calamine error, as a damage.
fn damaged_by(error: impl std::fmt::Display) -> ImportError {
    ImportError::corrupt(FORMAT, i18n::foreign(&error))
}

/// Refuses a workbook two of whose sheets have one name: calamine finds a sheet by its
/// name, so the second would never be read and the first read twice (a second form
/// with errors passing as a copy of a clean first). No spreadsheet program saves such
/// a workbook.
///
/// A workbook of more than [`MAX_SHEETS`] sheets is refused: the reader looks each sheet
/// up among all of them by name (70,000 empty sheets in 15 MB took 31 s).
fn distinct_names(sheets: &[calamine::Sheet]) -> Result<(), ImportError> {
    if sheets.len() > MAX_SHEETS {
        return Err(ImportError::TooManySheets {
            sheets: sheets.len(),
            limit: MAX_SHEETS,
        });
    }
    let mut seen = std::collections::HashSet::new();
    match sheets.iter().find(|s| !seen.insert(s.name.as_str())) {
        Some(sheet) => Err(damaged(t!(IMPORT_SHEET_NAMED_TWICE, name = sheet.name))),
        None => Ok(()),
    }
}

/// Whether a sheet is left out, and why, in words.
fn skipped(name: &str, visible: calamine::SheetVisible) -> Option<String> {
    match visible {
        calamine::SheetVisible::Visible => None,
        calamine::SheetVisible::Hidden | calamine::SheetVisible::VeryHidden => {
            Some(t!(IMPORT_NOTE_HIDDEN, name))
        }
    }
}

/// A merged range, first and last cell (0-based row, column), in any order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Region {
    /// One corner.
    pub(crate) start: (u32, u32),
    /// The opposite corner.
    pub(crate) end: (u32, u32),
}

impl From<calamine::Dimensions> for Region {
    fn from(d: calamine::Dimensions) -> Region {
        Region {
            start: d.start,
            end: d.end,
        }
    }
}

/// The most cells that hold something a workbook may have over all its sheets, as many
/// as one sheet may span: sheets that each stay within [`MAX_CELLS`] must not add up to
/// more than a reader holds (a form with a list of 60,000 recipients beside it is 1.2
/// million).
pub const WORKBOOK_CELLS: usize = MAX_CELLS;

/// Text charged against [`TEXT_LIMIT`], and filled cells counted against
/// [`WORKBOOK_CELLS`], across a workbook's sheets.
#[derive(Debug, Default)]
pub(crate) struct TextBudget {
    used: u64,
    cells: usize,
}

impl TextBudget {
    /// Counts one more cell that holds something.
    fn count_cell(&mut self) -> Result<(), ImportError> {
        self.cells = self.cells.saturating_add(1);
        if self.cells > WORKBOOK_CELLS {
            return Err(ImportError::TooManyCells {
                sheet: t!(IMPORT_THE_WORKBOOK),
                cells: self.cells,
                limit: WORKBOOK_CELLS,
            });
        }
        Ok(())
    }

    /// Charges `bytes` of text.
    pub(crate) fn charge(&mut self, bytes: usize) -> Result<(), ImportError> {
        self.used = self
            .used
            .saturating_add(u64::try_from(bytes).unwrap_or(u64::MAX));
        if self.used > TEXT_LIMIT.0 {
            return Err(ImportError::TooLarge {
                what: t!(IMPORT_CELL_TEXT),
                limit: TEXT_LIMIT,
            });
        }
        Ok(())
    }
}

/// The columns a sheet hides, from ranges (0-based, the end left out) counted as starts
/// and ends within [`MAX_COLUMNS`], so that each range costs the same however wide it
/// is: a hostile sheet may repeat a range of 1,000 columns a million times.
#[derive(Debug)]
pub(crate) struct HiddenColumns {
    starts: Vec<i64>,
}

impl Default for HiddenColumns {
    fn default() -> Self {
        HiddenColumns {
            starts: vec![0; MAX_COLUMNS + 1],
        }
    }
}

impl HiddenColumns {
    /// Columns `first` up to `end` (left out) are hidden; past [`MAX_COLUMNS`], nothing.
    pub(crate) fn hide(&mut self, first: usize, end: usize) {
        let end = end.min(MAX_COLUMNS);
        if first < end {
            self.count(first, 1);
            self.count(end, -1);
        }
    }

    fn count(&mut self, at: usize, change: i64) {
        if let Some(n) = self.starts.get_mut(at) {
            *n = n.saturating_add(change);
        }
    }

    /// Every column some range hides.
    pub(crate) fn columns(&self) -> BTreeSet<usize> {
        let mut depth = 0i64;
        let mut hidden = BTreeSet::new();
        for (column, change) in self.starts.iter().enumerate() {
            depth = depth.saturating_add(*change);
            if depth > 0 {
                hidden.insert(column);
            }
        }
        hidden
    }
}

/// One sheet's cells as they come, checked against the bounds, then laid out from
/// `A1`.
#[derive(Debug)]
pub(crate) struct SheetBuilder {
    name: String,
    cells: Vec<(u32, u32, CellValue)>,
    formulas: Vec<(u32, u32, String)>,
    /// What numbers show as where their format rounds them, by place: kept for a cell
    /// found to hold a formula (see [`Cell::rounded`]).
    rounding: rustc_hash::FxHashMap<(u32, u32), Rounded>,
    /// The rounded results of formulas, by place.
    rounded: Vec<(u32, u32, Rounded)>,
    rows: usize,
    columns: usize,
}

impl SheetBuilder {
    /// A builder for the sheet named `name`.
    pub(crate) fn new(name: &str) -> SheetBuilder {
        SheetBuilder {
            name: name.to_owned(),
            cells: Vec::new(),
            formulas: Vec::new(),
            rounding: rustc_hash::FxHashMap::default(),
            rounded: Vec::new(),
            rows: 0,
            columns: 0,
        }
    }

    /// The sheet, as errors name it.
    fn label(&self) -> String {
        t!(IMPORT_SHEET, name = self.name)
    }

    /// Adds the value at 0-based `row`, `column`; an empty value is left out.
    pub(crate) fn push(
        &mut self,
        row: u32,
        column: u32,
        value: CellValue,
        budget: &mut TextBudget,
    ) -> Result<(), ImportError> {
        // Blank text is an empty cell to every reader of the grid (`Cell::is_empty`), and
        // one space far below the form must not make the sheet too long to read.
        if value == CellValue::Empty || matches!(&value, CellValue::Text(t) if t.trim().is_empty())
        {
            return Ok(());
        }
        budget.count_cell()?;
        charge_value(&value, budget)?;
        self.make_room(row, column)?;
        self.cells.push((row, column, value));
        Ok(())
    }

    /// Keeps what the number at 0-based `row`, `column` shows as where its format rounds
    /// it ([`value_and_rounded`]), for the case the cell holds a formula ([`Self::computed`]).
    pub(crate) fn rounding(
        &mut self,
        row: u32,
        column: u32,
        shown: Rounded,
        budget: &mut TextBudget,
    ) -> Result<(), ImportError> {
        charge_value(&shown.value, budget)?;
        self.make_room(row, column)?;
        self.rounding.insert((row, column), shown);
        Ok(())
    }

    /// Says that the cell at 0-based `row`, `column` holds a formula with a stored result:
    /// the number is read as its format rounds it, where a score or measure is read (see
    /// [`Cell::rounded`]). Formulas come after values (calamine reads them in a second
    /// pass), so the rounding is known by then.
    pub(crate) fn computed(&mut self, row: u32, column: u32) {
        if let Some(shown) = self.rounding.remove(&(row, column)) {
            self.rounded.push((row, column, shown));
        }
    }

    /// Keeps the formula of the cell at 0-based `row`, `column` (see [`Cell::formula`]).
    pub(crate) fn formula(
        &mut self,
        row: u32,
        column: u32,
        formula: String,
        budget: &mut TextBudget,
    ) -> Result<(), ImportError> {
        budget.charge(formula.len())?;
        self.make_room(row, column)?;
        self.formulas.push((row, column, formula));
        Ok(())
    }

    /// Grows the sheet to hold 0-based `row`, `column`, and makes sure one more value or
    /// formula stays within [`MAX_CELLS`] (the same cell written again and again).
    fn make_room(&mut self, row: u32, column: u32) -> Result<(), ImportError> {
        self.extend_to(
            to_usize(row).saturating_add(1),
            to_usize(column).saturating_add(1),
        )?;
        let kept = self.cells.len().saturating_add(self.formulas.len());
        if kept >= MAX_CELLS {
            return Err(self.too_many_cells(kept.saturating_add(1)));
        }
        Ok(())
    }

    /// Grows the sheet to `rows` by `columns`, within the bounds.
    pub(crate) fn extend_to(&mut self, rows: usize, columns: usize) -> Result<(), ImportError> {
        if rows > MAX_ROWS {
            return Err(ImportError::TooManyRows {
                sheet: self.label(),
                rows,
                limit: MAX_ROWS,
            });
        }
        if columns > MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                sheet: self.label(),
                columns,
                limit: MAX_COLUMNS,
            });
        }
        let rows = rows.max(self.rows);
        let columns = columns.max(self.columns);
        let cells = rows.saturating_mul(columns);
        if cells > MAX_CELLS {
            return Err(self.too_many_cells(cells));
        }
        self.rows = rows;
        self.columns = columns;
        Ok(())
    }

    fn too_many_cells(&self, cells: usize) -> ImportError {
        ImportError::TooManyCells {
            sheet: self.label(),
            cells,
            limit: MAX_CELLS,
        }
    }

    /// Whether no value nor formula was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.cells.is_empty() && self.formulas.is_empty()
    }

    /// The sheet, merged ranges marked: each cell of `merges` but its first is empty
    /// and `merged`. Ranges are cut to the sheet's extent (past its last value they
    /// mark nothing anyone reads).
    pub(crate) fn finish(self, merges: &[Region]) -> Result<Sheet, ImportError> {
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        rows.resize_with(self.rows, Vec::new);
        let mut marked: usize = 0;
        for region in merges {
            marked = marked.saturating_add(self.area(region));
            if marked > MAX_CELLS {
                return Err(self.too_many_cells(marked));
            }
        }
        for (row, column, value) in self.cells {
            if let Some(cell) = cell_mut(&mut rows, row, column) {
                if cell.value != CellValue::Empty {
                    // No program writes a cell twice; a reader keeps one or the other, so
                    // which value the form holds depends on who reads it.
                    let address = crate::text::cell_address(to_usize(row), to_usize(column));
                    return Err(damaged(t!(IMPORT_CELL_TWICE, name = self.name, address)));
                }
                *cell = Cell::new(value);
            }
        }
        for (row, column, formula) in self.formulas {
            if let Some(cell) = cell_mut(&mut rows, row, column) {
                cell.formula = Some(formula);
            }
        }
        for (row, column, shown) in self.rounded {
            if let Some(cell) = cell_mut(&mut rows, row, column) {
                cell.rounded = Some(Box::new(shown));
            }
        }
        for region in merges {
            mark_merged(&mut rows, region, self.rows, self.columns);
        }
        Ok(Sheet {
            name: self.name,
            rows,
            text: None,
            hidden_rows: std::collections::BTreeSet::new(),
        })
    }

    /// The cells of `region` inside the sheet's extent.
    fn area(&self, region: &Region) -> usize {
        let (rows, columns) = clip(region, self.rows, self.columns);
        rows.len().saturating_mul(columns.len())
    }
}

/// Charges a value's text against the workbook's budget.
fn charge_value(value: &CellValue, budget: &mut TextBudget) -> Result<(), ImportError> {
    match value {
        CellValue::Text(text) | CellValue::Number(text) => budget.charge(text.len()),
        CellValue::Formatted { shown, number } => {
            budget.charge(shown.len().saturating_add(number.len()))
        }
        _ => Ok(()),
    }
}

/// A `u32` position as an index (lossless on every platform perfeval builds for).
fn to_usize(n: u32) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The rows and columns of `region` inside `rows` by `columns`.
fn clip(
    region: &Region,
    rows: usize,
    columns: usize,
) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let (r1, r2) = ordered(region.start.0, region.end.0);
    let (c1, c2) = ordered(region.start.1, region.end.1);
    let row_range = to_usize(r1).min(rows)..to_usize(r2).saturating_add(1).min(rows);
    let column_range = to_usize(c1).min(columns)..to_usize(c2).saturating_add(1).min(columns);
    (row_range, column_range)
}

fn ordered(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

/// Empties every cell of `region` but its first, and marks those below the first row
/// as merged: they show the value above them, which `place` carries down (a category
/// written once for several rows). A cell beside the first, in its row, shows the first
/// cell's value across, not its own column's: it is only emptied (`E55:F55` merged
/// leaves F55 without a self score, not with the self score of F54 above it).
fn mark_merged(rows: &mut [Vec<Cell>], region: &Region, height: usize, width: usize) {
    let first = (
        region.start.0.min(region.end.0),
        region.start.1.min(region.end.1),
    );
    let (row_range, column_range) = clip(region, height, width);
    for row in row_range {
        for column in column_range.clone() {
            let (Ok(r), Ok(c)) = (u32::try_from(row), u32::try_from(column)) else {
                continue;
            };
            if (r, c) == first {
                continue;
            }
            if let Some(cell) = cell_mut(rows, r, c) {
                *cell = Cell {
                    merged: r != first.0,
                    across: c != first.1,
                    ..Cell::default()
                };
            }
        }
    }
}

/// The cell at `row`, `column`, its row grown to hold it; `None` past the last row.
fn cell_mut(rows: &mut [Vec<Cell>], row: u32, column: u32) -> Option<&mut Cell> {
    let cells = rows.get_mut(to_usize(row))?;
    let column = to_usize(column);
    if cells.len() <= column {
        cells.resize_with(column.saturating_add(1), Cell::default);
    }
    cells.get_mut(column)
}

/// Adds a finished sheet to `book`, or a note that it is empty.
fn add_sheet(
    book: &mut Workbook,
    builder: SheetBuilder,
    merges: &[Region],
) -> Result<(), ImportError> {
    if builder.is_empty() {
        book.notes.push(t!(IMPORT_NOTE_EMPTY, name = builder.name));
        return Ok(());
    }
    book.sheets.push(builder.finish(merges)?);
    Ok(())
}

/// Keeps a sheet's literal formulas (`=100%` typed into a cell; see [`Cell::formula`]),
/// as calamine gives them over the sheet (`.xls`: `100%`; `.ods`: `of:=100%`), and the
/// formulas whose result the file does not hold (an `.ods` cell with a `table:formula`
/// and no `office:value`, as a program that does not calculate writes it), which are
/// unknown, not blank (`values`, where given: `.xls` stores a result for every formula,
/// an empty one where the formula gave ""). Each other formula's cell is marked
/// [computed](SheetBuilder::computed).
pub(crate) fn keep_literals(
    formulas: &calamine::Range<String>,
    values: Option<&calamine::Range<Data>>,
    builder: &mut SheetBuilder,
    budget: &mut TextBudget,
) -> Result<(), ImportError> {
    let (top, left) = formulas.start().unwrap_or((0, 0));
    for (row, column, formula) in formulas.used_cells() {
        let formula = without_namespace(formula);
        let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
        let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
        // An empty text is what xlwt and other writers that do not calculate store for
        // every formula in an `.xls` (and what a formula giving "" stores): read as not
        // given, and said so.
        let no_result = values.is_some_and(|v| match v.get_value((row, column)) {
            None | Some(Data::Empty) => true,
            Some(Data::String(text)) => text.is_empty(),
            Some(_) => false,
        });
        if is_literal(formula) || no_result {
            builder.formula(row, column, formula.to_owned(), budget)?;
        } else {
            builder.computed(row, column);
        }
    }
    Ok(())
}

/// An OpenDocument formula without its namespace and `=` (`of:=100%` is `100%`); any
/// other as it is.
fn without_namespace(formula: &str) -> &str {
    match formula.split_once(":=") {
        Some((namespace, rest)) if namespace.chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => formula,
    }
}

/// A calamine value as a cell value, a number as its format `shows` it.
pub(crate) fn value_of(data: &Data, shows: &Shows) -> CellValue {
    match data {
        Data::Empty => CellValue::Empty,
        Data::String(text) => CellValue::Text(shows.text_shown(text).unwrap_or(text.clone())),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::Int(n) => number(n.to_string(), shows),
        Data::Float(f) => float(*f, shows),
        Data::DateTime(datetime) => excel_date(datetime),
        Data::DateTimeIso(text) => iso_date(text),
        Data::DurationIso(text) => CellValue::Text(text.clone()),
        Data::Error(error) => CellValue::Text(error.to_string()),
    }
}

/// A stored binary number as the decimal Excel shows and computes with: rounded to 15
/// significant digits, the most a cell holds. A typed number has at most 15 and comes
/// back as typed (`121.56`); a formula's result is stored with 17
/// (`=2130.81-2028.63` is `102.17999999999984`, `=SUM(…)` of scores adding up to 67.3
/// is `67.29999999999998`) and is read as the cell shows it (102.18, 67.3), never as the
/// binary number's error. No exponent is written (`1e-7` is `0.0000001`). Not-a-number
/// and infinities, which no spreadsheet stores, stay text.
///
/// A result where a sum and a difference cancel keeps the error of its operands, not of
/// itself: `=B8+B9-B10` over 4102.43, 386.18 and 3702.52 is `786.0900000000006`, which
/// 15 digits keep (`786.090000000001`), and a balance of zero can be `-1.4e-14` (one
/// form in twenty whose 结余 is a formula failed budget-balance, or could not be
/// evaluated at all). So the number is read as [`settled`] says: the fewest decimals
/// within a billionth of it.
fn float(value: f64, shows: &Shows) -> CellValue {
    float_read(value, shows).0
}

/// A stored binary number as [`float`] reads it, and as its format rounds it
/// ([`rounded`]): its 15 digits worked out once for both.
fn float_read(value: f64, shows: &Shows) -> (CellValue, Option<Rounded>) {
    if !value.is_finite() {
        return (CellValue::Text(format!("{value}")), None);
    }
    if value.abs() < RESIDUE_F64 {
        return (number("0".to_owned(), shows), None);
    }
    let digits = significant(value, EXCEL_DIGITS);
    let stored = settled(digits.clone());
    let rounded = rounded((&digits, &stored), shows);
    (number(stored, shows), rounded)
}

/// A calamine value as [`value_of`] reads it, and, for a number its format shows
/// rounded, as it shows it ([`rounded`]): what a formula's cell is read as.
pub(crate) fn value_and_rounded(data: &Data, shows: &Shows) -> (CellValue, Option<Rounded>) {
    match data {
        Data::Float(value) => float_read(*value, shows),
        other => (value_of(other, shows), None),
    }
}

/// A formula's result as its number format shows it, where the format fixes fewer
/// decimals than the number has (9.16666666666667 under `0.00` is 9.17, 0.952046404888
/// under `0.00%` is 95.2%, 0.8951 under `0%` is 90%): rounded half away from zero from
/// the 15 digits the cell keeps, as Excel shows it, and [coarse](Rounded::coarse) where
/// the format shows fewer than two decimals (a weight `=50/3` shown 17 is not 17, and is read as stored);
/// `None` where the format fixes no decimals (General), or shows the number as
/// [`value_of`] reads it (`stored`, from the 15 `digits`). Not for a date.
fn rounded((digits, stored): (&str, &str), shows: &Shows) -> Option<Rounded> {
    // The section of the number as the cell holds it, with its sign (a stored text may
    // have settled a tiny negative to `0`).
    let shown = shows.section_for(digits);
    if shown.thousands > 0 {
        // A number shown in thousands (`#,##0,"千元"`) is an amount, never a score.
        return None;
    }
    let decimals = shown.decimals?;
    let moved = if shown.percent { 2 } else { 0 };
    let places = decimals.saturating_add(moved);
    let exact: Decimal = digits.parse().ok()?;
    let stored: Decimal = stored.parse().ok()?;
    let rounded = exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    if rounded == stored {
        return None;
    }
    let text = if rounded.is_zero() {
        "0".to_owned()
    } else {
        rounded.normalize().to_string()
    };
    Some(Rounded {
        value: number(text, shows),
        // A format of fewer decimals than a score keeps (`0`, `0.0`: 16.667 shown as 17)
        // hides what a score means; a measure is what it prints.
        coarse: decimals < 2,
    })
}

/// What no form writes: a billionth (of a 万元, a point, a ratio). A number within it of
/// one with fewer decimals is that number, a binary sum's error.
const RESIDUE: Decimal = Decimal::from_parts(1, 0, 0, false, 9);
/// [`RESIDUE`] as the binary number a cell holds, to find a zero's residue before it is
/// read as a decimal (`1e-15` has more places than a decimal holds).
const RESIDUE_F64: f64 = 1e-9;
/// Beyond 100,000 the residue grows with the number: a hundred-trillionth of it.
const RESIDUE_RELATIVE: Decimal = Decimal::from_parts(1, 0, 0, false, 14);

/// A decimal text read to the fewest decimals (at most 9) that stay within [`RESIDUE`]
/// of it, or within [`RESIDUE_RELATIVE`] of it for a larger number: `786.090000000001`
/// is `786.09`, a typed `121.56` or `0.952046404888282` (a formula's ratio, to its
/// billionth: `0.952046405`) stay what they are to their ninth decimal.
fn settled(text: String) -> String {
    let Ok(exact) = text.parse::<Decimal>() else {
        return text;
    };
    let relative = exact.abs().checked_mul(RESIDUE_RELATIVE).unwrap_or(RESIDUE);
    let tolerance = relative.max(RESIDUE);
    for places in 0..=9 {
        let near = exact.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        let off = near.checked_sub(exact).map(|d| d.abs());
        if off.is_some_and(|off| off <= tolerance) {
            return if near.is_zero() {
                "0".to_owned()
            } else {
                near.normalize().to_string()
            };
        }
    }
    text
}

/// The significant digits a spreadsheet cell keeps.
const EXCEL_DIGITS: usize = 15;

/// A finite `value` rounded to `digits` significant digits (at least 1), as plain
/// decimal text with no exponent and no trailing zeros; `0` for zero of either sign.
fn significant(value: f64, digits: usize) -> String {
    let scientific = format!("{:.*e}", digits.saturating_sub(1), value.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let figures: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let figures = figures.trim_end_matches('0');
    if figures.is_empty() {
        return "0".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let point = exponent.saturating_add(1);
    let count = i64::try_from(figures.len()).unwrap_or(i64::MAX);
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    if point <= 0 {
        format!("{sign}0.{}{figures}", zeros(-point))
    } else if point >= count {
        format!("{sign}{figures}{}", zeros(point - count))
    } else {
        let at = usize::try_from(point).unwrap_or(0);
        let (whole, fraction) = (figures.get(..at), figures.get(at..));
        format!("{sign}{}.{}", whole.unwrap_or("0"), fraction.unwrap_or("0"))
    }
}

/// A number's decimal text as Excel shows it: a percentage as the text `95%`; a number
/// its format writes text around (`≤2%`, `15个`) as that text, beside the number. A
/// negative number keeps its sign and no text: a format's negative section replaces the
/// sign with words or parentheses (`(3)`, `下降2.2%`) that no target reads as a number.
fn number(text: String, shows: &Shows) -> CellValue {
    let negative = text.starts_with('-');
    let shown = shows.section_for(&text);
    let Some(scaled) = thousandths(&text, shown.thousands) else {
        return CellValue::Number(text);
    };
    let digits = if shown.percent {
        format!("{}%", padded(times_hundred(&scaled), shown.decimals))
    } else {
        scaled
    };
    match (shown.has_text() && !negative, shown.percent) {
        (false, false) => CellValue::Number(text),
        (false, true) => CellValue::Text(digits),
        (true, true) => CellValue::Text(format!("{}{digits}{}", shown.prefix, shown.suffix)),
        (true, false) => CellValue::Formatted {
            shown: format!("{}{digits}{}", shown.prefix, shown.suffix),
            number: text,
        },
    }
}

/// A plain decimal text with at least the `decimals` its format shows, zeros added
/// (`96` under `0.00%` is `96.00`): the form writes them, and a rate is checked to as
/// many decimals as the form writes (an execution rate of 96.30% is not `96.00%`, though
/// it is `96%`). Digits past them are kept: a number typed is read as typed.
fn padded(text: String, decimals: Option<u32>) -> String {
    let Some(decimals) = decimals.and_then(|d| usize::try_from(d).ok()) else {
        return text;
    };
    let written = text
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    if written >= decimals || decimals > 28 {
        return text;
    }
    let mut text = text;
    if written == 0 {
        text.push('.');
    }
    text.extend(std::iter::repeat_n('0', decimals - written));
    text
}

/// A plain decimal text divided by a thousand `times` times, by moving its point (the
/// text itself where `times` is 0); `None` where that passes what a decimal holds.
fn thousandths(text: &str, times: u32) -> Option<String> {
    if times == 0 {
        return Some(text.to_owned());
    }
    let mut number: Decimal = text.parse().ok()?;
    let scale = number.scale().checked_add(times.checked_mul(3)?)?;
    number.set_scale(scale).ok()?;
    Some(number.normalize().to_string())
}

/// A plain decimal text times 100, by moving its point: exact, where `0.955 * 100.0`
/// in binary is `95.49999999999999`.
pub(crate) fn times_hundred(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let mut fraction = fraction.to_owned();
    while fraction.len() < 2 {
        fraction.push('0');
    }
    let (moved, rest) = fraction.split_at(2);
    let whole = format!("{whole}{moved}");
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{rest}")
    }
}

/// The last day Excel knows, 9999-12-31, as a serial number of the 1900 system.
const LAST_SERIAL: f64 = 2_958_466.0;

/// A date-formatted number: a [`CellValue::Date`] when it is a whole day; the date and
/// time as text when it has a time (`2023-12-31 14:30:00`, or `14:30:00` alone); the
/// number as it is when it is no day Excel shows or a duration. calamine counts days
/// in the workbook's own system (1900 with its 1900-02-29, or 1904).
fn excel_date(datetime: &ExcelDateTime) -> CellValue {
    let serial = datetime.as_f64();
    if datetime.is_duration() || !(0.0..LAST_SERIAL).contains(&serial) {
        return float(serial, &Shows::default());
    }
    let (year, month, day, hour, minute, second, milli) = datetime.to_ymd_hms_milli();
    let date = format!("{year:04}-{month:02}-{day:02}");
    let time = format!("{hour:02}:{minute:02}:{second:02}");
    let whole_day = (hour, minute, second, milli) == (0, 0, 0, 0);
    if serial < 1.0 && !whole_day {
        return CellValue::Text(time);
    }
    if !whole_day {
        return CellValue::Text(format!("{date} {time}"));
    }
    let date_value = i16::try_from(year)
        .ok()
        .and_then(|y| Date::new(y, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok());
    // 1900-02-29 is a day only in Excel.
    date_value.map_or(CellValue::Text(date), CellValue::Date)
}

/// An OpenDocument date value (`2023-12-31`, `2023-12-31T00:00:00`): a date when it
/// has no time of day, else the text as stored.
fn iso_date(text: &str) -> CellValue {
    let (day, time) = text.split_once('T').unwrap_or((text, ""));
    let midnight = time.trim_start_matches(['0', ':', '.']).is_empty();
    match day.parse::<Date>() {
        Ok(date) if midnight => CellValue::Date(date),
        // With a time, as `.xlsx` reads one (`2023-12-31 09:00:00`): a date field reads
        // the day, as it does the same cell's in `.xlsx` (`T` refused the form).
        Ok(_) => CellValue::Text(format!("{day} {}", time.trim_end_matches(".000"))),
        Err(_) => CellValue::Text(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A workbook of more sheets than a file of forms has is refused before any is
    /// read (each is looked up among all: 70,000 empty ones took 31 s); one of as many
    /// as the bound is read.
    #[test]
    fn sheets_past_the_bound_are_refused() {
        let sheets = |n: usize| -> Vec<calamine::Sheet> {
            (0..n)
                .map(|i| calamine::Sheet {
                    name: format!("表{i}"),
                    typ: calamine::SheetType::WorkSheet,
                    visible: calamine::SheetVisible::Visible,
                })
                .collect()
        };
        assert!(distinct_names(&sheets(MAX_SHEETS)).is_ok());
        let error = distinct_names(&sheets(MAX_SHEETS + 1)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_sheets");
    }

    #[test]
    fn a_sum_s_binary_error_and_a_zero_s_residue_are_read_away() {
        let plain = Shows::default();
        let read = |value: f64| float(value, &plain);
        // =B8+B9-B10 over 4102.43, 386.18 and 3702.52; =B16-B17 that is zero.
        assert_eq!(
            read(4102.43 + 386.18 - 3702.52),
            CellValue::Number("786.09".into())
        );
        assert_eq!(
            read(2850.0 - 300.16 - 2523.6),
            CellValue::Number("26.24".into())
        );
        assert_eq!(read(-1.4210854715202004e-14), CellValue::Number("0".into()));
        assert_eq!(read(1.7e-300), CellValue::Number("0".into()));
        // Typed numbers come back as typed, to a billionth.
        for (typed, text) in [
            (121.56, "121.56"),
            (9.2, "9.2"),
            (80.0, "80"),
            (-3.5, "-3.5"),
        ] {
            assert_eq!(read(typed), CellValue::Number(text.into()));
        }
        assert_eq!(
            read(0.952046404888282),
            CellValue::Number("0.952046405".into())
        );
        assert_eq!(read(123456789.12), CellValue::Number("123456789.12".into()));
        assert_eq!(
            read(12345678901234.5),
            CellValue::Number("12345678901234.5".into())
        );
    }

    #[test]
    fn a_scaling_format_s_text_goes_with_the_number_divided() {
        let shows = Shows::of("\"≤\"#,##0,\"千元\"");
        assert_eq!(
            float(15000.0, &shows),
            CellValue::Formatted {
                shown: "≤15千元".into(),
                number: "15000".into()
            }
        );
        let shows = Shows::of("0.00,,\"百万\"");
        assert_eq!(
            float(1500000.0, &shows),
            CellValue::Formatted {
                shown: "1.5百万".into(),
                number: "1500000".into()
            }
        );
    }

    #[test]
    fn a_text_cell_is_read_with_its_format_s_text() {
        let text = Data::String("5%".into());
        assert_eq!(
            value_of(&text, &Shows::of("\"≤\"@")),
            CellValue::Text("≤5%".into())
        );
        assert_eq!(
            value_of(&text, &Shows::default()),
            CellValue::Text("5%".into())
        );
    }

    #[test]
    fn cells_are_counted_over_the_whole_workbook() {
        // Two sheets of half the limit each, and one cell more.
        let mut budget = TextBudget::default();
        for sheet in ["甲", "乙"] {
            let mut builder = SheetBuilder::new(sheet);
            for i in 0..WORKBOOK_CELLS / 2 {
                let row = u32::try_from(i / 500).unwrap();
                let column = u32::try_from(i % 500).unwrap();
                builder
                    .push(row, column, CellValue::Bool(true), &mut budget)
                    .unwrap();
            }
        }
        let mut builder = SheetBuilder::new("丙");
        let refused = builder.push(0, 0, CellValue::Bool(true), &mut budget);
        assert!(
            matches!(refused, Err(ImportError::TooManyCells { limit, .. }) if limit == WORKBOOK_CELLS)
        );
        // Empty cells are not counted.
        assert!(builder.push(1, 1, CellValue::Empty, &mut budget).is_ok());
    }

    #[test]
    fn extensions_name_kinds_in_any_case() {
        assert_eq!(
            WorkbookKind::from_extension("XLSX"),
            Some(WorkbookKind::Xlsx)
        );
        assert_eq!(
            WorkbookKind::from_extension(".xlsm"),
            Some(WorkbookKind::Xlsx)
        );
        assert_eq!(WorkbookKind::from_extension("Xls"), Some(WorkbookKind::Xls));
        assert_eq!(WorkbookKind::from_extension("ods"), Some(WorkbookKind::Ods));
        assert_eq!(WorkbookKind::from_extension("csv"), None);
        assert_eq!(WorkbookKind::from_extension(""), None);
    }

    #[test]
    fn numbers_are_their_decimal_text() {
        let shown = |f: f64| match float(f, &Shows::percent(false)) {
            CellValue::Number(t) => t,
            other => panic!("{other:?}"),
        };
        assert_eq!(shown(121.56), "121.56");
        assert_eq!(shown(1679.7), "1679.7");
        assert_eq!(shown(2023.0), "2023");
        assert_eq!(shown(0.1), "0.1");
        assert_eq!(shown(1e-7), "0.0000001");
        assert_eq!(shown(-0.0), "0");
        assert_eq!(shown(1e21), "1000000000000000000000");
        assert_eq!(
            float(f64::NAN, &Shows::percent(false)),
            CellValue::Text("NaN".into())
        );
    }

    #[test]
    fn a_negative_number_keeps_its_sign_and_no_format_text() {
        let shows = Shows::of("\"增长\"0.0%;\"下降\"0.0%");
        assert_eq!(float(0.022, &shows), CellValue::Text("增长2.2%".into()));
        assert_eq!(float(-0.022, &shows), CellValue::Text("-2.2%".into()));
        let shows = Shows::of("#,##0\"个\"_);(#,##0\"个\")");
        assert_eq!(float(-3.0, &shows), CellValue::Number("-3".into()));
    }

    #[test]
    fn a_number_is_rounded_to_the_decimals_its_format_shows() {
        let read = |f: f64, code: &str| value_and_rounded(&Data::Float(f), &Shows::of(code)).1;
        let rounded = |f: f64, code: &str| {
            read(f, code).map(|r| {
                assert!(!r.coarse, "{f} under {code}");
                r.value
            })
        };
        let number = |t: &str| Some(CellValue::Number(t.into()));
        let text = |t: &str| Some(CellValue::Text(t.into()));
        assert_eq!(rounded(9.166_666_666_666_67, "0.00"), number("9.17"));
        assert_eq!(rounded(0.952_380_952_380_952, "0.00%"), text("95.24%"));
        // Fewer decimals than a score keeps: coarse, read as printed only where a measure
        // or a percentage is read (=C8/B8 under 0% prints 90%; =50/3 is no 17 points).
        let coarse = |f: f64, code: &str| {
            read(f, code).map(|r| {
                assert!(r.coarse, "{f} under {code}");
                r.value
            })
        };
        assert_eq!(coarse(16.666_666_666_666_7, "0"), number("17"));
        assert_eq!(coarse(9.166_666_666_666_67, "0.0"), number("9.2"));
        assert_eq!(coarse(0.952_380_952_380_952, "0.0%"), text("95.2%"));
        assert_eq!(coarse(0.895_100_315_532_535, "0%"), text("90%"));
        assert_eq!(coarse(89.510_031_553_253_5, "0"), number("90"));
        // Half away from zero, from the 15 digits Excel keeps (2.675 is 2.67499… in binary).
        assert_eq!(rounded(2.675, "0.00"), number("2.68"));
        assert_eq!(rounded(-2.675, "0.00"), number("-2.68"));
        // The negative section's decimals; a number shown in thousands is an amount.
        assert_eq!(rounded(-1.264, "0.0;-0.00"), number("-1.26"));
        assert_eq!(rounded(15_432.1, "#,##0,\"千元\""), None);
        assert_eq!(rounded(0.004, "0.00"), number("0"));
        // Shown as read, or no decimals fixed: nothing to add.
        assert_eq!(rounded(9.17, "0.00"), None);
        assert_eq!(rounded(1679.7, "0.00"), None);
        assert_eq!(rounded(102.179_999_999_999_84, "0.00"), None);
        assert_eq!(rounded(9.166_666_666_666_67, "General"), None);
        assert_eq!(rounded(9.166_666_666_666_67, "0.00E+00"), None);
        assert_eq!(rounded(f64::NAN, "0.00"), None);
        assert_eq!(value_and_rounded(&Data::Int(7), &Shows::of("0.00")).1, None);
    }

    /// A cell of blank text is an empty cell: one space far below the form neither makes
    /// the sheet too long to read nor adds a row.
    #[test]
    fn blank_text_far_below_is_an_empty_cell() {
        let mut budget = TextBudget::default();
        let mut builder = SheetBuilder::new("表");
        builder
            .push(0, 0, CellValue::Text("项目名称".into()), &mut budget)
            .unwrap();
        for blank in [" ", "\u{3000}", "\t\n", ""] {
            builder
                .push(150_000, 0, CellValue::Text(blank.into()), &mut budget)
                .unwrap();
        }
        let sheet = builder.finish(&[]).unwrap();
        assert_eq!(sheet.rows.len(), 1);
        let mut builder = SheetBuilder::new("表");
        let far = builder.push(150_000, 0, CellValue::Text("x".into()), &mut budget);
        assert!(far.is_err());
    }

    #[test]
    fn a_formulas_result_is_rounded_and_a_typed_number_is_not() {
        let mut budget = TextBudget::default();
        let mut builder = SheetBuilder::new("表");
        for (row, value) in [(0, "9.166666667"), (1, "1.004")] {
            let shown = Rounded {
                value: CellValue::Number("9.17".into()),
                coarse: false,
            };
            builder.rounding(row, 0, shown, &mut budget).unwrap();
            builder
                .push(row, 0, CellValue::Number(value.into()), &mut budget)
                .unwrap();
        }
        builder.computed(0, 0);
        // A formula whose number its format shows as read: no rounding kept.
        builder.computed(2, 0);
        let sheet = builder.finish(&[]).unwrap();
        let rounded = |row: usize| {
            sheet.rows[row][0]
                .rounded
                .as_deref()
                .map(|r| r.value.clone())
        };
        assert_eq!(rounded(0), Some(CellValue::Number("9.17".into())));
        assert_eq!(rounded(1), None);
        assert_eq!(
            sheet.rows[0][0].value,
            CellValue::Number("9.166666667".into())
        );
    }

    #[test]
    fn a_formulas_binary_error_is_read_as_the_cell_shows_it() {
        let shown = |f: f64| match float(f, &Shows::percent(false)) {
            CellValue::Number(t) => t,
            other => panic!("{other:?}"),
        };
        assert_eq!(shown(2130.81 - 2028.63), "102.18");
        assert_eq!(shown(102.179_999_999_999_84), "102.18");
        assert_eq!(shown(67.299_999_999_999_98), "67.3");
        assert_eq!(shown(0.1 + 0.2), "0.3");
        assert_eq!(shown(-(0.1 + 0.2)), "-0.3");
        // Fifteen typed digits come back as typed, to a billionth (what no form writes);
        // a sixteenth is more than a cell keeps.
        assert_eq!(shown(123_456_789.012_345), "123456789.012345");
        assert_eq!(shown(0.000_123_456_789_012_345), "0.000123457");
        assert_eq!(shown(1_234_567_890_123_456.0), "1234567890123460");
        assert_eq!(shown(1e23), "100000000000000000000000");
        assert_eq!(shown(5e-324), "0");
        assert_eq!(
            float(0.1 + 0.2, &Shows::percent(true)),
            CellValue::Text("30%".into())
        );
        assert_eq!(
            float(1600.0 / 1679.7, &Shows::percent(true)),
            CellValue::Text("95.255105%".into())
        );
    }

    #[test]
    fn percentages_move_the_point() {
        for (text, shown) in [
            ("0.95", "95"),
            ("0.955", "95.5"),
            ("1", "100"),
            ("-0.05", "-5"),
            ("0.0001", "0.01"),
            ("12.3456", "1234.56"),
            ("0", "0"),
        ] {
            assert_eq!(times_hundred(text), shown, "{text}");
        }
        assert_eq!(
            float(0.955, &Shows::percent(true)),
            CellValue::Text("95.5%".into())
        );
    }

    #[test]
    fn excel_serials_are_days_of_either_system() {
        use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
        let date =
            |serial: f64, is_1904: bool| excel_date(&ExcelDateTime::new(serial, DateTime, is_1904));
        let day = |y, m, d| CellValue::Date(Date::new(y, m, d).unwrap());
        assert_eq!(date(45291.0, false), day(2023, 12, 31));
        assert_eq!(date(43829.0, true), day(2023, 12, 31));
        assert_eq!(date(59.0, false), day(1900, 2, 28));
        assert_eq!(date(60.0, false), CellValue::Text("1900-02-29".into()));
        assert_eq!(date(61.0, false), day(1900, 3, 1));
        assert_eq!(
            date(45291.5, false),
            CellValue::Text("2023-12-31 12:00:00".into())
        );
        assert_eq!(date(0.75, false), CellValue::Text("18:00:00".into()));
        assert_eq!(date(-1.0, false), CellValue::Number("-1".into()));
        let duration = ExcelDateTime::new(1.5, TimeDelta, false);
        assert_eq!(excel_date(&duration), CellValue::Number("1.5".into()));
    }

    #[test]
    fn iso_dates_without_a_time_are_dates() {
        let day = CellValue::Date(Date::new(2023, 12, 31).unwrap());
        assert_eq!(iso_date("2023-12-31"), day);
        assert_eq!(iso_date("2023-12-31T00:00:00"), day);
        assert_eq!(
            iso_date("2023-12-31T10:30:00"),
            CellValue::Text("2023-12-31 10:30:00".into())
        );
        assert_eq!(
            crate::import::dates::written("2023-12-31 10:30:00"),
            Date::new(2023, 12, 31).ok()
        );
    }

    #[test]
    fn a_builder_lays_cells_out_from_a1_and_marks_merges() {
        let mut budget = TextBudget::default();
        let mut builder = SheetBuilder::new("s");
        builder
            .push(3, 2, CellValue::Text("x".into()), &mut budget)
            .unwrap();
        builder
            .push(4, 1, CellValue::Text("y".into()), &mut budget)
            .unwrap();
        let region = Region {
            start: (3, 1),
            end: (5, 1),
        };
        let sheet = builder.finish(&[region]).unwrap();
        assert_eq!(sheet.rows.len(), 5);
        assert!(sheet.rows[0].is_empty());
        assert_eq!(sheet.rows[3][2], Cell::text("x"));
        assert!(!sheet.rows[3][1].merged);
        assert!(sheet.rows[4][1].merged && sheet.rows[4][1].value == CellValue::Empty);
    }

    /// A range merged across a row shows its first cell's value across it: the cells
    /// beside it are empty, not "the value above" (`E55:F55` merged gave F55 the self
    /// score of F54, another indicator's).
    #[test]
    fn a_merge_across_empties_the_cells_beside_and_carries_nothing_down() {
        let mut budget = TextBudget::default();
        let mut builder = SheetBuilder::new("s");
        for (row, column) in [(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (3, 2)] {
            let text = CellValue::Text(format!("{row}{column}"));
            builder.push(row, column, text, &mut budget).unwrap();
        }
        let across = Region {
            start: (1, 0),
            end: (1, 1),
        };
        let square = Region {
            start: (2, 0),
            end: (3, 1),
        };
        let sheet = builder.finish(&[across, square]).unwrap();
        assert_eq!(sheet.rows[1][0], Cell::text("10"));
        let across = Cell {
            across: true,
            ..Cell::default()
        };
        assert_eq!(sheet.rows[1][1], across);
        assert_eq!(sheet.rows[2][1], across);
        assert!(sheet.rows[3][0].merged && !sheet.rows[3][0].across);
        assert!(sheet.rows[3][1].merged && sheet.rows[3][1].across);
    }

    #[test]
    fn a_cell_written_twice_is_a_damaged_workbook() {
        let mut budget = TextBudget::default();
        let mut builder = SheetBuilder::new("自评表");
        for value in ["50%", "95%"] {
            let text = CellValue::Text(value.into());
            builder.push(54, 4, text, &mut budget).unwrap();
        }
        let error = builder.finish(&[]).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt");
        assert!(error.to_string().contains("E55 twice"), "{error}");
    }

    #[test]
    fn a_builder_refuses_what_passes_the_bounds() {
        let mut budget = TextBudget::default();
        let mut builder = SheetBuilder::new("s");
        let text = CellValue::Text("x".into());
        let error = builder
            .push(100_000, 0, text.clone(), &mut budget)
            .unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_rows");
        let error = builder
            .push(0, 1_000, text.clone(), &mut budget)
            .unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_columns");
        builder.push(0, 999, text.clone(), &mut budget).unwrap();
        let error = builder.push(2_000, 0, text, &mut budget).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_cells");
    }
}
