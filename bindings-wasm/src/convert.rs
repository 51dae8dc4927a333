//! Conversions between JavaScript values and the core's inputs and outputs.
//!
//! Inputs (params, config) become a `serde_json::Value` first, so that the core's serde types see
//! every key (their `deny_unknown_fields` catches typos) and 64-bit integers stay exact: a `bigint`
//! becomes an exact JSON integer, a safe-integer `number` an integer, any other finite `number` a
//! float. Outputs go the other way through `serde-wasm-bindgen`, with every `i64`/`u64` as a
//! `bigint`, maps as plain objects and absent values as `null`.

use js_sys::{Array, ArrayBuffer, BigInt, Object, Uint8Array};
use kassa::{Error, Headers, HttpResponse, Sink};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// How outputs are serialised: `bigint` for every 64-bit integer, plain objects, `null` for
/// absent values (as the core's JSON has them).
const OUTPUT: serde_wasm_bindgen::Serializer = serde_wasm_bindgen::Serializer::new()
    .serialize_large_number_types_as_bigints(true)
    .serialize_maps_as_objects(true)
    .serialize_missing_as_null(true);

/// A core output (or any serialisable value) as a JS value, integers as `bigint`.
pub fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, Error> {
    value.serialize(&OUTPUT).map_err(|e| Error::decode("", e.to_string()))
}

/// The [`Sink`] handed to [`kassa::parse_response`]: the typed output becomes a JS value.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsSink;

impl Sink for JsSink {
    type Ok = Result<JsValue, Error>;
    fn emit<T: Serialize>(self, value: &T) -> Self::Ok {
        to_js(value)
    }
}

/// Operation params: `undefined`/`null` mean "no params" (`{}`). Binary data (`Uint8Array`, any
/// typed array view, `ArrayBuffer`: a Digiteal `document` to upload) becomes an array of byte
/// values, which the core reads as bytes; a param that is not bytes refuses it by its type.
pub fn params_to_json(value: &JsValue) -> Result<Value, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Object(Map::new()));
    }
    let mut path = String::new();
    js_to_json(value, Binary::AsByteArray, 0, &mut path).map_err(|message| Error::validation("invalid_params", path, message))
}

/// A provider config (or client options) object.
pub fn config_to_json(value: &JsValue) -> Result<Value, Error> {
    if !value.is_object() || Array::is_array(value) {
        return Err(Error::validation("invalid_config", "", "expected an options object"));
    }
    input_to_json(value, "invalid_config")
}

fn input_to_json(value: &JsValue, code: &'static str) -> Result<Value, Error> {
    let mut path = String::new();
    js_to_json(value, Binary::Refuse, 0, &mut path).map_err(|message| Error::validation(code, path, message))
}

/// An argument of a pure function (`callFunction`): like params, but binary data (`Uint8Array`,
/// any typed array view, `ArrayBuffer`) becomes an array of byte values, which the core reads as
/// bytes (webhook bodies and secrets, `epc.parse` payloads). `field` names the argument in errors.
pub fn argument_to_json(value: &JsValue, field: &str) -> Result<Value, Error> {
    let mut path = field.to_owned();
    js_to_json(value, Binary::AsByteArray, 0, &mut path)
        .map_err(|message| Error::validation("invalid_params", path, message))
}

/// What binary data becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Binary {
    /// Refused: configs and options are JSON-like.
    Refuse,
    /// An array of the byte values.
    AsByteArray,
}

