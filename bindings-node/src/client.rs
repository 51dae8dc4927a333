//! The native client behind the facade's client classes: the core's [`kassa::client::Client`]
//! (the config checked once, Solaris's token) sending over the process's reqwest exchange on
//! napi's tokio runtime (one connection pool), with the client's default per-call options and,
//! when asked for, its hooks and `KASSA_LOG=debug` lines. Params and options are read and checked
//! on the JS thread before a Promise exists; the answer is parsed on the JS thread when it arrives.

use std::future::Future;
use std::sync::Arc;

use kassa::exchange::{Attempt, CallOptions, Exchange as _};
use kassa::transport::ReqwestExchange;
use kassa_js::{AttemptEvent, Cancel};
use napi::bindgen_prelude::{FnArgs, Function, PromiseRaw, Unknown};
use napi::threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode};
use napi::{Env, JsValue, Result};
use napi_derive::napi;

use crate::host::{JsOut, Napi, Raw};

/// The facade's hook dispatcher `(done, event) => ...`, callable from the runtime's threads; weak,
/// so that a client's hooks never keep the process alive.
type Hook = ThreadsafeFunction<(bool, AttemptEvent), Unknown<'static>, FnArgs<(bool, JsOut)>, napi::Status, false, true>;

/// `new Client(provider, config, hook)`: a client of one provider; `toString()` shows the core's
/// description of it, which holds no secret.
#[napi]
pub struct Client {
    inner: Arc<kassa::client::Client>,
    exchange: ReqwestExchange,
    defaults: CallOptions,
}

/// `new Cancel()`: what the facade's `AbortSignal` listener cancels a call with.
#[napi(js_name = "Cancel")]
pub struct Cancellation(Cancel);

#[napi]
impl Cancellation {
    /// A cancellation not triggered yet.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Cancellation(Cancel::default())
    }

    /// Ends the call (now, or as soon as it starts).
    #[napi]
    pub fn cancel(&self) {
        self.0.cancel();
    }

    /// A handle to the same cancellation, for `call`.
    #[napi]
    pub fn share(&self) -> Cancellation {
        Cancellation(self.0.clone())
    }
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

/// The exchange of a client: the process's, reporting each attempt to `hook` and, with
/// `KASSA_LOG=debug`, to stderr (one line per attempt, no secret).
fn observed(client: &Arc<kassa::client::Client>, hook: Option<Hook>) -> std::result::Result<ReqwestExchange, kassa::Error> {
    let exchange = crate::exchange()?.clone();
    let log = std::env::var("KASSA_LOG").is_ok_and(|v| v.eq_ignore_ascii_case("debug"));
    if hook.is_none() && !log {
        return Ok(exchange);
    }
    let hook = hook.map(Arc::new);
    let observer = |done: bool| -> kassa::transport::Observer {
        let (client, hook) = (Arc::clone(client), hook.clone());
        Arc::new(move |attempt: &Attempt<'_>| {
            let event = AttemptEvent::new(&client, attempt, done);
            if log && done {
                eprintln!("{}", event.line());
            }
            if let Some(hook) = &hook {
                hook.call((done, event), ThreadsafeFunctionCallMode::NonBlocking);
            }
        })
    };
    Ok(exchange.with_before_send(observer(false)).with_observer(observer(true)))
}

