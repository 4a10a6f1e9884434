//! A ruleset's diagnostics in its own keywords. A ruleset written with Chinese keywords
//! hears `评分类`, not `scored_by`, in its syntax errors (the grammar's words are
//! translated there); this does the same for the messages and help of linking and
//! checking, which name the keywords in code (`` `override …` ``, `` `grades` ``).

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::source::Sources;
use crate::syntax::keywords::{self, Keywords};

/// A diagnostic whose message and help (and those of its related diagnostics) have the
/// keywords inside their backticks in `language`.
pub(crate) struct InKeywords<'a> {
    inner: &'a dyn Diagnostic,
    language: Keywords,
    related: Vec<InKeywords<'a>>,
}

impl<'a> InKeywords<'a> {
    pub(crate) fn new(inner: &'a dyn Diagnostic, language: Keywords) -> Self {
        let related = inner
            .related()
            .map(|r| r.map(|d| InKeywords::new(d, language)).collect())
            .unwrap_or_default();
        InKeywords {
            inner,
            language,
            related,
        }
    }
}

/// The keywords of the ruleset a failure's sources begin with: the file the user named
/// (its bases come after it).
pub(crate) fn of(sources: &Sources) -> Keywords {
    sources
        .files()
        .next()
        .map_or(Keywords::En, |file| keywords::detect(file.text()))
}

impl fmt::Display for InKeywords<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&keywords::translate_code(
            &self.inner.to_string(),
            self.language,
        ))
    }
}

impl fmt::Debug for InKeywords<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.inner, f)
    }
}

impl std::error::Error for InKeywords<'_> {}

impl Diagnostic for InKeywords<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.inner.severity()
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.inner.help()?.to_string();
        Some(Box::new(keywords::translate_code(&help, self.language)))
    }

    fn url<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.inner.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.inner.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.inner.labels()
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}
