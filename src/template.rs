//! The fill-in workbook of a ruleset's form (自评表模板): what a department fills in and
//! sends back, laid out so that the importer reads it back by its labels.
//!
//! [`layout()`] says what each cell is; [`workbook`] writes it as .xlsx bytes. Nothing is
//! read or written to a file here, and nothing is known of a particular form: the title,
//! the sections, the catalog indicators, the categories and every hint come from the
//! [`Plan`]. The sheets are `自评表` (the form), `填表说明` (how to fill it in, and the
//! ruleset's clauses) and, where the categories do not fit in a drop-down's own list, a
//! hidden sheet `类别` listing them.

mod error;
mod form;
mod guide;
mod hints;
pub mod layout;
mod xlsx;

pub use self::error::TemplateError;
pub use self::layout::Layout;

use crate::compile::Plan;

/// The form sheet's name.
pub const FORM_SHEET: &str = "自评表";
/// The notes sheet's name.
pub const GUIDE_SHEET: &str = "填表说明";
/// The hidden sheet listing the categories, where they do not fit in a drop-down's own
/// list (255 characters).
pub const LIST_SHEET: &str = "类别";
/// Empty rows under each table of the form, for the project's own rows.
pub const EMPTY_ROWS: u32 = 20;

/// Every cell of the template, by sheet.
///
/// # Errors
///
/// The form needs more rows or columns than a worksheet has.
pub fn layout(plan: &Plan) -> Result<Layout, TemplateError> {
    let (form, list) = form::sheets(plan)?;
    let guide = guide::sheet(plan)?;
    let mut sheets = vec![form, guide];
    sheets.extend(list);
    Ok(Layout { sheets })
}

/// The template as the bytes of an .xlsx file; the same plan always gives the same
/// bytes.
///
/// # Errors
///
/// The form needs more rows or columns than a worksheet has, or a text is longer than a
/// cell holds.
pub fn workbook(plan: &Plan) -> Result<Vec<u8>, TemplateError> {
    xlsx::write(plan, &layout(plan)?)
}
