//! kassa for Node: a napi-rs addon over the sans-IO core, converting with the one JavaScript
//! converter (`kassa_js`, over the Node-API host in `host.rs`). It exports the sans-IO functions,
//! the native [`Client`] and one entry point per kassa function
//! (`iban__validate`, ..., from the generated table `kassa_js::for_each_function!`); the shared
//! facade (`bindings-js/facade.js`) makes the package of them.

// The core's `Error` is large (an API error carries the body); it is returned as it is.
#![allow(clippy::result_large_err)]
mod client;
mod host;

use std::sync::OnceLock;

use kassa::exchange::Exchange as _;
use kassa::transport::ReqwestExchange;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};
use napi_derive::napi;

pub use client::{Cancellation, Client};
pub use host::register_error_classes;
use host::{JsOut, Napi};

/// The one HTTP client (and connection pool) of the process.
fn exchange() -> std::result::Result<&'static ReqwestExchange, kassa::Error> {
    static EXCHANGE: OnceLock<ReqwestExchange> = OnceLock::new();
    if let Some(exchange) = EXCHANGE.get() {
        return Ok(exchange);
    }
    let exchange = ReqwestExchange::new()?;
    Ok(EXCHANGE.get_or_init(|| exchange))
}

/// `buildRequest(operation, params, config)` (see `kassa_js::build_request`).
#[napi(js_name = "buildRequest", catch_unwind)]
pub fn build_request(env: Env, operation: Unknown, params: Unknown, config: Unknown) -> Result<JsOut> {
    let h = Napi::of(&env);
    let random = || exchange().map_or(0.5, |e| e.random());
    h.done(kassa_js::build_request(h, &operation.raw(), &params.raw(), &config.raw(), random))
}

/// `parseResponse(operation, {status, headers, body}, {now})`.
#[napi(js_name = "parseResponse", catch_unwind)]
pub fn parse_response(env: Env, operation: Unknown, response: Unknown, options: Unknown) -> Result<JsOut> {
    let h = Napi::of(&env);
    h.done(kassa_js::parse_response(h, &operation.raw(), &response.raw(), &options.raw()))
}

/// `operations()`: every catalog entry.
#[napi(catch_unwind)]
pub fn operations(env: Env) -> Result<JsOut> {
    let h = Napi::of(&env);
    h.done(kassa_js::operations(h))
}

/// `callFunction(name, args, options)`: any function by its core name.
#[napi(js_name = "callFunction", catch_unwind)]
pub fn call_function(env: Env, name: Unknown, args: Unknown, options: Unknown) -> Result<JsOut> {
    let h = Napi::of(&env);
    h.done(kassa_js::call_function(h, &name.raw(), &args.raw(), &options.raw()))
}

/// `functionNames()`: every function's core name.
#[napi(js_name = "functionNames", catch_unwind)]
pub fn function_names(env: Env) -> Result<JsOut> {
    let h = Napi::of(&env);
    h.done(kassa_js::function_names(h))
}

fn invoke<F: kassa::functions::Function>(env: Env, positional: &[host::Raw], options: Unknown) -> Result<JsOut> {
    let h = Napi::of(&env);
    h.done(kassa_js::invoke::<F, _>(h, positional, &options.raw()))
}

/// One export per kassa function: `(positional..., options)`.
macro_rules! entry_points {
    ($($name:ident $js:tt ($($arg:ident),*) = $f:ident,)*) => {$(
        #[doc = concat!("`", $js, "`: `kassa::functions::", stringify!($f), "`.")]
        #[allow(non_snake_case)]
        #[napi(js_name = $js, catch_unwind)]
        pub fn $name(env: Env, $($arg: Unknown,)* options: Unknown) -> Result<JsOut> {
            invoke::<kassa::functions::$f>(env, &[$($arg.raw()),*], options)
        }
    )*};
}

kassa_js::for_each_function!(entry_points);
