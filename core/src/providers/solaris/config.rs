use std::borrow::Cow;

use base64::Engine as _;
use serde::Deserialize;

use crate::config::{check_credential, BaseUrl, Secrets, CommonInput, RetryInput, Secret, Settings};
use crate::error::{Error, ValidationCode};
use crate::operation::{read_config, Context, Provider, ProviderConfig};
use crate::retry::RetryPolicy;

/// The documented API hosts; the first is the default.
const ENVIRONMENTS: &[(&str, &str)] =
    &[("production", "https://api.solarisbank.de"), ("sandbox", "https://api.solaris-sandbox.de")];
/// The documented token endpoints, per environment.
const AUTH_URLS: &[(&str, &str)] = &[
    ("production", "https://auth.solarisbank.de/oauth2/token"),
    ("sandbox", "https://auth.solaris-sandbox.de/oauth2/token"),
];
/// Solaris documents no timeout; kassa uses 30 s.
const TIMEOUT_MS: u64 = 30_000;
/// Reads are retried on 5xx/429 and transport failures; creations only when never sent.
const RETRY: RetryPolicy = RetryPolicy {
    max_retries: 3,
    initial_delay_ms: 500,
    multiplier: 2,
    max_delay_ms: 30_000,
    jitter_percent: 20,
    retry_4xx: &[429],
};

/// How to reach Solaris.
#[derive(Clone, Debug)]
pub struct SolarisConfig {
    base_url: BaseUrl,
    auth_url: String,
    production: bool,
    client_id: Option<String>,
    client_secret: Option<Secret>,
    access_token: Option<Secret>,
    settings: Settings,
}

/// How to reach Solaris: the keys of `kassa.Solaris(...)`, `new Solaris({...})` and
/// `build_request`'s config. OAuth2 client credentials, or a token.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "SolarisOptions"))]
struct Input {
    /// The provider's environment (`production` (default) or `sandbox`).
    environment: Option<String>,
    /// A custom base URL (tests, proxies): `https://`, or `http://` on a loopback host only.
    #[serde(alias = "baseUrl")]
    base_url: Option<String>,
    /// The OAuth2 token endpoint; the environment's, or `<base_url>/oauth2/token` by default.
    #[serde(alias = "authUrl")]
    auth_url: Option<String>,
    /// The timeout of one attempt, in seconds (default 30).
    timeout: Option<f64>,
    /// Overrides of the retry policy.
    retry: Option<RetryInput>,
    /// The largest response body read, in bytes (16 MiB by default); longer ones are `body_too_large`.
    #[serde(alias = "maxResponseBytes")]
    max_response_bytes: Option<u64>,
    /// The OAuth2 client id (the client obtains and renews the token).
    #[serde(alias = "clientId")]
    client_id: Option<String>,
    /// The OAuth2 client secret.
    #[serde(alias = "clientSecret")]
    client_secret: Option<Secret>,
    /// A token obtained elsewhere, instead of the client credentials.
    #[serde(alias = "accessToken")]
    access_token: Option<Secret>,
}

impl SolarisConfig {
    /// The API base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The OAuth2 token endpoint.
    pub fn auth_url(&self) -> &str {
        &self.auth_url
    }

    /// Whether requests go to Solaris's production API.
    pub fn is_production(&self) -> bool {
        self.production
    }

    /// The same config with a token obtained by [`super::TokenState`].
    pub fn with_access_token(mut self, token: Secret) -> Self {
        self.access_token = Some(token);
        self
    }

    /// `Bearer <token>`, or a validation error when no token is held.
    pub(crate) fn bearer(&self) -> Result<String, Error> {
        match &self.access_token {
            Some(token) => Ok(format!("Bearer {}", token.expose())),
            None => Err(Error::validation(
                ValidationCode::SolarisTokenRequired,
                "access_token",
                "Solaris requests need an access_token: pass one, or use a client (or TokenState) that obtains it with client_id/client_secret",
            )),
        }
    }

