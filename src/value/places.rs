//! Rounding a decimal to a number of decimal places in 128-bit integers.
//!
//! Every indicator's score is rounded, most of them from a quotient of 28 digits (a
//! share of 55 points over seven rows, a completion of 5/6), and rounding to a step first
//! snaps the value to 18 places: two roundings a row. `Decimal::round_dp_with_strategy`
//! divides the 96-bit mantissa 32 bits at a time and builds its half-way mark by one
//! multiplication per place dropped, which made rounding a tenth of a form's scoring.
//! Here the mantissa is one `u128`: one division gives what is kept and what is dropped.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::ir::vocab::RoundingMode;

/// `10^n` for every scale a decimal can have.
#[allow(
    clippy::indexing_slicing,
    reason = "computed at compile time: an index out of range fails the build"
)]
const POWERS_OF_TEN: [u128; 29] = {
    let mut powers = [1_u128; 29];
    let mut i = 1;
    while i < powers.len() {
        powers[i] = powers[i - 1] * 10;
        i += 1;
    }
    powers
};

/// Whether `value` is one, at whatever scale it is written (`1`, `1.00`, `100%`'s
/// `1.00`): its mantissa is ten to the power of its scale.
#[must_use]
pub(crate) fn is_one(value: Decimal) -> bool {
    POWERS_OF_TEN
        .get(value.scale() as usize)
        .is_some_and(|p| value.mantissa().unsigned_abs() == *p && value.is_sign_positive())
}

/// Whether `value` lies in `0..=1` with a positive sign (a zero written `-0` does not):
/// its mantissa is at most ten to the power of its scale.
#[must_use]
pub(crate) fn is_share(value: Decimal) -> bool {
    POWERS_OF_TEN
        .get(value.scale() as usize)
        .is_some_and(|p| value.mantissa().unsigned_abs() <= *p && value.is_sign_positive())
}

/// What `value.round_dp_with_strategy(places, strategy(mode))` gives, bit for bit (the
/// sign of a zero and the scale included).
#[must_use]
pub(crate) fn round_dp(value: Decimal, places: u32, mode: RoundingMode) -> Decimal {
    let scale = value.scale();
    // Nothing to drop: rust_decimal gives the value as it is.
    if scale <= places {
        return value;
    }
    // A zero (whose sign rust_decimal keeps): as rust_decimal does.
    let Some(dropped) = scale
        .checked_sub(places)
        .filter(|d| *d > 0 && !value.is_zero())
        .and_then(|d| POWERS_OF_TEN.get(d as usize))
    else {
        return value.round_dp_with_strategy(places, strategy(mode));
    };
    let negative = value.is_sign_negative();
    let mantissa = value.mantissa().unsigned_abs();
    let (kept, rest) = (mantissa / dropped, mantissa % dropped);
    let kept = kept + u128::from(rounds_up(mode, negative, kept, rest, *dropped));
    // INVARIANT: `kept` is at most the 96-bit mantissa divided by ten, plus one: it fits
    // 96 bits. Truncating casts split it into its three 32-bit words.
    #[allow(
        clippy::cast_possible_truncation,
        reason = "each word is masked to 32 bits"
    )]
    let (lo, mid, hi) = (
        (kept & 0xFFFF_FFFF) as u32,
        ((kept >> 32) & 0xFFFF_FFFF) as u32,
        ((kept >> 64) & 0xFFFF_FFFF) as u32,
    );
    Decimal::from_parts(lo, mid, hi, negative, places)
}

/// Whether the magnitude kept goes up by one, `rest` out of `dropped` having been
/// dropped (`rest < dropped`, `dropped` a power of ten): as rust_decimal's strategies.
fn rounds_up(mode: RoundingMode, negative: bool, kept: u128, rest: u128, dropped: u128) -> bool {
    // `rest` and `dropped` are below 10^28 < 2^94: twice `rest` cannot overflow.
    let half = (2 * rest).cmp(&dropped);
    match mode {
        RoundingMode::HalfAwayFromZero => half.is_ge(),
        RoundingMode::HalfTowardZero => half.is_gt(),
        RoundingMode::HalfEven => half.is_gt() || (half.is_eq() && kept % 2 == 1),
        RoundingMode::Truncate => false,
        RoundingMode::AwayFromZero => rest != 0,
        RoundingMode::Floor => negative && rest != 0,
        RoundingMode::Ceiling => !negative && rest != 0,
    }
}

/// rust_decimal's strategy for each of the language's rounding modes.
pub(crate) fn strategy(mode: RoundingMode) -> RoundingStrategy {
    match mode {
        RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
        RoundingMode::HalfTowardZero => RoundingStrategy::MidpointTowardZero,
        RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
        RoundingMode::Truncate => RoundingStrategy::ToZero,
        RoundingMode::AwayFromZero => RoundingStrategy::AwayFromZero,
        RoundingMode::Floor => RoundingStrategy::ToNegativeInfinity,
        RoundingMode::Ceiling => RoundingStrategy::ToPositiveInfinity,
    }
}

#[cfg(test)]
mod tests {
    use super::super::samples::{at_every_scale, pseudo_random};
    use super::*;

    /// Both ways give the same bits (sign, scale and mantissa), for one value at every
    /// number of places and in every mode.
    fn agrees(value: Decimal) {
        for places in 0..=28 {
            for (_, _, mode) in RoundingMode::NAMES {
                let ours = round_dp(value, places, mode);
                let theirs = value.round_dp_with_strategy(places, strategy(mode));
                assert_eq!(
                    ours.serialize(),
                    theirs.serialize(),
                    "{value} (scale {}) to {places} places, {mode:?}: {ours} against {theirs}",
                    value.scale()
                );
            }
        }
    }

    /// Halves, just above and below them, zeros of either sign, the largest mantissa,
    /// carries into a new digit (9.995), at every scale.
    #[test]
    fn rounds_boundaries_as_rust_decimal_does() {
        let mantissas: [i128; 14] = [
            0,
            1,
            5,
            15,
            25,
            49,
            50,
            51,
            9995,
            125_000,
            2_500_000_000_000_000_000,
            4_999_999_999_999_999_999_999_999,
            5_000_000_000_000_000_000_000_001,
            79_228_162_514_264_337_593_543_950_335,
        ];
        at_every_scale(&mantissas).into_iter().for_each(agrees);
    }

    /// Pseudo-random mantissas of every size at every scale (a fixed sequence, so a
    /// failure repeats).
    #[test]
    fn rounds_any_decimal_as_rust_decimal_does() {
        pseudo_random(0x2545_F491_4F6C_DD1D, 5000).for_each(agrees);
    }
}
