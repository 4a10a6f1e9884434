//! A diff of many forms summed up: how many gain, lose, stay, fail; who crosses a grade
//! boundary; the largest moves; the spread of the changes; the migration between
//! grades.

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::eval::outcome::Spread;

use super::{FormDiff, Pair, Side};

/// How many of the largest moves a summary lists.
pub const LARGEST: usize = 10;

/// A run of forms under two rulesets, summed up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Forms compared or not.
    pub forms: usize,
    /// Forms whose total rose.
    pub gained: usize,
    /// Forms whose total fell.
    pub lost: usize,
    /// Forms whose total stayed.
    pub unchanged: usize,
    /// Of those, forms where something else changed: a row, a finding, the rating.
    pub unchanged_total_only: usize,
    /// Forms that could be evaluated under the new ruleset only.
    pub failed_old: usize,
    /// Forms that could be evaluated under the old ruleset only.
    pub failed_new: usize,
    /// Forms that could be evaluated under neither.
    pub failed_both: usize,
    /// Forms whose rating changed, where either ruleset has a rating.
    pub grade_changed: Option<usize>,
    /// The mean (rounded to 0.01), lowest and highest change of the forms compared.
    pub change: Option<Spread>,
    /// The largest moves, largest first (ties by file name, then in the run's order);
    /// forms whose total did not move are left out.
    pub largest: Vec<Move>,
    /// Old grade × new grade, where either ruleset has a rating.
    pub migration: Option<Migration>,
}

/// A form's move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Move {
    /// The form's place in the run.
    pub form: usize,
    /// New total less old.
    pub change: Decimal,
}

/// How many forms went from each old grade to each new grade: rows are the old
/// ruleset's grades, columns the new one's, each in its `rating` order, then no grade
/// (`None`) where some form has none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// The old grades, the rows.
    pub old: Vec<Option<String>>,
    /// The new grades, the columns.
    pub new: Vec<Option<String>>,
    /// `counts[row][column]`.
    pub counts: Vec<Vec<usize>>,
}

impl Summary {
    /// Sums up the forms of a run.
    #[must_use]
    pub fn of(forms: &[FormDiff], plans: Pair<&Plan>) -> Summary {
        let mut summary = Summary {
            forms: forms.len(),
            ..Summary::default()
        };
        for form in forms {
            summary.count(form);
        }
        let changes = forms.iter().filter_map(FormDiff::change);
        summary.change = Spread::of(changes).map(|mut spread| {
            // Shown to the hundredth like the changes, even where it is whole.
            spread.mean.rescale(2);
            spread
        });
        summary.largest = largest(forms);
        let rated = !(plans.old.rating.is_empty() && plans.new.rating.is_empty());
        if rated {
            let crossed = forms
                .iter()
                .filter(|f| f.outcomes().is_some() && f.ratings().old != f.ratings().new)
                .count();
            summary.grade_changed = Some(crossed);
            summary.migration = Some(Migration::of(forms, plans));
        }
        summary
    }

    fn count(&mut self, form: &FormDiff) {
        let failed = |side| form.error(side).is_some();
        match (failed(Side::Old), failed(Side::New)) {
            (true, true) => self.failed_both += 1,
            (true, false) => self.failed_old += 1,
            (false, true) => self.failed_new += 1,
            (false, false) => match form.change().map(|d| d.cmp(&Decimal::ZERO)) {
                Some(std::cmp::Ordering::Greater) => self.gained += 1,
                Some(std::cmp::Ordering::Less) => self.lost += 1,
                _ => {
                    self.unchanged += 1;
                    if form.changed() {
                        self.unchanged_total_only += 1;
                    }
                }
            },
        }
    }

    /// Forms that could not be evaluated under one ruleset or both.
    #[must_use]
    pub fn failed(&self) -> usize {
        self.failed_old + self.failed_new + self.failed_both
    }
}

/// The [`LARGEST`] largest moves by size, ties by file name (a JSON Lines file's
/// projects, `forms.jsonl:9` and `forms.jsonl:10`, by line) and then the run's order.
fn largest(forms: &[FormDiff]) -> Vec<Move> {
    let mut moves: Vec<Move> = forms
        .iter()
        .enumerate()
        .filter_map(|(form, f)| f.change().map(|change| Move { form, change }))
        .filter(|m| !m.change.is_zero())
        .collect();
    let file = |m: &Move| by_line(forms.get(m.form).map_or("", FormDiff::file));
    moves.sort_by(|a, b| {
        b.change
            .abs()
            .cmp(&a.change.abs())
            .then_with(|| file(a).cmp(&file(b)))
            .then_with(|| a.form.cmp(&b.form))
    });
    moves.truncate(LARGEST);
    moves
}

/// A form's name as ties are ordered: a line of a JSON Lines file (`FILE:LINE`) by its
/// file and then its line's number, any other name as it is.
fn by_line(name: &str) -> (&str, Option<u64>) {
    match name.rsplit_once(':') {
        Some((file, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => {
            (file, line.parse().ok())
        }
        _ => (name, None),
    }
}

impl Migration {
    fn of(forms: &[FormDiff], plans: Pair<&Plan>) -> Migration {
        let compared: Vec<Pair<Option<&str>>> = forms
            .iter()
            .filter(|f| f.outcomes().is_some())
            .map(FormDiff::ratings)
            .collect();
        let grades = |plan: &Plan, side: Side| {
            let mut all: Vec<Option<String>> = Vec::new();
            let named = plan.rating.iter().map(|g| Some(g.name.clone()));
            let seen = compared.iter().map(|r| r.on(side).map(str::to_owned));
            for grade in named.chain(seen) {
                if !all.contains(&grade) && grade.is_some() {
                    all.push(grade);
                }
            }
            // No grade last: a form whose total no condition of `rating` holds for,
            // or a ruleset without one.
            if compared.iter().any(|r| r.on(side).is_none()) {
                all.push(None);
            }
            all
        };
        let old = grades(plans.old, Side::Old);
        let new = grades(plans.new, Side::New);
        let mut counts = vec![vec![0; new.len()]; old.len()];
        for rating in &compared {
            let row = old.iter().position(|g| g.as_deref() == rating.old);
            let column = new.iter().position(|g| g.as_deref() == rating.new);
            if let Some(cell) = row
                .zip(column)
                .and_then(|(r, c)| counts.get_mut(r).and_then(|row| row.get_mut(c)))
            {
                *cell += 1;
            }
        }
        Migration { old, new, counts }
    }
}

#[cfg(test)]
mod tests {
    use super::by_line;

    /// Ties among a JSON Lines file's projects go by line number, not as text.
    #[test]
    fn lines_order_by_number() {
        let mut names = [
            "f.jsonl:10",
            "f.jsonl:9",
            "a.toml",
            "f.jsonl:1",
            "b.xlsx!表2",
        ];
        names.sort_by_key(|n| by_line(n));
        assert_eq!(
            names,
            [
                "a.toml",
                "b.xlsx!表2",
                "f.jsonl:1",
                "f.jsonl:9",
                "f.jsonl:10"
            ]
        );
    }
}
