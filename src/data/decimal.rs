//! Exact decimals read from the text they were written as.
//!
//! Numbers never pass through `f64`: `121.56` is read digit by digit into a `Decimal`
//! with the scale it was written with (`94.0` keeps one decimal). This module reads one
//! number literal; it neither trims nor folds widths (the caller does) and knows nothing
//! of fields or spans.

use rust_decimal::Decimal;

/// The most decimal places a `Decimal` holds.
const MAX_SCALE: i64 = 28;

/// The most digits a `Decimal` mantissa (96 bits, below 7.93e28) can have.
const MAX_DIGITS: usize = 29;

/// Exponents are clamped to this size: anything larger is out of range anyway, and
/// clamping keeps the arithmetic below from overflowing.
const MAX_EXPONENT: i64 = 1_000_000;

/// Why a text is not an exact decimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// Not a number literal at all (`abc`, `1,000`, `12.5万`).
    Invalid,
    /// A number literal whose value a `Decimal` cannot hold exactly (`1e40`, `1e-40`).
    OutOfRange,
    /// `nan`, `inf` and their spellings in TOML, YAML and JSON5.
    NotANumber,
}

/// Reads a number literal exactly: an optional sign, then digits with an optional
/// decimal point (`12`, `12.50`, `.5`, `5.`) and an optional exponent (`1e3`,
/// `1.5E-2`), or an integer with a radix prefix (`0x1F`, `0o17`, `0b101`). The scale is
/// the number of decimals written, less the exponent (`1.50e1` is `15.0`).
///
/// Past the digits a sum keeps exact (26 significant digits, see
/// `value::exact::readable`), a number is out of range though a decimal holds it: a
/// 29-digit amount plus 0.4 would round the 0.4 away.
pub(crate) fn read_decimal(text: &str) -> Result<Decimal, NumberError> {
    // A short number (18 digits at most) is within them: no digits counted.
    if let Some(number) = short_decimal(text) {
        return Ok(number);
    }
    read_general(text).and_then(|d| {
        if crate::value::exact::readable(d) {
            Ok(d)
        } else {
            Err(NumberError::OutOfRange)
        }
    })
}

/// [`read_decimal`] up to what a decimal holds, however many digits: for a measure's
/// number, kept as its text for the engine's reading to judge (a word there).
pub(crate) fn read_held(text: &str) -> Result<Decimal, NumberError> {
    match short_decimal(text) {
        Some(number) => Ok(number),
        None => read_general(text),
    }
}

/// [`read_decimal`] for any text: signs, exponents, radixes, long digits.
fn read_general(text: &str) -> Result<Decimal, NumberError> {
    let (negative, body) = split_sign(text);
    if is_non_finite(body) {
        return Err(NumberError::NotANumber);
    }
    let (mantissa, scale) = match radix_of(body) {
        Some((radix, digits)) => (read_radix(digits, radix)?, 0),
        None => read_positional(body)?,
    };
    let signed = if negative { -mantissa } else { mantissa };
    exact(signed, scale)
}

/// Most numbers on a form are a few digits with an optional minus and fraction: their
/// digits fit an `i64`, read here without the general parser (as exact: the digits
/// are the mantissa, those after the point the scale). `None` for anything else,
/// which the general parser reads (or refuses).
pub(crate) fn short_decimal(written: &str) -> Option<Decimal> {
    let (negative, digits) = match written.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, written),
    };
    // 18 digits always fit an i64.
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    let (mut mantissa, mut scale, mut after_point, mut any) = (0i64, 0u32, false, false);
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(b - b'0');
                scale += u32::from(after_point);
                any = true;
            }
            b'.' if !after_point => after_point = true,
            _ => return None,
        }
    }
    // A point alone is no number.
    any.then(|| Decimal::new(if negative { -mantissa } else { mantissa }, scale))
}

/// The decimal `mantissa × 10^-scale`. Trailing zeros that a `Decimal` cannot hold (more
/// than 28 decimals, or more digits than 96 bits) are dropped, since they change nothing:
/// `1679.70000…0` with 30 zeros is exactly 1679.7.
fn exact(mut mantissa: i128, scale: i64) -> Result<Decimal, NumberError> {
    let mut scale = u32::try_from(scale).map_err(|_| NumberError::OutOfRange)?;
    loop {
        match Decimal::try_from_i128_with_scale(mantissa, scale) {
            Ok(d) => return Ok(d),
            Err(_) if scale > 0 && mantissa % 10 == 0 => {
                mantissa /= 10;
                scale -= 1;
            }
            Err(_) => return Err(NumberError::OutOfRange),
        }
    }
}

