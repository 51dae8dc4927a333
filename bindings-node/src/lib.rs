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
use host::{JsOut, Napi, Raw};
use kassa::functions::Function;
use napi::sys;
use std::ptr;

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



/// Up to how many arguments the keyword entry point reads (one more than it takes, to tell a
/// call with too many).
const ARGS: usize = 2 * kassa_js::MAX_KEYWORDS + 1;

/// Up to how many arguments a function's entry point reads: its positional parameters (three at
/// most) and the options object; Node-API fills the slots past those given with `undefined`.
const FUNCTION_ARGS: usize = 4;

/// Runs a raw Node-API callback: `f` gets the call's arguments (the slots past those given are
/// `undefined`) and their count, and answers a value, `None` for `undefined`, or a kassa error
/// (thrown as its JavaScript error). A panic throws, never unwinds into Node.
///
/// # Safety
/// `env` and `info` are the running callback's.
unsafe fn raw<const N: usize>(env: sys::napi_env, info: sys::napi_callback_info, f: impl FnOnce(Napi, &[Raw; N], usize) -> kassa_js::Result<Option<Raw>>) -> Raw {
    let run = std::panic::AssertUnwindSafe(|| {
        let h = Napi(env);
        let mut argv = [ptr::null_mut(); N];
        let mut argc = argv.len();
        // SAFETY: the callback's `info`, and room for `argc` values.
        let status = unsafe { sys::napi_get_cb_info(env, info, &mut argc, argv.as_mut_ptr(), ptr::null_mut(), ptr::null_mut()) };
        if status != sys::Status::napi_ok {
            return ptr::null_mut();
        }
        match f(h, &argv, argc) {
            Ok(Some(value)) => value,
            Ok(None) => {
                let mut out = ptr::null_mut();
                unsafe { sys::napi_get_undefined(env, &mut out) };
                out
            }
            Err(e) => {
                h.throw_raw(&e);
                ptr::null_mut()
            }
        }
    });
    std::panic::catch_unwind(run).unwrap_or_else(|_| {
        unsafe { sys::napi_throw_error(env, ptr::null(), c"kassa panicked (a bug: please report it)".as_ptr()) };
        ptr::null_mut()
    })
}

/// The entry point of `F` (`iban__validate(s, options)`): its positional parameters, then the
/// options object (see [`kassa_js::invoke`]).
unsafe extern "C" fn function_entry<F: Function>(env: sys::napi_env, info: sys::napi_callback_info) -> Raw {
    unsafe {
        raw::<FUNCTION_ARGS>(env, info, |h, argv, _| {
            const { assert!(F::INFO.positional.len() < FUNCTION_ARGS, "a function with more positional parameters than FUNCTION_ARGS reads") };
            let n = F::INFO.positional.len();
            kassa_js::invoke::<F, _>(h, &argv[..n], &argv[n]).map(Some)
        })
    }
}

/// The keyword entry point of `F` (`epc__build$keywords`, for the functions with a keyword form):
/// `(name, value, name, value, ...)` as the facade read them from the options object, the
/// result, or `undefined` for the general path (see [`kassa_js::invoke_keywords`]).
unsafe extern "C" fn keywords_entry<F: Function>(env: sys::napi_env, info: sys::napi_callback_info) -> Raw {
    unsafe { raw::<ARGS>(env, info, |h, argv, argc| if argc < ARGS { kassa_js::invoke_keywords::<F, _>(h, &argv[..argc]) } else { Ok(None) }) }
}

/// Adds one entry point per kassa function ([`function_entry`], named as in the generated
/// table), and `native$keywords` ([`keywords_entry`]) for those with a keyword form. Raw
/// callbacks rather than `#[napi]` functions: the engine's arguments as they are, no conversion
/// but kassa's own (what a call into kassa costs is mostly this crossing).
macro_rules! entry_points {
    ($($name:ident $js:tt ($($arg:ident),*) = $f:ident,)*) => {
        fn add_entry_points(env: sys::napi_env, exports: Raw) -> Result<()> {
            $(add_raw(env, exports, concat!($js, "\0"), function_entry::<kassa::functions::$f>)?;
            if <kassa::functions::$f as Function>::KEYWORDS.is_some() {
                add_raw(env, exports, concat!($js, "$keywords\0"), keywords_entry::<kassa::functions::$f>)?;
            })*
            Ok(())
        }
    };
}

kassa_js::for_each_function!(entry_points);

/// `exports[name] = function` of a raw callback (`name` ends with a NUL).
fn add_raw(env: sys::napi_env, exports: Raw, name: &'static str, callback: unsafe extern "C" fn(sys::napi_env, sys::napi_callback_info) -> Raw) -> Result<()> {
    let failed = || napi::Error::from_reason(format!("cannot export {}", name.trim_end_matches('\0')));
    let mut function = std::ptr::null_mut();
    let c_name = std::ffi::CStr::from_bytes_with_nul(name.as_bytes()).map_err(|_| failed())?;
    // SAFETY: the module's `env` and `exports` during its initialisation; `c_name` lives forever.
    let status = unsafe { sys::napi_create_function(env, c_name.as_ptr(), name.len() as isize - 1, Some(callback), std::ptr::null_mut(), &mut function) };
    if status != sys::Status::napi_ok {
        return Err(failed());
    }
    match unsafe { sys::napi_set_named_property(env, exports, c_name.as_ptr(), function) } {
        sys::Status::napi_ok => Ok(()),
        _ => Err(failed()),
    }
}

/// Adds the raw entry points to the module's exports.
#[napi(module_exports)]
pub fn raw_exports(exports: napi::bindgen_prelude::Object, env: Env) -> Result<()> {
    add_entry_points(env.raw(), exports.raw())
}
