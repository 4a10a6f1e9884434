//! Forms as departments send them: tab-separated text exports, CSV files, Excel and
//! OpenDocument workbooks, Word documents. Each is read into a grid of cells
//! ([`grid`]), which is placed on the form the ruleset declares by its labels
//! (`place`), then validated like any project file.
//!
//! Nothing is guessed in silence: every cell that fits no field is returned as an
//! [`Unplaced`] cell, with its address, and a sheet on which no form's labels are found
//! is not a form. Every value keeps where it came from, so that findings about an
//! imported form point at its cells.

mod archive;
pub mod csv;
mod dates;
pub mod docx;
pub mod error;
pub mod grid;
pub(crate) mod place;
pub mod text;
pub mod toml_out;
pub mod workbook;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::compile::Plan;
use crate::data::DataFailure;
use crate::data::project::Project;
use crate::finding::{EngineCode, Finding};
use crate::i18n::{msg, t};
use crate::source::SourceFile;

use self::grid::Sheet;
pub use self::place::{Misfit, Unplaced};

/// The kinds of file a form can be imported from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Tab-separated text (`.txt`, `.tsv`): a form exported from Word or a web system.
    Text,
    /// Comma-separated values (`.csv`), as Excel saves them (UTF-8, GB18030, UTF-16).
    Csv,
    /// A workbook: `.xlsx`, `.xlsm`, `.xls`, `.ods`; one form per sheet.
    Workbook(workbook::WorkbookKind),
    /// A Word document (`.docx`): its tables and paragraphs, in order.
    Docx,
}

impl Kind {
    /// The kind a path's extension names, in any case.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Kind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "tsv" => Some(Kind::Text),
            "csv" => Some(Kind::Csv),
            "docx" => Some(Kind::Docx),
            other => workbook::WorkbookKind::from_extension(other).map(Kind::Workbook),
        }
    }
}

/// One form read from a file: the project, and the cells that fit no field.
#[derive(Debug)]
pub struct Imported {
    /// The project, validated against the form.
    pub project: Project,
    /// Cells that belong to no field, in grid order.
    pub unplaced: Vec<Unplaced>,
    /// What reading the file decided that the user should know ("read as GB18030 (GBK)
    /// text"), on the file's first form.
    pub notes: Vec<String>,
    /// The sheet the form is on, where the file holds several forms.
    pub sheet: Option<String>,
}

/// Why a file could not be imported.
#[derive(Debug)]
pub enum ImportFailure {
    /// The file holds no form of this ruleset: no sheet has two of its labels. What
    /// reading it noted (sheets hidden and skipped, which may be why).
    NoForm {
        /// The notes.
        notes: Vec<String>,
    },
    /// The file's forms are blank: labels, and nothing filled in (a template).
    Blank,
    /// A form was found but does not fit the ruleset's form; what reading it noted
    /// (a cell read as a title, which may be the value found missing) goes with it.
    Data {
        /// Why it does not fit.
        failure: DataFailure,
        /// What reading it noted, as [`Imported::notes`].
        notes: Vec<String>,
    },
    /// The file cannot be read as its kind (a damaged workbook, a PDF named `.xlsx`).
    Read(error::ImportError),
}

/// Reads every form of a file: one per sheet that has the form's labels.
///
/// # Errors
///
/// The file cannot be read as its kind, holds no form, or a form does not fit (the
/// first that does not: see [`import_each`] for the others).
pub fn import(
    name: &str,
    bytes: &[u8],
    kind: Kind,
    plan: &Plan,
) -> Result<Vec<Imported>, ImportFailure> {
    import_each(name, bytes, kind, plan)?.into_iter().collect()
}

