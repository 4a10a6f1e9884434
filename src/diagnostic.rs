//! A stage's errors together with the source text they point into.
//!
//! Each stage has its own error enum (`ParseError`, `CheckError`, ...), whose variants
//! carry spans but no text. [`Failure`] attaches the text once, at the boundary, and
//! presents the first error as the diagnostic and the others as related ones, so that a
//! stage can report every problem it found at once.

use std::fmt;

use miette::{Diagnostic, LabeledSpan, SourceCode};

use crate::source::Sources;

/// One or more errors of one stage, with the source files they point into.
#[derive(Debug)]
pub struct Failure<E> {
    source: Sources,
    // INVARIANT: never empty; the constructors guarantee one error at least.
    errors: Vec<E>,
}

impl<E> Failure<E> {
    /// A failure with one error.
    pub fn new(source: impl Into<Sources>, error: E) -> Self {
        Failure {
            source: source.into(),
            errors: vec![error],
        }
    }

    /// A failure with every error of `errors`, or `None` if there is none.
    pub fn from_errors(source: impl Into<Sources>, errors: Vec<E>) -> Option<Self> {
        (!errors.is_empty()).then(|| Failure {
            source: source.into(),
            errors,
        })
    }

    /// The source files the errors point into.
    pub fn source(&self) -> &Sources {
        &self.source
    }

    /// Every error, in the order found.
    pub fn errors(&self) -> &[E] {
        &self.errors
    }

    /// The number of errors.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    fn first(&self) -> Option<&E> {
        self.errors.first()
    }

    /// Always false: a failure holds at least one error.
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl<E: fmt::Display> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.first() {
            Some(first) => first.fmt(f),
            None => Ok(()),
        }
    }
}

impl<E: std::error::Error> std::error::Error for Failure<E> {}

impl<E: Diagnostic> Diagnostic for Failure<E> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.first()?.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.first()?.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.first()?.help()
    }

    fn url<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.first()?.url()
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.first()?.labels()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        let rest = self.errors.get(1..).filter(|r| !r.is_empty())?;
        Some(Box::new(rest.iter().map(|e| e as &dyn Diagnostic)))
    }
}
