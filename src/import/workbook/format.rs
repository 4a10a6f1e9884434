//! What an Excel number format shows around a number: a percentage, and text written
//! before or after it. Chinese departments keep targets numeric and show the comparator
//! and the unit through the format (`"≤"0%` shows 0.02 as `≤2%`, `0"个"` shows 15 as
//! `15个`); read without it, `≤2%` would be `=2%` and lower-is-better would become
//! higher-is-better. Only what the format writes as text is kept, and how many decimals
//! it shows: a formula's result is read to them where a score or a measure is read
//! (`=10*F8/E8` is 9.17 under `0.00`, as printed; see `workbook::value_and_rounded`); any other
//! number is read as stored, to the digits a cell keeps.

use rust_decimal::Decimal;

/// How a format shows numbers of one sign.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shown {
    /// The number shows as a percentage (times 100, then `%`).
    pub percent: bool,
    /// Text before the number (`≤`).
    pub prefix: String,
    /// Text after the number and its `%` (`小时`, `个`, `以上`).
    pub suffix: String,
    /// How many times the number shows divided by a thousand: the commas after its last
    /// digit (`#,##0,"千元"` shows 15000 as `15千元`).
    pub thousands: u32,
    /// How many decimals the number shows (`0.00` two, `0%` none), where the format
    /// fixes them; `None` for General, an exponent, or a number cut into parts.
    pub decimals: Option<u32>,
}

impl Shown {
    /// Whether text stands around the number.
    #[must_use]
    pub(crate) fn has_text(&self) -> bool {
        !self.prefix.is_empty() || !self.suffix.is_empty()
    }
}

/// How a format shows numbers: its first section for numbers of either sign, and its
/// second, where it has one, for negative numbers (shown without their sign); and how
/// it shows text, where a section has the text's place (`@`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Shows {
    /// Zero and positive numbers, and negative ones where there is no `negative`.
    pub positive: Shown,
    /// Negative numbers, shown as their magnitude.
    pub negative: Option<Shown>,
    /// Text, where the format writes some around it (`"≤"@` shows `5%` as `≤5%`).
    pub text: Option<Shown>,
    /// Sections a condition on the number chooses (`[<1]"≤"0%;0%` shows 0.05 as `≤5%`,
    /// 5 as `5`), where the code has them; `positive` then says only whether a `%` is
    /// written anywhere.
    pub conditional: Option<Box<Conditional>>,
}

/// The sections of a format code chosen by conditions: the first where its condition
/// holds, else the second where it has none or its condition holds, else the third.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Conditional {
    first: (Condition, Shown),
    second: (Option<Condition>, Shown),
    rest: Option<Shown>,
}

