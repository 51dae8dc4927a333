//! `epc.*`: EPC069-12 QR payloads (see [`crate::epc`] for every rule and why).

use super::inputs::Scalar;
use crate::epc::{self, Amount, Charset, EpcBuilder, Mode, ParsedPayload, RenderOptions, Version};
use crate::error::{Error, ValidationCode};
use crate::wire::{Bytes, TextOrBytes};

function! {
    /// Builds an EPC069-12 payload: the text of the "SEPA credit transfer" QR code a banking app
    /// reads to fill in a transfer. UTF-8 unless the payload only fits a single-byte charset;
    /// at most 331 bytes; amounts are decimal strings or integer cents, never floats.
    EpcBuild = "epc.build", provider: None, positional: [],
    EpcBuildArgs {
        /// The beneficiary's name (1 to 70 characters; `&`, `/`, accents are fine).
        name: String,
        /// The beneficiary's IBAN, print or electronic form.
        iban: String,
        /// The amount in euro as a decimal string (`"12.30"`): never a float.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        amount: Option<Scalar>,
        /// The amount in integer cents, instead of `amount`.
        #[serde(default, alias = "amountCents")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<i64>"))]
        amount_cents: Option<Scalar>,
        /// The beneficiary's BIC (required in version 001 and outside the EEA).
        #[serde(default)]
        bic: Option<String>,
        /// The ISO 20022 purpose code (4 letters, e.g. `CHAR`).
        #[serde(default)]
        purpose: Option<String>,
        /// A structured reference: ISO 11649 RF or a Belgian OGM/VCS (`+++090/9337/55493+++`).
        #[serde(default)]
        reference: Option<String>,
        /// Unstructured text (up to 140 characters), instead of a reference.
        #[serde(default)]
        text: Option<String>,
        /// Beneficiary to originator information (up to 70 characters).
        #[serde(default)]
        information: Option<String>,
        /// `"001"` or `"002"` (the default).
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        version: Option<Scalar>,
        /// The character set: 1 to 8 or its name (`"UTF-8"`, `"ISO-8859-15"`); automatic by default.
        #[serde(default)]
        #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::IntOrText>"))]
        charset: Option<Scalar>,
        /// Allow a payload without an amount (the payer types it).
        #[serde(default, alias = "allowNoAmount")]
        allow_no_amount: bool,
    } -> String = |a| build(a)
}

fn build(a: EpcBuildArgs) -> Result<String, Error> {
    let amount = match a.amount {
        None => None,
        Some(Scalar::Text(s)) => Some(Amount::parse(&s)?),
        Some(other) => {
            return Err(Error::validation(
                ValidationCode::EpcAmountType,
                "amount",
                format!(
                    "`amount` is a decimal string such as \"12.30\", not {}: floats cannot hold cents exactly; for whole cents use `amount_cents`",
                    other.kind()
                ),
            ))
        }
    };
    let amount_cents = match a.amount_cents {
        None => None,
        Some(Scalar::Int(c)) => Some(Amount::from_cents(c)?),
        Some(Scalar::UInt(_)) => Some(Amount::from_cents(i64::MAX)?),
        Some(other) => {
            return Err(Error::validation(
                ValidationCode::EpcAmountType,
                "amount_cents",
                format!("`amount_cents` is an integer number of cents, not {}", other.kind()),
            ))
        }
    };
    if amount.is_some() && amount_cents.is_some() {
        return Err(Error::validation(
            ValidationCode::EpcAmountConflict,
            "amount_cents",
            "give `amount` or `amount_cents`, not both",
        ));
    }
    let version = match &a.version {
        None => Version::V002,
        Some(Scalar::Text(s)) if s.len() == 3 => Version::from_str_lenient(s).ok_or_else(|| version_error(s))?,
        Some(Scalar::Int(1)) => Version::V001,
        Some(Scalar::Int(2)) => Version::V002,
        Some(Scalar::Text(s)) => return Err(version_error(s)),
        Some(other) => return Err(version_error(other.kind())),
    };
    let charset = match &a.charset {
        None => None,
        Some(Scalar::Int(n)) => {
            Some(u64::try_from(*n).ok().and_then(Charset::from_number).ok_or_else(|| charset_error(&n.to_string()))?)
        }
        Some(Scalar::Text(s)) => Some(Charset::from_name(s).ok_or_else(|| charset_error(s))?),
        Some(other) => return Err(charset_error(other.kind())),
    };
    EpcBuilder {
        name: a.name,
        iban: a.iban,
        amount: amount.or(amount_cents),
        bic: a.bic,
        purpose: a.purpose,
        reference: a.reference,
        text: a.text,
        information: a.information,
        version,
        charset,
        allow_no_amount: a.allow_no_amount,
    }
    .build()
}

