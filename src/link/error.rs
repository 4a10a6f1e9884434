//! Errors of the link stage: a ruleset whose `extends` chain or changes to its base do
//! not fit together.

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// A problem resolving `extends`, `override`, `remove` or `rename`.
#[derive(Debug, Error, Diagnostic, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// `ruleset "x" extends "missing.rules" { }` where the file does not exist.
    #[error("cannot read the base ruleset `{path}`: {reason}")]
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
        #[label("named here")]
        span: SourceSpan,
    },

    /// `ruleset "x" extends "/etc/passwd" { }`: a base is a `.rules` file, and no other
    /// file is read (or quoted) as one.
    /// Also `extends "base.rules"` where `base.rules` is a link to `/etc/passwd`.
    #[error("the base ruleset `{path}` is not a `.rules` file{}", real.as_ref().map(|r| format!(": it is `{r}`")).unwrap_or_default())]
    #[diagnostic(
        code(perfeval::link::base_not_rules),
        help("`extends` names a ruleset file, whose name ends in `.rules`; nothing else is read")
    )]
    BaseNotRules {
        /// The path as resolved.
        path: String,
        /// The file a link leads to, when the path is a link.
        real: Option<String>,
        /// The `extends` clause.
        #[label("not a ruleset file")]
        span: SourceSpan,
    },

    /// `a.rules` extends `b.rules`, which extends `a.rules`.
    #[error("the rulesets extend each other in a cycle: {chain}")]
    #[diagnostic(
        code(perfeval::link::cycle),
        help("a ruleset extends an earlier year's, never a later one")
    )]
    Cycle {
        /// The files in the cycle.
        chain: String,
        /// The `extends` clause that closes it.
        #[label("closes the cycle")]
        span: SourceSpan,
    },

    /// `override class 产出类 { … }` in a ruleset that extends nothing.
    #[error("`{what}` changes a base ruleset, but this ruleset extends none")]
    #[diagnostic(
        code(perfeval::link::no_base),
        help("add `extends \"BASE.rules\"` to the `ruleset` header, or define the item in full")
    )]
    NoBase {
        /// What was written (`override`, `remove`, `rename`).
        what: String,
        /// Where.
        #[label("needs a base")]
        span: SourceSpan,
    },

    /// `override class 产出组 { … }` where the base has no class `产出组`.
    #[error("the base ruleset has no {what} `{name}`")]
    #[diagnostic(code(perfeval::link::not_in_base))]
    NotInBase {
        /// What kind of item or entry.
        what: String,
        /// Its name.
        name: String,
        /// Where.
        #[label("not in the base")]
        span: SourceSpan,
        /// The nearest name, or how to add it.
        #[help]
        help: Option<String>,
    },

    /// `class 产出类 { … }` in a ruleset whose base already has a class `产出类`.
    #[error("the base ruleset already has {what} `{name}`")]
    #[diagnostic(
        code(perfeval::link::already_defined),
        help("write `override …` to change it, or `remove …` first to replace it")
    )]
    AlreadyDefined {
        /// What kind of item.
        what: String,
        /// Its name.
        name: String,
        /// The new definition.
        #[label("defined again here")]
        span: SourceSpan,
        /// The base's definition.
        #[label("defined in the base here")]
        first: SourceSpan,
    },

    /// `rename indicator 满意度 to …` where two categories' catalogs have that name.
    #[error("more than one {what} is named `{name}`")]
    #[diagnostic(
        code(perfeval::link::ambiguous),
        help("change the catalog with `override pool … {{ split fixed {{ … }} }}` instead")
    )]
    Ambiguous {
        /// What kind of entry.
        what: String,
        /// The name.
        name: String,
        /// Where.
        #[label("ambiguous")]
        span: SourceSpan,
    },

    /// `rename line execution_score to …`: only categories, pools, classes, indicators
    /// and checks can be renamed.
    #[error("a {what} cannot be renamed")]
    #[diagnostic(
        code(perfeval::link::cannot_rename),
        help(
            "categories, pools, classes, catalog indicators, checks and constants can be renamed; remove this item and define a new one"
        )
    )]
    CannotRename {
        /// The kind.
        what: String,
        /// Where.
        #[label("cannot be renamed")]
        span: SourceSpan,
    },

    /// `remove 资金到位率` inside a `pool` that is not an `override`.
    #[error("`remove` inside a new item removes nothing")]
    #[diagnostic(
        code(perfeval::link::remove_outside_override),
        help("`remove` entries belong in `override …` items, which change the base ruleset")
    )]
    RemoveOutsideOverride {
        /// Where.
        #[label("not in an override")]
        span: SourceSpan,
    },

    /// `override pool 共性指标 { split fixed { 过程 { 预算执行律 8 } } }` on 2023.rules: the
    /// override adds an indicator whose name is one slip from one the base has, most
    /// likely meaning to change that one. A warning: the ruleset links as written.
    #[error("the override adds a {what} `{name}`, which the base does not have")]
    #[diagnostic(code(perfeval::link::added_near_name), severity(Warning))]
    AddedNearName {
        /// What kind of entry.
        what: String,
        /// The name as written.
        name: String,
        /// Where.
        #[label("a new {what}")]
        span: SourceSpan,
        /// The base's name it is near.
        #[help]
        help: String,
    },
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
