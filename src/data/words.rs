//! How messages name things in the file's own format: `[budget]` in TOML, `budget` in
//! JSON and YAML; "a table", "an object", "a mapping".
//!
//! Only wording lives here; no decision about what is an error.

use super::Format;
use super::schema::{FieldSchema, FieldType, SectionSchema, Shape};
use super::tree::{Kind, Node};
use crate::i18n::t;

/// Wording for one format.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Words {
    format: Format,
    /// A form read from a workbook or a text export: things are named by the form's
    /// own labels (「绩效指标」第 5 行, 「目标值」), which the department sees, not by the
    /// keys of a project file they never wrote.
    form: bool,
}

impl Words {
    /// Wording for files of this format.
    pub(crate) fn new(format: Format) -> Self {
        Words {
            format,
            form: false,
        }
    }

    /// Wording for a form placed from a workbook's or a text export's cells.
    pub(crate) fn form() -> Self {
        Words {
            format: Format::Toml,
            form: true,
        }
    }

    /// Whether this is a form's wording ([`Words::form`]).
    pub(crate) fn is_form(self) -> bool {
        self.form
    }

    /// A field as the file names it: its key (`target`), or on a form its label (目标值).
    pub(crate) fn key(self, field: &FieldSchema) -> String {
        if self.form {
            field.label.clone()
        } else {
            field.key.clone()
        }
    }

    /// A section as the file writes it: `` `[budget]` ``, `` `[[indicators]]` ``, or
    /// `` `budget` `` outside TOML; on a form, its label (「绩效指标」).
    pub(crate) fn section(self, section: &SectionSchema) -> String {
        if self.form {
            return t!(DATA_FORM_SECTION, label = section.label);
        }
        match (self.format, section.shape) {
            (Format::Toml, Shape::Record) => format!("`[{}]`", section.key),
            (Format::Toml, Shape::Rows) => format!("`[[{}]]`", section.key),
            _ => format!("`{}`", section.key),
        }
    }

    /// A row of a rows section, counted from 1.
    pub(crate) fn row(self, section: &SectionSchema, index: usize) -> String {
        if self.form {
            // An item, not a row: the sheet's rows are numbered otherwise.
            return t!(DATA_FORM_ROW, n = index + 1, label = section.label);
        }
        t!(DATA_ROW, n = index + 1, section = self.section(section))
    }

    /// "a table", "an object" or "a mapping".
    pub(crate) fn table(self) -> String {
        match self.format {
            Format::Toml => t!(DATA_TOML_TABLE),
            Format::Json => t!(DATA_JSON_OBJECT),
            Format::Yaml => t!(DATA_YAML_MAPPING),
        }
    }

    /// What a section must be.
    pub(crate) fn section_shape(self, shape: Shape) -> String {
        match shape {
            Shape::Record => self.table(),
            Shape::Rows => match self.format {
                Format::Toml => t!(DATA_TOML_TABLES),
                Format::Json => t!(DATA_JSON_OBJECTS),
                Format::Yaml => t!(DATA_YAML_MAPPINGS),
            },
        }
    }

    /// How to write a section of this shape. Outside TOML, a sub-section
    /// (`funds.appropriation`) is written by its last key inside its parent.
    pub(crate) fn section_help(self, section: &SectionSchema) -> String {
        let key = &section.key;
        if let (Format::Json | Format::Yaml, Some((parent, last))) =
            (self.format, key.rsplit_once('.'))
        {
            return match (self.format, section.shape) {
                (Format::Json, Shape::Record) => t!(DATA_HELP_JSON_NESTED_RECORD, last, parent),
                (Format::Json, Shape::Rows) => t!(DATA_HELP_JSON_NESTED_ROWS, last, parent),
                (_, Shape::Record) => t!(DATA_HELP_YAML_NESTED_RECORD, last, parent),
                (_, Shape::Rows) => t!(DATA_HELP_YAML_NESTED_ROWS, last, parent),
            };
        }
        match (self.format, section.shape) {
            (Format::Toml, Shape::Record) => t!(DATA_HELP_TOML_RECORD, key),
            (Format::Toml, Shape::Rows) => t!(DATA_HELP_TOML_ROWS, key),
            (Format::Json, Shape::Record) => t!(DATA_HELP_JSON_RECORD, key),
            (Format::Json, Shape::Rows) => t!(DATA_HELP_JSON_ROWS, key),
            (Format::Yaml, Shape::Record) => t!(DATA_HELP_YAML_RECORD, key),
            (Format::Yaml, Shape::Rows) => t!(DATA_HELP_YAML_ROWS, key),
        }
    }

