//! Lowering: pest pairs to the typed syntax tree.
//!
//! One `lower_<rule>` function per rule that makes a node; each starts by asserting the
//! rule it got. A rule the grammar makes impossible here is `unreachable!`, never a user
//! error; what the grammar cannot judge (a number out of range, a date that does not
//! exist, an unknown severity) becomes a [`ParseError`] with the pair's span.

use std::cell::Cell;
use std::str::FromStr;
use std::sync::LazyLock;

use jiff::civil::Date;
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use rust_decimal::Decimal;

use super::ast::{
    Adjust, AdjustTarget, BinaryOp, CatalogCategory, CatalogEntry, Category, Check, Class,
    ClassRule, ClassRuleKind, Comparator, ComparatorWords, Completion, CompletionCase, Constant,
    Deduction, Discard, Doc, End, Ends, Expr, ExprKind, FindingSeverity, FindingSpec, Findings,
    Form, FormField, FormSection, Grade, Grades, Header, HeaderEntry, HeaderEntryKind, Ident, Item,
    ItemKind, ItemKindName, Layout, LayoutEntry, LayoutWords, Line, Literal, Missing, MissingEntry,
    MissingEntryKind, Mode, Pool, Rating, RatingEntry, Removal, Renaming, Residual, ResidualRule,
    Rounding, RoundingMode, Ruleset, Severity, Split, TargetGrade, Template, TemplatePart, Text,
    UnaryOp,
};
use super::error::ParseError;
use super::grammar::Rule;
use crate::i18n::t;
use crate::source::Span;
use crate::suggest;

type Result<T> = std::result::Result<T, ParseError>;

/// How deep an expression tree may be; deeper input is refused before any recursion
/// over the tree could exhaust the stack. Nesting and chained operators both count:
/// `a + b + c` is two levels deep.
pub(crate) const MAX_DEPTH: usize = 256;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
        .op(Op::postfix(Rule::member) | Op::postfix(Rule::filter))
});

thread_local! {
    /// Where the text being lowered starts in the shared address space of `Sources`.
    /// Set by `syntax::parse_at` around one lowering; lowering is synchronous, so a
    /// thread-local saves passing the offset through every function.
    static BASE: Cell<usize> = const { Cell::new(0) };
}

/// Runs `f` with spans offset by `base`.
pub(crate) fn with_base<T>(base: usize, f: impl FnOnce() -> T) -> T {
    let previous = BASE.with(|b| b.replace(base));
    let result = f();
    BASE.with(|b| b.set(previous));
    result
}

fn span_of(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let base = BASE.with(Cell::get);
    Span::new(base + s.start(), base + s.end())
}

/// Lowers the pair of `ruleset`.
pub(crate) fn lower_ruleset(pair: Pair<'_, Rule>) -> Result<Ruleset> {
    debug_assert_eq!(pair.as_rule(), Rule::ruleset);
    let mut doc = Doc::default();
    let mut items = Vec::new();
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::file_doc_line => doc.lines.push(doc_text(child.as_str(), "//!")),
            Rule::item => items.push(lower_item(child)?),
            Rule::stray_doc => {
                return Err(ParseError::Syntax {
                    expected: t!(PARSE_STRAY_DOC_EXPECTED),
                    found: t!(PARSE_FOUND_END_OF_FILE),
                    span: span_of(&child).into(),
                    help: Some(t!(PARSE_STRAY_DOC_HELP)),
                });
            }
            Rule::EOI => {}
            r => unreachable!("unexpected {r:?} in lower_ruleset"),
        }
    }
    Ok(Ruleset { doc, items })
}

fn doc_text(line: &str, marker: &str) -> String {
    let text = line.strip_prefix(marker).unwrap_or(line);
    text.strip_prefix(' ').unwrap_or(text).trim_end().to_owned()
}

/// Splits leading doc lines off a pair's children.
fn take_doc<'i>(pairs: &mut std::iter::Peekable<Pairs<'i, Rule>>) -> Doc {
    let mut doc = Doc::default();
    while let Some(p) = pairs.next_if(|p| p.as_rule() == Rule::doc_line) {
        doc.lines.push(doc_text(p.as_str(), "///"));
    }
    doc
}

/// The doc lines of a pair and the rest of its children, with the span that starts
/// after the doc lines.
fn doc_and_rest(pair: Pair<'_, Rule>) -> (Doc, Span, std::iter::Peekable<Pairs<'_, Rule>>) {
    let whole = span_of(&pair);
    let mut inner = pair.into_inner().peekable();
    let doc = take_doc(&mut inner);
    let start = inner.peek().map_or(whole.end, |p| span_of(p).start);
    (
        doc,
        Span {
            start,
            end: whole.end,
        },
        inner,
    )
}

/// Keeps an entry's doc comment, where it has one, by its first value.
fn keep_doc(docs: &mut Vec<(Span, Doc)>, doc: Doc, first: Option<&Pair<'_, Rule>>) {
    if let Some(first) = first.filter(|_| !doc.lines.is_empty()) {
        docs.push((span_of(first), doc));
    }
}

/// The next child, which the grammar guarantees.
fn next<'i>(pairs: &mut impl Iterator<Item = Pair<'i, Rule>>, context: &str) -> Pair<'i, Rule> {
    match pairs.next() {
        Some(pair) => pair,
        None => unreachable!("missing child in {context}"),
    }
}

fn lower_item(pair: Pair<'_, Rule>) -> Result<Item> {
    debug_assert_eq!(pair.as_rule(), Rule::item);
    let (doc, span, mut inner) = doc_and_rest(pair);
    let mut body = next(&mut inner, "item");
    let mut mode = Mode::Define;
    if body.as_rule() == Rule::override_item {
        mode = Mode::Override;
        body = next(&mut body.into_inner().skip(1), "override");
    }
    let kind = lower_item_body(body)?;
    Ok(Item {
        doc,
        mode,
        kind,
        span,
    })
}

