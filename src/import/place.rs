//! Placing a grid of cells on the form a ruleset declares, by the form's own labels.
//!
//! Forms are laid out in a few ways, all found in real 自评表 (the seed shows each):
//!
//! - **label and value**: `项目名称 | | 电子政务项目建设资金 | | 项目年份 | 2023`: each label's
//!   value is the next cell to its right that is not a label;
//! - **header row, then a values row**: `市级预算执行情况 | 年初预算数 | … | 指标结余数` over
//!   `| 1679.7 | … | 0`: values under their labels, or, where a page break shifted the row,
//!   in the labels' order; a header may take two rows (`其中:` over `结转数 财政收回数`);
//! - **a table**: a header row of a rows section's labels, then one row per record until
//!   another section begins; blank rows inside do not end it; an empty leading cell
//!   (a category written once for several rows, a merged cell) takes the value above;
//!   a row starting with a total word (`合计`) is the table's total row;
//! - **continued text**: a narrative value that goes on in the same column of the rows
//!   below.
//!
//! What the ruleset's `layout` names (titles, `其中`, the notes) is passed over, as are
//! cells with no letter or digit (`------`). Every other cell that cannot be placed is
//! reported, never dropped in silence.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use crate::data::schema::{FieldType, FormSchema, Shape};
use crate::data::tree::{Entry, Kind, Node};
use crate::i18n::{Msg, msg, t};
use crate::ir::defs::LayoutDef;
use crate::ir::pattern::ValuePattern;
use crate::ir::vocab::INDICATORS;
use crate::source::Span;
use crate::text::normalize;

use super::dates;

mod across;
mod header;
mod rows;
mod stacked;
mod totals;
mod words;
mod written;

use super::grid::{Cell, CellValue, Sheet, address};
use rows::{aligned_but_right_of, fits, stray_right_of, with_answers_ignored};
use words::{is_attachment_mark, is_page_number, is_value_sign, number_text};

pub(crate) use stacked::place_forms;

/// A grid placed on a form: the value tree the project validator reads, and what could
/// not be placed.
#[derive(Debug)]
pub(crate) struct Placement {
    /// The sections, as a project file's tree.
    pub root: Node,
    /// Cells that belong to no field, in grid order.
    pub unplaced: Vec<Unplaced>,
    /// How many distinct fields of the form have a label in the grid: a sheet with fewer
    /// than two is not a form.
    pub fields_found: usize,
    /// How many sections of the form those fields are in: a sheet of one section's
    /// labels alone beside a whole form is its cover, not a form.
    pub sections_found: usize,
    /// How many values of record sections were placed: none, and the form is blank (a
    /// template not filled in), whatever its tables hold.
    pub record_values: usize,
    /// How many rows of the indicator table were read: a part of a sheet with none is
    /// no whole form (see `stacked`).
    pub indicator_rows: usize,
    /// The names of the indicator table's rows, as labels compare (see `stacked`: a part
    /// with none of the catalog's indicators is the rest of a form's table).
    pub indicator_names: Vec<String>,
    /// The last row (0-based) a value was read from: what is below it and no value of
    /// the form may be the title of a form stacked under it (see `stacked`).
    pub last_read_row: Option<usize>,
    /// Whether a label of every section the form requires was found (sub-sections left
    /// out): a part of a sheet without one (a page's continuation, with the project's
    /// name and the table's header repeated) is no whole form (see `stacked`).
    pub required_sections: bool,
    /// What placing decided that the user should know, in words.
    pub notes: Vec<String>,
}

/// A cell the report must name, with what is wrong with it: one that belongs to no
/// field, a formula read as not given, cells read from a row or a column the workbook
/// hides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unplaced {
    /// The cell's address (`E23`); for a hidden row or column, its cells read
    /// (`B23:F23`).
    pub address: String,
    /// Its text (for a formula, the formula as the finding quotes it).
    pub text: String,
    /// Where its text is shown.
    pub span: Span,
    /// What kind of misfit it is, and its finding.
    pub kind: Misfit,
}

impl Unplaced {
    /// Whether it stands for a column the form does not have (`unread-column`).
    #[must_use]
    pub fn is_column(&self) -> bool {
        matches!(self.kind, Misfit::Column { .. })
    }

    /// Whether it is cells read from a row or a column the workbook hides.
    #[must_use]
    pub fn is_hidden(&self) -> bool {
        matches!(
            self.kind,
            Misfit::HiddenRow(_) | Misfit::HiddenColumn { .. }
        )
    }
}

/// How many cells of a sheet that fit no field are each a finding; the rest are
/// counted in one ([`Misfit::MoreCells`]).
pub const LISTED_CELLS: usize = 100;

/// Counts the cell at `(r, c)` among the cells past [`LISTED_CELLS`], the first of them
/// giving the finding its place.
fn count_more(more: &mut Option<Unplaced>, (r, c): (usize, usize), cell: &Cell) {
    match more {
        Some(Unplaced {
            kind: Misfit::MoreCells(count),
            ..
        }) => *count = count.saturating_add(1),
        _ => {
            *more = Some(Unplaced {
                address: address(r, c),
                text: String::new(),
                span: cell_span(cell).unwrap_or_default(),
                kind: Misfit::MoreCells(1),
            });
        }
    }
}

/// Why a cell of an imported form was not read as a value of the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Misfit {
    /// It fits no field (`unplaced-cell`), for this reason; `hidden` where the workbook
    /// hides its row or column (the reviewer looking for it will not see it).
    Cell {
        /// Why it fits no field.
        reason: &'static Msg,
        /// Whether its row or column is hidden.
        hidden: bool,
    },
    /// It is the header of a column the form does not have, standing for the values
    /// below it (`unread-column`); `hidden` where it is a column the workbook hides
    /// whose label gave way to the column shown with the same label.
    Column {
        /// Whether the workbook hides it.
        hidden: bool,
    },
    /// A number in a table's total row that is not the sum of the rows it stands for
    /// (`total-row-mismatch`): what it should be.
    Total(TotalMismatch),
    /// A formula the file holds no result of, under an optional field (its label): read
    /// as not given (`uncalculated-formula`), so the department's figure is compared
    /// with nothing and the report must say so.
    Uncalculated(String),
    /// A row the workbook hides (this 1-based row) that values of the form are read
    /// from (`hidden-row`): the printed form does not show them, and they count.
    HiddenRow(usize),
    /// Cells past the first [`LISTED_CELLS`] that fit no field (`unplaced-cell`), this
    /// many, counted in one finding at the first of them: a sheet of stray cells (a
    /// second table pasted beside the form, a hostile file of two million) says so
    /// once, in bounded memory, not two million times.
    MoreCells(usize),
    /// A column the workbook hides (its letters) that this many values of the form are
    /// read from (`hidden-column`).
    HiddenColumn {
        /// The column's letters (`E`).
        column: String,
        /// How many values were read from it.
        values: usize,
    },
}

/// A total row's number that is not its rows' sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TotalMismatch {
    /// The row's word (`合计`, `小计`).
    pub word: String,
    /// The column's label (`预算数（万元）`).
    pub label: String,
    /// The rows' sum.
    pub sum: String,
}

/// What a cell is, for placing.
#[derive(Clone, Debug, PartialEq)]
enum Class {
    /// Empty, or only punctuation and lines.
    Blank,
    /// A title or a word the ruleset's layout passes over.
    Ignored,
    /// A section's label.
    Section(usize),
    /// A field's label: the fields it may name, as (section, field).
    Label(Vec<(usize, usize)>),
    /// The first word of a table's total row.
    Total,
    /// Anything else: a value.
    Value,
}

/// A table being read: a rows section and the columns of its header.
#[derive(Debug)]
struct Table {
    section: usize,
    /// Each column's field, by column index.
    columns: HashMap<usize, usize>,
    /// Columns of the header that name no field (`序号`, `备注`), by column index: the
    /// index of each in [`Placer::extra_columns`].
    extra: HashMap<usize, usize>,
    /// The columns a header merged across several heads, each with its label's column.
    spans: HashMap<usize, usize>,
    /// Whether no row has been read under the header yet: a second row of labels
    /// completes the header (see `header`'s two rows).
    fresh: bool,
}

/// A column of a table's header that names no field of the form.
#[derive(Debug)]
struct ExtraColumn {
    /// The header cell's address, text and place.
    address: String,
    text: String,
    span: Span,
    /// How many of its cells below hold something.
    filled: usize,
    /// Whether it heads labels in the row below (`完成情况` over 实际完成值 and 自评分):
    /// a group's word, neither a column nor worth a note.
    groups: bool,
    /// Whether the workbook hides it and it is a field's label: it gave way to the
    /// column shown with the same label.
    hidden: bool,
}

/// Labels of a record section waiting for the values row below them.
#[derive(Debug, Default)]
struct Pending {
    section: usize,
    /// (column, field) in column order.
    labels: Vec<(usize, usize)>,
}

impl Pending {
    /// Whether a label waits above column `c`.
    fn over(&self, c: usize) -> bool {
        self.labels.iter().any(|(column, _)| *column == c)
    }
}

/// A text value that may go on in the rows below.
#[derive(Debug)]
struct OpenText {
    section: usize,
    field: usize,
    column: usize,
}

/// Placed values of one record.
#[derive(Debug, Default)]
struct RecordOut {
    span: Option<Span>,
    entries: Vec<(usize, Node, Span)>,
}

