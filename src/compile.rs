//! Compiling: arranging a checked ruleset for evaluation.
//!
//! Labels, catalog names, comparator words and grade words get lookup tables; each
//! class gets its completion formula per comparator; engine findings get their
//! severities; a row check that singles out rows by a field tries that test first
//! (`row_keys`), and a check evaluation can settle without its general evaluator is
//! marked so (`quick`). Compiling cannot fail: `check` has already refused every ruleset this
//! stage could not arrange.

mod indicator_keys;
mod quick;
mod row_keys;
mod states;

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::check::checked::Checked;
use crate::data::schema::FormSchema;

use crate::finding::ENGINE_FINDINGS;
use crate::ir::Expr;
use crate::ir::defs::{
    AdjustDef, CatalogEntryDef, CheckDef, ClassDef, CompletionCaseDef, DiscardDef, GradeDef,
    LayoutDef, LineDef, MissingDef, RatingDef, RoundingDef,
};
use crate::ir::vocab::{Comparator, ResidualRule, Severity};
use crate::source::Span;
pub(crate) use indicator_keys::{IndicatorKeys, ReadOnce, RowKey};

/// A ruleset ready to evaluate projects.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The ruleset's name.
    pub name: String,
    /// Its version, where given.
    pub version: Option<String>,
    /// The `//!` comment at the top of the file: what the ruleset is and which policy it
    /// follows.
    pub doc: String,
    /// Its fiscal year, where given.
    pub fiscal_year: Option<i32>,
    /// Its data cutoff date, where given.
    pub cutoff: Option<jiff::civil::Date>,
    /// The most points a project can score, where given.
    pub max_score: Option<Expr>,
    /// The form project files fill.
    pub form: FormSchema,
    /// Categories by id.
    pub categories: Vec<CategoryPlan>,
    /// Pools by id.
    pub pools: Vec<PoolPlan>,
    /// Scoring classes by id.
    pub classes: Vec<ClassPlan>,
    /// The ruleset-wide completion formulas, as declared (each class's
    /// [`ClassPlan::completion`] already holds the ones it uses).
    pub completion: Vec<CompletionCaseDef>,
    /// How target and actual texts are read.
    pub words: MeasureWords,
    /// Qualitative grades.
    pub grades: GradesPlan,
    /// Missing values.
    pub missing: MissingDef,
    /// How the form is laid out on paper (words normalised as labels are).
    pub layout: LayoutDef,
    /// How each indicator's score is rounded, if at all.
    pub rounding: Option<RoundingDef>,
    /// When an actual value is not taken.
    pub discards: Vec<DiscardDef>,
    /// Consistency checks in ruleset order.
    pub checks: Vec<CheckDef>,
    /// Adjustments of scores and of the total, in order.
    pub adjustments: Vec<AdjustDef>,
    /// The rating of the total.
    pub rating: Vec<RatingDef>,
    /// Points scored by formulas outside the indicator table.
    pub lines: Vec<LineDef>,
    /// The indicator fields a grade word is read from, first present first.
    pub grade_fields: Vec<String>,
    /// The named constants, with their values (every use already holds its value).
    pub constants: Vec<crate::check::checked::ConstantDef>,
    /// What the checker found suspicious without refusing it.
    pub warnings: Vec<crate::check::error::CheckError>,
    /// Whether an expression scoring evaluates may read the rows' states (see
    /// `compile::states`): where none does, scoring takes no copy of them.
    pub(crate) scoring_reads_states: bool,
    /// Whether an expression reads a value of a pool (see `check::expr::Resolver`):
    /// where none does, evaluation adds up no pool's weights or scores.
    pub(crate) reads_pools: bool,
    /// The stamp of the form the expressions' field slots were taken from (see
    /// `Checked::form_stamp`); `form` has it unless someone replaced the form since.
    pub(crate) form_stamp: crate::data::schema::Stamp,
    /// The indicator rows' fields the engine reads by itself, with their slots.
    pub(crate) indicator_keys: IndicatorKeys,
    labels: FxHashMap<String, usize>,
    /// Each class by the normalised words that name it: its name and its labels.
    class_words: FxHashMap<String, usize>,
    severities: FxHashMap<String, Severity>,
    codes: FxHashMap<String, String>,
}

