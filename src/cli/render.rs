//! The report of a run in the format asked for, made whole before anything is written:
//! a report that cannot be made leaves any old one in place.

use std::io::IsTerminal;

use crate::Error;
use crate::compile::Plan;
use crate::report::batch::Tally;
use crate::report::json::ProjectResult;
use crate::report::{self, Options, Report, diagnostic, html, json, jsonl, markdown, table, xlsx};

use super::{CheckArgs, OutputFormat, WIDTH, colour};

/// The report's bytes.
pub(super) fn report(
    args: &CheckArgs,
    ruleset_file: &str,
    plan: &Plan,
    results: &[ProjectResult],
    (skipped, skipped_note): (usize, Option<String>),
) -> Result<Vec<u8>, Error> {
    let report = Report {
        ruleset: &plan.name,
        version: plan.version.as_deref(),
        ruleset_file,
        results,
        skipped,
        skipped_note,
    };
    let options = Options {
        summary: args.summary,
        quiet: args.quiet,
    };
    let text = match args.format() {
        // Both written as they are made (`cli::stream`); made whole here only for a caller
        // that has every result already.
        OutputFormat::Json => {
            let mut out = json::render_counted(ruleset_file, plan, results, skipped);
            out.push('\n');
            out
        }
        OutputFormat::Jsonl => {
            let mut out = jsonl::header(ruleset_file, plan);
            for result in results {
                out.push_str(&jsonl::project(result));
            }
            out.push_str(&jsonl::summary(&Tally::of(results, skipped)));
            out
        }
        // Colour is for a terminal: never in a file, whatever standard output is.
        OutputFormat::Table => render_table(
            &report,
            options,
            args.output.is_none() && colour(std::io::stdout().is_terminal()),
        ),
        // Sealed: a run replaces a printed report only as it wrote it (`output`).
        OutputFormat::Markdown => report::seal::seal(markdown::render(&report, options)),
        OutputFormat::Html => report::seal::seal(html::render(&report, options)),
        OutputFormat::Csv => report::csv::render(&report, options),
        OutputFormat::Xlsx => {
            return xlsx::render(&report, options).map_err(|error| Error::Workbook {
                error: Box::new(error),
            });
        }
    };
    Ok(text.into_bytes())
}

/// Each project's table and findings (with `--quiet`, only those with an error or a
/// warning; with `--summary`, one row per project instead), then, for several projects,
/// the run in one line (with `--quiet`, only if something needs a look).
fn render_table(report: &Report<'_>, options: Options, colour: bool) -> String {
    let mut out = if options.summary {
        table::render_summary(report.results, options.quiet)
    } else {
        projects(report.results, options.quiet, colour)
    };
    let tally = report.tally();
    if tally.projects > 1 && (!options.quiet || tally.problems()) {
        out.push_str(&tally.line());
        out.push('\n');
    }
    out
}

fn projects(results: &[ProjectResult], quiet: bool, colour: bool) -> String {
    let mut out = String::new();
    // A run of one form that failed prints nothing but its diagnostic (on standard
    // error); in a run of several, the report names each form it could not evaluate.
    let several = results.len() > 1;
    for result in results {
        let outcome = match result {
            ProjectResult::Evaluated(outcome) => outcome,
            ProjectResult::Failed { file, error } => {
                if several {
                    out.push_str(&unevaluated(file, error));
                }
                continue;
            }
        };
        if quiet && !report::view::Counts::of(&outcome.findings).problems() {
            continue;
        }
        out.push_str(&table::render(outcome));
        for finding in &outcome.findings {
            let d = diagnostic::FindingDiagnostic {
                finding,
                source: &outcome.source,
            };
            out.push_str(&diagnostic::render(&d, colour, WIDTH));
        }
        out.push('\n');
    }
    out
}

/// How a table report's line of a form it could not evaluate begins; `-o` knows an
/// earlier report by it when such a form comes first.
pub(super) const UNEVALUATED: &str = "无法评估：";

/// A form that could not be evaluated, in its place among the others: which and why, in
/// one line, so that a report kept in a file names it (its whole diagnostic goes to
/// standard error, as it is met).
fn unevaluated(file: &str, error: &Error) -> String {
    let why = report::view::Unevaluated::of(error);
    let line = format!("{UNEVALUATED}{file}：{}", why.text());
    format!("{}\n\n", crate::text::visible(&line))
}