/// Deeper inputs are refused instead of risking the stack (a cyclic object would recurse forever).
const MAX_DEPTH: usize = 64;
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Converts one value; on failure `path` names where (`retry.max_retries`, `items[2]`).
fn js_to_json(value: &JsValue, binary: Binary, depth: usize, path: &mut String) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels (is it cyclic?)"));
    }
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(n) = value.as_f64() {
        return number_to_json(n);
    }
    if value.is_bigint() {
        let big: BigInt = value.clone().unchecked_into();
        return bigint_to_json(big);
    }
    if binary == Binary::AsByteArray && is_binary(value) {
        if let Some(bytes) = bytes_from_js(value) {
            return Ok(Value::Array(bytes.into_iter().map(Value::from).collect()));
        }
    }
    if Array::is_array(value) {
        let array: &Array = value.unchecked_ref();
        let mut out = Vec::with_capacity(array.length() as usize);
        for (i, item) in array.iter().enumerate() {
            let len = path.len();
            path.push_str(&format!("[{i}]"));
            out.push(js_to_json(&item, binary, depth + 1, path)?);
            path.truncate(len);
        }
        return Ok(Value::Array(out));
    }
    if let Some(map) = value.dyn_ref::<js_sys::Map>() {
        let entries: Vec<(JsValue, JsValue)> = {
            let mut v = Vec::new();
            map.for_each(&mut |val, key| v.push((key, val)));
            v
        };
        return object_to_json(entries, binary, depth, path);
    }
    if value.is_object() && !value.is_function() && !is_binary(value) {
        let entries = Object::entries(value.unchecked_ref())
            .iter()
            .map(|pair| {
                let pair: Array = pair.unchecked_into();
                (pair.get(0), pair.get(1))
            })
            .collect();
        return object_to_json(entries, binary, depth, path);
    }
    Err(format!("a {} cannot be sent (expected JSON-like data)", type_name(value)))
}

fn object_to_json(
    entries: Vec<(JsValue, JsValue)>,
    binary: Binary,
    depth: usize,
    path: &mut String,
) -> Result<Value, String> {
    let mut out = Map::new();
    for (key, val) in entries {
        let Some(key) = key.as_string() else {
            return Err("object keys must be strings".to_owned());
        };
        let len = path.len();
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(&key);
        let converted = js_to_json(&val, binary, depth + 1, path)?;
        path.truncate(len);
        out.insert(key, converted);
    }
    Ok(Value::Object(out))
}

fn number_to_json(n: f64) -> Result<Value, String> {
    if !n.is_finite() {
        return Err(format!("{n} is not a finite number"));
    }
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        // Exact: a safe integer converts to i64 without loss.
        return Ok(Value::Number(Number::from(n as i64)));
    }
    Number::from_f64(n).map(Value::Number).ok_or_else(|| format!("{n} is not a finite number"))
}

fn bigint_to_json(big: BigInt) -> Result<Value, String> {
    match i64::try_from(big) {
        Ok(v) => Ok(Value::Number(v.into())),
        Err(big) => match u64::try_from(big) {
            Ok(v) => Ok(Value::Number(v.into())),
            Err(_) => Err("the bigint is outside the 64-bit range".to_owned()),
        },
    }
}

fn is_binary(value: &JsValue) -> bool {
    value.is_instance_of::<ArrayBuffer>() || ArrayBuffer::is_view(value)
}

fn type_name(value: &JsValue) -> String {
    if is_binary(value) {
        return "binary buffer".to_owned();
    }
    value.js_typeof().as_string().unwrap_or_else(|| "value".to_owned())
}

fn invalid_response(field: impl Into<String>, message: impl Into<String>) -> Error {
    Error::validation("invalid_response", field.into(), message)
}

/// `{status, headers, body}` as given to `parseResponse`: `headers` an iterable of
/// `[name, value]` pairs (an array, a `Map`, a fetch `Headers`) or a plain object; `body` a
/// string (sent as UTF-8), a `Uint8Array`/any typed array view, or an `ArrayBuffer`.
pub fn response_from_js(value: &JsValue) -> Result<HttpResponse, Error> {
    if !value.is_object() {
        return Err(invalid_response("", "expected an object {status, headers, body}"));
    }
    let get = |key: &str| js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    let status = status_from_js(&get("status"))?;
    let headers = headers_from_js(&get("headers"))?;
    let body = bytes_from_js(&get("body")).ok_or_else(|| {
        invalid_response("body", "expected a string, a Uint8Array or an ArrayBuffer")
    })?;
    Ok(HttpResponse { status, headers, body })
}

fn status_from_js(value: &JsValue) -> Result<u16, Error> {
    let n = if value.is_bigint() {
        i64::try_from(value.clone().unchecked_into::<BigInt>()).ok().map(|v| v as f64)
    } else {
        value.as_f64()
    };
    match n {
        Some(n) if n.fract() == 0.0 && (100.0..=599.0).contains(&n) => Ok(n as u16),
        _ => Err(invalid_response("status", "expected an HTTP status code from 100 to 599")),
    }
}

