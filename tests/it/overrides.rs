//! Overrides that add rather than replace (`add labels`), that say when they add what
//! looks like a typo, and `perfeval show` marking what each override changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use perfeval::link::{Linked, LoadError, Loader};

use crate::common::render;

/// Files in memory, by path.
struct Files(HashMap<PathBuf, String>);

impl Loader for Files {
    fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound).into())
    }
}

/// `main.rules` extending the shipped 2023 ruleset with `items`, linked.
fn link(items: &str) -> Linked {
    let text = format!("ruleset \"2024\" extends \"2023.rules\" {{ version \"2024.1\" }}\n{items}");
    let mut files = Files(HashMap::from([(PathBuf::from("main.rules"), text)]));
    perfeval::link::link(Path::new("main.rules"), &mut files)
        .unwrap_or_else(|e| panic!("{}", render(&e)))
}

fn checked(items: &str) -> Result<perfeval::compile::Plan, String> {
    let linked = link(items);
    perfeval::check(&linked.ruleset, linked.sources.clone())
        .map(perfeval::compile)
        .map_err(|e| render(&e))
}

#[test]
fn added_labels_keep_the_base_labels() {
    let plan = checked("override category 效益 { add labels \"成效指标\", \"成效\" }").unwrap();
    let id = plan.category_of_label("效益").unwrap();
    for label in ["效益目标", "效果指标", "成效指标", "成效"] {
        assert_eq!(plan.category_of_label(label), Some(id), "{label}");
    }
    // In Chinese, and after a list that replaces the base's.
    let zh = checked("修改 类别 效益 { 别名 \"效果\" 增加 别名 \"成效\" }").unwrap();
    assert_eq!(zh.category_of_label("成效"), zh.category_of_label("效益"));
    assert_eq!(zh.category_of_label("效果"), zh.category_of_label("效益"));
    assert_eq!(zh.category_of_label("效益目标"), None);
}

#[test]
fn replaced_labels_are_gone() {
    let plan = checked("override category 效益 { labels \"成效指标\" }").unwrap();
    assert_eq!(plan.category_of_label("效益目标"), None);
    assert!(plan.category_of_label("成效指标").is_some());
}

#[test]
fn an_added_label_the_category_has_is_a_duplicate() {
    let error = checked("override category 效益 { add labels \"效益目标\" }").unwrap_err();
    assert!(error.contains("perfeval::check::duplicate"), "{error}");
}

#[test]
fn added_labels_print_in_both_languages() {
    let text = "ruleset \"x\" {}\ncategory 效益 { labels \"效益目标\" add labels \"成效\" scored_by 结果类 }\n";
    let ruleset = perfeval::parse(&perfeval::source::SourceFile::new("r.rules", text)).unwrap();
    let print = |language| {
        let style = perfeval::syntax::print::Style::all_in(language);
        perfeval::syntax::print::print_with(&ruleset, &|_| None, style)
    };
    let en = print(perfeval::syntax::keywords::Keywords::En);
    assert!(
        en.contains("  labels \"效益目标\"\n  add labels \"成效\"\n"),
        "{en}"
    );
    let zh = print(perfeval::syntax::keywords::Keywords::Zh);
    assert!(
        zh.contains("  别名 \"效益目标\"\n  增加 别名 \"成效\"\n"),
        "{zh}"
    );
    let again =
        perfeval::parse(&perfeval::source::SourceFile::new("r.rules", zh.as_str())).unwrap();
    let style = perfeval::syntax::print::Style::all_in(perfeval::syntax::keywords::Keywords::En);
    assert_eq!(
        perfeval::syntax::print::print_with(&again, &|_| None, style),
        en
    );
}

#[test]
fn an_added_indicator_one_slip_from_the_base_s_is_a_warning() {
    let linked =
        link("override pool 共性指标 { split fixed { 过程 { 预算执行率 7 预算执行律 1 } } }");
    let codes: Vec<_> = linked.warnings.iter().map(|w| w.code()).collect();
    assert_eq!(codes, ["perfeval::link::added_near_name"]);
    let failure =
        perfeval::diagnostic::Failure::new(linked.sources.clone(), linked.warnings[0].clone());
    let text = render(&failure);
    assert!(
        text.contains(
            "the override adds a catalog indicator `预算执行律`, which the base does not have"
        ),
        "{text}"
    );
    assert!(text.contains("did you mean `预算执行率`?"), "{text}");
    // The ruleset links and checks as written: the warning stops nothing.
    perfeval::check(&linked.ruleset, linked.sources.clone()).unwrap();
}

