//! The one client every binding wraps: a provider's checked config ([`AnyConfig`]), held once, and
//! whatever state the provider needs between calls (Solaris's OAuth token). Sending is generic
//! over the [`Exchange`], so the browser (fetch) and native (reqwest) clients run the same code:
//! read the params into a [`Call`], build it in the core, send, let the retry policy decide, obtain
//! or renew a token when needed.
//!
//! A binding's client method is three steps, the first and last on the binding's thread (they
//! read and make host values), the middle one async:
//!
//! ```text
//! let call = client.call(id, params)?;                      // params checked, nothing sent
//! let response = client.send(&exchange, &call).await?;      // tokens, retries
//! catalog::parse_response_at(call.id(), &response, now, sink)
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};

use crate::input::Input;

use crate::catalog::{self, AnyConfig, Call};
use crate::config::{Secret, Secrets};
use crate::error::{Error, ValidationCode};
use crate::exchange::{execute, execute_with, CallOptions, Exchange, Sent};
use crate::http::HttpResponse;
use crate::identity::{self, StartParams};
use crate::operation::{Operation as _, Prepared, Provider, Sink};
use crate::providers::solaris;

/// A provider's config plus its state between calls. `Debug` shows the provider and base URL only.
pub struct Client {
    config: AnyConfig,
    /// Solaris with client credentials only: the token obtained with them.
    tokens: Option<Tokens>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.provider().as_str())
            .field("base_url", &self.config.base_url())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Reads and checks `config` for `provider` (its keys as in
    /// [`build_request`](crate::catalog::build_request)) and keeps it.
    pub fn new<'de, D: Input<'de>>(provider: Provider, config: D) -> Result<Self, Error> {
        Ok(Client::from_config(AnyConfig::read(provider, config)?))
    }

    /// A client with an already checked config.
    pub fn from_config(config: AnyConfig) -> Self {
        let tokens = match &config {
            AnyConfig::Solaris(c) if !c.has_access_token() => Some(Tokens::new()),
            _ => None,
        };
        Client { config, tokens }
    }

    /// The provider.
    pub fn provider(&self) -> Provider {
        self.config.provider()
    }

    /// The checked config.
    pub fn config(&self) -> &AnyConfig {
        &self.config
    }

    /// Reads `params` for operation `id` of this client's provider and checks them by building the
    /// request once (with a placeholder token where the client obtains one), so that bad input is
    /// refused before anything is sent.
    pub fn call<'de, D: Input<'de>>(&self, id: &str, params: D) -> Result<Call, Error> {
        match catalog::info(id) {
            Some(op) if op.provider == self.provider() => {}
            _ => {
                return Err(Error::validation(
                    ValidationCode::UnknownOperation,
                    "operation",
                    format!("`{id}` is not an operation of the {} client", self.provider().as_str()),
                ))
            }
        }
        let call = catalog::call(id, params)?;
        self.check(&call)?;
        Ok(call)
    }

    /// Builds `call` once without sending it, to refuse bad input early.
    fn check(&self, call: &Call) -> Result<(), Error> {
        let context = crate::operation::Context {
            boundary: Some("kassa-check".to_owned()),
            access_token: self.tokens.as_ref().map(|_| Secret::new("-")),
        };
        call.prepare(&self.config, &context).map(|_| ())
    }

    fn context<E: Exchange>(exchange: &E, access_token: Option<Secret>) -> crate::operation::Context {
        crate::operation::Context { access_token, ..crate::operation::Context::with_random_boundary(|| exchange.random()) }
    }

    /// Sends `call`: obtains a token first when the provider needs one and none is valid, runs
    /// the retry loop, and renews the token once when the provider answers 401 to it. Returns
    /// the final response for [`Client::parse_response`].
    pub async fn send<E: Exchange>(&self, exchange: &E, call: &Call) -> Result<HttpResponse, Error> {
        self.send_with(exchange, call, &CallOptions::default()).await.map(|sent| sent.response)
    }

    /// [`Client::send`] with per-call `options` (deadline, timeout, retries, extra headers, the
    /// resend key), telling how many attempts it took. Errors are scrubbed of this client's
    /// secrets.
    pub async fn send_with<E: Exchange>(&self, exchange: &E, call: &Call, options: &CallOptions) -> Result<Sent, Error> {
        self.send_inner(exchange, call, options).await.map_err(|e| e.redact(&self.secrets_for(call)))
    }

    /// Builds `call` in `context` with `options` applied.
    fn prepare(&self, call: &Call, context: &crate::operation::Context, options: &CallOptions) -> Result<Prepared, Error> {
        let mut prepared = call.prepare_keyed(&self.config, context, options.idempotency_key.as_deref())?;
        options.apply(&mut prepared)?;
        Ok(prepared)
    }

    /// Checks `options` for `call` without sending anything.
    pub fn check_options(&self, call: &Call, options: &CallOptions) -> Result<(), Error> {
        let context = crate::operation::Context {
            boundary: Some("kassa-check".to_owned()),
            access_token: self.tokens.as_ref().map(|_| Secret::new("-")),
        };
        self.prepare(call, &context, options).map(|_| ())
    }

    async fn send_inner<E: Exchange>(&self, exchange: &E, call: &Call, options: &CallOptions) -> Result<Sent, Error> {
        let tokens = match &self.tokens {
            // The token request authenticates with the client credentials itself.
            Some(tokens) if call.id() != solaris::RequestToken::INFO.id => tokens,
            _ => {
                let prepared = self.prepare(call, &Self::context(exchange, None), options)?;
                return execute_with(exchange, &prepared, options).await;
            }
        };
        let mut rejected: Option<Secret> = None;
        let mut attempts = 0;
        loop {
            let token = tokens.token(self, exchange, rejected.as_ref()).await?;
            let prepared = self.prepare(call, &Self::context(exchange, Some(token.clone())), options)?;
            let mut sent = execute_with(exchange, &prepared, options).await?;
            attempts += sent.attempts;
            sent.attempts = attempts;
            if sent.response.status != 401 || rejected.is_some() {
                return Ok(sent);
            }
            // The token was revoked or expired early: try once with a new one.
            rejected = Some(token);
        }
    }

    /// What a binding shows besides a call's output (`with_raw_response`): the status, the
    /// headers, the provider's request id and the number of attempts.
    pub fn meta(&self, call: &Call, sent: &Sent) -> ResponseMeta {
        let request_id = sent
            .response
            .headers
            .get("x-request-id")
            .or_else(|| sent.response.headers.get("request-id"))
            .or_else(|| sent.response.headers.get("correlation-id"))
            // A provider may echo a credential there (as into its error texts): scrubbed too.
            .map(|id| self.secrets_for(call).scrub(id));
        ResponseMeta {
            operation: call.id(),
            status: sent.response.status,
            headers: sent.response.headers.iter().map(|(n, v)| (n.to_owned(), v.to_owned())).collect(),
            request_id,
            attempts: sent.attempts,
        }
    }

    /// Parses `response` to `call` (received at `now_unix`) and hands the output to `sink`; an
    /// error's texts are scrubbed of every secret this client sends (a provider may echo them).
    pub fn parse_response<S: Sink>(
        &self,
        call: &Call,
        response: &HttpResponse,
        now_unix: Option<u64>,
        sink: S,
    ) -> Result<S::Ok, Error> {
        catalog::parse_response_at(call.id(), response, now_unix, sink).map_err(|e| e.redact(&self.secrets_for(call)))
    }

    /// [`Client::secrets`] and those the params of `call` carry (a webhook password to set).
    pub fn secrets_for(&self, call: &Call) -> Secrets {
        let mut secrets = self.secrets();
        secrets.extend(call.secrets());
        secrets
    }

    /// Every secret this client sends (its config's, and the token it holds), in every form.
    pub fn secrets(&self) -> Secrets {
        let mut secrets = self.config.secrets();
        if let Some(tokens) = &self.tokens {
            if let Some(token) = tokens.current() {
                secrets.add_header_value(&format!("Bearer {}", token.expose()));
            }
        }
        secrets
    }
}