struct Placer<'a> {
    schema: &'a FormSchema,
    layout: &'a LayoutDef,
    title: String,
    /// Normalised field label → the fields it names.
    labels: HashMap<String, Vec<(usize, usize)>>,
    /// Field labels with any `(…)` removed → the fields they name.
    bare_labels: HashMap<String, Vec<(usize, usize)>>,
    /// The layout's other words for fields, as labels compare (with and without `(…)`).
    other_words: HashSet<String>,
    /// Normalised section labels and the layout's other words for sections, each with
    /// its section.
    section_labels: Vec<(usize, String)>,
    records: HashMap<usize, RecordOut>,
    rows: HashMap<usize, Vec<RecordOut>>,
    /// The section of the last section label seen.
    current: Option<usize>,
    table: Option<Table>,
    pending: Option<Pending>,
    open_text: Option<OpenText>,
    /// The labels of the last header row of a record section, by column: rows below
    /// that start with another section's label take their values by these labels.
    header_labels: Option<Vec<(usize, String)>>,
    used: HashSet<(usize, usize)>,
    /// The cells a value of the form was read from (a label is not one): a hidden row
    /// is named where it holds one.
    read: HashSet<(usize, usize)>,
    found: HashSet<(usize, usize)>,
    /// Where each record field's label was first read: a required field left blank
    /// there is refused at its label, not at its record's first value.
    label_spans: HashMap<(usize, usize), Span>,
    unplaced: Vec<Unplaced>,
    notes: Vec<String>,
    /// Whether a label or a section's label has been read: a text alone in a row above
    /// them is a title (`附件2`, then `2023年度…自评表（电子政务）`), not a value.
    form_begun: bool,
    /// The columns of tables' headers that name no field, in the order met.
    extra_columns: Vec<ExtraColumn>,
    /// Numbers of tables' total rows, compared with their rows at the end.
    totals: Vec<totals::TotalCell>,
    /// By table section, how many records it had at its last total row.
    last_total: HashMap<usize, usize>,
    /// Record fields a table's total row filled (合计 under 自评分 → the form's 合计),
    /// each with the table's sum its number is otherwise: the field's own label, written
    /// further down (自评结果's `合计 | 80`), takes the field back.
    total_fills: HashMap<(usize, usize), Option<totals::TotalCell>>,
    /// The layout's words with `{}`, each with its field: a value inside a cell.
    patterns: Vec<(ValuePattern, (usize, usize))>,
    /// Values the patterns found, placed at the end where no label placed one.
    found_values: Vec<written::FoundValue>,
}

/// Places the rows `rows` of a sheet (a whole sheet, or one of several forms stacked
/// on it) on a form. Every cell must have its place in the shown text (`at`).
fn place_rows(
    sheet: &Sheet,
    rows: Range<usize>,
    schema: &FormSchema,
    layout: &LayoutDef,
    title: &str,
) -> Placement {
    let mut placer = Placer::new(schema, layout, title);
    for r in rows.clone() {
        let Some(row) = sheet.rows.get(r) else {
            break;
        };
        let next = (r + 1 < rows.end)
            .then(|| sheet.rows.get(r + 1).map(Vec::as_slice))
            .flatten();
        placer.row(r, row, next);
    }
    placer.finish(sheet, rows)
}

impl<'a> Placer<'a> {
    fn new(schema: &'a FormSchema, layout: &'a LayoutDef, title: &str) -> Self {
        let mut labels: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut bare_labels: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (s, section) in schema.sections().iter().enumerate() {
            for (f, field) in section.fields.iter().enumerate() {
                let label = label_key(&field.label);
                bare_labels
                    .entry(without_parentheses(&label))
                    .or_default()
                    .push((s, f));
                labels.entry(label).or_default().push((s, f));
            }
        }
        // The other words a ruleset's layout gives a field's column (`自评得分`).
        let mut other_words = HashSet::new();
        let mut patterns = Vec::new();
        let mut section_labels: Vec<(usize, String)> = (schema.sections().iter())
            .map(|s| label_key(&s.label))
            .enumerate()
            .collect();
        for (section_key, field_key, word) in &layout.labels {
            let section = schema.sections().iter().position(|s| &s.key == section_key);
            let Some(field_key) = field_key else {
                section_labels.extend(section.map(|s| (s, label_key(word))));
                continue;
            };
            let at = section.and_then(|s| {
                let fields = &schema.sections().get(s)?.fields;
                Some((s, fields.iter().position(|f| &f.key == field_key)?))
            });
            if let Some(at) = at
                && let Some(pattern) = ValuePattern::parse(word)
            {
                patterns.push((pattern, at));
            } else if let Some(at) = at {
                let label = label_key(word);
                other_words.insert(without_parentheses(&label));
                other_words.insert(label.clone());
                for (map, key) in [
                    (&mut bare_labels, without_parentheses(&label)),
                    (&mut labels, label),
                ] {
                    let fields = map.entry(key).or_default();
                    if !fields.contains(&at) {
                        fields.push(at);
                    }
                }
            }
        }
        Placer {
            schema,
            layout,
            title: label_key(title),
            labels,
            bare_labels,
            other_words,
            section_labels,
            records: HashMap::new(),
            rows: HashMap::new(),
            current: None,
            table: None,
            pending: None,
            open_text: None,
            header_labels: None,
            used: HashSet::new(),
            read: HashSet::new(),
            found: HashSet::new(),
            label_spans: HashMap::new(),
            unplaced: Vec::new(),
            notes: Vec::new(),
            form_begun: false,
            extra_columns: Vec::new(),
            totals: Vec::new(),
            last_total: HashMap::new(),
            total_fills: HashMap::new(),
            patterns,
            found_values: Vec::new(),
        }
    }

    fn classify(&self, cell: &Cell) -> Class {
        self.classify_as(cell, true)
    }

    /// A cell's class; `ignoring` false reads a word of the layout's `ignore` list as
    /// any other text (a table's data under its read columns: `负责人到岗率`).
    fn classify_as(&self, cell: &Cell, ignoring: bool) -> Class {
        if cell.formula.is_some() {
            return Class::Value;
        }
        let text = match &cell.value {
            CellValue::Empty => return Class::Blank,
            CellValue::Text(t) => label_key(t),
            _ => return Class::Value,
        };
        if !text.chars().any(char::is_alphanumeric) {
            // Signs alone are a blank cell (`-`, `/`) or a mark (`★`, `※`, `√`), but a
            // unit or comparator (a `%` wrapped onto its own line in a copy from a PDF)
            // is part of a value: placed or reported, never dropped.
            return match text.chars().any(is_value_sign) {
                true => Class::Value,
                false => Class::Blank,
            };
        }
        if text == self.title || (ignoring && self.ignored(&text)) || is_page_number(&text) {
            return Class::Ignored;
        }
        // `其中：当年财政拨款`: a group word the layout passes over, then a label.
        let text = self.without_ignored_prefix(text);
        // Inside a table, `合计` begins its total row, even where a field is labelled so.
        if self.table.is_some() && self.layout.totals.contains(&text) {
            return Class::Total;
        }
        if let Some(fields) = self
            .labels
            .get(&text)
            .or_else(|| self.bare_labels.get(&without_parentheses(&text)))
        {
            return Class::Label(fields.clone());
        }
        if let Some(s) = self.section_of(&text) {
            return Class::Section(s);
        }
        if self.layout.totals.contains(&text) {
            return Class::Total;
        }
        Class::Value
    }

    /// A table's row of data keeps what it writes under the table's read columns, even
    /// where a word the layout passes over begins it (`负责人调整导致进度滞后` as a
    /// deviation's reason, an indicator named `联系电话接通率`): the words are for the
    /// lines around the form (a signature line under it, all passed over, stays so).
    fn data_not_ignored(&self, row: &[Cell], mut classes: Vec<Class>) -> Vec<Class> {
        let Some(table) = &self.table else {
            return classes;
        };
        let read = |c: &usize| table.columns.contains_key(c);
        let has_data = (classes.iter().enumerate())
            .any(|(c, class)| matches!(class, Class::Value) && read(&c));
        if !has_data {
            return classes;
        }
        for (c, (cell, class)) in row.iter().zip(classes.iter_mut()).enumerate() {
            if matches!(class, Class::Ignored) && read(&c) {
                *class = self.classify_as(cell, false);
            }
        }
        classes
    }

    /// A date alone on its row, or beside words the layout passes over and nothing else
    /// (`（单位盖章） 2024年1月10日`, `填表人：张三 … 2024年1月10日`), below the form's first
    /// label and with no label waiting for its value below, is the date the form was
    /// signed: passed over, with a note. Read as a row, it was an indicator row of a
    /// weight alone, or a cell that fits no field.
    fn signing_dates_ignored(
        &mut self,
        r: usize,
        row: &[Cell],
        mut classes: Vec<Class>,
    ) -> Vec<Class> {
        if !self.form_begun || self.pending.is_some() {
            return classes;
        }
        let values: Vec<usize> = (classes.iter().enumerate())
            .filter(|(_, class)| !matches!(class, Class::Blank | Class::Ignored))
            .map(|(c, _)| c)
            .collect();
        let signed = |c: &usize| {
            matches!(classes.get(*c), Some(Class::Value))
                && row.get(*c).is_some_and(is_signing_date)
        };
        if values.is_empty() || !values.iter().all(signed) {
            return classes;
        }
        for c in values {
            if let Some(class) = classes.get_mut(c) {
                *class = Class::Ignored;
            }
            let shown = row.get(c).map(Cell::shown).unwrap_or_default();
            self.notes.push(t!(
                IMPORT_NOTE_SIGNING_DATE,
                address = address(r, c),
                date = crate::data::words::shorten(&shown)
            ));
        }
        classes
    }

    /// A dash or a slash among a record's figures (`500 | 200 | — | 0`, the accounting
    /// way to write nil) holds the place of its figure where a label stands for it: under
    /// a label of the row above, under a header of labels, or alone after its label on its
    /// row (`全年执行数 | —`). Read as a value, it is 0 in an amount and not given in any
    /// other field ([`value_node`]); left blank, an amount was missing and the form was
    /// refused. A dash with no label of its own (a spare column filled with `—`) stays
    /// blank, as do a table's (a missing value's marker).
    fn nil_figures(&self, row: &[Cell], classes: Vec<Class>) -> Vec<Class> {
        if self.table.is_some() {
            return classes;
        }
        // Looked for first: most rows have none, and a figure is read by parsing.
        let dashes: Vec<usize> = (row.iter().zip(&classes).enumerate())
            .filter(|(_, (cell, class))| matches!(class, Class::Blank) && is_nil_mark(cell))
            .map(|(c, _)| c)
            .collect();
        let figures = || {
            (row.iter().zip(&classes))
                .any(|(cell, class)| matches!(class, Class::Value) && is_figure(cell))
        };
        if dashes.is_empty() {
            return classes;
        }
        if !figures() {
            // No figure beside them: only a dash right after an amount's own label
            // (`指标结余收回数 | —`, one field to a row) is that amount's nil.
            let nil: Vec<usize> = (dashes.into_iter())
                .filter(|&c| self.pending.is_none() && self.amount_label_before(&classes, c))
                .collect();
            return with_values_at(classes, &nil);
        }
        let values =
            || (classes.iter().enumerate()).filter(|(_, class)| matches!(class, Class::Value));
        let nil: Vec<usize> = match &self.pending {
            // Values not under the labels above (shifted a column, read in order by
            // count): the dashes are figures where, with them, the count is the labels'.
            Some(pending) if values().any(|(c, _)| !pending.over(c)) => {
                let fit = values().count() + dashes.len() == pending.labels.len();
                if fit { dashes } else { Vec::new() }
            }
            _ => (dashes.into_iter())
                .filter(|&c| self.labels_nil_at(&classes, c))
                .collect(),
        };
        with_values_at(classes, &nil)
    }

