//! What the Digiteal operations share: the enums and small types several schemas use, the
//! request builders (auth, `Accept`, `correlation-id`), the multipart uploads, and the readers of
//! Digiteal's answers (JSON, images, EPC text, headers, Spring's `ResponseEntity`).

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::config::DigitealConfig;
use super::errors::api_error;
use super::multipart::{self, Part};
use super::rules::{self, invalid, Query};
use crate::epc::{self, Mode};
use crate::error::Error;
use crate::http::{Headers, HttpRequest, HttpResponse, Method};
use crate::operation::{Kind, OperationInfo, Provider};
use crate::wire::{as_bytes, from_json, string_enum, to_json, Bytes};

string_enum! {
    /// `format`: the image Digiteal answers with. `QR_TEXT` and `NONE` answer the EPC payload as
    /// text instead of an image.
    pub enum ImageFormat {
        /// A full payment slip.
        PaymentSlip = "PAYMENT_SLIP",
        /// A payment slip with the QR code.
        PaymentSlipWithQr = "PAYMENT_SLIP_WITH_QR",
        /// The QR code alone (the default of invoices and credit notes).
        Qr = "QR",
        /// The QR code with the Belgian (Digiteal) frame.
        QrBe = "QR_BE",
        /// The QR code with an explanation.
        QrExplained = "QR_EXPLAINED",
        /// A payment slip with a banner.
        PaymentSlipWithBanner = "PAYMENT_SLIP_WITH_BANNER",
        /// The banner alone.
        Banner = "BANNER",
        /// No image: the EPC payload as text.
        QrText = "QR_TEXT",
        /// No image: the seed says the body is then the QR code's text content.
        None = "NONE",
    }
}

string_enum! {
    /// A language: `NL`, `FR`, `EN` or `DE` (the guide's examples also write them in lower case,
    /// which kassa accepts and sends as given).
    pub enum Language {
        /// Dutch.
        Nl = "NL",
        /// French.
        Fr = "FR",
        /// English.
        En = "EN",
        /// German.
        De = "DE",
    }
}

string_enum! {
    /// `statusCode` of Spring's `ResponseEntity` wrapper: the names of the HTTP statuses.
    pub enum HttpStatusName {
        /// 100
        Continue = "CONTINUE",
        /// 101
        SwitchingProtocols = "SWITCHING_PROTOCOLS",
        /// 102
        Processing = "PROCESSING",
        /// 103
        Checkpoint = "CHECKPOINT",
        /// 200
        Ok = "OK",
        /// 201
        Created = "CREATED",
        /// 202
        Accepted = "ACCEPTED",
        /// 203
        NonAuthoritativeInformation = "NON_AUTHORITATIVE_INFORMATION",
        /// 204
        NoContent = "NO_CONTENT",
        /// 205
        ResetContent = "RESET_CONTENT",
        /// 206
        PartialContent = "PARTIAL_CONTENT",
        /// 207
        MultiStatus = "MULTI_STATUS",
        /// 208
        AlreadyReported = "ALREADY_REPORTED",
        /// 226
        ImUsed = "IM_USED",
        /// 300
        MultipleChoices = "MULTIPLE_CHOICES",
        /// 301
        MovedPermanently = "MOVED_PERMANENTLY",
        /// 302
        Found = "FOUND",
        /// 302
        MovedTemporarily = "MOVED_TEMPORARILY",
        /// 303
        SeeOther = "SEE_OTHER",
        /// 304
        NotModified = "NOT_MODIFIED",
        /// 305
        UseProxy = "USE_PROXY",
        /// 307
        TemporaryRedirect = "TEMPORARY_REDIRECT",
        /// 308
        PermanentRedirect = "PERMANENT_REDIRECT",
        /// 400
        BadRequest = "BAD_REQUEST",
        /// 401
        Unauthorized = "UNAUTHORIZED",
        /// 402
        PaymentRequired = "PAYMENT_REQUIRED",
        /// 403
        Forbidden = "FORBIDDEN",
        /// 404
        NotFound = "NOT_FOUND",
        /// 405
        MethodNotAllowed = "METHOD_NOT_ALLOWED",
        /// 406
        NotAcceptable = "NOT_ACCEPTABLE",
        /// 407
        ProxyAuthenticationRequired = "PROXY_AUTHENTICATION_REQUIRED",
        /// 408
        RequestTimeout = "REQUEST_TIMEOUT",
        /// 409
        Conflict = "CONFLICT",
        /// 410
        Gone = "GONE",
        /// 411
        LengthRequired = "LENGTH_REQUIRED",
        /// 412
        PreconditionFailed = "PRECONDITION_FAILED",
        /// 413
        PayloadTooLarge = "PAYLOAD_TOO_LARGE",
        /// 413
        RequestEntityTooLarge = "REQUEST_ENTITY_TOO_LARGE",
        /// 414
        UriTooLong = "URI_TOO_LONG",
        /// 414
        RequestUriTooLong = "REQUEST_URI_TOO_LONG",
        /// 415
        UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE",
        /// 416
        RequestedRangeNotSatisfiable = "REQUESTED_RANGE_NOT_SATISFIABLE",
        /// 417
        ExpectationFailed = "EXPECTATION_FAILED",
        /// 418
        IAmATeapot = "I_AM_A_TEAPOT",
        /// 419
        InsufficientSpaceOnResource = "INSUFFICIENT_SPACE_ON_RESOURCE",
        /// 420
        MethodFailure = "METHOD_FAILURE",
        /// 421
        DestinationLocked = "DESTINATION_LOCKED",
        /// 422
        UnprocessableEntity = "UNPROCESSABLE_ENTITY",
        /// 423
        Locked = "LOCKED",
        /// 424
        FailedDependency = "FAILED_DEPENDENCY",
        /// 426
        UpgradeRequired = "UPGRADE_REQUIRED",
        /// 428
        PreconditionRequired = "PRECONDITION_REQUIRED",
        /// 429
        TooManyRequests = "TOO_MANY_REQUESTS",
        /// 431
        RequestHeaderFieldsTooLarge = "REQUEST_HEADER_FIELDS_TOO_LARGE",
        /// 451
        UnavailableForLegalReasons = "UNAVAILABLE_FOR_LEGAL_REASONS",
        /// 500
        InternalServerError = "INTERNAL_SERVER_ERROR",
        /// 501
        NotImplemented = "NOT_IMPLEMENTED",
        /// 502
        BadGateway = "BAD_GATEWAY",
        /// 503
        ServiceUnavailable = "SERVICE_UNAVAILABLE",
        /// 504
        GatewayTimeout = "GATEWAY_TIMEOUT",
        /// 505
        HttpVersionNotSupported = "HTTP_VERSION_NOT_SUPPORTED",
        /// 506
        VariantAlsoNegotiates = "VARIANT_ALSO_NEGOTIATES",
        /// 507
        InsufficientStorage = "INSUFFICIENT_STORAGE",
        /// 508
        LoopDetected = "LOOP_DETECTED",
        /// 509
        BandwidthLimitExceeded = "BANDWIDTH_LIMIT_EXCEEDED",
        /// 510
        NotExtended = "NOT_EXTENDED",
        /// 511
        NetworkAuthenticationRequired = "NETWORK_AUTHENTICATION_REQUIRED",
    }
}

