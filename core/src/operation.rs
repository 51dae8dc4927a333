//! The `Operation` pattern: every operation id of `endpoints.tsv` that is an HTTP call (a request,
//! or a link a browser opens) is a typed params struct that builds an [`HttpRequest`] and parses
//! the [`HttpResponse`] back. The [`catalog`](crate::catalog) registers them; this module holds the
//! traits and the readers every binding's input goes through.

use std::borrow::Cow;

use serde::de::{Deserialize, DeserializeOwned};
use serde::Serialize;

use crate::config::{Secret, Settings};
use crate::error::{Error, ValidationCode};
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::input::{Input, InputError};

/// The providers kassa talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Provider {
    /// Digiteal: e-invoices, payments, PEPPOL.
    Digiteal,
    /// Billit: identification of registered entities (itsme).
    Billit,
    /// Solaris: KYC identifications.
    Solaris,
    /// PassportReader: identity sessions.
    PassportReader,
}

impl Provider {
    /// Every provider.
    pub const ALL: [Provider; 4] = [Provider::Digiteal, Provider::Billit, Provider::Solaris, Provider::PassportReader];

    /// The provider's name: the first segment of its operation ids (`"passportreader"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Provider::Digiteal => "digiteal",
            Provider::Billit => "billit",
            Provider::Solaris => "solaris",
            Provider::PassportReader => "passportreader",
        }
    }

    /// The provider named `name`, or a validation error listing the providers.
    pub fn from_name(name: &str) -> Result<Self, Error> {
        Provider::ALL.into_iter().find(|p| p.as_str() == name).ok_or_else(|| {
            Error::validation(
                ValidationCode::UnknownProvider,
                "provider",
                format!("`{name}` is not one of: digiteal, billit, solaris, passportreader"),
            )
        })
    }
}

impl Serialize for Provider {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Provider {
    fn schema_name() -> Cow<'static, str> {
        "Provider".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A provider kassa talks to.",
            "type": "string",
            "enum": ["digiteal", "billit", "solaris", "passportreader"],
        })
    }
}

/// What a catalog entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// An API request: build, send, parse.
    Request,
    /// A URL a browser opens or shows (a pay button, a registration link): built without
    /// credentials; `build_request` gives it as a `GET` whose `url` is the link.
    Link,
    /// A parser of the browser's redirect back from a provider: no request at all.
    Callback,
    /// A pure function (EPC payloads, identifiers, webhook verification, the identity flow).
    Function,
}

impl Kind {
    /// `"request"`, `"link"`, `"callback"` or `"function"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Link => "link",
            Kind::Callback => "callback",
            Kind::Function => "function",
        }
    }
}

/// What the catalog knows of one operation that is an HTTP call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation id of `endpoints.tsv`, e.g. `"passportreader.session.create"`.
    pub id: &'static str,
    /// [`Kind::Request`] (an API call) or [`Kind::Link`] (a URL a browser opens).
    pub kind: Kind,
    /// The provider.
    pub provider: Provider,
    /// The HTTP method.
    pub method: Method,
    /// The path template below the base URL, e.g. `"/api/v1/session.create"`.
    pub path: &'static str,
    /// Whether sending the request twice is harmless, so that a failure after the request may
    /// have arrived can be retried.
    pub retry_safe: bool,
}

impl OperationInfo {
    /// An API request of `provider`.
    pub const fn request(
        id: &'static str,
        provider: Provider,
        method: Method,
        path: &'static str,
        retry_safe: bool,
    ) -> Self {
        OperationInfo { id, kind: Kind::Request, provider, method, path, retry_safe }
    }
}

/// What a request is built with besides its params and its config: what the SDK fills in for the
/// caller. The core draws no random numbers and holds no tokens by itself; a client (or a
/// binding's `build_request`) puts them here.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// The multipart boundary of an upload whose params give none.
    pub boundary: Option<String>,
    /// A bearer token a client obtained (Solaris), used when the config carries none.
    pub access_token: Option<Secret>,
}

impl Context {
    /// A context with a boundary made from two samples of `random` (each in `[0, 1)`): 106
    /// random bits, enough never to occur in a document.
    pub fn with_random_boundary(mut random: impl FnMut() -> f64) -> Self {
        let mut sample = || (random().clamp(0.0, 1.0) * (1u64 << 53) as f64) as u64;
        let (a, b) = (sample(), sample());
        Context { boundary: Some(format!("kassa-{a:014x}{b:014x}")), access_token: None }
    }
}

