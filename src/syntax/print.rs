//! Printing: a syntax tree back to ruleset text.
//!
//! [`print()`] writes the canonical layout: English keywords, two-space indentation, one
//! item per paragraph, and every `//!` and `///` doc line where the grammar keeps it.
//! What it prints parses back to the same tree, spans aside: expressions get exactly the
//! parentheses the Pratt parser of `lower` needs (plus one kind for readability, see
//! `Ctx::if_head`), names are quoted where a bare word would read differently, and
//! numbers keep the digits they were written with.
//!
//! One `print_<node>` per node type; expressions are printed by free functions into a
//! `String`, since they always fit on one line.

use pest::Parser as _;
use rust_decimal::Decimal;

use super::ast::{
    Adjust, AdjustTarget, BinaryOp, CatalogCategory, CatalogEntry, Category, Check, Class,
    ClassRule, ClassRuleKind, ComparatorWords, Completion, CompletionCase, Deduction, Discard, Doc,
    Expr, ExprKind, FindingSeverity, Findings, Form, FormField, FormSection, Grade, Grades, Header,
    HeaderEntry, HeaderEntryKind, Ident, Item, ItemKind, ItemKindName, Layout, LayoutWords, Line,
    Literal, Missing, MissingEntry, MissingEntryKind, Mode, Pool, Rating, RatingEntry, Removal,
    Renaming, Residual, ResidualRule, Rounding, RoundingMode, Ruleset, Split, TargetGrade,
    Template, TemplatePart, Text, UnaryOp,
};
use super::grammar::{Grammar, Rule};
use crate::source::Span;

/// Prints a ruleset in the canonical layout. `origin` gives, for a span, the text to
/// show as its origin (such as `rulesets/2023.rules:162`), or None to show none.
///
/// An item whose span has an origin gets a `// from …` line before it (after its doc
/// comment); an entry with a span of its own (a header entry, form section, split,
/// class rule, comparator, grade, missing entry, catalog entry, rating entry or finding
/// entry) gets a trailing `// from …` where it comes from another file than its item.
///
/// Every tree [`parse`](crate::parse) yields prints to text that parses back to it,
/// spans aside. A tree built or merged by other means prints to valid text as long as
/// it could have been parsed: names in places that take only a bare name must be
/// names, lists the grammar requires to be non-empty must not be empty, and so on.
#[must_use]
pub fn print(ruleset: &Ruleset, origin: &dyn Fn(Span) -> Option<String>) -> String {
    let mut printer = Printer {
        out: String::new(),
        indent: 0,
        origin,
        item_origin: None,
    };
    printer.print_ruleset(ruleset);
    printer.out
}

/// The text being written, and where.
struct Printer<'a> {
    out: String,
    indent: usize,
    origin: &'a dyn Fn(Span) -> Option<String>,
    /// The origin printed for the current item, which its entries are compared with.
    item_origin: Option<String>,
}

// ───────────────────────────── LAYOUT ─────────────────────────────

impl Printer<'_> {
    /// One line at the current indentation.
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// One line, with a trailing `// from …` where the span's origin is not the item's.
    fn entry(&mut self, text: &str, span: Option<Span>) {
        match span.and_then(|s| self.entry_origin(s)) {
            Some(origin) => self.line(&format!("{text} // from {origin}")),
            None => self.line(text),
        }
    }

    fn entry_origin(&self, span: Span) -> Option<String> {
        let origin = one_line((self.origin)(span)?);
        // An entry is marked only where it comes from another file than its item (an
        // override): lines always differ, files tell what changed.
        let file = |o: &str| {
            o.rsplit_once(':')
                .map_or(o.to_owned(), |(f, _)| f.to_owned())
        };
        let same_file = self
            .item_origin
            .as_deref()
            .is_some_and(|i| file(i) == file(&origin));
        (!same_file).then_some(origin)
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn print_doc(&mut self, doc: &Doc) {
        for text in &doc.lines {
            self.line(&doc_line("///", text));
        }
    }

    /// `head { … }`, with the body one level in; `head {}` where the body is empty.
    fn block(&mut self, head: &str, span: Option<Span>, body: impl FnOnce(&mut Self)) {
        let start = self.out.len();
        self.entry(&format!("{head} {{"), span);
        let after_head = self.out.len();
        self.indent += 1;
        body(self);
        self.indent = self.indent.saturating_sub(1);
        if self.out.len() == after_head {
            self.out.truncate(start);
            self.entry(&format!("{head} {{}}"), span);
        } else {
            self.line("}");
        }
    }

    /// `remove NAME` entries of an override block.
    fn print_removed(&mut self, removed: &[Ident]) {
        for name in removed {
            self.line(&format!("remove {}", entry_name(name)));
        }
    }
}

