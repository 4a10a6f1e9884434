//! `.xls` workbooks (Excel 97–2003, BIFF8 in a compound file).

use std::io::Cursor;

use calamine::{Reader, SheetType, Xls, XlsError};

use super::{
    FORMAT, Region, SheetBuilder, TextBudget, WorkbookKind, add_sheet, damaged, skipped, value_of,
};
use crate::import::archive;
use crate::import::error::ImportError;
use crate::import::grid::Workbook;

/// Reads an `.xls` workbook.
pub(super) fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    if !archive::is_compound(bytes) {
        return Err(ImportError::WrongFormat {
            expected: WorkbookKind::Xls.described(),
            found: archive::looks_like(bytes),
        });
    }
    let mut workbook = Xls::new(Cursor::new(bytes)).map_err(opening_error)?;
    let mut book = Workbook::default();
    let mut budget = TextBudget::default();
    for sheet in workbook.sheets_metadata().to_vec() {
        if let Some(note) = skipped(&sheet.name, sheet.visible) {
            book.notes.push(note);
            continue;
        }
        if sheet.typ != SheetType::WorkSheet {
            book.notes.push(format!(
                "sheet `{}` is not a worksheet, skipped",
                sheet.name
            ));
            continue;
        }
        let range = workbook.worksheet_range(&sheet.name).map_err(damaged)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut builder = SheetBuilder::new(&sheet.name);
        for (row, column, data) in range.used_cells() {
            let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
            let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            builder.push(row, column, value_of(data, false), &mut budget)?;
        }
        let merges: Vec<Region> = workbook
            .merge_cells_by_sheet_name(&sheet.name)
            .map_err(damaged)?
            .into_iter()
            .map(Region::from)
            .collect();
        add_sheet(&mut book, builder, &merges)?;
    }
    Ok(book)
}

/// The error for a workbook calamine cannot open.
fn opening_error(error: XlsError) -> ImportError {
    match error {
        XlsError::Password => ImportError::Encrypted { format: FORMAT },
        other => damaged(other),
    }
}
