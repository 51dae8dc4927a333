//! `kassa sandbox`: a stateful emulator of the Digiteal, Billit, Solaris and PassportReader APIs
//! on 127.0.0.1, with control endpoints under `/_sandbox/` that play the other side (pay an
//! invoice, complete an identification, expire a token), outgoing webhooks, and seeded fault
//! injection. `cli/README.md` documents every route.
//!
//! Layout: one base URL per provider, `http://127.0.0.1:N/<provider>` (`digiteal`, `billit`,
//! `solaris`, `passportreader`), optionally isolated per tenant as
//! `http://127.0.0.1:N/<provider>/t/<tenant>` (or with the `Kassa-Sandbox-Tenant` header): each
//! tenant has its own state, clock, faults and counters. The layout of the former test server
//! (`/<scenario>/<token>/...` with the provider told by the path) is understood too.
//!
//! Everything runs on one current-thread tokio runtime; the state is in memory behind one mutex,
//! never held across an await.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde::Serialize;
use serde_json::json;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

mod billit;
mod control;
mod digiteal;
pub mod faults;
pub mod http;
mod passportreader;
mod solaris;
pub mod webhooks;

use faults::{Fault, Forced, Spec};
use http::{Body, Part, Req, Resp};
use webhooks::{Delivery, Outgoing};

/// The documented test credentials `--strict` requires (the same as the former test server's).
pub mod credentials {
    /// PassportReader public key (HTTP Basic user).
    pub const PASSPORTREADER_PUBLIC_KEY: &str = "public-key-test";
    /// PassportReader secret (HTTP Basic password).
    pub const PASSPORTREADER_SECRET: &str = "secret-test";
    /// Digiteal login (HTTP Basic user).
    pub const DIGITEAL_USERNAME: &str = "digiteal-user-test";
    /// Digiteal password.
    pub const DIGITEAL_PASSWORD: &str = "digiteal-pass-test";
    /// Billit `ApiKey`.
    pub const BILLIT_API_KEY: &str = "billit-key-test";
    /// Billit `Authorization: Bearer` access token (instead of the API key).
    pub const BILLIT_ACCESS_TOKEN: &str = "billit-token-test";
    /// Solaris OAuth2 client id.
    pub const SOLARIS_CLIENT_ID: &str = "solaris-client-test";
    /// Solaris OAuth2 client secret.
    pub const SOLARIS_CLIENT_SECRET: &str = "solaris-secret-test";
    /// The default Billit webhook secret.
    pub const BILLIT_WEBHOOK_SECRET: &str = "billit-webhook-secret-test";
    /// The default Solaris webhook secret.
    pub const SOLARIS_WEBHOOK_SECRET: &str = "solaris-webhook-secret-test";
}

/// `kassa sandbox` flags.
#[derive(Clone, Debug, clap::Args)]
pub struct SandboxArgs {
    /// The port on 127.0.0.1 (0: any free port, printed on the first line).
    #[arg(long, default_value_t = 8400)]
    pub port: u16,
    /// The seed of every random choice (ids, tokens, faults): same seed, same run.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Faults to inject, e.g. `5xx=0.2,reset=0.1,digiteal:truncate=0.05,path=/api/v1/session.*:hang=0.01,latency=200`.
    #[arg(long, default_value = "")]
    pub faults: String,
    /// Milliseconds added to every provider answer.
    #[arg(long, default_value_t = 0)]
    pub latency: u64,
    /// How long a `hang` fault lasts, in milliseconds.
    #[arg(long, default_value_t = 30_000)]
    pub hang_ms: u64,
    /// Require the documented test credentials instead of any non-empty ones.
    #[arg(long)]
    pub strict: bool,
    /// Seconds between two attempts of a webhook (Digiteal's hourly resend, shortened).
    #[arg(long, default_value_t = 2.0)]
    pub resend_seconds: f64,
    /// Attempts of a webhook before giving up.
    #[arg(long, default_value_t = 5)]
    pub resend_max: u32,
    /// Lifetime of Solaris access tokens, in seconds.
    #[arg(long, default_value_t = 3599)]
    pub solaris_token_ttl: u64,
    /// Where Billit's signed webhooks go (a loopback URL); also settable per tenant.
    #[arg(long)]
    pub billit_webhook_url: Option<String>,
    /// The secret Billit's webhooks are signed with.
    #[arg(long, env = "KASSA_SANDBOX_BILLIT_WEBHOOK_SECRET", default_value = credentials::BILLIT_WEBHOOK_SECRET, hide_env_values = true)]
    pub billit_webhook_secret: String,
    /// The secret Solaris's webhooks are signed with.
    #[arg(long, env = "KASSA_SANDBOX_SOLARIS_WEBHOOK_SECRET", default_value = credentials::SOLARIS_WEBHOOK_SECRET, hide_env_values = true)]
    pub solaris_webhook_secret: String,
    /// Log each request (method, path, status; never a credential) to stderr.
    #[arg(long, short)]
    pub verbose: bool,
    /// Also write the port to this file once listening (written whole, then renamed into place).
    #[arg(long)]
    pub port_file: Option<std::path::PathBuf>,
}

