//! The catalog: every id of `endpoints.tsv` — requests, link builders (kind `link`), redirect
//! parsers (kind `callback`) — and every pure function (kind `function`), each registered once
//! below. Everything a binding offers is derived from here: [`entries`] lists them,
//! [`build_request`] / [`parse_response_at`] / [`call`] dispatch by id, [`AnyConfig`] holds a
//! provider's checked config, and (feature `schema`) [`describe`] hands the generator of the typed
//! surfaces (`xtask`) every type's schema.
//!
//! This module sits above `providers/` and `functions/`: they know nothing of it.

use std::sync::OnceLock;

use crate::input::Input;

use crate::error::{Error, ValidationCode};
use crate::functions::{self, FunctionInfo};
use crate::http::{HttpResponse, Method};
pub use crate::operation::{Kind, Provider};
use crate::operation::{self, read_named, Context, Operation, OperationInfo, Prepared, ProviderConfig, Sink};
use crate::providers::{billit, digiteal, passportreader, solaris};

/// One entry of [`entries`], as `operations()` shows it in every language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The id: an operation id of `endpoints.tsv`, or a function name (`"iban.validate"`).
    pub id: &'static str,
    /// What it is.
    pub kind: Kind,
    /// The provider, when it belongs to one.
    pub provider: Option<Provider>,
    /// The HTTP method (requests and links).
    pub method: Option<Method>,
    /// The path template (requests and links).
    pub path: Option<&'static str>,
    /// Whether a retry after the request may have arrived is harmless (requests and links).
    pub retry_safe: bool,
    /// The name of the params type (`"InvoiceCreationRequest"`), as the typed surfaces name it.
    pub params: String,
    /// The name of the output type (`"InvoiceCreated"`, `"DocumentDetails[]"`).
    pub output: String,
    /// The params given positionally (functions), in order.
    pub positional: &'static [&'static str],
}

/// The last segment of a Rust type path, generics kept and simplified: `Vec<T>` is `T[]`,
/// `Option<T>` is `T | null`, `String` is `string`.
pub fn type_label(full: &str) -> String {
    let mut out = String::new();
    let mut segment = String::new();
    let flush = |segment: &mut String, out: &mut String| {
        let last = segment.rsplit("::").next().unwrap_or("").trim().to_owned();
        out.push_str(&last);
        segment.clear();
    };
    for c in full.chars() {
        match c {
            '<' | '>' | ',' | '(' | ')' | '[' | ']' | ';' | '&' | ' ' => {
                flush(&mut segment, &mut out);
                out.push(c);
            }
            other => segment.push(other),
        }
    }
    flush(&mut segment, &mut out);
    simplify(&out)
}

fn simplify(label: &str) -> String {
    if let Some(inner) = label.strip_prefix("Vec<").and_then(|s| s.strip_suffix('>')) {
        return format!("{}[]", simplify(inner));
    }
    if let Some(inner) = label.strip_prefix("Option<").and_then(|s| s.strip_suffix('>')) {
        return format!("{} | null", simplify(inner));
    }
    match label {
        "String" | "str" | "&str" => "string".to_owned(),
        "()" => "null".to_owned(),
        other => other.to_owned(),
    }
}

fn label<T: ?Sized>() -> String {
    type_label(std::any::type_name::<T>())
}

/// A provider's checked configuration.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum AnyConfig {
    /// Digiteal.
    Digiteal(digiteal::DigitealConfig),
    /// Billit.
    Billit(billit::BillitConfig),
    /// Solaris.
    Solaris(solaris::SolarisConfig),
    /// PassportReader.
    PassportReader(passportreader::PassportReaderConfig),
}

impl AnyConfig {
    /// Reads and checks the config of `provider` (its keys as the provider's config type names
    /// them; camelCase aliases accepted).
    pub fn read<'de, D: Input<'de>>(provider: Provider, input: D) -> Result<Self, Error> {
        Ok(match provider {
            Provider::Digiteal => AnyConfig::Digiteal(digiteal::DigitealConfig::from_input(input)?),
            Provider::Billit => AnyConfig::Billit(billit::BillitConfig::from_input(input)?),
            Provider::Solaris => AnyConfig::Solaris(solaris::SolarisConfig::from_input(input)?),
            Provider::PassportReader => {
                AnyConfig::PassportReader(passportreader::PassportReaderConfig::from_input(input)?)
            }
        })
    }

