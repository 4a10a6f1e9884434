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

use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Ods, OdsError, Reader};
use quick_xml::events::{BytesStart, Event};

use super::{
    FORMAT, Region, SheetBuilder, Shows, TextBudget, WorkbookKind, add_sheet, damaged, damaged_by,
    distinct_names, format::DisplayParts, keep_literals, skipped, value_and_rounded, value_of,
};
use crate::i18n::{self, msg, t};
use crate::import::archive;
use crate::import::error::ImportError;
use crate::import::grid::{CellValue, Rounded, Workbook};

/// The `mimetype` of an OpenDocument spreadsheet.
const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Reads an `.ods` spreadsheet.
pub(super) fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let expected = WorkbookKind::Ods.described();
    let mut zip = archive::open(bytes, expected, FORMAT)?;
    let mimetype = archive::read_part(&mut zip, "mimetype", FORMAT)?.unwrap_or_default();
    if mimetype != MIMETYPE {
        let found = if mimetype.starts_with(b"application/vnd.oasis.opendocument.text") {
            msg!(KIND_ODT)
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
        .ok_or_else(|| damaged(t!(IMPORT_NO_PART, part = "content.xml")))?;
    // What calamine builds, counted before it builds it.
    let mut expanded = TextBudget::default();
    let tables = scan(&content, &mut expanded).map_err(|e| e.into_error())?;
    let mut ods = Ods::new(Cursor::new(bytes)).map_err(opening_error)?;
    let mut book = Workbook::default();
    let mut budget = TextBudget::default();
    let sheets = ods.sheets_metadata().to_vec();
    distinct_names(&sheets)?;
    for sheet in sheets {
        if let Some(note) = skipped(&sheet.name, sheet.visible) {
            book.notes.push(note);
            continue;
        }
        let scanned = tables.iter().find(|t| t.name == sheet.name);
        let range = ods.worksheet_range(&sheet.name).map_err(damaged_by)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut builder = SheetBuilder::new(&sheet.name);
        for (row, column, data) in range.used_cells() {
            let row = top.saturating_add(u32::try_from(row).unwrap_or(u32::MAX));
            let column = left.saturating_add(u32::try_from(column).unwrap_or(u32::MAX));
            let percent = scanned.is_some_and(|t| t.percent.contains(&(row, column)));
            let display = scanned.and_then(|t| t.shown.get(&(row, column)));
            let value = match display.and_then(|d| as_displayed(data, d)) {
                Some((value, rounded)) => {
                    if let Some(rounded) = rounded {
                        builder.rounding(row, column, rounded, &mut budget)?;
                    }
                    value
                }
                None => value_of(data, &Shows::percent(percent)),
            };
            builder.push(row, column, value, &mut budget)?;
        }
        let formulas = ods.worksheet_formula(&sheet.name).map_err(damaged_by)?;
        keep_literals(&formulas, Some(&range), &mut builder, &mut budget)?;
        let merges = scanned.map(|t| t.merges.as_slice()).unwrap_or_default();
        let read = book.sheets.len();
        add_sheet(&mut book, builder, merges)?;
        if let (Some(sheet), Some(table)) = (book.sheets.get_mut(read), scanned) {
            sheet.hidden_rows = within(&table.hidden_rows, sheet.rows.len());
            let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
            sheet.hide_columns(&within(&table.hidden_columns, width));
        }
    }
    Ok(book)
}

/// A number cell read as the `.xlsx` reader reads one with a number format (see
/// `workbook::value_and_rounded`), the format being what the cell's text shows: the
/// number and, where it shows it rounded, as it shows it (a formula's `0.9397…` under
/// `0%`, `94%`), or the text around it (8 shown `≤8小时`, which read as 8 would make a
/// lower-is-better target higher-is-better). `None` where reading it so does not give
/// what the cell shows: it is read as stored.
fn as_displayed(data: &Data, display: &str) -> Option<(CellValue, Option<Rounded>)> {
    if !matches!(data, Data::Float(f) if *f >= 0.0) {
        return None;
    }
    let shows = Shows::from_display(display)?;
    let (value, rounded) = value_and_rounded(data, &shows);
    let shown = rounded
        .as_ref()
        .map_or_else(|| value.shown(), |r| r.value.shown());
    DisplayParts::same(&shown, display).then_some((value, rounded))
}

/// The places of `ranges` below `len` (rows among a sheet's rows, columns within its
/// width), each once. The ranges follow one another (each declaration starts where the
/// last ended), so this is one pass over them and `len`, however many a hostile file
/// declares.
fn within(ranges: &[std::ops::Range<u64>], len: usize) -> BTreeSet<usize> {
    let len = u64::try_from(len).unwrap_or(u64::MAX);
    (ranges.iter())
        .flat_map(|range| range.start.min(len)..range.end.min(len))
        .filter_map(|r| usize::try_from(r).ok())
        .collect()
}

/// The error for a spreadsheet calamine cannot open.
fn opening_error(error: OdsError) -> ImportError {
    match error {
        OdsError::Password => ImportError::Encrypted { format: FORMAT },
        other => damaged_by(other),
    }
}

/// What the scan of one table found.
#[derive(Debug, Default)]
struct Table {
    name: String,
    /// The cells holding a percentage, 0-based.
    percent: HashSet<(u32, u32)>,
    /// What the cells holding a number show (`<text:p>`), where it is short and the
    /// cell not repeated, 0-based.
    shown: HashMap<(u32, u32), String>,
    /// Its merged ranges.
    merges: Vec<Region>,
    /// The rows it hides (`table:visibility` `collapse` or `filter`), as 0-based
    /// ranges, one per `<table:table-row>`: a repeated row's range is as long as its
    /// repeat, however long.
    hidden_rows: Vec<std::ops::Range<u64>>,
    /// The columns it hides (`<table:table-column table:visibility="collapse">`), as
    /// 0-based ranges.
    hidden_columns: Vec<std::ops::Range<u64>>,
    /// The columns its `<table:table-column>` elements have declared so far.
    columns_declared: u64,
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
            ScanError::Xml(error) => damaged(t!(
                IMPORT_NOT_XML,
                part = "content.xml",
                error = i18n::foreign(&error)
            )),
            ScanError::Attribute(what) => damaged(t!(IMPORT_PART_HAS, part = "content.xml", what)),
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
    /// What a number cell shows, while it is short enough to keep ([`SHOWN_LIMIT`]).
    shown: Option<String>,
}

/// The longest text shown by a number cell that is kept: a number and a few words.
const SHOWN_LIMIT: usize = 64;

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
            Event::Text(t) => {
                scan.text(t.len());
                scan.shown(&t);
            }
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
                let visibility = attribute(e, "table:visibility")?;
                if matches!(visibility.as_deref(), Some("collapse" | "filter"))
                    && let Some((table, _)) = &mut self.table
                {
                    let end = self.row.saturating_add(self.row_repeat);
                    table.hidden_rows.push(self.row..end);
                }
            }
            "table:table-column" => self.declare_column(e)?,
            "table:table-cell" | "table:covered-table-cell" => self.start_cell(e)?,
            "text:s" if self.cell.is_some() => {
                let spaces = attribute(e, "text:c")?;
                let spaces = spaces
                    .map_or(Ok(1), |c| c.parse::<u64>())
                    .map_err(|_| ScanError::Attribute(t!(IMPORT_TEXT_C_NOT_A_COUNT)))?;
                self.text_count(spaces);
            }
            _ => {}
        }
        Ok(())
    }

    /// Counts a `<table:table-column>` (repeated or not) and notes it where it is hidden.
    fn declare_column(&mut self, e: &BytesStart<'_>) -> Result<(), ScanError> {
        let repeat = repeat(e, "table:number-columns-repeated")?;
        let visibility = attribute(e, "table:visibility")?;
        if let Some((table, _)) = &mut self.table {
            let start = table.columns_declared;
            table.columns_declared = start.saturating_add(repeat);
            if matches!(visibility.as_deref(), Some("collapse" | "filter")) {
                table.hidden_columns.push(start..table.columns_declared);
            }
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
            shown: None,
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
                if matches!(attr.value.as_ref(), "float" | "percentage" | "currency") {
                    cell.shown = Some(String::new());
                }
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
        if let Some(shown) = cell.shown.filter(|s| !s.is_empty() && copies == 1) {
            self.budget.charge(shown.len())?;
            (table.shown).insert((position(self.row), position(first_column)), shown);
        }
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

    /// Keeps what a number cell shows, while it stays short.
    fn shown(&mut self, text: &quick_xml::events::BytesText<'_>) {
        let Some(shown) = self.cell.as_mut().and_then(|c| c.shown.as_mut()) else {
            return;
        };
        // An entity (`&lt;`) comes as an event of its own, which leaves the text short
        // of what the cell shows: then it is read as stored.
        let text: &str = text.as_ref();
        match (shown.len() + text.len() <= SHOWN_LIMIT).then_some(text) {
            Some(t) => shown.push_str(t),
            // Too long: read as stored.
            None => {
                if let Some(cell) = &mut self.cell {
                    cell.shown = None;
                }
            }
        }
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
            .map_err(|_| ScanError::Attribute(t!(IMPORT_NOT_A_COUNT, key, text))),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use jiff::civil::Date;

    use super::*;
    use crate::import::archive::tests::zip_of;
    use crate::import::grid::{Cell, CellValue};
    use crate::import::workbook::{WorkbookKind, read as read_workbook};

    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;

    /// A hand-written `.ods` whose `office:spreadsheet` holds `tables`.
    fn ods(tables: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"><office:automatic-styles><style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
        );
        zip_of(&[
            ("mimetype", MIMETYPE),
            ("META-INF/manifest.xml", MANIFEST.as_bytes()),
            ("content.xml", content.as_bytes()),
        ])
    }

    fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
        read_workbook(bytes, WorkbookKind::Ods)
    }

    /// A number cell is read as what it shows, as `.xlsx` reads a cell with its number
    /// format: a formula's percentage to the decimals shown (0.9397… under `0%` is 94%:
    /// it was 93.9703518%, and 预算执行率 scored 5.59 for 5.60), the text around a number
    /// (8 shown `≤8小时` is `≤8小时`: it was 8, a lower-is-better target read as
    /// higher-is-better), with the decimals and grouping it shows (`≤8.00小时`,
    /// `≤1,200元`). A typed number keeps its digits; what reading off the shown text would
    /// not give back (a negative number, an exponent) is read as stored.
    #[test]
    fn a_number_is_read_as_it_shows() {
        let cell = |value_type: &str, value: &str, shown: &str, formula: &str| {
            format!(
                r#"<table:table-cell {formula} office:value-type="{value_type}" office:value="{value}"><text:p>{shown}</text:p></table:table-cell>"#
            )
        };
        let formula = r#"table:formula="of:=[.A2]/[.B2]""#;
        let row = [
            cell("percentage", "0.939703518", "94%", formula),
            cell("float", "8", "≤8小时", ""),
            cell("float", "8.4", "8.4小时", ""),
            cell("percentage", "0.9397", "94%", ""),
            cell("float", "1679.7", "1,679.70", ""),
            cell("float", "7.328", "7.33", formula),
            // More decimals shown than stored, digits grouped: the same number.
            cell("float", "8", "≤8.00小时", ""),
            cell("float", "1200", "≤1,200元", ""),
        ]
        .concat();
        let book = read(&ods(&format!(
            r#"<table:table table:name="表"><table:table-row>{row}</table:table-row></table:table>"#
        )))
        .unwrap();
        let cells = &book.sheets[0].rows[0];
        let as_read = |c: usize| {
            let cell = &cells[c];
            cell.rounded
                .as_ref()
                .map_or(&cell.value, |r| &r.value)
                .clone()
        };
        assert_eq!(as_read(0), CellValue::Text("94%".into()));
        let formatted = |shown: &str, number: &str| CellValue::Formatted {
            shown: shown.into(),
            number: number.into(),
        };
        assert_eq!(as_read(1), formatted("≤8小时", "8"));
        assert_eq!(as_read(2), formatted("8.4小时", "8.4"));
        // Typed: as typed, whatever it shows.
        assert_eq!(as_read(3), CellValue::Text("93.97%".into()));
        assert_eq!(as_read(4), CellValue::Number("1679.7".into()));
        assert_eq!(as_read(5), CellValue::Number("7.33".into()));
        assert_eq!(as_read(6), formatted("≤8小时", "8"));
        assert_eq!(as_read(7), formatted("≤1200元", "1200"));
    }

    /// Rows LibreOffice hides (`collapse`) or filters out (`filter`) are read and marked,
    /// a repeated row's every copy among the sheet's rows; rows hidden past the sheet's
    /// last value (a million empty ones) mark nothing.
    #[test]
    fn collapsed_and_filtered_rows_are_marked_hidden() {
        let row = |visibility: &str, repeat: u32, value: &str| {
            format!(
                r#"<table:table-row table:visibility="{visibility}" table:number-rows-repeated="{repeat}">{}</table:table-row>"#,
                s(value)
            )
        };
        let rows = [
            row("visible", 1, "甲"),
            row("collapse", 2, "乙"),
            row("visible", 1, "丙"),
            row("filter", 1, "丁"),
            r#"<table:table-row table:visibility="collapse" table:number-rows-repeated="1000000"><table:table-cell/></table:table-row>"#.to_owned(),
        ]
        .concat();
        let book = read(&ods(&format!(
            r#"<table:table table:name="表">{rows}</table:table>"#
        )))
        .unwrap();
        let sheet = &book.sheets[0];
        assert_eq!(sheet.rows.len(), 5);
        assert_eq!(sheet.rows[2], [text("乙")], "read all the same");
        assert_eq!(sheet.hidden_rows, BTreeSet::from([1, 2, 4]));
    }

    /// A column LibreOffice hides (`table:visibility="collapse"` on its
    /// `<table:table-column>`, counted through repeated declarations) marks its cells.
    #[test]
    fn collapsed_columns_are_marked_hidden() {
        let columns = concat!(
            r#"<table:table-column table:number-columns-repeated="2"/>"#,
            r#"<table:table-column table:visibility="collapse"/>"#,
            r#"<table:table-column table:number-columns-repeated="1021"/>"#,
        );
        let row = format!(
            "<table:table-row>{}{}{}{}</table:table-row>",
            s("甲"),
            s("乙"),
            s("丙"),
            s("丁")
        );
        let book = read(&ods(&format!(
            r#"<table:table table:name="表">{columns}{row}</table:table>"#
        )))
        .unwrap();
        let hidden: Vec<bool> = book.sheets[0].rows[0].iter().map(|c| c.hidden).collect();
        assert_eq!(hidden, [false, false, true, false]);
        assert_eq!(
            book.sheets[0].rows[0][2].value,
            CellValue::Text("丙".into())
        );
    }

    fn s(text: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
        )
    }

    const EMPTY: &str = "<table:table-cell/>";

    fn text(t: &str) -> Cell {
        Cell::text(t)
    }

    fn merged() -> Cell {
        Cell {
            merged: true,
            ..Cell::default()
        }
    }

    #[test]
    fn a_literal_formula_is_kept_and_no_other() {
        let table = [
            r#"<table:table table:name="表" table:style-name="ta1"><table:table-row>"#,
            r#"<table:table-cell office:value-type="float" office:value="1" table:formula="of:=100%"/>"#,
            r#"<table:table-cell office:value-type="float" office:value="2" table:formula="of:=1+1"/>"#,
            "</table:table-row></table:table>",
        ]
        .concat();
        let book = read(&ods(&table)).unwrap();
        let row = &book.sheets[0].rows[0];
        assert_eq!(row[0].literal_formula(), Some("100%"));
        assert_eq!(row[0].shown(), "=100%");
        assert_eq!(row[1].formula, None);
        assert_eq!(row[1].shown(), "2");
    }

    /// A formula with no `office:value` (written by a program that does not calculate)
    /// is unknown, kept as its formula, not read as a blank cell; one with a value is
    /// its value.
    #[test]
    fn a_formula_with_no_stored_result_is_kept() {
        let table = [
            r#"<table:table table:name="表" table:style-name="ta1"><table:table-row>"#,
            r#"<table:table-cell table:formula="of:=[.A2]*2"/>"#,
            r#"<table:table-cell office:value-type="float" office:value="2" table:formula="of:=1+1"/>"#,
            "</table:table-row></table:table>",
        ]
        .concat();
        let book = read(&ods(&table)).unwrap();
        let row = &book.sheets[0].rows[0];
        assert_eq!(row[0].formula.as_deref(), Some("[.A2]*2"));
        assert_eq!(row[1].formula, None);
        assert_eq!(row[1].shown(), "2");
    }

    #[test]
    fn a_form_spreadsheet_reads_cell_for_cell() {
        let form = [
            r#"<table:table table:name="自评表" table:style-name="ta1">"#,
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="5"/></table:table-row>"#,
            "<table:table-row>",
            &s("项目名称"),
            &s("电子<text:s text:c=\"2\"/>政务"),
            "</table:table-row><table:table-row>",
            r#"<table:table-cell office:value-type="float" office:value="121.56"/>"#,
            r#"<table:table-cell office:value-type="percentage" office:value="0.955"/>"#,
            r#"<table:table-cell office:value-type="date" office:date-value="2023-12-31"/>"#,
            r#"<table:table-cell office:value-type="boolean" office:boolean-value="true"/>"#,
            r#"<table:table-cell office:value-type="float" office:value="2023" table:formula="of:=2000+23"/>"#,
            "</table:table-row><table:table-row>",
            EMPTY,
            r#"<table:table-cell table:number-rows-spanned="3" office:value-type="string"><text:p>产出指标</text:p></table:table-cell>"#,
            &s("数量指标"),
            "</table:table-row>",
            r#"<table:table-row table:number-rows-repeated="2">"#,
            EMPTY,
            "<table:covered-table-cell/>",
            &s("质量指标"),
            "</table:table-row>",
            r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
            "</table:table>",
            r#"<table:table table:name="说明" table:style-name="ta2"><table:table-row>"#,
            &s("hidden"),
            "</table:table-row></table:table>",
            r#"<table:table table:name="空"><table:table-row><table:table-cell/></table:table-row></table:table>"#,
        ]
        .concat();
        let book = read(&ods(&form)).unwrap();
        assert_eq!(
            book.notes,
            [
                "sheet `说明` is hidden, skipped",
                "sheet `空` is empty, skipped"
            ]
        );
        assert_eq!(book.sheets.len(), 1);
        let sheet = &book.sheets[0];
        assert_eq!(sheet.name, "自评表");
        let day = Date::new(2023, 12, 31).unwrap();
        assert_eq!(
            sheet.rows,
            vec![
                vec![],
                vec![],
                vec![text("项目名称"), text("电子  政务")],
                vec![
                    Cell::new(CellValue::Number("121.56".into())),
                    text("95.5%"),
                    Cell::new(CellValue::Date(day)),
                    Cell::new(CellValue::Bool(true)),
                    Cell::new(CellValue::Number("2023".into())),
                ],
                vec![Cell::default(), text("产出指标"), text("数量指标")],
                vec![Cell::default(), merged(), text("质量指标")],
                vec![Cell::default(), merged(), text("质量指标")],
            ]
        );
    }

    fn table(rows: &str) -> Vec<u8> {
        ods(&format!(
            r#"<table:table table:name="t">{rows}</table:table>"#
        ))
    }

    #[test]
    fn repeats_past_the_bounds_are_refused_before_calamine_expands_them() {
        let wide = r#"<table:table-row><table:table-cell table:number-columns-repeated="16000" office:value-type="float" office:value="1"/></table:table-row>"#;
        let error = read(&table(wide)).unwrap_err();
        assert_eq!(
            error.code(),
            "perfeval::import::too_many_columns",
            "{error}"
        );
        let tall = format!(
            r#"<table:table-row table:number-rows-repeated="1000000">{}</table:table-row>"#,
            s("x")
        );
        let error = read(&table(&tall)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_rows", "{error}");
        let spaces = r#"<table:table-row><table:table-cell office:value-type="string"><text:p><text:s text:c="4000000000"/></text:p></table:table-cell></table:table-row>"#;
        let error = read(&table(spaces)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_large", "{error}");
        let long = "长".repeat(30_000);
        let repeated = format!(
            r#"<table:table-row table:number-rows-repeated="3000"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        );
        let error = read(&table(&repeated)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_cells", "{error}");
        let repeated = format!(
            r#"<table:table-row table:number-rows-repeated="10"><table:table-cell table:number-columns-repeated="100" office:value-type="string"><text:p>{long}</text:p></table:table-cell></table:table-row>"#
        );
        let error = read(&table(&repeated)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_large", "{error}");
        let zero = r#"<table:table-row table:number-rows-repeated="0"><table:table-cell/></table:table-row>"#;
        let error = read(&table(zero)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt", "{error}");
    }

    #[test]
    fn other_files_are_named() {
        let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert_eq!(
            read(&odt).unwrap_err().to_string(),
            "this is not an OpenDocument spreadsheet (.ods): it looks like an OpenDocument text (.odt)"
        );
        let manifest = MANIFEST.replace(
            "</manifest:manifest>",
            "<manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
        );
        let encrypted = zip_of(&[
            ("mimetype", MIMETYPE),
            ("META-INF/manifest.xml", manifest.as_bytes()),
            ("content.xml", b"\x01\x02 encrypted bytes"),
        ]);
        assert_eq!(
            read(&encrypted).unwrap_err().code(),
            "perfeval::import::encrypted"
        );
        let broken = table(
            "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>x</table:table-cell>",
        );
        assert_eq!(
            read(&broken).unwrap_err().code(),
            "perfeval::import::corrupt"
        );
    }
}
