//! "Did you mean": the nearest known name to a misspelled one.

/// `did you mean `x`?` for the candidate nearest to `word`, if one is near enough.
///
/// Nearness is the edit distance over characters with two neighbours swapped counting
/// as one edit (`frist` is one from `first`: the commonest slip of typing), so that a
/// Chinese name with one character wrong counts as one edit too. A candidate must be
/// within a third of the word's length (at least one edit).
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(word, candidates).map(|name| crate::i18n::t!(DID_YOU_MEAN, name))
}

/// `did you mean `x`?` for the nearest of `first` if one is near enough, else of `then`:
/// the spellings of a file's own language before the other's.
pub(crate) fn did_you_mean_first<'a>(
    word: &str,
    first: impl IntoIterator<Item = &'a str>,
    then: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    nearest(word, first)
        .or_else(|| nearest(word, then))
        .map(|name| crate::i18n::t!(DID_YOU_MEAN, name))
}

/// The candidate nearest to `word`, if one is near enough (see [`did_you_mean`]).
pub(crate) fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    if word.is_empty() {
        return None;
    }
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    // A candidate whose length differs by more than the limit is further than it: not
    // compared (the distance costs the product of the lengths).
    let near_in_length = |c: &&str| c.chars().count().abs_diff(length) <= limit;
    candidates
        .into_iter()
        .filter(|c| *c != word && near_in_length(c))
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_near_english_name() {
        assert_eq!(
            did_you_mean("apropriated", ["appropriated", "paid"]),
            Some("did you mean `appropriated`?".to_owned())
        );
    }

    #[test]
    fn finds_a_chinese_name_one_character_off() {
        assert_eq!(
            nearest("预算执行律", ["预算执行率", "资金到位率"]),
            Some("预算执行率")
        );
    }

    #[test]
    fn two_letters_swapped_are_one_slip() {
        assert_eq!(nearest("frist", ["first", "last"]), Some("first"));
        assert_eq!(nearest("lsat", ["first", "last"]), Some("last"));
        assert_eq!(
            nearest("执率行", ["执行率"]),
            Some("执行率"),
            "a Chinese name too"
        );
    }

    #[test]
    fn stays_silent_when_nothing_is_near() {
        assert_eq!(nearest("xyz", ["appropriated"]), None);
        assert_eq!(nearest("", ["a"]), None);
    }
}