    /// `Basic base64(client_id:client_secret)` for the token request.
    pub(crate) fn client_basic(&self) -> Result<String, Error> {
        match (&self.client_id, &self.client_secret) {
            (Some(id), Some(secret)) => {
                let pair = format!("{id}:{}", secret.expose());
                Ok(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair)))
            }
            _ => Err(Error::validation(
                ValidationCode::SolarisCredentials,
                "client_id",
                "a token request needs client_id and client_secret",
            )),
        }
    }

    /// Whether the config can obtain tokens itself.
    pub fn has_client_credentials(&self) -> bool {
        self.client_id.is_some() && self.client_secret.is_some()
    }

    /// Whether the config carries a token.
    pub fn has_access_token(&self) -> bool {
        self.access_token.is_some()
    }
}

impl ProviderConfig for SolarisConfig {
    const PROVIDER: Provider = Provider::Solaris;

    /// With the client's token when the config carries none.
    fn in_context(&self, context: &Context) -> Cow<'_, Self> {
        match (&self.access_token, &context.access_token) {
            (None, Some(token)) => Cow::Owned(self.clone().with_access_token(token.clone())),
            _ => Cow::Borrowed(self),
        }
    }

    fn from_input<'de, D: crate::input::Input<'de>>(input: D) -> Result<Self, Error> {
        let Input { environment, base_url, auth_url, timeout, retry, client_id, client_secret, access_token, max_response_bytes } =
            read_config(input)?;
        if let Some(id) = &client_id {
            check_credential(id, "client_id", ValidationCode::SolarisCredentials)?;
            if id.contains(':') {
                return Err(Error::validation(
                    ValidationCode::SolarisCredentials,
                    "client_id",
                    "an HTTP Basic login cannot contain `:`",
                ));
            }
        }
        for (value, field) in [(client_secret.as_ref(), "client_secret"), (access_token.as_ref(), "access_token")] {
            if let Some(v) = value {
                check_credential(v.expose(), field, ValidationCode::SolarisCredentials)?;
            }
        }
        match (&client_id, &client_secret, &access_token) {
            (Some(id), Some(secret), _) if !id.is_empty() && !secret.expose().is_empty() => {}
            (None, None, Some(token)) if !token.expose().is_empty() => {}
            (Some(_), None, _) => {
                return Err(Error::validation(ValidationCode::SolarisCredentials, "client_secret", "client_id needs a client_secret"))
            }
            (None, Some(_), _) => {
                return Err(Error::validation(ValidationCode::SolarisCredentials, "client_id", "client_secret needs a client_id"))
            }
            _ => {
                return Err(Error::validation(
                    ValidationCode::SolarisCredentials,
                    "client_id",
                    "Solaris needs client_id and client_secret, or an access_token",
                ))
            }
        }
        let common = CommonInput { environment, base_url, timeout, retry, max_response_bytes };
        let base_url = common.base_url(ENVIRONMENTS)?;
        let env_name = common.environment.as_deref().unwrap_or(ENVIRONMENTS[0].0);
        let production = base_url.as_str() == ENVIRONMENTS[0].1;
        let auth_url = match (auth_url, &common.base_url) {
            (Some(url), _) => BaseUrl::parse(&url, "auth_url")?.as_str().to_owned(),
            (None, Some(_)) => base_url.join("/oauth2/token"),
            (None, None) => AUTH_URLS
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(env_name))
                .map(|(_, u)| (*u).to_owned())
                .unwrap_or_else(|| AUTH_URLS[0].1.to_owned()),
        };
        Ok(SolarisConfig {
            base_url,
            auth_url,
            production,
            client_id,
            client_secret,
            access_token,
            settings: common.settings(TIMEOUT_MS, RETRY)?,
        })
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn secrets(&self) -> Secrets {
        let mut s = Secrets::new();
        if let Some(secret) = &self.client_secret {
            s.add(secret.expose());
        }
        if let Ok(h) = self.client_basic() {
            s.add_header_value(&h);
        }
        if let Ok(h) = self.bearer() {
            s.add_header_value(&h);
        }
        s
    }

    #[cfg(feature = "schema")]
    fn input_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<Input>()
    }
}
