//! A case's evaluation against its expectations: every [`Mismatch`], none where the
//! case passes.
//!
//! Decimals are compared as decimals (`9.2` is `9.20`); names of indicators as forms
//! are compared (full-width forms folded, spaces removed). Only what the case states is
//! compared.

use std::collections::{BTreeSet, HashMap};

use rust_decimal::{Decimal, RoundingStrategy};

use super::{At, Expect, IndicatorExpect, Inline, TestFile};
use crate::compile::Plan;
use crate::data::DataFailure;
use crate::data::project::Project;
use crate::eval::outcome::{IndicatorOutcome, Outcome};
use crate::finding::{ENGINE_FINDINGS, Finding};
use crate::i18n::t;
use crate::source::Span;
use crate::text::normalize;

/// What came of a case's project.
#[derive(Debug)]
pub enum Evaluation {
    /// It was evaluated.
    Evaluated(Outcome),
    /// It could not be read or evaluated.
    Failed {
        /// The diagnostic's code, where it has one (`perfeval::data::unknown_key`).
        code: Option<String>,
        /// The diagnostic, rendered without colour.
        rendered: String,
    },
}

impl Evaluation {
    /// The evaluation of a project that could not be read or evaluated.
    #[must_use]
    pub fn failed(error: &dyn miette::Diagnostic) -> Evaluation {
        // A project file's problems come together under one diagnostic with no code of
        // its own; the first problem's code is the one a case names.
        let code = error
            .code()
            .or_else(|| error.related()?.next()?.code())
            .map(|c| c.to_string());
        Evaluation::Failed {
            code,
            rendered: crate::report::diagnostic::render(error, false, 100),
        }
    }

    /// The exit status `perfeval check` gives this project alone.
    #[must_use]
    pub fn exit(&self) -> u8 {
        match self {
            Evaluation::Evaluated(outcome) if outcome.has_errors() => 1,
            Evaluation::Evaluated(_) => 0,
            Evaluation::Failed { .. } => 2,
        }
    }
}

/// One way an evaluation differs from what its case expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// A value: the total, a rating, a line, the exit status, an indicator's weight …
    Value {
        /// What it is, in words (`total`, `「预算执行率」 score`).
        what: String,
        /// As expected.
        expected: String,
        /// As computed.
        actual: String,
        /// The expectation.
        at: Span,
    },
    /// Finding codes.
    Findings {
        /// Whose findings (`findings`, `「预算执行率」 findings`).
        what: String,
        /// Codes expected and not raised.
        missing: Vec<String>,
        /// Findings raised and not expected: code and message.
        unexpected: Vec<(String, String)>,
        /// The expectation.
        at: Span,
    },
    /// A finding code no rule of the ruleset raises, nor the engine: a slip, which
    /// `findings_exclude` would otherwise let pass for ever.
    UnknownCode {
        /// The code as written.
        code: String,
        /// The nearest code the ruleset knows, if one is near.
        help: Option<String>,
        /// Where it is written.
        at: Span,
    },
    /// An indicator expectation that picks no row, or several.
    NoRow {
        /// Why, in words.
        reason: String,
        /// The expectation.
        at: Span,
    },
    /// The project could not be read or evaluated, and the case expects it could.
    NotEvaluated {
        /// The diagnostic, rendered.
        rendered: String,
    },
}

/// The project a case writes in its test file, read against the ruleset's form. Its
/// findings and errors point into the test file.
///
/// # Errors
///
/// Every problem of the project, as a project file's.
pub fn inline_project(
    file: &TestFile,
    inline: &Inline,
    plan: &Plan,
) -> Result<Project, DataFailure> {
    crate::data::load_tree(file.source.clone(), inline.root.clone(), &plan.form)
}

