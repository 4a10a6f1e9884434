//! Conditions decided for every row of a section at once.
//!
//! A check or `discard` over rows, and a filter over a whole section (`rows[condition]`),
//! ask the same condition of every row. Decided row by row, each row pays for entering
//! the row and for walking the condition's tree, which costs more than reading the row's
//! fields and comparing them. Decided for all rows at once, the tree is walked once and
//! each of its comparisons is a loop over the rows.
//!
//! Only conditions that read nothing but constants, the project's fields, a row's fields
//! and computed values are decided so: such a condition has no effect and cannot fail,
//! so deciding it for every row, and both sides of every `and` and `or`, gives each row
//! what [`Env::truth`] gives it in that row. Anything else (arithmetic, functions but
//! `present`, aggregates, `outer`) is left to be decided row by row.

use crate::compile::IndicatorKeys;
use crate::data::project::{Datum, FieldKey, Record};
use crate::data::schema::Stamp;
use crate::ir::ops::holds;
use crate::ir::vocab::{BinaryOp, UnaryOp};
use crate::ir::{Computed, Expr, ExprKind, FieldRead, Function};
use crate::value::{self, Scalar};

use super::{At, Env, compare, decide};
use crate::eval::error::Result;

/// Whether a condition holds in each row, as [`Env::truth`] says it: `None` where it is
/// missing (or not a boolean).
pub(crate) type Truths = Vec<Option<bool>>;

