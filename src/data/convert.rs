//! One value of the tree to one field's [`Datum`], by the field's declared type.
//!
//! Conversions are exact and keep what was written: decimals from their text, text as
//! given. This module sees one value at a time; it does not know sections, records or
//! which fields are required (the validator does).

use std::borrow::Cow;

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::decimal::{NumberError, has_digit, points_to_ratio, read_decimal, read_held};
use super::error::DataError;
use super::project::Datum;
use super::schema::{FieldSchema, FieldType};
use super::tree::{Kind, Node};
use super::words::{self, Words};
use crate::i18n::t;
use crate::text::fold_width;

/// One value to convert: the node, the text it is written as, and its field.
pub(crate) struct Value<'a> {
    /// The value, which text takes over without a copy.
    pub(crate) node: Node,
    /// Its text in the file (quotes included for a string).
    pub(crate) written: &'a str,
    /// The field it is given for.
    pub(crate) field: &'a FieldSchema,
    /// Wording for the file's format.
    pub(crate) words: Words,
}

/// Converts a value (never `null`: the validator treats that as absent) to the field's
/// type.
pub(crate) fn convert(value: Value<'_>) -> Result<Datum, DataError> {
    match value.field.ty {
        FieldType::Text | FieldType::Measure => text(value),
        FieldType::Integer => integer(&value).map(Datum::Decimal),
        FieldType::Number | FieldType::Amount | FieldType::Points => {
            decimal(&value, false).map(Datum::Decimal)
        }
        FieldType::Percent => percent(&value).map(Datum::Decimal),
        FieldType::Date => date(&value).map(Datum::Date),
        FieldType::Bool => match value.node.kind {
            Kind::Bool(b) => Ok(Datum::Bool(b)),
            _ => Err(wrong_type(&value)),
        },
    }
}

/// Text as given. A boolean or date keeps the text it was written as: the engine reads
/// measures itself, so nothing is folded or trimmed here. A number is read for its
/// value, exactly, as the format means it (`1e2`, TOML `0x64` and `1_00` are all 100),
/// and a measure keeps that value's decimal text; a number no decimal holds is refused.
fn text(value: Value<'_>) -> Result<Datum, DataError> {
    if value.field.ty == FieldType::Measure
        && let Kind::Number(number) = &value.node.kind
    {
        return read_held(number)
            .map(|d| Datum::Text(d.to_string()))
            .map_err(|e| number_error(&value, e));
    }
    match value.node.kind {
        Kind::String(s) => Ok(Datum::Text(s)),
        Kind::Number(_) | Kind::Bool(_) | Kind::Date(_) | Kind::DateTime => {
            Ok(Datum::Text(value.written.to_owned()))
        }
        Kind::Table(_) | Kind::Array(_) | Kind::Null | Kind::Formula(_) => Err(wrong_type(&value)),
    }
}

/// A decimal from a number or a string; with `percent`, a string may end in `%`.
fn decimal(value: &Value<'_>, percent: bool) -> Result<Decimal, DataError> {
    match &value.node.kind {
        Kind::Number(text) => read_decimal(text).map_err(|e| number_error(value, e)),
        Kind::String(s) => {
            let folded = fold_width(s);
            let trimmed = folded.trim();
            let digits = if percent {
                trimmed.strip_suffix('%').map_or(trimmed, str::trim_end)
            } else {
                trimmed
            };
            read_decimal(digits).map_err(|e| match e {
                NumberError::Invalid if !has_digit(digits) => wrong_type(value),
                other => number_error(value, other),
            })
        }
        _ => Err(wrong_type(value)),
    }
}

/// A whole number: `2023`, `"2023"`, even `2023.0`, but not `2023.5`.
fn integer(value: &Value<'_>) -> Result<Decimal, DataError> {
    let number = decimal(value, false)?;
    if number.fract().is_zero() {
        Ok(number.trunc())
    } else {
        Err(DataError::NotAnInteger {
            text: shown(value).into_owned(),
            key: value.words.key(value.field),
            span: value.node.span,
        })
    }
}

/// Percentage points (`95`, `"95%"`) as the ratio they mean (`0.95`).
fn percent(value: &Value<'_>) -> Result<Decimal, DataError> {
    let points = decimal(value, true)?;
    points_to_ratio(points).map_err(|e| number_error(value, e))
}

/// A TOML date, or a string `YYYY-MM-DD` (widths folded, spaces trimmed) that names a
/// day that exists.
/// A date: a year counted from 1, as a ruleset's dates are (a TOML `0000-01-01` is no
/// date a form means).
fn date(value: &Value<'_>) -> Result<Date, DataError> {
    match &value.node.kind {
        Kind::Date(d) if d.year() < 1 => Err(DataError::InvalidDate {
            text: value.written.to_owned(),
            span: value.node.span,
        }),
        Kind::Date(d) => Ok(*d),
        Kind::String(s) => parse_date(fold_width(s).trim()).ok_or_else(|| DataError::InvalidDate {
            text: s.clone(),
            span: value.node.span,
        }),
        _ => Err(wrong_type(value)),
    }
}

/// Strictly `YYYY-MM-DD`: jiff's own parser also takes other ISO 8601 forms.
fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return None;
    }
    let year = text.get(0..4)?.parse().ok().filter(|y: &i16| *y >= 1)?;
    let month = text.get(5..7)?.parse().ok()?;
    let day = text.get(8..10)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

/// A number as the user wrote it: a string's content, or the literal.
fn shown<'a>(value: &Value<'a>) -> Cow<'a, str> {
    match &value.node.kind {
        Kind::String(s) => Cow::Owned(s.clone()),
        _ => Cow::Borrowed(value.written),
    }
}

