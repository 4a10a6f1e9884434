//! Text as Chinese input methods type it.
//!
//! Full-width forms (`＝`, `％`, `１２３`, `．`) mean their ASCII forms, and the
//! ideographic space is a space. This module only folds widths; what a text means is
//! for the stage that reads it.

use std::borrow::Cow;

/// Folds full-width ASCII variants (U+FF01..=U+FF5E) to ASCII and the ideographic space
/// (U+3000) to a space. Other text is returned unchanged, without copying.
#[must_use]
pub fn fold_width(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_wide) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(fold_char).collect())
}

/// Folds widths and removes whitespace and invisible zero-width characters, so that
/// labels and words typed in different input methods, or pasted from Office documents,
/// compare equal.
#[must_use]
pub fn normalize(text: &str) -> String {
    normalized(text).into_owned()
}

/// [`normalize`] without copying a text that is already normal, as most are: lookups
/// by label, name or word on every row of every form take this one.
#[must_use]
pub fn normalized(text: &str) -> Cow<'_, str> {
    if !may_change(text)
        || !text
            .chars()
            .any(|c| is_wide(c) || c.is_whitespace() || is_zero_width(c))
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        fold_width(text)
            .chars()
            .filter(|c| !c.is_whitespace() && !is_zero_width(*c))
            .collect(),
    )
}

/// [`normalized`], and whether the normal text holds an ASCII digit: what reading a
/// target or actual value asks first of every text (a text without a digit is a word).
/// A text normalising keeps as it is, as most are, is scanned once for both.
#[must_use]
pub fn normalized_with_digit(text: &str) -> (Cow<'_, str>, bool) {
    let bytes = text.as_bytes();
    let (mut at, mut digit) = (0, false);
    while let Some(&b) = bytes.get(at) {
        // An ASCII digit is a character of its own: every one starts a step.
        digit |= b.is_ascii_digit();
        match STEP.get(usize::from(b)).copied().unwrap_or(0) {
            0 => {
                let normal = normalized(text);
                let digit = normal.bytes().any(|b| b.is_ascii_digit());
                return (normal, digit);
            }
            step => at += usize::from(step),
        }
    }
    (Cow::Borrowed(text), digit)
}

/// How two texts compare once normalised ([`normalized`]), without copying either: a
/// text that normalising keeps as it is compares as it is. Conditions compare a row's
/// text with a constant on every row (`name == "预算执行率"`).
#[must_use]
pub fn cmp_normalized(a: &str, b: &str) -> std::cmp::Ordering {
    if a == b {
        return std::cmp::Ordering::Equal;
    }
    if !may_change(a) && !may_change(b) {
        return a.cmp(b);
    }
    normalized(a).cmp(&normalized(b))
}

/// Whether two texts are equal once normalised ([`normalized`]): [`cmp_normalized`]'s
/// `Equal` without ordering them. Two different texts that normalising keeps as they are
/// differ, with no byte compared past where they first differ in length or content.
#[must_use]
pub fn eq_normalized(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if !may_change(a) && !may_change(b) {
        return false;
    }
    normalized(a) == normalized(b)
}

/// Whether `text` normalised equals `normal`, a text that normalising keeps as it is:
/// what [`eq_normalized`] says, without reading `normal` for what normalising would
/// change, and without reading `text` where its length settles it. Normalising only
/// ever shortens a text it changes (a three-byte wide form becomes one ASCII byte;
/// spaces and zero-width characters go), so a text no longer than `normal` equals it
/// normalised only as it is.
#[must_use]
pub fn eq_normal(text: &str, normal: &str) -> bool {
    if text.len() <= normal.len() {
        return text == normal;
    }
    may_change(text) && normalized(text) == normal
}

/// Whether normalising could change the text: an ASCII space or control space, or a
/// character that starts with a byte normalising folds or removes (wide forms and the
/// ideographic space: EF, E3; zero-width and Unicode spaces: C2, E1, E2). The scan goes a
/// character at a time by its first byte: a Chinese character (E4–E9) is one step, its
/// other two bytes never read.
fn may_change(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        match STEP.get(usize::from(b)).copied().unwrap_or(0) {
            0 => return true,
            step => at += usize::from(step),
        }
    }
    false
}

