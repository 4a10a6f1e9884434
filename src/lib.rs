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
    #[error("cannot read `{}`: {source}", path.display())]
    #[diagnostic(
        code(perfeval::io),
        help("check the path and that the file is readable")
    )]
    Io {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// Parses, checks and compiles a ruleset.
///
/// # Errors
///
/// The first syntax error, or every problem the checker finds.
pub fn load_ruleset(source: &SourceFile) -> Result<compile::Plan, Error> {
    let ast = parse(source)?;
    let checked = check(&ast, source)?;
    Ok(compile(checked))
}
