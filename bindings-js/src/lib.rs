//! kassa's JavaScript conversion, written once for both JavaScript runtimes: the Node addon
//! (napi-rs) and the browser package (wasm-bindgen) each implement the small [`Host`] trait (read
//! a value's shape, make values) and call the generic entry points below, so that both convert
//! every value the same way, from one source.
//!
//! - [`De`]: a serde `Deserializer` of a JavaScript value, read straight into the core's types
//!   (params, configs, function arguments, `{status, headers, body}`);
//! - [`Ser`] / [`Out`]: a serde `Serializer` (and [`kassa::Sink`]) of the core's outputs;
//! - [`error`]: THE mapping of a [`kassa::Error`] to a JavaScript error object.
//!
//! # Kassa's rules, and why not the crates' own serde support
//!
//! Inputs: a safe-integer `number` (|n| ≤ 2^53 − 1) or any `bigint` within 64 bits is an integer;
//! every other finite number is a float (so the core refuses `2**53 + 2` or `1e300` for an id, and
//! `12.3` for an amount); `NaN`, infinities, functions, symbols and `Date`s are refused naming the
//! field; bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`, any typed view) are bytes, never a string;
//! `undefined` members are absent; a throwing getter's own exception is passed on unchanged;
//! nesting deeper than [`MAX_DEPTH`] (a cycle) is refused. Outputs (one place: [`Ser`]'s `int`):
//! a 64-bit id is a `bigint`, every other integer a `number`, never rounded (beyond 2^53 − 1 a
//! typed field is refused, free-form JSON gets a `bigint`); bytes a fresh `Uint8Array`, maps plain
//! objects.
//!
//! napi's serde support (feature `serde-json`) cannot keep these rules: its `De` turns any number
//! whose fraction is below `f64::EPSILON` into an `i64` with `as` (`2**53 + 2` reads as the
//! integer 9007199254740994, `1e300` as 9223372036854775807: silently wrong ids), and its `Ser`
//! writes an `i64` as a JS number (9007199254740993 arrives as 9007199254740992).
//! serde-wasm-bindgen reads numbers as kassa does, but can only write every 64-bit integer as a
//! `bigint` or none (kassa chooses per value: ids `bigint`, the rest `number`),
//! follows cycles until the stack overflows (which aborts the wasm instance), reads a `Date` as
//! `{}` and cannot pass a getter's exception on; and two crates would be two sets of rules.

#![warn(missing_docs)]
// The core's `Error` is large (an API error carries the body); it is returned as it is.
#![allow(clippy::result_large_err)]

#[cfg(feature = "clients")]
mod clients;
mod de;
mod generated;
mod ser;

use std::borrow::Cow;

use kassa::functions::{Arguments, Function, Loose};
use kassa::{Error, ValidationCode};

#[cfg(feature = "clients")]
pub use clients::*;
pub use de::{De, MAX_DEPTH};
pub use ser::{Out, Ser, SerError};

/// A failed conversion: a refusal (the core's readers add the field's path), a map key that is
/// no string, or the engine's failure. serde's own error type serves both directions.
pub type ConvertError = serde::de::value::Error;

/// What a thrown exception becomes in a conversion (the exception itself is kept by the host).
const THROWN: &str = "a JavaScript exception was thrown (or the engine failed) while converting a value";

impl From<Thrown> for ConvertError {
    fn from(_: Thrown) -> Self {
        serde::de::Error::custom(THROWN)
    }
}

impl From<Thrown> for kassa::input::InputError {
    fn from(_: Thrown) -> Self {
        kassa::input::InputError::new(THROWN)
    }
}

/// The engine threw (a getter, a `Proxy` trap) or failed to make a value. The exception is kept
/// by the host ([`Host`] docs) and is what the binding throws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Thrown;

/// What a JavaScript value is, as far as kassa reads it.
pub enum Shape<V> {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A `bigint`, `None` when it needs more than 128 bits.
    BigInt(Option<i128>),
    /// A string (lone surrogates as U+FFFD).
    Str(String),
    /// An array's elements.
    Seq(Vec<V>),
    /// The bytes of a `Uint8Array`, `Buffer`, other typed view or `ArrayBuffer`, copied.
    Bytes(Vec<u8>),
    /// Any other object: read by its own enumerable string keys (or, without any, as the items
    /// it iterates: a `Map`, a fetch `Headers`).
    Object,
    /// A value kassa refuses, by its kind: `"function"`, `"symbol"`, `"Date"`.
    Refused(&'static str),
}

/// One JavaScript engine, as the converters see it: a handle to the running call's values.
///
/// Methods that may run JavaScript (a getter, a `Proxy` trap, an iterator) fail with [`Thrown`];
/// the host keeps the exception (napi leaves it pending in the engine; the wasm host stores it)
/// and the binding throws it instead of the kassa error the failure became.
pub trait Host: Copy {
    /// A value handle, valid during the current call.
    type Value: Clone;

