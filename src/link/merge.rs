//! Applying an extending ruleset to its base: new items are added, `override` items
//! change the base's entry by entry, `remove` and `rename` act on whole items.
//!
//! Everything here works on syntax trees; names are matched as written. Nothing is
//! type-checked: the merged ruleset goes through `check` like any other.

use std::collections::HashMap;

use crate::i18n::t;
use crate::source::{Sources, Span};
use crate::suggest;
use crate::syntax::ast::{
    CatalogCategory, CatalogEntry, Category, Check, Class, ComparatorWords, Completion, Doc,
    Findings, Form, FormSection, Grades, Header, Ident, Item, ItemKind, ItemKindName, Layout, Line,
    Missing, Mode, Pool, Rating, Removal, Renaming, Ruleset, Split,
};

use super::error::LinkError;

/// What identifies an item within a ruleset.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Header,
    Form,
    Named(ItemKindName, String),
    Single(ItemKindName),
}

fn key_of(kind: &ItemKind) -> Option<Key> {
    let named = |k, name: &Ident| Some(Key::Named(k, name.name.clone()));
    match kind {
        ItemKind::Header(_) => Some(Key::Header),
        ItemKind::Form(_) => Some(Key::Form),
        ItemKind::Category(c) => named(ItemKindName::Category, &c.name),
        ItemKind::Pool(p) => named(ItemKindName::Pool, &p.name),
        ItemKind::Class(c) => named(ItemKindName::Class, &c.name),
        ItemKind::Line(l) => named(ItemKindName::Line, &l.key),
        ItemKind::Constant(c) => named(ItemKindName::Constant, &c.name),
        ItemKind::Check(c) => named(ItemKindName::Check, &c.finding.code),
        ItemKind::Discard(d) => named(ItemKindName::Discard, &d.finding.code),
        ItemKind::Adjust(a) => named(ItemKindName::Adjust, &a.code),
        ItemKind::Completion(_) => Some(Key::Single(ItemKindName::Completion)),
        ItemKind::Comparators(_) => Some(Key::Single(ItemKindName::Comparators)),
        ItemKind::Grades(_) => Some(Key::Single(ItemKindName::Grades)),
        ItemKind::Missing(_) => Some(Key::Single(ItemKindName::Missing)),
        ItemKind::Layout(_) => Some(Key::Single(ItemKindName::Layout)),
        ItemKind::Rounding(_) => Some(Key::Single(ItemKindName::Rounding)),
        ItemKind::Findings(_) => Some(Key::Single(ItemKindName::Findings)),
        ItemKind::Rating(_) => Some(Key::Single(ItemKindName::Rating)),
        ItemKind::Remove(_) | ItemKind::Rename(_) => None,
    }
}

fn describe(key: &Key) -> (String, String) {
    match key {
        Key::Header => (t!(LINK_WHAT_HEADER), "ruleset".to_owned()),
        Key::Form => (t!(LINK_WHAT_FORM), "form".to_owned()),
        Key::Named(kind, name) => (kind.words(), name.clone()),
        Key::Single(kind) => (t!(LINK_WHAT_BLOCK), kind.keyword().to_owned()),
    }
}

/// The span that names an item: its name where it has one, else the whole item.
fn name_span(item: &Item) -> Span {
    match &item.kind {
        ItemKind::Category(c) => c.name.span,
        ItemKind::Pool(p) => p.name.span,
        ItemKind::Class(c) => c.name.span,
        ItemKind::Line(l) => l.key.span,
        ItemKind::Constant(c) => c.name.span,
        ItemKind::Check(c) => c.finding.code.span,
        ItemKind::Discard(d) => d.finding.code.span,
        ItemKind::Adjust(a) => a.code.span,
        _ => item.span,
    }
}

/// The positions of the items of each key, so that placing each of a child's items
/// does not look at every item of the base (50,000 checks would take minutes).
#[derive(Default)]
struct Index(HashMap<Key, Vec<usize>>);

impl Index {
    fn of(items: &[Item]) -> Index {
        let mut index = Index::default();
        for (n, item) in items.iter().enumerate() {
            if let Some(key) = key_of(&item.kind) {
                index.0.entry(key).or_default().push(n);
            }
        }
        index
    }

    fn matching(&self, key: &Key) -> Vec<usize> {
        self.0.get(key).cloned().unwrap_or_default()
    }
}

