//! The typed syntax tree of a ruleset.
//!
//! Every node carries its [`Span`]. Names are not resolved here and nothing is
//! type-checked: that is `check`'s work. Doc comments (`///`) stay with the node they
//! precede, so that tools can quote the policy clause a rule implements.

use jiff::civil::Date;
use rust_decimal::Decimal;

use crate::i18n::t;
pub use crate::ir::vocab::{
    BinaryOp, Comparator, Open, ResidualRule, RoundingMode, Severity, UnaryOp,
};
use crate::source::Span;

/// A whole ruleset file.
#[derive(Clone, Debug, PartialEq)]
pub struct Ruleset {
    /// The `//!` lines at the top of the file.
    pub doc: Doc,
    /// Items in file order.
    pub items: Vec<Item>,
}

/// Doc comment lines, without their `///` or `//!` and one following space.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// One entry per line.
    pub lines: Vec<String>,
}

impl Doc {
    /// The lines joined by newlines.
    #[must_use]
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Whether there is no doc comment.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// A name with its span: `budget`, `产出类`, `"资金使用合规性"`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name, unquoted.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// A text literal with its span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The text, with escapes resolved.
    pub value: String,
    /// Where it is written, quotes included.
    pub span: Span,
}

/// One top-level item.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Its doc comment.
    pub doc: Doc,
    /// Whether it defines something new or changes an item of the base ruleset.
    pub mode: Mode,
    /// What it declares.
    pub kind: ItemKind,
    /// The whole item, doc comment excluded.
    pub span: Span,
}

/// Whether an item defines or changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A new item.
    Define,
    /// `override …`: entries replace or add to the base item's; `remove` entries drop
    /// some.
    Override,
}

/// The kinds of top-level item.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    /// `ruleset "…" { … }`
    Header(Header),
    /// `form { … }`
    Form(Form),
    /// `category 产出 { … }`
    Category(Category),
    /// `pool 个性指标 55 { … }`
    Pool(Pool),
    /// `class 产出类 { … }`
    Class(Class),
    /// `completion { … }` at the top level.
    Completion(Completion),
    /// `comparators { … }`
    Comparators(Vec<ComparatorWords>),
    /// `grades { … }`
    Grades(Grades),
    /// `missing { … }`
    Missing(Missing),
    /// `layout { … }`
    Layout(Layout),
    /// `rounding 0.01 half_away_from_zero`
    Rounding(Rounding),
    /// `discard actual when … : code severity "…"`
    Discard(Discard),
    /// `check code severity … { … }`
    Check(Check),
    /// `findings { code severity … }`
    Findings(Findings),
    /// `adjust code total { … }`
    Adjust(Adjust),
    /// `rating { … }`
    Rating(Rating),
    /// `line key "label" points { score … }`
    Line(Line),
    /// `let 扣减比例 = 5%`
    Constant(Constant),
    /// `remove kind name`
    Remove(Removal),
    /// `rename kind name to name`
    Rename(Renaming),
}

/// The kinds of item, as `remove` and `rename` name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKindName {
    /// `category`
    Category,
    /// `pool`
    Pool,
    /// `class`
    Class,
    /// `line`
    Line,
    /// `indicator`: an indicator of a fixed catalog.
    Indicator,
    /// `check`
    Check,
    /// `discard`
    Discard,
    /// `adjust`
    Adjust,
    /// `rating`
    Rating,
    /// `rounding`
    Rounding,
    /// `completion`
    Completion,
    /// `comparators`
    Comparators,
    /// `grades`
    Grades,
    /// `missing`
    Missing,
    /// `layout`
    Layout,
    /// `findings`
    Findings,
    /// `let`: a named constant.
    Constant,
}

