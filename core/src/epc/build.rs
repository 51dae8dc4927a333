//! The EPC payload builder.

use super::{
    is_eea, Amount, Charset, Epc, Version, MAX_INFORMATION_CHARS, MAX_NAME_CHARS, MAX_PAYLOAD_BYTES,
    MAX_REFERENCE_CHARS, MAX_TEXT_CHARS,
};
use crate::error::{Error, ValidationCode};
use crate::ident::{self, describe};

/// The inputs of an EPC payload, as people write them: IBAN and references may carry spaces and
/// lower case, the OGM may be in its `+++` form. [`EpcBuilder::build`] checks everything and
/// writes the canonical payload.
///
/// An optional field that is `Some("")` counts as absent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EpcBuilder {
    /// The beneficiary's name (required, at most 70 characters).
    pub name: String,
    /// The beneficiary's IBAN (required).
    pub iban: String,
    /// The amount; `None` needs `allow_no_amount`.
    pub amount: Option<Amount>,
    /// The BIC of the beneficiary's bank (required in version 001 and outside the EEA).
    pub bic: Option<String>,
    /// The 4-letter purpose code (ISO 20022 ExternalPurpose1Code, e.g. `CHAR`, `GDDS`).
    pub purpose: Option<String>,
    /// The structured reference: an ISO 11649 RF reference or a Belgian OGM/VCS.
    pub reference: Option<String>,
    /// The unstructured remittance text (at most 140 characters); not together with `reference`.
    pub text: Option<String>,
    /// Information for the payer, shown by the banking app (at most 70 characters).
    pub information: Option<String>,
    /// The payload version; 002 by default.
    pub version: Version,
    /// The charset; `None` chooses automatically (UTF-8 unless a single-byte charset is needed to
    /// fit 331 bytes).
    pub charset: Option<Charset>,
    /// Allow a payload without amount (the payer types it).
    pub allow_no_amount: bool,
}

impl EpcBuilder {
    /// A builder for a payment to `name` at `iban`.
    pub fn new(name: impl Into<String>, iban: impl Into<String>) -> Self {
        EpcBuilder { name: name.into(), iban: iban.into(), ..Default::default() }
    }

    /// Sets the amount.
    pub fn amount(mut self, amount: Amount) -> Self {
        self.amount = Some(amount);
        self
    }

    /// Sets the BIC.
    pub fn bic(mut self, bic: impl Into<String>) -> Self {
        self.bic = Some(bic.into());
        self
    }

    /// Sets the purpose code.
    pub fn purpose(mut self, purpose: impl Into<String>) -> Self {
        self.purpose = Some(purpose.into());
        self
    }

