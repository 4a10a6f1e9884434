//! A progress bar on standard error for a long run: shown only when standard error is a
//! terminal, the run has lasted a second, and `--quiet` is not given. A run that ends
//! sooner draws nothing, so short runs and their snapshots never see it; a run whose
//! standard error is a file or a pipe never writes one, so logs hold no bar.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar shows.
const DELAY: Duration = Duration::from_secs(1);

/// How often the bar redraws, whether or not a form has finished.
const TICK: Duration = Duration::from_millis(100);

/// Whether a person watches standard error: it is a terminal and `--quiet` is not
/// given. Only then is a bar drawn, or a summary that the report holds anyway written.
pub(crate) fn watched(stderr_is_terminal: bool, quiet: bool) -> bool {
    stderr_is_terminal && !quiet
}

/// Runs `work`, which calls `inc` on the bar once for each of `len` forms (from any
/// thread; `None` where the number is not known before the end, as in a JSON Lines
/// file), with a bar that shows after [`DELAY`] when `show`. The bar is gone from the
/// terminal when this returns, before anything else is written there.
pub(crate) fn with_bar<T>(
    len: Option<usize>,
    show: bool,
    work: impl FnOnce(&ProgressBar) -> T,
) -> T {
    let len = len.map(|len| u64::try_from(len).unwrap_or(u64::MAX));
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::hidden());
    if !show {
        return work(&bar);
    }
    let (done, wait) = mpsc::channel::<()>();
    let shown = &bar;
    let result = std::thread::scope(|scope| {
        let watcher = scope.spawn(move || {
            if wait.recv_timeout(DELAY) == Err(RecvTimeoutError::Timeout) {
                reveal(shown);
                // Until the work is done: the sender is dropped then.
                let _ = wait.recv();
            }
        });
        let result = work(&bar);
        drop(done);
        // The watcher may be revealing the bar this instant: wait for it, so that the
        // bar is cleared after it was drawn, never before.
        let _ = watcher.join();
        result
    });
    bar.finish_and_clear();
    result
}

fn reveal(bar: &ProgressBar) {
    // Without a length (a stream of unknown size), the count alone.
    let template = match bar.length() {
        Some(_) => crate::i18n::t!(CLI_PROGRESS),
        None => crate::i18n::t!(CLI_PROGRESS_COUNT),
    };
    let style = ProgressStyle::with_template(&template).map(|s| s.progress_chars("=> "));
    if let Ok(style) = style {
        bar.set_style(style);
    }
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar.enable_steady_tick(TICK);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_for_a_terminal_and_never_when_quiet() {
        assert!(watched(true, false));
        assert!(!watched(false, false));
        assert!(!watched(true, true));
        assert!(!watched(false, true));
    }

    #[test]
    fn the_work_runs_and_counts_whether_or_not_a_bar_shows() {
        for (len, show) in [(Some(3), false), (Some(3), true), (None, true)] {
            let counted = with_bar(len, show, |bar| {
                (0..3).for_each(|_| bar.inc(1));
                bar.position()
            });
            assert_eq!(counted, 3);
        }
    }
}
