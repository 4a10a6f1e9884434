//! Forms stacked on one sheet: a department's several projects one under another in a
//! text export, a Word document or a sheet (each with its title, labels and indicator
//! table). Read as one form they gave one project of both forms' rows, its total the sum
//! of both: a wrong score said as forty errors.
//!
//! A sheet is cut where the first label of the form (`项目名称`) comes again below a
//! part of the sheet that holds a whole form, and only where the part below holds one
//! too: each part must have an indicator table, a label of every section the form
//! requires and, where the ruleset has a catalog, one of its indicators (a page's
//! continuation, `（续）` with the name, even the budget, and the table's header again
//! over the rest of the table, has none of them). A label that recurs inside one form (a
//! report's `项目名称` under the table) leaves a part without its own table, and no cut is
//! made there. Above the label, the rows holding labels of its section (its 项目主管部门
//! written first) and the titles the form above read nothing from go with the form below.

use std::collections::HashSet;
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
/// `catalog` is the names of the ruleset's catalog indicators, as labels compare.
pub(crate) fn place_forms(
    sheet: &Sheet,
    (schema, layout, title): (&FormSchema, &LayoutDef, &str),
    catalog: &HashSet<String>,
) -> Vec<Part> {
    let whole = 0..sheet.rows.len();
    let place = |rows: Range<usize>| place_rows(sheet, rows, schema, layout, title);
    let placer = Placer::new(schema, layout, title);
    let first = first_label(sheet, &placer);
    let labels = (first.as_ref()).map_or_else(Vec::new, |first| labels_again(sheet, first));
    let cuts = match &first {
        Some(first) if !labels.is_empty() && labels.len() <= MOST_STARTS => {
            let look = Look {
                sheet,
                placer: &placer,
                first,
                catalog,
            };
            cuts(&look, &labels, &place)
        }
        _ => Vec::new(),
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

/// What the cuts are looked for with.
struct Look<'a> {
    sheet: &'a Sheet,
    placer: &'a Placer<'a>,
    first: &'a FirstLabel,
    catalog: &'a HashSet<String>,
}

/// The sheet's first label of a field: its row, the label as labels compare, and the
/// sections of the fields it may name (the project's record, whose other labels a form
/// may write above it).
struct FirstLabel {
    row: usize,
    key: String,
    sections: Vec<usize>,
}

/// The rows where a form stacked under another begins. The sheet is looked at in
/// stretches, from each row of its first label (`labels`) to the next, each placed on
/// its own: a form begins at a stretch that is a whole form under stretches that hold
/// one, from the labels of its first label's section and the titles above it.
fn cuts(
    look: &Look<'_>,
    labels: &[usize],
    place: &dyn Fn(Range<usize>) -> Placement,
) -> Vec<usize> {
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(labels.iter().copied())
        .chain(std::iter::once(look.sheet.rows.len()))
        .collect();
    let mut cuts: Vec<usize> = Vec::new();
    // Whether the form read so far holds a whole form, and the last row it read.
    let mut above_whole = false;
    let mut last_read: Option<usize> = None;
    for pair in bounds.windows(2) {
        let &[start, end] = pair else { continue };
        let placement = place(start..end);
        let whole = is_whole(&placement, look.catalog);
        if start > 0 && whole && above_whole {
            let lowest = cuts.last().copied().unwrap_or(0);
            let floor = last_read.map_or(0, |r| r + 1);
            cuts.push(above_label(look, lowest, floor, start));
            last_read = placement.last_read_row;
        } else {
            above_whole |= whole;
            last_read = last_read.max(placement.last_read_row);
        }
    }
    cuts
}

/// Whether a placed part of a sheet is a whole form: an indicator table, a label of
/// every section the form requires (a cover's or a report's labels are not one), and,
/// where the ruleset has a catalog, one of its indicators at least (a page's
/// continuation with the whole header again over the rest of the table has none: a
/// form's catalog rows come with it).
fn is_whole(placement: &Placement, catalog: &HashSet<String>) -> bool {
    let catalogued = || (placement.indicator_names.iter()).any(|name| catalog.contains(name));
    placement.indicator_rows > 0
        && placement.required_sections
        && (catalog.is_empty() || catalogued())
}

/// The rows below the sheet's first label that hold it again (`项目名称`): where a form
/// stacked under another may begin. Past [`MOST_STARTS`] the rest are not looked for.
fn labels_again(sheet: &Sheet, first: &FirstLabel) -> Vec<usize> {
    (sheet.rows.iter().enumerate().skip(first.row + 1))
        .filter(|(_, row)| row.iter().any(|cell| has_key(cell, &first.key)))
        .map(|(r, _)| r)
        .take(MOST_STARTS + 1)
        .collect()
}

/// The sheet's first label of a field.
fn first_label(sheet: &Sheet, placer: &Placer<'_>) -> Option<FirstLabel> {
    sheet.rows.iter().enumerate().find_map(|(r, row)| {
        row.iter()
            .find_map(|cell| match (&cell.value, placer.classify(cell)) {
                (CellValue::Text(text), Class::Label(fields)) => Some(FirstLabel {
                    row: r,
                    key: label_key(text),
                    sections: fields.iter().map(|(s, _)| *s).collect(),
                }),
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

/// Where a form whose first label (as the sheet's first form has it) is on row `label`
/// begins: the rows right above it that hold a label of the same section are its own
/// (its 项目主管部门 written before its 项目名称: the form above may have read it, lacking
/// one), and those that hold one text or none (`附件2`, the form's name, a gap) its
/// titles where the form above read nothing from them (`floor` is the row after the
/// last it read: a report's paragraphs stay with it); never above `lowest`, where the
/// form above begins.
fn above_label(look: &Look<'_>, lowest: usize, floor: usize, label: usize) -> usize {
    let mut top = label;
    while top > lowest {
        let r = top - 1;
        if holds_label_of(look, r) || (r >= floor && holds_one_text_at_most(look, r)) {
            top = r;
        } else {
            break;
        }
    }
    top
}

/// Whether row `r` holds a label of a field of the first label's sections.
fn holds_label_of(look: &Look<'_>, r: usize) -> bool {
    let sections = &look.first.sections;
    (look.sheet.rows.get(r).into_iter().flatten()).any(|cell| match look.placer.classify(cell) {
        Class::Label(fields) => fields.iter().any(|(s, _)| sections.contains(s)),
        _ => false,
    })
}

/// Whether row `r` holds nothing, or one text and nothing else.
fn holds_one_text_at_most(look: &Look<'_>, r: usize) -> bool {
    let Some(row) = look.sheet.rows.get(r) else {
        return false;
    };
    let mut filled =
        (row.iter()).filter(|cell| !matches!(look.placer.classify(cell), Class::Blank));
    match (filled.next(), filled.next()) {
        (None, _) => true,
        (Some(cell), None) => matches!(cell.value, CellValue::Text(_)) && cell.formula.is_none(),
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