impl ItemKindName {
    /// The English keyword.
    #[must_use]
    pub fn keyword(self) -> &'static str {
        match self {
            ItemKindName::Category => "category",
            ItemKindName::Pool => "pool",
            ItemKindName::Class => "class",
            ItemKindName::Line => "line",
            ItemKindName::Indicator => "indicator",
            ItemKindName::Check => "check",
            ItemKindName::Discard => "discard",
            ItemKindName::Adjust => "adjust",
            ItemKindName::Rating => "rating",
            ItemKindName::Rounding => "rounding",
            ItemKindName::Completion => "completion",
            ItemKindName::Comparators => "comparators",
            ItemKindName::Grades => "grades",
            ItemKindName::Missing => "missing",
            ItemKindName::Layout => "layout",
            ItemKindName::Findings => "findings",
            ItemKindName::Constant => "let",
        }
    }

    /// The kind in words of the current language: the keyword in English (`class`), a
    /// noun in Chinese (`评分规则`, as its keyword is spelt).
    #[must_use]
    pub fn words(self) -> String {
        match self {
            ItemKindName::Category => t!(ITEM_CATEGORY),
            ItemKindName::Pool => t!(ITEM_POOL),
            ItemKindName::Class => t!(ITEM_CLASS),
            ItemKindName::Line => t!(ITEM_LINE),
            ItemKindName::Indicator => t!(ITEM_INDICATOR),
            ItemKindName::Check => t!(ITEM_CHECK),
            ItemKindName::Discard => t!(ITEM_DISCARD),
            ItemKindName::Adjust => t!(ITEM_ADJUST),
            ItemKindName::Rating => t!(ITEM_RATING),
            ItemKindName::Rounding => t!(ITEM_ROUNDING),
            ItemKindName::Completion => t!(ITEM_COMPLETION),
            ItemKindName::Comparators => t!(ITEM_COMPARATORS),
            ItemKindName::Grades => t!(ITEM_GRADES),
            ItemKindName::Missing => t!(ITEM_MISSING),
            ItemKindName::Layout => t!(ITEM_LAYOUT),
            ItemKindName::Findings => t!(ITEM_FINDINGS),
            ItemKindName::Constant => t!(ITEM_CONSTANT),
        }
    }
}

/// `remove check funds-split`
#[derive(Clone, Debug, PartialEq)]
pub struct Removal {
    /// What kind of item.
    pub kind: ItemKindName,
    /// Its name, for kinds that have one.
    pub name: Option<Ident>,
}

/// `rename category 效益 to 效果`
#[derive(Clone, Debug, PartialEq)]
pub struct Renaming {
    /// What kind of item.
    pub kind: ItemKindName,
    /// The name in the base.
    pub from: Ident,
    /// The new name.
    pub to: Ident,
}

/// `findings { … }`
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Findings {
    /// Entries in file order.
    pub entries: Vec<FindingSeverity>,
    /// `remove code` entries (in an override).
    pub removed: Vec<Ident>,
}

/// `adjust total-cap total when … { min(total, 60 分) }`
#[derive(Clone, Debug, PartialEq)]
pub struct Adjust {
    /// The finding code raised where the adjustment changes something.
    pub code: Ident,
    /// What it changes.
    pub target: AdjustTarget,
    /// Where it applies.
    pub condition: Option<Expr>,
    /// The new value.
    pub formula: Expr,
}

/// What an adjustment changes.
#[derive(Clone, Debug, PartialEq)]
pub enum AdjustTarget {
    /// The total.
    Total,
    /// Each row's score (`score for indicators`).
    Score(Ident),
}

/// `rating { 优 when total >= 90 分 … }`
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Rating {
    /// Grades in order; the first that holds is the rating.
    pub entries: Vec<RatingEntry>,
    /// `remove grade` entries (in an override).
    pub removed: Vec<Ident>,
}

/// `优 when total >= 90 分`
#[derive(Clone, Debug, PartialEq)]
pub struct RatingEntry {
    /// Its doc comment.
    pub doc: Doc,
    /// The grade.
    pub name: Ident,
    /// When it applies; `None` for `otherwise`.
    pub condition: Option<Expr>,
    /// The whole entry.
    pub span: Span,
}

