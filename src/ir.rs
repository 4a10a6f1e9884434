//! Resolved expressions: what `check` makes of the syntax tree's expressions and
//! `eval` runs.
//!
//! Every name is resolved to what it means (a field of a section, a field of the
//! current row, a value the engine computed, a constant) and every operator to its
//! typed form. Types were checked when these were built; nothing here can fail to
//! resolve.

pub mod defs;
pub(crate) mod functions;
pub(crate) mod ops;
pub mod pattern;
pub mod vocab;

use self::vocab::{BinaryOp, RoundingMode, UnaryOp};
use crate::source::Span;
use crate::value::Value;

/// A resolved expression with the span it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it computes.
    pub kind: ExprKind,
    /// Where it is written in the ruleset.
    pub span: Span,
}

#[cfg(test)]
impl Expr {
    /// An expression written nowhere: what tests build by hand.
    pub(crate) fn unplaced(kind: ExprKind) -> Expr {
        Expr {
            kind,
            span: Span::default(),
        }
    }
}

/// The kinds of resolved expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// A constant.
    Const(Value),
    /// A named constant of the ruleset (`let 扣减比例 = 5%`), computed by the checker:
    /// its value, with its name for messages.
    Constant {
        /// The constant's name.
        name: String,
        /// Its value.
        value: Value,
    },
    /// A value the engine knows for the whole project.
    Global(Global),
    /// A field of a record section: `budget.initial`.
    SectionField {
        /// The section's key.
        section: String,
        /// The field's key and place.
        field: FieldName,
        /// How its value reads, from the field's declared type.
        read: FieldRead,
        /// The section's place in the form's list of sections (`FormSchema::sections`),
        /// where evaluation finds it without a search.
        slot: usize,
    },
    /// All rows of a rows section: `subprojects`.
    Rows {
        /// The section's key.
        section: String,
    },
    /// A field of the current row (the innermost `for` or `[…]`), and how it reads.
    RowField(FieldName, FieldRead),
    /// A value of the current row of `pools`.
    PoolField(PoolField),
    /// `first(rows).field`: a field or computed value of one row.
    RowMember(Box<Expr>, Projection),
    /// A value the engine computed for the current indicator row.
    Computed(Computed),
    /// A value bound by the engine for a formula: `target`, `actual` in `completion`.
    Local(Local),
    /// `rows.field`: the field of every row, as a list.
    Project(Box<Expr>, Projection),
    /// `rows[condition]`: the rows for which the condition holds.
    Filter(Box<Expr>, Box<Expr>),
    /// `op operand`
    Unary(UnaryOp, Box<Expr>),
    /// `left op right`
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `if c then a else b`
    If(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A built-in function.
    Call(Function, Vec<Expr>),
    /// `outer.name`: the expression evaluated in the row outside the innermost one (the
    /// row a filter is inside of).
    Outer(Box<Expr>),
}

impl Expr {
    /// Whether `f` holds of this expression or of any expression inside it, tried
    /// outermost first and stopping at the first that it holds of.
    pub fn any(&self, f: &mut dyn FnMut(&Expr) -> bool) -> bool {
        f(self)
            || match &self.kind {
                ExprKind::Const(_)
                | ExprKind::Constant { .. }
                | ExprKind::Global(_)
                | ExprKind::SectionField { .. }
                | ExprKind::Rows { .. }
                | ExprKind::RowField(..)
                | ExprKind::PoolField(_)
                | ExprKind::Computed(_)
                | ExprKind::Local(_) => false,
                ExprKind::Project(base, _)
                | ExprKind::RowMember(base, _)
                | ExprKind::Unary(_, base)
                | ExprKind::Outer(base) => base.any(f),
                ExprKind::Filter(a, b) | ExprKind::Binary(_, a, b) => a.any(f) || b.any(f),
                ExprKind::If(c, a, b) => c.any(f) || a.any(f) || b.any(f),
                ExprKind::Call(_, args) => args.iter().any(|a| a.any(f)),
            }
    }

    /// Calls `f` on this expression and on every expression inside it, outermost first.
    pub fn each(&self, f: &mut dyn FnMut(&Expr)) {
        self.any(&mut |e| {
            f(e);
            false
        });
    }
}

