//! The entries of the check stage: `perfeval::check::*`, and the words its messages are
//! built from (types, stages, what a part of the ruleset is).

use super::Msg;

catalogue! {
SECTION_CHECK;

CHECK_UNKNOWN_FIELD { en: "unknown field `{name}`", zh: "未知字段 `{name}`" }
CHECK_UNKNOWN_FIELD_LABEL { en: "not a field of `{owner}`", zh: "不是 `{owner}` 的字段" }
CHECK_FIELDS_ARE { en: "the fields are {list}", zh: "字段有：{list}" }
CHECK_UNKNOWN_NAME { en: "unknown name `{name}`", zh: "未知名称 `{name}`" }
CHECK_UNKNOWN_NAME_LABEL { en: "not defined", zh: "未定义" }
CHECK_ROW_VALUE_OUTSIDE {
    en: "`{name}` is a value of each row; use it inside `for ROWS` or `ROWS[…]`",
    zh: "`{name}` 是每一行各自的值；请在 `for ROWS` 或 `ROWS[…]` 中使用",
}
CHECK_UNKNOWN_TYPE { en: "unknown field type `{name}`", zh: "未知的字段类型 `{name}`" }
CHECK_UNKNOWN_TYPE_LABEL { en: "not a type", zh: "不是类型" }
CHECK_TYPES_ARE { en: "the types are {list}", zh: "类型有：{list}" }
/// A keyword with its Chinese spellings, in a list: `measure (度量, 指标值)`.
CHECK_SPELLING { en: "{en} ({zh})", zh: "`{en}`（{zh}）" }
CHECK_UNKNOWN_FUNCTION { en: "unknown function `{name}`", zh: "未知函数 `{name}`" }
CHECK_UNKNOWN_FUNCTION_LABEL { en: "not a function", zh: "不是函数" }
CHECK_FUNCTIONS_ARE { en: "the functions are {list}", zh: "函数有：{list}" }
CHECK_WRONG_ARGUMENTS {
    en: "`{function}` takes {expected}, not {found}",
    zh: "`{function}` 的参数应为{expected}，而不是{found}",
}
CHECK_TYPE_MISMATCH { en: "expected {expected}, found {found}", zh: "此处应为{expected}，实际为{found}" }
CHECK_TYPE_MISMATCH_LABEL { en: "this is {found}", zh: "这是{found}" }
CHECK_UNIT_MISMATCH { en: "cannot {action} {left} and {right}", zh: "{left}与{right}不能{action}" }
CHECK_DATE_MISMATCH_HELP {
    en: "a date is written as `2024-12-31`, without quotes (`\"2024-12-31\"` is a text, `2024/12/31` a division), or named: `cutoff`, a form's date field",
    zh: "日期写作 `2024-12-31`，不加引号（`\"2024-12-31\"` 是文字，`2024/12/31` 是除法），或写出日期的名称：`cutoff`、表上的日期栏目",
}
CHECK_UNIT_MISMATCH_HELP {
    en: "numbers carry units: points, amounts and plain numbers or percentages combine only as their units allow",
    zh: "数字带有单位：分值、金额、普通数值和百分比只能按各自的单位相互运算",
}
CHECK_ACTION_ADD { en: "add", zh: "相加" }
CHECK_ACTION_SUBTRACT { en: "subtract", zh: "相减" }
CHECK_ACTION_MULTIPLY { en: "multiply", zh: "相乘" }
CHECK_ACTION_DIVIDE { en: "divide", zh: "相除" }
CHECK_ACTION_COMPARE { en: "compare", zh: "比较" }
CHECK_DUPLICATE { en: "{what} `{name}` is defined twice", zh: "{what} `{name}` 定义了两次" }
CHECK_DUPLICATE_HELP { en: "remove one of them, or rename it", zh: "请删除其中一个，或改名" }
CHECK_INDISTINCT {
    en: "{what} `{name}` is `{first}` to a form: defined twice",
    zh: "{what} `{name}` 与 `{first}` 在表单中无法区分，相当于定义了两次",
}
CHECK_INDISTINCT_HELP {
    en: "a form's text is compared with full-width forms folded and whitespace and invisible characters removed; remove one of them, or make them differ in what is left",
    zh: "表单文字比较时不区分全角与半角，也不计空白和不可见字符；请删除其中一个，或使两者在这些之外有所不同",
}
CHECK_WEIGHTS_SUM_ENTRY {
    en: "`{name}` changed here",
    zh: "「{name}」在此修改",
}
CHECK_UNKNOWN_REFERENCE { en: "unknown {what} `{name}`", zh: "未知的{what} `{name}`" }
CHECK_UNKNOWN_REFERENCE_LABEL { en: "no {what} of this name", zh: "没有这个名称的{what}" }
CHECK_NAMES_ARE { en: "the {what} names are {list}", zh: "{what}有：{list}" }
CHECK_UNKNOWN_FINDING { en: "unknown engine finding `{code}`", zh: "未知的引擎发现 `{code}`" }
CHECK_UNKNOWN_FINDING_LABEL { en: "not a finding the engine raises", zh: "引擎不会产生这个发现" }
CHECK_ENGINE_FINDINGS_ARE { en: "the engine's findings are {list}", zh: "引擎的发现有：{list}" }
CHECK_MISSING_ITEM { en: "the ruleset has no {what}", zh: "规则集缺少{what}" }
CHECK_MISSING_ITEM_LABEL { en: "expected in this file", zh: "应在此文件中" }
CHECK_MISSING_HEADER_HELP {
    en: "add `ruleset \"名称\" {{ version \"…\" fiscal_year 2023 cutoff 2023-12-31 }}`",
    zh: "请加上 `ruleset \"名称\" {{ version \"…\" fiscal_year 2023 cutoff 2023-12-31 }}`",
}
CHECK_MISSING_FORM_HELP {
    en: "add `form {{ section … rows indicators \"…\" {{ … }} }}` declaring the project file",
    zh: "请加上 `form {{ section … rows indicators \"…\" {{ … }} }}`，声明项目文件的栏目",
}
CHECK_MISSING_INDICATORS_HELP {
    en: "declare `rows indicators \"绩效指标\" {{ category: text … name: text … target: measure … actual: optional measure … }}` in the form",
    zh: "请在表单中声明 `rows indicators \"绩效指标\" {{ category: text … name: text … target: measure … actual: optional measure … }}`",
}
CHECK_MISSING_CLASS_FOR { en: "class for category `{category}`", zh: "类别 `{category}` 的评分规则" }
CHECK_MISSING_CLASS_FOR_HELP {
    en: "add `scored_by CLASS` naming the class that scores its quantitative indicators",
    zh: "请加上 `scored_by CLASS`，指明为其定量指标计分的评分规则",
}
/// A part an item lacks: `points in this pool`.
CHECK_PART_IN_ITEM { en: "{what} in this {owner}", zh: "本{owner}的{what}" }
CHECK_PART_POINTS { en: "points", zh: "分值" }
CHECK_PART_POINTS_HELP {
    en: "write the pool's points after its name: `pool 个性指标 55 分 {{ … }}`",
    zh: "请在分值池名称后写出分值：`pool 个性指标 55 分 {{ … }}`",
}
CHECK_PART_CONDITION { en: "condition", zh: "条件" }
CHECK_PART_CONDITION_HELP {
    en: "write what must hold in braces: `check CODE error {{ … }}`",
    zh: "请在花括号中写出应成立的条件：`check CODE error {{ … }}`",
}
CHECK_PART_SCORE_FORMULA { en: "score formula", zh: "得分公式" }
CHECK_PART_SCORE_FORMULA_HELP {
    en: "write `score …` in the line's braces",
    zh: "请在分项的花括号中写 `score …`",
}
/// A part a class lacks: `full-marks band in class `产出类``.
CHECK_IN_CLASS { en: "{what} in class `{class}`", zh: "评分规则 `{class}` 的{what}" }
CHECK_FULL_BAND { en: "full-marks band", zh: "满分区间" }
CHECK_FULL_BAND_HELP {
    en: "add `full 100% to 130%` (or `full from 100%`), or a `score` formula",
    zh: "请加上 `full 100% to 130%`（或 `full from 100%`），或写 `score` 公式",
}
CHECK_BELOW_RULE { en: "rule below the band", zh: "低于满分区间的扣分规则" }
CHECK_BELOW_RULE_HELP {
    en: "add `below deduct 5% per 1%` (or `below deduct 0% per 1%` for none)",
    zh: "请加上 `below deduct 5% per 1%`（不扣分则写 `below deduct 0% per 1%`）",
}
CHECK_ABOVE_RULE { en: "rule above the band", zh: "高于满分区间的扣分规则" }
CHECK_ABOVE_RULE_HELP {
    en: "add `above deduct 1% per 1%`, or write the band as `full from 100%`",
    zh: "请加上 `above deduct 1% per 1%`，或把满分区间写成 `full from 100%`",
}
CHECK_INDICATOR_FIELD { en: "in the indicator table, {problem}", zh: "指标表有误：{problem}" }
CHECK_INDICATORS_NOT_ROWS {
    en: "the indicator table must be `rows`",
    zh: "指标表必须是 `rows`",
}
CHECK_INDICATORS_NOT_ROWS_HELP {
    en: "write `rows indicators …` instead of `section indicators …`",
    zh: "请把 `section indicators …` 改为 `rows indicators …`",
}
CHECK_INDICATOR_FIELD_MISSING { en: "`{key}` is missing", zh: "缺少 `{key}`" }
CHECK_INDICATOR_FIELD_MISSING_HELP {
    en: "declare `{key}: {ty} \"…\"`",
    zh: "请声明 `{key}: {ty} \"…\"`",
}
CHECK_INDICATOR_FIELD_TYPE {
    en: "`{key}` must be of type `{ty}`",
    zh: "`{key}` 的类型必须是 `{ty}`",
}
CHECK_INDICATOR_FIELD_TYPE_HELP {
    en: "the engine reads `{key}` as `{ty}`",
    zh: "引擎按 `{ty}` 读取 `{key}`",
}
CHECK_CATEGORY_POOL { en: "category `{name}` {problem}", zh: "类别 `{name}` {problem}" }
CHECK_CATEGORY_IN_TWO_POOLS {
    en: "is in pool `{first}` and in pool `{second}`",
    zh: "同时属于分值池 `{first}` 和 `{second}`",
}
CHECK_CATEGORY_IN_TWO_POOLS_HELP {
    en: "a category's indicators share one pool's points; keep it in one pool",
    zh: "一个类别的指标共用一个分值池的分值；请只放在一个分值池中",
}
CHECK_CATEGORY_TWICE_IN_POOL {
    en: "is listed twice by pool `{pool}`",
    zh: "在分值池 `{pool}` 中列出了两次",
}
CHECK_CATEGORY_TWICE_IN_POOL_HELP {
    en: "list each category once (a `rename` onto a name the pool lists makes two of it)",
    zh: "每个类别只列一次（把类别重命名为分值池已列出的名称，也会出现两次）",
}
CHECK_CATEGORY_IN_NO_POOL { en: "is in no pool", zh: "不属于任何分值池" }
CHECK_CATEGORY_IN_NO_POOL_HELP {
    en: "name it in a pool's `categories`, or in a pool's `split fixed` catalog",
    zh: "请在某个分值池的 `categories` 或 `split fixed` 目录中列出它",
}
CHECK_POOL_SPLIT { en: "pool `{pool}` {problem}", zh: "分值池 `{pool}` {problem}" }
CHECK_POOL_SPLIT_NONE { en: "does not say how its points are split", zh: "没有说明分值如何分配" }
CHECK_POOL_SPLIT_NONE_HELP {
    en: "add `split evenly`, `split declared` or `split fixed {{ … }}`",
    zh: "请加上 `split evenly`、`split declared` 或 `split fixed {{ … }}`",
}
CHECK_POOL_SPLIT_TWICE { en: "splits its points twice", zh: "重复规定了分值的分配方式" }
CHECK_POOL_SPLIT_TWICE_HELP { en: "keep one `split`", zh: "请只保留一个 `split`" }
CHECK_WEIGHTS_SUM {
    en: "the weights of pool `{pool}` add up to {sum}, not {points}",
    zh: "分值池 `{pool}` 的权重合计为 {sum}，而不是 {points}",
}
CHECK_WEIGHTS_SUM_HELP {
    en: "make the catalog's weights add up to the pool's points, or change the points",
    zh: "请使指标目录的权重之和等于分值池的分值，或修改分值",
}
CHECK_WEIGHTS_SUM_LABEL { en: "{points} points", zh: "{points} 分" }
CHECK_RATING_GAP {
    en: "the rating does not give every total a grade",
    zh: "评价等级没有覆盖所有可能的总分",
}
CHECK_RATING_GAP_HELP {
    en: "end the rating with a grade for every other total, such as `差 otherwise`",
    zh: "请在评价等级末尾加一个兜底等级，如 `差 otherwise`",
}
CHECK_RATING_GAP_LABEL { en: "after this, some totals have no grade", zh: "在此之后，有些总分得不到等级" }
CHECK_UNREACHABLE { en: "{what} can never apply", zh: "{what}永远不会适用" }
CHECK_UNREACHABLE_LABEL { en: "never applies", zh: "永远不会适用" }
CHECK_RATING_GRADE { en: "grade `{grade}`", zh: "等级 `{grade}` " }
CHECK_RATING_ORDER_HELP {
    en: "an earlier grade already takes every total this one would; order the grades from the highest threshold down",
    zh: "前面的等级已经涵盖了本等级的所有总分；请按分数线从高到低排列各等级",
}
CHECK_AFTER_OTHERWISE_HELP {
    en: "a grade after `otherwise` never applies; move it before",
    zh: "`otherwise` 之后的等级永远不会适用；请把它移到前面",
}
CHECK_NONSENSE_HELP {
    en: "check the policy text: this cannot be what it says",
    zh: "请核对政策原文：原文不可能是这个意思",
}
CHECK_BAND_UPSIDE_DOWN {
    en: "the band's upper edge {upper} is below its lower edge {lower}",
    zh: "满分区间的上限 {upper} 低于下限 {lower}",
}
CHECK_NEGATIVE_DEDUCTION {
    en: "a deduction rate of {rate} adds points",
    zh: "扣分比例 {rate} 实际上是加分",
}
CHECK_DEDUCTION_STEP { en: "a deduction needs a step above 0%", zh: "扣分的步长必须大于 0%" }
/// A sanity message with the value it is about: `a floor below 0% gives negative scores (-5%)`.
CHECK_WITH_VALUE { en: "{message} ({value})", zh: "{message}（{value}）" }
CHECK_BAND_BELOW_ZERO {
    en: "the full-marks band cannot start below 0%",
    zh: "满分区间的起点不能低于 0%",
}
CHECK_FLOOR_BELOW_ZERO { en: "a floor below 0% gives negative scores", zh: "低于 0% 的保底会得出负分" }
CHECK_CAP_BELOW_ZERO { en: "a cap below 0% gives negative scores", zh: "低于 0% 的封顶会得出负分" }
CHECK_FLOOR_ABOVE_WHOLE {
    en: "a floor above 100% scores more than the weight",
    zh: "高于 100% 的保底会使得分超过权重",
}
CHECK_CAP_ABOVE_WHOLE {
    en: "a cap above 100% lets a score pass its weight",
    zh: "高于 100% 的封顶会使得分超过权重",
}
CHECK_CAP_BELOW_FLOOR {
    en: "the cap {cap} is below the floor {floor}",
    zh: "封顶 {cap} 低于保底 {floor}",
}
CHECK_SHARE_OUT_OF_RANGE {
    en: "{what} scores {share} of the weight; a score lies between 0% and 100% of it",
    zh: "{what}得权重的 {share}；得分应在权重的 0% 至 100% 之间",
}
CHECK_SHARE_MISSING { en: "a missing value", zh: "缺失值" }
CHECK_SHARE_EXPLAINED { en: "an explained missing value", zh: "有说明的缺失值" }
CHECK_GRADE_SHARE_OUT_OF_RANGE {
    en: "grade `{grade}` gives {share} of the weight; a score lies between 0% and 100% of it",
    zh: "等级 `{grade}` 得权重的 {share}；得分应在权重的 0% 至 100% 之间",
}
CHECK_GRADE_UPSIDE_DOWN {
    en: "grade `{grade}` runs from {low} down to {high}",
    zh: "等级 `{grade}` 的范围从 {low} 倒退到 {high}",
}
CHECK_GRADE_GAP_AT {
    en: "no grade covers a share of exactly {share}",
    zh: "没有等级覆盖恰为 {share} 的比例",
}
CHECK_GRADE_OVERLAP {
    en: "grades `{first}` and `{second}` both cover the shares from {from} to {to}",
    zh: "等级 `{first}` 和 `{second}` 都覆盖了 {from} 至 {to} 的比例",
}
CHECK_GRADE_EMPTY {
    en: "grade `{grade}`'s range {range} holds no share",
    zh: "等级 `{grade}` 的范围 {range} 不包含任何比例",
}
CHECK_BAND_EMPTY {
    en: "the band {band} holds no completion",
    zh: "满分区间 {band} 不包含任何完成率",
}
CHECK_MISSING_ROUNDING_FOR_OPEN {
    en: "`rounding`, which the open end of grade `{grade}` needs",
    zh: "等级 `{grade}` 的开区间端点所需的 `rounding`",
}
CHECK_MISSING_ROUNDING_FOR_OPEN_HELP {
    en: "a score held inside an open end is one rounding step from it: add `rounding 0.01 half_away_from_zero`, or close the end",
    zh: "限定在开区间端点以内的得分与端点相差一个舍入步长：请加上 `rounding 0.01 half_away_from_zero`，或把端点改为闭区间",
}
CHECK_MISSING_SHARE_FOR_NONE {
    en: "`share` in pool `{pool}`, which `residual to none` needs",
    zh: "分值池 `{pool}` 中 `residual to none` 所需的 `share`",
}
CHECK_MISSING_SHARE_FOR_NONE_HELP {
    en: "a residual is what rounding the share leaves: add `share 0.01 half_away_from_zero`, or leave out `residual to none`",
    zh: "余数是均分值舍入后剩下的部分：请加上 `share 0.01 half_away_from_zero`，或去掉 `residual to none`",
}
CHECK_GRADE_GAP {
    en: "no grade covers the shares from {from} to {to}",
    zh: "没有等级覆盖权重的 {from} 至 {to}",
}
CHECK_LINE_KEY_TAKEN {
    en: "the line key `{key}` is already a name in reports and rules",
    zh: "分项键 `{key}` 已是报告和规则中使用的名称",
}
CHECK_EMPTY_COMPARATOR_WORD {
    en: "an empty comparator word matches every target",
    zh: "空的比较词会匹配所有目标值",
}
CHECK_EMPTY_IGNORED_WORD {
    en: "an empty ignored word would match every cell",
    zh: "空的忽略词会匹配所有单元格",
}
CHECK_EMPTY_TOTAL_WORD {
    en: "an empty total word would match every cell",
    zh: "空的合计词会匹配所有单元格",
}
CHECK_EMPTY_COLUMN_LABEL {
    en: "an empty column label names no header",
    zh: "空的栏目别名不对应任何表头",
}
CHECK_VALUE_PATTERN {
    en: "`{word}`: `{{}}` stands for a field's value written inside a cell; write it once, with words around it, for a field of a section that is not a table: `labels project.year \"（{{}}年度）\"`",
    zh: "`{word}`：`{{}}` 表示单元格中字段的值，只能写一次，前后要有文字，且只用于不是表格的栏目的字段，如 `别名 project.year \"（{{}}年度）\"`",
}
CHECK_COLUMN_LABELS_HELP {
    en: "name a field of the form by its section's key and its own: `labels indicators.self_score \"自评得分\"`",
    zh: "请写表单的字段：栏目的键加字段的键，如 `别名 indicators.self_score \"自评得分\"`",
}
CHECK_MARKER_IS_GRADE {
    en: "`{word}` is both a missing-value marker and a grade word",
    zh: "`{word}` 既是缺失值标记，又是等级词",
}
CHECK_GRADE_FIELDS_HELP {
    en: "grades are read from text or measure fields of the indicator table",
    zh: "等级只能从指标表的文本字段或指标值字段读取",
}
CHECK_FIELD_AND_SUBSECTION {
    en: "`{parent}` has a field `{last}` and a sub-section `{section}` of the same name",
    zh: "`{parent}` 中既有字段 `{last}`，又有同名的子栏目 `{section}`",
}
CHECK_SUBSECTION_PARENT {
    en: "a sub-section `{section}` is read from inside the section `{parent}`: declare `section {parent} \"…\" {{ … }}`",
    zh: "子栏目 `{section}` 要从栏目 `{parent}` 中读取：请声明 `section {parent} \"…\" {{ … }}`",
}
CHECK_ONLY_INDICATOR_ROWS { en: "only `{rows}` rows have scores", zh: "只有 `{rows}` 的行才有得分" }
CHECK_UNBOUNDED {
    en: "cannot show that {what} stays within max_score: its points depend on the form",
    zh: "无法证明{what}不超过满分：其分值取决于表单所填内容",
}
CHECK_UNBOUNDED_HELP {
    en: "write the points as numbers, or bound them, such as `min(funds.initial / 10, 20 分)`",
    zh: "请把分值写成数字，或加上上限，如 `min(funds.initial / 10, 20 分)`",
}
CHECK_UNBOUNDED_LABEL { en: "no upper bound", zh: "没有上限" }
CHECK_COMPLETION_UNCOVERED {
    en: "no completion formula for `{comparator}`",
    zh: "比较符 `{comparator}` 没有完成率公式",
}
CHECK_COMPLETION_UNCOVERED_HELP {
    en: "give every comparator (=, >=, >, <=, <) a formula, in `completion {{ … }}`",
    zh: "请在 `completion {{ … }}` 中为每个比较符（=、>=、>、<=、<）写出公式",
}
CHECK_COMPLETION_UNCOVERED_LABEL { en: "`{comparator}` is not covered", zh: "未覆盖 `{comparator}`" }
CHECK_TOO_EARLY { en: "`{name}` is not known yet here", zh: "此处还不知道 `{name}` 的值" }
CHECK_TOO_EARLY_LABEL { en: "computed later", zh: "稍后才计算" }
CHECK_TOO_EARLY_WHY {
    en: "`{name}` is known only once {known}; this is used earlier, {used}",
    zh: "`{name}` 要在{known}之后才有值；此处用得更早（{used}）",
}
CHECK_SUBTOTAL_LATE {
    en: "a subtotal is known once every indicator is scored",
    zh: "要等各项指标评分完毕才有小计",
}
CHECK_INVALID_STEP { en: "the step `{step}` is not above zero", zh: "步长 `{step}` 不大于零" }
CHECK_INVALID_STEP_HELP { en: "write a step such as 0.01", zh: "请写一个大于零的步长，如 0.01" }
CHECK_INVALID_STEP_LABEL { en: "must be above zero", zh: "必须大于零" }
CHECK_PERCENT_EXPECTED { en: "expected a percentage, found {found}", zh: "此处应为百分比，实际为{found}" }
CHECK_PERCENT_EXPECTED_LABEL { en: "write this with `%`", zh: "请加上 `%`" }
CHECK_BARE_NUMBER { en: "a bare number", zh: "不带单位的数字" }
CHECK_THE_BARE_NUMBER { en: "the bare number `{number}`", zh: "不带单位的数字 `{number}`" }
CHECK_WRITE_PERCENT { en: "write `{number}%`", zh: "请写 `{number}%`" }
CHECK_WRITE_PERCENT_FRACTION {
    en: "write `{percent}%` if `{number}` is meant as a ratio (as a deduction of 4% is 0.04), or `{number}%` if it is {number} percent",
    zh: "若 `{number}` 是比例（如扣 4% 写作 0.04），请写 `{percent}%`；若确是百分之 {number}，请写 `{number}%`",
}
/// A named constant whose value is a bare number, where a percentage is wanted.
CHECK_CONSTANT_BARE_NUMBER {
    en: "the constant `{name}`, a bare number",
    zh: "常量 `{name}`，其值是不带单位的数字",
}
CHECK_CONSTANT_PERCENT {
    en: "give the constant a percentage: `let {name} = {number}%`",
    zh: "请把常量的值写成百分比：`let {name} = {number}%`",
}
CHECK_BARE_BESIDE_PERCENT {
    en: "write `{number}%`: beside a percentage a bare `{number}` means {number} × 100%",
    zh: "请写 `{number}%`：与百分比并列时，不带单位的 `{number}` 表示 {number} × 100%",
}
CHECK_SHARE_IS_PERCENT {
    en: "a share or a completion is a percentage such as `80%`",
    zh: "比例或完成率应写成百分比，如 `80%`",
}
CHECK_A_VALUE { en: "a value", zh: "一个值" }
CHECK_THE_SECTION { en: "the section `{key}`", zh: "栏目 `{key}`" }
CHECK_NAME_A_FIELD {
    en: "name one of its fields, such as `{key}.{field}`",
    zh: "请指明其中的字段，如 `{key}.{field}`",
}
CHECK_SECTION_OR_ROWS { en: "a section or rows", zh: "栏目或行" }
CHECK_MEMBER_OF {
    en: "`.{field}` takes a field of a section or of rows",
    zh: "`.{field}` 只能取栏目或行的字段",
}
CHECK_FILTER_ROWS {
    en: "`[condition]` picks rows of a rows section, such as `indicators[…]`",
    zh: "`[条件]` 用于从多行栏目中挑选行，如 `indicators[…]`",
}
CHECK_CATEGORY_UNQUOTED_COMPARE {
    en: "name the category without quotes, such as `category == 产出`; the label as written is `category_label`",
    zh: "类别名称不要加引号，如 `category == 产出`；表上所写的类别文字是 `category_label`",
}
CHECK_CATEGORY_UNQUOTED {
    en: "name the category without quotes, such as `产出`",
    zh: "类别名称不要加引号，如 `产出`",
}
CHECK_COMPARE_IT {
    en: "compare it with something, such as `… == 0`",
    zh: "请把它与某个值比较，如 `… == 0`",
}
CHECK_CASE_HOLDS { en: "when this holds", zh: "此条件成立时" }
CHECK_CASE_DOES_NOT_HOLD { en: "when this does not hold", zh: "此条件不成立时" }
CHECK_MAX_SCORE_NEGATIVE { en: "max_score {max} is below zero", zh: "满分 {max} 小于零" }
CHECK_POINTS_BELOW_ZERO {
    en: "the points of {what} can be {lo}, below zero",
    zh: "{what}的分值可能为 {lo}，小于零",
}
CHECK_PART_POOL { en: "pool `{name}`", zh: "分值池 `{name}` " }
CHECK_PART_LINE { en: "line `{name}`", zh: "分项 `{name}` " }
CHECK_PART_POINTS_SHOWN { en: "{what} {points}", zh: "{what}{points} 分" }
CHECK_ABOVE_MAXIMUM_SUM {
    en: "the pools and lines can give {sum} points, more than max_score {max}",
    zh: "各分值池和分项合计最多可得 {sum} 分，超过满分 {max}",
}
CHECK_ABOVE_MAXIMUM_SUM_OVERFLOW {
    en: "the pools and lines can give more points than a number holds (more than {sum}), more than max_score {max}",
    zh: "各分值池和分项合计最多可得的分数超出数值范围（大于 {sum}），超过满分 {max}",
}
CHECK_PART_POINTS_ROUNDED_UP {
    en: "{what} {points} (its {own} points in rounded shares)",
    zh: "{what}{points} 分（其 {own} 分按舍入后的均分值计）",
}
CHECK_ABOVE_MAXIMUM_ROUNDED {
    en: "{parts}; shares that stay rounded can add up to more than their pool's points: hold the total with `adjust cap total {{ min(total, max_score) }}`",
    zh: "{parts}；保持舍入的均分值加起来可能超过分值池的分值：请用 `adjust cap total {{ min(total, max_score) }}` 限制总分",
}
CHECK_ABOVE_MAXIMUM_SHARES_UNBOUNDED {
    en: "{what} splits its points in shares rounded up with `residual to none`: the more indicators, the more points, more than max_score",
    zh: "{what}用 `residual to none` 按向上舍入的均分值分配分值：指标越多，分值越多，会超过满分",
}
CHECK_ABOVE_MAXIMUM_SHARES_UNBOUNDED_HELP {
    en: "round the share to the nearest step (`half_away_from_zero`) or down (`truncate`), or give the residual to an indicator",
    zh: "请把均分值四舍五入（`half_away_from_zero`）或向下舍入（`truncate`），或把余数分给某个指标",
}
CHECK_ABOVE_MAXIMUM_SHARES_UNBOUNDED_LABEL { en: "no upper bound", zh: "没有上限" }
CHECK_ABOVE_MAXIMUM_LABEL { en: "the most a project may score", zh: "项目可得的最高分" }
CHECK_ADJUSTED_TOTAL {
    en: "an adjusted total can be {most} points, more than max_score {max}",
    zh: "调整后的总分可能为 {most} 分，超过满分 {max}",
}
CHECK_ADJUSTED_TOTAL_UNBOUNDED {
    en: "an adjusted total can be any number of points, more than max_score {max}",
    zh: "调整后的总分可能任意大，超过满分 {max}",
}
CHECK_ADJUSTED_TOTAL_HELP {
    en: "the total before adjustments is at most {sum}: bound the adjustment, such as `min(…, max_score)`",
    zh: "调整前的总分最多为 {sum}：请给调整加上上限，如 `min(…, max_score)`",
}
CHECK_ADJUSTED_TOTAL_LABEL { en: "can pass max_score", zh: "可能超过满分" }
CHECK_NEGATIVE_CATALOG_WEIGHT {
    en: "indicator `{name}` has a negative weight {w}",
    zh: "指标 `{name}` 的权重 {w} 为负数",
}

/// The arguments a function takes, and what a call gave.
CHECK_ARGS_NONE { en: "none", zh: "没有参数" }
CHECK_ARGS_ONE { en: "one argument", zh: "一个参数" }
CHECK_ARGS_MANY { en: "{n} arguments", zh: "{n} 个参数" }
CHECK_ARGS_ONE_ROWS { en: "one argument (rows)", zh: "一个参数（行）" }
CHECK_ARGS_ROWS { en: "rows", zh: "行" }
CHECK_ARGS_ONE_LIST {
    en: "one argument (such as `subprojects.budget`)",
    zh: "一个参数（如 `subprojects.budget`）",
}
CHECK_ARGS_NUMBER_LIST { en: "a list of numbers", zh: "数值列表" }
CHECK_ARGS_NUMBER_LIST_SUCH {
    en: "a list of numbers, such as `subprojects.budget`",
    zh: "数值列表，如 `subprojects.budget`",
}
CHECK_ARGS_LIST_OR_NUMBERS { en: "one list or at least two numbers", zh: "一个列表或至少两个数值" }
CHECK_ARGS_ONE_UNIT { en: "numbers of one unit", zh: "单位相同的数值" }
CHECK_ARGS_ONE_NUMBER { en: "one number", zh: "一个数值" }
CHECK_ARGS_THREE_NUMBERS { en: "three numbers", zh: "三个数值" }
CHECK_ARGS_ROUND {
    en: "a number, a step and optionally a rounding mode",
    zh: "一个数值、一个步长，以及可选的舍入方式",
}
CHECK_ARGS_SOMETHING_ELSE { en: "something else", zh: "其他内容" }
CHECK_ARGS_MODE_HELP {
    en: "write a mode such as `half_away_from_zero` (四舍五入) or `truncate` (截尾)",
    zh: "请写舍入方式，如 `half_away_from_zero`（四舍五入）或 `truncate`（截尾）",
}
CHECK_ARGS_MEASURE_OR_NUMBER { en: "a measure or a number", zh: "指标值或数值" }
CHECK_ARGS_ROWS_AND_CONDITION { en: "rows and a condition", zh: "行和一个条件" }
CHECK_ARGS_VALUE_AND_FALLBACK { en: "a value and a fallback", zh: "一个值和一个缺省值" }
CHECK_ARGS_ONE_CATEGORY { en: "one category", zh: "一个类别" }

/// What a value is, in type words: `expected a condition, found an amount`.
TY_NUMBER { en: "a number", zh: "数值" }
TY_PERCENT { en: "a percentage", zh: "百分比" }
TY_POINTS { en: "points", zh: "分值" }
TY_AMOUNT { en: "an amount", zh: "金额" }
TY_CONDITION { en: "a condition", zh: "条件" }
TY_TEXT { en: "a text", zh: "文字" }
TY_DATE { en: "a date", zh: "日期" }
TY_CATEGORY { en: "a category", zh: "类别" }
TY_ROWS { en: "rows of `{section}`", zh: "栏目 `{section}` 的各行" }
TY_ROW { en: "a row of `{section}`", zh: "栏目 `{section}` 的一行" }
TY_LIST { en: "a list ({inner} each)", zh: "列表（每项为{inner}）" }
TY_MODE { en: "a rounding mode", zh: "舍入方式" }
TY_ANY { en: "anything", zh: "任意值" }

/// When a stage's values are known, and what is done at a stage.
STAGE_KNOWN_DATA { en: "the form is read", zh: "读入表单" }
STAGE_KNOWN_WEIGHTS { en: "weights are allotted", zh: "分配权重" }
STAGE_KNOWN_COMPLETION { en: "a row's completion is computed", zh: "算出各行完成率" }
STAGE_KNOWN_SCORES { en: "every indicator is scored", zh: "各项指标评分完毕" }
STAGE_KNOWN_TOTAL { en: "the total is summed", zh: "汇总出总分" }
STAGE_KNOWN_FINAL { en: "everything is scored and rated", zh: "全部评分并评定等级" }
STAGE_USE_DATA { en: "when pools, weights and bands are read", zh: "读取分值池、权重和满分区间时" }
STAGE_USE_WEIGHTS { en: "when completion is computed", zh: "计算完成率时" }
STAGE_USE_COMPLETION { en: "when a row is scored", zh: "为一行评分时" }
STAGE_USE_SCORES { en: "when lines and score adjustments are computed", zh: "计算分项和得分调整时" }
STAGE_USE_TOTAL { en: "when the total is adjusted and rated", zh: "调整总分和评定等级时" }
STAGE_USE_FINAL { en: "in checks", zh: "在核对中" }

/// The kinds of name a ruleset defines, for `… is defined twice`.
SPACE_HEADER { en: "header", zh: "规则集头部" }
/// What a ruleset without a header lacks: `the ruleset has no header`.
CHECK_MISSING_HEADER { en: "header", zh: "头部（`ruleset …`）" }
SPACE_HEADER_ENTRY { en: "header entry", zh: "头部设置" }
SPACE_FORM { en: "form", zh: "表单" }
SPACE_SECTION { en: "section", zh: "栏目" }
SPACE_FIELD { en: "field", zh: "字段" }
SPACE_CATEGORY_LABEL { en: "category name or label", zh: "类别名称或标签" }
SPACE_CLASS_LABEL { en: "class name or label", zh: "评分规则名称或标签" }
SPACE_CLASS_RULE { en: "rule of class {class}", zh: "评分规则 `{class}` 的规则" }
SPACE_COMPLETION_FOR { en: "completion for", zh: "完成率公式中的比较符" }
SPACE_COMPARATOR_WORD { en: "comparator word", zh: "比较词" }
SPACE_TARGET_GRADE { en: "target grade", zh: "目标等级" }
SPACE_MISSING_MARKER { en: "missing marker", zh: "缺失标记" }
SPACE_MISSING_RULE { en: "missing rule", zh: "缺失规定" }
SPACE_INDICATOR_TABLE { en: "indicator table", zh: "指标表" }
WHAT_ROWS_SECTION { en: "rows section", zh: "多行栏目" }
WHAT_RECORD_SECTION { en: "record section", zh: "单条记录栏目" }
WHAT_SCORED_ROWS { en: "scored rows", zh: "计分的行" }
/// `perfeval::check::constant`: a named constant (`let`) that cannot be what it says.
CHECK_CONSTANT_TAKEN {
    en: "the constant `{name}` has the name of {what}",
    zh: "常量名 `{name}` 已另有所指：{what}",
}
CHECK_CONSTANT_TAKEN_HELP {
    en: "choose another name: where a rule names `{name}`, it would mean {what}",
    zh: "请换一个名称：规则中写 `{name}` 时，指的会是{what}",
}
/// What else a constant's name means, in `has the name of {what}`.
CHECK_CONSTANT_IS_VALUE { en: "the value `{name}`", zh: "值 `{name}`" }
CHECK_CONSTANT_IS_OUTER {
    en: "the row outside a filter (`outer.NAME`)",
    zh: "筛选之外的那一行（`outer.NAME`）",
}
CHECK_CONSTANT_IS_NUMBER {
    en: "the number `{name}` in completion and score formulas",
    zh: "完成率和得分公式中的数值 `{name}`",
}
CHECK_CONSTANT_IS_SECTION { en: "the form section `{name}`", zh: "表单栏目 `{name}`" }
CHECK_CONSTANT_IS_ROW_FIELD { en: "a field of each row of `{name}`", zh: "栏目 `{name}` 每一行的字段" }
CHECK_CONSTANT_IS_COMPUTED {
    en: "the computed value `{name}` of each indicator row",
    zh: "每个指标行的计算值 `{name}`",
}
CHECK_CONSTANT_IS_POOL_VALUE {
    en: "the value `{name}` of each row of `pools`",
    zh: "分值池表（`pools`）每一行的值 `{name}`",
}
/// A word of the language (`pools`, a rounding mode).
CHECK_CONSTANT_IS_WORD { en: "`{name}`", zh: "名称 `{name}`" }
CHECK_CONSTANT_IS_CATEGORY { en: "the category `{name}`", zh: "类别 `{name}`" }
CHECK_CONSTANT_IS_LINE { en: "the line `{name}`", zh: "分项 `{name}`" }
CHECK_CONSTANT_CYCLE {
    en: "the constant `{name}` is computed from itself",
    zh: "常量 `{name}` 的值由它自己算出",
}
CHECK_CONSTANT_CYCLE_HELP {
    en: "its value uses {through}, whose value comes back to `{name}`; give one of them a value that uses none of the others",
    zh: "它的值用到了 {through}，而这些常量的值又回到 `{name}`；请让其中一个的值不用到其他几个",
}
CHECK_CONSTANT_TYPE { en: "the constant `{name}` is {ty}", zh: "常量 `{name}` 是{ty}" }
CHECK_CONSTANT_TYPE_HELP {
    en: "a constant is a number, a percentage, points, an amount, a date, a text, a condition or a category",
    zh: "常量只能是数值、百分比、分值、金额、日期、文本、条件或类别",
}
CHECK_CONSTANT_FROM_FORM {
    en: "the constant `{name}` reads what only a form gives",
    zh: "常量 `{name}` 读取了只有表单才有的值",
}
CHECK_CONSTANT_FROM_FORM_HELP {
    en: "a constant is a number of the policy: write it with literals, other constants, operators and functions of numbers (`let 扣减比例 = 5%`), and read the form in the rules that use it",
    zh: "常量是政策规定的数值：请用字面值、其他常量、运算符和数值函数来写（`let 扣减比例 = 5%`），在用到它的规则中再读取表单",
}
CHECK_CONSTANT_ARITHMETIC {
    en: "the constant `{name}` cannot be computed: {error}",
    zh: "常量 `{name}` 无法计算：{error}",
}
CHECK_CONSTANT_ARITHMETIC_HELP {
    en: "write a value that can be computed, such as `let 扣减比例 = 5%`",
    zh: "请写一个可以计算的值，如 `let 扣减比例 = 5%`",
}

/// `outer.NAME` where there is no row outside a filter.
CHECK_OUTER_IN_ROW {
    en: "`outer` names the row outside a filter `[…]`; in the row itself, write `{name}`",
    zh: "`outer` 指筛选 `[…]` 之外的那一行；在本行中请直接写 `{name}`",
}
CHECK_OUTER_NO_ROW {
    en: "`outer` names the row outside a filter `[…]`, such as `indicators[goal == outer.goal]` in a check `for indicators`",
    zh: "`outer` 指筛选 `[…]` 之外的那一行，如在 `for indicators` 的核对中写 `indicators[goal == outer.goal]`",
}

/// `perfeval::check::trivial_comparison`, a warning.
CHECK_POINTS_NOT_PERCENT {
    en: "points are written as the number itself: `{points}` or `{points} 分`, not a percentage",
    zh: "分值写数值本身：`{points}` 或 `{points} 分`，不带百分号",
}
CHECK_CUTOFF_BEFORE_YEAR {
    en: "the data cutoff {cutoff} is before fiscal year {year} begins: every date of the year's data is after it",
    zh: "数据截止日期 {cutoff} 早于 {year} 财政年度的开始：该年度的数据采集时间都晚于它",
}
CHECK_CUTOFF_BEFORE_YEAR_LABEL { en: "before the fiscal year", zh: "早于财政年度" }
CHECK_CUTOFF_BEFORE_YEAR_YEAR_LABEL { en: "the fiscal year", zh: "财政年度" }
CHECK_CUTOFF_BEFORE_YEAR_HELP {
    en: "a year changed without its cutoff? write the year's own cutoff (such as {year}-12-31); as it is, checks and `discard` rules that compare dates with the cutoff refuse the year's data",
    zh: "是否改了年度而没有改截止日期？请写该年度的截止日期（如 {year}-12-31）；否则用截止日期比较日期的核对和 `discard` 规则会拒绝该年度的数据",
}
CHECK_UNKNOWN_INDICATOR_NAME {
    en: "no catalog has an indicator named \"{name}\": this condition holds only for a form's own indicator of that name",
    zh: "目录中没有名为「{name}」的指标：这个条件只对表上自行填写的同名指标成立",
}
CHECK_UNKNOWN_INDICATOR_NAME_LABEL { en: "no catalog indicator has this name", zh: "目录中没有这个指标名称" }
CHECK_UNKNOWN_INDICATOR_NAME_HELP {
    en: "if it is a project's own indicator, nothing is wrong; if a catalog indicator was renamed or removed, rename it with `rename indicator OLD to NEW`, which renames it in the rules' texts too, or write the catalog's name here",
    zh: "若是部门自定的指标，可不理会此提示；若是改过名或已删去的目录指标，请用 `rename indicator 旧名 to 新名` 改名（规则中写到旧名的地方会一起改），或在这里写目录中的名称",
}
CHECK_TRIVIAL_COMPARISON {
    en: "both sides of `{op}` are the same: this {outcome}",
    zh: "`{op}` 两边相同：这个比较{outcome}",
}
CHECK_TRIVIAL_COMPARISON_ALWAYS { en: "always holds", zh: "总是成立" }
CHECK_TRIVIAL_COMPARISON_NEVER { en: "never holds", zh: "永远不成立" }
CHECK_TRIVIAL_COMPARISON_LABEL { en: "compares a value with itself", zh: "拿一个值与它自己比较" }
CHECK_TRIVIAL_COMPARISON_OUTER {
    en: "inside `[…]`, `{name}` is the filtered row's own; to compare it with the row outside the brackets, write `{name} {op} outer.{name}`",
    zh: "在 `[…]` 中，`{name}` 是被筛选的那一行自己的值；要与括号外的那一行比较，请写 `{name} {op} outer.{name}`",
}
CHECK_TRIVIAL_COMPARISON_ROW {
    en: "inside `[…]` names are the filtered row's own; name the row outside the brackets with `outer.NAME`",
    zh: "在 `[…]` 中，名称都指被筛选的那一行自己的值；括号外的那一行请用 `outer.NAME` 指称",
}
CHECK_TRIVIAL_COMPARISON_HELP {
    en: "compare it with something else; as written the comparison says nothing",
    zh: "请与别的值比较；照现在的写法，这个比较没有意义",
}
}
