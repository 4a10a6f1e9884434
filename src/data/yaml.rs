//! YAML text to the value tree, from `saphyr-parser`'s events.
//!
//! Plain scalars are resolved by the YAML 1.2 core schema (`~` is null, `true` a
//! boolean, `1.5` a number, `2023-12-31` text), and numbers keep the text written.
//! Anchors are allowed but aliases are not: copying shared subtrees is how small YAML
//! files become huge ones, and a form has no use for them. Custom tags and multiple
//! documents are refused for the same reason. This module does not look at the form.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, StrInput, Tag};

use super::error::DataError;
use super::tree::{Entry, Kind, MAX_DEPTH, Node, visible};
use crate::i18n::t;
use crate::source::Span;

/// Reads a single YAML document; `None` when there is none, or it is empty (`---`).
pub(crate) fn read(text: &str) -> Result<Option<Node>, DataError> {
    let mut reader = Reader {
        parser: Parser::new_from_str(text),
        offsets: Offsets::new(text),
        text,
    };
    reader.stream()
}

type Parsed<'a> = (Event<'a>, Span);

struct Reader<'a> {
    parser: Parser<'a, StrInput<'a>>,
    offsets: Offsets<'a>,
    text: &'a str,
}

impl<'a> Reader<'a> {
    /// The next event with a byte span; running out of events is a syntax error.
    fn next(&mut self) -> Result<Parsed<'a>, DataError> {
        loop {
            match self.parser.next_event() {
                None => return Err(self.unexpected_end()),
                Some(Err(error)) => return Err(self.scan_error(&error)),
                Some(Ok((Event::Nothing, _))) => {}
                Some(Ok((event, span))) => {
                    let start = self.offsets.byte(span.start.index());
                    let end = self.offsets.byte(span.end.index());
                    return Ok((event, Span::new(start, end)));
                }
            }
        }
    }

    fn stream(&mut self) -> Result<Option<Node>, DataError> {
        let (first, _) = self.next()?;
        if !matches!(first, Event::StreamStart) {
            return Err(self.unexpected_end());
        }
        let root = match self.next()? {
            (Event::StreamEnd, _) => return Ok(None),
            (Event::DocumentStart(_), _) => {
                let (event, span) = self.next()?;
                self.node(event, span, 1)?
            }
            (_, span) => return Err(invalid(span, &t!(DATA_YAML_EXPECTED_DOCUMENT))),
        };
        self.end_of_stream()?;
        let empty = matches!(&root.kind, Kind::Null) && root.span.is_empty();
        Ok(if empty { None } else { Some(root) })
    }

    /// After the one document: its end, then the end of the stream.
    fn end_of_stream(&mut self) -> Result<(), DataError> {
        loop {
            match self.next()? {
                (Event::DocumentEnd, _) => {}
                (Event::StreamEnd, _) => return Ok(()),
                (Event::DocumentStart(_), span) => {
                    return Err(unsupported(
                        span,
                        &t!(DATA_YAML_SECOND_DOCUMENT),
                        &t!(DATA_YAML_SECOND_DOCUMENT_HELP),
                    ));
                }
                (_, span) => return Err(invalid(span, &t!(DATA_YAML_EXPECTED_END))),
            }
        }
    }

    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Result<Node, DataError> {
        if depth > MAX_DEPTH {
            return Err(DataError::NestingTooDeep { span });
        }
        match event {
            Event::Scalar(value, style, _, tag) => self.scalar(value, style, tag, span),
            Event::SequenceStart(_, tag) => {
                check_collection_tag(tag.as_deref(), span)?;
                self.sequence(span, depth)
            }
            Event::MappingStart(_, tag) => {
                check_collection_tag(tag.as_deref(), span)?;
                self.mapping(span, depth)
            }
            Event::Alias(_) => Err(alias(span)),
            _ => Err(invalid(span, &t!(DATA_YAML_EXPECTED_VALUE))),
        }
    }

    fn sequence(&mut self, start: Span, depth: usize) -> Result<Node, DataError> {
        let mut items = Vec::new();
        loop {
            match self.next()? {
                (Event::SequenceEnd, _) => break,
                (event, span) => items.push(self.node(event, span, depth + 1)?),
            }
        }
        Ok(Node::new(Kind::Array(items), self.widen(start)))
    }

    fn mapping(&mut self, start: Span, depth: usize) -> Result<Node, DataError> {
        // A block mapping starts without a token of its own; it is pointed at by its
        // first key instead of an empty span.
        let mut span = start;
        let mut entries = Vec::new();
        loop {
            let (key, key_span) = match self.next()? {
                (Event::MappingEnd, _) => break,
                (event, key_span) => self.key(event, key_span)?,
            };
            if span.is_empty() {
                span = key_span;
            }
            let (event, value_span) = self.next()?;
            let value = self.node(event, value_span, depth + 1)?;
            entries.push(Entry {
                key,
                key_span,
                value,
            });
        }
        Ok(Node::new(Kind::Table(entries), span))
    }

    fn key(&mut self, event: Event<'a>, span: Span) -> Result<(String, Span), DataError> {
        match event {
            Event::Scalar(value, style, _, _) => {
                let span = self.narrow(&value, style, span);
                Ok((value.into_owned(), span))
            }
            Event::Alias(_) => Err(alias(span)),
            _ => Err(unsupported(
                self.widen(span),
                &t!(DATA_YAML_COMPLEX_KEY),
                &t!(DATA_YAML_COMPLEX_KEY_HELP),
            )),
        }
    }

    fn scalar(
        &self,
        value: Cow<'a, str>,
        style: ScalarStyle,
        tag: Option<Cow<'a, Tag>>,
        span: Span,
    ) -> Result<Node, DataError> {
        let span = self.narrow(&value, style, span);
        let as_text = match tag.as_deref() {
            None => style != ScalarStyle::Plain,
            Some(tag) => text_tag(tag, span)?,
        };
        let kind = if as_text {
            Kind::String(value.into_owned())
        } else {
            resolve_plain(&value)
        };
        Ok(Node::new(kind, span))
    }

    /// A plain scalar's span also covers its anchor or tag (`&a 1`); the value itself is
    /// the end of it, where it fits on one line.
    fn narrow(&self, value: &str, style: ScalarStyle, span: Span) -> Span {
        let written = self
            .text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("");
        if style == ScalarStyle::Plain && !value.is_empty() && written.ends_with(value) {
            Span::new(span.end as usize - value.len(), span.end as usize)
        } else {
            span
        }
    }

    /// An empty span (a block sequence's start) widened to the character there.
    fn widen(&self, span: Span) -> Span {
        let start = span.start as usize;
        match self.text.get(start..).and_then(|s| s.chars().next()) {
            Some(c) if span.is_empty() => Span::new(start, start + c.len_utf8()),
            _ => span,
        }
    }

    fn scan_error(&mut self, error: &ScanError) -> DataError {
        let at = self.offsets.byte(error.marker().index());
        let span = visible(self.text, self.widen(Span::new(at, at)));
        invalid(span, &crate::i18n::reader::yaml(error.info()))
    }

    fn unexpected_end(&self) -> DataError {
        let end = self.text.len();
        invalid(
            visible(self.text, Span::new(end, end)),
            &t!(DATA_YAML_UNEXPECTED_END),
        )
    }
}

