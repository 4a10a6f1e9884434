//! The integration test binary: one binary for every stage, so that it links once.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly where its input is not what it expects"
)]

mod bad;
mod catalogue;
mod check;
mod cli;
mod common;
mod corpus;
mod data;
mod diff;
mod eval;
mod explain;
mod fmt;
mod i18n;
mod import;
mod import_files;
mod independent;
mod language;
mod layers;
mod link;
mod mof;
mod outcomes;
mod overrides;
mod parse;
mod policy;
mod print;
mod props;
mod ranges;
mod reports;
mod residual;
mod rulesets;
mod ruletest;
mod shell;
mod shipped;
mod stream;
mod template;
mod textmate;
mod zh;
