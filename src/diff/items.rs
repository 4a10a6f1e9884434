//! Two rulesets' items compared by name: which were added, removed or changed.
//!
//! What is compared is what decides results: numbers, formulas, words, severities and
//! messages. Doc comments and places in the files are not: a reworded clause or a rule
//! moved to another file changes no score. Categories, classes and grades are compared
//! by name, never by their index, so a renamed category elsewhere in the ruleset does
//! not make every formula that names another category look changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use crate::compile::{Plan, PoolPlan, SplitPlan};
use crate::finding::ENGINE_FINDINGS;
use crate::ir::defs::{
    AdjustDef, CatalogEntryDef, CheckDef, ClassDef, CompletionCaseDef, DiscardDef, FindingDef,
    GradeDef, LineDef, MessagePart,
};
use crate::ir::vocab::INDICATORS;
use crate::ir::{Expr, ExprKind, Function, Global, POOLS};
use crate::value::Value;

/// An item of a ruleset, by the name it is compared under. Written as `perfeval show`
/// writes it: the keyword, then the name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// The header's `fiscal_year`.
    FiscalYear,
    /// The header's `cutoff`.
    Cutoff,
    /// The header's `max_score`.
    MaxScore,
    /// A named constant (`let 扣减比例 = 5%`), by its value.
    Constant(String),
    /// The `form`: what a project file holds.
    Form,
    /// The `layout` of the form on paper.
    Layout,
    /// A `category`: its labels and class.
    Category(String),
    /// A `pool`: its points, categories and split (a catalog's entries included).
    Pool(String),
    /// A scoring `class`.
    Class(String),
    /// The ruleset-wide `completion` formulas.
    Completion,
    /// The `comparators` words.
    Comparators,
    /// One grade of `grades`, by its word.
    Grade(String),
    /// The rest of `grades`: `target counts_as` and `read_from`.
    Grades,
    /// `missing`: the markers and the shares.
    Missing,
    /// `rounding`.
    Rounding,
    /// The `discard` rules raising a code.
    Discard(String),
    /// The `check`s raising a code.
    Check(String),
    /// An engine finding's severity and code in `findings`.
    Findings(String),
    /// The `adjust` rules raising a code.
    Adjust(String),
    /// The `rating`.
    Rating,
    /// A `line`, by key.
    Line(String),
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (keyword, name) = match self {
            Item::FiscalYear => ("fiscal_year", None),
            Item::Cutoff => ("cutoff", None),
            Item::MaxScore => ("max_score", None),
            Item::Constant(n) => ("let", Some(n)),
            Item::Form => ("form", None),
            Item::Layout => ("layout", None),
            Item::Category(n) => ("category", Some(n)),
            Item::Pool(n) => ("pool", Some(n)),
            Item::Class(n) => ("class", Some(n)),
            Item::Completion => ("completion", None),
            Item::Comparators => ("comparators", None),
            Item::Grade(n) => ("grades", Some(n)),
            Item::Grades => ("grades", None),
            Item::Missing => ("missing", None),
            Item::Rounding => ("rounding", None),
            Item::Discard(n) => ("discard", Some(n)),
            Item::Check(n) => ("check", Some(n)),
            Item::Findings(n) => ("findings", Some(n)),
            Item::Adjust(n) => ("adjust", Some(n)),
            Item::Rating => ("rating", None),
            Item::Line(n) => ("line", Some(n)),
        };
        match name {
            Some(name) => write!(f, "{keyword} {name}"),
            None => f.write_str(keyword),
        }
    }
}

/// How an item differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// Only the new ruleset has it.
    Added,
    /// Only the old ruleset has it.
    Removed,
    /// Both have it, and it differs.
    Changed,
}

impl Change {
    /// The change in the reviewers' words.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Change::Added => "新增",
            Change::Removed => "删除",
            Change::Changed => "修改",
        }
    }

    /// The change as a JSON document names it.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// Every item that differs between two rulesets, in a fixed order (the order of
