//! The third step of scoring: each recognised row's score, from its target, its actual
//! value and its weight.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::compile::{ClassPlan, Plan};
use crate::data::project::Record;
use crate::finding::{EngineCode, Finding};
use crate::i18n::t;
use crate::ir::Expr;
use crate::ir::vocab::Comparator;
use crate::source::Span;
use crate::value::{self, ArithError, Num, Unit};

use super::bounds;
use super::classify::{engine, text};
use super::coverage::{Branch, Part};
use super::env::{Env, percent_value};
use super::error::EvalError;
use super::measure::{self, Quantity, Reading};
use super::outcome::{ClassFrom, RowState};
use super::readings;
use super::trace::{Deduction, Side, Step};
use super::weights::number;

use super::error::Result;

/// Scores one recognised row and records what it finds. `discarded` says that a
/// `discard` rule refused the actual value.
pub(crate) fn score_row(
    env: &mut Env<'_>,
    row_index: usize,
    row: &Record,
    state: &mut RowState,
    discarded: bool,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let plan = env.plan;
    let weight = state.expected_weight.unwrap_or(Decimal::ZERO);
    let name = plan.indicator_keys.name.text(row).unwrap_or("");
    let known = readings::row(env.readings, row_index, plan, row);
    let target: &Reading = &known.target;
    state.quantitative = matches!(target, Reading::Quantity(_));
    env.note(|| Step::Target(target.clone()));
    let (field, actual) = match target {
        Reading::Quantity(_) => ("actual", Cow::Borrowed(&known.actual)),
        _ => graded_by(plan, row, &known.actual),
    };
    let actual = if discarded {
        env.note(|| Step::Discarded);
        Cow::Owned(Reading::Missing)
    } else {
        env.note(|| Step::Actual {
            field: field.to_owned(),
            reading: actual.clone().into_owned(),
        });
        actual
    };
    let (share, bounds) = match (target, &*actual) {
        (_, Reading::Missing) => {
            state.missing = true;
            (
                missing_share(env, row, name, discarded, findings)?,
                Bounds::WHOLE,
            )
        }
        (Reading::Quantity(t), Reading::Quantity(a)) => {
            match quantitative(env, row_index, row, state, t, a, findings)? {
                Earned::Share(share, bounds) => (share, bounds),
                Earned::Points(points, bounds) => {
                    let (low, high) = scaled(weight, bounds)?;
                    state.score = bounds::round_within(plan, points, low, high)?;
                    note_score(env, weight, None, points, (low, high), state.score);
                    return Ok(());
                }
            }
        }
        (Reading::Quantity(_), Reading::Word(word)) => {
            if super::measure::overlong_number(word) {
                number_too_long(env, row, "actual", name, findings);
            } else {
                let actual = plan.indicator_keys.actual.text(row).unwrap_or("");
                findings.push(engine(
                    plan,
                    EngineCode::NotANumber,
                    row,
                    "actual",
                    name,
                    t!(FINDING_NOT_A_NUMBER, name, actual),
                ));
                env.note(|| Step::NotANumber);
            }
            (Decimal::ZERO, Bounds::WHOLE)
        }
        // A target of a number too long to compute with exactly is no word to grade by.
        (Reading::Word(word), _) if super::measure::overlong_number(word) => {
            number_too_long(env, row, "target", name, findings);
            (Decimal::ZERO, Bounds::WHOLE)
        }
        (target_reading, actual_reading) => {
            return qualitative(
                env,
                row,
                state,
                target_reading,
                (field, actual_reading),
                weight,
                findings,
            );
        }
    };
    state.score = finish(env, weight, share, bounds)?;
    Ok(())
}

/// A target or actual (`field`) whose number has more significant digits than a number
/// read may have: `not-a-number`, whose message says so rather than "no number", which it
/// plainly has.
fn number_too_long(
    env: &mut Env<'_>,
    row: &Record,
    field: &'static str,
    name: &str,
    findings: &mut Vec<Finding>,
) {
    let plan = env.plan;
    let written = text(row, field).unwrap_or("");
    let message = t!(
        FINDING_NUMBER_TOO_LONG,
        name,
        label = label_of(plan, field),
        text = written,
        digits = crate::value::exact::MOST_DIGITS_READ
    );
    findings.push(engine(
        plan,
        EngineCode::NotANumber,
        row,
        field,
        name,
        message,
    ));
    env.note(|| Step::NumberTooLong { field });
}

