//! The `perfeval` command line: see `perfeval --help`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match perfeval::cli::Cli::try_parse() {
        Ok(cli) => perfeval::cli::run(cli).into(),
        Err(error) => perfeval::cli::usage(&error).into(),
    }
}