/// A field the seed types `string` but whose examples send a number (`customerAddressNumber: 14`,
/// `customerAddressZip: 1000`): sent the way the caller gives it, so `14` stays a number and
/// `"14A"` or `"1012 AB"` stay text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum NumberOrText {
    /// A whole number, sent as a JSON number.
    Number(i64),
    /// Text, sent as a JSON string.
    Text(String),
}

impl fmt::Display for NumberOrText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberOrText::Number(n) => write!(f, "{n}"),
            NumberOrText::Text(s) => f.write_str(s),
        }
    }
}

/// Spring's `ResponseEntity` wrapper, which the seed shows as the 200 body of the uploads, the
/// opt-in and the pay buttons (the guide says those bodies are empty; kassa reads either).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct ResponseEntity {
    /// The wrapped body, as sent.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
    /// The status name (`OK`, ...).
    #[serde(default)]
    pub status_code: Option<HttpStatusName>,
    /// The status number.
    #[serde(default)]
    pub status_code_value: Option<i64>,
}

/// An image Digiteal answered with: its bytes and media type (`image/png`, `image/svg+xml`).
#[derive(Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Image {
    /// The media type, from `Content-Type` or, when that says nothing, from the bytes.
    pub media_type: String,
    /// The image bytes (serialised as bytes: Python `bytes`, JS `Uint8Array`).
    #[serde(serialize_with = "as_bytes")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::wire::Bytes"))]
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Image").field("media_type", &self.media_type).field("bytes", &self.bytes.len()).finish()
    }
}

/// An EPC payload read back from a `QR_TEXT` / `NONE` answer (leniently): the shape of kassa's
/// `epc.parse` result, plus `amount_cents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EpcPayment {
    /// `"001"` or `"002"`.
    pub version: String,
    /// The character set, 1 to 8.
    pub charset: u64,
    /// Always `SCT`.
    pub identification: String,
    /// BIC.
    pub bic: Option<String>,
    /// Beneficiary name.
    pub name: String,
    /// IBAN (electronic form).
    pub iban: String,
    /// The amount as a decimal string with two decimals (`"12.34"`).
    pub amount: Option<String>,
    /// The amount in cents.
    pub amount_cents: Option<u64>,
    /// Purpose code.
    pub purpose: Option<String>,
    /// Structured reference.
    pub reference: Option<String>,
    /// Unstructured text.
    pub text: Option<String>,
    /// Beneficiary to originator information.
    pub information: Option<String>,
    /// What lenient parsing tolerated.
    pub tolerated: Vec<EpcProblem>,
}

/// A deviation tolerated, or the reason a payload could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EpcProblem {
    /// A stable code (`trailing_newline`, `iban_checksum`, ...).
    pub code: String,
    /// The field it concerns.
    pub field: Option<String>,
    /// What was found, in words.
    pub message: String,
}

/// The answer of the four document uploads: the document's `uuid` header, the credit-note
/// upload's `status` header, and the `ResponseEntity` body when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DocumentUploaded {
    /// The `uuid` header: the uploaded document's id.
    pub uuid: String,
    /// The `status` header ("status of the request"), when sent.
    pub status: Option<String>,
    /// The body, when it is a `ResponseEntity` (the guide says it is empty).
    pub response_entity: Option<ResponseEntity>,
}

