//! kassa for the browser: the `kassa-web` ES module (wasm-bindgen).
//!
//! A thin binding over the sans-IO core: [`build_request`] / [`parse_response`] /
//! [`operations`] dispatch by operation id into `kassa`, and the generated clients
//! (`new PassportReader({...})`) run the core's retry loop ([`kassa::exchange::execute`]) over
//! `fetch`. Errors are JS `Error`s built in one place ([`error::to_js_error`]); every 64-bit
//! integer of an output is a `bigint`.
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
mod request;
mod typescript;

use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

pub use client::{ClientMethod, PassportReader, PassportReaderSession, CLIENTS_TS, CLIENT_METHODS};
pub use convert::{bytes_from_js, response_from_js, JsSink};
pub use fetch::FetchExchange;
pub use request::JsHttpRequest;
pub use typescript::{COMMON_TS, PASSPORTREADER_TS};

use convert::{config_to_json, params_to_json, to_js};
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

/// `parseResponse(operation, {status, headers, body})`: the core's parse of a provider answer.
/// Returns the output (integers as `bigint`) or throws an `ApiError` / `DecodeError`
/// (`ValidationError` for a malformed `response` argument).
#[wasm_bindgen(js_name = parseResponse, skip_typescript)]
pub fn parse_response(operation: JsValue, response: JsValue) -> Result<JsValue, JsValue> {
    let parse = || {
        let id = operation_id(&operation)?;
        let response = convert::response_from_js(&response)?;
        kassa::parse_response(&id, &response, JsSink)?
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
