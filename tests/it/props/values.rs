//! Generating the values forms write: numbers at the limits, targets and actual values, rows.

use super::*;

// ── Generating the values forms write ───────────────────────────────────

/// `true` about `percent` times in a hundred.
pub(super) fn sometimes(percent: u8) -> impl Strategy<Value = bool> {
    (0u8..100).prop_map(move |x| x < percent)
}

/// ASCII `!`–`~` as full-width forms, as Chinese input methods type them.
pub(super) fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A decimal from a mantissa and a scale: `dec(9753, 2)` is `97.53`.
pub(super) fn dec(mantissa: i64, scale: u32) -> Decimal {
    Decimal::new(mantissa, scale)
}

/// Numbers at the limits of a `Decimal`, which it holds.
pub(super) const LIMITS: [&str; 12] = [
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "7922816251426433759354395033.5",
    "7.9228162514264337593543950335",
    "0.0000000000000000000000000001",
    "-0.0000000000000000000000000001",
    "9999999999999999999999999999",
    "999999999999999999999999999.9",
    "0.9999999999999999999999999999",
    "1.000000000000000000000000001",
    "0.0000000000000000000000000000",
    "0",
];

/// Numbers beyond a `Decimal`: too large, or too many decimals.
pub(super) const BEYOND: [&str; 4] = [
    "79228162514264337593543950336",
    "0.00000000000000000000000000001",
    "100000000000000000000000000000000000",
    "-1234567890123456789012345678901234.5",
];

/// Digits (no leading zero) with a point at `point` (0: `0.digits`; past the end: none)
/// and a sign.
pub(super) fn with_point(digits: &str, point: usize, negative: bool) -> String {
    let sign = if negative { "-" } else { "" };
    match point {
        0 => format!("{sign}0.{digits}"),
        p if p < digits.len() => format!("{sign}{}.{}", &digits[..p], &digits[p..]),
        _ => format!("{sign}{digits}"),
    }
}

/// A decimal text at a `Decimal`'s limits, or of many digits, that a `Decimal` holds.
pub(super) fn limit_text() -> BoxedStrategy<String> {
    prop_oneof![
        select(&LIMITS[..]).prop_map(str::to_owned),
        ("[1-9][0-9]{0,27}", 0usize..=28, sometimes(20))
            .prop_map(|(digits, point, negative)| with_point(&digits, point, negative)),
    ]
    .boxed()
}

/// A decimal text at a `Decimal`'s limits, or of many digits; now and then (`beyond`
/// times in 30) beyond them.
pub(super) fn extreme_text(beyond: u32) -> BoxedStrategy<String> {
    prop_oneof![
        30 - beyond => limit_text(),
        beyond => prop_oneof![
            select(&BEYOND[..]).prop_map(str::to_owned),
            ("[1-9][0-9]{28,39}", 0usize..=40, sometimes(20))
                .prop_map(|(digits, point, negative)| with_point(&digits, point, negative)),
        ],
    ]
    .boxed()
}

/// An amount in 万元: up to 10000 with up to 2 decimals; with `extreme`, sometimes a
/// number at the limits.
pub(super) fn decimal_text(extreme: bool) -> BoxedStrategy<String> {
    let normal = prop_oneof![
        (0i64..=10_000).prop_map(|m| dec(m, 0)),
        (0i64..=100_000).prop_map(|m| dec(m, 1)),
        (0i64..=1_000_000).prop_map(|m| dec(m, 2)),
    ]
    .prop_map(|d| d.to_string());
    if extreme {
        prop_oneof![3 => normal, 1 => extreme_text(1)].boxed()
    } else {
        normal.boxed()
    }
}

/// A weight or a self score: up to 30 points with up to 2 decimals.
pub(super) fn points_text(extreme: bool) -> BoxedStrategy<String> {
    let normal = prop_oneof![
        (0i64..=30).prop_map(|m| dec(m, 0)),
        (0i64..=300).prop_map(|m| dec(m, 1)),
        (0i64..=3000).prop_map(|m| dec(m, 2)),
    ]
    .prop_map(|d| d.to_string());
    if extreme {
        prop_oneof![3 => normal, 1 => extreme_text(1)].boxed()
    } else {
        normal.boxed()
    }
}

/// Comparators as forms write them: text before the number, text after it.
pub(super) const COMPARATORS: [(&str, &str); 27] = [
    ("", ""),
    ("=", ""),
    ("=", ""),
    ("==", ""),
    (">=", ""),
    (">=", ""),
    ("≥", ""),
    ("⩾", ""),
    ("不低于", ""),
    ("不少于", ""),
    ("至少", ""),
    ("", "以上"),
    ("", "及以上"),
    (">", ""),
    ("高于", ""),
    ("大于", ""),
    ("<=", ""),
    ("≤", ""),
    ("不高于", ""),
    ("不超过", ""),
    ("至多", ""),
    ("", "以下"),
    ("", "及其以下"),
    ("<", ""),
    ("低于", ""),
    ("少于", ""),
    ("", "左右"),
];

/// Units of targets and actual values.
pub(super) const UNITS: [&str; 9] = ["%", "%", "%", "个", "小时", "天", "万元", "", "次"];