/// A doc line as written: the marker, and the text after one space.
fn doc_line(marker: &str, text: &str) -> String {
    if text.is_empty() {
        marker.to_owned()
    } else {
        format!("{marker} {text}")
    }
}

/// An origin on one line, so that it stays inside its `//` comment.
fn one_line(text: String) -> String {
    if text.contains(['\n', '\r']) {
        text.replace(['\n', '\r'], " ")
    } else {
        text
    }
}

// ───────────────────────────── ITEMS ─────────────────────────────

impl Printer<'_> {
    fn print_ruleset(&mut self, ruleset: &Ruleset) {
        for text in &ruleset.doc.lines {
            self.line(&doc_line("//!", text));
        }
        for item in &ruleset.items {
            if !self.out.is_empty() {
                self.blank();
            }
            self.print_item(item);
        }
    }

    fn print_item(&mut self, item: &Item) {
        self.print_doc(&item.doc);
        self.item_origin = (self.origin)(item.span).map(one_line);
        if let Some(origin) = self.item_origin.clone() {
            self.line(&format!("// from {origin}"));
        }
        let kw = match item.mode {
            Mode::Define => "",
            Mode::Override => "override ",
        };
        match &item.kind {
            ItemKind::Header(header) => self.print_header(kw, header),
            ItemKind::Form(form) => self.print_form(kw, form),
            ItemKind::Category(category) => self.print_category(kw, category),
            ItemKind::Pool(pool) => self.print_pool(kw, pool),
            ItemKind::Class(class) => self.print_class(kw, class),
            ItemKind::Completion(completion) => self.print_completion(kw, completion, None),
            ItemKind::Comparators(words) => self.print_comparators(kw, words),
            ItemKind::Grades(grades) => self.print_grades(kw, grades),
            ItemKind::Missing(missing) => self.print_missing(kw, missing),
            ItemKind::Layout(layout) => self.print_layout(kw, layout),
            ItemKind::Rounding(rounding) => {
                self.line(&format!("{kw}rounding {}", print_rounding(rounding)));
            }
            ItemKind::Discard(discard) => self.line(&format!("{kw}{}", print_discard(discard))),
            ItemKind::Check(check) => self.print_check(kw, check),
            ItemKind::Findings(findings) => self.print_findings(kw, findings),
            ItemKind::Adjust(adjust) => self.print_adjust(kw, adjust),
            ItemKind::Rating(rating) => self.print_rating(kw, rating),
            ItemKind::Line(line) => self.print_line(kw, line),
            ItemKind::Remove(removal) => self.line(&format!("{kw}{}", print_removal(removal))),
            ItemKind::Rename(renaming) => self.line(&format!("{kw}{}", print_renaming(renaming))),
        }
    }

    fn print_header(&mut self, kw: &str, header: &Header) {
        let mut head = format!("{kw}ruleset {}", quote(&header.name.value));
        if let Some(base) = &header.extends {
            head = format!("{head} extends {}", quote(&base.value));
        }
        self.block(&head, None, |p| {
            for entry in &header.entries {
                p.print_header_entry(entry);
            }
        });
    }

    fn print_header_entry(&mut self, entry: &HeaderEntry) {
        self.print_doc(&entry.doc);
        let text = match &entry.kind {
            HeaderEntryKind::Version(version) => format!("version {}", quote(&version.value)),
            HeaderEntryKind::FiscalYear(year) => format!("fiscal_year {year}"),
            HeaderEntryKind::Cutoff(date) => format!("cutoff {}", print_date(*date)),
            HeaderEntryKind::MaxScore(points) => format!("max_score {}", print_expr(points)),
        };
        self.entry(&text, Some(entry.span));
    }
}

