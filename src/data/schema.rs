//! The form a ruleset declares: which sections and fields a project file has.
//!
//! The schema is data built by `compile` from the ruleset's `form` block; the loader
//! validates project files against it. Nothing here knows a particular form.

use std::sync::atomic::{AtomicU64, Ordering};

/// All sections of a form, in declaration order.
///
/// A schema does not change once made, and each one made carries a stamp no other
/// schema made in the process has (a clone keeps it, as it keeps every field): a record
/// validated against a schema remembers its stamp, and whoever asks the record for a
/// field by its place in a form with the same stamp is answered without a search
/// ([`Record::get_at`]).
///
/// [`Record::get_at`]: super::project::Record::get_at
#[derive(Clone, Debug)]
pub struct FormSchema {
    /// Sections in the order the ruleset declares them.
    sections: Vec<SectionSchema>,
    /// This schema's stamp.
    stamp: Stamp,
}

/// Which schema a record was validated against: unique to one [`FormSchema`] made in
/// this process. No schema has [`Stamp::NONE`], the stamp of a record made by hand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Stamp(u64);

impl Stamp {
    /// The stamp of no schema.
    pub const NONE: Stamp = Stamp(0);

    /// A stamp no schema has had yet.
    fn next() -> Stamp {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Stamp(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for FormSchema {
    fn default() -> Self {
        FormSchema::new(Vec::new())
    }
}

/// Schemas are equal where their sections are; the stamp only tells two apart that
/// were made separately.
impl PartialEq for FormSchema {
    fn eq(&self, other: &Self) -> bool {
        self.sections == other.sections
    }
}

impl Eq for FormSchema {}

impl FormSchema {
    /// A schema of these sections, with a stamp of its own.
    #[must_use]
    pub fn new(sections: Vec<SectionSchema>) -> Self {
        FormSchema {
            sections,
            stamp: Stamp::next(),
        }
    }

    /// The sections, in the order the ruleset declares them.
    #[must_use]
    pub fn sections(&self) -> &[SectionSchema] {
        &self.sections
    }

    /// The stamp that records validated against this schema carry.
    #[must_use]
    pub fn stamp(&self) -> Stamp {
        self.stamp
    }

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

    /// The field's place among the section's fields: its slot, by which a record
    /// validated against the form finds it ([`Record::get_at`]).
    ///
    /// [`Record::get_at`]: super::project::Record::get_at
    #[must_use]
    pub fn slot(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
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
