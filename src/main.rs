//! The command line `perfeval`: see `perfeval --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    perfeval::cli::main(std::env::args_os().collect()).into()
}
