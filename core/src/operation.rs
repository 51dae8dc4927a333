//! The `Operation` pattern: every operation id of `endpoints.tsv` is a typed params struct that
//! builds an [`HttpRequest`] and parses the [`HttpResponse`] back. The [`catalog`] lists the
//! implemented ones; [`build_request`] and [`parse_response`] dispatch by id for the bindings.

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde::Serialize;

use crate::config::Settings;
use crate::error::{Error, ValidationCode};
use crate::http::{HttpRequest, HttpResponse, Method};

/// What the catalog knows of one operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperationInfo {
    /// The operation id of `endpoints.tsv`, e.g. `"passportreader.session.create"`.
    pub id: &'static str,
    /// The provider: `"digiteal"`, `"billit"`, `"solaris"` or `"passportreader"`.
    pub provider: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template below the base URL, e.g. `"/api/v1/session.create"`.
    pub path: &'static str,
    /// Whether sending the request twice is harmless, so that a failure after the request may
    /// have arrived can be retried.
    pub retry_safe: bool,
}

/// A provider configuration that can be read from a binding's config mapping.
pub trait ProviderConfig: Sized {
    /// Reads and checks the configuration.
    fn from_input<'de, D: Deserializer<'de>>(input: D) -> Result<Self, Error>;
    /// The timeout and retry policy requests of this provider are sent with.
    fn settings(&self) -> &Settings;
}

/// One operation: typed params that build a request, and the parser of its response.
pub trait Operation: DeserializeOwned {
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
}

/// A built request together with how to send it.
#[derive(Clone, Debug)]
pub struct Prepared {
    /// The request.
    pub request: HttpRequest,
    /// Timeout and retry policy from the config.
    pub settings: Settings,
    /// From the catalog: whether a retry after the request may have arrived is harmless.
    pub retry_safe: bool,
}

/// Receives a parsed output and turns it into a binding's value (a Python object, a `JsValue`,
/// JSON), keeping the output's types (64-bit integers stay integers).
pub trait Sink {
    /// What the binding gets.
    type Ok;
    /// Converts the output.
    fn emit<T: Serialize>(self, value: &T) -> Self::Ok;
}

/// A [`Sink`] that yields `serde_json::Value`.
#[derive(Clone, Copy, Debug, Default)]
pub struct JsonSink;

impl Sink for JsonSink {
    type Ok = Result<serde_json::Value, Error>;
    fn emit<T: Serialize>(self, value: &T) -> Self::Ok {
        serde_json::to_value(value).map_err(|e| Error::decode("", e.to_string()))
    }
}

/// Reads params of `O` from any serde deserializer; a failure names the field.
pub fn read_params<'de, O: Operation, D: Deserializer<'de>>(params: D) -> Result<O, Error> {
    read_input(ValidationCode::InvalidParams, params)
}

/// Reads a config section with a serde type; a failure names the key.
pub fn read_config<'de, T: Deserialize<'de>, D: Deserializer<'de>>(input: D) -> Result<T, Error> {
    read_input(ValidationCode::InvalidConfig, input)
}

/// Reads any serde type; a failure is a validation error with `code` naming the field.
pub(crate) fn read_input<'de, T: Deserialize<'de>, D: Deserializer<'de>>(code: ValidationCode, input: D) -> Result<T, Error> {
    serde_path_to_error::deserialize(input).map_err(|e| path_error(code, e))
}