#[test]
fn a_new_indicator_and_a_changed_one_are_no_warning() {
    let linked =
        link("override pool 共性指标 { split fixed { 过程 { 预算执行率 7 绩效监控有效性 1 } } }");
    assert!(linked.warnings.is_empty(), "{:?}", linked.warnings);
}

#[test]
fn the_cli_prints_the_warning_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("main.rules");
    std::fs::write(
        &path,
        "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\noverride pool 共性指标 { split fixed { 过程 { 预算执行率 7 预算执行律 1 } } }\n",
    )
    .unwrap();
    let path = path.to_str().unwrap();
    for command in ["show", "template"] {
        let mut args = vec![command, "--rules", path];
        let out = dir.path().join("form.xlsx");
        if command == "template" {
            args.extend(["-o", out.to_str().unwrap()]);
        }
        let (_, stderr, code) = crate::common::run(&args);
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(
            stderr.contains("perfeval::link::added_near_name"),
            "{command}: {stderr}"
        );
        assert!(
            stderr.contains("did you mean `预算执行率`?"),
            "{command}: {stderr}"
        );
    }
}

/// `perfeval show` of main.rules (extending the shipped 2023) with `items`.
fn show(items: &str) -> String {
    let linked = link(items);
    perfeval::check(&linked.ruleset, linked.sources.clone())
        .unwrap_or_else(|e| panic!("{}", render(&e)));
    let origin = |span| linked.sources.origin(span);
    perfeval::syntax::print::print(&linked.ruleset, &origin)
}

/// The line of `text` that starts (after its indentation) with `start`; with `after`,
/// the first such line after the line that starts with `after`.
fn line<'t>(text: &'t str, start: &str) -> &'t str {
    let (after, start) = start.split_once(" … ").unwrap_or(("", start));
    text.lines()
        .skip_while(|l| !l.trim_start().starts_with(after))
        .find(|l| l.trim_start().starts_with(start))
        .unwrap_or_else(|| panic!("no line `{start}` in\n{text}"))
}

#[test]
fn show_marks_each_value_in_the_file_that_wrote_it() {
    let text = show(
        "override pool 个性指标 50 分 {}\n\
         pool 其他 5 分 { categories 投入 split evenly share 0.01 truncate }\n\
         override category 效益 { add labels \"成效\" }\n\
         override category 投入 { scored_by 结果类 }\n\
         override pool 个性指标 { categories 产出, 效益, 满意度 split evenly share 0.1 truncate }\n\
         override check weight-mismatch warning\n\
         override comparators { >= before \"达到\" }\n\
         override form { section budget \"市级预算执行情况（万元）\" { note: optional text \"备注\" } }\n\
         override completion { <= < : 100% }\n",
    );
    let from = |n: usize| format!("// from main.rules:{n}");
    let marked = |start: &str, n: usize| {
        let l = line(&text, start);
        assert!(
            l.ends_with(&from(n)),
            "`{start}` should be marked {}: {l}",
            from(n)
        );
    };
    marked("pool 个性指标 50 分 {", 2);
    marked("labels \"效益目标\"", 4);
    marked("category 投入 { … scored_by 结果类", 5);
    marked("categories 产出, 效益, 满意度", 6);
    marked("split evenly share 0.1 truncate", 6);
    marked("check weight-mismatch warning", 7);
    marked(">= before \"达到\"", 8);
    marked("section budget", 9);
    marked("note: optional text", 9);
    marked("<= < : 100%", 10);
    marked("ruleset \"2024\" {", 1);
    // What the override left is not marked, nor the base's other entries.
    for start in [
        "pool 共性指标 25 分 {",
        "residual to matching else first",
        "initial: amount",
        "= >= > :",
    ] {
        assert!(
            !line(&text, start).contains("// from"),
            "{start}: {}",
            line(&text, start)
        );
    }
}

/// What a ruleset's check reports for `items` over the shipped 2023: its rendering.
fn refused(items: &str) -> String {
    match checked(items) {
        Ok(_) => panic!("accepted: {items}"),
        Err(shown) => shown,
    }
}

#[test]
fn words_a_form_cannot_tell_apart_are_duplicates() {
    // A row's 类别 `ＡＢ` would be read as whichever category came first.
    let shown = refused(
        "override category 产出 { add labels \"AB\" }\noverride category 效益 { add labels \"ＡＢ\" }",
    );
    assert!(shown.contains("perfeval::check::duplicate"), "{shown}");
    assert!(shown.contains("`ＡＢ` is `AB` to a form"), "{shown}");
    // A zero-width joiner, a space: invisible to a form.
    let shown = refused("override category 效益 { add labels \"产\u{200d}出\" }");
    assert!(
        shown.contains("`产\\u{200d}出` is `产出` to a form"),
        "{shown}"
    );
    let shown = refused("override grades { 较好 80% also \"好 \" }");
    assert!(shown.contains("`好 ` is `好` to a form"), "{shown}");
    let shown = refused(
        "override pool 共性指标 { split fixed { 过程 { 预算执行率 8 \"预算 执行率\" 0 } } }",
    );
    assert!(shown.contains("is `过程/预算执行率` to a form"), "{shown}");
    // Words that stay different once folded are two words.
    checked("override category 效益 { add labels \"AB\", \"ＡＢＣ\" }").unwrap();
}