/// How the sandbox behaves: [`SandboxArgs`] read.
#[derive(Clone, Debug)]
pub struct Options {
    /// The port (0: any).
    pub port: u16,
    /// The seed.
    pub seed: u64,
    /// The faults of every tenant without its own.
    pub faults: Spec,
    /// Milliseconds added to every provider answer.
    pub latency_ms: u64,
    /// How long a hang lasts.
    pub hang_ms: u64,
    /// Whether only the documented test credentials are accepted.
    pub strict: bool,
    /// Between two webhook attempts.
    pub resend_interval: Duration,
    /// Attempts of a webhook.
    pub resend_max: u32,
    /// Solaris token lifetime.
    pub solaris_token_ttl: u64,
    /// Default Billit webhook URL.
    pub billit_webhook_url: Option<String>,
    /// Default Billit webhook secret.
    pub billit_webhook_secret: String,
    /// Default Solaris webhook secret.
    pub solaris_webhook_secret: String,
    /// Log requests to stderr.
    pub verbose: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            port: 0,
            seed: 0,
            faults: Spec::default(),
            latency_ms: 0,
            hang_ms: 30_000,
            strict: false,
            resend_interval: Duration::from_secs(2),
            resend_max: 5,
            solaris_token_ttl: 3599,
            billit_webhook_url: None,
            billit_webhook_secret: credentials::BILLIT_WEBHOOK_SECRET.to_owned(),
            solaris_webhook_secret: credentials::SOLARIS_WEBHOOK_SECRET.to_owned(),
            verbose: false,
        }
    }
}

impl Options {
    /// Reads the flags; an error names the flag.
    pub fn from_args(a: &SandboxArgs) -> Result<Options, String> {
        if !(a.resend_seconds.is_finite() && a.resend_seconds >= 0.0) {
            return Err("--resend-seconds: a number of seconds".to_owned());
        }
        if let Some(url) = &a.billit_webhook_url {
            if !http::is_loopback_url(url) {
                return Err(format!("--billit-webhook-url: the sandbox only calls loopback URLs, not {url}"));
            }
        }
        Ok(Options {
            port: a.port,
            seed: a.seed,
            faults: Spec::parse(&a.faults).map_err(|e| format!("--faults: {e}"))?,
            latency_ms: a.latency,
            hang_ms: a.hang_ms,
            strict: a.strict,
            resend_interval: Duration::from_secs_f64(a.resend_seconds),
            resend_max: a.resend_max,
            solaris_token_ttl: a.solaris_token_ttl,
            billit_webhook_url: a.billit_webhook_url.clone(),
            billit_webhook_secret: a.billit_webhook_secret.clone(),
            solaris_webhook_secret: a.solaris_webhook_secret.clone(),
            verbose: a.verbose,
        })
    }
}

/// A provider the sandbox speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Digiteal.
    Digiteal,
    /// Billit.
    Billit,
    /// Solaris.
    Solaris,
    /// PassportReader.
    #[serde(rename = "passportreader")]
    PassportReader,
}

impl Provider {
    /// The path prefix and fault scope name.
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Digiteal => "digiteal",
            Provider::Billit => "billit",
            Provider::Solaris => "solaris",
            Provider::PassportReader => "passportreader",
        }
    }

    /// The provider of a prefix.
    pub fn from_name(name: &str) -> Option<Provider> {
        Some(match name {
            "digiteal" => Provider::Digiteal,
            "billit" => Provider::Billit,
            "solaris" => Provider::Solaris,
            "passportreader" => Provider::PassportReader,
            _ => return None,
        })
    }
}