    /// The provider it configures.
    pub fn provider(&self) -> Provider {
        match self {
            AnyConfig::Digiteal(_) => Provider::Digiteal,
            AnyConfig::Billit(_) => Provider::Billit,
            AnyConfig::Solaris(_) => Provider::Solaris,
            AnyConfig::PassportReader(_) => Provider::PassportReader,
        }
    }

    /// Every secret the config sends, in every form it travels in.
    pub fn secrets(&self) -> crate::config::Secrets {
        match self {
            AnyConfig::Digiteal(c) => c.secrets(),
            AnyConfig::Billit(c) => c.secrets(),
            AnyConfig::Solaris(c) => c.secrets(),
            AnyConfig::PassportReader(c) => c.secrets(),
        }
    }

    /// Where requests go (no secret).
    pub fn base_url(&self) -> &str {
        match self {
            AnyConfig::Digiteal(c) => c.base_url().as_str(),
            AnyConfig::Billit(c) => c.base_url().as_str(),
            AnyConfig::Solaris(c) => c.base_url().as_str(),
            AnyConfig::PassportReader(c) => c.base_url().as_str(),
        }
    }
}

/// A provider config that an [`AnyConfig`] can hold.
pub trait Held: ProviderConfig {
    /// The config, when `any` holds this provider's.
    fn held(any: &AnyConfig) -> Option<&Self>;
}

macro_rules! held {
    ($($variant:ident => $ty:ty),*) => {$(
        impl Held for $ty {
            fn held(any: &AnyConfig) -> Option<&Self> {
                match any {
                    AnyConfig::$variant(c) => Some(c),
                    _ => None,
                }
            }
        }
        impl From<$ty> for AnyConfig {
            fn from(c: $ty) -> Self {
                AnyConfig::$variant(c)
            }
        }
    )*};
}

held!(Digiteal => digiteal::DigitealConfig, Billit => billit::BillitConfig, Solaris => solaris::SolarisConfig,
      PassportReader => passportreader::PassportReaderConfig);

/// An operation's params, read and checked, waiting to be built with a config.
trait Build: Send + Sync {
    fn info(&self) -> &'static OperationInfo;
    fn secrets(&self) -> crate::config::Secrets;
    fn prepare(&self, config: &AnyConfig, context: &Context, resend_key: Option<&str>) -> Result<Prepared, Error>;
}

struct Typed<O>(O);

impl<O: Operation> Build for Typed<O>
where
    O::Config: Held,
{
    fn info(&self) -> &'static OperationInfo {
        &<O as Operation>::INFO
    }

    fn secrets(&self) -> crate::config::Secrets {
        self.0.secrets()
    }

    fn prepare(&self, config: &AnyConfig, context: &Context, resend_key: Option<&str>) -> Result<Prepared, Error> {
        let config = O::Config::held(config).ok_or_else(|| other_provider(O::INFO.id, config.provider()))?;
        match resend_key {
            None => operation::prepare(&self.0, config, context),
            Some(key) => {
                let Some(field) = O::RESEND_KEY_FIELD else {
                    return Err(Error::validation(
                        ValidationCode::InvalidOption,
                        "idempotency_key",
                        format!("{} has no idempotency key: the provider keeps none for it", O::INFO.id),
                    ));
                };
                match self.0.resend_key() {
                    Some(given) if given != key => Err(Error::validation(
                        ValidationCode::InvalidOption,
                        "idempotency_key",
                        format!("the params already give `{field}`, another value"),
                    )),
                    _ => operation::prepare(&self.0.with_resend_key(key), config, context),
                }
            }
        }
    }
}

fn other_provider(id: &str, provider: Provider) -> Error {
    Error::validation(
        ValidationCode::UnknownOperation,
        "operation",
        format!("`{id}` is not an operation of the {} client", provider.as_str()),
    )
}

/// One call of an operation: its params read and checked, to be built (again, for each attempt:
/// a renewed token, a fresh multipart boundary) with a config and a [`Context`].
pub struct Call {
    op: Box<dyn Build>,
}

impl std::fmt::Debug for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call").field("id", &self.id()).finish_non_exhaustive()
    }
}

impl Call {
    /// A call of `op`.
    pub fn new<O: Operation>(op: O) -> Self
    where
        O::Config: Held,
    {
        Call { op: Box::new(Typed(op)) }
    }