/// `line execution_score "预算执行率" 10 分 { score … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The key, as reports name it (`execution_score`).
    pub key: Ident,
    /// The form's words for it.
    pub label: Text,
    /// The most points it can score, where given.
    pub points: Option<Expr>,
    /// The doc comment of the formula.
    pub score_doc: Doc,
    /// The formula.
    pub score: Option<Expr>,
}

/// `let 扣减比例 = 5%`: a number (or other value) of the policy, named once and used by
/// that name in any expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Constant {
    /// Its name.
    pub name: Ident,
    /// Its value: literals, other constants and operators; `check` computes it.
    pub value: Expr,
}

/// The ruleset's identity.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// The ruleset's name.
    pub name: Text,
    /// `extends "…"`: the base ruleset's path, relative to this file.
    pub extends: Option<Text>,
    /// Entries in file order.
    pub entries: Vec<HeaderEntry>,
}

/// One entry of the header, with its doc comment.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderEntry {
    /// Its doc comment.
    pub doc: Doc,
    /// The value.
    pub kind: HeaderEntryKind,
    /// The whole entry.
    pub span: Span,
}

/// The header's entries.
#[derive(Clone, Debug, PartialEq)]
pub enum HeaderEntryKind {
    /// `version "2023.1"`
    Version(Text),
    /// `fiscal_year 2023`
    FiscalYear(i32),
    /// `cutoff 2023-12-31`
    Cutoff(Date),
    /// `max_score 80`
    MaxScore(Expr),
}

/// The form: sections and fields of a project file.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    /// Sections in file order.
    pub sections: Vec<FormSection>,
    /// `remove key` entries (in an override).
    pub removed: Vec<Ident>,
}

/// One section of the form.
#[derive(Clone, Debug, PartialEq)]
pub struct FormSection {
    /// Its doc comment.
    pub doc: Doc,
    /// Whether a project file may leave it out.
    pub optional: bool,
    /// `section` (one record) or `rows`.
    pub rows: bool,
    /// The key in project files.
    pub key: Ident,
    /// The form's own words for it.
    pub label: Text,
    /// Fields in file order.
    pub fields: Vec<FormField>,
    /// `remove key` entries (in an override).
    pub removed: Vec<Ident>,
    /// The whole section.
    pub span: Span,
}

/// One field of a form section: `paid: amount "实际支付数"`.
#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    /// Its doc comment.
    pub doc: Doc,
    /// The key in project files.
    pub key: Ident,
    /// Whether a record may leave it out.
    pub optional: bool,
    /// The type name as written (`amount`, `金额`); resolved by `check`.
    pub ty: Ident,
    /// The form's own words for it.
    pub label: Text,
}

/// `category 效益 { labels … scored_by … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    /// The canonical name.
    pub name: Ident,
    /// Other labels forms use for it (in an override: all of them, replacing the base's).
    pub labels: Vec<Text>,
    /// `add labels …`: labels added to the others (in an override: to the base's).
    pub added_labels: Vec<Text>,
    /// The class that scores its quantitative indicators.
    pub scored_by: Option<Ident>,
    /// Former names, from `rename category OLD to NEW` in an extending ruleset: rules of
    /// the base may still use them.
    pub aliases: Vec<Ident>,
    /// The doc comments of its entries that are no node of their own (`labels`,
    /// `scored_by`, `categories`, a split, `read_from`), each by its entry's first value:
    /// `show` prints each before its entry.
    pub entry_docs: Vec<(Span, Doc)>,
}

/// `pool 个性指标 55 { … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Pool {
    /// The pool's name.
    pub name: Ident,
    /// Its points; required unless the pool is an override.
    pub points: Option<Expr>,
    /// `categories …`, where given.
    pub categories: Vec<Ident>,
    /// How its points are split, where given.
    pub splits: Vec<Split>,
    /// The doc comments of its entries that are no node of their own (`labels`,
    /// `scored_by`, `categories`, a split, `read_from`), each by its entry's first value:
    /// `show` prints each before its entry.
    pub entry_docs: Vec<(Span, Doc)>,
}

