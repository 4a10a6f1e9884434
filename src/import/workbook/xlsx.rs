//! `.xlsx` and `.xlsm` workbooks.
//!
//! calamine streams each sheet's cells with their style, so cells are bounded as they
//! come. What calamine builds when it opens a workbook is bounded before it opens
//! it: the archive's unpacked size ([`archive::open`]), the shared strings (a list
//! entry per `<si>`) and the styles (one style per `<xf>`, each a copy of its font,
//! fill and border: a large font and many `<xf>` would multiply).

mod cells;
mod hidden;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, DataRef, Reader, SheetType, Xlsx, XlsxError, XlsxFormulaMetadata};
use quick_xml::events::Event;

use super::{
    FORMAT, Region, SheetBuilder, Shows, TEXT_LIMIT, TextBudget, WorkbookKind, add_sheet, damaged,
    damaged_by, distinct_names, skipped, value_and_rounded,
};
use crate::i18n::{self, t};
use crate::import::archive::{self, Zip};
use crate::import::error::ImportError;
use crate::import::grid::{CellValue, Workbook, is_literal};

/// What calamine keeps per shared string or per style beyond its text, in bytes
/// (a generous bound).
const ENTRY_COST: u64 = 256;

/// Reads an `.xlsx` or `.xlsm` workbook.
pub(super) fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
    let expected = WorkbookKind::Xlsx.described();
    let mut zip = archive::open(bytes, expected, FORMAT)?;
    let found = archive::zip_kind(&zip);
    if found != expected {
        return Err(ImportError::WrongFormat { expected, found });
    }
    check_parts(&mut zip)?;
    let parts = hidden::sheet_parts(&mut zip);
    if shares_a_part(&parts) {
        // Each sheet read once: sheets sharing a part would multiply every bound of
        // one sheet by their number.
        return Err(damaged(t!(IMPORT_SHEETS_SHARE_DATA)));
    }
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(opening_error)?;
    let mut book = Workbook::default();
    let mut budget = TextBudget::default();
    let sheets = workbook.sheets_metadata().to_vec();
    distinct_names(&sheets)?;
    for sheet in sheets {
        if let Some(note) = skipped(&sheet.name, sheet.visible) {
            book.notes.push(note);
            continue;
        }
        if sheet.typ != SheetType::WorkSheet {
            book.notes
                .push(t!(IMPORT_NOTE_NOT_WORKSHEET, name = sheet.name));
            continue;
        }
        let hidden = match parts.get(&sheet.name) {
            Some(part) => hidden::scan(&mut zip, part, &sheet.name)?,
            None => hidden::Hidden::default(),
        };
        let builder = read_cells(&mut workbook, &sheet.name, &mut budget)?;
        let merges: Vec<Region> = workbook
            .merge_cells_by_sheet_name(&sheet.name)
            .map_err(damaged_by)?
            .into_iter()
            .map(Region::from)
            .collect();
        let read = book.sheets.len();
        add_sheet(&mut book, builder, &merges)?;
        if let Some(sheet) = book.sheets.get_mut(read) {
            sheet.hide_columns(&hidden.columns);
            sheet.hide_rows(&hidden.rows);
        }
    }
    Ok(book)
}

/// Whether two sheets name the same part (`worksheets/sheet1.xml` and
/// `/xl/worksheets/./sheet1.xml` alike).
fn shares_a_part(parts: &HashMap<String, String>) -> bool {
    let mut seen = std::collections::HashSet::new();
    parts.values().any(|part| !seen.insert(normal_part(part)))
}

/// A part's path with its `.` and `..` steps taken, in lower case (the reader finds
/// `worksheets/Sheet1.xml` as `worksheets/sheet1.xml`).
fn normal_part(part: &str) -> String {
    let mut steps: Vec<&str> = Vec::new();
    for step in part.split('/') {
        match step {
            "" | "." => {}
            ".." => {
                steps.pop();
            }
            step => steps.push(step),
        }
    }
    steps.join("/").to_lowercase()
}

