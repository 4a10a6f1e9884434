//! `perfeval test`: finds ruleset test files, reads the rulesets and projects they name,
//! evaluates every case and prints the results (see `crate::ruletest`).
//!
//! A file or ruleset that cannot be read stops only its own cases, which are counted as
//! not run (exit status 2); a case whose project cannot be read or evaluated fails,
//! showing why, unless it expects exactly that.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::Error;
use crate::compile::Plan;
use crate::diagnostic::Failure;
use crate::eval::coverage::Coverage as Exercised;
use crate::i18n::t;
use crate::input::{self, Links, Size};
use crate::ruletest::coverage::{self, Item};
use crate::ruletest::report::{self, CaseResult, Coverage, Gap, Results};
use crate::ruletest::{self as tests, Case, Evaluation, ProjectSpec, SUFFIX, TestFile};
use crate::source::{SourceFile, Sources};

use super::inputs::{ReadSet, RulesetLoader};
use super::{Status, eprint_diagnostic, finish, output};

/// Arguments of `perfeval test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Test files (`*.test.toml`) and folders searched for them, in name order; the
    /// current folder if none is named. Hidden folders, editor files and cache folders
    /// (`target/`, marked by a `CACHEDIR.TAG`) are passed over.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// List the parts of each ruleset (checks, class branches, grades, rating grades …)
    /// that no case exercised, each with its place and clause. The exit status is not
    /// changed.
    #[arg(long)]
    pub coverage: bool,
    /// As `--coverage`, and exit with status 1 when some part was not exercised.
    #[arg(long)]
    pub coverage_fail: bool,
    /// How to print the results.
    #[arg(long, value_enum, default_value_t = TestFormat::Text)]
    pub format: TestFormat,
    /// The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB`
    /// (at most 1 GiB).
    #[arg(long, value_name = "SIZE", default_value = "16MiB")]
    pub max_file_size: Size,
}

/// Formats of the results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TestFormat {
    /// Lines as `cargo test` prints them.
    Text,
    /// One JSON document for tools.
    Json,
}

pub(super) fn test(args: &TestArgs) -> Status {
    finish(run(args))
}

/// A ruleset as the cases need it: the plan to evaluate with, and what to list the
/// parts of it from.
struct Loaded {
    plan: Plan,
    sources: Sources,
    items: Vec<Item>,
    /// What every case run against it exercised.
    trace: Exercised,
    /// Its path as read.
    shown: String,
}

/// The run: what was read, and each ruleset once, by the file it is.
struct Runner<'a> {
    args: &'a TestArgs,
    read: ReadSet,
    /// Rulesets by their real path; `None` for one that did not load.
    rulesets: HashMap<PathBuf, Option<usize>>,
    loaded: Vec<Loaded>,
    results: Results,
}

fn run(args: &TestArgs) -> Result<Status, Error> {
    let mut runner = Runner {
        args,
        read: ReadSet::default(),
        rulesets: HashMap::new(),
        loaded: Vec::new(),
        results: Results::default(),
    };
    let found = find(&args.paths);
    for error in &found.errors {
        eprint_diagnostic(error);
    }
    runner.results.broken += found.errors.len();
    for file in &found.files {
        runner.file(file);
    }
    if args.coverage || args.coverage_fail {
        runner.results.coverage = runner.loaded.iter().map(coverage_of).collect();
    }
    let text = match args.format {
        TestFormat::Text => report::text(&runner.results),
        TestFormat::Json => report::json(&runner.results),
    };
    output::print(text.as_bytes(), &runner.read)?;
    let results = &runner.results;
    Ok(if results.broken > 0 {
        Status::Failure
    } else if results.failed() > 0 || (args.coverage_fail && results.has_gaps()) {
        Status::Findings
    } else {
        Status::Pass
    })
}

/// A test file to run: where it is and what the report calls it.
struct Found {
    path: PathBuf,
    shown: String,
    in_folder: bool,
}

/// The test files named and found.
#[derive(Default)]
struct Search {
    files: Vec<Found>,
    errors: Vec<Error>,
}

/// The test files of the paths: files as named, folders searched in name order; the
/// current folder when none is named.
fn find(paths: &[PathBuf]) -> Search {
    let mut search = Search::default();
    let here = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &here[..] } else { paths };
    for path in paths {
        if path.is_dir() {
            let before = search.files.len();
            walk(path, &mut search.files);
            if search.files.len() == before {
                search.errors.push(Error::NoTests { path: path.clone() });
            }
        } else if is_test_name(path) {
            search.files.push(Found {
                path: tidy(path),
                shown: path.display().to_string(),
                in_folder: false,
            });
        } else {
            search
                .errors
                .push(Error::NotATestFile { path: path.clone() });
        }
    }
    // A file named twice, or found in two folders named, runs once.
    let mut seen = std::collections::HashSet::new();
    search
        .files
        .retain(|f| seen.insert(std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())));
    search
}

