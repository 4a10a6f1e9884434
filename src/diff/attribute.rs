//! Attributing each change of a form to the ruleset items that differ and could cause
//! it.
//!
//! Each result depends on some items (docs/language.md §5): a row's expected weight on
//! its category and the category's pool; its score also on the category's class, the
//! completion formulas, the comparator words, its grade, `missing` and `rounding`, and
//! on the `discard` and `adjust` rules that acted on it; a finding on the rule that
//! raises it and what that rule reads; the total on the rows, the lines and the total
//! adjustments; the rating on `rating` and the total. A change is attributed to those
//! of its items that differ between the rulesets, and to a rule that acted under one
//! ruleset only (its finding raised in one run and not the other). Where none does,
//! the change has no cause, and reports say 未能归因: an item that differs elsewhere is
//! never offered as a guess.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;

use crate::compile::{CategoryPlan, Plan, PoolPlan, SplitPlan};
use crate::eval::outcome::ClassFrom;
use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::finding::{ENGINE_FINDINGS, Finding};

use super::items::{Item, Reads};
use super::{Change, Changes, Comparison, FindingChange, LineChange, Pair, RowChange, Side};

/// One reason for a change: an item and how it comes in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cause {
    /// The ruleset item.
    pub item: Item,
    /// Why it counts.
    pub why: Why,
}

/// Why an item is a cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Why {
    /// The item differs between the rulesets.
    Changed(Change),
    /// The item is the same in both, but its rule acted (raised its finding) under
    /// one ruleset only, because of what it reads.
    Raised(Side),
}

impl Why {
    /// The reason in the reviewers' words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Why::Changed(change) => change.label(),
            Why::Raised(Side::Old) => "仅原规则集触发",
            Why::Raised(Side::New) => "仅新规则集触发",
        }
    }

    /// The reason as a JSON document names it.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Why::Changed(change) => change.key(),
            Why::Raised(Side::Old) => "raised_old_only",
            Why::Raised(Side::New) => "raised_new_only",
        }
    }
}

impl fmt::Display for Cause {
    /// `class 产出类（修改）`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}（{}）", self.item, self.why.label())
    }
}

/// The words for a change without a cause.
pub const UNATTRIBUTED: &str = "未能归因";

/// Compares one form evaluated under both rulesets.
pub(super) fn compare(
    changes: &Changes,
    plans: Pair<&Plan>,
    outcomes: Pair<&Outcome>,
) -> Comparison {
    let context = Context::new(changes, plans, outcomes);
    let rows = context.rows();
    let lines = context.lines(&rows);
    let total_moved = outcomes.old.total != outcomes.new.total;
    let total = if total_moved {
        context.total(&rows, &lines)
    } else {
        Vec::new()
    };
    let rating_moved = outcomes.old.rating != outcomes.new.rating;
    let rating = if rating_moved {
        context.rating(&total, total_moved)
    } else {
        Vec::new()
    };
    let moved = Moved {
        rows: causes_by_name(outcomes, &rows),
        total: total_moved.then_some(total.as_slice()),
        rating: rating_moved.then_some(rating.as_slice()),
    };
    let findings = context.findings(&moved);
    let mut comparison = Comparison {
        rows,
        lines,
        findings,
        total,
        rating,
        causes: Vec::new(),
        unattributed: false,
    };
    comparison.unattributed = comparison.rows.iter().any(|r| r.causes.is_empty())
        || comparison.lines.iter().any(|l| l.causes.is_empty())
        || comparison.findings.iter().any(|f| f.causes.is_empty())
        || (total_moved && comparison.total.is_empty())
        || (rating_moved && comparison.rating.is_empty());
    comparison.causes = every_cause(&comparison);
    comparison
}

/// Every cause of every change of a form, once each, in order.
fn every_cause(c: &Comparison) -> Vec<Cause> {
    let every: BTreeSet<&Cause> = (c.rows.iter().flat_map(|r| &r.causes))
        .chain(c.lines.iter().flat_map(|l| &l.causes))
        .chain(c.findings.iter().flat_map(|f| &f.causes))
        .chain(&c.total)
        .chain(&c.rating)
        .collect();
    every.into_iter().cloned().collect()
}

