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
    #[serde(serialize_with = "expose")]
    pub access_token: Secret,
    /// Its lifetime in seconds (3599 in Solaris's example).
    pub expires_in: u64,
    /// The granted scope.
    pub scope: Option<String>,
    /// `bearer`.
    pub token_type: Option<String>,
}

fn expose<S: serde::Serializer>(secret: &Secret, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose())
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
        let body = url::form_urlencoded::Serializer::new(String::new())
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

/// The sans-IO token state machine: holds at most one token and knows when it expires.
///
/// ```text
/// if state.needs_token(now) { send state.token_request(&config)?; state.accept(&response, now)?; }
/// let config = state.authorize(config)?;   // the config with the bearer token
/// ```
#[derive(Clone, Debug, Default)]
pub struct TokenState {
    token: Option<(Secret, u64)>,
}

impl TokenState {
    /// No token yet.
    pub const fn new() -> Self {
        TokenState { token: None }
    }

    /// Whether a token must be obtained before the next request at `now` (Unix seconds): none is
    /// held, or it expires within [`TOKEN_REFRESH_MARGIN_SECS`].
    pub fn needs_token(&self, now: u64) -> bool {
        match &self.token {
            None => true,
            Some((_, expires_at)) => now.saturating_add(TOKEN_REFRESH_MARGIN_SECS) >= *expires_at,
        }
    }

    /// The token request to send.
    pub fn token_request(&self, config: &SolarisConfig) -> Result<HttpRequest, Error> {
        RequestToken::default().build(config)
    }

    /// Takes the token answer received at `now`.
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
}
