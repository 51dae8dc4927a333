//! The native client behind `PassportReader`, `Billit` and `Solaris`: a thin shell over the
//! core's [`kassa::client::Client`] (the config read and checked once, plus whatever state the
//! provider keeps between calls: Solaris's OAuth token), one pooled [`ReqwestExchange`] on napi's
//! tokio runtime, and [`kassa::parse_response_at`](kassa::operation::parse_response_at) into
//! JavaScript values on the JS thread. The identification flow is the core's
//! [`identity_start`](kassa::client::Client::identity_start) /
//! [`identity_check`](kassa::client::Client::identity_check).

use std::sync::Arc;

use kassa::exchange::Exchange as _;
use kassa::transport::ReqwestExchange;
use kassa::Sink as _;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, JsValue, Result, ValueType};
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{self, operation_id, to_json, Input};
use crate::errors::{js_error, Fail};
use crate::js::{Js, JsOut};
use crate::output::NapiSink;

/// A client of one provider: `new Client(provider, config)`; `call(operation, params)` returns a
/// Promise of the parsed output. The config (credentials included) stays in Rust; `toString()`
/// shows the core's description of the client, which holds no secret.
#[napi]
pub struct Client {
    inner: Arc<kassa::client::Client>,
    exchange: ReqwestExchange,
}

#[napi]
impl Client {
    /// Reads and checks `config` for `provider` (a provider of `operations()`); throws a
    /// `ValidationError` naming the field when it is wrong.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, provider: Unknown, config: Unknown) -> Result<Self> {
        let js = Js(env.raw());
        Self::create(js, provider, config).map_err(|f| f.into_napi(js))
    }

    fn create(js: Js, provider: Unknown, config: Unknown) -> std::result::Result<Self, Fail> {
        let provider = match js.type_of(provider.raw())? {
            ValueType::String => js.string_value(provider.raw())?,
            _ => String::new(),
        };
        let config = to_json(js, config.raw(), Input::Config)?;
        let inner = kassa::client::Client::new(&provider, &config)?;
        let exchange = ReqwestExchange::new().map_err(kassa::Error::from)?;
        Ok(Client { inner: Arc::new(inner), exchange })
    }

    /// The provider, e.g. `"passportreader"`.
    #[napi(getter)]
    pub fn provider(&self) -> &'static str {
        self.inner.provider()
    }

    /// Sends operation `operation` (an id of this provider) with `params`; the Promise resolves
    /// to the parsed output (integers as bigint) or rejects with a kassa error (bad params too:
    /// the core refuses them before anything is sent). Values that have no JSON meaning throw
    /// synchronously (`index.js` turns that into a rejection).
    #[napi(catch_unwind)]
    pub fn call<'env>(&self, env: &'env Env, operation: Unknown, params: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let js = Js(env.raw());
        let (id, params) = self.read(js, operation, params).map_err(|f| f.into_napi(js))?;
        let client = Arc::clone(&self.inner);
        let exchange = self.exchange.clone();
        env.spawn_future_with_callback(
            async move {
                let sent = client.send(&exchange, &id, &params).await;
                Ok((id, sent.map(|response| (response, exchange.now_unix()))))
            },
            move |env, (id, sent)| {
                let js = Js(env.raw());
                sent.and_then(|(response, now)| kassa::operation::parse_response_at(&id, &response, now, NapiSink(js))?)
                    .map(JsOut)
                    .map_err(|e| js_error(js, &e))
            },
        )
    }

    /// Reads the operation id and params. The core's client checks both (this provider's
    /// operation, the params) before anything is sent, Solaris's token request included.
    fn read(&self, js: Js, operation: Unknown, params: Unknown) -> std::result::Result<(String, Value), Fail> {
        let id = operation_id(js, operation.raw())?;
        let params = to_json(js, params.raw(), Input::Params)?;
        Ok((id, params))
    }

    /// Starts an identification (`{subject, returnUrl, method}`, either spelling of
    /// `return_url`) with this client's provider; the Promise resolves to `{provider, url, token,
    /// expires_at, reference}` (`expires_at` a bigint or null). Bad params throw synchronously.
    #[napi(js_name = "identityStart", catch_unwind)]
    pub fn identity_start<'env>(&self, env: &'env Env, params: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let js = Js(env.raw());
        let read = || -> std::result::Result<kassa::identity::StartParams, Fail> {
            let params = start_params(js, params)?;
            // Refuse what the flow refuses (no subject, Billit without return_url) before a
            // Promise exists; the core's client checks the operation's params before sending.
            kassa::identity::start_operation(self.inner.provider(), &params)?;
            Ok(params)
        };
        let params = read().map_err(|f| f.into_napi(js))?;
        let client = Arc::clone(&self.inner);
        let exchange = self.exchange.clone();
        env.spawn_future_with_callback(
            async move { Ok(client.identity_start(&exchange, &params).await) },
            move |env, started| {
                let js = Js(env.raw());
                started.and_then(|s| NapiSink(js).emit(&s)).map(JsOut).map_err(|e| js_error(js, &e))
            },
        )
    }

    /// Asks the provider where the identification `reference` stands (Billit has no status call:
    /// pending until `expiresAt`, then expired); resolves to `{status, reason, provider_status,
    /// reference}`. `options.expiresAt` (Unix seconds) is `identityStart`'s `expires_at`.
    #[napi(js_name = "identityCheck", catch_unwind)]
    pub fn identity_check<'env>(&self, env: &'env Env, reference: Unknown, options: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let js = Js(env.raw());
        let read = || -> std::result::Result<(String, Option<u64>), Fail> {
            let reference = match js.type_of(reference.raw())? {
                ValueType::String => js.string_value(reference.raw())?,
                _ => {
                    return Err(kassa::Error::validation("invalid_params", "reference", "expected the reference string identityStart returned").into())
                }
            };
            let [expires_at] = convert::option_values(js, options.raw(), [("expiresAt", "expires_at")])?;
            let expires_at = match expires_at {
                Some(raw) => convert::unix_seconds(js, raw, "expires_at")?,
                None => None,
            };
            // A malformed reference is refused before a Promise exists.
            kassa::identity::poll_operation(&reference)?;
            Ok((reference, expires_at))
        };
        let (reference, expires_at) = read().map_err(|f| f.into_napi(js))?;
        let client = Arc::clone(&self.inner);
        let exchange = self.exchange.clone();
        env.spawn_future_with_callback(
            async move { Ok(client.identity_check(&exchange, &reference, expires_at).await) },
            move |env, outcome| {
                let js = Js(env.raw());
                outcome.and_then(|o| NapiSink(js).emit(&o)).map(JsOut).map_err(|e| js_error(js, &e))
            },
        )
    }

    /// The core's description of the client (provider, base URL, environment; never a secret).
    #[napi(js_name = "toString")]
    pub fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}

/// `{subject, returnUrl, method}` as the core's [`StartParams`](kassa::identity::StartParams);
/// a refusal (missing subject, unknown key, wrong type) is `invalid_params` naming the field.
fn start_params(js: Js, params: Unknown) -> std::result::Result<kassa::identity::StartParams, Fail> {
    let value = to_json(js, params.raw(), Input::Params)?;
    kassa::operation::read_config(&value).map_err(|e| match e {
        // The core's reader names the field; these are params, not config.
        kassa::Error::Validation(mut v) => {
            v.code = "invalid_params";
            Fail::Kassa(kassa::Error::Validation(v))
        }
        other => Fail::Kassa(other),
    })
}
