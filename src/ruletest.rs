//! Ruleset tests (`perfeval test`): cases that policy staff write, without Rust, to pin
//! what a ruleset makes of a form.
//!
//! A test file (`*.test.toml`, TOML) names one or more rulesets, and holds cases: a
//! project (a file, or the form's sections inline) and what evaluating it must give,
//! the total, each indicator's expected weight and score, the findings, the exit status.
//! [`parse`] reads a file's text into a [`TestFile`]; [`compare`] compares an evaluation
//! with a case's [`Expect`] and says every [`Mismatch`]; [`coverage`] lists the parts of
//! a ruleset and which of them no case exercised; [`report`] writes the results as
//! `cargo test` does. This module reads no files: the CLI resolves the paths a test
//! file names, reads them and evaluates.

pub mod coverage;
pub mod error;
mod file;
pub mod report;
mod run;

use rust_decimal::Decimal;

use crate::source::{SourceFile, Span};

pub use self::file::parse;
pub use self::run::{Evaluation, Mismatch, compare, inline_project};

/// The name of a test file ends so.
pub const SUFFIX: &str = ".test.toml";

/// A parsed test file.
#[derive(Clone, Debug)]
pub struct TestFile {
    /// The file, for diagnostics and inline projects.
    pub source: SourceFile,
    /// The rulesets every case runs against, as written (relative to the file).
    pub rulesets: Vec<At<String>>,
    /// The cases, in file order.
    pub cases: Vec<Case>,
}

/// A value and where the test file writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it is written.
    pub span: Span,
}

/// One case: a project and what evaluating it must give.
#[derive(Clone, Debug)]
pub struct Case {
    /// Its name: `name`, the file's name for a file of one case, else `case N`.
    pub name: String,
    /// Where it starts.
    pub span: Span,
    /// The project evaluated.
    pub project: ProjectSpec,
    /// What must hold.
    pub expect: Expect,
}

/// Where a case's project is.
#[derive(Clone, Debug)]
pub enum ProjectSpec {
    /// A project file or filled form, as written (relative to the test file).
    File(At<String>),
    /// The form's sections written in the test file.
    Inline(Inline),
}

/// A project written in the test file: its sections as a project file's TOML would
/// hold them, read when the ruleset's form is known.
#[derive(Clone, Debug)]
pub struct Inline {
    pub(crate) root: crate::data::tree::Node,
}

/// What evaluating a case's project must give. Whatever is not stated is not compared.
#[derive(Clone, Debug, Default)]
pub struct Expect {
    /// The total.
    pub total: Option<At<Decimal>>,
    /// The rating of the total.
    pub rating: Option<At<String>>,
    /// Lines' scores by key.
    pub lines: Vec<(At<String>, At<Decimal>)>,
    /// The finding codes raised, exactly (each code once, however often raised).
    pub findings: Option<At<Vec<At<String>>>>,
    /// Codes that must be among those raised.
    pub findings_include: Vec<At<String>>,
    /// Codes that must not be raised.
    pub findings_exclude: Vec<At<String>>,
    /// The exit status `perfeval check` would give: 0, 1, or 2 for a project that cannot
    /// be evaluated.
    pub exit: Option<At<u8>>,
    /// The diagnostic code of a project that cannot be evaluated
    /// (`perfeval::eval::impossible_total`).
    pub error: Option<At<String>>,
    /// Indicators, each picked by name or row.
    pub indicators: Vec<IndicatorExpect>,
}

/// What must hold of one indicator row.
#[derive(Clone, Debug, Default)]
pub struct IndicatorExpect {
    /// Where the expectation starts.
    pub span: Span,
    /// The row's name (指标名称).
    pub name: Option<At<String>>,
    /// The row's place in the table, from 1.
    pub row: Option<At<usize>>,
    /// The weight the policy gives it (应有权重).
    pub weight: Option<At<Decimal>>,
    /// Its score.
    pub score: Option<At<Decimal>>,
    /// Its completion in percentage points, as written (`97.5` for `"97.5%"`): the
    /// computed completion is rounded to as many decimals before it is compared.
    pub completion: Option<At<Decimal>>,
    /// Its grade.
    pub grade: Option<At<String>>,
    /// Whether its actual value counts as missing.
    pub missing: Option<At<bool>>,
    /// Whether the policy knows it.
    pub recognized: Option<At<bool>>,
    /// The finding codes about it, exactly.
    pub findings: Option<At<Vec<At<String>>>>,
}
