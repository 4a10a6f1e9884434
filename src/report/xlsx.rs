//! A report as an Excel workbook: a summary sheet (汇总) with one row per project, then a
//! sheet per evaluated project with its indicator table, its own findings below the
//! indicators, and the total.
//!
//! Numbers are written as numbers (a completion as a fraction shown as a percentage), so
//! reviewers can sort and sum them; decimals become Excel's floating point only as each
//! cell is written (rust_xlsxwriter's `rust_decimal` feature), never in perfeval's
//! arithmetic. Text keeps every character XML can hold (control characters it cannot are
//! dropped) and is never read as a formula. The workbook's bytes depend only on the run's
//! results: the document's date is fixed and the archive's entries are dated by
//! rust_xlsxwriter to a fixed time too.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, Url, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

use crate::eval::outcome::Outcome;
use crate::finding::Finding;

use super::batch::{DATA_SUMMARY_HEADERS, Entry};
use super::json::ProjectResult;
use super::view::{
    self, DIFFERS_HEADER, DIFFERS_MARK, INDICATOR_HEADERS, LINE_CATEGORY, ProjectView, Row,
};
use super::{Options, Report, TITLE};

/// The summary sheet's name.
pub const SUMMARY_SHEET: &str = "汇总";

/// The columns after the indicator table's own: the findings about each row.
const FINDING_HEADERS: [&str; 2] = ["发现代码", "发现"];

/// The category of a row that holds a finding about the whole project.
const PROJECT_CATEGORY: &str = "项目";

use super::view::EXCEL_CELL_LIMIT as CELL_LIMIT;

/// The most characters of a sheet's name (in UTF-16 units).
const SHEET_NAME_LIMIT: usize = 31;

/// Column widths, in Excel's units (about one Latin character; a Chinese character
/// takes two), within which every column is set.
const WIDTH_RANGE: (usize, usize) = (6, 50);

/// The width of a column of findings' messages, which wrap.
const MESSAGE_WIDTH: u16 = 60;

/// Excel's number format for a fraction shown as a percentage to 0.01.
const PERCENT: &str = "0.00%";

/// Excel's paper size number for A4.
const A4: u8 = 9;

/// The workbook's bytes.
///
/// # Errors
///
/// Excel cannot hold the report: more rows than a sheet has (1,048,576), or a number
/// beyond Excel's range.
pub fn render(report: &Report<'_>, options: Options) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed date: the same results give the same bytes, run after run.
    let date = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(TITLE)
            .set_creation_datetime(&date),
    );
    let styles = Styles::new();
    let names = sheet_names(report.results);
    summary_sheet(
        workbook.add_worksheet(),
        report,
        &names,
        !options.summary,
        &styles,
    )?;
    if !options.summary {
        for (result, name) in report.results.iter().zip(&names) {
            if let (ProjectResult::Evaluated(outcome), Some(name)) = (result, name) {
                let sheet = workbook.add_worksheet();
                sheet.set_name(name)?;
                project_sheet(sheet, outcome, &styles)?;
            }
        }
    }
    workbook.save_to_buffer()
}

/// The formats cells are written with.
struct Styles {
    header: Format,
    bold: Format,
    percent: Format,
    wrap: Format,
    /// A number shown with its decimals (`0.00` for a score of `68.30`, which Excel's
    /// General format shows `68.3`), by how many it has.
    decimals: Vec<Format>,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            bold: Format::new().set_bold(),
            percent: Format::new().set_num_format(PERCENT),
            wrap: Format::new().set_text_wrap(),
            decimals: (1..=DECIMALS_SHOWN)
                .map(|places| Format::new().set_num_format(format!("0.{}", "0".repeat(places))))
                .collect(),
        }
    }

    /// The format that shows `places` decimals; none (General) for a whole number.
    fn decimals(&self, places: u32) -> Option<&Format> {
        let places = usize::try_from(places).ok()?;
        self.decimals.get(places.checked_sub(1)?)
    }
}

