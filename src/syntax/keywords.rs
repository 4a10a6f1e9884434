//! The keywords of the ruleset language: one table, in both spellings.
//!
//! `grammar/perfeval.pest` stays the parser's source of truth (pest needs literals);
//! this table is what the rest of the program knows of keywords: syntax errors name
//! them in the file's language ([`Keywords`]), "did you mean" picks from them, the
//! printer writes them, and `docs/language.md` lists them. A test reads the grammar's
//! `kw_*` rules and fails where they and this table disagree.

/// One keyword.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Keyword {
    /// The grammar rule that matches it: `kw_ruleset`.
    pub rule: &'static str,
    /// The English spelling; empty for `万元`, which has none.
    pub en: &'static str,
    /// The Chinese spellings; the printer writes the first.
    pub zh: &'static [&'static str],
    /// Whether it can never be a name (the words of expressions).
    pub reserved: bool,
    /// What it opens or means, for the docs.
    pub means: &'static str,
}

/// The language a ruleset's keywords are written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Keywords {
    /// `ruleset`, `class`, `below deduct 5% per 1%`.
    #[default]
    En,
    /// `规则集`, `评分规则`, `低于区间 每 1% 扣 5%`.
    Zh,
}

const fn kw(
    rule: &'static str,
    en: &'static str,
    zh: &'static [&'static str],
    means: &'static str,
) -> Keyword {
    Keyword {
        rule,
        en,
        zh,
        reserved: false,
        means,
    }
}

const fn reserved(
    rule: &'static str,
    en: &'static str,
    zh: &'static [&'static str],
    means: &'static str,
) -> Keyword {
    Keyword {
        reserved: true,
        ..kw(rule, en, zh, means)
    }
}

/// The field types of a `form` block: English, Chinese, and the English name each
/// spelling means (`measure` has two Chinese names). The checker maps the meaning to a
/// type; the printer writes it in either language.
pub const FIELD_TYPES: [(&str, &str, &str); 10] = [
    ("text", "文本", "text"),
    ("measure", "度量", "measure"),
    ("measure", "指标值", "measure"),
    ("integer", "整数", "integer"),
    ("number", "数值", "number"),
    ("amount", "金额", "amount"),
    ("points", "分值", "points"),
    ("percent", "百分比", "percent"),
    ("date", "日期", "date"),
    ("bool", "是否", "bool"),
];