/// What a finding's causes may draw on: the changes of the form already attributed.
struct Moved<'a> {
    /// The causes of the changed rows, by indicator name.
    rows: HashMap<&'a str, BTreeSet<Cause>>,
    /// The causes of the total, where it changed.
    total: Option<&'a [Cause]>,
    /// The causes of the rating, where it changed.
    rating: Option<&'a [Cause]>,
}

struct Context<'a> {
    changes: &'a Changes,
    plans: Pair<&'a Plan>,
    outcomes: Pair<&'a Outcome>,
    /// For each indicator name, the codes of the rules' findings about it, with whether
    /// each evaluation raised one: gathered once, so that a form of many rows (even of
    /// one name) is not scanned again for each row.
    rules_on_row: HashMap<&'a str, BTreeMap<&'a str, Pair<bool>>>,
    /// The indicator names of the rows, under either ruleset.
    row_names: HashSet<&'a str>,
}

fn rules_on_row(outcomes: Pair<&Outcome>) -> HashMap<&str, BTreeMap<&str, Pair<bool>>> {
    let mut named: HashMap<&str, BTreeMap<&str, Pair<bool>>> = HashMap::new();
    for side in Side::BOTH {
        for finding in &outcomes.on(side).findings {
            let (Some(name), Some(_)) = (finding.indicator.as_deref(), &finding.rule) else {
                continue;
            };
            let raised = named
                .entry(name)
                .or_default()
                .entry(finding.code.as_str())
                .or_insert(Pair {
                    old: false,
                    new: false,
                });
            match side {
                Side::Old => raised.old = true,
                Side::New => raised.new = true,
            }
        }
    }
    named
}

/// The causes of the changed rows by the rows' names (under either ruleset): what a
/// finding about an indicator draws on, looked up once per name however many rows
/// share it.
fn causes_by_name<'a>(
    outcomes: Pair<&'a Outcome>,
    rows: &[RowChange],
) -> HashMap<&'a str, BTreeSet<Cause>> {
    let mut named: HashMap<&str, BTreeSet<Cause>> = HashMap::new();
    for row in rows {
        for side in Side::BOTH {
            if let Some(indicator) = outcomes.on(side).indicators.get(row.index) {
                named
                    .entry(indicator.name.as_str())
                    .or_default()
                    .extend(row.causes.iter().cloned());
            }
        }
    }
    named
}

/// Causes being gathered: items to keep where they differ, and rules that acted under
/// one ruleset only.
#[derive(Default)]
struct Gather {
    items: BTreeSet<Item>,
    causes: BTreeSet<Cause>,
}

impl Gather {
    /// The causes: the items gathered that differ, and the rules that acted on one
    /// side only.
    fn finish(mut self, changes: &Changes) -> Vec<Cause> {
        for item in std::mem::take(&mut self.items) {
            if let Some(change) = changes.get(&item) {
                self.causes.insert(Cause {
                    item,
                    why: Why::Changed(change),
                });
            }
        }
        self.causes.into_iter().collect()
    }

    fn reads(&mut self, reads: Reads) {
        self.items.extend(reads.items);
    }
}

impl<'a> Context<'a> {
    fn new(changes: &'a Changes, plans: Pair<&'a Plan>, outcomes: Pair<&'a Outcome>) -> Self {
        Context {
            changes,
            plans,
            outcomes,
            rules_on_row: rules_on_row(outcomes),
            row_names: Side::BOTH
                .iter()
                .flat_map(|&side| &outcomes.on(side).indicators)
                .map(|row| row.name.as_str())
                .collect(),
        }
    }

    fn plan(&self, side: Side) -> &Plan {
        self.plans.on(side)
    }

    fn outcome(&self, side: Side) -> &Outcome {
        self.outcomes.on(side)
    }

    // ── Rows ───────────────────────────────────────────────────────────────────

    /// The rows that changed, paired by their place in the form (both evaluations read
    /// the same file).
    fn rows(&self) -> Vec<RowChange> {
        let count = self
            .outcomes
            .old
            .indicators
            .len()
            .max(self.outcomes.new.indicators.len());
        (0..count)
            .filter_map(|index| {
                let row = |side| self.outcome(side).indicators.get(index);
                let pair = Pair {
                    old: row(Side::Old),
                    new: row(Side::New),
                };
                let moved = RowMoved::of(pair);
                moved.any().then(|| RowChange {
                    index,
                    causes: self.row_causes(pair, moved),
                })
            })
            .collect()
    }