/// A section's condition (`[<1]`, `[>=0.5]`): the number compared with a constant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Condition {
    op: Comparison,
    value: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Comparison {
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

impl Condition {
    /// The condition a bracket's content writes (`<1`, `>=0.5`, `<>0`).
    fn of(bracket: &str) -> Option<Condition> {
        let ops = [
            ("<=", Comparison::LessOrEqual),
            (">=", Comparison::GreaterOrEqual),
            ("<>", Comparison::NotEqual),
            ("<", Comparison::Less),
            (">", Comparison::Greater),
            ("=", Comparison::Equal),
        ];
        let (rest, op) = ops
            .iter()
            .find_map(|(word, op)| bracket.strip_prefix(word).map(|rest| (rest, *op)))?;
        let value = rest.trim().parse().ok()?;
        Some(Condition { op, value })
    }

    fn holds(self, number: Decimal) -> bool {
        match self.op {
            Comparison::Less => number < self.value,
            Comparison::LessOrEqual => number <= self.value,
            Comparison::Greater => number > self.value,
            Comparison::GreaterOrEqual => number >= self.value,
            Comparison::Equal => number == self.value,
            Comparison::NotEqual => number != self.value,
        }
    }
}

impl Conditional {
    /// The sections of `sections` where the first has a condition Excel reads.
    fn of(sections: &[Vec<Piece>]) -> Option<Conditional> {
        let [first, second, rest @ ..] = sections else {
            return None;
        };
        let first = (condition(first)?, section(first));
        let second = (condition(second), section(second));
        let rest = rest.first().map(|s| section(s));
        Some(Conditional {
            first,
            second,
            rest,
        })
    }

    /// The section that shows `number` (zero or positive).
    fn section_for(&self, number: Decimal) -> Option<&Shown> {
        if self.first.0.holds(number) {
            return Some(&self.first.1);
        }
        match &self.second {
            (Some(condition), _) if !condition.holds(number) => self.rest.as_ref(),
            (_, shown) => Some(shown),
        }
    }
}

/// The condition a section is chosen by, where it has one Excel reads.
fn condition(pieces: &[Piece]) -> Option<Condition> {
    pieces.iter().find_map(|p| match p {
        Piece::Bracket(b) => Condition::of(b),
        _ => None,
    })
}

impl Shows {
    /// A format that shows a percentage and nothing else (`0%`), or plain numbers.
    #[must_use]
    pub(crate) fn percent(percent: bool) -> Shows {
        Shows {
            positive: Shown {
                percent,
                ..Shown::default()
            },
            negative: None,
            text: None,
            conditional: None,
        }
    }

    /// The section that shows the number whose decimal text is `number`: a negative
    /// number's where the code has one (shown as its magnitude), a section a condition
    /// chooses for a number not negative, else the first.
    #[must_use]
    pub(crate) fn section_for(&self, number: &str) -> &Shown {
        let negative = number.starts_with('-');
        if !negative
            && let Some(conditional) = &self.conditional
            && let Ok(value) = number.parse::<Decimal>()
            && let Some(shown) = conditional.section_for(value)
        {
            return shown;
        }
        match &self.negative {
            Some(section) if negative => section,
            _ => &self.positive,
        }
    }

    /// The format an OpenDocument cell's number shows with, read off what it shows
    /// (`<text:p>≤8小时</text:p>` over 8, `94%` over 0.9397): the text around the
    /// number, its decimals, and whether it is a percentage. `None` for anything but a
    /// number of digits (grouped by commas or not) and a point, with a `%` or not, text
    /// around it or not (a negative number, an exponent, a fraction): such a cell is
    /// read as stored.
    #[must_use]
    pub(crate) fn from_display(display: &str) -> Option<Shows> {
        let parts = DisplayParts::of(display)?;
        Some(Shows {
            positive: Shown {
                percent: parts.percent,
                prefix: parts.prefix.to_owned(),
                suffix: parts.suffix.to_owned(),
                thousands: 0,
                decimals: Some(parts.decimals),
            },
            negative: None,
            text: None,
            conditional: None,
        })
    }

    /// A number kept as text (`5%`, `15`, `0.5`) as the format shows it, where it writes
    /// text around it. Every other text (a name, `≥90%` under `"≥"@`, which Excel shows
    /// `≥≥90%`, `2%及其以下`) is read as written: a column's format is for the numbers
    /// typed in it, and a text with words of its own says what it means.
    #[must_use]
    pub(crate) fn text_shown(&self, text: &str) -> Option<String> {
        let shown = self.text.as_ref()?;
        let prefix = if text.starts_with(&shown.prefix) {
            ""
        } else {
            &shown.prefix
        };
        let suffix = if text.ends_with(&shown.suffix) {
            ""
        } else {
            &shown.suffix
        };
        (crate::text::is_plain_number(text.trim()) && !(prefix.is_empty() && suffix.is_empty()))
            .then(|| format!("{prefix}{}{suffix}", text.trim()))
    }

    /// Reads a format code (`"≤"0.0%;[Red]-0.0%`). A code with conditions (`[>=100]`),
    /// which choose sections by value, is read for its percentage only; a code longer
    /// than Excel writes is not read at all.
    #[must_use]
    pub(crate) fn of(code: &str) -> Shows {
        if code.chars().count() > CODE_LIMIT {
            return Shows::percent(is_percent(code));
        }
        let sections = sections(code);
        if sections.iter().any(|s| has_condition(s)) {
            return Shows {
                conditional: Conditional::of(&sections).map(Box::new),
                ..Shows::percent(is_percent(code))
            };
        }
        let text = sections
            .iter()
            .find(|s| s.contains(&Piece::At))
            .and_then(|s| text_section(s));
        let mut shown = sections
            .iter()
            .filter(|s| !s.contains(&Piece::At))
            .map(|s| section(s));
        Shows {
            positive: shown.next().unwrap_or_default(),
            negative: shown.next(),
            text,
            conditional: None,
        }
    }
}

/// The longest format code Excel writes, in characters. A longer one comes from no
/// spreadsheet program, and reading it would only cost time.
const CODE_LIMIT: usize = 255;

/// Whether a format code shows a percentage: a `%` outside quoted text and escapes
/// (`0.0%`, `0%;[Red]-0%`, but not `0 "%"`).
#[must_use]
fn is_percent(code: &str) -> bool {
    pieces(code).any(|p| p == Piece::Percent)
}

/// What a format code is made of, for showing a number.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    /// Text shown as it is: quoted, escaped, or a character Excel shows unquoted.
    Literal(String),
    /// A digit placeholder, a point, an exponent, or `General` (`G/通用格式` in WPS): the
    /// number.
    Number(Part),
    /// `,`: a thousands separator between digit placeholders; after the last one, a
    /// scaling (`#,##0,"千元"` shows 15000 as `15千元`).
    Comma,
    /// `%`.
    Percent,
    /// `@`: the text of a text cell.
    At,
    /// `;`: the next section begins.
    Section,
    /// A bracket (`[Red]`, `[>=100]`, `[$-804]`), its content.
    Bracket(String),
    /// Anything else: padding, fill, date and text codes, `General`.
    Other,
}