fn headers_from_js(value: &JsValue) -> Result<Headers, Error> {
    let mut headers = Headers::new();
    if value.is_undefined() || value.is_null() {
        return Ok(headers);
    }
    if value.is_string() || !value.is_object() {
        return Err(invalid_response("headers", "expected [name, value] pairs or an object"));
    }
    if let Ok(Some(iter)) = js_sys::try_iter(value) {
        for (i, item) in iter.enumerate() {
            let field = || format!("headers[{i}]");
            let item = item.map_err(|_| invalid_response(field(), "the headers could not be iterated"))?;
            let pair = item
                .dyn_ref::<Array>()
                .filter(|a| a.length() == 2)
                .ok_or_else(|| invalid_response(field(), "expected a [name, value] pair"))?;
            match (pair.get(0).as_string(), pair.get(1).as_string()) {
                (Some(n), Some(v)) => headers.append(n, v),
                _ => return Err(invalid_response(field(), "header names and values are strings")),
            }
        }
        return Ok(headers);
    }
    for pair in Object::entries(value.unchecked_ref()).iter() {
        let pair: Array = pair.unchecked_into();
        let name = pair.get(0).as_string().unwrap_or_default();
        match pair.get(1).as_string() {
            Some(v) => headers.append(name, v),
            None => return Err(invalid_response(format!("headers.{name}"), "header values are strings")),
        }
    }
    Ok(headers)
}

/// Bytes from a string (UTF-8), a typed array view or an `ArrayBuffer`; nullish is empty.
pub fn bytes_from_js(value: &JsValue) -> Option<Vec<u8>> {
    if value.is_undefined() || value.is_null() {
        return Some(Vec::new());
    }
    if let Some(s) = value.as_string() {
        return Some(s.into_bytes());
    }
    if let Some(u8s) = value.dyn_ref::<Uint8Array>() {
        return Some(u8s.to_vec());
    }
    if let Some(buffer) = value.dyn_ref::<ArrayBuffer>() {
        return Some(Uint8Array::new(buffer).to_vec());
    }
    if ArrayBuffer::is_view(value) {
        let get = |k: &str| js_sys::Reflect::get(value, &JsValue::from_str(k)).ok();
        let buffer = get("buffer")?;
        let offset = get("byteOffset")?.as_f64()? as u32;
        let length = get("byteLength")?.as_f64()? as u32;
        return Some(Uint8Array::new_with_byte_offset_and_length(&buffer, offset, length).to_vec());
    }
    None
}

/// A trailing options object (`parseResponse(op, response, {now})`,
/// `identity.check(reference, {expiresAt})`): `undefined`/`null` is empty; keys other than
/// `allowed` (each given as `[snake_case, camelCase]`) are refused, naming the key. Returns the
/// values by their snake_case name.
pub fn options_from_js(value: &JsValue, allowed: &[[&'static str; 2]]) -> Result<Vec<(&'static str, Value)>, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    if !value.is_object() || Array::is_array(value) || is_binary(value) {
        return Err(Error::validation("invalid_params", "options", "expected an options object"));
    }
    let Value::Object(map) = input_to_json(value, "invalid_params")? else {
        return Err(Error::validation("invalid_params", "options", "expected an options object"));
    };
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    for (key, v) in map {
        let Some([name, _]) = allowed.iter().find(|names| names.contains(&key.as_str())) else {
            let known: Vec<&str> = allowed.iter().map(|[_, camel]| *camel).collect();
            return Err(Error::validation("invalid_params", key, format!("unknown option; expected one of: {}", known.join(", "))));
        };
        if out.iter().any(|(n, _)| n == name) {
            return Err(Error::validation("invalid_params", *name, "given twice (snake_case and camelCase)"));
        }
        if !v.is_null() {
            out.push((name, v));
        }
    }
    Ok(out)
}

/// An optional Unix time in seconds (or any non-negative integer option): a safe-integer
/// `number` or a `bigint`; `null`/absent is `None`.
pub fn option_u64(options: &[(&'static str, Value)], name: &'static str) -> Result<Option<u64>, Error> {
    match options.iter().find(|(n, _)| *n == name).map(|(_, v)| v) {
        None => Ok(None),
        Some(Value::Number(n)) if n.as_u64().is_some() => Ok(n.as_u64()),
        Some(_) => Err(Error::validation("invalid_params", name, format!("`{name}` is a non-negative integer (Unix seconds)"))),
    }
}