/// Reads every form of a file, each on its own: a sheet whose form does not fit (a
/// dash where an amount is required, a goal sheet beside the form) is that sheet's
/// [`ImportFailure::Data`], and the workbook's other forms are read all the same.
///
/// # Errors
///
/// The file cannot be read as its kind, or holds no form.
pub fn import_each(
    name: &str,
    bytes: &[u8],
    kind: Kind,
    plan: &Plan,
) -> Result<Vec<Result<Imported, ImportFailure>>, ImportFailure> {
    let book = read(bytes, kind).map_err(ImportFailure::Read)?;
    // A workbook of several sheets names the sheet of each cell it points at.
    let sheets = book.sheets.len();
    let mut notes = book.notes;
    let mut placed = Vec::new();
    let catalog = catalog_names(plan);
    let mut blank = false;
    for mut sheet in book.sheets {
        // A text export is shown as itself; a workbook's sheet as its rendered rows,
        // whose places are cells.
        let (shown, tabular) = match sheet.text.take() {
            Some(text) => (text, false),
            None => render(&mut sheet),
        };
        let shown: Arc<str> = shown.into();
        let mut lines = Lines::of(&shown);
        let form = (&plan.form, &plan.layout, plan.name.as_str());
        let mut read_any = false;
        for part in place::place_forms(&sheet, form, &catalog) {
            let placement = part.placement;
            read_any |= placement.fields_found > 0;
            if placement.fields_found < 2 {
                // A draft beside the forms (`项目名称 | 草稿项目` alone) is no form; said,
                // since a form begun there is one the reviewer may miss.
                if placement.fields_found == 1
                    && placement.record_values > 0
                    && !sheet.name.is_empty()
                {
                    notes.push(t!(IMPORT_NOTE_ONE_FIELD, name = sheet.name));
                }
                continue;
            }
            if placement.record_values == 0 {
                blank = true;
                continue;
            }
            let place = Place {
                sheet: sheet.name.clone(),
                line: (part.first_label).map(|(row, at)| match at {
                    Some(at) => lines.line_at(at),
                    None => row.saturating_add(1),
                }),
            };
            placed.push((place, Arc::clone(&shown), tabular, placement));
        }
        // A sheet of no field of the form beside one (`情况说明`, a letter explaining an
        // indicator) is not read: said, since the reviewer may need to read it.
        if !read_any && sheets > 1 && !sheet.name.is_empty() {
            notes.push(t!(IMPORT_NOTE_NO_FIELD, name = sheet.name));
        }
    }
    // A cover page (`封面`: the project's name and department) beside a whole form is no
    // form of its own; said, as a draft beside the forms is.
    if placed.iter().any(|(.., p)| p.sections_found > 1) {
        placed.retain(|(place, .., p)| {
            let cover = p.sections_found < 2;
            if cover {
                notes.push(t!(IMPORT_NOTE_COVER_SHEET, name = place.sheet));
            }
            !cover
        });
    }
    // A sheet is named only where the file holds several forms.
    let several = placed.len() > 1;
    // Sheets the layout's ignored words name (`填表说明`, whose table of 栏目 and 填写要求
    // names the fields): where one does not read as a form beside one that does, it is
    // instructions, skipped with a note, not a form refused.
    let instructions: Vec<Option<String>> = (placed.iter())
        .map(|(place, ..)| {
            (!place.sheet.is_empty() && ignored_name(plan, &place.sheet))
                .then(|| place.sheet.clone())
        })
        .collect();
    let mut forms = Vec::with_capacity(placed.len());
    // The forms stacked on one sheet share one source: its text and line index.
    let mut stacked: Option<SourceFile> = None;
    for (place, shown, tabular, mut placement) in placed {
        let file = match several && !place.sheet.is_empty() {
            true => format!("{name}!{}", place.sheet),
            false => name.to_owned(),
        };
        let form_notes = printable(
            std::mem::take(&mut notes)
                .into_iter()
                .chain(std::mem::take(&mut placement.notes)),
        );
        let sheet = several.then(|| place.label());
        let hidden = hidden_notes(&placement.unplaced, sheet.as_deref());
        let source = match place.line {
            Some(line) => {
                let shared = (stacked.as_ref())
                    .filter(|s| s.file() == file && std::ptr::eq(s.text(), &*shown));
                let whole = match shared {
                    Some(whole) => whole.clone(),
                    None => SourceFile::stacked(&file, shown, tabular),
                };
                let form = whole.named(format!("{file}:{line}"));
                stacked = Some(whole);
                form
            }
            None if tabular && !several && sheets > 1 => {
                SourceFile::tabular(file.as_str(), shown).on_sheet(&place.sheet)
            }
            None if tabular => SourceFile::tabular(file.as_str(), shown),
            None => SourceFile::new(file.as_str(), shown),
        };
        forms.push(match validate(source, placement, plan) {
            Ok(mut form) => {
                form.notes = form_notes;
                form.sheet = sheet;
                Ok(form)
            }
            Err(failure) => Err(ImportFailure::Data {
                failure,
                notes: form_notes.into_iter().chain(hidden).collect(),
            }),
        });
    }
    let forms = without_instructions(forms, instructions);
    match (forms.is_empty(), blank) {
        (false, _) => Ok(forms),
        (true, true) => Err(ImportFailure::Blank),
        (true, false) => Err(ImportFailure::NoForm {
            notes: printable(notes),
        }),
    }
}