/// The most decimals a number cell shows as written; a number of more is shown as Excel
/// shows it (a report's scores, weights and amounts have two or four).
const DECIMALS_SHOWN: usize = 10;

/// The most significant digits an Excel number keeps: a decimal of more is written as
/// text, so that the report shows it exactly as computed (Excel would show
/// `1234567890123456789.12` as `1234567890123456800`).
const EXCEL_DIGITS: u32 = 15;

/// How many significant digits `value` is written with (`68.30`: four).
fn digits(value: Decimal) -> u32 {
    value
        .mantissa()
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |d| d + 1)
}

/// Each result's sheet name, for those that get a sheet: its number in the run, a space
/// and its name, cut to Excel's 31 characters. The number keeps names unique (and apart
/// from 汇总) however names are cut or cased.
fn sheet_names(results: &[ProjectResult]) -> Vec<Option<String>> {
    results
        .iter()
        .enumerate()
        .map(|(i, result)| match result {
            ProjectResult::Evaluated(outcome) => {
                Some(sheet_name(i + 1, view::project_name(outcome)))
            }
            ProjectResult::Failed { .. } => None,
        })
        .collect()
}

/// `12 电子政务项目建设资金`, without the characters Excel refuses in a sheet's name
/// (`[]:*?/\`, control characters), at most 31 UTF-16 units, and not ending in `'`.
fn sheet_name(number: usize, name: &str) -> String {
    let mut out = format!("{number} ");
    let mut units = out.len();
    for c in name.chars() {
        let c = if crate::text::is_unsafe(c) || "[]:*?/\\".contains(c) {
            '_'
        } else {
            c
        };
        units += c.len_utf16();
        if units > SHEET_NAME_LIMIT {
            break;
        }
        out.push(c);
    }
    let kept = out.trim_end_matches(['\'', ' ']).len();
    out.truncate(kept);
    out
}

/// A sheet being written, with the width each column needs.
struct Sheet<'w> {
    sheet: &'w mut Worksheet,
    styles: &'w Styles,
    widths: Vec<usize>,
}

impl<'w> Sheet<'w> {
    fn new(sheet: &'w mut Worksheet, styles: &'w Styles) -> Sheet<'w> {
        sheet
            .set_paper_size(A4)
            .set_landscape()
            .set_print_fit_to_pages(1, 0);
        Sheet {
            sheet,
            styles,
            widths: Vec::new(),
        }
    }

    fn text(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        self.styled(row, col, text, None)
    }

    fn styled(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        format: Option<&Format>,
    ) -> Result<(), XlsxError> {
        let text = cell_text(text);
        if text.is_empty() {
            return Ok(());
        }
        self.measure(col, &text);
        match format {
            Some(format) => self
                .sheet
                .write_string_with_format(row, col, text, format)?,
            None => self.sheet.write_string(row, col, text)?,
        };
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, value: Option<Decimal>) -> Result<(), XlsxError> {
        let Some(value) = value else {
            return Ok(());
        };
        let text = value.to_string();
        self.measure(col, &text);
        if digits(value) > EXCEL_DIGITS {
            self.sheet.write_string(row, col, text)?;
            return Ok(());
        }
        // Excel holds numbers as f64: the decimal is converted here, as the cell is
        // written, and nowhere else.
        match self.styles.decimals(value.scale()) {
            Some(format) => self.sheet.write_with_format(row, col, value, format)?,
            None => self.sheet.write(row, col, value)?,
        };
        Ok(())
    }

    fn count(&mut self, row: u32, col: u16, n: usize) -> Result<(), XlsxError> {
        self.number(row, col, Some(Decimal::from(n)))
    }

    /// A completion in percent, written as the fraction Excel's percentage format shows.
    fn percent(&mut self, row: u32, col: u16, percent: Option<Decimal>) -> Result<(), XlsxError> {
        let Some((percent, fraction)) =
            percent.and_then(|p| Some((p, p.checked_div(Decimal::ONE_HUNDRED)?)))
        else {
            return Ok(());
        };
        self.measure(col, &format!("{percent}%"));
        self.sheet
            .write_with_format(row, col, fraction, &self.styles.percent)?;
        Ok(())
    }

    fn headers(&mut self, row: u32, headers: &[&str]) -> Result<(), XlsxError> {
        let styles = self.styles;
        for (col, header) in (0_u16..).zip(headers) {
            self.styled(row, col, header, Some(&styles.header))?;
        }
        Ok(())
    }

    /// A label in bold.
    fn label(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        let styles = self.styles;
        self.styled(row, col, text, Some(&styles.bold))
    }

    fn measure(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        let width = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        if let Some(w) = self.widths.get_mut(col) {
            *w = (*w).max(width + 2);
        }
    }

    /// Sets each column to the width its widest cell needs, within [`WIDTH_RANGE`].
    fn fit(&mut self) -> Result<(), XlsxError> {
        let (least, most) = WIDTH_RANGE;
        for (col, width) in (0_u16..).zip(&self.widths) {
            let width = u16::try_from((*width).clamp(least, most)).unwrap_or(u16::MAX);
            self.sheet.set_column_width(col, width)?;
        }
        Ok(())
    }

    /// A header row with a filter and frozen above the rows below it.
    fn table(&mut self, header: u32, last_row: u32, last_col: u16) -> Result<(), XlsxError> {
        self.sheet
            .autofilter(header, 0, last_row.max(header), last_col)?;
        self.sheet.set_freeze_panes(header + 1, 0)?;
        self.sheet.set_repeat_rows(header, header)?;
        Ok(())
    }
}

