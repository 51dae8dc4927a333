//! EPC069-12 payloads ("SEPA credit transfer QR code", "GiroCode"): build, parse, render.
//!
//! ```
//! use kassa::epc::{self, Amount, EpcBuilder, Mode, RenderOptions};
//!
//! let payload = EpcBuilder::new("Red Cross of Belgium", "BE72 0000 0000 1616")
//!     .bic("BPOTBEB1")
//!     .amount(Amount::parse("12.30")?)
//!     .text("Urgency fund")
//!     .build()?;
//! assert_eq!(payload, "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR12.30\n\n\nUrgency fund");
//! let parsed = epc::parse(&payload, Mode::Strict)?;
//! assert_eq!(parsed.epc.amount.map(|a| a.to_string()).as_deref(), Some("12.30"));
//! let svg = epc::svg(&payload, &RenderOptions::default())?;
//! assert!(svg.starts_with("<svg"));
//! # Ok::<(), kassa::Error>(())
//! ```
//!
//! # The payload, line by line
//!
//! | line | content | kassa's rule |
//! |---|---|---|
//! | 1 | `BCD` | fixed |
//! | 2 | `001` or `002` | [`Version`]; 002 by default |
//! | 3 | `1`..`8` | [`Charset`]: automatic or forced |
//! | 4 | `SCT` | fixed |
//! | 5 | BIC | 8 or 11 characters, checked ([`crate::ident::bic`]); required in 001, and in 002 when the IBAN is outside the EEA |
//! | 6 | name | 1 to 70 characters |
//! | 7 | IBAN | checked ([`crate::ident::iban`]), electronic form |
//! | 8 | `EUR` + amount | 0.01 to 999999999.99, written `EUR12.30`; empty only with `allow_no_amount` |
//! | 9 | purpose | 4 letters (ISO 20022 ExternalPurpose1Code), upper case |
//! | 10 | structured reference | an ISO 11649 RF reference (electronic form) or a Belgian OGM/VCS (its 12 digits) |
//! | 11 | unstructured text | up to 140 characters; never together with line 10 |
//! | 12 | beneficiary to originator information | up to 70 characters |
//!
//! Lines are separated by LF; the last populated line is not followed by a separator (trailing
//! empty fields are left out). The whole payload is at most 331 bytes **in the declared
//! character set**, which is exactly what a version 13 QR code at error-correction level M holds.
//!
//! # Why kassa does it this way (what peers get wrong)
//!
//! - **Amounts are never floats.** [`Amount`] is integer cents, read from a decimal string or from
//!   integer cents. Peers format floats and emit `EUR0.30000000000000004`, or accept `1,234.50`
//!   (a thousands separator the standard does not allow) and `12,30` (a decimal comma). kassa
//!   refuses both with `epc_amount_format` and more than two decimals with `epc_amount_decimals`.
//! - **`0.00` is not an amount.** The standard's range starts at 0.01; peers write `EUR0.00` for
//!   "no amount", which banking apps refuse. An omitted amount (the payer types it) is allowed by
//!   the newer EPC versions, and kassa allows it only when asked (`allow_no_amount`), so a
//!   forgotten amount is an error, not a QR code that asks the payer to guess.
//! - **Limits are counted as the standard counts them.** Field limits (name 70, text 140,
//!   information 70, reference 35) are in characters, i.e. Unicode scalar values: an emoji is one
//!   character, not two UTF-16 units as JavaScript's `.length` counts. The 331-byte limit is in
//!   bytes of the declared charset: `é` is 2 bytes in UTF-8 and 1 in ISO-8859-1.
//! - **Names with `&`, `/`, `'`, accents are fine.** The QR carries any text of its charset; the
//!   bank maps it to the SEPA character set when it creates the transfer. Peers that apply the
//!   SEPA Latin subset (or a stricter regex) at this stage refuse "Dupont & Fils" or "A/B Bakery".
//!   Control characters (line breaks, tabs) are refused: a line break would shift every field.
//! - **Charset choice.** Without a forced charset, kassa writes UTF-8 (charset 1, its documented
//!   default: it encodes every text). Only when the UTF-8 payload would exceed 331 bytes and a
//!   single-byte charset encodes all of it (so that accents take one byte) does kassa pick the
//!   first such charset in the order 2, 8, 3, 4, 7, 5, 6 (Western Europe first, Greek last). A
//!   forced charset that cannot write a character is an error naming the field and suggesting the
//!   charsets that can.
//! - **BIC.** Version 001 requires it; version 002 makes it optional inside the EEA only, so a 002
//!   payload for a Swiss, British, Monegasque, ... IBAN without BIC is refused (`epc_bic_required`).
//! - **Reference or text, never both** (`epc_reference_and_text`). The structured reference is
//!   checked: an RF reference must pass ISO 11649 (`rf_checksum`), an OGM/VCS its mod 97
//!   (`ogm_checksum`); anything else belongs in the text.
//! - **Belgian OGM/VCS in a QR code.** Line 10 carries the 12 digits only (`123456789002`), the
//!   digital form Febelfin defines and Belgian banking apps read back as the structured
//!   communication. The `+++123/4567/89002+++` paper form is accepted as input and converted.
//! - **Parsing** has a strict mode (the payload must be what the standard allows and the builder
//!   would accept) and a lenient mode for codes found in the wild: a trailing newline, CRLF mixed
//!   with LF, spaces or lower case in the IBAN/BIC, `EUR 12,30`, `EUR0.00`, over-long fields, both
//!   reference and text, more than 12 lines, a byte-order mark; each tolerated deviation is
//!   reported in [`Parsed::tolerated`] with a code. A wrong IBAN is refused in both modes.
//! - **Rendering**: error-correction level M exactly (the standard says M; "boosting" to a higher
//!   level, as some QR libraries do by default, changes the symbol size banks expect), the
//!   smallest version that fits and never above 13, a quiet zone of at least 4 modules. The QR
//!   code holds the payload's bytes in its declared charset, in byte mode, without ECI.