fn number_error(value: &Value<'_>, error: NumberError) -> DataError {
    let text = words::shorten(&shown(value));
    let key = value.words.key(value.field);
    let span = value.node.span;
    match error {
        NumberError::Invalid => DataError::InvalidDecimal { text, key, span },
        NumberError::OutOfRange => DataError::DecimalOutOfRange { text, key, span },
        NumberError::NotANumber => DataError::NotANumber { text, key, span },
    }
}

fn wrong_type(value: &Value<'_>) -> DataError {
    let ty = value.field.ty;
    let help = match (&value.node.kind, ty) {
        (Kind::DateTime, FieldType::Date) => t!(DATA_WRITE_ONLY_DATE),
        _ => words::type_help(ty),
    };
    DataError::WrongType {
        what: format!("`{}`", value.words.key(value.field)),
        expected: words::expected(ty),
        found: value.words.found(&value.node, value.written),
        span: value.node.span,
        help: Some(help),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Format;
    use crate::source::Span;

    fn field(ty: FieldType) -> FieldSchema {
        FieldSchema {
            key: "f".into(),
            label: "字段".into(),
            ty,
            optional: false,
        }
    }

    fn run(kind: Kind, written: &str, ty: FieldType) -> Result<Datum, DataError> {
        let node = Node::new(kind, Span::new(0, written.len()));
        let field = field(ty);
        convert(Value {
            node,
            written,
            field: &field,
            words: Words::new(Format::Toml),
        })
    }

    fn string(s: &str) -> Kind {
        Kind::String(s.into())
    }

    fn dec(datum: Result<Datum, DataError>) -> String {
        match datum.unwrap() {
            Datum::Decimal(d) => d.to_string(),
            other => panic!("not a decimal: {other:?}"),
        }
    }

    #[test]
    fn decimal_strings_are_trimmed_and_folded() {
        assert_eq!(
            dec(run(string(" 1679.7 "), "", FieldType::Amount)),
            "1679.7"
        );
        assert_eq!(
            dec(run(string("１６７９．７０"), "", FieldType::Amount)),
            "1679.70"
        );
    }

    #[test]
    fn percentages_become_ratios() {
        assert_eq!(dec(run(string("95%"), "", FieldType::Percent)), "0.95");
        assert_eq!(
            dec(run(string("９９.５ ％"), "", FieldType::Percent)),
            "0.995"
        );
        assert_eq!(
            dec(run(Kind::Number("95".into()), "95", FieldType::Percent)),
            "0.95"
        );
    }

    #[test]
    fn integers_must_be_whole() {
        assert_eq!(dec(run(string("2023"), "", FieldType::Integer)), "2023");
        assert_eq!(
            dec(run(
                Kind::Number("2023.0".into()),
                "2023.0",
                FieldType::Integer
            )),
            "2023"
        );
        let err = run(Kind::Number("2023.5".into()), "2023.5", FieldType::Integer).unwrap_err();
        assert_eq!(err.code(), "perfeval::data::not_an_integer");
    }

    #[test]
    fn text_without_digits_is_the_wrong_type_and_with_digits_invalid() {
        let err = run(string("abc"), "\"abc\"", FieldType::Amount).unwrap_err();
        assert_eq!(err.code(), "perfeval::data::wrong_type");
        let err = run(string("1,679.7"), "\"1,679.7\"", FieldType::Amount).unwrap_err();
        assert_eq!(err.code(), "perfeval::data::invalid_decimal");
        let err = run(string("NaN"), "\"NaN\"", FieldType::Amount).unwrap_err();
        assert_eq!(err.code(), "perfeval::data::not_a_number");
    }

    #[test]
    fn measures_keep_the_written_text_and_numbers_their_value() {
        let datum = run(string(" ≥９０% "), "", FieldType::Measure).unwrap();
        assert_eq!(datum, Datum::Text(" ≥９０% ".into()));
        for (number, written, value) in [
            ("1000", "1_000", "1000"),
            ("1e2", "1e2", "100"),
            ("0x64", "0x64", "100"),
            ("94.0", "94.0", "94.0"),
            ("+1.50e1", "+1.50e1", "15.0"),
        ] {
            let datum = run(Kind::Number(number.into()), written, FieldType::Measure).unwrap();
            assert_eq!(datum, Datum::Text(value.into()), "{written}");
        }
        let err = run(Kind::Number("1e40".into()), "1e40", FieldType::Measure).unwrap_err();
        assert_eq!(err.code(), "perfeval::data::decimal_out_of_range");
    }

    #[test]
    fn dates_are_strict() {
        let ok = run(string("2023-12-31"), "", FieldType::Date).unwrap();
        assert_eq!(ok, Datum::Date(jiff::civil::date(2023, 12, 31)));
        for bad in [
            "2023-02-30",
            "2023-1-31",
            "20231231",
            "2023-12-31T00:00",
            "2023/12/31",
            "0000-01-01",
        ] {
            let err = run(string(bad), "", FieldType::Date).unwrap_err();
            assert_eq!(err.code(), "perfeval::data::invalid_date", "{bad}");
        }
        // A year counted from 1, in a format's own dates too (TOML's `0000-01-01`).
        let year_zero = Kind::Date(jiff::civil::date(0, 1, 1));
        let err = run(year_zero, "0000-01-01", FieldType::Date).unwrap_err();
        assert_eq!(err.code(), "perfeval::data::invalid_date");
    }
}
