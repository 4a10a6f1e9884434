//! What the library's own tests share.

use crate::compile::Plan;
use crate::data::project::{Datum, Field, Project, SectionData};
use crate::data::{self, Format};
use crate::source::SourceFile;

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

/// The 2023 ruleset as shipped.
pub(crate) const RULES_2023: &str = include_str!("../rulesets/2023.rules");

/// The seed's form as the example fills it in.
pub(crate) const EGOV_FORM: &str = include_str!("../examples/suzhou-2023-egov.toml");

/// The plan of `rules`, and the project file `form` (TOML) loaded under it.
pub(crate) fn plan_and_project(rules: &str, form: &str) -> (Plan, Project) {
    let plan = crate::load_ruleset(&SourceFile::new("t.rules", rules)).unwrap();
    let project = data::load_str(SourceFile::new("f.toml", form), Format::Toml, &plan.form);
    (plan, project.unwrap())
}

/// Sets field `key` of indicator row `row` to `text`, which a form's file may not write
/// there (a text in a number field), at the span of the field it replaces, or else of
/// the row.
pub(crate) fn set_indicator_text(project: &mut Project, row: usize, key: &str, text: &str) {
    let Some(SectionData::Rows(rows)) = project.sections.get_mut("indicators") else {
        panic!("no indicator rows");
    };
    let record = &mut rows[row];
    let span = record.get(key).map_or(record.span, |f| f.span);
    let value = Datum::Text(text.to_owned());
    record.insert(key.to_owned(), Field { value, span });
}