/// Applies `child` to `base`, reporting what does not fit.
pub(crate) fn merge(
    base: Ruleset,
    child: Ruleset,
    sources: &Sources,
    errors: &mut Vec<LinkError>,
) -> Ruleset {
    let mut items = coalesce(base.items);
    let mut index = Index::of(&items);
    for item in child.items {
        match (&item.kind, item.mode) {
            // Both move or rename items: the index is made again.
            (ItemKind::Remove(removal), _) => {
                remove(&mut items, removal, item.span, errors);
                index = Index::of(&items);
            }
            (ItemKind::Rename(renaming), _) => {
                rename(&mut items, renaming, item.span, errors);
                index = Index::of(&items);
            }
            (_, mode) => place(&mut items, &mut index, item, (mode, sources), errors),
        }
    }
    let doc = if child.doc.is_empty() {
        base.doc
    } else {
        child.doc
    };
    Ruleset { doc, items }
}

/// Joins a ruleset's several `findings` blocks into its first, and its several
/// `comparators` blocks likewise: they add up within a file, and a change to "the"
/// findings or comparators must meet one block.
fn coalesce(items: Vec<Item>) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    // Where the first block of each kind went.
    let (mut findings, mut comparators) = (None, None);
    for item in items {
        let first = match &item.kind {
            ItemKind::Findings(_) => &mut findings,
            ItemKind::Comparators(_) => &mut comparators,
            _ => {
                out.push(item);
                continue;
            }
        };
        let into = first
            .and_then(|n: usize| out.get_mut(n))
            .map(|f| &mut f.kind);
        match (into, item.kind) {
            (Some(ItemKind::Findings(into)), ItemKind::Findings(more)) => {
                into.entries.extend(more.entries);
            }
            (Some(ItemKind::Comparators(into)), ItemKind::Comparators(more)) => into.extend(more),
            (_, kind) => {
                *first = Some(out.len());
                out.push(Item { kind, ..item });
            }
        }
    }
    out
}

/// Adds a new item, or applies an override to the base's item of the same key.
fn place(
    items: &mut Vec<Item>,
    index: &mut Index,
    item: Item,
    (mode, sources): (crate::syntax::ast::Mode, &Sources),
    errors: &mut Vec<LinkError>,
) {
    let Some(key) = key_of(&item.kind) else {
        return;
    };
    let matching = index.matching(&key);
    let Some(&first) = matching.first() else {
        match mode {
            Mode::Define => {
                index.0.entry(key).or_default().push(items.len());
                items.push(item);
            }
            Mode::Override => errors.push(not_in_base(items, &key, &item)),
        }
        return;
    };
    match (mode, &key) {
        // Several checks, discards or adjustments may share a code: a new one joins them.
        (
            Mode::Define,
            Key::Named(ItemKindName::Check | ItemKindName::Discard | ItemKindName::Adjust, _),
        ) => {
            index.0.entry(key).or_default().push(items.len());
            items.push(item);
        }
        // Findings severities and comparator words add up, like several blocks in one file.
        (Mode::Define, Key::Single(ItemKindName::Findings | ItemKindName::Comparators)) => {
            if let Some(base) = items.get_mut(first) {
                add_up(base, item, errors);
            }
        }
        (_, Key::Header) => {
            if let Some(base) = items.get_mut(first) {
                merge_item(base, item, sources, errors);
            }
        }
        (Mode::Define, _) => {
            let (what, name) = describe(&key);
            let first = items.get(first).map_or(item.span, name_span);
            errors.push(LinkError::AlreadyDefined {
                what,
                name,
                span: name_span(&item).into(),
                first: first.into(),
            });
        }
        // An override changes every item that bears the key (checks may share a code).
        (Mode::Override, _) => {
            for n in matching {
                if let Some(base) = items.get_mut(n) {
                    merge_item(base, item.clone(), sources, errors);
                }
            }
        }
    }
}

fn not_in_base(items: &[Item], key: &Key, item: &Item) -> LinkError {
    let (what, name) = describe(key);
    let candidates: Vec<String> = match key {
        Key::Named(kind, _) => names_of_kind(items, *kind),
        _ => Vec::new(),
    };
    LinkError::NotInBase {
        help: points_run_on(&name, &candidates)
            .or_else(|| suggest::did_you_mean(&name, candidates.iter().map(String::as_str)))
            .or_else(|| Some(t!(LINK_NOT_IN_BASE_ADD, what))),
        what,
        name,
        span: name_span(item).into(),
    }
}