/// What a binding shows besides a call's output: `with_raw_response` / `withRawResponse`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResponseMeta {
    /// The operation id.
    pub operation: &'static str,
    /// The HTTP status of the final answer.
    pub status: u16,
    /// Its headers, as `[name, value]` pairs.
    pub headers: Vec<(String, String)>,
    /// The provider's request id (a response header), when it sent one.
    pub request_id: Option<String>,
    /// How many attempts the call took.
    pub attempts: u32,
}

/// The Solaris token of a client: the sans-IO [`solaris::TokenState`] behind a lock, and the
/// wakers of the calls waiting for the one token request in flight.
struct Tokens {
    state: Mutex<(solaris::TokenState, Vec<Waker>)>,
}

impl Tokens {
    fn new() -> Self {
        Tokens { state: Mutex::new((solaris::TokenState::new(), Vec::new())) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (solaris::TokenState, Vec<Waker>)> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn current(&self) -> Option<Secret> {
        self.lock().0.token().cloned()
    }

    /// A valid token: the held one, the one another call is fetching (waited for), or a new one
    /// from the token endpoint. `rejected` is a token the provider just answered 401 to.
    async fn token<E: Exchange>(&self, client: &Client, exchange: &E, rejected: Option<&Secret>) -> Result<Secret, Error> {
        let mut rejected = rejected;
        loop {
            let now = exchange.now_unix().unwrap_or(0);
            let step = self.lock().0.begin(now, rejected.take());
            match step {
                solaris::TokenStep::Use(token) => return Ok(token),
                solaris::TokenStep::Wait(generation) => {
                    Wait { tokens: self, generation }.await;
                    if let Some(e) = self.lock().0.failure_since(generation) {
                        return Err(e.clone());
                    }
                }
                solaris::TokenStep::Fetch(ticket) => {
                    let mut guard = Fetching { tokens: self, ticket: Some(ticket) };
                    let AnyConfig::Solaris(config) = &client.config else {
                        unreachable!("only Solaris clients hold tokens")
                    };
                    let prepared = crate::operation::prepare(
                        &solaris::RequestToken::default(),
                        config,
                        &crate::operation::Context::default(),
                    )?;
                    let response = execute(exchange, &prepared).await;
                    let ticket = guard.ticket.take().unwrap_or_else(|| unreachable!());
                    let mut state = self.lock();
                    let result = state.0.finish(ticket, response.as_ref().map_err(Clone::clone), now);
                    state.1.drain(..).for_each(Waker::wake);
                    return result;
                }
            }
        }
    }
}

/// Waits until the token fetch in flight at `generation` ends.
struct Wait<'a> {
    tokens: &'a Tokens,
    generation: u64,
}

impl Future for Wait<'_> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.tokens.lock();
        if state.0.generation() != self.generation {
            return Poll::Ready(());
        }
        state.1.push(cx.waker().clone());
        Poll::Pending
    }
}