/// [`Item`], then by name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    items: BTreeMap<Item, Change>,
    /// Each indicator name (normalised) that the catalog of a changed pool lists, under
    /// either ruleset, with those pools: what a `missing-indicator` may come from.
    listed: HashMap<String, Vec<Item>>,
}

impl Changes {
    /// Compares two rulesets item by item.
    #[must_use]
    pub fn between(old: &Plan, new: &Plan) -> Changes {
        let same = Same { old, new };
        let mut changes = Changes::default();
        same.header(&mut changes);
        same.constants(&mut changes);
        same.categories(&mut changes);
        same.pools(&mut changes);
        same.classes(&mut changes);
        same.measures(&mut changes);
        same.grades(&mut changes);
        same.rules(&mut changes);
        same.totals(&mut changes);
        for plan in [old, new] {
            changes.list_catalogs(plan);
        }
        changes
    }

    /// The changed pools whose catalog lists an indicator of this name.
    #[must_use]
    pub fn catalogs_listing(&self, name: &str) -> &[Item] {
        self.listed
            .get(&crate::text::normalize(name))
            .map_or(&[], Vec::as_slice)
    }

    fn list_catalogs(&mut self, plan: &Plan) {
        for pool in &plan.pools {
            let item = Item::Pool(pool.name.clone());
            let SplitPlan::Fixed { entries, .. } = &pool.split else {
                continue;
            };
            if !self.items.contains_key(&item) {
                continue;
            }
            for entry in entries {
                let pools = self
                    .listed
                    .entry(crate::text::normalize(&entry.name))
                    .or_default();
                if !pools.contains(&item) {
                    pools.push(item.clone());
                }
            }
        }
    }

    /// How `item` differs, where it does.
    #[must_use]
    pub fn get(&self, item: &Item) -> Option<Change> {
        self.items.get(item).copied()
    }

    /// Every item that differs, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&Item, Change)> {
        self.items.iter().map(|(item, change)| (item, *change))
    }

    /// Whether the rulesets have the same items.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Records an item present in the old ruleset, the new one, or both (then `same`
    /// says whether it is unchanged).
    fn note(&mut self, item: Item, old: bool, new: bool, same: bool) {
        let change = match (old, new) {
            (true, true) if same => return,
            (true, true) => Change::Changed,
            (true, false) => Change::Removed,
            (false, true) => Change::Added,
            (false, false) => return,
        };
        self.items.insert(item, change);
    }

    /// Records items grouped by name; items that share a name (two checks raising
    /// one code) are compared in order.
    fn note_named<T>(
        &mut self,
        old: impl IntoIterator<Item = (String, T)>,
        new: impl IntoIterator<Item = (String, T)>,
        same: impl Fn(&T, &T) -> bool,
        item: impl Fn(String) -> Item,
    ) {
        let mut named: BTreeMap<String, (Vec<T>, Vec<T>)> = BTreeMap::new();
        for (name, value) in old {
            named.entry(name).or_default().0.push(value);
        }
        for (name, value) in new {
            named.entry(name).or_default().1.push(value);
        }
        for (name, (old, new)) in named {
            let alike = old.len() == new.len() && old.iter().zip(&new).all(|(a, b)| same(a, b));
            self.note(item(name), !old.is_empty(), !new.is_empty(), alike);
        }
    }
}

/// Compares the parts of two rulesets, names in place of indices.
struct Same<'a> {
    old: &'a Plan,
    new: &'a Plan,
}

impl<'a> Same<'a> {
    fn header(&self, changes: &mut Changes) {
        let (old, new) = (self.old, self.new);
        let year = (old.fiscal_year, new.fiscal_year);
        changes.note(
            Item::FiscalYear,
            year.0.is_some(),
            year.1.is_some(),
            year.0 == year.1,
        );
        let cutoff = (old.cutoff, new.cutoff);
        changes.note(
            Item::Cutoff,
            cutoff.0.is_some(),
            cutoff.1.is_some(),
            cutoff.0 == cutoff.1,
        );
        let max = (old.max_score.as_ref(), new.max_score.as_ref());
        changes.note(
            Item::MaxScore,
            max.0.is_some(),
            max.1.is_some(),
            self.opt_expr(max.0, max.1),
        );
        changes.note(Item::Form, true, true, old.form == new.form);
        changes.note(Item::Layout, true, true, old.layout == new.layout);
    }