/// Help where a name is one of `candidates` with its points run on into it
/// (`个性指标50分`: Chinese characters are letters, so the name is read to the `分`):
/// the name and its points spaced, as §2.3 asks.
fn points_run_on(name: &str, candidates: &[String]) -> Option<String> {
    let unit_start = name
        .trim_end_matches(|c: char| !c.is_ascii_digit() && c != '.')
        .len();
    let (number, unit) = name.split_at(unit_start);
    let base = number.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    let points = number.get(base.len()..)?;
    let known = candidates.iter().any(|c| c == base);
    (known && !points.is_empty() && !unit.is_empty())
        .then(|| t!(LINK_POINTS_RUN_ON, name, base, points, unit))
}

/// An override's doc comment joins the base item's, marked with where it was written
/// (`〔2024.rules:24 修改〕…`): the clause the base item implements still holds for all
/// the override leaves, and a citation of the item must not quote the override's text
/// as if it stood at the base's place.
fn amend(doc: &mut Doc, child: Doc, at: &str) {
    let mut lines = child.lines.into_iter();
    if let Some(first) = lines.next() {
        doc.lines.push(t!(LINK_DOC_AMENDED, at = at, line = first));
        doc.lines.extend(lines);
    }
}

/// Adds a plain `findings` or `comparators` block to the base's: new codes and new
/// words join; a code the base already sets is an error (`override findings` changes it).
fn add_up(base: &mut Item, child: Item, errors: &mut Vec<LinkError>) {
    match (&mut base.kind, child.kind) {
        (ItemKind::Findings(b), ItemKind::Findings(c)) => {
            for entry in c.entries {
                match b.entries.iter().find(|e| e.code.name == entry.code.name) {
                    Some(first) => errors.push(LinkError::AlreadyDefined {
                        what: t!(WHAT_FINDING_SEVERITY),
                        name: entry.code.name.clone(),
                        span: entry.code.span.into(),
                        first: first.code.span.into(),
                    }),
                    None => b.entries.push(entry),
                }
            }
        }
        (ItemKind::Comparators(b), ItemKind::Comparators(c)) => {
            for words in c {
                match b.iter_mut().find(|w| w.comparator == words.comparator) {
                    Some(existing) => {
                        existing.before.extend(words.before);
                        existing.after.extend(words.after);
                    }
                    None => b.push(words),
                }
            }
        }
        (b, c) => *b = c,
    }
}

/// Merges an override (or the extending ruleset's header) into the base's item.
fn merge_item(base: &mut Item, child: Item, sources: &Sources, errors: &mut Vec<LinkError>) {
    if !child.doc.is_empty() {
        let at = sources.origin(child.span).unwrap_or_default();
        amend(&mut base.doc, child.doc, &at);
    }
    match (&mut base.kind, child.kind) {
        (ItemKind::Header(b), ItemKind::Header(c)) => header(b, c),
        (ItemKind::Form(b), ItemKind::Form(c)) => form(b, c, errors),
        (ItemKind::Category(b), ItemKind::Category(c)) => category(b, c),
        (ItemKind::Pool(b), ItemKind::Pool(c)) => pool(b, c, errors),
        (ItemKind::Class(b), ItemKind::Class(c)) => class(b, c),
        (ItemKind::Completion(b), ItemKind::Completion(c)) => completion(b, c),
        (ItemKind::Comparators(b), ItemKind::Comparators(c)) => comparators(b, c),
        (ItemKind::Grades(b), ItemKind::Grades(c)) => grades(b, c, errors),
        (ItemKind::Missing(b), ItemKind::Missing(c)) => missing(b, c),
        (ItemKind::Layout(b), ItemKind::Layout(c)) => layout(b, c),
        (ItemKind::Findings(b), ItemKind::Findings(c)) => findings(b, c, errors),
        (ItemKind::Rating(b), ItemKind::Rating(c)) => rating(b, c, errors),
        (ItemKind::Check(b), ItemKind::Check(c)) => check(b, c),
        (ItemKind::Line(b), ItemKind::Line(c)) => line(b, c),
        // Rounding, discards and adjustments are replaced whole.
        (b, c) => *b = c,
    }
}