/// A category, with the pool that shares out its points.
#[derive(Clone, Debug)]
pub struct CategoryPlan {
    /// The canonical name.
    pub name: String,
    /// The class scoring its quantitative indicators.
    pub class: Option<usize>,
    /// The pool its indicators are in.
    pub pool: Option<usize>,
    /// The policy clause it implements.
    pub doc: String,
    /// Where its name is written.
    pub span: Span,
}

/// A pool of points.
#[derive(Clone, Debug)]
pub struct PoolPlan {
    /// The pool's name.
    pub name: String,
    /// Its points.
    pub points: Expr,
    /// How its points are split.
    pub split: SplitPlan,
    /// The policy clause it implements.
    pub doc: String,
    /// Where its name is written.
    pub span: Span,
}

/// How a pool's points are split, with lookups.
#[derive(Clone, Debug)]
pub enum SplitPlan {
    /// A catalog of named indicators.
    Fixed {
        /// Entries in ruleset order.
        entries: Vec<CatalogEntryDef>,
        /// Entry by category and normalised name.
        index: CatalogIndex,
    },
    /// Evenly, with the share rounded and the residual placed.
    Evenly {
        /// How the share is rounded, if at all.
        share: Option<RoundingDef>,
        /// Who carries the residual.
        residual: ResidualRule,
    },
    /// The department's declared weights.
    Declared,
}

/// A scoring class, with a completion formula for every comparator.
#[derive(Clone, Debug)]
pub struct ClassPlan {
    /// The class's name.
    pub name: String,
    /// The rules as declared.
    pub def: ClassDef,
    /// The completion formula for each comparator, in [`Comparator::ALL`] order.
    pub completion: [Option<Expr>; 5],
    /// The floor and cap as shares of the weight ([`crate::ir::defs::share_bounds`]),
    /// where both are constants (most are): settled once, not on every row.
    pub(crate) share_bounds: Option<(rust_decimal::Decimal, rust_decimal::Decimal)>,
}

/// Comparator words, longest first so that `及其以下` is tried before `以下`.
#[derive(Clone, Debug, Default)]
pub struct MeasureWords {
    /// Words before the number.
    before: Vec<(String, Comparator)>,
    /// Words after the number.
    after: Vec<(String, Comparator)>,
    /// The first bytes of every comparator written before a number (the symbols and
    /// `before` words), one bit each: most targets and actual values start with a digit,
    /// which then settles that none is written without trying each.
    leading: [u64; 4],
}

impl MeasureWords {
    /// The symbols a comparator is written with before a number, besides the ruleset's
    /// words (`measure` tries them, longest first).
    pub(crate) const SYMBOLS: [(&'static str, Comparator); 14] = [
        (">=", Comparator::Ge),
        ("<=", Comparator::Le),
        ("==", Comparator::Eq),
        // Typed the other way round, as spoken (等于或大于): before `=`.
        ("=>", Comparator::Ge),
        ("=<", Comparator::Le),
        ("≥", Comparator::Ge),
        ("≤", Comparator::Le),
        ("⩾", Comparator::Ge),
        ("⩽", Comparator::Le),
        // The Japanese input methods' forms, which Chinese ones offer too.
        ("≧", Comparator::Ge),
        ("≦", Comparator::Le),
        (">", Comparator::Gt),
        ("<", Comparator::Lt),
        ("=", Comparator::Eq),
    ];

    /// The words before and after a number (normalised), tried longest first.
    pub(crate) fn new(
        mut before: Vec<(String, Comparator)>,
        mut after: Vec<(String, Comparator)>,
    ) -> Self {
        let longest_first =
            |a: &(String, Comparator), b: &(String, Comparator)| b.0.len().cmp(&a.0.len());
        before.sort_by(longest_first);
        after.sort_by(longest_first);
        let mut leading = [0_u64; 4];
        let symbols = Self::SYMBOLS.iter().map(|(s, _)| *s);
        for first in symbols
            .chain(before.iter().map(|(w, _)| w.as_str()))
            .filter_map(|w| w.as_bytes().first())
        {
            if let Some(bits) = leading.get_mut(usize::from(first / 64)) {
                *bits |= 1 << (first % 64);
            }
        }
        MeasureWords {
            before,
            after,
            leading,
        }
    }

    /// Words before the number, longest first.
    pub(crate) fn before(&self) -> &[(String, Comparator)] {
        &self.before
    }

    /// Words after the number, longest first.
    pub(crate) fn after(&self) -> &[(String, Comparator)] {
        &self.after
    }

    /// Whether a comparator written before a number may start with this byte.
    pub(crate) fn may_lead(&self, first: u8) -> bool {
        self.leading
            .get(usize::from(first / 64))
            .is_some_and(|bits| bits & (1 << (first % 64)) != 0)
    }
}

/// Grades with a lookup by word.
#[derive(Clone, Debug, Default)]
pub struct GradesPlan {
    /// Grades by id.
    pub grades: Vec<GradeDef>,
    /// The grade an actual equal to the target counts as.
    pub target: Option<usize>,
    by_word: FxHashMap<String, usize>,
    /// Each grade's name as a row's outcome holds it: shared, not copied per row.
    names: Vec<Arc<str>>,
}

impl GradesPlan {
    /// The name of a grade, shared (a row's outcome keeps it).
    pub(crate) fn name(&self, grade: usize) -> Option<Arc<str>> {
        self.names.get(grade).cloned()
    }

