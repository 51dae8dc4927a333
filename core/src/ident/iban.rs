//! IBAN (ISO 13616): every country of the SWIFT IBAN registry with its length and BBAN structure,
//! the mod-97 check, the national check digits of the account number; electronic and print
//! formats.
//!
//! Why each rule:
//! - The input may carry spaces and lower case (people copy the print form); the result is always
//!   the electronic form (upper case, no spaces), which is what payment files and EPC QR codes
//!   carry. Other separators (`-`, `.`) are refused: they are not part of any IBAN form, and a
//!   validator that strips everything lets typos through.
//! - The length and the BBAN structure (`3!n7!n2!n` = 3 digits, 7 digits, 2 digits) are checked
//!   per country before mod 97: mod 97 alone accepts an IBAN with a digit dropped and the check
//!   digits recomputed by a careless generator, and a wrong length is the most common typo.
//! - Check digits `00`, `01` and `99` never occur (ISO 13616 computes `98 - n mod 97`) and are
//!   refused even when mod 97 passes.
//! - Many countries' account numbers carry their own check digits (the French RIB key, the Spanish
//!   CCC control digits, the Italian CIN, Belgium's mod 97, ...): they are checked after mod 97 and
//!   a mismatch is `iban_national_checksum` (see [`national`] for the schemes, the countries
//!   without one, and which German banks' check digit methods are checked). A bank may rarely issue
//!   an account against its own rule: [`validate_with`] with [`ValidateOptions::national_check`]
//!   off skips this check.
//!
//! The registry table comes from the SWIFT IBAN registry (via python-stdnum's `iban.dat`);
//! [`COUNTRIES`] lists it.

use std::fmt;

use super::{compact, describe, groups_of_four, invalid, mod97, national, Compact};
use crate::error::{Error, ValidationCode};

/// One country of the IBAN registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Country {
    /// The ISO 3166 code the IBANs start with.
    pub code: &'static str,
    /// The country's name in the registry.
    pub name: &'static str,
    /// The length of the IBAN in electronic form.
    pub length: u8,
    /// The BBAN structure in the registry's notation: `n` digits, `a` upper-case letters, `c`
    /// letters or digits, `4!n` exactly four digits.
    pub bban: &'static str,
}

