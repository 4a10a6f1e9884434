//! A report as CSV, as Excel reads it: UTF-8 with a byte-order mark (without one, Excel
//! reads Chinese as the system's legacy code page), CRLF line ends, fields quoted where
//! they hold a comma, a quote or a line break (RFC 4180).
//!
//! One row per project and indicator, or with `--summary` one row per project. Numbers
//! are plain decimals (`9.16`, a completion in percent as `105.56`). Text from a form
//! has its control characters written out, and a text that Excel would run as a formula
//! (`=…`, `+…`, `-…`, `@…`) is given a leading `'`, as OWASP advises: a form cannot make
//! the reviewer's spreadsheet call out or run a command.

use std::borrow::Cow;

use crate::eval::outcome::Outcome;
use crate::finding::Finding;
use crate::text::visible_line;

use super::batch::{DATA_SUMMARY_HEADERS, Entry};
use super::json::ProjectResult;
use super::view::{
    self, DIFFERS_HEADER, EXCEL_CELL_LIMIT, INDICATOR_HEADERS, LINE_CATEGORY, ProjectView, Row,
};
use super::{Options, Report};

/// The byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// The columns of the per-indicator CSV: the project, the indicator table's columns (a
/// completion in percent, as a plain number), the mark, the findings' codes, and what
/// they say (a file kept without the run's other output must say why a row is marked).
fn indicator_columns() -> Vec<&'static str> {
    let table = INDICATOR_HEADERS
        .iter()
        .map(|&h| if h == "完成率" { "完成率(%)" } else { h });
    ["文件", "项目名称"]
        .into_iter()
        .chain(table)
        .chain([DIFFERS_HEADER, "发现", "说明"])
        .collect()
}

/// The category of a row that holds a finding about the whole project (about no one
/// row, or an indicator that no row or several rows have).
const PROJECT_CATEGORY: &str = "项目";

/// The whole file. The formats for tools ignore `--quiet`.
#[must_use]
pub fn render(report: &Report<'_>, options: Options) -> String {
    let mut out = head(options.summary);
    for result in report.results {
        out.push_str(&piece(result, options.summary));
    }
    out
}

/// The beginning of the file: the byte-order mark and the columns' names (a project's
/// row with `summary`, else an indicator's). The rest is the projects' pieces, one after
/// another, with nothing after them: the file can be written as the forms are
/// evaluated.
#[must_use]
pub fn head(summary: bool) -> String {
    let mut out = String::from(BOM);
    if summary {
        record(&mut out, DATA_SUMMARY_HEADERS.map(Cow::Borrowed));
    } else {
        record(&mut out, indicator_columns().into_iter().map(Cow::Borrowed));
    }
    out
}

/// A project's rows: its one row with `summary`, else its indicators', findings' and
/// total's.
#[must_use]
pub fn piece(result: &ProjectResult, summary: bool) -> String {
    let mut out = String::new();
    if summary {
        record(&mut out, summary_fields(&Entry::of(result)));
    } else {
        project_records(&mut out, result);
    }
    out
}

/// A project's row; `说明` holds why it could not be evaluated, where it could not.
fn summary_fields<'a>(entry: &'a Entry<'a>) -> [Cow<'a, str>; 10] {
    let total = entry.total.as_ref();
    let count = |n: usize| {
        Cow::Owned(if total.is_some() {
            n.to_string()
        } else {
            String::new()
        })
    };
    [
        text(entry.file),
        text(entry.name.unwrap_or("")),
        number(total.map(|t| t.computed)),
        number(total.and_then(|t| t.max)),
        number(total.and_then(|t| t.declared)),
        count(entry.counts.errors),
        count(entry.counts.warnings),
        text(total.and_then(|t| t.rating).unwrap_or("")),
        Cow::Borrowed(entry.standing.label()),
        Cow::Owned(
            entry
                .error
                .as_ref()
                .map_or_else(String::new, |e| text(&e.text()).into_owned()),
        ),
    ]
}

/// A project's rows: one per indicator and line, one per finding about the whole
/// project, and its total; a project that could not be evaluated is one row whose
/// findings column holds the error.
fn project_records(out: &mut String, result: &ProjectResult) {
    match result {
        ProjectResult::Evaluated(outcome) => evaluated_records(out, outcome),
        ProjectResult::Failed { file, error } => {
            let error = view::Unevaluated::of(error).text();
            let mut fields = blank(file, "");
            fields[12] = text(&error).into_owned().into();
            record(out, fields);
        }
    }
}

fn evaluated_records(out: &mut String, outcome: &Outcome) {
    let project = ProjectView::of(outcome);
    let (file, name) = (outcome.source.name(), project.name());
    for row in &project.rows {
        record(out, indicator_fields(file, name, row, outcome));
    }
    for (_, label, score) in &outcome.lines {
        let mut fields = blank(file, name);
        fields[2] = Cow::Borrowed(LINE_CATEGORY);
        fields[3] = text(label);
        fields[9] = number(Some(*score));
        record(out, fields);
    }
    for finding in &project.project_findings {
        let mut fields = blank(file, name);
        fields[2] = Cow::Borrowed(PROJECT_CATEGORY);
        fields[3] = text(finding.indicator.as_deref().unwrap_or(""));
        fields[12] = codes(std::slice::from_ref(finding));
        fields[13] = messages(std::slice::from_ref(finding), outcome);
        record(out, fields);
    }
    let mut fields = blank(file, name);
    fields[2] = Cow::Borrowed(TOTAL_CATEGORY);
    fields[9] = number(Some(project.total.computed));
    fields[10] = number(project.total.declared);
    fields[11] = Cow::Borrowed(if project.total.difference.is_some_and(|d| !d.is_zero()) {
        "是"
    } else {
        ""
    });
    record(out, fields);
}