#[cfg(test)]
thread_local! {
    /// Set by a test to have every condition decided row by row, to compare the ways.
    static ROW_BY_ROW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What a condition compares, as read in each row.
enum Leaf<'s> {
    /// The same in every row: a constant, a global, a field of a record section.
    Same(Scalar<'s>),
    /// A field of the row, read from the form's text: a field of these rows.
    Plain(&'s [Record], FieldKey<'s>, FieldRead),
    /// A field of the row, read as [`Env::row_field_at`] reads it (an indicator row's
    /// target or actual: from its readings).
    Field(FieldKey<'s>, FieldRead),
    /// A value computed for the row.
    Computed(Computed),
}

impl Env<'_> {
    /// Whether `e` holds in each of the first `rows` rows of the section at `place` (see
    /// [`Env::place`]), as [`Env::truth`] decides it with that row entered; `None` where
    /// `e` is not a condition of the kind decided for all rows at once (see the module).
    pub(crate) fn truths(&self, e: &Expr, place: usize, rows: usize) -> Option<Truths> {
        #[cfg(test)]
        if ROW_BY_ROW.get() {
            return None;
        }
        self.decided(e, place, rows)
    }

    /// What [`Env::truths`] gives, where no test has it decline. Each part of the
    /// condition costs a step a row; past the form's limit, nothing is decided here and
    /// the row-by-row evaluation says so.
    fn decided(&self, e: &Expr, place: usize, rows: usize) -> Option<Truths> {
        if !self.charge(rows) {
            return None;
        }
        match &e.kind {
            ExprKind::Binary(op @ (BinaryOp::And | BinaryOp::Or), l, r) => {
                let decisive = *op == BinaryOp::Or;
                let left = self.decided(l, place, rows)?;
                let right = self.decided(r, place, rows)?;
                Some(zip(left, right, |l, r| decide(decisive, l, r)))
            }
            ExprKind::Binary(op, l, r) if op.is_comparison() => {
                let (l, r) = (self.leaf(l, place)?, self.leaf(r, place)?);
                if let Some(truths) = self.numbers_compared(*op, (&l, &r), place, rows) {
                    return Some(truths);
                }
                if let Some(truths) = self.text_matched(*op, (&l, &r), place, rows) {
                    return Some(truths);
                }
                if let Some(truths) = dates_compared(*op, (&l, &r), rows, self.stamp()) {
                    return Some(truths);
                }
                Some(each_row(rows, |row| {
                    compare(
                        *op,
                        self.read_at(&l, place, row),
                        self.read_at(&r, place, row),
                    )
                }))
            }
            ExprKind::Unary(UnaryOp::Not, x) => {
                let mut truths = self.decided(x, place, rows)?;
                for t in &mut truths {
                    *t = t.map(|b| !b);
                }
                Some(truths)
            }
            // `present(x)`: as `Function::Present` evaluates it, whether `x` has a value.
            ExprKind::Call(Function::Present, args) => match args.as_slice() {
                [x] => {
                    let x = self.leaf(x, place)?;
                    Some(each_row(rows, |row| {
                        Some(!matches!(self.read_at(&x, place, row), Scalar::Null))
                    }))
                }
                _ => None,
            },
            _ => {
                let x = self.leaf(e, place)?;
                if let Leaf::Computed(c) = x {
                    return Some(each_row(rows, |row| self.computed_truth(row, c)));
                }
                Some(each_row(rows, |row| match self.read_at(&x, place, row) {
                    Scalar::Bool(b) => Some(b),
                    _ => None,
                }))
            }
        }
    }

    /// Whether `e` holds in row `row` of the section at `place`: as `known` (what
    /// [`Env::truths`] gave for the section) says where it says, else decided with the
    /// row entered.
    pub(crate) fn truth_at(
        &mut self,
        known: Option<&Truths>,
        place: usize,
        row: usize,
        e: &Expr,
    ) -> Result<Option<bool>> {
        match known.and_then(|k| k.get(row)) {
            Some(holds) => Ok(*holds),
            None => self.in_row_at(place, row, |env| env.truth(e)),
        }
    }

    /// What `e` reads in each row, where it is an operand read in place (as
    /// [`Env::operand`] reads it); `None` for anything else.
    fn leaf<'s>(&'s self, e: &'s Expr, place: usize) -> Option<Leaf<'s>> {
        Some(match &e.kind {
            ExprKind::Const(v) | ExprKind::Constant { value: v, .. } => Leaf::Same(v.scalar()),
            ExprKind::Global(g) => Leaf::Same(self.global(g)),
            ExprKind::SectionField {
                section,
                slot,
                field,
                read,
            } => Leaf::Same(self.section_field((*slot, section), field.at(), *read)),
            ExprKind::RowField(field, read) => match self.rows_at(place) {
                Some((records, indicators))
                    if !(indicators && IndicatorKeys::read_once(field.at(), *read).is_some()) =>
                {
                    Leaf::Plain(records, field.at(), *read)
                }
                _ => Leaf::Field(field.at(), *read),
            },
            ExprKind::Computed(c) => Leaf::Computed(*c),
            _ => return None,
        })
    }

    /// A comparison of two numbers, where one side is a number or nothing in every row
    /// (a number computed for the row, a constant number): then a side that is not a
    /// number (a text in a number field) compares as nothing does, and each side is
    /// read as a decimal, with no [`Scalar`] to match. `None` for other leaves.
    fn numbers_compared(
        &self,
        op: BinaryOp,
        (l, r): (&Leaf<'_>, &Leaf<'_>),
        place: usize,
        rows: usize,
    ) -> Option<Truths> {
        if !(l.only_numbers() || r.only_numbers()) || !(l.numeric() && r.numeric()) {
            return None;
        }
        Some(each_row(rows, |row| {
            let a = self.number_at(l, place, row)?;
            let b = self.number_at(r, place, row)?;
            holds(op, value::compare(&a, &b))
        }))
    }

    /// `x == "text"` or `x != "text"` with a constant text that normalising keeps as it
    /// is (`name == "预算执行率"`): each row's text is matched with
    /// [`crate::text::eq_normal`], which reads the constant no further than comparing
    /// does. What is not a text compares with a text as nothing does. `None` for other
    /// comparisons.
    fn text_matched(
        &self,
        op: BinaryOp,
        (l, r): (&Leaf<'_>, &Leaf<'_>),
        place: usize,
        rows: usize,
    ) -> Option<Truths> {
        let equal = match op {
            BinaryOp::Eq => true,
            BinaryOp::Ne => false,
            _ => return None,
        };
        let (other, constant) = match (l, r) {
            (other, Leaf::Same(Scalar::Text(c))) | (Leaf::Same(Scalar::Text(c)), other) => {
                (other, *c)
            }
            _ => return None,
        };
        if !matches!(
            crate::text::normalized(constant),
            std::borrow::Cow::Borrowed(_)
        ) {
            return None;
        }
        Some(each_row(rows, |row| {
            match self.read_at(other, place, row) {
                Scalar::Text(text) => Some(crate::text::eq_normal(text, constant) == equal),
                _ => None,
            }
        }))
    }

    /// What a numeric leaf reads in a row, as a decimal; `None` for anything else.
    #[inline(always)]
    fn number_at(
        &self,
        leaf: &Leaf<'_>,
        place: usize,
        row: usize,
    ) -> Option<rust_decimal::Decimal> {
        match *leaf {
            Leaf::Plain(records, field, _) => {
                match &records.get(row)?.get_at(field, self.stamp())?.value {
                    Datum::Decimal(d) => Some(*d),
                    _ => None,
                }
            }
            Leaf::Computed(c) => self.computed_number(row, c),
            _ => match self.read_at(leaf, place, row) {
                Scalar::Num(n) => Some(n.value),
                _ => None,
            },
        }
    }

    /// What `leaf` reads in row `row` of the section at `place`: what evaluating its
    /// expression with that row entered gives.
    // Always inlined: it runs for each leaf in each row, and its frame cost as much as
    // what it reads.
    #[inline(always)]
    fn read_at<'s>(&'s self, leaf: &Leaf<'s>, place: usize, row: usize) -> Scalar<'s> {
        match *leaf {
            Leaf::Same(s) => s,
            Leaf::Plain(records, field, read) => records
                .get(row)
                .map_or(Scalar::Null, |r| self.plain_field(r, field, read)),
            Leaf::Field(field, read) => self.row_field_at(place, row, field, read),
            Leaf::Computed(c) => self.computed_at(row, c),
        }
    }
}

impl Leaf<'_> {
    /// Whether it is a number or nothing in every row.
    fn only_numbers(&self) -> bool {
        match self {
            Leaf::Same(s) => matches!(s, Scalar::Num(_) | Scalar::Null),
            Leaf::Computed(c) => matches!(
                c,
                Computed::ExpectedWeight | Computed::Score | Computed::Completion
            ),
            Leaf::Plain(..) | Leaf::Field(..) => false,
        }
    }

    /// Whether it reads numbers, or else nothing a comparison with a number could hold
    /// for: a number leaf, or a field declared a number (whose text, where a form writes
    /// one, compares with a number as nothing does).
    fn numeric(&self) -> bool {
        self.only_numbers() || matches!(self, Leaf::Plain(_, _, FieldRead::Number(_)))
    }
}

