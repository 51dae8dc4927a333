//! The one error type of kassa. Every variant has a stable [`Error::code`] and a [`Error::kind`];
//! bindings map the kind to their exception class or `Error` and copy the code, in one place.

use std::borrow::Cow;
use std::fmt;

/// Everything that can go wrong in kassa.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The caller's input was refused before anything was sent.
    Validation(ValidationError),
    /// The provider answered with an error.
    Api(ApiError),
    /// The request could not be completed (timeout, connection, TLS, body read).
    Transport(TransportError),
    /// The provider answered with something the core cannot read.
    Decode(DecodeError),
    /// A webhook's signature does not hold.
    Signature(SignatureError),
    /// A browser redirect back from a provider reports a failure of the provider's flow.
    Callback(CallbackError),
}

impl Error {
    /// The broad kind: `"validation"`, `"api"`, `"transport"`, `"decode"`, `"signature"` or
    /// `"callback"`.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::Api(_) => "api",
            Error::Transport(_) => "transport",
            Error::Decode(_) => "decode",
            Error::Signature(_) => "signature",
            Error::Callback(_) => "callback",
        }
    }

    /// A stable, machine-readable code: the validation rule (`"invalid_params"`, ...), the
    /// provider's own error code for API errors (`"SessionNotFound"`, or `"http_<status>"` when the
    /// provider gave none), the transport failure (`"timeout"`, `"connect"`, ...), or `"decode"`.
    pub fn code(&self) -> &str {
        match self {
            Error::Validation(e) => e.code.as_str(),
            Error::Api(e) => e.code(),
            Error::Transport(e) => e.kind.code(),
            Error::Decode(_) => "decode",
            Error::Signature(e) => e.code,
            Error::Callback(e) => &e.code,
        }
    }

    /// A validation error for `field`.
    pub fn validation(
        code: ValidationCode,
        field: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        Error::Validation(ValidationError { code, field: field.into(), message: message.into() })
    }

    /// The error with every form of `secrets` scrubbed from the texts it keeps (a provider that
    /// echoes the `Authorization` header must not put the credential into `str(e)`, the
    /// provider's message or the request id). [`ApiError::body`], the raw body, is left as
    /// received: it is the provider's answer, documented as raw.
    pub fn redact(self, secrets: &crate::config::Secrets) -> Self {
        let scrub = |s: String| secrets.scrub(&s);
        match self {
            Error::Api(mut e) => {
                e.provider_code = e.provider_code.map(scrub);
                e.message = e.message.map(scrub);
                e.request_id = e.request_id.map(scrub);
                e.location = e.location.map(scrub);
                Error::Api(e)
            }
            Error::Transport(mut e) => {
                e.message = scrub(e.message);
                Error::Transport(e)
            }
            Error::Decode(mut e) => {
                e.message = scrub(e.message);
                Error::Decode(e)
            }
            Error::Validation(mut e) => {
                e.message = scrub(e.message);
                Error::Validation(e)
            }
            Error::Callback(mut e) => {
                e.code = scrub(e.code);
                e.description = e.description.map(scrub);
                Error::Callback(e)
            }
            other => other,
        }
    }

    /// A decode error at `field` (a JSON path or header name), without a byte offset.
    pub fn decode(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Decode(DecodeError { field: Some(field.into()), offset: None, message: message.into() })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => e.fmt(f),
            Error::Api(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Signature(e) => e.fmt(f),
            Error::Callback(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

/// Declares [`ValidationCode`]: every rule a [`ValidationError`] can name, with its stable string.
macro_rules! validation_codes {
    ($($(#[$doc:meta])* $variant:ident = $code:literal,)*) => {
        /// Which rule refused the input: the stable, machine-readable part of a [`ValidationError`].
        /// [`ValidationCode::as_str`] is the string every binding shows as `code`; it never changes
        /// for a variant.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ValidationCode {
            $($(#[$doc])* $variant,)*
        }

        impl ValidationCode {
            /// Every code, in declaration order.
            pub const ALL: &'static [ValidationCode] = &[$(ValidationCode::$variant),*];

            /// The stable string, e.g. `"invalid_params"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ValidationCode::$variant => $code,)*
                }
            }
        }
    };
}

validation_codes! {
    /// A param (or argument) is missing, of the wrong type, unknown, or breaks a rule of its operation.
    InvalidParams = "invalid_params",
    /// A config key is missing, of the wrong type or unknown.
    InvalidConfig = "invalid_config",
    /// A `{status, headers, body}` handed to a parser is malformed (status outside 100-599, headers not string pairs, body not bytes or text).
    InvalidResponse = "invalid_response",
    /// `base_url` (or `auth_url`) is not an absolute http(s) URL, or carries a query, fragment or credentials.
    InvalidBaseUrl = "invalid_base_url",
    /// `base_url` is plain `http://` on a host that is not loopback.
    InsecureBaseUrl = "insecure_base_url",
    /// `environment` is not one of the provider's environments.
    UnknownEnvironment = "unknown_environment",
    /// No operation has this id (or it belongs to another provider's client).
    UnknownOperation = "unknown_operation",
    /// No pure function has this name.
    UnknownFunction = "unknown_function",
    /// No provider has this name (or it has no identification flow).
    UnknownProvider = "unknown_provider",
    /// A webhook verifier was given an empty (or whitespace-only) secret: a missing environment
    /// variable must not make forged webhooks pass.
    WebhookSecretEmpty = "webhook_secret_empty",
    /// An input (a webhook body) is larger than kassa reads.
    BodyTooLarge = "body_too_large",
    /// A credential holds characters a header cannot carry (CR, LF, NUL, other controls) or is blank.
    UnsafeCredential = "unsafe_credential",
    /// A URL the provider will send the user or its calls to is not `https://` (or `http://` on a
    /// loopback host), or holds control characters.
    InsecureUrl = "insecure_url",
    /// A per-call option is unknown, of the wrong type, or cannot be used by the operation.
    InvalidOption = "invalid_option",
    /// The catalog entry is not sent as a request (a redirect parser): `build_request` cannot build it.
    NotARequest = "not_a_request",
    /// PassportReader's public key or secret is missing, lacks its prefix, or the two look swapped.
    PassportreaderCredentials = "passportreader_credentials",
    /// The Digiteal operation needs the login and password, and the config has none.
    DigitealCredentials = "digiteal_credentials",
    /// Billit needs exactly one of `api_key` and `access_token`.
    BillitCredentials = "billit_credentials",
    /// Solaris needs `client_id` with `client_secret`, or an `access_token`.
    SolarisCredentials = "solaris_credentials",
    /// A Solaris request was built without a token (the clients obtain one; sans-IO callers pass `access_token`).
    SolarisTokenRequired = "solaris_token_required",
    /// The operation exists only in the provider's sandbox.
    SandboxOnly = "sandbox_only",
    /// An identification reference is not one `identity.start` made.
    InvalidReference = "invalid_reference",
    /// The evidence is about another subject than the reference.
    IdentityMismatch = "identity_mismatch",
    /// A provider's redirect back lacks a parameter or has a malformed one.
    InvalidCallback = "invalid_callback",
    /// The EPC amount is a float or of another wrong type (amounts are decimal strings or integer cents).
    EpcAmountType = "epc_amount_type",
    /// Both `amount` and `amount_cents` were given.
    EpcAmountConflict = "epc_amount_conflict",
    /// The EPC amount is not a decimal number with at most two decimals and no separators.
    EpcAmountFormat = "epc_amount_format",
    /// The EPC amount has more than two decimals.
    EpcAmountDecimals = "epc_amount_decimals",
    /// The EPC amount is not within 0.01 to 999999999.99.
    EpcAmountRange = "epc_amount_range",
    /// The EPC payload has no amount and `allow_no_amount` is not set.
    EpcAmountMissing = "epc_amount_missing",
    /// The EPC amount is not in EUR.
    EpcAmountCurrency = "epc_amount_currency",
    /// The EPC version is not 001 or 002.
    EpcVersion = "epc_version",
    /// The EPC character set is not 1 to 8 (or one of their names).
    EpcCharset = "epc_charset",
    /// The payload's bytes are not valid in its declared character set.
    EpcCharsetMismatch = "epc_charset_mismatch",
    /// A field holds characters the chosen character set cannot encode.
    EpcCharsetUnencodable = "epc_charset_unencodable",
    /// A required EPC field (name, IBAN) is empty.
    EpcFieldMissing = "epc_field_missing",
    /// An EPC field is longer than the standard allows.
    EpcFieldTooLong = "epc_field_too_long",
    /// The EPC payload is longer than 331 bytes.
    EpcTooLong = "epc_too_long",
    /// The EPC payload has more lines than the standard defines.
    EpcTooManyLines = "epc_too_many_lines",
    /// The EPC payload ends with a line separator where the standard allows none.
    EpcTrailingSeparator = "epc_trailing_separator",
    /// The EPC payload mixes line endings.
    EpcLineEndings = "epc_line_endings",
    /// An EPC field holds a control or otherwise forbidden character.
    EpcInvalidCharacter = "epc_invalid_character",
    /// Version 001 (or a non-EEA IBAN) needs a BIC.
    EpcBicRequired = "epc_bic_required",
    /// The purpose code is not 4 capital letters or digits.
    EpcPurpose = "epc_purpose",
    /// The structured reference is neither an RF reference nor a Belgian OGM/VCS.
    EpcReferenceFormat = "epc_reference_format",
    /// A payload has both a structured reference and unstructured text.
    EpcReferenceAndText = "epc_reference_and_text",
    /// The payload does not start with `BCD`.
    EpcServiceTag = "epc_service_tag",
    /// The identification line is not `SCT`.
    EpcIdentification = "epc_identification",
    /// The QR module size is not a small positive integer.
    QrModulePx = "qr_module_px",
    /// The QR quiet zone is not a small non-negative integer.
    QrBorder = "qr_border",
    /// The payload could not be rendered as a QR code.
    QrRender = "qr_render",
    /// The IBAN has characters other than letters and digits, or is empty.
    IbanFormat = "iban_format",
    /// The IBAN's country is not in the IBAN registry.
    IbanCountry = "iban_country",
    /// The IBAN is not as long as its country's IBANs.
    IbanLength = "iban_length",
    /// The IBAN's account part does not have its country's structure.
    IbanBban = "iban_bban",
    /// The IBAN's ISO 13616 check digits do not match.
    IbanChecksum = "iban_checksum",
    /// The IBAN's national check digits (inside the account number) do not match: a mistyped account.
    IbanNationalChecksum = "iban_national_checksum",
    /// The BIC is not 4 letters, 2 letters, 2 letters or digits, and optionally 3 more.
    BicFormat = "bic_format",
    /// The BIC is not 8 or 11 characters long.
    BicLength = "bic_length",
    /// The BIC's country code is not an ISO 3166 country.
    BicCountry = "bic_country",
    /// The Belgian structured communication does not have 12 digits in a known form.
    OgmFormat = "ogm_format",
    /// The Belgian structured communication's check digits (mod 97) do not match.
    OgmChecksum = "ogm_checksum",
    /// The base of a structured communication is not a whole number of at most 10 digits.
    OgmBase = "ogm_base",
    /// The RF creditor reference has characters other than letters and digits, or lacks `RF`.
    RfFormat = "rf_format",
    /// The RF creditor reference is not 5 to 25 characters long.
    RfLength = "rf_length",
    /// The RF creditor reference's check digits do not match.
    RfChecksum = "rf_checksum",
    /// The Belgian enterprise or VAT number does not have 10 digits (or the old 9).
    BeNumberFormat = "be_number_format",
    /// The Belgian enterprise or VAT number's check digits (mod 97) do not match.
    BeNumberChecksum = "be_number_checksum",
    /// The PEPPOL participant id is not `scheme:value`.
    PeppolFormat = "peppol_format",
    /// The PEPPOL participant id's scheme is not in the code list.
    PeppolScheme = "peppol_scheme",
    /// The PEPPOL participant id's scheme was removed from the code list.
    PeppolSchemeRemoved = "peppol_scheme_removed",
    /// The PEPPOL participant id is longer than the policy allows.
    PeppolTooLong = "peppol_too_long",
}

impl fmt::Display for ValidationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Input refused before anything was sent: which field, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The rule that failed; [`ValidationCode::as_str`] is its stable string (`"invalid_params"`).
    pub code: ValidationCode,
    /// The field, as the caller named it (`"secret"`, `"id"`, `"base_url"`).
    pub field: Cow<'static, str>,
    /// What is wrong, in words. Never contains a secret's value.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid `{}`: {}", self.field, self.message)
    }
}

/// An error answer from the provider.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The provider's own error code (`error_name`, `errorCode`, ...), when it gave one.
    pub provider_code: Option<String>,
    /// The provider's message, when it gave one.
    pub message: Option<String>,
    /// The request id (from the body or a response header), when there is one.
    pub request_id: Option<String>,
    /// Where a redirect (3xx) points: the `Location` header. kassa follows no redirect.
    pub location: Option<String>,
    /// How long the provider asks to wait before trying again (`Retry-After` of a 429 or 503), in
    /// seconds, when it said.
    pub retry_after: Option<u64>,
    /// The raw response body, kept whole and as received: unlike the texts above it is not
    /// scrubbed of secrets a provider may echo, so never log it.
    pub body: Vec<u8>,
}

impl ApiError {
    /// The `Location` of a redirect answer (3xx), for [`ApiError::location`].
    pub fn location_of(response: &crate::http::HttpResponse) -> Option<String> {
        if (300..400).contains(&response.status) {
            response.headers.get("location").map(str::to_owned)
        } else {
            None
        }
    }

    /// What kind of refusal the status is, for the error classes users catch
    /// (`kassa.NotFoundError`, ...).
    pub fn category(&self) -> ApiCategory {
        match self.status {
            300..=399 => ApiCategory::Redirect,
            400 | 422 => ApiCategory::BadRequest,
            401 => ApiCategory::Authentication,
            402 | 403 => ApiCategory::PermissionDenied,
            404 | 410 => ApiCategory::NotFound,
            409 => ApiCategory::Conflict,
            429 => ApiCategory::RateLimit,
            500..=599 => ApiCategory::Server,
            _ => ApiCategory::Other,
        }
    }

    /// The provider's code, or `http_<status>` when the provider gave none.
    pub fn code(&self) -> &str {
        match &self.provider_code {
            Some(code) => code,
            None => http_status_code(self.status),
        }
    }
}

/// `"http_<status>"` as a static string for the statuses providers use, `"http_error"` otherwise.
fn http_status_code(status: u16) -> &'static str {
    match status {
        400 => "http_400",
        401 => "http_401",
        403 => "http_403",
        404 => "http_404",
        405 => "http_405",
        409 => "http_409",
        410 => "http_410",
        415 => "http_415",
        422 => "http_422",
        429 => "http_429",
        500 => "http_500",
        502 => "http_502",
        503 => "http_503",
        504 => "http_504",
        _ => "http_error",
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("provider_code", &self.provider_code)
            .field("message", &self.message)
            .field("request_id", &self.request_id)
            .field("location", &self.location)
            .field("retry_after", &self.retry_after)
            .field("body_len", &self.body.len())
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {} {}", self.status, self.code())?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        if let Some(location) = &self.location {
            write!(f, " (redirect to {location}, not followed)")?;
        }
        Ok(())
    }
}

