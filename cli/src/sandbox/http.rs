//! The sandbox's view of a request and an answer, and small helpers (dates, ids, HTML).

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use hyper::body::Frame;
use serde_json::Value;

/// One part of a `multipart/form-data` body.
#[derive(Clone, Debug)]
pub struct Part {
    /// The form field name.
    pub name: String,
    /// The file name, for a file part.
    pub file_name: Option<String>,
    /// The part's `Content-Type`.
    pub content_type: Option<String>,
    /// The bytes.
    pub data: Bytes,
}

/// A request as the provider handlers see it: the path after the provider (and tenant) prefix,
/// split into decoded segments.
#[derive(Debug)]
pub struct Req {
    /// The method.
    pub method: hyper::Method,
    /// The decoded path segments after the prefix (`["api", "v1", "invoice-request"]`).
    pub path: Vec<String>,
    /// The query pairs, decoded, in order.
    pub query: Vec<(String, String)>,
    /// The headers.
    pub headers: hyper::HeaderMap,
    /// The body.
    pub body: Bytes,
    /// The parts of a multipart body, or why it could not be read.
    pub form: Option<Result<Vec<Part>, String>>,
}

impl Req {
    /// A header's value (the first), as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A query parameter (the first).
    pub fn q(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()).filter(|v| !v.is_empty())
    }

    /// The path after the prefix, `/`-joined with a leading `/`.
    pub fn path_str(&self) -> String {
        format!("/{}", self.path.join("/"))
    }

    /// The path segments as `&str`s, to match on.
    pub fn segs(&self) -> Vec<&str> {
        self.path.iter().map(String::as_str).collect()
    }

    /// The body as JSON: `Ok(None)` when empty, `Err` when not JSON.
    pub fn json(&self) -> Result<Option<Value>, String> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        serde_json::from_slice(&self.body).map(Some).map_err(|e| e.to_string())
    }

    /// `Authorization: Basic` as (user, password), when well formed.
    pub fn basic(&self) -> Option<(String, String)> {
        use base64::Engine as _;
        let value = self.header("authorization")?;
        let (scheme, encoded) = value.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = base64::engine::general_purpose::STANDARD.decode(encoded.trim()).ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (user, password) = text.split_once(':')?;
        Some((user.to_owned(), password.to_owned()))
    }

    /// `Authorization: Bearer` token.
    pub fn bearer(&self) -> Option<&str> {
        let value = self.header("authorization")?;
        let (scheme, token) = value.split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
    }

    /// The form's parts named `name`.
    pub fn part(&self, name: &str) -> Option<&Part> {
        match &self.form {
            Some(Ok(parts)) => parts.iter().find(|p| p.name == name),
            _ => None,
        }
    }

    /// A form field as text (non-empty).
    pub fn field(&self, name: &str) -> Option<String> {
        self.part(name).map(|p| String::from_utf8_lossy(&p.data).trim().to_owned()).filter(|s| !s.is_empty())
    }
}

/// An answer.
#[derive(Clone, Debug)]
pub struct Resp {
    /// The status.
    pub status: u16,
    /// Headers, in order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Resp {
    /// A JSON answer.
    pub fn json(status: u16, value: &Value) -> Resp {
        Resp::bytes(status, "application/json", serde_json::to_vec(value).unwrap_or_default())
    }

