//! Webhooks the sandbox sends: Digiteal's (HTTP Basic with the configured login and password,
//! resent every `--resend-seconds` until a 200, at most `--resend-max` times), Billit's
//! (`Billit-Signature`) and Solaris's (`Solaris-Webhook-Signature`), both signed with
//! `kassa::webhook::sign_hmac_sha256` the way kassa's verifiers check them, and PassportReader's
//! session callbacks. Only loopback URLs are ever called; any other is recorded as refused. A
//! loopback `https://` URL is called over plain HTTP ([`plain_loopback`]).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use kassa::exchange::{Exchange, Limits};
use kassa::http::{Headers, HttpRequest, Method};
use serde::Serialize;

use super::http::{is_loopback_url, iso};
use super::{Provider, Shared};

/// How an outgoing call is authenticated.
#[derive(Clone, Debug)]
pub enum Auth {
    /// Nothing.
    None,
    /// `Authorization: Basic base64(login:password)` (Digiteal).
    Basic(String, String),
    /// `Billit-Signature: t=<now>,s=<hex HMAC-SHA256(secret, "<t>.<body>")>`, signed at each attempt.
    Billit(Vec<u8>),
    /// `Solaris-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, body)>`.
    Solaris(Vec<u8>),
}

/// A webhook to send.
#[derive(Clone, Debug)]
pub struct Outgoing {
    /// Who sends it.
    pub provider: Provider,
    /// The event type (`INVOICE_PAID`, `Identification`, `IDENTIFICATION`, `session.state`).
    pub kind: String,
    /// Where.
    pub url: String,
    /// How it is authenticated.
    pub auth: Auth,
    /// The JSON body.
    pub body: Vec<u8>,
}

/// One attempt of a delivery.
#[derive(Clone, Debug, Serialize)]
pub struct Attempt {
    /// When (ISO 8601, the real clock).
    pub at: String,
    /// The receiver's status, when it answered.
    pub status: Option<u16>,
    /// The transport error, when it did not.
    pub error: Option<String>,
}

/// What became of one webhook (`GET /_sandbox/webhooks`).
#[derive(Clone, Debug, Serialize)]
pub struct Delivery {
    /// The delivery's number in its tenant.
    pub id: u64,
    /// Who sent it.
    pub provider: Provider,
    /// The event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Where.
    pub url: String,
    /// The body as sent.
    pub body: serde_json::Value,
    /// Every attempt so far.
    pub attempts: Vec<Attempt>,
    /// `pending`, `delivered`, `failed` (gave up) or `refused` (not a loopback URL).
    pub status: &'static str,
}

fn real_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Records `out` in its tenant and starts delivering it.
pub fn dispatch(shared: &Arc<Shared>, tenant: &str, out: Outgoing) {
    let refused = !is_loopback_url(&out.url);
    let id = {
        let mut tenants = shared.lock();
        let Some(t) = tenants.get_mut(tenant) else {
            return;
        };
        t.delivery_counter += 1;
        let id = t.delivery_counter;
        t.deliveries.push(Delivery {
            id,
            provider: out.provider,
            kind: out.kind.clone(),
            url: out.url.clone(),
            body: serde_json::from_slice(&out.body).unwrap_or(serde_json::Value::Null),
            attempts: Vec::new(),
            status: if refused { "refused" } else { "pending" },
        });
        if t.deliveries.len() > 1000 {
            t.deliveries.remove(0);
        }
        id
    };
    if refused {
        if shared.options.verbose {
            eprintln!("webhook {} {} refused: the sandbox only calls loopback URLs", out.kind, out.url);
        }
        return;
    }
    let shared = shared.clone();
    let tenant = tenant.to_owned();
    tokio::spawn(async move { deliver(shared, tenant, id, out).await });
}

fn request(out: &Outgoing) -> HttpRequest {
    let mut headers = Headers::new();
    headers.append("Content-Type", "application/json");
    headers.append("User-Agent", "kassa-sandbox");
    // Not part of any provider's contract: a hint for people reading a request log.
    headers.append("Kassa-Sandbox-Event", out.kind.as_str());
    match &out.auth {
        Auth::None => {}
        Auth::Basic(login, password) => {
            use base64::Engine as _;
            let token = base64::engine::general_purpose::STANDARD.encode(format!("{login}:{password}"));
            headers.append("Authorization", format!("Basic {token}"));
        }
        Auth::Billit(secret) => {
            let t = real_now().to_string();
            let s = kassa::webhook::sign_hmac_sha256(secret, &[t.as_bytes(), b".", &out.body]);
            headers.append("Billit-Signature", format!("t={t},s={s}"));
        }
        Auth::Solaris(secret) => {
            let s = kassa::webhook::sign_hmac_sha256(secret, &[&out.body]);
            headers.append("Solaris-Webhook-Signature", format!("sha256={s}"));
        }
    }
    HttpRequest { method: Method::Post, url: plain_loopback(&out.url), headers, body: out.body.clone() }
}

/// A loopback `https://` URL, called over plain HTTP: kassa requires `https://` webhook URLs for
/// Digiteal (its credentials travel with every call), and a developer's own receiver on
/// 127.0.0.1 has no certificate. Every other URL is left as it is.
pub fn plain_loopback(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.scheme() == "https" && is_loopback_url(url) => {
            let _ = u.set_scheme("http");
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

async fn deliver(shared: Arc<Shared>, tenant: String, id: u64, out: Outgoing) {
    let Some(exchange) = shared.exchange() else {
        return;
    };
    let limits = Limits { timeout_ms: 5_000, max_body_bytes: 64 * 1024 };
    let max = shared.options.resend_max.max(1);
    for n in 0..max {
        if n > 0 {
            tokio::time::sleep(shared.options.resend_interval).await;
        }
        let result = exchange.send(&request(&out), &limits).await;
        let (status, error) = match &result {
            Ok(r) => (Some(r.status), None),
            Err(e) => (None, Some(e.to_string())),
        };
        // Digiteal resends "until the message is successfully processed": anything but 200.
        let done = match out.provider {
            Provider::Digiteal => status == Some(200),
            _ => status.is_some_and(|s| (200..300).contains(&s)),
        };
        if shared.options.verbose {
            eprintln!(
                "webhook {} {} attempt {} -> {}",
                out.kind,
                out.url,
                n + 1,
                status.map_or_else(|| error.clone().unwrap_or_default(), |s| s.to_string())
            );
        }
        let mut tenants = shared.lock();
        let Some(d) = tenants.get_mut(&tenant).and_then(|t| t.deliveries.iter_mut().find(|d| d.id == id)) else {
            return; // the tenant was reset
        };
        d.attempts.push(Attempt { at: iso(real_now()), status, error });
        if done {
            d.status = "delivered";
            return;
        }
        if n + 1 == max {
            d.status = "failed";
        }
    }
}