/// How a pool's points are split among its indicators.
#[derive(Clone, Debug, PartialEq)]
pub enum Split {
    /// `split fixed { 决策 { 立项依据充分性 1 … } }`
    Fixed {
        /// The catalog, by category.
        catalog: Vec<CatalogCategory>,
        /// The `split fixed` clause.
        span: Span,
    },
    /// `split evenly share 0.01 truncate residual to …`
    Evenly {
        /// How the share is rounded, where given.
        share: Option<Rounding>,
        /// Who carries what rounding leaves, where given.
        residual: Option<Residual>,
        /// The `split evenly` clause.
        span: Span,
    },
    /// `split declared`
    Declared {
        /// The clause.
        span: Span,
    },
}

/// A category's part of a fixed catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogCategory {
    /// Its doc comment.
    pub doc: Doc,
    /// The category.
    pub category: Ident,
    /// Its indicators with their weights.
    pub entries: Vec<CatalogEntry>,
    /// `remove name` entries (in an override).
    pub removed: Vec<Ident>,
}

/// `立项依据充分性 1`
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogEntry {
    /// Its doc comment.
    pub doc: Doc,
    /// The indicator's name.
    pub name: Ident,
    /// Its weight.
    pub weight: Expr,
    /// `scored_by CLASS`: the class that scores it, in place of its category's.
    pub class: Option<Ident>,
}

/// Who carries the residual of an even split.
#[derive(Clone, Debug, PartialEq)]
pub struct Residual {
    /// Its doc comment.
    pub doc: Doc,
    /// The rule.
    pub rule: ResidualRule,
    /// The clause.
    pub span: Span,
}

/// `class 产出类 { … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Class {
    /// The class's name.
    pub name: Ident,
    /// Its rules in file order.
    pub rules: Vec<ClassRule>,
}

/// One rule of a class, with its doc comment.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassRule {
    /// Its doc comment.
    pub doc: Doc,
    /// The rule.
    pub kind: ClassRuleKind,
    /// The whole rule.
    pub span: Span,
}

/// The rules a class may state.
#[derive(Clone, Debug, PartialEq)]
pub enum ClassRuleKind {
    /// `full 100% to 130%`, `full [100%, 130%)`, or `full from 100%` (`upper` absent).
    Full {
        /// The lower edge of the full-marks band.
        lower: Expr,
        /// The upper edge, if any.
        upper: Option<Expr>,
        /// Whether each edge belongs to the band, and how that is written.
        ends: Ends,
    },
    /// `below deduct 5% per 1%`
    Below(Deduction),
    /// `above deduct 1% per 1%`
    Above(Deduction),
    /// `floor 0%`
    Floor(Expr),
    /// `cap 100%`
    Cap(Expr),
    /// `completion { … }` for this class only.
    Completion(Completion),
    /// `score …`: a formula for the score, in place of the band.
    Score(Expr),
    /// `labels "成本指标", …`: the words a form's `class` column writes for this class.
    Labels(Vec<Text>),
}

/// How a range's ends are written: `80% to 90%`, `80% to 90% exclusive`（`80% 至 90% 不含`）,
/// `[80%, 90%)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ends {
    /// The low end.
    pub low: End,
    /// The high end.
    pub high: End,
    /// Written in brackets, `[80%, 90%)`, rather than with `to`.
    pub brackets: bool,
}

impl Ends {
    /// Which ends are open.
    #[must_use]
    pub fn open(self) -> Open {
        Open {
            low: self.low == End::Exclusive,
            high: self.high == End::Exclusive,
        }
    }
}

/// One end of a range, as written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum End {
    /// Nothing said: the end's value belongs to the range.
    #[default]
    Closed,
    /// `inclusive`（含）, or `[` `]`: the end's value belongs to the range.
    Inclusive,
    /// `exclusive`（不含）, or `(` `)`: the end's value does not.
    Exclusive,
}

/// `deduct RATE per STEP`: RATE of the weight for each STEP of completion.
#[derive(Clone, Debug, PartialEq)]
pub struct Deduction {
    /// The share of the weight deducted.
    pub rate: Expr,
    /// The completion step it is deducted for.
    pub per: Expr,
}