/// Every way an evaluation differs from what a case expects; `plan` is the ruleset's,
/// whose finding codes the case may name.
#[must_use]
pub fn compare(expect: &Expect, evaluation: &Evaluation, plan: &Plan) -> Vec<Mismatch> {
    let mut mismatches = unknown_codes(expect, plan);
    if let Some(exit) = &expect.exit
        && exit.value != evaluation.exit()
    {
        mismatches.push(value(
            &t!(TEST_WHAT_EXIT),
            exit.value,
            evaluation.exit(),
            exit.span,
        ));
    }
    match evaluation {
        Evaluation::Failed { code, rendered } => {
            failed(expect, code.as_deref(), rendered, &mut mismatches);
        }
        Evaluation::Evaluated(outcome) => {
            if let Some(error) = &expect.error {
                mismatches.push(value("error", &error.value, t!(TEST_EVALUATED), error.span));
            }
            evaluated(expect, outcome, &mut mismatches);
        }
    }
    // In the order the test file states them, as a reader goes down it.
    mismatches.sort_by_key(Mismatch::at);
    mismatches
}

impl Mismatch {
    /// Where the expectation is; the start of the file for a project that was not
    /// evaluated.
    fn at(&self) -> u32 {
        match self {
            Mismatch::Value { at, .. }
            | Mismatch::Findings { at, .. }
            | Mismatch::NoRow { at, .. }
            | Mismatch::UnknownCode { at, .. } => at.start,
            Mismatch::NotEvaluated { .. } => 0,
        }
    }
}

fn failed(expect: &Expect, code: Option<&str>, rendered: &str, out: &mut Vec<Mismatch>) {
    let expects_failure =
        expect.error.is_some() || expect.exit.as_ref().is_some_and(|e| e.value == 2);
    if !expects_failure {
        out.push(Mismatch::NotEvaluated {
            rendered: rendered.to_owned(),
        });
        return;
    }
    if let Some(error) = &expect.error
        && Some(error.value.as_str()) != code
    {
        out.push(value(
            "error",
            &error.value,
            code.map_or_else(|| t!(TEST_NO_CODE), str::to_owned),
            error.span,
        ));
    }
}

fn evaluated(expect: &Expect, outcome: &Outcome, out: &mut Vec<Mismatch>) {
    if let Some(total) = &expect.total {
        decimal("total", total, Some(outcome.total), out);
    }
    if let Some(rating) = &expect.rating
        && outcome.rating.as_deref() != Some(rating.value.as_str())
    {
        out.push(value(
            "rating",
            &rating.value,
            shown(outcome.rating.as_deref()),
            rating.span,
        ));
    }
    for (key, score) in &expect.lines {
        let actual = outcome.lines.iter().find(|l| l.0 == key.value).map(|l| l.2);
        decimal(&format!("line `{}`", key.value), score, actual, out);
    }
    findings(expect, &outcome.findings, out);
    if !expect.indicators.is_empty() {
        let index = RowIndex::of(outcome);
        for row in &expect.indicators {
            indicator(row, outcome, &index, out);
        }
    }
}

/// An outcome's rows by normalized name and its findings by indicator, made once for a
/// case's indicator expectations: each looked up, not searched for among every row
/// (20,000 expectations by name took 12 seconds).
struct RowIndex<'o> {
    by_name: HashMap<String, Vec<usize>>,
    findings: HashMap<&'o str, Vec<&'o Finding>>,
}

impl<'o> RowIndex<'o> {
    fn of(outcome: &'o Outcome) -> Self {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, row) in outcome.indicators.iter().enumerate() {
            by_name.entry(normalize(&row.name)).or_default().push(i);
        }
        let mut findings: HashMap<&str, Vec<&Finding>> = HashMap::new();
        for finding in &outcome.findings {
            if let Some(name) = finding.indicator.as_deref() {
                findings.entry(name).or_default().push(finding);
            }
        }
        RowIndex { by_name, findings }
    }
}