/// The category of a project's last row, its total (合计) and the sum of its declared
/// self scores where the form's total counts what they count.
const TOTAL_CATEGORY: &str = "合计";

fn indicator_fields<'a>(
    file: &'a str,
    name: &'a str,
    row: &'a Row<'a>,
    outcome: &Outcome,
) -> [Cow<'a, str>; 14] {
    let i = row.indicator;
    [
        text(file),
        text(name),
        text(&i.category),
        text(&i.name),
        text(&i.target),
        text(i.actual.as_deref().unwrap_or("")),
        number(i.weight),
        number(i.state.expected_weight),
        number(row.completion),
        number(Some(i.state.score)),
        number(i.self_score),
        Cow::Borrowed(if row.differs() { "是" } else { "" }),
        codes(&row.findings),
        messages(&row.findings, outcome),
    ]
}

/// A row with only the file and the project's name.
fn blank<'a>(file: &'a str, name: &'a str) -> [Cow<'a, str>; 14] {
    let mut fields: [Cow<'a, str>; 14] = Default::default();
    fields[0] = text(file);
    fields[1] = text(name);
    fields
}

/// Finding codes, separated by spaces (codes hold none).
fn codes(findings: &[&Finding]) -> Cow<'static, str> {
    let codes: Vec<String> = findings
        .iter()
        .map(|f| text(&f.code).into_owned())
        .collect();
    Cow::Owned(codes.join(" "))
}

/// What findings say, each with its severity and place (`【错误】…（单元格 E23）`), one
/// a line of the cell.
fn messages(findings: &[&Finding], outcome: &Outcome) -> Cow<'static, str> {
    let said: Vec<String> = findings
        .iter()
        .map(|f| {
            let severity = view::severity_label(f.severity);
            let place = view::place_words(f, outcome);
            text(&format!("【{severity}】{}{place}", f.message)).into_owned()
        })
        .collect();
    Cow::Owned(said.join("\n"))
}

fn number(d: Option<rust_decimal::Decimal>) -> Cow<'static, str> {
    Cow::Owned(view::opt(d))
}

/// Text from an input, safe in a cell Excel opens: control characters written out, and
/// a leading `'` where Excel would read a formula. A lone `-` (a form's "none") is
/// left as it is: it is no formula; nor is a signed number (`-5%`, `+3.5`), which Excel
/// reads as the number it is, and which a `'` would show changed. A text longer than
/// Excel holds in a cell is cut to it with `…`, as the workbook report cuts it.
#[must_use]
pub fn text(value: &str) -> Cow<'_, str> {
    let shown = visible_line(value);
    let formula = shown.starts_with(['=', '+', '-', '@'])
        && shown.chars().nth(1).is_some()
        && !is_signed_number(&shown);
    let quoted = if formula {
        Cow::Owned(format!("'{shown}"))
    } else {
        shown
    };
    within_a_cell(quoted)
}

/// `text` cut to Excel's cell with `…` where it is longer.
fn within_a_cell(text: Cow<'_, str>) -> Cow<'_, str> {
    // A UTF-8 byte is at most one UTF-16 unit: a short text is counted no further.
    if text.len() <= EXCEL_CELL_LIMIT || text.encode_utf16().count() <= EXCEL_CELL_LIMIT {
        return text;
    }
    let room = EXCEL_CELL_LIMIT - '…'.len_utf16();
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > room {
            return Cow::Owned(format!("{}…", text.get(..at).unwrap_or_default()));
        }
    }
    text
}

/// Whether `text` is a sign, digits with at most one decimal point, and at most a `%`.
fn is_signed_number(text: &str) -> bool {
    text.strip_prefix(['+', '-'])
        .is_some_and(crate::text::is_plain_number)
}

/// Appends one record: fields quoted where they must be, a CRLF at the end.
pub(crate) fn record<'a>(out: &mut String, fields: impl IntoIterator<Item = Cow<'a, str>>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_where_they_must_be() {
        let mut out = String::new();
        record(
            &mut out,
            ["a,b", "say \"hi\"", "plain", ""].map(Cow::Borrowed),
        );
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",plain,\r\n");
    }

    #[test]
    fn a_formula_is_kept_from_excel() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("=100%"), "'=100%");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("-"), "-");
        for number in ["-5%", "+3", "-0.25", "+12.5%"] {
            assert_eq!(text(number), number);
        }
        for formula in [
            "-2+3+cmd|' /C calc'!A0",
            "-5%-1",
            "+.5",
            "-5.",
            "-1e3",
            "--1",
        ] {
            assert_eq!(text(formula), format!("'{formula}"));
        }
        assert_eq!(text("≥90%"), "≥90%");
        assert_eq!(text("a\u{1b}b"), "a\\u{1b}b");
    }

    #[test]
    fn a_text_is_cut_to_what_excel_holds_in_a_cell() {
        let units = |s: &str| s.encode_utf16().count();
        let whole = "好".repeat(EXCEL_CELL_LIMIT);
        assert_eq!(text(&whole), whole);
        let long = text(&"好".repeat(EXCEL_CELL_LIMIT + 1)).into_owned();
        assert_eq!(units(&long), EXCEL_CELL_LIMIT);
        assert!(long.ends_with("好…"), "{}", &long[long.len() - 9..]);
        // A character beyond the basic plane is two units: never cut in half.
        let wide = text(&"𠀀".repeat(EXCEL_CELL_LIMIT)).into_owned();
        assert!(units(&wide) <= EXCEL_CELL_LIMIT);
        let quoted = text(&format!("={}", "1".repeat(EXCEL_CELL_LIMIT))).into_owned();
        assert!(quoted.starts_with("'=") && units(&quoted) == EXCEL_CELL_LIMIT);
    }
}
