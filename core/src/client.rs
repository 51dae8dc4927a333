//! The one client every binding wraps: a provider's config, held once, and whatever state the
//! provider needs between calls (Solaris's OAuth token). Sending is generic over the
//! [`Exchange`], so the browser (fetch) and native (reqwest) clients run the same code: build in
//! the core, send, let the retry policy decide, obtain or renew a token when needed.
//!
//! The binding then parses the returned response with
//! [`parse_response_at`](crate::operation::parse_response_at) into its own values.

use std::sync::Mutex;

use serde::de::Deserializer;
use serde_json::Value;

use crate::config::Secret;
use crate::error::{Error, ValidationCode};
use crate::exchange::{execute, Exchange};
use crate::http::HttpResponse;
use crate::identity;
use crate::operation::{self, read_config, Operation as _, Prepared, ProviderConfig};
use crate::providers::{billit, digiteal, passportreader, solaris};

/// The providers a [`Client`] can talk to.
pub const PROVIDERS: &[&str] = &["digiteal", "billit", "solaris", "passportreader"];

/// A provider's config plus its state between calls. `Debug` shows the provider and base URL only.
pub struct Client {
    provider: &'static str,
    config: Value,
    /// Solaris only: the token obtained with the client credentials.
    tokens: Option<Mutex<solaris::TokenState>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("provider", &self.provider)
            .field("base_url", &self.config.get("base_url").or_else(|| self.config.get("baseUrl")))
            .field("environment", &self.config.get("environment"))
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Checks `config` for `provider` (its keys as in [`build_request`](crate::build_request)) and
    /// keeps it.
    pub fn new<'de, D: Deserializer<'de>>(provider: &str, config: D) -> Result<Self, Error> {
        let config: Value = read_config(config)?;
        let mut tokens = None;
        let provider = match provider {
            "digiteal" => {
                digiteal::DigitealConfig::from_input(&config)?;
                "digiteal"
            }
            "passportreader" => {
                passportreader::PassportReaderConfig::from_input(&config)?;
                "passportreader"
            }
            "billit" => {
                billit::BillitConfig::from_input(&config)?;
                "billit"
            }
            "solaris" => {
                let c = solaris::SolarisConfig::from_input(&config)?;
                if !c.has_access_token() {
                    tokens = Some(Mutex::new(solaris::TokenState::new()));
                }
                "solaris"
            }
            other => {
                return Err(Error::validation(
                    ValidationCode::UnknownProvider,
                    "provider",
                    format!("`{other}` is not one of: {}", PROVIDERS.join(", ")),
                ))
            }
        };
        Ok(Client { provider, config, tokens })
    }

    /// The provider's name.
    pub fn provider(&self) -> &'static str {
        self.provider
    }

    /// The operation ids this client serves.
    pub fn operations(&self) -> impl Iterator<Item = &'static str> + '_ {
        operation::catalog().iter().filter(|op| op.provider == self.provider).map(|op| op.id)
    }

    /// Builds operation `id` with `params` against this client's config (and token, when it holds
    /// one). Fails for an operation of another provider.
    pub fn prepare(&self, id: &str, params: &Value) -> Result<Prepared, Error> {
        self.prepare_with(id, params, self.current_token())
    }

    /// Checks `params` for operation `id` without sending anything (with a placeholder token for
    /// providers whose token the client obtains itself), so a binding can refuse bad input at once.
    pub fn check(&self, id: &str, params: &Value) -> Result<(), Error> {
        let placeholder = self.tokens.as_ref().map(|_| Secret::new("-"));
        self.prepare_with(id, params, placeholder).map(|_| ())
    }

    fn prepare_with(&self, id: &str, params: &Value, token: Option<Secret>) -> Result<Prepared, Error> {
        match operation::info(id) {
            Some(op) if op.provider == self.provider => {}
            _ => {
                return Err(Error::validation(
                    ValidationCode::UnknownOperation,
                    "operation",
                    format!("`{id}` is not an operation of the {} client", self.provider),
                ))
            }
        }
        match token {
            None => operation::build_request(id, params, &self.config),
            Some(token) => {
                let mut config = self.config.clone();
                if let Value::Object(map) = &mut config {
                    map.insert("access_token".into(), Value::String(token.expose().to_owned()));
                }
                operation::build_request(id, params, &config)
            }
        }
    }

    fn current_token(&self) -> Option<Secret> {
        let tokens = self.tokens.as_ref()?;
        let state = tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        state.token().cloned()
    }

    /// Sends operation `id`: obtains a token first when the provider needs one and none is valid,
    /// runs the retry loop, and renews the token once when the provider answers 401 to it.
    /// Returns the final response for [`parse_response_at`](crate::operation::parse_response_at).
    pub async fn send<E: Exchange>(&self, exchange: &E, id: &str, params: &Value) -> Result<HttpResponse, Error> {
        let with_boundary;
        let params = match multipart_boundary(id, params, exchange) {
            Some(p) => {
                with_boundary = p;
                &with_boundary
            }
            None => params,
        };
        let tokens = match &self.tokens {
            // The token request authenticates with the client credentials itself.
            Some(tokens) if id != solaris::RequestToken::INFO.id => tokens,
            _ => return execute(exchange, &self.prepare_with(id, params, None)?).await,
        };
        // Check the params before spending a token request on them.
        self.check(id, params)?;
        let mut renewed = false;
        loop {
            let token = self.token(exchange, tokens, renewed).await?;
            let response = execute(exchange, &self.prepare_with(id, params, Some(token))?).await?;
            if response.status != 401 || renewed {
                return Ok(response);
            }
            // The token was revoked or expired early: forget it and try once with a new one.
            tokens.lock().unwrap_or_else(|p| p.into_inner()).invalidate();
            renewed = true;
        }
    }

    /// A valid token: the held one, or a new one from the token endpoint.
    async fn token<E: Exchange>(
        &self,
        exchange: &E,
        tokens: &Mutex<solaris::TokenState>,
        force: bool,
    ) -> Result<Secret, Error> {
        let now = exchange.now_unix().unwrap_or(0);
        {
            let state = tokens.lock().unwrap_or_else(|p| p.into_inner());
            if !force && !state.needs_token(now) {
                if let Some(token) = state.token() {
                    return Ok(token.clone());
                }
            }
        }
        let config = solaris::SolarisConfig::from_input(&self.config)?;
        let prepared = Prepared {
            request: solaris::RequestToken::default().build(&config)?,
            settings: config.settings().clone(),
            retry_safe: solaris::RequestToken::INFO.retry_safe,
        };
        let response = execute(exchange, &prepared).await?;
        let mut state = tokens.lock().unwrap_or_else(|p| p.into_inner());
        state.accept(&response, now)?;
        state.token().cloned().ok_or_else(|| Error::decode("access_token", "no token after a token answer"))
    }
}