/// The test files of a folder, named relative to it. Links are not followed; hidden
/// files, editor files and cache folders are passed over.
fn walk(dir: &Path, files: &mut Vec<Found>) {
    let mut entries = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        // What cannot be looked at holds no test that could be run.
        let Ok(entry) = entry else {
            continue;
        };
        let kind = entry.file_type();
        let skip = super::inputs::litter(entry.file_name()).is_some()
            || (kind.is_dir() && entry.path().join("CACHEDIR.TAG").is_file());
        if skip {
            if kind.is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        if kind.is_file() && is_test_name(entry.path()) {
            let shown = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.push(Found {
                path: tidy(entry.path()),
                shown: shown.to_string_lossy().replace('\\', "/"),
                in_folder: true,
            });
        }
    }
}

fn is_test_name(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().to_lowercase().ends_with(SUFFIX))
}

impl Runner<'_> {
    /// Reads a test file and runs its cases against each of its rulesets.
    fn file(&mut self, found: &Found) {
        let file = match self.parse(found) {
            Ok(file) => file,
            Err(error) => {
                eprint_diagnostic(&error);
                self.results.broken += 1;
                return;
            }
        };
        let dir = found.path.parent().unwrap_or(Path::new("")).to_owned();
        let several = file.rulesets.len() > 1;
        for ruleset in &file.rulesets {
            let Some(index) = self.ruleset(&ruleset_path(&dir, &ruleset.value)) else {
                self.results.broken += 1;
                continue;
            };
            let label = several.then(|| file_name(&ruleset.value));
            for case in &file.cases {
                let result = self.case(found, &file, case, index, label.clone());
                self.results.cases.push(result);
            }
        }
    }

    fn parse(&mut self, found: &Found) -> Result<TestFile, Error> {
        // A link named like a test file must lead to one: its text is quoted in
        // diagnostics.
        let real = std::fs::canonicalize(&found.path).ok();
        if real.is_some_and(|real| !is_test_name(&real)) {
            return Err(Error::NotATestFile {
                path: found.path.clone(),
            });
        }
        let links = if found.in_folder {
            Links::Refuse
        } else {
            Links::Follow
        };
        let read = input::read_file(&found.path, self.args.max_file_size, links)
            .map_err(|e| Error::read(&found.path, e))?;
        self.read.add(read.id.clone(), &found.path);
        let text =
            crate::link::ruleset_text(read.bytes).map_err(|e| Error::loading(&found.path, e))?;
        let name = found.path.display().to_string();
        Ok(tests::parse(SourceFile::new(name, text))?)
    }

    /// The ruleset at `path`, loaded once however many files name it; `None` where it
    /// does not load (its diagnostic is written once).
    fn ruleset(&mut self, path: &Path) -> Option<usize> {
        let path = tidy(path);
        let key = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if let Some(known) = self.rulesets.get(&key) {
            return *known;
        }
        let loaded = match load(&path, self.args.max_file_size, &mut self.read) {
            Ok(loaded) => {
                self.loaded.push(loaded);
                Some(self.loaded.len() - 1)
            }
            Err(error) => {
                eprint_diagnostic(&error);
                None
            }
        };
        self.rulesets.insert(key, loaded);
        loaded
    }

    fn case(
        &mut self,
        found: &Found,
        file: &TestFile,
        case: &Case,
        index: usize,
        label: Option<String>,
    ) -> CaseResult {
        let dir = found.path.parent().unwrap_or(Path::new(""));
        let limit = self.args.max_file_size;
        let mut result = CaseResult {
            file: found.shown.clone(),
            source: file.source.clone(),
            name: case.name.clone(),
            ruleset: label,
            ruleset_path: String::new(),
            mismatches: Vec::new(),
        };
        // INVARIANT: `index` is one `ruleset` gave, into `loaded`, which only grows.
        if let Some(ruleset) = self.loaded.get_mut(index) {
            let evaluation = evaluate(file, case, dir, limit, ruleset, &mut self.read);
            result.ruleset_path.clone_from(&ruleset.shown);
            result.mismatches = tests::compare(&case.expect, &evaluation, &ruleset.plan);
        }
        result
    }
}

/// Where a test file's `ruleset` is: a file beside it, or, for a name alone that no file
/// beside it has, the shipped ruleset of that name (`ruleset = "2023"`), as `--rules`
/// and `extends` read it.
fn ruleset_path(dir: &Path, named: &str) -> PathBuf {
    let beside = dir.join(named);
    if crate::shipped::named(Path::new(named)).is_some() && !beside.exists() {
        PathBuf::from(named)
    } else {
        beside
    }
}

