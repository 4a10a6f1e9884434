//! Printing: a syntax tree back to ruleset text.
//!
//! [`print()`] writes the canonical layout: two-space indentation, one item per
//! paragraph, one entry per line, and every `//!` and `///` doc line where the grammar
//! keeps it; keywords in English, or in Chinese with [`print_with`] and
//! [`Keywords::Zh`]. What it prints parses back to the same tree, spans aside:
//! expressions get exactly the parentheses the Pratt parser of `lower` needs (plus one
//! kind for readability, see `Ctx::if_head`), names are quoted where a bare word would
//! read differently, and numbers keep the digits they were written with.
//!
//! `syntax::format` prints through the same code with the source at hand (`Source`):
//! then entries keep the order of the file, and every comment and doc comment is taken
//! from the text and written before the line of the entry it preceded, or at the end of
//! the line it ended.
//!
//! One `print_<node>` per node type; expressions are printed by free functions into a
//! `String`, since they always fit on one line.

use pest::Parser as _;
use rust_decimal::Decimal;

use super::ast::{
    Adjust, AdjustTarget, BinaryOp, CatalogCategory, CatalogEntry, Category, Check, Class,
    ClassRule, ClassRuleKind, ComparatorWords, Completion, CompletionCase, Deduction, Discard, Doc,
    End, Ends, Expr, ExprKind, FindingSeverity, Findings, Form, FormField, FormSection, Grade,
    Grades, Header, HeaderEntry, HeaderEntryKind, Ident, Item, ItemKind, ItemKindName, Layout,
    LayoutWords, Line, Literal, Missing, MissingEntry, MissingEntryKind, Mode, Pool, Rating,
    RatingEntry, Removal, Renaming, Residual, ResidualRule, Rounding, RoundingMode, Ruleset,
    Severity, Split, TargetGrade, Template, TemplatePart, Text, UnaryOp,
};
use super::grammar::{Grammar, Rule};
use super::keywords::{self, Keywords};
use super::source_text::{Comment, CommentKind, SourceText};
use crate::source::Span;

/// How the printer spells what has two spellings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// The language of keywords, severities and rounding modes (which the tree keeps
    /// as meanings, not as written).
    pub keywords: Keywords,
    /// Field types and functions, which the tree keeps as written.
    pub names: Names,
}

/// Whether field types and function names are written as the ruleset wrote them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Names {
    /// As written: the printed text parses to the very same tree.
    #[default]
    AsWritten,
    /// In the language of [`Style::keywords`]: `text` or `文本`, `round` or `舍入`.
    /// Other names in expressions stay as written: what `score` or `类别` means there
    /// depends on the form (a field may be spelt like a computed value), which only
    /// the checker knows.
    InKeywordLanguage,
}

impl Style {
    const DEFAULT: Style = Style {
        keywords: Keywords::En,
        names: Names::AsWritten,
    };

    /// Keywords in `keywords`' language, names too.
    #[must_use]
    pub fn all_in(keywords: Keywords) -> Style {
        Style {
            keywords,
            names: Names::InKeywordLanguage,
        }
    }

    fn kw(self, en: &'static str) -> &'static str {
        keywords::spell(en, self.keywords)
    }
}

/// Prints a ruleset in the canonical layout with English keywords. `origin` gives,
/// for a span, the text to show as its origin (such as `rulesets/2023.rules:162`), or
/// None to show none.
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
    print_with(ruleset, origin, Style::default())
}

/// As [`print()`], spelt as `style` says. With [`Names::AsWritten`] the text parses
/// back to the same tree; with [`Names::InKeywordLanguage`], to one whose field types
/// and function names may be spelt the other way, which means the same.
#[must_use]
pub fn print_with(
    ruleset: &Ruleset,
    origin: &dyn Fn(Span) -> Option<String>,
    style: Style,
) -> String {
    let mut printer = Printer::new(origin, style, None);
    printer.print_ruleset(ruleset);
    printer.out
}

/// Prints `ruleset`, parsed from `text` at offset 0, in the layout of
/// `syntax::format`: the file's order, and its comments.
pub(crate) fn print_source(ruleset: &Ruleset, text: &str, keywords: Keywords) -> String {
    let style = Style {
        keywords,
        names: Names::AsWritten,
    };
    let no_origin = |_| None;
    let mut printer = Printer::new(&no_origin, style, Some(SourceText::new(text)));
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
    style: Style,
    /// The text the tree was parsed from, when formatting a file.
    source: Option<SourceText<'a>>,
}

// ───────────────────────────── LAYOUT ─────────────────────────────

impl<'a> Printer<'a> {
    fn new(
        origin: &'a dyn Fn(Span) -> Option<String>,
        style: Style,
        source: Option<SourceText<'a>>,
    ) -> Printer<'a> {
        Printer {
            out: String::new(),
            indent: 0,
            origin,
            item_origin: None,
            style,
            source,
        }
    }
}