    /// Whether the nearest cell before column `c` that is not blank is the label of
    /// amounts alone, with nothing but labels or the row's end after `c`.
    fn amount_label_before(&self, classes: &[Class], c: usize) -> bool {
        let before = (0..c)
            .rev()
            .find(|&b| !matches!(classes.get(b), Some(Class::Blank)));
        let Some(Class::Label(fields)) = before.and_then(|b| classes.get(b)) else {
            return false;
        };
        let amounts = !fields.is_empty()
            && (fields.iter()).all(|&f| self.field_type(f) == Some(FieldType::Amount));
        amounts && self.labels_nil_at(classes, c)
    }

    /// Whether a label stands for the blank cell at column `c` of a row of these classes:
    /// a label waiting above it, a header label above it, or a label before it on the
    /// row with nothing else between them and the next label.
    fn labels_nil_at(&self, classes: &[Class], c: usize) -> bool {
        if let Some(pending) = &self.pending {
            return pending.over(c);
        }
        let before = (0..c)
            .rev()
            .find(|&b| !matches!(classes.get(b), Some(Class::Blank)));
        if let Some(b) = before
            && matches!(classes.get(b), Some(Class::Label(_)))
        {
            let next =
                (c + 1..classes.len()).find(|&n| !matches!(classes.get(n), Some(Class::Blank)));
            return next.is_none_or(|n| matches!(classes.get(n), Some(Class::Label(_))));
        }
        let has_labels = classes.iter().any(|class| matches!(class, Class::Label(_)));
        !has_labels
            && (self.header_labels.as_ref())
                .is_some_and(|header| header.iter().any(|(h, _)| *h == c))
    }

    /// The text after a leading word the layout passes over and a colon, if any.
    fn without_ignored_prefix(&self, text: String) -> String {
        let rest = self.layout.ignore.iter().find_map(|word| {
            let word = word.strip_suffix('*').unwrap_or(word);
            text.strip_prefix(word)?
                .strip_prefix(':')
                .map(str::to_owned)
        });
        rest.filter(|r| !r.is_empty()).unwrap_or(text)
    }

    fn ignored(&self, text: &str) -> bool {
        ignored(self.layout, text)
    }

    /// The section a cell labels: its label, or its label with a remark in parentheses
    /// after it (`项目资金构成(详细列出各子项目名称和金额)`) or inside it.
    fn section_of(&self, text: &str) -> Option<usize> {
        // A remark inside the label, too: `上年（2021年度）结转资金` is 上年结转资金.
        let bare = text.contains('(').then(|| without_parentheses(text));
        let labelled = |label: &str| {
            !label.is_empty()
                && (text == label
                    || bare.as_deref() == Some(label)
                    || text
                        .strip_prefix(label)
                        .is_some_and(|rest| rest.starts_with('(')))
        };
        (self.section_labels.iter())
            .find(|(_, label)| labelled(label))
            .map(|(s, _)| *s)
    }

    /// Whether a row above the form's first label is a title, and if so passes it over
    /// with a note: one text alone, no label. A template made by another ruleset of the chain
    /// (`extends`) is titled with that ruleset's name, and departments retitle forms
    /// (`2023年度苏州市级财政支出项目绩效自评表`); neither is a value of the form.
    fn title_row(&mut self, r: usize, row: &[Cell], meaningful: &[usize]) -> bool {
        let [only] = meaningful else {
            return false;
        };
        let Some(
            cell @ Cell {
                value: CellValue::Text(text),
                ..
            },
        ) = row.get(*only)
        else {
            return false;
        };
        // A value: no label, no formula.
        if !matches!(self.classify(cell), Class::Value) || cell.formula.is_some() {
            return false;
        }
        self.used.insert((r, *only));
        // `附件2`, the attachment's number every form carries: passed over in silence.
        if !is_attachment_mark(&label_key(text)) {
            self.notes.push(t!(
                IMPORT_NOTE_TITLE,
                address = address(r, *only),
                title = crate::data::words::shorten(text)
            ));
        }
        true
    }

    /// Places row `r`; the row below it tells whether a row of labels begins a header
    /// over two rows.
    fn row(&mut self, r: usize, row: &[Cell], next: Option<&[Cell]>) {
        let classes: Vec<Class> = row.iter().map(|c| self.classify(c)).collect();
        let classes = with_answers_ignored(row, classes);
        let classes = self.sign_off_answers(row, classes);
        let classes = self.signing_dates_ignored(r, row, classes);
        let classes = self.nil_figures(row, classes);
        let classes = self.data_not_ignored(row, classes);
        let classes = self.without_doubled_labels(row, classes);
        let classes = self.written_values(r, row, classes);
        let classes = self.with_broken_labels(row, classes);
        let classes = self.labels_as_table_values(classes);
        let meaningful: Vec<usize> = (0..classes.len())
            .filter(|&c| !matches!(classes.get(c), Some(Class::Blank | Class::Ignored) | None))
            .collect();
        for (c, class) in classes.iter().enumerate() {
            if matches!(class, Class::Ignored) {
                self.used.insert((r, c));
            }
        }
        let Some(&first) = meaningful.first() else {
            return;
        };
        if !self.form_begun && self.title_row(r, row, &meaningful) {
            return;
        }
        self.form_begun |= meaningful
            .iter()
            .any(|&c| matches!(classes.get(c), Some(Class::Label(_) | Class::Section(_))));
        let mut row_section = None;
        for &c in &meaningful {
            if let Some(Class::Section(s)) = classes.get(c) {
                self.used.insert((r, c));
                if c == first {
                    row_section = Some(*s);
                }
                self.enter_section(*s);
            }
        }
        let label_cells: Vec<usize> = meaningful
            .iter()
            .copied()
            .filter(|&c| matches!(classes.get(c), Some(Class::Label(_))))
            .collect();
        if !label_cells.is_empty() {
            self.labelled_row((r, row, next), &classes, &label_cells, row_section);
            return;
        }
        if row_section.is_some() && meaningful.len() == 1 {
            // A section's heading alone on its row (a template's list): a label of another
            // section left waiting for its value below (`得分` not filled) waits no more.
            if self.pending.as_ref().map(|p| p.section) != row_section {
                self.pending = None;
            }
            return;
        }
        if let Some(section) = row_section
            && self.table.is_none()
            && self.matrix_row(r, row, &classes, section)
        {
            return;
        }
        self.unlabelled_row(r, row, &classes);
    }

    /// In a table, a cell whose text is a label of the table's own section, on a row with
    /// values under the table's columns, is one of the row's values: `说明` written as a
    /// row's explanation ended the table, and the rows below were cells under no label (a
    /// form of 80.00 read as 1.00). A row of other sections' labels (`自评结果 | 合计 |
    /// 80`) still ends it, and a row of labels alone is a header.
    fn labels_as_table_values(&self, mut classes: Vec<Class>) -> Vec<Class> {
        let Some(table) = self.table.as_ref() else {
            return classes;
        };
        let in_table = |c: usize| table.columns.contains_key(&c);
        let valued = (classes.iter().enumerate())
            .any(|(c, class)| matches!(class, Class::Value) && in_table(c));
        let own_labels_only = classes.iter().enumerate().all(|(c, class)| match class {
            Class::Label(fields) => in_table(c) && fields.iter().any(|(s, _)| *s == table.section),
            Class::Section(_) => false,
            _ => true,
        });
        if valued && own_labels_only {
            for class in &mut classes {
                if matches!(class, Class::Label(_)) {
                    *class = Class::Value;
                }
            }
        }
        classes
    }

    /// A row that starts with a section's label, under a header of labels that several
    /// sections share: `年度资金总额 | 12 | 12 | 12` under `年初预算数 | 全年预算数 | 全年执行数`,
    /// then `其中：当年财政拨款 | 10 | …`, each row a section (a table of sections by
    /// fields, as the 2020 template lays out its funds). Whether the row was one.
    fn matrix_row(&mut self, r: usize, row: &[Cell], classes: &[Class], section: usize) -> bool {
        let Some(header) = self.header_labels.clone() else {
            return false;
        };
        let mut placed = false;
        for (c, class) in classes.iter().enumerate() {
            if !matches!(class, Class::Value) {
                continue;
            }
            let Some((_, text)) = header.iter().find(|(hc, _)| *hc == c) else {
                continue;
            };
            let field = self
                .labels
                .get(text)
                .and_then(|fields| fields.iter().copied().find(|(s, _)| *s == section));
            if let Some(field) = field {
                self.found.insert(field);
                let span = label_span(row, c);
                self.put_record(r, c, row, field, span);
                placed = true;
            }
        }
        if placed {
            self.pending = None;
        }
        placed
    }

    /// A section label begins that section: a table of another section ends.
    fn enter_section(&mut self, section: usize) {
        self.current = Some(section);
        if self.table.as_ref().is_some_and(|t| t.section != section) {
            self.table = None;
        }
        self.open_text = None;
    }

    /// Which field a label cell names, where several sections have that label.
    fn resolve(
        &self,
        fields: &[(usize, usize)],
        row_section: Option<usize>,
        row_counts: &HashMap<usize, usize>,
    ) -> (usize, usize) {
        let in_section =
            |s: Option<usize>| s.and_then(|s| fields.iter().copied().find(|(fs, _)| *fs == s));
        let context = self
            .pending
            .as_ref()
            .map(|p| p.section)
            .or_else(|| self.table.as_ref().map(|t| t.section));
        let most = fields
            .iter()
            .copied()
            .max_by_key(|(s, _)| (row_counts.get(s).copied().unwrap_or(0), usize::MAX - s));
        let unfilled = fields.iter().copied().find(|f| !self.filled(*f));
        in_section(row_section)
            .or_else(|| in_section(context))
            .or(most.filter(|(s, _)| row_counts.get(s).copied().unwrap_or(0) > 1))
            .or_else(|| in_section(self.current))
            .or(unfilled)
            .or(fields.first().copied())
            .unwrap_or((0, 0))
    }

    fn filled(&self, (s, f): (usize, usize)) -> bool {
        self.records
            .get(&s)
            .is_some_and(|r| r.entries.iter().any(|(k, _, _)| *k == f))
    }

