//! Evaluating resolved expressions against one project.
//!
//! A missing value (`Null`) propagates through operators, so that a check over an
//! optional field that the form leaves out neither passes nor fails: it does not apply.

use std::borrow::Cow;
use std::sync::Arc;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::compile::{IndicatorKeys, Plan, ReadOnce};
use crate::data::project::{Datum, FieldKey, Project, Record, SectionData};
use crate::data::schema::Stamp;
use crate::ir::vocab::INDICATORS;
use crate::ir::vocab::{BinaryOp, UnaryOp};
use crate::ir::{Computed, Expr, ExprKind, FieldRead, Function, Global, Local, POOLS, Projection};
use crate::value::{self, Num, RowSet, Scalar, Unit, Value};

pub(crate) use crate::ir::ops::{compare, decide, unary};

use super::coverage::{Marks, Part};
use super::error::EvalError;
use super::measure::{self, Reading};
use super::outcome::{PoolState, RowState};
use super::readings::RowReading;

mod columns;
mod quick;
pub(crate) use columns::Truths;

use super::error::Result;

/// What an expression can see.
pub(crate) struct Env<'a> {
    pub plan: &'a Plan,
    /// The rows entered, innermost last: the section (its place in `sections`) and the
    /// row's index.
    rows: Vec<(usize, usize)>,
    /// The keys of the rows sections entered so far, `indicators` first. The stack names
    /// them by place, so entering a row copies two numbers (a shared key would be
    /// counted up and down) and a row is known to be an indicator row by its place.
    sections: SmallVec<[Cow<'static, str>; 2]>,
    /// The project and its sections, listed once for the form.
    data: &'a Sections<'a>,
    /// `target` and `actual` in a completion formula.
    pub locals: Option<(Num, Num)>,
    /// What scoring knows of each indicator row so far.
    pub indicators: &'a [RowState],
    /// What is known of each pool so far.
    pub pools: &'a [PoolState<'a>],
    /// The total, once known.
    pub total: Option<Decimal>,
    /// The most points, once known.
    pub max_score: Option<Decimal>,
    /// The lines' scores, once known.
    pub lines: &'a [(String, Decimal)],
    /// The rating, once known.
    pub rating: Option<&'a str>,
    /// The row being scored, with what is known of it so far, which its formulas see in
    /// place of `indicators`.
    pub current: Option<(usize, RowState)>,
    /// Where the parts of the ruleset that take effect are marked, when a trace is kept.
    pub marks: Marks<'a>,
    /// Each indicator row's target and actual, read once (empty: read where used).
    pub readings: &'a [RowReading],
    /// Aggregates that read no row, kept while a loop over rows runs.
    memo: Memo,
    /// What scoring does, step by step, when it is to be explained (`None` otherwise).
    pub trace: Option<Vec<super::trace::Step>>,
    /// How each check ran, when it is to be explained.
    pub check_runs: Option<Vec<super::trace::CheckRun>>,
}

/// A project's sections, listed once for a form: a section is found by its key's length
/// and bytes, where the project's ordered map compares keys byte by byte at every step.
/// Evaluation looks a section up for every field of it that it reads.
pub(crate) struct Sections<'a> {
    /// The project.
    pub project: &'a Project,
    // A `Vec`, not a `SmallVec`: a `SmallVec` of borrows would tie every environment's
    // lifetime to the project's (it is invariant in its items).
    list: Vec<(&'a str, &'a SectionData)>,
    /// The indicator rows, found once: most rows rules enter are these.
    indicators: &'a [Record],
    /// The record section of each of the form's sections, by place in the plan's form
    /// (`FormSchema::sections`): what `budget.initial` reads, found once a form. Empty
    /// where the plan's form is not the one its expressions' places were taken from
    /// (someone replaced it): sections are then found by key.
    records: Vec<Option<&'a Record>>,
    /// The steps of work done so far for this form (see [`Env::spend`]).
    work: std::cell::Cell<u64>,
    /// The most steps of work this form may take (see [`work_limit`]).
    limit: u64,
}

impl<'a> Sections<'a> {
    /// The sections of `project`, evaluated under `plan`.
    pub(crate) fn of(project: &'a Project, plan: &Plan) -> Self {
        let list: Vec<_> = project
            .sections
            .iter()
            .map(|(k, v)| (k.as_str(), v))
            .collect();
        let mut sections = Sections {
            project,
            list,
            indicators: project.rows(INDICATORS),
            records: Vec::new(),
            work: std::cell::Cell::new(0),
            limit: work_limit(project.rows(INDICATORS).len()),
        };
        if plan.form.stamp() == plan.form_stamp {
            sections.records = plan
                .form
                .sections()
                .iter()
                .map(|s| sections.record(&s.key))
                .collect();
        }
        sections
    }

    /// The record section with this key, at `slot` of the plan's form, if the project
    /// has it (as [`Sections::record`] finds it by key).
    fn record_at(&self, slot: usize, key: &str) -> Option<&'a Record> {
        match self.records.get(slot) {
            Some(record) => *record,
            None => self.record(key),
        }
    }

    fn get(&self, key: &str) -> Option<&'a SectionData> {
        self.list
            .iter()
            .find(|(k, _)| k.len() == key.len() && *k == key)
            .map(|(_, data)| *data)
    }

    /// The record section with this key, if present (as [`Project::record`]).
    pub(crate) fn record(&self, key: &str) -> Option<&'a Record> {
        self.get(key)?.record()
    }

    /// The rows of the rows section with this key (as [`Project::rows`]); the indicator
    /// rows, found once, without a look.
    pub(crate) fn rows(&self, key: &str) -> &'a [Record] {
        if key == INDICATORS {
            return self.indicators;
        }
        self.get(key).map_or(&[], SectionData::rows)
    }
}

/// Where `indicators` is in [`Env`]'s list of the sections entered.
const INDICATORS_PLACE: usize = 0;

/// The values of aggregates (`sum`, `count`, `any`, …) that need not be computed again:
/// `indicators[weight > sum(indicators.weight) / count(indicators)]` would otherwise sum
/// every row for every row, and five such filters nested would take n⁵ steps.
///
/// - An aggregate that reads nothing that changes while the environment lives (no row of
///   a loop, no computed value that the row being scored sees in its own way, no
///   `target`/`actual`, no total, line or rating) is kept as long as the environment.
/// - One that reads no row of a loop, but may read such context, is kept while a loop
///   runs (`depth > 0`): nothing but the row stack changes inside a loop.
///
/// Entries are keyed by the expression's address in the plan, which is borrowed, so
/// unchanged, for as long as the environment lives.
#[derive(Default)]
struct Memo {
    depth: usize,
    /// What each aggregate met so far reads.
    reads: FxHashMap<usize, Reads>,
    /// Values of aggregates that read nothing that changes.
    stable: FxHashMap<usize, Value>,
    /// Values of aggregates that read no row, while the current loop runs.
    looped: FxHashMap<usize, Value>,
}