impl Printer<'_> {
    fn kw(&self, en: &'static str) -> &'static str {
        self.style.kw(en)
    }

    /// The word of an origin comment, in the keywords' language: `// from 2023.rules:7`,
    /// `// 来自 2023.rules:7`.
    fn origin_word(&self) -> &'static str {
        match self.style.keywords {
            Keywords::En => "from",
            Keywords::Zh => "来自",
        }
    }

    /// One line at the current indentation.
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// One line, with a trailing `// from …` where the origin of one of `spans` (the
    /// values the line shows) is not the item's.
    fn entry(&mut self, text: &str, spans: &[Span]) {
        match self.entry_origin(spans) {
            Some(origin) => {
                let from = self.origin_word();
                self.line(&format!("{text} // {from} {origin}"));
            }
            None => self.line(text),
        }
    }

    /// An entry whose text in the source is `at`: the comments before it (and inside
    /// it, since it is printed on one line) go on their own lines first, and a comment
    /// that ended its last line ends the printed line.
    fn entry_at(&mut self, text: &str, spans: &[Span], at: Span) {
        let (start, end) = (at.start as usize, at.end as usize);
        let end = self.source.as_ref().map_or(end, |s| s.code_end(start, end));
        self.comments_before(end);
        self.entry(text, spans);
        self.trailing_comment(end);
    }

    /// The origin of the first of `spans` that comes from another file than the item:
    /// an override replaced or added that value. Lines always differ, files tell what
    /// changed.
    fn entry_origin(&self, spans: &[Span]) -> Option<String> {
        let file = |o: &str| {
            o.rsplit_once(':')
                .map_or(o.to_owned(), |(f, _)| f.to_owned())
        };
        let item = self.item_origin.as_deref().map(file);
        spans.iter().find_map(|&span| {
            let origin = one_line((self.origin)(span)?);
            (item.as_deref() != Some(file(&origin).as_str())).then_some(origin)
        })
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A blank line between paragraphs: none at the start, and never two.
    fn blank_line(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.blank();
        }
    }

    /// Doc lines from the tree; when formatting, they come with the comments instead.
    /// The doc comments `docs` keeps for an entry whose values start at any of `starts`
    /// (`show`; formatting prints the file's comments where they are).
    fn print_entry_docs(&mut self, docs: &[(Span, Doc)], starts: impl IntoIterator<Item = u32>) {
        for start in starts {
            for (_, doc) in docs.iter().filter(|(at, _)| at.start == start) {
                self.print_doc(doc);
            }
        }
    }

    fn print_doc(&mut self, doc: &Doc) {
        if self.source.is_some() {
            return;
        }
        for text in &doc.lines {
            self.line(&doc_line("///", text));
        }
    }

    /// `head { … }`, with the body one level in; `head {}` where the body is empty.
    /// `at` is where the node starts in the source, when formatting: its first `{`
    /// opens the block.
    fn block(&mut self, head: &str, span: &[Span], at: Option<Span>, body: impl FnOnce(&mut Self)) {
        let braces = at.and_then(|at| self.source.as_ref()?.braces(at.start as usize));
        if let Some((open, _)) = braces {
            self.comments_before(open);
        }
        let start = self.out.len();
        self.entry(&format!("{head} {{"), span);
        let kept = braces.is_some_and(|(open, _)| self.trailing_comment(open));
        let after_head = self.out.len();
        self.indent += 1;
        body(self);
        if let Some((_, close)) = braces {
            self.comments_before(close);
        }
        self.indent = self.indent.saturating_sub(1);
        // A comment after `{` keeps the block open, so that it stays after the `{`.
        if self.out.len() == after_head && !kept {
            self.out.truncate(start);
            self.entry(&format!("{head} {{}}"), span);
        } else {
            self.line("}");
        }
        if let Some((_, close)) = braces {
            self.trailing_comment(close + 1);
        }
    }

    /// A `remove NAME` entry of an override block.
    fn print_removed_entry(&mut self, name: &Ident) {
        let text = format!("{} {}", self.kw("remove"), entry_name(name));
        self.entry_at(&text, &[], name.span);
    }

    /// Entries of one block that the tree keeps in several lists, in the order of the
    /// file when formatting (by where each starts), else in the order given.
    fn in_order<T>(&self, mut entries: Vec<(u32, T)>) -> Vec<T> {
        if self.source.is_some() {
            entries.sort_by_key(|(start, _)| *start);
        }
        entries.into_iter().map(|(_, entry)| entry).collect()
    }

    /// Lists the tree joins (`labels "a" labels "b"` is one list of labels), as the
    /// file wrote them when formatting, else as one.
    fn lists_of<'t, T>(&self, items: &'t [T], span: impl Fn(&T) -> Span) -> Vec<&'t [T]> {
        let Some(source) = &self.source else {
            return if items.is_empty() {
                vec![]
            } else {
                vec![items]
            };
        };
        let mut lists = Vec::new();
        let mut start = 0;
        for (i, pair) in items.windows(2).enumerate() {
            if let [a, b] = pair
                && !source.only_a_comma_between(span(a).end as usize, span(b).start as usize)
            {
                lists.extend(items.get(start..=i));
                start = i + 1;
            }
        }
        lists.extend(items.get(start..).filter(|rest| !rest.is_empty()));
        lists
    }
}

// ───────────────────────────── COMMENTS ─────────────────────────────

