//! `perfeval template`: the fill-in workbook of a ruleset's form, written to `-o FILE`
//! or to standard output when that is not a terminal.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::input::Size;

use super::inputs::{ReadSet, RulesetLoader};
use super::{Status, finish, output};

/// Arguments of `perfeval template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped
    /// ruleset's name, such as `2023` (`perfeval rulesets` lists them).
    #[arg(long, value_name = "RULESET")]
    pub rules: PathBuf,
    /// Write the workbook to this new file, named `*.xlsx`: a file that exists is never
    /// replaced (it may be a department's filled form), and the file appears whole or not
    /// at all. Without it (or with `-`), the workbook goes to standard output, which must
    /// not be a terminal.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB`
    /// (at most 1 GiB).
    #[arg(long, value_name = "SIZE", default_value = "16MiB")]
    pub max_file_size: Size,
}

pub(super) fn template(args: &TemplateArgs) -> Status {
    finish(run(args))
}

/// Refuses where the bytes would go before anything is read, then reads the ruleset and
/// writes its template.
fn run(args: &TemplateArgs) -> Result<Status, Error> {
    match &args.output {
        Some(path) if !is_xlsx(path) => return Err(Error::NotXlsx { path: path.clone() }),
        None if std::io::stdout().is_terminal() => return Err(Error::Terminal),
        _ => {}
    }
    let mut read = ReadSet::default();
    let mut loader = RulesetLoader::new(args.max_file_size, &mut read);
    let (plan, _) = super::load_rules(&args.rules, &mut loader)?;
    let bytes = crate::template::workbook(&plan)?;
    match &args.output {
        // A blank template written over a workbook would lose a department's form.
        Some(path) => output::write_new(path, &bytes, &read)?,
        None => output::print(&bytes, &read)?,
    }
    Ok(Status::Pass)
}

/// Whether a name ends in `.xlsx`, in any case.
fn is_xlsx(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}