/// `forms` without the failures of sheets named as instructions (`instructions`, by
/// form), where another form was read: their notes, and a note that each was skipped,
/// go to the first form read.
fn without_instructions(
    forms: Vec<Result<Imported, ImportFailure>>,
    instructions: Vec<Option<String>>,
) -> Vec<Result<Imported, ImportFailure>> {
    if !forms.iter().any(Result::is_ok) {
        return forms;
    }
    let mut skipped = Vec::new();
    let mut kept = Vec::with_capacity(forms.len());
    for (form, sheet) in forms.into_iter().zip(instructions) {
        match (form, sheet) {
            (Err(ImportFailure::Data { notes, .. }), Some(name)) => {
                skipped.extend(notes);
                skipped.extend(printable([t!(IMPORT_NOTE_INSTRUCTIONS_SHEET, name)]));
            }
            (form, _) => kept.push(form),
        }
    }
    if let Some(Ok(first)) = kept.iter_mut().find(|f| f.is_ok()) {
        first.notes.splice(0..0, skipped);
    }
    kept
}

/// Whether a sheet's name is one of the words the ruleset's layout ignores (`填表说明*`):
/// instructions, not a form.
fn ignored_name(plan: &Plan, sheet: &str) -> bool {
    place::ignored(&plan.layout, &place::label_key(sheet))
}

/// What a file that starts with `bytes` is, where it is a binary document no text is
/// (a zip such as a workbook, an Office 97–2003 file, a PDF), in words: `None` for any
/// other start. Only its first bytes are looked at.
#[must_use]
pub fn binary_start(bytes: &[u8]) -> Option<&'static crate::i18n::Msg> {
    if !archive::is_binary_document(bytes) {
        return None;
    }
    Some(
        if archive::is_compound(bytes) || bytes.starts_with(b"%PDF") {
            archive::looks_like(bytes)
        } else {
            msg!(KIND_ZIP_DOCUMENT)
        },
    )
}

/// Notes as they are printed: a note quotes the workbook (a sheet's name, a title cell),
/// whose control and bidirectional characters are written out wherever it is printed.
fn printable(notes: impl IntoIterator<Item = String>) -> Vec<String> {
    notes
        .into_iter()
        .map(|note| crate::text::visible(&note).into_owned())
        .collect()
}

/// Whether a file named like a form is a report of `perfeval check` written in it: the
/// terminal table saved as `.txt` (its frame and dotted column rules), a CSV report (its header), an xlsx
/// report (its title in the document's properties). A folder that holds forms and the
/// reports made from them is read again next year: reports must never become forms.
#[must_use]
pub fn is_report(bytes: &[u8], kind: Kind) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = String::from_utf8_lossy(bytes.get(..bytes.len().min(4096)).unwrap_or(bytes));
    match kind {
        // Its frame near the top and its columns' dotted rules: a form copied from Word
        // or a PDF may be framed in box drawing too, but not ruled so.
        Kind::Text => head.lines().take(4).any(|line| line.starts_with('┌')) && head.contains('┆'),
        Kind::Csv => head.starts_with("文件,项目名称,"),
        Kind::Workbook(workbook::WorkbookKind::Xlsx) => {
            workbook_title(bytes).is_some_and(|title| title.contains(crate::input::REPORT_TITLE))
        }
        _ => false,
    }
}