/// `completion { = >= > : … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    /// Cases in file order.
    pub cases: Vec<CompletionCase>,
    /// The whole block.
    pub span: Span,
}

/// `<= < : expr`
#[derive(Clone, Debug, PartialEq)]
pub struct CompletionCase {
    /// Its doc comment.
    pub doc: Doc,
    /// The comparators it covers.
    pub comparators: Vec<(Comparator, Span)>,
    /// The completion formula.
    pub formula: Expr,
}

/// `>= before "不低于" after "以上"`
#[derive(Clone, Debug, PartialEq)]
pub struct ComparatorWords {
    /// Its doc comment.
    pub doc: Doc,
    /// The comparator the words mean.
    pub comparator: Comparator,
    /// Where the comparator is written.
    pub span: Span,
    /// Words written before the number.
    pub before: Vec<Text>,
    /// Words written after the number (and unit).
    pub after: Vec<Text>,
}

/// `grades { … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Grades {
    /// The grades in file order.
    pub grades: Vec<Grade>,
    /// `target counts_as 好`, where given.
    pub target: Vec<TargetGrade>,
    /// `read_from level, actual`: the fields a grade word is read from.
    pub read_from: Vec<Ident>,
    /// `remove grade` entries (in an override).
    pub removed: Vec<Ident>,
    /// The doc comments of its entries that are no node of their own (`labels`,
    /// `scored_by`, `categories`, a split, `read_from`), each by its entry's first value:
    /// `show` prints each before its entry.
    pub entry_docs: Vec<(Span, Doc)>,
}

/// `好 100%` or `达成年度指标 80% to 100% also "达成"`
#[derive(Clone, Debug, PartialEq)]
pub struct Grade {
    /// Its doc comment.
    pub doc: Doc,
    /// The grade word.
    pub name: Ident,
    /// Its share of the weight, or the low end of its range.
    pub share: Expr,
    /// The high end of its range, where it is a range.
    pub up_to: Option<Expr>,
    /// Whether each end of its range belongs to it, and how that is written.
    pub ends: Ends,
    /// Other words that mean this grade.
    pub aliases: Vec<Text>,
}

/// `target counts_as 好`
#[derive(Clone, Debug, PartialEq)]
pub struct TargetGrade {
    /// Its doc comment.
    pub doc: Doc,
    /// The grade the target word counts as.
    pub grade: Ident,
    /// The clause.
    pub span: Span,
}

/// `missing { … }`
#[derive(Clone, Debug, PartialEq)]
pub struct Missing {
    /// The entries in file order.
    pub entries: Vec<MissingEntry>,
}

/// One entry of `missing`, with its doc comment.
#[derive(Clone, Debug, PartialEq)]
pub struct MissingEntry {
    /// Its doc comment.
    pub doc: Doc,
    /// The entry.
    pub kind: MissingEntryKind,
    /// The whole entry.
    pub span: Span,
}

/// The entries of `missing`.
#[derive(Clone, Debug, PartialEq)]
pub enum MissingEntryKind {
    /// `markers "", "-"`
    Markers(Vec<Text>),
    /// `unexplained scores 0%`
    Unexplained(Expr),
    /// `explained scores 0%`
    Explained(Expr),
}

/// `layout { ignore "项目" totals "合计" }`: how the form is laid out on paper.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    /// The entries in file order.
    pub entries: Vec<LayoutEntry>,
}

/// One entry of `layout`, with its doc comment.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutEntry {
    /// Its doc comment.
    pub doc: Doc,
    /// Which list.
    pub kind: LayoutWords,
    /// The field a `labels` entry names, as written (`indicators.self_score`).
    pub field: Option<Text>,
    /// The words.
    pub words: Vec<Text>,
    /// The whole entry.
    pub span: Span,
}

/// The lists of `layout`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutWords {
    /// `ignore "项目", "填表说明*"`: cells that belong to no field.
    Ignore,
    /// `totals "合计"`: the first words of a table's total row.
    Totals,
    /// `labels indicators.self_score "自评得分"`: other words for a field's column.
    Labels,
}

