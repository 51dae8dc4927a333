//! kassa for Node: a napi-rs addon over the sans-IO core.
//!
//! The addon only converts values and moves bytes: `buildRequest` and `parseResponse` dispatch by
//! operation id into the core, `operations()` lists the core's catalog, `callFunction` calls the
//! core's pure functions by name, and `Client` runs the core's client (retry loop, tokens, the
//! identification flow) over reqwest on napi's tokio runtime. The ES module `index.js` wraps it
//! into the public package (error classes, provider clients derived from the catalog, function
//! namespaces, redacted `util.inspect`).

mod client;
mod convert;
mod errors;
mod functions;
mod js;
mod output;
mod request;

use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, Result};
use napi_derive::napi;

pub use client::Client;
pub use errors::register_error_classes;
pub use functions::{call_function, function_names};
pub use request::{HttpRequest, RedactedRequest};

use convert::{operation_id, Input};
use errors::Fail;
use js::{Js, JsOut};
use output::NapiSink;

/// Builds the request of `operation` from `params` (wire names; integers as number or bigint)
/// and `config` (camelCase or snake_case keys). Throws a `ValidationError` naming the field.
#[napi(js_name = "buildRequest", catch_unwind)]
pub fn build_request(env: Env, operation: Unknown, params: Unknown, config: Unknown) -> Result<HttpRequest> {
    let js = Js(env.raw());
    let build = || -> std::result::Result<HttpRequest, Fail> {
        let id = operation_id(js, operation.raw())?;
        let params = convert::to_json(js, params.raw(), Input::Params)?;
        let config = convert::to_json(js, config.raw(), Input::Config)?;
        let prepared = kassa::build_request(&id, &params, &config)?;
        Ok(HttpRequest { inner: prepared.request })
    };
    build().map_err(|f| f.into_napi(js))
}

/// Parses the answer `{status, headers, body}` to `operation`: the output with wire names and
/// every integer a bigint, or a thrown `ApiError` / `DecodeError` / `ValidationError`.
/// `options.now` (Unix seconds, number or bigint) is when the answer arrived, for outputs that
/// say when something expires (Billit's `expires_at`); without it those fields are `null`.
#[napi(js_name = "parseResponse", catch_unwind)]
pub fn parse_response(env: Env, operation: Unknown, response: Unknown, options: Unknown) -> Result<JsOut> {
    let js = Js(env.raw());
    let parse = || -> std::result::Result<JsOut, Fail> {
        let id = operation_id(js, operation.raw())?;
        let response = convert::response(js, response.raw())?;
        let [now] = convert::option_values(js, options.raw(), [("now", "now")])?;
        let now = match now {
            Some(raw) => convert::unix_seconds(js, raw, "now")?,
            None => None,
        };
        Ok(JsOut(kassa::operation::parse_response_at(&id, &response, now, NapiSink(js))??))
    };
    parse().map_err(|f| f.into_napi(js))
}

/// One entry of the core's catalog.
#[napi(object)]
pub struct OperationInfo {
    /// The operation id, e.g. `passportreader.session.create`.
    pub id: String,
    /// The provider, e.g. `passportreader`.
    pub provider: String,
    /// The HTTP method.
    pub method: String,
    /// The path below the base URL.
    pub path: String,
    /// Whether a retry after the request may have arrived is harmless.
    pub retry_safe: bool,
}

/// Every operation the core implements, in catalog order.
#[napi(catch_unwind)]
pub fn operations() -> Vec<OperationInfo> {
    kassa::operation::catalog()
        .iter()
        .map(|op| OperationInfo {
            id: op.id.to_owned(),
            provider: op.provider.to_owned(),
            method: op.method.as_str().to_owned(),
            path: op.path.to_owned(),
            retry_safe: op.retry_safe,
        })
        .collect()
}
