//! `kassa::fuzz::epc_parse` (see its docs): no panic, and the EPC round-trip invariants hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kassa::fuzz::epc_parse(data));
