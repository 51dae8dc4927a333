//! `ident::peppol` on arbitrary text: no panic; normalisation is idempotent and case-insensitive.
#![no_main]

use kassa::ident::peppol;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(id) = peppol::validate(s) {
        assert_eq!(peppol::validate(&id).unwrap(), id);
        assert_eq!(peppol::validate(&id.to_ascii_uppercase()).unwrap(), id);
    }
    if let Ok(ids) = peppol::be_participant_ids(s) {
        for id in ids {
            assert_eq!(peppol::validate(&id).unwrap(), id);
        }
    }
});
