//! `HttpRequest`: a request the core built, for callers that send it themselves.

use napi::bindgen_prelude::Uint8Array;
use napi_derive::napi;

/// A request built by `buildRequest`: `method`, `url`, `headers` (`[name, value]` pairs, the
/// credentials included) and `body` (bytes). `toString()`, `toJSON()` and `util.inspect` show
/// credential header values as `[redacted]`; the getters return the real values to send.
#[napi]
pub struct HttpRequest {
    pub(crate) inner: kassa::HttpRequest,
}

/// What `JSON.stringify(request)` shows: credential header values redacted, the body as text
/// when it is UTF-8, else its length.
#[napi(object)]
pub struct RedactedRequest {
    /// The method.
    pub method: String,
    /// The URL (never carries credentials).
    pub url: String,
    /// The headers, credential values replaced by `[redacted]`.
    pub headers: Vec<(String, String)>,
    /// The body as text, or `<N bytes>` when it is not UTF-8.
    pub body: String,
}

#[napi]
impl HttpRequest {
    /// The HTTP method: `GET`, `POST`, `PUT` or `DELETE`.
    #[napi(getter)]
    pub fn method(&self) -> &'static str {
        self.inner.method.as_str()
    }

    /// The absolute URL, query included.
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.inner.url.clone()
    }

    /// The headers to send, in order, as `[name, value]` pairs (credentials included).
    #[napi(getter)]
    pub fn headers(&self) -> Vec<(String, String)> {
        self.inner.headers.iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect()
    }

    /// The body bytes (empty when there is none); a fresh copy on each access.
    #[napi(getter)]
    pub fn body(&self) -> Uint8Array {
        Uint8Array::from(self.inner.body.clone())
    }

    /// The request for `JSON.stringify`, with credential header values redacted.
    #[napi(js_name = "toJSON")]
    pub fn to_json(&self) -> RedactedRequest {
        let body = match std::str::from_utf8(&self.inner.body) {
            Ok(text) => text.to_owned(),
            Err(_) => format!("<{} bytes>", self.inner.body.len()),
        };
        RedactedRequest {
            method: self.method().to_owned(),
            url: self.inner.url.clone(),
            headers: self
                .inner
                .headers
                .iter()
                .map(|(n, v)| {
                    let shown = if kassa::http::is_sensitive_header(n) { "[redacted]" } else { v };
                    (n.to_owned(), shown.to_owned())
                })
                .collect(),
            body,
        }
    }

    /// The core's redacted description of the request.
    #[napi(js_name = "toString")]
    pub fn describe(&self) -> String {
        format!("{:?}", self.inner)
    }
}
