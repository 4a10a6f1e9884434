//! The value tree against the form: which sections and fields exist, which are
//! required, and what each value means.
//!
//! The validator reports every problem it finds and goes on; it never stops at the first.
//! It does not parse text (the readers do) nor convert single values (`convert` does).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::convert::{Value, convert};
use super::error::DataError;
use super::project::{Field, Record, SectionData};
use super::schema::{FieldSchema, FormSchema, SectionSchema, Shape, Stamp};
use super::suggest::{Candidate, help_for, intended};
use super::tree::{Entry, Kind, Node};
use super::words::{self, Words};
use crate::i18n::{msg, t};
use crate::source::Span;

/// The sections of a project, or the problems that keep it from being one. The tree is
/// consumed as it is converted, so that a large file is not held twice.
pub(crate) fn validate(
    root: Node,
    schema: &FormSchema,
    words: Words,
    text: &str,
) -> Result<BTreeMap<String, SectionData>, Vec<DataError>> {
    let layout = Layout::new(schema);
    let mut validator = Validator {
        layout: &layout,
        words,
        text,
        sections: BTreeMap::new(),
        errors: Vec::new(),
        stamp: schema.stamp(),
    };
    validator.file(root);
    if validator.errors.is_empty() {
        Ok(validator.sections)
    } else {
        Err(validator.errors)
    }
}

/// Where each section of the form sits in a file: at the top, or as a sub-section
/// inside a record section.
///
/// A section key `a.b` names the key `b` inside the table of the record section `a`,
/// and `a.b.c` the key `c` inside `a.b`. A dotted key whose parent is not a declared
/// record section (nor reachable itself), whose last part is empty, or whose last
/// part is also a field of the parent, cannot be written in any file: the validator
/// treats it as no section at all, neither expected nor reported missing. Of sections
/// declared twice, the first counts.
struct Layout<'a> {
    /// The top-level sections, in declaration order.
    top: Vec<&'a SectionSchema>,
    /// The sub-sections of each record section, by the parent's key, in declaration
    /// order.
    children: HashMap<&'a str, Vec<Child<'a>>>,
}

/// A sub-section and its key inside its parent's table.
#[derive(Clone, Copy)]
struct Child<'a> {
    /// The last part of the section's key (`appropriation` for `funds.appropriation`).
    key: &'a str,
    /// The sub-section.
    section: &'a SectionSchema,
}

/// The most sections of a form whose keys `Layout::new` compares pairwise.
const SMALL_FORM: usize = 32;

impl<'a> Layout<'a> {
    fn new(schema: &'a FormSchema) -> Self {
        let mut layout = Layout {
            top: Vec::new(),
            children: HashMap::new(),
        };
        // Most forms have a few sections, whose keys are compared with the earlier
        // ones rather than hashed at every load.
        let small = schema.sections().len() <= SMALL_FORM;
        let mut seen: HashSet<&str> = HashSet::new();
        for (at, section) in schema.sections().iter().enumerate() {
            let first = if small {
                let earlier = schema.sections().get(..at).unwrap_or_default();
                earlier.iter().all(|s| s.key != section.key)
            } else {
                seen.insert(&section.key)
            };
            if !first {
                continue;
            }
            match section.key.rsplit_once('.') {
                None => layout.top.push(section),
                Some((parent, key)) if reachable(schema, &section.key) => {
                    let child = Child { key, section };
                    layout.children.entry(parent).or_default().push(child);
                }
                Some(_) => {}
            }
        }
        layout
    }