use std::borrow::Cow;
use std::fmt;
use crate::error::ValidationCode;

mod amount;
mod build;
mod charset;
mod parse;
mod render;

pub use amount::Amount;
pub use build::{EpcBuilder, EpcFields};
pub use charset::Charset;
pub use parse::{parse, parse_bytes};
pub use render::{png, qr, svg, text, QrCode, RenderOptions};

/// The maximum size of a payload, in bytes of its declared charset.
pub const MAX_PAYLOAD_BYTES: usize = 331;
/// The maximum length of the beneficiary's name, in characters.
pub const MAX_NAME_CHARS: usize = 70;
/// The maximum length of the structured reference, in characters.
pub const MAX_REFERENCE_CHARS: usize = 35;
/// The maximum length of the unstructured text, in characters.
pub const MAX_TEXT_CHARS: usize = 140;
/// The maximum length of the beneficiary-to-originator information, in characters.
pub const MAX_INFORMATION_CHARS: usize = 70;

/// The version of the payload format (line 2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Version {
    /// `001`: the BIC is required.
    V001,
    /// `002`: the BIC is optional for IBANs in the EEA. kassa's default.
    #[default]
    V002,
}

impl Version {
    /// `"001"` or `"002"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Version::V001 => "001",
            Version::V002 => "002",
        }
    }

    /// The version written as `"001"`/`"002"` (or `"1"`/`"2"`).
    pub fn from_str_lenient(s: &str) -> Option<Version> {
        match s {
            "001" | "1" => Some(Version::V001),
            "002" | "2" => Some(Version::V002),
            _ => None,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A checked EPC payment: what [`EpcBuilder::validate`] produces and [`parse`] reads back.
///
/// Every string is in its canonical form: IBAN and BIC electronic and upper case, purpose upper
/// case, the reference an electronic RF reference or 12 OGM digits.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Epc {
    /// Line 2.
    pub version: Version,
    /// Line 3.
    pub charset: Charset,
    /// Line 5.
    pub bic: Option<String>,
    /// Line 6.
    pub name: String,
    /// Line 7.
    pub iban: String,
    /// Line 8, without `EUR`.
    pub amount: Option<Amount>,
    /// Line 9.
    pub purpose: Option<String>,
    /// Line 10.
    pub reference: Option<String>,
    /// Line 11.
    pub text: Option<String>,
    /// Line 12.
    pub information: Option<String>,
}

impl Epc {
    /// Line 4, always `SCT` (SEPA credit transfer).
    pub const IDENTIFICATION: &'static str = "SCT";

    /// The payload text: the twelve lines joined by LF, trailing empty lines left out. The
    /// amount is written with two decimals (`EUR12.30`).
    pub fn payload(&self) -> String {
        fn text(field: &Option<String>) -> &str {
            field.as_deref().unwrap_or("")
        }
        write_payload(
            self.version,
            self.charset,
            self.amount,
            [text(&self.bic), &self.name, &self.iban, text(&self.purpose), text(&self.reference), text(&self.text), text(&self.information)],
        )
    }

    /// The payload's bytes in its charset (what the QR code holds), or the first character the
    /// charset cannot write (only possible for a value read leniently or changed by hand).
    pub fn payload_bytes(&self) -> Result<Vec<u8>, crate::Error> {
        let payload = self.payload();
        self.charset.encode(&payload).map_err(|c| {
            crate::Error::validation(
                ValidationCode::EpcCharsetUnencodable,
                "charset",
                format!("{} cannot write {}", self.charset, crate::ident::describe(c)),
            )
        })
    }

    /// A builder holding these values, with the charset forced to this one.
    pub fn to_builder(&self) -> EpcBuilder {
        EpcBuilder {
            name: self.name.clone(),
            iban: self.iban.clone(),
            amount: self.amount,
            bic: self.bic.clone(),
            purpose: self.purpose.clone(),
            reference: self.reference.clone(),
            text: self.text.clone(),
            information: self.information.clone(),
            version: self.version,
            charset: Some(self.charset),
            allow_no_amount: self.amount.is_none(),
        }
    }
}

/// The payload of lines 5 to 12 (`[bic, name, iban, purpose, reference, text, information]`,
/// an absent one empty, and the amount): the twelve lines joined by LF, trailing empty lines left
/// out, the amount with two decimals (`EUR12.30`), written into one string of the right size. The
/// one writer of [`Epc::payload`] and [`EpcBuilder::build`].
pub(crate) fn write_payload(version: Version, charset: Charset, amount: Option<Amount>, fields: [&str; 7]) -> String {
    let [bic, name, iban, purpose, reference, text, information] = fields;
    // `EUR` stands for the amount line (left out without an amount).
    let lines = [bic, name, iban, if amount.is_some() { "EUR" } else { "" }, purpose, reference, text, information];
    let mut payload = String::with_capacity(14 + 20 + lines.iter().map(|l| l.len() + 1).sum::<usize>());
    payload.push_str("BCD\n");
    payload.push_str(version.as_str());
    payload.push('\n');
    payload.push_str(charset_digit(charset));
    payload.push('\n');
    payload.push_str(Epc::IDENTIFICATION);
    let mut breaks = 0;
    for (i, line) in lines.into_iter().enumerate() {
        breaks += 1;
        if line.is_empty() {
            continue;
        }
        (0..breaks).for_each(|_| payload.push('\n'));
        breaks = 0;
        match amount {
            Some(a) if i == 3 => write_amount(&mut payload, a),
            _ => payload.push_str(line),
        }
    }
    payload
}

/// `EUR` and the amount with two decimals (`EUR12.30`), written in place.
fn write_amount(out: &mut String, amount: Amount) {
    let (mut euros, cents) = (amount.cents() / 100, amount.cents() % 100);
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (euros % 10) as u8;
        euros /= 10;
        if euros == 0 {
            break;
        }
    }
    out.push_str("EUR");
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
    out.push('.');
    out.push(char::from(b'0' + (cents / 10) as u8));
    out.push(char::from(b'0' + (cents % 10) as u8));
}

