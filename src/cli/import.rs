//! `perfeval import`: filled forms (text exports, workbooks, CSV, Word) to TOML project
//! files, placed by the labels of the ruleset's form.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::compile::Plan;
use crate::i18n::t;
use crate::import::{self, Imported};
use crate::input::{self, Links, Size};
use crate::report::diagnostic;

use super::inputs::{self, ReadSet, RulesetLoader, Source};
use super::output;
use super::{Status, WIDTH, colour, eprint_diagnostic, eprint_line};

/// Arguments of `perfeval import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The ruleset: a file named `*.rules`, such as `rulesets/2024.rules`, or a shipped
    /// ruleset's name, such as `2023` (`perfeval rulesets` lists them).
    #[arg(long, value_name = "RULESET")]
    pub rules: PathBuf,
    /// Filled forms: text exports (.txt), workbooks (.xlsx, .xls, .ods), CSV files,
    /// Word documents (.docx), or folders of them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Where to write: a file for one form (standard output without it), a folder for
    /// several (one `.toml` per form, named after its file and sheet); `-` is standard
    /// output.
    #[arg(short = 'o', long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The largest file read, in bytes or with a unit: `512KiB`, `16MiB`, `100MB`
    /// (at most 1 GiB).
    #[arg(long, value_name = "SIZE", default_value = "16MiB")]
    pub max_file_size: Size,
}

/// One form read from a file, with the file's name.
struct Form {
    file: PathBuf,
    /// The sheet, where the file has several forms.
    sheet: Option<String>,
    imported: Imported,
}

/// Imports every form named; 0 when every cell was placed, 1 when some were not (each is
/// reported), 2 when a file could not be imported.
pub(crate) fn run(args: &ImportArgs) -> Status {
    super::finish(import_run(args))
}

fn import_run(args: &ImportArgs) -> Result<Status, Error> {
    let mut read = ReadSet::default();
    let mut loader = RulesetLoader::new(args.max_file_size, &mut read);
    let (plan, _) = super::load_rules(&args.rules, &mut loader)?;
    let collected = inputs::collect(&args.files, false)?;
    let mut failed = !collected.errors.is_empty();
    for error in &collected.errors {
        eprint_diagnostic(error);
    }
    let mut forms = Vec::new();
    for form in &collected.forms {
        let Source::File(path) = &form.source else {
            continue;
        };
        match import_file(path, args.max_file_size, &plan, &mut read) {
            Ok((found, errors)) => {
                forms.extend(found);
                failed |= !errors.is_empty();
                for error in &errors {
                    eprint_diagnostic(error);
                }
            }
            Err(error) => {
                failed = true;
                eprint_diagnostic(&error);
            }
        }
    }
    if let Some(summary) = collected.skipped.summary() {
        eprint_line(&summary);
    }
    let mut unplaced = false;
    for form in &forms {
        unplaced |= report_unplaced(&plan, form);
    }
    write(args, &plan, &forms, &read)?;
    Ok(match (failed, unplaced) {
        (true, _) => Status::Failure,
        (false, true) => Status::Findings,
        (false, false) => Status::Pass,
    })
}

/// A file's forms, and the errors of its sheets that do not fit: each sheet is read on
/// its own, as `check` reads it, and a bad one loses none of the others.
fn import_file(
    path: &Path,
    limit: Size,
    plan: &Plan,
    read: &mut ReadSet,
) -> Result<(Vec<Form>, Vec<Error>), Error> {
    let Some(kind) = import::Kind::from_path(path) else {
        return Err(Error::NotAForm {
            path: path.to_owned(),
            kinds: crate::i18n::t!(IO_IMPORT_KINDS),
        });
    };
    let input = input::read_file(path, limit, Links::Follow).map_err(|e| Error::read(path, e))?;
    read.add(input.id, path);
    let name = path.display().to_string();
    let found = import::import_each(&name, &input.bytes, kind, plan).map_err(|failure| {
        // No form: a sheet hidden and skipped may be why.
        let (error, notes) = super::failure_noted(&name, failure);
        super::eprint_notes(&name, &notes);
        error
    })?;
    let several = found.len() > 1;
    let (mut forms, mut errors) = (Vec::new(), Vec::new());
    for form in found {
        match form {
            Ok(imported) => {
                super::eprint_notes(&name, &imported.notes);
                forms.push(Form {
                    file: path.to_owned(),
                    sheet: several.then(|| sheet_of(&imported)),
                    imported,
                });
            }
            Err(failure) => {
                let (error, notes) = super::failure_noted(&name, failure);
                super::eprint_notes(&name, &notes);
                errors.push(error);
            }
        }
    }
    Ok((forms, errors))
}