/// For each byte that starts a character, the character's length in bytes, or 0 where
/// normalising may change the character (see [`may_change`]). A byte that cannot start
/// a character in UTF-8 (the text is a `str`) steps one byte.
#[allow(
    clippy::indexing_slicing,
    reason = "computed at compile time: an index out of range fails the build"
)]
const STEP: [u8; 256] = {
    let mut table = [1u8; 256];
    let mut b = 0xC0;
    while b < 256 {
        table[b] = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        b += 1;
    }
    let may_change: [u8; 11] = [
        b' ', b'\t', b'\n', 0x0B, 0x0C, b'\r', 0xC2, 0xE1, 0xE2, 0xE3, 0xEF,
    ];
    let mut i = 0;
    while i < may_change.len() {
        table[may_change[i] as usize] = 0;
        i += 1;
    }
    table
};

/// Characters that take no space on screen: zero-width space, non-joiner, joiner, word
/// joiner, and the byte-order mark inside a text.
#[must_use]
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// At most `limit` characters of `text`: a longer text keeps its beginning and its end
/// around a `…`, so that a form's text quoted into a message or a report's cell (a
/// 100,000-character actual value) cannot make a line as long as the form. The end is
/// kept because a message's last words say what is wrong.
#[must_use]
pub fn brief(text: &str, limit: usize) -> Cow<'_, str> {
    // A text of at most `limit` bytes has at most `limit` characters: no count needed.
    if text.len() <= limit {
        return Cow::Borrowed(text);
    }
    let count = text.chars().count();
    if count <= limit {
        return Cow::Borrowed(text);
    }
    let tail = limit / 3;
    let head = limit.saturating_sub(tail + 1);
    let skip = count.saturating_sub(tail);
    let mut short: String = text.chars().take(head).collect();
    short.push('…');
    short.extend(text.chars().skip(skip));
    Cow::Owned(short)
}

/// Whether `text` is a plain unsigned number: digits, with at most one decimal point
/// between digits, and at most a `%` after them (`15`, `0.5`, `95%`).
#[must_use]
pub fn is_plain_number(text: &str) -> bool {
    let number = text.strip_suffix('%').unwrap_or(text);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && digits(fraction)
}

/// Whether a character may change what text around it looks like: a control character,
/// a bidirectional embedding, override, isolate or mark (U+202E turns `80.00` into
/// `00.08` on a bidi-aware screen, the "Trojan Source" characters), or a line or
/// paragraph separator.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
                | '\u{2028}' | '\u{2029}'
        )
}

/// The text with control characters written out (`\u{1b}`, `\n`), so that a value from a
/// form can neither move a terminal's cursor, colour it, ring it, nor break a table's row;
/// and bidirectional controls too (`\u{202e}`), so that it cannot reorder what is shown.
#[must_use]
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// [`visible`] on one line: each run of line breaks (a cell typed over two lines, Alt+Enter)
/// one space. For a report's cells, headings and names, where `\n` written out changed the
/// name a report files (`电子政务项目\n建设资金`).
#[must_use]
pub fn visible_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut after_break = false;
    for c in text.chars() {
        if matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            if !after_break {
                out.push(' ');
            }
            after_break = true;
            continue;
        }
        after_break = false;
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The text with each control character other than a line break or a tab replaced by
/// `?` byte for byte, so that every byte offset into it stays valid: source snippets are
/// shown from this, with labels placed by offsets into the original.
#[must_use]
pub fn displayable(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let unsafe_at = |i: usize, c: char| {
        is_unsafe(c) && c != '\n' && c != '\t' && !(c == '\r' && bytes.get(i + 1) == Some(&b'\n'))
    };
    if !text.char_indices().any(|(i, c)| unsafe_at(i, c)) {
        return None;
    }
    let shown = text
        .char_indices()
        .map(|(i, c)| {
            if unsafe_at(i, c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    Some(shown)
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
}

fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => {
            // INVARIANT: the full-width block maps one to one onto U+0021..=U+007E.
            char::from_u32(u32::from(c) - 0xFF01 + 0x21).unwrap_or(c)
        }
        other => other,
    }
}

/// A sheet's name as a cell reference names it (`自评表`, `'2023 自评'` quoted where it has
/// anything but letters, digits and `_`, a `'` in it doubled, as Excel writes it), its
/// control characters written out: a workbook names its sheets.
#[must_use]
pub fn sheet_reference(sheet: &str) -> String {
    let shown = visible_line(sheet);
    if !shown.is_empty() && shown.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return shown.into_owned();
    }
    format!("'{}'", shown.replace('\'', "''"))
}