fn row_number(n: usize) -> Result<u32, XlsxError> {
    u32::try_from(n).map_err(|_| XlsxError::RowColumnLimitError)
}

fn summary_sheet(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    names: &[Option<String>],
    linked: bool,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(SUMMARY_SHEET)?;
    let mut sheet = Sheet::new(sheet, styles);
    let headers: Vec<&str> = std::iter::once("序号")
        .chain(DATA_SUMMARY_HEADERS)
        .collect();
    sheet.headers(0, &headers)?;
    for (i, (result, name)) in report.results.iter().zip(names).enumerate() {
        let row = row_number(i + 1)?;
        let entry = Entry::of(result);
        let link = name.as_deref().filter(|_| linked);
        summary_row(&mut sheet, row, i + 1, &entry, link)?;
    }
    let last = row_number(report.results.len())?;
    sheet.table(0, last, last_col(&headers))?;
    sheet.fit()?;
    below_table(&mut sheet, last, report)
}

/// Under the summary table, what a filed workbook must say of its run: the ruleset it
/// was checked against, and what was skipped. Written as notes (not measured: a long
/// line would widen the table's first column), outside the table and its filters.
fn below_table(sheet: &mut Sheet<'_>, last: u32, report: &Report<'_>) -> Result<(), XlsxError> {
    let lines = std::iter::once(format!("规则集：{}", report.ruleset_line()))
        .chain(report.skipped_note.clone());
    for (row, line) in (last.saturating_add(2)..).zip(lines) {
        sheet.sheet.write_string(row, 0, cell_text(&line))?;
    }
    Ok(())
}

fn summary_row(
    sheet: &mut Sheet<'_>,
    row: u32,
    number: usize,
    entry: &Entry<'_>,
    link: Option<&str>,
) -> Result<(), XlsxError> {
    sheet.count(row, 0, number)?;
    sheet.text(row, 1, entry.file)?;
    match (entry.name, link) {
        (Some(name), Some(target)) => {
            let text = cell_text(name);
            sheet.measure(2, &text);
            // A sheet's name is quoted in a reference, with its quotes doubled.
            let url = Url::new(format!("internal:'{}'!A1", target.replace('\'', "''")));
            sheet.sheet.write_url_with_text(row, 2, url, text)?;
        }
        (name, _) => sheet.text(row, 2, name.unwrap_or(""))?,
    }
    if let Some(total) = &entry.total {
        sheet.number(row, 3, Some(total.computed))?;
        sheet.number(row, 4, total.max)?;
        sheet.number(row, 5, total.declared)?;
        sheet.count(row, 6, entry.counts.errors)?;
        sheet.count(row, 7, entry.counts.warnings)?;
        sheet.text(row, 8, total.rating.unwrap_or(""))?;
    }
    sheet.text(row, 9, entry.standing.label())?;
    if let Some(error) = &entry.error {
        sheet.text(row, 10, &error.text())?;
    }
    Ok(())
}

