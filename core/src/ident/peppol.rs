//! PEPPOL participant identifiers `scheme:value` (ISO 6523 ICD scheme, e.g. `0208:0123456749`).
//!
//! The rules of the Peppol Policy for use of Identifiers (PFUOI) 4.4:
//! - The scheme is a 4-digit ICD from the Peppol code list of participant identifier schemes
//!   ([`SCHEMES`], code list 9.3). Deprecated schemes are still accepted (existing participants
//!   keep them); removed ones are refused with `peppol_scheme_removed`; unknown ones with
//!   `peppol_scheme` (a newer code list may add schemes: kassa's table is updated with it).
//! - The value after the scheme has at most 130 characters (PFUOI 4.4 raised it from 50), printable
//!   US-ASCII without spaces.
//! - Values compare case-insensitively (POLICY 2). kassa normalises to lower case, the form the
//!   SML hashes and that peppol-commons uses as the "unified" value: `9925:BE0123456749` and
//!   `9925:be0123456749` are one participant, returned as `9925:be0123456749`. Digits-only values
//!   (`0208:0123456749`) are unaffected.
//! - The full form `iso6523-actorid-upis::0208:...` is accepted and returned without the
//!   identifier scheme.
//! - The Belgian schemes are checked further: `0208` (BE:EN) is the 10-digit enterprise number,
//!   `9925` (BE:VAT) is `BE` + that number; both with their mod-97 check.
//!
//! [`be_participant_ids`] derives both Belgian ids from an enterprise number: Belgian companies
//! are registered under `0208` (mandatory since 2026) and often also under `9925`; senders look
//! for both.

use std::fmt;

use super::{be, describe, invalid};
use crate::error::{Error, ValidationCode};

const FIELD: &str = "participant_id";

/// The maximum length of the value after `scheme:` (PFUOI 4.4, POLICY 1).
pub const MAX_VALUE_LEN: usize = 130;

/// The state of a scheme in the code list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SchemeState {
    /// In use.
    Active,
    /// No new identifiers should be issued; existing ones remain valid.
    Deprecated,
    /// Removed from the network.
    Removed,
}

/// One participant identifier scheme of the Peppol code list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Scheme {
    /// The ISO 6523 ICD: `"0208"`.
    pub icd: &'static str,
    /// The scheme id: `"BE:EN"`.
    pub id: &'static str,
    /// Its state.
    pub state: SchemeState,
}

macro_rules! schemes {
    ($($icd:literal $id:literal $state:ident),* $(,)?) => {
        /// The participant identifier schemes of the Peppol code list 9.3, by ICD.
        pub const SCHEMES: &[Scheme] = &[$(Scheme { icd: $icd, id: $id, state: SchemeState::$state }),*];
    };
}

