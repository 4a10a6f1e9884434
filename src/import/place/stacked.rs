//! Forms stacked on one sheet: a department's several projects one under another in a
//! text export, a Word document or a sheet (each with its title, labels and indicator
//! table). Read as one form they gave one project of both forms' rows, its total the sum
//! of both: a wrong score said as forty errors.
//!
//! A sheet is cut where the first label of the form (`项目名称`) comes again below a
//! part of the sheet that holds a whole form, and only where the part below holds one
//! too: each part must have an indicator table and labels of two sections or more.
//! A label that recurs inside one form (a report's `项目名称` under the table) leaves a
//! part without its own table, and no cut is made there.

use std::ops::Range;

use crate::data::schema::FormSchema;
use crate::ir::defs::LayoutDef;

use super::{Class, Placement, Placer, label_key, place_rows};
use crate::import::grid::{Cell, CellValue, Sheet};

/// More places where a form may begin than a sheet of real forms has (a form takes
/// twenty rows or more, a sheet at most 100,000): past them the sheet is read as one
/// form, so that a label repeated on every row costs a bounded number of placings (each
/// sets up the ruleset's labels, a cost in the ruleset's size).
const MOST_STARTS: usize = 10_000;

/// One form of a sheet.
#[derive(Debug)]
pub(crate) struct Part {
    /// The form's cells placed.
    pub placement: Placement,
    /// The 0-based row of its first label, where the sheet holds several forms; `None`
    /// for a sheet of one form.
    pub first_row: Option<usize>,
}

/// The forms of a sheet, each placed: one, or each of the forms stacked on it.
pub(crate) fn place_forms(
    sheet: &Sheet,
    schema: &FormSchema,
    layout: &LayoutDef,
    title: &str,
) -> Vec<Part> {
    let whole = 0..sheet.rows.len();
    let placer = Placer::new(schema, layout, title);
    let starts = starts(sheet, &placer);
    if starts.is_empty() || starts.len() > MOST_STARTS {
        let placement = place_rows(sheet, whole, schema, layout, title);
        return vec![Part {
            placement,
            first_row: None,
        }];
    }
    let place = |rows: Range<usize>| place_rows(sheet, rows, schema, layout, title);
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(starts)
        .chain(std::iter::once(whole.end))
        .collect();
    // Each stretch between two places a form may begin, placed on its own; a stretch
    // that is no whole form, or under one that is none, goes with the one above it.
    let mut forms: Vec<Band> = Vec::new();
    for pair in bounds.windows(2) {
        let &[start, end] = pair else { continue };
        let placement = place(start..end);
        let whole = is_whole(&placement);
        match forms.last_mut() {
            Some(above) if !whole || !above.whole => {
                above.rows.end = end;
                above.whole |= whole;
                // Placed again, as one, once all its stretches are known.
                above.placement = None;
            }
            _ => forms.push(Band {
                rows: start..end,
                whole,
                placement: Some(placement),
            }),
        }
    }
    if forms.len() < 2 {
        let placement = place_rows(sheet, whole, schema, layout, title);
        return vec![Part {
            placement,
            first_row: None,
        }];
    }
    (forms.into_iter())
        .map(|band| Part {
            first_row: Some(first_label_in(sheet, &placer, &band.rows)),
            placement: band.placement.unwrap_or_else(|| place(band.rows)),
        })
        .collect()
}

/// Rows of a sheet read as one form.
struct Band {
    rows: Range<usize>,
    /// Whether one of its stretches is a whole form on its own.
    whole: bool,
    /// Its placement, where it is one stretch (placed as it was looked at).
    placement: Option<Placement>,
}

/// Whether a placed part of a sheet is a whole form: an indicator table, and labels of
/// more than one section (a cover's or a report's labels alone are not).
fn is_whole(placement: &Placement) -> bool {
    placement.indicator_rows > 0 && placement.sections_found > 1
}

/// The rows where a form may begin below the first: each row that holds the first
/// label of the sheet again, moved up over the titles above it.
fn starts(sheet: &Sheet, placer: &Placer<'_>) -> Vec<usize> {
    let Some((first, key)) = first_label(sheet, placer) else {
        return Vec::new();
    };
    let mut starts = Vec::new();
    let mut floor = first + 1;
    for (r, row) in sheet.rows.iter().enumerate().skip(floor) {
        if row.iter().any(|cell| has_key(cell, &key)) {
            let start = above_titles(sheet, placer, floor..r);
            starts.push(start);
            floor = r + 1;
            if starts.len() > MOST_STARTS {
                break;
            }
        }
    }
    starts
}

/// The row of the sheet's first label of a field, and the label as labels compare.
fn first_label(sheet: &Sheet, placer: &Placer<'_>) -> Option<(usize, String)> {
    sheet.rows.iter().enumerate().find_map(|(r, row)| {
        row.iter()
            .find_map(|cell| match (&cell.value, placer.classify(cell)) {
                (CellValue::Text(text), Class::Label(_)) => Some((r, label_key(text))),
                _ => None,
            })
    })
}

/// Whether a cell's text is the label `key`: a cell far longer than it is not compared,
/// so that a sheet of long texts costs no more than reading it.
fn has_key(cell: &Cell, key: &str) -> bool {
    match &cell.value {
        CellValue::Text(text) if text.len() <= key.len().saturating_mul(4) + 64 => {
            label_key(text) == key
        }
        _ => false,
    }
}

/// Where a form whose first label is on the row after `rows` begins: above its label,
/// rows of one text or none are its titles or the notes of the form above. The form
/// takes them from the first empty row among them (the notes under a form come right
/// under it, a form's titles after a gap), or, with no empty row, the one right above
/// its label (a title written straight under the form above).
fn above_titles(sheet: &Sheet, placer: &Placer<'_>, rows: Range<usize>) -> usize {
    let label = rows.end;
    let mut top = label;
    while top > rows.start && holds_one_text_at_most(sheet, placer, top - 1) {
        top -= 1;
    }
    if top == label {
        return label;
    }
    (top..label)
        .find(|&r| filled(sheet, placer, r) == 0)
        .unwrap_or(label - 1)
}

/// Whether row `r` holds nothing, or one text and nothing else.
fn holds_one_text_at_most(sheet: &Sheet, placer: &Placer<'_>, r: usize) -> bool {
    let Some(row) = sheet.rows.get(r) else {
        return false;
    };
    let mut filled = row.iter().filter(|cell| !is_blank(placer, cell));
    match (filled.next(), filled.next()) {
        (None, _) => true,
        (Some(cell), None) => matches!(cell.value, CellValue::Text(_)) && cell.formula.is_none(),
        _ => false,
    }
}

/// How many cells of row `r` hold something.
fn filled(sheet: &Sheet, placer: &Placer<'_>, r: usize) -> usize {
    (sheet.rows.get(r).into_iter().flatten())
        .filter(|cell| !is_blank(placer, cell))
        .count()
}

fn is_blank(placer: &Placer<'_>, cell: &Cell) -> bool {
    matches!(placer.classify(cell), Class::Blank)
}

/// The row of the first label of `rows` (`项目名称`: where the form's own lines begin,
/// whatever titles and notes are above it), or the first row.
fn first_label_in(sheet: &Sheet, placer: &Placer<'_>, rows: &Range<usize>) -> usize {
    rows.clone()
        .find(|&r| {
            (sheet.rows.get(r).into_iter().flatten())
                .any(|cell| matches!(placer.classify(cell), Class::Label(_)))
        })
        .unwrap_or(rows.start)
}
