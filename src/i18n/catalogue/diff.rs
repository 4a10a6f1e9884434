//! The entries of `perfeval diff`: `perfeval::diff::*` and its notes. The report itself
//! is in the 自评表's words in both languages, as `check`'s is.

use super::Msg;

catalogue! {
SECTION_DIFF;

DIFF_TWO_RULESETS {
    en: "`diff` compares two rulesets, and `--rules` was named {count} times",
    zh: "`diff` 比较两个规则集，但 `--rules` 给了 {count} 次",
}
DIFF_TWO_RULESETS_HELP {
    en: "name the old ruleset and then the new one: `perfeval diff --rules rulesets/2023.rules --rules rulesets/2024.rules FORMS…`",
    zh: "请先写旧规则集，再写新规则集：`perfeval diff --rules rulesets/2023.rules --rules rulesets/2024.rules 表单…`",
}
/// Before the diagnostic of a form that one ruleset could not evaluate.
DIFF_UNDER_OLD { en: "note: under the old ruleset `{file}`:", zh: "注：按旧规则集 `{file}`：" }
DIFF_UNDER_NEW { en: "note: under the new ruleset `{file}`:", zh: "注：按新规则集 `{file}`：" }
}
