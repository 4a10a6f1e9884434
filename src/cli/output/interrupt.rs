//! An interrupted run (Ctrl-C, `kill`, a terminal closed) removes the temporary files
//! its reports were being written to before it ends. Unwinding would remove them, but a
//! signal ends the process without it: a run over a million forms cut short would leave
//! a hidden file of gigabytes beside the report, which nothing later removes. The old
//! report is untouched either way, as it is only replaced once the new one is whole.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The temporary files being written now.
static HELD: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The exit status of a run ended by a signal, as shells give one ended by SIGINT.
const INTERRUPTED: i32 = 130;

/// Removes the temporary files on SIGINT, SIGTERM or SIGHUP and ends the run with
/// status 130. Called once, before any is made; a handler that cannot be installed
/// (one is already) leaves the signals' default.
pub(crate) fn watch_interrupts() {
    let _ = ctrlc::set_handler(|| {
        remove_held();
        std::process::exit(INTERRUPTED);
    });
}

/// A temporary file made at `path`, to remove should the run be interrupted.
pub(super) fn hold(path: &Path) {
    held().push(path.to_owned());
}

/// The temporary file at `path` was renamed into place: nothing to remove.
pub(super) fn release(path: &Path) {
    held().retain(|held| held != path);
}

fn remove_held() {
    for path in held().drain(..) {
        // Gone already where it was renamed or removed in the meantime.
        let _ = std::fs::remove_file(path);
    }
}

/// The list, kept whole by a thread that panicked while holding it.
fn held() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    HELD.lock().unwrap_or_else(PoisonError::into_inner)
}
