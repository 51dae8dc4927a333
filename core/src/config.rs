//! Pieces every provider configuration shares: the base URL (with its plain-HTTP rule), secrets that
//! never print, the per-request timeout and the retry policy.

use std::fmt;

use serde::Deserialize;

use crate::error::{Error, ValidationCode};
use crate::retry::RetryPolicy;

/// A credential. Its value is reachable only through [`Secret::expose`]; `Debug` and `Display`
/// print `[redacted]`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a credential.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The credential itself, to put on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Secret {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Secret".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "x-kassa-secret": true})
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Refuses a credential that cannot travel in an HTTP header: blank (only whitespace: a missing
/// environment variable; refused with the provider's own credentials code `blank`), or holding a
/// control character (CR, LF, NUL, ...: `unsafe_credential`), which would be a header injection
/// and fail only at send time otherwise. `field` names it; the value is never shown.
pub fn check_credential(value: &str, field: &'static str, blank: ValidationCode) -> Result<(), Error> {
    if value.trim().is_empty() {
        return Err(Error::validation(
            blank,
            field,
            format!("`{field}` is empty or only whitespace"),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::validation(
            ValidationCode::UnsafeCredential,
            field,
            format!("`{field}` holds a control character (a line break?), which no HTTP header can carry"),
        ));
    }
    Ok(())
}

/// Refuses a URL the SDK hands to a provider as a callback or a redirect (`callback_url`,
/// `RedirectURL`, `return_url`, `confirmationURL`, ...): it must be an absolute `https://` URL, or
/// `http://` on a loopback host (tests), with no control characters. `javascript:`,
/// `data:` and plain `http://` elsewhere are refused with `insecure_url`, a relative URL with
/// `invalid_params`.
pub fn check_callback_url(value: &str, field: &'static str) -> Result<(), Error> {
    // Checked before parsing: the URL standard silently drops tabs and line breaks.
    if value.chars().any(char::is_control) {
        return Err(Error::validation(
            ValidationCode::InsecureUrl,
            field,
            format!("`{field}` holds a control character (a line break?)"),
        ));
    }
    let url = crate::uri::Url::parse(value).map_err(|e| {
        Error::validation(ValidationCode::InvalidParams, field, format!("`{field}` is not an absolute URL: {e}"))
    })?;
    match url.scheme.as_str() {
        "https" | "http" if url.host.is_none() => Err(Error::validation(
            ValidationCode::InvalidParams,
            field,
            format!("`{field}` is not an absolute URL: it has no host"),
        )),
        "https" => Ok(()),
        "http" if url.is_loopback() => Ok(()),
        other => Err(Error::validation(
            ValidationCode::InsecureUrl,
            field,
            format!("`{field}` must be an https:// URL (http:// only on a loopback host), not `{other}:`"),
        )),
    }
}

/// The secrets a config sends, in every form they travel in (as given, percent-encoded, base64,
/// inside `Basic`/`Bearer` header values), so that an error text quoting one can be scrubbed
/// ([`crate::Error::redact`]). `Debug` shows only how many there are.
#[derive(Clone, Default)]
pub struct Secrets(Vec<String>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secrets({} forms)", self.0.len())
    }
}

impl Secrets {
    /// No secrets.
    pub const fn new() -> Self {
        Secrets(Vec::new())
    }

    /// Adds a secret value and its encoded forms. Values shorter than 4 bytes are not scrubbed
    /// (they would blank out ordinary words); kassa refuses blank credentials anyway.
    pub fn add(&mut self, value: &str) {
        use base64::Engine as _;
        if value.len() < 4 {
            return;
        }
        let b64 = base64::engine::general_purpose::STANDARD;
        let forms = [
            value.to_owned(),
            percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string(),
            b64.encode(value),
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value),
        ];
        for form in forms {
            if !self.0.contains(&form) {
                self.0.push(form);
            }
        }
    }

    /// Adds an `Authorization` header value (`Basic <b64>`, `Bearer <token>`) and its parts.
    pub fn add_header_value(&mut self, value: &str) {
        self.add(value);
        if let Some((_, credentials)) = value.split_once(' ') {
            self.add(credentials);
        }
    }

    /// Adds every form `other` holds.
    pub fn extend(&mut self, other: Secrets) {
        for form in other.0 {
            if !self.0.contains(&form) {
                self.0.push(form);
            }
        }
    }

    /// `text` with every secret form replaced by `[redacted]`; longer forms first.
    pub fn scrub(&self, text: &str) -> String {
        let mut forms: Vec<&String> = self.0.iter().collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        let mut out = text.to_owned();
        for form in forms {
            if out.contains(form.as_str()) {
                out = out.replace(form.as_str(), "[redacted]");
            }
        }
        out
    }

    /// Whether `text` holds any secret form.
    pub fn appear_in(&self, text: &str) -> bool {
        self.0.iter().any(|f| text.contains(f.as_str()))
    }
}

