//! TOML text to the value tree, through the `toml` crate's span-keeping parser.
//!
//! `toml::de::DeTable::parse` keeps each value's span and each number's text (with
//! TOML's underscores already removed), so no number is ever a float here. This module
//! does not look at the form; it only reshapes what the parser found.

use ::toml::Spanned;
use ::toml::de::{DeTable, DeValue};
use ::toml::value::Datetime;
use jiff::civil::Date;

mod fast;

use super::error::DataError;
use super::tree::{Entry, Kind, MAX_DEPTH, Node, visible};
use crate::source::Span;

/// Reads a TOML document; `None` when it holds no key at all (empty, or comments only).
/// The `toml` parser bounds nesting itself (80 levels) and stops at the first syntax
/// error.
pub(crate) fn read(text: &str) -> Result<Option<Node>, DataError> {
    match fast::read(text) {
        Some(entries) if entries.is_empty() => Ok(None),
        Some(entries) => Ok(Some(Node::new(Kind::Table(entries), Span::default()))),
        None => read_fully(text),
    }
}

/// Reads a TOML document with the full parser, which says what is wrong with it.
fn read_fully(text: &str) -> Result<Option<Node>, DataError> {
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

/// The benchmarks' generator of realistic forms, for the tests below.
#[cfg(test)]
#[path = "../../benches/support/mod.rs"]
mod bench_support;

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

    /// The quick reader gives the full parser's tree, or leaves the text to it.
    fn same_as_full(text: &str) -> bool {
        let quick = fast::read(text);
        if let Some(quick) = &quick {
            let full = read_fully(text);
            let quick =
                (!quick.is_empty()).then(|| Node::new(Kind::Table(quick.clone()), Span::default()));
            assert_eq!(full.as_ref().ok(), Some(&quick), "{text:?}");
        }
        quick.is_some()
    }

    /// A form with all the quick reader reads.
    const PLAIN: &str = concat!(
        "# 注释 \t\u{7e}\n\n",
        "top = 1\n",
        "\"quoted key\" = 'literal \"string\"' # c\r\n",
        "'lit key'.sub . \"x\" = true\n",
        "dotted.a = false\n",
        "dotted.b = 2023-12-31\n",
        "1.2 = 'numeric keys'\n",
        "\"\" = \"\"\n",
        "[project]  # 项目\n",
        "name = \"项目 \\\"甲\\\" \\\\ \\n\\t\\b\\f\\r\\e end\"\n",
        "year = 2_023\n",
        "numbers = [0, -0, +1, 1_000.50, 1e3, 1E+3, 2.5e-1_0, -0.0, 0e0]\n",
        "empty = []\n",
        "lines = [\n  \"a\", # one\n  'b',\r\n\n  2024-02-29 ,\n]\n",
        "[budget]\n",
        "x = 1\n",
        "\t[ budget . detail ]\t\n",
        "initial = 1679.7\n",
        "[[indicators]]\n",
        "name = \"a\"\n",
        "score.max = 5\n",
        "score.min = 0\n",
        "[indicators.sub]\n",
        "k = 1\n",
        "[[indicators]]\n",
        "name = \"b\"\n",
        "[[ indicators.rows ]]\n",
        "v = 2\n",
        "[[indicators.rows]]\n",
        "v = 3\n",
        "[x]\n",
        "y.z = 1\n",
        "[x.y.w]\n",
        "q = 1\n",
        "[funds.appropriation]\n",
        "amount = 5\n",
        "[funds]\n",
    );

    #[test]
    fn the_quick_reader_reads_plain_toml_as_the_full_parser_does() {
        // `[funds]` after `[funds.appropriation]` makes the full parser move a table,
        // which the quick one leaves to it; all before it is read quickly.
        let (quick, _) = PLAIN.split_at(PLAIN.len() - "[funds]\n".len());
        assert!(same_as_full(quick));
        assert!(!same_as_full(PLAIN));
    }

    #[test]
    fn the_quick_reader_agrees_on_every_prefix_and_every_byte_left_out() {
        for text in crate::data::damaged(PLAIN) {
            same_as_full(&text);
        }
    }

    /// The quick reader's byte tables (bare keys, basic and literal strings) against
    /// the full parser, one ASCII byte at a time in each place.
    #[test]
    fn the_quick_reader_agrees_on_every_ascii_byte_in_keys_and_strings() {
        let mut quick = 0;
        for b in 0..0x80u8 {
            let c = char::from(b);
            for text in [
                format!("k{c}k = 1\n"),
                format!("a = \"x{c}y\"\n"),
                format!("a = 'x{c}y'\n"),
                format!("a = \"\\\\{c}\"\n"),
            ] {
                quick += usize::from(same_as_full(&text));
            }
        }
        // Letters, digits, `_` and `-` in keys, and most bytes in strings, read quickly.
        assert!(quick > 250, "{quick}");
    }

    #[test]
    fn the_quick_reader_reads_generated_forms_as_the_full_parser_does() {
        for i in 0..200 {
            let form = super::bench_support::corpus_form(i);
            assert!(same_as_full(&form), "form {i}");
        }
    }

    /// Every TOML file of the examples and test fixtures, good and bad.
    #[test]
    fn the_quick_reader_reads_the_shipped_files_as_the_full_parser_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pending = vec![root.join("examples"), root.join("tests/fixtures")];
        let (mut files, mut quick) = (0, 0);
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "toml") {
                    let bytes = std::fs::read(&path).unwrap();
                    let text = String::from_utf8_lossy(&bytes);
                    files += 1;
                    quick += usize::from(same_as_full(text.trim_start_matches('\u{feff}')));
                }
            }
        }
        assert!(
            quick > files / 2,
            "only {quick} of {files} files read quickly"
        );
    }

    #[test]
    fn the_quick_reader_leaves_the_rest_to_the_full_parser() {
        for text in [
            "a = \"\"\"multi\"\"\"",
            "a = '''multi'''",
            "a = { b = 1 }",
            "a = [[1], [2]]",
            "a = [{ b = 1 }]",
            "a = 1979-05-27T07:32:00",
            "a = 1979-05-27 07:32:00",
            "a = 07:32:00",
            "a = 2023-02-29",
            "a = 2023-13-01",
            "a = inf",
            "a = nan",
            "a = 0x1F",
            "a = 0o7",
            "a = 0b1",
            "a = 01",
            "a = 1__0",
            "a = 1_",
            "a = _1",
            "a = 1.",
            "a = .5",
            "a = 1e",
            "a = +",
            "a = 1 2",
            "a = truex",
            "a = \"\\u00e9\"",
            "a = \"\\x41\"",
            "a = \"\\q\"",
            "a = \"tab\u{7f}\"",
            "a = \"open",
            "a = 'open",
            "a = 1,",
            "a = 1\na = 2",
            "a = 1\na.b = 2",
            "a.b = 1\na = 2",
            "a.b = 1\n[a]",
            "[a]\n[a]",
            "[a]\n[[a]]",
            "[[a]]\n[a]",
            "a = []\n[[a]]",
            "a = [1]\n[a.b]",
            "[a.b]\n[a]",
            "[a]\nb.c = 1\n[a.b]",
            "[ [a]]",
            "[[a] ]",
            "[a",
            "[]",
            "a",
            "a =",
            "= 1",
            "a b = 1",
            "a+b = 1",
            "é = 1",
            "a = 1\r",
            "a = 1 # \u{1}",
            "\u{feff}a = 1",
            "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q = 1",
        ] {
            assert!(!same_as_full(text), "{text:?}");
        }
    }
}