fn lower_item_body(body: Pair<'_, Rule>) -> Result<ItemKind> {
    Ok(match body.as_rule() {
        Rule::header => ItemKind::Header(lower_header(body)?),
        Rule::form => ItemKind::Form(lower_form(body)?),
        Rule::category => ItemKind::Category(lower_category(body)?),
        Rule::pool => ItemKind::Pool(lower_pool(body)?),
        Rule::class => ItemKind::Class(lower_class(body)?),
        Rule::completion => ItemKind::Completion(lower_completion(body)?),
        Rule::comparators => ItemKind::Comparators(lower_comparators(body)?),
        Rule::grades => ItemKind::Grades(lower_grades(body)?),
        Rule::missing => ItemKind::Missing(lower_missing(body)?),
        Rule::layout => ItemKind::Layout(lower_layout(body)?),
        Rule::rounding => ItemKind::Rounding(lower_rounding(body)?),
        Rule::discard => ItemKind::Discard(lower_discard(body)?),
        Rule::check => ItemKind::Check(lower_check(body)?),
        Rule::findings => ItemKind::Findings(lower_findings(body)?),
        Rule::adjust => ItemKind::Adjust(lower_adjust(body)?),
        Rule::rating => ItemKind::Rating(lower_rating(body)?),
        Rule::line => ItemKind::Line(lower_line(body)?),
        Rule::constant => ItemKind::Constant(lower_constant(body)?),
        Rule::remove_item => ItemKind::Remove(lower_remove_item(body)?),
        Rule::rename_item => ItemKind::Rename(lower_rename_item(body)?),
        r => unreachable!("unexpected {r:?} in lower_item"),
    })
}

/// The kind a `remove` or `rename` names.
fn lower_item_kind(pair: &Pair<'_, Rule>) -> ItemKindName {
    let keyword = next(&mut pair.clone().into_inner(), "item kind");
    match keyword.as_rule() {
        Rule::kw_category => ItemKindName::Category,
        Rule::kw_pool => ItemKindName::Pool,
        Rule::kw_class => ItemKindName::Class,
        Rule::kw_line => ItemKindName::Line,
        Rule::kw_indicator => ItemKindName::Indicator,
        Rule::kw_check => ItemKindName::Check,
        Rule::kw_discard => ItemKindName::Discard,
        Rule::kw_adjust => ItemKindName::Adjust,
        Rule::kw_rating => ItemKindName::Rating,
        Rule::kw_rounding => ItemKindName::Rounding,
        Rule::kw_completion => ItemKindName::Completion,
        Rule::kw_comparators => ItemKindName::Comparators,
        Rule::kw_grades => ItemKindName::Grades,
        Rule::kw_missing => ItemKindName::Missing,
        Rule::kw_layout => ItemKindName::Layout,
        Rule::kw_findings => ItemKindName::Findings,
        Rule::kw_let => ItemKindName::Constant,
        r => unreachable!("unexpected {r:?} as an item kind"),
    }
}

/// A name or a code, as the name of an item or an entry.
fn lower_name_or_code(pair: Pair<'_, Rule>) -> Result<Ident> {
    match pair.as_rule() {
        Rule::code => Ok(lower_ident(&pair)),
        Rule::name => lower_name(pair),
        r => unreachable!("unexpected {r:?} as a name"),
    }
}

fn lower_remove_item(pair: Pair<'_, Rule>) -> Result<Removal> {
    debug_assert_eq!(pair.as_rule(), Rule::remove_item);
    let mut inner = pair.into_inner().skip(1);
    let kind = lower_item_kind(&next(&mut inner, "remove kind"));
    let name = inner.next().map(lower_name_or_code).transpose()?;
    Ok(Removal { kind, name })
}

fn lower_rename_item(pair: Pair<'_, Rule>) -> Result<Renaming> {
    debug_assert_eq!(pair.as_rule(), Rule::rename_item);
    let mut inner = pair
        .into_inner()
        .skip(1)
        .filter(|p| p.as_rule() != Rule::kw_to);
    let kind = lower_item_kind(&next(&mut inner, "rename kind"));
    let from = lower_name_or_code(next(&mut inner, "rename from"))?;
    let to = lower_name_or_code(next(&mut inner, "rename to"))?;
    Ok(Renaming { kind, from, to })
}

/// The names of `remove` entries among a block's children.
fn lower_remove_entry(pair: Pair<'_, Rule>) -> Result<Ident> {
    debug_assert_eq!(pair.as_rule(), Rule::remove_entry);
    let (_, _, mut inner) = doc_and_rest(pair);
    let name = inner
        .nth(1)
        .unwrap_or_else(|| unreachable!("remove entry name"));
    lower_name_or_code(name)
}

fn lower_adjust(pair: Pair<'_, Rule>) -> Result<Adjust> {
    debug_assert_eq!(pair.as_rule(), Rule::adjust);
    let mut inner = pair.into_inner().skip(1);
    let code = lower_ident(&next(&mut inner, "adjust code"));
    let target_pair = next(&mut inner, "adjust target");
    let target = match target_pair
        .into_inner()
        .find(|p| p.as_rule() == Rule::ident)
    {
        Some(rows) => AdjustTarget::Score(lower_ident(&rows)),
        None => AdjustTarget::Total,
    };
    let mut condition = None;
    let mut formula = None;
    for child in inner {
        match child.as_rule() {
            Rule::check_when => {
                condition = Some(lower_expr(
                    next(&mut child.into_inner().skip(1), "when"),
                    0,
                )?);
            }
            Rule::expr => formula = Some(lower_expr(child, 0)?),
            r => unreachable!("unexpected {r:?} in lower_adjust"),
        }
    }
    let formula = formula.unwrap_or_else(|| unreachable!("adjust formula"));
    Ok(Adjust {
        code,
        target,
        condition,
        formula,
    })
}

fn lower_rating(pair: Pair<'_, Rule>) -> Result<Rating> {
    debug_assert_eq!(pair.as_rule(), Rule::rating);
    let mut rating = Rating::default();
    for child in pair.into_inner().skip(1) {
        match child.as_rule() {
            Rule::remove_entry => rating.removed.push(lower_remove_entry(child)?),
            Rule::rating_entry => {
                let (doc, span, mut inner) = doc_and_rest(child);
                let name = lower_name(next(&mut inner, "rating name"))?;
                let condition = inner
                    .find(|p| p.as_rule() == Rule::expr)
                    .map(|e| lower_expr(e, 0))
                    .transpose()?;
                rating.entries.push(RatingEntry {
                    doc,
                    name,
                    condition,
                    span,
                });
            }
            r => unreachable!("unexpected {r:?} in lower_rating"),
        }
    }
    Ok(rating)
}

fn lower_line(pair: Pair<'_, Rule>) -> Result<Line> {
    debug_assert_eq!(pair.as_rule(), Rule::line);
    let mut inner = pair.into_inner().skip(1);
    let key = lower_ident(&next(&mut inner, "line key"));
    let label = lower_string(next(&mut inner, "line label"))?;
    let mut line = Line {
        key,
        label,
        points: None,
        score_doc: Doc::default(),
        score: None,
    };
    for child in inner {
        match child.as_rule() {
            Rule::expr => line.points = Some(lower_expr(child, 0)?),
            Rule::line_score => {
                let (doc, _, mut inner) = doc_and_rest(child);
                let formula = inner
                    .find(|p| p.as_rule() == Rule::expr)
                    .unwrap_or_else(|| unreachable!("line formula"));
                line.score_doc = doc;
                line.score = Some(lower_expr(formula, 0)?);
            }
            r => unreachable!("unexpected {r:?} in lower_line"),
        }
    }
    Ok(line)
}

