//! A test file's text read into a [`TestFile`], every problem reported at once.
//!
//! The text is read with the `toml` crate's span-keeping parser, so that each problem
//! points at its key or value, and so that an inline project keeps the places of its
//! values in the test file. Nothing here looks at a ruleset: names of indicators and
//! finding codes are compared when the cases run.

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::error::TestError;
use super::{At, Case, Expect, IndicatorExpect, Inline, ProjectSpec, SUFFIX, TestFile};
use crate::data::tree::{Kind, Node};
use crate::diagnostic::Failure;
use crate::source::{SourceFile, Span};

/// Reads a test file.
///
/// # Errors
///
/// Every problem of the file: TOML syntax (the first error only), unknown keys, values
/// of the wrong type, floats where decimals are expected, a file with no case.
pub fn parse(source: SourceFile) -> Result<TestFile, Failure<TestError>> {
    let mut reader = Reader::default();
    let (rulesets, cases) = reader.file(&source);
    match Failure::from_errors(source.clone(), reader.errors) {
        Some(failure) => Err(failure),
        None => Ok(TestFile {
            source,
            rulesets,
            cases,
        }),
    }
}

const TOP_KEYS: &[&str] = &["ruleset", "name", "project", "expect", "case"];
const CASE_KEYS: &[&str] = &["name", "project", "expect"];
const EXPECT_KEYS: &[&str] = &[
    "total",
    "rating",
    "lines",
    "findings",
    "findings_include",
    "findings_exclude",
    "exit",
    "error",
    "indicators",
];
const INDICATOR_KEYS: &[&str] = &[
    "name",
    "row",
    "weight",
    "score",
    "completion",
    "grade",
    "missing",
    "recognized",
    "findings",
];

/// A table's entries in file order: key, the key's span, value.
type Entries<'i> = Vec<(String, Span, Spanned<DeValue<'i>>)>;

/// The top level of a file as read, before its shape is known.
#[derive(Default)]
struct Top {
    rulesets: Option<Vec<At<String>>>,
    name: Option<At<String>>,
    project: Option<ProjectSpec>,
    expect: Option<(Span, Expect)>,
    cases: Option<(Span, Vec<Case>)>,
}

#[derive(Default)]
struct Reader {
    errors: Vec<TestError>,
}

impl Reader {
    fn file(&mut self, source: &SourceFile) -> (Vec<At<String>>, Vec<Case>) {
        let root = match DeTable::parse(source.text()) {
            Ok(root) => root,
            Err(error) => {
                self.errors.push(syntax(&error, source.text()));
                return (Vec::new(), Vec::new());
            }
        };
        let mut top = self.top(root.into_inner());
        let start = Span::new(0, 0);
        let rulesets = top.rulesets.take().unwrap_or_else(|| {
            self.errors.push(TestError::MissingKey {
                key: "ruleset",
                owner: "the test file".to_owned(),
                span: start,
                help: "name the ruleset the cases run against, relative to this file: `ruleset = \"../../2023.rules\"`".to_owned(),
            });
            Vec::new()
        });
        let cases = self.shape(top, source);
        self.unique_names(&cases);
        (rulesets, cases)
    }

    fn top(&mut self, root: DeTable<'_>) -> Top {
        let mut top = Top::default();
        for (key, span, value) in entries(root) {
            match key.as_str() {
                "ruleset" => top.rulesets = self.rulesets(value),
                "name" => top.name = self.text(&key, value),
                "project" => top.project = self.project(value),
                "expect" => top.expect = Some((span, self.expect(value))),
                "case" => top.cases = Some((span, self.cases(value))),
                _ => self.unknown(&key, span, "the test file", TOP_KEYS),
            }
        }
        top
    }