    /// A row with labels: a header row (labels only) or label and value pairs.
    fn labelled_row(
        &mut self,
        (r, row, next): (usize, &[Cell], Option<&[Cell]>),
        classes: &[Class],
        label_cells: &[usize],
        row_section: Option<usize>,
    ) {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for &c in label_cells {
            if let Some(Class::Label(fields)) = classes.get(c) {
                let sections: HashSet<usize> = fields.iter().map(|(s, _)| *s).collect();
                for s in sections {
                    *counts.entry(s).or_default() += 1;
                }
            }
        }
        let resolved: Vec<(usize, (usize, usize))> = label_cells
            .iter()
            .filter_map(|&c| match classes.get(c) {
                Some(Class::Label(fields)) => Some((c, self.resolve(fields, row_section, &counts))),
                _ => None,
            })
            .collect();
        for &(c, field) in &resolved {
            self.used.insert((r, c));
            self.found.insert(field);
            self.label_spans
                .entry(field)
                .or_insert_with(|| label_span(row, c));
        }
        self.open_text = None;
        let of_records = resolved.iter().all(|(_, (s, _))| {
            (self.schema.sections().get(*s)).is_some_and(|s| s.shape == Shape::Record)
        });
        let has_values = classes.iter().any(|c| matches!(c, Class::Value))
            && !(of_records && note_beside_labels(row, classes, label_cells));
        if has_values
            && !self.is_table_header(row, classes, &resolved)
            && !self.header_with_next(row, &resolved, next)
        {
            self.table = None;
            self.pending = None;
            self.pairs(r, row, classes, &resolved);
        } else {
            self.header(&resolved);
            if let Some(table) = self.table.as_mut().filter(|t| t.fresh) {
                let columns: Vec<usize> = (resolved.iter())
                    .map(|(c, _)| *c)
                    .filter(|c| table.columns.contains_key(c))
                    .collect();
                table.spans.extend(across::spans_of(row, &columns));
            }
            // A label of another section in a table's header (`实际值` over 项目资金构成,
            // a word of the indicators') is a column the table does not have.
            let mut classes = classes.to_vec();
            if let Some(table) = &self.table {
                for &(c, (s, _)) in &resolved {
                    if let Some(class) = classes.get_mut(c).filter(|_| s != table.section) {
                        *class = Class::Value;
                    }
                }
            }
            self.keep_extra_columns(r, row, &classes);
        }
    }

    /// Whether a row of labels and other words is a table's header with columns the form
    /// does not have (`序号 | 项目 | 类别 | 指标名称 | … | 自评分 | 备注`), not labels
    /// and their values: the label of every required field of one rows section, and the
    /// other cells texts (no number, date or formula), fewer than the labels. A table
    /// that repeats some of the labels (a deviation table below the indicators: 指标名称,
    /// 目标值, 偏差原因) is not the form's.
    fn is_table_header(
        &self,
        row: &[Cell],
        classes: &[Class],
        labels: &[(usize, (usize, usize))],
    ) -> bool {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for (_, (s, _)) in labels {
            *counts.entry(*s).or_default() += 1;
        }
        let Some((&section, &count)) = counts.iter().max_by_key(|(s, n)| (**n, usize::MAX - **s))
        else {
            return false;
        };
        let Some(schema) = self.schema.sections().get(section) else {
            return false;
        };
        let labelled: HashSet<usize> = labels
            .iter()
            .filter(|(_, (s, _))| *s == section)
            .map(|(_, (_, f))| *f)
            .collect();
        let complete = (schema.fields.iter().enumerate())
            .all(|(f, field)| field.optional || labelled.contains(&f));
        let words: Vec<&Cell> = classes
            .iter()
            .zip(row)
            .filter(|(class, _)| matches!(class, Class::Value))
            .map(|(_, cell)| cell)
            .collect();
        let all_words = words
            .iter()
            .all(|cell| cell.formula.is_none() && matches!(&cell.value, CellValue::Text(_)));
        schema.shape == Shape::Rows && complete && all_words && words.len() < count
    }

    /// The words of a table's header row that name no field head the table's extra
    /// columns, whose values are not read.
    fn keep_extra_columns(&mut self, r: usize, row: &[Cell], classes: &[Class]) {
        if self.table.is_none() {
            return;
        }
        for (c, class) in classes.iter().enumerate() {
            // A word the layout passes over keeps its column free: the values of a row a
            // page break shifted left may stand under it (`项目`).
            if !matches!(class, Class::Value) {
                continue;
            }
            let Some(cell) = row.get(c) else {
                continue;
            };
            self.used.insert((r, c));
            let index = self.extra_columns.len();
            self.extra_columns.push(ExtraColumn {
                address: address(r, c),
                text: cell.shown(),
                span: cell_span(cell).unwrap_or_default(),
                filled: 0,
                groups: false,
                hidden: cell.hidden && matches!(self.classify(cell), Class::Label(_)),
            });
            if let Some(table) = &mut self.table {
                table.extra.insert(c, index);
            }
        }
    }

    /// `label | value | label | value`: each label's value is the next value to its
    /// right, before the next label.
    fn pairs(
        &mut self,
        r: usize,
        row: &[Cell],
        classes: &[Class],
        labels: &[(usize, (usize, usize))],
    ) {
        for (i, &(c, field)) in labels.iter().enumerate() {
            let end = labels.get(i + 1).map_or(row.len(), |(next, _)| *next);
            let value = (c + 1..end).find(|&v| matches!(classes.get(v), Some(Class::Value)));
            match value {
                Some(v) => {
                    self.put_record(r, v, row, field, label_span(row, c));
                    if self.field_type(field) == Some(FieldType::Text) {
                        self.open_text = Some(OpenText {
                            section: field.0,
                            field: field.1,
                            column: v,
                        });
                    }
                }
                // A label with its value below it, alone on its row's stretch.
                None if labels.len() == 1 => {
                    self.pending = Some(Pending {
                        section: field.0,
                        labels: vec![(c, field.1)],
                    })
                }
                None => {}
            }
        }
    }

    /// A row of labels only: a table's header, or a record's labels over its values.
    fn header(&mut self, labels: &[(usize, (usize, usize))]) {
        if self.second_header_row(labels) {
            return;
        }
        self.header_labels = Some(
            labels
                .iter()
                .filter_map(|(c, field)| self.label_text(*field).map(|t| (*c, t)))
                .collect(),
        );
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for (_, (s, _)) in labels {
            *counts.entry(*s).or_default() += 1;
        }
        let Some((&section, _)) = counts.iter().max_by_key(|(s, n)| (**n, usize::MAX - **s)) else {
            return;
        };
        let shape = self.schema.sections().get(section).map(|s| s.shape);
        if shape == Some(Shape::Rows) && counts.get(&section).copied().unwrap_or(0) >= 2 {
            let columns = labels
                .iter()
                .filter(|(_, (s, _))| *s == section)
                .map(|(c, (_, f))| (*c, *f))
                .collect();
            self.pending = None;
            self.current = Some(section);
            self.table = Some(Table {
                section,
                columns,
                extra: HashMap::new(),
                spans: HashMap::new(),
                fresh: true,
            });
            self.rows.entry(section).or_default();
            return;
        }
        self.table = None;
        let mine = labels
            .iter()
            .filter(|(_, (s, _))| *s == section)
            .map(|(c, (_, f))| (*c, *f));
        match &mut self.pending {
            Some(p) if p.section == section => p.labels.extend(mine),
            _ => {
                self.pending = Some(Pending {
                    section,
                    labels: mine.collect(),
                });
            }
        }
        if let Some(p) = &mut self.pending {
            p.labels.sort_by_key(|(c, _)| *c);
        }
    }

    /// A row without labels: a table's row, the values under a header, a text going on,
    /// or cells that fit nowhere.
    fn unlabelled_row(&mut self, r: usize, row: &[Cell], classes: &[Class]) {
        if self.table.is_some() {
            self.table_row(r, row, classes);
            return;
        }
        if let Some(pending) = self.pending.take() {
            self.values_under(r, row, classes, &pending);
            return;
        }
        let values: Vec<usize> = (0..classes.len())
            .filter(|&c| matches!(classes.get(c), Some(Class::Value | Class::Total)))
            .collect();
        if let (Some(open), [only]) = (&self.open_text, values.as_slice())
            && open.column == *only
        {
            let key = (open.section, open.field);
            if let Some(cell) = row.get(*only) {
                self.continue_text(key, cell);
                self.used.insert((r, *only));
                self.read.insert((r, *only));
            }
        }
    }

    /// Values under a record's header row: under their labels where every value has a
    /// label above it, else in the labels' order where the counts agree.
    fn values_under(&mut self, r: usize, row: &[Cell], classes: &[Class], pending: &Pending) {
        let values: Vec<usize> = (0..classes.len())
            .filter(|&c| matches!(classes.get(c), Some(Class::Value)))
            .collect();
        let by_column: Option<Vec<(usize, usize)>> = values
            .iter()
            .map(|&v| {
                pending
                    .labels
                    .iter()
                    .find(|(c, _)| *c == v)
                    .map(|(_, f)| (v, *f))
            })
            .collect();
        let pairs = match by_column {
            Some(pairs) => pairs,
            None if values.len() == pending.labels.len() => values
                .iter()
                .zip(&pending.labels)
                .map(|(&v, (_, f))| (v, *f))
                .collect(),
            // A note right of the labels' values (`数据来源：市统计局`) is no value of
            // theirs: the values under their labels are read, the note is reported as a
            // cell that fits no field.
            None => under_labels_but_a_note(row, &values, &pending.labels),
        };
        let single = pairs.len() == 1;
        for (v, f) in pairs {
            let span = label_span(row, v);
            self.put_record(r, v, row, (pending.section, f), span);
            // A narrative under its heading goes on in the paragraphs below it.
            if single && self.field_type((pending.section, f)) == Some(FieldType::Text) {
                self.open_text = Some(OpenText {
                    section: pending.section,
                    field: f,
                    column: v,
                });
            }
        }
    }

    fn table_row(&mut self, r: usize, row: &[Cell], classes: &[Class]) {
        let Some(table) = self.table.take() else {
            return;
        };
        // Most tables span no column: their rows are read as they are, nothing copied.
        let mut classes = Cow::Borrowed(classes);
        let read = match table.spans.is_empty() {
            true => Cow::Borrowed(row),
            false => self.read_across(r, row, (&table.spans, classes.to_mut())),
        };
        let row = &*read;
        // A value left under a spanned column (a second number) fits no field; it does
        // not shift the row.
        let cells: Vec<usize> = (0..classes.len())
            .filter(|c| matches!(classes.get(*c), Some(Class::Value | Class::Total)))
            .filter(|c| !table.spans.contains_key(c))
            .collect();
        // A total row's word may stand in a column of no field (`合计` under `项目`).
        let total_first = cells
            .first()
            .filter(|&&c| matches!(classes.get(c), Some(Class::Total)));
        if total_first.is_some() {
            self.total_row(r, row, &table, &cells);
        } else {
            self.data_row(r, row, &table, &cells);
        }
        self.table = Some(Table {
            fresh: false,
            ..table
        });
    }