fn lower_constant(pair: Pair<'_, Rule>) -> Result<Constant> {
    debug_assert_eq!(pair.as_rule(), Rule::constant);
    let mut inner = pair.into_inner().skip(1);
    let name = lower_ident(&next(&mut inner, "constant name"));
    let value = lower_expr(next(&mut inner, "constant value"), 0)?;
    Ok(Constant { name, value })
}

// ───────────────────────────── HEADER ─────────────────────────────

fn lower_header(pair: Pair<'_, Rule>) -> Result<Header> {
    debug_assert_eq!(pair.as_rule(), Rule::header);
    let mut inner = pair
        .into_inner()
        .filter(|p| p.as_rule() != Rule::kw_ruleset);
    let name = lower_string(next(&mut inner, "header"))?;
    let mut extends = None;
    let mut entries = Vec::new();
    for child in inner {
        match child.as_rule() {
            Rule::extends => {
                extends = Some(lower_string(next(
                    &mut child.into_inner().skip(1),
                    "extends",
                ))?);
            }
            _ => entries.push(lower_header_entry(child)?),
        }
    }
    Ok(Header {
        name,
        extends,
        entries,
    })
}

fn lower_header_entry(pair: Pair<'_, Rule>) -> Result<HeaderEntry> {
    debug_assert_eq!(pair.as_rule(), Rule::header_entry);
    let (doc, span, mut inner) = doc_and_rest(pair);
    let entry = next(&mut inner, "header_entry");
    let rule = entry.as_rule();
    let value = next(&mut entry.into_inner().skip(1), "header entry value");
    let kind = match rule {
        Rule::version => HeaderEntryKind::Version(lower_string(value)?),
        Rule::fiscal_year => HeaderEntryKind::FiscalYear(lower_year(&value)?),
        Rule::cutoff => HeaderEntryKind::Cutoff(lower_date(&value)?),
        Rule::max_score => HeaderEntryKind::MaxScore(lower_expr(value, 0)?),
        r => unreachable!("unexpected {r:?} in lower_header_entry"),
    };
    Ok(HeaderEntry { doc, kind, span })
}

fn lower_year(pair: &Pair<'_, Rule>) -> Result<i32> {
    debug_assert_eq!(pair.as_rule(), Rule::number);
    let text = pair.as_str();
    text.parse::<i32>()
        .ok()
        .filter(|y| (1..=9999).contains(y))
        .ok_or_else(|| ParseError::InvalidYear {
            text: text.to_owned(),
            span: span_of(pair).into(),
        })
}

// ───────────────────────────── FORM ─────────────────────────────

fn lower_form(pair: Pair<'_, Rule>) -> Result<Form> {
    debug_assert_eq!(pair.as_rule(), Rule::form);
    let mut form = Form {
        sections: Vec::new(),
        removed: Vec::new(),
    };
    for child in pair.into_inner().skip(1) {
        match child.as_rule() {
            Rule::form_section => form.sections.push(lower_form_section(child)?),
            Rule::remove_entry => form.removed.push(lower_remove_entry(child)?),
            r => unreachable!("unexpected {r:?} in lower_form"),
        }
    }
    Ok(form)
}

fn lower_form_section(pair: Pair<'_, Rule>) -> Result<FormSection> {
    debug_assert_eq!(pair.as_rule(), Rule::form_section);
    let (doc, span, mut inner) = doc_and_rest(pair);
    let optional = inner
        .next_if(|p| p.as_rule() == Rule::optional_flag)
        .is_some();
    let rows = next(&mut inner, "form_section").as_rule() == Rule::kw_rows;
    let key = lower_ident(&next(&mut inner, "form_section key"));
    let label = lower_string(next(&mut inner, "form_section label"))?;
    let mut fields = Vec::new();
    let mut removed = Vec::new();
    for child in inner {
        match child.as_rule() {
            Rule::form_field => fields.push(lower_form_field(child)?),
            Rule::remove_entry => removed.push(lower_remove_entry(child)?),
            r => unreachable!("unexpected {r:?} in lower_form_section"),
        }
    }
    Ok(FormSection {
        doc,
        optional,
        rows,
        key,
        label,
        fields,
        removed,
        span,
    })
}

fn lower_form_field(pair: Pair<'_, Rule>) -> Result<FormField> {
    debug_assert_eq!(pair.as_rule(), Rule::form_field);
    let (doc, _, mut inner) = doc_and_rest(pair);
    let key = lower_ident(&next(&mut inner, "form_field key"));
    let optional = inner
        .next_if(|p| p.as_rule() == Rule::optional_flag)
        .is_some();
    let ty = lower_ident(&next(&mut inner, "form_field type"));
    let label = lower_string(next(&mut inner, "form_field label"))?;
    Ok(FormField {
        doc,
        key,
        optional,
        ty,
        label,
    })
}

// ───────────────────────── CATEGORIES AND POOLS ─────────────────────────

fn lower_category(pair: Pair<'_, Rule>) -> Result<Category> {
    debug_assert_eq!(pair.as_rule(), Rule::category);
    let mut inner = pair.into_inner().skip(1);
    let name = lower_ident(&next(&mut inner, "category name"));
    let mut category = Category {
        name,
        labels: Vec::new(),
        added_labels: Vec::new(),
        scored_by: None,
        aliases: Vec::new(),
        entry_docs: Vec::new(),
    };
    for entry in inner {
        let (doc, _, rest) = doc_and_rest(entry.clone());
        let values: Vec<_> = rest
            .skip_while(|p| {
                matches!(
                    p.as_rule(),
                    Rule::kw_add | Rule::kw_labels | Rule::kw_scored_by
                )
            })
            .collect();
        keep_doc(&mut category.entry_docs, doc, values.first());
        match entry.as_rule() {
            Rule::labels => {
                let added = entry
                    .clone()
                    .into_inner()
                    .any(|p| p.as_rule() == Rule::kw_add);
                let list = if added {
                    &mut category.added_labels
                } else {
                    &mut category.labels
                };
                for v in values.into_iter().filter(|v| v.as_rule() == Rule::string) {
                    list.push(lower_string(v)?);
                }
            }
            Rule::scored_by => {
                category.scored_by = values.first().map(lower_ident);
            }
            r => unreachable!("unexpected {r:?} in lower_category"),
        }
    }
    Ok(category)
}

