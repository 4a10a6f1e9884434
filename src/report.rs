//! Reporting: outcomes as a table for people, as JSON for tools, and findings and
//! errors as diagnostics that point into the files.
//!
//! This is the only module that formats output; it writes into strings and leaves
//! printing to the CLI.

pub mod diagnostic;
pub mod json;
pub mod table;

use rust_decimal::Decimal;

use crate::syntax::ast::RoundingMode;
use crate::value::round_to_step;

/// A completion ratio as percentage points rounded to 0.01 for display: 1.0556 → 105.56.
#[must_use]
pub fn completion_percent(ratio: Decimal) -> Option<Decimal> {
    let points = ratio.checked_mul(Decimal::ONE_HUNDRED)?;
    round_to_step(points, Decimal::new(1, 2), RoundingMode::HalfAwayFromZero).ok()
}
