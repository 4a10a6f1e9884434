//! The definitions a checked ruleset is made of, with names resolved to indices and
//! expressions resolved and typed: what `check` produces item by item and `compile`,
//! `eval`, `diff`, `explain` and `template` read.

use rust_decimal::Decimal;

use crate::ir::Expr;
use crate::ir::vocab::{Comparator, Open, ResidualRule, RoundingMode, Severity};
use crate::source::Span;

/// `let 扣减比例 = 5%`
#[derive(Clone, Debug)]
pub struct ConstantDef {
    /// Its name.
    pub name: String,
    /// Its value.
    pub value: crate::value::Value,
    /// The policy clause it quotes.
    pub doc: String,
    /// Where its name is written.
    pub span: Span,
}

/// `adjust …`
#[derive(Clone, Debug)]
pub struct AdjustDef {
    /// The finding raised where the value changes.
    pub finding: FindingDef,
    /// `Some(indicators)` to adjust each row's score; `None` for the total.
    pub rows: Option<String>,
    /// Where it applies.
    pub condition: Option<Expr>,
    /// The new value.
    pub formula: Expr,
}

/// One grade of the rating.
#[derive(Clone, Debug)]
pub struct RatingDef {
    /// The grade.
    pub name: String,
    /// When it applies; `None` for `otherwise`.
    pub condition: Option<Expr>,
    /// The entry.
    pub span: Span,
}

/// `line …`
#[derive(Clone, Debug)]
pub struct LineDef {
    /// The key (`execution_score`).
    pub key: String,
    /// The form's words for it.
    pub label: String,
    /// The most points it can score, where given.
    pub points: Option<Expr>,
    /// The formula.
    pub score: Expr,
    /// The policy clause.
    pub doc: String,
}

/// A category.
#[derive(Clone, Debug)]
pub struct CategoryDef {
    /// The canonical name.
    pub name: String,
    /// Other labels forms use.
    pub labels: Vec<String>,
    /// The class scoring its quantitative indicators.
    pub class: Option<usize>,
    /// The policy clause it implements.
    pub doc: String,
    /// Where its name is written.
    pub span: Span,
}

/// A pool of points shared by the indicators of some categories.
#[derive(Clone, Debug)]
pub struct PoolDef {
    /// The pool's name.
    pub name: String,
    /// Its points.
    pub points: Expr,
    /// Its categories.
    pub categories: Vec<usize>,
    /// How its points are split.
    pub split: SplitDef,
    /// The policy clause it implements.
    pub doc: String,
    /// Where its name is written.
    pub span: Span,
}

/// How a pool's points are split.
#[derive(Clone, Debug)]
pub enum SplitDef {
    /// A catalog of named indicators with fixed weights.
    Fixed(Vec<CatalogEntryDef>),
    /// Evenly among the pool's indicators.
    Evenly {
        /// How the share is rounded, if at all.
        share: Option<RoundingDef>,
        /// Who carries what rounding leaves.
        residual: ResidualRule,
    },
    /// The department's declared weights.
    Declared,
}

/// One indicator of a catalog.
#[derive(Clone, Debug)]
pub struct CatalogEntryDef {
    /// Its category.
    pub category: usize,
    /// Its name.
    pub name: String,
    /// Its weight.
    pub weight: Expr,
    /// The class that scores it, where the catalog names one (`scored_by`); else its
    /// category's.
    pub class: Option<usize>,
    /// Where that class's name is written after `scored_by`.
    pub class_span: Option<Span>,
    /// Where its name is written.
    pub span: Span,
}

