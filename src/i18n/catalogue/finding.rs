//! The messages of findings the engine writes: each engine finding (`FINDING_<CODE>`),
//! and the messages of ruleset rules that give none of their own.
//!
//! Chinese messages quote the form's words in 「」, as the 自评表 does; English ones
//! put them in backticks.

use super::Msg;

catalogue! {
SECTION_FINDING;

FINDING_UNKNOWN_CATEGORY {
    en: "the category `{label}` is none the ruleset knows{hint}; the categories are {known}",
    zh: "类别「{label}」不是本规则集认识的类别{hint}；已知类别：{known}",
}
/// A suggestion after a name: `（是否为「决策」？）`.
FINDING_HINT { en: " (did you mean `{name}`?)", zh: "（是否为「{name}」？）" }
FINDING_UNKNOWN_CLASS {
    en: "the class `{word}` of `{name}` is none of the ruleset's{hint}; it is scored by `{class}`, the class of the category `{category}`",
    zh: "「{name}」的评分规则「{word}」不是本规则集的评分规则{hint}；按「{category}」类的评分规则「{class}」计分",
}
FINDING_UNKNOWN_INDICATOR {
    en: "`{name}` is not a catalog indicator of the category `{category}`{hint}",
    zh: "「{name}」不是「{category}」类的共性指标{hint}",
}
FINDING_MISSING_INDICATOR {
    en: "the form lacks the catalog indicator `{name}` of the category `{category}`",
    zh: "表中缺少「{category}」类共性指标「{name}」",
}
FINDING_DUPLICATE_INDICATOR {
    en: "the catalog indicator `{name}` appears more than once; only its first row counts, and this row scores nothing",
    zh: "共性指标「{name}」在表中重复出现；只计第一次出现的一行，本行不计分",
}
FINDING_IMPOSSIBLE_WEIGHT {
    en: "by the ruleset, the weight of `{name}` is {weight}; a weight cannot be negative, so it counts as 0",
    zh: "按本规则「{name}」的权重为 {weight}，权重不能为负，按 0 计",
}
FINDING_UNIT_MISMATCH {
    en: "the unit `{actual}` of the actual value of `{name}` is not the unit `{target}` of its target",
    zh: "「{name}」的实际完成值单位「{actual}」与目标值单位「{target}」不一致",
}
FINDING_NOT_A_NUMBER {
    en: "the target of `{name}` is quantitative, but its actual value `{actual}` has no number",
    zh: "「{name}」的目标值是定量的，实际完成值「{actual}」却没有数值",
}
FINDING_NUMBER_TOO_LONG {
    en: "the {label} of `{name}`, `{text}`, holds a number of more than {digits} significant digits, more than is computed with exactly; it counts as no number",
    zh: "「{name}」的{label}「{text}」中的数超过 {digits} 位有效数字，无法精确计算，按没有数值计",
}
FINDING_UNKNOWN_GRADE {
    en: "`{word}` in `{label}` of `{name}` is not a known grade ({grades})",
    zh: "「{name}」的{label}「{word}」不是已知的等级（{grades}）",
}
FINDING_MISSING_VALUE {
    en: "`{name}` has no actual value and no explanation",
    zh: "「{name}」没有实际完成值，也没有说明",
}
FINDING_MISSING_VALUE_DISCARDED {
    en: "the actual value of `{name}` is not accepted under the ruleset's discard rule, and counts as missing with no explanation",
    zh: "「{name}」的实际完成值按规则不予采信，按没有实际完成值、也没有说明计",
}
FINDING_NEEDS_REVIEW {
    en: "`{name}` has no actual value; the explanation says `{why}`: a person should review it",
    zh: "「{name}」没有实际完成值，说明为「{why}」，需人工复核",
}
FINDING_SCORE_OUT_OF_RANGE {
    en: "`{name}` is graded `{grade}`, which scores {range}, but its self score is {score}",
    zh: "「{name}」评为「{grade}」，得分应在 {range} 之间，所填自评分为 {score}",
}
FINDING_UNPLACED_CELL {
    en: "cell {address} `{text}` fits no field of the form ({reason})",
    zh: "单元格 {address}「{text}」无法归入表上的任何栏目（{reason}）",
}
FINDING_UNPLACED_HIDDEN_CELL {
    en: "cell {address} `{text}` fits no field of the form ({reason}); the workbook hides its row or column",
    zh: "单元格 {address}「{text}」无法归入表上的任何栏目（{reason}）；它所在的行或列在工作簿中已隐藏",
}
FINDING_MORE_UNPLACED_CELLS {
    en: "{count} more cells, the first of them {address}, fit no field of the form; they are not listed one by one",
    zh: "另有 {count} 个单元格（第一个是 {address}）无法归入表上的任何栏目，不再逐一列出",
}
FINDING_UNREAD_COLUMN {
    en: "the column under cell {address} `{text}` is no column of the form: what is written in it is not read",
    zh: "单元格 {address}「{text}」所在的列不是表单的栏目，该列填写的内容没有读取",
}
FINDING_UNREAD_HIDDEN_COLUMN {
    en: "the column under cell {address} `{text}` is hidden in the workbook, and a column shown has the same label: the shown one is read, and what is written in the hidden one is not",
    zh: "单元格 {address}「{text}」所在的列在工作簿中已隐藏，且有一列显示的栏目名称与它相同：读取的是显示的那一列，隐藏列中填写的内容没有读取",
}
FINDING_TOTAL_ROW_MISMATCH {
    en: "cell {address}: the {word} row's `{label}` is written as {text}, its rows add up to {sum}",
    zh: "单元格 {address}：「{word}」行的「{label}」填为 {text}，各行之和为 {sum}",
}
FINDING_UNCALCULATED_FORMULA {
    en: "cell {address} is {formula}, and the file holds no result of it: `{label}` is read as not given and compared with nothing (open and save the workbook in Excel or WPS to store the results)",
    zh: "单元格 {address} 是{formula}，文件里没有保存它的计算结果：「{label}」按未填写读取，未与计算结果核对（用 Excel 或 WPS 打开并保存工作簿即可写入计算结果）",
}
FINDING_HIDDEN_ROW {
    en: "row {row} ({address}) is hidden in the workbook, shown neither on screen nor in print, and was read like the others: `{text}`",
    zh: "第 {row} 行（{address}）在工作簿中已隐藏，屏幕上和打印稿上都看不到，但已照常读取：「{text}」",
}
FINDING_HIDDEN_COLUMN {
    en: "column {column} ({address}) is hidden in the workbook, shown neither on screen nor in print, and was read like the others ({values} read): `{text}`",
    zh: "{column} 列（{address}）在工作簿中已隐藏，屏幕上和打印稿上都看不到，但其中 {values} 个值已照常读取：「{text}」",
}
FINDING_MISSING_SELF_SCORE {
    en: "`{name}` is graded `{grade}`, which scores {range}; the form gives no self score, so it counts as {least}",
    zh: "「{name}」评为「{grade}」，得分可在 {range} 之间，表中未填自评分，按 {least} 计",
}
/// A grade's range of scores, in the two messages above; an end that is not in it is
/// marked.
FINDING_RANGE {
    en: "from {lo}{lo_open} to {hi}{hi_open}",
    zh: "{lo}{lo_open} 至 {hi}{hi_open}",
}
FINDING_RANGE_OPEN { en: " (exclusive)", zh: "（不含）" }

/// Why a cell of an imported form fits no field.
PLACE_LABEL_WITHOUT_VALUE { en: "a label whose value could not be found", zh: "找不到该栏目名称对应的值" }
PLACE_SECTION_OUT_OF_PLACE { en: "a section label out of place", zh: "栏目标题的位置不对" }
PLACE_NO_LABEL { en: "a value under no label", zh: "该值不在任何栏目名称之下" }

/// The messages of ruleset rules that write none: a failed `check`, a `discard`, an
/// `adjust`.
FINDING_CHECK_COMPARED {
    en: "`{left}` is {left_value} and `{right}` is {right_value}: {expectation}",
    zh: "「{left}」为 {left_value}，「{right}」为 {right_value}，{expectation}",
}
FINDING_CHECK_FAILED { en: "the check failed: `{condition}`", zh: "核对未通过：{condition}" }
FINDING_DISCARDED {
    en: "the actual value of `{name}` is not taken",
    zh: "「{name}」的实际完成值不予采信",
}
FINDING_SCORE_ADJUSTED {
    en: "the score of `{name}` is adjusted from {old} to {new}",
    zh: "「{name}」的得分由 {old} 调整为 {new}",
}
FINDING_TOTAL_ADJUSTED {
    en: "the total is adjusted from {old} to {new}",
    zh: "总分由 {old} 调整为 {new}",
}
/// The help of a finding raised by a ruleset rule: the rule, then its clause.
FINDING_RULE { en: "rule `{rule}`", zh: "规则 `{rule}`" }
FINDING_RULE_CLAUSE { en: "rule `{rule}`: {clause}", zh: "规则 `{rule}`：{clause}" }
/// A finding's heading in a table: its code and its severity in words, so that a
/// printed report (no colour, maybe no symbol font) still tells an error from a warning.
FINDING_HEADING { en: "{code} ({severity})", zh: "{code}（{severity}）" }
SEVERITY_ERROR { en: "error", zh: "错误" }
SEVERITY_WARNING { en: "warning", zh: "警告" }
SEVERITY_INFO { en: "info", zh: "提示" }
}
