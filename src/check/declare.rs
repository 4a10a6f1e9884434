//! The first pass: the header, the form and the names every other item refers to.
//!
//! Nothing here looks inside expressions; names are collected so that the second pass
//! can resolve references in any order.

use std::collections::HashMap;

use crate::data::schema::{FieldSchema, FieldType, FormSchema, SectionSchema, Shape};
use crate::i18n::t;
use crate::source::Span;
use crate::suggest;
use crate::syntax::ast::{self, HeaderEntryKind, ItemKind};

use crate::syntax::keywords::FIELD_TYPES;

use super::error::CheckError;
use super::expr::INDICATORS;
use super::nonsense::Nonsense;

/// The field type an English name (from [`FIELD_TYPES`]) means.
fn field_type_named(en: &str) -> Option<FieldType> {
    Some(match en {
        "text" => FieldType::Text,
        "measure" => FieldType::Measure,
        "integer" => FieldType::Integer,
        "number" => FieldType::Number,
        "amount" => FieldType::Amount,
        "points" => FieldType::Points,
        "percent" => FieldType::Percent,
        "date" => FieldType::Date,
        "bool" => FieldType::Bool,
        _ => return None,
    })
}

/// `english (中文, 中文)` for each distinct English name of a table of spellings.
pub(crate) fn spellings<T>(table: &[(&str, &str, T)]) -> Vec<String> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for (en, zh, _) in table {
        match out.iter_mut().find(|(e, _)| e == en) {
            Some((_, zhs)) => zhs.push(zh),
            None => out.push((en, vec![zh])),
        }
    }
    out.into_iter()
        .map(|(en, zh)| t!(CHECK_SPELLING, en, zh = zh.join(&t!(LIST_COMMA))))
        .collect()
}

/// Fields the engine reads from the indicator table, with the types they must have and
/// whether the table must declare them.
const INDICATOR_FIELDS: [(&str, &[FieldType], bool); 9] = [
    ("category", &[FieldType::Text], true),
    ("name", &[FieldType::Text], true),
    ("target", &[FieldType::Measure], true),
    ("actual", &[FieldType::Measure], true),
    ("weight", &[FieldType::Points], false),
    ("self_score", &[FieldType::Points], false),
    ("explanation", &[FieldType::Text], false),
    ("as_of", &[FieldType::Date], false),
    ("class", &[FieldType::Text], false),
];

/// Remembers where each name was first defined, to report duplicates.
#[derive(Default)]
pub(crate) struct Defined {
    seen: HashMap<(String, String), (Span, String)>,
}

impl Defined {
    /// Records `name` as a `what`; a second definition is an error.
    pub(crate) fn define(
        &mut self,
        what: &str,
        name: &str,
        span: Span,
        errors: &mut Vec<CheckError>,
    ) -> bool {
        self.define_as(what, name.to_owned(), name, span, errors)
    }

    /// Records `word`, a text a form's text is compared with (a label, a grade, a
    /// comparator word, a marker, a catalogue indicator's name), as a `what`. Forms'
    /// texts are compared normalised (widths folded, whitespace and zero-width characters
    /// removed), so two words that normalise alike are one word to every form (`AB` and
    /// `ＡＢ`, `产出` and `产\u{200d}出`): the second is an error, or a row would be read
    /// by whichever comes first.
    pub(crate) fn define_word(
        &mut self,
        what: &str,
        word: &str,
        span: Span,
        errors: &mut Vec<CheckError>,
    ) -> bool {
        self.define_as(what, crate::text::normalize(word), word, span, errors)
    }

    fn define_as(
        &mut self,
        what: &str,
        key: String,
        name: &str,
        span: Span,
        errors: &mut Vec<CheckError>,
    ) -> bool {
        let key = (what.to_owned(), key);
        if let Some((first, first_name)) = self.seen.get(&key) {
            errors.push(if first_name == name {
                CheckError::Duplicate {
                    what: space_words(what),
                    name: name.to_owned(),
                    span: span.into(),
                    first: (*first).into(),
                }
            } else {
                CheckError::Indistinct {
                    what: space_words(what),
                    name: invisibles_written(name),
                    first_name: invisibles_written(first_name),
                    span: span.into(),
                    first: (*first).into(),
                }
            });
            return false;
        }
        self.seen.insert(key, (span, name.to_owned()));
        true
    }
}