/// Hands the fetch over to a waiter when its call is cancelled mid-way (its future dropped).
struct Fetching<'a> {
    tokens: &'a Tokens,
    ticket: Option<solaris::FetchTicket>,
}

impl Drop for Fetching<'_> {
    fn drop(&mut self) {
        if let Some(ticket) = self.ticket.take() {
            let mut state = self.tokens.lock();
            state.0.abandon(ticket);
            state.1.drain(..).for_each(Waker::wake);
        }
    }
}

/// The provider-neutral identification flow ([`crate::identity`]) over this client.
impl Client {
    /// Checks the start of an identification and gives the provider's call for it, before
    /// anything is sent.
    pub fn identity_call(&self, params: &StartParams) -> Result<Call, Error> {
        let call = match identity::start_operation(self.provider(), params)? {
            identity::Start::Billit(op) => Call::new(op),
            identity::Start::Solaris(op) => Call::new(op),
            identity::Start::PassportReader(op) => Call::new(op),
        };
        self.check(&call)?;
        Ok(call)
    }

    /// Starts an identification of `params.subject` with this client's provider.
    pub async fn identity_start<E: Exchange>(
        &self,
        exchange: &E,
        params: &StartParams,
    ) -> Result<identity::Started, Error> {
        self.identity_start_with(exchange, params, &CallOptions::default()).await
    }

