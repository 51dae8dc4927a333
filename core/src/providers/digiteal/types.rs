//! Digiteal's wire models (seed 001), every field of every schema the covered operations use, with
//! the seed's own names. Request models refuse unknown fields; response models keep what they do
//! not know (enums in `Other`, unknown fields ignored).
//!
//! Where the seed's schema and its examples disagree, the examples win (see the module
//! documentation): amounts typed `string` are integer cents (`i64`), and `customerAddressNumber` /
//! `customerAddressZip`, typed `string` but sent as numbers, are [`NumberOrText`].

use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::wire::string_enum;

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

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

impl ImageFormat {
    /// Every value the seed lists.
    pub const KNOWN: &'static [&'static str] = &[
        "PAYMENT_SLIP",
        "PAYMENT_SLIP_WITH_QR",
        "QR",
        "QR_BE",
        "QR_EXPLAINED",
        "PAYMENT_SLIP_WITH_BANNER",
        "BANNER",
        "QR_TEXT",
        "NONE",
    ];
}

string_enum! {
    /// `publicationStatus` of an invoice.
    pub enum PublicationStatus {
        /// The default: the payment request can no longer be modified.
        Published = "PUBLISHED",
        /// Can still be updated (resend with the same `invoiceInternalId`); users are not notified.
        Draft = "DRAFT",
    }
}

impl PublicationStatus {
    /// Every value the seed lists.
    pub const KNOWN: &'static [&'static str] = &["PUBLISHED", "DRAFT"];
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

impl Language {
    /// Every value the seed lists.
    pub const KNOWN: &'static [&'static str] = &["NL", "FR", "EN", "DE"];
}

string_enum! {
    /// `requestStatus` of an anonymous QR image.
    pub enum RequestStatus {
        /// A draft.
        Draft = "DRAFT",
        /// Final (the default).
        Final = "FINAL",
    }
}

impl RequestStatus {
    /// Every value the seed lists.
    pub const KNOWN: &'static [&'static str] = &["DRAFT", "FINAL"];
}

string_enum! {
    /// `type` of a pay button image.
    pub enum ButtonType {
        /// SVG.
        Svg = "SVG",
        /// PNG (the default).
        Png = "PNG",
    }
}

impl ButtonType {
    /// Every value the seed lists.
    pub const KNOWN: &'static [&'static str] = &["SVG", "PNG"];
}

string_enum! {
    /// `status` of an auto payment.
    pub enum AutoPaymentStatus {
        /// The payment has been executed directly.
        Executed = "EXECUTED",
        /// The client has an active auto payment configuration and the threshold is not exceeded.
        Planned = "PLANNED",
        /// The client's limit is reached; the client has been notified.
        ThresholdExceeded = "THRESHOLD_EXCEEDED",
        /// Digiteal judged the payment too risky to execute automatically.
        HighRisk = "HIGH_RISK",
        /// Not applicable: the client has no auto pay configuration.
        Na = "NA",
    }
}

string_enum! {
    /// `status` of a company within Digiteal.
    pub enum CompanyStatus {
        /// Not found.
        NotFound = "NOT_FOUND",
        /// Digiteal's terms and conditions are not accepted yet.
        NotActivated = "NOT_ACTIVATED",
        /// Not active as issuer.
        OnHold = "ON_HOLD",
        /// Active as issuer.
        Prod = "PROD",
        /// Deactivated.
        Deactivated = "DEACTIVATED",
        /// Unknown (named only in the seed's description of the field, not in its list).
        None = "NONE",
    }
}

string_enum! {
    /// `status` of a person within Digiteal.
    pub enum PersonStatus {
        /// No user with this email address.
        NotFound = "NOT_FOUND",
        /// The address belongs to a company.
        Company = "COMPANY",
        /// The address is not confirmed.
        NotActivated = "NOT_ACTIVATED",
        /// Confirmed, KYC not finished.
        Activated = "ACTIVATED",
        /// The account was deleted.
        Deactivated = "DEACTIVATED",
        /// KYC finished, under review.
        Pending = "PENDING",
        /// KYC checked: ready to pay.
        Ok = "OK",
        /// KYC information expired.
        Expired = "EXPIRED",
        /// Unknown.
        Unknown = "UNKNOWN",
    }
}

