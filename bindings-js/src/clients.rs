//! The operations and clients (feature `clients`): `buildRequest`, `parseResponse`,
//! `operations()`, a client's calls, options, answers and hook events, the identification flow.

use std::borrow::Cow;

use kassa::catalog::{self, Entry};
use kassa::client::Client;
use kassa::exchange::CallOptions;
use kassa::operation::{read_named, Context, Kind, Provider};
use kassa::{Call, Error, HttpRequest, ResponseInput, ValidationCode};
use serde::{Deserialize, Serialize};

use crate::{text, thrown, De, Host, Out, Result, Shape};

fn operation_id<H: Host>(h: H, value: &H::Value) -> Result<String> {
    text(h, value, ValidationCode::UnknownOperation, "operation", "an operation id string (see operations())")
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

