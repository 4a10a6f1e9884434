//! What perfeval promises about the files it reads and writes (SECURITY.md), each
//! promise a test named after it, with the attack that broke it in a comment.
//!
//! Every run of the binary is bounded: it is killed after [`common::TIMEOUT`] and its
//! address space is capped, so a regression fails a test instead of hanging the suite or
//! eating the machine's memory. The tests run as root and as an ordinary user; those
//! that need root (device nodes, owners) say so and pass without it. Set
//! `PERFEVAL_BIN` to run them against another build of the binary.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a test fails loudly where its input is not what it expects"
)]

mod common;
mod listed;
mod numbers;
mod reads;
mod rulesets;
mod scores;
mod terminal;
mod time;
mod walks;
mod writes;
