//! The Digiteal operations that send a request: each checks the seed's and the guide's rules,
//! builds the request, and parses the answer (JSON, an image, EPC text, or headers only).

use std::borrow::Cow;

use serde::Deserialize;

use super::config::DigitealConfig;
use super::errors::api_error;
use super::multipart::{self, Part};
use super::rules::{self, invalid, Query};
use super::types::{
    AutoPaymentRequest, AutoPaymentResult, Bytes, CompanyInfo, CreditNoteCreated, CreditNoteCreationRequest,
    DeliveryMethod, DocumentDetails, DocumentUploaded, EpcPayment, EpcProblem, Image, ImageFormat, InvoiceCreated,
    InvoiceCreationRequest, InvoicePaymentRequest, Language, OptinForced, PaymentCreationRequest,
    PaymentRequestCreated, PersonInfo, PublicationStatus, RequestStatus, ResponseEntity, SlipImage, SlipImageInline,
    SlipImageRequest,
};
use crate::epc::{self, Mode};
use crate::error::Error;
use crate::http::{Headers, HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::{from_json, path_segment, to_json};

/// `digiteal.invoices.create`: `POST /api/v1/invoice-request`.
pub type CreateInvoice = InvoiceCreationRequest;
/// `digiteal.credit_notes.create`: `POST /api/v1/credit-note`.
pub type CreateCreditNote = CreditNoteCreationRequest;
/// `digiteal.payments.create`: `POST /api/v1/payment-request`.
pub type CreatePayment = PaymentCreationRequest;
/// `digiteal.payments.create_for_invoice`: `POST /api/v1/payment-request/invoice`.
pub type CreateInvoicePayment = InvoicePaymentRequest;
/// `digiteal.autopay.request`: `POST /api/v1/autopay-request`.
pub type RequestAutoPayment = AutoPaymentRequest;
/// `digiteal.qr.slip_image`: `GET /api/v1/image-request/slip-image-anonymous`.
pub type GetSlipImage = SlipImageRequest;

/// `digiteal.qr.slip_image_inline`: `GET /api/v1/image-request/slip-image-anonymous-inline`, the
/// same query as [`GetSlipImage`], answered with a JSON string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct GetSlipImageInline(pub SlipImageRequest);

/// `digiteal.invoices.list_documents`: `GET /api/v1/invoice-getDocumentList?billId=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ListInvoiceDocuments {
    /// The issuer's own id of the invoice.
    #[serde(default)]
    pub bill_id: Option<String>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `digiteal.integrator.company_info`: `GET /api/v1/integrator/company-info?vatNumber=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GetCompanyInfo {
    /// The company's VAT number.
    #[serde(default)]
    pub vat_number: Option<String>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `digiteal.integrator.person_info`: `GET /api/v1/integrator/person-info?email=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GetPersonInfo {
    /// The person's email address.
    #[serde(default)]
    pub email: Option<String>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

/// `digiteal.optin.force`: `POST /api/v1/optin/force/{requestorVAT}/{clientInternalId}/{clientEmail}`,
/// the three path parameters the guide calls necessary, and the seed's optional `User-Agent`
/// header (browsers do not let a page set it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ForceOptin {
    /// The VAT number of the company issuing the invoices.
    #[serde(default, rename = "requestorVAT")]
    pub requestor_vat: Option<String>,
    /// The customer's id in the issuer's system.
    #[serde(default)]
    pub client_internal_id: Option<String>,
    /// The customer's email address.
    #[serde(default)]
    pub client_email: Option<String>,
    /// The `User-Agent` header to send.
    #[serde(default, rename = "User-Agent", alias = "userAgent", alias = "user_agent")]
    pub user_agent: Option<String>,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
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
        #[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "camelCase")]
        pub struct $name {
            $(#[$idmeta])*
            #[serde(default, rename = $wire)]
            pub $id: Option<String>,
            /// The document's name, which Digiteal shows.
            #[serde(default)]
            pub name: Option<String>,
            /// A comment on the document.
            #[serde(default)]
            pub comment: Option<String>,
            /// Only when calling as an integrator: the requester's id.
            #[serde(default, rename = "requesterID")]
            pub requester_id: Option<i64>,
            /// The document's bytes (an array of numbers 0-255, or a string).
            #[serde(default)]
            pub document: Option<Bytes>,
            /// The file name of the file part; `name`, else `document.pdf`, by default.
            #[serde(default, alias = "file_name")]
            pub file_name: Option<String>,
            /// The media type of the file part; `application/pdf` by default.
            #[serde(default, alias = "media_type")]
            pub media_type: Option<String>,
            /// The multipart boundary (the bindings pass a random one; the core draws none).
            #[serde(default)]
            pub boundary: Option<String>,
            /// The `correlation-id` request header.
            #[serde(default, alias = "correlation_id", alias = "correlation-id")]
            pub correlation_id: Option<String>,
        }

        impl Operation for $name {
            const INFO: OperationInfo = info($op, Method::Post, $path, false);
            type Config = DigitealConfig;
            type Output = DocumentUploaded;

            fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
                let id = rules::required(self.$id.as_deref(), $wire)?;
                let upload = Upload {
                    id: ($wire, id),
                    name: self.name.as_deref(),
                    comment: self.comment.as_deref(),
                    requester_id: self.requester_id,
                    document: self.document.as_ref(),
                    file_name: self.file_name.as_deref(),
                    media_type: self.media_type.as_deref(),
                    boundary: self.boundary.as_deref(),
                    correlation_id: self.correlation_id.as_deref(),
                };
                upload.build(config, $path)
            }

            fn parse(response: &HttpResponse) -> Result<DocumentUploaded, Error> {
                parse_uploaded(response)
            }
        }
    };
}