    /// The cases of a file: one (`[expect]` at the top) or several (`[[case]]`).
    fn shape(&mut self, top: Top, source: &SourceFile) -> Vec<Case> {
        let start = Span::new(0, 0);
        match (top.expect, top.cases) {
            (Some(_), Some((span, _))) => {
                self.conflict(
                    "case",
                    "expect",
                    span,
                    "a file is one case (`[expect]` at the top) or several (`[[case]]`, each with its `[case.expect]`): move the top-level expectations into a `[[case]]`",
                );
                Vec::new()
            }
            (None, None) => {
                self.errors.push(TestError::NoCase { span: start });
                Vec::new()
            }
            (Some((_, expect)), None) => {
                let name = top.name.map_or_else(|| stem(source.name()), |n| n.value);
                let Some(project) = top.project else {
                    self.missing_project("the test file".to_owned(), start);
                    return Vec::new();
                };
                vec![Case {
                    name,
                    span: start,
                    project,
                    expect,
                }]
            }
            (None, Some((_, cases))) => {
                if let Some(name) = top.name {
                    self.conflict(
                        "name",
                        "case",
                        name.span,
                        "each `[[case]]` has its own `name`; the file is named by its path",
                    );
                }
                self.defaults(cases, top.project.as_ref())
            }
        }
    }

    /// Gives each case without a project the file's, and lays a case's inline sections
    /// over the file's inline project.
    fn defaults(&mut self, cases: Vec<Case>, base: Option<&ProjectSpec>) -> Vec<Case> {
        let mut complete = Vec::with_capacity(cases.len());
        for mut case in cases {
            case.project = match (case.project, base) {
                (ProjectSpec::Inline(own), Some(ProjectSpec::Inline(base))) => {
                    ProjectSpec::Inline(Inline {
                        root: over(&base.root, own.root),
                    })
                }
                (ProjectSpec::Inline(Inline { root }), _) if is_placeholder(&root) => match base {
                    Some(base) => base.clone(),
                    None => {
                        self.missing_project(format!("case `{}`", case.name), case.span);
                        continue;
                    }
                },
                (own, _) => own,
            };
            complete.push(case);
        }
        complete
    }

    fn missing_project(&mut self, owner: String, span: Span) {
        self.errors.push(TestError::MissingKey {
            key: "project",
            owner,
            span,
            help: "name a project file relative to this file (`project = \"../../examples/seed.toml\"`), or write the form's sections in a `[project]` table (`[case.project]` in a case)".to_owned(),
        });
    }

    fn unique_names(&mut self, cases: &[Case]) {
        for (i, case) in cases.iter().enumerate() {
            let earlier = cases.iter().take(i).find(|c| c.name == case.name);
            if let Some(first) = earlier {
                self.errors.push(TestError::DuplicateCase {
                    name: case.name.clone(),
                    span: case.span,
                    first: first.span,
                });
            }
        }
    }

    fn rulesets(&mut self, value: Spanned<DeValue<'_>>) -> Option<Vec<At<String>>> {
        let span = span_of(&value);
        match value.into_inner() {
            DeValue::String(path) => Some(vec![At {
                value: path.into_owned(),
                span,
            }]),
            DeValue::Array(items) => {
                if items.is_empty() {
                    self.invalid(
                        "ruleset",
                        "[]",
                        "no ruleset to run the cases against",
                        span,
                        "name one or more rulesets: `ruleset = [\"../../2023.rules\"]`",
                    );
                }
                Some(
                    items
                        .into_iter()
                        .filter_map(|item| self.text("ruleset", item))
                        .collect(),
                )
            }
            other => {
                self.wrong_type("ruleset", "a path or a list of paths", &other, span,
                    "`ruleset = \"../../2023.rules\"`, or `ruleset = [\"../../2023.rules\", \"../../2023.zh.rules\"]` to run every case against both");
                None
            }
        }
    }