fn charset_digit(c: Charset) -> &'static str {
    ["1", "2", "3", "4", "5", "6", "7", "8"].get(usize::from(c.number()) - 1).copied().unwrap_or("1")
}

/// How [`parse`] treats deviations from the standard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Mode {
    /// Refuse anything the standard does not allow or the builder would refuse.
    #[default]
    Strict,
    /// Accept what real-world codes get wrong when the meaning is clear, and report it.
    Lenient,
}

/// A deviation from the standard that lenient parsing accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Tolerated {
    /// What was tolerated: `trailing_newline`, `mixed_line_endings`, `extra_lines`, `bom`,
    /// `whitespace`, `version_format`, `charset_unknown`, `charset_mismatch`, `bic_format`,
    /// `bic_invalid`, `bic_missing`, `iban_format`, `amount_format`, `amount_zero`,
    /// `purpose_format`, `reference_format`, `reference_unrecognised`, `reference_checksum`,
    /// `reference_and_text`, `field_too_long`, `invalid_character`, `payload_too_long`.
    pub code: &'static str,
    /// The field it concerns (`iban`, `amount`, ..., or `payload`).
    pub field: Cow<'static, str>,
    /// What was found, in words.
    pub message: String,
}

/// The result of [`parse`]: the payment and what lenient parsing tolerated (empty in strict mode).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Parsed {
    /// The payment.
    pub epc: Epc,
    /// The deviations lenient parsing accepted, in payload order.
    pub tolerated: Vec<Tolerated>,
}

