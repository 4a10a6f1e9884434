//! The parts of a ruleset that cases can exercise, and those no case did.
//!
//! The parts are listed from the linked syntax tree, which keeps every entry's place
//! and doc comment: each check, discard and adjustment; each branch of a class (below,
//! inside and above its band, its score formula, its written floor and cap); each
//! completion formula; each grade and `target counts_as`; each `missing` share; both
//! outcomes of a `residual to matching` rule; each rating grade and line; each entry of
//! a `findings` block. Each is named by the span the plan keeps for it, which is how
//! evaluation marks it in a [`Coverage`]. Parts that can never take effect (a band beside
//! a `score` formula, an `above` rule of a band with no upper edge) are not listed.

use crate::eval::coverage::{Branch, Coverage, Part};
use crate::i18n::{Msg, msg, t};
use crate::source::{Sources, Span};
use crate::syntax::ast::{
    ClassRule, ClassRuleKind, Completion, Doc, Grades, ItemKind, Missing, MissingEntryKind, Pool,
    ResidualRule, Ruleset, Split,
};
use crate::syntax::keywords::{self, Keywords};

/// One part of a ruleset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// How evaluation marks it.
    pub part: Part,
    /// What it is, in words, quoting the ruleset (`class 产出类: below deduct 5% per 1%`).
    pub what: String,
    /// What a case must do to exercise it.
    pub needs: &'static Msg,
    /// Where it is written.
    pub span: Span,
    /// The clause of the policy it implements: its doc comment, else its item's.
    pub clause: String,
}

/// Every part of a ruleset a case can exercise, in ruleset order.
#[must_use]
pub fn items(ruleset: &Ruleset, sources: &Sources) -> Vec<Item> {
    // Parts are named in the keywords the ruleset is written in (`评分规则 产出类`).
    let language = sources
        .files()
        .next()
        .map_or(Keywords::En, |root| keywords::detect(root.text()));
    let mut list = List {
        sources,
        items: Vec::new(),
        language,
    };
    for item in &ruleset.items {
        list.item(item);
    }
    list.items
}

/// The parts no evaluation of the trace exercised.
#[must_use]
pub fn gaps<'a>(items: &'a [Item], trace: &Coverage) -> Vec<&'a Item> {
    items.iter().filter(|i| !trace.has(&i.part)).collect()
}

struct List<'a> {
    sources: &'a Sources,
    items: Vec<Item>,
    language: Keywords,
}

