//! The pest grammar, and the words used for its rules in syntax errors.
//!
//! pest types stay inside `syntax`: nothing outside this module sees a `Rule` or a
//! `Pair`. This module turns pest's error into a [`ParseError`] that speaks in words
//! (`expected a name`), never in rule names, and adds help for likely slips.

use pest::error::{ErrorVariant, InputLocation};
use pest_derive::Parser;

use super::error::ParseError;
use super::keywords::{self, Keywords};
use crate::i18n::{Language, t};
use crate::source::Span;
use crate::suggest;

mod zh;

/// The generated parser for `grammar/perfeval.pest`.
#[derive(Parser)]
#[grammar = "grammar/perfeval.pest"]
pub(crate) struct Grammar;

impl Rule {
    /// Whether this is a keyword's rule (`kw_ruleset`, `kw_points`).
    pub(crate) fn is_keyword(self) -> bool {
        format!("{self:?}").starts_with("kw_")
    }

    /// How a syntax error names this rule, with keywords in `language`.
    pub(crate) fn describe(self, language: Keywords) -> String {
        match keywords::by_rule(&format!("{self:?}")) {
            Some(keyword) => format!("`{}`", keyword.spelling(language)),
            None if chinese() => keywords::translate_code(&zh::phrase(self.phrase()), language),
            None => keywords::translate_code(self.phrase(), language),
        }
    }

    /// How a syntax error names this rule in English; a keyword's words are in the
    /// keyword table.
    #[expect(clippy::too_many_lines, reason = "one arm per grammar rule, no logic")]
    fn phrase(self) -> &'static str {
        match self {
            Rule::EOI => "end of file",
            Rule::WHITESPACE => "whitespace",
            Rule::COMMENT => "a comment",
            Rule::doc_line => "a `///` doc comment",
            Rule::file_doc_line => "a `//!` file comment",
            Rule::ident | Rule::name | Rule::ident_start | Rule::ident_continue => "a name",
            Rule::code => "a finding code such as `budget-balance`",
            Rule::number => "a number",
            Rule::percent => "a percentage such as `5%`",
            Rule::points => "points such as `80 分`",
            Rule::amount => "an amount such as `100 万元`",
            Rule::date => "a date such as `2023-12-31`",
            Rule::string | Rule::string_inner | Rule::cn_string_inner => "a text in quotes",
            Rule::boolean => "`true` or `false`",
            Rule::override_item => "`override ITEM`",
            Rule::remove_item => "`remove ITEM`",
            Rule::rename_item => "`rename ITEM NAME to NAME`",
            Rule::coded_kind => "`check`, `discard` or `adjust`",
            Rule::named_kind => "`category`, `pool`, `class`, `line`, `indicator` or `let`",
            Rule::singleton_kind => {
                "`rating`, `rounding`, `completion`, `comparators`, `grades`, `missing` or `findings`"
            }
            Rule::remove_entry => "`remove NAME`",
            Rule::extends => "`extends \"FILE\"`",
            Rule::section_key => "a section key such as `budget` or `funds.appropriation`",
            Rule::score_rule => "`score FORMULA`",
            Rule::deduction => "`deduct RATE per STEP`",
            Rule::read_from => "`read_from FIELD, …`",
            Rule::check_body => "`{ CONDITION }`",
            Rule::adjust => "`adjust CODE total { … }`",
            Rule::adjust_target => "`total` or `score for ROWS`",
            Rule::rating => "`rating { … }`",
            Rule::rating_entry => "a grade such as `优 when total >= 90 分`",
            Rule::line => "`line KEY \"LABEL\" POINTS { score … }`",
            Rule::line_score => "`score FORMULA`",
            Rule::reserved => "a reserved word",
            Rule::severity => "a severity (`error`, `warning`, `info`)",
            Rule::rounding_mode => "a rounding mode such as `half_away_from_zero`",
            Rule::comparator => "a comparator (`=`, `>=`, `>`, `<=`, `<`)",
            Rule::ruleset => {
                "an item (`ruleset`, `form`, `category`, `pool`, `class`, `check`, ...)"
            }
            Rule::item | Rule::item_body => {
                "an item (`ruleset`, `form`, `category`, `pool`, `class`, `check`, ...)"
            }
            Rule::stray_doc => "a doc comment",
            Rule::header => "`ruleset \"name\" { ... }`",
            Rule::header_entry => "`version`, `fiscal_year`, `cutoff` or `max_score`",
            Rule::version => "`version \"...\"`",
            Rule::fiscal_year => "`fiscal_year YEAR`",
            Rule::cutoff => "`cutoff DATE`",
            Rule::max_score => "`max_score POINTS`",
            Rule::form => "`form { ... }`",
            Rule::form_section => "`section` or `rows`",
            Rule::optional_flag => "`optional`",
            Rule::form_field => "a field such as `paid: amount \"实际支付数\"`",
            Rule::category => "`category NAME { ... }`",
            Rule::category_entry => "`labels` or `scored_by`",
            Rule::pool_entry => "`categories` or `split`",
            Rule::class_entry => {
                "`labels`, `full`, `below`, `above`, `floor`, `cap`, `score` or `completion`"
            }
            Rule::entry_class => "`scored_by CLASS`",
            Rule::missing_entry => "`markers`, `unexplained` or `explained`",
            Rule::layout_entry => "`ignore` or `totals`",
            Rule::infix => "an operator",
            Rule::prefix => "`not` or `-`",
            Rule::postfix => "`.name` or `[condition]`",
            Rule::term => "a value",
            Rule::labels => "`labels \"...\"`",
            Rule::scored_by => "`scored_by CLASS`",
            Rule::pool => "`pool NAME POINTS { ... }`",
            Rule::pool_categories => "`categories ...`",
            Rule::split_fixed => "`split fixed { ... }`",
            Rule::catalog_category => "a category of the catalog: `决策 { ... }`",
            Rule::catalog_entry => "an indicator and its weight",
            Rule::split_evenly => "`split evenly`",
            Rule::share_rounding => "`share STEP MODE`",
            Rule::residual_rule => "`residual to ...`",
            Rule::residual_matching => "`matching else first`",
            Rule::split_declared => "`split declared`",
            Rule::class => "`class NAME { ... }`",
            Rule::full_band => "`full LOW to HIGH`",
            Rule::bracketed => "a range such as `[80%, 90%)`",
            Rule::range_open => "a range such as `[80%, 90%)`",
            Rule::range_close => "`]` or `)`",
            Rule::end_mark => "`inclusive` or `exclusive`",
            Rule::below_rule => "`below deduct RATE per STEP`",
            Rule::above_rule => "`above deduct RATE per STEP`",
            Rule::floor_rule => "`floor SHARE`",
            Rule::cap_rule => "`cap SHARE`",
            Rule::completion => "`completion { ... }`",
            Rule::completion_case => "comparators and `:` with a formula",
            Rule::comparators => "`comparators { ... }`",
            Rule::comparator_words => "a comparator with its words",
            Rule::words_before => "`before \"...\"`",
            Rule::words_after => "`after \"...\"`",
            Rule::grades => "`grades { ... }`",
            Rule::grade => "a grade such as `好 100%`",
            Rule::grade_aliases => "`also \"...\"`",
            Rule::target_grade => "`target counts_as GRADE`",
            Rule::missing => "`missing { ... }`",
            Rule::markers => "`markers \"...\"`",
            Rule::layout => "`layout { ... }`",
            Rule::ignore_words => "`ignore \"...\"`",
            Rule::total_words => "`totals \"...\"`",
            Rule::column_words => "`labels SECTION.FIELD \"...\"`",
            Rule::unexplained => "`unexplained scores SHARE`",
            Rule::explained => "`explained scores SHARE`",
            Rule::rounding => "`rounding STEP MODE`",
            Rule::discard => "`discard actual when ...`",
            Rule::check => "`check CODE SEVERITY { ... }`",
            Rule::check_rows => "`for ROWS`",
            Rule::check_when => "`when CONDITION`",
            Rule::check_message => "`message \"...\"`",
            Rule::check_at => "`at VALUE`",
            Rule::template => "a message in quotes",
            Rule::template_text => "message text",
            Rule::template_hole => "`{expression}`",
            Rule::findings => "`findings { ... }`",
            Rule::finding_severity => "a finding code and its severity",
            Rule::expr | Rule::expr_atom => "an expression",
            Rule::op_or => "`or`",
            Rule::op_and => "`and`",
            Rule::op_eq => "`==`",
            Rule::op_ne => "`!=`",
            Rule::op_le => "`<=`",
            Rule::op_ge => "`>=`",
            Rule::op_lt => "`<`",
            Rule::op_gt => "`>`",
            Rule::op_add => "`+`",
            Rule::op_sub => "`-`",
            Rule::op_mul => "`*`",
            Rule::op_div => "`/`",
            Rule::op_not => "`not`",
            Rule::op_neg => "`-`",
            Rule::member => "`.name`",
            Rule::filter => "`[condition]`",
            Rule::if_expr => "`if ... then ... else ...`",
            Rule::call => "a function call",
            Rule::paren => "`(`",
            Rule::outer_field => "`outer.NAME`",
            Rule::constant => "`let NAME = VALUE`",
            Rule::literal => "a value",
            // Every `kw_*` rule: `describe` names it from the keyword table.
            _ => "a keyword",
        }
    }

    /// Whether this rule is always possible after a number and never what an error is
    /// about: a unit word (`分`, `万元`), a range end's `inclusive` or `exclusive`.
    fn never_the_point(self) -> bool {
        matches!(
            self,
            Rule::kw_points
                | Rule::kw_amount_unit
                | Rule::end_mark
                | Rule::kw_inclusive
                | Rule::kw_exclusive
        )
    }

    /// Whether this rule is an operator, which errors list as one phrase.
    fn is_operator(self) -> bool {
        matches!(
            self,
            Rule::op_or
                | Rule::op_and
                | Rule::op_eq
                | Rule::op_ne
                | Rule::op_le
                | Rule::op_ge
                | Rule::op_lt
                | Rule::op_gt
                | Rule::op_add
                | Rule::op_sub
                | Rule::op_mul
                | Rule::op_div
                | Rule::member
                | Rule::filter
        )
    }
}

