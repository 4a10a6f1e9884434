//! Writing a layout as an .xlsx workbook, in memory. The only place that knows the
//! workbook writer; the same layout always gives the same bytes (the creation date is
//! fixed, and the writer stamps no other time).

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};

use crate::compile::Plan;
use crate::data::schema::FieldType;
use crate::i18n::t;

use super::error::TemplateError;
use super::form::display_width;
use super::layout::{Cell, Content, Layout, ListSource, Role, Sheet, Validation};

/// Excel's number for A4 paper.
const A4: u8 = 9;
/// The header row's background.
const HEADER_FILL: &str = "#D9D9D9";
/// A note's width, in pixels, and the text units that fit on one of its lines.
const NOTE_WIDTH: u32 = 280;
const NOTE_LINE_UNITS: u16 = 44;
/// A note line's height, in pixels, and the room above and below the text.
const NOTE_LINE_HEIGHT: u32 = 15;
const NOTE_MARGIN: u32 = 10;

/// The workbook's bytes.
pub(crate) fn write(plan: &Plan, layout: &Layout) -> Result<Vec<u8>, TemplateError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(plan)?);
    for sheet in &layout.sheets {
        write_sheet(workbook.add_worksheet(), sheet)?;
    }
    workbook
        .save_to_buffer()
        .map_err(|e| error(t!(TEMPLATE_THE_WORKBOOK), e))
}

/// The document's properties, with a fixed creation date: the clock would make every
/// run's bytes differ.
fn properties(plan: &Plan) -> Result<DocProperties, TemplateError> {
    let created =
        ExcelDateTime::from_ymd(2000, 1, 1).map_err(|e| error(t!(TEMPLATE_THE_PROPERTIES), e))?;
    Ok(DocProperties::new()
        .set_title(plan.name.as_str())
        .set_author("perfeval")
        .set_creation_datetime(&created))
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), TemplateError> {
    let whole = |e| error(t!(IMPORT_SHEET, name = sheet.name), e);
    ws.set_name(sheet.name.as_str()).map_err(whole)?;
    ws.set_hidden(sheet.hidden);
    ws.set_default_note_author("perfeval");
    ws.set_paper_size(A4)
        .set_portrait()
        .set_print_fit_to_pages(1, 0);
    for (column, width) in (0u16..).zip(&sheet.widths) {
        // Widths are whole units; the writer takes them as f64.
        ws.set_column_width(column, f64::from(*width))
            .map_err(whole)?;
    }
    for (row, height) in &sheet.heights {
        // Heights are whole points; the writer takes them as f64.
        ws.set_row_height(*row, f64::from(*height)).map_err(whole)?;
    }
    if let Some(row) = sheet.print_title {
        ws.set_repeat_rows(row, row).map_err(whole)?;
    }
    for cell in &sheet.cells {
        let at = || address(&sheet.name, cell.row, cell.column);
        write_cell(ws, cell).map_err(|e| error(at(), e))?;
    }
    for v in &sheet.validations {
        let at = || address(&sheet.name, v.first_row, v.column);
        add_validation(ws, v).map_err(|e| error(at(), e))?;
    }
    Ok(())
}

fn write_cell(ws: &mut Worksheet, cell: &Cell) -> Result<(), XlsxError> {
    let format = format(&cell.role);
    let (row, column) = (cell.row, cell.column);
    if cell.across > 1 {
        let last = column.saturating_add(cell.across - 1);
        let text = match &cell.content {
            Content::Text(text) => text.as_str(),
            Content::Empty | Content::Number(_) => "",
        };
        ws.merge_range(row, column, row, last, text, &format)?;
    } else {
        match &cell.content {
            Content::Empty => ws.write_blank(row, column, &format)?,
            Content::Text(text) => ws.write_string_with_format(row, column, text, &format)?,
            Content::Number(n) => {
                // The one conversion to f64: a cell holds a binary number. A catalog
                // weight has a few decimals, which the nearest f64 shows exactly.
                let number = n.to_f64().ok_or_else(|| {
                    XlsxError::ParameterError(format!("{n} cannot be written as a number"))
                })?;
                ws.write_number_with_format(row, column, number, &format)?
            }
        };
    }
    if let Some(text) = &cell.note {
        ws.insert_note(row, column, &note(text))?;
    }
    Ok(())
}

