//! A JSON writer for the reports: the same bytes as serde_json's `to_string_pretty`
//! (pretty) or `to_string` (compact), written straight into one string.
//!
//! Why not serde_json itself: a report is mostly short strings and decimals, and there
//! serde_json spends its time in small steps (a byte table per byte of every string,
//! a `Display` and a `fmt::Formatter` per decimal, a call to `memcpy` per punctuation
//! mark and per indentation level). Here a string is checked eight bytes at a time and
//! copied in one piece, and a decimal's digits are written from its mantissa. The tests
//! below hold the output to serde_json's, byte for byte.

use rust_decimal::Decimal;

/// A comma, a line break and the indentation of 32 levels, two spaces each: what comes
/// before an entry is a slice of it.
const BREAKS: &str = concat!(
    ",\n",
    "                                ",
    "                                "
);

/// Writes JSON into a string. The caller says what comes in order: [`Writer::key`]
/// before each value of an object, [`Writer::item`] before each value of an array.
pub(in crate::report) struct Writer<'a> {
    out: &'a mut String,
    pretty: bool,
    /// Objects and arrays open around what is written next.
    depth: usize,
    /// Whether the innermost open object or array has no entry yet: its first entry
    /// takes no comma, and when it stays empty it closes on the same line (`[]`).
    empty: bool,
}

