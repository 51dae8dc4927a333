//! Runs the shared fixtures of `tests/fixtures/functions/*.json` (the pure functions: EPC
//! payloads and payment identifiers) through `kassa::functions::call`, the entry point every
//! binding uses. The binding runners read the same files; `tests/fixtures/functions/README.md`
//! describes the format.

use std::collections::BTreeSet;
use std::path::PathBuf;

use kassa::functions::{call_json, list};
use kassa::Error;
use serde_json::{Map, Value};

fn fixture_files() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/functions");
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

/// `{"hex": "..."}` stands for bytes; `call` takes bytes as an array of numbers.
fn arg(v: &Value) -> Value {
    match v.get("hex").and_then(Value::as_str) {
        Some(hex) if v.as_object().is_some_and(|o| o.len() == 1) => Value::Array(
            (0..hex.len()).step_by(2).map(|i| Value::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap())).collect(),
        ),
        _ => v.clone(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn function_cases() {
    let mut ran = 0;
    let mut covered = BTreeSet::new();
    for (file, fixture) in fixture_files() {
        for case in fixture["cases"].as_array().unwrap() {
            let name = format!("{file}: {}", case["name"].as_str().unwrap());
            let function = case["fn"].as_str().unwrap();
            let args: Vec<Value> = case["args"].as_array().unwrap().iter().map(arg).collect();
            let kwargs: Map<String, Value> = case.get("kwargs").and_then(Value::as_object).cloned().unwrap_or_default();
            let result = call_json(function, &args, &kwargs);
            match (&result, case.get("error")) {
                (Err(err), Some(expected)) => {
                    let kind = expected.get("kind").and_then(Value::as_str).unwrap_or("validation");
                    assert_eq!(err.kind(), kind, "{name}: kind of {err:?}");
                    assert_eq!(err.code(), expected["code"], "{name}: code of {err}");
                    if let Error::Validation(v) = err {
                        if let Some(field) = expected.get("field") {
                            assert_eq!(&*v.field, field, "{name}: field of {err}");
                        }
                        assert!(err.to_string().contains(&*v.field), "{name}: the message names the field: {err}");
                    }
                }
                (Ok(out), None) => {
                    if let Some(expected) = case.get("output") {
                        assert_eq!(out, expected, "{name}");
                    } else if let Some(prefix) = case.get("output_startswith").and_then(Value::as_str) {
                        let Value::String(s) = out else { panic!("{name}: not a string: {out:?}") };
                        assert!(s.starts_with(prefix), "{name}: {s:.200}");
                    } else if let Some(prefix) = case.get("output_startswith_hex").and_then(Value::as_str) {
                        // Bytes reach JSON as an array of numbers.
                        let Value::Array(items) = out else { panic!("{name}: not bytes: {out:?}") };
                        let b: Vec<u8> = items.iter().map(|v| v.as_u64().unwrap() as u8).collect();
                        assert!(hex(&b).starts_with(prefix), "{name}");
                    } else {
                        panic!("{name}: the case has no expectation");
                    }
                }
                (result, _) => panic!("{name}: unexpected {result:?}"),
            }
            covered.insert(function.to_owned());
            ran += 1;
        }
    }
    for f in list() {
        assert!(covered.contains(f.name), "no fixture case for {}", f.name);
    }
    assert!(ran >= 100, "only {ran} cases");
}
