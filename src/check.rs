//! Checking: resolve every name, type every expression and validate the policy's
//! structure, reporting every problem at once.
//!
//! The checker needs no project: anything that can be known from the ruleset alone is
//! found here, so that evaluation errors are rare and truly about the data.

pub(crate) mod bounds;
pub(crate) mod calls;
pub mod checked;
pub(crate) mod constants;
pub(crate) mod declare;
pub mod error;
pub(crate) mod expr;
pub(crate) mod items;
pub mod nonsense;
pub(crate) mod sanity;
pub(crate) mod types;

use std::collections::HashMap;

use crate::diagnostic::Failure;
use crate::source::Sources;
use crate::syntax::ast::{self, ItemKind};

use self::checked::Checked;
use self::declare::Defined;
use self::error::CheckError;
use self::expr::{Names, Resolver, Scope, Stage};
use self::items::Items;
use self::types::{Dim, Ty};

/// Checks a parsed ruleset.
///
/// # Errors
///
/// Every problem found, each with a span into `source`.
pub fn check(
    ruleset: &ast::Ruleset,
    source: impl Into<Sources>,
) -> Result<Checked, Failure<CheckError>> {
    let mut errors = Vec::new();
    let header = declare::header(ruleset, &mut errors);
    let form = declare::form(ruleset, &mut errors);
    let categories = names_of(ruleset, |k| match k {
        ItemKind::Category(c) => Some(&c.name),
        _ => None,
    });
    // Names are looked up once per reference: an index keeps that linear in the number
    // of categories (a ruleset may have thousands).
    let mut category_index = first_index(&categories);
    let category_aliases: Vec<(String, usize)> = ruleset
        .items
        .iter()
        .filter_map(|item| match &item.kind {
            ItemKind::Category(c) => Some(c),
            _ => None,
        })
        .flat_map(|c| {
            let id = category_index.get(c.name.name.as_str()).copied();
            c.aliases
                .iter()
                .filter_map(move |a| id.map(|id| (a.name.clone(), id)))
        })
        .collect();
    // Former names after the names: a name in use wins over a former one.
    for (alias, id) in &category_aliases {
        category_index.entry(alias.as_str()).or_insert(*id);
    }
    let classes = names_of(ruleset, |k| match k {
        ItemKind::Class(c) => Some(&c.name),
        _ => None,
    });
    let lines = names_of(ruleset, |k| match k {
        ItemKind::Line(l) => Some(&l.key),
        _ => None,
    });
    let has_rating = ruleset
        .items
        .iter()
        .any(|item| matches!(item.kind, ItemKind::Rating(_)));
    let indicator_names = catalog_names(ruleset);
    let mut resolver = Resolver::new(Names {
        form: &form,
        categories: &categories,
        category_index: &category_index,
        has_fiscal_year: header.fiscal_year.is_some(),
        has_cutoff: header.cutoff.is_some(),
        lines: &lines,
        has_rating,
        indicator_names: &indicator_names,
    });
    resolver.errors = errors;
    let constant_header = constants::Header {
        fiscal_year: header.fiscal_year,
        cutoff: header.cutoff,
    };
    let constants = constants::compute(ruleset, &mut resolver, &constant_header);
    let cutoff_warning = sanity::cutoff_before_year(&header);
    let max_score = header
        .max_score
        .map(|e| resolver.expect(e, &Scope::at(Stage::Data), &Ty::Num(Dim::Points)));
    let checked = Checked {
        name: header.name.unwrap_or_default(),
        version: header.version,
        doc: ruleset.doc.text(),
        fiscal_year: header.fiscal_year,
        cutoff: header.cutoff,
        max_score,
        form: form.clone(),
        form_stamp: form.stamp(),
        categories: Vec::new(),
        pools: Vec::new(),
        classes: Vec::new(),
        completion: Vec::new(),
        comparator_words: Vec::new(),
        grades: Vec::new(),
        target_grade: None,
        grade_fields: Vec::new(),
        missing: checked::MissingDef::default(),
        layout: checked::LayoutDef::default(),
        rounding: None,
        discards: Vec::new(),
        checks: Vec::new(),
        severities: Vec::new(),
        adjustments: Vec::new(),
        rating: Vec::new(),
        lines: Vec::new(),
        constants,
        warnings: Vec::new(),
        reads_pools: false,
    };
    let mut items = Items::new(&mut resolver, checked, classes);
    items.walk(ruleset);
    items.completion_coverage();
    items.pool_coverage();
    items.marker_clashes(ruleset);
    let mut checked = items.checked;
    checked.warnings = std::mem::take(&mut resolver.warnings);
    checked.warnings.extend(cutoff_warning);
    checked.reads_pools = resolver.reads_pools;
    sanity::open_ends_rounded(&checked, &mut resolver.errors);
    bounds::negative_catalog_weights(&checked, &mut resolver.errors);
    // The proof reads resolved expressions, which after an error hold placeholders.
    if resolver.errors.is_empty() {
        bounds::prove(&checked, &mut resolver.errors);
    }
    let mut errors = std::mem::take(&mut resolver.errors);
    let sources: Sources = source.into();
    for error in &mut errors {
        error.keep_changed_entries(&sources);
    }
    match Failure::from_errors(sources, errors) {
        Some(failure) => Err(failure),
        None => Ok(checked),
    }
}

/// The names of one kind of item, first definitions only, in file order.
/// Each name with its position; names are unique (`names_of`).
fn first_index(names: &[String]) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        index.entry(name.as_str()).or_insert(i);
    }
    index
}

/// The names of the indicators of every catalog (`split fixed`), in order (a "did you
/// mean" among them must not depend on a hash).
fn catalog_names(ruleset: &ast::Ruleset) -> std::collections::BTreeSet<&str> {
    (ruleset.items.iter())
        .filter_map(|item| match &item.kind {
            ItemKind::Pool(pool) => Some(pool),
            _ => None,
        })
        .flat_map(|pool| &pool.splits)
        .filter_map(|split| match split {
            ast::Split::Fixed { catalog, .. } => Some(catalog),
            _ => None,
        })
        .flatten()
        .flat_map(|category| &category.entries)
        .map(|entry| entry.name.name.as_str())
        .collect()
}

fn names_of(
    ruleset: &ast::Ruleset,
    pick: impl Fn(&ItemKind) -> Option<&ast::Ident>,
) -> Vec<String> {
    let mut defined = Defined::default();
    let mut ignored = Vec::new();
    ruleset
        .items
        .iter()
        .filter_map(|item| pick(&item.kind))
        .filter(|name| defined.define("name", &name.name, name.span, &mut ignored))
        .map(|name| name.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

    #[test]
    fn shipped_2023_checks_clean() {
        let text = std::fs::read_to_string("rulesets/2023.rules").unwrap();
        let source = SourceFile::new("rulesets/2023.rules", text);
        let ruleset = crate::syntax::parse(&source).unwrap();
        if let Err(failure) = super::check(&ruleset, source.clone()) {
            let mut out = String::new();
            for e in failure.errors() {
                out.push_str(&format!("{e:?}\n"));
            }
            panic!("{out}");
        }
    }
}