/// `remove check funds-split`, `remove category 投入`, `remove rating`.
fn print_removal(removal: &Removal) -> String {
    let kind = removal.kind.keyword();
    match &removal.name {
        Some(name) => format!("remove {kind} {}", item_name(removal.kind, name)),
        None => format!("remove {kind}"),
    }
}

/// `rename category 效益 to 效果`
fn print_renaming(renaming: &Renaming) -> String {
    format!(
        "rename {} {} to {}",
        renaming.kind.keyword(),
        item_name(renaming.kind, &renaming.from),
        item_name(renaming.kind, &renaming.to),
    )
}

/// The name of an item in `remove` and `rename`: a code, or a name.
fn item_name(kind: ItemKindName, name: &Ident) -> String {
    match kind {
        ItemKindName::Check | ItemKindName::Discard | ItemKindName::Adjust => name.name.clone(),
        _ => print_name(name),
    }
}

// ───────────────────────────── FORM ─────────────────────────────

impl Printer<'_> {
    fn print_form(&mut self, kw: &str, form: &Form) {
        self.block(&format!("{kw}form"), None, |p| {
            p.print_removed(&form.removed);
            for (i, section) in form.sections.iter().enumerate() {
                if i > 0 || !form.removed.is_empty() {
                    p.blank();
                }
                p.print_form_section(section);
            }
        });
    }

    fn print_form_section(&mut self, section: &FormSection) {
        self.print_doc(&section.doc);
        let head = format!(
            "{}{} {} {}",
            if section.optional { "optional " } else { "" },
            if section.rows { "rows" } else { "section" },
            section.key.name,
            quote(&section.label.value),
        );
        self.block(&head, Some(section.span), |p| {
            p.print_removed(&section.removed);
            for field in &section.fields {
                p.print_form_field(field);
            }
        });
    }

    fn print_form_field(&mut self, field: &FormField) {
        self.print_doc(&field.doc);
        self.line(&format!(
            "{}: {}{} {}",
            field.key.name,
            if field.optional { "optional " } else { "" },
            field.ty.name,
            quote(&field.label.value),
        ));
    }
}

// ───────────────────────── CATEGORIES AND POOLS ─────────────────────────

impl Printer<'_> {
    /// The `aliases` come from `rename` and are not written in a category.
    fn print_category(&mut self, kw: &str, category: &Category) {
        self.block(&format!("{kw}category {}", category.name.name), None, |p| {
            if !category.labels.is_empty() {
                p.line(&format!("labels {}", texts(&category.labels)));
            }
            if let Some(class) = &category.scored_by {
                p.line(&format!("scored_by {}", class.name));
            }
        });
    }

    fn print_pool(&mut self, kw: &str, pool: &Pool) {
        let mut head = format!("{kw}pool {}", pool.name.name);
        if let Some(points) = &pool.points {
            head = format!("{head} {}", print_expr(points));
        }
        self.block(&head, None, |p| {
            if !pool.categories.is_empty() {
                p.line(&format!("categories {}", names(&pool.categories)));
            }
            for split in &pool.splits {
                p.print_split(split);
            }
        });
    }

    fn print_split(&mut self, split: &Split) {
        match split {
            Split::Fixed { catalog, span } => self.block("split fixed", Some(*span), |p| {
                for category in catalog {
                    p.print_catalog_category(category);
                }
            }),
            Split::Evenly {
                share,
                residual,
                span,
            } => {
                let text = match share {
                    Some(rounding) => format!("split evenly share {}", print_rounding(rounding)),
                    None => "split evenly".to_owned(),
                };
                self.entry(&text, Some(*span));
                if let Some(residual) = residual {
                    self.indent += 1;
                    self.print_residual(residual);
                    self.indent = self.indent.saturating_sub(1);
                }
            }
            Split::Declared { span } => self.entry("split declared", Some(*span)),
        }
    }

    fn print_catalog_category(&mut self, category: &CatalogCategory) {
        self.print_doc(&category.doc);
        self.block(&category.category.name, None, |p| {
            p.print_removed(&category.removed);
            for entry in &category.entries {
                p.print_catalog_entry(entry);
            }
        });
    }

    fn print_catalog_entry(&mut self, entry: &CatalogEntry) {
        self.print_doc(&entry.doc);
        let text = format!("{} {}", print_name(&entry.name), print_atom(&entry.weight));
        self.entry(&text, Some(entry.name.span));
    }

    fn print_residual(&mut self, residual: &Residual) {
        self.print_doc(&residual.doc);
        let rule = match residual.rule {
            ResidualRule::First => "first",
            ResidualRule::Last => "last",
            ResidualRule::Matching {
                fallback_last: false,
            } => "matching else first",
            ResidualRule::Matching {
                fallback_last: true,
            } => "matching else last",
        };
        self.entry(&format!("residual to {rule}"), Some(residual.span));
    }
}

