//! The native client behind the facade's client classes: the core's [`kassa::client::Client`]
//! (the config checked once, Solaris's token) sending over the process's reqwest exchange on
//! napi's tokio runtime. Params are read and checked on the JS thread before a Promise exists;
//! the answer is parsed on the JS thread when it arrives.

use std::future::Future;
use std::sync::Arc;

use kassa::exchange::Exchange as _;
use napi::bindgen_prelude::{PromiseRaw, Unknown};
use napi::{Env, JsValue, Result};
use napi_derive::napi;

use crate::host::{JsOut, Napi, Raw};

/// `new Client(provider, config)`: a client of one provider; `toString()` shows the core's
/// description of it, which holds no secret.
#[napi]
pub struct Client {
    inner: Arc<kassa::client::Client>,
}

/// A Promise of what `work` gives, made a JavaScript value by `then` on the JS thread.
fn promise<'env, T: Send + 'static>(
    env: &'env Env,
    work: impl Future<Output = std::result::Result<T, kassa::Error>> + Send + 'static,
    then: impl FnOnce(Napi, T) -> kassa_js::Result<Raw> + 'static,
) -> Result<PromiseRaw<'env, JsOut>> {
    env.spawn_future_with_callback(async move { Ok(work.await) }, move |env, out| {
        let h = Napi::of(env);
        h.done(out.and_then(|value| then(h, value)))
    })
}

fn emit<T: serde::Serialize>(h: Napi, value: T) -> kassa_js::Result<Raw> {
    kassa::Sink::emit(kassa_js::Out(h), &value)
}

#[napi]
impl Client {
    /// Reads and checks `config` for `provider`; throws a `ValidationError` naming the field.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, provider: Unknown, config: Unknown) -> Result<Self> {
        let h = Napi::of(&env);
        let make = || {
            crate::exchange()?;
            Ok(Client { inner: Arc::new(kassa_js::client(h, &provider.raw(), &config.raw())?) })
        };
        make().map_err(|e: kassa::Error| h.throw(&e))
    }

    /// The provider, e.g. `"passportreader"`.
    #[napi(getter)]
    pub fn provider(&self) -> &'static str {
        self.inner.provider().as_str()
    }

    /// Sends `operation` with `params`: a Promise of the output. Bad input throws (the facade's
    /// `async` methods make that a rejection).
    #[napi(catch_unwind)]
    pub fn call<'env>(&self, env: &'env Env, operation: Unknown, params: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let h = Napi::of(env);
        let call = kassa_js::call(h, &self.inner, &operation.raw(), &params.raw()).map_err(|e| h.throw(&e))?;
        let (client, id) = (Arc::clone(&self.inner), call.id());
        let work = async move {
            let exchange = crate::exchange()?;
            Ok((client.send(exchange, &call).await?, exchange.now_unix()))
        };
        promise(env, work, move |h, (response, now)| kassa::catalog::parse_response_at(id, &response, now, kassa_js::Out(h))?)
    }

    /// `identity.start(params)`: a Promise of the started identification.
    #[napi(js_name = "identityStart", catch_unwind)]
    pub fn identity_start<'env>(&self, env: &'env Env, params: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let h = Napi::of(env);
        let params = kassa_js::identity_start(h, &self.inner, &params.raw()).map_err(|e| h.throw(&e))?;
        let client = Arc::clone(&self.inner);
        promise(env, async move { client.identity_start(crate::exchange()?, &params).await }, emit)
    }

    /// `identity.check(reference, {expiresAt})`: a Promise of the outcome.
    #[napi(js_name = "identityCheck", catch_unwind)]
    pub fn identity_check<'env>(&self, env: &'env Env, reference: Unknown, options: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let h = Napi::of(env);
        let (reference, expires_at) = kassa_js::identity_check(h, &reference.raw(), &options.raw()).map_err(|e| h.throw(&e))?;
        let client = Arc::clone(&self.inner);
        promise(env, async move { client.identity_check(crate::exchange()?, &reference, expires_at).await }, emit)
    }

    /// The core's description of the client (provider, base URL; never a secret).
    #[napi(js_name = "toString")]
    pub fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}
