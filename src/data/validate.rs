//! The value tree against the form: which sections and fields exist, which are
//! required, and what each value means.
//!
//! The validator reports every problem it finds and goes on; it never stops at the first.
//! It does not parse text (the readers do) nor convert single values (`convert` does).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::Format;
use super::convert::{Value, convert};
use super::error::DataError;
use super::project::{Field, Record, SectionData};
use super::schema::{FieldSchema, FormSchema, SectionSchema, Shape};
use super::suggest::{Candidate, help_for, intended};
use super::tree::{Entry, Kind, Node};
use super::words::Words;
use crate::source::Span;

/// The sections of a project, or the problems that keep it from being one. The tree is
/// consumed as it is converted, so that a large file is not held twice.
pub(crate) fn validate(
    root: Node,
    schema: &FormSchema,
    format: Format,
    text: &str,
) -> Result<BTreeMap<String, SectionData>, Vec<DataError>> {
    let mut validator = Validator {
        schema,
        words: Words::new(format),
        text,
        errors: Vec::new(),
    };
    let sections = validator.file(root);
    if validator.errors.is_empty() {
        Ok(sections)
    } else {
        Err(validator.errors)
    }
}

struct Validator<'a> {
    schema: &'a FormSchema,
    words: Words,
    text: &'a str,
    errors: Vec<DataError>,
}

impl<'a> Validator<'a> {
    fn file(&mut self, root: Node) -> BTreeMap<String, SectionData> {
        let mut sections = BTreeMap::new();
        let entries = match root.kind {
            Kind::Table(entries) => entries,
            _ => {
                self.errors.push(DataError::WrongType {
                    what: "the file".to_owned(),
                    expected: format!("{} of sections", self.words.table()),
                    found: self.words.found(&root, self.written(root.span)),
                    span: root.span,
                    help: None,
                });
                return sections;
            }
        };
        // A misspelt section is reported once, as unknown, not also as missing.
        let mut present: HashSet<&str> = HashSet::new();
        for entry in self.unique(entries) {
            let Some(section) = self.schema.section(&entry.key) else {
                present.extend(self.unknown_section(&entry));
                continue;
            };
            present.insert(&section.key);
            if let Some(data) = self.section(section, entry) {
                sections.insert(section.key.clone(), data);
            }
        }
        for section in &self.schema.sections {
            if !present.contains(section.key.as_str()) {
                self.absent_section(section, &mut sections);
            }
        }
        sections
    }

    /// An absent optional rows section is present and empty; an absent optional record
    /// is absent; an absent required section is an error.
    fn absent_section(
        &mut self,
        section: &SectionSchema,
        sections: &mut BTreeMap<String, SectionData>,
    ) {
        match (section.optional, section.shape) {
            (true, Shape::Rows) => {
                sections.insert(section.key.clone(), SectionData::Rows(Vec::new()));
            }
            (true, Shape::Record) => {}
            (false, _) => self.errors.push(DataError::MissingSection {
                section: self.words.section(section),
                label: section.label.clone(),
                help: self.words.missing_section_help(section),
                span: Span::default(),
            }),
        }
    }

    fn section(&mut self, section: &'a SectionSchema, entry: Entry) -> Option<SectionData> {
        let span = section_span(&entry);
        match (section.shape, entry.value.kind) {
            (Shape::Record, Kind::Table(fields)) => {
                let place = self.words.section(section);
                let record = self.record(section, fields, span, &place);
                Some(SectionData::Record(record))
            }
            (Shape::Rows, Kind::Array(items)) => Some(SectionData::Rows(self.rows(section, items))),
            (_, kind) => {
                self.wrong_section_type(section, &Node::new(kind, entry.value.span));
                None
            }
        }
    }

