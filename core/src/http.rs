//! Plain HTTP values: what the core hands out ([`HttpRequest`]) and takes back ([`HttpResponse`]).
//!
//! Nothing here performs I/O. Header names compare case-insensitively; the values of headers that
//! carry credentials are redacted in `Debug` output (the bytes sent are of course the real ones).

use std::fmt;

use serde::Deserialize as _;

/// An HTTP method. Only the methods the provider APIs use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as it is written on the wire (`"GET"`, `"POST"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Header names whose values are credentials and never printed.
const SENSITIVE: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "apikey",
    "x-api-key",
    "cookie",
    "set-cookie",
];

/// Whether a header's value is a credential that `Debug` output must hide.
pub fn is_sensitive_header(name: &str) -> bool {
    SENSITIVE.iter().any(|s| s.eq_ignore_ascii_case(name))
}

/// An ordered list of header name/value pairs. Lookups ignore ASCII case; order and repeats are
/// kept as given.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Headers(Vec<(String, String)>);

impl Headers {
    /// An empty header list.
    pub const fn new() -> Self {
        Headers(Vec::new())
    }

    /// Appends a header, keeping any earlier one of the same name.
    pub fn append(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.0.push((name.into(), value.into()));
    }

    /// Replaces every header of this name with one value.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.0.retain(|(n, _)| !n.eq_ignore_ascii_case(&name));
        self.0.push((name, value.into()));
    }

    /// The first value of the header `name`, compared case-insensitively.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of the header `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Iterates over `(name, value)` pairs in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The number of header lines.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no headers.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs, to hand to a binding.
    pub fn into_vec(self) -> Vec<(String, String)> {
        self.0
    }
}

impl<N: Into<String>, V: Into<String>> FromIterator<(N, V)> for Headers {
    fn from_iter<I: IntoIterator<Item = (N, V)>>(iter: I) -> Self {
        Headers(iter.into_iter().map(|(n, v)| (n.into(), v.into())).collect())
    }
}

impl fmt::Debug for Headers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(n, v)| {
                let shown: &str = if is_sensitive_header(n) { "[redacted]" } else { v };
                (n.as_str(), shown)
            }))
            .finish()
    }
}

/// A request the core built, ready for any HTTP client to send.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query included. Never carries credentials.
    pub url: String,
    /// The headers, credentials included.
    pub headers: Headers,
    /// The body bytes; empty when there is none.
    pub body: Vec<u8>,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body", &BodyPreview(&self.body))
            .finish()
    }
}

/// A response as an HTTP client received it, handed back to the core to parse.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// The response headers.
    pub headers: Headers,
    /// The whole body.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// A response with the given status, headers and body.
    pub fn new(status: u16, headers: Headers, body: impl Into<Vec<u8>>) -> Self {
        HttpResponse { status, headers, body: body.into() }
    }

    /// Whether the status is in the 2xx range.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &BodyPreview(&self.body))
            .finish()
    }
}

/// The provider's id of an answer: its `x-request-id` / `request-id` / `correlation-id` header, or
/// the `correlation-id` kassa sent (Digiteal echoes it as the `requestId` of its errors).
pub fn request_id<'a>(request: &'a HttpRequest, response: &'a HttpResponse) -> Option<&'a str> {
    ["x-request-id", "request-id", "x-correlation-id", "correlation-id"]
        .iter()
        .find_map(|h| response.headers.get(h))
        .or_else(|| request.headers.get("correlation-id"))
}

/// A provider's answer as a binding hands it to a parser: `{status, headers, body}`. The one
/// reader of such input in kassa: every binding's `parse_response` and the identity flow's
/// `response` arguments go through it.
///
/// - `status`: an integer from 100 to 599;
/// - `headers`: `[name, value]` pairs, or a map of `name: value` (a value may be a list for a
///   repeated header); absent or `null` for none;
/// - `body`: bytes or text (its UTF-8 bytes); absent or `null` for an empty body.
///
/// A refusal is a validation error with the code `invalid_response` naming the part.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResponseInput {
    /// The HTTP status, 100 to 599.
    #[serde(deserialize_with = "status")]
    #[cfg_attr(feature = "schema", schemars(with = "u16"))]
    pub status: u16,
    /// The headers.
    #[serde(default, deserialize_with = "read_headers")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<HeadersInput>"))]
    pub headers: Headers,
    /// The body.
    #[serde(default, deserialize_with = "body")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::wire::TextOrBytes>"))]
    pub body: Vec<u8>,
}