    /// Sets the structured reference (RF or OGM/VCS).
    pub fn reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = Some(reference.into());
        self
    }

    /// Sets the unstructured text.
    pub fn text(mut self, text: impl Into<String>) -> Self {
        self.text = Some(text.into());
        self
    }

    /// Sets the beneficiary-to-originator information.
    pub fn information(mut self, information: impl Into<String>) -> Self {
        self.information = Some(information.into());
        self
    }

    /// Sets the version.
    pub fn version(mut self, version: Version) -> Self {
        self.version = version;
        self
    }

    /// Forces the charset.
    pub fn charset(mut self, charset: Charset) -> Self {
        self.charset = Some(charset);
        self
    }

    /// Allows (or not) a payload without amount.
    pub fn allow_no_amount(mut self, allow: bool) -> Self {
        self.allow_no_amount = allow;
        self
    }

    /// Checks every field and returns the canonical payment. Errors name the field.
    pub fn validate(&self) -> Result<Epc, Error> {
        self.validated().map(|(epc, _)| epc)
    }

    /// The canonical payment and its payload, which the size check computes anyway.
    fn validated(&self) -> Result<(Epc, String), Error> {
        let name = self.name.as_str();
        if name.trim().is_empty() {
            return Err(Error::validation(ValidationCode::EpcFieldMissing, "name", "the beneficiary's name is required (not only spaces)"));
        }
        check_text("name", name, MAX_NAME_CHARS)?;
        let iban = ident::iban::validate(&self.iban)?;
        let bic = match present(&self.bic) {
            Some(b) => Some(ident::bic::validate(b)?),
            None => {
                bic_required(self.version, &iban)?;
                None
            }
        };
        if self.amount.is_none() && !self.allow_no_amount {
            return Err(Error::validation(
                ValidationCode::EpcAmountMissing,
                "amount",
                "no amount: give `amount` (a decimal string) or `amount_cents`, or set `allow_no_amount` to let the payer type it",
            ));
        }
        let purpose = present(&self.purpose).map(|p| purpose(p, true)).transpose()?;
        let (reference, text) = (present(&self.reference), present(&self.text));
        if reference.is_some() && text.is_some() {
            return Err(Error::validation(
                ValidationCode::EpcReferenceAndText,
                "text",
                "an EPC payment has a structured reference or an unstructured text, not both",
            ));
        }
        let reference = reference.map(|r| normalise_reference(r, "reference")).transpose()?;
        if let Some(t) = text {
            check_text("text", t, MAX_TEXT_CHARS)?;
        }
        let information = present(&self.information);
        if let Some(i) = information {
            check_text("information", i, MAX_INFORMATION_CHARS)?;
        }
        let mut epc = Epc {
            version: self.version,
            charset: self.charset.unwrap_or(Charset::Utf8),
            bic,
            name: name.to_owned(),
            iban,
            amount: self.amount,
            purpose,
            reference,
            text: text.map(str::to_owned),
            information: information.map(str::to_owned),
        };
        let payload = match self.charset {
            Some(forced) => {
                check_encodable(&epc, forced)?;
                check_size(&epc)?
            }
            None => {
                let (charset, payload) = choose_charset(&epc)?;
                epc.charset = charset;
                // The charset digit is line 3: the payload was written with UTF-8's `1`.
                if charset == Charset::Utf8 {
                    payload
                } else {
                    epc.payload()
                }
            }
        };
        Ok((epc, payload))
    }

    /// Checks every field and returns the payload text.
    pub fn build(&self) -> Result<String, Error> {
        self.validated().map(|(_, payload)| payload)
    }
}

fn present(field: &Option<String>) -> Option<&str> {
    field.as_deref().filter(|s| !s.is_empty())
}

/// Version 001 always needs a BIC; 002 outside the EEA too.
pub(crate) fn bic_required(version: Version, iban: &str) -> Result<(), Error> {
    let country = iban.get(..2).unwrap_or("");
    if version == Version::V001 {
        return Err(Error::validation(ValidationCode::EpcBicRequired, "bic", "version 001 of the EPC QR code requires the BIC"));
    }
    if !is_eea(country) {
        return Err(Error::validation(
            ValidationCode::EpcBicRequired,
            "bic",
            format!("the IBAN is from {country}, outside the EEA: the EPC QR code requires the BIC there"),
        ));
    }
    Ok(())
}

/// Checks a free-text field: no control characters, at most `max` characters.
pub(crate) fn check_text(field: &'static str, value: &str, max: usize) -> Result<(), Error> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(Error::validation(
            ValidationCode::EpcInvalidCharacter,
            field,
            format!("{} is a control character; each field is one line of text", describe(c)),
        ));
    }
    let n = value.chars().count();
    if n > max {
        return Err(Error::validation(
            ValidationCode::EpcFieldTooLong,
            field,
            format!("{n} characters; the EPC QR code allows {max}"),
        ));
    }
    Ok(())
}

/// The purpose code, upper case. `lenient_case` accepts lower case.
pub(crate) fn purpose(p: &str, lenient_case: bool) -> Result<String, Error> {
    let ok =
        p.len() == 4 && p.bytes().all(|b| if lenient_case { b.is_ascii_alphabetic() } else { b.is_ascii_uppercase() });
    if !ok {
        return Err(Error::validation(
            ValidationCode::EpcPurpose,
            "purpose",
            "the purpose is a 4-letter ISO 20022 purpose code, e.g. CHAR or GDDS",
        ));
    }
    Ok(p.to_ascii_uppercase())
}