/// The error for a workbook calamine cannot open.
fn opening_error(error: XlsxError) -> ImportError {
    match error {
        XlsxError::Password => ImportError::Encrypted { format: FORMAT },
        other => damaged_by(other),
    }
}

/// The cells of the sheet `name`.
fn read_cells(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    budget: &mut TextBudget,
) -> Result<SheetBuilder, ImportError> {
    let mut builder = SheetBuilder::new(name);
    read_values(workbook, name, &mut builder, budget)?;
    keep_formulas(workbook, name, &mut builder, budget)?;
    Ok(builder)
}

/// Adds the values of the sheet `name`, each read with its number format (a
/// percentage, text around the number), each style's format read once.
fn read_values(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    builder: &mut SheetBuilder,
    budget: &mut TextBudget,
) -> Result<(), ImportError> {
    let mut cells = workbook.worksheet_cells_reader(name).map_err(damaged_by)?;
    let mut formats: HashMap<usize, Shows> = HashMap::new();
    while let Some((cell, style)) = cells.next_cell_with_style_id().map_err(damaged_by)? {
        let shows = formats.entry(style).or_insert_with(|| {
            cells
                .styles()
                .get(style)
                .and_then(|s| s.number_format.as_ref())
                .map_or_else(Shows::default, |f| Shows::of(&f.format_code))
        });
        let (row, column) = cell.get_position();
        let value = match cell.get_value() {
            // A shared string is borrowed: copy it once, not through `Data`.
            DataRef::SharedString(text) => {
                CellValue::Text(shows.text_shown(text).unwrap_or_else(|| (*text).to_owned()))
            }
            other => {
                let (value, rounded) = value_and_rounded(&Data::from(other.clone()), shows);
                if let Some(shown) = rounded {
                    builder.rounding(row, column, shown, budget)?;
                }
                value
            }
        };
        builder.push(row, column, value, budget)?;
    }
    Ok(())
}

/// Keeps the formulas of the sheet `name` that matter (see [`Cell::formula`]): those
/// the file holds no result of (`<f>B7*C7</f>` with no `<v>`, as programs that do not
/// calculate write them), and literals (`=100%`), whatever their result. A second
/// pass, since calamine gives a cell's style and its formula in different readers.
/// Shared formulas are not expanded (a hostile anchor could be copied into every
/// cell): a cell that shares another's formula keeps an empty one, unless that formula
/// is a literal (`=100%` filled down a column): a literal reads no other cell, so each
/// cell sharing it holds the same text, and is read as typed as the anchor is.
///
/// [`Cell::formula`]: crate::import::grid::Cell::formula
fn keep_formulas(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
    builder: &mut SheetBuilder,
    budget: &mut TextBudget,
) -> Result<(), ImportError> {
    let mut cells = workbook.worksheet_cells_reader(name).map_err(damaged_by)?;
    // Each shared literal by its index: a few short texts, each charged to the budget
    // again in every cell that shares it.
    let mut literals: HashMap<usize, String> = HashMap::new();
    while let Some(record) = cells
        .next_cell_with_formula_metadata()
        .map_err(damaged_by)?
    {
        let Some(formula) = record.formula else {
            continue;
        };
        let text = match formula {
            XlsxFormulaMetadata::Normal { formula } => formula,
            XlsxFormulaMetadata::Shared {
                formula,
                shared_index,
                ..
            } => {
                if is_literal(&formula) {
                    literals.insert(shared_index, formula.clone());
                }
                formula
            }
            XlsxFormulaMetadata::SharedDerived { shared_index } => {
                literals.get(&shared_index).cloned().unwrap_or_default()
            }
            _ => String::new(),
        };
        let (row, column) = record.pos;
        if matches!(record.value, DataRef::Empty) || is_literal(&text) {
            builder.formula(row, column, text, budget)?;
        } else {
            builder.computed(row, column);
        }
    }
    Ok(())
}