/// Whether a text has some digit: a text without any is not meant as a number at all.
pub(crate) fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit())
}

fn split_sign(text: &str) -> (bool, &str) {
    if let Some(rest) = text.strip_prefix('-') {
        (true, rest)
    } else {
        (false, text.strip_prefix('+').unwrap_or(text))
    }
}

fn is_non_finite(body: &str) -> bool {
    ["nan", "inf", "infinity", ".nan", ".inf"]
        .iter()
        .any(|word| body.eq_ignore_ascii_case(word))
}

fn radix_of(body: &str) -> Option<(u32, &str)> {
    let prefix = body.get(..2)?;
    let radix = match prefix {
        "0x" => 16,
        "0o" => 8,
        "0b" => 2,
        _ => return None,
    };
    Some((radix, body.get(2..).unwrap_or("")))
}

/// An integer in base 2, 8 or 16; overflow of 128 bits is out of range (a `Decimal`
/// refuses anything above 96 bits later anyway).
fn read_radix(digits: &str, radix: u32) -> Result<i128, NumberError> {
    if digits.is_empty() {
        return Err(NumberError::Invalid);
    }
    let mut value: i128 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix).ok_or(NumberError::Invalid)?;
        value = value
            .checked_mul(i128::from(radix))
            .and_then(|v| v.checked_add(i128::from(digit)))
            .ok_or(NumberError::OutOfRange)?;
    }
    Ok(value)
}

/// Digits, an optional point and an optional exponent, as a mantissa and a scale.
fn read_positional(body: &str) -> Result<(i128, i64), NumberError> {
    let (number, exponent) = match body.find(['e', 'E']) {
        Some(at) => (
            body.get(..at).unwrap_or(""),
            read_exponent(body.get(at + 1..).unwrap_or(""))?,
        ),
        None => (body, 0),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return Err(NumberError::Invalid);
    }
    if exponent == 0 && whole.len() + fraction.len() <= MAX_SCALE_DIGITS {
        return Ok(plain(whole, fraction));
    }
    let digits = format!("{whole}{fraction}");
    let scale = i64::try_from(fraction.len()).map_err(|_| NumberError::OutOfRange)? - exponent;
    fit(digits.trim_start_matches('0'), scale)
}

/// How many digits a plain decimal may have to be read by `plain`: 28 digits stay below
/// 10^28, within a mantissa's 96 bits, and 28 decimals are within a `Decimal`'s scale.
const MAX_SCALE_DIGITS: usize = 28;

/// A plain decimal of at most `MAX_SCALE_DIGITS` digits, which `fit` would keep as it
/// is written: read digit by digit, without building the text of its digits. The digits
/// are ASCII (checked by the caller).
fn plain(whole: &str, fraction: &str) -> (i128, i64) {
    let mantissa = whole
        .bytes()
        .chain(fraction.bytes())
        .fold(0i128, |value, digit| value * 10 + i128::from(digit - b'0'));
    // At most 28, so the conversion cannot fail.
    let scale = i64::try_from(fraction.len()).unwrap_or(MAX_SCALE);
    (mantissa, scale)
}

