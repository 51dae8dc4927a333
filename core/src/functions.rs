//! One generic entry point for kassa's pure functions (EPC payloads and payment identifiers), so
//! that every binding exposes all of them through a single call with JSON-like values.
//!
//! [`call`]`("iban.validate", &[json!("BE68 5390 0754 7034")], &Map::new())` returns
//! `Output::Json("BE68539007547034")`. The names are the Python names (`kassa.iban.validate`);
//! keyword arguments use the Python parameter names, and their camelCase forms are accepted too
//! (`amount_cents` / `amountCents`), for the JS bindings. A `null` argument counts as absent
//! (Python `None`, JS `undefined`/`null`).
//!
//! | name | positional | keyword-only | result |
//! |---|---|---|---|
//! | `epc.build` | | `name`, `iban`, `amount`, `amount_cents`, `bic`, `purpose`, `reference`, `text`, `information`, `version` (`"002"`), `charset`, `allow_no_amount` (`false`) | string |
//! | `epc.parse` | `payload` (string, or bytes as an array of 0-255) | `strict` (`true`) | object |
//! | `epc.svg` | `payload` | `module_px` (4), `border` (4) | string |
//! | `epc.png` | `payload` | `module_px` (4), `border` (4) | bytes ([`Output::Bytes`]) |
//! | `ogm.validate` | `s` | | `+++123/4567/89002+++` |
//! | `ogm.generate` | `base` (integer or digit string) | | `+++...+++` |
//! | `rf.validate`, `rf.format` | `s` | | string |
//! | `rf.generate` | `ref` | | string |
//! | `iban.validate`, `iban.format`, `bic.validate` | `s` | | string |
//! | `be.enterprise_number`, `be.vat_number` | `s` | | string |
//! | `peppol.validate` | `s` | | string |
//! | `peppol.be_participant_ids` | `enterprise_number` | | array of 2 strings |
//!
//! `epc.build`'s `amount` is a decimal string (`"12.30"`); a JSON number there is refused with
//! `epc_amount_type` (a float cannot hold 0.30 exactly, and an integer would be ambiguous between
//! euros and cents: use `amount_cents`). `amount_cents` is an integer. `version` is `"001"`,
//! `"002"`, `1` or `2`; `charset` a number 1 to 8 or a name (`"UTF-8"`, `"ISO-8859-15"`).
//!
//! `epc.parse` returns `{version, charset, identification, bic, name, iban, amount, purpose,
//! reference, text, information, tolerated}`: `version` as `"001"`/`"002"`, `charset` as 1-8,
//! `amount` as a decimal string with two decimals or `null`, `tolerated` as a list of
//! `{code, field, message}` (empty in strict mode).
//!
//! Wrong argument shapes (unknown keyword, missing argument, a number where a string belongs) are
//! `invalid_params` errors naming the argument; an unknown function is `unknown_function`.

use serde_json::{json, Map, Value};

use crate::epc::{self, Amount, Charset, EpcBuilder, Mode, Parsed, RenderOptions, Version};
use crate::error::{Error, ValidationCode};
use crate::ident;

mod flow;

/// Every function [`call`] knows.
pub const NAMES: &[&str] = &[
    "epc.build",
    "epc.parse",
    "epc.svg",
    "epc.png",
    "ogm.validate",
    "ogm.generate",
    "rf.validate",
    "rf.format",
    "rf.generate",
    "iban.validate",
    "iban.format",
    "bic.validate",
    "be.enterprise_number",
    "be.vat_number",
    "peppol.validate",
    "peppol.be_participant_ids",
    "billit.parse_callback",
    "billit.verify_webhook",
    "solaris.verify_webhook",
    "identity.start_operation",
    "identity.started",
    "identity.poll_operation",
    "identity.poll_evidence",
    "identity.finish",
    "digiteal.pay_buttons.image_url",
    "digiteal.pay_buttons.execute_url",
    "digiteal.pay_buttons.b2b_image_url",
    "digiteal.pay_buttons.b2b_execute_url",
    "digiteal.links.company_registration",
    "digiteal.links.person_registration",
    "digiteal.links.qr_generator",
];

