//! Property tests (proptest) over generated forms.
//!
//! Forms are generated as data ([`Form`]), the way departments fill them in: the eleven
//! common indicators (some dropped, some twice), one to twenty own indicators with
//! targets in symbols, words and full-width forms, actual values that are numbers, words,
//! missing markers or values in the wrong unit, declared weights and self scores, budget
//! and funds. Every number is an exact decimal written as text; none passes through a
//! float. A form is rendered to TOML, JSON and YAML by this module, and scored with
//! `rulesets/2023.rules`, `rulesets/mof-2020.rules` and `tests/fixtures/eval/bands.rules`.
//!
//! The properties:
//!
//! 1. every indicator's score lies in `[0, expected weight]` (0 with no expected weight);
//!    and, for 2023, the own indicators' expected weights add up to 55 and the common
//!    ones have their catalog weights;
//! 2. below the full-marks band a completion closer to the band never scores less (for
//!    higher-is-better targets `=T`, `>=T`, `不低于T`, … and lower-is-better ones `<=T`,
//!    `T及其以下`, …), and above the band a completion further from it never scores more;
//! 3. evaluation is deterministic (the JSON document and the text report are the same
//!    bytes twice, with plans compiled apart), and a form reads the same from TOML, JSON
//!    and YAML, whichever way each writes its strings (TOML literal strings, JSON
//!    `\uXXXX` escapes, YAML plain scalars), with CR LF line ends or a byte-order mark;
//! 4. numbers at the limits of a decimal (in forms, and in every expression of small
//!    generated rulesets) give a result or an error, never a panic;
//! 5. with no adjustments, the total is the sum of the indicators' scores and the lines,
//!    and no total is ever reported above `max_score` or below zero, whatever weights a
//!    form declares.
//!
//! Failures are saved by proptest next to this file (`props.proptest-regressions`) and
//! replayed first on the next run.

use std::fmt::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use perfeval::compile::Plan;
use perfeval::data::{self, Format};
use perfeval::diagnostic::Failure;
use perfeval::eval::outcome::Outcome;
use perfeval::report::json::{self, ProjectResult};
use perfeval::report::table;
use perfeval::source::SourceFile;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

use crate::common::plan;

static SUZHOU: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/2023.rules"));
static MOF: LazyLock<Plan> = LazyLock::new(|| plan("rulesets/mof-2020.rules"));
static BANDS: LazyLock<Plan> = LazyLock::new(|| plan("tests/fixtures/eval/bands.rules"));

/// The same rulesets compiled a second time: two plans share nothing (not the seeds of
/// their hash maps), so that two evaluations can disagree if anything depends on them.
static AGAIN: LazyLock<[Plan; 3]> = LazyLock::new(|| {
    [
        plan("rulesets/2023.rules"),
        plan("rulesets/mof-2020.rules"),
        plan("tests/fixtures/eval/bands.rules"),
    ]
});

/// `cases` per property (fewer for the costlier ones): enough to reach the corners over
/// a few runs, few enough that the whole module takes seconds in a debug build.
/// `PROPTEST_CASES=5000 cargo test props` searches longer. A failure is saved in
/// `props.proptest-regressions` beside this file and replayed first from then on.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

// ── Forms as data, and their three renderings ─────────────────────────────

/// A value as a project file writes it.
#[derive(Clone, Debug, PartialEq)]
enum Lit {
    /// A quoted string.
    Str(String),
    /// A bare number literal, written exactly as the text says.
    Num(String),
    /// A date: bare in TOML and YAML, a string in JSON.
    Date(String),
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Leaf(Lit),
    Map(Vec<(String, Node)>),
    List(Vec<Node>),
}

/// A project file: its top-level sections in file order.
#[derive(Clone, Debug, PartialEq)]
struct Form(Vec<(String, Node)>);

fn text(s: &str) -> Node {
    Node::Leaf(Lit::Str(s.to_owned()))
}

/// A number, bare or quoted (the loaders take both; the choice is part of the form).
fn number(n: &str, bare: bool) -> Node {
    if bare {
        Node::Leaf(Lit::Num(n.to_owned()))
    } else {
        Node::Leaf(Lit::Str(n.to_owned()))
    }
}

/// A quoted string as JSON writes it; TOML basic strings and YAML double-quoted
/// scalars read the same escapes.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// How a rendering writes what every format can write in more than one way.
#[derive(Clone, Copy, Debug, Default)]
struct Style {
    /// Strings as TOML literal strings (`'…'`), as JSON escapes of every non-ASCII
    /// character (`"\u5145\u5206"`), or as YAML plain scalars where that reads the same.
    alt: bool,
    /// Lines end in CR LF.
    crlf: bool,
    /// A UTF-8 byte-order mark first.
    bom: bool,
}

/// A quoted JSON string with every non-ASCII character escaped.
fn ascii_quoted(s: &str) -> String {
    let mut out = String::new();
    for c in quoted(s).chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            for unit in c.encode_utf16(&mut [0; 2]) {
                write!(out, "\\u{unit:04x}").unwrap();
            }
        }
    }
    out
}

/// Whether YAML reads `s` written plain as the text `s` (or as a number whose exact
/// decimal is written `s`, which a measure takes for its value and a text field as the
/// text it is written as). Conservative: no leading indicator, no `:` or `#`, no outer
/// spaces, no null or boolean word, no number written otherwise than its decimal (`1e2`,
/// thirty digits).
fn yaml_plain(s: &str) -> bool {
    let numeric = s.starts_with(|c: char| c.is_ascii_digit() || "+-.".contains(c))
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-._".contains(c));
    if numeric && Decimal::from_str_exact(s).map(|d| d.to_string()) != Ok(s.to_owned()) {
        return false;
    }
    let first = s.chars().next();
    first.is_some_and(|c| !"-?:,[]{}#&*!|>'\"%@`".contains(c) && !c.is_whitespace())
        && s.trim() == s
        && !s.contains([':', '#'])
        && !s.chars().any(char::is_control)
        && ![
            "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        ]
        .contains(&s)
}

fn lit(l: &Lit, format: Format, style: Style) -> String {
    match (l, format) {
        (Lit::Str(s), Format::Toml)
            if style.alt && !s.contains('\'') && !s.chars().any(char::is_control) =>
        {
            format!("'{s}'")
        }
        (Lit::Str(s), Format::Json) if style.alt => ascii_quoted(s),
        (Lit::Str(s), Format::Yaml) if style.alt && yaml_plain(s) => s.clone(),
        (Lit::Str(s), _) | (Lit::Date(s), Format::Json) => quoted(s),
        (Lit::Num(n), _) | (Lit::Date(n), _) => n.clone(),
    }
}

impl Form {
    fn render(&self, format: Format) -> String {
        self.render_styled(format, Style::default())
    }

    fn render_styled(&self, format: Format, style: Style) -> String {
        let mut out = String::new();
        match format {
            Format::Toml => toml_table(&mut out, "", &self.0, style),
            Format::Json => {
                json_map(&mut out, &self.0, 0, style);
                out.push('\n');
            }
            Format::Yaml => yaml_map(&mut out, &self.0, 0, style),
        }
        if style.crlf {
            out = out.replace('\n', "\r\n");
        }
        if style.bom {
            out.insert(0, '\u{FEFF}');
        }
        out
    }
}

fn toml_table(out: &mut String, path: &str, entries: &[(String, Node)], style: Style) {
    for (key, node) in entries {
        if let Node::Leaf(l) = node {
            writeln!(out, "{key} = {}", lit(l, Format::Toml, style)).unwrap();
        }
    }
    for (key, node) in entries {
        let path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        match node {
            Node::Leaf(_) => {}
            Node::Map(m) => {
                writeln!(out, "\n[{path}]").unwrap();
                toml_table(out, &path, m, style);
            }
            Node::List(items) => {
                for item in items {
                    if let Node::Map(m) = item {
                        writeln!(out, "\n[[{path}]]").unwrap();
                        toml_table(out, &path, m, style);
                    }
                }
            }
        }
    }
}

fn json_node(out: &mut String, node: &Node, indent: usize, style: Style) {
    match node {
        Node::Leaf(l) => out.push_str(&lit(l, Format::Json, style)),
        Node::Map(m) => json_map(out, m, indent, style),
        Node::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                out.push_str(&" ".repeat(indent + 2));
                json_node(out, item, indent + 2, style);
            }
            if !items.is_empty() {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
            }
            out.push(']');
        }
    }
}

