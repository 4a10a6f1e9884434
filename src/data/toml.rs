//! TOML text to the value tree, through the `toml` crate's span-keeping parser.
//!
//! `toml::de::DeTable::parse` keeps each value's span and each number's text (with
//! TOML's underscores already removed), so no number is ever a float here. This module
//! does not look at the form; it only reshapes what the parser found.

use ::toml::Spanned;
use ::toml::de::{DeTable, DeValue};
use ::toml::value::Datetime;
use jiff::civil::Date;

use super::error::DataError;
use super::tree::{Entry, Kind, MAX_DEPTH, Node, visible};
use crate::source::Span;

/// Reads a TOML document; `None` when it holds no key at all (empty, or comments only).
/// The `toml` parser bounds nesting itself (80 levels) and stops at the first syntax
/// error.
pub(crate) fn read(text: &str) -> Result<Option<Node>, DataError> {
    let root = DeTable::parse(text).map_err(|e| syntax_error(&e, text))?;
    if root.get_ref().is_empty() {
        return Ok(None);
    }
    let entries = table(root.into_inner(), 1)?;
    Ok(Some(Node::new(Kind::Table(entries), Span::default())))
}

/// Turns the parser's error into ours. Duplicate keys and impossible dates are syntax
/// errors to the TOML parser but have codes of their own here, as in JSON and YAML.
fn syntax_error(error: &::toml::de::Error, text: &str) -> DataError {
    let span = error
        .span()
        .map_or_else(Span::default, |r| Span::new(r.start, r.end));
    let span = visible(text, span);
    let written = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    let message = error.message();
    if message == "duplicate key" {
        return DataError::DuplicateKey {
            key: written.trim_matches(['"', '\'']).to_owned(),
            span,
            first: None,
        };
    }
    if message.starts_with("invalid date") {
        return DataError::InvalidDate {
            text: written.to_owned(),
            span,
        };
    }
    DataError::InvalidToml {
        span,
        reason: crate::i18n::reader::toml(message.trim_end_matches('.')),
    }
}

fn table(table: DeTable<'_>, depth: usize) -> Result<Vec<Entry>, DataError> {
    // The parser orders keys by name; the tree keeps file order, so that problems are
    // found and reported top to bottom. The parser's table is taken apart as it goes.
    let mut pairs: Vec<_> = table.into_iter().collect();
    pairs.sort_by_key(|(key, _)| key.span().start);
    pairs
        .into_iter()
        .map(|(key, value)| {
            let key_span = span_of(&key);
            Ok(Entry {
                key: key.into_inner().into_owned(),
                key_span,
                value: node(value, depth + 1)?,
            })
        })
        .collect()
}

/// One value of a document (a table inside a larger file), at the depth of a section.
pub(crate) fn value(value: Spanned<DeValue<'_>>) -> Result<Node, DataError> {
    node(value, 1)
}

fn node(value: Spanned<DeValue<'_>>, depth: usize) -> Result<Node, DataError> {
    let span = span_of(&value);
    if depth > MAX_DEPTH {
        return Err(DataError::NestingTooDeep { span });
    }
    let kind = match value.into_inner() {
        DeValue::Table(t) => Kind::Table(table(t, depth)?),
        DeValue::Array(items) => Kind::Array(
            items
                .into_iter()
                .map(|item| node(item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        DeValue::String(s) => Kind::String(s.into_owned()),
        // `Display` writes the radix prefix back (`0x1F`); the decimal reader reads it.
        // A decimal integer, the usual one, is its text as it is.
        DeValue::Integer(i) if i.radix() == 10 => Kind::Number(i.as_str().to_owned()),
        DeValue::Integer(i) => Kind::Number(i.to_string()),
        DeValue::Float(f) => Kind::Number(f.as_str().to_owned()),
        DeValue::Boolean(b) => Kind::Bool(b),
        DeValue::Datetime(dt) => datetime(&dt),
    };
    Ok(Node::new(kind, span))
}

/// A local date becomes a date; anything with a time or an offset stays text.
fn datetime(dt: &Datetime) -> Kind {
    let local_date = match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => Some(d),
        _ => None,
    };
    local_date
        .and_then(|d| {
            let year = i16::try_from(d.year).ok()?;
            let month = i8::try_from(d.month).ok()?;
            let day = i8::try_from(d.day).ok()?;
            Date::new(year, month, day).ok()
        })
        .map_or(Kind::DateTime, Kind::Date)
}

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let range = spanned.span();
    Span::new(range.start, range.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(node: &Node) -> Vec<&str> {
        match &node.kind {
            Kind::Table(entries) => entries.iter().map(|e| e.key.as_str()).collect(),
            _ => vec![],
        }
    }

    #[test]
    fn keeps_file_order() {
        let root = read("b = 1\na = 2\n[z]\n[c]\n").unwrap().unwrap();
        assert_eq!(keys(&root), ["b", "a", "z", "c"]);
    }

    #[test]
    fn keeps_number_text() {
        let root = read("a = 1_000.50\nb = 0x1F\n").unwrap().unwrap();
        let Kind::Table(entries) = root.kind else {
            panic!("not a table")
        };
        assert_eq!(entries[0].value.kind, Kind::Number("1000.50".into()));
        assert_eq!(entries[1].value.kind, Kind::Number("0x1F".into()));
    }

    #[test]
    fn comments_only_is_empty() {
        assert_eq!(read("# nothing\n\n").unwrap(), None);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("a = {}1{}", "[".repeat(5000), "]".repeat(5000));
        assert!(read(&text).is_err());
    }
}