/// Reads, links, checks and compiles a ruleset, keeping what coverage lists parts from.
fn load(path: &Path, limit: Size, read: &mut ReadSet) -> Result<Loaded, Error> {
    let mut loader = RulesetLoader::new(limit, read);
    let linked = super::link_rules(path, &mut loader)?;
    let checked = crate::check(&linked.ruleset, linked.sources.clone())?;
    super::eprint_warnings(&checked.warnings, &linked.sources);
    let items = coverage::items(&linked.ruleset, &linked.sources);
    Ok(Loaded {
        plan: crate::compile(checked),
        sources: linked.sources,
        items,
        trace: Exercised::default(),
        shown: path.display().to_string(),
    })
}

/// Evaluates a case's project, adding what it exercised to the ruleset's trace.
fn evaluate(
    file: &TestFile,
    case: &Case,
    dir: &Path,
    limit: Size,
    ruleset: &mut Loaded,
    read: &mut ReadSet,
) -> Evaluation {
    let plan = &ruleset.plan;
    let projects = match &case.project {
        ProjectSpec::Inline(inline) => tests::inline_project(file, inline, plan)
            .map(|p| vec![(p, Vec::new())])
            .map_err(Error::Data),
        ProjectSpec::File(path) => read_project(&tidy(&dir.join(&path.value)), limit, plan, read),
    };
    let (project, unplaced) = match projects {
        Ok(mut projects) if projects.len() == 1 => projects.remove(0),
        Ok(projects) => {
            return Evaluation::Failed {
                code: None,
                rendered: t!(TEST_SEVERAL_FORMS, count = projects.len()),
            };
        }
        Err(error) => return Evaluation::failed(&error),
    };
    match crate::eval::evaluate_covered(plan, &project) {
        Ok((mut outcome, trace)) => {
            ruleset.trace.merge(&trace);
            if !unplaced.is_empty() {
                outcome
                    .findings
                    .extend(crate::import::findings(plan, &project, &unplaced));
                crate::eval::sort_findings(&mut outcome.findings);
            }
            Evaluation::Evaluated(outcome)
        }
        Err(error) => {
            let error = Error::Eval(Failure::new(ruleset.sources.clone(), error));
            Evaluation::failed(&error)
        }
    }
}

/// A project file, or each form of a workbook or text export with the cells that fit no
/// field.
type Forms = Vec<(crate::data::project::Project, Vec<crate::import::Unplaced>)>;

/// Reads a project named by a test file, in any format `perfeval check` reads.
fn read_project(path: &Path, limit: Size, plan: &Plan, read: &mut ReadSet) -> Result<Forms, Error> {
    let kind = super::project_format(path)?;
    super::inputs::check_real_name(path)?;
    let input = input::read_file(path, limit, Links::Follow).map_err(|e| Error::read(path, e))?;
    read.add(input.id.clone(), path);
    let name = path.display().to_string();
    match kind {
        super::Input::Project(format) => {
            let project = crate::data::load_bytes(&name, &input.bytes, format, &plan.form)?;
            Ok(vec![(project, Vec::new())])
        }
        super::Input::Form(kind) => {
            // A case's form read as expected says nothing: only why one does not fit.
            let forms = super::import_noting(&name, &input.bytes, kind, plan, false)?;
            Ok(forms.into_iter().map(|f| (f.project, f.unplaced)).collect())
        }
    }
}

/// A ruleset's parts that no case exercised.
fn coverage_of(ruleset: &Loaded) -> Coverage {
    let gaps = coverage::gaps(&ruleset.items, &ruleset.trace)
        .into_iter()
        .map(|item| Gap {
            origin: ruleset
                .sources
                .origin(item.span)
                .unwrap_or_else(|| ruleset.shown.clone()),
            what: item.what.clone(),
            needs: item.needs,
            clause: item.clause.clone(),
        })
        .collect();
    Coverage {
        ruleset: ruleset.shown.clone(),
        parts: ruleset.items.len(),
        gaps,
    }
}

/// `2023.zh.rules` for `../../2023.zh.rules`.
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned())
}

/// A path without `.` and `dir/..` parts where it names the same file that way
/// (`rulesets/tests/2023/../../2023.rules` is `rulesets/2023.rules`), so that reports
/// name files as people do; as it is where a link makes the two differ.
fn tidy(path: &Path) -> PathBuf {
    let lexical = crate::link::normalize(path);
    let lexical = if lexical.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        lexical
    };
    let same = match (std::fs::canonicalize(&lexical), std::fs::canonicalize(path)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same { lexical } else { path.to_owned() }
}

#[cfg(test)]
mod tests_of_paths {
    use super::*;

    #[test]
    fn tidy_paths_drop_dots_where_they_name_the_same_file() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let up = root.join("rulesets/./../rulesets/2023.rules");
        assert_eq!(tidy(&up), root.join("rulesets/2023.rules"));
        let absent = Path::new("no/such/../file.rules");
        assert_eq!(tidy(absent), absent);
    }
}
