//! Property 4: numbers at the limits of a decimal give a result or an error, never a panic.

use super::scores::HIGHER;
use super::*;

// ── 4. Numbers at the limits: a result or an error, never a panic ────────────

/// Loads, evaluates and reports a form as the CLI would: every step may fail, none may
/// panic. Says how far it got.
fn run_everything(plan: &Plan, rules: &SourceFile, text: &str, format: Format) -> Stage {
    let project = match data::load_str(SourceFile::new("form", text), format, &plan.form) {
        Ok(project) => project,
        Err(e) => {
            let _ = crate::common::render(&e);
            return Stage::DataError;
        }
    };
    match perfeval::evaluate(plan, &project) {
        Ok(outcome) => {
            let _ = crate::eval::report(&outcome);
            let _ = json_doc(plan, &outcome);
            Stage::Evaluated
        }
        Err(e) => {
            let error = perfeval::Error::Eval(Failure::new(rules.clone(), e));
            let _ = crate::common::render(&error);
            let failed = ProjectResult::Failed {
                file: "form".to_owned(),
                error,
            };
            let _ = json::render("ruleset", plan, &[failed]);
            Stage::EvalError
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    DataError,
    EvalError,
    Evaluated,
}

proptest! {
    #![proptest_config(config(32))]

    /// Forms with amounts, weights, self scores, targets and actual values at the limits
    /// of a decimal load and evaluate, or fail with an error; nothing panics.
    #[test]
    fn numbers_at_the_limits_never_panic(form in any_form(true)) {
        let (plan, rules) = (form.plan(), crate::common::source(form.path()));
        let form = form.form();
        for format in FORMATS {
            let text = form.render(format);
            let run = catch_unwind(AssertUnwindSafe(|| run_everything(plan, &rules, &text, format)));
            prop_assert!(run.is_ok(), "{format:?} panicked:\n{text}");
        }
    }
}

// ── 4b. The expression language at the limits ─────────────────────────────

/// An expression of the ruleset language over plain numbers.
#[derive(Clone, Debug)]
enum Expr {
    Leaf(String),
    Binary(Box<Expr>, &'static str, Box<Expr>),
    Negate(Box<Expr>),
    Round(Box<Expr>, Box<Expr>, &'static str),
    Call(&'static str, Vec<Expr>),
    If(Box<Expr>, Box<Expr>, Box<Expr>, Box<Expr>),
}

impl std::fmt::Display for Expr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expr::Leaf(l) => f.write_str(l),
            Expr::Binary(a, op, b) => write!(f, "({a} {op} {b})"),
            Expr::Negate(a) => write!(f, "-({a})"),
            Expr::Round(a, step, mode) => write!(f, "round({a}, {step}, {mode})"),
            Expr::Call(name, args) => {
                let args: Vec<String> = args.iter().map(ToString::to_string).collect();
                write!(f, "{name}({})", args.join(", "))
            }
            Expr::If(a, b, then, otherwise) => {
                write!(f, "(if {a} > {b} then {then} else {otherwise})")
            }
        }
    }
}

/// Literals at the limits of the language (28 significant digits), and ordinary ones.
const LITERALS: [&str; 14] = [
    "9999999999999999999999999999",
    "7922816251426433759354395033",
    "0.0000000000000000000000000001",
    "0.9999999999999999999999999999",
    "1.000000000000000000000000001",
    "3",
    "0.5",
    "0",
    "1",
    "100%",
    "9999999999999999999999999999%",
    "0.01",
    "2",
    "10",
];

/// Literals beyond the language's numbers: `perfeval::parse::number_out_of_range`.
const BEYOND_LITERALS: [&str; 2] = [
    "79228162514264337593543950335",
    "0.0000000000000000000000000001%",
];

const STEPS: [&str; 7] = [
    "0.01",
    "1",
    "0.0000000000000000000000000001",
    "1000000000000000000000000000",
    "0.5",
    "3",
    "9999999999999999999999999999",
];

const MODES: [&str; 7] = [
    "half_away_from_zero",
    "half_toward_zero",
    "half_even",
    "truncate",
    "away_from_zero",
    "floor",
    "ceiling",
];

/// An expression whose leaves are huge and tiny literals, random digits and `names`.
fn expr(names: &'static [&'static str]) -> BoxedStrategy<Expr> {
    let leaf = prop_oneof![
        60 => select(&LITERALS[..]).prop_map(str::to_owned),
        1 => select(&BEYOND_LITERALS[..]).prop_map(str::to_owned),
        40 => ("[1-9][0-9]{0,27}", 0usize..=28)
            .prop_map(|(digits, point)| with_point(&digits, point, false)),
        40 => select(names).prop_map(str::to_owned),
    ]
    .prop_map(Expr::Leaf);
    leaf.prop_recursive(4, 24, 4, |inner| {
        let boxed = || inner.clone().prop_map(Box::new);
        prop_oneof![
            6 => (boxed(), select(&["+", "-", "*", "/"][..]), boxed())
                .prop_map(|(a, op, b)| Expr::Binary(a, op, b)),
            1 => boxed().prop_map(Expr::Negate),
            3 => (
                boxed(),
                prop_oneof![
                    3 => select(&STEPS[..]).prop_map(|s| Box::new(Expr::Leaf(s.to_owned()))),
                    1 => boxed(),
                ],
                select(&MODES[..]),
            )
                .prop_map(|(a, step, mode)| Expr::Round(a, step, mode)),
            1 => inner.clone().prop_map(|a| Expr::Call("abs", vec![a])),
            1 => (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::Call("min", vec![a, b])),
            1 => (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::Call("max", vec![a, b])),
            1 => (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, lo, hi)| Expr::Call("clamp", vec![a, lo, hi])),
            1 => (boxed(), boxed(), boxed(), boxed())
                .prop_map(|(a, b, t, e)| Expr::If(a, b, t, e)),
        ]
    })
    .boxed()
}

