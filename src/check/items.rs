//! The second pass: every item's references and expressions, in file order.

use rust_decimal::Decimal;

use crate::data::schema::FieldType;
use crate::ir;
use crate::ir::pattern::{self, ValuePattern};
use crate::suggest;
use crate::syntax::ast::{
    self, ClassRuleKind, Comparator, ItemKind, MissingEntryKind, ResidualRule, Severity,
};

use super::checked::{
    AdjustDef, CatalogEntryDef, CategoryDef, CheckDef, Checked, ClassDef, ComparatorWordsDef,
    CompletionCaseDef, DiscardDef, FindingDef, GradeDef, LineDef, MessagePart, PoolDef, RatingDef,
    RoundingDef, SplitDef,
};
use super::declare::{Defined, space_words};
use super::error::CheckError;
use super::expr::{INDICATORS, Resolver, Scope, Stage};
use super::nonsense::Nonsense;
use super::types::{Dim, Ty};
use crate::i18n::t;

/// The namespace of category names and labels.
const LABEL: &str = "category name or label";

/// The namespace of class names and labels: the words a form's `class` column may write.
const CLASS_WORD: &str = "class name or label";

/// Walks the items and fills `checked`, reporting problems to the resolver.
pub(crate) struct Items<'r, 'a> {
    pub r: &'r mut Resolver<'a>,
    pub checked: Checked,
    pub class_names: Vec<String>,
    pub grade_names: Vec<String>,
    defined: Defined,
    /// The layout's words kept so far, to keep each once without searching its list for
    /// every word (64,000 words took 27 seconds).
    layout_seen: LayoutSeen,
}

/// The words of `checked.layout` so far.
#[derive(Default)]
struct LayoutSeen {
    /// `ignore` and `totals` words, each with whether it is a total word.
    words: std::collections::HashSet<(bool, String)>,
    /// `labels`: section, field, word.
    labels: std::collections::HashSet<(String, Option<String>, String)>,
}

impl<'r, 'a> Items<'r, 'a> {
    /// Starts the pass with the declarations of the first pass.
    pub(crate) fn new(r: &'r mut Resolver<'a>, checked: Checked, class_names: Vec<String>) -> Self {
        Items {
            r,
            checked,
            class_names,
            grade_names: Vec::new(),
            defined: Defined::default(),
            layout_seen: LayoutSeen::default(),
        }
    }

    fn error(&mut self, error: CheckError) {
        self.r.errors.push(error);
    }

    fn define(&mut self, what: &str, name: &str, span: crate::source::Span) -> bool {
        self.defined.define(what, name, span, &mut self.r.errors)
    }

    /// [`Defined::define_word`]: a word a form's text is compared with.
    fn define_word(&mut self, what: &str, word: &str, span: crate::source::Span) -> bool {
        self.defined
            .define_word(what, word, span, &mut self.r.errors)
    }

    /// Checks every item.
    pub(crate) fn walk(&mut self, ruleset: &ast::Ruleset) {
        for item in &ruleset.items {
            let doc = item.doc.text();
            match &item.kind {
                ItemKind::Header(_) | ItemKind::Form(_) => {}
                ItemKind::Category(c) => self.category(c, doc),
                ItemKind::Pool(p) => self.pool(p, doc),
                ItemKind::Class(c) => self.class(c, doc),
                ItemKind::Completion(c) => {
                    if self.define("completion", "completion", c.span) {
                        self.checked.completion = self.completion(c);
                    }
                }
                ItemKind::Comparators(words) => self.comparators(words),
                ItemKind::Grades(g) => self.grades(g, item.span),
                ItemKind::Missing(m) => self.missing(m, item.span),
                ItemKind::Layout(l) => self.layout(l, item.span),
                ItemKind::Rounding(r) => {
                    if self.define("rounding", "rounding", item.span) {
                        self.checked.rounding = self.rounding(r);
                    }
                }
                ItemKind::Discard(d) => self.discard(d, doc),
                ItemKind::Check(c) => self.check(c, doc),
                ItemKind::Findings(f) => self.findings(f),
                ItemKind::Adjust(a) => self.adjust(a, doc),
                ItemKind::Rating(r) => self.rating(r, item.span),
                ItemKind::Line(l) => self.line(l, doc),
                // Computed before every other item (`constants`).
                ItemKind::Constant(_) | ItemKind::Remove(_) | ItemKind::Rename(_) => {}
            }
        }
    }

