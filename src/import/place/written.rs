//! Values a cell writes with their own words, outside the tables: a field's label, a
//! colon and the value in one cell (`年度：2022`, `项目名称：小型水库水标尺制作安装项目`),
//! and a layout word with `{}` (`（2022年度）`, the official 2020 form's only year, under
//! `labels project.year "（{}年度）"`).

use crate::data::schema::{FieldType, Shape};
use crate::data::tree::{Kind, Node};
use crate::i18n::t;

use super::{
    Cell, CellValue, Class, Placer, address, fits, label_key, value_node, without_parentheses,
};

/// A value a cell writes with its words (`年度：2022`, or a layout pattern's). It is
/// placed at the end, where no label gave its field a value: the form's own 年度 row
/// wins over its title's year.
pub(super) struct FoundValue {
    /// The cell's row and column.
    pub(super) at: (usize, usize),
    /// The section and field.
    pub(super) field: (usize, usize),
    /// The cell, holding only the value.
    pub(super) cell: Cell,
    /// Which of several values for one field is read: 0 for a label's own words
    /// (`年度：2022`), then the layout's patterns in the order written (`（{}年度）` before
    /// a looser one), whatever their cells' order on the sheet.
    rank: usize,
}

impl Placer<'_> {
    /// Reads the values cells write with their own words, and passes those cells over
    /// for the rest of the row's reading; each value gives way, at the end, to the one
    /// the field's own label gives it (a cover line's `项目名称：…` to the form's row).
    /// A cell that is a label's value (`项目名称 | 实施内容：…`), a table's, or a
    /// record's under its header is read as before, whatever its words.
    pub(super) fn written_values(
        &mut self,
        r: usize,
        row: &[Cell],
        mut classes: Vec<Class>,
    ) -> Vec<Class> {
        if self.table.is_some() || self.pending.is_some() {
            return classes;
        }
        let mut after_label = false;
        for (c, cell) in row.iter().enumerate() {
            let Some(class) = classes.get(c) else {
                break;
            };
            let labels_value = after_label;
            match class {
                Class::Blank | Class::Ignored => continue,
                Class::Label(_) => {
                    after_label = true;
                    continue;
                }
                _ => after_label = false,
            }
            if !matches!(class, Class::Value) || labels_value || cell.formula.is_some() {
                continue;
            }
            let CellValue::Text(text) = &cell.value else {
                continue;
            };
            // Under a text going on below its label, only the label of a field with no
            // value yet (`项目年份：2023` under the name) ends it; a pattern's words do
            // not, nor a filled field's label, its own among them (a paragraph of
            // 项目实施情况 that begins `项目实施情况：` or `项目名称：`).
            let going_on = self.open_text.as_ref().is_some_and(|t| t.column == c);
            let labelled = || self.after_label(cell, text).map(|(f, cell)| (f, cell, 0));
            let found = match going_on {
                true => labelled().filter(|(f, _, _)| !self.filled(*f)),
                false => self.by_pattern(cell, text).or_else(labelled),
            };
            let (Some((field, cell, rank)), Some(class)) = (found, classes.get_mut(c)) else {
                continue;
            };
            *class = Class::Ignored;
            if going_on {
                self.open_text = None;
            }
            self.found.insert(field);
            self.found_values.push(FoundValue {
                at: (r, c),
                field,
                cell,
                rank,
            });
        }
        classes
    }

    /// A layout word with `{}` that finds a value of its field's type in the cell (the
    /// first it finds that is): the field, the cell holding only the value, and the
    /// pattern's rank (1 for the first).
    fn by_pattern(&self, cell: &Cell, text: &str) -> Option<((usize, usize), Cell, usize)> {
        if self.patterns.is_empty() {
            return None;
        }
        // A title is short: a long cell (a narrative, a cell of padding) is not searched.
        if text.len() > LONGEST_PATTERN_CELL {
            return None;
        }
        // Its words apart first (`附件1 2022年度…`: 2022, never 12022), then as labels
        // compare (`项目支出 绩效自评表`).
        let (spaced, compared) = (pattern_key(text), label_key(text));
        let keys: &[String] = match spaced == compared {
            true => std::slice::from_ref(&spaced),
            false => &[spaced, compared],
        };
        (self.patterns.iter().enumerate()).find_map(|(i, (pattern, field))| {
            let ty = self.field_type(*field);
            let numeric = ty.is_some_and(is_numeric);
            // A year may be written in Chinese digits (`（二〇二二年度）`).
            let year = ty == Some(FieldType::Integer);
            let number_like = |value: &&str| {
                !numeric
                    || value.starts_with(|c: char| {
                        c.is_ascii_digit()
                            || c == '-'
                            || c == '+'
                            || (year && super::words::chinese_digit(c).is_some())
                    })
            };
            (keys.iter().flat_map(|key| pattern.values(key)))
                .map(str::trim)
                .filter(number_like)
                .map(|value| with_value(cell, value))
                .find(|cell| self.fits(*field, cell))
                .map(|cell| (*field, cell, i + 1))
        })
    }

    /// `年度：2022`: the label of a field of a record section (not a table's), a colon,
    /// and a value of the field's type: the field, and the cell holding only the value.
    pub(super) fn after_label(&self, cell: &Cell, text: &str) -> Option<((usize, usize), Cell)> {
        let (label, value) = text.split_once([':', '：'])?;
        let value = value.trim();
        let key = label_key(label);
        // `合计：1679.7` beside a table is its sum, not the form's total score.
        if value.is_empty() || key.is_empty() || self.layout.totals.contains(&key) {
            return None;
        }
        let fields =
            (self.labels.get(&key)).or_else(|| self.bare_labels.get(&without_parentheses(&key)))?;
        let in_record = |s: usize| {
            (self.schema.sections().get(s)).is_some_and(|section| section.shape == Shape::Record)
        };
        let candidates: Vec<(usize, usize)> = (fields.iter().copied())
            .filter(|(s, _)| in_record(*s))
            .collect();
        let field = (candidates.iter().copied())
            .find(|(s, _)| Some(*s) == self.current)
            .or_else(|| candidates.first().copied())?;
        let cell = with_value(cell, value);
        self.fits(field, &cell).then_some((field, cell))
    }

    /// Whether a cell's value is of a field's type.
    fn fits(&self, field: (usize, usize), cell: &Cell) -> bool {
        (self.field_type(field)).is_some_and(|ty| fits(&value_node(cell, Some(ty)), ty))
    }

    /// Keeps a value found outside its label's place (a word on a total row) to fill its
    /// field at the end, where no label does ([`Self::place_found_values`]).
    pub(super) fn found_value(&mut self, at: (usize, usize), field: (usize, usize), cell: Cell) {
        self.found_values.push(FoundValue {
            at,
            field,
            cell,
            rank: 0,
        });
    }

    /// The values cells wrote with their words, each where no label (nor a cell before
    /// it) gave its field a value. Where one did, a value that is not the same (a title's
    /// `（2021年度）` over 年度 2022) is noted.
    ///
    /// Returns how many values patterns placed: words printed on a form (a template's
    /// title with its year) are not what a department filled in.
    pub(super) fn place_found_values(&mut self) -> usize {
        let mut found_values = std::mem::take(&mut self.found_values);
        found_values.sort_by_key(|found| found.rank);
        let mut by_pattern = 0;
        for found in found_values {
            let (s, f) = found.field;
            let written = (self.records.get(&s))
                .and_then(|record| record.entries.iter().find(|(k, _, _)| *k == f))
                .map(|(_, node, _)| same_text(node));
            let Some(written) = written else {
                let span = super::cell_span(&found.cell).unwrap_or_default();
                self.put_value(found.at, &found.cell, found.field, span);
                by_pattern += usize::from(found.rank > 0);
                continue;
            };
            let CellValue::Text(value) = &found.cell.value else {
                continue;
            };
            // Compared as read for the field (`二〇二三` is the 2023 written elsewhere).
            let read = same_text(&value_node(&found.cell, self.field_type(found.field)));
            if let Some(kept) = written.filter(|w| Some(w) != read.as_ref()) {
                let label = (self.schema.sections().get(s))
                    .and_then(|section| section.fields.get(f))
                    .map(|field| field.label.clone())
                    .unwrap_or_default();
                self.notes.push(t!(
                    IMPORT_NOTE_WRITTEN_DIFFERS,
                    address = address(found.at.0, found.at.1),
                    value = crate::data::words::shorten(value),
                    label = label,
                    kept = crate::data::words::shorten(&kept)
                ));
            }
        }
        by_pattern
    }
}

/// A placed text or number as labels compare, to tell whether a pattern's value is the
/// same: `None` for any other value.
fn same_text(node: &Node) -> Option<String> {
    match &node.kind {
        Kind::String(text) | Kind::Number(text) => Some(label_key(text)),
        _ => None,
    }
}

/// The most bytes of a cell a pattern is tried on (the pattern itself stops at 200
/// characters of the compared text).
const LONGEST_PATTERN_CELL: usize = 4096;

/// A text as a pattern first compares it: as [`label_key`] does, but with each run of
/// whitespace kept as one space, which parts two numbers (`附件1 2022`).
fn pattern_key(text: &str) -> String {
    let folded = crate::text::fold_width(text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    words.join(" ").trim_end_matches(':').to_owned()
}

/// Whether a field's type is a number's.
fn is_numeric(ty: FieldType) -> bool {
    matches!(
        ty,
        FieldType::Integer
            | FieldType::Number
            | FieldType::Amount
            | FieldType::Points
            | FieldType::Percent
    )
}

/// The cell with another text: where it is, its formula and merging kept.
fn with_value(cell: &Cell, value: &str) -> Cell {
    Cell {
        value: CellValue::Text(value.to_owned()),
        ..cell.clone()
    }
}
