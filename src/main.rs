//! The `perfeval` command line: see `perfeval --help`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = perfeval::cli::Cli::parse();
    perfeval::cli::run(cli).into()
}
