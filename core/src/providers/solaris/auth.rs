use serde::{Deserialize, Serialize};

use super::config::SolarisConfig;
use super::operations::api_error;
use crate::config::Secret;
use crate::error::Error;
use crate::http::{Headers, HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo, Provider};
use crate::wire::from_json;

/// A token is renewed this many seconds before it expires, so that it never expires in flight.
pub const TOKEN_REFRESH_MARGIN_SECS: u64 = 60;

/// `POST <auth_url>` (`/oauth2/token`): the OAuth2 client-credentials token request, form-encoded
/// `grant_type=client_credentials&scope=partners`, with `client_id:client_secret` as Basic auth.
/// Not an operation of `endpoints.tsv`: it serves every Solaris operation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RequestToken {
    /// The scope; `partners` (standard API access) when not given.
    pub scope: Option<String>,
}

/// The token answer. The token itself is a [`Secret`]: it never prints.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TokenResponse {
    /// The bearer token.
    #[serde(serialize_with = "crate::wire::secret")]
    pub access_token: Secret,
    /// Its lifetime in seconds (3599 in Solaris's example).
    pub expires_in: u64,
    /// The granted scope.
    pub scope: Option<String>,
    /// `bearer`.
    pub token_type: Option<String>,
}

impl Operation for RequestToken {
    // Asking for a token twice is harmless.
    const INFO: OperationInfo =
        OperationInfo::request("solaris.auth.token", Provider::Solaris, Method::Post, "/oauth2/token", true);
    type Config = SolarisConfig;
    type Output = TokenResponse;

    fn build(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        let mut headers = Headers::new();
        headers.append("Authorization", config.client_basic()?);
        headers.append("Content-Type", "application/x-www-form-urlencoded");
        headers.append("Accept", "application/json");
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", "client_credentials")
            .append_pair("scope", self.scope.as_deref().unwrap_or("partners"))
            .finish()
            .into_bytes();
        Ok(HttpRequest { method: Method::Post, url: config.auth_url().to_owned(), headers, body })
    }

    fn parse(response: &HttpResponse) -> Result<TokenResponse, Error> {
        if response.is_success() {
            from_json(&response.body)
        } else {
            Err(Error::Api(oauth_error(response)))
        }
    }
}

/// OAuth2 errors are `{"error", "error_description"}`; other bodies fall back to Solaris's shape.
fn oauth_error(response: &HttpResponse) -> crate::error::ApiError {
    #[derive(Deserialize)]
    struct OAuth {
        error: String,
        error_description: Option<String>,
    }
    let mut e = api_error(response);
    if let Ok(o) = serde_json::from_slice::<OAuth>(&response.body) {
        e.provider_code = Some(o.error);
        e.message = o.error_description;
    }
    e
}

/// The sans-IO token state machine: holds at most one token, knows when it expires, and lets only
/// one token request be in flight: every other caller is told to wait for it ([`TokenStep::Wait`])
/// instead of being handed a second request, so 64 concurrent first calls cost one token request.
///
/// ```text
/// match state.begin(now, None) {
///     TokenStep::Use(token) => /* send with it */,
///     TokenStep::Fetch(ticket) => { send the token request; state.finish(ticket, &response, now) }
///     TokenStep::Wait(generation) => /* wait until state.generation() != generation, then begin again */,
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct TokenState {
    token: Option<(Secret, u64)>,
    /// The ticket of the token request in flight.
    fetching: Option<u64>,
    /// Bumped whenever a fetch ends (with a token, a failure, or abandoned): waiters look again.
    generation: u64,
    /// The failure of the last fetch, for the waiters of that generation.
    failure: Option<(u64, Error)>,
}

/// What a caller that needs a token does next.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenStep {
    /// A valid token: send with it.
    Use(Secret),
    /// Send the token request, then [`TokenState::finish`] with this ticket.
    Fetch(FetchTicket),
    /// Another caller is fetching: wait until [`TokenState::generation`] moves past this one,
    /// then call [`TokenState::begin`] again (or take [`TokenState::failure_since`]).
    Wait(u64),
}

/// The right (and duty) to fetch the one token in flight.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FetchTicket(u64);

impl TokenState {
    /// No token yet.
    pub const fn new() -> Self {
        TokenState { token: None, fetching: None, generation: 0, failure: None }
    }

    /// Whether a token must be obtained before the next request at `now` (Unix seconds): none is
    /// held, or it expires within [`TOKEN_REFRESH_MARGIN_SECS`].
    pub fn needs_token(&self, now: u64) -> bool {
        match &self.token {
            None => true,
            Some((_, expires_at)) => now.saturating_add(TOKEN_REFRESH_MARGIN_SECS) >= *expires_at,
        }
    }

    /// What to do at `now` to have a token. `rejected` is the token the provider just answered
    /// 401 to: it is dropped (unless another caller already replaced it) and a new one fetched.
    pub fn begin(&mut self, now: u64, rejected: Option<&Secret>) -> TokenStep {
        if let (Some(bad), Some((held, _))) = (rejected, &self.token) {
            if bad == held {
                self.token = None;
            }
        }
        if !self.needs_token(now) {
            if let Some((token, _)) = &self.token {
                return TokenStep::Use(token.clone());
            }
        }
        if self.fetching.is_some() {
            return TokenStep::Wait(self.generation);
        }
        self.fetching = Some(self.generation);
        TokenStep::Fetch(FetchTicket(self.generation))
    }

