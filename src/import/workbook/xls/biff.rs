//! A scan of a BIFF8 workbook stream before calamine reads it: the records calamine
//! reads are walked as calamine walks them (a record, then its CONTINUE records), and
//! what calamine would build from them is bounded. The scan reads no values.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use crate::i18n::t;
use crate::import::error::ImportError;
use crate::import::workbook::{HiddenColumns, MAX_ROWS, SheetBuilder, Shows, TextBudget, damaged};

/// What the scan found in one sheet (in the order of the BOUNDSHEET records).
#[derive(Debug, Default)]
pub(super) struct SheetScan {
    /// How the number cells whose format shows more than the number (a percentage, text
    /// around it) show it, by 0-based row and column: shared with the format, which a
    /// format's 8 KB of text under 165,000 cells would otherwise copy into each.
    pub(super) shown: HashMap<(u32, u32), Rc<Shows>>,
    /// The 0-based rows the sheet hides (a ROW record's `fDyZero`, or a row of no
    /// height), as `.xlsx` reading marks them.
    pub(super) hidden_rows: BTreeSet<usize>,
    /// The 0-based columns the sheet hides (a COLINFO record's `fHidden`, or a width of
    /// zero), within [`crate::import::workbook::MAX_COLUMNS`].
    pub(super) hidden_columns: BTreeSet<usize>,
    /// The shared formulas (SHRFMLA) that are literals (`=100%` filled down a column):
    /// the cells each covers, and its text. calamine reads a cell sharing a formula as
    /// an empty one.
    /// By their first cell, which is where a cell sharing one finds it.
    shared_literals: HashMap<(u32, u32), SharedLiteral>,
    /// The cells whose FORMULA record shares another's formula (`ptgExp`), 0-based, each
    /// with the first cell of the formula it shares.
    sharing: Vec<((u32, u32), (u32, u32))>,
}

/// A literal formula shared by a block of cells.
#[derive(Debug)]
pub(super) struct SharedLiteral {
    rows: (u32, u32),
    columns: (u32, u32),
    text: String,
}

impl SheetScan {
    /// Each cell that shares a literal formula, with the literal (0-based).
    pub(super) fn literal_cells(&self) -> Vec<(u32, u32, String)> {
        let within = |(first, last): (u32, u32), n: u32| first <= n && n <= last;
        (self.sharing.iter())
            .filter_map(|&((row, column), anchor)| {
                let shared = self.shared_literals.get(&anchor)?;
                (within(shared.rows, row) && within(shared.columns, column))
                    .then(|| (row, column, shared.text.clone()))
            })
            .collect()
    }
}

/// One record and the CONTINUE records after it.
struct Record<'a> {
    kind: u16,
    data: &'a [u8],
    more: Vec<&'a [u8]>,
}

/// The records of `stream` from `at`, as calamine's iterator reads them.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = Result<Record<'_>, ImportError>> {
    std::iter::from_fn(move || {
        if at >= stream.len() {
            return None;
        }
        let record = next(stream, &mut at);
        if record.is_err() {
            at = stream.len();
        }
        Some(record)
    })
}

fn next<'a>(stream: &'a [u8], at: &mut usize) -> Result<Record<'a>, ImportError> {
    let (kind, data) = one(stream, at)?;
    let mut more = Vec::new();
    while u16_at(stream, *at) == Some(0x003C) {
        more.push(one(stream, at)?.1);
    }
    Ok(Record { kind, data, more })
}

/// The record at `at`, moving past it.
fn one<'a>(stream: &'a [u8], at: &mut usize) -> Result<(u16, &'a [u8]), ImportError> {
    let cut = || damaged(t!(IMPORT_BIFF_CUT));
    let kind = u16_at(stream, *at).ok_or_else(cut)?;
    let length = usize::from(u16_at(stream, at.saturating_add(2)).ok_or_else(cut)?);
    let start = at.saturating_add(4);
    let data = stream
        .get(start..start.saturating_add(length))
        .ok_or_else(cut)?;
    *at = start.saturating_add(length);
    Ok((kind, data))
}

