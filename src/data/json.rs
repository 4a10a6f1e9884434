//! JSON text to the value tree, through `jsonc-parser`'s AST.
//!
//! Why `jsonc-parser` and not `serde_json` or a parser of our own: it is a small,
//! dependency-free, maintained parser (dprint's) whose AST keeps every node's byte range
//! and each number's literal text, and whose JSON5/JSONC extensions can all be turned
//! off. `serde_json` would need `arbitrary_precision` and still give no spans; a
//! hand-written parser would be more code to trust. The file is read as strict JSON (no
//! comments, no trailing commas, no single quotes, no `+1`, no `.5`), with one exception:
//! `NaN` and `Infinity` are let through so that the validator can say what is wrong with
//! them instead of a bare syntax error. This module does not look at the form.
//!
//! Building that AST costs more than the rest of loading, so most files skip it: a
//! quick reader (`fast`) reads the plain JSON that nearly every file is into the same
//! tree, and gives up at anything else, which the full parser then reads from the
//! start. Only the full parser reports errors; tests hold the two to the same trees.

use jsonc_parser::ast::{Array, Object, ObjectPropName, Value};
use jsonc_parser::common::Range;
use jsonc_parser::errors::{ParseError, ParseErrorKind};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};

mod fast;

use super::error::DataError;
use super::tree::{Entry, Kind, MAX_DEPTH, Node, visible};
use crate::i18n::t;
use crate::source::Span;

/// Reads a JSON document; `None` when it holds no value (empty, or only whitespace).
pub(crate) fn read(text: &str) -> Result<Option<Node>, DataError> {
    // The quick reader keeps within `MAX_DEPTH` itself, so a file it reads has no
    // bracket that `check_depth` would stop at.
    if let Some(root) = fast::read(text) {
        return Ok(Some(root));
    }
    // The parser recurses once per level and allows 512 levels; checking first keeps
    // both it and the conversion below within `MAX_DEPTH`.
    check_depth(text)?;
    read_fully(text)
}

/// Reads a JSON document with the full parser, which says what is wrong with it.
fn read_fully(text: &str) -> Result<Option<Node>, DataError> {
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let parsed = parse_to_ast(text, &collect, &strict()).map_err(|e| syntax_error(&e, text))?;
    Ok(parsed.value.map(node))
}

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: true,
        allow_extended_string_escapes: false,
    }
}

/// Finds the first bracket that opens a level beyond `MAX_DEPTH`, skipping strings.
fn check_depth(text: &str) -> Result<(), DataError> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (at, byte) in text.bytes().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    let span = Span::new(at, at + 1);
                    return Err(DataError::NestingTooDeep { span });
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The parser's error, pointed at one line: an unclosed object or list at its opening
/// bracket and at the end of the file, anything else at the start of what it marks.
fn syntax_error(error: &ParseError, text: &str) -> DataError {
    let range = error.range();
    let (reason, end) = match error.kind() {
        ParseErrorKind::UnterminatedObject => (t!(DATA_JSON_OBJECT_NOT_CLOSED), true),
        ParseErrorKind::UnterminatedArray => (t!(DATA_JSON_LIST_NOT_CLOSED), true),
        kind => (reason(kind), false),
    };
    let span = visible(text, first_line(text, range));
    DataError::InvalidJson {
        span: if end { opening(range) } else { span },
        reason,
        end: end.then(|| visible(text, Span::new(text.len(), text.len()))),
    }
}

/// A range cut at its first line break, so that a label stays on one line.
fn first_line(text: &str, range: Range) -> Span {
    let marked = text.get(range.start..range.end).unwrap_or("");
    let end = marked.find('\n').map_or(range.end, |at| range.start + at);
    Span::new(range.start, end)
}

/// The parser's message in words of the current language: its own, lower-cased, in
/// English; the catalogue's in Chinese.
fn reason(kind: &ParseErrorKind) -> String {
    use ParseErrorKind as K;
    if crate::i18n::language() == crate::i18n::Language::En {
        return lower_first(&kind.to_string());
    }
    match kind {
        K::CommentsNotAllowed => t!(DATA_JSON_COMMENTS),
        K::TrailingCommasNotAllowed => t!(DATA_JSON_TRAILING_COMMA),
        K::SingleQuotedStringsNotAllowed => t!(DATA_JSON_SINGLE_QUOTES),
        K::ExpectedColonAfterObjectKey => t!(DATA_JSON_EXPECTED_COLON),
        K::ExpectedObjectValue => t!(DATA_JSON_EXPECTED_VALUE),
        K::ExpectedStringObjectProperty => t!(DATA_JSON_EXPECTED_KEY),
        K::ExpectedComma => t!(DATA_JSON_EXPECTED_COMMA),
        K::MultipleRootJsonValues => t!(DATA_JSON_SEVERAL_VALUES),
        K::NonFiniteNumbersNotAllowed => t!(DATA_JSON_NON_FINITE),
        K::BareDecimalPointNumbersNotAllowed
        | K::ExpectedDigit
        | K::ExpectedDigitFollowingNegativeSign
        | K::ExpectedPlusMinusOrDigitInNumberLiteral
        | K::HexadecimalNumbersNotAllowed
        | K::UnaryPlusNumbersNotAllowed => t!(DATA_JSON_BAD_NUMBER),
        K::String(_) => t!(DATA_JSON_BAD_STRING),
        K::UnterminatedCommentBlock => t!(DATA_JSON_UNCLOSED_COMMENT),
        K::NestingDepthExceeded => t!(DATA_NESTING_TOO_DEEP_LABEL),
        K::UnexpectedCloseBrace
        | K::UnexpectedCloseBracket
        | K::UnexpectedColon
        | K::UnexpectedComma
        | K::UnexpectedToken
        | K::UnexpectedTokenInObject
        | K::UnexpectedWord
        | K::UnterminatedArray
        | K::UnterminatedObject => t!(DATA_JSON_UNEXPECTED),
    }
}

