//! An imported project written as a TOML project file, the canonical format: sections
//! and fields in the form's order, each value with a comment saying which cell it came
//! from, so that the file can be checked against the workbook by eye.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use crate::data::project::{Datum, Field, Project, Record, SectionData};
use crate::data::schema::{FieldType, FormSchema, SectionSchema, Shape};

/// The project as TOML, after a header of `#` comment lines. `origin` names where a
/// field's value came from (`自评表.xlsx!E23`).
#[must_use]
pub fn to_toml(
    project: &Project,
    schema: &FormSchema,
    header: &[String],
    origin: &dyn Fn(&Field) -> String,
) -> String {
    let mut out = String::new();
    for line in header {
        let _ = writeln!(out, "# {}", one_line(line));
    }
    for section in schema.sections() {
        match project.sections.get(&section.key) {
            Some(SectionData::Record(record)) => {
                let _ = write!(out, "\n[{}]  # {}\n", section.key, one_line(&section.label));
                fields(&mut out, section, record, origin);
            }
            Some(SectionData::Rows(rows)) => {
                for row in rows {
                    let _ = write!(
                        out,
                        "\n[[{}]]  # {}\n",
                        section.key,
                        one_line(&section.label)
                    );
                    fields(&mut out, section, row, origin);
                }
            }
            None => {}
        }
    }
    out
}

fn fields(
    out: &mut String,
    section: &SectionSchema,
    record: &Record,
    origin: &dyn Fn(&Field) -> String,
) {
    for field in &section.fields {
        let Some(value) = record.get(&field.key) else {
            continue;
        };
        let _ = writeln!(
            out,
            "{} = {}  # {}：{}",
            field.key,
            value_text(&value.value, field.ty),
            one_line(&field.label),
            one_line(&origin(value))
        );
    }
    let _ = section.shape == Shape::Rows;
}

/// A comment's text on one line, with the control and bidirectional characters of a
/// workbook's names written out (a sheet named with an escape sequence must not reach
/// the terminal that shows the file).
fn one_line(text: &str) -> String {
    crate::text::visible(&text.replace(['\n', '\r'], " ")).into_owned()
}

/// A value as TOML writes it, read back as the same value.
fn value_text(value: &Datum, ty: FieldType) -> String {
    match value {
        Datum::Text(text) => quoted(text),
        Datum::Decimal(d) if ty == FieldType::Percent => {
            quoted(&format!("{}%", percent_points(*d)))
        }
        Datum::Decimal(d) => d.to_string(),
        Datum::Date(date) => date.to_string(),
        Datum::Bool(b) => b.to_string(),
    }
}

/// A ratio (0.955) as the percentage points it was read from (95.5).
fn percent_points(ratio: Decimal) -> Decimal {
    let mut points = ratio;
    if points.scale() >= 2 {
        points.set_scale(points.scale() - 2).unwrap_or(());
        points
    } else {
        ratio.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(ratio)
    }
}

/// A TOML basic string: quotes, backslashes, control characters and bidirectional
/// controls (U+202E turns `80.00` into `00.08` where the file is shown) escaped.
pub(crate) fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if crate::text::is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_for_toml() {
        assert_eq!(quoted("a\"b\\c\nd\u{1b}"), "\"a\\\"b\\\\c\\nd\\u001B\"");
        assert_eq!(quoted("\u{202e}00.08"), "\"\\u202E00.08\"");
    }

    #[test]
    fn percentages_are_written_as_read() {
        let ratio: Decimal = "0.955".parse().unwrap_or_default();
        assert_eq!(percent_points(ratio).to_string(), "95.5");
        assert_eq!(
            value_text(&Datum::Decimal(ratio), FieldType::Percent),
            "\"95.5%\""
        );
    }
}
