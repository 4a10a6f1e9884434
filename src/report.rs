//! Reporting: outcomes as a table for people, as JSON for tools, as Markdown, HTML, CSV
//! and xlsx for reviewers' own reports, and findings and errors as diagnostics that
//! point into the files. `view` decides what every format shows of a project; `batch`
//! counts a run.
//!
//! This is the only module that formats output; it writes into strings and leaves
//! printing to the CLI.

pub mod batch;
pub mod csv;
pub mod diagnostic;
pub mod diff;
pub mod header;
pub mod html;
pub mod json;
pub mod jsonl;
pub mod markdown;
pub mod seal;
pub mod table;
pub mod view;
pub mod xlsx;

use rust_decimal::Decimal;

use crate::ir::vocab::RoundingMode;
use crate::value::round_to_step;

/// A completion ratio as percentage points rounded to 0.01 for display: 1.0556 → 105.56.
#[must_use]
pub fn completion_percent(ratio: Decimal) -> Option<Decimal> {
    let points = ratio.checked_mul(Decimal::ONE_HUNDRED)?;
    round_to_step(points, Decimal::new(1, 2), RoundingMode::HalfAwayFromZero).ok()
}

/// What a report for reviewers is made of: the ruleset, every project's result in order,
/// and what the run skipped.
#[derive(Debug)]
pub struct Report<'a> {
    /// The ruleset's name.
    pub ruleset: &'a str,
    /// The ruleset's version, where it has one.
    pub version: Option<&'a str>,
    /// The ruleset's file, as named.
    pub ruleset_file: &'a str,
    /// Every project's result, in the run's order.
    pub results: &'a [json::ProjectResult],
    /// Files skipped in folders.
    pub skipped: usize,
    /// What was skipped, in one line that names the files no form was found in (a blank
    /// template a department sent back is one a reviewer must hear of); `None` where
    /// nothing was.
    pub skipped_note: Option<String>,
}

impl Report<'_> {
    /// The run counted.
    #[must_use]
    pub fn tally(&self) -> batch::Tally {
        batch::Tally::of(self.results, self.skipped)
    }

    /// Whether the report opens with a summary of the projects: for several, or where
    /// one could not be evaluated (the summary is where its error shows).
    #[must_use]
    pub fn has_summary(&self) -> bool {
        self.results.len() > 1
            || self
                .results
                .iter()
                .any(|r| matches!(r, json::ProjectResult::Failed { .. }))
    }

    /// The ruleset in one line: `苏州市级… 2023.1（rulesets/2023.rules）`, not escaped.
    #[must_use]
    pub fn ruleset_line(&self) -> String {
        let version = self.version.map_or_else(String::new, |v| format!(" {v}"));
        format!(
            "{}{version}（{}）",
            self.ruleset,
            file_for_people(self.ruleset_file)
        )
    }
}

/// A ruleset's file as a reviewer reads it: a shipped ruleset is `内置规则集 2023`, not
/// `<shipped>/2023.rules`, a name no file has.
fn file_for_people(file: &str) -> std::borrow::Cow<'_, str> {
    match crate::shipped::of_source(file) {
        Some(shipped) => std::borrow::Cow::Owned(format!("内置规则集 {}", shipped.name())),
        None => std::borrow::Cow::Borrowed(file),
    }
}

/// The title of every report for reviewers.
pub const TITLE: &str = crate::input::REPORT_TITLE;

/// What a report for reviewers shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Only the summary: one row per project.
    pub summary: bool,
    /// Only projects with a problem (an error, a warning, or no evaluation), in the
    /// reports for people (table, markdown, HTML); the data formats (JSON, CSV, xlsx)
    /// ignore it.
    pub quiet: bool,
}

#[cfg(test)]
mod tests {
    use super::file_for_people;

    #[test]
    fn a_shipped_ruleset_is_named_for_people() {
        assert_eq!(file_for_people("<shipped>/2023.rules"), "内置规则集 2023");
        assert_eq!(
            file_for_people("<shipped>/mof-2020.rules"),
            "内置规则集 mof-2020"
        );
        assert_eq!(
            file_for_people("rulesets/2023.rules"),
            "rulesets/2023.rules"
        );
        // Only a ruleset perfeval ships: a file a ruleset could name so is itself.
        assert_eq!(
            file_for_people("<shipped>/2099.rules"),
            "<shipped>/2099.rules"
        );
    }
}
