//! Policy sanity: what a ruleset can get wrong while every name and type is right.

use super::checked::RatingDef;
use super::error::CheckError;

/// A rating must give every total a grade: its last grade must be `otherwise`, and no
/// grade may follow `otherwise` (it could never apply).
pub(crate) fn rating(rating: &[RatingDef], errors: &mut Vec<CheckError>) {
    let Some(last) = rating.last() else { return };
    if let Some(first_otherwise) = rating.iter().position(|r| r.condition.is_none()) {
        for unreachable in rating.iter().skip(first_otherwise + 1) {
            errors.push(CheckError::Unreachable {
                what: format!("grade `{}`", unreachable.name),
                span: unreachable.span.into(),
                help: "a grade after `otherwise` never applies; move it before".to_owned(),
            });
        }
    } else {
        errors.push(CheckError::RatingGap {
            span: last.span.into(),
        });
    }
}