/// What an aggregate's value depends on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reads {
    /// Only the project, the plan and the stage's rows: the same all along.
    Nothing,
    /// No row of a loop, but context that changes outside loops.
    NoRow,
    /// The row a loop visits.
    Row,
}

impl<'a> Env<'a> {
    /// An environment with no row entered.
    pub(crate) fn new(plan: &'a Plan, data: &'a Sections<'a>, indicators: &'a [RowState]) -> Self {
        Env {
            plan,
            rows: Vec::new(),
            // The indicator rows are entered most: first, so that place 0 says so.
            sections: smallvec::smallvec![Cow::Borrowed(INDICATORS)],
            data,
            locals: None,
            indicators,
            pools: &[],
            total: None,
            max_score: None,
            lines: &[],
            rating: None,
            current: None,
            marks: None,
            readings: &[],
            memo: Memo::default(),
            trace: None,
            check_runs: None,
        }
    }

    /// The stamp of the form the plan's field slots are of: records validated against
    /// it are read by slot.
    pub(crate) fn stamp(&self) -> Stamp {
        self.plan.form_stamp
    }

    /// The project evaluated.
    pub(crate) fn project(&self) -> &'a Project {
        self.data.project
    }

    /// The record section with this key, if present, found in the form's list of
    /// sections (as [`Project::record`]).
    pub(crate) fn record(&self, section: &str) -> Option<&'a Record> {
        self.data.record(section)
    }

    /// The rows of the rows section with this key, found in the form's list of sections
    /// (as [`Project::rows`]).
    pub(crate) fn rows_of(&self, section: &str) -> &'a [Record] {
        self.data.rows(section)
    }

    /// Records a step of scoring, when scoring is being explained.
    pub(crate) fn note(&mut self, step: impl FnOnce() -> super::trace::Step) {
        if let Some(trace) = &mut self.trace {
            trace.push(step());
        }
    }

    /// The same environment marking what takes effect in `marks`.
    pub(crate) fn with_marks(mut self, marks: Marks<'a>) -> Self {
        self.marks = marks;
        self
    }

    /// The same environment reading targets and actual values from `readings`.
    pub(crate) fn with_readings(mut self, readings: &'a [RowReading]) -> Self {
        self.readings = readings;
        self
    }

    /// Whether coverage is kept: for work done only to mark a part.
    pub(crate) fn marking(&self) -> bool {
        self.marks.is_some()
    }

    /// Marks a part of the ruleset as exercised, if coverage is kept.
    pub(crate) fn mark(&self, part: impl FnOnce() -> Part) {
        super::coverage::mark(self.marks, part);
    }

    /// Runs a loop over rows: aggregates inside it that read no row are computed once.
    /// No context but the row stack may change inside `f`.
    pub(crate) fn looping<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.memo.depth += 1;
        let result = f(self);
        self.memo.depth -= 1;
        if self.memo.depth == 0 {
            self.memo.looped.clear();
        }
        result
    }

    /// The same environment knowing the most points a project can score.
    pub(crate) fn with_max(mut self, max_score: Option<Decimal>) -> Self {
        self.max_score = max_score;
        self
    }

    /// The same environment seeing what is known of the pools.
    pub(crate) fn with_pools(mut self, pools: &'a [PoolState<'a>]) -> Self {
        self.pools = pools;
        self
    }

    /// Evaluates with a row entered.
    pub(crate) fn in_row<T>(
        &mut self,
        section: &str,
        row: usize,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        let place = self.place(section);
        self.in_row_at(place, row, f)
    }

    /// Evaluates with an indicator row entered: the indicators are always the first
    /// section entered, so no section is looked for by name (scoring and `discard`
    /// enter every row).
    pub(crate) fn in_indicator_row<T>(&mut self, row: usize, f: impl FnOnce(&mut Self) -> T) -> T {
        self.in_row_at(INDICATORS_PLACE, row, f)
    }

    /// Where a rows section is in the list of sections entered (added if it is not
    /// yet): a loop over one section's rows finds it once, not once per row.
    pub(crate) fn place(&mut self, section: &str) -> usize {
        // The indicator rows, entered most, compared with a constant, not through the list.
        if section == INDICATORS {
            return INDICATORS_PLACE;
        }
        match self.sections.iter().position(|s| s == section) {
            Some(place) => place,
            None => {
                self.sections.push(Cow::Owned(section.to_owned()));
                self.sections.len() - 1
            }
        }
    }

    /// Evaluates with a row entered, its section known by [`Env::place`].
    pub(crate) fn in_row_at<T>(
        &mut self,
        place: usize,
        row: usize,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.rows.push((place, row));
        let result = f(self);
        self.rows.pop();
        result
    }

    /// Evaluates an expression.
    pub(crate) fn eval(&mut self, expr: &Expr) -> Result<Value> {
        self.spend(1, expr.span)?;
        if is_aggregate(expr) {
            return self.memoized(expr);
        }
        self.eval_kind(expr)
    }

    /// An aggregate: its kept value where it has one (see [`Memo`]).
    fn memoized(&mut self, expr: &Expr) -> Result<Value> {
        let key = std::ptr::from_ref(expr) as usize;
        let reads = *self.memo.reads.entry(key).or_insert_with(|| reads(expr));
        let kept = match reads {
            Reads::Nothing => &mut self.memo.stable,
            Reads::NoRow if self.memo.depth > 0 => &mut self.memo.looped,
            _ => return self.eval_kind(expr),
        };
        if let Some(value) = kept.get(&key) {
            return Ok(value.clone());
        }
        let value = self.eval_kind(expr)?;
        let kept = match reads {
            Reads::Nothing => &mut self.memo.stable,
            _ => &mut self.memo.looped,
        };
        kept.insert(key, value.clone());
        Ok(value)
    }

    fn eval_kind(&mut self, expr: &Expr) -> Result<Value> {
        match &expr.kind {
            ExprKind::Const(v) | ExprKind::Constant { value: v, .. } => Ok(v.clone()),
            ExprKind::Outer(inner) => self.outside(inner),
            ExprKind::Global(g) => Ok(self.global(g).to_value()),
            ExprKind::SectionField {
                section,
                slot,
                field,
                read,
            } => Ok(self
                .section_field((*slot, section), field.at(), *read)
                .to_value()),
            ExprKind::Rows { section } => Ok(Value::Rows(RowSet {
                section: section.as_str().into(),
                rows: (0..self.row_count(section)).collect(),
            })),
            ExprKind::RowField(field, read) => {
                Ok(self.current_row_field(field.at(), *read).to_value())
            }
            ExprKind::PoolField(field) => Ok(self.pool_field(*field).to_value()),
            ExprKind::RowMember(base, projection) => match self.eval(base)? {
                Value::Row(section, row) => Ok(self.row_value(&section, row, projection)),
                _ => Ok(Value::Null),
            },
            ExprKind::Computed(c) => Ok(self.current_computed(*c).to_value()),
            ExprKind::Local(l) => Ok(self.local(*l).to_value()),
            ExprKind::Project(base, projection) => self.project_rows(base, projection),
            ExprKind::Filter(base, cond) => self.filter(base, cond),
            ExprKind::Unary(op, operand) => {
                let v = self.eval(operand)?;
                Ok(unary(*op, v))
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, expr),
            ExprKind::If(c, a, b) => match self.truth(c)? {
                Some(true) => self.eval(a),
                Some(false) => self.eval(b),
                None => Ok(Value::Null),
            },
            ExprKind::Call(f, args) => self.call(*f, args, expr),
        }
    }

    /// An operand read in place, without making a value of it: a constant, a global, a
    /// field, a number computed for the row, a local. `None` for anything else, which
    /// is evaluated: most operands of a comparison are of these kinds, and a text read
    /// in place is not copied.
    // Always inlined, as `read` is: conditions read two or three operands each, on every
    // row of every check, and the call's frame cost as much as the read (−4.5 % of
    // evaluation's instructions).
    #[inline(always)]
    fn operand<'e>(&self, e: &'e Expr) -> Option<Scalar<'e>>
    where
        'a: 'e,
    {
        Some(match &e.kind {
            ExprKind::Const(v) | ExprKind::Constant { value: v, .. } => v.scalar(),
            ExprKind::Global(g) => self.global(g),
            ExprKind::SectionField {
                section,
                slot,
                field,
                read,
            } => self.section_field((*slot, section), field.at(), *read),
            ExprKind::RowField(field, read) => self.current_row_field(field.at(), *read),
            ExprKind::PoolField(field) => self.pool_field(*field),
            // A grade or unit is the row state's text: evaluated as a value instead.
            ExprKind::Computed(c) => self.current_computed(*c).owned()?,
            ExprKind::Local(l) => self.local(*l),
            _ => return None,
        })
    }

    /// An operand as operators read it: in place where it can be (see
    /// [`Env::operand`]), else evaluated into `held`.
    #[inline(always)]
    fn read<'e>(&mut self, e: &'e Expr, held: &'e mut Option<Value>) -> Result<Scalar<'e>>
    where
        'a: 'e,
    {
        if let Some(s) = self.operand(e) {
            return Ok(s);
        }
        if let ExprKind::Binary(op, l, r) = &e.kind
            && op.is_arithmetic()
        {
            return Ok(self
                .arithmetic(*op, l, r, e)?
                .map_or(Scalar::Null, Scalar::Num));
        }
        Ok(held.insert(self.eval(e)?).scalar())
    }

    /// `l op r` for an arithmetic operator: its operands read in place or computed the
    /// same way, so that a sum of sums (`budget.initial + budget.adjustment -
    /// budget.appropriated`) makes no value of each step. `None` where an operand is not
    /// a number; both operands are always read, so an error in either is raised.
    fn arithmetic(
        &mut self,
        op: BinaryOp,
        l: &Expr,
        r: &Expr,
        whole: &Expr,
    ) -> Result<Option<Num>> {
        let (mut held_left, mut held_right) = (None, None);
        let left = self.read(l, &mut held_left)?;
        let right = self.read(r, &mut held_right)?;
        crate::ir::ops::arithmetic(op, left, right).map_err(|e| EvalError::failed(e, whole.span))
    }

    /// Whether a condition holds: `None` where it is missing (or not a boolean).
    /// Comparisons, `and`, `or` and `not` are decided here as they would evaluate, without
    /// making a value of each step: conditions are most of what checks evaluate.
    pub(crate) fn truth(&mut self, e: &Expr) -> Result<Option<bool>> {
        self.spend(1, e.span)?;
        match &e.kind {
            ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), l, r) => {
                // As `ops::logic`; the right side only where the left does not decide, so
                // that a guard such as `x != 0 and y / x > 1` never divides by zero.
                let decisive = *op == BinaryOp::Or;
                let left = self.truth(l)?;
                if left == Some(decisive) {
                    return Ok(left);
                }
                Ok(decide(decisive, left, self.truth(r)?))
            }
            ExprKind::Binary(op, l, r) if op.is_comparison() => {
                let (mut held_left, mut held_right) = (None, None);
                let left = self.read(l, &mut held_left)?;
                let right = self.read(r, &mut held_right)?;
                Ok(compare(*op, left, right))
            }
            ExprKind::Unary(UnaryOp::Not, x) => Ok(self.truth(x)?.map(|b| !b)),
            // `recognized`, `quantitative`, `missing`: a row's flag, as it is.
            ExprKind::Computed(c) => Ok(match self.current_computed(*c) {
                Scalar::Bool(b) => Some(b),
                _ => None,
            }),
            _ => {
                let mut held = None;
                Ok(match self.read(e, &mut held)? {
                    Scalar::Bool(b) => Some(b),
                    _ => None,
                })
            }
        }
    }

    /// A number: `None` where the value is missing (or not a number). A constant or a
    /// field is read in place.
    // Inlined, and the rest not: most numbers asked for are the ruleset's constants
    // (band edges, deduction rates, grade shares, catalog weights, on every row), read
    // at once where they are asked for, without the frame that reading an operand needs.
    #[inline]
    pub(crate) fn number(&mut self, e: &Expr) -> Result<Option<Num>> {
        if let ExprKind::Const(Value::Num(n))
        | ExprKind::Constant {
            value: Value::Num(n),
            ..
        } = &e.kind
        {
            return Ok(Some(*n));
        }
        self.number_read(e)
    }

    /// [`Env::number`] of anything but a constant.
    #[inline(never)]
    fn number_read(&mut self, e: &Expr) -> Result<Option<Num>> {
        let mut held = None;
        Ok(match self.read(e, &mut held)? {
            Scalar::Num(n) => Some(n),
            _ => None,
        })
    }

    /// `outer.x`: `x` in the row outside the innermost one, which is left for the time
    /// being (the checker lets `outer` appear only inside a row inside a row).
    fn outside(&mut self, inner: &Expr) -> Result<Value> {
        let Some(innermost) = self.rows.pop() else {
            return Ok(Value::Null);
        };
        let value = self.eval(inner);
        self.rows.push(innermost);
        value
    }

    /// How many rows a rows section has; `pools` is the ruleset's pools unless the form
    /// declares a section of that name.
    pub(crate) fn row_count(&self, section: &str) -> usize {
        if section == POOLS && self.plan.form.section(POOLS).is_none() {
            self.pools.len()
        } else {
            self.data.rows(section).len()
        }
    }

    /// The value a projection takes from one row.
    fn row_value(&mut self, section: &Arc<str>, row: usize, projection: &Projection) -> Value {
        match projection {
            Projection::Field(field, read) => self.in_row(section, row, |env| {
                env.current_row_field(field.at(), *read).to_value()
            }),
            Projection::Computed(c) => self
                .indicators
                .get(row)
                .map_or(Value::Null, |s| s.computed(*c)),
            Projection::Pool(f) => self.pools.get(row).map_or(Value::Null, |p| p.field(*f)),
        }
    }

    fn global(&self, g: &Global) -> Scalar<'a> {
        let points = |d: Option<Decimal>| d.map_or(Scalar::Null, |d| num(d, Unit::Points));
        match g {
            Global::FiscalYear => self
                .plan
                .fiscal_year
                .map_or(Scalar::Null, |y| num(Decimal::from(y), Unit::Scalar)),
            Global::Cutoff => self.plan.cutoff.map_or(Scalar::Null, Scalar::Date),
            Global::Total => points(self.total),
            Global::MaxScore => points(self.max_score),
            Global::Rating => self.rating.map_or(Scalar::Null, Scalar::Text),
            Global::Line(key) => points(self.lines.iter().find(|(k, _)| k == key).map(|(_, v)| *v)),
        }
    }

    fn local(&self, l: Local) -> Scalar<'static> {
        match (self.locals, l) {
            (Some((target, _)), Local::Target) => Scalar::Num(target),
            (Some((_, actual)), Local::Actual) => Scalar::Num(actual),
            (None, _) => Scalar::Null,
        }
    }

    /// A field of the record section `section`, at `slot` of the form's sections.
    fn section_field(
        &self,
        (slot, section): (usize, &str),
        field: FieldKey<'_>,
        read: FieldRead,
    ) -> Scalar<'a> {
        let record = self.data.record_at(slot, section);
        record.map_or(Scalar::Null, |r| self.field_value(None, r, field, read))
    }

    /// A value of the current row of `pools`.
    fn pool_field(&self, field: crate::ir::PoolField) -> Scalar<'a> {
        let pools: &'a [PoolState<'a>] = self.pools;
        self.current_row()
            .and_then(|(_, i)| pools.get(i))
            .map_or(Scalar::Null, |p| p.field_scalar(field))
    }

    /// The innermost row entered: its section's key and its index.
    pub(crate) fn current_row(&self) -> Option<(&str, usize)> {
        self.row_at(self.rows.last())
    }

    /// The row entered before the innermost one (`outer`'s row).
    pub(crate) fn outer_row(&self) -> Option<(&str, usize)> {
        self.row_at(self.rows.iter().rev().nth(1))
    }

    fn row_at(&self, entry: Option<&(usize, usize)>) -> Option<(&str, usize)> {
        let &(place, row) = entry?;
        Some((self.sections.get(place)?, row))
    }

    fn current_row_field(&self, field: FieldKey<'_>, read: FieldRead) -> Scalar<'a> {
        let Some(&(place, row)) = self.rows.last() else {
            return Scalar::Null;
        };
        self.row_field_at(place, row, field, read)
    }

    /// A field of row `row` of the section at `place` (see [`Env::place`]).
    fn row_field_at(
        &self,
        place: usize,
        row: usize,
        field: FieldKey<'_>,
        read: FieldRead,
    ) -> Scalar<'a> {
        let Some((records, indicators)) = self.rows_at(place) else {
            return Scalar::Null;
        };
        match records.get(row) {
            Some(record) => self.field_value(indicators.then_some(row), record, field, read),
            None => Scalar::Null,
        }
    }

    /// The rows of the section at `place`, and whether they are the indicator rows (whose
    /// target and actual were read once for all).
    fn rows_at(&self, place: usize) -> Option<(&'a [Record], bool)> {
        if place == INDICATORS_PLACE {
            return Some((self.data.indicators, true));
        }
        let section = self.sections.get(place)?;
        Some((self.data.rows(section), false))
    }

    fn current_computed(&self, c: Computed) -> Scalar<'_> {
        // The row's index is all it needs: not its section's key.
        let Some(&(_, row)) = self.rows.last() else {
            return Scalar::Null;
        };
        self.computed_at(row, c)
    }

    /// The state of indicator row `row`: the one being scored, or else as scoring left it.
    #[inline(always)]
    fn state_at(&self, row: usize) -> Option<&RowState> {
        match &self.current {
            Some((scoring, state)) if *scoring == row => Some(state),
            _ => self.indicators.get(row),
        }
    }

    /// [`Env::computed_at`] of a computed number, as a decimal; `None` for anything else
    /// and where there is none.
    #[inline(always)]
    fn computed_number(&self, row: usize, c: Computed) -> Option<Decimal> {
        let state = self.state_at(row)?;
        match c {
            Computed::ExpectedWeight => state.expected_weight,
            Computed::Score => Some(state.score),
            Computed::Completion => state.completion,
            _ => match state.computed_scalar(c) {
                Scalar::Num(n) => Some(n.value),
                _ => None,
            },
        }
    }

    /// [`Env::computed_at`] of a computed flag; `None` for anything but a flag and where
    /// there is none.
    #[inline(always)]
    fn computed_truth(&self, row: usize, c: Computed) -> Option<bool> {
        let state = self.state_at(row)?;
        match c {
            Computed::Recognized => Some(state.recognized),
            Computed::Quantitative => Some(state.quantitative),
            Computed::Missing => Some(state.missing),
            _ => match state.computed_scalar(c) {
                Scalar::Bool(b) => Some(b),
                _ => None,
            },
        }
    }

    /// A value computed for indicator row `row`.
    fn computed_at(&self, row: usize, c: Computed) -> Scalar<'_> {
        self.state_at(row)
            .map_or(Scalar::Null, |s| s.computed_scalar(c))
    }

    /// A field of a record as a value of its declared type (`read`); `indicator` is the
    /// row's place when the record is an indicator row, whose target and actual were read
    /// once for all.
    fn field_value(
        &self,
        indicator: Option<usize>,
        record: &'a Record,
        field: FieldKey<'_>,
        read: FieldRead,
    ) -> Scalar<'a> {
        match indicator {
            Some(row) => match IndicatorKeys::read_once(field, read) {
                Some(which) => self.read_once_value(row, record, (field, which), read),
                None => self.plain_field(record, field, read),
            },
            None => self.plain_field(record, field, read),
        }
    }

    /// A field of a record as a value of its declared type, read from the form's text
    /// as it is: any field but an indicator row's target and actual.
    fn plain_field(&self, record: &'a Record, field: FieldKey<'_>, read: FieldRead) -> Scalar<'a> {
        record
            .get_at(field, self.stamp())
            .map_or(Scalar::Null, |f| datum_scalar(&f.value, read, self.plan))
    }

    /// An indicator row's target or actual value (see [`IndicatorKeys::read_once`]), from
    /// the row's readings where they were made.
    fn read_once_value(
        &self,
        row: usize,
        record: &'a Record,
        (field, which): (FieldKey<'_>, ReadOnce),
        read: FieldRead,
    ) -> Scalar<'a> {
        let Some(datum) = record.get_at(field, self.stamp()).map(|f| &f.value) else {
            return Scalar::Null;
        };
        if let Datum::Text(text) = datum {
            let known = self.readings.get(row);
            match (which, known) {
                (ReadOnce::Actual, Some(known)) => {
                    return read_actual(&known.actual, &known.target);
                }
                (ReadOnce::Actual, None) => {
                    let known = RowReading::of(self.plan, record);
                    return read_actual(&known.actual, &known.target);
                }
                (ReadOnce::Target, Some(known)) => {
                    return read_target(&known.target, text, self.plan);
                }
                (ReadOnce::Target, None) => {}
            }
        }
        datum_scalar(datum, read, self.plan)
    }

    fn project_rows(&mut self, base: &Expr, projection: &Projection) -> Result<Value> {
        let Value::Rows(set) = self.eval(base)? else {
            return Ok(Value::Null);
        };
        let values = set
            .rows
            .iter()
            .map(|&row| self.row_value(&set.section, row, projection))
            .collect();
        Ok(Value::List(values))
    }

    fn filter(&mut self, base: &Expr, cond: &Expr) -> Result<Value> {
        let Value::Rows(set) = self.eval(base)? else {
            return Ok(Value::Null);
        };
        self.spend(set.rows.len(), cond.span)?;
        let place = self.place(&set.section);
        // Over a whole section, decided for every row at once where it can be (see
        // `Env::truths`); over some of its rows (a filter's result filtered again), row
        // by row, so that no row outside them is read.
        let rows = self.row_count(&set.section);
        let known = (set.rows.len() == rows)
            .then(|| self.truths(cond, place, rows))
            .flatten();
        let mut kept = Vec::new();
        self.looping(|env| {
            for &row in &set.rows {
                if env.truth_at(known.as_ref(), place, row, cond)? == Some(true) {
                    kept.push(row);
                }
            }
            Ok::<_, Box<EvalError>>(())
        })?;
        Ok(Value::Rows(RowSet {
            section: set.section,
            rows: kept,
        }))
    }

    fn binary(&mut self, op: BinaryOp, l: &Expr, r: &Expr, whole: &Expr) -> Result<Value> {
        // A comparison, `and` or `or` is a condition: decided in one place.
        if op.is_comparison() || matches!(op, BinaryOp::And | BinaryOp::Or) {
            return Ok(self.truth(whole)?.map_or(Value::Null, Value::Bool));
        }
        // Every other operator is arithmetic.
        Ok(self
            .arithmetic(op, l, r, whole)?
            .map_or(Value::Null, Value::Num))
    }

    fn call(&mut self, f: Function, args: &[Expr], whole: &Expr) -> Result<Value> {
        match f {
            Function::Any | Function::All => self.quantifier(f, args),
            Function::Present => Ok(Value::Bool(!matches!(self.arg(args, 0)?, Value::Null))),
            Function::IsNumber => Ok(Value::Bool(matches!(self.arg(args, 0)?, Value::Num(_)))),
            Function::Default => match self.arg(args, 0)? {
                Value::Null => self.arg(args, 1),
                v => Ok(v),
            },
            Function::First => match self.arg(args, 0)? {
                Value::Rows(set) => Ok(set
                    .rows
                    .first()
                    .map_or(Value::Null, |&row| Value::Row(set.section.clone(), row))),
                _ => Ok(Value::Null),
            },
            Function::Subtotal => match self.arg(args, 0)? {
                Value::Category(c) => self
                    .subtotal(c)
                    .map_err(|e| EvalError::failed(e, whole.span)),
                _ => Ok(Value::Null),
            },
            Function::Count | Function::Sum if let Some(v) = self.over_rows(f, args) => {
                v.map_err(|e| EvalError::failed(e, whole.span))
            }
            _ => {
                // Functions take one to four arguments (`min`/`max` more): on the stack.
                let values = args
                    .iter()
                    .map(|a| self.eval(a))
                    .collect::<Result<SmallVec<[Value; 4]>>>()?;
                crate::ir::functions::call(f, &values).map_err(|e| EvalError::failed(e, whole.span))
            }
        }
    }

    /// `count(section)`, `count(section.x)` and `sum(section.x)` over every row of a
    /// section, read row by row as the general path reads them but without making a
    /// list of the values (checks such as `total == sum(indicators.self_score)` run on
    /// every form). `None` for any other argument, which takes the general path.
    /// Settling a check (`quick`) counts and sums through this too.
    fn over_rows(
        &self,
        f: Function,
        args: &[Expr],
    ) -> Option<std::result::Result<Value, value::ArithError>> {
        let [arg] = args else { return None };
        let (section, projection) = match &arg.kind {
            ExprKind::Rows { section } if f == Function::Count => {
                return Some(Ok(crate::ir::functions::counted(self.row_count(section))));
            }
            ExprKind::Project(base, projection) => match &base.kind {
                ExprKind::Rows { section } => (section.as_str(), projection),
                _ => return None,
            },
            _ => return None,
        };
        let records = self.rows_named(section);
        let read = |row| self.projected(records, row, projection);
        let rows = 0..self.row_count(section);
        Some(if f == Function::Count {
            let present = rows
                .filter(|&row| !matches!(read(row), Scalar::Null))
                .count();
            Ok(crate::ir::functions::counted(present))
        } else {
            let numbers = rows.filter_map(|row| match read(row) {
                Scalar::Num(n) => Some(n),
                _ => None,
            });
            crate::ir::functions::sum_of(numbers)
        })
    }

    /// The rows of a section as [`Env::rows_at`] finds them once it is entered, and
    /// whether they are the indicator rows.
    fn rows_named(&self, section: &str) -> (&'a [Record], bool) {
        match section {
            INDICATORS => (self.data.indicators, true),
            _ => (self.data.rows(section), false),
        }
    }

    /// The value a projection takes from row `row` of `records` (the indicator rows
    /// where the flag says so), read in place as [`Env::row_value`] reads it.
    fn projected(
        &self,
        (records, indicators): (&'a [Record], bool),
        row: usize,
        projection: &Projection,
    ) -> Scalar<'_> {
        match projection {
            Projection::Field(field, read) => records.get(row).map_or(Scalar::Null, |r| {
                self.field_value(indicators.then_some(row), r, field.at(), *read)
            }),
            Projection::Computed(c) => self
                .indicators
                .get(row)
                .map_or(Scalar::Null, |s| s.computed_scalar(*c)),
            Projection::Pool(f) => self
                .pools
                .get(row)
                .map_or(Scalar::Null, |p| p.field_scalar(*f)),
        }
    }

    /// The points the rows of a category scored.
    fn subtotal(&self, category: usize) -> std::result::Result<Value, value::ArithError> {
        let mut sum = Num::new(Decimal::ZERO, Unit::Points);
        for state in self
            .indicators
            .iter()
            .filter(|s| s.category == Some(category))
        {
            sum = value::add(sum, Num::new(state.score, Unit::Points))?;
        }
        Ok(Value::Num(sum))
    }

    fn arg(&mut self, args: &[Expr], i: usize) -> Result<Value> {
        match args.get(i) {
            Some(a) => self.eval(a),
            None => Ok(Value::Null),
        }
    }

    /// Counts `steps` more steps of work (an expression evaluated, a row gone over by the
    /// filter or quantifier whose condition is at `span`): past
    /// [`WORK_LIMIT`](crate::eval::WORK_LIMIT) for the form, an error. Each level of
    /// filters nested inside a filter multiplies the rows gone over (111 rows, six
    /// levels: 10¹⁴), and a condition of a million terms costs a million steps in each
    /// row: no time limit of a language without loops bounds either.
    #[inline]
    pub(crate) fn spend(&self, steps: usize, span: crate::source::Span) -> Result<()> {
        if self.charge(steps) {
            return Ok(());
        }
        self.too_much_work(span)
    }

    /// Counts `steps` more steps of work; whether the form's work is still within the
    /// limit.
    #[inline]
    pub(crate) fn charge(&self, steps: usize) -> bool {
        let steps = u64::try_from(steps).unwrap_or(u64::MAX);
        let work = self.data.work.get().saturating_add(steps);
        self.data.work.set(work);
        work <= self.data.limit
    }

    #[cold]
    fn too_much_work(&self, span: crate::source::Span) -> Result<()> {
        Err(Box::new(EvalError::TooMuchWork {
            project: String::new(),
            limit: self.data.limit,
            span: span.into(),
        }))
    }

    fn quantifier(&mut self, f: Function, args: &[Expr]) -> Result<Value> {
        let (Some(rows), Some(cond)) = (args.first(), args.get(1)) else {
            return Ok(Value::Null);
        };
        let Value::Rows(set) = self.eval(rows)? else {
            return Ok(Value::Null);
        };
        self.spend(set.rows.len(), cond.span)?;
        let want = f == Function::Any;
        self.looping(|env| {
            for &row in &set.rows {
                if env.in_row(&set.section, row, |env| env.truth(cond))? == Some(want) {
                    return Ok(Value::Bool(want));
                }
            }
            Ok(Value::Bool(!want))
        })
    }
}