    /// What `value` is.
    fn shape(self, value: &Self::Value) -> Result<Shape<Self::Value>, Thrown>;
    /// Whether `value` is `undefined`.
    fn is_undefined(self, value: &Self::Value) -> bool;
    /// The text of `value` when it is a string (never runs JavaScript); `None` for any other
    /// value, and by default (a host without a cheap check: its calls take the general path).
    fn text(self, value: &Self::Value) -> Option<String> {
        let _ = value;
        None
    }
    /// `f` of the text of `value` when it is a string (never runs JavaScript); `None` for any
    /// other value. By default through [`Host::text`]; a host may lend the text from a buffer
    /// of its own instead of a fresh `String`.
    fn with_text<R>(self, value: &Self::Value, f: impl FnOnce(&str) -> R) -> Option<R> {
        self.text(value).map(|s| f(&s))
    }
    /// Appends the text of `value` to `out` when it is a string (never runs JavaScript); `false`
    /// for any other value. By default through [`Host::text`].
    fn append_text(self, value: &Self::Value, out: &mut String) -> bool {
        self.text(value).map(|s| out.push_str(&s)).is_some()
    }
    /// Whether `value` is `null`.
    fn is_null(self, value: &Self::Value) -> bool;
    /// The own enumerable string keys of an object (`Object.keys`).
    fn keys(self, object: &Self::Value) -> Result<Vec<String>, Thrown>;
    /// `object[key]`.
    fn get(self, object: &Self::Value, key: &str) -> Result<Self::Value, Thrown>;
    /// The items of an iterable object (`Array.from(value)`), `None` when it is not iterable.
    fn items(self, object: &Self::Value) -> Result<Option<Vec<Self::Value>>, Thrown>;