schemes! {
    "0002" "FR:SIRENE" Active, "0007" "SE:ORGNR" Active, "0009" "FR:SIRET" Active,
    "0037" "FI:OVT" Active, "0060" "DUNS" Active, "0088" "GLN" Active, "0096" "DK:P" Active,
    "0097" "IT:FTI" Active, "0106" "NL:KVK" Active, "0130" "EU:NAL" Active, "0135" "IT:SIA" Active,
    "0142" "IT:SECETI" Active, "0151" "AU:ABN" Active, "0183" "CH:UIDB" Active,
    "0184" "DK:DIGST" Active, "0188" "JP:SST" Active, "0190" "NL:OINO" Active, "0191" "EE:CC" Active,
    "0192" "NO:ORG" Active, "0193" "UBLBE" Active, "0195" "SG:UEN" Active, "0196" "IS:KTNR" Active,
    "0198" "DK:ERST" Active, "0199" "LEI" Active, "0200" "LT:LEC" Active, "0201" "IT:CUUO" Active,
    "0204" "DE:LWID" Active, "0205" "IT:COD" Active, "0208" "BE:EN" Active, "0209" "GS1" Active,
    "0210" "IT:CFI" Active, "0211" "IT:IVA" Active, "0212" "FI:ORG" Removed, "0213" "FI:VAT" Removed,
    "0215" "FI:NSI" Removed, "0216" "FI:OVT2" Active, "0218" "LV:URN" Active, "0221" "JP:IIN" Active,
    "0225" "FR:CTC" Active, "0230" "MY:EIF" Active, "0235" "AE:TIN" Active, "0240" "LU:MAT" Active,
    "0242" "SPIS" Active,
    "9901" "DK:CPR" Removed, "9902" "DK:CVR" Removed, "9904" "DK:SE" Removed, "9905" "DK:VANS" Removed,
    "9906" "IT:VAT" Removed, "9907" "IT:CF" Removed, "9908" "NO:ORGNR" Removed,
    "9909" "NO:VAT" Deprecated, "9910" "HU:VAT" Active, "9912" "EU:VAT" Deprecated,
    "9913" "EU:REID" Active, "9914" "AT:VAT" Active, "9915" "AT:GOV" Active,
    "9916" "AT:CID" Deprecated, "9917" "IS:KT" Deprecated, "9918" "IBAN" Active, "9919" "AT:KUR" Active,
    "9920" "ES:VAT" Active, "9921" "IT:IPA" Removed, "9922" "AD:VAT" Active, "9923" "AL:VAT" Active,
    "9924" "BA:VAT" Active, "9925" "BE:VAT" Active, "9926" "BG:VAT" Active, "9927" "CH:VAT" Active,
    "9928" "CY:VAT" Active, "9929" "CZ:VAT" Active, "9930" "DE:VAT" Active, "9931" "EE:VAT" Active,
    "9932" "GB:VAT" Active, "9933" "GR:VAT" Active, "9934" "HR:VAT" Active, "9935" "IE:VAT" Active,
    "9936" "LI:VAT" Active, "9937" "LT:VAT" Active, "9938" "LU:VAT" Active, "9939" "LV:VAT" Active,
    "9940" "MC:VAT" Active, "9941" "ME:VAT" Active, "9942" "MK:VAT" Active, "9943" "MT:VAT" Active,
    "9944" "NL:VAT" Active, "9945" "PL:VAT" Active, "9946" "PT:VAT" Active, "9947" "RO:VAT" Active,
    "9948" "RS:VAT" Active, "9949" "SI:VAT" Active, "9950" "SK:VAT" Active, "9951" "SM:VAT" Active,
    "9952" "TR:VAT" Active, "9953" "VA:VAT" Active, "9954" "NL:OIN" Deprecated,
    "9955" "SE:VAT" Removed, "9956" "BE:CBE" Removed, "9957" "FR:VAT" Active,
    "9958" "DE:LID" Removed, "9959" "US:EIN" Active,
}

/// The code-list entry of an ICD (`"0208"`).
pub fn scheme(icd: &str) -> Option<&'static Scheme> {
    SCHEMES.iter().find(|s| s.icd == icd)
}

/// A valid participant identifier, normalised (value in lower case).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParticipantId {
    scheme: &'static Scheme,
    value: String,
}

impl ParticipantId {
    /// Checks `s` (`0208:0123456749`, any case, optionally `iso6523-actorid-upis::` in front).
    pub fn parse(s: &str) -> Result<ParticipantId, Error> {
        let s = s.trim();
        let s = match s.get(..22) {
            Some(p) if p.eq_ignore_ascii_case("iso6523-actorid-upis::") => &s[22..],
            _ => s,
        };
        let Some((icd, value)) = s.split_once(':') else {
            return Err(invalid(ValidationCode::PeppolFormat, FIELD, "a participant id is `scheme:value`, e.g. `0208:0123456749`"));
        };
        if icd.len() != 4 || !icd.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid(
                ValidationCode::PeppolFormat,
                FIELD,
                "the scheme of a participant id is 4 digits (an ISO 6523 ICD)",
            ));
        }
        let scheme = match scheme(icd) {
            None => {
                return Err(invalid(
                    ValidationCode::PeppolScheme,
                    FIELD,
                    format!("`{icd}` is not in the Peppol code list of participant identifier schemes"),
                ))
            }
            Some(s) if s.state == SchemeState::Removed => {
                return Err(invalid(
                    ValidationCode::PeppolSchemeRemoved,
                    FIELD,
                    format!("the scheme `{icd}` ({}) has been removed from the Peppol network", s.id),
                ))
            }
            Some(s) => s,
        };
        if value.is_empty() {
            return Err(invalid(ValidationCode::PeppolFormat, FIELD, "the value after the scheme is empty"));
        }
        if let Some(c) = value.chars().find(|c| !c.is_ascii_graphic()) {
            return Err(invalid(
                ValidationCode::PeppolFormat,
                FIELD,
                format!("a participant id value has printable ASCII characters only, not {}", describe(c)),
            ));
        }
        if value.len() > MAX_VALUE_LEN {
            return Err(invalid(
                ValidationCode::PeppolTooLong,
                FIELD,
                format!("the value has {} characters; Peppol allows {MAX_VALUE_LEN}", value.len()),
            ));
        }
        let value = value.to_ascii_lowercase();
        match icd {
            "0208" => {
                if value.len() != 10 || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(invalid(
                        ValidationCode::BeNumberFormat,
                        FIELD,
                        "a 0208 value is the 10-digit enterprise number, without dots",
                    ));
                }
                be::enterprise_number_at(&value, FIELD)?;
            }
            "9925" => {
                let digits =
                    value.strip_prefix("be").filter(|d| d.len() == 10 && d.bytes().all(|b| b.is_ascii_digit()));
                let Some(digits) = digits else {
                    return Err(invalid(
                        ValidationCode::BeNumberFormat,
                        FIELD,
                        "a 9925 value is BE + the 10-digit enterprise number",
                    ));
                };
                be::enterprise_number_at(digits, FIELD)?;
            }
            _ => {}
        }
        Ok(ParticipantId { scheme, value })
    }

    /// The scheme's code-list entry.
    pub fn scheme(&self) -> &'static Scheme {
        self.scheme
    }

    /// The value after the scheme, lower case.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.scheme.icd, self.value)
    }
}