    fn project(&mut self, value: Spanned<DeValue<'_>>) -> Option<ProjectSpec> {
        let span = span_of(&value);
        match value.into_inner() {
            DeValue::String(path) => Some(ProjectSpec::File(At {
                value: path.into_owned(),
                span,
            })),
            table @ DeValue::Table(_) => {
                match crate::data::toml_value(Spanned::new(
                    span.start as usize..span.end as usize,
                    table,
                )) {
                    Ok(root) => Some(ProjectSpec::Inline(Inline { root })),
                    Err(error) => {
                        // Only nesting deeper than a form can refuses a TOML table here,
                        // and the TOML reader stops long before.
                        self.errors.push(TestError::Syntax {
                            span,
                            reason: error.to_string(),
                        });
                        None
                    }
                }
            }
            other => {
                self.wrong_type(
                    "project",
                    "a path or a table of the form's sections",
                    &other,
                    span,
                    "`project = \"../../examples/seed.toml\"`, or a `[project]` table holding `[project.budget]`, `[[project.indicators]]` …",
                );
                None
            }
        }
    }

    fn cases(&mut self, value: Spanned<DeValue<'_>>) -> Vec<Case> {
        let span = span_of(&value);
        let DeValue::Array(items) = value.into_inner() else {
            self.errors.push(TestError::WrongType {
                key: "case".to_owned(),
                expected: "a list of tables",
                found: "a single value",
                span,
                help: "write each case as a `[[case]]` table".to_owned(),
            });
            return Vec::new();
        };
        let mut cases = Vec::new();
        for (n, item) in items.into_iter().enumerate() {
            if let Some(case) = self.case(n + 1, item) {
                cases.push(case);
            }
        }
        cases
    }

    fn case(&mut self, number: usize, value: Spanned<DeValue<'_>>) -> Option<Case> {
        let span = span_of(&value);
        let entries = self.table("case", value)?;
        let mut name = None;
        let mut project = None;
        let mut expect = None;
        for (key, key_span, value) in entries {
            match key.as_str() {
                "name" => name = self.text(&key, value),
                "project" => project = self.project(value),
                "expect" => expect = Some(self.expect(value)),
                _ => self.unknown(&key, key_span, "a case", CASE_KEYS),
            }
        }
        // A case is pointed at by its name, where it has one.
        let span = name.as_ref().map_or(name_span(span), |n| n.span);
        let name = name.map_or_else(|| format!("case {number}"), |n| n.value);
        let Some(expect) = expect else {
            self.errors.push(TestError::MissingKey {
                key: "expect",
                owner: format!("case `{name}`"),
                span,
                help: "add a `[case.expect]` table with what the project should give, such as `total = \"80.00\"`".to_owned(),
            });
            return None;
        };
        Some(Case {
            name,
            span,
            // A case without a project of its own takes the file's; see `defaults`.
            project: project.unwrap_or_else(placeholder),
            expect,
        })
    }

    fn expect(&mut self, value: Spanned<DeValue<'_>>) -> Expect {
        let mut expect = Expect::default();
        let Some(entries) = self.table("expect", value) else {
            return expect;
        };
        let mut include_span = None;
        for (key, key_span, value) in entries {
            match key.as_str() {
                "total" => expect.total = self.decimal(&key, value),
                "rating" => expect.rating = self.text(&key, value),
                "lines" => expect.lines = self.lines(value),
                "findings" => expect.findings = self.codes(&key, value),
                "findings_include" => {
                    include_span = Some(key_span);
                    expect.findings_include =
                        self.codes(&key, value).map(|c| c.value).unwrap_or_default();
                }
                "findings_exclude" => {
                    expect.findings_exclude =
                        self.codes(&key, value).map(|c| c.value).unwrap_or_default();
                }
                "exit" => expect.exit = self.exit(value),
                "error" => expect.error = self.text(&key, value),
                "indicators" => expect.indicators = self.indicators(value),
                _ => self.unknown(&key, key_span, "the expectations", EXPECT_KEYS),
            }
        }
        if let (Some(_), Some(span)) = (&expect.findings, include_span) {
            self.conflict(
                "findings_include",
                "findings",
                span,
                "`findings` lists every code raised; `findings_include` only some: keep one",
            );
        }
        if let (Some(error), Some(exit)) = (&expect.error, &expect.exit)
            && exit.value != 2
        {
            self.conflict(
                "error",
                "exit",
                error.span,
                "an `error` is expected of a project that cannot be evaluated, whose exit status is 2",
            );
        }
        expect
    }