fn json_map(out: &mut String, entries: &[(String, Node)], indent: usize, style: Style) {
    out.push('{');
    for (i, (key, node)) in entries.iter().enumerate() {
        out.push_str(if i == 0 { "\n" } else { ",\n" });
        write!(out, "{}{}: ", " ".repeat(indent + 2), quoted(key)).unwrap();
        json_node(out, node, indent + 2, style);
    }
    if !entries.is_empty() {
        out.push('\n');
        out.push_str(&" ".repeat(indent));
    }
    out.push('}');
}

fn yaml_map(out: &mut String, entries: &[(String, Node)], indent: usize, style: Style) {
    let pad = " ".repeat(indent);
    for (key, node) in entries {
        match node {
            Node::Leaf(l) => writeln!(out, "{pad}{key}: {}", lit(l, Format::Yaml, style)).unwrap(),
            Node::Map(m) if m.is_empty() => writeln!(out, "{pad}{key}: {{}}").unwrap(),
            Node::List(items) if items.is_empty() => writeln!(out, "{pad}{key}: []").unwrap(),
            Node::Map(m) => {
                writeln!(out, "{pad}{key}:").unwrap();
                yaml_map(out, m, indent + 2, style);
            }
            Node::List(items) => {
                writeln!(out, "{pad}{key}:").unwrap();
                for item in items {
                    let Node::Map(m) = item else { continue };
                    // `- ` then the item's first key on the same line, the rest below it.
                    let mut block = String::new();
                    yaml_map(&mut block, m, indent + 4, style);
                    let block = block.replacen(&" ".repeat(indent + 4), &format!("{pad}  - "), 1);
                    out.push_str(&block);
                }
            }
        }
    }
}

// ── Loading and evaluating ────────────────────────────────────────────

const FORMATS: [Format; 3] = [Format::Toml, Format::Json, Format::Yaml];

/// Every project file is named `form`, whatever its format, so that reports that name
/// the file agree across formats.
fn load(plan: &Plan, form: &Form, format: Format) -> Result<data::project::Project, String> {
    load_styled(plan, form, format, Style::default())
}

fn load_styled(
    plan: &Plan,
    form: &Form,
    format: Format,
    style: Style,
) -> Result<data::project::Project, String> {
    let text = form.render_styled(format, style);
    data::load_str(SourceFile::new("form", text.as_str()), format, &plan.form).map_err(|e| {
        let codes: Vec<&str> = e.errors().iter().map(|e| e.code()).collect();
        codes.join(", ")
    })
}

/// Loads and evaluates a form that must load and evaluate.
fn outcome(plan: &Plan, form: &Form, format: Format) -> Outcome {
    let project = load(plan, form, format).unwrap_or_else(|codes| {
        panic!("the form does not load ({codes}):\n{}", form.render(format))
    });
    perfeval::evaluate(plan, &project)
        .unwrap_or_else(|e| panic!("the form does not evaluate ({e}):\n{}", form.render(format)))
}

fn score_of(plan: &Plan, form: &Form, row: usize) -> Decimal {
    outcome(plan, form, Format::Toml).indicators[row]
        .state
        .score
}

/// The JSON document of one evaluated project.
fn json_doc(plan: &Plan, outcome: &Outcome) -> String {
    json::render(
        "ruleset",
        plan,
        &[ProjectResult::Evaluated(outcome.clone())],
    )
}

/// What an outcome says, apart from where in its file each finding points: the table,
/// the JSON document without lines and columns, and each finding with the text it
/// points at.
fn meaning(plan: &Plan, outcome: &Outcome) -> String {
    let mut doc: serde_json::Value = serde_json::from_str(&json_doc(plan, outcome)).unwrap();
    for project in doc["projects"].as_array_mut().unwrap() {
        for finding in project["findings"].as_array_mut().unwrap() {
            let finding = finding.as_object_mut().unwrap();
            finding.remove("line");
            finding.remove("column");
        }
    }
    let mut out = table::render(outcome);
    out.push_str(&serde_json::to_string_pretty(&doc).unwrap());
    for finding in &outcome.findings {
        // A value reads the same in every format; a whole row (a finding with no
        // value to point at) starts differently in each: `[[indicators]]` in TOML, `{`
        // in JSON, its first key in YAML.
        let at = finding.at.map(|span| {
            let written = &outcome.source.text()[span.start as usize..span.end as usize];
            if written.starts_with("[[")
                || written.starts_with('{')
                || written.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            {
                "<row>".to_owned()
            } else if written.starts_with('"') {
                serde_json::from_str(written).unwrap_or_else(|_| written.to_owned())
            } else if written.starts_with('\'') {
                written.trim_matches('\'').to_owned()
            } else {
                written.to_owned()
            }
        });
        writeln!(out, "\n{} at {at:?}", finding.code).unwrap();
    }
    out
}

// ── Generating the values forms write ───────────────────────────────────

/// `true` about `percent` times in a hundred.
fn sometimes(percent: u8) -> impl Strategy<Value = bool> {
    (0u8..100).prop_map(move |x| x < percent)
}

/// ASCII `!`–`~` as full-width forms, as Chinese input methods type them.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A decimal from a mantissa and a scale: `dec(9753, 2)` is `97.53`.
fn dec(mantissa: i64, scale: u32) -> Decimal {
    Decimal::new(mantissa, scale)
}

