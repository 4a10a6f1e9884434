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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_digits_operators_and_percent() {
        assert_eq!(fold_width("＞＝１２．５％"), ">=12.5%");
    }

    #[test]
    fn keeps_chinese_and_ascii() {
        assert!(matches!(fold_width("≥90% 以上"), Cow::Borrowed(_)));
    }

    #[test]
    fn ideographic_space_is_a_space() {
        assert_eq!(fold_width("１\u{3000}个"), "1 个");
    }
}
