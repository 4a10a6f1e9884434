//! `perfeval explain`: every score of a form derived step by step, in the form's words.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::data::project::Project;
use crate::diagnostic::Failure;
use crate::input::{self, Links, Size};

use super::inputs::{ReadSet, RulesetLoader};
use super::{Status, output};

/// Arguments of `perfeval explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The ruleset: a file named `*.rules`, or a shipped ruleset's name, such as `2023`.
    #[arg(long, value_name = "RULESET")]
    pub rules: PathBuf,
    /// A form: a project file (.toml, .json, .yaml), or a text export, CSV file,
    /// workbook or Word document.
    #[arg(value_name = "PROJECT")]
    pub project: PathBuf,
    /// Explain only the indicators of this name (and the checks about them).
    #[arg(long, value_name = "NAME")]
    pub indicator: Option<String>,
    /// Text for people, or JSON for tools.
    #[arg(long, value_enum)]
    pub format: Option<ExplainFormat>,
    /// Write the explanation to this file instead of standard output (`-` is standard
    /// output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The largest file read, in bytes or with a unit: `512KiB`, `16MiB` (at most 1 GiB).
    #[arg(long, value_name = "SIZE", default_value = "16MiB")]
    pub max_file_size: Size,
}

/// Formats of an explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Text in the form's words.
    Text,
    /// One JSON document.
    Json,
}

/// Explains every form in the file; 2 when the file or ruleset cannot be read.
pub(crate) fn run(args: &ExplainArgs) -> Status {
    super::finish(explain_run(args))
}

fn explain_run(args: &ExplainArgs) -> Result<Status, Error> {
    // An explanation named like a form would be read as a broken one by the next run,
    // or written over a department's project file (`-o form.toml`).
    let chosen = args.format.unwrap_or(ExplainFormat::Text);
    let (like, format) = match chosen {
        ExplainFormat::Text => (super::OutputFormat::Table, "text"),
        ExplainFormat::Json => (super::OutputFormat::Json, "json"),
    };
    if let Some(path) = args
        .output
        .as_ref()
        .filter(|p| super::named_like_a_form(p, like))
    {
        return Err(Error::ProjectName {
            path: path.clone(),
            format,
            ending: like.ending(),
        });
    }
    if args.format.is_none() {
        refuse_documents(args.output.as_deref())?;
    }
    let mut read = ReadSet::default();
    let mut loader = RulesetLoader::new(args.max_file_size, &mut read);
    let (plan, rules) = super::load_rules(&args.rules, &mut loader)?;
    let projects = load(&args.project, args.max_file_size, &plan, &mut read)?;
    if let Some(name) = &args.indicator {
        refuse_unknown_indicator(name, &args.project, &plan, &projects)?;
    }
    let mut explanations = Vec::new();
    for project in &projects {
        let explanation =
            crate::explain::explain(&plan, &rules, project, args.indicator.as_deref())
                .map_err(|e| Error::Eval(Failure::new(rules.clone(), e)))?;
        explanations.push(explanation);
    }
    let text = match chosen {
        ExplainFormat::Text => explanations
            .iter()
            .map(crate::explain::Explanation::text)
            .collect::<Vec<_>>()
            .join("\n"),
        ExplainFormat::Json => {
            let docs: Vec<serde_json::Value> = explanations
                .iter()
                .map(crate::explain::Explanation::json)
                .collect();
            let doc = match docs.as_slice() {
                [one] => one.clone(),
                _ => serde_json::Value::Array(docs),
            };
            crate::report::json::terminal_safe(format!("{doc:#}\n"))
        }
    };
    match &args.output {
        Some(path) => output::write(path, text, &read)?,
        None => output::print(text, &read)?,
    }
    Ok(Status::Pass)
}

/// An explanation is text or JSON: written to a name of a printed or office document
/// (`解释.html`, `.md`, `.xlsx`, `.pdf`) without `--format` saying so, it would open as
/// something it is not.
fn refuse_documents(output: Option<&Path>) -> Result<(), Error> {
    let document = |p: &&Path| {
        super::OutputFormat::document_by_ending(p).is_some()
            || output::extension(p).as_deref() == Some("pdf")
    };
    match output.filter(document) {
        Some(path) => Err(Error::ExplainFormat {
            path: path.to_owned(),
        }),
        None => Ok(()),
    }
}

/// `--indicator NAME` where no form of the file has an indicator so named (compared as
/// the explanation compares them): said, with the nearest name, rather than an
/// explanation of nothing.
fn refuse_unknown_indicator(
    name: &str,
    file: &Path,
    plan: &crate::compile::Plan,
    projects: &[Project],
) -> Result<(), Error> {
    let names: Vec<&str> = (projects.iter())
        .flat_map(|p| p.rows(crate::ir::vocab::INDICATORS))
        .filter_map(|row| plan.indicator_keys.name.text(row))
        .collect();
    let wanted = crate::text::normalize(name);
    if names.iter().any(|n| crate::text::normalize(n) == wanted) {
        return Ok(());
    }
    let help = crate::suggest::did_you_mean(name, names.iter().copied()).unwrap_or_else(|| {
        let listed: Vec<&str> = names.iter().copied().take(20).collect();
        crate::i18n::t!(EXPLAIN_NO_SUCH_INDICATOR_NAMES, names = listed.join("、"))
    });
    Err(Error::NoSuchIndicator {
        name: crate::text::visible(&crate::text::brief(name, 60)).into_owned(),
        file: crate::text::visible(&file.display().to_string()).into_owned(),
        help: crate::text::visible(&help).into_owned(),
    })
}

/// The projects of a form file: one, or one per form of a workbook.
fn load(
    path: &Path,
    limit: Size,
    plan: &crate::compile::Plan,
    read: &mut ReadSet,
) -> Result<Vec<Project>, Error> {
    let input = input::read_file(path, limit, Links::Follow).map_err(|e| Error::read(path, e))?;
    read.add(input.id, path);
    let name = path.display().to_string();
    if let Some(format) = crate::data::Format::from_path(path) {
        return Ok(vec![crate::data::load_bytes(
            &name,
            &input.bytes,
            format,
            &plan.form,
        )?]);
    }
    let Some(kind) = crate::import::Kind::from_path(path) else {
        return Err(Error::NotAForm {
            path: path.to_owned(),
            kinds: crate::i18n::t!(IO_NOT_A_FORM_NAME),
        });
    };
    let forms = super::import_noting(&name, &input.bytes, kind, plan, true)?;
    // An explanation carries no finding of the form's reading: what it read unseen is
    // said beside it.
    for form in &forms {
        super::eprint_notes(
            &name,
            &crate::import::hidden_notes(&form.unplaced, form.sheet.as_deref()),
        );
    }
    Ok(forms.into_iter().map(|f| f.project).collect())
}
