//! The entries of the command line: notes and summaries on standard error, the progress
//! bar, clap's help (every command and argument: `CLI_<COMMAND>`, `CLI_<COMMAND>_<ARG>`,
//! `CLI_<COMMAND>_<ARG>_<VALUE>` for a possible value, `CLI_VALUE_<NAME>` for a value
//! name; the top command's are `CLI_ABOUT` and `CLI_<ARG>`) and clap's errors in
//! Chinese. English help keeps clap's own words for possible values and defaults.

use super::Msg;

catalogue! {
SECTION_CLI;

/// A note from a reader about one file.
CLI_NOTE { en: "note: {file}: {note}", zh: "注：{file}：{note}" }
/// indicatif's template: its own `{…}` placeholders are escaped.
CLI_PROGRESS {
    en: "{{spinner}} evaluating {{pos}}/{{len}} forms [{{bar:30}}] {{elapsed}}",
    zh: "{{spinner}} 评估 {{pos}}/{{len}} 份 [{{bar:30}}] {{elapsed}}",
}
/// The run in one line on standard error (the reports' own line is always Chinese).
TALLY_LINE {
    en: "{projects} projects: {clean} without problems, {errors} with errors, {warnings} with warnings, {failed} not evaluated",
    zh: "共 {projects} 个项目：无问题 {clean}，有错误 {errors}，有警告 {warnings}，无法评估 {failed}",
}
TALLY_SKIPPED_ONE { en: "; {skipped} file skipped", zh: "；跳过文件 {skipped}" }
TALLY_SKIPPED { en: "; {skipped} files skipped", zh: "；跳过文件 {skipped}" }
TALLY_TOTALS {
    en: "; totals: mean {mean}, lowest {min}, highest {max}",
    zh: "；合计 平均 {mean}，最低 {min}，最高 {max}",
}

CLI_ABOUT {
    en: "perfeval：财政支出项目绩效自评规则引擎。Checks self-evaluation forms against a ruleset: recomputes every weight and score and checks the budget arithmetic",
    zh: "perfeval：财政支出项目绩效自评规则引擎。按规则集核对自评表：重新计算每项权重和得分，并核对预算数据的勾稽关系",
}
CLI_LANG {
    en: "The language of messages and help: `zh` or `en` (default: the locale's, `LC_ALL`, `LC_MESSAGES` or `LANG`)",
    zh: "提示信息和帮助的语言：`zh` 或 `en`（默认按系统区域设置 `LC_ALL`、`LC_MESSAGES` 或 `LANG`）",
}
CLI_LANG_ZH { en: "Chinese (中文)", zh: "中文" }
CLI_LANG_EN { en: "English", zh: "英文" }

CLI_CHECK {
    en: "Evaluate project files against a ruleset (评估自评表)",
    zh: "按规则集评估项目文件（评估自评表）",
}
CLI_CHECK_RULES {
    en: "The ruleset, such as `rulesets/2023.rules` (a file named `*.rules`)",
    zh: "规则集，如 `rulesets/2023.rules`（文件名为 `*.rules`）",
}
CLI_CHECK_PROJECTS {
    en: "Project files (.toml, .json, .yaml, .yml), folders of them, or `-` for one form on standard input. In folders, hidden files, editor and lock files, symbolic links, other kinds of file and perfeval's own reports are skipped and counted",
    zh: "项目文件（.toml、.json、.yaml、.yml）、存放它们的文件夹，或 `-`（从标准输入读取一份表单）。文件夹中的隐藏文件、编辑器和锁定文件、符号链接、其他类型的文件以及 perfeval 自己的报告会被跳过并计数",
}
CLI_CHECK_FORMAT { en: "How to print the results", zh: "结果的输出格式" }
CLI_CHECK_FORMAT_TABLE { en: "Tables and diagnostics for people", zh: "表格和诊断信息，供人阅读" }
CLI_CHECK_FORMAT_JSON { en: "One JSON document for tools", zh: "一个 JSON 文档，供程序处理" }
CLI_CHECK_FORMAT_MARKDOWN {
    en: "Markdown tables and lists, to paste into a report",
    zh: "Markdown 表格和列表，可粘贴到报告中",
}
CLI_CHECK_FORMAT_HTML {
    en: "One self-contained HTML page laid out like the 自评表, to print",
    zh: "按自评表版式排好的单个 HTML 页面，供打印",
}
CLI_CHECK_FORMAT_CSV {
    en: "CSV for Excel (UTF-8 with a byte-order mark, CRLF): a row per indicator",
    zh: "供 Excel 打开的 CSV（带字节顺序标记的 UTF-8，CRLF 换行）：每个指标一行",
}
CLI_CHECK_FORMAT_XLSX {
    en: "An Excel workbook: a summary sheet and a sheet per project (binary: with `--output`, or standard output to a file or a pipe)",
    zh: "Excel 工作簿：一张汇总表，每个项目一张表（二进制：需用 `--output`，或把标准输出重定向到文件或管道）",
}
CLI_CHECK_SUMMARY {
    en: "One row per project instead of one per indicator (csv), only the summary table (table, markdown), page (html) or sheet (xlsx). Not with json",
    zh: "每个项目一行，而不是每个指标一行（csv）；只输出汇总表（table、markdown）、汇总页（html）或汇总表单（xlsx）。不能与 json 同用",
}
CLI_CHECK_QUIET {
    en: "Print only problems: in the reports for people (table, markdown, html), only projects with an error, a warning or no evaluation, and the run's summary line only if there is one; no progress bar. The content of json, csv and xlsx and the exit status are the same",
    zh: "只输出有问题的内容：在供人阅读的报告（table、markdown、html）中，只列出有错误、有警告或无法评估的项目，只在有这类项目时输出汇总行；不显示进度条。json、csv、xlsx 的内容和退出状态不变",
}
CLI_CHECK_OUTPUT {
    en: "Write the report to this file instead of standard output: a regular file (or a link to one) or a new file. It is written to a temporary file beside it and renamed into place, so an interrupted run leaves any old report whole; its permissions are kept. It may not be a file the run reads",
    zh: "把报告写入此文件，而不是标准输出：须是普通文件（或指向普通文件的链接）或新文件。报告先写入旁边的临时文件再改名替换，运行中断时旧报告保持完整；原文件的权限保留。不能是本次读取的文件",
}
CLI_CHECK_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB). Larger files are refused",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）。超过上限的文件不予读取",
}
CLI_CHECK_STDIN_FORMAT {
    en: "The format of a form on standard input (`-`) that does not start with `{{` (which is JSON)",
    zh: "从标准输入（`-`）读取的表单的格式，适用于不以 `{{` 开头的内容（以 `{{` 开头的是 JSON）",
}
CLI_CHECK_STDIN_FORMAT_TOML { en: "TOML", zh: "TOML 格式" }
CLI_CHECK_STDIN_FORMAT_JSON { en: "JSON", zh: "JSON 格式" }
CLI_CHECK_STDIN_FORMAT_YAML { en: "YAML", zh: "YAML 格式" }
CLI_CHECK_FOLLOW {
    en: "Follow symbolic links found in folders that lead to files or folders inside the folder named (links named on the command line are always followed). A link that loops or leads out of the folder is skipped",
    zh: "跟随文件夹中指向该文件夹内部文件或子文件夹的符号链接（命令行上直接给出的链接总会跟随）。循环的链接或指向文件夹外的链接会被跳过",
}

