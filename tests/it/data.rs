//! Loading project files: fixtures in `tests/fixtures/data/` against a small form.
//!
//! `ok/` fixtures must load, and their values are checked exactly; `err/` fixtures must
//! fail with the codes and positions listed in `EXPECTED_ERRORS`, and their rendered
//! diagnostics are snapshots.

// Helpers outside `#[test]` functions are not covered by clippy.toml's test allowances;
// here they should fail loudly too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test helpers fail loudly"
)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use miette::{GraphicalReportHandler, GraphicalTheme};
use perfeval::data::project::{Datum, Project, SectionData};
use perfeval::data::schema::{FieldSchema, FieldType, FormSchema, SectionSchema, Shape};
use perfeval::data::{DataFailure, Format, load_bytes, load_str};
use perfeval::source::SourceFile;
use rust_decimal::Decimal;

fn field(key: &str, label: &str, ty: FieldType, optional: bool) -> FieldSchema {
    FieldSchema {
        key: key.into(),
        label: label.into(),
        ty,
        optional,
    }
}

fn section(
    key: &str,
    label: &str,
    shape: Shape,
    optional: bool,
    fields: Vec<FieldSchema>,
) -> SectionSchema {
    SectionSchema {
        key: key.into(),
        label: label.into(),
        shape,
        optional,
        fields,
    }
}

/// A small form with every field type.
fn schema() -> FormSchema {
    use FieldType::*;
    use Shape::*;
    FormSchema::new(vec![
        section(
            "project",
            "项目",
            Record,
            false,
            vec![
                field("name", "项目名称", Text, false),
                field("year", "项目年份", Integer, false),
                field("data_as_of", "数据采集时间节点", Date, true),
            ],
        ),
        section(
            "budget",
            "市级预算执行情况（万元）",
            Record,
            false,
            vec![
                field("initial", "年初预算数", Amount, false),
                field(
                    "adjustment",
                    "当年使用上年结余、结转及当年调整预算数",
                    Amount,
                    false,
                ),
                field("appropriated", "财政拨款数", Amount, false),
            ],
        ),
        section(
            "funds",
            "市级财政资金使用情况（万元）",
            Record,
            false,
            vec![
                field("appropriated", "财政拨款数", Amount, false),
                field("paid", "实际支付数", Amount, false),
            ],
        ),
        section(
            "subprojects",
            "项目资金构成",
            Rows,
            true,
            vec![
                field("name", "子项名称", Text, false),
                field("budget", "预算数（万元）", Amount, false),
                field("actual", "实际数（万元）", Amount, false),
            ],
        ),
        section(
            "indicators",
            "绩效指标",
            Rows,
            false,
            vec![
                field("category", "类别", Text, false),
                field("name", "指标名称", Text, false),
                field("target", "目标值", Measure, false),
                field("weight", "权重", Points, false),
                field("actual", "实际完成值", Measure, true),
                field("self_score", "自评分", Points, true),
            ],
        ),
        section(
            "checks",
            "核查",
            Record,
            true,
            vec![
                field("execution_rate", "预算执行率", Percent, true),
                field("audited", "已审计", Bool, true),
            ],
        ),
    ])
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data")
}

/// Loads a fixture by its path under `tests/fixtures/data`, which also names it in
/// diagnostics (so that snapshots do not depend on where the repository is).
pub(crate) fn load(name: &str) -> Result<Project, DataFailure> {
    let bytes = std::fs::read(fixtures().join(name)).unwrap();
    let format = Format::from_path(Path::new(name)).unwrap();
    load_bytes(name, &bytes, format, &schema())
}

fn load_ok(name: &str) -> Project {
    load(name).unwrap_or_else(|failure| panic!("{name} failed:\n{}", render(&failure)))
}

fn render(failure: &DataFailure) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .render_report(&mut out, failure)
        .unwrap();
    out
}

/// Each problem as `code@line:column` of its label.
fn problems(failure: &DataFailure) -> Vec<String> {
    failure
        .errors()
        .iter()
        .map(|e| {
            let code = e.code().trim_start_matches("perfeval::data::");
            format!("{code}@{}", failure.source().line_col(e.span().start))
        })
        .collect()
}