fn lower_pool(pair: Pair<'_, Rule>) -> Result<Pool> {
    debug_assert_eq!(pair.as_rule(), Rule::pool);
    let mut inner = pair.into_inner().skip(1);
    let name = lower_ident(&next(&mut inner, "pool name"));
    let mut pool = Pool {
        name,
        points: None,
        categories: Vec::new(),
        splits: Vec::new(),
        entry_docs: Vec::new(),
    };
    for entry in inner {
        if !matches!(entry.as_rule(), Rule::expr | Rule::pool_categories) {
            let (doc, span, _) = doc_and_rest(entry.clone());
            if !doc.lines.is_empty() {
                pool.entry_docs.push((span, doc));
            }
        }
        match entry.as_rule() {
            Rule::expr => pool.points = Some(lower_expr(entry, 0)?),
            Rule::pool_categories => {
                let (doc, _, rest) = doc_and_rest(entry);
                let names: Vec<_> = rest.skip(1).collect();
                keep_doc(&mut pool.entry_docs, doc, names.first());
                pool.categories.extend(names.iter().map(lower_ident));
            }
            Rule::split_fixed => pool.splits.push(lower_split_fixed(entry)?),
            Rule::split_evenly => pool.splits.push(lower_split_evenly(entry)?),
            Rule::split_declared => pool.splits.push(Split::Declared {
                span: doc_and_rest(entry).1,
            }),
            r => unreachable!("unexpected {r:?} in lower_pool"),
        }
    }
    Ok(pool)
}

fn lower_split_fixed(pair: Pair<'_, Rule>) -> Result<Split> {
    debug_assert_eq!(pair.as_rule(), Rule::split_fixed);
    let (_, span, inner) = doc_and_rest(pair);
    let catalog = inner
        .filter(|p| p.as_rule() == Rule::catalog_category)
        .map(lower_catalog_category)
        .collect::<Result<_>>()?;
    Ok(Split::Fixed { catalog, span })
}

fn lower_catalog_category(pair: Pair<'_, Rule>) -> Result<CatalogCategory> {
    debug_assert_eq!(pair.as_rule(), Rule::catalog_category);
    let (doc, _, mut inner) = doc_and_rest(pair);
    let category = lower_ident(&next(&mut inner, "catalog category"));
    let mut entries = Vec::new();
    let mut removed = Vec::new();
    for child in inner {
        match child.as_rule() {
            Rule::catalog_entry => entries.push(lower_catalog_entry(child)?),
            Rule::remove_entry => removed.push(lower_remove_entry(child)?),
            r => unreachable!("unexpected {r:?} in lower_catalog_category"),
        }
    }
    Ok(CatalogCategory {
        doc,
        category,
        entries,
        removed,
    })
}

fn lower_catalog_entry(pair: Pair<'_, Rule>) -> Result<CatalogEntry> {
    debug_assert_eq!(pair.as_rule(), Rule::catalog_entry);
    let (doc, _, mut inner) = doc_and_rest(pair);
    let name = lower_name(next(&mut inner, "catalog entry name"))?;
    let weight = lower_expr(next(&mut inner, "catalog entry weight"), 0)?;
    let class = inner
        .next()
        .and_then(|clause| clause.into_inner().nth(1))
        .map(|class| lower_ident(&class));
    Ok(CatalogEntry {
        doc,
        name,
        weight,
        class,
    })
}

fn lower_split_evenly(pair: Pair<'_, Rule>) -> Result<Split> {
    debug_assert_eq!(pair.as_rule(), Rule::split_evenly);
    let (_, span, inner) = doc_and_rest(pair);
    let mut share = None;
    let mut residual = None;
    for child in inner {
        match child.as_rule() {
            Rule::kw_split | Rule::kw_evenly => {}
            Rule::share_rounding => share = Some(lower_rounding(child)?),
            Rule::residual_rule => residual = Some(lower_residual_rule(child)),
            r => unreachable!("unexpected {r:?} in lower_split_evenly"),
        }
    }
    Ok(Split::Evenly {
        share,
        residual,
        span,
    })
}

fn lower_residual_rule(pair: Pair<'_, Rule>) -> Residual {
    debug_assert_eq!(pair.as_rule(), Rule::residual_rule);
    let (doc, span, inner) = doc_and_rest(pair);
    let mut rule = ResidualRule::First;
    for child in inner {
        match child.as_rule() {
            Rule::kw_residual | Rule::kw_to | Rule::kw_first => {}
            Rule::kw_last => rule = ResidualRule::Last,
            Rule::kw_none => rule = ResidualRule::Nobody,
            Rule::residual_matching => {
                let fallback_last = child.into_inner().any(|p| p.as_rule() == Rule::kw_last);
                rule = ResidualRule::Matching { fallback_last };
            }
            r => unreachable!("unexpected {r:?} in lower_residual_rule"),
        }
    }
    Residual { doc, rule, span }
}

// ───────────────────────────── SCORING ─────────────────────────────

fn lower_class(pair: Pair<'_, Rule>) -> Result<Class> {
    debug_assert_eq!(pair.as_rule(), Rule::class);
    let mut inner = pair.into_inner().skip(1);
    let name = lower_ident(&next(&mut inner, "class name"));
    let rules = inner.map(lower_class_rule).collect::<Result<_>>()?;
    Ok(Class { name, rules })
}