/// Every keyword, in the grammar's order.
pub const KEYWORDS: [Keyword; 87] = [
    kw(
        "kw_ruleset",
        "ruleset",
        &["规则集"],
        "opens the header: name, version, year",
    ),
    kw(
        "kw_version",
        "version",
        &["版本"],
        "header: the ruleset's version",
    ),
    kw(
        "kw_fiscal_year",
        "fiscal_year",
        &["财政年度"],
        "header: the fiscal year",
    ),
    kw(
        "kw_cutoff",
        "cutoff",
        &["截止日期"],
        "header: the data cutoff date",
    ),
    kw(
        "kw_max_score",
        "max_score",
        &["满分"],
        "header: the most points a form scores",
    ),
    kw(
        "kw_form",
        "form",
        &["表单"],
        "opens the form: sections and fields",
    ),
    kw(
        "kw_section",
        "section",
        &["栏目"],
        "form: a section of one record",
    ),
    kw("kw_rows", "rows", &["明细"], "form: a section of rows"),
    kw(
        "kw_optional",
        "optional",
        &["可选"],
        "form: a section or field that may be left out",
    ),
    kw(
        "kw_category",
        "category",
        &["类别"],
        "opens a category of indicators",
    ),
    kw(
        "kw_labels",
        "labels",
        &["别名"],
        "category: other words forms use for it; layout: other words a header writes for a field",
    ),
    kw(
        "kw_add",
        "add",
        &["增加"],
        "category: labels added to the base's, not replacing them (`add labels`)",
    ),
    kw(
        "kw_scored_by",
        "scored_by",
        &["评分类"],
        "category: the class that scores it",
    ),
    kw("kw_pool", "pool", &["分值池"], "opens a pool of points"),
    kw(
        "kw_categories",
        "categories",
        &["所含类别"],
        "pool: the categories it holds",
    ),
    kw(
        "kw_split",
        "split",
        &["分配"],
        "pool: how its points are split",
    ),
    kw(
        "kw_fixed",
        "fixed",
        &["固定"],
        "split: a catalog of fixed weights",
    ),
    kw("kw_evenly", "evenly", &["平均"], "split: even shares"),
    kw(
        "kw_declared",
        "declared",
        &["按填报"],
        "split: the weights the form declares",
    ),
    kw(
        "kw_share",
        "share",
        &["精确到"],
        "split: how an even share is rounded",
    ),
    kw(
        "kw_residual",
        "residual",
        &["余数"],
        "split: who carries what rounding leaves",
    ),
    kw(
        "kw_to",
        "to",
        &["至", "给"],
        "a range's upper end; the residual's carrier; a new name",
    ),
    kw(
        "kw_first",
        "first",
        &["第一项"],
        "residual: the first indicator",
    ),
    kw(
        "kw_last",
        "last",
        &["最后一项"],
        "residual: the last indicator",
    ),
    kw(
        "kw_matching",
        "matching",
        &["填报相符者"],
        "residual: the indicator whose declared weight matches",
    ),
    kw(
        "kw_none",
        "none",
        &["不分配"],
        "residual: no indicator; each share stays as rounded",
    ),
    kw(
        "kw_class",
        "class",
        &["评分规则"],
        "opens a class: how completion becomes a score",
    ),
    kw(
        "kw_full",
        "full",
        &["满分区间"],
        "class: the full-marks band",
    ),
    kw(
        "kw_from",
        "from",
        &["自"],
        "class: a full-marks band with no upper end",
    ),
    kw(
        "kw_below",
        "below",
        &["低于区间"],
        "class: the deduction below the band",
    ),
    kw(
        "kw_above",
        "above",
        &["高于区间"],
        "class: the deduction above the band",
    ),
    kw(
        "kw_deduct",
        "deduct",
        &["扣"],
        "deduction: the share of the weight taken",
    ),
    kw(
        "kw_per",
        "per",
        &["每"],
        "deduction: the step of completion",
    ),
    kw(
        "kw_inclusive",
        "inclusive",
        &["含"],
        "a range's end that belongs to it: `80% inclusive`, `80% 含`",
    ),
    kw(
        "kw_exclusive",
        "exclusive",
        &["不含"],
        "a range's end that does not belong to it: `90% exclusive`, `90% 不含`",
    ),
    kw(
        "kw_floor",
        "floor",
        &["最低"],
        "class: the least share a score falls to",
    ),
    kw(
        "kw_cap",
        "cap",
        &["最高"],
        "class: the greatest share a score reaches",
    ),
    kw(
        "kw_completion",
        "completion",
        &["完成率"],
        "opens the completion formulas",
    ),
    kw(
        "kw_comparators",
        "comparators",
        &["比较词"],
        "opens the comparator words",
    ),
    kw(
        "kw_before",
        "before",
        &["前置"],
        "comparators: words before the number",
    ),
    kw(
        "kw_after",
        "after",
        &["后置"],
        "comparators: words after the number",
    ),
    kw(
        "kw_grades",
        "grades",
        &["等级"],
        "opens the grades of qualitative indicators",
    ),
    kw(
        "kw_also",
        "also",
        &["又作"],
        "grades: other words for a grade",
    ),
    kw(
        "kw_target",
        "target",
        &["目标值"],
        "grades: an actual equal to the target word",
    ),
    kw(
        "kw_counts_as",
        "counts_as",
        &["视为"],
        "grades: the grade the target word counts as",
    ),
    kw(
        "kw_missing",
        "missing",
        &["缺失"],
        "opens the rules for missing values",
    ),
    kw(
        "kw_markers",
        "markers",
        &["标记"],
        "missing: the texts that mean no value",
    ),
    kw(
        "kw_layout",
        "layout",
        &["版式"],
        "opens the form's layout on paper",
    ),
    kw(
        "kw_ignore",
        "ignore",
        &["忽略"],
        "layout: cells that belong to no field",
    ),
    kw(
        "kw_totals",
        "totals",
        &["合计行"],
        "layout: the first words of a total row",
    ),
    kw(
        "kw_unexplained",
        "unexplained",
        &["无说明"],
        "missing: a missing value without explanation",
    ),
    kw(
        "kw_explained",
        "explained",
        &["有说明"],
        "missing: a missing value with an explanation",
    ),
    kw(
        "kw_scores",
        "scores",
        &["得"],
        "missing: the share such a value scores",
    ),
    kw(
        "kw_rounding",
        "rounding",
        &["舍入"],
        "the rounding of scores",
    ),
    kw(
        "kw_discard",
        "discard",
        &["不采信"],
        "a rule that does not take an actual value",
    ),
    kw(
        "kw_actual",
        "actual",
        &["实际完成值"],
        "discard: the actual value",
    ),
    kw(
        "kw_check",
        "check",
        &["核对"],
        "a check that raises a finding",
    ),
    kw(
        "kw_for",
        "for",
        &["逐行"],
        "check, adjust: for each row of a section",
    ),
    kw(
        "kw_when",
        "when",
        &["当"],
        "a condition: check, adjust, discard, rating",
    ),
    kw(
        "kw_message",
        "message",
        &["消息"],
        "check: the finding's message",
    ),
    kw(
        "kw_at",
        "at",
        &["位置"],
        "check: the value a finding points at",
    ),
    kw(
        "kw_findings",
        "findings",
        &["发现"],
        "opens the severities of the engine's findings",
    ),
    kw(
        "kw_extends",
        "extends",
        &["继承"],
        "header: the ruleset this one changes",
    ),
    kw(
        "kw_override",
        "override",
        &["修改"],
        "changes an item of the base",
    ),
    kw(
        "kw_remove",
        "remove",
        &["删除"],
        "drops an item or entry of the base",
    ),
    kw(
        "kw_rename",
        "rename",
        &["重命名"],
        "gives an item of the base a new name",
    ),
    kw(
        "kw_indicator",
        "indicator",
        &["指标"],
        "remove, rename: an indicator of a catalog",
    ),
    kw(
        "kw_adjust",
        "adjust",
        &["调整"],
        "an adjustment of scores or of the total",
    ),
    kw("kw_total", "total", &["总分"], "adjust: the total"),
    kw(
        "kw_score",
        "score",
        &["得分"],
        "a score formula (class, line, adjust)",
    ),
    kw(
        "kw_rating",
        "rating",
        &["评价等级"],
        "opens the rating of the total",
    ),
    kw(
        "kw_otherwise",
        "otherwise",
        &["其余"],
        "rating: the grade when no other holds",
    ),
    kw(
        "kw_line",
        "line",
        &["分项"],
        "points scored outside the indicator table",
    ),
    kw(
        "kw_read_from",
        "read_from",
        &["取自"],
        "grades: the fields a grade word is read from",
    ),
    kw(
        "kw_as",
        "as",
        &["记为"],
        "findings: the code to report a finding under",
    ),
    kw(
        "kw_let",
        "let",
        &["常量"],
        "a named constant: `let 扣减比例 = 5%`",
    ),
    kw(
        "kw_outer",
        "outer",
        &["本行"],
        "expression: the row outside `[…]`, as in `goal == outer.goal`",
    ),
    reserved("kw_if", "if", &["如果"], "expression: `if … then … else …`"),
    reserved(
        "kw_then",
        "then",
        &["则"],
        "expression: `if … then … else …`",
    ),
    reserved(
        "kw_else",
        "else",
        &["否则"],
        "expression: `if … then … else …`; residual: the fallback",
    ),
    reserved("kw_and", "and", &["且"], "expression: both hold"),
    reserved("kw_or", "or", &["或"], "expression: either holds"),
    reserved("kw_not", "not", &["非"], "expression: does not hold"),
    reserved(
        "kw_true",
        "true",
        &["真"],
        "expression: the condition that holds",
    ),
    reserved(
        "kw_false",
        "false",
        &["假"],
        "expression: the condition that does not hold",
    ),
    kw(
        "kw_points",
        "points",
        &["分"],
        "the unit of points: `80 分`",
    ),
    kw(
        "kw_amount_unit",
        "",
        &["万元"],
        "the unit of amounts: `1679.7 万元`",
    ),
];