    /// The sub-sections of a section; none for rows and for sections without any.
    fn children(&self, section: &SectionSchema) -> &[Child<'a>] {
        self.children
            .get(section.key.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// The position of the top-level section with this key.
    fn top(&self, key: &str) -> Option<usize> {
        self.top.iter().position(|s| s.key == key)
    }
}

/// The position of the field with this key, trying `hint` first.
fn field_position(fields: &[FieldSchema], hint: usize, key: &str) -> Option<usize> {
    if fields.get(hint).is_some_and(|f| f.key == key) {
        return Some(hint);
    }
    fields.iter().position(|f| f.key == key)
}

/// Whether a file can hold the section with this key: a top-level key, or a sub-section
/// of a reachable record section that has no field of the same name. Walks up one
/// parent at a time, without recursion, however many dots a key has.
fn reachable(schema: &FormSchema, key: &str) -> bool {
    let mut key = key;
    while let Some((parent_key, last)) = key.rsplit_once('.') {
        let Some(parent) = schema.section(parent_key) else {
            return false;
        };
        if last.is_empty() || parent.shape != Shape::Record || parent.field(last).is_some() {
            return false;
        }
        key = parent_key;
    }
    true
}

struct Validator<'a> {
    layout: &'a Layout<'a>,
    words: Words,
    text: &'a str,
    /// The sections converted so far, by their full keys.
    sections: BTreeMap<String, SectionData>,
    errors: Vec<DataError>,
    /// The schema's stamp, which each record made here carries.
    stamp: Stamp,
}

impl<'a> Validator<'a> {
    fn file(&mut self, root: Node) {
        let entries = match root.kind {
            Kind::Table(entries) => entries,
            _ => {
                self.errors.push(DataError::WrongType {
                    what: t!(DATA_THE_FILE),
                    expected: t!(DATA_TABLE_OF_SECTIONS, table = self.words.table()),
                    found: self.words.found(&root, self.written(root.span)),
                    span: root.span,
                    help: None,
                });
                return;
            }
        };
        // A misspelt section is reported once, as unknown, not also as missing. The
        // top-level keys are unique (see `Layout`): one mark per position.
        let layout = self.layout;
        let mut present = Seen::new(layout.top.len());
        for entry in self.unique(entries, None) {
            let Some(at) = layout.top(&entry.key) else {
                let intended = self.unknown_section(&entry);
                present.extend(intended.and_then(|key| layout.top(key)));
                continue;
            };
            present.mark(at);
            if let Some(section) = layout.top.get(at) {
                self.section(section, entry);
            }
        }
        for (at, section) in layout.top.iter().enumerate() {
            if !present.has(at) {
                self.absent_section(section, Span::default());
            }
        }
    }

    /// An absent optional rows section is present and empty; an absent optional record
    /// is absent; an absent required section is an error at `at` (the start of the
    /// file, or the header of the record that should hold it). The sub-sections of an
    /// absent record are absent too, without error, and rows among them are empty.
    fn absent_section(&mut self, section: &SectionSchema, at: Span) {
        match (section.optional, section.shape) {
            (true, Shape::Rows) => {
                self.sections
                    .insert(section.key.clone(), SectionData::Rows(Vec::new()));
            }
            (true, Shape::Record) => {}
            (false, _) => self.errors.push(DataError::MissingSection {
                section: self.words.section(section),
                label: section.label.clone(),
                help: self.words.missing_section_help(section),
                span: at,
                form: self.words.is_form(),
            }),
        }
        self.absent_below(section);
    }

    /// Empty rows for each rows section below an absent record, at any depth.
    fn absent_below(&mut self, section: &SectionSchema) {
        let layout = self.layout;
        // Iterative, so that no schema can make it recurse deeply.
        let mut pending: Vec<&SectionSchema> = vec![section];
        while let Some(parent) = pending.pop() {
            for child in layout.children(parent) {
                if child.section.shape == Shape::Rows {
                    self.sections
                        .insert(child.section.key.clone(), SectionData::Rows(Vec::new()));
                }
                pending.push(child.section);
            }
        }
    }

    /// Converts one section, top-level or nested, into `self.sections`.
    fn section(&mut self, section: &'a SectionSchema, entry: Entry) {
        let span = section_span(&entry);
        let data = match (section.shape, entry.value.kind) {
            (Shape::Record, Kind::Table(fields)) => {
                let children = self.layout.children(section);
                let place = Place::Section(section);
                let record = self.record(section, children, fields, span, place);
                SectionData::Record(record)
            }
            (Shape::Rows, Kind::Array(items)) => SectionData::Rows(self.rows(section, items)),
            (_, kind) => {
                self.wrong_section_type(section, &Node::new(kind, entry.value.span));
                return;
            }
        };
        self.sections.insert(section.key.clone(), data);
    }