    /// An answer with this media type.
    pub fn bytes(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Resp {
        Resp { status, headers: vec![("content-type".into(), content_type.into())], body: body.into() }
    }

    /// An empty answer.
    pub fn empty(status: u16) -> Resp {
        Resp { status, headers: Vec::new(), body: Vec::new() }
    }

    /// An HTML page.
    pub fn html(status: u16, title: &str, body: &str) -> Resp {
        let page = format!(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>{t}</title>\
             <style>body{{font-family:sans-serif;max-width:40em;margin:3em auto}}button{{font-size:1.1em;margin:.3em}}\
             .sandbox{{color:#a40;font-size:.9em}}</style></head><body><p class=\"sandbox\">kassa sandbox: nothing here is real</p>\
             <h1>{t}</h1>{body}</body></html>",
            t = esc(title)
        );
        Resp::bytes(status, "text/html; charset=utf-8", page)
    }

    /// A redirect.
    pub fn redirect(status: u16, location: &str) -> Resp {
        Resp::empty(status).header("location", location)
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Resp {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// The body hyper sends: whole, or cut in the middle (the `truncate` fault).
pub enum Body {
    /// The whole body.
    Full(Option<Bytes>),
    /// The first part of the body, then an error that aborts the connection.
    Truncated(Option<Bytes>),
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        match this {
            Body::Full(data) => Poll::Ready(data.take().map(|d| Ok(Frame::data(d)))),
            Body::Truncated(data) => match data.take() {
                Some(d) => Poll::Ready(Some(Ok(Frame::data(d)))),
                None => Poll::Ready(Some(Err(std::io::Error::other("kassa sandbox: truncated body (fault)")))),
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Full(None))
    }

    fn size_hint(&self) -> http_body::SizeHint {
        match self {
            Body::Full(Some(d)) => http_body::SizeHint::with_exact(d.len() as u64),
            Body::Full(None) => http_body::SizeHint::with_exact(0),
            Body::Truncated(_) => http_body::SizeHint::default(),
        }
    }
}

/// Never fails.
pub type Never = Infallible;

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// The calendar date and time of unix seconds (UTC): (year, month, day, hour, minute, second).
pub fn civil(secs: u64) -> (i64, u32, u32, u32, u32, u32) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's days_from_civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, (rem / 3600) as u32, (rem % 3600 / 60) as u32, (rem % 60) as u32)
}

/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn iso(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `YYYY-MM-DDTHH:MM:SS.000Z` (Solaris).
pub fn iso_millis(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000Z")
}

/// `YYYY-MM-DD`.
pub fn date(secs: u64) -> String {
    let (y, mo, d, ..) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02}")
}

/// `dd/MM/yyyy` (Digiteal's `autoPaymentDate`).
pub fn dmy(secs: u64) -> String {
    let (y, mo, d, ..) = civil(secs);
    format!("{d:02}/{mo:02}/{y:04}")
}

/// `yyyy-MM-dd HH:mm:ss` (Digiteal's `executionTimestamp`).
pub fn timestamp(secs: u64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
}

/// Unix seconds of `YYYY-MM-DD` (midnight UTC), when it is a date.
pub fn parse_date(s: &str) -> Option<u64> {
    let mut it = s.get(..10)?.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400).ok()
}

/// Whether `url` is an `http(s)://` URL on a loopback host: the only place the sandbox calls.
pub fn is_loopback_url(url: &str) -> bool {
    let Ok(u) = url::Url::parse(url) else {
        return false;
    };
    if !matches!(u.scheme(), "http" | "https") {
        return false;
    }
    match u.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// `url` with `pairs` appended to its query.
pub fn with_query(url: &str, pairs: &[(&str, &str)]) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            u.query_pairs_mut().extend_pairs(pairs);
            u.to_string()
        }
        Err(_) => {
            let q: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(pairs).finish();
            format!("{url}{}{q}", if url.contains('?') { '&' } else { '?' })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_796_083_200), "2026-12-01T00:00:00Z");
        assert_eq!(timestamp(951_782_400 + 3_661), "2000-02-29 01:01:01");
        assert_eq!(dmy(1_796_083_200), "01/12/2026");
        assert_eq!(parse_date("2026-12-01"), Some(1_796_083_200));
        assert_eq!(parse_date("2000-02-29"), Some(951_782_400));
        assert_eq!(parse_date("2000-13-01"), None);
    }

    #[test]
    fn loopback_only() {
        assert!(is_loopback_url("http://127.0.0.1:9/x"));
        assert!(is_loopback_url("http://localhost/x"));
        assert!(is_loopback_url("http://[::1]:80/"));
        for u in ["https://example.com/", "http://10.0.0.1/", "mailto:a@b.c", "http://127.0.0.1.example.com/"] {
            assert!(!is_loopback_url(u), "{u}");
        }
    }
}
