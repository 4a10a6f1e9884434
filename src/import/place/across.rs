//! A header merged across several columns heads them all: what a row writes under the
//! columns it covers is the header's field's (`实际完成值` merged over F:G, a row's `100`
//! in F and `%` in G is `100%`), not a row shifted one column.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Cell, CellValue, Class, Placer};

/// The columns a table's header labels span (the cells right of a label merged with it),
/// each with its label's column.
pub(super) fn spans_of(row: &[Cell], labels: &[usize]) -> HashMap<usize, usize> {
    let mut spans = HashMap::new();
    for &c in labels {
        let covered = (c + 1..row.len()).take_while(|&k| row.get(k).is_some_and(|x| x.across));
        spans.extend(covered.map(|k| (k, c)));
    }
    spans
}

impl Placer<'_> {
    /// A table's row as its headers read it: a value under a column a header spans is
    /// the header's column's, there alone or after that column's own value where it is a
    /// unit or a sign (no digit: a second number is no part of the first, and stays a
    /// cell that fits no field). The columns so read are marked used.
    pub(super) fn read_across<'r>(
        &mut self,
        r: usize,
        row: &'r [Cell],
        (spans, classes): (&HashMap<usize, usize>, &mut [Class]),
    ) -> Cow<'r, [Cell]> {
        // The row's classes tell what each cell is; nothing is classified again.
        let mut covered: Vec<(usize, usize)> = (spans.iter())
            .filter(|(k, _)| matches!(classes.get(**k), Some(Class::Value)))
            .map(|(k, c)| (*k, *c))
            .collect();
        if covered.is_empty() {
            return Cow::Borrowed(row);
        }
        covered.sort_unstable();
        let mut read = row.to_vec();
        for (k, c) in covered {
            let (Some(cell), Some(head)) = (row.get(k), read.get(c)) else {
                continue;
            };
            let joined = if head.is_empty() {
                Some(cell.clone())
            } else if head.formula.is_none() && !cell.shown().chars().any(|x| x.is_ascii_digit()) {
                Some(Cell {
                    value: CellValue::Text(format!("{}{}", head.printed(), cell.printed())),
                    rounded: None,
                    ..head.clone()
                })
            } else {
                None
            };
            let Some(joined) = joined else {
                continue;
            };
            if let Some(slot) = read.get_mut(c) {
                *slot = joined;
            }
            if let Some(gone) = read.get_mut(k) {
                *gone = Cell::default();
            }
            if let Some(class) = classes.get_mut(c) {
                *class = Class::Value;
            }
            if let Some(class) = classes.get_mut(k) {
                *class = Class::Blank;
            }
            self.used.insert((r, k));
            // Read as part of its header's column's value (a hidden row names it).
            self.read.insert((r, k));
        }
        Cow::Owned(read)
    }
}