/// A provider configuration that can be read from a binding's config mapping.
pub trait ProviderConfig: Sized + Clone + Send + Sync + 'static {
    /// The provider it configures.
    const PROVIDER: Provider;

    /// Reads and checks the configuration.
    fn from_input<'de, D: Input<'de>>(input: D) -> Result<Self, Error>;

    /// The timeout and retry policy requests of this provider are sent with.
    fn settings(&self) -> &Settings;

    /// The schema of the config's input (the keys [`ProviderConfig::from_input`] reads).
    #[cfg(feature = "schema")]
    fn input_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema;

    /// Every secret the config sends, in every form it travels in, to scrub from error texts.
    fn secrets(&self) -> crate::config::Secrets;

    /// The config a request is built with in `context`: itself, or (Solaris) a copy holding the
    /// client's token.
    fn in_context(&self, context: &Context) -> Cow<'_, Self> {
        let _ = context;
        Cow::Borrowed(self)
    }
}

/// One operation: typed params that build a request, and the parser of its response.
pub trait Operation: DeserializeOwned + Clone + Send + Sync + 'static {
    /// The catalog entry.
    const INFO: OperationInfo;
    /// The provider configuration the request is built with.
    type Config: ProviderConfig;
    /// The parsed result.
    type Output: Serialize;

    /// Builds the request. Checks the params first; a violation names the field.
    fn build(&self, config: &Self::Config) -> Result<HttpRequest, Error>;

    /// Parses the provider's answer: an error status becomes [`Error::Api`], an unreadable body
    /// [`Error::Decode`].
    fn parse(response: &HttpResponse) -> Result<Self::Output, Error>;

    /// Like [`Operation::parse`], for outputs that say when something expires: `now_unix` is the
    /// time the answer arrived (seconds). Operations without such a field ignore it.
    fn parse_at(response: &HttpResponse, now_unix: Option<u64>) -> Result<Self::Output, Error> {
        let _ = now_unix;
        Self::parse(response)
    }

    /// What to look up, when a call of this operation may have reached the provider but its
    /// answer was lost (`outcome_unknown`), before trying again.
    const OUTCOME_HINT: &'static str =
        "check with the provider (its web application, a read call or its webhooks) whether it was done before trying again";

    /// The params' value that makes a resend safe, when they carry one: a key the provider keeps
    /// unique (Digiteal's `invoiceInternalId`), so that a resend of a request that did arrive is
    /// refused or updates the same object instead of making a second. A call with such a key is
    /// retried after a failure that may have reached the provider; one without is not.
    fn resend_key(&self) -> Option<&str> {
        None
    }

    /// The name of the params field [`Operation::resend_key`] reads, for the per-call
    /// `idempotency_key` option (which fills it when the params leave it out).
    const RESEND_KEY_FIELD: Option<&'static str> = None;

    /// The params with `key` as their resend key (see [`Operation::RESEND_KEY_FIELD`]).
    fn with_resend_key(&self, key: &str) -> Self {
        let _ = key;
        self.clone()
    }

    /// The secrets the params carry (a webhook password to set), in every form, to scrub from
    /// error texts and logs as the config's are; none by default.
    fn secrets(&self) -> crate::config::Secrets {
        crate::config::Secrets::new()
    }

    /// The params with what the caller left to the SDK taken from `context` (a multipart
    /// boundary); themselves by default.
    fn completed(&self, context: &Context) -> Cow<'_, Self> {
        let _ = context;
        Cow::Borrowed(self)
    }
}

/// A built request together with how to send it.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The operation id it was built for.
    pub operation: &'static str,
    /// The request.
    pub request: HttpRequest,
    /// Timeout and retry policy from the config.
    pub settings: Settings,
    /// Whether a retry after the request may have arrived is harmless: the catalog's word, or a
    /// resend key in the params ([`Operation::resend_key`]).
    pub retry_safe: bool,
    /// What to look up when the outcome is unknown ([`Operation::OUTCOME_HINT`]).
    pub outcome_hint: &'static str,
}

/// Builds `op` with `config` in `context`.
pub fn prepare<O: Operation>(op: &O, config: &O::Config, context: &Context) -> Result<Prepared, Error> {
    let config = config.in_context(context);
    let op = op.completed(context);
    Ok(Prepared {
        operation: O::INFO.id,
        request: op.build(&config)?,
        settings: config.settings().clone(),
        retry_safe: O::INFO.retry_safe || op.resend_key().is_some_and(|k| !k.trim().is_empty()),
        outcome_hint: O::OUTCOME_HINT,
    })
}

/// Receives a parsed output and turns it into a binding's value (a Python object, a `JsValue`,
/// JSON), keeping the output's types (64-bit integers stay integers, bytes stay bytes).
pub trait Sink {
    /// What the binding gets.
    type Ok;
    /// Converts the output.
    fn emit<T: Serialize + ?Sized>(self, value: &T) -> Self::Ok;
}

/// A [`Sink`] that yields `serde_json::Value` (bytes become arrays of numbers).
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonSink;

