//! Tab-separated text, as a form exported from Word or a web form system is saved (the
//! seed `000_98b5b3d58b97f228.txt`): one line per table row, cells separated by tabs.

use super::grid::{Cell, CellValue, Sheet, Workbook};

/// The grid of a tab-separated text. Every cell keeps its byte range in `text`, so that
/// anything said about it points into the file itself.
#[must_use]
pub fn read(text: &str) -> Workbook {
    let mut rows = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        rows.push(cells(content, start));
        start += line.len();
    }
    Workbook {
        sheets: vec![Sheet {
            name: String::new(),
            rows,
            text: Some(text.to_owned()),
        }],
        notes: Vec::new(),
    }
}

/// The cells of one line that starts at byte `start` of the text.
fn cells(line: &str, start: usize) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut at = start;
    for part in line.split('\t') {
        let value = if part.trim().is_empty() {
            CellValue::Empty
        } else {
            CellValue::Text(part.to_owned())
        };
        cells.push(Cell {
            value,
            at: Some((at, at + part.len())),
            ..Cell::default()
        });
        at += part.len() + 1;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_their_place_in_the_text() {
        let text = "项目名称\t\t电子\r\n\t1679.7\n";
        let book = read(text);
        let rows = &book.sheets[0].rows;
        assert_eq!(rows.len(), 2);
        let name = &rows[0][0];
        assert_eq!(name.value, CellValue::Text("项目名称".into()));
        let (a, b) = name.at.unwrap();
        assert_eq!(&text[a..b], "项目名称");
        assert!(rows[0][1].is_empty());
        let (a, b) = rows[0][2].at.unwrap();
        assert_eq!(&text[a..b], "电子");
        let (a, b) = rows[1][1].at.unwrap();
        assert_eq!(&text[a..b], "1679.7");
    }
}