/// A scenario of the former test server's layout (`/<scenario>/<token>/...`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Normal answers.
    #[default]
    Ok,
    /// The tenant's first request answers 503.
    Flaky,
    /// Every request waits `--hang-ms` before it is answered.
    Hang,
    /// Solaris tokens last one second.
    Shortlived,
    /// Each Solaris token is good for one API request.
    Revoke,
    /// The tenant's first request is processed, then its connection is reset instead of answered.
    #[serde(rename = "resetonce")]
    ResetOnce,
}

impl Mode {
    fn from_name(name: &str) -> Option<Mode> {
        Some(match name {
            "ok" => Mode::Ok,
            "flaky" => Mode::Flaky,
            "hang" => Mode::Hang,
            "shortlived" => Mode::Shortlived,
            "revoke" => Mode::Revoke,
            "resetonce" => Mode::ResetOnce,
            _ => return None,
        })
    }
}

/// Webhook settings of a tenant (`POST /_sandbox/webhooks/config`).
#[derive(Clone, Debug, Serialize)]
pub struct WebhookSettings {
    /// Where Billit's webhooks go.
    pub billit_url: Option<String>,
    /// Billit's signing secret (never shown).
    #[serde(skip)]
    pub billit_secret: String,
    /// Solaris's signing secret (never shown).
    #[serde(skip)]
    pub solaris_secret: String,
}

/// One isolated world: every provider's state, a clock, faults and counters.
#[derive(Serialize)]
pub struct Tenant {
    /// Its name (`default` when none was given).
    pub name: String,
    /// The scenario of the former layout, when addressed through it.
    pub mode: Mode,
    /// Seconds added to the real clock (`POST /_sandbox/clock`).
    pub clock_offset: u64,
    /// Provider API requests received (not counting Solaris token requests).
    pub requests: u64,
    /// Solaris token requests received.
    pub token_requests: u64,
    #[serde(skip)]
    ids: u64,
    #[serde(skip)]
    draws: u64,
    /// Its own faults, replacing `--faults`.
    pub faults: Option<Spec>,
    /// Faults forced on its next requests.
    pub forced: Vec<Forced>,
    /// Webhook settings.
    pub webhooks: WebhookSettings,
    /// Webhooks sent.
    #[serde(skip)]
    pub deliveries: Vec<Delivery>,
    /// The last provider requests received (credentials redacted), for `GET /_sandbox/requests`.
    #[serde(skip)]
    pub recorded: std::collections::VecDeque<serde_json::Value>,
    #[serde(skip)]
    delivery_counter: u64,
    /// Digiteal's state.
    pub digiteal: digiteal::State,
    /// Billit's state.
    pub billit: billit::State,
    /// Solaris's state.
    pub solaris: solaris::State,
    /// PassportReader's state.
    pub passportreader: passportreader::State,
}

impl Tenant {
    fn new(name: &str, options: &Options) -> Tenant {
        Tenant {
            name: name.to_owned(),
            mode: Mode::Ok,
            clock_offset: 0,
            requests: 0,
            token_requests: 0,
            ids: 0,
            draws: 0,
            faults: None,
            forced: Vec::new(),
            webhooks: WebhookSettings {
                billit_url: options.billit_webhook_url.clone(),
                billit_secret: options.billit_webhook_secret.clone(),
                solaris_secret: options.solaris_webhook_secret.clone(),
            },
            deliveries: Vec::new(),
            recorded: std::collections::VecDeque::new(),
            delivery_counter: 0,
            digiteal: digiteal::State::default(),
            billit: billit::State::default(),
            solaris: solaris::State::default(),
            passportreader: passportreader::State::default(),
        }
    }

    /// The tenant's clock: the real one plus its offset, in unix seconds.
    pub fn now(&self) -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()) + self.clock_offset
    }
}

/// How many requests recorded per tenant.
const RECORDED: usize = 50;

impl Tenant {
    /// `{"requests", "token_requests"}`, with `invoice_creates` and `invoices` (distinct
    /// `invoiceInternalId`s) once the tenant created Digiteal invoices.
    pub fn stats(&self) -> serde_json::Value {
        let mut stats = json!({"requests": self.requests, "token_requests": self.token_requests});
        if self.digiteal.invoice_creates > 0 {
            stats["invoice_creates"] = json!(self.digiteal.invoice_creates);
            stats["invoices"] = json!(self.digiteal.internal_ids());
        }
        stats
    }