    /// Named constants, by their values: a rule that uses one holds its value too, so a
    /// changed constant also changes every item that uses it.
    fn constants(&self, changes: &mut Changes) {
        let side = |plan: &'a Plan| {
            plan.constants
                .iter()
                .map(|c| (c.name.clone(), &c.value))
                .collect::<Vec<_>>()
        };
        changes.note_named(
            side(self.old),
            side(self.new),
            |a, b| self.value(a, b),
            Item::Constant,
        );
    }

    /// Categories: the labels that lead to each, and its class by name.
    fn categories(&self, changes: &mut Changes) {
        let side = |plan: &'a Plan| {
            let labels = plan.labels_by_category();
            plan.categories
                .iter()
                .zip(labels)
                .map(move |(c, labels)| {
                    let class = c.class.and_then(|k| plan.classes.get(k)).map(|k| &k.name);
                    (c.name.clone(), (labels, class))
                })
                .collect::<Vec<_>>()
        };
        changes.note_named(
            side(self.old),
            side(self.new),
            |a, b| a == b,
            Item::Category,
        );
    }

    fn pools(&self, changes: &mut Changes) {
        let side = |plan: &'a Plan| {
            plan.pools
                .iter()
                .enumerate()
                .map(|(id, pool)| (pool.name.clone(), (id, pool)))
                .collect::<Vec<_>>()
        };
        changes.note_named(
            side(self.old),
            side(self.new),
            |a, b| self.pool(*a, *b),
            Item::Pool,
        );
    }

    fn pool(&self, (old_id, old): (usize, &PoolPlan), (new_id, new): (usize, &PoolPlan)) -> bool {
        self.expr(&old.points, &new.points)
            && pool_categories(self.old, old_id) == pool_categories(self.new, new_id)
            && self.split(&old.split, &new.split)
    }

    fn split(&self, old: &SplitPlan, new: &SplitPlan) -> bool {
        match (old, new) {
            (SplitPlan::Fixed { entries: a, .. }, SplitPlan::Fixed { entries: b, .. }) => {
                // A catalog is a set of indicators: compared by category and name.
                let (a, b) = (catalog(self.old, a), catalog(self.new, b));
                a.len() == b.len()
                    && a.iter()
                        .zip(&b)
                        .all(|(x, y)| x.0 == y.0 && x.1 == y.1 && self.expr(x.2, y.2) && x.3 == y.3)
            }
            (
                SplitPlan::Evenly {
                    share: a,
                    residual: r,
                },
                SplitPlan::Evenly {
                    share: b,
                    residual: s,
                },
            ) => a == b && r == s,
            (SplitPlan::Declared, SplitPlan::Declared) => true,
            _ => false,
        }
    }

    fn classes(&self, changes: &mut Changes) {
        let side = |plan: &'a Plan| {
            plan.classes
                .iter()
                .map(|c| (c.name.clone(), &c.def))
                .collect::<Vec<_>>()
        };
        changes.note_named(
            side(self.old),
            side(self.new),
            |a, b| self.class(a, b),
            Item::Class,
        );
        let (old, new) = (&self.old.completion, &self.new.completion);
        changes.note(
            Item::Completion,
            !old.is_empty(),
            !new.is_empty(),
            self.cases(old, new),
        );
    }

    fn class(&self, a: &ClassDef, b: &ClassDef) -> bool {
        let pair = |x: Option<&(Expr, Expr)>, y: Option<&(Expr, Expr)>| match (x, y) {
            (Some(x), Some(y)) => self.expr(&x.0, &y.0) && self.expr(&x.1, &y.1),
            (x, y) => x.is_none() && y.is_none(),
        };
        self.opt_expr(a.full_lower.as_ref(), b.full_lower.as_ref())
            && self.opt_expr(a.full_upper.as_ref(), b.full_upper.as_ref())
            && a.full_open == b.full_open
            && pair(a.below.as_ref(), b.below.as_ref())
            && pair(a.above.as_ref(), b.above.as_ref())
            && self.opt_expr(a.floor.as_ref(), b.floor.as_ref())
            && self.opt_expr(a.cap.as_ref(), b.cap.as_ref())
            && self.opt_expr(a.score.as_ref(), b.score.as_ref())
            && self.cases(&a.completion, &b.completion)
            && words(&a.labels) == words(&b.labels)
    }

    fn cases(&self, a: &[CompletionCaseDef], b: &[CompletionCaseDef]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.comparators == y.comparators && self.expr(&x.formula, &y.formula))
    }

    /// How targets and actuals are read: the comparator words, the missing markers and
    /// shares, and the rounding of scores.
    fn measures(&self, changes: &mut Changes) {
        let words = |plan: &'a Plan| {
            let mut all: Vec<(bool, &str, crate::ir::vocab::Comparator)> = plan
                .words
                .before()
                .iter()
                .map(|(w, c)| (true, w.as_str(), *c))
                .chain(
                    plan.words
                        .after()
                        .iter()
                        .map(|(w, c)| (false, w.as_str(), *c)),
                )
                .collect();
            all.sort_unstable();
            all
        };
        let (old, new) = (self.old, self.new);
        changes.note(Item::Comparators, true, true, words(old) == words(new));
        let markers = |plan: &'a Plan| {
            let mut all: Vec<&str> = plan.missing.markers.iter().map(String::as_str).collect();
            all.sort_unstable();
            all
        };
        let (a, b) = (&old.missing, &new.missing);
        let same_missing = markers(old) == markers(new)
            && self.opt_expr(a.unexplained.as_ref(), b.unexplained.as_ref())
            && self.opt_expr(a.explained.as_ref(), b.explained.as_ref());
        changes.note(Item::Missing, true, true, same_missing);
        changes.note(
            Item::Rounding,
            old.rounding.is_some(),
            new.rounding.is_some(),
            old.rounding == new.rounding,
        );
    }

    fn grades(&self, changes: &mut Changes) {
        let side = |plan: &'a Plan| {
            plan.grades
                .grades
                .iter()
                .map(|g| (g.name.clone(), g))
                .collect::<Vec<_>>()
        };
        changes.note_named(
            side(self.old),
            side(self.new),
            |a, b| self.grade(a, b),
            Item::Grade,
        );
        let rest = |plan: &'a Plan| {
            let target = plan.grades.target.and_then(|t| plan.grades.grades.get(t));
            (target.map(|g| &g.name), &plan.grade_fields)
        };
        changes.note(Item::Grades, true, true, rest(self.old) == rest(self.new));
    }

    fn grade(&self, a: &GradeDef, b: &GradeDef) -> bool {
        aliases(a) == aliases(b)
            && self.expr(&a.share, &b.share)
            && self.opt_expr(a.up_to.as_ref(), b.up_to.as_ref())
            && a.open == b.open
    }

    /// Discards, checks, engine findings and adjustments, by the code each raises.
    fn rules(&self, changes: &mut Changes) {
        let (old, new) = (self.old, self.new);
        let discards = |plan: &'a Plan| plan.discards.iter().map(|d| (d.finding.code.clone(), d));
        changes.note_named(
            discards(old),
            discards(new),
            |a, b| self.discard(a, b),
            Item::Discard,
        );
        let checks = |plan: &'a Plan| plan.checks.iter().map(|c| (c.finding.code.clone(), c));
        changes.note_named(
            checks(old),
            checks(new),
            |a, b| self.check(a, b),
            Item::Check,
        );
        for engine in &ENGINE_FINDINGS {
            let seen = |plan: &Plan| {
                (
                    plan.severity(engine.code.as_str()),
                    plan.reported_code(engine.code.as_str()).to_owned(),
                )
            };
            changes.note(
                Item::Findings(engine.code.as_str().to_owned()),
                true,
                true,
                seen(old) == seen(new),
            );
        }
        let adjusts = |plan: &'a Plan| plan.adjustments.iter().map(|a| (a.finding.code.clone(), a));
        changes.note_named(
            adjusts(old),
            adjusts(new),
            |a, b| self.adjust(a, b),
            Item::Adjust,
        );
    }

    fn discard(&self, a: &DiscardDef, b: &DiscardDef) -> bool {
        self.expr(&a.condition, &b.condition) && self.finding(&a.finding, &b.finding)
    }

    fn check(&self, a: &CheckDef, b: &CheckDef) -> bool {
        a.rows == b.rows
            && self.opt_expr(a.condition.as_ref(), b.condition.as_ref())
            && self.expr(&a.assertion, &b.assertion)
            && self.opt_expr(a.at.as_ref(), b.at.as_ref())
            && self.finding(&a.finding, &b.finding)
    }

    fn adjust(&self, a: &AdjustDef, b: &AdjustDef) -> bool {
        a.rows == b.rows
            && self.opt_expr(a.condition.as_ref(), b.condition.as_ref())
            && self.expr(&a.formula, &b.formula)
            && self.finding(&a.finding, &b.finding)
    }

    fn finding(&self, a: &FindingDef, b: &FindingDef) -> bool {
        let same_part = |x: &MessagePart, y: &MessagePart| match (x, y) {
            (MessagePart::Text(x), MessagePart::Text(y)) => x == y,
            (MessagePart::Hole(x), MessagePart::Hole(y)) => self.expr(x, y),
            _ => false,
        };
        let message = match (&a.message, &b.message) {
            (Some(x), Some(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_part(p, q))
            }
            (x, y) => x.is_none() && y.is_none(),
        };
        a.code == b.code && a.severity == b.severity && message
    }

    /// The rating and the lines.
    fn totals(&self, changes: &mut Changes) {
        let (old, new) = (&self.old.rating, &self.new.rating);
        let same_rating = old.len() == new.len()
            && old.iter().zip(new).all(|(a, b)| {
                a.name == b.name && self.opt_expr(a.condition.as_ref(), b.condition.as_ref())
            });
        changes.note(Item::Rating, !old.is_empty(), !new.is_empty(), same_rating);
        let lines = |plan: &'a Plan| plan.lines.iter().map(|l| (l.key.clone(), l));
        changes.note_named(
            lines(self.old),
            lines(self.new),
            |a, b| self.line(a, b),
            Item::Line,
        );
    }

    fn line(&self, a: &LineDef, b: &LineDef) -> bool {
        a.label == b.label
            && self.opt_expr(a.points.as_ref(), b.points.as_ref())
            && self.expr(&a.score, &b.score)
    }

    fn opt_expr(&self, a: Option<&Expr>, b: Option<&Expr>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => self.expr(a, b),
            (a, b) => a.is_none() && b.is_none(),
        }
    }

    fn exprs(&self, a: &[Expr], b: &[Expr]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| self.expr(x, y))
    }

    /// Whether two expressions compute the same, wherever they are written.
    fn expr(&self, a: &Expr, b: &Expr) -> bool {
        use ExprKind as K;
        match (&a.kind, &b.kind) {
            (
                K::Const(x) | K::Constant { value: x, .. },
                K::Const(y) | K::Constant { value: y, .. },
            ) => self.value(x, y),
            (K::Outer(x), K::Outer(y)) => self.expr(x, y),
            (K::RowMember(x, p), K::RowMember(y, q)) | (K::Project(x, p), K::Project(y, q)) => {
                p == q && self.expr(x, y)
            }
            (K::Filter(x, c), K::Filter(y, d)) => self.expr(x, y) && self.expr(c, d),
            (K::Unary(o, x), K::Unary(p, y)) => o == p && self.expr(x, y),
            (K::Binary(o, x, c), K::Binary(p, y, d)) => {
                o == p && self.expr(x, y) && self.expr(c, d)
            }
            (K::If(x, c, e), K::If(y, d, f)) => {
                self.expr(x, y) && self.expr(c, d) && self.expr(e, f)
            }
            (K::Call(f, x), K::Call(g, y)) => f == g && self.exprs(x, y),
            // The other kinds hold no expression and no span: compared whole.
            (x, y) => x == y,
        }
    }

    fn value(&self, a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Category(x), Value::Category(y)) => {
                category_name(self.old, *x) == category_name(self.new, *y)
            }
            (Value::List(x), Value::List(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(p, q)| self.value(p, q))
            }
            (x, y) => x == y,
        }
    }
}

