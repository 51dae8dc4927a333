//! JavaScript inputs to the values the core reads: params and config objects become
//! `serde_json::Value` (the core deserialises them with its own types), a response object becomes
//! a [`kassa::HttpResponse`].
//!
//! Integers may come as `number` or `bigint`: a safe-integer `number` and any `bigint` within the
//! 64-bit range become JSON integers, so ids above 2^53 survive when given as `bigint`. Every value
//! that has no JSON meaning (functions, symbols, dates, cycles, `NaN`, a bigint beyond 64 bits) is
//! refused with a validation error that names the field, never a crash.

use kassa::{Error, Headers, HttpResponse};
use napi::ValueType;
use serde_json::{Map, Number, Value};

use crate::errors::Fail;
use crate::js::{Int64, Js, Raw};

/// How deep params may nest; deeper is refused (it is a cycle, or no params kassa reads).
const MAX_DEPTH: usize = 64;

/// The largest integer a `number` holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Which input is read: decides the error code of a refusal.
#[derive(Clone, Copy)]
pub(crate) enum Input {
    /// Operation params: `invalid_params`.
    Params,
    /// A config object: `invalid_config`.
    Config,
}

impl Input {
    fn code(self) -> &'static str {
        match self {
            Input::Params => "invalid_params",
            Input::Config => "invalid_config",
        }
    }
}

/// An operation id: must be a string.
pub(crate) fn operation_id(js: Js, value: Raw) -> Result<String, Fail> {
    match js.type_of(value)? {
        ValueType::String => Ok(js.string_value(value)?),
        other => Err(Error::validation(
            "unknown_operation",
            "operation",
            format!("expected an operation id string (see operations()), got {}", describe(other)),
        )
        .into()),
    }
}

/// Params or config as JSON. `undefined` and `null` params read as `{}`.
pub(crate) fn to_json(js: Js, value: Raw, input: Input) -> Result<Value, Fail> {
    let t = js.type_of(value)?;
    if matches!(input, Input::Params) && matches!(t, ValueType::Undefined | ValueType::Null) {
        return Ok(Value::Object(Map::new()));
    }
    let mut path = Vec::new();
    convert(js, value, input, &mut path)
}

/// The positional arguments of a function call: a JavaScript array (`undefined`/`null`: none),
/// each element converted like params (a refusal names `args[i]...`).
pub(crate) fn arguments(js: Js, value: Raw) -> Result<Vec<Value>, Fail> {
    match js.type_of(value)? {
        ValueType::Undefined | ValueType::Null => Ok(Vec::new()),
        ValueType::Object if js.is_array(value)? => {
            let mut path = vec![Segment::Key("args".into())];
            (0..js.array_length(value)?)
                .map(|i| {
                    path.push(Segment::Index(i));
                    let item = convert(js, js.element(value, i)?, Input::Params, &mut path);
                    path.pop();
                    item
                })
                .collect()
        }
        other => Err(refuse(Input::Params, &[Segment::Key("args".into())], format!("expected an array, got {}", describe(other)))),
    }
}

/// The trailing options object of a function call (its keyword arguments): a plain object, or
/// `undefined`/`null` for none. A refusal names the option.
pub(crate) fn options(js: Js, value: Raw) -> Result<Map<String, Value>, Fail> {
    let t = js.type_of(value)?;
    if matches!(t, ValueType::Undefined | ValueType::Null) {
        return Ok(Map::new());
    }
    let plain = t == ValueType::Object && !js.is_array(value)? && js.bytes_value(value)?.is_none() && !js.is_date(value)?;
    if !plain {
        return Err(refuse(Input::Params, &[Segment::Key("options".into())], format!("expected an options object, got {}", describe(t))));
    }
    match convert(js, value, Input::Params, &mut Vec::new())? {
        Value::Object(map) => Ok(map),
        _ => unreachable!("a plain object converts to a JSON object"),
    }
}

/// Unix seconds (`now`, `expiresAt`): a non-negative safe-integer `number` or a `bigint`;
/// `undefined`/`null` is `None`. Anything else is refused, naming `field`.
pub(crate) fn unix_seconds(js: Js, value: Raw, field: &'static str) -> Result<Option<u64>, Fail> {
    let bad = || -> Fail { Error::validation("invalid_params", field, format!("`{field}` is a whole number of Unix seconds (a number or a bigint)")).into() };
    match js.type_of(value)? {
        ValueType::Undefined | ValueType::Null => Ok(None),
        ValueType::Number => {
            let n = js.number_value(value)?;
            if n.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&n) {
                Ok(Some(n as u64))
            } else {
                Err(bad())
            }
        }
        ValueType::BigInt => match js.bigint_value(value)? {
            Some(Int64::Signed(i)) => u64::try_from(i).map(Some).map_err(|_| bad()),
            Some(Int64::Unsigned(u)) => Ok(Some(u)),
            None => Err(bad()),
        },
        _ => Err(bad()),
    }
}

