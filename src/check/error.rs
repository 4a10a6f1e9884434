//! Errors and warnings of the check stage: everything wrong with a ruleset that can be
//! known without a project.
//!
//! The checker reports every problem it finds, not just the first; each variant's doc
//! comment names a small input that triggers it.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::i18n::t;

/// A problem in a ruleset found by the checker.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
pub enum CheckError {
    /// `budget.intial` where the section has `initial`.
    #[error("{}", t!(CHECK_UNKNOWN_FIELD, .name))]
    #[diagnostic(code(perfeval::check::unknown_field))]
    UnknownField {
        /// The name as written.
        name: String,
        /// What it was looked up in.
        owner: String,
        /// Where.
        #[label("{}", t!(CHECK_UNKNOWN_FIELD_LABEL, .owner))]
        span: SourceSpan,
        /// The nearest field, or the fields there are.
        #[help]
        help: Option<String>,
    },

    /// `fundz.paid`, or `score` outside any row.
    #[error("{}", t!(CHECK_UNKNOWN_NAME, .name))]
    #[diagnostic(code(perfeval::check::unknown_name))]
    UnknownName {
        /// The name as written.
        name: String,
        /// Where.
        #[label("{}", t!(CHECK_UNKNOWN_NAME_LABEL))]
        span: SourceSpan,
        /// The nearest name, or why it is not known here.
        #[help]
        help: Option<String>,
    },

    /// `paid: money "实际支付数"` in the form.
    #[error("{}", t!(CHECK_UNKNOWN_TYPE, .name))]
    #[diagnostic(code(perfeval::check::unknown_type))]
    UnknownType {
        /// The type as written.
        name: String,
        /// Where.
        #[label("{}", t!(CHECK_UNKNOWN_TYPE_LABEL))]
        span: SourceSpan,
        /// The nearest type, or the types there are.
        #[help]
        help: String,
    },

    /// `totl(indicators.score)`.
    #[error("{}", t!(CHECK_UNKNOWN_FUNCTION, .name))]
    #[diagnostic(code(perfeval::check::unknown_function))]
    UnknownFunction {
        /// The name as written.
        name: String,
        /// Where.
        #[label("{}", t!(CHECK_UNKNOWN_FUNCTION_LABEL))]
        span: SourceSpan,
        /// The nearest function, or the functions there are.
        #[help]
        help: String,
    },

    /// `round(x)` without a step.
    #[error("{}", t!(CHECK_WRONG_ARGUMENTS, .function, .expected, .found))]
    #[diagnostic(code(perfeval::check::wrong_arguments))]
    WrongArguments {
        /// The function.
        function: String,
        /// What it takes, in words.
        expected: String,
        /// How many it got, in words.
        found: String,
        /// Where.
        #[label("{}", t!(LABEL_HERE))]
        span: SourceSpan,
    },

    /// `check c error { budget.initial }`: an amount where a condition is wanted.
    #[error("{}", t!(CHECK_TYPE_MISMATCH, .expected, .found))]
    #[diagnostic(code(perfeval::check::type_mismatch))]
    TypeMismatch {
        /// What was wanted, in words.
        expected: String,
        /// What was written, in words.
        found: String,
        /// Where.
        #[label("{}", t!(CHECK_TYPE_MISMATCH_LABEL, .found))]
        span: SourceSpan,
        /// A likely fix.
        #[help]
        help: Option<String>,
    },

    /// `weight + budget.initial`: points plus an amount.
    #[error("{}", t!(CHECK_UNIT_MISMATCH, .action, .left, .right))]
    #[diagnostic(code(perfeval::check::unit_mismatch), help("{}", .help))]
    UnitMismatch {
        /// What the operator does, in words.
        action: String,
        /// The left operand's type.
        left: String,
        /// The right operand's type.
        right: String,
        /// Where.
        #[label("{left} {op} {right}")]
        span: SourceSpan,
        /// The operator.
        op: String,
        /// How units combine; for a date, how a date is written.
        help: String,
    },

