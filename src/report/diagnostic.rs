//! Findings as miette diagnostics that point into the project file, and rendering of
//! any diagnostic to text.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::finding::Finding;
use crate::i18n::t;
use crate::ir::vocab::Severity;
use crate::source::SourceFile;
use crate::text::visible;

/// A finding with the project file it points into.
#[derive(Debug)]
pub struct FindingDiagnostic<'a> {
    /// The finding.
    pub finding: &'a Finding,
    /// The project file.
    pub source: &'a SourceFile,
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let severity = match self.finding.severity {
            Severity::Error => t!(SEVERITY_ERROR),
            Severity::Warning => t!(SEVERITY_WARNING),
            Severity::Info => t!(SEVERITY_INFO),
        };
        let code = &self.finding.code;
        Some(Box::new(t!(FINDING_HEADING, code, severity)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let rule = self.finding.rule.as_deref();
        let clause = self.finding.clause.as_deref().map(|c| c.replace('\n', ""));
        match (rule, clause) {
            (None, None) => None,
            (Some(rule), None) => Some(Box::new(t!(FINDING_RULE, rule))),
            (None, Some(c)) => Some(Box::new(c)),
            (Some(rule), Some(clause)) => Some(Box::new(t!(FINDING_RULE_CLAUSE, rule, clause))),
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.finding.at.map(|_| self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let at = self.finding.at?;
        let label =
            (self.finding.indicator.as_deref()).map(|name| super::view::cell(name).into_owned());
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            label, at,
        ))))
    }
}

/// A diagnostic whose texts (message, code, help, labels, and those of its related
/// diagnostics) are shown with their control characters written out (`\u{1b}`): a value
/// from a form or a ruleset can neither move the reviewer's cursor, erase a line above
/// (to hide a finding), nor colour the terminal. Source snippets are made safe by
/// `SourceFile` itself.
struct Visible<'a> {
    inner: &'a dyn Diagnostic,
    related: Vec<Visible<'a>>,
}

impl<'a> Visible<'a> {
    fn new(inner: &'a dyn Diagnostic) -> Self {
        let related = inner
            .related()
            .map(|r| r.map(Visible::new).collect())
            .unwrap_or_default();
        Visible { inner, related }
    }
}

/// The longest span, in bytes, a label underlines whole.
const LONG_SPAN: usize = 200;

/// A label's span as drawn: a span longer than [`LONG_SPAN`] (a text of 100,000
/// characters given for an amount) is pointed at where it starts, since a snippet shows
/// all it underlines; the diagnostic's place (`file:line:column`) is the same.
fn pointed(span: miette::SourceSpan) -> miette::SourceSpan {
    if span.len() > LONG_SPAN {
        miette::SourceSpan::new(span.offset().into(), 0)
    } else {
        span
    }
}

fn shown(text: &dyn fmt::Display) -> Box<dyn fmt::Display> {
    Box::new(visible(&text.to_string()).into_owned())
}

impl fmt::Debug for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&visible(&self.inner.to_string()))
    }
}

impl std::error::Error for Visible<'_> {}

impl Diagnostic for Visible<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code().map(|c| shown(&c))
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.help().map(|h| shown(&h))
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url().map(|u| shown(&u))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.inner.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let labels = self.inner.labels()?.map(|l| {
            let text = l.label().map(|t| visible(t).into_owned());
            let span = pointed(*l.inner());
            if l.primary() {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        });
        Some(Box::new(labels))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// Renders a diagnostic as text: with colour for a terminal, plain otherwise, always
/// `width` columns wide so that output is the same from run to run. Control characters
/// in its texts are written out, whether or not the output is a terminal.
#[must_use]
pub fn render(diagnostic: &dyn Diagnostic, colour: bool, width: usize) -> String {
    let diagnostic = &Visible::new(diagnostic);
    let theme = if colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_links(false);
    let mut out = String::new();
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = format!("{diagnostic}\n");
    }
    if crate::i18n::language() == crate::i18n::Language::En {
        return out;
    }
    translate_headings(&out)
}

/// The words miette writes itself (`help: `, and `Error: ` before a related
/// diagnostic), in the current language. Each stands at the start of a line, after the
/// colour codes of a terminal if any; `help: ` and its translation take the same
/// width, so that wrapped help stays aligned.
fn translate_headings(rendered: &str) -> String {
    let headings = [
        ("  help: ", t!(RENDER_HELP)),
        ("Error: ", t!(RENDER_ERROR)),
        ("Warning: ", t!(RENDER_WARNING)),
        ("Advice: ", t!(RENDER_ADVICE)),
    ];
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        let codes = colour_codes(line);
        let (before, rest) = line.split_at(codes);
        let heading = headings
            .iter()
            .find_map(|(english, words)| rest.strip_prefix(english).map(|r| (words, r)));
        match heading {
            Some((words, rest)) => {
                out.push_str(before);
                out.push_str(words);
                out.push_str(rest);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// The length of the terminal colour codes (`ESC [ … m`) a line starts with.
fn colour_codes(line: &str) -> usize {
    let mut at = 0;
    while let Some(rest) = line.get(at..).and_then(|r| r.strip_prefix("\u{1b}[")) {
        match rest.find('m') {
            Some(end) => at += 2 + end + 1,
            None => break,
        }
    }
    at
}
