//! Cell references a sheet's part writes, checked before calamine reads them.
//!
//! calamine reads a reference (`r="B4294967297"`, a merged range, the sheet's
//! dimension) with arithmetic that wraps in a release build: a hostile workbook's cell
//! past row 4,294,967,296 lands in row 1, where it can stand for a field the form fills
//! elsewhere, and a range written backwards spans billions of rows. No sheet Excel or
//! WPS writes passes column XFD or row 1,048,576, so a reference past them, or a range
//! whose end comes before its start, is a damaged workbook.

use quick_xml::events::BytesStart;

/// The last column (`XFD`) and row a sheet holds, counted from 1.
const LAST_COLUMN: u64 = 16_384;
const LAST_ROW: u64 = 1_048_576;

/// The reference of `element`, where it is one calamine reads and it passes a sheet's
/// bounds or is no reference: `Some(the reference as written)`. `None` where it is
/// fine, and for elements calamine reads no reference of.
pub(super) fn out_of_bounds(element: &BytesStart<'_>) -> Option<String> {
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
