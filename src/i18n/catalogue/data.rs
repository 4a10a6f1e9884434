//! The entries of project files: `perfeval::data::*`, the words their messages are
//! built from, and the TOML, JSON and YAML readers' errors in Chinese.

use super::Msg;

catalogue! {
SECTION_DATA;

DATA_FAILURE_ONE {
    en: "found 1 problem in the project file `{name}`",
    zh: "项目文件 `{name}` 中有 1 个问题",
}
DATA_FAILURE {
    en: "found {count} problems in the project file `{name}`",
    zh: "项目文件 `{name}` 中有 {count} 个问题",
}
DATA_NOT_UTF8 {
    en: "the file is not UTF-8 text: the byte at line {line}, column {column} cannot be read",
    zh: "文件不是 UTF-8 文本：第 {line} 行第 {column} 列的字节无法识别",
}
DATA_NOT_UTF8_HELP {
    en: "it may be GBK or GB18030; save it as UTF-8, for example with `iconv -f GB18030 -t UTF-8`",
    zh: "文件可能是 GBK 或 GB18030 编码；请另存为 UTF-8，例如用 `iconv -f GB18030 -t UTF-8`",
}
DATA_NOT_UTF8_LABEL { en: "not UTF-8", zh: "不是 UTF-8" }
DATA_UTF16 { en: "the file is UTF-16 text, not UTF-8", zh: "文件是 UTF-16 文本，不是 UTF-8" }
DATA_UTF16_HELP {
    en: "save it as UTF-8 (Notepad: Save as → Encoding UTF-8; Excel: CSV UTF-8)",
    zh: "请另存为 UTF-8（记事本：另存为 → 编码选 UTF-8；Excel：CSV UTF-8）",
}
DATA_UTF16_LABEL { en: "a UTF-16 byte-order mark", zh: "UTF-16 字节顺序标记" }
DATA_FILE_TOO_LARGE {
    en: "the file is too large: {size} bytes, more than the {limit} a project file may have",
    zh: "文件过大：{size} 字节，超过项目文件允许的 {limit}",
}
DATA_FILE_TOO_LARGE_HELP {
    en: "a project file holds one form, which takes a few kilobytes; check that this is the right file",
    zh: "一个项目文件只有一份表单，通常只有几 KB；请确认文件是否正确",
}
DATA_FILE_TOO_LARGE_LABEL { en: "this file", zh: "此文件" }
DATA_EMPTY_FILE { en: "the project file is empty", zh: "项目文件是空的" }
DATA_EMPTY_FILE_LABEL { en: "no sections", zh: "没有任何栏目" }
DATA_EMPTY_FILE_ADD { en: "add the sections of the form", zh: "请填入表单的各栏目" }
DATA_EMPTY_FILE_NEEDS {
    en: "a project file needs the sections {sections}",
    zh: "项目文件须有以下栏目：{sections}",
}
DATA_INVALID_TOML { en: "the file is not valid TOML", zh: "文件不符合 TOML 语法" }
DATA_INVALID_JSON { en: "the file is not valid JSON", zh: "文件不符合 JSON 语法" }
DATA_INVALID_JSON_LABEL_END { en: "the file ends here", zh: "文件在此结束" }
DATA_INVALID_YAML { en: "the file is not valid YAML", zh: "文件不符合 YAML 语法" }
DATA_INVALID_YAML_HELP {
    en: "put in quotes any value that starts with `>`, `<`, `|`, `[`, `{{`, `*`, `&`, `!`, `%`, `@` or `#`, such as `target: \">=90%\"`; indent with spaces, not tabs",
    zh: "以 `>`、`<`、`|`、`[`、`{{`、`*`、`&`、`!`、`%`、`@` 或 `#` 开头的值请加引号，如 `target: \">=90%\"`；缩进请用空格，不要用制表符",
}
DATA_UNSUPPORTED_YAML {
    en: "{what} is not supported in a project file",
    zh: "项目文件不支持{what}",
}
DATA_UNSUPPORTED_YAML_LABEL { en: "not supported", zh: "不支持" }
DATA_NESTING_TOO_DEEP {
    en: "values are nested more than 128 levels deep",
    zh: "值的嵌套超过 128 层",
}
DATA_NESTING_TOO_DEEP_HELP {
    en: "a form nests a few levels: sections, sub-sections, rows, fields",
    zh: "表单只有几层嵌套：栏目、子栏目、行、字段",
}
DATA_NESTING_TOO_DEEP_LABEL { en: "too deep", zh: "嵌套过深" }
DATA_DUPLICATE_KEY { en: "duplicate key `{key}`", zh: "键 `{key}` 重复" }
DATA_DUPLICATE_KEY_HELP {
    en: "keep one of them: a key may appear once in each table",
    zh: "请只保留一个：同一个表中每个键只能出现一次",
}
DATA_UNKNOWN_SECTION { en: "unknown section `{key}`", zh: "未知栏目 `{key}`" }
DATA_UNKNOWN_SECTION_LABEL { en: "not a section of the form", zh: "不是表单的栏目" }
DATA_SECTIONS_ARE { en: "the sections are", zh: "栏目有" }
DATA_UNKNOWN_KEY {
    en: "unknown {what} `{key}` in {place}",
    zh: "未知的{what} `{key}`（位于 {place}）",
}
DATA_UNKNOWN_KEY_LABEL { en: "not a {what} of {section}", zh: "不是 {section} 的{what}" }
DATA_WORD_FIELD { en: "field", zh: "字段" }
DATA_WORD_SUB_SECTION { en: "sub-section", zh: "子栏目" }
DATA_FIELDS_OF { en: "the fields of {section}", zh: "{section} 的字段有" }
DATA_FIELDS_AND_SUBSECTIONS_OF {
    en: "the fields and sub-sections of {section}",
    zh: "{section} 的字段和子栏目有",
}
DATA_MISSING_SECTION {
    en: "missing section {section} ({label})",
    zh: "缺少栏目 {section}（{label}）",
}
DATA_FORM_ROW { en: "item {n} of 「{label}」", zh: "「{label}」第 {n} 项" }
DATA_FORM_SECTION { en: "「{label}」", zh: "「{label}」" }
DATA_ADD_FORM_SECTION {
    en: "the form's part 「{label}」 is not found: write its heading and its values as the template lays them out",
    zh: "表中找不到「{label}」这一部分：请按模板写出它的标题和各项数值",
}
DATA_MISSING_FORM_SECTION {
    en: "the form has no 「{label}」",
    zh: "表中缺少「{label}」",
}
DATA_MISSING_SECTION_LABEL { en: "required by the form", zh: "表单要求填写" }
DATA_MISSING_FIELD {
    en: "missing field `{key}` ({label}) in {place}",
    zh: "缺少字段 `{key}`（{label}，位于 {place}）",
}
DATA_MISSING_FORM_FIELD {
    en: "{place} has no {key}",
    zh: "{place}缺少「{key}」",
}
DATA_MISSING_FIELD_NULL { en: "given without a value", zh: "写了键却没有值" }
DATA_MISSING_FORM_FIELD_BLANK { en: "left blank", zh: "这一栏没有填" }
DATA_MISSING_FIELD_HERE { en: "in this record", zh: "在此记录中" }
DATA_UNCALCULATED_FORMULA {
    en: "`{key}` ({label}, in {place}) is {formula}, and the file holds no result of it",
    zh: "`{key}`（{label}，位于 {place}）是{formula}，文件里没有保存它的计算结果",
}
DATA_UNCALCULATED_FORM_FORMULA {
    en: "{key} of {place} is {formula}, and the file holds no result of it",
    zh: "{place}的「{key}」是{formula}，文件里没有保存它的计算结果",
}
DATA_UNCALCULATED_FORMULA_HELP {
    en: "open the workbook in Excel or WPS and save it (saving stores every formula's result), or type the value in the cell",
    zh: "请用 Excel 或 WPS 打开该工作簿并保存（保存时会写入每个公式的计算结果），或在单元格中直接填写数值",
}
DATA_UNCALCULATED_FORMULA_LABEL { en: "no stored result", zh: "没有保存的计算结果" }
DATA_FORMULA { en: "the formula `={formula}`", zh: "公式 `={formula}`" }
DATA_SHARED_FORMULA { en: "a formula shared with other cells", zh: "与其他单元格共用的公式" }
DATA_FOUND_FORMULA { en: "{formula} with no stored result", zh: "没有保存计算结果的{formula}" }
DATA_WRONG_TYPE {
    en: "expected {expected} for {what}, found {found}",
    zh: "{what}：应为{expected}，实际为{found}",
}
DATA_WRONG_TYPE_LABEL { en: "{expected} expected", zh: "应为{expected}" }
DATA_INVALID_DECIMAL {
    en: "`{text}` is not a valid number for `{key}`",
    zh: "`{key}` 的值 `{text}` 不是有效的数字",
}
DATA_INVALID_DECIMAL_HELP {
    en: "write digits with an optional decimal point, without thousands separators or units, e.g. `1679.7`",
    zh: "请只写数字和小数点，不要千位分隔符和单位，如 `1679.7`",
}
DATA_INVALID_DECIMAL_LABEL { en: "not a number", zh: "不是数字" }
DATA_DECIMAL_OUT_OF_RANGE {
    en: "`{text}` is out of range for `{key}`",
    zh: "`{key}` 的值 `{text}` 超出范围",
}
DATA_DECIMAL_OUT_OF_RANGE_HELP {
    en: "a number is less than 1e28 or so, with at most 26 significant digits and 28 decimal places (a longer one would make sums round)",
    zh: "数字须小于约 1e28，最多 26 位有效数字、28 位小数（更长的数会使求和舍入）",
}
DATA_DECIMAL_OUT_OF_RANGE_LABEL { en: "too large or too precise", zh: "过大或小数位过多" }
DATA_NOT_A_NUMBER {
    en: "`{text}` is not a finite number for `{key}`",
    zh: "`{key}` 的值 `{text}` 不是有限的数",
}
DATA_NOT_A_NUMBER_HELP {
    en: "give a finite number, or leave out an optional field that has no value",
    zh: "请填写有限的数；选填字段没有值时可以不写",
}
DATA_INVALID_DATE { en: "`{text}` is not a valid date", zh: "`{text}` 不是有效的日期" }
DATA_INVALID_DATE_HELP {
    en: "write a date that exists as `YYYY-MM-DD`, e.g. `2023-12-31`",
    zh: "请按 `YYYY-MM-DD` 写一个实际存在的日期，如 `2023-12-31`",
}
DATA_INVALID_DATE_LABEL { en: "not a date", zh: "不是日期" }
DATA_NOT_AN_INTEGER {
    en: "`{text}` is not a whole number for `{key}`",
    zh: "`{key}` 的值 `{text}` 不是整数",
}
DATA_NOT_AN_INTEGER_HELP { en: "write a whole number, e.g. `2023`", zh: "请写整数，如 `2023`" }
DATA_NOT_AN_INTEGER_LABEL { en: "not a whole number", zh: "不是整数" }
DATA_LABEL_FOR_KEY {
    en: "`{unknown}` is the form's name for `{key}`: write the key `{key}`",
    zh: "`{unknown}` 是表上对 `{key}` 的叫法：请写键名 `{key}`",
}

/// Where a problem is, and what a value is, in a project file's words.
DATA_THE_FILE { en: "the file", zh: "文件" }
DATA_TABLE_OF_SECTIONS { en: "{table} of sections", zh: "由栏目组成的{table}" }
DATA_SECTION_NAMED { en: "section `{key}`", zh: "栏目 `{key}`" }
DATA_ROW { en: "row {n} of {section}", zh: "{section} 第 {n} 行" }
DATA_TOML_TABLE { en: "a table", zh: "表" }
DATA_JSON_OBJECT { en: "an object", zh: "对象" }
DATA_YAML_MAPPING { en: "a mapping", zh: "映射" }
DATA_TOML_TABLES { en: "a list of tables", zh: "表数组" }
DATA_JSON_OBJECTS { en: "a list of objects", zh: "对象列表" }
DATA_YAML_MAPPINGS { en: "a list of mappings", zh: "映射列表" }
DATA_FOUND_LIST { en: "a list", zh: "列表" }
DATA_FOUND_TEXT { en: "text `{text}`", zh: "文字 `{text}`" }
DATA_FOUND_NUMBER { en: "the number `{number}`", zh: "数字 `{number}`" }
DATA_FOUND_DATE { en: "the date `{written}`", zh: "日期 `{written}`" }
DATA_FOUND_DATE_TIME { en: "the date and time `{written}`", zh: "日期时间 `{written}`" }
DATA_FOUND_EMPTY { en: "an empty value", zh: "空值" }
DATA_FOUND_BOOL { en: "`{written}`", zh: "布尔值 `{written}`" }
DATA_FOUND_NULL { en: "`null`", zh: "空值 `null`" }
DATA_EXPECT_TEXT { en: "text", zh: "文字" }
DATA_EXPECT_INTEGER { en: "a whole number", zh: "整数" }
DATA_EXPECT_NUMBER { en: "a number", zh: "数字" }
DATA_EXPECT_AMOUNT { en: "an amount", zh: "金额" }
DATA_EXPECT_POINTS { en: "a number of points", zh: "分值" }
DATA_EXPECT_PERCENT { en: "a percentage", zh: "百分比" }
DATA_EXPECT_DATE { en: "a date", zh: "日期" }
DATA_EXPECT_BOOL { en: "`true` or `false`", zh: "`true` 或 `false`" }
DATA_TYPE_HELP_TEXT { en: "write the text in double quotes", zh: "请把文字写在双引号中" }
DATA_TYPE_HELP_INTEGER { en: "write a whole number such as `2023`", zh: "请写整数，如 `2023`" }
DATA_TYPE_HELP_NUMBER {
    en: "write a number such as `1679.7`, without units",
    zh: "请写数字，如 `1679.7`，不带单位",
}
DATA_TYPE_HELP_PERCENT {
    en: "write a percentage such as `\"95%\"`, or the points `95`",
    zh: "请写百分比，如 `\"95%\"`，或写百分点数 `95`",
}
DATA_TYPE_HELP_DATE { en: "write a date such as `2023-12-31`", zh: "请写日期，如 `2023-12-31`" }
DATA_TYPE_HELP_BOOL { en: "write `true` or `false`", zh: "请写 `true` 或 `false`" }
DATA_WRITE_ONLY_DATE { en: "write only the date: `YYYY-MM-DD`", zh: "只写日期：`YYYY-MM-DD`" }

/// How to write a section in each format.
DATA_HELP_TOML_RECORD {
    en: "write `[{key}]`, with single brackets, above its fields: the section is one record",
    zh: "请在字段上方写 `[{key}]`（单层方括号）：这个栏目只有一条记录",
}
DATA_HELP_TOML_ROWS {
    en: "write `[[{key}]]`, with double brackets, above each row",
    zh: "请在每一行上方写 `[[{key}]]`（双层方括号）",
}
DATA_HELP_JSON_RECORD {
    en: "write `\"{key}\": {{ … }}`, one object",
    zh: "请写 `\"{key}\": {{ … }}`，即一个对象",
}
DATA_HELP_JSON_ROWS {
    en: "write `\"{key}\": [ {{ … }}, {{ … }} ]`, a list of objects",
    zh: "请写 `\"{key}\": [ {{ … }}, {{ … }} ]`，即对象列表",
}
DATA_HELP_YAML_RECORD {
    en: "write `{key}:` followed by its fields, indented",
    zh: "请写 `{key}:`，其下缩进写各字段",
}
DATA_HELP_YAML_ROWS {
    en: "write `{key}:` followed by one `- ` item for each row",
    zh: "请写 `{key}:`，其下每行写一个 `- ` 项",
}
DATA_HELP_JSON_NESTED_RECORD {
    en: "write `\"{last}\": {{ … }}` inside `{parent}`, one object",
    zh: "请在 `{parent}` 中写 `\"{last}\": {{ … }}`，即一个对象",
}
DATA_HELP_JSON_NESTED_ROWS {
    en: "write `\"{last}\": [ {{ … }}, {{ … }} ]` inside `{parent}`, a list of objects",
    zh: "请在 `{parent}` 中写 `\"{last}\": [ {{ … }}, {{ … }} ]`，即对象列表",
}
DATA_HELP_YAML_NESTED_RECORD {
    en: "write `{last}:` inside `{parent}`, followed by its fields, indented",
    zh: "请在 `{parent}` 中写 `{last}:`，其下缩进写各字段",
}
DATA_HELP_YAML_NESTED_ROWS {
    en: "write `{last}:` inside `{parent}`, followed by one `- ` item for each row",
    zh: "请在 `{parent}` 中写 `{last}:`，其下每行写一个 `- ` 项",
}
DATA_ADD_TOML_RECORD { en: "add a `[{key}]` table with its fields", zh: "请添加 `[{key}]` 表及其字段" }
DATA_ADD_TOML_ROWS { en: "add a `[[{key}]]` table for each row", zh: "请为每一行添加一个 `[[{key}]]` 表" }
DATA_ADD_JSON_RECORD { en: "add `\"{key}\": {{ … }}` with its fields", zh: "请添加 `\"{key}\": {{ … }}` 及其字段" }
DATA_ADD_JSON_ROWS {
    en: "add `\"{key}\": [ … ]` with one object for each row",
    zh: "请添加 `\"{key}\": [ … ]`，每行一个对象",
}
DATA_ADD_YAML_RECORD { en: "add `{key}:` with its fields, indented", zh: "请添加 `{key}:`，其下缩进写各字段" }
DATA_ADD_YAML_ROWS {
    en: "add `{key}:` with one `- ` item for each row",
    zh: "请添加 `{key}:`，其下每行写一个 `- ` 项",
}
DATA_ADD_JSON_NESTED_RECORD {
    en: "add `\"{last}\": {{ … }}` inside `{parent}`, with its fields",
    zh: "请在 `{parent}` 中添加 `\"{last}\": {{ … }}` 及其字段",
}
DATA_ADD_JSON_NESTED_ROWS {
    en: "add `\"{last}\": [ … ]` inside `{parent}`, with one object for each row",
    zh: "请在 `{parent}` 中添加 `\"{last}\": [ … ]`，每行一个对象",
}
DATA_ADD_YAML_NESTED_RECORD {
    en: "add `{last}:` inside `{parent}`, with its fields, indented",
    zh: "请在 `{parent}` 中添加 `{last}:`，其下缩进写各字段",
}
DATA_ADD_YAML_NESTED_ROWS {
    en: "add `{last}:` inside `{parent}`, with one `- ` item for each row",
    zh: "请在 `{parent}` 中添加 `{last}:`，其下每行写一个 `- ` 项",
}
DATA_HELP_TOML_HEADER {
    en: "write the header `[{key}]`, without quotes",
    zh: "请写表头 `[{key}]`，不要加引号",
}
DATA_HELP_TOML_ROWS_HEADER {
    en: "write the header `[[{key}]]`, without quotes",
    zh: "请写表头 `[[{key}]]`，不要加引号",
}
DATA_PART_OF { en: "`{key}` is a part of `{parent}`: {how}", zh: "`{key}` 是 `{parent}` 的一部分：{how}" }

/// The YAML reader's own problems.
DATA_YAML_EXPECTED_DOCUMENT { en: "expected a document", zh: "此处应为 YAML 文档" }
DATA_YAML_EXPECTED_END { en: "expected the end of the document", zh: "此处应为文档结尾" }
DATA_YAML_EXPECTED_VALUE { en: "expected a value", zh: "此处应为值" }
DATA_YAML_UNEXPECTED_END { en: "unexpected end of file", zh: "文件意外结束" }
DATA_YAML_SECOND_DOCUMENT { en: "a second YAML document", zh: "第二个 YAML 文档" }
DATA_YAML_SECOND_DOCUMENT_HELP { en: "put one form in each file", zh: "每个文件只放一份表单" }
DATA_YAML_COMPLEX_KEY {
    en: "a YAML key that is a list or a mapping",
    zh: "以列表或映射作键",
}
DATA_YAML_COMPLEX_KEY_HELP { en: "write each key as plain text", zh: "每个键请写成普通文字" }
DATA_YAML_TAG { en: "the YAML tag `{tag}`", zh: "使用 YAML 标签 `{tag}`" }
DATA_YAML_TAG_HELP {
    en: "remove the tag; quote a value to make it text",
    zh: "请删除标签；要把值当作文字，请加引号",
}
DATA_YAML_ALIAS { en: "a YAML alias", zh: "使用 YAML 别名" }
DATA_YAML_ALIAS_HELP {
    en: "write the value out in full where it is used",
    zh: "请在用到的地方把值完整写出",
}

/// The JSON reader's problems, in Chinese (English shows the reader's own words).
DATA_JSON_OBJECT_NOT_CLOSED { en: "this object is never closed", zh: "这个对象没有闭合" }
DATA_JSON_LIST_NOT_CLOSED { en: "this list is never closed", zh: "这个列表没有闭合" }
DATA_JSON_COMMENTS { en: "comments are not allowed", zh: "JSON 中不能有注释" }
DATA_JSON_TRAILING_COMMA { en: "trailing commas are not allowed", zh: "最后一项后面不能有逗号" }
DATA_JSON_SINGLE_QUOTES { en: "single-quoted strings are not allowed", zh: "字符串不能用单引号" }
DATA_JSON_EXPECTED_COLON { en: "expected a colon after the key", zh: "键后面应有冒号" }
DATA_JSON_EXPECTED_VALUE { en: "expected a value after the colon", zh: "冒号后面应有值" }
DATA_JSON_EXPECTED_KEY { en: "expected a key in quotes", zh: "此处应为加引号的键" }
DATA_JSON_EXPECTED_COMMA { en: "expected a comma", zh: "此处应有逗号" }
DATA_JSON_SEVERAL_VALUES { en: "the file holds more than one value", zh: "文件中有不止一个值" }
DATA_JSON_NON_FINITE { en: "infinity and NaN are not allowed", zh: "不能写无穷大或 NaN" }
DATA_JSON_BAD_NUMBER { en: "not a number JSON allows", zh: "不是 JSON 允许的数字写法" }
DATA_JSON_BAD_STRING { en: "not a string JSON allows", zh: "不是 JSON 允许的字符串写法" }
DATA_JSON_UNCLOSED_COMMENT { en: "a comment is never closed", zh: "注释没有闭合" }
DATA_JSON_UNEXPECTED { en: "unexpected here", zh: "此处不应出现这个符号" }

/// The TOML and YAML readers' errors, in Chinese (English shows the readers' own
/// words).
READER_EXPECTED { en: "{said}, expected {expected}", zh: "{said}，此处应为 {expected}" }
READER_TOML_SYNTAX { en: "not TOML syntax", zh: "不符合 TOML 语法" }
READER_YAML_SYNTAX { en: "not YAML syntax", zh: "不符合 YAML 语法" }
READER_TOML_INVALID { en: "invalid {what}", zh: "{what}无效" }
READER_TOML_UNCLOSED { en: "unclosed {what}", zh: "{what}未闭合" }
READER_TOML_MISSING_QUOTE { en: "missing opening quote", zh: "缺少开头的引号" }
READER_TOML_MISSING_EQUALS { en: "missing `=` between key and value", zh: "键和值之间缺少 `=`" }
READER_TOML_MISSING_VALUE { en: "missing value", zh: "缺少值" }
READER_TOML_MISSING_COMMA { en: "missing comma", zh: "缺少逗号" }
READER_TOML_EXTRA_COMMA { en: "extra comma", zh: "多了一个逗号" }
READER_TOML_EXTRA_EQUALS { en: "extra `=`", zh: "多了一个 `=`" }
READER_TOML_QUOTE_STRINGS { en: "text values must be quoted", zh: "文字值必须加引号" }
READER_TOML_UNEXPECTED { en: "unexpected content", zh: "此处不应有内容" }
READER_TOML_COMMENT { en: "a comment must start with `#`", zh: "注释须以 `#` 开头" }
READER_TOML_LEADING_ZERO { en: "unexpected leading zero", zh: "数字不能以 0 开头" }
READER_TOML_UNDERSCORE { en: "`_` may only go between digits", zh: "`_` 只能写在数字之间" }
READER_TOML_ESCAPE { en: "incomplete escape", zh: "转义不完整" }
READER_TOML_EMPTY_KEY { en: "a key cannot be empty", zh: "键不能为空" }
READER_YAML_TAB { en: "a tab in indentation or a value; use spaces", zh: "缩进或值中有制表符；请改用空格" }
READER_YAML_MAPPING_VALUES {
    en: "a `key: value` is not allowed here",
    zh: "此处不能写 `键: 值`",
}
READER_YAML_INDENTATION { en: "wrong indentation", zh: "缩进不对" }
READER_YAML_END { en: "the file ends too early", zh: "文件提前结束" }
READER_WORD_NEWLINE { en: "newline", zh: "换行" }
READER_WORD_KEY { en: "key", zh: "键" }
READER_WORD_VALUE { en: "value", zh: "值" }
READER_WORD_DIGITS { en: "digits", zh: "数字" }
READER_WORD_LETTERS { en: "letters", zh: "字母" }
READER_WORD_STRING { en: "string", zh: "字符串" }
READER_WORD_TABLE_HEADER { en: "table header", zh: "表头" }
READER_WORD_INLINE_TABLE { en: "inline table", zh: "内联表" }
READER_WORD_ARRAY { en: "array", zh: "数组" }
READER_WORD_KEY_VALUE { en: "key-value pair", zh: "键值对" }
READER_WORD_BOOLEAN { en: "boolean", zh: "布尔值" }
READER_WORD_DATE_TIME { en: "date-time", zh: "日期时间" }
READER_WORD_NUMBER { en: "number", zh: "数字" }
READER_WORD_COMMENT { en: "comment", zh: "注释" }
}
