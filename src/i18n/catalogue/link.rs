//! The entries of the link stage: `perfeval::link::*`.

use super::Msg;

catalogue! {
SECTION_LINK;

/// An override's doc comment after the base item's, in a citation of the item:
/// `{at}` is the override's `file:line`, `{line}` its doc comment's first line.
LINK_DOC_AMENDED {
    en: "[changed at {at}] {line}",
    zh: "〔{at} 修改〕{line}",
}

LINK_MISSING_BASE {
    en: "cannot read the base ruleset `{path}`: {reason}",
    zh: "无法读取基础规则集 `{path}`：{reason}",
}
LINK_MISSING_BASE_HELP {
    en: "the path is relative to the file that names it",
    zh: "路径相对于写明它的那个文件",
}
LINK_MISSING_BASE_LABEL { en: "named here", zh: "在此指定" }
LINK_MISSING_BASE_TEXT {
    en: "a ruleset given as text cannot extend a file",
    zh: "以文本形式给出的规则集不能继承文件",
}
/// A shipped ruleset whose `extends` names no shipped ruleset.
LINK_MISSING_BASE_SHIPPED {
    en: "a shipped ruleset extends only shipped rulesets",
    zh: "内置规则集只能继承内置规则集",
}
LINK_BASE_NOT_RULES {
    en: "the base ruleset `{path}` is not a `.rules` file",
    zh: "基础规则集 `{path}` 不是 `.rules` 文件",
}
LINK_BASE_NOT_RULES_LINK {
    en: "the base ruleset `{path}` is not a `.rules` file: it is `{real}`",
    zh: "基础规则集 `{path}` 不是 `.rules` 文件：它指向 `{real}`",
}
LINK_BASE_NOT_RULES_HELP {
    en: "`extends` names a ruleset file, whose name ends in `.rules`; nothing else is read",
    zh: "`extends` 须指定以 `.rules` 结尾的规则集文件；其他文件一律不读取",
}
LINK_BASE_NOT_RULES_LABEL { en: "not a ruleset file", zh: "不是规则集文件" }
LINK_CYCLE {
    en: "the rulesets extend each other in a cycle: {chain}",
    zh: "规则集之间循环继承：{chain}",
}
LINK_CYCLE_HELP {
    en: "a ruleset extends an earlier year's, never a later one",
    zh: "规则集只应继承往年的规则集，不能继承以后年度的",
}
LINK_CYCLE_LABEL { en: "closes the cycle", zh: "在此形成循环" }
LINK_TOO_LONG {
    en: "the chain of rulesets extending one another is longer than {limit} files: {chain}",
    zh: "规则集的继承链超过 {limit} 个文件：{chain}",
}
LINK_TOO_LONG_HELP {
    en: "extend the newest ruleset the policy changes, not a chain of every year's; or write the changes into fewer files",
    zh: "请继承最近一年的规则集即可，不必逐年串联；或把改动合并到较少的文件中",
}
LINK_TOO_LONG_LABEL { en: "one file too many", zh: "超出上限" }
LINK_NO_BASE {
    en: "`{what}` changes a base ruleset, but this ruleset extends none",
    zh: "`{what}` 用于修改基础规则集，但本规则集没有继承任何规则集",
}
LINK_NO_BASE_HELP {
    en: "add `extends \"BASE.rules\"` to the `ruleset` header, or define the item in full",
    zh: "请在 `ruleset` 头部加上 `extends \"BASE.rules\"`，或完整定义该项",
}
LINK_NO_BASE_LABEL { en: "needs a base", zh: "需要基础规则集" }
LINK_NOT_IN_BASE {
    en: "the base ruleset has no {what} `{name}`",
    zh: "基础规则集中没有{what} `{name}`",
}
LINK_NOT_IN_BASE_LABEL { en: "not in the base", zh: "基础规则集中没有" }
LINK_NOT_IN_BASE_ADD {
    en: "to add a new {what}, write it without `override`",
    zh: "要新增{what}，请去掉 `override`",
}
LINK_POINTS_RUN_ON {
    en: "`{name}` runs the points into the name: write `{base} {points} {unit}`, the name and its points spaced",
    zh: "`{name}` 把分值连在了名称上：应写作 `{base} {points} {unit}`，名称与分值之间要有空格",
}
LINK_ALREADY_DEFINED {
    en: "the base ruleset already has {what} `{name}`",
    zh: "基础规则集中已有{what} `{name}`",
}
LINK_ALREADY_DEFINED_HELP {
    en: "write `override …` to change it, or `remove …` first to replace it",
    zh: "要修改它，请写 `override …`；要替换它，请先写 `remove …`",
}
LINK_ALREADY_DEFINED_LABEL_BASE { en: "defined in the base here", zh: "基础规则集在此定义" }
LINK_AMBIGUOUS {
    en: "more than one {what} is named `{name}`",
    zh: "名为 `{name}` 的{what}不止一个",
}
LINK_AMBIGUOUS_HELP {
    en: "change the catalog with `override pool … {{ split fixed {{ … }} }}` instead",
    zh: "请改用 `override pool … {{ split fixed {{ … }} }}` 修改指标目录",
}
LINK_AMBIGUOUS_LABEL { en: "ambiguous", zh: "有歧义" }
LINK_CANNOT_RENAME { en: "a {what} cannot be renamed", zh: "{what}不能改名" }
LINK_CANNOT_RENAME_HELP {
    en: "categories, pools, classes, catalog indicators, checks and constants can be renamed; remove this item and define a new one",
    zh: "只有类别、分值池、评分规则、目录指标、核对和常量可以改名；请删除此项后重新定义",
}
LINK_CANNOT_RENAME_LABEL { en: "cannot be renamed", zh: "不能改名" }
LINK_REMOVE_OUTSIDE_OVERRIDE {
    en: "`remove` inside a new item removes nothing",
    zh: "新定义的项中的 `remove` 不会删除任何内容",
}
LINK_REMOVE_OUTSIDE_OVERRIDE_HELP {
    en: "`remove` entries belong in `override …` items, which change the base ruleset",
    zh: "`remove` 应写在修改基础规则集的 `override …` 项中",
}
LINK_REMOVE_OUTSIDE_OVERRIDE_LABEL { en: "not in an override", zh: "不在 `override` 项中" }

/// `perfeval::link::added_near_name`, a warning: an override adds an entry whose name
/// is one slip from the base's.
LINK_ADDED_NEAR_NAME {
    en: "the override adds a {what} `{name}`, which the base does not have",
    zh: "`override` 新增了基础规则集中没有的{what} `{name}`",
}
LINK_ADDED_NEAR_NAME_LABEL { en: "a new {what}", zh: "新增的{what}" }
LINK_ADDED_NEAR_NAME_HELP {
    en: "did you mean `{near}`? An override changes the base's entry of the same name; any other name adds one",
    zh: "是否应为 `{near}`？`override` 只修改基础规则集中同名的条目，名称不同则会新增一条",
}

/// What a change to a base names: `the base ruleset has no a header `ruleset``.
LINK_WHAT_HEADER { en: "a header", zh: "头部" }
LINK_WHAT_FORM { en: "a form", zh: "表单" }
LINK_WHAT_BLOCK { en: "block", zh: "设置块" }
}