/// The parser's messages start with a capital; ours do not.
fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Takes the AST apart as it goes, so that the file is not held as both at once.
fn node(value: Value<'_>) -> Node {
    match value {
        Value::Object(object) => {
            let span = opening(object.range);
            Node::new(Kind::Table(entries(object)), span)
        }
        Value::Array(array) => {
            let span = opening(array.range);
            Node::new(Kind::Array(items(array)), span)
        }
        Value::StringLit(s) => Node::new(Kind::String(s.value.into_owned()), span(s.range)),
        Value::NumberLit(n) => Node::new(Kind::Number(n.value.to_owned()), span(n.range)),
        Value::BooleanLit(b) => Node::new(Kind::Bool(b.value), span(b.range)),
        Value::NullKeyword(n) => Node::new(Kind::Null, span(n.range)),
    }
}

fn entries(object: Object<'_>) -> Vec<Entry> {
    object
        .properties
        .into_iter()
        .map(|prop| {
            let (key, key_range) = match prop.name {
                ObjectPropName::String(s) => (s.value.into_owned(), s.range),
                ObjectPropName::Word(w) => (w.value.to_owned(), w.range),
            };
            Entry {
                key,
                key_span: span(key_range),
                value: node(prop.value),
            }
        })
        .collect()
}

fn items(array: Array<'_>) -> Vec<Node> {
    array.elements.into_iter().map(node).collect()
}

fn span(range: Range) -> Span {
    Span::new(range.start, range.end)
}

/// A table or list is pointed at by its opening bracket: the whole would span lines.
fn opening(range: Range) -> Span {
    Span::new(range.start, range.start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_number_text_and_key_order() {
        let root = read(r#"{"b": 1.50e1, "a": -0.0}"#).unwrap().unwrap();
        let Kind::Table(entries) = root.kind else {
            panic!("not a table")
        };
        assert_eq!(entries[0].key, "b");
        assert_eq!(entries[0].value.kind, Kind::Number("1.50e1".into()));
        assert_eq!(entries[1].value.kind, Kind::Number("-0.0".into()));
    }

    #[test]
    fn whitespace_is_empty() {
        assert_eq!(read(" \r\n ").unwrap(), None);
    }

    #[test]
    fn refuses_comments_and_trailing_commas() {
        for text in ["// c\n{}", r#"{"a": 1,}"#, "{'a': 1}", r#"{"a": +1}"#] {
            let err = read(text).unwrap_err();
            assert_eq!(err.code(), "perfeval::data::invalid_json", "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = read(&text).unwrap_err();
        assert_eq!(err.span(), Span::new(128, 129));
    }

    /// The quick reader gives the full parser's tree, or leaves the text to it.
    fn same_as_full(text: &str) -> bool {
        let quick = fast::read(text);
        let full = read_fully(text);
        if let Some(quick) = &quick {
            assert_eq!(full.as_ref().ok(), Some(&Some(quick.clone())), "{text:?}");
        }
        quick.is_some()
    }

    #[test]
    fn the_quick_reader_reads_plain_json_as_the_full_parser_does() {
        let plain = concat!(
            "\r\n {\"project\": {\"name\": \"项目 \u{1}\u{7f}\", \"year\": 2023, ",
            "\"ok\": true, \"no\": false, \"none\": null},\n",
            "\t\"rows\": [{\"a\": -0.50}, {\"a\": 1E+3, \"b\": 0e-0}, [], {}, [[1, 2.5e10]]],",
            "\"\": \"\", \"same\": 1, \"same\": 2}  "
        );
        assert!(same_as_full(plain));
        // Every prefix and every text with one byte left out: each read alike, or left
        // to the full parser (which refuses nearly all of them).
        for text in crate::data::damaged(plain) {
            same_as_full(&text);
        }
    }

    /// Every JSON file of the examples and test fixtures, good and bad.
    #[test]
    fn the_quick_reader_reads_the_shipped_files_as_the_full_parser_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut pending = vec![root.join("examples"), root.join("tests/fixtures")];
        let mut read = 0;
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    let bytes = std::fs::read(&path).unwrap();
                    let text = String::from_utf8_lossy(&bytes);
                    read += usize::from(same_as_full(text.trim_start_matches('\u{feff}')));
                }
            }
        }
        assert!(read > 5, "only {read} files read quickly");
    }

    #[test]
    fn the_quick_reader_leaves_the_rest_to_the_full_parser() {
        for text in [
            "",
            " ",
            r#"{"a": "\"q\""}"#,
            r#"{"a": "\u00e9"}"#,
            "{\"a\": 1}\u{a0}",
            "\u{feff}{}",
            r#"{"a": NaN}"#,
            r#"{"a": -Infinity}"#,
            r#"{"a": 01}"#,
            r#"{"a": 1.}"#,
            r#"{"a": .5}"#,
            r#"{"a": +1}"#,
            r#"{"a": 0x1F}"#,
            r#"{"a": 1e}"#,
            r#"{"a": 1,}"#,
            r#"{"a": truex}"#,
            r#"{"a": true$}"#,
            r#"{a: 1}"#,
            r#"{"a": 1} // c"#,
            r#"{"a": 1} {}"#,
            "{\"a\":\u{b}1}",
        ] {
            assert!(!same_as_full(text), "{text:?}");
        }
    }

    #[test]
    fn brackets_in_strings_do_not_count() {
        let text = format!(r#"{{"a": "{}\"{}"}}"#, "[".repeat(500), "{".repeat(500));
        assert!(read(&text).unwrap().is_some());
    }
}