/// Reads the options object `value` (`undefined`/`null`: no options) whose only keys are
/// `names` (each in camelCase or snake_case, e.g. `expiresAt` / `expires_at`): the raw value of
/// each, `None` when absent or `undefined`. An unknown key is refused, naming it.
pub(crate) fn option_values<const N: usize>(js: Js, value: Raw, names: [(&str, &str); N]) -> Result<[Option<Raw>; N], Fail> {
    let mut found = [None; N];
    let t = js.type_of(value)?;
    if matches!(t, ValueType::Undefined | ValueType::Null) {
        return Ok(found);
    }
    if t != ValueType::Object || js.is_array(value)? {
        return Err(Error::validation("invalid_params", "options", format!("expected an options object, got {}", describe(t))).into());
    }
    for key in js.own_keys(value)? {
        let Some(i) = names.iter().position(|(camel, snake)| key == *camel || key == *snake) else {
            let known: Vec<&str> = names.iter().map(|(camel, _)| *camel).collect();
            return Err(Error::validation("invalid_params", key.clone(), format!("unknown option `{key}` (known: {})", known.join(", "))).into());
        };
        let item = js.property(value, &key)?;
        if js.type_of(item)? != ValueType::Undefined {
            found[i] = Some(item);
        }
    }
    Ok(found)
}

/// A path segment, to name the field of a refusal like the core does (`a.b[0].c`).
enum Segment {
    Key(String),
    Index(u32),
}

