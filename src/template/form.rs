//! The form sheet (`自评表`): the title, then every section in form order, each
//! sub-section after its parent. A record section is its label, then one row per field
//! (label in A, value in B); a rows section is its label, a header row of its fields'
//! labels, and rows to fill. Every text in the sheet is the title, a label or a
//! pre-filled value: the importer places cells by these labels and reports any other.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::compile::{Plan, SplitPlan};
use crate::data::schema::{FieldSchema, FormSchema, SectionSchema, Shape};
use crate::ir::vocab::INDICATORS;

use super::error::TemplateError;
use super::hints;
use super::layout::{Cell, Content, ListSource, MAX_COLUMNS, MAX_ROWS, Role, Sheet, Validation};
use super::{EMPTY_ROWS, FORM_SHEET, LIST_SHEET};

/// The most characters Excel keeps in a drop-down's own list, commas included.
const LIST_LIMIT: usize = 255;
/// Column widths: at least this, so that a short label still leaves room to type.
const MIN_WIDTH: u16 = 12;
/// Column B holds record values, such as a project's name: wider.
const MIN_VALUE_WIDTH: u16 = 24;
/// Column widths: at most this; longer texts wrap.
const MAX_WIDTH: u16 = 60;
/// The title row's height, in points, for its larger font.
const TITLE_HEIGHT: u16 = 28;

/// A catalog indicator, pre-filled in the indicator table.
struct Prefill {
    category: String,
    name: String,
    weight: Option<Decimal>,
}

/// The form sheet, and the hidden list sheet where the categories need one.
pub(crate) fn sheets(plan: &Plan) -> Result<(Sheet, Option<Sheet>), TemplateError> {
    let mut builder = Builder {
        plan,
        sheet: Sheet {
            name: FORM_SHEET.to_owned(),
            ..Sheet::default()
        },
        row: 0,
        list: None,
    };
    builder.title()?;
    for section in ordered(&plan.form) {
        match section.shape {
            Shape::Record => builder.record(section)?,
            Shape::Rows => builder.rows(section)?,
        }
    }
    builder.sheet.widths = widths(&builder.sheet.cells);
    Ok((builder.sheet, builder.list))
}

/// Sections in form order, each sub-section right after its parent (and the parent's
/// earlier sub-sections). Iterative, so that a deeply nested form cannot exhaust the
/// stack; keys are looked up by hash, as a form may have thousands of sections.
fn ordered(form: &FormSchema) -> Vec<&SectionSchema> {
    let keys: HashSet<&str> = form.sections().iter().map(|s| s.key.as_str()).collect();
    let mut children: HashMap<&str, Vec<&SectionSchema>> = HashMap::new();
    let mut roots = Vec::new();
    for section in form.sections() {
        match parent_of(&section.key).filter(|p| keys.contains(p)) {
            Some(parent) => children.entry(parent).or_default().push(section),
            None => roots.push(section),
        }
    }
    let mut out = Vec::with_capacity(form.sections().len());
    let mut stack: Vec<&SectionSchema> = roots.into_iter().rev().collect();
    while let Some(section) = stack.pop() {
        out.push(section);
        if let Some(kids) = children.get(section.key.as_str()) {
            stack.extend(kids.iter().rev());
        }
    }
    out
}

fn parent_of(key: &str) -> Option<&str> {
    key.rsplit_once('.').map(|(parent, _)| parent)
}

struct Builder<'a> {
    plan: &'a Plan,
    sheet: Sheet,
    /// The next row to write.
    row: u32,
    list: Option<Sheet>,
}

