//! A quick reader for the plain TOML that forms are: `[table]` and `[[array.of.tables]]`
//! headers, bare, quoted and dotted keys, one-line strings (basic ones with the
//! one-letter escapes, literal ones), decimal numbers, booleans, local dates, one-line
//! or multi-line arrays of those, comments and blank lines.
//!
//! It gives the tree that `toml::de::DeTable` gives for the same text (read through
//! `super::read_fully`), or nothing: at the first thing it does not read (a multi-line
//! string, an inline table, a date with a time, `inf`, a hexadecimal number, a nested
//! array, a table named twice, any syntax error), it stops, and the full parser reads
//! the file from the start. That parser alone decides what is an error and says so;
//! this one only skips its lexer, event list and ordered maps for files without any.
//!
//! What the full parser does, and so what this one must do alike:
//! - keys keep file order (the full reader sorts by key position; here entries are
//!   pushed in file order, as a table is never reopened);
//! - a header's table, and an array of tables and each of its tables, span the header
//!   from `[` to `]`; a table made by a key path (`a` of `[a.b]` or of `a.b = 1`) spans
//!   that key where it first appears;
//! - a number is its text without underscores, sign included;
//! - a dotted key or a header descends into the last table of an array of tables.

use std::borrow::Cow;

use jiff::civil::Date;
use smallvec::SmallVec;

use super::super::tree::{Entry, Kind, Node};
use crate::source::Span;

/// The most keys in one header or one dotted key. Forms use two or three; the bound
/// keeps the tree far within `MAX_DEPTH` (and the full parser's own limit of 80).
const MAX_PATH: usize = 16;

/// The most entries in one table. Keys are found by comparing with each earlier key,
/// which this keeps linear in the file's size; a larger table is left to the full
/// parser.
const MAX_ENTRIES: usize = 128;

/// The root table's entries, or `None` for the full parser to read.
pub(super) fn read(text: &str) -> Option<Vec<Entry>> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut document = Document::default();
    // One list of keys for every line's dotted key, so that a line's key is not moved
    // about with room for four more.
    let mut path = Path::new();
    loop {
        reader.blank();
        match reader.peek() {
            None => break,
            Some(b'\n' | b'\r' | b'#') => {}
            Some(b'[') => {
                document.finish()?;
                document.header = Some(reader.header()?);
            }
            Some(_) => {
                let key = reader.key_path(&mut path)?;
                reader.blank();
                if !reader.eat(b'=') {
                    return None;
                }
                reader.blank();
                let value = reader.value()?;
                document.insert(&path, key, value)?;
            }
        }
        reader.line_end()?;
    }
    document.finish()?;
    Some(document.root)
}

/// The bytes of a bare key: ASCII letters and digits, `_` and `-` (a table, not four
/// tests per byte: every key of every row is scanned).
#[allow(
    clippy::indexing_slicing,
    reason = "computed at compile time: an index out of range fails the build"
)]
const BARE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
        b += 1;
    }
    table
};

/// The bytes a basic string holds as they are: tab, printable ASCII but `"` and `\`,
/// anything not ASCII (a table, not five tests per byte of every string).
const IN_BASIC: [bool; 256] = string_bytes(b'"', b'\\');

/// The bytes a literal string holds as they are: as [`IN_BASIC`], with `\` and without `'`.
const IN_LITERAL: [bool; 256] = string_bytes(b'\'', b'\'');

/// Tab, printable ASCII and every byte not ASCII, but `end` and `escape`.
#[allow(
    clippy::indexing_slicing,
    reason = "computed at compile time: an index out of range fails the build"
)]
const fn string_bytes(end: u8, escape: u8) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let allowed = c == b'\t' || (c >= b' ' && c <= b'~') || c >= 0x80;
        table[b] = allowed && c != end && c != escape;
        b += 1;
    }
    table
}

/// A key as written: its name, unquoted, and where it is.
#[derive(Clone)]
struct Key<'a> {
    name: Cow<'a, str>,
    span: Span,
}

/// Keys before the last one of a header or dotted key.
type Path<'a> = SmallVec<[Key<'a>; 4]>;

struct Header<'a> {
    path: Path<'a>,
    key: Key<'a>,
    /// From `[` to `]`.
    span: Span,
    array: bool,
}

