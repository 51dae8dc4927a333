//! `ident::bic` on arbitrary text: no panic; validation is idempotent.
#![no_main]

use kassa::ident::bic;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(b) = bic::validate(s) {
        assert_eq!(bic::validate(&b).unwrap(), b);
        assert!(b.len() == 8 || b.len() == 11);
    }
});
