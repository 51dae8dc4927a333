//! The pure functions of the identity providers and the identification flow, for
//! [`call`](super::call):
//!
//! | name | positional | keyword-only | result |
//! |---|---|---|---|
//! | `billit.parse_callback` | `url` | | `{registration_id, success}` |
//! | `billit.verify_webhook` | `body`, `signature`, `secret` | `now` (required), `tolerance` (300) | the body's JSON |
//! | `solaris.verify_webhook` | `body`, `signature`, `secret` | | `{event: "IDENTIFICATION" \| "UNKNOWN", data}` |
//! | `identity.start_operation` | `provider`, `params` | | `{operation, params}` |
//! | `identity.started` | `provider`, `params`, `response` | `now` | `{provider, url, token, expires_at, reference}` |
//! | `identity.poll_operation` | `reference` | | `{operation, params}` or `null` (Billit) |
//! | `identity.poll_evidence` | `reference`, `response` | | evidence for `identity.finish` |
//! | `identity.finish` | `reference`, `evidence` | `now` | `{status, reason, provider_status, reference}` |
//!
//! `body` and `secret` are strings (UTF-8) or bytes (an array of 0-255): the signature covers the
//! raw bytes. `response` is `{status, headers, body}` with `headers` as `[name, value]` pairs or an
//! object, `body` a string or bytes. `params` of `identity.*` are `{subject, return_url, method}`.

use serde_json::{json, Map, Value};

use super::{bind, type_error, Bound, Output, Param};
use crate::error::{Error, ValidationCode};
use crate::http::{Headers, HttpResponse};
use crate::identity::{self, Evidence, StartParams};
use crate::operation::{JsonSink, Sink as _};
use crate::providers::{billit, solaris};

const SIGNED: &[Param] = &[
    Param("body", "body", true),
    Param("signature", "signature", true),
    Param("secret", "secret", true),
    Param("now", "now", false),
    Param("tolerance", "tolerance", false),
];

/// Calls `name`, or `None` when it is not one of this module's functions.
pub(super) fn call(name: &str, args: &[Value], kwargs: &Map<String, Value>) -> Option<Result<Output, Error>> {
    let result = match name {
        "billit.parse_callback" => (|| {
            let b = bind(name, &[Param("url", "url", true)], args, kwargs)?;
            JsonSink.emit(&billit::parse_callback(b.required_str("url")?)?)
        })(),
        "billit.verify_webhook" => (|| {
            let b = bind(name, SIGNED, args, kwargs)?;
            let now = b.u64("now")?.ok_or_else(|| {
                Error::validation(ValidationCode::InvalidParams, "now", "missing argument `now` (Unix seconds): the core reads no clock")
            })?;
            let tolerance = b.u64("tolerance")?.unwrap_or(billit::DEFAULT_TOLERANCE_SECS);
            billit::verify_webhook(&bytes(&b, "body")?, b.required_str("signature")?, &bytes(&b, "secret")?, now, tolerance)
        })(),
        "solaris.verify_webhook" => (|| {
            let b = bind(name, &SIGNED[..3], args, kwargs)?;
            JsonSink.emit(&solaris::verify_webhook(&bytes(&b, "body")?, b.required_str("signature")?, &bytes(&b, "secret")?)?)
        })(),
        "identity.start_operation" => (|| {
            let b = bind(name, &[Param("provider", "provider", true), Param("params", "params", true)], args, kwargs)?;
            let (operation, params) = identity::start_operation(b.required_str("provider")?, &start_params(&b)?)?;
            Ok(json!({"operation": operation, "params": params}))
        })(),
        "identity.started" => (|| {
            let params = &[
                Param("provider", "provider", true),
                Param("params", "params", true),
                Param("response", "response", true),
                Param("now", "now", false),
            ];
            let b = bind(name, params, args, kwargs)?;
            let started =
                identity::started(b.required_str("provider")?, &start_params(&b)?, &response(&b)?, b.u64("now")?)?;
            JsonSink.emit(&started)
        })(),
        "identity.poll_operation" => (|| {
            let b = bind(name, &[Param("reference", "reference", true)], args, kwargs)?;
            Ok(match identity::poll_operation(b.required_str("reference")?)? {
                Some((operation, params)) => json!({"operation": operation, "params": params}),
                None => Value::Null,
            })
        })(),
        "identity.poll_evidence" => (|| {
            let b = bind(name, &[Param("reference", "reference", true), Param("response", "response", true)], args, kwargs)?;
            let e = identity::poll_evidence(b.required_str("reference")?, &response(&b)?)?;
            Ok(json!({"state": e.state, "session": e.session, "identification": e.identification}))
        })(),
        "identity.finish" => (|| {
            let params = &[Param("reference", "reference", true), Param("evidence", "evidence", true), Param("now", "now", false)];
            let b = bind(name, params, args, kwargs)?;
            let evidence: Evidence = from_arg(&b, "evidence")?;
            JsonSink.emit(&identity::finish(b.required_str("reference")?, &evidence, b.u64("now")?)?)
        })(),
        _ => return None,
    };
    Some(result.map(Output::Json))
}

/// An object argument read into a serde type (null fields count as absent).
fn from_arg<T: serde::de::DeserializeOwned>(b: &Bound<'_>, name: &'static str) -> Result<T, Error> {
    let value = match b.get(name) {
        Some(Value::Object(map)) => {
            Value::Object(map.iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k.clone(), v.clone())).collect())
        }
        Some(other) => return Err(type_error(name, "an object", other)),
        None => return Err(Error::validation(ValidationCode::InvalidParams, name, format!("missing argument `{name}`"))),
    };
    serde_json::from_value(value).map_err(|e| Error::validation(ValidationCode::InvalidParams, name, e.to_string()))
}