/// GETs and the idempotent opt-in are safe to repeat; creations are not (see the module docs).
pub(crate) const fn info(id: &'static str, method: Method, path: &'static str, retry_safe: bool) -> OperationInfo {
    OperationInfo::request(id, Provider::Digiteal, method, path, retry_safe)
}

/// What a request carries besides its method and URL.
pub(crate) struct Send<'a> {
    pub(crate) auth: bool,
    pub(crate) accept: &'static str,
    pub(crate) correlation_id: Option<&'a str>,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Vec<u8>,
}

pub(crate) fn request(config: &DigitealConfig, method: Method, url: String, send: Send<'_>) -> Result<HttpRequest, Error> {
    rules::header_text(send.correlation_id, "correlationId")?;
    let mut headers = Headers::new();
    if send.auth {
        headers.append("Authorization", config.authorization()?);
    }
    if let Some(ct) = send.content_type {
        headers.append("Content-Type", ct);
    }
    headers.append("Accept", send.accept);
    if let Some(id) = send.correlation_id {
        headers.append("correlation-id", id);
    }
    Ok(HttpRequest { method, url, headers, body: send.body })
}

pub(crate) fn json_post<T: serde::Serialize>(
    config: &DigitealConfig,
    path: &str,
    body: &T,
    accept: &'static str,
    correlation_id: Option<&str>,
    query: Query,
) -> Result<HttpRequest, Error> {
    let url = query.append_to(config.base_url().join(path));
    let send = Send {
        auth: true,
        accept,
        correlation_id,
        content_type: Some("application/json".to_owned()),
        body: to_json(body)?,
    };
    request(config, Method::Post, url, send)
}

pub(crate) fn get(
    config: &DigitealConfig,
    path: &str,
    query: Query,
    auth: bool,
    accept: &'static str,
    correlation_id: Option<&str>,
) -> Result<HttpRequest, Error> {
    let url = query.append_to(config.base_url().join(path));
    request(config, Method::Get, url, Send { auth, accept, correlation_id, content_type: None, body: Vec::new() })
}

/// Refuses a value that is not one of `known` (compared without case: the guide's examples write
/// `format=qr`, `language=en`); the value is sent as given.
pub(crate) fn one_of(value: Option<&str>, known: &[&str], field: impl Into<Cow<'static, str>>) -> Result<(), Error> {
    match value {
        Some(v) if !known.iter().any(|k| k.eq_ignore_ascii_case(v)) => {
            Err(invalid(field, format!("`{v}` is not one of {}", known.join(", "))))
        }
        _ => Ok(()),
    }
}

pub(crate) fn languages(
    language: Option<&Language>,
    secondary: Option<&Language>,
    list: Option<&Vec<Language>>,
) -> Result<(), Error> {
    one_of(language.map(Language::as_str), Language::KNOWN, "language")?;
    one_of(secondary.map(Language::as_str), Language::KNOWN, "secondaryLanguage")?;
    for (i, l) in list.into_iter().flatten().enumerate() {
        one_of(Some(l.as_str()), Language::KNOWN, format!("languages[{i}]"))?;
    }
    Ok(())
}

