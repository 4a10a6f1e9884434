//! The `perfeval` command line.
fn main() {}