/// An exponent's value, clamped to `±MAX_EXPONENT`.
fn read_exponent(text: &str) -> Result<i64, NumberError> {
    let (negative, digits) = split_sign(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::Invalid);
    }
    let significant = digits.trim_start_matches('0');
    let magnitude = if significant.len() > 7 {
        MAX_EXPONENT
    } else {
        significant.parse::<i64>().unwrap_or(0).min(MAX_EXPONENT)
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// Fits significant digits (no leading zeros) and a scale into what a `Decimal` holds:
/// a scale of 0..=28 and at most 29 digits. Trailing zeros are dropped only where the
/// scale would otherwise be too large, so the written scale is kept whenever it can be.
fn fit(digits: &str, scale: i64) -> Result<(i128, i64), NumberError> {
    if digits.is_empty() {
        // Zero: keep its written scale as far as a Decimal allows.
        return Ok((0, scale.clamp(0, MAX_SCALE)));
    }
    let mut digits = digits.to_owned();
    let mut scale = scale;
    while scale > MAX_SCALE && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    if scale > MAX_SCALE {
        return Err(NumberError::OutOfRange);
    }
    if scale < 0 {
        let zeros = usize::try_from(-scale).map_err(|_| NumberError::OutOfRange)?;
        if digits.len().saturating_add(zeros) > MAX_DIGITS {
            return Err(NumberError::OutOfRange);
        }
        digits.push_str(&"0".repeat(zeros));
        scale = 0;
    }
    // Trailing zeros past what a mantissa holds say nothing: drop them while there are
    // decimals to drop them from.
    while digits.len() > MAX_DIGITS && scale > 0 && digits.ends_with('0') {
        digits.pop();
        scale -= 1;
    }
    if digits.len() > MAX_DIGITS {
        return Err(NumberError::OutOfRange);
    }
    let mantissa = digits
        .parse::<i128>()
        .map_err(|_| NumberError::OutOfRange)?;
    Ok((mantissa, scale))
}

/// A percentage given in points (`95`, from `"95%"` or `95`) as the ratio it means
/// (`0.95`): the scale grows by two, which divides by 100 exactly and keeps the
/// precision written.
pub(crate) fn points_to_ratio(mut points: Decimal) -> Result<Decimal, NumberError> {
    let scale = points.scale() + 2;
    points
        .set_scale(scale)
        .map_err(|_| NumberError::OutOfRange)?;
    Ok(points)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn read(text: &str) -> Decimal {
        read_decimal(text).unwrap()
    }

    fn exact(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    /// The short reading gives what the general one and `Decimal`'s own exact parser
    /// give, scale included, and leaves them everything else.
    #[test]
    fn short_numbers_read_as_the_general_reading_reads_them() {
        let texts = [
            "0",
            "-0",
            "-0.0",
            "007",
            "0.50",
            "94.0",
            "-12.340",
            "100",
            "99.99",
            "130.01",
            "12345678901234567.8",
            "5.",
            ".5",
            "-.5",
            ".",
            "-.",
            "-",
            "",
            "1.2.3",
            "+5",
            "1e3",
            "123456789012345678",
            "-123456789012345678",
            "1234567890123456789",
            "0.000000000000000001",
            "1_000",
            " 1",
            "0x10",
        ];
        for text in texts {
            let general = read_general(text);
            match short_decimal(text) {
                Some(fast) => {
                    assert_eq!(Ok(fast), general, "{text}");
                    assert_eq!(Some(fast), Decimal::from_str_exact(text).ok(), "{text}");
                    let general = general.unwrap_or_default();
                    assert_eq!(fast.scale(), general.scale(), "{text}");
                    assert_eq!(fast.to_string(), general.to_string(), "{text}");
                }
                None => assert!(
                    text.trim_start_matches('-').len() > 18
                        || !text
                            .bytes()
                            .all(|b| b == b'-' || b == b'.' || b.is_ascii_digit())
                        || general.is_err(),
                    "{text}"
                ),
            }
        }
    }

    #[test]
    fn keeps_every_digit() {
        assert_eq!(read("121.56"), exact("121.56"));
        let long = read("1234567890.123456789");
        assert_eq!(long.to_string(), "1234567890.123456789");
        assert_eq!(long.scale(), 9);
    }

    #[test]
    fn trailing_zeros_beyond_a_decimal_are_dropped() {
        let zeros = "0".repeat(28);
        assert_eq!(read(&format!("1679.7{zeros}")), exact("1679.7"));
        assert_eq!(read(&format!("1679.7{zeros}{zeros}")), exact("1679.7"));
        assert_eq!(
            read(&format!("99999999999999999999999999.{zeros}")),
            exact("99999999999999999999999999")
        );
        assert_eq!(
            read_decimal(&format!("1679.7{zeros}1")),
            Err(NumberError::OutOfRange)
        );
    }

    #[test]
    fn keeps_the_written_scale() {
        assert_eq!(read("94.0").scale(), 1);
        assert_eq!(read("94.0").to_string(), "94.0");
        assert_eq!(read("0.00").to_string(), "0.00");
        assert_eq!(read("007").to_string(), "7");
    }

    /// Plain decimals of up to 18 digits are read digit by digit; longer ones, and any
    /// with an exponent, the long way: both give what the text says, up to 26
    /// significant digits (`value::exact::MOST_DIGITS_READ`).
    #[test]
    fn plain_and_long_decimals_agree_at_the_boundary() {
        for (text, value) in [
            ("12345678901234567890123456", "12345678901234567890123456"),
            (
                ".12345678901234567890123456",
                "0.12345678901234567890123456",
            ),
            (
                "0.0123456789012345678901234560",
                "0.0123456789012345678901234560",
            ),
            (
                "-999999999999.99999999999999",
                "-999999999999.99999999999999",
            ),
            (
                "0.0000000000000000000000000000",
                "0.0000000000000000000000000000",
            ),
            ("00000000000000000000000000001", "1"),
        ] {
            assert_eq!(read(text).to_string(), value, "{text}");
        }
        // A decimal holds them, but a sum with them would round (`1e28` digits + 0.4).
        // Nor one with a digit in a decimal's last place, where quotients are cut.
        for text in [
            "0.0012345678901234567890123456",
            "123456789012345678901234567",
            "1234567890123456789012345678",
            "12345678901234567890123456789",
            "0.1234567890123456789012345678",
            "-99999999999999.99999999999999",
            "79228162514264337593543950335",
        ] {
            assert_eq!(read_decimal(text), Err(NumberError::OutOfRange), "{text}");
        }
    }

    #[test]
    fn reads_signs_and_loose_points() {
        assert_eq!(read("+12"), exact("12"));
        assert_eq!(read("-0.5"), exact("-0.5"));
        assert_eq!(read(".5"), exact("0.5"));
        assert_eq!(read("5."), exact("5"));
    }

    #[test]
    fn reads_exponents() {
        assert_eq!(read("1e3").to_string(), "1000");
        assert_eq!(read("1.5E-2").to_string(), "0.015");
        assert_eq!(read("1.50e1").to_string(), "15.0");
        assert_eq!(read("2E+2").to_string(), "200");
        assert_eq!(read("0e999999999999").to_string(), "0");
    }

    #[test]
    fn reads_radix_integers() {
        assert_eq!(read("0x1F"), exact("31"));
        assert_eq!(read("0o17"), exact("15"));
        assert_eq!(read("0b101"), exact("5"));
        assert_eq!(read_decimal("0x"), Err(NumberError::Invalid));
        assert_eq!(read_decimal("0xZZ"), Err(NumberError::Invalid));
    }

    #[test]
    fn refuses_what_a_decimal_cannot_hold() {
        for text in [
            "1e40",
            "99999999999999999999999999999999",
            "1e-40",
            "0.00000000000000000000000000001",
            "1e99999999999999999999",
            "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        ] {
            assert_eq!(read_decimal(text), Err(NumberError::OutOfRange), "{text}");
        }
    }

    #[test]
    fn keeps_the_largest_values_read() {
        assert_eq!(
            read("99999999999999999999999999").to_string(),
            "99999999999999999999999999"
        );
        assert_eq!(read("0.1000000000000000000000000000000").scale(), 28);
    }

    #[test]
    fn refuses_non_finite_spellings() {
        for text in [
            "nan", "NaN", "+inf", "-inf", ".nan", ".inf", "-.Inf", "Infinity",
        ] {
            assert_eq!(read_decimal(text), Err(NumberError::NotANumber), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for text in [
            "", "abc", "1,000", "12.5万", "1.2.3", "e5", "1e", "--1", " 1", ".",
        ] {
            assert_eq!(read_decimal(text), Err(NumberError::Invalid), "{text:?}");
        }
    }

    #[test]
    fn full_width_digits_read_once_folded() {
        let folded = crate::text::fold_width("１６７９．７");
        assert_eq!(read(&folded), exact("1679.7"));
    }

    #[test]
    fn points_become_a_ratio_with_the_written_precision() {
        assert_eq!(points_to_ratio(read("95")).unwrap().to_string(), "0.95");
        assert_eq!(points_to_ratio(read("99.5")).unwrap().to_string(), "0.995");
        assert_eq!(points_to_ratio(read("100")).unwrap().to_string(), "1.00");
        assert_eq!(
            points_to_ratio(read(&format!("0.{}1", "0".repeat(26)))),
            Err(NumberError::OutOfRange)
        );
    }
}
