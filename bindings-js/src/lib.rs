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
//! nesting deeper than [`MAX_DEPTH`] (a cycle) is refused. Outputs: every integer is a `bigint`
//! (one place: [`Ser`]'s `int`), bytes a fresh `Uint8Array`, maps plain objects.
//!
//! napi's serde support (feature `serde-json`) cannot keep these rules: its `De` turns any number
//! whose fraction is below `f64::EPSILON` into an `i64` with `as` (`2**53 + 2` reads as the
//! integer 9007199254740994, `1e300` as 9223372036854775807: silently wrong ids), and its `Ser`
//! writes an `i64` as a JS number (9007199254740993 arrives as 9007199254740992).
//! serde-wasm-bindgen reads numbers as kassa does, but can only write every 64-bit integer as a
//! `bigint` or none (the later switch of small integers to `number` needs the choice per value),
//! follows cycles until the stack overflows (which aborts the wasm instance), reads a `Date` as
//! `{}` and cannot pass a getter's exception on; and two crates would be two sets of rules.

#![warn(missing_docs)]
// The core's `Error` is large (an API error carries the body); it is returned as it is.
#![allow(clippy::result_large_err)]

mod de;
mod generated;
mod ser;

use std::borrow::Cow;

use kassa::catalog::{self, Entry};
use kassa::client::Client;
use kassa::functions::{Arguments, Function};
use kassa::operation::{read_named, Context, Kind, Provider};
use kassa::exchange::CallOptions;
use kassa::error::ApiCategory;
use kassa::{Call, Error, HttpRequest, ResponseInput, ValidationCode};
use serde::{Deserialize, Serialize};

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

fn operation_id<H: Host>(h: H, value: &H::Value) -> Result<String> {
    text(h, value, ValidationCode::UnknownOperation, "operation", "an operation id string (see operations())")
}

/// A failure of the engine, as a kassa error (the binding throws the engine's exception instead).
fn thrown(_: Thrown) -> Error {
    Error::validation(ValidationCode::InvalidParams, "", "a JavaScript exception was thrown while reading the arguments")
}

/// `{now}` of `parseResponse`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NowOptions {
    #[serde(default)]
    now: Option<u64>,
}

/// `{expiresAt}` of `client.identity.check`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckOptions {
    #[serde(default, alias = "expiresAt")]
    expires_at: Option<u64>,
}

/// An options object (`undefined`/`null`: none), its keys checked; a refusal names the key.
fn options<T: serde::de::DeserializeOwned, H: Host>(h: H, value: &H::Value) -> Result<T> {
    read_named(ValidationCode::InvalidParams, "options", De::params(h, value))
}

/// A built request as the facade's `HttpRequest` takes it: what is sent (`method`, `url`,
/// `headers`, `body`), what `toJSON()` shows (`json`: credential header values redacted, the body
/// as lossy UTF-8 text) and what `toString()` shows (`text`: the core's redacted `Debug`).
#[derive(Serialize)]
struct Built<'a> {
    method: &'static str,
    url: &'a str,
    headers: Vec<(&'a str, &'a str)>,
    #[serde(serialize_with = "kassa::wire::as_bytes")]
    body: &'a [u8],
    json: Redacted<'a>,
    text: String,
}

#[derive(Serialize)]
struct Redacted<'a> {
    method: &'static str,
    url: &'a str,
    headers: Vec<(&'a str, &'a str)>,
    body: std::borrow::Cow<'a, str>,
}

/// `buildRequest(operation, params, config)` ([`Built`]): `params` and `config` nullish are `{}`;
/// a multipart upload whose params give no boundary gets one from `random` (samples in `[0, 1)`).
pub fn build_request<H: Host>(
    h: H,
    operation: &H::Value,
    params: &H::Value,
    config: &H::Value,
    random: impl FnMut() -> f64,
) -> Result<H::Value> {
    let id = operation_id(h, operation)?;
    let context = Context::with_random_boundary(random);
    let call = catalog::call(&id, De::params(h, params))?;
    let config = kassa::AnyConfig::read(call.info().provider, De::params(h, config))?;
    let r: HttpRequest = call.prepare(&config, &context)?.request;
    let mut secrets = config.secrets();
    secrets.extend(call.secrets());
    let (method, url) = (r.method.as_str(), r.url.as_str());
    let json = Redacted {
        method,
        url,
        headers: r.headers.iter().map(|(n, v)| (n, if kassa::http::is_sensitive_header(n) { "[redacted]" } else { v })).collect(),
        body: Cow::Owned(secrets.scrub(&String::from_utf8_lossy(&r.body))),
    };
    let built = Built { method, url, headers: r.headers.iter().collect(), body: &r.body, json, text: format!("{r:?}") };
    kassa::Sink::emit(Out(h), &built)
}

