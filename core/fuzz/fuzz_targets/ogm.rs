//! `ident::ogm` on arbitrary text: no panic; every form of a valid OGM reads back the same.
#![no_main]

use kassa::ident::ogm;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|s: &str| {
    if let Ok(paper) = ogm::validate(s) {
        let digits = ogm::digits(&paper).unwrap();
        assert_eq!(ogm::validate(&digits).unwrap(), paper);
        assert_eq!(ogm::validate(&paper.replace('+', "*")).unwrap(), paper);
    }
    let _ = ogm::generate_str(s);
});
