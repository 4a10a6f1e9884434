//! Evaluating the forms of a `check` or `diff` run in bounded batches: a batch is read, evaluated
//! in parallel, handed over in input order, and dropped before the next is read. A run
//! then holds a batch of forms and results at a time, however many forms it has (the
//! list of file paths of a folder walk aside), and its output is the same bytes whatever
//! the number of threads.
//!
//! The forms are those named or found in folders (read by the workers), then the lines
//! of the JSON Lines file of `--jsonl` (read here, one project a line).

use std::io::BufRead;
use std::path::PathBuf;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::Error;
use crate::data::{self, Format};
use crate::input::{self, FileId, ReadError};
use crate::report::json::ProjectResult;

use super::inputs::{self, Collected, Folder, Form, ReadSet, STDIN_NAME, Skipped, Source};
use super::lines::{Line, Lines};
use super::{CheckArgs, Done, Run};

/// Forms a batch holds: enough that the threads rarely wait on the reads and writes
/// between batches, few enough that a batch of forms and results takes some tens of
/// megabytes at most.
const BATCH: usize = 1024;

/// The forms of a batch: [`BATCH`], or `PERFEVAL_BATCH` where set, so that tests cross
/// batch boundaries with a few forms (the report is the same bytes whatever the size).
fn batch_size() -> usize {
    std::env::var("PERFEVAL_BATCH")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(BATCH)
}

/// The JSON Lines file of `--jsonl`, being read.
pub(super) struct Jsonl {
    /// The path as named; `-` for standard input.
    path: PathBuf,
    /// The name its projects go by (`forms.jsonl`, `<stdin>`), each as `name:line`.
    name: String,
    lines: Lines<Box<dyn BufRead>>,
    /// The first line that holds something, read when the file is opened (it may say
    /// the file is no JSON Lines, which is then said before any report is begun), until
    /// it is taken.
    first: Option<Line>,
}

/// Opens the file of `--jsonl`, if any, and records it as read.
///
/// # Errors
///
/// Standard input is named twice (`-` and `--jsonl -`), or the file is not a regular file
/// or cannot be opened.
pub(super) fn open_jsonl(args: &CheckArgs, read: &mut ReadSet) -> Result<Option<Jsonl>, Error> {
    let Some(path) = &args.jsonl else {
        return Ok(None);
    };
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        if args.projects.iter().any(|p| p.as_os_str() == "-") {
            return Err(Error::StdinTwice);
        }
        read.add_stdin(input::stdin_file_id());
        Box::new(std::io::stdin().lock())
    } else {
        let (file, id) = input::open_file(path).map_err(|e| Error::read(path, e))?;
        read.add(Some(id), path);
        Box::new(std::io::BufReader::with_capacity(1 << 16, file))
    };
    let name = if path.as_os_str() == "-" {
        STDIN_NAME.to_owned()
    } else {
        path.display().to_string()
    };
    let mut jsonl = Jsonl {
        path: path.clone(),
        name,
        lines: Lines::new(reader, args.max_file_size),
        first: None,
    };
    let first = jsonl.read_line()?;
    if let Some(Line::Text { bytes, .. }) = &first {
        jsonl.refuse_a_document(bytes)?;
    }
    jsonl.first = first;
    Ok(Some(jsonl))
}

impl Jsonl {
    /// The next line that holds something.
    fn next(&mut self) -> Result<Option<Line>, Error> {
        match self.first.take() {
            Some(line) => Ok(Some(line)),
            None => self.read_line(),
        }
    }

    fn read_line(&mut self) -> Result<Option<Line>, Error> {
        self.lines
            .next_line()
            .map_err(|e| Error::read(&self.path, ReadError::Io(e)))
    }

