//! Findings: what evaluation says about a project, and the engine's own finding codes.
//!
//! A finding is the product's answer (a disagreement, a missing value), not a failure
//! of the tool. Rules in a ruleset raise findings with codes they name; the engine
//! raises the codes listed in [`ENGINE_FINDINGS`], whose severities a ruleset may set.

use crate::ir::vocab::Severity;
use crate::source::Span;

/// The most characters of a finding's message: a longer one, made long by a form's text
/// it quotes, keeps its beginning and end around a `…`. The longest message a ruleset or
/// the engine writes for a form of ordinary texts is about 200 characters.
pub const MESSAGE_LIMIT: usize = 500;

/// One finding about one project.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// The stable kebab-case code.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// What is wrong, in the form's own words.
    pub message: String,
    /// The indicator it is about, where it is about one.
    pub indicator: Option<String>,
    /// The value in the project file it points at, where there is one.
    pub at: Option<Span>,
    /// The rule that raised it (its code, for a ruleset rule), where one did.
    pub rule: Option<String>,
    /// The policy clause behind the rule, from its doc comment.
    pub clause: Option<String>,
}

/// The findings the engine raises by itself, one variant per code; each names an input
/// that raises it. A ruleset may set their severities and report them under other codes
/// (`findings { … }`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EngineCode {
    /// A row whose category label (`类别 = "产出指际"`) is none of the ruleset's categories or their labels.
    UnknownCategory,
    /// A row of a catalog category naming no catalog indicator (`预算执行律` in 决策).
    UnknownIndicator,
    /// A catalog indicator (预算执行率) with no row in the form.
    MissingIndicator,
    /// A catalog indicator written in two rows: the first counts, the copy scores nothing.
    DuplicateIndicator,
    /// An even split whose rounded shares leave a residual below zero (many members, shares rounded up).
    ImpossibleWeight,
    /// A row whose `class` column writes a word that names no class.
    UnknownClass,
    /// An actual value in another unit than its target (`>=90%` against `12个`).
    UnitMismatch,
    /// A quantitative target (`>=95%`) with an actual value that has no number (`较好`).
    NotANumber,
    /// A qualitative target whose actual value is no grade word the ruleset knows.
    UnknownGrade,
    /// An empty or marker actual value (`-`, `无`) with no explanation.
    MissingValue,
    /// An empty actual value that an explanation accounts for: a person should look.
    NeedsReview,
    /// A self score outside the range its grade allows (`较好` is 60%–80% of the weight; 9 of 10 is not).
    ScoreOutOfRange,
    /// A filled cell of an imported workbook or text export that fits no field of the form.
    UnplacedCell,
    /// A grade that allows a range of scores, and a form that picks none.
    MissingSelfScore,
    /// A column of an imported form's table whose header names no field (`序号`, `备注`),
    /// with something written below it: not read.
    UnreadColumn,
    /// A number in a table's total row (`合计`, `小计`) of an imported form that is not
    /// the sum of the rows it stands for.
    TotalRowMismatch,
    /// A workbook's formula the file holds no result of (`=SUM(F43:F73)` saved by a program that does not calculate), under an optional field: read as not given.
    UncalculatedFormula,
    /// A row an imported workbook hides (not on screen or in print) that a value of the form is read from: a cancelled indicator a department hid still counts.
    HiddenRow,
    /// A column an imported workbook hides that values of the form are read from (a hidden column of weights counts).
    HiddenColumn,
}

impl EngineCode {
    /// The stable kebab-case code.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            EngineCode::UnknownCategory => "unknown-category",
            EngineCode::UnknownIndicator => "unknown-indicator",
            EngineCode::MissingIndicator => "missing-indicator",
            EngineCode::DuplicateIndicator => "duplicate-indicator",
            EngineCode::ImpossibleWeight => "impossible-weight",
            EngineCode::UnknownClass => "unknown-class",
            EngineCode::UnitMismatch => "unit-mismatch",
            EngineCode::NotANumber => "not-a-number",
            EngineCode::UnknownGrade => "unknown-grade",
            EngineCode::MissingValue => "missing-value",
            EngineCode::NeedsReview => "needs-review",
            EngineCode::ScoreOutOfRange => "score-out-of-range",
            EngineCode::UnplacedCell => "unplaced-cell",
            EngineCode::MissingSelfScore => "missing-self-score",
            EngineCode::UnreadColumn => "unread-column",
            EngineCode::TotalRowMismatch => "total-row-mismatch",
            EngineCode::UncalculatedFormula => "uncalculated-formula",
            EngineCode::HiddenRow => "hidden-row",
            EngineCode::HiddenColumn => "hidden-column",
        }
    }
}

