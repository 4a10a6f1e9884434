//! Word documents (`.docx`): the 自评报告, a document holding the 自评表 as a table
//! and narrative sections (`项目概况` and its text, or a two-column table of them).
//!
//! The document becomes one sheet named `""`, in document order: each paragraph
//! outside tables that holds text is a row of one cell; each row of a table is a row
//! of cells, a cell's paragraphs joined with `\n`. A cell that spans columns
//! (`w:gridSpan`) is followed by empty cells; a cell that continues a
//! vertical merge (`w:vMerge`) is empty and merged. A table inside a cell gives its
//! paragraphs to that cell. Text is what the `w:t` runs say (deleted text and field
//! codes are not), `w:tab` a tab, `w:br` and `w:cr` a line break. No styles, numbering
//! or headers are read.

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::archive;
use super::error::ImportError;
use super::grid::{Cell, Sheet, Workbook};
use super::workbook::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS};
use crate::i18n::{self, Msg, msg, t};

/// What errors call the file.
const FORMAT: &Msg = msg!(IMPORT_THE_DOCUMENT);

/// The format in words, as errors name it.
const EXPECTED: &Msg = msg!(KIND_DOCX);

/// The main part of a document.
const DOCUMENT: &str = "word/document.xml";

/// Reads a Word document into one sheet (see the module's documentation).
///
/// # Errors
///
/// The bytes are not a `.docx` document, are protected by a password, are damaged
/// (`word/document.xml` is not XML), unpack to more than 64 MiB, or hold more than
/// 100,000 rows, a row of more than 1,000 cells or 2,000,000 cells in all.
pub fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let mut zip = archive::open(bytes, EXPECTED, FORMAT)?;
    let found = archive::zip_kind(&zip);
    if found.key != EXPECTED.key {
        return Err(ImportError::WrongFormat {
            expected: EXPECTED,
            found,
        });
    }
    let xml = archive::read_part(&mut zip, DOCUMENT, FORMAT)?
        .ok_or_else(|| ImportError::corrupt(FORMAT, t!(IMPORT_NO_PART, part = DOCUMENT)))?;
    let rows = Reader::default().read(&xml)?;
    Ok(Workbook {
        sheets: vec![Sheet {
            name: String::new(),
            rows,
            text: None,
            hidden_rows: std::collections::BTreeSet::new(),
        }],
        notes: Vec::new(),
    })
}

/// The rows read so far and where the reading is.
#[derive(Default)]
struct Reader {
    rows: Vec<Vec<Cell>>,
    cells: usize,
    /// Paragraphs open (a text box opens one inside another), innermost last.
    paragraphs: Vec<String>,
    /// Whether text is inside a `w:t`.
    in_text: bool,
    /// Tables open; rows are read from the outermost one.
    tables: usize,
    row: Vec<Cell>,
    cell: Option<TableCell>,
    /// Depth inside an `mc:Fallback`, whose content repeats its `mc:Choice`.
    fallback: usize,
    /// Depth inside tracked text that is gone (`w:del`, `w:moveFrom`): Word shows it
    /// struck through or not at all, and it is no part of the value.
    gone: usize,
    /// Whether the run being read is hidden (`w:vanish`, `w:specVanish` in its
    /// properties): Word does not show or print it, so a hidden `1` before `50%` would
    /// make it `150%`.
    hidden_run: bool,
}

/// A table cell being read.
#[derive(Default)]
struct TableCell {
    paragraphs: Vec<String>,
    span: usize,
    continues_merge: bool,
    /// Whether it continues a merge across (`w:hMerge`): it shows the cell left of it,
    /// not the one above, and is empty.
    continues_across: bool,
}

