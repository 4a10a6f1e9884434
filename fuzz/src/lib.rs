//! What each fuzz target does with its input, as plain functions: the `cargo fuzz`
//! targets in `fuzz/fuzz_targets/` call them, and so does the replay test
//! `tests/it/corpus.rs` (which includes this file as a module), so that CI runs every
//! file of `fuzz/corpus/<target>/` through exactly the code that was fuzzed.
//!
//! Each function must return normally for any input: a panic, a hang or a stack
//! overflow is a bug in perfeval. Errors of the pipeline are expected and rendered.
//! Only the public API is used.

use std::path::Path;
use std::sync::LazyLock;

use perfeval::Error;
use perfeval::compile::Plan;
use perfeval::data::Format;
use perfeval::diagnostic::Failure;
use perfeval::eval::outcome::Outcome;
use perfeval::link::{LoadError, Loader};
use perfeval::report::diagnostic::FindingDiagnostic;
use perfeval::report::json::ProjectResult;
use perfeval::source::{SourceFile, Span};

const RULES_2023: &str = include_str!("../../rulesets/2023.rules");
const RULES_2023_ZH: &str = include_str!("../../rulesets/2023.zh.rules");
const RULES_MOF_2020: &str = include_str!("../../rulesets/mof-2020.rules");
const LINK_BASE: &str = include_str!("../../tests/fixtures/link/base.rules");
const LINK_CYCLE_B: &str = include_str!("../../tests/fixtures/link/cycle/b.rules");

/// The projects that the `check` target evaluates against every ruleset it makes.
const FIXED_PROJECTS: [(&str, &str, Format); 3] = [
    (
        "examples/suzhou-2023-with-findings.toml",
        include_str!("../../examples/suzhou-2023-with-findings.toml"),
        Format::Toml,
    ),
    (
        "examples/suzhou-2023-egov.yaml",
        include_str!("../../examples/suzhou-2023-egov.yaml"),
        Format::Yaml,
    ),
    (
        "examples/mof-2020-rural-road-with-findings.toml",
        include_str!("../../examples/mof-2020-rural-road-with-findings.toml"),
        Format::Toml,
    ),
];

/// The CLI's diagnostic width.
const WIDTH: usize = 100;

/// A shipped ruleset, loaded once: its name, its source (for eval errors) and its plan.
struct Shipped {
    name: &'static str,
    source: SourceFile,
    plan: Plan,
}

static SHIPPED: LazyLock<Vec<Shipped>> = LazyLock::new(|| {
    [
        ("rulesets/2023.rules", RULES_2023),
        ("rulesets/mof-2020.rules", RULES_MOF_2020),
    ]
    .into_iter()
    .filter_map(|(name, text)| {
        let source = SourceFile::new(name, text);
        // A shipped ruleset that does not load is caught by the `shipped` tests.
        let plan = perfeval::load_ruleset(&source).ok()?;
        Some(Shipped { name, source, plan })
    })
    .collect()
});

/// Renders a diagnostic as the CLI does, without colour.
fn render(diagnostic: &dyn miette::Diagnostic, width: usize) {
    std::hint::black_box(perfeval::report::diagnostic::render(
        diagnostic, false, width,
    ));
}

/// A width for rendering that varies with the input, so that narrow layouts (wrapped
/// labels, CJK text) are fuzzed as well as the CLI's own width.
fn width_for(data: &[u8]) -> usize {
    if data.len().is_multiple_of(4) {
        8 + data.len() % 73
    } else {
        WIDTH
    }
}

/// Target `parse`: arbitrary text as a ruleset, through `link_source`, `check` and
/// `compile`, every failure rendered; and, when the text extends a base, through `link`
/// with an in-memory loader that serves the shipped rulesets and the link fixtures.
pub fn parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::new("fuzz.rules", text);
    match perfeval::link::link_source(&source) {
        Ok(linked) => match perfeval::check(&linked.ruleset, linked.sources.clone()) {
            Ok(checked) => {
                std::hint::black_box(perfeval::compile(checked));
            }
            Err(failure) => render(&Error::Check(failure), WIDTH),
        },
        Err(error) => render(&error, WIDTH),
    }
    if text.contains("extends") || text.contains("继承") {
        let mut loader = MemoryLoader { main: text };
        let path = Path::new("examples/policy-changes/main.rules");
        match perfeval::load_ruleset_file(path, &mut loader) {
            Ok((plan, _)) => {
                std::hint::black_box(plan);
            }
            Err(error) => render(&error, WIDTH),
        }
    }
}

/// Serves rulesets from memory by file name: `main.rules` is the input itself.
struct MemoryLoader<'a> {
    main: &'a str,
}

impl Loader for MemoryLoader<'_> {
    fn read(&mut self, path: &Path) -> Result<String, LoadError> {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let text = match name {
            "main.rules" => self.main,
            "2023.rules" => RULES_2023,
            "2023.zh.rules" => RULES_2023_ZH,
            "mof-2020.rules" => RULES_MOF_2020,
            "base.rules" => LINK_BASE,
            "b.rules" => LINK_CYCLE_B,
            _ => return Err(std::io::Error::from(std::io::ErrorKind::NotFound).into()),
        };
        Ok(text.to_owned())
    }
}