upload! {
    /// `digiteal.invoices.send_document`: `POST /api/v1/invoice-sendDoc`, a document for the invoice
    /// of `uuid`. (The seed lists the form field `name` twice; it is sent once.)
    SendInvoiceDocument {
        /// The invoice's UUID, as `digiteal.invoices.create` answered it.
        uuid = "uuid"
    },
    "digiteal.invoices.send_document", "/api/v1/invoice-sendDoc"
}

upload! {
    /// `digiteal.invoices.send_document_by_internal_id`: `POST /api/v1/invoice-sendDocWithBillerId`,
    /// a document for the invoice the issuer calls `billId`.
    SendInvoiceDocumentByInternalId {
        /// The issuer's own id of the invoice (`invoiceInternalId` at creation).
        bill_id = "billId"
    },
    "digiteal.invoices.send_document_by_internal_id", "/api/v1/invoice-sendDocWithBillerId"
}

upload! {
    /// `digiteal.credit_notes.send_document`: `POST /api/v1/creditNote-sendDoc`, a document for the
    /// credit note of `uuid`.
    SendCreditNoteDocument {
        /// The credit note's UUID, as `digiteal.credit_notes.create` answered it.
        uuid = "uuid"
    },
    "digiteal.credit_notes.send_document", "/api/v1/creditNote-sendDoc"
}

upload! {
    /// `digiteal.credit_notes.send_document_by_internal_id`:
    /// `POST /api/v1/creditNote-sendDocWithBillerId`, a document for the credit note the issuer
    /// calls `creditNoteId`.
    SendCreditNoteDocumentByInternalId {
        /// The issuer's own id of the credit note (`creditNoteInternalId` at creation).
        credit_note_id = "creditNoteId"
    },
    "digiteal.credit_notes.send_document_by_internal_id", "/api/v1/creditNote-sendDocWithBillerId"
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/// GETs and the idempotent opt-in are safe to repeat; creations are not (see the module docs).
const fn info(id: &'static str, method: Method, path: &'static str, retry_safe: bool) -> OperationInfo {
    OperationInfo { id, provider: "digiteal", method, path, retry_safe }
}

/// What a request carries besides its method and URL.
struct Send<'a> {
    auth: bool,
    accept: &'static str,
    correlation_id: Option<&'a str>,
    content_type: Option<String>,
    body: Vec<u8>,
}