    fn rows(&mut self, section: &'a SectionSchema, items: Vec<Node>) -> Vec<Record> {
        let mut rows = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let place = Place::Row(section, index);
            match item.kind {
                Kind::Table(fields) => {
                    rows.push(self.record(section, &[], fields, item.span, place));
                }
                kind => {
                    let item = Node::new(kind, item.span);
                    self.errors.push(DataError::WrongType {
                        what: place.words(self.words),
                        expected: self.words.table().to_owned(),
                        found: self.words.found(&item, self.written(item.span)),
                        span: item.span,
                        help: Some(self.words.section_help(section)),
                    });
                }
            }
        }
        rows
    }

    /// One record of `section`: its fields, and the sub-sections among its entries,
    /// which go into `self.sections` under their own keys.
    fn record(
        &mut self,
        section: &'a SectionSchema,
        children: &'a [Child<'a>],
        entries: Vec<Entry>,
        span: Span,
        place: Place<'a>,
    ) -> Record {
        let capacity = entries.len().min(section.fields.len());
        let mut record = Record::validated(span, capacity, self.stamp);
        // A misspelt field or sub-section is reported once, as unknown, not also as
        // missing. Fields and sub-sections never share a key (see `Layout`), so one
        // mark per position tells both: fields first, then sub-sections.
        let fields = &section.fields;
        let mut present = Seen::new(fields.len() + children.len());
        // Files mostly write a section's fields in the form's order: the field after
        // the last one found is tried first.
        let mut next = 0;
        for entry in self.unique(entries, Some(section)) {
            let Some(at) = field_position(fields, next, &entry.key) else {
                if let Some(at) = children.iter().position(|c| c.key == entry.key) {
                    present.mark(fields.len() + at);
                    if let Some(child) = children.get(at) {
                        self.section(child.section, entry);
                    }
                } else if let Some(key) = self.unknown_key(section, children, &entry, place) {
                    let at = fields.iter().position(|f| f.key == key).or_else(|| {
                        let child = children.iter().position(|c| c.key == key)?;
                        Some(fields.len() + child)
                    });
                    present.extend(at);
                }
                continue;
            };
            present.mark(at);
            next = at + 1;
            let Some(field) = fields.get(at) else {
                continue;
            };
            let Entry {
                key,
                key_span,
                value,
            } = entry;
            let value_span = value.span;
            if matches!(value.kind, Kind::Null) {
                // `null` (or an empty YAML value) means the value is not given. An empty
                // YAML value has no text to point at: its key stands for it.
                let span = if value_span.is_empty() {
                    key_span
                } else {
                    value_span
                };
                if field.optional {
                    // Where a missing value is said to be (a form's blank cell).
                    record.note_blank(key, span);
                } else {
                    let why = if self.words.is_form() {
                        t!(DATA_MISSING_FORM_FIELD_BLANK)
                    } else {
                        t!(DATA_MISSING_FIELD_NULL)
                    };
                    self.missing_field(field, place, span, why);
                }
                continue;
            }
            if let Kind::Formula(formula) = &value.kind {
                // Unknown, not absent (the importer gives one for a required field only).
                self.uncalculated(field, place, value_span, formula);
                continue;
            }
            let value = Value {
                node: value,
                written: self.written(value_span),
                field,
                words: self.words,
            };
            match convert(value) {
                Ok(datum) => {
                    let field = Field {
                        value: datum,
                        span: value_span,
                    };
                    // Keys are unique here (`unique`), each a field of the form.
                    record.push_unique(key, field, at);
                }
                Err(error) => self.errors.push(error),
            }
        }
        for (at, field) in fields.iter().enumerate() {
            if !field.optional && !present.has(at) && !given_earlier(fields, at, &present) {
                self.missing_field(field, place, span, t!(DATA_MISSING_FIELD_HERE));
            }
        }
        for (at, child) in children.iter().enumerate() {
            if !present.has(fields.len() + at) {
                self.absent_section(child.section, span);
            }
        }
        record
    }

    /// The entries of a table, each key once: later duplicates are reported and dropped.
    fn unique(&mut self, entries: Vec<Entry>, section: Option<&SectionSchema>) -> Vec<Entry> {
        let repeated = if entries.len() <= SMALL_TABLE {
            self.repeated_small(&entries, section)
        } else {
            self.repeated_large(&entries, section)
        };
        if repeated.is_empty() {
            return entries;
        }
        entries
            .into_iter()
            .enumerate()
            .filter(|(index, _)| repeated.binary_search(index).is_err())
            .map(|(_, entry)| entry)
            .collect()
    }

    /// The positions of repeated keys (ascending) in a table of a few entries, each
    /// compared with those before it: cheaper than hashing every key of every row.
    fn repeated_small(&mut self, entries: &[Entry], section: Option<&SectionSchema>) -> Vec<usize> {
        let mut repeated = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let earlier = entries.get(..index).unwrap_or_default();
            if let Some(first) = earlier.iter().find(|e| e.key == entry.key) {
                self.duplicate(entry, first.key_span, section);
                repeated.push(index);
            }
        }
        repeated
    }

    /// The positions of repeated keys (ascending) in a larger table.
    fn repeated_large(&mut self, entries: &[Entry], section: Option<&SectionSchema>) -> Vec<usize> {
        let mut first: HashMap<&str, Span> = HashMap::with_capacity(entries.len());
        let mut repeated = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            if let Some(first_span) = first.get(entry.key.as_str()) {
                self.duplicate(entry, *first_span, section);
                repeated.push(index);
            } else {
                first.insert(&entry.key, entry.key_span);
            }
        }
        repeated
    }

    /// A key given twice; on a form, named by its column's label (`自评分`, not
    /// `self_score`, which the form never shows).
    fn duplicate(&mut self, entry: &Entry, first: Span, section: Option<&SectionSchema>) {
        let field = section.and_then(|s| s.fields.iter().find(|f| f.key == entry.key));
        let key = match field {
            Some(field) => self.words.key(field),
            None => entry.key.clone(),
        };
        self.errors.push(DataError::DuplicateKey {
            key,
            span: entry.key_span,
            first: Some(first),
        });
    }

    fn unknown_section(&mut self, entry: &Entry) -> Option<&'a str> {
        let candidates: Vec<Candidate<'a>> = self
            .layout
            .top
            .iter()
            .map(|s| Candidate {
                key: &s.key,
                label: &s.label,
            })
            .collect();
        let help = match self.nested(&entry.key) {
            Some(section) => Some(self.words.nested_help(section)),
            None => help_for(&entry.key, &candidates, &t!(DATA_SECTIONS_ARE)),
        };
        self.errors.push(DataError::UnknownSection {
            key: entry.key.clone(),
            span: entry.key_span,
            help,
        });
        intended(&entry.key, &candidates)
    }

    /// The sub-section whose full key this is: `"funds.appropriation"` written at the
    /// top of a JSON file.
    fn nested(&self, key: &str) -> Option<&'a SectionSchema> {
        let (parent, _) = key.rsplit_once('.')?;
        let children = self.layout.children.get(parent)?;
        children
            .iter()
            .find(|c| c.section.key == key)
            .map(|c| c.section)
    }

    /// Reports an unknown field; returns the field or sub-section it likely means.
    fn unknown_key(
        &mut self,
        section: &'a SectionSchema,
        children: &'a [Child<'a>],
        entry: &Entry,
        place: Place<'a>,
    ) -> Option<&'a str> {
        let fields = section.fields.iter().map(|f| Candidate {
            key: &f.key,
            label: &f.label,
        });
        let subsections = children.iter().map(|c| Candidate {
            key: c.key,
            label: &c.section.label,
        });
        let candidates: Vec<Candidate<'a>> = fields.chain(subsections).collect();
        let noun = if children.is_empty() {
            t!(DATA_FIELDS_OF, section = self.words.section(section))
        } else {
            t!(
                DATA_FIELDS_AND_SUBSECTIONS_OF,
                section = self.words.section(section)
            )
        };
        let table = matches!(entry.value.kind, Kind::Table(_) | Kind::Array(_));
        let what = if table && !children.is_empty() {
            msg!(DATA_WORD_SUB_SECTION)
        } else {
            msg!(DATA_WORD_FIELD)
        };
        self.errors.push(DataError::UnknownKey {
            what,
            key: entry.key.clone(),
            place: place.words(self.words),
            section: self.words.section(section),
            span: entry.key_span,
            help: help_for(&entry.key, &candidates, &noun),
        });
        intended(&entry.key, &candidates)
    }

    fn missing_field(&mut self, field: &FieldSchema, place: Place<'_>, span: Span, why: String) {
        self.errors.push(DataError::MissingField {
            key: self.words.key(field),
            label: field.label.clone(),
            place: place.words(self.words),
            span,
            why,
            form: self.words.is_form(),
        });
    }

    fn uncalculated(&mut self, field: &FieldSchema, place: Place<'_>, span: Span, formula: &str) {
        self.errors.push(DataError::UncalculatedFormula {
            key: self.words.key(field),
            label: field.label.clone(),
            place: place.words(self.words),
            formula: words::formula(formula),
            span,
            form: self.words.is_form(),
        });
    }

    fn wrong_section_type(&mut self, section: &SectionSchema, value: &Node) {
        self.errors.push(DataError::WrongType {
            what: t!(DATA_SECTION_NAMED, key = section.key),
            expected: self.words.section_shape(section.shape),
            found: self.words.found(value, self.written(value.span)),
            span: value.span,
            help: Some(self.words.section_help(section)),
        });
    }

    fn written(&self, span: Span) -> &'a str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }
}