/// Whether a tagged scalar is text (`!!str`, or the non-specific `!`); core schema tags
/// for other scalars resolve as if untagged, and custom tags are refused.
fn text_tag(tag: &Tag, span: Span) -> Result<bool, DataError> {
    if tag.is_yaml_core_schema() {
        match tag.suffix.as_str() {
            "str" => Ok(true),
            "null" | "bool" | "int" | "float" => Ok(false),
            _ => Err(tag_error(tag, span)),
        }
    } else if tag.handle == "!" && tag.suffix.is_empty() {
        Ok(true)
    } else {
        Err(tag_error(tag, span))
    }
}

fn check_collection_tag(tag: Option<&Tag>, span: Span) -> Result<(), DataError> {
    match tag {
        None => Ok(()),
        Some(tag) if tag.is_yaml_core_schema() && matches!(tag.suffix.as_str(), "map" | "seq") => {
            Ok(())
        }
        Some(tag) => Err(tag_error(tag, span)),
    }
}

fn tag_error(tag: &Tag, span: Span) -> DataError {
    unsupported(span, &t!(DATA_YAML_TAG, tag), &t!(DATA_YAML_TAG_HELP))
}

fn alias(span: Span) -> DataError {
    unsupported(span, &t!(DATA_YAML_ALIAS), &t!(DATA_YAML_ALIAS_HELP))
}

fn unsupported(span: Span, what: &str, help: &str) -> DataError {
    DataError::UnsupportedYaml {
        what: what.to_owned(),
        help: help.to_owned(),
        span,
    }
}