    fn row_causes(&self, rows: Pair<Option<&IndicatorOutcome>>, moved: RowMoved) -> Vec<Cause> {
        let mut gather = Gather::default();
        // A row the policy recognizes under one ruleset only (a catalog indicator renamed
        // or removed) changed because of what recognizes it, its category and pool: how
        // the side that scores it would score it (its class, its grades) is no cause,
        // since the other side scores it nothing whatever those say.
        let recognition_moved = match (rows.old, rows.new) {
            (Some(old), Some(new)) => old.state.recognized != new.state.recognized,
            _ => false,
        };
        for side in Side::BOTH {
            let Some(row) = *rows.on(side) else {
                continue;
            };
            let plan = self.plan(side);
            let category = row.state.category.and_then(|c| plan.categories.get(c));
            if let Some(category) = category {
                gather.items.insert(Item::Category(category.name.clone()));
            }
            if moved.weight || recognition_moved {
                weight_items(plan, category, &mut gather);
            }
            if moved.score && !recognition_moved {
                score_items(plan, row, category, &mut gather);
            }
        }
        let name = rows.old.or(rows.new).map(|row| row.name.as_str());
        if let (true, Some(name)) = (moved.score, name) {
            self.row_rules(name, &mut gather);
        }
        gather.finish(self.changes)
    }

    /// The `discard` and `adjust … for indicators` rules that acted on a row (by its
    /// name, as their findings name it) under one ruleset and not the other, or that
    /// acted and differ.
    fn row_rules(&self, name: &str, gather: &mut Gather) {
        let Some(codes) = self.rules_on_row.get(name) else {
            return;
        };
        for (&code, &raised) in codes {
            let discard = Item::Discard(code.to_owned());
            let adjust = Item::Adjust(code.to_owned());
            for item in [discard, adjust] {
                self.rule_acted(&item, raised, gather);
            }
        }
    }

    /// Adds a rule that acted (`raised` under each side) as a cause: it differs, or it
    /// acted under one ruleset only, and then what it reads may be why.
    fn rule_acted(&self, item: &Item, raised: Pair<bool>, gather: &mut Gather) {
        let exists = Pair {
            old: rule_exists(self.plans.old, item),
            new: rule_exists(self.plans.new, item),
        };
        if !(exists.old || exists.new) || !(raised.old || raised.new) {
            return;
        }
        if self.changes.get(item).is_some() {
            gather.items.insert(item.clone());
            return;
        }
        if raised.old != raised.new {
            let side = if raised.old { Side::Old } else { Side::New };
            gather.causes.insert(Cause {
                item: item.clone(),
                why: Why::Raised(side),
            });
            for side in Side::BOTH {
                gather.reads(rule_reads(self.plan(side), item));
            }
        }
    }

    /// Whether each evaluation raised a finding that `matches`.
    fn raised(&self, matches: impl Fn(&Finding) -> bool) -> Pair<bool> {
        let any = |side| self.outcome(side).findings.iter().any(&matches);
        Pair {
            old: any(Side::Old),
            new: any(Side::New),
        }
    }

    // ── Lines, total, rating ──────────────────────────────────────────────────

    /// The lines whose score changed, paired by key. A line that reads the indicator
    /// rows or the pools may have changed with any row whose score did.
    fn lines(&self, rows: &[RowChange]) -> Vec<LineChange> {
        let mut keys: BTreeMap<&str, (&str, Pair<Option<rust_decimal::Decimal>>)> = BTreeMap::new();
        for side in Side::BOTH {
            for (key, label, score) in &self.outcome(side).lines {
                let entry = keys.entry(key).or_insert((
                    label,
                    Pair {
                        old: None,
                        new: None,
                    },
                ));
                let slot = match side {
                    Side::Old => &mut entry.1.old,
                    Side::New => &mut entry.1.new,
                };
                slot.get_or_insert(*score);
            }
        }
        keys.into_iter()
            .filter(|(_, (_, scores))| scores.old != scores.new)
            .map(|(key, (label, scores))| {
                let mut gather = Gather::default();
                let item = Item::Line(key.to_owned());
                gather.items.insert(item.clone());
                for side in Side::BOTH {
                    let reads = rule_reads(self.plan(side), &item);
                    if reads.rows {
                        self.scored_rows_causes(rows, &mut gather);
                    }
                    gather.reads(reads);
                }
                LineChange {
                    key: key.to_owned(),
                    label: label.to_owned(),
                    scores,
                    causes: gather.finish(self.changes),
                }
            })
            .collect()
    }