impl Builder<'_> {
    /// The next row, refusing a form longer than a sheet.
    fn take_row(&mut self) -> Result<u32, TemplateError> {
        let row = self.row;
        if row >= MAX_ROWS {
            return Err(TemplateError::TooLarge {
                what: crate::i18n::t!(TEMPLATE_FORM_ROWS, max = MAX_ROWS),
            });
        }
        self.row += 1;
        Ok(row)
    }

    fn push(&mut self, row: u32, column: u16, content: Content, role: Role, note: Option<String>) {
        self.sheet.cells.push(Cell {
            row,
            column,
            across: 1,
            content,
            role,
            note: note.map(hints::fit),
        });
    }

    /// The ruleset's name, merged across the columns the form uses.
    fn title(&mut self) -> Result<(), TemplateError> {
        let row = self.take_row()?;
        let widest = self
            .plan
            .form
            .sections()
            .iter()
            .map(|s| match s.shape {
                Shape::Record => 2,
                Shape::Rows => s.fields.len(),
            })
            .max()
            .unwrap_or(0)
            .max(2);
        self.sheet.cells.push(Cell {
            row,
            column: 0,
            across: column(widest - 1)?.saturating_add(1),
            content: Content::Text(self.plan.name.clone()),
            role: Role::Title,
            note: None,
        });
        self.sheet.heights.push((row, TITLE_HEIGHT));
        Ok(())
    }

    fn section_label(
        &mut self,
        section: &SectionSchema,
        prefilled: &[&str],
    ) -> Result<(), TemplateError> {
        let row = self.take_row()?;
        let role = Role::Section {
            section: section.key.clone(),
        };
        let note = hints::section(section, prefilled);
        self.push(row, 0, Content::Text(section.label.clone()), role, note);
        Ok(())
    }

    /// A record section: its label, then each field's label and value cell.
    fn record(&mut self, section: &SectionSchema) -> Result<(), TemplateError> {
        self.section_label(section, &[])?;
        for field in &section.fields {
            let row = self.take_row()?;
            let label = Role::Label {
                section: section.key.clone(),
                field: field.key.clone(),
            };
            let note = Some(hints::field(field));
            self.push(row, 0, Content::Text(field.label.clone()), label, note);
            let value = value_role(section, field, None);
            self.push(row, 1, Content::Empty, value, None);
        }
        Ok(())
    }

    /// A rows section: its label, the header, the catalog's rows for the indicator
    /// table, and empty rows.
    fn rows(&mut self, section: &SectionSchema) -> Result<(), TemplateError> {
        let indicators = section.key == INDICATORS;
        let (prefills, pools) = if indicators {
            catalog(self.plan)
        } else {
            (Vec::new(), Vec::new())
        };
        self.section_label(section, &pools)?;
        let header = self.header(section, indicators)?;
        let first = self.row;
        let fills = prefills.iter().map(Some);
        let empties = std::iter::repeat_n(None, usize::try_from(EMPTY_ROWS).unwrap_or(0));
        for (index, prefill) in (0u32..).zip(fills.chain(empties)) {
            let row = self.take_row()?;
            for (i, field) in section.fields.iter().enumerate() {
                let content = prefill.map_or(Content::Empty, |p| prefilled(p, field));
                let role = value_role(section, field, Some(index));
                self.push(row, column(i)?, content, role, None);
            }
        }
        if indicators {
            self.sheet.print_title = Some(header);
            self.category_list(section, first, self.row.saturating_sub(1))?;
        }
        Ok(())
    }

    /// The header row: each field's label, with its note. Returns the row.
    fn header(&mut self, section: &SectionSchema, indicators: bool) -> Result<u32, TemplateError> {
        let row = self.take_row()?;
        for (i, field) in section.fields.iter().enumerate() {
            let mut note = hints::field(field);
            if indicators && field.key == "category" {
                note = hints::category(note, self.plan);
            } else if indicators && field.key == "weight" {
                note = hints::weight(note, self.plan);
            } else if indicators && field.key == "class" {
                note = hints::class(note, self.plan);
            }
            let graded = indicators && self.plan.grade_fields.contains(&field.key);
            if let Some(words) = hints::grade_words(self.plan).filter(|_| graded) {
                note = format!("{note}\n{words}");
            }
            let role = Role::Header {
                section: section.key.clone(),
                field: field.key.clone(),
            };
            self.push(
                row,
                column(i)?,
                Content::Text(field.label.clone()),
                role,
                Some(note),
            );
        }
        Ok(row)
    }

    /// A drop-down of the category names on the indicator table's category column. A
    /// department's own label is allowed: the ruleset's labels may match it.
    fn category_list(
        &mut self,
        section: &SectionSchema,
        first: u32,
        last: u32,
    ) -> Result<(), TemplateError> {
        let Some(i) = section.fields.iter().position(|f| f.key == "category") else {
            return Ok(());
        };
        let names: Vec<String> = self
            .plan
            .categories
            .iter()
            .map(|c| c.name.clone())
            .collect();
        if names.is_empty() || last < first {
            return Ok(());
        }
        let source = if fits_in_list(&names) {
            ListSource::Names(names)
        } else {
            let rows = u32::try_from(names.len()).unwrap_or(u32::MAX);
            self.list = Some(list_sheet(names)?);
            ListSource::Cells {
                sheet: LIST_SHEET.to_owned(),
                rows,
            }
        };
        self.sheet.validations.push(Validation {
            column: column(i)?,
            first_row: first,
            last_row: last,
            source,
        });
        Ok(())
    }
}

fn value_role(section: &SectionSchema, field: &FieldSchema, row: Option<u32>) -> Role {
    Role::Value {
        section: section.key.clone(),
        field: field.key.clone(),
        ty: field.ty,
        row,
    }
}

/// A pre-filled row's cell for a field: the category's canonical name, the indicator's
/// name, its weight.
fn prefilled(prefill: &Prefill, field: &FieldSchema) -> Content {
    match (field.key.as_str(), prefill.weight) {
        ("category", _) => Content::Text(prefill.category.clone()),
        ("name", _) => Content::Text(prefill.name.clone()),
        ("weight", Some(weight)) => Content::Number(weight),
        _ => Content::Empty,
    }
}

