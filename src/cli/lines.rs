//! Reading a JSON Lines file (`check --jsonl FILE`, `-` for standard input) one line at
//! a time: each line is one project, at most `--max-file-size` bytes, so that a file of
//! a million forms is never held whole. A longer line is skipped to its end without
//! being kept, and reported as that line's failure.

use std::io::{BufRead, Read};

use crate::input::Size;

/// One line that holds something.
#[derive(Debug)]
pub(crate) enum Line {
    /// Line `number` (from 1), without its line break (`\n` or `\r\n`).
    Text {
        /// The line's number in the file, from 1.
        number: usize,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// Line `number` is longer than the limit; its bytes were not kept.
    TooLong {
        /// The line's number in the file, from 1.
        number: usize,
    },
}

/// The lines of a reader that hold something other than white space, numbered as in the
/// file (blank lines count, and are skipped).
pub(crate) struct Lines<R> {
    reader: R,
    limit: Size,
    number: usize,
}

impl<R: BufRead> Lines<R> {
    /// Lines of `reader`, each at most `limit` bytes long.
    pub(crate) fn new(reader: R, limit: Size) -> Lines<R> {
        Lines {
            reader,
            limit,
            number: 0,
        }
    }

    /// The next line that is not blank; `None` at the end.
    ///
    /// # Errors
    ///
    /// The reader fails.
    pub(crate) fn next_line(&mut self) -> std::io::Result<Option<Line>> {
        loop {
            let mut bytes = Vec::new();
            // One byte more than a line may hold, for its `\n`: a line that fills it
            // without ending is too long.
            let most = self.limit.0.saturating_add(1);
            let n = self
                .reader
                .by_ref()
                .take(most)
                .read_until(b'\n', &mut bytes)?;
            if n == 0 {
                return Ok(None);
            }
            self.number += 1;
            let number = self.number;
            let ended = bytes.last() == Some(&b'\n');
            if !ended && u64::try_from(n).unwrap_or(u64::MAX) >= most {
                drop(bytes);
                self.reader.skip_until(b'\n')?;
                return Ok(Some(Line::TooLong { number }));
            }
            if ended {
                bytes.pop();
            }
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            if !is_blank(&bytes) {
                return Ok(Some(Line::Text { number, bytes }));
            }
        }
    }
}

/// White space only, or a byte-order mark and white space (the first line of a file
/// from some Windows editors).
fn is_blank(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &[u8], limit: u64) -> Vec<String> {
        let mut lines = Lines::new(text, Size(limit));
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(match line {
                Line::Text { number, bytes } => {
                    format!("{number}:{}", String::from_utf8(bytes).unwrap())
                }
                Line::TooLong { number } => format!("{number}: too long"),
            });
        }
        out
    }

    #[test]
    fn blank_lines_are_skipped_and_counted() {
        assert_eq!(
            lines(b"{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\":3}", 100),
            ["1:{\"a\":1}", "4:{\"b\":2}", "5:{\"c\":3}"]
        );
        assert!(lines(b"", 100).is_empty());
        assert!(lines(b"\n\n", 100).is_empty());
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_whole() {
        assert_eq!(
            lines(b"12345\n123456\n1234567890\n1", 6),
            ["1:12345", "2:123456", "3: too long", "4:1"]
        );
        // At the end of the input, with no line break.
        assert_eq!(lines(b"1\n1234567", 6), ["1:1", "2: too long"]);
        assert_eq!(lines(b"1\n123456", 6), ["1:1", "2:123456"]);
    }
}
