//! `cargo fuzz run -s none print`: see `perfeval_fuzz::print` and fuzz/README.md.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| perfeval_fuzz::print(data));
