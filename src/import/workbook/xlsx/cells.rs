//! What a sheet's cells say that calamine reads without checking, checked before it
//! reads them.
//!
//! calamine reads a reference (`r="B4294967297"`, a merged range, the sheet's
//! dimension) with arithmetic that wraps in a release build: a hostile workbook's cell
//! past row 4,294,967,296 lands in row 1, where it can stand for a field the form fills
//! elsewhere, and a range written backwards spans billions of rows. No sheet Excel or
//! WPS writes passes column XFD or row 1,048,576, so a reference past them, or a range
//! whose end comes before its start, is a damaged workbook.
//!
//! A shared text's number (`<c t="s"><v>3</v></c>`) that is no number (`-1`, `abc`) is
//! read by calamine as the first shared text: a date cell would silently read as the
//! workbook's first label. It is a damaged workbook too (a number past the list calamine
//! reports itself).

use quick_xml::events::{BytesStart, Event};

/// The last column (`XFD`) and row a sheet holds, counted from 1.
const LAST_COLUMN: u64 = 16_384;
const LAST_ROW: u64 = 1_048_576;

/// What is wrong with a sheet's cells, as found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Wrong {
    /// A reference past the sheet's bounds, as written.
    OutOfBounds(String),
    /// A shared text's number that is no number: the cell's reference, the number.
    SharedIndex(String, String),
}

/// The check of one sheet's part, fed its events in order.
#[derive(Default)]
pub(super) struct Check {
    /// The reference of the shared-text cell being read (`Some("")` without one).
    shared: Option<String>,
    /// Whether its `<v>` is open.
    in_value: bool,
}

impl Check {
    /// What `event` shows wrong, where it does.
    pub(super) fn see(&mut self, event: &Event<'_>) -> Option<Wrong> {
        match event {
            Event::Start(e) | Event::Empty(e) => {
                if let Some(written) = out_of_bounds(e) {
                    return Some(Wrong::OutOfBounds(written));
                }
                let start = matches!(event, Event::Start(_));
                match e.local_name().as_ref() {
                    "c" if start => {
                        let shared = super::hidden::attribute(e, "t").is_some_and(|t| t == "s");
                        self.shared =
                            shared.then(|| super::hidden::attribute(e, "r").unwrap_or_default());
                    }
                    "v" => self.in_value = start,
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "c" => self.shared = None,
                "v" => self.in_value = false,
                _ => {}
            },
            Event::Text(text) if self.in_value => {
                let index: &str = text;
                if !is_index(index.trim()) {
                    return self.wrong_index(index);
                }
            }
            // `&#45;1`: no number is written with a reference.
            Event::GeneralRef(_) if self.in_value => return self.wrong_index("&…;"),
            _ => {}
        }
        None
    }

    /// The finding of a wrong shared text's number, where the cell is a shared text's.
    fn wrong_index(&self, index: &str) -> Option<Wrong> {
        let cell = self.shared.clone()?;
        Some(Wrong::SharedIndex(cell, index.to_owned()))
    }
}

/// Whether `text` is a list index as calamine reads one: digits that fit a `usize`.
fn is_index(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) && text.parse::<usize>().is_ok()
}

/// The reference of `element`, where it is one calamine reads and it passes a sheet's
/// bounds or is no reference: `Some(the reference as written)`. `None` where it is
/// fine, and for elements calamine reads no reference of.
fn out_of_bounds(element: &BytesStart<'_>) -> Option<String> {
    let (name, fine): (&str, fn(&str) -> bool) = match element.local_name().as_ref() {
        "c" => ("r", |written| cell(written).is_some()),
        "row" => ("r", |written| row(written).is_some()),
        "dimension" | "mergeCell" => ("ref", range),
        _ => return None,
    };
    let written = super::hidden::attribute(element, name)?;
    (!fine(&written)).then_some(written)
}

/// A range `A1:C9` (or one cell) whose start comes before its end.
fn range(written: &str) -> bool {
    let Some((start, end)) = written.split_once(':') else {
        return cell(written).is_some();
    };
    match (cell(start), cell(end)) {
        (Some((r1, c1)), Some((r2, c2))) => r1 <= r2 && c1 <= c2,
        _ => false,
    }
}

/// A cell's row and column, each from 1, where both are within a sheet: `B12` is
/// `(12, 2)`. Letters may be either case, as calamine reads them.
fn cell(written: &str) -> Option<(u64, u64)> {
    let digits_at = written.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = written.split_at(digits_at);
    if letters.is_empty() {
        return None;
    }
    let mut column: u64 = 0;
    for b in letters.bytes() {
        if !b.is_ascii_alphabetic() {
            return None;
        }
        let letter = u64::from(b.to_ascii_uppercase() - b'A') + 1;
        column = column.checked_mul(26)?.checked_add(letter)?;
        if column > LAST_COLUMN {
            return None;
        }
    }
    Some((row(digits)?, column))
}

/// A row number from 1 within a sheet: digits only.
fn row(digits: &str) -> Option<u64> {
    if digits.is_empty() || digits.len() > 7 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|r| (1..=LAST_ROW).contains(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the check finds in `xml`, first.
    fn found(xml: &str) -> Option<Wrong> {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut check = Check::default();
        loop {
            match reader.read_event().unwrap() {
                Event::Eof => return None,
                event => {
                    if let Some(wrong) = check.see(&event) {
                        return Some(wrong);
                    }
                }
            }
        }
    }

    #[test]
    fn a_shared_texts_number_must_be_one() {
        let cell = |v: &str| format!(r#"<row r="6"><c r="B6" t="s"><v>{v}</v></c></row>"#);
        for fine in ["0", "12", " 3 "] {
            assert_eq!(found(&cell(fine)), None, "{fine}");
        }
        for wrong in ["-1", "abc", "1.5", "18446744073709551616", "&#45;1"] {
            assert!(
                matches!(found(&cell(wrong)), Some(Wrong::SharedIndex(c, _)) if c == "B6"),
                "{wrong}"
            );
        }
        // A number cell's value, and a formula's text, are no shared text's number.
        assert_eq!(found(r#"<c r="B6"><v>-1</v></c>"#), None);
        assert_eq!(found(r#"<c r="B6" t="s"><f>A1</f><v>0</v></c>"#), None);
        assert_eq!(
            found(r#"<c r="B6" t="s"><f>-A1</f><v>0</v></c>"#),
            None,
            "the formula is not the value"
        );
    }

    #[test]
    fn cells_within_a_sheet_are_read_and_past_it_refused() {
        assert_eq!(cell("A1"), Some((1, 1)));
        assert_eq!(cell("b12"), Some((12, 2)));
        assert_eq!(cell("XFD1048576"), Some((1_048_576, 16_384)));
        for past in [
            "XFE1",
            "A1048577",
            "B4294967297",
            "ZZZZZZZZ1",
            "A0",
            "A",
            "12",
            "A1B",
            "A-1",
            "",
        ] {
            assert_eq!(cell(past), None, "{past}");
        }
    }

    #[test]
    fn a_range_must_run_forwards() {
        assert!(range("A1:C9"));
        assert!(range("B2"));
        assert!(range("A1:A1"));
        assert!(!range("B5:A1"));
        assert!(!range("A5:A1"));
        assert!(!range("A1:XFE1"));
        assert!(!range("A1:"));
    }
}
