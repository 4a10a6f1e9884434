//! The command line `perfeval`: see `perfeval --help`.

use std::process::ExitCode;

/// Evaluation makes many small, short-lived values (texts, rows' states, findings) on
/// every thread; mimalloc serves them from per-thread pages, where the system allocator
/// spent a fifth of the time of scoring a form (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    perfeval::cli::main(std::env::args_os().collect()).into()
}
