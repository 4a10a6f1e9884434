//! The entries of the command line: notes and summaries on standard error, the progress
//! bar, clap's help (every command and argument: `CLI_<COMMAND>`, `CLI_<COMMAND>_<ARG>`,
//! `CLI_<COMMAND>_<ARG>_<VALUE>` for a possible value, `CLI_VALUE_<NAME>` for a value
//! name; the top command's are `CLI_ABOUT` and `CLI_<ARG>`; a command under another,
//! `CLI_RULESETS_SHOW`) and clap's errors in Chinese. English help keeps clap's own words for possible values and defaults.

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
CLI_PROGRESS_COUNT {
    en: "{{spinner}} evaluating {{pos}} forms {{elapsed}}",
    zh: "{{spinner}} 评估 {{pos}} 份 {{elapsed}}",
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
    zh: "；合计得分：平均 {mean}，最低 {min}，最高 {max}",
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
CLI_COLOR {
    en: "When to colour diagnostics: `auto` on a terminal, unless `NO_COLOR` is set (or also elsewhere when `CLICOLOR_FORCE` is set and not `0`), `always`, `never`",
    zh: "何时给诊断信息着色：`auto` 在终端上着色，但设置了 `NO_COLOR` 时不着色（设置了 `CLICOLOR_FORCE` 且不为 `0` 时在别处也着色）；`always` 总是着色；`never` 从不着色",
}
CLI_COLOR_AUTO {
    en: "On a terminal, unless `NO_COLOR` is set (not empty); also elsewhere when `CLICOLOR_FORCE` is set (not empty, not `0`)",
    zh: "在终端上着色，但设置了 `NO_COLOR`（不为空）时不着色；设置了 `CLICOLOR_FORCE`（不为空、不为 `0`）时在别处也着色",
}
CLI_COLOR_ALWAYS {
    en: "Always, even in a pipe or a file (standard output and error only; a report written with `--output` never has colour)",
    zh: "总是着色，输出到管道或文件时也着色（仅限标准输出和标准错误；用 `--output` 写出的报告从不着色）",
}
CLI_COLOR_NEVER { en: "Never", zh: "从不着色" }

CLI_CHECK {
    en: "Evaluate project files against a ruleset (评估自评表)",
    zh: "按规则集评估项目文件（评估自评表）",
}
CLI_CHECK_RULES {
    en: "The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped ruleset's name, such as `2023` (`perfeval rulesets` lists them)",
    zh: "规则集：文件名为 `*.rules` 的文件，如 `rulesets/2024.rules`；或内置规则集的名称，如 `2023`（`perfeval rulesets` 可列出全部）",
}
CLI_CHECK_PROJECTS {
    en: "Forms: project files (.toml, .json, .yaml, .yml), filled forms as departments send them (workbooks .xlsx, .xls, .ods; text exports .txt, .csv; Word documents .docx), folders of them, or `-` for one form on standard input. In folders, hidden files, editor and lock files, symbolic links, other kinds of file and perfeval's own reports are skipped and counted",
    zh: "表单：项目文件（.toml、.json、.yaml、.yml）、各部门交来的填好的表单（工作簿 .xlsx、.xls、.ods，文本导出 .txt、.csv，Word 文档 .docx）、存放它们的文件夹，或 `-`（从标准输入读取一份表单）。文件夹中的隐藏文件、编辑器和锁定文件、符号链接、其他类型的文件以及 perfeval 自己的报告会被跳过并计数",
}
CLI_CHECK_FORMAT {
    en: "How to print the results. By default, as `--output`'s ending names a format (`.html`, `.md`, `.csv`, `.xlsx`, `.json`, `.jsonl`), else `table`",
    zh: "结果的输出格式。不指定时按 `--output` 文件的扩展名（`.html`、`.md`、`.csv`、`.xlsx`、`.json`、`.jsonl`）确定，否则为 `table`",
}
CLI_CHECK_FORMAT_TABLE { en: "Tables and diagnostics for people", zh: "表格和诊断信息，供人阅读" }
CLI_CHECK_FORMAT_JSON { en: "One JSON document for tools", zh: "一个 JSON 文档，供程序处理" }
CLI_CHECK_FORMAT_JSONL {
    en: "JSON Lines for tools: a header line, one line per project (as in `json`) written as the forms are evaluated, and a summary line",
    zh: "JSON Lines，供程序处理：一行表头，每个项目一行（与 `json` 中相同），随评估随写出，最后一行汇总",
}
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
CLI_CHECK_JSONL {
    en: "A JSON Lines file of projects, `-` for standard input: one project a line, each a JSON project file on one line, named `FILE:LINE` in the report; blank lines are skipped, and each line may be as long as `--max-file-size`. Read after the PROJECTs, a batch at a time",
    zh: "JSON Lines 格式的项目文件，`-` 表示标准输入：每行一个项目，即写在一行里的 JSON 项目文件，报告中称为 `文件:行`；空行跳过，每行不超过 `--max-file-size`。在各 PROJECT 之后分批读取",
}
CLI_CHECK_JOBS {
    en: "How many forms to evaluate at once (threads), 1 to 256; by default, one per processor. The report is the same whatever the number",
    zh: "同时评估的表单数（线程数），1 到 256；默认每个处理器一个。无论取多少，报告都相同",
}
CLI_CHECK_OUTPUT {
    en: "Write the report to this file instead of standard output: a regular file (or a link to one) or a new file. It is written to a temporary file beside it and renamed into place, so an interrupted run leaves any old report whole; its permissions are kept. It may not be a file the run reads. `-` is standard output",
    zh: "把报告写入此文件，而不是标准输出：须是普通文件（或指向普通文件的链接）或新文件。报告先写入旁边的临时文件再改名替换，运行中断时旧报告保持完整；原文件的权限保留。不能是本次读取的文件。`-` 指标准输出",
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
CLI_SHOW_RULES {
    en: "The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped ruleset's name, such as `2023` (`perfeval rulesets` lists them)",
    zh: "规则集：文件名为 `*.rules` 的文件，如 `rulesets/2024.rules`；或内置规则集的名称，如 `2023`（`perfeval rulesets` 可列出全部）",
}
CLI_SHOW_KEYWORDS {
    en: "The language of keywords, severities, rounding modes, field types and functions; by default, the one most of the ruleset file's keywords are in",
    zh: "关键字、严重程度、舍入方式、字段类型和函数所用的语言；默认取规则集文件中多数关键字所用的语言",
}
CLI_SHOW_KEYWORDS_EN {
    en: "English: `ruleset`, `class`, `below deduct 5% per 1%`",
    zh: "英文：`ruleset`、`class`、`below deduct 5% per 1%`",
}
CLI_SHOW_KEYWORDS_ZH {
    en: "Chinese: `规则集`, `评分规则`, `低于区间 每 1% 扣 5%`",
    zh: "中文：`规则集`、`评分规则`、`低于区间 每 1% 扣 5%`",
}
CLI_SHOW_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

CLI_IMPORT {
    en: "Turn filled forms (text exports, workbooks, CSV, Word) into TOML project files, placed by the labels of the ruleset's form (导入自评表)",
    zh: "把填好的表单（文本导出、工作簿、CSV、Word）按规则集表单的栏目名称转换为 TOML 项目文件（导入自评表）",
}
CLI_IMPORT_RULES {
    en: "The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped ruleset's name, such as `2023` (`perfeval rulesets` lists them)",
    zh: "规则集：文件名为 `*.rules` 的文件，如 `rulesets/2024.rules`；或内置规则集的名称，如 `2023`（`perfeval rulesets` 可列出全部）",
}
CLI_IMPORT_FILES {
    en: "Filled forms: text exports (.txt), workbooks (.xlsx, .xls, .ods), CSV files, Word documents (.docx), or folders of them",
    zh: "填好的表单：文本导出（.txt）、工作簿（.xlsx、.xls、.ods）、CSV 文件、Word 文档（.docx），或存放它们的文件夹",
}
CLI_IMPORT_OUTPUT {
    en: "Where to write: a file for one form (standard output without it), a folder for several (one `.toml` per form, named after its file and sheet); `-` is standard output",
    zh: "写到哪里：一份表单时为文件（不指定则写到标准输出），多份表单时为文件夹（每份表单一个 `.toml`，按原文件名和工作表命名）；`-` 指标准输出",
}
CLI_IMPORT_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

CLI_EXPLAIN {
    en: "Explain every score of a form step by step: how its target and actual were read, the completion, the band, each deduction, the rounding, the rule and its clause (解释得分)",
    zh: "逐步解释表单的每项得分：目标值和实际完成值如何读取、完成率、满分区间、每项扣分、舍入、所用规则及其政策条款（解释得分）",
}
CLI_EXPLAIN_RULES {
    en: "The ruleset: a file named `*.rules`, or a shipped ruleset's name, such as `2023`",
    zh: "规则集：文件名为 `*.rules` 的文件，或内置规则集的名称，如 `2023`",
}
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
    en: "Write the explanation to this file instead of standard output (`-` is standard output)",
    zh: "把解释写入此文件，而不是标准输出（`-` 指标准输出）",
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
    en: "The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped ruleset's name, such as `2023` (`perfeval rulesets` lists them)",
    zh: "规则集：文件名为 `*.rules` 的文件，如 `rulesets/2024.rules`；或内置规则集的名称，如 `2023`（`perfeval rulesets` 可列出全部）",
}
CLI_TEMPLATE_OUTPUT {
    en: "Write the workbook to this new file, named `*.xlsx`: a file that exists is never replaced (it may be a department's filled form), and the file appears whole or not at all. Without it (or with `-`), the workbook goes to standard output, which must not be a terminal",
    zh: "把工作簿写入这个新文件，文件名为 `*.xlsx`：已有的文件决不覆盖（它可能是部门已填好的表），文件要么完整写出，要么不出现。不指定（或为 `-`）时写到标准输出，此时标准输出不能是终端",
}
CLI_TEMPLATE_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

CLI_RULESETS {
    en: "List the rulesets that ship with perfeval, usable by name anywhere (`--rules 2023`), or print one (内置规则集)",
    zh: "列出 perfeval 内置的规则集（在任何目录下都可按名称使用，如 `--rules 2023`），或打印其中一个（内置规则集）",
}
CLI_RULESETS_FORMAT { en: "How to print the list", zh: "列表的输出格式" }
CLI_RULESETS_FORMAT_TABLE { en: "A table for people", zh: "表格，供人阅读" }
CLI_RULESETS_FORMAT_JSON { en: "A JSON array for tools", zh: "一个 JSON 数组，供程序处理" }
CLI_RULESETS_SHOW {
    en: "Print a shipped ruleset's text exactly as its file holds it, to copy as next year's start: `perfeval rulesets show 2023 > 2024.rules` (打印内置规则集)",
    zh: "按原文件一字不差地打印内置规则集，可复制作为下一年度规则集的起点：`perfeval rulesets show 2023 > 2024.rules`（打印内置规则集）",
}
CLI_RULESETS_SHOW_NAME {
    en: "Its name, with or without `.rules`: `2023`, `mof-2020.rules`",
    zh: "规则集名称，带不带 `.rules` 均可：`2023`、`mof-2020.rules`",
}

CLI_COMPLETIONS {
    en: "Print a completion script for a shell: `perfeval completions bash > ~/.local/share/bash-completion/completions/perfeval`",
    zh: "输出某种 shell 的命令补全脚本：`perfeval completions bash > ~/.local/share/bash-completion/completions/perfeval`",
}
CLI_COMPLETIONS_SHELL { en: "The shell to complete in", zh: "要补全的 shell" }
CLI_COMPLETIONS_SHELL_BASH { en: "Bash", zh: "Bash 的补全脚本" }
CLI_COMPLETIONS_SHELL_ELVISH { en: "Elvish", zh: "Elvish 的补全脚本" }
CLI_COMPLETIONS_SHELL_FISH { en: "Fish", zh: "Fish 的补全脚本" }
CLI_COMPLETIONS_SHELL_POWERSHELL { en: "PowerShell", zh: "PowerShell 的补全脚本" }
CLI_COMPLETIONS_SHELL_ZSH { en: "Zsh", zh: "Zsh 的补全脚本" }
CLI_MAN {
    en: "Print the man page (roff), generated from the command line: `perfeval man | man -l -`",
    zh: "输出由命令行定义生成的 man 手册页（roff 格式）：`perfeval man | man -l -`",
}
CLI_MAN_COMMAND {
    en: "A subcommand, for its own page (`perfeval-check(1)`); the page of `perfeval` itself without one",
    zh: "子命令，输出它自己的手册页（`perfeval-check(1)`）；不指定时输出 `perfeval` 本身的手册页",
}
/// `perfeval man nope`.
CLI_MAN_UNKNOWN_COMMAND {
    en: "`{name}` is not a command; the commands are {commands}",
    zh: "`{name}` 不是命令；命令有：{commands}",
}

CLI_FMT {
    en: "Rewrite ruleset files in the canonical layout, each in the language of its keywords, every comment kept (格式化规则集)",
    zh: "按标准版式重写规则集文件，各文件沿用其关键字的语言，注释全部保留（格式化规则集）",
}
CLI_FMT_FILES { en: "Ruleset files (`*.rules`) to format in place", zh: "要就地格式化的规则集文件（`*.rules`）" }
CLI_FMT_CHECK {
    en: "Write nothing: print a diff of each file that is not formatted and exit 1 if there is one (0 when every file is formatted)",
    zh: "不写入任何文件：对每个未格式化的文件输出差异，有这样的文件时退出状态为 1（所有文件都已格式化时为 0）",
}
CLI_FMT_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

CLI_DIFF {
    en: "Score the same forms under an old and a new ruleset and show what the change does to each and to all: totals, rows, findings and ratings that move, and the ruleset items that cause each move (政策变化对比)",
    zh: "用旧、新两个规则集为同一批表单评分，显示政策变化对每份表单和全部表单的影响：变动的合计得分、指标行、发现和评价等级，以及引起每项变动的规则集条目（政策变化对比）",
}
CLI_DIFF_RULES {
    en: "The two rulesets, the old one first: `--rules 2023 --rules 2024.rules` (files named `*.rules`, or shipped rulesets' names)",
    zh: "两个规则集，旧的在前：`--rules 2023 --rules 2024.rules`（文件名为 `*.rules` 的文件，或内置规则集的名称）",
}
CLI_DIFF_PROJECTS {
    en: "Project files and forms (as `check` reads them), folders of them, or `-` for one form on standard input. Each must fit both rulesets' forms; one that does not is reported as such",
    zh: "项目文件和表单（与 `check` 的读法相同）、存放它们的文件夹，或 `-`（从标准输入读取一份表单）。每份都须符合两个规则集的表单；不符合的会如实报告",
}
CLI_DIFF_JSONL {
    en: "A JSON Lines file of projects, `-` for standard input, read as `check --jsonl` reads it: one project a line, named `FILE:LINE` in the report. Read after the PROJECTs, a batch at a time",
    zh: "JSON Lines 格式的项目文件，`-` 表示标准输入，读法与 `check --jsonl` 相同：每行一个项目，报告中称为 `文件:行`。在各 PROJECT 之后分批读取",
}
CLI_DIFF_FORMAT {
    en: "How to print the comparison. By default, as `--output`'s ending names a format (`.json`, `.jsonl`, `.csv`), else `table`",
    zh: "对比结果的输出格式。不指定时按 `--output` 文件的扩展名（`.json`、`.jsonl`、`.csv`）确定，否则为 `table`",
}
CLI_DIFF_FORMAT_TABLE {
    en: "Tables for people: the rulesets' differences, a row per form, each changed form's rows and findings, the summary",
    zh: "表格，供人阅读：两个规则集的差异、每份表单一行、每份有变动的表单的指标行和发现，以及汇总",
}
CLI_DIFF_FORMAT_JSON {
    en: "One JSON document for tools (first key `perfeval_diff`)",
    zh: "一个 JSON 文档，供程序处理（第一个键为 `perfeval_diff`）",
}
CLI_DIFF_FORMAT_CSV {
    en: "CSV for Excel (UTF-8 with a byte-order mark, CRLF): a row per changed indicator",
    zh: "供 Excel 打开的 CSV（带字节顺序标记的 UTF-8，CRLF 换行）：每个有变动的指标一行",
}
CLI_DIFF_FORMAT_JSONL {
    en: "JSON Lines for tools: a header line, a line per form, the summary line; written as the forms are compared",
    zh: "JSON Lines，供程序处理：首行为表头，每份表单一行，末行为汇总；边对比边写出",
}
CLI_DIFF_SUMMARY {
    en: "One row per form instead of one per changed indicator (csv); only the forms table and the summary (table). Not with json or jsonl",
    zh: "每份表单一行，而不是每个有变动的指标一行（csv）；只输出表单表和汇总（table）。不能与 json 或 jsonl 同用",
}
CLI_DIFF_OUTPUT {
    en: "Write the report to this file instead of standard output, as `check --output` does: atomically, never over a file the run reads (`-` is standard output)",
    zh: "把报告写入此文件，而不是标准输出，与 `check --output` 相同：整体替换，且不会覆盖本次读取的文件（`-` 指标准输出）",
}
CLI_DIFF_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB). Larger files are refused",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）。超过上限的文件不予读取",
}
CLI_DIFF_STDIN_FORMAT {
    en: "The format of a form on standard input (`-`) that does not start with `{{` (which is JSON)",
    zh: "从标准输入（`-`）读取的表单的格式，适用于不以 `{{` 开头的内容（以 `{{` 开头的是 JSON）",
}
CLI_DIFF_STDIN_FORMAT_TOML { en: "TOML", zh: "TOML 格式" }
CLI_DIFF_STDIN_FORMAT_JSON { en: "JSON", zh: "JSON 格式" }
CLI_DIFF_STDIN_FORMAT_YAML { en: "YAML", zh: "YAML 格式" }
CLI_DIFF_FOLLOW {
    en: "Follow symbolic links found in folders that lead inside the folder named",
    zh: "跟随文件夹中指向该文件夹内部的符号链接",
}