    /// A table's total row: a value under a column whose type a record field labelled
    /// with the row's total word shares (合计 under 自评分 → the `合计` points field) is
    /// placed there; the rest are the table's sums, which the rules recompute.
    fn total_row(&mut self, r: usize, row: &[Cell], table: &Table, cells: &[usize]) {
        let Some((&word_cell, values)) = cells.split_first() else {
            return;
        };
        self.used.insert((r, word_cell));
        let word = row
            .get(word_cell)
            .map(|c| label_key(&c.shown()))
            .unwrap_or_default();
        let above = self.rows.get(&table.section).map_or(0, Vec::len);
        let runs = totals::Runs {
            above,
            since: self.last_total.insert(table.section, above).unwrap_or(0),
            group: table.columns.get(&word_cell).copied(),
        };
        let mut sums = Vec::new();
        // A total of the indicator table of a ruleset that scores points outside it may
        // count what no row holds (the 10 points of 预算执行率 in 分值's 100): it is not
        // compared. Any other is, beside the grand total it fills a field of the form
        // with (`合计 | … | 9999999 | … | 80`: 80 is the form's total, and 9999999 under
        // 权重 no sum of the weights).
        let outside = self.layout.points_outside
            && (self.schema.sections().get(table.section)).is_some_and(|s| s.key == INDICATORS);
        // A word in a total row is no sum (`总分 | 100 | 97.75 | 良`, a grade under 达成
        // 等级): the record's word where it is the row's one word, else reported as a cell
        // that fits no field.
        let in_words = |v: &usize| {
            row.get(*v).is_some_and(|cell| {
                matches!(cell.value, CellValue::Text(_))
                    && cell.formula.is_none()
                    && !is_figure(cell)
            })
        };
        let words: Vec<usize> = (values.iter().copied())
            .filter(|v| in_words(v) && !self.in_hidden_extra(table, *v))
            .collect();
        if let [only] = words[..]
            && let Some((field, cell)) = row
                .get(only)
                .and_then(|cell| self.word_on_total_row(&word, cell))
        {
            // Used: placed at the end, or noted where the field's label says otherwise.
            self.found.insert(field);
            self.used.insert((r, only));
            self.found_value((r, only), field, cell);
        }
        // Right to left: a total row that writes the weights' total and the scores' (`总分 |
        // 100 | 98` under 分值 and 得分) declares its total score in the last of them.
        // Numbers under no column a total is kept in (`合计 … 80` under 实际完成值, where
        // 自评分 came before it): one is the row's total where no column gave one.
        let mut strays = Vec::new();
        for &v in values.iter().rev() {
            if words.contains(&v) {
                continue;
            }
            // A hidden column that gave way to a shown one of its label (a first draft's
            // 自评分) totals its own values: said with that column (`unread-column`).
            if self.in_hidden_extra(table, v) {
                self.count_extra(r, table, &[v]);
                continue;
            }
            let Some((column, column_type)) = table
                .columns
                .get(&v)
                .and_then(|&f| self.field_type((table.section, f)).map(|ty| (f, ty)))
            else {
                strays.push(v);
                continue;
            };
            let at = (table.section, column);
            if let Some(field) = self.total_field(&word, |ty| ty == column_type) {
                self.used.insert((r, v));
                self.found.insert(field);
                let span = label_span(row, word_cell);
                self.put_record(r, v, row, field, span);
                let sum = (row.get(v).filter(|_| !outside))
                    .and_then(|cell| self.total_cell((r, v), cell, at, (&word, runs), column_type));
                self.total_fills.insert(field, sum);
            } else if let Some(cell) = row.get(v) {
                let sum = self.total_cell((r, v), cell, at, (&word, runs), column_type);
                match sum {
                    Some(sum) => {
                        self.used.insert((r, v));
                        sums.push(sum);
                    }
                    None => strays.push(v),
                }
            }
        }
        self.stray_total(r, row, (word_cell, &word), &strays);
        if !outside {
            sums.reverse();
            self.totals.extend(sums);
        }
    }

    /// The unfilled field of a record a total row's word labels whose type `takes`:
    /// where the row's number goes (合计 under 自评分 → the form's 合计).
    fn total_field(&self, word: &str, takes: impl Fn(FieldType) -> bool) -> Option<(usize, usize)> {
        self.labels.get(word).and_then(|fields| {
            fields.iter().copied().find(|&(s, f)| {
                self.schema.sections().get(s).map(|s| s.shape) == Some(Shape::Record)
                    && self.field_type((s, f)).is_some_and(&takes)
                    && !self.filled((s, f))
            })
        })
    }

    /// A total row's one number under no column that keeps a total: the total its word
    /// labels, where no column gave one and the number fits it; any other such number is
    /// left to be reported as a cell that fits no field (it was passed over in silence:
    /// a declared total of 80 under 实际完成值 went unread and unchecked).
    fn stray_total(
        &mut self,
        r: usize,
        row: &[Cell],
        (word_cell, word): (usize, &str),
        strays: &[usize],
    ) {
        let [only] = strays else {
            return;
        };
        let Some(cell) = row
            .get(*only)
            .filter(|c| c.formula.is_none() && is_figure(c))
        else {
            return;
        };
        let field = self.total_field(word, |ty| fits(&value_node(cell, Some(ty)), ty));
        if let Some(field) = field {
            self.used.insert((r, *only));
            self.found.insert(field);
            let span = label_span(row, word_cell);
            self.put_record(r, *only, row, field, span);
            self.total_fills.insert(field, None);
        }
    }

    /// The field a word on a total row fills, where its label does not (it is placed
    /// last, as a value found in a cell's words): the field its own label names
    /// (`自评等级：良`), or else the one text field of the record whose field the row's
    /// total word labels (`总分 | 100 | 97.75 | 良`: 总分 labels the 自评结果's total, whose
    /// one text field is 评价等级). `None` where there is no such one field, or the word
    /// is some other label's (`备注：见附件`).
    fn word_on_total_row(&self, word: &str, cell: &Cell) -> Option<((usize, usize), Cell)> {
        if let CellValue::Text(text) = &cell.value {
            if let Some(found) = self.after_label(cell, text) {
                return Some(found);
            }
            if text.contains([':', '：']) {
                return None;
            }
        }
        let sections: HashSet<usize> = (self.labels.get(word)?.iter())
            .map(|(s, _)| *s)
            .filter(|&s| self.schema.sections().get(s).map(|s| s.shape) == Some(Shape::Record))
            .collect();
        let fields = sections.into_iter().flat_map(|s| {
            let count = self.schema.sections().get(s).map_or(0, |s| s.fields.len());
            (0..count).map(move |f| (s, f))
        });
        let texts: Vec<(usize, usize)> = fields
            .filter(|&f| self.field_type(f) == Some(FieldType::Text))
            .collect();
        match texts.as_slice() {
            [only] => Some((*only, cell.clone())),
            _ => None,
        }
    }

    /// A number of a total row under a column of numbers, to compare with its rows.
    fn total_cell(
        &self,
        at: (usize, usize),
        cell: &Cell,
        (section, field): (usize, usize),
        (word, runs): (&str, totals::Runs),
        ty: FieldType,
    ) -> Option<totals::TotalCell> {
        if !matches!(
            ty,
            FieldType::Amount | FieldType::Points | FieldType::Number | FieldType::Integer
        ) {
            return None;
        }
        if matches!(cell.value, CellValue::Empty) {
            return None;
        }
        let value = totals::number(&value_node(cell, Some(ty)))?;
        let label = self.schema.sections().get(section)?.fields.get(field)?;
        Some(totals::TotalCell {
            address: address(at.0, at.1),
            text: cell.shown(),
            span: cell_span(cell).unwrap_or_default(),
            word: word.to_owned(),
            label: label.label.clone(),
            section,
            field,
            value,
            runs,
        })
    }

    /// Each total row's number that adds up none of its runs of rows, reported.
    fn compare_totals(&mut self) {
        for cell in std::mem::take(&mut self.totals) {
            let rows = self.rows.get(&cell.section).map_or(&[][..], Vec::as_slice);
            let Some(sum) = totals::mismatch(rows, &cell) else {
                continue;
            };
            self.unplaced.push(Unplaced {
                address: cell.address,
                text: cell.text,
                span: cell.span,
                kind: Misfit::Total(TotalMismatch {
                    word: cell.word,
                    label: cell.label,
                    sum: sum.to_string(),
                }),
            });
        }
    }

    /// One record of a table. Cells go under their headers; a row a page break shifted
    /// goes in the headers' order (right-aligned where leading cells are empty); empty
    /// leading text cells and merged cells take the value of the row above.
    fn data_row(&mut self, r: usize, row: &[Cell], table: &Table, cells: &[usize]) {
        let mut mapped: Vec<usize> = table.columns.keys().copied().collect();
        mapped.sort_unstable();
        let aligned = cells
            .iter()
            .all(|c| table.columns.contains_key(c) || table.extra.contains_key(c));
        if aligned {
            self.count_extra(r, table, cells);
        }
        let in_place = || -> Vec<(usize, usize)> {
            cells
                .iter()
                .filter_map(|c| table.columns.get(c).map(|f| (*c, *f)))
                .collect()
        };
        let mut pairs: Vec<(usize, usize)> =
            if aligned || cells.len() > mapped.len() || aligned_but_right_of(table, cells) {
                in_place()
            } else {
                // Shifted by a page break: in order, the last cells under the last headers
                // (the leading ones, empty, take the values above).
                let skip = mapped.len() - cells.len();
                let shifted: Vec<(usize, usize)> = cells
                    .iter()
                    .zip(mapped.iter().skip(skip))
                    .filter_map(|(c, m)| table.columns.get(m).map(|f| (*c, *f)))
                    .collect();
                // Unless the row stands under its headers with a stray note just right of
                // the table (`…  1  备注：已到位`), which its cells' types tell: read in
                // order, numbers would fall under text columns and the note under 自评分.
                let unshifted = in_place();
                if stray_right_of(table, cells)
                    && self.misfits(row, &unshifted, table.section)
                        < self.misfits(row, &shifted, table.section)
                {
                    unshifted
                } else {
                    shifted
                }
            };
        if aligned {
            // A dash under an amount's column of a row in place is nil, as among a
            // record's figures (a sub-project's 实际数 `—`); a measure's stays blank.
            let nil = (table.columns.iter())
                .filter(|(_, f)| self.field_type((table.section, **f)) == Some(FieldType::Amount))
                .filter(|(c, _)| row.get(**c).is_some_and(is_nil_mark))
                .map(|(c, f)| (*c, *f));
            pairs.extend(nil);
            pairs.sort_unstable();
        }
        if pairs.len() < 2 {
            return;
        }
        let mut out = RecordOut {
            span: row
                .get(cells.first().copied().unwrap_or(0))
                .and_then(cell_span),
            entries: Vec::new(),
        };
        for &(c, f) in &pairs {
            if let Some(cell) = row.get(c) {
                let value = self.value_for((r, c), cell, (table.section, f));
                out.entries.push((f, value, label_span(row, c)));
                self.used.insert((r, c));
            }
        }
        self.carry_down(table, row, &mapped, &pairs, &mut out);
        if aligned {
            blank_cells(table, row, &mut out);
        }
        self.rows.entry(table.section).or_default().push(out);
    }

