//! A hand-written scorer of the whole 2023 Suzhou policy (shared/spec/suzhou-2023.md,
//! §1–§10) over the plain serde structs of [`super::Form`]: weights (§1), readings of
//! targets and actual values with comparator words and full-width forms (§2), completion
//! (§3), the two classes (§4), grades (§5), missing values (§6), rounding (§7), dates
//! (§8), the consistency checks (§9) and the audit of what the form declares (§10). Every
//! finding carries its code and a message with both sides' numbers, formatted only when
//! the finding is raised.
//!
//! It is what a good engineer writes for this one policy: the policy's numbers in
//! constants, exact `Decimal` arithmetic (each quantitative score is one fraction, rounded
//! exactly, so no quotient is ever cut before rounding), one pass to classify the rows and
//! one to score them, no interpreter. The one rule it adds to the spec is perfeval's: a
//! common indicator written twice counts once, the copy scoring nothing with
//! `duplicate-indicator`.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use toml::value::Datetime;

use super::{Form, Row};

/// One finding: its code and a message that shows both sides with their numbers.
#[derive(Debug, Clone)]
pub struct Finding {
    pub code: &'static str,
    pub message: String,
}

/// One indicator row as scored.
#[derive(Debug, Clone)]
pub struct RowScore {
    /// The weight §1 gives the row; `None` for a row the policy does not know.
    pub expected_weight: Option<Decimal>,
    /// The row's score, rounded to 0.01.
    pub score: Decimal,
    kind: Kind,
}

/// A form as scored: the total, each row, every finding.
#[derive(Debug, Clone)]
pub struct Scored {
    pub total: Decimal,
    pub rows: Vec<RowScore>,
    pub findings: Vec<Finding>,
}

/// What is compared of a form's scoring, whoever scored it: the total, the findings'
/// codes as a multiset (sorted), and each row's expected weight and score in form order.
#[derive(Debug, PartialEq)]
pub struct Summary<'a> {
    pub total: Decimal,
    pub codes: Vec<&'a str>,
    pub rows: Vec<(Option<Decimal>, Decimal)>,
}

impl<'a> Summary<'a> {
    pub fn new(
        total: Decimal,
        codes: impl Iterator<Item = &'a str>,
        rows: impl Iterator<Item = (Option<Decimal>, Decimal)>,
    ) -> Self {
        let mut codes: Vec<&str> = codes.collect();
        codes.sort_unstable();
        Summary {
            total,
            codes,
            rows: rows.collect(),
        }
    }
}

impl Scored {
    /// What is compared of this scoring (see [`Summary`]).
    pub fn summary(&self) -> Summary<'_> {
        Summary::new(
            self.total,
            self.findings.iter().map(|f| f.code),
            self.rows.iter().map(|r| (r.expected_weight, r.score)),
        )
    }

    fn raise(&mut self, code: &'static str, message: fmt::Arguments<'_>) {
        self.findings.push(Finding {
            code,
            message: message.to_string(),
        });
    }
}

/// The ruleset's fiscal year and data cutoff (§8).
const FISCAL_YEAR: i64 = 2023;
const CUTOFF: (u16, u8, u8) = (2023, 12, 31);
/// Points of the project's own indicators (§1).
const OWN_POINTS: i64 = 55;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Category {
    Decision,
    Process,
    Output,
    Outcome,
    Satisfaction,
    Input,
}

impl Category {
    fn name(self) -> &'static str {
        match self {
            Category::Decision => "决策",
            Category::Process => "过程",
            Category::Output => "产出",
            Category::Outcome => "效益",
            Category::Satisfaction => "满意度",
            Category::Input => "投入",
        }
    }

    /// 决策 and 过程: the common indicators, with fixed weights.
    fn is_common(self) -> bool {
        matches!(self, Category::Decision | Category::Process)
    }

    /// The top of the full-marks band in percentage points (§4): 结果类 200, 产出类 130.
    fn band_top(self) -> i64 {
        match self {
            Category::Outcome | Category::Satisfaction => 200,
            _ => 130,
        }
    }
}