/// The catalog indicators of `split fixed` pools, in ruleset order, and the names of
/// those pools.
fn catalog(plan: &Plan) -> (Vec<Prefill>, Vec<&str>) {
    let mut prefills = Vec::new();
    let mut pools = Vec::new();
    for pool in &plan.pools {
        let SplitPlan::Fixed { entries, .. } = &pool.split else {
            continue;
        };
        if !entries.is_empty() {
            pools.push(pool.name.as_str());
        }
        for entry in entries {
            let category = plan.categories.get(entry.category);
            prefills.push(Prefill {
                category: category.map_or_else(String::new, |c| c.name.clone()),
                name: entry.name.clone(),
                weight: hints::constant(plan, &entry.weight, false).map(|n| n.value),
            });
        }
    }
    (prefills, pools)
}

/// Whether the names fit in a drop-down's own list: Excel keeps 255 characters (in
/// UTF-16 units), commas and doubled quotes included.
fn fits_in_list(names: &[String]) -> bool {
    let units: usize = names
        .iter()
        .map(|n| n.encode_utf16().count() + n.matches('"').count())
        .sum();
    units + names.len().saturating_sub(1) <= LIST_LIMIT && !names.iter().any(|n| n.contains(','))
}

/// The hidden sheet of category names, one per row in column A.
fn list_sheet(names: Vec<String>) -> Result<Sheet, TemplateError> {
    let mut sheet = Sheet {
        name: LIST_SHEET.to_owned(),
        hidden: true,
        ..Sheet::default()
    };
    for (row, name) in (0u32..).zip(names) {
        if row >= MAX_ROWS {
            return Err(TemplateError::TooLarge {
                what: crate::i18n::t!(TEMPLATE_CATEGORIES, max = MAX_ROWS),
            });
        }
        sheet.cells.push(Cell {
            row,
            column: 0,
            across: 1,
            content: Content::Text(name),
            role: Role::ListItem,
            note: None,
        });
    }
    Ok(sheet)
}

/// A field's column, refusing a section wider than a sheet.
fn column(i: usize) -> Result<u16, TemplateError> {
    u16::try_from(i)
        .ok()
        .filter(|c| *c < MAX_COLUMNS)
        .ok_or_else(|| TemplateError::TooLarge {
            what: crate::i18n::t!(TEMPLATE_FIELDS, max = MAX_COLUMNS),
        })
}

/// Each column wide enough for its labels and pre-filled texts (a Chinese character
/// takes two units). The title and section labels are left out: they stand alone in
/// their row and may run over the next cells.
fn widths(cells: &[Cell]) -> Vec<u16> {
    let mut widths: Vec<u16> = Vec::new();
    for cell in cells {
        let Content::Text(text) = &cell.content else {
            continue;
        };
        if matches!(cell.role, Role::Title | Role::Section { .. }) {
            continue;
        }
        let i = usize::from(cell.column);
        if widths.len() <= i {
            widths.resize(i + 1, 0);
        }
        if let Some(width) = widths.get_mut(i) {
            *width = (*width).max(display_width(text).saturating_add(2));
        }
    }
    if widths.len() < 2 {
        widths.resize(2, 0);
    }
    (0u16..)
        .zip(widths)
        .map(|(i, w)| {
            let least = if i == 1 { MIN_VALUE_WIDTH } else { MIN_WIDTH };
            w.clamp(least, MAX_WIDTH)
        })
        .collect()
}

/// A text's width in Excel's units: two for a Chinese (or any non-ASCII) character.
pub(crate) fn display_width(text: &str) -> u16 {
    let units: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    u16::try_from(units).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::schema::Shape;

    fn section(key: &str) -> SectionSchema {
        SectionSchema {
            key: key.to_owned(),
            label: key.to_owned(),
            shape: Shape::Record,
            optional: false,
            fields: Vec::new(),
        }
    }

    fn keys(form: &FormSchema) -> Vec<&str> {
        ordered(form).iter().map(|s| s.key.as_str()).collect()
    }

    #[test]
    fn sub_sections_follow_their_parent_wherever_declared() {
        let form = FormSchema::new(
            ["a", "b", "a.x", "b.y", "a.x.z", "a.w", "c.orphan"]
                .map(section)
                .to_vec(),
        );
        assert_eq!(
            keys(&form),
            ["a", "a.x", "a.x.z", "a.w", "b", "b.y", "c.orphan"]
        );
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let mut key = "s".to_owned();
        let mut sections = Vec::new();
        for _ in 0..2_000 {
            sections.push(section(&key));
            key.push_str(".s");
        }
        let form = FormSchema::new(sections);
        assert_eq!(ordered(&form).len(), 2_000);
    }

    #[test]
    fn a_list_fits_in_255_characters_without_commas() {
        let names = |n: usize, len: usize| vec!["字".repeat(len); n];
        assert!(fits_in_list(&names(6, 2)));
        // 64 names of 3 characters and 63 commas: 255.
        assert!(fits_in_list(&names(64, 3)));
        assert!(!fits_in_list(&names(65, 3)));
        assert!(!fits_in_list(&["甲,乙".to_owned()]));
    }

    #[test]
    fn chinese_characters_count_twice() {
        assert_eq!(display_width("年初预算数"), 10);
        assert_eq!(display_width("name"), 4);
        assert_eq!(display_width("预算数（万元）"), 14);
    }
}
