//! Property 3: deterministic, alike in every format, and unchanged by spelling.

use super::*;

// ── 3. Deterministic, and alike in every format ─────────────────────────────

/// What loading and evaluating a form gives: the data error codes, the evaluation
/// error, or what the outcome means.
fn result(
    plan: &Plan,
    form: &Form,
    format: Format,
    style: Style,
) -> Result<Result<String, String>, String> {
    let project = load_styled(plan, form, format, style)?;
    Ok(match perfeval::evaluate(plan, &project) {
        Ok(outcome) => Ok(meaning(plan, &outcome)),
        Err(e) => Err(format!(
            "{:?}: {e}",
            miette::Diagnostic::code(&e).map(|c| c.to_string())
        )),
    })
}

/// The first line where two texts differ, in each.
fn first_difference(a: &str, b: &str) -> String {
    let (mut a_lines, mut b_lines) = (a.split("\\n"), b.split("\\n"));
    loop {
        match (a_lines.next(), b_lines.next()) {
            (Some(x), Some(y)) if x == y => {}
            (None, None) => return "no difference".to_owned(),
            (x, y) => return format!("`{}` against `{}`", x.unwrap_or(""), y.unwrap_or("")),
        }
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// The same form evaluated twice, with plans compiled apart, gives the same JSON
    /// document and the same text report, byte for byte.
    #[test]
    fn evaluating_twice_gives_the_same_bytes(form in any_form(false)) {
        let (plan, again) = (form.plan(), form.plan_again());
        let form = form.form();
        let first = outcome(plan, &form, Format::Toml);
        let second = outcome(again, &form, Format::Toml);
        for (a, b) in [
            (json_doc(plan, &first), json_doc(again, &second)),
            (crate::eval::report(&first), crate::eval::report(&second)),
        ] {
            prop_assert!(a == b, "{}\n{}", first_difference(&a, &b), form.render(Format::Toml));
        }
    }
}

proptest! {
    #![proptest_config(config(24))]

    /// A form reads the same from TOML, JSON and YAML: the same data errors, the same
    /// evaluation error, or the same scores and findings at the same values.
    #[test]
    fn toml_json_and_yaml_give_the_same_outcome(
        form in prop_oneof![3 => any_form(false), 1 => any_form(true)],
        (crlf, bom) in (sometimes(20), sometimes(10)),
    ) {
        let plan = form.plan();
        let form = form.form();
        let plain = Style::default();
        let toml = result(plan, &form, Format::Toml, plain);
        for format in FORMATS {
            for alt in [false, true] {
                let style = Style { alt, crlf, bom };
                let other = result(plan, &form, format, style);
                prop_assert!(
                    toml == other,
                    "TOML and {format:?} ({style:?}) differ: {}\n{}\n{}",
                    first_difference(&format!("{toml:?}"), &format!("{other:?}")),
                    form.render(Format::Toml),
                    form.render_styled(format, style)
                );
            }
        }
    }
}

// ── 3b. Spelling and rows the policy does not know change nothing ──────────────

/// A text typed another way that means the same (规格 §2, language §5.1): every ASCII
/// character full-width, and a space (ASCII or ideographic) between every two
/// characters but those of a number.
fn respelled(text: &str, ideographic: bool) -> String {
    let space = if ideographic { '\u{3000}' } else { ' ' };
    // Inside a number a space ends it (`1 5个` is 1 with the unit `5个`): spaces go
    // around the parts, never between two of a number's characters.
    let numeric =
        |c: char| c.is_ascii_digit() || c == '.' || ('０'..='９').contains(&c) || c == '．';
    let mut out = String::new();
    let mut previous = None;
    for c in full_width(text).chars() {
        if previous.is_some_and(|p| !(numeric(p) && numeric(c))) {
            out.push(space);
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// The rows with their category labels, names, targets and actual values respelled.
fn respell(rows: &[Row], ideographic: bool) -> Vec<Row> {
    rows.iter()
        .map(|r| Row {
            category: respelled(&r.category, ideographic),
            name: respelled(&r.name, ideographic),
            target: respelled(&r.target, ideographic),
            actual: r.actual.as_deref().map(|a| respelled(a, ideographic)),
            ..r.clone()
        })
        .collect()
}

/// What an outcome computes, apart from the texts it quotes: each row's numbers and
/// grade, the total, and each finding's code and severity.
fn numbers(outcome: &Outcome) -> String {
    let mut out = String::new();
    for row in &outcome.indicators {
        let s = &row.state;
        writeln!(
            out,
            "{:?} {} {:?} {} {:?} {:?} {} {}",
            s.category,
            s.recognized,
            s.expected_weight,
            s.score,
            s.completion,
            s.grade,
            s.quantitative,
            s.missing
        )
        .unwrap();
    }
    writeln!(out, "total {} {:?}", outcome.total, outcome.lines).unwrap();
    for finding in &outcome.findings {
        writeln!(out, "{} {:?}", finding.code, finding.severity).unwrap();
    }
    out
}

/// The form of each ruleset with other rows.
fn with_rows(base: &Any, rows: Vec<Row>) -> Form {
    match base {
        Any::Suzhou(s) => Suzhou { rows, ..s.clone() }.form(),
        Any::Mof(m) => Mof { rows, ..m.clone() }.form(),
        Any::Bands(_) => bands_form(&rows),
    }
}

fn rows_of(base: &Any) -> &[Row] {
    match base {
        Any::Suzhou(s) => &s.rows,
        Any::Mof(m) => &m.rows,
        Any::Bands(rows) => rows,
    }
}

proptest! {
    #![proptest_config(config(32))]

    /// Full-width characters and spaces anywhere in category labels, names, targets and
    /// actual values change no score, completion, grade or finding.
    #[test]
    fn full_width_and_spaces_change_nothing(base in any_form(false), ideographic in any::<bool>()) {
        let plan = base.plan();
        let plain = with_rows(&base, rows_of(&base).to_vec());
        let typed = with_rows(&base, respell(rows_of(&base), ideographic));
        let (a, b) = (
            numbers(&outcome(plan, &plain, Format::Toml)),
            numbers(&outcome(plan, &typed, Format::Toml)),
        );
        prop_assert!(
            a == b,
            "{}\n{}\n{}",
            first_difference(&a, &b),
            plain.render(Format::Toml),
            typed.render(Format::Toml)
        );
    }

    /// A row whose category the ruleset does not know scores 0, takes no share of a
    /// pool and raises `unknown-category` and nothing else: the other rows, the total
    /// and the other findings stay as they were (规格 §10).
    #[test]
    fn a_row_of_an_unknown_category_changes_nothing_else(
        base in any_form(false),
        extra in row(one_of(&["其他目标", "成本指标", "未知"]), one_of(&OWN_NAMES), false),
        at in 0usize..40,
    ) {
        let plan = base.plan();
        let rows = rows_of(&base).to_vec();
        let at = at % (rows.len() + 1);
        let mut more = rows.clone();
        more.insert(at, Row { self_score: None, ..extra });
        let (before, after) = (
            outcome(plan, &with_rows(&base, rows), Format::Toml),
            outcome(plan, &with_rows(&base, more), Format::Toml),
        );
        let form = with_rows(&base, rows_of(&base).to_vec());
        let added = &after.indicators[at];
        prop_assert!(!added.state.recognized && added.state.score.is_zero());
        prop_assert_eq!(added.state.expected_weight, None);
        let mut others = after.indicators.clone();
        others.remove(at);
        prop_assert_eq!(&others, &before.indicators, "\n{}", form.render(Format::Toml));
        prop_assert_eq!(after.total, before.total);
        let codes = |o: &Outcome| {
            let mut codes: Vec<String> = o.findings.iter().map(|f| f.code.clone()).collect();
            codes.sort();
            codes
        };
        let mut expected = codes(&before);
        expected.push("unknown-category".to_owned());
        expected.sort();
        prop_assert_eq!(codes(&after), expected, "\n{}", form.render(Format::Toml));
    }
}