/// The common indicators and their weights (§1).
const COMMON: [(Category, &str, i64); 11] = [
    (Category::Decision, "立项依据充分性", 1),
    (Category::Decision, "立项程序规范性", 1),
    (Category::Decision, "绩效指标明确性", 1),
    (Category::Decision, "绩效目标合理性", 1),
    (Category::Decision, "资金分配合理性", 1),
    (Category::Decision, "预算编制科学性", 1),
    (Category::Process, "预算执行率", 8),
    (Category::Process, "资金到位率", 1),
    (Category::Process, "资金使用合规性", 4),
    (Category::Process, "制度执行有效性", 4),
    (Category::Process, "管理制度健全性", 2),
];

/// What the policy makes of a row.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// An unknown category, a 决策/过程 row that is no common indicator, or a copy of one:
    /// no weight, no score, no other finding.
    Unknown,
    /// A common indicator: its category and its weight.
    Common(Category, i64),
    /// One of the project's own indicators: its category.
    Own(Category),
}

/// A label's category (§1): the name, or the name followed by 目标 or 指标; 效果 is 效益.
fn category(label: &str) -> Option<Category> {
    let base = label
        .strip_suffix("目标")
        .or_else(|| label.strip_suffix("指标"))
        .unwrap_or(label);
    Some(match base {
        "决策" => Category::Decision,
        "过程" => Category::Process,
        "产出" => Category::Output,
        "效益" | "效果" => Category::Outcome,
        "满意度" => Category::Satisfaction,
        "投入" => Category::Input,
        _ => return None,
    })
}

/// A text as forms mean it (§2): full-width forms folded to ASCII, the ideographic space
/// a space, and whitespace and zero-width characters removed. Borrowed when already so.
fn normalized(text: &str) -> Cow<'_, str> {
    let changes = |c: char| {
        c.is_whitespace()
            || ('\u{FF01}'..='\u{FF5E}').contains(&c)
            || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    };
    if !text.chars().any(changes) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
                c if c.is_whitespace()
                    || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') =>
                {
                    None
                }
                c => Some(c),
            })
            .collect(),
    )
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Eq,
    Ge,
    Gt,
    Le,
    Lt,
}

impl Op {
    /// `<=` and `<`: lower is better (§3).
    fn lower_is_better(self) -> bool {
        matches!(self, Op::Le | Op::Lt)
    }
}

/// Comparator symbols (§2), longest first.
const SYMBOLS: [(&str, Op); 7] = [
    (">=", Op::Ge),
    ("<=", Op::Le),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    (">", Op::Gt),
    ("<", Op::Lt),
    ("=", Op::Eq),
];

/// Comparator words before the number (§2).
const BEFORE: [(&str, Op); 13] = [
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不多于", Op::Le),
    ("至少", Op::Ge),
    ("至多", Op::Le),
    ("高于", Op::Gt),
    ("大于", Op::Gt),
    ("多于", Op::Gt),
    ("低于", Op::Lt),
    ("小于", Op::Lt),
    ("少于", Op::Lt),
];

/// Comparator words after the number (§2), longest first.
const AFTER: [(&str, Op); 5] = [
    ("及其以下", Op::Le),
    ("及以上", Op::Ge),
    ("及以下", Op::Le),
    ("以上", Op::Ge),
    ("以下", Op::Le),
];

/// Texts of an actual value that mean it is missing (§6), normalised.
const MARKERS: [&str; 5] = ["", "-", "—", "/", "无"];

/// What a (normalised) target or actual text reads as.
#[derive(Clone, Copy, Debug)]
enum Reading<'t> {
    Missing,
    Quantity(Quantity<'t>),
    Word(&'t str),
}

#[derive(Clone, Copy, Debug)]
struct Quantity<'t> {
    op: Option<Op>,
    number: Decimal,
    unit: &'t str,
}