/// `rounding 0.01 half_away_from_zero`, or the share rounding of an even split.
#[derive(Clone, Debug, PartialEq)]
pub struct Rounding {
    /// The step.
    pub step: Decimal,
    /// Where the step is written.
    pub step_span: Span,
    /// The mode.
    pub mode: RoundingMode,
    /// The whole clause.
    pub span: Span,
}

/// `discard actual when as_of > cutoff: after-cutoff error "…"`
#[derive(Clone, Debug, PartialEq)]
pub struct Discard {
    /// When an indicator's actual value is not taken.
    pub condition: Expr,
    /// The finding raised.
    pub finding: FindingSpec,
}

/// A finding a rule raises: code, severity and optional message.
#[derive(Clone, Debug, PartialEq)]
pub struct FindingSpec {
    /// The stable kebab-case code.
    pub code: Ident,
    /// How serious it is.
    pub severity: Severity,
    /// Where the severity is written.
    pub severity_span: Span,
    /// The message, if the rule gives one.
    pub message: Option<Template>,
}

/// `check code severity [for rows] [when cond] { expr [message …] [at expr] }`
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// Code, severity and message.
    pub finding: FindingSpec,
    /// `for indicators`: check each row of this rows section.
    pub rows: Option<Ident>,
    /// `when …`: the check applies only where this holds.
    pub condition: Option<Expr>,
    /// What must hold; only an override may leave it out.
    pub assertion: Option<Expr>,
    /// `at …`: the value a finding points at.
    pub at: Option<Expr>,
}

/// `missing-value warning` in `findings { … }`
#[derive(Clone, Debug, PartialEq)]
pub struct FindingSeverity {
    /// Its doc comment.
    pub doc: Doc,
    /// The engine's finding code.
    pub code: Ident,
    /// The severity the ruleset gives it.
    pub severity: Severity,
    /// `as unknown-level`: the code to report it under.
    pub rename: Option<Ident>,
    /// The whole entry.
    pub span: Span,
}

/// A message with `{expression}` holes.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// Text and holes in order.
    pub parts: Vec<TemplatePart>,
    /// The whole template, quotes included.
    pub span: Span,
}

/// A piece of a template.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplatePart {
    /// Literal text.
    Text(String),
    /// `{expr}`
    Hole(Expr),
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A literal value.
    Literal(Literal),
    /// A bare name: a field of the current row, a section, a constant.
    Name(Ident),
    /// `base.name`
    Member(Box<Expr>, Ident),
    /// `rows[condition]`
    Filter(Box<Expr>, Box<Expr>),
    /// `op operand`
    Unary(UnaryOp, Box<Expr>),
    /// `left op right`
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `name(args)`
    Call(Ident, Vec<Expr>),
    /// `outer.name`: a field or computed value of the row outside the innermost filter.
    Outer(Ident),
}

/// A literal value, with the kind its unit gives it.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// A bare number: `12.5`.
    Number(Decimal),
    /// A percentage, stored as its ratio: `5%` is 0.05.
    Percent(Decimal),
    /// Points: `80 分`.
    Points(Decimal),
    /// Money: `1679.7 万元`.
    Amount(Decimal),
    /// A date.
    Date(Date),
    /// A text.
    Text(String),
    /// A boolean.
    Bool(bool),
}

impl Expr {
    /// Calls `f` on this expression and every expression inside it, parents first.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        f(self);
        match &mut self.kind {
            ExprKind::Literal(_) | ExprKind::Name(_) | ExprKind::Outer(_) => {}
            ExprKind::Member(base, _) | ExprKind::Unary(_, base) => base.walk_mut(f),
            ExprKind::Filter(a, b) | ExprKind::Binary(_, a, b) => {
                a.walk_mut(f);
                b.walk_mut(f);
            }
            ExprKind::If(c, a, b) => {
                c.walk_mut(f);
                a.walk_mut(f);
                b.walk_mut(f);
            }
            ExprKind::Call(_, args) => args.iter_mut().for_each(|a| a.walk_mut(f)),
        }
    }
}