fn lower_class_rule(pair: Pair<'_, Rule>) -> Result<ClassRule> {
    let rule = pair.as_rule();
    if rule == Rule::completion {
        let completion = lower_completion(pair)?;
        return Ok(ClassRule {
            doc: Doc::default(),
            span: completion.span,
            kind: ClassRuleKind::Completion(completion),
        });
    }
    let (doc, span, inner) = doc_and_rest(pair);
    let children: Vec<_> = inner.collect();
    if rule == Rule::labels {
        let words = children
            .into_iter()
            .filter(|p| p.as_rule() == Rule::string)
            .map(lower_string)
            .collect::<Result<_>>()?;
        let kind = ClassRuleKind::Labels(words);
        return Ok(ClassRule { doc, kind, span });
    }
    if let Some(deduction) = children.iter().find(|p| p.as_rule() == Rule::deduction) {
        let deduction = lower_deduction(deduction.clone())?;
        let kind = if rule == Rule::below_rule {
            ClassRuleKind::Below(deduction)
        } else {
            ClassRuleKind::Above(deduction)
        };
        return Ok(ClassRule { doc, kind, span });
    }
    if rule == Rule::score_rule {
        let formula = children
            .into_iter()
            .find(|p| p.as_rule() == Rule::expr)
            .unwrap_or_else(|| unreachable!("score formula"));
        let kind = ClassRuleKind::Score(lower_expr(formula, 0)?);
        return Ok(ClassRule { doc, kind, span });
    }
    let (values, ends) = lower_range(children)?;
    let mut values = values.into_iter();
    let mut value = |what| {
        values
            .next()
            .unwrap_or_else(|| unreachable!("missing {what}"))
    };
    let kind = match rule {
        Rule::full_band => {
            let lower = value("lower edge");
            let upper = values.next();
            ClassRuleKind::Full { lower, upper, ends }
        }
        Rule::floor_rule => ClassRuleKind::Floor(value("floor")),
        Rule::cap_rule => ClassRuleKind::Cap(value("cap")),
        r => unreachable!("unexpected {r:?} in lower_class_rule"),
    };
    Ok(ClassRule { doc, kind, span })
}

/// The values of a range and how its ends are written, from the pairs that follow its
/// keyword or name: `LOW [MARK] to HIGH [MARK]`, `[LOW, HIGH)`, `from LOW [MARK]`, or a
/// single value. Other pairs (a grade's aliases) are passed over.
fn lower_range<'i>(pairs: impl IntoIterator<Item = Pair<'i, Rule>>) -> Result<(Vec<Expr>, Ends)> {
    let mut values = Vec::new();
    let mut ends = Ends::default();
    for pair in pairs {
        match pair.as_rule() {
            Rule::expr_atom => values.push(lower_expr(pair, 0)?),
            Rule::end_mark => {
                let end = end_of_mark(pair);
                if values.len() > 1 {
                    ends.high = end;
                } else {
                    ends.low = end;
                }
            }
            Rule::bracketed => {
                ends.brackets = true;
                for part in pair.into_inner() {
                    let open = part.as_str() == "(" || part.as_str() == ")";
                    let end = if open { End::Exclusive } else { End::Inclusive };
                    match part.as_rule() {
                        Rule::range_open => ends.low = end,
                        Rule::range_close => ends.high = end,
                        _ => values.push(lower_expr(part, 0)?),
                    }
                }
            }
            _ => {}
        }
    }
    Ok((values, ends))
}

/// `含` or `不含` (`inclusive`, `exclusive`), bare or in parentheses.
fn end_of_mark(pair: Pair<'_, Rule>) -> End {
    let exclusive = pair.into_inner().any(|p| p.as_rule() == Rule::kw_exclusive);
    if exclusive {
        End::Exclusive
    } else {
        End::Inclusive
    }
}

/// `deduct RATE per STEP`, or `per STEP deduct RATE` (the Chinese order 每…扣…).
fn lower_deduction(pair: Pair<'_, Rule>) -> Result<Deduction> {
    debug_assert_eq!(pair.as_rule(), Rule::deduction);
    let rate_first = pair.clone().into_inner().next().map(|p| p.as_rule()) == Some(Rule::kw_deduct);
    let mut values = pair
        .into_inner()
        .filter(|p| p.as_rule() == Rule::expr_atom)
        .map(|p| lower_expr(p, 0));
    let mut value = || {
        values
            .next()
            .unwrap_or_else(|| unreachable!("deduction value"))
    };
    let (first, second) = (value()?, value()?);
    Ok(if rate_first {
        Deduction {
            rate: first,
            per: second,
        }
    } else {
        Deduction {
            rate: second,
            per: first,
        }
    })
}

fn lower_completion(pair: Pair<'_, Rule>) -> Result<Completion> {
    debug_assert_eq!(pair.as_rule(), Rule::completion);
    let (_, span, inner) = doc_and_rest(pair);
    let cases = inner
        .filter(|p| p.as_rule() == Rule::completion_case)
        .map(lower_completion_case)
        .collect::<Result<_>>()?;
    Ok(Completion { cases, span })
}

fn lower_completion_case(pair: Pair<'_, Rule>) -> Result<CompletionCase> {
    debug_assert_eq!(pair.as_rule(), Rule::completion_case);
    let (doc, _, inner) = doc_and_rest(pair);
    let mut comparators = Vec::new();
    let mut formula = None;
    for child in inner {
        match child.as_rule() {
            Rule::comparator => {
                comparators.push((lower_comparator(child.as_str()), span_of(&child)))
            }
            Rule::expr => formula = Some(lower_expr(child, 0)?),
            r => unreachable!("unexpected {r:?} in lower_completion_case"),
        }
    }
    let formula = formula.unwrap_or_else(|| unreachable!("completion case without formula"));
    Ok(CompletionCase {
        doc,
        comparators,
        formula,
    })
}

fn lower_comparator(text: &str) -> Comparator {
    match text {
        ">=" => Comparator::Ge,
        ">" => Comparator::Gt,
        "<=" => Comparator::Le,
        "<" => Comparator::Lt,
        "=" => Comparator::Eq,
        other => unreachable!("unexpected comparator {other:?}"),
    }
}

fn lower_comparators(pair: Pair<'_, Rule>) -> Result<Vec<ComparatorWords>> {
    debug_assert_eq!(pair.as_rule(), Rule::comparators);
    pair.into_inner()
        .filter(|p| p.as_rule() == Rule::comparator_words)
        .map(lower_comparator_words)
        .collect()
}

fn lower_comparator_words(pair: Pair<'_, Rule>) -> Result<ComparatorWords> {
    debug_assert_eq!(pair.as_rule(), Rule::comparator_words);
    let (doc, _, mut inner) = doc_and_rest(pair);
    let op = next(&mut inner, "comparator");
    let mut words = ComparatorWords {
        doc,
        comparator: lower_comparator(op.as_str()),
        span: span_of(&op),
        before: Vec::new(),
        after: Vec::new(),
    };
    for list in inner {
        let rule = list.as_rule();
        let texts = strings_of(list)?;
        match rule {
            Rule::words_before => words.before = texts,
            Rule::words_after => words.after = texts,
            r => unreachable!("unexpected {r:?} in lower_comparator_words"),
        }
    }
    Ok(words)
}

/// The strings among a pair's children.
fn strings_of(pair: Pair<'_, Rule>) -> Result<Vec<Text>> {
    pair.into_inner()
        .filter(|p| p.as_rule() == Rule::string)
        .map(lower_string)
        .collect()
}