fn header(base: &mut Header, child: Header) {
    base.name = child.name;
    base.extends = None;
    upsert_all_by(&mut base.entries, child.entries, |a, b| {
        same_kind(&a.kind, &b.kind)
    });
}

/// Each of an override's entries replaces the base's entry with the same name, or is
/// appended (see [`upsert_all_by`]).
fn upsert_all<T>(list: &mut Vec<T>, entries: Vec<T>, name: impl Fn(&T) -> &str) {
    upsert_all_by(list, entries, |a, b| name(a) == name(b));
}

/// Each of an override's entries replaces the base's entry `same` matches, or is
/// appended. A base entry is replaced once: the override's second entry of one name
/// (`预算执行率 7 预算执行率 1`) is appended beside the first, so that the checker
/// reports the two as a duplicate instead of the last one winning in silence.
fn upsert_all_by<T>(list: &mut Vec<T>, entries: Vec<T>, same: impl Fn(&T, &T) -> bool) {
    let base = list.len();
    let mut replaced = vec![false; base];
    for entry in entries {
        let found = list.iter().take(base).position(|e| same(e, &entry));
        let unreplaced = found.filter(|&i| replaced.get(i) == Some(&false));
        match unreplaced.and_then(|i| Some(i).zip(list.get_mut(i))) {
            Some((i, existing)) => {
                *existing = entry;
                if let Some(done) = replaced.get_mut(i) {
                    *done = true;
                }
            }
            None => list.push(entry),
        }
    }
}

/// Whether two enums are the same variant: entries of a kind replace each other.
fn same_kind<K>(a: &K, b: &K) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Removes the named entries, reporting names the list does not have.
fn drop_named<T>(
    list: &mut Vec<T>,
    removed: &[Ident],
    what: &str,
    name: impl Fn(&T) -> &str,
    errors: &mut Vec<LinkError>,
) {
    for gone in removed {
        let before = list.len();
        list.retain(|e| name(e) != gone.name);
        if list.len() == before {
            let names: Vec<&str> = list.iter().map(&name).collect();
            errors.push(LinkError::NotInBase {
                what: what.to_owned(),
                name: gone.name.clone(),
                span: gone.span.into(),
                help: suggest::did_you_mean(&gone.name, names),
            });
        }
    }
}

fn form(base: &mut Form, child: Form, errors: &mut Vec<LinkError>) {
    drop_named(
        &mut base.sections,
        &child.removed,
        &t!(WHAT_FORM_SECTION),
        |s| &s.key.name,
        errors,
    );
    for section in child.sections {
        match base
            .sections
            .iter_mut()
            .find(|s| s.key.name == section.key.name)
        {
            Some(existing) => form_section(existing, section, errors),
            None => {
                nothing_to_remove(&section.removed, &t!(WHAT_FORM_FIELD), errors);
                base.sections.push(section);
            }
        }
    }
}

fn form_section(base: &mut FormSection, child: FormSection, errors: &mut Vec<LinkError>) {
    base.label = child.label;
    // `optional` can be added by an override, not taken away by leaving it out.
    base.optional |= child.optional;
    base.rows = child.rows;
    if !child.doc.is_empty() {
        base.doc = child.doc;
    }
    drop_named(
        &mut base.fields,
        &child.removed,
        &t!(WHAT_FORM_FIELD),
        |f| &f.key.name,
        errors,
    );
    upsert_all(&mut base.fields, child.fields, |f| &f.key.name);
}

fn category(base: &mut Category, child: Category) {
    if !child.labels.is_empty() {
        base.labels = child.labels;
    }
    // `add labels` keeps the base's: the new words join them.
    base.labels.extend(child.added_labels);
    if child.scored_by.is_some() {
        base.scored_by = child.scored_by;
    }
    // By where each entry starts: a replaced entry's doc is printed with nothing.
    base.entry_docs.extend(child.entry_docs);
}

