//! Forms stacked on one sheet: a department's several projects one under another in a
//! text export, a Word document or a sheet (each with its title, labels and indicator
//! table). Read as one form they gave one project of both forms' rows, its total the sum
//! of both: a wrong score said as forty errors.
//!
//! A sheet is cut where the first label of the form (`项目名称`) comes again below a
//! part of the sheet that holds a whole form, and only where the part below holds one
//! too: each part must have an indicator table and a label of every section the form
//! requires (a page's continuation, `（续）` with the name and the table's header again,
//! has neither the budget nor the funds).
//! A label that recurs inside one form (a report's `项目名称` under the table) leaves a
//! part without its own table, and no cut is made there. The rows above the label that
//! the form above read nothing from, each one text or none, are the titles of the form
//! below.

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
    /// Where its first label is, where the sheet holds several forms: the 0-based row,
    /// and the cell's place in the shown text; `None` for a sheet of one form.
    pub first_label: Option<(usize, Option<usize>)>,
}

/// The forms of a sheet, each placed: one, or each of the forms stacked on it.
pub(crate) fn place_forms(
    sheet: &Sheet,
    schema: &FormSchema,
    layout: &LayoutDef,
    title: &str,
) -> Vec<Part> {
    let whole = 0..sheet.rows.len();
    let place = |rows: Range<usize>| place_rows(sheet, rows, schema, layout, title);
    let placer = Placer::new(schema, layout, title);
    let labels = labels_again(sheet, &placer);
    let cuts = if labels.is_empty() || labels.len() > MOST_STARTS {
        Vec::new()
    } else {
        cuts(sheet, &placer, &labels, &place)
    };
    if cuts.is_empty() {
        return vec![Part {
            placement: place(whole),
            first_label: None,
        }];
    }
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(cuts)
        .chain(std::iter::once(whole.end))
        .collect();
    (bounds.windows(2))
        .filter_map(|pair| match *pair {
            [start, end] => Some(start..end),
            _ => None,
        })
        .map(|rows| Part {
            first_label: Some(first_label_in(sheet, &placer, &rows)),
            placement: place(rows),
        })
        .collect()
}

/// The rows where a form stacked under another begins. The sheet is looked at in
/// stretches, from each row of its first label (`labels`) to the next, each placed on
/// its own: a form begins at a stretch that is a whole form under stretches that hold
/// one, from the titles above its label.
fn cuts(
    sheet: &Sheet,
    placer: &Placer<'_>,
    labels: &[usize],
    place: &dyn Fn(Range<usize>) -> Placement,
) -> Vec<usize> {
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(labels.iter().copied())
        .chain(std::iter::once(sheet.rows.len()))
        .collect();
    let mut cuts = Vec::new();
    // Whether the form read so far holds a whole form, and the last row it read.
    let mut above_whole = false;
    let mut last_read: Option<usize> = None;
    for pair in bounds.windows(2) {
        let &[start, end] = pair else { continue };
        let placement = place(start..end);
        let whole = is_whole(&placement);
        if start > 0 && whole && above_whole {
            let floor = last_read.map_or(0, |r| r + 1);
            cuts.push(above_titles(sheet, placer, floor..start));
            last_read = placement.last_read_row;
        } else {
            above_whole |= whole;
            last_read = last_read.max(placement.last_read_row);
        }
    }
    cuts
}

/// Whether a placed part of a sheet is a whole form: an indicator table, and a label of
/// every section the form requires (a cover's or a report's labels are not one, nor a
/// page's continuation that repeats the project's name over the rest of the table).
fn is_whole(placement: &Placement) -> bool {
    placement.indicator_rows > 0 && placement.required_sections
}

/// The rows below the sheet's first label that hold it again (`项目名称`): where a form
/// stacked under another may begin. Past [`MOST_STARTS`] the rest are not looked for.
fn labels_again(sheet: &Sheet, placer: &Placer<'_>) -> Vec<usize> {
    let Some((first, key)) = first_label(sheet, placer) else {
        return Vec::new();
    };
    (sheet.rows.iter().enumerate().skip(first + 1))
        .filter(|(_, row)| row.iter().any(|cell| has_key(cell, &key)))
        .map(|(r, _)| r)
        .take(MOST_STARTS + 1)
        .collect()
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

/// Where a form whose first label (as the sheet's first form has it) is on the row after
/// `rows` begins: the rows right above that label that hold one text or none (`附件2`,
/// the form's name, a gap) are its titles, and those that hold a label of the form are
/// its own (its 项目主管部门 written before its 项目名称), up to another row or the start of
/// `rows` (the row after the last the form above read a value from: what it read stays
/// with it).
fn above_titles(sheet: &Sheet, placer: &Placer<'_>, rows: Range<usize>) -> usize {
    let mut top = rows.end;
    while top > rows.start && may_begin_a_form(sheet, placer, top - 1) {
        top -= 1;
    }
    top
}

/// Whether row `r` holds nothing, one text and nothing else, or a label of the form.
fn may_begin_a_form(sheet: &Sheet, placer: &Placer<'_>, r: usize) -> bool {
    let Some(row) = sheet.rows.get(r) else {
        return false;
    };
    let filled: Vec<(&Cell, Class)> = (row.iter())
        .map(|cell| (cell, placer.classify(cell)))
        .filter(|(_, class)| !matches!(class, Class::Blank))
        .collect();
    if filled
        .iter()
        .any(|(_, class)| matches!(class, Class::Label(_)))
    {
        return true;
    }
    match filled.as_slice() {
        [] => true,
        [(cell, _)] => matches!(cell.value, CellValue::Text(_)) && cell.formula.is_none(),
        _ => false,
    }
}

/// The row of the first label of `rows` (`项目名称`: where the form's own lines begin,
/// whatever titles and notes are above it), or the first row, with the label's place in
/// the shown text (a CSV cell of several lines puts a row's line past its number).
fn first_label_in(
    sheet: &Sheet,
    placer: &Placer<'_>,
    rows: &Range<usize>,
) -> (usize, Option<usize>) {
    rows.clone()
        .find_map(|r| {
            let cell = (sheet.rows.get(r).into_iter().flatten())
                .find(|cell| matches!(placer.classify(cell), Class::Label(_)))?;
            Some((r, cell.at.map(|(start, _)| start)))
        })
        .unwrap_or((rows.start, None))
}