/// The kind of an [`ApiError`], by status: what the bindings' error subclasses stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiCategory {
    /// 3xx: a redirect kassa does not follow (see [`ApiError::location`]).
    Redirect,
    /// 400, 422: the request was refused as malformed or invalid.
    BadRequest,
    /// 401: the credentials were refused.
    Authentication,
    /// 402, 403: the credentials may not do this.
    PermissionDenied,
    /// 404, 410: nothing there.
    NotFound,
    /// 409: it conflicts with what exists.
    Conflict,
    /// 429: too many requests; see [`ApiError::retry_after`].
    RateLimit,
    /// 5xx: the provider failed.
    Server,
    /// Any other status.
    Other,
}

impl ApiCategory {
    /// A stable name: `redirect`, `bad_request`, `authentication`, `permission_denied`,
    /// `not_found`, `conflict`, `rate_limit`, `server` or `other`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiCategory::Redirect => "redirect",
            ApiCategory::BadRequest => "bad_request",
            ApiCategory::Authentication => "authentication",
            ApiCategory::PermissionDenied => "permission_denied",
            ApiCategory::NotFound => "not_found",
            ApiCategory::Conflict => "conflict",
            ApiCategory::RateLimit => "rate_limit",
            ApiCategory::Server => "server",
            ApiCategory::Other => "other",
        }
    }

    /// The name of the `ApiError` subclass every binding raises for this category
    /// (`NotFoundError`, `RateLimitError`, ...; `ApiError` itself for redirects and other
    /// statuses): one table for Python and JavaScript.
    pub const fn error_class(self) -> &'static str {
        match self {
            ApiCategory::BadRequest => "BadRequestError",
            ApiCategory::Authentication => "AuthenticationError",
            ApiCategory::PermissionDenied => "PermissionDeniedError",
            ApiCategory::NotFound => "NotFoundError",
            ApiCategory::Conflict => "ConflictError",
            ApiCategory::RateLimit => "RateLimitError",
            ApiCategory::Server => "ServerError",
            ApiCategory::Redirect | ApiCategory::Other => "ApiError",
        }
    }
}