macro_rules! upload {
    (
        $(#[$meta:meta])*
        $name:ident { $(#[$idmeta:meta])* $id:ident = $wire:literal }, $op:literal, $path:literal
    ) => {
        $(#[$meta])*
        ///
        /// A `multipart/form-data` upload of the caller's bytes. `fileName`, `mediaType` (default
        /// `application/pdf`), `boundary` and `correlationId` are not form fields: they shape the
        /// file part, the body and the `correlation-id` header.
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        pub struct $name {
            $(#[$idmeta])*
            #[serde(rename = $wire)]
            pub $id: String,
            /// The document's name, which Digiteal shows.
            #[serde(default)]
            pub name: Option<String>,
            /// A comment on the document.
            #[serde(default)]
            pub comment: Option<String>,
            /// Only when calling as an integrator: the requester's id.
            #[serde(default, rename = "requesterID")]
            pub requester_id: Option<i64>,
            /// The document's bytes (or text, sent as UTF-8).
            pub document: $crate::wire::Bytes,
            /// The file name of the file part; `name`, else `document.pdf`, by default.
            #[serde(default, alias = "file_name")]
            pub file_name: Option<String>,
            /// The media type of the file part; `application/pdf` by default.
            #[serde(default, alias = "media_type")]
            pub media_type: Option<String>,
            /// The multipart boundary; a random one when not given (drawn by the client or the
            /// binding's `build_request`: the core draws none).
            #[serde(default)]
            pub boundary: Option<String>,
            /// The `correlation-id` request header.
            #[serde(default, alias = "correlation_id", alias = "correlation-id")]
            pub correlation_id: Option<String>,
        }

        impl $crate::operation::Operation for $name {
            const INFO: $crate::operation::OperationInfo =
                $crate::providers::digiteal::common::info($op, $crate::http::Method::Post, $path, false);
            type Config = $crate::providers::digiteal::DigitealConfig;
            type Output = $crate::providers::digiteal::DocumentUploaded;

            fn build(
                &self,
                config: &$crate::providers::digiteal::DigitealConfig,
            ) -> Result<$crate::http::HttpRequest, $crate::error::Error> {
                let id = $crate::providers::digiteal::rules::required(Some(self.$id.as_str()), $wire)?;
                let upload = $crate::providers::digiteal::common::Upload {
                    id: ($wire, id),
                    name: self.name.as_deref(),
                    comment: self.comment.as_deref(),
                    requester_id: self.requester_id,
                    document: &self.document,
                    file_name: self.file_name.as_deref(),
                    media_type: self.media_type.as_deref(),
                    boundary: self.boundary.as_deref(),
                    correlation_id: self.correlation_id.as_deref(),
                };
                upload.build(config, $path)
            }

            fn parse(
                response: &$crate::http::HttpResponse,
            ) -> Result<$crate::providers::digiteal::DocumentUploaded, $crate::error::Error> {
                $crate::providers::digiteal::common::parse_uploaded(response)
            }

            fn completed(&self, context: &$crate::operation::Context) -> std::borrow::Cow<'_, Self> {
                match (&self.boundary, &context.boundary) {
                    (None, Some(boundary)) => std::borrow::Cow::Owned($name { boundary: Some(boundary.clone()), ..self.clone() }),
                    _ => std::borrow::Cow::Borrowed(self),
                }
            }
        }
    };
}
pub(crate) use upload;

/// The form fields and file of one upload.
pub(crate) struct Upload<'a> {
    pub(crate) id: (&'static str, &'a str),
    pub(crate) name: Option<&'a str>,
    pub(crate) comment: Option<&'a str>,
    pub(crate) requester_id: Option<i64>,
    pub(crate) document: &'a Bytes,
    pub(crate) file_name: Option<&'a str>,
    pub(crate) media_type: Option<&'a str>,
    pub(crate) boundary: Option<&'a str>,
    pub(crate) correlation_id: Option<&'a str>,
}

impl Upload<'_> {
    pub(crate) fn build(&self, config: &DigitealConfig, path: &str) -> Result<HttpRequest, Error> {
        let document = self.document;
        if document.0.is_empty() {
            return Err(invalid("document", "the document is empty"));
        }
        let boundary = boundary_of(self.boundary)?;
        rules::not_blank(self.name, "name")?;
        rules::header_text(self.file_name, "fileName")?;
        rules::header_text(self.media_type, "mediaType")?;
        rules::positive_id(self.requester_id, "requesterID")?;
        let requester_id = self.requester_id.map(|id| id.to_string());
        let file_name = self.file_name.or(self.name).unwrap_or("document.pdf");
        let media_type = self.media_type.unwrap_or("application/pdf");
        let mut parts = vec![Part::text(self.id.0, self.id.1)];
        if let Some(name) = self.name {
            parts.push(Part::text("name", name));
        }
        if let Some(comment) = self.comment {
            parts.push(Part::text("comment", comment));
        }
        if let Some(id) = &requester_id {
            parts.push(Part::text("requesterID", id));
        }
        parts.push(Part::file("document", file_name, media_type, &document.0));
        form_post(config, path, boundary, &parts, "*/*", self.correlation_id)
    }
}

/// `POST path` of a `multipart/form-data` body made of `parts` with `boundary`, authenticated.
pub(crate) fn form_post(
    config: &DigitealConfig,
    path: &str,
    boundary: &str,
    parts: &[Part<'_>],
    accept: &'static str,
    correlation_id: Option<&str>,
) -> Result<HttpRequest, Error> {
    let form = multipart::build(boundary, parts)?;
    let send = Send { auth: true, accept, correlation_id, content_type: Some(form.content_type), body: form.body };
    request(config, Method::Post, config.base_url().join(path), send)
}

/// The boundary an upload is built with: the params' own, else the one the SDK drew
/// ([`Context::boundary`](crate::operation::Context)); the core draws none.
pub(crate) fn boundary_of(own: Option<&str>) -> Result<&str, Error> {
    own.ok_or_else(|| {
        invalid("boundary", "`boundary` is required: the core draws no random numbers (the bindings pass one)")
    })
}

/// A JSON body sent with `method` to `path` (below the API base URL), authenticated.
pub(crate) fn json_send<T: serde::Serialize>(
    config: &DigitealConfig,
    method: Method,
    path: &str,
    body: &T,
    accept: &'static str,
    correlation_id: Option<&str>,
) -> Result<HttpRequest, Error> {
    let send = Send {
        auth: true,
        accept,
        correlation_id,
        content_type: Some("application/json".to_owned()),
        body: to_json(body)?,
    };
    request(config, method, config.base_url().join(path), send)
}

/// A request without a body (`GET`, `DELETE`) to `path`, authenticated.
pub(crate) fn bodiless(
    config: &DigitealConfig,
    method: Method,
    path: &str,
    accept: &'static str,
    correlation_id: Option<&str>,
) -> Result<HttpRequest, Error> {
    let send = Send { auth: true, accept, correlation_id, content_type: None, body: Vec::new() };
    request(config, method, config.base_url().join(path), send)
}

/// The answer of an operation whose success has no body (the trusted-payment updates and
/// execution, the webhook configuration): `null`, whatever a 2xx body holds; an error status is
/// an [`Error::Api`].
pub(crate) fn parse_empty(response: &HttpResponse) -> Result<(), Error> {
    if response.is_success() {
        Ok(())
    } else {
        Err(Error::Api(api_error(response)))
    }
}

pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    if response.is_success() {
        from_json(&response.body)
    } else {
        Err(Error::Api(api_error(response)))
    }
}

pub(crate) fn blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// A header's value, trimmed; `None` when absent or empty.
pub(crate) fn header(response: &HttpResponse, name: &str) -> Option<String> {
    response.headers.get(name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

pub(crate) fn required_header(response: &HttpResponse, name: &'static str) -> Result<String, Error> {
    header(response, name).ok_or_else(|| Error::decode(name, format!("the answer lacks the `{name}` header")))
}

/// The `status` header of the QR images: `0` OK, `1` not OK.
pub(crate) fn status_header(response: &HttpResponse) -> (Option<String>, Option<bool>) {
    let status = header(response, "status");
    let ok = match status.as_deref() {
        Some("0") => Some(true),
        Some("1") => Some(false),
        _ => None,
    };
    (status, ok)
}

/// A 2xx body that is a `ResponseEntity`; an empty body (what the guide documents) or any other
/// body is `None`: the result of these calls is in their status and headers.
pub(crate) fn response_entity(body: &[u8]) -> Option<ResponseEntity> {
    if blank(body) {
        return None;
    }
    serde_json::from_slice::<ResponseEntity>(body).ok()
}

pub(crate) fn parse_uploaded(response: &HttpResponse) -> Result<DocumentUploaded, Error> {
    if !response.is_success() {
        return Err(Error::Api(api_error(response)));
    }
    Ok(DocumentUploaded {
        uuid: required_header(response, "uuid")?,
        status: header(response, "status"),
        response_entity: response_entity(&response.body),
    })
}

/// The declared media type without parameters, lower case; `None` when it says nothing
/// (absent, `*/*`, `application/octet-stream`).
pub(crate) fn declared_type(response: &HttpResponse) -> Option<String> {
    let value = response.headers.get("content-type")?;
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "" | "*/*" | "application/octet-stream" => None,
        _ => Some(essence),
    }
}

/// The media type the bytes announce: PNG, JPEG, GIF by signature; SVG by its root element.
pub(crate) fn sniff(body: &[u8]) -> Option<&'static str> {
    if body.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if body.starts_with(b"\xff\xd8\xff") {
        return Some("image/jpeg");
    }
    if body.starts_with(b"GIF87a") || body.starts_with(b"GIF89a") {
        return Some("image/gif");
    }
    let head = &body[..body.len().min(512)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("<svg") || (text.starts_with("<?xml") && text.contains("<svg")) {
        return Some("image/svg+xml");
    }
    None
}

/// The body as an image, its media type declared, else sniffed, else `application/octet-stream`.
pub(crate) fn image_of(response: &HttpResponse) -> Image {
    let declared = declared_type(response).filter(|t| t.starts_with("image/"));
    let media_type = declared
        .or_else(|| sniff(&response.body).map(str::to_owned))
        .or_else(|| declared_type(response))
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    Image { media_type, bytes: response.body.clone() }
}

/// The body of an invoice or credit-note creation: an image, or the EPC text (`QR_TEXT`, `NONE`),
/// or nothing.
pub(crate) struct Content {
    pub(crate) image: Option<Image>,
    pub(crate) qr_text: Option<String>,
    pub(crate) epc: Option<EpcPayment>,
    pub(crate) epc_error: Option<EpcProblem>,
}

impl Content {
    pub(crate) fn read(response: &HttpResponse) -> Content {
        let mut content = Content { image: None, qr_text: None, epc: None, epc_error: None };
        let body = &response.body;
        if blank(body) {
            return content;
        }
        let declared = declared_type(response);
        let sniffed = sniff(body);
        let is_text = match (&declared, sniffed) {
            (Some(t), _) if t.starts_with("image/") => false,
            (_, Some("image/png" | "image/jpeg" | "image/gif")) => false,
            (Some(t), _) if t.starts_with("text/") => true,
            (_, Some(_)) => false,
            (Some(t), None) => t == "application/json" || std::str::from_utf8(body).is_ok(),
            (None, None) => std::str::from_utf8(body).is_ok() || body.starts_with(b"BCD"),
        };
        if !is_text {
            content.image = Some(image_of(response));
            return content;
        }
        match epc::parse_bytes(body, Mode::Lenient) {
            Ok(parsed) => {
                content.qr_text = Some(parsed.epc.charset.decode_lossy(body));
                let e = &parsed.epc;
                content.epc = Some(EpcPayment {
                    version: e.version.as_str().to_owned(),
                    charset: u64::from(e.charset.number()),
                    identification: epc::Epc::IDENTIFICATION.to_owned(),
                    bic: e.bic.clone(),
                    name: e.name.clone(),
                    iban: e.iban.clone(),
                    amount: e.amount.map(|a| a.to_string()),
                    amount_cents: e.amount.map(|a| a.cents()),
                    purpose: e.purpose.clone(),
                    reference: e.reference.clone(),
                    text: e.text.clone(),
                    information: e.information.clone(),
                    tolerated: parsed
                        .tolerated
                        .iter()
                        .map(|t| EpcProblem {
                            code: t.code.to_owned(),
                            field: Some(t.field.to_string()),
                            message: t.message.clone(),
                        })
                        .collect(),
                });
            }
            Err(err) => {
                content.qr_text = Some(String::from_utf8_lossy(body).into_owned());
                let (field, message) = match &err {
                    Error::Validation(v) => (Some(v.field.to_string()), v.message.clone()),
                    other => (None, other.to_string()),
                };
                content.epc_error = Some(EpcProblem { code: err.code().to_owned(), field, message });
            }
        }
        content
    }
}

/// What a link answers when it is fetched (`build_request` of a link is a `GET` of its URL): a pay
/// button's image, the redirect of a pay button's execution to Digiteal's payment page, or the web
/// application's page. A browser normally fetches these itself.
#[derive(Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LinkAnswer {
    /// The HTTP status.
    pub status: u64,
    /// The `Location` of a redirect.
    pub location: Option<String>,
    /// The `Content-Type`, when sent.
    pub media_type: Option<String>,
    /// The body (an image, a page), as sent.
    #[serde(serialize_with = "as_bytes")]
    #[cfg_attr(feature = "schema", schemars(with = "Bytes"))]
    pub bytes: Vec<u8>,
}

impl fmt::Debug for LinkAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LinkAnswer")
            .field("status", &self.status)
            .field("location", &self.location)
            .field("media_type", &self.media_type)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

impl LinkAnswer {
    /// A 2xx or 3xx answer as it is; anything else is an [`Error::Api`].
    pub(crate) fn read(response: &HttpResponse) -> Result<LinkAnswer, Error> {
        if !(200..400).contains(&response.status) {
            return Err(Error::Api(api_error(response)));
        }
        Ok(LinkAnswer {
            status: u64::from(response.status),
            location: header(response, "location"),
            media_type: header(response, "content-type"),
            bytes: response.body.clone(),
        })
    }
}

/// The `GET` of a link, without credentials: what a browser does with it.
pub(crate) fn link_request(url: String) -> HttpRequest {
    let mut headers = Headers::new();
    headers.append("Accept", "*/*");
    HttpRequest { method: Method::Get, url, headers, body: Vec::new() }
}

/// Declares an operation that is a view of other params (a link of a pay button, the inline
/// slip image): a newtype read as its params, with its own catalog entry.
macro_rules! view {
    ($(#[$meta:meta])* $name:ident($inner:ty)) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                generator.subschema_for::<$inner>()
            }
        }
    };
}
pub(crate) use view;

/// The catalog entry of a link: a `GET` without credentials, safe to repeat.
pub(crate) const fn link_info(id: &'static str, path: &'static str) -> OperationInfo {
    OperationInfo { id, kind: Kind::Link, provider: Provider::Digiteal, method: Method::Get, path, retry_safe: true }
}

// ---- KYC models shared by the pre-registration (`kyc`) and the SDD transfer (`sdd`) ----------

/// The languages of a KYC person or contact: "Authorized values are EN, FR, NL" (no DE here).
pub(crate) const KYC_LANGUAGES: &[&str] = &["NL", "FR", "EN"];

/// `Address`: a postal address (a company's main address, a person's residence).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Address {
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Country name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Country code represented by the two letter country codes as defined in ISO 3166-1
    /// alpha-2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// House number (typed `string` in the seed, a number in its example: sent in the form
    /// given, `15` or `"15A"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub house_number: Option<NumberOrText>,
    /// Street name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_name: Option<String>,
    /// Zip code (typed `string` in the seed, a number in its example: sent in the form given,
    /// `1000` or `"1012 AB"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zip_code: Option<NumberOrText>,
}

