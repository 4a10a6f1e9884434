//! What the benchmarks compare perfeval with, in the same run (bench-only code):
//!
//! - `Form` and `read`: plain serde reading of a project file into structs, the least any
//!   loader must do;
//! - `policy::score`: a hand-written scorer of the whole 2023 Suzhou policy
//!   (shared/spec/suzhou-2023.md, §1–§10) over those structs: the total, each row's
//!   expected weight and score, and every finding with a message showing both sides'
//!   numbers, computed exactly. What perfeval does for a form, written by hand for this
//!   one policy: the baseline of evaluation (`whole policy` in `benches/ratios.rs`);
//! - `score`: the earlier baseline, kept unchanged so that earlier figures compare
//!   (`scores only`): the total (with 28-digit quotients, so a few scores round the wrong
//!   way) and a count of some findings, without §8's `stale-data` and `after-cutoff`,
//!   §9's `execution-rate`, §10's `total-mismatch` and `missing-indicator`, or any message;
//! - `corpus_form`: a deterministic generator of realistic forms of that policy (all
//!   recorded figures are of its forms; keep it as it is);
//! - `varied_form`: the corpus's forms altered to raise every finding of the policy, on
//!   which `benches/ratios.rs` shows that `policy::score` agrees with perfeval.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "bench-only code: inputs are generated here"
)]

pub mod policy;
pub mod varied;

use std::fmt::Write as _;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Deserialize;

/// A number of a project file: TOML writes decimals as floats, so they are read from
/// their shortest text, as the baseline of "reading the file", not of scoring it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Num(pub Decimal);

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            I(i64),
            F(f64),
            S(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::I(i) => i.to_string(),
            Raw::F(f) => f.to_string(),
            Raw::S(s) => s,
        };
        Decimal::from_str(text.trim())
            .map(Num)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Deserialize)]
pub struct Form {
    pub project: Project,
    pub budget: Budget,
    pub funds: Funds,
    #[serde(default)]
    pub subprojects: Vec<Sub>,
    pub indicators: Vec<Row>,
    pub self_evaluation: Option<SelfEvaluation>,
    pub text: Option<toml::Table>,
}

#[derive(Deserialize)]
pub struct Project {
    pub name: String,
    pub year: i64,
    pub department: String,
    pub data_as_of: Option<toml::value::Datetime>,
}

#[derive(Deserialize)]
pub struct Budget {
    pub initial: Num,
    pub adjustment: Num,
    pub appropriated: Num,
    pub unallocated: Num,
    pub unallocated_recovered: Num,
}

#[derive(Deserialize)]
pub struct Funds {
    pub appropriated: Num,
    pub paid: Num,
    pub balance: Num,
    pub carried_forward: Num,
    pub recovered: Num,
}

#[derive(Deserialize)]
pub struct Sub {
    pub name: String,
    pub budget: Num,
    pub actual: Num,
}

#[derive(Deserialize)]
pub struct Row {
    pub category: String,
    pub name: String,
    pub target: String,
    pub weight: Num,
    pub actual: Option<String>,
    pub self_score: Option<Num>,
    pub explanation: Option<String>,
    pub as_of: Option<toml::value::Datetime>,
}

#[derive(Deserialize)]
pub struct SelfEvaluation {
    pub total: Option<Num>,
}

/// Reads a TOML project file into the plain structs.
pub fn read(text: &str) -> Form {
    toml::from_str(text).unwrap()
}

/// Reads a JSON project file into the same structs.
pub fn read_json(text: &str) -> Form {
    serde_json::from_str(text).unwrap()
}

/// The 2023 common indicators and their weights.
const COMMON: [(&str, &str, u32); 11] = [
    ("决策", "立项依据充分性", 1),
    ("决策", "立项程序规范性", 1),
    ("决策", "绩效指标明确性", 1),
    ("决策", "绩效目标合理性", 1),
    ("决策", "资金分配合理性", 1),
    ("决策", "预算编制科学性", 1),
    ("过程", "预算执行率", 8),
    ("过程", "资金到位率", 1),
    ("过程", "资金使用合规性", 4),
    ("过程", "制度执行有效性", 4),
    ("过程", "管理制度健全性", 2),
];

fn category(label: &str) -> Option<&'static str> {
    let label = label.trim();
    for (name, labels) in [
        ("决策", &["决策", "决策目标", "决策指标"][..]),
        ("过程", &["过程", "过程目标", "过程指标"]),
        ("产出", &["产出", "产出目标", "产出指标"]),
        (
            "效益",
            &[
                "效益",
                "效益目标",
                "效益指标",
                "效果",
                "效果目标",
                "效果指标",
            ],
        ),
        ("满意度", &["满意度", "满意度目标", "满意度指标"]),
        ("投入", &["投入", "投入目标", "投入指标"]),
    ] {
        if labels.contains(&label) {
            return Some(name);
        }
    }
    None
}