/// A serde failure as a validation error whose field is the full path, including the key serde
/// names in "missing field `x`" (reported at the parent's path); an unknown key is already the
/// last segment of the path.
fn path_error<E: std::fmt::Display>(code: ValidationCode, e: serde_path_to_error::Error<E>) -> Error {
    let path = e.path().to_string();
    let message = e.into_inner().to_string();
    let named = ["missing field `", "unknown field `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix)?.split('`').next());
    let field = match (path.as_str(), named) {
        (".", Some(key)) => key.to_owned(),
        (".", None) => String::new(),
        (_, Some(key)) if !path.ends_with(key) => format!("{path}.{key}"),
        (_, _) => path,
    };
    Error::validation(code, field, message)
}

/// Builds `O` from deserializable params and config.
pub fn prepare<'p, 'c, O, P, C>(params: P, config: C) -> Result<Prepared, Error>
where
    O: Operation,
    P: Deserializer<'p>,
    C: Deserializer<'c>,
{
    let config = O::Config::from_input(config)?;
    let op: O = read_params(params)?;
    Ok(Prepared {
        request: op.build(&config)?,
        settings: config.settings().clone(),
        retry_safe: O::INFO.retry_safe,
    })
}

fn unknown_operation(id: &str) -> Error {
    Error::validation(
        ValidationCode::UnknownOperation,
        "operation",
        format!("`{id}` is not an operation kassa implements (see operations())"),
    )
}

macro_rules! catalog {
    ($($op:ty),* $(,)?) => {
        const CATALOG: &[OperationInfo] = &[$(<$op as Operation>::INFO),*];

        /// Builds the request of operation `id` from params and config given as any serde
        /// deserializer (a Python dict, a JS object, JSON).
        pub fn build_request<'p, 'c, P: Deserializer<'p>, C: Deserializer<'c>>(
            id: &str,
            params: P,
            config: C,
        ) -> Result<Prepared, Error> {
            $(if id == <$op as Operation>::INFO.id {
                return prepare::<$op, P, C>(params, config);
            })*
            Err(unknown_operation(id))
        }

        /// Parses the response of operation `id` and hands the typed output to `sink`.
        pub fn parse_response<S: Sink>(id: &str, response: &HttpResponse, sink: S) -> Result<S::Ok, Error> {
            parse_response_at(id, response, None, sink)
        }

        /// [`parse_response`] with the time the answer arrived (Unix seconds), for outputs that
        /// carry an expiry (e.g. Billit's 5-minute identification window).
        pub fn parse_response_at<S: Sink>(
            id: &str,
            response: &HttpResponse,
            now_unix: Option<u64>,
            sink: S,
        ) -> Result<S::Ok, Error> {
            $(if id == <$op as Operation>::INFO.id {
                return <$op as Operation>::parse_at(response, now_unix).map(|out| sink.emit(&out));
            })*
            Err(unknown_operation(id))
        }
    };
}

use crate::providers::{billit, digiteal, passportreader, solaris};

catalog! {
    digiteal::RequestAutoPayment,
    digiteal::CreateCreditNote,
    digiteal::GetCompanyInfo,
    digiteal::GetPersonInfo,
    digiteal::SendCreditNoteDocument,
    digiteal::SendCreditNoteDocumentByInternalId,
    digiteal::ListInvoiceDocuments,
    digiteal::SendInvoiceDocument,
    digiteal::SendInvoiceDocumentByInternalId,
    digiteal::CreateInvoice,
    digiteal::ForceOptin,
    digiteal::CreatePayment,
    digiteal::CreateInvoicePayment,
    digiteal::GetSlipImage,
    digiteal::GetSlipImageInline,
    billit::StartIdentification,
    solaris::CheckEligibility,
    solaris::CreateIdentificationSession,
    solaris::GetIdentificationSession,
    solaris::GetSessionConfiguration,
    solaris::CreateIdentification,
    solaris::GetIdentification,
    solaris::SimulateBankId,
    solaris::RequestToken,
    passportreader::CreateSession,
    passportreader::GetSession,
    passportreader::GetSessionState,
}

/// Every implemented operation, in `endpoints.tsv` order per provider.
pub fn catalog() -> &'static [OperationInfo] {
    CATALOG
}

/// The catalog entry of `id`.
pub fn info(id: &str) -> Option<&'static OperationInfo> {
    CATALOG.iter().find(|op| op.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_ids_are_unique_and_dispatch() {
        let mut ids: Vec<_> = catalog().iter().map(|o| o.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), catalog().len());
        for op in catalog() {
            assert_eq!(info(op.id), Some(op));
            assert!(op.path.starts_with('/'));
        }
        let err = build_request("nope.x", serde_json::json!({}), serde_json::json!({})).unwrap_err();
        assert_eq!(err.code(), "unknown_operation");
    }
}