/// Target `print`: every ruleset that parses prints to text that parses back to the
/// same tree (spans aside), and printing that tree again gives the same text (the
/// contract of `perfeval::syntax::print`).
///
/// # Panics
///
/// Where the contract does not hold.
pub fn print(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(ruleset) = perfeval::parse(&SourceFile::new("fuzz.rules", text)) else {
        return;
    };
    let no_origin = |_: Span| None;
    let printed = perfeval::syntax::print::print(&ruleset, &no_origin);
    let reparsed = match perfeval::parse(&SourceFile::new("printed.rules", printed.as_str())) {
        Ok(reparsed) => reparsed,
        Err(error) => panic!(
            "the printed text does not parse:\n{}\n--- printed:\n{printed}",
            perfeval::report::diagnostic::render(&Error::Parse(error), false, WIDTH)
        ),
    };
    assert!(
        erase_spans(&ruleset) == erase_spans(&reparsed),
        "the printed text parses to another tree\n--- printed:\n{printed}"
    );
    let again = perfeval::syntax::print::print(&reparsed, &no_origin);
    assert!(
        again == printed,
        "printing is not a fixpoint\n--- printed:\n{printed}\n--- printed again:\n{again}"
    );
}

/// The `Debug` text of a tree with every `Span { start: N, end: M }` replaced by `Span`.
fn erase_spans(tree: &impl std::fmt::Debug) -> String {
    const OPEN: &str = "Span { start: ";
    let text = format!("{tree:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(OPEN) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let after = from.get(OPEN.len()..).unwrap_or("");
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let start = digits(after);
        let tail = after.get(start..).unwrap_or("");
        let end = tail
            .strip_prefix(", end: ")
            .map(|t| (t, digits(t)))
            .and_then(|(t, n)| t.get(n..)?.strip_prefix(" }"));
        match end {
            Some(end) if start > 0 => {
                out.push_str("Span");
                rest = end;
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Target `load`: arbitrary bytes as a project file in each format, against the form of
/// `rulesets/2023.rules` and of `rulesets/mof-2020.rules`; what loads is evaluated and
/// rendered as the table and its findings, every failure is rendered, and each
/// ruleset's results are rendered as the JSON document.
pub fn load(data: &[u8]) {
    let width = width_for(data);
    for shipped in SHIPPED.iter() {
        let mut results = Vec::new();
        for (format, name) in [
            (Format::Toml, "project.toml"),
            (Format::Json, "project.json"),
            (Format::Yaml, "project.yaml"),
        ] {
            let loaded = perfeval::data::load_bytes(name, data, format, &shipped.plan.form);
            let result = match loaded {
                Ok(project) => evaluate(&shipped.plan, &shipped.source, &project, name, width),
                Err(failure) => failed(name, Error::Data(failure), width),
            };
            results.push(result);
        }
        std::hint::black_box(perfeval::report::json::render(
            shipped.name,
            &shipped.plan,
            &results,
        ));
    }
}

/// Target `check`: the input as a whole ruleset (the corpus starts from the shipped
/// rulesets, so most inputs are mutations of them) through `load_ruleset`; a ruleset
/// that loads evaluates a few fixed projects, rendered as the table, the findings and
/// the JSON document. Every diagnostic is rendered.
pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let width = width_for(data);
    let source = SourceFile::new("fuzz.rules", text);
    let plan = match perfeval::load_ruleset(&source) {
        Ok(plan) => plan,
        Err(error) => return render(&error, width),
    };
    let mut results = Vec::new();
    for (name, project, format) in FIXED_PROJECTS {
        let result = match perfeval::data::load_bytes(name, project.as_bytes(), format, &plan.form)
        {
            Ok(project) => evaluate(&plan, &source, &project, name, width),
            Err(failure) => failed(name, Error::Data(failure), width),
        };
        results.push(result);
    }
    std::hint::black_box(perfeval::report::json::render(
        "fuzz.rules",
        &plan,
        &results,
    ));
}

/// Evaluates a project and renders the table and every finding, or the error.
fn evaluate(
    plan: &Plan,
    rules: &SourceFile,
    project: &perfeval::data::project::Project,
    name: &str,
    width: usize,
) -> ProjectResult {
    match perfeval::evaluate(plan, project) {
        Ok(outcome) => {
            render_outcome(&outcome, width);
            ProjectResult::Evaluated(outcome)
        }
        Err(error) => failed(name, Error::Eval(Failure::new(rules.clone(), error)), width),
    }
}

fn failed(name: &str, error: Error, width: usize) -> ProjectResult {
    render(&error, width);
    ProjectResult::Failed {
        file: name.to_owned(),
        error,
    }
}

fn render_outcome(outcome: &Outcome, width: usize) {
    std::hint::black_box(perfeval::report::table::render(outcome));
    for finding in &outcome.findings {
        let diagnostic = FindingDiagnostic {
            finding,
            source: &outcome.source,
        };
        render(&diagnostic, width);
    }
}