/// Qualitative targets (规格 §2).
pub(super) const QUALITATIVE: [&str; 10] = [
    "充分", "规范", "明确", "合理", "科学", "合规", "有效", "健全", "提升", "持续",
];

/// Grade words of both policies, and some that are none.
pub(super) const GRADE_WORDS: [&str; 16] = [
    "好",
    "较好",
    "一般",
    "较差",
    "差",
    "达成年度指标",
    "达成",
    "完成",
    "已完成",
    "部分达成",
    "基本完成",
    "未达成",
    "未完成",
    "优秀",
    "提升",
    "95%",
];

/// Missing markers (规格 §6), typed in several ways.
pub(super) const MARKERS: [&str; 7] = ["", "-", "—", "/", "无", " 无 ", "－"];

/// How a text is decorated: full width, spaces between its parts.
#[derive(Clone, Copy, Debug)]
pub(super) struct Decor {
    pub(super) full_width: bool,
    pub(super) spaced: bool,
}

pub(super) fn decor() -> impl Strategy<Value = Decor> {
    (sometimes(15), sometimes(15)).prop_map(|(full_width, spaced)| Decor { full_width, spaced })
}

/// `[before] NUMBER [unit] [after]`, decorated.
pub(super) fn measure_text(
    before: &str,
    number: &str,
    unit: &str,
    after: &str,
    decor: Decor,
) -> String {
    let sep = if decor.spaced { " " } else { "" };
    let text = format!("{before}{sep}{number}{sep}{unit}{after}");
    if decor.full_width {
        full_width(&text)
    } else {
        text
    }
}

/// A quantitative target and an actual value for it: near the target in its unit most
/// often, else in no unit or another, negative, a word, a missing marker or absent.
pub(super) fn quantitative(extreme: bool) -> BoxedStrategy<(String, Option<String>)> {
    let target = (0u32..=3).prop_flat_map(|scale| {
        let most = 200 * 10i64.pow(scale);
        (prop_oneof![1 => Just(0i64), 12 => 1i64..=most], Just(scale))
    });
    let target = (target, 0..COMPARATORS.len(), 0..UNITS.len(), decor());
    let actual = (
        0u8..16,
        0i64..=320,
        0u32..=2,
        0..UNITS.len(),
        decor(),
        sometimes(10),
        select(&GRADE_WORDS[..]),
        select(&MARKERS[..]),
    );
    let extremes = (extreme_text(10), extreme_text(10), 0u8..8);
    (target, actual, extremes)
        .prop_map(
            move |(
                ((t, t_scale), comparator, unit, t_decor),
                (kind, k, a_scale, other_unit, a_decor, copy, word, marker),
                (big_t, big_a, which),
            )| {
                let (before, after) = COMPARATORS[comparator];
                let unit = UNITS[unit];
                let mut t_text = dec(t, t_scale).to_string();
                // `k` percent of the target, to land in each part of the bands.
                let mut a_text = dec(t * k, t_scale + 2).to_string();
                if extreme {
                    // A quarter of the targets and of the actuals, some rows both.
                    if which % 4 == 1 || which % 4 == 3 {
                        t_text = big_t;
                    }
                    if which % 4 == 2 || which % 4 == 3 {
                        a_text = big_a;
                    }
                }
                let target = measure_text(before, &t_text, unit, after, t_decor);
                let copied = if copy { before } else { "" };
                let actual = match kind {
                    0..=7 => Some(measure_text(copied, &a_text, unit, "", a_decor)),
                    8 => Some(measure_text(copied, &a_text, "", "", a_decor)),
                    9 => Some(measure_text("", &a_text, UNITS[other_unit], "", a_decor)),
                    10 => Some(measure_text(
                        "",
                        &dec(t * k + 7, t_scale + a_scale + 1).to_string(),
                        unit,
                        "",
                        a_decor,
                    )),
                    11 => Some(measure_text("-", &a_text, unit, "", a_decor)),
                    12 => Some(word.to_owned()),
                    13 => Some(marker.to_owned()),
                    14 => Some(format!("1,{:03}{unit}", k)),
                    _ => None,
                };
                (target, actual)
            },
        )
        .boxed()
}

/// A qualitative target and a grade word for it: a grade, the target itself, a number,
/// a missing marker or nothing.
pub(super) fn qualitative() -> BoxedStrategy<(String, Option<String>)> {
    (
        select(&QUALITATIVE[..]),
        0u8..10,
        select(&GRADE_WORDS[..]),
        select(&MARKERS[..]),
        decor(),
    )
        .prop_map(|(target, kind, word, marker, decor)| {
            let actual = match kind {
                0..=4 => Some(word.to_owned()),
                5 | 6 => Some(measure_text("", target, "", "", decor)),
                7 => Some(marker.to_owned()),
                8 => Some("95%".to_owned()),
                _ => None,
            };
            (target.to_owned(), actual)
        })
        .boxed()
}

pub(super) fn target_and_actual(extreme: bool) -> BoxedStrategy<(String, Option<String>)> {
    prop_oneof![3 => quantitative(extreme), 1 => qualitative()].boxed()
}