/// The title in an xlsx file's document properties, if it has one.
fn workbook_title(bytes: &[u8]) -> Option<String> {
    element(&core_properties(bytes)?, "dc:title").map(str::to_owned)
}

/// Whether an xlsx report is as perfeval wrote it: its document properties say it was
/// last changed when it was made (perfeval writes both as one fixed date; Excel, WPS,
/// LibreOffice and openpyxl set the time they save), so a review written into it and
/// saved (a 审核意见 column) is told from the report a run may replace.
#[must_use]
pub fn is_unchanged_report(bytes: &[u8]) -> bool {
    let Some(core) = core_properties(bytes) else {
        return false;
    };
    let created = element(&core, "dcterms:created");
    created.is_some() && created == element(&core, "dcterms:modified")
}

/// An xlsx file's `docProps/core.xml`.
fn core_properties(bytes: &[u8]) -> Option<String> {
    let mut zip = archive::open(bytes, msg!(KIND_XLSX), msg!(IMPORT_THE_WORKBOOK)).ok()?;
    let core =
        archive::read_part(&mut zip, "docProps/core.xml", msg!(IMPORT_THE_WORKBOOK)).ok()??;
    Some(String::from_utf8_lossy(&core).into_owned())
}

/// The text of the first `<name …>…</name>` element of an XML text.
fn element<'x>(xml: &'x str, name: &str) -> Option<&'x str> {
    let open = xml.find(&format!("<{name}"))?;
    let start = open + xml.get(open..)?.find('>')? + 1;
    let end = start + xml.get(start..)?.find(&format!("</{name}>"))?;
    xml.get(start..end)
}

/// The grid of a file of this kind.
fn read(bytes: &[u8], kind: Kind) -> Result<grid::Workbook, error::ImportError> {
    if matches!(kind, Kind::Text | Kind::Csv) && archive::is_binary_document(bytes) {
        return Err(error::ImportError::WrongFormat {
            expected: crate::i18n::msg!(KIND_TEXT),
            found: archive::what_it_is(bytes),
        });
    }
    match kind {
        // A text export is saved as Excel saves text: UTF-8, GB18030 (GBK) or UTF-16,
        // read as a CSV file is, and never with a byte replaced unseen.
        Kind::Text => {
            let (text, note) = csv::decode(bytes)?;
            let mut book = text::read(&text)?;
            book.notes.extend(note);
            Ok(book)
        }
        Kind::Csv => csv::read(bytes),
        Kind::Workbook(kind) => read_workbook(bytes, kind),
        Kind::Docx => docx::read(bytes),
    }
}

/// A workbook, read as what its bytes are where its name says another workbook format
/// (an `.xlsx` saved as `表.xls`, which Excel and WPS open without a word), with a note.
fn read_workbook(
    bytes: &[u8],
    kind: workbook::WorkbookKind,
) -> Result<grid::Workbook, error::ImportError> {
    use workbook::WorkbookKind;
    let read = workbook::read(bytes, kind);
    let Err(error::ImportError::WrongFormat { found, .. }) = &read else {
        return read;
    };
    // The catalogue's entries are constants: compared by key, not by address.
    let actual = if found.key == crate::i18n::msg!(KIND_XLSX).key {
        WorkbookKind::Xlsx
    } else if found.key == crate::i18n::msg!(KIND_OPEN_DOCUMENT).key {
        WorkbookKind::Ods
    } else if archive::is_compound(bytes) && archive::contains_utf16(bytes, "Workbook") {
        WorkbookKind::Xls
    } else {
        return read;
    };
    if actual == kind {
        return read;
    }
    let mut book = workbook::read(bytes, actual)?;
    book.notes.push(crate::i18n::t!(
        IMPORT_NOTE_READ_AS,
        named = kind.described(),
        actual = actual.described()
    ));
    Ok(book)
}

