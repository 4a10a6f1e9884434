//! The entries of the parse stage: `perfeval::parse::*`, and the help for slips.

use super::Msg;

catalogue! {
SECTION_PARSE;

/// `expected` lists what the grammar allowed in the words of `Rule::describe`.
PARSE_SYNTAX {
    en: "expected {expected}, found {found}",
    zh: "语法错误：此处应为 {expected}，实际为 {found}",
}
PARSE_FOUND_END_OF_FILE { en: "end of file", zh: "文件末尾" }
PARSE_FOUND_END_OF_LINE { en: "end of line", zh: "行末" }
PARSE_STRAY_DOC_EXPECTED { en: "an item after the doc comment", zh: "文档注释之后的项" }
PARSE_STRAY_DOC_HELP {
    en: "a `///` comment documents the item after it; use `//` for a plain comment",
    zh: "`///` 注释用于说明其后的项；普通注释请用 `//`",
}
PARSE_SLIP_FULL_WIDTH {
    en: "`{c}` is a full-width character; write `{ascii}` (switch the input method to half-width)",
    zh: "`{c}` 是全角字符，请写 `{ascii}`（把输入法切换到半角）",
}
/// A full-width mark the ruleset wants in neither form: `version "2024.1"；`.
PARSE_SLIP_FULL_WIDTH_DELETE {
    en: "`{c}` is not wanted here in any form: delete it",
    zh: "此处不需要 `{c}`（半角也不需要），请删去",
}
PARSE_SLIP_EQUALS { en: "to compare, write `==`", zh: "比较是否相等请写 `==`" }
PARSE_SLIP_AND { en: "write `and` (in Chinese keywords `且`)", zh: "请写 `and`（或 `且`）" }
PARSE_SLIP_OR { en: "write `or` (in Chinese keywords `或`)", zh: "请写 `or`（或 `或`）" }
PARSE_SLIP_NOT { en: "write `not` (in Chinese keywords `非`)", zh: "请写 `not`（或 `非`）" }
PARSE_SLIP_PERCENT {
    en: "a percentage needs a number before `%`, such as `100%`",
    zh: "百分号 `%` 前要有数字，如 `100%`",
}
PARSE_SLIP_END_OF_FILE {
    en: "the file ends too early: is a `}}` or a `)` missing?",
    zh: "文件提前结束：是否缺少 `}}` 或 `)`？",
}
PARSE_HELP_UNCLOSED_AT_END {
    en: "the `{{` on line {line} has no `}}`: the file ends before it is closed",
    zh: "第 {line} 行的 `{{` 没有对应的 `}}`：文件在它闭合之前就结束了",
}
PARSE_HELP_NUMBER_DOT {
    en: "a number cannot end with `.`: write `12` or `12.0`",
    zh: "数字不能以 `.` 结尾：请写 `12` 或 `12.0`",
}
PARSE_HELP_BAND_TILDE {
    en: "write a band's two ends with `to` (in Chinese keywords `至`) between them: `100% to 120%`",
    zh: "区间的两端之间请写 `至`（或 `to`）：`100% 至 120%`",
}
PARSE_HELP_KEYWORD_RUN_ON {
    en: "a keyword is a word of its own: put a space after `{keyword}`, `{keyword} {rest}`",
    zh: "关键字须单独成词：请在 `{keyword}` 后加空格，写作 `{keyword} {rest}`",
}
PARSE_HELP_KEYWORDS_RUN_TOGETHER {
    en: "keywords are words of their own: separate them with spaces, `{spaced}`",
    zh: "关键字须各自成词：请用空格隔开，写作 `{spaced}`",
}
PARSE_HELP_KEYWORD_IN_PLACE {
    en: "write `{keyword}` in place of `{found}`",
    zh: "请把 `{found}` 改为 `{keyword}`",
}
PARSE_HELP_KEYWORD_MISSING {
    en: "`{keyword}` is missing before `{found}`: `{keyword} {found}`",
    zh: "`{found}` 前缺少 `{keyword}`：写作 `{keyword} {found}`",
}
PARSE_HELP_NO_PERCENT_HERE {
    en: "no percentage is wanted here: write the number itself, `0.01` for 1%",
    zh: "此处不用百分数：请写数值本身，1% 写作 `0.01`",
}
PARSE_HELP_FIELD_COLON {
    en: "a field of the form has a `:` after its key: `{field}`",
    zh: "表单字段的键之后要写 `:`：`{field}`",
}
PARSE_HELP_ITEM_INSIDE {
    en: "`{word}` begins an item of its own, which cannot stand inside another item's `{{ … }}`: move it after that item's closing `}}`",
    zh: "`{word}` 是一项规则的开头，不能写在另一项的 `{{ … }}` 里：请把它移到该项的 `}}` 之后",
}
PARSE_HELP_UNCLOSED_BRACE {
    en: "the `{{` on line {line} has no `}}`: is one missing before this item?",
    zh: "第 {line} 行的 `{{` 没有对应的 `}}`：是否在此项之前缺少 `}}`？",
}
PARSE_HELP_UNCLOSED_BLOCK {
    en: "the `{{` on line {line} has no `}}`, so what follows is read inside its block: is a `}}` missing before line {here}?",
    zh: "第 {line} 行的 `{{` 没有对应的 `}}`，后面的内容都被当作它里面的条目：是否在第 {here} 行之前缺少 `}}`？",
}
PARSE_HELP_MESSAGE_NO_COLON {
    en: "the message's text follows `message` with no colon: `message \"…\"`",
    zh: "`message`（消息）之后直接写带引号的文字，不要冒号：`message \"…\"`",
}
PARSE_HELP_DATE_FORM {
    en: "write a date as `YYYY-MM-DD`, the month and the day with two digits each: `{date}`",
    zh: "日期请写作 `YYYY-MM-DD`，月和日各两位：`{date}`",
}
PARSE_HELP_PERCENT_SPACE {
    en: "write a percentage without a space, such as `5%`",
    zh: "百分数中间不要有空格，如 `5%`",
}
PARSE_HELP_BLOCK_COMMENT {
    en: "a comment is written after `//`, to the end of the line (`///` before an item, for its clause); there is no `/* … */`",
    zh: "注释写在 `//` 之后，到行尾为止（项前的条款用 `///`）；没有 `/* … */` 这种写法",
}
PARSE_HELP_DOC_INSIDE {
    en: "a `///` doc comment goes before an item; inside one, write `//`",
    zh: "`///` 文档注释应写在项的前面；项的内部请写 `//`",
}
PARSE_HELP_MESSAGE_QUOTES {
    en: "a message is written in ASCII quotes, `\"…\"`, not `“…”` (a label may take either)",
    zh: "消息须用英文双引号 `\"…\"` 括起，不能用中文引号 `“…”`（标签两种都可以）",
}
PARSE_HELP_QUOTED_DATE {
    en: "a date is written without quotes: `{date}`",
    zh: "日期不加引号，请写 `{date}`",
}
PARSE_HELP_UNCLOSED_TEXT {
    en: "a text in quotes must close on the same line: is a `\"` (or `”`) missing?",
    zh: "引号中的文字须在同一行内结束：是否缺少 `\"`（或 `”`）？",
}
PARSE_HELP_ODD_SPACE {
    en: "this is not an ordinary space but U+{code}; type an ordinary space",
    zh: "这不是普通空格，而是 U+{code}；请改用普通空格",
}
PARSE_HELP_FULL_WIDTH_LINE {
    en: "this line has a full-width `{c}`; write `{ascii}` (switch the input method to half-width)",
    zh: "这一行有全角的 `{c}`，请写 `{ascii}`（把输入法切换到半角）",
}
PARSE_HELP_FINDING_CODE_LOWER {
    en: "finding codes are lower-case ASCII words joined by `-`: write `{code}`",
    zh: "发现代码由小写英文单词和 `-` 组成：请写作 `{code}`",
}
PARSE_HELP_FINDING_CODE {
    en: "finding codes are lower-case ASCII words joined by `-`, such as `budget-balance`",
    zh: "发现代码由小写英文单词和 `-` 组成，如 `budget-balance`",
}
PARSE_CONTROL_CHARACTER {
    en: "a control or text-direction character `{shown}` in the ruleset",
    zh: "规则集中有控制字符或文字方向控制字符 `{shown}`",
}
PARSE_CONTROL_CHARACTER_HELP {
    en: "delete it: a ruleset holds only printable text, tabs and line breaks",
    zh: "请删除它：规则集中只能有可打印的文字、制表符和换行",
}
PARSE_CONTROL_CHARACTER_LABEL { en: "invisible character", zh: "不可见字符" }
/// `perfeval fmt` on a ruleset whose formatting would read back differently.
PARSE_FORMAT_CHANGES_MEANING {
    en: "formatting this ruleset would change what it means; it is left as it is",
    zh: "格式化会改变这个规则集的含义，因此保持原样",
}
PARSE_FORMAT_CHANGES_MEANING_HELP {
    en: "this is a bug of perfeval: please report it with the file",
    zh: "这是 perfeval 的缺陷：请连同此文件一起报告",
}
PARSE_FORMAT_CHANGES_MEANING_LABEL { en: "this file", zh: "此文件" }
PARSE_NUMBER_OUT_OF_RANGE {
    en: "the number `{text}` is out of range",
    zh: "数字 `{text}` 超出范围",
}
PARSE_NUMBER_OUT_OF_RANGE_HELP {
    en: "a number has at most 26 significant digits (a longer one would make sums round)",
    zh: "数字最多有 26 位有效数字（更长的数会使求和舍入）",
}
PARSE_NUMBER_OUT_OF_RANGE_LABEL { en: "out of range", zh: "超出范围" }
PARSE_INVALID_DATE { en: "`{text}` is not a valid date", zh: "`{text}` 不是有效的日期" }
PARSE_INVALID_DATE_HELP {
    en: "write a date that exists, as YYYY-MM-DD",
    zh: "请按 YYYY-MM-DD 写一个实际存在的日期",
}
PARSE_INVALID_YEAR { en: "`{text}` is not a year", zh: "`{text}` 不是年份" }
PARSE_INVALID_YEAR_HELP {
    en: "write a whole year between 1 and 9999, such as 2023",
    zh: "请写 1 至 9999 之间的整数年份，如 2023",
}
PARSE_INVALID_YEAR_LABEL { en: "not a year", zh: "不是年份" }
PARSE_UNKNOWN_SEVERITY { en: "unknown severity `{name}`", zh: "未知的严重程度 `{name}`" }
PARSE_UNKNOWN_SEVERITY_LABEL { en: "not a severity", zh: "不是严重程度" }
PARSE_UNKNOWN_SEVERITY_LIST {
    en: "the severities are error (错误), warning (警告) and info (提示)",
    zh: "严重程度有 `错误`（error）、`警告`（warning）和 `提示`（info）",
}
PARSE_UNKNOWN_ROUNDING_MODE {
    en: "unknown rounding mode `{name}`",
    zh: "未知的舍入方式 `{name}`",
}
PARSE_UNKNOWN_ROUNDING_MODE_LABEL { en: "not a rounding mode", zh: "不是舍入方式" }
PARSE_UNKNOWN_ROUNDING_MODE_LIST {
    en: "the modes are half_away_from_zero (四舍五入), half_toward_zero (五舍六入), half_even (银行家舍入, 四舍六入五成双), truncate (截尾), away_from_zero (进一), floor (向下取整), ceiling (向上取整)",
    zh: "舍入方式有 `half_away_from_zero`（四舍五入）、`half_toward_zero`（五舍六入）、`half_even`（银行家舍入，四舍六入五成双）、`truncate`（截尾）、`away_from_zero`（进一）、`floor`（向下取整）、`ceiling`（向上取整）",
}
PARSE_INVALID_ESCAPE {
    en: "unknown escape `{text}` in a text",
    zh: "文字中有未知的转义 `{text}`",
}
PARSE_INVALID_ESCAPE_HELP {
    en: "the escapes are \\\" \\\\ \\n \\t \\{{ and \\}}",
    zh: "可用的转义有 \\\" \\\\ \\n \\t \\{{ 和 \\}}",
}
PARSE_INVALID_ESCAPE_LABEL { en: "unknown escape", zh: "未知的转义" }
PARSE_TOO_DEEP {
    en: "the expression is more than {limit} levels deep",
    zh: "表达式嵌套超过 {limit} 层",
}
PARSE_TOO_DEEP_NESTED {
    en: "the expression nests parentheses, `if`s or calls too deeply (about a hundred levels at most)",
    zh: "表达式中括号、`if` 或函数调用嵌套过深（最多约一百层）",
}
PARSE_TOO_DEEP_HELP {
    en: "nesting and chained operators both count; split the expression into several rules",
    zh: "括号嵌套和连续的运算符都计入层数；请把表达式拆成几条规则",
}
PARSE_TOO_DEEP_LABEL { en: "too deep", zh: "嵌套过深" }

/// Why a date is not one, in Chinese (English shows the date library's words).
DATE_NO_YEAR_ZERO { en: "a year is counted from 1", zh: "年份从 1 开始" }
DATE_NO_MONTH { en: "there is no month {month}", zh: "没有 {month} 月" }
DATE_DAYS_IN_MONTH {
    en: "{year}-{month} has {days} days",
    zh: "{year} 年 {month} 月只有 {days} 天",
}
DATE_YEAR_RANGE { en: "the year {year} is out of range", zh: "年份 {year} 超出范围" }
DATE_FORMAT { en: "write the date as YYYY-MM-DD", zh: "日期应写作 YYYY-MM-DD" }
}