/// `parseResponse(operation, {status, headers, body}, {now})`: the output, or the provider's
/// error as a kassa error.
pub fn parse_response<H: Host>(h: H, operation: &H::Value, response: &H::Value, opts: &H::Value) -> Result<H::Value> {
    let id = operation_id(h, operation)?;
    let response = ResponseInput::read(De::new(h, response))?;
    let NowOptions { now } = options(h, opts)?;
    catalog::parse_response_at(&id, &response, now, Out(h))?
}

/// One entry of `operations()`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntryJs<'a> {
    id: &'a str,
    kind: &'a str,
    provider: Option<&'a str>,
    method: Option<&'a str>,
    path: Option<&'a str>,
    retry_safe: bool,
    params: &'a str,
    output: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    positional: Option<&'a [&'static str]>,
}

/// `operations()`: every catalog entry ([`catalog::entries`]), `positional` on the callable ones.
pub fn operations<H: Host>(h: H) -> Result<H::Value> {
    let entries: Vec<EntryJs> = catalog::entries()
        .iter()
        .map(|e: &Entry| EntryJs {
            id: e.id,
            kind: e.kind.as_str(),
            provider: e.provider.map(Provider::as_str),
            method: e.method.map(|m| m.as_str()),
            path: e.path,
            retry_safe: e.retry_safe,
            params: &e.params,
            output: &e.output,
            positional: matches!(e.kind, Kind::Function | Kind::Callback).then_some(e.positional),
        })
        .collect();
    kassa::Sink::emit(Out(h), &entries)
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

/// `new Client(provider, config)`: the core's client of `provider` (a provider name), its config
/// (nullish: `{}`) read and checked.
pub fn client<H: Host>(h: H, provider: &H::Value, config: &H::Value) -> Result<Client> {
    let name = text(h, provider, ValidationCode::UnknownProvider, "provider", "a provider name")?;
    Client::new(Provider::from_name(&name)?, De::params(h, config))
}

/// A client's per-call options (`{timeout, deadline, maxRetries, retry, extraHeaders,
/// idempotencyKey}`, nullish: none), read by the core; a refusal is `invalid_option` naming the
/// option in camelCase, as JavaScript callers write it.
pub fn call_options<H: Host>(h: H, options: &H::Value) -> Result<CallOptions> {
    if let Shape::Seq(_) = h.shape(options).map_err(thrown)? {
        return Err(Error::validation(ValidationCode::InvalidOption, "options", "expected an options object"));
    }
    CallOptions::read(De::params(h, options)).map_err(camel_option)
}

/// `snake_case` to `camelCase`, as JavaScript callers name kassa's own options.
fn camel(name: &str) -> String {
    let mut parts = name.split('_');
    let first = parts.next().unwrap_or_default().to_owned();
    parts.fold(first, |out, p| out + &p[..p.len().min(1)].to_ascii_uppercase() + p.get(1..).unwrap_or_default())
}

fn camel_option(e: Error) -> Error {
    match e {
        Error::Validation(mut v) if v.code == ValidationCode::InvalidOption => {
            v.field = Cow::Owned(camel(&v.field));
            v.message = v.message.replace("idempotency_key", "idempotencyKey").replace("max_retries", "maxRetries");
            Error::Validation(v)
        }
        other => other,
    }
}

/// `client.call(operation, params, options)`: the call, its params and `options` (over the
/// client's `defaults`) read and checked before anything is sent.
pub fn call<H: Host>(
    h: H,
    client: &Client,
    operation: &H::Value,
    params: &H::Value,
    options: &H::Value,
    defaults: &CallOptions,
) -> Result<(Call, CallOptions)> {
    let call = client.call(&operation_id(h, operation)?, De::params(h, params))?;
    let options = defaults.merged(&call_options(h, options)?);
    client.check_options(&call, &options).map_err(camel_option)?;
    Ok((call, options))
}

/// What `withRawResponse` methods give: the output and what came with it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RawResponse<'a> {
    status: u16,
    headers: &'a [(String, String)],
    request_id: Option<&'a str>,
    attempts: u32,
}