/// A structured reference in canonical form: an RF reference (electronic) or 12 OGM digits.
pub(crate) fn normalise_reference(r: &str, field: &'static str) -> Result<String, Error> {
    let compact: String = r.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("RF")) {
        return ident::rf::validate_at(r, field);
    }
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '*' | '/')) {
        return ident::ogm::digits_at(r, field);
    }
    let what =
        if compact.chars().count() > MAX_REFERENCE_CHARS { " (and it is longer than 35 characters)" } else { "" };
    Err(Error::validation(
        ValidationCode::EpcReferenceFormat,
        field,
        format!(
            "the structured reference is an ISO 11649 RF creditor reference or a Belgian structured \
             communication (OGM/VCS){what}; put free text in `text`"
        ),
    ))
}

fn check_encodable(epc: &Epc, charset: Charset) -> Result<(), Error> {
    let fields: [(&'static str, Option<&str>); 5] = [
        ("name", Some(&epc.name)),
        ("text", epc.text.as_deref()),
        ("information", epc.information.as_deref()),
        ("bic", epc.bic.as_deref()),
        ("reference", epc.reference.as_deref()),
    ];
    for (field, value) in fields {
        let Some(value) = value else { continue };
        if let Some(c) = value.chars().find(|&c| !charset.can_encode(c)) {
            let others: Vec<String> =
                Charset::ALL.into_iter().filter(|o| o.can_encode(c)).map(|o| o.number().to_string()).collect();
            return Err(Error::validation(
                ValidationCode::EpcCharsetUnencodable,
                field,
                format!(
                    "{} is not in {charset}; charsets that have it: {} (or leave the charset unset)",
                    describe(c),
                    others.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn too_long(bytes: usize, charset: Charset) -> Error {
    Error::validation(
        ValidationCode::EpcTooLong,
        "payload",
        format!(
            "the payload is {bytes} bytes in {charset}; an EPC QR code holds at most {MAX_PAYLOAD_BYTES}: shorten `text`, `information` or `name`"
        ),
    )
}

fn check_size(epc: &Epc) -> Result<String, Error> {
    let payload = epc.payload();
    let bytes = epc.charset.encoded_len(&payload).unwrap_or(usize::MAX);
    if bytes > MAX_PAYLOAD_BYTES {
        return Err(too_long(bytes, epc.charset));
    }
    Ok(payload)
}

/// The single-byte charsets in the order [`choose_charset`] tries them: Western Europe first
/// (Latin-1, then Latin-9 for `€`), Central Europe, Baltic, Nordic, Cyrillic, Greek. A text that
/// one of them writes takes the same number of bytes in any other that writes it, so the order
/// only expresses which charsets banking apps most likely read.
const FALLBACK: [Charset; 7] = [
    Charset::Iso8859_1,
    Charset::Iso8859_15,
    Charset::Iso8859_2,
    Charset::Iso8859_4,
    Charset::Iso8859_10,
    Charset::Iso8859_5,
    Charset::Iso8859_7,
];

/// UTF-8 when it fits; else the first single-byte charset of [`FALLBACK`] that writes every
/// character and fits. Also gives the payload as written with the UTF-8 charset digit.
fn choose_charset(epc: &Epc) -> Result<(Charset, String), Error> {
    let payload = epc.payload();
    if payload.len() <= MAX_PAYLOAD_BYTES {
        return Ok((Charset::Utf8, payload));
    }
    FALLBACK
        .iter()
        .copied()
        .find(|c| c.encoded_len(&payload).is_ok_and(|n| n <= MAX_PAYLOAD_BYTES))
        .map(|c| (c, payload.clone()))
        .ok_or_else(|| too_long(payload.len(), Charset::Utf8))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> EpcBuilder {
        EpcBuilder::new("Red Cross of Belgium", "BE72000000001616").amount(Amount::from_cents(100).unwrap())
    }

    fn code(b: &EpcBuilder) -> (String, String) {
        match b.build().unwrap_err() {
            Error::Validation(v) => (v.code.as_str().to_owned(), v.field.into_owned()),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn minimal_and_full() {
        assert_eq!(base().build().unwrap(), "BCD\n002\n1\nSCT\n\nRed Cross of Belgium\nBE72000000001616\nEUR1.00");
        let full = base()
            .bic("bpotbeb1")
            .purpose("char")
            .reference("+++123/4567/89002+++")
            .information("Thanks")
            .version(Version::V001)
            .build()
            .unwrap();
        assert_eq!(
            full,
            "BCD\n001\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1.00\nCHAR\n123456789002\n\nThanks"
        );
        let rf = base().reference("rf18 5390 0754 7034").build().unwrap();
        assert!(rf.ends_with("\n\nRF18539007547034"), "{rf}");
        let no_amount =
            EpcBuilder::new("A & B / C", "BE72000000001616").allow_no_amount(true).text("x").build().unwrap();
        assert_eq!(no_amount, "BCD\n002\n1\nSCT\n\nA & B / C\nBE72000000001616\n\n\n\nx");
    }

    #[test]
    fn every_field_is_checked() {
        let cases: Vec<(EpcBuilder, &str, &str)> = vec![
            (EpcBuilder { name: String::new(), ..base() }, "epc_field_missing", "name"),
            (EpcBuilder { name: "x".repeat(71), ..base() }, "epc_field_too_long", "name"),
            (EpcBuilder { name: "a\nb".into(), ..base() }, "epc_invalid_character", "name"),
            (EpcBuilder { iban: "BE72000000001617".into(), ..base() }, "iban_checksum", "iban"),
            (base().bic("BPOTBE"), "bic_length", "bic"),
            (base().version(Version::V001), "epc_bic_required", "bic"),
            (EpcBuilder { iban: "CH9300762011623852957".into(), ..base() }, "epc_bic_required", "bic"),
            (EpcBuilder { amount: None, ..base() }, "epc_amount_missing", "amount"),
            (base().purpose("CHA"), "epc_purpose", "purpose"),
            (base().reference("RF18539007547034").text("x"), "epc_reference_and_text", "text"),
            (base().reference("RF19539007547034"), "rf_checksum", "reference"),
            (base().reference("123456789003"), "ogm_checksum", "reference"),
            (base().reference("invoice 12"), "epc_reference_format", "reference"),
            (base().text("x".repeat(141)), "epc_field_too_long", "text"),
            (base().information("x".repeat(71)), "epc_field_too_long", "information"),
            (base().charset(Charset::Iso8859_1).text("Łódź"), "epc_charset_unencodable", "text"),
            (base().text("😀".repeat(140)), "epc_too_long", "payload"),
        ];
        for (b, c, f) in cases {
            assert_eq!(code(&b), (c.to_owned(), f.to_owned()), "{b:?}");
        }
        assert!(base().bic("BPOTBEB1").version(Version::V001).build().is_ok());
        assert!(EpcBuilder { iban: "CH9300762011623852957".into(), ..base() }.bic("UBSWCHZH80A").build().is_ok());
    }

    #[test]
    fn limits_count_characters_and_bytes() {
        // 70 emoji are 70 characters (140 UTF-16 units, 280 bytes): a valid name, if it fits 331 bytes.
        let name = "😀".repeat(70);
        let payload = EpcBuilder::new(name.clone(), "BE72000000001616").allow_no_amount(true).build().unwrap();
        assert!(payload.len() <= 331);
        // 140 'é' + 70 'é': 420 bytes in UTF-8, 210 in Latin-1: kassa picks charset 2.
        let b = base().text("é".repeat(140)).information("é".repeat(70));
        let epc = b.validate().unwrap();
        assert_eq!(epc.charset, Charset::Iso8859_1);
        assert!(epc.payload().starts_with("BCD\n002\n2\n"));
        // Forced UTF-8 for the same text: too long, in bytes of UTF-8.
        assert_eq!(code(&b.clone().charset(Charset::Utf8)).0, "epc_too_long");
        // Polish text beyond 331 UTF-8 bytes: ISO-8859-2 (charset 3).
        let pl = base().text("ł".repeat(140)).information("ż".repeat(70)).validate().unwrap();
        assert_eq!(pl.charset, Charset::Iso8859_2);
        // Euro signs: Latin-9 (8), not Greek (6), though both write `€`.
        let eur = base().text("€".repeat(140)).information("€".repeat(70)).validate().unwrap();
        assert_eq!(eur.charset, Charset::Iso8859_15);
    }
}