/// The document so far: the tables already placed, and the one being read (the root's
/// own entries until the first header), which is placed when the next header starts.
#[derive(Default)]
struct Document<'a> {
    root: Vec<Entry>,
    body: Vec<Entry>,
    header: Option<Header<'a>>,
}

impl Document<'_> {
    /// Places the table being read under its header.
    fn finish(&mut self) -> Option<()> {
        // The next table likely has as many entries (the rows of an array of tables
        // do): room for them at once, not grown one doubling at a time.
        let room = self.body.len();
        let body = std::mem::replace(&mut self.body, Vec::with_capacity(room));
        let Some(header) = self.header.take() else {
            self.root = body;
            return Some(());
        };
        let parent = descend(&mut self.root, &header.path)?;
        let table = Node::new(Kind::Table(body), header.span);
        match find(parent, &header.key.name) {
            None if header.array => {
                let array = Node::new(Kind::Array(vec![table]), header.span);
                push(parent, header.key, array)
            }
            None => push(parent, header.key, table),
            // Another table of an array of tables; a table named twice, or any other
            // clash, is an error for the full parser to report.
            Some(entry) if header.array => match &mut entry.value.kind {
                Kind::Array(items) if is_tables(items) => {
                    items.push(table);
                    Some(())
                }
                _ => None,
            },
            Some(_) => None,
        }
    }

    /// Inserts `path.key = value` in the table being read.
    fn insert(&mut self, path: &[Key<'_>], key: Key<'_>, value: Node) -> Option<()> {
        let mut table = &mut self.body;
        for step in path {
            // The table being read holds no array of tables (only headers make them, and
            // the table is new at its header), so only a table made by an earlier
            // dotted key can be descended into.
            table = match into_table(table, step)? {
                Kind::Table(entries) => entries,
                _ => return None,
            };
        }
        if find(table, &key.name).is_some() {
            return None;
        }
        push(table, key, value)
    }
}

