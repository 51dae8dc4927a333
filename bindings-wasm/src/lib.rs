//! kassa for the browser: the native half of `kassa-web` (wasm-bindgen), converting with the one
//! JavaScript converter (`kassa_js`, over the wasm-bindgen host in `host.rs`). It exports the
//! sans-IO functions, the native [`Client`] (the core's client over `fetch`) and
//! one entry point per kassa function (`iban__validate`, ..., from the generated table
//! `kassa_js::for_each_function!`); the shared facade (`bindings-js/facade.js`) makes the package
//! of them, and the shared `kassa.d.ts` types it (wasm-bindgen's own declarations are not used).
//!
//! ```js
//! import init, { PassportReader, buildRequest } from "kassa-web";
//! await init();
//! const client = new PassportReader({ publicKey: "public-key-...", secret: "secret-..." });
//! const { id, token } = await client.session.create({ reference: "order-1" });
//! ```

#![warn(missing_docs)]

mod fetch;
#[macro_use]
mod host;

use std::rc::Rc;

use js_sys::Promise;
use kassa::exchange::{CallOptions, Exchange as _};
use kassa_js::Cancel;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

pub use fetch::FetchExchange;
pub use host::register_error_classes;
use host::{done, fail, Web};

/// `buildRequest(operation, params, config)` (see `kassa_js::build_request`).
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(operation: JsValue, params: JsValue, config: JsValue) -> Result<JsValue, JsValue> {
    done(kassa_js::build_request(Web, &operation, &params, &config, js_sys::Math::random))
}

/// `parseResponse(operation, {status, headers, body}, {now})`.
#[wasm_bindgen(js_name = parseResponse)]
pub fn parse_response(operation: JsValue, response: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    done(kassa_js::parse_response(Web, &operation, &response, &options))
}

/// `operations()`: every catalog entry.
#[wasm_bindgen]
pub fn operations() -> Result<JsValue, JsValue> {
    done(kassa_js::operations(Web))
}

/// `callFunction(name, args, options)`: any function by its core name.
#[wasm_bindgen(js_name = callFunction)]
pub fn call_function(name: JsValue, args: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    done(kassa_js::call_function(Web, &name, &args, &options))
}

/// `functionNames()`: every function's core name.
#[wasm_bindgen(js_name = functionNames)]
pub fn function_names() -> Result<JsValue, JsValue> {
    done(kassa_js::function_names(Web))
}

kassa_js::for_each_function!(entry_points);

/// `new Client(provider, config, hook)`: the core's client of one provider, sending with `fetch`
/// (attempts reported to the facade's hook dispatcher, when given), with its default per-call
/// options; `toString()` shows the core's description of it, which holds no secret.
#[wasm_bindgen]
pub struct Client {
    inner: Rc<kassa::client::Client>,
    exchange: FetchExchange,
    defaults: CallOptions,
}

/// `new Cancel()`: what the facade's `AbortSignal` listener cancels a call with.
#[wasm_bindgen(js_name = Cancel)]
#[derive(Default)]
pub struct Cancellation(Cancel);

#[wasm_bindgen(js_class = Cancel)]
impl Cancellation {
    /// A cancellation not triggered yet.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Cancellation {
        Cancellation::default()
    }

    /// Ends the call (now, or as soon as it starts).
    pub fn cancel(&self) {
        self.0.cancel();
    }

    /// A handle to the same cancellation, for `call` (which takes it over).
    pub fn share(&self) -> Cancellation {
        Cancellation(self.0.clone())
    }
}

/// A Promise of `work`'s value.
fn promise(work: impl std::future::Future<Output = kassa_js::Result<JsValue>> + 'static) -> Promise {
    future_to_promise(async move { work.await.map_err(fail) })
}

#[wasm_bindgen]
impl Client {
    /// Reads and checks `config` for `provider`; throws a `ValidationError` naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(provider: JsValue, config: JsValue, hook: Option<js_sys::Function>) -> Result<Client, JsValue> {
        let inner = Rc::new(kassa_js::client(Web, &provider, &config).map_err(fail)?);
        let exchange = FetchExchange::hooked(hook.map(|function| fetch::Hook { client: Rc::clone(&inner), function }));
        Ok(Client { inner, exchange, defaults: CallOptions::default() })
    }

    /// The provider, e.g. `"passportreader"`.
    #[wasm_bindgen(getter)]
    pub fn provider(&self) -> String {
        self.inner.provider().as_str().to_owned()
    }

    /// A client sharing this one's config, token and hooks, whose calls have `options` (over this
    /// client's) unless they give their own.
    #[wasm_bindgen(js_name = withOptions)]
    pub fn with_options(&self, options: JsValue) -> Result<Client, JsValue> {
        let options = kassa_js::call_options(Web, &options).map_err(fail)?;
        Ok(Client { inner: Rc::clone(&self.inner), exchange: self.exchange.clone(), defaults: self.defaults.merged(&options) })
    }

    /// Sends `operation` with `params` and `options`: a Promise of the output (`raw`: of
    /// `{data, status, headers, requestId, attempts}`). Bad input throws (the facade's `async`
    /// methods make that a rejection); `cancel` ends the call.
    pub fn call(&self, operation: JsValue, params: JsValue, options: JsValue, raw: bool, cancel: Option<Cancellation>) -> Result<Promise, JsValue> {
        let (call, options) = kassa_js::call(Web, &self.inner, &operation, &params, &options, &self.defaults).map_err(fail)?;
        let (client, exchange) = (Rc::clone(&self.inner), self.exchange.clone());
        let cancel = cancel.map(|c| c.0).unwrap_or_default();
        Ok(promise(cancel.run(async move {
            let sent = client.send_with(&exchange, &call, &options).await?;
            kassa_js::answer(Web, &client, &call, &sent, exchange.now_unix(), raw)
        })))
    }

    /// `identity.start(params)`: a Promise of the started identification.
    #[wasm_bindgen(js_name = identityStart)]
    pub fn identity_start(&self, params: JsValue) -> Result<Promise, JsValue> {
        let params = kassa_js::identity_start(Web, &self.inner, &params).map_err(fail)?;
        let (client, exchange) = (Rc::clone(&self.inner), self.exchange.clone());
        Ok(promise(async move {
            let started = client.identity_start(&exchange, &params).await?;
            kassa::Sink::emit(kassa_js::Out(Web), &started)
        }))
    }

    /// `identity.check(reference, {expiresAt})`: a Promise of the outcome.
    #[wasm_bindgen(js_name = identityCheck)]
    pub fn identity_check(&self, reference: JsValue, options: JsValue) -> Result<Promise, JsValue> {
        let (reference, expires_at) = kassa_js::identity_check(Web, &reference, &options).map_err(fail)?;
        let (client, exchange) = (Rc::clone(&self.inner), self.exchange.clone());
        Ok(promise(async move {
            let outcome = client.identity_check(&exchange, &reference, expires_at).await?;
            kassa::Sink::emit(kassa_js::Out(Web), &outcome)
        }))
    }

    /// The core's description of the client (provider, base URL; never a secret).
    #[wasm_bindgen(js_name = toString)]
    pub fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}