/// Turns pest's error into ours, with words instead of rule names and help for slips.
pub(crate) fn syntax_error(
    text: &str,
    error: &pest::error::Error<Rule>,
    base: usize,
) -> ParseError {
    let at = error_at(error).min(text.len());
    let rest = text.get(at..).unwrap_or("");
    // Named in the file's own keywords: a Chinese ruleset hears `至`, not `to`.
    let language = keywords::detect(text);
    let expected = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => expected_words(positives, language),
        // pest stops rather than exhaust the stack on very deep nesting.
        ErrorVariant::CustomError { message } if message.contains("stack limit") => {
            return ParseError::TooDeep {
                limit: None,
                span: Span::new(
                    base + at,
                    base + at + rest.chars().next().map_or(0, char::len_utf8),
                )
                .into(),
            };
        }
        ErrorVariant::CustomError { message } => message.clone(),
    };
    let token = next_token(rest);
    let span = if rest.is_empty() {
        // At the end of the file, point at the last character so that the label shows.
        let last = text.char_indices().next_back().map_or(0, |(i, _)| i);
        Span::new(last, text.len())
    } else {
        Span::new(at, at + token.len().max(1))
    };
    let span = Span::new(base + span.start as usize, base + span.end as usize);
    let help = first_help(text, at, token, &expected)
        .or_else(|| code_help(rest, wants(error, &[Rule::code, Rule::finding_severity])))
        .or_else(|| full_width_help(text, at, token))
        .or_else(|| {
            let at_item = wants(error, &[Rule::item, Rule::item_body, Rule::ruleset]);
            slip_help(token, rest, (&expected, at_item), language)
        })
        .or_else(|| context_help(text, at, token))
        .or_else(|| {
            // Where a name, a number or a text may also stand, the slip is likelier one
            // of those than a missing keyword.
            only_keywords(error)
                .then(|| keyword_fix_help(text, at, token, (&expected, language)))
                .flatten()
        })
        .or_else(|| missing_brace_help(text, at));
    ParseError::Syntax {
        expected,
        found: describe_found(token),
        span: span.into(),
        help,
    }
}

