//! Property tests of the payment identifiers: generated identifiers validate, every printed form
//! reads back to the same value, single-character typos are caught, and no input panics.

use kassa::ident::{be, bic, iban, ogm, peppol, rf};
use proptest::prelude::*;

fn mod97(s: &str) -> u32 {
    s.chars().fold(0, |r, c| {
        let v = c.to_digit(36).unwrap();
        if v < 10 {
            (r * 10 + v) % 97
        } else {
            (r * 100 + v) % 97
        }
    })
}

/// A Belgian IBAN from 10 account digits (national check and IBAN check computed here, by the
/// textbook rules, independently of kassa).
fn be_iban(first_ten: u64) -> String {
    let nat = match first_ten % 97 {
        0 => 97,
        n => n,
    };
    let bban = format!("{first_ten:010}{nat:02}");
    let check = 98 - mod97(&format!("{bban}BE00"));
    format!("BE{check:02}{bban}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn generated_ogms_validate_in_every_form(base in 0u64..10_000_000_000) {
        let paper = ogm::generate(base).unwrap();
        let digits = ogm::digits(&paper).unwrap();
        prop_assert_eq!(ogm::validate(&digits).unwrap(), paper.clone());
        prop_assert_eq!(ogm::validate(&paper.replace('+', "*")).unwrap(), paper.clone());
        prop_assert_eq!(ogm::generate_str(&base.to_string()).unwrap(), paper);
    }

    #[test]
    fn ogm_single_digit_typos_are_caught(base in 0u64..10_000_000_000, pos in 0usize..12, delta in 1u8..10) {
        let mut digits: Vec<u8> = ogm::digits(&ogm::generate(base).unwrap()).unwrap().into_bytes();
        digits[pos] = b'0' + (digits[pos] - b'0' + delta) % 10;
        let typo = String::from_utf8(digits).unwrap();
        let code = ogm::validate(&typo).unwrap_err().code().to_owned();
        prop_assert_eq!(code, "ogm_checksum");
    }

    #[test]
    fn rf_generate_validate_format(reference in "[A-Za-z0-9]{1,21}") {
        let rf = rf::generate(&reference).unwrap();
        prop_assert_eq!(rf::validate(&rf).unwrap(), rf.clone());
        prop_assert_eq!(rf::validate(&rf::format(&rf).unwrap()).unwrap(), rf.clone());
        prop_assert!(rf.ends_with(&reference.to_ascii_uppercase()));
    }

    #[test]
    fn rf_single_digit_typos_are_caught(reference in "[0-9]{1,21}", pos in 2usize..25, replacement in "[0-9]") {
        // (MOD 97-10 catches every single-digit substitution; with letters, worth two digits each,
        // some letter-for-letter substitutions slip through, as for IBANs: a property of the standard.)
        let rf = rf::generate(&reference).unwrap();
        prop_assume!(pos < rf.len());
        let mut chars: Vec<char> = rf.chars().collect();
        let new = replacement.chars().next().unwrap();
        prop_assume!(chars[pos] != new);
        chars[pos] = new;
        let typo: String = chars.into_iter().collect();
        prop_assert!(rf::validate(&typo).is_err(), "{typo}");
    }

    #[test]
    fn belgian_ibans(first_ten in 0u64..10_000_000_000) {
        let iban = be_iban(first_ten);
        prop_assert_eq!(iban::validate(&iban).unwrap(), iban.clone());
        let print = iban::format(&iban).unwrap();
        prop_assert_eq!(iban::validate(&print.to_lowercase()).unwrap(), iban);
    }

    #[test]
    fn iban_typos_are_caught(first_ten in 0u64..10_000_000_000, pos in 2usize..16, delta in 1u8..10) {
        let mut bytes = be_iban(first_ten).into_bytes();
        bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
        let typo = String::from_utf8(bytes).unwrap();
        prop_assert!(iban::validate(&typo).is_err(), "{typo}");
    }

    #[test]
    fn iban_adjacent_transpositions_are_caught(first_ten in 0u64..10_000_000_000, pos in 4usize..15) {
        let mut bytes = be_iban(first_ten).into_bytes();
        prop_assume!(bytes[pos] != bytes[pos + 1]);
        bytes.swap(pos, pos + 1);
        let typo = String::from_utf8(bytes).unwrap();
        prop_assert!(iban::validate(&typo).is_err(), "{typo}");
    }

    #[test]
    fn belgian_enterprise_numbers_in_every_form(first in 0u64..2, rest in 0u64..10_000_000) {
        let base = first * 10_000_000 + rest;
        let digits = format!("{base:08}{:02}", 97 - base % 97);
        for form in [
            digits.clone(),
            format!("BE{digits}"),
            format!("BE {}.{}.{}", &digits[..4], &digits[4..7], &digits[7..]),
            format!("be{}", &digits),
        ] {
            prop_assert_eq!(be::enterprise_number(&form).unwrap(), digits.clone());
            prop_assert_eq!(be::vat_number(&form).unwrap(), format!("BE{digits}"));
        }
        let ids = peppol::be_participant_ids(&digits).unwrap();
        for id in &ids {
            prop_assert_eq!(&peppol::validate(id).unwrap(), id);
            prop_assert_eq!(&peppol::validate(&id.to_uppercase()).unwrap(), id);
        }
    }

    #[test]
    fn no_input_panics(s in "\\PC{0,60}") {
        let _ = iban::validate(&s);
        let _ = iban::format(&s);
        let _ = bic::validate(&s);
        let _ = ogm::validate(&s);
        let _ = ogm::generate_str(&s);
        let _ = rf::validate(&s);
        let _ = rf::format(&s);
        let _ = rf::generate(&s);
        let _ = be::enterprise_number(&s);
        let _ = be::vat_number(&s);
        let _ = peppol::validate(&s);
        let _ = peppol::be_participant_ids(&s);
    }

    #[test]
    fn near_misses_do_not_panic(s in "(\\+\\+\\+|\\*\\*\\*|RF|BE|be|iso6523-actorid-upis::|0208:|9925:)[0-9A-Za-zé/. :+*]{0,30}") {
        let _ = ogm::validate(&s);
        let _ = rf::validate(&s);
        let _ = iban::validate(&s);
        let _ = be::enterprise_number(&s);
        let _ = peppol::validate(&s);
    }
}

