//! The entries of the shipped rulesets: `perfeval::rulesets::*`, the words naming them
//! in help, and `perfeval rulesets`' list.

use super::Msg;

catalogue! {
SECTION_RULESETS;

RULESETS_UNKNOWN {
    en: "no ruleset is named `{name}`: {reason}",
    zh: "没有名为 `{name}` 的规则集：{reason}",
}
/// `--rules 2024` where there is no file `2024` either.
RULESETS_UNKNOWN_NO_FILE {
    en: "there is no such file, and no shipped ruleset has that name",
    zh: "没有这个文件，也没有这个名称的内置规则集",
}
/// `perfeval rulesets show 2024`.
RULESETS_UNKNOWN_NOT_SHIPPED {
    en: "no shipped ruleset has that name",
    zh: "没有这个名称的内置规则集",
}
RULESETS_UNKNOWN_HELP {
    en: "{shipped}; a ruleset file is named by its path, ending in `.rules`",
    zh: "{shipped}；规则集文件须写出路径，文件名以 `.rules` 结尾",
}
/// `--rules 2024` beside a file `2024.rules`: `{file}` is that file.
RULESETS_UNKNOWN_FILE_HELP {
    en: "did you mean the file `{file}`? A ruleset file is named with its ending: `--rules {file}`",
    zh: "是否应为文件 `{file}`？使用规则集文件须写出文件名及 `.rules` 结尾：`--rules {file}`",
}
/// Every shipped ruleset, in help: `{list}` is `` `2023`, `2023.zh` ``.
RULESETS_SHIPPED {
    en: "perfeval ships {list} (`perfeval rulesets` lists them)",
    zh: "perfeval 内置的规则集有 {list}（`perfeval rulesets` 可列出全部）",
}

/// The list's headings.
RULESETS_HEADING_NAME { en: "name", zh: "名称" }
RULESETS_HEADING_VERSION { en: "version", zh: "版本" }
RULESETS_HEADING_FISCAL_YEAR { en: "fiscal year", zh: "年度" }
RULESETS_HEADING_TITLE { en: "title", zh: "标题" }
RULESETS_HEADING_EXTENDS { en: "extends", zh: "继承自" }
/// Under the list.
RULESETS_USE {
    en: "Use one with `--rules NAME`; print it with `perfeval rulesets show NAME`",
    zh: "用 `--rules 名称` 使用其中一个，用 `perfeval rulesets show 名称` 打印其全文",
}
}