fn start_params(b: &Bound<'_>) -> Result<StartParams, Error> {
    from_arg(b, "params")
}

/// A string (its UTF-8 bytes) or bytes.
fn bytes(b: &Bound<'_>, name: &'static str) -> Result<Vec<u8>, Error> {
    match b.get(name) {
        Some(v) => value_bytes(v, name),
        None => Err(Error::validation(ValidationCode::InvalidParams, name, format!("missing argument `{name}`"))),
    }
}

fn value_bytes(v: &Value, name: &'static str) -> Result<Vec<u8>, Error> {
    match v {
        Value::String(s) => Ok(s.as_bytes().to_vec()),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_u64().and_then(|n| u8::try_from(n).ok()))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| type_error(name, "a string or bytes", v)),
        other => Err(type_error(name, "a string or bytes", other)),
    }
}

/// `{status, headers, body}` as an [`HttpResponse`].
fn response(b: &Bound<'_>) -> Result<HttpResponse, Error> {
    let Some(Value::Object(r)) = b.get("response") else {
        return Err(Error::validation(ValidationCode::InvalidParams, "response", "expected `{status, headers, body}`"));
    };
    let status = r
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| Error::validation(ValidationCode::InvalidParams, "response.status", "an HTTP status from 100 to 599"))?;
    let mut headers = Headers::new();
    match r.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Array(pairs)) => {
            for pair in pairs {
                match pair.as_array().map(Vec::as_slice) {
                    Some([Value::String(n), Value::String(v)]) => headers.append(n.clone(), v.clone()),
                    _ => return Err(Error::validation(ValidationCode::InvalidParams, "response.headers", "pairs of [name, value] strings")),
                }
            }
        }
        Some(Value::Object(map)) => {
            for (n, v) in map {
                let v = v.as_str().ok_or_else(|| Error::validation(ValidationCode::InvalidParams, "response.headers", "string values"))?;
                headers.append(n.clone(), v);
            }
        }
        Some(_) => return Err(Error::validation(ValidationCode::InvalidParams, "response.headers", "pairs or an object")),
    }
    let body = match r.get("body") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => value_bytes(v, "response.body")?,
    };
    Ok(HttpResponse { status, headers, body })
}

#[cfg(test)]
mod tests {
    use super::super::call;
    use crate::webhook::sign_hmac_sha256;
    use serde_json::{json, Map, Value};

    fn run(name: &str, args: Value, kwargs: Value) -> Result<Value, String> {
        let args = args.as_array().cloned().unwrap_or_default();
        let kwargs: Map<String, Value> = kwargs.as_object().cloned().unwrap_or_default();
        call(name, &args, &kwargs).map(|o| o.into_json()).map_err(|e| e.code().to_owned())
    }

    #[test]
    fn webhooks_accept_text_or_bytes() {
        let body = r#"{"a":1}"#;
        let sig = format!("t=100,s={}", sign_hmac_sha256(b"k", &[b"100", b".", body.as_bytes()]));
        let bytes: Vec<u8> = body.bytes().collect();
        assert_eq!(run("billit.verify_webhook", json!([body, sig, "k"]), json!({"now": 150})), Ok(json!({"a": 1})));
        assert_eq!(run("billit.verify_webhook", json!([bytes, sig, "k"]), json!({"now": 150})), Ok(json!({"a": 1})));
        assert_eq!(run("billit.verify_webhook", json!([body, sig, "k"]), json!({})), Err("invalid_params".into()));
        assert_eq!(run("billit.verify_webhook", json!([body, sig, "k"]), json!({"now": 500, "tolerance": 60})), Err("timestamp_too_old".into()));
        let sol = format!("sha256={}", sign_hmac_sha256(b"k", &[body.as_bytes()]));
        assert_eq!(run("solaris.verify_webhook", json!([body, sol, "k"]), json!({})), Ok(json!({"event": "UNKNOWN", "data": {"a": 1}})));
    }

    #[test]
    fn identity_round_trip() {
        let op = run("identity.start_operation", json!(["billit", {"subject": "42", "return_url": "https://a.test/"}]), json!({}));
        assert_eq!(op.unwrap()["operation"], "billit.identification.start");
        let response = json!({"status": 200, "headers": {}, "body": "{\"URL\": \"https://i.test\"}"});
        let started = run("identity.started", json!(["billit", {"subject": "42", "return_url": "https://a.test/"}, response]), json!({"now": 10})).unwrap();
        assert_eq!((started["reference"].as_str(), started["expires_at"].as_u64()), (Some("billit:42"), Some(310)));
        let outcome = run("identity.finish", json!(["billit:42", {"redirect_url": "https://a.test/?registrationID=42&success=true"}]), json!({})).unwrap();
        assert_eq!(outcome["status"], "verified");
        assert_eq!(run("identity.poll_operation", json!(["billit:42"]), json!({})), Ok(Value::Null));
        let ev = run("identity.poll_evidence", json!(["passportreader:5", {"status": 200, "body": "{\"state\":\"APPROVED\"}"}]), json!({})).unwrap();
        assert_eq!(ev["state"], "APPROVED");
        assert_eq!(run("billit.parse_callback", json!(["?registrationID=1&success=false"]), json!({})), Ok(json!({"registration_id": "1", "success": false})));
    }
}