    /// The causes of the rows whose score changed.
    fn scored_rows_causes(&self, rows: &[RowChange], gather: &mut Gather) {
        for row in rows {
            let pair = Pair {
                old: self.outcomes.old.indicators.get(row.index),
                new: self.outcomes.new.indicators.get(row.index),
            };
            if RowMoved::of(pair).score {
                gather.causes.extend(row.causes.iter().cloned());
            }
        }
    }

    /// What changed the total: the rows whose score changed, the lines, and the total
    /// adjustments that acted under one ruleset only or differ.
    fn total(&self, rows: &[RowChange], lines: &[LineChange]) -> Vec<Cause> {
        let mut gather = Gather::default();
        self.scored_rows_causes(rows, &mut gather);
        for line in lines {
            gather.causes.extend(line.causes.iter().cloned());
        }
        let codes: BTreeSet<&str> = Side::BOTH
            .iter()
            .flat_map(|&side| &self.plan(side).adjustments)
            .filter(|a| a.rows.is_none())
            .map(|a| a.finding.code.as_str())
            .collect();
        for code in codes {
            let raised = self.raised(|f| f.code == code && f.indicator.is_none());
            self.rule_acted(&Item::Adjust(code.to_owned()), raised, &mut gather);
        }
        gather.finish(self.changes)
    }

    /// What changed the rating: `rating` and what its conditions read, and the total.
    fn rating(&self, total: &[Cause], total_moved: bool) -> Vec<Cause> {
        let mut gather = Gather::default();
        gather.items.insert(Item::Rating);
        for side in Side::BOTH {
            gather.reads(rule_reads(self.plan(side), &Item::Rating));
        }
        if total_moved {
            gather.causes.extend(total.iter().cloned());
        }
        gather.finish(self.changes)
    }

    // ── Findings ──────────────────────────────────────────────────────────────

    /// The findings raised under one ruleset only: the old findings with no match
    /// among the new (same code, severity and indicator), then the new with none among
    /// the old, each in file order.
    fn findings(&self, moved: &Moved<'_>) -> Vec<FindingChange> {
        let mut unmatched: BTreeMap<FindingKey<'_>, Vec<usize>> = BTreeMap::new();
        for (index, finding) in self.outcomes.new.findings.iter().enumerate().rev() {
            unmatched.entry(key(finding)).or_default().push(index);
        }
        let mut changed = Vec::new();
        for (index, finding) in self.outcomes.old.findings.iter().enumerate() {
            let matched = unmatched.get_mut(&key(finding)).and_then(Vec::pop);
            if matched.is_none() {
                changed.push((Side::Old, index));
            }
        }
        let mut added: Vec<usize> = unmatched.into_values().flatten().collect();
        added.sort_unstable();
        changed.extend(added.into_iter().map(|index| (Side::New, index)));
        changed
            .into_iter()
            .filter_map(|(side, index)| {
                let finding = self.outcome(side).findings.get(index)?;
                Some(FindingChange {
                    side,
                    index,
                    causes: self.finding_causes(finding, moved),
                })
            })
            .collect()
    }