/// Numbers at the limits of a `Decimal`, which it holds.
const LIMITS: [&str; 12] = [
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
const BEYOND: [&str; 4] = [
    "79228162514264337593543950336",
    "0.00000000000000000000000000001",
    "100000000000000000000000000000000000",
    "-1234567890123456789012345678901234.5",
];

/// Digits (no leading zero) with a point at `point` (0: `0.digits`; past the end: none)
/// and a sign.
fn with_point(digits: &str, point: usize, negative: bool) -> String {
    let sign = if negative { "-" } else { "" };
    match point {
        0 => format!("{sign}0.{digits}"),
        p if p < digits.len() => format!("{sign}{}.{}", &digits[..p], &digits[p..]),
        _ => format!("{sign}{digits}"),
    }
}

/// A decimal text at a `Decimal`'s limits, or of many digits, that a `Decimal` holds.
fn limit_text() -> BoxedStrategy<String> {
    prop_oneof![
        select(&LIMITS[..]).prop_map(str::to_owned),
        ("[1-9][0-9]{0,27}", 0usize..=28, sometimes(20))
            .prop_map(|(digits, point, negative)| with_point(&digits, point, negative)),
    ]
    .boxed()
}

/// A decimal text at a `Decimal`'s limits, or of many digits; now and then (`beyond`
/// times in 30) beyond them.
fn extreme_text(beyond: u32) -> BoxedStrategy<String> {
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
fn decimal_text(extreme: bool) -> BoxedStrategy<String> {
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
fn points_text(extreme: bool) -> BoxedStrategy<String> {
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
const COMPARATORS: [(&str, &str); 27] = [
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
const UNITS: [&str; 9] = ["%", "%", "%", "个", "小时", "天", "万元", "", "次"];

/// Qualitative targets (规格 §2).
const QUALITATIVE: [&str; 10] = [
    "充分", "规范", "明确", "合理", "科学", "合规", "有效", "健全", "提升", "持续",
];

/// Grade words of both policies, and some that are none.
const GRADE_WORDS: [&str; 16] = [
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
const MARKERS: [&str; 7] = ["", "-", "—", "/", "无", " 无 ", "－"];

/// How a text is decorated: full width, spaces between its parts.
#[derive(Clone, Copy, Debug)]
struct Decor {
    full_width: bool,
    spaced: bool,
}

fn decor() -> impl Strategy<Value = Decor> {
    (sometimes(15), sometimes(15)).prop_map(|(full_width, spaced)| Decor { full_width, spaced })
}

/// `[before] NUMBER [unit] [after]`, decorated.
fn measure_text(before: &str, number: &str, unit: &str, after: &str, decor: Decor) -> String {
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
fn quantitative(extreme: bool) -> BoxedStrategy<(String, Option<String>)> {
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
fn qualitative() -> BoxedStrategy<(String, Option<String>)> {
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

fn target_and_actual(extreme: bool) -> BoxedStrategy<(String, Option<String>)> {
    prop_oneof![3 => quantitative(extreme), 1 => qualitative()].boxed()
}

/// One indicator row, with every field any of the three forms has.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    category: String,
    subcategory: Option<String>,
    name: String,
    target: String,
    actual: Option<String>,
    weight: Option<(String, bool)>,
    self_score: Option<(String, bool)>,
    level: Option<String>,
    explanation: Option<String>,
    as_of: Option<String>,
    /// A target or actual value that is a plain decimal is written bare (`95.5`, not
    /// `"95.5"`): a measure keeps the text a number is written as.
    bare: bool,
}

impl Row {
    /// The row as the form with these field keys writes it.
    fn node(&self, keys: &[&str]) -> Node {
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

const OWN_NAMES: [&str; 12] = [
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

const EXPLANATIONS: [&str; 4] = ["因统计口径调整，数据待核实", "  ", "", "疫情影响"];

const DATES: [&str; 5] = [
    "2023-12-31",
    "2023-12-31",
    "2023-06-30",
    "2024-01-15",
    "2022-12-31",
];

/// A row of the given category label and name with random values.
fn row(
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

fn one_of(words: &'static [&'static str]) -> BoxedStrategy<String> {
    select(words).prop_map(str::to_owned).boxed()
}

/// `n` amounts, whether the caller should make them add up as the checks say (three
/// times in four), and whether they are written bare (else quoted).
fn amounts(extreme: bool, n: usize) -> BoxedStrategy<(Vec<String>, bool, bool)> {
    (
        prop::collection::vec(decimal_text(extreme), n),
        sometimes(75),
        any::<bool>(),
    )
        .boxed()
}

/// `a + b - c` exactly, where the texts are decimals that add up within range.
fn plus_minus(a: &str, b: &str, c: &str) -> Option<String> {
    let d = |s: &str| Decimal::from_str_exact(s).ok();
    Some(d(a)?.checked_add(d(b)?)?.checked_sub(d(c)?)?.to_string())
}

fn amount_section(keys: &[&str], values: &[String], bare: bool) -> Node {
    Node::Map(
        keys.iter()
            .zip(values)
            .map(|(k, v)| ((*k).to_owned(), number(v, bare)))
            .collect(),
    )
}

// ── The 2023 Suzhou form ──────────────────────────────────────────────

/// The common indicators: category label, name, the target forms write, weight.
const COMMON: [(&str, &str, &str, &str); 11] = [
    ("决策目标", "立项依据充分性", "充分", "1"),
    ("决策目标", "立项程序规范性", "规范", "1"),
    ("决策目标", "绩效指标明确性", "明确", "1"),
    ("决策目标", "绩效目标合理性", "合理", "1"),
    ("决策目标", "资金分配合理性", "合理", "1"),
    ("决策目标", "预算编制科学性", "科学", "1"),
    ("过程目标", "预算执行率", "=100%", "8"),
    ("过程目标", "资金到位率", "=100%", "1"),
    ("过程目标", "资金使用合规性", "合规", "4"),
    ("过程目标", "制度执行有效性", "有效", "4"),
    ("过程目标", "管理制度健全性", "健全", "2"),
];

/// 2023 labels of the own categories, and one no category has.
const OWN_LABELS: [&str; 14] = [
    "产出目标",
    "产出指标",
    "产出",
    "效益目标",
    "效益指标",
    "效果",
    "效果指标",
    "满意度目标",
    "满意度指标",
    "投入目标",
    "投入",
    "产出 目标",
    "效益",
    "其他目标",
];

/// A common indicator row: mostly as the form prints it, sometimes with another target,
/// a label in other words or a name typed with a space.
fn common_row(index: usize, extreme: bool) -> BoxedStrategy<Row> {
    let (label, name, target, weight) = COMMON[index];
    (
        row(
            Just(label.to_owned()).boxed(),
            Just(name.to_owned()).boxed(),
            extreme,
        ),
        sometimes(80),
        sometimes(70),
        0u8..20,
        select(&GRADE_WORDS[..5]),
    )
        .prop_map(move |(mut row, canonical, right_weight, variant, grade)| {
            if canonical {
                row.target = target.to_owned();
                if !target.starts_with('=') {
                    row.actual = Some(if variant < 10 {
                        target.to_owned()
                    } else {
                        grade.to_owned()
                    });
                }
            }
            if right_weight {
                row.weight = Some((weight.to_owned(), true));
            }
            match variant {
                0 => row.category = row.category.replace("目标", "指标"),
                1 => row.category = row.category.replace("目标", ""),
                2 => row.name = format!(" {name}"),
                3 => row.name = "绩效目标完成度".to_owned(),
                _ => {}
            }
            row
        })
        .boxed()
}

/// The common rows: each once most often, sometimes dropped or twice.
fn common_rows(extreme: bool) -> BoxedStrategy<Vec<Row>> {
    let each: Vec<BoxedStrategy<Vec<Row>>> = (0..COMMON.len())
        .map(|i| {
            (0u8..20, common_row(i, extreme), common_row(i, extreme))
                .prop_map(|(times, a, b)| match times {
                    0 => vec![],
                    1 => vec![a, b],
                    _ => vec![a],
                })
                .boxed()
        })
        .collect();
    each.prop_map(|rows| rows.into_iter().flatten().collect())
        .boxed()
}

fn own_rows(extreme: bool, labels: &'static [&'static str], max: usize) -> BoxedStrategy<Vec<Row>> {
    prop::collection::vec(row(one_of(labels), one_of(&OWN_NAMES), extreme), 1..=max).boxed()
}

/// The sum of the declared self scores, where they are exact decimals.
fn sum_of_self_scores(rows: &[Row]) -> Option<String> {
    rows.iter()
        .filter_map(|r| r.self_score.as_ref())
        .try_fold(Decimal::ZERO, |sum, (s, _)| {
            sum.checked_add(Decimal::from_str_exact(s).ok()?)
        })
        .map(|d| d.to_string())
}

/// The rows in form order, sometimes shuffled.
fn maybe_shuffled(rows: BoxedStrategy<Vec<Row>>) -> BoxedStrategy<Vec<Row>> {
    (rows, sometimes(15))
        .prop_flat_map(|(rows, shuffle)| {
            if shuffle {
                Just(rows).prop_shuffle().boxed()
            } else {
                Just(rows).boxed()
            }
        })
        .boxed()
}

const SUZHOU_ROW_KEYS: [&str; 8] = [
    "category",
    "name",
    "target",
    "weight",
    "actual",
    "self_score",
    "explanation",
    "as_of",
];

/// Declares the weights a department would: the even share of 55 truncated to 0.01 on
/// every own row the ruleset knows, and the share plus what truncation leaves on the
/// one at `carrier` (规格 §1: the department chooses it).
fn declare_shares(own: &mut [Row], carrier: usize) {
    let known: Vec<usize> = (0..own.len())
        .filter(|&i| own[i].category != "其他目标")
        .collect();
    let Ok(n) = i64::try_from(known.len()) else {
        return;
    };
    if n == 0 {
        return;
    }
    let share = (Decimal::from(55) / Decimal::from(n)).trunc_with_scale(2);
    let residual = Decimal::from(55) - share * Decimal::from(n);
    let carrier = known[carrier % known.len()];
    for &i in &known {
        let weight = if i == carrier {
            share + residual
        } else {
            share
        };
        own[i].weight = Some((weight.to_string(), true));
    }
}

/// A 2023 Suzhou form, its indicator rows apart so that tests can change them.
#[derive(Clone, Debug)]
struct Suzhou {
    head: Vec<(String, Node)>,
    rows: Vec<Row>,
    tail: Vec<(String, Node)>,
}

impl Suzhou {
    fn form(&self) -> Form {
        let mut entries = self.head.clone();
        let rows = self.rows.iter().map(|r| r.node(&SUZHOU_ROW_KEYS)).collect();
        entries.push(("indicators".to_owned(), Node::List(rows)));
        entries.extend(self.tail.iter().cloned());
        Form(entries)
    }
}

fn suzhou(extreme: bool) -> BoxedStrategy<Suzhou> {
    let project = (
        select(&["电子政务项目建设资金", "测试项目", "  "][..]),
        prop_oneof![8 => Just("2023"), 1 => Just("2022"), 1 => Just("2024")],
        any::<bool>(),
        prop::option::weighted(0.8, select(&DATES[..])),
    )
        .prop_map(|(name, year, bare, as_of)| {
            let mut fields = vec![
                ("name".to_owned(), text(name)),
                ("year".to_owned(), number(year, bare)),
                ("department".to_owned(), text("苏州市信息中心")),
            ];
            if let Some(d) = as_of {
                fields.push(("data_as_of".to_owned(), Node::Leaf(Lit::Date(d.to_owned()))));
            }
            Node::Map(fields)
        });
    let budget = amounts(extreme, 5).prop_map(|(mut v, consistent, bare)| {
        if consistent && let Some(u) = plus_minus(&v[0], &v[1], &v[2]) {
            v[3] = u;
        }
        amount_section(
            &[
                "initial",
                "adjustment",
                "appropriated",
                "unallocated",
                "unallocated_recovered",
            ],
            &v,
            bare,
        )
    });
    let funds = amounts(extreme, 5).prop_map(|(mut v, consistent, bare)| {
        if consistent {
            // balance = appropriated - paid = carried_forward + recovered
            if let Some(b) = plus_minus(&v[0], "0", &v[1]) {
                v[2] = b.clone();
                if let Some(r) = plus_minus(&b, "0", &v[3]) {
                    v[4] = r;
                }
            }
        }
        amount_section(
            &[
                "appropriated",
                "paid",
                "balance",
                "carried_forward",
                "recovered",
            ],
            &v,
            bare,
        )
    });
    let subprojects = prop::collection::vec(
        (decimal_text(extreme), decimal_text(extreme), any::<bool>()),
        0..=3,
    )
    .prop_map(|subs| {
        let rows: Vec<Node> = subs
            .iter()
            .enumerate()
            .map(|(i, (budget, actual, bare))| {
                Node::Map(vec![
                    ("name".to_owned(), text(&format!("子项{i}"))),
                    ("budget".to_owned(), number(budget, *bare)),
                    ("actual".to_owned(), number(actual, *bare)),
                ])
            })
            .collect();
        rows
    });
    let rows = maybe_shuffled(
        (
            common_rows(extreme),
            own_rows(extreme, &OWN_LABELS, 20),
            prop::option::weighted(0.5, any::<usize>()),
        )
            .prop_map(|(mut common, mut own, carrier)| {
                if let Some(carrier) = carrier {
                    declare_shares(&mut own, carrier);
                }
                common.extend(own);
                common
            })
            .boxed(),
    );
    let tail = (0u8..4, points_text(extreme), any::<bool>(), any::<bool>());
    (project, budget, funds, subprojects, rows, tail)
        .prop_map(|(project, budget, funds, subprojects, rows, tail)| {
            let mut head = vec![
                ("project".to_owned(), project),
                ("budget".to_owned(), budget),
                ("funds".to_owned(), funds),
            ];
            if !subprojects.is_empty() {
                head.push(("subprojects".to_owned(), Node::List(subprojects)));
            }
            let (kind, random_total, bare, narrative) = tail;
            let mut rest = Vec::new();
            let total = match kind {
                0 => None,
                1 => Some(vec![]),
                2 => Some(vec![("total".to_owned(), number(&random_total, bare))]),
                _ => {
                    sum_of_self_scores(&rows).map(|t| vec![("total".to_owned(), number(&t, bare))])
                }
            };
            if let Some(fields) = total {
                rest.push(("self_evaluation".to_owned(), Node::Map(fields)));
            }
            if narrative {
                rest.push((
                    "text".to_owned(),
                    Node::Map(vec![
                        ("overall_goal".to_owned(), text("建成市级政务云平台")),
                        ("problems".to_owned(), text("")),
                    ]),
                ));
            }
            Suzhou {
                head,
                rows,
                tail: rest,
            }
        })
        .boxed()
}

// ── The Ministry of Finance 2020 form ───────────────────────────────────

const MOF_LABELS: [&str; 8] = [
    "产出指标",
    "产出",
    "效益指标",
    "效果",
    "效果指标",
    "满意度指标",
    "满意度",
    "成本指标",
];

const MOF_ROW_KEYS: [&str; 9] = [
    "category",
    "subcategory",
    "name",
    "target",
    "actual",
    "weight",
    "self_score",
    "level",
    "explanation",
];

#[derive(Clone, Debug)]
struct Mof {
    head: Vec<(String, Node)>,
    rows: Vec<Row>,
    tail: Vec<(String, Node)>,
}

impl Mof {
    fn form(&self) -> Form {
        let mut entries = self.head.clone();
        let rows = self.rows.iter().map(|r| r.node(&MOF_ROW_KEYS)).collect();
        entries.push(("indicators".to_owned(), Node::List(rows)));
        entries.extend(self.tail.iter().cloned());
        Form(entries)
    }
}

fn mof(extreme: bool) -> BoxedStrategy<Mof> {
    let project = (
        prop_oneof![Just("2020"), Just("2021"), Just("2023"), Just("2019")],
        any::<bool>(),
        sometimes(50),
    )
        .prop_map(|(year, bare, implementer)| {
            let mut fields = vec![
                ("name".to_owned(), text("农村公路建设")),
                ("year".to_owned(), number(year, bare)),
                ("department".to_owned(), text("交通运输局")),
            ];
            if implementer {
                fields.push(("implementer".to_owned(), text("公路站")));
            }
            Node::Map(fields)
        });
    let funds = (
        amounts(extreme, 3),
        prop::collection::vec(
            (
                select(&["appropriation", "carryover", "other"][..]),
                amounts(extreme, 3),
            ),
            0..=2,
        ),
        sometimes(10),
    )
        .prop_map(|((v, _, bare), subs, zero)| {
            let mut v = v;
            if zero {
                v[1] = "0".to_owned();
            }
            let mut node = match amount_section(&["initial", "full_year", "executed"], &v, bare) {
                Node::Map(m) => m,
                _ => unreachable!(),
            };
            let mut seen = Vec::new();
            for (key, (v, _, bare)) in subs {
                if !seen.contains(&key) {
                    seen.push(key);
                    node.push((
                        key.to_owned(),
                        amount_section(&["initial", "full_year", "executed"], &v, bare),
                    ));
                }
            }
            Node::Map(node)
        });
    let rows = maybe_shuffled(own_rows(extreme, &MOF_LABELS, 15));
    let tail = (
        prop::option::weighted(0.5, points_text(extreme)),
        prop::option::weighted(0.5, points_text(extreme)),
        prop::option::weighted(0.5, select(&["优", "良", "中", "差", "好"][..])),
        any::<bool>(),
        sometimes(70),
    );
    (project, funds, rows, tail)
        .prop_map(
            |(project, funds, rows, (execution, total, grade, bare, present))| {
                let mut tail = Vec::new();
                if present {
                    let mut fields = Vec::new();
                    if let Some(e) = execution {
                        fields.push(("execution_score".to_owned(), number(&e, bare)));
                    }
                    if let Some(t) = total {
                        fields.push(("total".to_owned(), number(&t, bare)));
                    }
                    if let Some(g) = grade {
                        fields.push(("grade".to_owned(), text(g)));
                    }
                    tail.push(("self_evaluation".to_owned(), Node::Map(fields)));
                }
                Mof {
                    head: vec![("project".to_owned(), project), ("funds".to_owned(), funds)],
                    rows,
                    tail,
                }
            },
        )
        .boxed()
}

/// The rows with each category's declared weights brought within its pool's points
/// (产出 50, 效益 30 or 40, 满意度 10), as a department that adds them up declares them:
/// a form whose declared weights pass the points can total more than 100, which the
/// engine refuses to score (a property of its own, below), so the other properties do
/// not see it.
fn within_pools(mut rows: Vec<Row>) -> Vec<Row> {
    let canonical = |label: &str| match label {
        "产出指标" | "产出" => Some("产出"),
        "效益指标" | "效果" | "效果指标" => Some("效益"),
        "满意度指标" | "满意度" => Some("满意度"),
        _ => None,
    };
    let satisfaction = rows
        .iter()
        .any(|r| canonical(&r.category) == Some("满意度"));
    for (category, points) in [
        ("产出", 50),
        ("效益", if satisfaction { 30 } else { 40 }),
        ("满意度", 10),
    ] {
        let weight = |r: &Row| {
            r.weight
                .as_ref()
                .and_then(|(w, _)| Decimal::from_str_exact(w).ok())
                .unwrap_or_default()
        };
        let members = |r: &&mut Row| canonical(&r.category) == Some(category);
        let sum = rows
            .iter_mut()
            .filter(members)
            .try_fold(Decimal::ZERO, |sum, r| sum.checked_add(weight(r)));
        if sum.is_none_or(|sum| sum > Decimal::from(points)) {
            for row in rows.iter_mut().filter(members) {
                row.weight = Some(("0.5".to_owned(), true));
            }
        }
    }
    rows
}

// ── The bands fixture's form ──────────────────────────────────────────

const BANDS_ROW_KEYS: [&str; 4] = ["category", "name", "target", "actual"];

fn bands_rows(extreme: bool) -> BoxedStrategy<Vec<Row>> {
    own_rows(extreme, &["产出", "效益", "产出", "效益", "其他"], 6)
}

fn bands_form(rows: &[Row]) -> Form {
    let rows = rows.iter().map(|r| r.node(&BANDS_ROW_KEYS)).collect();
    Form(vec![("indicators".to_owned(), Node::List(rows))])
}

/// A generated form for each of the three rulesets.
#[derive(Clone, Debug)]
enum Any {
    Suzhou(Suzhou),
    Mof(Mof),
    Bands(Vec<Row>),
}

impl Any {
    fn plan(&self) -> &'static Plan {
        match self {
            Any::Suzhou(_) => &SUZHOU,
            Any::Mof(_) => &MOF,
            Any::Bands(_) => &BANDS,
        }
    }

    fn plan_again(&self) -> &'static Plan {
        let again = &*AGAIN;
        match self {
            Any::Suzhou(_) => &again[0],
            Any::Mof(_) => &again[1],
            Any::Bands(_) => &again[2],
        }
    }

    fn path(&self) -> &'static str {
        match self {
            Any::Suzhou(_) => "rulesets/2023.rules",
            Any::Mof(_) => "rulesets/mof-2020.rules",
            Any::Bands(_) => "tests/fixtures/eval/bands.rules",
        }
    }

    fn form(&self) -> Form {
        match self {
            Any::Suzhou(s) => s.form(),
            Any::Mof(m) => m.form(),
            Any::Bands(rows) => bands_form(rows),
        }
    }
}

fn any_form(extreme: bool) -> BoxedStrategy<Any> {
    prop_oneof![
        2 => suzhou(extreme).prop_map(Any::Suzhou),
        1 => mof(extreme).prop_map(|m| Any::Mof(Mof { rows: within_pools(m.rows), ..m })),
        1 => bands_rows(extreme).prop_map(Any::Bands),
    ]
    .boxed()
}

// ── 1. Scores stay within their weight ──────────────────────────────────

proptest! {
    #![proptest_config(config(64))]

    /// Every indicator scores between 0 and its expected weight, and 0 with none.
    #[test]
    fn scores_lie_between_zero_and_the_expected_weight(form in any_form(false)) {
        let plan = form.plan();
        let form = form.form();
        let outcome = outcome(plan, &form, Format::Toml);
        for (i, row) in outcome.indicators.iter().enumerate() {
            let score = row.state.score;
            let weight = row.state.expected_weight.unwrap_or(Decimal::ZERO);
            prop_assert!(
                Decimal::ZERO <= score && score <= weight,
                "row {i} 「{}」 ({} / {:?}): score {score}, expected weight {:?}\n{}",
                row.name, row.target, row.actual, row.state.expected_weight,
                form.render(Format::Toml)
            );
        }
    }

    /// 2023 (规格 §1): the recognized own indicators' expected weights add up to exactly
    /// 55, and every recognized common indicator has its catalog weight.
    #[test]
    fn suzhou_weights_add_up(form in suzhou(false)) {
        let form = form.form();
        let outcome = outcome(&SUZHOU, &form, Format::Toml);
        let mut own = Vec::new();
        for row in outcome.indicators.iter().filter(|r| r.state.recognized) {
            let weight = row.state.expected_weight;
            match COMMON.iter().find(|c| c.1 == row.name.trim()) {
                Some(common) if ["决策", "过程"].contains(&row.category.as_str()) => {
                    prop_assert_eq!(weight, Decimal::from_str_exact(common.3).ok(), "{}", row.name);
                }
                _ => own.push(weight.unwrap_or_default()),
            }
        }
        if !own.is_empty() {
            let sum: Decimal = own.iter().sum();
            prop_assert_eq!(sum, Decimal::from(55), "{:?}\n{}", own, form.render(Format::Toml));
        }
    }
}

// ── 2. Closer to the band never scores less ────────────────────────────

/// A target `T` (a percentage) and two actuals `a < b < T`, all exact, with up to four
/// decimals; `a` may be negative.
fn below_the_target() -> impl Strategy<Value = (Decimal, Decimal, Decimal)> {
    (1i64..=20_000, 0u32..=2, 0u32..=2)
        .prop_flat_map(|(t, scale, extra)| {
            let t = t * 10i64.pow(extra);
            let scale = scale + extra;
            // Mostly within 25% of the target, where the band's deductions leave points.
            let a = prop_oneof![1 => -t..t - 1, 4 => (3 * t / 4).min(t - 2)..t - 1];
            (Just(t), Just(scale), a)
        })
        .prop_flat_map(|(t, scale, a)| (Just(t), Just(scale), Just(a), a + 1..t))
        .prop_map(|(t, scale, a, b)| (dec(t, scale), dec(a, scale), dec(b, scale)))
}

/// Whether the row is of 结果类, and a target `T` with two actuals `U < a < b`, where
/// `U` is the class's upper edge (130% of `T` for 产出类, 200% for 结果类).
fn above_the_band() -> impl Strategy<Value = (bool, (Decimal, Decimal, Decimal))> {
    (any::<bool>(), 1i64..=20_000, 0u32..=2, 0u32..=2)
        .prop_flat_map(|(outcome_class, t, scale, extra)| {
            let t = t * 10i64.pow(extra);
            let scale = scale + extra;
            let edge = if outcome_class { 200 } else { 130 };
            // The least multiple of the scale's unit above the edge.
            let least = t * edge / 100 + 1;
            // Mostly within 50% of the target beyond the edge, where points are left.
            let a = prop_oneof![1 => least..least + 4 * t + 1000, 4 => least..least + t / 2 + 1];
            (Just(outcome_class), Just(t), Just(scale), a)
        })
        .prop_flat_map(|(class, t, scale, a)| {
            let b = prop_oneof![1 => a + 1..a + 2 * t + 1000, 4 => a + 1..a + t / 4 + 2];
            (Just(class), Just(t), Just(scale), Just(a), b)
        })
        .prop_map(|(class, t, scale, a, b)| (class, (dec(t, scale), dec(a, scale), dec(b, scale))))
}

/// A target `T` and two actuals `T < a < b` (up to five times `T`), with up to four
/// decimals: for a lower-is-better target, `a` is the closer to the band.
fn above_the_target() -> impl Strategy<Value = (Decimal, Decimal, Decimal)> {
    (1i64..=20_000, 0u32..=2, 0u32..=2)
        .prop_flat_map(|(t, scale, extra)| {
            let t = t * 10i64.pow(extra);
            let scale = scale + extra;
            let a = prop_oneof![1 => t + 1..5 * t, 4 => t + 1..(5 * t / 4).max(t + 2)];
            (Just(t), Just(scale), a)
        })
        .prop_flat_map(|(t, scale, a)| {
            let b = prop_oneof![1 => a + 1..=5 * t, 4 => a + 1..=(a + t / 8).max(a + 1)];
            (Just(t), Just(scale), Just(a), b)
        })
        .prop_map(|(t, scale, a, b)| (dec(t, scale), dec(a, scale), dec(b, scale)))
}

/// Comparators that make higher better, as forms write them.
const HIGHER: [(&str, &str); 7] = [
    ("=", ""),
    ("=", ""),
    ("", ""),
    (">=", ""),
    ("≥", ""),
    ("不低于", ""),
    ("", "以上"),
];

/// Comparators that make lower better, as forms write them.
const LOWER: [(&str, &str); 5] = [
    ("<=", ""),
    ("≤", ""),
    ("<", ""),
    ("", "以下"),
    ("", "及其以下"),
];

/// Units of the pair's target; mostly percentages.
const PAIR_UNITS: [&str; 5] = ["%", "%", "%", "个", "小时"];

/// How a pair's target and actuals are written.
#[derive(Clone, Copy, Debug)]
struct Writing {
    comparator: (&'static str, &'static str),
    unit: &'static str,
    /// The actuals without a unit (which then take the target's).
    unitless: bool,
    target: Decor,
    actual: Decor,
}

fn writing(comparators: &'static [(&'static str, &'static str)]) -> impl Strategy<Value = Writing> {
    (
        select(comparators),
        select(&PAIR_UNITS[..]),
        sometimes(20),
        decor(),
        decor(),
    )
        .prop_map(|(comparator, unit, unitless, target, actual)| Writing {
            comparator,
            unit,
            unitless,
            target,
            actual,
        })
}

impl Writing {
    fn target(&self, t: Decimal) -> String {
        let (before, after) = self.comparator;
        measure_text(
            before,
            &t.normalize().to_string(),
            self.unit,
            after,
            self.target,
        )
    }

    fn actual(&self, a: Decimal) -> String {
        let unit = if self.unitless { "" } else { self.unit };
        measure_text("", &a.to_string(), unit, "", self.actual)
    }
}

/// A quantitative row of a class's category in a form, placed at `at`; the two forms
/// differ only in its actual value.
#[derive(Clone, Debug)]
struct Pair {
    label: String,
    at: usize,
    target: String,
    low: String,
    high: String,
    weight: String,
}

impl Pair {
    fn row(&self, actual: &str) -> Row {
        Row {
            category: self.label.clone(),
            subcategory: None,
            name: "受测指标".to_owned(),
            target: self.target.clone(),
            actual: Some(actual.to_owned()),
            weight: Some((self.weight.clone(), false)),
            self_score: None,
            level: None,
            explanation: None,
            as_of: None,
            bare: false,
        }
    }

    /// The rows with this pair's row inserted, with the actual `low` or `high`; and
    /// the row's index.
    fn rows(&self, rows: &[Row], high: bool) -> (Vec<Row>, usize) {
        let mut rows = rows.to_vec();
        let at = self.at % (rows.len() + 1);
        let actual = if high { &self.high } else { &self.low };
        rows.insert(at, self.row(actual));
        (rows, at)
    }
}

/// The pair's two scores on a form of each ruleset.
fn pair_scores(base: &Any, pair: &Pair) -> (Decimal, Decimal, Form) {
    let form = |high: bool| -> (Form, usize) {
        match base {
            Any::Suzhou(s) => {
                let (rows, at) = pair.rows(&s.rows, high);
                (Suzhou { rows, ..s.clone() }.form(), at)
            }
            Any::Mof(m) => {
                let (rows, at) = pair.rows(&m.rows, high);
                (Mof { rows, ..m.clone() }.form(), at)
            }
            Any::Bands(b) => {
                let (rows, at) = pair.rows(b, high);
                (bands_form(&rows), at)
            }
        }
    };
    let (low_form, at) = form(false);
    let (high_form, _) = form(true);
    let plan = base.plan();
    (
        score_of(plan, &low_form, at),
        score_of(plan, &high_form, at),
        low_form,
    )
}

/// Labels of the categories each class scores, per ruleset.
fn labels(base: &Any, outcome_class: bool) -> &'static [&'static str] {
    match (base, outcome_class) {
        (Any::Suzhou(_), false) => &["产出目标", "产出指标", "投入目标", "产出"],
        (Any::Suzhou(_), true) => &["效益目标", "效果", "满意度指标", "效益"],
        (Any::Mof(_), false) => &["产出指标", "产出"],
        (Any::Mof(_), true) => &["效益指标", "满意度指标"],
        (Any::Bands(_), false) => &["产出"],
        (Any::Bands(_), true) => &["效益"],
    }
}

/// The pair of rows of a class's category: target `T`, and the actuals `closer` to the
/// band and `further` from it.
fn pair(
    base: &Any,
    outcome_class: bool,
    (t, closer, further): (Decimal, Decimal, Decimal),
    (label, at, weight): (usize, usize, &str),
    writing: Writing,
) -> Pair {
    let labels = labels(base, outcome_class);
    Pair {
        label: labels[label % labels.len()].to_owned(),
        at,
        target: writing.target(t),
        low: writing.actual(closer),
        high: writing.actual(further),
        weight: weight.to_owned(),
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Below the band, a completion closer to it never scores less: of two actuals
    /// below a higher-is-better target (`=T`, `>=T`, `不低于T`, …) the higher, of two
    /// above a lower-is-better one (`<=T`, `T及其以下`, …) the lower (产出类 and 结果类
    /// alike, and the 2020 比例 class).
    #[test]
    fn below_the_band_closer_never_scores_less(
        base in any_form(false),
        outcome_class in any::<bool>(),
        higher in (below_the_target(), writing(&HIGHER)),
        lower in (above_the_target(), writing(&LOWER)),
        lower_is_better in sometimes(30),
        place in (0usize..8, 0usize..40, points_text(false)),
    ) {
        let (label, at, weight) = place;
        let pair = if lower_is_better {
            let ((t, closer, further), writing) = lower;
            pair(&base, outcome_class, (t, closer, further), (label, at, &weight), writing)
        } else {
            let ((t, further, closer), writing) = higher;
            pair(&base, outcome_class, (t, closer, further), (label, at, &weight), writing)
        };
        let (closer, further, form) = pair_scores(&base, &pair);
        prop_assert!(
            closer >= further,
            "target {}: {} scores {closer}, {} scores {further}\n{}",
            pair.target, pair.low, pair.high, form.render(Format::Toml)
        );
    }

    /// Above the band (130% of the target for 产出类, 200% for 结果类), a higher actual
    /// never scores more.
    #[test]
    fn above_the_band_further_never_scores_more(
        base in prop_oneof![
            suzhou(false).prop_map(Any::Suzhou),
            bands_rows(false).prop_map(Any::Bands),
        ],
        (outcome_class, values) in above_the_band(),
        place in (0usize..8, 0usize..40, points_text(false)),
        writing in writing(&HIGHER),
    ) {
        let (label, at, weight) = place;
        let pair = pair(&base, outcome_class, values, (label, at, &weight), writing);
        let (low, high, form) = pair_scores(&base, &pair);
        prop_assert!(
            low >= high,
            "target {}: {} scores {low}, {} scores {high}\n{}",
            pair.target, pair.low, pair.high, form.render(Format::Toml)
        );
    }
}

// ── 3. Deterministic, and alike in every format ─────────────────────────────

/// What loading and evaluating a form gives: the data error codes, the evaluation
/// error, or what the outcome means.
fn result(
    plan: &Plan,
    form: &Form,
    format: Format,
    style: Style,
) -> Result<Result<String, String>, String> {
    let project = load_styled(plan, form, format, style)?;
    Ok(match perfeval::evaluate(plan, &project) {
        Ok(outcome) => Ok(meaning(plan, &outcome)),
        Err(e) => Err(format!(
            "{:?}: {e}",
            miette::Diagnostic::code(&e).map(|c| c.to_string())
        )),
    })
}

/// The first line where two texts differ, in each.
fn first_difference(a: &str, b: &str) -> String {
    let (mut a_lines, mut b_lines) = (a.split("\\n"), b.split("\\n"));
    loop {
        match (a_lines.next(), b_lines.next()) {
            (Some(x), Some(y)) if x == y => {}
            (None, None) => return "no difference".to_owned(),
            (x, y) => return format!("`{}` against `{}`", x.unwrap_or(""), y.unwrap_or("")),
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// The same form evaluated twice, with plans compiled apart, gives the same JSON
    /// document and the same text report, byte for byte.
    #[test]
    fn evaluating_twice_gives_the_same_bytes(form in any_form(false)) {
        let (plan, again) = (form.plan(), form.plan_again());
        let form = form.form();
        let first = outcome(plan, &form, Format::Toml);
        let second = outcome(again, &form, Format::Toml);
        for (a, b) in [
            (json_doc(plan, &first), json_doc(again, &second)),
            (crate::eval::report(&first), crate::eval::report(&second)),
        ] {
            prop_assert!(a == b, "{}\n{}", first_difference(&a, &b), form.render(Format::Toml));
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// A form reads the same from TOML, JSON and YAML: the same data errors, the same
    /// evaluation error, or the same scores and findings at the same values.
    #[test]
    fn toml_json_and_yaml_give_the_same_outcome(
        form in prop_oneof![3 => any_form(false), 1 => any_form(true)],
        (crlf, bom) in (sometimes(20), sometimes(10)),
    ) {
        let plan = form.plan();
        let form = form.form();
        let plain = Style::default();
        let toml = result(plan, &form, Format::Toml, plain);
        for format in FORMATS {
            for alt in [false, true] {
                let style = Style { alt, crlf, bom };
                let other = result(plan, &form, format, style);
                prop_assert!(
                    toml == other,
                    "TOML and {format:?} ({style:?}) differ: {}\n{}\n{}",
                    first_difference(&format!("{toml:?}"), &format!("{other:?}")),
                    form.render(Format::Toml),
                    form.render_styled(format, style)
                );
            }
        }
    }
}

// ── 3b. Spelling and rows the policy does not know change nothing ──────────────

/// A text typed another way that means the same (规格 §2, language §5.1): every ASCII
/// character full-width, and a space (ASCII or ideographic) between every two
/// characters.
fn respelled(text: &str, ideographic: bool) -> String {
    let space = if ideographic { '\u{3000}' } else { ' ' };
    let mut out = String::new();
    for (i, c) in full_width(text).chars().enumerate() {
        if i > 0 {
            out.push(space);
        }
        out.push(c);
    }
    out
}

/// The rows with their category labels, names, targets and actual values respelled.
fn respell(rows: &[Row], ideographic: bool) -> Vec<Row> {
    rows.iter()
        .map(|r| Row {
            category: respelled(&r.category, ideographic),
            name: respelled(&r.name, ideographic),
            target: respelled(&r.target, ideographic),
            actual: r.actual.as_deref().map(|a| respelled(a, ideographic)),
            ..r.clone()
        })
        .collect()
}

/// What an outcome computes, apart from the texts it quotes: each row's numbers and
/// grade, the total, and each finding's code and severity.
fn numbers(outcome: &Outcome) -> String {
    let mut out = String::new();
    for row in &outcome.indicators {
        let s = &row.state;
        writeln!(
            out,
            "{:?} {} {:?} {} {:?} {:?} {} {}",
            s.category,
            s.recognized,
            s.expected_weight,
            s.score,
            s.completion,
            s.grade,
            s.quantitative,
            s.missing
        )
        .unwrap();
    }
    writeln!(out, "total {} {:?}", outcome.total, outcome.lines).unwrap();
    for finding in &outcome.findings {
        writeln!(out, "{} {:?}", finding.code, finding.severity).unwrap();
    }
    out
}

/// The form of each ruleset with other rows.
fn with_rows(base: &Any, rows: Vec<Row>) -> Form {
    match base {
        Any::Suzhou(s) => Suzhou { rows, ..s.clone() }.form(),
        Any::Mof(m) => Mof { rows, ..m.clone() }.form(),
        Any::Bands(_) => bands_form(&rows),
    }
}

fn rows_of(base: &Any) -> &[Row] {
    match base {
        Any::Suzhou(s) => &s.rows,
        Any::Mof(m) => &m.rows,
        Any::Bands(rows) => rows,
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// Full-width characters and spaces anywhere in category labels, names, targets and
    /// actual values change no score, completion, grade or finding.
    #[test]
    fn full_width_and_spaces_change_nothing(base in any_form(false), ideographic in any::<bool>()) {
        let plan = base.plan();
        let plain = with_rows(&base, rows_of(&base).to_vec());
        let typed = with_rows(&base, respell(rows_of(&base), ideographic));
        let (a, b) = (
            numbers(&outcome(plan, &plain, Format::Toml)),
            numbers(&outcome(plan, &typed, Format::Toml)),
        );
        prop_assert!(
            a == b,
            "{}\n{}\n{}",
            first_difference(&a, &b),
            plain.render(Format::Toml),
            typed.render(Format::Toml)
        );
    }

    /// A row whose category the ruleset does not know scores 0, takes no share of a
    /// pool and raises `unknown-category` and nothing else: the other rows, the total
    /// and the other findings stay as they were (规格 §10).
    #[test]
    fn a_row_of_an_unknown_category_changes_nothing_else(
        base in any_form(false),
        extra in row(one_of(&["其他目标", "成本指标", "未知"]), one_of(&OWN_NAMES), false),
        at in 0usize..40,
    ) {
        let plan = base.plan();
        let rows = rows_of(&base).to_vec();
        let at = at % (rows.len() + 1);
        let mut more = rows.clone();
        more.insert(at, Row { self_score: None, ..extra });
        let (before, after) = (
            outcome(plan, &with_rows(&base, rows), Format::Toml),
            outcome(plan, &with_rows(&base, more), Format::Toml),
        );
        let form = with_rows(&base, rows_of(&base).to_vec());
        let added = &after.indicators[at];
        prop_assert!(!added.state.recognized && added.state.score.is_zero());
        prop_assert_eq!(added.state.expected_weight, None);
        let mut others = after.indicators.clone();
        others.remove(at);
        prop_assert_eq!(&others, &before.indicators, "\n{}", form.render(Format::Toml));
        prop_assert_eq!(after.total, before.total);
        let codes = |o: &Outcome| {
            let mut codes: Vec<String> = o.findings.iter().map(|f| f.code.clone()).collect();
            codes.sort();
            codes
        };
        let mut expected = codes(&before);
        expected.push("unknown-category".to_owned());
        expected.sort();
        prop_assert_eq!(codes(&after), expected, "\n{}", form.render(Format::Toml));
    }
}

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

// ── 5. The total adds up ───────────────────────────────────────────────

proptest! {
    #![proptest_config(config(32))]

    /// With no adjustments (none of the three rulesets has any), the total is the sum
    /// of the indicators' rounded scores and the lines.
    #[test]
    fn the_total_is_the_sum_of_the_scores_and_the_lines(form in any_form(false)) {
        let plan = form.plan();
        let form = form.form();
        let outcome = outcome(plan, &form, Format::Toml);
        let scores: Decimal = outcome.indicators.iter().map(|i| i.state.score).sum();
        let lines: Decimal = outcome.lines.iter().map(|(_, _, score)| *score).sum();
        prop_assert_eq!(outcome.total, scores + lines, "\n{}", form.render(Format::Toml));
    }

    /// Whatever weights a form declares (here the 2020 template's, whose pools take the
    /// form's weights), a total is never reported above `max_score` nor below zero: a
    /// form whose scores would add up to more is refused with `impossible_total`.
    #[test]
    fn no_total_passes_the_maximum(form in mof(false)) {
        let form = form.form();
        let project = load(&MOF, &form, Format::Toml).map_err(TestCaseError::fail)?;
        match perfeval::evaluate(&MOF, &project) {
            Ok(outcome) => prop_assert!(
                Decimal::ZERO <= outcome.total && outcome.total <= Decimal::from(100),
                "total {}\n{}", outcome.total, form.render(Format::Toml)
            ),
            Err(e) => prop_assert_eq!(e.code(), "perfeval::eval::impossible_total"),
        }
    }
}