#[cfg(test)]
thread_local! {
    /// Set by a test to a limit a debug build reaches in a moment.
    static TEST_WORK_LIMIT: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// The most steps of work a form of `rows` indicator rows may take:
/// [`WORK_LIMIT`](super::WORK_LIMIT), or [`WORK_PER_ROW`](super::WORK_PER_ROW) a row where
/// that is more (a policy's work grows with the rows), or a test's limit.
fn work_limit(rows: usize) -> u64 {
    #[cfg(test)]
    if let Some(limit) = TEST_WORK_LIMIT.get() {
        return limit;
    }
    let rows = u64::try_from(rows).unwrap_or(u64::MAX);
    super::WORK_LIMIT.max(rows.saturating_mul(super::WORK_PER_ROW))
}

/// Whether an expression goes over rows: worth keeping when a loop repeats it.
fn is_aggregate(expr: &Expr) -> bool {
    matches!(
        &expr.kind,
        ExprKind::Call(
            Function::Count
                | Function::Sum
                | Function::Min
                | Function::Max
                | Function::Any
                | Function::All
                | Function::First
                | Function::Subtotal,
            _
        )
    )
}

/// What an aggregate's value depends on (see [`Memo`]).
fn reads(e: &Expr) -> Reads {
    if !reads_no_row(e) {
        Reads::Row
    } else if reads_context(e) {
        Reads::NoRow
    } else {
        Reads::Nothing
    }
}

/// Whether an expression reads nothing of the row a loop visits: no field, computed
/// value or pool value of the current row. A filter's condition, a projection and a
/// quantifier's condition read their own rows, not the loop's, so only their bases
/// count, unless they reach out of their rows with `outer`.
fn reads_no_row(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::RowField(..)
        | ExprKind::Computed(_)
        | ExprKind::PoolField(_)
        | ExprKind::Outer(_) => false,
        ExprKind::Const(_)
        | ExprKind::Constant { .. }
        | ExprKind::Global(_)
        | ExprKind::SectionField { .. }
        | ExprKind::Rows { .. }
        | ExprKind::Local(_) => true,
        ExprKind::Filter(base, cond) => reads_no_row(base) && !reaches_out(cond),
        ExprKind::Project(base, _) | ExprKind::RowMember(base, _) | ExprKind::Unary(_, base) => {
            reads_no_row(base)
        }
        ExprKind::Binary(_, a, b) => reads_no_row(a) && reads_no_row(b),
        ExprKind::If(c, a, b) => reads_no_row(c) && reads_no_row(a) && reads_no_row(b),
        ExprKind::Call(Function::Any | Function::All, args) => {
            args.first().is_none_or(reads_no_row) && !args.iter().skip(1).any(reaches_out)
        }
        ExprKind::Call(_, args) => args.iter().all(reads_no_row),
    }
}

