//! `cargo fuzz run -s none check`: see `perfeval_fuzz::check` and fuzz/README.md.
//!
//! Byte-level mutations of a ruleset mostly break its syntax, so that few inputs get as
//! far as evaluation. Besides libFuzzer's own mutations, this target mutates the text
//! as a ruleset: it changes numbers, swaps words and drops, copies or swaps lines,
//! which keeps most inputs parsing and checking.

#![no_main]

use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};

fuzz_target!(|data: &[u8]| perfeval_fuzz::check(data));

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    let mut rng = Rng(u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let text = data.get(..size).and_then(|d| std::str::from_utf8(d).ok());
    let Some(text) = text.filter(|_| rng.below(4) != 0) else {
        return fuzzer_mutate(data, size, max_size);
    };
    let mut text = text.to_owned();
    for _ in 0..=rng.below(3) {
        text = mutate(&text, &mut rng);
    }
    if text.len() > max_size || text.len() > data.len() {
        return fuzzer_mutate(data, size, max_size);
    }
    data[..text.len()].copy_from_slice(text.as_bytes());
    text.len()
});

/// Numbers worth trying where the ruleset has a number.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2",
    "0.5",
    "0.01",
    "0.000000000000000000000000001",
    "3",
    "10",
    "59.99",
    "60",
    "80",
    "90",
    "99.5",
    "100",
    "100.0001",
    "120",
    "1000",
    "2023",
    "2024",
    "9999",
    "79228162514264337593543950335",
    "99999999999999999999999999999999",
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The byte ranges of the tokens of `text` for which `keep` holds of every char: runs
/// split at whitespace and at ASCII punctuation other than `_`, `.` and `%`.
fn tokens(text: &str, keep: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let inside = keep(c);
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn word_char(c: char) -> bool {
    !c.is_whitespace() && (!c.is_ascii_punctuation() || matches!(c, '_' | '.' | '%'))
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    match rng.below(6) {
        // A number replaced by another.
        0 | 1 => {
            let numbers = tokens(text, |c| c.is_ascii_digit() || c == '.');
            if numbers.is_empty() {
                return text.to_owned();
            }
            let (s, e) = numbers[rng.below(numbers.len())];
            let new = NUMBERS[rng.below(NUMBERS.len())];
            format!("{}{new}{}", &text[..s], &text[e..])
        }
        // A word replaced by another word of the text.
        2 => {
            let words = tokens(text, word_char);
            if words.is_empty() {
                return text.to_owned();
            }
            let (s, e) = words[rng.below(words.len())];
            let (a, b) = words[rng.below(words.len())];
            format!("{}{}{}", &text[..s], &text[a..b], &text[e..])
        }
        // A line dropped.
        3 if !lines.is_empty() => {
            let at = rng.below(lines.len());
            lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, l)| *l)
                .collect()
        }
        // A line copied elsewhere.
        4 if !lines.is_empty() => {
            let from = rng.below(lines.len());
            let to = rng.below(lines.len());
            let mut out = String::with_capacity(text.len() * 2);
            for (i, line) in lines.iter().enumerate() {
                if i == to {
                    out.push_str(lines[from]);
                    if !lines[from].ends_with('\n') {
                        out.push('\n');
                    }
                }
                out.push_str(line);
            }
            out
        }
        // Two lines swapped.
        _ if lines.len() > 1 => {
            let mut lines = lines;
            let a = rng.below(lines.len());
            let b = rng.below(lines.len());
            lines.swap(a, b);
            let mut out: String = lines.concat();
            if !text.ends_with('\n') && out.ends_with('\n') {
                out.pop();
            }
            out
        }
        _ => text.to_owned(),
    }
}
