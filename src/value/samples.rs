//! Decimals for the tests that hold this module's integer arithmetic to rust_decimal's.

use rust_decimal::Decimal;

/// Each mantissa at every scale, with either sign, and a negative zero at every scale
/// (which rust_decimal keeps as such).
pub(super) fn at_every_scale(mantissas: &[i128]) -> Vec<Decimal> {
    let mut values = Vec::new();
    for &m in mantissas {
        for scale in 0..=28 {
            let value = Decimal::from_i128_with_scale(m, scale);
            values.extend([value, -value]);
        }
    }
    values
}

/// `count` pseudo-random decimals of every mantissa width (0 to 96 bits), scale and sign:
/// a fixed sequence for each seed, so that a failure repeats.
pub(super) fn pseudo_random(seed: u64, count: usize) -> impl Iterator<Item = Decimal> {
    let mut seed = seed;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count).map(move |_| {
        let bits = next() % 97;
        let wide = (u128::from(next()) << 64 | u128::from(next())) >> (128 - bits.max(1));
        let mantissa = i128::try_from(wide).unwrap_or(0);
        let scale = u32::try_from(next() % 29).unwrap_or(0);
        let sign = if next() % 2 == 0 { 1 } else { -1 };
        Decimal::from_i128_with_scale(sign * mantissa, scale)
    })
}