/// A field of the rows compared with a constant date (`as_of > cutoff`, a `discard` on
/// every row): each row's date compared where the field holds one, as
/// [`compare`] compares two dates; anything else (no value, a text) compares with a date
/// as nothing does. `None` for other comparisons.
fn dates_compared(
    op: BinaryOp,
    (l, r): (&Leaf<'_>, &Leaf<'_>),
    rows: usize,
    stamp: Stamp,
) -> Option<Truths> {
    let (records, field, constant, flipped) = match (l, r) {
        (Leaf::Plain(records, field, FieldRead::Plain), Leaf::Same(Scalar::Date(d))) => {
            (*records, *field, *d, false)
        }
        (Leaf::Same(Scalar::Date(d)), Leaf::Plain(records, field, FieldRead::Plain)) => {
            (*records, *field, *d, true)
        }
        _ => return None,
    };
    holds(op, std::cmp::Ordering::Equal)?;
    Some(each_row(rows, |row| {
        let Datum::Date(date) = records.get(row)?.get_at(field, stamp)?.value else {
            return None;
        };
        let order = if flipped {
            constant.cmp(&date)
        } else {
            date.cmp(&constant)
        };
        holds(op, order)
    }))
}

/// `f` of each row, in order.
fn each_row(rows: usize, f: impl Fn(usize) -> Option<bool>) -> Truths {
    (0..rows).map(f).collect()
}

/// `f` of each pair of truths, in place of the first list.
fn zip(
    mut left: Truths,
    right: Truths,
    f: impl Fn(Option<bool>, Option<bool>) -> Option<bool>,
) -> Truths {
    for (l, r) in left.iter_mut().zip(right) {
        *l = f(*l, r);
    }
    left
}