    /// Ends the fetch of `ticket` with the token answer received at `now`; wakes the waiters.
    pub fn finish(&mut self, ticket: FetchTicket, response: Result<&HttpResponse, Error>, now: u64) -> Result<Secret, Error> {
        if self.fetching != Some(ticket.0) {
            return Err(Error::decode("access_token", "a token answer for a fetch that is no longer in flight"));
        }
        self.fetching = None;
        self.generation += 1;
        let result = response.and_then(|r| {
            let token = RequestToken::parse(r)?;
            let secret = token.access_token.clone();
            self.token = Some((token.access_token, now.saturating_add(token.expires_in)));
            Ok(secret)
        });
        self.failure = result.as_ref().err().map(|e| (self.generation, e.clone()));
        result
    }

    /// Gives up the fetch of `ticket` (its caller was cancelled): a waiter takes over.
    pub fn abandon(&mut self, ticket: FetchTicket) {
        if self.fetching == Some(ticket.0) {
            self.fetching = None;
            self.generation += 1;
        }
    }

    /// Bumped whenever a fetch ends.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The failure of the fetch that ended after `generation`, for the callers that waited on it.
    pub fn failure_since(&self, generation: u64) -> Option<&Error> {
        match &self.failure {
            Some((g, e)) if *g == generation + 1 => Some(e),
            _ => None,
        }
    }

    /// The token request to send.
    pub fn token_request(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        RequestToken::default().build(config)
    }

    /// Takes the token answer received at `now` (without the one-fetch-in-flight bookkeeping).
    pub fn accept(&mut self, response: &HttpResponse, now: u64) -> Result<(), Error> {
        let token = RequestToken::parse(response)?;
        self.token = Some((token.access_token, now.saturating_add(token.expires_in)));
        Ok(())
    }

    /// Forgets the token (after a 401: it was revoked or expired early).
    pub fn invalidate(&mut self) {
        self.token = None;
    }

    /// When the held token expires (Unix seconds).
    pub fn expires_at(&self) -> Option<u64> {
        self.token.as_ref().map(|(_, at)| *at)
    }

    /// The held token.
    pub fn token(&self) -> Option<&Secret> {
        self.token.as_ref().map(|(t, _)| t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::ProviderConfig;
    use serde_json::json;

    fn config() -> SolarisConfig {
        SolarisConfig::from_input(json!({"client_id": "cid", "client_secret": "cs", "environment": "sandbox"})).unwrap()
    }

    #[test]
    fn token_lifecycle() {
        let mut state = TokenState::new();
        assert!(state.needs_token(1_000));
        let req = state.token_request(&config()).unwrap();
        assert_eq!(req.url, "https://auth.solaris-sandbox.de/oauth2/token");
        assert_eq!(req.body, b"grant_type=client_credentials&scope=partners");
        assert_eq!(req.headers.get("authorization"), Some("Basic Y2lkOmNz"));
        let answer = HttpResponse::new(
            200,
            Headers::new(),
            r#"{"access_token": "tok", "expires_in": 3599, "scope": "partners", "token_type": "bearer"}"#,
        );
        state.accept(&answer, 1_000).unwrap();
        assert!(!state.needs_token(1_000 + 3599 - 61));
        assert!(state.needs_token(1_000 + 3599 - 60));
        assert_eq!(state.expires_at(), Some(4_599));
        assert!(!format!("{state:?}").contains("tok\""));
        state.invalidate();
        assert!(state.needs_token(0));
        let denied = HttpResponse::new(401, Headers::new(), r#"{"error": "invalid_client"}"#);
        assert_eq!(state.accept(&denied, 0).unwrap_err().code(), "invalid_client");
    }

    #[test]
    fn one_fetch_in_flight() {
        let mut state = TokenState::new();
        let TokenStep::Fetch(ticket) = state.begin(1_000, None) else { panic!() };
        // Everyone else waits for that fetch instead of sending another token request.
        assert_eq!(state.begin(1_000, None), TokenStep::Wait(0));
        assert_eq!(state.begin(1_000, None), TokenStep::Wait(0));
        let answer = HttpResponse::new(200, Headers::new(), r#"{"access_token": "t1", "expires_in": 3600}"#);
        assert_eq!(state.finish(ticket, Ok(&answer), 1_000).unwrap(), Secret::new("t1"));
        assert_eq!(state.generation(), 1);
        assert_eq!(state.begin(1_001, None), TokenStep::Use(Secret::new("t1")));
        // A 401 to t1: the first caller drops it and fetches; a second one rejected with t1 waits.
        let TokenStep::Fetch(renew) = state.begin(1_002, Some(&Secret::new("t1"))) else { panic!() };
        assert_eq!(state.begin(1_002, Some(&Secret::new("t1"))), TokenStep::Wait(1));
        let denied = HttpResponse::new(401, Headers::new(), r#"{"error": "invalid_client"}"#);
        assert_eq!(state.finish(renew, Ok(&denied), 1_002).unwrap_err().code(), "invalid_client");
        assert_eq!(state.failure_since(1).map(Error::code), Some("invalid_client"));
        // A cancelled fetch hands over to the next caller.
        let TokenStep::Fetch(t) = state.begin(1_003, None) else { panic!() };
        state.abandon(t);
        assert!(matches!(state.begin(1_003, None), TokenStep::Fetch(_)));
    }
}