impl List<'_> {
    /// The keyword `en` in the ruleset's language.
    fn kw(&self, en: &'static str) -> &'static str {
        keywords::by_english(en).map_or(en, |k| k.spelling(self.language))
    }

    /// One grade of `grades`: in Chinese the item's own word (等级) names one too.
    fn grade_word(&self) -> &'static str {
        match self.language {
            Keywords::En => "grade",
            Keywords::Zh => self.kw("grades"),
        }
    }

    fn item(&mut self, item: &crate::syntax::ast::Item) {
        let doc = item.doc.text();
        match &item.kind {
            ItemKind::Check(check) => {
                let code = &check.finding.code;
                self.push(
                    Part::Check(code.span),
                    format!("{} `{}`", self.kw("check"), code.name),
                    msg!(TEST_NEEDS_CHECK),
                    code.span,
                    doc.clone(),
                );
            }
            ItemKind::Discard(discard) => {
                let code = &discard.finding.code;
                self.push(
                    Part::Discard(code.span),
                    format!("{} `{}`", self.kw("discard"), code.name),
                    msg!(TEST_NEEDS_DISCARD),
                    code.span,
                    doc.clone(),
                );
            }
            ItemKind::Adjust(adjust) => self.push(
                Part::Adjust(adjust.code.span),
                format!("{} `{}`", self.kw("adjust"), adjust.code.name),
                msg!(TEST_NEEDS_ADJUST),
                adjust.code.span,
                doc.clone(),
            ),
            ItemKind::Class(class) => {
                self.class(&class.name.name, class.name.span, &class.rules, &doc)
            }
            ItemKind::Completion(completion) => self.completion("completion", completion, &doc),
            ItemKind::Grades(grades) => self.grades(grades, &doc),
            ItemKind::Missing(missing) => self.missing(missing, &doc),
            ItemKind::Pool(pool) => {
                self.residual(pool, &doc);
                self.catalog_classes(pool, &doc);
            }
            ItemKind::Rating(rating) => {
                for entry in &rating.entries {
                    self.push(
                        Part::Rating(entry.span),
                        format!("{} `{}`", self.kw("rating"), self.text(entry.span)),
                        msg!(TEST_NEEDS_RATING),
                        entry.span,
                        clause(&entry.doc, &doc),
                    );
                }
            }
            ItemKind::Line(line) => {
                if let Some(score) = &line.score {
                    self.push(
                        Part::Line(score.span),
                        format!("{} `{}`", self.kw("line"), line.key.name),
                        msg!(TEST_NEEDS_LINE),
                        line.key.span,
                        clause(&line.score_doc, &doc),
                    );
                }
            }
            ItemKind::Findings(findings) => {
                for entry in &findings.entries {
                    self.push(
                        Part::Finding(entry.code.name.clone()),
                        format!("{}: `{}`", self.kw("findings"), self.text(entry.span)),
                        msg!(TEST_NEEDS_FINDING),
                        entry.span,
                        clause(&entry.doc, &doc),
                    );
                }
            }
            // A constant is exercised wherever a rule that uses it is.
            ItemKind::Constant(_)
            | ItemKind::Header(_)
            | ItemKind::Form(_)
            | ItemKind::Category(_)
            | ItemKind::Comparators(_)
            | ItemKind::Layout(_)
            | ItemKind::Rounding(_)
            | ItemKind::Remove(_)
            | ItemKind::Rename(_) => {}
        }
    }

    fn grades(&mut self, grades: &Grades, doc: &str) {
        for grade in &grades.grades {
            let end = grade.up_to.as_ref().unwrap_or(&grade.share).span;
            self.push(
                Part::Grade(grade.share.span),
                format!(
                    "{} `{}`",
                    self.grade_word(),
                    self.text(grade.name.span.to(end))
                ),
                msg!(TEST_NEEDS_GRADE),
                grade.name.span,
                clause(&grade.doc, doc),
            );
        }
        for target in &grades.target {
            self.push(
                Part::TargetGrade,
                format!("{}: `{}`", self.kw("grades"), self.text(target.span)),
                msg!(TEST_NEEDS_TARGET_GRADE),
                target.span,
                clause(&target.doc, doc),
            );
        }
    }

    /// The shares of missing values; markers are words, not rules that take effect.
    fn missing(&mut self, missing: &Missing, doc: &str) {
        for entry in &missing.entries {
            let (share, needs) = match &entry.kind {
                MissingEntryKind::Unexplained(share) => {
                    (share, msg!(TEST_NEEDS_MISSING_UNEXPLAINED))
                }
                MissingEntryKind::Explained(share) => (share, msg!(TEST_NEEDS_MISSING_EXPLAINED)),
                MissingEntryKind::Markers(_) => continue,
            };
            self.push(
                Part::Missing(share.span),
                format!("{}: `{}`", self.kw("missing"), self.text(entry.span)),
                needs,
                entry.span,
                clause(&entry.doc, doc),
            );
        }
    }

    /// Each catalog indicator that names its own class: a row of it must be scored so.
    fn catalog_classes(&mut self, pool: &Pool, doc: &str) {
        for split in &pool.splits {
            let Split::Fixed { catalog, .. } = split else {
                continue;
            };
            for entry in catalog.iter().flat_map(|c| &c.entries) {
                let Some(class) = &entry.class else { continue };
                let what = self.text(entry.name.span.to(class.span));
                self.push(
                    Part::ClassChoice(class.span),
                    format!("{} {}: `{what}`", self.kw("pool"), pool.name.name),
                    msg!(TEST_NEEDS_CATALOG_CLASS),
                    entry.name.span,
                    clause(&entry.doc, doc),
                );
            }
        }
    }

    /// Both outcomes of an even split's `residual to matching else …`: the other
    /// residual rules always pick the same row.
    fn residual(&mut self, pool: &Pool, doc: &str) {
        for split in &pool.splits {
            let Split::Evenly {
                residual: Some(residual),
                ..
            } = split
            else {
                continue;
            };
            if !matches!(residual.rule, ResidualRule::Matching { .. }) {
                continue;
            }
            let what = format!(
                "{} {}: `{}`",
                self.kw("pool"),
                pool.name.name,
                self.text(residual.span)
            );
            let clause = clause(&residual.doc, doc);
            self.push(
                Part::Residual(pool.name.span, true),
                t!(TEST_COVERAGE_ROW_MATCHING, what),
                msg!(TEST_NEEDS_RESIDUAL_MATCHING),
                residual.span,
                clause.clone(),
            );
            self.push(
                Part::Residual(pool.name.span, false),
                t!(TEST_COVERAGE_NO_ROW_MATCHING, what),
                msg!(TEST_NEEDS_RESIDUAL_NO_MATCH),
                residual.span,
                clause,
            );
        }
    }

    /// A class's branches: its band (or formula), its written floor and cap, and its own
    /// completion formulas.
    fn class(&mut self, name: &str, span: Span, rules: &[ClassRule], doc: &str) {
        let formula = rules
            .iter()
            .any(|r| matches!(r.kind, ClassRuleKind::Score(_)));
        let upper = rules
            .iter()
            .any(|r| matches!(&r.kind, ClassRuleKind::Full { upper: Some(_), .. }));
        for rule in rules {
            let class = |branch| Part::Class(span, branch);
            let (part, needs) = match &rule.kind {
                ClassRuleKind::Full { .. } if !formula => {
                    (class(Branch::Full), msg!(TEST_NEEDS_FULL))
                }
                ClassRuleKind::Below(_) if !formula => {
                    (class(Branch::Below), msg!(TEST_NEEDS_BELOW))
                }
                ClassRuleKind::Above(_) if !formula && upper => {
                    (class(Branch::Above), msg!(TEST_NEEDS_ABOVE))
                }
                ClassRuleKind::Score(_) => (class(Branch::Formula), msg!(TEST_NEEDS_FORMULA)),
                ClassRuleKind::Floor(_) => (class(Branch::Floor), msg!(TEST_NEEDS_FLOOR)),
                ClassRuleKind::Cap(_) => (class(Branch::Cap), msg!(TEST_NEEDS_CAP)),
                ClassRuleKind::Labels(_) => {
                    (Part::ClassChoice(rule.span), msg!(TEST_NEEDS_CLASS_CHOICE))
                }
                ClassRuleKind::Completion(completion) => {
                    let doc = clause(&rule.doc, doc);
                    self.completion(
                        &format!("{} {name}: {}", self.kw("class"), self.kw("completion")),
                        completion,
                        &doc,
                    );
                    continue;
                }
                _ => continue,
            };
            self.push(
                part,
                format!("{} {name}: `{}`", self.kw("class"), self.text(rule.span)),
                needs,
                rule.span,
                clause(&rule.doc, doc),
            );
        }
    }

    fn completion(&mut self, owner: &str, completion: &Completion, doc: &str) {
        for case in &completion.cases {
            let comparators: Vec<&str> = case.comparators.iter().map(|(c, _)| c.symbol()).collect();
            let at = case
                .comparators
                .first()
                .map_or(case.formula.span, |(_, s)| *s);
            self.push(
                Part::Completion(case.formula.span),
                format!("{owner} `{}`", comparators.join(" ")),
                msg!(TEST_NEEDS_COMPLETION),
                at,
                clause(&case.doc, doc),
            );
        }
    }

    fn push(&mut self, part: Part, what: String, needs: &'static Msg, span: Span, clause: String) {
        self.items.push(Item {
            part,
            what,
            needs,
            span,
            clause,
        });
    }

    /// The ruleset's text at a span, on one line.
    fn text(&self, span: Span) -> String {
        let text = self
            .sources
            .locate(span)
            .map_or("", |(file, local)| file.slice(local));
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// An entry's own doc comment, else its item's.
fn clause(own: &Doc, item: &str) -> String {
    if own.is_empty() {
        item.to_owned()
    } else {
        own.text()
    }
}