/// The countries of the European Economic Area (EU 27, Iceland, Liechtenstein, Norway), by the
/// country code their IBANs start with. Inside the EEA a version 002 payload may omit the BIC.
pub const EEA: [&str; 30] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LT",
    "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Whether IBANs of `country` are inside the EEA.
pub fn is_eea(country: &str) -> bool {
    EEA.contains(&country)
}

/// A parsed payload as every binding shows it (the result of `epc.parse`): the twelve lines by
/// name, `version` as `"001"`/`"002"`, `charset` as 1-8, `amount` as a decimal string with two
/// decimals, and what lenient parsing tolerated.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ParsedPayload {
    /// `"001"` or `"002"`.
    pub version: String,
    /// The character set, 1 (UTF-8) to 8.
    pub charset: u64,
    /// Always `SCT`.
    pub identification: String,
    /// The BIC, when the payload has one.
    pub bic: Option<String>,
    /// The beneficiary's name.
    pub name: String,
    /// The IBAN, electronic form.
    pub iban: String,
    /// The amount in euro with two decimals (`"12.30"`), or `null` when the payer types it.
    pub amount: Option<String>,
    /// The ISO 20022 purpose code.
    pub purpose: Option<String>,
    /// The structured reference (RF or Belgian OGM/VCS).
    pub reference: Option<String>,
    /// The unstructured text.
    pub text: Option<String>,
    /// The beneficiary to originator information.
    pub information: Option<String>,
    /// What lenient parsing accepted (empty in strict mode), in payload order.
    pub tolerated: Vec<Deviation>,
}

/// One deviation lenient parsing accepted.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Deviation {
    /// What was tolerated (see [`Tolerated::code`]).
    pub code: String,
    /// The field it concerns.
    pub field: String,
    /// What was found, in words.
    pub message: String,
}

impl From<&Parsed> for ParsedPayload {
    fn from(parsed: &Parsed) -> Self {
        let e = &parsed.epc;
        ParsedPayload {
            version: e.version.as_str().to_owned(),
            charset: u64::from(e.charset.number()),
            identification: Epc::IDENTIFICATION.to_owned(),
            bic: e.bic.clone(),
            name: e.name.clone(),
            iban: e.iban.clone(),
            amount: e.amount.map(|a| a.to_string()),
            purpose: e.purpose.clone(),
            reference: e.reference.clone(),
            text: e.text.clone(),
            information: e.information.clone(),
            tolerated: parsed
                .tolerated
                .iter()
                .map(|t| Deviation { code: t.code.to_owned(), field: t.field.to_string(), message: t.message.clone() })
                .collect(),
        }
    }
}
