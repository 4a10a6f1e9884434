//! `cargo fuzz run -s none load`: see `perfeval_fuzz::load` and fuzz/README.md.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| perfeval_fuzz::load(data));
