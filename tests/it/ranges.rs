//! Ranges with open and closed ends (`[80%, 90%)`, `80% 至 90% 不含`): in grades that
//! allow a range of scores and in a class's full-marks band. Which end a boundary value
//! belongs to, the checker's gaps and overlaps, and the printer in both languages.

use perfeval::compile::Plan;
use perfeval::eval::trace::{Side, Step};
use perfeval::i18n::{Language, with_language};
use perfeval::source::SourceFile;
use perfeval::syntax::keywords::Keywords;

use crate::common::render;
use crate::eval::evaluate;

/// A ruleset of one pool of 100 points, with these grades, this band and, where asked,
/// `rounding 0.01 half_away_from_zero`.
fn rules(grades: &str, band: &str, rounding: bool) -> String {
    format!(
        r#"ruleset "区间" {{ max_score 100 分 }}
form {{
  rows indicators "绩效指标" {{
    category: text "类别"  name: text "指标名称"  target: measure "目标值"
    weight: points "权重"  actual: optional measure "实际完成值"
    self_score: optional points "自评分"
  }}
}}
category 产出 {{ scored_by 产出类 }}
pool 全部 100 分 {{ categories 产出 split evenly }}
completion {{ = >= > <= < : actual / target }}
class 产出类 {{ {band} below deduct 5% per 1% above deduct 1% per 1% }}
grades {{ {grades} }}
{}
"#,
        if rounding {
            "rounding 0.01 half_away_from_zero"
        } else {
            ""
        }
    )
}

const BAND: &str = "full 100% to 130%";

fn load(text: &str) -> Result<Plan, String> {
    perfeval::load_ruleset(&SourceFile::new("r.rules", text)).map_err(|e| render(&e))
}

fn plan(text: &str) -> Plan {
    load(text).unwrap_or_else(|e| panic!("{e}"))
}

/// One qualitative row of weight 100 graded `grade` with `self_score`: its score and
/// the codes of its findings.
fn graded(plan: &Plan, grade: &str, self_score: Option<&str>) -> (String, Vec<String>) {
    graded_weight(plan, "100", grade, self_score)
}

/// [`graded`], the row's weight `weight` (the pool's points, for the policy's weight to
/// be the same).
fn graded_weight(
    plan: &Plan,
    weight: &str,
    grade: &str,
    self_score: Option<&str>,
) -> (String, Vec<String>) {
    let score = self_score.map_or_else(String::new, |s| format!("self_score = {s}\n"));
    let form = format!(
        "[[indicators]]\ncategory = \"产出\"\nname = \"甲\"\ntarget = \"甲等\"\nweight = {weight}\nactual = \"{grade}\"\n{score}"
    );
    let outcome = evaluate(plan, "p.toml", &form);
    let row = outcome.indicators.first().unwrap();
    let codes = outcome.findings.iter().map(|f| f.code.clone()).collect();
    (row.state.score.to_string(), codes)
}

fn out() -> Vec<String> {
    vec!["score-out-of-range".to_owned()]
}

#[test]
fn a_boundary_belongs_to_the_range_whose_end_is_closed() {
    // `[80%, 90%)`: 80% is in, 90% is not; `(80%, 90%]`: the other way round.
    let closed_low = plan(&rules(
        "低 [0%, 80%) 中 [80%, 90%) 高 [90%, 100%]",
        BAND,
        true,
    ));
    let closed_high = plan(&rules(
        "低 [0%, 80%] 中 (80%, 90%] 高 (90%, 100%]",
        BAND,
        true,
    ));
    let cases = [
        (&closed_low, "中", "80", "80.00", vec![]),
        (&closed_low, "中", "89.99", "89.99", vec![]),
        (&closed_low, "中", "90", "89.99", out()),
        (&closed_low, "低", "80", "79.99", out()),
        (&closed_low, "高", "90", "90.00", vec![]),
        (&closed_high, "中", "80", "80.01", out()),
        (&closed_high, "中", "80.01", "80.01", vec![]),
        (&closed_high, "中", "89.99", "89.99", vec![]),
        (&closed_high, "中", "90", "90.00", vec![]),
        (&closed_high, "低", "80", "80.00", vec![]),
        (&closed_high, "高", "90", "90.01", out()),
    ];
    for (plan, grade, self_score, score, codes) in cases {
        let codes: Vec<String> = codes;
        assert_eq!(
            graded(plan, grade, Some(self_score)),
            (score.to_owned(), codes),
            "{grade} {self_score}"
        );
    }
}