/// Which part of the number a [`Piece::Number`] is: what tells how many decimals show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// `0`, `#` or `?`: a digit.
    Digit,
    /// `.`: the decimal point.
    Point,
    /// `General` or an exponent: decimals the format does not fix.
    Floating,
}

/// The pieces of a format code, in order.
fn pieces(code: &str) -> impl Iterator<Item = Piece> + '_ {
    let mut chars = code.chars();
    std::iter::from_fn(move || {
        let c = chars.next()?;
        Some(match c {
            '"' => Piece::Literal(chars.by_ref().take_while(|&c| c != '"').collect()),
            // `!` escapes the next character as `\` does.
            '\\' | '!' => Piece::Literal(chars.next().map(String::from).unwrap_or_default()),
            // Padding the width of the next character, or filling with it.
            '_' | '*' => {
                chars.next();
                Piece::Other
            }
            '[' => Piece::Bracket(chars.by_ref().take_while(|&c| c != ']').collect()),
            '0' | '#' | '?' => Piece::Number(Part::Digit),
            '.' => Piece::Number(Part::Point),
            ',' => Piece::Comma,
            'G' | 'g' if general_rest(chars.as_str()).is_some() => {
                let rest = chars.as_str();
                let skip = general_rest(rest).unwrap_or(0);
                chars = rest.get(skip..).unwrap_or("").chars();
                Piece::Number(Part::Floating)
            }
            // A scientific format's exponent (`E+00`): part of the number.
            'E' | 'e' if chars.clone().next().is_some_and(|n| matches!(n, '+' | '-')) => {
                chars.next();
                Piece::Number(Part::Floating)
            }
            '%' => Piece::Percent,
            '@' => Piece::At,
            ';' => Piece::Section,
            '$' | '-' | '+' | '/' | '(' | ')' | ':' | '^' | '&' | '\'' | '~' | '{' | '}' | '<'
            | '>' | '=' | ' ' => Piece::Literal(c.to_string()),
            c if !c.is_ascii() => Piece::Literal(c.to_string()),
            _ => Piece::Other,
        })
    })
}