impl Address {
    /// `countryCode` is an ISO 3166-1 alpha-2 code.
    pub fn check(&self) -> Result<(), Error> {
        rules::country(self.country_code.as_deref(), "countryCode")
    }
}

string_enum! {
    /// `gender`: the gender of the person: MALE, FEMALE or NA (neutral or not applicable), or
    /// UNKNOWN.
    pub enum Gender {
        /// Unknown.
        Unknown = "UNKNOWN",
        /// Male.
        Male = "MALE",
        /// Female.
        Female = "FEMALE",
        /// Neutral or not applicable.
        Na = "NA",
    }
}

string_enum! {
    /// `pack`: the pack chosen by the company to register. The default is DISCOVER, a free pack;
    /// the first pack to enable collecting funds is START.
    pub enum Pack {
        /// The free pack (the default).
        Discover = "DISCOVER",
        /// The first pack that enables collecting funds.
        Start = "START",
        /// The GO pack.
        Go = "GO",
        /// A proof of concept.
        Poc = "POC",
        /// Unknown.
        Unknown = "UNKNOWN",
    }
}

string_enum! {
    /// `Sector.type`: the type of sector of a company or person (the seed's `Sector` enum).
    pub enum SectorType {
        /// Agribusiness.
        Agribusiness = "AGRIBUSINESS",
        /// Banking.
        Bank = "BANK",
        /// Wood.
        Wood = "WOOD",
        /// Construction.
        Construction = "CONSTRUCTION",
        /// Chemistry.
        Chemistry = "CHEMISTRY",
        /// Trade.
        Trade = "TRADE",
        /// Publishing.
        Publishing = "PUBLISHING",
        /// Electronics.
        Electronics = "ELECTRONICS",
        /// Studies.
        Studies = "STUDIES",
        /// Pharmaceutical.
        Pharmaceutical = "PHARMACEUTICAL",
        /// Computers.
        Computer = "COMPUTER",
        /// Machinery.
        Machinery = "MACHINERY",
        /// Metallurgy.
        Metallurgy = "METALLURGY",
        /// Plastics.
        Plastic = "PLASTIC",
        /// A liberal profession.
        LiberalProfession = "LIBERAL_PROFESSION",
        /// Business services.
        BusinessServices = "BUSINESS_SERVICES",
        /// Textiles.
        Textile = "TEXTILE",
        /// Transport.
        Transport = "TRANSPORT",
        /// Trading on the internet.
        TradingOnInternet = "TRADING_ON_INTERNET",
        /// Hotels, restaurants, cafés.
        Horeca = "HORECA",
        /// Car wash.
        Carwash = "CARWASH",
        /// Used parts.
        UsedParts = "USED_PARTS",
        /// Phone shop.
        PhoneShop = "PHONE_SHOP",
        /// Art sales.
        ArtSales = "ART_SALES",
        /// Diamonds.
        Diamonds = "DIAMONDS",
        /// Online gaming.
        EGaming = "E_GAMING",
        /// Games of chance.
        GamesChance = "GAMES_CHANCE",
        /// Lawyer.
        Lawyer = "LAWYER",
        /// Accountant.
        Accountant = "ACCOUNTANT",
        /// Doctor.
        Doctor = "DOCTOR",
        /// Taxis.
        Taxis = "TAXIS",
        /// Architect.
        Architect = "ARCHITECT",
        /// Bailiff.
        Bailiff = "BAILIFF",
        /// Notary.
        Notary = "NOTARY",
        /// Another sector: name it in `details` (the variant's name differs from the wire value
        /// `OTHER` because `Other(_)` holds the values kassa does not know).
        OtherSector = "OTHER",
    }
}

