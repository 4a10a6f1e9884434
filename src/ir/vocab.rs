//! The words every stage shares: operators, comparators, rounding modes, severities,
//! where a split's residual goes, and the indicator table's key.
//!
//! The parser makes them, the checker resolves to them, evaluation and the reports
//! read them: they live here so that no later stage imports an earlier stage's module
//! for them (`syntax::ast` re-exports them for the parser's own use).

/// The key of the form's indicator table: the rows every indicator rule scores.
pub const INDICATORS: &str = "indicators";

/// Where the residual of an even split goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResidualRule {
    /// The first indicator of the pool.
    First,
    /// The last indicator of the pool.
    Last,
    /// The first indicator whose declared weight equals share plus residual; else the
    /// first (`fallback_last` false) or the last indicator.
    Matching {
        /// Whether the fallback is the last indicator.
        fallback_last: bool,
    },
    /// No indicator (`residual to none`): every share stays as rounded, and the weights
    /// add up to the shares, more or less than the points.
    Nobody,
}

/// A comparator of a quantitative target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Comparator {
    /// `=`, or no comparator.
    Eq,
    /// `>=`
    Ge,
    /// `>`
    Gt,
    /// `<=`
    Le,
    /// `<`
    Lt,
}

impl Comparator {
    /// Every comparator, in a fixed order.
    pub const ALL: [Comparator; 5] = [
        Comparator::Eq,
        Comparator::Ge,
        Comparator::Gt,
        Comparator::Le,
        Comparator::Lt,
    ];

    /// The symbol as forms write it.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Eq => "=",
            Comparator::Ge => ">=",
            Comparator::Gt => ">",
            Comparator::Le => "<=",
            Comparator::Lt => "<",
        }
    }
}

/// How a value is rounded to a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoundingMode {
    /// 四舍五入: halves go away from zero.
    HalfAwayFromZero,
    /// 五舍六入: halves go toward zero.
    HalfTowardZero,
    /// 银行家舍入: halves go to the even step.
    HalfEven,
    /// 截尾: toward zero.
    Truncate,
    /// 进一: away from zero.
    AwayFromZero,
    /// 向下取整: toward negative infinity.
    Floor,
    /// 向上取整: toward positive infinity.
    Ceiling,
}

impl RoundingMode {
    /// Every mode with its English and Chinese spelling.
    pub const NAMES: [(&'static str, &'static str, RoundingMode); 8] = [
        (
            "half_away_from_zero",
            "四舍五入",
            RoundingMode::HalfAwayFromZero,
        ),
        ("half_toward_zero", "五舍六入", RoundingMode::HalfTowardZero),
        ("half_even", "银行家舍入", RoundingMode::HalfEven),
        ("half_even", "四舍六入五成双", RoundingMode::HalfEven),
        ("truncate", "截尾", RoundingMode::Truncate),
        ("away_from_zero", "进一", RoundingMode::AwayFromZero),
        ("floor", "向下取整", RoundingMode::Floor),
        ("ceiling", "向上取整", RoundingMode::Ceiling),
    ];

    /// The mode named by either spelling.
    #[must_use]
    pub fn from_name(name: &str) -> Option<RoundingMode> {
        Self::NAMES
            .iter()
            .find(|(en, zh, _)| *en == name || *zh == name)
            .map(|(_, _, mode)| *mode)
    }
}

/// How serious a finding is. Serialized by its English name (`"error"`), as JSON
/// reports write it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Info,
    /// Worth a look; does not fail the form.
    Warning,
    /// Fails the form.
    Error,
}

impl Severity {
    /// The severity named by either spelling.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "error" | "错误" => Some(Severity::Error),
            "warning" | "警告" => Some(Severity::Warning),
            "info" | "提示" => Some(Severity::Info),
            _ => None,
        }
    }

    /// The Chinese name, as reports for people and explanations write it.
    #[must_use]
    pub fn chinese(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    /// The English name, as JSON output writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// Operators with one operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`
    Not,
    /// `-`
    Neg,
}

/// Operators with two operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl BinaryOp {
    /// Whether it compares two values (`==`, `!=`, `<`, `<=`, `>`, `>=`).
    #[must_use]
    pub fn is_comparison(self) -> bool {
        use BinaryOp::{Eq, Ge, Gt, Le, Lt, Ne};
        matches!(self, Eq | Ne | Lt | Le | Gt | Ge)
    }

    /// Whether the operator is `+`, `-`, `*` or `/`.
    #[must_use]
    pub fn is_arithmetic(self) -> bool {
        use BinaryOp::{Add, Div, Mul, Sub};
        matches!(self, Add | Sub | Mul | Div)
    }

    /// The operator as written.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

/// Which ends of a range are open: the value at an open end does not belong to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Open {
    /// The low end is open.
    pub low: bool,
    /// The high end is open.
    pub high: bool,
}