fn invalid(span: Span, reason: &str) -> DataError {
    DataError::InvalidYaml {
        span,
        reason: reason.to_owned(),
    }
}

/// A plain scalar by the YAML 1.2 core schema.
fn resolve_plain(value: &str) -> Kind {
    match value {
        "" | "~" | "null" | "Null" | "NULL" => Kind::Null,
        "true" | "True" | "TRUE" => Kind::Bool(true),
        "false" | "False" | "FALSE" => Kind::Bool(false),
        v if is_core_number(v) => Kind::Number(v.to_owned()),
        v => Kind::String(v.to_owned()),
    }
}

/// The core schema's integers and floats: `12`, `-1.5e3`, `.5`, `0x1F`, `0o17`,
/// `.inf`, `-.Inf`, `.nan`.
fn is_core_number(v: &str) -> bool {
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = v.strip_prefix("0x") {
        return digits(hex, 16);
    }
    if let Some(octal) = v.strip_prefix("0o") {
        return digits(octal, 8);
    }
    if matches!(v, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let unsigned = v.strip_prefix(['-', '+']).unwrap_or(v);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (unsigned, None),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => digits(fraction, 10),
        Some((whole, fraction)) => {
            digits(whole, 10) && (fraction.is_empty() || digits(fraction, 10))
        }
        None => digits(mantissa, 10),
    };
    exponent_ok && mantissa_ok
}

/// Byte offsets of `saphyr-parser`'s markers, which count characters. Markers arrive
/// nearly in order, so a cursor that walks from the last one costs little in total.
struct Offsets<'a> {
    text: &'a str,
    ascii: bool,
    chars: usize,
    bytes: usize,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str) -> Self {
        Offsets {
            text,
            ascii: text.is_ascii(),
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        while self.chars < char_index {
            let Some(c) = self.text.get(self.bytes..).and_then(|s| s.chars().next()) else {
                break;
            };
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        while self.chars > char_index {
            let Some(c) = self
                .text
                .get(..self.bytes)
                .and_then(|s| s.chars().next_back())
            else {
                break;
            };
            self.bytes -= c.len_utf8();
            self.chars -= 1;
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Vec<Entry> {
        match read(text).unwrap().unwrap().kind {
            Kind::Table(entries) => entries,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn resolves_plain_scalars_by_the_core_schema() {
        let entries = root("a: 1.50\nb: '1.50'\nc: ~\nd: true\ne: 2023-12-31\nf: 1_000\ng: .inf\n");
        let kinds: Vec<_> = entries.into_iter().map(|e| e.value.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Number("1.50".into()),
                Kind::String("1.50".into()),
                Kind::Null,
                Kind::Bool(true),
                Kind::String("2023-12-31".into()),
                Kind::String("1_000".into()),
                Kind::Number(".inf".into()),
            ]
        );
    }

    #[test]
    fn spans_are_bytes_not_characters() {
        let text = "名称: 项目\n金额: 12.5\n";
        let entries = root(text);
        let amount = &entries[1];
        assert_eq!(
            &text[amount.key_span.start as usize..amount.key_span.end as usize],
            "金额"
        );
        let value = amount.value.span;
        assert_eq!(&text[value.start as usize..value.end as usize], "12.5");
    }

    #[test]
    fn an_anchor_is_not_part_of_the_value_span() {
        let text = "a: &x 12\n";
        let value = root(text)[0].value.span;
        assert_eq!(&text[value.start as usize..value.end as usize], "12");
    }

    #[test]
    fn empty_documents_are_empty() {
        for text in ["", "# only a comment\n", "---\n"] {
            assert_eq!(read(text).unwrap(), None, "{text:?}");
        }
    }

    #[test]
    fn refuses_aliases_tags_and_second_documents() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: !money 1\n",
            "a: 1\n---\nb: 2\n",
            "? [a]\n: 1\n",
        ] {
            let err = read(text).unwrap_err();
            assert_eq!(err.code(), "perfeval::data::unsupported_yaml", "{text:?}");
        }
    }

    #[test]
    fn core_tags_are_kept() {
        let entries = root("a: !!str 12\nb: !!int 12\n");
        assert_eq!(entries[0].value.kind, Kind::String("12".into()));
        assert_eq!(entries[1].value.kind, Kind::Number("12".into()));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let flow = format!("a: {}1{}", "[".repeat(250), "]".repeat(250));
        assert!(read(&flow).is_err());
        let block: String = (0..1000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(read(&block).is_err());
    }
}