    /// How to add a missing section. Outside TOML, a sub-section is added by its last
    /// key inside its parent.
    pub(crate) fn missing_section_help(self, section: &SectionSchema) -> String {
        if self.form {
            return t!(DATA_ADD_FORM_SECTION, label = section.label);
        }
        let key = &section.key;
        if let (Format::Json | Format::Yaml, Some((parent, last))) =
            (self.format, key.rsplit_once('.'))
        {
            return match (self.format, section.shape) {
                (Format::Json, Shape::Record) => t!(DATA_ADD_JSON_NESTED_RECORD, last, parent),
                (Format::Json, Shape::Rows) => t!(DATA_ADD_JSON_NESTED_ROWS, last, parent),
                (_, Shape::Record) => t!(DATA_ADD_YAML_NESTED_RECORD, last, parent),
                (_, Shape::Rows) => t!(DATA_ADD_YAML_NESTED_ROWS, last, parent),
            };
        }
        match (self.format, section.shape) {
            (Format::Toml, Shape::Record) => t!(DATA_ADD_TOML_RECORD, key),
            (Format::Toml, Shape::Rows) => t!(DATA_ADD_TOML_ROWS, key),
            (Format::Json, Shape::Record) => t!(DATA_ADD_JSON_RECORD, key),
            (Format::Json, Shape::Rows) => t!(DATA_ADD_JSON_ROWS, key),
            (Format::Yaml, Shape::Record) => t!(DATA_ADD_YAML_RECORD, key),
            (Format::Yaml, Shape::Rows) => t!(DATA_ADD_YAML_ROWS, key),
        }
    }

    /// Help for a sub-section's full key written as a key of its own at the top of the
    /// file (`"funds.appropriation": { … }`).
    pub(crate) fn nested_help(self, section: &SectionSchema) -> String {
        let parent = section
            .key
            .rsplit_once('.')
            .map_or("", |(parent, _)| parent);
        let how = match (self.format, section.shape) {
            (Format::Toml, Shape::Record) => t!(DATA_HELP_TOML_HEADER, key = section.key),
            (Format::Toml, Shape::Rows) => t!(DATA_HELP_TOML_ROWS_HEADER, key = section.key),
            _ => self.section_help(section),
        };
        t!(DATA_PART_OF, key = section.key, parent, how)
    }

    /// What a value is, for "found …": ``text `abc` ``, ``the number `12` ``.
    pub(crate) fn found(self, node: &Node, written: &str) -> String {
        match &node.kind {
            Kind::Table(_) => self.table(),
            Kind::Array(_) => t!(DATA_FOUND_LIST),
            Kind::String(s) => t!(DATA_FOUND_TEXT, text = shorten(s)),
            Kind::Number(_) => t!(DATA_FOUND_NUMBER, number = shorten(written)),
            Kind::Bool(_) => t!(DATA_FOUND_BOOL, written),
            Kind::Date(_) => t!(DATA_FOUND_DATE, written),
            Kind::DateTime => t!(DATA_FOUND_DATE_TIME, written),
            Kind::Null => match self.format {
                Format::Yaml => t!(DATA_FOUND_EMPTY),
                Format::Toml | Format::Json => t!(DATA_FOUND_NULL),
            },
            Kind::Formula(f) => t!(DATA_FOUND_FORMULA, formula = formula(f)),
        }
    }
}

/// What a field of this type must be.
pub(crate) fn expected(ty: FieldType) -> String {
    match ty {
        FieldType::Text | FieldType::Measure => t!(DATA_EXPECT_TEXT),
        FieldType::Integer => t!(DATA_EXPECT_INTEGER),
        FieldType::Number => t!(DATA_EXPECT_NUMBER),
        FieldType::Amount => t!(DATA_EXPECT_AMOUNT),
        FieldType::Points => t!(DATA_EXPECT_POINTS),
        FieldType::Percent => t!(DATA_EXPECT_PERCENT),
        FieldType::Date => t!(DATA_EXPECT_DATE),
        FieldType::Bool => t!(DATA_EXPECT_BOOL),
    }
}

/// How to write a value of this type.
pub(crate) fn type_help(ty: FieldType) -> String {
    match ty {
        FieldType::Text | FieldType::Measure => t!(DATA_TYPE_HELP_TEXT),
        FieldType::Integer => t!(DATA_TYPE_HELP_INTEGER),
        FieldType::Number | FieldType::Amount | FieldType::Points => t!(DATA_TYPE_HELP_NUMBER),
        FieldType::Percent => t!(DATA_TYPE_HELP_PERCENT),
        FieldType::Date => t!(DATA_TYPE_HELP_DATE),
        FieldType::Bool => t!(DATA_TYPE_HELP_BOOL),
    }
}

/// A formula in words: ``the formula `=B7*C7` `` (its first line's first 60 characters), or "a
/// formula shared with other cells" where the reader does not tell it.
pub(crate) fn formula(text: &str) -> String {
    if text.is_empty() {
        return t!(DATA_SHARED_FORMULA);
    }
    t!(DATA_FORMULA, formula = cut(text, 60))
}

/// A long text cut to its first 24 characters, so that a message stays one line.
pub(crate) fn shorten(text: &str) -> String {
    cut(text, 24)
}

/// The first `n` characters of `text`'s first line, with `…` where anything is left out.
fn cut(text: &str, n: usize) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let mut short: String = first_line.chars().take(n).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}