/// The names of the ruleset's catalog indicators (every `split fixed`), as a form's labels
/// compare: each form stacked in a file has some of them (see `place::place_forms`).
fn catalog_names(plan: &Plan) -> std::collections::HashSet<String> {
    (plan.pools.iter())
        .filter_map(|pool| match &pool.split {
            crate::compile::SplitPlan::Fixed { entries, .. } => Some(entries),
            _ => None,
        })
        .flatten()
        .map(|entry| place::label_key(&entry.name))
        .collect()
}

/// Where a form is in its file: its sheet (empty for a text, CSV or Word file) and,
/// where several forms are stacked on the sheet, the line (row) of its first label.
struct Place {
    sheet: String,
    line: Option<usize>,
}

impl Place {
    /// The form's place as its name says it where the file holds several forms: the
    /// sheet's name, the line of its first label after a colon where forms are stacked
    /// (`自评表:41`, or `41` in a text export).
    fn label(&self) -> String {
        match (self.sheet.is_empty(), self.line) {
            (_, None) => self.sheet.clone(),
            (true, Some(line)) => line.to_string(),
            (false, Some(line)) => format!("{}:{line}", self.sheet),
        }
    }
}

/// Line numbers of places in a text, counted on from the last place asked for: the
/// forms stacked on a sheet are asked for in order, so a file of thousands of forms is
/// counted through once.
struct Lines<'t> {
    text: &'t str,
    at: usize,
    line: usize,
}