string_enum! {
    /// The `deliveryMethod` header of an invoice creation.
    pub enum DeliveryMethod {
        /// The client chose Digiteal as presentment channel (opted in): attach the documents.
        S2p = "S2P",
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

// ---------------------------------------------------------------------------------------------
// Small value types
// ---------------------------------------------------------------------------------------------

/// A field the seed types `string` but whose examples send a number (`customerAddressNumber: 14`,
/// `customerAddressZip: 1000`): sent the way the caller gives it, so `14` stays a number and
/// `"14A"` or `"1012 AB"` stay text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// Bytes given by the caller (a document to upload): an array of numbers 0-255 (what the bindings
/// make of Python `bytes` / JS `Uint8Array`), serde bytes, or a string (its UTF-8 bytes). `Debug`
/// shows the length only.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0.len())
    }
}

impl Serialize for Bytes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(&self.0)
    }
}

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes (an array of numbers 0-255) or a string")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Bytes, E> {
                Ok(Bytes(v.as_bytes().to_vec()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bytes, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(Bytes(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Serialises bytes with `serialize_bytes`: Python `bytes`, JS `Uint8Array`, an array of numbers
/// in JSON.
pub(crate) fn as_bytes<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bytes(bytes)
}

/// A VAT number as the B2B pay button's query writes it (`creditorVAT.representation`,
/// `creditorVAT.belgian`). Given either as that object or as a plain string (the guide's examples
/// write `creditorVAT=BE...`), which becomes `representation`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum VatNumber {
    /// `"BE0897227828"`.
    Plain(String),
    /// `{"representation": "BE0897227828", "belgian": true}`.
    Detailed {
        /// The VAT number as written.
        representation: String,
        /// Whether it is a Belgian VAT number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        belgian: Option<bool>,
    },
}

impl VatNumber {
    /// `(representation, belgian)`.
    pub fn parts(&self) -> (&str, Option<bool>) {
        match self {
            VatNumber::Plain(s) => (s, None),
            VatNumber::Detailed { representation, belgian } => (representation, *belgian),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Request models
// ---------------------------------------------------------------------------------------------

/// `InvoiceCreationRequest`: the body of `POST /api/v1/invoice-request` (create or update an
/// invoice; the operation `digiteal.invoices.create`). `name` and `correlationId` are not body
/// fields: `name` is the query parameter of the same name, `correlationId` the `correlation-id`
/// header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InvoiceCreationRequest {
    /// True if the invoice has already been paid (e.g. domiciliation); false by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub already_paid: Option<bool>,
    /// The amount to pay, in cents (the seed types it `string`; its example sends a number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// The date the bill was emitted (`YYYY-MM-DD`); today by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// The structured reference (Belgian OGM/VCS or ISO 11649 RF); or give `remittanceInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_reference: Option<String>,
    /// ISO 4217 currency; EUR by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_city: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_country: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_number: Option<NumberOrText>,
    /// Street name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_street: Option<String>,
    /// Zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_zip: Option<NumberOrText>,
    /// Email address: with `customerInternalId` it links the customer to his Digiteal account and
    /// lets Digiteal notify him.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_first_name: Option<String>,
    /// The customer's id in the issuer's billing system: mandatory for an invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_internal_id: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_last_name: Option<String>,
    /// Mobile phone with the national prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_mobile: Option<String>,
    /// The customer's VAT number, with the country code.
    #[serde(default, rename = "customerVAT", skip_serializing_if = "Option::is_none")]
    pub customer_vat: Option<String>,
    /// True to have the invoice paid through a PIS/PSP; false by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_payment: Option<bool>,
    /// Pay before this date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// True if documents will be attached; true by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expecting_document_attached: Option<bool>,
    /// The image to answer with; `QR` by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ImageFormat>,
    /// IBAN; required when the issuer has several accounts and no default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The issuer's own id of the invoice: unique per issuer (a resend with the same id updates a
    /// DRAFT and is refused with `INVOICE_PUBLISHED` for a published one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_internal_id: Option<String>,
    /// The client's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Languages (FR, EN, NL, DE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    /// `PUBLISHED` (default) or `DRAFT`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication_status: Option<PublicationStatus>,
    /// ISO 20022 purpose code (4 capital letters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Free-text communication, used when there is no `creditorReference`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_info: Option<String>,
    /// The requester's email (integrators, or calls without authentication).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_email: Option<String>,
    /// The requester's id (integrators).
    #[serde(default, rename = "requesterID", skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<i64>,
    /// The requester's VAT number (integrators).
    #[serde(default, rename = "requesterVAT", skip_serializing_if = "Option::is_none")]
    pub requester_vat: Option<String>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// Image size in pixels (at most 4000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Not a body field: the `name` query parameter (the seed gives no description).
    #[serde(default, skip_serializing)]
    pub name: Option<String>,
    /// Not a body field: the `correlation-id` request header, which Digiteal echoes as the
    /// `requestId` of an error.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `CreditNoteCreationRequest`: the body of `POST /api/v1/credit-note`
/// (`digiteal.credit_notes.create`). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CreditNoteCreationRequest {
    /// The credited amount, in cents (typed `string` in the seed, a number in its example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// The date the credit note was emitted (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// The issuer's own id of the credit note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit_note_internal_id: Option<String>,
    /// The image to answer with; `QR` by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ImageFormat>,
    /// The UUID of the invoice the credit note relates to.
    #[serde(default, rename = "invoiceUUID", skip_serializing_if = "Option::is_none")]
    pub invoice_uuid: Option<String>,
    /// The client's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// Image size in pixels (at most 4000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `PaymentCreationRequest`: the body of `POST /api/v1/payment-request`
/// (`digiteal.payments.create`). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PaymentCreationRequest {
    /// A fixed amount, in cents; never together with min/max/suggested amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// Where the user goes after a cancel (falls back to `errorURL`).
    #[serde(default, rename = "cancelURL", skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<String>,
    /// Where the user goes after a successful payment: mandatory.
    #[serde(default, rename = "confirmationURL", skip_serializing_if = "Option::is_none")]
    pub confirmation_url: Option<String>,
    /// `YYYY-MM-DD`; today by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// The structured reference; or give `remittanceInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_reference: Option<String>,
    /// ISO 4217 currency; EUR by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_city: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_country: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_number: Option<NumberOrText>,
    /// Street name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_street: Option<String>,
    /// Zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_zip: Option<NumberOrText>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_first_name: Option<String>,
    /// The customer's id in the requester's system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_internal_id: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_last_name: Option<String>,
    /// Mobile phone with the national prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_mobile: Option<String>,
    /// The customer's VAT number.
    #[serde(default, rename = "customerVAT", skip_serializing_if = "Option::is_none")]
    pub customer_vat: Option<String>,
    /// True to pay through a PIS/PSP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_payment: Option<bool>,
    /// Where the user goes after a failed payment: mandatory.
    #[serde(default, rename = "errorURL", skip_serializing_if = "Option::is_none")]
    pub error_url: Option<String>,
    /// True if documents will be attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expecting_document_attached: Option<bool>,
    /// IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The client's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The most the payer may pay, in cents (typed `string` in the seed, a number in its example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount_in_cents: Option<i64>,
    /// The least the payer may pay, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_amount_in_cents: Option<i64>,
    /// True to accept several payments with this description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple: Option<bool>,
    /// The creditor's own id of the payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_internal_id: Option<String>,
    /// ISO 20022 purpose code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Free-text communication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_info: Option<String>,
    /// The requester's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_email: Option<String>,
    /// The requester's id (integrators).
    #[serde(default, rename = "requesterID", skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<i64>,
    /// The requester's VAT number.
    #[serde(default, rename = "requesterVAT", skip_serializing_if = "Option::is_none")]
    pub requester_vat: Option<String>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// The amount suggested to the payer, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggested_amount_in_cents: Option<i64>,
    /// Minutes the payment request stays valid (1 to 127; the seed's range is -128..127); 10 by
    /// default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity_in_minutes: Option<i64>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `InvoicePaymentRequest`: the body of `POST /api/v1/payment-request/invoice`
/// (`digiteal.payments.create_for_invoice`). `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InvoicePaymentRequest {
    /// Where the user goes after a cancel (falls back to `errorURL`).
    #[serde(default, rename = "cancelURL", skip_serializing_if = "Option::is_none")]
    pub cancel_url: Option<String>,
    /// Where the user goes after a successful payment.
    #[serde(default, rename = "confirmationURL", skip_serializing_if = "Option::is_none")]
    pub confirmation_url: Option<String>,
    /// Where the user goes after an error.
    #[serde(default, rename = "errorURL", skip_serializing_if = "Option::is_none")]
    pub error_url: Option<String>,
    /// The issuer's own id of the invoice (ignored when `uuid` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_internal_id: Option<String>,
    /// The requester's id (integrators).
    #[serde(default, rename = "requesterID", skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<i64>,
    /// Digiteal's UUID of the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `AutoPaymentRequest`: the body of `POST /api/v1/autopay-request` (`digiteal.autopay.request`).
/// `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AutoPaymentRequest {
    /// The amount to pay, in cents (typed `string` in the seed, a number in its example).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_in_cents: Option<i64>,
    /// BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// `YYYY-MM-DD`; today by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    /// The structured reference; or give `remittanceInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_reference: Option<String>,
    /// ISO 4217 currency; EUR by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_city: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_country: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_number: Option<NumberOrText>,
    /// Street name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_street: Option<String>,
    /// Zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address_zip: Option<NumberOrText>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_first_name: Option<String>,
    /// The customer's id in the requester's system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_internal_id: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_last_name: Option<String>,
    /// Mobile phone with the national prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_mobile: Option<String>,
    /// The customer's VAT number.
    #[serde(default, rename = "customerVAT", skip_serializing_if = "Option::is_none")]
    pub customer_vat: Option<String>,
    /// True to pay through a PIS/PSP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_payment: Option<bool>,
    /// True if documents will be attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expecting_document_attached: Option<bool>,
    /// IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The client's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// ISO 20022 purpose code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Free-text communication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_info: Option<String>,
    /// The requester's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_email: Option<String>,
    /// The requester's id (integrators).
    #[serde(default, rename = "requesterID", skip_serializing_if = "Option::is_none")]
    pub requester_id: Option<i64>,
    /// The requester's VAT number.
    #[serde(default, rename = "requesterVAT", skip_serializing_if = "Option::is_none")]
    pub requester_vat: Option<String>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// Not a body field: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// The query of the anonymous QR images, `GET /api/v1/image-request/slip-image-anonymous` and
/// `.../slip-image-anonymous-inline` (`digiteal.qr.slip_image`, `digiteal.qr.slip_image_inline`).
/// Sent without credentials. `correlationId` is the `correlation-id` header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SlipImageRequest {
    /// The amount in cents (the seed types it `number (double)` and describes it as cents; kassa
    /// takes integer cents and sends an integer: no floats for money).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// BIC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bic: Option<String>,
    /// The date the bill was created (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_date: Option<String>,
    /// The issuer's id of the invoice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bill_id: Option<String>,
    /// The requester's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub biller_name: Option<String>,
    /// The requester's VAT number.
    #[serde(default, rename = "billerVAT", skip_serializing_if = "Option::is_none")]
    pub biller_vat: Option<String>,
    /// The structured reference; or give `remittanceInfo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creditor_reference: Option<String>,
    /// ISO 4217 currency; EUR by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// City.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_city: Option<String>,
    /// Country (ISO 3166-1 alpha-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_country: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_email: Option<String>,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_first_name: Option<String>,
    /// Street number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_house_number: Option<String>,
    /// The debtor's id in the requester's system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_id: Option<String>,
    /// Mobile phone with the national prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_mobile_phone_number: Option<String>,
    /// Last name or company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_name: Option<String>,
    /// Street name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_street_name: Option<String>,
    /// The debtor's VAT number.
    #[serde(default, rename = "debtorVAT", skip_serializing_if = "Option::is_none")]
    pub debtor_vat: Option<String>,
    /// Zip code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub debtor_zip_code: Option<String>,
    /// True to pay through a PIS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direct_payment: Option<bool>,
    /// Pay before this date (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<String>,
    /// The image (`payment_slip` by default; any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ImageFormat>,
    /// IBAN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// The client's language (nl, fr or en; any case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// Languages, sent as repeated `languages=` parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    /// ISO 20022 purpose code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    /// Free-text communication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remittance_info: Option<String>,
    /// `DRAFT` or `FINAL` (the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_status: Option<RequestStatus>,
    /// The requester's email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requestor_email: Option<String>,
    /// A secondary language of the client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary_language: Option<Language>,
    /// Image width in pixels (at most 4000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// Not a query parameter: the `correlation-id` request header.
    #[serde(default, skip_serializing, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Response models
// ---------------------------------------------------------------------------------------------

/// `AutoPaymentResult`: the answer of `digiteal.autopay.request`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoPaymentResult {
    /// Comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// The account the money was taken from.
    #[serde(default)]
    pub origin_bank_account: Option<String>,
    /// When the payment was confirmed.
    #[serde(default)]
    pub payment_confirmation_date: Option<String>,
    /// The payment's id.
    #[serde(default, rename = "paymentID")]
    pub payment_id: Option<String>,
    /// When the payment request was sent.
    #[serde(default)]
    pub payment_request_date: Option<String>,
    /// What happened.
    #[serde(default)]
    pub status: Option<AutoPaymentStatus>,
}

/// `CompanyInfo`: the answer of `digiteal.integrator.company_info`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyInfo {
    /// The company's status within Digiteal.
    #[serde(default)]
    pub status: Option<CompanyStatus>,
    /// Its VAT number.
    #[serde(default)]
    pub vat_number: Option<String>,
}

/// `PersonInfo`: the answer of `digiteal.integrator.person_info`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonInfo {
    /// The person's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The person's status within Digiteal.
    #[serde(default)]
    pub status: Option<PersonStatus>,
}

/// `DocumentDetails`: one document of `digiteal.invoices.list_documents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentDetails {
    /// The document's comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// Its file name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Its id (64-bit).
    #[serde(default)]
    pub id: Option<i64>,
    /// Its media (MIME) type.
    #[serde(default)]
    pub media_type: Option<String>,
    /// Where it can be fetched.
    #[serde(default)]
    pub url: Option<String>,
    /// Its UUID.
    #[serde(default)]
    pub uuid: Option<String>,
}

/// Spring's `ResponseEntity` wrapper, which the seed shows as the 200 body of the uploads, the
/// opt-in and the pay buttons (the guide says those bodies are empty; kassa reads either).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[serde(rename_all = "camelCase")]
pub struct Image {
    /// The media type, from `Content-Type` or, when that says nothing, from the bytes.
    pub media_type: String,
    /// The image bytes (serialised as bytes: Python `bytes`, JS `Uint8Array`).
    #[serde(serialize_with = "as_bytes")]
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
pub struct EpcProblem {
    /// A stable code (`trailing_newline`, `iban_checksum`, ...).
    pub code: String,
    /// The field it concerns.
    pub field: Option<String>,
    /// What was found, in words.
    pub message: String,
}

/// The answer of `digiteal.invoices.create`: the headers (`uuid`, `deliveryMethod`,
/// `autoPaymentDate`, `debtorId`) and the body, an image or (formats `QR_TEXT`/`NONE`) the EPC text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvoiceCreated {
    /// The `uuid` header: Digiteal's id of the invoice.
    pub uuid: String,
    /// The `deliveryMethod` header: `S2P` when the client opted in to Digiteal, `null` otherwise.
    pub delivery_method: Option<DeliveryMethod>,
    /// Whether `deliveryMethod` is `S2P`: the client reads his invoices in Digiteal, so attach the
    /// documents; otherwise send the invoice (with its QR code) through your own channels.
    pub opted_in: bool,
    /// The `autoPaymentDate` header (`dd/MM/yyyy` on the wire) as `YYYY-MM-DD`: when an auto payment
    /// is scheduled to pay the invoice.
    pub auto_payment_date: Option<String>,
    /// The `debtorId` header, which the guide says is present (the reference does not list it).
    pub debtor_id: Option<String>,
    /// The image, when the answer is one.
    pub image: Option<Image>,
    /// The EPC payload text, when the answer is text (`QR_TEXT`, `NONE`).
    pub qr_text: Option<String>,
    /// `qrText` read with kassa's EPC parser (lenient), when it could be read.
    pub epc: Option<EpcPayment>,
    /// Why `qrText` could not be read as an EPC payload, when it could not.
    pub epc_error: Option<EpcProblem>,
}

/// The answer of `digiteal.credit_notes.create`: the `uuid` header and the body (image or EPC
/// text, as for invoices; the guide also allows an empty body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditNoteCreated {
    /// The `uuid` header: Digiteal's id of the credit note.
    pub uuid: String,
    /// The image, when the answer is one.
    pub image: Option<Image>,
    /// The EPC payload text, when the answer is text.
    pub qr_text: Option<String>,
    /// `qrText` read with kassa's EPC parser (lenient).
    pub epc: Option<EpcPayment>,
    /// Why `qrText` could not be read as an EPC payload.
    pub epc_error: Option<EpcProblem>,
}