/// Why a request could not be completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportKind {
    /// No complete answer within the timeout.
    Timeout,
    /// The connection could not be made (the request was never sent).
    Connect,
    /// The TLS handshake failed.
    Tls,
    /// The response body could not be read.
    Body,
    /// The response body is longer than the client's limit (`max_response_bytes`); reading stopped.
    BodyTooLarge,
    /// The call's deadline (all attempts together) passed.
    DeadlineExceeded,
    /// The request may have reached the provider and acted (a timeout or a broken connection
    /// after it was sent) and the operation is not safe to resend: the error says what to look up
    /// before trying again.
    OutcomeUnknown,
    /// The client was closed (its connection pool released) before the call: nothing was sent.
    Closed,
    /// Any other failure of the HTTP client.
    Other,
}

impl TransportKind {
    /// The stable code: `"timeout"`, `"connect"`, `"tls"`, `"body"`, `"body_too_large"`,
    /// `"deadline_exceeded"`, `"outcome_unknown"`, `"client_closed"` or `"transport"`.
    pub const fn code(self) -> &'static str {
        match self {
            TransportKind::Timeout => "timeout",
            TransportKind::Connect => "connect",
            TransportKind::Tls => "tls",
            TransportKind::Body => "body",
            TransportKind::BodyTooLarge => "body_too_large",
            TransportKind::DeadlineExceeded => "deadline_exceeded",
            TransportKind::OutcomeUnknown => "outcome_unknown",
            TransportKind::Closed => "client_closed",
            TransportKind::Other => "transport",
        }
    }
}

