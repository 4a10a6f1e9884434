//! How a row of cells stands against a table: a row in place, a row shifted by a page
//! break or by a cell, a stray cell beside it; the answers a passed-over word takes; and
//! which of two labels of one field a row reads.

use crate::data::schema::FieldType;
use crate::data::tree::{Kind, Node};

use std::collections::HashMap;

use super::{Cell, CellValue, Class, Placer, Table, label_key, without_parentheses};

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

impl Placer<'_> {
    /// A row's classes with a sign-off line's values passed over: in a row of nothing but
    /// words the layout passes over as the start of a text (`填报人*`), each followed by
    /// one value (`填报人 | 张三 | 联系电话 | 0512-65201234`), each value is its word's,
    /// colon or none. Read as a table's row, that line was an indicator with a telephone
    /// number for a weight, and the form was refused. A title passed over as a whole
    /// word (`项目支出绩效自评表 | 2022年度`) asks nothing.
    pub(super) fn sign_off_answers(&self, row: &[Cell], mut classes: Vec<Class>) -> Vec<Class> {
        let mut asked = false;
        let mut answers = Vec::new();
        for (c, (cell, class)) in row.iter().zip(&classes).enumerate() {
            match class {
                Class::Blank => continue,
                Class::Ignored => asked = self.asks(cell),
                Class::Value if asked => {
                    answers.push(c);
                    asked = false;
                }
                _ => return classes,
            }
        }
        for c in answers {
            if let Some(class) = classes.get_mut(c) {
                *class = Class::Ignored;
            }
        }
        classes
    }

    /// Whether a cell is, alone, a word the layout passes over as the start of a text: a
    /// question on a sign-off line (`填报人`, `联系电话：`), not a title, nor a question
    /// answered in its own cell (`填报单位：中江县水利局`).
    fn asks(&self, cell: &Cell) -> bool {
        let CellValue::Text(text) = &cell.value else {
            return false;
        };
        let text = label_key(text);
        (self.layout.ignore.iter())
            .filter_map(|word| word.strip_suffix('*'))
            .any(|prefix| text == prefix)
    }

    /// A row that labels one field twice reads it under one label: a column the sheet
    /// shows before one the workbook hides (`实际完成值` hidden beside `实际完成值` or
    /// `全年实际值` shown: the column the department hid is not the one it fills; it made
    /// the form refused or read stale values), and the field's own label before one of the
    /// layout's other words for it (`权重` before `分值` side by side). The label passed
    /// over is a column the form does not have (`unread-column`, where it holds values);
    /// two labels alike both stay, and the field's values are refused as doubled.
    pub(super) fn without_doubled_labels(
        &self,
        row: &[Cell],
        mut classes: Vec<Class>,
    ) -> Vec<Class> {
        // A label cell's rank: hidden, then another word; the lowest of a field is read.
        let rank = |cell: &Cell| (cell.hidden, self.is_other_word(cell));
        let labels: Vec<(usize, (bool, bool))> = (row.iter().zip(&classes).enumerate())
            .filter(|(_, (_, class))| matches!(class, Class::Label(_)))
            .map(|(c, (cell, _))| (c, rank(cell)))
            .collect();
        if labels.iter().all(|(_, rank)| *rank == (false, false)) {
            return classes;
        }
        let fields_of = |classes: &[Class], c: usize| match classes.get(c) {
            Some(Class::Label(fields)) => fields.clone(),
            _ => Vec::new(),
        };
        let mut best: HashMap<(usize, usize), (bool, bool)> = HashMap::new();
        for &(c, rank) in &labels {
            for field in fields_of(&classes, c) {
                let least = best.entry(field).or_insert(rank);
                *least = (*least).min(rank);
            }
        }
        for (c, rank) in labels {
            let outranked = (fields_of(&classes, c).iter())
                .any(|field| best.get(field).is_some_and(|least| *least < rank));
            if let (true, Some(class)) = (outranked, classes.get_mut(c)) {
                *class = Class::Value;
            }
        }
        classes
    }

    /// Whether a cell is one of the layout's other words for a field (`分值` for 权重).
    fn is_other_word(&self, cell: &Cell) -> bool {
        let CellValue::Text(text) = &cell.value else {
            return false;
        };
        let key = label_key(text);
        self.other_words.contains(&key) || self.other_words.contains(&without_parentheses(&key))
    }
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