/// The words for a number as the General format shows it: Excel's, and WPS's.
const GENERAL: [&str; 2] = ["General", "G/通用格式"];

/// Where a General word that `rest` continues (after its `G`) ends, in bytes.
fn general_rest(rest: &str) -> Option<usize> {
    GENERAL.iter().find_map(|word| {
        let after = word.get(1..)?;
        let written = rest.get(..after.len())?;
        written.eq_ignore_ascii_case(after).then_some(after.len())
    })
}

/// A code's sections, as their pieces.
fn sections(code: &str) -> Vec<Vec<Piece>> {
    let mut out = vec![Vec::new()];
    for piece in pieces(code) {
        if piece == Piece::Section {
            out.push(Vec::new());
        } else if let Some(last) = out.last_mut() {
            last.push(piece);
        }
    }
    out
}

/// Whether a section is chosen by a condition (`[>=100]`).
fn has_condition(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .any(|p| matches!(p, Piece::Bracket(b) if b.starts_with(['<', '>', '='])))
}

/// How one section shows a number. A currency symbol before the number (`¥`, `[$¥-804]`)
/// is left out: it names no unit a target has.
fn section(pieces: &[Piece]) -> Shown {
    let mut shown = Shown::default();
    let is_number = |p: &Piece| matches!(p, Piece::Number(_) | Piece::Comma);
    // Found once: a section may be long, and each literal asks whether the number goes
    // on after it.
    let last_number = pieces.iter().rposition(is_number);
    let last_digit = pieces.iter().rposition(|p| matches!(p, Piece::Number(_)));
    // A comma after the last digit divides the number by a thousand (`#,##0,"千元"`
    // shows 15000 as `15千元`): the text goes with the number divided.
    let thousands = pieces
        .iter()
        .enumerate()
        .filter(|(i, p)| **p == Piece::Comma && last_digit.is_none_or(|d| *i > d))
        .count();
    shown.thousands = u32::try_from(thousands).unwrap_or(u32::MAX);
    let mut number_seen = false;
    for (i, piece) in pieces.iter().enumerate() {
        let text = match piece {
            Piece::Literal(text) => text.as_str(),
            Piece::Bracket(content) => content
                .strip_prefix('$')
                .map_or("", |currency| currency.split('-').next().unwrap_or("")),
            Piece::Number(_) | Piece::Comma => {
                number_seen = true;
                continue;
            }
            Piece::Percent => {
                shown.percent = true;
                continue;
            }
            Piece::Section | Piece::Other | Piece::At => continue,
        };
        let more_number = last_number.is_some_and(|last| last > i);
        if number_seen && more_number && !text.is_empty() {
            // Text between the digits (`0000"年"00"月"00"日"`, `# ?/?`): the format cuts
            // the number into parts, which the number read whole does not have.
            return Shown {
                percent: shown.percent,
                ..Shown::default()
            };
        }
        if number_seen {
            shown.suffix.push_str(text);
        } else {
            shown.prefix.push_str(text);
        }
    }
    if !number_seen {
        // No number shown (`"-"`, `@`): nothing to add to it.
        return Shown {
            percent: shown.percent,
            ..Shown::default()
        };
    }
    if shown
        .prefix
        .chars()
        .all(|c| c.is_whitespace() || is_currency(c))
    {
        shown.prefix.clear();
    }
    if shown.suffix.trim().is_empty() {
        shown.suffix.clear();
    }
    shown.decimals = decimals(pieces);
    shown
}

/// How many decimals a section shows: the digits after its point (none without one);
/// `None` where General or an exponent leaves them to the number.
fn decimals(pieces: &[Piece]) -> Option<u32> {
    let mut after_point = None;
    for piece in pieces {
        match piece {
            Piece::Number(Part::Floating) => return None,
            Piece::Number(Part::Point) if after_point.is_none() => after_point = Some(0u32),
            Piece::Number(Part::Digit) => {
                if let Some(count) = after_point.as_mut() {
                    *count = count.saturating_add(1);
                }
            }
            _ => {}
        }
    }
    Some(after_point.unwrap_or(0))
}