fn pool(base: &mut Pool, child: Pool, errors: &mut Vec<LinkError>) {
    if child.points.is_some() {
        base.points = child.points;
    }
    base.entry_docs.extend(child.entry_docs);
    if !child.categories.is_empty() {
        base.categories = child.categories;
    }
    for split in child.splits {
        match (base.splits.first_mut(), split) {
            (
                Some(Split::Fixed { catalog, .. }),
                Split::Fixed {
                    catalog: changes, ..
                },
            ) => {
                catalog_changes(catalog, changes, errors);
            }
            (
                Some(Split::Evenly {
                    share, residual, ..
                }),
                Split::Evenly {
                    share: new_share,
                    residual: new_residual,
                    ..
                },
            ) => {
                // Only what the override states changes.
                if new_share.is_some() {
                    *share = new_share;
                }
                if new_residual.is_some() {
                    *residual = new_residual;
                }
            }
            (Some(existing), split) => *existing = split,
            (None, split) => base.splits.push(split),
        }
    }
}

fn catalog_changes(
    catalog: &mut Vec<CatalogCategory>,
    changes: Vec<CatalogCategory>,
    errors: &mut Vec<LinkError>,
) {
    for change in changes {
        match catalog
            .iter_mut()
            .find(|c| c.category.name == change.category.name)
        {
            Some(part) => {
                drop_named(
                    &mut part.entries,
                    &change.removed,
                    &t!(WHAT_CATALOG_INDICATOR),
                    |e| &e.name.name,
                    errors,
                );
                for entry in &change.entries {
                    added_near(&part.entries, entry, errors);
                }
                upsert_all(&mut part.entries, change.entries, |e| &e.name.name);
            }
            None => {
                nothing_to_remove(&change.removed, &t!(WHAT_CATALOG_INDICATOR), errors);
                catalog.push(change);
            }
        }
    }
}

/// Warns of an entry an override adds whose name is one slip from one the base has
/// (`预算执行律` beside `预算执行率`): an override that meant to change that entry would
/// otherwise add an indicator in silence.
fn added_near(entries: &[CatalogEntry], entry: &CatalogEntry, warnings: &mut Vec<LinkError>) {
    let name = &entry.name.name;
    if entries.iter().any(|e| &e.name.name == name) {
        return;
    }
    let names = entries.iter().map(|e| e.name.name.as_str());
    if let Some(near) = suggest::nearest(name, names) {
        warnings.push(LinkError::AddedNearName {
            what: t!(WHAT_CATALOG_INDICATOR),
            name: name.clone(),
            span: entry.name.span.into(),
            help: t!(LINK_ADDED_NEAR_NAME_HELP, near),
        });
    }
}

fn class(base: &mut Class, child: Class) {
    upsert_all_by(&mut base.rules, child.rules, |a, b| {
        same_kind(&a.kind, &b.kind)
    });
}

fn completion(base: &mut Completion, child: Completion) {
    for case in child.cases {
        let covered: Vec<_> = case.comparators.iter().map(|(c, _)| *c).collect();
        for existing in &mut base.cases {
            existing.comparators.retain(|(c, _)| !covered.contains(c));
        }
        base.cases.retain(|c| !c.comparators.is_empty());
        base.cases.push(case);
    }
}

fn comparators(base: &mut Vec<ComparatorWords>, child: Vec<ComparatorWords>) {
    for words in child {
        match base.iter_mut().find(|w| w.comparator == words.comparator) {
            // The words before and after the number are replaced separately.
            Some(existing) => {
                if !words.before.is_empty() {
                    existing.before = words.before;
                }
                if !words.after.is_empty() {
                    existing.after = words.after;
                }
            }
            None => base.push(words),
        }
    }
}

/// `remove` entries in a part the override adds: there is nothing to remove.
fn nothing_to_remove(removed: &[Ident], what: &str, errors: &mut Vec<LinkError>) {
    for gone in removed {
        errors.push(LinkError::NotInBase {
            what: what.to_owned(),
            name: gone.name.clone(),
            span: gone.span.into(),
            help: None,
        });
    }
}

fn grades(base: &mut Grades, child: Grades, errors: &mut Vec<LinkError>) {
    drop_named(
        &mut base.grades,
        &child.removed,
        &t!(WHAT_GRADE),
        |g| &g.name.name,
        errors,
    );
    upsert_all(&mut base.grades, child.grades, |g| &g.name.name);
    if !child.target.is_empty() {
        base.target = child.target;
    }
    if !child.read_from.is_empty() {
        base.read_from = child.read_from;
    }
    base.entry_docs.extend(child.entry_docs);
}

fn missing(base: &mut Missing, child: Missing) {
    upsert_all_by(&mut base.entries, child.entries, |a, b| {
        same_kind(&a.kind, &b.kind)
    });
}

