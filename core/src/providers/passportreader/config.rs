use base64::Engine as _;
use serde::Deserialize;

use crate::config::{check_credential, BaseUrl, Secrets, CommonInput, RetryInput, Secret, Settings};
use crate::error::{Error, ValidationCode};
use crate::operation::{read_config, Provider, ProviderConfig};
use crate::retry::RetryPolicy;

/// The documented environments; the first is the default.
const ENVIRONMENTS: &[(&str, &str)] = &[("production", "https://passportreader.app")];

/// The documented per-request timeout: 60 seconds.
const TIMEOUT_MS: u64 = 60_000;

/// How to reach PassportReader: where, with which credentials, how patiently.
#[derive(Clone, Debug)]
pub struct PassportReaderConfig {
    base_url: BaseUrl,
    public_key: String,
    secret: Secret,
    settings: Settings,
}

impl PassportReaderConfig {
    /// Production, with the documented timeout (60 s) and retry policy (2, 4, 8, 16 s).
    ///
    /// The public key must start with `public-key-` and the secret with `secret-`; the error names
    /// which field is wrong and says when the two look swapped.
    pub fn new(public_key: impl Into<String>, secret: Secret) -> Result<Self, Error> {
        let public_key = public_key.into();
        check_credentials(&public_key, &secret)?;
        Ok(PassportReaderConfig {
            base_url: BaseUrl::parse(ENVIRONMENTS[0].1, "base_url")?,
            public_key,
            secret,
            settings: Settings::new(TIMEOUT_MS, RetryPolicy::PASSPORTREADER),
        })
    }

    /// Sends to `base_url` instead (tests, proxies): `https://`, or `http://` on loopback only.
    pub fn with_base_url(mut self, base_url: &str) -> Result<Self, Error> {
        self.base_url = BaseUrl::parse(base_url, "base_url")?;
        Ok(self)
    }

    /// Uses other timeout and retry settings.
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The public key (not a secret).
    pub fn public_key(&self) -> &str {
        &self.public_key
    }

    /// `Basic base64(public_key:secret)`.
    pub(crate) fn authorization(&self) -> String {
        let pair = format!("{}:{}", self.public_key, self.secret.expose());
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
    }
}

fn check_credentials(public_key: &str, secret: &Secret) -> Result<(), Error> {
    check_credential(public_key, "public_key", ValidationCode::PassportreaderCredentials)?;
    check_credential(secret.expose(), "secret", ValidationCode::PassportreaderCredentials)?;
    let secret = secret.expose();
    if public_key.starts_with("secret-") && secret.starts_with("public-key-") {
        return Err(Error::validation(
            ValidationCode::PassportreaderCredentials,
            "public_key",
            "public_key and secret look swapped: the public key starts with `public-key-`, the secret with `secret-`",
        ));
    }
    if !public_key.starts_with("public-key-") || public_key.len() == "public-key-".len() {
        return Err(Error::validation(
            ValidationCode::PassportreaderCredentials,
            "public_key",
            "a PassportReader public key starts with `public-key-` (keep the prefix)",
        ));
    }
    if !secret.starts_with("secret-") || secret.len() == "secret-".len() {
        return Err(Error::validation(
            ValidationCode::PassportreaderCredentials,
            "secret",
            "a PassportReader secret starts with `secret-` (keep the prefix)",
        ));
    }
    Ok(())
}

/// How to reach PassportReader: the keys of `kassa.PassportReader(...)`, `new PassportReader({...})`
/// and `build_request`'s config. HTTP Basic with the public key and the secret.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "PassportReaderOptions"))]
struct Input {
    /// The provider's environment (`production`, the only one).
    environment: Option<String>,
    /// A custom base URL (tests, proxies): `https://`, or `http://` on a loopback host only.
    #[serde(alias = "baseUrl")]
    base_url: Option<String>,
    /// The timeout of one attempt, in seconds (default 60).
    timeout: Option<f64>,
    /// Overrides of the retry policy.
    retry: Option<RetryInput>,
    /// The largest response body read, in bytes (16 MiB by default); longer ones are `body_too_large`.
    #[serde(alias = "maxResponseBytes")]
    max_response_bytes: Option<u64>,
    /// The public key, `public-key-...` (keep the prefix).
    #[serde(alias = "publicKey")]
    public_key: String,
    /// The secret, `secret-...` (keep the prefix).
    secret: Secret,
}

impl ProviderConfig for PassportReaderConfig {
    const PROVIDER: Provider = Provider::PassportReader;

    fn from_input<'de, D: crate::input::Input<'de>>(input: D) -> Result<Self, Error> {
        let Input { environment, base_url, timeout, retry, public_key, secret, max_response_bytes } = read_config(input)?;
        let common = CommonInput { environment, base_url, timeout, retry, max_response_bytes };
        check_credentials(&public_key, &secret)?;
        Ok(PassportReaderConfig {
            base_url: common.base_url(ENVIRONMENTS)?,
            public_key,
            secret,
            settings: common.settings(TIMEOUT_MS, RetryPolicy::PASSPORTREADER)?,
        })
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn secrets(&self) -> Secrets {
        let mut s = Secrets::new();
        s.add(self.secret.expose());
        s.add_header_value(&self.authorization());
        s
    }

    #[cfg(feature = "schema")]
    fn input_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<Input>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn from(v: serde_json::Value) -> Result<PassportReaderConfig, Error> {
        PassportReaderConfig::from_input(v)
    }

    #[test]
    fn credentials_are_checked_and_never_printed() {
        let ok = from(json!({"public_key": "public-key-abc", "secret": "secret-xyz"})).unwrap();
        assert_eq!(ok.base_url().as_str(), "https://passportreader.app");
        assert!(!format!("{ok:?}").contains("secret-xyz"));
        let swapped = from(json!({"public_key": "secret-xyz", "secret": "public-key-abc"})).unwrap_err();
        assert!(swapped.to_string().contains("swapped"), "{swapped}");
        assert!(!swapped.to_string().contains("xyz"));
        let Error::Validation(e) = from(json!({"public_key": "public-key-abc", "secret": "xyz"})).unwrap_err() else {
            panic!()
        };
        assert_eq!((e.code.as_str(), &*e.field), ("passportreader_credentials", "secret"));
        let missing = from(json!({"public_key": "public-key-abc"})).unwrap_err();
        assert_eq!(missing.code(), "invalid_config");
        assert!(missing.to_string().contains("secret"), "{missing}");
    }

    #[test]
    fn environments_and_base_urls() {
        let c = json!({"publicKey": "public-key-a", "secret": "secret-b", "baseUrl": "http://127.0.0.1:9/", "timeout": 1.5});
        let c = from(c).unwrap();
        assert_eq!((c.base_url().as_str(), c.settings().timeout_ms), ("http://127.0.0.1:9", 1500));
        let sandbox = from(json!({"public_key": "public-key-a", "secret": "secret-b", "environment": "sandbox"}));
        assert_eq!(sandbox.unwrap_err().code(), "unknown_environment");
        let typo = from(json!({"public_key": "public-key-a", "secret": "secret-b", "base_ur": "x"}));
        assert_eq!(typo.unwrap_err().code(), "invalid_config");
    }
}