    fn record(&mut self, method: &hyper::Method, path: &str, headers: &hyper::HeaderMap, body: &[u8]) {
        let headers: Vec<(String, String)> = headers
            .iter()
            .map(|(n, v)| {
                let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                let value = if kassa::http::is_sensitive_header(n.as_str()) {
                    match value.split_once(' ') {
                        Some((scheme, _)) => format!("{scheme} [redacted]"),
                        None => "[redacted]".to_owned(),
                    }
                } else {
                    value
                };
                (n.as_str().to_owned(), value)
            })
            .collect();
        let mut entry = json!({"method": method.as_str(), "path": path, "headers": headers});
        match std::str::from_utf8(body) {
            Ok(text) => entry["body"] = json!(text),
            Err(_) => entry["body_hex"] = json!(body.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        }
        self.recorded.push_back(entry);
        while self.recorded.len() > RECORDED {
            self.recorded.pop_front();
        }
    }
}

/// What every connection shares.
pub struct Shared {
    /// The options.
    pub options: Options,
    /// `http://127.0.0.1:N`.
    pub base: String,
    tenants: Mutex<HashMap<String, Tenant>>,
    exchange: OnceLock<Option<kassa::transport::ReqwestExchange>>,
}

impl Shared {
    /// The tenants, locked (never across an await).
    pub fn lock(&self) -> MutexGuard<'_, HashMap<String, Tenant>> {
        self.tenants.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The HTTP client of outgoing webhooks (made on first use: start-up stays fast).
    pub fn exchange(&self) -> Option<&kassa::transport::ReqwestExchange> {
        self.exchange.get_or_init(|| kassa::transport::ReqwestExchange::new().ok()).as_ref()
    }
}

/// What a handler works with: its tenant, the options, where it is addressed, and the webhooks
/// it wants sent once the lock is released.
pub struct Ctx<'a> {
    /// The options.
    pub opts: &'a Options,
    /// The tenant.
    pub tenant: &'a mut Tenant,
    /// `http://127.0.0.1:N`.
    pub base: &'a str,
    /// Webhooks to send.
    pub out: Vec<Outgoing>,
    /// The tenant's clock.
    pub now: u64,
}

impl Ctx<'_> {
    /// The base URL of `provider` in this tenant: `http://127.0.0.1:N/<provider>[/t/<tenant>]`.
    pub fn prefix(&self, provider: Provider) -> String {
        if self.tenant.name == DEFAULT_TENANT {
            format!("{}/{}", self.base, provider.as_str())
        } else {
            format!("{}/{}/t/{}", self.base, provider.as_str(), enc(&self.tenant.name))
        }
    }

    /// The URL of a control endpoint of this tenant (`path` starts with `/`).
    pub fn control_url(&self, path: &str) -> String {
        if self.tenant.name == DEFAULT_TENANT {
            format!("{}/_sandbox{path}", self.base)
        } else {
            format!("{}/_sandbox/t/{}{path}", self.base, enc(&self.tenant.name))
        }
    }

    /// The next deterministic 64-bit number of this tenant.
    pub fn number(&mut self) -> u64 {
        self.tenant.ids += 1;
        faults::mix(self.opts.seed ^ faults::mix(faults::hash(&self.tenant.name)) ^ self.tenant.ids)
    }

    /// `n` deterministic hex digits (n ≤ 32).
    pub fn hex(&mut self, n: usize) -> String {
        let s = format!("{:016x}{:016x}", self.number(), self.number());
        s[..n.min(32)].to_owned()
    }
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The tenant of requests that name none.
pub const DEFAULT_TENANT: &str = "default";

/// A running sandbox.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// What its connections share.
    pub shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// `http://127.0.0.1:N`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections.
    pub fn stop(self) {
        self.task.abort();
    }
}