    fn lines(&mut self, value: Spanned<DeValue<'_>>) -> Vec<(At<String>, At<Decimal>)> {
        let Some(entries) = self.table("lines", value) else {
            return Vec::new();
        };
        entries
            .into_iter()
            .filter_map(|(key, span, value)| {
                let score = self.decimal(&key, value)?;
                Some((At { value: key, span }, score))
            })
            .collect()
    }

    fn indicators(&mut self, value: Spanned<DeValue<'_>>) -> Vec<IndicatorExpect> {
        let span = span_of(&value);
        let DeValue::Array(items) = value.into_inner() else {
            self.errors.push(TestError::WrongType {
                key: "indicators".to_owned(),
                expected: "a list of tables",
                found: "a single value",
                span,
                help: "write each indicator as a `[[expect.indicators]]` table (`[[case.expect.indicators]]` in a case)".to_owned(),
            });
            return Vec::new();
        };
        items
            .into_iter()
            .filter_map(|item| self.indicator(item))
            .collect()
    }

    fn indicator(&mut self, value: Spanned<DeValue<'_>>) -> Option<IndicatorExpect> {
        let span = name_span(span_of(&value));
        let entries = self.table("indicators", value)?;
        let mut expect = IndicatorExpect {
            span,
            ..IndicatorExpect::default()
        };
        // Whether a row is picked, well or not: a bad `row` is its own error.
        let mut picked = false;
        for (key, key_span, value) in entries {
            picked |= key == "name" || key == "row";
            match key.as_str() {
                "name" => expect.name = self.text(&key, value),
                "row" => expect.row = self.row(value),
                "weight" => expect.weight = self.decimal(&key, value),
                "score" => expect.score = self.decimal(&key, value),
                "completion" => expect.completion = self.percent(&key, value),
                "grade" => expect.grade = self.text(&key, value),
                "missing" => expect.missing = self.flag(&key, value),
                "recognized" => expect.recognized = self.flag(&key, value),
                "findings" => expect.findings = self.codes(&key, value),
                _ => self.unknown(&key, key_span, "an indicator expectation", INDICATOR_KEYS),
            }
        }
        if !picked {
            self.errors.push(TestError::MissingKey {
                key: "name",
                owner: "an indicator expectation".to_owned(),
                span,
                help: "pick the row by its 指标名称 (`name = \"预算执行率\"`), or by its place in the table (`row = 3`)".to_owned(),
            });
            return None;
        }
        (expect.name.is_some() || expect.row.is_some()).then_some(expect)
    }