    fn category(&mut self, c: &ast::Category, doc: String) {
        if !self.define("category", &c.name.name, c.name.span) {
            return;
        }
        // Names and labels share one namespace: a form's word must mean one category.
        self.define_word(LABEL, &c.name.name, c.name.span);
        let mut labels = Vec::new();
        for label in c.labels.iter().chain(&c.added_labels) {
            if label.value != c.name.name && self.define_word(LABEL, &label.value, label.span) {
                labels.push(label.value.clone());
            }
        }
        let class = c
            .scored_by
            .as_ref()
            .and_then(|class| self.reference("class", class, &self.class_names.clone()));
        if c.scored_by.is_none() {
            self.error(CheckError::MissingItem {
                what: t!(CHECK_MISSING_CLASS_FOR, category = c.name.name),
                span: c.name.span.into(),
                help: t!(CHECK_MISSING_CLASS_FOR_HELP),
            });
        }
        self.checked.categories.push(CategoryDef {
            name: c.name.name.clone(),
            labels,
            class,
            doc,
            span: c.name.span,
        });
    }

    /// Resolves a reference to a declared name of some kind.
    fn reference(&mut self, what: &str, name: &ast::Ident, names: &[String]) -> Option<usize> {
        let found = names.iter().position(|n| *n == name.name);
        if found.is_none() {
            let what = space_words(what);
            let help =
                suggest::did_you_mean(&name.name, names.iter().map(String::as_str)).or_else(|| {
                    (!names.is_empty())
                        .then(|| t!(CHECK_NAMES_ARE, what, list = names.join(&t!(LIST_COMMA))))
                });
            self.error(CheckError::UnknownReference {
                what,
                name: name.name.clone(),
                span: name.span.into(),
                help,
            });
        }
        found
    }

    fn pool(&mut self, p: &ast::Pool, doc: String) {
        if !self.define("pool", &p.name.name, p.name.span) {
            return;
        }
        let points = self
            .required(
                p.points.as_ref(),
                p.name.span,
                t!(CHECK_PART_POINTS),
                t!(ITEM_POOL),
                t!(CHECK_PART_POINTS_HELP),
            )
            .map_or_else(
                || placeholder(p.name.span),
                |e| {
                    self.r
                        .expect(e, &Scope::at(Stage::Data), &Ty::Num(Dim::Points))
                },
            );
        let mut categories = Vec::new();
        for c in &p.categories {
            if let Some(id) = self.category_reference(c) {
                categories.push(id);
            }
        }
        let split = self.split(p, &mut categories);
        if let (SplitDef::Fixed(entries), Some(written)) = (&split, &p.points) {
            self.catalog_sum(p, written.span, &points, entries);
        }
        self.checked.pools.push(PoolDef {
            name: p.name.name.clone(),
            points,
            categories,
            split,
            doc,
            span: p.name.span,
        });
    }

    /// Category names may be declared after the pool that uses them, so they are
    /// looked up in the whole ruleset's category list.
    fn category_reference(&mut self, name: &ast::Ident) -> Option<usize> {
        if let Some(id) = self.r.category_id(&name.name) {
            return Some(id);
        }
        let all = self.r.category_names().to_vec();
        self.reference("category", name, &all)
    }

    fn split(&mut self, p: &ast::Pool, categories: &mut Vec<usize>) -> SplitDef {
        let (first, rest) = match p.splits.split_first() {
            Some(split) => split,
            None => {
                self.error(CheckError::PoolSplit {
                    pool: p.name.name.clone(),
                    problem: t!(CHECK_POOL_SPLIT_NONE),
                    span: p.name.span.into(),
                    help: t!(CHECK_POOL_SPLIT_NONE_HELP),
                });
                return SplitDef::Declared;
            }
        };
        for extra in rest {
            self.error(CheckError::PoolSplit {
                pool: p.name.name.clone(),
                problem: t!(CHECK_POOL_SPLIT_TWICE),
                span: split_span(extra).into(),
                help: t!(CHECK_POOL_SPLIT_TWICE_HELP),
            });
        }
        match first {
            ast::Split::Fixed { catalog, .. } => SplitDef::Fixed(self.catalog(catalog, categories)),
            ast::Split::Evenly {
                share, residual, ..
            } => {
                if let Some(r) = residual.as_ref().filter(|r| r.rule == ResidualRule::Nobody)
                    && share.is_none()
                {
                    // Exact shares leave no residual, and 28-digit quotients can add up
                    // to a hair more than the points.
                    self.error(CheckError::MissingItem {
                        what: t!(CHECK_MISSING_SHARE_FOR_NONE, pool = p.name.name),
                        span: r.span.into(),
                        help: t!(CHECK_MISSING_SHARE_FOR_NONE_HELP),
                    });
                }
                SplitDef::Evenly {
                    share: share.as_ref().and_then(|s| self.rounding(s)),
                    residual: residual.as_ref().map_or(ResidualRule::First, |r| r.rule),
                }
            }
            ast::Split::Declared { .. } => SplitDef::Declared,
        }
    }