    /// Two categories named `产出`, or one label used by two categories.
    #[error("{}", t!(CHECK_DUPLICATE, .what, .name))]
    #[diagnostic(
        code(perfeval::check::duplicate),
        help("{}", t!(CHECK_DUPLICATE_HELP))
    )]
    Duplicate {
        /// What kind of thing.
        what: String,
        /// Its name.
        name: String,
        /// The second definition.
        #[label("{}", t!(LABEL_DEFINED_AGAIN))]
        span: SourceSpan,
        /// The first definition.
        #[label("{}", t!(LABEL_FIRST_DEFINED))]
        first: SourceSpan,
    },

    /// Two labels, grades, words or catalogue names a form cannot tell apart: `AB` and
    /// `ＡＢ`, `产出` and `产出` with a zero-width joiner. The code of a duplicate.
    #[error("{}", t!(CHECK_INDISTINCT, .what, .name, first = .first_name))]
    #[diagnostic(
        code(perfeval::check::duplicate),
        help("{}", t!(CHECK_INDISTINCT_HELP))
    )]
    Indistinct {
        /// What kind of thing.
        what: String,
        /// The second word, as written.
        name: String,
        /// The first word, as written.
        first_name: String,
        /// The second definition.
        #[label("{}", t!(LABEL_DEFINED_AGAIN))]
        span: SourceSpan,
        /// The first definition.
        #[label("{}", t!(LABEL_FIRST_DEFINED))]
        first: SourceSpan,
    },

    /// `pool p 10 { categories 产出类 }` where `产出类` is a class, not a category.
    #[error("{}", t!(CHECK_UNKNOWN_REFERENCE, .what, .name))]
    #[diagnostic(code(perfeval::check::unknown_reference))]
    UnknownReference {
        /// What kind of thing was expected: category, class, grade.
        what: String,
        /// The name as written.
        name: String,
        /// Where.
        #[label("{}", t!(CHECK_UNKNOWN_REFERENCE_LABEL, .what))]
        span: SourceSpan,
        /// The nearest name, or the names there are.
        #[help]
        help: Option<String>,
    },

    /// `findings { missing-valu warning }`.
    #[error("{}", t!(CHECK_UNKNOWN_FINDING, .code))]
    #[diagnostic(code(perfeval::check::unknown_finding))]
    UnknownFinding {
        /// The code as written.
        code: String,
        /// Where.
        #[label("{}", t!(CHECK_UNKNOWN_FINDING_LABEL))]
        span: SourceSpan,
        /// The nearest code, or the codes there are.
        #[help]
        help: String,
    },

    /// A ruleset without `form { … }`.
    #[error("{}", t!(CHECK_MISSING_ITEM, .what))]
    #[diagnostic(code(perfeval::check::missing_item))]
    MissingItem {
        /// What is missing.
        what: String,
        /// Where it was looked for.
        #[label("{}", t!(CHECK_MISSING_ITEM_LABEL))]
        span: SourceSpan,
        /// How to add it.
        #[help]
        help: String,
    },

    /// `rows indicators "…" { name: text "…" }` without `category`, `target`, ….
    #[error("{}", t!(CHECK_INDICATOR_FIELD, .problem))]
    #[diagnostic(code(perfeval::check::indicator_field))]
    IndicatorField {
        /// The missing or mistyped field.
        field: String,
        /// Where.
        #[label("{problem}")]
        span: SourceSpan,
        /// What is wrong.
        problem: String,
        /// How to declare it.
        #[help]
        help: String,
    },

    /// A category that no pool takes, or that two pools take.
    #[error("{}", t!(CHECK_CATEGORY_POOL, .name, .problem))]
    #[diagnostic(code(perfeval::check::category_pool))]
    CategoryPool {
        /// The category.
        name: String,
        /// What is wrong.
        problem: String,
        /// Where.
        #[label("{problem}")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// `pool p 10 { categories 产出 }` without a `split`.
    #[error("{}", t!(CHECK_POOL_SPLIT, .pool, .problem))]
    #[diagnostic(code(perfeval::check::pool_split))]
    PoolSplit {
        /// The pool.
        pool: String,
        /// What is wrong.
        problem: String,
        /// Where.
        #[label("{problem}")]
        span: SourceSpan,
        /// How to fix it.
        #[help]
        help: String,
    },

    /// `pool p 25 { split fixed { 决策 { a 1 b 1 } } }`: a catalog of 2 points in a pool of 25.
    #[error("{}", t!(CHECK_WEIGHTS_SUM, .pool, .sum, .points))]
    #[diagnostic(
        code(perfeval::check::weights_sum),
        help("{}", t!(CHECK_WEIGHTS_SUM_HELP))
    )]
    WeightsSum {
        /// The pool.
        pool: String,
        /// The sum of the catalog's weights.
        sum: String,
        /// The pool's points.
        points: String,
        /// The pool's points as written.
        #[label("{}", t!(CHECK_WEIGHTS_SUM_LABEL, .points))]
        span: SourceSpan,
        /// The catalog's entries written in another file than the pool's points (an
        /// extending ruleset's override): where the sum was changed. Every entry until
        /// `check` knows the files ([`CheckError::keep_changed_entries`]).
        #[label(collection)]
        entries: Vec<miette::LabeledSpan>,
    },

    /// `rating { 优 when total >= 90 分 良 when total >= 80 分 }`: a total of 70 gets no grade.
    #[error("{}", t!(CHECK_RATING_GAP))]
    #[diagnostic(
        code(perfeval::check::rating_gap),
        help("{}", t!(CHECK_RATING_GAP_HELP))
    )]
    RatingGap {
        /// The last grade.
        #[label("{}", t!(CHECK_RATING_GAP_LABEL))]
        span: SourceSpan,
    },

    /// `rating { 差 otherwise 优 when total >= 90 分 }`: a grade after `otherwise`.
    #[error("{}", t!(CHECK_UNREACHABLE, .what))]
    #[diagnostic(code(perfeval::check::unreachable))]
    Unreachable {
        /// What cannot apply.
        what: String,
        /// Where.
        #[label("{}", t!(CHECK_UNREACHABLE_LABEL))]
        span: SourceSpan,
        /// Why, and the fix.
        #[help]
        help: String,
    },

    /// `class c { full 130% to 100% … }`: numbers that cannot be what the policy means;
    /// [`Nonsense`](super::nonsense::Nonsense) says which, each variant with a ruleset
    /// that triggers it.
    #[error("{problem}")]
    #[diagnostic(
        code(perfeval::check::nonsense),
        help("{}", t!(CHECK_NONSENSE_HELP))
    )]
    Nonsense {
        /// What is wrong.
        problem: super::nonsense::Nonsense,
        /// Where.
        #[label("{}", t!(LABEL_HERE))]
        span: SourceSpan,
    },

    /// `ruleset "r" { max_score 80 }` with `pool 甲 50 分` and `pool 乙 40 分`: a project could
    /// score 90 of 80.
    #[error("{message}")]
    #[diagnostic(code(perfeval::check::above_maximum))]
    AboveMaximum {
        /// What adds up to too much.
        message: String,
        /// The parts that add up, with their points.
        #[help]
        parts: String,
        /// `max_score`, or the adjustment that passes it.
        #[label("{label}")]
        span: SourceSpan,
        /// What the span shows.
        label: String,
        /// The conditions of the case that passes it, each marked true or false.
        #[label(collection)]
        cases: Vec<miette::LabeledSpan>,
    },

    /// `pool 甲 funds.initial / 10 { … }` in a ruleset with `max_score`: points that
    /// depend on the form's numbers cannot be shown to stay within it.
    #[error("{}", t!(CHECK_UNBOUNDED, .what))]
    #[diagnostic(
        code(perfeval::check::unbounded),
        help("{}", t!(CHECK_UNBOUNDED_HELP))
    )]
    Unbounded {
        /// The pool or line.
        what: String,
        /// Its points.
        #[label("{}", t!(CHECK_UNBOUNDED_LABEL))]
        span: SourceSpan,
    },

    /// `completion { = >= > : … }` with nothing for `<=` and `<`.
    #[error("{}", t!(CHECK_COMPLETION_UNCOVERED, .comparator))]
    #[diagnostic(
        code(perfeval::check::completion_uncovered),
        help("{}", t!(CHECK_COMPLETION_UNCOVERED_HELP))
    )]
    CompletionUncovered {
        /// The comparator without a formula.
        comparator: String,
        /// The completion block, or the class.
        #[label("{}", t!(CHECK_COMPLETION_UNCOVERED_LABEL, .comparator))]
        span: SourceSpan,
    },

    /// `score` in a pool's points, which are needed before any score is known.
    #[error("{}", t!(CHECK_TOO_EARLY, .name))]
    #[diagnostic(code(perfeval::check::too_early))]
    TooEarly {
        /// The name.
        name: String,
        /// Where.
        #[label("{}", t!(CHECK_TOO_EARLY_LABEL))]
        span: SourceSpan,
        /// Why.
        #[help]
        help: String,
    },

    /// `rounding 0 half_away_from_zero`.
    #[error("{}", t!(CHECK_INVALID_STEP, .step))]
    #[diagnostic(code(perfeval::check::invalid_step), help("{}", t!(CHECK_INVALID_STEP_HELP)))]
    InvalidStep {
        /// The step as written.
        step: String,
        /// Where.
        #[label("{}", t!(CHECK_INVALID_STEP_LABEL))]
        span: SourceSpan,
    },

    /// `full 100 to 130`: band edges without `%`.
    #[error("{}", t!(CHECK_PERCENT_EXPECTED, .found))]
    #[diagnostic(code(perfeval::check::percent_expected))]
    PercentExpected {
        /// What was written, in words.
        found: String,
        /// Where.
        #[label("{}", t!(CHECK_PERCENT_EXPECTED_LABEL))]
        span: SourceSpan,
        /// The likely fix.
        #[help]
        help: String,
    },

    /// `let a = b  let b = a`, `let r = budget.initial`, or a constant named like a field
    /// of rows, `weight`: a named constant that cannot be what it says.
    #[error("{message}")]
    #[diagnostic(code(perfeval::check::constant))]
    Constant {
        /// What is wrong.
        message: String,
        /// Where.
        #[label("{}", t!(LABEL_HERE))]
        span: SourceSpan,
        /// What to write instead.
        #[help]
        help: String,
    },

    /// `fiscal_year 2024` with `cutoff 2023-12-31` (a year changed, its cutoff not): every
    /// date of the year's data is after the cutoff, so every actual a `discard … when
    /// as_of > cutoff` rule reads is refused and scores nothing. A warning: a ruleset may
    /// mean it, and it still checks.
    #[error("{}", t!(CHECK_CUTOFF_BEFORE_YEAR, .cutoff, .year))]
    #[diagnostic(
        code(perfeval::check::cutoff_before_year),
        severity(Warning),
        help("{}", t!(CHECK_CUTOFF_BEFORE_YEAR_HELP, .year))
    )]
    CutoffBeforeYear {
        /// The cutoff date.
        cutoff: String,
        /// The fiscal year.
        year: i32,
        /// The cutoff.
        #[label("{}", t!(CHECK_CUTOFF_BEFORE_YEAR_LABEL))]
        span: SourceSpan,
        /// The fiscal year, where it is written (often the line an officer changed).
        #[label("{}", t!(CHECK_CUTOFF_BEFORE_YEAR_YEAR_LABEL))]
        year_at: Option<SourceSpan>,
    },

    /// `name == "预算执行率"` on an indicator row where no catalog names such an indicator
    /// (renamed or removed without `rename indicator`, a slip of a character): the
    /// condition holds only for a form's own indicator of that name, so the clause the
    /// rule implements is quietly not applied to the catalog's. A warning: a rule may mean
    /// a project's own indicator.
    #[error("{}", t!(CHECK_UNKNOWN_INDICATOR_NAME, .name))]
    #[diagnostic(
        code(perfeval::check::unknown_indicator_name),
        severity(Warning),
        help("{}", .help)
    )]
    UnknownIndicatorName {
        /// The text compared with the row's name.
        name: String,
        /// The text.
        #[label("{}", t!(CHECK_UNKNOWN_INDICATOR_NAME_LABEL))]
        span: SourceSpan,
        /// The nearest catalog name, or how to rename an indicator.
        help: String,
    },

    /// `indicators[goal == goal]`: both sides of a comparison are the same, so it always
    /// (or never) holds. A warning: the ruleset still checks.
    #[error("{}", t!(CHECK_TRIVIAL_COMPARISON, .op, .outcome))]
    #[diagnostic(code(perfeval::check::trivial_comparison), severity(Warning))]
    TrivialComparison {
        /// The operator.
        op: String,
        /// `always holds` or `never holds`.
        outcome: String,
        /// The comparison.
        #[label("{}", t!(CHECK_TRIVIAL_COMPARISON_LABEL))]
        span: SourceSpan,
        /// What was likely meant.
        #[help]
        help: String,
    },
}

