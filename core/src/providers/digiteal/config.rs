use base64::Engine as _;
use serde::Deserialize;

use crate::config::{check_credential, BaseUrl, Secrets, CommonInput, RetryInput, Secret, Settings};
use crate::error::{Error, ValidationCode};
use crate::operation::{read_config, Provider, ProviderConfig};
use crate::retry::RetryPolicy;

/// The API hosts of the documented environments; the first is the default. `sandbox` is accepted
/// as another name of Digiteal's `test` environment.
pub(crate) const ENVIRONMENTS: &[(&str, &str)] = &[
    ("production", "https://api.digiteal.eu"),
    ("test", "https://test.digiteal.eu"),
    ("sandbox", "https://test.digiteal.eu"),
];

/// The web application hosts (pay buttons, anonymous QR images in a browser, registration links,
/// the QR generator), per environment.
pub(crate) const APP_HOSTS: &[(&str, &str)] = &[
    ("production", "https://app.digiteal.eu"),
    ("test", "https://test.digiteal.eu"),
    ("sandbox", "https://test.digiteal.eu"),
];

/// Digiteal documents no timeout; kassa uses 30 s.
const TIMEOUT_MS: u64 = 30_000;

/// Digiteal documents no retry policy. Reads (GET), the idempotent opt-in and the other operations
/// safe to repeat (the DELETEs, the webhook configuration, the trusted-payment updates) are retried
/// on 5xx, 429 and transport failures; creations, uploads, PEPPOL sends and the trusted-payment
/// execution only when the request provably never left (connect errors): see the module
/// documentation for why.
pub const RETRY: RetryPolicy = RetryPolicy {
    max_retries: 2,
    initial_delay_ms: 1_000,
    multiplier: 2,
    max_delay_ms: 30_000,
    jitter_percent: 20,
    retry_4xx: &[429],
};

/// How to reach Digiteal: the API host, the web application host, the HTTP Basic credentials, and
/// how patiently. `Debug` never shows the password.
#[derive(Clone, Debug)]
pub struct DigitealConfig {
    base_url: BaseUrl,
    app_url: BaseUrl,
    username: Option<String>,
    password: Option<Secret>,
    settings: Settings,
}

/// How to reach Digiteal: the keys of `kassa.Digiteal(...)`, `new Digiteal({...})` and
/// `build_request`'s config.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "DigitealOptions"))]
struct Input {
    /// The provider's environment (`production` (default), `test`, or `sandbox` for `test`).
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
    /// The login chosen at registration (HTTP Basic); every operation but the anonymous QR images needs it.
    username: Option<String>,
    /// The password chosen at registration.
    password: Option<Secret>,
}

impl DigitealConfig {
    /// Production (`https://api.digiteal.eu`), with the login and password chosen at registration.
    pub fn new(username: impl Into<String>, password: Secret) -> Result<Self, Error> {
        let username = username.into();
        check_credentials(Some(&username), Some(&password))?;
        Ok(DigitealConfig {
            base_url: BaseUrl::known(ENVIRONMENTS[0].1.to_owned()),
            app_url: BaseUrl::known(APP_HOSTS[0].1.to_owned()),
            username: Some(username),
            password: Some(password),
            settings: Settings::new(TIMEOUT_MS, RETRY),
        })
    }

    /// Production without credentials: enough for the anonymous QR images
    /// (`digiteal.qr.slip_image`, `digiteal.qr.slip_image_inline`); every other operation refuses
    /// to build with `digiteal_credentials`.
    pub fn anonymous() -> Self {
        DigitealConfig {
            base_url: BaseUrl::known(ENVIRONMENTS[0].1.to_owned()),
            app_url: BaseUrl::known(APP_HOSTS[0].1.to_owned()),
            username: None,
            password: None,
            settings: Settings::new(TIMEOUT_MS, RETRY),
        }
    }

    /// Digiteal's test environment (`https://test.digiteal.eu` for both the API and the web
    /// application).
    pub fn test_environment(mut self) -> Self {
        self.base_url = BaseUrl::known(ENVIRONMENTS[1].1.to_owned());
        self.app_url = BaseUrl::known(APP_HOSTS[1].1.to_owned());
        self
    }

    /// Sends to `base_url` instead (tests, proxies): `https://`, or `http://` on loopback only. The
    /// web application URLs use it too.
    pub fn with_base_url(mut self, base_url: &str) -> Result<Self, Error> {
        self.base_url = BaseUrl::parse(base_url, "base_url")?;
        self.app_url = self.base_url.clone();
        Ok(self)
    }

    /// Uses other timeout and retry settings.
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// The API base URL requests go to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The web application's base URL (pay buttons, registration links, QR generator).
    pub fn app_url(&self) -> &BaseUrl {
        &self.app_url
    }

    /// The login (not a secret), when the config has credentials.
    pub fn username(&self) -> Option<&str> {
        self.username.as_deref()
    }

    /// `Basic base64(username:password)`, or `digiteal_credentials` when the config has none.
    pub(crate) fn authorization(&self) -> Result<String, Error> {
        match (&self.username, &self.password) {
            (Some(user), Some(password)) => {
                let pair = format!("{user}:{}", password.expose());
                Ok(format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair)))
            }
            _ => Err(Error::validation(
                ValidationCode::DigitealCredentials,
                "username",
                "this Digiteal operation needs HTTP Basic credentials: give username and password in the config",
            )),
        }
    }
}

