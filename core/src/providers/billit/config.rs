use serde::Deserialize;

use crate::config::{check_credential, BaseUrl, Secrets, CommonInput, RetryInput, Secret, Settings};
use crate::error::{Error, ValidationCode};
use crate::http::Headers;
use crate::operation::{read_config, Provider, ProviderConfig};
use crate::retry::RetryPolicy;

/// The documented environments; the first is the default.
const ENVIRONMENTS: &[(&str, &str)] =
    &[("production", "https://api.billit.be"), ("sandbox", "https://api.sandbox.billit.be")];

/// Billit documents no timeout; kassa uses 30 s.
const TIMEOUT_MS: u64 = 30_000;

/// Billit documents no retry policy. Starting an identification is not retried once it may have
/// arrived (each attempt counts against the sandbox limit of 5); connection failures are.
const RETRY: RetryPolicy = RetryPolicy {
    max_retries: 2,
    initial_delay_ms: 1_000,
    multiplier: 2,
    max_delay_ms: 30_000,
    jitter_percent: 20,
    retry_4xx: &[],
};

/// How the client authenticates.
#[derive(Clone, Debug)]
enum Auth {
    ApiKey(Secret),
    Bearer(Secret),
}

/// How to reach Billit.
#[derive(Clone, Debug)]
pub struct BillitConfig {
    base_url: BaseUrl,
    auth: Auth,
    party_id: Option<String>,
    settings: Settings,
}

/// How to reach Billit: the keys of `kassa.Billit(...)`, `new Billit({...})` and
/// `build_request`'s config.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "BillitOptions"))]
struct Input {
    /// The provider's environment (`production` (default) or `sandbox`).
    environment: Option<String>,
    /// A custom base URL (tests, proxies): `https://`, or `http://` on a loopback host only.
    #[serde(alias = "baseUrl")]
    base_url: Option<String>,
    /// The timeout of one attempt, in seconds (default 30).
    timeout: Option<f64>,
    /// Overrides of the retry policy.
    retry: Option<RetryInput>,
    /// The largest response body read, in bytes (16 MiB by default); longer ones are `body_too_large`.
    #[serde(alias = "maxResponseBytes")]
    max_response_bytes: Option<u64>,
    /// The API key (`ApiKey` header); or give `access_token`.
    #[serde(alias = "apiKey")]
    api_key: Option<Secret>,
    /// An OAuth access token (`Authorization: Bearer`), for integrators; or give `api_key`.
    #[serde(alias = "accessToken")]
    access_token: Option<Secret>,
    /// The `PartyID` header (your master account's registration id); each request's `RegistrationID` by default.
    #[serde(alias = "partyId")]
    party_id: Option<String>,
}

impl BillitConfig {
    /// The base URL requests go to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The `PartyID` header for a request about `registration_id`.
    pub fn party_id<'a>(&'a self, registration_id: &'a str) -> &'a str {
        self.party_id.as_deref().unwrap_or(registration_id)
    }

    /// Adds the credential and `PartyID` headers.
    pub(crate) fn authorize(&self, headers: &mut Headers, registration_id: &str) {
        match &self.auth {
            Auth::ApiKey(key) => headers.append("ApiKey", key.expose()),
            Auth::Bearer(token) => headers.append("Authorization", format!("Bearer {}", token.expose())),
        }
        headers.append("PartyID", self.party_id(registration_id));
    }
}

impl ProviderConfig for BillitConfig {
    const PROVIDER: Provider = Provider::Billit;

    fn from_input<'de, D: crate::input::Input<'de>>(input: D) -> Result<Self, Error> {
        let Input { environment, base_url, timeout, retry, api_key, access_token, party_id, max_response_bytes } = read_config(input)?;
        let common = CommonInput { environment, base_url, timeout, retry, max_response_bytes };
        for (value, field) in [(api_key.as_ref(), "api_key"), (access_token.as_ref(), "access_token")] {
            if let Some(v) = value {
                check_credential(v.expose(), field, ValidationCode::BillitCredentials)?;
            }
        }
        if let Some(party) = &party_id {
            check_credential(party, "party_id", ValidationCode::BillitCredentials)?;
        }
        let auth = match (api_key, access_token) {
            (Some(key), None) if !key.expose().is_empty() => Auth::ApiKey(key),
            (None, Some(token)) if !token.expose().is_empty() => Auth::Bearer(token),
            (Some(_), Some(_)) => {
                return Err(Error::validation(
                    ValidationCode::BillitCredentials,
                    "api_key",
                    "give either api_key (ApiKey header) or access_token (OAuth bearer), not both",
                ))
            }
            _ => {
                return Err(Error::validation(
                    ValidationCode::BillitCredentials,
                    "api_key",
                    "Billit needs an api_key, or an access_token for OAuth integrators",
                ))
            }
        };
        if party_id.as_deref().is_some_and(|p| p.trim().is_empty()) {
            return Err(Error::validation(ValidationCode::InvalidConfig, "party_id", "party_id is empty"));
        }
        Ok(BillitConfig {
            base_url: common.base_url(ENVIRONMENTS)?,
            auth,
            party_id,
            settings: common.settings(TIMEOUT_MS, RETRY)?,
        })
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn secrets(&self) -> Secrets {
        let mut s = Secrets::new();
        match &self.auth {
            Auth::ApiKey(key) => s.add(key.expose()),
            Auth::Bearer(token) => s.add_header_value(&format!("Bearer {}", token.expose())),
        }
        s
    }

    #[cfg(feature = "schema")]
    fn input_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<Input>()
    }
}
