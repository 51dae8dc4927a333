//! The native client behind `PassportReader` (and every provider client to come): a thin shell
//! over the core's [`kassa::client::Client`] (the config read and checked once, plus whatever
//! state the provider keeps between calls), one pooled [`ReqwestExchange`] on napi's tokio
//! runtime, and [`kassa::parse_response_at`](kassa::operation::parse_response_at) into JavaScript
//! values on the JS thread.

use std::sync::Arc;

use kassa::exchange::Exchange as _;
use kassa::transport::ReqwestExchange;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, JsValue, Result, ValueType};
use napi_derive::napi;
use serde_json::Value;

use crate::convert::{operation_id, to_json, Input};
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
    /// to the parsed output (integers as bigint) or rejects with a kassa error. Bad input throws
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

    /// Reads the operation id and params; the core checks both before anything is sent.
    fn read(&self, js: Js, operation: Unknown, params: Unknown) -> std::result::Result<(String, Value), Fail> {
        let id = operation_id(js, operation.raw())?;
        let params = to_json(js, params.raw(), Input::Params)?;
        // Refuse bad params before a Promise exists (the core checks them again when sending).
        self.inner.prepare(&id, &params)?;
        Ok((id, params))
    }

    /// The core's description of the client (provider, base URL, environment; never a secret).
    #[napi(js_name = "toString")]
    pub fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}