/// For a multipart upload without a `boundary`, the params with a random one drawn from the
/// exchange's random source (the core itself draws none).
fn multipart_boundary<E: Exchange>(id: &str, params: &Value, exchange: &E) -> Option<Value> {
    if !digiteal::MULTIPART_OPERATIONS.contains(&id) {
        return None;
    }
    let Value::Object(map) = params else { return None };
    if map.get("boundary").is_some_and(|b| !b.is_null()) {
        return None;
    }
    // Two 53-bit samples: 106 random bits, plenty to never occur in a document.
    let sample = || (exchange.random().clamp(0.0, 1.0) * (1u64 << 53) as f64) as u64;
    let mut map = map.clone();
    map.insert("boundary".into(), Value::String(format!("kassa-{:014x}{:014x}", sample(), sample())));
    Some(Value::Object(map))
}

/// The provider-neutral identification flow ([`crate::identity`]) over this client.
impl Client {
    /// Starts an identification of `params.subject` with this client's provider.
    pub async fn identity_start<E: Exchange>(
        &self,
        exchange: &E,
        params: &identity::StartParams,
    ) -> Result<identity::Started, Error> {
        let (id, op_params) = identity::start_operation(self.provider, params)?;
        let response = self.send(exchange, id, &op_params).await?;
        identity::started(self.provider, params, &response, exchange.now_unix())
    }

    /// Asks the provider where `reference` stands (Solaris, PassportReader) and returns the
    /// outcome; for Billit, whose only evidence is the redirect, use [`identity::finish`].
    pub async fn identity_check<E: Exchange>(
        &self,
        exchange: &E,
        reference: &str,
        expires_at: Option<u64>,
    ) -> Result<identity::Outcome, Error> {
        let mut evidence = match identity::poll_operation(reference)? {
            Some((id, params)) => {
                let response = self.send(exchange, id, &params).await?;
                identity::poll_evidence(reference, &response)?
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
        async fn send(&self, request: &HttpRequest, _: u64) -> Result<HttpResponse, TransportError> {
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
    fn solaris_token_fetched_once_reused_and_renewed_after_401() {
        let client = Client::new("solaris", json!({"client_id": "c", "client_secret": "s", "environment": "sandbox"})).unwrap();
        assert!(!format!("{client:?}").contains("\"s\""));
        let params = json!({"person_id": "p1", "identification_session_id": "s1"});
        let script = Script {
            answers: RefCell::new(vec![(200, TOKEN), (200, SESSION), (200, SESSION), (401, "{}"), (200, TOKEN), (200, SESSION)]),
            sent: RefCell::default(),
            now: 1_000,
        };
        for _ in 0..3 {
            let r = run(client.send(&script, "solaris.identification_sessions.get", &params)).unwrap();
            assert_eq!(r.status, 200);
        }
        let sent = script.sent.borrow();
        let urls: Vec<_> = sent.iter().map(|r| r.url.rsplit('/').next().unwrap().to_owned()).collect();
        assert_eq!(urls, ["token", "s1", "s1", "s1", "token", "s1"]);
        assert_eq!(sent[1].headers.get("authorization"), Some("Bearer t1"));
    }

    #[test]
    fn refuses_other_providers_operations_and_bad_params_before_any_request() {
        let client = Client::new("solaris", json!({"client_id": "c", "client_secret": "s"})).unwrap();
        let script = Script { answers: RefCell::new(vec![]), sent: RefCell::default(), now: 0 };
        let err = run(client.send(&script, "passportreader.session.get", &json!({"id": 1}))).unwrap_err();
        assert_eq!(err.code(), "unknown_operation");
        let err = run(client.send(&script, "solaris.identifications.get", &json!({}))).unwrap_err();
        assert_eq!(err.code(), "invalid_params");
        assert!(script.sent.borrow().is_empty());
        assert_eq!(Client::new("nope", json!({})).unwrap_err().code(), "unknown_provider");
    }

    #[test]
    fn checks_config_and_provider_up_front() {
        let client = Client::new("passportreader", json!({"public_key": "public-key-a", "secret": "secret-b"})).unwrap();
        assert!(!format!("{client:?}").contains("secret-b"));
        assert_eq!(client.operations().count(), 3);
        let err = client.prepare("solaris.identifications.get", &json!({})).unwrap_err();
        assert_eq!(err.code(), "unknown_operation");
        assert_eq!(client.prepare("passportreader.session.get", &json!({})).unwrap_err().code(), "invalid_params");
        assert_eq!(Client::new("passportreader", json!({"secret": "secret-b"})).unwrap_err().code(), "invalid_config");
    }
}