/// Every country of the SWIFT IBAN registry.
pub const COUNTRIES: &[Country] = &[
    Country { code: "AD", name: "Andorra", length: 24, bban: "4!n4!n12!c" },
    Country { code: "AE", name: "United Arab Emirates (The)", length: 23, bban: "3!n16!n" },
    Country { code: "AL", name: "Albania", length: 28, bban: "8!n16!c" },
    Country { code: "AT", name: "Austria", length: 20, bban: "5!n11!n" },
    Country { code: "AZ", name: "Azerbaijan", length: 28, bban: "4!a20!c" },
    Country { code: "BA", name: "Bosnia and Herzegovina", length: 20, bban: "3!n3!n8!n2!n" },
    Country { code: "BE", name: "Belgium", length: 16, bban: "3!n7!n2!n" },
    Country { code: "BG", name: "Bulgaria", length: 22, bban: "4!a4!n2!n8!c" },
    Country { code: "BH", name: "Bahrain", length: 22, bban: "4!a14!c" },
    Country { code: "BI", name: "Burundi", length: 27, bban: "5!n5!n11!n2!n" },
    Country { code: "BR", name: "Brazil", length: 29, bban: "8!n5!n10!n1!a1!c" },
    Country { code: "BY", name: "Republic of Belarus", length: 28, bban: "4!c4!n16!c" },
    Country { code: "CH", name: "Switzerland", length: 21, bban: "5!n12!c" },
    Country { code: "CR", name: "Costa Rica", length: 22, bban: "4!n14!n" },
    Country { code: "CY", name: "Cyprus", length: 28, bban: "3!n5!n16!c" },
    Country { code: "CZ", name: "Czechia", length: 24, bban: "4!n6!n10!n" },
    Country { code: "DE", name: "Germany", length: 22, bban: "8!n10!n" },
    Country { code: "DJ", name: "Djibouti", length: 27, bban: "5!n5!n11!n2!n" },
    Country { code: "DK", name: "Denmark", length: 18, bban: "4!n9!n1!n" },
    Country { code: "DO", name: "Dominican Republic", length: 28, bban: "4!c20!n" },
    Country { code: "EE", name: "Estonia", length: 20, bban: "2!n14!n" },
    Country { code: "EG", name: "Egypt", length: 29, bban: "4!n4!n17!n" },
    Country { code: "ES", name: "Spain", length: 24, bban: "4!n4!n1!n1!n10!n" },
    Country { code: "FI", name: "Finland", length: 18, bban: "3!n11!n" },
    Country { code: "FK", name: "Falkland Islands", length: 18, bban: "2!a12!n" },
    Country { code: "FO", name: "Faroe Islands", length: 18, bban: "4!n9!n1!n" },
    Country { code: "FR", name: "France", length: 27, bban: "5!n5!n11!c2!n" },
    Country { code: "GB", name: "United Kingdom", length: 22, bban: "4!a6!n8!n" },
    Country { code: "GE", name: "Georgia", length: 22, bban: "2!a16!n" },
    Country { code: "GI", name: "Gibraltar", length: 23, bban: "4!a15!c" },
    Country { code: "GL", name: "Greenland", length: 18, bban: "4!n9!n1!n" },
    Country { code: "GR", name: "Greece", length: 27, bban: "3!n4!n16!c" },
    Country { code: "GT", name: "Guatemala", length: 28, bban: "4!c20!c" },
    Country { code: "HN", name: "Honduras", length: 28, bban: "4!a20!n" },
    Country { code: "HR", name: "Croatia", length: 21, bban: "7!n10!n" },
    Country { code: "HU", name: "Hungary", length: 28, bban: "3!n4!n1!n15!n1!n" },
    Country { code: "IE", name: "Ireland", length: 22, bban: "4!a6!n8!n" },
    Country { code: "IL", name: "Israel", length: 23, bban: "3!n3!n13!n" },
    Country { code: "IQ", name: "Iraq", length: 23, bban: "4!a3!n12!n" },
    Country { code: "IS", name: "Iceland", length: 26, bban: "4!n2!n6!n10!n" },
    Country { code: "IT", name: "Italy", length: 27, bban: "1!a5!n5!n12!c" },
    Country { code: "JO", name: "Jordan", length: 30, bban: "4!a4!n18!c" },
    Country { code: "KW", name: "Kuwait", length: 30, bban: "4!a22!c" },
    Country { code: "KZ", name: "Kazakhstan", length: 20, bban: "3!n13!c" },
    Country { code: "LB", name: "Lebanon", length: 28, bban: "4!n20!c" },
    Country { code: "LC", name: "Saint Lucia", length: 32, bban: "4!a24!c" },
    Country { code: "LI", name: "Liechtenstein", length: 21, bban: "5!n12!c" },
    Country { code: "LT", name: "Lithuania", length: 20, bban: "5!n11!n" },
    Country { code: "LU", name: "Luxembourg", length: 20, bban: "3!n13!c" },
    Country { code: "LV", name: "Latvia", length: 21, bban: "4!a13!c" },
    Country { code: "LY", name: "Libya", length: 25, bban: "3!n3!n15!n" },
    Country { code: "MC", name: "Monaco", length: 27, bban: "5!n5!n11!c2!n" },
    Country { code: "MD", name: "Moldova", length: 24, bban: "2!c18!c" },
    Country { code: "ME", name: "Montenegro", length: 22, bban: "3!n13!n2!n" },
    Country { code: "MK", name: "Macedonia", length: 19, bban: "3!n10!c2!n" },
    Country { code: "MN", name: "Mongolia", length: 20, bban: "4!n12!n" },
    Country { code: "MR", name: "Mauritania", length: 27, bban: "5!n5!n11!n2!n" },
    Country { code: "MT", name: "Malta", length: 31, bban: "4!a5!n18!c" },
    Country { code: "MU", name: "Mauritius", length: 30, bban: "4!a2!n2!n12!n3!n3!a" },
    Country { code: "NI", name: "Nicaragua", length: 28, bban: "4!a20!n" },
    Country { code: "NL", name: "Netherlands (The)", length: 18, bban: "4!a10!n" },
    Country { code: "NO", name: "Norway", length: 15, bban: "4!n6!n1!n" },
    Country { code: "OM", name: "Oman", length: 23, bban: "3!n16!c" },
    Country { code: "PK", name: "Pakistan", length: 24, bban: "4!a16!c" },
    Country { code: "PL", name: "Poland", length: 28, bban: "8!n16!n" },
    Country { code: "PS", name: "Palestine, State of", length: 29, bban: "4!a21!c" },
    Country { code: "PT", name: "Portugal", length: 25, bban: "4!n4!n11!n2!n" },
    Country { code: "QA", name: "Qatar", length: 29, bban: "4!a21!c" },
    Country { code: "RO", name: "Romania", length: 24, bban: "4!a16!c" },
    Country { code: "RS", name: "Serbia", length: 22, bban: "3!n13!n2!n" },
    Country { code: "RU", name: "Russia", length: 33, bban: "9!n5!n15!c" },
    Country { code: "SA", name: "Saudi Arabia", length: 24, bban: "2!n18!c" },
    Country { code: "SC", name: "Seychelles", length: 31, bban: "4!a2!n2!n16!n3!a" },
    Country { code: "SD", name: "Sudan", length: 18, bban: "2!n12!n" },
    Country { code: "SE", name: "Sweden", length: 24, bban: "3!n16!n1!n" },
    Country { code: "SI", name: "Slovenia", length: 19, bban: "5!n8!n2!n" },
    Country { code: "SK", name: "Slovakia", length: 24, bban: "4!n6!n10!n" },
    Country { code: "SM", name: "San Marino", length: 27, bban: "1!a5!n5!n12!c" },
    Country { code: "SO", name: "Somalia", length: 23, bban: "4!n3!n12!n" },
    Country { code: "ST", name: "Sao Tome and Principe", length: 25, bban: "8!n11!n2!n" },
    Country { code: "SV", name: "El Salvador", length: 28, bban: "4!a20!n" },
    Country { code: "TL", name: "Timor-Leste", length: 23, bban: "3!n14!n2!n" },
    Country { code: "TN", name: "Tunisia", length: 24, bban: "2!n3!n13!n2!n" },
    Country { code: "TR", name: "Turkey", length: 26, bban: "5!n1!n16!c" },
    Country { code: "UA", name: "Ukraine", length: 29, bban: "6!n19!c" },
    Country { code: "VA", name: "Vatican City State", length: 22, bban: "3!n15!n" },
    Country { code: "VG", name: "Virgin Islands", length: 24, bban: "4!a16!n" },
    Country { code: "XK", name: "Kosovo", length: 20, bban: "4!n10!n2!n" },
    Country { code: "YE", name: "Yemen", length: 30, bban: "4!a4!n18!c" },
];

