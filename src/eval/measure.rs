//! Reading an indicator's target and actual value as forms write them.
//!
//! A quantitative text is `[OP] NUMBER [UNIT]`, where OP is a symbol (`>=`, `≥`, …) or
//! one of the ruleset's comparator words before the number (`不低于`), or a word after
//! it (`以上`). Full-width forms and spaces do not matter. Any other text is a word (a
//! qualitative target or grade). Which texts mean "no value" is the ruleset's.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::compile::{MeasureWords, normalized};
use crate::ir::vocab::Comparator;

/// A quantity read from a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quantity {
    /// The comparator written, if any.
    pub comparator: Option<Comparator>,
    /// The number as written (scale kept).
    pub number: Decimal,
    /// The unit text after the number, without spaces; empty if none.
    pub unit: super::outcome::Text,
}

impl Quantity {
    /// Whether the unit is a percentage.
    #[must_use]
    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }
}

/// What a target or actual text means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// No value: absent, or one of the ruleset's markers.
    Missing,
    /// A number with an optional comparator and unit.
    Quantity(Quantity),
    /// A word (normalised: full-width folded, spaces removed).
    Word(super::outcome::Text),
}

/// Reads a text; `markers` are normalised texts that mean "no value".
#[must_use]
pub fn read(text: Option<&str>, words: &MeasureWords, markers: &[String]) -> Reading {
    let Some(text) = text else {
        return Reading::Missing;
    };
    let (normalized, digit) = crate::text::normalized_with_digit(text);
    if is_normal_marker(&normalized, markers) {
        return Reading::Missing;
    }
    // Spaces around the parts do not matter, but one between two digits ends the number:
    // `1 5个` is 1 with the unit `5个`, not 15 (a slip that would score full marks).
    let normalized = match (&normalized, digit) {
        (Cow::Owned(_), true) => split_number(text).map_or(normalized, Cow::Owned),
        _ => normalized,
    };
    // A quantity has a number, so an ASCII digit (full-width ones are folded by now):
    // a word (`合理`, `较好`) is settled here, before any comparator is looked for.
    match digit.then(|| quantity(&normalized, words)).flatten() {
        Some(q) => Reading::Quantity(q),
        None => Reading::Word(normalized.as_ref().into()),
    }
}

/// The normal text of one whose number is split by a space (`1 5个`, `１５ ０个`), with
/// one space kept where it splits; `None` where no space falls between two digits.
fn split_number(text: &str) -> Option<String> {
    let folded = crate::text::fold_width(text);
    let gone = |c: char| c.is_whitespace() || crate::text::is_zero_width(c);
    let mut out = String::with_capacity(folded.len());
    let mut split = false;
    let mut chars = folded.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if !gone(c) {
            out.push(c);
            continue;
        }
        let run = folded.get(at..).unwrap_or("");
        let after = run.trim_start_matches(gone);
        // Only a space splits: a zero-width character between two digits (`1\u{200B}5`,
        // invisible in Office exports) is removed like any other, so that is 15.
        let spaced = run
            .get(..run.len() - after.len())
            .is_some_and(|gap| gap.contains(char::is_whitespace));
        let between_digits = out.ends_with(|p: char| p.is_ascii_digit())
            && after.starts_with(|n: char| n.is_ascii_digit());
        if spaced && between_digits && !split {
            out.push(' ');
            split = true;
        }
        while chars.peek().is_some_and(|&(_, n)| gone(n)) {
            chars.next();
        }
    }
    split.then_some(out)
}

/// Whether a text is one of `markers` (normalised texts that mean "no value").
#[must_use]
pub fn is_marker(text: &str, markers: &[String]) -> bool {
    is_normal_marker(&normalized(text), markers)
}

fn is_normal_marker(normalized: &str, markers: &[String]) -> bool {
    markers.iter().any(|m| m == normalized)
}

/// The quantity a normal text that holds an ASCII digit writes, if it is one.
fn quantity(text: &str, words: &MeasureWords) -> Option<Quantity> {
    let (mut comparator, rest) = leading_comparator(text, words);
    let (number, rest) = leading_number(rest)?;
    let (after, unit) = trailing_word(rest, words);
    if comparator.is_none() {
        comparator = after;
    }
    Some(Quantity {
        comparator,
        number,
        // A number split by a space (`1 5个`) leaves one before its unit.
        unit: unit.trim_start().into(),
    })
}