/// Bounds what calamine builds from the shared strings and the styles: every part so
/// named, in any folder (calamine finds them beside the workbook's part, which the
/// package's relationships may put anywhere, not only in `xl/`).
fn check_parts(zip: &mut Zip<'_>) -> Result<(), ImportError> {
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect();
    for name in names {
        let lower = name.to_ascii_lowercase();
        if lower.ends_with("sharedstrings.xml") {
            let xml = archive::read_part(zip, &name, FORMAT)?.unwrap_or_default();
            check_cost(&name, &t!(IMPORT_SHARED_STRINGS), strings_cost(&xml))?;
        } else if lower.ends_with("styles.xml") {
            let xml = archive::read_part(zip, &name, FORMAT)?.unwrap_or_default();
            check_cost(&name, &t!(IMPORT_STYLES), styles_cost(&xml))?;
        }
    }
    Ok(())
}

/// Refuses a part whose cost passes [`TEXT_LIMIT`].
fn check_cost(
    part: &str,
    what: &str,
    cost: Result<u64, quick_xml::Error>,
) -> Result<(), ImportError> {
    let cost = cost.map_err(|e| damaged(t!(IMPORT_NOT_XML, part, error = i18n::foreign(&e))))?;
    if cost > TEXT_LIMIT.0 {
        return Err(ImportError::TooLarge {
            what: t!(IMPORT_ONCE_READ, what),
            limit: TEXT_LIMIT,
        });
    }
    Ok(())
}