/// How a text section (`"≤"@`, `@"个"`) shows a text cell: the literals before and
/// after `@`; `None` where it writes nothing but the text (`@`, `_ @_ `).
fn text_section(pieces: &[Piece]) -> Option<Shown> {
    let mut shown = Shown::default();
    let mut text_seen = false;
    for piece in pieces {
        match piece {
            Piece::At => text_seen = true,
            Piece::Literal(text) if text_seen => shown.suffix.push_str(text),
            Piece::Literal(text) => shown.prefix.push_str(text),
            _ => {}
        }
    }
    if shown.prefix.trim().is_empty() {
        shown.prefix.clear();
    }
    if shown.suffix.trim().is_empty() {
        shown.suffix.clear();
    }
    shown.has_text().then_some(shown)
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '¥' | '￥' | '€' | '£' | '￡' | '＄')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(code: &str) -> (bool, String, String) {
        let s = Shows::of(code).positive;
        (s.percent, s.prefix, s.suffix)
    }

    #[test]
    fn literals_around_the_number_are_kept() {
        assert_eq!(shown("\"≤\"0%"), (true, "≤".into(), String::new()));
        assert_eq!(shown("\"≤\"0\"小时\""), (false, "≤".into(), "小时".into()));
        assert_eq!(shown("0\"个\""), (false, String::new(), "个".into()));
        assert_eq!(shown("0%\"以上\""), (true, String::new(), "以上".into()));
        assert_eq!(shown("\\≥0.0"), (false, "≥".into(), String::new()));
        assert_eq!(shown(">=0%"), (true, ">=".into(), String::new()));
        assert_eq!(shown("≥0个"), (false, "≥".into(), "个".into()));
    }

    #[test]
    fn plain_formats_add_nothing() {
        for code in [
            "General",
            "0",
            "0.00",
            "#,##0.00",
            "0.00_ ",
            "_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * \"-\"??_ ;_ @_ ",
            "\"¥\"#,##0.00",
            "[$¥-804]#,##0.00",
            "[Red]0.00",
            "@",
        ] {
            assert_eq!(shown(code), (false, String::new(), String::new()), "{code}");
        }
        assert_eq!(shown("0%"), (true, String::new(), String::new()));
        assert_eq!(
            shown("0.00%;[Red]-0.00%"),
            (true, String::new(), String::new())
        );
    }

    #[test]
    fn text_between_digits_or_an_exponent_is_not_text_around_the_number() {
        for code in [
            "0000\"年\"00\"月\"00\"日\"",
            "0000-00-00",
            "# ?/?",
            "0.00E+00",
            "0.0e-0",
        ] {
            assert_eq!(shown(code), (false, String::new(), String::new()), "{code}");
        }
        assert_eq!(shown("0.00E+00\"个\""), (false, String::new(), "个".into()));
    }

    #[test]
    fn the_decimals_a_format_fixes_are_counted() {
        let decimals = |code: &str| Shows::of(code).positive.decimals;
        for (code, places) in [
            ("0", Some(0)),
            ("0.00", Some(2)),
            ("#,##0.00_ ", Some(2)),
            ("0.0%", Some(1)),
            ("0%", Some(0)),
            ("\"≤\"0.00\"小时\"", Some(2)),
            ("#,##0.0,\"千元\"", Some(1)),
            ("0.0#", Some(2)),
            ("0.00??", Some(4)),
            ("[Red]0.000", Some(3)),
            ("General", None),
            ("G/通用格式", None),
            ("0.00E+00", None),
            ("0000\"年\"00\"月\"", None),
            ("\"-\"", None),
            ("@", None),
        ] {
            assert_eq!(decimals(code), places, "{code}");
        }
        let shows = Shows::of("0.00;[Red]-0.0");
        assert_eq!(shows.negative.map(|s| s.decimals), Some(Some(1)));
        // No format at all shows what the number holds.
        assert_eq!(Shows::default().positive.decimals, None);
    }

    #[test]
    fn general_is_the_number_and_bang_escapes() {
        assert_eq!(shown("\"≤\"General"), (false, "≤".into(), String::new()));
        assert_eq!(shown("General\"个\""), (false, String::new(), "个".into()));
        assert_eq!(
            shown("G/通用格式\"个\""),
            (false, String::new(), "个".into())
        );
        assert_eq!(shown("\"≥\"0!%"), (false, "≥".into(), "%".into()));
        assert_eq!(shown("0!个"), (false, String::new(), "个".into()));
        // A `G` that starts no General word is a letter, as before.
        assert_eq!(shown("0\"G\""), (false, String::new(), "G".into()));
    }

    #[test]
    fn a_text_section_writes_around_text_cells() {
        assert_eq!(Shows::of("\"≤\"@").text_shown("5%"), Some("≤5%".into()));
        // Not a number, or saying it already: as written.
        assert_eq!(Shows::of("\"≥\"@").text_shown("≥90%"), None);
        assert_eq!(Shows::of("@\"%\"").text_shown("90%"), None);
        assert_eq!(Shows::of("@\"指标\"").text_shown("立项依据充分性"), None);
        assert_eq!(Shows::of("\"≥\"@").text_shown("2%及其以下"), None);
        assert_eq!(Shows::of("\"≥\"@").text_shown(" 0.5 "), Some("≥0.5".into()));
        assert_eq!(Shows::of("@\"个\"").text_shown("15"), Some("15个".into()));
        // The fourth section is the text's; the others still show numbers.
        let shows = Shows::of("0\"个\";-0\"个\";0;\"约\"@");
        assert_eq!(shows.text_shown("15"), Some("约15".into()));
        assert_eq!(shows.positive.suffix, "个");
        // Nothing but the text, or padding around it: the text as it is.
        for code in ["@", "_ @_ ", "General", "0.00%"] {
            assert_eq!(Shows::of(code).text_shown("5%"), None, "{code}");
        }
    }

    #[test]
    fn a_scaling_comma_divides_the_number_its_text_goes_with() {
        let thousands = |code: &str| {
            let shown = Shows::of(code).positive;
            (shown.prefix, shown.suffix, shown.thousands)
        };
        assert_eq!(
            thousands("#,##0,\"千元\""),
            (String::new(), "千元".into(), 1)
        );
        assert_eq!(
            thousands("\"≤\"#,##0,\"千元\""),
            ("≤".into(), "千元".into(), 1)
        );
        assert_eq!(
            thousands("#,##0.00,,\"百万\""),
            (String::new(), "百万".into(), 2)
        );
        assert_eq!(thousands("0.0,\"万\""), (String::new(), "万".into(), 1));
        // Between digits, a comma separates thousands.
        assert_eq!(thousands("#,##0\"元\""), (String::new(), "元".into(), 0));
    }

    #[test]
    fn a_code_longer_than_excel_writes_is_not_read() {
        let long = format!("0{}\"个\"", " ".repeat(300));
        assert_eq!(Shows::of(&long), Shows::default());
        assert_eq!(
            Shows::of(&format!("0%{}", " ".repeat(300))),
            Shows::percent(true)
        );
        // A long code within the limit is read in one pass (the literals after the
        // number are not each looked past).
        let spaces = format!("0\"个\"{}", " ".repeat(250));
        assert_eq!(shown(&spaces).2.trim_end(), "个");
    }

    #[test]
    fn a_second_section_shows_negative_numbers() {
        let shows = Shows::of("0\"个\";\"减少\"0\"个\"");
        assert_eq!(shows.section_for("-3").prefix, "减少");
        assert_eq!(shows.section_for("3").suffix, "个");
    }

    /// A conditional format (`[<1]"≤"0%;0%`, which shows 0.05 as `≤5%`) shows a number
    /// by the section its value chooses: the comparator is kept where it is written.
    #[test]
    fn a_condition_chooses_the_section_a_number_shows_with() {
        let shows = Shows::of("[<1]\"≤\"0%;0%");
        let le = shows.section_for("0.05");
        assert_eq!((le.prefix.as_str(), le.percent), ("≤", true));
        assert_eq!(shows.section_for("1").prefix, "");
        let ge = Shows::of("[>=0.5]\"≥\"0%;0%");
        assert_eq!(ge.section_for("0.98").prefix, "≥");
        assert_eq!(ge.section_for("0.5").prefix, "≥");
        assert_eq!(ge.section_for("0.49").prefix, "");
        // Two conditions: the third section for what neither chooses.
        let three = Shows::of("[>100]\"多\"0;[<0]\"负\"0;0\"个\"");
        assert_eq!(three.section_for("101").prefix, "多");
        assert_eq!(three.section_for("50").suffix, "个");
        // `[<1]0%;0`: a number of 1 or more is no percentage.
        let mixed = Shows::of("[<1]0%;0");
        assert!(mixed.section_for("0.5").percent);
        assert!(!mixed.section_for("5").percent);
        // A colour alone is no condition; a condition Excel would not read is left.
        assert!(Shows::of("[Red]0%;0%").conditional.is_none());
        assert_eq!(
            Shows::of("[<x]0%;0").section_for("0.5"),
            &Shows::percent(true).positive
        );
    }

    #[test]
    fn percent_is_found_outside_quotes_and_escapes() {
        assert!(is_percent("0%"));
        assert!(is_percent("0.00%;[Red]-0.00%"));
        assert!(!is_percent("0 \"%\""));
        assert!(!is_percent("0\\%"));
        assert!(!is_percent("General"));
    }
}