/// Whether an expression, anywhere inside, names a row outside its own (`outer.x`): a
/// filter's condition that does may read the row of the loop it runs in.
fn reaches_out(e: &Expr) -> bool {
    e.any(&mut |e| matches!(e.kind, ExprKind::Outer(_)))
}

/// Whether an expression, anywhere inside, reads what changes while an environment
/// lives: a computed value (the row being scored sees its own), `target` and `actual`,
/// the total, a line, the rating.
fn reads_context(e: &Expr) -> bool {
    e.any(&mut |e| {
        matches!(
            e.kind,
            ExprKind::Computed(_)
                | ExprKind::Local(_)
                | ExprKind::Global(Global::Total | Global::Line(_) | Global::Rating)
        )
    })
}

/// A number in a unit, as operators read it.
fn num(value: Decimal, unit: Unit) -> Scalar<'static> {
    Scalar::Num(Num::new(value, unit))
}

/// How a field an expression names is asked of a record: its key and its slot, read
/// by slot from records validated against the plan's form.
pub(crate) trait At {
    /// The field's key and slot.
    fn at(&self) -> FieldKey<'_>;
}

impl At for crate::ir::FieldName {
    #[inline]
    fn at(&self) -> FieldKey<'_> {
        FieldKey {
            key: &self.key,
            slot: self.slot,
        }
    }
}