/// A cell's address in spreadsheet notation: column letters and 1-based row (`E23`).
#[must_use]
pub fn cell_address(row: usize, column: usize) -> String {
    format!("{}{}", column_letters(column), row.saturating_add(1))
}

/// A 0-based column's letters, as a spreadsheet names it: `E`, `AA`.
#[must_use]
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column.saturating_add(1);
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rest).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    letters.into_iter().rev().collect()
}

#[cfg(test)]
mod tests {
    /// Every text of up to three of `chars`, each once, in order.
    fn texts_of_up_to_three(chars: &[char]) -> Vec<String> {
        let mut texts = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| chars.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        texts
    }

    /// [`eq_normal`] says what [`eq_normalized`] says, for every pair of texts of up to
    /// three characters from a set of those normalising folds, removes or keeps, and a
    /// normal text: normalising never keeps a text's length while changing it.
    #[test]
    fn eq_normal_is_eq_normalized() {
        let chars = [
            'a', 'A', '１', 'Ａ', ' ', '\u{3000}', '\u{200B}', '\u{FEFF}', '\t', '预', '算', '%',
            '％', '\u{A0}',
        ];
        let texts = texts_of_up_to_three(&chars);
        let normal: Vec<&String> = texts
            .iter()
            .filter(|t| normalized(t) == t.as_str())
            .collect();
        assert!(normal.len() > 100 && texts.len() > 2000);
        for text in &texts {
            for n in &normal {
                assert_eq!(eq_normal(text, n), eq_normalized(text, n), "{text:?} {n:?}");
            }
        }
    }

    /// [`normalized_with_digit`] is [`normalized`] and a search of its result for an
    /// ASCII digit, for every text of up to three characters from a set of digits, wide
    /// digits, spaces, Chinese and other characters.
    #[test]
    fn normalized_with_digit_is_normalized_and_a_search() {
        let chars = [
            '1', '０', '９', 'a', ' ', '\u{3000}', '预', '≥', '%', '.', '\u{200B}',
        ];
        let texts = texts_of_up_to_three(&chars);
        assert!(texts.len() > 1000);
        for text in &texts {
            let normal = normalized(text);
            let digit = normal.bytes().any(|b| b.is_ascii_digit());
            assert_eq!(normalized_with_digit(text), (normal, digit), "{text:?}");
        }
    }

    use super::*;

