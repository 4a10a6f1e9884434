//! What a cell's text is, word by word: a sign of a value, an attachment's mark, a page
//! number, a number as people type it on a form.

use crate::data::schema::FieldType;

/// The signs a target or an actual value is written with besides digits and words: a
/// percentage, or a sign of the comparator symbols the reader of values knows (widths
/// folded, as [`label_key`] gives them).
pub(super) fn is_value_sign(c: char) -> bool {
    matches!(c, '%' | '‰')
        || crate::compile::MeasureWords::SYMBOLS
            .iter()
            .any(|(symbol, _)| symbol.contains(c))
}

/// Whether a cell (as [`label_key`] gives it) is an attachment's mark above a form, as a
/// circular attaches it: `附件2`, `附件 2`, `附表一`, `附件2-1`.
pub(super) fn is_attachment_mark(text: &str) -> bool {
    let Some(number) = text
        .strip_prefix("附件")
        .or_else(|| text.strip_prefix("附表"))
    else {
        return false;
    };
    !number.is_empty()
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || "〇一二三四五六七八九十".contains(c))
}

/// Whether a cell (as [`label_key`] gives it: widths folded, spaces removed) is a page's
/// number as a document printed or copied from paper shows it: `第2页`, `共3页`,
/// `第2页共3页` (`,` or `/` between), `-2-`, `—2—`. Page furniture is no form's field.
pub(super) fn is_page_number(text: &str) -> bool {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let page = |t: &str, word: &str| {
        t.strip_prefix(word)
            .and_then(|t| t.strip_suffix('页'))
            .is_some_and(digits)
    };
    if let Some(inner) = ['-', '—', '–']
        .iter()
        .find_map(|dash| text.strip_prefix(*dash)?.strip_suffix(*dash))
    {
        return digits(inner);
    }
    let Some(at) = text.find('页') else {
        return false;
    };
    let (first, rest) = text.split_at(at + '页'.len_utf8());
    let rest = rest.trim_start_matches([',', '/', '、', ';']);
    match (page(first, "第"), page(first, "共")) {
        (true, _) => rest.is_empty() || page(rest, "共"),
        (_, true) => rest.is_empty() || page(rest, "第"),
        _ => false,
    }
}

/// A number typed into a cell as people type it on a form: thousands separators between
/// digits (`1,679.7`) dropped, and the unit the form's column already says (`万元` for an
/// amount, `分` for points) left off; a whole number is a year ([`year_text`]). Any other
/// text is kept for the validator to judge.
pub(super) fn number_text(text: &str, ty: Option<FieldType>) -> String {
    let unit = match ty {
        Some(FieldType::Amount) => "万元",
        Some(FieldType::Points) => "分",
        Some(FieldType::Integer) => return ungrouped(&year_text(text)),
        Some(FieldType::Number) => "",
        _ => return text.to_owned(),
    };
    let text = text
        .strip_suffix(unit)
        .filter(|_| !unit.is_empty())
        .map_or(text, str::trim_end);
    ungrouped(text)
}

/// A whole number as a form writes a year, the one whole number a form has: `2023年`,
/// `2023年度` and `2023 年` are 2023 (the unit its label says left off), and a year in
/// Chinese digits, written digit by digit (`二〇二三年`, `二○二三`), is the same year.
/// Only four digits are a year so written (`一二`, `-2023年` are not); any other text is
/// kept as it is, for the validator to judge.
fn year_text(text: &str) -> String {
    let bare = ["年度", "年"]
        .iter()
        .find_map(|unit| text.strip_suffix(unit))
        .map_or(text, str::trim_end);
    let digits: Option<String> = bare
        .chars()
        .map(|c| match chinese_digit(c) {
            Some(d) => char::from_digit(u32::try_from(d).ok()?, 10),
            None => c.is_ascii_digit().then_some(c),
        })
        .collect();
    match digits {
        Some(digits) if digits.len() == 4 => digits,
        _ => text.to_owned(),
    }
}

/// The value of a Chinese digit as a year writes it (`〇`, `二`): `None` for any other
/// character (`十` is no digit of a year written digit by digit).
pub(super) fn chinese_digit(c: char) -> Option<usize> {
    CHINESE_DIGITS.iter().position(|d| d.contains(c))
}

/// The Chinese digits, by value, as years are written digit by digit: zero as `〇`, `零`
/// or the circle `○` typed for it.
const CHINESE_DIGITS: [&str; 10] = [
    "〇零○",
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
];