/// What a function returns.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Output {
    /// A JSON value (string, object, array).
    Json(Value),
    /// Bytes (`epc.png`): Python `bytes`, JS `Uint8Array`.
    Bytes(Vec<u8>),
}

impl Output {
    /// The JSON value, or bytes as an array of numbers.
    pub fn into_json(self) -> Value {
        match self {
            Output::Json(v) => v,
            Output::Bytes(b) => Value::Array(b.into_iter().map(Value::from).collect()),
        }
    }
}

/// A parameter: Python name, camelCase alias, whether it may be given positionally.
struct Param(&'static str, &'static str, bool);

const S: &[Param] = &[Param("s", "s", true)];
const BUILD: &[Param] = &[
    Param("name", "name", false),
    Param("iban", "iban", false),
    Param("amount", "amount", false),
    Param("amount_cents", "amountCents", false),
    Param("bic", "bic", false),
    Param("purpose", "purpose", false),
    Param("reference", "reference", false),
    Param("text", "text", false),
    Param("information", "information", false),
    Param("version", "version", false),
    Param("charset", "charset", false),
    Param("allow_no_amount", "allowNoAmount", false),
];
const PARSE: &[Param] = &[Param("payload", "payload", true), Param("strict", "strict", false)];
const RENDER: &[Param] =
    &[Param("payload", "payload", true), Param("module_px", "modulePx", false), Param("border", "border", false)];

/// The bound arguments of one call.
struct Bound<'a> {
    values: Vec<(&'static str, &'a Value)>,
}

impl<'a> Bound<'a> {
    fn get(&self, name: &str) -> Option<&'a Value> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn str(&self, name: &'static str) -> Result<Option<&'a str>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(type_error(name, "a string", other)),
        }
    }

    fn required_str(&self, name: &'static str) -> Result<&'a str, Error> {
        self.str(name)?.ok_or_else(|| Error::validation(ValidationCode::InvalidParams, name, format!("missing argument `{name}`")))
    }

    fn bool(&self, name: &'static str, default: bool) -> Result<bool, Error> {
        match self.get(name) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(type_error(name, "true or false", other)),
        }
    }

    fn u64(&self, name: &'static str) -> Result<Option<u64>, Error> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => {
                n.as_u64().map(Some).ok_or_else(|| type_error(name, "a whole number of seconds", &Value::Number(n.clone())))
            }
            Some(other) => Err(type_error(name, "an integer", other)),
        }
    }

    fn u32(&self, name: &'static str, default: u32, code: ValidationCode) -> Result<u32, Error> {
        match self.get(name) {
            None => Ok(default),
            Some(Value::Number(n)) => n
                .as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| Error::validation(code, name, format!("`{name}` is a small positive integer, not {n}"))),
            Some(other) => Err(type_error(name, "an integer", other)),
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a float",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn type_error(name: &'static str, expected: &str, got: &Value) -> Error {
    Error::validation(ValidationCode::InvalidParams, name, format!("`{name}` must be {expected}, not {}", kind(got)))
}

fn bind<'a>(
    function: &str,
    params: &[Param],
    args: &'a [Value],
    kwargs: &'a Map<String, Value>,
) -> Result<Bound<'a>, Error> {
    let positional = params.iter().take_while(|p| p.2).count();
    if args.len() > positional {
        return Err(Error::validation(
            ValidationCode::InvalidParams,
            "args",
            format!("{function} takes {positional} positional argument(s), {} given", args.len()),
        ));
    }
    let mut values: Vec<(&'static str, &'a Value)> = Vec::new();
    for (p, v) in params.iter().zip(args) {
        if !v.is_null() {
            values.push((p.0, v));
        }
    }
    for (key, v) in kwargs {
        let Some(p) = params.iter().find(|p| p.0 == key || p.1 == key) else {
            return Err(Error::validation(
                ValidationCode::InvalidParams,
                key.clone(),
                format!("{function} has no argument `{key}`"),
            ));
        };
        // A null positional argument counts as absent, so the keyword may give it.
        let positional_too =
            params.iter().position(|q| q.0 == p.0).is_some_and(|i| args.get(i).is_some_and(|a| !a.is_null()));
        if positional_too || values.iter().any(|(n, _)| *n == p.0) {
            return Err(Error::validation(ValidationCode::InvalidParams, p.0, format!("`{}` is given twice", p.0)));
        }
        if !v.is_null() {
            values.push((p.0, v));
        }
    }
    Ok(Bound { values })
}