    /// The operation id.
    pub fn id(&self) -> &'static str {
        self.op.info().id
    }

    /// The catalog entry.
    pub fn info(&self) -> &'static OperationInfo {
        self.op.info()
    }

    /// The secrets its params carry ([`Operation::secrets`]).
    pub fn secrets(&self) -> crate::config::Secrets {
        self.op.secrets()
    }

    /// Builds the request with `config` (which must be this operation's provider's) in `context`.
    pub fn prepare(&self, config: &AnyConfig, context: &Context) -> Result<Prepared, Error> {
        self.op.prepare(config, context, None)
    }

    /// [`Call::prepare`] with `resend_key` as the operation's resend key (the per-call
    /// `idempotency_key`); refused for an operation that has none.
    pub fn prepare_keyed(&self, config: &AnyConfig, context: &Context, resend_key: Option<&str>) -> Result<Prepared, Error> {
        self.op.prepare(config, context, resend_key)
    }
}

/// A 429 or 503 error with the `Retry-After` it carries, in seconds.
fn with_retry_after(e: Error, response: &HttpResponse, now_unix: Option<u64>) -> Error {
    match e {
        Error::Api(mut api) if matches!(api.status, 429 | 503) => {
            api.retry_after = response
                .headers
                .get("retry-after")
                .and_then(|v| crate::retry::parse_retry_after(v, now_unix))
                .map(|ms| ms / 1000);
            Error::Api(api)
        }
        other => other,
    }
}

fn unknown_operation(id: &str) -> Error {
    Error::validation(
        ValidationCode::UnknownOperation,
        "operation",
        format!("`{id}` is not an operation kassa implements (see operations())"),
    )
}

fn not_a_request(id: &str) -> Error {
    Error::validation(
        ValidationCode::NotARequest,
        "operation",
        format!("`{id}` parses a browser redirect: call its function, there is no request to build"),
    )
}

/// A redirect parser: an id of `endpoints.tsv` that is answered by a pure function.
struct CallbackEntry {
    id: &'static str,
    provider: Provider,
    function: &'static str,
}

macro_rules! catalog {
    (operations: [$($op:ty),* $(,)?], callbacks: [$($cb_id:literal => $cb_provider:ident, $cb_fn:literal),* $(,)?]) => {
        /// Every operation that is an HTTP call, in catalog order.
        const OPERATIONS: &[OperationInfo] = &[$(<$op as Operation>::INFO),*];

        const CALLBACKS: &[CallbackEntry] =
            &[$(CallbackEntry { id: $cb_id, provider: Provider::$cb_provider, function: $cb_fn }),*];

        /// Reads `params` for operation `id` into a [`Call`]: the params' types and names are checked
        /// here, the rules that need the config when it is built.
        pub fn call<'de, D: Input<'de>>(id: &str, params: D) -> Result<Call, Error> {
            $(if id == <$op as Operation>::INFO.id {
                return Ok(Call::new(read_named::<$op, D>(ValidationCode::InvalidParams, "params", params)?));
            })*
            if CALLBACKS.iter().any(|c| c.id == id) {
                return Err(not_a_request(id));
            }
            Err(unknown_operation(id))
        }

        /// Parses the response of operation `id` (received at `now_unix`, for outputs that carry an
        /// expiry such as Billit's 5-minute window) and hands the typed output to `sink`.
        pub fn parse_response_at<S: Sink>(
            id: &str,
            response: &HttpResponse,
            now_unix: Option<u64>,
            sink: S,
        ) -> Result<S::Ok, Error> {
            $(if id == <$op as Operation>::INFO.id {
                return <$op as Operation>::parse_at(response, now_unix)
                    .map(|out| sink.emit(&out))
                    .map_err(|e| with_retry_after(e, response, now_unix));
            })*
            if CALLBACKS.iter().any(|c| c.id == id) {
                return Err(not_a_request(id));
            }
            Err(unknown_operation(id))
        }

        fn operation_labels() -> Vec<(String, String)> {
            vec![$((label::<$op>(), label::<<$op as Operation>::Output>())),*]
        }

        /// The params and output schemas of every operation and the config schema of its
        /// provider, for the generator of the typed surfaces.
        #[cfg(feature = "schema")]
        fn operation_schemas(
            inputs: &mut schemars::SchemaGenerator,
            outputs: &mut schemars::SchemaGenerator,
        ) -> Vec<crate::schema::OperationSchema> {
            vec![$(crate::schema::OperationSchema {
                info: <$op as Operation>::INFO,
                params: inputs.subschema_for::<$op>(),
                output: outputs.subschema_for::<<$op as Operation>::Output>(),
                resend_key: <$op as Operation>::RESEND_KEY_FIELD,
            }),*]
        }
    };
}