/// An override's layout words are added to the base's: a new layout names the cells of
/// one more kind of form without losing those of the last.
fn layout(base: &mut Layout, child: Layout) {
    base.entries.extend(child.entries);
}

fn findings(base: &mut Findings, child: Findings, errors: &mut Vec<LinkError>) {
    drop_named(
        &mut base.entries,
        &child.removed,
        &t!(WHAT_FINDING_SEVERITY),
        |f| &f.code.name,
        errors,
    );
    upsert_all(&mut base.entries, child.entries, |f| &f.code.name);
}

fn rating(base: &mut Rating, child: Rating, errors: &mut Vec<LinkError>) {
    drop_named(
        &mut base.entries,
        &child.removed,
        &t!(WHAT_RATING_GRADE),
        |r| &r.name.name,
        errors,
    );
    for entry in child.entries {
        if let Some(existing) = base
            .entries
            .iter_mut()
            .find(|r| r.name.name == entry.name.name)
        {
            *existing = entry;
            continue;
        }
        // A new grade goes before a closing `otherwise`, which must stay last.
        let at = match base.entries.last() {
            Some(last) if last.condition.is_none() && entry.condition.is_some() => {
                base.entries.len() - 1
            }
            _ => base.entries.len(),
        };
        base.entries.insert(at, entry);
    }
}

fn check(base: &mut Check, child: Check) {
    base.finding.severity = child.finding.severity;
    base.finding.severity_span = child.finding.severity_span;
    if child.finding.message.is_some() {
        base.finding.message = child.finding.message;
    }
    if child.rows.is_some() {
        base.rows = child.rows;
    }
    if child.condition.is_some() {
        base.condition = child.condition;
    }
    if child.assertion.is_some() {
        base.assertion = child.assertion;
    }
    if child.at.is_some() {
        base.at = child.at;
    }
}

fn line(base: &mut Line, child: Line) {
    base.label = child.label;
    if child.points.is_some() {
        base.points = child.points;
    }
    if child.score.is_some() {
        base.score = child.score;
        base.score_doc = child.score_doc;
    }
}

/// `remove KIND NAME`: drops an item, or an indicator of a catalog.
fn remove(items: &mut Vec<Item>, removal: &Removal, span: Span, errors: &mut Vec<LinkError>) {
    let target = match &removal.name {
        Some(name) if removal.kind == ItemKindName::Indicator => {
            return remove_indicator(items, name, errors);
        }
        Some(name) => Key::Named(removal.kind, name.name.clone()),
        None => Key::Single(removal.kind),
    };
    let before = items.len();
    items.retain(|i| key_of(&i.kind).as_ref() != Some(&target));
    if items.len() == before {
        let (what, name) = describe(&target);
        let at = removal.name.as_ref().map_or(span, |n| n.span);
        errors.push(LinkError::NotInBase {
            help: suggest::did_you_mean(
                &name,
                names_of_kind(items, removal.kind)
                    .iter()
                    .map(String::as_str),
            ),
            what,
            name,
            span: at.into(),
        });
    }
}

fn names_of_kind(items: &[Item], kind: ItemKindName) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match key_of(&i.kind) {
            Some(Key::Named(k, n)) if k == kind => Some(n),
            _ => None,
        })
        .collect()
}

/// The catalog entries named `name`, as (item, catalog part, entry) positions.
fn catalog_positions(items: &[Item], name: &str) -> Vec<(usize, usize, usize)> {
    let mut found = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let ItemKind::Pool(pool) = &item.kind else {
            continue;
        };
        for split in &pool.splits {
            let Split::Fixed { catalog, .. } = split else {
                continue;
            };
            for (c, part) in catalog.iter().enumerate() {
                for (e, entry) in part.entries.iter().enumerate() {
                    if entry.name.name == name {
                        found.push((i, c, e));
                    }
                }
            }
        }
    }
    found
}

/// The names of every catalog entry, for "did you mean".
fn catalog_names(items: &[Item]) -> Vec<String> {
    let mut names = Vec::new();
    for item in items {
        let ItemKind::Pool(pool) = &item.kind else {
            continue;
        };
        for split in &pool.splits {
            if let Split::Fixed { catalog, .. } = split {
                let entries = catalog.iter().flat_map(|part| &part.entries);
                names.extend(entries.map(|e| e.name.name.clone()));
            }
        }
    }
    names
}

