//! `.xls` workbooks (Excel 97–2003, BIFF8 in a compound file).
//!
//! calamine reads every sheet when it opens the file, and builds each sheet's cells
//! over the rectangle from its first to its last cell, reserving what the sheet's
//! DIMENSIONS record declares and copying a shared string into every cell that shows
//! it. So the workbook stream is scanned here first ([`biff`]): the cells' positions
//! and declared extents are held to the bounds and their shared text to
//! [`super::TEXT_LIMIT`], records calamine would index past their end are refused,
//! and what calamine does not say is found: the cells whose format shows a percentage,
//! and the rows and columns the sheet hides.

mod biff;
mod cfb;

use std::io::Cursor;

use calamine::{Reader, SheetType, Xls, XlsError};

use super::{
    FORMAT, Region, SheetBuilder, Shows, TextBudget, WorkbookKind, add_sheet, damaged_by,
    distinct_names, keep_literals, skipped, value_and_rounded,
};
use crate::i18n::t;
use crate::import::archive;
use crate::import::error::ImportError;
use crate::import::grid::Workbook;

/// Reads an `.xls` workbook.
pub(super) fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    if !archive::is_compound(bytes) {
        return Err(ImportError::WrongFormat {
            expected: WorkbookKind::Xls.described(),
            found: archive::what_it_is(bytes),
        });
    }
    let stream = cfb::workbook_stream(bytes)?;
    let scanned = biff::scan(&stream)?;
    let mut workbook = Xls::new(Cursor::new(bytes)).map_err(opening_error)?;
    let mut book = Workbook::default();
    let mut budget = TextBudget::default();
    let sheets = workbook.sheets_metadata().to_vec();
    distinct_names(&sheets)?;
    for (index, sheet) in sheets.into_iter().enumerate() {
        if let Some(note) = skipped(&sheet.name, sheet.visible) {
            book.notes.push(note);
            continue;
        }
        if sheet.typ != SheetType::WorkSheet {
            book.notes
                .push(t!(IMPORT_NOTE_NOT_WORKSHEET, name = sheet.name));
            continue;
        }
        let range = workbook.worksheet_range(&sheet.name).map_err(damaged_by)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        // calamine lists the sheets in the order of their BOUNDSHEET records.
        let this = scanned.get(index);
        let shown = this.map(|s| &s.shown);
        let plain = Shows::default();
        let mut builder = SheetBuilder::new(&sheet.name);
        for (row, column, data) in range.used_cells() {
            let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
            let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            let shows = shown
                .and_then(|s| s.get(&(row, column)))
                .map_or(&plain, |s| &**s);
            let (value, rounded) = value_and_rounded(data, shows);
            if let Some(rounded) = rounded {
                builder.rounding(row, column, rounded, &mut budget)?;
            }
            builder.push(row, column, value, &mut budget)?;
        }
        let formulas = workbook
            .worksheet_formula(&sheet.name)
            .map_err(damaged_by)?;
        // A formula with no result (xlwt writes none; Excel always does) is named as
        // one, as in `.xlsx`.
        keep_literals(&formulas, Some(&range), &mut builder, &mut budget)?;
        // The cells sharing a literal, which calamine reads as no formula.
        for (row, column, text) in this.map(|s| s.literal_cells()).unwrap_or_default() {
            builder.formula(row, column, text, &mut budget)?;
        }
        let merges: Vec<Region> = workbook
            .merge_cells_by_sheet_name(&sheet.name)
            .map_err(damaged_by)?
            .into_iter()
            .map(Region::from)
            .collect();
        let read = book.sheets.len();
        add_sheet(&mut book, builder, &merges)?;
        if let (Some(sheet), Some(scan)) = (book.sheets.get_mut(read), this) {
            sheet.hide_columns(&scan.hidden_columns);
            sheet.hide_rows(&scan.hidden_rows);
        }
    }
    Ok(book)
}