/// What the workbook's globals say about formats and strings.
#[derive(Default)]
struct Globals {
    sheets: Vec<usize>,
    /// The format of each XF record.
    xf_formats: Vec<u16>,
    /// Custom formats that show more than the number, by format number, and the
    /// built-in formats that fix decimals or show a percentage (`0`, `0.00`, `#,##0`,
    /// `#,##0.00`, `0%`, `0.00%`), each made once.
    formats: HashMap<u16, Rc<Shows>>,
    /// The characters of each shared string.
    strings: Vec<u64>,
}

impl Globals {
    /// How a cell of the XF record `xf` shows its number, where it shows more than the
    /// number or fixes its decimals: a built-in format or a custom one.
    fn shows(&self, xf: u16) -> Option<Rc<Shows>> {
        let format = self.xf_formats.get(usize::from(xf))?;
        self.formats.get(format).map(Rc::clone)
    }
}

/// Scans the workbook stream: the globals, then each sheet.
pub(super) fn scan(stream: &[u8]) -> Result<Vec<SheetScan>, ImportError> {
    let globals = read_globals(stream)?;
    let mut budget = TextBudget::default();
    globals
        .sheets
        .iter()
        .enumerate()
        .map(|(index, at)| scan_sheet(stream, (index, *at), &globals, &mut budget))
        .collect()
}

fn read_globals(stream: &[u8]) -> Result<Globals, ImportError> {
    let mut globals = Globals::default();
    // Built-in formats have no FORMAT record: their codes are Excel's (a custom format
    // of the same number, which a file may not write, would replace them).
    for (number, code) in BUILT_IN_FORMATS {
        globals.formats.insert(number, Rc::new(Shows::of(code)));
    }
    for record in records(stream, 0) {
        let record = record?;
        match record.kind {
            0x002F => {
                return Err(ImportError::Encrypted {
                    format: super::FORMAT,
                });
            }
            0x0085 => {
                let at = u32_at(record.data, 0).filter(|_| record.data.len() >= 8);
                let at = at
                    .and_then(|a| usize::try_from(a).ok())
                    .filter(|a| *a < stream.len());
                let at = at.ok_or_else(|| damaged(t!(IMPORT_BIFF_SHEET_MISPLACED)))?;
                // Each sheet read once: sheets sharing their records would multiply
                // every bound of one sheet by their number.
                if globals.sheets.contains(&at) {
                    return Err(damaged(t!(IMPORT_SHEETS_SHARE_DATA)));
                }
                globals.sheets.push(at);
            }
            0x041E => {
                let format = u16_at(record.data, 0).unwrap_or(0);
                let shows = format_text(record.data.get(2..).unwrap_or_default())
                    .map(|code| Shows::of(&code))
                    .filter(|shows| *shows != Shows::default());
                if let Some(shows) = shows {
                    globals.formats.insert(format, Rc::new(shows));
                }
            }
            0x00E0 => globals.xf_formats.push(u16_at(record.data, 2).unwrap_or(0)),
            0x00FC => globals.strings = string_lengths(&record),
            0x000A => break,
            _ => {}
        }
    }
    Ok(globals)
}

/// Excel's built-in number formats that fix decimals or show a percentage, by number:
/// what a formula's result is read as printed under, as in `.xlsx`.
const BUILT_IN_FORMATS: [(u16, &str); 6] = [
    (1, "0"),
    (2, "0.00"),
    (3, "#,##0"),
    (4, "#,##0.00"),
    (9, "0%"),
    (10, "0.00%"),
];

/// A FORMAT record's format code (an XLUnicodeString).
fn format_text(data: &[u8]) -> Option<String> {
    let count = usize::from(u16_at(data, 0)?);
    let wide = data.get(2)? & 1 == 1;
    let chars = data.get(3..)?;
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .filter_map(|c| u16_at(c, 0))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(chars.iter().take(count).map(|b| char::from(*b)).collect())
    }
}

/// The length in characters of each shared string of an SST record, as far as the
/// record and its CONTINUE records go.
fn string_lengths(record: &Record<'_>) -> Vec<u64> {
    let mut parts = Parts::new(record);
    let mut lengths = Vec::new();
    let _ = parts.skip(8);
    while let Some(length) = parts.string() {
        lengths.push(length);
    }
    lengths
}

/// The bytes of a record and its CONTINUE records, read in order.
struct Parts<'a> {
    parts: Vec<&'a [u8]>,
    part: usize,
    at: usize,
}