/// A scoring class for quantitative indicators.
#[derive(Clone, Debug)]
pub struct ClassDef {
    /// The class's name.
    pub name: String,
    /// The lower edge of the full-marks band.
    pub full_lower: Option<Expr>,
    /// The upper edge, if any.
    pub full_upper: Option<Expr>,
    /// Which edges of the band are open: a completion there is outside it.
    pub full_open: Open,
    /// The deduction below the band: rate of the weight per step of completion.
    pub below: Option<(Expr, Expr)>,
    /// The deduction above the band.
    pub above: Option<(Expr, Expr)>,
    /// The least share of the weight a score can fall to.
    pub floor: Option<Expr>,
    /// The greatest share of the weight a score can reach.
    pub cap: Option<Expr>,
    /// Completion formulas for this class only.
    pub completion: Vec<CompletionCaseDef>,
    /// A formula for the score, in place of the band.
    pub score: Option<Expr>,
    /// Other words a form's `class` column writes for it (its name is one too).
    pub labels: Vec<String>,
    /// Where its `labels` entry is written, if it has one.
    pub labels_span: Option<Span>,
    /// The policy clause it implements.
    pub doc: String,
    /// Where its name is written.
    pub span: Span,
}

impl ClassDef {
    /// Every expression the class writes: its deductions' rates and steps, its band's
    /// edges, floor, cap and score formula, and its own completion formulas.
    pub fn exprs(&self) -> impl Iterator<Item = &Expr> {
        let deductions = [&self.below, &self.above]
            .into_iter()
            .flatten()
            .flat_map(|(rate, per)| [rate, per]);
        let single = [
            &self.full_lower,
            &self.full_upper,
            &self.floor,
            &self.cap,
            &self.score,
        ];
        deductions
            .chain(single.into_iter().flatten())
            .chain(self.completion.iter().map(|case| &case.formula))
    }
}

/// A completion formula for some comparators.
#[derive(Clone, Debug)]
pub struct CompletionCaseDef {
    /// The comparators it covers.
    pub comparators: Vec<Comparator>,
    /// The formula, over `target` and `actual`.
    pub formula: Expr,
}

/// The words forms use for one comparator.
#[derive(Clone, Debug)]
pub struct ComparatorWordsDef {
    /// The comparator.
    pub comparator: Comparator,
    /// Words before the number.
    pub before: Vec<String>,
    /// Words after the number.
    pub after: Vec<String>,
}

/// A qualitative grade.
#[derive(Clone, Debug)]
pub struct GradeDef {
    /// The grade word.
    pub name: String,
    /// Other words meaning it.
    pub aliases: Vec<String>,
    /// Its share of the weight, or the low end of its range.
    pub share: Expr,
    /// The high end of its range, where it is one.
    pub up_to: Option<Expr>,
    /// Which ends of its range are open: a score there is outside it.
    pub open: Open,
    /// Where its share (or range) is written.
    pub span: Span,
}

/// How the form is laid out on paper: what a reader of a workbook or a text export
/// passes over, and how a table's total row begins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayoutDef {
    /// Cells that belong to no field; one ending in `*` matches any cell starting so.
    pub ignore: Vec<String>,
    /// The first words of a table's total row (`合计`).
    pub totals: Vec<String>,
    /// Other words a form writes for a field (section key, field key, word) or for a
    /// section (section key, `None`, word).
    pub labels: Vec<(String, Option<String>, String)>,
    /// Whether the ruleset scores points outside the indicator table (a `line`): a total
    /// row of that table may count them, and is not compared with the table's rows.
    pub points_outside: bool,
}

/// How missing values are recognised and scored.
#[derive(Clone, Debug, Default)]
pub struct MissingDef {
    /// Texts that mean "no value".
    pub markers: Vec<String>,
    /// The share of the weight a missing value without explanation scores.
    pub unexplained: Option<Expr>,
    /// The share of the weight a missing value with an explanation scores.
    pub explained: Option<Expr>,
}

/// A rounding step and mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundingDef {
    /// The step.
    pub step: Decimal,
    /// The mode.
    pub mode: RoundingMode,
}

/// A finding a rule raises.
#[derive(Clone, Debug)]
pub struct FindingDef {
    /// The stable kebab-case code.
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// The message template, if given.
    pub message: Option<Vec<MessagePart>>,
    /// The policy clause the rule implements.
    pub doc: String,
    /// Where the rule's code is written.
    pub span: Span,
}

/// A piece of a message template.
#[derive(Clone, Debug)]
pub enum MessagePart {
    /// Literal text.
    Text(String),
    /// A value to show.
    Hole(Expr),
}

