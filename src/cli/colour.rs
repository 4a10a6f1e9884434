//! Whether to colour what is written: `--color auto|always|never`, and for `auto` the
//! conventions of `NO_COLOR` (no-color.org) and `CLICOLOR_FORCE`.
//!
//! The choice holds for the whole process, as the terminal does: it is set once from the
//! command line and read wherever a diagnostic is rendered, rather than passed down
//! through every function that may print one.

use std::ffi::OsString;
use std::sync::atomic::{AtomicU8, Ordering};

use clap::ValueEnum;

/// When to colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
#[repr(u8)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (not empty); also elsewhere when
    /// `CLICOLOR_FORCE` is set (not empty, not `0`).
    #[default]
    Auto,
    /// Always, even in a pipe or a file (standard output and error only; a report
    /// written with `--output` never has colour).
    Always,
    /// Never.
    Never,
}

/// The choice of this process; `Auto` until the command line says otherwise.
static CHOICE: AtomicU8 = AtomicU8::new(ColorChoice::Auto as u8);

/// Sets the choice for the rest of the process.
pub(crate) fn set(choice: ColorChoice) {
    CHOICE.store(choice as u8, Ordering::Relaxed);
}

fn choice() -> ColorChoice {
    match CHOICE.load(Ordering::Relaxed) {
        x if x == ColorChoice::Always as u8 => ColorChoice::Always,
        x if x == ColorChoice::Never as u8 => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}

/// Whether to colour a stream, given whether it is a terminal.
pub(crate) fn enabled(stream_is_terminal: bool) -> bool {
    decide(
        choice(),
        stream_is_terminal,
        std::env::var_os("NO_COLOR"),
        std::env::var_os("CLICOLOR_FORCE"),
    )
}

/// The rule, apart from the process: `NO_COLOR` wins over `CLICOLOR_FORCE`, and both
/// over the terminal, for `auto` only; an empty variable counts as unset.
fn decide(
    choice: ColorChoice,
    terminal: bool,
    no_color: Option<OsString>,
    force: Option<OsString>,
) -> bool {
    let set = |v: &Option<OsString>| v.as_ref().is_some_and(|v| !v.is_empty());
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set(&no_color) => false,
        ColorChoice::Auto if set(&force) && force.as_deref() != Some("0".as_ref()) => true,
        ColorChoice::Auto => terminal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(v: &str) -> Option<OsString> {
        Some(v.into())
    }

    #[test]
    fn auto_follows_the_terminal() {
        assert!(decide(ColorChoice::Auto, true, None, None));
        assert!(!decide(ColorChoice::Auto, false, None, None));
    }

    #[test]
    fn no_color_disables_and_an_empty_one_does_not() {
        assert!(!decide(ColorChoice::Auto, true, os("1"), None));
        assert!(decide(ColorChoice::Auto, true, os(""), None));
        assert!(!decide(ColorChoice::Auto, false, os("1"), os("1")));
    }

    #[test]
    fn clicolor_force_forces_unless_zero() {
        assert!(decide(ColorChoice::Auto, false, None, os("1")));
        assert!(!decide(ColorChoice::Auto, false, None, os("0")));
        assert!(!decide(ColorChoice::Auto, false, None, os("")));
    }

    #[test]
    fn the_flag_wins_over_the_environment() {
        assert!(decide(ColorChoice::Always, false, os("1"), None));
        assert!(!decide(ColorChoice::Never, true, None, os("1")));
    }
}
