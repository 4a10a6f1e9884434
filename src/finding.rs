//! Findings: what evaluation says about a project, and the engine's own finding codes.
//!
//! A finding is the product's answer (a disagreement, a missing value), not a failure
//! of the tool. Rules in a ruleset raise findings with codes they name; the engine
//! raises the codes listed in [`ENGINE_FINDINGS`], whose severities a ruleset may set.

use crate::ir::vocab::Severity;
use crate::source::Span;

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

/// A finding the engine raises by itself, with its default severity and meaning.
#[derive(Clone, Copy, Debug)]
pub struct EngineFinding {
    /// The stable code.
    pub code: &'static str,
    /// The severity unless the ruleset's `findings` block says otherwise.
    pub severity: Severity,
    /// What it means.
    pub meaning: &'static str,
}

/// Every finding code the engine raises by itself.
pub const ENGINE_FINDINGS: [EngineFinding; 14] = [
    EngineFinding {
        code: "unknown-category",
        severity: Severity::Error,
        meaning: "a row's category label is none the ruleset knows",
    },
    EngineFinding {
        code: "unknown-indicator",
        severity: Severity::Error,
        meaning: "a row of a catalog category names no indicator of the catalog",
    },
    EngineFinding {
        code: "missing-indicator",
        severity: Severity::Error,
        meaning: "an indicator of a catalog is absent from the form",
    },
    EngineFinding {
        code: "duplicate-indicator",
        severity: Severity::Error,
        meaning: "an indicator of a catalog appears more than once: the first row counts, every copy scores nothing",
    },
    EngineFinding {
        code: "impossible-weight",
        severity: Severity::Error,
        meaning: "the policy would give an indicator a weight below zero (a residual that rounding left negative): it counts as 0",
    },
    EngineFinding {
        code: "unknown-class",
        severity: Severity::Error,
        meaning: "a quantitative indicator's `class` field names no class of the ruleset: its category's class scores it",
    },
    EngineFinding {
        code: "unit-mismatch",
        severity: Severity::Error,
        meaning: "an actual value's unit is not its target's",
    },
    EngineFinding {
        code: "not-a-number",
        severity: Severity::Error,
        meaning: "a quantitative indicator's actual value has no number",
    },
    EngineFinding {
        code: "unknown-grade",
        severity: Severity::Error,
        meaning: "a qualitative indicator's actual value is no grade the ruleset knows",
    },
    EngineFinding {
        code: "missing-value",
        severity: Severity::Warning,
        meaning: "an actual value is missing and nothing explains why",
    },
    EngineFinding {
        code: "needs-review",
        severity: Severity::Warning,
        meaning: "an actual value is missing and an explanation says why: a person should look",
    },
    EngineFinding {
        code: "score-out-of-range",
        severity: Severity::Error,
        meaning: "a self score lies outside the range its grade allows",
    },
    EngineFinding {
        code: "unplaced-cell",
        severity: Severity::Error,
        meaning: "a cell of an imported form (a workbook, a text export) fits no field of the form",
    },
    EngineFinding {
        code: "missing-self-score",
        severity: Severity::Warning,
        meaning: "a grade allows a range of scores and the form picks none",
    },
];

/// The engine finding with this code.
#[must_use]
pub fn engine_finding(code: &str) -> Option<&'static EngineFinding> {
    ENGINE_FINDINGS.iter().find(|f| f.code == code)
}
