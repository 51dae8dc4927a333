//! `ident::rf` on arbitrary text: no panic; print and electronic forms agree; generate validates.
#![no_main]

use kassa::ident::rf;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(e) = rf::validate(s) {
        assert_eq!(rf::validate(&rf::format(&e).unwrap()).unwrap(), e);
    }
    if let Ok(generated) = rf::generate(s) {
        assert_eq!(rf::validate(&generated).unwrap(), generated);
    }
});