// ───────────────────────────── SCORING ─────────────────────────────

impl Printer<'_> {
    fn print_class(&mut self, kw: &str, class: &Class) {
        self.block(&format!("{kw}class {}", class.name.name), None, |p| {
            for rule in &class.rules {
                p.print_class_rule(rule);
            }
        });
    }

    fn print_class_rule(&mut self, rule: &ClassRule) {
        self.print_doc(&rule.doc);
        let text = match &rule.kind {
            ClassRuleKind::Full { lower, upper: None } => {
                format!("full from {}", print_atom(lower))
            }
            ClassRuleKind::Full {
                lower,
                upper: Some(upper),
            } => format!("full {} to {}", print_atom(lower), print_atom(upper)),
            ClassRuleKind::Below(deduction) => format!("below {}", print_deduction(deduction)),
            ClassRuleKind::Above(deduction) => format!("above {}", print_deduction(deduction)),
            ClassRuleKind::Floor(share) => format!("floor {}", print_atom(share)),
            ClassRuleKind::Cap(share) => format!("cap {}", print_atom(share)),
            ClassRuleKind::Score(formula) => format!("score {}", print_expr(formula)),
            ClassRuleKind::Completion(completion) => {
                return self.print_completion("", completion, Some(rule.span));
            }
        };
        self.entry(&text, Some(rule.span));
    }

    /// A top-level `completion` (no span of its own to show: the item's is shown), or
    /// one inside a class (`span` is the class rule's).
    fn print_completion(&mut self, kw: &str, completion: &Completion, span: Option<Span>) {
        self.block(&format!("{kw}completion"), span, |p| {
            for case in &completion.cases {
                p.print_completion_case(case);
            }
        });
    }

    fn print_completion_case(&mut self, case: &CompletionCase) {
        self.print_doc(&case.doc);
        let comparators: Vec<_> = case.comparators.iter().map(|(c, _)| c.symbol()).collect();
        self.line(&format!(
            "{} : {}",
            comparators.join(" "),
            print_expr(&case.formula)
        ));
    }

    fn print_comparators(&mut self, kw: &str, words: &[ComparatorWords]) {
        self.block(&format!("{kw}comparators"), None, |p| {
            for entry in words {
                p.print_comparator_words(entry);
            }
        });
    }

    fn print_comparator_words(&mut self, words: &ComparatorWords) {
        self.print_doc(&words.doc);
        let mut text = words.comparator.symbol().to_owned();
        if !words.before.is_empty() {
            text = format!("{text} before {}", texts(&words.before));
        }
        if !words.after.is_empty() {
            text = format!("{text} after {}", texts(&words.after));
        }
        self.entry(&text, Some(words.span));
    }

    fn print_grades(&mut self, kw: &str, grades: &Grades) {
        self.block(&format!("{kw}grades"), None, |p| {
            if !grades.read_from.is_empty() {
                p.line(&format!("read_from {}", names(&grades.read_from)));
            }
            p.print_removed(&grades.removed);
            for grade in &grades.grades {
                p.print_grade(grade);
            }
            for target in &grades.target {
                p.print_target_grade(target);
            }
        });
    }

    fn print_grade(&mut self, grade: &Grade) {
        self.print_doc(&grade.doc);
        let mut text = format!("{} {}", print_name(&grade.name), print_atom(&grade.share));
        if let Some(up_to) = &grade.up_to {
            text = format!("{text} to {}", print_atom(up_to));
        }
        if !grade.aliases.is_empty() {
            text = format!("{text} also {}", texts(&grade.aliases));
        }
        self.entry(&text, Some(grade.name.span));
    }

    fn print_target_grade(&mut self, target: &TargetGrade) {
        self.print_doc(&target.doc);
        let text = format!("target counts_as {}", print_name(&target.grade));
        self.entry(&text, Some(target.span));
    }

    fn print_missing(&mut self, kw: &str, missing: &Missing) {
        self.block(&format!("{kw}missing"), None, |p| {
            for entry in &missing.entries {
                p.print_missing_entry(entry);
            }
        });
    }

    fn print_layout(&mut self, kw: &str, layout: &Layout) {
        self.block(&format!("{kw}layout"), None, |p| {
            for entry in &layout.entries {
                p.print_doc(&entry.doc);
                let keyword = match entry.kind {
                    LayoutWords::Ignore => "ignore",
                    LayoutWords::Totals => "totals",
                };
                p.entry(
                    &format!("{keyword} {}", texts(&entry.words)),
                    Some(entry.span),
                );
            }
        });
    }

    fn print_missing_entry(&mut self, entry: &MissingEntry) {
        self.print_doc(&entry.doc);
        let text = match &entry.kind {
            MissingEntryKind::Markers(markers) => format!("markers {}", texts(markers)),
            MissingEntryKind::Unexplained(share) => {
                format!("unexplained scores {}", print_atom(share))
            }
            MissingEntryKind::Explained(share) => format!("explained scores {}", print_atom(share)),
        };
        self.entry(&text, Some(entry.span));
    }
}