CLI_SHOW {
    en: "Print a ruleset with its `extends` chain applied, each item marked with the file and line it comes from (显示合并后的规则集)",
    zh: "输出按 `extends` 继承关系合并后的规则集，每一项标明来自哪个文件的哪一行（显示合并后的规则集）",
}
CLI_SHOW_RULES { en: "The ruleset, such as `rulesets/2024.rules`", zh: "规则集，如 `rulesets/2024.rules`" }
CLI_SHOW_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

CLI_IMPORT {
    en: "Turn filled forms (text exports, workbooks, CSV, Word) into TOML project files, placed by the labels of the ruleset's form (导入自评表)",
    zh: "把填好的表单（文本导出、工作簿、CSV、Word）按规则集表单的栏目名称转换为 TOML 项目文件（导入自评表）",
}
CLI_IMPORT_RULES {
    en: "The ruleset whose form the files fill, such as `rulesets/2023.rules`",
    zh: "文件所填表单对应的规则集，如 `rulesets/2023.rules`",
}
CLI_IMPORT_FILES {
    en: "Filled forms: text exports (.txt), workbooks (.xlsx, .xls, .ods), CSV files, Word documents (.docx), or folders of them",
    zh: "填好的表单：文本导出（.txt）、工作簿（.xlsx、.xls、.ods）、CSV 文件、Word 文档（.docx），或存放它们的文件夹",
}
CLI_IMPORT_OUTPUT {
    en: "Where to write: a file for one form (standard output without it), a folder for several (one `.toml` per form, named after its file and sheet)",
    zh: "写到哪里：一份表单时为文件（不指定则写到标准输出），多份表单时为文件夹（每份表单一个 `.toml`，按原文件名和工作表命名）",
}
CLI_IMPORT_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