/// The expressions of a generated ruleset, one per place an expression may stand; a
/// place with none holds `1`.
#[derive(Clone, Debug)]
struct Slots {
    max: Option<Expr>,
    pool: Option<Expr>,
    completion: Option<Expr>,
    score: Option<Expr>,
    adjust_score: Option<Expr>,
    line: Option<Expr>,
    adjust_total: Option<Expr>,
    rating: Option<Expr>,
    check: Option<Expr>,
    check_default: Option<Expr>,
    check_rows: Option<Expr>,
}

/// Names a form's values give, at every stage.
const FORM_NAMES: [&str; 3] = ["x.a", "x.b", "step_of(x.a)"];
/// Names of a completion formula.
const COMPLETION_NAMES: [&str; 4] = ["x.a", "x.b", "actual", "target"];
/// Names of a class's `score` formula.
const SCORE_NAMES: [&str; 4] = ["x.a", "actual", "target", "completion"];
/// Names once the indicators are scored.
const SCORED_NAMES: [&str; 4] = [
    "x.a",
    "x.b",
    "count(indicators)",
    "(sum(indicators.score) / 1 分)",
];
/// Names of an indicator row once it is scored.
const ROW_NAMES: [&str; 4] = [
    "x.a",
    "(score / 1 分)",
    "default(completion, 0)",
    "(expected_weight / 1 分)",
];

/// An expression in two places out of five.
fn slot(names: &'static [&'static str]) -> BoxedStrategy<Option<Expr>> {
    prop::option::weighted(0.4, expr(names)).boxed()
}

fn slots() -> impl Strategy<Value = Slots> {
    (
        (
            slot(&FORM_NAMES),
            slot(&FORM_NAMES),
            slot(&COMPLETION_NAMES),
        ),
        (slot(&SCORE_NAMES), slot(&ROW_NAMES), slot(&SCORED_NAMES)),
        (
            slot(&SCORED_NAMES),
            slot(&SCORED_NAMES),
            slot(&SCORED_NAMES),
        ),
        (slot(&SCORED_NAMES), slot(&ROW_NAMES)),
    )
        .prop_map(
            |(
                (max, pool, completion),
                (score, adjust_score, line),
                (adjust_total, rating, check),
                (check_default, check_rows),
            )| Slots {
                max,
                pool,
                completion,
                score,
                adjust_score,
                line,
                adjust_total,
                rating,
                check,
                check_default,
                check_rows,
            },
        )
}

