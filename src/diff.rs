//! What a policy change does to a body of forms (`perfeval diff`): each form scored
//! under an old and a new ruleset, compared row by row, every change attributed to the
//! ruleset items that differ and could cause it, and the run summed up. It is how a
//! reform is compared with its baseline over a population (OpenFisca's reforms): the
//! same forms, two policies.
//!
//! [`Changes::between`] compares the rulesets' items by name; [`FormDiff::of`] compares
//! one form's two results; [`Summary::of`] sums up a run. The rules of attribution are
//! in `attribute`: a change no differing item explains is said to be unattributed
//! (未能归因), never guessed. No I/O: the CLI reads the files and evaluates.

mod attribute;
mod items;
mod summary;

use std::sync::Arc;

use rust_decimal::Decimal;

use crate::compile::Plan;
use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::finding::Finding;

pub use self::attribute::{Cause, UNATTRIBUTED, Why};
pub use self::items::{Change, Changes, Item};
pub use self::summary::{Migration, Move, Summary, Summing};

/// Which of the two rulesets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The ruleset compared against (`--rules OLD`).
    Old,
    /// The changed ruleset (`--rules NEW`).
    New,
}

impl Side {
    /// Both, old first.
    pub const BOTH: [Side; 2] = [Side::Old, Side::New];

    /// The ruleset in the reviewers' words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Side::Old => "原规则集",
            Side::New => "新规则集",
        }
    }

    /// The side as a JSON document names it.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Side::Old => "old",
            Side::New => "new",
        }
    }
}

/// Two of a thing, one per ruleset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair<T> {
    /// Under the old ruleset.
    pub old: T,
    /// Under the new ruleset.
    pub new: T,
}

impl<T> Pair<T> {
    /// The one of `side`.
    pub fn on(&self, side: Side) -> &T {
        match side {
            Side::Old => &self.old,
            Side::New => &self.new,
        }
    }
}

/// One form's result under one ruleset: its evaluation, or why there is none (shared
/// by both rulesets where the file could not be read).
pub type Evaluation = Result<Outcome, Arc<crate::Error>>;

/// One form under both rulesets.
#[derive(Debug)]
pub struct FormDiff {
    /// The file as named or found.
    file: String,
    /// Its result under each ruleset.
    pub results: Pair<Evaluation>,
    /// What changed, where it was evaluated under both.
    pub comparison: Option<Comparison>,
    /// Where the outcomes were [slimmed](FormDiff::slimmed): the places in the form of
    /// the rows and findings they still hold, which are the changed ones.
    kept: Option<Kept>,
}

/// The rows and findings a slimmed form keeps, by their places in its outcomes as
/// evaluated, ascending.
#[derive(Debug)]
struct Kept {
    rows: Vec<usize>,
    findings: Pair<Vec<usize>>,
}

/// What changed in a form evaluated under both rulesets, with the causes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Comparison {
    /// The indicator rows whose category, expected weight, completion, grade or score
    /// changed, in form order.
    pub rows: Vec<RowChange>,
    /// The lines (points outside the indicator table) whose score changed.
    pub lines: Vec<LineChange>,
    /// The findings raised under one ruleset only (a finding whose severity changed is
    /// one of each).
    pub findings: Vec<FindingChange>,
    /// What changed the total, where it changed.
    pub total: Vec<Cause>,
    /// What changed the rating, where it changed.
    pub rating: Vec<Cause>,
    /// Every cause of every change, in order.
    pub causes: Vec<Cause>,
    /// Whether some change has no cause: then the report says 未能归因.
    pub unattributed: bool,
}

/// An indicator row that changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowChange {
    /// Its place among the form's indicator rows.
    pub index: usize,
    /// The ruleset items that differ and could have changed it; none: 未能归因.
    pub causes: Vec<Cause>,
}

/// A line whose score changed, or that only one ruleset has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineChange {
    /// Its key.
    pub key: String,
    /// Its label.
    pub label: String,
    /// Its score under each ruleset, where it has one.
    pub scores: Pair<Option<Decimal>>,
    /// What changed it; none: 未能归因.
    pub causes: Vec<Cause>,
}

/// A finding raised under one ruleset only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingChange {
    /// The ruleset that raised it: `New` for a finding added, `Old` for one gone.
    pub side: Side,
    /// Its place among that outcome's findings.
    pub index: usize,
    /// What made the difference; none: 未能归因.
    pub causes: Vec<Cause>,
}

impl FormDiff {
    /// Compares one form's results under the old and the new ruleset.
    #[must_use]
    pub fn of(
        changes: &Changes,
        plans: Pair<&Plan>,
        file: String,
        results: Pair<Evaluation>,
    ) -> FormDiff {
        let comparison = match (&results.old, &results.new) {
            (Ok(old), Ok(new)) => Some(attribute::compare(changes, plans, Pair { old, new })),
            _ => None,
        };
        FormDiff {
            file,
            results,
            comparison,
            kept: None,
        }
    }