#[cfg(test)]
mod tests {
    use super::super::quick::UNSETTLED;
    use super::ROW_BY_ROW;
    use crate::data::{self, Format};
    use crate::source::SourceFile;
    use crate::testing::{EGOV_FORM, RULES_2023, plan_and_project, set_indicator_text};

    /// A number field holding a text (which a form read by perfeval never does, but a
    /// project built through the API may) compares with a number as nothing does, at
    /// once as row by row: the column says nothing of that row (where a number read from
    /// the text would say `true`: it is the row's weight), and `weight-mismatch` and
    /// `score-mismatch` say nothing of it.
    #[test]
    fn a_text_in_a_number_field_compares_as_nothing() {
        let (plan, mut project) = plan_and_project(RULES_2023, EGOV_FORM);
        for key in ["weight", "self_score"] {
            assert!(project.rows("indicators")[0].get(key).is_some(), "{key}");
            set_indicator_text(&mut project, 0, key, "8");
        }
        // The column itself: the first row's text against its weight of 8.
        let sections = super::super::Sections::of(&project, &plan);
        let rows = project.rows("indicators").len();
        let weighed = crate::eval::outcome::RowState {
            expected_weight: Some(8.into()),
            ..Default::default()
        };
        let states = vec![weighed; rows];
        let env = super::super::Env::new(&plan, &sections, &states);
        let check = plan
            .checks
            .iter()
            .find(|c| c.finding.code == "weight-mismatch");
        let truths = env.truths(&check.unwrap().assertion, 0, rows).unwrap();
        assert_eq!(truths[0], None);
        assert_eq!(truths[1], Some(false));
        let at_once = format!("{:?}", crate::evaluate(&plan, &project));
        ROW_BY_ROW.set(true);
        let row_by_row = format!("{:?}", crate::evaluate(&plan, &project));
        ROW_BY_ROW.set(false);
        assert_eq!(at_once, row_by_row);
        assert!(!at_once.contains("weight-mismatch"), "{at_once}");
    }

    /// A name written with a space (`预算 执行率`) is the name the ruleset writes, at once
    /// as row by row: `execution-rate` runs on that row and finds its wrong value.
    #[test]
    fn a_name_compares_as_normalised_at_once_too() {
        let form = EGOV_FORM.replace(
            "name = \"预算执行率\"  # 指标名称：shared/seeds/000_98b5b3d58b97f228.txt:40:7\ntarget = \"=100%\"  # 目标值：shared/seeds/000_98b5b3d58b97f228.txt:40:13\nweight = 8  # 权重：shared/seeds/000_98b5b3d58b97f228.txt:40:19\nactual = \"100%\"",
            "name = \"预算 执行率\"\ntarget = \"=100%\"\nweight = 8\nactual = \"99%\"",
        );
        let (plan, project) = plan_and_project(RULES_2023, &form);
        let at_once = format!("{:?}", crate::evaluate(&plan, &project));
        ROW_BY_ROW.set(true);
        let row_by_row = format!("{:?}", crate::evaluate(&plan, &project));
        ROW_BY_ROW.set(false);
        assert!(at_once.contains("code: \"execution-rate\""), "{at_once}");
        assert_eq!(at_once, row_by_row);
    }

    /// The codes the 2023 policy with `probes` added raises over every form of the
    /// fixtures, each form's outcome the same with conditions over rows decided for all
    /// rows at once as row by row.
    fn raised_at_once_as_row_by_row(
        probes: &[impl AsRef<str>],
    ) -> std::collections::BTreeSet<String> {
        let probes: Vec<&str> = probes.iter().map(AsRef::as_ref).collect();
        let rules = format!("{RULES_2023}\n{}\n", probes.join("\n"));
        let plan = crate::load_ruleset(&SourceFile::new("t.rules", rules)).unwrap();
        let mut raised = std::collections::BTreeSet::new();
        for (name, text) in crate::testing::fixture_forms() {
            let source = SourceFile::new(name.as_str(), text.as_str());
            let Ok(project) = data::load_str(source, Format::Toml, &plan.form) else {
                continue;
            };
            let at_once = crate::evaluate(&plan, &project);
            ROW_BY_ROW.set(true);
            let row_by_row = crate::evaluate(&plan, &project);
            ROW_BY_ROW.set(false);
            assert_eq!(format!("{at_once:?}"), format!("{row_by_row:?}"), "{name}");
            let findings = at_once.map(|o| o.findings).unwrap_or_default();
            raised.extend(findings.into_iter().map(|f| f.code));
        }
        raised
    }