/// "`a`, `b` or `c`", with operators folded into one phrase. Unit words (`分`, `万元`)
/// and a range end's `inclusive` or `exclusive` are left out: after a number they are
/// always possible and never the point.
fn expected_words(positives: &[Rule], language: Keywords) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut operator = false;
    for rule in positives {
        if rule.is_operator() {
            operator = true;
            continue;
        }
        if rule.never_the_point() {
            continue;
        }
        let word = rule.describe(language);
        if !words.contains(&word) {
            words.push(word);
        }
    }
    let (operator_word, nothing, comma, or) = if chinese() {
        ("运算符", "其他内容", "、", " 或 ")
    } else {
        ("an operator", "something else", ", ", " or ")
    };
    if operator {
        words.push(operator_word.to_owned());
    }
    match words.split_last() {
        None => nothing.to_owned(),
        Some((last, [])) => last.clone(),
        Some((last, init)) => format!("{}{or}{last}", init.join(comma)),
    }
}

/// Whether syntax errors are being written in Chinese.
fn chinese() -> bool {
    crate::i18n::language() == Language::Zh
}

/// The word, symbol or character at the error.
fn next_token(rest: &str) -> &str {
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return "";
    };
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let end = if word_char(first) {
        rest.find(|c: char| !word_char(c)).unwrap_or(rest.len())
    } else if "=<>!&|".contains(first) {
        rest.find(|c: char| !"=<>!&|".contains(c))
            .unwrap_or(rest.len())
    } else {
        first.len_utf8()
    };
    // A long word is shortened so that the message stays one line.
    let cut = rest.char_indices().nth(24).map_or(end, |(i, _)| i.min(end));
    rest.get(..cut).unwrap_or("")
}

fn describe_found(token: &str) -> String {
    match token {
        "" => t!(PARSE_FOUND_END_OF_FILE),
        "\n" | "\r" => t!(PARSE_FOUND_END_OF_LINE),
        t => format!("`{t}`"),
    }
}

/// Help that the text around a token settles, before the token alone is judged: `4 %`
/// (a space, not a missing number), a band written `100%~120%` as the 填表说明 does, a
/// date written as people write one (`2024-6-30`, `2024/06/30`, `2024年6月30日`).
fn first_help(text: &str, at: usize, token: &str, expected: &str) -> Option<String> {
    let before = text.get(..at).unwrap_or("");
    let spaced = before.ends_with(char::is_whitespace);
    if token == "%" && before.trim_end().ends_with(|c: char| c.is_ascii_digit()) {
        // `4 %` is a percentage with a space; `share 1%` one where none is wanted.
        return Some(if spaced {
            t!(PARSE_HELP_PERCENT_SPACE)
        } else {
            t!(PARSE_HELP_NO_PERCENT_HERE)
        });
    }
    // `100%~120%` as the 填表说明 writes a band, or `100%到120%` as people say it.
    let band_word = matches!(token, "~" | "～" | "-" | "—") || token.starts_with('到');
    if band_word && before.trim_end().ends_with('%') {
        return Some(t!(PARSE_HELP_BAND_TILDE));
    }
    // The end of the file with a block left open: name the `{` never closed.
    if token.is_empty()
        && let Some(&open) = open_braces(text).last()
    {
        return Some(t!(
            PARSE_HELP_UNCLOSED_AT_END,
            line = line_number(text, open)
        ));
    }
    // `message: "…"`: a message follows its keyword with no colon.
    if token == ":" && after_message(before) {
        return Some(t!(PARSE_HELP_MESSAGE_NO_COLON));
    }
    if let Some(help) = keyword_run_on((text, at), token, expected) {
        return Some(help);
    }
    let wants_date = expected.contains("2023-12-31");
    let rest = text.get(at..).unwrap_or("");
    wants_date
        .then(|| date_as_written(rest))
        .flatten()
        .map(|date| t!(PARSE_HELP_DATE_FORM, date))
}

/// A keyword the grammar wants run on into what follows it (`100%至120%`, `扣4%`,
/// `余数给第一项`, `所含类别产出`): Chinese is written without spaces, but a keyword is a
/// word of its own, so `至120` is read as one word. Help where the token starts with a
/// keyword `expected` names and a number follows it; or where keywords follow it
/// (`给第一项`: every one spaced), or a name (`产出`), and the text so spaced reads on
/// past the token (`至少` spaced is no better: no help).
fn keyword_run_on((text, at): (&str, usize), token: &str, expected: &str) -> Option<String> {
    let keyword = wanted_words(expected)
        .filter(|k| token.len() > k.len() && token.starts_with(k))
        .max_by_key(|k| k.len())?;
    let rest = token.get(keyword.len()..)?;
    // A number run on (`至120`, `扣4`).
    let numeric = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if numeric {
        return Some(t!(PARSE_HELP_KEYWORD_RUN_ON, keyword, rest));
    }
    let (before, after) = (text.get(..at)?, text.get(at + token.len()..)?);
    // The text so spaced reads on past the word's line (one space more moves it by one).
    let reads_on = |spaced: &str| {
        let changed = format!("{before}{spaced}{after}");
        stops_at(&changed).is_none_or(|p| p > line_end(&changed, at))
    };
    if let Some(words) = keyword_run(rest) {
        let spaced = format!("{keyword} {}", words.join(" "));
        if reads_on(&spaced) {
            return Some(t!(PARSE_HELP_KEYWORDS_RUN_TOGETHER, spaced));
        }
    }
    // A name after a keyword of one character (`至少`) is likelier a word of its own;
    // an English keyword run on into letters (`categoryx`) is one word as written.
    let named = keyword.chars().count() > 1 && !(keyword.is_ascii() && rest.is_ascii());
    (named && reads_on(&format!("{keyword} {rest}")))
        .then(|| t!(PARSE_HELP_KEYWORD_RUN_ON, keyword, rest))
}

