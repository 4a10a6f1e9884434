//! Findings as miette diagnostics that point into the project file, and rendering of
//! any diagnostic to text.

use std::fmt;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use crate::finding::Finding;
use crate::source::SourceFile;
use crate::syntax::ast::Severity;

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
        Some(Box::new(&self.finding.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let rule = self.finding.rule.as_deref().map(|r| format!("规则 `{r}`"));
        let clause = self.finding.clause.as_deref().map(|c| c.replace('\n', ""));
        match (rule, clause) {
            (None, None) => None,
            (Some(r), None) => Some(Box::new(r)),
            (None, Some(c)) => Some(Box::new(c)),
            (Some(r), Some(c)) => Some(Box::new(format!("{r}：{c}"))),
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.finding.at.map(|_| self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let at = self.finding.at?;
        let label = self.finding.indicator.clone();
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            label, at,
        ))))
    }
}

/// Renders a diagnostic as text: with colour for a terminal, plain otherwise, always
/// `width` columns wide so that output is the same from run to run.
#[must_use]
pub fn render(diagnostic: &dyn Diagnostic, colour: bool, width: usize) -> String {
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
    out
}