#[test]
fn a_score_inside_an_open_end_is_one_rounding_step_from_it() {
    let plan = plan(&rules(
        "低 [0%, 80%] 中 (80%, 90%) 高 [90%, 100%]",
        BAND,
        true,
    ));
    // Without a self score, the least score inside; held inside from either side.
    let (score, codes) = graded(&plan, "中", None);
    assert_eq!(
        (score.as_str(), codes),
        ("80.01", vec!["missing-self-score".to_owned()])
    );
    assert_eq!(graded(&plan, "中", Some("95")), ("89.99".to_owned(), out()));
    // A self score inside the range is the score, not rounded: rounded to 0.01 it would
    // reach the open end and leave the range.
    assert_eq!(
        graded(&plan, "中", Some("89.996")),
        ("89.996".to_owned(), vec![])
    );
}

/// The policy's words: "a declared self score inside the range is the score; outside it
/// the nearest end; none, the low end", each as exact as the weight and the share make
/// it, where rounding to the step would leave the range (8.33 × 80% is 6.664: rounded,
/// 6.66 is outside and 6.67 a score no one gave).
#[test]
fn a_score_a_range_gives_is_not_rounded_out_of_it() {
    let rules = rules("低 [0%, 60%) 中 [60%, 80%) 高 [80%, 100%]", BAND, true);
    let plan = plan(&rules.replace("pool 全部 100 分", "pool 全部 8.33 分"));
    let cases = [
        (Some("6.664"), "6.664", vec![]),
        (Some("6.67"), "6.67", vec![]),
        (Some("7"), "7.00", vec![]),
        (Some("6.66"), "6.664", out()),
        (Some("9"), "8.33", out()),
        (None, "6.664", vec!["missing-self-score".to_owned()]),
    ];
    for (self_score, score, codes) in cases {
        let codes: Vec<String> = codes;
        assert_eq!(
            graded_weight(&plan, "8.33", "高", self_score),
            (score.to_owned(), codes),
            "{self_score:?}"
        );
    }
}

#[test]
fn the_message_marks_an_open_end() {
    let plan = plan(&rules(
        "低 [0%, 80%) 中 [80%, 90%) 高 [90%, 100%]",
        BAND,
        true,
    ));
    let form = "[[indicators]]\ncategory = \"产出\"\nname = \"甲\"\ntarget = \"甲等\"\nweight = 100\nactual = \"中\"\nself_score = 90\n";
    let message = |language| {
        let outcome = with_language(language, || evaluate(&plan, "p.toml", form));
        outcome.findings.first().unwrap().message.clone()
    };
    assert_eq!(
        message(Language::Zh),
        "「甲」评为「中」，得分应在 80 至 90（不含） 之间，所填自评分为 90"
    );
    assert_eq!(
        message(Language::En),
        "`甲` is graded `中`, which scores from 80 to 90 (exclusive), but its self score is 90"
    );
}