/// Where a provider's API lives: `https://...`, or `http://` on a loopback host only (tests, local
/// proxies). Kept without a trailing slash.
#[derive(Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks and normalises a base URL given by the caller in the config field `field`.
    pub fn parse(value: &str, field: &'static str) -> Result<Self, Error> {
        let url = crate::uri::Url::parse(value.trim())
            .map_err(|e| Error::validation(ValidationCode::InvalidBaseUrl, field, format!("not a URL: {e}")))?;
        if url.host.is_none() {
            return Err(Error::validation(ValidationCode::InvalidBaseUrl, field, "not a URL: it has no host"));
        }
        if url.query.is_some() || url.fragment.is_some() || url.userinfo {
            return Err(Error::validation(
                ValidationCode::InvalidBaseUrl,
                field,
                "a base URL carries no query, fragment or credentials",
            ));
        }
        match url.scheme.as_str() {
            "https" => {}
            "http" if url.is_loopback() => {}
            "http" => {
                return Err(Error::validation(
                    ValidationCode::InsecureBaseUrl,
                    field,
                    "plain http:// is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost); use https://",
                ))
            }
            other => {
                return Err(Error::validation(
                    ValidationCode::InvalidBaseUrl,
                    field,
                    format!("scheme `{other}` is not http(s)"),
                ))
            }
        }
        Ok(BaseUrl(url.origin_and_path().trim_end_matches('/').to_owned()))
    }

    /// A documented provider host; not checked.
    pub(crate) const fn known(url: String) -> Self {
        BaseUrl(url)
    }

    /// The base URL followed by `path` (which starts with `/`).
    pub fn join(&self, path: &str) -> String {
        let mut s = String::with_capacity(self.0.len() + path.len());
        s.push_str(&self.0);
        s.push_str(path);
        s
    }

    /// The base URL as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

/// The largest response body a client reads by default: 16 MiB. Digiteal's largest answers are
/// images (payment slips up to 4000 pixels wide: a few megabytes) and document lists; every
/// other answer is a few kilobytes. Configurable per client with `max_response_bytes`.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 << 20;

/// How a client sends a provider's requests: the per-request timeout, the retry policy and the
/// largest answer it reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The timeout of one attempt, in milliseconds.
    pub timeout_ms: u64,
    /// When to retry.
    pub retry: RetryPolicy,
    /// The largest response body read, in bytes (`body_too_large` beyond).
    pub max_body_bytes: u64,
}

impl Settings {
    /// `timeout_ms` and `retry`, with the default body limit.
    pub const fn new(timeout_ms: u64, retry: RetryPolicy) -> Self {
        Settings { timeout_ms, retry, max_body_bytes: DEFAULT_MAX_RESPONSE_BYTES }
    }
}

/// The config keys every provider takes besides its credentials (`environment`, `base_url`,
/// `timeout`, `retry`), as they arrive from a binding.
#[derive(Debug, Default, Deserialize)]
pub struct CommonInput {
    /// The provider's environment name (`production`, `sandbox`, `test`).
    pub environment: Option<String>,
    /// A custom base URL (tests, proxies); wins over `environment`.
    #[serde(alias = "baseUrl")]
    pub base_url: Option<String>,
    /// The per-request timeout in seconds.
    pub timeout: Option<f64>,
    /// Overrides of the provider's retry policy.
    pub retry: Option<RetryInput>,
    /// The largest response body read, in bytes.
    #[serde(alias = "maxResponseBytes")]
    pub max_response_bytes: Option<u64>,
}

/// Overrides of a provider's retry policy; delays in seconds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "RetryOptions"))]
pub struct RetryInput {
    /// How many retries after the first attempt.
    #[serde(alias = "maxRetries")]
    pub max_retries: Option<u32>,
    /// The first delay, in seconds.
    #[serde(alias = "initialDelay")]
    pub initial_delay: Option<f64>,
    /// The longest delay, in seconds.
    #[serde(alias = "maxDelay")]
    pub max_delay: Option<f64>,
    /// Jitter, in percent of the delay.
    #[serde(alias = "jitterPercent")]
    pub jitter_percent: Option<u8>,
}

/// Overrides of a retry policy: a [`RetryInput`] read and checked, delays in milliseconds. The
/// client config's `retry` and the per-call `retry` option are both applied through it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RetryOverrides {
    /// How many retries after the first attempt.
    pub max_retries: Option<u32>,
    /// The first delay, in milliseconds.
    pub initial_delay_ms: Option<u64>,
    /// The longest delay, in milliseconds.
    pub max_delay_ms: Option<u64>,
    /// Jitter, in percent of the delay (at most 100).
    pub jitter_percent: Option<u8>,
}

impl RetryOverrides {
    /// These overrides with every one `over` gives replacing this one's.
    pub fn merged(&self, over: &RetryOverrides) -> RetryOverrides {
        RetryOverrides {
            max_retries: over.max_retries.or(self.max_retries),
            initial_delay_ms: over.initial_delay_ms.or(self.initial_delay_ms),
            max_delay_ms: over.max_delay_ms.or(self.max_delay_ms),
            jitter_percent: over.jitter_percent.or(self.jitter_percent),
        }
    }