/// `deduct 5% per 1%`
fn print_deduction(deduction: &Deduction) -> String {
    format!(
        "deduct {} per {}",
        print_atom(&deduction.rate),
        print_atom(&deduction.per)
    )
}

/// `0.01 half_away_from_zero`, after `rounding` or `share`.
fn print_rounding(rounding: &Rounding) -> String {
    format!("{} {}", rounding.step, rounding_mode(rounding.mode))
}

fn rounding_mode(mode: RoundingMode) -> &'static str {
    RoundingMode::NAMES
        .iter()
        .find(|(_, _, m)| *m == mode)
        .map_or("half_away_from_zero", |(en, _, _)| en)
}

/// `discard actual when as_of > cutoff: after-cutoff error "…"`
fn print_discard(discard: &Discard) -> String {
    let finding = &discard.finding;
    let mut text = format!(
        "discard actual when {}: {} {}",
        print_expr(&discard.condition),
        finding.code.name,
        finding.severity.as_str(),
    );
    if let Some(message) = &finding.message {
        text = format!("{text} {}", print_template(message));
    }
    text
}

// ───────────────────────────── CHECKS ─────────────────────────────

impl Printer<'_> {
    /// A check without an assertion has no body, and so no place for `message` or `at`:
    /// the grammar puts them in the body.
    fn print_check(&mut self, kw: &str, check: &Check) {
        let finding = &check.finding;
        let mut head = format!(
            "{kw}check {} {}",
            finding.code.name,
            finding.severity.as_str()
        );
        if let Some(rows) = &check.rows {
            head = format!("{head} for {}", rows.name);
        }
        if let Some(condition) = &check.condition {
            head = format!("{head} when {}", print_expr(condition));
        }
        let Some(assertion) = &check.assertion else {
            return self.line(&head);
        };
        self.block(&head, None, |p| {
            p.line(&print_expr(assertion));
            if let Some(message) = &finding.message {
                p.line(&format!("message {}", print_template(message)));
            }
            if let Some(at) = &check.at {
                p.line(&format!("at {}", print_expr(at)));
            }
        });
    }

    fn print_findings(&mut self, kw: &str, findings: &Findings) {
        self.block(&format!("{kw}findings"), None, |p| {
            p.print_removed(&findings.removed);
            for entry in &findings.entries {
                p.print_finding_severity(entry);
            }
        });
    }

    fn print_finding_severity(&mut self, entry: &FindingSeverity) {
        self.print_doc(&entry.doc);
        let mut text = format!("{} {}", entry.code.name, entry.severity.as_str());
        if let Some(rename) = &entry.rename {
            text = format!("{text} as {}", rename.name);
        }
        self.entry(&text, Some(entry.span));
    }

    fn print_adjust(&mut self, kw: &str, adjust: &Adjust) {
        let mut head = format!("{kw}adjust {}", adjust.code.name);
        head = match &adjust.target {
            AdjustTarget::Total => format!("{head} total"),
            AdjustTarget::Score(rows) => format!("{head} score for {}", rows.name),
        };
        if let Some(condition) = &adjust.condition {
            head = format!("{head} when {}", print_expr(condition));
        }
        self.block(&head, None, |p| p.line(&print_expr(&adjust.formula)));
    }

    fn print_rating(&mut self, kw: &str, rating: &Rating) {
        self.block(&format!("{kw}rating"), None, |p| {
            p.print_removed(&rating.removed);
            for entry in &rating.entries {
                p.print_rating_entry(entry);
            }
        });
    }

    fn print_rating_entry(&mut self, entry: &RatingEntry) {
        self.print_doc(&entry.doc);
        let name = print_name(&entry.name);
        let text = match &entry.condition {
            Some(condition) => format!("{name} when {}", print_expr(condition)),
            None => format!("{name} otherwise"),
        };
        self.entry(&text, Some(entry.span));
    }

    /// The grammar requires the `score` of a line; a line without one prints an empty
    /// body, which does not parse.
    fn print_line(&mut self, kw: &str, line: &Line) {
        let mut head = format!("{kw}line {} {}", line.key.name, quote(&line.label.value));
        if let Some(points) = &line.points {
            head = format!("{head} {}", print_expr(points));
        }
        self.block(&head, None, |p| {
            p.print_doc(&line.score_doc);
            if let Some(score) = &line.score {
                p.line(&format!("score {}", print_expr(score)));
            }
        });
    }
}

