//! kassa's pure functions (EPC payloads and QR codes, payment identifiers, webhook signatures,
//! the identification flow) through ONE entry point: `callFunction(name, args, options)` converts
//! the JavaScript values and calls [`kassa::functions::call`]. `index.js` builds the namespaces
//! (`epc.build`, `iban.validate`, ...) from [`function_names`] and a table of positional
//! parameters; every argument check and every result is the core's.

use kassa::functions::Output;
use kassa::Sink as _;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result, ValueType};
use napi_derive::napi;

use crate::convert;
use crate::errors::Fail;
use crate::js::{Js, JsOut};
use crate::output::NapiSink;

/// Calls the kassa function `name` (an entry of `functionNames()`, e.g. `"iban.validate"`) with
/// the positional `args` (an array) and the keyword arguments `options` (an object, camelCase or
/// snake_case keys). Returns the result (strings, plain objects with every integer a bigint, or a
/// `Uint8Array` for bytes) or throws a kassa error: `ValidationError` for bad arguments (code
/// `invalid_params` naming the argument, `unknown_function` for an unknown name), or the
/// function's own error (`SignatureError`, `CallbackError`, `ApiError`, `DecodeError`).
///
/// Bytes arguments (`Uint8Array`, `Buffer`, `ArrayBuffer`) reach the core as bytes; a `number`
/// with a fraction reaches it as a float (so `epc.build({amount: 12.3})` is refused with
/// `epc_amount_type`), a safe-integer `number` or a `bigint` as an integer.
#[napi(js_name = "callFunction", catch_unwind)]
pub fn call_function(env: Env, name: Unknown, args: Unknown, options: Unknown) -> Result<JsOut> {
    let js = Js(env.raw());
    let call = || -> std::result::Result<JsOut, Fail> {
        let name = match js.type_of(name.raw())? {
            ValueType::String => js.string_value(name.raw())?,
            _ => {
                return Err(kassa::Error::validation(
                    "unknown_function",
                    "fn",
                    "expected a function name string (see functionNames())",
                )
                .into())
            }
        };
        let args = convert::arguments(js, args.raw())?;
        let kwargs = convert::options(js, options.raw())?;
        let value = match kassa::functions::call(&name, &args, &kwargs)? {
            Output::Bytes(bytes) => js.uint8_array(&bytes)?,
            Output::Json(value) => NapiSink(js).emit(&value)?,
            other => NapiSink(js).emit(&other.into_json())?,
        };
        Ok(JsOut(value))
    };
    call().map_err(|f| f.into_napi(js))
}

/// The names of every kassa function, as the core lists them (`kassa::functions::NAMES`):
/// `namespace.function` in snake_case, e.g. `"peppol.be_participant_ids"`.
#[napi(js_name = "functionNames", catch_unwind)]
pub fn function_names() -> Vec<&'static str> {
    kassa::functions::NAMES.to_vec()
}
