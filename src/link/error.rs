//! Errors of the link stage: a ruleset whose `extends` chain or changes to its base do
//! not fit together.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use crate::i18n::t;

/// A problem resolving `extends`, `override`, `remove` or `rename`.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// `ruleset "x" extends "missing.rules" { }` where the file does not exist.
    #[error("{}", t!(LINK_MISSING_BASE, .path, .reason))]
    #[diagnostic(code(perfeval::link::missing_base))]
    MissingBase {
        /// The path as resolved.
        path: String,
        /// Why it cannot be read.
        reason: String,
        /// Where bases are looked for (for a name alone, the shipped rulesets too).
        #[help]
        help: String,
        /// The `extends` clause.
        #[label("{}", t!(LINK_MISSING_BASE_LABEL))]
        span: SourceSpan,
    },

    /// `ruleset "x" extends "/etc/passwd" { }`: a base is a `.rules` file, and no other
    /// file is read (or quoted) as one.
    /// Also `extends "base.rules"` where `base.rules` is a link to `/etc/passwd`.
    #[error("{}", base_not_rules(.path, .real.as_deref()))]
    #[diagnostic(code(perfeval::link::base_not_rules), help("{}", .meant.as_ref().map_or_else(|| t!(LINK_BASE_NOT_RULES_HELP), |name| t!(DID_YOU_MEAN, name))))]
    BaseNotRules {
        /// The path as resolved.
        path: String,
        /// The file a link leads to, when the path is a link.
        real: Option<String>,
        /// The `.rules` file the name likely means (`2023.rule` is `2023.rules`).
        meant: Option<String>,
        /// The `extends` clause.
        #[label("{}", t!(LINK_BASE_NOT_RULES_LABEL))]
        span: SourceSpan,
    },

    /// `a.rules` extends `b.rules`, which extends `a.rules`.
    #[error("{}", t!(LINK_CYCLE, .chain))]
    #[diagnostic(code(perfeval::link::cycle), help("{}", t!(LINK_CYCLE_HELP)))]
    Cycle {
        /// The files in the cycle.
        chain: String,
        /// The `extends` clause that closes it.
        #[label("{}", t!(LINK_CYCLE_LABEL))]
        span: SourceSpan,
    },

    /// A chain of `extends` longer than the limit, with no cycle in it.
    #[error("{}", t!(LINK_TOO_LONG, .limit, .chain))]
    #[diagnostic(code(perfeval::link::too_long), help("{}", t!(LINK_TOO_LONG_HELP)))]
    ChainTooLong {
        /// The files of the chain, the newest first.
        chain: String,
        /// The most files a chain may have.
        limit: usize,
        /// The `extends` clause past the limit.
        #[label("{}", t!(LINK_TOO_LONG_LABEL))]
        span: SourceSpan,
    },

    /// `override class 产出类 { … }` in a ruleset that extends nothing.
    #[error("{}", t!(LINK_NO_BASE, .what))]
    #[diagnostic(code(perfeval::link::no_base), help("{}", t!(LINK_NO_BASE_HELP)))]
    NoBase {
        /// What was written (`override`, `remove`, `rename`).
        what: String,
        /// Where.
        #[label("{}", t!(LINK_NO_BASE_LABEL))]
        span: SourceSpan,
    },

    /// `override class 产出组 { … }` where the base has no class `产出组`.
    #[error("{}", t!(LINK_NOT_IN_BASE, .what, .name))]
    #[diagnostic(code(perfeval::link::not_in_base))]
    NotInBase {
        /// What kind of item or entry.
        what: String,
        /// Its name.
        name: String,
        /// Where.
        #[label("{}", t!(LINK_NOT_IN_BASE_LABEL))]
        span: SourceSpan,
        /// The nearest name, or how to add it.
        #[help]
        help: Option<String>,
    },

    /// `class 产出类 { … }` in a ruleset whose base already has a class `产出类`.
    #[error("{}", t!(LINK_ALREADY_DEFINED, .what, .name))]
    #[diagnostic(
        code(perfeval::link::already_defined),
        help("{}", t!(LINK_ALREADY_DEFINED_HELP))
    )]
    AlreadyDefined {
        /// What kind of item.
        what: String,
        /// Its name.
        name: String,
        /// The new definition.
        #[label("{}", t!(LABEL_DEFINED_AGAIN))]
        span: SourceSpan,
        /// The base's definition.
        #[label("{}", t!(LINK_ALREADY_DEFINED_LABEL_BASE))]
        first: SourceSpan,
    },

    /// `rename indicator 满意度 to …` where two categories' catalogs have that name.
    #[error("{}", t!(LINK_AMBIGUOUS, .what, .name))]
    #[diagnostic(code(perfeval::link::ambiguous), help("{}", t!(LINK_AMBIGUOUS_HELP)))]
    Ambiguous {
        /// What kind of entry.
        what: String,
        /// The name.
        name: String,
        /// Where.
        #[label("{}", t!(LINK_AMBIGUOUS_LABEL))]
        span: SourceSpan,
    },

    /// `rename line execution_score to …`: only categories, pools, classes, indicators
    /// and checks can be renamed.
    #[error("{}", t!(LINK_CANNOT_RENAME, .what))]
    #[diagnostic(code(perfeval::link::cannot_rename), help("{}", t!(LINK_CANNOT_RENAME_HELP)))]
    CannotRename {
        /// The kind.
        what: String,
        /// Where.
        #[label("{}", t!(LINK_CANNOT_RENAME_LABEL))]
        span: SourceSpan,
    },

    /// `remove 资金到位率` inside a `pool` that is not an `override`.
    #[error("{}", t!(LINK_REMOVE_OUTSIDE_OVERRIDE))]
    #[diagnostic(
        code(perfeval::link::remove_outside_override),
        help("{}", t!(LINK_REMOVE_OUTSIDE_OVERRIDE_HELP))
    )]
    RemoveOutsideOverride {
        /// Where.
        #[label("{}", t!(LINK_REMOVE_OUTSIDE_OVERRIDE_LABEL))]
        span: SourceSpan,
    },

    /// `override pool 共性指标 { split fixed { 过程 { 预算执行律 8 } } }` on 2023.rules: the
    /// override adds an indicator whose name is one slip from one the base has, most
    /// likely meaning to change that one. A warning: the ruleset links as written.
    #[error("{}", t!(LINK_ADDED_NEAR_NAME, .what, .name))]
    #[diagnostic(code(perfeval::link::added_near_name), severity(Warning))]
    AddedNearName {
        /// What kind of entry.
        what: String,
        /// The name as written.
        name: String,
        /// Where.
        #[label("{}", t!(LINK_ADDED_NEAR_NAME_LABEL, .what))]
        span: SourceSpan,
        /// The base's name it is near.
        #[help]
        help: String,
    },
}