/// The label the form gives an indicator row's `field` (its key where it has none).
fn label_of<'p>(plan: &'p Plan, field: &'p str) -> &'p str {
    plan.form
        .section(crate::ir::vocab::INDICATORS)
        .and_then(|s| s.field(field))
        .map_or(field, |f| f.label.as_str())
}

/// Records the score's last step, when scoring is explained.
fn note_score(
    env: &mut Env<'_>,
    weight: Decimal,
    share: Option<Decimal>,
    raw: Decimal,
    (low, high): (Decimal, Decimal),
    score: Decimal,
) {
    let rounding = env.plan.rounding.map(|r| (r.step, r.mode));
    env.note(|| Step::Score {
        weight,
        share,
        raw,
        low,
        high,
        rounding,
        score,
    });
}

/// What a quantitative indicator earns: a share of its weight (a band, held between the
/// class's floor and cap), or points (a class's `score` formula, held likewise).
enum Earned {
    Share(Decimal, Bounds),
    Points(Decimal, Bounds),
}

/// The least and the greatest share of the weight a score may be: 0% and 100% unless a
/// class's floor and cap say less. A score rounded outside them is brought back in.
#[derive(Clone, Copy)]
struct Bounds {
    low: Decimal,
    high: Decimal,
}

impl Bounds {
    const WHOLE: Bounds = Bounds {
        low: Decimal::ZERO,
        high: Decimal::ONE,
    };

    /// Whether these are [`Bounds::WHOLE`] as written, scale included: a cap of `100%`
    /// is `1.00`, which scales a weight to a decimal of two more places.
    fn is_whole(self) -> bool {
        self.low.serialize() == Decimal::ZERO.serialize()
            && self.high.serialize() == Decimal::ONE.serialize()
    }

    /// Whether these are [`Bounds::WHOLE`] in value, whatever their scales.
    fn is_whole_in_value(self) -> bool {
        self.low.is_zero() && value::is_one(self.high)
    }
}

/// The grade field a qualitative indicator's word comes from, and what it reads: the
/// first of the ruleset's grade fields (`actual` unless `read_from` says otherwise) that
/// holds a value, else the first. `actual` was read already (`known_actual`).
fn graded_by<'p, 'r>(
    plan: &'p Plan,
    row: &Record,
    known_actual: &'r Reading,
) -> (&'p str, Cow<'r, Reading>) {
    let read = |field: &str| match field {
        "actual" => Cow::Borrowed(known_actual),
        _ => Cow::Owned(measure::read(
            text(row, field),
            &plan.words,
            &plan.missing.markers,
        )),
    };
    let mut first = None;
    for field in &plan.grade_fields {
        let reading = read(field);
        if *reading != Reading::Missing {
            return (field, reading);
        }
        first.get_or_insert((field.as_str(), reading));
    }
    first.unwrap_or_else(|| ("actual", read("actual")))
}

/// The score as `share` of `weight`, rounded as the ruleset says and held within the
/// bounds' shares of the weight.
fn finish(env: &mut Env<'_>, weight: Decimal, share: Decimal, bounds: Bounds) -> Result<Decimal> {
    // A share of the weight that needs no rounding, as most rows earn, needs no bounds
    // that are the whole weight's in value (a class's `floor 0%` and `cap 100%` are
    // `0.00` and `1.00`: a rounded score has the step's scale whatever theirs); where
    // scoring is explained, its steps are the general way's.
    if env.trace.is_none()
        && bounds.is_whole_in_value()
        && let Some(score) = bounds::share_on_the_step(env.plan.rounding, weight, share)
    {
        return Ok(score);
    }
    let raw = weight
        .checked_mul(share)
        .ok_or_else(|| EvalError::failed(ArithError::Overflow, Span::default()))?;
    let (low, high) = scaled(weight, bounds)?;
    let score = bounds::round_within(env.plan, raw, low, high)?;
    note_score(env, weight, Some(share), raw, (low, high), score);
    Ok(score)
}