impl ItemKind {
    /// Calls `f` on every expression of the item (see [`Expr::walk_mut`]).
    pub fn walk_exprs_mut(&mut self, f: &mut dyn FnMut(&mut Expr)) {
        let mut each = |e: &mut Expr| e.walk_mut(f);
        match self {
            ItemKind::Header(h) => h.entries.iter_mut().for_each(|e| {
                if let HeaderEntryKind::MaxScore(x) = &mut e.kind {
                    each(x);
                }
            }),
            ItemKind::Pool(p) => {
                p.points.iter_mut().for_each(&mut each);
                for split in &mut p.splits {
                    if let Split::Fixed { catalog, .. } = split {
                        catalog
                            .iter_mut()
                            .flat_map(|c| &mut c.entries)
                            .for_each(|e| each(&mut e.weight));
                    }
                }
            }
            ItemKind::Class(c) => c
                .rules
                .iter_mut()
                .for_each(|r| r.kind.walk_exprs_mut(&mut each)),
            ItemKind::Completion(c) => c.cases.iter_mut().for_each(|case| each(&mut case.formula)),
            ItemKind::Grades(g) => g.grades.iter_mut().for_each(|grade| {
                each(&mut grade.share);
                grade.up_to.iter_mut().for_each(&mut each);
            }),
            ItemKind::Layout(_) => {}
            ItemKind::Missing(m) => m.entries.iter_mut().for_each(|e| match &mut e.kind {
                MissingEntryKind::Unexplained(x) | MissingEntryKind::Explained(x) => each(x),
                MissingEntryKind::Markers(_) => {}
            }),
            ItemKind::Discard(d) => {
                each(&mut d.condition);
                d.finding.walk_exprs_mut(&mut each);
            }
            ItemKind::Check(c) => {
                c.condition.iter_mut().for_each(&mut each);
                c.assertion.iter_mut().for_each(&mut each);
                c.at.iter_mut().for_each(&mut each);
                c.finding.walk_exprs_mut(&mut each);
            }
            ItemKind::Adjust(a) => {
                a.condition.iter_mut().for_each(&mut each);
                each(&mut a.formula);
            }
            ItemKind::Rating(r) => r
                .entries
                .iter_mut()
                .for_each(|e| e.condition.iter_mut().for_each(&mut each)),
            ItemKind::Line(l) => {
                l.points.iter_mut().for_each(&mut each);
                l.score.iter_mut().for_each(&mut each);
            }
            ItemKind::Constant(c) => each(&mut c.value),
            ItemKind::Form(_)
            | ItemKind::Category(_)
            | ItemKind::Comparators(_)
            | ItemKind::Rounding(_)
            | ItemKind::Findings(_)
            | ItemKind::Remove(_)
            | ItemKind::Rename(_) => {}
        }
    }
}

impl ClassRuleKind {
    fn walk_exprs_mut(&mut self, each: &mut dyn FnMut(&mut Expr)) {
        match self {
            ClassRuleKind::Full { lower, upper, .. } => {
                each(lower);
                upper.iter_mut().for_each(each);
            }
            ClassRuleKind::Below(d) | ClassRuleKind::Above(d) => {
                each(&mut d.rate);
                each(&mut d.per);
            }
            ClassRuleKind::Floor(x) | ClassRuleKind::Cap(x) | ClassRuleKind::Score(x) => each(x),
            ClassRuleKind::Completion(c) => {
                c.cases.iter_mut().for_each(|case| each(&mut case.formula))
            }
            ClassRuleKind::Labels(_) => {}
        }
    }
}

impl FindingSpec {
    fn walk_exprs_mut(&mut self, each: &mut dyn FnMut(&mut Expr)) {
        for part in self.message.iter_mut().flat_map(|m| &mut m.parts) {
            if let TemplatePart::Hole(x) = part {
                each(x);
            }
        }
    }
}
