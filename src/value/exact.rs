//! Sums that are exact or fail.
//!
//! `Decimal::checked_add` fails only past the largest decimal; short of that, a sum that
//! needs more than 28 significant digits is rounded: `1e28 + 0.01` gives `1e28`. A
//! budget check built on that sum would pass a form that is off by 0.01, and a sum of
//! rows would depend on their order. Every sum the engine makes goes through here, and
//! one of exact terms that cannot be held exactly is an overflow, never a rounded number.
//!
//! A term of 27 significant digits or more is taken as rounded already: a quotient that
//! does not end (`100 / 3`) fills a decimal's precision, and its sums round in its last
//! digits as they always did. No form writes an amount that long that is not also at
//! the edge of what a decimal holds.

use rust_decimal::Decimal;

/// `a + b` exactly, or `None` where the exact sum is beyond a decimal.
#[must_use]
pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let sum = a.checked_add(b)?;
    // A sum keeps the larger scale of its terms unless it had to round decimals off to
    // fit: only then may it differ from the exact sum.
    if sum.scale() >= a.scale().max(b.scale()) {
        return Some(sum);
    }
    (is_exact_sum(a, b, sum) || rounded_already(a) || rounded_already(b)).then_some(sum)
}

/// `a - b` exactly, or `None` where the exact difference is beyond a decimal.
#[must_use]
pub fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    add(a, -b)
}

/// The fewest significant digits of a term taken as rounded already.
const ROUNDED_DIGITS: u32 = 27;

/// The most significant digits a number read from a form or a ruleset may have: one
/// fewer than a term taken as rounded already, so that every number read is a term
/// whose sums are exact or an error (a 29-digit amount plus 0.4 would round the 0.4
/// away, and a budget off by it would balance).
pub(crate) const MOST_DIGITS_READ: u32 = ROUNDED_DIGITS - 1;

/// Whether a number read from a form or a ruleset is within [`MOST_DIGITS_READ`]
/// significant digits, trailing zeros not counted, and short of a decimal's last place
/// (which only a result cut there reaches: [`rounded_already`]).
#[must_use]
pub fn readable(d: Decimal) -> bool {
    significant(d) < 10u128.pow(MOST_DIGITS_READ) && !at_last_place(d)
}

/// The most decimal places a decimal holds.
const LAST_PLACE: u32 = 28;

/// Whether `d` has a digit other than zero in a decimal's last place: a quotient or
/// product this small (`0.0046296…` of a weight of 16.67) was cut there, with fewer
/// significant digits than [`ROUNDED_DIGITS`], and is rounded already all the same.
fn at_last_place(d: Decimal) -> bool {
    d.scale() >= LAST_PLACE && d.mantissa() % 10 != 0
}

/// The mantissa of `d` without its trailing zeros: as many digits as `d` has
/// significant digits.
fn significant(d: Decimal) -> u128 {
    let mut digits = d.mantissa().unsigned_abs();
    while digits != 0 && digits.is_multiple_of(10) {
        digits /= 10;
    }
    digits
}

/// Whether `d` has [`ROUNDED_DIGITS`] significant digits or more, trailing zeros not
/// counted: `1e28` has one, `33.333…3` (a quotient) 29.
fn rounded_already(d: Decimal) -> bool {
    significant(d) >= 10u128.pow(ROUNDED_DIGITS - 1) || at_last_place(d)
}

/// Whether `sum`, at a smaller scale than its terms, still equals `a + b`: the decimals
/// rounded off were zeros. Compared on mantissas at the terms' scale, in 128 bits; a
/// comparison those cannot hold counts as not exact.
fn is_exact_sum(a: Decimal, b: Decimal, sum: Decimal) -> bool {
    let scale = a.scale().max(b.scale());
    let at_scale = |d: Decimal| {
        let shift = scale.checked_sub(d.scale())?;
        10i128.checked_pow(shift)?.checked_mul(d.mantissa())
    };
    let exact = at_scale(a)
        .zip(at_scale(b))
        .and_then(|(x, y)| x.checked_add(y));
    matches!((exact, at_scale(sum)), (Some(x), Some(s)) if x == s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn ordinary_sums_are_decimals_own() {
        assert_eq!(add(d("1679.7"), d("0.30")), Some(d("1680.00")));
        assert_eq!(
            add(d("9.16"), d("0.04")).map(|s| s.to_string()),
            Some("9.20".into())
        );
        assert_eq!(sub(d("100"), d("0.01")), Some(d("99.99")));
    }

    #[test]
    fn a_sum_that_would_be_rounded_is_refused() {
        assert_eq!(add(d("10000000000000000000000000000"), d("0.01")), None);
        assert_eq!(sub(d("10000000000000000000000000000"), d("0.01")), None);
        assert_eq!(add(d("0.01"), d("10000000000000000000000000000")), None);
    }

    /// A small quotient or product fills a decimal's 28 places with fewer than 27
    /// significant digits: rounded all the same, so a sum with it may round as any sum
    /// of rounded terms (a form of six rows under a ruleset without `rounding` could not
    /// be totalled). No number read reaches that place.
    #[test]
    fn a_term_cut_at_the_last_place_is_rounded_already() {
        let small = d("0.0046296296296296296296296296");
        let sum = add(d("11.50000000000000000000000000"), small);
        assert_eq!(sum, Some(d("11.504629629629629629629629630")));
        assert!(!readable(d("0.0000000000000000000000000001")));
        assert!(readable(d("0.000000000000000000000000001")));
        assert!(readable(d("1.0000000000000000000000000000")));
    }

    #[test]
    fn a_sum_that_drops_only_zeros_is_exact() {
        let big = d("10000000000000000000000000000");
        assert_eq!(add(big, d("0.00")), Some(big));
        assert_eq!(add(big, d("1.0")), Some(d("10000000000000000000000000001")));
    }

    /// A quotient's sums round in its last digits, as quotients' always have.
    #[test]
    fn a_sum_with_a_quotient_may_round() {
        let third = d("100").checked_div(d("3")).unwrap();
        let sum = add(third, d("1.9651741293532338308457711433")).unwrap();
        assert_eq!(sum, d("35.298507462686567164179104476"));
        assert_eq!(
            add(d("1.5"), d("1e-27")),
            Some(d("1.500000000000000000000000001"))
        );
    }

    #[test]
    fn a_sum_past_the_largest_decimal_is_refused() {
        assert_eq!(add(Decimal::MAX, Decimal::ONE), None);
        assert_eq!(sub(Decimal::MIN, Decimal::ONE), None);
    }

    /// No order of rows gives a wrong sum: `1e28 + 0.01 - 1e28` fails where it gave 0,
    /// and `1e28 - 1e28 + 0.01` gives 0.01.
    #[test]
    fn no_order_of_terms_gives_a_wrong_sum() {
        let (big, cent) = (d("10000000000000000000000000000"), d("0.01"));
        assert_eq!(add(big, cent).and_then(|s| add(s, -big)), None);
        assert_eq!(add(big, -big).and_then(|s| add(s, cent)), Some(cent));
    }
}
