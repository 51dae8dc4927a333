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
mod host;

use std::rc::Rc;

use js_sys::Promise;
use kassa::exchange::Exchange as _;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

pub use fetch::FetchExchange;
pub use host::register_error_classes;
use host::{done, fail, Web};

/// `buildRequest(operation, params, config)` (see `kassa_js::build_request`).
#[wasm_bindgen(js_name = buildRequest)]
pub fn build_request(operation: JsValue, params: JsValue, config: JsValue) -> Result<JsValue, JsValue> {
    done(kassa_js::build_request(Web, &operation, &params, &config, || FetchExchange.random()))
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

/// One export per kassa function: `(positional..., options)`.
macro_rules! entry_points {
    ($($name:ident $js:tt ($($arg:ident),*) = $f:ident,)*) => {$(
        #[doc = concat!("`", $js, "`: `kassa::functions::", stringify!($f), "`.")]
        #[allow(non_snake_case)]
        #[wasm_bindgen]
        pub fn $name($($arg: JsValue,)* options: JsValue) -> Result<JsValue, JsValue> {
            done(kassa_js::invoke::<kassa::functions::$f, _>(Web, &[$($arg),*], &options))
        }
    )*};
}

kassa_js::for_each_function!(entry_points);

/// `new Client(provider, config)`: the core's client of one provider, sending with `fetch`;
/// `toString()` shows the core's description of it, which holds no secret.
#[wasm_bindgen]
pub struct Client {
    inner: Rc<kassa::client::Client>,
}

/// A Promise of `work`'s value.
fn promise(work: impl std::future::Future<Output = kassa_js::Result<JsValue>> + 'static) -> Promise {
    future_to_promise(async move { work.await.map_err(fail) })
}

#[wasm_bindgen]
impl Client {
    /// Reads and checks `config` for `provider`; throws a `ValidationError` naming the field.
    #[wasm_bindgen(constructor)]
    pub fn new(provider: JsValue, config: JsValue) -> Result<Client, JsValue> {
        let inner = kassa_js::client(Web, &provider, &config).map_err(fail)?;
        Ok(Client { inner: Rc::new(inner) })
    }

    /// The provider, e.g. `"passportreader"`.
    #[wasm_bindgen(getter)]
    pub fn provider(&self) -> String {
        self.inner.provider().as_str().to_owned()
    }

    /// Sends `operation` with `params`: a Promise of the output. Bad input throws (the facade's
    /// `async` methods make that a rejection).
    pub fn call(&self, operation: JsValue, params: JsValue) -> Result<Promise, JsValue> {
        let call = kassa_js::call(Web, &self.inner, &operation, &params).map_err(fail)?;
        let client = Rc::clone(&self.inner);
        Ok(promise(async move {
            let response = client.send(&FetchExchange, &call).await?;
            kassa::catalog::parse_response_at(call.id(), &response, FetchExchange.now_unix(), kassa_js::Out(Web))?
        }))
    }

    /// `identity.start(params)`: a Promise of the started identification.
    #[wasm_bindgen(js_name = identityStart)]
    pub fn identity_start(&self, params: JsValue) -> Result<Promise, JsValue> {
        let params = kassa_js::identity_start(Web, &self.inner, &params).map_err(fail)?;
        let client = Rc::clone(&self.inner);
        Ok(promise(async move {
            let started = client.identity_start(&FetchExchange, &params).await?;
            kassa::Sink::emit(kassa_js::Out(Web), &started)
        }))
    }

    /// `identity.check(reference, {expiresAt})`: a Promise of the outcome.
    #[wasm_bindgen(js_name = identityCheck)]
    pub fn identity_check(&self, reference: JsValue, options: JsValue) -> Result<Promise, JsValue> {
        let (reference, expires_at) = kassa_js::identity_check(Web, &reference, &options).map_err(fail)?;
        let client = Rc::clone(&self.inner);
        Ok(promise(async move {
            let outcome = client.identity_check(&FetchExchange, &reference, expires_at).await?;
            kassa::Sink::emit(kassa_js::Out(Web), &outcome)
        }))
    }

    /// The core's description of the client (provider, base URL; never a secret).
    #[wasm_bindgen(js_name = toString)]
    pub fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}