/// Calls the function `name` with positional `args` and keyword `kwargs`.
pub fn call(name: &str, args: &[Value], kwargs: &Map<String, Value>) -> Result<Output, Error> {
    let string = |s: String| Ok(Output::Json(Value::String(s)));
    match name {
        "epc.build" => epc_build(&bind(name, BUILD, args, kwargs)?).and_then(string),
        "epc.parse" => epc_parse(&bind(name, PARSE, args, kwargs)?).map(Output::Json),
        "epc.svg" => {
            let (payload, options) = render_args(&bind(name, RENDER, args, kwargs)?)?;
            epc::svg(payload, &options).and_then(string)
        }
        "epc.png" => {
            let (payload, options) = render_args(&bind(name, RENDER, args, kwargs)?)?;
            epc::png(payload, &options).map(Output::Bytes)
        }
        "ogm.generate" => {
            let b = bind(name, &[Param("base", "base", true)], args, kwargs)?;
            match b.get("base") {
                Some(Value::Number(n)) => match n.as_u64() {
                    Some(base) => ident::ogm::generate(base),
                    None => {
                        Err(Error::validation(ValidationCode::OgmBase, "base", "the base is a whole number of at most 10 digits"))
                    }
                },
                Some(Value::String(s)) => ident::ogm::generate_str(s),
                Some(other) => Err(type_error("base", "an integer or a string of digits", other)),
                None => Err(Error::validation(ValidationCode::InvalidParams, "base", "missing argument `base`")),
            }
            .and_then(string)
        }
        "rf.generate" => {
            let b = bind(name, &[Param("ref", "ref", true)], args, kwargs)?;
            ident::rf::generate(b.required_str("ref")?).and_then(string)
        }
        "peppol.be_participant_ids" => {
            let b = bind(name, &[Param("enterprise_number", "enterpriseNumber", true)], args, kwargs)?;
            let ids = ident::peppol::be_participant_ids(b.required_str("enterprise_number")?)?;
            Ok(Output::Json(json!(ids)))
        }
        _ => {
            let f: fn(&str) -> Result<String, Error> = match name {
                "ogm.validate" => ident::ogm::validate,
                "rf.validate" => ident::rf::validate,
                "rf.format" => ident::rf::format,
                "iban.validate" => ident::iban::validate,
                "iban.format" => ident::iban::format,
                "bic.validate" => ident::bic::validate,
                "be.enterprise_number" => ident::be::enterprise_number,
                "be.vat_number" => ident::be::vat_number,
                "peppol.validate" => ident::peppol::validate,
                _ => {
                    if let Some(result) = flow::call(name, args, kwargs) {
                        return result;
                    }
                    if let Some(result) = crate::providers::digiteal::links::call(name, args, kwargs) {
                        return result.map(Output::Json);
                    }
                    return Err(Error::validation(
                        ValidationCode::UnknownFunction,
                        "fn",
                        format!("`{name}` is not a kassa function (see kassa::functions::NAMES)"),
                    ))
                }
            };
            let b = bind(name, S, args, kwargs)?;
            f(b.required_str("s")?).and_then(string)
        }
    }
}