    /// The byte scan may say a text could change when it cannot, never the other way:
    /// every character normalising folds or removes is caught, alone, between others and
    /// after characters of every length.
    #[test]
    fn the_scan_misses_no_character_normalising_changes() {
        let changes = |c: char| is_wide(c) || c.is_whitespace() || is_zero_width(c);
        let mut buffer = String::new();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if !changes(c) {
                continue;
            }
            for before in ["", "a", "é", "预算", "😀"] {
                buffer.clear();
                buffer.push_str(before);
                buffer.push(c);
                buffer.push('率');
                assert!(may_change(&buffer), "{:?}", buffer);
            }
        }
        for unchanged in ["", "预算执行率", "abc123", "90%", "é😀率", "১২৩"] {
            assert!(!may_change(unchanged), "{unchanged}");
        }
    }

    #[test]
    fn folds_digits_operators_and_percent() {
        assert_eq!(fold_width("＞＝１２．５％"), ">=12.5%");
    }

    #[test]
    fn keeps_chinese_and_ascii() {
        assert!(matches!(fold_width("≥90% 以上"), Cow::Borrowed(_)));
    }

    #[test]
    fn normalize_drops_spaces_and_zero_width_characters() {
        assert_eq!(
            normalize(" 预算\u{200B}执行率\u{FEFF}\u{3000}"),
            "预算执行率"
        );
        assert_eq!(normalize("\u{200C}\u{200D}\u{2060}"), "");
    }

    /// The byte scan in front of `normalized` never lets a text through that
    /// normalising would change: every character of the Basic Multilingual Plane, alone
    /// and beside Chinese, against the definition.
    #[test]
    fn normalized_borrows_only_what_normalize_keeps() {
        let by_definition = |t: &str| -> String {
            fold_width(t)
                .chars()
                .filter(|c| !c.is_whitespace() && !is_zero_width(*c))
                .collect()
        };
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            let text = format!("预算{c}率");
            assert_eq!(
                normalized(&text),
                by_definition(&text),
                "U+{:04X}",
                c as u32
            );
        }
        assert!(matches!(normalized("预算执行率"), Cow::Borrowed(_)));
        assert!(matches!(normalized("≥90%"), Cow::Borrowed(_)));
    }

    /// Comparing texts without copying them, for order or for equality, gives what
    /// comparing their normal forms gives: texts that normalising keeps, changes (full-width forms, spaces, zero-width
    /// characters) and makes equal, each against each.
    #[test]
    fn texts_compare_as_their_normal_forms() {
        let texts = [
            "预算执行率",
            "预算 执行率",
            "预算执行率\u{200B}",
            "预算执行率%",
            "预算执行率％",
            "指标3",
            "指标３",
            "",
            " ",
            "%",
            "a b",
            "ab",
            "Ab",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(
                    cmp_normalized(a, b),
                    normalized(a).cmp(&normalized(b)),
                    "{a:?} against {b:?}"
                );
                assert_eq!(
                    eq_normalized(a, b),
                    normalized(a) == normalized(b),
                    "{a:?} equal to {b:?}"
                );
            }
        }
    }

    #[test]
    fn brief_keeps_short_texts_and_both_ends_of_long_ones() {
        assert!(matches!(brief("预算执行率", 5), Cow::Borrowed(_)));
        assert_eq!(brief("一二三四五六七八九十", 6), "一二三…九十");
        assert_eq!(brief("一二三四五六七八九十", 6).chars().count(), 6);
        let long = "很".repeat(100_000);
        assert_eq!(brief(&long, 500).chars().count(), 500);
        assert_eq!(brief("abc", 0), "…");
    }

    #[test]
    fn visible_writes_bidirectional_controls_out() {
        assert_eq!(visible("项目\u{202E}00.08"), "项目\\u{202e}00.08");
        assert_eq!(visible("a\u{2066}b\u{2028}c"), "a\\u{2066}b\\u{2028}c");
        assert_eq!(displayable("a\u{202E}b").as_deref(), Some("a???b"));
    }

    #[test]
    fn visible_writes_control_characters_out() {
        assert_eq!(
            visible("测试\u{7}项目\u{1b}[31m红\n"),
            "测试\\u{7}项目\\u{1b}[31m红\\n"
        );
        assert!(matches!(visible("测试 项目"), Cow::Borrowed(_)));
    }

    #[test]
    fn displayable_keeps_every_byte_offset() {
        let text = "a\u{7}b\r\nc\rd\u{9b}e\tf\n";
        let shown = displayable(text).unwrap();
        assert_eq!(shown, "a?b\r\nc?d??e\tf\n");
        assert_eq!(shown.len(), text.len());
        assert_eq!(displayable("好\r\n\t"), None);
    }

    #[test]
    fn ideographic_space_is_a_space() {
        assert_eq!(fold_width("１\u{3000}个"), "1 个");
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn a_sheet_is_named_as_a_cell_reference_names_it() {
        assert_eq!(sheet_reference("自评表"), "自评表");
        assert_eq!(sheet_reference("Sheet_1"), "Sheet_1");
        assert_eq!(sheet_reference("2023 自评"), "'2023 自评'");
        assert_eq!(sheet_reference("王's"), "'王''s'");
        assert_eq!(sheet_reference("表\u{1b}[2J"), "'表\\u{1b}[2J'");
    }

    #[test]
    fn a_line_break_in_a_name_is_a_space_and_other_controls_are_written_out() {
        assert_eq!(
            visible_line("电子政务项目\n建设资金"),
            "电子政务项目 建设资金"
        );
        assert_eq!(visible_line("一\r\n\r\n二"), "一 二");
        assert_eq!(visible_line("a\u{1b}[2Kb\u{2028}c"), "a\\u{1b}[2Kb c");
        assert!(matches!(visible_line("无换行"), Cow::Borrowed(_)));
    }
}