/// The answer to `call`: the output parsed by `client` (errors scrubbed of its secrets), or with
/// `raw` `{data, status, headers, requestId, attempts}`.
pub fn answer<H: Host>(h: H, client: &Client, call: &Call, sent: &kassa::exchange::Sent, now: Option<u64>, raw: bool) -> Result<H::Value> {
    let data = client.parse_response(call, &sent.response, now, Out(h))??;
    if !raw {
        return Ok(data);
    }
    let meta = client.meta(call, sent);
    let raw = RawResponse { status: meta.status, headers: &meta.headers, request_id: meta.request_id.as_deref(), attempts: meta.attempts };
    let object = kassa::Sink::emit(Out(h), &raw)?;
    h.set(&object, "data", data).map_err(thrown)?;
    Ok(object)
}

/// One attempt as the `onRequest` / `onResponse` hooks see it (owned: it may cross threads).
/// Before the attempt: `{operation, method, url, attempt}`; after it also `status`, `error` (the
/// transport error's code), `durationMs`, `requestId`, `retry` and `retryAfterMs`. No header, no
/// body; the URL and request id are scrubbed of the client's secrets (a provider may echo them).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AttemptEvent {
    operation: &'static str,
    method: &'static str,
    url: String,
    attempt: u32,
    #[serde(flatten)]
    outcome: Option<Outcome>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Outcome {
    status: Option<u16>,
    error: Option<&'static str>,
    duration_ms: Option<u64>,
    request_id: Option<String>,
    retry: bool,
    retry_after_ms: Option<u64>,
}

impl AttemptEvent {
    /// The event of `attempt` (`done`: it ended), scrubbed of `client`'s secrets.
    pub fn new(client: &Client, attempt: &kassa::exchange::Attempt<'_>, done: bool) -> Self {
        let secrets = client.secrets();
        let outcome = done.then(|| Outcome {
            status: attempt.status,
            error: attempt.error,
            duration_ms: attempt.duration_ms,
            request_id: attempt.request_id.map(|id| secrets.scrub(id)),
            retry: attempt.retry_after_ms.is_some(),
            retry_after_ms: attempt.retry_after_ms,
        });
        AttemptEvent { operation: attempt.operation, method: attempt.method, url: secrets.scrub(attempt.url), attempt: attempt.attempt, outcome }
    }

    /// One line for a log (`KASSA_LOG=debug`).
    pub fn line(&self) -> String {
        let mut line = format!("kassa: {} {} {} attempt={}", self.operation, self.method, self.url, self.attempt);
        if let Some(o) = &self.outcome {
            let opt = |v: Option<String>| v.unwrap_or_else(|| "-".into());
            line += &format!(
                " status={} error={} duration_ms={} request_id={} retry={}",
                opt(o.status.map(|s| s.to_string())),
                o.error.unwrap_or("-"),
                opt(o.duration_ms.map(|d| d.to_string())),
                o.request_id.as_deref().unwrap_or("-"),
                opt(o.retry_after_ms.map(|ms| format!("after_{ms}ms"))),
            );
        }
        line
    }
}

/// A call's cancellation (the facade's `AbortSignal`): [`Cancel::run`] ends its work, dropping
/// the request in flight, as soon as [`Cancel::cancel`] is called.
#[derive(Clone, Default)]
pub struct Cancel(std::sync::Arc<std::sync::Mutex<(bool, Option<std::task::Waker>)>>);

impl Cancel {
    /// Cancels the work [`Cancel::run`] runs (now, or as soon as it starts).
    pub fn cancel(&self) {
        let mut state = self.0.lock().unwrap_or_else(|p| p.into_inner());
        state.0 = true;
        if let Some(waker) = state.1.take() {
            waker.wake();
        }
    }

