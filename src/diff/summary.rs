//! A diff of many forms summed up: how many gain, lose, stay, fail; who crosses a grade
//! boundary; the largest moves; the spread of the changes; the migration between
//! grades.

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::eval::outcome::{Spread, Spreading};

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

/// A form's move, with what the summary shows of its form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Move {
    /// The form's place in the run.
    pub form: usize,
    /// New total less old.
    pub change: Decimal,
    /// The form's file, as [`FormDiff::file`] names it.
    pub file: String,
    /// The project's name, where it has one.
    pub name: Option<String>,
    /// The totals under each ruleset.
    pub totals: Pair<Option<Decimal>>,
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
        let mut summing = Summing::default();
        for form in forms {
            summing.add(form);
        }
        summing.summary(plans)
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

/// A [`Summary`] taken as the forms go by, each forgotten once added (but for the
/// largest moves so far): what `diff` keeps of a run whose report does not hold every
/// form, so that a province's forms take the memory of one batch of them.
#[derive(Debug, Default)]
pub struct Summing {
    counts: Summary,
    changes: Spreading,
    /// Candidates for the largest moves: at most twice [`LARGEST`] between prunings.
    largest: Vec<Move>,
    /// Forms compared whose rating changed.
    crossed: usize,
    /// Each pair of old and new ratings met, with its count, in the order first met.
    ratings: Vec<(Pair<Option<String>>, usize)>,
}

impl Summing {
    /// Adds the next form of the run.
    pub fn add(&mut self, form: &FormDiff) {
        let place = self.counts.forms;
        self.counts.forms += 1;
        self.counts.count(form);
        if let Some(change) = form.change() {
            self.changes.add(change);
            if !change.is_zero() {
                self.largest.push(Move {
                    form: place,
                    change,
                    file: form.file().to_owned(),
                    name: form.name().map(str::to_owned),
                    totals: form.totals(),
                });
                if self.largest.len() >= 2 * LARGEST {
                    keep_largest(&mut self.largest);
                }
            }
        }
        if form.outcomes().is_some() {
            let ratings = form.ratings();
            if ratings.old != ratings.new {
                self.crossed += 1;
            }
            self.meet(ratings);
        }
    }

    fn meet(&mut self, ratings: Pair<Option<&str>>) {
        let same = |(met, _): &&mut (Pair<Option<String>>, usize)| {
            met.old.as_deref() == ratings.old && met.new.as_deref() == ratings.new
        };
        match self.ratings.iter_mut().find(same) {
            Some((_, count)) => *count += 1,
            None => {
                let owned = |r: Option<&str>| r.map(str::to_owned);
                let met = Pair {
                    old: owned(ratings.old),
                    new: owned(ratings.new),
                };
                self.ratings.push((met, 1));
            }
        }
    }

    /// The run summed up.
    #[must_use]
    pub fn summary(mut self, plans: Pair<&Plan>) -> Summary {
        let mut summary = self.counts.clone();
        summary.change = self.changes.spread().map(|mut spread| {
            // Shown to the hundredth like the changes, even where it is whole.
            spread.mean.rescale(2);
            spread
        });
        keep_largest(&mut self.largest);
        summary.largest = self.largest;
        let rated = !(plans.old.rating.is_empty() && plans.new.rating.is_empty());
        if rated {
            summary.grade_changed = Some(self.crossed);
            summary.migration = Some(Migration::of(&self.ratings, plans));
        }
        summary
    }
}

/// Keeps the [`LARGEST`] largest moves by size, ties by file name (a JSON Lines file's
/// projects, `forms.jsonl:9` and `forms.jsonl:10`, by line) and then the run's order.
fn keep_largest(moves: &mut Vec<Move>) {
    moves.sort_by(|a, b| {
        b.change
            .abs()
            .cmp(&a.change.abs())
            .then_with(|| by_line(&a.file).cmp(&by_line(&b.file)))
            .then_with(|| a.form.cmp(&b.form))
    });
    moves.truncate(LARGEST);
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
    /// The matrix of the pairs of ratings met, each with how many forms had it, in the
    /// order the forms first had them.
    fn of(met: &[(Pair<Option<String>>, usize)], plans: Pair<&Plan>) -> Migration {
        let grades = |plan: &Plan, side: Side| {
            let mut all: Vec<Option<String>> = Vec::new();
            let named = plan.rating.iter().map(|g| Some(g.name.clone()));
            let seen = met.iter().map(|(r, _)| r.on(side).clone());
            for grade in named.chain(seen) {
                if !all.contains(&grade) && grade.is_some() {
                    all.push(grade);
                }
            }
            // No grade last: a form whose total no condition of `rating` holds for,
            // or a ruleset without one.
            if met.iter().any(|(r, _)| r.on(side).is_none()) {
                all.push(None);
            }
            all
        };
        let old = grades(plans.old, Side::Old);
        let new = grades(plans.new, Side::New);
        let mut counts = vec![vec![0; new.len()]; old.len()];
        for (rating, count) in met {
            let row = old.iter().position(|g| *g == rating.old);
            let column = new.iter().position(|g| *g == rating.new);
            if let Some(cell) = row
                .zip(column)
                .and_then(|(r, c)| counts.get_mut(r).and_then(|row| row.get_mut(c)))
            {
                *cell += count;
            }
        }
        Migration { old, new, counts }
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::{LARGEST, Move, by_line, keep_largest};
    use crate::diff::Pair;

    /// The largest moves kept as the forms go by, pruned whenever the candidates reach
    /// twice as many as are kept, are those of sorting every move at the end: with ties
    /// in size, in file and across prunings.
    #[test]
    fn the_largest_moves_pruned_as_they_come_are_the_largest_of_all() {
        let moves: Vec<Move> = (0..97_i64)
            .map(|form| Move {
                form: usize::try_from(form).unwrap(),
                // Sizes repeat, signs alternate: ties in size across the whole run.
                change: Decimal::new((form * 7919) % 13 - 6, 2),
                file: format!("f.jsonl:{}", (form * 31) % 17),
                name: None,
                totals: Pair {
                    old: None,
                    new: None,
                },
            })
            .filter(|m| !m.change.is_zero())
            .collect();
        let mut all = moves.clone();
        keep_largest(&mut all);
        let mut running = Vec::new();
        for m in moves {
            running.push(m);
            if running.len() >= 2 * LARGEST {
                keep_largest(&mut running);
            }
        }
        keep_largest(&mut running);
        assert_eq!(running, all);
        assert_eq!(all.len(), LARGEST);
        assert!(all.iter().all(|m| m.change.abs() == Decimal::new(6, 2)));
    }

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
