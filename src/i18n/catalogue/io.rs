//! The entries of files read and written: `perfeval::io::*`, `perfeval::output::*`, the
//! kinds of file and of I/O error, sizes, and the folder walk's note.

use super::Msg;

catalogue! {
SECTION_IO;

IO {
    en: "cannot read `{path}`: {error}",
    zh: "无法读取 `{path}`：{error}",
}
IO_HELP {
    en: "check the path and that the file is readable",
    zh: "请检查路径是否正确、文件是否可读",
}
IO_NOT_A_FILE {
    en: "cannot read `{path}`: it is {kind}, not a regular file",
    zh: "无法读取 `{path}`：它是{kind}，不是普通文件",
}
IO_NOT_A_FILE_HELP {
    en: "perfeval reads regular files only; to read a form from standard input, name it `-`",
    zh: "perfeval 只读取普通文件；要从标准输入读取表单，请写 `-`",
}
IO_NOT_A_FILE_HELP_FOLDER {
    en: "name a file in it; `check`, `diff` and `import` read a folder's forms, and `test` its test files, but a ruleset is always a file",
    zh: "请指定其中的文件；`check`、`diff`、`import` 可以读取文件夹中的表单，`test` 可以读取其中的测试文件，但规则集只能是文件",
}
IO_TOO_LARGE {
    en: "cannot read `{path}`: it is larger than the limit of {limit}",
    zh: "无法读取 `{path}`：文件超过大小上限 {limit}",
}
IO_TOO_LARGE_HELP {
    en: "a form takes a few kilobytes and a ruleset a few hundred lines; if this is the right file, raise the limit with `--max-file-size`",
    zh: "一份表单通常只有几 KB，一个规则集只有几百行；如确是这个文件，请用 `--max-file-size` 提高上限",
}
IO_LINE_TOO_LARGE {
    en: "cannot read `{path}`: the line is longer than the limit of {limit}",
    zh: "无法读取 `{path}`：这一行超过大小上限 {limit}",
}
IO_LINE_TOO_LARGE_HELP {
    en: "each line of a JSON Lines file is one form, of a few kilobytes; the next lines are read. If this is the right line, raise the limit of a line with `--max-file-size`",
    zh: "JSON Lines 文件每行一份表单，通常只有几 KB；其后各行照常读取。如确是这一行，请用 `--max-file-size` 提高每行的上限",
}
IO_NOT_A_RULESET {
    en: "`{path}` is not a ruleset: {reason}",
    zh: "`{path}` 不是规则集：{reason}",
}
IO_NOT_A_RULESET_HELP {
    en: "a ruleset file's name ends in `.rules`; perfeval reads no other file as a ruleset",
    zh: "规则集的文件名以 `.rules` 结尾；其他文件一律不作为规则集读取",
}
IO_REPORT {
    en: "`{path}` is a perfeval report, not a project file",
    zh: "`{path}` 是 perfeval 生成的报告，不是项目文件",
}
IO_NOT_JSON_LINES {
    en: "`{path}` is one JSON document written over several lines, not JSON Lines (one project a line)",
    zh: "`{path}` 是分多行书写的单个 JSON 文档，不是 JSON Lines（每行一个项目）",
}
IO_NOT_JSON_LINES_BINARY {
    en: "`{path}` is not JSON Lines (one project a line): it is {what}",
    zh: "`{path}` 不是 JSON Lines（每行一个项目）：它是{what}",
}
IO_NOT_JSON_LINES_HELP {
    en: "name a project file or a form (a workbook, a Word document) as a PROJECT, without `--jsonl`; a JSON Lines file writes each project whole on one line",
    zh: "项目文件或表单（工作簿、Word 文档）请直接作为 PROJECT 给出，不加 `--jsonl`；JSON Lines 文件要把每个项目完整写在一行里",
}
IO_REPORT_HELP {
    en: "check the form the report was made from; in a folder, reports are skipped",
    zh: "请核对生成该报告所用的表单；文件夹中的报告会被跳过",
}
IO_STDIN_TWICE {
    en: "standard input (`-`) is named more than once",
    zh: "标准输入（`-`）指定了不止一次",
}
IO_STDIN_TWICE_HELP {
    en: "standard input holds one form: name `-` once",
    zh: "标准输入只能容纳一份表单：`-` 只写一次",
}
IO_RULESETS_TOO_LARGE {
    en: "the ruleset and the bases it extends are larger than the limit of {limit} together",
    zh: "规则集及其继承的基础规则集合计超过大小上限 {limit}",
}
IO_LEADS_TO_NON_PROJECT {
    en: "it leads to `{real}`, whose name is not a project file's (.toml, .json, .yaml, .yml)",
    zh: "它指向 `{real}`，其文件名不是项目文件的（.toml、.json、.yaml、.yml）",
}
IO_FOLDER_NOT_SEARCHED {
    en: "the folder cannot be searched",
    zh: "无法查找该文件夹中的文件",
}
IO_FOLDER_EMPTY {
    en: "the folder holds no form: no project file (.toml, .json, .yaml, .yml), workbook (.xlsx, .xls, .ods), text export (.txt, .csv) or Word document (.docx)",
    zh: "文件夹中没有表单：没有项目文件（.toml、.json、.yaml、.yml）、工作簿（.xlsx、.xls、.ods）、文本导出（.txt、.csv）或 Word 文档（.docx）",
}
IO_NOT_A_FORM_NAME {
    en: "a form must be a project file (.toml, .json, .yaml, .yml), a workbook (.xlsx, .xls, .ods), a text export (.txt, .csv) or a Word document (.docx)",
    zh: "表单须为项目文件（.toml、.json、.yaml、.yml）、工作簿（.xlsx、.xls、.ods）、文本导出（.txt、.csv）或 Word 文档（.docx）",
}
IO_NOT_A_FORM_HELP {
    en: "name a form by the ending of its kind; a file of another kind is not read",
    zh: "请用表单种类对应的扩展名；其他种类的文件不予读取",
}
IO_NOT_A_FORM_HELP_WORD {
    en: "Word 97–2003 and WPS documents are not read: open it in Word or WPS and save it as a Word document (.docx)",
    zh: "不能读取 Word 97–2003 文档和 WPS 文字文档：请用 Word 或 WPS 打开，另存为 Word 文档（.docx）",
}
IO_NOT_A_FORM_HELP_SHEET {
    en: "this kind of workbook is not read: open it in Excel or WPS and save it as an Excel workbook (.xlsx)",
    zh: "不能读取这种工作簿：请用 Excel 或 WPS 打开，另存为 Excel 工作簿（.xlsx）",
}
IO_NOT_A_FORM_HELP_PDF {
    en: "a PDF holds no cells to read: check the workbook or Word document it was printed from",
    zh: "PDF 中没有可读取的单元格：请核对生成它的工作簿或 Word 文档",
}
IO_NOT_UTF8_RULESET {
    en: "the file is not UTF-8 text (at line {line}, column {column}); it may be GBK or GB18030: save it as UTF-8, for example with `iconv -f GB18030 -t UTF-8`",
    zh: "文件不是 UTF-8 文本（第 {line} 行第 {column} 列）；可能是 GBK 或 GB18030 编码，请另存为 UTF-8，例如用 `iconv -f GB18030 -t UTF-8`",
}
READ_NOT_REGULAR {
    en: "it is {kind}, not a regular file",
    zh: "它是{kind}，不是普通文件",
}
READ_TOO_LARGE {
    en: "it is larger than the limit of {limit}",
    zh: "文件超过大小上限 {limit}",
}
READ_NOT_RULES {
    en: "it is `{real}`, whose name does not end in `.rules`",
    zh: "它指向 `{real}`，文件名不以 `.rules` 结尾",
}
READ_BASE_NOT_RULES {
    en: "its name does not end in `.rules`",
    zh: "文件名不以 `.rules` 结尾",
}

OUTPUT {
    en: "cannot write `{path}`: {error}",
    zh: "无法写入 `{path}`：{error}",
}
OUTPUT_HELP {
    en: "check that the folder exists and can be written to, or choose another path",
    zh: "请确认文件夹存在且可以写入，或换一个路径",
}
OUTPUT_PLANTED_LINK {
    en: "the path goes through `{link}`, a symbolic link that another user made in a shared folder",
    zh: "路径经过 `{link}`，这是其他用户在共享文件夹中建立的符号链接",
}
/// `perfeval fmt`: the file read was replaced before it was written back.
OUTPUT_READ_ONLY {
    en: "the file is read-only: perfeval does not replace it",
    zh: "文件为只读，perfeval 不会替换它",
}
OUTPUT_OTHER_OWNER {
    en: "the file belongs to another user, and replacing it would make it yours: perfeval does not replace it",
    zh: "文件属于其他用户，替换后将归你所有，因此 perfeval 不会替换它",
}
OUTPUT_REPLACED {
    en: "the file was replaced or removed after it was read; run again",
    zh: "读取之后，文件被替换或删除了；请重新运行",
}
OUTPUT_NAMES_A_FOLDER {
    en: "the path names a folder, not a file",
    zh: "该路径指的是文件夹，不是文件",
}
OUTPUT_NOT_A_FILE {
    en: "cannot write `{path}`: it is {kind}, and a report only replaces a regular file",
    zh: "无法写入 `{path}`：它是{kind}，报告只能覆盖普通文件",
}
OUTPUT_NOT_A_FILE_HELP {
    en: "name a regular file, or a new file in an existing folder; to print the report, leave out `--output`",
    zh: "请指定一个普通文件，或已有文件夹中的新文件；要直接输出报告，请去掉 `--output`",
}
OUTPUT_OVER_INPUT {
    en: "cannot write `{path}`: it is `{input}`, an input of this run",
    zh: "无法写入 `{path}`：它就是本次读取的输入文件 `{input}`",
}
OUTPUT_OVER_INPUT_SAME {
    en: "cannot write `{path}`: it is an input of this run",
    zh: "无法写入 `{path}`：它是本次读取的输入文件",
}
OUTPUT_OVER_INPUT_STDOUT {
    en: "cannot write to standard output: it is `{input}`, an input of this run",
    zh: "无法写入标准输出：它指向本次读取的输入文件 `{input}`",
}
OUTPUT_OVER_INPUT_HELP {
    en: "write the report somewhere else: perfeval never writes to a file it reads",
    zh: "请把报告写到别处：perfeval 从不写入它所读取的文件",
}
OUTPUT_PROJECT_NAME {
    en: "a report (`--format {format}`) named `{path}` would be read as a project file by the next run",
    zh: "名为 `{path}` 的报告（`--format {format}`）在下次运行时会被当作项目文件读取",
}
OUTPUT_PROJECT_NAME_HELP {
    en: "name it with the ending of its format, `{ending}`, or write JSON with `--format json` (perfeval skips its own JSON reports)",
    zh: "请用这种格式的扩展名 `{ending}` 命名，或用 `--format json` 输出 JSON（perfeval 会跳过自己生成的 JSON 报告）",
}
OUTPUT_PDF {
    en: "perfeval does not write PDF: `{path}` would hold text that no PDF reader opens",
    zh: "perfeval 不直接生成 PDF：`{path}` 里写入的将是文字，PDF 阅读器无法打开",
}
OUTPUT_DIFF_FORMAT {
    en: "`{path}` names a report `diff` does not write (`--format {format}`): the file would hold a text table",
    zh: "`{path}` 的扩展名对应的报告（`--format {format}`）`diff` 不生成：文件里写入的将是文字表格",
}
OUTPUT_DIFF_FORMAT_HELP {
    en: "name the report `.txt` (a table), `.json`, `.jsonl` or `.csv`, or give `--format`",
    zh: "请把报告命名为 `.txt`（表格）、`.json`、`.jsonl` 或 `.csv`，或用 `--format` 指定格式",
}
OUTPUT_EXPLAIN_FORMAT {
    en: "`{path}` names a document `explain` does not write: an explanation is text or JSON, and the file would hold text",
    zh: "`{path}` 的扩展名对应的文档 `explain` 不生成：解释只有文字和 JSON 两种，文件里写入的将是文字",
}
OUTPUT_EXPLAIN_FORMAT_HELP {
    en: "name it `.txt`, or `.json` with `--format json`; a printable report of the scores is `perfeval check -o 报告.html`",
    zh: "请命名为 `.txt`，或配合 `--format json` 命名为 `.json`；供打印的评分报告请用 `perfeval check -o 报告.html`",
}
OUTPUT_PDF_HELP {
    en: "write an HTML page laid out for printing, `--output report.html`, and print it to PDF from a browser",
    zh: "请写出供打印的 HTML 页面（`--output 报告.html`），再在浏览器中打印为 PDF",
}
OUTPUT_BINARY_TO_TERMINAL {
    en: "an xlsx workbook is binary and is not written to a terminal",
    zh: "xlsx 工作簿是二进制文件，不能输出到终端",
}
OUTPUT_BINARY_TO_TERMINAL_HELP {
    en: "name the file with `--output report.xlsx`, or redirect standard output to a file or a pipe",
    zh: "请用 `--output report.xlsx` 指定文件，或把标准输出重定向到文件或管道",
}
OUTPUT_SUMMARY_JSON {
    en: "`--summary` does not apply to `--format json` or `--format jsonl`",
    zh: "`--summary` 不能与 `--format json` 或 `--format jsonl` 同用",
}
OUTPUT_SUMMARY_JSON_DOCUMENT {
    en: "`--summary` does not apply to `--format json`",
    zh: "`--summary` 不能与 `--format json` 同用",
}
OUTPUT_SUMMARY_JSON_HELP {
    en: "the JSON report holds every project's total and findings: leave out `--summary`, or choose `--format csv --summary` for one row per project",
    zh: "JSON 报告已含每个项目的合计和发现：请去掉 `--summary`，或改用 `--format csv --summary`，每个项目一行",
}
OUTPUT_WORKBOOK {
    en: "cannot make the xlsx workbook: {error}",
    zh: "无法生成 xlsx 工作簿：{error}",
}
OUTPUT_WORKBOOK_HELP {
    en: "write the report as CSV (`--format csv`) or JSON, which have no such limits",
    zh: "请改为输出 CSV（`--format csv`）或 JSON，它们没有这些限制",
}
OUTPUT_TERMINAL {
    en: "will not write a workbook to the terminal",
    zh: "不向终端输出工作簿",
}
OUTPUT_TERMINAL_HELP {
    en: "name a file with `-o form.xlsx`, or send standard output to one: `> form.xlsx`",
    zh: "请用 `-o form.xlsx` 指定文件，或把标准输出重定向到文件：`> form.xlsx`",
}
OUTPUT_NOT_XLSX {
    en: "a workbook named `{path}` would not open as one",
    zh: "名为 `{path}` 的工作簿将无法作为工作簿打开",
}
OUTPUT_NOT_XLSX_HELP {
    en: "name it with `.xlsx` at the end, such as `form.xlsx`",
    zh: "文件名请以 `.xlsx` 结尾，如 `form.xlsx`",
}
OUTPUT_EXISTS {
    en: "`{path}` exists, and this output is never written over a file (it may be a filled form)",
    zh: "`{path}` 已存在，此输出不会覆盖已有的文件（它可能是已填好的表单）",
}
OUTPUT_EXISTS_HELP {
    en: "name a file or folder that does not hold it, or move the file away and run again",
    zh: "请换一个文件名或文件夹，或把该文件移走后重新运行",
}
OUTPUT_OVER_FORM {
    en: "`{path}` exists and is not a perfeval report: a report replaces only a report perfeval wrote, never a form, a ruleset or a file of someone's own",
    zh: "`{path}` 已存在且不是 perfeval 的报告：报告只替换 perfeval 写的报告，不覆盖表单、规则集或他人自己的文件",
}
OUTPUT_OVER_FORM_HELP {
    en: "write the report to a new file, or over a report perfeval wrote (`report.json`, `report.txt`); move the file away first if it is to go",
    zh: "请把报告写到新文件，或写到 perfeval 以前写的报告上（如 `report.json`、`report.txt`）；确要替换该文件，请先把它移走",
}
OUTPUT_EDITED_REPORT {
    en: "`{path}` is a report perfeval wrote that has been changed since (a review written into it, or a report of an earlier version): replacing it would lose what was added",
    zh: "`{path}` 是 perfeval 写的报告，但写出后已被修改（其中写了审核意见，或是早先版本写的报告）：替换它会丢失所加的内容",
}
OUTPUT_EDITED_REPORT_HELP {
    en: "write the new report under another name; move the old one away first if it is to be replaced",
    zh: "请把新报告写到另一个文件名；确要替换旧报告，请先把它移走",
}
OUTPUT_STDOUT {
    en: "cannot write to standard output: {error}",
    zh: "无法写入标准输出：{error}",
}
OUTPUT_STDOUT_HELP {
    en: "check the disk or the program that standard output goes to, or use `--output`",
    zh: "请检查磁盘或接收标准输出的程序，或改用 `--output`",
}

/// The workbook writer's errors, in Chinese only: in English its own text is shown.
XLSX_ROW_COLUMN_LIMIT {
    en: "a row or column is beyond what a sheet holds",
    zh: "行数或列数超出工作表的上限",
}
XLSX_STRING_TOO_LONG {
    en: "a text is longer than a cell holds",
    zh: "文字长度超出单元格的上限",
}
XLSX_NUMBER {
    en: "a number is beyond what Excel holds",
    zh: "数值超出 Excel 的范围",
}
XLSX_OTHER {
    en: "the workbook writer failed",
    zh: "写入工作簿时出错",
}

FILE_KIND_FOLDER { en: "a folder", zh: "文件夹" }
FILE_KIND_LINK { en: "a symbolic link", zh: "符号链接" }
FILE_KIND_DANGLING_LINK {
    en: "a symbolic link that leads to nothing",
    zh: "指向不存在目标的符号链接",
}
FILE_KIND_FIFO { en: "a named pipe (FIFO)", zh: "命名管道（FIFO）" }
FILE_KIND_CHAR_DEVICE { en: "a character device", zh: "字符设备" }
FILE_KIND_BLOCK_DEVICE { en: "a block device", zh: "块设备" }
FILE_KIND_SOCKET { en: "a socket", zh: "套接字" }
FILE_KIND_REGULAR { en: "a regular file", zh: "普通文件" }
FILE_KIND_OTHER { en: "not a regular file", zh: "特殊文件" }

/// An I/O error's kind, shown in Chinese in place of the system's English text.
IO_KIND_WITH_CODE { en: "{text} (os error {code})", zh: "{text}（系统错误码 {code}）" }
IO_KIND_LINK_LOOP {
    en: "too many levels of symbolic links (a loop of links)",
    zh: "符号链接层数过多（链接可能互相指向，形成循环）",
}
IO_KIND_NOT_FOUND { en: "no such file or folder", zh: "文件或文件夹不存在" }
IO_KIND_PERMISSION_DENIED { en: "permission denied", zh: "没有访问权限" }
IO_KIND_ALREADY_EXISTS { en: "it already exists", zh: "已经存在" }
IO_KIND_WOULD_BLOCK { en: "the operation would block", zh: "操作会被阻塞" }
IO_KIND_INVALID { en: "invalid input", zh: "输入无效" }
IO_KIND_TIMED_OUT { en: "timed out", zh: "操作超时" }
IO_KIND_STORAGE_FULL { en: "no space left on the device", zh: "磁盘空间已满" }
IO_KIND_INTERRUPTED { en: "interrupted", zh: "操作被中断" }
IO_KIND_UNSUPPORTED { en: "not supported", zh: "系统不支持此操作" }
IO_KIND_UNEXPECTED_EOF { en: "the file ends too early", zh: "文件提前结束" }
IO_KIND_OUT_OF_MEMORY { en: "out of memory", zh: "内存不足" }
IO_KIND_BROKEN_PIPE { en: "the pipe is closed", zh: "管道已关闭" }
IO_KIND_NOT_A_DIRECTORY { en: "a part of the path is not a folder", zh: "路径中有一段不是文件夹" }
IO_KIND_IS_A_DIRECTORY { en: "it is a folder", zh: "这是文件夹" }
IO_KIND_DIRECTORY_NOT_EMPTY { en: "the folder is not empty", zh: "文件夹不是空的" }
IO_KIND_READ_ONLY { en: "the file system is read-only", zh: "文件系统为只读" }
IO_KIND_FILE_TOO_LARGE { en: "the file is too large", zh: "文件过大" }
IO_KIND_BUSY { en: "the resource is busy", zh: "资源正忙" }
IO_KIND_CROSSES_DEVICES { en: "the path crosses devices", zh: "不能跨设备操作" }
IO_KIND_TOO_MANY_LINKS { en: "too many links", zh: "链接过多" }
IO_KIND_INVALID_FILENAME { en: "the file name is not valid", zh: "文件名无效" }
IO_KIND_OTHER { en: "an input or output error", zh: "读写出错" }

SIZE_ONE_BYTE { en: "1 byte", zh: "1 字节" }
SIZE_BYTES { en: "{n} bytes", zh: "{n} 字节" }
SIZE_NOT_A_SIZE {
    en: "`{text}` is not a size: write a whole number of bytes, or one with a unit such as `16MiB`",
    zh: "`{text}` 不是有效的大小：请写字节数（整数），或带单位，如 `16MiB`",
}
SIZE_UNKNOWN_UNIT {
    en: "`{unit}` is not a unit of size: use B, KiB, MiB, GiB, KB, MB or GB",
    zh: "`{unit}` 不是大小单位：可用 `B`、`KiB`、`MiB`、`GiB`、`KB`、`MB` 或 `GB`",
}
JOBS_INVALID {
    en: "`{text}` is not a number of threads: write a whole number from 1 to {max}",
    zh: "`{text}` 不是有效的线程数：请写 1 到 {max} 之间的整数",
}
SIZE_TOO_LARGE {
    en: "`{text}` is more than the largest limit, {max}",
    zh: "`{text}` 超过了允许的最大上限 {max}",
}

/// The note on the files a folder walk skipped: `note: skipped 4 files in folders: …`.
SKIPPED_IN_FOLDERS_ONE {
    en: "note: skipped 1 file in folders: {parts}",
    zh: "注：跳过了文件夹中的 1 个文件：{parts}",
}
SKIPPED_IN_FOLDERS {
    en: "note: skipped {total} files in folders: {parts}",
    zh: "注：跳过了文件夹中的 {total} 个文件：{parts}",
}
SKIPPED_ONE {
    en: "note: skipped 1 file: {parts}",
    zh: "注：跳过了 1 个文件：{parts}",
}
SKIPPED {
    en: "note: skipped {total} files: {parts}",
    zh: "注：跳过了 {total} 个文件：{parts}",
}
SKIPPED_HIDDEN { en: "{n} hidden", zh: "隐藏文件 {n} 个" }
SKIPPED_EDITOR_ONE { en: "{n} editor or lock file", zh: "编辑器或锁定文件 {n} 个" }
SKIPPED_EDITOR { en: "{n} editor or lock files", zh: "编辑器或锁定文件 {n} 个" }
SKIPPED_LINK_ONE { en: "{n} symbolic link", zh: "符号链接 {n} 个" }
SKIPPED_LINK { en: "{n} symbolic links", zh: "符号链接 {n} 个" }
SKIPPED_SPECIAL_ONE { en: "{n} not a regular file", zh: "非普通文件 {n} 个" }
SKIPPED_SPECIAL { en: "{n} not regular files", zh: "非普通文件 {n} 个" }
SKIPPED_OTHER_ONE { en: "{n} not a project file ({endings})", zh: "非项目文件 {n} 个（{endings}）" }
SKIPPED_OTHER { en: "{n} not project files ({endings})", zh: "非项目文件 {n} 个（{endings}）" }
SKIPPED_REPORT_ONE { en: "{n} perfeval report", zh: "perfeval 报告 {n} 个" }
SKIPPED_REPORT { en: "{n} perfeval reports", zh: "perfeval 报告 {n} 个" }
SKIPPED_NOT_FORM { en: "{n} without a form ({names})", zh: "不含表单的文件 {n} 个（{names}）" }
SKIPPED_AGAIN { en: "{n} already included", zh: "重复指定的文件 {n} 个" }
SKIPPED_NO_EXTENSION { en: "no extension", zh: "无扩展名" }
/// `explain --indicator` naming no indicator of the form.
EXPLAIN_NO_SUCH_INDICATOR {
    en: "no indicator of `{file}` is named `{name}`: there is nothing to explain",
    zh: "`{file}` 中没有名为「{name}」的指标，无可解释",
}
EXPLAIN_NO_SUCH_INDICATOR_NAMES {
    en: "the form's indicators: {names}",
    zh: "表中的指标有：{names}",
}
}