impl Printer<'_> {
    /// Writes, each on its own line, every comment of the source that starts before
    /// `end` and is not written yet.
    fn comments_before(&mut self, end: usize) {
        while let Some(comment) = self.source.as_mut().and_then(|s| s.next_before(end)) {
            let text = self.comment_text(&comment);
            self.line(&text);
            // Between items, a comment set apart by a blank line (a heading of the
            // items below, `// ── 分值 ──`) stays apart.
            let apart = self
                .source
                .as_ref()
                .is_some_and(|s| s.blank_line_after(comment.end));
            if self.indent == 0 && apart {
                self.blank();
            }
        }
    }

    /// Ends the last line with the next comment if, in the source, only spaces lie
    /// between `end` and it: a plain comment at the end of the line of what was just
    /// printed. Doc comments belong to what follows and never end a line.
    fn trailing_comment(&mut self, end: usize) -> bool {
        let Some(comment) = self.source.as_mut().and_then(|s| s.next_trailing(end)) else {
            return false;
        };
        let text = self.comment_text(&comment);
        if self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out.push(' ');
        self.out.push_str(&text);
        self.out.push('\n');
        true
    }

    fn comment_text(&self, comment: &Comment) -> String {
        self.source
            .as_ref()
            .map_or_else(String::new, |s| s.comment_text(comment).to_owned())
    }

    /// The file's `//!` lines, with the comments among them.
    fn print_file_doc(&mut self, ruleset: &Ruleset) {
        let Some(source) = &self.source else {
            for text in &ruleset.doc.lines {
                self.line(&doc_line("//!", text));
            }
            return;
        };
        let last = source
            .comments()
            .iter()
            .rfind(|c| c.kind == CommentKind::FileDoc)
            .map(|c| c.end);
        if let Some(end) = last {
            self.comments_before(end);
        }
    }

    /// Comments after the last item.
    fn print_file_end(&mut self) {
        let left = self.source.as_ref().is_some_and(SourceText::comments_left);
        if left {
            self.blank_line();
            self.comments_before(usize::MAX);
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
        self.print_file_doc(ruleset);
        for item in &ruleset.items {
            self.blank_line();
            self.print_item(item);
        }
        self.print_file_end();
    }

    fn print_item(&mut self, item: &Item) {
        self.print_doc(&item.doc);
        self.item_origin = (self.origin)(item.span).map(one_line);
        if let Some(origin) = self.item_origin.clone() {
            let from = self.origin_word();
            self.line(&format!("// {from} {origin}"));
        }
        let kw = match item.mode {
            Mode::Define => String::new(),
            Mode::Override => format!("{} ", self.kw("override")),
        };
        let kw = kw.as_str();
        let at = Some(item.span);
        match &item.kind {
            ItemKind::Header(header) => self.print_header(kw, header, at),
            ItemKind::Form(form) => self.print_form(kw, form, at),
            ItemKind::Category(category) => self.print_category(kw, category, at),
            ItemKind::Pool(pool) => self.print_pool(kw, pool, at),
            ItemKind::Class(class) => self.print_class(kw, class, at),
            ItemKind::Completion(completion) => self.print_completion(kw, completion, None, at),
            ItemKind::Comparators(words) => self.print_comparators(kw, words, at),
            ItemKind::Grades(grades) => self.print_grades(kw, grades, at),
            ItemKind::Missing(missing) => self.print_missing(kw, missing, at),
            ItemKind::Layout(layout) => self.print_layout(kw, layout, at),
            ItemKind::Check(check) => self.print_check(kw, check, at),
            ItemKind::Findings(findings) => self.print_findings(kw, findings, at),
            ItemKind::Adjust(adjust) => self.print_adjust(kw, adjust, at),
            ItemKind::Rating(rating) => self.print_rating(kw, rating, at),
            ItemKind::Line(line) => self.print_line(kw, line, at),
            ItemKind::Rounding(_)
            | ItemKind::Discard(_)
            | ItemKind::Constant(_)
            | ItemKind::Remove(_)
            | ItemKind::Rename(_) => {
                let text = format!("{kw}{}", self.one_line_item(&item.kind));
                self.entry_at(&text, &[], item.span);
            }
        }
    }

    /// The items written on one line, without `override`.
    fn one_line_item(&self, kind: &ItemKind) -> String {
        match kind {
            ItemKind::Rounding(rounding) => {
                format!("{} {}", self.kw("rounding"), self.print_rounding(rounding))
            }
            ItemKind::Discard(discard) => self.print_discard(discard),
            ItemKind::Constant(constant) => format!(
                "{} {} = {}",
                self.kw("let"),
                constant.name.name,
                self.expr(&constant.value)
            ),
            ItemKind::Remove(removal) => self.print_removal(removal),
            ItemKind::Rename(renaming) => self.print_renaming(renaming),
            _ => String::new(),
        }
    }

    fn print_header(&mut self, kw: &str, header: &Header, at: Option<Span>) {
        let mut head = format!("{kw}{} {}", self.kw("ruleset"), quote(&header.name.value));
        if let Some(base) = &header.extends {
            head = format!("{head} {} {}", self.kw("extends"), quote(&base.value));
        }
        // The name is the extending file's: it is marked where that is another file.
        self.block(&head, &[header.name.span], at, |p| {
            for entry in &header.entries {
                p.print_header_entry(entry);
            }
        });
    }

    fn print_header_entry(&mut self, entry: &HeaderEntry) {
        self.print_doc(&entry.doc);
        let text = match &entry.kind {
            HeaderEntryKind::Version(version) => {
                format!("{} {}", self.kw("version"), quote(&version.value))
            }
            HeaderEntryKind::FiscalYear(year) => format!("{} {year}", self.kw("fiscal_year")),
            HeaderEntryKind::Cutoff(date) => {
                format!("{} {}", self.kw("cutoff"), print_date(*date))
            }
            HeaderEntryKind::MaxScore(points) => {
                format!("{} {}", self.kw("max_score"), self.expr(points))
            }
        };
        self.entry_at(&text, &[entry.span], entry.span);
    }

    /// `remove check funds-split`, `remove category 投入`, `remove rating`.
    fn print_removal(&self, removal: &Removal) -> String {
        let kind = self.kw(removal.kind.keyword());
        let remove = self.kw("remove");
        match &removal.name {
            Some(name) => format!("{remove} {kind} {}", item_name(removal.kind, name)),
            None => format!("{remove} {kind}"),
        }
    }

    /// `rename category 效益 to 效果`
    fn print_renaming(&self, renaming: &Renaming) -> String {
        format!(
            "{} {} {} {} {}",
            self.kw("rename"),
            self.kw(renaming.kind.keyword()),
            item_name(renaming.kind, &renaming.from),
            self.kw("to"),
            item_name(renaming.kind, &renaming.to),
        )
    }
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
    fn print_form(&mut self, kw: &str, form: &Form, at: Option<Span>) {
        let head = format!("{kw}{}", self.kw("form"));
        self.block(&head, &[], at, |p| {
            let removed = form.removed.iter().map(|r| (r.span.start, Err(r)));
            let sections = form.sections.iter().map(|s| (s.span.start, Ok(s)));
            let entries = p.in_order(removed.chain(sections).collect());
            // A blank line before each section but a first entry.
            for (i, entry) in entries.into_iter().enumerate() {
                match entry {
                    Err(removed) => p.print_removed_entry(removed),
                    Ok(section) => {
                        if i > 0 {
                            p.blank();
                        }
                        p.print_form_section(section);
                    }
                }
            }
        });
    }

    fn print_form_section(&mut self, section: &FormSection) {
        self.print_doc(&section.doc);
        let head = format!(
            "{}{} {} {}",
            if section.optional {
                format!("{} ", self.kw("optional"))
            } else {
                String::new()
            },
            self.kw(if section.rows { "rows" } else { "section" }),
            section.key.name,
            quote(&section.label.value),
        );
        let marks = [section.span, section.label.span];
        self.block(&head, &marks, Some(section.span), |p| {
            let removed = section.removed.iter().map(|r| (r.span.start, Err(r)));
            let fields = section.fields.iter().map(|f| (f.key.span.start, Ok(f)));
            for entry in p.in_order(removed.chain(fields).collect()) {
                match entry {
                    Err(removed) => p.print_removed_entry(removed),
                    Ok(field) => p.print_form_field(field),
                }
            }
        });
    }

    fn print_form_field(&mut self, field: &FormField) {
        self.print_doc(&field.doc);
        let text = format!(
            "{}: {}{} {}",
            field.key.name,
            if field.optional {
                format!("{} ", self.kw("optional"))
            } else {
                String::new()
            },
            self.type_name(&field.ty),
            quote(&field.label.value),
        );
        let at = field.key.span.to(field.label.span);
        self.entry_at(&text, &[field.key.span], at);
    }

    /// A field type as written, or in the style's language.
    fn type_name(&self, ty: &Ident) -> String {
        translated(&ty.name, &super::keywords::FIELD_TYPES, self.style)
    }
}

