//! The native [`Exchange`]: reqwest on tokio with rustls (ring). Shared by the Python and Node
//! bindings; never compiled for wasm.

use std::sync::Once;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::{TransportError, TransportKind};
use crate::exchange::{Attempt, Exchange, Limits};
use crate::http::{Headers, HttpRequest, HttpResponse, Method};

/// Hears about every attempt (Python's `logging`, Node's `onRequest` / `onResponse` hooks).
pub type Observer = std::sync::Arc<dyn Fn(&Attempt<'_>) + Send + Sync>;

/// Sends requests with one pooled reqwest client.
#[derive(Clone)]
pub struct ReqwestExchange {
    client: reqwest::Client,
    observer: Option<Observer>,
    before: Option<Observer>,
}

impl std::fmt::Debug for ReqwestExchange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReqwestExchange").field("observed", &self.observer.is_some()).finish_non_exhaustive()
    }
}

static PROVIDER: Once = Once::new();

impl ReqwestExchange {
    /// A client with rustls (ring provider), HTTP/2 when the server offers it, and no proxy
    /// discovery surprises beyond reqwest's defaults.
    pub fn new() -> Result<Self, TransportError> {
        PROVIDER.call_once(|| {
            // Fails only when another provider was installed first, which is fine.
            let _ = rustls::crypto::ring::default_provider().install_default();
        });
        let client = reqwest::Client::builder()
            .user_agent(concat!("kassa/", env!("CARGO_PKG_VERSION")))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| TransportError::new(TransportKind::Other, e.to_string()))?;
        Ok(ReqwestExchange { client, observer: None, before: None })
    }

    /// The same pooled client, with every attempt reported to `observer` once it ended.
    pub fn with_observer(&self, observer: Observer) -> Self {
        ReqwestExchange { observer: Some(observer), ..self.clone() }
    }

    /// The same pooled client, with every attempt reported to `observer` before it is sent
    /// ([`Exchange::before_send`]).
    pub fn with_before_send(&self, observer: Observer) -> Self {
        ReqwestExchange { before: Some(observer), ..self.clone() }
    }

    async fn send_once(&self, request: &HttpRequest, max_body: u64) -> Result<HttpResponse, Failure> {
        let method = match request.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self.client.request(method, &request.url).body(request.body.clone());
        for (name, value) in request.headers.iter() {
            builder = builder.header(name, value);
        }
        let mut response = builder.send().await?;
        let status = response.status().as_u16();
        let headers: Headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        if response.content_length().is_some_and(|n| n > max_body) {
            return Err(Failure::TooLarge(max_body));
        }
        // Read chunk by chunk and stop at the limit: an endless body costs at most `max_body`.
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await? {
            if (body.len() + chunk.len()) as u64 > max_body {
                return Err(Failure::TooLarge(max_body));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, headers, body })
    }
}

/// Why one exchange failed.
enum Failure {
    Http(reqwest::Error),
    TooLarge(u64),
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Self {
        Failure::Http(e)
    }
}

impl Exchange for ReqwestExchange {
    async fn send(&self, request: &HttpRequest, limits: &Limits) -> Result<HttpResponse, TransportError> {
        let timeout_ms = limits.timeout_ms;
        match tokio::time::timeout(Duration::from_millis(timeout_ms), self.send_once(request, limits.max_body_bytes)).await {
            Err(_) => Err(TransportError::new(
                TransportKind::Timeout,
                format!("no complete answer within {timeout_ms} ms"),
            )),
            Ok(Ok(response)) => Ok(response),
            Ok(Err(Failure::TooLarge(max))) => Err(TransportError::new(
                TransportKind::BodyTooLarge,
                format!("the answer is longer than {max} bytes (max_response_bytes); reading stopped"),
            )),
            Ok(Err(Failure::Http(e))) => Err(classify(&e)),
        }
    }

    fn observe(&self, attempt: &Attempt<'_>) {
        if let Some(observer) = &self.observer {
            observer(attempt);
        }
    }

    fn before_send(&self, attempt: &Attempt<'_>) {
        if let Some(observer) = &self.before {
            observer(attempt);
        }
    }

    fn now_ms(&self) -> Option<u64> {
        Some(u64::try_from(monotonic().elapsed().as_millis()).unwrap_or(u64::MAX))
    }

    async fn sleep(&self, ms: u64) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }

    fn now_unix(&self) -> Option<u64> {
        SystemTime::now().duration_since(UNIX_EPOCH).ok().map(|d| d.as_secs())
    }

    fn random(&self) -> f64 {
        use std::hash::{BuildHasher, RandomState};
        // A fresh randomly keyed hasher per call: enough randomness for jitter, no extra crate.
        (RandomState::new().hash_one(SystemTime::now()) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The process's monotonic clock origin, for deadlines.
fn monotonic() -> std::time::Instant {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    *START.get_or_init(std::time::Instant::now)
}

fn classify(e: &reqwest::Error) -> TransportError {
    // reqwest's Display includes the URL; ours never carry credentials.
    let message = error_chain(e);
    let kind = if e.is_timeout() {
        TransportKind::Timeout
    } else if e.is_connect() {
        if message.to_ascii_lowercase().contains("certificate") || message.contains("tls") {
            TransportKind::Tls
        } else {
            TransportKind::Connect
        }
    } else if e.is_body() || e.is_decode() {
        TransportKind::Body
    } else {
        TransportKind::Other
    };
    TransportError::new(kind, message)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}