/// `word` with its zero-width characters written out (`产\u{200d}出`): the message
/// about two words that look alike must show what tells them apart.
fn invisibles_written(word: &str) -> String {
    word.chars()
        .map(|c| {
            if crate::text::is_zero_width(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A namespace of [`Defined`] (`"pool"`, `"rule of class 产出类"`) in words of the current
/// language, for messages.
pub(crate) fn space_words(what: &str) -> String {
    if let Some(class) = what.strip_prefix("rule of class ") {
        return t!(SPACE_CLASS_RULE, class);
    }
    match what {
        "header" => t!(SPACE_HEADER),
        "header entry" => t!(SPACE_HEADER_ENTRY),
        "form" => t!(SPACE_FORM),
        "section" => t!(SPACE_SECTION),
        "field" => t!(SPACE_FIELD),
        "category" => t!(ITEM_CATEGORY),
        "category name or label" => t!(SPACE_CATEGORY_LABEL),
        "pool" => t!(ITEM_POOL),
        "catalog indicator" => t!(WHAT_CATALOG_INDICATOR),
        "class" => t!(ITEM_CLASS),
        "completion" => t!(ITEM_COMPLETION),
        "completion for" => t!(SPACE_COMPLETION_FOR),
        "comparator word" => t!(SPACE_COMPARATOR_WORD),
        "grades" => t!(ITEM_GRADES),
        "grade" => t!(WHAT_GRADE),
        "target grade" => t!(SPACE_TARGET_GRADE),
        "layout" => t!(ITEM_LAYOUT),
        "missing" => t!(ITEM_MISSING),
        "missing marker" => t!(SPACE_MISSING_MARKER),
        "missing rule" => t!(SPACE_MISSING_RULE),
        "finding severity" => t!(WHAT_FINDING_SEVERITY),
        "rating" => t!(ITEM_RATING),
        "rating grade" => t!(WHAT_RATING_GRADE),
        "line" => t!(ITEM_LINE),
        "rounding" => t!(ITEM_ROUNDING),
        "constant" => t!(ITEM_CONSTANT),
        "class name or label" => t!(SPACE_CLASS_LABEL),
        other => other.to_owned(),
    }
}

/// The header's values.
#[derive(Default)]
pub(crate) struct HeaderValues<'a> {
    pub name: Option<String>,
    pub version: Option<String>,
    pub fiscal_year: Option<i32>,
    pub cutoff: Option<jiff::civil::Date>,
    /// Where the fiscal year and the cutoff are written (in the file that wrote each,
    /// where one is inherited).
    pub fiscal_year_at: Option<Span>,
    pub cutoff_at: Option<Span>,
    pub max_score: Option<&'a ast::Expr>,
}

/// Reads the header; a missing or repeated header is an error.
pub(crate) fn header<'a>(
    ruleset: &'a ast::Ruleset,
    errors: &mut Vec<CheckError>,
) -> HeaderValues<'a> {
    let mut values = HeaderValues::default();
    let mut defined = Defined::default();
    let headers: Vec<_> = ruleset
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Header(h) => Some((h, item.span)),
            _ => None,
        })
        .collect();
    let Some(((first, _), rest)) = headers.split_first() else {
        errors.push(missing(
            t!(CHECK_MISSING_HEADER),
            t!(CHECK_MISSING_HEADER_HELP),
        ));
        return values;
    };
    for (_, span) in rest {
        defined.define("header", "ruleset", *span, errors);
    }
    values.name = Some(first.name.value.clone());
    for entry in &first.entries {
        let (what, span) = (entry_name(&entry.kind), entry.span);
        if !defined.define("header entry", what, span, errors) {
            continue;
        }
        match &entry.kind {
            HeaderEntryKind::Version(v) => values.version = Some(v.value.clone()),
            HeaderEntryKind::FiscalYear(y) => {
                values.fiscal_year = Some(*y);
                values.fiscal_year_at = Some(span);
            }
            HeaderEntryKind::Cutoff(d) => {
                values.cutoff = Some(*d);
                values.cutoff_at = Some(span);
            }
            HeaderEntryKind::MaxScore(e) => values.max_score = Some(e),
        }
    }
    values
}

fn entry_name(kind: &HeaderEntryKind) -> &'static str {
    match kind {
        HeaderEntryKind::Version(_) => "version",
        HeaderEntryKind::FiscalYear(_) => "fiscal_year",
        HeaderEntryKind::Cutoff(_) => "cutoff",
        HeaderEntryKind::MaxScore(_) => "max_score",
    }
}

/// A `missing_item` error pointing at the start of the file.
pub(crate) fn missing(what: String, help: String) -> CheckError {
    CheckError::MissingItem {
        what,
        span: Span::default().into(),
        help,
    }
}

/// Builds the form schema from the one `form` block.
pub(crate) fn form(ruleset: &ast::Ruleset, errors: &mut Vec<CheckError>) -> FormSchema {
    let mut defined = Defined::default();
    let mut sections = Vec::new();
    let mut found = false;
    for item in &ruleset.items {
        let ItemKind::Form(form) = &item.kind else {
            continue;
        };
        if found {
            defined.define("form", "form", item.span, errors);
            continue;
        }
        defined.define("form", "form", item.span, errors);
        found = true;
        for section in &form.sections {
            if defined.define("section", &section.key.name, section.key.span, errors) {
                sections.push(form_section(section, errors));
            }
        }
    }
    if !found {
        errors.push(missing(t!(SPACE_FORM), t!(CHECK_MISSING_FORM_HELP)));
    }
    let schema = FormSchema::new(sections);
    indicator_table(&schema, ruleset, errors);
    sub_sections(&schema, ruleset, errors);
    schema
}

