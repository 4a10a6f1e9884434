//! Project files: a filled form as TOML, JSON or YAML, validated against the form that
//! the ruleset declares.

pub mod project;
pub mod schema;