CLI_EXPLAIN {
    en: "Explain every score of a form step by step: how its target and actual were read, the completion, the band, each deduction, the rounding, the rule and its clause (解释得分)",
    zh: "逐步解释表单的每项得分：目标值和实际完成值如何读取、完成率、满分区间、每项扣分、舍入、所用规则及其政策条款（解释得分）",
}
CLI_EXPLAIN_RULES { en: "The ruleset, such as `rulesets/2023.rules`", zh: "规则集，如 `rulesets/2023.rules`" }
CLI_EXPLAIN_PROJECT {
    en: "A form: a project file (.toml, .json, .yaml), or a text export, CSV file, workbook or Word document",
    zh: "一份表单：项目文件（.toml、.json、.yaml），或文本导出、CSV 文件、工作簿、Word 文档",
}
CLI_EXPLAIN_INDICATOR {
    en: "Explain only the indicators of this name (and the checks about them)",
    zh: "只解释这个名称的指标（以及与之有关的核对）",
}
CLI_EXPLAIN_FORMAT { en: "Text for people, or JSON for tools", zh: "文字供人阅读，JSON 供程序处理" }
CLI_EXPLAIN_FORMAT_TEXT { en: "Text in the form's words", zh: "用表上用语写的文字" }
CLI_EXPLAIN_FORMAT_JSON { en: "One JSON document", zh: "一个 JSON 文档" }
CLI_EXPLAIN_OUTPUT {
    en: "Write the explanation to this file instead of standard output",
    zh: "把解释写入此文件，而不是标准输出",
}
CLI_EXPLAIN_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`（最多 1 GiB）",
}

CLI_TEMPLATE {
    en: "Write a fill-in workbook (.xlsx) of the ruleset's form, for departments to fill in and send back (生成自评表模板)",
    zh: "生成规则集表单的空白工作簿（.xlsx），供各部门填写后交回（生成自评表模板）",
}
CLI_TEMPLATE_RULES {
    en: "The ruleset, such as `rulesets/2023.rules` (a file named `*.rules`)",
    zh: "规则集，如 `rulesets/2023.rules`（文件名为 `*.rules`）",
}
CLI_TEMPLATE_OUTPUT {
    en: "Write the workbook to this file, named `*.xlsx`: a regular file (or a link to one) or a new file, replaced atomically as `check --output` does. Without it, the workbook goes to standard output, which must not be a terminal",
    zh: "把工作簿写入此文件，文件名为 `*.xlsx`：须是普通文件（或指向普通文件的链接）或新文件，与 `check --output` 一样整体替换。不指定时写到标准输出，此时标准输出不能是终端",
}
CLI_TEMPLATE_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

/// Value names in usage and help: `--rules <规则集>`.
CLI_VALUE_RULESET { en: "RULESET", zh: "规则集" }
CLI_VALUE_PROJECT { en: "PROJECT", zh: "项目" }
CLI_VALUE_FILE { en: "FILE", zh: "文件" }
CLI_VALUE_OUT { en: "OUT", zh: "输出" }
CLI_VALUE_SIZE { en: "SIZE", zh: "大小" }
CLI_VALUE_FORMAT { en: "FORMAT", zh: "格式" }
CLI_VALUE_NAME { en: "NAME", zh: "名称" }
CLI_VALUE_LANG { en: "LANG", zh: "语言" }
CLI_VALUE_COMMAND { en: "COMMAND", zh: "命令" }

/// clap's own words, in Chinese help (English keeps clap's).
CLI_HEADING_USAGE { en: "Usage: ", zh: "用法：" }
CLI_HEADING_COMMANDS { en: "Commands", zh: "命令" }
CLI_HEADING_COMMANDS_COLON { en: "Commands:", zh: "命令：" }
CLI_HEADING_ARGUMENTS { en: "Arguments:", zh: "参数：" }
CLI_HEADING_OPTIONS { en: "Options:", zh: "选项：" }
CLI_OPTIONS_PLACEHOLDER { en: "[OPTIONS]", zh: "[选项]" }
CLI_HELP_FLAG {
    en: "Print help (`-h` a summary, `--help` in full)",
    zh: "显示帮助（`-h` 显示摘要，`--help` 显示详情）",
}
CLI_VERSION_FLAG { en: "Print version", zh: "显示版本" }
CLI_HELP_COMMAND {
    en: "Print this message or the help of the given subcommand(s)",
    zh: "显示本说明，或所给子命令的帮助",
}
CLI_POSSIBLE_VALUES { en: "possible values: {values}", zh: "可选值：{values}" }
CLI_POSSIBLE_VALUES_HEADING { en: "Possible values:", zh: "可选值：" }
CLI_DEFAULT { en: "default: {value}", zh: "默认：{value}" }

/// clap's errors, in Chinese (English keeps clap's).
CLI_ERROR_PREFIX { en: "error: ", zh: "错误：" }
CLI_TIP_PREFIX { en: "tip: ", zh: "提示：" }
CLI_MORE_HELP { en: "For more information, try `--help`", zh: "更多信息请加 `--help` 查看" }
CLI_ERROR_VALUE_MISSING { en: "`{arg}` needs a value", zh: "`{arg}` 需要一个值" }
CLI_ERROR_INVALID_VALUE {
    en: "`{value}` is not a value of `{arg}`",
    zh: "`{arg}` 不接受值 `{value}`",
}
CLI_ERROR_UNKNOWN_ARGUMENT { en: "unknown argument `{arg}`", zh: "无法识别的参数 `{arg}`" }
CLI_ERROR_UNKNOWN_COMMAND { en: "unknown command `{command}`", zh: "无法识别的命令 `{command}`" }
CLI_ERROR_NO_EQUALS {
    en: "`{arg}` takes its value after `=`",
    zh: "`{arg}` 的值须用 `=` 连接",
}
CLI_ERROR_VALUE_VALIDATION {
    en: "`{value}` is not a value of `{arg}`: {reason}",
    zh: "`{arg}` 的值 `{value}` 无效：{reason}",
}
CLI_ERROR_TOO_MANY_VALUES {
    en: "`{arg}` takes no more values: `{value}`",
    zh: "`{arg}` 的值过多：`{value}`",
}
CLI_ERROR_NUMBER_OF_VALUES {
    en: "`{arg}` is given the wrong number of values",
    zh: "`{arg}` 的值个数不对",
}
CLI_ERROR_CONFLICT {
    en: "`{arg}` cannot be used with `{prior}`",
    zh: "`{arg}` 不能与 `{prior}` 同用",
}
CLI_ERROR_MISSING_ARGUMENT {
    en: "required arguments are missing: {args}",
    zh: "缺少必需的参数：{args}",
}
CLI_ERROR_MISSING_COMMAND { en: "a command is missing", zh: "缺少命令" }
CLI_ERROR_INVALID_UTF8 { en: "an argument is not UTF-8 text", zh: "参数中有不是 UTF-8 的文字" }
CLI_ERROR_OTHER { en: "the command line is wrong", zh: "命令行有误" }
CLI_TIP_TRAILING {
    en: "to pass `{value}` as a value, write `-- {value}`",
    zh: "要把 `{value}` 作为值传入，请写 `-- {value}`",
}
}