impl CheckError {
    /// Keeps, of a `weights_sum` error's entries, the lines an extending ruleset changed,
    /// which the officer looks for: those not in the oldest file of the pool (its entries
    /// and its points), the base whose lines were left as they were. An override of the
    /// points and one entry shows that entry, not the base's ten unchanged ones; of the
    /// points alone, no entry; a catalog written anew over the base's points, all of it;
    /// a ruleset of one file, none (the points say it).
    pub(crate) fn keep_changed_entries(&mut self, sources: &crate::source::Sources) {
        if let CheckError::WeightsSum { span, entries, .. } = self {
            let file = |offset: usize| {
                sources
                    .locate(crate::source::Span::new(offset, offset))
                    .map(|(file, _)| file.name().to_owned())
            };
            // A base is loaded after the file that extends it: its spans start later.
            let last = entries
                .iter()
                .map(|e| e.offset())
                .chain([span.offset()])
                .max();
            let oldest = last.and_then(file);
            entries.retain(|e| file(e.offset()) != oldest);
        }
    }

    /// The stable code, as in the diagnostic.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            CheckError::UnknownField { .. } => "perfeval::check::unknown_field",
            CheckError::UnknownName { .. } => "perfeval::check::unknown_name",
            CheckError::UnknownType { .. } => "perfeval::check::unknown_type",
            CheckError::UnknownFunction { .. } => "perfeval::check::unknown_function",
            CheckError::WrongArguments { .. } => "perfeval::check::wrong_arguments",
            CheckError::TypeMismatch { .. } => "perfeval::check::type_mismatch",
            CheckError::UnitMismatch { .. } => "perfeval::check::unit_mismatch",
            CheckError::Duplicate { .. } | CheckError::Indistinct { .. } => {
                "perfeval::check::duplicate"
            }
            CheckError::UnknownReference { .. } => "perfeval::check::unknown_reference",
            CheckError::UnknownFinding { .. } => "perfeval::check::unknown_finding",
            CheckError::MissingItem { .. } => "perfeval::check::missing_item",
            CheckError::IndicatorField { .. } => "perfeval::check::indicator_field",
            CheckError::CategoryPool { .. } => "perfeval::check::category_pool",
            CheckError::PoolSplit { .. } => "perfeval::check::pool_split",
            CheckError::CompletionUncovered { .. } => "perfeval::check::completion_uncovered",
            CheckError::WeightsSum { .. } => "perfeval::check::weights_sum",
            CheckError::RatingGap { .. } => "perfeval::check::rating_gap",
            CheckError::Nonsense { .. } => "perfeval::check::nonsense",
            CheckError::AboveMaximum { .. } => "perfeval::check::above_maximum",
            CheckError::Unbounded { .. } => "perfeval::check::unbounded",
            CheckError::Unreachable { .. } => "perfeval::check::unreachable",
            CheckError::TooEarly { .. } => "perfeval::check::too_early",
            CheckError::InvalidStep { .. } => "perfeval::check::invalid_step",
            CheckError::PercentExpected { .. } => "perfeval::check::percent_expected",
            CheckError::Constant { .. } => "perfeval::check::constant",
            CheckError::TrivialComparison { .. } => "perfeval::check::trivial_comparison",
            CheckError::UnknownIndicatorName { .. } => "perfeval::check::unknown_indicator_name",
            CheckError::CutoffBeforeYear { .. } => "perfeval::check::cutoff_before_year",
        }
    }
}