/// The error for a workbook calamine cannot open.
fn opening_error(error: XlsError) -> ImportError {
    match error {
        XlsError::Password => ImportError::Encrypted { format: FORMAT },
        other => damaged_by(other),
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::Date;

    use super::*;
    use crate::import::grid::{Cell, CellValue};
    use crate::import::workbook::read as read_workbook;

    /// Written by xlwt 1.3 (Python): the form of the `.xlsx` tests, a percentage
    /// formatted `0.0%`, a date formatted `yyyy-mm-dd`, `B3:B5` merged, a hidden
    /// sheet `说明`, a sheet `指标` starting at `C4` and an empty sheet `空`.
    const FORM: &[u8] = include_bytes!("../../../tests/fixtures/import/form.xls");

    fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
        read_workbook(bytes, WorkbookKind::Xls)
    }

    fn text(t: &str) -> Cell {
        Cell::text(t)
    }

    fn number(t: &str) -> Cell {
        Cell::new(CellValue::Number(t.into()))
    }

    fn merged() -> Cell {
        Cell {
            merged: true,
            ..Cell::default()
        }
    }

    /// Written by xlwt 1.3: numbers under custom formats, `"≤"0%`, `0"个"`, `0.0%`.
    const FORMATS: &[u8] = include_bytes!("../../../tests/fixtures/import/formats.xls");

    #[test]
    fn custom_formats_show_their_text_around_the_number() {
        let book = read(FORMATS).unwrap();
        let values: Vec<Option<&Cell>> = book.sheets[0].rows.iter().map(|r| r.get(1)).collect();
        let formatted = |shown: &str, number: &str| {
            Cell::new(CellValue::Formatted {
                shown: shown.into(),
                number: number.into(),
            })
        };
        assert_eq!(
            values,
            [
                Some(&text("≤2%")),
                Some(&formatted("15个", "15")),
                Some(&text("95.5%")),
                // A negative number keeps its sign and no text.
                Some(&number("-3")),
            ]
        );
    }

    #[test]
    fn a_form_workbook_reads_cell_for_cell() {
        let book = read(FORM).unwrap();
        assert_eq!(
            book.notes,
            [
                "sheet `说明` is hidden, skipped",
                "sheet `空` is empty, skipped"
            ]
        );
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["自评表", "指标"]);
        let form = &book.sheets[0];
        let day = Date::new(2023, 12, 31).unwrap();
        assert_eq!(
            form.rows,
            vec![
                vec![text("项目名称"), text("电子政务")],
                vec![
                    text("年初预算数"),
                    number("121.56"),
                    number("1679.7"),
                    number("2023"),
                    number("0.1"),
                    text("2023"),
                ],
                vec![Cell::default(), text("产出指标"), text("数量指标")],
                vec![Cell::default(), merged(), text("95.5%")],
                vec![Cell::default(), merged(), text("质量指标")],
                vec![
                    Cell::new(CellValue::Date(day)),
                    Cell::new(CellValue::Bool(true)),
                ],
            ]
        );
        let second = &book.sheets[1];
        assert_eq!(second.rows.len(), 5);
        assert_eq!(
            second.rows[3],
            [Cell::default(), Cell::default(), text("满意度")]
        );
        assert_eq!(second.rows[4][3], number("98"));
    }

    /// Written by xlwt 1.3: row 3 hidden, row 4 made zero high, column C hidden and
    /// column E made zero wide; marked as `.xlsx` reading marks them. A workbook that
    /// hides nothing has nothing marked.
    #[test]
    fn hidden_rows_and_columns_are_marked() {
        let book = read(include_bytes!("../../../tests/fixtures/import/hidden.xls")).unwrap();
        let sheet = &book.sheets[0];
        assert_eq!(sheet.hidden_rows, std::collections::BTreeSet::from([2, 3]));
        let hidden: Vec<usize> = (0..5).filter(|&c| sheet.rows[0][c].hidden).collect();
        assert_eq!(hidden, [2, 4]);
        assert!(sheet.rows.iter().all(|r| r[2].hidden && !r[3].hidden));
        let book = read(FORM).unwrap();
        for sheet in &book.sheets {
            assert!(sheet.hidden_rows.is_empty(), "{}", sheet.name);
            assert!(
                sheet.rows.iter().flatten().all(|c| !c.hidden),
                "{}",
                sheet.name
            );
        }
    }

    /// xlwt stores an empty text as every formula's result, as writers that do not
    /// calculate do: `=1+1` is kept as a formula with no result, named so where the form
    /// reads it, as in `.xlsx`; a literal `=100%` is kept as typed.
    #[test]
    fn a_literal_formula_is_kept_and_one_with_no_result_is_named() {
        // Written by xlwt 1.3: `=100%` in A1, `=1+1` in B1, the text `text` in C1.
        let bytes = include_bytes!("../../../tests/fixtures/import/literal-formula.xls");
        let book = read(bytes).unwrap();
        let row = &book.sheets[0].rows[0];
        assert_eq!(row[0].literal_formula(), Some("100%"));
        assert_eq!(row[0].shown(), "=100%");
        assert_eq!(row[1].uncalculated(), Some("1+1"));
        assert_eq!(row[1].literal_formula(), None);
        assert_eq!(row[2], text("text"));
    }

    /// A literal filled down a column is one formula the cells share (SHRFMLA), which
    /// calamine reads as no formula: each cell is read as typed, as a literal of its own
    /// is (the cells read `1` and `0.955`, and a target of `=100%` lost its unit).
    #[test]
    fn a_literal_filled_down_is_read_as_typed_in_every_cell() {
        // LibreOffice 7 from openpyxl's `=100%` in A1:A2, `=95.5%` in A3:A4 and
        // `=A1*2`, `=A2*2` in B1:B2.
        let bytes = include_bytes!("../../../tests/fixtures/import/shared-literal-formula.xls");
        let book = read(bytes).unwrap();
        let rows = &book.sheets[0].rows;
        let literal = |r: usize, c: usize| rows[r][c].literal_formula();
        assert_eq!([literal(0, 0), literal(1, 0)], [Some("100%"); 2]);
        assert_eq!([literal(2, 0), literal(3, 0)], [Some("95.5%"); 2]);
        // A formula that reads other cells is its result, shared or not.
        assert_eq!([literal(0, 1), literal(1, 1)], [None; 2]);
        assert_eq!(rows[1][1].value, CellValue::Number("2".into()));
    }

    #[test]
    fn damaged_and_hostile_workbooks_are_errors() {
        // Cut short: the sectors the header lists are missing.
        let error = read(&FORM[..FORM.len() / 2]).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt", "{error}");
        // Not a compound file at all.
        let error = read(b"<html><table><tr><td>1</td></tr></table></html>").unwrap_err();
        assert_eq!(error.code(), "perfeval::import::wrong_format", "{error}");
        // A cell record moved to row 65,535 and column 65,535: calamine would build
        // 4 billion cells from A1 to it.
        let mut far = FORM.to_vec();
        let number = find_record(&far, 0x0203).unwrap();
        far[number + 4..number + 8].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
        let error = read(&far).unwrap_err();
        assert_eq!(
            error.code(),
            "perfeval::import::too_many_columns",
            "{error}"
        );
        // A DIMENSIONS record that ends before it starts (calamine would underflow).
        let mut inverted = FORM.to_vec();
        let dimensions = find_record(&inverted, 0x0200).unwrap();
        inverted[dimensions + 4..dimensions + 8].copy_from_slice(&9u32.to_le_bytes());
        inverted[dimensions + 8..dimensions + 12].copy_from_slice(&2u32.to_le_bytes());
        let error = read(&inverted).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt", "{error}");
        // A FILEPASS record: the workbook is encrypted.
        let mut encrypted = FORM.to_vec();
        let codepage = find_record(&encrypted, 0x0042).unwrap();
        encrypted[codepage..codepage + 2].copy_from_slice(&0x002Fu16.to_le_bytes());
        let error = read(&encrypted).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::encrypted", "{error}");
    }

    /// The offset of the first BIFF record of `kind` in the file, found by walking
    /// the records from the workbook stream's first BOF (xlwt writes the stream
    /// contiguously after the header).
    fn find_record(bytes: &[u8], kind: u16) -> Option<usize> {
        let mut at = bytes
            .windows(4)
            .position(|w| w == [0x09, 0x08, 0x10, 0x00])?;
        while at + 4 <= bytes.len() {
            let this = u16::from_le_bytes([bytes[at], bytes[at + 1]]);
            if this == kind {
                return Some(at);
            }
            let length = u16::from_le_bytes([bytes[at + 2], bytes[at + 3]]);
            at += 4 + usize::from(length);
        }
        None
    }
}