/// `Sector`: the sector of a company or person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Sector {
    /// The name of the sector if OTHER was chosen, or details about the chosen sector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    /// Type of sector.
    #[serde(rename = "type")]
    pub sector_type: SectorType,
}

impl Sector {
    /// `type` is one of the listed sectors; `OTHER` needs its name in `details`.
    pub fn check(&self) -> Result<(), Error> {
        one_of(Some(self.sector_type.as_str()), SectorType::KNOWN, "type")?;
        rules::not_blank(self.details.as_deref(), "details")?;
        if self.sector_type.as_str().eq_ignore_ascii_case("OTHER") && self.details.is_none() {
            return Err(invalid("details", "a sector of type OTHER is named in `details`"));
        }
        Ok(())
    }
}

/// The seed: `pepCustomerExplanation` "should be provided only if the person is politically
/// exposed".
fn pep(pep: Option<bool>, explanation: Option<&str>) -> Result<(), Error> {
    rules::not_blank(explanation, "pepCustomerExplanation")?;
    if explanation.is_some() && pep != Some(true) {
        return Err(invalid(
            "pepCustomerExplanation",
            "an explanation is given only for a politically exposed person (set `pep` to true, or leave it out)",
        ));
    }
    Ok(())
}

/// Each IBAN of `list` checked, named `field[i]`.
fn ibans(list: Option<&Vec<String>>, field: &str) -> Result<(), Error> {
    for (i, iban) in list.into_iter().flatten().enumerate() {
        rules::within(&format!("{field}[{i}]"), rules::iban(Some(iban), ""))?;
    }
    Ok(())
}