/// Binds 127.0.0.1 and serves on the current tokio runtime.
pub async fn start(options: Options) -> std::io::Result<Running> {
    let listener = TcpListener::bind(("127.0.0.1", options.port)).await?;
    let addr = listener.local_addr()?;
    let shared = Arc::new(Shared {
        options,
        base: format!("http://{addr}"),
        tenants: Mutex::new(HashMap::new()),
        exchange: OnceLock::new(),
    });
    let accept = shared.clone();
    let task = tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let reset = Arc::new(AtomicBool::new(false));
            let io = TokioIo::new(Conn { stream, reset: reset.clone() });
            let shared = accept.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    let shared = shared.clone();
                    let reset = reset.clone();
                    async move { handle(shared, request, reset).await }
                });
                let _ = http1::Builder::new().keep_alive(true).serve_connection(io, service).await;
            });
        }
    });
    Ok(Running { addr, shared, task })
}

/// `kassa sandbox`: runs until killed. Prints `kassa sandbox listening on http://127.0.0.1:N`
/// as the first line of stdout.
pub fn main(args: SandboxArgs) -> i32 {
    use std::io::Write as _;
    let options = match Options::from_args(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("kassa sandbox: {e}");
            return crate::commands::EXIT_USAGE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("kassa sandbox: {e}");
            return crate::commands::EXIT_FAILURE;
        }
    };
    let port_file = args.port_file.clone();
    runtime.block_on(async move {
        let port = options.port;
        match start(options).await {
            Ok(running) => {
                let mut out = std::io::stdout();
                let url = running.url();
                let _ = writeln!(out, "kassa sandbox listening on {url}");
                for p in ["digiteal", "billit", "solaris", "passportreader"] {
                    let _ = writeln!(out, "  {p:<15} {url}/{p}");
                }
                let _ = writeln!(out, "  {:<15} {url}/_sandbox", "control");
                let _ = out.flush();
                if let Some(path) = &port_file {
                    let tmp = path.with_extension("tmp");
                    let written = std::fs::write(&tmp, running.addr.port().to_string())
                        .and_then(|()| std::fs::rename(&tmp, path));
                    if let Err(e) = written {
                        eprintln!("kassa sandbox: cannot write {}: {e}", path.display());
                        return crate::commands::EXIT_FAILURE;
                    }
                }
                let _ = running.task.await;
                0
            }
            Err(e) => {
                eprintln!("kassa sandbox: cannot listen on 127.0.0.1:{port}: {e}");
                crate::commands::EXIT_FAILURE
            }
        }
    })
}

/// A connection that can end with a TCP reset instead of a clean close.
struct Conn {
    stream: TcpStream,
    reset: Arc<AtomicBool>,
}

impl Drop for Conn {
    fn drop(&mut self) {
        if self.reset.load(Ordering::SeqCst) {
            let _ = self.stream.set_zero_linger();
        }
    }
}

