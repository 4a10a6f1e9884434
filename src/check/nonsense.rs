//! Numbers and words that cannot be what a policy means (`perfeval::check::nonsense`):
//! one variant per kind, each with a ruleset that triggers it. Shares are carried as
//! written for people (`130%`), since the message is all they are for.

use crate::i18n::t;

/// What cannot be meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Nonsense {
    /// `max_score -5 分`, or a formula for it that is below zero in some case.
    MaxScoreNegative {
        /// The most `max_score` can be.
        max: String,
    },
    /// `pool 产出 if count(x) > 0 then -5 分 else 50 分 { … }`: a pool whose points can
    /// be below zero.
    PointsBelowZero {
        /// The pool, in words.
        what: String,
        /// The least its points can be.
        lo: String,
    },
    /// `预算执行率 -2 分` in a catalog.
    NegativeCatalogWeight {
        /// The indicator.
        name: String,
        /// The least its weight can be.
        weight: String,
    },
    /// `full 130% to 100%`: a band whose upper edge is below its lower edge.
    BandUpsideDown {
        /// The upper edge.
        upper: String,
        /// The lower edge.
        lower: String,
    },
    /// `full (100%, 100%)`: a band that holds no completion.
    BandEmpty {
        /// The band as written, `(100%, 100%)`.
        band: String,
    },
    /// `below deduct -5% per 1%`: a deduction that adds points.
    NegativeDeduction {
        /// The rate.
        rate: String,
    },
    /// `below deduct 5% per 0%`: a deduction with no step.
    DeductionStep,
    /// `full -10% to 100%`, `floor -5%`, `cap -5%`: an edge below zero.
    BelowZero {
        /// Which edge.
        edge: Edge,
        /// Its value.
        value: String,
    },
    /// `floor 120%`, `cap 150%`: more than the whole weight.
    AboveWhole {
        /// Which edge (the floor or the cap).
        edge: Edge,
        /// Its value.
        value: String,
    },
    /// `floor 60%` with `cap 50%`.
    CapBelowFloor {
        /// The cap.
        cap: String,
        /// The floor.
        floor: String,
    },
    /// `missing { explained scores 150% }`: a share of the weight outside 0%–100%.
    ShareOutOfRange {
        /// What the share is of, in words.
        what: String,
        /// The share.
        share: String,
    },
    /// `grades { 好 120% }`.
    GradeShareOutOfRange {
        /// The grade.
        grade: String,
        /// Its share.
        share: String,
    },
    /// `grades { 较好 80% to 60% }`.
    GradeUpsideDown {
        /// The grade.
        grade: String,
        /// Its low end as written.
        low: String,
        /// Its high end.
        high: String,
    },
    /// `grades { 较好 (80%, 80%] }`: a range that holds no share.
    GradeEmpty {
        /// The grade.
        grade: String,
        /// Its range, `(80%, 80%]`.
        range: String,
    },
    /// `[80%, 90%)` and `(90%, 100%]`: no grade holds exactly 90%.
    GradeGapAt {
        /// The share no range holds.
        share: String,
    },
    /// `[0%, 60%)` and `[80%, 100%]`: no grade holds the shares between.
    GradeGap {
        /// Where the gap starts.
        from: String,
        /// Where it ends.
        to: String,
    },
    /// `[0%, 85%)` and `[80%, 90%)`: shares two grades hold.
    GradeOverlap {
        /// The earlier grade.
        first: String,
        /// The later one.
        second: String,
        /// Where the overlap starts.
        from: String,
        /// Where it ends.
        to: String,
    },
    /// `line total "合计" …`: a line key that reports and rules use already.
    LineKeyTaken {
        /// The key.
        key: String,
    },
    /// `comparators { >= before "" }`: an empty word matches every target.
    EmptyComparatorWord,
    /// `layout { ignore "" }`: an empty word would match every cell.
    EmptyIgnoredWord,
    /// `layout { totals "" }`.
    EmptyTotalWord,
    /// `layout { labels indicators.self_score "" }`.
    EmptyColumnLabel,
    /// `labels project.year "{}年度{}"`, `labels funds "（{}）"`, or a `{}` for a field of
    /// a table: a word with `{}` is a cell that holds one field's value, once, with words
    /// around it, outside the tables.
    ValuePattern {
        /// The word.
        word: String,
    },
    /// `missing { markers "好" }` where `好` is also a grade word.
    MarkerIsGrade {
        /// The word.
        word: String,
    },
    /// `section budget.funds` where `budget` already has a field `funds`.
    FieldAndSubsection {
        /// The record section.
        parent: String,
        /// The name both take.
        last: String,
        /// The sub-section's whole name.
        section: String,
    },
}

/// An edge of a class's band, or its floor or cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edge {
    /// The lower edge of the full-marks band.
    Band,
    /// `floor`.
    Floor,
    /// `cap`.
    Cap,
}