/// The keywords (of either language) a word is written as, one after another with no
/// space (`给第一项`: `给`, `第一项`), the longest first where several fit; `None` where
/// it is not all keywords.
fn keyword_run(word: &str) -> Option<Vec<&'static str>> {
    if word.is_empty() {
        return Some(Vec::new());
    }
    let mut fitting: Vec<&'static str> = keywords::all_spellings(Keywords::Zh)
        .chain(keywords::all_spellings(Keywords::En))
        .filter(|k| word.starts_with(k))
        .collect();
    fitting.sort_by_key(|k| std::cmp::Reverse(k.len()));
    fitting.into_iter().find_map(|k| {
        let mut rest = keyword_run(word.get(k.len()..)?)?;
        rest.insert(0, k);
        Some(rest)
    })
}

/// Help where a finding code is wanted and the word written is none (`Wrong-Year`,
/// `wrong_year`, `错误年份`): the code in lower case where that makes one, else what a
/// code is. Before any did-you-mean, which would take `Score` of `Score-Mismatch` for the
/// keyword `score`.
fn code_help(rest: &str, wants_code: bool) -> Option<String> {
    let written = written_word(rest);
    if !wants_code || written.is_empty() {
        return None;
    }
    let lower = written.to_ascii_lowercase().replace('_', "-");
    let is_code = |code: &str| {
        code.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
    };
    if is_code(&written) {
        return None;
    }
    Some(if is_code(&lower) {
        t!(PARSE_HELP_FINDING_CODE_LOWER, code = lower)
    } else {
        t!(PARSE_HELP_FINDING_CODE)
    })
}

/// Each quoted phrase's first word of what the grammar expected: `deduct RATE per STEP`
/// wants `deduct`.
fn wanted_words(expected: &str) -> impl Iterator<Item = &str> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|phrase| phrase.split_whitespace().next())
}

/// The date a text starts with, written `YYYY-MM-DD`, where it writes one otherwise:
/// year, month and day as numbers between `-`, `/`, `.` or `年月日`.
fn date_as_written(rest: &str) -> Option<String> {
    let written: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | '年' | '月' | '日'))
        .take(16)
        .collect();
    let numbers: Vec<u32> = written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [year, month, day] = numbers.as_slice() else {
        return None;
    };
    let plausible =
        (1000..=9999).contains(year) && (1..=12).contains(month) && (1..=31).contains(day);
    plausible.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Help for a full-width mark where the error is (`version "2024.1"；`, `250%，`): write
/// its ASCII form where that is what the ruleset wants there, or delete it where the
/// text reads on without it (a Chinese input method's `；` or `，` at a line's end, which
/// the grammar wants in neither form). Each is tried by parsing the text so changed.
fn full_width_help(text: &str, at: usize, token: &str) -> Option<String> {
    let mut chars = token.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    let ascii = full_width_counterpart(c)?;
    let (before, after) = (text.get(..at)?, text.get(at + c.len_utf8()..)?);
    let stops = |changed: String| stops_at(&changed);
    let reads_past = |stop: Option<usize>| stop.is_none_or(|p| p > at);
    let as_ascii = stops(format!("{before}{ascii}{after}"));
    // The ASCII form refused where it stands, and no start of a longer operator (`=` of
    // `==`): no form of the mark is wanted there (`message：“…”`).
    let refused = as_ascii == Some(at) && !"=<>!&|".contains(ascii);
    // Its ASCII form, unless only deleting it reads on; where neither does, the ASCII
    // form is still the likeliest meaning.
    if refused || (!reads_past(as_ascii) && reads_past(stops(format!("{before}{after}")))) {
        return Some(t!(PARSE_SLIP_FULL_WIDTH_DELETE, c));
    }
    Some(t!(PARSE_SLIP_FULL_WIDTH, c, ascii))
}

/// Help for slips people make (full-width punctuation aside: [`full_width_help`]): `=`
/// for `==`, `&&` for `and`, a misspelled word of those the grammar wants here (`frist`
/// where `first` or `last` goes; `评份规则` is `评分规则`, `clas` is `class` in a file of
/// either language, the file's own language first), one in capitals (`OVERRIDE`) or with
/// `-` for `_` (`fiscal-year`). Only the words wanted here are candidates: the nearest
/// keyword of the whole language (`for` where `else` goes) would mislead.
fn slip_help(
    token: &str,
    rest: &str,
    (expected, at_item): (&str, bool),
    language: Keywords,
) -> Option<String> {
    match token {
        "=" => return Some(t!(PARSE_SLIP_EQUALS)),
        "&&" => return Some(t!(PARSE_SLIP_AND)),
        "||" => return Some(t!(PARSE_SLIP_OR)),
        "!" => return Some(t!(PARSE_SLIP_NOT)),
        "%" => return Some(t!(PARSE_SLIP_PERCENT)),
        "" => return Some(t!(PARSE_SLIP_END_OF_FILE)),
        _ => {}
    }
    // A keyword is a word; any one character is one edit from a one-character keyword
    // (`至`, `每`), so such a guess would say nothing.
    if !is_word(token) || token.chars().count() < 2 {
        return None;
    }
    let (own, others) = wanted_here(expected, at_item, language);
    // The word as written, `-` and all (`fiscal-year`), in lower case with `_` for `-`.
    let written = written_word(rest);
    let folded = written.to_lowercase().replace('-', "_");
    if folded != written
        && let Some(word) = own.iter().chain(&others).find(|w| **w == folded)
    {
        return Some(t!(DID_YOU_MEAN, name = *word));
    }
    suggest::did_you_mean_first(token, own, others)
}

/// The words the grammar wants at an error (`expected`'s quoted phrases' first words;
/// where an item may begin, every item's first word, which the expected list names only
/// a few of), with every spelling of those that are keywords: those of the file's
/// `language`, then those of the other.
fn wanted_here(
    expected: &str,
    at_item: bool,
    language: Keywords,
) -> (Vec<&str>, Vec<&'static str>) {
    let other = match language {
        Keywords::En => Keywords::Zh,
        Keywords::Zh => Keywords::En,
    };
    let mut wanted: Vec<&str> = wanted_words(expected).filter(|w| is_word(w)).collect();
    if at_item {
        wanted.extend(ITEM_WORDS.iter().chain(&ALSO_ENTRY_WORDS));
    }
    let here: Vec<&keywords::Keyword> = (keywords::KEYWORDS.iter())
        .filter(|k| {
            (k.spellings(Keywords::En).chain(k.spellings(Keywords::Zh)))
                .any(|s| wanted.contains(&s))
        })
        .collect();
    let mut own = wanted;
    // Pushed one by one: a keyword's spelling lives longer than `expected`.
    for spelling in here.iter().flat_map(|k| k.spellings(language)) {
        own.push(spelling);
    }
    let others = here.iter().flat_map(|k| k.spellings(other)).collect();
    (own, others)
}

