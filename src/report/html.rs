//! A report as one self-contained HTML page, laid out like the 自评表 and made to be
//! printed: a summary page for several projects, then each project on a page of its own.
//!
//! The page loads nothing: its style is inline, it has no script, no image and no web
//! font (a CJK font stack names fonts the reviewer's machine has), and its Content
//! Security Policy forbids loading anything, so even a slip in escaping could not run
//! a script. Every text from a form or a ruleset is HTML-escaped after its control
//! characters are written out. Marks are symbols and words, never colour alone, so the
//! page reads in black and white.

use std::borrow::Cow;

use crate::eval::outcome::Outcome;
use crate::finding::Finding;
use crate::text::visible;

use super::batch::{Entry, SUMMARY_HEADERS};
use super::json::ProjectResult;
use super::view::{
    self, DIFFERS_HEADER, DIFFERS_MARK, INDICATOR_HEADERS, LINE_CATEGORY, ProjectView, Row, Total,
};
use super::{Options, Report, TITLE};

/// The print and screen style. Print: A4 pages, a page per project, rows never cut,
/// table headers repeated on each page.
const STYLE: &str = r#"@page { size: A4; margin: 15mm; @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 8pt } }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 10pt; color: #000; background: #fff }
body { margin: 0 auto; max-width: 64em; padding: 1em }
h1 { font-size: 15pt; text-align: center; margin: 0 0 0.3em }
h2 { font-size: 13pt; margin: 0 0 0.3em }
h3 { font-size: 11pt; margin: 0.8em 0 0.3em }
p { margin: 0.3em 0 }
.meta { text-align: center }
section.project, section.summary { margin-top: 2em }
section.project.next { break-before: page; page-break-before: always }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0; font-size: 9pt }
th, td { border: 1px solid #000; padding: 1px 3px; vertical-align: top; text-align: left }
td, h1, h2, h3, p { overflow-wrap: anywhere }
th { font-weight: bold; background: #eee; white-space: nowrap }
thead { display: table-header-group }
tr, tbody { break-inside: avoid; page-break-inside: avoid }
section.summary tbody { break-inside: auto; page-break-inside: auto }
td.n, td.c { white-space: nowrap }
td.n { text-align: right }
td.mark { text-align: center; font-weight: bold }
td.differs { font-weight: bold; text-decoration: underline }
tr.findings td { font-size: 8.5pt; border-top: 1px dashed #000 }
tbody.total th { text-align: right }
table.header th { white-space: normal; width: 9em }
table.header span.field { display: inline-block; margin-right: 1.5em }
table.header span.value { text-decoration: underline }
ul { margin: 0.1em 0; padding-left: 1.5em }
.severity { font-weight: bold }
.code { font-family: monospace }
.clause { display: block }
a { color: inherit }
tr.running th { background: none; border: none; font-weight: normal; font-size: 8pt; text-align: right; white-space: normal }
@media screen { tr.running { display: none } }
@media print { body { max-width: none; padding: 0 } section.project, section.summary { margin-top: 0 } a { text-decoration: none } th { white-space: normal } }
"#;

/// The whole page.
#[must_use]
pub fn render(report: &Report<'_>, options: Options) -> String {
    let mut out = head();
    out.push_str(&format!(
        "<h1>{TITLE}</h1>\n<p class=\"meta\">规则集：{}</p>\n",
        esc(&report.ruleset_line())
    ));
    if let Some(note) = &report.skipped_note {
        out.push_str(&format!("<p class=\"meta\">{}</p>\n", esc(note)));
    }
    let summary = options.summary || report.has_summary();
    if summary {
        out.push_str(&summary_section(report, options));
    }
    if !options.summary {
        let mut first = !summary;
        for (i, result) in report.results.iter().enumerate() {
            if let ProjectResult::Evaluated(outcome) = result {
                let problems = Entry::of(result).problems();
                if !options.quiet || problems {
                    out.push_str(&project(i + 1, outcome, first));
                    first = false;
                }
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn head() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{TITLE}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n"
    )
}

/// The anchor of the project numbered `number`: from its place in the run, never from
/// its text.
fn anchor(number: usize) -> String {
    format!("p{number}")
}

fn summary_section(report: &Report<'_>, options: Options) -> String {
    let tally = report.tally();
    let mut out = format!(
        "<section class=\"summary\">\n<h2>汇总</h2>\n<p>{}</p>\n<table>\n{}<tbody>\n",
        esc(&tally.line()),
        thead(&SUMMARY_HEADERS)
    );
    for (i, result) in report.results.iter().enumerate() {
        let entry = Entry::of(result);
        if options.quiet && !entry.problems() {
            continue;
        }
        out.push_str(&summary_row(i + 1, &entry, !options.summary));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// A summary row; the name links to the project's page where there is one, and a
/// project that could not be evaluated shows its error across the number columns.
fn summary_row(number: usize, entry: &Entry<'_>, linked: bool) -> String {
    let start = format!(
        "<tr><td class=\"n\">{number}</td><td>{}</td>",
        esc(entry.file)
    );
    let Some(total) = &entry.total else {
        let error = entry.error.as_ref().map(view::Unevaluated::text);
        return format!(
            "{start}<td colspan=\"6\">{}</td><td class=\"c\">{}</td></tr>\n",
            esc(error.as_deref().unwrap_or("")),
            entry.standing.label()
        );
    };
    let name = view::cell(entry.name.unwrap_or(""));
    let name = if linked {
        format!("<a href=\"#{}\">{}</a>", anchor(number), esc(&name))
    } else {
        esc(&name).into_owned()
    };
    format!(
        "{start}<td>{name}</td>{}{}{}{}<td>{}</td><td class=\"c\">{}</td></tr>\n",
        num(&total.computed.to_string()),
        num(&view::opt(total.max)),
        num(&entry.counts.errors.to_string()),
        num(&entry.counts.warnings.to_string()),
        esc(total.rating.unwrap_or("")),
        entry.standing.label()
    )
}

/// A project's page: name, file, indicator table with findings on their rows and the
/// total as its last row, then the project's own findings.
fn project(number: usize, outcome: &Outcome, first: bool) -> String {
    let project = ProjectView::of(outcome);
    let class = if first { "project" } else { "project next" };
    let mut headers: Vec<&str> = INDICATOR_HEADERS.to_vec();
    headers.push(DIFFERS_HEADER);
    let mut out = format!(
        "<section class=\"{class}\" id=\"{}\">\n<h2>{number}. {}</h2>\n<p>文件：{}</p>\n{}<table class=\"indicators\">\n{}",
        anchor(number),
        esc(&view::cell(project.name())),
        esc(outcome.source.name()),
        header(outcome),
        running_thead(
            &headers,
            &format!(
                "{number}. {}（{}）",
                view::cell(project.name()),
                outcome.source.name()
            )
        )
    );
    for row in &project.rows {
        out.push_str(&indicator(row, outcome));
    }
    for (_, label, score) in &outcome.lines {
        out.push_str(&format!(
            "<tbody><tr><td class=\"c\">{LINE_CATEGORY}</td><td>{}</td><td colspan=\"5\"></td>{}<td></td><td></td></tr></tbody>\n",
            esc(label),
            num(&score.to_string())
        ));
    }
    out.push_str(&total_row(&project.total));
    out.push_str("</table>\n");
    out.push_str(&total_note(&project.total));
    if !project.project_findings.is_empty() {
        out.push_str("<h3>项目整体发现</h3>\n");
        out.push_str(&findings_list(&project.project_findings, outcome));
        out.push('\n');
    }
    out.push_str("</section>\n");
    out
}

/// The form's own header as filled in (项目基本情况, the budget's figures …): a row
/// per section, its label beside its labels and values written on, compact enough to
/// leave a project's scores on its one page; nothing where the run did not ask for it.
fn header(outcome: &Outcome) -> String {
    if outcome.header.is_empty() {
        return String::new();
    }
    let mut out = String::from("<table class=\"header\">\n<tbody>\n");
    for section in &outcome.header {
        let fields: Vec<String> = (section.fields.iter())
            .map(|(label, value)| {
                format!(
                    "<span class=\"field\">{}：<span class=\"value\">{}</span></span>",
                    esc(label),
                    esc(value)
                )
            })
            .collect();
        out.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            esc(&section.label),
            fields.join(" ")
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// An indicator's row, and the row of its findings, kept together on a page.
fn indicator(row: &Row<'_>, outcome: &Outcome) -> String {
    let i = row.indicator;
    let mut out = format!(
        "<tbody><tr><td class=\"c\">{}</td><td>{}</td><td>{}</td><td>{}</td>{}{}{}{}{}<td class=\"mark\">{}</td></tr>\n",
        esc(&view::cell(&i.category)),
        esc(&view::cell(&i.name)),
        esc(&view::cell(&i.target)),
        esc(&view::cell(i.actual.as_deref().unwrap_or(""))),
        paired(view::opt(i.weight), row.weight_differs),
        paired(view::opt(i.state.expected_weight), row.weight_differs),
        num(&row.completion.map_or_else(String::new, |c| format!("{c}%"))),
        paired(i.state.score.to_string(), row.score_differs),
        paired(view::opt(i.self_score), row.score_differs),
        if row.differs() { DIFFERS_MARK } else { "" },
    );
    if !row.findings.is_empty() {
        out.push_str("<tr class=\"findings\"><td colspan=\"10\">");
        out.push_str(&findings_list(&row.findings, outcome));
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody>\n");
    out
}

fn findings_list(findings: &[&Finding], outcome: &Outcome) -> String {
    let items: String = findings
        .iter()
        .map(|f| format!("<li>{}</li>\n", finding_text(f, outcome)))
        .collect();
    format!("<ul>\n{items}</ul>")
}

/// `【错误】code：message（第 22 行第 11 列）` and the rule's clause below it. The
/// message names the indicator in the form's words where it is about one.
fn finding_text(finding: &Finding, outcome: &Outcome) -> String {
    let place = view::place_words(finding, outcome);
    let clause = view::clause(finding).map_or_else(String::new, |c| {
        format!("<span class=\"clause\">依据：{}</span>", esc(&c))
    });
    format!(
        "<span class=\"severity\">【{}】</span><span class=\"code\">{}</span>：{}{place}{clause}",
        view::severity_label(finding.severity),
        esc(&finding.code),
        esc(&finding.message),
    )
}

/// The total as the 自评表's last row: the computed total under 得分, the declared one
/// under 自评分, a mark where they differ.
fn total_row(total: &Total<'_>) -> String {
    let max = total
        .max
        .map_or_else(String::new, |m| format!("（满分 {m}）"));
    let differs = total.difference.is_some_and(|d| !d.is_zero());
    format!(
        "<tbody class=\"total\"><tr><th colspan=\"7\">合计{max}</th>{}{}<td class=\"mark\">{}</td></tr></tbody>\n",
        paired(total.computed.to_string(), differs),
        paired(view::opt(total.declared), differs),
        if differs { DIFFERS_MARK } else { "" },
    )
}

/// What the total row has no room for: the difference and the rating.
fn total_note(total: &Total<'_>) -> String {
    let mut parts = Vec::new();
    if let Some(difference) = total.difference {
        parts.push(format!("差额（计算 − 自评）：{difference}"));
    }
    if let Some(rating) = total.rating {
        parts.push(format!("评价等级：{}", esc(rating)));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("<p class=\"total\">{}</p>\n", parts.join("；"))
}

/// A number cell, marked where it differs from its pair.
fn paired(value: String, differs: bool) -> String {
    if differs {
        format!("<td class=\"n differs\">{value}</td>")
    } else {
        format!("<td class=\"n\">{value}</td>")
    }
}

/// A table's header whose first row names its project: the header repeats on every
/// printed page, so a long table's second page still says whose it is once the pages
/// are apart. Only printed: on a screen the project's heading is above it.
fn running_thead(headers: &[&str], running: &str) -> String {
    format!(
        "<thead><tr class=\"running\"><th colspan=\"{}\">{}</th></tr>{}</thead>\n",
        headers.len(),
        esc(running),
        header_row(headers)
    )
}

fn thead(headers: &[&str]) -> String {
    format!("<thead>{}</thead>\n", header_row(headers))
}

fn header_row(headers: &[&str]) -> String {
    let cells: String = headers.iter().map(|h| format!("<th>{h}</th>")).collect();
    format!("<tr>{cells}</tr>")
}

/// A cell of a number perfeval wrote (not text from an input).
fn num(text: &str) -> String {
    format!("<td class=\"n\">{text}</td>")
}

/// Text safe in HTML, in an element or an attribute: control characters written out,
/// then `& < > " '` as entities.
#[must_use]
pub fn esc(text: &str) -> Cow<'_, str> {
    const SPECIAL: &[char] = &['&', '<', '>', '"', '\''];
    let shown = visible(text);
    if !shown.contains(SPECIAL) {
        return shown;
    }
    let mut out = String::with_capacity(shown.len() + 16);
    for c in shown.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_elements_and_attributes() {
        assert_eq!(
            esc("<script>alert('1')</script>&\""),
            "&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt;&amp;&quot;"
        );
        assert_eq!(esc("a\u{1b}[2K"), "a\\u{1b}[2K");
        assert!(matches!(esc("≥90% 覆盖率"), Cow::Borrowed(_)));
    }
}