    /// `null`.
    fn null(self) -> Result<Self::Value, Thrown>;
    /// A boolean.
    fn boolean(self, b: bool) -> Result<Self::Value, Thrown>;
    /// A number.
    fn number(self, n: f64) -> Result<Self::Value, Thrown>;
    /// A `bigint`.
    fn bigint(self, n: i128) -> Result<Self::Value, Thrown>;
    /// A string.
    fn string(self, s: &str) -> Result<Self::Value, Thrown>;
    /// A fresh `Uint8Array` (not a `Buffer`) holding a copy of `bytes`.
    fn bytes(self, bytes: &[u8]) -> Result<Self::Value, Thrown>;
    /// An array of `items`.
    fn array(self, items: Vec<Self::Value>) -> Result<Self::Value, Thrown>;
    /// `{}`.
    fn object(self) -> Result<Self::Value, Thrown>;
    /// `object[key] = value`.
    fn set(self, object: &Self::Value, key: &str, value: Self::Value) -> Result<(), Thrown>;
    /// `new <class>(message)` of the registered error classes (`ValidationError`, ...), or an
    /// `Error` named `class` when none are registered.
    fn error(self, class: &str, message: &str) -> Result<Self::Value, Thrown>;
    /// Calls the facade's registered `protect(value, secretKeys)` on an output object or array
    /// holding ids (`bigint`s) or secrets: it gives the value a `toJSON` (ids as decimal strings,
    /// secrets `[redacted]`) and a redacting `util.inspect`. Nothing when none is registered.
    fn protect(self, value: &Self::Value, secret_keys: &[&str]) -> Result<(), Thrown>;
}

/// Results of the entry points: kassa's errors (which [`error`] turns into JavaScript errors).
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn string<H: Host>(h: H, value: &H::Value) -> Result<Option<String>, Thrown> {
    Ok(match h.shape(value)? {
        Shape::Str(s) => Some(s),
        _ => None,
    })
}

/// A string argument, or the validation error `code` naming `field`.
fn text<H: Host>(h: H, value: &H::Value, code: ValidationCode, field: &'static str, what: &str) -> Result<String> {
    string(h, value).map_err(thrown)?.ok_or_else(|| Error::validation(code, field, format!("expected {what}")))
}

/// A failure of the engine, as a kassa error (the binding throws the engine's exception instead).
fn thrown(_: Thrown) -> Error {
    Error::validation(ValidationCode::InvalidParams, "", "a JavaScript exception was thrown while reading the arguments")
}

/// `functionNames()`: every function's core name.
pub fn function_names<H: Host>(h: H) -> Result<H::Value> {
    let names: Vec<&str> = kassa::functions::list().iter().map(|f| f.name).collect();
    kassa::Sink::emit(Out(h), &names)
}

/// The keyword arguments of a function call: an options object's own keys (`undefined`/`null`:
/// none); anything but a plain object is refused, naming `options`.
fn keywords<H: Host>(h: H, options: &H::Value) -> Result<Vec<(Cow<'static, str>, De<H>)>> {
    match h.shape(options).map_err(thrown)? {
        Shape::Undefined | Shape::Null => return Ok(Vec::new()),
        Shape::Object => {}
        _ => return Err(Error::validation(ValidationCode::InvalidParams, "options", "expected an options object")),
    }
    let keys = h.keys(options).map_err(thrown)?;
    keys.into_iter()
        .map(|k| {
            let value = h.get(options, &k).map_err(thrown)?;
            Ok((Cow::Owned(k), De::new(h, &value)))
        })
        .collect()
}

/// One function's entry point (`iban.validate(s)`, `epc.parse(payload, {strict})`): `positional`
/// bound to its positional parameters, the options object's keys as the rest.
///
/// A validator called with one string and no options (`iban.validate(s)`, the common call) goes
/// straight to the core's [`Function::TEXT`] form, the text lent by the host; every other call is
/// bound and read through the function's `Args`, which gives the same answer for that call (a
/// core test holds the two forms to it) and the errors naming the argument. The result is
/// made by [`output_value`].
pub fn invoke<F: Function, H: Host>(h: H, positional: &[H::Value], options: &H::Value) -> Result<H::Value> {
    if let (Some(text), [value]) = (F::TEXT, positional) {
        if h.is_undefined(options) {
            if let Some(out) = h.with_text(value, text) {
                return output_value::<F, H>(h, &out?);
            }
        }
    }
    let args = Arguments::bind(&F::INFO, positional.iter().map(|v| De::new(h, v)), keywords(h, options)?)?;
    output_value::<F, H>(h, &kassa::functions::output::<F, _>(args)?)
}

/// The most keywords [`invoke_keywords`] reads (more take the general path).
pub const MAX_KEYWORDS: usize = 16;

/// The keyword form of `F` ([`Function::KEYWORDS`]) over `pairs`, the names and values of an
/// options object read by the facade (`[name, value, name, value, ...]`, each name a string): the
/// texts read into one buffer, no `Args`. `Ok(None)` when the call takes the general path (the
/// facade then passes the options object to [`invoke`]): a value other than a string, a finite
/// number, a boolean, `undefined` or `null`, more than [`MAX_KEYWORDS`] pairs, a function without
/// the form, or whatever the form leaves to the general path.
pub fn invoke_keywords<F: Function, H: Host>(h: H, pairs: &[H::Value]) -> Result<Option<H::Value>> {
    let Some(form) = F::KEYWORDS else { return Ok(None) };
    if pairs.len() % 2 != 0 || pairs.len() > 2 * MAX_KEYWORDS {
        return Ok(None);
    }
    // Every text into one buffer first (names and string values), then the pairs borrow it.
    enum Value {
        Absent,
        Text(usize, usize),
        Number(f64),
        Bool(bool),
    }
    let mut buffer = String::with_capacity(256);
    let mut read: [(usize, usize, Value); MAX_KEYWORDS] = std::array::from_fn(|_| (0, 0, Value::Absent));
    let n = pairs.len() / 2;
    for (slot, pair) in read.iter_mut().zip(pairs.chunks_exact(2)) {
        let start = buffer.len();
        if !h.append_text(&pair[0], &mut buffer) {
            return Ok(None);
        }
        let (end, value_start) = (buffer.len(), buffer.len());
        let value = if h.append_text(&pair[1], &mut buffer) {
            Value::Text(value_start, buffer.len())
        } else {
            match h.shape(&pair[1]).map_err(thrown)? {
                Shape::Undefined | Shape::Null => Value::Absent,
                Shape::Bool(b) => Value::Bool(b),
                Shape::Number(x) if x.is_finite() => Value::Number(x),
                _ => return Ok(None),
            }
        };
        *slot = (start, end, value);
    }
    let mut keywords: [(&str, Option<Loose<'_>>); MAX_KEYWORDS] = [("", None); MAX_KEYWORDS];
    for (out, (start, end, value)) in keywords.iter_mut().zip(&read[..n]) {
        let value = match *value {
            Value::Absent => None,
            Value::Text(a, b) => Some(Loose::Text(&buffer[a..b])),
            Value::Bool(b) => Some(Loose::Bool(b)),
            // A safe integer is an integer, every other finite number a float (as `De` reads them).
            Value::Number(x) if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER => Some(Loose::Int(x as i64)),
            Value::Number(x) => Some(Loose::Float(x)),
        };
        *out = (&buffer[*start..*end], value);
    }
    match form(&keywords[..n]) {
        None => Ok(None),
        Some(out) => output_value::<F, H>(h, &out?).map(Some),
    }
}

/// 2^53 − 1, the largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The JavaScript value of a function's result: a [`Check`](kassa::functions::Check) compactly
/// (the normal form when valid, `[code, message]` when not; the facade makes the `{valid,
/// value, code, message}` object, which costs a fraction in JavaScript of what four properties
/// set through the engine's API cost), anything else through [`Out`].
pub fn output_value<F: Function, H: Host>(h: H, out: &F::Output) -> Result<H::Value> {
    let Some(check) = F::as_check(out) else { return kassa::Sink::emit(Out(h), out) };
    let unwritable = |_: Thrown| Error::decode(F::INFO.name, THROWN);
    match (&check.value, &check.code, &check.message) {
        (Some(value), _, _) if check.valid => h.string(value).map_err(unwritable),
        (_, code, message) => {
            let code = h.string(code.as_deref().unwrap_or("")).map_err(unwritable)?;
            let message = h.string(message.as_deref().unwrap_or("")).map_err(unwritable)?;
            h.array(vec![code, message]).map_err(unwritable)
        }
    }
}

/// `callFunction(name, args, options)`: any function by its core name, `args` an array.
pub fn call_function<H: Host>(h: H, name: &H::Value, args: &H::Value, options: &H::Value) -> Result<H::Value> {
    let name = text(h, name, ValidationCode::UnknownFunction, "fn", "a function name string (see functionNames())")?;
    let info = kassa::functions::info(&name).ok_or_else(|| {
        Error::validation(ValidationCode::UnknownFunction, "fn", format!("`{name}` is not a kassa function"))
    })?;
    let positional = match h.shape(args).map_err(thrown)? {
        Shape::Undefined | Shape::Null => Vec::new(),
        Shape::Seq(items) => items,
        _ => return Err(Error::validation(ValidationCode::InvalidParams, "args", "expected an array of arguments")),
    };
    let args = Arguments::bind(info, positional.iter().map(|v| De::new(h, v)), keywords(h, options)?)?;
    kassa::functions::call(&name, args, Out(h))?
}

/// THE mapping of a kassa error to a JavaScript error: an instance of its class (by kind, the
/// `KassaError` fallback for a kind a newer core adds) whose message is the core's `Display`
/// (never a secret), with `kind`, `code` and the variant's fields:
///
/// | kind | class | fields |
/// |---|---|---|
/// | `validation` | `ValidationError` | `field: string` |
/// | `api` | `ApiError`, or by status `BadRequestError`, `AuthenticationError`, `PermissionDeniedError`, `NotFoundError`, `ConflictError`, `RateLimitError`, `ServerError` | `status: number`, `providerCode`, `providerMessage`, `requestId: string \| null`, `retryAfter: number \| null` (seconds), `location: string \| null`, `body: Uint8Array` |
/// | `transport` | `TransportError` | |
/// | `decode` | `DecodeError` | `field: string \| null`, `offset: number \| null` |
/// | `signature` | `SignatureError` | |
/// | `callback` | `CallbackError` | `description: string \| null` |
pub fn error<H: Host>(h: H, e: &Error) -> Result<H::Value, Thrown> {
    let class = match e {
        Error::Validation(_) => "ValidationError",
        Error::Api(a) => a.category().error_class(),
        Error::Transport(_) => "TransportError",
        Error::Decode(_) => "DecodeError",
        Error::Signature(_) => "SignatureError",
        Error::Callback(_) => "CallbackError",
        _ => "KassaError",
    };
    let object = h.error(class, &e.to_string())?;
    let set = |key: &str, value: Result<H::Value, Thrown>| h.set(&object, key, value?);
    let text = |s: Option<&str>| s.map_or_else(|| h.null(), |s| h.string(s));
    set("kind", h.string(e.kind()))?;
    set("code", h.string(e.code()))?;
    match e {
        Error::Validation(v) => set("field", h.string(&v.field))?,
        Error::Api(a) => {
            set("status", h.number(f64::from(a.status)))?;
            set("providerCode", text(a.provider_code.as_deref()))?;
            set("providerMessage", text(a.message.as_deref()))?;
            set("requestId", text(a.request_id.as_deref()))?;
            set("retryAfter", a.retry_after.map_or_else(|| h.null(), |s| h.number(s as f64)))?;
            set("location", text(a.location.as_deref()))?;
            set("body", h.bytes(&a.body))?;
        }
        Error::Decode(d) => {
            set("field", text(d.field.as_deref()))?;
            set("offset", d.offset.map_or_else(|| h.null(), |o| h.number(o as f64)))?;
        }
        Error::Callback(c) => set("description", text(c.description.as_deref()))?,
        _ => {}
    }
    Ok(object)
}