/// `key type "label"` or `key optional type "label"` after a word, as a field is written
/// but for its `:`: the field as it should be (`category: text "类别"`).
fn field_without_colon(token: &str, after: &str) -> Option<String> {
    let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() || c == '_');
    let line = after.split('\n').next().unwrap_or("").trim();
    let quote = line.find(['"', '“'])?;
    let (words, label) = line.split_at(quote);
    let words: Vec<&str> = words.split_whitespace().collect();
    // The label ends the line (a section's `section funds "资金" {` goes on).
    let close = if label.starts_with('"') { '"' } else { '”' };
    let end = label.char_indices().skip(1).find(|(_, c)| *c == close)?.0;
    let rest = label.get(end + close.len_utf8()..).unwrap_or("").trim();
    let fits = matches!(words.len(), 1 | 2)
        && words.iter().all(|w| is_word(w))
        && (rest.is_empty() || rest.starts_with("//"))
        && is_word(token)
        && !heads_a_section(token);
    let field = line.get(..quote + end + close.len_utf8())?;
    fits.then(|| format!("{token}: {field}"))
}

/// Whether `word` is a keyword of a form section's head, in either language: `section
/// funds "资金"` with its `{` on the next line is no field.
fn heads_a_section(word: &str) -> bool {
    let languages = [Keywords::En, Keywords::Zh];
    (["section", "rows", "optional"].iter())
        .filter_map(|en| keywords::by_english(en))
        .flat_map(|k| languages.into_iter().flat_map(|l| k.spellings(l)))
        .any(|spelling| spelling == word)
}

/// Help that needs to see around the error: a number ending in `.`, `5 %`, a `///`
/// inside a block, an unclosed text, an unusual space, a full-width mark further along
/// the line.
fn context_help(text: &str, at: usize, token: &str) -> Option<String> {
    let before = text.get(..at).unwrap_or("");
    let rest = text.get(at..).unwrap_or("");
    let line_rest = rest.split('\n').next().unwrap_or("");
    let mut back = before.chars().rev();
    let (last, second) = (back.next(), back.next());
    if last == Some('.') && second.is_some_and(|c| c.is_ascii_digit()) {
        return Some(t!(PARSE_HELP_NUMBER_DOT));
    }
    // A block comment as other languages write it.
    if rest.starts_with("/*") {
        return Some(t!(PARSE_HELP_BLOCK_COMMENT));
    }
    if rest.starts_with("///") {
        // A block whose `}` is missing reads the next item's documentation inside it.
        return missing_brace_help(text, at).or_else(|| Some(t!(PARSE_HELP_DOC_INSIDE)));
    }
    // `category：text "类别"`: a field whose key is a keyword, then a full-width colon,
    // reads as the item `category` begun inside the form's block.
    let after_token = rest.get(token.len()..).unwrap_or("");
    if let Some(c) = after_token
        .trim_start_matches([' ', '\t'])
        .chars()
        .next()
        .filter(|c| *c == '：')
    {
        let ascii = full_width_counterpart(c).unwrap_or(c);
        return Some(t!(PARSE_HELP_FULL_WIDTH_LINE, c, ascii));
    }
    // `category text "类别"`: a form's field without its `:` read as the item `category`
    // begun inside the form (the help said to move it out) or, for another key, as
    // nothing the block takes.
    if let Some(field) = field_without_colon(token, after_token) {
        return Some(t!(PARSE_HELP_FIELD_COLON, field));
    }
    match unclosed_before_item(text, at, token) {
        Some(Unclosed::Line(line)) => return Some(t!(PARSE_HELP_UNCLOSED_BRACE, line)),
        Some(Unclosed::Inside) => return Some(t!(PARSE_HELP_ITEM_INSIDE, word = token)),
        None => {}
    }
    // A message's text has `{…}` places and escapes: only ASCII quotes delimit it.
    if token == "“" && after_message(before) {
        return Some(t!(PARSE_HELP_MESSAGE_QUOTES));
    }
    if token == "\"" || token == "“" {
        // `cutoff "2024-12-31"`: a date in quotes, where a date stands unquoted.
        if let Some(date) = quoted_date(rest.get(token.len()..).unwrap_or("")) {
            return Some(t!(PARSE_HELP_QUOTED_DATE, date));
        }
        return Some(t!(PARSE_HELP_UNCLOSED_TEXT));
    }
    if let Some(c) = token
        .chars()
        .next()
        .filter(|c| c.is_whitespace() && *c != ' ')
    {
        return Some(t!(
            PARSE_HELP_ODD_SPACE,
            code = format!("{:04X}", u32::from(c))
        ));
    }
    if let Some(c) = outside_texts(line_rest).find(|c| full_width_counterpart(*c).is_some()) {
        let ascii = full_width_counterpart(c).unwrap_or(c);
        return Some(t!(PARSE_HELP_FULL_WIDTH_LINE, c, ascii));
    }
    None
}

