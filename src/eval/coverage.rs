//! What an evaluation exercised of its ruleset, for `perfeval test --coverage`.
//!
//! Evaluation marks a [`Part`] where a rule takes effect: a check raises its finding, a
//! row's completion falls below a class's band, a grade is given, a rating grade is
//! chosen. Parts are named by the span the plan keeps for them (a check by its code, a
//! class by its name, a grade by its share), which is the span of the ruleset text
//! that wrote them; `ruletest::coverage` lists the parts a ruleset has from its syntax
//! tree and compares. Nothing is marked unless a [`Coverage`] is asked for, so a normal
//! evaluation pays one test of an `Option` per mark.

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::compile::Plan;
use crate::finding::{ENGINE_FINDINGS, Finding};
use crate::source::Span;

/// The parts of a ruleset one evaluation (or several, merged) exercised.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    parts: BTreeSet<Part>,
}

impl Coverage {
    /// Whether the part was exercised.
    #[must_use]
    pub fn has(&self, part: &Part) -> bool {
        self.parts.contains(part)
    }

    /// Adds what another evaluation exercised.
    pub fn merge(&mut self, other: &Coverage) {
        self.parts.extend(other.parts.iter().cloned());
    }

    /// Every part exercised, in a fixed order.
    pub fn parts(&self) -> impl Iterator<Item = &Part> {
        self.parts.iter()
    }

    pub(crate) fn insert(&mut self, part: Part) {
        self.parts.insert(part);
    }

    /// Marks the engine findings raised, each under the code the ruleset's `findings`
    /// entry names (an `as` code maps back to the engine's own).
    pub(crate) fn engine_findings(&mut self, plan: &Plan, findings: &[Finding]) {
        for finding in findings.iter().filter(|f| f.rule.is_none()) {
            for engine in &ENGINE_FINDINGS {
                if plan.reported_code(engine.code.as_str()) == finding.code {
                    self.insert(Part::Finding(engine.code.as_str().to_owned()));
                }
            }
        }
    }
}

/// One part of a ruleset that can take effect, named by where the plan keeps it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// A check raised its finding; the span of its code.
    Check(Span),
    /// A `discard` refused an actual value; the span of its code.
    Discard(Span),
    /// An `adjust` changed a score or the total; the span of its code.
    Adjust(Span),
    /// A quantitative row took a branch of its class; the span of the class's name.
    Class(Span, Branch),
    /// A row was scored by the class its catalog entry names (the span of the class's
    /// name after `scored_by`), or that its `class` field names by a label (the span of
    /// the class's `labels` entry).
    ClassChoice(Span),
    /// A completion formula ran; the span of the formula.
    Completion(Span),
    /// A qualitative row got a grade; the span of the grade's share.
    Grade(Span),
    /// An actual equal to its target word counted as the `target counts_as` grade.
    TargetGrade,
    /// A missing actual scored by a `missing` rule; the span of its share.
    Missing(Span),
    /// An even split's residual went to a row whose declared weight matched (`true`) or,
    /// none matching, to the fallback (`false`); the span of the pool's name.
    Residual(Span, bool),
    /// The rating chose a grade; the span of its entry.
    Rating(Span),
    /// A line was scored; the span of its formula.
    Line(Span),
    /// The engine raised a finding, by its own code.
    Finding(String),
}

/// The ways a class turns a completion into a score.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Branch {
    /// Below the full-marks band, with a `below` deduction.
    Below,
    /// Inside the band.
    Full,
    /// Above the band, with an `above` deduction.
    Above,
    /// The class's `score` formula.
    Formula,
    /// The share fell to the class's `floor`, or below it and was held there.
    Floor,
    /// The share reached the class's `cap`, or above it and was held there.
    Cap,
}

/// Where evaluation marks parts: nowhere, or a coverage it shares with every step.
pub(crate) type Marks<'a> = Option<&'a RefCell<Coverage>>;

/// Marks a part, if coverage is kept. The part is built only then.
pub(crate) fn mark(marks: Marks<'_>, part: impl FnOnce() -> Part) {
    if let Some(coverage) = marks {
        coverage.borrow_mut().insert(part());
    }
}