/// What a cell shows, in parts: the text before the number, the number (its digits,
/// commas left out), its decimals, a percent sign, the text after.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DisplayParts<'a> {
    pub prefix: &'a str,
    pub digits: String,
    pub decimals: u32,
    pub percent: bool,
    pub suffix: &'a str,
}

impl<'a> DisplayParts<'a> {
    /// The parts of `display`; `None` where it is not a number of digits (grouped by
    /// commas or not) and a point, with words around it or a `%` (a negative number, an
    /// exponent, a fraction, a date).
    pub(crate) fn of(display: &'a str) -> Option<Self> {
        let start = display.find(|c: char| c.is_ascii_digit())?;
        let (prefix, rest) = display.split_at(start);
        let whole = rest
            .find(|c: char| !c.is_ascii_digit() && c != ',')
            .unwrap_or(rest.len());
        let (mut end, mut decimals) = (whole, 0u32);
        if let Some(fraction) = rest.get(whole..).and_then(|r| r.strip_prefix('.')) {
            let digits = fraction
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(fraction.len());
            (digits > 0).then_some(())?;
            end = whole + 1 + digits;
            decimals = u32::try_from(digits).ok()?;
        }
        let after = rest.get(end..)?;
        let (percent, suffix) = match after.strip_prefix('%') {
            Some(suffix) => (true, suffix),
            None => (false, after),
        };
        let plain = |t: &str| !t.contains(|c: char| c.is_ascii_digit() || "-,.+/Ee".contains(c));
        (plain(prefix) && plain(suffix)).then_some(())?;
        Some(DisplayParts {
            prefix,
            digits: rest.get(..end)?.replace(',', ""),
            decimals,
            percent,
            suffix,
        })
    }

    /// Whether two texts show the same: the same words around the same number, however
    /// many zeros end its decimals (`≤8.00小时` and `≤8小时`, `1,200元` and `1200元`).
    pub(crate) fn same(a: &str, b: &str) -> bool {
        let (Some(a), Some(b)) = (DisplayParts::of(a), DisplayParts::of(b)) else {
            return a == b;
        };
        let number = |p: &DisplayParts<'_>| p.digits.parse::<rust_decimal::Decimal>().ok();
        (a.prefix, a.percent, a.suffix) == (b.prefix, b.percent, b.suffix)
            && number(&a).is_some()
            && number(&a) == number(&b)
    }
}