/// The registry entry of a country code (`"BE"`), if IBANs exist there.
pub fn country(code: &str) -> Option<&'static Country> {
    let &[a, b] = code.as_bytes() else { return None };
    // The registry table is sorted by code: two letters compared as one number.
    let key = |a: u8, b: u8| u16::from_be_bytes([a.to_ascii_uppercase(), b.to_ascii_uppercase()]);
    let wanted = key(a, b);
    COUNTRIES
        .binary_search_by(|c| match c.code.as_bytes() {
            &[a, b] => key(a, b).cmp(&wanted),
            _ => std::cmp::Ordering::Less,
        })
        .ok()
        .map(|i| &COUNTRIES[i])
}

const FIELD: &str = "iban";

/// What [`validate_with`] and [`Iban::parse_with`] check beyond the ISO 13616 rules. The default
/// (what [`validate`] uses) checks everything.
///
/// ```
/// use kassa::ident::iban::{validate_with, ValidateOptions};
/// // A Spanish IBAN whose CCC control digits are wrong but whose ISO check digits were recomputed:
/// let typo = "ES21 2100 0418 4502 0005 1331";
/// let err = validate_with(typo, ValidateOptions::default()).unwrap_err();
/// assert_eq!(err.code(), "iban_national_checksum");
/// assert!(err.to_string().contains("Spanish CCC control digits"), "{err}");
/// let lenient = ValidateOptions::default().national_check(false);
/// assert_eq!(validate_with(typo, lenient)?, "ES2121000418450200051331");
/// # Ok::<(), kassa::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ValidateOptions {
    /// Check the account number's national check digits (see [`national`]).
    /// On by default; turn it off only for the rare account a bank issued against its own rule.
    pub national_check: bool,
}