// ───────────────────────────── NAMES AND TEXTS ─────────────────────────────

/// Keywords that a bare name would be read as where the grammar takes a `name` (a grade,
/// a rating, a catalog entry): `remove` starts a remove entry, `read_from` and `target`
/// start entries of `grades`, `to` and `also` continue a grade, and a unit after a
/// number makes it points or an amount (`90` then a rating named `分`).
const NAME_KEYWORDS: [Rule; 7] = [
    Rule::kw_remove,
    Rule::kw_read_from,
    Rule::kw_target,
    Rule::kw_to,
    Rule::kw_also,
    Rule::kw_points,
    Rule::kw_amount_unit,
];

/// Whether the whole of `text` matches `rule`.
fn matches_whole(rule: Rule, text: &str) -> bool {
    Grammar::parse(rule, text)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|pair| pair.as_span().end() == text.len())
}

/// A name where the grammar takes `name`: bare if it is an identifier (not a reserved
/// word) that cannot be read as a keyword there, else in quotes.
fn print_name(name: &Ident) -> String {
    let text = &name.name;
    let bare = matches_whole(Rule::ident, text)
        && !NAME_KEYWORDS.iter().any(|&kw| matches_whole(kw, text));
    if bare { text.clone() } else { quote(text) }
}

/// The name of a `remove` entry: a code or a name.
fn entry_name(name: &Ident) -> String {
    if matches_whole(Rule::code, &name.name) {
        name.name.clone()
    } else {
        print_name(name)
    }
}

/// Names where the grammar takes only identifiers, joined by commas.
fn names(idents: &[Ident]) -> String {
    let names: Vec<_> = idents.iter().map(|i| i.name.as_str()).collect();
    names.join(", ")
}

/// Texts in quotes, joined by commas.
fn texts(texts: &[Text]) -> String {
    let quoted: Vec<_> = texts.iter().map(|t| quote(&t.value)).collect();
    quoted.join(", ")
}

/// A text in ASCII double quotes, with `"`, `\`, newline and tab escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    escape_into(&mut out, text, false);
    out.push('"');
    out
}