/// The date a quoted text after an opening quote writes (`2024-12-31"`, `2024/6/30”`),
/// as the language writes a date (`2024-06-30`): `None` for any other text.
fn quoted_date(after_quote: &str) -> Option<String> {
    let end = after_quote.find(['"', '”', '\n'])?;
    let inside = after_quote.get(..end)?.trim();
    let parts: Vec<&str> = inside.split(['-', '/', '.']).collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = (
        number(year, 4..=4)?,
        number(month, 1..=2)?,
        number(day, 1..=2)?,
    );
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// Help where the grammar wants one of a few keywords and a word stands there: the
/// keyword written in its place (`重命名 类别 投入 为 投入2`: `至` for `为`), or before it
/// (`余数 填报相符者`: `给` is missing), whichever makes the text read on furthest past
/// the word; nothing where neither reads past it.
fn keyword_fix_help(
    text: &str,
    at: usize,
    token: &str,
    (expected, language): (&str, Keywords),
) -> Option<String> {
    let (own, _) = wanted_here(expected, false, language);
    // The logical operators are words too, but joining a stray word to an expression
    // with `and` is no fix.
    let operator = |word: &str| {
        ["and", "or", "not"].iter().any(|en| {
            keywords::by_english(en).is_some_and(|k| k.spellings(language).any(|s| s == word))
        })
    };
    let mut candidates: Vec<&str> = Vec::new();
    for word in own {
        let keyword = keywords::all_spellings(language).any(|k| k == word);
        if keyword && !operator(word) && !candidates.contains(&word) {
            candidates.push(word);
        }
    }
    // Where many things may stand (an item's start), a guess among them would mislead.
    if !is_word(token) || candidates.is_empty() || candidates.len() > 4 {
        return None;
    }
    let (before, after) = (text.get(..at)?, text.get(at + token.len()..)?);
    // After `residual`, its `to` as `perfeval fmt` writes it (`余数 给 …`) is tried first
    // (the first that reads furthest is offered).
    let residual_to = keywords::residual_to(language);
    if before
        .trim_end()
        .ends_with(keywords::spell("residual", language))
        && let Some(place) = candidates.iter().position(|k| *k == residual_to)
    {
        let to = candidates.remove(place);
        candidates.insert(0, to);
    }
    // A fix reads on past the word's line: one that only gets the next word through
    // (`section` of a block whose `}` is missing, as `remove`) is no fix.
    let past = line_end(text, at);
    // How far the text so changed reads, in the original text's places; `None` where it
    // stops on the word's line.
    // Where the text so changed stops, in the original text's places.
    let stop_of = |written: String| {
        let changed = format!("{before}{written}{after}");
        // The keyword may be shorter than the word it replaces, or longer.
        let back = |p: usize| (p + text.len()).saturating_sub(changed.len());
        stops_at(&changed).map_or(usize::MAX, back)
    };
    let reach = |written: String| {
        let stop = stop_of(written);
        (stop > past).then_some(stop)
    };
    // A keyword of the language stands for something (`余数 填报相符者`: the row that
    // carries the rest): writing another keyword in its place changes the policy, so
    // where a keyword before it reads past it, that is the fix, though the text stops
    // later on the line (`residual to matching` wants its `else`).
    if keywords::all_spellings(language).any(|k| k == token) {
        let through = |keyword: &&&str| stop_of(format!("{keyword} {token}")) > at + token.len();
        if let Some(keyword) = candidates.iter().find(through) {
            return Some(t!(PARSE_HELP_KEYWORD_MISSING, keyword, found = token));
        }
    }
    // A number is what was meant, not a word for the keyword: only a keyword before it.
    let number = token.starts_with(|c: char| c.is_ascii_digit());
    let mut best: Option<(usize, String)> = None;
    for keyword in candidates {
        let in_place = (!number).then(|| {
            (
                reach(keyword.to_owned()),
                t!(PARSE_HELP_KEYWORD_IN_PLACE, keyword, found = token),
            )
        });
        let missing = (
            reach(format!("{keyword} {token}")),
            t!(PARSE_HELP_KEYWORD_MISSING, keyword, found = token),
        );
        for (stop, help) in in_place.into_iter().chain([missing]) {
            if let Some(stop) = stop
                && best.as_ref().is_none_or(|(far, _)| stop > *far)
            {
                best = Some((stop, help));
            }
        }
    }
    best.map(|(_, help)| help)
}

/// Help where a block left open before the error's line makes that line read as one
/// more of its entries (`过程 {` after a `决策 {` whose `}` is missing, where a number
/// was wanted): offered only where the file leaves a `{` open and a `}` written before
/// the line (before the comments just above it, which belong to what follows) lets the
/// text read on past it, naming the line of the innermost `{` so closed.
fn missing_brace_help(text: &str, at: usize) -> Option<String> {
    if open_braces(text).is_empty() {
        return None;
    }
    // The `}` goes before the line, and before the comments above it.
    let insert_at = comments_above(text, line_start(text, at));
    let before = text.get(..insert_at)?;
    let open = *open_braces(before).last()?;
    let changed = format!("{before}}}\n{}", text.get(insert_at..)?);
    let past = line_end(text, at);
    // Places after the insertion are two bytes further on in the changed text.
    let reads_on = stops_at(&changed).is_none_or(|stop| stop.saturating_sub(2) > past);
    let (line, here) = (line_number(text, open), line_number(text, insert_at));
    reads_on.then(|| t!(PARSE_HELP_UNCLOSED_BLOCK, line, here))
}

/// The characters of `line` outside its quoted texts (`"…"`, `“…”`), up to a comment:
/// a label's full-width `（万元）` is the form's text, not a slip.
fn outside_texts(line: &str) -> impl Iterator<Item = char> + '_ {
    let mut quote: Option<char> = None;
    let mut chars = line.chars().peekable();
    std::iter::from_fn(move || {
        while let Some(c) = chars.next() {
            match (quote, c) {
                (Some(close), c) if c == close => quote = None,
                (Some(_), _) => {}
                (None, '"') => quote = Some('"'),
                (None, '“') => quote = Some('”'),
                (None, '/') if chars.peek() == Some(&'/') => return None,
                (None, c) => return Some(c),
            }
        }
        None
    })
}

/// The start of the comment lines (`//`, `///`) just above the line starting at
/// `first`, or `first` where the line above is no comment.
fn comments_above(text: &str, mut first: usize) -> usize {
    while let Some(above) = text.get(..first.saturating_sub(1)) {
        let start = line_start(above, above.len());
        let is_comment = above
            .get(start..)
            .is_some_and(|l| l.trim_start().starts_with("//"));
        if first == 0 || !is_comment {
            break;
        }
        first = start;
    }
    first
}

