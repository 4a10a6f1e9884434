//! The entries of imported forms: `perfeval::import::*`, the words for kinds of file,
//! the notes on what a reader skipped, and why a file is damaged.

use super::Msg;

catalogue! {
SECTION_IMPORT;

IMPORT_NO_FORM {
    en: "`{path}` holds no form of this ruleset: none of its sheets has the form's labels",
    zh: "`{path}` 中没有本规则集的表单：没有一个工作表带有表单的栏目名称",
}
IMPORT_NO_FORM_HELP {
    en: "check that the file is a filled 自评表 for this ruleset; the labels are those of the ruleset's `form` (`perfeval show`)",
    zh: "请确认这是按本规则集填写的自评表；栏目名称见规则集的 `form`（可用 `perfeval show` 查看）",
}
IMPORT_BLANK {
    en: "`{path}` is a blank form: none of the project's fields is filled in",
    zh: "`{path}` 是空白表单：项目的字段一个也没有填写",
}
IMPORT_BLANK_HELP {
    en: "fill in the form (项目名称, 预算 …) and check it again; in a folder, blank forms are skipped",
    zh: "请填写表单（项目名称、预算等）后再核对；文件夹中的空白表单会被跳过",
}
IMPORT_RENAMED {
    en: "written as `{path}`, as another form of this run has its name",
    zh: "写为 `{path}`，因为本次导入的另一份表单与它同名",
}
IMPORT_SEVERAL {
    en: "{count} forms were imported, and one output holds one form",
    zh: "导入了 {count} 份表单，但一个输出文件只能容纳一份",
}
IMPORT_SEVERAL_HELP {
    en: "name a folder with `-o DIR`: each form is written there as its own .toml file",
    zh: "请用 `-o DIR` 指定文件夹：每份表单各写成一个 .toml 文件",
}
IMPORT_NO_SUCH_FOLDER {
    en: "the folder `{path}` the forms are to be written into does not exist",
    zh: "要写入表单的文件夹 `{path}` 不存在",
}
IMPORT_NO_SUCH_FOLDER_HELP {
    en: "create the folder first (perfeval writes only the files it names), then import again",
    zh: "请先建好该文件夹（perfeval 只写出所指定的文件，不会自行创建文件夹），再重新导入",
}
IO_IMPORT_KINDS {
    en: "import reads filled forms: text exports (.txt), workbooks (.xlsx, .xls, .ods), CSV files and Word documents (.docx)",
    zh: "import 只读取填好的表单：文本导出（.txt）、工作簿（.xlsx、.xls、.ods）、CSV 文件和 Word 文档（.docx）",
}
IMPORT_FILE { en: "cannot read `{file}`: {error}", zh: "无法读取 `{file}`：{error}" }
IMPORT_WRONG_FORMAT {
    en: "this is not {expected}: it looks like {found}",
    zh: "这不是{expected}，看起来是{found}",
}
IMPORT_WRONG_FORMAT_HELP {
    en: "save the form in the format its name says (Excel: File → Save As), or rename it to the ending its format has",
    zh: "请按文件名所示的格式另存表单（Excel：文件 → 另存为），或把扩展名改成与实际格式相符",
}
IMPORT_ENCRYPTED {
    en: "{format} is protected by a password and cannot be read",
    zh: "{format}设有打开密码，无法读取",
}
IMPORT_ENCRYPTED_HELP {
    en: "open it, remove the password (Excel: File → Info → Protect Workbook → Encrypt with Password) and save it again",
    zh: "请打开文件，取消密码（Excel：文件 → 信息 → 保护工作簿 → 用密码进行加密）后重新保存",
}
IMPORT_CORRUPT { en: "{format} is damaged: {reason}", zh: "{format}已损坏：{reason}" }
IMPORT_CORRUPT_HELP {
    en: "open it in the program that made it and save it again, or ask the sender for a new copy",
    zh: "请用生成它的程序打开后重新保存，或请发送方重新提供",
}
IMPORT_TOO_LARGE {
    en: "{what} is larger than the limit of {limit}",
    zh: "{what}超过上限 {limit}",
}
IMPORT_TOO_LARGE_HELP {
    en: "a filled form takes a few hundred kilobytes; check that this is the right file",
    zh: "填好的表单通常只有几百 KB；请确认文件是否正确",
}
IMPORT_TOO_MANY_ROWS {
    en: "{sheet} has more than the {limit} rows a form may have (reading stopped at row {rows})",
    zh: "{sheet}超过表单允许的 {limit} 行（读到第 {rows} 行时停止）",
}
IMPORT_TOO_MANY_ROWS_HELP {
    en: "a form takes a few hundred rows; delete what follows it (Ctrl+End in Excel or WPS goes to the sheet's last cell that holds something), or move the form to a sheet of its own",
    zh: "表单通常只有几百行；请删除表单后面的内容（在 Excel 或 WPS 中按 Ctrl+End 可跳到工作表最后一个有内容的单元格），或把表单移到单独的工作表",
}
IMPORT_TOO_MANY_SHEETS {
    en: "the workbook has {sheets} sheets, more than the {limit} a file of forms may have",
    zh: "工作簿有 {sheets} 个工作表，超过允许的 {limit} 个",
}
IMPORT_TOO_MANY_SHEETS_HELP {
    en: "send the forms in several workbooks, or delete the sheets that hold no form",
    zh: "请把表单分成几个工作簿报送，或删去不含表单的工作表",
}
IMPORT_TOO_MANY_COLUMNS {
    en: "{sheet} has {columns} columns, more than the {limit} a form may have",
    zh: "{sheet}有 {columns} 列，超过表单允许的 {limit} 列",
}
IMPORT_TOO_MANY_COLUMNS_HELP {
    en: "a form takes a few dozen columns; delete what lies to its right (Ctrl+End in Excel or WPS goes to the sheet's last cell that holds something)",
    zh: "表单通常只有几十列；请删除表单右侧的内容（在 Excel 或 WPS 中按 Ctrl+End 可跳到工作表最后一个有内容的单元格）",
}
IMPORT_TOO_MANY_CELLS {
    en: "{sheet} spans more than the {limit} cells a form may have (reading stopped at cell {cells})",
    zh: "{sheet}占用的单元格超过表单允许的 {limit} 个（读到第 {cells} 个时停止）",
}
IMPORT_TOO_MANY_CELLS_HELP {
    en: "a form takes a few thousand cells; delete what lies below and to the right of it",
    zh: "表单通常只有几千个单元格；请删除表单下方和右侧的内容",
}
IMPORT_UNKNOWN_ENCODING {
    en: "the file is not UTF-8, UTF-16 or GB18030 text: the byte at line {line} cannot be read",
    zh: "文件不是 UTF-8、UTF-16 或 GB18030 编码的文本：第 {line} 行有无法识别的字节",
}
IMPORT_UNKNOWN_ENCODING_HELP {
    en: "save it as UTF-8 (Excel: Save As → CSV UTF-8), or as CSV from a Chinese Excel or WPS",
    zh: "请另存为 UTF-8（Excel：另存为 → CSV UTF-8），或用中文版 Excel、WPS 另存为 CSV",
}

/// What a reader calls the file it reads.
IMPORT_THE_WORKBOOK { en: "the workbook", zh: "工作簿" }
IMPORT_THE_DOCUMENT { en: "the document", zh: "文档" }
IMPORT_THE_FILE { en: "the file", zh: "文件" }
IMPORT_SHEET { en: "sheet `{name}`", zh: "工作表 `{name}` " }
IMPORT_UNPACKED { en: "{format}, unpacked,", zh: "{format}解压后" }
IMPORT_ONCE_READ { en: "{what}, once read,", zh: "{what}读入后" }
IMPORT_CELL_TEXT { en: "the text in the workbook's cells", zh: "工作簿单元格中的文字" }
IMPORT_SHARED_STRINGS { en: "the workbook's shared strings", zh: "工作簿的共享字符串" }
IMPORT_STYLES { en: "the workbook's styles", zh: "工作簿的样式" }

/// What a file looks like, or is.
KIND_EMPTY { en: "an empty file", zh: "一个空文件" }
KIND_ZIP_DOCUMENT { en: "a zip archive (a workbook .xlsx or .ods, or a Word document .docx)", zh: "一个 zip 压缩包（如 .xlsx、.ods 工作簿或 .docx 文档）" }
KIND_ZIP_OTHER { en: "a zip archive of another kind", zh: "一个其他类型的 zip 压缩包" }
KIND_OFFICE_97 { en: "an Office 97–2003 file (.xls or .doc)", zh: "一个 Office 97–2003 文件（.xls 或 .doc）" }
KIND_PDF { en: "a PDF document", zh: "一份 PDF 文档" }
KIND_IMAGE { en: "an image", zh: "一张图片" }
KIND_RTF { en: "an RTF document", zh: "一份 RTF 文档" }
KIND_EXCEL_XML { en: "an Excel 2003 XML spreadsheet", zh: "一个 Excel 2003 XML 电子表格" }
KIND_HTML {
    en: "a web page (HTML), as some systems export \"Excel\" files",
    zh: "一个网页（HTML），有些系统导出的“Excel”文件其实是网页",
}
KIND_TEXT { en: "text (such as CSV)", zh: "一段文本（如 CSV）" }
KIND_BINARY { en: "binary data of no known format", zh: "一段格式不明的二进制数据" }
KIND_DOCX { en: "a Word document (.docx)", zh: "一份 Word 文档（.docx）" }
KIND_XLSB { en: "an Excel binary workbook (.xlsb)", zh: "一个 Excel 二进制工作簿（.xlsb）" }
KIND_XLSX { en: "an Excel workbook (.xlsx)", zh: "一个 Excel 工作簿（.xlsx）" }
KIND_XLS { en: "an Excel 97–2003 workbook (.xls)", zh: "一个 Excel 97–2003 工作簿（.xls）" }
KIND_PPTX { en: "a PowerPoint presentation (.pptx)", zh: "一份 PowerPoint 演示文稿（.pptx）" }
KIND_OPEN_DOCUMENT { en: "an OpenDocument file (.ods or .odt)", zh: "一个 OpenDocument 文件（.ods 或 .odt）" }
KIND_ODS { en: "an OpenDocument spreadsheet (.ods)", zh: "一个 OpenDocument 电子表格（.ods）" }
KIND_ODT { en: "an OpenDocument text (.odt)", zh: "一份 OpenDocument 文本文档（.odt）" }

/// Notes on what a reader did, printed as `note: FILE: …`.
IMPORT_NOTE_READ_AS {
    en: "its name says {named}, but it is {actual}: read as it is",
    zh: "文件名表明是{named}，实际是{actual}：已按实际格式读取",
}
IMPORT_NOTE_HIDDEN { en: "sheet `{name}` is hidden, skipped", zh: "工作表 `{name}` 已隐藏，已跳过" }
IMPORT_NOTE_EMPTY_COLUMN {
    en: "column {address}, 「{text}」, is no column of the form, and nothing is written below it: passed over",
    zh: "单元格 {address}「{text}」所在的列不是表单的栏目，其下没有填写内容，已略过",
}
IMPORT_NOTE_TITLE {
    en: "cell {address}, 「{title}」, alone in its row above the form, is read as a title",
    zh: "单元格 {address}「{title}」在表单之上独占一行，按标题略过",
}
IMPORT_NOTE_SIGNING_DATE {
    en: "cell {address}, 「{date}」, a date alone or beside a signature, is read as the date the form was signed: passed over",
    zh: "单元格 {address}「{date}」是单独一行或与签章、填表人同行的日期，按落款日期略过",
}
IMPORT_NOTE_WRITTEN_DIFFERS {
    en: "cell {address} writes 「{value}」 for 「{label}」, which is read as 「{kept}」 from another cell: this one is not used",
    zh: "单元格 {address} 写的「{label}」为「{value}」，与另一处读取的「{kept}」不同，未采用",
}
IMPORT_NOTE_ON_SHEET { en: "sheet `{sheet}`: {note}", zh: "工作表 `{sheet}`：{note}" }
IMPORT_NOTE_EMPTY { en: "sheet `{name}` is empty, skipped", zh: "工作表 `{name}` 是空的，已跳过" }
IMPORT_NOTE_COVER_SHEET {
    en: "sheet `{name}` fills fields of one part of the form only (a cover page?) beside a whole form, not read as a form, skipped",
    zh: "工作表 `{name}` 只填了表单一个部分的栏目（可能是封面），而另有完整的表单，不作为表单读取，已跳过",
}
IMPORT_NOTE_INSTRUCTIONS_SHEET {
    en: "sheet `{name}` is named by a word the ruleset's layout ignores (instructions) and does not read as a form beside one that does: skipped",
    zh: "工作表 `{name}` 的名称是规则集版式中忽略的文字（填表说明之类），它读不成表单，而另有表单：已跳过",
}
IMPORT_NOTE_NO_FIELD {
    en: "sheet `{name}` holds no field of the form, not read",
    zh: "工作表 `{name}` 没有表单的栏目，未读取",
}
IMPORT_NOTE_ONE_FIELD {
    en: "sheet `{name}` fills only one field of the form, not read as a form, skipped",
    zh: "工作表 `{name}` 只填了表单的一个栏目，不作为表单读取，已跳过",
}
IMPORT_NOTE_NOT_WORKSHEET {
    en: "sheet `{name}` is not a worksheet, skipped",
    zh: "工作表 `{name}` 不是普通工作表，已跳过",
}
IMPORT_NOTE_TABS { en: "fields separated by tabs", zh: "各栏以制表符分隔" }
IMPORT_NOTE_SEMICOLONS { en: "fields separated by semicolons", zh: "各栏以分号分隔" }
IMPORT_NOTE_UTF16 { en: "read as UTF-16 text", zh: "已按 UTF-16 文本读取" }
IMPORT_NOTE_GB18030 { en: "read as GB18030 (GBK) text", zh: "已按 GB18030（GBK）文本读取" }

/// Why a file is damaged.
IMPORT_READER_PANIC {
    en: "it holds something the spreadsheet reader cannot make sense of",
    zh: "其中有电子表格读取程序无法识别的内容",
}
IMPORT_PART_NOT_UNPACKED { en: "`{name}` cannot be unpacked: {error}", zh: "`{name}` 无法解压：{error}" }
IMPORT_ZIP_UNREADABLE { en: "its zip archive cannot be read ({error})", zh: "其 zip 压缩包无法读取（{error}）" }
IMPORT_NO_PART { en: "it has no `{part}`", zh: "缺少 `{part}`" }
IMPORT_NOT_XML { en: "`{part}` is not XML ({error})", zh: "`{part}` 不是有效的 XML（{error}）" }
IMPORT_PART_HAS { en: "`{part}` has {what}", zh: "`{part}` 中有{what}" }
IMPORT_UNKNOWN_ENTITY {
    en: "it refers to an unknown entity `&{entity};`",
    zh: "其中引用了未知的实体 `&{entity};`",
}
IMPORT_NOT_A_COUNT { en: "a `{key}` that is not a count: `{text}`", zh: "不是计数的 `{key}`：`{text}`" }
IMPORT_TEXT_C_NOT_A_COUNT { en: "a `text:c` that is not a count", zh: "不是计数的 `text:c`" }
IMPORT_CFB_BROKEN {
    en: "{what} cannot be read as a compound file's",
    zh: "无法按复合文件格式读取{what}",
}
IMPORT_CFB_HEADER { en: "its header", zh: "文件头" }
IMPORT_CFB_DIRECTORY { en: "its directory", zh: "目录" }
IMPORT_CFB_STREAM { en: "its workbook stream", zh: "工作簿数据流" }
IMPORT_CFB_NO_STREAM { en: "it has no workbook stream", zh: "缺少工作簿数据流" }
IMPORT_BIFF_CUT {
    en: "its workbook stream ends inside a record",
    zh: "工作簿数据流在记录中途结束",
}
IMPORT_CELL_OUT_OF_SHEET {
    en: "sheet `{name}` refers to the cell `{address}`, outside what a sheet holds (columns A to XFD, rows 1 to 1048576, a range from its start to its end)",
    zh: "工作表 `{name}` 中的单元格地址 `{address}` 超出工作表的范围（列 A 至 XFD，行 1 至 1048576，区域须从起点到终点）",
}
IMPORT_CELL_TWICE {
    en: "sheet `{name}` holds the cell {address} twice, with two values: which is the form's cannot be told",
    zh: "工作表 `{name}` 中的单元格 {address} 出现了两次，各有一个值，无法确定哪一个是表上所填",
}
IMPORT_SHEET_NAMED_TWICE {
    en: "two sheets are named `{name}`",
    zh: "有两个工作表都名为 `{name}`",
}
IMPORT_SHARED_INDEX {
    en: "sheet `{name}`: the cell {cell} refers to shared text number `{index}`, which is no number",
    zh: "工作表 `{name}` 的单元格 {cell} 引用的共享文本编号 `{index}` 不是有效的编号",
}
IMPORT_UNCLOSED_QUOTE {
    en: "the quote that opens a field on line {line} is never closed: every line after it would be read as that field's text",
    zh: "第 {line} 行有一个字段的引号没有结束，其后的各行都会被读成这个字段的内容",
}
IMPORT_BIFF_CELL_TWICE {
    en: "sheet {number} holds the cell {address} twice, with two values: which is the form's cannot be told",
    zh: "第 {number} 个工作表中的单元格 {address} 出现了两次，各有一个值，无法确定哪一个是表上所填",
}
IMPORT_SHEETS_SHARE_DATA {
    en: "two sheets point at the same data",
    zh: "两个工作表指向同一份数据",
}
IMPORT_BIFF_SHEET_MISPLACED {
    en: "a sheet is not where its record says",
    zh: "工作表不在其记录所指的位置",
}
IMPORT_BIFF_SHORT_CELL { en: "a cell record is too short", zh: "单元格记录过短" }
IMPORT_BIFF_DIMENSIONS {
    en: "a sheet's DIMENSIONS record ends before it starts",
    zh: "工作表的 DIMENSIONS 记录终点早于起点",
}
IMPORT_BIFF_MULRK {
    en: "a MULRK record does not hold the cells it says",
    zh: "MULRK 记录中的单元格数与声明不符",
}
IMPORT_BIFF_MERGECELLS {
    en: "a MERGECELLS record does not hold the ranges it says",
    zh: "MERGECELLS 记录中的区域数与声明不符",
}
/// Another library's error text, in Chinese (English shows the library's own).
FOREIGN_ERROR { en: "the file's structure is not as expected", zh: "文件结构不符合预期" }
}