catalog! {
    operations: [
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
        digiteal::RegisterCompany,
        digiteal::GetCompanyContracts,
        digiteal::GetPersonContracts,
        digiteal::UploadKycDocument,
        digiteal::RegisterPerson,
        digiteal::ForceOptin,
        digiteal::SendPeppolDocument,
        digiteal::ListPeppolParticipants,
        digiteal::RegisterPeppolParticipant,
        digiteal::GetPeppolParticipant,
        digiteal::UnregisterPeppolParticipant,
        digiteal::GetSupportedDocumentTypes,
        digiteal::CheckPeppolRecipient,
        digiteal::B2bPayButtonExecuteUrl,
        digiteal::PayButtonExecuteUrl,
        digiteal::B2bPayButtonImageUrl,
        digiteal::PayButtonImageUrl,
        digiteal::CreatePayment,
        digiteal::CreateInvoicePayment,
        digiteal::GetSlipImage,
        digiteal::GetSlipImageInline,
        digiteal::TransferCompanySdd,
        digiteal::TransferPersonSdd,
        digiteal::CreateConfirmationBasedTransfer,
        digiteal::UpdateConfirmationBasedTransfer,
        digiteal::ExecuteTransfer,
        digiteal::CreateTimeBasedTransfer,
        digiteal::UpdateTimeBasedTransfer,
        digiteal::GetWebhookConfiguration,
        digiteal::UpsertWebhook,
        digiteal::SetWebhookConfiguration,
        digiteal::SetWebhookCredentials,
        digiteal::DeleteWebhook,
        digiteal::CompanyRegistrationLink,
        digiteal::PersonRegistrationLink,
        digiteal::QrGeneratorLink,
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
    ],
    callbacks: [
        "billit.identification.parse_callback" => Billit, "billit.parse_callback",
    ]
}

/// Every operation that is an HTTP call (requests and links), in catalog order.
pub fn operations() -> &'static [OperationInfo] {
    OPERATIONS
}

/// The catalog entry of operation `id`.
pub fn info(id: &str) -> Option<&'static OperationInfo> {
    OPERATIONS.iter().find(|op| op.id == id)
}

/// Everything the catalog holds: requests, links, callbacks, then the pure functions.
pub fn entries() -> &'static [Entry] {
    static ENTRIES: OnceLock<Vec<Entry>> = OnceLock::new();
    ENTRIES.get_or_init(|| {
        let mut out: Vec<Entry> = OPERATIONS
            .iter()
            .zip(operation_labels())
            .map(|(op, (params, output))| Entry {
                id: op.id,
                kind: op.kind,
                provider: Some(op.provider),
                method: Some(op.method),
                path: Some(op.path),
                retry_safe: op.retry_safe,
                params,
                output,
                positional: &[],
            })
            .collect();
        let functions = functions::entries();
        for cb in CALLBACKS {
            let (info, params, output) = functions
                .iter()
                .find(|(f, _, _)| f.name == cb.function)
                .unwrap_or_else(|| unreachable!("the callback's function is registered"));
            out.push(Entry {
                id: cb.id,
                kind: Kind::Callback,
                provider: Some(cb.provider),
                method: None,
                path: None,
                retry_safe: true,
                params: params.clone(),
                output: output.clone(),
                positional: info.positional,
            });
        }
        // A link builder's function has the link's id: the link entry stands for both.
        let functions = functions.into_iter().filter(|(f, _, _)| info(f.name).is_none());
        out.extend(functions.map(|(f, params, output): (&FunctionInfo, String, String)| Entry {
            id: f.name,
            kind: Kind::Function,
            provider: f.provider,
            method: None,
            path: None,
            retry_safe: true,
            params,
            output,
            positional: f.positional,
        }));
        out
    })
}

/// Builds the request of operation `id` from params and config given as any serde deserializer
/// (a Python dict, a JS object, JSON), in `context` (a multipart boundary, a token).
pub fn build_request<'p, 'c, P: Input<'p>, C: Input<'c>>(
    id: &str,
    params: P,
    config: C,
    context: &Context,
) -> Result<Prepared, Error> {
    let call = call(id, params)?;
    let config = AnyConfig::read(call.info().provider, config)?;
    call.prepare(&config, context)
}

/// [`parse_response_at`] without the time the answer arrived (expiries stay unknown).
pub fn parse_response<S: Sink>(id: &str, response: &HttpResponse, sink: S) -> Result<S::Ok, Error> {
    parse_response_at(id, response, None, sink)
}