impl ExprKind {
    /// The value of a constant or named constant: what a literal or a `let` gives.
    #[must_use]
    pub fn constant(&self) -> Option<&Value> {
        match self {
            ExprKind::Const(v) | ExprKind::Constant { value: v, .. } => Some(v),
            _ => None,
        }
    }
}

/// A field of a section, by its key and its place among the section's fields in the
/// form (`SectionSchema::slot`), from which a record finds it without searching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldName {
    /// The field's key.
    pub key: String,
    /// Its place among its section's fields.
    pub slot: usize,
}

/// How a field's value becomes a value of an expression, settled by the checker from the
/// field's declared type, so that evaluation never looks the type up by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldRead {
    /// Text as written; a number, date or boolean as itself.
    Plain,
    /// A measure's text read for its number (`≥90%` is 0.90); a word reads as nothing.
    Measure,
    /// A decimal in this unit (points, money, a percentage); text as written.
    Number(crate::value::Unit),
}

/// What a projection `rows.x` takes from each row.
#[derive(Clone, Debug, PartialEq)]
pub enum Projection {
    /// A field of the project file, and how it reads.
    Field(FieldName, FieldRead),
    /// A value the engine computed for indicator rows.
    Computed(Computed),
    /// A value of each pool.
    Pool(PoolField),
}

/// The values of each row of `pools`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolField {
    /// The pool's name.
    Name,
    /// Its points for this project.
    Points,
    /// The sum of its members' declared weights.
    Weight,
    /// The sum of its members' expected weights.
    ExpectedWeight,
    /// The sum of its members' scores.
    Score,
    /// How many recognised rows it has.
    Count,
}

impl PoolField {
    /// Every pool value with its English and Chinese name.
    pub const NAMES: [(&'static str, &'static str, PoolField); 6] = [
        ("name", "名称", PoolField::Name),
        ("points", "分值", PoolField::Points),
        ("weight", "权重", PoolField::Weight),
        ("expected_weight", "应有权重", PoolField::ExpectedWeight),
        ("score", "得分", PoolField::Score),
        ("count", "项数", PoolField::Count),
    ];

    /// The pool value named by either spelling.
    #[must_use]
    pub fn from_name(name: &str) -> Option<PoolField> {
        Self::NAMES
            .iter()
            .find(|(en, zh, _)| *en == name || *zh == name)
            .map(|(_, _, f)| *f)
    }

    /// When it is known.
    #[must_use]
    pub fn known_from(self) -> Stage {
        match self {
            PoolField::Name => Stage::Data,
            PoolField::Points
            | PoolField::Weight
            | PoolField::Count
            | PoolField::ExpectedWeight => Stage::Weights,
            PoolField::Score => Stage::Scores,
        }
    }
}

/// The key of the virtual rows section of pools.
pub const POOLS: &str = "pools";

/// The steps of an evaluation, in order. Each expression runs at one of them and may use
/// only what is known by then.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// Only the form's data and the rows' categories: pool points, catalog weights,
    /// class values, grade shares, `discard` conditions.
    Data,
    /// Expected weights are known: completion formulas.
    Weights,
    /// The current row's completion is known: a class's `score` formula.
    Completion,
    /// Every indicator's score is known: lines, score adjustments.
    Scores,
    /// The total is known: total adjustments, the rating.
    Total,
    /// Everything: checks.
    Final,
}

/// Values the engine knows for the whole project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Global {
    /// The ruleset's fiscal year.
    FiscalYear,
    /// The ruleset's data cutoff date.
    Cutoff,
    /// The computed total score.
    Total,
    /// The most points a project can score.
    MaxScore,
    /// The rating of the total.
    Rating,
    /// The score of a line, by key.
    Line(String),
}

impl Global {
    /// When it is known.
    #[must_use]
    pub fn known_from(&self) -> Stage {
        match self {
            Global::FiscalYear | Global::Cutoff | Global::MaxScore => Stage::Data,
            Global::Total | Global::Line(_) => Stage::Total,
            Global::Rating => Stage::Final,
        }
    }
}

