//! perfeval: a rules engine for fiscal project performance self-evaluation
//! (财政支出项目绩效自评).
//!
//! A ruleset (`.rules`, perfeval's own language) states a year's scoring policy; a
//! project file (TOML, JSON or YAML) is one filled self-evaluation form. The pipeline:
//!
//! ```text
//! ruleset text ─ parse ─► ast ─ check ─► Checked ─ compile ─► Plan ─┐
//! project file ─ data::load (validated against Plan.form) ─► Project ┴ evaluate ─► Outcome ─ report
//! ```

pub mod check;
pub mod cli;
pub mod compile;
pub mod data;
pub mod diagnostic;
pub mod eval;
pub mod finding;
pub mod ir;
pub mod link;
pub mod report;
pub mod source;
pub(crate) mod suggest;
pub mod syntax;
pub mod text;
pub mod value;

pub use check::check;
pub use compile::compile;
pub use eval::evaluate;
pub use syntax::parse;

use std::path::PathBuf;

use crate::diagnostic::Failure;
use crate::source::SourceFile;

/// Any failure of the pipeline, as one diagnostic.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// The ruleset does not parse.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Parse(#[from] Failure<syntax::error::ParseError>),
    /// A ruleset's `extends` chain does not fit together.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Link(#[from] Failure<link::error::LinkError>),
    /// The ruleset does not check.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(#[from] Failure<check::error::CheckError>),
    /// A project file does not load.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Data(#[from] data::DataFailure),
    /// A ruleset formula cannot be computed for a project.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Eval(#[from] Failure<eval::error::EvalError>),
    /// A file cannot be read.
    #[error("cannot read `{}`: {error}", path.display())]
    #[diagnostic(
        code(perfeval::io),
        help("check the path and that the file is readable")
    )]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A report cannot be written.
    #[error("cannot write `{}`: {error}", path.display())]
    #[diagnostic(
        code(perfeval::output),
        help("choose a path in a folder you can write to, other than the inputs")
    )]
    Output {
        /// The path.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
}

/// Parses, checks and compiles a ruleset given as text (it may not extend another).
///
/// # Errors
///
/// The first syntax error, or every problem the checker finds.
pub fn load_ruleset(source: &SourceFile) -> Result<compile::Plan, Error> {
    let linked = link::link_source(source)?;
    let checked = check(&linked.ruleset, linked.sources.clone())?;
    Ok(compile(checked))
}

/// Reads, links, checks and compiles the ruleset at `path` and the rulesets it extends.
///
/// # Errors
///
/// A file cannot be read or does not parse, the chain does not fit together, or the
/// merged ruleset does not check.
pub fn load_ruleset_file(
    path: &std::path::Path,
    loader: &mut dyn link::Loader,
) -> Result<(compile::Plan, source::Sources), Error> {
    let linked = link::link(path, loader)?;
    let checked = check(&linked.ruleset, linked.sources.clone())?;
    Ok((compile(checked), linked.sources))
}
