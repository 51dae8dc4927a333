//! `epc::parse` and `epc::parse_bytes`, both modes, on arbitrary bytes. Invariants: no panic; a
//! strictly valid payload reads the same leniently, re-renders to a payload that parses to the
//! same payment, and (when it fits) renders to a QR code.
#![no_main]

use kassa::epc::{self, Mode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = epc::parse_bytes(data, Mode::Strict);
    let lenient = epc::parse_bytes(data, Mode::Lenient);
    if let Ok(p) = &strict {
        let l = lenient.as_ref().expect("lenient accepts what strict accepts");
        assert_eq!(l.epc, p.epc);
        assert!(l.tolerated.is_empty());
        let again = epc::parse(&p.epc.payload(), Mode::Strict).expect("the canonical payload parses");
        assert_eq!(again.epc, p.epc);
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let strict = epc::parse(text, Mode::Strict);
        let _ = epc::parse(text, Mode::Lenient);
        if strict.is_ok() {
            let qr = epc::qr(text).expect("a strictly valid payload renders");
            assert!(qr.version() <= 13);
        }
    }
});