CLI_TEST {
    en: "Run ruleset tests: cases of `*.test.toml` files that state what a ruleset must make of a form (运行规则集测试)",
    zh: "运行规则集测试：`*.test.toml` 文件中的测试用例写明规则集应当怎样评一份表单（运行规则集测试）",
}
CLI_TEST_PATHS {
    en: "Test files (`*.test.toml`) and folders searched for them, in name order; the current folder if none is named. Hidden folders, editor files and cache folders (`target/`, marked by a `CACHEDIR.TAG`) are passed over",
    zh: "测试文件（`*.test.toml`）和要在其中查找测试文件的文件夹，按名称顺序运行；不指定时为当前文件夹。隐藏文件夹、编辑器文件和缓存文件夹（`target/`，以 `CACHEDIR.TAG` 标记）会被略过",
}
CLI_TEST_COVERAGE {
    en: "List the parts of each ruleset (checks, class branches, grades, rating grades …) that no case exercised, each with its place and clause. The exit status is not changed",
    zh: "列出每个规则集中没有任何测试用例覆盖到的部分（核对、评分规则的各分支、定性等级、评价等级……），并注明各自的位置和政策条款。退出状态不变",
}
CLI_TEST_COVERAGE_FAIL {
    en: "As `--coverage`, and exit with status 1 when some part was not exercised",
    zh: "同 `--coverage`，且有部分未被覆盖时退出状态为 1",
}
CLI_TEST_FORMAT { en: "How to print the results", zh: "结果的输出格式" }
CLI_TEST_FORMAT_TEXT { en: "Lines as `cargo test` prints them", zh: "与 `cargo test` 相同的逐行输出" }
CLI_TEST_FORMAT_JSON { en: "One JSON document for tools", zh: "一个 JSON 文档，供程序处理" }
CLI_TEST_MAX_FILE_SIZE {
    en: "The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB` (at most 1 GiB)",
    zh: "读取文件的大小上限，写字节数或带单位：`512KiB`、`16MiB`、`100MB`（最多 1 GiB）",
}