/// The rows above a project's table: its name and file.
const PROJECT_HEADER_ROW: u32 = 2;

fn project_sheet(
    sheet: &mut Worksheet,
    outcome: &Outcome,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let project = ProjectView::of(outcome);
    let mut sheet = Sheet::new(sheet, styles);
    sheet.label(0, 0, "项目名称")?;
    sheet.label(0, 1, project.name())?;
    sheet.label(1, 0, "文件")?;
    sheet.text(1, 1, outcome.source.name())?;
    let headers: Vec<&str> = INDICATOR_HEADERS
        .iter()
        .copied()
        .chain([DIFFERS_HEADER])
        .chain(FINDING_HEADERS)
        .collect();
    sheet.headers(PROJECT_HEADER_ROW, &headers)?;
    let mut row = PROJECT_HEADER_ROW;
    for indicator in &project.rows {
        row += 1;
        indicator_row(&mut sheet, row, indicator, outcome)?;
    }
    for (_, label, score) in &outcome.lines {
        row += 1;
        sheet.text(row, 0, LINE_CATEGORY)?;
        sheet.text(row, 1, label)?;
        sheet.number(row, 7, Some(*score))?;
    }
    for finding in &project.project_findings {
        row += 1;
        sheet.text(row, 0, PROJECT_CATEGORY)?;
        sheet.text(row, 1, finding.indicator.as_deref().unwrap_or(""))?;
        findings(&mut sheet, row, std::slice::from_ref(finding), outcome)?;
    }
    let last_col = last_col(&headers);
    sheet.table(PROJECT_HEADER_ROW, row, last_col)?;
    totals(&mut sheet, row + 2, &project)?;
    sheet.fit()?;
    sheet.sheet.set_column_width(last_col, MESSAGE_WIDTH)?;
    Ok(())
}

fn indicator_row(
    sheet: &mut Sheet<'_>,
    row: u32,
    indicator: &Row<'_>,
    outcome: &Outcome,
) -> Result<(), XlsxError> {
    let i = indicator.indicator;
    sheet.text(row, 0, &i.category)?;
    sheet.text(row, 1, &i.name)?;
    sheet.text(row, 2, &i.target)?;
    sheet.text(row, 3, i.actual.as_deref().unwrap_or(""))?;
    sheet.number(row, 4, i.weight)?;
    sheet.number(row, 5, i.state.expected_weight)?;
    sheet.percent(row, 6, indicator.completion)?;
    sheet.number(row, 7, Some(i.state.score))?;
    sheet.number(row, 8, i.self_score)?;
    if indicator.differs() {
        sheet.text(row, 9, DIFFERS_MARK)?;
    }
    findings(sheet, row, &indicator.findings, outcome)
}

/// A row's findings: their codes in one cell (to filter on), and their severities,
/// messages and places (`（单元格 E23）` in a workbook), one a line, in the next.
fn findings(
    sheet: &mut Sheet<'_>,
    row: u32,
    findings: &[&Finding],
    outcome: &Outcome,
) -> Result<(), XlsxError> {
    if findings.is_empty() {
        return Ok(());
    }
    let codes: Vec<&str> = findings.iter().map(|f| f.code.as_str()).collect();
    let messages: Vec<String> = findings
        .iter()
        .map(|f| {
            let severity = view::severity_label(f.severity);
            let place = view::place_words(f, outcome);
            format!("【{severity}】{}{place}", f.message)
        })
        .collect();
    sheet.text(row, 10, &codes.join(" "))?;
    let styles = sheet.styles;
    sheet.styled(row, 11, &messages.join("\n"), Some(&styles.wrap))
}