/// The answer of `digiteal.payments.create` and `digiteal.payments.create_for_invoice`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentRequestCreated {
    /// The `uuid` header: Digiteal's id of the payment request.
    pub uuid: String,
    /// The `payment-url-intent` header: the URL (intent) that pays on a smartphone.
    pub payment_url_intent: Option<String>,
    /// The `payment-web-url` header: the URL that pays in a web browser.
    pub payment_web_url: Option<String>,
    /// The body: the payment QR image (PNG).
    pub image: Option<Image>,
}

/// The answer of the four document uploads: the document's `uuid` header, the credit-note
/// upload's `status` header, and the `ResponseEntity` body when there is one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentUploaded {
    /// The `uuid` header: the uploaded document's id.
    pub uuid: String,
    /// The `status` header ("status of the request"), when sent.
    pub status: Option<String>,
    /// The body, when it is a `ResponseEntity` (the guide says it is empty).
    pub response_entity: Option<ResponseEntity>,
}

/// The answer of `digiteal.optin.force`: empty on success (the guide), or a `ResponseEntity`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OptinForced {
    /// The body, when it is a `ResponseEntity`.
    pub response_entity: Option<ResponseEntity>,
}

/// The answer of `digiteal.qr.slip_image`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlipImage {
    /// The image (PNG).
    pub image: Option<Image>,
    /// The `status` header as sent: `0` OK, `1` not OK.
    pub status: Option<String>,
    /// `status` read: `true` for `0`, `false` for `1`, `null` when absent or another value.
    pub ok: Option<bool>,
}

