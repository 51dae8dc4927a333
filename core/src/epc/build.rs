//! The EPC payload builder.

use super::{
    charset_digit, is_eea, write_payload, Amount, Charset, Epc, Version, MAX_INFORMATION_CHARS, MAX_NAME_CHARS, MAX_PAYLOAD_BYTES,
    MAX_REFERENCE_CHARS, MAX_TEXT_CHARS,
};
use crate::error::{Error, ValidationCode};
use crate::ident::{self, describe, Compact};

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
        self.fields().validate()
    }

    /// Checks every field and returns the payload text.
    pub fn build(&self) -> Result<String, Error> {
        self.fields().build()
    }

    /// The same inputs, borrowed.
    pub fn fields(&self) -> EpcFields<'_> {
        EpcFields {
            name: &self.name,
            iban: &self.iban,
            amount: self.amount,
            bic: self.bic.as_deref(),
            purpose: self.purpose.as_deref(),
            reference: self.reference.as_deref(),
            text: self.text.as_deref(),
            information: self.information.as_deref(),
            version: self.version,
            charset: self.charset,
            allow_no_amount: self.allow_no_amount,
        }
    }
}

/// The inputs of an EPC payload borrowed from the caller: [`EpcBuilder`] without owning its
/// strings. [`EpcFields::build`] checks each field where it is and writes the payload into one
/// string of the right size, its only allocation (the canonical forms it writes, IBAN, BIC,
/// reference, purpose, are made on the stack). [`EpcBuilder::build`] is this: the same checks in
/// the same order, the same errors.
///
/// An optional field that is `Some("")` counts as absent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EpcFields<'a> {
    /// The beneficiary's name (required, at most 70 characters).
    pub name: &'a str,
    /// The beneficiary's IBAN (required).
    pub iban: &'a str,
    /// The amount; `None` needs `allow_no_amount`.
    pub amount: Option<Amount>,
    /// The BIC of the beneficiary's bank (required in version 001 and outside the EEA).
    pub bic: Option<&'a str>,
    /// The 4-letter purpose code (ISO 20022 ExternalPurpose1Code).
    pub purpose: Option<&'a str>,
    /// The structured reference: an ISO 11649 RF reference or a Belgian OGM/VCS.
    pub reference: Option<&'a str>,
    /// The unstructured remittance text (at most 140 characters); not together with `reference`.
    pub text: Option<&'a str>,
    /// Information for the payer, shown by the banking app (at most 70 characters).
    pub information: Option<&'a str>,
    /// The payload version; 002 by default.
    pub version: Version,
    /// The charset; `None` chooses automatically (see [`EpcBuilder::charset`]).
    pub charset: Option<Charset>,
    /// Allow a payload without amount (the payer types it).
    pub allow_no_amount: bool,
}

/// Where the charset digit is in a payload (`BCD\n002\n1`).
const CHARSET_DIGIT: usize = 8;