/// The table that a header's path names, made where missing: through tables and the
/// last table of arrays of tables, as the full parser goes.
fn descend<'t>(mut table: &'t mut Vec<Entry>, path: &[Key<'_>]) -> Option<&'t mut Vec<Entry>> {
    for step in path {
        table = match into_table(table, step)? {
            Kind::Table(entries) => entries,
            Kind::Array(items) => match items.last_mut() {
                Some(Node {
                    kind: Kind::Table(entries),
                    ..
                }) => entries,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

/// The value under `key`, an empty table spanning the key if there was none.
fn into_table<'t>(table: &'t mut Vec<Entry>, key: &Key<'_>) -> Option<&'t mut Kind> {
    let at = match table.iter().position(|e| e.key == key.name) {
        Some(at) => at,
        None => {
            let node = Node::new(Kind::Table(Vec::new()), key.span);
            push(table, key.clone(), node)?;
            table.len() - 1
        }
    };
    table.get_mut(at).map(|entry| &mut entry.value.kind)
}

fn find<'t>(table: &'t mut [Entry], name: &str) -> Option<&'t mut Entry> {
    table.iter_mut().find(|e| e.key == name)
}

fn push(table: &mut Vec<Entry>, key: Key<'_>, value: Node) -> Option<()> {
    if table.len() >= MAX_ENTRIES {
        return None;
    }
    table.push(Entry {
        key: key.name.into_owned(),
        key_span: key.span,
        value,
    });
    Some(())
}

/// Whether an array is an array of tables: arrays written inline hold no tables here.
fn is_tables(items: &[Node]) -> bool {
    matches!(
        items.first(),
        Some(Node {
            kind: Kind::Table(_),
            ..
        })
    )
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    /// The next byte to read.
    at: usize,
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

    /// Spaces and tabs, TOML's whitespace within a line.
    fn blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// The end of a line: a comment, a line break, or the end of the text.
    fn line_end(&mut self) -> Option<()> {
        self.blank();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            _ => self.newline(),
        }
    }

    /// `\n` or `\r\n`.
    fn newline(&mut self) -> Option<()> {
        self.eat(b'\r');
        self.eat(b'\n').then_some(())
    }

    /// A comment up to its line break: tabs, printable ASCII and anything not ASCII.
    fn comment(&mut self) -> Option<()> {
        let rest = self.bytes.get(self.at..)?;
        let length = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        let body = rest.get(..length)?;
        if !body
            .iter()
            .all(|&b| b == b'\t' || (b' '..=b'~').contains(&b) || b >= 0x80)
        {
            return None;
        }
        self.at += length;
        Some(())
    }

    /// `[a.b]` or `[[a.b]]`, from its first `[`.
    fn header(&mut self) -> Option<Header<'a>> {
        let start = self.at;
        self.at += 1;
        let array = self.eat(b'[');
        self.blank();
        let mut path = Path::new();
        let key = self.key_path(&mut path)?;
        self.blank();
        if !self.eat(b']') || (array && !self.eat(b']')) {
            return None;
        }
        Some(Header {
            path,
            key,
            span: Span::new(start, self.at),
            array,
        })
    }

    /// `a`, `"a".b`, `a . 'b'`: the last key, the keys before it put in `path`.
    fn key_path(&mut self, path: &mut Path<'a>) -> Option<Key<'a>> {
        path.clear();
        let mut key = self.key()?;
        loop {
            let before = self.at;
            self.blank();
            if !self.eat(b'.') {
                self.at = before;
                return Some(key);
            }
            if path.len() + 1 >= MAX_PATH {
                return None;
            }
            self.blank();
            path.push(key);
            key = self.key()?;
        }
    }

    fn key(&mut self) -> Option<Key<'a>> {
        let start = self.at;
        let name = match self.peek()? {
            b'"' => self.basic_string()?,
            b'\'' => Cow::Borrowed(self.literal_string()?),
            _ => {
                let rest = self.bytes.get(start..)?;
                let length = rest
                    .iter()
                    .position(|&b| !BARE.get(usize::from(b)).copied().unwrap_or(false))
                    .unwrap_or(rest.len());
                // What follows a bare key must end it for the full parser's lexer too.
                let next = rest.get(length).copied();
                if length == 0 || !matches!(next, Some(b' ' | b'\t' | b'.' | b'=' | b']')) {
                    return None;
                }
                self.at += length;
                Cow::Borrowed(self.text.get(start..self.at)?)
            }
        };
        Some(Key {
            name,
            span: Span::new(start, self.at),
        })
    }

    /// A value after `=`: a string, number, boolean, local date or array of those.
    fn value(&mut self) -> Option<Node> {
        match self.peek()? {
            b'[' => self.array(),
            _ => self.scalar(),
        }
    }

    fn scalar(&mut self) -> Option<Node> {
        let start = self.at;
        let kind = match self.peek()? {
            b'"' => Kind::String(self.basic_string()?.into_owned()),
            b'\'' => Kind::String(self.literal_string()?.to_owned()),
            b't' => self.word("true", Kind::Bool(true))?,
            b'f' => self.word("false", Kind::Bool(false))?,
            b'0'..=b'9' if self.is_date() => self.date()?,
            b'+' | b'-' | b'0'..=b'9' => self.number()?,
            _ => return None,
        };
        Some(Node::new(kind, Span::new(start, self.at)))
    }

    /// `[1, "a", 2023-12-31,]`, over lines and comments; no arrays or tables inside.
    fn array(&mut self) -> Option<Node> {
        let start = self.at;
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.gap()?;
            if self.eat(b']') {
                break;
            }
            items.push(self.scalar()?);
            self.gap()?;
            if self.eat(b']') {
                break;
            }
            if !self.eat(b',') {
                return None;
            }
        }
        Some(Node::new(Kind::Array(items), Span::new(start, self.at)))
    }

    /// Whitespace, comments and line breaks between an array's items.
    fn gap(&mut self) -> Option<()> {
        loop {
            self.blank();
            match self.peek() {
                Some(b'#') => self.comment()?,
                Some(b'\r' | b'\n') => self.newline()?,
                _ => return Some(()),
            }
        }
    }

    /// Whether the value just read ends here for the full parser's lexer too: it joins
    /// any other character, and a word after a space, to the value.
    fn ends(&self) -> bool {
        matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b'\r' | b'\n' | b'#' | b',' | b']')
        )
    }

    /// A basic string on one line, from its quote: its content with the one-letter
    /// escapes read, borrowed when it has none.
    fn basic_string(&mut self) -> Option<Cow<'a, str>> {
        if self.bytes.get(self.at..self.at + 3) == Some(b"\"\"\"") {
            return None;
        }
        self.at += 1;
        let plain = self.plain_run(&IN_BASIC);
        if self.eat(b'"') {
            return Some(Cow::Borrowed(plain));
        }
        let mut owned = plain.to_owned();
        loop {
            if self.eat(b'"') {
                return Some(Cow::Owned(owned));
            }
            if !self.eat(b'\\') {
                return None;
            }
            owned.push(match self.peek()? {
                b'b' => '\u{8}',
                b'e' => '\u{1b}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'\\' => '\\',
                b'"' => '"',
                _ => return None,
            });
            self.at += 1;
            owned.push_str(self.plain_run(&IN_BASIC));
        }
    }

    /// A literal string on one line, from its quote: its content.
    fn literal_string(&mut self) -> Option<&'a str> {
        if self.bytes.get(self.at..self.at + 3) == Some(b"'''") {
            return None;
        }
        self.at += 1;
        let content = self.plain_run(&IN_LITERAL);
        self.eat(b'\'').then_some(content)
    }

    /// The characters a string may hold as they are, up to the first that `plain` (one
    /// of [`IN_BASIC`], [`IN_LITERAL`]) refuses.
    fn plain_run(&mut self, plain: &[bool; 256]) -> &'a str {
        let start = self.at;
        let rest = self.bytes.get(start..).unwrap_or_default();
        let length = rest
            .iter()
            .position(|&b| !plain.get(usize::from(b)).copied().unwrap_or(false))
            .unwrap_or(rest.len());
        self.at += length;
        // The run stops only at ASCII bytes, so both ends are character boundaries.
        self.text.get(start..self.at).unwrap_or("")
    }

    /// `true` or `false`, ended as a value must be.
    fn word(&mut self, word: &str, kind: Kind) -> Option<Kind> {
        let end = self.at + word.len();
        if self.bytes.get(self.at..end)? != word.as_bytes() {
            return None;
        }
        self.at = end;
        self.ends().then_some(kind)
    }

    /// Whether a date starts here: four digits and `-`, which no number has.
    fn is_date(&self) -> bool {
        self.bytes.get(self.at..self.at + 5).is_some_and(|b| {
            b.get(..4).is_some_and(|y| y.iter().all(u8::is_ascii_digit)) && b.get(4) == Some(&b'-')
        })
    }

    /// `2023-12-31`, a day that exists, ended as a value must be (no time after it).
    fn date(&mut self) -> Option<Kind> {
        let start = self.at;
        let text = self.bytes.get(start..start + 10)?;
        let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *text else {
            return None;
        };
        let digits = |ds: &[u8]| -> Option<i16> {
            ds.iter().try_fold(0i16, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + i16::from(d - b'0'))
            })
        };
        let year = digits(&[y1, y2, y3, y4])?;
        let month = i8::try_from(digits(&[m1, m2])?).ok()?;
        let day = i8::try_from(digits(&[d1, d2])?).ok()?;
        let date = Date::new(year, month, day).ok()?;
        self.at += 10;
        self.ends().then_some(Kind::Date(date))
    }

    /// A decimal number: `[+-]` `0` or digits not starting with `0`, then `.digits`,
    /// then `e[+-]digits`, each run of digits with single `_` between digits. Its text
    /// is kept without the underscores.
    fn number(&mut self) -> Option<Kind> {
        let start = self.at;
        if !self.eat(b'+') {
            self.eat(b'-');
        }
        if self.eat(b'0') {
            if matches!(self.peek(), Some(b'0'..=b'9' | b'_')) {
                return None;
            }
        } else {
            self.digits()?;
        }
        if self.eat(b'.') {
            self.digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            self.digits()?;
        }
        if !self.ends() {
            return None;
        }
        let text = self.text.get(start..self.at)?;
        Some(Kind::Number(if text.contains('_') {
            text.replace('_', "")
        } else {
            text.to_owned()
        }))
    }

    /// One or more digits, single underscores between them.
    fn digits(&mut self) -> Option<()> {
        loop {
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return None;
            }
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.at += 1;
            }
            if !self.eat(b'_') {
                return Some(());
            }
        }
    }
}