    /// What made a finding come or go: the rule that raises it, where it differs; what
    /// the rule reads (the header, a line, the total, the rating) where that changed;
    /// and the changes of the row it is about, or, for an indicator no row has, the
    /// catalog that lists it.
    fn finding_causes(&self, finding: &Finding, moved: &Moved<'_>) -> Vec<Cause> {
        let mut gather = Gather::default();
        for side in Side::BOTH {
            for item in self.rules_raising(side, finding) {
                let reads = rule_reads(self.plan(side), &item);
                if let (true, Some(total)) = (reads.total, moved.total) {
                    gather.causes.extend(total.iter().cloned());
                }
                if let (true, Some(rating)) = (reads.items.contains(&Item::Rating), moved.rating) {
                    gather.causes.extend(rating.iter().cloned());
                }
                if reads.rows {
                    self.rows_and_pools(moved, &mut gather);
                }
                gather.reads(reads);
                gather.items.insert(item);
            }
        }
        if let Some(name) = finding.indicator.as_deref() {
            self.about_indicator(name, &moved.rows, &mut gather);
        }
        gather.finish(self.changes)
    }

    /// What a rule that reads the indicator rows or the pools (`sum(indicators.score)`,
    /// `check … for pools`) may have changed with: every changed row, every pool.
    fn rows_and_pools(&self, moved: &Moved<'_>, gather: &mut Gather) {
        for causes in moved.rows.values() {
            gather.causes.extend(causes.iter().cloned());
        }
        for side in Side::BOTH {
            let plan = self.plan(side);
            for pool in &plan.pools {
                pool_items(plan, pool, gather);
            }
        }
    }

    /// The items that raise a finding's code under one ruleset: its checks, discards
    /// and adjustments, or the engine finding reported under that code.
    fn rules_raising(&self, side: Side, finding: &Finding) -> Vec<Item> {
        let plan = self.plan(side);
        let code = finding.code.as_str();
        if finding.rule.is_none() {
            return ENGINE_FINDINGS
                .iter()
                .filter(|e| plan.reported_code(e.code.as_str()) == code)
                .map(|e| Item::Findings(e.code.as_str().to_owned()))
                .collect();
        }
        [
            Item::Check(code.to_owned()),
            Item::Discard(code.to_owned()),
            Item::Adjust(code.to_owned()),
        ]
        .into_iter()
        .filter(|item| rule_exists(plan, item))
        .collect()
    }

    /// The causes of the changed rows with this indicator's name; for a name no row
    /// has (`missing-indicator`), the catalogs that list it.
    fn about_indicator(
        &self,
        name: &str,
        rows: &HashMap<&str, BTreeSet<Cause>>,
        gather: &mut Gather,
    ) {
        if !self.row_names.contains(name) {
            // A catalog's indicator absent from the form, or a pool (`check … for pools`).
            gather
                .items
                .extend(self.changes.catalogs_listing(name).iter().cloned());
            gather.items.insert(Item::Pool(name.to_owned()));
            return;
        }
        if let Some(causes) = rows.get(name) {
            gather.causes.extend(causes.iter().cloned());
        }
    }
}

/// What of a row changed (all of it where the row is under one ruleset only).
#[derive(Clone, Copy, Debug, Default)]
struct RowMoved {
    /// Its category.
    category: bool,
    /// Its expected weight.
    weight: bool,
    /// Its completion, grade or score.
    score: bool,
}

impl RowMoved {
    fn of(rows: Pair<Option<&IndicatorOutcome>>) -> RowMoved {
        match (rows.old, rows.new) {
            (Some(a), Some(b)) => RowMoved {
                category: a.category != b.category,
                weight: a.state.expected_weight != b.state.expected_weight,
                score: a.state.score != b.state.score
                    || a.state.completion != b.state.completion
                    || a.state.grade != b.state.grade,
            },
            _ => RowMoved {
                category: true,
                weight: true,
                score: true,
            },
        }
    }

    fn any(self) -> bool {
        self.category || self.weight || self.score
    }
}

/// The items a row's expected weight depends on: its category's pool and what the
/// pool's numbers read.
fn weight_items(plan: &Plan, category: Option<&CategoryPlan>, gather: &mut Gather) {
    let Some(pool) = category
        .and_then(|c| c.pool)
        .and_then(|p| plan.pools.get(p))
    else {
        return;
    };
    pool_items(plan, pool, gather);
}

/// A pool and what its numbers read (a category whose rows it counts, the header).
fn pool_items(plan: &Plan, pool: &PoolPlan, gather: &mut Gather) {
    gather.items.insert(Item::Pool(pool.name.clone()));
    let mut reads = Reads::default();
    reads.add(plan, &pool.points);
    if let SplitPlan::Fixed { entries, .. } = &pool.split {
        for entry in entries {
            reads.add(plan, &entry.weight);
        }
    }
    gather.reads(reads);
}