/// The place of one of a file's several forms, as its name says it: its sheet (`自评表.xlsx!Sheet2`
/// → `Sheet2`), the line of its first label where forms are stacked (`forms.txt:41` → `41`).
fn sheet_of(imported: &Imported) -> String {
    (imported.sheet.clone()).unwrap_or_else(|| imported.project.source.name().to_owned())
}

/// Prints each cell of a form that fits no field; whether one is an error (a column
/// the form does not have is a warning, unless the ruleset says otherwise).
fn report_unplaced(plan: &Plan, form: &Form) -> bool {
    let findings = import::findings(plan, &form.imported.project, &form.imported.unplaced);
    for finding in &findings {
        let d = diagnostic::FindingDiagnostic {
            finding,
            source: &form.imported.project.source,
        };
        let text = diagnostic::render(
            &d,
            colour(std::io::IsTerminal::is_terminal(&std::io::stderr())),
            WIDTH,
        );
        eprint_line(text.trim_end());
    }
    findings
        .iter()
        .any(|f| f.severity == crate::ir::vocab::Severity::Error)
}

/// Writes the forms: one to standard output or `-o FILE`; several into the folder `-o`
/// names.
fn write(args: &ImportArgs, plan: &Plan, forms: &[Form], read: &ReadSet) -> Result<(), Error> {
    // A folder named that is not there (`-o 导入/`, or a new name without an ending for
    // several forms): said so, rather than that one file holds one form.
    if let Some(path) = args.output.as_deref().filter(|p| !p.exists())
        && ((forms.len() > 1 && path.extension().is_none()) || output::ends_like_a_folder(path))
    {
        return Err(Error::NoSuchFolder {
            path: path.to_owned(),
        });
    }
    match (forms, &args.output) {
        ([], _) => Ok(()),
        ([form], None) => output::print(toml(plan, form), read),
        // A new file only, as into a folder: the name may be a workbook or form a
        // department filled, which an imported form must never replace.
        ([form], Some(path)) if !path.is_dir() => output::write_new(path, toml(plan, form), read),
        (_, Some(dir)) if dir.is_dir() => {
            let paths = folder_paths(dir, forms)?;
            for (form, path) in forms.iter().zip(paths) {
                if path.file_name() != Some(std::ffi::OsStr::new(&file_name(form))) {
                    let file = crate::text::visible(&form.file.to_string_lossy()).into_owned();
                    let path = crate::text::visible(&path.to_string_lossy()).into_owned();
                    eprint_line(&t!(CLI_NOTE, file, note = t!(IMPORT_RENAMED, path)));
                }
                output::write_new(&path, toml(plan, form), read)?;
            }
            Ok(())
        }
        (_, _) => Err(Error::ImportSeveral { count: forms.len() }),
    }
}