/// The codes a case names that neither the ruleset's rules nor the engine raise.
fn unknown_codes(expect: &Expect, plan: &Plan) -> Vec<Mismatch> {
    let mut known: BTreeSet<&str> = plan
        .checks
        .iter()
        .map(|c| &c.finding)
        .chain(plan.discards.iter().map(|d| &d.finding))
        .chain(plan.adjustments.iter().map(|a| &a.finding))
        .map(|f| f.code.as_str())
        .collect();
    known.extend(
        ENGINE_FINDINGS
            .iter()
            .map(|f| plan.reported_code(f.code.as_str())),
    );
    let lists = expect
        .findings
        .iter()
        .flat_map(|f| &f.value)
        .chain(&expect.findings_include)
        .chain(&expect.findings_exclude)
        .chain(
            expect
                .indicators
                .iter()
                .flat_map(|i| i.findings.iter().flat_map(|f| &f.value)),
        );
    lists
        .filter(|code| !known.contains(code.value.as_str()))
        .map(|code| Mismatch::UnknownCode {
            code: code.value.clone(),
            help: crate::suggest::did_you_mean(&code.value, known.iter().copied()),
            at: code.span,
        })
        .collect()
}

/// The project's finding codes: exactly, included, excluded.
fn findings(expect: &Expect, raised: &[Finding], out: &mut Vec<Mismatch>) {
    let codes: BTreeSet<&str> = raised.iter().map(|f| f.code.as_str()).collect();
    if let Some(exact) = &expect.findings {
        codes_differ("findings", &exact.value, raised, exact.span, out);
    }
    let missing: Vec<String> = expect
        .findings_include
        .iter()
        .filter(|c| !codes.contains(c.value.as_str()))
        .map(|c| c.value.clone())
        .collect();
    let excluded: BTreeSet<&str> = expect
        .findings_exclude
        .iter()
        .map(|c| c.value.as_str())
        .filter(|c| codes.contains(c))
        .collect();
    // Each list's difference is told at the list, which is where it would be put right.
    let first = |list: &[At<String>]| list.first().map_or_else(Span::default, |c| c.span);
    if !missing.is_empty() {
        out.push(Mismatch::Findings {
            what: "findings".to_owned(),
            missing,
            unexpected: Vec::new(),
            at: first(&expect.findings_include),
        });
    }
    if !excluded.is_empty() {
        out.push(Mismatch::Findings {
            what: "findings".to_owned(),
            missing: Vec::new(),
            unexpected: first_of(raised, &excluded),
            at: first(&expect.findings_exclude),
        });
    }
}

/// Compares the codes raised with the codes expected, each code once.
fn codes_differ(
    what: &str,
    expected: &[At<String>],
    raised: &[Finding],
    at: Span,
    out: &mut Vec<Mismatch>,
) {
    let wanted: BTreeSet<&str> = expected.iter().map(|c| c.value.as_str()).collect();
    let codes: BTreeSet<&str> = raised.iter().map(|f| f.code.as_str()).collect();
    let missing: Vec<String> = wanted.difference(&codes).map(|c| (*c).to_owned()).collect();
    let extra: BTreeSet<&str> = codes.difference(&wanted).copied().collect();
    if !missing.is_empty() || !extra.is_empty() {
        out.push(Mismatch::Findings {
            what: what.to_owned(),
            missing,
            unexpected: first_of(raised, &extra),
            at,
        });
    }
}

/// The first finding of each code, in the order raised.
fn first_of(raised: &[Finding], codes: &BTreeSet<&str>) -> Vec<(String, String)> {
    let mut seen = BTreeSet::new();
    raised
        .iter()
        .filter(|f| codes.contains(f.code.as_str()) && seen.insert(f.code.as_str()))
        .map(|f| (f.code.clone(), f.message.clone()))
        .collect()
}

