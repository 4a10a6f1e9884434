//! "Did you mean" for unknown keys and sections.
//!
//! On top of the crate's edit-distance `suggest`, this knows the form's labels (a key
//! written as its Chinese label) and falls back to listing the keys. It never decides
//! whether a key is wrong.

use crate::i18n::t;
use crate::text::fold_width;

/// A candidate key with the form's own words for it.
pub(crate) struct Candidate<'a> {
    /// The key.
    pub(crate) key: &'a str,
    /// The form's label (`年初预算数`).
    pub(crate) label: &'a str,
}

/// Help for an unknown key: the closest candidate if one is close, the key whose form
/// label was written in place of the key, or else the list of candidates.
pub(crate) fn help_for(unknown: &str, candidates: &[Candidate<'_>], noun: &str) -> Option<String> {
    if let Some(by_label) = by_label(unknown, candidates) {
        return Some(t!(DATA_LABEL_FOR_KEY, unknown, key = by_label));
    }
    if let Some(close) = closest(unknown, candidates) {
        return Some(t!(DID_YOU_MEAN, name = close));
    }
    list(candidates, noun)
}

/// The key that an unknown key most likely means: the one whose label it is, or the
/// nearest one. The validator does not also report that key as missing.
pub(crate) fn intended<'a>(unknown: &str, candidates: &[Candidate<'a>]) -> Option<&'a str> {
    by_label(unknown, candidates).or_else(|| closest(unknown, candidates))
}

/// The key whose label is exactly what was written (after folding widths and trimming).
fn by_label<'a>(unknown: &str, candidates: &[Candidate<'a>]) -> Option<&'a str> {
    let unknown = fold_width(unknown);
    let unknown = unknown.trim();
    candidates
        .iter()
        .find(|c| !c.label.is_empty() && fold_width(c.label).trim() == unknown)
        .map(|c| c.key)
}

/// The candidate nearest by edit distance (the crate's shared measure), also across
/// case: `Initial` finds `initial`.
fn closest<'a>(unknown: &str, candidates: &[Candidate<'a>]) -> Option<&'a str> {
    if let Some(same) = candidates
        .iter()
        .find(|c| c.key.eq_ignore_ascii_case(unknown))
    {
        return Some(same.key);
    }
    crate::suggest::nearest(unknown, candidates.iter().map(|c| c.key))
}

/// "the fields of `[budget]` are …", for a short enough list.
fn list(candidates: &[Candidate<'_>], noun: &str) -> Option<String> {
    if candidates.is_empty() || candidates.len() > 16 {
        return None;
    }
    let keys: Vec<String> = candidates.iter().map(|c| format!("`{}`", c.key)).collect();
    Some(format!(
        "{noun}{}{}",
        t!(LIST_COLON),
        keys.join(&t!(LIST_COMMA))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Vec<Candidate<'static>> {
        vec![
            Candidate {
                key: "initial",
                label: "年初预算数",
            },
            Candidate {
                key: "appropriated",
                label: "财政拨款数",
            },
        ]
    }

    #[test]
    fn suggests_a_close_key() {
        let help = help_for("appropiated", &fields(), "the fields are");
        assert_eq!(help.as_deref(), Some("did you mean `appropriated`?"));
    }

    #[test]
    fn maps_a_label_to_its_key() {
        let help = help_for("年初预算数", &fields(), "the fields are").unwrap();
        assert!(help.contains("`initial`"), "{help}");
    }

    #[test]
    fn lists_keys_when_nothing_is_close() {
        let help = help_for("zzzzzz", &fields(), "the fields are");
        assert_eq!(
            help.as_deref(),
            Some("the fields are: `initial`, `appropriated`")
        );
    }
}
