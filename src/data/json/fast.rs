//! A quick reader for the JSON that project files nearly always are: objects, arrays,
//! strings without escapes, plain numbers, `true`, `false`, `null`, and ASCII spaces
//! between them.
//!
//! It gives the tree that `jsonc_parser` gives for the same text, or nothing: at the
//! first thing it does not read (an escape, a comment, any syntax error, other
//! whitespace, `NaN`), it stops, and the full parser reads the file from the start.
//! That parser alone decides what is an error and says so; this one only skips building
//! its syntax tree for files without any.

use super::super::tree::{Entry, Kind, MAX_DEPTH, Node};
use crate::source::Span;

/// The document's value, or `None` for the full parser to read.
pub(super) fn read(text: &str) -> Option<Node> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        entries: Vec::new(),
        items: Vec::new(),
    };
    reader.space();
    let root = reader.value(1)?;
    reader.space();
    (reader.at == reader.bytes.len()).then_some(root)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
    /// The entries of the objects being read, innermost last: each object's are moved
    /// into a vector of their own size when it closes, instead of growing one per
    /// object a few entries at a time.
    entries: Vec<Entry>,
    /// The same for the items of arrays.
    items: Vec<Node>,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Steps over `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        if next {
            self.at += 1;
        }
        next
    }

    /// JSON's own whitespace; the full parser also skips others, which stop this one.
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => {
                let (text, span) = self.string()?;
                Some(Node::new(Kind::String(text.to_owned()), span))
            }
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.word("true", Kind::Bool(true)),
            b'f' => self.word("false", Kind::Bool(false)),
            b'n' => self.word("null", Kind::Null),
            _ => None,
        }
    }

    fn object(&mut self, depth: usize) -> Option<Node> {
        let span = Span::new(self.at, self.at + 1);
        self.at += 1;
        let first = self.entries.len();
        self.space();
        if !self.eat(b'}') {
            loop {
                let (key, key_span) = self.string()?;
                self.space();
                if !self.eat(b':') {
                    return None;
                }
                self.space();
                let value = self.value(depth + 1)?;
                self.entries.push(Entry {
                    key: key.to_owned(),
                    key_span,
                    value,
                });
                self.space();
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
                self.space();
            }
        }
        let entries = self.entries.drain(first..).collect();
        Some(Node::new(Kind::Table(entries), span))
    }

    fn array(&mut self, depth: usize) -> Option<Node> {
        let span = Span::new(self.at, self.at + 1);
        self.at += 1;
        let first = self.items.len();
        self.space();
        if !self.eat(b']') {
            loop {
                let item = self.value(depth + 1)?;
                self.items.push(item);
                self.space();
                if self.eat(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
                self.space();
            }
        }
        let items = self.items.drain(first..).collect();
        Some(Node::new(Kind::Array(items), span))
    }

    /// A string without escapes: its content, and its span with the quotes. Like the
    /// full parser, it takes every other byte as it is.
    fn string(&mut self) -> Option<(&'a str, Span)> {
        let start = self.at;
        if !self.eat(b'"') {
            return None;
        }
        let rest = self.bytes.get(self.at..)?;
        // Strings are most of a form's bytes: `memchr` looks at several at a time.
        let length = memchr::memchr2(b'"', b'\\', rest)?;
        let end = self.at + length;
        if self.bytes.get(end) != Some(&b'"') {
            return None;
        }
        // Quotes are ASCII, so both ends are character boundaries.
        let content = self.text.get(self.at..end)?;
        self.at = end + 1;
        Some((content, Span::new(start, self.at)))
    }

    /// A number as strict JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn number(&mut self) -> Option<Node> {
        let start = self.at;
        self.eat(b'-');
        if !self.eat(b'0') {
            if !matches!(self.peek(), Some(b'1'..=b'9')) {
                return None;
            }
            self.digits();
        }
        if self.eat(b'.') && self.digits() == 0 {
            return None;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            if self.digits() == 0 {
                return None;
            }
        }
        let text = self.text.get(start..self.at)?;
        Some(Node::new(
            Kind::Number(text.to_owned()),
            Span::new(start, self.at),
        ))
    }

    /// Steps over ASCII digits; how many.
    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    /// `true`, `false` or `null`, not followed by what would make it a longer word.
    fn word(&mut self, word: &str, kind: Kind) -> Option<Node> {
        let start = self.at;
        let end = start + word.len();
        if self.bytes.get(start..end)? != word.as_bytes() {
            return None;
        }
        if self
            .bytes
            .get(end)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'$' || *b >= 0x80)
        {
            return None;
        }
        self.at = end;
        Some(Node::new(kind, Span::new(start, end)))
    }
}