/// The keyword whose English spelling is `en`.
#[must_use]
pub fn by_english(en: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.en == en)
}

/// The keyword matched by the grammar rule named `rule` (`kw_ruleset`).
#[must_use]
pub fn by_rule(rule: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.rule == rule)
}

impl Keyword {
    /// How it is written in `language`: the English spelling, or the first Chinese one
    /// (the English one where it has no Chinese one, which no keyword lacks).
    #[must_use]
    pub fn spelling(&self, language: Keywords) -> &'static str {
        match (language, self.zh.first()) {
            (Keywords::Zh, Some(zh)) => zh,
            (Keywords::En, _) if !self.en.is_empty() => self.en,
            (_, first) => first.copied().unwrap_or(self.en),
        }
    }

    /// Every spelling in `language`.
    pub fn spellings(&self, language: Keywords) -> impl Iterator<Item = &'static str> {
        let en = (language == Keywords::En && !self.en.is_empty()).then_some(self.en);
        let zh: &'static [&'static str] = if language == Keywords::Zh {
            self.zh
        } else {
            &[]
        };
        en.into_iter().chain(zh.iter().copied())
    }
}

/// `en` written in `language`: the keyword's spelling there, or `en` itself where it is
/// no keyword.
#[must_use]
pub fn spell(en: &'static str, language: Keywords) -> &'static str {
    by_english(en).map_or(en, |k| k.spelling(language))
}

/// How a residual's `to` is written in `language`: the residual goes *to* someone, `给`
/// rather than `至` (`余数 给 第一项`), as `perfeval fmt` writes it and syntax help offers it.
#[must_use]
pub fn residual_to(language: Keywords) -> &'static str {
    match language {
        Keywords::En => spell("to", language),
        Keywords::Zh => "给",
    }
}