/// Reads `[OP] NUMBER [UNIT]` or a word (§2); `markers`: whether the texts of §6 mean
/// "missing" (actual values only).
fn read(text: &str, markers: bool) -> Reading<'_> {
    if markers && MARKERS.contains(&text) {
        return Reading::Missing;
    }
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Reading::Word(text);
    }
    let mut op = None;
    let mut rest = text;
    if let Some((word, o)) = SYMBOLS
        .iter()
        .chain(&BEFORE)
        .find(|(w, _)| text.starts_with(w))
    {
        op = Some(*o);
        rest = &text[word.len()..];
    }
    let bytes = rest.as_bytes();
    let mut end = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits = end;
    let mut point = false;
    while let Some(&b) = bytes.get(end) {
        match b {
            b'0'..=b'9' => end += 1,
            b'.' if !point
                && end > digits
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) =>
            {
                point = true;
                end += 1;
            }
            _ => break,
        }
    }
    let Some(number) = (end > digits)
        .then(|| rest[..end].parse::<Decimal>().ok())
        .flatten()
    else {
        return Reading::Word(text);
    };
    let mut unit = &rest[end..];
    if let Some((word, o)) = AFTER.iter().find(|(w, _)| unit.ends_with(w)) {
        op = op.or(Some(*o));
        unit = &unit[..unit.len() - word.len()];
    }
    Reading::Quantity(Quantity { op, number, unit })
}

/// The grades (§5): a word's share of the weight, in tenths.
fn grade(word: &str) -> Option<i64> {
    Some(match word {
        "好" => 10,
        "较好" => 8,
        "一般" => 6,
        "较差" => 4,
        "差" => 2,
        _ => return None,
    })
}

/// `num / den` rounded half away from zero to `scale` decimals, exactly: the quotient is
/// found in integers with its remainder, so a tie is seen as a tie however the division
/// of `Decimal` would have cut it.
fn round_div(num: Decimal, den: Decimal, scale: u32) -> Decimal {
    let negative = !num.is_zero() && num.is_sign_negative() != den.is_sign_negative();
    let (n, d) = (num.abs(), den.abs());
    let x = n * Decimal::from(10u64.pow(scale));
    let mut q = (x / d).trunc();
    let mut r = x - q * d;
    while r.is_sign_negative() && !r.is_zero() {
        q -= Decimal::ONE;
        r += d;
    }
    while r >= d {
        q += Decimal::ONE;
        r -= d;
    }
    if r + r >= d {
        q += Decimal::ONE;
    }
    q.rescale(0);
    q.set_scale(scale).unwrap();
    if negative { -q } else { q }
}