/// Where a ruleset's text stops parsing; `None` where it parses whole. The helps that
/// try a text changed (a mark in its ASCII form, a keyword spaced, a keyword written in)
/// judge the change by it.
fn stops_at(changed: &str) -> Option<usize> {
    <Grammar as pest::Parser<Rule>>::parse(Rule::ruleset, changed)
        .err()
        .map(|e| error_at(&e))
}

/// Where pest's error is.
fn error_at(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
    }
}

/// Whether a token is a word: letters, digits and `_` (a keyword, a name, a number).
fn is_word(token: &str) -> bool {
    !token.is_empty() && token.chars().all(|c| c.is_alphanumeric() || c == '_')
}

/// Where the line that `at` is on starts (just after a line break, or the text's start).
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |n| n + 1)
}

/// The 1-based number of the line that `at` is on.
fn line_number(text: &str, at: usize) -> usize {
    text.get(..at)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// Where the line that `at` is on ends (its line break, or the end of the text).
fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |n| at + n)
}

/// Whether the text before the error ends with the keyword `message` (`消息`).
fn after_message(before: &str) -> bool {
    ["message", "消息"]
        .iter()
        .any(|k| before.trim_end().ends_with(k))
}

/// Words that begin a top-level item only (`override`, `check`, `class` …), in either
/// language.
const ITEM_WORDS: [&str; 16] = [
    "ruleset",
    "override",
    "rename",
    "form",
    "category",
    "pool",
    "class",
    "comparators",
    "grades",
    "layout",
    "rounding",
    "discard",
    "check",
    "findings",
    "adjust",
    "rating",
];

/// The words that begin an item and also an entry or a value inside a block: with
/// [`ITEM_WORDS`], every item's first word.
const ALSO_ENTRY_WORDS: [&str; 5] = ["completion", "let", "line", "missing", "remove"];

/// Whether the parse wanted one of `rules` where it stopped (decided by the rules, not
/// by the words of the expected list, which differ by language).
fn wants(error: &pest::error::Error<Rule>, rules: &[Rule]) -> bool {
    match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.iter().any(|r| rules.contains(r)),
        ErrorVariant::CustomError { .. } => false,
    }
}

/// Whether the parse wanted only keywords where it stopped (and perhaps an operator, to
/// go on with an expression).
fn only_keywords(error: &pest::error::Error<Rule>) -> bool {
    match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            (positives.iter()).all(|r| r.is_keyword() || r.is_operator() || r.never_the_point())
        }
        ErrorVariant::CustomError { .. } => false,
    }
}

/// The word a text starts with, as a finding code or a keyword is written: letters,
/// digits, `_` and `-` (`Wrong-Year`, `fiscal-year`).
fn written_word(rest: &str) -> String {
    rest.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
        .collect()
}

/// The line of the innermost `{` still open where the next item begins, when the error
/// is at that item's first word at the start of its line: a block whose `}` is missing
/// reads the next item as one more of its entries. Quoted texts and comments are passed
/// over, as their braces are not the file's.
fn unclosed_before_item(text: &str, at: usize, token: &str) -> Option<Unclosed> {
    let before = text.get(..at)?;
    let starts_line = before
        .rsplit('\n')
        .next()
        .is_some_and(|line| line.trim().is_empty());
    let item_word = ITEM_WORDS.iter().any(|en| {
        keywords::by_english(en).is_some_and(|k| {
            k.spellings(Keywords::En)
                .chain(k.spellings(Keywords::Zh))
                .any(|w| w == token)
        })
    });
    if !starts_line || !item_word {
        return None;
    }
    let at = *open_braces(before).last()?;
    // Every `{` of the file closed: the item was written inside another's block.
    if open_braces(text).is_empty() {
        return Some(Unclosed::Inside);
    }
    Some(Unclosed::Line(line_number(text, at)))
}

/// What [`unclosed_before_item`] found.
enum Unclosed {
    /// The `{` on this line has no `}`.
    Line(usize),
    /// Every `{` has its `}`: the item stands inside another's block.
    Inside,
}

/// The places of the `{` a text leaves open, outermost first; quoted texts and comments
/// passed over, as their braces are not the file's.
fn open_braces(text: &str) -> Vec<usize> {
    let mut open: Vec<usize> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' | '“' => {
                let close = if c == '"' { '"' } else { '”' };
                for (_, d) in chars.by_ref() {
                    if d == close || d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, d)| *d == '/') => {
                for (_, d) in chars.by_ref() {
                    if d == '\n' {
                        break;
                    }
                }
            }
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    open
}