fn request(config: &DigitealConfig, method: Method, url: String, send: Send<'_>) -> Result<HttpRequest, Error> {
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

fn json_post<T: serde::Serialize>(
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

fn get(
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
fn one_of(value: Option<&str>, known: &[&str], field: impl Into<Cow<'static, str>>) -> Result<(), Error> {
    match value {
        Some(v) if !known.iter().any(|k| k.eq_ignore_ascii_case(v)) => {
            Err(invalid(field, format!("`{v}` is not one of {}", known.join(", "))))
        }
        _ => Ok(()),
    }
}

fn languages(
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

impl InvoiceCreationRequest {
    /// The seed's and the guide's rules: a customer id (mandatory for an invoice), a reference or
    /// a communication, dates `YYYY-MM-DD`, the listed enum values, `size` at most 4000, checked
    /// IBAN/BIC/references, amounts not negative.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(self.customer_internal_id.as_deref(), "customerInternalId")?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        rules::cents(self.amount_in_cents, "amountInCents")?;
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::date(self.due_date.as_deref(), "dueDate")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.customer_address_country.as_deref(), "customerAddressCountry")?;
        rules::email(self.customer_email.as_deref(), "customerEmail")?;
        rules::email(self.requester_email.as_deref(), "requesterEmail")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        rules::size(self.size, "size")?;
        rules::not_blank(self.invoice_internal_id.as_deref(), "invoiceInternalId")?;
        rules::not_blank(self.name.as_deref(), "name")?;
        one_of(self.format.as_ref().map(ImageFormat::as_str), ImageFormat::KNOWN, "format")?;
        one_of(
            self.publication_status.as_ref().map(PublicationStatus::as_str),
            PublicationStatus::KNOWN,
            "publicationStatus",
        )?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), self.languages.as_ref())
    }
}

impl Operation for InvoiceCreationRequest {
    // Not resent once it may have arrived: see the module docs (`invoiceInternalId` makes a
    // deliberate resend safe to detect: INVOICE_PUBLISHED, or an update of a DRAFT).
    const INFO: OperationInfo = info("digiteal.invoices.create", Method::Post, "/api/v1/invoice-request", false);
    type Config = DigitealConfig;
    type Output = InvoiceCreated;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        let mut query = Query::default();
        query.opt("name", self.name.as_deref());
        json_post(config, Self::INFO.path, self, "*/*", self.correlation_id.as_deref(), query)
    }

    fn parse(response: &HttpResponse) -> Result<InvoiceCreated, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let uuid = required_header(response, "uuid")?;
        let delivery_method = header(response, "deliveryMethod")
            .filter(|v| !v.eq_ignore_ascii_case("null"))
            .map(|v| DeliveryMethod::from(v.as_str()));
        let auto_payment_date = match header(response, "autoPaymentDate").filter(|v| !v.eq_ignore_ascii_case("null")) {
            None => None,
            Some(raw) => Some(rules::dmy_to_iso(&raw).ok_or_else(|| {
                Error::decode("autoPaymentDate", format!("expected a date written dd/MM/yyyy, got `{raw}`"))
            })?),
        };
        let content = Content::read(response);
        Ok(InvoiceCreated {
            uuid,
            opted_in: delivery_method == Some(DeliveryMethod::S2p),
            delivery_method,
            auto_payment_date,
            debtor_id: header(response, "debtorId"),
            image: content.image,
            qr_text: content.qr_text,
            epc: content.epc,
            epc_error: content.epc_error,
        })
    }
}

impl CreditNoteCreationRequest {
    /// The related invoice's UUID and a credited amount above zero are required; dates, enums and
    /// `size` as for invoices.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(self.invoice_uuid.as_deref(), "invoiceUUID")?;
        rules::positive_cents(self.amount_in_cents, "amountInCents")?;
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::not_blank(self.credit_note_internal_id.as_deref(), "creditNoteInternalId")?;
        rules::size(self.size, "size")?;
        one_of(self.format.as_ref().map(ImageFormat::as_str), ImageFormat::KNOWN, "format")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), None)
    }
}

impl Operation for CreditNoteCreationRequest {
    const INFO: OperationInfo = info("digiteal.credit_notes.create", Method::Post, "/api/v1/credit-note", false);
    type Config = DigitealConfig;
    type Output = CreditNoteCreated;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "*/*", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<CreditNoteCreated, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let uuid = required_header(response, "uuid")?;
        let content = Content::read(response);
        Ok(CreditNoteCreated {
            uuid,
            image: content.image,
            qr_text: content.qr_text,
            epc: content.epc,
            epc_error: content.epc_error,
        })
    }
}