/// Both or neither; neither empty; a login cannot contain `:` (HTTP Basic splits on the first one).
fn check_credentials(username: Option<&String>, password: Option<&Secret>) -> Result<(), Error> {
    match (username, password) {
        (None, None) => Ok(()),
        (Some(_), None) => Err(Error::validation(ValidationCode::DigitealCredentials, "password", "username needs a password")),
        (None, Some(_)) => Err(Error::validation(ValidationCode::DigitealCredentials, "username", "password needs a username")),
        (Some(user), Some(password)) => {
            check_credential(user, "username", ValidationCode::DigitealCredentials)?;
            check_credential(password.expose(), "password", ValidationCode::DigitealCredentials)?;
            if user.contains(':') {
                return Err(Error::validation(
                    ValidationCode::DigitealCredentials,
                    "username",
                    "an HTTP Basic login cannot contain `:`",
                ));
            }
            Ok(())
        }
    }
}

/// The web application host a link is built on: the link's own `environment` / `base_url` when
/// it gives one, else the config's (a client's, or `build_request`'s), else production.
pub(crate) fn link_base(
    environment: Option<&str>,
    base_url: Option<&str>,
    config: Option<&DigitealConfig>,
) -> Result<BaseUrl, Error> {
    match (environment, base_url, config) {
        (None, None, Some(config)) => Ok(config.app_url().clone()),
        _ => app_base(environment, base_url),
    }
}

/// The web application host of `environment` (or `base_url` when given), for the link builders.
pub(crate) fn app_base(environment: Option<&str>, base_url: Option<&str>) -> Result<BaseUrl, Error> {
    let common = CommonInput {
        environment: environment.map(str::to_owned),
        base_url: base_url.map(str::to_owned),
        ..Default::default()
    };
    common.base_url(APP_HOSTS)
}

impl ProviderConfig for DigitealConfig {
    const PROVIDER: Provider = Provider::Digiteal;

    fn from_input<'de, D: crate::input::Input<'de>>(input: D) -> Result<Self, Error> {
        let Input { environment, base_url, timeout, retry, username, password, max_response_bytes } = read_config(input)?;
        check_credentials(username.as_ref(), password.as_ref())?;
        let common = CommonInput { environment, base_url, timeout, retry, max_response_bytes };
        let base = common.base_url(ENVIRONMENTS)?;
        let app_url = match &common.base_url {
            Some(_) => base.clone(),
            None => common.base_url(APP_HOSTS)?,
        };
        Ok(DigitealConfig {
            base_url: base,
            app_url,
            username,
            password,
            settings: common.settings(TIMEOUT_MS, RETRY)?,
        })
    }

    fn settings(&self) -> &Settings {
        &self.settings
    }

    fn secrets(&self) -> Secrets {
        let mut s = Secrets::new();
        if let Some(p) = &self.password {
            s.add(p.expose());
        }
        if let Ok(h) = self.authorization() {
            s.add_header_value(&h);
        }
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

    fn from(v: serde_json::Value) -> Result<DigitealConfig, Error> {
        DigitealConfig::from_input(v)
    }

    #[test]
    fn environments_hosts_and_base_urls() {
        let prod = from(json!({"username": "u", "password": "p"})).unwrap();
        assert_eq!(prod.base_url().as_str(), "https://api.digiteal.eu");
        assert_eq!(prod.app_url().as_str(), "https://app.digiteal.eu");
        for name in ["test", "TEST", "sandbox"] {
            let t = from(json!({"username": "u", "password": "p", "environment": name})).unwrap();
            assert_eq!(
                (t.base_url().as_str(), t.app_url().as_str()),
                ("https://test.digiteal.eu", "https://test.digiteal.eu")
            );
        }
        let local = from(json!({"username": "u", "password": "p", "baseUrl": "http://127.0.0.1:9/"})).unwrap();
        assert_eq!((local.base_url().as_str(), local.app_url().as_str()), ("http://127.0.0.1:9", "http://127.0.0.1:9"));
        let err = from(json!({"environment": "staging"})).unwrap_err();
        assert_eq!(err.code(), "unknown_environment");
        assert_eq!(from(json!({"base_url": "http://10.0.0.1"})).unwrap_err().code(), "insecure_base_url");
        assert_eq!(from(json!({"usename": "u"})).unwrap_err().code(), "invalid_config");
        assert_eq!(DigitealConfig::anonymous().test_environment().base_url().as_str(), "https://test.digiteal.eu");
    }

    #[test]
    fn credentials_are_checked_and_never_printed() {
        let c = from(json!({"username": "me@company.be", "password": "hunter2-secret"})).unwrap();
        assert!(!format!("{c:?}").contains("hunter2"));
        // "me@company.be:hunter2-secret"
        assert_eq!(c.authorization().unwrap(), "Basic bWVAY29tcGFueS5iZTpodW50ZXIyLXNlY3JldA==");
        let none = from(json!({})).unwrap();
        let Error::Validation(e) = none.authorization().unwrap_err() else { panic!() };
        assert_eq!((e.code.as_str(), &*e.field), ("digiteal_credentials", "username"));
        for (input, field) in [
            (json!({"username": "u"}), "password"),
            (json!({"password": "p"}), "username"),
            (json!({"username": " ", "password": "p"}), "username"),
            (json!({"username": "a:b", "password": "p"}), "username"),
            (json!({"username": "u", "password": ""}), "password"),
        ] {
            let Error::Validation(e) = from(input).unwrap_err() else { panic!() };
            assert_eq!((e.code.as_str(), &*e.field), ("digiteal_credentials", field));
        }
        assert!(DigitealConfig::new("u", Secret::new("p")).is_ok());
    }
}
