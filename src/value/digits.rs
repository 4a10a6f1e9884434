//! Writing a decimal's digits without the formatting machinery.
//!
//! A finding's message shows the numbers it compares, and a form with many findings
//! writes many: `Decimal`'s `Display` takes one 96-bit division per digit and then the
//! formatter's padding, about a thousand instructions a number. Here the mantissa is
//! split once into two 64-bit halves of at most 19 digits each.

use std::fmt;

use rust_decimal::Decimal;

/// `10^19`, the largest power of ten a `u64` holds.
const HALF: u128 = 10_000_000_000_000_000_000;

/// Writes `value` to `out` as `value.to_string()` writes it, bit for bit: a minus sign
/// for a negative value (a negative zero too), as many decimals as the scale, a `0`
/// before a leading point. `out` is a message being written or a formatter.
pub(crate) fn write_decimal(out: &mut impl fmt::Write, value: Decimal) -> fmt::Result {
    if value.is_sign_negative() {
        out.write_char('-')?;
    }
    let mut digits = [b'0'; 40];
    let len = digits_of(value.mantissa().unsigned_abs(), &mut digits);
    let scale = value.scale() as usize;
    // The digits, most significant first, padded with zeros to at least the scale.
    let written = len.max(scale);
    let all = digits
        .get(digits.len().saturating_sub(written)..)
        .unwrap_or(&[]);
    let Some((integer, fraction)) = all.split_at_checked(written - scale) else {
        return Ok(());
    };
    out.write_str(ascii(integer).unwrap_or("0"))?;
    if let Some(fraction) = ascii(fraction) {
        out.write_char('.')?;
        out.write_str(fraction)?;
    }
    Ok(())
}

/// Writes the decimal digits of `n` at the end of `buffer` (which holds `'0'`s), and
/// gives how many there are (none for zero).
fn digits_of(n: u128, buffer: &mut [u8; 40]) -> usize {
    // INVARIANT: a mantissa is below 2^96 < 10^29, so the high half is below 10^10.
    let (high, low) = (
        u64::try_from(n / HALF).unwrap_or(0),
        u64::try_from(n % HALF).unwrap_or(0),
    );
    let mut at = buffer.len();
    let mut put = |mut part: u64, all: bool| {
        let mut count = 0;
        while part > 0 || (all && count < 19) {
            at -= 1;
            if let Some(slot) = buffer.get_mut(at) {
                // A remainder below ten is one digit: the cast keeps it whole.
                *slot = b'0' + (part % 10) as u8;
            }
            part /= 10;
            count += 1;
        }
    };
    if high > 0 {
        // The low half is written in full, its zeros included.
        put(low, true);
        put(high, false);
    } else {
        put(low, false);
    }
    buffer.len() - at
}

/// Digits as text; `None` for none.
fn ascii(digits: &[u8]) -> Option<&str> {
    // Only `'0'..='9'` are ever written to the buffer: always UTF-8.
    std::str::from_utf8(digits).ok().filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests {
    use super::super::samples::{at_every_scale, pseudo_random};
    use super::*;

    fn agrees(value: Decimal) {
        let mut ours = String::new();
        write_decimal(&mut ours, value).unwrap();
        assert_eq!(ours, value.to_string(), "scale {}", value.scale());
    }

    /// Zeros of either sign and every scale, one, tens, the powers of ten around the
    /// halves' boundary, the largest mantissa, at every scale.
    #[test]
    fn writes_boundaries_as_rust_decimal_does() {
        let mut mantissas: Vec<i128> = vec![0, 1, 9, 10, 99, 100, 123_456];
        for p in [18_u32, 19, 20, 28] {
            let power = 10_i128.pow(p);
            mantissas.extend([power - 1, power, power + 1]);
        }
        mantissas.push(79_228_162_514_264_337_593_543_950_335);
        at_every_scale(&mantissas).into_iter().for_each(agrees);
    }

    #[test]
    fn writes_any_decimal_as_rust_decimal_does() {
        pseudo_random(0x9E37_79B9_7F4A_7C15, 20_000).for_each(agrees);
    }
}