impl Default for ValidateOptions {
    fn default() -> Self {
        ValidateOptions { national_check: true }
    }
}

impl ValidateOptions {
    /// The default options: every check on.
    pub fn new() -> Self {
        Self::default()
    }

    /// Turns the national check digit check on (the default) or off.
    pub fn national_check(mut self, on: bool) -> Self {
        self.national_check = on;
        self
    }
}

/// A valid IBAN, in electronic form.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iban(String);

impl Iban {
    /// Checks `s` (electronic or print form, any case) and keeps the electronic form. Checks the
    /// national check digits too: [`Iban::parse_with`] can skip them.
    pub fn parse(s: &str) -> Result<Iban, Error> {
        Self::parse_with(s, ValidateOptions::default())
    }

    /// [`Iban::parse`] with options: `ValidateOptions::default().national_check(false)` accepts an
    /// IBAN whose only fault is its national check digits.
    pub fn parse_with(s: &str, options: ValidateOptions) -> Result<Iban, Error> {
        let iban = compact(s, &[]);
        check(&iban, options)?;
        Ok(Iban(iban))
    }

    /// The electronic form: `BE68539007547034`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country code: `BE`.
    pub fn country_code(&self) -> &str {
        &self.0[..2]
    }

    /// The basic bank account number after the check digits.
    pub fn bban(&self) -> &str {
        &self.0[4..]
    }

    /// The print form, in groups of four: `BE68 5390 0754 7034`.
    pub fn print_format(&self) -> String {
        groups_of_four(&self.0)
    }
}

impl fmt::Display for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Iban {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Iban({})", self.0)
    }
}

/// Checks the compact form `iban` (what [`compact`] gives).
fn check(iban: &str, options: ValidateOptions) -> Result<(), Error> {
    if iban.is_empty() {
        return Err(invalid(ValidationCode::IbanFormat, FIELD, "the IBAN is empty"));
    }
    if let Some(c) = iban.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(invalid(
            ValidationCode::IbanFormat,
            FIELD,
            format!("an IBAN has only letters and digits (and spaces in print), not {}", describe(c)),
        ));
    }
    let bytes = iban.as_bytes();
    if bytes.len() < 4 {
        return Err(invalid(ValidationCode::IbanLength, FIELD, format!("{} characters is too short for an IBAN", bytes.len())));
    }
    if !bytes[..2].iter().all(u8::is_ascii_alphabetic) || !bytes[2..4].iter().all(u8::is_ascii_digit) {
        return Err(invalid(
            ValidationCode::IbanFormat,
            FIELD,
            "an IBAN starts with a two-letter country code and two check digits",
        ));
    }
    let cc = &iban[..2];
    let Some(spec) = country(cc) else {
        return Err(invalid(ValidationCode::IbanCountry, FIELD, format!("`{cc}` is not a country of the IBAN registry")));
    };
    if iban.len() != usize::from(spec.length) {
        return Err(invalid(
            ValidationCode::IbanLength,
            FIELD,
            format!("an IBAN of {} ({cc}) has {} characters, this one has {}", spec.name, spec.length, iban.len()),
        ));
    }
    if let Err(message) = check_bban(&iban[4..], spec.bban) {
        return Err(invalid(ValidationCode::IbanBban, FIELD, format!("not a {} ({cc}) account number: {message}", spec.name)));
    }
    let check = &iban[2..4];
    let rearranged = iban[4..].bytes().chain(iban[..4].bytes());
    if matches!(check, "00" | "01" | "99") || mod97(rearranged) != Some(1) {
        return Err(invalid(ValidationCode::IbanChecksum, FIELD, "the check digits do not match (mod 97): a typo?"));
    }
    if options.national_check {
        if let Err(rule) = national::check(cc, &iban[4..]) {
            return Err(invalid(
                ValidationCode::IbanNationalChecksum,
                FIELD,
                format!(
                    "the account number's national check digits ({}) do not match: a mistyped account number",
                    rule.name
                ),
            ));
        }
    }
    Ok(())
}

