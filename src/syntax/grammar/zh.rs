//! The words of syntax errors in Chinese: a reviewer who reads Chinese hears `此处应为名称`,
//! not `此处应为 a name`. Code in backticks stays as it is (its keywords are translated
//! to the file's own language elsewhere); the prose around it is translated here.

use std::borrow::Cow;

/// A rule's English phrase in Chinese: a phrase of prose by its translation, any other
/// phrase (code in backticks, joined by `,` and `or`) with its joining words translated.
pub(super) fn phrase(english: &'static str) -> Cow<'static, str> {
    match whole(english) {
        Some(chinese) => Cow::Borrowed(chinese),
        None => Cow::Owned(joined(english)),
    }
}

/// Phrases of prose, each whole.
fn whole(english: &str) -> Option<&'static str> {
    Some(match english {
        "end of file" => "文件结尾",
        "whitespace" => "空白",
        "a comment" => "注释",
        "a `///` doc comment" => "`///` 文档注释",
        "a `//!` file comment" => "`//!` 文件注释",
        "a doc comment" => "文档注释",
        "a name" => "名称",
        "a finding code such as `budget-balance`" => "发现代码，如 `budget-balance`",
        "a number" => "数字",
        "a percentage such as `5%`" => "百分数，如 `5%`",
        "points such as `80 分`" => "分值，如 `80 分`",
        "an amount such as `100 万元`" => "金额，如 `100 万元`",
        "a date such as `2023-12-31`" => "日期，如 `2023-12-31`",
        "a text in quotes" => "带引号的文字",
        "a message in quotes" => "带引号的消息",
        "message text" => "消息文字",
        "a value" => "值",
        "an expression" => "表达式",
        "an operator" => "运算符",
        "a function call" => "函数调用",
        "a keyword" => "关键字",
        "a reserved word" => "保留字",
        "something else" => "其他内容",
        "a comparator (`=`, `>=`, `>`, `<=`, `<`)" => "比较符（`=`、`>=`、`>`、`<=`、`<`）",
        "a comparator with its words" => "比较符及其文字",
        "a category of the catalog: `决策 { ... }`" => "目录中的类别：`决策 { ... }`",
        "a field such as `paid: amount \"实际支付数\"`" => {
            "栏目，如 `paid: amount \"实际支付数\"`"
        }
        "a finding code and its severity" => "发现代码及其严重程度",
        "a grade such as `优 when total >= 90 分`" => "等级，如 `优 when total >= 90 分`",
        "a grade such as `好 100%`" => "等级，如 `好 100%`",
        "a range such as `[80%, 90%)`" => "区间，如 `[80%, 90%)`",
        "a rounding mode such as `half_away_from_zero`" => "舍入方式，如 `half_away_from_zero`",
        "a section key such as `budget` or `funds.appropriation`" => {
            "栏目组的键，如 `budget` 或 `funds.appropriation`"
        }
        "a severity (`error`, `warning`, `info`)" => "严重程度（`error`、`warning`、`info`）",
        "an indicator and its weight" => "指标及其权重",
        "comparators and `:` with a formula" => "比较符和 `:` 及公式",
        "an item (`ruleset`, `form`, `category`, `pool`, `class`, `check`, ...)" => {
            "条目（`ruleset`、`form`、`category`、`pool`、`class`、`check` 等）"
        }
        _ => return None,
    })
}

/// Code phrases with their joining words in Chinese: "`a`, `b` or `c`" is "`a`、`b` 或
/// `c`". Only the text outside backticks changes.
pub(super) fn joined(english: &str) -> String {
    english
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{part}`")
            } else {
                part.replace(" or ", " 或 ").replace(", ", "、")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every phrase of the grammar that is not code alone has its Chinese: no English
    /// prose reaches a Chinese syntax error.
    #[test]
    fn every_prose_phrase_has_its_chinese() {
        let rules = super::super::Rule::all_rules().iter();
        let phrases = rules.filter(|r| !r.is_keyword()).map(|r| r.phrase());
        for english in phrases.chain(["an operator", "something else"]) {
            let chinese = phrase(english);
            let prose: String = chinese.split('`').step_by(2).collect();
            assert!(
                !prose.chars().any(|c| c.is_ascii_alphabetic()),
                "{english} → {chinese}"
            );
        }
    }

    #[test]
    fn prose_is_translated_and_code_kept() {
        assert_eq!(phrase("a name"), "名称");
        assert_eq!(
            phrase("`check`, `discard` or `adjust`"),
            "`check`、`discard` 或 `adjust`"
        );
        assert_eq!(phrase("`a, b` or `c`"), "`a, b` 或 `c`");
    }
}
