//! Writes N generated forms of the 2023 policy as JSON Lines on standard output, one
//! form a line, for measuring `perfeval check --jsonl` at scale (BENCHMARKS.md):
//!
//! ```sh
//! cargo run --release --example gen_jsonl -- 1000000 > /tmp/m.jsonl
//! ```
//!
//! The forms are the benchmarks' corpus (benches/support): deterministic, so the same N
//! gives the same file on every machine.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a generator for benchmarks: its output is the whole point"
)]

#[path = "mod.rs"]
mod support;

use std::io::Write;

fn main() -> std::io::Result<()> {
    let count: usize = match std::env::args().nth(1).map(|n| n.replace('_', "").parse()) {
        Some(Ok(count)) => count,
        _ => {
            eprintln!("usage: gen_jsonl N > forms.jsonl");
            std::process::exit(2);
        }
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    for i in 0..count {
        out.write_all(support::corpus_json_line(i).as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