/// What calamine keeps for the shared strings: an entry per `<si>`, and their text
/// (at most the part's size).
fn strings_cost(xml: &[u8]) -> Result<u64, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut entries: u64 = 0;
    loop {
        match reader.read_event()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "si" => {
                entries = entries.saturating_add(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let text = u64::try_from(xml.len()).unwrap_or(u64::MAX);
    Ok(entries.saturating_mul(ENTRY_COST).saturating_add(text))
}

/// What calamine keeps for the styles: per `<xf>`, a copy of a font, a fill and a
/// border, each at most the largest of them as written, and a copy of its number
/// format's code, at most the longest written (a 7 KB workbook of one 2 MB format and
/// 20,000 `<xf>` would otherwise take 40 GB).
fn styles_cost(xml: &[u8]) -> Result<u64, quick_xml::Error> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut formats: u64 = 0;
    let mut largest: u64 = 0;
    let mut longest_code: u64 = 0;
    let mut opened: u64 = 0;
    loop {
        let before = reader.buffer_position();
        match reader.read_event()? {
            Event::Start(e) if is_style_part(e.local_name().as_ref()) => opened = before,
            Event::End(e) if is_style_part(e.local_name().as_ref()) => {
                largest = largest.max(reader.buffer_position().saturating_sub(opened));
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "xf" => {
                formats = formats.saturating_add(1);
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "numFmt" => {
                // The element as written bounds its code (entities only shorten it).
                let written = reader.buffer_position().saturating_sub(before);
                longest_code = longest_code.max(written);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let per_format = largest
        .saturating_mul(3)
        .saturating_add(longest_code)
        .saturating_add(ENTRY_COST);
    Ok(formats.saturating_mul(per_format))
}

/// The elements of `styles.xml` that each `<xf>` copies.
fn is_style_part(name: &str) -> bool {
    matches!(name, "font" | "fill" | "border")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::io::Write;

    use jiff::civil::Date;
    use rust_xlsxwriter::{Format, Workbook as XlsxBook};

    use super::*;
    use crate::import::archive::tests::{declare_size, zip_of};
    use crate::import::grid::{Cell, Sheet};
    use crate::import::workbook::read as read_workbook;

    #[test]
    fn sheets_naming_one_part_in_other_words_share_it() {
        let parts = |targets: &[&str]| -> HashMap<String, String> {
            targets
                .iter()
                .enumerate()
                .map(|(i, t)| (format!("s{i}"), (*t).to_owned()))
                .collect()
        };
        assert!(!shares_a_part(&parts(&[
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml"
        ])));
        assert!(shares_a_part(&parts(&[
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/./sheet1.xml"
        ])));
        assert!(shares_a_part(&parts(&[
            "xl/worksheets/sheet1.xml",
            "xl/charts/../worksheets//sheet1.xml"
        ])));
        assert!(shares_a_part(&parts(&[
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/Sheet1.xml"
        ])));
    }

    fn read(bytes: &[u8]) -> Result<Workbook, ImportError> {
        read_workbook(bytes, WorkbookKind::Xlsx)
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

    /// A self-evaluation form in two sheets, a hidden sheet between them, and an
    /// empty one.
    fn form_workbook() -> Vec<u8> {
        let mut book = XlsxBook::new();
        let percent = Format::new().set_num_format("0%");
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let sheet = book.add_worksheet().set_name("自评表").unwrap();
        sheet.write_string(0, 0, "项目名称").unwrap();
        sheet.write_string(0, 1, "电子政务").unwrap();
        sheet.write_string(1, 0, "年初预算数").unwrap();
        sheet.write_number(1, 1, 121.56).unwrap();
        sheet.write_number(1, 2, 1679.7).unwrap();
        sheet.write_number(1, 3, 2023).unwrap();
        sheet.write_number(1, 4, 0.1).unwrap();
        sheet.write_string(1, 5, "2023").unwrap();
        sheet
            .merge_range(2, 1, 4, 1, "产出指标", &Format::new())
            .unwrap();
        sheet.write_string(2, 2, "数量指标").unwrap();
        sheet
            .write_number_with_format(3, 2, 0.95, &percent)
            .unwrap();
        sheet.write_string(4, 2, "质量指标").unwrap();
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 12, 31).unwrap();
        sheet.write_datetime_with_format(5, 0, &day, &date).unwrap();
        sheet.write_boolean(5, 1, true).unwrap();
        sheet.write_formula(5, 2, "=1/0").unwrap();
        let hidden = book.add_worksheet().set_name("说明").unwrap();
        hidden.write_string(0, 0, "hidden").unwrap();
        hidden.set_hidden(true);
        let second = book.add_worksheet().set_name("指标").unwrap();
        second.write_string(3, 2, "满意度").unwrap();
        second.write_number(4, 3, 98).unwrap();
        book.add_worksheet().set_name("空").unwrap();
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_form_workbook_reads_cell_for_cell() {
        let book = read(&form_workbook()).unwrap();
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
        assert_eq!(form.rows[0], [text("项目名称"), text("电子政务")]);
        assert_eq!(
            form.rows[1],
            [
                text("年初预算数"),
                number("121.56"),
                number("1679.7"),
                number("2023"),
                number("0.1"),
                text("2023"),
            ]
        );
        assert_eq!(
            form.rows[2],
            [Cell::default(), text("产出指标"), text("数量指标")]
        );
        assert_eq!(form.rows[3], [Cell::default(), merged(), text("95%")]);
        assert_eq!(form.rows[4], [Cell::default(), merged(), text("质量指标")]);
        let day = Date::new(2023, 12, 31).unwrap();
        assert_eq!(
            form.rows[5],
            [
                Cell::new(CellValue::Date(day)),
                Cell::new(CellValue::Bool(true)),
                // A formula's cached value; rust_xlsxwriter stores none but 0.
                number("0"),
            ]
        );
        assert!(form.rows.iter().flatten().all(|c| c.at.is_none()));
        assert_eq!(form.text, None);
    }

    #[test]
    fn hidden_rows_and_columns_are_marked() {
        let mut book = XlsxBook::new();
        let sheet = book.add_worksheet().set_name("自评表").unwrap();
        for row in 0..6 {
            sheet.write_string(row, 0, "值").unwrap();
        }
        sheet.write_string(0, 2, "隐藏列").unwrap();
        for row in [2, 3, 5, 9] {
            sheet.set_row_hidden(row).unwrap();
        }
        sheet.set_column_hidden(2).unwrap();
        sheet.set_column_hidden(4).unwrap();
        let book = read(&book.save_to_buffer().unwrap()).unwrap();
        assert_eq!(book.notes, Vec::<String>::new(), "the report names them");
        let sheet = &book.sheets[0];
        assert_eq!(sheet.rows[2], [text("值")], "read all the same");
        // Rows 3–4 and 6 are the sheet's; row 10 holds nothing.
        assert_eq!(sheet.hidden_rows, BTreeSet::from([2, 3, 5]));
        assert!(sheet.rows[0][2].hidden && !sheet.rows[0][0].hidden);
    }

    #[test]
    fn a_sheet_that_starts_at_c4_is_laid_out_from_a1() {
        let book = read(&form_workbook()).unwrap();
        let second = &book.sheets[1];
        assert_eq!(
            *second,
            Sheet {
                name: "指标".into(),
                rows: vec![
                    vec![],
                    vec![],
                    vec![],
                    vec![Cell::default(), Cell::default(), text("满意度")],
                    vec![
                        Cell::default(),
                        Cell::default(),
                        Cell::default(),
                        number("98")
                    ],
                ],
                text: None,
                hidden_rows: BTreeSet::new(),
            }
        );
    }

    /// A row made zero high shows no more than a hidden one: it is marked hidden too; a
    /// row of another height is not.
    #[test]
    fn a_row_of_no_height_is_hidden() {
        let data = concat!(
            r#"<row r="1" ht="15"><c r="A1"><v>1</v></c></row>"#,
            r#"<row r="2" ht="0" customHeight="1"><c r="A2"><v>2</v></c></row>"#,
            r#"<row r="3" ht="0.0"><c r="A3"><v>3</v></c></row>"#,
            r#"<row r="4" ht="10.5"><c r="A4"><v>4</v></c></row>"#,
        );
        let book = read(&handmade(data, &[0], "", false)).unwrap();
        assert_eq!(book.sheets[0].hidden_rows, BTreeSet::from([1, 2]));
    }

    /// A workbook whose one sheet's XML is `sheet_data` inside `<sheetData>`, with the
    /// styles `cell_xfs` (each a `numFmtId`) and the given custom formats.
    fn handmade(sheet_data: &str, cell_xfs: &[u32], num_fmts: &str, date1904: bool) -> Vec<u8> {
        let content_types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
        let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
        let pr = if date1904 {
            r#"<workbookPr date1904="1"/>"#
        } else {
            ""
        };
        let workbook = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{pr}<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        );
        let workbook_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
        let xfs: String = cell_xfs
            .iter()
            .map(|id| format!(r#"<xf numFmtId="{id}" fontId="0" fillId="0" borderId="0"/>"#))
            .collect();
        let styles = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>{num_fmts}</numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellXfs>{xfs}</cellXfs></styleSheet>"#
        );
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
        );
        zip_of(&[
            ("[Content_Types].xml", content_types.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/_rels/workbook.xml.rels", workbook_rels.as_bytes()),
            ("xl/styles.xml", styles.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ])
    }

    #[test]
    fn percent_formats_custom_or_built_in_show_as_percentages() {
        let data = r#"<row r="1"><c r="A1" s="1"><v>0.955</v></c><c r="B1" s="2"><v>0.5</v></c><c r="C1" s="3"><v>0.5</v></c><c r="D1" s="4"><v>1</v></c></row>"#;
        let formats = r#"<numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0&quot;%&quot;"/>"#;
        let book = read(&handmade(data, &[0, 10, 164, 165, 9], formats, false)).unwrap();
        // A quoted `%` is text after the number, not times 100.
        let quoted_percent = Cell::new(CellValue::Formatted {
            shown: "0.5%".into(),
            number: "0.5".into(),
        });
        // Each with the decimals its format shows (`0.00%`, `0.0%`, `0%`).
        assert_eq!(
            book.sheets[0].rows[0],
            [text("95.50%"), text("50.0%"), quoted_percent, text("100%")]
        );
    }

    #[test]
    fn the_1904_date_system_is_read_when_the_workbook_says_so() {
        let data = r#"<row r="1"><c r="A1" s="1"><v>43829</v></c></row>"#;
        let day = CellValue::Date(Date::new(2023, 12, 31).unwrap());
        let book = read(&handmade(data, &[0, 14], "", true)).unwrap();
        assert_eq!(book.sheets[0].rows[0], [Cell::new(day.clone())]);
        let data = r#"<row r="1"><c r="A1" s="1"><v>45291</v></c></row>"#;
        let book = read(&handmade(data, &[0, 14], "", false)).unwrap();
        assert_eq!(book.sheets[0].rows[0], [Cell::new(day)]);
    }

    #[test]
    fn errors_and_cached_formula_values_are_what_excel_shows() {
        let data = r#"<row r="1"><c r="A1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="B1"><f>SUM(1,2)</f><v>3</v></c><c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D1" t="b"><v>0</v></c><c r="E1" t="inlineStr"><is><t>内联</t></is></c></row>"#;
        let book = read(&handmade(data, &[0], "", false)).unwrap();
        assert_eq!(
            book.sheets[0].rows[0],
            [
                text("#DIV/0!"),
                number("3"),
                text("ab"),
                Cell::new(CellValue::Bool(false)),
                text("内联"),
            ]
        );
    }

    #[test]
    fn formulas_with_no_stored_result_or_literal_are_kept() {
        // As openpyxl writes them: `<f>` and no `<v>`; a shared formula's anchor and a
        // cell sharing it; a styled empty cell; a literal with a result (`=100%` typed
        // into a General cell); a formula with a result stays its result alone.
        let data = r#"<row r="1"><c r="A1" s="1"><f>B7*C7</f></c><c r="B1"><f t="shared" ref="B1:C1" si="0">D7+1</f></c><c r="C1"><f t="shared" si="0"/></c><c r="D1" s="1"/><c r="E1"><f>100%</f><v>1</v></c><c r="F1"><f>1+1</f><v>2</v></c><c r="G1"><f t="shared" ref="G1:H1" si="1">100%</f><v>1</v></c><c r="H1"><f t="shared" si="1"/><v>1</v></c></row>"#;
        let book = read(&handmade(data, &[0, 10], "", false)).unwrap();
        let kept = |value: CellValue, formula: &str| Cell {
            formula: Some(formula.into()),
            ..Cell::new(value)
        };
        let row = &book.sheets[0].rows[0];
        assert_eq!(
            *row,
            [
                kept(CellValue::Empty, "B7*C7"),
                kept(CellValue::Empty, "D7+1"),
                kept(CellValue::Empty, ""),
                Cell::default(),
                kept(CellValue::Number("1".into()), "100%"),
                number("2"),
                // `=100%` filled down: the cell sharing it is read as typed too.
                kept(CellValue::Number("1".into()), "100%"),
                kept(CellValue::Number("1".into()), "100%"),
            ]
        );
        assert_eq!(row[7].literal_formula(), Some("100%"));
        assert_eq!(row[0].shown(), "=B7*C7");
        assert_eq!(row[0].uncalculated(), Some("B7*C7"));
        assert_eq!(row[0].literal_formula(), None);
        assert_eq!(row[4].shown(), "=100%");
        assert_eq!(row[4].uncalculated(), None);
        assert_eq!(row[4].literal_formula(), Some("100%"));
    }

    #[test]
    fn a_value_past_the_bounds_is_an_error() {
        let data = r#"<row r="100001"><c r="A100001"><v>1</v></c></row>"#;
        let error = read(&handmade(data, &[0], "", false)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_rows", "{error}");
        let data = r#"<row r="1"><c r="ALM1"><v>1</v></c></row>"#;
        let error = read(&handmade(data, &[0], "", false)).unwrap_err();
        assert_eq!(
            error.code(),
            "perfeval::import::too_many_columns",
            "{error}"
        );
        let data = r#"<row r="1"><c r="ALL1"><v>1</v></c></row><row r="2001"><c r="A2001"><v>1</v></c></row>"#;
        let error = read(&handmade(data, &[0], "", false)).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_many_cells", "{error}");
    }

    #[test]
    fn a_hostile_cell_reference_is_an_error_not_a_panic() {
        // Each overflows calamine's arithmetic, which wraps in a release build: the
        // second cell would be read as B1, the third range as billions of rows.
        let hostile = [
            r#"<row r="1"><c r="AAAAAAAAAAAAAAAAAAAA1"><v>1</v></c></row>"#,
            r#"<row r="1"><c r="A1"><v>1</v></c><c r="B4294967297"><v>2</v></c></row>"#,
            r#"<row r="4294967297"><c><v>1</v></c></row>"#,
            r#"<row r="1"><c r="XFE1"><v>1</v></c></row>"#,
        ];
        for data in hostile {
            let error = read(&handmade(data, &[0], "", false)).unwrap_err();
            assert_eq!(error.code(), "perfeval::import::corrupt", "{data}");
            assert!(
                error.to_string().contains("outside what a sheet holds"),
                "{error}"
            );
        }
        let backwards = handmade(
            r#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
            &[0],
            "",
            false,
        );
        let sheet = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="B5:A1"/><sheetData/></worksheet>"#;
        let error = read(&with_part(&backwards, "xl/worksheets/sheet1.xml", sheet)).unwrap_err();
        assert!(error.to_string().contains("`B5:A1`"), "{error}");
        // The last cell a sheet holds is read as any other (and refused for its size).
        let data = r#"<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#;
        let error = read(&handmade(data, &[0], "", false)).unwrap_err();
        assert_ne!(error.code(), "perfeval::import::corrupt", "{error}");
    }

    #[test]
    fn two_sheets_of_one_name_are_a_damaged_workbook() {
        let base = handmade(
            r#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
            &[0],
            "",
            false,
        );
        let workbook = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/><sheet name="表" sheetId="2" r:id="rId3"/></sheets></workbook>"#.as_bytes();
        let rels = br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>"#;
        let sheet2 = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>"#;
        let bytes = with_part(&base, "xl/workbook.xml", workbook);
        let bytes = with_part(&bytes, "xl/_rels/workbook.xml.rels", rels);
        let bytes = with_part(&bytes, "xl/worksheets/sheet2.xml", sheet2);
        let error = read(&bytes).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt", "{error}");
        assert!(
            error.to_string().contains("two sheets are named `表`"),
            "{error}"
        );
    }

    /// The package's relationships may put the workbook in any folder; its styles are
    /// bounded there too (a 5 KB workbook with `ev/styles.xml` took 4 GB), and its
    /// sheets scanned.
    #[test]
    fn parts_outside_xl_are_bounded_and_scanned() {
        let moved = |base: &[u8], sheet: &[u8], styles: &[u8]| {
            let mut parts: Vec<(String, Vec<u8>)> = unpacked(base)
                .into_iter()
                .map(|(name, content)| {
                    let name = name.replace("xl/", "ev/");
                    let content = match name.as_str() {
                        "_rels/.rels" => String::from_utf8(content)
                            .unwrap()
                            .replace("xl/workbook.xml", "ev/workbook.xml")
                            .into_bytes(),
                        "ev/worksheets/sheet1.xml" => sheet.to_vec(),
                        "ev/styles.xml" => styles.to_vec(),
                        _ => content,
                    };
                    (name, content)
                })
                .collect();
            // `xl/` is what tells a workbook from other zip files.
            parts.push(("xl/readme.txt".to_owned(), b"x".to_vec()));
            packed(&parts)
        };
        let base = handmade("", &[0], "", false);
        let plain_styles = br#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/></cellXfs></styleSheet>"#;
        let wrapping = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="B4294967297"><v>1</v></c></row></sheetData></worksheet>"#;
        let error = read(&moved(&base, wrapping, plain_styles)).unwrap_err();
        assert!(error.to_string().contains("`B4294967297`"), "{error}");
        let name = "F".repeat(100_000);
        let xfs = r#"<xf numFmtId="0" fontId="0"/>"#.repeat(1_000);
        let styles = format!(
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts><font><name val="{name}"/></font></fonts><cellXfs>{xfs}</cellXfs></styleSheet>"#
        );
        let plain_sheet = br#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#;
        let error = read(&moved(&base, plain_sheet, styles.as_bytes())).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_large", "{error}");
    }

    #[test]
    fn one_long_string_in_many_cells_is_refused() {
        // 100 KB once in the shared strings, referenced by 1,000 cells: 100 MB built.
        let long = "长".repeat(35_000);
        let strings = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{long}</t></si></sst>"#
        );
        let cells: String = (1..=1_000)
            .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
            .collect();
        let base = handmade(&cells, &[0], "", false);
        let bytes = with_part(&base, "xl/sharedStrings.xml", strings.as_bytes());
        let error = read(&bytes).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_large", "{error}");
    }

    #[test]
    fn many_styles_copying_a_large_font_are_refused() {
        let name = "F".repeat(100_000);
        let xfs = r#"<xf numFmtId="0" fontId="0"/>"#.repeat(1_000);
        let styles = format!(
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts><font><name val="{name}"/></font></fonts><cellXfs>{xfs}</cellXfs></styleSheet>"#
        );
        let base = handmade("", &[0], "", false);
        let bytes = with_part(&base, "xl/styles.xml", styles.as_bytes());
        let error = read(&bytes).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_large", "{error}");
    }

    /// `base` with the part `name` replaced or added.
    fn with_part(base: &[u8], name: &str, bytes: &[u8]) -> Vec<u8> {
        let mut parts = unpacked(base);
        parts.retain(|(part_name, _)| part_name != name);
        parts.push((name.to_owned(), bytes.to_vec()));
        packed(&parts)
    }

    /// The parts of a zip archive, name and content, in order.
    fn unpacked(base: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = zip::ZipArchive::new(Cursor::new(base)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut part = zip.by_index(i).unwrap();
                let mut content = Vec::new();
                std::io::Read::read_to_end(&mut part, &mut content).unwrap();
                (part.name().unwrap().into_owned(), content)
            })
            .collect()
    }

    /// A zip archive of `parts`.
    fn packed(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
        let borrowed: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        zip_of(&borrowed)
    }

    #[test]
    fn a_sheet_that_unpacks_past_its_declared_size_is_refused() {
        // The sheet declares 100 bytes and holds 1.3 MB of rows: the zip crate stops
        // at the declared size, and the lie shows as damage.
        let rows = r#"<row><c><v>1</v></c></row>"#.repeat(50_000);
        let base = handmade(&rows, &[0], "", false);
        let bytes = declare_size(&base, "xl/worksheets/sheet1.xml", 100);
        let error = read(&bytes).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::corrupt", "{error}");
    }

    #[test]
    fn a_sheet_declared_huge_is_refused_unread() {
        let base = handmade("", &[0], "", false);
        let bytes = declare_size(&base, "xl/worksheets/sheet1.xml", 1 << 40);
        let error = read(&bytes).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::too_large", "{error}");
    }

    #[test]
    fn files_of_other_kinds_are_named() {
        let error = read(b"%PDF-1.4 garbage").unwrap_err();
        assert_eq!(
            error.to_string(),
            "this is not an Excel workbook (.xlsx): it looks like a PDF document"
        );
        let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        let error = read(&garbage).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::wrong_format");
        let docx = zip_of(&[("word/document.xml", b"<w:document/>")]);
        let error = read(&docx).unwrap_err();
        assert_eq!(
            error.to_string(),
            "this is not an Excel workbook (.xlsx): it looks like a Word document (.docx)"
        );
    }

    #[test]
    fn a_truncated_workbook_is_damaged() {
        let bytes = form_workbook();
        for cut in [bytes.len() / 2, bytes.len() - 30] {
            let error = read(&bytes[..cut]).unwrap_err();
            assert_eq!(error.code(), "perfeval::import::corrupt", "{error}");
        }
    }

    #[test]
    fn an_encrypted_workbook_is_named_so() {
        // An encrypted Office file is a compound file with an `EncryptedPackage`
        // stream; its header and that name in its directory are what is looked at.
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.resize(512, 0);
        for unit in "EncryptedPackage".encode_utf16() {
            bytes.write_all(&unit.to_le_bytes()).unwrap();
        }
        bytes.resize(2048, 0);
        let error = read(&bytes).unwrap_err();
        assert_eq!(error.code(), "perfeval::import::encrypted", "{error}");
        assert_eq!(
            error.to_string(),
            "the workbook is protected by a password and cannot be read"
        );
    }
}