    /// Drops what no report of the comparison reads, so that a run over many forms
    /// keeps little of each (a province's forms are many): each outcome's header, its
    /// lines (a changed one's scores are in the comparison), the form's text, and the
    /// rows and findings that did not change. What is left
    /// answers every question a report
    /// asks ([`FormDiff::file`], the totals, the ratings, [`FormDiff::row`],
    /// [`FormDiff::finding`]) as before.
    #[must_use]
    pub fn slimmed(mut self) -> FormDiff {
        let comparison = self.comparison.as_ref();
        let mut rows: Vec<usize> = (comparison.iter())
            .flat_map(|c| c.rows.iter().map(|r| r.index))
            .collect();
        rows.sort_unstable();
        rows.dedup();
        let findings_of = |side: Side| {
            let mut kept: Vec<usize> = (comparison.iter())
                .flat_map(|c| c.findings.iter())
                .filter(|f| f.side == side)
                .map(|f| f.index)
                .collect();
            kept.sort_unstable();
            kept.dedup();
            kept
        };
        let findings = Pair {
            old: findings_of(Side::Old),
            new: findings_of(Side::New),
        };
        for (result, side) in [
            (&mut self.results.old, Side::Old),
            (&mut self.results.new, Side::New),
        ] {
            if let Ok(outcome) = result {
                let kept_findings = findings.on(side);
                outcome.header = Vec::new();
                outcome.indicators = only(std::mem::take(&mut outcome.indicators), &rows);
                outcome.findings = only(std::mem::take(&mut outcome.findings), kept_findings);
                // A changed line's scores are in the comparison.
                outcome.lines = Vec::new();
                // No report of a comparison places a finding in the form's text.
                outcome.source = crate::source::SourceFile::new(outcome.source.name(), "");
            }
        }
        self.kept = Some(Kept { rows, findings });
        self
    }

    /// The two outcomes, where the form was evaluated under both.
    #[must_use]
    pub fn outcomes(&self) -> Option<Pair<&Outcome>> {
        match (&self.results.old, &self.results.new) {
            (Ok(old), Ok(new)) => Some(Pair { old, new }),
            _ => None,
        }
    }

    /// The outcome under one ruleset, where the form was evaluated under it.
    #[must_use]
    pub fn outcome(&self, side: Side) -> Option<&Outcome> {
        self.results.on(side).as_ref().ok()
    }

    /// The error that stopped the form under one ruleset, where one did.
    #[must_use]
    pub fn error(&self, side: Side) -> Option<&crate::Error> {
        self.results.on(side).as_ref().err().map(AsRef::as_ref)
    }

    /// The file (with its sheet, for a workbook of several forms).
    #[must_use]
    pub fn file(&self) -> &str {
        Side::BOTH
            .iter()
            .find_map(|&side| self.outcome(side).map(|o| o.source.name()))
            .unwrap_or(&self.file)
    }

    /// The project's name, from whichever evaluation has one.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        Side::BOTH
            .iter()
            .find_map(|&side| self.outcome(side).and_then(|o| o.name.as_deref()))
    }

    /// The total under each ruleset, where evaluated.
    #[must_use]
    pub fn totals(&self) -> Pair<Option<Decimal>> {
        let total = |side| self.outcome(side).map(|o| o.total);
        Pair {
            old: total(Side::Old),
            new: total(Side::New),
        }
    }

    /// The new total less the old, where evaluated under both.
    #[must_use]
    pub fn change(&self) -> Option<Decimal> {
        self.outcomes().map(|o| change(o.old.total, o.new.total))
    }

    /// The rating under each ruleset, where it has one.
    #[must_use]
    pub fn ratings(&self) -> Pair<Option<&str>> {
        let rating = |side| self.outcome(side).and_then(|o| o.rating.as_deref());
        Pair {
            old: rating(Side::Old),
            new: rating(Side::New),
        }
    }

    /// A changed row under each ruleset (`None` where that evaluation has no such row).
    #[must_use]
    pub fn row(&self, change: &RowChange) -> Pair<Option<&IndicatorOutcome>> {
        let place = match &self.kept {
            Some(kept) => kept.rows.binary_search(&change.index).ok(),
            None => Some(change.index),
        };
        let row = |side| {
            let place = place?;
            self.outcome(side).and_then(|o| o.indicators.get(place))
        };
        Pair {
            old: row(Side::Old),
            new: row(Side::New),
        }
    }

    /// The finding a change is about.
    #[must_use]
    pub fn finding(&self, change: &FindingChange) -> Option<&Finding> {
        let place = match &self.kept {
            Some(kept) => kept
                .findings
                .on(change.side)
                .binary_search(&change.index)
                .ok()?,
            None => change.index,
        };
        self.outcome(change.side)
            .and_then(|o| o.findings.get(place))
    }

    /// Whether the form could not be evaluated under one ruleset or both.
    #[must_use]
    pub fn failed(&self) -> bool {
        self.results.old.is_err() || self.results.new.is_err()
    }

    /// Whether anything of the form changed: a row, a line, a finding, the total or the
    /// rating. A form that failed under either ruleset is not compared.
    #[must_use]
    pub fn changed(&self) -> bool {
        self.comparison.as_ref().is_some_and(|c| {
            !(c.rows.is_empty() && c.lines.is_empty() && c.findings.is_empty())
                || self.change().is_some_and(|d| !d.is_zero())
                || self.ratings().old != self.ratings().new
        })
    }
}

/// The items of `items` at the places `kept` (ascending) names, in order, in a vector of
/// their own size (collecting would reuse the whole vector's memory in place).
fn only<T>(items: Vec<T>, kept: &[usize]) -> Vec<T> {
    let mut out = Vec::with_capacity(kept.len());
    for (i, item) in items.into_iter().enumerate() {
        if kept.binary_search(&i).is_ok() {
            out.push(item);
        }
    }
    out
}

/// `new − old`. Totals are never below zero (docs/language.md §5.9), so the difference
/// of two always holds in a decimal; saturating only keeps that promise local.
pub(crate) fn change(old: Decimal, new: Decimal) -> Decimal {
    new.saturating_sub(old)
}
