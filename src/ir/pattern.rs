//! A layout word that holds a field's value inside a cell: `（{}年度）` reads 2022 from
//! the official form's title line `（2022年度）` (`labels project.year "（{}年度）"`).
//!
//! `{}` stands for the value, once; a leading or trailing `*` for any other text in the
//! cell (`*（{}年度）` also reads `项目支出绩效自评表（2022年度）`). The words around `{}`
//! compare as labels do: widths folded, whitespace removed.

use crate::text::{fold_width, normalize};

/// The most characters of a cell a pattern is tried on: titles and headers are short,
/// and a narrative cell of thousands of characters is never a year in brackets.
const LONGEST_CELL: usize = 200;

/// A layout word with `{}`, ready to find a value in a cell's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValuePattern {
    /// Other text may come before the words before `{}` (a leading `*`).
    any_before: bool,
    /// The words before `{}`, as labels compare.
    before: String,
    /// The words after `{}`, as labels compare.
    after: String,
    /// Other text may follow the words after `{}` (a trailing `*`).
    any_after: bool,
}

/// Whether a layout word means to be a value pattern: it has a brace (full-width ones
/// too). Such a word that [`ValuePattern::parse`] refuses (`{ }年度`, `{项目年份}`) is an
/// error, never a header word.
#[must_use]
pub fn has_brace(word: &str) -> bool {
    fold_width(word).contains(['{', '}'])
}

/// Whether a text's last character may be part of a number (`1`, `.`, `-`, `+`).
fn ends_in_number(text: &str) -> bool {
    text.chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
}

impl ValuePattern {
    /// The pattern a layout word writes, or `None` where it has no `{}`, more than one,
    /// or no word around it (`{}`, `*{}*`), which would take any cell for the value.
    #[must_use]
    pub fn parse(word: &str) -> Option<ValuePattern> {
        let folded = fold_width(word);
        let (before, after) = folded.split_once("{}")?;
        // One `{}`, and no other brace (`{}年度{`).
        if has_brace(before) || has_brace(after) {
            return None;
        }
        let (any_before, before) = match before.strip_prefix('*') {
            Some(rest) => (true, rest),
            None => (false, before),
        };
        let (any_after, after) = match after.strip_suffix('*') {
            Some(rest) => (true, rest),
            None => (false, after),
        };
        let (before, after) = (normalize(before), normalize(after));
        let after = after.trim_end_matches(':').to_owned();
        // Words on one side at least; a trailing `*` needs words after `{}` to end the
        // value (`年份{}*` would end it nowhere).
        if (before.is_empty() && after.is_empty()) || (after.is_empty() && any_after) {
            return None;
        }
        Some(ValuePattern {
            any_before,
            before,
            after,
            any_after,
        })
    }

    /// Every value the pattern finds in a cell's text as labels compare, the first to
    /// begin first, each the shortest text between the words that leaves a match, never
    /// empty. A leading `*` with no words before `{}` lets the value begin anywhere
    /// (`*{}年度项目支出绩效自评表` finds `中江县2022`, then `江县2022`, … `2022`): the
    /// reader takes the first of the field's type.
    #[must_use]
    pub fn values<'t>(&self, key: &'t str) -> Vec<&'t str> {
        if key.chars().count() > LONGEST_CELL {
            return Vec::new();
        }
        let before = self.before.as_str();
        let starts: Vec<usize> = match (self.any_before, before.is_empty()) {
            (false, _) => (key.starts_with(before).then_some(before.len()))
                .into_iter()
                .collect(),
            // Not inside a number: `12022` is never read from `附件12022年度…`'s end.
            (true, true) => (key.char_indices())
                .filter(|(i, _)| !key.get(..*i).is_some_and(ends_in_number))
                .map(|(i, _)| i)
                .collect(),
            (true, false) => (key.match_indices(before))
                .map(|(i, _)| i + before.len())
                .collect(),
        };
        let ends: Vec<usize> = match self.after.is_empty() {
            true => (!self.any_after).then_some(key.len()).into_iter().collect(),
            false => (key.match_indices(self.after.as_str()))
                .filter(|(i, _)| self.any_after || i + self.after.len() == key.len())
                .map(|(i, _)| i)
                .collect(),
        };
        (starts.into_iter())
            .filter_map(|start| {
                let end = ends.iter().find(|&&end| end > start)?;
                key.get(start..*end)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'t>(word: &str, key: &'t str) -> Option<&'t str> {
        ValuePattern::parse(word).and_then(|p| p.values(key).first().copied())
    }

    #[test]
    fn the_value_between_the_words() {
        assert_eq!(find("（{}年度）", "(2022年度)"), Some("2022"));
        assert_eq!(find("（{}年度）", "项目支出绩效自评表(2022年度)"), None);
        assert_eq!(
            find("*（{}年度）", "项目支出绩效自评表(2022年度)"),
            Some("2022")
        );
        assert_eq!(find("{}年度*", "2022年度项目支出绩效自评表"), Some("2022"));
        assert_eq!(find("{}年度", "2022年度项目支出绩效自评表"), None);
        assert_eq!(find("年度：{}", "年度:2022"), Some("2022"));
    }

    #[test]
    fn a_leading_star_alone_lets_the_value_begin_anywhere() {
        let pattern = ValuePattern::parse("*{}年度项目支出绩效自评表").unwrap();
        let values = pattern.values("中江县2022年度项目支出绩效自评表");
        assert_eq!(
            values.get(..4),
            Some(&["中江县2022", "江县2022", "县2022", "2022"][..])
        );
        assert_eq!(pattern.values("2022年度项目支出绩效自评表"), ["2022"]);
        let spaced = pattern.values("附件1 2022年度项目支出绩效自评表");
        assert_eq!(spaced.last(), Some(&"2022"));
    }

    #[test]
    fn an_empty_value_is_no_match() {
        assert_eq!(find("（{}年度）", "(年度)"), None);
        assert_eq!(find("年度{}", "年度"), None);
    }

    #[test]
    fn a_word_without_text_around_the_value_or_with_two_is_no_pattern() {
        for word in [
            "{}",
            "*{}*",
            " {} ",
            "{}年{}",
            "{项目年份}",
            "{ }年度",
            "年度",
            "{}年度{",
            "年份{}*",
        ] {
            assert!(ValuePattern::parse(word).is_none(), "{word}");
        }
        assert!(has_brace("{项目年份}") && !has_brace("年度"));
        assert!(
            ValuePattern::parse("｛｝年度").is_some(),
            "full-width braces are braces"
        );
    }

    #[test]
    fn a_long_cell_is_not_searched() {
        let long = format!("({}2022年度)", "很".repeat(LONGEST_CELL));
        assert_eq!(find("*（{}年度）", &long), None);
    }
}