/// A project value as a language value of the field's type.
fn datum_scalar<'d>(datum: &'d Datum, read: FieldRead, plan: &Plan) -> Scalar<'d> {
    match (datum, read) {
        (Datum::Text(text), FieldRead::Measure) => measure_value(text, plan),
        (Datum::Text(text), _) => Scalar::Text(text),
        (Datum::Decimal(d), FieldRead::Number(unit)) => num(*d, unit),
        (Datum::Decimal(d), _) => num(*d, Unit::Scalar),
        (Datum::Date(d), _) => Scalar::Date(*d),
        (Datum::Bool(b), _) => Scalar::Bool(*b),
    }
}

/// A measure's number: a percentage as its ratio (with the written precision kept), any
/// other unit as a plain number; a word or a missing value has none.
fn measure_value(text: &str, plan: &Plan) -> Scalar<'static> {
    match measure::read(Some(text), &plan.words, &plan.missing.markers) {
        Reading::Quantity(q) => quantity_value(&q),
        Reading::Missing | Reading::Word(_) => Scalar::Null,
    }
}

fn quantity_value(q: &measure::Quantity) -> Scalar<'static> {
    measured(q.number, q.is_percent())
}

/// A measure's number: a percentage as its ratio, anything else as a plain number.
fn measured(number: Decimal, percent: bool) -> Scalar<'static> {
    if percent {
        percent_value(number).map_or(Scalar::Null, Scalar::Num)
    } else {
        num(number, Unit::Scalar)
    }
}