fn lower_grades(pair: Pair<'_, Rule>) -> Result<Grades> {
    debug_assert_eq!(pair.as_rule(), Rule::grades);
    let mut grades = Grades {
        grades: Vec::new(),
        target: Vec::new(),
        read_from: Vec::new(),
        removed: Vec::new(),
        entry_docs: Vec::new(),
    };
    for child in pair.into_inner().skip(1) {
        match child.as_rule() {
            Rule::grade => grades.grades.push(lower_grade(child)?),
            Rule::remove_entry => grades.removed.push(lower_remove_entry(child)?),
            Rule::read_from => {
                let (doc, _, inner) = doc_and_rest(child);
                let names: Vec<_> = inner.skip(1).collect();
                keep_doc(&mut grades.entry_docs, doc, names.first());
                grades.read_from.extend(names.iter().map(lower_ident));
            }
            Rule::target_grade => {
                let (doc, span, inner) = doc_and_rest(child);
                let name = inner
                    .last()
                    .unwrap_or_else(|| unreachable!("target grade name"));
                grades.target.push(TargetGrade {
                    doc,
                    grade: lower_name(name)?,
                    span,
                });
            }
            r => unreachable!("unexpected {r:?} in lower_grades"),
        }
    }
    Ok(grades)
}

fn lower_grade(pair: Pair<'_, Rule>) -> Result<Grade> {
    debug_assert_eq!(pair.as_rule(), Rule::grade);
    let (doc, _, mut inner) = doc_and_rest(pair);
    let name = lower_name(next(&mut inner, "grade name"))?;
    let (rest, aliases): (Vec<_>, Vec<_>) = inner.partition(|p| p.as_rule() != Rule::grade_aliases);
    let (values, ends) = lower_range(rest)?;
    let mut values = values.into_iter();
    let share = values.next().unwrap_or_else(|| unreachable!("grade share"));
    let aliases = match aliases.into_iter().next() {
        Some(list) => strings_of(list)?,
        None => Vec::new(),
    };
    Ok(Grade {
        doc,
        name,
        share,
        up_to: values.next(),
        ends,
        aliases,
    })
}

fn lower_missing(pair: Pair<'_, Rule>) -> Result<Missing> {
    debug_assert_eq!(pair.as_rule(), Rule::missing);
    let mut entries = Vec::new();
    for child in pair.into_inner().skip(1) {
        let rule = child.as_rule();
        let (doc, span, inner) = doc_and_rest(child);
        let values: Vec<_> = inner.collect();
        let kind = match rule {
            Rule::markers => MissingEntryKind::Markers(
                values
                    .into_iter()
                    .filter(|p| p.as_rule() == Rule::string)
                    .map(lower_string)
                    .collect::<Result<_>>()?,
            ),
            Rule::unexplained | Rule::explained => {
                let share = values
                    .into_iter()
                    .find(|p| p.as_rule() == Rule::expr_atom)
                    .unwrap_or_else(|| unreachable!("missing share"));
                let share = lower_expr(share, 0)?;
                if rule == Rule::unexplained {
                    MissingEntryKind::Unexplained(share)
                } else {
                    MissingEntryKind::Explained(share)
                }
            }
            r => unreachable!("unexpected {r:?} in lower_missing"),
        };
        entries.push(MissingEntry { doc, kind, span });
    }
    Ok(Missing { entries })
}

fn lower_layout(pair: Pair<'_, Rule>) -> Result<Layout> {
    debug_assert_eq!(pair.as_rule(), Rule::layout);
    let mut entries = Vec::new();
    for child in pair.into_inner().skip(1) {
        let kind = match child.as_rule() {
            Rule::ignore_words => LayoutWords::Ignore,
            Rule::total_words => LayoutWords::Totals,
            Rule::column_words => LayoutWords::Labels,
            r => unreachable!("unexpected {r:?} in lower_layout"),
        };
        let (doc, span, inner) = doc_and_rest(child);
        let mut field = None;
        let mut words = Vec::new();
        for p in inner {
            match p.as_rule() {
                Rule::section_key => {
                    field = Some(Text {
                        value: p.as_str().to_owned(),
                        span: span_of(&p),
                    });
                }
                Rule::string => words.push(lower_string(p)?),
                _ => {}
            }
        }
        entries.push(LayoutEntry {
            doc,
            kind,
            field,
            words,
            span,
        });
    }
    Ok(Layout { entries })
}

fn lower_rounding(pair: Pair<'_, Rule>) -> Result<Rounding> {
    debug_assert!(matches!(
        pair.as_rule(),
        Rule::rounding | Rule::share_rounding
    ));
    let span = span_of(&pair);
    let mut inner = pair.into_inner().skip(1);
    let step_pair = next(&mut inner, "rounding step");
    let step = lower_decimal(&step_pair)?;
    let mode_pair = next(&mut inner, "rounding mode");
    let mode_name = mode_pair.as_str();
    let mode =
        RoundingMode::from_name(mode_name).ok_or_else(|| ParseError::UnknownRoundingMode {
            name: mode_name.to_owned(),
            span: span_of(&mode_pair).into(),
            help: suggest::did_you_mean(
                mode_name,
                RoundingMode::NAMES
                    .iter()
                    .flat_map(|(en, zh, _)| [*en, *zh]),
            )
            .unwrap_or_else(|| t!(PARSE_UNKNOWN_ROUNDING_MODE_LIST)),
        })?;
    Ok(Rounding {
        step,
        step_span: span_of(&step_pair),
        mode,
        span,
    })
}

fn lower_discard(pair: Pair<'_, Rule>) -> Result<Discard> {
    debug_assert_eq!(pair.as_rule(), Rule::discard);
    let mut inner = pair.into_inner().filter(|p| {
        !matches!(
            p.as_rule(),
            Rule::kw_discard | Rule::kw_actual | Rule::kw_when
        )
    });
    let condition = lower_expr(next(&mut inner, "discard condition"), 0)?;
    let code = lower_ident(&next(&mut inner, "discard code"));
    let severity_pair = next(&mut inner, "discard severity");
    let (severity, severity_span) = lower_severity(&severity_pair)?;
    let message = inner.next().map(lower_template).transpose()?;
    Ok(Discard {
        condition,
        finding: FindingSpec {
            code,
            severity,
            severity_span,
            message,
        },
    })
}

fn lower_severity(pair: &Pair<'_, Rule>) -> Result<(Severity, Span)> {
    debug_assert_eq!(pair.as_rule(), Rule::severity);
    let name = pair.as_str();
    let span = span_of(pair);
    let severity = Severity::from_name(name).ok_or_else(|| ParseError::UnknownSeverity {
        name: name.to_owned(),
        span: span.into(),
        help: suggest::did_you_mean(name, ["error", "warning", "info", "错误", "警告", "提示"])
            .unwrap_or_else(|| t!(PARSE_UNKNOWN_SEVERITY_LIST)),
    })?;
    Ok((severity, span))
}