/// A failed exchange.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    /// What failed.
    pub kind: TransportKind,
    /// The HTTP client's description (no credentials: URLs never carry them).
    pub message: String,
}

impl TransportError {
    /// A transport error of `kind`.
    pub fn new(kind: TransportKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into() }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error ({}): {}", self.kind.code(), self.message)
    }
}

impl From<TransportError> for Error {
    fn from(e: TransportError) -> Self {
        Error::Transport(e)
    }
}

/// An answer the core could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// Where: a JSON path (`"id"`, `"sessions[0].state"`) or a header name.
    pub field: Option<String>,
    /// The byte offset in the body of a syntax error (not valid JSON); a value of the wrong
    /// type or shape is named by `field` instead.
    pub offset: Option<usize>,
    /// What was wrong.
    pub message: String,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot decode the response")?;
        if let Some(field) = &self.field {
            write!(f, " at `{field}`")?;
        }
        if let Some(offset) = self.offset {
            write!(f, " (byte {offset})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a webhook signature was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureError {
    /// `"signature_mismatch"`, `"timestamp_too_old"`, `"timestamp_in_future"` or
    /// `"malformed_signature"`.
    pub code: &'static str,
    /// What was wrong. Never contains the secret or the expected signature.
    pub message: String,
}

impl fmt::Display for SignatureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "webhook signature refused ({}): {}", self.code, self.message)
    }
}