/// [`call`] with `args` as a JSON array (or `null`) and `kwargs` as a JSON object (or `null`).
pub fn call_value(name: &str, args: &Value, kwargs: &Value) -> Result<Output, Error> {
    let empty_args = Vec::new();
    let empty_kwargs = Map::new();
    let args = match args {
        Value::Null => &empty_args,
        Value::Array(a) => a,
        other => return Err(type_error("args", "an array", other)),
    };
    let kwargs = match kwargs {
        Value::Null => &empty_kwargs,
        Value::Object(o) => o,
        other => return Err(type_error("kwargs", "an object", other)),
    };
    call(name, args, kwargs)
}

fn epc_build(b: &Bound<'_>) -> Result<String, Error> {
    let amount = match b.get("amount") {
        None => None,
        Some(Value::String(s)) => Some(Amount::parse(s)?),
        Some(other) => {
            return Err(Error::validation(
                ValidationCode::EpcAmountType,
                "amount",
                format!(
                    "`amount` is a decimal string such as \"12.30\", not {}: floats cannot hold cents exactly; for whole cents use `amount_cents`",
                    kind(other)
                ),
            ))
        }
    };
    let amount_cents = match b.get("amount_cents") {
        None => None,
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some(Amount::from_cents(n.as_i64().unwrap_or(i64::MAX))?),
        Some(other) => {
            return Err(Error::validation(
                ValidationCode::EpcAmountType,
                "amount_cents",
                format!("`amount_cents` is an integer number of cents, not {}", kind(other)),
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
    let version = match b.get("version") {
        None => Version::V002,
        Some(Value::String(s)) if s.len() == 3 => Version::from_str_lenient(s).ok_or_else(|| version_error(s))?,
        Some(Value::Number(n)) if n.as_u64() == Some(1) => Version::V001,
        Some(Value::Number(n)) if n.as_u64() == Some(2) => Version::V002,
        Some(other) => return Err(version_error(&other.to_string())),
    };
    let charset = match b.get("charset") {
        None => None,
        Some(Value::Number(n)) => {
            Some(n.as_u64().and_then(Charset::from_number).ok_or_else(|| charset_error(&n.to_string()))?)
        }
        Some(Value::String(s)) => Some(Charset::from_name(s).ok_or_else(|| charset_error(s))?),
        Some(other) => return Err(charset_error(&other.to_string())),
    };
    let owned = |name: &'static str| b.str(name).map(|o| o.map(str::to_owned));
    EpcBuilder {
        name: b.str("name")?.unwrap_or("").to_owned(),
        iban: b.str("iban")?.unwrap_or("").to_owned(),
        amount: amount.or(amount_cents),
        bic: owned("bic")?,
        purpose: owned("purpose")?,
        reference: owned("reference")?,
        text: owned("text")?,
        information: owned("information")?,
        version,
        charset,
        allow_no_amount: b.bool("allow_no_amount", false)?,
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

fn epc_parse(b: &Bound<'_>) -> Result<Value, Error> {
    let mode = if b.bool("strict", true)? { Mode::Strict } else { Mode::Lenient };
    let parsed = match b.get("payload") {
        Some(Value::String(s)) => epc::parse(s, mode)?,
        Some(Value::Array(items)) => {
            let bytes: Option<Vec<u8>> = items.iter().map(|v| v.as_u64().and_then(|n| u8::try_from(n).ok())).collect();
            let bytes = bytes.ok_or_else(|| type_error("payload", "a string or bytes", &Value::Array(vec![])))?;
            epc::parse_bytes(&bytes, mode)?
        }
        Some(other) => return Err(type_error("payload", "a string or bytes", other)),
        None => return Err(Error::validation(ValidationCode::InvalidParams, "payload", "missing argument `payload`")),
    };
    Ok(parsed_to_json(&parsed))
}

/// The JSON form of a parsed payload (the `epc.parse` result).
pub fn parsed_to_json(parsed: &Parsed) -> Value {
    let e = &parsed.epc;
    json!({
        "version": e.version.as_str(),
        "charset": e.charset.number(),
        "identification": epc::Epc::IDENTIFICATION,
        "bic": e.bic,
        "name": e.name,
        "iban": e.iban,
        "amount": e.amount.map(|a| a.to_string()),
        "purpose": e.purpose,
        "reference": e.reference,
        "text": e.text,
        "information": e.information,
        "tolerated": parsed.tolerated.iter().map(|t| json!({"code": t.code, "field": t.field, "message": t.message})).collect::<Vec<_>>(),
    })
}

fn render_args<'a>(b: &Bound<'a>) -> Result<(&'a str, RenderOptions), Error> {
    let payload = b.required_str("payload")?;
    let options = RenderOptions::new(b.u32("module_px", 4, ValidationCode::QrModulePx)?, b.u32("border", 4, ValidationCode::QrBorder)?);
    Ok((payload, options))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kw(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn dispatch() {
        assert_eq!(
            call("iban.validate", &[json!("be68 5390 0754 7034")], &Map::new()).unwrap(),
            Output::Json(json!("BE68539007547034"))
        );
        assert_eq!(
            call("iban.validate", &[], &kw(json!({"s": "BE68539007547034"}))).unwrap().into_json(),
            json!("BE68539007547034")
        );
        assert_eq!(
            call("ogm.generate", &[json!(1234567890)], &Map::new()).unwrap().into_json(),
            json!("+++123/4567/89002+++")
        );
        let build = call(
            "epc.build",
            &[],
            &kw(json!({"name": "A", "iban": "BE68539007547034", "amountCents": 1230, "allow_no_amount": null})),
        )
        .unwrap();
        assert_eq!(build.into_json(), json!("BCD\n002\n1\nSCT\n\nA\nBE68539007547034\nEUR12.30"));
        for n in NAMES {
            // Every name dispatches (argument errors, not unknown_function).
            let e = call(n, &[], &Map::new());
            assert!(e.as_ref().map_or_else(|e| e.code() != "unknown_function", |_| true), "{n}: {e:?}");
        }
    }

    #[test]
    fn argument_errors() {
        let code =
            |name: &str, args: Vec<Value>, kwargs: Value| call(name, &args, &kw(kwargs)).unwrap_err().code().to_owned();
        assert_eq!(code("nope", vec![], json!({})), "unknown_function");
        assert_eq!(code("iban.validate", vec![json!(1)], json!({})), "invalid_params");
        assert_eq!(code("iban.validate", vec![json!("x"), json!("y")], json!({})), "invalid_params");
        assert_eq!(code("iban.validate", vec![json!("x")], json!({"s": "y"})), "invalid_params");
        assert_eq!(code("epc.build", vec![], json!({"nam": "A"})), "invalid_params");
        assert_eq!(code("epc.build", vec![json!("A")], json!({})), "invalid_params");
        assert_eq!(
            code("epc.build", vec![], json!({"name": "A", "iban": "BE68539007547034", "amount": 12.3})),
            "epc_amount_type"
        );
        assert_eq!(
            code("epc.build", vec![], json!({"name": "A", "iban": "BE68539007547034", "amount_cents": 12.5})),
            "epc_amount_type"
        );
        assert_eq!(
            code(
                "epc.build",
                vec![],
                json!({"name": "A", "iban": "BE68539007547034", "amount": "1", "amount_cents": 100})
            ),
            "epc_amount_conflict"
        );
        assert_eq!(
            code("epc.build", vec![], json!({"name": "A", "iban": "BE68539007547034", "amount": "1", "version": "3"})),
            "epc_version"
        );
        assert_eq!(
            code("epc.build", vec![], json!({"name": "A", "iban": "BE68539007547034", "amount": "1", "charset": 9})),
            "epc_charset"
        );
        assert_eq!(code("epc.svg", vec![json!("x")], json!({"module_px": -1})), "qr_module_px");
        assert_eq!(code("ogm.generate", vec![json!(-1)], json!({})), "ogm_base");
    }
}