    /// Refuses a file whose first line says it is no JSON Lines of projects: a report,
    /// a binary document (a workbook, a PDF), or one JSON document over many lines (a line that is only `{` or `[` holds no
    /// project), such as a form or a report printed for people to read, which would
    /// otherwise fail once a line.
    fn refuse_a_document(&mut self, first: &[u8]) -> Result<(), Error> {
        // As the run names it (`<stdin>` for `-`).
        let path = PathBuf::from(&self.name);
        if inputs::is_report(first) {
            return Err(Error::Report { path });
        }
        if let Some(what) = crate::import::binary_start(first) {
            return Err(Error::NotJsonLines {
                path,
                what: Some(what),
            });
        }
        let opening = first
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(first)
            .trim_ascii();
        if !matches!(opening, b"{" | b"[") {
            return Ok(());
        }
        // `{` and the next line: the start of a report, as a report starts.
        if let (b"{", Some(Line::Text { bytes, .. })) = (opening, self.read_line()?)
            && inputs::is_report(&[b"{".as_slice(), &bytes].concat())
        {
            return Err(Error::Report { path });
        }
        Err(Error::NotJsonLines { path, what: None })
    }
}

/// What an item came to: the index of its form (none for a line), what the report makes
/// of its results, the identity of the file read, and the notes to print.
type Evaluated<R> = (Option<usize>, Done<R>, Option<FileId>, Vec<String>);

/// One thing to evaluate.
enum Item {
    /// The form at this index of [`Collected::forms`].
    Form(usize),
    /// A line of the JSON Lines file.
    Line(Line),
}

/// What a run does with each form of its batches: `check` evaluates it under one
/// ruleset, `diff` under two and compares the results.
pub(super) trait Work: Sync {
    /// What one form (a project of a file, a line of the JSON Lines file) comes to.
    type Result: Send;

    /// A form named or found: its results (a workbook may hold several forms), with the
    /// identity of the file read and the notes reading it gave, printed by the caller
    /// in the forms' order.
    fn on_form(&self, form: &Form) -> (Done<Self::Result>, Option<FileId>, Vec<String>);

    /// Line `line` of the JSON Lines file named `file`.
    fn on_line(&self, file: &str, line: Line) -> Self::Result;
}

impl Work for Run<'_> {
    type Result = ProjectResult;

    fn on_form(&self, form: &Form) -> (Done, Option<FileId>, Vec<String>) {
        self.evaluate(form)
    }

    fn on_line(&self, file: &str, line: Line) -> ProjectResult {
        self.line(file, line)
    }
}

/// Does `work` to every form of the run in batches, in parallel. Each result becomes
/// what the report needs of it through `make`, on the worker (which also drops what is
/// not needed, so that the thread that reads and writes does not); `take` receives what
/// was made of each batch, in input order, and says whether to go on (standard output
/// may have closed).
/// The files read are recorded in `read` before `take` sees their results. Returns an
/// error for each folder all of whose files were skipped (it holds no form).
///
/// # Errors
///
/// The JSON Lines file cannot be read or is a report, or `take` fails.
pub(super) fn evaluate<W: Work, R: Send>(
    work: &W,
    collected: &mut Collected,
    mut jsonl: Option<Jsonl>,
    read: &mut ReadSet,
    bar: &ProgressBar,
    make: impl Fn(W::Result) -> R + Sync,
    mut take: impl FnMut(Vec<R>, &ReadSet) -> Result<bool, Error>,
) -> Result<Vec<Error>, Error> {
    let mut next_form = 0;
    let mut emptied = Vec::new();
    let name = jsonl.as_ref().map(|j| j.name.clone()).unwrap_or_default();
    let size = batch_size();
    loop {
        let items = next_batch(size, collected.forms.len(), &mut next_form, jsonl.as_mut())?;
        if items.is_empty() {
            return Ok(emptied);
        }
        let forms = &collected.forms;
        // Forms are independent: evaluated in parallel, kept in order; each worker
        // ticks the bar as it finishes a form.
        let done: Vec<Evaluated<R>> = items
            .into_par_iter()
            .map(|item| {
                let (index, (done, id, notes)) = match item {
                    Item::Form(index) => (Some(index), evaluate_form(work, forms, index)),
                    Item::Line(line) => {
                        let done = Done::Results(vec![work.on_line(&name, line)]);
                        (None, (done, None, Vec::new()))
                    }
                };
                let done = match done {
                    Done::Results(results) => {
                        Done::Results(results.into_iter().map(&make).collect())
                    }
                    Done::Report => Done::Report,
                    Done::NotAForm => Done::NotAForm,
                };
                bar.inc(1);
                (index, done, id, notes)
            })
            .collect();
        let mut results = Vec::with_capacity(done.len());
        for (index, done, id, notes) in done {
            for note in notes {
                super::eprint_line(&note);
            }
            let form = index.and_then(|i| collected.forms.get(i));
            match (form, done) {
                (Some(form), done) => {
                    let (found, empty) = settle_one(
                        &mut collected.skipped,
                        &mut collected.folders,
                        form,
                        done,
                        id,
                        read,
                    );
                    results.extend(found);
                    emptied.extend(empty);
                }
                (None, Done::Results(found)) => results.extend(found),
                (None, Done::Report | Done::NotAForm) => {}
            }
        }
        if !take(results, read)? {
            return Ok(emptied);
        }
    }
}