impl<'a> Parts<'a> {
    fn new(record: &Record<'a>) -> Parts<'a> {
        let mut parts = vec![record.data];
        parts.extend(record.more.iter().copied());
        Parts {
            parts,
            part: 0,
            at: 0,
        }
    }

    fn left_in_part(&self) -> usize {
        self.parts
            .get(self.part)
            .map_or(0, |p| p.len().saturating_sub(self.at))
    }

    /// Moves to the next part when this one is read; `None` past the last.
    fn ensure(&mut self) -> Option<()> {
        while self.left_in_part() == 0 {
            self.part = self.part.checked_add(1)?;
            self.at = 0;
            self.parts.get(self.part)?;
        }
        Some(())
    }

    fn byte(&mut self) -> Option<u8> {
        self.ensure()?;
        let b = *self.parts.get(self.part)?.get(self.at)?;
        self.at = self.at.saturating_add(1);
        Some(b)
    }

    fn skip(&mut self, mut n: u64) -> Option<()> {
        while n > 0 {
            self.ensure()?;
            let step = u64::try_from(self.left_in_part()).ok()?.min(n);
            self.at = self.at.saturating_add(usize::try_from(step).ok()?);
            n = n.saturating_sub(step);
        }
        Some(())
    }

    /// One XLUnicodeRichExtendedString: its length in characters. Its characters
    /// may go on in the next part, which then starts with a byte saying their width.
    fn string(&mut self) -> Option<u64> {
        let count = u64::from(u16::from_le_bytes([self.byte()?, self.byte()?]));
        let flags = self.byte()?;
        let runs = if flags & 0x08 != 0 {
            u64::from(u16::from_le_bytes([self.byte()?, self.byte()?]))
        } else {
            0
        };
        let extra = if flags & 0x04 != 0 {
            u64::from(u32::from_le_bytes([
                self.byte()?,
                self.byte()?,
                self.byte()?,
                self.byte()?,
            ]))
        } else {
            0
        };
        let mut wide = flags & 0x01 != 0;
        let mut left = count;
        while left > 0 {
            if self.left_in_part() == 0 {
                self.ensure()?;
                wide = self.byte()? & 0x01 != 0;
            }
            let width: u64 = if wide { 2 } else { 1 };
            let fits = u64::try_from(self.left_in_part()).ok()? / width;
            let step = fits.min(left).max(1);
            self.skip(step.saturating_mul(width))?;
            left = left.saturating_sub(step);
        }
        self.skip(runs.saturating_mul(4).saturating_add(extra))?;
        Some(count)
    }
}

/// The records of one sheet: bounds, and the cells that show a percentage.
fn scan_sheet(
    stream: &[u8],
    (index, at): (usize, usize),
    globals: &Globals,
    budget: &mut TextBudget,
) -> Result<SheetScan, ImportError> {
    let mut sheet = SheetScan::default();
    let mut bounds = SheetBuilder::new("");
    // No program writes a cell twice; calamine keeps the last, so which value the form
    // holds would depend on who reads it.
    let mut written = Written {
        sheet: index + 1,
        cells: std::collections::HashSet::new(),
    };
    let mut seen_bof = false;
    let mut depth: usize = 0;
    let mut columns = HiddenColumns::default();
    for record in records(stream, at) {
        let record = record?;
        let data = record.data;
        // Charts and other substreams inside the sheet are skipped, as calamine does.
        if depth > 0 {
            match record.kind {
                0x0809 => depth = depth.saturating_add(1),
                0x000A => depth = depth.saturating_sub(1),
                _ => {}
            }
            continue;
        }
        match record.kind {
            0x0809 if seen_bof => depth = 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => dimensions(data, &mut bounds)?,
            0x0203 | 0x027E | 0x0006 | 0x0205 | 0x0204 | 0x00D6 | 0x00FD => {
                let (row, column, xf) = cell_head(data)?;
                bounds.extend_to(usize::from(row) + 1, usize::from(column) + 1)?;
                written.once(row, column)?;
                // Numbers (NUMBER, RK, FORMULA) and texts (LABELSST, LABEL), whose
                // format may write text around them too.
                if matches!(record.kind, 0x0203 | 0x027E | 0x0006 | 0x00FD | 0x0204)
                    && let Some(shows) = globals.shows(xf)
                {
                    sheet
                        .shown
                        .insert((u32::from(row), u32::from(column)), shows);
                }
                budget.charge(text_of(record.kind, data, globals))?;
                // A FORMULA whose tokens are `ptgExp` alone shares a formula.
                if record.kind == 0x0006
                    && data.get(22) == Some(&0x01)
                    && let (Some(first_row), Some(first_column)) =
                        (u16_at(data, 23), u16_at(data, 25))
                {
                    let anchor = (u32::from(first_row), u32::from(first_column));
                    (sheet.sharing).push(((u32::from(row), u32::from(column)), anchor));
                }
            }
            0x0207 => budget.charge(data.len().saturating_mul(2))?,
            0x04BC => {
                if let Some(shared) = shared_literal(data) {
                    budget.charge(shared.text.len())?;
                    let anchor = (shared.rows.0, shared.columns.0);
                    sheet.shared_literals.insert(anchor, shared);
                }
            }
            0x00BD => multiple_rk(data, globals, &mut bounds, &mut sheet, &mut written)?,
            0x00E5 => merged_cells(data)?,
            0x0208 => {
                if let Some(row) = hidden_row(data) {
                    sheet.hidden_rows.insert(row);
                }
            }
            0x007D => {
                if let Some((first, end)) = hidden_columns(data) {
                    columns.hide(first, end);
                }
            }
            _ => {}
        }
    }
    sheet.hidden_columns = columns.columns();
    Ok(sheet)
}

/// A SHRFMLA record's formula, where it is a literal: a number (`ptgInt`, `ptgNum`),
/// then a percent sign (`ptgPercent`) or nothing, as calamine writes such a formula of a
/// cell of its own (`100%`, `95.5`). The record: the cells (rows and columns as
/// `u16 u16 u8 u8`), two bytes, the formula's length and its tokens.
fn shared_literal(data: &[u8]) -> Option<SharedLiteral> {
    let rows = (u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?));
    let columns = (u32::from(*data.get(4)?), u32::from(*data.get(5)?));
    let length = usize::from(u16_at(data, 8)?);
    let tokens = data.get(10..10usize.checked_add(length)?)?;
    let (number, rest) = match tokens.split_first()? {
        (0x1E, rest) => (u16_at(rest, 0)?.to_string(), rest.get(2..)?),
        (0x1F, rest) => {
            let bytes: [u8; 8] = rest.get(..8)?.try_into().ok()?;
            let number = f64::from_le_bytes(bytes);
            // The text a person typed, as the shortest that reads back as the same
            // double; a literal is never negative, nor past what a cell shows.
            (number.is_finite() && number >= 0.0).then_some(())?;
            (format!("{number}"), rest.get(8..)?)
        }
        _ => return None,
    };
    let text = match rest {
        [] => number,
        [0x14] => format!("{number}%"),
        _ => return None,
    };
    Some(SharedLiteral {
        rows,
        columns,
        text,
    })
}

