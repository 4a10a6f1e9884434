//! A table's header over two rows, as departments draw it: a group's word over the
//! labels it groups (`完成情况` merged over 实际完成值 and 自评分, the other labels merged
//! down both rows), or a label broken over two cells (`实际` over `完成值`). The second
//! row completes the header the first began; the table's rows start below it.

use std::collections::HashSet;

use crate::data::schema::Shape;

use super::{Cell, CellValue, Class, Placer, label_key, without_parentheses};

impl Placer<'_> {
    /// Adds a row of labels to the header just read above it, where they name columns of
    /// its table the header left without a field: the header's second row. Whether it did
    /// (if not, the row is a header of its own).
    pub(super) fn second_header_row(&mut self, labels: &[(usize, (usize, usize))]) -> bool {
        let Some(table) = self.table.as_mut().filter(|t| t.fresh) else {
            return false;
        };
        let section = table.section;
        let taken: HashSet<usize> = table.columns.values().copied().collect();
        let mut seen = HashSet::new();
        let fits = labels.iter().all(|&(c, (s, f))| {
            s == section && !table.columns.contains_key(&c) && !taken.contains(&f) && seen.insert(f)
        });
        if labels.is_empty() || !fits {
            return false;
        }
        for &(c, (_, f)) in labels {
            table.columns.insert(c, f);
            // The group's word above a label is no column of its own.
            if let Some(group) = table.extra.remove(&c)
                && let Some(column) = self.extra_columns.get_mut(group)
            {
                column.groups = true;
            }
        }
        let texts: Vec<(usize, String)> = (labels.iter())
            .filter_map(|&(c, field)| self.label_text(field).map(|t| (c, t)))
            .collect();
        if let Some(header) = &mut self.header_labels {
            header.extend(texts);
            header.sort_by_key(|(c, _)| *c);
        }
        true
    }

    /// A row's classes with a label broken over two rows read as the label: a word under
    /// a word of the header just above that names no field, the two making one of the
    /// table's labels (`实际` over `完成值`).
    pub(super) fn with_broken_labels(&self, row: &[Cell], mut classes: Vec<Class>) -> Vec<Class> {
        let Some(table) = self.table.as_ref().filter(|t| t.fresh) else {
            return classes;
        };
        for (c, (cell, class)) in row.iter().zip(classes.iter_mut()).enumerate() {
            let (Class::Value, CellValue::Text(below)) = (&class, &cell.value) else {
                continue;
            };
            let Some(above) = (table.extra.get(&c)).and_then(|&i| self.extra_columns.get(i)) else {
                continue;
            };
            let joined = label_key(&format!("{}{below}", above.text));
            let fields = (self.labels.get(&joined))
                .or_else(|| self.bare_labels.get(&without_parentheses(&joined)));
            if let Some(field) = fields.and_then(|f| f.iter().find(|(s, _)| *s == table.section)) {
                *class = Class::Label(vec![*field]);
            }
        }
        classes
    }

    /// Whether the labels of a row and the labels the next row adds below its blank cells
    /// and group words together name every required field of one rows section: a header
    /// over two rows (`权重` under a group's word `评分`), not labels with their values.
    pub(super) fn header_with_next(
        &self,
        row: &[Cell],
        labels: &[(usize, (usize, usize))],
        next: Option<&[Cell]>,
    ) -> bool {
        let Some(next) = next else {
            return false;
        };
        let Some(&(_, (section, _))) = labels.first() else {
            return false;
        };
        let Some(schema) = self.schema.sections().get(section) else {
            return false;
        };
        let words_only = row.iter().zip(0..).all(|(cell, c)| {
            labels.iter().any(|(l, _)| *l == c)
                || matches!(self.classify(cell), Class::Blank | Class::Ignored)
                || (cell.formula.is_none() && matches!(&cell.value, CellValue::Text(_)))
        });
        if schema.shape != Shape::Rows || !words_only {
            return false;
        }
        let mut named: HashSet<usize> = (labels.iter())
            .filter(|(_, (s, _))| *s == section)
            .map(|(_, (_, f))| *f)
            .collect();
        let labelled: HashSet<usize> = labels.iter().map(|(c, _)| *c).collect();
        for (c, cell) in next.iter().enumerate() {
            match self.classify(cell) {
                Class::Blank | Class::Ignored => {}
                Class::Label(fields) if !labelled.contains(&c) => {
                    match fields.iter().find(|(s, _)| *s == section) {
                        Some((_, f)) => named.insert(*f),
                        None => return false,
                    };
                }
                _ => return false,
            }
        }
        (schema.fields.iter().enumerate()).all(|(f, field)| field.optional || named.contains(&f))
    }
}
