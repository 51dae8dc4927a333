//! `kassa::fuzz::identifiers` (see its docs): no panic on any input.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kassa::fuzz::identifiers(data));