/// `MinimalPersonKYCInfo`: the minimal KYC information of a person (a company's UBO).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct MinimalPersonKYCInfo {
    /// The date the person was born (`YYYY-MM-DD`, a real date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_day: Option<String>,
    /// The place where the person was born (city and country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    /// First name of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The gender of the person: MALE, FEMALE or NA (neutral or not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Last name of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Is the person politically exposed?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pep: Option<bool>,
    /// How is the person politically exposed? Provided only if the person is politically
    /// exposed (`pep` true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pep_customer_explanation: Option<String>,
}

impl MinimalPersonKYCInfo {
    /// `birthDay` a real `YYYY-MM-DD` date, `gender` one of the listed values, the PEP
    /// explanation only for a politically exposed person.
    pub fn check(&self) -> Result<(), Error> {
        rules::date(self.birth_day.as_deref(), "birthDay")?;
        one_of(self.gender.as_ref().map(Gender::as_str), Gender::KNOWN, "gender")?;
        pep(self.pep, self.pep_customer_explanation.as_deref())
    }
}

/// `PersonKYCInfo`: the complete KYC information of a person (a customer person, a company's
/// contact person, a person SDD debtor). Only the email address is mandatory (the guide).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PersonKYCInfo {
    /// Address of residence of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// The date the person was born (`YYYY-MM-DD`, a real date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_day: Option<String>,
    /// The place where the person was born (city and country).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_place: Option<String>,
    /// Email address of the person: mandatory (Digiteal invites the person to activate the
    /// account at this address).
    pub email: String,
    /// First name of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// The gender of the person: MALE, FEMALE or NA (neutral or not applicable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// IBANs of the bank accounts associated to the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ibans: Option<Vec<String>>,
    /// Date of the end of validity of the provided id documents of the person (`YYYY-MM-DD`, a
    /// real date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_document_validity_end: Option<String>,
    /// The VAT number of the invoice/payment integrator of this person, if any.
    #[serde(default, rename = "integratorVATNumber", skip_serializing_if = "Option::is_none")]
    pub integrator_vat_number: Option<String>,
    /// Language of the person: EN (the default), FR or NL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Last name of the person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Nationalities of the person, as ISO 3166-1 alpha-2 country codes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationalities: Option<Vec<String>>,
    /// Is the person politically exposed?
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pep: Option<bool>,
    /// How is the person politically exposed? Provided only if the person is politically
    /// exposed (`pep` true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pep_customer_explanation: Option<String>,
    /// Sectors where the person is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sectors: Option<Vec<Sector>>,
}