impl AsyncRead for Conn {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Conn {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        if self.reset.load(Ordering::SeqCst) {
            // No FIN: the drop resets the connection.
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Where a request goes.
enum Area {
    Provider(Provider),
    Control,
    Stats(String),
    Requests(String),
    Health,
    Unknown,
}

struct Route {
    area: Area,
    tenant: String,
    mode: Option<Mode>,
    rest: Vec<String>,
}

fn decode(segment: &str) -> String {
    percent_decode(segment)
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// The provider the former layout's path belongs to.
fn infer(rest: &[String]) -> Area {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    match r.as_slice() {
        ["api", "v1", op, ..] if op.starts_with("session.") => Area::Provider(Provider::PassportReader),
        ["api", "v1", ..] => Area::Provider(Provider::Digiteal),
        ["v1", "einvoices", ..] => Area::Provider(Provider::Billit),
        ["v1", "persons", ..] | ["oauth2", "token"] => Area::Provider(Provider::Solaris),
        _ => Area::Unknown,
    }
}

fn route(path: &str, headers: &hyper::HeaderMap) -> Route {
    let segs: Vec<String> = path.split('/').filter(|s| !s.is_empty()).map(decode).collect();
    let header_tenant = headers
        .get("kassa-sandbox-tenant")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    let tenant_of = |rest: &[String]| -> (Option<String>, Vec<String>) {
        match rest {
            [t, name, tail @ ..] if t == "t" => (Some(name.clone()), tail.to_vec()),
            other => (None, other.to_vec()),
        }
    };
    let default = || header_tenant.clone().unwrap_or_else(|| DEFAULT_TENANT.to_owned());
    let first = segs.first().map(String::as_str).unwrap_or("");
    match first {
        "_sandbox" => {
            let (tenant, rest) = tenant_of(&segs[1..]);
            Route { area: Area::Control, tenant: tenant.unwrap_or_else(default), mode: None, rest }
        }
        "_stats" if segs.len() == 2 => {
            Route { area: Area::Stats(segs[1].clone()), tenant: segs[1].clone(), mode: None, rest: Vec::new() }
        }
        "_requests" if segs.len() == 2 => {
            Route { area: Area::Requests(segs[1].clone()), tenant: segs[1].clone(), mode: None, rest: Vec::new() }
        }
        "_health" => Route { area: Area::Health, tenant: default(), mode: None, rest: Vec::new() },
        p if Provider::from_name(p).is_some() => {
            let (tenant, rest) = tenant_of(&segs[1..]);
            let provider = Provider::from_name(p).unwrap_or(Provider::Digiteal);
            Route { area: Area::Provider(provider), tenant: tenant.unwrap_or_else(default), mode: None, rest }
        }
        s if segs.len() >= 2 && Mode::from_name(s).is_some() => {
            let rest = segs[2..].to_vec();
            Route { area: infer(&rest), tenant: segs[1].clone(), mode: Mode::from_name(s), rest }
        }
        _ => Route { area: infer(&segs), tenant: default(), mode: None, rest: segs },
    }
}

fn cors_base(builder: hyper::http::response::Builder) -> hyper::http::response::Builder {
    builder
        .header("access-control-allow-origin", "*")
        .header("access-control-allow-methods", "GET, POST, PUT, DELETE, OPTIONS")
        .header("access-control-expose-headers", "*")
        .header("access-control-max-age", "600")
}

fn cors(builder: hyper::http::response::Builder) -> hyper::http::response::Builder {
    cors_base(builder).header(
        "access-control-allow-headers",
        "Authorization, Content-Type, Accept, ApiKey, PartyID, correlation-id, Idempotency-Key, Kassa-Sandbox-Tenant",
    )
}

fn to_hyper(resp: Resp, truncate: bool) -> Response<Body> {
    let asked = resp.headers.iter().any(|(n, _)| n == "access-control-allow-headers");
    let mut builder = if asked {
        cors_base(Response::builder().status(resp.status))
    } else {
        cors(Response::builder().status(resp.status))
    };
    for (name, value) in &resp.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let body = Bytes::from(resp.body);
    let body = if truncate {
        let half = body.len() / 2;
        builder = builder.header("content-length", body.len().to_string());
        Body::Truncated(Some(body.slice(..half)))
    } else {
        Body::Full(Some(body))
    };
    builder.body(body).unwrap_or_else(|_| Response::new(Body::Full(None)))
}

/// The provider's own error shape for an injected status.
pub fn provider_error(provider: Provider, status: u16, request: &Req) -> Resp {
    let reason = match status {
        429 => "Too many requests",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Internal server error (injected by the sandbox)",
    };
    let resp = match provider {
        Provider::Digiteal => {
            digiteal::error(request, status, if status >= 500 { "GENERAL" } else { "TOO_MANY_REQUESTS" }, reason, &[])
        }
        Provider::Billit => Resp::json(
            status,
            &json!({"Code": if status >= 500 { "InternalServerError" } else { "TooManyRequests" }, "Description": reason}),
        ),
        Provider::Solaris => {
            solaris::error(status, if status >= 500 { "internal_server_error" } else { "too_many_requests" }, reason)
        }
        Provider::PassportReader => Resp::json(
            status,
            &json!({"error_message": reason, "error_name": if status == 503 { "ServiceUnavailable" } else if status == 429 { "TooManyRequests" } else { "InternalServerError" }}),
        ),
    };
    if status == 429 || status == 503 {
        resp.header("retry-after", "0")
    } else {
        resp
    }
}

async fn read_form(headers: &hyper::HeaderMap, body: &Bytes) -> Option<Result<Vec<Part>, String>> {
    let content_type = headers.get("content-type")?.to_str().ok()?;
    if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        return None;
    }
    let boundary = match multer::parse_boundary(content_type) {
        Ok(b) => b,
        Err(e) => return Some(Err(e.to_string())),
    };
    let stream = futures_util::stream::once(std::future::ready(Ok::<Bytes, std::io::Error>(body.clone())));
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                let file_name = field.file_name().map(str::to_owned);
                let content_type = field.content_type().map(ToString::to_string);
                match field.bytes().await {
                    Ok(data) => parts.push(Part { name, file_name, content_type, data }),
                    Err(e) => return Some(Err(e.to_string())),
                }
            }
            Ok(None) => return Some(Ok(parts)),
            Err(e) => return Some(Err(e.to_string())),
        }
    }
}