/// `[OP] NUMBER [UNIT]`, or a word.
enum Reading {
    Quantity(char, Decimal, String),
    Word(String),
    Missing,
}

fn read_measure(text: Option<&str>, actual: bool) -> Reading {
    let Some(text) = text.map(str::trim) else {
        return Reading::Missing;
    };
    if actual && ["", "-", "—", "/", "无"].contains(&text) {
        return Reading::Missing;
    }
    let (op, rest) = if let Some(r) = text.strip_prefix(">=").or_else(|| text.strip_prefix('≥')) {
        ('≥', r)
    } else if let Some(r) = text.strip_prefix("<=").or_else(|| text.strip_prefix('≤')) {
        ('≤', r)
    } else if let Some(r) = text.strip_prefix('>') {
        ('>', r)
    } else if let Some(r) = text.strip_prefix('<') {
        ('<', r)
    } else if let Some(r) = text.strip_prefix('=') {
        ('=', r)
    } else {
        ('=', text)
    };
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(rest.len(), |(i, _)| i);
    match Decimal::from_str(&rest[..end]) {
        Ok(n) => Reading::Quantity(op, n, rest[end..].trim().to_owned()),
        Err(_) => Reading::Word(text.to_owned()),
    }
}

fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Scores a form under the 2023 policy: the total and the number of findings.
pub fn score(form: &Form) -> (Decimal, usize) {
    let mut findings = 0;
    let own: Vec<usize> = form
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            matches!(
                category(&r.category),
                Some("产出" | "效益" | "满意度" | "投入")
            )
        })
        .map(|(i, _)| i)
        .collect();
    let n = Decimal::from(own.len().max(1));
    let share = (Decimal::from(55) / n).trunc_with_scale(2);
    let carrier_weight = Decimal::from(55) - share * (n - Decimal::ONE);
    let carrier = own
        .iter()
        .position(|&i| form.indicators[i].weight.0 == carrier_weight)
        .unwrap_or(0);
    let mut total = Decimal::ZERO;
    for (i, row) in form.indicators.iter().enumerate() {
        let Some(cat) = category(&row.category) else {
            findings += 1;
            continue;
        };
        let weight = match cat {
            "决策" | "过程" => match COMMON
                .iter()
                .find(|(c, n, _)| *c == cat && *n == row.name.trim())
            {
                Some((_, _, w)) => Decimal::from(*w),
                None => {
                    findings += 1;
                    continue;
                }
            },
            _ => {
                let k = own.iter().position(|&o| o == i).unwrap_or(0);
                if k == carrier { carrier_weight } else { share }
            }
        };
        let outcome = matches!(cat, "效益" | "满意度");
        let share = row_share(row, outcome, &mut findings);
        let score = round(weight * share);
        if row.self_score.is_some_and(|s| s.0 != score) {
            findings += 1;
        }
        if row.weight.0 != weight {
            findings += 1;
        }
        total += score;
    }
    let b = &form.budget;
    let f = &form.funds;
    findings += usize::from(b.unallocated.0 != b.initial.0 + b.adjustment.0 - b.appropriated.0);
    findings += usize::from(f.balance.0 != f.appropriated.0 - f.paid.0);
    findings += usize::from(f.balance.0 != f.carried_forward.0 + f.recovered.0);
    findings += usize::from(f.appropriated.0 != b.appropriated.0);
    if !form.subprojects.is_empty() {
        let budget: Decimal = form.subprojects.iter().map(|s| s.budget.0).sum();
        let actual: Decimal = form.subprojects.iter().map(|s| s.actual.0).sum();
        findings += usize::from(budget != b.initial.0 + b.adjustment.0);
        findings += usize::from(actual != f.paid.0);
    }
    findings += usize::from(form.project.year != 2023);
    (total, findings)
}