impl PersonKYCInfo {
    /// The email (mandatory and well formed), real dates, the listed enum values, IBANs and
    /// country codes, the PEP explanation only for a politically exposed person, each sector.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(Some(&self.email), "email")?;
        rules::email(Some(&self.email), "email")?;
        if let Some(address) = &self.address {
            rules::within("address", address.check())?;
        }
        rules::date(self.birth_day.as_deref(), "birthDay")?;
        one_of(self.gender.as_ref().map(Gender::as_str), Gender::KNOWN, "gender")?;
        ibans(self.ibans.as_ref(), "ibans")?;
        rules::date(self.id_document_validity_end.as_deref(), "idDocumentValidityEnd")?;
        one_of(self.language.as_ref().map(Language::as_str), KYC_LANGUAGES, "language")?;
        for (i, country) in self.nationalities.iter().flatten().enumerate() {
            rules::within(&format!("nationalities[{i}]"), rules::country(Some(country), ""))?;
        }
        pep(self.pep, self.pep_customer_explanation.as_deref())?;
        for (i, sector) in self.sectors.iter().flatten().enumerate() {
            rules::within(&format!("sectors[{i}]"), sector.check())?;
        }
        Ok(())
    }
}

/// `CompanyKYCInfo`: the complete KYC information of a company (a customer company, a company
/// SDD debtor). Mandatory (the guide): the VAT number, the company name, its creation date and
/// the email of the contact person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CompanyKYCInfo {
    /// The main address of the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Name of the company: mandatory.
    pub company_name: String,
    /// Contact person of the company: mandatory (its email at least). This person must have the
    /// right to register the company in Digiteal: represent the company or have a delegation of
    /// power to register it.
    pub contact_person: PersonKYCInfo,
    /// The date when the company was created (`YYYY-MM-DD`, a real date): mandatory.
    pub creation_date: String,
    /// IBANs of the bank accounts associated to the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ibans: Option<Vec<String>>,
    /// The VAT number of the invoice/payment integrator of this company, if any.
    #[serde(default, rename = "integratorVATNumber", skip_serializing_if = "Option::is_none")]
    pub integrator_vat_number: Option<String>,
    /// The pack chosen by the company to register: DISCOVER (the default, free), START (the
    /// first that enables collecting funds), GO, POC, UNKNOWN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<Pack>,
    /// The UBOs (ultimate beneficial owners) of the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ubos: Option<Vec<MinimalPersonKYCInfo>>,
    /// VAT number of the company: mandatory.
    pub vat_number: String,
}

impl CompanyKYCInfo {
    /// The mandatory VAT number, name, creation date (a real date) and contact person (with its
    /// email), then every nested model's rules.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(Some(&self.vat_number), "vatNumber")?;
        rules::required(Some(&self.company_name), "companyName")?;
        rules::required(Some(&self.creation_date), "creationDate")?;
        rules::date(Some(&self.creation_date), "creationDate")?;
        rules::within("contactPerson", self.contact_person.check())?;
        if let Some(address) = &self.address {
            rules::within("address", address.check())?;
        }
        ibans(self.ibans.as_ref(), "ibans")?;
        one_of(self.pack.as_ref().map(Pack::as_str), Pack::KNOWN, "pack")?;
        for (i, ubo) in self.ubos.iter().flatten().enumerate() {
            rules::within(&format!("ubos[{i}]"), ubo.check())?;
        }
        Ok(())
    }
}

/// `ContractApproval`: the customer's approval of Digiteal's contracts (for a person, the general
/// conditions of use and the privacy policy; for a company also the general terms and
/// conditions).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ContractApproval {
    /// The date when the customer approved the Digiteal contracts: `YYYY-MM-DD`, a real date (the
    /// seed's own example, `2019-11-31`, is not one and is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval_date: Option<String>,
    /// IP address of the customer when he approved the contracts (IPv4 or IPv6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip_address: Option<String>,
    /// User agent of the customer when he approved the contracts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_agent: Option<String>,
}

impl ContractApproval {
    /// `approvalDate` a real `YYYY-MM-DD` date, `ipAddress` an IP address.
    pub fn check(&self) -> Result<(), Error> {
        rules::date(self.approval_date.as_deref(), "approvalDate")?;
        rules::ip_address(self.ip_address.as_deref(), "ipAddress")
    }
}

/// `CustomerNotificationSettings`: how Digiteal notifies a customer (used only if this is a new
/// user of Digiteal). Every setting is true by default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CustomerNotificationSettings {
    /// Notify the user when an auto payment was performed (true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_payment: Option<bool>,
    /// Notify the user when an auto payment was not performed because it was above the
    /// threshold (true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_payment_threshold: Option<bool>,
    /// Notify the user when he receives a new invoice (true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice: Option<bool>,
    /// Notify the user when he has a new issuer (true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<bool>,
    /// Notify the user through email notifications (true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mail: Option<bool>,
    /// Notify the user when a payment issue occurred (true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_issue: Option<bool>,
    /// Notify the user through push notifications, if he has installed the Digiteal app (true by
    /// default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub push: Option<bool>,
    /// Remind the user of an invoice pending payment (7 days and 3 days before the due date, and
    /// on the due date; true by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder: Option<bool>,
}
