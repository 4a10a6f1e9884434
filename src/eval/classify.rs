//! The first step of scoring: which category each row is in, and whether the policy
//! knows it.

use crate::compile::{Plan, SplitPlan, normalized};
use crate::data::project::{Datum, Record};
use crate::finding::{EngineCode, Finding};
use crate::i18n::t;
use crate::source::Span;
use crate::suggest;

use super::outcome::{ClassFrom, RowState};
use super::readings::{self, RowReading, RowTexts};

/// The text of a row's field, where it is text.
pub(crate) fn text<'r>(row: &'r Record, field: &str) -> Option<&'r str> {
    match row.get(field).map(|f| &f.value) {
        Some(Datum::Text(t)) => Some(t),
        _ => None,
    }
}

/// The span of a row's field, or where it is absent, of the empty cell a form leaves it
/// blank in, else of the row.
pub(crate) fn span_of(row: &Record, field: &str) -> Span {
    row.get(field)
        .map_or_else(|| row.place_of_absent(field), |f| f.span)
}

/// What classifying found of each row: its state, and the catalog entry (of its
/// category's pool) a recognised catalog row is, which allotting weights reads again.
pub(crate) struct Classified {
    pub states: Vec<RowState>,
    pub entries: Vec<Option<usize>>,
}

/// Resolves each row's category and catalog entry; raises `unknown-category`,
/// `unknown-indicator`, `duplicate-indicator` and `missing-indicator`.
pub(crate) fn classify(
    plan: &Plan,
    (rows, texts): (&[Record], &[RowTexts<'_>]),
    readings: &[RowReading],
    findings: &mut Vec<Finding>,
) -> Classified {
    let mut seen = Named::new(plan);
    let mut states = Vec::with_capacity(rows.len());
    let mut entries = Vec::with_capacity(rows.len());
    // Forms write a category's rows together: a label as the row before wrote it means
    // what it meant there, found without normalising and hashing it again.
    let mut last: Option<(&str, Option<usize>)> = None;
    let mut hints = HINT_BUDGET;
    for (i, row) in rows.iter().enumerate() {
        let mut state = RowState::default();
        let mut found = None;
        let known = texts
            .get(i)
            .copied()
            .unwrap_or_else(|| RowTexts::of(&plan.indicator_keys, row));
        let label = known.category.unwrap_or("");
        let name = known.name.unwrap_or("");
        state.category = match last {
            Some((before, category)) if before == label => category,
            _ => plan.category_of_label(label),
        };
        last = Some((label, state.category));
        if let super::measure::Reading::Quantity(q) = &readings::row(readings, i, plan, row).target
        {
            state.unit = Some(q.unit.as_str().into());
        }
        match state.category {
            None => findings.push(unknown_category(plan, row, (label, name), &mut hints)),
            Some(category) => {
                let entry = catalog_entry(plan, category, name);
                (state.class, state.class_from) = class_of(plan, row, category, &entry);
                match entry {
                    CatalogMatch::NotACatalog => state.recognized = true,
                    // A catalog indicator counts once: the first row that names it. A
                    // copy is scored like an unknown row (nothing, no weight, no share),
                    // so that repeating a row can never add points.
                    CatalogMatch::Entry(pool, entry) => {
                        state.recognized = seen.insert((pool, entry));
                        found = state.recognized.then_some(entry);
                        if !state.recognized {
                            findings.push(engine(
                                plan,
                                EngineCode::DuplicateIndicator,
                                row,
                                "name",
                                name,
                                t!(FINDING_DUPLICATE_INDICATOR, name),
                            ));
                        }
                    }
                    CatalogMatch::Unknown => {
                        findings.push(unknown_indicator(plan, row, (category, name), &mut hints))
                    }
                }
            }
        }
        states.push(state);
        entries.push(found);
    }
    missing_indicators(plan, &seen, findings);
    Classified { states, entries }
}

/// The class that scores a row of `category`: its catalog entry's, else the one its
/// `class` field names, else its category's (also where the field names no class).
fn class_of(
    plan: &Plan,
    row: &Record,
    category: usize,
    entry: &CatalogMatch,
) -> (Option<usize>, ClassFrom) {
    let own = plan.categories.get(category).and_then(|c| c.class);
    if let CatalogMatch::Entry(pool, entry) = entry
        && let Some(class) = catalog_class(plan, *pool, *entry)
    {
        return (Some(class), ClassFrom::Catalog);
    }
    match plan
        .indicator_keys
        .class
        .text(row)
        .filter(|word| !normalized(word).is_empty())
    {
        Some(word) => match plan.class_of_word(word) {
            Some(class) => (Some(class), ClassFrom::Form),
            None => (own, ClassFrom::Unknown),
        },
        None => (own, ClassFrom::Category),
    }
}

/// The catalog entry a row of `category` named `name` is, if its category has a catalog
/// and the catalog has the name.
pub(crate) fn catalog_def<'p>(
    plan: &'p Plan,
    category: usize,
    name: &str,
) -> Option<&'p crate::ir::defs::CatalogEntryDef> {
    let CatalogMatch::Entry(pool, entry) = catalog_entry(plan, category, name) else {
        return None;
    };
    match &plan.pools.get(pool)?.split {
        SplitPlan::Fixed { entries, .. } => entries.get(entry),
        _ => None,
    }
}