/// The bounds as points of a weight (a weight below zero counts as zero).
fn scaled(weight: Decimal, bounds: Bounds) -> Result<(Decimal, Decimal)> {
    if bounds.is_whole() {
        return Ok(whole(weight));
    }
    let weight = weight.max(Decimal::ZERO);
    let overflow = || EvalError::failed(ArithError::Overflow, Span::default());
    let low = weight.checked_mul(bounds.low).ok_or_else(overflow)?;
    let high = weight.checked_mul(bounds.high).ok_or_else(overflow)?;
    Ok((low, high.max(low)))
}

/// [`scaled`] for the whole weight (most rows), without its arithmetic: `Decimal`
/// multiplies by zero to `Decimal::ZERO` and by one to the same decimal, and a weight of
/// zero or less is `Decimal::ZERO` both ways, as `max` keeps its second operand on a
/// tie. `scaled_whole_is_scaled` holds the two to the same decimals, scale included.
fn whole(weight: Decimal) -> (Decimal, Decimal) {
    if weight.is_sign_positive() && !weight.is_zero() {
        (Decimal::ZERO, weight)
    } else {
        (Decimal::ZERO, Decimal::ZERO)
    }
}

/// Rounds a score as the ruleset's `rounding` says, or leaves it as it is.
pub(crate) fn round_score(plan: &Plan, raw: Decimal) -> Result<Decimal> {
    match plan.rounding {
        Some(r) => value::round_to_step(raw, r.step, r.mode)
            .map_err(|e| EvalError::failed(e, Span::default())),
        None => Ok(raw),
    }
}

fn missing_share(
    env: &mut Env<'_>,
    row: &Record,
    name: &str,
    discarded: bool,
    findings: &mut Vec<Finding>,
) -> Result<Decimal> {
    let plan = env.plan;
    let explanation = if discarded {
        None
    } else {
        plan.indicator_keys
            .explanation
            .text(row)
            .filter(|e| !e.trim().is_empty())
    };
    let (rule, finding) = match explanation {
        None => (
            &plan.missing.unexplained,
            engine(
                plan,
                EngineCode::MissingValue,
                row,
                "actual",
                name,
                // A value the ruleset discarded is on the form: the department must not
                // read that it left the cell empty.
                match discarded {
                    true => t!(FINDING_MISSING_VALUE_DISCARDED, name),
                    false => t!(FINDING_MISSING_VALUE, name),
                },
            ),
        ),
        Some(why) => (
            &plan.missing.explained,
            engine(
                plan,
                EngineCode::NeedsReview,
                row,
                "explanation",
                name,
                t!(FINDING_NEEDS_REVIEW, name, why),
            ),
        ),
    };
    findings.push(finding);
    let share = match rule {
        Some(expr) => {
            env.mark(|| Part::Missing(expr.span));
            number(env, expr)?.unwrap_or(Decimal::ZERO)
        }
        None => Decimal::ZERO,
    };
    env.note(|| Step::Missing {
        explanation: explanation.map(str::to_owned),
        share,
    });
    Ok(share)
}