/// Tables up to this many entries find repeated keys by comparing each key with those
/// before it; larger ones hash them.
const SMALL_TABLE: usize = 16;

/// Which record a message is about, worded only when a message is made: most records
/// have nothing to report.
#[derive(Clone, Copy)]
enum Place<'a> {
    /// A record section.
    Section(&'a SectionSchema),
    /// A row of a rows section, counted from 0.
    Row(&'a SectionSchema, usize),
}

impl Place<'_> {
    /// The record as messages name it: `` `[budget]` ``, ``row 2 of `[[indicators]]` ``.
    fn words(self, words: Words) -> String {
        match self {
            Place::Section(section) => words.section(section),
            Place::Row(section, index) => words.row(section, index),
        }
    }
}

/// Which of a table's expected keys are written, by their positions: a bit set, in
/// place of a set of keys hashed for every record.
enum Seen {
    /// Up to 64 positions.
    Few(u64),
    /// More.
    Many(Vec<bool>),
}

impl Seen {
    fn new(positions: usize) -> Self {
        if positions <= 64 {
            Seen::Few(0)
        } else {
            Seen::Many(vec![false; positions])
        }
    }

    fn mark(&mut self, at: usize) {
        match self {
            Seen::Few(bits) => *bits |= bit(at),
            Seen::Many(marks) => {
                if let Some(mark) = marks.get_mut(at) {
                    *mark = true;
                }
            }
        }
    }