impl Reader {
    /// The rows of `word/document.xml`.
    fn read(mut self, xml: &[u8]) -> Result<Vec<Vec<Cell>>, ImportError> {
        let mut reader = quick_xml::Reader::from_reader(xml);
        reader.config_mut().expand_empty_elements = true;
        loop {
            let event = reader.read_event().map_err(not_xml)?;
            if self.fallback > 0 {
                self.skip(&event);
                continue;
            }
            match event {
                Event::Start(e) => self.start(&e)?,
                Event::End(e) => self.end(e.name().as_ref())?,
                Event::Text(t) if self.in_text => self.push_text(&t.xml10_content()),
                Event::CData(t) if self.in_text => self.push_text(t.as_ref()),
                Event::GeneralRef(r) if self.in_text => self.push_text(&entity(&r)?),
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(self.rows)
    }

    /// Follows the depth of an `mc:Fallback` being skipped.
    fn skip(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(e) if e.name().as_ref() == "mc:Fallback" => self.fallback += 1,
            Event::End(e) if e.name().as_ref() == "mc:Fallback" => {
                self.fallback = self.fallback.saturating_sub(1);
            }
            _ => {}
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), ImportError> {
        match e.name().as_ref() {
            "w:p" => self.paragraphs.push(String::new()),
            "w:t" => self.in_text = true,
            "w:tab" => self.push_text("\t"),
            "w:br" | "w:cr" => self.push_text("\n"),
            "w:tbl" => self.tables = self.tables.saturating_add(1),
            "mc:Fallback" => self.fallback = 1,
            "w:del" | "w:moveFrom" => self.gone = self.gone.saturating_add(1),
            "w:r" => self.hidden_run = false,
            "w:vanish" | "w:specVanish" => {
                // `w:val="0"` (or `false`, `off`) turns hiding off.
                let off = value(e)?.is_some_and(|v| matches!(v.as_str(), "0" | "false" | "off"));
                self.hidden_run = !off;
            }
            _ if self.tables == 1 => self.start_in_table(e)?,
            _ => {}
        }
        Ok(())
    }

    /// The elements of the outermost table's rows and cells.
    fn start_in_table(&mut self, e: &BytesStart<'_>) -> Result<(), ImportError> {
        match e.name().as_ref() {
            "w:tr" => self.row = Vec::new(),
            "w:gridBefore" => {
                // Grid columns the row leaves out before its first cell.
                for _ in 0..count(e)? {
                    self.push_cell(Cell::default())?;
                }
            }
            "w:tc" => {
                self.cell = Some(TableCell {
                    span: 1,
                    ..TableCell::default()
                });
            }
            "w:gridSpan" => {
                let span = count(e)?;
                if let Some(cell) = &mut self.cell {
                    cell.span = span.max(1);
                }
            }
            "w:vMerge" | "w:hMerge" => {
                // `w:val="restart"` starts a merge; no value, or `continue`, goes on.
                let restarts = value(e)?.is_some_and(|v| v == "restart");
                let across = e.name().as_ref() == "w:hMerge";
                if let Some(cell) = &mut self.cell {
                    if across {
                        cell.continues_across = !restarts;
                    } else {
                        cell.continues_merge = !restarts;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ImportError> {
        match name {
            "w:p" => self.end_paragraph()?,
            "w:t" => self.in_text = false,
            "w:tbl" => self.tables = self.tables.saturating_sub(1),
            "w:del" | "w:moveFrom" => self.gone = self.gone.saturating_sub(1),
            "w:tc" if self.tables == 1 => self.end_cell()?,
            "w:tr" if self.tables == 1 => {
                let row = std::mem::take(&mut self.row);
                self.push_row(row)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// A paragraph ends: in a table it belongs to the cell, outside one it is a row
    /// if it holds text.
    fn end_paragraph(&mut self) -> Result<(), ImportError> {
        let Some(text) = self.paragraphs.pop() else {
            return Ok(());
        };
        if self.tables > 0 {
            if let Some(cell) = &mut self.cell {
                cell.paragraphs.push(text);
            }
            return Ok(());
        }
        if text.trim().is_empty() {
            return Ok(());
        }
        self.push_row(vec![Cell::text(text)])
    }

    /// A table cell ends: it, and an empty cell for each further column it spans (its
    /// text shows across them, not in their columns).
    fn end_cell(&mut self) -> Result<(), ImportError> {
        let Some(cell) = self.cell.take() else {
            return Ok(());
        };
        let text = cell.paragraphs.join("\n");
        let first = if cell.continues_merge {
            merged()
        } else if cell.continues_across {
            across()
        } else if text.is_empty() {
            Cell::default()
        } else {
            Cell::text(text)
        };
        self.push_cell(first)?;
        for _ in 1..cell.span {
            self.push_cell(across())?;
        }
        Ok(())
    }

    fn push_text(&mut self, text: &str) {
        if self.gone > 0 || self.hidden_run {
            return;
        }
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.push_str(text);
        }
    }

    /// Adds a cell to the row being read, within [`MAX_COLUMNS`].
    fn push_cell(&mut self, cell: Cell) -> Result<(), ImportError> {
        if self.row.len() >= MAX_COLUMNS {
            return Err(ImportError::TooManyColumns {
                sheet: FORMAT.to_string(),
                columns: self.row.len().saturating_add(1),
                limit: MAX_COLUMNS,
            });
        }
        self.row.push(cell);
        Ok(())
    }

    /// Adds a row, within [`MAX_ROWS`] and [`MAX_CELLS`].
    fn push_row(&mut self, row: Vec<Cell>) -> Result<(), ImportError> {
        self.cells = self.cells.saturating_add(row.len());
        self.rows.push(row);
        if self.rows.len() > MAX_ROWS {
            return Err(ImportError::TooManyRows {
                sheet: FORMAT.to_string(),
                rows: self.rows.len(),
                limit: MAX_ROWS,
            });
        }
        if self.cells > MAX_CELLS {
            return Err(ImportError::TooManyCells {
                sheet: FORMAT.to_string(),
                cells: self.cells,
                limit: MAX_CELLS,
            });
        }
        Ok(())
    }
}

/// A cell inside a merged range, not its first.
fn merged() -> Cell {
    Cell {
        merged: true,
        ..Cell::default()
    }
}

/// A cell a cell to its left spans (`w:gridSpan`, `w:hMerge`): that cell's text shows
/// across it.
fn across() -> Cell {
    Cell {
        across: true,
        ..Cell::default()
    }
}

/// The error for XML that does not parse, in the XML reader's words.
fn not_xml(error: impl std::fmt::Display) -> ImportError {
    bad_xml(i18n::foreign(&error))
}

/// The error for XML that does not parse, for `reason`.
fn bad_xml(error: String) -> ImportError {
    ImportError::corrupt(FORMAT, t!(IMPORT_NOT_XML, part = DOCUMENT, error))
}

/// The text of an entity or character reference (`&amp;`, `&#x4E2D;`).
fn entity(reference: &BytesRef<'_>) -> Result<String, ImportError> {
    if let Some(text) = resolve_xml_entity(reference.as_ref()) {
        return Ok(text.to_owned());
    }
    match reference.resolve_char_ref().map_err(not_xml)? {
        Some(c) => Ok(c.to_string()),
        None => Err(bad_xml(t!(
            IMPORT_UNKNOWN_ENTITY,
            entity = reference.as_ref()
        ))),
    }
}

/// The value of an element's `w:val`.
fn value(e: &BytesStart<'_>) -> Result<Option<String>, ImportError> {
    let attribute = e.try_get_attribute("w:val").map_err(not_xml)?;
    let Some(attribute) = attribute else {
        return Ok(None);
    };
    let text = attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(not_xml)?;
    Ok(Some(text.into_owned()))
}

/// A `w:val` that counts grid columns: 1 if absent; a count past [`MAX_COLUMNS`] is
/// cut there (the row is refused as it grows past it).
fn count(e: &BytesStart<'_>) -> Result<usize, ImportError> {
    let Some(text) = value(e)? else {
        return Ok(1);
    };
    let n: u64 = text
        .trim()
        .parse()
        .map_err(|_| bad_xml(t!(IMPORT_NOT_A_COUNT, key = "w:val", text)))?;
    let most = u64::try_from(MAX_COLUMNS)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    Ok(usize::try_from(n.min(most)).unwrap_or(MAX_COLUMNS))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::archive::tests::zip_of;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn document(body: &str) -> Vec<u8> {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
        );
        zip_of(&[
            ("[Content_Types].xml", b"<Types/>"),
            (DOCUMENT, xml.as_bytes()),
        ])
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, body: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
    }

    fn text(t: &str) -> Cell {
        Cell::text(t)
    }

    #[test]
    fn paragraphs_and_a_table_become_rows_in_document_order() {
        let table = [
            "<w:tbl><w:tblPr/><w:tblGrid/>",
            "<w:tr>",
            &tc(
                r#"<w:gridSpan w:val="3"/>"#,
                &p("苏州市级财政支出项目绩效自评表"),
            ),
            "</w:tr><w:tr>",
            &tc(r#"<w:vMerge w:val="restart"/>"#, &p("产出指标")),
            &tc("", &p("数量指标")),
            &tc("", &format!("{}{}", p("第一段"), p("第二段"))),
            "</w:tr><w:tr>",
            &tc("<w:vMerge/>", "<w:p/>"),
            &tc("", &p("质量指标")),
            &tc("", "<w:p/>"),
            "</w:tr></w:tbl>",
        ]
        .concat();
        let body = [
            p("一、项目概况"),
            "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>".to_owned(),
            table,
            p("二、绩效目标"),
        ]
        .concat();
        let book = read(&document(&body)).unwrap();
        assert!(book.notes.is_empty());
        assert_eq!(book.sheets.len(), 1);
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "");
        assert_eq!(sheet.text, None);
        assert_eq!(
            sheet.rows,
            vec![
                vec![text("一、项目概况")],
                vec![text("苏州市级财政支出项目绩效自评表"), across(), across()],
                vec![text("产出指标"), text("数量指标"), text("第一段\n第二段")],
                vec![merged(), text("质量指标"), Cell::default()],
                vec![text("二、绩效目标")],
            ]
        );
    }

    #[test]
    fn runs_tabs_breaks_and_references_make_the_text() {
        let body = concat!(
            "<w:p><w:r><w:t>项目</w:t><w:tab/><w:t>概况</w:t></w:r>",
            "<w:r><w:br/><w:t>R&amp;D &#x4E2D;</w:t></w:r>",
            "<w:r><w:delText>删除的</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>",
        );
        let book = read(&document(body)).unwrap();
        assert_eq!(book.sheets[0].rows, vec![vec![text("项目\t概况\nR&D 中")]]);
    }

    /// What Word does not show is no part of a value: a hidden run (a `1` before `50%`
    /// made it `150%`), tracked deletions and moves away, whatever holds their text.
    #[test]
    fn hidden_deleted_and_moved_text_is_not_read() {
        let body = concat!(
            "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>1</w:t></w:r><w:r><w:t>50%</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:specVanish/></w:rPr><w:t>9</w:t></w:r><w:r><w:t>8</w:t></w:r></w:p>",
            "<w:p><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>shown</w:t></w:r></w:p>",
            "<w:p><w:del><w:r><w:t>old</w:t></w:r></w:del><w:r><w:t>new</w:t></w:r></w:p>",
            "<w:p><w:moveFrom><w:r><w:t>from</w:t></w:r></w:moveFrom><w:r><w:t>to</w:t></w:r></w:p>",
        );
        let book = read(&document(body)).unwrap();
        let rows = vec![
            vec![text("50%")],
            vec![text("8")],
            vec![text("shown")],
            vec![text("new")],
            vec![text("to")],
        ];
        assert_eq!(book.sheets[0].rows, rows);
    }

    /// A legacy merge across (`w:hMerge`) shows the cell left of it: the cell is empty,
    /// not the value of the cell above, and marked as the left cell's (`across`).
    #[test]
    fn a_merge_across_is_empty_not_carried_down() {
        let table = [
            "<w:tbl><w:tr>",
            &tc("", &p("a")),
            &tc("", &p("1")),
            "</w:tr><w:tr>",
            &tc(r#"<w:hMerge w:val="restart"/>"#, &p("b")),
            &tc("<w:hMerge/>", "<w:p/>"),
            "</w:tr></w:tbl>",
        ]
        .concat();
        let book = read(&document(&table)).unwrap();
        assert_eq!(
            book.sheets[0].rows,
            vec![vec![text("a"), text("1")], vec![text("b"), across()]]
        );
    }

    #[test]
    fn a_text_box_is_read_once() {
        let body = concat!(
            "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\">",
            "<w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent>",
            "</mc:Choice><mc:Fallback>",
            "<w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent>",
            "</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>",
        );
        let book = read(&document(body)).unwrap();
        assert_eq!(
            book.sheets[0].rows,
            vec![vec![text("框")], vec![text("正文")]]
        );
    }

    #[test]
    fn a_nested_table_gives_its_text_to_its_cell() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("", &p("甲")),
            tc("", &p("乙"))
        );
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc("", &p("外")),
            tc("", &format!("{inner}<w:p/>"))
        );
        let book = read(&document(&body)).unwrap();
        assert_eq!(
            book.sheets[0].rows,
            vec![vec![text("外"), text("甲\n乙\n")]]
        );
    }

    #[test]
    fn hostile_spans_and_sizes_are_refused() {
        let body = format!(
            "<w:tbl><w:tr>{}</w:tr></w:tbl>",
            tc(r#"<w:gridSpan w:val="99999999999"/>"#, &p("x"))
        );
        let error = read(&document(&body)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_columns");
        let body = "<w:p><w:t>x</w:t></w:p>".repeat(100_001);
        let error = read(&document(&body)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_rows");
    }

    #[test]
    fn other_files_are_named() {
        let error = read(b"PK\x03\x04 not really").unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt");
        let xlsx = zip_of(&[("xl/workbook.xml", b"<workbook/>")]);
        assert_eq!(
            read(&xlsx).unwrap_err().to_string(),
            "this is not a Word document (.docx): it looks like an Excel workbook (.xlsx)"
        );
        let error = read(&document("<w:p><w:r><w:t>x</w:r></w:p>")).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt");
        let error = read(b"{\\rtf1 hello}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "this is not a Word document (.docx): it looks like an RTF document"
        );
    }
}