impl PaymentCreationRequest {
    /// `confirmationURL` and `errorURL` are mandatory (the seed); a fixed `amountInCents` or a
    /// min/max/suggested amount, never both; a reference or a communication; `validityInMinutes`
    /// 1 to 127.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(self.confirmation_url.as_deref(), "confirmationURL")?;
        rules::required(self.error_url.as_deref(), "errorURL")?;
        rules::url(self.confirmation_url.as_deref(), "confirmationURL")?;
        rules::url(self.error_url.as_deref(), "errorURL")?;
        rules::url(self.cancel_url.as_deref(), "cancelURL")?;
        rules::amount_choice(
            self.amount_in_cents,
            self.min_amount_in_cents,
            self.max_amount_in_cents,
            self.suggested_amount_in_cents,
        )?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        if let Some(v) = self.validity_in_minutes {
            if !(1..=127).contains(&v) {
                return Err(invalid("validityInMinutes", format!("the validity is 1 to 127 minutes, got {v}")));
            }
        }
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.customer_address_country.as_deref(), "customerAddressCountry")?;
        rules::email(self.customer_email.as_deref(), "customerEmail")?;
        rules::email(self.requester_email.as_deref(), "requesterEmail")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        rules::not_blank(self.payment_internal_id.as_deref(), "paymentInternalId")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), None)
    }
}

impl Operation for PaymentCreationRequest {
    const INFO: OperationInfo = info("digiteal.payments.create", Method::Post, "/api/v1/payment-request", false);
    type Config = DigitealConfig;
    type Output = PaymentRequestCreated;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "*/*", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<PaymentRequestCreated, Error> {
        parse_payment(response)
    }
}

impl InvoicePaymentRequest {
    /// The invoice is named by `uuid` or `invoiceInternalId` (the UUID wins when both are given);
    /// URLs are absolute http(s).
    pub fn check(&self) -> Result<(), Error> {
        if self.uuid.is_none() && self.invoice_internal_id.is_none() {
            return Err(invalid("uuid", "name the invoice: give its uuid or its invoiceInternalId"));
        }
        rules::not_blank(self.uuid.as_deref(), "uuid")?;
        rules::not_blank(self.invoice_internal_id.as_deref(), "invoiceInternalId")?;
        rules::url(self.confirmation_url.as_deref(), "confirmationURL")?;
        rules::url(self.error_url.as_deref(), "errorURL")?;
        rules::url(self.cancel_url.as_deref(), "cancelURL")
    }
}

impl Operation for InvoicePaymentRequest {
    const INFO: OperationInfo =
        info("digiteal.payments.create_for_invoice", Method::Post, "/api/v1/payment-request/invoice", false);
    type Config = DigitealConfig;
    type Output = PaymentRequestCreated;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "*/*", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<PaymentRequestCreated, Error> {
        parse_payment(response)
    }
}

impl AutoPaymentRequest {
    /// An amount above zero, the customer (`customerInternalId` or `customerEmail`), a reference
    /// or a communication; the same field checks as invoices.
    pub fn check(&self) -> Result<(), Error> {
        rules::positive_cents(self.amount_in_cents, "amountInCents")?;
        if self.customer_internal_id.is_none() && self.customer_email.is_none() {
            return Err(invalid("customerInternalId", "name the customer: give customerInternalId or customerEmail"));
        }
        rules::not_blank(self.customer_internal_id.as_deref(), "customerInternalId")?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.customer_address_country.as_deref(), "customerAddressCountry")?;
        rules::email(self.customer_email.as_deref(), "customerEmail")?;
        rules::email(self.requester_email.as_deref(), "requesterEmail")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), None)
    }
}

impl Operation for AutoPaymentRequest {
    // Never resent once it may have arrived: a second attempt could pay twice.
    const INFO: OperationInfo = info("digiteal.autopay.request", Method::Post, "/api/v1/autopay-request", false);
    type Config = DigitealConfig;
    type Output = AutoPaymentResult;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        json_post(config, Self::INFO.path, self, "application/json", self.correlation_id.as_deref(), Query::default())
    }

    fn parse(response: &HttpResponse) -> Result<AutoPaymentResult, Error> {
        parse_json(response)
    }
}

impl Operation for ListInvoiceDocuments {
    const INFO: OperationInfo =
        info("digiteal.invoices.list_documents", Method::Get, "/api/v1/invoice-getDocumentList", true);
    type Config = DigitealConfig;
    type Output = Vec<DocumentDetails>;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let bill_id = rules::required(self.bill_id.as_deref(), "billId")?;
        let mut query = Query::default();
        query.push("billId", bill_id);
        get(config, Self::INFO.path, query, true, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<Vec<DocumentDetails>, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        // An empty body is an empty list (from_json would read it as `{}`).
        if response.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Vec::new());
        }
        from_json(&response.body)
    }
}