fn leading_comparator<'t>(text: &'t str, words: &MeasureWords) -> (Option<Comparator>, &'t str) {
    // Most texts start with a digit, which no comparator starts with: settled before any
    // symbol or word is compared.
    let Some(&first) = text.as_bytes().first() else {
        return (None, text);
    };
    if !words.may_lead(first) {
        return (None, text);
    }
    let starts =
        |prefix: &str| prefix.as_bytes().first() == Some(&first) && text.starts_with(prefix);
    for (symbol, comparator) in MeasureWords::SYMBOLS {
        if starts(symbol) {
            return (Some(comparator), text.get(symbol.len()..).unwrap_or(""));
        }
    }
    for (word, comparator) in words.before() {
        if starts(word) {
            return (Some(*comparator), text.get(word.len()..).unwrap_or(""));
        }
    }
    (None, text)
}

/// A decimal at the start: optional sign, digits with optional thousands commas, an
/// optional fraction.
fn leading_number(text: &str) -> Option<(Decimal, &str)> {
    let bytes = text.as_bytes();
    let mut end = usize::from(matches!(bytes.first(), Some(b'-' | b'+')));
    let digits_start = end;
    let mut seen_point = false;
    while let Some(&b) = bytes.get(end) {
        let next_is_digit = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        match b {
            b'0'..=b'9' => end += 1,
            b'.' if !seen_point && next_is_digit && end > digits_start => {
                seen_point = true;
                end += 1;
            }
            b',' if !seen_point && end > digits_start && thousands_group(bytes, end + 1) => {
                end += 1
            }
            _ => break,
        }
    }
    if end == digits_start {
        return None;
    }
    let written = text.get(..end)?;
    let number = parse_decimal(written)?;
    // Excel writes a number too wide for its column as `1.2E+05`, and so do the CSV
    // files it saves: read as 1.2 with the unit `E+05`, a target would score against a
    // thousandth of itself with no word said.
    match exponent(bytes, end) {
        Some((power, after)) => Some((scaled(number, power)?, text.get(after..)?)),
        None => Some((number, text.get(end..)?)),
    }
}

/// The power of ten written at `at` (`e5`, `E+05`, `E-3`) and where it ends; `None`
/// where no exponent is written there (`5EB` is 5 with the unit `EB`). At most three
/// digits: a power beyond them is no number a form writes.
fn exponent(bytes: &[u8], at: usize) -> Option<(i32, usize)> {
    if !matches!(bytes.get(at), Some(b'e' | b'E')) {
        return None;
    }
    let sign = bytes.get(at + 1).copied();
    let mut end = at + 1 + usize::from(matches!(sign, Some(b'+' | b'-')));
    let digits_start = end;
    let mut power: i32 = 0;
    while let Some(&b) = bytes.get(end).filter(|b| b.is_ascii_digit()) {
        if end - digits_start == 3 {
            return None;
        }
        power = power * 10 + i32::from(b - b'0');
        end += 1;
    }
    if end == digits_start {
        return None;
    }
    Some((if sign == Some(b'-') { -power } else { power }, end))
}

/// `number` × 10^`power`, exact, with the places the written digits give (`1.2E+05` is
/// 120000, `1.5E-1` is 0.15); `None` where it does not fit a decimal.
fn scaled(number: Decimal, power: i32) -> Option<Decimal> {
    let places = i64::from(number.scale()) - i64::from(power);
    let mantissa = number.mantissa();
    if places >= 0 {
        let places = u32::try_from(places).ok()?;
        return Decimal::try_from_i128_with_scale(mantissa, places).ok();
    }
    let factor = 10i128.checked_pow(u32::try_from(-places).ok()?)?;
    Decimal::try_from_i128_with_scale(mantissa.checked_mul(factor)?, 0).ok()
}

/// A number read exactly as a form's numbers are (`data::read_decimal`: trailing zeros
/// past what a decimal holds dropped, `100.000…000%` is 100), thousands commas and a plus
/// sign left out; `None` for one with more significant digits than a number read may
/// have: rounded, `8.00…001小时` would meet `≤8小时`.
fn parse_decimal(written: &str) -> Option<Decimal> {
    // Most numbers are short and plain: read before any comma or plus is looked for.
    if let Some(number) = crate::data::decimal::short_decimal(written) {
        return Some(number);
    }
    let plain: std::borrow::Cow<'_, str> = if written.contains([',', '+']) {
        written.chars().filter(|c| *c != ',' && *c != '+').collect()
    } else {
        written.into()
    };
    crate::data::read_decimal(&plain).ok()
}