/// The ASCII character a full-width or Chinese punctuation mark stands for.
fn full_width_counterpart(c: char) -> Option<char> {
    match c {
        '（' => Some('('),
        '）' => Some(')'),
        '：' => Some(':'),
        '，' => Some(','),
        '；' => Some(';'),
        '｛' => Some('{'),
        '｝' => Some('}'),
        '【' | '［' => Some('['),
        '】' | '］' => Some(']'),
        '＝' => Some('='),
        '＞' => Some('>'),
        '＜' => Some('<'),
        '％' => Some('%'),
        '＋' => Some('+'),
        '－' => Some('-'),
        '．' | '。' => Some('.'),
        '＂' | '‘' | '’' => Some('"'),
        '０'..='９' => char::from_u32(u32::from(c) - 0xFF10 + u32::from('0')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use pest::Parser;

    use super::{Grammar, Rule, keyword_run, keywords};

    /// A word written as keywords with no space between them is cut into them, the
    /// longest first; a word with anything else in it is not.
    #[test]
    fn a_run_of_keywords_is_cut_into_them() {
        assert_eq!(keyword_run("给第一项"), Some(vec!["给", "第一项"]));
        assert_eq!(
            keyword_run("给填报相符者否则第一项"),
            Some(vec!["给", "填报相符者", "否则", "第一项"])
        );
        assert_eq!(keyword_run("产出"), None);
        assert_eq!(keyword_run("给产出"), None);
    }

    fn parses_whole(rule: Rule, text: &str) -> bool {
        Grammar::parse(rule, text)
            .map(|mut pairs| pairs.next().is_some_and(|p| p.as_str() == text))
            .unwrap_or(false)
    }

    #[test]
    fn numbers_percents_points_and_dates() {
        assert!(parses_whole(Rule::number, "12.50"));
        assert!(!parses_whole(Rule::number, "12."));
        assert!(parses_whole(Rule::percent, "130%"));
        assert!(parses_whole(Rule::points, "80 分"));
        assert!(parses_whole(Rule::points, "9.16points"));
        assert!(parses_whole(Rule::amount, "1679.7 万元"));
        assert!(parses_whole(Rule::date, "2023-12-31"));
    }

    #[test]
    fn names_may_be_chinese_but_not_reserved() {
        assert!(parses_whole(Rule::ident, "立项依据充分性"));
        assert!(parses_whole(Rule::ident, "self_score"));
        assert!(parses_whole(Rule::ident, "andy"));
        assert!(!parses_whole(Rule::ident, "and"));
        assert!(!parses_whole(Rule::ident, "9a"));
    }

    #[test]
    fn keywords_do_not_run_into_names() {
        assert!(parses_whole(Rule::kw_points, "分"));
        assert!(!parses_whole(Rule::kw_points, "分配"));
    }

    #[test]
    fn strings_in_ascii_and_chinese_quotes() {
        assert!(parses_whole(Rule::string, "\"充分\""));
        assert!(parses_whole(Rule::string, "“充分”"));
        assert!(parses_whole(Rule::string, r#""a\"b""#));
    }

    #[test]
    fn shipped_2023_lowers() {
        let text = std::fs::read_to_string("rulesets/2023.rules").unwrap();
        let source = crate::source::SourceFile::new("2023.rules", text);
        let ruleset = crate::syntax::parse(&source).unwrap();
        assert!(ruleset.items.len() > 20);
    }

    /// The quoted literals of a grammar rule's body: `"ruleset" | "规则集"`.
    fn literals(body: &str) -> Vec<String> {
        body.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    }

    /// `ITEM_WORDS` are the first keywords of the grammar's items (`item_body`), save
    /// those that also begin an entry or name a value inside a block: `completion` (a
    /// class's entry, a row's value), `missing` (a class's entry), `line` and `let`
    /// (read in expressions) and `remove` (an override's entry). An item added to the
    /// grammar fails here until its word is placed in one list or the other.
    #[test]
    fn item_words_are_the_grammar_items_first_keywords() {
        let grammar = std::fs::read_to_string("grammar/perfeval.pest").unwrap();
        let rule_body = |name: &str| -> String {
            let start = (grammar.lines())
                .position(|l| l.starts_with(&format!("{name} = ")))
                .unwrap_or_else(|| panic!("no rule `{name}`"));
            let lines: Vec<&str> = grammar.lines().skip(start).collect();
            let end = lines
                .iter()
                .position(|l| l.trim_end().ends_with('}'))
                .unwrap();
            lines[..=end].join(" ")
        };
        let body = rule_body("item_body");
        let inner = &body[body.find('{').unwrap() + 1..body.rfind('}').unwrap()];
        let mut first: Vec<String> = inner
            .split('|')
            .map(str::trim)
            .map(|item| {
                let body = rule_body(item);
                let kw = body
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .find(|word| word.starts_with("kw_"))
                    .unwrap_or_else(|| panic!("`{item}` starts with no keyword"));
                keywords::by_rule(kw).unwrap().en.to_owned()
            })
            .collect();
        first.sort();
        let mut listed: Vec<String> = (super::ITEM_WORDS.iter().chain(&super::ALSO_ENTRY_WORDS))
            .map(|w| (*w).to_owned())
            .collect();
        listed.sort();
        assert_eq!(first, listed);
    }

    /// The grammar's `kw_*` rules and the keyword table name the same keywords with
    /// the same spellings, and its `reserved` rule the table's reserved words.
    #[test]
    fn the_grammar_and_the_keyword_table_agree() {
        let grammar = std::fs::read_to_string("grammar/perfeval.pest").unwrap();
        let mut rules = Vec::new();
        for line in grammar.lines() {
            let Some((name, body)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim();
            if !name.starts_with("kw_") {
                continue;
            }
            let keyword = keywords::by_rule(name)
                .unwrap_or_else(|| panic!("`{name}` is not in src/syntax/keywords.rs"));
            let mut table: Vec<String> = keyword.zh.iter().map(|s| (*s).to_owned()).collect();
            if !keyword.en.is_empty() {
                table.insert(0, keyword.en.to_owned());
            }
            assert_eq!(literals(body), table, "the spellings of `{name}`");
            rules.push(name.to_owned());
        }
        let table: Vec<_> = keywords::KEYWORDS
            .iter()
            .map(|k| k.rule.to_owned())
            .collect();
        assert_eq!(rules, table, "the grammar's keywords, in order");

        let start = grammar.find("reserved = @{").unwrap();
        let end = start + grammar[start..].find("~ !ident_continue").unwrap();
        let mut reserved = literals(&grammar[start..end]);
        reserved.sort();
        let mut table: Vec<String> = keywords::KEYWORDS
            .iter()
            .filter(|k| k.reserved)
            .flat_map(|k| std::iter::once(k.en).chain(k.zh.iter().copied()))
            .map(str::to_owned)
            .collect();
        table.sort();
        assert_eq!(reserved, table, "the reserved words");
    }

    /// Every rule is named in words: keywords from the table, every other rule by
    /// `phrase`, never by its fallback.
    #[test]
    fn every_rule_is_described() {
        for &rule in Rule::all_rules() {
            let name = format!("{rule:?}");
            if name.starts_with("kw_") {
                assert!(keywords::by_rule(&name).is_some(), "{name}");
            } else {
                assert_ne!(rule.phrase(), "a keyword", "{name}");
            }
        }
        assert_eq!(Rule::kw_to.describe(keywords::Keywords::Zh), "`至`");
        assert_eq!(
            Rule::full_band.describe(keywords::Keywords::Zh),
            "`满分区间 下限 至 上限`"
        );
    }

    #[test]
    fn codes_are_kebab_case() {
        assert!(parses_whole(Rule::code, "budget-balance"));
        assert!(parses_whole(Rule::code, "a1-b2"));
        assert!(!parses_whole(Rule::code, "Budget"));
        assert!(!parses_whole(Rule::code, "a--b"));
    }
}
