//! Syntax errors: each fixture under `tests/fixtures/parse/err` fails to parse with the
//! code its name starts with (`syntax-…` is `perfeval::parse::syntax`), and its rendered
//! diagnostic is snapshotted.

use std::path::Path;

use perfeval::source::SourceFile;

use crate::common::{relative, render};

fn expected_code(path: &Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy();
    let kind = stem.split('-').next().unwrap();
    format!("perfeval::parse::{kind}")
}

#[test]
fn syntax_errors() {
    insta::glob!("../fixtures", "parse/err/*.rules", |path| {
        let name = relative(path);
        let source = SourceFile::new(name.clone(), std::fs::read_to_string(path).unwrap());
        let failure = perfeval::parse(&source).expect_err(&name);
        let codes: Vec<_> = failure.errors().iter().map(|e| e.code()).collect();
        assert_eq!(codes, [expected_code(path)], "{name}");
        insta::assert_snapshot!(render(&failure));
    });
}

#[test]
fn chinese_quotes_and_comments_anywhere() {
    let text = "// 注释\nruleset “规则” { // 行尾注释\n version \"1\" }\n";
    let ruleset = perfeval::parse(&SourceFile::new("t.rules", text)).unwrap();
    assert_eq!(ruleset.items.len(), 1);
}

/// A carriage return ends a line only before a line feed: alone, it ended a `//` comment
/// that a viewer breaking lines at line feeds shows going on, so a rule that read as
/// commented out scored forms.
#[test]
fn a_carriage_return_alone_is_refused() {
    let parse = |text: &str| perfeval::parse(&SourceFile::new("t.rules", text));
    let hidden = "// 已停用\rcheck hidden error { project.year == 1999 }\n";
    let failure = parse(hidden).expect_err("a lone carriage return");
    let codes: Vec<_> = failure.errors().iter().map(|e| e.code()).collect();
    assert_eq!(codes, ["perfeval::parse::control_character"]);
    let ruleset = parse("// 说明\r\ncheck shown error { project.year == 1999 }\r\n").unwrap();
    assert_eq!(ruleset.items.len(), 1);
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let text = "\u{feff}rounding 0.01 truncate\n";
    let ruleset = perfeval::parse(&SourceFile::new("t.rules", text)).unwrap();
    assert_eq!(ruleset.items.len(), 1);
}

#[test]
fn doc_comments_stay_with_their_items() {
    let text = "/// 填表说明 7\n/// 第二行\nrounding 0.01 truncate\n";
    let ruleset = perfeval::parse(&SourceFile::new("t.rules", text)).unwrap();
    assert_eq!(ruleset.items[0].doc.lines, ["填表说明 7", "第二行"]);
}