/// A category's name; empty for an id the ruleset does not have (none is).
pub(crate) fn category_name(plan: &Plan, id: usize) -> &str {
    plan.categories.get(id).map_or("", |c| c.name.as_str())
}

/// A catalog's entries by category name and normalised indicator name, sorted.
/// Each with the name of the class it names, if any.
fn catalog<'p>(
    plan: &'p Plan,
    entries: &'p [CatalogEntryDef],
) -> Vec<(&'p str, String, &'p Expr, Option<&'p str>)> {
    let mut all: Vec<(&str, String, &Expr, Option<&str>)> = entries
        .iter()
        .map(|e| {
            (
                category_name(plan, e.category),
                crate::text::normalize(&e.name),
                &e.weight,
                e.class
                    .and_then(|c| plan.classes.get(c))
                    .map(|c| c.name.as_str()),
            )
        })
        .collect();
    all.sort_by(|x, y| (x.0, &x.1).cmp(&(y.0, &y.1)));
    all
}

/// Words, normalised and sorted: a list compared as a set.
fn words(list: &[String]) -> Vec<String> {
    let mut all: Vec<String> = list.iter().map(|w| crate::text::normalize(w)).collect();
    all.sort_unstable();
    all
}

/// A grade's other words, normalised and sorted.
fn aliases(grade: &GradeDef) -> Vec<String> {
    let mut all: Vec<String> = grade
        .aliases
        .iter()
        .map(|w| crate::text::normalize(w))
        .collect();
    all.sort_unstable();
    all
}