fn quantitative(
    env: &mut Env<'_>,
    row_index: usize,
    row: &Record,
    state: &mut RowState,
    target: &Quantity,
    actual: &Quantity,
    findings: &mut Vec<Finding>,
) -> Result<Earned> {
    let plan = env.plan;
    let name = plan.indicator_keys.name.text(row).unwrap_or("");
    if !actual.unit.is_empty() && actual.unit != target.unit {
        findings.push(engine(
            plan,
            EngineCode::UnitMismatch,
            row,
            "actual",
            name,
            t!(
                FINDING_UNIT_MISMATCH,
                name,
                actual = actual.unit,
                target = display_unit(&target.unit)
            ),
        ));
        env.note(|| Step::UnitMismatch {
            actual: actual.unit.to_string(),
            target: target.unit.to_string(),
        });
        return Ok(Earned::Share(Decimal::ZERO, Bounds::WHOLE));
    }
    if state.class_from == ClassFrom::Unknown {
        findings.push(unknown_class(plan, row, state, name));
    }
    let Some((class_id, class)) = state
        .class
        .and_then(|c| plan.classes.get(c).map(|class| (c, class)))
    else {
        return Ok(Earned::Share(Decimal::ZERO, Bounds::WHOLE));
    };
    if env.marking() {
        mark_choice(env, row, state, class);
    }
    let comparator = target.comparator.unwrap_or(Comparator::Eq);
    // The actual value is read in its target's unit (a unit of its own is the target's,
    // or a unit-mismatch above).
    let (t, a) = (
        as_num(target.number, target.is_percent()),
        as_num(actual.number, target.is_percent()),
    );
    let Some(completion) = completion(env, class, comparator, row_index, t, a)? else {
        return Ok(Earned::Share(Decimal::ZERO, Bounds::WHOLE));
    };
    state.completion = Some(completion);
    env.note(|| Step::Completion {
        class: class_id,
        comparator,
        target: t.value,
        actual: a.value,
        value: completion,
    });
    match &class.def.score {
        Some(formula) => {
            // The formula sees this row's completion, and `target` and `actual`.
            env.current = Some((row_index, state.clone()));
            env.locals = Some((t, a));
            let points = env.in_indicator_row(row_index, |env| env.eval(formula));
            env.current = None;
            env.locals = None;
            let points = points?.as_num().map_or(Decimal::ZERO, |n| n.value);
            env.note(|| Step::Formula {
                class: class_id,
                points,
            });
            let bounds = class_bounds(env, class)?;
            if env.marking() {
                // The points held by the floor or the cap, as `score_row` will hold them.
                let weight = state.expected_weight.unwrap_or(Decimal::ZERO);
                let (low, high) = scaled(weight, bounds)?;
                mark_class(env, class, Branch::Formula, points <= low, points >= high);
            }
            Ok(Earned::Points(points, bounds))
        }
        None => {
            let share = band_share(env, class, completion)?;
            if let Some(Step::Band { class, .. }) = env.trace.as_mut().and_then(|t| t.last_mut()) {
                *class = class_id;
            }
            Ok(Earned::Share(share, class_bounds(env, class)?))
        }
    }
}

/// Marks the `scored_by` of a catalog entry, or the `labels` of a class, that chose the
/// class scoring this row.
fn mark_choice(env: &Env<'_>, row: &Record, state: &RowState, class: &ClassPlan) {
    let span = match state.class_from {
        ClassFrom::Catalog => state.category.and_then(|category| {
            let name = env.plan.indicator_keys.name.text(row).unwrap_or("");
            super::classify::catalog_def(env.plan, category, name)?.class_span
        }),
        ClassFrom::Form => {
            let word = env.plan.indicator_keys.class.text(row).unwrap_or("");
            let word = crate::text::normalize(word);
            (word != crate::text::normalize(&class.name))
                .then_some(class.def.labels_span)
                .flatten()
        }
        ClassFrom::Category | ClassFrom::Unknown => None,
    };
    if let Some(span) = span {
        env.mark(|| Part::ClassChoice(span));
    }
}

/// `unknown-class`: the row's `class` field names no class; its category's class scores
/// it.
fn unknown_class(plan: &Plan, row: &Record, state: &RowState, name: &str) -> Finding {
    let word = plan.indicator_keys.class.text(row).unwrap_or("");
    let words = plan
        .classes
        .iter()
        .flat_map(|c| std::iter::once(&c.name).chain(&c.def.labels))
        .map(String::as_str);
    let hint =
        crate::suggest::nearest(word, words).map_or(String::new(), |name| t!(FINDING_HINT, name));
    let category = state
        .category
        .and_then(|c| plan.categories.get(c))
        .map_or("", |c| c.name.as_str());
    let class = state
        .class
        .and_then(|c| plan.classes.get(c))
        .map_or("", |c| c.name.as_str());
    engine(
        plan,
        EngineCode::UnknownClass,
        row,
        "class",
        name,
        t!(FINDING_UNKNOWN_CLASS, name, word, hint, category, class),
    )
}

