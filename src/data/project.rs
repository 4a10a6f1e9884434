//! A loaded project: one filled form, validated against its [`FormSchema`].
//!
//! Every value keeps the span of the text it came from, so that findings can point into
//! the project file. Values are exact: decimals are `Decimal`, never `f64`.
//!
//! [`FormSchema`]: super::schema::FormSchema

use std::collections::BTreeMap;

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::schema::Stamp;
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
/// fraction of a tree's lookups (every rule reads fields by name, on every row). A
/// record the validator made also knows where each of the form's first
/// [`Record::INDEXED`] fields is, so that one read by its place in the form needs no
/// search at all ([`Record::get_at`]).
#[derive(Clone, Debug, Default)]
pub struct Record {
    /// Where the record is written (its header or opening brace).
    pub span: Span,
    /// Present fields in file order, each key once; an optional field left out is absent.
    fields: Vec<(String, Field)>,
    /// The schema `places` is of; [`Stamp::NONE`] where the record was made by hand.
    stamp: Stamp,
    /// For each of the schema's first fields, 1 + its position in `fields`, or 0 where
    /// the record leaves it out.
    places: [u8; Record::INDEXED],
    /// Optional fields a form's row leaves blank, each with the empty cell where its
    /// value would be: what is said of the missing value points there, not at the row.
    blanks: Vec<(String, Span)>,
}

/// A field's key with its place among its section's fields in a form
/// ([`SectionSchema::slot`]).
///
/// [`SectionSchema::slot`]: super::schema::SectionSchema::slot
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldKey<'k> {
    /// The field's key.
    pub key: &'k str,
    /// Its place among its section's fields.
    pub slot: usize,
}

impl Record {
    /// How many of a section's fields, the first in the form, a validated record knows
    /// the places of: a form's sections have a handful each (the indicator rows eight);
    /// a later field is found by its key.
    pub const INDEXED: usize = 16;

    /// A record with no field yet, written at `span`.
    #[must_use]
    pub fn new(span: Span) -> Self {
        Record::with_capacity(span, 0)
    }

    /// A record with room for `fields` fields, written at `span`: a loader knows how
    /// many entries a table has, and a list grown one field at a time is copied twice
    /// on the way to a row's ten.
    #[must_use]
    pub fn with_capacity(span: Span, fields: usize) -> Self {
        Record {
            span,
            fields: Vec::with_capacity(fields),
            stamp: Stamp::NONE,
            places: [0; Record::INDEXED],
            blanks: Vec::new(),
        }
    }

    /// An empty record that the validator fills against the schema stamped `stamp`
    /// ([`Record::push_unique`]).
    pub(crate) fn validated(span: Span, fields: usize, stamp: Stamp) -> Self {
        Record {
            stamp,
            ..Record::with_capacity(span, fields)
        }
    }

    /// Sets a field, replacing a value the key already had.
    pub fn insert(&mut self, key: String, field: Field) {
        match self.fields.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = field,
            None => {
                // Its place in the schema is not known: the record is read by key now.
                self.stamp = Stamp::NONE;
                self.fields.push((key, field));
            }
        }
    }

    /// Adds a field whose key the record does not have yet, at `slot` among its
    /// section's fields in the schema the record is validated against: the validator's,
    /// whose keys are unique already (a duplicate would be found first by
    /// [`Record::get`]).
    pub(crate) fn push_unique(&mut self, key: String, field: Field, slot: usize) {
        debug_assert!(self.get(&key).is_none(), "{key} twice");
        self.fields.push((key, field));
        let place = u8::try_from(self.fields.len()).ok();
        match (self.places.get_mut(slot), place) {
            (Some(at), Some(place)) => *at = place,
            // A field past the indexed ones is found by its key; a record with more
            // fields than a byte counts (no form has) is read by key throughout.
            (Some(_), None) => self.stamp = Stamp::NONE,
            (None, _) => {}
        }
    }

    /// The field with this key, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, field)| field)
    }

    /// The field with this key, if present: at once from its slot where the record was
    /// validated against the schema stamped `stamp` (the key is not compared: the slot
    /// was taken from that schema), and by its key otherwise.
    #[must_use]
    #[inline]
    pub fn get_at(&self, key: FieldKey<'_>, stamp: Stamp) -> Option<&Field> {
        if self.stamp == stamp
            && let Some(&place) = self.places.get(key.slot)
        {
            let at = usize::from(place).checked_sub(1)?;
            return self.fields.get(at).map(|(_, field)| field);
        }
        self.get(key.key)
    }

    /// Notes that the optional field `key` is left blank in the empty cell at `span`.
    pub(crate) fn note_blank(&mut self, key: String, span: Span) {
        self.blanks.push((key, span));
    }

    /// Where a field the record does not have would be written: the empty cell a form
    /// leaves it blank in, or the record itself.
    #[must_use]
    pub fn place_of_absent(&self, key: &str) -> Span {
        (self.blanks.iter())
            .find(|(k, _)| same_key(k, key))
            .map_or(self.span, |(_, span)| *span)
    }

    /// The present fields, in the order the file writes them.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &Field)> {
        self.fields.iter().map(|(k, f)| (k.as_str(), f))
    }
}

/// Whether a record's key is `key`: length and first byte tell most keys apart before
/// their texts are compared.
fn same_key(k: &str, key: &str) -> bool {
    k.len() == key.len() && k.as_bytes().first() == key.as_bytes().first() && k == key
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