/// The names of the categories whose indicators a pool shares its points among.
fn pool_categories(plan: &Plan, pool: usize) -> Vec<&str> {
    plan.categories
        .iter()
        .filter(|c| c.pool == Some(pool))
        .map(|c| c.name.as_str())
        .collect()
}

/// What an expression reads that another item decides: the header's values, a line,
/// the rating, a category named in it, the total, the indicator rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Reads {
    /// The items read.
    pub(crate) items: BTreeSet<Item>,
    /// Whether it reads the total.
    pub(crate) total: bool,
    /// Whether it reads the indicator rows or the pools (their weights and scores).
    pub(crate) rows: bool,
}

impl Reads {
    /// Adds what `expr`, an expression of `plan`, reads.
    pub(crate) fn add(&mut self, plan: &Plan, expr: &Expr) {
        expr.each(&mut |e| {
            let item = match &e.kind {
                ExprKind::Global(global) => match global {
                    Global::FiscalYear => Item::FiscalYear,
                    Global::Cutoff => Item::Cutoff,
                    Global::MaxScore => Item::MaxScore,
                    Global::Rating => Item::Rating,
                    Global::Line(key) => Item::Line(key.clone()),
                    Global::Total => {
                        self.total = true;
                        return;
                    }
                },
                ExprKind::Const(Value::Category(id)) => {
                    Item::Category(category_name(plan, *id).to_owned())
                }
                ExprKind::Constant { name, value } => {
                    if let Value::Category(id) = value {
                        let category = category_name(plan, *id).to_owned();
                        self.items.insert(Item::Category(category));
                    }
                    Item::Constant(name.clone())
                }
                ExprKind::Rows { section } => {
                    self.rows |= section == INDICATORS || section == POOLS;
                    return;
                }
                ExprKind::PoolField(_) | ExprKind::Call(Function::Subtotal, _) => {
                    self.rows = true;
                    return;
                }
                _ => return,
            };
            self.items.insert(item);
        });
    }

    /// Adds what a finding's message reads.
    pub(crate) fn add_message(&mut self, plan: &Plan, finding: &FindingDef) {
        for part in finding.message.iter().flatten() {
            if let MessagePart::Hole(expr) = part {
                self.add(plan, expr);
            }
        }
    }
}
