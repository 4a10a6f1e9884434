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
use crate::i18n::{msg, t};
use crate::source::Span;

/// The sections of a project, or the problems that keep it from being one. The tree is
/// consumed as it is converted, so that a large file is not held twice.
pub(crate) fn validate(
    root: Node,
    schema: &FormSchema,
    format: Format,
    text: &str,
) -> Result<BTreeMap<String, SectionData>, Vec<DataError>> {
    let layout = Layout::new(schema);
    let mut validator = Validator {
        layout: &layout,
        words: Words::new(format),
        text,
        sections: BTreeMap::new(),
        errors: Vec::new(),
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

impl<'a> Layout<'a> {
    fn new(schema: &'a FormSchema) -> Self {
        let mut layout = Layout {
            top: Vec::new(),
            children: HashMap::new(),
        };
        let mut seen: HashSet<&str> = HashSet::new();
        for section in &schema.sections {
            if !seen.insert(&section.key) {
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

    /// The top-level section with this key.
    fn top(&self, key: &str) -> Option<&'a SectionSchema> {
        self.top.iter().copied().find(|s| s.key == key)
    }
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
        // A misspelt section is reported once, as unknown, not also as missing.
        let mut present: HashSet<&str> = HashSet::new();
        for entry in self.unique(entries) {
            let Some(section) = self.layout.top(&entry.key) else {
                present.extend(self.unknown_section(&entry));
                continue;
            };
            present.insert(&section.key);
            self.section(section, entry);
        }
        let layout = self.layout;
        for section in &layout.top {
            if !present.contains(section.key.as_str()) {
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
                let place = self.words.section(section);
                let children = self.layout.children(section);
                let record = self.record(section, children, fields, span, &place);
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
            let place = self.words.row(section, index);
            match item.kind {
                Kind::Table(fields) => {
                    rows.push(self.record(section, &[], fields, item.span, &place));
                }
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

    /// One record of `section`: its fields, and the sub-sections among its entries,
    /// which go into `self.sections` under their own keys.
    fn record(
        &mut self,
        section: &'a SectionSchema,
        children: &'a [Child<'a>],
        entries: Vec<Entry>,
        span: Span,
        place: &str,
    ) -> Record {
        let mut record = Record::new(span);
        // A misspelt field or sub-section is reported once, as unknown, not also as
        // missing. Fields and sub-sections never share a key (see `Layout`).
        let mut present: HashSet<&str> = HashSet::new();
        for entry in self.unique(entries) {
            let Some(field) = section.field(&entry.key) else {
                if let Some(child) = children.iter().find(|c| c.key == entry.key) {
                    present.insert(child.key);
                    self.section(child.section, entry);
                } else {
                    present.extend(self.unknown_key(section, children, &entry, place));
                }
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
                    self.missing_field(field, place, span, t!(DATA_MISSING_FIELD_NULL));
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
                    record.insert(key, field);
                }
                Err(error) => self.errors.push(error),
            }
        }
        for field in &section.fields {
            if !field.optional && !present.contains(field.key.as_str()) {
                self.missing_field(field, place, span, t!(DATA_MISSING_FIELD_HERE));
            }
        }
        for child in children {
            if !present.contains(child.key) {
                self.absent_section(child.section, span);
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
        place: &str,
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
            place: place.to_owned(),
            section: self.words.section(section),
            span: entry.key_span,
            help: help_for(&entry.key, &candidates, &noun),
        });
        intended(&entry.key, &candidates)
    }

    fn missing_field(&mut self, field: &FieldSchema, place: &str, span: Span, why: String) {
        self.errors.push(DataError::MissingField {
            key: field.key.clone(),
            label: field.label.clone(),
            place: place.to_owned(),
            span,
            why,
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
        let schema = FormSchema {
            sections: vec![
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
            ],
        };
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
}