/// The next batch: forms named or found first, then lines of the JSON Lines file.
fn next_batch(
    size: usize,
    forms: usize,
    next_form: &mut usize,
    mut jsonl: Option<&mut Jsonl>,
) -> Result<Vec<Item>, Error> {
    let mut items = Vec::with_capacity(size);
    while items.len() < size && *next_form < forms {
        items.push(Item::Form(*next_form));
        *next_form += 1;
    }
    while items.len() < size {
        let Some(jsonl) = jsonl.as_deref_mut() else {
            break;
        };
        match jsonl.next()? {
            Some(line) => items.push(Item::Line(line)),
            None => break,
        }
    }
    Ok(items)
}

fn evaluate_form<W: Work>(
    work: &W,
    forms: &[Form],
    index: usize,
) -> (Done<W::Result>, Option<FileId>, Vec<String>) {
    match forms.get(index) {
        Some(form) => work.on_form(form),
        None => (Done::Results(Vec::new()), None, Vec::new()),
    }
}

impl Run<'_> {
    /// Loads and evaluates a line of the JSON Lines file named `file`: a project named
    /// `file:line`, JSON, whose diagnostics point at `file:line:column`.
    fn line(&self, file: &str, line: Line) -> ProjectResult {
        let (number, bytes) = match line {
            Line::Text { number, bytes } => (number, bytes),
            Line::TooLong { number } => {
                let error = line_too_large(file, number, self.args.max_file_size);
                let file = format!("{file}:{number}");
                return ProjectResult::Failed { file, error };
            }
        };
        let loaded = data::load_line(file, number, &bytes, Format::Json, &self.plan.form);
        drop(bytes);
        let evaluated = loaded
            .map_err(Error::from)
            .and_then(|project| self.evaluate_project(&project));
        match evaluated {
            Ok(outcome) => ProjectResult::Evaluated(outcome),
            Err(error) => ProjectResult::Failed {
                file: format!("{file}:{number}"),
                error,
            },
        }
    }
}

/// The error of line `number` of the JSON Lines file `file`, longer than `limit`.
pub(super) fn line_too_large(file: &str, number: usize, limit: crate::input::Size) -> Error {
    Error::LineTooLarge {
        path: PathBuf::from(format!("{file}:{number}")),
        limit,
    }
}

/// Settles what one form came to: records the file read, counts a report or a file
/// without a form skipped; returns its results, and an error for its folder if it was the
/// last form there and the folder is left without one.
pub(super) fn settle_one<T>(
    skipped: &mut Skipped,
    folders: &mut [Folder],
    form: &Form,
    done: Done<T>,
    id: Option<FileId>,
    read: &mut ReadSet,
) -> (Vec<T>, Option<Error>) {
    match (done, &form.source) {
        (Done::Results(found), Source::File(path)) => {
            read.add(id, path);
            (found, None)
        }
        (Done::Results(found), Source::Stdin) => {
            read.add_stdin(id);
            (found, None)
        }
        (skip @ (Done::Report | Done::NotAForm), _) => {
            if matches!(skip, Done::Report) {
                skipped.reports += 1;
            } else {
                let path = match &form.source {
                    Source::File(path) => Some(path),
                    Source::Stdin => None,
                };
                skipped.add_not_form(path.map(PathBuf::as_path));
                if let Some(path) = path {
                    read.add(id, path);
                }
            }
            let folder = form.folder.and_then(|f| folders.get_mut(f));
            let mut emptied = None;
            if let Some(folder) = folder {
                folder.found = folder.found.saturating_sub(1);
                if folder.found == 0 {
                    emptied = Some(inputs::empty_folder(&folder.path));
                }
            }
            (Vec::new(), emptied)
        }
    }
}
