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
use crate::i18n::{Msg, msg, t};
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
                owner: t!(TEST_OWNER_FILE),
                span: start,
                help: t!(TEST_HELP_RULESET),
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
                _ => self.unknown(&key, span, msg!(TEST_OWNER_FILE), TOP_KEYS),
            }
        }
        top
    }

    /// The cases of a file: one (`[expect]` at the top) or several (`[[case]]`).
    fn shape(&mut self, top: Top, source: &SourceFile) -> Vec<Case> {
        let start = Span::new(0, 0);
        match (top.expect, top.cases) {
            (Some(_), Some((span, _))) => {
                self.conflict("case", "expect", span, &t!(TEST_HELP_ONE_OR_MANY));
                Vec::new()
            }
            (None, None) => {
                self.errors.push(TestError::NoCase { span: start });
                Vec::new()
            }
            (Some((_, expect)), None) => {
                let name = top.name.map_or_else(|| stem(source.name()), |n| n.value);
                let Some(project) = top.project else {
                    self.missing_project(t!(TEST_OWNER_FILE), start);
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
                    self.conflict("name", "case", name.span, &t!(TEST_HELP_CASE_NAMES));
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
                        let name = &case.name;
                        self.missing_project(t!(TEST_OWNER_NAMED_CASE, name), case.span);
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
            help: t!(TEST_HELP_PROJECT),
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
                        msg!(TEST_REASON_NO_RULESET),
                        span,
                        &t!(TEST_HELP_RULESETS),
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
                self.wrong_type(
                    "ruleset",
                    msg!(TEST_KIND_PATHS),
                    &other,
                    span,
                    &t!(TEST_HELP_RULESET_FORM),
                );
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
                    msg!(TEST_KIND_PROJECT),
                    &other,
                    span,
                    &t!(TEST_HELP_PROJECT_FORM),
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
                expected: msg!(TEST_KIND_TABLES),
                found: msg!(TEST_KIND_SINGLE_VALUE),
                span,
                help: t!(TEST_HELP_CASES),
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
                _ => self.unknown(&key, key_span, msg!(TEST_OWNER_CASE), CASE_KEYS),
            }
        }
        // A case is pointed at by its name, where it has one.
        let span = name.as_ref().map_or(name_span(span), |n| n.span);
        let name = name.map_or_else(|| t!(TEST_CASE_NUMBER, number), |n| n.value);
        let Some(expect) = expect else {
            self.errors.push(TestError::MissingKey {
                key: "expect",
                owner: t!(TEST_OWNER_NAMED_CASE, name),
                span,
                help: t!(TEST_HELP_EXPECT),
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
        // The first expectation only an evaluated project can meet.
        let mut of_outcome: Option<(String, Span)> = None;
        for (key, key_span, value) in entries {
            if !matches!(key.as_str(), "exit" | "error") && of_outcome.is_none() {
                of_outcome = Some((key.clone(), key_span));
            }
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
                _ => self.unknown(&key, key_span, msg!(TEST_OWNER_EXPECT), EXPECT_KEYS),
            }
        }
        if let (Some(_), Some(span)) = (&expect.findings, include_span) {
            self.conflict(
                "findings_include",
                "findings",
                span,
                &t!(TEST_HELP_FINDINGS_OR_INCLUDE),
            );
        }
        if let (Some(error), Some(exit)) = (&expect.error, &expect.exit)
            && exit.value != 2
        {
            self.conflict("error", "exit", error.span, &t!(TEST_HELP_ERROR_EXIT));
        }
        // A case expecting the project to fail compares nothing else: its `total = "…"`
        // beside `exit = 2` passed, whatever it said.
        let failure = match (&expect.error, &expect.exit) {
            (Some(_), _) => Some("error"),
            (None, Some(exit)) if exit.value == 2 => Some("exit"),
            _ => None,
        };
        if let (Some(other), Some((key, span))) = (failure, &of_outcome) {
            self.conflict(key, other, *span, &t!(TEST_HELP_FAILURE_ALONE));
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
                expected: msg!(TEST_KIND_TABLES),
                found: msg!(TEST_KIND_SINGLE_VALUE),
                span,
                help: t!(TEST_HELP_INDICATORS),
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
                _ => self.unknown(&key, key_span, msg!(TEST_OWNER_INDICATOR), INDICATOR_KEYS),
            }
        }
        if !picked {
            self.errors.push(TestError::MissingKey {
                key: "name",
                owner: t!(TEST_OWNER_INDICATOR),
                span,
                help: t!(TEST_HELP_PICK_ROW),
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
                    msg!(TEST_KIND_TABLE),
                    &other,
                    span,
                    &t!(TEST_HELP_TABLE, key),
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
                    msg!(TEST_KIND_TEXT),
                    &other,
                    span,
                    &t!(TEST_HELP_TEXT, key),
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
                    msg!(TEST_KIND_BOOLEAN),
                    &other,
                    span,
                    &t!(TEST_HELP_FLAG, key),
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
                    msg!(TEST_KIND_CODES),
                    &other,
                    span,
                    &t!(TEST_HELP_CODES, key),
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
                    msg!(TEST_KIND_DECIMAL),
                    &other,
                    span,
                    &t!(TEST_HELP_DECIMAL_FORM, key),
                );
                return None;
            }
        };
        if parsed.is_none() {
            self.invalid(
                key,
                &text,
                msg!(TEST_REASON_NOT_DECIMAL),
                span,
                &t!(TEST_HELP_DECIMAL, key),
            );
        }
        parsed.map(|value| At { value, span })
    }

    /// A completion, written as a percentage (`"97.5%"`): its percentage points.
    fn percent(&mut self, key: &str, value: Spanned<DeValue<'_>>) -> Option<At<Decimal>> {
        let span = span_of(&value);
        let help = t!(TEST_HELP_PERCENT, key);
        let DeValue::String(text) = value.into_inner() else {
            self.invalid(key, "…", msg!(TEST_REASON_PERCENT_IN_QUOTES), span, &help);
            return None;
        };
        let points = text
            .trim()
            .strip_suffix('%')
            .and_then(|number| crate::data::read_decimal(number.trim()).ok());
        if points.is_none() {
            self.invalid(key, &text, msg!(TEST_REASON_PERCENT), span, &help);
        }
        points.map(|value| At { value, span })
    }

    fn exit(&mut self, value: Spanned<DeValue<'_>>) -> Option<At<u8>> {
        let span = span_of(&value);
        let help = &t!(TEST_HELP_EXIT);
        match value.into_inner() {
            DeValue::Integer(integer) => {
                let text = integer.to_string();
                let status = text.parse::<u8>().ok().filter(|s| *s <= 2);
                if status.is_none() {
                    self.invalid("exit", &text, msg!(TEST_REASON_EXIT), span, help);
                }
                status.map(|value| At { value, span })
            }
            other => {
                self.wrong_type("exit", msg!(TEST_KIND_WHOLE_NUMBER), &other, span, help);
                None
            }
        }
    }

    fn row(&mut self, value: Spanned<DeValue<'_>>) -> Option<At<usize>> {
        let span = span_of(&value);
        let help = &t!(TEST_HELP_ROW);
        match value.into_inner() {
            DeValue::Integer(integer) => {
                let text = integer.to_string();
                let row = text.parse::<usize>().ok().filter(|r| *r >= 1);
                if row.is_none() {
                    self.invalid("row", &text, msg!(TEST_REASON_ROW), span, help);
                }
                row.map(|value| At { value, span })
            }
            other => {
                self.wrong_type("row", msg!(TEST_KIND_WHOLE_NUMBER), &other, span, help);
                None
            }
        }
    }

    fn unknown(&mut self, key: &str, span: Span, owner: &'static Msg, known: &[&str]) {
        let help = crate::suggest::did_you_mean(key, known.iter().copied())
            .unwrap_or_else(|| t!(TEST_KEYS_ARE, list = quoted(known)));
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
        expected: &'static Msg,
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

    fn invalid(&mut self, key: &str, text: &str, reason: &'static Msg, span: Span, help: &str) {
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
        reason: crate::i18n::reader::toml(error.message().trim_end_matches('.')),
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
fn kind(value: &DeValue<'_>) -> &'static Msg {
    match value {
        DeValue::String(_) => msg!(TEST_KIND_TEXT),
        DeValue::Integer(_) => msg!(TEST_KIND_WHOLE_NUMBER),
        DeValue::Float(_) => msg!(TEST_KIND_FLOAT),
        DeValue::Boolean(_) => msg!(TEST_KIND_BOOLEAN),
        DeValue::Datetime(_) => msg!(TEST_KIND_DATE),
        DeValue::Array(_) => msg!(TEST_KIND_LIST),
        DeValue::Table(_) => msg!(TEST_KIND_TABLE),
    }
}

fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(&t!(LIST_COMMA))
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
