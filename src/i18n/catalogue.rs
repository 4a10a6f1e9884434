//! The catalogue: every text perfeval writes, in English and in Chinese, by stage.
//!
//! An entry is its key (upper-case, the name code uses: `t!(CHECK_UNKNOWN_FIELD, …)`),
//! then its English and its Chinese text:
//!
//! ```text
//! /// What the entry is for, where the texts alone do not say.
//! CHECK_UNKNOWN_FIELD {
//!     en: "unknown field `{name}`",
//!     zh: "未知字段 `{name}`",
//! }
//! ```
//!
//! Keys follow the codes: a diagnostic `perfeval::check::unknown_field` has its message
//! under `CHECK_UNKNOWN_FIELD`, its help under `CHECK_UNKNOWN_FIELD_HELP` and its labels
//! under `CHECK_UNKNOWN_FIELD_LABEL` (or `…_LABEL_<WHAT>`); an engine finding
//! `unit-mismatch` under `FINDING_UNIT_MISMATCH`; a command-line command or argument
//! under `CLI_<COMMAND>` and `CLI_<COMMAND>_<ARG>`. Both texts are one sentence with no
//! final stop, with the same `{placeholders}`; user input stays in backticks in both.
//! Chinese uses full-width punctuation, with a space between Chinese and backticked
//! text, Latin words or numbers.

use super::Msg;

/// Defines the entries of one section, and the section (`SECTION_CHECK`): all of them in
/// order.
macro_rules! catalogue {
    ($section:ident; $($(#[doc = $doc:literal])* $key:ident { en: $en:literal, zh: $zh:literal $(,)? })*) => {
        $(
            $(#[doc = $doc])*
            pub(crate) const $key: Msg = Msg { key: stringify!($key), en: $en, zh: $zh };
        )*
        /// Every entry of this section, in order.
        pub(crate) const $section: &[Msg] = &[$($key),*];
    };
}

mod check;
mod cli;
mod common;
mod data;
mod diff;
mod eval;
mod finding;
mod import;
mod io;
mod link;
mod parse;
mod rulesets;
mod ruletest;
mod template;

pub(crate) use check::*;
pub(crate) use cli::*;
pub(crate) use common::*;
pub(crate) use data::*;
pub(crate) use diff::*;
pub(crate) use eval::*;
pub(crate) use finding::*;
pub(crate) use import::*;
pub(crate) use io::*;
pub(crate) use link::*;
pub(crate) use parse::*;
pub(crate) use rulesets::*;
pub(crate) use ruletest::*;
pub(crate) use template::*;

/// Every section, in the order entries are listed.
pub(crate) const SECTIONS: &[&[Msg]] = &[
    SECTION_COMMON,
    SECTION_PARSE,
    SECTION_LINK,
    SECTION_RULESETS,
    SECTION_CHECK,
    SECTION_DATA,
    SECTION_EVAL,
    SECTION_FINDING,
    SECTION_IMPORT,
    SECTION_DIFF,
    SECTION_TEST,
    SECTION_TEMPLATE,
    SECTION_IO,
    SECTION_CLI,
];