/// An indicator's actual value: with no unit written, it takes its target's unit, so
/// that `94` against `=100%` reads as 94%.
fn read_actual(actual: &Reading, target: &Reading) -> Scalar<'static> {
    let Reading::Quantity(actual) = actual else {
        return Scalar::Null;
    };
    match target {
        Reading::Quantity(t) if actual.unit.is_empty() => measured(actual.number, t.is_percent()),
        _ => quantity_value(actual),
    }
}

/// A target already read (where a marker is a word) as [`measure_value`] gives it.
fn read_target(target: &Reading, text: &str, plan: &Plan) -> Scalar<'static> {
    match target {
        // A marker that reads as a number means "no value" here.
        Reading::Quantity(q) if !measure::is_marker(text, &plan.missing.markers) => {
            quantity_value(q)
        }
        _ => Scalar::Null,
    }
}

/// `94` percent as 0.94, keeping the written precision (two more decimals).
pub(crate) fn percent_value(points: Decimal) -> Option<Num> {
    let mut ratio = points;
    ratio.set_scale(points.scale() + 2).ok()?;
    Some(Num::new(ratio, Unit::Percent))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::ir::ops::binary;
    use crate::source::{SourceFile, Span};

    fn constant(v: &Value) -> Expr {
        Expr::unplaced(ExprKind::Const(v.clone()))
    }

    /// `x` behind an `if`: not an operand read in place, so evaluated to a value.
    fn evaluated(v: &Value) -> Expr {
        let always = Box::new(constant(&Value::Bool(true)));
        Expr::unplaced(ExprKind::If(
            always,
            Box::new(constant(v)),
            Box::new(constant(v)),
        ))
    }

    /// Filters nested in filters' conditions go over rows multiplied by the rows at each
    /// level (17 rows, three levels: 17³ for each of 17 rows); past the limit, the project
    /// is not evaluated (`too_much_work`, at the filter that passed it), where it ran
    /// until killed. The shipped policy's own checks go over a few rows per row, far
    /// from it.
    #[test]
    fn nested_filters_stop_at_the_work_limit() {
        use crate::testing::{EGOV_FORM, RULES_2023, plan_and_project};
        let mut inner = "weight >= outer.weight".to_owned();
        for _ in 0..2 {
            inner = format!("count(indicators[{inner}]) >= 0 and weight >= outer.weight");
        }
        let check = format!("check q error for indicators {{ count(indicators[{inner}]) >= 0 }}");
        let (plan, project) = plan_and_project(&format!("{RULES_2023}\n{check}\n"), EGOV_FORM);
        TEST_WORK_LIMIT.set(Some(10_000));
        let nested = crate::evaluate(&plan, &project);
        let (plain, seed) = plan_and_project(RULES_2023, EGOV_FORM);
        TEST_WORK_LIMIT.set(Some(17 * 20));
        let shipped = crate::evaluate(&plain, &seed);
        TEST_WORK_LIMIT.set(None);
        let error = nested.unwrap_err();
        assert_eq!(error.code(), "perfeval::eval::too_much_work");
        let span = error.span().unwrap();
        let rules = format!("{RULES_2023}\n{check}\n");
        assert!(rules[span.start as usize..span.end as usize].contains("outer.weight"));
        assert!(shipped.is_ok(), "{shipped:?}");
        // With the limit as it is, the nested check runs to its end.
        assert!(crate::evaluate(&plan, &project).is_ok());
    }

    /// A condition of many terms costs its terms in every row it is asked of: wide
    /// arithmetic asked row by row, and a wide `or` of comparisons decided for every row at
    /// once, are both stopped at the limit, where the same terms once are not.
    #[test]
    fn wide_conditions_count_their_terms_in_every_row() {
        use crate::testing::{EGOV_FORM, RULES_2023, plan_and_project};
        let many = |n: usize, term: &str, join: &str| vec![term; n].join(join);
        // Asked row by row inside a filter that reads the outer row, or decided for every
        // row at once (a chain of operators is at most 127 terms: in groups of 20).
        let wide = |n: usize| format!("max({}) >= 0", many(n, "outer.weight", ", "));
        let or = |n: usize| {
            many(
                n / 20,
                &format!("({})", many(20, "weight < 0", " or ")),
                " or ",
            )
        };
        let filtered = |c: String| format!("count(indicators[{c}]) >= 0");
        // 17 rows × 17 rows × 400 terms: about 116,000 steps, × 20 terms: 5,800; 17 rows ×
        // 8,000 parts: 136,000, × 20 terms: 680.
        let cases = [
            (filtered(wide(400)), filtered(wide(20))),
            (or(4000), or(20)),
        ];
        for (heavy, light) in cases {
            let plan = |c: &str| {
                let check = format!("check w warning for indicators {{ {c} }}");
                plan_and_project(&format!("{RULES_2023}\n{check}\n"), EGOV_FORM)
            };
            let ((heavy, project), (light, _)) = (plan(&heavy), plan(&light));
            TEST_WORK_LIMIT.set(Some(50_000));
            let stopped = crate::evaluate(&heavy, &project);
            let within = crate::evaluate(&light, &project);
            TEST_WORK_LIMIT.set(None);
            let code = stopped.map_err(|e| e.code());
            assert_eq!(code.err(), Some("perfeval::eval::too_much_work"));
            assert!(within.is_ok());
            assert!(crate::evaluate(&heavy, &project).is_ok());
        }
    }

    /// A section field is read by its place in the plan's form: a form that declares its
    /// sections in another order (here `funds` before `budget`) reads the same fields,
    /// and raises the same findings with the same messages.
    #[test]
    fn sections_are_read_by_their_place_in_the_plans_form() {
        let rules = include_str!("../../rulesets/2023.rules");
        let budget = rules.find("  /// 填表说明 1：“市级预算执行情况”").unwrap();
        let funds = rules
            .find("  /// 填表说明 1：“市级财政资金使用情况”")
            .unwrap();
        let rows = rules.find("  optional rows subprojects").unwrap();
        let reordered = [
            &rules[..budget],
            &rules[funds..rows],
            &rules[budget..funds],
            &rules[rows..],
        ]
        .concat();
        let form = include_str!("../../examples/suzhou-2023-with-findings.toml");
        let outcome = |rules: &str| {
            let plan = crate::load_ruleset(&SourceFile::new("2023.rules", rules)).unwrap();
            let source = SourceFile::new("f.toml", form);
            let project = crate::data::load_str(source, crate::data::Format::Toml, &plan.form);
            let outcome = crate::evaluate(&plan, &project.unwrap()).unwrap();
            let slots: Vec<_> = plan.form.sections().iter().map(|s| s.key.clone()).collect();
            (outcome.findings, outcome.total, slots)
        };
        let (findings, total, slots) = outcome(rules);
        let (reordered_findings, reordered_total, reordered_slots) = outcome(&reordered);
        assert_ne!(slots, reordered_slots);
        assert!(findings.iter().any(|f| f.code == "funds-balance"));
        assert_eq!(findings, reordered_findings);
        assert_eq!(total, reordered_total);
    }

    /// `truth` decides comparisons, `and`, `or` and `not` (and evaluation asks it to): it
    /// must decide them as the operators do (`ops::binary`, which the checker folds
    /// constants with), missing values and values of other kinds included, whether its
    /// operands are read in place or evaluated.
    #[test]
    fn truth_decides_as_the_operators_do() {
        let rules = include_str!("../../rulesets/2023.rules");
        let plan = crate::load_ruleset(&SourceFile::new("2023.rules", rules)).unwrap();
        let project = Project {
            source: SourceFile::new("p.toml", ""),
            sections: BTreeMap::new(),
        };
        let sections = Sections::of(&project, &plan);
        let mut env = Env::new(&plan, &sections, &[]);
        let values = [
            Value::Bool(true),
            Value::Bool(false),
            Value::Null,
            Value::num(Decimal::ONE, Unit::Scalar),
            Value::Text("是".into()),
        ];
        let ops = [
            BinaryOp::And,
            BinaryOp::Or,
            BinaryOp::Eq,
            BinaryOp::Ne,
            BinaryOp::Lt,
            BinaryOp::Ge,
        ];
        let side: [fn(&Value) -> Expr; 2] = [constant, evaluated];
        let mut at_once = 0;
        for op in ops {
            for (l, r) in values
                .iter()
                .flat_map(|l| values.iter().map(move |r| (l, r)))
            {
                let expected = match binary(op, l.scalar(), r.scalar()).unwrap() {
                    Value::Bool(b) => Some(b),
                    _ => None,
                };
                for (left, right) in side.iter().flat_map(|a| side.iter().map(move |b| (a, b))) {
                    let e =
                        Expr::unplaced(ExprKind::Binary(op, Box::new(left(l)), Box::new(right(r))));
                    assert_eq!(env.truth(&e).unwrap(), expected, "{e:?}");
                    let value = env.eval(&e).unwrap();
                    assert_eq!(value, expected.map_or(Value::Null, Value::Bool), "{e:?}");
                    // Decided for rows at once, where it can be: as in the row.
                    if let Some(truths) = env.truths(&e, INDICATORS_PLACE, 1) {
                        assert_eq!(truths, [expected], "{e:?}");
                        at_once += 1;
                    }
                    let not = Expr::unplaced(ExprKind::Unary(UnaryOp::Not, Box::new(e)));
                    assert_eq!(env.truth(&not).unwrap(), expected.map(|b| !b), "{not:?}");
                    if let Some(truths) = env.truths(&not, INDICATORS_PLACE, 1) {
                        assert_eq!(truths, [expected.map(|b| !b)], "{not:?}");
                    }
                }
            }
        }
        // Every operator over two constants is decided at once, too.
        assert!(
            at_once >= ops.len() * values.len() * values.len(),
            "{at_once}"
        );
        // Arithmetic, computed without making a value of each step, gives what the
        // operators give, alone and as an operand of a comparison.
        let two = Value::num(Decimal::TWO, Unit::Scalar);
        for op in [BinaryOp::Add, BinaryOp::Sub, BinaryOp::Mul, BinaryOp::Div] {
            for (l, r) in values
                .iter()
                .flat_map(|l| values.iter().map(move |r| (l, r)))
            {
                let expected = binary(op, l.scalar(), r.scalar()).unwrap();
                for (left, right) in side.iter().flat_map(|a| side.iter().map(move |b| (a, b))) {
                    let e =
                        Expr::unplaced(ExprKind::Binary(op, Box::new(left(l)), Box::new(right(r))));
                    assert_eq!(env.eval(&e).unwrap(), expected, "{e:?}");
                    let compared = Expr::unplaced(ExprKind::Binary(
                        BinaryOp::Lt,
                        Box::new(e),
                        Box::new(constant(&two)),
                    ));
                    let holds = compare(BinaryOp::Lt, expected.scalar(), two.scalar());
                    assert_eq!(env.truth(&compared).unwrap(), holds, "{compared:?}");
                }
            }
        }
    }

    /// `count` and `sum` over a whole section's rows read the rows in place: they must
    /// give what the general path gives over the list of the rows' values, missing
    /// values, other kinds and no rows included.
    #[test]
    fn aggregates_over_rows_give_what_the_list_gives() {
        use crate::data::project::{Datum, Field, SectionData};
        let rules = include_str!("../../rulesets/2023.rules");
        let plan = crate::load_ruleset(&SourceFile::new("2023.rules", rules)).unwrap();
        let row = |budget: Option<Datum>| {
            let mut r = Record::new(Span::default());
            if let Some(value) = budget {
                let span = Span::default();
                r.insert("budget".to_owned(), Field { value, span });
            }
            r
        };
        let d = |s: &str| Some(Datum::Decimal(s.parse().unwrap()));
        let cases = [
            vec![],
            vec![row(None)],
            vec![row(d("1.5")), row(None), row(d("2.25"))],
            vec![row(Some(Datum::Text("三".into()))), row(d("-4"))],
        ];
        for rows in cases {
            let mut sections = BTreeMap::new();
            sections.insert("subprojects".to_owned(), SectionData::Rows(rows));
            let project = Project {
                source: SourceFile::new("p.toml", ""),
                sections,
            };
            let sections = Sections::of(&project, &plan);
            let mut env = Env::new(&plan, &sections, &[]);
            let base = Expr::unplaced(ExprKind::Rows {
                section: "subprojects".to_owned(),
            });
            let projection = Projection::Field(
                crate::ir::FieldName {
                    key: "budget".to_owned(),
                    slot: usize::MAX,
                },
                FieldRead::Plain,
            );
            let listed = env.project_rows(&base, &projection).unwrap();
            let whole = env.eval(&base).unwrap();
            let projected = Expr::unplaced(ExprKind::Project(Box::new(base.clone()), projection));
            // Aggregates are kept by address while the environment lives: every call
            // made before any is evaluated, so that none shares another's address.
            let calls = [
                (Function::Sum, &projected, &listed),
                (Function::Count, &projected, &listed),
                (Function::Count, &base, &whole),
            ]
            .map(|(f, arg, general)| {
                (
                    Expr::unplaced(ExprKind::Call(f, vec![arg.clone()])),
                    f,
                    general,
                )
            });
            for (call, f, general) in &calls {
                let expected = crate::ir::functions::call(*f, std::slice::from_ref(*general));
                assert_eq!(env.eval(call).ok(), expected.ok(), "{call:?}");
            }
        }
    }
}
