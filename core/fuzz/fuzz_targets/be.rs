//! `ident::be` on arbitrary text: no panic; VAT and enterprise numbers agree.
#![no_main]

use kassa::ident::be;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(n) = be::enterprise_number(s) {
        assert_eq!(be::vat_number(s).unwrap(), format!("BE{n}"));
        assert_eq!(be::enterprise_number(&n).unwrap(), n);
        assert!(n.starts_with(['0', '1']));
    }
});