/// The class a catalog entry names, if it names one.
fn catalog_class(plan: &Plan, pool: usize, entry: usize) -> Option<usize> {
    match &plan.pools.get(pool)?.split {
        SplitPlan::Fixed { entries, .. } => entries.get(entry)?.class,
        _ => None,
    }
}

enum CatalogMatch {
    NotACatalog,
    Entry(usize, usize),
    Unknown,
}

fn catalog_entry(plan: &Plan, category: usize, name: &str) -> CatalogMatch {
    let pool = plan.categories.get(category).and_then(|c| c.pool);
    let Some((pool_id, pool)) = pool.and_then(|p| plan.pools.get(p).map(|pool| (p, pool))) else {
        return CatalogMatch::NotACatalog;
    };
    match &pool.split {
        SplitPlan::Fixed { index, .. } => match index.get(category, name) {
            Some(entry) => CatalogMatch::Entry(pool_id, entry),
            None => CatalogMatch::Unknown,
        },
        _ => CatalogMatch::NotACatalog,
    }
}

/// The names a form's "did you mean" hints may compare in all: each hint compares a name
/// with every candidate, so a form of thousands of unknown names under a ruleset of
/// thousands would take minutes (8,000 × 8,000: 34 s); past this, a name gets no hint
/// and an unknown category's message lists the first categories only.
const HINT_BUDGET: usize = 1_000_000;

/// Takes `cost` from the form's hint budget; whether it had that much.
fn within(budget: &mut usize, cost: usize) -> bool {
    let enough = *budget >= cost;
    if enough {
        *budget -= cost;
    }
    enough
}

/// The most categories an unknown category's message lists past the hint budget.
const LISTED_PAST_BUDGET: usize = 10;

fn unknown_category(
    plan: &Plan,
    row: &Record,
    (label, name): (&str, &str),
    hints: &mut usize,
) -> Finding {
    let names = plan.categories.iter().map(|c| c.name.as_str());
    let hinted = within(hints, plan.categories.len());
    let hint = (hinted.then(|| suggest::nearest(label, names)).flatten())
        .map_or(String::new(), |name| t!(FINDING_HINT, name));
    let shown = if hinted {
        usize::MAX
    } else {
        LISTED_PAST_BUDGET
    };
    let mut known: Vec<_> = plan
        .categories
        .iter()
        .take(shown)
        .map(|c| c.name.as_str())
        .collect();
    if plan.categories.len() > shown {
        known.push("…");
    }
    engine(
        plan,
        EngineCode::UnknownCategory,
        row,
        "category",
        name,
        t!(
            FINDING_UNKNOWN_CATEGORY,
            label,
            hint,
            known = known.join(&t!(LIST_COMMA))
        ),
    )
}

fn unknown_indicator(
    plan: &Plan,
    row: &Record,
    (category, name): (usize, &str),
    hints: &mut usize,
) -> Finding {
    let category_name = plan
        .categories
        .get(category)
        .map_or("", |c| c.name.as_str());
    let catalog: usize = (plan.pools.iter())
        .map(|p| match &p.split {
            SplitPlan::Fixed { entries, .. } => entries.len(),
            _ => 0,
        })
        .sum();
    let hint = if within(hints, catalog) {
        let entries = catalog_names(plan, category);
        suggest::nearest(name, entries.iter().map(String::as_str))
            .map_or(String::new(), |name| t!(FINDING_HINT, name))
    } else {
        String::new()
    };
    engine(
        plan,
        EngineCode::UnknownIndicator,
        row,
        "name",
        name,
        t!(
            FINDING_UNKNOWN_INDICATOR,
            name,
            category = category_name,
            hint
        ),
    )
}