/// The row a ROW record hides: its `fDyZero` bit set (Excel's hidden and filtered rows),
/// or a height of zero, which shows it no more than hiding does.
fn hidden_row(data: &[u8]) -> Option<usize> {
    let row = usize::from(u16_at(data, 0)?);
    let height = u16_at(data, 6)? & 0x7FFF;
    let zero_height_bit = data.get(12)? & 0x20 != 0;
    (row < MAX_ROWS && (zero_height_bit || height == 0)).then_some(row)
}

/// The columns a COLINFO record hides (`colFirst` to `colLast`), as a range with its end
/// left out: by its `fHidden` bit, or a width of zero.
fn hidden_columns(data: &[u8]) -> Option<(usize, usize)> {
    let (first, last) = (u16_at(data, 0)?, u16_at(data, 2)?);
    let (width, flags) = (u16_at(data, 4)?, u16_at(data, 8)?);
    (flags & 0x0001 != 0 || width == 0)
        .then(|| (usize::from(first), usize::from(last).saturating_add(1)))
}

/// What a cell record copies into the grid: a shared string's text (at most three
/// bytes of UTF-8 a character), or its own text.
fn text_of(kind: u16, data: &[u8], globals: &Globals) -> usize {
    let length = match kind {
        0x00FD => u32_at(data, 6)
            .and_then(|i| globals.strings.get(usize::try_from(i).ok()?).copied())
            .unwrap_or(u64::from(u16::MAX))
            .saturating_mul(3),
        0x0204 | 0x00D6 => u64::try_from(data.len())
            .unwrap_or(u64::MAX)
            .saturating_mul(2),
        _ => 0,
    };
    usize::try_from(length).unwrap_or(usize::MAX)
}