impl ResponseInput {
    /// Reads a response from any serde deserializer (a Python dict, a JS object, JSON).
    pub fn read<'de, D: crate::input::Input<'de>>(input: D) -> Result<HttpResponse, crate::Error> {
        let r: ResponseInput =
            crate::operation::read_named(crate::ValidationCode::InvalidResponse, "response", input)?;
        Ok(HttpResponse { status: r.status, headers: r.headers, body: r.body })
    }
}

/// The headers of a response as [`ResponseInput`] reads them: pairs, or a map of a name to
/// a value or to the values of a repeated header.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum HeadersInput {
    /// `[name, value]` pairs.
    Pairs(Vec<(String, String)>),
    /// `name: value`, or `name: [values]` for a repeated header.
    Map(std::collections::BTreeMap<String, OneOrMany>),
}

/// One header value, or the values of a repeated header.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany {
    /// One value.
    One(String),
    /// The values of a repeated header.
    Many(Vec<String>),
}

fn status<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let n = u64::deserialize(d)?;
    u16::try_from(n)
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| serde::de::Error::custom("an HTTP status is an integer from 100 to 599"))
}

/// Reads headers as [`ResponseInput`] does (pairs, or a map of a name to a value or values; `null`
/// for none): also the per-call `extra_headers` option.
pub(crate) fn read_headers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Headers, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum One {
        Text(String),
        Many(Vec<String>),
    }
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Headers;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("[name, value] pairs of strings or a map of strings")
        }
        fn visit_unit<E>(self) -> Result<Headers, E> {
            Ok(Headers::new())
        }
        fn visit_none<E>(self) -> Result<Headers, E> {
            Ok(Headers::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Headers, A::Error> {
            let mut h = Headers::new();
            while let Some((name, value)) = seq.next_element::<(String, String)>()? {
                h.append(name, value);
            }
            Ok(h)
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Headers, A::Error> {
            let mut h = Headers::new();
            while let Some((name, value)) = map.next_entry::<String, One>()? {
                match value {
                    One::Text(v) => h.append(name, v),
                    One::Many(vs) => vs.into_iter().for_each(|v| h.append(name.clone(), v)),
                }
            }
            Ok(h)
        }
    }
    d.deserialize_any(V)
}

fn body<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
    Option::<crate::wire::Bytes>::deserialize(d).map(|b| b.map(|b| b.0).unwrap_or_default())
}

/// Shows a body as its length only: bodies carry personal data and, for some token endpoints,
/// credentials, which have no place in logs.
struct BodyPreview<'a>(&'a [u8]);

impl fmt::Debug for BodyPreview<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lookup_ignores_case() {
        let mut h = Headers::new();
        h.append("Content-Type", "application/json");
        h.append("X-Request-Id", "a");
        h.append("x-request-id", "b");
        assert_eq!(h.get("content-type"), Some("application/json"));
        assert_eq!(h.get_all("X-REQUEST-ID").collect::<Vec<_>>(), ["a", "b"]);
        h.set("X-Request-ID", "c");
        assert_eq!(h.get_all("x-request-id").collect::<Vec<_>>(), ["c"]);
        assert_eq!(h.len(), 2);
    }

    #[test]
    fn debug_redacts_credentials() {
        let req = HttpRequest {
            method: Method::Post,
            url: "https://example.test/x".into(),
            headers: [("Authorization", "Basic c2VjcmV0"), ("ApiKey", "k-123"), ("Accept", "*/*")]
                .into_iter()
                .collect(),
            body: b"{}".to_vec(),
        };
        let shown = format!("{req:?}");
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
        assert!(!shown.contains("k-123"), "{shown}");
        assert!(shown.contains("[redacted]") && shown.contains("*/*"), "{shown}");
        assert!(shown.contains("<2 bytes>"), "{shown}");
    }
}