impl Operation for GetCompanyInfo {
    const INFO: OperationInfo =
        info("digiteal.integrator.company_info", Method::Get, "/api/v1/integrator/company-info", true);
    type Config = DigitealConfig;
    type Output = CompanyInfo;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let vat = rules::required(self.vat_number.as_deref(), "vatNumber")?;
        let mut query = Query::default();
        query.push("vatNumber", vat);
        get(config, Self::INFO.path, query, true, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<CompanyInfo, Error> {
        parse_json(response)
    }
}

impl Operation for GetPersonInfo {
    const INFO: OperationInfo =
        info("digiteal.integrator.person_info", Method::Get, "/api/v1/integrator/person-info", true);
    type Config = DigitealConfig;
    type Output = PersonInfo;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let email = rules::required(self.email.as_deref(), "email")?;
        rules::email(Some(email), "email")?;
        let mut query = Query::default();
        query.push("email", email);
        get(config, Self::INFO.path, query, true, "application/json", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<PersonInfo, Error> {
        parse_json(response)
    }
}

impl Operation for ForceOptin {
    // Forcing an opt-in twice leaves the same state: safe to resend.
    const INFO: OperationInfo = info(
        "digiteal.optin.force",
        Method::Post,
        "/api/v1/optin/force/{requestorVAT}/{clientInternalId}/{clientEmail}",
        true,
    );
    type Config = DigitealConfig;
    type Output = OptinForced;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let vat = rules::required(self.requestor_vat.as_deref(), "requestorVAT")?;
        let id = rules::required(self.client_internal_id.as_deref(), "clientInternalId")?;
        let email = rules::required(self.client_email.as_deref(), "clientEmail")?;
        rules::email(Some(email), "clientEmail")?;
        rules::header_text(self.user_agent.as_deref(), "User-Agent")?;
        let path = format!(
            "/api/v1/optin/force/{}/{}/{}",
            path_segment(vat, "requestorVAT")?,
            path_segment(id, "clientInternalId")?,
            path_segment(email, "clientEmail")?
        );
        let send = Send {
            auth: true,
            accept: "*/*",
            correlation_id: self.correlation_id.as_deref(),
            content_type: None,
            body: Vec::new(),
        };
        let mut req = request(config, Method::Post, config.base_url().join(&path), send)?;
        if let Some(agent) = &self.user_agent {
            req.headers.append("User-Agent", agent.as_str());
        }
        Ok(req)
    }

    fn parse(response: &HttpResponse) -> Result<OptinForced, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        Ok(OptinForced { response_entity: response_entity(&response.body) })
    }
}

impl SlipImageRequest {
    /// A reference or a communication, amounts not negative, dates `YYYY-MM-DD`, `size` at most
    /// 4000, the listed enum values, checked IBAN/BIC/references.
    pub fn check(&self) -> Result<(), Error> {
        rules::cents(self.amount, "amount")?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        rules::date(self.bill_date.as_deref(), "billDate")?;
        rules::date(self.due_date.as_deref(), "dueDate")?;
        rules::size(self.size, "size")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::bic(self.bic.as_deref(), "bic")?;
        rules::purpose(self.purpose.as_deref(), "purpose")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.debtor_country.as_deref(), "debtorCountry")?;
        rules::email(self.debtor_email.as_deref(), "debtorEmail")?;
        rules::email(self.requestor_email.as_deref(), "requestorEmail")?;
        one_of(self.format.as_ref().map(ImageFormat::as_str), ImageFormat::KNOWN, "format")?;
        one_of(self.request_status.as_ref().map(RequestStatus::as_str), RequestStatus::KNOWN, "requestStatus")?;
        languages(self.language.as_ref(), self.secondary_language.as_ref(), self.languages.as_ref())
    }

    /// The query, in the order of the guide's example
    /// (`iban, billerName, amount, remittanceInfo, format, language`) with the other parameters
    /// where they belong; `languages` as repeated parameters.
    pub(crate) fn query(&self) -> Query {
        let mut q = Query::default();
        q.opt("iban", self.iban.as_deref());
        q.opt("bic", self.bic.as_deref());
        q.opt("billerName", self.biller_name.as_deref());
        q.opt("billerVAT", self.biller_vat.as_deref());
        q.opt("requestorEmail", self.requestor_email.as_deref());
        q.opt("amount", self.amount.as_ref());
        q.opt("currency", self.currency.as_deref());
        q.opt("creditorReference", self.creditor_reference.as_deref());
        q.opt("remittanceInfo", self.remittance_info.as_deref());
        q.opt("purpose", self.purpose.as_deref());
        q.opt("billId", self.bill_id.as_deref());
        q.opt("billDate", self.bill_date.as_deref());
        q.opt("dueDate", self.due_date.as_deref());
        q.opt("debtorId", self.debtor_id.as_deref());
        q.opt("debtorFirstName", self.debtor_first_name.as_deref());
        q.opt("debtorName", self.debtor_name.as_deref());
        q.opt("debtorEmail", self.debtor_email.as_deref());
        q.opt("debtorMobilePhoneNumber", self.debtor_mobile_phone_number.as_deref());
        q.opt("debtorVAT", self.debtor_vat.as_deref());
        q.opt("debtorStreetName", self.debtor_street_name.as_deref());
        q.opt("debtorHouseNumber", self.debtor_house_number.as_deref());
        q.opt("debtorZipCode", self.debtor_zip_code.as_deref());
        q.opt("debtorCity", self.debtor_city.as_deref());
        q.opt("debtorCountry", self.debtor_country.as_deref());
        q.opt("directPayment", self.direct_payment.as_ref());
        q.opt("requestStatus", self.request_status.as_ref().map(RequestStatus::as_str));
        q.opt("format", self.format.as_ref().map(ImageFormat::as_str));
        q.opt("size", self.size.as_ref());
        q.opt("language", self.language.as_ref().map(Language::as_str));
        q.opt("secondaryLanguage", self.secondary_language.as_ref().map(Language::as_str));
        for l in self.languages.iter().flatten() {
            q.push("languages", l.as_str());
        }
        q
    }
}

