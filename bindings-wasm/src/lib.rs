//! kassa for the browser: the `kassa-web` ES module (wasm-bindgen).
//!
//! A thin binding over the sans-IO core: [`build_request`] / [`parse_response`] /
//! [`operations`] dispatch by operation id into `kassa`; the generated clients
//! (`new PassportReader({...})`, `new Billit({...})`, `new Solaris({...})`,
//! `new Digiteal({...})`) send through the
//! core's [`kassa::client::Client`] (its retry loop and token handling) over `fetch`; the pure
//! functions (`epc.build(...)`, `iban.validate(s)`, ...) all go through one entry point,
//! [`functions::call_function`]. Errors are JS `Error`s built in one place
//! ([`error::to_js_error`]); every 64-bit integer of an output is a `bigint`.
//!
//! ```js
//! import init, { PassportReader, buildRequest } from "kassa-web";
//! await init();
//! const client = new PassportReader({ publicKey: "public-key-...", secret: "secret-..." });
//! const { id, token } = await client.session.create({ reference: "order-1" });
//! ```

#![warn(missing_docs)]

mod client;
mod convert;
pub mod error;
mod fetch;
pub mod functions;
mod request;
mod typescript;

use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use client::{
    Billit, ClientIdentity, ClientMethod, Digiteal, PassportReader, PassportReaderSession, Solaris, CLIENTS_TS,
    CLIENT_METHODS,
};
pub use convert::{bytes_from_js, response_from_js, JsSink};
pub use fetch::FetchExchange;
pub use functions::{call_function, FunctionInfo, FUNCTIONS, FUNCTIONS_TS};
pub use request::JsHttpRequest;
pub use typescript::{BILLIT_TS, COMMON_TS, DIGITEAL_TS, FUNCTION_TYPES_TS, IDENTITY_TS, PASSPORTREADER_TS, SOLARIS_TS};

use convert::{config_to_json, option_u64, options_from_js, params_to_json, to_js};
use error::to_js_error;

fn operation_id(operation: &JsValue) -> Result<String, kassa::Error> {
    operation
        .as_string()
        .ok_or_else(|| kassa::Error::validation("unknown_operation", "operation", "expected an operation id string"))
}

/// `buildRequest(operation, params, config)`: the request of `operation` built by the core from
/// `params` (`null`/`undefined` for none) and a provider `config` (camelCase or snake_case keys).
/// Throws a `ValidationError` naming the bad field.
#[wasm_bindgen(js_name = buildRequest, skip_typescript)]
pub fn build_request(operation: JsValue, params: JsValue, config: JsValue) -> Result<JsHttpRequest, JsValue> {
    let build = || {
        let id = operation_id(&operation)?;
        let params = params_to_json(&params)?;
        let config = config_to_json(&config)?;
        kassa::build_request(&id, params, &config)
    };
    build().map(|prepared| JsHttpRequest::from(prepared.request)).map_err(to_js_error)
}

/// `parseResponse(operation, {status, headers, body}, {now})`: the core's parse of a provider
/// answer ([`kassa::operation::parse_response_at`]); `now` (optional, Unix seconds as a number or
/// bigint) is when the answer arrived, for outputs that carry an expiry (Billit's `expires_at`).
/// Returns the output (integers as `bigint`) or throws an `ApiError` / `DecodeError`
/// (`ValidationError` for a malformed `response` or `options` argument).
#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(operation: JsValue, response: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let parse = || {
        let id = operation_id(&operation)?;
        let response = convert::response_from_js(&response)?;
        let now = option_u64(&options_from_js(&options, &[["now", "now"]])?, "now")?;
        kassa::operation::parse_response_at(&id, &response, now, JsSink)?
    };
    parse().map_err(to_js_error)
}

/// A catalog entry as JS sees it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OperationInfoJs {
    id: &'static str,
    provider: &'static str,
    method: &'static str,
    path: &'static str,
    retry_safe: bool,
}

/// `operations()`: every operation the core implements, as
/// `{id, provider, method, path, retrySafe}` objects.
#[wasm_bindgen(skip_typescript)]
pub fn operations() -> Result<Array, JsValue> {
    kassa::operation::catalog()
        .iter()
        .map(|op| {
            to_js(&OperationInfoJs {
                id: op.id,
                provider: op.provider,
                method: op.method.as_str(),
                path: op.path,
                retry_safe: op.retry_safe,
            })
        })
        .collect::<Result<Array, _>>()
        .map_err(to_js_error)
}