/// A small ruleset with the slots' expressions in its max score, pool points, completion
/// formula, class `score` formula, score and total adjustments, line, rating and checks.
fn expression_ruleset(slots: &Slots) -> String {
    let e = |slot: &Option<Expr>| slot.as_ref().map_or("1".to_owned(), ToString::to_string);
    let (max, pool, completion, score) = (
        e(&slots.max),
        e(&slots.pool),
        e(&slots.completion),
        e(&slots.score),
    );
    let (adjust_score, line, adjust_total, rating) = (
        e(&slots.adjust_score),
        e(&slots.line),
        e(&slots.adjust_total),
        e(&slots.rating),
    );
    let (check, check_default, check_rows) = (
        e(&slots.check),
        e(&slots.check_default),
        e(&slots.check_rows),
    );
    format!(
        r#"ruleset "props" {{ max_score 1 分 * ({max}) }}
form {{
  section x "数" {{ a: number "甲" b: number "乙" }}
  rows indicators "指标" {{
    category: text "类别" name: text "名称" target: measure "目标值"
    actual: optional measure "实际完成值"
  }}
}}
category 产出 {{ scored_by 产出类 }}
category 效益 {{ scored_by 效益类 }}
pool 全部 1 分 * ({pool}) {{ categories 产出, 效益 split evenly share 0.01 truncate }}
completion {{
  = >= > : {completion}
  <= < : if actual <= target then 100% else target / actual
}}
class 产出类 {{ full 100% to 130% below deduct 5% per 1% above deduct 1% per 1% }}
class 效益类 {{ score expected_weight * ({score}) }}
rounding 0.01 half_away_from_zero
adjust a score for indicators {{ score * ({adjust_score}) }}
line l "分项" {{ score 1 分 * ({line}) }}
adjust t total {{ total * ({adjust_total}) }}
rating {{
  优 when total >= 1 分 * ({rating})
  差 otherwise
}}
check c error {{
  {check} == x.a
  message "算得 {{{check}}}，甲为 {{x.a}}"
}}
check d warning {{ {check_default} <= x.b }}
check r warning for indicators {{ {check_rows} >= 0 }}
"#
    )
}

/// The form of the expression rulesets: two numbers and some indicators.
fn expression_form() -> BoxedStrategy<Form> {
    (
        limit_text(),
        limit_text(),
        prop::collection::vec((limit_text(), limit_text(), 0..HIGHER.len()), 1..=3),
    )
        .prop_map(|(a, b, rows)| {
            let rows = rows
                .into_iter()
                .enumerate()
                .map(|(i, (target, actual, op))| {
                    let (before, after) = HIGHER[op];
                    Node::Map(vec![
                        (
                            "category".to_owned(),
                            text(if i % 2 == 0 { "产出" } else { "效益" }),
                        ),
                        ("name".to_owned(), text(&format!("指标{i}"))),
                        (
                            "target".to_owned(),
                            text(&format!("{before}{target}%{after}")),
                        ),
                        ("actual".to_owned(), text(&format!("{actual}%"))),
                    ])
                })
                .collect();
            Form(vec![
                (
                    "x".to_owned(),
                    Node::Map(vec![
                        ("a".to_owned(), number(&a, true)),
                        ("b".to_owned(), number(&b, false)),
                    ]),
                ),
                ("indicators".to_owned(), Node::List(rows)),
            ])
        })
        .boxed()
}

proptest! {
    #![proptest_config(config(64))]

    /// Expressions that add, subtract, multiply, divide and round huge and tiny numbers
    /// check and evaluate, or fail with an error; nothing panics.
    #[test]
    fn expressions_at_the_limits_never_panic(slots in slots(), form in expression_form()) {
        let rules = SourceFile::new("props.rules", expression_ruleset(&slots));
        let text = form.render(Format::Toml);
        let run = catch_unwind(AssertUnwindSafe(|| {
            match perfeval::load_ruleset(&rules) {
                Ok(plan) => Some(run_everything(&plan, &rules, &text, Format::Toml)),
                Err(e) => {
                    let _ = crate::common::render(&e);
                    None
                }
            }
        }));
        prop_assert!(run.is_ok(), "panicked:\n{}\n{text}", rules.text());
    }
}