    fn extend(&mut self, at: Option<usize>) {
        if let Some(at) = at {
            self.mark(at);
        }
    }

    fn has(&self, at: usize) -> bool {
        match self {
            Seen::Few(bits) => *bits & bit(at) != 0,
            Seen::Many(marks) => marks.get(at).copied().unwrap_or(false),
        }
    }
}

/// The bit of a position below 64; none for any other.
fn bit(at: usize) -> u64 {
    u32::try_from(at)
        .ok()
        .and_then(|shift| 1u64.checked_shl(shift))
        .unwrap_or(0)
}

/// Whether a field that a form (built by hand, not by `compile`) declares twice was
/// given under its first declaration, which is the one an entry marks.
fn given_earlier(fields: &[FieldSchema], at: usize, present: &Seen) -> bool {
    let earlier = fields.get(..at).unwrap_or_default();
    let key = fields.get(at).map(|f| f.key.as_str());
    earlier
        .iter()
        .position(|f| Some(f.key.as_str()) == key)
        .is_some_and(|first| present.has(first))
}

/// Where a section's record is written: its TOML header where it has one (the header
/// contains the key), else its key (`"budget": {`, `budget:`, `budget = {`).
fn section_span(entry: &Entry) -> Span {
    let node = entry.value.span;
    let key = entry.key_span;
    if node.start <= key.start && key.end <= node.end {
        node
    } else {
        key
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Format;
    use crate::data::project::{Datum, FieldKey};
    use crate::data::schema::FieldType;

    fn section(key: &str, shape: Shape, fields: &[&str]) -> SectionSchema {
        SectionSchema {
            key: key.into(),
            label: String::new(),
            shape,
            optional: false,
            fields: fields
                .iter()
                .map(|f| FieldSchema {
                    key: (*f).into(),
                    label: String::new(),
                    ty: FieldType::Text,
                    optional: false,
                })
                .collect(),
        }
    }

    #[test]
    fn sub_sections_sit_under_record_sections_only() {
        let schema = FormSchema::new(vec![
            section("a.b.c", Shape::Record, &[]),
            section("a", Shape::Record, &["f"]),
            section("a.b", Shape::Rows, &[]),
            section("a.f", Shape::Record, &[]),
            section("a.", Shape::Record, &[]),
            section("r", Shape::Rows, &[]),
            section("r.x", Shape::Record, &[]),
            section("none.x", Shape::Record, &[]),
            section("a.d", Shape::Record, &[]),
            section("a.d.e", Shape::Rows, &[]),
            section("a.d", Shape::Rows, &[]),
        ]);
        let layout = Layout::new(&schema);
        let top: Vec<&str> = layout.top.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(top, ["a", "r"]);
        let mut parents: Vec<(&str, Vec<&str>)> = layout
            .children
            .iter()
            .map(|(parent, children)| (*parent, children.iter().map(|c| c.key).collect()))
            .collect();
        parents.sort_unstable();
        assert_eq!(parents, [("a", vec!["b", "d"]), ("a.d", vec!["e"])]);
    }

    /// Of sections declared twice the first counts, in small forms (keys compared
    /// pairwise) and large ones (keys hashed) alike.
    #[test]
    fn the_first_of_sections_declared_twice_counts() {
        for count in [3, SMALL_FORM + 8] {
            let mut sections: Vec<SectionSchema> = (0..count)
                .map(|i| section(&format!("s{i}"), Shape::Record, &[]))
                .collect();
            sections.push(section("s1", Shape::Rows, &[]));
            let schema = FormSchema::new(sections);
            let layout = Layout::new(&schema);
            assert_eq!(layout.top.len(), count, "{count} sections");
            let s1 = layout.top.get(layout.top("s1").unwrap()).unwrap();
            assert_eq!(s1.shape, Shape::Record, "{count} sections");
        }
    }

    /// A record of `keys` at one offset each, all text, in a file with one section `s`.
    fn file_of(keys: &[String]) -> Node {
        let entries = keys
            .iter()
            .enumerate()
            .map(|(at, key)| Entry {
                key: key.clone(),
                key_span: Span::new(at, at + 1),
                value: Node::new(Kind::String(key.clone()), Span::new(at, at + 1)),
            })
            .collect();
        let record = Node::new(Kind::Table(entries), Span::new(0, 0));
        let section = Entry {
            key: "s".into(),
            key_span: Span::new(0, 0),
            value: record,
        };
        Node::new(Kind::Table(vec![section]), Span::default())
    }

    /// Duplicates and missing fields are found alike in small tables and in tables too
    /// large to compare key by key or to mark in one word.
    #[test]
    fn repeated_and_missing_keys_in_small_and_large_tables() {
        for count in [5, 70] {
            let names: Vec<String> = (0..count).map(|i| format!("f{i}")).collect();
            let declared: Vec<&str> = names.iter().map(String::as_str).collect();
            let schema = FormSchema::new(vec![section("s", Shape::Record, &declared)]);
            // All but the last field, then the second field again, twice.
            let mut written: Vec<String> = names.iter().take(count - 1).cloned().collect();
            written.push("f1".into());
            written.push("f1".into());
            let errors =
                validate(file_of(&written), &schema, Words::new(Format::Json), "").unwrap_err();
            let found: Vec<(&str, Span)> = errors.iter().map(|e| (e.code(), e.span())).collect();
            let last = count - 1;
            assert_eq!(
                found,
                [
                    ("perfeval::data::duplicate_key", Span::new(last, last + 1)),
                    ("perfeval::data::duplicate_key", Span::new(count, count + 1)),
                    ("perfeval::data::missing_field", Span::new(0, 0)),
                ],
                "{count} fields"
            );
            let firsts: Vec<Option<Span>> = errors
                .iter()
                .filter_map(|e| match e {
                    DataError::DuplicateKey { first, .. } => Some(*first),
                    _ => None,
                })
                .collect();
            assert_eq!(firsts, [Some(Span::new(1, 2)); 2], "{count} fields");
        }
    }

    /// A record read against `schema`: the one record section `s`, from JSON.
    fn record_of(schema: &FormSchema, json: &str) -> Record {
        let source = crate::source::SourceFile::new("t.json", json.to_owned());
        let project = crate::data::load_str(source, Format::Json, schema).unwrap();
        project.record("s").unwrap().clone()
    }

    fn optional(mut section: SectionSchema) -> SectionSchema {
        for field in &mut section.fields {
            field.optional = true;
        }
        section
    }

    /// Every field of a validated record is found by its slot in the schema, wherever
    /// the file writes it and whatever it leaves out; a stamp of another schema (even one
    /// equal to it) is answered by key, so a slot that is not the field's finds nothing
    /// wrong.
    #[test]
    fn a_validated_record_is_read_by_slot_only_under_its_own_schema() {
        let keys = ["a", "b", "c", "d"];
        let schema = FormSchema::new(vec![optional(section("s", Shape::Record, &keys))]);
        let record = record_of(&schema, r#"{"s": {"d": "4", "b": "2", "a": "1"}}"#);
        let text = |f: Option<&Field>| match f.map(|f| &f.value) {
            Some(Datum::Text(t)) => Some(t.clone()),
            _ => None,
        };
        let own = schema.stamp();
        for (slot, expected) in [(0, Some("1")), (1, Some("2")), (2, None), (3, Some("4"))] {
            let key = FieldKey {
                key: keys[slot],
                slot,
            };
            assert_eq!(text(record.get_at(key, own)).as_deref(), expected, "{slot}");
        }
        let equal = schema.clone();
        assert_eq!(equal.stamp(), own, "a clone is the same schema");
        let other = FormSchema::new(schema.sections().to_vec());
        assert_eq!(other, schema);
        assert_ne!(other.stamp(), own);
        // The key `d` asked for at `a`'s slot: by key under another stamp.
        let wrong_slot = FieldKey { key: "d", slot: 0 };
        assert_eq!(
            text(record.get_at(wrong_slot, other.stamp())).as_deref(),
            Some("4")
        );
        assert_eq!(
            text(record.get_at(wrong_slot, Stamp::NONE)).as_deref(),
            Some("4")
        );
        assert_eq!(text(record.get_at(wrong_slot, own)).as_deref(), Some("1"));
    }

    /// A field added by hand has no slot: the record is read by key from then on.
    #[test]
    fn a_field_added_by_hand_is_found_by_key() {
        let schema = FormSchema::new(vec![optional(section("s", Shape::Record, &["a", "b"]))]);
        let mut record = record_of(&schema, r#"{"s": {"a": "1"}}"#);
        let b = FieldKey { key: "b", slot: 1 };
        assert!(record.get_at(b, schema.stamp()).is_none());
        let field = Field {
            value: Datum::Text("2".to_owned()),
            span: Span::default(),
        };
        record.insert("b".to_owned(), field.clone());
        assert_eq!(record.get_at(b, schema.stamp()), Some(&field));
    }

    /// Fields past the first [`Record::INDEXED`] of a section are found by key.
    #[test]
    fn fields_past_the_indexed_ones_are_found_by_key() {
        let names: Vec<String> = (0..Record::INDEXED + 4).map(|i| format!("f{i}")).collect();
        let keys: Vec<&str> = names.iter().map(String::as_str).collect();
        let schema = FormSchema::new(vec![section("s", Shape::Record, &keys)]);
        let fields: Vec<String> = keys
            .iter()
            .rev()
            .map(|k| format!(r#""{k}": "{k}""#))
            .collect();
        let record = record_of(&schema, &format!(r#"{{"s": {{{}}}}}"#, fields.join(", ")));
        for (slot, key) in keys.iter().enumerate() {
            let found = record.get_at(FieldKey { key, slot }, schema.stamp());
            assert_eq!(
                found.map(|f| &f.value),
                Some(&Datum::Text((*key).to_owned()))
            );
        }
    }
}