    /// `work`, or a `transport` error once cancelled (the facade rejects with the signal's reason).
    pub async fn run<T>(self, work: impl std::future::Future<Output = Result<T>>) -> Result<T> {
        let mut work = std::pin::pin!(work);
        std::future::poll_fn(move |cx| {
            {
                let mut state = self.0.lock().unwrap_or_else(|p| p.into_inner());
                if state.0 {
                    return std::task::Poll::Ready(Err(Error::Transport(kassa::TransportError::new(
                        kassa::TransportKind::Other,
                        "the call was aborted (its AbortSignal)",
                    ))));
                }
                state.1 = Some(cx.waker().clone());
            }
            work.as_mut().poll(cx)
        })
        .await
    }
}

/// `config` with what it leaves out read from the environment (`lookup`, Node's process
/// environment) by the core's [`catalog::env_keys`]: the credentials only when `config` gives
/// none of them, `environment` when it gives none. A `config` that is not an object is left as
/// it is (the core refuses it).
pub fn with_env<H: Host>(h: H, provider: &H::Value, config: &H::Value, lookup: impl Fn(&str) -> Option<String>) -> Result<H::Value> {
    let Ok(provider) = Provider::from_name(&text(h, provider, ValidationCode::UnknownProvider, "provider", "a provider name")?) else {
        return Ok(config.clone());
    };
    let keys = match h.shape(config).map_err(thrown)? {
        Shape::Object => h.keys(config).map_err(thrown)?,
        Shape::Undefined | Shape::Null => Vec::new(),
        _ => return Ok(config.clone()),
    };
    let given = |key: &str| -> Result<bool> {
        let present = |k: &str| -> Result<bool> { Ok(keys.iter().any(|x| x == k) && !h.is_undefined(&h.get(config, k).map_err(thrown)?)) };
        Ok(present(key)? || present(&camel(key))?)
    };
    let mut credentials_given = false;
    for (_, key) in catalog::env_keys(provider).iter().filter(|(_, k)| *k != "environment") {
        credentials_given |= given(key)?;
    }
    let merged = h.object().map_err(thrown)?;
    for key in &keys {
        h.set(&merged, key, h.get(config, key).map_err(thrown)?).map_err(thrown)?;
    }
    for (variable, key) in catalog::env_keys(provider) {
        let wanted = if *key == "environment" { !given(key)? } else { !credentials_given };
        if let Some(value) = lookup(variable).filter(|v| wanted && !v.trim().is_empty()) {
            h.set(&merged, key, h.string(&value).map_err(thrown)?).map_err(thrown)?;
        }
    }
    Ok(merged)
}

/// `client.identity.start(params)`: the start params, checked as the client will send them.
pub fn identity_start<H: Host>(h: H, client: &Client, params: &H::Value) -> Result<kassa::identity::StartParams> {
    let params = read_named(ValidationCode::InvalidParams, "params", De::params(h, params))?;
    client.identity_call(&params)?;
    Ok(params)
}

/// `client.identity.check(reference, {expiresAt})`: the reference and the expiry.
pub fn identity_check<H: Host>(h: H, reference: &H::Value, opts: &H::Value) -> Result<(String, Option<u64>)> {
    let reference = text(h, reference, ValidationCode::InvalidParams, "reference", "the reference string identity.start returned")?;
    let CheckOptions { expires_at } = options(h, opts)?;
    kassa::identity::poll_operation(&reference)?;
    Ok((reference, expires_at))
}

/// Whether `provider` has an identification flow (every client but Digiteal's): asks the core.
pub fn identifies(provider: Provider) -> bool {
    let probe = kassa::identity::StartParams { subject: "-".into(), return_url: Some("https://-".into()), method: None };
    kassa::identity::start_operation(provider, &probe).is_ok()
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
        Error::Api(a) => match a.category() {
            ApiCategory::BadRequest => "BadRequestError",
            ApiCategory::Authentication => "AuthenticationError",
            ApiCategory::PermissionDenied => "PermissionDeniedError",
            ApiCategory::NotFound => "NotFoundError",
            ApiCategory::Conflict => "ConflictError",
            ApiCategory::RateLimit => "RateLimitError",
            ApiCategory::Server => "ServerError",
            _ => "ApiError",
        },
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