    fn catalog(
        &mut self,
        catalog: &[ast::CatalogCategory],
        categories: &mut Vec<usize>,
    ) -> Vec<CatalogEntryDef> {
        let mut entries = Vec::new();
        for part in catalog {
            let Some(category) = self.category_reference(&part.category) else {
                continue;
            };
            if !categories.contains(&category) {
                categories.push(category);
            }
            for entry in &part.entries {
                let key = format!("{}/{}", part.category.name, entry.name.name);
                if !self.define_word("catalog indicator", &key, entry.name.span) {
                    continue;
                }
                let weight = self.r.expect(
                    &entry.weight,
                    &Scope::at(Stage::Data),
                    &Ty::Num(Dim::Points),
                );
                let class = entry
                    .class
                    .as_ref()
                    .and_then(|class| self.reference("class", class, &self.class_names.clone()));
                entries.push(CatalogEntryDef {
                    category,
                    name: entry.name.name.clone(),
                    weight,
                    class,
                    class_span: entry.class.as_ref().map(|c| c.span),
                    span: entry.name.span,
                });
            }
        }
        entries
    }

    /// A catalog whose weights and points are all written as numbers must add up.
    fn catalog_sum(
        &mut self,
        p: &ast::Pool,
        span: crate::source::Span,
        points: &ir::Expr,
        entries: &[CatalogEntryDef],
    ) {
        let Some(points_value) = constant(points) else {
            return;
        };
        // A weight written in another unit (`8%`) is a type error already: its sum
        // (17.08 of 25) would say nothing.
        let weights: Option<Vec<Decimal>> = entries
            .iter()
            .map(|e| constant_num(&e.weight).filter(|n| n.unit != crate::value::Unit::Percent))
            .map(|n| n.map(|n| n.value))
            .collect();
        let Some(sum) =
            weights.and_then(|w| w.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add))
        else {
            return;
        };
        if sum != points_value {
            let entries = entries
                .iter()
                .map(|e| {
                    let label = t!(CHECK_WEIGHTS_SUM_ENTRY, name = e.name);
                    miette::LabeledSpan::new_with_span(Some(label), e.span)
                })
                .collect();
            self.error(CheckError::WeightsSum {
                pool: p.name.name.clone(),
                sum: sum.to_string(),
                points: points_value.to_string(),
                span: span.into(),
                entries,
            });
        }
    }

    fn class(&mut self, c: &ast::Class, doc: String) {
        if !self.define("class", &c.name.name, c.name.span) {
            return;
        }
        let scope = Scope::at(Stage::Data);
        let mut class = ClassDef {
            name: c.name.name.clone(),
            full_lower: None,
            full_upper: None,
            full_open: ast::Open::default(),
            below: None,
            above: None,
            floor: None,
            cap: None,
            completion: Vec::new(),
            score: None,
            labels: Vec::new(),
            labels_span: None,
            doc,
            span: c.name.span,
        };
        self.define_word(CLASS_WORD, &c.name.name, c.name.span);
        for rule in &c.rules {
            let what = class_rule_name(&rule.kind);
            if !self.define(&format!("rule of class {}", c.name.name), what, rule.span) {
                continue;
            }
            match &rule.kind {
                ClassRuleKind::Full { lower, upper, ends } => {
                    class.full_lower = Some(self.r.expect_percent(lower, &scope));
                    class.full_upper = upper.as_ref().map(|u| self.r.expect_percent(u, &scope));
                    class.full_open = ends.open();
                }
                ClassRuleKind::Below(d) => class.below = Some(self.deduction(d)),
                ClassRuleKind::Above(d) => class.above = Some(self.deduction(d)),
                ClassRuleKind::Floor(e) => class.floor = Some(self.r.expect_percent(e, &scope)),
                ClassRuleKind::Cap(e) => class.cap = Some(self.r.expect_percent(e, &scope)),
                ClassRuleKind::Completion(comp) => class.completion = self.completion(comp),
                ClassRuleKind::Score(formula) => {
                    let scope = Scope {
                        rows: vec![INDICATORS.to_owned()],
                        locals: true,
                        stage: Stage::Completion,
                    };
                    class.score = Some(self.r.expect(formula, &scope, &Ty::Num(Dim::Points)));
                }
                ClassRuleKind::Labels(words) => {
                    class.labels_span = Some(rule.span);
                    for word in words {
                        if word.value != c.name.name
                            && self.define_word(CLASS_WORD, &word.value, word.span)
                        {
                            class.labels.push(word.value.clone());
                        }
                    }
                }
            }
        }
        self.class_completeness(&class);
        super::sanity::class(&class, &mut self.r.errors);
        self.checked.classes.push(class);
    }

    /// A class must say what happens on every side of its band: below it always, above
    /// it where the band has an upper edge. A silent side would give full marks there.
    fn class_completeness(&mut self, class: &ClassDef) {
        if class.score.is_some() {
            // A formula scores the class; a band, if any, is not used.
            return;
        }
        let mut missing = |what: String, help: String| {
            self.r.errors.push(CheckError::MissingItem {
                what: t!(CHECK_IN_CLASS, what, class = class.name),
                span: class.span.into(),
                help,
            });
        };
        if class.full_lower.is_none() {
            missing(t!(CHECK_FULL_BAND), t!(CHECK_FULL_BAND_HELP));
        }
        if class.below.is_none() {
            missing(t!(CHECK_BELOW_RULE), t!(CHECK_BELOW_RULE_HELP));
        }
        if class.full_upper.is_some() && class.above.is_none() {
            missing(t!(CHECK_ABOVE_RULE), t!(CHECK_ABOVE_RULE_HELP));
        }
    }

    fn deduction(&mut self, d: &ast::Deduction) -> (ir::Expr, ir::Expr) {
        let scope = Scope::at(Stage::Data);
        (
            self.r.expect_percent(&d.rate, &scope),
            self.r.expect_percent(&d.per, &scope),
        )
    }

    fn completion(&mut self, c: &ast::Completion) -> Vec<CompletionCaseDef> {
        let scope = Scope {
            rows: vec![INDICATORS.to_owned()],
            locals: true,
            stage: Stage::Weights,
        };
        let mut seen = Defined::default();
        let mut cases = Vec::new();
        for case in &c.cases {
            let mut comparators = Vec::new();
            for (comparator, span) in &case.comparators {
                if seen.define(
                    "completion for",
                    comparator.symbol(),
                    *span,
                    &mut self.r.errors,
                ) {
                    comparators.push(*comparator);
                }
            }
            let formula = self.r.expect(&case.formula, &scope, &Ty::Num(Dim::Scalar));
            cases.push(CompletionCaseDef {
                comparators,
                formula,
            });
        }
        cases
    }

    fn comparators(&mut self, words: &[ast::ComparatorWords]) {
        for w in words {
            for text in w.before.iter().chain(&w.after) {
                self.define_word("comparator word", &text.value, text.span);
                if crate::text::normalize(&text.value).is_empty() {
                    // Every target starts and ends with the empty word: it would turn
                    // every target without an operator into this comparator.
                    self.error(CheckError::Nonsense {
                        problem: Nonsense::EmptyComparatorWord,
                        span: text.span.into(),
                    });
                }
            }
            self.checked.comparator_words.push(ComparatorWordsDef {
                comparator: w.comparator,
                before: w.before.iter().map(|t| t.value.clone()).collect(),
                after: w.after.iter().map(|t| t.value.clone()).collect(),
            });
        }
    }

    fn grades(&mut self, g: &ast::Grades, span: crate::source::Span) {
        if !self.define("grades", "grades", span) {
            return;
        }
        let scope = Scope::at(Stage::Data);
        for grade in &g.grades {
            if !self.define_word("grade", &grade.name.name, grade.name.span) {
                continue;
            }
            for alias in &grade.aliases {
                self.define_word("grade", &alias.value, alias.span);
            }
            let share = self.r.expect_percent(&grade.share, &scope);
            let up_to = grade
                .up_to
                .as_ref()
                .map(|u| self.r.expect_percent(u, &scope));
            self.grade_names.push(grade.name.name.clone());
            self.checked.grades.push(GradeDef {
                name: grade.name.name.clone(),
                aliases: grade.aliases.iter().map(|a| a.value.clone()).collect(),
                share,
                up_to,
                open: grade.ends.open(),
                span: grade
                    .up_to
                    .as_ref()
                    .map_or(grade.share.span, |u| grade.share.span.to(u.span)),
            });
        }
        self.grade_fields(g);
        super::sanity::grades(&self.checked.grades, &mut self.r.errors);
        for target in &g.target {
            if self.define("target grade", "target", target.span) {
                let names = self.grade_names.clone();
                self.checked.target_grade = self.reference("grade", &target.grade, &names);
            }
        }
    }

    /// `read_from level, actual`: text or measure fields of the indicator table.
    fn grade_fields(&mut self, g: &ast::Grades) {
        let table = self.r.form().section(INDICATORS).cloned();
        for field in &g.read_from {
            let declared = table.as_ref().and_then(|t| {
                t.field(&field.name)
                    .or_else(|| t.fields.iter().find(|f| f.label == field.name))
            });
            match declared {
                Some(f) if matches!(f.ty, FieldType::Text | FieldType::Measure) => {
                    self.checked.grade_fields.push(f.key.clone());
                }
                _ => {
                    let names = table
                        .as_ref()
                        .map(|t| t.fields.iter().map(|f| f.key.clone()).collect::<Vec<_>>())
                        .unwrap_or_default();
                    self.error(CheckError::UnknownField {
                        name: field.name.clone(),
                        owner: INDICATORS.to_owned(),
                        span: field.span.into(),
                        help: suggest::did_you_mean(&field.name, names.iter().map(String::as_str))
                            .or_else(|| Some(t!(CHECK_GRADE_FIELDS_HELP))),
                    });
                }
            }
        }
    }

    /// Layout words: each list's words once in the whole ruleset (an override adds its
    /// words to the base's).
    fn layout(&mut self, l: &ast::Layout, span: crate::source::Span) {
        if !self.define("layout", "layout", span) {
            return;
        }
        for entry in &l.entries {
            let empty = match entry.kind {
                ast::LayoutWords::Labels => {
                    self.column_labels(entry);
                    continue;
                }
                ast::LayoutWords::Ignore => Nonsense::EmptyIgnoredWord,
                ast::LayoutWords::Totals => Nonsense::EmptyTotalWord,
            };
            let totals = matches!(entry.kind, ast::LayoutWords::Totals);
            for word in &entry.words {
                let list = match totals {
                    true => &mut self.checked.layout.totals,
                    false => &mut self.checked.layout.ignore,
                };
                if crate::text::normalize(&word.value)
                    .trim_end_matches('*')
                    .is_empty()
                {
                    self.r.errors.push(CheckError::Nonsense {
                        problem: empty.clone(),
                        span: word.span.into(),
                    });
                } else if (self.layout_seen.words).insert((totals, word.value.clone())) {
                    list.push(word.value.clone());
                }
            }
        }
    }

    /// `labels indicators.self_score "自评得分"`: a field of the form (its section's key,
    /// then its own key or label), and words that are not empty.
    fn column_labels(&mut self, entry: &ast::LayoutEntry) {
        let Some(written) = &entry.field else {
            return;
        };
        let form = self.r.form();
        // A section's key names the section (its rows' or values' label, `年度资金总额`).
        if let Some(section) = form.section(&written.value) {
            let key = section.key.clone();
            self.layout_words(entry, &key, None, false);
            return;
        }
        let (section_key, field_name) = written
            .value
            .rsplit_once('.')
            .unwrap_or(("", written.value.as_str()));
        let section = form.section(section_key);
        let field = section.and_then(|s| {
            s.field(field_name)
                .or_else(|| s.fields.iter().find(|f| f.label == field_name))
        });
        let (Some(section), Some(field)) = (section, field) else {
            let names: Vec<String> = form
                .sections()
                .iter()
                .flat_map(|s| s.fields.iter().map(move |f| format!("{}.{}", s.key, f.key)))
                .collect();
            let help = suggest::did_you_mean(&written.value, names.iter().map(String::as_str))
                .or_else(|| Some(t!(CHECK_COLUMN_LABELS_HELP)));
            self.error(CheckError::UnknownField {
                name: written.value.clone(),
                owner: "form".to_owned(),
                span: written.span.into(),
                help,
            });
            return;
        };
        let table = section.shape == crate::data::schema::Shape::Rows;
        let (section, field) = (section.key.clone(), field.key.clone());
        self.layout_words(entry, &section, Some(field), table);
    }

    /// A `labels` entry's words, for a section's field or the section itself; `table`
    /// whether the field is a table's.
    fn layout_words(
        &mut self,
        entry: &ast::LayoutEntry,
        section: &str,
        field: Option<String>,
        table: bool,
    ) {
        for word in &entry.words {
            if crate::text::normalize(&word.value).is_empty() {
                self.r.errors.push(CheckError::Nonsense {
                    problem: Nonsense::EmptyColumnLabel,
                    span: word.span.into(),
                });
                continue;
            }
            // `{}` names where a field's value stands in a cell: one field's (a section has
            // no value), outside the tables, written as a pattern.
            let pattern = field.is_some() && !table && ValuePattern::parse(&word.value).is_some();
            if pattern::has_brace(&word.value) && !pattern {
                self.r.errors.push(CheckError::Nonsense {
                    problem: Nonsense::ValuePattern {
                        word: word.value.clone(),
                    },
                    span: word.span.into(),
                });
                continue;
            }
            let label = (section.to_owned(), field.clone(), word.value.clone());
            if self.layout_seen.labels.insert(label.clone()) {
                self.checked.layout.labels.push(label);
            }
        }
    }

    fn missing(&mut self, m: &ast::Missing, span: crate::source::Span) {
        if !self.define("missing", "missing", span) {
            return;
        }
        let scope = Scope::at(Stage::Data);
        for entry in &m.entries {
            match &entry.kind {
                MissingEntryKind::Markers(markers) => {
                    for marker in markers {
                        if self.define_word("missing marker", &marker.value, marker.span) {
                            self.checked.missing.markers.push(marker.value.clone());
                        }
                    }
                }
                MissingEntryKind::Unexplained(share) => {
                    if self.define("missing rule", "unexplained", entry.span) {
                        let share = self.r.expect_percent(share, &scope);
                        super::sanity::share(&share, &t!(CHECK_SHARE_MISSING), &mut self.r.errors);
                        self.checked.missing.unexplained = Some(share);
                    }
                }
                MissingEntryKind::Explained(share) => {
                    if self.define("missing rule", "explained", entry.span) {
                        let share = self.r.expect_percent(share, &scope);
                        super::sanity::share(
                            &share,
                            &t!(CHECK_SHARE_EXPLAINED),
                            &mut self.r.errors,
                        );
                        self.checked.missing.explained = Some(share);
                    }
                }
            }
        }
    }

    fn rounding(&mut self, r: &ast::Rounding) -> Option<RoundingDef> {
        if r.step <= Decimal::ZERO {
            self.error(CheckError::InvalidStep {
                step: r.step.to_string(),
                span: r.step_span.into(),
            });
            return None;
        }
        Some(RoundingDef {
            step: r.step,
            mode: r.mode,
        })
    }

    fn discard(&mut self, d: &ast::Discard, doc: String) {
        let scope = Scope::at(Stage::Data).in_rows(INDICATORS);
        let condition = self.r.expect(&d.condition, &scope, &Ty::Bool);
        let finding = self.finding(&d.finding, &scope, doc);
        self.checked
            .discards
            .push(DiscardDef { condition, finding });
    }

    fn finding(&mut self, f: &ast::FindingSpec, scope: &Scope, doc: String) -> FindingDef {
        let message = f.message.as_ref().map(|t| {
            t.parts
                .iter()
                .map(|part| match part {
                    ast::TemplatePart::Text(text) => MessagePart::Text(text.clone()),
                    ast::TemplatePart::Hole(e) => MessagePart::Hole(self.r.resolve(e, scope).1),
                })
                .collect()
        });
        FindingDef {
            code: f.code.name.clone(),
            severity: f.severity,
            message,
            doc,
            span: f.code.span,
        }
    }

    fn check(&mut self, c: &ast::Check, doc: String) {
        let mut scope = Scope::at(Stage::Final);
        if let Some(rows) = &c.rows {
            match self.r.rows_section(rows) {
                Some(key) => scope = scope.in_rows(&key),
                None => return,
            }
        }
        let condition = c
            .condition
            .as_ref()
            .map(|e| self.r.expect(e, &scope, &Ty::Bool));
        let assertion = self
            .required(
                c.assertion.as_ref(),
                c.finding.code.span,
                t!(CHECK_PART_CONDITION),
                t!(ITEM_CHECK),
                t!(CHECK_PART_CONDITION_HELP),
            )
            .map_or_else(
                || placeholder(c.finding.code.span),
                |e| self.r.expect(e, &scope, &Ty::Bool),
            );
        let at = c.at.as_ref().map(|e| self.r.resolve(e, &scope).1);
        let finding = self.finding(&c.finding, &scope, doc);
        self.checked.checks.push(CheckDef {
            finding,
            rows: scope.rows.last().cloned(),
            condition,
            assertion,
            at,
            key: None,
            settleable: false,
        });
    }

    fn findings(&mut self, findings: &ast::Findings) {
        for entry in &findings.entries {
            let code = &entry.code.name;
            if crate::finding::engine_finding(code).is_none() {
                let codes = crate::finding::ENGINE_FINDINGS.map(|f| f.code.as_str());
                self.error(CheckError::UnknownFinding {
                    code: code.clone(),
                    span: entry.code.span.into(),
                    help: suggest::did_you_mean(code, codes).unwrap_or_else(|| {
                        t!(
                            CHECK_ENGINE_FINDINGS_ARE,
                            list = crate::i18n::code_list(&codes)
                        )
                    }),
                });
                continue;
            }
            if self.define("finding severity", code, entry.code.span) {
                let rename = entry.rename.as_ref().map(|r| r.name.clone());
                self.checked
                    .severities
                    .push((code.clone(), entry.severity, rename));
            }
        }
    }

    /// Reports an item part that only an override may leave out.
    fn required<'e>(
        &mut self,
        part: Option<&'e ast::Expr>,
        span: crate::source::Span,
        what: String,
        owner: String,
        help: String,
    ) -> Option<&'e ast::Expr> {
        if part.is_none() {
            self.error(CheckError::MissingItem {
                what: t!(CHECK_PART_IN_ITEM, what, owner),
                span: span.into(),
                help,
            });
        }
        part
    }

    fn adjust(&mut self, a: &ast::Adjust, doc: String) {
        let (scope, rows) = match &a.target {
            ast::AdjustTarget::Total => (Scope::at(Stage::Total), None),
            ast::AdjustTarget::Score(rows) => {
                if rows.name != INDICATORS {
                    self.error(CheckError::UnknownReference {
                        what: t!(WHAT_SCORED_ROWS),
                        name: rows.name.clone(),
                        span: rows.span.into(),
                        help: Some(t!(CHECK_ONLY_INDICATOR_ROWS, rows = INDICATORS)),
                    });
                }
                (
                    Scope::at(Stage::Scores).in_rows(INDICATORS),
                    Some(INDICATORS.to_owned()),
                )
            }
        };
        let condition = a
            .condition
            .as_ref()
            .map(|e| self.r.expect(e, &scope, &Ty::Bool));
        let formula = self.r.expect(&a.formula, &scope, &Ty::Num(Dim::Points));
        self.checked.adjustments.push(AdjustDef {
            finding: FindingDef {
                code: a.code.name.clone(),
                severity: Severity::Info,
                message: None,
                doc,
                span: a.code.span,
            },
            rows,
            condition,
            formula,
        });
    }

    fn rating(&mut self, r: &ast::Rating, span: crate::source::Span) {
        if !self.define("rating", "rating", span) {
            return;
        }
        let scope = Scope::at(Stage::Total);
        for entry in &r.entries {
            if !self.define_word("rating grade", &entry.name.name, entry.name.span) {
                continue;
            }
            let condition = entry
                .condition
                .as_ref()
                .map(|e| self.r.expect(e, &scope, &Ty::Bool));
            self.checked.rating.push(RatingDef {
                name: entry.name.name.clone(),
                condition,
                span: entry.span,
            });
        }
        super::sanity::rating(&self.checked.rating, &mut self.r.errors);
    }

    fn line(&mut self, l: &ast::Line, doc: String) {
        if !self.define("line", &l.key.name, l.key.span) {
            return;
        }
        super::sanity::line_key(&l.key.name, l.key.span, &mut self.r.errors);
        let scope = Scope::at(Stage::Scores);
        let points = l.points.as_ref().map(|e| {
            self.r
                .expect(e, &Scope::at(Stage::Data), &Ty::Num(Dim::Points))
        });
        let score = self
            .required(
                l.score.as_ref(),
                l.key.span,
                t!(CHECK_PART_SCORE_FORMULA),
                t!(ITEM_LINE),
                t!(CHECK_PART_SCORE_FORMULA_HELP),
            )
            .map_or_else(
                || placeholder(l.key.span),
                |e| self.r.expect(e, &scope, &Ty::Num(Dim::Points)),
            );
        self.checked.lines.push(LineDef {
            key: l.key.name.clone(),
            label: l.label.value.clone(),
            points,
            score,
            doc: if l.score_doc.is_empty() {
                doc
            } else {
                l.score_doc.text()
            },
        });
    }

    /// Checks that every comparator has a completion formula, per class.
    pub(crate) fn completion_coverage(&mut self) {
        let global = covered(&self.checked.completion);
        for class in &self.checked.classes {
            let own = covered(&class.completion);
            for comparator in Comparator::ALL {
                if !global.contains(&comparator) && !own.contains(&comparator) {
                    self.r.errors.push(CheckError::CompletionUncovered {
                        comparator: comparator.symbol().to_owned(),
                        span: class.span.into(),
                    });
                }
            }
        }
    }

    /// A missing-value marker that is also a grade word could mean either: the form's
    /// `差` would score nothing as missing, or a fifth of the weight as a grade.
    pub(crate) fn marker_clashes(&mut self, ruleset: &ast::Ruleset) {
        let grade_words: Vec<String> = self
            .checked
            .grades
            .iter()
            .flat_map(|g| std::iter::once(&g.name).chain(&g.aliases))
            .map(|w| crate::text::normalize(w))
            .collect();
        let markers = ruleset.items.iter().filter_map(|item| match &item.kind {
            ItemKind::Missing(m) => Some(m),
            _ => None,
        });
        let markers = markers
            .flat_map(|m| &m.entries)
            .filter_map(|e| match &e.kind {
                MissingEntryKind::Markers(markers) => Some(markers),
                _ => None,
            });
        for marker in markers.flatten() {
            if grade_words.contains(&crate::text::normalize(&marker.value)) {
                self.r.errors.push(CheckError::Nonsense {
                    problem: Nonsense::MarkerIsGrade {
                        word: marker.value.to_string(),
                    },
                    span: marker.span.into(),
                });
            }
        }
    }

    /// Every category must be in exactly one pool.
    pub(crate) fn pool_coverage(&mut self) {
        let mut owner: Vec<Option<usize>> = vec![None; self.checked.categories.len()];
        for (p, pool) in self.checked.pools.iter().enumerate() {
            for &c in &pool.categories {
                let Some(slot) = owner.get_mut(c) else {
                    continue;
                };
                if let Some(first) = slot {
                    let first_name = self
                        .checked
                        .pools
                        .get(*first)
                        .map_or("?", |p| p.name.as_str());
                    self.r.errors.push(CheckError::CategoryPool {
                        name: self
                            .checked
                            .categories
                            .get(c)
                            .map_or("?", |c| c.name.as_str())
                            .to_owned(),
                        // Listed twice by one pool (a rename onto a name it lists).
                        problem: if *first == p {
                            t!(CHECK_CATEGORY_TWICE_IN_POOL, pool = pool.name)
                        } else {
                            t!(
                                CHECK_CATEGORY_IN_TWO_POOLS,
                                first = first_name,
                                second = pool.name
                            )
                        },
                        span: pool.span.into(),
                        help: if *first == p {
                            t!(CHECK_CATEGORY_TWICE_IN_POOL_HELP)
                        } else {
                            t!(CHECK_CATEGORY_IN_TWO_POOLS_HELP)
                        },
                    });
                } else {
                    *slot = Some(p);
                }
            }
        }
        for (category, pool) in self.checked.categories.iter().zip(&owner) {
            if pool.is_none() {
                self.r.errors.push(CheckError::CategoryPool {
                    name: category.name.clone(),
                    problem: t!(CHECK_CATEGORY_IN_NO_POOL),
                    span: category.span.into(),
                    help: t!(CHECK_CATEGORY_IN_NO_POOL_HELP),
                });
            }
        }
    }
}