impl<'a> Writer<'a> {
    /// A writer appending to `out`, indented by two spaces where `pretty`, on one line
    /// otherwise.
    pub(in crate::report) fn new(out: &'a mut String, pretty: bool) -> Writer<'a> {
        Writer {
            out,
            pretty,
            depth: 0,
            empty: true,
        }
    }

    /// A pretty writer appending to `out` what goes inside `depth` open objects and
    /// arrays, before their first entry: a part of a document written in pieces.
    pub(in crate::report) fn inside(out: &'a mut String, depth: usize) -> Writer<'a> {
        Writer {
            out,
            pretty: true,
            depth,
            empty: true,
        }
    }

    /// A pretty writer appending to `out` what goes inside `depth` open objects and
    /// arrays after an entry of the innermost: the rest of a document written in pieces.
    pub(in crate::report) fn after(out: &'a mut String, depth: usize) -> Writer<'a> {
        Writer {
            empty: false,
            ..Writer::inside(out, depth)
        }
    }

    pub(in crate::report) fn open_object(&mut self) {
        self.open('{');
    }

    pub(in crate::report) fn close_object(&mut self) {
        self.close('}');
    }

    pub(in crate::report) fn open_array(&mut self) {
        self.open('[');
    }

    pub(in crate::report) fn close_array(&mut self) {
        self.close(']');
    }

    /// Starts an entry of the open object: its key, one of the report's own (plain
    /// ASCII words: nothing to escape, so nothing is looked for); its value follows.
    // Inlined: the key's length is then known where it is written, and its copy needs
    // no call (a report writes some 180 keys a project).
    #[inline(always)]
    pub(in crate::report) fn key(&mut self, key: &'static str) {
        debug_assert!(!needs_escape(key.as_bytes()), "{key:?}");
        self.entry();
        self.out.push('"');
        self.out.push_str(key);
        self.colon();
    }

    /// Starts an entry of the open object under a key from elsewhere (a ruleset's),
    /// escaped.
    pub(in crate::report) fn key_escaped(&mut self, key: &str) {
        self.entry();
        self.out.push('"');
        contents(self.out, key);
        self.colon();
    }

    /// The end of a key: its closing quote and the colon.
    fn colon(&mut self) {
        self.out.push_str(if self.pretty { "\": " } else { "\":" });
    }

    /// Starts an element of the open array; its value follows.
    pub(in crate::report) fn item(&mut self) {
        self.entry();
    }

    /// A string value, escaped.
    pub(in crate::report) fn str(&mut self, s: &str) {
        string(self.out, s);
    }

    pub(in crate::report) fn null(&mut self) {
        self.out.push_str("null");
    }

    /// A string value, or `null`.
    pub(in crate::report) fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// A decimal as a string, exactly as computed (`"80.00"`).
    pub(in crate::report) fn decimal(&mut self, d: Decimal) {
        self.out.push('"');
        decimal(self.out, d);
        self.out.push('"');
    }

    /// A decimal as a string, or `null`.
    pub(in crate::report) fn opt_decimal(&mut self, d: Option<Decimal>) {
        match d {
            Some(d) => self.decimal(d),
            None => self.null(),
        }
    }

    /// A whole number.
    pub(in crate::report) fn uint(&mut self, n: usize) {
        digits(self.out, n as u128, 0);
    }

    /// A whole number, or `null`.
    pub(in crate::report) fn opt_uint(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.uint(n),
            None => self.null(),
        }
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.depth += 1;
        self.empty = true;
    }

    fn close(&mut self, bracket: char) {
        self.depth = self.depth.saturating_sub(1);
        if !self.empty {
            self.newline();
        }
        self.out.push(bracket);
        // The enclosing object or array holds at least this one.
        self.empty = false;
    }

    /// What goes before an entry: a comma after the first, then a new indented line.
    fn entry(&mut self) {
        let comma = !self.empty;
        self.empty = false;
        if !self.pretty {
            if comma {
                self.out.push(',');
            }
            return;
        }
        // The comma, the line break and the indentation in one piece where they fit.
        let width = 2 + 2 * self.depth;
        match BREAKS.get(usize::from(!comma)..width) {
            Some(breaks) => self.out.push_str(breaks),
            None => {
                if comma {
                    self.out.push(',');
                }
                self.newline();
            }
        }
    }

    fn newline(&mut self) {
        if self.pretty {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str("  ");
            }
        }
    }
}

/// `s` as a JSON string, quoted: `"` and `\` and the control characters below U+0020
/// escaped as serde_json escapes them, and the characters that could change what a
/// terminal shows ([`unsafe_beyond_serde`]) as `\uXXXX`; everything else as it is.
fn string(out: &mut String, s: &str) {
    out.push('"');
    contents(out, s);
    out.push('"');
}

/// What goes between the quotes of `s`.
fn contents(out: &mut String, s: &str) {
    if needs_escape(s.as_bytes()) {
        escaped(out, s);
    } else {
        // Nearly always: a string with nothing to escape is copied in one piece.
        out.push_str(s);
    }
}

/// `s` with its characters to escape escaped, the rest copied in runs between them.
fn escaped(out: &mut String, s: &str) {
    let mut start = 0;
    for (at, c) in s.char_indices() {
        let escape = match u8::try_from(c) {
            Ok(b) if b.is_ascii() => escape(b),
            _ => unsafe_beyond_serde(c).then_some(Escape::Unicode(u32::from(c))),
        };
        if let Some(escape) = escape {
            out.push_str(s.get(start..at).unwrap_or(""));
            escape.push_to(out);
            start = at + c.len_utf8();
        }
    }
    out.push_str(s.get(start..).unwrap_or(""));
}

/// The characters JSON lets through raw that could change what a terminal shows, where a
/// report is printed: DEL, the C1 controls (U+009B starts an escape sequence as ESC `[`
/// does), the bidirectional controls ("Trojan Source") and the line and paragraph
/// separators ([`crate::text::is_unsafe`] beyond the controls below U+0020, which JSON
/// escapes itself). Escaped, a JSON reader reads the same string.
fn unsafe_beyond_serde(c: char) -> bool {
    c >= '\u{7F}' && crate::text::is_unsafe(c)
}

/// `json`, a JSON text serde_json wrote, with the characters of [`unsafe_beyond_serde`]
/// escaped: outside its strings a JSON text holds only ASCII, so each is inside one.
pub(crate) fn terminal_safe(json: String) -> String {
    if !json.chars().any(unsafe_beyond_serde) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_beyond_serde(c) {
            Escape::Unicode(u32::from(c)).push_to(&mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether any byte of `bytes` is to be escaped: eight at a time, the last eight
/// overlapping the last whole eight where the length is no multiple of eight.
fn needs_escape(bytes: &[u8]) -> bool {
    if bytes.len() < 8 {
        return bytes
            .iter()
            .any(|&b| escape(b).is_some() || matches!(b, 0xC2 | 0xD8 | 0xE2));
    }
    let last = bytes.get(bytes.len() - 8..).unwrap_or_default();
    bytes.chunks_exact(8).any(word_needs_escape) || word_needs_escape(last)
}

fn word_needs_escape(word: &[u8]) -> bool {
    <[u8; 8]>::try_from(word).is_ok_and(|word| any_to_escape(u64::from_le_bytes(word)))
}

/// Whether any of the eight bytes of `word` is `"`, `\`, below U+0020, DEL, or the first
/// byte of a character [`unsafe_beyond_serde`] may hold (0xC2: U+0080–U+00BF; 0xD8:
/// U+0600–U+063F; 0xE2: U+2000–U+2FFF, `≥` and `“` among them, which the slow path lets
/// through). (The classic tests for a zero byte and for a byte below a bound, exact for
/// "any".)
fn any_to_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let zero = |w: u64| w.wrapping_sub(ONES) & !w;
    let byte = |b: u8| zero(word ^ (ONES * u64::from(b)));
    let ascii = below_space | byte(b'"') | byte(b'\\') | byte(0x7F);
    (ascii | byte(0xC2) | byte(0xD8) | byte(0xE2)) & HIGH != 0
}

/// How a byte is escaped.
enum Escape {
    /// `\` and a letter (`\n`) or the character itself (`\"`).
    Short(char),
    /// `\uXXXX`, lowercase hexadecimal, as serde_json writes it (a character of the
    /// Basic Multilingual Plane: every one escaped is).
    Unicode(u32),
}

impl Escape {
    fn push_to(self, out: &mut String) {
        out.push('\\');
        match self {
            Escape::Short(c) => out.push(c),
            Escape::Unicode(code) => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push('u');
                for shift in [12, 8, 4, 0] {
                    let nibble = (code >> shift) & 0xF;
                    let digit = usize::try_from(nibble)
                        .ok()
                        .and_then(|n| HEX.get(n))
                        .copied()
                        .unwrap_or(b'0');
                    out.push(char::from(digit));
                }
            }
        }
    }
}

fn escape(b: u8) -> Option<Escape> {
    Some(match b {
        b'"' => Escape::Short('"'),
        b'\\' => Escape::Short('\\'),
        0x08 => Escape::Short('b'),
        0x0C => Escape::Short('f'),
        b'\n' => Escape::Short('n'),
        b'\r' => Escape::Short('r'),
        b'\t' => Escape::Short('t'),
        0..0x20 | 0x7F => Escape::Unicode(u32::from(b)),
        _ => return None,
    })
}

/// `d` as its `Display` writes it (`80.00`, `-0.5`, `0.000`), without the formatting
/// machinery: the mantissa's digits, a point `scale` digits from the right.
fn decimal(out: &mut String, d: Decimal) {
    if d.is_sign_negative() {
        out.push('-');
    }
    digits(out, d.mantissa().unsigned_abs(), d.scale() as usize);
}

/// The digits of `n` with a point `scale` digits from the right, zeros added in front
/// so that at least one digit comes before the point (`5`, scale 3: `0.005`).
fn digits(out: &mut String, n: u128, scale: usize) {
    // Written right to left: the fraction's digits, the point, the whole's. A decimal's
    // mantissa has at most 29 digits and its scale is at most 28; a `u128` has 39.
    let mut text = [b'0'; 48];
    let mut at = text.len();
    let mut rest = n;
    let mut written = 0;
    while (rest > 0 || written <= scale) && at > 1 {
        if written == scale && scale > 0 {
            at -= 1;
            if let Some(slot) = text.get_mut(at) {
                *slot = b'.';
            }
        }
        at -= 1;
        if let Some(slot) = text.get_mut(at) {
            *slot = b'0' + next_digit(&mut rest);
        }
        written += 1;
    }
    // A few ASCII bytes: pushed one by one, cheaper than checking them as UTF-8 first.
    for &b in text.get(at..).unwrap_or(&[]) {
        out.push(char::from(b));
    }
}

/// The last digit of `rest`, taken off it.
fn next_digit(rest: &mut u128) -> u8 {
    // `u128` division is slow: most numbers fit a `u64`.
    let digit = match u64::try_from(*rest) {
        Ok(small) => {
            *rest = u128::from(small / 10);
            small % 10
        }
        Err(_) => {
            let digit = *rest % 10;
            *rest /= 10;
            digit as u64
        }
    };
    digit as u8
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use rust_decimal::Decimal;
    use serde_json::{Value, json};

    use super::Writer;

    /// Writes a value through the writer, as the reports write theirs.
    fn write(w: &mut Writer<'_>, value: &Value) {
        match value {
            Value::Null => w.null(),
            Value::String(s) => w.str(s),
            Value::Number(n) => w.uint(n.as_u64().unwrap_or(0) as usize),
            Value::Bool(_) => unreachable!("the reports write no booleans"),
            Value::Array(items) => {
                w.open_array();
                for item in items {
                    w.item();
                    write(w, item);
                }
                w.close_array();
            }
            Value::Object(map) => {
                w.open_object();
                for (key, item) in map {
                    w.key_escaped(key);
                    write(w, item);
                }
                w.close_object();
            }
        }
    }

    fn written(value: &Value, pretty: bool) -> String {
        let mut out = String::new();
        write(&mut Writer::new(&mut out, pretty), value);
        out
    }

    /// Every byte the escaping treats apart, at every position of an eight-byte word.
    fn awkward_strings() -> Vec<String> {
        let mut strings = vec![
            String::new(),
            "绩效目标完成率".to_owned(),
            "emoji 🎉 and é, DEL \u{7f}, U+2028 \u{2028}".to_owned(),
        ];
        // Beyond serde_json's: DEL, C1 controls, bidirectional controls, separators,
        // and characters beside them that stay as they are (`≥`, `“`, no-break space).
        let beyond = [
            '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{61c}', '\u{2029}', '≥', '“',
            '\u{a0}', 'é', '\u{600}',
        ];
        for c in (0u8..0x20)
            .map(char::from)
            .chain(['"', '\\', '/', ' ', '!', '#'])
            .chain(beyond)
        {
            for before in 0..10 {
                strings.push(format!(
                    "{}{c}{}",
                    "预".repeat(before % 3) + &"a".repeat(before),
                    "尾b"
                ));
            }
        }
        strings
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        for s in awkward_strings() {
            let value = Value::String(s.clone());
            let serde = serde_json::to_string(&value).unwrap();
            let ours = written(&value, false);
            assert_eq!(ours, super::terminal_safe(serde.clone()), "{s:?}");
            // What is escaped beyond serde_json's reads back the same; nothing that could
            // move a terminal or reorder a line is left raw.
            assert_eq!(serde_json::from_str::<String>(&ours).unwrap(), s);
            assert!(!ours.chars().any(crate::text::is_unsafe), "{ours:?}");
            if !s.chars().any(super::unsafe_beyond_serde) {
                assert_eq!(ours, serde, "{s:?}");
            }
        }
        assert_eq!(
            written(&Value::String("a\u{9b}31m\u{202e}".into()), false),
            r#""a\u009b31m\u202e""#
        );
    }

    #[test]
    fn nesting_is_laid_out_as_serde_json_lays_it_out() {
        let value = json!({
            "empty object": {},
            "empty array": [],
            "nested": [[], {}, [[]], {"a": []}, [1, {"b": null}], "x"],
            "key \"quoted\"\n": {"数": 12_345_678_901_u64, "零": 0},
            "last": [{"c": [{"d": {}}]}],
        });
        for pretty in [false, true] {
            let expected = if pretty {
                serde_json::to_string_pretty(&value)
            } else {
                serde_json::to_string(&value)
            };
            assert_eq!(written(&value, pretty), expected.unwrap());
        }
        // Deeper than the indentation held in one piece.
        let mut deep = json!({"leaf": [1, 2]});
        for depth in 0..40 {
            deep = if depth % 2 == 0 {
                json!([deep, depth])
            } else {
                json!({"level": deep, "next": depth})
            };
        }
        assert_eq!(
            written(&deep, true),
            serde_json::to_string_pretty(&deep).unwrap()
        );
        let list = json!([]);
        assert_eq!(written(&list, true), "[]");
    }

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        let mut decimals: Vec<Decimal> = [
            "0", "0.00", "-0.00", "80.00", "0.005", "-0.5", "1", "-1", "123.456", "1e-28",
        ]
        .iter()
        .map(|s| {
            Decimal::from_str(s)
                .or_else(|_| Decimal::from_scientific(s))
                .unwrap()
        })
        .collect();
        decimals.extend([Decimal::MAX, Decimal::MIN, -Decimal::new(0, 5)]);
        // Mantissas around the 64-bit boundary and beyond it, at every scale.
        for mantissa in [
            1_i128,
            9,
            10,
            99_999,
            i128::from(u64::MAX) - 1,
            i128::from(u64::MAX),
            i128::from(u64::MAX) + 1,
            79_228_162_514_264_337_593_543_950_335,
        ] {
            for scale in 0..=28 {
                for sign in [1, -1] {
                    decimals.push(Decimal::from_i128_with_scale(sign * mantissa, scale));
                }
            }
        }
        for d in decimals {
            let mut out = String::new();
            super::decimal(&mut out, d);
            assert_eq!(out, d.to_string(), "{d:?}");
        }
    }
}
