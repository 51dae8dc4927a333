//! `ogm.*`, `rf.*`, `iban.*`, `bic.*`, `be.*`, `peppol.*`: payment identifiers (see
//! [`crate::ident`] for every rule and why).

use super::inputs::Scalar;
use crate::error::{Error, ValidationCode};
use crate::ident;

fn yes() -> bool {
    true
}

fn options(national_check: bool) -> ident::iban::ValidateOptions {
    ident::iban::ValidateOptions::default().national_check(national_check)
}

/// The answer of a `*.check` function: a validator that does not raise, for forms and tight
/// loops (a raised error costs far more than the check in JS and Python).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    /// Whether the value is valid.
    pub valid: bool,
    /// Its normal form (what `validate` returns), when valid.
    pub value: Option<String>,
    /// Why not (the error code `validate` raises: `iban_checksum`, ...), when invalid.
    pub code: Option<String>,
    /// What is wrong, in words, when invalid.
    pub message: Option<String>,
}

impl Check {
    fn of(result: Result<String, Error>) -> Result<Check, Error> {
        Ok(match result {
            Ok(value) => Check { valid: true, value: Some(value), code: None, message: None },
            Err(Error::Validation(e)) => {
                Check { valid: false, value: None, code: Some(e.code.as_str().to_owned()), message: Some(e.message) }
            }
            Err(other) => return Err(other),
        })
    }
}

function! {
    /// Checks a Belgian structured communication (OGM/VCS) in any of its forms (`+++090/9337/55493+++`,
    /// `***...***`, 12 bare digits) and returns the `+++...+++` form.
    OgmValidate = "ogm.validate", provider: None, positional: ["s"],
    OgmValidateArgs {
        /// The communication, as typed.
        s: String,
    } -> String = |a| ident::ogm::validate(&a.s), text: |s| ident::ogm::validate(s)
}

function! {
    /// Makes a Belgian structured communication from a base of up to 10 digits (the check digits
    /// are appended): `+++123/4567/89002+++` for 1234567890.
    OgmGenerate = "ogm.generate", provider: None, positional: ["base"],
    OgmGenerateArgs {
        /// The base: a whole number or a string of up to 10 digits (leading zeros kept).
        #[cfg_attr(feature = "schema", schemars(with = "crate::schema::IntOrText"))]
        base: Scalar,
    } -> String = |a| match a.base {
        Scalar::Int(n) => u64::try_from(n)
            .map_err(|_| Error::validation(ValidationCode::OgmBase, "base", "the base is a whole number of at most 10 digits"))
            .and_then(ident::ogm::generate),
        Scalar::UInt(_) => Err(Error::validation(ValidationCode::OgmBase, "base", "the base is a whole number of at most 10 digits")),
        Scalar::Text(s) => ident::ogm::generate_str(&s),
        other => Err(Error::validation(
            ValidationCode::InvalidParams,
            "base",
            format!("`base` must be an integer or a string of digits, not {}", other.kind()),
        )),
    }, text: |s| ident::ogm::generate_str(s)
}

function! {
    /// Checks an ISO 11649 creditor reference (`RF18 5390 0754 7034`) and returns its electronic
    /// form (`RF18539007547034`).
    RfValidate = "rf.validate", provider: None, positional: ["s"],
    RfValidateArgs {
        /// The reference, as typed.
        s: String,
    } -> String = |a| ident::rf::validate(&a.s), text: |s| ident::rf::validate(s)
}

function! {
    /// Checks an ISO 11649 creditor reference and returns its print form (groups of four).
    RfFormat = "rf.format", provider: None, positional: ["s"],
    RfFormatArgs {
        /// The reference, as typed.
        s: String,
    } -> String = |a| ident::rf::format(&a.s), text: |s| ident::rf::format(s)
}

function! {
    /// Makes an ISO 11649 creditor reference from your own reference (letters and digits):
    /// `RF18539007547034` for `539007547034`.
    RfGenerate = "rf.generate", provider: None, positional: ["ref"],
    RfGenerateArgs {
        /// Your reference (up to 21 letters and digits).
        #[serde(rename = "ref")]
        reference: String,
    } -> String = |a| ident::rf::generate(&a.reference), text: |s| ident::rf::generate(s)
}