// ───────────────────────────── CHECKS ─────────────────────────────

fn lower_check(pair: Pair<'_, Rule>) -> Result<Check> {
    debug_assert_eq!(pair.as_rule(), Rule::check);
    let mut inner = pair.into_inner().skip(1);
    let code = lower_ident(&next(&mut inner, "check code"));
    let (severity, severity_span) = lower_severity(&next(&mut inner, "check severity"))?;
    let mut check = Check {
        finding: FindingSpec {
            code,
            severity,
            severity_span,
            message: None,
        },
        rows: None,
        condition: None,
        assertion: None,
        at: None,
    };
    for child in inner {
        let rule = child.as_rule();
        let value = || next(&mut child.clone().into_inner().skip(1), "check clause");
        match rule {
            Rule::check_rows => check.rows = Some(lower_ident(&value())),
            Rule::check_when => check.condition = Some(lower_expr(value(), 0)?),
            Rule::check_body => lower_check_body(child, &mut check)?,
            r => unreachable!("unexpected {r:?} in lower_check"),
        }
    }
    Ok(check)
}

fn lower_check_body(pair: Pair<'_, Rule>, check: &mut Check) -> Result<()> {
    debug_assert_eq!(pair.as_rule(), Rule::check_body);
    for child in pair.into_inner() {
        let rule = child.as_rule();
        let value = || next(&mut child.clone().into_inner().skip(1), "check clause");
        match rule {
            Rule::expr => check.assertion = Some(lower_expr(child, 0)?),
            Rule::check_message => check.finding.message = Some(lower_template(value())?),
            Rule::check_at => check.at = Some(lower_expr(value(), 0)?),
            r => unreachable!("unexpected {r:?} in lower_check_body"),
        }
    }
    Ok(())
}

fn lower_template(pair: Pair<'_, Rule>) -> Result<Template> {
    debug_assert_eq!(pair.as_rule(), Rule::template);
    let span = span_of(&pair);
    let mut parts = Vec::new();
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::template_text => parts.push(TemplatePart::Text(unescape(&child)?)),
            Rule::template_hole => {
                let expr = next(&mut child.into_inner(), "template hole");
                parts.push(TemplatePart::Hole(lower_expr(expr, 0)?));
            }
            r => unreachable!("unexpected {r:?} in lower_template"),
        }
    }
    Ok(Template { parts, span })
}

fn lower_findings(pair: Pair<'_, Rule>) -> Result<Findings> {
    debug_assert_eq!(pair.as_rule(), Rule::findings);
    let mut findings = Findings::default();
    for entry in pair.into_inner().skip(1) {
        if entry.as_rule() == Rule::remove_entry {
            findings.removed.push(lower_remove_entry(entry)?);
            continue;
        }
        let (doc, span, mut inner) = doc_and_rest(entry);
        let code = lower_ident(&next(&mut inner, "finding code"));
        let (severity, _) = lower_severity(&next(&mut inner, "finding severity"))?;
        let rename = inner
            .find(|p| p.as_rule() == Rule::code)
            .map(|p| lower_ident(&p));
        findings.entries.push(FindingSeverity {
            doc,
            code,
            severity,
            rename,
            span,
        });
    }
    Ok(findings)
}

// ───────────────────────────── EXPRESSIONS ─────────────────────────────

/// Lowers `expr` or `expr_atom` whose tree starts `depth` levels down.
///
/// The operators of one expression add at most one level each, so the tree below is at
/// most `operators` levels deeper than its deepest operand; operands are lowered at that
/// depth, which bounds the whole tree by [`MAX_DEPTH`].
pub(crate) fn lower_expr(pair: Pair<'_, Rule>, depth: usize) -> Result<Expr> {
    debug_assert!(matches!(pair.as_rule(), Rule::expr | Rule::expr_atom));
    let operators = pair
        .clone()
        .into_inner()
        .filter(|p| is_operator(p.as_rule()))
        .count();
    let depth = depth + operators + 1;
    if depth > MAX_DEPTH {
        // The expression's first character: the whole of one this deep runs to
        // thousands of characters, which a snippet would print whole.
        let start = span_of(&pair).start as usize;
        let first = pair.as_str().chars().next().map_or(0, char::len_utf8);
        return Err(ParseError::TooDeep {
            limit: Some(MAX_DEPTH),
            span: Span::new(start, start + first).into(),
        });
    }
    PRATT
        .map_primary(|p| lower_term(p, depth))
        .map_prefix(|op, operand| {
            let operand = operand?;
            let kind = match op.as_rule() {
                Rule::op_not => UnaryOp::Not,
                Rule::op_neg => UnaryOp::Neg,
                r => unreachable!("unexpected {r:?} as prefix"),
            };
            let span = span_of(&op).to(operand.span);
            Ok(Expr {
                kind: ExprKind::Unary(kind, Box::new(operand)),
                span,
            })
        })
        .map_postfix(|base, op| lower_postfix(base?, op, depth))
        .map_infix(|left, op, right| {
            let (left, right) = (left?, right?);
            let span = left.span.to(right.span);
            Ok(Expr {
                kind: ExprKind::Binary(binary_op(op.as_rule()), Box::new(left), Box::new(right)),
                span,
            })
        })
        .parse(pair.into_inner())
}

fn is_operator(rule: Rule) -> bool {
    !matches!(
        rule,
        Rule::literal | Rule::ident | Rule::paren | Rule::if_expr | Rule::call | Rule::outer_field
    )
}

fn binary_op(rule: Rule) -> BinaryOp {
    match rule {
        Rule::op_or => BinaryOp::Or,
        Rule::op_and => BinaryOp::And,
        Rule::op_eq => BinaryOp::Eq,
        Rule::op_ne => BinaryOp::Ne,
        Rule::op_lt => BinaryOp::Lt,
        Rule::op_le => BinaryOp::Le,
        Rule::op_gt => BinaryOp::Gt,
        Rule::op_ge => BinaryOp::Ge,
        Rule::op_add => BinaryOp::Add,
        Rule::op_sub => BinaryOp::Sub,
        Rule::op_mul => BinaryOp::Mul,
        Rule::op_div => BinaryOp::Div,
        r => unreachable!("unexpected {r:?} as infix"),
    }
}