/// Where each form goes in the folder `-o` names: its own name, or `自评表-2.toml` for the
/// second form of the run that would have it (`a/自评表.xlsx` and `b/自评表.xlsx`). A
/// name the folder already holds refuses the whole import before anything is written:
/// it may be a department's project file, and an import never replaces one.
fn folder_paths(dir: &Path, forms: &[Form]) -> Result<Vec<PathBuf>, Error> {
    let mut taken = std::collections::HashSet::new();
    let mut paths = Vec::with_capacity(forms.len());
    for form in forms {
        let name = file_name(form);
        let path = (1..)
            .map(|n| dir.join(numbered(&name, n)))
            .find(|path| taken.insert(path.clone()))
            .unwrap_or_else(|| dir.join(&name));
        if std::fs::symlink_metadata(&path).is_ok() {
            return Err(Error::Exists { path });
        }
        paths.push(path);
    }
    Ok(paths)
}

/// `自评表.toml` as the first of that name, `自评表-2.toml` as the second.
fn numbered(name: &str, n: usize) -> String {
    match (n, name.strip_suffix(".toml")) {
        (1, _) => name.to_owned(),
        (_, Some(stem)) => format!("{stem}-{n}.toml"),
        (_, None) => format!("{name}-{n}"),
    }
}

/// `自评表.toml`, or `自评表-Sheet2.toml` for one of several forms of a workbook.
fn file_name(form: &Form) -> String {
    let stem = form
        .file
        .file_stem()
        .map_or_else(|| "form".to_owned(), |s| s.to_string_lossy().into_owned());
    let name = match &form.sheet {
        Some(sheet) => format!("{stem}-{sheet}.toml"),
        None => format!("{stem}.toml"),
    };
    // A sheet's name may hold what a file name cannot.
    name.chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '\0') || crate::text::is_unsafe(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

fn toml(plan: &Plan, form: &Form) -> String {
    let source = &form.imported.project.source;
    let mut header = vec![
        format!(
            "由 {} 导入（perfeval import），按规则集「{}」{} 的表单栏目放置。",
            source.name(),
            plan.name,
            plan.version.as_deref().unwrap_or("")
        ),
        "每个值后的注释是它在原表中的位置。".to_owned(),
    ];
    let unplaced = &form.imported.unplaced;
    // One count per kind, each kind named: a new kind of finding must say where it goes.
    let (mut cells, mut columns, mut formulas) = (0, 0, 0);
    let mut hidden: Vec<String> = Vec::new();
    for u in unplaced {
        match &u.kind {
            import::Misfit::Cell { .. } | import::Misfit::Total(_) => cells += 1,
            import::Misfit::MoreCells(more) => cells += more,
            import::Misfit::Column { .. } => columns += 1,
            import::Misfit::Uncalculated(_) => formulas += 1,
            import::Misfit::HiddenRow(row) => hidden.push(format!("第 {row} 行")),
            import::Misfit::HiddenColumn { column, .. } => hidden.push(format!("{column} 列")),
        }
    }
    if cells > 0 {
        header.push(format!(
            "有 {cells} 个单元格无法归入任何栏目，未导入（见 perfeval import 的输出）。"
        ));
    }
    if columns > 0 {
        header.push(format!(
            "有 {columns} 列不是表单的栏目，其中填写的内容未导入（见 perfeval import 的输出）。"
        ));
    }
    if formulas > 0 {
        header.push(format!(
            "有 {formulas} 个公式单元格没有保存计算结果，按未填写导入（见 perfeval import 的输出）。"
        ));
    }
    if !hidden.is_empty() {
        header.push(format!(
            "{}在工作簿中已隐藏，仍照常导入（见 perfeval import 的输出）。",
            hidden.join("、")
        ));
    }
    // A place in the file (`各项目.txt:80:2`, `汇总.xlsx!自评表!C80`), as findings give it:
    // one of several forms stacked in a file is named by its line, its places the file's.
    let origin = |field: &crate::data::project::Field| {
        source.cell(field.span.start).map_or_else(
            || {
                let at = source.line_col(field.span.start);
                format!("{}:{}:{}", source.file(), at.line, at.column)
            },
            |cell| format!("{}!{cell}", source.file()),
        )
    };
    import::toml_out::to_toml(&form.imported.project, &plan.form, &header, &origin)
}
