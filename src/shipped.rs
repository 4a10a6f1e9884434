//! The rulesets that ship with perfeval (`rulesets/*.rules`), compiled into the program
//! so that `--rules 2023` and `extends "2023.rules"` work in any folder.
//!
//! [`RULESETS`] is the one list of them; a test fails when a `.rules` file of
//! `rulesets/` is not in it. Their texts are part of the binary: naming one reads no
//! file, so none of the promises about reading files is at stake.

use std::path::{Component, Path};

use crate::i18n::t;

/// A ruleset compiled into perfeval.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shipped {
    /// Its file name in `rulesets/`: `2023.rules`.
    pub file: &'static str,
    /// Its text, byte for byte as the file holds it.
    pub text: &'static str,
}

/// Every shipped ruleset, in file-name order.
pub const RULESETS: &[Shipped] = &[
    Shipped {
        file: "2023.rules",
        text: include_str!("../rulesets/2023.rules"),
    },
    Shipped {
        file: "2023.zh.rules",
        text: include_str!("../rulesets/2023.zh.rules"),
    },
    Shipped {
        file: "mof-2020.rules",
        text: include_str!("../rulesets/mof-2020.rules"),
    },
];

/// The folder shipped rulesets are said to be in: diagnostics and `perfeval show` name
/// them `<shipped>/2023.rules`, so that no one looks for them on disk.
pub const FOLDER: &str = "<shipped>";

impl Shipped {
    /// Its name without `.rules`: `2023`.
    #[must_use]
    pub fn name(&self) -> &'static str {
        strip_rules(self.file)
    }

    /// The name its sources go by: `<shipped>/2023.rules`.
    #[must_use]
    pub fn path(&self) -> String {
        format!("{FOLDER}/{}", self.file)
    }
}

/// The shipped ruleset `name` means: `2023` or `2023.rules` (`.rules` in any case).
#[must_use]
pub fn find(name: &str) -> Option<&'static Shipped> {
    let name = strip_rules(name);
    RULESETS.iter().find(|shipped| shipped.name() == name)
}

/// The shipped ruleset a path names, when it is a name alone (no folder, not even
/// `./`): only such a path may mean a shipped ruleset.
#[must_use]
pub fn named(path: &Path) -> Option<&'static Shipped> {
    bare(path).and_then(find)
}

/// A path that is a name alone, as text: `2023.rules`, not `./2023.rules`.
#[must_use]
pub fn bare(path: &Path) -> Option<&str> {
    let mut components = path.components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(name)), None) => name.to_str(),
        _ => None,
    }
}

/// The shipped ruleset a source's name is (`<shipped>/2023.rules`).
#[must_use]
pub fn of_source(name: &str) -> Option<&'static Shipped> {
    name.strip_prefix(FOLDER)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(find)
}

/// Whether a source's name is a shipped ruleset's (`<shipped>/2023.rules`).
#[must_use]
pub fn is_shipped_source(name: &str) -> bool {
    of_source(name).is_some()
}

/// Help for a name that is no shipped ruleset's: the nearest one, then all of them.
#[must_use]
pub fn help_for(name: &str) -> String {
    let stem = strip_rules(name);
    // Another year's policy is never offered for a year's: `2024` is not a slip of
    // `2023`, and following the suggestion would score 2024's forms under 2023's rules.
    let names = RULESETS
        .iter()
        .map(Shipped::name)
        .filter(|shipped| digits(shipped) == digits(stem));
    let nearest = crate::suggest::did_you_mean(stem, names)
        .map(|d| format!("{d} "))
        .unwrap_or_default();
    let all: Vec<String> = RULESETS
        .iter()
        .map(|shipped| format!("`{}`", shipped.name()))
        .collect();
    let list = all.join(&t!(LIST_COMMA));
    format!("{nearest}{}", t!(RULESETS_SHIPPED, list))
}

/// The digits of a name, in order: its years and numbers.
fn digits(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
}

/// `2023` for `2023.rules` (or `2023.RULES`); other names as they are.
fn strip_rules(name: &str) -> &str {
    let cut = name.len().saturating_sub(".rules".len());
    match (name.get(..cut), name.get(cut..)) {
        (Some(stem), Some(end)) if !stem.is_empty() && end.eq_ignore_ascii_case(".rules") => stem,
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_or_without_the_ending() {
        assert_eq!(find("2023").map(|s| s.file), Some("2023.rules"));
        assert_eq!(find("2023.rules").map(|s| s.file), Some("2023.rules"));
        assert_eq!(find("2023.RULES").map(|s| s.file), Some("2023.rules"));
        assert_eq!(find("2023.zh").map(|s| s.file), Some("2023.zh.rules"));
        assert_eq!(find("mof-2020").map(|s| s.file), Some("mof-2020.rules"));
        assert_eq!(find(".rules"), None);
        assert_eq!(find("2024"), None);
        assert_eq!(find(""), None);
    }

    #[test]
    fn only_a_name_alone_is_shipped() {
        assert!(named(Path::new("2023")).is_some());
        assert!(named(Path::new("2023.rules")).is_some());
        assert!(named(Path::new("./2023.rules")).is_none());
        assert!(named(Path::new("rulesets/2023.rules")).is_none());
        assert!(named(Path::new("/2023.rules")).is_none());
    }

    #[test]
    fn sources_are_known_by_their_folder() {
        assert!(is_shipped_source("<shipped>/2023.rules"));
        assert!(!is_shipped_source("<shipped>/2024.rules"));
        assert!(!is_shipped_source("rulesets/2023.rules"));
    }

    #[test]
    fn help_names_the_nearest_and_all() {
        let help = help_for("2023zh.rules");
        assert!(
            help.starts_with(
                "did you mean `2023.zh`? perfeval ships `2023`, `2023.zh`, `mof-2020`"
            ),
            "{help}"
        );
        // Another year is another policy, never a slip.
        assert!(help_for("2024.rules").starts_with("perfeval ships"));
        assert!(help_for("mof-2021").starts_with("perfeval ships"));
        assert!(help_for("mof2020").starts_with("did you mean `mof-2020`?"));
        assert!(help_for("xyz").starts_with("perfeval ships"));
    }
}
