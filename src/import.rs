//! Forms as departments send them: tab-separated text exports, CSV files, Excel and
//! OpenDocument workbooks, Word documents. Each is read into a grid of cells
//! ([`grid`]), which is placed on the form the ruleset declares by its labels.
//!
//! Readers take bytes and do no I/O. Every input is untrusted: each reader bounds
//! what it unpacks and builds, and turns every failure into an [`ImportError`].

mod archive;
pub mod csv;
pub mod docx;
pub mod error;
pub mod grid;
pub mod workbook;

pub use error::ImportError;