impl Operation for SlipImageRequest {
    const INFO: OperationInfo =
        info("digiteal.qr.slip_image", Method::Get, "/api/v1/image-request/slip-image-anonymous", true);
    type Config = DigitealConfig;
    type Output = SlipImage;

    /// Anonymous: sent without credentials, so it works with a config that has none.
    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.check()?;
        get(config, Self::INFO.path, self.query(), false, "*/*", self.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<SlipImage, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let (status, ok) = status_header(response);
        let image = (!blank(&response.body)).then(|| image_of(response));
        Ok(SlipImage { image, status, ok })
    }
}

impl Operation for GetSlipImageInline {
    const INFO: OperationInfo =
        info("digiteal.qr.slip_image_inline", Method::Get, "/api/v1/image-request/slip-image-anonymous-inline", true);
    type Config = DigitealConfig;
    type Output = SlipImageInline;

    /// Anonymous, as [`GetSlipImage`].
    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        self.0.check()?;
        get(config, Self::INFO.path, self.0.query(), false, "application/json", self.0.correlation_id.as_deref())
    }

    fn parse(response: &HttpResponse) -> Result<SlipImageInline, Error> {
        if !response.is_success() {
            return Err(Error::Api(api_error(response)));
        }
        let (status, ok) = status_header(response);
        let content: String = serde_json::from_slice(&response.body)
            .map_err(|e| Error::decode("body", format!("expected a JSON string: {e}")))?;
        Ok(SlipImageInline { content, status, ok })
    }
}

/// The form fields and file of one upload.
struct Upload<'a> {
    id: (&'static str, &'a str),
    name: Option<&'a str>,
    comment: Option<&'a str>,
    requester_id: Option<i64>,
    document: Option<&'a Bytes>,
    file_name: Option<&'a str>,
    media_type: Option<&'a str>,
    boundary: Option<&'a str>,
    correlation_id: Option<&'a str>,
}

impl Upload<'_> {
    fn build(&self, config: &DigitealConfig, path: &str) -> Result<HttpRequest, Error> {
        let document = match self.document {
            Some(d) if !d.0.is_empty() => d,
            Some(_) => return Err(invalid("document", "the document is empty")),
            None => return Err(invalid("document", "`document` (the file's bytes) is required")),
        };
        let boundary = self.boundary.ok_or_else(|| {
            invalid("boundary", "`boundary` is required: the core draws no random numbers (the bindings pass one)")
        })?;
        rules::not_blank(self.name, "name")?;
        rules::header_text(self.file_name, "fileName")?;
        rules::header_text(self.media_type, "mediaType")?;
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
        let form = multipart::build(boundary, &parts)?;
        let send = Send {
            auth: true,
            accept: "*/*",
            correlation_id: self.correlation_id,
            content_type: Some(form.content_type),
            body: form.body,
        };
        request(config, Method::Post, config.base_url().join(path), send)
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

fn parse_json<T: serde::de::DeserializeOwned>(response: &HttpResponse) -> Result<T, Error> {
    if response.is_success() {
        from_json(&response.body)
    } else {
        Err(Error::Api(api_error(response)))
    }
}

fn blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// A header's value, trimmed; `None` when absent or empty.
fn header(response: &HttpResponse, name: &str) -> Option<String> {
    response.headers.get(name).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned)
}