/// The answer of `digiteal.qr.slip_image_inline`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlipImageInline {
    /// The JSON string of the body, as Digiteal sent it (the seed does not say more than
    /// "string").
    pub content: String,
    /// The `status` header as sent: `0` OK, `1` not OK.
    pub status: Option<String>,
    /// `status` read: `true` for `0`, `false` for `1`, `null` otherwise.
    pub ok: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn number_or_text_keeps_the_form() {
        let n: NumberOrText = serde_json::from_value(json!(14)).unwrap();
        let t: NumberOrText = serde_json::from_value(json!("14A")).unwrap();
        assert_eq!((n.clone(), t.clone()), (NumberOrText::Number(14), NumberOrText::Text("14A".into())));
        assert_eq!(serde_json::to_value([n, t]).unwrap(), json!([14, "14A"]));
        assert!(serde_json::from_value::<NumberOrText>(json!(1.5)).is_err());
    }

    #[test]
    fn bytes_from_arrays_and_strings() {
        let a: Bytes = serde_json::from_value(json!([37, 80, 68, 70])).unwrap();
        let s: Bytes = serde_json::from_value(json!("%PDF")).unwrap();
        assert_eq!(a, s);
        assert_eq!(format!("{a:?}"), "<4 bytes>");
        assert!(serde_json::from_value::<Bytes>(json!([256])).is_err());
        assert!(serde_json::from_value::<Bytes>(json!(5)).is_err());
    }

    #[test]
    fn images_serialise_as_bytes() {
        let img = Image { media_type: "image/png".into(), bytes: vec![137, 80] };
        assert_eq!(serde_json::to_value(&img).unwrap(), json!({"mediaType": "image/png", "bytes": [137, 80]}));
        assert_eq!(format!("{img:?}"), r#"Image { media_type: "image/png", bytes: 2 }"#);
    }

    #[test]
    fn response_models_keep_unknown_values() {
        let r: AutoPaymentResult = serde_json::from_value(json!({"status": "LATER", "extra": 1})).unwrap();
        assert_eq!(r.status, Some(AutoPaymentStatus::Other("LATER".into())));
        let e: ResponseEntity =
            serde_json::from_value(json!({"body": {"a": 1}, "statusCode": "OK", "statusCodeValue": 200})).unwrap();
        assert_eq!((e.status_code, e.status_code_value), (Some(HttpStatusName::Ok), Some(200)));
    }
}