/// The header of the formatted side of `perfeval fmt --check`'s diff.
FMT_FORMATTED { en: "{name} (formatted)", zh: "{name}（格式化后）" }

/// Value names in usage and help: `--rules <规则集>`.
CLI_VALUE_RULESET { en: "RULESET", zh: "规则集" }
CLI_VALUE_PROJECT { en: "PROJECT", zh: "项目" }
CLI_VALUE_FILE { en: "FILE", zh: "文件" }
CLI_VALUE_OUT { en: "OUT", zh: "输出" }
CLI_VALUE_SIZE { en: "SIZE", zh: "大小" }
CLI_VALUE_N { en: "N", zh: "数量" }
CLI_VALUE_FORMAT { en: "FORMAT", zh: "格式" }
CLI_VALUE_NAME { en: "NAME", zh: "名称" }
CLI_VALUE_LANG { en: "LANG", zh: "语言" }
CLI_VALUE_COMMAND { en: "COMMAND", zh: "命令" }
CLI_VALUE_WHEN { en: "WHEN", zh: "时机" }
CLI_VALUE_LANGUAGE { en: "LANGUAGE", zh: "语言" }
CLI_VALUE_SHELL { en: "SHELL", zh: "类型" }
CLI_VALUE_PATH { en: "PATH", zh: "路径" }

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
CLI_ERROR_TWICE {
    en: "`{arg}` is given more than once; it takes one value",
    zh: "`{arg}` 只能给一次，它只取一个值",
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