/// `text` with the commas that group its thousands dropped.
fn ungrouped(text: &str) -> String {
    // A comma that does not group thousands (`9,16`, a decimal comma; `1679,7`) is no
    // separator: the text is kept as written, which the validator refuses and quotes,
    // rather than read as 916.
    if !text.contains([',', '，']) || !grouped_in_thousands(text) {
        return text.to_owned();
    }
    text.chars().filter(|c| !matches!(c, ',' | '，')).collect()
}

/// Whether every comma of `text` stands between digits and groups thousands: one to
/// three digits before the first, exactly three after each, before any decimal point.
fn grouped_in_thousands(text: &str) -> bool {
    let mut run = 0usize; // digits since the last comma
    let mut grouped = false; // a comma seen in this number
    let mut after_point = false;
    let mut previous = None;
    for c in text.chars() {
        match c {
            '0'..='9' => run += 1,
            ',' | '，' => {
                let fits = previous.is_some_and(|p: char| p.is_ascii_digit())
                    && !after_point
                    && if grouped {
                        run == 3
                    } else {
                        (1..=3).contains(&run)
                    };
                if !fits {
                    return false;
                }
                grouped = true;
                run = 0;
            }
            _ => {
                if grouped && run != 3 {
                    return false;
                }
                after_point = c == '.' && previous.is_some_and(|p: char| p.is_ascii_digit());
                grouped = false;
                run = 0;
            }
        }
        previous = Some(c);
    }
    !grouped || run == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_typed_on_forms() {
        assert_eq!(number_text("1,679.70", Some(FieldType::Amount)), "1679.70");
        assert_eq!(number_text("1679.7万元", Some(FieldType::Amount)), "1679.7");
        assert_eq!(number_text("9.16 分", Some(FieldType::Points)), "9.16");
        assert_eq!(number_text("1679.7元", Some(FieldType::Amount)), "1679.7元");
        assert_eq!(
            number_text("=1,234个", Some(FieldType::Measure)),
            "=1,234个"
        );
    }

    #[test]
    fn a_year_is_read_with_its_unit_or_in_chinese_digits() {
        let year = |text| number_text(text, Some(FieldType::Integer));
        for written in [
            "2023",
            "2023年",
            "2023年度",
            "2023 年",
            "二〇二三年",
            "二○二三",
            "二零二三年度",
        ] {
            assert_eq!(year(written), "2023", "{written}");
        }
        // Other text is the validator's to refuse: a count, a range, a year of numbers,
        // Chinese digits that are no year's four.
        for kept in [
            "二〇二三年三月",
            "2022-2023年",
            "年",
            "两千零二十三年",
            "2023年1月",
            "一二",
            "〇",
            "一二年度",
            "-2023年",
            "12年",
        ] {
            assert_eq!(year(kept), kept, "{kept}");
        }
        // The unit is the year's alone: a number field keeps it.
        assert_eq!(number_text("2023年", Some(FieldType::Number)), "2023年");
    }

    #[test]
    fn attachment_marks_are_known() {
        for mark in ["附件2", "附件12", "附表一", "附件2-1", "附件十"] {
            assert!(is_attachment_mark(mark), "{mark}");
        }
        for other in ["附件", "附件说明", "附件2：自评表", "附注1", "2"] {
            assert!(!is_attachment_mark(other), "{other}");
        }
    }

    #[test]
    fn page_numbers_are_known() {
        for page in [
            "第2页",
            "共3页",
            "第2页共3页",
            "第2页/共3页",
            "第2页,共3页",
            "共3页第2页",
            "-2-",
            "—12—",
        ] {
            assert!(is_page_number(page), "{page}");
        }
        for not in [
            "第2页共",
            "第页",
            "第二页",
            "2/3",
            "-2",
            "第2页x",
            "页",
            "-",
            "第2页共3页4",
        ] {
            assert!(!is_page_number(not), "{not}");
        }
    }

    /// Only commas that group thousands are dropped: a decimal comma (`9,16`) or a
    /// misplaced one keeps the text as typed, for the validator to refuse, never 916.
    #[test]
    fn only_thousands_commas_are_dropped() {
        let points = |text| number_text(text, Some(FieldType::Points));
        let amount = |text| number_text(text, Some(FieldType::Amount));
        assert_eq!(amount("1,234,567.5"), "1234567.5");
        assert_eq!(amount("1，679.7"), "1679.7");
        assert_eq!(amount("-1,679"), "-1679");
        assert_eq!(points("9,16"), "9,16");
        assert_eq!(amount("1679,7"), "1679,7");
        assert_eq!(amount("1,2345"), "1,2345");
        assert_eq!(amount("1.234,5"), "1.234,5");
        assert_eq!(amount("1,234.5,6"), "1,234.5,6");
        assert_eq!(amount(",123"), ",123");
        assert_eq!(amount("1,234,"), "1,234,");
    }
}