    /// [`Client::identity_start`] with per-call `options` for the provider's call.
    pub async fn identity_start_with<E: Exchange>(
        &self,
        exchange: &E,
        params: &StartParams,
        options: &CallOptions,
    ) -> Result<identity::Started, Error> {
        let call = self.identity_call(params)?;
        let response = self.send_with(exchange, &call, options).await?.response;
        identity::started(self.provider(), params, &response, exchange.now_unix()).map_err(|e| e.redact(&self.secrets()))
    }

    /// Asks the provider where `reference` stands (Solaris, PassportReader) and returns the
    /// outcome; for Billit, whose only evidence is the redirect, use [`identity::finish`].
    pub async fn identity_check<E: Exchange>(
        &self,
        exchange: &E,
        reference: &str,
        expires_at: Option<u64>,
    ) -> Result<identity::Outcome, Error> {
        self.identity_check_with(exchange, reference, expires_at, &CallOptions::default()).await
    }

    /// [`Client::identity_check`] with per-call `options` for the provider's status call.
    pub async fn identity_check_with<E: Exchange>(
        &self,
        exchange: &E,
        reference: &str,
        expires_at: Option<u64>,
        options: &CallOptions,
    ) -> Result<identity::Outcome, Error> {
        let mut evidence = match identity::poll_operation(reference)? {
            Some(poll) => {
                let call = match poll {
                    identity::Poll::Solaris(op) => Call::new(op),
                    identity::Poll::PassportReader(op) => Call::new(op),
                };
                let response = self.send_with(exchange, &call, options).await?.response;
                identity::poll_evidence(reference, &response).map_err(|e| e.redact(&self.secrets()))?
            }
            None => identity::Evidence::default(),
        };
        evidence.expires_at = expires_at;
        identity::finish(reference, &evidence, exchange.now_unix())
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::error::TransportError;
    use crate::http::{Headers, HttpRequest};
    use serde_json::json;

    /// Answers from a script and records what was sent.
    struct Script {
        answers: RefCell<Vec<(u16, &'static str)>>,
        sent: RefCell<Vec<HttpRequest>>,
        now: u64,
    }

    impl Exchange for Script {
        async fn send(&self, request: &HttpRequest, _: &crate::exchange::Limits) -> Result<HttpResponse, TransportError> {
            self.sent.borrow_mut().push(request.clone());
            let (status, body) = self.answers.borrow_mut().remove(0);
            Ok(HttpResponse::new(status, Headers::new(), body))
        }
        async fn sleep(&self, _: u64) {}
        fn now_unix(&self) -> Option<u64> {
            Some(self.now)
        }
        fn random(&self) -> f64 {
            0.0
        }
    }

    fn run<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
    }

    const TOKEN: &str = r#"{"access_token": "t1", "expires_in": 3600}"#;
    const SESSION: &str = r#"{"id": "s1", "status": "created"}"#;

    #[test]
    fn a_secret_of_the_params_is_scrubbed_from_errors_too() {
        let client = Client::new(Provider::Digiteal, json!({"username": "u", "password": "pass-1234"})).unwrap();
        let call = client.call("digiteal.webhooks.set_credentials", json!({"login": "hook", "password": "hook-pass-5678"})).unwrap();
        let echo = r#"{"errorCode": "INVALID_PARAMETER", "errorMessage": "got hook-pass-5678 and pass-1234", "requestId": "aG9vay1wYXNzLTU2Nzg="}"#;
        let script = Script { answers: RefCell::new(vec![(400, echo)]), sent: RefCell::default(), now: 0 };
        let sent = run(client.send_with(&script, &call, &CallOptions::default())).unwrap();
        let Err(Error::Api(e)) = client.parse_response(&call, &sent.response, None, crate::operation::JsonSink) else { panic!("not an API error") };
        assert_eq!(e.message.as_deref(), Some("got [redacted] and [redacted]"));
        assert_eq!(e.request_id.as_deref(), Some("[redacted]"));
        assert!(String::from_utf8_lossy(&script.sent.borrow()[0].body).contains("hook-pass-5678"), "the password is sent");
    }

    #[test]
    fn solaris_token_fetched_once_reused_and_renewed_after_401() {
        let client =
            Client::new(Provider::Solaris, json!({"client_id": "c", "client_secret": "s", "environment": "sandbox"}))
                .unwrap();
        assert!(!format!("{client:?}").contains("\"s\""));
        let params = json!({"person_id": "p1", "identification_session_id": "s1"});
        let script = Script {
            answers: RefCell::new(vec![
                (200, TOKEN),
                (200, SESSION),
                (200, SESSION),
                (401, "{}"),
                (200, TOKEN),
                (200, SESSION),
            ]),
            sent: RefCell::default(),
            now: 1_000,
        };
        for _ in 0..3 {
            let call = client.call("solaris.identification_sessions.get", &params).unwrap();
            let r = run(client.send(&script, &call)).unwrap();
            assert_eq!(r.status, 200);
        }
        let sent = script.sent.borrow();
        let urls: Vec<_> = sent.iter().map(|r| r.url.rsplit('/').next().unwrap().to_owned()).collect();
        assert_eq!(urls, ["token", "s1", "s1", "s1", "token", "s1"]);
        assert_eq!(sent[1].headers.get("authorization"), Some("Bearer t1"));
    }

    /// Answers after yielding to the runtime once, so that concurrent calls interleave.
    struct Slow {
        token_requests: std::sync::atomic::AtomicUsize,
        requests: std::sync::atomic::AtomicUsize,
    }

    impl Exchange for Slow {
        async fn send(&self, request: &HttpRequest, _: &crate::exchange::Limits) -> Result<HttpResponse, TransportError> {
            tokio::task::yield_now().await;
            if request.url.ends_with("/oauth2/token") {
                self.token_requests.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::task::yield_now().await;
                return Ok(HttpResponse::new(200, Headers::new(), TOKEN));
            }
            self.requests.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Ok(HttpResponse::new(200, Headers::new(), SESSION))
        }
        async fn sleep(&self, _: u64) {}
        fn now_unix(&self) -> Option<u64> {
            Some(1_000)
        }
        fn random(&self) -> f64 {
            0.5
        }
    }

    #[test]
    fn concurrent_first_calls_share_one_token_request() {
        let client = Client::new(
            Provider::Solaris,
            json!({"client_id": "c", "client_secret": "s", "base_url": "https://solaris.test"}),
        )
        .unwrap();
        let exchange = Slow { token_requests: 0.into(), requests: 0.into() };
        let params = json!({"person_id": "p1", "identification_session_id": "s1"});
        let calls: Vec<Call> =
            (0..64).map(|_| client.call("solaris.identification_sessions.get", &params).unwrap()).collect();
        let results = run(futures_util::future::join_all(calls.iter().map(|c| client.send(&exchange, c))));
        assert!(results.iter().all(|r| r.as_ref().is_ok_and(|r| r.status == 200)));
        assert_eq!(exchange.token_requests.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(exchange.requests.load(std::sync::atomic::Ordering::SeqCst), 64);
    }

    #[test]
    fn provider_texts_quoting_a_secret_are_scrubbed() {
        let client =
            Client::new(Provider::PassportReader, json!({"public_key": "public-key-a", "secret": "secret-hunter2"}))
                .unwrap();
        let call = client.call("passportreader.session.state", json!({"id": 1})).unwrap();
        let echo = r#"{"error_message": "bad header Basic cHVibGljLWtleS1hOnNlY3JldC1odW50ZXIy (secret-hunter2)", "error_name": "Unauthorized secret-hunter2"}"#;
        let response = HttpResponse::new(401, [("x-request-id", "secret-hunter2")].into_iter().collect(), echo);
        let err = client.parse_response(&call, &response, None, crate::operation::JsonSink).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("hunter2") && !shown.contains("cHVibGljLWtleS1hOnNlY3JldC1odW50ZXIy"), "{shown}");
        let crate::Error::Api(api) = err else { panic!() };
        // The raw body stays as received.
        assert!(String::from_utf8_lossy(&api.body).contains("hunter2"));
    }

    #[test]
    fn meta_scrubs_an_echoed_credential_from_the_request_id() {
        let client =
            Client::new(Provider::PassportReader, json!({"public_key": "public-key-a", "secret": "secret-hunter2"}))
                .unwrap();
        let call = client.call("passportreader.session.state", json!({"id": 1})).unwrap();
        let response = HttpResponse::new(200, [("x-request-id", "id secret-hunter2")].into_iter().collect(), "{}");
        let meta = client.meta(&call, &Sent { response, attempts: 2 });
        assert_eq!((meta.request_id.as_deref(), meta.attempts, meta.status), (Some("id [redacted]"), 2, 200));
        assert_eq!(meta.headers, vec![("x-request-id".to_owned(), "id secret-hunter2".to_owned())]);
    }

    #[test]
    fn secrets_in_the_params_are_scrubbed_too() {
        let client = Client::new(Provider::Digiteal, json!({"username": "user-a", "password": "pass-b"})).unwrap();
        let call = client
            .call("digiteal.webhooks.set_credentials", json!({"login": "hook", "password": "hook-pw-hunter2"}))
            .unwrap();
        let echo = r#"{"errorCode": "BAD", "errorMessage": "body: {\"password\": \"hook-pw-hunter2\"}", "requestId": "aG9vay1wdy1odW50ZXIy"}"#;
        let err = client.parse_response(&call, &HttpResponse::new(400, Headers::new(), echo), None, crate::operation::JsonSink);
        let shown = format!("{} {:?}", err.as_ref().unwrap_err(), err.as_ref().unwrap_err());
        assert!(!shown.contains("hunter2") && !shown.contains("aG9vay1wdy1odW50ZXIy"), "{shown}");
        // Other calls' texts are left alone.
        let other = client.call("digiteal.webhooks.get_configuration", json!({})).unwrap();
        assert!(!client.secrets_for(&other).appear_in("hook-pw-hunter2"));
    }

    #[test]
    fn refuses_other_providers_operations_and_bad_params_before_any_request() {
        let client = Client::new(Provider::Solaris, json!({"client_id": "c", "client_secret": "s"})).unwrap();
        let err = client.call("passportreader.session.get", json!({"id": 1})).unwrap_err();
        assert_eq!(err.code(), "unknown_operation");
        let err = client.call("solaris.identifications.get", json!({})).unwrap_err();
        assert_eq!(err.code(), "invalid_params");
    }

    #[test]
    fn checks_config_and_provider_up_front() {
        let client =
            Client::new(Provider::PassportReader, json!({"public_key": "public-key-a", "secret": "secret-b"})).unwrap();
        assert!(!format!("{client:?}").contains("secret-b"));
        let err = client.call("solaris.identifications.get", json!({})).unwrap_err();
        assert_eq!(err.code(), "unknown_operation");
        assert_eq!(client.call("passportreader.session.get", json!({})).unwrap_err().code(), "invalid_params");
        assert_eq!(
            Client::new(Provider::PassportReader, json!({"secret": "secret-b"})).unwrap_err().code(),
            "invalid_config"
        );
    }

    #[test]
    fn uploads_get_a_random_boundary_from_the_exchange() {
        let client = Client::new(Provider::Digiteal, json!({"username": "u", "password": "p"})).unwrap();
        let call = client
            .call("digiteal.invoices.send_document", json!({"uuid": "u1", "document": "%PDF", "name": "a.pdf"}))
            .unwrap();
        let script = Script { answers: RefCell::new(vec![(200, "")]), sent: RefCell::default(), now: 0 };
        let _ = run(client.send(&script, &call));
        let sent = script.sent.borrow();
        let ct = sent[0].headers.get("content-type").unwrap();
        assert_eq!(ct, "multipart/form-data; boundary=kassa-0000000000000000000000000000");
    }
}