/// The class's floor and cap as shares of the weight, within 0% and 100%: a score
/// lies between nothing and the whole weight, whatever a formula gives.
fn class_bounds(env: &mut Env<'_>, class: &ClassPlan) -> Result<Bounds> {
    let (low, high) = match class.share_bounds {
        Some(bounds) => bounds,
        None => crate::ir::defs::share_bounds(
            optional(env, class.def.floor.as_ref())?,
            optional(env, class.def.cap.as_ref())?,
        ),
    };
    Ok(Bounds { low, high })
}

fn display_unit(unit: &str) -> String {
    if unit.is_empty() {
        t!(VALUE_NONE)
    } else {
        unit.to_owned()
    }
}

/// A quantity's number: a percentage as its ratio.
fn as_num(number: Decimal, percent: bool) -> Num {
    if percent {
        percent_value(number).unwrap_or(Num::new(number, Unit::Scalar))
    } else {
        Num::new(number, Unit::Scalar)
    }
}

fn completion(
    env: &mut Env<'_>,
    class: &ClassPlan,
    comparator: Comparator,
    row: usize,
    target: Num,
    actual: Num,
) -> Result<Option<Decimal>> {
    let slot = Comparator::ALL.iter().position(|c| *c == comparator);
    let Some(formula) = slot
        .and_then(|i| class.completion.get(i))
        .and_then(Option::as_ref)
    else {
        return Ok(None);
    };
    env.mark(|| Part::Completion(formula.span));
    env.locals = Some((target, actual));
    // Most formulas are a comparison and a division of the two numbers: settled without
    // entering the row where the quick evaluator is sure (see `Env::surely_number`).
    let result = match env.surely_number(formula, row) {
        Some(number) => Ok(number),
        None => env
            .in_indicator_row(row, |env| env.eval(formula))
            .map(|v| v.as_num().map(|n| n.value)),
    };
    env.locals = None;
    result
}

/// The share of the weight a completion earns under a class's band.
pub(crate) fn band_share(
    env: &mut Env<'_>,
    class: &ClassPlan,
    completion: Decimal,
) -> Result<Decimal> {
    let def = &class.def;
    let lower = optional(env, def.full_lower.as_ref())?;
    let upper = optional(env, def.full_upper.as_ref())?;
    let distance = |a: Decimal, b: Decimal| {
        a.checked_sub(b)
            .ok_or_else(|| EvalError::failed(ArithError::Overflow, def.span))
    };
    let mut side = Side::Full;
    // An open edge is outside the band: a completion on it is deducted from (by nothing,
    // at the edge itself, since a deduction grows with the distance).
    let open = def.full_open;
    let below = |l: &Decimal| completion < *l || (open.low && completion == *l);
    let above = |u: &Decimal| completion > *u || (open.high && completion == *u);
    if let Some(lower) = lower.filter(below) {
        if let Some(rule) = &def.below {
            side = Side::Below(deducted(env, rule, distance(lower, completion)?, def.span)?);
        }
    } else if let Some(upper) = upper.filter(above)
        && let Some(rule) = &def.above
    {
        side = Side::Above(deducted(env, rule, distance(completion, upper)?, def.span)?);
    }
    let share = match &side {
        Side::Full => Decimal::ONE,
        Side::Below(d) | Side::Above(d) => Decimal::ONE
            .checked_sub(d.deducted)
            .ok_or_else(|| EvalError::failed(ArithError::Overflow, def.span))?,
    };
    let branch = match side {
        Side::Full => Branch::Full,
        Side::Below(_) => Branch::Below,
        Side::Above(_) => Branch::Above,
    };
    env.note(|| Step::Band {
        class: 0,
        lower,
        upper,
        side,
        share,
    });
    let floor = optional(env, def.floor.as_ref())?.unwrap_or(Decimal::ZERO);
    let cap = optional(env, def.cap.as_ref())?.unwrap_or(Decimal::ONE);
    // Coverage only: two comparisons of decimals (of different scales, as a completion
    // and `0.00` are) on every row otherwise.
    if env.marking() {
        mark_class(env, class, branch, share <= floor, share >= cap);
    }
    Ok(share.max(floor).min(cap))
}

