//! The entries of `perfeval template`: `perfeval::template::*`. The workbook's own
//! texts (the form, the notes sheet) are the 自评表's Chinese and are not here.

use super::Msg;

catalogue! {
SECTION_TEMPLATE;

TEMPLATE_TOO_LARGE {
    en: "the template does not fit in a workbook: {what}",
    zh: "模板超出工作簿的容量：{what}",
}
TEMPLATE_TOO_LARGE_HELP {
    en: "a worksheet holds 1,048,576 rows and 16,384 columns, and a cell 32,767 characters: shorten the form, its labels or the ruleset's doc comments",
    zh: "一个工作表最多 1,048,576 行、16,384 列，一个单元格最多 32,767 个字符：请精简表单、栏目名称或规则集的文档注释",
}
TEMPLATE_WRITE {
    en: "cannot write the template's cell {cell}: {reason}",
    zh: "无法写入模板的单元格 {cell}：{reason}",
}
TEMPLATE_WRITE_HELP {
    en: "this is a bug of perfeval: please report it with the ruleset",
    zh: "这是 perfeval 的缺陷：请连同规则集一起报告",
}
TEMPLATE_FORM_ROWS { en: "the form needs more than {max} rows", zh: "表单需要超过 {max} 行" }
TEMPLATE_CATEGORIES { en: "more than {max} categories", zh: "类别超过 {max} 个" }
TEMPLATE_FIELDS { en: "a section has more than {max} fields", zh: "有栏目的字段超过 {max} 个" }
TEMPLATE_NOTES_ROWS {
    en: "the ruleset's notes need more than {max} rows",
    zh: "规则集的说明需要超过 {max} 行",
}
TEMPLATE_THE_WORKBOOK { en: "the workbook", zh: "工作簿" }
TEMPLATE_THE_PROPERTIES { en: "the properties", zh: "文档属性" }
TEMPLATE_CELL_BEYOND {
    en: "{cell} is beyond the last row or column of a sheet",
    zh: "{cell} 超出了工作表的最后一行或最后一列",
}
TEMPLATE_TEXT_TOO_LONG {
    en: "the text of {cell} is longer than a cell holds",
    zh: "{cell} 的文字超过了单元格的容量",
}
}