impl std::fmt::Display for Nonsense {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Nonsense::MaxScoreNegative { max } => t!(CHECK_MAX_SCORE_NEGATIVE, max),
            Nonsense::PointsBelowZero { what, lo } => t!(CHECK_POINTS_BELOW_ZERO, what, lo),
            Nonsense::NegativeCatalogWeight { name, weight } => {
                t!(CHECK_NEGATIVE_CATALOG_WEIGHT, name, w = weight)
            }
            Nonsense::BandUpsideDown { upper, lower } => {
                t!(CHECK_BAND_UPSIDE_DOWN, upper, lower)
            }
            Nonsense::BandEmpty { band } => t!(CHECK_BAND_EMPTY, band),
            Nonsense::NegativeDeduction { rate } => t!(CHECK_NEGATIVE_DEDUCTION, rate),
            Nonsense::DeductionStep => t!(CHECK_DEDUCTION_STEP),
            Nonsense::BelowZero { edge, value } => {
                let message = match edge {
                    Edge::Band => t!(CHECK_BAND_BELOW_ZERO),
                    Edge::Floor => t!(CHECK_FLOOR_BELOW_ZERO),
                    Edge::Cap => t!(CHECK_CAP_BELOW_ZERO),
                };
                t!(CHECK_WITH_VALUE, message, value)
            }
            Nonsense::AboveWhole { edge, value } => {
                let message = match edge {
                    Edge::Cap => t!(CHECK_CAP_ABOVE_WHOLE),
                    Edge::Band | Edge::Floor => t!(CHECK_FLOOR_ABOVE_WHOLE),
                };
                t!(CHECK_WITH_VALUE, message, value)
            }
            Nonsense::CapBelowFloor { cap, floor } => t!(CHECK_CAP_BELOW_FLOOR, cap, floor),
            Nonsense::ShareOutOfRange { what, share } => {
                t!(CHECK_SHARE_OUT_OF_RANGE, what, share)
            }
            Nonsense::GradeShareOutOfRange { grade, share } => {
                t!(CHECK_GRADE_SHARE_OUT_OF_RANGE, grade, share)
            }
            Nonsense::GradeUpsideDown { grade, low, high } => {
                t!(CHECK_GRADE_UPSIDE_DOWN, grade, low, high)
            }
            Nonsense::GradeEmpty { grade, range } => t!(CHECK_GRADE_EMPTY, grade, range),
            Nonsense::GradeGapAt { share } => t!(CHECK_GRADE_GAP_AT, share),
            Nonsense::GradeGap { from, to } => t!(CHECK_GRADE_GAP, from, to),
            Nonsense::GradeOverlap {
                first,
                second,
                from,
                to,
            } => t!(CHECK_GRADE_OVERLAP, first, second, from, to),
            Nonsense::LineKeyTaken { key } => t!(CHECK_LINE_KEY_TAKEN, key),
            Nonsense::EmptyComparatorWord => t!(CHECK_EMPTY_COMPARATOR_WORD),
            Nonsense::EmptyIgnoredWord => t!(CHECK_EMPTY_IGNORED_WORD),
            Nonsense::EmptyTotalWord => t!(CHECK_EMPTY_TOTAL_WORD),
            Nonsense::EmptyColumnLabel => t!(CHECK_EMPTY_COLUMN_LABEL),
            Nonsense::ValuePattern { word } => t!(CHECK_VALUE_PATTERN, word),
            Nonsense::MarkerIsGrade { word } => t!(CHECK_MARKER_IS_GRADE, word),
            Nonsense::FieldAndSubsection {
                parent,
                last,
                section,
            } => t!(CHECK_FIELD_AND_SUBSECTION, parent, last, section),
        };
        f.write_str(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::error::CheckError;
    use crate::source::SourceFile;

    /// The problems the checker finds in the nonsense fixture, as variants.
    fn problems(path: &str) -> Vec<Nonsense> {
        let text = std::fs::read_to_string(path).unwrap();
        let source = SourceFile::new(path, text);
        let ruleset = crate::syntax::parse(&source).unwrap();
        let failure = crate::check::check(&ruleset, source.clone()).unwrap_err();
        failure
            .errors()
            .iter()
            .filter_map(|e| match e {
                CheckError::Nonsense { problem, .. } => Some(problem.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_fixture_raises_typed_problems() {
        // `full 130% to 100%`: the band's edges, as written for people.
        let found = problems("tests/fixtures/check/err/nonsense.rules");
        let expected = Nonsense::BandUpsideDown {
            upper: "100%".to_owned(),
            lower: "130%".to_owned(),
        };
        assert_eq!(found, [expected]);
    }

    #[test]
    fn a_below_zero_edge_names_its_edge() {
        let floor = Nonsense::BelowZero {
            edge: Edge::Floor,
            value: "-5%".to_owned(),
        };
        let cap = Nonsense::BelowZero {
            edge: Edge::Cap,
            value: "-5%".to_owned(),
        };
        assert_ne!(floor.to_string(), cap.to_string());
        assert!(floor.to_string().contains("-5%"));
    }
}