    fn table<'i>(&mut self, key: &str, value: Spanned<DeValue<'i>>) -> Option<Entries<'i>> {
        let span = span_of(&value);
        match value.into_inner() {
            DeValue::Table(table) => Some(entries(table)),
            other => {
                self.wrong_type(
                    key,
                    "a table",
                    &other,
                    span,
                    &format!("write `[{key}]` and its keys below it"),
                );
                None
            }
        }
    }

    fn text(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<At<String>> {
        let span = span_of(&value);
        match value.into_inner() {
            DeValue::String(text) => Some(At {
                value: text.into_owned(),
                span,
            }),
            other => {
                self.wrong_type(
                    key,
                    "a text",
                    &other,
                    span,
                    &format!("write it in quotes: `{key} = \"…\"`"),
                );
                None
            }
        }
    }

    fn flag(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<At<bool>> {
        let span = span_of(&value);
        match value.into_inner() {
            DeValue::Boolean(flag) => Some(At { value: flag, span }),
            other => {
                self.wrong_type(
                    key,
                    "true or false",
                    &other,
                    span,
                    &format!("`{key} = true`"),
                );
                None
            }
        }
    }

    fn codes(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<At<Vec<At<String>>>> {
        let span = span_of(&value);
        match value.into_inner() {
            DeValue::Array(items) => Some(At {
                value: items
                    .into_iter()
                    .filter_map(|item| self.text(key, item))
                    .collect(),
                span,
            }),
            other => {
                self.wrong_type(
                    key,
                    "a list of finding codes",
                    &other,
                    span,
                    &format!("`{key} = [\"score-mismatch\"]`, or `{key} = []` for none"),
                );
                None
            }
        }
    }

    /// A decimal, written as text (`"80.00"`) or as a whole number (`8`); never a float.
    fn decimal(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<At<Decimal>> {
        let span = span_of(&value);
        let (text, parsed) = match value.into_inner() {
            DeValue::String(text) => {
                let parsed = crate::data::read_decimal(text.trim()).ok();
                (text.into_owned(), parsed)
            }
            DeValue::Integer(integer) => {
                let text = integer.to_string();
                let parsed = crate::data::read_decimal(&text).ok();
                (text, parsed)
            }
            DeValue::Float(float) => {
                self.errors.push(TestError::Float {
                    key: key.to_owned(),
                    text: float.as_str().to_owned(),
                    span,
                });
                return None;
            }
            other => {
                self.wrong_type(
                    key,
                    "a decimal in quotes",
                    &other,
                    span,
                    &format!("`{key} = \"80.00\"`"),
                );
                return None;
            }
        };
        if parsed.is_none() {
            self.invalid(
                key,
                &text,
                "not a decimal",
                span,
                &format!("write a decimal such as `{key} = \"80.00\"`, with a point and no unit"),
            );
        }
        parsed.map(|value| At { value, span })
    }

    /// A completion, written as a percentage (`"97.5%"`): its percentage points.
    fn percent(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<At<Decimal>> {
        let span = span_of(&value);
        let help = format!("write the completion as a percentage: `{key} = \"97.5%\"`");
        let DeValue::String(text) = value.into_inner() else {
            self.invalid(
                key,
                "…",
                "a completion is a percentage in quotes",
                span,
                &help,
            );
            return None;
        };
        let points = text
            .trim()
            .strip_suffix('%')
            .and_then(|number| crate::data::read_decimal(number.trim()).ok());
        if points.is_none() {
            self.invalid(key, &text, "a completion is a percentage", span, &help);
        }
        points.map(|value| At { value, span })
    }

    fn exit(&mut self, value: Spanned<DeValue<'_>>) -> Option<At<u8>> {
        let span = span_of(&value);
        let help =
            "0 (no error finding), 1 (an error finding) or 2 (the project cannot be evaluated)";
        match value.into_inner() {
            DeValue::Integer(integer) => {
                let text = integer.to_string();
                let status = text.parse::<u8>().ok().filter(|s| *s <= 2);
                if status.is_none() {
                    self.invalid(
                        "exit",
                        &text,
                        "not an exit status of `perfeval check`",
                        span,
                        help,
                    );
                }
                status.map(|value| At { value, span })
            }
            other => {
                self.wrong_type("exit", "a whole number", &other, span, help);
                None
            }
        }
    }

    fn row(&mut self, value: Spanned<DeValue<'_>>) -> Option<At<usize>> {
        let span = span_of(&value);
        let help = "rows are counted from 1, in the order of the form's indicator table";
        match value.into_inner() {
            DeValue::Integer(integer) => {
                let text = integer.to_string();
                let row = text.parse::<usize>().ok().filter(|r| *r >= 1);
                if row.is_none() {
                    self.invalid("row", &text, "not a row of the table", span, help);
                }
                row.map(|value| At { value, span })
            }
            other => {
                self.wrong_type("row", "a whole number", &other, span, help);
                None
            }
        }
    }

    fn unknown(&mut self, key: &str, span: Span, owner: &'static str, known: &[&str]) {
        let help = crate::suggest::did_you_mean(key, known.iter().copied())
            .unwrap_or_else(|| format!("the keys here are {}", quoted(known)));
        self.errors.push(TestError::UnknownKey {
            key: key.to_owned(),
            owner,
            span,
            help,
        });
    }

    fn wrong_type(
        &mut self,
        key: &str,
        expected: &'static str,
        found: &DeValue<'_>,
        span: Span,
        help: &str,
    ) {
        if let DeValue::Float(float) = found {
            // A float is the likeliest slip, and has its own advice.
            self.errors.push(TestError::Float {
                key: key.to_owned(),
                text: float.as_str().to_owned(),
                span,
            });
            return;
        }
        self.errors.push(TestError::WrongType {
            key: key.to_owned(),
            expected,
            found: kind(found),
            span,
            help: help.to_owned(),
        });
    }

    fn invalid(&mut self, key: &str, text: &str, reason: &'static str, span: Span, help: &str) {
        self.errors.push(TestError::InvalidValue {
            key: key.to_owned(),
            text: text.to_owned(),
            reason,
            span,
            help: help.to_owned(),
        });
    }

    fn conflict(&mut self, key: &str, other: &str, span: Span, help: &str) {
        self.errors.push(TestError::Conflict {
            key: key.to_owned(),
            other: other.to_owned(),
            span,
            help: help.to_owned(),
        });
    }
}

/// The parser's error as a test error.
fn syntax(error: &toml::de::Error, text: &str) -> TestError {
    let span = error
        .span()
        .map_or_else(Span::default, |r| Span::new(r.start, r.end));
    TestError::Syntax {
        span: crate::data::tree::visible(text, span),
        reason: error.message().trim_end_matches('.').to_owned(),
    }
}

/// A table's entries in file order (the parser orders them by name).
fn entries(table: DeTable<'_>) -> Entries<'_> {
    let mut entries: Entries<'_> = table
        .into_iter()
        .map(|(key, value)| {
            let span = span_of(&key);
            (key.into_inner().into_owned(), span, value)
        })
        .collect();
    entries.sort_by_key(|(_, span, _)| span.start);
    entries
}

fn span_of<T>(spanned: &Spanned<T>) -> Span {
    let range = spanned.span();
    Span::new(range.start, range.end)
}

/// A table's span reduced to its first line, for labels on a whole case.
fn name_span(span: Span) -> Span {
    Span::new(span.start as usize, span.start as usize)
}

/// What a value is, in words.
fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of a file's one case: its file name without `.test.toml`.
fn stem(name: &str) -> String {
    let file = std::path::Path::new(name)
        .file_name()
        .map_or_else(|| name.to_owned(), |f| f.to_string_lossy().into_owned());
    // Test files are found whatever the case of their ending (`种子.TEST.toml`).
    let end = file.len().checked_sub(SUFFIX.len()).filter(|&end| {
        file.get(end..)
            .is_some_and(|ending| ending.eq_ignore_ascii_case(SUFFIX))
    });
    end.and_then(|end| file.get(..end))
        .map_or_else(|| file.clone(), str::to_owned)
}

/// The project of a case that names none, until the file's is known.
fn placeholder() -> ProjectSpec {
    ProjectSpec::Inline(Inline {
        root: Node::new(Kind::Null, Span::default()),
    })
}

fn is_placeholder(root: &Node) -> bool {
    root.kind == Kind::Null
}

/// A case's inline sections laid over the file's: each section the case writes
/// replaces the file's section of that key whole; the others are kept.
fn over(base: &Node, own: Node) -> Node {
    let (Kind::Table(base_entries), Kind::Table(own_entries)) = (&base.kind, own.kind) else {
        return base.clone();
    };
    let mut merged = base_entries.clone();
    for entry in own_entries {
        match merged.iter_mut().find(|e| e.key == entry.key) {
            Some(slot) => *slot = entry,
            None => merged.push(entry),
        }
    }
    Node::new(Kind::Table(merged), own.span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stem_names_a_single_case() {
        assert_eq!(stem("rulesets/tests/2023/seed.test.toml"), "seed");
        assert_eq!(stem("seed.toml"), "seed.toml");
        assert_eq!(stem("种子.TEST.toml"), "种子");
    }
}