#[test]
fn every_spelling_of_an_open_end_means_the_same() {
    let spellings = [
        "中 [80%, 90%)",
        "中 80% to 90% exclusive",
        "中 80% inclusive to 90% exclusive",
        "中 80% 至 90% 不含",
        "中 80% 含 至 90% 不含",
        "中 80%(含) 至 90%(不含)",
        "中 80%（含）至 90%（不含）",
    ];
    for spelling in spellings {
        let plan = plan(&rules(
            &format!("低 [0%, 80%) {spelling} 高 [90%, 100%]"),
            BAND,
            true,
        ));
        assert_eq!(
            graded(&plan, "中", Some("90")),
            ("89.99".to_owned(), out()),
            "{spelling}"
        );
        assert_eq!(
            graded(&plan, "中", Some("80")),
            ("80.00".to_owned(), vec![]),
            "{spelling}"
        );
    }
}

#[test]
fn ranges_that_meet_at_a_closed_end_have_no_gap() {
    // `[80%, 90%)` then `[90%, 100%]`: 90% is the second's.
    load(&rules(
        "低 [0%, 80%) 中 [80%, 90%) 高 [90%, 100%]",
        BAND,
        true,
    ))
    .unwrap();
    // Two closed ends at one share, as `80% to 100%` and `60% to 80%` always were.
    load(&rules(
        "低 0% to 60% 中 60% to 80% 高 80% to 100%",
        BAND,
        false,
    ))
    .unwrap();
}

#[test]
fn ranges_that_both_leave_out_a_share_have_a_gap_there() {
    // `[80%, 90%)` then `(90%, 100%]`: no grade takes exactly 90%.
    let error = load(&rules(
        "低 [0%, 80%) 中 [80%, 90%) 高 (90%, 100%]",
        BAND,
        true,
    ))
    .unwrap_err();
    assert!(error.contains("perfeval::check::nonsense"), "{error}");
    assert!(
        error.contains("no grade covers a share of exactly 90%"),
        "{error}"
    );
    let error = load(&rules("低 (0%, 100%]", BAND, true)).unwrap_err();
    assert!(
        error.contains("no grade covers a share of exactly 0%"),
        "{error}"
    );
    let error = load(&rules("低 [0%, 100%)", BAND, true)).unwrap_err();
    assert!(
        error.contains("no grade covers a share of exactly 100%"),
        "{error}"
    );
    let error = load(&rules("低 [0%, 80%) 高 [90%, 100%]", BAND, true)).unwrap_err();
    assert!(
        error.contains("no grade covers the shares from 80% to 90%"),
        "{error}"
    );
}

#[test]
fn ranges_that_share_more_than_an_end_overlap() {
    let error = load(&rules(
        "低 [0%, 85%) 中 [80%, 90%) 高 [90%, 100%]",
        BAND,
        true,
    ))
    .unwrap_err();
    assert!(
        error.contains("grades `低` and `中` both cover the shares from 80% to 85%"),
        "{error}"
    );
}

#[test]
fn an_empty_range_and_an_open_end_without_rounding_are_refused() {
    let error = load(&rules(
        "低 [0%, 80%] 中 (80%, 80%] 高 (80%, 100%]",
        BAND,
        true,
    ))
    .unwrap_err();
    assert!(
        error.contains("grade `中`'s range (80%, 80%] holds no share"),
        "{error}"
    );
    let error = load(&rules("低 [0%, 80%) 高 [80%, 100%]", BAND, false)).unwrap_err();
    assert!(error.contains("perfeval::check::missing_item"), "{error}");
    assert!(
        error.contains("`rounding`, which the open end of grade `低` needs"),
        "{error}"
    );
    let error = load(&rules("好 100%", "full (100%, 100%]", true)).unwrap_err();
    assert!(
        error.contains("the band (100%, 100%] holds no completion"),
        "{error}"
    );
}

