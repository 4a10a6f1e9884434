//! `cargo fuzz run -s none parse`: see `perfeval_fuzz::parse` and fuzz/README.md.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| perfeval_fuzz::parse(data));
