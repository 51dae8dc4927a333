//! BIC (ISO 9362): 8 or 11 characters, `AAAA BB CC DDD`.
//!
//! Why each rule:
//! - Structure as ISO 9362:2014 and the ISO 20022 `BICFIDec2014Identifier` pattern have it: a
//!   4-character business party prefix (letters or digits since 2014), a 2-letter ISO 3166 country
//!   code, a 2-character location, and an optional 3-character branch. Peers that require six
//!   letters refuse valid 2014-era BICs; peers that only count characters accept garbage.
//! - The country must be an ISO 3166 code (or `XK`, which SWIFT uses for Kosovo): a BIC with an
//!   unknown country cannot route.
//! - Spaces and lower case are accepted and removed: the result is the upper-case electronic form.
//!   `XXX` as branch is kept as given (an 11-character BIC with `XXX` is the primary office, the
//!   same institution as the 8-character form, but payment files carry whichever was given).

use std::fmt;

use super::{compact, describe, invalid, Compact};
use crate::error::{Error, ValidationCode};

const FIELD: &str = "bic";

/// The ISO 3166-1 alpha-2 codes (249, from tzdata's `iso3166.tab`) plus `XK` (Kosovo, used by
/// SWIFT), sorted, two letters each.
const COUNTRIES: &str = "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCICKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQGRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLSLTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPGPHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTKTLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSXKYEYTZAZMZW";

/// Whether `code` is an ISO 3166-1 alpha-2 country code (or `XK`).
pub fn is_country(code: &str) -> bool {
    let code = code.as_bytes();
    code.len() == 2 && COUNTRIES.as_bytes().chunks(2).any(|c| c == code)
}

/// A valid BIC, upper case, 8 or 11 characters.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Bic(String);

impl Bic {
    /// Checks `s` (any case, spaces allowed) and keeps the upper-case form.
    pub fn parse(s: &str) -> Result<Bic, Error> {
        let bic = compact(s, &[]);
        check(&bic)?;
        Ok(Bic(bic))
    }

    /// The BIC: `GEBABEBB` or `GEBABEBBXXX`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The business party prefix (institution): `GEBA`.
    pub fn institution(&self) -> &str {
        &self.0[..4]
    }

    /// The country code: `BE`.
    pub fn country_code(&self) -> &str {
        &self.0[4..6]
    }

    /// The location code: `BB`.
    pub fn location(&self) -> &str {
        &self.0[6..8]
    }

    /// The branch code of an 11-character BIC: `XXX` or a branch.
    pub fn branch(&self) -> Option<&str> {
        self.0.get(8..).filter(|b| !b.is_empty())
    }
}

impl fmt::Display for Bic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Bic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Bic({})", self.0)
    }
}

/// Checks the compact form `bic` (what [`compact`] gives).
fn check(bic: &str) -> Result<(), Error> {
    if let Some(c) = bic.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Err(invalid(
            ValidationCode::BicFormat,
            FIELD,
            format!("a BIC has only letters and digits, not {}", describe(c)),
        ));
    }
    if bic.len() != 8 && bic.len() != 11 {
        return Err(invalid(ValidationCode::BicLength, FIELD, format!("a BIC has 8 or 11 characters, not {}", bic.len())));
    }
    let country = &bic[4..6];
    if !country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(invalid(ValidationCode::BicFormat, FIELD, "characters 5 and 6 of a BIC are the country code (letters)"));
    }
    if !is_country(country) {
        return Err(invalid(ValidationCode::BicCountry, FIELD, format!("`{country}` is not an ISO 3166 country code")));
    }
    Ok(())
}

/// [`validate`] without allocating: the BIC on the stack.
pub(crate) fn validate_compact(s: &str) -> Result<Compact, Error> {
    match Compact::of(s) {
        Some(bic) => check(bic.as_str()).map(|()| bic),
        None => validate(s).map(|bic| Compact::copy(&bic)),
    }
}

/// Checks a BIC and returns it upper case without spaces.
///
/// ```
/// assert_eq!(kassa::ident::bic::validate("gebabebb")?, "GEBABEBB");
/// assert_eq!(kassa::ident::bic::validate("GEBABE").unwrap_err().code(), "bic_length");
/// # Ok::<(), kassa::Error>(())
/// ```
pub fn validate(s: &str) -> Result<String, Error> {
    Bic::parse(s).map(|b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bics() {
        assert_eq!(validate("GEBABEBB").unwrap(), "GEBABEBB");
        assert_eq!(validate("gkcc be bb").unwrap(), "GKCCBEBB");
        assert_eq!(validate("DEUTDEFF500").unwrap(), "DEUTDEFF500");
        assert_eq!(validate("1234BEBB").unwrap(), "1234BEBB"); // ISO 9362:2014 allows digits
        let b = Bic::parse("DEUTDEFF500").unwrap();
        assert_eq!((b.institution(), b.country_code(), b.location(), b.branch()), ("DEUT", "DE", "FF", Some("500")));
        assert_eq!(Bic::parse("GEBABEBB").unwrap().branch(), None);
        for (s, code) in [
            ("GEBABEB", "bic_length"),
            ("GEBABEBB1", "bic_length"),
            ("", "bic_length"),
            ("GEBA-BEBB", "bic_format"),
            ("GEBA1EBB", "bic_format"),
            ("GEBAQQBB", "bic_country"),
            ("GEBAÉEBB", "bic_format"),
        ] {
            assert_eq!(validate(s).unwrap_err().code(), code, "{s}");
        }
    }

    #[test]
    fn country_list_is_sorted_and_complete() {
        let codes: Vec<&[u8]> = COUNTRIES.as_bytes().chunks(2).collect();
        assert_eq!(codes.len(), 250);
        assert!(codes.windows(2).all(|w| w[0] < w[1]));
        assert!(is_country("BE") && is_country("XK") && !is_country("EU") && !is_country("B"));
    }
}
