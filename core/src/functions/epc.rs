//! `epc.*`: EPC069-12 QR payloads (see [`crate::epc`] for every rule and why).

use super::inputs::{Loose, Scalar};
use crate::epc::{self, Amount, Charset, EpcFields, Mode, ParsedPayload, RenderOptions, Version};
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
    } -> String = |a| build(a), keywords: build_keywords
}

fn build(a: EpcBuildArgs) -> Result<String, Error> {
    build_given(Given {
        name: &a.name,
        iban: &a.iban,
        amount: a.amount.as_ref().map(Scalar::loose),
        amount_cents: a.amount_cents.as_ref().map(Scalar::loose),
        bic: a.bic.as_deref(),
        purpose: a.purpose.as_deref(),
        reference: a.reference.as_deref(),
        text: a.text.as_deref(),
        information: a.information.as_deref(),
        version: a.version.as_ref().map(Scalar::loose),
        charset: a.charset.as_ref().map(Scalar::loose),
        allow_no_amount: a.allow_no_amount,
    })
}

/// The arguments of `epc.build`, borrowed: from [`EpcBuildArgs`] or from the keyword form.
#[derive(Default)]
struct Given<'a> {
    name: &'a str,
    iban: &'a str,
    amount: Option<Loose<'a>>,
    amount_cents: Option<Loose<'a>>,
    bic: Option<&'a str>,
    purpose: Option<&'a str>,
    reference: Option<&'a str>,
    text: Option<&'a str>,
    information: Option<&'a str>,
    version: Option<Loose<'a>>,
    charset: Option<Loose<'a>>,
    allow_no_amount: bool,
}