    /// Replaces the parts of `policy` these overrides give.
    pub fn apply(&self, policy: &mut RetryPolicy) {
        if let Some(n) = self.max_retries {
            policy.max_retries = n;
        }
        if let Some(ms) = self.initial_delay_ms {
            policy.initial_delay_ms = ms;
        }
        if let Some(ms) = self.max_delay_ms {
            policy.max_delay_ms = ms;
        }
        if let Some(p) = self.jitter_percent {
            policy.jitter_percent = p.min(100);
        }
    }
}

impl RetryInput {
    /// The overrides, delays checked (0 to 86400 seconds); a refusal has `code` and names
    /// `retry.initial_delay` or `retry.max_delay`.
    pub fn overrides(&self, code: ValidationCode) -> Result<RetryOverrides, Error> {
        let ms = |seconds: Option<f64>, field| seconds.map(|s| seconds_to_ms(s, field, code)).transpose();
        Ok(RetryOverrides {
            max_retries: self.max_retries,
            initial_delay_ms: ms(self.initial_delay, "retry.initial_delay")?,
            max_delay_ms: ms(self.max_delay, "retry.max_delay")?,
            jitter_percent: self.jitter_percent,
        })
    }
}

impl CommonInput {
    /// Resolves the base URL: `base_url` when given, else the host of `environment` among the
    /// provider's `environments` (the first one is the default).
    pub fn base_url(&self, environments: &[(&str, &str)]) -> Result<BaseUrl, Error> {
        if let Some(url) = &self.base_url {
            return BaseUrl::parse(url, "base_url");
        }
        let wanted = self.environment.as_deref();
        let found = match wanted {
            None => environments.first(),
            Some(name) => environments.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)),
        };
        match found {
            Some((_, url)) => Ok(BaseUrl::known((*url).to_owned())),
            None => Err(Error::validation(
                ValidationCode::UnknownEnvironment,
                "environment",
                format!(
                    "`{}` is not one of: {}",
                    wanted.unwrap_or_default(),
                    environments.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                ),
            )),
        }
    }

    /// Resolves timeout and retry policy from the provider's defaults.
    pub fn settings(&self, default_timeout_ms: u64, default_retry: RetryPolicy) -> Result<Settings, Error> {
        let timeout_ms = match self.timeout {
            None => default_timeout_ms,
            Some(s) => seconds_to_ms(s, "timeout", ValidationCode::InvalidConfig)?.max(1),
        };
        let mut retry = default_retry;
        if let Some(input) = &self.retry {
            input.overrides(ValidationCode::InvalidConfig)?.apply(&mut retry);
        }
        let max_body_bytes = match self.max_response_bytes {
            None => DEFAULT_MAX_RESPONSE_BYTES,
            Some(0) => {
                return Err(Error::validation(ValidationCode::InvalidConfig, "max_response_bytes", "must be at least 1"))
            }
            Some(n) => n,
        };
        Ok(Settings { timeout_ms, retry, max_body_bytes })
    }
}

/// Seconds (a duration, not money) to whole milliseconds; refuses negatives, NaN and over a day
/// with `code` (`invalid_config` in a config, `invalid_option` in per-call options).
pub(crate) fn seconds_to_ms(seconds: f64, field: &'static str, code: ValidationCode) -> Result<u64, Error> {
    if !seconds.is_finite() || !(0.0..=86_400.0).contains(&seconds) {
        return Err(Error::validation(
            code,
            field,
            "expected a number of seconds from 0 to 86400",
        ));
    }
    Ok((seconds * 1000.0).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_only_on_loopback() {
        for ok in ["https://api.example.test/", "http://127.0.0.1:8080", "http://[::1]:1/x", "http://localhost:3000/"] {
            assert!(BaseUrl::parse(ok, "base_url").is_ok(), "{ok}");
        }
        let err = BaseUrl::parse("http://10.0.0.1", "base_url").unwrap_err();
        assert_eq!(err.code(), "insecure_base_url");
        assert_eq!(BaseUrl::parse("ftp://x", "base_url").unwrap_err().code(), "invalid_base_url");
        assert_eq!(BaseUrl::parse("https://u:p@x", "base_url").unwrap_err().code(), "invalid_base_url");
        assert_eq!(BaseUrl::parse("https://x.test/api/", "b").unwrap().join("/v1"), "https://x.test/api/v1");
    }

    #[test]
    fn secrets_do_not_print() {
        let s = Secret::new("secret-abc");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
    }

    #[test]
    fn settings_override_defaults() {
        let input = CommonInput {
            timeout: Some(0.25),
            retry: Some(RetryInput { max_retries: Some(1), initial_delay: Some(0.01), ..Default::default() }),
            ..Default::default()
        };
        let s = input.settings(60_000, RetryPolicy::PASSPORTREADER).unwrap();
        assert_eq!((s.timeout_ms, s.retry.max_retries, s.retry.initial_delay_ms), (250, 1, 10));
        let bad = CommonInput { timeout: Some(f64::NAN), ..Default::default() };
        assert_eq!(bad.settings(1, RetryPolicy::NEVER).unwrap_err().code(), "invalid_config");
    }
}