/// Whether a word (a normal text read as no quantity) holds a number with more
/// significant digits than a number read may have (`data::read_decimal`): a target or
/// actual the engine reads as a word only because of its length, which a finding should
/// say rather than "no number".
pub(crate) fn overlong_number(word: &str) -> bool {
    // Asked of every word target: most are a few characters, too short to hold one.
    if word.len() <= crate::value::exact::MOST_DIGITS_READ as usize {
        return false;
    }
    word.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .any(|run| {
            let digits: String = run.chars().filter(char::is_ascii_digit).collect();
            let significant = digits.trim_start_matches('0').trim_end_matches('0');
            significant.len() > crate::value::exact::MOST_DIGITS_READ as usize
        })
}

/// Whether exactly three digits start at `at` and no digit follows them: what a
/// thousands separator needs after it.
fn thousands_group(bytes: &[u8], at: usize) -> bool {
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    digit(at) && digit(at + 1) && digit(at + 2) && !digit(at + 3)
}

fn trailing_word<'t>(rest: &'t str, words: &MeasureWords) -> (Option<Comparator>, &'t str) {
    let last = rest.as_bytes().last();
    for (word, comparator) in words.after() {
        if word.as_bytes().last() == last
            && let Some(unit) = rest.strip_suffix(word.as_str())
        {
            return (Some(*comparator), unit);
        }
    }
    (None, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> MeasureWords {
        MeasureWords::new(
            vec![
                ("低于".to_owned(), Comparator::Lt),
                ("不低于".to_owned(), Comparator::Ge),
            ],
            vec![
                ("以下".to_owned(), Comparator::Le),
                ("及其以下".to_owned(), Comparator::Le),
                ("以上".to_owned(), Comparator::Ge),
            ],
        )
    }

    fn q(text: &str) -> Quantity {
        match read(Some(text), &words(), &["-".to_owned()]) {
            Reading::Quantity(q) => q,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn symbols_numbers_and_units() {
        let target = q(">=90%");
        assert_eq!(target.comparator, Some(Comparator::Ge));
        assert_eq!(target.number.to_string(), "90");
        assert_eq!(target.unit, "%");
        assert_eq!(q("<=8小时").unit, "小时");
        assert_eq!(q("15个").comparator, None);
        assert_eq!(q("=15个").comparator, Some(Comparator::Eq));
        assert_eq!(q("≥266米").comparator, Some(Comparator::Ge));
    }

    /// Spaces around the parts do not matter; one between two digits ends the number,
    /// so that a slip (`1 5个`) is a unit mismatch, not 15.
    #[test]
    fn a_space_between_digits_ends_the_number() {
        let spaced = q(" >= 15 个 ");
        assert_eq!(
            (spaced.number.to_string(), spaced.unit.as_ref()),
            ("15".into(), "个")
        );
        let split = q("1 5个");
        assert_eq!(
            (split.number.to_string(), split.unit.as_ref()),
            ("1".into(), "5个")
        );
        let wide = q("１５　０个");
        assert_eq!(
            (wide.number.to_string(), wide.unit.as_ref()),
            ("15".into(), "0个")
        );
        assert_eq!(q("9 5 . 5 %").number.to_string(), "9");
        // A zero-width character is no space: removed, it splits nothing.
        for (text, number, unit) in [
            ("1\u{200B}5个", "15", "个"),
            ("10\u{FEFF}0%", "100", "%"),
            ("1\u{2060}\u{200D}5个", "15", "个"),
            ("1\u{200B} 5个", "1", "5个"),
        ] {
            let read = q(text);
            assert_eq!(
                (read.number.to_string().as_str(), read.unit.as_ref()),
                (number, unit),
                "{text:?}"
            );
        }
    }

    /// A number with more digits than a sum keeps exact is a word (`not-a-number` where
    /// a number is due), never rounded: `8.00…001小时` rounded would meet `≤8小时`.
    #[test]
    fn a_number_past_the_digits_read_is_a_word() {
        let read = |text: &str| read(Some(text), &words(), &[]);
        assert!(matches!(
            read("8.0000000000000000000000001小时"),
            Reading::Quantity(_)
        ));
        for text in [
            "8.00000000000000000000000001小时",
            "8.00000000000000000000000000001小时",
            "14.99999999999999999999999999999个",
            "123456789012345678901234567",
        ] {
            assert!(matches!(read(text), Reading::Word(_)), "{text}");
        }
        // Trailing zeros are no significant digits, after the point too.
        assert_eq!(
            q("1000000000000000000000000000%").number.to_string().len(),
            28
        );
        let zeros = "0".repeat(30);
        assert_eq!(q(&format!("100.{zeros}%")).number, Decimal::from(100));
        assert_eq!(q(&format!("1.5{zeros}E+01个")).number, Decimal::from(15));
    }

    #[test]
    fn a_word_holding_a_number_too_long_is_told_from_other_words() {
        let long = "1".repeat(27);
        assert!(super::overlong_number(&format!("={long}%")));
        assert!(super::overlong_number(&format!("约{long}个")));
        assert!(super::overlong_number(&format!("0.000{long}")));
        let zeros = "0".repeat(40);
        for word in [
            "完成",
            "1 5个",
            &format!("1{zeros}"),
            &format!("{zeros}1"),
            "2023年12月31日",
        ] {
            assert!(!super::overlong_number(word), "{word}");
        }
    }

    #[test]
    fn words_before_and_after() {
        assert_eq!(q("不低于90%").comparator, Some(Comparator::Ge));
        assert_eq!(q("低于5%").comparator, Some(Comparator::Lt));
        let capped = q("15%及其以下");
        assert_eq!(capped.comparator, Some(Comparator::Le));
        assert_eq!(capped.unit, "%");
    }

    /// Every symbol and word before a number is tried where the text starts with its
    /// first byte, a word that starts with a digit too; a digit that none starts with
    /// settles that no comparator is written.
    #[test]
    fn only_first_bytes_no_comparator_starts_with_are_passed_over() {
        let words = words();
        for (symbol, _) in MeasureWords::SYMBOLS {
            assert!(words.may_lead(symbol.as_bytes()[0]), "{symbol}");
        }
        assert!(words.may_lead("不低于".as_bytes()[0]));
        assert!(!words.may_lead(b'9'));
        let odd = MeasureWords::new(vec![("1档".to_owned(), Comparator::Ge)], vec![]);
        let read = |text| match read(Some(text), &odd, &[]) {
            Reading::Quantity(q) => (q.comparator, q.number.to_string()),
            other => panic!("{other:?}"),
        };
        assert_eq!(read("1档90"), (Some(Comparator::Ge), "90".to_owned()));
        assert_eq!(read("90"), (None, "90".to_owned()));
    }

    #[test]
    fn full_width_and_spaces_do_not_matter() {
        let target = q("＞＝ ９０．５ ％");
        assert_eq!(target.comparator, Some(Comparator::Ge));
        assert_eq!(target.number.to_string(), "90.5");
        assert_eq!(target.unit, "%");
    }

    #[test]
    fn scale_is_kept_and_commas_group_thousands() {
        assert_eq!(q("94.0%").number.scale(), 1);
        assert_eq!(q("1,234.5万元").number.to_string(), "1234.5");
        assert_eq!(q("1,234,567个").number.to_string(), "1234567");
        assert_eq!(q("1,2个").unit, ",2个");
    }

    /// Excel's scientific notation (a number too wide for its column, in a CSV it saved)
    /// is the number it writes, exactly; an `e` that no digit follows starts a unit.
    #[test]
    fn scientific_notation_is_the_number() {
        let read = |text| {
            let q = q(text);
            (q.number.to_string(), q.unit.to_string())
        };
        assert_eq!(read(">=1.2E+05个"), ("120000".into(), "个".into()));
        assert_eq!(read("1e5"), ("100000".into(), String::new()));
        assert_eq!(read("9.5E+01%"), ("95".into(), "%".into()));
        assert_eq!(read("1.5E-1"), ("0.15".into(), String::new()));
        assert_eq!(read("1.50E+00万元"), ("1.50".into(), "万元".into()));
        assert_eq!(read("5EB"), ("5".into(), "EB".into()));
        assert_eq!(read("5e"), ("5".into(), "e".into()));
        assert_eq!(read("5E+"), ("5".into(), "E+".into()));
        assert_eq!(read("5E1234"), ("5".into(), "E1234".into()));
    }

    /// A power too large or too small for a decimal is no number: the text is a word,
    /// which the ruleset then reports, never an overflow.
    #[test]
    fn a_power_beyond_a_decimal_is_a_word() {
        for text in ["1E+99", "8E+28", "1E-29"] {
            assert!(
                matches!(read(Some(text), &words(), &[]), Reading::Word(_)),
                "{text}"
            );
        }
        assert_eq!(
            q("1E+28").number.to_string(),
            "10000000000000000000000000000"
        );
    }

    #[test]
    fn words_and_missing() {
        assert_eq!(
            read(Some(" 充分 "), &words(), &[]),
            Reading::Word("充分".into())
        );
        assert_eq!(
            read(Some("完成"), &words(), &[]),
            Reading::Word("完成".into())
        );
        assert_eq!(
            read(Some("-"), &words(), &["-".to_owned()]),
            Reading::Missing
        );
        assert_eq!(read(None, &words(), &[]), Reading::Missing);
        assert_eq!(
            read(Some("提升10%"), &words(), &[]),
            Reading::Word("提升10%".into())
        );
    }
}