/// The one catalog entry named `name`, or an error.
fn one_catalog_entry(
    items: &[Item],
    name: &Ident,
    errors: &mut Vec<LinkError>,
) -> Option<(usize, usize, usize)> {
    let found = catalog_positions(items, &name.name);
    match found.as_slice() {
        [one] => Some(*one),
        [] => {
            let names = catalog_names(items);
            errors.push(LinkError::NotInBase {
                what: t!(WHAT_CATALOG_INDICATOR),
                name: name.name.clone(),
                span: name.span.into(),
                help: suggest::did_you_mean(&name.name, names.iter().map(String::as_str)),
            });
            None
        }
        _ => {
            errors.push(LinkError::Ambiguous {
                what: t!(WHAT_CATALOG_INDICATOR),
                name: name.name.clone(),
                span: name.span.into(),
            });
            None
        }
    }
}

fn catalog_part(items: &mut [Item], item: usize, part: usize) -> Option<&mut CatalogCategory> {
    let ItemKind::Pool(pool) = &mut items.get_mut(item)?.kind else {
        return None;
    };
    pool.splits.iter_mut().find_map(|s| match s {
        Split::Fixed { catalog, .. } => catalog.get_mut(part),
        _ => None,
    })
}

fn remove_indicator(items: &mut [Item], name: &Ident, errors: &mut Vec<LinkError>) {
    let Some((item, part, entry)) = one_catalog_entry(items, name, errors) else {
        return;
    };
    if let Some(part) = catalog_part(items, item, part)
        && entry < part.entries.len()
    {
        part.entries.remove(entry);
    }
}

/// `rename KIND OLD to NEW`.
fn rename(items: &mut [Item], renaming: &Renaming, span: Span, errors: &mut Vec<LinkError>) {
    let (from, to) = (&renaming.from, renaming.to.clone());
    match renaming.kind {
        ItemKindName::Indicator => {
            let Some((item, part, entry)) = one_catalog_entry(items, from, errors) else {
                return;
            };
            if let Some(e) = catalog_part(items, item, part).and_then(|p| p.entries.get_mut(entry))
            {
                e.name = to;
            }
            // Rules pick the indicator out by its name, as a text: they follow the rename.
            retarget_texts(items, &from.name, &renaming.to.name);
        }
        ItemKindName::Category
        | ItemKindName::Pool
        | ItemKindName::Class
        | ItemKindName::Check
        | ItemKindName::Constant => {
            let target = Key::Named(renaming.kind, from.name.clone());
            let matching: Vec<usize> = items
                .iter()
                .enumerate()
                .filter(|(_, i)| key_of(&i.kind).as_ref() == Some(&target))
                .map(|(n, _)| n)
                .collect();
            if matching.is_empty() {
                let names = names_of_kind(items, renaming.kind);
                errors.push(LinkError::NotInBase {
                    what: renaming.kind.words(),
                    name: from.name.clone(),
                    span: from.span.into(),
                    help: suggest::did_you_mean(&from.name, names.iter().map(String::as_str)),
                });
                return;
            }
            for n in matching {
                if let Some(item) = items.get_mut(n) {
                    rename_item(item, from, to.clone());
                }
            }
            match renaming.kind {
                ItemKindName::Class => retarget_classes(items, &from.name, &renaming.to),
                ItemKindName::Category => retarget_categories(items, &from.name, &renaming.to.name),
                ItemKindName::Constant => retarget_names(items, &from.name, &renaming.to.name),
                _ => {}
            }
        }
        other => errors.push(LinkError::CannotRename {
            what: other.words(),
            span: span.into(),
        }),
    }
}

fn rename_item(item: &mut Item, from: &Ident, to: Ident) {
    match &mut item.kind {
        ItemKind::Category(c) => {
            // Rules of the base still name the category by its old name, and forms may
            // still write it: it stays an alias and a label.
            c.aliases.push(from.clone());
            c.labels.push(crate::syntax::ast::Text {
                value: from.name.clone(),
                span: from.span,
            });
            c.name = to;
        }
        ItemKind::Pool(p) => p.name = to,
        ItemKind::Class(c) => c.name = to,
        ItemKind::Check(c) => c.finding.code = to,
        ItemKind::Constant(c) => c.name = to,
        _ => {}
    }
}

