//! The pure-function fixtures (`tests/fixtures/functions/*.json`, embedded by `build.rs`) as
//! cases, and how a case is called and checked through a package's JS surface: shared by the
//! browser tests of `kassa-web` (`functions.rs`) and of `kassa-web/payments`
//! (`bindings-wasm-payments/tests/web/`, which compiles this file too).

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use kassa::functions::FunctionInfo;
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

use crate::fixtures::FUNCTION_FIXTURES;
use crate::support::{camel_case, check_error, compare, fixture_value, get_str, hex_encode};

/// One case of a function fixture file.
pub struct Case {
    /// The fixture file.
    pub file: &'static str,
    /// The case (`fn`, `args`, `kwargs`, `output` or `error`).
    pub case: Value,
}

/// Every case of every function fixture file.
pub fn cases() -> Vec<Case> {
    assert!(!FUNCTION_FIXTURES.is_empty(), "no tests/fixtures/functions/*.json were embedded");
    let mut out = Vec::new();
    for (file, text) in FUNCTION_FIXTURES {
        let fixture: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for case in fixture["cases"].as_array().unwrap_or_else(|| panic!("{file}: no cases")) {
            out.push(Case { file, case: case.clone() });
        }
    }
    out
}

/// Checks a result (or error) against the case's expectation.
pub fn check(name: &str, case: &Value, result: Result<JsValue, JsValue>) -> Result<(), String> {
    match result {
        Ok(got) => {
            if let Some(expected) = case.get("output") {
                compare(&got, expected, "output").map_err(|e| format!("{name}: {e}"))
            } else if let Some(prefix) = case.get("output_startswith").and_then(Value::as_str) {
                match got.as_string() {
                    Some(s) if s.starts_with(prefix) => Ok(()),
                    _ => Err(format!("{name}: {got:?} does not start with {prefix:?}")),
                }
            } else if let Some(prefix) = case.get("output_startswith_hex").and_then(Value::as_str) {
                let bytes = got
                    .dyn_ref::<Uint8Array>()
                    .ok_or_else(|| format!("{name}: bytes must be a Uint8Array, got {got:?}"))?
                    .to_vec();
                if hex_encode(&bytes).starts_with(prefix) {
                    Ok(())
                } else {
                    Err(format!("{name}: bytes {} do not start with {prefix}", hex_encode(&bytes[..bytes.len().min(16)])))
                }
            } else {
                Err(format!("{name}: expected an error, got {got:?}"))
            }
        }
        Err(err) => {
            let Some(expected) = case.get("error") else {
                return Err(format!("{name}: unexpected error {}", get_str(&err, "message").unwrap_or_else(|| format!("{err:?}"))));
            };
            check_error(name, &err, expected)?;
            // A validation message names the field.
            if let (None | Some("validation"), Some(field)) =
                (expected.get("kind").and_then(Value::as_str), expected.get("field").and_then(Value::as_str))
            {
                let message = get_str(&err, "message").unwrap_or_default();
                if !message.contains(field) {
                    return Err(format!("{name}: the message does not name `{field}`: {message}"));
                }
            }
            Ok(())
        }
    }
}

/// The JS arguments of a wrapper call: the fixture's positional args, then each keyword argument
/// in its positional slot when it names a positional parameter, else in a camelCase options
/// object (passed when the wrapper takes one).
pub fn wrapper_args(info: &FunctionInfo, case: &Value) -> Result<Vec<JsValue>, String> {
    let mut args: Vec<JsValue> = case["args"].as_array().into_iter().flatten().map(fixture_value).collect();
    let options = Object::new();
    let mut has_options = false;
    for (key, value) in case["kwargs"].as_object().into_iter().flatten() {
        match info.positional.iter().position(|p| p == key) {
            Some(i) if i >= args.len() => {
                args.resize(i + 1, JsValue::UNDEFINED);
                args[i] = fixture_value(value);
            }
            _ => {
                Reflect::set(&options, &JsValue::from_str(&camel_case(key)), &fixture_value(value)).unwrap();
                has_options = true;
            }
        }
    }
    // Every entry point takes the options object after its positional parameters.
    if has_options {
        args.resize(args.len().max(info.positional.len()), JsValue::UNDEFINED);
        args.push(options.into());
    }
    Ok(args)
}

/// `function.apply(this, args)`.
pub fn apply(function: &JsValue, this: &JsValue, args: &[JsValue]) -> Result<JsValue, JsValue> {
    function
        .dyn_ref::<Function>()
        .ok_or_else(|| JsValue::from_str("not a function"))?
        .apply(this, &args.iter().collect::<Array>())
}