impl<'t> Lines<'t> {
    fn of(text: &'t str) -> Self {
        Lines {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line (from 1) of byte `at`; a place before the last one asked for is counted
    /// from the start again.
    fn line_at(&mut self, at: usize) -> usize {
        if at < self.at {
            (self.at, self.line) = (0, 1);
        }
        let between = self.text.get(self.at..at).unwrap_or("");
        self.line += between.matches('\n').count();
        self.at = at.max(self.at);
        self.line
    }
}

/// A placed form validated against the ruleset's form.
fn validate(
    source: SourceFile,
    placement: place::Placement,
    plan: &Plan,
) -> Result<Imported, DataFailure> {
    let words = crate::data::words::Words::form();
    match crate::data::validate::validate(placement.root, &plan.form, words, source.text()) {
        Ok(sections) => Ok(Imported {
            project: Project { source, sections },
            unplaced: placement.unplaced,
            notes: Vec::new(),
            sheet: None,
        }),
        Err(errors) => Err(DataFailure::new(source, errors)),
    }
}

/// A sheet with no text of its own shown as tab-separated text, one line per row and
/// one cell per tab-separated part (tabs and line breaks inside a cell shown as spaces);
/// each cell is given its place in it.
fn render(sheet: &mut Sheet) -> (String, bool) {
    let mut out = String::new();
    for (r, row) in sheet.rows.iter_mut().enumerate() {
        if r > 0 {
            out.push('\n');
        }
        for (c, cell) in row.iter_mut().enumerate() {
            if c > 0 {
                out.push('\t');
            }
            let shown = cell.shown().replace(['\t', '\n', '\r'], " ");
            let start = out.len();
            out.push_str(&shown);
            cell.at = Some((start, out.len()));
        }
    }
    (out, true)
}

/// The cells that fit no field, as findings of the project: `unplaced-cell`,
/// `unread-column` for a table's column the form does not have, `total-row-mismatch`,
/// `uncalculated-formula` for a formula read as not given, and `hidden-row` and
/// `hidden-column` for a row or a column the workbook hides that values were read from.
/// A hidden row and a formula read as not given in an indicator's row name the
/// indicator (`project`'s row on the same line of the form as shown), so that a report
/// shows them under its row.
#[must_use]
pub fn findings(plan: &Plan, project: &Project, unplaced: &[Unplaced]) -> Vec<Finding> {
    let named = |u: &Unplaced| matches!(u.kind, Misfit::HiddenRow(_) | Misfit::Uncalculated(_));
    // Made once, where a finding is to name its row: each looked up by its line (80,000
    // hidden rows, each searched for among every row from the text's start, took 56 s).
    let lines = if unplaced.iter().any(named) {
        indicators_by_line(plan, project)
    } else {
        HashMap::new()
    };
    unplaced
        .iter()
        .map(|u| {
            let (code, message) = said(u);
            Finding {
                code: plan.reported_code(code.as_str()).to_owned(),
                severity: plan.severity(code.as_str()),
                message,
                indicator: match named(u) {
                    true => (lines.get(&project.source.line_col(u.span.start).line)).cloned(),
                    false => None,
                },
                at: Some(u.span),
                rule: None,
                clause: None,
            }
        })
        .collect()
}

/// The rows and columns a workbook hides that values were read from, as notes: for a
/// command whose output carries no finding of the form's reading (`diff`, `explain`),
/// and for a form that could not be read whole, so that an error pointing into a row
/// the reviewer cannot see says why.
/// Each names its sheet where the file holds several forms (`sheet`).
#[must_use]
pub fn hidden_notes(unplaced: &[Unplaced], sheet: Option<&str>) -> Vec<String> {
    (unplaced.iter())
        .filter(|u| u.is_hidden())
        .map(|u| {
            let note = said(u).1;
            let note = match sheet {
                Some(sheet) => t!(IMPORT_NOTE_ON_SHEET, sheet, note),
                None => note,
            };
            crate::text::visible(&note).into_owned()
        })
        .collect()
}

/// The finding code of a cell the report names, and what it says.
fn said(u: &Unplaced) -> (EngineCode, String) {
    let text = u.text.trim();
    let address = &u.address;
    match &u.kind {
        Misfit::Total(total) => (
            EngineCode::TotalRowMismatch,
            t!(
                FINDING_TOTAL_ROW_MISMATCH,
                address,
                word = total.word,
                label = total.label,
                text,
                sum = total.sum
            ),
        ),
        Misfit::Column { hidden } => (
            EngineCode::UnreadColumn,
            if *hidden {
                t!(FINDING_UNREAD_HIDDEN_COLUMN, address, text)
            } else {
                t!(FINDING_UNREAD_COLUMN, address, text)
            },
        ),
        Misfit::Cell { reason, hidden } => (
            EngineCode::UnplacedCell,
            if *hidden {
                t!(
                    FINDING_UNPLACED_HIDDEN_CELL,
                    address,
                    text,
                    reason = *reason
                )
            } else {
                t!(FINDING_UNPLACED_CELL, address, text, reason = *reason)
            },
        ),
        Misfit::MoreCells(count) => (
            EngineCode::UnplacedCell,
            t!(FINDING_MORE_UNPLACED_CELLS, address, count),
        ),
        Misfit::HiddenRow(row) => (
            EngineCode::HiddenRow,
            t!(FINDING_HIDDEN_ROW, row, address, text),
        ),
        Misfit::HiddenColumn { column, values } => (
            EngineCode::HiddenColumn,
            t!(FINDING_HIDDEN_COLUMN, column, address, values, text),
        ),
        Misfit::Uncalculated(label) => (
            EngineCode::UncalculatedFormula,
            t!(FINDING_UNCALCULATED_FORMULA, address, formula = text, label),
        ),
    }
}

/// The indicator rows' names by the line of the form each is shown on (a row of a
/// sheet): where a hidden row or a formula read as not given names its indicator, so
/// that a report shows it under its row.
fn indicators_by_line(plan: &Plan, project: &Project) -> HashMap<usize, String> {
    let mut lines = HashMap::new();
    for row in project.rows(crate::ir::vocab::INDICATORS) {
        let Some(name) = plan.indicator_keys.name.text(row) else {
            continue;
        };
        for (_, field) in row.fields() {
            let line = project.source.line_col(field.span.start).line;
            lines.entry(line).or_insert_with(|| name.to_owned());
        }
    }
    lines
}