#[test]
fn an_override_naming_an_entry_twice_is_a_duplicate_not_the_last_one_winning() {
    // Both weights sum to the pool's 25 with either value: only the duplicate is wrong.
    let shown =
        refused("override pool 共性指标 { split fixed { 过程 { 预算执行率 8 预算执行率 8 } } }");
    assert!(shown.contains("perfeval::check::duplicate"), "{shown}");
    assert!(shown.contains("预算执行率"), "{shown}");
    let shown = refused("override grades { 较好 80% 较好 70% }");
    assert!(shown.contains("perfeval::check::duplicate"), "{shown}");
    let shown = refused("override class 产出类 { below deduct 3% per 1% below deduct 4% per 1% }");
    assert!(shown.contains("perfeval::check::duplicate"), "{shown}");
    // Once each is an override as before.
    checked("override pool 共性指标 { split fixed { 过程 { 预算执行率 8 } } }").unwrap();
}

#[test]
fn a_slip_in_chinese_gets_a_did_you_mean() {
    // A catalogue indicator removed by a misspelt name.
    let linked = perfeval::link::link(
        Path::new("main.rules"),
        &mut Files(HashMap::from([(
            PathBuf::from("main.rules"),
            "ruleset \"x\" extends \"2023.rules\" { version \"x\" }\nremove indicator 资金到味率\n"
                .to_owned(),
        )])),
    );
    let shown = render(&linked.unwrap_err());
    assert!(shown.contains("did you mean `资金到位率`"), "{shown}");
    // A function and a field by their Chinese names.
    let shown = refused("check c warning for indicators { 求合(indicators.score) > 0 分 }");
    assert!(shown.contains("did you mean `求和`"), "{shown}");
    let shown = refused("check c warning for indicators { 自评份 > 0 分 }");
    assert!(shown.contains("did you mean `自评分`"), "{shown}");
}

/// `override check CODE SEVERITY { message "…" }`: a new message, the base's assertion
/// kept (the year's most common change of a check); `perfeval fmt` keeps the message.
#[test]
fn an_override_may_give_a_check_a_message_alone() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("2024.rules");
    std::fs::write(
        &rules,
        "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\n\
         override check score-mismatch warning { message \"「{name}」自评分 {self_score} 与计算得分 {score} 不一致\" }\n",
    )
    .unwrap();
    let form = crate::common::root().join("examples/suzhou-2023-with-findings.toml");
    let rules = rules.to_str().unwrap();
    let (stdout, stderr, code) = crate::common::run(&[
        "check",
        "--rules",
        rules,
        form.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = report["projects"][0]["findings"].as_array().unwrap();
    let mismatch: Vec<_> = findings
        .iter()
        .filter(|f| f["code"] == "score-mismatch")
        .collect();
    assert_eq!(mismatch.len(), 1, "{findings:?}");
    assert_eq!(mismatch[0]["severity"], "warning");
    assert_eq!(
        mismatch[0]["message"],
        "「服务政府部门覆盖率」自评分 9.16 与计算得分 6.62 不一致"
    );
    let (_, stderr, code) = crate::common::run(&["fmt", "--check", rules]);
    assert_eq!(code, 1, "{stderr}");
    let (_, stderr, code) = crate::common::run(&["fmt", rules]);
    assert_eq!(code, 0, "{stderr}");
    let formatted = std::fs::read_to_string(rules).unwrap();
    assert!(
        formatted.contains(
            "override check score-mismatch warning {\n  message \"「{name}」自评分 {self_score} 与计算得分 {score} 不一致\"\n}"
        ),
        "{formatted}"
    );
    // A check of its own still needs what must hold.
    std::fs::write(
        rules,
        "ruleset \"2024\" extends \"2023.rules\" { version \"2024.1\" }\n\
         check mine error { message \"没有断言\" }\n",
    )
    .unwrap();
    let (_, stderr, code) = crate::common::run(&["show", "--rules", rules]);
    assert_eq!(code, 2);
    assert!(stderr.contains("perfeval::check::missing_item"), "{stderr}");
}