/// Escapes `text` for the inside of a string; in a template, `{` and `}` too. A carriage
/// return has no escape and is written as it is (no text the parser reads has one).
fn escape_into(out: &mut String, text: &str, template: bool) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '{' if template => out.push_str("\\{"),
            '}' if template => out.push_str("\\}"),
            c => out.push(c),
        }
    }
}

/// `"应为 {expected_weight}"`
fn print_template(template: &Template) -> String {
    let mut out = String::from("\"");
    for part in &template.parts {
        match part {
            TemplatePart::Text(text) => escape_into(&mut out, text, true),
            TemplatePart::Hole(expr) => {
                out.push('{');
                write_expr(&mut out, expr, Ctx::TOP);
                out.push('}');
            }
        }
    }
    out.push('"');
    out
}

// ───────────────────────────── EXPRESSIONS ─────────────────────────────

// Binding powers, as `lower`'s Pratt parser orders them: a prefix operator's operand
// takes every operator that binds at least as tightly as the prefix.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const ADD: u8 = 5;
const MUL: u8 = 6;
const NEG: u8 = 7;
const POSTFIX: u8 = 8;

/// Where an expression is printed.
#[derive(Clone, Copy)]
struct Ctx {
    /// The binding power of the operator on its left: a binary operator that binds no
    /// tighter would be taken by that operator's left side.
    left: u8,
    /// The binding power of the operator after it (0 where none follows): the right end
    /// of the expression must not take that operator.
    follow: u8,
    /// Where the grammar takes `expr_atom`: no binary operator outside parentheses.
    atom: bool,
    /// The condition or then-branch of an `if`: a nested `if` there would parse without
    /// parentheses (its `else` ends at `then` or `else`), but reads as a dangling else,
    /// so it gets them.
    if_head: bool,
}

impl Ctx {
    const TOP: Ctx = Ctx {
        left: 0,
        follow: 0,
        atom: false,
        if_head: false,
    };
}

/// An expression where the grammar takes `expr`.
fn print_expr(expr: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, expr, Ctx::TOP);
    out
}

/// An expression where the grammar takes `expr_atom` (a weight, a share, a band edge).
fn print_atom(expr: &Expr) -> String {
    let mut out = String::new();
    let ctx = Ctx {
        atom: true,
        ..Ctx::TOP
    };
    write_expr(&mut out, expr, ctx);
    out
}

fn binary_power(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => OR,
        BinaryOp::And => AND,
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
            COMPARE
        }
        BinaryOp::Add | BinaryOp::Sub => ADD,
        BinaryOp::Mul | BinaryOp::Div => MUL,
    }
}

fn unary_power(op: UnaryOp) -> u8 {
    match op {
        UnaryOp::Not => NOT,
        UnaryOp::Neg => NEG,
    }
}

/// Whether `expr` printed bare at `ctx` would parse to another tree.
fn needs_parens(expr: &Expr, ctx: Ctx) -> bool {
    match &expr.kind {
        ExprKind::Binary(op, _, _) => {
            let power = binary_power(*op);
            ctx.atom || power <= ctx.left || ctx.follow > power
        }
        // The operand would take the operator that follows.
        ExprKind::Unary(op, _) => ctx.follow >= unary_power(*op),
        // The `else` branch would take whatever follows.
        ExprKind::If(..) => ctx.follow > 0 || ctx.if_head,
        ExprKind::Literal(_)
        | ExprKind::Name(_)
        | ExprKind::Member(..)
        | ExprKind::Filter(..)
        | ExprKind::Call(..) => false,
    }
}