/// A stand-in for a part that is missing, already reported.
fn placeholder(span: crate::source::Span) -> ir::Expr {
    ir::Expr {
        kind: ir::ExprKind::Const(crate::value::Value::Null),
        span,
    }
}

/// The number an expression is written as, where it is a literal.
pub(crate) fn constant(e: &ir::Expr) -> Option<Decimal> {
    constant_num(e).map(|n| n.value)
}

/// A number written as a constant. A negative one counts: `-5%` is `-` applied to
/// `5%`, and a sanity check that skipped it would let exactly the worst values through.
pub(crate) fn constant_num(e: &ir::Expr) -> Option<crate::value::Num> {
    match &e.kind {
        ir::ExprKind::Const(crate::value::Value::Num(n))
        | ir::ExprKind::Constant {
            value: crate::value::Value::Num(n),
            ..
        } => Some(*n),
        ir::ExprKind::Unary(ast::UnaryOp::Neg, inner) => constant_num(inner).map(crate::value::neg),
        _ => None,
    }
}

fn covered(cases: &[CompletionCaseDef]) -> Vec<Comparator> {
    cases
        .iter()
        .flat_map(|c| c.comparators.iter().copied())
        .collect()
}

fn split_span(split: &ast::Split) -> crate::source::Span {
    match split {
        ast::Split::Fixed { span, .. }
        | ast::Split::Evenly { span, .. }
        | ast::Split::Declared { span } => *span,
    }
}

fn class_rule_name(kind: &ClassRuleKind) -> &'static str {
    match kind {
        ClassRuleKind::Full { .. } => "full",
        ClassRuleKind::Below(_) => "below",
        ClassRuleKind::Above(_) => "above",
        ClassRuleKind::Floor(_) => "floor",
        ClassRuleKind::Cap(_) => "cap",
        ClassRuleKind::Completion(_) => "completion",
        ClassRuleKind::Score(_) => "score",
        ClassRuleKind::Labels(_) => "labels",
    }
}