/// `epc.build`'s keyword form ([`Function::KEYWORDS`](super::Function::KEYWORDS)): the names
/// and aliases [`EpcBuildArgs`] reads, each value of the type it reads; anything else (an
/// unknown or repeated name, a value `EpcBuildArgs` would refuse, a missing `name` or `iban`)
/// takes the general path.
fn build_keywords(keywords: &[(&str, Option<Loose<'_>>)]) -> Option<Result<String, Error>> {
    let mut given = Given::default();
    let (mut name, mut iban, mut seen) = (None, None, 0u16);
    for &(key, value) in keywords {
        // An absent value is left out whatever its name (as `Arguments::bind` does).
        let Some(value) = value else { continue };
        let slot = match key {
            "name" => 0,
            "iban" => 1,
            "amount" => 2,
            "amount_cents" | "amountCents" => 3,
            "bic" => 4,
            "purpose" => 5,
            "reference" => 6,
            "text" => 7,
            "information" => 8,
            "version" => 9,
            "charset" => 10,
            "allow_no_amount" | "allowNoAmount" => 11,
            _ => return None,
        };
        if seen & (1 << slot) != 0 {
            return None;
        }
        seen |= 1 << slot;
        match (slot, value) {
            (0, Loose::Text(s)) => name = Some(s),
            (1, Loose::Text(s)) => iban = Some(s),
            (2, v) => given.amount = Some(v),
            (3, v) => given.amount_cents = Some(v),
            (4, Loose::Text(s)) => given.bic = Some(s),
            (5, Loose::Text(s)) => given.purpose = Some(s),
            (6, Loose::Text(s)) => given.reference = Some(s),
            (7, Loose::Text(s)) => given.text = Some(s),
            (8, Loose::Text(s)) => given.information = Some(s),
            (9, v) => given.version = Some(v),
            (10, v) => given.charset = Some(v),
            (11, Loose::Bool(b)) => given.allow_no_amount = b,
            _ => return None,
        }
    }
    given.name = name?;
    given.iban = iban?;
    Some(build_given(given))
}

fn build_given(a: Given<'_>) -> Result<String, Error> {
    let amount = match a.amount {
        None => None,
        Some(Loose::Text(s)) => Some(Amount::parse(s)?),
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
        Some(Loose::Int(c)) => Some(Amount::from_cents(c)?),
        Some(Loose::UInt(_)) => Some(Amount::from_cents(i64::MAX)?),
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
    let version = match a.version {
        None => Version::V002,
        Some(Loose::Text(s)) if s.len() == 3 => Version::from_str_lenient(s).ok_or_else(|| version_error(s))?,
        Some(Loose::Int(1)) => Version::V001,
        Some(Loose::Int(2)) => Version::V002,
        Some(Loose::Text(s)) => return Err(version_error(s)),
        Some(other) => return Err(version_error(other.kind())),
    };
    let charset = match a.charset {
        None => None,
        Some(Loose::Int(n)) => {
            Some(u64::try_from(n).ok().and_then(Charset::from_number).ok_or_else(|| charset_error(&n.to_string()))?)
        }
        Some(Loose::Text(s)) => Some(Charset::from_name(s).ok_or_else(|| charset_error(s))?),
        Some(other) => return Err(charset_error(other.kind())),
    };
    EpcFields {
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

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    use super::*;
    use crate::functions::{call_json, Function};

    /// The keyword form of JSON keyword arguments, as a binding hands it over.
    fn loose(kwargs: &Map<String, Value>) -> Option<Vec<(&str, Option<Loose<'_>>)>> {
        kwargs
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    Value::Null => None,
                    Value::String(s) => Some(Loose::Text(s)),
                    Value::Bool(b) => Some(Loose::Bool(*b)),
                    Value::Number(n) => Some(n.as_i64().map_or_else(|| Loose::Float(n.as_f64().unwrap_or(0.0)), Loose::Int)),
                    _ => return None,
                };
                Some((k.as_str(), value))
            })
            .collect()
    }

    #[test]
    fn the_keyword_form_is_the_call_through_args() {
        // `Function::KEYWORDS` is a second way into `epc.build`: when it answers, it must answer
        // exactly what the call through `Args` answers (payload, or error code, field, message).
        let fixtures: Value = serde_json::from_str(include_str!("../../../tests/fixtures/functions/epc.json")).unwrap();
        let mut samples: Vec<Map<String, Value>> = fixtures["cases"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["fn"] == "epc.build" && c["args"].as_array().is_none_or(Vec::is_empty))
            .map(|c| c["kwargs"].as_object().cloned().unwrap_or_default())
            .collect();
        let base = json!({"name": "Red Cross", "iban": "BE72 0000 0000 1616", "amount": "12.30"});
        for (key, value) in [
            ("amount", json!("1,234.50")),
            ("amount", json!(12.3)),
            ("amount", json!(12)),
            ("amount_cents", json!(1230)),
            ("amountCents", json!(-1)),
            ("amount_cents", json!(true)),
            ("bic", json!("gkcc be bb")),
            ("bic", json!("GKCC")),
            ("bic", json!(1)),
            ("purpose", json!("char")),
            ("purpose", json!("CHA")),
            ("reference", json!("rf18 5390 0754 7034")),
            ("reference", json!("+++123/4567/89002+++")),
            ("reference", json!("Rf18539007547035")),
            ("reference", json!("invoice 12")),
            ("reference", json!("RÉF")),
            ("reference", json!("  ")),
            ("text", json!("Réf. 12 😀")),
            ("text", json!("a\nb")),
            ("information", json!("x".repeat(71))),
            ("version", json!("001")),
            ("version", json!(1)),
            ("version", json!("3")),
            ("charset", json!(2)),
            ("charset", json!("ISO-8859-15")),
            ("charset", json!("latin")),
            ("allow_no_amount", json!(true)),
            ("allowNoAmount", json!(1)),
            ("iban", json!("BE72\u{a0}0000 0000 1616")),
            ("iban", json!("be72000000001617")),
            ("iban", json!("CH9300762011623852957")),
            ("name", json!("")),
            ("name", json!(7)),
            ("nam", json!("x")),
            ("unknown", Value::Null),
            ("text", json!("é".repeat(140))),
        ] {
            let mut kwargs = base.as_object().cloned().unwrap();
            kwargs.insert(key.to_owned(), value);
            samples.push(kwargs);
        }
        let mut no_amount = base.as_object().cloned().unwrap();
        no_amount.remove("amount");
        samples.push(no_amount.clone());
        no_amount.insert("information".into(), json!("é".repeat(70)));
        no_amount.insert("text".into(), json!("é".repeat(140)));
        no_amount.insert("allow_no_amount".into(), json!(true));
        samples.push(no_amount.clone());
        no_amount.insert("charset".into(), json!(1));
        samples.push(no_amount);

        let mut answered = 0;
        for kwargs in &samples {
            let Some(pairs) = loose(kwargs) else { continue };
            let Some(fast) = (EpcBuild::KEYWORDS.unwrap())(&pairs) else { continue };
            answered += 1;
            let through_args = call_json("epc.build", &[], kwargs).map(|v| v.as_str().unwrap().to_owned());
            match (&fast, &through_args) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{kwargs:?}"),
                (Err(a), Err(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{kwargs:?}"),
                _ => panic!("{kwargs:?}: {fast:?} vs {through_args:?}"),
            }
        }
        assert!(answered > 60, "the keyword form answers the common calls ({answered} of {})", samples.len());

        // What it leaves to the general path: unknown, repeated or mistyped arguments, a missing name.
        let none = |pairs: &[(&str, Option<Loose<'_>>)]| (EpcBuild::KEYWORDS.unwrap())(pairs).is_none();
        let (name, iban) = (("name", Some(Loose::Text("A"))), ("iban", Some(Loose::Text("BE72000000001616"))));
        assert!(none(&[name, iban, ("nam", Some(Loose::Text("x")))]));
        assert!(none(&[name, iban, ("amount_cents", Some(Loose::Int(1))), ("amountCents", Some(Loose::Int(1)))]));
        assert!(none(&[name, iban, ("bic", Some(Loose::Int(1)))]));
        assert!(none(&[iban]));
        assert!(!none(&[name, iban, ("nam", None), ("allow_no_amount", Some(Loose::Bool(true)))]));
    }
}
