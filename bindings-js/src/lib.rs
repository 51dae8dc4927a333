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

use kassa::functions::{Arguments, Function};
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
/// straight to the core's [`Function::TEXT`] form; every other call is bound and read through
/// the function's `Args`, which gives the same answer for that call (a core test holds the two
/// forms to it) and the errors naming the argument.
pub fn invoke<F: Function, H: Host>(h: H, positional: &[H::Value], options: &H::Value) -> Result<H::Value> {
    if let (Some(text), [value]) = (F::TEXT, positional) {
        if h.is_undefined(options) {
            if let Some(s) = h.text(value) {
                return kassa::Sink::emit(Out(h), &text(&s)?);
            }
        }
    }
    let args = Arguments::bind(&F::INFO, positional.iter().map(|v| De::new(h, v)), keywords(h, options)?)?;
    kassa::functions::invoke::<F, _, _>(args, Out(h))?
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
