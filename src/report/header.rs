//! The form's own header for a project's page in a printed report: its record sections
//! (项目基本情况, the budget's figures, 自评结果 …) as the department filled them, so that
//! a filed report says whose project it scored and from what money.

use rust_decimal::Decimal;

use crate::data::project::{Datum, Project};
use crate::data::schema::{FieldType, FormSchema, SectionSchema, Shape};
use crate::eval::outcome::HeaderSection;

/// The most characters of a text a header shows, then an ellipsis: a project's name or
/// department is shown whole; a narrative is the form's, not the page that scores it.
const LONGEST_TEXT: usize = 60;

/// The record sections of `project` that hold a value, in the form's order, each with
/// its filled fields; a section of narrative texts only is left to the form.
#[must_use]
pub fn of(form: &FormSchema, project: &Project) -> Vec<HeaderSection> {
    let mut out = Vec::new();
    // A section of texts only (文字部分, 年度总体目标) is the form's narrative.
    let narrative = |s: &&SectionSchema| s.fields.iter().all(|f| f.ty == FieldType::Text);
    let records = (form.sections().iter()).filter(|s| s.shape == Shape::Record);
    for section in records.filter(|s| !narrative(s)) {
        let Some(record) = project.record(&section.key) else {
            continue;
        };
        let fields: Vec<(String, String)> = (section.fields.iter())
            .filter_map(|field| {
                let value = &record.get(&field.key)?.value;
                Some((field.label.clone(), shown(value, field.ty)))
            })
            .filter(|(_, value)| !value.is_empty())
            .collect();
        if !fields.is_empty() {
            out.push(HeaderSection {
                label: section.label.clone(),
                fields,
            });
        }
    }
    out
}

/// A value as the form writes it: a percentage as `95%`, a text on one line and cut
/// after [`LONGEST_TEXT`] characters.
fn shown(value: &Datum, ty: FieldType) -> String {
    match value {
        Datum::Text(text) => one_line(text),
        Datum::Decimal(d) if ty == FieldType::Percent => percent(*d),
        Datum::Decimal(d) => d.to_string(),
        Datum::Date(date) => date.to_string(),
        Datum::Bool(true) => "是".to_owned(),
        Datum::Bool(false) => "否".to_owned(),
    }
}

/// A ratio as percentage points (`0.95` → `95%`); one too large to write so is written
/// as the ratio it is.
fn percent(ratio: Decimal) -> String {
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(points) => format!("{}%", points.normalize()),
        None => ratio.to_string(),
    }
}

/// A text on one line (a paragraph's breaks as spaces), cut after [`LONGEST_TEXT`]
/// characters with an ellipsis.
fn one_line(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(LONGEST_TEXT) {
        Some((at, _)) => format!("{}…", line.get(..at).unwrap_or(&line)),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_percentage_is_written_in_points_and_a_long_text_is_cut() {
        let ratio = |s: &str| Datum::Decimal(s.parse().unwrap());
        assert_eq!(shown(&ratio("0.9167"), FieldType::Percent), "91.67%");
        assert_eq!(shown(&ratio("1"), FieldType::Percent), "100%");
        assert_eq!(shown(&ratio("1679.70"), FieldType::Amount), "1679.70");
        let text = |n: usize| Datum::Text("很".repeat(n));
        assert_eq!(
            shown(&text(LONGEST_TEXT), FieldType::Text).chars().count(),
            LONGEST_TEXT
        );
        let cut = shown(&text(LONGEST_TEXT + 1), FieldType::Text);
        assert_eq!(cut.chars().count(), LONGEST_TEXT + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(percent(Decimal::MAX), Decimal::MAX.to_string());
        assert_eq!(one_line("第一段。\n\n第二段。"), "第一段。 第二段。");
    }
}
