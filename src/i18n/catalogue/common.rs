//! Entries shared by every stage: list separators, "did you mean", labels such as
//! "here".

use super::Msg;

catalogue! {
SECTION_COMMON;

/// Between the items of a list: `a, b`.
LIST_COMMA { en: ", ", zh: "、" }
/// Between the parts of a longer list: `a; b`.
LIST_SEMICOLON { en: "; ", zh: "；" }
/// Between a list's name and the list: `the fields are: …`.
LIST_COLON { en: ": ", zh: "：" }
/// Between the last two items of a list of code in backticks: `` `a`, `b` or `c` ``.
LIST_OR_CODE { en: "{init} or {last}", zh: "{init} 或 {last}" }
DID_YOU_MEAN { en: "did you mean `{name}`?", zh: "是否应为 `{name}`？" }
LABEL_HERE { en: "here", zh: "此处" }
LABEL_DEFINED_AGAIN { en: "defined again here", zh: "此处重复定义" }
LABEL_FIRST_DEFINED { en: "first defined here", zh: "首次定义于此" }
/// The prefix miette writes before help, and before related diagnostics.
/// `help: ` keeps its indent; both take eight columns, so wrapped help stays aligned.
RENDER_HELP { en: "  help: ", zh: "  建议：" }
RENDER_ERROR { en: "Error: ", zh: "错误：" }
RENDER_WARNING { en: "Warning: ", zh: "警告：" }
RENDER_ADVICE { en: "Advice: ", zh: "提示：" }

/// The kinds of item, as messages name them: the keyword in English, a noun in Chinese.
ITEM_CATEGORY { en: "category", zh: "类别" }
ITEM_POOL { en: "pool", zh: "分值池" }
ITEM_CLASS { en: "class", zh: "评分规则" }
ITEM_LINE { en: "line", zh: "分项" }
ITEM_INDICATOR { en: "indicator", zh: "指标" }
ITEM_CHECK { en: "check", zh: "核对" }
ITEM_DISCARD { en: "discard", zh: "不采信规则" }
ITEM_ADJUST { en: "adjust", zh: "调整" }
ITEM_RATING { en: "rating", zh: "评价等级" }
ITEM_ROUNDING { en: "rounding", zh: "舍入规则" }
ITEM_COMPLETION { en: "completion", zh: "完成率公式" }
ITEM_COMPARATORS { en: "comparators", zh: "比较符" }
ITEM_GRADES { en: "grades", zh: "等级" }
ITEM_MISSING { en: "missing", zh: "缺失规则" }
ITEM_LAYOUT { en: "layout", zh: "版式" }
ITEM_FINDINGS { en: "findings", zh: "发现设置" }
ITEM_CONSTANT { en: "constant", zh: "常量" }

/// Other things messages name.
WHAT_FINDING_SEVERITY { en: "finding severity", zh: "发现严重程度" }
WHAT_FORM_SECTION { en: "form section", zh: "表单栏目" }
WHAT_FORM_FIELD { en: "form field", zh: "表单字段" }
WHAT_CATALOG_INDICATOR { en: "catalog indicator", zh: "目录指标" }
WHAT_GRADE { en: "grade", zh: "等级" }
WHAT_RATING_GRADE { en: "rating grade", zh: "评价等级" }
}