fn decimal(project: &Project, section: &str, key: &str) -> Decimal {
    match &project.record(section).unwrap().get(key).unwrap().value {
        Datum::Decimal(d) => *d,
        other => panic!("{section}.{key} is not a decimal: {other:?}"),
    }
}

fn exact(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// A project's values without spans, to compare loads from different formats.
fn values(project: &Project) -> BTreeMap<String, Vec<BTreeMap<String, Datum>>> {
    let record = |r: &perfeval::data::project::Record| {
        r.fields()
            .map(|(k, f)| (k.to_owned(), f.value.clone()))
            .collect()
    };
    project
        .sections
        .iter()
        .map(|(key, data)| {
            let rows = match data {
                SectionData::Record(r) => vec![record(r)],
                SectionData::Rows(rows) => rows.iter().map(record).collect(),
            };
            (key.clone(), rows)
        })
        .collect()
}

#[test]
fn the_same_form_loads_identically_from_toml_json_and_yaml() {
    let toml = values(&load_ok("ok/form.toml"));
    assert_eq!(values(&load_ok("ok/form.json")), toml);
    assert_eq!(values(&load_ok("ok/form.yaml")), toml);
    assert_eq!(toml["indicators"].len(), 3);
    assert_eq!(toml["subprojects"].len(), 2);
}

#[test]
fn numbers_keep_every_digit_and_their_scale() {
    for name in ["ok/form.toml", "ok/form.json", "ok/form.yaml"] {
        let project = load_ok(name);
        let paid = decimal(&project, "funds", "paid");
        assert_eq!(paid.to_string(), "1234567890.123456789", "{name}");
        let appropriated = decimal(&project, "budget", "appropriated");
        assert_eq!(
            (appropriated, appropriated.scale()),
            (exact("1679.70"), 2),
            "{name}"
        );
        let rows = project.rows("subprojects");
        assert_eq!(
            rows[0].get("budget").unwrap().value,
            Datum::Decimal(exact("121.56"))
        );
        let rate = decimal(&project, "checks", "execution_rate");
        assert_eq!(rate.to_string(), "1.00", "{name}");
    }
}

#[test]
fn numbers_are_read_from_every_spelling() {
    let project = load_ok("ok/exact.toml");
    let shown = |section, key| decimal(&project, section, key).to_string();
    assert_eq!(shown("budget", "initial"), "94.0");
    assert_eq!(shown("budget", "adjustment"), "-1000.50");
    assert_eq!(shown("budget", "appropriated"), "1000");
    assert_eq!(shown("funds", "appropriated"), "1679.7");
    assert_eq!(shown("funds", "paid"), "0.015");
    assert_eq!(shown("project", "year"), "2023");
    assert_eq!(shown("checks", "execution_rate"), "0.995");
    let row = &project.rows("indicators")[0];
    assert_eq!(row.get("actual").unwrap().value, Datum::Text("100".into()));
    assert_eq!(
        row.get("self_score").unwrap().value,
        Datum::Decimal(exact("7.50"))
    );
    let name = project.record("project").unwrap().get("name").unwrap();
    assert_eq!(name.value, Datum::Text("2023".into()));
}

#[test]
fn spans_point_at_values_and_headers() {
    let project = load_ok("ok/form.toml");
    let source = &project.source;
    let budget = project.record("budget").unwrap();
    assert_eq!(source.slice(budget.span), "[budget]");
    let initial = budget.get("initial").unwrap();
    assert_eq!(source.slice(initial.span), "1679.7");
    assert_eq!(source.line_col(initial.span.start).to_string(), "8:11");
    let row = &project.rows("indicators")[1];
    assert_eq!(source.slice(row.span), "[[indicators]]");
    let json = load_ok("ok/form.json");
    let budget = json.record("budget").unwrap();
    assert_eq!(json.source.slice(budget.span), "\"budget\"");
    assert_eq!(json.source.slice(json.rows("indicators")[0].span), "{");
    let yaml = load_ok("ok/form.yaml");
    let weight = yaml.rows("indicators")[1].get("weight").unwrap();
    assert_eq!(yaml.source.slice(weight.span), "9.16");
    assert_eq!(yaml.source.line_col(weight.span.start).to_string(), "32:13");
}

#[test]
fn absent_optional_sections() {
    let project = load_ok("ok/minimal.toml");
    assert!(
        matches!(project.sections.get("subprojects"), Some(SectionData::Rows(rows)) if rows.is_empty())
    );
    assert!(!project.sections.contains_key("checks"));
    assert!(
        project
            .record("project")
            .unwrap()
            .get("data_as_of")
            .is_none()
    );
}

#[test]
fn a_byte_order_mark_is_dropped_and_spans_count_from_after_it() {
    let project = load_ok("ok/bom.toml");
    assert!(project.source.text().starts_with("# Begins"));
    let name = project.record("project").unwrap().get("name").unwrap();
    assert_eq!(project.source.slice(name.span), "\"项目\"");
    assert_eq!(project.source.line_col(name.span.start).to_string(), "3:8");
    // The same through `load_str`.
    let text = std::fs::read_to_string(fixtures().join("ok/bom.toml")).unwrap();
    let again = load_str(SourceFile::new("bom", text), Format::Toml, &schema()).unwrap();
    assert_eq!(values(&again), values(&project));
}

#[test]
fn crlf_line_ends_load() {
    let project = load_ok("ok/crlf.toml");
    let paid = project.record("funds").unwrap().get("paid").unwrap();
    assert_eq!(project.source.line_col(paid.span.start).to_string(), "13:8");
    let target = project.rows("indicators")[0].get("target").unwrap();
    assert_eq!(target.value, Datum::Text("充分".into()));
}

#[test]
fn formats_come_from_extensions() {
    assert_eq!(Format::from_path(Path::new("a/b.TOML")), Some(Format::Toml));
    assert_eq!(Format::from_path(Path::new("b.json")), Some(Format::Json));
    assert_eq!(Format::from_path(Path::new("b.Yml")), Some(Format::Yaml));
    assert_eq!(Format::from_path(Path::new("b.yaml")), Some(Format::Yaml));
    assert_eq!(Format::from_path(Path::new("b.txt")), None);
    assert_eq!(Format::from_path(Path::new("toml")), None);
}

/// Every `err/` fixture, with each problem it must report as `code@line:column`.
const EXPECTED_ERRORS: &[(&str, &[&str])] = &[
    (
        "decimal_out_of_range.toml",
        &["decimal_out_of_range@7:11", "decimal_out_of_range@9:16"],
    ),
    ("duplicate_key.json", &["duplicate_key@2:44"]),
    ("duplicate_key.toml", &["duplicate_key@9:1"]),
    ("duplicate_key.yaml", &["duplicate_key@5:3"]),
    ("empty_file.toml", &["empty_file@1:1"]),
    ("invalid_date.toml", &["invalid_date@5:14"]),
    ("invalid_date_bare.toml", &["invalid_date@5:14"]),
    ("invalid_decimal.toml", &["invalid_decimal@7:11"]),
    ("invalid_json_comment.json", &["invalid_json@2:3"]),
    ("invalid_json_truncated.json", &["invalid_json@2:14"]),
    ("invalid_toml.toml", &["invalid_toml@17:12"]),
    ("invalid_yaml.yaml", &["invalid_yaml@4:13"]),
    (
        "many_problems.toml",
        &[
            "wrong_type@4:8",
            "unknown_key@8:1",
            "missing_field@11:1",
            "wrong_type@18:10",
            "not_a_number@19:14",
        ],
    ),
    (
        "missing_field.toml",
        &["missing_field@11:1", "missing_field@14:1"],
    ),
    (
        "missing_field.yaml",
        &["missing_field@11:3", "missing_field@13:5"],
    ),
    ("missing_section.toml", &["missing_section@1:1"]),
    ("nesting_too_deep.json", &["nesting_too_deep@1:140"]),
    (
        "not_a_number.toml",
        &["not_a_number@7:11", "not_a_number@8:14"],
    ),
    ("not_a_number.yaml", &["not_a_number@6:12"]),
    ("not_an_integer.toml", &["not_an_integer@4:8"]),
    ("not_utf8.toml", &["not_utf8@3:9"]),
    ("unknown_key.toml", &["unknown_key@9:1"]),
    ("unknown_key_label.toml", &["unknown_key@7:1"]),
    ("unknown_section.toml", &["unknown_section@11:2"]),
    ("unsupported_yaml.yaml", &["unsupported_yaml@6:8"]),
    ("wrong_type_record.toml", &["wrong_type@6:1"]),
    ("wrong_type_rows.json", &["wrong_type@5:17"]),
    ("wrong_type_rows.toml", &["wrong_type@15:1"]),
    ("wrong_type_section.toml", &["wrong_type@2:10"]),
    ("wrong_type_text.toml", &["wrong_type@7:11"]),
];

#[test]
fn error_fixtures_report_the_expected_problems() {
    let mut listed: Vec<&str> = EXPECTED_ERRORS.iter().map(|(name, _)| *name).collect();
    listed.sort_unstable();
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures().join("err"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort_unstable();
    assert_eq!(
        listed, on_disk,
        "EXPECTED_ERRORS and tests/fixtures/data/err differ"
    );
    let mut mismatches = Vec::new();
    for (name, expected) in EXPECTED_ERRORS {
        let failure = load(&format!("err/{name}")).expect_err(name);
        let found = problems(&failure);
        if found != *expected {
            mismatches.push(format!("{name}: expected {expected:?}, found {found:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn error_fixtures_render() {
    insta::glob!("../fixtures", "data/err/*", |path| {
        let name = format!("err/{}", path.file_name().unwrap().to_str().unwrap());
        let failure = load(&name).expect_err(&name);
        insta::assert_snapshot!(render(&failure));
    });
}

#[test]
fn helps_name_the_fix() {
    let helps = |name: &str| -> Vec<String> {
        let failure = load(name).unwrap_err();
        failure
            .errors()
            .iter()
            .filter_map(|e| miette::Diagnostic::help(e).map(|h| h.to_string()))
            .collect()
    };
    assert_eq!(
        helps("err/unknown_key.toml"),
        ["did you mean `appropriated`?"]
    );
    assert!(helps("err/wrong_type_rows.toml")[0].contains("`[[indicators]]`"));
    let failure = load("err/missing_field.toml").unwrap_err();
    let message = failure.errors()[0].to_string();
    assert_eq!(message, "missing field `paid` (实际支付数) in `[funds]`");
}

#[test]
fn gbk_bytes_are_refused_with_their_place() {
    let bytes = b"[project]\nname = \"\xcf\xee\xc4\xbf\"\n";
    let failure = load_bytes("gbk.toml", bytes, Format::Toml, &schema()).unwrap_err();
    assert_eq!(problems(&failure), ["not_utf8@2:9"]);
    assert!(failure.errors()[0].to_string().contains("line 2, column 9"));
}

#[test]
fn numbers_beyond_a_decimal_in_every_format() {
    let cases = [
        (Format::Json, r#"{"budget": {"initial": 1e40}}"#),
        (
            Format::Yaml,
            "budget:\n  initial: 99999999999999999999999999999999\n",
        ),
    ];
    for (format, text) in cases {
        let failure = load_str(SourceFile::new("t", text), format, &schema()).unwrap_err();
        let codes: Vec<_> = failure.errors().iter().map(|e| e.code()).collect();
        assert!(
            codes.contains(&"perfeval::data::decimal_out_of_range"),
            "{format:?}: {codes:?}"
        );
    }
}

#[test]
fn nan_and_infinity_in_json() {
    let text = r#"{"budget": {"initial": NaN, "adjustment": -Infinity, "appropriated": 1}}"#;
    let failure = load_str(SourceFile::new("t", text), Format::Json, &schema()).unwrap_err();
    let codes: Vec<_> = failure.errors().iter().map(|e| e.code()).collect();
    assert_eq!(
        codes
            .iter()
            .filter(|c| **c == "perfeval::data::not_a_number")
            .count(),
        2
    );
}

#[test]
fn outsized_files_are_refused_before_parsing() {
    // The library's bound is 1 GiB: asked about the size alone, not built (the command
    // line's lower limit is tested in tests/promises/reads.rs).
    let failure = perfeval::data::too_large("big.toml", perfeval::data::MAX_FILE_BYTES + 1);
    assert_eq!(problems(&failure.unwrap()), ["file_too_large@1:1"]);
    assert!(perfeval::data::too_large("big.toml", perfeval::data::MAX_FILE_BYTES).is_none());
}

#[test]
fn empty_files_in_every_format() {
    for (format, text) in [
        (Format::Toml, ""),
        (Format::Json, "  \n"),
        (Format::Yaml, "# nothing\n"),
    ] {
        let failure = load_str(SourceFile::new("t", text), format, &schema()).unwrap_err();
        assert_eq!(problems(&failure), ["empty_file@1:1"], "{format:?}");
        assert!(render(&failure).contains("the project file is empty"));
    }
}

#[test]
fn never_panics_on_truncations_of_valid_files() {
    for name in ["ok/form.toml", "ok/form.json", "ok/form.yaml"] {
        let text = std::fs::read_to_string(fixtures().join(name)).unwrap();
        let format = Format::from_path(Path::new(name)).unwrap();
        for (end, _) in text.char_indices() {
            let cut = text.get(..end).unwrap();
            let _ = load_str(SourceFile::new(name, cut), format, &schema());
        }
    }
}

#[test]
fn deep_nesting_is_an_error_in_every_format() {
    let deep = 100_000;
    let cases = [
        (
            Format::Toml,
            format!("a = {}{}", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            Format::Toml,
            format!("{}a{}", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            Format::Json,
            format!("{}{}", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            Format::Yaml,
            format!("a: {}{}", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            Format::Yaml,
            (0..2000)
                .map(|i| format!("{}- \n", " ".repeat(i)))
                .collect(),
        ),
    ];
    for (format, text) in cases {
        let result = load_str(SourceFile::new("deep", text), format, &schema());
        assert!(result.is_err(), "{format:?}");
    }
}

// Sub-sections: a section key `a.b` is the key `b` inside the record section `a`.

/// A form with sub-sections, declared in no particular order, and some that no file can
/// hold: under rows, under a field of the same name, under an undeclared section.
fn nested_schema() -> FormSchema {
    use FieldType::*;
    use Shape::*;
    let money = || {
        vec![
            field("initial", "年初预算数", Amount, false),
            field("full_year", "全年预算数", Amount, false),
            field("executed", "全年执行数", Amount, false),
        ]
    };
    let amount = || vec![field("amount", "金额", Amount, false)];
    let note = |optional| vec![field("note", "说明", Text, optional)];
    FormSchema::new(vec![
        section(
            "funds.appropriation.central",
            "其中：中央补助",
            Record,
            true,
            amount(),
        ),
        section("funds", "项目资金（万元）", Record, false, money()),
        section(
            "funds.appropriation",
            "其中：本年财政拨款",
            Record,
            true,
            money(),
        ),
        section("funds.total", "资金合计", Record, false, amount()),
        section(
            "funds.items",
            "资金明细",
            Rows,
            true,
            vec![
                field("name", "明细名称", Text, false),
                field("amount", "金额", Amount, false),
            ],
        ),
        section("funds.items.sub", "明细子项", Record, false, note(false)),
        section("funds.initial", "与字段同名", Record, false, note(false)),
        section("ghost.child", "无父节", Record, false, note(false)),
        section("extra", "附加", Record, true, note(true)),
        section("extra.detail", "附加明细", Record, false, note(false)),
        section("extra.rows", "附加行", Rows, true, note(false)),
    ])
}

fn load_nested(name: &str) -> Result<Project, DataFailure> {
    let path = format!("nested/{name}");
    let bytes = std::fs::read(fixtures().join(&path)).unwrap();
    let format = Format::from_path(Path::new(name)).unwrap();
    load_bytes(&path, &bytes, format, &nested_schema())
}

fn load_nested_ok(name: &str) -> Project {
    load_nested(name).unwrap_or_else(|failure| panic!("{name} failed:\n{}", render(&failure)))
}

#[test]
fn sub_sections_load_identically_from_headers_inline_tables_json_and_yaml() {
    let header = values(&load_nested_ok("ok/header.toml"));
    for name in ["ok/inline.toml", "ok/form.json", "ok/form.yaml"] {
        assert_eq!(values(&load_nested_ok(name)), header, "{name}");
    }
    let keys: Vec<&str> = header.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "extra.rows",
            "funds",
            "funds.appropriation",
            "funds.appropriation.central",
            "funds.items",
            "funds.total",
        ]
    );
    let project = load_nested_ok("ok/header.toml");
    let funds = project.record("funds").unwrap();
    let mut keys: Vec<&str> = funds.fields().map(|(k, _)| k).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["executed", "full_year", "initial"]);
    assert_eq!(decimal(&project, "funds", "executed"), exact("11.50"));
    assert_eq!(
        decimal(&project, "funds.appropriation", "executed"),
        exact("9.5")
    );
    assert_eq!(
        decimal(&project, "funds.appropriation.central", "amount"),
        exact("6")
    );
    assert_eq!(decimal(&project, "funds.total", "amount"), exact("12"));
    assert_eq!(project.rows("funds.items").len(), 2);
    assert!(project.rows("extra.rows").is_empty());
    assert!(!project.sections.contains_key("extra"));
    assert!(!project.sections.contains_key("extra.detail"));
}

#[test]
fn sub_sections_point_at_their_own_headers_and_values() {
    let slice = |name: &str, section: &str| {
        let project = load_nested_ok(name);
        let record = project.record(section).unwrap();
        let initial = record.get("initial").unwrap();
        let header = project.source.slice(record.span).to_owned();
        let value = project.source.slice(initial.span).to_owned();
        let at = project.source.line_col(initial.span.start).to_string();
        (header, value, at)
    };
    let (header, value, at) = slice("ok/header.toml", "funds.appropriation");
    assert_eq!(
        (header.as_str(), value.as_str()),
        ("[funds.appropriation]", "10")
    );
    assert_eq!(at, "8:11");
    let (header, _, _) = slice("ok/header.toml", "funds");
    assert_eq!(header, "[funds]");
    let (header, value, at) = slice("ok/inline.toml", "funds.appropriation");
    assert_eq!((header.as_str(), value.as_str()), ("appropriation", "10"));
    assert_eq!(at, "6:29");
    let (header, _, at) = slice("ok/form.json", "funds.appropriation");
    assert_eq!(
        (header.as_str(), at.as_str()),
        ("\"appropriation\"", "7:18")
    );
    let (header, _, at) = slice("ok/form.yaml", "funds.appropriation");
    assert_eq!((header.as_str(), at.as_str()), ("appropriation", "7:14"));
    let project = load_nested_ok("ok/header.toml");
    let row = &project.rows("funds.items")[1];
    assert_eq!(project.source.slice(row.span), "[[funds.items]]");
}

#[test]
fn absent_sub_sections() {
    // Optional sub-sections left out are absent (rows: empty); sub-sections that no file
    // can hold are never missing, though the form calls them required.
    let project = load_nested_ok("ok/minimal.toml");
    let keys: Vec<&str> = project.sections.keys().map(String::as_str).collect();
    assert_eq!(keys, ["extra.rows", "funds", "funds.items", "funds.total"]);
    // A parent written after its sub-section.
    let project = load_nested_ok("ok/extra.toml");
    let detail = project.record("extra.detail").unwrap();
    assert_eq!(project.source.slice(detail.span), "[extra.detail]");
    assert_eq!(
        project.record("extra").unwrap().get("note").unwrap().value,
        Datum::Text("附加".into())
    );
    assert!(project.rows("extra.rows").is_empty());
}

/// Every `nested/err/` fixture, with each problem it must report as `code@line:column`.
const NESTED_EXPECTED_ERRORS: &[(&str, &[&str])] = &[
    ("deep.toml", &["unknown_key@13:1", "unknown_key@14:1"]),
    ("deep_wrong_type.json", &["wrong_type@10:18"]),
    ("dotted_at_top.json", &["unknown_section@3:3"]),
    (
        "missing_child.json",
        &["missing_section@2:3", "missing_section@3:3"],
    ),
    ("missing_child.toml", &["missing_section@2:1"]),
    (
        "missing_field.yaml",
        &["missing_field@5:3", "missing_field@9:5"],
    ),
    ("misspelt_child.toml", &["unknown_key@7:8"]),
    ("unknown_key.toml", &["unknown_key@9:1", "unknown_key@11:1"]),
    (
        "unreachable.toml",
        &["unknown_key@11:1", "unknown_section@13:2"],
    ),
    (
        "wrong_type_child.toml",
        &["wrong_type@6:17", "wrong_type@7:9"],
    ),
    ("wrong_type_child.yaml", &["wrong_type@5:18"]),
];

#[test]
fn sub_section_error_fixtures_report_the_expected_problems() {
    let mut listed: Vec<&str> = NESTED_EXPECTED_ERRORS
        .iter()
        .map(|(name, _)| *name)
        .collect();
    listed.sort_unstable();
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures().join("nested/err"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    on_disk.sort_unstable();
    assert_eq!(
        listed, on_disk,
        "NESTED_EXPECTED_ERRORS and tests/fixtures/data/nested/err differ"
    );
    let mut mismatches = Vec::new();
    for (name, expected) in NESTED_EXPECTED_ERRORS {
        let failure = load_nested(&format!("err/{name}")).expect_err(name);
        let found = problems(&failure);
        if found != *expected {
            mismatches.push(format!("{name}: expected {expected:?}, found {found:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
}

#[test]
fn sub_section_error_fixtures_render() {
    insta::glob!("../fixtures", "data/nested/err/*", |path| {
        let name = format!("err/{}", path.file_name().unwrap().to_str().unwrap());
        let failure = load_nested(&name).expect_err(&name);
        insta::assert_snapshot!(render(&failure));
    });
}

#[test]
fn sub_section_messages_name_the_fix() {
    let messages = |name: &str| -> Vec<(String, Option<String>)> {
        let failure = load_nested(name).unwrap_err();
        failure
            .errors()
            .iter()
            .map(|e| {
                let help = miette::Diagnostic::help(e).map(|h| h.to_string());
                (e.to_string(), help)
            })
            .collect()
    };
    let misspelt = messages("err/misspelt_child.toml");
    assert_eq!(
        misspelt[0].0,
        "unknown sub-section `apropriation` in `[funds]`"
    );
    assert_eq!(
        misspelt[0].1.as_deref(),
        Some("did you mean `appropriation`?")
    );
    let missing = messages("err/missing_child.toml");
    assert_eq!(missing[0].0, "missing section `[funds.total]` (资金合计)");
    let missing = messages("err/missing_child.json");
    assert_eq!(
        missing[1].1.as_deref(),
        Some("add `\"detail\": { … }` inside `extra`, with its fields")
    );
    let unknown = messages("err/unknown_key.toml");
    assert_eq!(
        unknown[1].0,
        "unknown field `interest` in `[funds.appropriation]`"
    );
    let wrong = messages("err/wrong_type_child.toml");
    assert_eq!(
        wrong[0].0,
        "expected a table for section `funds.appropriation`, found the number `3`"
    );
}

#[test]
fn never_panics_on_truncations_of_files_with_sub_sections() {
    for name in [
        "ok/header.toml",
        "ok/inline.toml",
        "ok/form.json",
        "ok/form.yaml",
    ] {
        let text = std::fs::read_to_string(fixtures().join("nested").join(name)).unwrap();
        let format = Format::from_path(Path::new(name)).unwrap();
        for (end, _) in text.char_indices() {
            let cut = text.get(..end).unwrap();
            let _ = load_str(SourceFile::new(name, cut), format, &nested_schema());
        }
    }
}

#[test]
fn sub_sections_deeper_than_the_tree_stop_at_the_nesting_limit() {
    // A form nested 200 levels deep and a file that follows it: the readers refuse the
    // file at 128 levels, before the validator descends.
    let depth = 200;
    let sections = (1..=depth)
        .map(|level| {
            let key = vec!["s"; level].join(".");
            section(&key, "层", Shape::Record, true, vec![])
        })
        .collect();
    let schema = FormSchema::new(sections);
    let nested = |levels: usize| format!("{}{{}}{}", "{\"s\": ".repeat(levels), "}".repeat(levels));
    let text = nested(depth);
    let failure = load_str(SourceFile::new("deep", text), Format::Json, &schema).unwrap_err();
    assert_eq!(problems(&failure), ["nesting_too_deep@1:769"]);
    // Within the limit it loads, every level under its own key.
    let text = nested(100);
    let project = load_str(SourceFile::new("deep", text), Format::Json, &schema).unwrap();
    assert_eq!(project.sections.len(), 100);
}
