//! Runs the shared fixtures of `tests/fixtures/*.json` against the core: every build case must
//! produce exactly the expected request (or error), every parse case the expected output (or error).

use std::collections::BTreeSet;
use std::path::PathBuf;

use kassa::operation::JsonSink;
use kassa::{build_request, parse_response, Error, Headers, HttpResponse};
use serde_json::{json, Value};

fn fixture_files() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

/// `{"hex": "..."}` anywhere in `v` stands for bytes: the array of numbers the core's JSON uses.
fn unhex(v: &Value) -> Value {
    match v {
        Value::Object(o) if o.len() == 1 && o.get("hex").is_some_and(Value::is_string) => {
            Value::Array(hex(o["hex"].as_str().unwrap()).into_iter().map(Value::from).collect())
        }
        Value::Object(o) => Value::Object(o.iter().map(|(k, v)| (k.clone(), unhex(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(unhex).collect()),
        other => other.clone(),
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn check_error(name: &str, err: &Error, expected: &Value) {
    assert_eq!(err.kind(), expected["kind"], "{name}: kind of {err:?}");
    assert_eq!(err.code(), expected["code"], "{name}: code of {err:?}");
    match err {
        Error::Validation(v) => {
            if let Some(field) = expected.get("field") {
                assert_eq!(&*v.field, field, "{name}: field");
            }
            assert!(err.to_string().contains(&*v.field), "{name}: message names the field: {err}");
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
fn build_cases() {
    let mut ran = 0;
    for (file, fixture) in fixture_files() {
        for case in fixture["build"].as_array().unwrap() {
            let name = format!("{file}: {}", case["name"].as_str().unwrap());
            let config = case.get("config").unwrap_or(&fixture["config"]);
            let op = case["operation"].as_str().unwrap();
            let result = build_request(op, unhex(&case["params"]), config, &kassa::Context::default());
            match (result, case.get("request"), case.get("error")) {
                (Ok(prepared), Some(expected), None) => {
                    let req = prepared.request;
                    assert_eq!(req.method.as_str(), expected["method"], "{name}: method");
                    assert_eq!(req.url, expected["url"], "{name}: url");
                    let want = header_set(
                        expected["headers"].as_array().unwrap().iter().map(|p| {
                            (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned())
                        }),
                    );
                    let got = header_set(req.headers.clone().into_vec());
                    assert_eq!(got, want, "{name}: headers");
                    if let Some(body) = expected.get("body") {
                        assert_eq!(String::from_utf8(req.body).unwrap(), *body, "{name}: body");
                    } else {
                        let got: Value = serde_json::from_slice(&req.body).unwrap();
                        assert_eq!(got, expected["json"], "{name}: json body");
                    }
                }
                (Err(err), None, Some(expected)) => check_error(&name, &err, expected),
                (result, _, _) => panic!("{name}: unexpected {result:?}"),
            }
            ran += 1;
        }
    }
    assert!(ran > 0);
}

#[test]
fn parse_cases() {
    let mut ran = 0;
    for (file, fixture) in fixture_files() {
        for case in fixture["parse"].as_array().unwrap() {
            let name = format!("{file}: {}", case["name"].as_str().unwrap());
            let r = &case["response"];
            let headers: Headers = r["headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| (p[0].as_str().unwrap(), p[1].as_str().unwrap()))
                .collect();
            let body = match r.get("body_hex") {
                Some(h) => hex(h.as_str().unwrap()),
                None => r["body"].as_str().unwrap().as_bytes().to_vec(),
            };
            let response = HttpResponse::new(r["status"].as_u64().unwrap() as u16, headers, body);
            let result = parse_response(case["operation"].as_str().unwrap(), &response, JsonSink);
            match (result, case.get("output"), case.get("error")) {
                (Ok(Ok(got)), Some(expected), None) => assert_eq!(got, unhex(expected), "{name}"),
                (Err(err), None, Some(expected)) => check_error(&name, &err, expected),
                (result, _, _) => panic!("{name}: unexpected {result:?}"),
            }
            ran += 1;
        }
    }
    assert!(ran > 0);
}