/// Every spelling of every keyword in `language`, for "did you mean".
pub fn all_spellings(language: Keywords) -> impl Iterator<Item = &'static str> {
    KEYWORDS.iter().flat_map(move |k| k.spellings(language))
}

/// The language a ruleset text's keywords are written in: the one of more keyword
/// tokens, English on a tie (and for a text with no keyword).
///
/// A simple scan, so that it works on text that does not parse: comments and texts in
/// quotes are skipped, and every other word (a run of letters, digits and `_`) that is
/// a keyword's spelling counts for its language. A name spelt like a keyword counts as
/// well (the field `category` of a Chinese ruleset); a file is mostly keywords, so the
/// majority still tells. The unit `分` is left out: English rulesets write it too.
#[must_use]
pub fn detect(text: &str) -> Keywords {
    let (mut en, mut zh) = (0_usize, 0_usize);
    for word in words(text) {
        if matches!(word, "分" | "万元") {
            continue;
        }
        for k in &KEYWORDS {
            if k.en == word {
                en += 1;
            } else if k.zh.contains(&word) {
                zh += 1;
            }
        }
    }
    if zh > en { Keywords::Zh } else { Keywords::En }
}

/// The words of a ruleset text outside comments and quoted texts.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let c = rest.chars().next()?;
            if rest.starts_with("//") {
                rest = rest.find('\n').map_or("", |i| rest.get(i..).unwrap_or(""));
            } else if c == '"' || c == '“' {
                rest = after_text(rest, c);
            } else if is_word(c) {
                let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
                let (word, after) = rest.split_at(end);
                rest = after;
                return Some(word);
            } else {
                rest = rest.get(c.len_utf8()..).unwrap_or("");
            }
        }
    })
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The text after a quoted text that starts `rest` (at its end of line where it does
/// not close: texts never span lines).
fn after_text(rest: &str, open: char) -> &str {
    let close = if open == '"' { '"' } else { '”' };
    let mut chars = rest.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        if c == '\\' && open == '"' {
            chars.next();
        } else if c == close || c == '\n' {
            return rest.get(i + c.len_utf8()..).unwrap_or("");
        }
    }
    ""
}

/// Rewrites the keywords inside the backticks of `phrase` into `language`: the words
/// of syntax errors (`` `full LOW to HIGH` `` becomes `` `满分区间 下限 至 上限` ``).
/// Text outside backticks is the sentence and stays as it is.
#[must_use]
pub fn translate_code(phrase: &str, language: Keywords) -> String {
    if language == Keywords::En {
        return phrase.to_owned();
    }
    let mut out = String::with_capacity(phrase.len());
    for (i, part) in phrase.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 0 {
            out.push_str(part);
        } else {
            out.push_str(&translate_words(part, language));
        }
    }
    out
}

