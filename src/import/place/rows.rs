//! How a row of cells stands against a table: a row in place, a row shifted by a page
//! break or by a cell, a stray cell beside it; and the answers a passed-over word takes.

use crate::data::schema::FieldType;
use crate::data::tree::{Kind, Node};

use super::{Cell, CellValue, Class, Table};

/// Whether a row lines up under the table's headers but for cells right of the table,
/// and starts in the table's first column or stands apart from them: a stray value typed
/// beside the row (`J55`, right of a row whose category cell is merged), not a row a
/// page break shifted (which starts right of the first column, its leading cells lost)
/// nor one shifted right (`insert cells`, its last cell just right of the table), whose
/// cells are read in order as before.
pub(super) fn aligned_but_right_of(table: &Table, cells: &[usize]) -> bool {
    let Some((inside, right)) = stray(table, cells) else {
        return false;
    };
    let first = table.columns.keys().chain(table.extra.keys()).min();
    let apart = match (inside.last(), right.first()) {
        (Some(end), Some(start)) => start.saturating_sub(*end) > 1,
        _ => false,
    };
    cells.first() == first || apart
}

/// A row's classes with a label in a hidden column read as a word where a shown cell of
/// the row labels the same field (`实际完成值` hidden beside `实际完成值` or `全年实际值`
/// shown): the column the department hid is not the one it fills, and the field is read
/// once, from what the sheet shows. The hidden column is then a column the form does
/// not have (`unread-column`, where it holds values).
pub(super) fn without_hidden_doubles(row: &[Cell], mut classes: Vec<Class>) -> Vec<Class> {
    if !row.iter().any(|cell| cell.hidden) {
        return classes;
    }
    let shown: Vec<(usize, usize)> = (row.iter().zip(&classes))
        .filter(|(cell, _)| !cell.hidden)
        .filter_map(|(_, class)| match class {
            Class::Label(fields) => Some(fields.iter().copied()),
            _ => None,
        })
        .flatten()
        .collect();
    for (cell, class) in row.iter().zip(classes.iter_mut()) {
        if cell.hidden
            && matches!(class, Class::Label(fields) if fields.iter().any(|f| shown.contains(f)))
        {
            *class = Class::Value;
        }
    }
    classes
}

/// A row's classes with the answer to a passed-over question passed over too: the value
/// in the next cell after a passed-over word that ends with a colon (`填报日期：` then
/// `2024-01-15`, `单位负责人：` then `张三`) belongs to that word, not to the form.
pub(super) fn with_answers_ignored(row: &[Cell], mut classes: Vec<Class>) -> Vec<Class> {
    let asks = |cell: &Cell| matches!(&cell.value, CellValue::Text(t) if t.trim_end().ends_with([':', '：']));
    let mut asked = false;
    for (cell, class) in row.iter().zip(classes.iter_mut()) {
        match class {
            Class::Blank => continue,
            Class::Value if asked => *class = Class::Ignored,
            _ => {}
        }
        asked = matches!(class, Class::Ignored) && asks(cell);
    }
    classes
}

/// Whether a row's cells inside the table all stand under its read columns and some
/// stand right of it: a row in place with a stray cell beside it, or a row shifted
/// right by a cell, which only the cells' values tell apart.
pub(super) fn stray_right_of(table: &Table, cells: &[usize]) -> bool {
    stray(table, cells).is_some()
}

/// A row's cells inside the table (all under its read columns) and right of it, where
/// there are both.
fn stray(table: &Table, cells: &[usize]) -> Option<(Vec<usize>, Vec<usize>)> {
    let read = |c: &usize| table.columns.contains_key(c) || table.extra.contains_key(c);
    let last = table.columns.keys().chain(table.extra.keys()).max()?;
    let (inside, right): (Vec<usize>, Vec<usize>) = cells.iter().partition(|c| *c <= last);
    let stray = !inside.is_empty() && !right.is_empty() && inside.iter().all(read);
    stray.then_some((inside, right))
}

/// Whether a cell's value, as read for a field of type `ty`, is of that type: a number
/// for a number field (the unit its column says left off), a date for a date. Text
/// fields take anything. Judges a reading of a row, never a value (the validator does).
pub(super) fn fits(node: &Node, ty: FieldType) -> bool {
    let number = |text: &str| crate::data::decimal::read_decimal(text.trim()).is_ok();
    match (&node.kind, ty) {
        (_, FieldType::Text | FieldType::Measure) => true,
        (Kind::Null | Kind::Formula(_), _) => true,
        (Kind::Number(_), FieldType::Bool) => false,
        (Kind::Number(_), _) => true,
        (Kind::String(text), FieldType::Percent) => number(text.trim_end_matches('%')),
        (
            Kind::String(text),
            FieldType::Integer | FieldType::Number | FieldType::Amount | FieldType::Points,
        ) => number(text),
        (Kind::Date(_), FieldType::Date) | (Kind::Bool(_), FieldType::Bool) => true,
        _ => false,
    }
}
