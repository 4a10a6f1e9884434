//! Dates as departments write them in a form's cells. A project file is strict (a TOML
//! date or `YYYY-MM-DD`); a form typed by hand says `2023年12月31日`, as the policy text
//! itself does, or `2023.12.31`, `2023/12/31`, `20231231`; a workbook may hold an Excel
//! serial number in a cell formatted as a number, or `20231231` typed as a number (eight
//! digits, which no serial number has). A data cutoff is often written as the policy
//! says it, `截至2023年12月31日`, or as a month's end, `2023年12月底`, `2023年底`. Each is
//! read here to the date it names, or not at all: a month without a day (`2023年12月`)
//! names no date.

use jiff::civil::Date;

use crate::text::fold_width;

/// The date a cell's text names: `2023年12月31日` (or `号`, or no last sign),
/// `2023-12-31`, `2023/12/31`, `2023.12.31` (months and days of one or two digits, any
/// of these followed by a time of day, which is dropped: a text export of a date-time
/// cell), or `20231231`; full-width digits and spaces between the parts are read as
/// ASCII and ignored; `截至`/`截止` before a date and `止` after it are left out, and a
/// month's or year's end (`2023年12月底`, `2023年12月末`, `2023年底`) is its last day.
/// `None` for any other text, and for a date that does not exist.
pub(crate) fn written(text: &str) -> Option<Date> {
    let folded = fold_width(text.trim());
    let whole: &str = &folded;
    let folded = ["截止到", "截止至", "截至", "截止"]
        .iter()
        .find_map(|word| whole.strip_prefix(word))
        .map_or(whole, str::trim_start);
    let folded = folded.strip_suffix('止').map_or(folded, str::trim_end);
    if let Some((day, time)) = folded.split_once(char::is_whitespace)
        && is_time_of_day(time.trim_start())
        && let Some(date) = without_time(day).filter(|_| !day.contains('年'))
    {
        return Some(date);
    }
    let compact: String = folded.chars().filter(|c| !c.is_whitespace()).collect();
    without_time(&compact).or_else(|| end_of(&compact))
}

/// The date a text with no space names: `2023年12月31日`, `2023-12-31`, `20231231`.
fn without_time(text: &str) -> Option<Date> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let (year, rest) = text.split_at(4);
        let (month, day) = rest.split_at(2);
        return date(year, month, day);
    }
    let (year, rest) = split_digits(text)?;
    let separator = rest.chars().next()?;
    let rest = rest.get(separator.len_utf8()..)?;
    let (month, rest) = split_digits(rest)?;
    let closing = match separator {
        '年' => '月',
        '-' | '/' | '.' => separator,
        _ => return None,
    };
    let rest = rest.strip_prefix(closing)?;
    let (day, rest) = split_digits(rest)?;
    let done = match separator {
        '年' => matches!(rest, "" | "日" | "号"),
        _ => rest.is_empty(),
    };
    if year.len() == 4 && done {
        date(year, month, day)
    } else {
        None
    }
}

/// The last day of a month or year written as its end, without spaces: `2023年12月底`
/// (or `末`), `2023年底`.
fn end_of(compact: &str) -> Option<Date> {
    let body = compact
        .strip_suffix('底')
        .or_else(|| compact.strip_suffix('末'))?;
    let (year, rest) = split_digits(body)?;
    let rest = rest.strip_prefix('年')?;
    let year: i16 = year.parse().ok().filter(|_| year.len() == 4)?;
    if rest.is_empty() {
        return Date::new(year, 12, 31).ok();
    }
    let (month, rest) = split_digits(rest)?;
    if rest != "月" || !(1..=2).contains(&month.len()) {
        return None;
    }
    Date::new(year, month.parse().ok()?, 1)
        .ok()?
        .last_of_month()
        .into()
}

/// The date of a year, month and day as digits, if it exists; a month or day has one
/// or two digits.
fn date(year: &str, month: &str, day: &str) -> Option<Date> {
    if !(1..=2).contains(&month.len()) || !(1..=2).contains(&day.len()) {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// The leading ASCII digits of `text` (at least one) and what follows them.
fn split_digits(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    (end > 0).then(|| text.split_at(end))
}

/// Whether `text` is a time of day: `00:00` or `00:00:00`.
fn is_time_of_day(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// An Excel date serial (days since 1899-12-30, as the 1900 system counts them after
/// its phantom 1900-02-29) as a date: a date typed into a cell formatted as a number.
pub(crate) fn serial(number: &str) -> Option<Date> {
    let days: i64 = number.parse().ok()?;
    if !(1..=2_958_465).contains(&days) {
        return None;
    }
    let epoch = jiff::civil::date(1899, 12, 30);
    epoch.checked_add(jiff::Span::new().days(days)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_forms_write_them() {
        let last_day = Some(jiff::civil::date(2023, 12, 31));
        for text in [
            "2023年12月31日",
            "2023年12月31号",
            "2023年12月31",
            " 2023 年 12 月 31 日 ",
            "２０２３年１２月３１日",
            "2023-12-31",
            "2023/12/31",
            "2023.12.31",
            "20231231",
            "2023-12-31 00:00:00",
            "2023/12/31 08:30",
            // A data cutoff as the policy writes it, and a month's or year's end.
            "截至2023年12月31日",
            "截止2023年12月31日",
            "截止到 2023-12-31",
            "截至2023年12月31日止",
            "2023年12月底",
            "2023年12月末",
            "2023年底",
            "截至2023年末",
        ] {
            assert_eq!(written(text), last_day, "{text}");
        }
        assert_eq!(written("2024年1月5日"), Some(jiff::civil::date(2024, 1, 5)));
        assert_eq!(written("2024年2月底"), Some(jiff::civil::date(2024, 2, 29)));
        for text in [
            "2023年13月底",
            "23年底",
            "12月底",
            "2023年12月中",
            "截至",
            "底",
        ] {
            assert_eq!(written(text), None, "{text}");
        }
        assert_eq!(written("2024/1/5"), Some(jiff::civil::date(2024, 1, 5)));
    }

    #[test]
    fn texts_that_name_no_date_are_not_read() {
        for text in [
            "",
            "2023年12月",
            "2023年",
            "2023-02-30",
            "2023年2月30日",
            "2023-12/31",
            "2023.12-31",
            "23-12-31",
            "2023-123-1",
            "2023-12-31T00:00",
            "2023-12-31 0:0",
            "2023年12月31日 00:00",
            "2023年12月31日以前",
            "202312311",
            "二〇二三年十二月三十一日",
        ] {
            assert_eq!(written(text), None, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_spelling_of_a_date_reads_as_it(y in 1900i16..2100, m in 1i8..=12, d in 1i8..=28) {
            let day = Some(jiff::civil::date(y, m, d));
            for text in [
                format!("{y}年{m}月{d}日"),
                format!("{y}-{m:02}-{d:02}"),
                format!("{y}/{m}/{d}"),
                format!("{y}.{m}.{d}"),
                format!("{y}{m:02}{d:02}"),
                format!("{y}-{m}-{d} 12:00:00"),
            ] {
                proptest::prop_assert_eq!(written(&text), day, "{}", text);
            }
        }

        #[test]
        fn any_text_is_read_or_refused(text in "\\PC{0,24}") {
            let _ = written(&text);
        }
    }

    #[test]
    fn serial_numbers_are_days_since_1899_12_30() {
        assert_eq!(serial("45291"), Some(jiff::civil::date(2023, 12, 31)));
        assert_eq!(serial("1.5"), None);
        assert_eq!(serial("-3"), None);
    }
}