fn row_share(row: &Row, outcome: bool, findings: &mut usize) -> Decimal {
    let target = read_measure(Some(&row.target), false);
    match (target, read_measure(row.actual.as_deref(), true)) {
        (_, Reading::Missing) => {
            *findings += 1;
            Decimal::ZERO
        }
        (Reading::Quantity(op, t, unit), Reading::Quantity(_, a, au)) => {
            if !au.is_empty() && au != unit {
                *findings += 1;
                return Decimal::ZERO;
            }
            let c = if matches!(op, '≤' | '<') {
                if a <= t || a.is_zero() {
                    Decimal::ONE
                } else {
                    t / a
                }
            } else if t.is_zero() {
                Decimal::ONE
            } else {
                a / t
            };
            let p = c * Decimal::from(100);
            let top = Decimal::from(if outcome { 200 } else { 130 });
            let s = if p < Decimal::from(100) {
                Decimal::ONE - Decimal::new(5, 2) * (Decimal::from(100) - p)
            } else if p > top {
                Decimal::ONE - Decimal::new(1, 2) * (p - top)
            } else {
                Decimal::ONE
            };
            s.max(Decimal::ZERO).min(Decimal::ONE)
        }
        (Reading::Quantity(..), Reading::Word(_)) => {
            *findings += 1;
            Decimal::ZERO
        }
        (Reading::Word(t), Reading::Word(a)) => match a.as_str() {
            w if w == t || w == "好" => Decimal::ONE,
            "较好" => Decimal::new(8, 1),
            "一般" => Decimal::new(6, 1),
            "较差" => Decimal::new(4, 1),
            "差" => Decimal::new(2, 1),
            _ => {
                *findings += 1;
                Decimal::ZERO
            }
        },
        _ => {
            *findings += 1;
            Decimal::ZERO
        }
    }
}

/// A deterministic generator of realistic 2023 forms: form `i` of the corpus.
pub fn corpus_form(i: usize) -> String {
    let mut seed = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xDEAD_BEEF;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let own = 3 + next(8) as usize;
    let share = (Decimal::from(55) / Decimal::from(own)).trunc_with_scale(2);
    let carrier = Decimal::from(55) - share * Decimal::from(own - 1);
    let appropriated = Decimal::new(100_000 + next(9_000_000) as i64, 2);
    let paid = appropriated - Decimal::new(next(1000) as i64, 2);
    let balance = appropriated - paid;
    let mut out = String::new();
    let _ = write!(
        out,
        "[project]\nname = \"项目{i}\"\nyear = 2023\ndepartment = \"单位{}\"\n\n\
         [budget]\ninitial = {appropriated}\nadjustment = 0\nappropriated = {appropriated}\nunallocated = 0\nunallocated_recovered = 0\n\n\
         [funds]\nappropriated = {appropriated}\npaid = {paid}\nbalance = {balance}\ncarried_forward = {balance}\nrecovered = 0\n",
        next(50)
    );
    for (cat, name, weight) in COMMON {
        let (target, actual) = if name == "预算执行率" {
            let rate = (paid / appropriated * Decimal::from(100)).round_dp(0);
            ("=100%".to_owned(), format!("{rate}%"))
        } else if name == "资金到位率" {
            ("=100%".to_owned(), "100%".to_owned())
        } else {
            (
                "合理".to_owned(),
                ["合理", "较好", "一般"][next(3) as usize].to_owned(),
            )
        };
        let _ = write!(
            out,
            "\n[[indicators]]\ncategory = \"{cat}目标\"\nname = \"{name}\"\ntarget = \"{target}\"\nweight = {weight}\nactual = \"{actual}\"\n"
        );
    }
    for k in 0..own {
        let weight = if k == 0 { carrier } else { share };
        let category = ["产出目标", "效益目标", "满意度目标"][next(3) as usize];
        let (target, actual) = match next(4) {
            0 => (
                format!("={}个", 10 + next(20)),
                format!("{}个", 5 + next(30)),
            ),
            1 => (
                format!(">={}%", 80 + next(20)),
                format!("{}%", 60 + next(40)),
            ),
            2 => (
                format!("<={}小时", 4 + next(8)),
                format!("{}小时", 2 + next(12)),
            ),
            _ => (
                "提升".to_owned(),
                ["提升", "较好", "一般", "-"][next(4) as usize].to_owned(),
            ),
        };
        let _ = write!(
            out,
            "\n[[indicators]]\ncategory = \"{category}\"\nname = \"指标{k}\"\ntarget = \"{target}\"\nweight = {weight}\nactual = \"{actual}\"\n"
        );
    }
    out
}

/// Form `i` of the corpus altered to raise the findings of the policy: see [`varied`].
pub fn varied_form(i: usize) -> String {
    varied::varied_form(i)
}

/// Form `i` of the corpus as one line of JSON Lines (no line break): the TOML form read
/// into JSON values, its decimals written as JSON numbers, which perfeval reads exactly.
pub fn corpus_json_line(i: usize) -> String {
    let value: serde_json::Value = toml::from_str(&corpus_form(i)).unwrap();
    serde_json::to_string(&value).unwrap()
}