impl std::fmt::Display for EngineCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A finding the engine raises by itself, with its default severity and meaning.
#[derive(Clone, Copy, Debug)]
pub struct EngineFinding {
    /// The stable code.
    pub code: EngineCode,
    /// The severity unless the ruleset's `findings` block says otherwise.
    pub severity: Severity,
    /// What it means.
    pub meaning: &'static str,
}

/// Every finding code the engine raises by itself.
pub const ENGINE_FINDINGS: [EngineFinding; 19] = [
    EngineFinding {
        code: EngineCode::UnknownCategory,
        severity: Severity::Error,
        meaning: "a row's category label is none the ruleset knows",
    },
    EngineFinding {
        code: EngineCode::UnknownIndicator,
        severity: Severity::Error,
        meaning: "a row of a catalog category names no indicator of the catalog",
    },
    EngineFinding {
        code: EngineCode::MissingIndicator,
        severity: Severity::Error,
        meaning: "an indicator of a catalog is absent from the form",
    },
    EngineFinding {
        code: EngineCode::DuplicateIndicator,
        severity: Severity::Error,
        meaning: "an indicator of a catalog appears more than once: the first row counts, every copy scores nothing",
    },
    EngineFinding {
        code: EngineCode::ImpossibleWeight,
        severity: Severity::Error,
        meaning: "the policy would give an indicator a weight below zero (a residual that rounding left negative): it counts as 0",
    },
    EngineFinding {
        code: EngineCode::UnknownClass,
        severity: Severity::Error,
        meaning: "a quantitative indicator's `class` field names no class of the ruleset: its category's class scores it",
    },
    EngineFinding {
        code: EngineCode::UnitMismatch,
        severity: Severity::Error,
        meaning: "an actual value's unit is not its target's",
    },
    EngineFinding {
        code: EngineCode::NotANumber,
        severity: Severity::Error,
        meaning: "a quantitative indicator's actual value has no number",
    },
    EngineFinding {
        code: EngineCode::UnknownGrade,
        severity: Severity::Error,
        meaning: "a qualitative indicator's actual value is no grade the ruleset knows",
    },
    EngineFinding {
        code: EngineCode::MissingValue,
        severity: Severity::Warning,
        meaning: "an actual value is missing and nothing explains why",
    },
    EngineFinding {
        code: EngineCode::NeedsReview,
        severity: Severity::Warning,
        meaning: "an actual value is missing and an explanation says why: a person should look",
    },
    EngineFinding {
        code: EngineCode::ScoreOutOfRange,
        severity: Severity::Error,
        meaning: "a self score lies outside the range its grade allows",
    },
    EngineFinding {
        code: EngineCode::UnplacedCell,
        severity: Severity::Error,
        meaning: "a cell of an imported form (a workbook, a text export) fits no field of the form",
    },
    EngineFinding {
        code: EngineCode::MissingSelfScore,
        severity: Severity::Warning,
        meaning: "a grade allows a range of scores and the form picks none",
    },
    EngineFinding {
        code: EngineCode::UnreadColumn,
        severity: Severity::Warning,
        meaning: "a column of an imported form's table names no field (序号, 备注): what is written below it is not read",
    },
    EngineFinding {
        code: EngineCode::TotalRowMismatch,
        severity: Severity::Warning,
        meaning: "a number in a total row (合计, 小计) of an imported form's table is not the sum of the rows it stands for",
    },
    EngineFinding {
        code: EngineCode::UncalculatedFormula,
        severity: Severity::Warning,
        meaning: "a cell of an imported workbook is a formula the file holds no result of (saved by a program that does not calculate): its field is read as not given, so the department's figure is compared with nothing",
    },
    EngineFinding {
        code: EngineCode::HiddenRow,
        severity: Severity::Warning,
        meaning: "a row an imported workbook hides (not shown on screen or in print) holds a value of the form, which is read like any other: the printed form the department signed does not show it",
    },
    EngineFinding {
        code: EngineCode::HiddenColumn,
        severity: Severity::Warning,
        meaning: "a column an imported workbook hides (not shown on screen or in print) holds values of the form, which are read like any other: the printed form the department signed does not show them",
    },
];

/// The engine finding with this code.
#[must_use]
pub fn engine_finding(code: &str) -> Option<&'static EngineFinding> {
    ENGINE_FINDINGS.iter().find(|f| f.code.as_str() == code)
}