fn field(path: &[Segment]) -> String {
    let mut s = String::new();
    for segment in path {
        match segment {
            Segment::Key(k) if s.is_empty() => s.push_str(k),
            Segment::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Segment::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn refuse(input: Input, path: &[Segment], message: impl Into<String>) -> Fail {
    Error::validation(input.code(), field(path), message).into()
}

fn convert(js: Js, value: Raw, input: Input, path: &mut Vec<Segment>) -> Result<Value, Fail> {
    if path.len() > MAX_DEPTH {
        return Err(refuse(input, path, format!("nested deeper than {MAX_DEPTH} levels (a cycle?)")));
    }
    Ok(match js.type_of(value)? {
        ValueType::Undefined | ValueType::Null => Value::Null,
        ValueType::Boolean => Value::Bool(js.boolean_value(value)?),
        ValueType::String => Value::String(js.string_value(value)?),
        ValueType::Number => {
            let n = js.number_value(value)?;
            if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
                Value::from(n as i64)
            } else {
                // A fraction, or an integer beyond 2^53 that a number cannot hold exactly: the
                // core refuses it where it wants an integer (pass a bigint instead).
                Value::Number(
                    Number::from_f64(n).ok_or_else(|| refuse(input, path, format!("`{n}` is not a finite number")))?,
                )
            }
        }
        ValueType::BigInt => match js.bigint_value(value)? {
            Some(Int64::Signed(i)) => Value::from(i),
            Some(Int64::Unsigned(u)) => Value::from(u),
            None => return Err(refuse(input, path, "the bigint is outside the 64-bit integer range")),
        },
        ValueType::Object => {
            if js.is_array(value)? {
                let len = js.array_length(value)?;
                let mut items = Vec::with_capacity(len.min(1024) as usize);
                for i in 0..len {
                    path.push(Segment::Index(i));
                    items.push(convert(js, js.element(value, i)?, input, path)?);
                    path.pop();
                }
                Value::Array(items)
            } else if let Some(bytes) = js.bytes_value(value)? {
                // Bytes read as a list of octets (what serde's `Vec<u8>` expects).
                Value::Array(bytes.into_iter().map(Value::from).collect())
            } else if js.is_date(value)? {
                return Err(refuse(input, path, "a Date is not accepted: pass the date as an ISO 8601 string"));
            } else {
                let mut map = Map::new();
                for key in js.own_keys(value)? {
                    let item = js.property(value, &key)?;
                    if js.type_of(item)? == ValueType::Undefined {
                        continue; // `{x: undefined}` is `{}`, as in JSON.stringify
                    }
                    path.push(Segment::Key(key));
                    let converted = convert(js, item, input, path)?;
                    let Some(Segment::Key(key)) = path.pop() else { unreachable!("pushed a key") };
                    map.insert(key, converted);
                }
                Value::Object(map)
            }
        }
        other => return Err(refuse(input, path, format!("{} has no JSON value", describe(other)))),
    })
}

fn describe(t: ValueType) -> &'static str {
    match t {
        ValueType::Undefined => "undefined",
        ValueType::Null => "null",
        ValueType::Boolean => "a boolean",
        ValueType::Number => "a number",
        ValueType::String => "a string",
        ValueType::Symbol => "a symbol",
        ValueType::Object => "an object",
        ValueType::Function => "a function",
        ValueType::External => "an external value",
        ValueType::BigInt => "a bigint",
        _ => "a value of unknown type",
    }
}

/// `{status, headers, body}` as a response: `headers` a list of `[name, value]` pairs or an object
/// of `name: value` (a value may be a list for repeated headers); `body` a string (sent as
/// UTF-8), `Uint8Array`/`Buffer` or `ArrayBuffer`. Refusals use the code `invalid_response`.
pub(crate) fn response(js: Js, value: Raw) -> Result<HttpResponse, Fail> {
    let bad = |field: &'static str, message: String| -> Fail { Error::validation("invalid_response", field, message).into() };
    let t = js.type_of(value)?;
    if t != ValueType::Object || js.is_array(value)? {
        return Err(bad("response", format!("expected an object {{status, headers, body}}, got {}", describe(t))));
    }

    let status = js.property(value, "status")?;
    let status = match js.type_of(status)? {
        ValueType::Number => {
            let n = js.number_value(status)?;
            (n.fract() == 0.0 && (0.0..=65535.0).contains(&n)).then_some(n as u16)
        }
        ValueType::BigInt => match js.bigint_value(status)? {
            Some(Int64::Signed(i)) => u16::try_from(i).ok(),
            _ => None,
        },
        _ => None,
    }
    .ok_or_else(|| bad("status", "expected an HTTP status code (an integer from 0 to 65535)".into()))?;

    let mut headers = Headers::new();
    let raw = js.property(value, "headers")?;
    match js.type_of(raw)? {
        ValueType::Undefined | ValueType::Null => {}
        ValueType::Object if js.is_array(raw)? => {
            for i in 0..js.array_length(raw)? {
                let pair = js.element(raw, i)?;
                let ok = js.type_of(pair)? == ValueType::Object && js.is_array(pair)? && js.array_length(pair)? == 2;
                let name = if ok { string(js, js.element(pair, 0)?)? } else { None };
                let val = if ok { string(js, js.element(pair, 1)?)? } else { None };
                match (name, val) {
                    (Some(n), Some(v)) => headers.append(n, v),
                    _ => return Err(bad("headers", format!("headers[{i}] is not a [name, value] pair of strings"))),
                }
            }
        }
        ValueType::Object => {
            for name in js.own_keys(raw)? {
                let item = js.property(raw, &name)?;
                if let Some(v) = string(js, item)? {
                    headers.append(name, v);
                } else if js.type_of(item)? == ValueType::Object && js.is_array(item)? {
                    for i in 0..js.array_length(item)? {
                        let v = string(js, js.element(item, i)?)?
                            .ok_or_else(|| bad("headers", format!("header `{name}` has a value that is not a string")))?;
                        headers.append(name.clone(), v);
                    }
                } else {
                    return Err(bad("headers", format!("header `{name}` is not a string")));
                }
            }
        }
        other => return Err(bad("headers", format!("expected [name, value] pairs or an object, got {}", describe(other)))),
    }

    let raw = js.property(value, "body")?;
    let body = match js.type_of(raw)? {
        ValueType::Undefined | ValueType::Null => Vec::new(),
        ValueType::String => js.string_value(raw)?.into_bytes(),
        ValueType::Object => js
            .bytes_value(raw)?
            .ok_or_else(|| bad("body", "expected a string, Uint8Array or ArrayBuffer".into()))?,
        other => return Err(bad("body", format!("expected a string, Uint8Array or ArrayBuffer, got {}", describe(other)))),
    };
    Ok(HttpResponse { status, headers, body })
}

/// A string value, or `None` for anything else.
fn string(js: Js, value: Raw) -> napi::Result<Option<String>> {
    Ok(match js.type_of(value)? {
        ValueType::String => Some(js.string_value(value)?),
        _ => None,
    })
}
