//! The entries of the evaluation stage: `perfeval::eval::*`, and the words finding
//! messages show values and expectations in.

use super::Msg;

catalogue! {
SECTION_EVAL;

EVAL_DIVISION_BY_ZERO {
    en: "division by zero, evaluating `{project}`",
    zh: "计算 `{project}` 时出现除以零",
}
EVAL_DIVISION_BY_ZERO_HELP {
    en: "guard the formula, such as `if x == 0 then … else … / x`, or `x != 0 and …`",
    zh: "请为公式加上保护，如 `if x == 0 then … else … / x`，或 `x != 0 and …`",
}
EVAL_DIVISION_BY_ZERO_LABEL { en: "divides by zero for this project", zh: "对此项目除以零" }
/// `round(x, step)` where the step a formula gives is zero or less for this project.
EVAL_INVALID_STEP {
    en: "a rounding step is zero or less, evaluating `{project}`",
    zh: "计算 `{project}` 时舍入步长不大于零",
}
EVAL_INVALID_STEP_HELP {
    en: "a rounding step must be greater than zero: guard the formula that gives it, such as `if s > 0 then round(x, s) else x`",
    zh: "舍入步长须大于零：请为给出步长的公式加上保护，如 `if s > 0 then round(x, s) else x`",
}
EVAL_INVALID_STEP_LABEL { en: "a step of zero or less for this project", zh: "对此项目步长不大于零" }
EVAL_OVERFLOW {
    en: "a number is out of range, evaluating `{project}`",
    zh: "计算 `{project}` 时数值超出范围",
}
EVAL_OVERFLOW_HELP {
    en: "the project's numbers are too large for exact decimal arithmetic (28 significant digits)",
    zh: "项目中的数字太大，超出了精确十进制运算的范围（28 位有效数字）",
}
EVAL_OVERFLOW_LABEL { en: "out of range for this project", zh: "对此项目超出范围" }
EVAL_TOO_MUCH_WORK {
    en: "evaluating `{project}` would take more than {limit} steps of work: the ruleset's row filters, nested, grow with the form's rows multiplied, and a condition of many terms costs them in every row",
    zh: "计算 `{project}` 需要超过 {limit} 步运算：规则集中嵌套的行筛选，其工作量随表中行数成倍增长；项数很多的条件在每一行都要逐项计算",
}
EVAL_TOO_MUCH_WORK_HELP {
    en: "a filter inside a filter goes over every row for every row (`indicators[count(indicators[… outer.x …]) > 1]`); write the condition without nesting, or with fewer levels and terms",
    zh: "筛选中再套筛选，会对每一行再遍历每一行（`indicators[count(indicators[… outer.x …]) > 1]`）；请不嵌套地写出条件，或减少嵌套层数和项数",
}
EVAL_TOO_MUCH_WORK_LABEL { en: "where the work passed the limit", zh: "运算在此超出上限" }
EVAL_IMPOSSIBLE_TOTAL {
    en: "the total {total} of `{project}` is {limit}: no project can score that",
    zh: "`{project}` 的总分 {total} {limit}：任何项目都不可能得到这个分数",
}
EVAL_IMPOSSIBLE_TOTAL_LABEL { en: "the most a project can score", zh: "项目可得的最高分" }
EVAL_ABOVE_MAX { en: "above max_score {max}", zh: "超过满分 {max}" }
EVAL_BELOW_ZERO { en: "below 0", zh: "低于 0" }
EVAL_POOL_OVER {
    en: "the weights of pool `{pool}` add up to {weight}, more than its {points} points",
    zh: "分值池 `{pool}` 的权重合计 {weight}，超过其 {points} 分",
}
EVAL_CORRECT_FORM {
    en: "{pools}: correct the weights on the form",
    zh: "{pools}：请更正表上所填的权重",
}
EVAL_CORRECT_RULESET {
    en: "the ruleset's formulas (score adjustments, lines) gave a total no project can have: correct the ruleset",
    zh: "规则集的公式（得分调整、分项）算出了不可能的总分：请更正规则集",
}
ARITH_OVERFLOW { en: "the result is out of range", zh: "结果超出范围" }
ARITH_DIVISION_BY_ZERO { en: "division by zero", zh: "除以零" }
ARITH_INVALID_STEP { en: "a rounding step of zero or less", zh: "舍入步长不大于零" }

/// A value in a finding's message.
VALUE_NONE { en: "(none)", zh: "（无）" }
VALUE_YES { en: "yes", zh: "是" }
VALUE_NO { en: "no", zh: "否" }
VALUE_ROWS { en: "{n} rows", zh: "{n} 行" }
VALUE_ROW { en: "row {n} of {section}", zh: "{section} 第 {n} 行" }

/// What a failed comparison should have been.
EXPECT_EQUAL { en: "they should be equal", zh: "两者应相等" }
EXPECT_DIFFERENT { en: "they should differ", zh: "两者应不相等" }
EXPECT_LESS { en: "the first should be less than the second", zh: "前者应小于后者" }
EXPECT_NOT_GREATER { en: "the first should not be greater than the second", zh: "前者应不大于后者" }
EXPECT_GREATER { en: "the first should be greater than the second", zh: "前者应大于后者" }
EXPECT_NOT_LESS { en: "the first should not be less than the second", zh: "前者应不小于后者" }
EXPECT_HOLDS { en: "the condition should hold", zh: "条件应成立" }
}
