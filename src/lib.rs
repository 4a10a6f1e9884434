//! perfeval: a rules engine for fiscal project performance self-evaluation
//! (财政支出项目绩效自评).
//!
//! A ruleset (`.rules`, perfeval's own language) states a year's scoring policy; a
//! project file (TOML, JSON or YAML) is one filled self-evaluation form. The pipeline:
//! parse → check → compile → load → evaluate → report.

pub mod check;
pub mod data;
pub mod diagnostic;
pub mod finding;
pub mod ir;
pub mod source;
pub(crate) mod suggest;
pub mod syntax;
pub mod text;
pub mod value;