#[napi]
impl Client {
    /// Reads and checks `config` for `provider` (what it leaves out from the environment's
    /// `KASSA_*` variables); throws a `ValidationError` naming the field.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: Env, provider: Unknown, config: Unknown, hook: Option<Function<FnArgs<(bool, JsOut)>, Unknown<'static>>>) -> Result<Self> {
        let h = Napi::of(&env);
        let make = || {
            let config = kassa_js::with_env(h, &provider.raw(), &config.raw(), |name| std::env::var(name).ok())?;
            let inner = Arc::new(kassa_js::client(h, &provider.raw(), &config)?);
            let hook = hook.map(|f| {
                f.build_threadsafe_function::<(bool, AttemptEvent)>().weak::<true>().build_callback(|ctx| {
                    let (done, event) = ctx.value;
                    let value = kassa::Sink::emit(kassa_js::Out(Napi::of(&ctx.env)), &event);
                    Ok(FnArgs::from((done, JsOut(value.map_err(|e| napi::Error::from_reason(e.to_string()))?))))
                })
            });
            let hook = hook.transpose().map_err(|e| kassa::Error::validation(kassa::ValidationCode::InvalidConfig, "onRequest", e.reason))?;
            Ok(Client { exchange: observed(&inner, hook)?, inner, defaults: CallOptions::default() })
        };
        make().map_err(|e: kassa::Error| h.throw(&e))
    }

    /// The provider, e.g. `"passportreader"`.
    #[napi(getter)]
    pub fn provider(&self) -> &'static str {
        self.inner.provider().as_str()
    }

    /// A client sharing this one's config, token, connection pool and hooks, whose calls have
    /// `options` (over this client's) unless they give their own.
    #[napi(js_name = "withOptions", catch_unwind)]
    pub fn with_options(&self, env: Env, options: Unknown) -> Result<Client> {
        let h = Napi::of(&env);
        let options = kassa_js::call_options(h, &options.raw()).map_err(|e| h.throw(&e))?;
        Ok(Client { inner: Arc::clone(&self.inner), exchange: self.exchange.clone(), defaults: self.defaults.merged(&options) })
    }

    /// Sends `operation` with `params` and `options`: a Promise of the output (`raw`: of
    /// `{data, status, headers, requestId, attempts}`). Bad input throws (the facade's `async`
    /// methods make that a rejection); `cancel` ends the call.
    #[napi(catch_unwind)]
    pub fn call<'env>(
        &self,
        env: &'env Env,
        operation: Unknown,
        params: Unknown,
        options: Unknown,
        raw: bool,
        cancel: Option<&Cancellation>,
    ) -> Result<PromiseRaw<'env, JsOut>> {
        let h = Napi::of(env);
        let (call, options) =
            kassa_js::call(h, &self.inner, &operation.raw(), &params.raw(), &options.raw(), &self.defaults).map_err(|e| h.throw(&e))?;
        let (client, exchange) = (Arc::clone(&self.inner), self.exchange.clone());
        let work = cancel.map(|c| c.0.clone()).unwrap_or_default().run(async move {
            let sent = client.send_with(&exchange, &call, &options).await?;
            Ok((client, call, sent, exchange.now_unix()))
        });
        promise(env, work, move |h, (client, call, sent, now)| kassa_js::answer(h, &client, &call, &sent, now, raw))
    }

    /// `identity.start(params)`: a Promise of the started identification.
    #[napi(js_name = "identityStart", catch_unwind)]
    pub fn identity_start<'env>(&self, env: &'env Env, params: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let h = Napi::of(env);
        let params = kassa_js::identity_start(h, &self.inner, &params.raw()).map_err(|e| h.throw(&e))?;
        let (client, exchange) = (Arc::clone(&self.inner), self.exchange.clone());
        promise(env, async move { client.identity_start(&exchange, &params).await }, emit)
    }

    /// `identity.check(reference, {expiresAt})`: a Promise of the outcome.
    #[napi(js_name = "identityCheck", catch_unwind)]
    pub fn identity_check<'env>(&self, env: &'env Env, reference: Unknown, options: Unknown) -> Result<PromiseRaw<'env, JsOut>> {
        let h = Napi::of(env);
        let (reference, expires_at) = kassa_js::identity_check(h, &reference.raw(), &options.raw()).map_err(|e| h.throw(&e))?;
        let (client, exchange) = (Arc::clone(&self.inner), self.exchange.clone());
        promise(env, async move { client.identity_check(&exchange, &reference, expires_at).await }, emit)
    }

    /// The core's description of the client (provider, base URL; never a secret).
    #[napi(js_name = "toString")]
    pub fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}