/// Marks the branch a row took in its class, and the class's floor or cap where the
/// share (or points) fell to or below the floor, or reached or passed the cap. Only a
/// floor or cap the class writes is a part of it: the defaults are no rule.
fn mark_class(env: &Env<'_>, class: &ClassPlan, branch: Branch, floor: bool, cap: bool) {
    let span = class.def.span;
    env.mark(|| Part::Class(span, branch));
    if floor && class.def.floor.is_some() {
        env.mark(|| Part::Class(span, Branch::Floor));
    }
    if cap && class.def.cap.is_some() {
        env.mark(|| Part::Class(span, Branch::Cap));
    }
}

fn optional(env: &mut Env<'_>, expr: Option<&Expr>) -> Result<Option<Decimal>> {
    match expr {
        Some(e) => number(env, e),
        None => Ok(None),
    }
}

/// `rate × distance / per`: what is deducted from the weight's share for every `per` of
/// distance from the band.
fn deducted(
    env: &mut Env<'_>,
    (rate, per): &(Expr, Expr),
    distance: Decimal,
    span: Span,
) -> Result<Deduction> {
    let rate = number(env, rate)?.unwrap_or(Decimal::ZERO);
    let per = number(env, per)?.unwrap_or(Decimal::ONE);
    let arith = |e| EvalError::failed(e, span);
    if per.is_zero() {
        return Err(arith(ArithError::DivisionByZero));
    }
    let steps = distance
        .checked_div(per)
        .ok_or(ArithError::Overflow)
        .map_err(arith)?;
    let deducted = rate
        .checked_mul(steps)
        .ok_or(ArithError::Overflow)
        .map_err(arith)?;
    Ok(Deduction {
        distance,
        rate,
        per,
        deducted,
    })
}

/// Scores a row graded by a word: `(field, actual)` is the grade field and what it reads.
fn qualitative(
    env: &mut Env<'_>,
    row: &Record,
    state: &mut RowState,
    target: &Reading,
    (field, actual): (&str, &Reading),
    weight: Decimal,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let plan = env.plan;
    let Reading::Word(word) = actual else {
        // A number against a word target is no grade either.
        return unknown_grade(plan, row, field, state, findings);
    };
    let by_target =
        matches!((target, plan.grades.target), (Reading::Word(t), Some(_)) if t == word);
    let grade = match (target, plan.grades.target) {
        (Reading::Word(t), Some(g)) if t == word => {
            env.mark(|| Part::TargetGrade);
            Some(g)
        }
        _ => plan.grades.by_word(word),
    };
    let Some((id, grade)) = grade.and_then(|g| Some((g, plan.grades.grades.get(g)?))) else {
        return unknown_grade(plan, row, field, state, findings);
    };
    env.mark(|| Part::Grade(grade.share.span));
    state.grade = Some(
        plan.grades
            .name(id)
            .unwrap_or_else(|| grade.name.as_str().into()),
    );
    let low = number(env, &grade.share)?.unwrap_or(Decimal::ZERO);
    let high = match &grade.up_to {
        Some(high) => Some(number(env, high)?.unwrap_or(low)),
        None => None,
    };
    env.note(|| Step::Grade {
        word: word.to_string(),
        grade: grade.name.clone(),
        share: low,
        up_to: high,
        open: grade.open,
        by_target,
    });
    if let Some(high) = high {
        let range = super::ranged::Range {
            low,
            high,
            open: grade.open,
        };
        super::ranged::score_in_range(plan, row, state, weight, range, findings)?;
        let (lo, hi) = (weight.checked_mul(low), weight.checked_mul(high));
        let bounds = (lo.unwrap_or_default(), hi.unwrap_or_default());
        let raw = self_score(plan, row).unwrap_or(bounds.0);
        // Not rounded: the department's score, or the range's end (`score_in_range`).
        let score = state.score;
        env.note(|| Step::Score {
            weight,
            share: None,
            raw,
            low: bounds.0,
            high: bounds.1,
            rounding: None,
            score,
        });
        return Ok(());
    }
    state.score = finish(env, weight, low, Bounds::WHOLE)?;
    Ok(())
}