/// `discard actual when …`
#[derive(Clone, Debug)]
pub struct DiscardDef {
    /// When the actual value is not taken (in the scope of an indicator row).
    pub condition: Expr,
    /// The finding raised.
    pub finding: FindingDef,
}

/// A consistency check.
#[derive(Clone, Debug)]
pub struct CheckDef {
    /// The finding raised where the check fails.
    pub finding: FindingDef,
    /// The rows section it runs over, once per row; `None` for once per project.
    pub rows: Option<String>,
    /// Where it applies.
    pub condition: Option<Expr>,
    /// What must hold.
    pub assertion: Expr,
    /// What a finding points at.
    pub at: Option<Expr>,
    /// A part of a row check's condition tried alone first (see `compile::row_keys`):
    /// set by compiling, `None` from the checker.
    pub key: Option<Expr>,
    /// Whether evaluation can settle that it holds without its general evaluator (see
    /// `compile::quick`): set by compiling, `false` from the checker.
    pub settleable: bool,
}

/// A class's floor and cap as shares of the weight, within 0% and 100%: a score lies
/// between nothing and the whole weight, whatever a formula gives. `None` is the
/// default: no floor is 0%, no cap 100%.
pub(crate) fn share_bounds(floor: Option<Decimal>, cap: Option<Decimal>) -> (Decimal, Decimal) {
    let floor = floor.unwrap_or(Decimal::ZERO);
    let cap = cap.unwrap_or(Decimal::ONE);
    let low = floor.max(Decimal::ZERO).min(Decimal::ONE);
    (low, cap.max(low).min(Decimal::ONE))
}

/// What a number the ruleset writes evaluates to, where that needs no project: a
/// constant's number (`None` for a constant that is no number, as evaluation reads
/// it), or nothing written (`Some(None)`). `None` where it depends on the project.
pub(crate) fn fixed_number(expr: Option<&Expr>) -> Option<Option<Decimal>> {
    match expr {
        None => Some(None),
        Some(e) => e.kind.constant().map(|v| v.as_num().map(|n| n.value)),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::{fixed_number, share_bounds};
    use crate::ir::{Expr, ExprKind, Global};
    use crate::value::{Num, Unit, Value};

    /// A number is settled without a project only where it is written as a constant or
    /// not written; what it settles to is what evaluation reads (`Env::number`).
    #[test]
    fn fixed_numbers_are_constants_or_nothing() {
        let half = Decimal::new(50, 2);
        let num = Value::Num(Num::new(half, Unit::Percent));
        assert_eq!(fixed_number(None), Some(None));
        assert_eq!(
            fixed_number(Some(&Expr::unplaced(ExprKind::Const(num.clone())))),
            Some(Some(half))
        );
        let named = ExprKind::Constant {
            name: "下限".to_owned(),
            value: num,
        };
        assert_eq!(fixed_number(Some(&Expr::unplaced(named))), Some(Some(half)));
        let text = ExprKind::Const(Value::Text("半".into()));
        assert_eq!(fixed_number(Some(&Expr::unplaced(text))), Some(None));
        let global = ExprKind::Global(Global::MaxScore);
        assert_eq!(fixed_number(Some(&Expr::unplaced(global))), None);
    }

    /// Floors and caps are held within 0% and 100%, a cap never below the floor; the
    /// defaults are the whole weight.
    #[test]
    fn share_bounds_hold_within_the_weight() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(share_bounds(None, None), (Decimal::ZERO, Decimal::ONE));
        assert_eq!(
            share_bounds(Some(d("-0.2")), Some(d("1.5"))),
            (Decimal::ZERO, Decimal::ONE)
        );
        assert_eq!(
            share_bounds(Some(d("0.6")), Some(d("0.4"))),
            (d("0.6"), d("0.6"))
        );
        assert_eq!(
            share_bounds(Some(d("0.2")), Some(d("0.8"))),
            (d("0.2"), d("0.8"))
        );
        // A cap of 100% as written keeps its scale (the score's decimals follow it).
        assert_eq!(share_bounds(None, Some(d("1.00"))).1.to_string(), "1.00");
    }
}