/// A cell's look, by what it is.
fn format(role: &Role) -> Format {
    let boxed = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    match role {
        Role::Title | Role::GuideTitle => Format::new()
            .set_bold()
            .set_font_size(14)
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        Role::Section { .. } => Format::new().set_bold(),
        Role::Label { .. } => boxed.set_text_wrap(),
        Role::Header { .. } => boxed
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_background_color(HEADER_FILL),
        Role::Value { ty, .. } => value_format(boxed.set_unlocked(), *ty),
        Role::Guide => Format::new().set_text_wrap().set_align(FormatAlign::Top),
        Role::ListItem => Format::new(),
    }
}

/// A value cell's number format. Text and measures are stored as typed: `=100%` or
/// `15个` must not become a formula or a number.
fn value_format(format: Format, ty: FieldType) -> Format {
    match ty {
        FieldType::Text | FieldType::Measure => format.set_num_format("@").set_text_wrap(),
        FieldType::Integer => format.set_num_format("0"),
        FieldType::Number | FieldType::Amount | FieldType::Points => format.set_num_format("0.00"),
        FieldType::Percent => format.set_num_format("0.00%"),
        FieldType::Date => format.set_num_format("yyyy-mm-dd"),
        FieldType::Bool => format,
    }
}

/// A note, sized for its text.
fn note(text: &str) -> Note {
    let lines: u32 = text
        .lines()
        .map(|line| u32::from(display_width(line).div_ceil(NOTE_LINE_UNITS).max(1)))
        .sum();
    Note::new(text)
        .add_author_prefix(false)
        .set_width(NOTE_WIDTH)
        .set_height(
            lines
                .saturating_mul(NOTE_LINE_HEIGHT)
                .saturating_add(NOTE_MARGIN),
        )
}

/// A drop-down that warns, and does not stop, on a value outside its list: the ruleset
/// may know the department's own word as a label.
fn add_validation(ws: &mut Worksheet, v: &Validation) -> Result<(), XlsxError> {
    let list = match &v.source {
        ListSource::Names(names) => DataValidation::new().allow_list_strings(names)?,
        ListSource::Cells { sheet, rows } => DataValidation::new().allow_list_formula(
            Formula::new(format!("='{}'!$A$1:$A${rows}", sheet.replace('\'', "''"))),
        ),
    };
    let validation = list
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("不在列表中")?
        .set_error_message("所填不是规则集的名称；若是表上的其他写法，可以保留。")?;
    ws.add_data_validation(v.first_row, v.column, v.last_row, v.column, &validation)?;
    Ok(())
}

/// `自评表!B12`.
fn address(sheet: &str, row: u32, column: u16) -> String {
    let row = usize::try_from(row).unwrap_or(usize::MAX);
    let at = crate::text::cell_address(row, usize::from(column));
    format!("{sheet}!{at}")
}

/// The writer's refusal as a diagnostic: a limit of the format is the form's size, any
/// other a bug.
fn error(cell: String, e: XlsxError) -> TemplateError {
    match e {
        XlsxError::RowColumnLimitError => TemplateError::TooLarge {
            what: t!(TEMPLATE_CELL_BEYOND, cell),
        },
        XlsxError::MaxStringLengthExceeded => TemplateError::TooLarge {
            what: t!(TEMPLATE_TEXT_TOO_LONG, cell),
        },
        other => TemplateError::Write {
            cell,
            reason: crate::i18n::xlsx_error(&other),
        },
    }
}