/// One indicator row, with every field any of the three forms has.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Row {
    pub(super) category: String,
    pub(super) subcategory: Option<String>,
    pub(super) name: String,
    pub(super) target: String,
    pub(super) actual: Option<String>,
    pub(super) weight: Option<(String, bool)>,
    pub(super) self_score: Option<(String, bool)>,
    pub(super) level: Option<String>,
    pub(super) explanation: Option<String>,
    pub(super) as_of: Option<String>,
    /// A target or actual value that is a plain decimal is written bare (`95.5`, not
    /// `"95.5"`): a measure keeps the text a number is written as.
    pub(super) bare: bool,
}

impl Row {
    /// The row as the form with these field keys writes it.
    pub(super) fn node(&self, keys: &[&str]) -> Node {
        let mut fields = Vec::new();
        let mut put = |key: &str, node: Option<Node>| {
            if let (true, Some(node)) = (keys.contains(&key), node) {
                fields.push((key.to_owned(), node));
            }
        };
        put("category", Some(text(&self.category)));
        put("subcategory", self.subcategory.as_deref().map(text));
        put("name", Some(text(&self.name)));
        let measure = |t: &str| {
            let plain = Decimal::from_str_exact(t).is_ok_and(|d| d.to_string() == t);
            number(t, self.bare && plain)
        };
        put("target", Some(measure(&self.target)));
        put("actual", self.actual.as_deref().map(measure));
        put("weight", self.weight.as_ref().map(|(w, b)| number(w, *b)));
        put(
            "self_score",
            self.self_score.as_ref().map(|(s, b)| number(s, *b)),
        );
        put("level", self.level.as_deref().map(text));
        put("explanation", self.explanation.as_deref().map(text));
        put(
            "as_of",
            self.as_of
                .as_deref()
                .map(|d| Node::Leaf(Lit::Date(d.to_owned()))),
        );
        Node::Map(fields)
    }
}

pub(super) const OWN_NAMES: [&str; 12] = [
    "系统上线数量",
    "服务覆盖率",
    "培训人次",
    "故障响应时间",
    "验收合格率",
    "群众满意度",
    "数据共享率",
    "平台访问量",
    "项目完成及时率",
    "成本节约率",
    "服务对象满意度",
    "系统可用率",
];

pub(super) const EXPLANATIONS: [&str; 4] = ["因统计口径调整，数据待核实", "  ", "", "疫情影响"];

pub(super) const DATES: [&str; 5] = [
    "2023-12-31",
    "2023-12-31",
    "2023-06-30",
    "2024-01-15",
    "2022-12-31",
];

/// A row of the given category label and name with random values.
pub(super) fn row(
    category: BoxedStrategy<String>,
    name: BoxedStrategy<String>,
    extreme: bool,
) -> BoxedStrategy<Row> {
    (
        category,
        name,
        target_and_actual(extreme),
        (points_text(extreme), any::<bool>()),
        (points_text(extreme), any::<bool>(), sometimes(60)),
        prop::option::weighted(0.15, select(&EXPLANATIONS[..])),
        prop::option::weighted(0.1, select(&DATES[..])),
        prop::option::weighted(0.3, select(&["数量指标", "质量指标", "时效指标"][..])),
        (
            prop::option::weighted(0.2, select(&GRADE_WORDS[..])),
            sometimes(30),
        ),
    )
        .prop_map(
            |(
                category,
                name,
                (target, actual),
                weight,
                self_score,
                why,
                as_of,
                sub,
                (level, bare),
            )| Row {
                category,
                subcategory: sub.map(str::to_owned),
                name,
                target,
                actual,
                weight: Some(weight),
                self_score: self_score.2.then_some((self_score.0, self_score.1)),
                level: level.map(str::to_owned),
                explanation: why.map(str::to_owned),
                as_of: as_of.map(str::to_owned),
                bare,
            },
        )
        .boxed()
}

pub(super) fn one_of(words: &'static [&'static str]) -> BoxedStrategy<String> {
    select(words).prop_map(str::to_owned).boxed()
}

/// `n` amounts, whether the caller should make them add up as the checks say (three
/// times in four), and whether they are written bare (else quoted).
pub(super) fn amounts(extreme: bool, n: usize) -> BoxedStrategy<(Vec<String>, bool, bool)> {
    (
        prop::collection::vec(decimal_text(extreme), n),
        sometimes(75),
        any::<bool>(),
    )
        .boxed()
}

/// `a + b - c` exactly, where the texts are decimals that add up within range.
pub(super) fn plus_minus(a: &str, b: &str, c: &str) -> Option<String> {
    let d = |s: &str| Decimal::from_str_exact(s).ok();
    Some(d(a)?.checked_add(d(b)?)?.checked_sub(d(c)?)?.to_string())
}

pub(super) fn amount_section(keys: &[&str], values: &[String], bare: bool) -> Node {
    Node::Map(
        keys.iter()
            .zip(values)
            .map(|(k, v)| ((*k).to_owned(), number(v, bare)))
            .collect(),
    )
}