/// [`validate_with`] without allocating: the electronic form on the stack.
pub(crate) fn validate_compact(s: &str, options: ValidateOptions) -> Result<Compact, Error> {
    match Compact::of(s) {
        Some(iban) => check(iban.as_str(), options).map(|()| iban),
        None => validate_with(s, options).map(|iban| Compact::copy(&iban)),
    }
}

/// Checks a BBAN against the registry structure (`3!n7!n2!n`).
fn check_bban(bban: &str, structure: &str) -> Result<(), String> {
    let mut rest = bban.as_bytes();
    let mut spec = structure.as_bytes();
    let mut position = 5; // 1-based position in the IBAN
    while !spec.is_empty() {
        let digits = spec.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return Err("bad registry entry".into());
        }
        let n = spec[..digits].iter().fold(0usize, |n, d| n * 10 + usize::from(d - b'0'));
        spec = &spec[digits..];
        if spec.first() == Some(&b'!') {
            spec = &spec[1..];
        }
        let Some((&kind, tail)) = spec.split_first() else { return Err("bad registry entry".into()) };
        spec = tail;
        let (part, tail) = rest.split_at(n.min(rest.len()));
        for (i, b) in part.iter().enumerate() {
            let ok = match kind {
                b'n' => b.is_ascii_digit(),
                b'a' => b.is_ascii_uppercase(),
                _ => b.is_ascii_alphanumeric(),
            };
            if !ok {
                let what = match kind {
                    b'n' => "a digit",
                    b'a' => "a letter",
                    _ => "a letter or digit",
                };
                return Err(format!("character {} should be {what}, not '{}'", position + i, char::from(*b)));
            }
        }
        position += n;
        rest = tail;
    }
    Ok(())
}

/// Checks an IBAN (registry length and structure, ISO check digits, national check digits) and
/// returns its electronic form (`BE68539007547034`).
///
/// ```
/// assert_eq!(kassa::ident::iban::validate("be68 5390 0754 7034")?, "BE68539007547034");
/// assert_eq!(kassa::ident::iban::validate("BE68 5390 0754 7035").unwrap_err().code(), "iban_checksum");
/// // The ISO check digits pass, the French RIB key does not:
/// let err = kassa::ident::iban::validate("FR73 2004 1010 0505 1001 3M02 606").unwrap_err();
/// assert_eq!(err.code(), "iban_national_checksum");
/// # Ok::<(), kassa::Error>(())
/// ```
pub fn validate(s: &str) -> Result<String, Error> {
    Iban::parse(s).map(|i| i.0)
}

/// [`validate`] with options (see [`ValidateOptions`]): `national_check: false` accepts an IBAN
/// whose only fault is its national check digits.
pub fn validate_with(s: &str, options: ValidateOptions) -> Result<String, Error> {
    Iban::parse_with(s, options).map(|i| i.0)
}