fn required_header(response: &HttpResponse, name: &'static str) -> Result<String, Error> {
    header(response, name).ok_or_else(|| Error::decode(name, format!("the answer lacks the `{name}` header")))
}

/// The `status` header of the QR images: `0` OK, `1` not OK.
fn status_header(response: &HttpResponse) -> (Option<String>, Option<bool>) {
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
fn response_entity(body: &[u8]) -> Option<ResponseEntity> {
    if blank(body) {
        return None;
    }
    serde_json::from_slice::<ResponseEntity>(body).ok()
}

fn parse_uploaded(response: &HttpResponse) -> Result<DocumentUploaded, Error> {
    if !response.is_success() {
        return Err(Error::Api(api_error(response)));
    }
    Ok(DocumentUploaded {
        uuid: required_header(response, "uuid")?,
        status: header(response, "status"),
        response_entity: response_entity(&response.body),
    })
}

fn parse_payment(response: &HttpResponse) -> Result<PaymentRequestCreated, Error> {
    if !response.is_success() {
        return Err(Error::Api(api_error(response)));
    }
    Ok(PaymentRequestCreated {
        uuid: required_header(response, "uuid")?,
        payment_url_intent: header(response, "payment-url-intent"),
        payment_web_url: header(response, "payment-web-url"),
        image: (!blank(&response.body)).then(|| image_of(response)),
    })
}

/// The declared media type without parameters, lower case; `None` when it says nothing
/// (absent, `*/*`, `application/octet-stream`).
fn declared_type(response: &HttpResponse) -> Option<String> {
    let value = response.headers.get("content-type")?;
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    match essence.as_str() {
        "" | "*/*" | "application/octet-stream" => None,
        _ => Some(essence),
    }
}

/// The media type the bytes announce: PNG, JPEG, GIF by signature; SVG by its root element.
fn sniff(body: &[u8]) -> Option<&'static str> {
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
fn image_of(response: &HttpResponse) -> Image {
    let declared = declared_type(response).filter(|t| t.starts_with("image/"));
    let media_type = declared
        .or_else(|| sniff(&response.body).map(str::to_owned))
        .or_else(|| declared_type(response))
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    Image { media_type, bytes: response.body.clone() }
}

/// The body of an invoice or credit-note creation: an image, or the EPC text (`QR_TEXT`, `NONE`),
/// or nothing.
struct Content {
    image: Option<Image>,
    qr_text: Option<String>,
    epc: Option<EpcPayment>,
    epc_error: Option<EpcProblem>,
}

impl Content {
    fn read(response: &HttpResponse) -> Content {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Secret;
    use serde_json::json;

    fn config() -> DigitealConfig {
        DigitealConfig::new("user", Secret::new("pass")).unwrap()
    }

    fn field_of(e: Error) -> String {
        match e {
            Error::Validation(v) => v.field.into_owned(),
            other => panic!("not a validation error: {other:?}"),
        }
    }

    #[test]
    fn invoice_rules_name_the_field() {
        let ok = json!({"customerInternalId": "C1", "remittanceInfo": "Invoice 1"});
        let base: InvoiceCreationRequest = serde_json::from_value(ok).unwrap();
        assert!(base.build(&config()).is_ok());
        let cases: Vec<(serde_json::Value, &str)> = vec![
            (json!({"remittanceInfo": "x"}), "customerInternalId"),
            (json!({"customerInternalId": "C1"}), "creditorReference"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "size": 4001}), "size"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "dueDate": "31/12/2019"}), "dueDate"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "format": "JPEG"}), "format"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "languages": ["EN", "string"]}), "languages[1]"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "purpose": "gift"}), "purpose"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "amountInCents": -1}), "amountInCents"),
            (json!({"customerInternalId": "C1", "creditorReference": "000600232563"}), "creditorReference"),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "iban": "BE00"}), "iban"),
            (
                json!({"customerInternalId": "C1", "remittanceInfo": "x", "publicationStatus": "FINAL"}),
                "publicationStatus",
            ),
            (json!({"customerInternalId": "C1", "remittanceInfo": "x", "correlationId": "a\nb"}), "correlationId"),
        ];
        for (params, field) in cases {
            let op: InvoiceCreationRequest = serde_json::from_value(params.clone()).unwrap();
            assert_eq!(field_of(op.build(&config()).unwrap_err()), field, "{params}");
        }
        // Lower-case enum values, as the guide writes them, are accepted and sent as given.
        let lower: InvoiceCreationRequest = serde_json::from_value(
            json!({"customerInternalId": "C1", "remittanceInfo": "x", "format": "qr_text", "language": "fr"}),
        )
        .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&lower.build(&config()).unwrap().body).unwrap();
        assert_eq!((&body["format"], &body["language"]), (&json!("qr_text"), &json!("fr")));
    }

    #[test]
    fn credentials_are_needed_except_for_anonymous_images() {
        let anon = DigitealConfig::anonymous();
        let invoice: InvoiceCreationRequest =
            serde_json::from_value(json!({"customerInternalId": "C1", "remittanceInfo": "x"})).unwrap();
        assert_eq!(invoice.build(&anon).unwrap_err().code(), "digiteal_credentials");
        let slip: SlipImageRequest =
            serde_json::from_value(json!({"iban": "BE72000000001616", "remittanceInfo": "x"})).unwrap();
        let req = slip.build(&anon).unwrap();
        assert!(req.headers.get("authorization").is_none());
        // Even with credentials, the anonymous endpoints get none.
        assert!(slip.build(&config()).unwrap().headers.get("authorization").is_none());
    }

    #[test]
    fn content_is_told_apart() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let resp = |ct: Option<&str>, body: &[u8]| {
            let mut h: Headers = [("uuid", "u-1")].into_iter().collect();
            if let Some(ct) = ct {
                h.append("Content-Type", ct);
            }
            HttpResponse::new(200, h, body.to_vec())
        };
        let out = InvoiceCreationRequest::parse(&resp(None, &png)).unwrap();
        assert_eq!(out.image.unwrap().media_type, "image/png");
        let out =
            InvoiceCreationRequest::parse(&resp(Some("*/*"), b"<svg xmlns='http://www.w3.org/2000/svg'/>")).unwrap();
        assert_eq!(out.image.unwrap().media_type, "image/svg+xml");
        let epc_text =
            "BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR12.34\nGDDS\n000600232562";
        let out = InvoiceCreationRequest::parse(&resp(Some("text/plain;charset=UTF-8"), epc_text.as_bytes())).unwrap();
        assert_eq!(out.qr_text.as_deref(), Some(epc_text));
        let epc = out.epc.unwrap();
        assert_eq!((epc.amount_cents, epc.iban.as_str()), (Some(1234), "BE72000000001616"));
        let out = InvoiceCreationRequest::parse(&resp(Some("text/plain"), b"not an EPC payload")).unwrap();
        assert_eq!(out.qr_text.as_deref(), Some("not an EPC payload"));
        assert!(out.epc.is_none() && out.epc_error.is_some());
        let out = InvoiceCreationRequest::parse(&resp(None, b"")).unwrap();
        assert!(out.image.is_none() && out.qr_text.is_none() && !out.opted_in);
        let err = InvoiceCreationRequest::parse(&HttpResponse::new(200, Headers::new(), png.clone())).unwrap_err();
        assert_eq!((err.kind(), err.to_string().contains("uuid")), ("decode", true));
    }

    #[test]
    fn never_panics_on_odd_bodies() {
        let odd: [&[u8]; 6] =
            [b"", b"\xff\xfe", b"BCD", b"BCD\n\n\n\n\n\n\n\n\n\n\n\n\n\n", b"\x89PNG", b"{\"errorCode\": 5}"];
        for body in odd {
            for status in [200, 400, 500] {
                let h: Headers =
                    [("uuid", "u"), ("autoPaymentDate", "31/12/2019"), ("status", "x")].into_iter().collect();
                let r = HttpResponse::new(status, h, body.to_vec());
                let _ = InvoiceCreationRequest::parse(&r);
                let _ = CreditNoteCreationRequest::parse(&r);
                let _ = PaymentCreationRequest::parse(&r);
                let _ = SlipImageRequest::parse(&r);
                let _ = GetSlipImageInline::parse(&r);
                let _ = ListInvoiceDocuments::parse(&r);
                let _ = ForceOptin::parse(&r);
                let _ = SendInvoiceDocument::parse(&r);
                let _ = AutoPaymentRequest::parse(&r);
            }
        }
    }
}
