//! How messages name things in the file's own format: `[budget]` in TOML, `budget` in
//! JSON and YAML; "a table", "an object", "a mapping".
//!
//! Only wording lives here; no decision about what is an error.

use super::Format;
use super::schema::{FieldType, SectionSchema, Shape};
use super::tree::{Kind, Node};

/// Wording for one format.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Words {
    format: Format,
}

impl Words {
    /// Wording for files of this format.
    pub(crate) fn new(format: Format) -> Self {
        Words { format }
    }

    /// A section as the file writes it: `` `[budget]` ``, `` `[[indicators]]` ``, or
    /// `` `budget` `` outside TOML.
    pub(crate) fn section(self, section: &SectionSchema) -> String {
        match (self.format, section.shape) {
            (Format::Toml, Shape::Record) => format!("`[{}]`", section.key),
            (Format::Toml, Shape::Rows) => format!("`[[{}]]`", section.key),
            _ => format!("`{}`", section.key),
        }
    }

    /// A row of a rows section, counted from 1.
    pub(crate) fn row(self, section: &SectionSchema, index: usize) -> String {
        format!("row {} of {}", index + 1, self.section(section))
    }

    /// "a table", "an object" or "a mapping".
    pub(crate) fn table(self) -> &'static str {
        match self.format {
            Format::Toml => "a table",
            Format::Json => "an object",
            Format::Yaml => "a mapping",
        }
    }

    /// What a section must be.
    pub(crate) fn section_shape(self, shape: Shape) -> String {
        match shape {
            Shape::Record => self.table().to_owned(),
            Shape::Rows => match self.format {
                Format::Toml => "a list of tables".to_owned(),
                Format::Json => "a list of objects".to_owned(),
                Format::Yaml => "a list of mappings".to_owned(),
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
                (Format::Json, Shape::Record) => {
                    format!("write `\"{last}\": {{ … }}` inside `{parent}`, one object")
                }
                (Format::Json, Shape::Rows) => format!(
                    "write `\"{last}\": [ {{ … }}, {{ … }} ]` inside `{parent}`, a list of objects"
                ),
                (_, Shape::Record) => {
                    format!("write `{last}:` inside `{parent}`, followed by its fields, indented")
                }
                (_, Shape::Rows) => format!(
                    "write `{last}:` inside `{parent}`, followed by one `- ` item for each row"
                ),
            };
        }
        match (self.format, section.shape) {
            (Format::Toml, Shape::Record) => {
                format!(
                    "write `[{key}]`, with single brackets, above its fields: the section is one record"
                )
            }
            (Format::Toml, Shape::Rows) => {
                format!("write `[[{key}]]`, with double brackets, above each row")
            }
            (Format::Json, Shape::Record) => format!("write `\"{key}\": {{ … }}`, one object"),
            (Format::Json, Shape::Rows) => {
                format!("write `\"{key}\": [ {{ … }}, {{ … }} ]`, a list of objects")
            }
            (Format::Yaml, Shape::Record) => {
                format!("write `{key}:` followed by its fields, indented")
            }
            (Format::Yaml, Shape::Rows) => {
                format!("write `{key}:` followed by one `- ` item for each row")
            }
        }
    }

    /// How to add a missing section. Outside TOML, a sub-section is added by its last
    /// key inside its parent.
    pub(crate) fn missing_section_help(self, section: &SectionSchema) -> String {
        let key = &section.key;
        if let (Format::Json | Format::Yaml, Some((parent, last))) =
            (self.format, key.rsplit_once('.'))
        {
            return match (self.format, section.shape) {
                (Format::Json, Shape::Record) => {
                    format!("add `\"{last}\": {{ … }}` inside `{parent}`, with its fields")
                }
                (Format::Json, Shape::Rows) => format!(
                    "add `\"{last}\": [ … ]` inside `{parent}`, with one object for each row"
                ),
                (_, Shape::Record) => {
                    format!("add `{last}:` inside `{parent}`, with its fields, indented")
                }
                (_, Shape::Rows) => {
                    format!("add `{last}:` inside `{parent}`, with one `- ` item for each row")
                }
            };
        }
        match (self.format, section.shape) {
            (Format::Toml, Shape::Record) => format!("add a `[{key}]` table with its fields"),
            (Format::Toml, Shape::Rows) => format!("add a `[[{key}]]` table for each row"),
            (Format::Json, Shape::Record) => format!("add `\"{key}\": {{ … }}` with its fields"),
            (Format::Json, Shape::Rows) => {
                format!("add `\"{key}\": [ … ]` with one object for each row")
            }
            (Format::Yaml, Shape::Record) => format!("add `{key}:` with its fields, indented"),
            (Format::Yaml, Shape::Rows) => format!("add `{key}:` with one `- ` item for each row"),
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
            (Format::Toml, Shape::Record) => {
                format!("write the header `[{}]`, without quotes", section.key)
            }
            (Format::Toml, Shape::Rows) => {
                format!("write the header `[[{}]]`, without quotes", section.key)
            }
            _ => self.section_help(section),
        };
        format!("`{}` is a part of `{parent}`: {how}", section.key)
    }

    /// What a value is, for "found …": ``text `abc` ``, ``the number `12` ``.
    pub(crate) fn found(self, node: &Node, written: &str) -> String {
        match &node.kind {
            Kind::Table(_) => self.table().to_owned(),
            Kind::Array(_) => "a list".to_owned(),
            Kind::String(s) => format!("text `{}`", shorten(s)),
            Kind::Number(_) => format!("the number `{}`", shorten(written)),
            Kind::Bool(_) => format!("`{written}`"),
            Kind::Date(_) => format!("the date `{written}`"),
            Kind::DateTime => format!("the date and time `{written}`"),
            Kind::Null => match self.format {
                Format::Yaml => "an empty value".to_owned(),
                Format::Toml | Format::Json => "`null`".to_owned(),
            },
        }
    }
}

/// What a field of this type must be.
pub(crate) fn expected(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Measure => "text",
        FieldType::Integer => "a whole number",
        FieldType::Number => "a number",
        FieldType::Amount => "an amount",
        FieldType::Points => "a number of points",
        FieldType::Percent => "a percentage",
        FieldType::Date => "a date",
        FieldType::Bool => "`true` or `false`",
    }
}

/// How to write a value of this type.
pub(crate) fn type_help(ty: FieldType) -> &'static str {
    match ty {
        FieldType::Text | FieldType::Measure => "write the text in double quotes",
        FieldType::Integer => "write a whole number such as `2023`",
        FieldType::Number | FieldType::Amount | FieldType::Points => {
            "write a number such as `1679.7`, without units"
        }
        FieldType::Percent => "write a percentage such as `\"95%\"`, or the points `95`",
        FieldType::Date => "write a date such as `2023-12-31`",
        FieldType::Bool => "write `true` or `false`",
    }
}

/// A long text cut to its first 24 characters, so that a message stays one line.
pub(crate) fn shorten(text: &str) -> String {
    let first_line = text.lines().next().unwrap_or("");
    let mut short: String = first_line.chars().take(24).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}
