//! `ident::iban` on arbitrary text: no panic; a valid IBAN's print form validates to itself.
#![no_main]

use kassa::ident::iban;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(electronic) = iban::validate(s) {
        let print = iban::format(s).expect("format agrees with validate");
        assert_eq!(iban::validate(&print).unwrap(), electronic);
        assert_eq!(iban::validate(&electronic).unwrap(), electronic);
    }
});
