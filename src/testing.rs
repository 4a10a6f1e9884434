//! What the library's own tests share.

/// Every TOML project file of the evaluation fixtures and the examples, by path, with its
/// text: the forms that tests of evaluation's shortcuts run every ruleset over.
pub(crate) fn fixture_forms() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut forms = Vec::new();
    for dir in [
        "tests/fixtures/eval/suzhou-2023",
        "tests/fixtures/eval/mof-2020",
        "tests/fixtures/eval/policy-changes",
        "tests/fixtures/eval/refused",
        "examples",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).unwrap();
                forms.push((path.display().to_string(), text));
            }
        }
    }
    forms
}