#[test]
fn every_registry_country_accepts_a_generated_iban() {
    for c in iban::COUNTRIES {
        // Fill the BBAN structure with valid characters, then compute the check digits.
        let mut bban = String::new();
        let mut spec = c.bban;
        while !spec.is_empty() {
            let digits: String = spec.chars().take_while(char::is_ascii_digit).collect();
            let n: usize = digits.parse().unwrap();
            spec = spec[digits.len()..].trim_start_matches('!');
            let kind = spec.chars().next().unwrap();
            spec = &spec[1..];
            bban.extend((0..n).map(|i| match kind {
                'n' => char::from(b'0' + (i % 10) as u8),
                'a' => char::from(b'A' + (i % 26) as u8),
                _ => {
                    if i % 2 == 0 {
                        'B'
                    } else {
                        '7'
                    }
                }
            }));
        }
        let check = 98 - mod97(&format!("{bban}{}00", c.code));
        let candidate = format!("{}{check:02}{bban}", c.code);
        assert_eq!(candidate.len(), usize::from(c.length), "{}", c.code);
        // The filler digits do not make national check digits (tests/iban_national.rs covers
        // those): without the national check every structure is accepted, with it the only
        // possible refusal is the national one.
        let lenient = iban::ValidateOptions::default().national_check(false);
        assert_eq!(iban::validate_with(&candidate, lenient).unwrap(), candidate, "{}", c.code);
        match iban::validate(&candidate) {
            Ok(v) => assert_eq!(v, candidate),
            Err(e) => {
                assert_eq!(e.code(), "iban_national_checksum", "{}", c.code);
                assert!(kassa::ident::national::rule(c.code).is_some(), "{}", c.code);
            }
        }
    }
}