/// Checks an IBAN and returns its print form in groups of four (`BE68 5390 0754 7034`).
pub fn format(s: &str) -> Result<String, Error> {
    Iban::parse(s).map(|i| i.print_format())
}

/// [`format`](fn@format) with options (see [`ValidateOptions`]).
pub fn format_with(s: &str, options: ValidateOptions) -> Result<String, Error> {
    Iban::parse_with(s, options).map(|i| i.print_format())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> String {
        validate(s).unwrap_err().code().to_owned()
    }

    #[test]
    fn registry_lengths_match_structures() {
        for c in COUNTRIES {
            let total: usize = c
                .bban
                .split(|ch: char| ch.is_ascii_alphabetic())
                .filter(|p| !p.is_empty())
                .map(|p| p.trim_end_matches('!').parse::<usize>().unwrap())
                .sum();
            assert_eq!(total + 4, usize::from(c.length), "{}", c.code);
            assert!(c.length <= 34, "{}", c.code);
        }
        let mut codes: Vec<_> = COUNTRIES.iter().map(|c| c.code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), COUNTRIES.len());
    }

    #[test]
    fn valid_ibans_of_many_countries() {
        for iban in [
            "BE68539007547034",
            "BE71096123456769",
            "DE89370400440532013000",
            "FR1420041010050500013M02606",
            "GB29NWBK60161331926819",
            "NL91ABNA0417164300",
            "CH9300762011623852957",
            "LU280019400644750000",
            "IT60X0542811101000000123456",
            "ES9121000418450200051332",
            "AT611904300234573201",
            "NO9386011117947",
            "LC55HEMM000100010012001200023015",
            "MT84MALT011000012345MTLCAST001S",
        ] {
            assert_eq!(validate(iban).unwrap(), iban);
        }
        assert_eq!(format("be68539007547034").unwrap(), "BE68 5390 0754 7034");
        assert_eq!(validate(" BE68 5390 0754 7034 ").unwrap(), "BE68539007547034");
    }

    #[test]
    fn every_rule_has_its_code() {
        assert_eq!(code(""), "iban_format");
        assert_eq!(code("BE68-5390-0754-7034"), "iban_format");
        assert_eq!(code("BÉ68539007547034"), "iban_format");
        assert_eq!(code("BE6"), "iban_length");
        assert_eq!(code("1E68539007547034"), "iban_format");
        assert_eq!(code("XX68539007547034"), "iban_country");
        assert_eq!(code("BE6853900754703"), "iban_length");
        assert_eq!(code("BE6853900754703A"), "iban_bban");
        assert_eq!(code("BE69539007547034"), "iban_checksum");
        assert_eq!(code("GB29NWBK60161331926818"), "iban_checksum");
        // mod 97 passes, national check digits do not: 539007547035 with recomputed IBAN check.
        let bban = "539007547035";
        let check = 98 - mod97(format!("{bban}BE00").bytes()).unwrap();
        assert_eq!(code(&format!("BE{check:02}{bban}")), "iban_national_checksum");
    }

    #[test]
    fn check_digits_01_are_refused() {
        // Find a Belgian BBAN whose valid check digits are 98, so that 01 passes mod 97 too.
        let bban = (0..100_000u64)
            .map(|i| {
                let first = 100_000_000 + i;
                let nat = first % 97;
                format!("{first:010}{:02}", if nat == 0 { 97 } else { nat })
            })
            .find(|b| 98 - mod97(format!("{b}BE00").bytes()).unwrap() == 98)
            .unwrap();
        assert!(validate(&format!("BE98{bban}")).is_ok());
        assert_eq!(mod97(format!("{bban}BE01").bytes()), Some(1));
        assert_eq!(code(&format!("BE01{bban}")), "iban_checksum");
    }

    #[test]
    fn errors_name_the_field() {
        let e = validate("BE00").unwrap_err();
        assert!(e.to_string().contains("`iban`"), "{e}");
    }
}
