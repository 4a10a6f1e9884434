//! An interrupted run (Ctrl-C, `kill`, a terminal closed) removes the temporary files
//! its reports were being written to, then ends as the signal would have ended it. A
//! signal ends the process without unwinding, so without this a run over a million forms
//! cut short would leave a hidden file of gigabytes beside the report, which nothing
//! later removes. The old report is untouched either way: it is only replaced once the
//! new one is whole.
//!
//! The run still dies of the signal (status 128 + N to a shell, so a script's loop stops
//! at Ctrl-C as it did), and a signal the run was started with ignored (`nohup`, a
//! background job of a script) stays ignored.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The temporary files being written now.
static HELD: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The folders this run makes temporary files in, named before each file is made: a
/// signal between a file's making and its holding (a few instructions, which a loaded
/// machine can stretch) still finds it there, by the run's own prefix.
static FOLDERS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// How this run's temporary files begin: hidden, and with the process's number, so that
/// no other run's file is ever taken for one of ours.
pub(super) fn temporary_prefix() -> String {
    format!(".perfeval-{}-", std::process::id())
}

/// A folder a temporary file is about to be made in.
pub(super) fn watch_folder(folder: &Path) {
    let mut folders = FOLDERS.lock().unwrap_or_else(PoisonError::into_inner);
    if !folders.iter().any(|f| f == folder) {
        folders.push(folder.to_owned());
    }
}

/// Removes the temporary files on SIGINT, SIGTERM or SIGHUP, then lets the signal end
/// the run. Called once, before any temporary file is made; where the signals cannot be
/// watched, they keep their default.
#[cfg(unix)]
pub(crate) fn watch_interrupts() {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    let ignored = ignored_at_start();
    let watched: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter(|signal| !ignored.contains(signal))
        .collect();
    if watched.is_empty() {
        return;
    }
    let Ok(mut signals) = signal_hook::iterator::Signals::new(&watched) else {
        return;
    };
    // A thread that cannot be made drops the watch, which unregisters it: the run goes
    // on unwatched, as before there was a watcher.
    let _ = std::thread::Builder::new()
        .name("interrupts".to_owned())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                remove_held();
                // The default action of these signals ends the process; should it not,
                // the status a shell gives a process the signal ended.
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
}

#[cfg(not(unix))]
pub(crate) fn watch_interrupts() {}

/// The signals the process started with ignored, from `SigIgn` in `/proc/self/status`
/// (Linux): a mask in hexadecimal, bit N − 1 for signal N. Elsewhere, none is known.
#[cfg(unix)]
fn ignored_at_start() -> Vec<i32> {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return Vec::new();
    };
    let mask = status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .unwrap_or(0);
    (1..=64)
        .filter(|signal: &i32| mask >> (signal - 1) & 1 == 1)
        .collect()
}

/// A temporary file made at `path`, to remove should the run be interrupted.
pub(super) fn hold(path: &Path) {
    held().push(path.to_owned());
}

/// The temporary file at `path` was renamed into place: nothing to remove.
pub(super) fn release(path: &Path) {
    held().retain(|held| held != path);
}

#[cfg(unix)]
fn remove_held() {
    for path in held().drain(..) {
        // Gone already where it was renamed or removed in the meantime.
        let _ = std::fs::remove_file(path);
    }
    let prefix = temporary_prefix();
    let folders = FOLDERS.lock().unwrap_or_else(PoisonError::into_inner);
    for folder in folders.iter() {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let ours = name
                .to_str()
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".tmp"));
            if ours {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The list, kept whole by a thread that panicked while holding it.
fn held() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    HELD.lock().unwrap_or_else(PoisonError::into_inner)
}