/// The total below the table: computed, declared, their difference, the maximum and the
/// rating, a label and a value a row.
fn totals(sheet: &mut Sheet<'_>, first: u32, project: &ProjectView<'_>) -> Result<(), XlsxError> {
    let total = &project.total;
    let numbers = [
        ("合计（计算）", Some(total.computed)),
        ("自评分之和", total.declared),
        ("差额", total.difference),
        ("满分", total.max),
    ];
    let mut row = first;
    for (label, value) in numbers {
        sheet.label(row, 1, label)?;
        sheet.number(row, 2, value)?;
        row += 1;
    }
    if let Some(rating) = total.rating {
        sheet.label(row, 1, "评价等级")?;
        sheet.text(row, 2, rating)?;
    }
    Ok(())
}

fn last_col(headers: &[&str]) -> u16 {
    u16::try_from(headers.len().saturating_sub(1)).unwrap_or(0)
}

/// Text a cell can hold: without the control characters XML 1.0 cannot (all but tab and
/// line breaks) and at most Excel's 32,767 characters, cut with `…`.
fn cell_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut units = 0;
    for c in text.chars().filter(|c| xml_can_hold(*c)) {
        // A bidirectional control (U+202E shows `80.00` as `00.08`) is written out, as
        // every other report writes it; line breaks and tabs stay, as the cell wraps.
        let written = crate::text::is_unsafe(c) && !c.is_control();
        units += if written {
            c.escape_default().count()
        } else {
            c.len_utf16()
        };
        if units >= CELL_LIMIT {
            out.push('…');
            break;
        }
        if written {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

fn xml_can_hold(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bidirectional_control_is_written_out_and_a_line_break_kept() {
        assert_eq!(cell_text("\u{202e}00.08"), "\\u{202e}00.08");
        assert_eq!(cell_text("a\nb"), "a\nb");
        assert_eq!(sheet_name(1, "\u{202e}项目"), "1 _项目");
        // Written out, a control counts as the characters it becomes.
        let many = cell_text(&"\u{202e}".repeat(CELL_LIMIT));
        assert!(many.encode_utf16().count() <= CELL_LIMIT, "{}", many.len());
    }

    #[test]
    fn a_number_excel_cannot_hold_exactly_is_counted_as_such() {
        use std::str::FromStr;
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(digits(d("68.30")), 4);
        assert_eq!(digits(d("0")), 1);
        assert_eq!(digits(d("-0.05")), 1);
        assert_eq!(digits(d("123456789012345")), EXCEL_DIGITS);
        assert_eq!(digits(d("1234567890123456789.12")), 21);
        let styles = Styles::new();
        assert!(styles.decimals(0).is_none());
        assert!(styles.decimals(2).is_some());
        assert!(styles.decimals(28).is_none());
    }

    #[test]
    fn sheet_names_are_unique_short_and_allowed() {
        assert_eq!(
            sheet_name(1, "电子政务项目建设资金"),
            "1 电子政务项目建设资金"
        );
        assert_eq!(sheet_name(2, "a/b[c]:d*e?f\\g"), "2 a_b_c__d_e_f_g");
        let long = sheet_name(12, &"很长的项目名称".repeat(10));
        assert_eq!(long.encode_utf16().count(), 31);
        assert!(long.starts_with("12 "));
        assert_eq!(sheet_name(3, "x'"), "3 x");
        assert_eq!(sheet_name(4, ""), "4");
        for name in [long, sheet_name(5, "\u{1b}[2K'")] {
            rust_xlsxwriter::utility::check_sheet_name(&name).unwrap();
        }
    }

    #[test]
    fn cells_hold_what_xml_can_and_excel_allows() {
        assert_eq!(cell_text("a\u{1b}[2K\u{7}b\tc\nd"), "a[2Kb\tc\nd");
        let long = cell_text(&"好".repeat(40_000));
        assert_eq!(long.encode_utf16().count(), CELL_LIMIT);
        assert!(long.ends_with('…'));
    }
}