/// Values the engine computes for each indicator row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    /// The canonical category, or null where the label is unknown.
    Category,
    /// Whether the row belongs to the policy: its category is known and, in a catalog,
    /// its name too.
    Recognized,
    /// The weight the policy gives the row.
    ExpectedWeight,
    /// The computed score, rounded.
    Score,
    /// The completion of a quantitative indicator.
    Completion,
    /// Whether the target is quantitative.
    Quantitative,
    /// Whether the actual value counts as missing.
    Missing,
    /// The grade of a qualitative indicator.
    Grade,
    /// The unit its target is written in (`%`, `小时`), or no value for a word target.
    Unit,
}

impl Computed {
    /// Every computed value with its English and Chinese name.
    pub const NAMES: [(&'static str, &'static str, Computed); 9] = [
        ("category", "类别", Computed::Category),
        ("recognized", "已识别", Computed::Recognized),
        ("expected_weight", "应有权重", Computed::ExpectedWeight),
        ("score", "得分", Computed::Score),
        ("completion", "完成率", Computed::Completion),
        ("quantitative", "定量", Computed::Quantitative),
        ("missing", "缺失", Computed::Missing),
        ("grade", "等级", Computed::Grade),
        ("unit", "单位", Computed::Unit),
    ];

    /// The computed value named by either spelling.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Computed> {
        Self::NAMES
            .iter()
            .find(|(en, zh, _)| *en == name || *zh == name)
            .map(|(_, _, c)| *c)
    }

    /// The English name.
    #[must_use]
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, _, c)| *c == self)
            .map_or("?", |(en, _, _)| en)
    }

    /// When it is known.
    #[must_use]
    pub fn known_from(self) -> Stage {
        match self {
            Computed::Category | Computed::Recognized | Computed::Unit => Stage::Data,
            Computed::ExpectedWeight => Stage::Weights,
            Computed::Completion | Computed::Quantitative => Stage::Completion,
            Computed::Score | Computed::Missing | Computed::Grade => Stage::Scores,
        }
    }
}

/// Values bound for a formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Local {
    /// The number of the target, in its unit.
    Target,
    /// The number of the actual value, in the target's unit.
    Actual,
}

/// The built-in functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    /// `count(rows)`
    Count,
    /// `sum(list)`
    Sum,
    /// `min(a, b, …)` or `min(list)`
    Min,
    /// `max(a, b, …)` or `max(list)`
    Max,
    /// `abs(x)`
    Abs,
    /// `clamp(x, low, high)`
    Clamp,
    /// `round(x, step)` or `round(x, step, mode)`
    Round(Option<RoundingMode>),
    /// `step_of(x)`: the step of the precision `x` was written with.
    StepOf,
    /// `present(x)`: whether `x` has a value.
    Present,
    /// `is_number(x)`: whether a measure reads as a number.
    IsNumber,
    /// `any(rows, condition)`
    Any,
    /// `all(rows, condition)`
    All,
    /// `default(x, y)`: `x`, or `y` where `x` has no value.
    Default,
    /// `first(rows)`: the first row, or no value.
    First,
    /// `subtotal(category)`: the sum of the scores of a category's rows.
    Subtotal,
}

/// The built-in functions with their English and Chinese names.
pub const FUNCTIONS: [(&str, &str, Function); 18] = [
    ("count", "计数", Function::Count),
    ("sum", "求和", Function::Sum),
    ("min", "最小", Function::Min),
    ("max", "最大", Function::Max),
    ("abs", "绝对值", Function::Abs),
    ("clamp", "限定", Function::Clamp),
    ("round", "舍入", Function::Round(None)),
    ("step_of", "精度", Function::StepOf),
    ("present", "有值", Function::Present),
    ("is_number", "是数值", Function::IsNumber),
    ("any", "任一", Function::Any),
    ("all", "全部", Function::All),
    ("default", "缺省", Function::Default),
    ("min", "最小值", Function::Min),
    ("max", "最大值", Function::Max),
    ("default", "默认", Function::Default),
    ("first", "首行", Function::First),
    ("subtotal", "小计", Function::Subtotal),
];