    /// How many of a reading's cells are not of their field's type.
    fn misfits(&self, row: &[Cell], pairs: &[(usize, usize)], section: usize) -> usize {
        pairs
            .iter()
            .filter(|&&(c, f)| {
                let (Some(cell), Some(ty)) = (row.get(c), self.field_type((section, f))) else {
                    return false;
                };
                !fits(&value_node(cell, Some(ty)), ty)
            })
            .count()
    }

    /// Whether column `c` is one of the table's extra columns the workbook hides (a
    /// column that gave way to a shown one with its label).
    fn in_hidden_extra(&self, table: &Table, c: usize) -> bool {
        (table.extra.get(&c))
            .and_then(|&i| self.extra_columns.get(i))
            .is_some_and(|column| column.hidden)
    }

    /// Counts a row's cells under the table's extra columns, which are not read.
    fn count_extra(&mut self, r: usize, table: &Table, cells: &[usize]) {
        for c in cells {
            if let Some(column) = table
                .extra
                .get(c)
                .and_then(|&i| self.extra_columns.get_mut(i))
            {
                column.filled += 1;
                self.used.insert((r, *c));
            }
        }
    }

    /// Fills a row's empty text cells left of its first value (but the one naming the row),
    /// and its merged cells, with the values of the row above: a category written once
    /// for several rows.
    fn carry_down(
        &self,
        table: &Table,
        row: &[Cell],
        mapped: &[usize],
        pairs: &[(usize, usize)],
        out: &mut RecordOut,
    ) {
        let Some(previous) = self.rows.get(&table.section).and_then(|rows| rows.last()) else {
            return;
        };
        let first_filled = pairs.iter().map(|(_, f)| *f).min_by_key(|f| {
            mapped
                .iter()
                .position(|c| table.columns.get(c) == Some(f))
                .unwrap_or(usize::MAX)
        });
        let first_column = first_filled
            .and_then(|f| {
                mapped
                    .iter()
                    .find(|c| table.columns.get(c) == Some(&f))
                    .copied()
            })
            .unwrap_or(0);
        // The text column just before the table's first other column names the row (指标名称
        // after 一级指标 and 二级指标; a sub-project's name): a group's label is written
        // once for its rows, a row's name never is, so an empty one stays empty.
        let is_text = |c: &usize| {
            table
                .columns
                .get(c)
                .is_some_and(|&f| self.field_type((table.section, f)) == Some(FieldType::Text))
        };
        let naming = mapped.iter().take_while(|c| is_text(c)).last().copied();
        for &c in mapped {
            let Some(&f) = table.columns.get(&c) else {
                continue;
            };
            if out.entries.iter().any(|(k, _, _)| *k == f) {
                continue;
            }
            let merged = row.get(c).is_some_and(|cell| cell.merged);
            let leading_text = c < first_column
                && Some(c) != naming
                && self.field_type((table.section, f)) == Some(FieldType::Text);
            // A blank (`blank_cells`) is no value to carry.
            let value =
                |(k, node, _): &&(usize, Node, Span)| *k == f && !matches!(node.kind, Kind::Null);
            if (merged || leading_text)
                && let Some((_, node, span)) = previous.entries.iter().find(value)
            {
                out.entries.push((f, node.clone(), *span));
            }
        }
    }

    /// A field's label as labels are compared.
    fn label_text(&self, (s, f): (usize, usize)) -> Option<String> {
        let field = self.schema.sections().get(s)?.fields.get(f)?;
        Some(label_key(&field.label))
    }

    /// The value of the cell at `at` for `field`. A formula the file holds no result of
    /// is unknown: for a required field it stays so, and the validator refuses it; for an
    /// optional one it is read as not given, reported (`uncalculated-formula`), so that a total or a self
    /// score a program left uncalculated does not keep the whole form from being
    /// evaluated.
    fn value_for(&mut self, at: (usize, usize), cell: &Cell, field: (usize, usize)) -> Node {
        let schema = self.schema;
        let declared = schema
            .sections()
            .get(field.0)
            .and_then(|s| s.fields.get(field.1));
        let node = value_node(cell, declared.map(|f| f.ty));
        self.read.insert(at);
        match (&node.kind, declared) {
            (Kind::Formula(formula), Some(declared)) if declared.optional => {
                self.unplaced.push(Unplaced {
                    address: address(at.0, at.1),
                    text: crate::data::words::formula(formula),
                    span: node.span,
                    kind: Misfit::Uncalculated(declared.label.clone()),
                });
                Node::new(Kind::Null, node.span)
            }
            _ => node,
        }
    }

    fn field_type(&self, (s, f): (usize, usize)) -> Option<FieldType> {
        self.schema.sections().get(s)?.fields.get(f).map(|f| f.ty)
    }

    fn put_record(&mut self, r: usize, c: usize, row: &[Cell], field: (usize, usize), key: Span) {
        if let Some(cell) = row.get(c)
            && (!self.filled(field) || self.give_back_total(field))
        {
            self.put_value((r, c), cell, field, key);
        }
    }

    /// Empties a field a table's total row filled, for its own label's value: a clerk's
    /// 合计 row under the indicators (`合计 | … | 70`) took the form's 合计, and the 80
    /// beside 自评结果's 合计 was reported as a cell under no label. The row's number is
    /// then the table's sum, compared with its rows. Whether the field was so filled.
    fn give_back_total(&mut self, field: (usize, usize)) -> bool {
        let Some(sum) = self.total_fills.remove(&field) else {
            return false;
        };
        if let Some(record) = self.records.get_mut(&field.0) {
            record.entries.retain(|(k, _, _)| *k != field.1);
            if record.entries.is_empty() {
                record.span = None;
            }
        }
        self.totals.extend(sum);
        true
    }

    /// Places a cell's value in a record's field, the cell then used.
    fn put_value(&mut self, at: (usize, usize), cell: &Cell, field: (usize, usize), key: Span) {
        let value = self.value_for(at, cell, field);
        let record = self.records.entry(field.0).or_default();
        record.span.get_or_insert(key);
        record.entries.push((field.1, value, key));
        self.used.insert(at);
    }

    /// Appends a row's text to a narrative value that goes on below its label.
    fn continue_text(&mut self, (s, f): (usize, usize), cell: &Cell) {
        let more = clean_text(&cell.shown());
        if let Some(entry) = self
            .records
            .get_mut(&s)
            .and_then(|r| r.entries.iter_mut().find(|(k, _, _)| *k == f))
            && let Kind::String(text) = &mut entry.1.kind
        {
            if !text.is_empty() && !more.is_empty() {
                text.push('\n');
            }
            text.push_str(&more);
        }
    }

    fn finish(mut self, sheet: &Sheet, rows: Range<usize>) -> Placement {
        let printed = self.place_found_values();
        let mut listed = 0usize;
        let mut more: Option<Unplaced> = None;
        for (r, row) in in_range(sheet, &rows) {
            for (c, cell) in row.iter().enumerate() {
                let class = self.classify(cell);
                if matches!(class, Class::Blank | Class::Ignored) || self.used.contains(&(r, c)) {
                    continue;
                }
                if listed >= LISTED_CELLS {
                    count_more(&mut more, (r, c), cell);
                    continue;
                }
                listed = listed.saturating_add(1);
                let reason = match class {
                    Class::Label(_) => msg!(PLACE_LABEL_WITHOUT_VALUE),
                    Class::Section(_) => msg!(PLACE_SECTION_OUT_OF_PLACE),
                    _ => msg!(PLACE_NO_LABEL),
                };
                self.unplaced.push(Unplaced {
                    address: address(r, c),
                    text: cell.shown(),
                    span: cell_span(cell).unwrap_or_default(),
                    kind: Misfit::Cell {
                        reason,
                        hidden: cell.hidden || sheet.hidden_rows.contains(&r),
                    },
                });
            }
        }
        self.unplaced.extend(more);
        self.report_extra_columns();
        self.compare_totals();
        self.name_hidden(sheet, &rows);
        let record_values = (self.records.values().map(|r| r.entries.len()))
            .sum::<usize>()
            .saturating_sub(printed);
        let indicators = (self.schema.sections().iter()).position(|s| s.key == INDICATORS);
        let indicator_rows = indicators
            .and_then(|s| self.rows.get(&s))
            .map_or(0, Vec::len);
        let indicator_names = self.indicator_names(indicators);
        let required_sections = self.required_sections_found();
        let root = self.tree();
        Placement {
            root,
            unplaced: self.unplaced,
            fields_found: self.found.len(),
            sections_found: (self.found.iter().map(|(s, _)| *s))
                .collect::<HashSet<_>>()
                .len(),
            record_values,
            indicator_rows,
            indicator_names,
            last_read_row: self.read.iter().map(|&(r, _)| r).max(),
            required_sections,
            notes: self.notes,
        }
    }

    /// The names written in the indicator table's rows (section `indicators`), as labels
    /// compare.
    fn indicator_names(&self, indicators: Option<usize>) -> Vec<String> {
        let Some(s) = indicators else {
            return Vec::new();
        };
        let field = (self.schema.sections().get(s))
            .and_then(|section| section.fields.iter().position(|f| f.key == "name"));
        let rows = self.rows.get(&s).map_or(&[][..], Vec::as_slice);
        (rows.iter())
            .flat_map(|row| &row.entries)
            .filter(|(f, ..)| Some(*f) == field)
            .filter_map(|(_, node, _)| match &node.kind {
                Kind::String(text) => Some(label_key(text)),
                _ => None,
            })
            .collect()
    }

    /// Whether a label of each required top-level section was found.
    fn required_sections_found(&self) -> bool {
        let found: HashSet<usize> = self.found.iter().map(|(s, _)| *s).collect();
        (self.schema.sections().iter().enumerate())
            .filter(|(_, section)| !section.optional && !section.key.contains('.'))
            .all(|(s, _)| found.contains(&s))
    }

