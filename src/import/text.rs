//! Tab-separated text, as a form exported from Word or a web form system is saved (the
//! seed `000_98b5b3d58b97f228.txt`): one line per table row, cells separated by tabs.

use super::error::ImportError;
use super::grid::{Cell, CellValue, Sheet, Workbook};
use super::workbook::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::i18n::t;

/// The grid of a tab-separated text. Every cell keeps its byte range in `text`, so that
/// anything said about it points into the file itself. Bounded as a CSV file is: at
/// most [`MAX_ROWS`] lines, [`MAX_COLUMNS`] cells to a line's last value and
/// [`MAX_CELLS`] cells in all (8 MB of empty lines made 8 million rows, 4 GB).
///
/// # Errors
///
/// The text passes one of the bounds.
pub fn read(text: &str) -> Result<Workbook, ImportError> {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    if lines > MAX_ROWS {
        return Err(ImportError::TooManyRows {
            sheet: t!(IMPORT_THE_FILE),
            rows: lines,
            limit: MAX_ROWS,
        });
    }
    let mut rows = Vec::new();
    let mut start = 0;
    let mut kept: usize = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let row = cells(content, start)?;
        kept = kept.saturating_add(row.len());
        if kept > MAX_CELLS {
            return Err(ImportError::TooManyCells {
                sheet: t!(IMPORT_THE_FILE),
                cells: kept,
                limit: MAX_CELLS,
            });
        }
        rows.push(row);
        start += line.len();
    }
    Ok(Workbook {
        sheets: vec![Sheet {
            name: String::new(),
            rows,
            text: Some(text.to_owned()),
            hidden_rows: std::collections::BTreeSet::new(),
        }],
        notes: Vec::new(),
    })
}

/// The cells of one line that starts at byte `start` of the text, to its last value
/// (empty cells after it are nothing to read).
fn cells(line: &str, start: usize) -> Result<Vec<Cell>, ImportError> {
    let mut cells = Vec::new();
    let mut at = start;
    let mut filled = 0;
    for (column, part) in line.split('\t').enumerate() {
        let value = if part.trim().is_empty() {
            CellValue::Empty
        } else {
            if column >= MAX_COLUMNS {
                return Err(ImportError::TooManyColumns {
                    sheet: t!(IMPORT_THE_FILE),
                    columns: column + 1,
                    limit: MAX_COLUMNS,
                });
            }
            filled = column + 1;
            CellValue::Text(part.to_owned())
        };
        if column < MAX_COLUMNS {
            cells.push(Cell {
                value,
                at: Some((at, at + part.len())),
                ..Cell::default()
            });
        }
        at += part.len() + 1;
    }
    // A line of nothing keeps one empty cell, as it did: a row, with a place.
    cells.truncate(filled.max(1));
    Ok(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_place_in_the_text() {
        let text = "项目名称\t\t电子\r\n\t1679.7\n";
        let book = read(text).unwrap();
        let rows = &book.sheets[0].rows;
        assert_eq!(rows.len(), 2);
        let name = &rows[0][0];
        assert_eq!(name.value, CellValue::Text("项目名称".into()));
        let (a, b) = name.at.unwrap();
        assert_eq!(&text[a..b], "项目名称");
        assert!(rows[0][1].is_empty());
        assert_eq!(rows[0].len(), 3);
        let (a, b) = rows[0][2].at.unwrap();
        assert_eq!(&text[a..b], "电子");
        let (a, b) = rows[1][1].at.unwrap();
        assert_eq!(&text[a..b], "1679.7");
    }

    #[test]
    fn a_text_past_the_bounds_is_refused() {
        let lines = "\n".repeat(MAX_ROWS);
        let error = read(&lines).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_rows");
        let wide = format!("{}x", "\t".repeat(MAX_COLUMNS));
        let error = read(&wide).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_columns");
        // Empty cells after a line's last value are not kept, nor counted.
        let trailing = format!("x{}", "\t".repeat(10 * MAX_COLUMNS));
        assert_eq!(read(&trailing).unwrap().sheets[0].rows[0].len(), 1);
        let full = format!("{}\n", "x\t".repeat(MAX_COLUMNS - 1)).repeat(MAX_CELLS / 999 + 1);
        let error = read(&full).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_cells");
    }
}