const MAX_BODY: usize = 16 * 1024 * 1024;

async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
    reset: Arc<AtomicBool>,
) -> Result<Response<Body>, std::io::Error> {
    let (parts, body) = request.into_parts();
    if parts.method == hyper::Method::OPTIONS {
        // A preflight: allow whatever headers the page asks for (per-call extra headers too).
        let mut resp = Resp::empty(204);
        if let Some(asked) = parts.headers.get("access-control-request-headers").and_then(|v| v.to_str().ok()) {
            resp = resp.header("access-control-allow-headers", asked);
        }
        return Ok(to_hyper(resp, false));
    }
    let body = match http_body_util::Limited::new(body, MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => return Ok(to_hyper(Resp::json(413, &json!({"error": "body too large or unreadable"})), false)),
    };
    let route = route(parts.uri.path(), &parts.headers);
    let query: Vec<(String, String)> =
        parts.uri.query().map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default();
    let mut req = Req { method: parts.method, path: route.rest, query, headers: parts.headers, body, form: None };
    let verbose = shared.options.verbose;
    let log = |status: &str| {
        if verbose {
            eprintln!("{} {} [{}] -> {status}", req.method, parts.uri.path(), route.tenant);
        }
    };
    let provider = match route.area {
        Area::Health => return Ok(to_hyper(Resp::json(200, &json!({"ok": true})), false)),
        Area::Stats(token) => {
            let tenants = shared.lock();
            let stats = tenants.get(&token).map_or_else(|| json!({"requests": 0, "token_requests": 0}), Tenant::stats);
            return Ok(to_hyper(Resp::json(200, &stats), false));
        }
        Area::Requests(token) => {
            let tenants = shared.lock();
            let recorded: Vec<serde_json::Value> =
                tenants.get(&token).map(|t| t.recorded.iter().cloned().collect()).unwrap_or_default();
            return Ok(to_hyper(Resp::json(200, &serde_json::Value::Array(recorded)), false));
        }
        Area::Unknown => {
            log("404");
            let p = req.path_str();
            return Ok(to_hyper(
                Resp::json(
                    404,
                    &json!({"error": format!("no sandbox route {} {p}", req.method), "hint": "base URLs are http://127.0.0.1:N/digiteal, /billit, /solaris, /passportreader; control endpoints under /_sandbox"}),
                ),
                false,
            ));
        }
        Area::Control => {
            req.form = read_form(&req.headers, &req.body).await;
            let (resp, out) = {
                let mut tenants = shared.lock();
                control::handle(&shared, &mut tenants, &route.tenant, &req)
            };
            for o in out {
                webhooks::dispatch(&shared, &route.tenant, o);
            }
            log(&resp.status.to_string());
            return Ok(to_hyper(resp, false));
        }
        Area::Provider(p) => p,
    };
    let path = req.path_str();
    // Count, and decide the fault, under the lock.
    let (fault, latency, hang_ms, mode_hang) = {
        let mut tenants = shared.lock();
        let tenant = tenants.entry(route.tenant.clone()).or_insert_with(|| Tenant::new(&route.tenant, &shared.options));
        if let Some(mode) = route.mode {
            tenant.mode = mode;
        }
        let full = parts.uri.path_and_query().map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
        tenant.record(&req.method, &full, &req.headers, &req.body);
        let is_token = provider == Provider::Solaris && path == "/oauth2/token";
        if is_token {
            tenant.token_requests += 1;
        } else {
            tenant.requests += 1;
        }
        let mut fault = None;
        if let Some(forced) = tenant.forced.iter_mut().find(|f| f.matches(provider, &path)) {
            forced.count -= 1;
            fault = Some(forced.fault);
        }
        tenant.forced.retain(|f| f.count > 0);
        let spec = tenant.faults.as_ref().unwrap_or(&shared.options.faults);
        tenant.draws += 1;
        let draw = faults::draw(shared.options.seed, &tenant.name, tenant.draws);
        let (drawn, latency, hang_ms) = spec.decide(provider, &path, draw);
        if fault.is_none() {
            fault = drawn;
        }
        if tenant.mode == Mode::Flaky && tenant.requests + tenant.token_requests == 1 {
            fault = Some(Fault::Status(503));
        }
        if tenant.mode == Mode::ResetOnce && tenant.requests + tenant.token_requests == 1 {
            fault = Some(Fault::ResetAfter);
        }
        (
            fault,
            latency + shared.options.latency_ms,
            hang_ms.unwrap_or(shared.options.hang_ms),
            tenant.mode == Mode::Hang,
        )
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    if mode_hang {
        tokio::time::sleep(Duration::from_millis(hang_ms)).await;
    }
    match fault {
        Some(Fault::Status(status)) => {
            log(&format!("{status} (fault)"));
            return Ok(to_hyper(provider_error(provider, status, &req), false));
        }
        Some(Fault::Reset) => {
            log("reset (fault)");
            reset.store(true, Ordering::SeqCst);
            return Err(std::io::Error::other("kassa sandbox: connection reset (fault)"));
        }
        Some(Fault::Hang) => {
            log("hang (fault)");
            tokio::time::sleep(Duration::from_millis(hang_ms)).await;
            reset.store(true, Ordering::SeqCst);
            return Err(std::io::Error::other("kassa sandbox: hang (fault)"));
        }
        _ => {}
    }
    req.form = read_form(&req.headers, &req.body).await;
    let (resp, out) = {
        let mut tenants = shared.lock();
        let tenant = tenants.entry(route.tenant.clone()).or_insert_with(|| Tenant::new(&route.tenant, &shared.options));
        let now = tenant.now();
        let mut ctx = Ctx { opts: &shared.options, tenant, base: &shared.base, out: Vec::new(), now };
        let resp = match provider {
            Provider::Digiteal => digiteal::handle(&mut ctx, &req),
            Provider::Billit => billit::handle(&mut ctx, &req),
            Provider::Solaris => solaris::handle(&mut ctx, &req),
            Provider::PassportReader => passportreader::handle(&mut ctx, &req),
        };
        (resp, ctx.out)
    };
    for o in out {
        webhooks::dispatch(&shared, &route.tenant, o);
    }
    match fault {
        Some(Fault::ResetAfter) => {
            log(&format!("{} then reset (fault)", resp.status));
            reset.store(true, Ordering::SeqCst);
            Err(std::io::Error::other("kassa sandbox: connection reset after processing (fault)"))
        }
        Some(Fault::Truncate) => {
            log(&format!("{} truncated (fault)", resp.status));
            Ok(to_hyper(resp, true))
        }
        _ => {
            log(&resp.status.to_string());
            Ok(to_hyper(resp, false))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes() {
        let h = hyper::HeaderMap::new();
        let r = route("/digiteal/t/abc/api/v1/invoice-request", &h);
        assert!(matches!(r.area, Area::Provider(Provider::Digiteal)));
        assert_eq!((r.tenant.as_str(), r.rest.join("/").as_str()), ("abc", "api/v1/invoice-request"));
        let r = route("/flaky/tok1/api/v1/session.create", &h);
        assert!(matches!(r.area, Area::Provider(Provider::PassportReader)));
        assert_eq!((r.tenant.as_str(), r.mode), ("tok1", Some(Mode::Flaky)));
        let r = route("/oauth2/token", &h);
        assert!(matches!(r.area, Area::Provider(Provider::Solaris)));
        assert_eq!(r.tenant, DEFAULT_TENANT);
        let r = route("/_sandbox/t/x/digiteal/invoices/u1/pay", &h);
        assert!(matches!(r.area, Area::Control));
        assert_eq!((r.tenant.as_str(), r.rest.len()), ("x", 4));
        let mut h = hyper::HeaderMap::new();
        h.insert("kassa-sandbox-tenant", "hdr".parse().unwrap());
        assert_eq!(route("/billit/v1/einvoices/registrations/1/identification", &h).tenant, "hdr");
        assert_eq!(route("/solaris/v1/persons/a%2Fb/x", &h).rest[2], "a/b");
    }
}
