//! `.ods` spreadsheets (LibreOffice, WPS).
//!
//! calamine reads every table of `content.xml` when it opens the file, expanding
//! repeated rows and cells (`table:number-rows-repeated="1000"`) and spaces
//! (`<text:s text:c="…"/>`). So `content.xml` is scanned here first, counting rows
//! and columns as calamine does: a table whose values pass the bounds, or whose text
//! repeated passes [`super::TEXT_LIMIT`], is refused before calamine builds it. The
//! scan also finds what calamine does not give: merged ranges
//! (`table:number-columns-spanned`, `table:number-rows-spanned`) and percentages
//! (`office:value-type="percentage"`).

use std::collections::HashSet;
use std::io::Cursor;

use calamine::{Ods, OdsError, Reader};
use quick_xml::events::{BytesStart, Event};

use super::{
    FORMAT, Region, SheetBuilder, TextBudget, WorkbookKind, add_sheet, damaged, skipped, value_of,
};
use crate::import::archive;
use crate::import::error::ImportError;
use crate::import::grid::Workbook;

/// The `mimetype` of an OpenDocument spreadsheet.
const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Reads an `.ods` spreadsheet.
pub(super) fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let expected = WorkbookKind::Ods.described();
    let mut zip = archive::open(bytes, expected, FORMAT)?;
    let mimetype = archive::read_part(&mut zip, "mimetype", FORMAT)?.unwrap_or_default();
    if mimetype != MIMETYPE {
        let found = if mimetype.starts_with(b"application/vnd.oasis.opendocument.text") {
            "an OpenDocument text (.odt)"
        } else {
            archive::zip_kind(&zip)
        };
        return Err(ImportError::WrongFormat { expected, found });
    }
    let manifest = archive::read_part(&mut zip, "META-INF/manifest.xml", FORMAT)?;
    if manifest.is_some_and(|m| m.windows(15).any(|w| w == b"encryption-data")) {
        return Err(ImportError::Encrypted { format: FORMAT });
    }
    let content = archive::read_part(&mut zip, "content.xml", FORMAT)?
        .ok_or_else(|| damaged("it has no `content.xml`"))?;
    // What calamine builds, counted before it builds it.
    let mut expanded = TextBudget::default();
    let tables = scan(&content, &mut expanded).map_err(|e| e.into_error())?;
    let mut ods = Ods::new(Cursor::new(bytes)).map_err(opening_error)?;
    let mut book = Workbook::default();
    let mut budget = TextBudget::default();
    for sheet in ods.sheets_metadata().to_vec() {
        if let Some(note) = skipped(&sheet.name, sheet.visible) {
            book.notes.push(note);
            continue;
        }
        let scanned = tables.iter().find(|t| t.name == sheet.name);
        let range = ods.worksheet_range(&sheet.name).map_err(damaged)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut builder = SheetBuilder::new(&sheet.name);
        for (row, column, data) in range.used_cells() {
            let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
            let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            let percent = scanned.is_some_and(|t| t.percent.contains(&(row, column)));
            builder.push(row, column, value_of(data, percent), &mut budget)?;
        }
        let merges = scanned.map(|t| t.merges.as_slice()).unwrap_or_default();
        add_sheet(&mut book, builder, merges)?;
    }
    Ok(book)
}

/// The error for a spreadsheet calamine cannot open.
fn opening_error(error: OdsError) -> ImportError {
    match error {
        OdsError::Password => ImportError::Encrypted { format: FORMAT },
        other => damaged(other),
    }
}

/// What the scan of one table found.
#[derive(Debug, Default)]
struct Table {
    name: String,
    /// The cells holding a percentage, 0-based.
    percent: HashSet<(u32, u32)>,
    /// Its merged ranges.
    merges: Vec<Region>,
}

/// Why a scan stopped.
enum ScanError {
    Bound(ImportError),
    Xml(quick_xml::Error),
    Attribute(String),
}

impl ScanError {
    fn into_error(self) -> ImportError {
        match self {
            ScanError::Bound(error) => error,
            ScanError::Xml(error) => damaged(format!("`content.xml` is not XML ({error})")),
            ScanError::Attribute(what) => damaged(format!("`content.xml` has {what}")),
        }
    }
}

impl From<ImportError> for ScanError {
    fn from(error: ImportError) -> ScanError {
        ScanError::Bound(error)
    }
}

impl From<quick_xml::Error> for ScanError {
    fn from(error: quick_xml::Error) -> ScanError {
        ScanError::Xml(error)
    }
}

/// Where the scan is: the table, row and cell it is in.
struct Scan<'b> {
    tables: Vec<Table>,
    table: Option<(Table, SheetBuilder)>,
    row: u64,
    row_repeat: u64,
    column: u64,
    cell: Option<CellScan>,
    budget: &'b mut TextBudget,
}

/// The cell being scanned.
struct CellScan {
    repeat: u64,
    holds_value: bool,
    percent: bool,
    text: u64,
}