impl EpcFields<'_> {
    /// Checks every field and returns the payload text.
    pub fn build(&self) -> Result<String, Error> {
        self.write().map(|(payload, _)| payload)
    }

    /// Checks every field and returns the canonical payment, read back from the payload (whose
    /// lines are the canonical forms).
    pub fn validate(&self) -> Result<Epc, Error> {
        let (payload, charset) = self.write()?;
        // Lines 5 to 12 (no field holds a line break: control characters are refused).
        let mut lines = payload.split('\n').skip(4);
        let mut next = || lines.next().filter(|l| !l.is_empty()).map(str::to_owned);
        let (bic, name, iban, _amount) = (next(), next(), next(), next());
        Ok(Epc {
            version: self.version,
            charset,
            bic,
            name: name.unwrap_or_default(),
            iban: iban.unwrap_or_default(),
            amount: self.amount,
            purpose: next(),
            reference: next(),
            text: next(),
            information: next(),
        })
    }

    /// The checks, then the payload and its charset.
    fn write(&self) -> Result<(String, Charset), Error> {
        let name = self.name;
        if name.trim().is_empty() {
            return Err(Error::validation(ValidationCode::EpcFieldMissing, "name", "the beneficiary's name is required (not only spaces)"));
        }
        check_text("name", name, MAX_NAME_CHARS)?;
        let iban = ident::iban::validate_compact(self.iban, ident::iban::ValidateOptions::default())?;
        let iban = iban.as_str();
        let bic = match present(self.bic) {
            Some(b) => Some(ident::bic::validate_compact(b)?),
            None => {
                bic_required(self.version, iban)?;
                None
            }
        };
        let bic = bic.as_ref().map_or("", |b| b.as_str());
        if self.amount.is_none() && !self.allow_no_amount {
            return Err(Error::validation(
                ValidationCode::EpcAmountMissing,
                "amount",
                "no amount: give `amount` (a decimal string) or `amount_cents`, or set `allow_no_amount` to let the payer type it",
            ));
        }
        let purpose = present(self.purpose).map(|p| purpose_code(p, true)).transpose()?;
        let purpose = purpose.as_ref().map_or("", |p| std::str::from_utf8(p).unwrap_or_default());
        let (reference, text) = (present(self.reference), present(self.text));
        if reference.is_some() && text.is_some() {
            return Err(Error::validation(
                ValidationCode::EpcReferenceAndText,
                "text",
                "an EPC payment has a structured reference or an unstructured text, not both",
            ));
        }
        let reference = reference.map(|r| reference_compact(r, "reference")).transpose()?;
        let reference = reference.as_ref().map_or("", |r| r.as_str());
        let text = text.unwrap_or("");
        if !text.is_empty() {
            check_text("text", text, MAX_TEXT_CHARS)?;
        }
        let information = present(self.information).unwrap_or("");
        if !information.is_empty() {
            check_text("information", information, MAX_INFORMATION_CHARS)?;
        }
        let charset = self.charset.unwrap_or(Charset::Utf8);
        if let Some(forced) = self.charset {
            let fields = [("name", name), ("text", text), ("information", information), ("bic", bic), ("reference", reference)];
            check_encodable(forced, fields)?;
        }

        let mut payload =
            write_payload(self.version, charset, self.amount, [bic, name, iban, purpose, reference, text, information]);

        if let Some(forced) = self.charset {
            let bytes = forced.encoded_len(&payload).unwrap_or(usize::MAX);
            if bytes > MAX_PAYLOAD_BYTES {
                return Err(too_long(bytes, forced));
            }
            return Ok((payload, forced));
        }
        // UTF-8 when it fits; else the first single-byte charset of [`FALLBACK`] that writes
        // every character and fits (the charset digit rewritten in place).
        if payload.len() <= MAX_PAYLOAD_BYTES {
            return Ok((payload, Charset::Utf8));
        }
        let fits = |c: &Charset| c.encoded_len(&payload).is_ok_and(|n| n <= MAX_PAYLOAD_BYTES);
        let Some(charset) = FALLBACK.iter().copied().find(fits) else { return Err(too_long(payload.len(), Charset::Utf8)) };
        payload.replace_range(CHARSET_DIGIT..=CHARSET_DIGIT, charset_digit(charset));
        Ok((payload, charset))
    }
}

fn present(field: Option<&str>) -> Option<&str> {
    field.filter(|s| !s.is_empty())
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
    purpose_code(p, lenient_case).map(|code| code.iter().map(|&b| char::from(b)).collect())
}

/// [`purpose`] on the stack.
fn purpose_code(p: &str, lenient_case: bool) -> Result<[u8; 4], Error> {
    let ok =
        p.len() == 4 && p.bytes().all(|b| if lenient_case { b.is_ascii_alphabetic() } else { b.is_ascii_uppercase() });
    match <[u8; 4]>::try_from(p.as_bytes()) {
        Ok(code) if ok => Ok(code.map(|b| b.to_ascii_uppercase())),
        _ => Err(Error::validation(
            ValidationCode::EpcPurpose,
            "purpose",
            "the purpose is a 4-letter ISO 20022 purpose code, e.g. CHAR or GDDS",
        )),
    }
}

/// A structured reference in canonical form: an RF reference (electronic) or 12 OGM digits.
pub(crate) fn normalise_reference(r: &str, field: &'static str) -> Result<String, Error> {
    reference_compact(r, field).map(|r| r.as_str().to_owned())
}

/// [`normalise_reference`] on the stack (for the ASCII forms).
fn reference_compact(r: &str, field: &'static str) -> Result<Compact, Error> {
    // What the reference is, by its characters without whitespace.
    let mut compact = r.chars().filter(|c| !c.is_whitespace());
    if matches!((compact.next(), compact.next()), (Some('R' | 'r'), Some('F' | 'f'))) {
        return ident::rf::validate_compact(r, field);
    }
    let mut compact = r.chars().filter(|c| !c.is_whitespace()).peekable();
    if compact.peek().is_some() && compact.all(|c| c.is_ascii_digit() || matches!(c, '+' | '*' | '/')) {
        return ident::ogm::digits_compact(r, field);
    }
    let length = r.chars().filter(|c| !c.is_whitespace()).count();
    let what = if length > MAX_REFERENCE_CHARS { " (and it is longer than 35 characters)" } else { "" };
    Err(Error::validation(
        ValidationCode::EpcReferenceFormat,
        field,
        format!(
            "the structured reference is an ISO 11649 RF creditor reference or a Belgian structured \
             communication (OGM/VCS){what}; put free text in `text`"
        ),
    ))
}

/// Checks that `charset` writes every character of the `(field, value)` pairs.
fn check_encodable(charset: Charset, fields: [(&'static str, &str); 5]) -> Result<(), Error> {
    for (field, value) in fields {
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

/// The single-byte charsets in the order [`EpcFields::build`] tries them: Western Europe first
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
