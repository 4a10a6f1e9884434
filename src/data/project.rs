//! A loaded project: one filled form, validated against its [`FormSchema`].
//!
//! Every value keeps the span of the text it came from, so that findings can point into
//! the project file. Values are exact: decimals are `Decimal`, never `f64`.
//!
//! [`FormSchema`]: super::schema::FormSchema

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::source::{SourceFile, Span};

/// One project file, loaded and validated.
#[derive(Clone, Debug)]
pub struct Project {
    /// The file it came from, for diagnostics.
    pub source: SourceFile,
    /// Present sections by key. Optional record sections that the file leaves out are
    /// absent here; optional rows sections that it leaves out are present and empty.
    /// Sub-sections are here under their full dotted keys (`funds.appropriation`), not
    /// among their parent's fields; those of an absent record are absent (rows: empty).
    pub sections: BTreeMap<String, SectionData>,
}

impl Project {
    /// The record section with this key, if present.
    #[must_use]
    pub fn record(&self, key: &str) -> Option<&Record> {
        self.sections.get(key)?.record()
    }

    /// The rows of the rows section with this key; none where absent.
    #[must_use]
    pub fn rows(&self, key: &str) -> &[Record] {
        self.sections.get(key).map_or(&[], SectionData::rows)
    }
}

/// The data of one section.
#[derive(Clone, Debug)]
pub enum SectionData {
    /// A single record.
    Record(Record),
    /// Rows, in file order.
    Rows(Vec<Record>),
}

impl SectionData {
    /// The record, if this is a record section.
    #[must_use]
    pub(crate) fn record(&self) -> Option<&Record> {
        match self {
            SectionData::Record(record) => Some(record),
            SectionData::Rows(_) => None,
        }
    }

    /// The rows, if this is a rows section; none otherwise.
    #[must_use]
    pub(crate) fn rows(&self) -> &[Record] {
        match self {
            SectionData::Rows(rows) => rows,
            SectionData::Record(_) => &[],
        }
    }
}

/// One record: a section's table or one row.
///
/// A record has a handful of fields and is read far more often than written: a list in
/// file order, searched by length and first byte before any text is compared, costs a
/// fraction of a tree's lookups (every rule reads fields by name, on every row).
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// Where the record is written (its header or opening brace).
    pub span: Span,
    /// Present fields in file order, each key once; an optional field left out is absent.
    fields: Vec<(String, Field)>,
}

impl Record {
    /// A record with no field yet, written at `span`.
    #[must_use]
    pub fn new(span: Span) -> Self {
        Record {
            span,
            fields: Vec::new(),
        }
    }

    /// A record with room for `fields` fields, written at `span`: a loader knows how
    /// many entries a table has, and a list grown one field at a time is copied twice
    /// on the way to a row's ten.
    #[must_use]
    pub fn with_capacity(span: Span, fields: usize) -> Self {
        Record {
            span,
            fields: Vec::with_capacity(fields),
        }
    }

    /// Sets a field, replacing a value the key already had.
    pub fn insert(&mut self, key: String, field: Field) {
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = field,
            None => self.fields.push((key, field)),
        }
    }

    /// Adds a field whose key the record does not have yet: the validator's, whose keys
    /// are unique already (a duplicate would be found first by [`Record::get`]).
    pub(crate) fn push_unique(&mut self, key: String, field: Field) {
        debug_assert!(self.get(&key).is_none(), "{key} twice");
        self.fields.push((key, field));
    }

    /// The field with this key, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Field> {
        let (len, first) = (key.len(), key.as_bytes().first());
        self.fields
            .iter()
            .find(|(k, _)| k.len() == len && k.as_bytes().first() == first && k == key)
            .map(|(_, field)| field)
    }

    /// The present fields, in the order the file writes them.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &Field)> {
        self.fields.iter().map(|(k, f)| (k.as_str(), f))
    }
}

/// One field's value and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The value, converted to the field's declared type.
    pub value: Datum,
    /// The span of the value's text in the project file.
    pub span: Span,
}

/// A value read from a project file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Datum {
    /// Text (also measures), as written, with a UTF-8 byte-order mark removed.
    Text(String),
    /// An exact decimal, with the scale it was written with (`94.0` keeps one decimal).
    Decimal(Decimal),
    /// A calendar date.
    Date(Date),
    /// A boolean.
    Bool(bool),
}