/// Scans `content.xml`: bounds and what calamine does not give, table by table.
fn scan(xml: &[u8], budget: &mut TextBudget) -> Result<Vec<Table>, ScanError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    // As calamine reads it: `<a/>` is `<a></a>`.
    reader.config_mut().expand_empty_elements = true;
    let mut scan = Scan {
        tables: Vec::new(),
        table: None,
        row: 0,
        row_repeat: 1,
        column: 0,
        cell: None,
        budget,
    };
    loop {
        match reader.read_event()? {
            Event::Start(e) => scan.start(&e)?,
            Event::End(e) => scan.end(e.name().as_ref())?,
            Event::Text(t) => scan.text(t.len()),
            Event::CData(t) => scan.text(t.len()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(scan.tables)
}

impl Scan<'_> {
    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), ScanError> {
        match e.name().as_ref() {
            "table:table" => {
                let name = attribute(e, "table:name")?.unwrap_or_default();
                let builder = SheetBuilder::new(&name);
                self.table = Some((
                    Table {
                        name,
                        ..Table::default()
                    },
                    builder,
                ));
                self.row = 0;
            }
            "table:table-row" => {
                self.row_repeat = repeat(e, "table:number-rows-repeated")?;
                self.column = 0;
            }
            "table:table-cell" | "table:covered-table-cell" => self.start_cell(e)?,
            "text:s" if self.cell.is_some() => {
                let spaces = attribute(e, "text:c")?;
                let spaces = spaces.map_or(Ok(1), |c| c.parse::<u64>()).map_err(|_| {
                    ScanError::Attribute("a `text:c` that is not a count".to_owned())
                })?;
                self.text_count(spaces);
            }
            _ => {}
        }
        Ok(())
    }

    fn start_cell(&mut self, e: &BytesStart<'_>) -> Result<(), ScanError> {
        let repeat = repeat(e, "table:number-columns-repeated")?;
        let mut cell = CellScan {
            repeat,
            holds_value: false,
            percent: false,
            text: 0,
        };
        for attr in e.attributes() {
            let attr = attr.map_err(|e| ScanError::Xml(e.into()))?;
            let key = attr.key.as_ref();
            // What calamine takes for a value, and copies into the cell.
            if matches!(
                key,
                "office:value"
                    | "office:string-value"
                    | "office:date-value"
                    | "office:time-value"
                    | "office:boolean-value"
                    | "table:formula"
            ) {
                cell.holds_value = true;
                cell.text = cell.text.saturating_add(len(attr.value.len()));
            }
            if key == "office:value-type" {
                cell.holds_value |= attr.value == "string";
                cell.percent = attr.value == "percentage";
            }
        }
        self.merge(e)?;
        self.cell = Some(cell);
        Ok(())
    }

    /// Records the merged range a cell starts.
    fn merge(&mut self, e: &BytesStart<'_>) -> Result<(), ScanError> {
        let columns = span(e, "table:number-columns-spanned")?;
        let rows = span(e, "table:number-rows-spanned")?;
        if columns <= 1 && rows <= 1 {
            return Ok(());
        }
        let Some((table, _)) = &mut self.table else {
            return Ok(());
        };
        let first = (position(self.row), position(self.column));
        let last = (
            position(self.row.saturating_add(rows.saturating_sub(1))),
            position(self.column.saturating_add(columns.saturating_sub(1))),
        );
        table.merges.push(Region {
            start: first,
            end: last,
        });
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ScanError> {
        match name {
            "table:table" => {
                if let Some((table, _)) = self.table.take() {
                    self.tables.push(table);
                }
            }
            "table:table-row" => self.row = self.row.saturating_add(self.row_repeat),
            "table:table-cell" | "table:covered-table-cell" => self.end_cell()?,
            _ => {}
        }
        Ok(())
    }

    /// Checks a cell's extent and repeated text, and notes a percentage.
    fn end_cell(&mut self) -> Result<(), ScanError> {
        let Some(cell) = self.cell.take() else {
            return Ok(());
        };
        let first_column = self.column;
        self.column = self.column.saturating_add(cell.repeat);
        let Some((table, builder)) = &mut self.table else {
            return Ok(());
        };
        if !cell.holds_value {
            return Ok(());
        }
        let rows = self.row.saturating_add(self.row_repeat);
        builder.extend_to(index(rows), index(self.column))?;
        let copies = cell.repeat.saturating_mul(self.row_repeat);
        self.budget
            .charge(index(cell.text.saturating_mul(copies)))?;
        if cell.percent {
            // Within the bounds just checked: at most `MAX_CELLS` positions.
            for row in self.row..rows {
                for column in first_column..self.column {
                    table.percent.insert((position(row), position(column)));
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, bytes: usize) {
        self.text_count(len(bytes));
    }

    fn text_count(&mut self, bytes: u64) {
        if let Some(cell) = &mut self.cell {
            cell.text = cell.text.saturating_add(bytes);
        }
    }
}

/// A length as a count.
fn len(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// A count as an index, saturating.
fn index(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// A 0-based row or column as calamine numbers them, saturating.
fn position(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The text of attribute `key`, unescaped.
fn attribute(e: &BytesStart<'_>, key: &str) -> Result<Option<String>, ScanError> {
    let Some(attr) = e
        .try_get_attribute(key)
        .map_err(|e| ScanError::Xml(e.into()))?
    else {
        return Ok(None);
    };
    let value = attr
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(ScanError::Xml)?
        .into_owned();
    Ok(Some(value))
}

/// A repeat count (`table:number-rows-repeated`): 1 if absent; a positive number.
fn repeat(e: &BytesStart<'_>, key: &str) -> Result<u64, ScanError> {
    let count = span(e, key)?;
    if count == 0 {
        return Err(ScanError::Attribute(format!("a `{key}` of 0")));
    }
    Ok(count)
}

/// A count attribute: 1 if absent.
fn span(e: &BytesStart<'_>, key: &str) -> Result<u64, ScanError> {
    match attribute(e, key)? {
        None => Ok(1),
        Some(text) => text
            .trim()
            .parse()
            .map_err(|_| ScanError::Attribute(format!("a `{key}` that is not a count: `{text}`"))),
    }
}