/// A failure reported by a provider's redirect back to the application (e.g. itsme's error page).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallbackError {
    /// The provider's error code (e.g. itsme's `error=invalid_redirect`).
    pub code: String,
    /// The provider's description, when it gave one.
    pub description: Option<String>,
}

impl fmt::Display for CallbackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the provider's flow failed ({})", self.code)?;
        if let Some(d) = &self.description {
            write!(f, ": {d}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        let v = Error::validation(ValidationCode::InvalidParams, "id", "expected an integer");
        assert_eq!((v.kind(), v.code()), ("validation", "invalid_params"));
        assert_eq!(v.to_string(), "invalid `id`: expected an integer");
        let api = Error::Api(ApiError {
            status: 404,
            provider_code: Some("SessionNotFound".into()),
            message: Some("No session".into()),
            request_id: None,
            location: None,
            retry_after: None,
            body: vec![],
        });
        assert_eq!((api.kind(), api.code()), ("api", "SessionNotFound"));
        let bare = ApiError { status: 418, provider_code: None, message: None, request_id: None, location: None, retry_after: None, body: vec![] };
        assert_eq!(bare.code(), "http_error");
        let t: Error = TransportError::new(TransportKind::Timeout, "60 s").into();
        assert_eq!((t.kind(), t.code()), ("transport", "timeout"));
        assert_eq!(Error::decode("id", "missing").code(), "decode");
    }
}