/// The items a row's score depends on besides its weight: how its target and actual
/// are read, its class (quantitative) or grade (qualitative), `missing`, `rounding`.
fn score_items(
    plan: &Plan,
    row: &IndicatorOutcome,
    category: Option<&CategoryPlan>,
    gather: &mut Gather,
) {
    let state = &row.state;
    gather.items.insert(Item::Comparators);
    gather.items.insert(Item::Rounding);
    if state.quantitative {
        gather.items.insert(Item::Completion);
        // The class that scored the row: its catalog entry's (the catalog, a part of its
        // pool, chose it), its `class` field's, or its category's.
        let class = state.class.and_then(|c| plan.classes.get(c));
        let pool = category
            .and_then(|c| c.pool)
            .and_then(|p| plan.pools.get(p));
        if let (ClassFrom::Catalog, Some(pool)) = (state.class_from, pool) {
            gather.items.insert(Item::Pool(pool.name.clone()));
        }
        if let Some(class) = class {
            gather.items.insert(Item::Class(class.name.clone()));
            gather.reads(class_reads(plan, class));
        }
    } else {
        gather.items.insert(Item::Grades);
    }
    if let Some(grade) = &state.grade {
        gather.items.insert(Item::Grade(grade.to_string()));
    }
    if state.missing {
        gather.items.insert(Item::Missing);
    }
}

fn class_reads(plan: &Plan, class: &crate::compile::ClassPlan) -> Reads {
    let mut reads = Reads::default();
    for expr in class.def.exprs() {
        reads.add(plan, expr);
    }
    reads
}

/// Whether a ruleset has a rule item (a check, discard or adjustment raising a code).
fn rule_exists(plan: &Plan, item: &Item) -> bool {
    match item {
        Item::Check(code) => plan.checks.iter().any(|c| &c.finding.code == code),
        Item::Discard(code) => plan.discards.iter().any(|d| &d.finding.code == code),
        Item::Adjust(code) => plan.adjustments.iter().any(|a| &a.finding.code == code),
        _ => false,
    }
}

/// What a rule item reads in one ruleset: its conditions, formulas and message; for
/// `rating`, its conditions; for a line, its points and formula.
fn rule_reads(plan: &Plan, item: &Item) -> Reads {
    let mut reads = Reads::default();
    match item {
        Item::Check(code) => {
            for check in plan.checks.iter().filter(|c| &c.finding.code == code) {
                let exprs = [
                    check.condition.as_ref(),
                    Some(&check.assertion),
                    check.at.as_ref(),
                ];
                exprs.into_iter().flatten().for_each(|e| reads.add(plan, e));
                reads.add_message(plan, &check.finding);
            }
        }
        Item::Discard(code) => {
            for discard in plan.discards.iter().filter(|d| &d.finding.code == code) {
                reads.add(plan, &discard.condition);
                reads.add_message(plan, &discard.finding);
            }
        }
        Item::Adjust(code) => {
            for adjust in plan.adjustments.iter().filter(|a| &a.finding.code == code) {
                adjust.condition.iter().for_each(|e| reads.add(plan, e));
                reads.add(plan, &adjust.formula);
                reads.add_message(plan, &adjust.finding);
            }
        }
        Item::Rating => {
            for grade in &plan.rating {
                grade.condition.iter().for_each(|e| reads.add(plan, e));
            }
        }
        Item::Line(key) => {
            for line in plan.lines.iter().filter(|l| &l.key == key) {
                line.points.iter().for_each(|e| reads.add(plan, e));
                reads.add(plan, &line.score);
            }
        }
        _ => {}
    }
    reads
}

/// A finding as findings are matched across the rulesets: code, severity, indicator.
type FindingKey<'a> = (&'a str, &'static str, Option<&'a str>);

fn key(finding: &Finding) -> FindingKey<'_> {
    (
        finding.code.as_str(),
        finding.severity.as_str(),
        finding.indicator.as_deref(),
    )
}