    /// A row's computed flags and numbers (`quantitative`, `missing`, `recognized`,
    /// `score`, `expected_weight`, `completion`), read for all rows at once from the
    /// rows' states, decide each row as they do row by row: over every form of the
    /// fixtures, under the 2023 policy with checks that read each of them.
    #[test]
    fn computed_values_decide_rows_as_they_do_row_by_row() {
        let probes = [
            "check probe-q warning for indicators when quantitative { completion <= 120% }",
            "check probe-m warning for indicators when missing or not recognized { score > 0 分 }",
            "check probe-s warning for indicators when recognized and not missing { score == expected_weight }",
            "check probe-c warning for indicators when present(completion) { completion >= 100% }",
        ];
        let raised = raised_at_once_as_row_by_row(&probes);
        for probe in ["probe-q", "probe-m", "probe-s", "probe-c"] {
            assert!(raised.contains(probe), "{probe} never raised: {raised:?}");
        }
    }

    /// A date field of the rows compared with a constant date, in each order and by each
    /// operator, decides each row as it does row by row (a row with no date, as nothing
    /// does): over every form of the fixtures, some of whose rows are dated after the
    /// cutoff.
    #[test]
    fn dates_decide_rows_as_they_do_row_by_row() {
        let ops = ["<", "<=", ">", ">=", "==", "!="];
        let mut probes = Vec::new();
        for (i, op) in ops.iter().enumerate() {
            probes.push(format!(
                "check probe-a{i} warning for indicators {{ as_of {op} cutoff }}"
            ));
            probes.push(format!(
                "check probe-b{i} warning for indicators {{ cutoff {op} as_of }}"
            ));
        }
        let raised = raised_at_once_as_row_by_row(&probes);
        // A date after the cutoff fails `as_of <= cutoff` and `cutoff >= as_of`, and
        // their likes.
        for probe in [
            "probe-a0", "probe-a1", "probe-a4", "probe-b2", "probe-b3", "probe-b4",
        ] {
            assert!(raised.contains(probe), "{probe} never raised: {raised:?}");
        }
    }

    /// Every check, `discard` and filter of the shipped rulesets, over every form of the
    /// evaluation fixtures and examples that the ruleset's form reads: the outcome
    /// (scores, findings and their order, errors) is the same whether conditions over rows
    /// are decided for all rows at once or row by row, and whether checks are settled
    /// without the general evaluator (`quick`) or not.
    #[test]
    fn shortcuts_change_no_outcome() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let forms = crate::testing::fixture_forms();
        let mut compared = 0;
        let mut settled = 0;
        for rules in ["2023.rules", "2023.zh.rules", "mof-2020.rules"] {
            let text = std::fs::read_to_string(root.join("rulesets").join(rules)).unwrap();
            let plan = crate::load_ruleset(&SourceFile::new(rules, text)).unwrap();
            settled += plan.checks.iter().filter(|c| c.settleable).count();
            for (name, text) in &forms {
                let source = SourceFile::new(name.as_str(), text.as_str());
                let Ok(project) = data::load_str(source, Format::Toml, &plan.form) else {
                    continue;
                };
                let outcome = |row_by_row: bool, unsettled: bool| {
                    ROW_BY_ROW.set(row_by_row);
                    UNSETTLED.set(unsettled);
                    let outcome = format!("{:?}", crate::evaluate(&plan, &project));
                    ROW_BY_ROW.set(false);
                    UNSETTLED.set(false);
                    outcome
                };
                // The general evaluator alone, against each shortcut and both.
                let general = outcome(true, true);
                for (row_by_row, unsettled) in [(false, false), (true, false), (false, true)] {
                    assert_eq!(
                        outcome(row_by_row, unsettled),
                        general,
                        "{rules} {name} row by row {row_by_row}, unsettled {unsettled}"
                    );
                }
                compared += 1;
            }
        }
        // The forms of both policies were read and compared, and most checks settle.
        assert!(compared > 50, "{compared}");
        assert!(settled > 20, "{settled}");
    }
}
