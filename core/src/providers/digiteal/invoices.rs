//! `digiteal.invoices.*`: create (or update) an invoice, list and attach its documents.

use serde::{Deserialize, Serialize};

use super::common::{
    header, info, json_post, languages, one_of, required_header, upload, Content,
    EpcPayment, EpcProblem, Image, ImageFormat, Language, NumberOrText, get,
};
use super::config::DigitealConfig;
use super::errors::api_error;
use super::rules::{self, Query};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse, Method};
use crate::operation::{Operation, OperationInfo};
use crate::wire::{from_json, string_enum};

/// `digiteal.invoices.create`: `POST /api/v1/invoice-request`.
pub type CreateInvoice = InvoiceCreationRequest;

/// `InvoiceCreationRequest`: the body of `POST /api/v1/invoice-request` (create or update an
/// invoice; the operation `digiteal.invoices.create`). `name` and `correlationId` are not body
/// fields: `name` is the query parameter of the same name, `correlationId` the `correlation-id`
/// header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    pub customer_internal_id: String,
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

impl InvoiceCreationRequest {
    /// The seed's and the guide's rules: a customer id (mandatory for an invoice), a reference or
    /// a communication, dates `YYYY-MM-DD`, the listed enum values, `size` at most 4000, checked
    /// IBAN/BIC/references, amounts not negative.
    pub fn check(&self) -> Result<(), Error> {
        rules::required(Some(&self.customer_internal_id), "customerInternalId")?;
        rules::reference_or_text(self.creditor_reference.as_deref(), self.remittance_info.as_deref())?;
        rules::cents(self.amount_in_cents, "amountInCents")?;
        rules::date(self.creation_date.as_deref(), "creationDate")?;
        rules::date(self.due_date.as_deref(), "dueDate")?;
        rules::currency(self.currency.as_deref(), "currency")?;
        rules::country(self.customer_address_country.as_deref(), "customerAddressCountry")?;
        rules::email(self.customer_email.as_deref(), "customerEmail")?;
        rules::email(self.requester_email.as_deref(), "requesterEmail")?;
        rules::iban(self.iban.as_deref(), "iban")?;
        rules::positive_id(self.requester_id, "requesterID")?;
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
    // Not resent once it may have arrived, unless it carries `invoiceInternalId`: see the module
    // docs (a resend then answers INVOICE_PUBLISHED for a published invoice, or updates a DRAFT:
    // never a second invoice).
    const INFO: OperationInfo = info("digiteal.invoices.create", Method::Post, "/api/v1/invoice-request", false);
    type Config = DigitealConfig;
    type Output = InvoiceCreated;
    const OUTCOME_HINT: &'static str = "send it again with an invoiceInternalId next time (a resend is then safe: a published invoice answers INVOICE_PUBLISHED); look for the invoice in Digiteal's web application or wait for its INVOICE_PUBLISHED webhook before creating it again";
    const RESEND_KEY_FIELD: Option<&'static str> = Some("invoiceInternalId");

    fn resend_key(&self) -> Option<&str> {
        self.invoice_internal_id.as_deref()
    }

    fn with_resend_key(&self, key: &str) -> Self {
        InvoiceCreationRequest { invoice_internal_id: Some(key.to_owned()), ..self.clone() }
    }

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

/// The answer of `digiteal.invoices.create`: the headers (`uuid`, `deliveryMethod`,
/// `autoPaymentDate`, `debtorId`) and the body, an image or (formats `QR_TEXT`/`NONE`) the EPC text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

string_enum! {
    /// `publicationStatus` of an invoice.
    pub enum PublicationStatus {
        /// The default: the payment request can no longer be modified.
        Published = "PUBLISHED",
        /// Can still be updated (resend with the same `invoiceInternalId`); users are not notified.
        Draft = "DRAFT",
    }
}

string_enum! {
    /// The `deliveryMethod` header of an invoice creation.
    pub enum DeliveryMethod {
        /// The client chose Digiteal as presentment channel (opted in): attach the documents.
        S2p = "S2P",
    }
}

/// `digiteal.invoices.list_documents`: `GET /api/v1/invoice-getDocumentList?billId=`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ListInvoiceDocuments {
    /// The issuer's own id of the invoice.
    pub bill_id: String,
    /// The `correlation-id` request header.
    #[serde(default, alias = "correlation_id", alias = "correlation-id")]
    pub correlation_id: Option<String>,
}

impl Operation for ListInvoiceDocuments {
    const INFO: OperationInfo =
        info("digiteal.invoices.list_documents", Method::Get, "/api/v1/invoice-getDocumentList", true);
    type Config = DigitealConfig;
    type Output = Vec<DocumentDetails>;

    fn build(&self, config: &DigitealConfig) -> Result<HttpRequest, Error> {
        let bill_id = rules::required(Some(&self.bill_id), "billId")?;
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

/// `DocumentDetails`: one document of `digiteal.invoices.list_documents`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct DocumentDetails {
    /// The document's comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// Its file name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// Its id (64-bit).
    #[serde(default, serialize_with = "crate::wire::opt_id")]
    #[cfg_attr(feature = "schema", schemars(extend("x-kassa-id" = true)))]
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
