//! `HttpRequest`: a request the core built, for callers who send it with their own HTTP client.

use js_sys::{Array, Object, Reflect, Uint8Array};
use kassa::http::is_sensitive_header;
use wasm_bindgen::prelude::*;

/// A request built by kassa: send `method` to `url` with `headers` and `body`.
///
/// The getters give the real values (credentials included, they must be sent); `toString()` and
/// `JSON.stringify()` show credential headers (`Authorization`, `ApiKey`, ...) as `[redacted]`.
#[wasm_bindgen(js_name = HttpRequest)]
pub struct JsHttpRequest {
    inner: kassa::HttpRequest,
}

impl From<kassa::HttpRequest> for JsHttpRequest {
    fn from(inner: kassa::HttpRequest) -> Self {
        JsHttpRequest { inner }
    }
}

impl JsHttpRequest {
    /// The core's request.
    pub fn as_core(&self) -> &kassa::HttpRequest {
        &self.inner
    }
}

#[wasm_bindgen(js_class = HttpRequest)]
impl JsHttpRequest {
    /// The HTTP method: `"GET"`, `"POST"`, `"PUT"` or `"DELETE"`.
    #[wasm_bindgen(getter)]
    pub fn method(&self) -> String {
        self.inner.method.as_str().to_owned()
    }

    /// The absolute URL (never carries credentials).
    #[wasm_bindgen(getter)]
    pub fn url(&self) -> String {
        self.inner.url.clone()
    }

    /// The headers as `[name, value]` pairs, in order, credentials included.
    #[wasm_bindgen(getter, unchecked_return_type = "[string, string][]")]
    pub fn headers(&self) -> Array {
        self.inner
            .headers
            .iter()
            .map(|(n, v)| Array::of2(&JsValue::from_str(n), &JsValue::from_str(v)))
            .collect()
    }

    /// The body bytes (empty when there is none); a fresh copy on every read.
    #[wasm_bindgen(getter)]
    pub fn body(&self) -> Uint8Array {
        Uint8Array::from(self.inner.body.as_slice())
    }

    /// The core's redacted description, e.g.
    /// `HttpRequest { method: Post, url: "...", headers: [("Authorization", "[redacted]"), ...], body: "..." }`.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_display(&self) -> String {
        format!("{:?}", self.inner)
    }

    /// What `JSON.stringify` shows: `{method, url, headers, body}` with credential header values
    /// replaced by `"[redacted]"` and the body as (lossy UTF-8) text.
    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "{ method: string; url: string; headers: [string, string][]; body: string }")]
    pub fn to_json(&self) -> JsValue {
        let headers: Array = self
            .inner
            .headers
            .iter()
            .map(|(n, v)| {
                let shown = if is_sensitive_header(n) { "[redacted]" } else { v };
                Array::of2(&JsValue::from_str(n), &JsValue::from_str(shown))
            })
            .collect();
        let out = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&out, &JsValue::from_str(k), v);
        };
        set("method", &JsValue::from_str(self.inner.method.as_str()));
        set("url", &JsValue::from_str(&self.inner.url));
        set("headers", &headers);
        set("body", &JsValue::from_str(&String::from_utf8_lossy(&self.inner.body)));
        out.into()
    }
}