/// Checks a participant id and returns it normalised (`9925:be0123456749`).
///
/// ```
/// use kassa::ident::peppol;
/// assert_eq!(peppol::validate("9925:BE0123456749")?, "9925:be0123456749");
/// assert_eq!(peppol::validate("iso6523-actorid-upis::0208:0123456749")?, "0208:0123456749");
/// # Ok::<(), kassa::Error>(())
/// ```
pub fn validate(s: &str) -> Result<String, Error> {
    ParticipantId::parse(s).map(|p| p.to_string())
}

/// Whether two participant ids are the same participant (both valid, values equal ignoring case).
pub fn same(a: &str, b: &str) -> Result<bool, Error> {
    Ok(ParticipantId::parse(a)? == ParticipantId::parse(b)?)
}

/// Both Peppol ids of a Belgian company, from its enterprise or VAT number in any form:
/// `["0208:0123456749", "9925:be0123456749"]`.
pub fn be_participant_ids(enterprise_number: &str) -> Result<[String; 2], Error> {
    let digits = be::enterprise_number_at(enterprise_number, "enterprise_number")?;
    Ok([format!("0208:{digits}"), format!("9925:be{digits}")])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises() {
        assert_eq!(validate("0208:0123456749").unwrap(), "0208:0123456749");
        assert_eq!(validate(" ISO6523-ACTORID-UPIS::9925:BE0123456749 ").unwrap(), "9925:be0123456749");
        assert_eq!(validate("0088:5798009882806").unwrap(), "0088:5798009882806");
        assert_eq!(validate("9930:DE123456789").unwrap(), "9930:de123456789");
        assert_eq!(validate("9909:990399123MVA").unwrap(), "9909:990399123mva"); // deprecated: accepted
        assert!(same("9925:BE0123456749", "9925:be0123456749").unwrap());
        assert!(!same("0208:0123456749", "9925:be0123456749").unwrap());
        assert_eq!(be_participant_ids("BE 0123.456.749").unwrap(), ["0208:0123456749", "9925:be0123456749"]);
        let long = format!("0088:{}", "1".repeat(130));
        assert!(validate(&long).is_ok());
    }

    #[test]
    fn errors() {
        for (s, code) in [
            ("0208", "peppol_format"),
            ("208:0123456749", "peppol_format"),
            ("1234:abc", "peppol_scheme"),
            ("9956:0123456749", "peppol_scheme_removed"),
            ("0088:", "peppol_format"),
            ("0088:a b", "peppol_format"),
            ("0088:é", "peppol_format"),
            ("0208:0123456748", "be_number_checksum"),
            ("0208:0123.456.749", "be_number_format"),
            ("9925:0123456749", "be_number_format"),
            ("9925:BE0123456748", "be_number_checksum"),
        ] {
            assert_eq!(validate(s).unwrap_err().code(), code, "{s}");
        }
        assert_eq!(validate(&format!("0088:{}", "1".repeat(131))).unwrap_err().code(), "peppol_too_long");
        assert_eq!(be_participant_ids("x").unwrap_err().code(), "be_number_format");
    }
}