/// A section `a.b` is read from the table `b` of the record section `a`, which must
/// exist and must not have a field `b` too.
fn sub_sections(schema: &FormSchema, ruleset: &ast::Ruleset, errors: &mut Vec<CheckError>) {
    let sections = ruleset.items.iter().filter_map(|item| match &item.kind {
        ItemKind::Form(form) => Some(&form.sections),
        _ => None,
    });
    for section in sections.flatten() {
        let Some((parent, last)) = section.key.name.rsplit_once('.') else {
            continue;
        };
        match schema.section(parent) {
            Some(p) if p.shape == Shape::Record && p.field(last).is_none() => {}
            Some(p) if p.shape == Shape::Record => errors.push(CheckError::Nonsense {
                problem: Nonsense::FieldAndSubsection {
                    parent: parent.to_string(),
                    last: last.to_string(),
                    section: section.key.name.to_string(),
                },
                span: section.key.span.into(),
            }),
            _ => errors.push(CheckError::UnknownReference {
                what: t!(WHAT_RECORD_SECTION),
                name: parent.to_owned(),
                span: section.key.span.into(),
                help: Some(t!(
                    CHECK_SUBSECTION_PARENT,
                    parent,
                    section = section.key.name
                )),
            }),
        }
    }
}

fn form_section(section: &ast::FormSection, errors: &mut Vec<CheckError>) -> SectionSchema {
    let mut defined = Defined::default();
    let mut fields = Vec::new();
    for field in &section.fields {
        if !defined.define("field", &field.key.name, field.key.span, errors) {
            continue;
        }
        let Some(ty) = field_type(&field.ty, errors) else {
            continue;
        };
        fields.push(FieldSchema {
            key: field.key.name.clone(),
            label: field.label.value.clone(),
            ty,
            optional: field.optional,
        });
    }
    SectionSchema {
        key: section.key.name.clone(),
        label: section.label.value.clone(),
        shape: if section.rows {
            Shape::Rows
        } else {
            Shape::Record
        },
        optional: section.optional,
        fields,
    }
}

fn field_type(ty: &ast::Ident, errors: &mut Vec<CheckError>) -> Option<FieldType> {
    let found = FIELD_TYPES
        .iter()
        .find(|(en, zh, _)| *en == ty.name || *zh == ty.name)
        .and_then(|(en, _, _)| field_type_named(en));
    if found.is_none() {
        let names = FIELD_TYPES.iter().map(|(en, _, _)| *en);
        errors.push(CheckError::UnknownType {
            name: ty.name.clone(),
            span: ty.span.into(),
            help: suggest::did_you_mean(&ty.name, names).unwrap_or_else(|| {
                t!(
                    CHECK_TYPES_ARE,
                    list = spellings(&FIELD_TYPES).join(&t!(LIST_COMMA))
                )
            }),
        });
    }
    found
}

/// The indicator table must exist and declare the fields the engine reads, with the
/// types it reads them as.
fn indicator_table(schema: &FormSchema, ruleset: &ast::Ruleset, errors: &mut Vec<CheckError>) {
    let declared = ruleset.items.iter().find_map(|item| match &item.kind {
        ItemKind::Form(form) => form.sections.iter().find(|s| s.key.name == INDICATORS),
        _ => None,
    });
    let has_form = ruleset
        .items
        .iter()
        .any(|item| matches!(item.kind, ItemKind::Form(_)));
    let Some(section_ast) = declared else {
        if has_form {
            errors.push(missing(
                t!(SPACE_INDICATOR_TABLE),
                t!(CHECK_MISSING_INDICATORS_HELP),
            ));
        }
        return;
    };
    let Some(section) = schema.section(INDICATORS) else {
        return;
    };
    let span = section_ast.key.span;
    if section.shape != Shape::Rows {
        errors.push(CheckError::IndicatorField {
            field: "(rows)".to_owned(),
            span: span.into(),
            problem: t!(CHECK_INDICATORS_NOT_ROWS),
            help: t!(CHECK_INDICATORS_NOT_ROWS_HELP),
        });
    }
    for (key, types, required) in INDICATOR_FIELDS {
        let declared_span = section_ast
            .fields
            .iter()
            .find(|f| f.key.name == key)
            .map_or(span, |f| f.ty.span);
        match section.field(key) {
            None if required => errors.push(CheckError::IndicatorField {
                field: key.to_owned(),
                span: span.into(),
                problem: t!(CHECK_INDICATOR_FIELD_MISSING, key),
                help: t!(
                    CHECK_INDICATOR_FIELD_MISSING_HELP,
                    key,
                    ty = type_name(types.first().copied())
                ),
            }),
            Some(f) if !types.contains(&f.ty) => errors.push(CheckError::IndicatorField {
                field: key.to_owned(),
                span: declared_span.into(),
                problem: t!(
                    CHECK_INDICATOR_FIELD_TYPE,
                    key,
                    ty = type_name(types.first().copied())
                ),
                help: t!(
                    CHECK_INDICATOR_FIELD_TYPE_HELP,
                    key,
                    ty = type_name(types.first().copied())
                ),
            }),
            _ => {}
        }
    }
}

fn type_name(ty: Option<FieldType>) -> &'static str {
    FIELD_TYPES
        .iter()
        .find(|(en, _, _)| field_type_named(en) == ty)
        .map_or("text", |(en, _, _)| en)
}
