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
            Error::Validation(e) => e.code,
            Error::Api(e) => e.code(),
            Error::Transport(e) => e.kind.code(),
            Error::Decode(_) => "decode",
            Error::Signature(e) => e.code,
            Error::Callback(e) => &e.code,
        }
    }

    /// A validation error for `field`.
    pub fn validation(
        code: &'static str,
        field: impl Into<Cow<'static, str>>,
        message: impl Into<String>,
    ) -> Self {
        Error::Validation(ValidationError { code, field: field.into(), message: message.into() })
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

/// Input refused before anything was sent: which field, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// The stable code of the rule that failed, e.g. `"invalid_params"`, `"insecure_base_url"`.
    pub code: &'static str,
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
    /// The raw response body, kept whole.
    pub body: Vec<u8>,
}

impl ApiError {
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
        Ok(())
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
    /// Any other failure of the HTTP client.
    Other,
}

impl TransportKind {
    /// The stable code: `"timeout"`, `"connect"`, `"tls"`, `"body"` or `"transport"`.
    pub const fn code(self) -> &'static str {
        match self {
            TransportKind::Timeout => "timeout",
            TransportKind::Connect => "connect",
            TransportKind::Tls => "tls",
            TransportKind::Body => "body",
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
    /// The byte offset in the body, when known.
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
        let v = Error::validation("invalid_params", "id", "expected an integer");
        assert_eq!((v.kind(), v.code()), ("validation", "invalid_params"));
        assert_eq!(v.to_string(), "invalid `id`: expected an integer");
        let api = Error::Api(ApiError {
            status: 404,
            provider_code: Some("SessionNotFound".into()),
            message: Some("No session".into()),
            request_id: None,
            body: vec![],
        });
        assert_eq!((api.kind(), api.code()), ("api", "SessionNotFound"));
        let bare = ApiError { status: 418, provider_code: None, message: None, request_id: None, body: vec![] };
        assert_eq!(bare.code(), "http_error");
        let t: Error = TransportError::new(TransportKind::Timeout, "60 s").into();
        assert_eq!((t.kind(), t.code()), ("transport", "timeout"));
        assert_eq!(Error::decode("id", "missing").code(), "decode");
    }
}