    /// The grade a normalised word names.
    #[must_use]
    pub fn by_word(&self, word: &str) -> Option<usize> {
        self.by_word.get(word).copied()
    }
}

pub use crate::text::{normalize, normalized};

/// A catalog's entries by normalised name, then category: looked up with a borrowed
/// name, as every row of every form is.
#[derive(Clone, Debug, Default)]
pub struct CatalogIndex(FxHashMap<String, Vec<(usize, usize)>>);

/// A normal text without the remark in parentheses that ends it (`产出指标(50分)` is
/// `产出指标`); `None` where it ends in none, or is nothing but one.
fn without_remark(normal: &str) -> Option<&str> {
    let open = normal.strip_suffix(')')?.rfind('(')?;
    let bare = normal.get(..open)?.trim_end();
    (!bare.is_empty()).then_some(bare)
}

/// The value of `map`, whose keys are normal texts ([`normalize`]), for `text` once
/// normalised. A text that is a key as written is its own normal form (normalising a
/// normal text keeps it), so it is found without being scanned for what normalising
/// changes, as most names, labels and words of a form are.
fn get_normal<'m, V>(map: &'m FxHashMap<String, V>, text: &str) -> Option<&'m V> {
    if let Some(value) = map.get(text) {
        return Some(value);
    }
    match normalized(text) {
        // Normal, and not a key: looked up already.
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(normal) => map.get(normal.as_str()),
    }
}

impl CatalogIndex {
    /// The entry of `category` with this name (normalised here).
    #[must_use]
    pub fn get(&self, category: usize, name: &str) -> Option<usize> {
        let entries = get_normal(&self.0, name)?;
        entries
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, entry)| *entry)
    }

    /// Adds an entry, unless its category already has one of this name.
    fn insert(&mut self, category: usize, name: &str, entry: usize) {
        let entries = self.0.entry(normalize(name)).or_default();
        if !entries.iter().any(|(c, _)| *c == category) {
            entries.push((category, entry));
        }
    }
}

impl Plan {
    /// The category a form's label means: as written, or with the remark a form prints
    /// after it left out (`产出指标（50分）`, the category's points).
    #[must_use]
    pub fn category_of_label(&self, label: &str) -> Option<usize> {
        get_normal(&self.labels, label).copied().or_else(|| {
            let normal = normalize(label);
            let bare = without_remark(&normal)?;
            self.labels.get(bare).copied()
        })
    }

    /// For each category by id, the labels (normalised, sorted) that name it: its name
    /// and its other labels, less any an earlier category took.
    #[must_use]
    pub fn labels_by_category(&self) -> Vec<Vec<&str>> {
        let mut labels: Vec<Vec<&str>> = vec![Vec::new(); self.categories.len()];
        for (label, &id) in &self.labels {
            if let Some(of) = labels.get_mut(id) {
                of.push(label);
            }
        }
        for of in &mut labels {
            of.sort_unstable();
        }
        labels
    }

