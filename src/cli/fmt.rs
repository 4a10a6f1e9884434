//! `perfeval fmt`: ruleset files rewritten in the canonical layout, in place.
//!
//! Each file is read once (as a ruleset: named `*.rules`, within the size limit),
//! formatted alone (an `extends` is not followed: formatting needs no base), and
//! written back atomically only where it changes. With `--check` nothing is written:
//! a unified diff of each file that would change goes to standard output.

use std::path::PathBuf;

use similar::TextDiff;

use crate::Error;
use crate::i18n::t;
use crate::input::{self, Size};
use crate::source::SourceFile;

use super::inputs::ReadSet;
use super::{Status, eprint_diagnostic, output};

/// Arguments of `perfeval fmt`.
#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Ruleset files (`*.rules`) to format in place.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write nothing: print a diff of each file that is not formatted and exit 1 if
    /// there is one (0 when every file is formatted).
    #[arg(long)]
    pub check: bool,
    /// The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB`
    /// (at most 1 GiB).
    #[arg(long, value_name = "SIZE", default_value = "16MiB")]
    pub max_file_size: Size,
}

/// What became of one file.
enum Done {
    Formatted,
    Changed,
}

/// Formats every file; a file that cannot be read or does not parse is reported and
/// left alone, and the others are formatted all the same.
pub(crate) fn fmt(args: &FmtArgs) -> Status {
    let mut read = ReadSet::default();
    let mut failed = false;
    let mut changed = false;
    for path in &args.files {
        match file(args, path, &mut read) {
            Ok(Done::Formatted) => {}
            Ok(Done::Changed) => changed = true,
            Err(error) => {
                eprint_diagnostic(&error);
                failed = true;
            }
        }
    }
    match (failed, changed && args.check) {
        (true, _) => Status::Failure,
        (false, true) => Status::Findings,
        (false, false) => Status::Pass,
    }
}

/// The longest `fmt --check` searches for the smallest diff of one file.
const DIFF_TIME: std::time::Duration = std::time::Duration::from_millis(500);

fn file(args: &FmtArgs, path: &std::path::Path, read: &mut ReadSet) -> Result<Done, Error> {
    let loaded = input::read_ruleset(path, args.max_file_size).map_err(|e| Error::read(path, e));
    read.add(loaded.as_ref().ok().and_then(|l| l.id.clone()), path);
    let loaded = loaded?;
    let id = loaded.id.clone();
    // A byte-order mark is not part of the text, and alone is no reason to rewrite.
    let text = crate::link::ruleset_text(loaded.bytes).map_err(|e| Error::loading(path, e))?;
    let name = path.display().to_string();
    let formatted = crate::syntax::format(&SourceFile::new(name.as_str(), text.as_str()))?;
    if formatted == text {
        return Ok(Done::Formatted);
    }
    if args.check {
        // Myers' diff takes time in the product of the size and the changes: a long file
        // that changes on every line (a 2 MB ruleset written on one line per check) would
        // take minutes. Past the deadline the diff is coarser, never slower.
        let diff = TextDiff::configure()
            .timeout(DIFF_TIME)
            .diff_lines(text.as_str(), formatted.as_str());
        let diff = diff
            .unified_diff()
            .header(&name, &t!(FMT_FORMATTED, name))
            .to_string();
        output::print(diff.as_bytes(), read)?;
    } else {
        output::rewrite(path, formatted.as_bytes(), read, id.as_ref())?;
    }
    Ok(Done::Changed)
}