/// `name` in the style's language where `table` (English, Chinese, meaning) knows it
/// and the style says so; else as written.
fn translated<T: PartialEq>(name: &str, table: &[(&str, &str, T)], style: Style) -> String {
    if style.names == Names::AsWritten {
        return name.to_owned();
    }
    let Some((_, _, meaning)) = table.iter().find(|(en, zh, _)| *en == name || *zh == name) else {
        return name.to_owned();
    };
    // The first spelling of that meaning: the usual one where it has two.
    let first = table.iter().find(|(_, _, m)| m == meaning);
    match (first, style.keywords) {
        (Some((en, _, _)), Keywords::En) => (*en).to_owned(),
        (Some((_, zh, _)), Keywords::Zh) => (*zh).to_owned(),
        (None, _) => name.to_owned(),
    }
}

// ───────────────────────── CATEGORIES AND POOLS ─────────────────────────

impl Printer<'_> {
    /// The `aliases` come from `rename` and are not written in a category.
    fn print_category(&mut self, kw: &str, category: &Category, at: Option<Span>) {
        let head = format!("{kw}{} {}", self.kw("category"), category.name.name);
        self.block(&head, &[], at, |p| {
            let mut entries = Vec::new();
            let add = format!("{} {}", p.kw("add"), p.kw("labels"));
            let lists = [
                (p.kw("labels").to_owned(), &category.labels),
                (add, &category.added_labels),
            ];
            for (keyword, labels) in lists {
                for list in p.lists_of(labels, |t| t.span) {
                    if let (Some(first), Some(last)) = (list.first(), list.last()) {
                        let text = format!("{keyword} {}", texts(list));
                        let marks: Vec<Span> = list.iter().map(|t| t.span).collect();
                        let at = first.span.to(last.span);
                        entries.push((first.span.start, (text, marks, at)));
                    }
                }
            }
            if let Some(class) = &category.scored_by {
                let text = format!("{} {}", p.kw("scored_by"), class.name);
                entries.push((class.span.start, (text, vec![class.span], class.span)));
            }
            for (text, marks, at) in p.in_order(entries) {
                let starts: Vec<u32> = marks.iter().map(|m| m.start).collect();
                p.print_entry_docs(&category.entry_docs, starts);
                p.entry_at(&text, &marks, at);
            }
        });
    }

    fn print_pool(&mut self, kw: &str, pool: &Pool, at: Option<Span>) {
        let mut head = format!("{kw}{} {}", self.kw("pool"), pool.name.name);
        if let Some(points) = &pool.points {
            head = format!("{head} {}", self.expr(points));
        }
        let points = pool.points.as_ref().map(|e| e.span);
        self.block(&head, points.as_slice(), at, |p| {
            let mut entries = Vec::new();
            for list in p.lists_of(&pool.categories, |i| i.span) {
                if let (Some(first), Some(last)) = (list.first(), list.last()) {
                    entries.push((first.span.start, Err((list, first.span.to(last.span)))));
                }
            }
            for split in &pool.splits {
                entries.push((split_span(split).start, Ok(split)));
            }
            for entry in p.in_order(entries) {
                match entry {
                    Err((list, at)) => {
                        let text = format!("{} {}", p.kw("categories"), names(list));
                        let marks: Vec<Span> = list.iter().map(|i| i.span).collect();
                        p.print_entry_docs(&pool.entry_docs, marks.iter().map(|m| m.start));
                        p.entry_at(&text, &marks, at);
                    }
                    Ok(split) => {
                        p.print_entry_docs(&pool.entry_docs, [split_span(split).start]);
                        p.print_split(split);
                    }
                }
            }
        });
    }

    fn print_split(&mut self, split: &Split) {
        let kw_split = self.kw("split");
        match split {
            Split::Fixed { catalog, span } => {
                let head = format!("{kw_split} {}", self.kw("fixed"));
                self.block(&head, &[*span], Some(*span), |p| {
                    for category in catalog {
                        p.print_catalog_category(category);
                    }
                });
            }
            Split::Evenly {
                share,
                residual,
                span,
            } => {
                let evenly = format!("{kw_split} {}", self.kw("evenly"));
                let text = match share {
                    Some(rounding) => format!(
                        "{evenly} {} {}",
                        self.kw("share"),
                        self.print_rounding(rounding)
                    ),
                    None => evenly,
                };
                // The clause up to its residual, whose doc comment comes after.
                let end = share.as_ref().map_or(span.start + 1, |r| r.span.end);
                // An override may change the share of the base's split in place.
                let marks = [Some(*span), share.as_ref().map(|r| r.span)];
                let marks: Vec<Span> = marks.into_iter().flatten().collect();
                self.entry_at(&text, &marks, Span { end, ..*span });
                if let Some(residual) = residual {
                    self.indent += 1;
                    self.print_residual(residual);
                    self.indent = self.indent.saturating_sub(1);
                }
            }
            Split::Declared { span } => {
                let text = format!("{kw_split} {}", self.kw("declared"));
                self.entry_at(&text, &[*span], *span);
            }
        }
    }

    fn print_catalog_category(&mut self, category: &CatalogCategory) {
        self.print_doc(&category.doc);
        let at = Some(category.category.span);
        let marks = [category.category.span];
        self.block(&category.category.name, &marks, at, |p| {
            let removed = category.removed.iter().map(|r| (r.span.start, Err(r)));
            let entries = category.entries.iter().map(|e| (e.name.span.start, Ok(e)));
            for entry in p.in_order(removed.chain(entries).collect()) {
                match entry {
                    Err(removed) => p.print_removed_entry(removed),
                    Ok(entry) => p.print_catalog_entry(entry),
                }
            }
        });
    }

    fn print_catalog_entry(&mut self, entry: &CatalogEntry) {
        self.print_doc(&entry.doc);
        let mut text = format!("{} {}", print_name(&entry.name), self.atom(&entry.weight));
        let mut at = entry.name.span.to(entry.weight.span);
        if let Some(class) = &entry.class {
            text = format!("{text} {} {}", self.kw("scored_by"), class.name);
            at = at.to(class.span);
        }
        self.entry_at(&text, &[entry.name.span], at);
    }

    fn print_residual(&mut self, residual: &Residual) {
        self.print_doc(&residual.doc);
        let (first, last) = (self.kw("first"), self.kw("last"));
        let rule = match residual.rule {
            ResidualRule::First => first.to_owned(),
            ResidualRule::Last => last.to_owned(),
            ResidualRule::Nobody => self.kw("none").to_owned(),
            ResidualRule::Matching { fallback_last } => format!(
                "{} {} {}",
                self.kw("matching"),
                self.kw("else"),
                if fallback_last { last } else { first }
            ),
        };
        // `余数 给 第一项`: the residual goes *to* someone, `给` rather than `至`; to no one
        // is `余数 不分配`.
        let to = match (self.style.keywords, residual.rule) {
            (Keywords::Zh, ResidualRule::Nobody) => String::new(),
            (language, _) => format!("{} ", keywords::residual_to(language)),
        };
        let text = format!("{} {to}{rule}", self.kw("residual"));
        self.entry_at(&text, &[residual.span], residual.span);
    }
}

