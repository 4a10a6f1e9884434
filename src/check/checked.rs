//! What the checker makes of a ruleset: every declaration with its names resolved to
//! indices and its expressions resolved and typed.
//!
//! This is still in the ruleset's own shape and order; `compile` arranges it for
//! evaluation (indexes, lookups, defaults).

use jiff::civil::Date;

use crate::data::schema::FormSchema;
use crate::ir::Expr;
use crate::syntax::ast::Severity;

/// A ruleset that passed the checker.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The ruleset's name.
    pub name: String,
    /// Its version, where given.
    pub version: Option<String>,
    /// The `//!` comment at the top of the file.
    pub doc: String,
    /// The fiscal year, where given.
    pub fiscal_year: Option<i32>,
    /// The data cutoff date, where given.
    pub cutoff: Option<Date>,
    /// The most points a project can score, where given.
    pub max_score: Option<Expr>,
    /// The form a project file fills.
    pub form: FormSchema,
    /// Categories in declaration order; their index is their id.
    pub categories: Vec<CategoryDef>,
    /// Pools in declaration order.
    pub pools: Vec<PoolDef>,
    /// Scoring classes in declaration order.
    pub classes: Vec<ClassDef>,
    /// The ruleset-wide completion formulas.
    pub completion: Vec<CompletionCaseDef>,
    /// Words that forms use for comparators.
    pub comparator_words: Vec<ComparatorWordsDef>,
    /// Qualitative grades in declaration order.
    pub grades: Vec<GradeDef>,
    /// The grade an actual equal to the target word counts as.
    pub target_grade: Option<usize>,
    /// The fields a grade word is read from, first present first; `actual` by default.
    pub grade_fields: Vec<String>,
    /// How missing values are recognised and scored.
    pub missing: MissingDef,
    /// How the form is laid out on paper, for reading workbooks and text exports.
    pub layout: LayoutDef,
    /// How each indicator's score is rounded, where given.
    pub rounding: Option<RoundingDef>,
    /// When an actual value is not taken.
    pub discards: Vec<DiscardDef>,
    /// Consistency checks in declaration order.
    pub checks: Vec<CheckDef>,
    /// Severities the ruleset gives the engine's own findings, and the codes to report
    /// them under.
    pub severities: Vec<(String, Severity, Option<String>)>,
    /// Adjustments of scores or of the total, in order.
    pub adjustments: Vec<AdjustDef>,
    /// The rating of the total: the first grade whose condition holds.
    pub rating: Vec<RatingDef>,
    /// Points scored by formulas outside the indicator table.
    pub lines: Vec<LineDef>,
    /// The named constants (`let`), in declaration order, with their values: every use
    /// of one already holds its value.
    pub constants: Vec<ConstantDef>,
    /// What the checker finds suspicious without refusing it (a comparison whose sides
    /// are the same), for the command line to show.
    pub warnings: Vec<super::error::CheckError>,
    /// Whether any expression reads a value of a pool (a field of the rows of `pools`):
    /// where none does, evaluation does not add up the pools' members, which nothing
    /// would read.
    pub(crate) reads_pools: bool,
    /// The stamp of the form every field's slot in the expressions was taken from
    /// (`form` as the checker made it): records validated against it are read by slot.
    pub(crate) form_stamp: crate::data::schema::Stamp,
}

pub use crate::ir::defs::{
    AdjustDef, CatalogEntryDef, CategoryDef, CheckDef, ClassDef, ComparatorWordsDef,
    CompletionCaseDef, ConstantDef, DiscardDef, FindingDef, GradeDef, LayoutDef, LineDef,
    MessagePart, MissingDef, PoolDef, RatingDef, RoundingDef, SplitDef,
};