/// An `unknown-grade` finding for a row whose grade field `field` holds no grade.
fn unknown_grade(
    plan: &Plan,
    row: &Record,
    field: &str,
    state: &mut RowState,
    findings: &mut Vec<Finding>,
) -> Result<()> {
    let name = plan.indicator_keys.name.text(row).unwrap_or("");
    let word = text(row, field).unwrap_or("");
    let label = label_of(plan, field);
    let grades: Vec<_> = plan.grades.grades.iter().map(|g| g.name.as_str()).collect();
    findings.push(engine(
        plan,
        EngineCode::UnknownGrade,
        row,
        field,
        name,
        t!(
            FINDING_UNKNOWN_GRADE,
            name,
            label,
            word,
            grades = grades.join(&t!(LIST_COMMA))
        ),
    ));
    state.score = round_score(plan, Decimal::ZERO)?;
    Ok(())
}

/// The declared self score of a row.
pub(crate) fn self_score(plan: &Plan, row: &Record) -> Option<Decimal> {
    plan.indicator_keys.self_score.decimal(row)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;

    use super::{Bounds, finish, scaled};
    use crate::eval::env::{Env, Sections};
    use crate::testing::{EGOV_FORM, RULES_2023, plan_and_project};

    /// A share that needs no rounding is settled at once only within bounds that are the
    /// whole weight's in value (`0.00` and `1.00` as well as `0` and `1`); a share
    /// outside narrower bounds is held within them, and a share within them is the
    /// same either way.
    #[test]
    fn a_share_is_settled_at_once_only_within_the_whole_weight() {
        let (plan, project) = plan_and_project(RULES_2023, EGOV_FORM);
        let sections = Sections::of(&project, &plan);
        let mut env = Env::new(&plan, &sections, &[]);
        let d = |s: &str| Decimal::from_str(s).unwrap();
        let mut score = |share: &str, low: &str, high: &str| {
            let bounds = Bounds {
                low: d(low),
                high: d(high),
            };
            finish(&mut env, d("10"), d(share), bounds)
                .unwrap()
                .to_string()
        };
        assert_eq!(score("0.5", "0.00", "1.00"), "5.00");
        assert_eq!(score("1", "0", "1"), "10.00");
        assert_eq!(score("0.1", "0.20", "1.00"), "2.00");
        assert_eq!(score("1", "0.00", "0.90"), "9.00");
        assert_eq!(score("0.5", "0.20", "0.90"), "5.00");
    }

    /// The whole weight's bounds taken without arithmetic are the same decimals, scale
    /// and sign included, as the arithmetic gives; other bounds that equal them in value
    /// but not in scale (a cap of `1.00`) still take the arithmetic.
    #[test]
    fn scaled_whole_is_scaled() {
        let general = |weight: Decimal, bounds: Bounds| {
            let weight = weight.max(Decimal::ZERO);
            let low = weight.checked_mul(bounds.low).unwrap();
            let high = weight.checked_mul(bounds.high).unwrap();
            (low, high.max(low))
        };
        let bits = |(a, b): (Decimal, Decimal)| (a.serialize(), b.serialize());
        let weights = [
            "0",
            "0.00",
            "-0",
            "-0.00",
            "-1",
            "-0.5",
            "1",
            "8",
            "8.00",
            "11.11",
            "0.5",
            "0.0000000000000000000000000001",
            "4294967296",
            "18446744073709551616.5",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
        ];
        let cap_written = Bounds {
            low: Decimal::ZERO,
            high: Decimal::from_str("1.00").unwrap(),
        };
        assert!(Bounds::WHOLE.is_whole());
        assert!(!cap_written.is_whole());
        for w in weights {
            let weight = Decimal::from_str(w).unwrap();
            for bounds in [Bounds::WHOLE, cap_written] {
                assert_eq!(
                    bits(scaled(weight, bounds).unwrap()),
                    bits(general(weight, bounds)),
                    "{w}"
                );
            }
        }
        // The cap as written keeps its two places: 8 × 1.00 is 8.00, not 8.
        let eight = Decimal::from(8);
        assert_eq!(scaled(eight, cap_written).unwrap().1.to_string(), "8.00");
        assert_eq!(scaled(eight, Bounds::WHOLE).unwrap().1.to_string(), "8");
    }
}