impl Sink for JsonSink {
    type Ok = Result<serde_json::Value, Error>;
    fn emit<T: Serialize + ?Sized>(self, value: &T) -> Self::Ok {
        serde_json::to_value(value).map_err(|e| Error::decode("", e.to_string()))
    }
}

/// Reads params of `O` from any serde deserializer; a failure names the field.
pub fn read_params<'de, O: Operation, D: Input<'de>>(params: D) -> Result<O, Error> {
    read_input(ValidationCode::InvalidParams, params)
}

/// Reads a config section with a serde type; a failure names the key.
pub fn read_config<'de, T: Deserialize<'de>, D: Input<'de>>(input: D) -> Result<T, Error> {
    read_input(ValidationCode::InvalidConfig, input).map_err(|e| match e {
        // Not a mapping at all: named `config`, not by the Rust type serde would name.
        Error::Validation(mut v) if v.field.is_empty() => {
            v.field = Cow::Borrowed("config");
            if let Some(at) = v.message.find("expected struct ") {
                v.message.truncate(at);
                v.message.push_str("expected `config`, a mapping of the client's keys");
            }
            Error::Validation(v)
        }
        other => other,
    })
}

/// Reads any serde type; a failure is a validation error with `code` naming the field (the path
/// of the [`InputError`]).
pub fn read_input<'de, T: Deserialize<'de>, D: Input<'de>>(code: ValidationCode, input: D) -> Result<T, Error> {
    T::deserialize(input.into_deserializer()).map_err(|e| path_error(code, e))
}

/// Reads a whole input (`params`, `response`) that must be an object; `what` names it when it is
/// not one, instead of the Rust type serde would name.
pub fn read_named<'de, T: DeserializeOwned, D: Input<'de>>(
    code: ValidationCode,
    what: &'static str,
    input: D,
) -> Result<T, Error> {
    read_input(code, input).map_err(|e| match e {
        Error::Validation(mut v) if v.field.is_empty() => {
            v.field = Cow::Borrowed(what);
            v.message = v.message.replace("expected struct ", &format!("expected `{what}`, an object like "));
            Error::Validation(v)
        }
        other => other,
    })
}

/// A serde failure as a validation error whose field is the full path, including the key serde
/// names in "missing field `x`" (reported at the parent's path); an unknown key is already the
/// last segment of the path. The message never repeats the value the caller gave (it may be a
/// secret): serde's "invalid type: string \"...\", expected ..." loses the quoted value.
pub(crate) fn path_error(code: ValidationCode, e: InputError) -> Error {
    let (field, message) = field_and_message(&e);
    Error::validation(code, field, message)
}

/// The field an [`InputError`] names (its path, plus the key of a "missing field" / "unknown
/// field" message when the path stops short of it) and its message without input values.
pub(crate) fn field_and_message(e: &InputError) -> (String, String) {
    let path = e.path();
    let message = without_values(e.message());
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix)?.split('`').next().map(str::to_owned));
    let field = match (path.as_str(), named) {
        ("", Some(key)) => key,
        (_, Some(key)) if !path.ends_with(&key) => format!("{path}.{key}"),
        (_, _) => path,
    };
    (field, message)
}

/// serde's `invalid type: <unexpected>, expected <what>` and `invalid value: ...` with the
/// unexpected value reduced to its kind (`integer`, `string`, ...), so no input value (a secret
/// given with the wrong type) reaches a message.
fn without_values(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: ", "invalid length "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (unexpected, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let kind = unexpected.split([' ', '`', '"']).next().unwrap_or("");
            let kind = match kind {
                "floating" => "floating point number",
                "" => "value",
                other => other,
            };
            return if expected.is_empty() {
                format!("{prefix}{kind}")
            } else {
                format!("{prefix}{kind}, expected {expected}")
            };
        }
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_never_repeat_values() {
        assert_eq!(
            without_values("invalid type: integer `1234567890123`, expected a string"),
            "invalid type: integer, expected a string"
        );
        assert_eq!(
            without_values("invalid type: string \"secret-xyz\", expected u64"),
            "invalid type: string, expected u64"
        );
        assert_eq!(without_values("invalid type: floating point `1.5`, expected i64"), "invalid type: floating point number, expected i64");
        assert_eq!(without_values("missing field `id`"), "missing field `id`");
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct T {
            secret: String,
        }
        let e = read_config::<T, _>(serde_json::json!({"secret": 1234567890123_u64})).unwrap_err();
        assert!(!e.to_string().contains("1234567890123"), "{e}");
        assert!(e.to_string().contains("secret"), "{e}");
    }

    #[test]
    fn random_boundaries() {
        let mut n = 0.0;
        let c = Context::with_random_boundary(|| {
            n += 0.25;
            n
        });
        assert_eq!(c.boundary.as_deref(), Some("kassa-0800000000000010000000000000"));
    }
}