fn indicator(
    expect: &IndicatorExpect,
    outcome: &Outcome,
    index: &RowIndex<'_>,
    out: &mut Vec<Mismatch>,
) {
    let (row, name) = match pick(expect, &outcome.indicators, index) {
        Ok(picked) => picked,
        Err(reason) => {
            out.push(Mismatch::NoRow {
                reason,
                at: expect.span,
            });
            return;
        }
    };
    let state = &row.state;
    let what = |field: &str| format!("「{name}」 {field}");
    if let Some(weight) = &expect.weight {
        decimal(&what("weight"), weight, state.expected_weight, out);
    }
    if let Some(score) = &expect.score {
        decimal(&what("score"), score, Some(state.score), out);
    }
    if let Some(completion) = &expect.completion {
        // A completion often has endless decimals (95% of 90%): it is compared to as
        // many decimals as the case writes.
        let places = completion.value.scale();
        let actual = state.completion.and_then(|c| {
            c.checked_mul(Decimal::ONE_HUNDRED)
                .map(|p| p.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero))
        });
        if actual != Some(completion.value) {
            out.push(value(
                &what("completion"),
                format!("{}%", completion.value),
                actual.map_or_else(|| shown(None).to_owned(), |a| format!("{a}%")),
                completion.span,
            ));
        }
    }
    if let Some(grade) = &expect.grade
        && state.grade.as_deref() != Some(grade.value.as_str())
    {
        out.push(value(
            &what("grade"),
            &grade.value,
            shown(state.grade.as_deref()),
            grade.span,
        ));
    }
    flag(
        &what("missing"),
        expect.missing.as_ref(),
        state.missing,
        out,
    );
    flag(
        &what("recognized"),
        expect.recognized.as_ref(),
        state.recognized,
        out,
    );
    if let Some(codes) = &expect.findings {
        let about: Vec<Finding> = (index.findings.get(row.name.as_str()))
            .into_iter()
            .flatten()
            .map(|f| (*f).clone())
            .collect();
        codes_differ(&what("findings"), &codes.value, &about, codes.span, out);
    }
}

/// The row an expectation picks, with the name to call it by.
fn pick<'o>(
    expect: &IndicatorExpect,
    rows: &'o [IndicatorOutcome],
    index: &RowIndex<'_>,
) -> Result<(&'o IndicatorOutcome, String), String> {
    if let Some(row) = &expect.row {
        let found = row.value.checked_sub(1).and_then(|i| rows.get(i));
        let Some(found) = found else {
            return Err(t!(
                TEST_ROW_NOT_IN_TABLE,
                row = row.value,
                rows = rows.len()
            ));
        };
        if let Some(name) = &expect.name
            && normalize(&name.value) != normalize(&found.name)
        {
            return Err(t!(
                TEST_ROW_IS_OTHER,
                row = row.value,
                found = found.name,
                name = name.value
            ));
        }
        return Ok((
            found,
            t!(TEST_ROW_NAMED, name = found.name, row = row.value),
        ));
    }
    let name = expect.name.as_ref().map_or("", |n| n.value.as_str());
    let named: Vec<(usize, &IndicatorOutcome)> = (index.by_name.get(&normalize(name)))
        .into_iter()
        .flatten()
        .filter_map(|&i| rows.get(i).map(|r| (i, r)))
        .collect();
    match named.as_slice() {
        [(_, row)] => Ok((row, row.name.to_string())),
        [] => Err(t!(TEST_NO_ROW_NAMED, name)),
        several => {
            let places: Vec<String> = several.iter().map(|(i, _)| (i + 1).to_string()).collect();
            Err(t!(
                TEST_ROWS_NAMED,
                name,
                rows = places.join(&t!(LIST_COMMA)),
                row = places.first().map_or("1", String::as_str)
            ))
        }
    }
}

fn decimal(what: &str, expected: &At<Decimal>, actual: Option<Decimal>, out: &mut Vec<Mismatch>) {
    // Decimals compare by value: 9.2 is 9.20.
    if actual != Some(expected.value) {
        out.push(value(
            what,
            expected.value,
            actual.map_or_else(|| shown(None).to_owned(), |a| a.to_string()),
            expected.span,
        ));
    }
}

fn flag(what: &str, expected: Option<&At<bool>>, actual: bool, out: &mut Vec<Mismatch>) {
    if let Some(expected) = expected
        && expected.value != actual
    {
        out.push(value(what, expected.value, actual, expected.span));
    }
}

fn value(what: &str, expected: impl ToString, actual: impl ToString, at: Span) -> Mismatch {
    Mismatch::Value {
        what: what.to_owned(),
        expected: expected.to_string(),
        actual: actual.to_string(),
        at,
    }
}

/// A value that may be absent, as messages show it.
fn shown(value: Option<&str>) -> &str {
    value.unwrap_or("（无）")
}
