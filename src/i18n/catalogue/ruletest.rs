//! The entries of `perfeval test`: `perfeval::test::*` (problems of a test file), the
//! mismatches of a case, the runner's lines and the coverage report.

use super::Msg;

catalogue! {
SECTION_TEST;

TEST_SYNTAX { en: "the test file is not valid TOML", zh: "测试文件不是有效的 TOML" }
TEST_SYNTAX_HELP {
    en: "a test file is TOML, as project files are; see docs/language.md §10",
    zh: "测试文件与项目文件一样使用 TOML 格式；参见 docs/language.md 第 10 节",
}
TEST_UNKNOWN_KEY { en: "unknown key `{key}` in {owner}", zh: "{owner}中有未知的键 `{key}`" }
TEST_UNKNOWN_KEY_LABEL { en: "not a key of {owner}", zh: "不是{owner}的键" }
TEST_KEYS_ARE { en: "the keys here are {list}", zh: "此处可用的键有：{list}" }
TEST_MISSING_KEY { en: "{owner} has no `{key}`", zh: "{owner}缺少 `{key}`" }
TEST_MISSING_KEY_LABEL { en: "`{key}` is needed here", zh: "此处需要 `{key}`" }
TEST_WRONG_TYPE {
    en: "`{key}` must be {expected}, not {found}",
    zh: "`{key}` 应为{expected}，而不是{found}",
}
TEST_FLOAT {
    en: "`{key}` is written as a float, `{text}`: write an expected decimal as text",
    zh: "`{key}` 写成了浮点数 `{text}`：预期的小数请写成文本",
}
TEST_FLOAT_HELP {
    en: "write `{key} = \"{text}\"`: a decimal in quotes is compared exactly (9.2 is 9.20), a float is not a decimal",
    zh: "请写 `{key} = \"{text}\"`：加引号的小数按精确值比较（9.2 即 9.20），浮点数不是精确的小数",
}
TEST_FLOAT_LABEL { en: "a float", zh: "浮点数" }
TEST_INVALID_VALUE { en: "`{key}` cannot be `{text}`: {reason}", zh: "`{key}` 不能是 `{text}`：{reason}" }
TEST_CONFLICT {
    en: "`{key}` cannot be used together with `{other}`",
    zh: "`{key}` 不能与 `{other}` 同时使用",
}
TEST_CONFLICT_LABEL { en: "conflicts with `{other}`", zh: "与 `{other}` 冲突" }
TEST_NO_CASE { en: "the test file has no case", zh: "测试文件中没有测试用例" }
TEST_NO_CASE_HELP {
    en: "add `[expect]` with what the project should score, or one `[[case]]` table per case, each with its `[case.expect]`",
    zh: "请添加 `[expect]`，写明项目应得的结果；或每个测试用例写一个 `[[case]]` 表，各带自己的 `[case.expect]`",
}
TEST_NO_CASE_LABEL { en: "no `[expect]` and no `[[case]]`", zh: "没有 `[expect]`，也没有 `[[case]]`" }
TEST_DUPLICATE_CASE { en: "two cases are named `{name}`", zh: "有两个测试用例都名为 `{name}`" }
TEST_DUPLICATE_CASE_HELP {
    en: "give each case of a file its own name: the report names a case by it",
    zh: "请给文件中的每个测试用例取不同的名称：报告按名称指称测试用例",
}
TEST_DUPLICATE_CASE_LABEL { en: "named again here", zh: "此处再次使用该名称" }
TEST_DUPLICATE_CASE_LABEL_FIRST { en: "first here", zh: "首次出现于此" }
TEST_NOT_A_TEST_FILE {
    en: "`{path}` is not a ruleset test file: its name, or the name of the file it leads to, does not end in `.test.toml`",
    zh: "`{path}` 不是规则集测试文件：它的文件名（或它所指向文件的文件名）不以 `.test.toml` 结尾",
}
TEST_NOT_A_TEST_FILE_HELP {
    en: "name the test file (`seed.test.toml`), or the folder that holds it; a project file is named inside a test file, by `project = \"…\"`",
    zh: "请指定测试文件（`seed.test.toml`）或存放它的文件夹；项目文件应在测试文件中用 `project = \"…\"` 指定",
}
TEST_NO_TESTS {
    en: "`{path}` holds no ruleset test file (`*.test.toml`)",
    zh: "`{path}` 中没有规则集测试文件（`*.test.toml`）",
}
TEST_NO_TESTS_HELP {
    en: "test files are named `NAME.test.toml`; see docs/language.md §10",
    zh: "测试文件的文件名形如 `名称.test.toml`；参见 docs/language.md 第 10 节",
}

/// Where a key is, in `unknown key … in {owner}` and `{owner} has no …`.
TEST_OWNER_FILE { en: "the test file", zh: "测试文件" }
TEST_OWNER_CASE { en: "a case", zh: "测试用例" }
TEST_OWNER_NAMED_CASE { en: "case `{name}`", zh: "名为 `{name}` 的测试用例" }
TEST_OWNER_EXPECT { en: "the expectations", zh: "预期结果" }
TEST_OWNER_INDICATOR { en: "an indicator expectation", zh: "指标预期" }
/// The name of a case that has none: the case's place in the file.
TEST_CASE_NUMBER { en: "case {number}", zh: "测试用例 {number}" }

/// What a value must be, or is.
TEST_KIND_TEXT { en: "a text", zh: "文本" }
TEST_KIND_WHOLE_NUMBER { en: "a whole number", zh: "整数" }
TEST_KIND_FLOAT { en: "a float", zh: "浮点数" }
TEST_KIND_BOOLEAN { en: "true or false", zh: "true 或 false" }
TEST_KIND_DATE { en: "a date", zh: "日期" }
TEST_KIND_LIST { en: "a list", zh: "列表" }
TEST_KIND_TABLE { en: "a table", zh: "表" }
TEST_KIND_SINGLE_VALUE { en: "a single value", zh: "单个值" }
TEST_KIND_TABLES { en: "a list of tables", zh: "由表组成的列表" }
TEST_KIND_PATHS { en: "a path or a list of paths", zh: "路径或路径列表" }
TEST_KIND_PROJECT {
    en: "a path or a table of the form's sections",
    zh: "路径，或由表单各栏目组成的表",
}
TEST_KIND_CODES { en: "a list of finding codes", zh: "发现代码的列表" }
TEST_KIND_DECIMAL { en: "a decimal in quotes", zh: "加引号的小数" }

/// Why a value cannot be.
TEST_REASON_NO_RULESET {
    en: "no ruleset to run the cases against",
    zh: "没有运行测试用例所用的规则集",
}
TEST_REASON_NOT_DECIMAL { en: "not a decimal", zh: "不是小数" }
TEST_REASON_PERCENT_IN_QUOTES {
    en: "a completion is a percentage in quotes",
    zh: "完成率应为加引号的百分数",
}
TEST_REASON_PERCENT { en: "a completion is a percentage", zh: "完成率应为百分数" }
TEST_REASON_EXIT {
    en: "not an exit status of `perfeval check`",
    zh: "不是 `perfeval check` 的退出状态",
}
TEST_REASON_ROW { en: "not a row of the table", zh: "表中没有这一行" }

/// What to write.
TEST_HELP_RULESET {
    en: "name the ruleset the cases run against, relative to this file: `ruleset = \"../../2023.rules\"`",
    zh: "请写明测试用例所用的规则集，路径相对于本文件：`ruleset = \"../../2023.rules\"`",
}
TEST_HELP_RULESETS {
    en: "name one or more rulesets: `ruleset = [\"../../2023.rules\"]`",
    zh: "请写明一个或多个规则集：`ruleset = [\"../../2023.rules\"]`",
}
TEST_HELP_RULESET_FORM {
    en: "`ruleset = \"../../2023.rules\"`, or `ruleset = [\"../../2023.rules\", \"../../2023.zh.rules\"]` to run every case against both",
    zh: "如 `ruleset = \"../../2023.rules\"`；或 `ruleset = [\"../../2023.rules\", \"../../2023.zh.rules\"]`，每个测试用例在两个规则集下都运行",
}
TEST_HELP_ONE_OR_MANY {
    en: "a file is one case (`[expect]` at the top) or several (`[[case]]`, each with its `[case.expect]`): move the top-level expectations into a `[[case]]`",
    zh: "一个文件要么是一个测试用例（顶层写 `[expect]`），要么是多个（`[[case]]`，各带自己的 `[case.expect]`）：请把顶层的预期移到一个 `[[case]]` 中",
}
TEST_HELP_CASE_NAMES {
    en: "each `[[case]]` has its own `name`; the file is named by its path",
    zh: "每个 `[[case]]` 有自己的 `name`；文件本身以路径指称",
}
TEST_HELP_PROJECT {
    en: "name a project file relative to this file (`project = \"../../examples/seed.toml\"`), or write the form's sections in a `[project]` table (`[case.project]` in a case)",
    zh: "请写明项目文件，路径相对于本文件（`project = \"../../examples/seed.toml\"`）；或在 `[project]` 表中写出表单各栏目（测试用例中为 `[case.project]`）",
}
TEST_HELP_PROJECT_FORM {
    en: "`project = \"../../examples/seed.toml\"`, or a `[project]` table holding `[project.budget]`, `[[project.indicators]]` …",
    zh: "如 `project = \"../../examples/seed.toml\"`；或一个包含 `[project.budget]`、`[[project.indicators]]` 等的 `[project]` 表",
}
TEST_HELP_CASES { en: "write each case as a `[[case]]` table", zh: "请把每个测试用例写成一个 `[[case]]` 表" }
TEST_HELP_EXPECT {
    en: "add a `[case.expect]` table with what the project should give, such as `total = \"80.00\"`",
    zh: "请添加 `[case.expect]` 表，写明项目应得的结果，如 `total = \"80.00\"`",
}
TEST_HELP_FINDINGS_OR_INCLUDE {
    en: "`findings` lists every code raised; `findings_include` only some: keep one",
    zh: "`findings` 列出出现的全部代码，`findings_include` 只列出其中一些：请只保留一个",
}
TEST_HELP_ERROR_EXIT {
    en: "an `error` is expected of a project that cannot be evaluated, whose exit status is 2",
    zh: "只有无法评估的项目才会有 `error`，其退出状态为 2",
}
TEST_HELP_FAILURE_ALONE {
    en: "a project that cannot be evaluated has no total, rating, line, finding or indicator to compare: expect its failure alone, or the project evaluated",
    zh: "无法评估的项目没有合计、评价等级、分项、发现或指标可供比较：请只写它的失败，或写明项目评估后应得的结果",
}
TEST_HELP_INDICATORS {
    en: "write each indicator as a `[[expect.indicators]]` table (`[[case.expect.indicators]]` in a case)",
    zh: "请把每个指标写成一个 `[[expect.indicators]]` 表（测试用例中为 `[[case.expect.indicators]]`）",
}
TEST_HELP_PICK_ROW {
    en: "pick the row by its 指标名称 (`name = \"预算执行率\"`), or by its place in the table (`row = 3`)",
    zh: "请按指标名称（`name = \"预算执行率\"`）或在表中的行号（`row = 3`）指定行",
}
TEST_HELP_TABLE { en: "write `[{key}]` and its keys below it", zh: "请写 `[{key}]`，并在其下写出各键" }
TEST_HELP_TEXT { en: "write it in quotes: `{key} = \"…\"`", zh: "请加上引号：`{key} = \"…\"`" }
TEST_HELP_FLAG { en: "`{key} = true`", zh: "如 `{key} = true`" }
TEST_HELP_CODES {
    en: "`{key} = [\"score-mismatch\"]`, or `{key} = []` for none",
    zh: "如 `{key} = [\"score-mismatch\"]`；没有时写 `{key} = []`",
}
TEST_HELP_DECIMAL_FORM { en: "`{key} = \"80.00\"`", zh: "如 `{key} = \"80.00\"`" }
TEST_HELP_DECIMAL {
    en: "write a decimal such as `{key} = \"80.00\"`, with a point and no unit",
    zh: "请写小数，如 `{key} = \"80.00\"`，用小数点，不带单位",
}
TEST_HELP_PERCENT {
    en: "write the completion as a percentage: `{key} = \"97.5%\"`",
    zh: "请把完成率写成百分数：`{key} = \"97.5%\"`",
}
TEST_HELP_EXIT {
    en: "0 (no error finding), 1 (an error finding) or 2 (the project cannot be evaluated)",
    zh: "0（没有错误级发现）、1（有错误级发现）或 2（项目无法评估）",
}
TEST_HELP_ROW {
    en: "rows are counted from 1, in the order of the form's indicator table",
    zh: "行号从 1 开始，按表单绩效指标表中的顺序计数",
}

/// What a case found, where it differs from what it expects.
TEST_WHAT_EXIT { en: "exit status", zh: "退出状态" }
TEST_EVALUATED { en: "none: the project was evaluated", zh: "无：项目已评估" }
TEST_NO_CODE { en: "(a diagnostic with no code)", zh: "（没有代码的诊断）" }
TEST_ROW_NOT_IN_TABLE {
    en: "row {row} is not in the table, which has {rows} rows",
    zh: "表中没有第 {row} 行，共 {rows} 行",
}
TEST_ROW_IS_OTHER { en: "row {row} is 「{found}」, not 「{name}」", zh: "第 {row} 行是「{found}」，不是「{name}」" }
TEST_ROW_NAMED { en: "{name} (row {row})", zh: "{name}（第 {row} 行）" }
TEST_NO_ROW_NAMED {
    en: "no indicator of the table is named 「{name}」",
    zh: "表中没有名为「{name}」的指标",
}
TEST_ROWS_NAMED {
    en: "「{name}」 names rows {rows}: pick one with `row = {row}`",
    zh: "「{name}」对应第 {rows} 行：请用 `row = {row}` 指定其中一行",
}
/// A case whose form file holds several forms.
TEST_SEVERAL_FORMS {
    en: "the file holds {count} forms, and a case tests one: name a file of one form",
    zh: "该文件中有 {count} 份表单，而一个测试用例只测试一份：请指定只有一份表单的文件",
}

/// The runner's lines, as `cargo test` prints them.
TEST_RUNNING_ONE { en: "running {count} test", zh: "运行 {count} 个测试用例" }
TEST_RUNNING { en: "running {count} tests", zh: "运行 {count} 个测试用例" }
TEST_CASE_LINE { en: "test {title} ... {verdict}", zh: "测试 {title} ... {verdict}" }
TEST_OK { en: "ok", zh: "通过" }
TEST_FAILED { en: "FAILED", zh: "失败" }
TEST_FAILURES { en: "failures:", zh: "失败的测试用例：" }
TEST_RULESET { en: "ruleset {path}", zh: "规则集 {path}" }
TEST_EXPECTED { en: "expected {value}", zh: "应为 {value}" }
/// Aligned under `expected`.
TEST_ACTUAL { en: "actual   {value}", zh: "实际 {value}" }
TEST_NOT_RAISED { en: "expected, not raised: {code}", zh: "应有而未出现：{code}" }
TEST_NOT_EXPECTED {
    en: "raised, not expected: {code} {message}",
    zh: "出现而未预期：{code} {message}",
}
TEST_UNKNOWN_CODE {
    en: "`{code}` is no finding code of the ruleset",
    zh: "`{code}` 不是本规则集的发现代码",
}
/// The heading of an indicator a case cannot find.
TEST_WHAT_INDICATOR { en: "indicator", zh: "指标" }
TEST_NOT_EVALUATED { en: "the project could not be evaluated:", zh: "无法评估该项目：" }
TEST_RESULT {
    en: "test result: {verdict}. {passed} passed; {failed} failed",
    zh: "测试结果：{verdict}。成功 {passed} 个；失败 {failed} 个",
}
/// The verdict of the run, in `test result: …`.
TEST_RESULT_OK { en: "ok", zh: "通过" }
TEST_RESULT_FAILED { en: "FAILED", zh: "未通过" }
TEST_RESULT_NOT_RUN_ONE {
    en: "; {count} test file could not be run",
    zh: "；{count} 个测试文件无法运行",
}
TEST_RESULT_NOT_RUN { en: "; {count} test files could not be run", zh: "；{count} 个测试文件无法运行" }
TEST_RESULT_GAPS_ONE { en: "; {count} part not exercised", zh: "；{count} 个部分未覆盖" }
TEST_RESULT_GAPS { en: "; {count} parts not exercised", zh: "；{count} 个部分未覆盖" }

/// The coverage report.
TEST_COVERAGE_ALL_ONE {
    en: "coverage of {ruleset}: all {parts} part exercised",
    zh: "{ruleset} 的覆盖情况：全部 {parts} 个部分均已覆盖",
}
TEST_COVERAGE_ALL {
    en: "coverage of {ruleset}: all {parts} parts exercised",
    zh: "{ruleset} 的覆盖情况：全部 {parts} 个部分均已覆盖",
}
TEST_COVERAGE_SOME_ONE {
    en: "coverage of {ruleset}: {covered} of {parts} part exercised; not exercised:",
    zh: "{ruleset} 的覆盖情况：{parts} 个部分中已覆盖 {covered} 个；未覆盖的有：",
}
TEST_COVERAGE_SOME {
    en: "coverage of {ruleset}: {covered} of {parts} parts exercised; not exercised:",
    zh: "{ruleset} 的覆盖情况：{parts} 个部分中已覆盖 {covered} 个；未覆盖的有：",
}
TEST_COVERAGE_GAP { en: "{what}: needs {needs}", zh: "{what}：需要{needs}" }
/// A `residual to matching` rule's two outcomes.
TEST_COVERAGE_ROW_MATCHING { en: "{what}, a row matching", zh: "{what}，有匹配的行" }
TEST_COVERAGE_NO_ROW_MATCHING { en: "{what}, no row matching", zh: "{what}，没有匹配的行" }
/// What a case must do to exercise a part.
TEST_NEEDS_CHECK { en: "a case whose project fails it", zh: "一个项目未通过该核对的测试用例" }
TEST_NEEDS_DISCARD {
    en: "a case with an actual value it refuses",
    zh: "一个实际完成值被其拒绝采信的测试用例",
}
TEST_NEEDS_ADJUST {
    en: "a case whose score or total it changes",
    zh: "一个得分或合计被其调整的测试用例",
}
TEST_NEEDS_RATING { en: "a case whose total is rated so", zh: "一个合计得分评为该等级的测试用例" }
TEST_NEEDS_LINE { en: "a case", zh: "任一测试用例" }
TEST_NEEDS_FINDING {
    en: "a case where the engine raises it",
    zh: "一个引擎产生该发现的测试用例",
}
TEST_NEEDS_GRADE { en: "a qualitative row graded so", zh: "一行评为该等级的定性指标" }
TEST_NEEDS_TARGET_GRADE {
    en: "a qualitative row whose actual is its target word",
    zh: "一行实际完成值与目标值用词相同的定性指标",
}
TEST_NEEDS_MISSING_UNEXPLAINED {
    en: "a missing actual with no explanation",
    zh: "一个缺少实际完成值且没有说明的指标",
}
TEST_NEEDS_MISSING_EXPLAINED {
    en: "a missing actual with an explanation",
    zh: "一个缺少实际完成值但有说明的指标",
}
TEST_NEEDS_RESIDUAL_MATCHING {
    en: "a residual carried by a row whose declared weight is the share plus the residual",
    zh: "尾差由某一行承担，该行所填权重等于均分值加尾差",
}
TEST_NEEDS_RESIDUAL_NO_MATCH {
    en: "a residual no declared weight matches",
    zh: "尾差与任何一行所填的权重都不相符",
}
TEST_NEEDS_FULL {
    en: "a quantitative row whose completion is in the band",
    zh: "一行完成率在满分区间内的定量指标",
}
TEST_NEEDS_BELOW {
    en: "a quantitative row whose completion is below the band",
    zh: "一行完成率低于满分区间的定量指标",
}
TEST_NEEDS_ABOVE {
    en: "a quantitative row whose completion is above the band",
    zh: "一行完成率高于满分区间的定量指标",
}
TEST_NEEDS_FORMULA { en: "a quantitative row of the class", zh: "一行属于该评分规则的定量指标" }
TEST_NEEDS_FLOOR {
    en: "a quantitative row whose share falls to the floor",
    zh: "一行得分比例降到下限的定量指标",
}
TEST_NEEDS_CAP {
    en: "a quantitative row whose share reaches the cap",
    zh: "一行得分比例达到上限的定量指标",
}
TEST_NEEDS_CLASS_CHOICE {
    en: "a quantitative row whose `class` field writes one of these words",
    zh: "一行 `class` 字段写了其中某个词的定量指标",
}
TEST_NEEDS_CATALOG_CLASS {
    en: "a quantitative row of this indicator, scored by its class",
    zh: "一行该指标的定量指标，按其指定的评分规则计分",
}
TEST_NEEDS_COMPLETION {
    en: "a quantitative row whose target has one of these comparators",
    zh: "一行目标值带有其中某个比较符的定量指标",
}
}