function! {
    /// Checks an IBAN (ISO 13616: country, length, account structure, check digits, and the
    /// national check digits where the country has them) and returns its electronic form.
    IbanValidate = "iban.validate", provider: None, positional: ["s"],
    IbanValidateArgs {
        /// The IBAN, print or electronic form.
        s: String,
        /// Check the national check digits inside the account number where the country has them
        /// (`true`, the default). Turn it off only for an account a bank issued against its own
        /// rule.
        #[serde(default = "yes", alias = "nationalCheck")]
        national_check: bool,
    } -> String = |a| ident::iban::validate_with(&a.s, options(a.national_check)),
    text: |s| ident::iban::validate_with(s, options(yes()))
}

function! {
    /// Checks an IBAN and returns its print form (groups of four).
    IbanFormat = "iban.format", provider: None, positional: ["s"],
    IbanFormatArgs {
        /// The IBAN, print or electronic form.
        s: String,
        /// Check the national check digits (`true`, the default); see `iban.validate`.
        #[serde(default = "yes", alias = "nationalCheck")]
        national_check: bool,
    } -> String = |a| ident::iban::format_with(&a.s, options(a.national_check)),
    text: |s| ident::iban::format_with(s, options(yes()))
}

function! {
    /// Checks a BIC (SWIFT code; 8 or 11 characters) and returns it in upper case without spaces.
    BicValidate = "bic.validate", provider: None, positional: ["s"],
    BicValidateArgs {
        /// The BIC, as typed.
        s: String,
    } -> String = |a| ident::bic::validate(&a.s), text: |s| ident::bic::validate(s)
}

function! {
    /// Checks an IBAN as `iban.validate` does, without raising: `{valid, value, code, message}`.
    IbanCheck = "iban.check", provider: None, positional: ["s"],
    IbanCheckArgs {
        /// The IBAN, print or electronic form.
        s: String,
        /// Check the national check digits inside the account number (`true`, the default).
        #[serde(default = "yes", alias = "nationalCheck")]
        national_check: bool,
    } -> Check = |a| Check::of(ident::iban::validate_with(&a.s, options(a.national_check))),
    text: |s| Check::of(ident::iban::validate_with(s, options(yes()))), check: true
}

function! {
    /// Checks a BIC as `bic.validate` does, without raising: `{valid, value, code, message}`.
    BicCheck = "bic.check", provider: None, positional: ["s"],
    BicCheckArgs {
        /// The BIC, as typed.
        s: String,
    } -> Check = |a| Check::of(ident::bic::validate(&a.s)), text: |s| Check::of(ident::bic::validate(s)), check: true
}

function! {
    /// Checks a Belgian enterprise number (KBO/BCE; also the old 9-digit form, and numbers
    /// starting with 1) and returns its 10 digits.
    BeEnterpriseNumber = "be.enterprise_number", provider: None, positional: ["s"],
    BeEnterpriseNumberArgs {
        /// The number, with or without `BE`, dots and spaces.
        s: String,
    } -> String = |a| ident::be::enterprise_number(&a.s), text: |s| ident::be::enterprise_number(s)
}

function! {
    /// Checks a Belgian VAT number and returns its compact form (`BE0123456749`).
    BeVatNumber = "be.vat_number", provider: None, positional: ["s"],
    BeVatNumberArgs {
        /// The number, with or without `BE`, dots and spaces.
        s: String,
    } -> String = |a| ident::be::vat_number(&a.s), text: |s| ident::be::vat_number(s)
}

function! {
    /// Checks a PEPPOL participant id (`scheme:value`, the scheme from code list 9.3) and returns
    /// its normal form.
    PeppolValidate = "peppol.validate", provider: None, positional: ["s"],
    PeppolValidateArgs {
        /// The participant id, e.g. `0208:0123456749`.
        s: String,
    } -> String = |a| ident::peppol::validate(&a.s), text: |s| ident::peppol::validate(s)
}

function! {
    /// The two PEPPOL participant ids of a Belgian enterprise: `0208:<enterprise number>` and
    /// `9925:be<enterprise number>`.
    PeppolBeParticipantIds = "peppol.be_participant_ids", provider: None, positional: ["enterprise_number"],
    PeppolBeParticipantIdsArgs {
        /// The Belgian enterprise (or VAT) number.
        #[serde(alias = "enterpriseNumber")]
        enterprise_number: String,
    } -> Vec<String> = |a| ident::peppol::be_participant_ids(&a.enterprise_number).map(Vec::from),
    text: |s| ident::peppol::be_participant_ids(s).map(Vec::from)
}