fn write_expr(out: &mut String, expr: &Expr, ctx: Ctx) {
    let parens = needs_parens(expr, ctx);
    let ctx = if parens {
        out.push('(');
        Ctx::TOP
    } else {
        ctx
    };
    match &expr.kind {
        ExprKind::Literal(literal) => out.push_str(&print_literal(literal)),
        ExprKind::Name(name) => out.push_str(&name.name),
        ExprKind::Member(base, member) => {
            write_postfix_base(out, base, ctx);
            out.push('.');
            out.push_str(&member.name);
        }
        ExprKind::Filter(base, condition) => {
            write_postfix_base(out, base, ctx);
            out.push('[');
            write_expr(out, condition, Ctx::TOP);
            out.push(']');
        }
        ExprKind::Unary(op, operand) => write_unary(out, *op, operand, ctx),
        ExprKind::Binary(op, left, right) => write_binary(out, *op, left, right, ctx),
        ExprKind::If(condition, then, otherwise) => write_if(out, condition, then, otherwise),
        ExprKind::Call(name, args) => write_call(out, name, args),
    }
    if parens {
        out.push(')');
    }
}

fn write_postfix_base(out: &mut String, base: &Expr, ctx: Ctx) {
    let ctx = Ctx {
        follow: POSTFIX,
        if_head: false,
        ..ctx
    };
    write_expr(out, base, ctx);
}

/// `not x`, `-x`; `- -x` rather than `--x`.
fn write_unary(out: &mut String, op: UnaryOp, operand: &Expr, ctx: Ctx) {
    let ctx = Ctx {
        left: unary_power(op) - 1,
        ..ctx
    };
    let mut text = String::new();
    write_expr(&mut text, operand, ctx);
    match op {
        UnaryOp::Not => out.push_str("not "),
        UnaryOp::Neg if text.starts_with('-') => out.push_str("- "),
        UnaryOp::Neg => out.push('-'),
    }
    out.push_str(&text);
}

/// `left op right`, left-associative.
fn write_binary(out: &mut String, op: BinaryOp, left: &Expr, right: &Expr, ctx: Ctx) {
    let power = binary_power(op);
    let left_ctx = Ctx {
        follow: power,
        if_head: false,
        ..ctx
    };
    write_expr(out, left, left_ctx);
    out.push(' ');
    out.push_str(op.symbol());
    out.push(' ');
    write_expr(out, right, Ctx { left: power, ..ctx });
}

fn write_if(out: &mut String, condition: &Expr, then: &Expr, otherwise: &Expr) {
    let head = Ctx {
        if_head: true,
        ..Ctx::TOP
    };
    out.push_str("if ");
    write_expr(out, condition, head);
    out.push_str(" then ");
    write_expr(out, then, head);
    out.push_str(" else ");
    write_expr(out, otherwise, Ctx::TOP);
}

fn write_call(out: &mut String, name: &Ident, args: &[Expr]) {
    out.push_str(&name.name);
    out.push('(');
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(out, arg, Ctx::TOP);
    }
    out.push(')');
}

fn print_literal(literal: &Literal) -> String {
    match literal {
        Literal::Number(n) => n.to_string(),
        Literal::Percent(ratio) => format!("{}%", percent_number(*ratio)),
        Literal::Points(n) => format!("{n} 分"),
        Literal::Amount(n) => format!("{n} 万元"),
        Literal::Date(date) => print_date(*date),
        Literal::Text(text) => quote(text),
        Literal::Bool(true) => "true".to_owned(),
        Literal::Bool(false) => "false".to_owned(),
    }
}

/// The number before `%` for a ratio: `lower` reads `5.0%` as 50 at scale 3, so taking
/// two off the scale gives back the digits as written. A ratio of scale 0 or 1 (which
/// the parser never makes) is multiplied by 100 instead.
fn percent_number(ratio: Decimal) -> String {
    let mut number = ratio;
    if let Some(scale) = ratio.scale().checked_sub(2)
        && number.set_scale(scale).is_ok()
    {
        return number.to_string();
    }
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(number) => number.normalize().to_string(),
        None => shift_point_two_right(&ratio.to_string()),
    }
}

/// `7.5` as `750`: the decimal text of a number a hundred times larger, for a ratio of
/// scale 0 or 1 too large to multiply.
fn shift_point_two_right(text: &str) -> String {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut fraction = fraction.to_owned();
    while fraction.len() < 2 {
        fraction.push('0');
    }
    let rest = fraction.split_off(2);
    if rest.is_empty() {
        format!("{whole}{fraction}")
    } else {
        format!("{whole}{fraction}.{rest}")
    }
}

/// `2023-12-31`
fn print_date(date: jiff::civil::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}
