//! The TOML and YAML readers' error texts in words of the current language: in English
//! the reader's own, in Chinese the catalogue's. A text the catalogue does not know
//! becomes the catalogue's general words for a syntax error in that format, never the
//! reader's English.

use super::{Language, language, t};

/// The TOML reader's message (`invalid basic string, expected `"``), for a label.
#[must_use]
pub fn toml(message: &str) -> String {
    if language() == Language::En {
        return message.to_owned();
    }
    let (description, expected) = match message.split_once(", expected ") {
        Some((description, expected)) => (description, Some(expected)),
        None => (message, None),
    };
    let said = toml_description(description).unwrap_or_else(|| t!(READER_TOML_SYNTAX));
    match expected.and_then(expected_words) {
        Some(expected) => t!(READER_EXPECTED, said, expected),
        None => said,
    }
}

/// The YAML reader's message (`while parsing a flow sequence, expected ',' or ']'`), for
/// a label.
#[must_use]
pub fn yaml(message: &str) -> String {
    if language() == Language::En {
        return message.to_owned();
    }
    // `while scanning a plain scalar, found a tab`: the context names the reader's
    // states, which say nothing to a person filling in a form.
    let said = message
        .split_once(", ")
        .filter(|(context, _)| context.starts_with("while "))
        .map_or(message, |(_, said)| said);
    if said.contains("found a tab") {
        return t!(READER_YAML_TAB);
    }
    if said.starts_with("mapping values are not allowed") {
        return t!(READER_YAML_MAPPING_VALUES);
    }
    if said.starts_with("invalid indentation") {
        return t!(READER_YAML_INDENTATION);
    }
    if said.contains("unexpected end") || said.contains("unexpected eof") {
        return t!(READER_YAML_END);
    }
    let tokens: Vec<String> = said
        .split('\'')
        .skip(1)
        .step_by(2)
        .map(|token| format!("`{token}`"))
        .collect();
    let general = t!(READER_YAML_SYNTAX);
    match tokens.split_last() {
        Some((last, init)) if said.contains("expected") && !init.is_empty() => {
            let expected = t!(LIST_OR_CODE, init = init.join(&t!(LIST_COMMA)), last);
            t!(READER_EXPECTED, said = general, expected)
        }
        Some((last, [])) if said.contains("expected") => {
            t!(READER_EXPECTED, said = general, expected = last)
        }
        _ => general,
    }
}

/// What the TOML reader expected, where every item is a token or a word the catalogue
/// knows: `` `"` `` or `` `=`, `#` ``.
fn expected_words(expected: &str) -> Option<String> {
    let items: Option<Vec<String>> = expected
        .split(", ")
        .map(|item| {
            if item.starts_with('`') && item.ends_with('`') && item.len() > 1 {
                return Some(item.to_owned());
            }
            Some(match item {
                "newline" => t!(READER_WORD_NEWLINE),
                "key" => t!(READER_WORD_KEY),
                "value" => t!(READER_WORD_VALUE),
                "digits" | "numbers" => t!(READER_WORD_DIGITS),
                "letters" => t!(READER_WORD_LETTERS),
                "basic string" | "literal string" | "multi-line basic string" => {
                    t!(READER_WORD_STRING)
                }
                _ => return None,
            })
        })
        .collect();
    let items = items?;
    match items.split_last() {
        None => None,
        Some((last, [])) => Some(last.clone()),
        Some((last, init)) => Some(t!(LIST_OR_CODE, init = init.join(&t!(LIST_COMMA)), last)),
    }
}

/// The TOML reader's description of an error, where the catalogue has it.
fn toml_description(description: &str) -> Option<String> {
    if let Some(what) = description.strip_prefix("invalid ") {
        let what = toml_thing(what)?;
        return Some(t!(READER_TOML_INVALID, what));
    }
    if let Some(what) = description.strip_prefix("unclosed ") {
        let what = toml_thing(what)?;
        return Some(t!(READER_TOML_UNCLOSED, what));
    }
    Some(match description {
        "missing opening quote" => t!(READER_TOML_MISSING_QUOTE),
        "missing assignment between key-value pairs" | "key with no value" => {
            t!(READER_TOML_MISSING_EQUALS)
        }
        "missing value" | "missing value for key" => t!(READER_TOML_MISSING_VALUE),
        "missing comma between array elements" | "missing comma between key-value pairs" => {
            t!(READER_TOML_MISSING_COMMA)
        }
        "extra comma in array" | "extra comma in inline table" => t!(READER_TOML_EXTRA_COMMA),
        "extra `=`" | "extra assignment between key-value pairs" | "unexpected `=` in array" => {
            t!(READER_TOML_EXTRA_EQUALS)
        }
        "string values must be quoted" => t!(READER_TOML_QUOTE_STRINGS),
        "unexpected content" | "unexpected key or value" => t!(READER_TOML_UNEXPECTED),
        "unexpected content between comment and newline" | "missing comment start" => {
            t!(READER_TOML_COMMENT)
        }
        "unexpected leading zero" => t!(READER_TOML_LEADING_ZERO),
        "`_` may only go between digits" => t!(READER_TOML_UNDERSCORE),
        "missing escaped value" | "too few unicode value digits" => t!(READER_TOML_ESCAPE),
        "unquoted keys cannot be empty" => t!(READER_TOML_EMPTY_KEY),
        _ => return None,
    })
}

/// A thing of TOML, in words.
fn toml_thing(what: &str) -> Option<String> {
    Some(match what {
        "basic string"
        | "literal string"
        | "string"
        | "multi-line basic string"
        | "multi-line literal string" => t!(READER_WORD_STRING),
        "key" | "unquoted key" => t!(READER_WORD_KEY),
        "table" | "array table" => t!(READER_WORD_TABLE_HEADER),
        "inline table" | "inline table element" => t!(READER_WORD_INLINE_TABLE),
        "array" => t!(READER_WORD_ARRAY),
        "key-value pair" => t!(READER_WORD_KEY_VALUE),
        "value" => t!(READER_WORD_VALUE),
        "boolean" => t!(READER_WORD_BOOLEAN),
        "date-time" => t!(READER_WORD_DATE_TIME),
        "float" | "fraction" | "exponent" | "mantissa" | "integer number" | "binary number"
        | "octal number" | "hexadecimal number" => t!(READER_WORD_NUMBER),
        "comment character" => t!(READER_WORD_COMMENT),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{Language, with_language};
    use super::*;

    #[test]
    fn known_texts_are_translated_and_unknown_ones_are_general() {
        let (string, table, unknown, flow, tab) = with_language(Language::Zh, || {
            (
                toml("invalid basic string, expected `\"`"),
                toml("unclosed table, expected `]`"),
                toml("something new, expected frobnication"),
                yaml("while parsing a flow sequence, expected ',' or ']'"),
                yaml("while scanning a plain scalar, found a tab"),
            )
        });
        assert_eq!(string, "字符串无效，此处应为 `\"`");
        assert_eq!(table, "表头未闭合，此处应为 `]`");
        assert_eq!(unknown, "不符合 TOML 语法");
        assert_eq!(flow, "不符合 YAML 语法，此处应为 `,` 或 `]`");
        assert_eq!(tab, "缩进或值中有制表符；请改用空格");
        assert_eq!(toml("unclosed table"), "unclosed table");
    }
}
