//! Overrides that add rather than replace (`add labels`), that say when they add what
//! looks like a typo, and `perfeval show` marking what each override changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use perfeval::link::{Linked, Loader};

use crate::common::render;

/// Files in memory, by path.
struct Files(HashMap<PathBuf, String>);

impl Loader for Files {
    fn read(&mut self, path: &Path) -> std::io::Result<String> {
        self.0
            .get(path)
            .cloned()
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
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
