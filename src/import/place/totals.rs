//! A table's total rows (`合计`, `小计`) compared with the rows they add up: a department's
//! total that is not the sum of its rows is a slip a reviewer wants to see, and the rules
//! never read it (they add the rows up themselves).

use rust_decimal::{Decimal, RoundingStrategy};

use crate::data::decimal::read_decimal;
use crate::data::tree::{Kind, Node};
use crate::source::Span;

use super::RecordOut;

/// A number written in a total row under a column of numbers.
#[derive(Debug)]
pub(super) struct TotalCell {
    /// The cell's address (`C14`), its text as shown, and where that is.
    pub address: String,
    pub text: String,
    pub span: Span,
    /// The row's total word (`合计`) and the column's label.
    pub word: String,
    pub label: String,
    /// The table's section and the column's field.
    pub section: usize,
    pub field: usize,
    pub value: Decimal,
    /// Where the row stands among the table's records.
    pub runs: Runs,
}

/// Where a total row stands among its table's records: what it may add up.
#[derive(Clone, Copy, Debug)]
pub(super) struct Runs {
    /// How many records the table had when the row was met (0: a total row above its
    /// rows, as the 2023 form writes 项目资金构成's 合计).
    pub above: usize,
    /// How many it had at the table's total row before this one.
    pub since: usize,
    /// The field under which the total word stands, if one (`小计` under 类别): the rows
    /// above of that field's last value are a group the row may add up.
    pub group: Option<usize>,
}

/// The sum to show where `cell` adds up none of the runs of rows it may stand for (all
/// the rows above it, those since the last total row, the group above it; all the rows
/// for a total row above them); `None` where it adds up one, or where the rows hold
/// something that is not a number.
pub(super) fn mismatch(rows: &[RecordOut], cell: &TotalCell) -> Option<Decimal> {
    let above = rows.get(..cell.runs.above)?;
    let runs: Vec<&[RecordOut]> = if cell.runs.above == 0 {
        vec![rows]
    } else {
        let mut runs = vec![above];
        runs.extend(rows.get(cell.runs.since..cell.runs.above));
        runs.extend(cell.runs.group.and_then(|g| group_above(above, g)));
        runs
    };
    let sums: Vec<Decimal> = runs
        .iter()
        .map(|run| column_sum(run, cell.field))
        .collect::<Option<_>>()?;
    if sums.iter().any(|&sum| agrees(sum, cell.value)) {
        return None;
    }
    // The run the department most likely meant: the nearest sum.
    sums.into_iter().min_by_key(|sum| {
        sum.checked_sub(cell.value)
            .map_or(Decimal::MAX, |d| d.abs())
    })
}

/// The last rows of `rows` whose `field` is written as the last row's.
fn group_above(rows: &[RecordOut], field: usize) -> Option<&[RecordOut]> {
    let text = |row: &RecordOut| {
        row.entries
            .iter()
            .find(|(f, _, _)| *f == field)
            .and_then(|(_, node, _)| match &node.kind {
                Kind::String(text) => Some(text.clone()),
                _ => None,
            })
    };
    let last = text(rows.last()?)?;
    let start = rows
        .iter()
        .rposition(|row| text(row).as_ref() != Some(&last))
        .map_or(0, |i| i + 1);
    rows.get(start..)
}

/// The sum of a column over rows; an empty cell counts 0, anything not a number makes
/// the sum unknown.
fn column_sum(rows: &[RecordOut], field: usize) -> Option<Decimal> {
    rows.iter().try_fold(Decimal::ZERO, |sum, row| {
        let value = match row.entries.iter().find(|(f, _, _)| *f == field) {
            Some((_, node, _)) => number(node)?,
            None => Decimal::ZERO,
        };
        sum.checked_add(value)
    })
}

/// A placed cell's number, as the validator will read it.
pub(super) fn number(node: &Node) -> Option<Decimal> {
    match &node.kind {
        Kind::Null => Some(Decimal::ZERO),
        Kind::Number(text) | Kind::String(text) => read_decimal(text.trim()).ok(),
        _ => None,
    }
}

/// Whether a sum is the total as written: equal, or equal once rounded to the decimals
/// the total was written with (a total of rows in three decimals written in two).
fn agrees(sum: Decimal, total: Decimal) -> bool {
    if sum.scale() > total.scale() {
        sum.round_dp_with_strategy(total.scale(), RoundingStrategy::MidpointAwayFromZero) == total
    } else {
        sum == total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(values: &[(usize, &str)]) -> RecordOut {
        RecordOut {
            span: None,
            entries: values
                .iter()
                .map(|(f, v)| {
                    (
                        *f,
                        Node::new(Kind::String((*v).to_owned()), Span::default()),
                        Span::default(),
                    )
                })
                .collect(),
        }
    }

    fn cell(value: &str, above: usize, since: usize, group: Option<usize>) -> TotalCell {
        TotalCell {
            address: "C9".to_owned(),
            text: value.to_owned(),
            span: Span::default(),
            word: "小计".to_owned(),
            label: "权重".to_owned(),
            section: 0,
            field: 1,
            value: value.parse().unwrap(),
            runs: Runs {
                above,
                since,
                group,
            },
        }
    }

    #[test]
    fn a_total_adds_up_one_of_its_runs_or_shows_the_nearest_sum() {
        let rows = [
            row(&[(0, "产出"), (1, "9.2")]),
            row(&[(0, "产出"), (1, "9.16")]),
            row(&[(0, "效益"), (1, "9.16")]),
            row(&[(0, "效益"), (1, "9.16")]),
        ];
        // The group above (效益), all rows above, the whole table for a row on top.
        assert_eq!(mismatch(&rows, &cell("18.32", 4, 0, Some(0))), None);
        assert_eq!(mismatch(&rows, &cell("36.68", 4, 0, None)), None);
        assert_eq!(mismatch(&rows, &cell("36.68", 0, 0, None)), None);
        // Since the last total row.
        assert_eq!(mismatch(&rows, &cell("18.32", 4, 2, None)), None);
        // Written with fewer decimals than the rows: rounded.
        assert_eq!(mismatch(&rows, &cell("36.7", 4, 0, None)), None);
        assert_eq!(
            mismatch(&rows, &cell("18.33", 4, 0, Some(0))),
            Some("18.32".parse().unwrap())
        );
        // A word in the column: nothing to say.
        let words = [row(&[(1, "若干")])];
        assert_eq!(mismatch(&words, &cell("1", 1, 0, None)), None);
    }
}
