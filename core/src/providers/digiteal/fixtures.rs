//! Runs the staged Digiteal fixtures (`tests/fixtures-staged/digiteal.json`, the format of
//! `tests/README.md`, and `tests/fixtures-staged/functions/digiteal.json`, the format of the
//! functions fixtures) through the operations directly, not through the catalog: the operations
//! are not registered yet.
//!
//! Bytes, as in the functions fixtures: a response body is `body` (text) or `body_hex` (bytes, e.g.
//! a PNG); in params and expected outputs an object `{"hex": "..."}` stands for bytes (the core's
//! JSON writes bytes as an array of numbers; Python has `bytes`, JS `Uint8Array`).

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{json, Map, Value};

use super::errors::ErrorCode;
use super::links;
use super::operations::*;
use crate::error::Error;
use crate::http::{Headers, HttpResponse};
use crate::operation::{prepare, Operation, Prepared};

fn load(rel: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures-staged").join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

macro_rules! ops {
    ($($op:ty),* $(,)?) => {
        const IDS: &[&str] = &[$(<$op as Operation>::INFO.id),*];

        fn build(id: &str, params: &Value, config: &Value) -> Result<Prepared, Error> {
            $(if id == <$op as Operation>::INFO.id {
                return prepare::<$op, _, _>(params, config);
            })*
            panic!("unknown operation {id}")
        }

        fn parse(id: &str, response: &HttpResponse) -> Result<Value, Error> {
            $(if id == <$op as Operation>::INFO.id {
                return <$op as Operation>::parse_at(response, None)
                    .map(|out| serde_json::to_value(&out).expect("outputs serialise"));
            })*
            panic!("unknown operation {id}")
        }
    };
}

ops! {
    CreateInvoice,
    ListInvoiceDocuments,
    SendInvoiceDocument,
    SendInvoiceDocumentByInternalId,
    CreateCreditNote,
    SendCreditNoteDocument,
    SendCreditNoteDocumentByInternalId,
    CreatePayment,
    CreateInvoicePayment,
    RequestAutoPayment,
    ForceOptin,
    GetCompanyInfo,
    GetPersonInfo,
    GetSlipImage,
    GetSlipImageInline,
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
}

/// `{"hex": "..."}` anywhere in `v` becomes the array of numbers the core's JSON uses for bytes.
fn unhex(v: &Value) -> Value {
    match v {
        Value::Object(o) if o.len() == 1 && o.get("hex").is_some_and(Value::is_string) => {
            Value::Array(hex(o["hex"].as_str().unwrap_or("")).into_iter().map(Value::from).collect())
        }
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), unhex(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(unhex).collect()),
        other => other.clone(),
    }
}

fn check_error(name: &str, err: &Error, expected: &Value) {
    assert_eq!(err.kind(), expected["kind"], "{name}: kind of {err:?}");
    assert_eq!(err.code(), expected["code"], "{name}: code of {err:?}");
    match err {
        Error::Validation(v) => {
            if let Some(field) = expected.get("field") {
                assert_eq!(&*v.field, field, "{name}: field ({err})");
            }
            assert!(err.to_string().contains(&*v.field), "{name}: the message names the field: {err}");
        }
        Error::Api(a) => {
            if let Some(status) = expected.get("status") {
                assert_eq!(json!(a.status), *status, "{name}: status");
            }
            if let Some(message) = expected.get("message") {
                assert_eq!(json!(a.message), *message, "{name}: message");
            }
            if let Some(id) = expected.get("request_id") {
                assert_eq!(json!(a.request_id), *id, "{name}: request id");
            }
        }
        Error::Decode(d) => {
            if let Some(field) = expected.get("field") {
                assert_eq!(json!(d.field), *field, "{name}: decode field");
            }
        }
        _ => {}
    }
}

fn header_set(pairs: impl IntoIterator<Item = (String, String)>) -> BTreeSet<(String, String)> {
    pairs.into_iter().map(|(n, v)| (n.to_ascii_lowercase(), v)).collect()
}