    /// The rows and the columns the workbook hides that a value of the form was read
    /// from, each named once (`hidden-row`, `hidden-column`) with the cells read: a
    /// department's hidden, perhaps cancelled, indicator or a hidden column of weights
    /// counts, and the printed form does not show it.
    fn name_hidden(&mut self, sheet: &Sheet, rows: &Range<usize>) {
        let read_in = |r: usize, c: usize, cell: &Cell| {
            self.read.contains(&(r, c)) && !cell.shown().trim().is_empty()
        };
        let mut found = Vec::new();
        for &r in sheet.hidden_rows.range(rows.clone()) {
            let Some(row) = sheet.rows.get(r) else {
                continue;
            };
            let cells: Vec<Placed<'_>> = (row.iter().enumerate())
                .filter(|(c, cell)| read_in(r, *c, cell))
                .map(|(c, cell)| ((r, c), cell))
                .collect();
            found.extend(hidden(&cells, Misfit::HiddenRow(r.saturating_add(1))));
        }
        let mut columns: BTreeMap<usize, Vec<Placed<'_>>> = BTreeMap::new();
        for (r, row) in in_range(sheet, rows) {
            for (c, cell) in row.iter().enumerate() {
                // A range merged on into a shown column shows its value there.
                let shown_across = (row.get(c + 1)).is_some_and(|next| next.across && !next.hidden);
                if cell.hidden && !shown_across && read_in(r, c, cell) {
                    columns.entry(c).or_default().push(((r, c), cell));
                }
            }
        }
        for (c, cells) in columns {
            let kind = Misfit::HiddenColumn {
                column: crate::text::column_letters(c),
                values: cells.len(),
            };
            found.extend(hidden(&cells, kind));
        }
        self.unplaced.extend(found);
    }

    /// A table's column the form does not have: with values below it, reported once by
    /// its header (`unread-column`), since what the department wrote there is not read;
    /// empty, a note.
    fn report_extra_columns(&mut self) {
        for column in std::mem::take(&mut self.extra_columns) {
            if column.groups {
                continue;
            }
            if column.filled == 0 {
                self.notes.push(t!(
                    IMPORT_NOTE_EMPTY_COLUMN,
                    address = column.address,
                    text = crate::data::words::shorten(&column.text)
                ));
                continue;
            }
            self.unplaced.push(Unplaced {
                address: column.address,
                text: column.text,
                span: column.span,
                kind: Misfit::Column {
                    hidden: column.hidden,
                },
            });
        }
    }

    /// The required fields of record section `s` whose label was read and no value: each
    /// as not given, at its label, so that the validator names the row left blank.
    fn labelled_blanks(&self, s: usize) -> Vec<(usize, Node, Span)> {
        let Some(section) = self.schema.sections().get(s) else {
            return Vec::new();
        };
        let placed: HashSet<usize> = (self.records.get(&s))
            .map(|record| record.entries.iter().map(|(f, _, _)| *f).collect())
            .unwrap_or_default();
        (section.fields.iter().enumerate())
            .filter(|(f, field)| !field.optional && !placed.contains(f))
            .filter_map(|(f, _)| {
                let span = *self.label_spans.get(&(s, f))?;
                Some((
                    f,
                    Node::new(
                        Kind::Null,
                        Span {
                            start: span.end,
                            end: span.end,
                        },
                    ),
                    span,
                ))
            })
            .collect()
    }

    /// The placed values as a project file's tree, sections in the form's order and
    /// sub-sections (`funds.appropriation`) inside their parents.
    fn tree(&mut self) -> Node {
        let mut top: Vec<Entry> = Vec::new();
        for (s, section) in self.schema.sections().iter().enumerate() {
            let node = match section.shape {
                // A record with no value at all is left out (an optional sub-section's
                // labels alone, 上年结转资金 with nothing carried over).
                Shape::Record => {
                    let blanks = self.labelled_blanks(s);
                    let Some(mut record) = self.records.remove(&s) else {
                        continue;
                    };
                    record.entries.extend(blanks);
                    record_node(section_fields(self.schema, s), record)
                }
                Shape::Rows => match self.rows.remove(&s) {
                    Some(rows) => Node::new(
                        Kind::Array(
                            rows.into_iter()
                                .map(|r| record_node(section_fields(self.schema, s), r))
                                .collect(),
                        ),
                        Span::default(),
                    ),
                    None => continue,
                },
            };
            insert(&mut top, &section.key, node);
        }
        Node::new(Kind::Table(top), Span::default())
    }
}

/// The rows `rows` of a sheet, each with its index in the sheet.
fn in_range<'s>(
    sheet: &'s Sheet,
    rows: &Range<usize>,
) -> impl Iterator<Item = (usize, &'s Vec<Cell>)> {
    let end = rows.end.min(sheet.rows.len());
    let start = rows.start.min(end);
    (start..end).zip(sheet.rows.get(start..end).unwrap_or_default())
}

fn section_fields(schema: &FormSchema, s: usize) -> Vec<String> {
    schema
        .sections()
        .get(s)
        .map(|s| s.fields.iter().map(|f| f.key.clone()).collect())
        .unwrap_or_default()
}

/// A record as a table node, its fields in the form's order.
fn record_node(keys: Vec<String>, mut record: RecordOut) -> Node {
    record.entries.sort_by_key(|(f, _, _)| *f);
    let entries = record
        .entries
        .into_iter()
        .filter_map(|(f, value, key_span)| {
            keys.get(f).map(|key| Entry {
                key: key.clone(),
                key_span,
                value,
            })
        })
        .collect();
    Node::new(Kind::Table(entries), record.span.unwrap_or_default())
}

/// Puts a section's node at its key: `funds.appropriation` inside `funds`.
fn insert(entries: &mut Vec<Entry>, key: &str, node: Node) {
    match key.split_once('.') {
        None => entries.push(Entry {
            key: key.to_owned(),
            key_span: node.span,
            value: node,
        }),
        Some((parent, rest)) => {
            let at = match entries.iter().position(|e| e.key == parent) {
                Some(at) => at,
                None => {
                    entries.push(Entry {
                        key: parent.to_owned(),
                        key_span: node.span,
                        value: Node::new(Kind::Table(Vec::new()), node.span),
                    });
                    entries.len() - 1
                }
            };
            if let Some(Entry {
                value:
                    Node {
                        kind: Kind::Table(children),
                        ..
                    },
                ..
            }) = entries.get_mut(at)
            {
                insert(children, rest, node);
            }
        }
    }
}

/// `classes` with the cells at `columns` made values.
fn with_values_at(mut classes: Vec<Class>, columns: &[usize]) -> Vec<Class> {
    for &c in columns {
        if let Some(class) = classes.get_mut(c) {
            *class = Class::Value;
        }
    }
    classes
}

/// Whether a cell holds a number (a figure of a budget's row, a total), stored as one or
/// as text, with the unit of an amount or of points if any (`1,679.7`, `78分`).
fn is_figure(cell: &Cell) -> bool {
    match &cell.value {
        CellValue::Number(_) | CellValue::Formatted { .. } => true,
        CellValue::Text(text) => [FieldType::Amount, FieldType::Points]
            .into_iter()
            .any(|ty| {
                let text = number_text(text.trim(), Some(ty));
                crate::data::decimal::read_decimal(&text).is_ok()
            }),
        _ => false,
    }
}

/// Whether a cell writes nil as accounts do: dashes or slashes alone (`—`, `-`, `——`, `/`).
fn is_nil_mark(cell: &Cell) -> bool {
    matches!(&cell.value, CellValue::Text(text) if is_nil_text(text))
}

/// Whether a text is dashes or slashes alone, in any width.
fn is_nil_text(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text
            .chars()
            .all(|c| matches!(c, '-' | '—' | '–' | '―' | '－' | '/' | '／'))
}

/// Whether a cell holds a whole date as a form is signed with it: a date cell, or a
/// date written out (`2024年1月10日`, `2024.1.10`, `2024-01-10`); a number of digits alone
/// (`20240110`) is no date here, nor is a long text (a paragraph is not read as one).
fn is_signing_date(cell: &Cell) -> bool {
    match &cell.value {
        CellValue::Date(_) => true,
        CellValue::Text(text) => {
            let text = text.trim();
            text.len() <= LONGEST_DATE
                && !text.bytes().all(|b| b.is_ascii_digit())
                && dates::written(text).is_some()
        }
        _ => false,
    }
}

/// The most bytes a date written out takes (`截止到 ２０２３ 年 １２ 月 ３１ 日止`: 51).
const LONGEST_DATE: usize = 64;

/// A cell and where it is in the grid (row, column).
type Placed<'c> = ((usize, usize), &'c Cell);