    fn rows(&mut self, section: &'a SectionSchema, items: Vec<Node>) -> Vec<Record> {
        let mut rows = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let place = self.words.row(section, index);
            match item.kind {
                Kind::Table(fields) => rows.push(self.record(section, fields, item.span, &place)),
                kind => {
                    let item = Node::new(kind, item.span);
                    self.errors.push(DataError::WrongType {
                        what: place,
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

    fn record(
        &mut self,
        section: &'a SectionSchema,
        entries: Vec<Entry>,
        span: Span,
        place: &str,
    ) -> Record {
        let mut record = Record {
            span,
            fields: BTreeMap::new(),
        };
        // A misspelt field is reported once, as unknown, not also as missing.
        let mut present: HashSet<&str> = HashSet::new();
        for entry in self.unique(entries) {
            let Some(field) = section.field(&entry.key) else {
                present.extend(self.unknown_key(section, &entry, place));
                continue;
            };
            present.insert(&field.key);
            let Entry {
                key,
                key_span,
                value,
            } = entry;
            let value_span = value.span;
            if matches!(value.kind, Kind::Null) {
                // `null` (or an empty YAML value) means the value is not given. An empty
                // YAML value has no text to point at: its key stands for it.
                if !field.optional {
                    let span = if value_span.is_empty() {
                        key_span
                    } else {
                        value_span
                    };
                    self.missing_field(field, place, span, "given without a value");
                }
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
                    record.fields.insert(key, field);
                }
                Err(error) => self.errors.push(error),
            }
        }
        for field in &section.fields {
            if !field.optional && !present.contains(field.key.as_str()) {
                self.missing_field(field, place, span, "in this record");
            }
        }
        record
    }

    /// The entries of a table, each key once: later duplicates are reported and dropped.
    fn unique(&mut self, entries: Vec<Entry>) -> impl Iterator<Item = Entry> + use<> {
        let mut first: HashMap<&str, Span> = HashMap::new();
        let mut repeated = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            if let Some(first_span) = first.get(entry.key.as_str()) {
                self.errors.push(DataError::DuplicateKey {
                    key: entry.key.clone(),
                    span: entry.key_span,
                    first: Some(*first_span),
                });
                repeated.push(index);
            } else {
                first.insert(&entry.key, entry.key_span);
            }
        }
        entries
            .into_iter()
            .enumerate()
            .filter(move |(index, _)| !repeated.contains(index))
            .map(|(_, entry)| entry)
    }

    fn unknown_section(&mut self, entry: &Entry) -> Option<&'a str> {
        let candidates: Vec<Candidate<'_>> = self
            .schema
            .sections
            .iter()
            .map(|s| Candidate {
                key: &s.key,
                label: &s.label,
            })
            .collect();
        self.errors.push(DataError::UnknownSection {
            key: entry.key.clone(),
            span: entry.key_span,
            help: help_for(&entry.key, &candidates, "the sections are"),
        });
        intended(&entry.key, &candidates)
    }

    /// Reports an unknown field; returns the field it likely means.
    fn unknown_key(
        &mut self,
        section: &'a SectionSchema,
        entry: &Entry,
        place: &str,
    ) -> Option<&'a str> {
        let candidates: Vec<Candidate<'_>> = section
            .fields
            .iter()
            .map(|f| Candidate {
                key: &f.key,
                label: &f.label,
            })
            .collect();
        let noun = format!("the fields of {}", self.words.section(section));
        self.errors.push(DataError::UnknownKey {
            key: entry.key.clone(),
            place: place.to_owned(),
            section: self.words.section(section),
            span: entry.key_span,
            help: help_for(&entry.key, &candidates, &noun),
        });
        intended(&entry.key, &candidates)
    }

    fn missing_field(&mut self, field: &FieldSchema, place: &str, span: Span, why: &str) {
        self.errors.push(DataError::MissingField {
            key: field.key.clone(),
            label: field.label.clone(),
            place: place.to_owned(),
            span,
            why: why.to_owned(),
        });
    }

    fn wrong_section_type(&mut self, section: &SectionSchema, value: &Node) {
        self.errors.push(DataError::WrongType {
            what: format!("section `{}`", section.key),
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