/// The message of [`LinkError::BaseNotRules`].
fn base_not_rules(path: &str, real: Option<&str>) -> String {
    match real {
        Some(real) => t!(LINK_BASE_NOT_RULES_LINK, path, real),
        None => t!(LINK_BASE_NOT_RULES, path),
    }
}

impl LinkError {
    /// Whether this is a warning: the ruleset still links, and the problem is shown.
    #[must_use]
    pub fn is_warning(&self) -> bool {
        matches!(self, LinkError::AddedNearName { .. })
    }

    /// The stable code, as in the diagnostic.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            LinkError::MissingBase { .. } => "perfeval::link::missing_base",
            LinkError::BaseNotRules { .. } => "perfeval::link::base_not_rules",
            LinkError::Cycle { .. } => "perfeval::link::cycle",
            LinkError::ChainTooLong { .. } => "perfeval::link::too_long",
            LinkError::NoBase { .. } => "perfeval::link::no_base",
            LinkError::NotInBase { .. } => "perfeval::link::not_in_base",
            LinkError::AlreadyDefined { .. } => "perfeval::link::already_defined",
            LinkError::Ambiguous { .. } => "perfeval::link::ambiguous",
            LinkError::CannotRename { .. } => "perfeval::link::cannot_rename",
            LinkError::RemoveOutsideOverride { .. } => "perfeval::link::remove_outside_override",
            LinkError::AddedNearName { .. } => "perfeval::link::added_near_name",
        }
    }
}
