//! Forms as departments send them: tab-separated text exports, CSV files, Excel and
//! OpenDocument workbooks, Word documents. Each is read into a grid of cells
//! ([`grid`]), which is placed on the form the ruleset declares by its labels.

pub mod grid;