/// The finding of hidden cells read, in a row or a column (`cells` in order): their
/// range, their texts and where they are shown; `None` for no cells.
fn hidden(cells: &[Placed<'_>], kind: Misfit) -> Option<Unplaced> {
    let (&(first, first_cell), &(last, last_cell)) = (cells.first()?, cells.last()?);
    let texts: Vec<String> = cells
        .iter()
        .map(|(_, cell)| clean_text(&cell.shown()))
        .collect();
    let span = match (cell_span(first_cell), cell_span(last_cell)) {
        (Some(a), Some(b)) => a.to(b),
        (a, b) => a.or(b).unwrap_or_default(),
    };
    let address = if first == last {
        address(first.0, first.1)
    } else {
        format!("{}:{}", address(first.0, first.1), address(last.0, last.1))
    };
    Some(Unplaced {
        address,
        text: quoted(&texts, 60),
        span,
        kind,
    })
}

/// Cells' texts joined by ` | `, as many whole ones as fit in about `limit` characters
/// and then `…` (a text is never cut inside; a first text longer than all is shortened).
fn quoted(texts: &[String], limit: usize) -> String {
    let mut out = String::new();
    let mut length = 0;
    for (i, text) in texts.iter().enumerate() {
        let more = text.chars().count() + if i == 0 { 0 } else { 3 };
        if i > 0 && length + more > limit {
            out.push_str(" | …");
            return out;
        }
        if i > 0 {
            out.push_str(" | ");
        }
        out.push_str(&crate::text::brief(text, limit));
        length += more;
    }
    out
}

/// Whether `text` (as [`label_key`] gives it) is one of the words `layout` ignores: the
/// word itself, or one a `*` ends beginning it (`填表说明*`).
pub(crate) fn ignored(layout: &LayoutDef, text: &str) -> bool {
    layout
        .ignore
        .iter()
        .any(|word| match word.strip_suffix('*') {
            Some(prefix) => text.starts_with(prefix),
            None => text == word,
        })
}

/// Whether the only values on a row of several labels are words right of the last
/// label (`年初预算数 | … | 指标结余收回数 | | 数据来源：市统计局`): on a row of a
/// record's labels, a note beside the labels over their values, not a label's value. (A
/// table's labels with words beside them are a table the form does not have, as before.)
fn note_beside_labels(row: &[Cell], classes: &[Class], labels: &[usize]) -> bool {
    let (Some(&first), Some(&last)) = (labels.first(), labels.last()) else {
        return false;
    };
    first != last
        && (classes.iter().enumerate())
            .filter(|(_, class)| matches!(class, Class::Value))
            .all(|(v, _)| v > last && row.get(v).is_some_and(is_note))
}

/// The values of a row under a record's labels (`labels`, by column) where the others are
/// notes (`数据来源：市统计局` right of the figures, `含追加0万` in a gap between them);
/// none where a figure stands under no label.
fn under_labels_but_a_note(
    row: &[Cell],
    values: &[usize],
    labels: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for &v in values {
        match labels.iter().find(|(c, _)| *c == v) {
            Some((_, f)) => pairs.push((v, *f)),
            None if row.get(v).is_some_and(is_note) => {}
            None => return Vec::new(),
        }
    }
    pairs
}

/// Whether a cell holds words: no number, date or formula.
fn is_note(cell: &Cell) -> bool {
    matches!(&cell.value, CellValue::Text(t) if !crate::text::is_plain_number(t.trim()))
        && cell.formula.is_none()
        && !is_figure(cell)
}

/// The fields of a table's row in place that its empty cells (or a dash alone) leave
/// blank (no value, none carried down), each as not given at its cell: what is said of
/// the missing value (an actual value left out) points at the cell, not at the row's
/// first.
fn blank_cells(table: &Table, row: &[Cell], out: &mut RecordOut) {
    for (&c, &f) in &table.columns {
        if out.entries.iter().any(|(k, _, _)| *k == f) {
            continue;
        }
        // A dash or a slash alone (a measure's "none") is as blank: not read as a value.
        let blank = row.get(c).filter(|cell| {
            (matches!(cell.value, CellValue::Empty) || is_nil_mark(cell))
                && !cell.merged
                && !cell.across
        });
        if let Some(span) = blank.and_then(cell_span) {
            out.entries.push((f, Node::new(Kind::Null, span), span));
        }
    }
}

fn cell_span(cell: &Cell) -> Option<Span> {
    cell.at.map(|(a, b)| Span::new(a, b))
}

fn label_span(row: &[Cell], c: usize) -> Span {
    row.get(c).and_then(cell_span).unwrap_or_default()
}

/// A cell's value as a node of the project tree, for a field of type `ty`. A measure
/// typed as a literal formula (`=100%`) is its text as typed, whatever the spreadsheet
/// made of it; a formula the file holds no result of is unknown, not empty; a date is
/// read as hands write it (`2023年12月31日`, see [`dates::written`]). A score, a
/// percentage or a measure a formula computes is read as its format rounds it, as the
/// form is printed ([`Cell::rounded`]); an amount keeps the number, which the budget's
/// sums are checked with.
fn value_node(cell: &Cell, ty: Option<FieldType>) -> Node {
    let span = cell_span(cell).unwrap_or_default();
    // As typed where the cell shows the number alone (`=100%` under General shows 1) or
    // nothing (no result stored); where its format writes a percentage or words (`=0.9`
    // under `"≥"0%` shows ≥90%), as shown, as `.csv` of the same sheet reads it.
    if ty == Some(FieldType::Measure)
        && matches!(cell.value, CellValue::Number(_) | CellValue::Empty)
        && let Some(formula) = cell.literal_formula()
    {
        return Node::new(Kind::String(format!("={formula}")), span);
    }
    if let Some(formula) = cell.uncalculated() {
        return Node::new(Kind::Formula(formula.to_owned()), span);
    }
    let value = match (cell.rounded.as_deref(), ty) {
        (Some(rounded), Some(FieldType::Percent | FieldType::Measure)) => &rounded.value,
        (Some(rounded), Some(FieldType::Points)) if !rounded.coarse => &rounded.value,
        _ => &cell.value,
    };
    let kind = match value {
        CellValue::Empty => Kind::Null,
        // Nil as accounts write it: 0 in an amount, not given in any other field.
        CellValue::Text(t) if is_nil_text(t) && ty == Some(FieldType::Amount) => {
            Kind::Number("0".to_owned())
        }
        CellValue::Text(t) if is_nil_text(t) && ty.is_some_and(|ty| ty != FieldType::Measure) => {
            Kind::Null
        }
        CellValue::Text(t) if ty == Some(FieldType::Text) => Kind::String(clean_text(t)),
        CellValue::Text(t) if ty == Some(FieldType::Date) => {
            dates::written(t).map_or_else(|| Kind::String(t.trim().to_owned()), Kind::Date)
        }
        CellValue::Text(t) => Kind::String(number_text(t.trim(), ty)),
        CellValue::Number(n) if ty == Some(FieldType::Date) => dates::serial(n)
            .or_else(|| dates::written(n))
            .map_or_else(|| Kind::Number(n.clone()), Kind::Date),
        CellValue::Number(n) => Kind::Number(n.clone()),
        // A target or actual as the cell shows it (`≤2%`); a number field takes the number.
        CellValue::Formatted { shown, .. }
            if matches!(ty, Some(FieldType::Measure | FieldType::Text) | None) =>
        {
            Kind::String(shown.clone())
        }
        CellValue::Formatted { number, .. } if ty == Some(FieldType::Date) => dates::serial(number)
            .or_else(|| dates::written(number))
            .map_or_else(|| Kind::Number(number.clone()), Kind::Date),
        CellValue::Formatted { number, .. } => Kind::Number(number.clone()),
        // A year's cell formatted as a date (`yyyy"年"` shows 2023-01-01 as `2023年`).
        CellValue::Date(d) if ty == Some(FieldType::Integer) => Kind::Number(d.year().to_string()),
        CellValue::Date(d) => Kind::Date(*d),
        CellValue::Bool(b) => Kind::Bool(*b),
    };
    Node::new(kind, span)
}

/// A text as a label compares: widths folded, whitespace and tags removed, a trailing
/// colon dropped.
pub(crate) fn label_key(text: &str) -> String {
    let plain = strip_tags(text);
    let key = normalize(&plain);
    key.trim_end_matches(':').to_owned()
}

/// A label without its parenthesised remarks: `预算数(万元)` → `预算数`.
fn without_parentheses(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Narrative text as a person reads it: HTML paragraphs and line breaks as new lines,
/// other tags removed, entities decoded, each line trimmed, empty lines dropped.
pub(crate) fn clean_text(text: &str) -> String {
    let stripped = strip_tags(text);
    let lines: Vec<&str> = stripped
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

/// Whether `inside` (what stands between `<` and `>`, on one line, with no `<` in it) is
/// an HTML tag, comment or declaration: an element's name, opening or closing, in ASCII letters
/// (`p`, `/td`, `img src=x`, `o:p`, `< p >`), or `!` (`!-- … --`, `![endif]--`). What
/// starts otherwise is the form's own text: a comparison (`<2小时且满意度>`, `<=8小时`)
/// or a word in brackets (`<一期>`).
fn is_tag(inside: &str) -> bool {
    let inside = inside.trim_start();
    let name = inside.strip_prefix('/').unwrap_or(inside).trim_start();
    inside.starts_with('!')
        || name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '/')
                .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-')
}

/// HTML tags removed (`</p>`, `<br>` as line breaks) and the common entities decoded.
fn strip_tags(text: &str) -> String {
    if !text.contains('<') && !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open..).unwrap_or("");
        // A tag ends at the first `>`, on its line, before any other `<`: looked for no
        // further than that, so a text of many `<` is read in one pass.
        let end = after
            .get(1..)
            .and_then(|a| a.find(['<', '>', '\n']))
            .map(|e| e + 1);
        match end
            .filter(|close| after.get(*close..).is_some_and(|a| a.starts_with('>')))
            .filter(|close| is_tag(after.get(1..*close).unwrap_or("")))
        {
            Some(close) => {
                let tag = after
                    .get(1..close)
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                if tag == "/p" || tag.starts_with("br") || tag == "/div" || tag == "/li" {
                    out.push('\n');
                }
                rest = after.get(close + 1..).unwrap_or("");
            }
            // Not a tag: a comparison the form writes (`响应时间<2小时且满意度>90%`).
            None => {
                out.push('<');
                rest = after.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_compare_as_written_by_hand() {
        assert_eq!(label_key("<p>项目管理成效</p>"), "项目管理成效");
        assert_eq!(label_key("项目主管部门（单位）"), "项目主管部门(单位)");
        assert_eq!(label_key("其中："), "其中");
        assert_eq!(label_key(" 年初 预算数 "), "年初预算数");
        assert_eq!(without_parentheses("预算数(万元)"), "预算数");
    }

    /// Only HTML's own elements are tags: a comparison between `<` and `>` is the form's
    /// text, and a project named `智慧城市<一期>建设项目` keeps its 一期.
    #[test]
    fn only_html_elements_are_stripped() {
        assert_eq!(
            clean_text("响应时间<2小时且满意度>90%的工单比例"),
            "响应时间<2小时且满意度>90%的工单比例"
        );
        assert_eq!(
            clean_text("智慧城市<一期>建设项目"),
            "智慧城市<一期>建设项目"
        );
        assert_eq!(
            clean_text("<P class=\"x\">一、加强<BR/>二、沟通</p>"),
            "一、加强\n二、沟通"
        );
        assert_eq!(
            clean_text("<span style=\"a\">达标</span> <o:p></o:p>"),
            "达标"
        );
        // Every element, comment and conditional comment a web page or Word writes.
        assert_eq!(
            clean_text("<!--[if gte mso 9]>x<![endif]-->表<td>格</td><img src=\"a.png\">"),
            "x表格"
        );
        assert_eq!(
            clean_text("<script>alert(1)</script>< p >名</ p >"),
            "alert(1)名"
        );
        assert_eq!(clean_text("x < y"), "x < y");
        assert_eq!(clean_text("<"), "<");
    }

    #[test]
    fn narrative_html_becomes_lines() {
        let text = "<p>一、加强。 由于&nbsp;本项目</p> <p>二、沟通。</p>";
        assert_eq!(clean_text(text), "一、加强。 由于 本项目\n二、沟通。");
    }
}