/// Makes every reference to category `from` name `to`: pools' category lists, catalog
/// parts and names in expressions.
fn retarget_categories(items: &mut [Item], from: &str, to: &str) {
    let rename = |ident: &mut Ident| {
        if ident.name == from {
            to.clone_into(&mut ident.name);
        }
    };
    for item in items.iter_mut() {
        if let ItemKind::Pool(pool) = &mut item.kind {
            pool.categories.iter_mut().for_each(rename);
            for split in &mut pool.splits {
                if let Split::Fixed { catalog, .. } = split {
                    catalog
                        .iter_mut()
                        .for_each(|part| rename(&mut part.category));
                }
            }
        }
        item.kind.walk_exprs_mut(&mut |e| {
            if let crate::syntax::ast::ExprKind::Name(ident) = &mut e.kind {
                rename(ident);
            }
        });
    }
}

/// Makes every bare name `from` in expressions read `to`: the uses of a renamed constant
/// (no field, row value or category may share a constant's name, so each is one).
fn retarget_names(items: &mut [Item], from: &str, to: &str) {
    for item in items.iter_mut() {
        item.kind.walk_exprs_mut(&mut |e| {
            if let crate::syntax::ast::ExprKind::Name(ident) = &mut e.kind
                && ident.name == from
            {
                to.clone_into(&mut ident.name);
            }
        });
    }
}

/// Makes every text literal `from` in expressions read `to`.
fn retarget_texts(items: &mut [Item], from: &str, to: &str) {
    for item in items.iter_mut() {
        item.kind.walk_exprs_mut(&mut |e| {
            if let crate::syntax::ast::ExprKind::Literal(crate::syntax::ast::Literal::Text(t)) =
                &mut e.kind
                && t == from
            {
                to.clone_into(t);
            }
        });
    }
}

/// Points every category and catalog indicator scored by class `from` at its new name.
fn retarget_classes(items: &mut [Item], from: &str, to: &Ident) {
    for item in items.iter_mut() {
        match &mut item.kind {
            ItemKind::Category(c) => {
                if let Some(scored_by) = c.scored_by.as_mut().filter(|s| s.name == from) {
                    scored_by.name.clone_from(&to.name);
                }
            }
            ItemKind::Pool(pool) => {
                let entries = pool.splits.iter_mut().flat_map(|split| match split {
                    Split::Fixed { catalog, .. } => {
                        catalog.iter_mut().flat_map(|c| &mut c.entries).collect()
                    }
                    _ => Vec::new(),
                });
                for entry in entries {
                    if let Some(class) = entry.class.as_mut().filter(|c| c.name == from) {
                        class.name.clone_from(&to.name);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Reports `remove` entries inside items that are not overrides, and overrides,
/// removals and renamings in a ruleset that extends nothing.
pub(crate) fn validate_standalone(ruleset: &Ruleset, has_base: bool, errors: &mut Vec<LinkError>) {
    for item in &ruleset.items {
        if !has_base {
            let what = match (&item.kind, item.mode) {
                (ItemKind::Remove(_), _) => Some("remove"),
                (ItemKind::Rename(_), _) => Some("rename"),
                (_, Mode::Override) => Some("override"),
                _ => None,
            };
            if let Some(what) = what {
                errors.push(LinkError::NoBase {
                    what: what.to_owned(),
                    span: item.span.into(),
                });
            }
        }
        if item.mode == Mode::Define {
            for removed in removed_entries(&item.kind) {
                errors.push(LinkError::RemoveOutsideOverride {
                    span: removed.span.into(),
                });
            }
        }
    }
}

fn removed_entries(kind: &ItemKind) -> Vec<&Ident> {
    match kind {
        ItemKind::Form(f) => f
            .removed
            .iter()
            .chain(f.sections.iter().flat_map(|s| &s.removed))
            .collect(),
        ItemKind::Pool(p) => p
            .splits
            .iter()
            .flat_map(|s| match s {
                Split::Fixed { catalog, .. } => catalog.iter().flat_map(|c| &c.removed).collect(),
                _ => Vec::new(),
            })
            .collect(),
        ItemKind::Grades(g) => g.removed.iter().collect(),
        ItemKind::Findings(f) => f.removed.iter().collect(),
        ItemKind::Rating(r) => r.removed.iter().collect(),
        _ => Vec::new(),
    }
}