/// A cell record's row, column and XF index.
fn cell_head(data: &[u8]) -> Result<(u16, u16, u16), ImportError> {
    match (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4)) {
        (Some(row), Some(column), Some(xf)) => Ok((row, column, xf)),
        _ => Err(damaged(t!(IMPORT_BIFF_SHORT_CELL))),
    }
}

/// A DIMENSIONS record: the extent calamine reserves cells for.
fn dimensions(data: &[u8], bounds: &mut SheetBuilder) -> Result<(), ImportError> {
    let (first_row, end_row, first_column, end_column) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0).unwrap_or(0)),
            u32::from(u16_at(data, 2).unwrap_or(0)),
            u16_at(data, 4).unwrap_or(0),
            u16_at(data, 6).unwrap_or(0),
        ),
        14 | 16 => (
            u32_at(data, 0).unwrap_or(0),
            u32_at(data, 4).unwrap_or(0),
            u16_at(data, 8).unwrap_or(0),
            u16_at(data, 10).unwrap_or(0),
        ),
        _ => return Ok(()),
    };
    // calamine takes a first column past 255 as 0.
    let first_column = if first_column > 0xFF { 0 } else { first_column };
    if end_row >= 1 && end_column >= 1 {
        if end_row <= first_row || end_column <= first_column {
            return Err(damaged(t!(IMPORT_BIFF_DIMENSIONS)));
        }
        let rows = usize::try_from(end_row).unwrap_or(usize::MAX);
        bounds.extend_to(rows, usize::from(end_column))?;
    }
    Ok(())
}

/// A MULRK record: cells of one row, from a first to a last column.
fn multiple_rk(
    data: &[u8],
    globals: &Globals,
    bounds: &mut SheetBuilder,
    sheet: &mut SheetScan,
    written: &mut Written,
) -> Result<(), ImportError> {
    let short = || damaged(t!(IMPORT_BIFF_MULRK));
    let row = u16_at(data, 0).ok_or_else(short)?;
    let first = u16_at(data, 2).ok_or_else(short)?;
    let last = u16_at(data, data.len().saturating_sub(2)).ok_or_else(short)?;
    let cells = usize::from(last.checked_sub(first).ok_or_else(short)?) + 1;
    if data.len() != 6 + 6 * cells {
        return Err(short());
    }
    bounds.extend_to(usize::from(row) + 1, usize::from(last) + 1)?;
    for (column, rk) in (first..=last).zip(data.get(4..).unwrap_or_default().chunks_exact(6)) {
        written.once(row, column)?;
        if let Some(shows) = u16_at(rk, 0).and_then(|xf| globals.shows(xf)) {
            sheet
                .shown
                .insert((u32::from(row), u32::from(column)), shows);
        }
    }
    Ok(())
}

/// The cells of a sheet a value record has written, by their 1-based sheet's number.
struct Written {
    sheet: usize,
    cells: std::collections::HashSet<(u16, u16)>,
}

impl Written {
    /// Notes a value written at `row`, `column`: an error where one was written there
    /// already.
    fn once(&mut self, row: u16, column: u16) -> Result<(), ImportError> {
        if self.cells.insert((row, column)) {
            return Ok(());
        }
        let address = crate::text::cell_address(usize::from(row), usize::from(column));
        Err(damaged(t!(
            IMPORT_BIFF_CELL_TWICE,
            number = self.sheet,
            address
        )))
    }
}

/// A MERGECELLS record must hold the ranges it counts (calamine reads them unchecked).
fn merged_cells(data: &[u8]) -> Result<(), ImportError> {
    let count = usize::from(u16_at(data, 0).unwrap_or(0));
    if data.len() < 2 + 8 * count {
        return Err(damaged(t!(IMPORT_BIFF_MERGECELLS)));
    }
    Ok(())
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    match bytes.get(at..at.checked_add(2)?)? {
        [a, b] => Some(u16::from_le_bytes([*a, *b])),
        _ => None,
    }
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    match bytes.get(at..at.checked_add(4)?)? {
        [a, b, c, d] => Some(u32::from_le_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}