/// Every English keyword among the words of `code` in `language`.
fn translate_words(code: &str, language: Keywords) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let after = after_text(rest, '"');
            out.push_str(rest.get(..rest.len() - after.len()).unwrap_or(""));
            rest = after;
        } else if is_word(c) {
            let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
            let (word, after) = rest.split_at(end);
            // A word joined by `-` is part of a finding code (`score-mismatch`), no keyword.
            let in_code = out.ends_with('-') || after.starts_with('-');
            let keyword = by_english(word)
                .filter(|_| !in_code)
                .map(|k| k.spelling(language));
            out.push_str(keyword.or_else(|| placeholder(word)).unwrap_or(word));
            rest = after;
        } else {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    out
}

/// A place to fill in, as a syntax error's example writes it (`FORMULA` in `score
/// FORMULA`), in Chinese.
fn placeholder(word: &str) -> Option<&'static str> {
    Some(match word {
        "NAME" => "名称",
        "STEP" => "步长",
        "SHARE" => "比例",
        "RATE" => "扣分比例",
        "POINTS" => "分值",
        "ITEM" => "条目",
        "VALUE" => "值",
        "ROWS" => "明细表",
        "MODE" => "舍入方式",
        "LOW" => "下限",
        "HIGH" => "上限",
        "FORMULA" => "公式",
        "CONDITION" => "条件",
        "CODE" => "发现代码",
        "CLASS" => "评分规则名称",
        "YEAR" => "年度",
        "SEVERITY" => "严重程度",
        "LABEL" => "标签",
        "KEY" => "键",
        "GRADE" => "等级",
        "FILE" => "文件",
        "FIELD" => "字段",
        "DATE" => "日期",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_chinese_in_chinese_keywords() {
        assert_eq!(
            translate_code("`full LOW to HIGH`, `score FORMULA`", Keywords::Zh),
            "`满分区间 下限 至 上限`, `得分 公式`"
        );
        assert_eq!(
            translate_code("`full LOW to HIGH`", Keywords::En),
            "`full LOW to HIGH`"
        );
    }

    #[test]
    fn detects_the_language_of_most_keywords() {
        assert_eq!(detect("ruleset \"x\" { version \"1\" }"), Keywords::En);
        assert_eq!(detect("规则集 \"x\" { 版本 \"1\" }"), Keywords::Zh);
        assert_eq!(
            detect("规则集 \"ruleset rows\" { version \"1\" 财政年度 2023 }"),
            Keywords::Zh
        );
        assert_eq!(
            detect("// ruleset class check\n规则集 \"x\" {}"),
            Keywords::Zh
        );
        assert_eq!(detect(""), Keywords::En);
        assert_eq!(detect("max_score 80 分"), Keywords::En);
    }

    #[test]
    fn translates_keywords_in_code_only() {
        assert_eq!(
            translate_code("a rule such as `full LOW to HIGH` to see", Keywords::Zh),
            "a rule such as `满分区间 下限 至 上限` to see"
        );
        assert_eq!(
            translate_code("`ruleset \"name\" { ... }`", Keywords::Zh),
            "`规则集 \"name\" { ... }`"
        );
        assert_eq!(translate_code("`to`", Keywords::En), "`to`");
        // A finding code is no keyword, though `score` and `total` are.
        assert_eq!(
            translate_code("`override check score-mismatch`", Keywords::Zh),
            "`修改 核对 score-mismatch`"
        );
        assert_eq!(
            translate_code("`total-mismatch`", Keywords::Zh),
            "`total-mismatch`"
        );
    }

    #[test]
    fn spellings_by_language() {
        let to = by_english("to").unwrap();
        assert_eq!(to.spelling(Keywords::Zh), "至");
        assert_eq!(to.spellings(Keywords::Zh).collect::<Vec<_>>(), ["至", "给"]);
        let unit = by_rule("kw_amount_unit").unwrap();
        assert_eq!(unit.spelling(Keywords::En), "万元");
        assert_eq!(spell("nothing", Keywords::Zh), "nothing");
    }
}