fn lower_postfix(base: Expr, op: Pair<'_, Rule>, depth: usize) -> Result<Expr> {
    let span = base.span.to(span_of(&op));
    let rule = op.as_rule();
    let inner = next(&mut op.into_inner(), "postfix");
    let kind = match rule {
        Rule::member => ExprKind::Member(Box::new(base), lower_ident(&inner)),
        Rule::filter => ExprKind::Filter(Box::new(base), Box::new(lower_expr(inner, depth + 1)?)),
        r => unreachable!("unexpected {r:?} as postfix"),
    };
    Ok(Expr { kind, span })
}

fn lower_term(pair: Pair<'_, Rule>, depth: usize) -> Result<Expr> {
    let span = span_of(&pair);
    let kind = match pair.as_rule() {
        Rule::ident => ExprKind::Name(lower_ident(&pair)),
        Rule::outer_field => {
            let field = next(&mut pair.into_inner().skip(1), "outer field");
            ExprKind::Outer(lower_ident(&field))
        }
        Rule::literal => ExprKind::Literal(lower_literal(next(&mut pair.into_inner(), "literal"))?),
        Rule::paren => return lower_expr(next(&mut pair.into_inner(), "paren"), depth + 1),
        Rule::if_expr => {
            let mut parts = pair
                .into_inner()
                .filter(|p| p.as_rule() == Rule::expr)
                .map(|p| lower_expr(p, depth + 1));
            let mut part = || parts.next().unwrap_or_else(|| unreachable!("if part"));
            let (c, a, b) = (part()?, part()?, part()?);
            ExprKind::If(Box::new(c), Box::new(a), Box::new(b))
        }
        Rule::call => {
            let mut inner = pair.into_inner();
            let name = lower_ident(&next(&mut inner, "call name"));
            let args = inner
                .map(|p| lower_expr(p, depth + 1))
                .collect::<Result<_>>()?;
            ExprKind::Call(name, args)
        }
        r => unreachable!("unexpected {r:?} in lower_term"),
    };
    Ok(Expr { kind, span })
}

fn lower_literal(pair: Pair<'_, Rule>) -> Result<Literal> {
    Ok(match pair.as_rule() {
        Rule::number => Literal::Number(lower_decimal(&pair)?),
        Rule::percent => {
            let number = next(&mut pair.clone().into_inner(), "percent number");
            Literal::Percent(percent_ratio(lower_decimal(&number)?, &pair)?)
        }
        Rule::points => Literal::Points(lower_decimal(&next(&mut pair.into_inner(), "points"))?),
        Rule::amount => Literal::Amount(lower_decimal(&next(&mut pair.into_inner(), "amount"))?),
        Rule::date => Literal::Date(lower_date(&pair)?),
        Rule::string => Literal::Text(lower_string(pair)?.value),
        Rule::boolean => {
            Literal::Bool(next(&mut pair.into_inner(), "boolean").as_rule() == Rule::kw_true)
        }
        r => unreachable!("unexpected {r:?} in lower_literal"),
    })
}

/// `5` percent as the ratio 0.05, exactly: the scale grows by two.
fn percent_ratio(number: Decimal, pair: &Pair<'_, Rule>) -> Result<Decimal> {
    let mut ratio = number;
    ratio
        .set_scale(number.scale() + 2)
        .map_err(|_| ParseError::NumberOutOfRange {
            text: pair.as_str().to_owned(),
            span: span_of(pair).into(),
        })?;
    Ok(ratio)
}

fn lower_decimal(pair: &Pair<'_, Rule>) -> Result<Decimal> {
    debug_assert_eq!(pair.as_rule(), Rule::number);
    // Past the digits a sum keeps exact, a number is out of range though a decimal
    // holds it (see `value::exact::MOST_DIGITS_READ`).
    Decimal::from_str_exact(pair.as_str())
        .ok()
        .filter(|d| crate::value::exact::readable(*d))
        .ok_or_else(|| ParseError::NumberOutOfRange {
            text: pair.as_str().to_owned(),
            span: span_of(pair).into(),
        })
}

fn lower_date(pair: &Pair<'_, Rule>) -> Result<Date> {
    debug_assert_eq!(pair.as_rule(), Rule::date);
    let invalid = |reason| ParseError::InvalidDate {
        text: pair.as_str().to_owned(),
        reason,
        span: span_of(pair).into(),
    };
    let date = Date::from_str(pair.as_str())
        .map_err(|e| invalid(crate::i18n::date_reason(pair.as_str(), &e)))?;
    // The calendar has a year 0 (1 BC); no fiscal year does, as `fiscal_year 0` says.
    if date.year() < 1 {
        return Err(invalid(t!(DATE_NO_YEAR_ZERO)));
    }
    Ok(date)
}

fn lower_ident(pair: &Pair<'_, Rule>) -> Ident {
    Ident {
        name: pair.as_str().to_owned(),
        span: span_of(pair),
    }
}

/// A `name`: an identifier or a quoted text.
fn lower_name(pair: Pair<'_, Rule>) -> Result<Ident> {
    debug_assert_eq!(pair.as_rule(), Rule::name);
    let inner = next(&mut pair.into_inner(), "name");
    match inner.as_rule() {
        Rule::ident => Ok(lower_ident(&inner)),
        Rule::string => {
            let text = lower_string(inner)?;
            Ok(Ident {
                name: text.value,
                span: text.span,
            })
        }
        r => unreachable!("unexpected {r:?} in lower_name"),
    }
}

fn lower_string(pair: Pair<'_, Rule>) -> Result<Text> {
    debug_assert_eq!(pair.as_rule(), Rule::string);
    let span = span_of(&pair);
    let inner = next(&mut pair.into_inner(), "string");
    let value = match inner.as_rule() {
        Rule::string_inner => unescape(&inner)?,
        Rule::cn_string_inner => inner.as_str().to_owned(),
        r => unreachable!("unexpected {r:?} in lower_string"),
    };
    Ok(Text { value, span })
}

/// Resolves `\"`, `\\`, `\n`, `\t`, `\{` and `\}`.
fn unescape(pair: &Pair<'_, Rule>) -> Result<String> {
    let text = pair.as_str();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let escaped = chars.next().map(|(_, e)| e);
        match escaped {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('{') => out.push('{'),
            Some('}') => out.push('}'),
            other => {
                let start = span_of(pair).start as usize + i;
                let len = 1 + other.map_or(0, char::len_utf8);
                return Err(ParseError::InvalidEscape {
                    text: text.get(i..i + len).unwrap_or("\\").to_owned(),
                    span: Span::new(start, start + len).into(),
                });
            }
        }
    }
    Ok(out)
}