/// The environment variables a client reads a provider's credentials and environment from when
/// they are not passed (`kassa.Digiteal()` with `KASSA_DIGITEAL_USERNAME` set): `(variable, key)`.
/// The core reads no environment itself; the bindings look these up.
pub fn env_keys(provider: Provider) -> &'static [(&'static str, &'static str)] {
    match provider {
        Provider::Digiteal => &[
            ("KASSA_DIGITEAL_USERNAME", "username"),
            ("KASSA_DIGITEAL_PASSWORD", "password"),
            ("KASSA_DIGITEAL_ENVIRONMENT", "environment"),
        ],
        Provider::Billit => &[
            ("KASSA_BILLIT_API_KEY", "api_key"),
            ("KASSA_BILLIT_ACCESS_TOKEN", "access_token"),
            ("KASSA_BILLIT_PARTY_ID", "party_id"),
            ("KASSA_BILLIT_ENVIRONMENT", "environment"),
        ],
        Provider::Solaris => &[
            ("KASSA_SOLARIS_CLIENT_ID", "client_id"),
            ("KASSA_SOLARIS_CLIENT_SECRET", "client_secret"),
            ("KASSA_SOLARIS_ACCESS_TOKEN", "access_token"),
            ("KASSA_SOLARIS_ENVIRONMENT", "environment"),
        ],
        Provider::PassportReader => &[
            ("KASSA_PASSPORTREADER_PUBLIC_KEY", "public_key"),
            ("KASSA_PASSPORTREADER_SECRET", "secret"),
        ],
    }
}

/// The function a redirect parser of `endpoints.tsv` is answered by (`billit.parse_callback` for
/// `billit.identification.parse_callback`).
pub fn callback_function(id: &str) -> Option<&'static str> {
    CALLBACKS.iter().find(|c| c.id == id).map(|c| c.function)
}

/// The schema of `provider`'s config (the keys a client or `build_request` takes).
#[cfg(feature = "schema")]
pub(crate) fn config_schema(provider: Provider, inputs: &mut schemars::SchemaGenerator) -> schemars::Schema {
    match provider {
        Provider::Digiteal => digiteal::DigitealConfig::input_schema(inputs),
        Provider::Billit => billit::BillitConfig::input_schema(inputs),
        Provider::Solaris => solaris::SolarisConfig::input_schema(inputs),
        Provider::PassportReader => passportreader::PassportReaderConfig::input_schema(inputs),
    }
}

/// The schemas of everything in the catalog, for `xtask codegen`.
#[cfg(feature = "schema")]
pub fn describe() -> crate::schema::Description {
    crate::schema::describe(operation_schemas, CALLBACKS.iter().map(|c| (c.id, c.provider, c.function)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_dispatch() {
        let mut ids: Vec<_> = entries().iter().map(|e| e.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), entries().len());
        for op in operations() {
            assert_eq!(info(op.id), Some(op));
            assert!(op.path.starts_with('/'));
        }
        let err = build_request("nope.x", serde_json::json!({}), serde_json::json!({}), &Context::default()).unwrap_err();
        assert_eq!(err.code(), "unknown_operation");
        let err = build_request("passportreader.session.get", serde_json::json!({"id": 1}), serde_json::json!(5), &Context::default()).unwrap_err();
        let Error::Validation(v) = err else { panic!() };
        assert_eq!((v.field.as_ref(), v.message.as_str()), ("config", "invalid type: integer, expected `config`, a mapping of the client's keys"));
        let err = call("billit.identification.parse_callback", serde_json::json!({})).unwrap_err();
        assert_eq!(err.code(), "not_a_request");
        assert_eq!(callback_function("billit.identification.parse_callback"), Some("billit.parse_callback"));
    }

    #[test]
    fn labels() {
        assert_eq!(type_label("alloc::vec::Vec<kassa::providers::digiteal::DocumentDetails>"), "DocumentDetails[]");
        assert_eq!(type_label("alloc::string::String"), "string");
        assert_eq!(type_label("core::option::Option<a::B>"), "B | null");
        let e = entries().iter().find(|e| e.id == "digiteal.invoices.list_documents").unwrap();
        assert_eq!((e.params.as_str(), e.output.as_str()), ("ListInvoiceDocuments", "DocumentDetails[]"));
        let f = entries().iter().find(|e| e.id == "iban.validate").unwrap();
        assert_eq!((f.kind, f.positional), (Kind::Function, &["s"][..]));
    }
}