#[test]
fn staged_build_cases() {
    let fixture = load("digiteal.json");
    let mut covered = BTreeSet::new();
    let mut ran = 0;
    for case in fixture["build"].as_array().expect("build") {
        let name = case["name"].as_str().expect("name");
        let config = case.get("config").unwrap_or(&fixture["config"]);
        let id = case["operation"].as_str().expect("operation");
        match (build(id, &unhex(&case["params"]), config), case.get("request"), case.get("error")) {
            (Ok(prepared), Some(expected), None) => {
                covered.insert(id);
                let req = prepared.request;
                assert_eq!(req.method.as_str(), expected["method"], "{name}: method");
                assert_eq!(req.url, expected["url"], "{name}: url");
                let want = header_set(
                    expected["headers"]
                        .as_array()
                        .expect("headers")
                        .iter()
                        .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned())),
                );
                assert_eq!(header_set(req.headers.clone().into_vec()), want, "{name}: headers");
                if let Some(body) = expected.get("body") {
                    assert_eq!(String::from_utf8(req.body).unwrap(), *body, "{name}: body");
                } else if let Some(j) = expected.get("json") {
                    let got: Value = serde_json::from_slice(&req.body).unwrap();
                    assert_eq!(&got, j, "{name}: json body");
                } else {
                    assert!(req.body.is_empty(), "{name}: no body");
                }
                assert_eq!(prepared.retry_safe, retry_safe(id), "{name}: retry_safe");
            }
            (Err(err), None, Some(expected)) => check_error(name, &err, expected),
            (result, _, _) => panic!("{name}: unexpected {result:?}"),
        }
        ran += 1;
    }
    let missing: Vec<_> = IDS.iter().filter(|id| !covered.contains(*id)).collect();
    assert!(missing.is_empty(), "operations without a build case: {missing:?}");
    assert!(ran >= IDS.len());
}

fn retry_safe(id: &str) -> bool {
    matches!(
        id,
        "digiteal.invoices.list_documents"
            | "digiteal.optin.force"
            | "digiteal.integrator.company_info"
            | "digiteal.integrator.person_info"
            | "digiteal.qr.slip_image"
            | "digiteal.qr.slip_image_inline"
    )
}

#[test]
fn staged_parse_cases() {
    let fixture = load("digiteal.json");
    let mut covered = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for case in fixture["parse"].as_array().expect("parse") {
        let name = case["name"].as_str().expect("name");
        let id = case["operation"].as_str().expect("operation");
        let r = &case["response"];
        let headers: Headers = r["headers"]
            .as_array()
            .expect("headers")
            .iter()
            .map(|p| (p[0].as_str().unwrap(), p[1].as_str().unwrap()))
            .collect();
        let body = match (r.get("body"), r.get("body_hex")) {
            (Some(b), None) => b.as_str().expect("body").as_bytes().to_vec(),
            (None, Some(h)) => hex(h.as_str().expect("body_hex")),
            _ => panic!("{name}: body or body_hex"),
        };
        let response = HttpResponse::new(r["status"].as_u64().unwrap() as u16, headers, body);
        match (parse(id, &response), case.get("output"), case.get("error")) {
            (Ok(got), Some(expected), None) => {
                covered.insert(id);
                assert_eq!(got, unhex(expected), "{name}");
            }
            (Err(err), None, Some(expected)) => {
                check_error(name, &err, expected);
                codes.insert(err.code().to_owned());
            }
            (result, _, _) => panic!("{name}: unexpected {result:?}"),
        }
    }
    let missing: Vec<_> = IDS.iter().filter(|id| !covered.contains(*id)).collect();
    assert!(missing.is_empty(), "operations without a parse case: {missing:?}");
    let untested: Vec<_> = ErrorCode::KNOWN.iter().filter(|c| !codes.contains(**c)).collect();
    assert!(untested.is_empty(), "error codes without a fixture: {untested:?}");
}

#[test]
fn staged_function_cases() {
    let fixture = load("functions/digiteal.json");
    let mut covered = BTreeSet::new();
    for case in fixture["cases"].as_array().expect("cases") {
        let name = case["name"].as_str().expect("name");
        let function = case["fn"].as_str().expect("fn");
        let args: Vec<Value> = case["args"].as_array().cloned().unwrap_or_default();
        let kwargs: Map<String, Value> = case.get("kwargs").and_then(Value::as_object).cloned().unwrap_or_default();
        let result = links::call(function, &args, &kwargs).unwrap_or_else(|| panic!("{name}: unknown {function}"));
        match (result, case.get("output"), case.get("error")) {
            (Ok(got), Some(expected), None) => {
                covered.insert(function);
                assert_eq!(&got, expected, "{name}");
            }
            (Err(err), None, Some(expected)) => {
                let kind = expected.get("kind").and_then(Value::as_str).unwrap_or("validation");
                assert_eq!(err.kind(), kind, "{name}: kind of {err:?}");
                assert_eq!(err.code(), expected["code"], "{name}: code of {err}");
                if let (Error::Validation(v), Some(field)) = (&err, expected.get("field")) {
                    assert_eq!(&*v.field, field, "{name}: field ({err})");
                }
            }
            (result, _, _) => panic!("{name}: unexpected {result:?}"),
        }
    }
    let missing: Vec<_> = links::IDS.iter().filter(|id| !covered.contains(*id)).collect();
    assert!(missing.is_empty(), "link builders without a case: {missing:?}");
}