/// The side of the band a completion of `actual`% (of a target of 100%) falls on.
fn side(band: &str, actual: &str) -> &'static str {
    let plan = plan(&rules("好 100%", band, true));
    let form = format!(
        "[[indicators]]\ncategory = \"产出\"\nname = \"甲\"\ntarget = \"=100%\"\nweight = 100\nactual = \"{actual}%\"\n"
    );
    let project = perfeval::data::load_str(
        SourceFile::new("p.toml", form),
        perfeval::data::Format::Toml,
        &plan.form,
    )
    .unwrap();
    let (_, traces) = perfeval::eval::evaluate_traced(&plan, &project).unwrap();
    let band = traces.rows[0].iter().find_map(|s| match s {
        Step::Band { side, .. } => Some(side.clone()),
        _ => None,
    });
    match band.unwrap() {
        Side::Full => "full",
        Side::Below(_) => "below",
        Side::Above(_) => "above",
    }
}

#[test]
fn an_open_edge_of_the_band_is_outside_it() {
    assert_eq!(side("full 100% to 130%", "130"), "full");
    assert_eq!(side("full [100%, 130%)", "130"), "above");
    assert_eq!(side("full [100%, 130%)", "129.99"), "full");
    assert_eq!(side("full (100%, 130%]", "100"), "below");
    assert_eq!(side("full 100% 不含 至 130%", "100"), "below");
    assert_eq!(side("full from 100% exclusive", "100"), "below");
    assert_eq!(side("full from 100%", "100"), "full");
}

/// Prints the ruleset `text` with keywords in `language`.
fn printed(text: &str, language: Keywords) -> String {
    let ruleset = perfeval::parse(&SourceFile::new("r.rules", text)).unwrap();
    let style = perfeval::syntax::print::Style::all_in(language);
    perfeval::syntax::print::print_with(&ruleset, &|_| None, style)
}

#[test]
fn ranges_print_in_both_languages_and_parse_back() {
    let text = rules(
        "低 [0%, 80%) 中 80% 含 至 90% 不含 高 (90%, 100%] 满 90% inclusive to 100%",
        "full 100% to 130% exclusive",
        true,
    );
    let en = printed(&text, Keywords::En);
    assert!(en.contains("  低 [0%, 80%)\n"), "{en}");
    assert!(en.contains("  中 80% inclusive to 90% exclusive\n"), "{en}");
    assert!(en.contains("  高 (90%, 100%]\n"), "{en}");
    assert!(en.contains("  full 100% to 130% exclusive\n"), "{en}");
    let zh = printed(&text, Keywords::Zh);
    assert!(zh.contains("  中 80% 含 至 90% 不含\n"), "{zh}");
    assert!(zh.contains("  满 90% 含 至 100%\n"), "{zh}");
    assert!(zh.contains("  满分区间 100% 至 130% 不含\n"), "{zh}");
    // Each prints to itself again, in its language.
    assert_eq!(printed(&en, Keywords::En), en);
    assert_eq!(printed(&zh, Keywords::Zh), zh);
    assert_eq!(printed(&zh, Keywords::En), en);
}

#[test]
fn fmt_keeps_the_ends_as_written() {
    let text =
        "规则集 \"区间\" { 财政年度 2023 }\n等级 { 中 80%（含）至 90%（不含） 高 [90%, 100%] }\n";
    let formatted = perfeval::syntax::format(&SourceFile::new("r.rules", text)).unwrap();
    assert_eq!(
        formatted,
        "规则集 \"区间\" {\n  财政年度 2023\n}\n\n等级 {\n  中 80% 含 至 90% 不含\n  高 [90%, 100%]\n}\n"
    );
    let again = perfeval::syntax::format(&SourceFile::new("r.rules", formatted.as_str())).unwrap();
    assert_eq!(again, formatted);
}

#[test]
fn a_grade_named_like_an_end_is_quoted() {
    // `含` after a range's end would be read as its mark.
    let text = "ruleset \"x\" {}\ngrades { 甲 80% to 100% \"含\" 0% to 80% }\n";
    let en = printed(text, Keywords::En);
    assert!(en.contains("  \"含\" 0% to 80%\n"), "{en}");
    assert_eq!(printed(&en, Keywords::En), en);
}