/// `w` rounded to 0.01 (§7).
fn round2(w: Decimal) -> Decimal {
    w.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

fn day(d: &Datetime) -> Option<(u16, u8, u8)> {
    d.date.map(|d| (d.year, d.month, d.day))
}

/// Scores a form under the whole 2023 policy.
pub fn score(form: &Form) -> Scored {
    let mut out = Scored {
        total: Decimal::ZERO,
        rows: Vec::with_capacity(form.indicators.len()),
        findings: Vec::new(),
    };

    // Classifying (§1, §10): each row's kind, the common indicators seen, the pool's size.
    let mut seen = [false; COMMON.len()];
    let mut own = 0i64;
    for row in &form.indicators {
        let label = normalized(&row.category);
        let kind = match category(&label) {
            None => {
                out.raise(
                    "unknown-category",
                    format_args!(
                        "「{}」的类别「{}」不是已知类别（决策、过程、产出、效益、满意度、投入）",
                        row.name, row.category
                    ),
                );
                Kind::Unknown
            }
            Some(cat) if cat.is_common() => {
                let name = normalized(&row.name);
                match COMMON.iter().position(|(c, n, _)| *c == cat && *n == name) {
                    None => {
                        out.raise(
                            "unknown-indicator",
                            format_args!("「{}」不是{}类的共性指标", row.name, cat.name()),
                        );
                        Kind::Unknown
                    }
                    Some(e) if seen[e] => {
                        out.raise(
                            "duplicate-indicator",
                            format_args!("「{}」重复填写，只计第一行", row.name),
                        );
                        Kind::Unknown
                    }
                    Some(e) => {
                        seen[e] = true;
                        Kind::Common(cat, COMMON[e].2)
                    }
                }
            }
            Some(cat) => {
                own += 1;
                Kind::Own(cat)
            }
        };
        let expected_weight = match kind {
            Kind::Unknown => None,
            Kind::Common(_, w) => Some(Decimal::from(w)),
            Kind::Own(_) => Some(Decimal::ZERO),
        };
        out.rows.push(RowScore {
            expected_weight,
            score: Decimal::ZERO,
            kind,
        });
    }
    for (i, (cat, name, _)) in COMMON.iter().enumerate() {
        if !seen[i] {
            out.raise(
                "missing-indicator",
                format_args!("表中没有{}类的共性指标「{name}」", cat.name()),
            );
        }
    }

    // The 55 points of the project's own indicators (§1): 55 / n truncated to 0.01, the
    // residual to the first row that declares the share plus it, else to the first.
    let (share, carrier_weight) = if own > 0 {
        let n = Decimal::from(own);
        let share = (Decimal::from(OWN_POINTS) / n).trunc_with_scale(2);
        (
            share,
            Decimal::from(OWN_POINTS) - share * (n - Decimal::ONE),
        )
    } else {
        (Decimal::ZERO, Decimal::ZERO)
    };
    let carrier = form
        .indicators
        .iter()
        .zip(&out.rows)
        .position(|(r, s)| matches!(s.kind, Kind::Own(_)) && r.weight.0 == carrier_weight)
        .or_else(|| out.rows.iter().position(|s| matches!(s.kind, Kind::Own(_))));

    // Scoring each known row, and the checks on it (§2–§10).
    let b = &form.budget;
    let f = &form.funds;
    let mut declared = Decimal::ZERO;
    for i in 0..form.indicators.len() {
        let row = &form.indicators[i];
        if let Some(s) = row.self_score {
            declared += s.0;
        }
        let kind = out.rows[i].kind;
        let cat = match kind {
            Kind::Unknown => continue,
            Kind::Common(cat, _) => cat,
            Kind::Own(cat) => {
                let w = if Some(i) == carrier {
                    carrier_weight
                } else {
                    share
                };
                out.rows[i].expected_weight = Some(w);
                cat
            }
        };
        let weight = out.rows[i].expected_weight.unwrap_or_default();
        let (score, rate) = score_row(row, cat, weight, &mut out);
        out.rows[i].score = score;
        out.total += score;

        // §9 execution-rate: only where the actual was read as a completion.
        if let Some((actual, percent)) = rate
            && !f.appropriated.0.is_zero()
            && normalized(&row.name) == "预算执行率"
        {
            let expected = round_div(
                f.paid.0 * Decimal::ONE_HUNDRED,
                f.appropriated.0,
                actual.scale(),
            );
            if actual != expected {
                let unit = if percent { "%" } else { "" };
                out.raise(
                    "execution-rate",
                    format_args!(
                        "预算执行率填为 {actual}{unit}，实际支付数 {} ÷ 财政拨款数 {} 保留同样位数为 {expected}{unit}",
                        f.paid.0, f.appropriated.0
                    ),
                );
            }
        }
        if row.weight.0 != weight {
            out.raise(
                "weight-mismatch",
                format_args!(
                    "「{}」的权重填为 {}，按政策应为 {weight}",
                    row.name, row.weight.0
                ),
            );
        }
        if let Some(s) = row.self_score
            && s.0 != score
        {
            out.raise(
                "score-mismatch",
                format_args!("「{}」的自评分填为 {}，计算得分为 {score}", row.name, s.0),
            );
        }
    }

    // §10 total-mismatch: the declared total against the declared self scores.
    if let Some(total) = form.self_evaluation.as_ref().and_then(|s| s.total)
        && total.0 != declared
    {
        out.raise(
            "total-mismatch",
            format_args!("合计填为 {}，各项自评分之和为 {declared}", total.0),
        );
    }

    // §9: the budget and the funds add up.
    let unallocated = b.initial.0 + b.adjustment.0 - b.appropriated.0;
    if b.unallocated.0 != unallocated {
        out.raise(
            "budget-balance",
            format_args!(
                "指标结余数 {} ≠ 年初预算数 {} + 调整预算数 {} − 财政拨款数 {} = {unallocated}",
                b.unallocated.0, b.initial.0, b.adjustment.0, b.appropriated.0
            ),
        );
    }
    let balance = f.appropriated.0 - f.paid.0;
    if f.balance.0 != balance {
        out.raise(
            "funds-balance",
            format_args!(
                "资金结余、结转数 {} ≠ 财政拨款数 {} − 实际支付数 {} = {balance}",
                f.balance.0, f.appropriated.0, f.paid.0
            ),
        );
    }
    let split = f.carried_forward.0 + f.recovered.0;
    if f.balance.0 != split {
        out.raise(
            "funds-split",
            format_args!(
                "资金结余、结转数 {} ≠ 结转数 {} + 财政收回数 {} = {split}",
                f.balance.0, f.carried_forward.0, f.recovered.0
            ),
        );
    }
    if f.appropriated.0 != b.appropriated.0 {
        out.raise(
            "appropriation-match",
            format_args!(
                "资金使用情况的财政拨款数 {} ≠ 预算执行情况的财政拨款数 {}",
                f.appropriated.0, b.appropriated.0
            ),
        );
    }
    if !form.subprojects.is_empty() {
        let (budget, actual) = form
            .subprojects
            .iter()
            .fold((Decimal::ZERO, Decimal::ZERO), |(b, a), s| {
                (b + s.budget.0, a + s.actual.0)
            });
        let planned = b.initial.0 + b.adjustment.0;
        if budget != planned {
            out.raise(
                "subprojects-budget",
                format_args!(
                    "子项预算数之和 {budget} ≠ 年初预算数 {} + 调整预算数 {} = {planned}",
                    b.initial.0, b.adjustment.0
                ),
            );
        }
        if actual != f.paid.0 {
            out.raise(
                "subprojects-actual",
                format_args!("子项实际数之和 {actual} ≠ 实际支付数 {}", f.paid.0),
            );
        }
    }

    // §8: the year and the date the data were taken.
    if form.project.year != FISCAL_YEAR {
        out.raise(
            "wrong-year",
            format_args!(
                "项目年份为 {}，本政策适用于 {FISCAL_YEAR} 年度",
                form.project.year
            ),
        );
    }
    if let Some(d) = &form.project.data_as_of
        && let Some(when) = day(d)
    {
        if when < CUTOFF {
            out.raise(
                "stale-data",
                format_args!("数据采集时间节点 {d} 早于截止日期 2023-12-31"),
            );
        } else if when > CUTOFF {
            out.raise(
                "after-cutoff",
                format_args!("数据采集时间节点 {d} 晚于截止日期 2023-12-31"),
            );
        }
    }
    out
}

/// One known row's score (§2–§8) with its findings, and the actual number where it was
/// read as a completion (for §9's execution rate), with whether it is a percentage.
fn score_row(
    row: &Row,
    cat: Category,
    w: Decimal,
    out: &mut Scored,
) -> (Decimal, Option<(Decimal, bool)>) {
    // §8: an actual taken after the cutoff is refused, and missing with no explanation.
    let refused = row.as_of.as_ref().and_then(day).is_some_and(|d| d > CUTOFF);
    if refused {
        out.raise(
            "after-cutoff",
            format_args!(
                "「{}」的数据采集时间 {} 晚于截止日期 2023-12-31",
                row.name,
                row.as_of
                    .as_ref()
                    .map_or(String::new(), ToString::to_string)
            ),
        );
    }
    let target_text = normalized(&row.target);
    let target = read(&target_text, false);
    let actual_text = row.actual.as_deref().map(normalized);
    let actual = match &actual_text {
        Some(text) if !refused => read(text, true),
        _ => Reading::Missing,
    };
    match (target, actual) {
        // §6: missing, explained or not.
        (_, Reading::Missing) => {
            match row.explanation.as_deref().map(str::trim) {
                Some(why) if !why.is_empty() && !refused => out.raise(
                    "needs-review",
                    format_args!("「{}」没有实际完成值，说明：{why}", row.name),
                ),
                _ => out.raise(
                    "missing-value",
                    format_args!("「{}」没有实际完成值，得 0 分", row.name),
                ),
            }
            (Decimal::ZERO, None)
        }
        // §3, §4: a quantity against a quantity.
        (Reading::Quantity(t), Reading::Quantity(a)) => {
            if !a.unit.is_empty() && a.unit != t.unit {
                out.raise(
                    "unit-mismatch",
                    format_args!(
                        "「{}」的实际完成值单位为「{}」，目标值单位为「{}」",
                        row.name, a.unit, t.unit
                    ),
                );
                return (Decimal::ZERO, None);
            }
            (
                quantitative(cat, w, &t, &a),
                Some((a.number, t.unit == "%")),
            )
        }
        (Reading::Quantity(_), Reading::Word(word)) => {
            out.raise(
                "not-a-number",
                format_args!("「{}」的实际完成值「{word}」不是数值", row.name),
            );
            (Decimal::ZERO, None)
        }
        // §5: a grade.
        (target, actual) => {
            let tenths = match (target, actual) {
                (Reading::Word(t), Reading::Word(a)) if t == a => Some(10),
                (_, Reading::Word(a)) => grade(a),
                _ => None,
            };
            match tenths {
                Some(tenths) => (round2(w * Decimal::new(tenths, 1)), None),
                None => {
                    out.raise(
                        "unknown-grade",
                        format_args!(
                            "「{}」的实际完成值「{}」不是等级（好、较好、一般、较差、差）",
                            row.name,
                            row.actual.as_deref().unwrap_or("")
                        ),
                    );
                    (Decimal::ZERO, None)
                }
            }
        }
    }
}

/// A quantitative score (§3, §4), exactly: the completion is a fraction `num / den`, the
/// score `w × share` one fraction over the same `den`, rounded once.
fn quantitative(cat: Category, w: Decimal, t: &Quantity<'_>, a: &Quantity<'_>) -> Decimal {
    let lower = t.op.unwrap_or(Op::Eq).lower_is_better();
    let (t, a) = (t.number, a.number);
    let (mut num, mut den) = if lower {
        if a <= t || a.is_zero() {
            (Decimal::ONE, Decimal::ONE)
        } else {
            (t, a)
        }
    } else if t.is_zero() {
        (Decimal::from(u8::from(a >= Decimal::ZERO)), Decimal::ONE)
    } else {
        (a, t)
    };
    if den.is_sign_negative() {
        (num, den) = (-num, -den);
    }
    let top = cat.band_top();
    let raw = if num < den {
        // Below 100%: w × (1 − 0.05 × (100 − p)) = w × (5c − 4).
        w * (Decimal::from(5) * num - Decimal::from(4) * den)
    } else if num * Decimal::ONE_HUNDRED > Decimal::from(top) * den {
        // Above the band: w × (1 − 0.01 × (p − top)) = w × (1 + top/100 − c).
        w * (Decimal::new(100 + top, 2) * den - num)
    } else {
        return round2(w);
    };
    if raw.is_sign_negative() || raw.is_zero() {
        Decimal::ZERO
    } else {
        round_div(raw, den, 2)
    }
}