fn catalog_names(plan: &Plan, category: usize) -> Vec<String> {
    plan.pools
        .iter()
        .filter_map(|p| match &p.split {
            SplitPlan::Fixed { entries, .. } => Some(entries),
            _ => None,
        })
        .flatten()
        .filter(|e| e.category == category)
        .map(|e| e.name.clone())
        .collect()
}

fn missing_indicators(plan: &Plan, seen: &Named, findings: &mut Vec<Finding>) {
    for (pool_id, pool) in plan.pools.iter().enumerate() {
        let SplitPlan::Fixed { entries, .. } = &pool.split else {
            continue;
        };
        for (i, entry) in entries.iter().enumerate() {
            if seen.contains((pool_id, i)) {
                continue;
            }
            let category = plan
                .categories
                .get(entry.category)
                .map_or("", |c| c.name.as_str());
            findings.push(Finding {
                code: plan
                    .reported_code(EngineCode::MissingIndicator.as_str())
                    .to_owned(),
                severity: plan.severity(EngineCode::MissingIndicator.as_str()),
                message: t!(FINDING_MISSING_INDICATOR, category, name = entry.name),
                indicator: Some(entry.name.clone()),
                at: None,
                rule: None,
                clause: None,
            });
        }
    }
}

/// The catalog entries rows have named so far: a flag for each entry of each fixed
/// pool, set as rows name them (a row named twice is a duplicate).
struct Named(Vec<Vec<bool>>);

impl Named {
    fn new(plan: &Plan) -> Self {
        let flags = |pool: &crate::compile::PoolPlan| match &pool.split {
            SplitPlan::Fixed { entries, .. } => vec![false; entries.len()],
            _ => Vec::new(),
        };
        Named(plan.pools.iter().map(flags).collect())
    }

    /// Marks an entry named: whether no row named it before.
    fn insert(&mut self, (pool, entry): (usize, usize)) -> bool {
        match self.0.get_mut(pool).and_then(|flags| flags.get_mut(entry)) {
            Some(flag) => !std::mem::replace(flag, true),
            // Not an entry of the plan's (classifying finds none such): named once.
            None => true,
        }
    }

    fn contains(&self, (pool, entry): (usize, usize)) -> bool {
        self.0
            .get(pool)
            .and_then(|flags| flags.get(entry))
            .is_some_and(|flag| *flag)
    }
}

/// An engine finding about a row, pointing at one of its fields.
pub(crate) fn engine(
    plan: &Plan,
    code: EngineCode,
    row: &Record,
    field: &str,
    name: &str,
    message: String,
) -> Finding {
    Finding {
        code: plan.reported_code(code.as_str()).to_owned(),
        severity: plan.severity(code.as_str()),
        message,
        indicator: Some(name.to_owned()),
        at: Some(span_of(row, field)),
        rule: None,
        clause: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::readings;
    use crate::testing::{EGOV_FORM, RULES_2023, plan_and_project, set_indicator_text};

    /// Each row's category is the one its own label names, whatever the row before it
    /// wrote: a label repeated, written with a space, unknown and repeated, alternating.
    #[test]
    fn a_rows_category_is_its_own_labels() {
        let (plan, mut project) = plan_and_project(RULES_2023, EGOV_FORM);
        let labels = [
            "决策目标",
            "决策目标",
            "决策 目标",
            "不存在",
            "不存在",
            "过程目标",
            "不存在",
            "决策目标",
            "过程目标",
            "决策目标",
        ];
        assert!(project.rows("indicators").len() >= labels.len());
        for (row, label) in labels.into_iter().enumerate() {
            set_indicator_text(&mut project, row, "category", label);
        }
        let rows = project.rows("indicators");
        let texts = readings::texts_of(&plan, rows);
        let read = readings::read_rows(&plan, &texts);
        let classified = super::classify(&plan, (rows, &texts), &read, &mut Vec::new());
        let categories: Vec<_> = classified.states.iter().map(|s| s.category).collect();
        let alone: Vec<_> = texts
            .iter()
            .map(|t| plan.category_of_label(t.category.unwrap_or("")))
            .collect();
        assert_eq!(categories, alone);
        let (decision, process) = (
            plan.category_of_label("决策目标"),
            plan.category_of_label("过程目标"),
        );
        assert!(decision.is_some() && process.is_some() && decision != process);
        assert_eq!(
            &categories[..6],
            [decision, decision, decision, None, None, process]
        );
    }
}
