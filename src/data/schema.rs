//! The form a ruleset declares: which sections and fields a project file has.
//!
//! The schema is data built by `compile` from the ruleset's `form` block; the loader
//! validates project files against it. Nothing here knows a particular form.

/// All sections of a form, in declaration order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormSchema {
    /// Sections in the order the ruleset declares them.
    pub sections: Vec<SectionSchema>,
}

impl FormSchema {
    /// The section with this key.
    #[must_use]
    pub fn section(&self, key: &str) -> Option<&SectionSchema> {
        self.sections.iter().find(|s| s.key == key)
    }
}

/// One section of the form: a single record (`[budget]`) or a table of rows
/// (`[[indicators]]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSchema {
    /// The key in the project file (`budget`). A dotted key names a sub-section:
    /// `funds.appropriation` is the key `appropriation` inside the record section
    /// `funds` (`[funds.appropriation]` in TOML), and `a.b.c` the key `c` inside `a.b`.
    /// The parent must be a record section declared in the same form, without a field
    /// of that name; the loader ignores a sub-section whose parent is not.
    pub key: String,
    /// The form's own words for it (`市级预算执行情况（万元）`).
    pub label: String,
    /// A record or rows.
    pub shape: Shape,
    /// Whether a project file may leave the section out. Absent rows are no rows. A
    /// required sub-section is required only where its parent is present.
    pub optional: bool,
    /// Fields in declaration order.
    pub fields: Vec<FieldSchema>,
}

impl SectionSchema {
    /// The field with this key.
    #[must_use]
    pub fn field(&self, key: &str) -> Option<&FieldSchema> {
        self.fields.iter().find(|f| f.key == key)
    }
}

/// Whether a section holds one record or many rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One record: a TOML table, a JSON object.
    Record,
    /// Rows: a TOML array of tables, a JSON array of objects.
    Rows,
}

/// One field of a section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSchema {
    /// The key in the project file (`initial`).
    pub key: String,
    /// The form's own words for it (`年初预算数`).
    pub label: String,
    /// What values it takes.
    pub ty: FieldType,
    /// Whether a record may leave it out.
    pub optional: bool,
}

/// The type of a field's value, as the loader reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    /// Any text. A number given here keeps the text it was written as.
    Text,
    /// Text that the engine reads as `[OP] NUMBER [UNIT]` or a word: an indicator's
    /// target or actual value. Loaded exactly like `Text`.
    Measure,
    /// A whole number (a year).
    Integer,
    /// A plain decimal.
    Number,
    /// Money, in the form's unit (万元). A decimal.
    Amount,
    /// Points of score or weight. A decimal.
    Points,
    /// A percentage: `"95%"`, or a number of percentage points (`95`). Stored as the
    /// ratio (0.95).
    Percent,
    /// A calendar date: a TOML date or `"YYYY-MM-DD"`.
    Date,
    /// `true` or `false`.
    Bool,
}