    /// The class a word of a form's `class` column names: a class's name or label.
    #[must_use]
    pub fn class_of_word(&self, word: &str) -> Option<usize> {
        get_normal(&self.class_words, word).copied()
    }

    /// The code an engine finding is reported under: its own, unless the ruleset's
    /// `findings` block renames it (`unknown-grade error as unknown-level`).
    #[must_use]
    pub fn reported_code<'a>(&'a self, code: &'a str) -> &'a str {
        self.codes.get(code).map_or(code, String::as_str)
    }

    /// The severity of an engine finding.
    #[must_use]
    pub fn severity(&self, code: &str) -> Severity {
        self.severities
            .get(code)
            .copied()
            .unwrap_or(Severity::Error)
    }
}

/// Arranges a checked ruleset for evaluation.
#[must_use]
pub fn compile(checked: Checked) -> Plan {
    let categories = category_plans(&checked);
    let labels = label_index(&checked);
    let class_words = class_word_index(&checked);
    let pools = checked.pools.iter().map(pool_plan).collect();
    let classes: Vec<ClassPlan> = checked
        .classes
        .iter()
        .map(|c| class_plan(c, &checked.completion))
        .collect();
    let words = measure_words(&checked);
    let grades = grades_plan(&checked);
    let mut severities: FxHashMap<String, Severity> = ENGINE_FINDINGS
        .iter()
        .map(|f| (f.code.as_str().to_owned(), f.severity))
        .collect();
    let mut codes = FxHashMap::default();
    for (code, severity, rename) in &checked.severities {
        severities.insert(code.clone(), *severity);
        if let Some(rename) = rename {
            codes.insert(code.clone(), rename.clone());
        }
    }
    let grade_fields = if checked.grade_fields.is_empty() {
        vec!["actual".to_owned()]
    } else {
        checked.grade_fields.clone()
    };
    let mut missing = checked.missing;
    missing.markers = missing.markers.iter().map(|m| normalize(m)).collect();
    let scoring_reads_states =
        states::scoring_reads_states(&classes, &checked.completion, &grades.grades, &missing);
    let indicator_keys = IndicatorKeys::of(&checked.form);
    Plan {
        name: checked.name,
        version: checked.version,
        doc: checked.doc,
        fiscal_year: checked.fiscal_year,
        cutoff: checked.cutoff,
        max_score: checked.max_score,
        form: checked.form,
        categories,
        pools,
        classes,
        completion: checked.completion,
        words,
        grades,
        missing,
        layout: LayoutDef {
            ignore: checked.layout.ignore.iter().map(|w| normalize(w)).collect(),
            totals: checked.layout.totals.iter().map(|w| normalize(w)).collect(),
            labels: checked.layout.labels.clone(),
            points_outside: !checked.lines.is_empty(),
        },
        rounding: checked.rounding,
        discards: checked.discards,
        checks: checked
            .checks
            .into_iter()
            .map(|check| CheckDef {
                key: row_keys::key(&check),
                settleable: quick::settleable(&check),
                ..check
            })
            .collect(),
        adjustments: checked.adjustments,
        rating: checked.rating,
        lines: checked.lines,
        constants: checked.constants,
        warnings: checked.warnings,
        scoring_reads_states,
        reads_pools: checked.reads_pools,
        form_stamp: checked.form_stamp,
        indicator_keys,
        grade_fields,
        codes,
        labels,
        class_words,
        severities,
    }
}

fn category_plans(checked: &Checked) -> Vec<CategoryPlan> {
    // Each category's first pool, found in one pass: a ruleset may have thousands.
    let mut pool_of: Vec<Option<usize>> = vec![None; checked.categories.len()];
    for (p, pool) in checked.pools.iter().enumerate() {
        for &c in &pool.categories {
            if let Some(slot) = pool_of.get_mut(c).filter(|slot| slot.is_none()) {
                *slot = Some(p);
            }
        }
    }
    checked
        .categories
        .iter()
        .zip(pool_of)
        .map(|(c, pool)| CategoryPlan {
            name: c.name.clone(),
            class: c.class,
            pool,
            doc: c.doc.clone(),
            span: c.span,
        })
        .collect()
}

