//! A report written as it is made (`check --format jsonl`), under the rules of
//! [`super::write`] and [`super::print`]: to standard output, or to a temporary file
//! beside the `--output` file that is renamed over it only once the run is done, so that
//! an interrupted run leaves any old report whole.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::Error;
use crate::input::{self, FileId};

use super::{ReadSet, Target, begin, commit, guard, guard_report, resolve};

/// A streamed report's destination, and the write that failed, if one did: a failed
/// write ends the report, not the run, whose every failure is still said before the
/// error ends it (as when a report made whole cannot be written).
pub(crate) struct Stream(To, Option<Error>);

/// Where a streamed report goes.
enum To {
    /// Standard output: `id` when it is a regular file, never one the run read.
    Stdout {
        id: Option<FileId>,
        /// The reader went away (`| head`): the rest is not wanted.
        closed: bool,
    },
    /// The temporary file that becomes `--output`.
    File(Box<Temporary>),
}

/// The temporary file that becomes the file `path` names, resolved to `target`.
struct Temporary {
    path: PathBuf,
    target: Target,
    temp: tempfile::NamedTempFile,
}

impl Stream {
    /// Opens the report's destination: `output`, or standard output.
    ///
    /// # Errors
    ///
    /// The destination is a file the run has read so far (`read`), or `output` cannot
    /// be written (see [`super::write`]).
    pub(crate) fn open(output: Option<&Path>, read: &ReadSet) -> Result<Stream, Error> {
        let Some(path) = output else {
            let stream = Stream(
                To::Stdout {
                    id: input::stdout_file_id(),
                    closed: false,
                },
                None,
            );
            stream.guard(read)?;
            return Ok(stream);
        };
        let target = resolve(path)?;
        guard_report(path, &target, read)?;
        let temp = begin(&target).map_err(|error| Error::Output {
            path: path.to_owned(),
            error,
        })?;
        let temporary = Temporary {
            path: path.to_owned(),
            target,
            temp,
        };
        Ok(Stream(To::File(Box::new(temporary)), None))
    }

    /// Writes the next part of the report; `false` once standard output is closed, or
    /// once a write has failed (the error is [`Stream::finish`]'s): nothing is written
    /// after either, so a caller need not keep count of it.
    ///
    /// # Errors
    ///
    /// Standard output is a file read since.
    pub(crate) fn write(&mut self, bytes: &[u8], read: &ReadSet) -> Result<bool, Error> {
        if self.1.is_some() {
            return Ok(false);
        }
        match self.write_now(bytes, read) {
            Err(error @ (Error::Stdout { .. } | Error::Output { .. })) => {
                self.1 = Some(error);
                Ok(false)
            }
            written => written,
        }
    }

    fn write_now(&mut self, bytes: &[u8], read: &ReadSet) -> Result<bool, Error> {
        // A file is checked when it is opened and before it is renamed into place: its
        // check looks at every path read, too slow for every batch.
        if let To::Stdout { .. } = self.0 {
            self.guard(read)?;
        }
        match &mut self.0 {
            To::Stdout { closed: true, .. } => Ok(false),
            To::Stdout { closed, .. } => {
                let mut stdout = std::io::stdout().lock();
                match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                    Ok(()) => Ok(true),
                    Err(error) if error.kind() == ErrorKind::BrokenPipe => {
                        *closed = true;
                        Ok(false)
                    }
                    Err(error) => Err(Error::Stdout { error }),
                }
            }
            To::File(file) => {
                file.temp.write_all(bytes).map_err(|error| Error::Output {
                    path: file.path.clone(),
                    error,
                })?;
                Ok(true)
            }
        }
    }

    /// Ends the report: the file is renamed into place, unless the run has read it
    /// after all, in which case it is left as it was.
    ///
    /// # Errors
    ///
    /// A write failed, as [`Stream::write`], or the rename fails.
    pub(crate) fn finish(self, read: &ReadSet) -> Result<(), Error> {
        if let Some(error) = self.1 {
            // The temporary file, dropped, is removed: the old report stays whole.
            return Err(error);
        }
        self.guard(read)?;
        match self.0 {
            To::Stdout { .. } => Ok(()),
            To::File(file) => {
                let Temporary { path, target, temp } = *file;
                commit(&target, temp).map_err(|error| Error::Output { path, error })
            }
        }
    }

    /// Refuses a destination that is a file the run read.
    fn guard(&self, read: &ReadSet) -> Result<(), Error> {
        match &self.0 {
            To::Stdout { id: Some(id), .. } => match read.find(id) {
                Some(input) => Err(Error::OverInput {
                    output: None,
                    input: input.to_owned(),
                }),
                None => Ok(()),
            },
            To::Stdout { id: None, .. } => Ok(()),
            To::File(file) => guard(&file.path, &file.target, read),
        }
    }
}