fn version_error(got: &str) -> Error {
    Error::validation(ValidationCode::EpcVersion, "version", format!("the version is \"001\" or \"002\", not {got}"))
}

fn charset_error(got: &str) -> Error {
    Error::validation(
        ValidationCode::EpcCharset,
        "charset",
        format!("the charset is 1 to 8 or its name (UTF-8, ISO-8859-1, -2, -4, -5, -7, -10, -15), not {got}"),
    )
}

function! {
    /// Reads an EPC069-12 payload (the text or the bytes a QR code holds). Strict by default;
    /// lenient mode accepts what real-world codes get wrong when the meaning is clear, and lists
    /// it in `tolerated`.
    EpcParse = "epc.parse", provider: None, positional: ["payload"],
    EpcParseArgs {
        /// The payload: text, or the bytes decoded from the QR code.
        payload: TextOrBytes,
        /// Refuse every deviation from the standard (`true`, the default), or tolerate and report.
        #[serde(default = "yes")]
        strict: bool,
    } -> ParsedPayload = |a| {
        let mode = if a.strict { Mode::Strict } else { Mode::Lenient };
        let parsed = if a.payload.was_text {
            let text = String::from_utf8(a.payload.bytes).unwrap_or_else(|_| unreachable!("text is UTF-8"));
            epc::parse(&text, mode)?
        } else {
            epc::parse_bytes(&a.payload.bytes, mode)?
        };
        Ok(ParsedPayload::from(&parsed))
    }
}

fn yes() -> bool {
    true
}

fn four() -> Scalar {
    Scalar::Int(4)
}

function! {
    /// Renders a payload as an SVG QR code (error correction M, the smallest version up to 13,
    /// a quiet zone of `border` modules).
    EpcSvg = "epc.svg", provider: None, positional: ["payload"],
    EpcSvgArgs {
        /// The payload (`epc.build`'s result).
        payload: String,
        /// The size of one module in pixels (4 by default).
        #[serde(default = "four", alias = "modulePx")]
        #[cfg_attr(feature = "schema", schemars(with = "u32"))]
        module_px: Scalar,
        /// The quiet zone around the code, in modules (4 by default, the least the standard allows).
        #[serde(default = "four")]
        #[cfg_attr(feature = "schema", schemars(with = "u32"))]
        border: Scalar,
    } -> String = |a| epc::svg(&a.payload, &render_options(&a.module_px, &a.border)?)
}

function! {
    /// Renders a payload as a PNG QR code (bytes; error correction M, the smallest version up to
    /// 13, a quiet zone of `border` modules).
    EpcPng = "epc.png", provider: None, positional: ["payload"],
    EpcPngArgs {
        /// The payload (`epc.build`'s result).
        payload: String,
        /// The size of one module in pixels (4 by default).
        #[serde(default = "four", alias = "modulePx")]
        #[cfg_attr(feature = "schema", schemars(with = "u32"))]
        module_px: Scalar,
        /// The quiet zone around the code, in modules (4 by default, the least the standard allows).
        #[serde(default = "four")]
        #[cfg_attr(feature = "schema", schemars(with = "u32"))]
        border: Scalar,
    } -> Bytes = |a| epc::png(&a.payload, &render_options(&a.module_px, &a.border)?).map(Bytes)
}

function! {
    /// Renders a payload as a QR code for a terminal: Unicode half blocks, two rows of modules a
    /// line, a quiet zone of `border` modules. The blocks are the dark modules; `invert` makes
    /// them the light ones, for a terminal with a dark background.
    EpcText = "epc.text", provider: None, positional: ["payload"],
    EpcTextArgs {
        /// The payload (`epc.build`'s result).
        payload: String,
        /// The quiet zone around the code, in modules (4 by default, the least the standard allows).
        #[serde(default = "four")]
        #[cfg_attr(feature = "schema", schemars(with = "u32"))]
        border: Scalar,
        /// Draw the light modules instead of the dark ones (`false` by default).
        #[serde(default)]
        invert: bool,
    } -> String = |a| epc::text(&a.payload, small(&a.border, "border", ValidationCode::QrBorder)?, a.invert)
}

fn small(value: &Scalar, name: &'static str, code: ValidationCode) -> Result<u32, Error> {
    match value {
        Scalar::Int(n) => u32::try_from(*n)
            .map_err(|_| Error::validation(code, name, format!("`{name}` is a small positive integer, not {n}"))),
        other => Err(Error::validation(
            ValidationCode::InvalidParams,
            name,
            format!("`{name}` must be an integer, not {}", other.kind()),
        )),
    }
}

fn render_options(module_px: &Scalar, border: &Scalar) -> Result<RenderOptions, Error> {
    Ok(RenderOptions::new(
        small(module_px, "module_px", ValidationCode::QrModulePx)?,
        small(border, "border", ValidationCode::QrBorder)?,
    ))
}