/// Where a split starts.
fn split_span(split: &Split) -> Span {
    match split {
        Split::Fixed { span, .. } | Split::Evenly { span, .. } | Split::Declared { span } => *span,
    }
}

// ───────────────────────────── SCORING ─────────────────────────────

impl Printer<'_> {
    fn print_class(&mut self, kw: &str, class: &Class, at: Option<Span>) {
        let head = format!("{kw}{} {}", self.kw("class"), class.name.name);
        self.block(&head, &[], at, |p| {
            for rule in &class.rules {
                p.print_class_rule(rule);
            }
        });
    }

    fn print_class_rule(&mut self, rule: &ClassRule) {
        self.print_doc(&rule.doc);
        let text = match &rule.kind {
            ClassRuleKind::Full {
                lower,
                upper: None,
                ends,
            } => {
                format!(
                    "{} {} {}{}",
                    self.kw("full"),
                    self.kw("from"),
                    self.atom(lower),
                    self.end_mark(ends.low)
                )
            }
            ClassRuleKind::Full {
                lower,
                upper: Some(upper),
                ends,
            } => format!("{} {}", self.kw("full"), self.range(lower, upper, *ends)),
            ClassRuleKind::Below(deduction) => {
                format!("{} {}", self.kw("below"), self.print_deduction(deduction))
            }
            ClassRuleKind::Above(deduction) => {
                format!("{} {}", self.kw("above"), self.print_deduction(deduction))
            }
            ClassRuleKind::Floor(share) => format!("{} {}", self.kw("floor"), self.atom(share)),
            ClassRuleKind::Cap(share) => format!("{} {}", self.kw("cap"), self.atom(share)),
            ClassRuleKind::Score(formula) => {
                format!("{} {}", self.kw("score"), self.expr(formula))
            }
            ClassRuleKind::Completion(completion) => {
                return self.print_completion("", completion, Some(rule.span), Some(rule.span));
            }
            ClassRuleKind::Labels(words) => format!("{} {}", self.kw("labels"), texts(words)),
        };
        self.entry_at(&text, &[rule.span], rule.span);
    }

    /// A top-level `completion` (no span of its own to show: the item's is shown), or
    /// one inside a class (`span` is the class rule's).
    fn print_completion(
        &mut self,
        kw: &str,
        completion: &Completion,
        span: Option<Span>,
        at: Option<Span>,
    ) {
        let head = format!("{kw}{}", self.kw("completion"));
        self.block(&head, span.as_slice(), at, |p| {
            for case in &completion.cases {
                p.print_completion_case(case);
            }
        });
    }

    fn print_completion_case(&mut self, case: &CompletionCase) {
        self.print_doc(&case.doc);
        let comparators: Vec<_> = case.comparators.iter().map(|(c, _)| c.symbol()).collect();
        let text = format!("{} : {}", comparators.join(" "), self.expr(&case.formula));
        let start = case
            .comparators
            .first()
            .map_or(case.formula.span, |(_, s)| *s);
        let mut marks: Vec<Span> = case.comparators.iter().map(|(_, s)| *s).collect();
        marks.push(case.formula.span);
        self.entry_at(&text, &marks, start.to(case.formula.span));
    }

    fn print_comparators(&mut self, kw: &str, words: &[ComparatorWords], at: Option<Span>) {
        let head = format!("{kw}{}", self.kw("comparators"));
        self.block(&head, &[], at, |p| {
            for entry in words {
                p.print_comparator_words(entry);
            }
        });
    }

    fn print_comparator_words(&mut self, words: &ComparatorWords) {
        self.print_doc(&words.doc);
        let mut text = words.comparator.symbol().to_owned();
        if !words.before.is_empty() {
            text = format!("{text} {} {}", self.kw("before"), texts(&words.before));
        }
        if !words.after.is_empty() {
            text = format!("{text} {} {}", self.kw("after"), texts(&words.after));
        }
        let last = words.after.last().or(words.before.last()).map(|t| t.span);
        let at = last.map_or(words.span, |last| words.span.to(last));
        // An override replaces the words before or after in place.
        let words_spans = words.before.iter().chain(&words.after).map(|t| t.span);
        let marks: Vec<Span> = std::iter::once(words.span).chain(words_spans).collect();
        self.entry_at(&text, &marks, at);
    }

    fn print_grades(&mut self, kw: &str, grades: &Grades, at: Option<Span>) {
        let head = format!("{kw}{}", self.kw("grades"));
        self.block(&head, &[], at, |p| {
            let mut entries = Vec::new();
            for list in p.lists_of(&grades.read_from, |i| i.span) {
                if let (Some(first), Some(last)) = (list.first(), list.last()) {
                    let at = first.span.to(last.span);
                    entries.push((first.span.start, GradesEntry::ReadFrom(list, at)));
                }
            }
            for removed in &grades.removed {
                entries.push((removed.span.start, GradesEntry::Removed(removed)));
            }
            for grade in &grades.grades {
                entries.push((grade.name.span.start, GradesEntry::Grade(grade)));
            }
            for target in &grades.target {
                entries.push((target.span.start, GradesEntry::Target(target)));
            }
            for entry in p.in_order(entries) {
                match entry {
                    GradesEntry::ReadFrom(list, at) => {
                        let text = format!("{} {}", p.kw("read_from"), names(list));
                        let marks: Vec<Span> = list.iter().map(|i| i.span).collect();
                        p.print_entry_docs(&grades.entry_docs, marks.iter().map(|m| m.start));
                        p.entry_at(&text, &marks, at);
                    }
                    GradesEntry::Removed(removed) => p.print_removed_entry(removed),
                    GradesEntry::Grade(grade) => p.print_grade(grade),
                    GradesEntry::Target(target) => p.print_target_grade(target),
                }
            }
        });
    }

    fn print_grade(&mut self, grade: &Grade) {
        self.print_doc(&grade.doc);
        let mut text = format!("{} {}", print_name(&grade.name), self.atom(&grade.share));
        let mut at = grade.name.span.to(grade.share.span);
        if let Some(up_to) = &grade.up_to {
            let range = self.range(&grade.share, up_to, grade.ends);
            text = format!("{} {range}", print_name(&grade.name));
            at = at.to(up_to.span);
        }
        if !grade.aliases.is_empty() {
            text = format!("{text} {} {}", self.kw("also"), texts(&grade.aliases));
        }
        if let Some(last) = grade.aliases.last() {
            at = at.to(last.span);
        }
        self.entry_at(&text, &[grade.name.span], at);
    }

    fn print_target_grade(&mut self, target: &TargetGrade) {
        self.print_doc(&target.doc);
        let text = format!(
            "{} {} {}",
            self.kw("target"),
            self.kw("counts_as"),
            print_name(&target.grade)
        );
        self.entry_at(&text, &[target.span], target.span);
    }

    fn print_missing(&mut self, kw: &str, missing: &Missing, at: Option<Span>) {
        let head = format!("{kw}{}", self.kw("missing"));
        self.block(&head, &[], at, |p| {
            for entry in &missing.entries {
                p.print_missing_entry(entry);
            }
        });
    }

    fn print_layout(&mut self, kw: &str, layout: &Layout, at: Option<Span>) {
        let head = format!("{kw}{}", self.kw("layout"));
        self.block(&head, &[], at, |p| {
            for entry in &layout.entries {
                p.print_doc(&entry.doc);
                let keyword = p.kw(match entry.kind {
                    LayoutWords::Ignore => "ignore",
                    LayoutWords::Totals => "totals",
                    LayoutWords::Labels => "labels",
                });
                let field = entry.field.as_ref().map(|f| format!(" {}", f.value));
                let text = format!(
                    "{keyword}{} {}",
                    field.unwrap_or_default(),
                    texts(&entry.words)
                );
                p.entry_at(&text, &[entry.span], entry.span);
            }
        });
    }

    fn print_missing_entry(&mut self, entry: &MissingEntry) {
        self.print_doc(&entry.doc);
        let scores = self.kw("scores");
        let text = match &entry.kind {
            MissingEntryKind::Markers(markers) => {
                format!("{} {}", self.kw("markers"), texts(markers))
            }
            MissingEntryKind::Unexplained(share) => {
                format!("{} {scores} {}", self.kw("unexplained"), self.atom(share))
            }
            MissingEntryKind::Explained(share) => {
                format!("{} {scores} {}", self.kw("explained"), self.atom(share))
            }
        };
        self.entry_at(&text, &[entry.span], entry.span);
    }

    /// `80% to 90% exclusive`（`80% 至 90% 不含`）, or `[80%, 90%)` as written.
    fn range(&self, low: &Expr, high: &Expr, ends: Ends) -> String {
        if ends.brackets {
            let open = if ends.low == End::Exclusive { "(" } else { "[" };
            let close = if ends.high == End::Exclusive {
                ")"
            } else {
                "]"
            };
            return format!("{open}{}, {}{close}", self.expr(low), self.expr(high));
        }
        format!(
            "{}{} {} {}{}",
            self.atom(low),
            self.end_mark(ends.low),
            self.kw("to"),
            self.atom(high),
            self.end_mark(ends.high)
        )
    }

    /// ` inclusive` or ` exclusive` after a range's end, where one is written.
    fn end_mark(&self, end: End) -> String {
        match end {
            End::Closed => String::new(),
            End::Inclusive => format!(" {}", self.kw("inclusive")),
            End::Exclusive => format!(" {}", self.kw("exclusive")),
        }
    }

    /// `deduct 5% per 1%`, or in Chinese word order `每 1% 扣 5%`.
    fn print_deduction(&self, deduction: &Deduction) -> String {
        let (rate, per) = (self.atom(&deduction.rate), self.atom(&deduction.per));
        match self.style.keywords {
            Keywords::En => format!("deduct {rate} per {per}"),
            Keywords::Zh => format!("{} {per} {} {rate}", self.kw("per"), self.kw("deduct")),
        }
    }

    /// `0.01 half_away_from_zero`, after `rounding` or `share`.
    fn print_rounding(&self, rounding: &Rounding) -> String {
        format!(
            "{} {}",
            rounding.step,
            rounding_mode(rounding.mode, self.style.keywords)
        )
    }

    /// `discard actual when as_of > cutoff: after-cutoff error "…"`
    fn print_discard(&self, discard: &Discard) -> String {
        let finding = &discard.finding;
        let mut text = format!(
            "{} {} {} {}: {} {}",
            self.kw("discard"),
            self.kw("actual"),
            self.kw("when"),
            self.expr(&discard.condition),
            finding.code.name,
            self.severity(finding.severity),
        );
        if let Some(message) = &finding.message {
            text = format!("{text} {}", print_template(message, self.ctx()));
        }
        text
    }

    fn severity(&self, severity: Severity) -> &'static str {
        match (self.style.keywords, severity) {
            (Keywords::En, s) => s.as_str(),
            (Keywords::Zh, Severity::Error) => "错误",
            (Keywords::Zh, Severity::Warning) => "警告",
            (Keywords::Zh, Severity::Info) => "提示",
        }
    }
}