fn label_index(checked: &Checked) -> FxHashMap<String, usize> {
    let mut index = FxHashMap::default();
    for (id, c) in checked.categories.iter().enumerate() {
        for label in std::iter::once(&c.name).chain(&c.labels) {
            index.entry(normalize(label)).or_insert(id);
        }
    }
    index
}

fn class_word_index(checked: &Checked) -> FxHashMap<String, usize> {
    let mut index = FxHashMap::default();
    for (id, c) in checked.classes.iter().enumerate() {
        for word in std::iter::once(&c.name).chain(&c.labels) {
            index.entry(normalize(word)).or_insert(id);
        }
    }
    index
}

fn pool_plan(pool: &crate::ir::defs::PoolDef) -> PoolPlan {
    use crate::ir::defs::SplitDef;
    let split = match &pool.split {
        SplitDef::Fixed(entries) => {
            let mut index = CatalogIndex::default();
            for (i, e) in entries.iter().enumerate() {
                index.insert(e.category, &e.name, i);
            }
            SplitPlan::Fixed {
                entries: entries.clone(),
                index,
            }
        }
        SplitDef::Evenly { share, residual } => SplitPlan::Evenly {
            share: *share,
            residual: *residual,
        },
        SplitDef::Declared => SplitPlan::Declared,
    };
    PoolPlan {
        name: pool.name.clone(),
        points: pool.points.clone(),
        split,
        doc: pool.doc.clone(),
        span: pool.span,
    }
}

fn class_plan(class: &ClassDef, global: &[CompletionCaseDef]) -> ClassPlan {
    let completion = Comparator::ALL.map(|comparator| {
        let own = class.completion.iter().chain(global);
        own.clone()
            .find(|case| case.comparators.contains(&comparator))
            .map(|case| case.formula.clone())
    });
    let fixed = |e: &Option<Expr>| crate::ir::defs::fixed_number(e.as_ref());
    let share_bounds = fixed(&class.floor)
        .zip(fixed(&class.cap))
        .map(|(floor, cap)| crate::ir::defs::share_bounds(floor, cap));
    ClassPlan {
        name: class.name.clone(),
        def: class.clone(),
        completion,
        share_bounds,
    }
}

fn measure_words(checked: &Checked) -> MeasureWords {
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for w in &checked.comparator_words {
        before.extend(w.before.iter().map(|t| (normalize(t), w.comparator)));
        after.extend(w.after.iter().map(|t| (normalize(t), w.comparator)));
    }
    MeasureWords::new(before, after)
}

fn grades_plan(checked: &Checked) -> GradesPlan {
    let mut by_word = FxHashMap::default();
    for (id, g) in checked.grades.iter().enumerate() {
        for word in std::iter::once(&g.name).chain(&g.aliases) {
            by_word.entry(normalize(word)).or_insert(id);
        }
    }
    GradesPlan {
        grades: checked.grades.clone(),
        target: checked.target_grade,
        by_word,
        names: checked
            .grades
            .iter()
            .map(|g| g.name.as_str().into())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name, label or word is found as its normal form is, written normal or not: a
    /// key as written, with spaces, full-width forms or zero-width characters in it, and
    /// texts that are no key, normal or not.
    #[test]
    fn a_text_is_found_as_its_normal_form_is() {
        let mut map = FxHashMap::default();
        for (i, key) in ["预算执行率", "A1", "产出 指标"].into_iter().enumerate() {
            map.insert(normalize(key), i);
        }
        let texts = [
            "预算执行率",
            "预算 执行率",
            "预算\u{200b}执行率",
            "Ａ１",
            "A1",
            " A1 ",
            "产出　指标",
            "产出指标",
            "无",
            "",
            "A 2",
        ];
        for text in texts {
            assert_eq!(
                get_normal(&map, text),
                map.get(&*normalized(text)),
                "{text}"
            );
        }
        assert_eq!(get_normal(&map, "产出　指标"), Some(&2));
        assert_eq!(get_normal(&map, "Ａ１"), Some(&1));
    }
}
