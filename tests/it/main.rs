//! The integration test binary.

mod data;