/// An entry of `grades`, which the tree keeps in four lists.
enum GradesEntry<'g> {
    ReadFrom(&'g [Ident], Span),
    Removed(&'g Ident),
    Grade(&'g Grade),
    Target(&'g TargetGrade),
}

/// A rounding mode's first spelling in `language`.
fn rounding_mode(mode: RoundingMode, language: Keywords) -> &'static str {
    RoundingMode::NAMES
        .iter()
        .find(|(_, _, m)| *m == mode)
        .map_or("half_away_from_zero", |(en, zh, _)| match language {
            Keywords::En => en,
            Keywords::Zh => zh,
        })
}

// ───────────────────────────── CHECKS ─────────────────────────────

impl Printer<'_> {
    /// A check without an assertion, `message` or `at` has no body; an override's body
    /// may give `message` or `at` alone (the base's assertion kept).
    fn print_check(&mut self, kw: &str, check: &Check, at: Option<Span>) {
        let finding = &check.finding;
        let mut head = format!(
            "{kw}{} {} {}",
            self.kw("check"),
            finding.code.name,
            self.severity(finding.severity)
        );
        if let Some(rows) = &check.rows {
            head = format!("{head} {} {}", self.kw("for"), rows.name);
        }
        if let Some(condition) = &check.condition {
            head = format!("{head} {} {}", self.kw("when"), self.expr(condition));
        }
        // An override changes a check's parts in place: each is marked by its own file.
        let rows = check.rows.as_ref().map(|r| r.span);
        let condition = check.condition.as_ref().map(|c| c.span);
        let marks: Vec<Span> = [Some(finding.severity_span), rows, condition]
            .into_iter()
            .flatten()
            .collect();
        if check.assertion.is_none() && finding.message.is_none() && check.at.is_none() {
            return match at {
                Some(at) => self.entry_at(&head, &marks, at),
                None => self.line(&head),
            };
        }
        self.block(&head, &marks, at, |p| {
            if let Some(assertion) = &check.assertion {
                p.entry_at(&p.expr(assertion), &[assertion.span], assertion.span);
            }
            if let Some(message) = &finding.message {
                let text = format!("{} {}", p.kw("message"), print_template(message, p.ctx()));
                p.entry_at(&text, &[message.span], message.span);
            }
            if let Some(at) = &check.at {
                let text = format!("{} {}", p.kw("at"), p.expr(at));
                p.entry_at(&text, &[at.span], at.span);
            }
        });
    }

    fn print_findings(&mut self, kw: &str, findings: &Findings, at: Option<Span>) {
        let head = format!("{kw}{}", self.kw("findings"));
        self.block(&head, &[], at, |p| {
            let removed = findings.removed.iter().map(|r| (r.span.start, Err(r)));
            let entries = findings.entries.iter().map(|e| (e.span.start, Ok(e)));
            for entry in p.in_order(removed.chain(entries).collect()) {
                match entry {
                    Err(removed) => p.print_removed_entry(removed),
                    Ok(entry) => p.print_finding_severity(entry),
                }
            }
        });
    }

    fn print_finding_severity(&mut self, entry: &FindingSeverity) {
        self.print_doc(&entry.doc);
        let mut text = format!("{} {}", entry.code.name, self.severity(entry.severity));
        if let Some(rename) = &entry.rename {
            text = format!("{text} {} {}", self.kw("as"), rename.name);
        }
        self.entry_at(&text, &[entry.span], entry.span);
    }

    fn print_adjust(&mut self, kw: &str, adjust: &Adjust, at: Option<Span>) {
        let mut head = format!("{kw}{} {}", self.kw("adjust"), adjust.code.name);
        head = match &adjust.target {
            AdjustTarget::Total => format!("{head} {}", self.kw("total")),
            AdjustTarget::Score(rows) => format!(
                "{head} {} {} {}",
                self.kw("score"),
                self.kw("for"),
                rows.name
            ),
        };
        if let Some(condition) = &adjust.condition {
            head = format!("{head} {} {}", self.kw("when"), self.expr(condition));
        }
        self.block(&head, &[], at, |p| {
            p.entry_at(&p.expr(&adjust.formula), &[], adjust.formula.span);
        });
    }

    fn print_rating(&mut self, kw: &str, rating: &Rating, at: Option<Span>) {
        let head = format!("{kw}{}", self.kw("rating"));
        self.block(&head, &[], at, |p| {
            let removed = rating.removed.iter().map(|r| (r.span.start, Err(r)));
            let entries = rating.entries.iter().map(|e| (e.span.start, Ok(e)));
            for entry in p.in_order(removed.chain(entries).collect()) {
                match entry {
                    Err(removed) => p.print_removed_entry(removed),
                    Ok(entry) => p.print_rating_entry(entry),
                }
            }
        });
    }

    fn print_rating_entry(&mut self, entry: &RatingEntry) {
        self.print_doc(&entry.doc);
        let name = print_name(&entry.name);
        let text = match &entry.condition {
            Some(condition) => format!("{name} {} {}", self.kw("when"), self.expr(condition)),
            None => format!("{name} {}", self.kw("otherwise")),
        };
        self.entry_at(&text, &[entry.span], entry.span);
    }

    /// The grammar requires the `score` of a line; a line without one prints an empty
    /// body, which does not parse.
    fn print_line(&mut self, kw: &str, line: &Line, at: Option<Span>) {
        let mut head = format!(
            "{kw}{} {} {}",
            self.kw("line"),
            line.key.name,
            quote(&line.label.value)
        );
        if let Some(points) = &line.points {
            head = format!("{head} {}", self.expr(points));
        }
        let points = line.points.as_ref().map(|e| e.span);
        let marks: Vec<Span> = std::iter::once(line.label.span).chain(points).collect();
        self.block(&head, &marks, at, |p| {
            p.print_doc(&line.score_doc);
            if let Some(score) = &line.score {
                let text = format!("{} {}", p.kw("score"), p.expr(score));
                p.entry_at(&text, &[score.span], score.span);
            }
        });
    }
}

// ───────────────────────────── EXPRESSIONS, BY STYLE ─────────────────────────────

impl Printer<'_> {
    fn ctx(&self) -> Ctx {
        Ctx {
            style: self.style,
            ..Ctx::TOP
        }
    }

    /// An expression where the grammar takes `expr`.
    fn expr(&self, expr: &Expr) -> String {
        let mut out = String::new();
        write_expr(&mut out, expr, self.ctx());
        out
    }

    /// An expression where the grammar takes `expr_atom` (a weight, a share, a band edge).
    fn atom(&self, expr: &Expr) -> String {
        let mut out = String::new();
        let ctx = Ctx {
            atom: true,
            ..self.ctx()
        };
        write_expr(&mut out, expr, ctx);
        out
    }
}

// ───────────────────────────── NAMES AND TEXTS ─────────────────────────────

/// Keywords that a bare name would be read as where the grammar takes a `name` (a grade,
/// a rating, a catalog entry): `remove` starts a remove entry, `scored_by` continues a
/// catalog entry, `read_from` and `target` start entries of `grades`, `to`, `also` and an
/// end's `inclusive` or `exclusive` continue a grade, and a unit after a
/// number makes it points or an amount (`90` then a rating named `分`).
const NAME_KEYWORDS: [Rule; 10] = [
    Rule::kw_remove,
    Rule::kw_scored_by,
    Rule::kw_inclusive,
    Rule::kw_exclusive,
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
fn print_template(template: &Template, ctx: Ctx) -> String {
    let mut out = String::from("\"");
    for part in &template.parts {
        match part {
            TemplatePart::Text(text) => escape_into(&mut out, text, true),
            TemplatePart::Hole(expr) => {
                out.push('{');
                let hole = Ctx {
                    in_template: true,
                    ..ctx.top()
                };
                write_expr(&mut out, expr, hole);
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
    /// Inside a hole of a message: texts there are written in Chinese quotes where they
    /// can be, so that an ASCII `"` does not seem to end the message.
    in_template: bool,
    /// How words are spelt.
    style: Style,
}

impl Ctx {
    const TOP: Ctx = Ctx {
        left: 0,
        follow: 0,
        atom: false,
        if_head: false,
        in_template: false,
        style: Style::DEFAULT,
    };

    /// A fresh start (inside parentheses, brackets, arguments), in the same style.
    fn top(self) -> Ctx {
        Ctx {
            style: self.style,
            in_template: self.in_template,
            ..Ctx::TOP
        }
    }

    fn kw(self, en: &'static str) -> &'static str {
        self.style.kw(en)
    }
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
        // The `else` branch would take whatever follows; as an operator's right operand it
        // would parse bare, but `a * if …` reads as if the `if` took `a` too.
        ExprKind::If(..) => ctx.follow > 0 || ctx.if_head || ctx.left > 0,
        ExprKind::Literal(_)
        | ExprKind::Name(_)
        | ExprKind::Outer(_)
        | ExprKind::Member(..)
        | ExprKind::Filter(..)
        | ExprKind::Call(..) => false,
    }
}

fn write_expr(out: &mut String, expr: &Expr, ctx: Ctx) {
    let parens = needs_parens(expr, ctx);
    let ctx = if parens {
        out.push('(');
        ctx.top()
    } else {
        ctx
    };
    match &expr.kind {
        ExprKind::Literal(literal) => out.push_str(&print_literal(literal, ctx)),
        ExprKind::Name(name) => out.push_str(&name.name),
        ExprKind::Outer(field) => {
            out.push_str(ctx.kw("outer"));
            out.push('.');
            out.push_str(&field.name);
        }
        ExprKind::Member(base, member) => {
            write_postfix_base(out, base, ctx);
            out.push('.');
            out.push_str(&member.name);
        }
        ExprKind::Filter(base, condition) => {
            write_postfix_base(out, base, ctx);
            out.push('[');
            write_expr(out, condition, ctx.top());
            out.push(']');
        }
        ExprKind::Unary(op, operand) => write_unary(out, *op, operand, ctx),
        ExprKind::Binary(op, left, right) => write_binary(out, *op, left, right, ctx),
        ExprKind::If(condition, then, otherwise) => write_if(out, condition, then, otherwise, ctx),
        ExprKind::Call(name, args) => write_call(out, name, args, ctx),
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
        UnaryOp::Not => {
            out.push_str(ctx.kw("not"));
            out.push(' ');
        }
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
    out.push_str(ctx.kw(op.symbol()));
    out.push(' ');
    write_expr(out, right, Ctx { left: power, ..ctx });
}

fn write_if(out: &mut String, condition: &Expr, then: &Expr, otherwise: &Expr, ctx: Ctx) {
    let head = Ctx {
        if_head: true,
        ..ctx.top()
    };
    out.push_str(ctx.kw("if"));
    out.push(' ');
    write_expr(out, condition, head);
    out.push_str(&format!(" {} ", ctx.kw("then")));
    write_expr(out, then, head);
    out.push_str(&format!(" {} ", ctx.kw("else")));
    write_expr(out, otherwise, ctx.top());
}

fn write_call(out: &mut String, name: &Ident, args: &[Expr], ctx: Ctx) {
    out.push_str(&translated(&name.name, &crate::ir::FUNCTIONS, ctx.style));
    out.push('(');
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(out, arg, ctx.top());
    }
    out.push(')');
}

fn print_literal(literal: &Literal, ctx: Ctx) -> String {
    match literal {
        Literal::Number(n) => n.to_string(),
        Literal::Percent(ratio) => format!("{}%", percent_number(*ratio)),
        Literal::Points(n) => format!("{n} 分"),
        Literal::Amount(n) => format!("{n} 万元"),
        Literal::Date(date) => print_date(*date),
        Literal::Text(text) if ctx.in_template && !text.contains(['”', '\n', '\r']) => {
            format!("“{text}”")
        }
        Literal::Text(text) => quote(text),
        Literal::Bool(true) => ctx.kw("true").to_owned(),
        Literal::Bool(false) => ctx.kw("false").to_owned(),
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
